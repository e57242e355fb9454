"""What an audit finds: its items, the reading grade of each cell, and the report.

Nothing here looks at a table; :mod:`decision_aid.core.audit.checks` and
:mod:`decision_aid.core.audit.quality` fill these in, and
:meth:`AuditReport.to_text` / :meth:`AuditReport.to_dict` give them to the
command line (text, or JSON that never holds NaN or Infinity).

Every sentence an item holds is kept as English text (what ``str()``,
comparisons and the JSON report give) together with the
:class:`~decision_aid.core.i18n.Message` it was made from, so that
:meth:`AuditReport.to_text` and the window say it in the reader's language:
the note, and a title with a number in it, are each a :class:`Finding` (a
``str`` that can say itself); the details are :class:`Lines` (plain strings,
with the message of each beside them).
Figures the audit works out (reading grades, shares, the target) are
:class:`~decision_aid.core.i18n.Figure` arguments, written as the English report always wrote them and
the reader's way in another language; figures quoted from the table's cells
are given as the cells hold them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any, overload

import numpy as np

from ..errors import Problem
from ..i18n import ENGLISH, N_, Message, Translator, figure, msg, nmsg, say

#: The standard the audit checks against (the JSON report names it in English; the text report translates it).
STANDARD = N_("IPDAS minimum standards (Joseph-Williams et al., Medical Decision Making 2014;34(6):699-710)")
DEFAULT_TARGET_GRADE = 8.0
#: Months a row stays current when ``about.csv`` has an update policy without ``update_months=N``.
DEFAULT_UPDATE_MONTHS = 24
#: Below this many words a readability grade is not reliable enough to fail a cell.
MIN_GRADED_WORDS = 10
#: Words of this many syllables or more are listed as possibly hard.
LONG_WORD_SYLLABLES = 4


class Group(StrEnum):
    """The three IPDAS groups of criteria."""

    QUALIFYING = "qualifying"
    CERTIFICATION = "certification"
    QUALITY = "quality"


class Status(StrEnum):
    """What the audit concluded about one criterion."""

    MET = "met"
    NOT_MET = "not_met"
    HUMAN_REVIEW = "human_review"


_STATUS_LABELS = {Status.MET: N_("met"), Status.NOT_MET: N_("NOT MET"), Status.HUMAN_REVIEW: N_("human review")}
_GROUP_TITLES = {Group.QUALIFYING: N_("Qualifying criteria (a decision aid must meet all)"),
                 Group.CERTIFICATION: N_("Certification criteria (needed to avoid harmful bias)"),
                 Group.QUALITY: N_("Quality criteria")}


class Finding(str):
    """One sentence of the audit: its English text as a ``str``, said in any language by :meth:`say`.

    ``place`` (``"options.csv:5:summary: "``, or ``""``) comes before the
    sentence in every language, as :class:`~decision_aid.core.errors.Problem`
    writes it; ``message`` is the sentence, kept untranslated. ``english``,
    when given, is ``str(message)`` worked out already (the checks reuse it
    across the cells that share a sentence).
    """

    message: str | Message
    place: str

    def __new__(cls, message: str | Message, place: str = "", english: str | None = None) -> Finding:
        self = str.__new__(cls, place + (say(message) if english is None else english))
        self.__dict__ = {"message": message, "place": place}
        return self

    def say(self, tr: Translator | None = None) -> str:
        """The sentence (after its place) in ``tr``'s language; English when ``None``."""
        if tr is None or tr is ENGLISH:
            return str.__str__(self)
        return self.place + say(self.message, tr)

    def __reduce__(self) -> tuple:
        return (Finding, (self.message, self.place, str.__str__(self)[len(self.place):]))


def finding(text: str | Message | Problem) -> str:
    """``text`` as an item keeps it: a :class:`Finding` for a message or a problem, a ``str`` as it is."""
    if isinstance(text, Finding):
        return text
    if isinstance(text, Message):
        return Finding(text)
    if isinstance(text, Problem):
        return Finding(text.message, place(text.file, text.row, text.column))
    return str(text)


class Lines(list):
    """An item's details: each ``FILE:ROW:COLUMN: sentence`` in English, as a plain ``str``, in a list.

    Beside them, :attr:`messages` holds the message each line says (``None`` for
    a line given as plain text), so :meth:`say` gives the lines in another
    language: the place before each sentence stays as it is. A table of
    200,000 options can have hundreds of thousands of lines; they stay
    plain strings, the messages shared between the lines that say the same.
    Add lines with :meth:`append` and :meth:`extend` (or ``+=``): they take
    a :class:`~decision_aid.core.errors.Problem`, a :class:`Finding`, a
    :class:`~decision_aid.core.i18n.Message` or text, and other lines.
    """

    def __init__(self, lines: Iterable[object] = ()) -> None:
        super().__init__()
        self.messages: list[str | Message | None] = []
        self.extend(lines)

    def append(self, line: object) -> None:
        if isinstance(line, Finding):
            text, message = str.__str__(line), line.message
        elif isinstance(line, Problem):
            text, message = str(line), line.message
        elif isinstance(line, Message):
            text, message = str(line), line
        else:
            text, message = str(line), None
        super().append(text)
        self.messages.append(message)

    def extend(self, lines: Iterable[object]) -> None:
        if isinstance(lines, Lines):
            super().extend(lines)
            self.messages.extend(lines.messages)
        else:
            for line in lines:
                self.append(line)

    def __iadd__(self, lines: Iterable[object]) -> Lines:  # type: ignore[override]
        self.extend(lines)
        return self

    def __reduce__(self) -> tuple:
        return (Lines.located, (list(self), list(self.messages)))

    @classmethod
    def located(cls, texts: list[str], messages: list[str | Message | None]) -> Lines:
        """Lines already worded: ``texts[i]`` is the place and the English of ``messages[i]``."""
        lines = cls()
        list.extend(lines, texts)
        lines.messages.extend(messages)
        return lines

    def say(self, tr: Translator | None = None) -> list[str]:
        """Each line in ``tr``'s language, its place as it is (English when ``None``)."""
        texts = list(map(str, self))
        if tr is None or tr is ENGLISH or len(self.messages) != len(texts):
            return texts
        english: dict[int, tuple[object, str, str]] = {}  # each message worded once in each language
        out = []
        for text, message in zip(texts, self.messages):
            if message is None:
                out.append(text)
                continue
            known = english.get(id(message))
            if known is None:
                known = english[id(message)] = (message, say(message), say(message, tr))
            tail = len(known[1])
            out.append(text[: len(text) - tail] + known[2] if text.endswith(known[1]) else text)
        return out


def place(file: str, row: int | None, column: str | None) -> str:
    """``FILE:ROW:COLUMN: `` as :class:`~decision_aid.core.errors.Problem` writes a place, with the space after it."""
    return str(Problem(file, row, column, ""))


def said(text: str | Message, tr: Translator | None = None) -> str:
    """A finding or message in ``tr``'s language; a plain string as it is."""
    return text.say(tr) if isinstance(text, Finding) else say(text, tr)


@dataclass(frozen=True)
class Capitalised(Message):
    """A message said with its first letter a capital (a phrase used as a sentence of its own)."""

    inner: Message | None = None

    def say(self, tr: Translator | None = None) -> str:
        text = self.inner.say(tr) if self.inner is not None else ""
        return text[:1].upper() + text[1:]


def capitalised(message: Message) -> Capitalised:
    """``message`` said with a capital first letter."""
    return Capitalised("", inner=message)


@dataclass(frozen=True)
class AuditItem:
    """One IPDAS criterion and what the audit found.

    Attributes
    ----------
    id
        ``Q1``-``Q6``, ``C1``-``C6`` or ``QL-<name>``.
    group
        qualifying, certification or quality.
    title
        The criterion in a few words (English, marked for translation; a
        :class:`Finding` when it holds a number).
    status
        met, not_met or human_review.
    details
        ``FILE:ROW:COLUMN: what to fix`` (or what to check) for each cell
        concerned; empty when met. English; :meth:`said_details` gives them
        in another language (they are :class:`Lines`).
    note
        One line on how the criterion was judged or what was found (a
        :class:`Finding`, or ``""``).
    """

    id: str
    group: Group
    title: str
    status: Status
    details: list[str] = field(default_factory=list)
    note: str = ""

    def said_title(self, tr: Translator = ENGLISH) -> str:
        """The title in ``tr``'s language."""
        return said(self.title, tr) if isinstance(self.title, Finding) else tr.gettext(self.title)

    def said_note(self, tr: Translator = ENGLISH) -> str:
        """The note in ``tr``'s language ("" when none)."""
        return said(self.note, tr)

    def said_details(self, tr: Translator = ENGLISH) -> list[str]:
        """Each detail in ``tr``'s language, its place as it is."""
        if isinstance(self.details, Lines):
            return self.details.say(tr)
        return [said(detail, tr) for detail in self.details]

    def to_dict(self) -> dict[str, Any]:
        """The item as JSON-ready built-in types, its sentences in English (a record, the same in every language)."""
        return {"id": self.id, "group": str(self.group), "title": str(self.title), "status": str(self.status),
                "note": str(self.note), "details": [str(detail) for detail in self.details]}


@dataclass(frozen=True)
class CellGrade:
    """The reading grade of one plain-language cell."""

    file: str
    row: int
    column: str
    option_id: str
    grade: float
    words: int
    long_words: tuple[str, ...] = ()

    @property
    def reliable(self) -> bool:
        """Whether the cell is long enough for a readability formula to mean much."""
        return self.words >= MIN_GRADED_WORDS

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "column": self.column, "option_id": self.option_id,
                "grade": _finite(round(self.grade, 1)), "words": self.words, "reliable": self.reliable,
                "long_words": list(self.long_words)}


class GradeColumn(Sequence[CellGrade]):
    """The grades of one column's cells, held as arrays and built into :class:`CellGrade` on demand.

    A table of 200,000 options has a million graded cells; keeping them as
    arrays (the grade of each distinct text computed once) keeps the audit
    fast, while reading it as a sequence of :class:`CellGrade` is unchanged.

    Parameters
    ----------
    file, column
        Where the cells are.
    rows, option_ids
        Spreadsheet row and option id of each graded cell.
    grades, words
        Grade and word count of each cell.
    long_words
        The long words of each cell.
    """

    def __init__(self, file: str, column: str, rows: np.ndarray, option_ids: np.ndarray, grades: np.ndarray,
                 words: np.ndarray, long_words: np.ndarray) -> None:
        self.file = file
        self.column = column
        self.rows = rows
        self.option_ids = option_ids
        self.grades = grades
        self.words = words
        self.long_words = long_words

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> CellGrade: ...

    @overload
    def __getitem__(self, index: slice) -> list[CellGrade]: ...

    def __getitem__(self, index: int | slice) -> CellGrade | list[CellGrade]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return CellGrade(self.file, int(self.rows[index]), self.column, str(self.option_ids[index]),
                         float(self.grades[index]), int(self.words[index]), tuple(self.long_words[index]))

    def __iter__(self) -> Iterator[CellGrade]:
        for i in range(len(self)):
            yield self[i]

    def json_lines(self) -> list[str]:
        """``json.dumps(g.to_dict())`` of each grade, written straight from the arrays.

        A grade and a list of long words repeat across cells, so each is
        written once and reused.
        """
        head = f'{{"file": {_dumps(self.file)}, "row": '
        column = f', "column": {_dumps(self.column)}, "option_id": '
        grades: dict[float, str] = {}
        long_words: dict[tuple[str, ...], str] = {}
        lines = []
        for row, option_id, grade, words, longs in zip(self.rows.tolist(), self.option_ids.tolist(),
                                                       self.grades.tolist(), self.words.tolist(),
                                                       self.long_words.tolist()):
            if grade not in grades:
                shown = _finite(round(grade, 1))
                grades[grade] = "null" if shown is None else repr(shown)
            if longs not in long_words:
                long_words[longs] = _dumps(list(longs))
            lines.append(f'{head}{row}{column}{encode_basestring(str(option_id))}, "grade": {grades[grade]}, '
                         f'"words": {words}, "reliable": {"true" if words >= MIN_GRADED_WORDS else "false"}, '
                         f'"long_words": {long_words[longs]}}}')
        return lines

    def dicts(self) -> list[dict[str, Any]]:
        """``[g.to_dict() for g in self]``, built from the arrays without making each :class:`CellGrade`."""
        return [{"file": self.file, "row": row, "column": self.column, "option_id": option_id,
                 "grade": _finite(round(grade, 1)), "words": words, "reliable": words >= MIN_GRADED_WORDS,
                 "long_words": list(long_words)}
                for row, option_id, grade, words, long_words in zip(
                    self.rows.tolist(), self.option_ids.tolist(), self.grades.tolist(), self.words.tolist(),
                    self.long_words.tolist())]


class Grades(Sequence[CellGrade]):
    """Every graded cell, column after column (a sequence of :class:`CellGrade`)."""

    def __init__(self, columns: Iterable[GradeColumn] = ()) -> None:
        self.columns = [c for c in columns if len(c)]
        self._starts = np.cumsum([0] + [len(c) for c in self.columns])

    def __len__(self) -> int:
        return int(self._starts[-1])

    @overload
    def __getitem__(self, index: int) -> CellGrade: ...

    @overload
    def __getitem__(self, index: slice) -> list[CellGrade]: ...

    def __getitem__(self, index: int | slice) -> CellGrade | list[CellGrade]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        k = int(np.searchsorted(self._starts, index, side="right")) - 1
        return self.columns[k][index - int(self._starts[k])]

    def __iter__(self) -> Iterator[CellGrade]:
        for column in self.columns:
            yield from column

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same grades in the same order (as the list it stands for)."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def json_lines(self) -> list[str]:
        """The JSON text of each grade, column by column."""
        return [line for column in self.columns for line in column.json_lines()]

    def dicts(self) -> list[dict[str, Any]]:
        """``[g.to_dict() for g in self]``, column by column."""
        return [d for column in self.columns for d in column.dicts()]

    def reliable_grades(self) -> np.ndarray:
        """The grades of the cells long enough to grade."""
        if not self.columns:
            return np.empty(0)
        return np.concatenate([c.grades[c.words >= MIN_GRADED_WORDS] for c in self.columns])


def _reliable_grades(grades: Sequence[CellGrade]) -> list[float]:
    if isinstance(grades, Grades):
        return grades.reliable_grades().tolist()
    return [g.grade for g in grades if g.reliable]


@dataclass(frozen=True)
class AuditReport:
    """The result of :func:`~decision_aid.core.audit.run_audit`.

    Attributes
    ----------
    folder
        The table folder audited.
    items
        One :class:`AuditItem` per criterion, qualifying first.
    target_grade
        The reading grade cells should not exceed.
    today
        The date staleness was judged against.
    update_months
        Months a reviewed row stays current under the update policy.
    grades
        The reading grade of every plain-language cell that has text.
    """

    folder: str
    items: list[AuditItem]
    target_grade: float = DEFAULT_TARGET_GRADE
    today: dt.date = field(default_factory=dt.date.today)
    update_months: int = DEFAULT_UPDATE_MONTHS
    grades: Sequence[CellGrade] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when no checkable criterion is unmet (human-review items do not fail)."""
        return all(item.status is not Status.NOT_MET for item in self.items)

    @property
    def exit_code(self) -> int:
        """0 when the audit passed, 1 otherwise (the ``decision-aid audit`` exit code)."""
        return 0 if self.passed else 1

    @property
    def median_grade(self) -> float | None:
        """Median Flesch-Kincaid grade of the cells long enough to grade, None when there are none."""
        reliable = _reliable_grades(self.grades)
        return statistics.median(reliable) if reliable else None

    def item(self, item_id: str) -> AuditItem:
        """The item with this id (``"C2"``, ``"QL-readability"``, ...)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def counts(self) -> dict[str, int]:
        """How many items are met, not met and need human review."""
        counter = Counter(item.status for item in self.items)
        return {str(s): counter.get(s, 0) for s in Status}

    def to_text(self, *, tr: Translator = ENGLISH) -> str:
        """The report as printed by ``decision-aid audit``; its frame in ``tr``'s language.

        Every sentence is said in ``tr``'s language: the criteria's titles,
        notes and details as well as the frame; places (``FILE:ROW:COLUMN``),
        ids and the table's own words stay as they are. The JSON report
        (:meth:`to_dict`, :meth:`to_json`) keeps them in English.
        """
        _ = tr.gettext
        lines = [_("Content audit of {folder}").format(folder=self.folder),
                 _("Against the {standard}.").format(standard=_(STANDARD)),
                 _("Target reading grade {grade} (Flesch-Kincaid); {summary}").format(
                     grade=figure(self.target_grade).say(tr), summary=grade_summary(self.grades, tr=tr)),
                 tr.ngettext("Rows count as stale when reviewed more than {n} month before {date}.",
                             "Rows count as stale when reviewed more than {n} months before {date}.",
                             self.update_months).format(n=self.update_months, date=self.today.isoformat())]
        labels = {status: _(label) for status, label in _STATUS_LABELS.items()}
        width = max(len(label) for label in labels.values()) + 2
        id_width = max((len(item.id) for item in self.items), default=0)
        for group in Group:
            lines += ["", _(_GROUP_TITLES[group])]
            for item in self.items:
                if item.group is not group:
                    continue
                label = f"[{labels[item.status]}]"
                lines.append(f"  {label:<{width}} {item.id:<{id_width}}  {item.said_title(tr)}")
                if item.note:
                    lines.append(f"  {'':<{width}} {'':<{id_width}}  {item.said_note(tr)}")
                lines.extend(f"      {detail}" for detail in item.said_details(tr))
        counts = self.counts()
        verdict = _("PASSED") if self.passed else _("NOT PASSED")
        lines += ["", _("Result: {verdict}: {met} met, {not_met} not met, {review} for human review.").format(
            verdict=verdict, met=counts["met"], not_met=counts["not_met"], review=counts["human_review"])]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready built-in types (no NaN or Infinity anywhere: each becomes null)."""
        median = self.median_grade
        return {"folder": self.folder, "standard": STANDARD, "passed": self.passed, "exit_code": self.exit_code,
                "counts": self.counts(), "target_grade": _finite(self.target_grade),
                "median_grade": None if median is None else _finite(round(median, 1)),
                "today": self.today.isoformat(), "update_months": self.update_months,
                "items": [item.to_dict() for item in self.items],
                "grades": self.grades.dicts() if isinstance(self.grades, Grades)
                else [g.to_dict() for g in self.grades]}

    def to_json(self) -> str:
        """The report as JSON text (UTF-8, no NaN or Infinity), as ``decision-aid audit --format json`` prints it.

        It holds what :meth:`to_dict` holds. The top level is indented; each
        item and each grade is one line, so that a report of a million graded
        cells is written in seconds.
        """
        median = self.median_grade
        head = {"folder": self.folder, "standard": STANDARD, "passed": self.passed, "exit_code": self.exit_code,
                "counts": self.counts(), "target_grade": _finite(self.target_grade),
                "median_grade": None if median is None else _finite(round(median, 1)),
                "today": self.today.isoformat(), "update_months": self.update_months}
        grades = (self.grades.json_lines() if isinstance(self.grades, Grades)
                  else [_dumps(g.to_dict()) for g in self.grades])
        lines = ["{"] + [f"  {_dumps(key)}: {_dumps(value)}," for key, value in head.items()]
        for key, entries, end in (("items", [_dumps(item.to_dict()) for item in self.items], ","),
                                  ("grades", grades, "")):
            if not entries:
                lines.append(f'  "{key}": []{end}')
                continue
            lines.append(f'  "{key}": [')
            lines.append(",\n".join("    " + entry for entry in entries))
            lines.append(f"  ]{end}")
        lines.append("}")
        return "\n".join(lines) + "\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _finite(value: float) -> float | None:
    """``value``, or None when it is NaN or infinite (JSON has no such numbers)."""
    return value if math.isfinite(value) else None


Said = str | Message | Problem


def make_item(item_id: str, group: Group, title: str | Message, details: Iterable[Said], note: str | Message = "",
              *, review: Iterable[Said] = (), review_only: bool = False) -> AuditItem:
    """An item whose status follows from what was found: any detail fails it, review needs a person.

    The details and review lines become :class:`Lines` (English, each with
    the message that says it in the reader's language where shown); the note,
    and a title given as a message, a :class:`Finding`.
    """
    lines = Lines(details)
    found = len(lines)
    lines.extend(review)
    if found:
        status = Status.NOT_MET
    elif len(lines) or review_only:
        status = Status.HUMAN_REVIEW
    else:
        status = Status.MET
    return AuditItem(item_id, group, finding(title) if isinstance(title, Message) else title, status, lines,
                     finding(note) if note else "")


def grade_summary_message(grades: Sequence[CellGrade]) -> Message:
    """One sentence on the reading grades of the cells long enough to grade, said later."""
    values = _reliable_grades(grades)
    if not values:
        return msg("no cell has the {n} words a reading grade needs.", n=MIN_GRADED_WORDS)
    return nmsg("median reading grade {median} over {n} cell of {words} words or more (range {low} to {high}).",
                "median reading grade {median} over {n} cells of {words} words or more (range {low} to {high}).",
                len(values), median=figure(statistics.median(values), ".1f"), words=MIN_GRADED_WORDS,
                low=figure(min(values), ".1f"), high=figure(max(values), ".1f"))


def grade_summary(grades: Sequence[CellGrade], *, tr: Translator = ENGLISH) -> str:
    """One sentence on the reading grades of the cells long enough to grade, in ``tr``'s language."""
    return grade_summary_message(grades).say(tr)


def quote(text: object, limit: int = 60) -> str:
    """Data text fit to quote in a report line: no control characters, one line, at most ``limit`` characters."""
    clean = " ".join("".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(text)).split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def number(value: float) -> str:
    """A figure as a report line shows it."""
    return "NaN" if math.isnan(value) else f"{value:g}"
