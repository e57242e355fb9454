"""Errors the core raises, with messages a clinician or patient can act on.

Every failure the user can cause (a bad table, a bad weight, an unreadable
session file) is a :class:`DecisionAidError`. Anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class DecisionAidError(Exception):
    """Base class of every error the user can cause and fix."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in a table file.

    Parameters
    ----------
    file
        File name as the user knows it (``options.csv``).
    row
        Spreadsheet row number (the header is row 1), or ``None`` for the
        whole file.
    column
        Column name, or ``None`` for the whole row or file.
    message
        What is wrong and what is allowed.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        column = "-" if not self.column else self.column
        return f"{self.file}:{row}:{column}: {self.message}"


class TableError(DecisionAidError):
    """A table folder that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], folder: str = ""):
        self.problems = tuple(problems)
        self.folder = folder
        super().__init__(self._text())

    def _text(self) -> str:
        head = f"The table in {self.folder} cannot be used" if self.folder else "The table cannot be used"
        count = len(self.problems)
        lines = [f"{head}: {count} problem{'s' if count != 1 else ''} found."]
        lines.extend(str(p) for p in self.problems)
        return "\n".join(lines)


class WeightError(DecisionAidError):
    """An importance that names no criterion, or is not a number from 0 to 10."""


class SessionError(DecisionAidError):
    """A consultation file that cannot be read or written."""


class ExportError(DecisionAidError):
    """A summary or comparison that could not be written."""
