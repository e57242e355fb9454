"""Everything the table says about one option, in plain text, in a scroll area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..core.comparison import format_number
from ..core.table import Criterion, DecisionTable
from .text import (NO_FIGURE, NONE_LISTED, NOT_STATED, WARNING_FRAME_STYLE, PlainLabel, bullet_item, category_words,
                   criterion_provenance, evidence_words, humanise, provenance, size_icon_to_text, source_lines,
                   tooltip_html, value_line, warning_icon)

EMPTY_MESSAGE = "Choose an option to see its details."
CONTRAINDICATIONS_HEADING = "Not advised / talk to your clinician first if:"
DOCTOR_HEADING = "See a doctor if:"
#: Widest the text gets, in letters, so lines stay easy to follow.
MAX_LINE_EMS = 60


class DetailsPane(QWidget):
    """The full entry of one option: what it is, its figures, harms, warnings and sources.

    All text is plain (never HTML, links are never made clickable). Each
    figure shows its source in small text and, on hover, the full reference
    and the date the option was reviewed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: DecisionTable | None = None
        self._option: str | None = None
        self._labels: list[QLabel] = []
        self._icons: list[QLabel] = []
        self._content: QWidget | None = None
        self._box: QVBoxLayout | None = None

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("detailsScroll")
        self._scroll.setAccessibleName("Details of the chosen option")
        self._scroll.setAccessibleDescription("Use the arrow keys or Page Up and Page Down to scroll.")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self.setAccessibleName("Option details")
        self._rebuild()

    # ------------------------------------------------------------------ API

    def set_table(self, table: DecisionTable | None) -> None:
        """Use ``table``; the option shown stays if the table has it."""
        self._table = table
        self._rebuild()

    def show_option(self, option_id: str | None) -> None:
        """Show one option's details, or a short prompt for ``None`` or an unknown id."""
        self._option = option_id
        self._rebuild()

    def option(self) -> str | None:
        """The id shown, or ``None``."""
        return self._shown()

    def text(self) -> str:
        """Every text shown, one label per line, in reading order."""
        return "\n".join(label.text() for label in self._labels if label.text())

    def labels(self) -> list[QLabel]:
        """The labels shown, in reading order (for tests and accessibility checks)."""
        return list(self._labels)

    # ------------------------------------------------------------------ building

    def _shown(self) -> str | None:
        table, option = self._table, self._option
        return option if table is not None and option in set(table.ids) else None

    def _rebuild(self) -> None:
        self._labels, self._icons = [], []
        content = QWidget()
        content.setObjectName("detailsContent")
        self._content = content
        self._box = QVBoxLayout(content)
        em = self._em()
        self._box.setContentsMargins(em, em, em, em)
        self._box.setSpacing(max(4, em // 2))
        option = self._shown()
        if option is None:
            self._label(EMPTY_MESSAGE, italic=True)
        else:
            self._fill(option)
        self._box.addStretch(1)
        self._limit_width()
        self._scroll.setWidget(content)

    def _label(self, text: str, *, layout: QVBoxLayout | None = None, scale: float = 1.0, bold: bool = False,
               italic: bool = False, tip: str = "") -> PlainLabel:
        label = PlainLabel(text, scale=scale, bold=bold, italic=italic)
        if tip:
            label.setToolTip(tooltip_html(tip))
            label.setAccessibleDescription(tip)
        (layout or self._box).addWidget(label)
        self._labels.append(label)
        return label

    def _em(self) -> int:
        return max(1, self.fontMetrics().horizontalAdvance("M"))

    def _heading(self, text: str, layout: QVBoxLayout | None = None) -> PlainLabel:
        if layout is None and self._box is not None and self._box.count():
            self._box.addSpacing(self._em())  # a gap before each section
        label = self._label(text, layout=layout, scale=1.2, bold=True)
        label.setAccessibleName(text)
        return label

    def _bullets(self, items: list[str], layout: QVBoxLayout | None = None, *, empty: str = NONE_LISTED,
                 tip: str = "") -> None:
        if not items:
            self._label(empty, layout=layout, italic=True, tip=tip)
            return
        for item in items:
            row, label = bullet_item(item)
            if tip:
                label.setToolTip(tooltip_html(tip))
                label.setAccessibleDescription(tip)
            (layout or self._box).addWidget(row)
            self._labels.append(label)

    def _paragraph(self, heading: str, text: str, tip: str = "") -> None:
        self._heading(heading)
        text = text.strip()
        self._label(text or NOT_STATED, italic=not text, tip=tip)

    def _fill(self, option: str) -> None:
        table = self._table
        assert table is not None
        name = table.text(option, "name")
        reviewed = table.text(option, "reviewed").strip()
        self._label(name, scale=1.4, bold=True).setAccessibleName(name)
        self._label(category_words(table.text(option, "category")))
        self._label(f"Information last reviewed: {reviewed}" if reviewed else "Review date not stated",
                    scale=0.9)
        summary = table.text(option, "summary")
        self._label(summary, tip=provenance(table, option, "", summary))

        if "what_it_is_like" in table.options.columns:
            like = table.text(option, "what_it_is_like")
            self._paragraph("What it is like", like, provenance(table, option, "", like))
        if "guidelines" in table.options.columns:
            said = table.text(option, "guidelines")
            self._paragraph("What guidelines say", said, provenance(table, option, "", said))
        level = table.text(option, "evidence")
        self._heading("How sure is the evidence?")
        self._label(evidence_words(level), italic=not level.strip())

        self._heading("What the studies found")
        for criterion in table.criteria:
            self._figure(option, criterion)

        self._heading("Common side effects")
        common = table.text(option, "common_side_effects")
        self._bullets(table.items(option, "common_side_effects"), tip=provenance(table, option, "", common))
        effects = table.side_effects_of(option)
        if not effects.empty:
            self._heading("How many people get side effects")
            for r in effects.itertuples():
                when = f"; {r.time_frame}" if str(getattr(r, "time_frame", "") or "").strip() else ""
                tip = provenance(table, option, str(r.source))
                self._bullets([f"{r.effect}: about {format_number(float(r.per_100))} in 100 ({r.severity}{when})"],
                              tip=tip)
                note = str(getattr(r, "note", "") or "").strip()
                if note:
                    self._label(note, tip=tip)
                self._label(f"Source: {r.source}", scale=0.9, tip=tip)
        self._heading("Serious risks")
        serious = table.text(option, "serious_risks")
        self._bullets(table.items(option, "serious_risks"), tip=provenance(table, option, "", serious))
        if "contraindications" in table.options.columns:
            self._heading(CONTRAINDICATIONS_HEADING)
            self._bullets(table.items(option, "contraindications"))

        self._warning(option)

        extra = [c for c in table.extra_columns if table.text(option, c).strip()]
        if extra:
            self._heading("More details")
            for column in extra:
                self._label(f"{humanise(column)}: {table.text(option, column).strip()}")

        self._heading("Sources")
        lines = source_lines(table.text(option, "sources"))
        if not lines:
            self._label(NOT_STATED, italic=True)
        for line in lines:
            self._label(line).setAccessibleName(f"Source: {line}")

    def _figure(self, option: str, criterion: Criterion) -> None:
        table = self._table
        assert table is not None
        assert self._box is not None
        tip = criterion_provenance(table, option, criterion)
        self._box.addSpacing(self._em() // 3)
        self._label(criterion.label, bold=True, tip=criterion.description)
        block = QWidget()
        block.setAccessibleName(criterion.label)
        box = QVBoxLayout(block)
        box.setContentsMargins(self._em(), 0, 0, 0)  # the figure, its note and source sit under the label
        box.setSpacing(2)
        line = value_line(table, option, criterion)
        missing = line == NO_FIGURE
        self._label(line, layout=box, italic=missing, tip=tip)
        note = table.text(option, criterion.column + "_note").strip()
        if note:
            self._label(note, layout=box, tip=tip)
        source = table.text(option, criterion.column + "_source").strip()
        self._label(f"Source: {source}" if source else "Source: not given", layout=box, scale=0.9,
                    italic=not source, tip=tip)
        self._box.addWidget(block)

    def _warning(self, option: str) -> None:
        table = self._table
        assert table is not None and self._box is not None
        frame = QFrame()
        frame.setObjectName("doctorWarning")
        frame.setStyleSheet(WARNING_FRAME_STYLE.format(name="doctorWarning"))
        frame.setAccessibleName("Warning: see a doctor if")
        box = QVBoxLayout(frame)
        em = max(1, self.fontMetrics().horizontalAdvance("M"))
        box.setContentsMargins(em, em // 2, em, em // 2)
        box.setSpacing(max(2, em // 4))
        title = QHBoxLayout()
        icon = warning_icon(self)
        self._icons.append(icon)
        title.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        word = PlainLabel("Warning", scale=1.2, bold=True)
        self._labels.append(word)
        title.addWidget(word, 1)
        box.addLayout(title)
        self._heading(DOCTOR_HEADING, box)
        text = table.text(option, "see_doctor_if")
        self._bullets(table.items(option, "see_doctor_if"), box, empty=NOT_STATED,
                      tip=provenance(table, option, "", text))
        self._box.addWidget(frame)

    # ------------------------------------------------------------------ sizing

    def _limit_width(self) -> None:
        if self._content is not None:
            em = max(1, self.fontMetrics().horizontalAdvance("M"))
            self._content.setMaximumWidth(MAX_LINE_EMS * em)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._limit_width()
            for icon in self._icons:
                size_icon_to_text(icon, self)
