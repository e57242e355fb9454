"""The one holder of the consultation shown in a window.

Widgets never keep their own copy of what the patient said: they ask
:class:`Consultation` for a change (an *intent*: "this importance is now 7",
"compare these options"), it applies the change to its immutable
:class:`~decision_aid.core.session.Session` with :func:`dataclasses.replace`,
derives the ranking once, and emits :attr:`Consultation.changed` with a
:class:`Change` saying what changed. Every view (the sliders, the options
list, the grid, the chart, the decision panel, the record that saves and
autosaves) refreshes from that signal. Nobody reads a slider to learn an
importance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.errors import SessionError
from ..core.i18n import ENGLISH, Translator
from ..core.scoring import Limits, Ranking, Scorer
from ..core.session import Session, table_reference
from ..core.sure import SureResult
from ..core.table import DecisionTable
from ..core.uncertainty import Uncertainty
from ..core.words.ranking import can_rank, given_importances

#: One worker samples for every window: sampling is short, and a thread per window would outlive its window.
_SAMPLER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="uncertainty")
#: After the last change to the ranking, how long to wait before sampling its uncertainty (milliseconds):
#: a slider being dragged changes the ranking every few dozen milliseconds, so this waits for it to settle.
UNCERTAINTY_DELAY_MS = 150

#: What a :class:`Change` can name.
TABLE, IMPORTANCES, LIMITS, COMPARED, CHOSEN, NOTES, SURE, SESSION = (
    "table", "importances", "limits", "compared", "chosen", "notes", "sure", "session")
#: Parts that change the ranking.
RANKING_PARTS = frozenset({TABLE, IMPORTANCES, LIMITS, SESSION})


@dataclass(frozen=True)
class Change:
    """What one intent changed, and the state after it.

    Attributes
    ----------
    parts
        Names of what changed (:data:`TABLE`, :data:`IMPORTANCES`, ...);
        :data:`SESSION` when a whole consultation was put in place.
    session
        The consultation after the change.
    table
        The table shown (None before one is loaded).
    ranking
        The ranking the session's importances and limits give, or None when
        there is none yet (see :func:`decision_aid.core.words.ranking.can_rank`).
    """

    parts: frozenset[str]
    session: Session
    table: DecisionTable | None
    ranking: Ranking | None

    def touches(self, *parts: str) -> bool:
        """Whether any of ``parts`` changed (a whole new session changes everything)."""
        return SESSION in self.parts or TABLE in self.parts or any(part in self.parts for part in parts)


class Consultation(QObject):
    """The consultation in one window: its table, its session and the ranking derived from them.

    Signals
    -------
    changed(Change)
        Emitted once per applied intent that changed something.
    uncertaintyReady(Ranking, Uncertainty)
        The sampled uncertainty of the ranking shown, worked out off the GUI
        thread once the ranking has settled; a result for a ranking that has
        since changed is dropped.
    """

    changed = Signal(object)
    uncertaintyReady = Signal(object, object)
    languageChanged = Signal(object)

    def __init__(self, table: DecisionTable | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table
        self._base_table = table
        self._scorer = Scorer(table) if table is not None else None
        self._session = Session.new(table)
        self._ranking: Ranking | None = None
        self._detached = False
        self._problem = ""
        self._translator: Translator = ENGLISH
        self._uncertainty: Uncertainty | None = None
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UNCERTAINTY_DELAY_MS)
        self._timer.timeout.connect(self._sample)
        # The worker never touches Qt: the GUI thread looks at the pending result, so nothing is ever
        # delivered to a consultation that has been closed meanwhile.
        self._pending: tuple[int, Future] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(10)
        self._poll.timeout.connect(self._on_poll)

    # ----------------------------------------------------------------- reading

    @property
    def table(self) -> DecisionTable | None:
        """The table shown."""
        return self._table

    @property
    def base_table(self) -> DecisionTable | None:
        """The table shown in its own language (:attr:`table` may be a translation of it)."""
        return self._base_table

    @property
    def session(self) -> Session:
        """The consultation as it stands (timestamps as last saved or created)."""
        return self._session

    @property
    def ranking(self) -> Ranking | None:
        """The ranking of the current importances and limits; None while there is none."""
        return self._ranking

    @property
    def uncertainty(self) -> Uncertainty | None:
        """The sampled uncertainty of the current ranking, once worked out (None before, and after a change)."""
        return self._uncertainty

    @property
    def scorer(self) -> Scorer | None:
        """The scorer of the table shown."""
        return self._scorer

    @property
    def detached(self) -> bool:
        """Whether the session was made with a table that is not open (its preferences are kept as recorded)."""
        return self._detached

    @property
    def problem(self) -> str:
        """Why the consultation cannot be saved as it stands ("" when it can), e.g. a note that is too long."""
        return self._problem

    @property
    def translator(self) -> Translator:
        """The language the window speaks (the patient's screen and the PDF may each have another)."""
        return self._translator

    def set_translator(self, tr: Translator) -> None:
        """Speak ``tr``'s language in the window; every view retranslates in place on :attr:`languageChanged`."""
        if tr is self._translator:
            return
        self._translator = tr
        self.languageChanged.emit(tr)

    def set_table_text(self, table: DecisionTable) -> None:
        """Show the same table in another language (a translation: same folder, fingerprint and figures).

        The patient's preferences, choice and notes stay; every view refreshes as for a whole new session.
        """
        if self._table is None or table.fingerprint != self._table.fingerprint:
            raise ValueError("a table's text can only be replaced by a translation of the same table")
        self._table = table
        self._scorer = Scorer(table)
        self._derive()
        self._emit({SESSION})

    def refresh(self) -> None:
        """Have every view redraw everything, nothing having changed (their words' language has)."""
        self._emit({SESSION})

    def importances(self) -> dict[str, float] | None:
        """The importances the patient gave, by criterion column; None while none are set."""
        values = self._session.importances
        return None if values is None else dict(values)

    # ----------------------------------------------------------------- intents

    def set_table(self, table: DecisionTable, base: DecisionTable | None = None) -> None:
        """Show another table: its preferences start unset; the choice, notes and SURE answers stay.

        ``base``: the table in its own language when ``table`` is a translation of it.
        """
        self._table, self._base_table = table, base or table
        self._scorer = Scorer(table)
        self._detached = False
        self._apply({TABLE}, importances=None, limits=Limits(), selected=(),
                    table_folder=table_reference(table), table_fingerprint=table.fingerprint)

    def set_importances(self, importances: Mapping[str, float] | None) -> None:
        """Set every importance at once (None: not set); a criterion left out counts 0, as an unset slider does."""
        values = None
        if importances is not None:
            values = {c.column: 0.0 for c in self._table.criteria} if self._table is not None else {}
            values.update({k: float(v) for k, v in importances.items()})
        if values == self.importances():
            return
        self._apply({IMPORTANCES}, importances=values, **self._attach())

    def set_importance(self, column: str, value: float) -> None:
        """Set how much one criterion matters (0-10); the others keep their values (0 where not yet set)."""
        values = self.importances() or {}
        values[column] = float(value)
        self.set_importances(values)

    def set_limits(self, limits: Limits) -> None:
        """Set the hard limits."""
        if limits == self._session.limits:
            return
        self._apply({LIMITS}, limits=limits, **self._attach())

    def set_compared(self, ids: Iterable[str]) -> None:
        """Compare these options side by side, in this order."""
        selected = tuple(dict.fromkeys(ids))
        if selected == self._session.selected:
            return
        self._apply({COMPARED}, selected=selected, **self._attach())

    def set_chosen(self, option_id: str | None) -> None:
        """Record the option the patient chose (None: not decided yet)."""
        if option_id == self._session.chosen:
            return
        self._apply({CHOSEN}, chosen=option_id)

    def set_notes(self, *, clinician: str | None = None, patient: str | None = None) -> None:
        """Record the clinician's or the patient's notes.

        A note too long to be saved is not taken into the session: :attr:`problem`
        then says so until the note is shortened, and saving refuses.
        """
        changes = {}
        if clinician is not None and clinician != self._session.notes_clinician:
            changes["notes_clinician"] = clinician
        if patient is not None and patient != self._session.notes_patient:
            changes["notes_patient"] = patient
        try:
            candidate = replace(self._session, **changes)
        except SessionError as exc:
            problem = exc.say(self._translator)
        else:
            problem = ""
            self._session = candidate
        if changes or problem != self._problem:
            self._problem = problem
            self._emit({NOTES})

    def set_sure(self, result: SureResult) -> None:
        """Record the SURE test answers."""
        if result == self._session.sure:
            return
        self._apply({SURE}, sure=result)

    def adopt(self, session: Session, *, detached: bool = False) -> None:
        """Put a whole consultation in place (new, opened or recovered).

        Parameters
        ----------
        session
            The consultation, already checked against the table shown.
        detached
            The session's table could not be opened: its preferences are
            kept as recorded, and the first change to a preference makes it
            use the table shown.
        """
        self._detached = detached
        self._problem = ""
        self._session = session
        self._derive()
        self._emit({SESSION})

    def saved(self, session: Session) -> None:
        """The session as written to a file (with its new timestamps); nothing the patient sees changes."""
        self._session = session

    # ----------------------------------------------------------------- internals

    def _attach(self) -> dict[str, str]:
        """Changing a preference of a detached session makes it the table shown's."""
        if not self._detached or self._table is None:
            return {}
        self._detached = False
        return {"table_folder": table_reference(self._table), "table_fingerprint": self._table.fingerprint}

    def _apply(self, parts: set[str], **changes: object) -> None:
        self._session = replace(self._session, **changes)
        if parts & RANKING_PARTS:
            self._derive()
        self._emit(parts)

    def _derive(self) -> None:
        """The ranking, worked out once per change; its uncertainty is sampled once it settles."""
        table, scorer = self._table, self._scorer
        importances = given_importances(table, self._session.importances) if table is not None else None
        self._generation += 1
        self._uncertainty = None
        if self._detached or scorer is None or not can_rank(importances):
            self._ranking = None
            self._timer.stop()
            return
        self._ranking = scorer.score(importances, limits=self._session.limits)
        self._timer.start()

    def _sample(self) -> None:
        ranking, scorer, generation = self._ranking, self._scorer, self._generation
        if ranking is None or scorer is None or not len(ranking.scores):
            return
        importances = dict(ranking.importances)
        self._pending = (generation, _SAMPLER.submit(scorer.uncertainty, importances, limits=self._session.limits))
        self._poll.start()

    def _on_poll(self) -> None:
        if self._pending is None or not self._pending[1].done():
            return
        (generation, done), self._pending = self._pending, None
        self._poll.stop()
        if generation != self._generation or done.cancelled() or done.exception() is not None:
            return                                  # a newer ranking is on its way, or sampling failed
        self._uncertainty = done.result()
        self.uncertaintyReady.emit(self._ranking, self._uncertainty)

    def _emit(self, parts: set[str]) -> None:
        self.changed.emit(Change(frozenset(parts), self._session, self._table, self._ranking))
