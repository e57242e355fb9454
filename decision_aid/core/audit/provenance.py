"""Where a value of the table comes from and whether it is current.

The window asks these for each cell it shows (the source, note and review
date in a tooltip; a mark on a stale or unsourced figure); the audit uses the
same update policy to judge stale rows.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass

from ..table import DecisionTable
from .model import DEFAULT_UPDATE_MONTHS

UPDATE_MONTHS_PATTERN = re.compile(r"update_months\s*[=:]\s*(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Provenance:
    """Where one value of the table comes from and how current it is.

    Attributes
    ----------
    source
        The reference(s) for the value ("" when none is given).
    note
        The note that goes with a criterion value ("" for text cells).
    reviewed
        The date the option's row was last checked (ISO text).
    stale
        The row was reviewed longer ago than the update policy allows.
    unsourced
        The cell holds a value but no source is given for it.
    """

    source: str
    note: str
    reviewed: str
    stale: bool
    unsourced: bool


def update_months(table: DecisionTable) -> int:
    """Months a reviewed row stays current: ``update_months=N`` from the update policy, else 24."""
    match = UPDATE_MONTHS_PATTERN.search(table.about.get("update_policy", ""))
    return int(match.group(1)) if match else DEFAULT_UPDATE_MONTHS


def stale_cutoff(table: DecisionTable, today: dt.date | None = None) -> dt.date:
    """Rows reviewed before this date are stale."""
    return months_before(today or dt.date.today(), update_months(table))


def is_stale(table: DecisionTable, option_id: str, today: dt.date | None = None) -> bool:
    """Whether the option's row was reviewed longer ago than the update policy allows."""
    reviewed = parse_date(table.text(option_id, "reviewed"))
    return reviewed is None or reviewed < stale_cutoff(table, today)


def cell_provenance(table: DecisionTable, option_id: str, column: str, *,
                    today: dt.date | None = None) -> Provenance:
    """The source, note and review date behind one cell of ``options.csv``.

    Parameters
    ----------
    table
        A loaded table.
    option_id
        The option's id.
    column
        A column of ``options.csv``. For a criterion column ``X`` (or one of
        its ``X_low``, ``X_high``, ``X_note``, ``X_source``) the source is
        ``X_source`` and the note ``X_note``; for any other column the source
        is the option's ``sources``.
    today
        The date staleness is judged against (default: today).

    Raises
    ------
    KeyError
        For an unknown option id or column.
    """
    if option_id not in table.options.index:
        raise KeyError(option_id)
    if column not in table.options.columns:
        raise KeyError(column)
    criteria = {c.column for c in table.criteria}
    for suffix in ("_low", "_high", "_note", "_source"):  # a companion cell shares its figure's provenance
        if column.endswith(suffix) and column[: -len(suffix)] in criteria:
            column = column[: -len(suffix)]
    if column in criteria:
        source = table.text(option_id, column + "_source")
        note = table.text(option_id, column + "_note")
        has_value = not math.isnan(table.value(option_id, column))
    else:
        source = table.text(option_id, "sources")
        note = ""
        has_value = bool(table.text(option_id, column).strip())
    return Provenance(source=source, note=note, reviewed=table.text(option_id, "reviewed"),
                      stale=is_stale(table, option_id, today), unsourced=has_value and not source.strip())


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_date(text: str) -> dt.date | None:
    """An ISO date, or None when the text is not one."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
