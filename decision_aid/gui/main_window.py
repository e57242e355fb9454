"""The consultation window: compare options, say what matters, see why.

The window lays out the views and wires them to its
:class:`~decision_aid.gui.consultation.Consultation`: widgets ask it for
changes, and :meth:`MainWindow._on_consultation_changed` refreshes the views
from the one :class:`~decision_aid.gui.consultation.Change` it emits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import NOT_ADVICE
from ..core.errors import TableError
from ..core.scoring import Limits, Ranking
from ..core.table import CATEGORIES, DecisionTable, Role, bundled_data_dir, load_table
from ..core.words.values import CATEGORY_SHORT, CATEGORY_SHOW
from ..core.words.ranking import (
    ALL_RULED_OUT,
    DETACHED,
    MIRROR,
    no_ranking_message,
    ranking_notes,
    uncertainty_sentence,
    why_lines,
)
from ..core.words.window import (
    compare_hint,
    header_line,
    missing_role,
    other_table_note,
    sorted_problems,
)
from .chart import RankingChart, TimelineChart
from . import language as i18n
from .language import N_, WindowLanguage
from .window_menus import WindowMenus
from .consultation import COMPARED, IMPORTANCES, LIMITS, Change, Consultation
from .details import DetailsPane
from .dialogs import show_problems
from .flow_layout import FlowLayout
from .grid import ComparisonGrid
from .options_table import OptionsTableView
from .patient_view import PatientView
from .record import ConsultationRecord
from .settings import Settings
from .side_effects_tab import SideEffectsTab
from .table_model import ID_ROLE, MAX_COMPARED, OptionsModel, OptionsProxy
from .theme import apply_theme, style_inputs
from .view_tabs import ViewTabs
from .weights_panel import WeightsPanel
from .widgets import FittingScrollArea, PlainLabel

#: The first window covers this share of the screen's available width and height.
FIRST_SIZE = 0.9
#: Height the ranking chart needs at the base text size, and the width of "M" at that size.
RANKING_MIN_HEIGHT, TIMELINE_MIN_HEIGHT, BASE_EM = 340, 400, 12
#: Options the timeline shows when none are ticked for comparison.
TIMELINE_DEFAULT_ROWS = 13


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a scroll area, so at large text sizes it scrolls instead of being cut off."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    area.setObjectName(f"{page.objectName() or 'page'}Scroll")
    return area


class MainWindow(WindowMenus, WindowLanguage, QMainWindow):
    """The main window.

    Parameters
    ----------
    settings
        Where layout, text size, theme and the last table folder are remembered.
    data
        Table folder to open; default: the last one that still loads, else the bundled table.
    lang
        The window's language (``--lang``); default: the one chosen last in View > Language, else the system's.
    """

    def __init__(self, settings: Settings | None = None, data: str | Path | None = None,
                 lang: str | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.consultation = Consultation(parent=self)
        self.consultation.changed.connect(self._on_consultation_changed)
        self.consultation.uncertaintyReady.connect(self._on_uncertainty)
        self._current: str | None = None
        i18n.window_title(self, N_("Decision aid[*]"))
        self.setObjectName("MainWindow")

        app = QApplication.instance()
        font = QFont(app.font())
        font.setPointSizeF(self.settings.point_size())
        app.setFont(font)  # before any widget exists, so every size hint uses it

        self.model = OptionsModel(self)
        self.proxy = OptionsProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_ui()
        self._build_menus()
        self._apply_view_settings()

        table = self._initial_table(data)
        if table is not None:
            self._set_table(table)
        self._restore_layout()
        self.record = ConsultationRecord(self, self.consultation, self.settings)
        self.record.panel.exportRequested.connect(lambda: self.record.export_summary())
        self.record.panel.printRequested.connect(lambda: self.record.print_summary())
        style_inputs(self, self.settings.high_contrast())
        self._start_language(lang)

    # ------------------------------------------------------------------ building
    def _build_ui(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        # Left: options (top) and what matters (bottom).
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("leftSplitter")
        left.setChildrenCollapsible(False)
        self.left_splitter = left

        options = QWidget()
        options_layout = QVBoxLayout(options)
        options_layout.setContentsMargins(4, 4, 4, 4)
        filters_box = QWidget()
        filters = FlowLayout(filters_box)
        self.category_filters: dict[str, QCheckBox] = {}
        for category in CATEGORIES:
            box = QCheckBox()
            box.setChecked(True)
            i18n.text(box, CATEGORY_SHORT[category])
            i18n.tip(box, CATEGORY_SHOW[category])
            i18n.name(box, CATEGORY_SHOW[category])
            box.toggled.connect(lambda on, c=category: self.proxy.set_category_visible(c, on))
            self.category_filters[category] = box
            filters.addWidget(box)
        self.search = QLineEdit()
        i18n.placeholder(self.search, N_("Search options"))
        i18n.name(self.search, N_("Search options by name or description"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("Search options") + 40)
        filters.addWidget(self.search, 1)
        options_layout.addWidget(filters_box)
        self.table_view = OptionsTableView()
        self.table_view.setObjectName("optionsTable")
        i18n.name(self.table_view, N_("Treatment options. Click a row or press Space to tick it for "
                                      "comparison; tick up to four."))
        self.table_view.setModel(self.proxy)
        self.table_view.setSortingEnabled(True)
        self.table_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # neutral order until the user sorts
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setWordWrap(True)                 # long names wrap onto a second line ...
        self.table_view.setTextElideMode(Qt.TextElideMode.ElideNone)   # ... and are never cut with "..."
        self.table_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table_view.verticalHeader().setVisible(False)
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table_view.horizontalHeader().setStretchLastSection(False)
        self.table_view.selectionModel().currentRowChanged.connect(self._on_current_row)
        options_layout.addWidget(self.table_view, 1)
        self.compare_hint = QLabel(compare_hint(0, MAX_COMPARED, tr=i18n.tr_of(self)))
        self.compare_hint.setWordWrap(True)
        self.compare_hint.setTextFormat(Qt.TextFormat.PlainText)
        options_layout.addWidget(self.compare_hint)
        self.options_page = options

        self.weights = WeightsPanel()
        self.weights.setObjectName("weightsPanel")
        weights_scroll = FittingScrollArea()      # as wide as its content needs: nothing cut at the right
        weights_scroll.setWidget(self.weights)
        i18n.name(weights_scroll, N_("What matters to you"))
        weights_box = QWidget()
        weights_layout = QVBoxLayout(weights_box)
        weights_layout.setContentsMargins(4, 4, 4, 4)
        weights_heading = QLabel()
        i18n.text(weights_heading, N_("What matters to you"))
        weights_heading.setObjectName("heading")
        weights_layout.addWidget(weights_heading)
        weights_layout.addWidget(weights_scroll, 1)
        left.addWidget(weights_box)
        self.weights_box = weights_box
        splitter.addWidget(left)

        # Right: the views.
        self.tabs = ViewTabs()
        self.tabs.setObjectName("views")
        i18n.name(self.tabs, N_("Views"))
        self.tabs.addTab(self.options_page, "")
        i18n.tab(self.tabs, self.options_page, N_("&Options"))
        self.grid = ComparisonGrid()
        self.tabs.addTab(self.grid, "")
        i18n.tab(self.tabs, self.grid, N_("&Compare"))

        ranking = QWidget()
        ranking_layout = QVBoxLayout(ranking)
        self.mirror_label = QLabel()
        i18n.text(self.mirror_label, MIRROR)
        self.mirror_label.setWordWrap(True)
        self.mirror_label.setObjectName("mirror")
        ranking_layout.addWidget(self.mirror_label)
        self.ranking_chart = RankingChart()
        ranking_layout.addWidget(self.ranking_chart, 3)
        self.sensitivity_label = QLabel("")
        self.sensitivity_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sensitivity_label.setWordWrap(True)
        i18n.name(self.sensitivity_label, N_("How robust the top of the ranking is"))
        self.sensitivity_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        ranking_layout.addWidget(self.sensitivity_label)
        self.why_button = QPushButton()
        i18n.text(self.why_button, N_("Explain the ranking in &words"))
        self.why_button.setCheckable(True)
        i18n.name(self.why_button, N_("Show why each option scores as it does, in words"))
        ranking_layout.addWidget(self.why_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.why_text = QPlainTextEdit()
        self.why_text.setReadOnly(True)
        i18n.name(self.why_text, N_("Why each option scores as it does, in words"))
        self.why_text.setVisible(False)
        self.why_button.toggled.connect(self._on_why_toggled)
        ranking_layout.addWidget(self.why_text, 2)
        self.ranking_page = scrolling(ranking)
        self.tabs.addTab(self.ranking_page, "")
        i18n.tab(self.tabs, self.ranking_page, N_("Your &ranking"))

        self.timeline = TimelineChart()
        timeline_box = QWidget()
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        self.timeline_note = PlainLabel("", italic=True)
        self.timeline_note.setObjectName("missingRole")
        self.timeline_note.hide()
        timeline_layout.addWidget(self.timeline_note)
        timeline_layout.addWidget(self.timeline, 1)
        self.timeline_page = scrolling(timeline_box)
        self.tabs.addTab(self.timeline_page, "")
        i18n.tab(self.tabs, self.timeline_page, N_("&Timeline"))
        self.side_effects = SideEffectsTab()
        self.pictographs = self.side_effects.pictographs
        self.effects_heading = self.side_effects.heading
        effects = self.side_effects
        self.effects_page = scrolling(effects)
        self.tabs.addTab(self.effects_page, "")
        i18n.tab(self.tabs, self.effects_page, N_("Side &effects"))
        self.details = DetailsPane()
        self.tabs.addTab(self.details, "")
        i18n.tab(self.tabs, self.details, N_("&Details"))
        right = QWidget()
        right_layout = QHBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs.side_list)
        right_layout.addWidget(self.tabs, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        self._compact = False
        self._left_width = 0

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        self.header_line = PlainLabel("")
        self.header_line.setObjectName("headerLine")
        i18n.name(self.header_line, N_("Table shown"))
        layout.addWidget(self.header_line)
        self.start_note = PlainLabel("", italic=True)
        self.start_note.setObjectName("startNote")
        i18n.name(self.start_note, N_("Which table is open"))
        self.start_note.hide()
        layout.addWidget(self.start_note)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.notice = QLabel()
        i18n.text(self.notice, NOT_ADVICE)
        self.notice.setObjectName("notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        i18n.name(self.notice, N_("Notice: this aid is not medical advice"))
        self.statusBar().addPermanentWidget(self.notice, 1)
        self.statusBar().setSizeGripEnabled(True)

        self.model.compareChanged.connect(self.consultation.set_compared)
        self.model.compareRefused.connect(self.show_status)
        self.weights.importancesChanged.connect(self.consultation.set_importances)
        self.weights.limitsChanged.connect(self.consultation.set_limits)
        self.weights.released.connect(self._on_slider_released)
        i18n.name(self.grid, N_("Options compared side by side"))
        self.patient_view: PatientView | None = None
        self.tabs.currentChanged.connect(self._follow_on_patient_view)
        self.tabs.currentChanged.connect(self._show_side_panel)

    # ------------------------------------------------------------------ settings
    def _apply_view_settings(self) -> None:
        app = QApplication.instance()
        self.contrast_action.setChecked(self.settings.high_contrast())
        apply_theme(app, self.settings.high_contrast())
        self.clinician_action.setChecked(self.settings.layer() == "clinician")
        self.alphabetical_action.setChecked(self.settings.order() == "alphabetical")
        self._apply_layer()
        self._style_headings()

    def _style_headings(self) -> None:
        size = QApplication.instance().font().pointSizeF()
        for label in self.findChildren(QLabel, "heading"):
            font = QFont(QApplication.instance().font())
            font.setPointSizeF(size * 1.2)
            font.setBold(True)
            label.setFont(font)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen() or QApplication.primaryScreen()
            if screen is not None:  # about 90% of the screen it opens on; remembered once closed
                area = screen.availableGeometry()
                self.resize(int(area.width() * FIRST_SIZE), int(area.height() * FIRST_SIZE))
                self.move(area.center() - self.rect().center())
        for splitter in (self.splitter, self.left_splitter):
            state = self.settings.window_state(splitter.objectName())
            if state is not None:
                splitter.restoreState(state)

    def save_layout(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        for splitter in (self.splitter, self.left_splitter):
            self.settings.set_window_state(splitter.objectName(), splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_layout()
        if self.patient_view is not None:
            self.patient_view.close()
        super().closeEvent(event)

    # ------------------------------------------------------------------ tables
    def _initial_table(self, data: str | Path | None) -> DecisionTable | None:
        if data is not None:
            try:
                table = load_table(data)
            except TableError as exc:
                self._show_table_problems(exc)
            else:
                self.settings.set_last_folder(Path(data).resolve())
                return table
        last = self.settings.last_folder()
        if data is None and last is not None:
            try:
                table = load_table(last)
            except TableError:
                self.settings.set_last_folder(None)
            else:
                if Path(last).resolve() != bundled_data_dir().resolve():
                    self.start_note.setText(other_table_note(table, tr=i18n.tr_of(self)))
                    self.start_note.show()
                return table
        return load_table(bundled_data_dir())

    def table(self) -> DecisionTable | None:
        """The table shown."""
        return self.consultation.table

    def load_folder(self, path: str | Path) -> bool:
        """Open a table folder; on problems show them all and keep the table already loaded."""
        try:
            table = load_table(path)
        except TableError as exc:
            self._show_table_problems(exc)
            return False
        self._set_table(table)
        self.settings.set_last_folder(Path(path).resolve())
        tr = self.translator
        self.show_status(tr.ngettext("Opened {folder}: {n} option.", "Opened {folder}: {n} options.",
                                     len(table.options)).format(folder=table.folder,
                                                                n=tr.format_number(len(table.options))))
        return True

    def _show_table_problems(self, exc: TableError) -> None:
        count = len(exc.problems)
        tr = self.translator
        message = tr.ngettext("{n} problem found in {folder}. Fix it in the file and open it again.",
                              "{n} problems found in {folder}. Fix them in the file and open it again.",
                              count).format(n=tr.format_number(count), folder=exc.folder)
        if self.consultation.table is not None:
            message += " " + tr.gettext("The table already open stays open.")
        self.problems_dialog = show_problems(
            self, tr.gettext("This table cannot be opened"), message,
            "\n".join(sorted_problems([p.say(tr) for p in exc.problems])))

    def _set_table(self, base: DecisionTable) -> None:
        table = self._table_text(base) if hasattr(self, "language_group") else base
        self._show_table(table)
        self.consultation.set_table(table, base)
        self._fit_columns()
        self.tabs.setCurrentWidget(self.options_page)
        self.table_view.clearSelection()
        self.table_view.setCurrentIndex(QModelIndex())  # neutral: no option is picked out at start
        self._show_current(None)

    def _show_table(self, table: DecisionTable) -> None:
        """Every view on ``table`` (a new table, or the same one in another language)."""
        self.model.set_table(table)
        self._apply_order()
        self.weights.set_table(table)
        self.grid.set_table(table)
        self.details.set_table(table)
        self.side_effects.set_table(table)
        self._table_words(table)

    def _table_words(self, table: DecisionTable) -> None:
        title = table.about.get("condition", "").split(":")[0].split(".")[0]
        if title:
            i18n.window_title(self, N_("Decision aid - {condition}[*]"), condition=title)
        else:
            i18n.window_title(self, N_("Decision aid[*]"))
        self.header_line.setText(header_line(table, tr=i18n.tr_of(self)))
        timing = [missing_role(role, tr=i18n.tr_of(self)) for role in (Role.ONSET, Role.DURATION) if table.by_role(role) is None]
        self.timeline_note.setText("\n".join(timing))
        self.timeline_note.setVisible(bool(timing))

    def _refresh_words(self) -> None:
        """Words made from data, again in the window's language (after a language change)."""
        table = self.consultation.table
        if table is not None:
            self._table_words(table)
        self.consultation.refresh()
        self._show_current(self._current)
        self._fit_columns()
        self._adapt_layout()

    def _fit_columns(self) -> None:
        """Columns wide enough for their text, none wider than about 22 characters."""
        self.table_view.fit_rows()
        self.table_view.resizeColumnsToContents()
        header = self.table_view.horizontalHeader()
        widest = self.table_view.fontMetrics().horizontalAdvance("x" * 22)
        for column in range(self.model.columnCount()):
            limit = widest * 3 // 2 if self.model.column_key(column) == "name" else widest
            limit = max(limit, header.sectionSizeFromContents(column).width())  # never cut a heading
            header.resizeSection(column, min(header.sectionSize(column), limit))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            QTimer.singleShot(0, self._fit_columns)
            QTimer.singleShot(0, self._adapt_layout)   # again once laid out and polished
            if self.settings.window_state(self.splitter.objectName()) is None:
                em = max(1, QFontMetrics(QApplication.instance().font()).horizontalAdvance("M"))
                left = max(460, self.width() // 3)
                room = self.width() - left - 24
                if room < self.tabs.tabs_width() + 2 * em:   # the views' tabs first, the panel narrower
                    left = max(26 * em, self.width() - self.tabs.tabs_width() - 2 * em - 24)
                self.splitter.setSizes([left, max(600, self.width() - left)])
            self._adapt_layout()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._adapt_layout()

    def compact(self) -> bool:
        """Whether "What matters to you" is a view of its own (large text on a small screen)."""
        return self._compact

    def _adapt_layout(self) -> None:
        """Fit the layout to the text size: side panel or a view of its own; tabs or a side list.

        When the window is narrower than about 60 letters of the current text,
        "What matters to you" moves into the views (after Options), and the
        views are listed down the side if their tabs do not fit.
        """
        em = max(1, QFontMetrics(QApplication.instance().font()).horizontalAdvance("M"))
        compact = self.width() < 60 * em
        # The ranking's lettering grows with the text, so does the height it needs (its page scrolls).
        scale = max(1.0, em / BASE_EM)
        self.ranking_chart.setMinimumHeight(int(RANKING_MIN_HEIGHT * scale))
        # Two lines kept for the sentence under the chart, so the bars do not jump when it appears.
        self.sensitivity_label.setMinimumHeight(2 * self.sensitivity_label.fontMetrics().lineSpacing())
        self.timeline.setMinimumHeight(int(TIMELINE_MIN_HEIGHT * scale))
        if compact != self._compact:
            self._compact = compact
            current = self.tabs.currentWidget()
            if compact:
                self.tabs.insertTab(1, self.weights_box, "")
                i18n.tab(self.tabs, self.weights_box, N_("What &matters to you"))
                self.left_splitter.hide()
            else:
                self.tabs.removeTab(self.tabs.indexOf(self.weights_box))
                self.left_splitter.insertWidget(0, self.weights_box)
                self.weights_box.show()
            if current is not None:
                self.tabs.setCurrentWidget(current)
            self._show_side_panel()
        if self.splitter.sizes()[0] > 0:
            self._left_width = self.splitter.sizes()[0]
        # The room the tabs have with the side panel shown, so they do not change as views come and go.
        left = 0 if compact else (self.splitter.sizes()[0] or self._left_width)
        if not compact:  # give the views room for their tabs before listing them down the side
            needed = self.tabs.tabs_width() + 2 * em
            if self.width() - left - 24 < needed:
                narrower = max(26 * em, self.width() - needed - 24)
                if narrower < left:
                    self.splitter.setSizes([narrower, self.width() - narrower])
                    left = narrower
        self.tabs.fit(max(100, self.width() - left - 24))

    def side_panel_shown(self) -> bool:
        """Whether "What matters to you" shows beside the views."""
        return not self._compact and self.left_splitter.isVisibleTo(self)

    def _show_side_panel(self, *_args) -> None:
        """"What matters to you" beside the options and the ranking; the other views get the whole width."""
        if self._compact:
            return
        beside = self.tabs.currentWidget() in (self.options_page, self.ranking_page)
        if self.left_splitter.isVisibleTo(self) != beside:
            self.left_splitter.setVisible(beside)

    def _on_open_folder(self) -> None:
        table = self.consultation.table
        start = str(table.folder) if table is not None else str(Path.home())
        path = QFileDialog.getExistingDirectory(self, self.translator.gettext("Open a table folder"), start)
        if path:
            self.load_folder(path)

    def _on_open_bundled(self) -> None:
        if self.load_folder(bundled_data_dir()):
            self.start_note.hide()

    def _on_reload(self) -> None:
        if self.consultation.table is not None:
            self.load_folder(self.consultation.table.folder)

    # ------------------------------------------------------------------ state
    def importances(self) -> dict[str, float] | None:
        """The importances the patient gave (None while none are set)."""
        return self.consultation.importances()

    def limits(self) -> Limits:
        """The hard limits set."""
        return self.consultation.session.limits

    def compared(self) -> list[str]:
        """The options compared side by side."""
        return list(self.consultation.session.selected)

    def set_compared(self, ids: list[str]) -> None:
        """Tick options for comparison, as the user would."""
        self.model.set_compared(ids)

    def ranking(self) -> Ranking | None:
        """The ranking shown (None while there is none)."""
        return self.consultation.ranking

    def apply_state(self, importances: dict[str, float] | None, limits: Limits, compared: list[str]) -> None:
        """Set importances, limits and compared options (e.g. from a saved consultation)."""
        self.consultation.set_limits(limits)
        self.consultation.set_importances(importances)
        self.consultation.set_compared(compared)

    def _on_consultation_changed(self, change: Change) -> None:
        """Bring every view up to date with what changed."""
        session = change.session
        if change.touches(LIMITS):
            self.model.set_limits(session.limits)
            self.weights.show_limits(session.limits)
        if change.touches(IMPORTANCES) and self.weights.importances() != self.consultation.importances():
            self.weights.show_importances(self.consultation.importances())
        if change.touches(COMPARED):
            self._show_compared(list(session.selected))
        if change.touches(IMPORTANCES, LIMITS):
            self._show_ranking(change)

    def _show_compared(self, ids: list[str]) -> None:
        self.model.show_compared(ids)
        self.grid.set_options(ids)
        self.side_effects.show_compared(ids)
        table = self.consultation.table
        if table is not None:
            # With nothing ticked, the timeline shows the first options in table order.
            self.timeline.show_options(table, ids or table.ids[:TIMELINE_DEFAULT_ROWS])
        self.compare_hint.setText(compare_hint(len(ids), MAX_COMPARED, tr=i18n.tr_of(self)))

    def _show_ranking(self, change: Change) -> None:
        ranking, table = change.ranking, change.table
        if self.consultation.detached:
            self.ranking_chart.show_message(i18n.tr_of(self).gettext(DETACHED))
            self.sensitivity_label.setText("")
        elif ranking is None or table is None:
            self.ranking_chart.show_message(no_ranking_message(self.consultation.importances(), tr=i18n.tr_of(self)))
            self.sensitivity_label.setText("")
        elif not len(ranking.scores):
            self.ranking_chart.show_message(i18n.tr_of(self).gettext(ALL_RULED_OUT))
            self.sensitivity_label.setText("")
        else:
            self.ranking_chart.show_ranking(ranking, table, hold_order=self.weights.dragging())
            self.ranking_chart.set_notes(ranking_notes(table, ranking, change.session.limits, tr=i18n.tr_of(self)))
            self.sensitivity_label.setText(self.consultation.scorer.sensitivity(ranking).sentence(table, tr=i18n.tr_of(self)))
        self._explain()

    def _on_uncertainty(self, ranking: Ranking, uncertainty) -> None:
        table = self.consultation.table
        if table is not None:
            self.ranking_chart.show_uncertainty(ranking, uncertainty.score_low, uncertainty.score_high,
                                                uncertainty_sentence(table, ranking, uncertainty, tr=i18n.tr_of(self)))

    def _on_slider_released(self) -> None:
        """The rows held their order while the slider moved: sort them now."""
        ranking, table = self.consultation.ranking, self.consultation.table
        if ranking is not None and table is not None and len(ranking.scores):
            self.ranking_chart.show_ranking(ranking, table)

    def _on_why_toggled(self, shown: bool) -> None:
        self.why_text.setVisible(shown)
        self._explain()

    def _explain(self) -> None:
        """Put the ranking in words, while they are shown (written only when asked: they are long)."""
        if not self.why_button.isChecked():
            return
        ranking, table = self.consultation.ranking, self.consultation.table
        shown = ranking is not None and table is not None and len(ranking.scores)
        self.why_text.setPlainText("\n".join(why_lines(table, ranking, self.limits(), tr=i18n.tr_of(self))) if shown else "")

    # ------------------------------------------------------------------ current option
    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self._show_current(current.data(ID_ROLE))

    def _show_current(self, option_id: str | None) -> None:
        self._current = option_id
        self._follow_on_patient_view()
        self.details.show_option(option_id)
        self.side_effects.show_current(option_id)

    def current_option(self) -> str | None:
        """The option picked in the options list (None until one is)."""
        return self._current

    # ------------------------------------------------------------------ view
    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ consultation record host
    # (see decision_aid.gui.record.RecordHost)
    def record_anchor(self) -> QAction:
        """The File-menu position where consultation actions go."""
        return self._record_anchor

    def record_menu(self) -> QMenu:
        return self.file_menu

    def add_record_tab(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, "")
        i18n.tab(self.tabs, widget, title)
