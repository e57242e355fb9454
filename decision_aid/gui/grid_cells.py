"""Pieces of the comparison grid: clamping a cell's text to a few lines, and the buttons that open a row.

The text is cut only for display at a given width; the full text stays the
label's accessible name and opens in place with the row.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QToolButton

from ..core.i18n import ENGLISH, N_, Translator
from .widgets import tooltip_html

#: Shown at the end of a cell's text when it is cut (the "… more" button says the rest is there).
ELLIPSIS = "\u2026"
#: The button under a cut cell, and the row heading's button, in words.
CELL_MORE = N_("\u2026 more")
OPEN_ROW, CLOSE_ROW = "\u25b8", "\u25be"
#: The buttons read as links (underlined, no padding) so a folded row stays one line tall; focus is framed.
LINK_STYLE = ("QToolButton#{name} {{ border: none; padding: 0px; margin: 0px; text-decoration: underline; }}"
              " QToolButton#{name}:focus {{ background: palette(highlight); color: palette(highlighted-text); }}"
              " QToolButton#{name}:hover {{ background: palette(midlight); }}")


def wrap_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """``text`` wrapped at word boundaries to ``width`` pixels, as a word-wrapped label wraps it (about)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(trial) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def clamp_text(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """``text`` cut to its first ``lines`` lines at ``width`` pixels, ending in "…" when cut; else unchanged."""
    wrapped = wrap_lines(text, metrics, width)
    if len(wrapped) <= lines:
        return text
    kept, last = wrapped[:lines - 1], wrapped[lines - 1]
    while last and metrics.horizontalAdvance(last + ELLIPSIS) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    last = last.rstrip(" ,;:.-(")
    return " ".join([*kept, last]).strip() + ELLIPSIS


def cell_more_button(accessible_name: str, tr: Translator = ENGLISH) -> QToolButton:
    """The "… more" button of a cut cell."""
    button = QToolButton()
    button.setObjectName("cellMore")
    button.setText(tr.gettext(CELL_MORE))
    button.setAutoRaise(True)
    button.setStyleSheet(LINK_STYLE.format(name="cellMore"))
    button.setAccessibleName(accessible_name)
    button.setToolTip(tooltip_html(accessible_name))   # names come from the data: never markup
    return button


def row_button(title: str, expanded: bool, tr: Translator = ENGLISH) -> QToolButton:
    """The button on a row heading that opens the row in place (or folds it again)."""
    button = QToolButton()
    button.setObjectName("moreButton")
    button.setCheckable(True)
    button.setAutoRaise(True)
    button.setStyleSheet(LINK_STYLE.format(name="moreButton"))
    set_row_button(button, title, expanded, tr)
    return button


def set_row_button(button: QToolButton, title: str, expanded: bool, tr: Translator = ENGLISH) -> None:
    """Say on the button whether it opens or folds the row ``title``."""
    if button.isChecked() != expanded:
        button.setChecked(expanded)
    button.setText(CLOSE_ROW if expanded else OPEN_ROW)
    name = (tr.gettext("Show less: {question}") if expanded else tr.gettext("Show more: {question}")).format(
        question=title)
    button.setAccessibleName(name)
    button.setToolTip(tooltip_html(name))
