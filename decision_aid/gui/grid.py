"""The side-by-side comparison on screen.

:class:`ComparisonGrid` shows the rows of :func:`decision_aid.core.words.grid.grid_rows`
as word-wrapped, plain-text labels in a grid, with the option names kept in
view above the scrolling rows. It words nothing itself.

The questions a patient asks first come first
(:func:`~decision_aid.core.words.grid.first_questions_first`) and, for up to
four options at normal text, fit on one 1366x768 screen: a folded row shows
each cell's first line cut to fit, with "… more" beside it; the button on the
row's heading (or any "… more") opens the row in place. When columns would be
too narrow (large text, many options), the options stack under each question
instead, so the grid only ever scrolls down.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.table import DecisionTable
from ..core.words import PATIENT, check_layer
from ..core.words.grid import (ITEM, MARKER, MISSING, VALUE, Cell, GridRow, first_question_keys,
                               first_questions_first, grid_rows)
from . import language as i18n
from .grid_cells import cell_more_button, clamp_text, row_button, set_row_button
from .grid_header import RuledRows, option_header
from .widgets import (
    PATIENT_SCALE,
    WARNING_FRAME_STYLE,
    PlainLabel,
    ProvenancePanel,
    SourceBlock,
    bullet_item,
    rebuild_keeping_scroll,
    scaled_font,
    size_icon_to_text,
    tooltip_html,
    warning_icon,
)

MIN_OPTIONS = 2
MAX_OPTIONS = 4
#: The column headers take at most this share of the grid's height (they scroll beyond it).
HEADER_SHARE = 0.4
#: Lines of a cell shown while its row is folded (warnings and missing figures always show).
FOLDED_LINES = 1
#: How many wrapped lines of text a folded cell shows (one, unless named here); "… more" opens the rest.
CLAMP_LINES: dict[str, int] = {"what": 2}
#: Below this width in letters an option's column is too narrow: the options stack under each question.
MIN_COLUMN_EMS = 12
CHOOSE_MESSAGE = i18n.N_("Choose 2 to 4 options to compare side by side")


class ComparisonGrid(QWidget):
    """Two to four options side by side, one row per question.

    Every cell is plain text. Hovering a cell (or reading its accessible
    description) gives its source and the date the option was reviewed;
    clicking it, or pressing Enter or Space when it has focus (Tab), shows
    the same in a "Where this comes from" panel under the grid. The option
    names stay in view while the rows scroll; the rows scroll with the
    keyboard (arrow keys, Page Up/Down) once the grid has focus.
    """

    #: The provenance of a cell, as plain text, when a cell is clicked or activated.
    provenanceRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: DecisionTable | None = None
        self._layer = PATIENT
        self._ids: list[str] = []
        self._requested: list[str] = []
        self._rows: list[GridRow] = []
        self._question_widgets: list[QWidget] = []
        self._header_cells: list[QWidget] = []
        self._name_labels: list[PlainLabel] = []
        self._cell_frames: dict[tuple[str, str], QFrame] = {}
        self._cell_labels: dict[tuple[str, str], list[PlainLabel]] = {}
        self._icons: list[QLabel] = []
        self._extras: dict[str, list[QWidget]] = {}
        self._more_buttons: dict[str, QToolButton] = {}
        self._cell_more: dict[tuple[str, str], QToolButton] = {}
        self._clamps: dict[tuple[str, str], list] = {}
        self._title_lines: dict[str, QHBoxLayout] = {}
        self._subtitles: dict[str, PlainLabel] = {}
        self._stack_names: list[PlainLabel] = []
        self._stacked = False
        self._expanded: set[str] = set()
        self._folding = True
        self._widths: tuple[int, int] | None = None

        self._message = PlainLabel("", self, scale=1.1)
        i18n.text(self._message, CHOOSE_MESSAGE)
        i18n.name(self._message, i18n.N_("Comparison message"))
        self._note = PlainLabel("", self, italic=True)
        i18n.name(self._note, i18n.N_("Comparison note"))
        self._note.hide()
        pad = max(4, self.fontMetrics().horizontalAdvance("M") // 2)
        for label in (self._message, self._note):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(pad, pad, pad, pad)

        self._header_area = QScrollArea(self)
        self._header_area.setObjectName("comparisonHeader")
        i18n.name(self._header_area, i18n.N_("Options being compared"))
        self._header_area.setFrameShape(QFrame.Shape.NoFrame)
        self._header_area.setWidgetResizable(True)
        self._header_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._header_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._header_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self._rule = QFrame(self)
        self._rule.setFrameShape(QFrame.Shape.HLine)
        self._rule.setFrameShadow(QFrame.Shadow.Sunken)

        self._body_area = QScrollArea(self)
        self._body_area.setObjectName("comparisonBody")
        i18n.name(self._body_area, i18n.N_("Side-by-side comparison of the chosen options"))
        i18n.bind(self._body_area, "setAccessibleDescription", i18n.N_(
            "One row per question, one column per option. Use the arrow keys or Page Up and Page Down to scroll."))
        self._body_area.setFrameShape(QFrame.Shape.NoFrame)
        self._body_area.setWidgetResizable(True)
        self._body_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._body_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._body_area.viewport().installEventFilter(self)
        self._body_area.horizontalScrollBar().valueChanged.connect(self._on_body_scrolled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._message)
        layout.addWidget(self._note)
        layout.addWidget(self._header_area)
        layout.addWidget(self._rule)
        layout.addWidget(self._body_area, 1)
        self._panel = ProvenancePanel(self)
        layout.addWidget(self._panel)
        i18n.name(self, i18n.N_("Comparison grid"))
        self._rebuild()

    # ------------------------------------------------------------------ API

    def set_table(self, table: DecisionTable | None) -> None:
        """Show options of ``table``; chosen options it lacks are dropped."""
        self._table = table
        self._panel.hide()
        self._rebuild()

    def language_changed(self) -> None:
        """Word the rows again in the window's new language, keeping the scroll position."""
        if self._table is not None:
            rebuild_keeping_scroll(self._body_area, self._rebuild)

    def set_layer(self, layer: str) -> None:
        """Show the ``"patient"`` layer (plain words, larger type) or the ``"clinician"`` layer.

        The rows and columns stay the same; the cell text changes, and the
        rows keep their scroll position.

        Raises
        ------
        ValueError
            For another name.
        """
        layer = check_layer(layer)
        if layer == self._layer:
            return
        self._layer = layer
        rebuild_keeping_scroll(self._body_area, self._rebuild)

    def layer(self) -> str:
        """``"patient"`` or ``"clinician"``."""
        return self._layer

    def show_provenance(self, row_key: str, option_id: str) -> str:
        """Show where one cell comes from in the panel under the grid, and emit :attr:`provenanceRequested`.

        Returns
        -------
        str
            The provenance shown (source, note, review date, stale or
            unsourced), as plain text.

        Raises
        ------
        KeyError
            If the row or option is not shown.
        """
        row = self._row(row_key)
        text = row.cells[option_id].provenance
        name = self._table.text(option_id, "name") if self._table is not None else option_id
        self._panel.show_text(f"{row.question} \u2013 {name}", text)
        self.provenanceRequested.emit(text)
        return text

    def provenance_panel(self) -> ProvenancePanel:
        """The "Where this comes from" panel (hidden until a cell is activated)."""
        return self._panel

    def set_options(self, ids: list[str]) -> None:
        """Compare these options, in this order.

        Unknown and repeated ids are ignored. With fewer than 2 a message
        asks for 2 to 4 options; with more than 4 the first 4 are shown and
        a note says so.
        """
        self._requested = list(ids)
        self._rebuild()

    def options(self) -> list[str]:
        """The chosen ids the table has (at most 4), in column order.

        With fewer than 2 no columns are shown, only the message asking for
        2 to 4 options.
        """
        return list(self._ids)

    def row_keys(self) -> list[str]:
        """The keys of the rows shown, in order (see the module docstring)."""
        return [row.key for row in self._rows]

    def row_question(self, row_key: str) -> str:
        """The question a row answers, as shown."""
        return self._row(row_key).question

    def row_heading(self, row_key: str) -> str:
        """The row's heading as its labels show it (title, then the criterion's label if shown)."""
        for widget in self._question_widgets:
            if widget.property("rowKey") == row_key:
                return "\n".join(label.text() for label in widget.findChildren(PlainLabel))
        raise KeyError(row_key)

    def cell_text(self, row_key: str, option_id: str) -> str:
        """The text of one cell, lines joined with newlines.

        Raises
        ------
        KeyError
            If the row or option is not shown.
        """
        return self._cell(row_key, option_id).text

    def cell_provenance(self, row_key: str, option_id: str) -> str:
        """Where one cell's content comes from (its tooltip, as plain text)."""
        return self._cell(row_key, option_id).provenance

    def cell_widget(self, row_key: str, option_id: str) -> QFrame:
        """The frame showing one cell (for tests and accessibility checks)."""
        self._cell(row_key, option_id)
        return self._cell_frames[(row_key, option_id)]

    def cell_labels(self, row_key: str, option_id: str) -> list[PlainLabel]:
        """The labels of one cell, one per line kind."""
        self._cell(row_key, option_id)
        return list(self._cell_labels[(row_key, option_id)])

    # ------------------------------------------------------------------ building

    def _row(self, row_key: str) -> GridRow:
        for row in self._rows:
            if row.key == row_key:
                return row
        raise KeyError(row_key)

    def _cell(self, row_key: str, option_id: str) -> Cell:
        return self._row(row_key).cells[option_id]

    def _rebuild(self) -> None:
        table = self._table
        known = set(table.ids) if table is not None else set()
        chosen = [i for i in dict.fromkeys(self._requested) if i in known]
        self._ids = chosen[:MAX_OPTIONS]
        enough = table is not None and len(self._ids) >= MIN_OPTIONS
        self._rows = first_questions_first(grid_rows(table, self._ids, self._layer, tr=i18n.tr_of(self))) if enough else []
        self._question_widgets, self._header_cells, self._icons, self._name_labels = [], [], [], []
        self._stack_names = []
        self._cell_frames, self._cell_labels = {}, {}
        self._extras, self._more_buttons, self._title_lines, self._subtitles = {}, {}, {}, {}
        self._clamps, self._cell_more = {}, {}
        self._widths = None

        self._message.setVisible(not enough)
        if len(chosen) > MAX_OPTIONS:
            self._note.setText(i18n.tr_of(self).gettext(
                "Showing the first {shown} of the {chosen} options chosen. Compare up to {shown} at a time.").format(
                shown=MAX_OPTIONS, chosen=len(chosen)))
        self._note.setVisible(len(chosen) > MAX_OPTIONS)
        for widget in (self._header_area, self._rule):
            widget.setVisible(enough and not self._stacked)
        self._body_area.setVisible(enough)
        if not enough:
            self._panel.hide()

        header, body = QWidget(), (QWidget() if self._stacked else RuledRows(self._question_widgets))
        header.setObjectName("comparisonHeaderContent")
        body.setObjectName("comparisonBodyContent")
        header_grid, body_grid = QGridLayout(header), QGridLayout(body)
        if enough:
            self._fill_header(body_grid if self._stacked else header_grid)
            self._fill_body(body_grid, len(self._ids) if self._stacked else 0)
        self._header_area.setWidget(header)
        self._body_area.setWidget(body)
        header.installEventFilter(self)
        self._apply_layer_font()
        self._apply_widths()

    def stacked(self) -> bool:
        """Whether the options are stacked under each question (when side-by-side columns would be too narrow)."""
        return self._stacked

    def first_question_rows(self) -> list[str]:
        """The keys of the rows answering the questions a patient asks first, shown first in this order."""
        return first_question_keys(self._rows)

    def _layer_font(self):
        return scaled_font(self.font(), PATIENT_SCALE if self._layer == PATIENT else 1.0)

    def _apply_layer_font(self) -> None:
        """Give the cells the layer's text size, relative to the widget's font so zooming still works."""
        font = self._layer_font()
        for area in (self._header_area, self._body_area):
            if area.widget() is not None:
                area.widget().setFont(font)

    def _em(self) -> int:
        return max(1, QFontMetrics(self._layer_font()).horizontalAdvance("M"))

    def _spacing(self) -> tuple[int, int]:
        em = self._em()
        return max(4, em // 2), max(6, 2 * em // 3)

    def _fill_header(self, grid: QGridLayout) -> None:
        """One header per option: its name in full, its type, and badges in words for certainty and guidelines.

        Side by side, the headers sit above the rows in their own grid (kept in
        view); stacked, they open the rows' grid, one under the other.
        """
        assert self._table is not None
        margin, spacing = self._spacing()
        grid.setContentsMargins(margin, margin, margin, margin // 2)
        grid.setHorizontalSpacing(spacing)
        grid.setVerticalSpacing(0 if not self._stacked else spacing // 2)
        if not self._stacked:
            question = i18n.tr_of(self).gettext("Question")
            corner = PlainLabel(question, scale=1.0, bold=True)
            corner.setAccessibleName(question)
            self._question_widgets.append(corner)
            grid.addWidget(corner, 0, 0, Qt.AlignmentFlag.AlignTop)
        for column, option_id in enumerate(self._ids, start=1):
            cell = self._header_cell(column, option_id)
            if self._stacked:
                grid.addWidget(cell, column - 1, 0, Qt.AlignmentFlag.AlignTop)
            else:
                grid.addWidget(cell, 0, column, Qt.AlignmentFlag.AlignTop)
        if not self._stacked:
            grid.setColumnStretch(len(self._ids) + 1, 1)

    def _header_cell(self, column: int, option_id: str) -> QFrame:
        assert self._table is not None
        # Side by side in the patient's words, the review date is in the header's tooltip and the window's
        # header line, so the first questions fit on one screen; stacked, or for the clinician, it shows too.
        cell, name_label = option_header(self._table, option_id, column, self._layer, self._em(),
                                         show_review=self._stacked or self._layer != PATIENT, tr=i18n.tr_of(self))
        self._name_labels.append(name_label)
        self._header_cells.append(cell)
        return cell

    def _fill_body(self, grid: QGridLayout, first_row: int) -> None:
        """The rows: side by side, one column per option; stacked, each option's answer under the question."""
        assert self._table is not None
        margin, spacing = self._spacing()
        grid.setContentsMargins(margin, margin // 2, margin, margin)
        grid.setHorizontalSpacing(spacing)
        grid.setVerticalSpacing(2 if self._stacked else 5)
        names = {i: self._table.text(i, "name") for i in self._ids}
        span = 1 if self._stacked else len(self._ids) + 1
        grid_row = first_row
        for index, row in enumerate(self._rows):
            if self._stacked:    # side by side, the lines between rows are painted (see RuledRows)
                rule = QFrame()
                rule.setFixedHeight(2)
                rule.setFrameShape(QFrame.Shape.HLine)
                rule.setFrameShadow(QFrame.Shadow.Sunken)
                grid.addWidget(rule, grid_row, 0, 1, span)
                grid_row += 1
            question = self._question_widget(row)
            self._question_widgets.append(question)
            if self._stacked:
                grid.addWidget(question, grid_row, 0, Qt.AlignmentFlag.AlignTop)
                grid_row += 1
            else:
                grid.addWidget(question, grid_row, 0, Qt.AlignmentFlag.AlignTop)
            for column, option_id in enumerate(self._ids, start=1):
                frame = self._cell_frame(row, row.cells[option_id], f"{row.question}: {names[option_id]}",
                                         (row.key, option_id))
                frame.activated.connect(lambda key=row.key, i=option_id: self._on_cell_activated(key, i))
                if self._stacked:   # the option's name in full, its answer indented beneath
                    name = PlainLabel(names[option_id], scale=0.9, bold=True)
                    name.setObjectName("stackedOptionName")
                    name.setIndent(self._em())
                    self._stack_names.append(name)
                    grid.addWidget(name, grid_row, 0, Qt.AlignmentFlag.AlignTop)
                    grid.addWidget(frame, grid_row + 1, 0, Qt.AlignmentFlag.AlignTop)
                    grid_row += 2
                else:
                    grid.addWidget(frame, grid_row, column, Qt.AlignmentFlag.AlignTop)
            grid_row += 0 if self._stacked else 1
        grid.setColumnStretch(span, 1)
        grid.setRowStretch(grid_row, 1)
        for row in self._rows:
            button = self._row_button(row.key)
            self._title_lines[row.key].insertWidget(0, button, 0, Qt.AlignmentFlag.AlignTop)
            if not self._folding or not self._row_has_more(row.key):
                button.hide()
            if row.key in self._subtitles:
                self._subtitles[row.key].setVisible(self.row_expanded(row.key))

    def _row_button(self, key: str) -> QToolButton:
        title = self._row(key).title
        button = row_button(title, key in self._expanded, i18n.tr_of(self))
        button.toggled.connect(lambda on: self.expand_row(key, on))
        self._more_buttons[key] = button
        return button

    def set_folding(self, folding: bool) -> None:
        """Fold long rows to their first lines with a More button (True), or show every line, no buttons."""
        if folding != self._folding:
            self._folding = folding
            self._rebuild()

    def expand_row(self, row_key: str, expanded: bool = True) -> None:
        """Open a row in place to show every line of its cells in full, or fold it back to their first lines."""
        if expanded:
            self._expanded.add(row_key)
        else:
            self._expanded.discard(row_key)
        for widget in self._extras.get(row_key, []):
            widget.setVisible(expanded or not self._folding)
        button = self._more_buttons.get(row_key)
        if button is not None:
            set_row_button(button, self._row(row_key).title, expanded, i18n.tr_of(self))
        self._apply_clamps(row_key)
        for _ in range(3):  # the opened row takes its room now, not at the next turn of the event loop
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def row_expanded(self, row_key: str) -> bool:
        """Whether a row shows every line of its cells in full."""
        return row_key in self._expanded or not self._folding or not self._row_has_more(row_key)

    def foldable_rows(self) -> list[str]:
        """Rows with more than they show while folded (further lines, or text cut to fit)."""
        return [row.key for row in self._rows if self._folding and self._row_has_more(row.key)]

    def row_button(self, row_key: str) -> QToolButton:
        """The button on a row's heading that opens the row in place."""
        return self._more_buttons[row_key]

    def cell_more_button(self, row_key: str, option_id: str) -> QToolButton | None:
        """The "… more" button of a cell (shown while the cell's text is cut or has further lines), if any."""
        self._cell(row_key, option_id)
        return self._cell_more.get((row_key, option_id))

    def _row_has_more(self, row_key: str) -> bool:
        if self._extras.get(row_key):
            return True
        return any(self._clamp_cut(entry) for (key, _), entry in self._clamps.items() if key == row_key)

    def _question_widget(self, row: GridRow) -> QWidget:
        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        tip = row.description.strip()
        line = QHBoxLayout()
        line.setSpacing(4)
        if row.warning:
            icon = warning_icon(self)
            self._icons.append(icon)
            line.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title = PlainLabel(row.title, bold=True)
        line.addWidget(title, 1)
        box.addLayout(line)
        self._title_lines[row.key] = line
        title.setAccessibleName(row.title)
        if row.subtitle:
            subtitle = PlainLabel(f"({row.subtitle})")
            box.addWidget(subtitle)
            self._subtitles[row.key] = subtitle
            if tip:
                subtitle.setToolTip(tooltip_html(tip))
        if tip:
            title.setToolTip(tooltip_html(tip))
            widget.setAccessibleDescription(tip)
        widget.setAccessibleName(row.title)
        widget.setProperty("rowKey", row.key)
        return widget

    def _cell_frame(self, row: GridRow, cell: Cell, name: str, key: tuple[str, str]) -> SourceBlock:
        frame = SourceBlock()
        box = QVBoxLayout(frame)
        box.setSpacing(2)
        if row.warning:
            frame.setObjectName("warningCell")
            frame.setStyleSheet(WARNING_FRAME_STYLE.format(name="warningCell"))
            pad = max(4, self._em() // 2)
            box.setContentsMargins(pad, pad, pad, pad)
        else:
            frame.setObjectName("comparisonCell")
            # Room for the focus outline; stacked, the answer is indented under the option's name.
            box.setContentsMargins(self._em() if self._stacked else 3, 1, 3, 1)
        labels = []
        tip = tooltip_html(cell.provenance)
        extras = self._extras.setdefault(row.key, [])
        mine: list[QWidget] = []
        shown = 0
        for text, kind in cell.lines:
            if kind == ITEM:  # a bullet beside the text, so wrapped lines hang under the text
                row_widget, label = bullet_item(text)
            else:
                label = PlainLabel(text, bold=kind in (VALUE, MARKER), italic=kind in (MISSING, MARKER))
                row_widget = label
                if kind == MARKER:
                    label.setObjectName("marker")
            if not labels and kind != MARKER and self._folding:
                first = QHBoxLayout()      # the first line, cut to fit while folded, with "… more" beside it
                first.setContentsMargins(0, 0, 0, 0)
                first.setSpacing(2)
                first.addWidget(row_widget, 1)
                more = cell_more_button(i18n.tr_of(self).gettext("Show more: {question}").format(question=name),
                                        i18n.tr_of(self))
                more.clicked.connect(lambda _=False, k=row.key: self.expand_row(k, True))
                first.addWidget(more, 0, Qt.AlignmentFlag.AlignBottom)
                box.addLayout(first)
                self._cell_more[key] = more
                lines = len(text) if kind == MISSING else CLAMP_LINES.get(row.key, 1)  # a missing figure is never cut
                self._clamps[key] = [label, text, lines, text, kind == ITEM]
                shown += 1
            else:
                box.addWidget(row_widget)
                if kind in (MARKER, MISSING):
                    pass                       # always shown: a missing figure or a warning is never folded away
                elif shown >= FOLDED_LINES and self._folding:
                    extras.append(row_widget)  # shown when the row is opened
                    mine.append(row_widget)
                    row_widget.setVisible(row.key in self._expanded)
                else:
                    shown += 1
            frame.track(label)
            label.setToolTip(tip)
            label.setAccessibleName(f"{name}: {text}")
            label.setAccessibleDescription(cell.provenance)
            label.setProperty("missing", kind == MISSING)
            labels.append(label)
        if key in self._clamps:
            self._clamps[key].append(mine)
        frame.setToolTip(tip)
        frame.setAccessibleName(name)
        frame.setAccessibleDescription(cell.provenance)
        frame.setProperty("missing", cell.missing)
        frame.setProperty("marked", bool(cell.markers))
        self._cell_frames[key] = frame
        self._cell_labels[key] = labels
        return frame

    # ------------------------------------------------------------------ clamping

    @staticmethod
    def _clamp_cut(entry: list) -> bool:
        label, full, _, shown, _, extras = entry
        return shown != full or bool(extras)

    def _apply_clamps(self, only: str | None = None) -> None:
        """Cut each folded cell's first line to its few lines at the column's width, "… more" beside it.

        The text is cut only once the grid is on screen and has its width; an
        opened row shows every cell in full.
        """
        if self._widths is None:
            return
        width = self._widths[2]
        em = self._em()
        for (key, _option), entry in self._clamps.items():
            if only is not None and key != only:
                continue
            label, full, lines, _, item, extras = entry
            more = self._cell_more[(key, _option)]
            margins = self._cell_frames[(key, _option)].layout().contentsMargins()
            room = width - margins.left() - margins.right() - more.sizeHint().width() - 2 - em // 3 \
                - (em if item else 0)
            folded = self._folding and key not in self._expanded
            text = clamp_text(full, QFontMetrics(label.font()), room, lines) if folded and self.isVisible() else full
            entry[3] = text
            if label.text() != text:
                name = label.accessibleName()
                label.setText(text)
                label.setAccessibleName(name)   # the full text, for screen readers
            more.setVisible(folded and (text != full or bool(extras)))
        for row in self._rows:
            if only is not None and row.key != only:
                continue
            has_more = self._row_has_more(row.key)
            button = self._more_buttons.get(row.key)
            if button is not None:
                button.setVisible(self._folding and (has_more or row.key in self._expanded))
            if row.key in self._subtitles:
                self._subtitles[row.key].setVisible(not self._folding or row.key in self._expanded
                                                    or not has_more)

    # ------------------------------------------------------------------ sizing

    def _apply_widths(self) -> None:
        """Give the question column and every option column a fixed width.

        The header and the rows are two grids; equal widths keep them
        aligned. Options share the viewport width. When a column would be
        narrower than about 12 letters (large text, many options), or a word
        of a name would not fit, the options stack under each question
        instead, so nothing scrolls sideways.
        """
        if not self._rows:
            return
        em = self._em()
        margin, spacing = self._spacing()
        for area, top, bottom in ((self._header_area, margin, margin // 2), (self._body_area, margin // 2, margin)):
            grid = area.widget().layout() if area.widget() is not None else None
            if grid is not None:  # spacing follows the font, like the widths below
                grid.setContentsMargins(margin, top, margin, bottom)
                grid.setHorizontalSpacing(spacing)
        view = self._body_area.viewport().width()
        if self._body_area.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOn:
            view -= self._body_area.verticalScrollBar().sizeHint().width()
        count = len(self._ids)
        question = int(min(max(self._question_room(), 6 * em), view * 0.235))
        option = (view - 2 * margin - question - (count + 1) * spacing) // count
        option = max(8 * em, min(option, 48 * em))  # readable line length
        widest = self._widest_word()
        stacked = option < MIN_COLUMN_EMS * em or widest > option
        if self.isVisible() and stacked != self._stacked:
            self._stacked = stacked
            self._rebuild()
            return
        if self._stacked:
            full = max(view - 2 * margin, widest)
            question, option, header = full, full, full   # the answers are indented by their frames' margin
        else:
            option = max(option, widest)       # a long word in a name is never cut
            header = option
        if self._widths != (question, header, option):
            self._widths = (question, header, option)
            for widget in self._question_widgets:
                widget.setFixedWidth(full if self._stacked else question)
            for widget in self._header_cells:
                widget.setFixedWidth(header)
            for widget in self._stack_names:
                widget.setFixedWidth(full)
            for frame in self._cell_frames.values():
                frame.setFixedWidth(option)
            for icon in self._icons:
                size_icon_to_text(icon, self)
            self._apply_clamps()
        self._fit_header()

    def _question_room(self) -> int:
        """Pixels the first questions' headings need on one line, with the button that opens the row."""
        bold = QFont(self._layer_font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        first = set(first_question_keys(self._rows))
        button = max((b.sizeHint().width() for b in self._more_buttons.values()), default=0)
        widest = max((metrics.horizontalAdvance(row.title) for row in self._rows if row.key in first), default=0)
        return widest + button + 4 + 2 * metrics.horizontalAdvance(" ")

    def _widest_word(self) -> int:
        """Pixels the longest word of any option name or badge needs (with room for the badge frame)."""
        widest = 0
        for cell in self._header_cells:
            for label in cell.findChildren(QLabel):
                metrics = label.fontMetrics()
                words = label.text().replace("/", "/ ").replace("-", "- ").split()
                widest = max([widest, *(metrics.horizontalAdvance(word) for word in words)])
        return widest + self._em()  # the badge frame and padding

    def _fit_header(self) -> None:
        header = self._header_area.widget()
        if header is None or header.layout() is None or self._widths is None or self._stacked:
            return
        margin, spacing = self._spacing()
        question, option, _ = self._widths
        width = 2 * margin + question + len(self._ids) * (option + spacing)
        layout = header.layout()
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        for label in self._name_labels:  # every line of a wrapped name shown, never squeezed
            label.setMinimumHeight(0)    # a label's height for a width is never below its minimum: start afresh
            label.setMinimumHeight(label.heightForWidth(option))
        # Each option's header at its column width (its labels wrap): the tallest sets the height.
        cells = [cell.layout().totalHeightForWidth(option) for cell in self._header_cells
                 if cell.layout() is not None and cell.layout().hasHeightForWidth()]
        if cells:
            height = max(height, max(cells) + margin + margin // 2)
        # The names stay in view, but never take more than about 40% of the grid (they scroll beyond that).
        line = self.fontMetrics().lineSpacing()
        if height > 0 and header.minimumHeight() != height:
            header.setMinimumHeight(height)  # never squeezed: beyond the share below it scrolls
        height = min(height, max(4 * line, int(self.height() * HEADER_SHARE)))
        if height > 0 and self._header_area.height() != height:
            self._header_area.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_header()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._widths = None                 # on screen at last: stack if need be, and cut folded cells to fit
        self._apply_widths()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if "_body_area" not in self.__dict__:
            return False            # being torn down: the watched widgets' last events are not ours
        if watched is self._body_area.viewport() and event.type() == QEvent.Type.Resize:
            self._apply_widths()
        elif watched is self._header_area.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_header()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._apply_layer_font()
            self._widths = None
            self._apply_widths()

    def _on_body_scrolled(self, value: int) -> None:
        self._header_area.horizontalScrollBar().setValue(value)

    def _on_cell_activated(self, row_key: str, option_id: str) -> None:
        self.show_provenance(row_key, option_id)
