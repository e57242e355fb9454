"""The qualifying and certification checks (IPDAS ``Q1``-``Q6`` and ``C1``-``C6``).

Each check takes the shared :class:`~decision_aid.core.audit.context.Context`
and returns one :class:`~decision_aid.core.audit.model.AuditItem`. The
heuristics are stated once, in :mod:`decision_aid.core.audit`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..errors import Problem
from ..i18n import N_, Message, msg, nmsg
from ..table import ABOUT_FILE, OPTIONS_FILE, SIDE_EFFECTS_FILE
from .context import Context, by_value, map_each, search_each
from .model import DEFAULT_UPDATE_MONTHS, AuditItem, Group, Lines, figure, make_item, number, quote
from .provenance import UPDATE_MONTHS_PATTERN, parse_date
from .readability import REFERENCE

#: Harms text shorter than this share of the benefit text fails C1 ...
HARMS_RATIO_NOT_MET = 1 / 3
#: ... and shorter than this share needs a person to compare them.
HARMS_RATIO_REVIEW = 1 / 2

_NOT_REPORTED = re.compile(r"\b(not (reported|known|stated|given)|unknown|unclear)\b", re.IGNORECASE)
_NONE_STATED = re.compile(r"^\s*(none|nil|no known|not known|no harms?|no side effects?)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- qualifying


def condition(ctx: Context) -> AuditItem:
    details = ctx.about_field("condition", msg("the health problem this decision is about"))
    return make_item("Q1", Group.QUALIFYING, N_("The condition is described"), details,
                     msg("about.csv gives the condition.") if not details else "")


def decision(ctx: Context) -> AuditItem:
    details = ctx.about_field("decision", msg("the decision to be made, in one sentence"))
    return make_item("Q2", Group.QUALIFYING, N_("The decision is stated"), details,
                     msg("about.csv states the decision.") if not details else "")


def options(ctx: Context) -> AuditItem:
    count = len(ctx.ids)
    details = Lines()
    if count < 2:
        details.append(Problem(OPTIONS_FILE, None, "id",
                               nmsg("only {n} option; list every reasonable option, including doing nothing "
                                    "(natural course)",
                                    "only {n} options; list every reasonable option, including doing nothing "
                                    "(natural course)", count)))
        note = nmsg("{n} option.", "{n} options.", count)
    else:
        note = nmsg("{n} option. The natural-course option is checked under QL-natural-course.",
                    "{n} options. The natural-course option is checked under QL-natural-course.", count)
    return make_item("Q3", Group.QUALIFYING, N_("The options are listed"), details, note)


def benefits(ctx: Context) -> AuditItem:
    details = Lines()
    benefit = ctx.table.by_role("benefit")
    if benefit is None:
        details.append(Problem("criteria.csv", None, "role",
                               msg("no criterion has the role 'benefit'; give it to the criterion that "
                                   "measures what the treatment does for the patient")))
    else:
        note_column = benefit.column + "_note"
        details += ctx.each(np.isnan(ctx.values(benefit.column)) & ctx.blank(note_column), note_column,
                            msg("no {column} figure and no note saying why; give the benefit, or explain in "
                                "this note that the evidence gives no reliable figure", column=benefit.column))
    if ctx.has_column("guidelines"):
        details += ctx.each(ctx.blank("guidelines"), "guidelines",
                            msg("empty; say what the guidelines recommend about this option"))
    note = ""
    if benefit is not None and not details:
        note = (msg("Every option gives a {column} figure or explains its absence, and what guidelines say.",
                    column=benefit.column) if ctx.has_column("guidelines")
                else msg("Every option gives a {column} figure or explains its absence.", column=benefit.column))
    return make_item("Q4", Group.QUALIFYING, N_("Benefits of each option are described"), details, note)


def harms(ctx: Context) -> AuditItem:
    unstated = ctx.blank("common_side_effects") & ctx.blank("serious_risks") & ~ctx.has_side_effects()
    details = ctx.each(unstated, "common_side_effects",
                       msg("empty, and serious_risks is empty too; list the harms, or write 'None reported' if "
                           "the sources report none"))
    return make_item("Q5", Group.QUALIFYING, N_("Harms of each option are described"), details,
                     "" if details else msg("Every option lists side effects or serious risks "
                                            "('None reported' counts as stated)."))


def experience(ctx: Context) -> AuditItem:
    if not ctx.has_column("what_it_is_like"):
        details = Lines([Problem(OPTIONS_FILE, 1, "what_it_is_like",
                                 msg("column missing; add it and describe, for each option, what having the "
                                     "treatment is like day to day"))])
    else:
        details = ctx.each(ctx.blank("what_it_is_like"), "what_it_is_like",
                           msg("empty; describe what having this treatment is like day to day"))
    return make_item("Q6", Group.QUALIFYING, N_("What each option is like to experience"), details,
                     "" if details else msg("Every option says what it is like."))


# --------------------------------------------------------------------------- certification


def _plain(text: str) -> str:
    """Text without bracketed references and with single spaces."""
    return " ".join(REFERENCE.sub("", text).replace(";", " ").split())


def _plain_all(texts: np.ndarray) -> np.ndarray:
    """:func:`_plain` of every cell, each distinct text worked out once."""
    codes, uniques = pd.factorize(texts)
    out = np.empty(len(uniques), dtype=object)
    out[:] = [_plain(t) for t in uniques]
    return out[codes] if len(texts) else np.empty(0, dtype=object)


def _lengths(texts: np.ndarray) -> np.ndarray:
    return np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))


def _effects_text(ctx: Context) -> np.ndarray:
    """Each option's side-effect names from ``side_effects.csv``, joined by spaces ("" for none)."""
    effects = ctx.table.side_effects
    if effects.empty:
        return np.full(len(ctx.ids), "", dtype=object)
    joined = effects.groupby("option_id", sort=False)["effect"].agg(lambda s: " ".join(map(str, s)))
    return pd.Series(ctx.ids, dtype=object).map(joined).fillna("").to_numpy(dtype=object)


def _states_none(ctx: Context, has_effects: np.ndarray) -> np.ndarray:
    """True where the option's harms are stated as none (and nothing else)."""
    stated_any = np.zeros(len(ctx.ids), dtype=bool)
    all_none = np.ones(len(ctx.ids), dtype=bool)
    for column in ("common_side_effects", "serious_risks"):
        filled = ~ctx.blank(column)
        stated_any |= filled
        all_none &= ~filled | ctx.matches(_NONE_STATED, column)
    return stated_any & all_none & ~has_effects


def equal_detail(ctx: Context) -> AuditItem:
    table = ctx.table
    benefit = table.by_role("benefit")
    harm = table.by_role("side_effects")
    has_effects = ctx.has_side_effects()
    benefit_raw = ctx.texts("guidelines")
    if benefit is not None:
        benefit_raw = benefit_raw + " " + ctx.texts(benefit.column + "_note")
    benefit_len = _lengths(_plain_all(benefit_raw))
    harm_text = _plain_all(ctx.texts("common_side_effects") + " " + ctx.texts("serious_risks"))
    extra = _effects_text(ctx)
    if harm is not None:
        extra = extra + " " + ctx.texts(harm.column + "_note")
    harms_len = _lengths(_plain_all(harm_text + " " + extra))

    no_harms = (_lengths(harm_text) == 0) & ~has_effects
    none_stated = ~no_harms & _states_none(ctx, has_effects)
    judged = ~no_harms & ~none_stated & (benefit_len > 0)
    ratio = np.divide(harms_len, benefit_len, out=np.ones(len(ctx.ids)), where=judged)
    fails = judged & (ratio < HARMS_RATIO_NOT_MET)
    close = judged & ~fails & (ratio < HARMS_RATIO_REVIEW)

    def failing(i: int) -> Message:
        if no_harms[i]:
            return msg("no harms are described; describe them in as much detail as the benefits (see Q5)")
        return msg("harms are described in {harms} characters against {benefits} for benefits ({share}); "
                   "describe the harms in comparable detail",
                   harms=str(harms_len[i]), benefits=str(benefit_len[i]), share=figure(ratio[i], ".0%"))

    def reviewing(i: int) -> Message:
        if none_stated[i]:
            return msg("check: harms are given only as none; make sure the sources report none, and say what is "
                       "known")
        return msg("check: the harms text is {share} as long as the benefit text; make sure the harms get as "
                   "much detail as the benefits", share=figure(ratio[i], ".0%"))

    where = "common_side_effects"
    details = ctx.each(no_harms | fails, where, failing)
    review = ctx.each((none_stated & ~ctx.natural_course()) | close, where, reviewing)
    note = msg("Harms text compared with benefit text per option: under {fails} of its length fails, under "
               "{review} needs a person to compare.",
               fails=figure(HARMS_RATIO_NOT_MET, ".0%"), review=figure(HARMS_RATIO_REVIEW, ".0%"))
    return make_item("C1", Group.CERTIFICATION, N_("Benefits and harms shown in equal detail"), details, note,
                     review=review)


def citations(ctx: Context) -> AuditItem:
    details = Lines()
    for c in ctx.table.criteria:
        source_column = c.column + "_source"
        values = ctx.values(c.column)
        has_value = ~np.isnan(values)
        if not ctx.has_column(source_column):
            if has_value.any():
                details.append(Problem(OPTIONS_FILE, 1, source_column,
                                       nmsg("column missing; add it and give the reference for the {n} {column} "
                                            "value",
                                            "column missing; add it and give the reference for each of the {n} "
                                            "{column} values", int(has_value.sum()), column=c.column)))
            continue
        details += ctx.each(has_value & ctx.blank(source_column), source_column,
                            by_value(values, lambda v, c=c: msg("empty; give the reference for {column} = {value}",
                                                                column=c.column, value=number(v))))
    no_sources = map_each(lambda text: not text.replace(";", "").strip(), ctx.texts("sources"))
    details += ctx.each(no_sources, "sources", msg("empty; list the references this option's text is based on"))
    effects = ctx.table.side_effects
    if not effects.empty:
        blank = effects["source"].astype(str).str.strip().eq("").to_numpy(bool)
        for _, effect in effects[blank].iterrows():
            details.append(Problem(SIDE_EFFECTS_FILE, int(effect["row"]), "source",
                                   msg("empty; give the reference for '{effect}'", effect=quote(effect["effect"]))))
    return make_item("C2", Group.CERTIFICATION, N_("Citations to the evidence"), details,
                     "" if details else msg("Every figure, side-effect frequency and option has a source."))


def publication_date(ctx: Context) -> AuditItem:
    details = ctx.about_field("published", msg("the publication date as YYYY-MM-DD"))
    if not details:
        value = ctx.table.about["published"].strip()
        date = parse_date(value)
        row = ctx.about_rows.get("published")
        if date is None:
            details.append(Problem(ABOUT_FILE, row, "value",
                                   msg("'{value}' is not a date; write the publication date as YYYY-MM-DD",
                                       value=quote(value))))
        elif date > ctx.today:
            details.append(Problem(ABOUT_FILE, row, "value",
                                   msg("{value} is in the future; give the date this version was published",
                                       value=quote(value))))
    return make_item("C3", Group.CERTIFICATION, N_("Publication date given"), details,
                     "" if details else msg("Published {date}.",
                                            date=ctx.table.about.get("published", "").strip()))


def update_policy(ctx: Context) -> AuditItem:
    details = ctx.about_field("update_policy", msg("how often the content is reviewed, with update_months=N"))
    note: str | Message = ""
    if not details:
        found = UPDATE_MONTHS_PATTERN.search(ctx.table.about["update_policy"])
        note = (nmsg("Rows are to be reviewed every {n} month.", "Rows are to be reviewed every {n} months.",
                     ctx.months) if found else
                nmsg("Rows are to be reviewed every {n} month (no update_months=N given; {default} assumed).",
                     "Rows are to be reviewed every {n} months (no update_months=N given; {default} assumed).",
                     ctx.months, default=DEFAULT_UPDATE_MONTHS))
    return make_item("C4", Group.CERTIFICATION, N_("Update policy given"), details, note)


def time_frames(ctx: Context) -> tuple[Lines, Lines]:
    """Side-effect rows with no time frame, and rows whose time frame says the source gives none."""
    effects = ctx.table.side_effects
    if effects.empty:
        return Lines(), Lines()
    text = effects["time_frame"].astype(str).str.strip()
    empty = text.eq("").to_numpy(bool)
    unknown = ~empty & search_each(_NOT_REPORTED, text)
    missing_lines = Lines(Problem(SIDE_EFFECTS_FILE, int(e["row"]), "time_frame",
                             msg("empty; say over what time {per_100} in 100 people get '{effect}' (for example "
                                 "'over 3 months'), or write 'time frame not reported'",
                                 per_100=number(e["per_100"]), effect=quote(e["effect"])))
                          for _, e in effects[empty].iterrows())
    unknown_lines = Lines(Problem(SIDE_EFFECTS_FILE, int(e["row"]), "time_frame",
                             msg("check: '{time_frame}'; the figure has no time period, so decide whether it is "
                                 "fair to show it beside figures that have one",
                                 time_frame=quote(str(e["time_frame"]).strip())))
                          for _, e in effects[unknown].iterrows())
    return missing_lines, unknown_lines


def uncertainty(ctx: Context) -> AuditItem:
    details, review = time_frames(ctx)
    for c in ctx.outcome_criteria():
        values = ctx.values(c.column)
        has_range = np.ones(len(ctx.ids), dtype=bool)
        for suffix in ("_low", "_high"):
            column = c.column + suffix
            has_range &= ~np.isnan(ctx.values(column)) if ctx.has_column(column) else False
        details += ctx.each(~np.isnan(values) & ~has_range & ctx.blank(c.column + "_note"), c.column + "_note",
                            by_value(values, lambda v, c=c: msg("{column} = {value} has no range and no note; give "
                                                                "{column}_low and {column}_high, or say here how "
                                                                "certain the figure is",
                                                                column=c.column, value=number(v))))
    checked = ", ".join(c.column for c in ctx.outcome_criteria())
    note = (msg("Checked: every per_100 has a time frame; outcome figures ({columns}) give a range or a note; each "
                "option gives its GRADE certainty.", columns=checked) if checked else
            msg("Checked: every per_100 has a time frame; outcome figures (none) give a range or a note; each "
                "option gives its GRADE certainty."))
    return make_item("C5", Group.CERTIFICATION, N_("Uncertainty around probabilities"), details, note,
                     review=review)


def funding(ctx: Context) -> AuditItem:
    details = ctx.about_field("funding", msg("who paid for developing this aid"))
    return make_item("C6", Group.CERTIFICATION, N_("Funding source given"), details,
                     "" if details else msg("about.csv names the funding source."))
