"""The ranking, the hard limits and the patient's importances in sentences.

Qt-free. The window's ranking tab, the take-home PDF, printing, the
comparison CSV and the command line all take these sentences from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..scoring import Limits, Ranking, importance_words
from ..uncertainty import Uncertainty
from ..table import DecisionTable, Role

#: Said above every ranking, wherever it is shown.
MIRROR = "This ranking mirrors what you said matters. It is not a recommendation."
#: Before the patient has said how much anything matters.
RANKING_PROMPT = ("Your ranking appears here once you say how much each thing matters to you "
                  "(the sliders on the left), or press \"All equal\".")
#: When every importance given is 0.
ALL_ZERO = "Every importance is 0. Say how much at least one thing matters."
#: When the hard limits leave nothing to rank.
ALL_RULED_OUT = "Every option is ruled out by the hard limits. Relax a limit to see a ranking."
#: When the consultation shown was made with a table that is not open.
DETACHED = ("This consultation was made with a table that is not open, so nothing is ranked. Open that table, "
            "or change an importance or a limit to go on with the table shown.")
#: When no importance was set in a consultation (summary, PDF).
IMPORTANCES_NOT_SET = "How much each thing matters was not set in this consultation."
#: Options explained in words under the ranking (the rest are counted).
WHY_ROWS = 25


def given_importances(table: DecisionTable, importances: Mapping[str, float] | None) -> dict[str, float] | None:
    """The importances that name a criterion of ``table``; None when none were given."""
    if importances is None:
        return None
    columns = {c.column for c in table.criteria}
    given = {k: float(v) for k, v in importances.items() if k in columns}
    return given or None


def can_rank(importances: Mapping[str, float] | None) -> bool:
    """Whether importances are enough for a ranking: given, and at least one above 0.

    The one rule the window, the summary and the PDF use for "is there a ranking yet".
    """
    return importances is not None and sum(importances.values()) > 0


def no_ranking_message(importances: Mapping[str, float] | None) -> str:
    """Why there is no ranking: nothing said yet, or every importance 0."""
    return RANKING_PROMPT if importances is None or not importances else ALL_ZERO


def score_words(ranking: Ranking, option_id: str) -> str:
    """An option's personal score and rank, as the comparison's last row says it."""
    if option_id not in ranking.scores.index:
        return "not ranked (ruled out by a limit)"
    text = f"{ranking.scores[option_id]:.0f} out of 100 (rank {int(ranking.ranks[option_id])} of " \
           f"{len(ranking.scores)})"
    if bool(ranking.missing.loc[option_id].any()):
        text += "; a missing figure counts as 0"
    return text


def ruled_out(table: DecisionTable, limits: Limits, ids: Sequence[str]) -> list[str]:
    """One line per option a limit rules out: ``"Massage (not advised with: Pregnancy)"``."""
    return [f"{table.text(i, 'name')} ({'; '.join(limits.reasons(table, i))})" for i in ids]


def ruled_out_sentence(table: DecisionTable, limits: Limits, ids: Sequence[str]) -> str:
    """The options the limits leave out, in one sentence; "" when none are."""
    lines = ruled_out(table, limits, ids)
    return "Left out by the limits you set: " + "; ".join(lines) + "." if lines else ""


def left_out(table: DecisionTable, ranking: Ranking) -> list[str]:
    """Ids of the options a ranking leaves out, in table order."""
    ranked = table.options.index.isin(ranking.scores.index)
    return table.options.index[~ranked].tolist()


def why_lines(table: DecisionTable, ranking: Ranking, limits: Limits, rows: int = WHY_ROWS) -> list[str]:
    """Why each option scores as it does, one line each, best first; then the options ruled out."""
    lines = []
    order = ranking.order()
    for option_id in order[:rows]:
        parts = sorted(ranking.contributions.loc[option_id].items(), key=lambda kv: -kv[1])
        words = ", ".join(f"{table.criterion(c).label.lower()} {v:.0f}" for c, v in parts if v >= 0.5)
        gaps = [table.criterion(c).label.lower() for c, gap in ranking.missing.loc[option_id].items()
                if gap and ranking.weights[c] > 0]
        line = f"{ranking.ranks[option_id]}. {table.text(option_id, 'name')}: {ranking.scores[option_id]:.0f} points"
        line += f" ({words})" if words else ""
        if gaps:
            line += f"; no comparable figure for {', '.join(gaps)} (counted at the worst end)"
        lines.append(line + ".")
    if len(order) > rows:
        lines.append(f"... and {len(order) - rows} more options.")
    for line in ruled_out(table, limits, left_out(table, ranking)[:rows]):
        lines.append(f"Ruled out: {line}.")
    return lines


def ranking_lines(table: DecisionTable, ranking: Ranking, limits: Limits) -> list[str]:
    """Every option in one line, best first, with what adds most to its score; then the options ruled out.

    ``"1. Physiotherapy: 77 out of 100 (most from expected pain relief)"``, so the
    chart's segments are never read from colour alone.
    """
    lines = []
    for option_id in ranking.order():
        parts = ranking.contributions.loc[option_id]
        line = f"{ranking.ranks[option_id]}. {table.text(option_id, 'name')}: {ranking.scores[option_id]:.0f} out of 100"
        if len(parts) and parts.max() >= 0.5:
            line += f" (most from {table.criterion(parts.idxmax()).label.lower()})"
        lines.append(line)
    lines += [f"Ruled out: {line}" for line in ruled_out(table, limits, left_out(table, ranking))]
    return lines


def importance_lines(table: DecisionTable, importances: Mapping[str, float] | None) -> list[str]:
    """What matters to the patient, most important first; only importances they set.

    ``["Expected pain relief: matters a lot (9 out of 10)", ...]``, or
    :data:`IMPORTANCES_NOT_SET` alone when none were set.
    """
    given = given_importances(table, importances)
    if not given:
        return [IMPORTANCES_NOT_SET]
    pairs = sorted(((given[c.column], c) for c in table.criteria if c.column in given), key=lambda pair: -pair[0])
    return [f"{criterion.label}: {importance_words(value)} ({value:g} out of 10)" for value, criterion in pairs]


def limits_lines(table: DecisionTable, limits: Limits) -> list[str]:
    """The hard limits in plain words, one sentence each."""
    words = []
    if limits.exclude_categories:
        words.append("Leave out " + ", ".join(sorted(limits.exclude_categories)) + " options.")
    invasive = table.by_role(Role.INVASIVENESS)
    if limits.max_invasiveness is not None and invasive is not None:
        words.append(f"{invasive.label}: no more than {limits.max_invasiveness:g} on its scale "
                     f"({invasive.description})")
    if limits.contraindications:
        words.append("Applies to the patient: " + "; ".join(sorted(limits.contraindications)) + ".")
    return words


def _names(table: DecisionTable, ids) -> str:
    names = [table.text(i, "name") for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def uncertainty_sentence(table: DecisionTable, ranking: Ranking, uncertainty: Uncertainty) -> str:
    """How sure the top of the ranking is when the figures vary within their reported ranges.

    ``"Too close to call between A and B: ..."`` when no option ranks first in
    more than half of the samples; else how often the top option ranks first.
    Unknown figures are never sampled, and the sentence says so.
    """
    close = uncertainty.too_close_to_call()
    unknown = ("Unknown figures are not part of that count: the outlined part of a bar shows what they "
               "could add.")
    if close:
        return (f"Too close to call between {_names(table, close)}: when the figures vary within their reported "
                f"ranges, no option ranks first in more than half of {uncertainty.samples:,} tries. {unknown}")
    top = uncertainty.p_first.idxmax()
    share = float(uncertainty.p_first[top])
    return (f"{table.text(top, 'name')} ranks first in {share:.0%} of {uncertainty.samples:,} tries when the "
            f"figures vary within their reported ranges. {unknown}")


def ranking_notes(table: DecisionTable, ranking: Ranking, limits: Limits) -> list[str]:
    """What the chart cannot show by itself: options ruled out and why, cautions, and a top option
    with no comparable figure for what the patient rated highest."""
    lines = [f"Ruled out: {line}." for line in ruled_out(table, limits, left_out(table, ranking))]
    for option_id in ranking.order():
        items = ranking.cautions.get(option_id, ()) if ranking.cautions else ()
        if items:
            lines.append(f"Caution for {table.text(option_id, 'name')}: {'; '.join(items)} (tell the clinician or "
                         "practitioner; this does not rule it out).")
    top = ranking.top
    if top is not None and len(ranking.importances):
        highest = ranking.importances.idxmax()
        if ranking.importances[highest] > 0 and bool(ranking.missing.at[top, highest]):
            lines.append(f"{table.text(top, 'name')} has no comparable figure for "
                         f"'{table.criterion(highest).label}', which you rated highest.")
    return lines

