"""Check a table's content against the IPDAS minimum standards.

The International Patient Decision Aid Standards (IPDAS) minimum standards
are those of Joseph-Williams N, Newcombe R, Politi M, et al. "Toward minimum
standards for certifying patient decision aids: a modified Delphi consensus
process." *Medical Decision Making* 2014;34(6):699-710,
doi:10.1177/0272989X13501721. They sort criteria into three groups:

* **qualifying** criteria, without which a tool is not a decision aid
  (``Q1``-``Q6``: condition, decision, options, benefits, harms, what each
  option is like to experience);
* **certification** criteria, without which it risks harmful bias
  (``C1``-``C6``: equal detail for benefits and harms, citations, publication
  date, update policy, uncertainty around probabilities, funding source);
* **quality** criteria, which make it better (natural course, probabilities
  with a reference class, time frame and common denominator, more than one
  way to view them, readability reported, evidence quality, field testing,
  ...). Their ids here (``QL-...``) are ours, not numbers from the paper.

:func:`run_audit` checks what can be checked from the data alone and says so
for each criterion: *met*, *not met* (with every ``FILE:ROW:COLUMN: what to
fix``) or *human review* (it needs a person: field testing, or a heuristic
that is borderline). Human-review items never fail the audit.

Heuristics, stated once here
----------------------------
Readability
    Flesch-Kincaid grade (textstat) of every plain-language cell (see
    :data:`PLAIN_LANGUAGE_COLUMNS`), after bracketed references such as
    ``[13a]`` are removed; the items of a ``;`` list are read as sentences.
    A cell above the target grade is *not met*. Readability formulas mean
    little on a few words ("Sore muscles" scores grade 9), so a cell of fewer
    than :data:`MIN_GRADED_WORDS` words is not judged by its grade: it goes
    to *human review* only when it is above the target and has a word of
    :data:`LONG_WORD_SYLLABLES` or more syllables, which are listed. The
    median grade reported is that of the cells long enough to grade.
Equal detail (C1)
    Per option, the harms text (common side effects, serious risks, the
    effects in ``side_effects.csv`` and the note of the side-effect
    criterion) is compared in length with the benefit text (the note of the
    benefit criterion and the guidelines text). Shorter than
    :data:`HARMS_RATIO_NOT_MET` of it is *not met*; shorter than
    :data:`HARMS_RATIO_REVIEW` of it, or harms given only as "None
    reported" (except for the natural-course option), is *human review*.
Uncertainty (C5)
    Every ``per_100`` has a time frame (one that says the source gives none,
    such as "time frame not reported", is left to *human review*), and every value of an outcome
    criterion (any role but invasiveness and visits, which describe the
    treatment itself) gives a range (``X_low`` and ``X_high``) or a note
    (``X_note``) on how certain it is.
Stale rows
    A row whose ``reviewed`` date is more than the update policy's
    ``update_months=N`` (default :data:`DEFAULT_UPDATE_MONTHS`) before today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .csvfile import normalise_header, read_csv_file
from .errors import Problem, TableError
from .table import (ABOUT_FILE, EVIDENCE_LEVELS, OPTIONS_FILE, SIDE_EFFECTS_FILE, Criterion, DecisionTable,
                    split_list)

STANDARD = ("IPDAS minimum standards (Joseph-Williams et al., Medical Decision Making 2014;34(6):699-710)")
DEFAULT_TARGET_GRADE = 8.0
#: Months a row stays current when ``about.csv`` has an update policy without ``update_months=N``.
DEFAULT_UPDATE_MONTHS = 24
#: Below this many words a readability grade is not reliable enough to fail a cell.
MIN_GRADED_WORDS = 10
#: Words of this many syllables or more are listed as possibly hard.
LONG_WORD_SYLLABLES = 4
#: Harms text shorter than this share of the benefit text fails C1 ...
HARMS_RATIO_NOT_MET = 1 / 3
#: ... and shorter than this share needs a person to compare them.
HARMS_RATIO_REVIEW = 1 / 2
#: Option cells that patients read, graded for readability.
PLAIN_LANGUAGE_COLUMNS = ("summary", "what_it_is_like", "common_side_effects", "serious_risks",
                          "see_doctor_if", "guidelines")
#: Roles of criteria that describe the treatment itself rather than an uncertain outcome.
NON_OUTCOME_ROLES = ("invasiveness", "visits")

_LIST_COLUMNS = ("common_side_effects", "serious_risks", "see_doctor_if", "contraindications")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_REFERENCE = re.compile(r"\s*\[[^\]]*\]")
_UPDATE_MONTHS = re.compile(r"update_months\s*[=:]\s*(\d+)", re.IGNORECASE)
_NATURAL_COURSE = re.compile(
    r"no[\s_-]*treatment|natural[\s_-]*course|watchful[\s_-]*waiting|wait[\s_-]*and[\s_-]*see|"
    r"active[\s_-]*monitoring|no[\s_-]*intervention", re.IGNORECASE)
_NOT_REPORTED = re.compile(r"\b(not (reported|known|stated|given)|unknown|unclear)\b", re.IGNORECASE)
_NONE_STATED = re.compile(r"^\s*(none|nil|no known|not known|no harms?|no side effects?)\b", re.IGNORECASE)


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


_STATUS_LABELS = {Status.MET: "met", Status.NOT_MET: "NOT MET", Status.HUMAN_REVIEW: "human review"}
_GROUP_TITLES = {Group.QUALIFYING: "Qualifying criteria (a decision aid must meet all)",
                 Group.CERTIFICATION: "Certification criteria (needed to avoid harmful bias)",
                 Group.QUALITY: "Quality criteria"}


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
        The criterion in a few words.
    status
        met, not_met or human_review.
    details
        ``FILE:ROW:COLUMN: what to fix`` (or what to check) for each cell
        concerned; empty when met.
    note
        One line on how the criterion was judged or what was found.
    """

    id: str
    group: Group
    title: str
    status: Status
    details: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "group": str(self.group), "title": self.title, "status": str(self.status),
                "note": self.note, "details": list(self.details)}


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
                "grade": round(self.grade, 1), "words": self.words, "reliable": self.reliable,
                "long_words": list(self.long_words)}


@dataclass(frozen=True)
class AuditReport:
    """The result of :func:`run_audit`.

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
    grades: list[CellGrade] = field(default_factory=list)

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
        reliable = [g.grade for g in self.grades if g.reliable]
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

    def to_text(self) -> str:
        """The report as printed by ``decision-aid audit``."""
        lines = [f"Content audit of {self.folder}",
                 f"Against the {STANDARD}.",
                 f"Target reading grade {self.target_grade:g} (Flesch-Kincaid); " + _grade_summary(self),
                 f"Rows count as stale when reviewed more than {self.update_months} months before "
                 f"{self.today.isoformat()}."]
        width = max(len(label) for label in _STATUS_LABELS.values()) + 2
        id_width = max((len(item.id) for item in self.items), default=0)
        for group in Group:
            lines += ["", _GROUP_TITLES[group]]
            for item in self.items:
                if item.group is not group:
                    continue
                label = f"[{_STATUS_LABELS[item.status]}]"
                lines.append(f"  {label:<{width}} {item.id:<{id_width}}  {item.title}")
                if item.note:
                    lines.append(f"  {'':<{width}} {'':<{id_width}}  {item.note}")
                lines.extend(f"      {detail}" for detail in item.details)
        counts = self.counts()
        verdict = "PASSED" if self.passed else "NOT PASSED"
        lines += ["", f"Result: {verdict}: {counts['met']} met, {counts['not_met']} not met, "
                      f"{counts['human_review']} for human review."]
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready built-in types."""
        median = self.median_grade
        return {"folder": self.folder, "standard": STANDARD, "passed": self.passed, "exit_code": self.exit_code,
                "counts": self.counts(), "target_grade": self.target_grade,
                "median_grade": None if median is None else round(median, 1),
                "today": self.today.isoformat(), "update_months": self.update_months,
                "items": [item.to_dict() for item in self.items],
                "grades": [g.to_dict() for g in self.grades]}


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


# --------------------------------------------------------------------------- public helpers


def update_months(table: DecisionTable) -> int:
    """Months a reviewed row stays current: ``update_months=N`` from the update policy, else 24."""
    match = _UPDATE_MONTHS.search(table.about.get("update_policy", ""))
    return int(match.group(1)) if match else DEFAULT_UPDATE_MONTHS


def stale_cutoff(table: DecisionTable, today: dt.date | None = None) -> dt.date:
    """Rows reviewed before this date are stale."""
    return _months_before(today or dt.date.today(), update_months(table))


def is_stale(table: DecisionTable, option_id: str, today: dt.date | None = None) -> bool:
    """Whether the option's row was reviewed longer ago than the update policy allows."""
    reviewed = _parse_date(table.text(option_id, "reviewed"))
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


def reading_grade(text: str) -> tuple[float, int, tuple[str, ...]]:
    """Flesch-Kincaid grade, word count and long words of plain-language text.

    Bracketed references (``[13a]``) are removed first. Long words are those
    of :data:`LONG_WORD_SYLLABLES` or more syllables, each listed once.
    Returns ``(nan, 0, ())`` for text without words.
    """
    import textstat  # imported on first use: loading its pronouncing dictionary takes a moment

    clean = " ".join(_REFERENCE.sub("", text).split())
    words = textstat.lexicon_count(clean)
    if words == 0:
        return math.nan, 0, ()
    long_words = dict.fromkeys(word for word in _WORD.findall(clean)
                               if textstat.syllable_count(word) >= LONG_WORD_SYLLABLES)
    return float(textstat.flesch_kincaid_grade(clean)), int(words), tuple(long_words)


# --------------------------------------------------------------------------- the audit


def run_audit(table: DecisionTable, *, target_grade: float = DEFAULT_TARGET_GRADE,
              today: dt.date | None = None) -> AuditReport:
    """Check a loaded table against the IPDAS minimum standards that data can show.

    Parameters
    ----------
    table
        A table that :func:`~decision_aid.core.table.load_table` accepted.
    target_grade
        Highest Flesch-Kincaid reading grade a plain-language cell may have
        (default 8: a reading age of about 13).
    today
        The date staleness is judged against (default: today).

    Returns
    -------
    AuditReport
        One item per criterion; ``passed`` when none is unmet.
    """
    audit = _Audit(table, target_grade, today or dt.date.today())
    return AuditReport(folder=str(table.folder), items=audit.items(), target_grade=target_grade,
                       today=audit.today, update_months=audit.months, grades=audit.grades)


class _Audit:
    """The checks, sharing what they look up."""

    def __init__(self, table: DecisionTable, target_grade: float, today: dt.date) -> None:
        self.table = table
        self.target = target_grade
        self.today = today
        self.months = update_months(table)
        self.about_rows = _about_rows(table)
        self.grades = self._grade_cells()

    # ----------------------------------------------------------------- helpers

    def items(self) -> list[AuditItem]:
        return [self.condition(), self.decision(), self.options(), self.benefits(), self.harms(),
                self.experience(),
                self.equal_detail(), self.citations(), self.publication_date(), self.update_policy(),
                self.uncertainty(), self.funding(),
                self.natural_course(), self.reference_class(), self.natural_frequencies(), self.views(),
                self.readability(), self.readability_reported(), self.evidence_quality(), self.up_to_date(),
                self.authors(), self.developed_with_users(), self.field_tested()]

    def row(self, option_id: str) -> int:
        return int(self.table.rows[option_id])

    def opt(self, option_id: str, column: str, message: str) -> str:
        return str(Problem(OPTIONS_FILE, self.row(option_id), column, message))

    def has_column(self, column: str) -> bool:
        return column in self.table.options.columns

    def about_field(self, key: str, what: str) -> list[str]:
        """Problems with one ``about.csv`` entry (empty list when it is filled in)."""
        value = self.table.about.get(key)
        if value is None:
            return [str(Problem(ABOUT_FILE, None, key, f"missing; add a row '{key},<{what}>'"))]
        if not value.strip():
            return [str(Problem(ABOUT_FILE, self.about_rows.get(key), "value",
                                f"the '{key}' row is empty; give {what}"))]
        return []

    def _grade_cells(self) -> list[CellGrade]:
        grades = []
        for column in PLAIN_LANGUAGE_COLUMNS:
            if not self.has_column(column):
                continue
            for option_id in self.table.ids:
                text = self.table.text(option_id, column)
                if column in _LIST_COLUMNS:
                    text = ". ".join(item.rstrip(".!?") for item in split_list(text))
                grade, words, long_words = reading_grade(text)
                if words:
                    grades.append(CellGrade(OPTIONS_FILE, self.row(option_id), column, option_id, grade, words,
                                            long_words))
        return grades

    def _outcome_criteria(self) -> list[Criterion]:
        return [c for c in self.table.criteria if c.role not in NON_OUTCOME_ROLES]

    # ----------------------------------------------------------------- qualifying

    def condition(self) -> AuditItem:
        details = self.about_field("condition", "the health problem this decision is about")
        return _item("Q1", Group.QUALIFYING, "The condition is described", details,
                     "about.csv gives the condition." if not details else "")

    def decision(self) -> AuditItem:
        details = self.about_field("decision", "the decision to be made, in one sentence")
        return _item("Q2", Group.QUALIFYING, "The decision is stated", details,
                     "about.csv states the decision." if not details else "")

    def options(self) -> AuditItem:
        count = len(self.table.ids)
        details = []
        if count < 2:
            details.append(str(Problem(OPTIONS_FILE, None, "id",
                                       f"only {count} option; list every reasonable option, including "
                                       "doing nothing (natural course)")))
        return _item("Q3", Group.QUALIFYING, "The options are listed", details,
                     f"{count} options." + ("" if count < 2 else " The natural-course option is checked under "
                                            "QL-natural-course."))

    def benefits(self) -> AuditItem:
        details = []
        benefit = self.table.by_role("benefit")
        if benefit is None:
            details.append(str(Problem("criteria.csv", None, "role",
                                       "no criterion has the role 'benefit'; give it to the criterion that "
                                       "measures what the treatment does for the patient")))
        else:
            note_column = benefit.column + "_note"
            for option_id in self.table.ids:
                if math.isnan(self.table.value(option_id, benefit.column)) and \
                        not self.table.text(option_id, note_column).strip():
                    details.append(self.opt(option_id, note_column,
                                            f"no {benefit.column} figure and no note saying why; give the "
                                            "benefit, or explain in this note that the evidence gives no "
                                            "reliable figure"))
        if self.has_column("guidelines"):
            for option_id in self.table.ids:
                if not self.table.text(option_id, "guidelines").strip():
                    details.append(self.opt(option_id, "guidelines",
                                            "empty; say what the guidelines recommend about this option"))
        note = (f"Every option gives a {benefit.column} figure or explains its absence"
                + (", and what guidelines say." if self.has_column("guidelines") else ".")) \
            if benefit is not None and not details else ""
        return _item("Q4", Group.QUALIFYING, "Benefits of each option are described", details, note)

    def harms(self) -> AuditItem:
        details = []
        for option_id in self.table.ids:
            stated = (self.table.text(option_id, "common_side_effects").strip()
                      or self.table.text(option_id, "serious_risks").strip()
                      or not self.table.side_effects_of(option_id).empty)
            if not stated:
                details.append(self.opt(option_id, "common_side_effects",
                                        "empty, and serious_risks is empty too; list the harms, or write "
                                        "'None reported' if the sources report none"))
        return _item("Q5", Group.QUALIFYING, "Harms of each option are described", details,
                     "" if details else "Every option lists side effects or serious risks "
                                        "('None reported' counts as stated).")

    def experience(self) -> AuditItem:
        details = []
        if not self.has_column("what_it_is_like"):
            details.append(str(Problem(OPTIONS_FILE, 1, "what_it_is_like",
                                       "column missing; add it and describe, for each option, what having "
                                       "the treatment is like day to day")))
        else:
            for option_id in self.table.ids:
                if not self.table.text(option_id, "what_it_is_like").strip():
                    details.append(self.opt(option_id, "what_it_is_like",
                                            "empty; describe what having this treatment is like day to day"))
        return _item("Q6", Group.QUALIFYING, "What each option is like to experience", details,
                     "" if details else "Every option says what it is like.")

    # ----------------------------------------------------------------- certification

    def equal_detail(self) -> AuditItem:
        benefit = self.table.by_role("benefit")
        harm = self.table.by_role("side_effects")
        details, review = [], []
        for option_id in self.table.ids:
            benefit_parts = [self.table.text(option_id, "guidelines")]
            if benefit is not None:
                benefit_parts.append(self.table.text(option_id, benefit.column + "_note"))
            harm_text = _plain(" ".join([self.table.text(option_id, "common_side_effects"),
                                         self.table.text(option_id, "serious_risks")]))
            effects = self.table.side_effects_of(option_id)
            extra = " ".join(str(e) for e in effects["effect"]) if not effects.empty else ""
            if harm is not None:
                extra += " " + self.table.text(option_id, harm.column + "_note")
            benefit_text = _plain(" ".join(benefit_parts))
            harms_all = _plain(harm_text + " " + extra)
            where = "common_side_effects"
            if not harm_text and effects.empty:
                details.append(self.opt(option_id, where, "no harms are described; describe them in as much "
                                                          "detail as the benefits (see Q5)"))
                continue
            if _states_none(self.table, option_id):
                if not self._is_natural_course(option_id):
                    review.append(self.opt(option_id, where,
                                           "check: harms are given only as none; make sure the sources report "
                                           "none, and say what is known"))
                continue
            if not benefit_text:
                continue
            ratio = len(harms_all) / len(benefit_text)
            if ratio < HARMS_RATIO_NOT_MET:
                details.append(self.opt(option_id, where,
                                        f"harms are described in {len(harms_all)} characters against "
                                        f"{len(benefit_text)} for benefits ({ratio:.0%}); describe the harms "
                                        "in comparable detail"))
            elif ratio < HARMS_RATIO_REVIEW:
                review.append(self.opt(option_id, where,
                                       f"check: the harms text is {ratio:.0%} as long as the benefit text; make "
                                       "sure the harms get as much detail as the benefits"))
        note = (f"Harms text compared with benefit text per option: under {HARMS_RATIO_NOT_MET:.0%} of its "
                f"length fails, under {HARMS_RATIO_REVIEW:.0%} needs a person to compare.")
        return _item("C1", Group.CERTIFICATION, "Benefits and harms shown in equal detail", details, note,
                     review=review)

    def citations(self) -> AuditItem:
        details = []
        options = self.table.options
        for c in self.table.criteria:
            source_column = c.column + "_source"
            has_value = options[c.column].notna()
            if source_column not in options.columns:
                if has_value.any():
                    details.append(str(Problem(OPTIONS_FILE, 1, source_column,
                                               f"column missing; add it and give the reference for each of "
                                               f"the {int(has_value.sum())} {c.column} values")))
                continue
            for option_id in options.index[has_value.to_numpy()]:
                if not self.table.text(option_id, source_column).strip():
                    details.append(self.opt(option_id, source_column,
                                            f"empty; give the reference for {c.column} = "
                                            f"{_number(self.table.value(option_id, c.column))}"))
        for option_id in self.table.ids:
            if not split_list(self.table.text(option_id, "sources")):
                details.append(self.opt(option_id, "sources",
                                        "empty; list the references this option's text is based on"))
        effects = self.table.side_effects
        if not effects.empty:
            for _, effect in effects.iterrows():
                if not str(effect["source"]).strip():
                    details.append(str(Problem(SIDE_EFFECTS_FILE, int(effect["row"]), "source",
                                               f"empty; give the reference for '{_quote(effect['effect'])}'")))
        return _item("C2", Group.CERTIFICATION, "Citations to the evidence", details,
                     "" if details else "Every figure, side-effect frequency and option has a source.")

    def publication_date(self) -> AuditItem:
        details = self.about_field("published", "the publication date as YYYY-MM-DD")
        if not details:
            value = self.table.about["published"].strip()
            date = _parse_date(value)
            row = self.about_rows.get("published")
            if date is None:
                details.append(str(Problem(ABOUT_FILE, row, "value",
                                           f"'{_quote(value)}' is not a date; write the publication date as "
                                           "YYYY-MM-DD")))
            elif date > self.today:
                details.append(str(Problem(ABOUT_FILE, row, "value",
                                           f"{_quote(value)} is in the future; give the date this version was "
                                           "published")))
        return _item("C3", Group.CERTIFICATION, "Publication date given", details,
                     "" if details else f"Published {self.table.about.get('published', '').strip()}.")

    def update_policy(self) -> AuditItem:
        details = self.about_field("update_policy", "how often the content is reviewed, with update_months=N")
        note = ""
        if not details:
            found = _UPDATE_MONTHS.search(self.table.about["update_policy"])
            note = (f"Rows are to be reviewed every {self.months} months"
                    + ("." if found else f" (no update_months=N given; {DEFAULT_UPDATE_MONTHS} assumed)."))
        return _item("C4", Group.CERTIFICATION, "Update policy given", details, note)

    def time_frames(self) -> tuple[list[str], list[str]]:
        """Side-effect rows with no time frame, and rows whose time frame says the source gives none."""
        missing, unknown = [], []
        effects = self.table.side_effects
        for _, effect in effects.iterrows() if not effects.empty else ():
            text = str(effect["time_frame"]).strip()
            if not text:
                missing.append(str(Problem(SIDE_EFFECTS_FILE, int(effect["row"]), "time_frame",
                                           f"empty; say over what time {_number(effect['per_100'])} in 100 people "
                                           f"get '{_quote(effect['effect'])}' (for example 'over 3 months'), or "
                                           "write 'time frame not reported'")))
            elif _NOT_REPORTED.search(text):
                unknown.append(str(Problem(SIDE_EFFECTS_FILE, int(effect["row"]), "time_frame",
                                           f"check: '{_quote(text)}'; the figure has no time period, so decide "
                                           "whether it is fair to show it beside figures that have one")))
        return missing, unknown

    def uncertainty(self) -> AuditItem:
        details, review = self.time_frames()
        options = self.table.options
        for c in self._outcome_criteria():
            for option_id in options.index[options[c.column].notna().to_numpy()]:
                has_range = all(
                    (col := c.column + suffix) in options.columns and not math.isnan(self.table.value(option_id, col))
                    for suffix in ("_low", "_high"))
                if not has_range and not self.table.text(option_id, c.column + "_note").strip():
                    details.append(self.opt(option_id, c.column + "_note",
                                            f"{c.column} = {_number(self.table.value(option_id, c.column))} has "
                                            f"no range and no note; give {c.column}_low and {c.column}_high, "
                                            "or say here how certain the figure is"))
        checked = ", ".join(c.column for c in self._outcome_criteria()) or "none"
        return _item("C5", Group.CERTIFICATION, "Uncertainty around probabilities", details,
                     f"Checked: every per_100 has a time frame; outcome figures ({checked}) give a range or a "
                     "note; each option gives its GRADE certainty.", review=review)

    def funding(self) -> AuditItem:
        details = self.about_field("funding", "who paid for developing this aid")
        return _item("C6", Group.CERTIFICATION, "Funding source given", details,
                     "" if details else "about.csv names the funding source.")

    # ----------------------------------------------------------------- quality

    def _is_natural_course(self, option_id: str) -> bool:
        return bool(_NATURAL_COURSE.search(option_id) or _NATURAL_COURSE.search(self.table.text(option_id, "name")))

    def natural_course(self) -> AuditItem:
        found = [option_id for option_id in self.table.ids if self._is_natural_course(option_id)]
        details = [] if found else [str(Problem(OPTIONS_FILE, None, "id",
                                                "no option describes the natural course; add one such as "
                                                "'no_treatment' (what happens without treatment)"))]
        return _item("QL-natural-course", Group.QUALITY, "Natural course (no treatment) compared", details,
                     f"Compared with: {', '.join(found)}." if found else "")

    def reference_class(self) -> AuditItem:
        details, review = self.time_frames()
        return _item("QL-reference-class", Group.QUALITY,
                     "Probabilities with a reference class, time period and same denominator", details,
                     "Every frequency is people out of 100 (the data contract); each needs a time period.",
                     review=review)

    def natural_frequencies(self) -> AuditItem:
        return _item("QL-natural-frequencies", Group.QUALITY, "Probabilities as natural frequencies", [],
                     "Met by the data contract: side effects are given as people out of 100.")

    def views(self) -> AuditItem:
        return _item("QL-more-than-one-view", Group.QUALITY, "More than one way to view probabilities", [],
                     "Met by the app: every frequency is shown as a pictograph and as a number.")

    def readability(self) -> AuditItem:
        details, review = [], []
        for g in self.grades:
            if round(g.grade, 1) <= self.target:  # judged as shown, so "8.0" never fails a target of 8
                continue
            words = ", ".join(_quote(w) for w in g.long_words)
            long_words = f" (long words: {words})" if words else ""
            if g.reliable:
                details.append(str(Problem(g.file, g.row, g.column,
                                           f"reading grade {g.grade:.1f}, above the target {self.target:g}; use "
                                           f"shorter sentences and everyday words{long_words}")))
            elif g.long_words:
                review.append(str(Problem(g.file, g.row, g.column,
                                          f"check these words are everyday ones: {words} "
                                          f"(grade {g.grade:.1f}, but {_plural(g.words, 'word')} is too short "
                                          "for a reliable grade)")))
        columns = ", ".join(c for c in PLAIN_LANGUAGE_COLUMNS if self.has_column(c))
        graded = sum(g.reliable for g in self.grades)
        return _item("QL-readability", Group.QUALITY, f"Plain language (reading grade {self.target:g} or below)",
                     details, f"{graded} cells graded, {len(self.grades) - graded} too short to grade, "
                              f"from: {columns}.", review=review)

    def readability_reported(self) -> AuditItem:
        summary = _grade_summary_of(self.grades)
        return _item("QL-readability-reported", Group.QUALITY, "Readability level reported", [],
                     summary[0].upper() + summary[1:])

    def evidence_quality(self) -> AuditItem:
        details = []
        if not self.has_column("evidence"):
            details.append(str(Problem(OPTIONS_FILE, 1, "evidence",
                                       "column missing; give each option's GRADE certainty")))
            note = ""
        else:
            for option_id in self.table.ids:
                if not self.table.text(option_id, "evidence").strip():
                    details.append(self.opt(option_id, "evidence", "empty; give the GRADE certainty"))
            counts = Counter(self.table.text(i, "evidence") for i in self.table.ids)
            counts = {level: counts[level] for level in (*EVIDENCE_LEVELS, *counts) if counts.get(level)}
            gaps = int(sum(self.table.options[c.column].isna().sum() for c in self.table.criteria))
            note = ("GRADE certainty: " + ", ".join(f"{level} {n}" for level, n in counts.items() if level)
                    + f"; {_plural(gaps, 'cell')} with no reliable figure (evidence gaps, shown as such).")
        return _item("QL-evidence-quality", Group.QUALITY, "Quality of the evidence reported", details, note)

    def up_to_date(self) -> AuditItem:
        cutoff = _months_before(self.today, self.months)
        details = []
        for option_id in self.table.ids:
            value = self.table.text(option_id, "reviewed").strip()
            date = _parse_date(value)
            if date is None or date < cutoff:
                details.append(self.opt(option_id, "reviewed",
                                        f"{_quote(value) or 'no date'} is older than the update policy allows "
                                        f"(every {self.months} months, so {cutoff.isoformat()} or later); "
                                        "check the row against its sources and update the date"))
        return _item("QL-up-to-date", Group.QUALITY, "Content reviewed within the update policy", details,
                     f"Every row reviewed on or after {cutoff.isoformat()}." if not details else "")

    def authors(self) -> AuditItem:
        details = self.about_field("authors", "who wrote this aid and their qualifications")
        return _item("QL-authors", Group.QUALITY, "Developers named", details,
                     "" if details else "about.csv names the authors.")

    def developed_with_users(self) -> AuditItem:
        return _item("QL-developed-with-users", Group.QUALITY,
                     "Developed with patients and clinicians (needs assessment, review)", [],
                     _recorded(self.table, ("developed_with", "user_involvement"),
                               "A person must confirm that patients and clinicians took part in developing "
                               "the content."), review_only=True)

    def field_tested(self) -> AuditItem:
        return _item("QL-field-tested", Group.QUALITY, "Field tested with patients and clinicians", [],
                     _recorded(self.table, ("field_testing", "field_tested"),
                               "A person must confirm the aid was field tested with patients facing the "
                               "decision and with the clinicians who use it."), review_only=True)


# --------------------------------------------------------------------------- small pieces


def _item(item_id: str, group: Group, title: str, details: list[str], note: str = "", *,
          review: Iterable[str] = (), review_only: bool = False) -> AuditItem:
    review = list(review)
    if details:
        status = Status.NOT_MET
    elif review or review_only:
        status = Status.HUMAN_REVIEW
    else:
        status = Status.MET
    return AuditItem(item_id, group, title, status, list(details) + review, note)


def _about_rows(table: DecisionTable) -> dict[str, int]:
    """Spreadsheet row of each ``about.csv`` key (the loaded table keeps only the values)."""
    path = table.folder / ABOUT_FILE
    try:
        sheet = read_csv_file(path, ABOUT_FILE)
    except (TableError, OSError):
        return {}
    if "key" not in sheet.columns:
        return {}
    rows: dict[str, int] = {}
    for row, key in sheet.frame["key"].items():
        rows.setdefault(normalise_header(key).replace(" ", "_"), int(row))
    return rows


def _plain(text: str) -> str:
    """Text without bracketed references and with single spaces."""
    return " ".join(_REFERENCE.sub("", text).replace(";", " ").split())


def _states_none(table: DecisionTable, option_id: str) -> bool:
    """Whether the option's harms are stated as none (and nothing else)."""
    cells = [table.text(option_id, c).strip() for c in ("common_side_effects", "serious_risks")]
    cells = [c for c in cells if c]
    return bool(cells) and all(_NONE_STATED.match(c) for c in cells) and table.side_effects_of(option_id).empty


def _recorded(table: DecisionTable, keys: tuple[str, ...], default: str) -> str:
    for key in keys:
        value = table.about.get(key, "").strip()
        if value:
            return f"about.csv says: {_quote(value, 200)} A person must confirm it."
    return default


def _grade_summary_of(grades: list[CellGrade]) -> str:
    values = [g.grade for g in grades if g.reliable]
    if not values:
        return f"no cell has the {MIN_GRADED_WORDS} words a reading grade needs."
    return (f"median reading grade {statistics.median(values):.1f} over {_plural(len(values), 'cell')} "
            f"of {MIN_GRADED_WORDS} words or more (range {min(values):.1f} to {max(values):.1f}).")


def _grade_summary(report: AuditReport) -> str:
    return _grade_summary_of(report.grades)


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _quote(text: object, limit: int = 60) -> str:
    """Data text fit to quote in a report line: no control characters, one line, at most ``limit`` characters."""
    clean = " ".join("".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(text)).split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _number(value: float) -> str:
    return "NaN" if math.isnan(value) else f"{value:g}"
