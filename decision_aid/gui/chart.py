"""Qt widgets that show the charts of :mod:`decision_aid.core.charts`.

Each widget owns one :class:`~matplotlib.figure.Figure` (built directly, no
pyplot) inside a ``FigureCanvasQTAgg``. The drawing itself lives in core, so
the window and the PDF summary show the same charts. Each widget also keeps
an accessible description that says in words what the chart shows.

Two things keep the window quick:

* a chart makes its figure and canvas, and imports matplotlib, only when it
  is first shown (or its figure is asked for); importing matplotlib costs
  more than building the rest of the window, and most charts sit on tabs
  that are not open at start-up;
* the ranking chart redraws only its bars, numbers and names over a saved
  background when an importance changes or its rows are scrolled (blitting),
  instead of laying out and drawing the whole figure again.

The ranking chart holds every option: as many rows as fit at the current
text size are drawn, and a scroll bar beside the chart (and the mouse wheel
over it) moves through the rest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QScrollBar, QSizePolicy, QVBoxLayout, QWidget

from ..core.chart_words import ranking_description, rows_shown_sentence, shown, timeline_rows
from ..core.scoring import Ranking
from ..core.table import DecisionTable
from . import language as i18n
from .language import N_

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from ..core.charts import ContributionArtists

#: Pixels the ranking chart needs around its bars (title, axis, legend, footnote).
_RANKING_CHROME_PX = 250
#: Pixels the timeline needs around its rows (title, axis, key, footnote).
_TIMELINE_CHROME_PX = 250
#: Pixels per bar or row below which option names are cut to one line.
_TWO_LINE_ROW_PX = 36
#: Pixels a bar needs for a one-line name at the base text size.
_ONE_LINE_ROW_PX = 20
#: The ranking chart draws 3 to 20 rows at once, as many as fit its height; a scroll bar reaches the rest.
MIN_BARS, MAX_BARS = 3, 20
#: Smallest size of a chart canvas, in pixels.
_MIN_WIDTH = 360


def _label_lines(height_px: int, chrome_px: int, rows: int) -> int:
    """2 lines per option name when rows are tall enough to hold them, else 1."""
    return 2 if (height_px - chrome_px) / max(1, rows) >= _TWO_LINE_ROW_PX else 1


#: Figure resolution at the default 12-point application font; charts scale with the text size.
BASE_DPI = 100.0
BASE_POINT_SIZE = 12.0


def _high_contrast() -> bool:
    """Whether the application shows the high-contrast theme (a dark window)."""
    from PySide6.QtGui import QPalette

    app = QApplication.instance()
    return app is not None and app.palette().color(QPalette.ColorRole.Window).lightness() < 60


def _scaled_dpi() -> float:
    app = QApplication.instance()
    size = app.font().pointSizeF() if app is not None else BASE_POINT_SIZE
    return BASE_DPI * max(size, 1.0) / BASE_POINT_SIZE


class LazyChart(QWidget):
    """A chart whose figure and canvas are made the first time they are needed.

    Subclasses keep what they are asked to show and call :meth:`_changed`;
    the chart is drawn at once when it is on screen, else when it is next
    shown or when :attr:`figure` or :attr:`canvas` is read. Its lettering
    grows and shrinks with the application's text size: changing the
    figure's resolution scales every font and line of the chart.
    """

    def __init__(self, name: str, min_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_height = min_height
        self._figure: Figure | None = None
        self._canvas: FigureCanvasQTAgg | None = None
        self._stale = False
        # Holds the canvas's place (and size) in the layout until the canvas exists.
        self._placeholder = QWidget()
        self._placeholder.setMinimumSize(_MIN_WIDTH, min_height)
        self._placeholder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._placeholder, 1)
        self.setAccessibleName(name)
        render = self._render

        def render_in_theme() -> None:  # every drawing, however started, in the theme's colours
            self._figure.set_facecolor("white")
            render()
            if _high_contrast():
                from ..core.chart_style import high_contrast
                high_contrast(self._figure)

        self._render = render_in_theme

    # ----------------------------------------------------------------- public

    @property
    def figure(self) -> Figure:
        """The figure, drawn up to date (made on first use)."""
        self._bring_up_to_date()
        return self._figure

    @property
    def canvas(self) -> FigureCanvasQTAgg:
        """The canvas, drawn up to date (made on first use)."""
        self._bring_up_to_date()
        return self._canvas

    # ----------------------------------------------------------------- for subclasses

    def _changed(self) -> None:
        """What the chart shows has changed: draw now if on screen, else when needed."""
        self._stale = True
        if self.isVisible():
            self._bring_up_to_date()

    def _render(self) -> None:  # pragma: no cover - each chart overrides
        """Draw the figure from what the chart was last asked to show."""
        raise NotImplementedError

    def _on_resize(self, _event) -> None:
        """The canvas changed size (matplotlib's resize event); redraw if the layout no longer fits."""

    def _made(self, canvas: FigureCanvasQTAgg) -> None:
        """The canvas was just made (connect matplotlib events here)."""

    # ----------------------------------------------------------------- internals

    def _bring_up_to_date(self) -> None:
        if self._canvas is None:
            self._make_canvas()
        if self._stale:
            self._stale = False
            self._render()

    def _make_canvas(self) -> None:
        # Imported here, not at the top: see the module docstring.
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self._figure = Figure(layout="constrained", dpi=_scaled_dpi())
        canvas = FigureCanvasQTAgg(self._figure)
        canvas.setMinimumHeight(self._min_height)
        canvas.setMinimumWidth(_MIN_WIDTH)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        canvas.setAccessibleName(self.accessibleName())
        canvas.setAccessibleDescription(self.accessibleDescription())
        canvas.setGeometry(self._placeholder.geometry())   # its final size, before anything is laid out
        self._layout.replaceWidget(self._placeholder, canvas)
        self._placeholder.deleteLater()
        self._canvas = canvas
        canvas.mpl_connect("resize_event", self._on_resize)
        self._made(canvas)

    def _describe(self, text: str) -> None:
        self.setAccessibleDescription(text)
        if self._canvas is not None:
            self._canvas.setAccessibleDescription(text)

    def _follow_text_size(self) -> None:
        if self._canvas is None:
            return                        # made later at the size then current
        dpi = _scaled_dpi()
        if math.isclose(self._figure.get_dpi(), dpi):
            return
        self._figure.set_dpi(dpi)
        self._canvas.resizeEvent(QResizeEvent(self._canvas.size(), self._canvas.size()))
        self._changed()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._bring_up_to_date()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._follow_text_size()
        elif (event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
              and self._canvas is not None):
            self._changed()  # drawn again in the theme's colours
        super().changeEvent(event)


class RankingChart(LazyChart):
    """Stacked bars of what each criterion adds to each option's score.

    An importance change moves the existing bars, numbers and names and
    redraws only them over the saved background (see the module docstring);
    anything else (another table, a size that fits a different number of
    bars, a name too long for the room left of the bars) draws the chart again.
    While a slider is held, the rows keep their options, so the patient sees
    bars grow and shrink in place; they are sorted when the slider is let go.

    Every option ranked is in the chart: when they do not all fit at the
    current text size, :attr:`scroll_bar` appears beside the bars and moves
    the rows through the ranking (the mouse wheel over the chart too), and
    the line under the chart says which options are shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", 340, parent)
        from .widgets import PlainLabel, text_scroll

        i18n.name(self, N_("Ranking chart"))

        #: Beside the bars when they do not all fit: moves the rows through the ranking.
        self.scroll_bar = QScrollBar(Qt.Orientation.Vertical)
        self.scroll_bar.setObjectName("rankingScrollBar")
        i18n.name(self.scroll_bar, N_("Scroll the ranking chart"))
        i18n.bind(self.scroll_bar, "setAccessibleDescription", N_("Moves the chart's rows through every option ranked."))
        self.scroll_bar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll_bar.setSingleStep(1)
        # Its room is kept when hidden: the bars' width never depends on whether it shows, so showing it
        # cannot change how many rows fit (which could hide it again, and so on).
        policy = self.scroll_bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.scroll_bar.setSizePolicy(policy)
        self.scroll_bar.hide()
        self.scroll_bar.valueChanged.connect(self._scroll_to)
        beside = QHBoxLayout()
        beside.setContentsMargins(0, 0, 0, 0)
        self._layout.removeWidget(self._placeholder)
        beside.addWidget(self._placeholder, 1)       # the canvas takes its place when made
        beside.addWidget(self.scroll_bar)
        self._layout.insertLayout(0, beside, 1)
        #: Under the bars: which options they show (plain text).
        self.rows_label = PlainLabel("")
        self.rows_label.setObjectName("rankingRowsShown")
        i18n.name(self.rows_label, N_("Options shown in the chart"))
        self.rows_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(self.rows_label)
        self._first = 0                   # the place in the ranking (from 0) of the top row drawn
        self._rows_before: int | None = None   # rows drawn before a resize changed them (until next drawn)
        #: Under the bars: how sure the top is, what is ruled out and why, cautions (plain text).
        self.notes = PlainLabel("")
        self.notes.setObjectName("rankingNotes")
        i18n.name(self.notes, N_("About this ranking"))
        self.notes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # A fixed band under the bars (scrolling when the notes are longer), so the bars never jump
        # when the uncertainty sentence arrives or a limit rules an option out.
        self._notes_area = text_scroll(self.notes, "rankingNotesArea")
        self._layout.addWidget(self._notes_area)
        self._reserve_note_lines()
        self._uncertainty_line = ""
        self._whiskers: tuple | None = None    # (low, high) of the ranking shown, once sampled
        self._note_lines: list[str] = []
        self._artists: ContributionArtists | None = None
        self._ranking: Ranking | None = None
        self._table: DecisionTable | None = None
        self._message = ""
        self._label_lines = 2
        self._shown_n = MAX_BARS
        self._background = None           # the figure without its moving parts, after the last full draw
        #: Height of everything but the bars (title, legend, axis, footnote) at 100 dpi: estimated at first,
        #: then measured after each full draw, since the legend grows with the text and the criteria.
        self._chrome_px = float(_RANKING_CHROME_PX)
        self._names_banded = False        # whether every name drawn lies inside its row's band
        self.blits = 0                    # redraws of the moving parts only (for tests and the benchmark)

    # ----------------------------------------------------------------- public

    def show_ranking(self, ranking: Ranking, table: DecisionTable, *, hold_order: bool = False) -> None:
        """Show ``ranking``; move the bars in place when the same rows still fit.

        With ``hold_order`` (a slider is being dragged) the rows keep the
        options they show, if all are still ranked; otherwise, and on the next
        call without it, the rows follow the ranking's order.
        """
        drawn_table = self._table
        self._ranking, self._table, self._message = ranking, table, ""
        self._whiskers = None                               # they were about the ranking before
        if self._uncertainty_line:
            self._uncertainty_line = ""
            self._show_notes()
        self._follow_rows()
        if self._canvas is None or self._stale or not self.isVisible() or drawn_table is not table \
                or not self._update_in_place(hold_order):
            self._changed()

    def show_message(self, text: str) -> None:
        """Show a message instead of bars (for example before any importance is set)."""
        self._ranking, self._message = None, text
        self._follow_rows()
        self._describe(text)
        self.set_notes([])
        self._changed()

    def set_notes(self, lines: list[str]) -> None:
        """Lines shown under the bars (options ruled out and why, cautions); the uncertainty line stays."""
        self._note_lines = list(lines)
        self._show_notes()

    def show_uncertainty(self, ranking: Ranking, low, high, sentence: str) -> bool:
        """Draw whiskers from ``low`` to ``high`` (Series by option id) and say how sure the top is.

        Ignored (False) when ``ranking`` is no longer the one shown.
        """
        from ..core.charts import show_whiskers

        if ranking is not self._ranking:
            return False
        self._uncertainty_line = sentence
        self._whiskers = (low, high)
        self._show_notes()
        if self._artists is not None:
            show_whiskers(self._artists, low, high)
            if self._canvas is not None and self.isVisible():
                self._canvas.draw_idle()
        return True

    def uncertainty_text(self) -> str:
        """The sentence on how sure the top of the ranking is ("" until worked out)."""
        return self._uncertainty_line

    def _show_notes(self) -> None:
        lines = ([self._uncertainty_line] if self._uncertainty_line else []) + self._note_lines
        self.notes.setText("\n".join(lines))

    def _reserve_note_lines(self) -> None:
        """Room under the bars whatever it says: two lines for the options shown, three for the notes (which scroll)."""
        self._notes_area.setFixedHeight(3 * self.notes.fontMetrics().lineSpacing() + 4)
        self.rows_label.setFixedHeight(2 * self.rows_label.fontMetrics().lineSpacing() + 2)

    def first_row(self) -> int:
        """The place in the ranking (from 0) of the option in the top row drawn."""
        return self._first

    def _scroll_to(self, first: int) -> None:
        """The scroll bar moved: draw the ranking's options from place ``first`` on."""
        if self._ranking is None or first == self._first:
            return
        self._first = first
        self._follow_rows()
        if self._canvas is None or self._stale or not self.isVisible() or not self._update_in_place(False):
            self._changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The mouse wheel over the bars scrolls them (at either end, the page around scrolls on).
        if watched is self._canvas and event.type() == QEvent.Type.Wheel and self.scroll_bar.isVisible():
            before = self.scroll_bar.value()
            QApplication.sendEvent(self.scroll_bar, event)
            return self.scroll_bar.value() != before
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._reserve_note_lines()
        super().changeEvent(event)

    def bar_widths(self) -> dict[str, float]:
        """Option id -> total length of its drawn bar (its score, 0-100); empty when no bars."""
        from ..core.charts import bar_totals

        self._bring_up_to_date()
        return bar_totals(self._artists) if self._artists is not None else {}

    def labels(self) -> list[str]:
        """The option names as drawn beside the bars, top first (line breaks as spaces)."""
        self._bring_up_to_date()
        if self._artists is None:
            return []
        return [shown(t.get_text()).replace("\n", " ") for t in self._artists.names]

    @property
    def artists(self) -> ContributionArtists | None:
        self._bring_up_to_date()
        return self._artists

    # ----------------------------------------------------------------- drawing

    def _made(self, canvas: FigureCanvasQTAgg) -> None:
        canvas.mpl_connect("draw_event", self._on_draw)
        canvas.installEventFilter(self)

    def _render(self) -> None:
        from ..core.chart_style import draw_message
        from ..core.charts import draw_contributions

        self._figure.clear()
        self._background = None
        # Room for the title, legend and footnote and at least a few bars at the current text size, so
        # the axes never collapse when the text grows (a view that is too short then scrolls).
        scale = self._figure.get_dpi() / BASE_DPI
        self._canvas.setMinimumHeight(max(self._min_height,
                                          int((_RANKING_CHROME_PX + MIN_BARS * 2 * _ONE_LINE_ROW_PX) * scale)))
        if self._ranking is None or self._table is None:
            self._artists = None
            draw_message(self._figure.add_subplot(), self._message)
        else:
            self._label_lines = self._wanted_label_lines(self._ranking)
            self._shown_n = self._top_n(self._ranking)
            self._follow_rows()
            self._artists = draw_contributions(self._figure.add_subplot(), self._ranking, self._table,
                                               top_n=self._shown_n, first=self._first, range_in_title=False,
                                               label_lines=self._label_lines,
                                               label_width=30 if self._label_lines == 2 else 34,
                                               tr=i18n.tr_of(self))
            if self._whiskers is not None:
                from ..core.charts import show_whiskers

                show_whiskers(self._artists, *self._whiskers)
            for artist in self._artists.dynamic():
                artist.set_animated(True)     # left out of full draws; _on_draw puts them on top
        if self.isVisible():                  # a hidden canvas has no size yet; it is drawn when shown
            self._canvas.draw_idle()

    def _update_in_place(self, hold_order: bool) -> bool:
        """Move the drawn bars to the new ranking; False when the chart must be drawn again."""
        from ..core.charts import update_contributions

        artists = self._artists
        if (artists is None or self._label_lines != self._wanted_label_lines(self._ranking)
                or self._shown_n != self._top_n(self._ranking)):
            return False
        footnote = artists.footnote.get_visible() if artists.footnote is not None else False
        names = artists.labels
        artists.first = self._first
        if not ((hold_order and update_contributions(artists, self._ranking, self._table, artists.ids))
                or update_contributions(artists, self._ranking, self._table)):
            return False
        if self._whiskers is not None:    # the same ranking scrolled: its whiskers follow the rows
            from ..core.charts import show_whiskers

            show_whiskers(artists, *self._whiskers)
        renamed = [row for row, (old, new) in enumerate(zip(names, artists.labels)) if old != new]
        extents = self._name_extents(renamed)
        if (self._background is None or any(extent.x0 < 0 for extent in extents.values())
                or (artists.footnote is not None and artists.footnote.get_visible() != footnote)
                or self._whiskers is not None):
            # A name wider than the room left of the bars (sized for the names drawn
            # first), or the footnote shown or hidden: the layout must change. Whiskers
            # are part of the background: moved, they are drawn whole.
            self._canvas.draw_idle()
        else:
            self._blit(extents)
        return True

    def _name_extents(self, rows: Iterable[int]) -> dict:
        """Row -> the display box of its name."""
        renderer = self._canvas.get_renderer()
        return {row: self._artists.names[row].get_window_extent(renderer) for row in rows}

    def _draw_moving_parts(self, name_rows: Iterable[int] | None = None) -> None:
        """Draw bars, scores and "?" markers, and the names of ``name_rows`` (None: every name)."""
        artists, draw = self._artists, self._figure.draw_artist
        for segments in artists.segments.values():
            draw(segments)
        if artists.best is not None:
            draw(artists.best)
        names = artists.names if name_rows is None else [artists.names[row] for row in name_rows]
        for text in (*artists.scores, *artists.marks, *names):
            if text.get_visible():
                draw(text)

    def _blit(self, renamed: dict) -> None:
        """Redraw the moving parts over the background and put them on screen.

        Names are text, and text is the slowest thing matplotlib draws, so only
        the names that changed are redrawn: the part right of the names is
        restored whole, and each renamed row's band of the names column.
        ``renamed`` maps the rows whose name changed to the new names' boxes.
        """
        from matplotlib.transforms import Bbox

        width, height = int(self._figure.bbox.width), int(self._figure.bbox.height)
        if renamed and not (self._names_banded and self._in_bands(renamed)):
            self._canvas.restore_region(self._background)
            self._draw_moving_parts()
            self._names_banded = self._in_bands(self._name_extents(range(len(self._artists.names))))
            self._canvas.blit(self._figure.bbox)
        else:
            left = max(0, int(self._artists.ax.bbox.x0) - 2)    # the names end 6 points left of the axes
            # Region boxes count pixel rows from the top; ``xy`` is where the saved
            # region's own corner goes (it was saved whole, from 0, 0).
            self._canvas.restore_region(self._background, bbox=(left, 0, width, height), xy=(0, 0))
            for row in renamed:
                top, bottom = self._name_band(row)
                self._canvas.restore_region(self._background, bbox=(0, top, left, bottom), xy=(0, 0))
            self._draw_moving_parts(name_rows=renamed)
            self._canvas.blit(self._figure.bbox if renamed else Bbox.from_extents(left, 0, width, height))
        self.blits += 1

    def _name_band(self, row: int) -> tuple[int, int]:
        """Pixel rows (from the top, end excluded) wholly inside ``row``'s slot of the names column."""
        height = self._figure.bbox.height
        (_, a), (_, b) = self._artists.ax.transData.transform([(0, row - 0.5), (0, row + 0.5)])
        return math.ceil(height - max(a, b)), math.floor(height - min(a, b))

    def _in_bands(self, extents: dict) -> bool:
        """Whether each name (row -> its box) lies inside its row's band (so bands can be redrawn one by one)."""
        height = self._figure.bbox.height
        for row, extent in extents.items():
            top, bottom = self._name_band(row)
            if not (extent.x0 >= 0 and height - extent.y1 >= top + 1 and height - extent.y0 <= bottom - 1):
                return False
        return True

    def _on_draw(self, _event) -> None:
        # After every full draw: keep the picture without the moving parts, then add them.
        if self._artists is None:
            self._background = None
            return
        self._background = self._canvas.copy_from_bbox(self._figure.bbox)
        self._rows_before = None          # drawn: the layout settled
        self._draw_moving_parts()
        self._names_banded = self._in_bands(self._name_extents(range(len(self._artists.names))))
        # Measure what the bars left room for; when it differs from the estimate enough to change how
        # many bars fit, draw again with that many (once: the measure is then the same).
        scale = self._figure.get_dpi() / BASE_DPI
        measured = (self._figure.bbox.height - self._artists.ax.bbox.height) / scale
        if abs(measured - self._chrome_px) > _ONE_LINE_ROW_PX / 2:
            self._chrome_px = measured
            if self._ranking is not None and self._top_n(self._ranking) != self._shown_n:
                from PySide6.QtCore import QTimer

                QTimer.singleShot(0, self._changed)

    # ----------------------------------------------------------------- internals

    def _wanted_label_lines(self, ranking: Ranking) -> int:
        scale = self._figure.get_dpi() / BASE_DPI
        return _label_lines(int(self._canvas.height() / scale), self._chrome_px, self._top_n(ranking))

    def _top_n(self, ranking: Ranking) -> int:
        """How many rows are drawn at once: as many as fit the canvas at the current text size (3 to 20).

        A row's height follows the text size; the scroll bar reaches the options below.
        """
        total = len(ranking.scores)
        if self._canvas is None:
            return min(MAX_BARS, total)
        scale = self._figure.get_dpi() / BASE_DPI
        room = self._canvas.height() - self._chrome_px * scale
        fits = int(room // (_ONE_LINE_ROW_PX * scale)) if self._canvas.height() > 0 else MAX_BARS
        return min(total, max(MIN_BARS, min(MAX_BARS, fits)))

    def _follow_rows(self) -> None:
        """Keep the top row in range; the scroll bar, the line under the bars and the description follow."""
        bar = self.scroll_bar
        if self._ranking is None:
            bar.hide()
            self.rows_label.setText("")
            return
        total = len(self._ranking.scores)
        count = self._top_n(self._ranking)
        self._first = max(0, min(self._first, total - count))
        bar.blockSignals(True)            # the rows are set here; the bar only follows
        bar.setRange(0, max(0, total - count))
        bar.setPageStep(max(1, count))
        bar.setValue(self._first)
        bar.blockSignals(False)
        bar.setVisible(total > count)
        tr = i18n.tr_of(self)
        self.rows_label.setText(rows_shown_sentence(self._first + 1, self._first + count, total, tr=tr))
        self._describe(ranking_description(self._table, self._ranking, self._first, count, tr=tr))

    def language_changed(self) -> None:
        """Draw the chart and say which rows are shown in the window's new language."""
        if self._ranking is not None:
            self._follow_rows()
            self._artists = None
            self._changed()

    def _on_resize(self, _event) -> None:
        from ..core.chart_style import legend_fits

        self._background = None           # the draw that follows a resize saves a new one
        if self._artists is None or self._ranking is None:
            return
        if not self.isVisible():          # laid out while hidden: drawn again when next needed
            self._stale = True
            return
        layout_wrong = (not legend_fits(self._artists.legend)
                        or self._label_lines != self._wanted_label_lines(self._ranking))
        rows = self._top_n(self._ranking)
        if not layout_wrong and rows != self._shown_n and rows == self._rows_before:
            return                        # back to the rows drawn before: the page's layout would swing to and fro
        if layout_wrong or rows != self._shown_n:
            self._rows_before = self._shown_n
            self._render()                # the scroll bar and the words follow the bars now shown


class TimelineChart(LazyChart):
    """When relief might start and how long it lasts, per option."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", 360, parent)
        i18n.name(self, N_("Timeline of relief"))
        self._table: DecisionTable | None = None
        self._ids: list[str] = []
        self._legend = None
        self._label_lines = 2

    def show_options(self, table: DecisionTable, ids: Sequence[str]) -> None:
        """Draw one row per id, in the order given."""
        self._table, self._ids = table, list(ids)
        rows = timeline_rows(table, self._ids) or []
        tr = i18n.tr_of(self)
        self._describe(" ".join(r.sentence(tr=tr) for r in rows) if rows
                       else tr.gettext("No figures for when relief starts or how long it lasts."))
        self._changed()

    def language_changed(self) -> None:
        """Describe and draw the timeline in the window's new language."""
        if self._table is not None:
            self.show_options(self._table, self._ids)

    def _render(self) -> None:
        from ..core.timeline_chart import draw_timeline

        if self._table is None:
            return
        self._figure.clear()
        ax = self._figure.add_subplot()
        self._label_lines = self._wanted_label_lines()
        draw_timeline(ax, self._table, self._ids, label_lines=self._label_lines,
                      label_width=30 if self._label_lines == 2 else 34, tr=i18n.tr_of(self))
        self._legend = ax.get_legend()
        self._canvas.draw_idle()

    def _wanted_label_lines(self) -> int:
        return _label_lines(self._canvas.height(), _TIMELINE_CHROME_PX, len(self._ids))

    def _on_resize(self, _event) -> None:
        from ..core.chart_style import legend_fits

        if self._table is not None and (not legend_fits(self._legend)
                                        or self._label_lines != self._wanted_label_lines()):
            self._render()
