"""What the audit's checks share: the table's columns as arrays, looked up once.

Every check works on whole columns (NumPy and pandas), never cell by cell
through the table's index: the audit of a table of 200,000 options takes
seconds, not minutes. Messages are built only for the cells that fail, each
distinct sentence worded in English once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..csvfile import normalise_header, read_csv_file
from ..errors import Problem, TableError
from ..files import is_regular_file
from ..i18n import Message, msg
from ..table import ABOUT_FILE, OPTIONS_FILE, Criterion, DecisionTable
from .model import Lines
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
        self._natural_course: np.ndarray | None = None
        self.grades = grade_cells(table, self.texts)

    # ----------------------------------------------------------------- columns

    def has_column(self, column: str) -> bool:
        return column in self.table.options.columns

    def texts(self, column: str) -> np.ndarray:
        """Every cell of a text column as an array of str, as :meth:`DecisionTable.text` gives each.

        "" where the cell is empty or the column absent. Each distinct cell is converted once.
        """
        if column not in self._texts:
            if not self.has_column(column):
                out = np.full(len(self.ids), "", dtype=object)
            else:
                codes, uniques = pd.factorize(self.table.options[column].to_numpy(dtype=object),
                                              use_na_sentinel=False)
                cells = np.empty(len(uniques), dtype=object)
                cells[:] = [_cell_text(value) for value in uniques]
                out = cells[codes]
            self._texts[column] = out
        return self._texts[column]

    def blank(self, column: str) -> np.ndarray:
        """True where a text cell holds nothing but white space."""
        if column not in self._blank:
            self._blank[column] = map_each(lambda text: not text.strip(), self.texts(column))
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
        if self._natural_course is None:
            self._natural_course = search_each(NATURAL_COURSE, self.ids) | self.matches(NATURAL_COURSE, "name")
        return self._natural_course

    def outcome_criteria(self) -> list[Criterion]:
        return [c for c in self.table.criteria if c.role not in NON_OUTCOME_ROLES]

    # ----------------------------------------------------------------- messages

    def each(self, mask: np.ndarray, column: str, message: Message | Callable[[int], Message]) -> Lines:
        """One ``options.csv:ROW:COLUMN: message`` per option where ``mask`` holds, in table order.

        ``message`` is the sentence, or a function of the option's position
        that gives it. The lines read as :class:`~decision_aid.core.errors.Problem`
        writes them, built as plain strings, each distinct sentence worded in
        English once.
        """
        positions = np.flatnonzero(mask)
        rows = self.rows[positions].tolist()
        head = f"{OPTIONS_FILE}:"
        if isinstance(message, Message):
            tail = f":{column}: {message}"
            return Lines.located([f"{head}{row}{tail}" for row in rows], [message] * len(rows))
        # English of each sentence by its identity: a sentence shared by many cells is worded once (each one
        # is kept alive here, so no identity is reused while the cells are gone through).
        worded: dict[int, tuple[Message, str]] = {}
        texts, messages = [], []
        for row, i in zip(rows, positions.tolist()):
            sentence = message(i)
            known = worded.get(id(sentence))
            if known is None:
                known = worded[id(sentence)] = (sentence, str(sentence))
            texts.append(f"{head}{row}:{column}: {known[1]}")
            messages.append(sentence)
        return Lines.located(texts, messages)

    def about_field(self, key: str, what: Message) -> Lines:
        """Problems with one ``about.csv`` entry (none when it is filled in); ``what`` says what it holds."""
        value = self.table.about.get(key)
        if value is None:
            return Lines([Problem(ABOUT_FILE, None, key, msg("missing; add a row '{key},<{what}>'", key=key,
                                                              what=what))])
        if not value.strip():
            return Lines([Problem(ABOUT_FILE, self.about_rows.get(key), "value",
                                  msg("the '{key}' row is empty; give {what}", key=key, what=what))])
        return Lines()


def by_value(values: np.ndarray, message: Callable[[float], Message]) -> Callable[[int], Message]:
    """A message for the option at a position, from its figure; each distinct figure is worded once."""
    shown = values.tolist()
    said: dict[float, Message] = {}

    def at(position: int) -> str:
        value = shown[position]
        if value not in said:
            said[value] = message(value)
        return said[value]

    return at


def map_each(func: Callable[[str], bool], texts: np.ndarray | pd.Series) -> np.ndarray:
    """``func`` of each text as a bool array; each distinct text is worked out once."""
    codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
    found = np.array([bool(func(str(text))) for text in uniques], dtype=bool)
    return found[codes] if len(codes) else np.zeros(0, dtype=bool)


def search_each(pattern: re.Pattern[str], texts: np.ndarray | pd.Series) -> np.ndarray:
    """True where each text contains ``pattern``; each distinct text is searched once."""
    return map_each(lambda text: pattern.search(text) is not None, texts)


def _cell_text(value: object) -> str:
    """A cell as text, as :meth:`DecisionTable.text` gives it: "" for an empty cell."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


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
