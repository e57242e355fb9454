"""Charts in words: the sentences, numbers and labels behind every chart.

Nothing here draws or imports matplotlib, so the window can describe a chart
(for screen readers, and under the chart) before any plotting library is
loaded, and the PDF summary and the window say the same thing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .i18n import ENGLISH, N_, Translator
from .scoring import Ranking
from .table import DecisionTable

#: Footnote of the ranking chart where a figure is missing.
MISSING_NOTE = N_("? = no comparable figure for something you weighed: it counts at the worst end")
NO_FIGURE = N_("no reliable figure")
_WEEKS_PER_UNIT = {
    "minute": 1 / (7 * 24 * 60), "min": 1 / (7 * 24 * 60), "hour": 1 / (7 * 24), "hr": 1 / (7 * 24),
    "day": 1 / 7, "week": 1.0, "wk": 1.0, "month": 365.25 / 12 / 7, "year": 365.25 / 7, "yr": 365.25 / 7,
}
_HOUR = 1 / 168
_DAY = 1 / 7
_MONTH = 365.25 / 12 / 7
_YEAR = 365.25 / 7


def literal(text: object) -> str:
    """Data text made safe for matplotlib: every ``$`` escaped, so no mathtext, and only characters
    the chart fonts can draw (see :func:`decision_aid.core.chart_style.drawable`)."""
    from .chart_style import drawable

    return drawable(str(text)).replace("$", r"\$")


def shown(text: str) -> str:
    """What matplotlib displays for text passed through :func:`literal`."""
    return text.replace(r"\$", "$")


def wrap(text: object, width: int, max_lines: int = 2) -> str:
    """Wrap ``text`` to lines of ``width`` characters; cut with an ellipsis after ``max_lines``."""
    words = " ".join(str(text).split())
    lines = textwrap.wrap(words, width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = lines[:max_lines - 1] + [rest[:max(1, width - 1)].rstrip() + "…"]
    return "\n".join(lines)


def weeks_per_unit(unit: str) -> float | None:
    """How many weeks one ``unit`` ("days", "weeks", "months", ...) is; None if not a time unit."""
    word = " ".join(str(unit).lower().split())
    word = word[:-1] if word.endswith("s") and word[:-1] in _WEEKS_PER_UNIT else word
    return _WEEKS_PER_UNIT.get(word)


def _rounded(n: float, tr: Translator) -> tuple[str, int]:
    """``n`` whole when within 0.05 of a whole number, else to one decimal; and the count its plural goes by."""
    if abs(n - round(n)) < 0.05:
        return tr.format_decimal(round(n), 0), int(round(n))
    return tr.format_decimal(n, 1), 2


def describe_weeks(weeks: float, *, tr: Translator = ENGLISH) -> str:
    """A time in weeks, in words a patient reads at a glance ("30 minutes", "3 days", "6 months")."""
    if math.isnan(weeks):
        return tr.gettext(NO_FIGURE)
    if weeks <= 0:
        return tr.gettext("straight away")
    minutes = weeks * 7 * 24 * 60
    hours = weeks * 7 * 24
    days = weeks * 7
    if minutes < 90:     # to the nearest 5 minutes from 10 on: source figures are rarely finer
        n, count = _rounded(max(1.0, round(minutes) if minutes < 10 else 5 * round(minutes / 5)), tr)
        template = tr.ngettext("{n} minute", "{n} minutes", count)
    elif hours < 36:
        n, count = _rounded(round(hours), tr)
        template = tr.ngettext("{n} hour", "{n} hours", count)
    elif days < 14:
        n, count = _rounded(round(days), tr)
        template = tr.ngettext("{n} day", "{n} days", count)
    elif weeks < 13:
        n, count = _rounded(weeks, tr)
        template = tr.ngettext("{n} week", "{n} weeks", count)
    elif weeks < _YEAR - 1:
        n, count = _rounded(round(weeks / _MONTH), tr)
        template = tr.ngettext("{n} month", "{n} months", count)
    else:
        n, count = _rounded(weeks / _YEAR, tr)
        template = tr.ngettext("{n} year", "{n} years", count)
    return template.format(n=n)


@dataclass(frozen=True)
class TimelineRow:
    """When relief may start and until when it was still seen, for one option, in weeks.

    NaN where the table gives no reliable figure; notes are the ``X_note`` cells.
    """

    option_id: str
    name: str
    onset: float = math.nan
    onset_low: float = math.nan
    onset_high: float = math.nan
    onset_note: str = ""
    end: float = math.nan
    end_low: float = math.nan
    end_high: float = math.nan
    end_note: str = ""

    @property
    def onset_uncertain(self) -> bool:
        return bool(self.onset_note.strip())

    @property
    def uncertain(self) -> bool:
        return bool(self.onset_note.strip() or self.end_note.strip())

    def sentence(self, *, tr: Translator = ENGLISH) -> str:
        """The row in words, for screen readers and the summary."""
        if math.isnan(self.onset):
            start = tr.gettext("no reliable figure for when relief starts")
        elif self.onset_uncertain:
            start = tr.gettext("relief first seen after about {time} (uncertain: see notes)")
        else:
            start = tr.gettext("relief first seen after about {time}")
        if math.isnan(self.end):
            last = tr.gettext("no reliable figure for how long it lasts")
        elif self.end_note.strip():
            last = tr.gettext("still seen at about {time} from the start (uncertain: see notes)")
        else:
            last = tr.gettext("still seen at about {time} from the start")
        return tr.gettext("{name}: {start}; {last}.").format(
            name=self.name, start=start.format(time=describe_weeks(self.onset, tr=tr)),
            last=last.format(time=describe_weeks(self.end, tr=tr)))


def timeline_rows(table: DecisionTable, ids: Sequence[str]) -> list[TimelineRow] | None:
    """One :class:`TimelineRow` per id, or None when the table has no usable onset/duration criterion."""
    found = {}
    for role in ("onset", "duration"):
        criterion = table.by_role(role)
        factor = weeks_per_unit(criterion.unit) if criterion is not None else None
        if criterion is not None and factor is not None:
            found[role] = (criterion.column, factor)
    if not found:
        return None

    def cell(option_id: str, role: str, suffix: str) -> float:
        if role not in found:
            return math.nan
        column, factor = found[role]
        if column + suffix not in table.options.columns:
            return math.nan
        value = table.options.at[option_id, column + suffix]
        return float(value) * factor if value is not None and not pd.isna(value) else math.nan

    def note(option_id: str, role: str) -> str:
        return table.text(option_id, found[role][0] + "_note") if role in found else ""

    return [TimelineRow(option_id=i, name=table.text(i, "name") or i,
                        onset=cell(i, "onset", ""), onset_low=cell(i, "onset", "_low"),
                        onset_high=cell(i, "onset", "_high"), onset_note=note(i, "onset"),
                        end=cell(i, "duration", ""), end_low=cell(i, "duration", "_low"),
                        end_high=cell(i, "duration", "_high"), end_note=note(i, "duration"))
            for i in ids]


def icon_count(per_100: float) -> int:
    """Filled icons out of 100 for a frequency: rounded half up, so 0.5 -> 1 and 9.5 -> 10."""
    if math.isnan(per_100):
        return 0
    return int(min(100, max(0, math.floor(per_100 + 0.5))))


def frequency_words(per_100: float, *, tr: Translator = ENGLISH) -> str:
    """'about 10 in 100 people', 'fewer than 1 in 100 people', ... (no capital)."""
    if math.isnan(per_100):
        return tr.gettext(NO_FIGURE)
    n = icon_count(per_100)
    if n == 0:
        return tr.gettext("fewer than 1 in 100 people")
    if n == 100 and per_100 >= 100:
        return tr.gettext("all 100 in 100 people")
    return tr.ngettext("about {n} in 100 people", "about {n} in 100 people", n).format(n=tr.format_number(n))


def severity_words(severity: object, *, tr: Translator = ENGLISH) -> str:
    """A side effect's severity ("mild", "moderate", "serious": a code of side_effects.csv) in the language;
    any other text as the data gives it."""
    key = str(severity or "").strip()
    low = key.lower()
    if low == "mild":
        said = tr.pgettext("severity", "mild")
    elif low == "moderate":
        said = tr.pgettext("severity", "moderate")
    elif low == "serious":
        said = tr.pgettext("severity", "serious")
    else:
        return key
    return key if said == low else said


def _significant(x: float, digits: int, tr: Translator) -> str:
    """``x`` to ``digits`` significant figures, written the language's way."""
    text = f"{x:.{digits}g}"
    if "e" in text:
        return text.replace("e+", "e")
    return tr.format_decimal(float(text), len(text.split(".")[1]) if "." in text else 0)


def exact_words(per_100: float, *, tr: Translator = ENGLISH) -> str:
    """The exact figure where rounding hides it ('9.5 in 100', '0.13 in 100 (13 in 10,000)'); else ''."""
    if math.isnan(per_100) or per_100 == round(per_100):
        return ""
    if per_100 < 1:
        return tr.gettext("{value} in 100 (about {small} in 10,000)").format(
            value=_significant(per_100, 3, tr), small=_significant(per_100 * 100, 2, tr))
    return tr.gettext("{value} in 100").format(value=_significant(per_100, 3, tr))


def _caption(row: pd.Series, tr: Translator, capital: bool) -> str:
    time_frame = str(row.get("time_frame", "") or "").strip() or tr.gettext("time frame not reported")
    source = str(row.get("source", "") or "").strip()
    if not source:
        return time_frame
    template = (tr.gettext("Source {source}; {time_frame}") if capital
                else tr.gettext("source {source}; {time_frame}"))
    return template.format(source=source, time_frame=time_frame)


def side_effect_caption(row: pd.Series, *, tr: Translator = ENGLISH) -> str:
    """'Source [16]; trials lasting 1 day to 12 weeks' for one side_effects.csv row."""
    return _caption(row, tr, True)


def side_effect_sentence(row: pd.Series, *, tr: Translator = ENGLISH) -> str:
    """One side effect in words, e.g. 'Any side effect: about 10 in 100 people (9.5 in 100; mild; ...)'."""
    per_100 = float(row["per_100"])
    inside = [x for x in (exact_words(per_100, tr=tr), severity_words(row.get("severity", ""), tr=tr),
                          _caption(row, tr, False)) if x]
    return tr.gettext("{effect}: {frequency} ({details}).").format(
        effect=row["effect"], frequency=frequency_words(per_100, tr=tr), details="; ".join(inside))


def no_side_effect_figures(name: str, *, tr: Translator = ENGLISH) -> str:
    return tr.gettext("No side-effect frequency per 100 people was found for {name}; see the side effects "
                      "listed in the details.").format(name=name)


def flagged_options(ranking: Ranking, ids: Sequence[str]) -> np.ndarray:
    """True per option where a criterion with a weight above 0 has no reliable figure."""
    columns = ranking.missing.columns
    weighed = ranking.weights.reindex(columns).fillna(0).to_numpy(dtype=float) > 0
    return (rows_of(ranking.missing, ids).astype(bool) & weighed).any(axis=1)


def rows_of(frame, ids: Sequence[str]) -> np.ndarray:
    """The rows of ``frame`` (indexed by option id) for ``ids``, as an array (positions, not labels: quicker)."""
    return frame.to_numpy()[frame.index.get_indexer(list(ids))]


# --------------------------------------------------------------------------- which rows a chart shows


def rows_shown_sentence(first: int, last: int, total: int, *, tr: Translator = ENGLISH) -> str:
    """Which options a chart shows, for the line under it ("Options 1 to 6 of 13 shown; scroll for the rest.").

    ``first`` and ``last`` count from 1 and include both ends; ``total`` is how
    many options are ranked.
    """
    if total <= 0:
        return ""
    if first <= 1 and last >= total:
        return tr.ngettext("{total} option is shown.", "All {total} options are shown.",
                          total).format(total=tr.format_number(total))
    return tr.ngettext("Options {first} to {last} of {total} shown; scroll for the rest.",
                      "Options {first} to {last} of {total} shown; scroll for the rest.",
                      total).format(first=tr.format_number(first), last=tr.format_number(last),
                                    total=tr.format_number(total))


def rows_shown_title(first: int, last: int, total: int, *, tr: Translator = ENGLISH) -> str:
    """The title's line when a chart leaves options out ("(options 1 to 12 of 20 shown)"); "" when all are shown."""
    if total <= 0 or (first <= 1 and last >= total):
        return ""
    return tr.ngettext("(options {first} to {last} of {total} shown)", "(options {first} to {last} of {total} shown)",
                      total).format(first=tr.format_number(first), last=tr.format_number(last),
                                    total=tr.format_number(total))


def ranking_description(table: DecisionTable, ranking: Ranking, first: int, count: int,
                        *, tr: Translator = ENGLISH) -> str:
    """The ranking chart in words for screen readers: the scores of the rows drawn, then which rows those are.

    ``first`` counts from 0; ``count`` is how many rows are drawn from there.
    """
    order = ranking.order()
    rows = order[first:first + count]
    if not rows:
        return tr.gettext("No options are left to rank.")
    scores = ranking.scores.reindex(rows).to_numpy(dtype=float)
    parts = []
    for place, (option_id, score, flagged) in enumerate(zip(rows, scores, flagged_options(ranking, rows)),
                                                        start=first + 1):
        template = (tr.gettext("{place}. {name}: {points} points (some figures unknown, counted at the worst end)")
                    if flagged else tr.gettext("{place}. {name}: {points} points"))
        parts.append(template.format(place=tr.format_number(place), name=table.text(option_id, "name") or option_id,
                                     points=tr.format_decimal(score, 0)))
    text = tr.gettext("Scores out of 100: {scores}.").format(scores="; ".join(parts))
    if len(rows) < len(order):
        text += " " + tr.ngettext("The chart shows options {first} to {last} of {total}.",
                                 "The chart shows options {first} to {last} of {total}.",
                                 len(order)).format(first=tr.format_number(first + 1),
                                                    last=tr.format_number(first + len(rows)),
                                                    total=tr.format_number(len(order)))
    return text
