"""来电登记: the form a dispatcher fills in while on the phone (Ctrl+N on the desk).

Left, what the caller says: 来电人, 电话, 渠道, 事发地址, 问题描述, 紧急, photos (添加照片…
Ctrl+O, or files dropped on the form; Delete removes the selected one). Right, what the form
proposes as the dispatcher types, computed on the database worker 400 ms after the last key
(a result for older text is dropped): up to three grids from the address and three 小类 from
the description, each with why; the suggested department; possible duplicates (Enter or a
double click shows one, read-only).

Nothing proposed is taken silently: Alt+1…3 confirms a grid proposal, Ctrl+1…3 a 小类 proposal
(or Enter on a proposal), F3 / F4 pick another grid / 小类 by name, code or pinyin. Saving waits
for both: Ctrl+Enter saves the case in 待立案; Ctrl+Shift+Enter saves it 立案 at once, for a
role that may register. Every check is made again in `db` (db.intake.calls.take_call).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.intake.calls import (
    CHANNELS,
    CallForm,
    PickItem,
    PickLists,
    Proposals,
    TakenCall,
    may_register_at_once,
    may_take_calls,
    pick_lists,
    proposals,
    take_call,
)
from db.intake.photos import FILE_PATTERNS, MAX_PHOTOS, CheckedPhoto, read_photo, thumbnail_png
from db.reference.choices import Choice
from desktop.common.db_messages import db_message_text
from desktop.common.error_text import error_text
from desktop.core.context import AppContext
from desktop.core.tasks import TaskControl
from desktop.intake.models import ChoiceModel, DuplicateModel
from desktop.intake.pickers import CaseView, PickerDialog

DEBOUNCE_MS = 400
THUMB = QSize(96, 96)
_PHOTO_SUFFIXES = frozenset(p.removeprefix("*") for p in FILE_PATTERNS)


def _table(parent: QWidget, model: ChoiceModel | DuplicateModel, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


class CallFormDialog(QDialog):
    """The 来电登记 form. `case_taken` carries the `TakenCall` once the case is saved."""

    case_taken = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("callForm")
        self.setWindowTitle(self.tr("来电登记"))
        self.setAcceptDrops(True)
        self.resize(1180, 720)
        self.grid: Choice | None = None  # confirmed
        self.category: Choice | None = None
        self.photos: list[CheckedPhoto] = []
        self.lists = PickLists((), ())
        self.latest: Proposals | None = None
        self._generation = 0  # of the text asked about; older answers are dropped
        self.saving = False

        # --- what the caller says ---------------------------------------------------------
        call_box = QGroupBox(self.tr("来电内容"), self)
        form = QFormLayout(call_box)
        self.caller_edit = QLineEdit(call_box)
        self.caller_edit.setObjectName("callerName")
        self.caller_edit.setPlaceholderText(self.tr("姓名，可留空"))
        self.phone_edit = QLineEdit(call_box)
        self.phone_edit.setObjectName("callerPhone")
        self.phone_edit.setPlaceholderText(self.tr("手机或带区号的固定电话"))
        self.channel_combo = QComboBox(call_box)
        self.channel_combo.setObjectName("channel")
        channel_texts = {
            "来电": self.tr("来电"),
            "来访": self.tr("来访"),
            "网格上传": self.tr("网格上传"),
            "12345": self.tr("12345 热线"),
            "上级交办": self.tr("上级交办"),
            "巡查发现": self.tr("巡查发现"),
        }
        for channel in CHANNELS:
            self.channel_combo.addItem(channel_texts.get(channel, channel), channel)
        self.urgent_check = QCheckBox(self.tr("紧急"), call_box)
        self.urgent_check.setObjectName("urgent")
        self.address_edit = QLineEdit(call_box)
        self.address_edit.setObjectName("address")
        self.address_edit.setPlaceholderText(self.tr("如：紫金路149号 紫金小区3号楼门口"))
        self.description_edit = QPlainTextEdit(call_box)
        self.description_edit.setObjectName("description")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(self.tr("来电人反映的问题，用他的话记下"))
        self.description_edit.setMinimumHeight(120)
        self.description_edit.setMaximumHeight(220)
        people = QHBoxLayout()
        people.addWidget(self.caller_edit, 1)
        people.addWidget(QLabel(self.tr("电话"), call_box))
        people.addWidget(self.phone_edit, 1)
        channel_row = QHBoxLayout()
        channel_row.addWidget(self.channel_combo)
        channel_row.addSpacing(16)
        channel_row.addWidget(self.urgent_check)
        channel_row.addStretch(1)
        form.addRow(self.tr("来电人"), people)
        form.addRow(self.tr("渠道"), channel_row)
        form.addRow(self.tr("事发地址"), self.address_edit)
        form.addRow(self.tr("问题描述"), self.description_edit)

        self.photo_list = QListWidget(call_box)
        self.photo_list.setObjectName("photoList")
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setIconSize(THUMB)
        self.photo_list.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 30))
        self.photo_list.setMovement(QListView.Movement.Static)
        self.photo_list.setFixedHeight(THUMB.height() + 44)
        self.photo_list.setFlow(QListView.Flow.LeftToRight)
        self.photo_list.setWrapping(False)
        self.photo_list.setToolTip(self.tr("Delete 删除选中的照片"))
        self.photo_list.installEventFilter(self)
        self.add_photo_button = QPushButton(self.tr("添加照片…"), call_box)
        self.add_photo_button.setObjectName("addPhotos")
        self.add_photo_button.setToolTip(self.tr("Ctrl+O；也可以把图片文件拖到本窗口"))
        self.add_photo_button.clicked.connect(lambda: self.choose_photos())
        self.remove_photo_button = QPushButton(self.tr("移除"), call_box)
        self.remove_photo_button.setObjectName("removePhoto")
        self.remove_photo_button.clicked.connect(self.remove_selected_photo)
        self.photo_message = QLabel(call_box)
        self.photo_message.setObjectName("photoMessage")
        self.photo_message.setWordWrap(True)
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.add_photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_buttons.addWidget(self.photo_message, 1)
        form.addRow(self.tr("照片"), photo_buttons)
        form.addRow("", self.photo_list)
        keys = QLabel(
            self.tr(
                "Tab 在各栏间移动 · Alt+1…3 / Ctrl+1…3 确认建议 · F3 / F4 选择 · Ctrl+O 添加照片"
                " · Ctrl+Enter 保存 · Esc 取消"
            ),
            call_box,
        )
        keys.setObjectName("placeholderNote")
        keys.setWordWrap(True)
        form.addRow("", keys)

        # --- what the form proposes -------------------------------------------------------
        proposal_box = QGroupBox(self.tr("系统建议（需确认）"), self)
        proposal_box.setFixedWidth(500)  # the columns stay put as proposals come and go
        side = QVBoxLayout(proposal_box)
        self.grid_model = ChoiceModel(self)
        self.grid_table = _table(proposal_box, self.grid_model, "gridProposals")
        self.category_model = ChoiceModel(self)
        self.category_table = _table(proposal_box, self.category_model, "categoryProposals")
        for table in (self.grid_table, self.category_table):
            table.setFixedHeight(
                table.verticalHeader().defaultSectionSize() * 3
                + table.horizontalHeader().sizeHint().height()
                + 2 * table.frameWidth()
                + 2
            )
            table.activated.connect(self._proposal_activated)
        self.grid_chosen = QLabel(proposal_box)
        self.grid_chosen.setObjectName("gridChosen")
        self.category_chosen = QLabel(proposal_box)
        self.category_chosen.setObjectName("categoryChosen")
        for chosen in (self.grid_chosen, self.category_chosen):
            chosen.setWordWrap(True)  # a long grid name never hides the grid code
        self.pick_grid_button = QPushButton(self.tr("选择其他网格…"), proposal_box)
        self.pick_grid_button.setObjectName("pickGrid")
        self.pick_grid_button.setToolTip("F3")
        self.pick_grid_button.clicked.connect(lambda: self.pick_grid())
        self.pick_category_button = QPushButton(self.tr("选择其他小类…"), proposal_box)
        self.pick_category_button.setObjectName("pickCategory")
        self.pick_category_button.setToolTip("F4")
        self.pick_category_button.clicked.connect(lambda: self.pick_category())
        self.department_label = QLabel(proposal_box)
        self.department_label.setObjectName("departmentProposal")
        self.department_label.setWordWrap(True)
        self.duplicate_model = DuplicateModel(ctx.settings.tz, self)
        self.duplicate_table = _table(proposal_box, self.duplicate_model, "duplicates")
        self.duplicate_table.activated.connect(self._duplicate_activated)
        self.duplicate_title = QLabel(self.tr("疑似重复"), proposal_box)
        self.duplicate_title.setObjectName("sectionTitle")

        def heading(text: str, keys: str) -> QLabel:
            label = QLabel(f"{text}  <span style='font-weight:normal'>{keys}</span>", proposal_box)
            label.setObjectName("sectionTitle")
            return label

        side.addWidget(heading(self.tr("网格"), self.tr("Alt+1…3 确认 · F3 选择其他")))
        side.addWidget(self.grid_table)
        grid_row = QHBoxLayout()
        grid_row.addWidget(self.grid_chosen, 1)
        grid_row.addWidget(self.pick_grid_button)
        side.addLayout(grid_row)
        side.addWidget(heading(self.tr("小类"), self.tr("Ctrl+1…3 确认 · F4 选择其他")))
        side.addWidget(self.category_table)
        category_row = QHBoxLayout()
        category_row.addWidget(self.category_chosen, 1)
        category_row.addWidget(self.pick_category_button)
        side.addLayout(category_row)
        side.addWidget(self.department_label)
        side.addWidget(self.duplicate_title)
        side.addWidget(self.duplicate_table, 1)

        # --- saving -----------------------------------------------------------------------
        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("保存（待立案）"), self)
        self.save_button.setObjectName("saveCall")
        self.save_button.setToolTip("Ctrl+Enter")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save(register=False))
        self.register_button = QPushButton(self.tr("保存并立案"), self)
        self.register_button.setObjectName("saveAndRegister")
        self.register_button.setToolTip("Ctrl+Shift+Enter")
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(lambda: self.save(register=True))
        self.register_button.setVisible(may_register_at_once(ctx.actor))
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.register_button)

        columns = QHBoxLayout()
        columns.addWidget(call_box, 3)
        columns.addWidget(proposal_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

        # --- keys -------------------------------------------------------------------------
        def key(sequence: str, slot: object) -> None:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        for n in range(3):
            key(f"Alt+{n + 1}", lambda n=n: self.confirm_grid(n))
            key(f"Ctrl+{n + 1}", lambda n=n: self.confirm_category(n))
        key("F3", lambda: self.pick_grid())
        key("F4", lambda: self.pick_category())
        key("Ctrl+O", lambda: self.choose_photos())
        for enter in ("Ctrl+Return", "Ctrl+Enter"):
            key(enter, lambda: self.save(register=False))
        for enter in ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"):
            key(enter, lambda: self.save(register=True))

        # Enter in a line moves on to the next field, as on a paper form.
        self.caller_edit.returnPressed.connect(self.phone_edit.setFocus)
        self.phone_edit.returnPressed.connect(self.address_edit.setFocus)
        self.address_edit.returnPressed.connect(self.description_edit.setFocus)
        for button in (
            self.add_photo_button,
            self.remove_photo_button,
            self.pick_grid_button,
            self.pick_category_button,
        ):
            button.setAutoDefault(False)
        self.discard_box: QMessageBox | None = None

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.ask)
        self.address_edit.textChanged.connect(lambda *_: self.timer.start())
        self.description_edit.textChanged.connect(self.timer.start)
        self.setTabOrder(self.caller_edit, self.phone_edit)
        self.setTabOrder(self.phone_edit, self.channel_combo)
        self.setTabOrder(self.channel_combo, self.urgent_check)
        self.setTabOrder(self.urgent_check, self.address_edit)
        self.setTabOrder(self.address_edit, self.description_edit)
        self.setTabOrder(self.description_edit, self.grid_table)
        self.setTabOrder(self.grid_table, self.category_table)
        self.setTabOrder(self.category_table, self.duplicate_table)
        self._show_choices()
        self._show_proposals(None)
        self.caller_edit.setFocus()
        ctx.tasks.submit(pick_lists, self._lists_loaded, self._failed, owner=self)

    # --- proposals (off the GUI thread) --------------------------------------------------------

    def ask(self) -> None:
        """Ask for proposals for the text as it is now; an answer to older text is dropped."""
        self.timer.stop()
        self._generation += 1
        generation = self._generation
        text = self.description_edit.toPlainText()
        address = self.address_edit.text()
        grid_id = self.grid.id if self.grid else None
        category_id = self.category.id if self.category else None

        def job(db: Database) -> Proposals:
            return proposals(db, text, address, grid_id=grid_id, category_id=category_id)

        self.ctx.tasks.submit(
            job,
            lambda result: self._answered(generation, result),
            self._failed,
            owner=self,
        )

    def is_current(self) -> bool:
        """No keystroke waits for an answer (for tests and screenshots)."""
        return not self.timer.isActive() and self.latest_generation == self._generation

    latest_generation = 0

    def _answered(self, generation: int, result: Proposals) -> None:
        if generation != self._generation:
            return  # the dispatcher typed on meanwhile
        self.latest_generation = generation
        self._show_proposals(result)

    def _show_proposals(self, result: Proposals | None) -> None:
        self.latest = result
        suggestion = result.suggestion if result else None
        self.grid_model.set_rows(suggestion.grids if suggestion else ())
        self.category_model.set_rows(suggestion.categories if suggestion else ())
        departments = suggestion.departments if suggestion else ()
        if departments:
            best = departments[0]
            self.department_label.setText(
                self.tr("建议处置部门：%1（%2）")
                .replace("%1", best.name)
                .replace("%2", db_message_text(best.why))
            )
        else:
            self.department_label.setText(self.tr("建议处置部门：确认小类后给出"))
        if suggestion is not None and suggestion.grids and not suggestion.grid_certain:
            self.grid_table.setToolTip(self.tr("地址可能属于多个网格，请确认"))
        else:
            self.grid_table.setToolTip("")
        duplicates = result.duplicates if result else ()
        self.duplicate_model.set_rows(duplicates)
        self.duplicate_title.setText(
            self.tr("疑似重复（%1 件，Enter 查看）").replace("%1", str(len(duplicates)))
            if duplicates
            else self.tr("疑似重复：无")
        )

    def _lists_loaded(self, lists: PickLists) -> None:
        self.lists = lists

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self._set_buttons()
        self._say(error_text(exc), problem=True)

    # --- confirming --------------------------------------------------------------------------

    def confirm_grid(self, row: int) -> bool:
        choice = self.grid_model.row_at(row)
        if choice is None or choice.id is None:
            self._say(self.tr("没有第 %1 条网格建议；按 F3 选择网格").replace("%1", str(row + 1)))
            return False
        self.grid = choice
        self._chosen_changed()
        return True

    def confirm_category(self, row: int) -> bool:
        choice = self.category_model.row_at(row)
        if choice is None or choice.id is None:
            self._say(self.tr("没有第 %1 条小类建议；按 F4 选择小类").replace("%1", str(row + 1)))
            return False
        self.category = choice
        self._chosen_changed()
        return True

    def _proposal_activated(self, index: QModelIndex) -> None:
        if self.sender() is self.grid_table:
            self.confirm_grid(index.row())
        else:
            self.confirm_category(index.row())

    def pick_grid(self) -> PickerDialog:
        return self._picker(self.tr("选择网格"), self.lists.grids, self._grid_picked)

    def pick_category(self) -> PickerDialog:
        return self._picker(self.tr("选择小类"), self.lists.categories, self._category_picked)

    def _picker(self, title: str, items: tuple[PickItem, ...], slot: object) -> PickerDialog:
        dialog = PickerDialog(title, items, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.picked.connect(slot)
        dialog.open()
        self.picker = dialog
        return dialog

    def _grid_picked(self, item: PickItem) -> None:
        self.grid = Choice(item.code, item.name, 1.0, self.tr("调度员选择"), id=item.id)
        self._chosen_changed()

    def _category_picked(self, item: PickItem) -> None:
        self.category = Choice(item.code, item.name, 1.0, self.tr("调度员选择"), id=item.id)
        self._chosen_changed()

    def choose(self, grid: Choice | None, category: Choice | None) -> None:
        """Take these as the dispatcher's choices (a picker's, or a proposal confirmed)."""
        self.grid, self.category = grid, category
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        self._show_choices()
        self.ask()  # duplicates follow the confirmed grid and 小类

    def _show_choices(self) -> None:
        none = self.tr("未确认")
        self.grid_chosen.setText(
            self.tr("网格：%1").replace(
                "%1", f"{self.grid.name}（{self.grid.code}）" if self.grid else none
            )
        )
        self.category_chosen.setText(
            self.tr("小类：%1").replace(
                "%1", f"{self.category.name}（{self.category.code}）" if self.category else none
            )
        )
        for label, chosen in ((self.grid_chosen, self.grid), (self.category_chosen, self.category)):
            label.setProperty("confirmed", chosen is not None)
            label.style().unpolish(label)
            label.style().polish(label)
        self._set_buttons()

    def _set_buttons(self) -> None:
        ready = self.grid is not None and self.category is not None and not self.saving
        self.save_button.setEnabled(ready)
        self.register_button.setEnabled(ready)

    def _duplicate_activated(self, index: QModelIndex) -> None:
        self.open_duplicate(index.row())

    def open_duplicate(self, row: int) -> CaseView | None:
        candidate = self.duplicate_model.row_at(row)
        if candidate is None:
            return None
        view = CaseView(self.ctx, candidate.number, self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.open()
        return view

    # --- photos ------------------------------------------------------------------------------

    def choose_photos(self, paths: list[Path] | None = None) -> None:
        if paths is None:
            patterns = " ".join(FILE_PATTERNS)
            names, _ = QFileDialog.getOpenFileNames(
                self, self.tr("添加照片"), "", self.tr("照片（%1）").replace("%1", patterns)
            )
            paths = [Path(n) for n in names]
        for path in paths:
            self.add_photo(path)

    def add_photo(self, path: Path) -> None:
        """Read and check the file on a thread of its own; the thumbnail comes with it."""
        keep = bool(self.ctx.settings.photo_keep_location)

        def job(control: TaskControl) -> tuple[CheckedPhoto, QImage]:
            photo = read_photo(path, keep_location=keep)
            image = QImage.fromData(thumbnail_png(photo.data, THUMB.width()))
            # A small picture is shown as big as the others (QImage may be used off the GUI
            # thread; a QPixmap is made from it on the GUI thread).
            return photo, image.scaled(
                THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )

        self.pending_photos += 1
        self.ctx.tasks.start(
            job, self._photo_checked, self._photo_refused, owner=self, name="griddesk-photo"
        )

    pending_photos = 0

    def _photo_checked(self, result: tuple[CheckedPhoto, QImage]) -> None:
        self.pending_photos -= 1
        photo, thumb = result
        if len(self.photos) >= MAX_PHOTOS:
            self._photo_say(self.tr("最多附 %1 张照片").replace("%1", str(MAX_PHOTOS)), True)
            return
        self.photos.append(photo)
        item = QListWidgetItem(QIcon(QPixmap.fromImage(thumb)), photo.filename)
        tip = f"{photo.filename} · {photo.width}×{photo.height} · {len(photo.data) // 1024} KB"
        if photo.had_location:
            tip += " · " + (
                self.tr("保留拍摄位置") if photo.location_kept else self.tr("已去除拍摄位置")
            )
        item.setToolTip(tip)
        self.photo_list.addItem(item)
        if photo.had_location and not photo.location_kept:
            self._photo_say(
                self.tr("照片 %1 含拍摄位置，已按中心设置去除").replace("%1", photo.filename)
            )
        else:
            self._photo_say("")

    def _photo_refused(self, exc: BaseException) -> None:
        self.pending_photos -= 1
        self._photo_say(error_text(exc), True)

    def _photo_say(self, text: str, problem: bool = False) -> None:
        self.photo_message.setText(text)
        self.photo_message.setProperty("problem", problem)
        self.photo_message.style().unpolish(self.photo_message)
        self.photo_message.style().polish(self.photo_message)

    def remove_selected_photo(self) -> None:
        row = self.photo_list.currentRow()
        if 0 <= row < len(self.photos):
            del self.photos[row]
            self.photo_list.takeItem(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.photo_list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.remove_selected_photo()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        data = event.mimeData()
        if not data.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in data.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = self._dropped_paths(event)
        if paths and all(p.suffix.lower() in _PHOTO_SUFFIXES for p in paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        event.acceptProposedAction()
        self.choose_photos(paths)

    # --- saving ------------------------------------------------------------------------------

    def form(self, *, register: bool) -> CallForm:
        return CallForm(
            caller=self.caller_edit.text(),
            phone=self.phone_edit.text(),
            channel=str(self.channel_combo.currentData()),
            address=self.address_edit.text(),
            description=self.description_edit.toPlainText(),
            urgent=self.urgent_check.isChecked(),
            grid_id=self.grid.id if self.grid else None,
            category_id=self.category.id if self.category else None,
            photos=tuple(self.photos),
            register=register,
        )

    def save(self, *, register: bool) -> None:
        if self.saving:
            return
        if register and not may_register_at_once(self.ctx.actor):
            self._say(self.tr("当前角色不能直接立案；按 Ctrl+Enter 保存为待立案"), problem=True)
            return
        if self.grid is None:
            self._say(self.tr("请先确认网格（Alt+1…3）或按 F3 选择"), problem=True)
            self.grid_table.setFocus()
            return
        if self.category is None:
            self._say(self.tr("请先确认小类（Ctrl+1…3）或按 F4 选择"), problem=True)
            self.category_table.setFocus()
            return
        if self.pending_photos:
            self._say(self.tr("照片还在检查中，请稍候再保存"), problem=True)
            return
        form = self.form(register=register)
        actor = self.ctx.actor
        self.saving = True
        self._set_buttons()
        self._say(self.tr("正在保存…"))
        self.ctx.tasks.submit(
            lambda db: take_call(db, actor, form), self._saved, self._failed, owner=self
        )

    def _saved(self, taken: TakenCall) -> None:
        self.saving = False
        self.taken = taken
        self.case_taken.emit(taken)
        self.accept()

    taken: TakenCall | None = None

    def is_dirty(self) -> bool:
        return bool(
            self.caller_edit.text().strip()
            or self.phone_edit.text().strip()
            or self.address_edit.text().strip()
            or self.description_edit.toPlainText().strip()
            or self.photos
        )

    def reject(self) -> None:
        """Esc or 取消: a form with something typed asks first (默认「继续登记」), so a
        stray Esc during a call loses nothing."""
        if self.saving:
            return
        if not self.is_dirty():
            super().reject()
            return
        if self.discard_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("放弃登记"),
            self.tr("放弃这次来电登记？已填写的内容不会保存。"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton(self.tr("放弃"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("继续登记"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(*_args: object) -> None:
            self.discard_box = None
            if box.clickedButton() is discard:
                self.done(QDialog.DialogCode.Rejected.value)

        box.finished.connect(answered)
        self.discard_box = box
        box.open()

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("problem", problem)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)


def open_call_form(ctx: AppContext, parent: QWidget) -> CallFormDialog | None:
    """The form, for a role that takes calls (`case.report`); None (and a status-bar line)
    for another."""
    if not may_take_calls(ctx.actor):
        ctx.notify(QCoreApplication.translate("CallFormDialog", "当前角色不能登记来电"))
        return None
    dialog = CallFormDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
