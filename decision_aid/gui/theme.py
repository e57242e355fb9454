"""Light and high-contrast palettes applied to the whole application."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QStyleFactory,
    QTextEdit,
    QWidget,
)


def high_contrast_palette() -> QPalette:
    """White text on black, yellow selection with black text (contrast above 15:1)."""
    p = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, black)
        p.setColor(group, QPalette.ColorRole.WindowText, white)
        p.setColor(group, QPalette.ColorRole.Base, black)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#1a1a1a"))
        p.setColor(group, QPalette.ColorRole.Text, white)
        p.setColor(group, QPalette.ColorRole.Button, black)
        p.setColor(group, QPalette.ColorRole.ButtonText, white)
        p.setColor(group, QPalette.ColorRole.Highlight, yellow)
        p.setColor(group, QPalette.ColorRole.HighlightedText, black)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, black)
        p.setColor(group, QPalette.ColorRole.ToolTipText, white)
        p.setColor(group, QPalette.ColorRole.Link, yellow)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#d0d0d0"))
        p.setColor(group, QPalette.ColorRole.Light, white)
        p.setColor(group, QPalette.ColorRole.Mid, QColor("#808080"))
        p.setColor(group, QPalette.ColorRole.Dark, white)
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(disabled, role, QColor("#a0a0a0"))
    p.setColor(disabled, QPalette.ColorRole.Window, black)
    p.setColor(disabled, QPalette.ColorRole.Base, black)
    p.setColor(disabled, QPalette.ColorRole.Button, black)
    return p


#: In high contrast every box that takes input keeps a white border, and the focused one a thick yellow one.
HIGH_CONTRAST_STYLE = """
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QListView, QTableView, QSpinBox {
    border: 2px solid #ffffff;
}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QListView:focus, QTableView:focus,
QSpinBox:focus, QPushButton:focus, QCheckBox:focus, QSlider:focus, QTabBar::tab:focus {
    border: 3px solid #ffff00;
}
QPushButton { border: 2px solid #ffffff; padding: 4px 10px; }
QCheckBox::indicator, QListView::indicator {
    border: 2px solid #ffffff; background: #000000; width: 0.9em; height: 0.9em;
}
QCheckBox::indicator:checked, QListView::indicator:checked { background: #ffff00; }
QTabBar::tab:selected { border: 2px solid #ffff00; }
QSlider::groove:horizontal { border: 2px solid #ffffff; height: 0.35em; background: #000000; }
QSlider::handle:horizontal {
    background: #ffff00; border: 2px solid #ffffff; width: 1em; margin: -0.45em 0; border-radius: 0.3em;
}
QToolTip { border: 1px solid #ffffff; }
"""


def apply_theme(app: QApplication, high_contrast: bool) -> None:
    """Fusion style with the standard or the high-contrast palette (and bordered controls in high contrast)."""
    style = QStyleFactory.create("Fusion")
    if style is not None and app.style().name().lower() != "fusion":
        app.setStyle(style)
    app.setPalette(high_contrast_palette() if high_contrast else app.style().standardPalette())
    for window in app.topLevelWidgets():
        style_inputs(window, high_contrast)


def style_inputs(root: QWidget, high_contrast: bool) -> None:
    """Give the input boxes under ``root`` visible borders and focus rings in high contrast.

    Set on the boxes themselves, not the application: an application-wide style
    sheet would stop the text size from following the window's zoom.
    """
    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractItemView, QPushButton, QCheckBox, QSlider)
    for widget in root.findChildren(QWidget):
        if isinstance(widget, kinds) and not widget.property("themeOwnStyle"):
            widget.setStyleSheet("")            # takes the application's font again ...
            widget.setFont(QFont())             # (inherited, not fixed)
            if high_contrast:
                widget.setFont(QApplication.font())
                widget.setStyleSheet(HIGH_CONTRAST_STYLE)   # ... which the style sheet then keeps
