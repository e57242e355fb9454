"""The side-by-side comparison: one column per option, one row per question.

:func:`comparison_rows` builds the grid as text (the window shows it and the
CSV export writes it); :func:`export_comparison_csv` saves it for the clinic
record. Every value comes from the table; nothing is computed except the
personal score, and only when a ranking is given.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable

from .errors import ExportError
from .export import write_csv_atomic
from .scoring import Ranking
from .table import Criterion, DecisionTable

#: Shown wherever the table has no reliable figure.
NO_FIGURE = "no reliable figure"
#: Shown for an empty list cell.
NONE_LISTED = "none listed"

#: Questions answered by a criterion with this role, in the order asked.
ROLE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("invasiveness", "How invasive"),
    ("onset", "How soon it helps"),
    ("duration", "How long relief lasts"),
    ("visits", "Visits"),
    ("benefit", "How much it helps"),
    ("side_effects", "Side-effect burden"),
)
HEADER = "Question"
#: Units written before the number ("level 2", not "2 level").
PREFIX_UNITS = frozenset({"level", "grade", "stage", "step"})
SCORE_LABEL = "Personal score (0-100, from the importances given)"


def format_number(value: float) -> str:
    """A number as people write it: ``3``, ``2.5``, ``0.25``."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{round(value, 2):g}"


def format_value(table: DecisionTable, option_id: str, criterion: Criterion) -> str:
    """A criterion value with its unit and range, or :data:`NO_FIGURE`.

    ``3.3 points on 0-100 (range 1.3 to 5.3)``; a unit in :data:`PREFIX_UNITS`
    goes first (``level 2``).
    """
    value = table.value(option_id, criterion.column)
    if math.isnan(value):
        return NO_FIGURE
    unit = criterion.unit.strip()
    if not unit:
        text = format_number(value)
    elif unit.lower() in PREFIX_UNITS:
        text = f"{unit} {format_number(value)}"
    else:
        text = f"{format_number(value)} {unit}"
    low, high = (_optional(table, option_id, criterion.column + s) for s in ("_low", "_high"))
    if low is not None and high is not None:
        text += f" (range {format_number(low)} to {format_number(high)})"
    return text


def _optional(table: DecisionTable, option_id: str, column: str) -> float | None:
    if column not in table.options.columns:
        return None
    value = float(table.options.at[option_id, column])
    return None if math.isnan(value) else value


#: Items of a list cell are put on lines of their own, each after a bullet.
ITEM_PREFIX = "\u2022 "


def _bullets(items: list[str]) -> str:
    return "\n".join(ITEM_PREFIX + item for item in items)


def _listed(table: DecisionTable, option_id: str, column: str) -> str:
    return _bullets(table.items(option_id, column)) or NONE_LISTED


def _frequencies(table: DecisionTable, option_id: str) -> str:
    rows = table.side_effects_of(option_id)
    parts = [f"{r.effect}: about {format_number(float(r.per_100))} in 100 ({r.severity})"
             for r in rows.itertuples()]
    return _bullets(parts) or NONE_LISTED


def _score(ranking: Ranking, option_id: str) -> str:
    if option_id not in ranking.scores.index:
        return "not ranked (ruled out by a limit)"
    text = f"{ranking.scores[option_id]:.0f} (rank {int(ranking.ranks[option_id])} of {len(ranking.scores)})"
    if bool(ranking.missing.loc[option_id].any()):
        text += "; a missing figure counts as 0"
    return text


def comparison_rows(table: DecisionTable, ids: Iterable[str], ranking: Ranking | None = None) -> list[list[str]]:
    """The comparison grid as text.

    Parameters
    ----------
    table
        The table the options come from.
    ids
        Option ids, one column each, in the order given.
    ranking
        When given, a last row holds each option's personal score and rank.

    Returns
    -------
    list of list of str
        A header row (:data:`HEADER`, then option names), then one row per
        question: what it is, one row per criterion (role questions first,
        then other criteria by their label), common side effects, side
        effects with a frequency (if the table gives any), serious risks, how
        sure the evidence is, when to see a doctor, and the score. Criteria
        the table lacks have no row.

    Raises
    ------
    ExportError
        If an id is not in the table or is given twice.
    """
    ids = list(ids)
    known = set(table.ids)
    for option_id in ids:
        if option_id not in known:
            raise ExportError(f"'{option_id}' is not an option in this table; choose options from the table.")
    if len(set(ids)) != len(ids):
        raise ExportError("The same option is chosen twice for the comparison; choose each option once.")

    rows: list[list[str]] = [[HEADER, *(table.text(i, "name") for i in ids)]]

    def add(label: str, cell) -> None:
        rows.append([label, *(cell(i) for i in ids)])

    add("What it is", lambda i: table.text(i, "summary"))
    by_role = {c.role: c for c in table.criteria if c.role}
    for role, label in ROLE_QUESTIONS:
        if role in by_role:
            add(label, lambda i, c=by_role[role]: format_value(table, i, c))
    asked = {role for role, _ in ROLE_QUESTIONS}
    for criterion in table.criteria:
        if criterion.role not in asked:
            add(criterion.label, lambda i, c=criterion: format_value(table, i, c))
    add("Common side effects", lambda i: _listed(table, i, "common_side_effects"))
    if not table.side_effects.empty:
        add("Side effects: how many people get them", lambda i: _frequencies(table, i))
    add("Serious risks", lambda i: _listed(table, i, "serious_risks"))
    add("How sure is the evidence", lambda i: (table.text(i, "evidence") or NO_FIGURE).capitalize())
    add("When to see a doctor", lambda i: _listed(table, i, "see_doctor_if"))
    if ranking is not None:
        add(SCORE_LABEL, lambda i: _score(ranking, i))
    return rows


def export_comparison_csv(path: str | os.PathLike[str], table: DecisionTable, ids: Iterable[str],
                          ranking: Ranking | None = None) -> None:
    """Save the comparison as a CSV file for the clinic record.

    The file is written atomically (a crash leaves the previous file whole),
    as UTF-8 with a byte-order mark, and every cell is neutralised against
    spreadsheet formulas (see :func:`~decision_aid.core.export.write_csv_atomic`).

    Raises
    ------
    ExportError
        If no option is given, an id is unknown, or the file cannot be
        written; the message says what to do.
    """
    ids = list(ids)
    if not ids:
        raise ExportError("Choose at least one option to compare before exporting.")
    write_csv_atomic(path, comparison_rows(table, ids, ranking), error=ExportError)
