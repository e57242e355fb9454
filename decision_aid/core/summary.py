"""The consultation summary, written section by section to any writer.

:func:`write_summary` decides what the summary says, in what order; a
:class:`SummaryWriter` decides how it looks. The PDF
(:mod:`decision_aid.core.report`) and the window's printing both write
through it, so the two always say the same thing. matplotlib is imported only
when a chart is drawn, so importing this module stays cheap.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .. import NOT_ADVICE
from .chart_words import side_effect_sentence
from .comparison import comparison_rows
from .scoring import Ranking, Scorer
from .session import Session
from .table import DecisionTable, Role
from .words.ranking import (MIRROR, can_rank, given_importances, importance_lines, left_out, limits_lines,
                            ruled_out_sentence)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Body text size in points: large enough to read without glasses for most people.
BODY_PT = 12


def discussed_options(table: DecisionTable, session: Session, ranking: Ranking | None) -> list[str]:
    """The options the summary covers: those compared, plus the chosen one, in table order.

    With nothing compared or chosen, the top three of the ranking (or the first
    three options) stand in, so the summary is never empty.
    """
    known = set(table.ids)
    ids = [i for i in session.selected if i in known]
    if session.chosen in known and session.chosen not in ids:
        ids.append(session.chosen)
    if not ids:
        ids = ranking.order()[:3] if ranking is not None and len(ranking.scores) else table.ids[:3]
    return ids


class SummaryWriter(Protocol):
    """What the summary is written to: the PDF here, a printable QTextDocument in the window.

    Every ``text`` argument is plain text; writers must never interpret it as markup.
    """

    def heading(self, text: str, size: float = 16) -> None: ...
    def text(self, text: str, size: float = BODY_PT, bold: bool = False) -> None: ...
    def framed(self, text: str, bold: bool = True, border: float = 1.5) -> None: ...
    def grid(self, rows: Sequence[Sequence[str]]) -> None: ...
    def figure(self, fig: Figure) -> None: ...


def session_ranking(table: DecisionTable, session: Session) -> Ranking | None:
    """The ranking the session's importances and limits give, or None when none are set."""
    importances = given_importances(table, session.importances)
    if not can_rank(importances):
        return None
    return Scorer(table).score(importances, session.limits.allowed(table))


def write_summary(out: SummaryWriter, table: DecisionTable, session: Session, *,
                  today: dt.date | None = None) -> None:
    """Write the patient's summary, section by section, to ``out``.

    Sections: date and decision, the not-advice notice, the choice, the
    priorities and limits in words, the side-by-side grid, the ranking chart
    with the sensitivity sentence, the timeline, side effects of the chosen
    (or top) option, the SURE result, notes, when to see a doctor, sources and
    reviewed dates, and the notice again.
    """
    # Imported here, not at the top: drawing charts is the only part that needs matplotlib.
    from matplotlib.figure import Figure

    from .charts import draw_contributions
    from .pictograph_chart import draw_pictographs
    from .timeline_chart import draw_timeline

    today = today or dt.date.today()
    out.heading("Your consultation summary", 22)
    out.text(f"Date: {today:%d %B %Y}")
    if table.about.get("condition"):
        out.text(f"Condition: {table.about['condition']}")
    if table.about.get("decision"):
        out.text(f"The decision: {table.about['decision']}")
    out.framed(NOT_ADVICE)

    ranking = session_ranking(table, session)
    ids = discussed_options(table, session, ranking)
    known = set(table.ids)
    out.heading("Your choice")
    out.text(f"You chose: {table.text(session.chosen, 'name')}." if session.chosen in known else "Not decided yet.")

    out.heading("What matters to you")
    for line in importance_lines(table, session.importances):
        out.text(line)
    for line in limits_lines(table, session.limits):
        out.text(line)

    out.heading("The options side by side")
    out.grid(comparison_rows(table, ids))

    if ranking is not None and len(ranking.scores):
        out.heading("Your ranking")
        out.text(f"{MIRROR} Each bar shows how much each thing you weighed adds to an option's score (0 to 100).")
        fig = Figure(figsize=(7.5, 0.42 * min(len(ranking.scores), 12) + 2.0), layout="constrained")
        draw_contributions(fig.add_subplot(), ranking, table)
        out.figure(fig)
        out.text(Scorer(table).sensitivity(ranking).sentence(table))
        sentence = ruled_out_sentence(table, session.limits, left_out(table, ranking))
        if sentence:
            out.text(sentence, 10)

    focus = session.chosen if session.chosen in known else (
        ranking.top if ranking is not None and ranking.top else ids[0])
    if table.by_role(Role.ONSET) is not None or table.by_role(Role.DURATION) is not None:
        out.heading("When relief might start and how long it might last")
        fig = Figure(figsize=(7.5, 0.5 * len(ids) + 2.0), layout="constrained")
        draw_timeline(fig.add_subplot(), table, ids)
        out.figure(fig)
    effects = table.side_effects_of(focus)
    out.heading(f"Side effects: {table.text(focus, 'name')}")
    if len(effects):
        fig = Figure(figsize=(7.5, 3.4 * math.ceil(len(effects) / 2)), layout="constrained")
        draw_pictographs(fig, table, focus)
        out.figure(fig)
        for _, row in effects.iterrows():
            out.text(side_effect_sentence(row), 10)
    else:
        out.text("No figure for how many people out of 100 get each side effect was found. Side effects listed: "
                 + ("; ".join(table.items(focus, "common_side_effects")) or "none listed") + ".")

    out.heading("How sure you feel (SURE test)")
    out.text(session.sure.summary())
    prompt = session.sure.clinician_prompt()
    if prompt:
        out.text(prompt, 10)

    if session.notes_patient.strip() or session.notes_clinician.strip():
        out.heading("Notes")
        if session.notes_patient.strip():
            out.text("Your notes: " + session.notes_patient.strip())
        if session.notes_clinician.strip():
            out.text("Clinician's notes: " + session.notes_clinician.strip())

    out.heading("WARNING: when to see a doctor")
    for option_id in ids:
        items = table.items(option_id, "see_doctor_if")
        if items:
            out.framed(table.text(option_id, "name") + "\n" + "\n".join("- " + item for item in items),
                       bold=False, border=2)

    out.heading("Where the information comes from")
    for option_id in ids:
        out.text(f"{table.text(option_id, 'name')} (reviewed {table.text(option_id, 'reviewed')}):", 10, bold=True)
        for source in table.items(option_id, "sources"):
            out.text(source, 10)
    for label, key in (("Authors", "authors"), ("Funding", "funding"), ("Published", "published"),
                       ("Update policy", "update_policy")):
        if table.about.get(key):
            out.text(f"{label}: {table.about[key]}", 10)
    out.framed(NOT_ADVICE)
