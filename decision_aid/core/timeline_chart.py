"""The timeline: when relief is first seen and how long it is still seen, one row per option."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FixedLocator

from .chart_words import (NO_FIGURE, TimelineRow, literal, timeline_rows, wrap)
from .chart_style import FONT, INK, TIME_MINOR, TIME_TICKS, chart_title, draw_message, footnote, legend_below, text_kw, time_forward, time_inverse
from .i18n import ENGLISH, Translator
from .table import DecisionTable



# --------------------------------------------------------------------------- timeline


_BAR_FILL = "#56B4E9"
_BAR_EDGE = "#0072B2"
_ONSET = "#0072B2"
#: The plural pairs of the axis' tick words (the same sentences describe_weeks says times with).
_TICK_UNITS = {"day": ("{n} day", "{n} days"), "week": ("{n} week", "{n} weeks"),
               "month": ("{n} month", "{n} months"), "year": ("{n} year", "{n} years")}


def _tick_word(word: str, tr: Translator) -> str:
    """A tick's words ("start", "3 months") in the language of ``tr``."""
    if word == "start":
        return tr.gettext("start")
    number, unit = word.split()
    n = int(number)
    return tr.ngettext(*_TICK_UNITS[unit.rstrip("s")], n).format(n=tr.format_number(n))


def draw_timeline(ax: Axes, table: DecisionTable, ids: Sequence[str], *, label_width: int = 30,
                  label_lines: int = 2, tr: Translator = ENGLISH) -> list[TimelineRow]:
    """When relief is first seen and how long it is still seen, one row per option.

    A marker shows when relief was first seen (filled; open when the figure has
    a note, for example because it was only measured at the first follow-up);
    a bar runs on to the last time relief was still seen (hatched when either
    figure has a note). Whiskers show reported ranges (``X_low``/``X_high``).
    Where a figure is missing nothing is drawn and the row says "no reliable
    figure". The time axis is stretched at short times (minutes to a year fit)
    and its ticks are in words.

    Returns
    -------
    list of TimelineRow
        The rows drawn, top first (empty when the table has no such criteria).
    """
    rows = timeline_rows(table, ids)
    if rows is None:
        draw_message(ax, tr.gettext("This table gives no figures for when relief starts or how long it lasts."))
        return []
    if not rows:
        draw_message(ax, tr.gettext("No options to show."))
        return []

    high = max([52.0] + [v for r in rows for v in (r.end, r.end_high, r.onset, r.onset_high) if not math.isnan(v)])
    xmax = high * 1.25
    ax.set_xscale("function", functions=(time_forward, time_inverse))
    ax.set_xlim(float(time_inverse(-0.03 * time_forward(xmax))), xmax)   # room for a marker at "start"
    ticks = [(x, word) for x, word in TIME_TICKS if x <= xmax]
    ax.set_xticks([x for x, _ in ticks], labels=[_tick_word(w, tr) for _, w in ticks], **text_kw(FONT))
    ax.xaxis.set_minor_locator(FixedLocator([x for x in TIME_MINOR if x <= xmax]))
    ax.tick_params(axis="x", labelsize=FONT)
    ax.grid(axis="x", which="both", color="#d8d8d8", linewidth=0.8)
    ax.set_axisbelow(True)

    text_at_left = ax.get_yaxis_transform()       # x in axes fraction, y in data
    used = set()
    for y, r in enumerate(rows):
        has_start, has_end = not math.isnan(r.onset), not math.isnan(r.end)
        if has_start and has_end and r.end > r.onset:
            bar = Rectangle((r.onset, y - 0.22), r.end - r.onset, 0.44, facecolor="white" if r.uncertain else _BAR_FILL,
                            edgecolor=_BAR_EDGE, linewidth=1.2, hatch="///" if r.uncertain else None, zorder=2)
            ax.add_patch(bar)
            used.add("bar_uncertain" if r.uncertain else "bar")
        if has_end:
            ax.plot([r.end], [y], marker="|", markersize=18, markeredgewidth=3, color=_BAR_EDGE, zorder=3,
                    linestyle="none")
            used.add("end")
            _whisker(ax, y, r.end, r.end_low, r.end_high, used)
        if has_start:
            ax.plot([r.onset], [y], marker="o", markersize=10, markeredgewidth=2, color=_ONSET,
                    markerfacecolor="white" if r.onset_uncertain else _ONSET, zorder=4, linestyle="none")
            used.add("onset_uncertain" if r.onset_uncertain else "onset")
            _whisker(ax, y, r.onset, r.onset_low, r.onset_high, used)
        if not has_start and not has_end:
            ax.text(0.01, y, tr.gettext(NO_FIGURE), transform=text_at_left, va="center", ha="left",
                    **text_kw(FONT, color=INK, fontstyle="italic"))
        elif not has_end:
            right = r.onset if math.isnan(r.onset_high) else max(r.onset, r.onset_high)
            ax.annotate(tr.gettext("how long: no reliable figure"), xy=(right, y), xytext=(10, 0), textcoords="offset points",
                        va="center", ha="left", **text_kw(FONT, color=INK, fontstyle="italic"))
        elif not has_start:
            left = r.end if math.isnan(r.end_low) else min(r.end, r.end_low)
            ax.annotate(tr.gettext("start: no reliable figure"), xy=(left, y), xytext=(-12, 0), textcoords="offset points",
                        va="center", ha="right", **text_kw(FONT, color=INK, fontstyle="italic"))

    ax.set_yticks(range(len(rows)), labels=[literal(wrap(r.name, label_width, label_lines)) for r in rows],
                  **text_kw(FONT))
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(tr.gettext("Time from the start of treatment (stretched at short times)"), **text_kw(FONT))
    chart_title(ax, tr.gettext("When relief might start and how long it lasts"))

    handles = _timeline_key(used, tr)
    legend = legend_below(ax, handles) if handles else None
    if used & {"onset_uncertain", "bar_uncertain"}:
        footnote(ax, tr.gettext("Open circle or hatched bar: the figure comes with a caveat, for example relief "
                                "was only checked at the first follow-up, not when it started, so it may begin "
                                "sooner. See each option's notes."), legend, 40)
    return rows


def _whisker(ax: Axes, y: float, x: float, low: float, high: float, used: set[str]) -> None:
    lo = x if math.isnan(low) else min(low, x)
    hi = x if math.isnan(high) else max(high, x)
    if hi > lo:
        ax.errorbar([x], [y], xerr=[[x - lo], [hi - x]], fmt="none", ecolor=INK, elinewidth=1.4, capsize=5,
                    capthick=1.4, zorder=5)
        used.add("range")


def _timeline_key(used: set[str], tr: Translator) -> list:
    key = []
    if "onset" in used:
        key.append(Line2D([], [], marker="o", markersize=10, markeredgewidth=2, color=_ONSET, linestyle="none",
                          label=tr.gettext("Relief first seen")))
    if "onset_uncertain" in used:
        key.append(Line2D([], [], marker="o", markersize=10, markeredgewidth=2, color=_ONSET,
                          markerfacecolor="white", linestyle="none",
                          label=tr.gettext("Relief first seen by then\n(uncertain, see notes)")))
    if "bar" in used:
        key.append(Patch(facecolor=_BAR_FILL, edgecolor=_BAR_EDGE, label=tr.gettext("Relief seen")))
    if "bar_uncertain" in used:
        key.append(Patch(facecolor="white", edgecolor=_BAR_EDGE, hatch="///",
                         label=tr.gettext("Relief seen (uncertain)")))
    if "end" in used:
        key.append(Line2D([], [], marker="|", markersize=16, markeredgewidth=3, color=_BAR_EDGE, linestyle="none",
                          label=tr.gettext("Last time relief was still seen")))
    if "range" in used:
        key.append(Line2D([], [], marker="|", markersize=8, color=INK, linewidth=1.4, label=tr.gettext("Range reported")))
    return key
