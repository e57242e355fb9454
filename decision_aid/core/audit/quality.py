"""The quality checks (``QL-...``): natural course, frequencies, readability, currency, like with like.

Each check takes the shared :class:`~decision_aid.core.audit.context.Context`
and returns one :class:`~decision_aid.core.audit.model.AuditItem`.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..errors import Problem
from ..i18n import N_, Message, msg, nmsg
from ..table import CRITERIA_FILE, EVIDENCE_LEVELS, OPTIONS_FILE, DecisionTable, split_list
from .checks import time_frames
from .context import Context, sheet_rows
from .model import (MIN_GRADED_WORDS, AuditItem, Group, Lines, capitalised, figure, grade_summary_message, make_item,
                    number, quote)
from .provenance import months_before, parse_date
from .readability import PLAIN_LANGUAGE_COLUMNS

#: A criterion's declared range (max - min) more than this many times the span of its figures is flagged:
#: an importance weighs the swing over the whole range, so a range far wider than the figures shrinks
#: every real difference between options.
RANGE_SPAN_RATIO = 2.0


def natural_course(ctx: Context) -> AuditItem:
    found = [str(i) for i in ctx.ids[ctx.natural_course()]]
    details = [] if found else [Problem(OPTIONS_FILE, None, "id",
                                        msg("no option describes the natural course; add one such as "
                                            "'no_treatment' (what happens without treatment)"))]
    return make_item("QL-natural-course", Group.QUALITY, N_("Natural course (no treatment) compared"), details,
                     msg("Compared with: {options}.", options=", ".join(found)) if found else "")


def reference_class(ctx: Context) -> AuditItem:
    details, review = time_frames(ctx)
    return make_item("QL-reference-class", Group.QUALITY,
                     N_("Probabilities with a reference class, time period and same denominator"), details,
                     msg("Every frequency is people out of 100 (the data contract); each needs a time period."),
                     review=review)


def natural_frequencies(ctx: Context) -> AuditItem:
    return make_item("QL-natural-frequencies", Group.QUALITY, N_("Probabilities as natural frequencies"), [],
                     msg("Met by the data contract: side effects are given as people out of 100."))


def views(ctx: Context) -> AuditItem:
    return make_item("QL-more-than-one-view", Group.QUALITY, N_("More than one way to view probabilities"), [],
                     msg("Met by the app: every frequency is shown as a pictograph and as a number."))


def readability(ctx: Context) -> AuditItem:
    details, review = Lines(), Lines()
    target = figure(ctx.target)
    for column in ctx.grades.columns:
        # Judged as shown ("8.0" never fails a target of 8); NumPy narrows the cells, Python rounds them.
        near = np.flatnonzero(column.grades > ctx.target - 0.1)
        for grade, count, row, long_words in zip(column.grades[near].tolist(), column.words[near].tolist(),
                                                 column.rows[near].tolist(), column.long_words[near].tolist()):
            if round(grade, 1) <= ctx.target:
                continue
            words = ", ".join(quote(w) for w in long_words)
            shown = figure(grade, ".1f")
            if count >= MIN_GRADED_WORDS:
                details.append(Problem(column.file, row, column.column, msg(
                    "reading grade {grade}, above the target {target}; use shorter sentences and everyday words "
                    "(long words: {words})", grade=shown, target=target, words=words) if words else msg(
                    "reading grade {grade}, above the target {target}; use shorter sentences and everyday words",
                    grade=shown, target=target)))
            elif long_words:
                review.append(Problem(column.file, row, column.column, nmsg(
                    "check these words are everyday ones: {words} (grade {grade}, but {n} word is too short for a "
                    "reliable grade)",
                    "check these words are everyday ones: {words} (grade {grade}, but {n} words is too short for a "
                    "reliable grade)", count, words=words, grade=shown)))
    columns = ", ".join(c for c in PLAIN_LANGUAGE_COLUMNS if ctx.has_column(c))
    graded = len(ctx.grades.reliable_grades())
    return make_item("QL-readability", Group.QUALITY, msg("Plain language (reading grade {grade} or below)",
                                                          grade=target),
                     details, nmsg("{n} cell graded, {short} too short to grade, from: {columns}.",
                                   "{n} cells graded, {short} too short to grade, from: {columns}.", graded,
                                   short=len(ctx.grades) - graded, columns=columns), review=review)


def readability_reported(ctx: Context) -> AuditItem:
    return make_item("QL-readability-reported", Group.QUALITY, N_("Readability level reported"), [],
                     capitalised(grade_summary_message(ctx.grades)))


def evidence_quality(ctx: Context) -> AuditItem:
    details = Lines()
    note: str | Message = ""
    if not ctx.has_column("evidence"):
        details.append(Problem(OPTIONS_FILE, 1, "evidence", msg("column missing; give each option's GRADE certainty")))
    else:
        details += ctx.each(ctx.blank("evidence"), "evidence", msg("empty; give the GRADE certainty"))
        counts = Counter(ctx.texts("evidence"))
        counts = {level: counts[level] for level in (*EVIDENCE_LEVELS, *counts) if counts.get(level)}
        gaps = int(sum(np.isnan(ctx.values(c.column)).sum() for c in ctx.table.criteria))
        note = nmsg("GRADE certainty: {levels}; {n} cell with no reliable figure (evidence gaps, shown as such).",
                    "GRADE certainty: {levels}; {n} cells with no reliable figure (evidence gaps, shown as such).",
                    gaps, levels=", ".join(f"{level} {n}" for level, n in counts.items() if level))
    return make_item("QL-evidence-quality", Group.QUALITY, N_("Quality of the evidence reported"), details, note)


def up_to_date(ctx: Context) -> AuditItem:
    cutoff = months_before(ctx.today, ctx.months)
    codes, uniques = pd.factorize(ctx.texts("reviewed"))
    stale_unique = np.array([(d := parse_date(text)) is None or d < cutoff for text in uniques], dtype=bool)
    stale = stale_unique[codes] if len(codes) else np.zeros(0, dtype=bool)
    values = ctx.texts("reviewed")
    worded: dict[str, Message] = {}

    def older(i: int) -> Message:
        date = quote(values[i].strip())
        if date not in worded:
            worded[date] = (
                nmsg("{date} is older than the update policy allows (every {n} month, so {cutoff} or later); check "
                     "the row against its sources and update the date",
                     "{date} is older than the update policy allows (every {n} months, so {cutoff} or later); "
                     "check the row against its sources and update the date",
                     ctx.months, date=date, cutoff=cutoff.isoformat()) if date else
                nmsg("no date is older than the update policy allows (every {n} month, so {cutoff} or later); "
                     "check the row against its sources and update the date",
                     "no date is older than the update policy allows (every {n} months, so {cutoff} or later); "
                     "check the row against its sources and update the date", ctx.months, cutoff=cutoff.isoformat()))
        return worded[date]

    details = ctx.each(stale, "reviewed", older)
    return make_item("QL-up-to-date", Group.QUALITY, N_("Content reviewed within the update policy"), details,
                     msg("Every row reviewed on or after {date}.", date=cutoff.isoformat()) if not details else "")


def range_fits_values(ctx: Context) -> AuditItem:
    """Criteria whose declared range is more than :data:`RANGE_SPAN_RATIO` times the span of their figures."""
    review = Lines()
    for c in ctx.table.criteria:
        values = ctx.values(c.column)
        values = values[~np.isnan(values)]
        if len(values) == 0:
            continue
        low, high = float(values.min()), float(values.max())
        span, declared = high - low, c.max - c.min
        if declared <= RANGE_SPAN_RATIO * span:
            continue
        figures = {"column": c.column, "min": number(c.min), "max": number(c.max), "range": number(declared),
                   "low": number(low), "high": number(high)}
        review.append(Problem("criteria.csv", _criteria_row(ctx.table, c.column), "min", msg(
            "{column} is declared from {min} to {max} (a range of {range}), but its figures run from {low} to {high} "
            "(a span of {span}); an importance weighs the whole range, so set min and max to the plausible span for "
            "these options (from the evidence) and say so in the description", span=number(span), **figures)
            if span > 0 else msg(
            "{column} is declared from {min} to {max} (a range of {range}), but every figure is {low}, so its range "
            "cannot be judged from them; an importance weighs the whole range, so set min and max to the plausible "
            "span for these options (from the evidence) and say so in the description", **figures)))
    return make_item("QL-range-fits-values", Group.QUALITY, N_("Criterion ranges fit the figures"), [],
                     msg("A declared range more than {ratio} times the span of the criterion's figures makes real "
                         "differences between options count for little.", ratio=figure(RANGE_SPAN_RATIO)),
                     review=review)


def like_with_like(ctx: Context) -> AuditItem:
    """Every cell measured against another comparator or in another population than its criterion."""
    table = ctx.table
    comparable = table.comparable()
    review = Lines()
    declared = [c for c in table.criteria if c.comparator or c.population]
    for c in declared:
        mask = ~comparable[c.column].to_numpy(bool)
        if not mask.any():
            continue
        comparators, populations = ctx.texts(c.column + "_comparator"), ctx.texts(c.column + "_population")

        def message(i: int, c=c, comparators=comparators, populations=populations) -> Message:
            # As DecisionTable.comparable judges them: a criterion may name several codes, ';'-separated.
            other_comparator = bool(c.comparator) and comparators[i] not in {"", *split_list(c.comparator)}
            other_population = bool(c.population) and populations[i] not in {"", *split_list(c.population)}
            where = {"column": c.column, "comparator": quote(comparators[i]), "criterion_comparator": c.comparator,
                     "population": quote(populations[i]), "criterion_population": c.population}
            if other_comparator and other_population:
                return msg("check: measured against '{comparator}' ({column}_comparator) where the criterion "
                           "compares with '{criterion_comparator}' and measured in '{population}' "
                           "({column}_population) where the criterion is about '{criterion_population}'; it is "
                           "shown with its caveat but the ranking treats it as unknown. Find a figure measured like "
                           "the others, or keep the caveat in its note", **where)
            if other_comparator:
                return msg("check: measured against '{comparator}' ({column}_comparator) where the criterion "
                           "compares with '{criterion_comparator}'; it is shown with its caveat but the ranking "
                           "treats it as unknown. Find a figure measured like the others, or keep the caveat in its "
                           "note", **where)
            if other_population:
                return msg("check: measured in '{population}' ({column}_population) where the criterion is about "
                           "'{criterion_population}'; it is shown with its caveat but the ranking treats it as "
                           "unknown. Find a figure measured like the others, or keep the caveat in its note",
                           **where)
            return msg("check: it is shown with its caveat but the ranking treats it as unknown. Find a figure "
                       "measured like the others, or keep the caveat in its note")

        review += ctx.each(mask, c.column, message)
    if not declared:
        note: Message = msg("No criterion names a comparator or population, so every figure is taken as comparable.")
    else:
        note = (nmsg("{n} cell not comparable with the rest of its criterion (another comparator or population).",
                     "{n} cells not comparable with the rest of its criterion (another comparator or population).",
                     len(review)) if review
                else msg("Every figure shares its criterion's comparator and population."))
    return make_item("QL-like-with-like", Group.QUALITY, N_("Figures on one axis measured alike"), [], note,
                     review=review)


def _criteria_row(table: DecisionTable, column: str) -> int | None:
    """Spreadsheet row of a criterion in ``criteria.csv`` (None when the file cannot be read again)."""
    return sheet_rows(table, CRITERIA_FILE, "column").get(column)


def authors(ctx: Context) -> AuditItem:
    details = ctx.about_field("authors", msg("who wrote this aid and their qualifications"))
    return make_item("QL-authors", Group.QUALITY, N_("Developers named"), details,
                     "" if details else msg("about.csv names the authors."))


def developed_with_users(ctx: Context) -> AuditItem:
    return make_item("QL-developed-with-users", Group.QUALITY,
                     N_("Developed with patients and clinicians (needs assessment, review)"), [],
                     _recorded(ctx.table, ("developed_with", "user_involvement"),
                               msg("A person must confirm that patients and clinicians took part in developing "
                                   "the content.")), review_only=True)


def field_tested(ctx: Context) -> AuditItem:
    return make_item("QL-field-tested", Group.QUALITY, N_("Field tested with patients and clinicians"), [],
                     _recorded(ctx.table, ("field_testing", "field_tested"),
                               msg("A person must confirm the aid was field tested with patients facing the "
                                   "decision and with the clinicians who use it.")), review_only=True)


def _recorded(table: DecisionTable, keys: tuple[str, ...], default: Message) -> Message:
    for key in keys:
        value = table.about.get(key, "").strip()
        if value:
            return msg("about.csv says: {value} A person must confirm it.", value=quote(value, 200))
    return default
