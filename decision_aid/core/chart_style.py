"""What every chart shares: colours, hatch patterns, text sizes and text helpers.

Every ``draw_*`` function (:mod:`decision_aid.core.charts` for the ranking,
:mod:`decision_aid.core.timeline_chart`, :mod:`decision_aid.core.pictograph_chart`)
draws on an Axes (or a Figure) it is given and never touches pyplot or Qt, so
the window embeds the same drawing the PDF prints.

Accessibility rules kept throughout:

* colour is never the only signal: criteria differ by colour *and* hatch
  pattern, affected people by colour *and* a filled (not outlined) figure,
  uncertain timings by an open marker *and* a hatched bar;
* text is at least 10 pt;
* text from a data file is shown literally: every ``$`` is escaped so
  mathtext cannot interpret it, and TeX is switched off on each text artist;
* text of any script is drawn: DejaVu Sans first, then, glyph by glyph, the Noto
  fonts shipped in ``decision_aid/core/fonts`` (:data:`FONT_FAMILIES`, made the
  default family of every chart when this module is imported).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.textpath import TextToPath
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from .chart_words import _DAY, _HOUR, _MONTH, _YEAR, literal, shown, wrap
from .pdf_text import REPLACEMENT, font_files

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
EMPTY_ICON = "#767676"     # 4.5:1 against white
INK = "#222222"
_TEXT_TO_PATH = TextToPath()
#: Font families of chart text: matplotlib takes each glyph from the first that has it.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC", "Noto Emoji")
#: Tick positions (weeks) and words of the timeline axis.
TIME_TICKS = ((0.0, "start"), (_DAY, "1 day"), (1.0, "1 week"), (_MONTH, "1 month"), (3 * _MONTH, "3 months"),
               (_YEAR, "1 year"), (2 * _YEAR, "2 years"), (5 * _YEAR, "5 years"), (10 * _YEAR, "10 years"))
#: Unlabelled grid lines between the labelled ticks.
TIME_MINOR = (_HOUR, 2 * 1.0, 6 * _MONTH, 18 * _MONTH)
#: The time axis grows like log(1 + t / _STRETCH): near-linear below half a day, logarithmic above,
#: so "straight away", days, weeks and a year all fit one readable axis.
_STRETCH = 0.5 * _DAY


def time_forward(weeks: np.ndarray) -> np.ndarray:
    w = np.asarray(weeks, dtype=float)
    return np.sign(w) * np.log1p(np.abs(w) / _STRETCH)


def time_inverse(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.sign(x) * np.expm1(np.abs(x)) * _STRETCH


# --------------------------------------------------------------------------- text helpers


@cache
def chart_fonts() -> tuple[str, ...]:
    """Make :data:`FONT_FAMILIES` known to matplotlib and its default family list (once)."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_files():
        if path not in known:
            font_manager.fontManager.addfont(path)
    matplotlib.rcParams["font.family"] = list(FONT_FAMILIES)
    # The fallback fonts have no bold face; bold text takes their regular one, which is no news worth a warning.
    font_manager._log.addFilter(lambda record: not str(record.msg).startswith("findfont: Failed to find font weight"))
    return FONT_FAMILIES


chart_fonts()


@cache
def _charmaps() -> tuple[frozenset[int], ...]:
    """The characters each of :data:`FONT_FAMILIES` has, in order."""
    from matplotlib import font_manager, ft2font

    dejavu = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"), fallback_to_default=True)
    return tuple(frozenset(ft2font.FT2Font(path).get_charmap()) for path in (dejavu, *font_files()))


def drawable(text: str) -> str:
    """``text`` as the chart fonts can draw it, so that no glyph is silently missing.

    Composed first (NFC), so a letter and its accent become the one
    character the fonts have. matplotlib shapes a letter and its combining
    marks in one font: a mark the letter's font lacks is left out, as is an
    invisible format character no font has; any other character no font has
    becomes U+FFFD, as in the PDF (:mod:`decision_aid.core.pdf_text`).
    """
    maps = _charmaps()
    out: list[str] = []
    letter_font: frozenset[int] | None = None
    for char in unicodedata.normalize("NFC", text):
        code = ord(char)
        if char in "\n\t" or code < 0x80:
            out.append(char)
            letter_font = maps[0]
            continue
        category = unicodedata.category(char)
        if category in ("Mn", "Me"):
            if letter_font is not None and code in letter_font:
                out.append(char)
            continue
        font = next((chars for chars in maps if code in chars), None)
        if font is None:
            if category in ("Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
                continue
            char, font = REPLACEMENT, maps[0]
        out.append(char)
        letter_font = font
    return "".join(out)


def text_kw(size: float = FONT, **kw: object) -> dict:
    return {"fontsize": size, "usetex": False, **kw}


def _under_axes_from_left(ax: Axes, points: float) -> object:
    """x in figure fraction, y ``points`` below the bottom of ``ax``: where a legend fits full width."""
    fig = ax.get_figure(root=False)
    return (blended_transform_factory(fig.transSubfigure, ax.transAxes)
            + ScaledTranslation(0, -points / 72, fig.dpi_scale_trans))


def figure_width_in(ax_or_artist: object) -> float:
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
    return legend._ncols == _legend_columns(figure_width_in(legend), labels)


def legend_below(ax: Axes, handles: list | None = None, title: str | None = None) -> Legend:
    """A frameless legend under the axis label, starting at the figure's left edge."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    else:
        labels = [h.get_label() for h in handles]
    legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.01, 0),
                       bbox_transform=_under_axes_from_left(ax, 40), fontsize=FONT, frameon=False,
                       handlelength=2.4, handleheight=1.5, borderaxespad=0, alignment="left",
                       ncols=_legend_columns(figure_width_in(ax), labels),
                       **({"title": title, "title_fontproperties": {"size": FONT, "weight": "bold"}} if title else {}))
    for text in legend.get_texts():
        text.set_usetex(False)
    return legend


def chart_title(ax: Axes, text: str) -> Text:
    """A bold title above ``ax`` that starts at the figure's left edge (like the legend), so a long
    title uses the room over the option names instead of running off the right edge."""
    width = chars_fitting(figure_width_in(ax), TITLE_FONT, bold=True)
    text = "\n".join(wrap(line, width, 3) for line in text.split("\n"))
    return ax.annotate(literal(text), xy=(0.01, 1), xycoords=("subfigure fraction", "axes fraction"),
                       xytext=(0, 10), textcoords="offset points", ha="left", va="bottom", gid="title",
                       **text_kw(TITLE_FONT, fontweight="bold"))


def draw_message(ax: Axes, text: str) -> Text:
    """A centred message instead of a chart (data text shown literally)."""
    ax.set_axis_off()
    return ax.text(0.5, 0.5, literal(wrap(text, 60, 6)), transform=ax.transAxes, ha="center", va="center",
                   **text_kw(FONT + 1, wrap=False))


def _hatch_colour(fill: str) -> str:
    r, g, b = to_rgb(fill)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "white" if luminance < 0.45 else INK


def style_bar(rect: Patch, fill: str, hatch: str) -> None:
    rect.set_facecolor(fill)
    rect.set_hatch(hatch)
    if hasattr(rect, "set_hatchcolor"):       # matplotlib >= 3.10: hatch colour apart from the edge
        rect.set_edgecolor("white")
        rect.set_hatchcolor(_hatch_colour(fill))
    else:                                     # older: the edge colour draws the hatch
        rect.set_edgecolor(_hatch_colour(fill))
    rect.set_linewidth(0.8)


def footnote(ax: Axes, text: str, anchor: Legend | None, below_points: float) -> Text:
    """A small note under the legend (or under the axis label when there is no legend), wrapped to the figure."""
    width_in = figure_width_in(ax)
    text = wrap(text, max(30, int((width_in - 0.2) * 72 / (0.6 * FONT))), 4)
    kw = text_kw(FONT, ha="left", va="top", color=INK, textcoords="offset points")
    if anchor is not None:
        return ax.annotate(literal(text), xy=(0.01, 0), xycoords=("subfigure fraction", anchor), xytext=(0, -4),
                           **kw)
    return ax.annotate(literal(text), xy=(0.01, 0), xycoords=_under_axes_from_left(ax, below_points),
                       xytext=(0, 0), **kw)

def chars_fitting(width_in: float, size: float, bold: bool = False) -> int:
    """About how many characters of ``size`` points fit ``width_in`` inches."""
    return max(16, int((width_in - 0.25) * 72 / ((0.68 if bold else 0.6) * size)))


# --------------------------------------------------------------------------- high contrast

#: High-contrast chart colours: white ink on black, as the window's high-contrast palette.
HC_PAPER = "#000000"
HC_INK = "#ffffff"
#: Okabe-Ito colours that stay legible on black (blue and vermilion lightened), patterns unchanged.
HC_SWAP = {"#0072b2": "#56b4e9", "#8f5300": "#e69f00", "#c23b00": "#ff7a45", "#767676": "#b0b0b0",
           "#222222": HC_INK, "#000000": HC_INK, "#ffffff": HC_PAPER}


def _hex(colour: object) -> str:
    from matplotlib.colors import to_hex

    try:
        return to_hex(colour, keep_alpha=False).lower()
    except (ValueError, TypeError):
        return ""


def high_contrast(figure: Figure) -> None:
    """Recolour a drawn figure for the high-contrast theme: black paper, white ink, lighter fills.

    Hatch patterns and shapes are kept, so nothing that told options or
    criteria apart is lost. Call it after drawing, before the canvas paints.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch as _Patch

    for artist in figure.findobj():
        if isinstance(artist, Text):
            artist.set_color(HC_INK)
            box = artist.get_bbox_patch()
            if box is not None:
                box.set_facecolor(HC_PAPER)
                box.set_edgecolor(HC_INK)
        elif isinstance(artist, Line2D):
            artist.set_color(HC_SWAP.get(_hex(artist.get_color()), artist.get_color()))
            face = _hex(artist.get_markerfacecolor())
            artist.set_markerfacecolor(HC_SWAP.get(face, artist.get_markerfacecolor()))
            edge = _hex(artist.get_markeredgecolor())
            artist.set_markeredgecolor(HC_SWAP.get(edge, artist.get_markeredgecolor()))
        elif isinstance(artist, _Patch):
            face, edge = _hex(artist.get_facecolor()), _hex(artist.get_edgecolor())
            if artist.get_alpha() is None or artist.get_alpha() > 0:
                if face in HC_SWAP:
                    artist.set_facecolor(HC_SWAP[face])
                if edge in HC_SWAP:
                    artist.set_edgecolor(HC_SWAP[edge])
    figure.set_facecolor(HC_PAPER)
    for sub in figure.subfigs:
        sub.set_facecolor(HC_PAPER)
    for ax in figure.get_axes():
        ax.set_facecolor(HC_PAPER)
        for spine in ax.spines.values():
            spine.set_edgecolor(HC_INK)
        ax.tick_params(colors=HC_INK, which="both")
        legend = ax.get_legend()
        if legend is not None:
            legend.get_frame().set_facecolor(HC_PAPER)
            legend.get_frame().set_edgecolor(HC_INK)
