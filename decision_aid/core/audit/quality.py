"""The quality checks (``QL-...``): natural course, frequencies, readability, currency, like with like.

Each check takes the shared :class:`~decision_aid.core.audit.context.Context`
and returns one :class:`~decision_aid.core.audit.model.AuditItem`.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..errors import Problem
from ..i18n import N_
from ..table import CRITERIA_FILE, EVIDENCE_LEVELS, OPTIONS_FILE, DecisionTable
from .checks import time_frames
from .context import Context, sheet_rows
from .model import MIN_GRADED_WORDS, AuditItem, Group, grade_summary, make_item, number, plural, quote
from .provenance import months_before, parse_date
from .readability import PLAIN_LANGUAGE_COLUMNS

#: A criterion's declared range (max - min) more than this many times the span of its figures is flagged:
#: an importance weighs the swing over the whole range, so a range far wider than the figures shrinks
#: every real difference between options.
RANGE_SPAN_RATIO = 2.0


def natural_course(ctx: Context) -> AuditItem:
    found = [str(i) for i in ctx.ids[ctx.natural_course()]]
    details = [] if found else [str(Problem(OPTIONS_FILE, None, "id",
                                            "no option describes the natural course; add one such as "
                                            "'no_treatment' (what happens without treatment)"))]
    return make_item("QL-natural-course", Group.QUALITY, N_("Natural course (no treatment) compared"), details,
                     f"Compared with: {', '.join(found)}." if found else "")


def reference_class(ctx: Context) -> AuditItem:
    details, review = time_frames(ctx)
    return make_item("QL-reference-class", Group.QUALITY,
                     N_("Probabilities with a reference class, time period and same denominator"), details,
                     "Every frequency is people out of 100 (the data contract); each needs a time period.",
                     review=review)


def natural_frequencies(ctx: Context) -> AuditItem:
    return make_item("QL-natural-frequencies", Group.QUALITY, N_("Probabilities as natural frequencies"), [],
                     "Met by the data contract: side effects are given as people out of 100.")


def views(ctx: Context) -> AuditItem:
    return make_item("QL-more-than-one-view", Group.QUALITY, N_("More than one way to view probabilities"), [],
                     "Met by the app: every frequency is shown as a pictograph and as a number.")


def readability(ctx: Context) -> AuditItem:
    details, review = [], []
    for column in ctx.grades.columns:
        # Judged as shown ("8.0" never fails a target of 8); NumPy narrows the cells, Python rounds them.
        near = np.flatnonzero(column.grades > ctx.target - 0.1)
        for grade, count, row, long_words in zip(column.grades[near].tolist(), column.words[near].tolist(),
                                                 column.rows[near].tolist(), column.long_words[near].tolist()):
            if round(grade, 1) <= ctx.target:
                continue
            words = ", ".join(quote(w) for w in long_words)
            where = f"{column.file}:{row}:{column.column}: "
            if count >= MIN_GRADED_WORDS:
                details.append(f"{where}reading grade {grade:.1f}, above the target {ctx.target:g}; use shorter "
                               "sentences and everyday words" + (f" (long words: {words})" if words else ""))
            elif long_words:
                review.append(f"{where}check these words are everyday ones: {words} (grade {grade:.1f}, but "
                              f"{plural(count, 'word')} is too short for a reliable grade)")
    columns = ", ".join(c for c in PLAIN_LANGUAGE_COLUMNS if ctx.has_column(c))
    graded = len(ctx.grades.reliable_grades())
    return make_item("QL-readability", Group.QUALITY, f"Plain language (reading grade {ctx.target:g} or below)",
                     details, f"{graded} cells graded, {len(ctx.grades) - graded} too short to grade, "
                              f"from: {columns}.", review=review)


def readability_reported(ctx: Context) -> AuditItem:
    summary = grade_summary(ctx.grades)
    return make_item("QL-readability-reported", Group.QUALITY, N_("Readability level reported"), [],
                     summary[0].upper() + summary[1:])


def evidence_quality(ctx: Context) -> AuditItem:
    details = []
    if not ctx.has_column("evidence"):
        details.append(str(Problem(OPTIONS_FILE, 1, "evidence", "column missing; give each option's GRADE certainty")))
        note = ""
    else:
        details += ctx.each(ctx.blank("evidence"), "evidence", "empty; give the GRADE certainty")
        counts = Counter(ctx.texts("evidence"))
        counts = {level: counts[level] for level in (*EVIDENCE_LEVELS, *counts) if counts.get(level)}
        gaps = int(sum(np.isnan(ctx.values(c.column)).sum() for c in ctx.table.criteria))
        note = ("GRADE certainty: " + ", ".join(f"{level} {n}" for level, n in counts.items() if level)
                + f"; {plural(gaps, 'cell')} with no reliable figure (evidence gaps, shown as such).")
    return make_item("QL-evidence-quality", Group.QUALITY, N_("Quality of the evidence reported"), details, note)


def up_to_date(ctx: Context) -> AuditItem:
    cutoff = months_before(ctx.today, ctx.months)
    codes, uniques = pd.factorize(ctx.texts("reviewed"))
    stale_unique = np.array([(d := parse_date(text)) is None or d < cutoff for text in uniques], dtype=bool)
    stale = stale_unique[codes] if len(codes) else np.zeros(0, dtype=bool)
    values = ctx.texts("reviewed")
    details = ctx.each(stale, "reviewed",
                       lambda i: f"{quote(values[i].strip()) or 'no date'} is older than the update policy allows "
                                 f"(every {ctx.months} months, so {cutoff.isoformat()} or later); check the row "
                                 "against its sources and update the date")
    return make_item("QL-up-to-date", Group.QUALITY, N_("Content reviewed within the update policy"), details,
                     f"Every row reviewed on or after {cutoff.isoformat()}." if not details else "")


def range_fits_values(ctx: Context) -> AuditItem:
    """Criteria whose declared range is more than :data:`RANGE_SPAN_RATIO` times the span of their figures."""
    review = []
    for c in ctx.table.criteria:
        values = ctx.values(c.column)
        values = values[~np.isnan(values)]
        if len(values) == 0:
            continue
        low, high = float(values.min()), float(values.max())
        span, declared = high - low, c.max - c.min
        if declared <= RANGE_SPAN_RATIO * span:
            continue
        spread = (f"its figures run from {number(low)} to {number(high)} (a span of {number(span)})"
                  if span > 0 else f"every figure is {number(low)}, so its range cannot be judged from them")
        review.append(str(Problem("criteria.csv", _criteria_row(ctx.table, c.column), "min",
                                  f"{c.column} is declared from {number(c.min)} to {number(c.max)} (a range of "
                                  f"{number(declared)}), but {spread}; an importance weighs the whole range, so "
                                  f"set min and max to the plausible span for these options (from the evidence) "
                                  "and say so in the description")))
    return make_item("QL-range-fits-values", Group.QUALITY, N_("Criterion ranges fit the figures"), [],
                     f"A declared range more than {RANGE_SPAN_RATIO:g} times the span of the criterion's figures "
                     "makes real differences between options count for little.", review=review)


def like_with_like(ctx: Context) -> AuditItem:
    """Every cell measured against another comparator or in another population than its criterion."""
    table = ctx.table
    comparable = table.comparable()
    review = []
    declared = [c for c in table.criteria if c.comparator or c.population]
    for c in declared:
        mask = ~comparable[c.column].to_numpy(bool)
        if not mask.any():
            continue
        comparators, populations = ctx.texts(c.column + "_comparator"), ctx.texts(c.column + "_population")

        def message(i: int, c=c, comparators=comparators, populations=populations) -> str:
            differs = []
            if c.comparator and comparators[i] not in ("", c.comparator):
                differs.append(f"measured against '{quote(comparators[i])}' ({c.column}_comparator) where the "
                               f"criterion compares with '{c.comparator}'")
            if c.population and populations[i] not in ("", c.population):
                differs.append(f"measured in '{quote(populations[i])}' ({c.column}_population) where the "
                               f"criterion is about '{c.population}'")
            return ("check: " + " and ".join(differs) + "; it is shown with its caveat but the ranking treats it "
                    "as unknown. Find a figure measured like the others, or keep the caveat in its note")

        review += ctx.each(mask, c.column, message)
    if not declared:
        note = "No criterion names a comparator or population, so every figure is taken as comparable."
    else:
        note = (f"{plural(len(review), 'cell')} not comparable with the rest of its criterion "
                "(another comparator or population)." if review
                else "Every figure shares its criterion's comparator and population.")
    return make_item("QL-like-with-like", Group.QUALITY, N_("Figures on one axis measured alike"), [], note,
                     review=review)


def _criteria_row(table: DecisionTable, column: str) -> int | None:
    """Spreadsheet row of a criterion in ``criteria.csv`` (None when the file cannot be read again)."""
    return sheet_rows(table, CRITERIA_FILE, "column").get(column)


def authors(ctx: Context) -> AuditItem:
    details = ctx.about_field("authors", "who wrote this aid and their qualifications")
    return make_item("QL-authors", Group.QUALITY, N_("Developers named"), details,
                     "" if details else "about.csv names the authors.")


def developed_with_users(ctx: Context) -> AuditItem:
    return make_item("QL-developed-with-users", Group.QUALITY,
                     N_("Developed with patients and clinicians (needs assessment, review)"), [],
                     _recorded(ctx.table, ("developed_with", "user_involvement"),
                               "A person must confirm that patients and clinicians took part in developing "
                               "the content."), review_only=True)


def field_tested(ctx: Context) -> AuditItem:
    return make_item("QL-field-tested", Group.QUALITY, N_("Field tested with patients and clinicians"), [],
                     _recorded(ctx.table, ("field_testing", "field_tested"),
                               "A person must confirm the aid was field tested with patients facing the "
                               "decision and with the clinicians who use it."), review_only=True)


def _recorded(table: DecisionTable, keys: tuple[str, ...], default: str) -> str:
    for key in keys:
        value = table.about.get(key, "").strip()
        if value:
            return f"about.csv says: {quote(value, 200)} A person must confirm it."
    return default
