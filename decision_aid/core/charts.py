"""Charts shared by the window and the PDF summary.

Every ``draw_*`` function draws on an Axes (or a Figure) it is given and never
touches pyplot or Qt, so the window embeds the same drawing the PDF prints.

Accessibility rules kept throughout:

* colour is never the only signal: criteria differ by colour *and* hatch
  pattern, affected people by colour *and* a filled (not outlined) figure,
  uncertain timings by an open marker *and* a hatched bar;
* text is at least 10 pt;
* text from a data file is shown literally: every ``$`` is escaped so
  mathtext cannot interpret it, and TeX is switched off on each text artist.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import Affine2D, ScaledTranslation, blended_transform_factory

from .chart_words import (_DAY, _HOUR, _MONTH, _YEAR, MISSING_NOTE, NO_FIGURE, TimelineRow, rows_of, exact_words,
                          flagged_options, frequency_words, icon_count, literal, no_side_effect_figures, shown,
                          side_effect_caption, timeline_rows, wrap)
from .scoring import Ranking
from .table import DecisionTable

#: Okabe-Ito colours (safe for the common kinds of colour blindness), black left out.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442")
#: One hatch pattern per criterion, so criteria differ without colour too. Line patterns come
#: first: they are the quickest to draw (dots and circles take up to ten times longer).
HATCHES = ("//", "\\\\", "--", "||", "xx", "++", "..", "**", "oo", "OO", "..//", "-\\")
#: Text sizes in points (at 100 dpi, 10 pt is about 14 pixels).
FONT = 10.0
TITLE_FONT = 12.0
#: Strong fill colours of affected people in a pictograph, by severity.
SEVERITY_COLOURS = {"mild": "#0072B2", "moderate": "#8F5300", "serious": "#C23B00"}
_EMPTY_ICON = "#767676"     # 4.5:1 against white
_INK = "#222222"
_TEXT_TO_PATH = TextToPath()
#: Tick positions (weeks) and words of the timeline axis.
_TIME_TICKS = ((0.0, "start"), (_DAY, "1 day"), (1.0, "1 week"), (_MONTH, "1 month"), (3 * _MONTH, "3 months"),
               (_YEAR, "1 year"), (2 * _YEAR, "2 years"), (5 * _YEAR, "5 years"), (10 * _YEAR, "10 years"))
#: Unlabelled grid lines between the labelled ticks.
_TIME_MINOR = (_HOUR, 2 * 1.0, 6 * _MONTH, 18 * _MONTH)
#: The time axis grows like log(1 + t / _STRETCH): near-linear below half a day, logarithmic above,
#: so "straight away", days, weeks and a year all fit one readable axis.
_STRETCH = 0.5 * _DAY


def _time_forward(weeks: np.ndarray) -> np.ndarray:
    w = np.asarray(weeks, dtype=float)
    return np.sign(w) * np.log1p(np.abs(w) / _STRETCH)


def _time_inverse(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.sign(x) * np.expm1(np.abs(x)) * _STRETCH


# --------------------------------------------------------------------------- text helpers


def _text_kw(size: float = FONT, **kw: object) -> dict:
    return {"fontsize": size, "usetex": False, **kw}


def _under_axes_from_left(ax: Axes, points: float) -> object:
    """x in figure fraction, y ``points`` below the bottom of ``ax``: where a legend fits full width."""
    fig = ax.get_figure(root=False)
    return (blended_transform_factory(fig.transSubfigure, ax.transAxes)
            + ScaledTranslation(0, -points / 72, fig.dpi_scale_trans))


def _figure_width_in(ax_or_artist: object) -> float:
    fig = ax_or_artist.get_figure(root=False)
    return fig.get_figwidth() if isinstance(fig, Figure) else fig.bbox.width / fig.dpi


def _text_width_pt(text: str, size: float = FONT) -> float:
    """Width in points of the widest line of ``text`` in the default font."""
    prop = FontProperties(size=size)
    return max((_TEXT_TO_PATH.get_text_width_height_descent(line, prop, ismath=False)[0]
                for line in str(text).split("\n")), default=0.0)


def _legend_columns(width_in: float, labels: Sequence[str]) -> int:
    """As many legend columns as fit ``width_in`` inches."""
    widest = max((_text_width_pt(shown(label)) for label in labels), default=60.0)
    column_pt = widest + (2.4 + 0.8 + 2.0) * FONT        # handle, gap to text, gap between columns
    return int(max(1, min(len(labels), (width_in * 72 - 20 + 2.0 * FONT) // column_pt)))


def legend_fits(legend: Legend | None) -> bool:
    """False when a legend drawn here would take a different number of columns at the figure's current
    width (the window then draws the chart again after a resize)."""
    if legend is None:
        return True
    labels = [t.get_text() for t in legend.get_texts()]
    return legend._ncols == _legend_columns(_figure_width_in(legend), labels)


def _legend_below(ax: Axes, handles: list | None = None, title: str | None = None) -> Legend:
    """A frameless legend under the axis label, starting at the figure's left edge."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    else:
        labels = [h.get_label() for h in handles]
    legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.01, 0),
                       bbox_transform=_under_axes_from_left(ax, 40), fontsize=FONT, frameon=False,
                       handlelength=2.4, handleheight=1.5, borderaxespad=0, alignment="left",
                       ncols=_legend_columns(_figure_width_in(ax), labels),
                       **({"title": title, "title_fontproperties": {"size": FONT, "weight": "bold"}} if title else {}))
    for text in legend.get_texts():
        text.set_usetex(False)
    return legend


def _chart_title(ax: Axes, text: str) -> Text:
    """A bold title above ``ax`` that starts at the figure's left edge (like the legend), so a long
    title uses the room over the option names instead of running off the right edge."""
    width = _chars_fitting(_figure_width_in(ax), TITLE_FONT, bold=True)
    text = "\n".join(wrap(line, width, 3) for line in text.split("\n"))
    return ax.annotate(literal(text), xy=(0.01, 1), xycoords=("subfigure fraction", "axes fraction"),
                       xytext=(0, 10), textcoords="offset points", ha="left", va="bottom", gid="title",
                       **_text_kw(TITLE_FONT, fontweight="bold"))


def draw_message(ax: Axes, text: str) -> Text:
    """A centred message instead of a chart (data text shown literally)."""
    ax.set_axis_off()
    return ax.text(0.5, 0.5, literal(wrap(text, 60, 6)), transform=ax.transAxes, ha="center", va="center",
                   **_text_kw(FONT + 1, wrap=False))


def _hatch_colour(fill: str) -> str:
    r, g, b = to_rgb(fill)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.45 else _INK


def _style_bar(rect: Patch, fill: str, hatch: str) -> None:
    rect.set_facecolor(fill)
    rect.set_hatch(hatch)
    if hasattr(rect, "set_hatchcolor"):       # matplotlib >= 3.10: hatch colour apart from the edge
        rect.set_edgecolor("white")
        rect.set_hatchcolor(_hatch_colour(fill))
    else:                                     # older: the edge colour draws the hatch
        rect.set_edgecolor(_hatch_colour(fill))
    rect.set_linewidth(0.8)


def _footnote(ax: Axes, text: str, anchor: Legend | None, below_points: float) -> Text:
    """A small note under the legend (or under the axis label when there is no legend), wrapped to the figure."""
    width_in = _figure_width_in(ax)
    text = wrap(text, max(30, int((width_in - 0.2) * 72 / (0.6 * FONT))), 4)
    kw = _text_kw(FONT, ha="left", va="top", color=_INK, textcoords="offset points")
    if anchor is not None:
        return ax.annotate(literal(text), xy=(0.01, 0), xycoords=("subfigure fraction", anchor), xytext=(0, -4),
                           **kw)
    return ax.annotate(literal(text), xy=(0.01, 0), xycoords=_under_axes_from_left(ax, below_points),
                       xytext=(0, 0), **kw)


# --------------------------------------------------------------------------- ranking


@dataclass
class ContributionArtists:
    """What :func:`draw_contributions` drew, kept so the window can resize bars in place.

    Attributes
    ----------
    ax
        The Axes drawn on.
    ids
        Option ids shown, top bar first.
    columns
        Criterion columns, in stacking order (left to right).
    total
        How many options the ranking held (more than ``len(ids)`` when cut to ``top_n``).
    top_n
        The most bars drawn.
    segments
        Criterion column -> one patch drawing that criterion's segment of every
        bar (one path of many rectangles: a hatch pattern is set up once per
        patch, so this draws several times faster than a patch per segment).
    scores
        The score numbers at the end of each bar, in ``ids`` order.
    flagged
        Per option in ``ids`` order: whether a criterion with a weight above 0
        has no reliable figure for it, marked by a circled "?" after its bar.
    marks
        The circles and the question marks of those markers (two artists
        drawing every marker, rather than a text box each, which is slow).
    labels
        The option names as drawn (wrapped/shortened), in ``ids`` order.
    names
        The Text artists of those names, left of each bar, in ``ids`` order.
    label_width, label_lines
        How names are wrapped, so an update wraps new names the same way.
    """

    ax: Axes
    ids: list[str]
    columns: list[str]
    total: int
    top_n: int
    segments: dict[str, PathPatch] = field(default_factory=dict)
    scores: list[Text] = field(default_factory=list)
    flagged: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    marks: list[Line2D] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    names: list[Text] = field(default_factory=list)
    label_width: int = 30
    label_lines: int = 2
    footnote: Text | None = None
    legend: Legend | None = None
    title: Text | None = None

    def dynamic(self) -> list[Artist]:
        """The artists :func:`update_contributions` changes: bars, scores, "?" markers and names.

        Everything else (axes, legend, title, footnote) stays put while the
        importances change, so a window can keep it as a background and
        redraw only these.
        """
        return [*self.segments.values(), *self.scores, *self.marks, *self.names]


def _shown_ids(ranking: Ranking, top_n: int) -> list[str]:
    return ranking.order()[:max(1, top_n)]


def draw_contributions(ax: Axes, ranking: Ranking, table: DecisionTable, top_n: int = 12, *,
                       label_width: int = 30, label_lines: int = 2) -> ContributionArtists:
    """Stacked horizontal bars: what each criterion adds to each option's score.

    Parameters
    ----------
    ax
        An empty Axes to draw on.
    ranking
        The scores to show; bars follow :meth:`Ranking.order` (highest at the top).
    table
        The table the ranking came from (criterion labels, option names).
    top_n
        Show at most this many options; the title says when some are left out.
    label_width, label_lines
        Option names are wrapped to ``label_lines`` lines of ``label_width``
        characters and cut with an ellipsis beyond that.

    Returns
    -------
    ContributionArtists
        The artists, for :func:`update_contributions`.
    """
    columns = list(ranking.contributions.columns)
    ids = _shown_ids(ranking, top_n) if len(ranking.scores) else []
    artists = ContributionArtists(ax=ax, ids=ids, columns=columns, total=len(ranking.scores), top_n=top_n,
                                  label_width=label_width, label_lines=label_lines)
    if not ids:
        draw_message(ax, "No options are left to rank.")
        return artists

    y = np.arange(len(ids), dtype=float)
    parts = rows_of(ranking.contributions, ids).astype(float)
    lefts = _stacked_lefts(parts)
    for j, column in enumerate(columns):
        patch = PathPatch(_segments_path(lefts[:, j], parts[:, j]),
                          label=literal(wrap(table.criterion(column).label, 22, 2)))
        _style_bar(patch, PALETTE[j % len(PALETTE)], HATCHES[j % len(HATCHES)])
        artists.segments[column] = ax.add_patch(patch)

    scores = ranking.scores.loc[ids].to_numpy(dtype=float)
    flagged = flagged_options(ranking, ids)
    # Scores are plain text 4 points after the bar's end (plain text, not annotations, draws faster).
    dpi_scale = ax.get_figure(root=False).dpi_scale_trans
    after_bar = ax.transData + ScaledTranslation(4 / 72, 0, dpi_scale)
    artists.scores = [ax.text(scores[i], y[i], f"{scores[i]:.0f}", transform=after_bar, va="center", ha="left",
                              clip_on=False, **_text_kw(FONT, fontweight="bold", color=_INK))
                      for i in range(len(ids))]
    # A circled "?" 31 points right of the bar's end, after its score (room for "100").
    after_score = ax.transData + ScaledTranslation(31 / 72, 0, dpi_scale)
    artists.marks = [ax.add_line(Line2D([], [], linestyle="none", transform=after_score, clip_on=False, **style))
                     for style in ({"marker": "o", "markersize": 15, "markerfacecolor": "white",
                                    "markeredgecolor": _INK, "markeredgewidth": 0.8},
                                   {"marker": r"$\mathbf{?}$", "markersize": 8, "color": _INK})]
    _place_marks(artists, scores, flagged)

    # Names are text artists beside the bars rather than tick labels, so a new order only
    # changes their text (constrained layout still leaves room for them).
    artists.labels = [wrap(table.text(i, "name") or i, label_width, label_lines) for i in ids]
    left_of_axes = (blended_transform_factory(ax.transAxes, ax.transData)
                    + ScaledTranslation(-6 / 72, 0, dpi_scale))
    artists.names = [ax.text(0, y[i], literal(label), transform=left_of_axes, ha="right", va="center",
                             clip_on=False, **_text_kw(FONT, color="black"))
                     for i, label in enumerate(artists.labels)]
    ax.set_yticks(y)
    ax.tick_params(axis="y", length=0, labelleft=False)
    ax.tick_params(axis="x", labelsize=FONT)
    ax.set_ylim(len(ids) - 0.5, -0.5)           # first id at the top
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_locator(FixedLocator([0, 20, 40, 60, 80, 100]))
    ax.set_xlabel("Points (0-100)", **_text_kw(FONT))
    ax.grid(axis="x", color="#d0d0d0", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    title = "How each option scores for you"
    if artists.total > len(ids):
        title += f"\n(top {len(ids)} of {artists.total} shown)"
    artists.title = _chart_title(ax, title)

    artists.legend = _legend_below(ax, title="What adds to the score")
    artists.footnote = _footnote(ax, MISSING_NOTE, artists.legend, 40)
    artists.footnote.set_visible(bool(flagged.any()))
    return artists


def update_contributions(artists: ContributionArtists, ranking: Ranking, table: DecisionTable,
                         ids: Sequence[str] | None = None) -> bool:
    """Show new scores with the artists of :func:`draw_contributions`, changed in place.

    The rows keep their places; each takes the option now ranked there, so a
    new order or a new option in the top rows only changes bar sizes, numbers
    and names. The footnote is shown or hidden as needed.

    ``ids`` puts these options in the rows instead of the top of the ranking
    (a window keeps the rows still while a slider is dragged, so bars grow
    and shrink in place, and sorts them when it is let go).

    Returns
    -------
    bool
        False (and nothing changed) when the number of options ranked, the
        rows or the criteria differ, so the chart must be drawn again.
    """
    if ids is None:
        ids = _shown_ids(ranking, artists.top_n) if len(ranking.scores) else []
    elif not all(i in ranking.scores.index for i in ids):
        return False
    ids = list(ids)
    if (len(ranking.scores) != artists.total or list(ranking.contributions.columns) != artists.columns
            or len(ids) != len(artists.ids)):
        return False
    if not ids:
        return True
    if ids != artists.ids:
        artists.labels = [wrap(table.text(i, "name") or i, artists.label_width, artists.label_lines) for i in ids]
        for text, label in zip(artists.names, artists.labels):
            text.set_text(literal(label))
        artists.ids = ids
    parts = rows_of(ranking.contributions, ids).astype(float)
    lefts = _stacked_lefts(parts)
    for j, column in enumerate(artists.columns):
        artists.segments[column].set_path(_segments_path(lefts[:, j], parts[:, j]))
    totals = parts.sum(axis=1)
    flagged = flagged_options(ranking, ids)
    for row, (text, score) in enumerate(zip(artists.scores, totals)):
        text.set_position((float(score), row))
        text.set_text(f"{score:.0f}")
    _place_marks(artists, totals, flagged)
    if artists.footnote is not None:
        artists.footnote.set_visible(bool(flagged.any()))
    artists.ax.stale = True
    return True


def _place_marks(artists: ContributionArtists, totals: np.ndarray, flagged: np.ndarray) -> None:
    """Put a circled "?" after each flagged bar (row ``i`` is at y = i)."""
    artists.flagged = np.asarray(flagged, dtype=bool)
    rows = np.flatnonzero(artists.flagged)
    for line in artists.marks:
        line.set_data(totals[rows], rows.astype(float))
        line.set_visible(bool(len(rows)))   # hidden when empty: an empty line sits at the figure's corner


def bar_totals(artists: ContributionArtists) -> dict[str, float]:
    """Option id -> total length of its drawn bar (its score in points)."""
    if not artists.ids:
        return {}
    rows = len(artists.ids)
    ends = np.max([segment_ends(artists.segments[c], rows) for c in artists.columns], axis=0)
    return {option_id: float(end) for option_id, end in zip(artists.ids, ends)}


#: Bar thickness, in rows.
_BAR_HEIGHT = 0.72
_RECT_CODES = (Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY)


def _stacked_lefts(parts: np.ndarray) -> np.ndarray:
    """Where each segment starts: the sum of the segments left of it in its bar."""
    return np.cumsum(parts, axis=1) - parts


def _segments_path(lefts: np.ndarray, widths: np.ndarray) -> Path:
    """One path holding a rectangle per bar (row ``i`` centred on y = i); empty segments left out."""
    rows = np.flatnonzero(widths > 0)
    if not len(rows):
        return Path(np.zeros((1, 2)), [Path.MOVETO])       # draws nothing
    x0, x1 = lefts[rows], lefts[rows] + widths[rows]
    y0, y1 = rows - _BAR_HEIGHT / 2, rows + _BAR_HEIGHT / 2
    corners = np.stack([np.column_stack(c) for c in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))], axis=1)
    return Path(corners.reshape(-1, 2), np.tile(_RECT_CODES, len(rows)))


def segment_ends(patch: PathPatch, rows: int) -> np.ndarray:
    """Per bar row, where the patch's segment ends (0 where it has none), read back from its path."""
    ends = np.zeros(rows)
    vertices = patch.get_path().vertices
    if len(vertices) >= len(_RECT_CODES):
        rects = vertices.reshape(-1, len(_RECT_CODES), 2)
        ends[np.rint(rects[:, 0, 1] + _BAR_HEIGHT / 2).astype(int)] = rects[:, 1, 0]
    return ends


# --------------------------------------------------------------------------- timeline


_BAR_FILL = "#56B4E9"
_BAR_EDGE = "#0072B2"
_ONSET = "#0072B2"


def draw_timeline(ax: Axes, table: DecisionTable, ids: Sequence[str], *, label_width: int = 30,
                  label_lines: int = 2) -> list[TimelineRow]:
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
        draw_message(ax, "This table gives no figures for when relief starts or how long it lasts.")
        return []
    if not rows:
        draw_message(ax, "No options to show.")
        return []

    high = max([52.0] + [v for r in rows for v in (r.end, r.end_high, r.onset, r.onset_high) if not math.isnan(v)])
    xmax = high * 1.25
    ax.set_xscale("function", functions=(_time_forward, _time_inverse))
    ax.set_xlim(float(_time_inverse(-0.03 * _time_forward(xmax))), xmax)   # room for a marker at "start"
    ticks = [(x, word) for x, word in _TIME_TICKS if x <= xmax]
    ax.set_xticks([x for x, _ in ticks], labels=[w for _, w in ticks], **_text_kw(FONT))
    ax.xaxis.set_minor_locator(FixedLocator([x for x in _TIME_MINOR if x <= xmax]))
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
            ax.text(0.01, y, NO_FIGURE, transform=text_at_left, va="center", ha="left",
                    **_text_kw(FONT, color=_INK, fontstyle="italic"))
        elif not has_end:
            right = r.onset if math.isnan(r.onset_high) else max(r.onset, r.onset_high)
            ax.annotate("how long: " + NO_FIGURE, xy=(right, y), xytext=(10, 0), textcoords="offset points",
                        va="center", ha="left", **_text_kw(FONT, color=_INK, fontstyle="italic"))
        elif not has_start:
            left = r.end if math.isnan(r.end_low) else min(r.end, r.end_low)
            ax.annotate("start: " + NO_FIGURE, xy=(left, y), xytext=(-12, 0), textcoords="offset points",
                        va="center", ha="right", **_text_kw(FONT, color=_INK, fontstyle="italic"))

    ax.set_yticks(range(len(rows)), labels=[literal(wrap(r.name, label_width, label_lines)) for r in rows],
                  **_text_kw(FONT))
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("Time from the start of treatment (stretched at short times)", **_text_kw(FONT))
    _chart_title(ax, "When relief might start and how long it lasts")

    handles = _timeline_key(used)
    legend = _legend_below(ax, handles) if handles else None
    if used & {"onset_uncertain", "bar_uncertain"}:
        _footnote(ax, "Open circle or hatched bar: the figure comes with a caveat, for example relief was only "
                      "checked at the first follow-up, not when it started, so it may begin sooner. "
                      "See each option's notes.", legend, 40)
    return rows


def _whisker(ax: Axes, y: float, x: float, low: float, high: float, used: set[str]) -> None:
    lo = x if math.isnan(low) else min(low, x)
    hi = x if math.isnan(high) else max(high, x)
    if hi > lo:
        ax.errorbar([x], [y], xerr=[[x - lo], [hi - x]], fmt="none", ecolor=_INK, elinewidth=1.4, capsize=5,
                    capthick=1.4, zorder=5)
        used.add("range")


def _timeline_key(used: set[str]) -> list:
    key = []
    if "onset" in used:
        key.append(Line2D([], [], marker="o", markersize=10, markeredgewidth=2, color=_ONSET, linestyle="none",
                          label="Relief first seen"))
    if "onset_uncertain" in used:
        key.append(Line2D([], [], marker="o", markersize=10, markeredgewidth=2, color=_ONSET,
                          markerfacecolor="white", linestyle="none",
                          label="Relief first seen by then\n(uncertain, see notes)"))
    if "bar" in used:
        key.append(Patch(facecolor=_BAR_FILL, edgecolor=_BAR_EDGE, label="Relief seen"))
    if "bar_uncertain" in used:
        key.append(Patch(facecolor="white", edgecolor=_BAR_EDGE, hatch="///",
                         label="Relief seen (uncertain)"))
    if "end" in used:
        key.append(Line2D([], [], marker="|", markersize=16, markeredgewidth=3, color=_BAR_EDGE, linestyle="none",
                          label="Last time relief was still seen"))
    if "range" in used:
        key.append(Line2D([], [], marker="|", markersize=8, color=_INK, linewidth=1.4, label="Range reported"))
    return key


# --------------------------------------------------------------------------- pictographs


def _person() -> Path:
    """A simple person glyph in a unit cell: round head over rounded shoulders."""
    head = Path.circle(center=(0.5, 0.77), radius=0.15)
    body = Path([(0.24, 0.06), (0.24, 0.44), (0.30, 0.56), (0.42, 0.59), (0.58, 0.59), (0.70, 0.56),
                 (0.76, 0.44), (0.76, 0.06), (0.24, 0.06)],
                [Path.MOVETO] + [Path.LINETO] * 7 + [Path.CLOSEPOLY])
    return Path.make_compound_path(head, body)


_PERSON = _person()


@dataclass
class PictographArtists:
    """The icons of one pictograph: ``filled`` (affected) and ``empty`` collections."""

    ax: Axes
    filled: PatchCollection
    empty: PatchCollection
    count: int


def _slot_width_in(ax: Axes) -> float:
    """Width of the grid cell ``ax`` was placed in (the whole figure when not in a grid)."""
    width = _figure_width_in(ax)
    spec = ax.get_subplotspec()
    if spec is not None:
        width *= (spec.colspan.stop - spec.colspan.start) / spec.get_gridspec().ncols
    return width


def _chars_fitting(width_in: float, size: float, bold: bool = False) -> int:
    """About how many characters of ``size`` points fit ``width_in`` inches."""
    return max(16, int((width_in - 0.25) * 72 / ((0.68 if bold else 0.6) * size)))


def draw_pictograph(ax: Axes, per_100: float, label: str, severity: str = "", *, caption: str = "",
                    title_width: int | None = None) -> PictographArtists:
    """100 person icons; ``icon_count(per_100)`` of them filled in a strong colour.

    Affected people are drawn filled and unaffected ones as outlines, so the
    difference does not rest on colour. Below 0.5 in 100 no icon is filled and
    the title says "fewer than 1 in 100", with the exact figure under the grid.

    Parameters
    ----------
    ax
        An empty Axes.
    per_100
        How many in 100 people get the effect.
    label
        The effect, from the data (drawn literally).
    severity
        "mild", "moderate" or "serious" (sets the fill colour; also written out).
    caption
        Extra text under the grid, such as the source and time frame.
    title_width
        Characters per title line (default: what fits the Axes' grid cell).
    """
    slot = _slot_width_in(ax)
    title_width = title_width or min(48, _chars_fitting(slot, FONT + 1, bold=True))
    caption_width = min(60, _chars_fitting(slot, FONT))
    n = icon_count(per_100)
    colour = SEVERITY_COLOURS.get(str(severity).lower(), SEVERITY_COLOURS["mild"])
    paths = [_PERSON.transformed(Affine2D().translate(k % 10, 9 - k // 10)) for k in range(100)]
    filled = PatchCollection([PathPatch(p) for p in paths[:n]], facecolor=colour, edgecolor=colour,
                             linewidth=0.8, gid="filled")
    empty = PatchCollection([PathPatch(p) for p in paths[n:]], facecolor="white", edgecolor=_EMPTY_ICON,
                            linewidth=1.0, gid="empty")
    ax.add_collection(filled)
    ax.add_collection(empty)
    ax.set_xlim(-0.1, 10.1)
    ax.set_ylim(-0.1, 10.1)
    ax.set_aspect("equal")
    ax.set_axis_off()

    words = frequency_words(per_100)
    ax.set_title(literal(wrap(f"{words[0].upper()}{words[1:]}: {label}", title_width, 6)), loc="center",
                 **_text_kw(FONT + 1, fontweight="bold"))
    details = []
    exact = exact_words(per_100)
    if exact:
        details.append(f"Exact figure: {exact}.")
    if severity:
        details.append(f"Severity: {severity}.")
    lines = [wrap(" ".join(details), caption_width, 3)] if details else []
    if caption:
        lines.append(wrap(caption, caption_width, 4))
    if lines:
        ax.text(0.5, -0.02, literal("\n".join(lines)), transform=ax.transAxes, ha="center", va="top",
                **_text_kw(FONT, color=_INK))
    return PictographArtists(ax=ax, filled=filled, empty=empty, count=n)


def draw_pictographs(fig: Figure | SubFigure, table: DecisionTable, option_id: str) -> list[Axes]:
    """One pictograph per side effect of ``option_id`` with a frequency, two to a row.

    The figure is cleared first. When the option has no such figure, one Axes
    holds a centred message instead.

    Returns
    -------
    list of Axes
        The Axes drawn on.
    """
    fig.clear()
    effects = table.side_effects_of(option_id)
    if effects is None or not len(effects):
        ax = fig.add_subplot()
        draw_message(ax, no_side_effect_figures(table.text(option_id, "name") or option_id))
        return [ax]
    ncols = 1 if len(effects) == 1 else 2
    nrows = math.ceil(len(effects) / ncols)
    axes = []
    for k, (_, row) in enumerate(effects.iterrows()):
        ax = fig.add_subplot(nrows, ncols, k + 1)
        draw_pictograph(ax, float(row["per_100"]), str(row["effect"]), str(row.get("severity", "") or ""),
                        caption=side_effect_caption(row))
        axes.append(ax)
    return axes
