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
Like with like (QL-like-with-like)
    Every cell whose ``X_comparator`` or ``X_population`` differs from its
    criterion's ``comparator`` or ``population`` (see
    :meth:`~decision_aid.core.table.DecisionTable.comparable`) is listed for
    *human review*: the ranking treats it as unknown.
Translations (QL-translation-review-*, QL-translation-readability-*)
    Each translation is listed for *human review* by a clinician fluent in
    its language, and its plain-language cells are graded with the
    language's own reading-ease formula (Fernández-Huerta for Spanish,
    target 60), never with Flesch-Kincaid (see
    :mod:`~decision_aid.core.audit.translation`).
Ranges (QL-range-fits-values)
    A criterion whose declared range (``max - min``) is more than
    :data:`RANGE_SPAN_RATIO` times the span of its figures is listed for
    *human review*, with the span: an importance weighs the whole range.

The package
-----------
:mod:`~decision_aid.core.audit.model`
    The report: items, cell grades, text and JSON.
:mod:`~decision_aid.core.audit.provenance`
    Where a value comes from and whether it is current (used by the window).
:mod:`~decision_aid.core.audit.readability`
    Reading grades, each distinct text graded once.
:mod:`~decision_aid.core.audit.context`
    The table's columns as arrays, shared by the checks.
:mod:`~decision_aid.core.audit.checks`, :mod:`~decision_aid.core.audit.quality`
    The checks, each over whole columns.
"""

from __future__ import annotations

import datetime as dt
import math

from ..errors import DecisionAidError
from ..i18n import msg
from ..table import DecisionTable
from . import checks, quality
from .checks import HARMS_RATIO_NOT_MET, HARMS_RATIO_REVIEW
from .context import NON_OUTCOME_ROLES, Context
from .model import (DEFAULT_TARGET_GRADE, DEFAULT_UPDATE_MONTHS, LONG_WORD_SYLLABLES, MIN_GRADED_WORDS, STANDARD,
                    AuditItem, AuditReport, CellGrade, Finding, Group, Lines, Status, figure)
from .provenance import Provenance, cell_provenance, is_stale, stale_cutoff, update_months
from .quality import RANGE_SPAN_RATIO
from .readability import PLAIN_LANGUAGE_COLUMNS, reading_grade

__all__ = ["DEFAULT_TARGET_GRADE", "DEFAULT_UPDATE_MONTHS", "HARMS_RATIO_NOT_MET", "HARMS_RATIO_REVIEW",
           "LONG_WORD_SYLLABLES", "MAX_TARGET_GRADE", "MIN_GRADED_WORDS", "NON_OUTCOME_ROLES",
           "PLAIN_LANGUAGE_COLUMNS", "RANGE_SPAN_RATIO", "STANDARD", "AuditError", "AuditItem", "AuditReport",
           "CellGrade", "Finding", "Group", "Lines", "Provenance", "Status", "cell_provenance", "is_stale",
           "reading_grade", "run_audit", "stale_cutoff", "update_months"]

#: Highest target reading grade accepted (Flesch-Kincaid grades of plain text stay well below it).
MAX_TARGET_GRADE = 100.0

_CHECKS = (checks.condition, checks.decision, checks.options, checks.benefits, checks.harms, checks.experience,
           checks.equal_detail, checks.citations, checks.publication_date, checks.update_policy,
           checks.uncertainty, checks.funding,
           quality.natural_course, quality.reference_class, quality.natural_frequencies, quality.views,
           quality.readability, quality.readability_reported, quality.evidence_quality, quality.up_to_date,
           quality.range_fits_values, quality.like_with_like,
           quality.authors, quality.developed_with_users, quality.field_tested)


class AuditError(DecisionAidError):
    """An audit asked for with a setting that cannot be used (a target grade that is not a number)."""


def run_audit(table: DecisionTable, *, target_grade: float = DEFAULT_TARGET_GRADE,
              today: dt.date | None = None) -> AuditReport:
    """Check a loaded table against the IPDAS minimum standards that data can show.

    Parameters
    ----------
    table
        A table that :func:`~decision_aid.core.table.load_table` accepted.
    target_grade
        Highest Flesch-Kincaid reading grade a plain-language cell may have
        (default 8: a reading age of about 13); a finite number from 0 to
        :data:`MAX_TARGET_GRADE`.
    today
        The date staleness is judged against (default: today).

    Returns
    -------
    AuditReport
        One item per criterion; ``passed`` when none is unmet.

    Raises
    ------
    AuditError
        When ``target_grade`` is not a finite number from 0 to :data:`MAX_TARGET_GRADE`.
    """
    target = _target(target_grade)
    context = Context(table, target, today or dt.date.today())
    from .translation import translation_items

    items = [check(context) for check in _CHECKS] + translation_items(table)
    return AuditReport(folder=str(table.folder), items=items, target_grade=target,
                       today=context.today, update_months=context.months, grades=context.grades)


def _target(value: object) -> float:
    """The target grade as a float, or :class:`AuditError` saying what to give instead."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number) or not 0 <= number <= MAX_TARGET_GRADE:
        raise AuditError(msg("The target reading grade {value} cannot be used; give a number from 0 to {high}, "
                             "such as {default} (a reading age of about 13).", value=repr(value),
                             high=figure(MAX_TARGET_GRADE), default=figure(DEFAULT_TARGET_GRADE)))
    return number
