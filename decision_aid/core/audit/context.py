"""What the audit's checks share: the table's columns as arrays, looked up once.

Every check works on whole columns (NumPy and pandas), never cell by cell
through the table's index: the audit of a table of 200,000 options takes
seconds, not minutes. Messages are built only for the cells that fail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..csvfile import normalise_header, read_csv_file
from ..errors import Problem, TableError
from ..files import is_regular_file
from ..table import ABOUT_FILE, OPTIONS_FILE, Criterion, DecisionTable
from .provenance import update_months
from .readability import grade_cells

#: Roles of criteria that describe the treatment itself rather than an uncertain outcome.
NON_OUTCOME_ROLES = ("invasiveness", "visits")

NATURAL_COURSE = re.compile(
    r"no[\s_-]*treatment|natural[\s_-]*course|watchful[\s_-]*waiting|wait[\s_-]*and[\s_-]*see|"
    r"active[\s_-]*monitoring|no[\s_-]*intervention", re.IGNORECASE)


class Context:
    """The table as the checks read it.

    Parameters
    ----------
    table
        A loaded table.
    target_grade
        The highest reading grade a plain-language cell may have.
    today
        The date staleness is judged against.
    """

    def __init__(self, table: DecisionTable, target_grade: float, today: dt.date) -> None:
        self.table = table
        self.target = target_grade
        self.today = today
        self.months = update_months(table)
        self.about_rows = about_rows(table)
        self.ids = table.options.index.to_numpy(dtype=object)
        self.rows = table.rows.reindex(table.options.index).to_numpy(dtype=np.int64)
        self._texts: dict[str, np.ndarray] = {}
        self._blank: dict[str, np.ndarray] = {}
        self.grades = grade_cells(table)

    # ----------------------------------------------------------------- columns

    def has_column(self, column: str) -> bool:
        return column in self.table.options.columns

    def texts(self, column: str) -> np.ndarray:
        """Every cell of a text column as an array of str ("" when the column is absent)."""
        if column not in self._texts:
            out = np.empty(len(self.ids), dtype=object)
            out[:] = self.table.texts(column)
            self._texts[column] = out
        return self._texts[column]

    def blank(self, column: str) -> np.ndarray:
        """True where a text cell holds nothing but white space."""
        if column not in self._blank:
            self._blank[column] = pd.Series(self.texts(column), dtype=object).str.strip().eq("").to_numpy(bool)
        return self._blank[column]

    def values(self, column: str) -> np.ndarray:
        """A numeric column as floats (NaN when empty)."""
        return self.table.options[column].to_numpy(dtype=float)

    def matches(self, pattern: re.Pattern[str], column: str) -> np.ndarray:
        """True where a text cell contains ``pattern``."""
        return search_each(pattern, self.texts(column))

    def has_side_effects(self) -> np.ndarray:
        """True for options with at least one row in ``side_effects.csv``."""
        effects = self.table.side_effects
        if effects.empty:
            return np.zeros(len(self.ids), dtype=bool)
        return np.isin(self.ids, effects["option_id"].to_numpy(dtype=object))

    def natural_course(self) -> np.ndarray:
        """True for options that describe the natural course (no treatment), by id or name."""
        return search_each(NATURAL_COURSE, self.ids) | self.matches(NATURAL_COURSE, "name")

    def outcome_criteria(self) -> list[Criterion]:
        return [c for c in self.table.criteria if c.role not in NON_OUTCOME_ROLES]

    # ----------------------------------------------------------------- messages

    def opt(self, position: int, column: str, message: str) -> str:
        """``options.csv:ROW:COLUMN: message`` for the option at ``position``."""
        return str(Problem(OPTIONS_FILE, int(self.rows[position]), column, message))

    def each(self, mask: np.ndarray, column: str, message: str | Callable[[int], str]) -> list[str]:
        """One ``options.csv`` problem per option where ``mask`` holds, in table order.

        ``message`` is the text, or a function of the option's position that gives it.
        """
        positions = np.flatnonzero(mask)
        if isinstance(message, str):
            return [self.opt(int(i), column, message) for i in positions]
        return [self.opt(int(i), column, message(int(i))) for i in positions]

    def about_field(self, key: str, what: str) -> list[str]:
        """Problems with one ``about.csv`` entry (empty list when it is filled in)."""
        value = self.table.about.get(key)
        if value is None:
            return [str(Problem(ABOUT_FILE, None, key, f"missing; add a row '{key},<{what}>'"))]
        if not value.strip():
            return [str(Problem(ABOUT_FILE, self.about_rows.get(key), "value",
                                f"the '{key}' row is empty; give {what}"))]
        return []


def search_each(pattern: re.Pattern[str], texts: np.ndarray | pd.Series) -> np.ndarray:
    """True where each text contains ``pattern``; each distinct text is searched once."""
    codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
    found = np.array([pattern.search(str(text)) is not None for text in uniques], dtype=bool)
    return found[codes] if len(codes) else np.zeros(0, dtype=bool)


def about_rows(table: DecisionTable) -> dict[str, int]:
    """Spreadsheet row of each ``about.csv`` key (the loaded table keeps only the values)."""
    return sheet_rows(table, ABOUT_FILE, "key")


def sheet_rows(table: DecisionTable, name: str, key: str) -> dict[str, int]:
    """Spreadsheet row of each value of the ``key`` column of one of the table's files (first one wins).

    The loaded table keeps values, not where they were; this reads the file
    again (a regular file only, so a pipe or device put there since never
    blocks) and returns ``{}`` when it cannot.
    """
    path = table.folder / name
    if not is_regular_file(path):
        return {}
    try:
        sheet = read_csv_file(path, name)
    except (TableError, OSError):
        return {}
    if key not in sheet.columns:
        return {}
    rows: dict[str, int] = {}
    for row, value in sheet.frame[key].items():
        rows.setdefault(normalise_header(value).replace(" ", "_") if name == ABOUT_FILE else str(value).strip(),
                        int(row))
    return rows
