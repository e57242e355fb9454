"""Everything the table says about one option, in plain text, in a scroll area.

Each value (a figure, a paragraph, a list) is a focusable block: clicking it,
or pressing Enter or Space on it, shows where it comes from in a "Where this
comes from" panel under the details. Like the grid, the pane has a patient and
a clinician layer with the same sections (see :meth:`DetailsPane.set_layer`).
A stale option is marked in words at the top and at each figure; an
unsourced value is marked where it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..core.table import Criterion, DecisionTable
from ..core.words import NONE_LISTED, NOT_STATED, PATIENT, ValueStatus, category_words, check_layer, criterion_provenance, evidence_text, frequency_line, humanise, note_text, provenance, review_line, source_lines, strip_citations, value_parts, value_status
from . import language as i18n
from .language import N_
from .widgets import rebuild_keeping_scroll, PATIENT_SCALE, WARNING_FRAME_STYLE, PlainLabel, ProvenancePanel, SourceBlock, bullet_item, scaled_font, size_icon_to_text, tooltip_html, warning_icon

EMPTY_MESSAGE = N_("Choose an option to see its details.")
CONTRAINDICATIONS_HEADING = N_("Not advised / talk to your clinician first if:")
DOCTOR_HEADING = N_("See a doctor if:")
#: Widest the text gets, in letters, so lines stay easy to follow.
MAX_LINE_EMS = 60
#: Key of the block of side-effect frequencies (other blocks are keyed by their options.csv column).
SIDE_EFFECTS_KEY = "side_effects"


class DetailsPane(QWidget):
    """The full entry of one option: what it is, its figures, harms, warnings and sources.

    All text is plain (never HTML, links are never made clickable). Each
    value shows its source and review date on hover, and in the "Where this
    comes from" panel when clicked or activated with Enter or Space. Stale
    and unsourced values carry a marker in words in both layers.
    """

    #: The provenance of a value, as plain text, when a value is clicked or activated.
    provenanceRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: DecisionTable | None = None
        self._option: str | None = None
        self._layer = PATIENT
        self._labels: list[QLabel] = []
        self._icons: list[QLabel] = []
        self._blocks: dict[str, tuple[SourceBlock, str, str]] = {}
        self._content: QWidget | None = None
        self._box: QVBoxLayout | None = None
        # Built when shown or read, not on every change: the pane usually sits on a hidden
        # tab while the patient moves through the options list.
        self._stale = False
        self._keep_scroll = False

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("detailsScroll")
        i18n.name(self._scroll, N_("Details of the chosen option"))
        i18n.bind(self._scroll, "setAccessibleDescription",
                  N_("Use the arrow keys or Page Up and Page Down to scroll."))
        self._scroll.setWidgetResizable(True)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._panel = ProvenancePanel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._panel)
        i18n.name(self, N_("Option details"))
        self._rebuild()

    # ------------------------------------------------------------------ API

    def language_changed(self) -> None:
        """The window's language changed: the details again, in it."""
        self._changed(keep_scroll=True)

    def set_table(self, table: DecisionTable | None) -> None:
        """Use ``table``; the option shown stays if the table has it."""
        self._table = table
        self._panel.hide()
        self._changed()

    def show_option(self, option_id: str | None) -> None:
        """Show one option's details, or a short prompt for ``None`` or an unknown id."""
        if option_id != self._option:
            self._panel.hide()
        self._option = option_id
        self._changed()

    def option(self) -> str | None:
        """The id shown, or ``None``."""
        return self._shown()

    def set_layer(self, layer: str) -> None:
        """Show the ``"patient"`` layer (plain words, larger type) or the ``"clinician"`` layer.

        The sections stay the same; the text of the values changes.

        Raises
        ------
        ValueError
            For another name.
        """
        layer = check_layer(layer)
        if layer == self._layer:
            return
        self._layer = layer
        self._changed(keep_scroll=True)

    def layer(self) -> str:
        """``"patient"`` or ``"clinician"``."""
        return self._layer

    def text(self) -> str:
        """Every text shown, one label per line, in reading order."""
        self._bring_up_to_date()
        return "\n".join(label.text() for label in self._labels if label.text())

    def labels(self) -> list[QLabel]:
        """The labels shown, in reading order (for tests and accessibility checks)."""
        self._bring_up_to_date()
        return list(self._labels)

    def value_keys(self) -> list[str]:
        """Keys of the values that can show where they come from, in reading order.

        ``summary``, ``what_it_is_like``, ``guidelines``, ``evidence``, each
        criterion column, ``common_side_effects``, ``side_effects`` (the
        frequencies), ``serious_risks``, ``contraindications`` and
        ``see_doctor_if``, as far as the table has them.
        """
        self._bring_up_to_date()
        return list(self._blocks)

    def value_widget(self, key: str) -> SourceBlock:
        """The focusable block showing one value."""
        self._bring_up_to_date()
        return self._blocks[key][0]

    def value_provenance(self, key: str) -> str:
        """Where one value comes from, as plain text."""
        self._bring_up_to_date()
        return self._blocks[key][2]

    def show_provenance(self, key: str) -> str:
        """Show where one value comes from in the panel under the details, and emit :attr:`provenanceRequested`.

        Raises
        ------
        KeyError
            If no such value is shown (see :meth:`value_keys`).
        """
        self._bring_up_to_date()
        _, subject, text = self._blocks[key]
        self._panel.show_text(subject, text)
        self.provenanceRequested.emit(text)
        return text

    def provenance_panel(self) -> ProvenancePanel:
        """The "Where this comes from" panel (hidden until a value is activated)."""
        return self._panel

    # ------------------------------------------------------------------ building

    def _changed(self, keep_scroll: bool = False) -> None:
        """What the pane shows changed: rebuild now if on screen, else when shown or read."""
        self._keep_scroll = (self._keep_scroll or not self._stale) and keep_scroll
        self._stale = True
        if self.isVisible():
            self._bring_up_to_date()

    def _bring_up_to_date(self) -> None:
        if self._stale:
            self._stale = False
            if self._keep_scroll:
                rebuild_keeping_scroll(self._scroll, self._rebuild)
            else:
                self._rebuild()

    def showEvent(self, event) -> None:
        self._bring_up_to_date()
        super().showEvent(event)

    def _shown(self) -> str | None:
        table, option = self._table, self._option
        return option if table is not None and option in table.options.index else None

    def _layer_font(self):
        return scaled_font(self.font(), PATIENT_SCALE if self._layer == PATIENT else 1.0)

    def _rebuild(self) -> None:
        self._labels, self._icons, self._blocks = [], [], {}
        content = QWidget()
        content.setObjectName("detailsContent")
        content.setFont(self._layer_font())
        self._content = content
        self._box = QVBoxLayout(content)
        em = self._em()
        self._box.setContentsMargins(em, em, em, em)
        self._box.setSpacing(max(4, em // 2))
        option = self._shown()
        if option is None:
            self._label(i18n.tr_of(self).gettext(EMPTY_MESSAGE), italic=True)
            self._panel.hide()
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
        return max(1, QFontMetrics(self._layer_font()).horizontalAdvance("M"))

    def _heading(self, text: str, layout: QVBoxLayout | None = None) -> PlainLabel:
        if layout is None and self._box is not None and self._box.count():
            self._box.addSpacing(self._em())  # a gap before each section
        label = self._label(text, layout=layout, scale=1.2, bold=True)
        label.setAccessibleName(text)
        return label

    def _block(self, key: str, subject: str, tip: str, layout: QVBoxLayout | None = None) -> QVBoxLayout:
        """A focusable block for one value; returns the layout to put its labels in."""
        block = SourceBlock()
        block.setObjectName("detailsValue")
        block.setAccessibleName(subject)
        block.setAccessibleDescription(tip)
        block.setToolTip(tooltip_html(tip))
        box = QVBoxLayout(block)
        box.setContentsMargins(3, 3, 3, 3)  # room for the focus outline
        box.setSpacing(2)
        block.activated.connect(lambda: self.show_provenance(key))
        (layout or self._box).addWidget(block)
        self._blocks[key] = (block, subject, tip)
        return box

    def _track(self, box: QVBoxLayout) -> None:
        """Let clicks on every label of a block activate it."""
        block = box.parentWidget()
        if isinstance(block, SourceBlock):
            for label in block.findChildren(PlainLabel):  # plain bullets pass their clicks on by themselves
                block.track(label)

    def _markers(self, status: ValueStatus, layout: QVBoxLayout, tip: str, *, stale: bool = True) -> None:
        """Markers in words; ``stale=False`` for text, whose staleness the marker at the top already gives."""
        if not stale:
            status = ValueStatus(unsourced=status.unsourced)
        for mark in status.markers(tr=i18n.tr_of(self)):
            self._label(mark, layout=layout, bold=True, italic=True, tip=tip).setObjectName("marker")

    def _bullets(self, items: list[str], layout: QVBoxLayout | None = None, *, empty: str = NONE_LISTED,
                 tip: str = "") -> None:
        if not items:
            self._label(i18n.tr_of(self).gettext(empty), layout=layout, italic=True, tip=tip)
            return
        for item in items:
            row, label = bullet_item(item)
            if tip:
                label.setToolTip(tooltip_html(tip))
                label.setAccessibleDescription(tip)
            (layout or self._box).addWidget(row)
            self._labels.append(label)

    def _list(self, option: str, column: str, subject: str, layout: QVBoxLayout | None = None, *,
              empty: str = NONE_LISTED) -> None:
        table = self._table
        assert table is not None
        status = value_status(table, option, column)
        tip = provenance(table, option, "", table.text(option, column), status=status, tr=i18n.tr_of(self))
        box = self._block(column, subject, tip, layout)
        items = [strip_citations(item) if self._layer == PATIENT else item for item in table.items(option, column)]
        self._bullets([item for item in items if item], box, empty=empty, tip=tip)
        self._markers(status, box, tip, stale=False)
        self._track(box)

    def _paragraph(self, option: str, column: str, heading: str | None) -> None:
        table = self._table
        assert table is not None
        if heading is not None:
            self._heading(heading)
        status = value_status(table, option, column)
        tip = provenance(table, option, "", table.text(option, column), status=status, tr=i18n.tr_of(self))
        box = self._block(column, heading or humanise(column), tip)
        text = note_text(table, option, column, self._layer)
        self._label(text or i18n.tr_of(self).gettext(NOT_STATED), layout=box, italic=not text, tip=tip)
        self._markers(status, box, tip, stale=False)
        self._track(box)

    def _fill(self, option: str) -> None:
        table = self._table
        assert table is not None
        tr = i18n.tr_of(self)
        name = table.text(option, "name")
        self._label(name, scale=1.4, bold=True).setAccessibleName(name)
        self._label(category_words(table.text(option, "category"), tr=tr))
        self._label(review_line(table, option, self._layer, tr=tr), scale=0.9).setObjectName("reviewLine")
        status = value_status(table, option)
        self._markers(status, self._box, "\n".join(status.sentences(tr=tr)))

        tr = i18n.tr_of(self)
        self._paragraph(option, "summary", None)
        if "what_it_is_like" in table.options.columns:
            self._paragraph(option, "what_it_is_like", tr.gettext("What it is like"))
        if "guidelines" in table.options.columns:
            self._paragraph(option, "guidelines", tr.gettext("What guidelines say"))
        self._heading(tr.gettext("How sure is the evidence?"))
        level = table.text(option, "evidence")
        status = value_status(table, option, "evidence")
        tip = provenance(table, option, status=status, tr=tr)
        box = self._block("evidence", tr.gettext("How sure is the evidence?"), tip)
        self._label(evidence_text(level, self._layer, tr=tr), layout=box, italic=not level.strip(), tip=tip)
        self._markers(status, box, tip, stale=False)
        self._track(box)

        self._heading(tr.gettext("What the studies found"))
        for criterion in table.criteria:
            self._figure(option, criterion)

        self._heading(tr.gettext("Common side effects"))
        self._list(option, "common_side_effects", tr.gettext("Common side effects"))
        effects = table.side_effects_of(option)
        if not effects.empty:
            self._heading(tr.gettext("How many people get side effects"))
            self._frequencies(option, effects)
        self._heading(tr.gettext("Serious risks"))
        self._list(option, "serious_risks", tr.gettext("Serious risks"))
        if "contraindications" in table.options.columns:
            self._heading(tr.gettext(CONTRAINDICATIONS_HEADING))
            self._list(option, "contraindications", tr.gettext(CONTRAINDICATIONS_HEADING))

        self._warning(option)

        extra = [c for c in table.extra_columns if table.text(option, c).strip()]
        if extra:
            self._heading(tr.gettext("More details"))
            for column in extra:
                self._label(f"{humanise(column)}: {table.text(option, column).strip()}")

        self._heading(tr.gettext("Sources"))
        lines = source_lines(table.text(option, "sources"))
        if not lines:
            self._label(tr.gettext(NOT_STATED), italic=True)
        for line in lines:
            self._label(line).setAccessibleName(tr.gettext("Source: {source}").format(source=line))

    def _frequencies(self, option: str, effects) -> None:
        table = self._table
        assert table is not None
        sources = [str(r.source or "").strip() for r in effects.itertuples()]
        status = value_status(table, option, source="given" if all(sources) else "")
        tip = provenance(table, option, "; ".join(dict.fromkeys(s for s in sources if s)), status=status, tr=i18n.tr_of(self))
        box = self._block(SIDE_EFFECTS_KEY, i18n.tr_of(self).gettext("How many people get side effects"), tip)
        for r, source in zip(effects.itertuples(), sources):
            self._bullets([frequency_line(r, self._layer, tr=i18n.tr_of(self))], box, tip=tip)
            note = str(getattr(r, "note", "") or "").strip()
            note = strip_citations(note) if self._layer == PATIENT else note
            if note:  # under the text of its bullet, not under the bullet
                label = self._label(note, layout=box, tip=tip)
                label.setContentsMargins(label.fontMetrics().horizontalAdvance("\u2022") + 4, 0, 0, 0)
            if not source:
                self._markers(ValueStatus(unsourced=True), box, tip)
        self._markers(ValueStatus(stale=status.stale, reviewed=status.reviewed, months=status.months), box, tip)
        self._track(box)

    def _figure(self, option: str, criterion: Criterion) -> None:
        table = self._table
        assert table is not None
        assert self._box is not None
        tip = criterion_provenance(table, option, criterion, tr=i18n.tr_of(self))
        self._box.addSpacing(self._em() // 3)
        self._label(criterion.label, bold=True, tip=criterion.description)
        box = self._block(criterion.column, criterion.label, tip)
        box.setContentsMargins(self._em(), 3, 3, 3)  # the figure, its note and source sit under the label
        line, second, missing = value_parts(table, option, criterion, self._layer, tr=i18n.tr_of(self))
        self._label(line, layout=box, bold=not missing, italic=missing, tip=tip)
        if second:
            self._label(second, layout=box, tip=tip)
        note = note_text(table, option, criterion.column + "_note", self._layer)
        if note:
            self._label(note, layout=box, tip=tip)
        self._markers(value_status(table, option, criterion.column), box, tip)
        self._track(box)

    def _warning(self, option: str) -> None:
        table = self._table
        assert table is not None and self._box is not None
        frame = QFrame()
        frame.setObjectName("doctorWarning")
        frame.setStyleSheet(WARNING_FRAME_STYLE.format(name="doctorWarning"))
        tr = i18n.tr_of(self)
        frame.setAccessibleName(tr.gettext("Warning: see a doctor if"))
        box = QVBoxLayout(frame)
        em = self._em()
        box.setContentsMargins(em, em // 2, em, em // 2)
        box.setSpacing(max(2, em // 4))
        title = QHBoxLayout()
        icon = warning_icon(self)
        self._icons.append(icon)
        title.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        word = PlainLabel(tr.gettext("Warning"), scale=1.2, bold=True)
        self._labels.append(word)
        title.addWidget(word, 1)
        box.addLayout(title)
        self._heading(tr.gettext(DOCTOR_HEADING), box)
        self._list(option, "see_doctor_if", tr.gettext(DOCTOR_HEADING), box, empty=NOT_STATED)
        self._box.addWidget(frame)

    # ------------------------------------------------------------------ sizing

    def _limit_width(self) -> None:
        if self._content is not None:
            self._content.setMaximumWidth(MAX_LINE_EMS * self._em())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            if self._content is not None:
                self._content.setFont(self._layer_font())
            self._limit_width()
            for icon in self._icons:
                size_icon_to_text(icon, self)
