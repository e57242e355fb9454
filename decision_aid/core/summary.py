"""The take-home sheet, written section by section to any writer.

:func:`write_summary` decides what the sheet says, in what order; a
:class:`SummaryWriter` decides how it looks. The PDF
(:mod:`decision_aid.core.report`) and the window's printing both write
through it, so the two always say the same thing, in the words of
:mod:`decision_aid.core.words`. matplotlib is imported only when a chart is
drawn, so importing this module stays cheap.

The sheet, for a patient at the kitchen table:

1. the decision and the patient's voice: condition and decision, what they
   chose, what matters to them (only importances they set), their limits,
   the SURE result, notes, questions for the next visit, what happens next;
2. the options side by side: the questions a patient asks first, each option
   headed by its certainty and guideline stance in words, long cells cut with
   "continued in the app";
3. the ranking, when the patient set importances: the chart and every option
   in one line each, ruled-out options with their reasons;
4. side effects out of 100 people, "when to see a doctor" once, in a box,
   and the sources the sheet cites.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .. import NOT_ADVICE
from .chart_words import side_effect_sentence
from .scoring import Ranking, Scorer
from .session import Session
from .table import DecisionTable
from .words import cited_keys, date_words, parse_sources
from .words.sources import reference_of
from .words import sheet as words
from .words.grid import grid_rows
from .words.ranking import (MIRROR, can_rank, given_importances, importance_lines, limits_lines, ranking_lines,
                            ranking_notes, uncertainty_sentence)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Body text size in points: large enough to read without glasses for most people.
BODY_PT = 12
#: Grid text size in points.
GRID_PT = 11
#: Footer, chart tick labels and the reference list.
SMALL_PT = 9
#: Questions of the grid the sheet prints, in the grid's order; the rest are left to the app.
SHEET_ROWS = ("benefit", "soon", "lasts", "invasive", "visits", "serious")
#: Longest text of one grid cell on paper (the rest is "continued in the app").
CELL_CHARS = 72
#: Longest text of a free-text cell elsewhere on the sheet (a note, a summary).
TEXT_CHARS = 1500
#: Most pictographs drawn; further side effects are listed in words.
MAX_PICTOGRAPHS = 6
#: Most options the ranking chart draws on paper; every option is in the list beneath it.
CHART_ROWS = 14


def discussed_options(table: DecisionTable, session: Session, ranking: Ranking | None) -> list[str]:
    """The options the sheet covers: those compared, plus the chosen one, in the order compared.

    With nothing compared or chosen, the top three of the ranking (or the first
    three options) stand in, so the sheet is never empty.
    """
    known = set(table.ids)
    ids = [i for i in session.selected if i in known]
    if session.chosen in known and session.chosen not in ids:
        ids.append(session.chosen)
    if not ids:
        ids = ranking.order()[:3] if ranking is not None and len(ranking.scores) else table.ids[:3]
    return ids[:4]


class SummaryWriter(Protocol):
    """What the sheet is written to: the PDF here, a printable QTextDocument in the window.

    Every ``text`` argument is plain text; writers must never interpret it as markup.
    """

    def title(self, text: str) -> None: ...
    def heading(self, text: str) -> None: ...
    def text(self, text: str, size: float = BODY_PT, bold: bool = False) -> None: ...
    def bullets(self, items: Sequence[str], size: float = BODY_PT) -> None: ...
    def framed(self, heading: str, lines: Sequence[str], warning: bool = False) -> None: ...
    def grid(self, header: Sequence[Sequence[str]], rows: Sequence[Sequence[str]]) -> None: ...
    def figure(self, fig: Figure, width_fraction: float = 1.0) -> None: ...
    def page_break(self, wide: bool = False) -> None: ...


def session_ranking(table: DecisionTable, session: Session) -> Ranking | None:
    """The ranking the session's importances and limits give, or None when none are set."""
    importances = given_importances(table, session.importances)
    if not can_rank(importances):
        return None
    return Scorer(table).score(importances, session.limits.allowed(table))


def sheet_rows(table: DecisionTable, ids: Sequence[str]) -> list[list[str]]:
    """The grid the sheet prints: the first questions of the window's grid, each cell cut to fit paper."""
    rows = []
    for row in grid_rows(table, list(ids)):
        if row.key in SHEET_ROWS or row.key not in _KNOWN_KEYS:
            rows.append([row.title, *(words.cut_cell(row.cells[i].text, CELL_CHARS) for i in ids)])
    return rows


#: Keys of the window's grid rows that are not criteria of a table's own (those are printed too).
_KNOWN_KEYS = frozenset({"what", "invasive", "soon", "lasts", "visits", "benefit", "harm", "common", "howmany",
                         "serious", "cautions", "evidence", "guidelines", "doctor"})


def write_summary(out: SummaryWriter, table: DecisionTable, session: Session, *,
                  today: dt.date | None = None) -> None:
    """Write the patient's take-home sheet, section by section, to ``out`` (see the module docstring)."""
    today = today or dt.date.today()
    ranking = session_ranking(table, session)
    ids = discussed_options(table, session, ranking)
    _first_page(out, table, session, today)
    out.page_break(wide=True)       # the options side by side on a landscape page, where four columns fit
    out.heading(words.OPTIONS)
    out.grid([words.option_header(table, i) for i in ids], sheet_rows(table, ids))
    out.text(words.MORE_IN_APP, SMALL_PT + 1)
    out.page_break()
    if ranking is not None:
        _ranking(out, table, session, ranking)
    _side_effects(out, table, ids)
    out.framed(words.DOCTOR, words.doctor_items(table, ids), warning=True)
    _sources(out, table, ids)
    out.text(NOT_ADVICE, SMALL_PT + 1, bold=True)


def _first_page(out: SummaryWriter, table: DecisionTable, session: Session, today: dt.date) -> None:
    out.title(words.TITLE)
    out.text(f"{date_words(today.isoformat())}", BODY_PT)
    condition = table.about.get("condition", "").strip()
    if condition:
        out.text("Condition: " + words.cut(condition.split(". ")[0].rstrip(".") + ".", TEXT_CHARS))
    decision = table.about.get("decision", "").strip()
    if decision:
        out.text("The decision: " + words.cut(decision, TEXT_CHARS))
    out.framed("", [NOT_ADVICE])

    out.heading(words.DECISION)
    known = set(table.ids)
    out.text(f"You chose: {table.text(session.chosen, 'name')}." if session.chosen in known else words.NOT_DECIDED,
             bold=True)
    out.heading(words.PRIORITIES)
    out.bullets(importance_lines(table, session.importances))
    out.heading(words.LIMITS)
    out.bullets(limits_lines(table, session.limits) or [words.NO_LIMITS])
    out.heading(words.SURE)
    out.text(session.sure.summary())
    if session.notes_patient.strip() or session.notes_clinician.strip():
        out.heading(words.NOTES)
        if session.notes_patient.strip():
            out.text("Your notes: " + words.cut(session.notes_patient.strip(), TEXT_CHARS))
        if session.notes_clinician.strip():
            out.text("Clinician's notes: " + words.cut(session.notes_clinician.strip(), TEXT_CHARS))
    out.heading(words.QUESTIONS)
    out.bullets([words.cut(q, 300) for q in words.questions(table)])
    out.heading(words.NEXT)
    out.text(words.NEXT_STEPS)


def _ranking(out: SummaryWriter, table: DecisionTable, session: Session, ranking: Ranking) -> None:
    # Imported here, not at the top: drawing charts is the only part that needs matplotlib.
    from matplotlib.figure import Figure

    from .charts import draw_contributions, show_whiskers

    out.heading(words.RANKING)
    out.text(f"{MIRROR} Each bar shows how much each thing you weighed adds to an option's score (0 to 100).",
             GRID_PT)
    order = ranking.order()
    if order:
        scorer = Scorer(table)
        uncertainty = scorer.uncertainty(dict(ranking.importances), limits=session.limits)
        shown = min(len(order), CHART_ROWS)
        fig = Figure(figsize=(7.2, 0.27 * shown + 2.8), layout="constrained")   # legend and title need room
        artists = draw_contributions(fig.add_subplot(), ranking, table, top_n=shown, label_width=40, label_lines=1)
        show_whiskers(artists, uncertainty.score_low, uncertainty.score_high)
        out.figure(fig)
        out.text(uncertainty_sentence(table, ranking, uncertainty), GRID_PT)
        out.text(scorer.sensitivity(ranking).sentence(table), GRID_PT)
    out.bullets(ranking_lines(table, ranking, session.limits), GRID_PT)     # names are never cut
    cautions = [line for line in ranking_notes(table, ranking, session.limits) if not line.startswith("Ruled out")]
    if cautions:
        out.bullets([words.cut(line, 300) for line in cautions], GRID_PT)


def _side_effects(out: SummaryWriter, table: DecisionTable, ids: Sequence[str]) -> None:
    rows = [row for i in ids for _, row in table.side_effects_of(i).iterrows()]
    out.heading(words.SIDE_EFFECTS)
    if not rows:
        out.text("No figure for how many people out of 100 get each side effect was found for these options. "
                 "Their side effects are listed in the grid above.", GRID_PT)
        return
    from matplotlib.figure import Figure

    from .pictograph_chart import draw_pictograph

    drawn = rows[:MAX_PICTOGRAPHS]
    ncols = min(3, len(drawn))
    nrows = math.ceil(len(drawn) / ncols)
    fig = Figure(figsize=(2.4 * ncols, 2.7 * nrows), layout="constrained")   # drawn near its own size: 10 pt text
    for k, row in enumerate(drawn):
        name = table.text(str(row["option_id"]), "name")
        draw_pictograph(fig.add_subplot(nrows, ncols, k + 1), float(row["per_100"]),
                        words.cut(f"{name}: {row['effect']}", 80), str(row.get("severity", "") or ""))
    out.figure(fig, width_fraction=min(1.0, 0.34 * ncols))
    out.bullets([words.cut(f"{table.text(str(row['option_id']), 'name')}. {side_effect_sentence(row)}", 400)
                 for row in rows[:40]], GRID_PT)
    if len(rows) > 40:
        out.text(f"{len(rows) - 40} more side effects are listed in the app.", GRID_PT)


def _sources(out: SummaryWriter, table: DecisionTable, ids: Sequence[str]) -> None:
    """Only the references the sheet cites, said in words where ``references.csv`` gives them."""
    out.heading(words.SOURCES)
    cited: dict[str, str] = {}
    for option_id in ids:
        entries = parse_sources(table.text(option_id, "sources"))
        text = " ".join(table.text(option_id, column) for column in table.options.columns
                        if column.endswith("_source"))
        for key in cited_keys(text):
            if key in entries:
                cited.setdefault(key, entries[key])
    lines = []
    for key, entry in cited.items():
        reference = reference_of(table, key)
        said = reference.in_words or reference.citation if reference is not None else ""
        lines.append(words.cut(f"[{key}] {said}" if said else entry, 300))
    out.bullets(lines or ["The options' sources are listed in the app."], SMALL_PT)
    reviewed = sorted({table.text(i, "reviewed") for i in ids if table.text(i, "reviewed")})
    if reviewed:
        out.text("Information last checked: " + ", ".join(date_words(d) for d in reviewed) + ".", SMALL_PT)
    for label, key in (("Authors", "authors"), ("Funding", "funding"), ("Published", "published")):
        if table.about.get(key):
            out.text(f"{label}: {words.cut(table.about[key], 300)}", SMALL_PT)
