"""The personal ranking chart: one stacked bar per option, one segment per criterion.

Shared colours and text helpers are in :mod:`decision_aid.core.chart_style`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from .chart_words import MISSING_NOTE, flagged_options, literal, rows_of, rows_shown_title, wrap
from .chart_style import FONT, HATCHES, INK, PALETTE, chart_title, draw_message, footnote, legend_below, style_bar, text_kw
from .i18n import ENGLISH, N_, Translator
from .scoring import Ranking
from .table import DecisionTable, Direction

#: The legend's words for the outlined extension and the whiskers.
BEST_LABEL = N_("Unknown figures at their best")
WHISKER_LABEL = N_("Likely range (10th to 90th percentile)")
BEST_EDGE = "#444444"



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
        The most bars drawn (None: every option).
    first
        Where in the ranking the bars start (0: the top option in the first row).
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
    top_n: int | None
    first: int = 0
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
    #: Outlined, hatched extensions from each score to its best case (what unknown figures could add).
    best: PathPatch | None = None
    #: The 10th to 90th percentile of each sampled score (hidden until worked out, and after a change).
    whiskers: Line2D | None = None
    #: Unseen (fully transparent) artists holding room for a full bar's score and "?" and for the widest
    #: names of options not drawn, so the layout stays the same whatever the rows hold (a window moving
    #: or scrolling the bars then redraws only them).
    room: list[Artist] = field(default_factory=list)

    def dynamic(self) -> list[Artist]:
        """The artists :func:`update_contributions` changes: bars, best cases, scores, "?" markers and names.

        Everything else (axes, legend, title, footnote) stays put while the
        importances change, so a window can keep it as a background and
        redraw only these.
        """
        return [*self.segments.values(), *([self.best] if self.best is not None else []), *self.scores,
                *self.marks, *self.names]


def shown_rows(total: int, top_n: int | None, first: int = 0) -> tuple[int, int]:
    """The first row and the number of rows drawn of ``total`` options, from ``first`` (kept in range)."""
    count = total if top_n is None else min(total, max(1, top_n))
    return max(0, min(first, total - count)), count


def _shown_ids(ranking: Ranking, top_n: int | None, first: int = 0) -> list[str]:
    order = ranking.order()
    start, count = shown_rows(len(order), top_n, first)
    return order[start:start + count]


def draw_contributions(ax: Axes, ranking: Ranking, table: DecisionTable, top_n: int | None = None, *,
                       first: int = 0, label_width: int = 30, label_lines: int = 2,
                       range_in_title: bool = True, tr: Translator = ENGLISH) -> ContributionArtists:
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
        Show at most this many options (None: all of them).
    first
        Start at this place in the ranking (0: the top); kept so that ``top_n``
        rows are drawn when the ranking holds that many.
    range_in_title
        Whether the title says which options are shown when some are left out
        (a window that scrolls through the rows says it under the chart instead).
    label_width, label_lines
        Option names are wrapped to ``label_lines`` lines of ``label_width``
        characters and cut with an ellipsis beyond that.

    Returns
    -------
    ContributionArtists
        The artists, for :func:`update_contributions`.
    """
    columns = list(ranking.contributions.columns)
    first = shown_rows(len(ranking.scores), top_n, first)[0]
    ids = _shown_ids(ranking, top_n, first) if len(ranking.scores) else []
    artists = ContributionArtists(ax=ax, ids=ids, columns=columns, total=len(ranking.scores), top_n=top_n,
                                  first=first, label_width=label_width, label_lines=label_lines)
    if not ids:
        draw_message(ax, "No options are left to rank.")
        return artists

    y = np.arange(len(ids), dtype=float)
    parts = rows_of(ranking.contributions, ids).astype(float)
    lefts = _stacked_lefts(parts)
    for j, column in enumerate(columns):
        patch = PathPatch(_segments_path(lefts[:, j], parts[:, j]),
                          label=literal(wrap(segment_name(table.criterion(column), tr=tr), 22, 2)))
        style_bar(patch, PALETTE[j % len(PALETTE)], HATCHES[j % len(HATCHES)])
        artists.segments[column] = ax.add_patch(patch)
    scores, best = _scores_and_best(ranking, ids)
    artists.best = ax.add_patch(PathPatch(_segments_path(scores, best - scores), facecolor="none",
                                          edgecolor=BEST_EDGE, hatch="////", linewidth=0.8, linestyle="--",
                                          label=tr.gettext(BEST_LABEL)))
    artists.whiskers = ax.add_line(Line2D([], [], color=INK, linewidth=1.6, marker="|", markersize=9,
                                          label=tr.gettext(WHISKER_LABEL), visible=False))

    flagged = flagged_options(ranking, ids)
    # Scores are plain text 4 points after the bar's end (plain text, not annotations, draws faster).
    dpi_scale = ax.get_figure(root=False).dpi_scale_trans
    after_bar = ax.transData + ScaledTranslation(4 / 72, 0, dpi_scale)
    ends = np.maximum(scores, best)
    artists.scores = [ax.text(ends[i], y[i], f"{scores[i]:.0f}", transform=after_bar, va="center", ha="left",
                              clip_on=False, **text_kw(FONT, fontweight="bold", color=INK))
                      for i in range(len(ids))]
    # A circled "?" 31 points right of the bar's end, after its score (room for "100").
    after_score = ax.transData + ScaledTranslation(31 / 72, 0, dpi_scale)
    artists.marks = [ax.add_line(Line2D([], [], linestyle="none", transform=after_score, clip_on=False, **style))
                     for style in ({"marker": "o", "markersize": 15, "markerfacecolor": "white",
                                    "markeredgecolor": INK, "markeredgewidth": 0.8},
                                   {"marker": r"$\mathbf{?}$", "markersize": 8, "color": INK})]
    _place_marks(artists, ends, flagged)
    artists.room = [ax.text(100, 0, "100", transform=after_bar, va="center", ha="left", clip_on=False, alpha=0.0,
                            **text_kw(FONT, fontweight="bold", color=INK)),
                    ax.add_line(Line2D([100], [0], linestyle="none", transform=after_score, clip_on=False,
                                       alpha=0.0, marker="o", markersize=15))]

    # Names are text artists beside the bars rather than tick labels, so a new order only
    # changes their text (constrained layout still leaves room for them).
    artists.labels = [wrap(table.text(i, "name") or i, label_width, label_lines) for i in ids]
    left_of_axes = (blended_transform_factory(ax.transAxes, ax.transData)
                    + ScaledTranslation(-6 / 72, 0, dpi_scale))
    artists.names = [ax.text(0, y[i], literal(label), transform=left_of_axes, ha="right", va="center",
                             clip_on=False, **text_kw(FONT, color="black"))
                     for i, label in enumerate(artists.labels)]
    if len(ids) < artists.total:
        artists.room += [ax.text(0, 0, literal(label), transform=left_of_axes, ha="right", va="center",
                                clip_on=False, alpha=0.0, **text_kw(FONT, color="black"))
                        for label in _widest_labels(table, ranking.order(), label_width, label_lines)]
    ax.set_yticks(y)
    ax.tick_params(axis="y", length=0, labelleft=False)
    ax.tick_params(axis="x", labelsize=FONT)
    ax.set_ylim(len(ids) - 0.5, -0.5)           # first id at the top
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_locator(FixedLocator([0, 20, 40, 60, 80, 100]))
    ax.set_xlabel(tr.gettext("Points (0-100)"), **text_kw(FONT))
    ax.grid(axis="x", color="#d0d0d0", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    title = tr.gettext("How each option scores for you")
    shown = rows_shown_title(first + 1, first + len(ids), artists.total, tr=tr)
    if shown and range_in_title:
        title += "\n" + shown
    artists.title = chart_title(ax, title)

    artists.legend = legend_below(ax, title=tr.gettext("What adds to the score"))
    artists.footnote = footnote(ax, tr.gettext(MISSING_NOTE), artists.legend, 40)
    artists.footnote.set_visible(bool(flagged.any()))
    return artists


def update_contributions(artists: ContributionArtists, ranking: Ranking, table: DecisionTable,
                         ids: Sequence[str] | None = None) -> bool:
    """Show new scores with the artists of :func:`draw_contributions`, changed in place.

    The rows keep their places; each takes the option now ranked there, so a
    new order or a new option in the top rows only changes bar sizes, numbers
    and names. The footnote is shown or hidden as needed.

    ``ids`` puts these options in the rows instead of the ranking's options
    from ``artists.first`` (a window keeps the rows still while a slider is
    dragged, so bars grow and shrink in place, and sorts them when it is let
    go; a window that scrolls puts the options scrolled to in the rows).

    Returns
    -------
    bool
        False (and nothing changed) when the number of options ranked, the
        rows or the criteria differ, so the chart must be drawn again.
    """
    if ids is None:
        ids = _shown_ids(ranking, artists.top_n, artists.first) if len(ranking.scores) else []
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
    _, best = _scores_and_best(ranking, ids)
    best = np.maximum(best, totals)
    if artists.best is not None:
        artists.best.set_path(_segments_path(totals, best - totals))
    if artists.whiskers is not None:
        artists.whiskers.set_visible(False)         # sampled for other importances: shown again when worked out
    flagged = flagged_options(ranking, ids)
    for row, (text, score, end) in enumerate(zip(artists.scores, totals, best)):
        text.set_position((float(end), row))
        text.set_text(f"{score:.0f}")
    _place_marks(artists, best, flagged)
    if artists.footnote is not None:
        artists.footnote.set_visible(bool(flagged.any()))
    artists.ax.stale = True
    return True


def show_whiskers(artists: ContributionArtists, low: pd.Series, high: pd.Series) -> None:
    """Draw each shown option's 10th to 90th percentile (Series indexed by option id) as a whisker."""
    if artists.whiskers is None or not artists.ids:
        return
    lows = low.reindex(artists.ids).to_numpy(dtype=float)
    highs = high.reindex(artists.ids).to_numpy(dtype=float)
    rows = np.arange(len(artists.ids), dtype=float) + 0.0
    xs = np.column_stack([lows, highs, np.full_like(lows, np.nan)]).ravel()
    ys = np.column_stack([rows, rows, np.full_like(rows, np.nan)]).ravel()
    artists.whiskers.set_data(xs, ys)
    artists.whiskers.set_visible(bool(np.isfinite(lows).any()))
    # The score and "?" after each bar move past its whisker, so nothing is drawn over.
    for row, (text, high_end) in enumerate(zip(artists.scores, highs)):
        x, _ = text.get_position()
        if np.isfinite(high_end) and high_end > x:
            text.set_position((float(high_end), row))
    _place_marks(artists, np.array([t.get_position()[0] for t in artists.scores]), artists.flagged)
    artists.ax.stale = True


def segment_name(criterion, *, tr: Translator = ENGLISH) -> str:
    """A segment's name in the chart: what is better (``better_label``), or built from the label."""
    if criterion.better_label:
        return criterion.better_label
    template = (tr.gettext("{label} (lower is better)") if criterion.better is Direction.LOWER
                else tr.gettext("{label} (higher is better)"))
    return template.format(label=criterion.label)


def _widest_labels(table: DecisionTable, ids: Sequence[str], width: int, lines: int, keep: int = 12) -> list[str]:
    """The ``keep`` names of ``ids``, as wrapped for the chart, with the longest lines (a guess at the widest)."""
    names = dict(zip(table.ids, table.texts("name")))
    longest = sorted({names.get(i) or i for i in ids}, key=len, reverse=True)[:4 * keep]
    wrapped = {wrap(name, width, lines) for name in longest}
    return sorted(wrapped, key=lambda label: (max(map(len, label.split("\n"))), label), reverse=True)[:keep]


def _scores_and_best(ranking: Ranking, ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    scores = ranking.scores.reindex(ids).to_numpy(dtype=float)
    best = getattr(ranking, "scores_best", None)
    best = scores if best is None or not len(best) else best.reindex(ids).to_numpy(dtype=float)
    return scores, np.where(np.isnan(best), scores, np.maximum(best, scores))


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
