"""Pieces of the comparison grid: each option's header, and the rows' ruled background.

An option's header shows its name in full (wrapped), its type, and badges in
words for the certainty of the evidence and the guidelines' stance (framed,
never colour alone); the words come from :mod:`decision_aid.core.words`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ..core.i18n import ENGLISH, Translator
from ..core.table import DecisionTable
from ..core.words import category_words, review_line, value_status
from ..core.words.window import certainty_badge, stance_words
from .flow_layout import FlowLayout
from .widgets import PlainLabel, tooltip_html


def option_header(table: DecisionTable, option_id: str, column: int, layer: str, em: int, *,
                  show_review: bool = True, tr: Translator = ENGLISH) -> tuple[QFrame, PlainLabel]:
    """One option's header (name, type, badges, review date, stale or unsourced markers) and its name label.

    The type, badges and review date flow left to right and wrap; the header's
    tooltip and accessible description say all of it in sentences.
    """
    cell = QFrame()
    cell.setObjectName("optionHeader")
    box = QVBoxLayout(cell)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    name = table.text(option_id, "name")
    name_label = PlainLabel(name, scale=1.05, bold=True)
    name_label.setObjectName("optionName")
    category = category_words(table.text(option_id, "category"), tr=tr)
    category_label = PlainLabel(category)
    category_label.setObjectName("optionType")
    badges = [certainty_badge(table.text(option_id, "evidence"), layer, tr=tr)]
    stance = stance_words(table.text(option_id, "guideline_stance"), layer, tr=tr)
    if stance:
        badges.append(stance)
    badge_labels = []
    for text in badges:
        badge = PlainLabel(text, scale=0.95, bold=True)
        badge.setObjectName("badge")
        badge.setStyleSheet("QLabel#badge { border: 2px solid palette(window-text); border-radius: 4px;"
                            " padding: 0px 4px; }")
        badge_labels.append(badge)
    reviewed = table.text(option_id, "reviewed").strip()
    review_label = PlainLabel(review_line(table, option_id, layer, tr=tr), scale=0.9)
    review_label.setObjectName("reviewLine")
    if not show_review:
        review_label.hide()      # hidden before it has a parent: showing it then would open a window
    status = value_status(table, option_id)
    markers = []
    for mark in status.markers(tr=tr):
        marker = PlainLabel(mark, bold=True)
        marker.setObjectName("marker")
        markers.append(marker)
    tip = "\n".join([name, category, *badges,
                     tr.gettext("Reviewed {date}.").format(date=reviewed) if reviewed
                     else tr.gettext("Review date not stated."),
                     *status.sentences(tr=tr)])
    box.addWidget(name_label)
    flow = FlowLayout(spacing=max(4, em // 3))
    for label in (category_label, *badge_labels, review_label, *markers):
        flow.addWidget(label)
    box.addLayout(flow)
    box.addStretch(1)        # a taller neighbour leaves room below, never between the name and its badges
    for label in (name_label, category_label, *badge_labels, review_label, *markers):
        label.setToolTip(tooltip_html(tip))
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    cell.setAccessibleName(f"Option {column}: {name}")
    cell.setAccessibleDescription(tip)
    return cell, name_label


class RuledRows(QWidget):
    """The rows' grid, with a line painted between rows in the gap above each question (it takes no room)."""

    def __init__(self, questions: list[QWidget]) -> None:
        super().__init__()
        self._questions = questions

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        rows = [w for w in self._questions if w.parentWidget() is self and w.property("rowKey") and w.isVisible()]
        for widget in rows[1:]:
            y = widget.geometry().top() - 3
            painter.drawLine(widget.geometry().left(), y, self.width() - widget.geometry().left(), y)
        painter.end()
