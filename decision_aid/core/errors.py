"""Errors the core raises, with messages a clinician or patient can act on.

Every failure the user can cause (a bad table, a bad weight, an unreadable
session file) is a :class:`DecisionAidError`. Anything else is a bug.

A message is a :class:`~decision_aid.core.i18n.Message` (made with
:func:`~decision_aid.core.i18n.msg`), kept in English until whoever shows it
says it in the reader's language: ``exc.say(tr)``. ``str(exc)`` is English.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import Message, Translator, nmsg, say


class DecisionAidError(Exception):
    """Base class of every error the user can cause and fix."""

    def say(self, tr: Translator | None = None) -> str:
        """The message in ``tr``'s language (English when ``None``)."""
        if len(self.args) == 1:
            return say(self.args[0], tr)
        return str(self)

    def __str__(self) -> str:
        return self.say() if len(self.args) == 1 else super().__str__()


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
        What is wrong and what is allowed (a :class:`~decision_aid.core.i18n.Message`,
        or plain English).
    """

    file: str
    row: int | None
    column: str | None
    message: str | Message

    def say(self, tr: Translator | None = None) -> str:
        """``FILE:ROW:COLUMN: message``, the message in ``tr``'s language (the place as the files name it)."""
        row = "-" if self.row is None else str(self.row)
        column = "-" if not self.column else self.column
        return f"{self.file}:{row}:{column}: {say(self.message, tr)}"

    def __str__(self) -> str:
        return self.say()


class TableError(DecisionAidError):
    """A table folder that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], folder: str = ""):
        self.problems = tuple(problems)
        self.folder = folder
        super().__init__(self.say())

    def say(self, tr: Translator | None = None) -> str:
        """The heading and every problem, one per line, in ``tr``'s language."""
        count = len(self.problems)
        head = (nmsg("The table in {folder} cannot be used: {n} problem found.",
                     "The table in {folder} cannot be used: {n} problems found.", count, folder=self.folder)
                if self.folder else
                nmsg("The table cannot be used: {n} problem found.", "The table cannot be used: {n} problems found.",
                     count))
        return "\n".join([head.say(tr), *(p.say(tr) for p in self.problems)])

    def __str__(self) -> str:
        return self.say()


class WeightError(DecisionAidError):
    """An importance that names no criterion, or is not a number from 0 to 10."""


class SessionError(DecisionAidError):
    """A consultation file that cannot be read or written."""


class ExportError(DecisionAidError):
    """A summary or comparison that could not be written."""
