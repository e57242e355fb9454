"""The patient's screen: a large-type, read-only copy of what the clinician shows.

Opened from View > Patient screen (F11). It goes full screen on a second
monitor when there is one, otherwise it is a separate window. It has no
menus or controls: it follows the clinician's window, refreshing from the
:class:`~decision_aid.gui.consultation.Consultation`'s ``changed`` signal and
from the view the clinician has open (options, comparison, ranking, side
effects, timeline).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ..core.chart_words import no_side_effect_figures, side_effect_sentence
from ..core.words import PATIENT, category_short
from ..core.words.ranking import MIRROR, no_ranking_message, score_words
from ..core.words.window import baseline_sentence, patient_view_title, stance_words
from ..core.i18n import ENGLISH, Translator
from . import language as i18n
from .consultation import Change, Consultation
from .language import N_, table_in
from .grid import ComparisonGrid
from .widgets import PlainLabel

#: Text on the patient's screen is this much larger than the clinician's.
PATIENT_VIEW_SCALE = 1.6
#: What the patient's screen can show.
OPTIONS, COMPARE, RANKING, EFFECTS, TIMELINE = "options", "compare", "ranking", "effects", "timeline"


class PatientView(QWidget):
    """A read-only, large-type window that shows what the clinician's window shows.

    Parameters
    ----------
    consultation
        The consultation it follows.
    translator
        The language it speaks, which may differ from the clinician's window (see :meth:`set_translator`).
    """

    def __init__(self, consultation: Consultation, parent: QWidget | None = None, *,
                 translator: Translator | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("patientView")
        self._translator = translator or ENGLISH
        i18n.window_title(self, N_("Decision aid - patient screen"))
        i18n.name(self, N_("Patient screen"))
        self._consultation = consultation
        self._view = OPTIONS
        self._current: str | None = None
        self._grid_table = None
        font = self.font()
        font.setPointSizeF(max(8.0, font.pointSizeF()) * PATIENT_VIEW_SCALE)
        self.setFont(font)

        layout = QVBoxLayout(self)
        self.title = PlainLabel("", scale=1.2, bold=True)
        self.title.setObjectName("patientTitle")
        layout.addWidget(self.title)
        self.pages = QStackedWidget()
        self.text = PlainLabel("")
        self.text.setObjectName("patientText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.text)
        self.grid = ComparisonGrid()
        self.grid.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.grid.set_folding(False)  # every line shown: the patient's screen has no controls
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.grid)
        layout.addWidget(self.pages, 1)
        self.footer = PlainLabel("", italic=True)
        i18n.text(self.footer, MIRROR)
        layout.addWidget(self.footer)
        consultation.changed.connect(self._on_changed)
        self._refresh()

    # ----------------------------------------------------------------- following

    @property
    def translator(self) -> Translator:
        """The language the patient's screen speaks."""
        return self._translator

    def set_translator(self, tr: Translator) -> None:
        """Speak ``tr``'s language (words and, when the table is translated, its content), in place."""
        if tr is self._translator:
            return
        self._translator = tr
        i18n.retranslate(self, tr)
        self._grid_table = None
        self._refresh()

    def table(self):
        """The table as the patient's screen shows it: in its language when the table is translated."""
        base = self._consultation.base_table
        return None if base is None else table_in(base, self._translator.lang)[0]

    def show_view(self, view: str, current: str | None = None) -> None:
        """Show ``view`` (:data:`OPTIONS`, :data:`COMPARE`, ...) as the clinician does; ``current``: option picked."""
        self._view, self._current = view, current
        self._refresh()

    def view(self) -> str:
        """What the patient's screen shows."""
        return self._view

    def shown_text(self) -> str:
        """The words shown (the comparison grid's options, joined, when the grid is shown)."""
        if self.pages.currentWidget() is self.grid:
            table = self.table()
            return "\n".join(table.text(i, "name") for i in self.grid.options()) if table is not None else ""
        return self.text.text()

    def place(self, clinician: QWidget) -> None:
        """Full screen on a screen other than the clinician's when there is one, else a separate window."""
        screens = QGuiApplication.screens()
        own = clinician.screen()
        others = [s for s in screens if s is not own]
        if others:
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            area = (own or QGuiApplication.primaryScreen()).availableGeometry()
            self.resize(int(area.width() * 0.8), int(area.height() * 0.8))
            self.show()

    def _on_changed(self, change: Change) -> None:
        self._refresh()

    # ----------------------------------------------------------------- drawing

    def _refresh(self) -> None:
        table = self.table()
        self.title.setText(patient_view_title(table, tr=i18n.tr_of(self)))
        self.footer.setVisible(self._view == RANKING)
        if table is None:
            self.pages.setCurrentIndex(0)
            self.text.setText("")
            return
        compared = list(self._consultation.session.selected)
        if self._view == COMPARE and len(compared) >= 2:
            if self.grid.layer() != PATIENT:
                self.grid.set_layer(PATIENT)
            if self._grid_table is not table:  # set once per table
                self._grid_table = table
                self.grid.set_table(table)
            self.grid.set_options(compared)
            self.pages.setCurrentWidget(self.grid)
            return
        self.pages.setCurrentIndex(0)
        self.text.setText("\n".join(self._lines(table, compared)))

    def _lines(self, table, compared: list[str]) -> list[str]:
        if self._view == RANKING:
            ranking = self._consultation.ranking
            if ranking is None or not len(ranking.scores):
                return [no_ranking_message(self._consultation.importances(), tr=i18n.tr_of(self))]
            order = ranking.scores.sort_values(ascending=False).index
            return [f"{n}. {table.text(i, 'name')}: {score_words(ranking, i, tr=i18n.tr_of(self))}" for n, i in enumerate(order, 1)]
        if self._view == EFFECTS:
            ids = compared or ([self._current] if self._current else [])
            if not ids:
                return [self._translator.gettext("Side effects: the clinician will choose an option to show.")]
            lines: list[str] = []
            for option_id in ids:
                name = table.text(option_id, "name")
                lines.append(name)
                effects = table.side_effects_of(option_id)
                if not len(effects):
                    lines.append("  " + no_side_effect_figures(name, tr=i18n.tr_of(self)))
                for _, row in effects.iterrows():
                    lines.append("  " + side_effect_sentence(row, tr=i18n.tr_of(self)))
                    baseline = baseline_sentence(row, PATIENT, tr=i18n.tr_of(self))
                    if baseline:
                        lines.append("  " + baseline)
                lines.append("")
            return lines
        if self._view == COMPARE:
            return [self._translator.gettext("The clinician will choose 2 to 4 options to compare side by side.")]
        # Options and anything else: the options, the compared ones marked.
        lines = []
        for option_id in table.ids:
            mark = "\u2713 " if option_id in compared else "   "
            stance = stance_words(table.text(option_id, "guideline_stance"), PATIENT, tr=i18n.tr_of(self))
            kind = category_short(table.text(option_id, "category"), tr=i18n.tr_of(self))
            lines.append(f"{mark}{table.text(option_id, 'name')} ({kind}{'; ' + stance if stance else ''})")
        return lines
