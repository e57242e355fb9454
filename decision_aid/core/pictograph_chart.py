"""Icon arrays: how many people in 100 get each side effect."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure, SubFigure
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

from .chart_style import (
    EMPTY_ICON,
    FONT,
    INK,
    SEVERITY_COLOURS,
    chars_fitting,
    draw_message,
    figure_width_in,
    text_kw,
)
from .chart_words import (
    exact_words,
    frequency_words,
    icon_count,
    literal,
    no_side_effect_figures,
    severity_words,
    side_effect_caption,
    wrap,
)
from .i18n import ENGLISH, Translator
from .table import DecisionTable
from .words.window import baseline_of

# --------------------------------------------------------------------------- pictographs

#: Second colour of an icon array: people who get the effect on a dummy treatment (with a hatch too).
BASELINE_COLOUR = "#F0C987"


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
    width = figure_width_in(ax)
    spec = ax.get_subplotspec()
    if spec is not None:
        width *= (spec.colspan.stop - spec.colspan.start) / spec.get_gridspec().ncols
    return width



def draw_pictograph(ax: Axes, per_100: float, label: str, severity: str = "", *, caption: str = "",
                    title_width: int | None = None, baseline: float | None = None,
                    tr: Translator = ENGLISH) -> PictographArtists:
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
    baseline
        How many in 100 get it on a dummy treatment (None: not known). It is
        shown in the same array, as risk-communication guidance recommends:
        people who would get it on the dummy treatment but not on this one
        in a second colour with a hatch; extra people on this treatment
        filled and hatched.
    """
    slot = _slot_width_in(ax)
    title_width = title_width or min(48, chars_fitting(slot, FONT + 1, bold=True))
    caption_width = min(60, chars_fitting(slot, FONT))
    n = icon_count(per_100)
    colour = SEVERITY_COLOURS.get(str(severity).lower(), SEVERITY_COLOURS["mild"])
    paths = [_PERSON.transformed(Affine2D().translate(k % 10, 9 - k // 10)) for k in range(100)]
    filled = PatchCollection([PathPatch(p) for p in paths[:n]], facecolor=colour, edgecolor=colour,
                             linewidth=0.8, gid="filled")
    empty = PatchCollection([PathPatch(p) for p in paths[n:]], facecolor="white", edgecolor=EMPTY_ICON,
                            linewidth=1.0, gid="empty")
    ax.add_collection(filled)
    ax.add_collection(empty)
    if baseline is not None:
        b = icon_count(baseline)
        if b > n:   # would get it on the dummy treatment, not on this one
            ax.add_collection(PatchCollection([PathPatch(p) for p in paths[n:b]], facecolor=BASELINE_COLOUR,
                                              edgecolor=INK, hatch="////", linewidth=0.8, gid="baseline"))
        elif n > b:  # extra people on this treatment
            ax.add_collection(PatchCollection([PathPatch(p) for p in paths[b:n]], facecolor=colour,
                                              edgecolor="white", hatch="xx", linewidth=0.8, gid="extra"))
    ax.set_xlim(-0.1, 10.1)
    ax.set_ylim(-0.1, 10.1)
    ax.set_aspect("equal")
    ax.set_axis_off()

    words = frequency_words(per_100, tr=tr)
    title = tr.gettext("{frequency}: {effect}").format(frequency=f"{words[0].upper()}{words[1:]}", effect=label)
    ax.set_title(literal(wrap(title, title_width, 6)), loc="center",
                 **text_kw(FONT + 1, fontweight="bold"))
    details = []
    exact = exact_words(per_100, tr=tr)
    if exact:
        details.append(tr.gettext("Exact figure: {exact}.").format(exact=exact))
    if severity:
        details.append(tr.gettext("Severity: {severity}.").format(severity=severity_words(severity, tr=tr)))
    if baseline is not None:
        key = (tr.gettext("Hatched, lighter: would get it on a dummy treatment but not on this one.")
               if icon_count(baseline) > n else tr.gettext("Hatched, filled: extra people on this treatment.")
               if n > icon_count(baseline) else tr.gettext("The same number get it on a dummy treatment."))
        details.append(tr.gettext("On a dummy treatment: {frequency}.").format(
            frequency=frequency_words(baseline, tr=tr)) + " " + key)
    lines = [wrap(" ".join(details), caption_width, 6)] if details else []
    if caption:
        lines.append(wrap(caption, caption_width, 4))
    if lines:
        ax.text(0.5, -0.02, literal("\n".join(lines)), transform=ax.transAxes, ha="center", va="top",
                **text_kw(FONT, color=INK))
    return PictographArtists(ax=ax, filled=filled, empty=empty, count=n)


def draw_pictographs(fig: Figure | SubFigure, table: DecisionTable, option_id: str, *, columns: int = 2,
                     caption=None, named: bool = False, name_width: int = 40,
                     tr: Translator = ENGLISH) -> list[Axes]:
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
        draw_message(ax, no_side_effect_figures(table.text(option_id, "name") or option_id, tr=tr))
        return [ax]
    if named:
        fig.suptitle(literal(wrap(table.text(option_id, "name") or option_id, name_width, 4)),
                     **text_kw(FONT + 2, fontweight="bold"))
    ncols = 1 if len(effects) == 1 else max(1, columns)
    nrows = math.ceil(len(effects) / ncols)
    axes = []
    for k, (_, row) in enumerate(effects.iterrows()):
        ax = fig.add_subplot(nrows, ncols, k + 1)
        draw_pictograph(ax, float(row["per_100"]), str(row["effect"]), str(row.get("severity", "") or ""),
                        caption=caption(row) if caption else side_effect_caption(row, tr=tr),
                        baseline=baseline_of(row), tr=tr)
        axes.append(ax)
    return axes


def draw_side_by_side(fig: Figure, table: DecisionTable, ids: list[str], caption=None,
                      columns: int | None = None, *, tr: Translator = ENGLISH) -> list[Axes]:
    """The side effects of several options side by side, all out of 100 people.

    One column per option (``columns``: at most that many, the rest on further rows).
    """
    fig.clear()
    if len(ids) == 1:
        return draw_pictographs(fig, table, ids[0], caption=caption, named=True, tr=tr)
    axes: list[Axes] = []
    columns = max(1, min(len(ids), columns or len(ids)))
    rows = math.ceil(len(ids) / columns)
    width = max(8, chars_fitting(fig.get_figwidth() / columns, FONT + 2, bold=True) - 2)
    subfigures = fig.subfigures(rows, columns, squeeze=False).ravel()
    for sub, option_id in zip(subfigures, ids):
        axes.extend(draw_pictographs(sub, table, option_id, columns=1, caption=caption, named=True,
                                     name_width=width, tr=tr))
    return axes


#: One icon array of the compact row, in inches: its side, and the room for its words beside it.
ROW_ICONS_IN = 0.8
ROW_SLOT_IN = 3.6


def draw_pictograph_row(fig: Figure, items: list[tuple[str, float, str]], size: float = FONT + 1, *,
                        tr: Translator = ENGLISH) -> list[Axes]:
    """A compact row of icon arrays for paper, two to a line, each with its words beside it.

    ``items``: ``(words, per_100, severity)``; ``words`` are drawn literally beside the array, under
    "About N in 100 people". The figure is resized to fit: :data:`ROW_SLOT_IN` wide per array and
    a little over :data:`ROW_ICONS_IN` high per line of two.
    """
    fig.clear()
    fig.set_layout_engine("none")
    per_line = 2
    lines = max(1, math.ceil(len(items) / per_line))
    height = max(ROW_ICONS_IN, 5 * size * 1.22 / 72) + 0.06   # the array, or five lines of words beside it
    fig.set_size_inches(ROW_SLOT_IN * per_line, height * lines)
    width_in, height_in = fig.get_figwidth(), fig.get_figheight()
    axes = []
    for k, (label, per_100, severity) in enumerate(items):
        column, line = k % per_line, k // per_line
        left = (column * ROW_SLOT_IN + 0.05) / width_in
        bottom = (height_in - line * height - ROW_ICONS_IN - 0.03) / height_in
        ax = fig.add_axes((left, bottom, ROW_ICONS_IN / width_in, ROW_ICONS_IN / height_in))
        n = icon_count(per_100)
        colour = SEVERITY_COLOURS.get(str(severity).lower(), SEVERITY_COLOURS["mild"])
        paths = [_PERSON.transformed(Affine2D().translate(j % 10, 9 - j // 10)) for j in range(100)]
        ax.add_collection(PatchCollection([PathPatch(p) for p in paths[:n]], facecolor=colour, edgecolor=colour,
                                          linewidth=0.6, gid="filled"))
        ax.add_collection(PatchCollection([PathPatch(p) for p in paths[n:]], facecolor="white",
                                          edgecolor=EMPTY_ICON, linewidth=0.6, gid="empty"))
        ax.set_xlim(-0.1, 10.1)
        ax.set_ylim(-0.1, 10.1)
        ax.set_aspect("equal")
        ax.set_axis_off()
        said = frequency_words(per_100, tr=tr)
        chars = int((ROW_SLOT_IN - ROW_ICONS_IN - 0.3) * 72 / (size * 0.56))
        text = wrap(f"{said[0].upper()}{said[1:]}", chars, 2)
        inside = [x for x in (exact_words(per_100, tr=tr), severity_words(severity, tr=tr)) if x]
        details = [label + (f" ({'; '.join(inside)})" if inside else "")]
        ax.text(1.08, 1.0, literal(text), transform=ax.transAxes, ha="left", va="top",
                **text_kw(size, fontweight="bold", color=INK))
        ax.text(1.08, 1.0 - size * 1.3 / 72 / ROW_ICONS_IN, literal(wrap(" ".join(details), chars, 4)),
                transform=ax.transAxes, ha="left",
                va="top", **text_kw(size, color=INK))
        axes.append(ax)
    return axes
