"""Light and high-contrast palettes applied to the whole application."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


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


def apply_theme(app: QApplication, high_contrast: bool) -> None:
    """Fusion style with the standard or the high-contrast palette."""
    style = QStyleFactory.create("Fusion")
    if style is not None and app.style().name().lower() != "fusion":
        app.setStyle(style)
    app.setPalette(high_contrast_palette() if high_contrast else app.style().standardPalette())
