"""Today's key numbers as tiles (受理, 派遣, 结案, 超期, 按期率), for the page and the big screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from db.stats import definitions
from db.stats.flows import KeyNumbers
from desktop.stats.chart_style import AMBER, BLUE, GREEN, LIGHT, RED, TEAL, WALL, Theme, percent


class KeyFigures(QWidget):
    """Today's key numbers as tiles: 受理, 派遣, 结案, 超期, 按期率.

    `set_scale(s)` scales the type (the big screen follows its window size).
    """

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.wall = theme is WALL
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        self._tiles: list[tuple[QFrame, QLabel, QLabel, str]] = []
        # What each tile counts: the figure's one definition (db/stats/definitions.py).
        counts = {
            "received": definitions.RECEIVED.counts,
            "dispatched": definitions.DISPATCHED.counts,
            "closed": definitions.CLOSED.counts,
            "overdue": definitions.OVERDUE.counts,
            "on_time": definitions.ON_TIME_RATE.counts,
        }
        names = {
            "received": (QCoreApplication.translate("StatsCharts", "今日受理"), BLUE),
            "dispatched": (QCoreApplication.translate("StatsCharts", "今日派遣"), TEAL),
            "closed": (QCoreApplication.translate("StatsCharts", "今日结案"), GREEN),
            "overdue": (QCoreApplication.translate("StatsCharts", "当前超期"), RED),
            "on_time": (QCoreApplication.translate("StatsCharts", "今日按期率"), AMBER),
        }
        for key, (title, color) in names.items():
            tile = QFrame(self)
            tile.setObjectName("keyTile")
            tile.setToolTip(QCoreApplication.translate("Figures", counts[key]))
            box = QVBoxLayout(tile)
            caption = QLabel(title, tile)
            value = QLabel("—", tile)
            value.setObjectName(f"key_{key}")
            box.addWidget(caption)
            box.addWidget(value)
            self._layout.addWidget(tile, 1)
            self.values[key] = value
            self._tiles.append((tile, caption, value, color))
        self.set_scale(1.0)

    def set_scale(self, scale: float) -> None:
        wall, theme = self.wall, self.theme
        caption_px, value_px = (26, 84) if wall else (12, 26)
        self._layout.setSpacing(round((24 if wall else 10) * scale))
        for tile, caption, value, color in self._tiles:
            tile.setStyleSheet(
                f"#keyTile {{ background: {theme.tile};"
                f" border-left: {max(round((8 if wall else 4) * scale), 2)}px solid {color};"
                " border-radius: 4px; }"
            )
            margins = (20, 14, 20, 14) if wall else (10, 6, 10, 6)
            layout = tile.layout()
            assert layout is not None
            layout.setContentsMargins(*(round(m * scale) for m in margins))
            caption.setStyleSheet(
                f"color: {theme.muted}; font-size: {max(round(caption_px * scale), 10)}px;"
                " background: transparent;"
            )
            value.setStyleSheet(
                f"color: {theme.text}; font-size: {max(round(value_px * scale), 14)}px;"
                " font-weight: bold; background: transparent;"
            )

    def set_numbers(self, numbers: KeyNumbers) -> None:
        self.values["received"].setText(f"{numbers.received:,}")
        self.values["dispatched"].setText(f"{numbers.dispatched:,}")
        self.values["closed"].setText(f"{numbers.closed:,}")
        self.values["overdue"].setText(f"{numbers.overdue:,}")
        rate = numbers.on_time_rate
        self.values["on_time"].setText("—" if rate is None else percent(rate * 100))

    def texts(self) -> dict[str, str]:
        return {k: v.text() for k, v in self.values.items()}
