"""The ranking, the hard limits and the patient's importances in sentences.

Qt-free. The window's ranking tab, the take-home PDF, printing, the
comparison CSV and the command line all take these sentences from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..i18n import ENGLISH, N_, Translator, is_english
from ..scoring import Limits, Ranking, importance_words
from ..uncertainty import Uncertainty
from ..table import DecisionTable, Role

#: Said above every ranking, wherever it is shown.
MIRROR = N_("This ranking mirrors what you said matters. It is not a recommendation.")
#: Before the patient has said how much anything matters.
RANKING_PROMPT = N_("Your ranking appears here once you say how much each thing matters to you "
                    "(the sliders on the left), or press \"All equal\".")
#: When every importance given is 0.
ALL_ZERO = N_("Every importance is 0. Say how much at least one thing matters.")
#: When the hard limits leave nothing to rank.
ALL_RULED_OUT = N_("Every option is ruled out by the hard limits. Relax a limit to see a ranking.")
#: When the consultation shown was made with a table that is not open.
DETACHED = N_("This consultation was made with a table that is not open, so nothing is ranked. Open that table, "
              "or change an importance or a limit to go on with the table shown.")
#: When no importance was set in a consultation (summary, PDF).
IMPORTANCES_NOT_SET = N_("How much each thing matters was not set in this consultation.")
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


def _points(value: float, tr: Translator) -> str:
    """A score or count as a whole number the language's way."""
    return f"{value:.0f}" if is_english(tr) else tr.format_decimal(value, 0)


def _count(value: int, tr: Translator) -> str:
    """A count with the language's grouping (``10,000``; ``10.000`` in Spanish)."""
    return f"{value:,}" if is_english(tr) else tr.format_decimal(value)


def _share(value: float, tr: Translator) -> str:
    """A share as a whole percentage (``45%``; ``45 %`` in Spanish)."""
    return f"{value:.0%}" if is_english(tr) else tr.format_percent(value)


def _importance(value: float, tr: Translator) -> str:
    return f"{value:g}" if is_english(tr) else tr.format_decimal(value)


def no_ranking_message(importances: Mapping[str, float] | None, *, tr: Translator = ENGLISH) -> str:
    """Why there is no ranking: nothing said yet, or every importance 0."""
    return tr.gettext(RANKING_PROMPT if importances is None or not importances else ALL_ZERO)


def score_words(ranking: Ranking, option_id: str, *, tr: Translator = ENGLISH) -> str:
    """An option's personal score and rank, as the comparison's last row says it."""
    if option_id not in ranking.scores.index:
        return tr.gettext("not ranked (ruled out by a limit)")
    text = tr.gettext("{score} out of 100 (rank {rank} of {count})").format(
        score=_points(ranking.scores[option_id], tr), rank=_count(int(ranking.ranks[option_id]), tr),
        count=_count(len(ranking.scores), tr))
    if bool(ranking.missing.loc[option_id].any()):
        text += tr.gettext("; a missing figure counts at the worst end")
    return text


def ruled_out(table: DecisionTable, limits: Limits, ids: Sequence[str], *, tr: Translator = ENGLISH) -> list[str]:
    """One line per option a limit rules out: ``"Massage (not advised with: Pregnancy)"``."""
    return [f"{table.text(i, 'name')} ({'; '.join(limits.reasons(table, i, tr=tr))})" for i in ids]


def ruled_out_sentence(table: DecisionTable, limits: Limits, ids: Sequence[str], *,
                       tr: Translator = ENGLISH) -> str:
    """The options the limits leave out, in one sentence; "" when none are."""
    lines = ruled_out(table, limits, ids, tr=tr)
    return tr.gettext("Left out by the limits you set: {options}.").format(options="; ".join(lines)) if lines else ""


def left_out(table: DecisionTable, ranking: Ranking) -> list[str]:
    """Ids of the options a ranking leaves out, in table order."""
    ranked = table.options.index.isin(ranking.scores.index)
    return table.options.index[~ranked].tolist()


def why_lines(table: DecisionTable, ranking: Ranking, limits: Limits, rows: int = WHY_ROWS, *,
              tr: Translator = ENGLISH) -> list[str]:
    """Why each option scores as it does, one line each, best first; then the options ruled out."""
    lines = []
    order = ranking.order()
    for option_id in order[:rows]:
        parts = sorted(ranking.contributions.loc[option_id].items(), key=lambda kv: -kv[1])
        words = ", ".join(f"{table.criterion(c).label.lower()} {_points(v, tr)}" for c, v in parts if v >= 0.5)
        gaps = [table.criterion(c).label.lower() for c, gap in ranking.missing.loc[option_id].items()
                if gap and ranking.weights[c] > 0]
        line = tr.gettext("{rank}. {name}: {score} points").format(
            rank=ranking.ranks[option_id], name=table.text(option_id, "name"),
            score=_points(ranking.scores[option_id], tr))
        line += f" ({words})" if words else ""
        if gaps:
            line += tr.gettext("; no comparable figure for {criteria} (counted at the worst end)").format(
                criteria=", ".join(gaps))
        lines.append(line + ".")
    if len(order) > rows:
        more = len(order) - rows
        lines.append(tr.ngettext("... and {n} more option.", "... and {n} more options.", more).format(
            n=_count(more, tr)))
    for line in ruled_out(table, limits, left_out(table, ranking)[:rows], tr=tr):
        lines.append(tr.gettext("Ruled out: {option}.").format(option=line))
    return lines


def ranking_lines(table: DecisionTable, ranking: Ranking, limits: Limits, *, tr: Translator = ENGLISH) -> list[str]:
    """Every option in one line, best first, with what adds most to its score; then the options ruled out.

    ``"1. Physiotherapy: 77 out of 100 (most from expected pain relief)"``, so the
    chart's segments are never read from colour alone.
    """
    lines = []
    for option_id in ranking.order():
        parts = ranking.contributions.loc[option_id]
        line = tr.gettext("{rank}. {name}: {score} out of 100").format(
            rank=ranking.ranks[option_id], name=table.text(option_id, "name"),
            score=_points(ranking.scores[option_id], tr))
        if len(parts) and parts.max() >= 0.5:
            line += tr.gettext(" (most from {criterion})").format(
                criterion=table.criterion(parts.idxmax()).label.lower())
        lines.append(line)
    lines += [tr.gettext("Ruled out: {option}").format(option=line)
              for line in ruled_out(table, limits, left_out(table, ranking), tr=tr)]
    return lines


def importance_lines(table: DecisionTable, importances: Mapping[str, float] | None, *,
                     tr: Translator = ENGLISH) -> list[str]:
    """What matters to the patient, most important first; only importances they set.

    ``["Expected pain relief: matters a lot (9 out of 10)", ...]``, or
    :data:`IMPORTANCES_NOT_SET` alone when none were set.
    """
    given = given_importances(table, importances)
    if not given:
        return [tr.gettext(IMPORTANCES_NOT_SET)]
    pairs = sorted(((given[c.column], c) for c in table.criteria if c.column in given), key=lambda pair: -pair[0])
    return [tr.gettext("{criterion}: {words} ({value} out of 10)").format(
        criterion=criterion.label, words=importance_words(value, tr=tr), value=_importance(value, tr))
        for value, criterion in pairs]


def limits_lines(table: DecisionTable, limits: Limits, *, tr: Translator = ENGLISH) -> list[str]:
    """The hard limits in plain words, one sentence each (a category left out as the window's box says it)."""
    from ..table import CATEGORIES
    from .values import CATEGORY_LEAVE_OUT, category_words

    words = [tr.gettext("{limit}.").format(limit=tr.gettext(CATEGORY_LEAVE_OUT[c]))
             if c in CATEGORY_LEAVE_OUT else
             tr.gettext("Leave out {categories} options.").format(categories=category_words(c, tr=tr))
             for c in sorted(limits.exclude_categories,
                             key=lambda c: (CATEGORIES.index(c) if c in CATEGORIES else len(CATEGORIES), c))]
    invasive = table.by_role(Role.INVASIVENESS)
    if limits.max_invasiveness is not None and invasive is not None:
        words.append(tr.gettext("{criterion}: no more than {value} on its scale ({description})").format(
            criterion=invasive.label, value=_importance(limits.max_invasiveness, tr),
            description=invasive.description))
    if limits.contraindications:
        words.append(tr.gettext("Applies to the patient: {conditions}.").format(
            conditions="; ".join(limits.conditions_in(table))))
    return words


def _names(table: DecisionTable, ids, tr: Translator) -> str:
    names = [table.text(i, "name") for i in ids]
    if len(names) == 1:
        return names[0]
    return tr.gettext("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def uncertainty_sentence(table: DecisionTable, ranking: Ranking, uncertainty: Uncertainty, *,
                         tr: Translator = ENGLISH) -> str:
    """How sure the top of the ranking is when the figures vary within their reported ranges.

    ``"Too close to call between A and B: ..."`` when no option ranks first in
    more than half of the samples; else how often the top option ranks first.
    Unknown figures are never sampled, and the sentence says so.
    """
    close = uncertainty.too_close_to_call()
    unknown = tr.gettext("Unknown figures are not part of that count: the outlined part of a bar shows what they "
                         "could add.")
    samples = _count(uncertainty.samples, tr)
    if close:
        return tr.gettext("Too close to call between {names}: when the figures vary within their reported "
                          "ranges, no option ranks first in more than half of {samples} tries. {unknown}").format(
            names=_names(table, close, tr), samples=samples, unknown=unknown)
    top = uncertainty.p_first.idxmax()
    share = float(uncertainty.p_first[top])
    return tr.gettext("{name} ranks first in {share} of {samples} tries when the figures vary within their "
                      "reported ranges. {unknown}").format(name=table.text(top, "name"), share=_share(share, tr),
                                                           samples=samples, unknown=unknown)


def ranking_notes(table: DecisionTable, ranking: Ranking, limits: Limits, *, tr: Translator = ENGLISH) -> list[str]:
    """What the chart cannot show by itself: options ruled out and why, cautions, and a top option
    with no comparable figure for what the patient rated highest."""
    lines = [tr.gettext("Ruled out: {option}.").format(option=line)
             for line in ruled_out(table, limits, left_out(table, ranking), tr=tr)]
    for option_id in ranking.order():
        items = ranking.cautions.get(option_id, ()) if ranking.cautions else ()
        if items:
            lines.append(tr.gettext("Caution for {name}: {items} (tell the clinician or practitioner; this does not "
                                    "rule it out).").format(name=table.text(option_id, "name"),
                                                           items="; ".join(items)))
    top = ranking.top
    if top is not None and len(ranking.importances):
        highest = ranking.importances.idxmax()
        if ranking.importances[highest] > 0 and bool(ranking.missing.at[top, highest]):
            lines.append(tr.gettext("{name} has no comparable figure for '{criterion}', which you rated "
                                    "highest.").format(name=table.text(top, "name"),
                                                       criterion=table.criterion(highest).label))
    return lines

