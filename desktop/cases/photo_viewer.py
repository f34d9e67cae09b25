"""A case photo shown large (照片查看), loaded off the GUI thread, with previous/next."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db.cases.queries import photo_bytes
from db.engine import Database
from db.security.actors import Actor
from desktop.core.context import AppContext


def load_image(
    db: Database, photo_id: int, max_side: int | None = None, actor: Actor | None = None
) -> QImage:
    """Read one photo and decode it (runs on the worker; QImage is safe off the GUI thread)."""
    with db.read() as session:
        data = photo_bytes(session, photo_id, actor)
    image = QImage.fromData(data)
    if image.isNull():
        return image
    if max_side is not None:
        image = image.scaled(
            QSize(max_side, max_side),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


class PhotoViewer(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        photos: list[tuple[int, str]],
        index: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.photos = photos
        self.index = index
        self._image = QImage()
        self.setObjectName("photoViewer")
        self.resize(1000, 760)
        self.image_label = QLabel(self)
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setMinimumSize(320, 240)
        self.caption = QLabel(self)
        self.prev_button = QPushButton(self.tr("上一张"), self)
        self.next_button = QPushButton(self.tr("下一张"), self)
        close = QPushButton(self.tr("关闭"), self)
        self.prev_button.clicked.connect(lambda: self.show_photo(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_photo(self.index + 1))
        close.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self.show_photo(self.index - 1))
        QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self.show_photo(self.index + 1))
        bar = QHBoxLayout()
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image_label, 1)
        layout.addLayout(bar)
        self.show_photo(index)

    def show_photo(self, index: int) -> None:
        if not self.photos:
            return
        self.index = index % len(self.photos)
        photo_id, filename = self.photos[self.index]
        self.setWindowTitle(
            self.tr("照片 %1/%2")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(len(self.photos)))
        )
        self.caption.setText(filename)
        self.image_label.setText(self.tr("正在加载…"))
        self.prev_button.setEnabled(len(self.photos) > 1)
        self.next_button.setEnabled(len(self.photos) > 1)
        wanted, actor = self.index, self.ctx.actor
        self.ctx.tasks.submit(
            lambda db: load_image(db, photo_id, actor=actor),
            lambda image: self._loaded(wanted, image),
            owner=self,
        )

    def _loaded(self, index: int, image: QImage) -> None:
        if index != self.index:
            return
        self._image = image
        if image.isNull():
            self.image_label.setText(self.tr("无法显示这张照片"))
        self._fit()

    def _fit(self) -> None:
        if self._image.isNull():
            return
        pixmap = QPixmap.fromImage(self._image).scaled(
            self.image_label.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.image_label.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
