"""Helpers for the consulting-room tests: a window at 1366x768, laid out without a window manager."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import DEFAULT_POINT_SIZE, Settings

SCREEN = (1366, 768)
_ORIGINAL_FONT: list = []


def settle(widget: QWidget) -> None:
    """Lay ``widget`` out now: activate every layout and deliver posted layout and resize events."""
    app = QApplication.instance()
    for _ in range(3):
        app.sendPostedEvents()
        for child in [widget, *widget.findChildren(QWidget)]:
            if child.layout() is not None:
                child.layout().activate()
        app.sendPostedEvents()


def open_window(qtbot, tmp_path, *, point_size: float = DEFAULT_POINT_SIZE, high_contrast: bool = False,
                data=None) -> MainWindow:
    """A window on the bundled table, resized to 1366x768 and laid out."""
    from PySide6.QtGui import QFont

    if not _ORIGINAL_FONT:
        _ORIGINAL_FONT.append(QFont(QApplication.font()))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.set_point_size(point_size)
    settings.set_high_contrast(high_contrast)
    window = MainWindow(settings, data)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    settle(window)
    window.resize(*SCREEN)
    settle(window)
    return window


def reset_app() -> None:
    """Put the application font and palette back for the next test."""
    from PySide6.QtGui import QFont

    from decision_aid.gui.theme import apply_theme

    app = QApplication.instance()
    if _ORIGINAL_FONT:
        app.setFont(QFont(_ORIGINAL_FONT[0]))
    apply_theme(app, False)


def rect_in_window(widget: QWidget) -> QRect:
    """``widget``'s rectangle in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())
