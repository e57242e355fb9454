"""Qt widgets that show the charts of :mod:`decision_aid.core.charts`.

Each widget owns one :class:`~matplotlib.figure.Figure` (built directly, no
pyplot) inside a ``FigureCanvasQTAgg``. The drawing itself lives in core, so
the window and the PDF summary show the same charts. Each widget also keeps
an accessible description that says in words what the chart shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.backend_bases import ResizeEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..core.charts import (
    ContributionArtists,
    bar_totals,
    draw_contributions,
    draw_message,
    draw_pictographs,
    draw_timeline,
    legend_fits,
    no_side_effect_figures,
    shown,
    side_effect_sentence,
    update_contributions,
)
from ..core.scoring import Ranking
from ..core.table import DecisionTable

#: Pixels the ranking chart needs around its bars (title, axis, legend, footnote).
_RANKING_CHROME_PX = 230
#: Pixels the timeline needs around its rows (title, axis, key, footnote).
_TIMELINE_CHROME_PX = 250
#: Pixels per bar or row below which option names are cut to one line.
_TWO_LINE_ROW_PX = 36
#: Pixels a bar needs for a one-line name at the base text size.
_ONE_LINE_ROW_PX = 20
#: The ranking chart shows the top 3 to 12 options, as many as fit its height.
MIN_BARS, MAX_BARS = 3, 12


def _label_lines(height_px: int, chrome_px: int, rows: int) -> int:
    """2 lines per option name when rows are tall enough to hold them, else 1."""
    return 2 if (height_px - chrome_px) / max(1, rows) >= _TWO_LINE_ROW_PX else 1


#: Figure resolution at the default 12-point application font; charts scale with the text size.
BASE_DPI = 100.0
BASE_POINT_SIZE = 12.0


def _scaled_dpi() -> float:
    app = QApplication.instance()
    size = app.font().pointSizeF() if app is not None else BASE_POINT_SIZE
    return BASE_DPI * max(size, 1.0) / BASE_POINT_SIZE


class _FollowsTextSize:
    """Charts whose lettering grows and shrinks with the application's text size.

    Changing the figure's resolution scales every font and line of the chart;
    the canvas is then told its size again so the figure keeps filling it.
    """

    figure: Figure
    canvas: FigureCanvasQTAgg

    def _follow_text_size(self) -> None:
        dpi = _scaled_dpi()
        if math.isclose(self.figure.get_dpi(), dpi):
            return
        self.figure.set_dpi(dpi)
        self.canvas.resizeEvent(QResizeEvent(self.canvas.size(), self.canvas.size()))
        self._redraw()

    def _redraw(self) -> None:  # pragma: no cover - each chart overrides
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._follow_text_size()
        super().changeEvent(event)  # type: ignore[misc]


def _canvas(figure: Figure, min_height: int) -> FigureCanvasQTAgg:
    canvas = FigureCanvasQTAgg(figure)
    canvas.setMinimumHeight(min_height)
    canvas.setMinimumWidth(360)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return canvas


class RankingChart(_FollowsTextSize, QWidget):
    """Stacked bars of what each criterion adds to each option's score.

    Slider moves with the same options in the same order resize the existing
    bars in place; anything else draws the chart again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(layout="constrained", dpi=_scaled_dpi())
        self.canvas = _canvas(self.figure, 340)
        self.canvas.setAccessibleName("Ranking chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.setAccessibleName("Ranking chart")
        self._artists: ContributionArtists | None = None
        self._ranking: Ranking | None = None
        self._table: DecisionTable | None = None
        self._label_lines = 2
        self._shown_n = MAX_BARS
        self.canvas.mpl_connect("resize_event", self._on_resize)

    # ----------------------------------------------------------------- public

    def show_ranking(self, ranking: Ranking, table: DecisionTable) -> None:
        """Show ``ranking``; update the bars in place when the options shown are unchanged."""
        same = (self._artists is not None and self._table is table
                and self._label_lines == self._wanted_label_lines(ranking)
                and self._shown_n == self._top_n(ranking))
        self._ranking, self._table = ranking, table
        if not (same and update_contributions(self._artists, ranking)):
            self._rebuild()
        self._describe()
        self.canvas.draw_idle()

    def show_message(self, text: str) -> None:
        """Show a message instead of bars (for example before any importance is set)."""
        self._artists = self._ranking = None
        self.figure.clear()
        draw_message(self.figure.add_subplot(), text)
        self.setAccessibleDescription(text)
        self.canvas.setAccessibleDescription(text)
        self.canvas.draw_idle()

    def bar_widths(self) -> dict[str, float]:
        """Option id -> total length of its drawn bar (its score, 0-100); empty when no bars."""
        return bar_totals(self._artists) if self._artists is not None else {}

    def labels(self) -> list[str]:
        """The option names as drawn on the bars, top first (line breaks as spaces)."""
        if self._artists is None or not self._artists.ids:
            return []
        return [shown(t.get_text()).replace("\n", " ") for t in self._artists.ax.get_yticklabels()]

    @property
    def artists(self) -> ContributionArtists | None:
        return self._artists

    def _redraw(self) -> None:
        if self._ranking is not None and self._table is not None:
            self._rebuild()
        self.canvas.draw_idle()

    # ----------------------------------------------------------------- internals

    def _wanted_label_lines(self, ranking: Ranking) -> int:
        scale = self.figure.get_dpi() / BASE_DPI
        return _label_lines(int(self.canvas.height() / scale), _RANKING_CHROME_PX, self._top_n(ranking))

    def _top_n(self, ranking: Ranking) -> int:
        """As many bars as fit the canvas at the current text size (3 to 12)."""
        scale = self.figure.get_dpi() / BASE_DPI
        room = self.canvas.height() - _RANKING_CHROME_PX * scale
        fits = int(room // (_ONE_LINE_ROW_PX * scale)) if self.canvas.height() > 0 else MAX_BARS
        return max(MIN_BARS, min(MAX_BARS, fits, len(ranking.scores)))

    def _rebuild(self) -> None:
        assert self._ranking is not None and self._table is not None
        self._label_lines = self._wanted_label_lines(self._ranking)
        self._shown_n = self._top_n(self._ranking)
        self.figure.clear()
        self._artists = draw_contributions(self.figure.add_subplot(), self._ranking, self._table,
                                           top_n=self._shown_n, label_lines=self._label_lines,
                                           label_width=30 if self._label_lines == 2 else 34)

    def _describe(self) -> None:
        ranking, table = self._ranking, self._table
        parts = []
        order = ranking.order()
        for place, option_id in enumerate(order[:self._shown_n], start=1):
            missing = ranking.missing.loc[option_id] & (ranking.weights.reindex(ranking.missing.columns) > 0)
            note = " (some figures missing, counted as 0)" if bool(missing.any()) else ""
            parts.append(f"{place}. {table.text(option_id, 'name') or option_id}: "
                         f"{ranking.scores[option_id]:.0f} points{note}")
        more = f" The chart shows the top {len(parts)} of {len(order)}." if len(order) > len(parts) else ""
        text = ("Scores out of 100: " + "; ".join(parts) + "." + more) if parts else "No options are left to rank."
        self.setAccessibleDescription(text)
        self.canvas.setAccessibleDescription(text)

    def _on_resize(self, _event: ResizeEvent) -> None:
        if self._artists is None or self._ranking is None:
            return
        if (not legend_fits(self._artists.legend)
                or self._label_lines != self._wanted_label_lines(self._ranking)
                or self._shown_n != self._top_n(self._ranking)):
            self._rebuild()


class TimelineChart(_FollowsTextSize, QWidget):
    """When relief might start and how long it lasts, per option."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(layout="constrained", dpi=_scaled_dpi())
        self.canvas = _canvas(self.figure, 360)
        self.canvas.setAccessibleName("Timeline of relief")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.setAccessibleName("Timeline of relief")
        self._table: DecisionTable | None = None
        self._ids: list[str] = []
        self._legend = None
        self._label_lines = 2
        self.canvas.mpl_connect("resize_event", self._on_resize)

    def show_options(self, table: DecisionTable, ids: Sequence[str]) -> None:
        """Draw one row per id, in the order given."""
        self._table, self._ids = table, list(ids)
        rows = self._draw()
        text = (" ".join(r.sentence() for r in rows) if rows
                else "No figures for when relief starts or how long it lasts.")
        self.setAccessibleDescription(text)
        self.canvas.setAccessibleDescription(text)

    def _draw(self) -> list:
        self.figure.clear()
        ax = self.figure.add_subplot()
        self._label_lines = self._wanted_label_lines()
        rows = draw_timeline(ax, self._table, self._ids, label_lines=self._label_lines,
                             label_width=30 if self._label_lines == 2 else 34)
        self._legend = ax.get_legend()
        self.canvas.draw_idle()
        return rows

    def _wanted_label_lines(self) -> int:
        return _label_lines(self.canvas.height(), _TIMELINE_CHROME_PX, len(self._ids))

    def _redraw(self) -> None:
        if self._table is not None:
            self._draw()

    def _on_resize(self, _event: ResizeEvent) -> None:
        if self._table is not None and (not legend_fits(self._legend)
                                        or self._label_lines != self._wanted_label_lines()):
            self._draw()


class PictographPanel(_FollowsTextSize, QWidget):
    """Icon arrays of how many in 100 people get each side effect, with the same figures in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(layout="constrained", dpi=_scaled_dpi())
        self.canvas = _canvas(self.figure, 280)
        self.canvas.setAccessibleName("Side effects out of 100 people")
        self.text_label = QLabel()
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setAccessibleName("Side effects in words")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.text_label)
        self.setAccessibleName("Side effects out of 100 people")
        self._table: DecisionTable | None = None
        self._option_id: str | None = None
        self._drawn_width = 0.0
        self.canvas.mpl_connect("resize_event", self._on_resize)

    def show_option(self, table: DecisionTable, option_id: str | None) -> None:
        """Show the side-effect pictographs of ``option_id`` (None: ask to choose an option)."""
        self._table, self._option_id = table, option_id
        self._draw()
        if option_id is None:
            text = "Choose an option to see how many people out of 100 get its side effects."
        else:
            effects = table.side_effects_of(option_id)
            name = table.text(option_id, "name") or option_id
            text = ("\n".join(side_effect_sentence(row) for _, row in effects.iterrows()) if len(effects)
                    else no_side_effect_figures(name))
        self.text_label.setText(text)
        self.canvas.setAccessibleDescription(text)
        self.setAccessibleDescription(text)

    def text(self) -> str:
        """The figures in words, as shown under the chart."""
        return self.text_label.text()

    def _redraw(self) -> None:
        if self._table is not None:
            self._draw()

    def _draw(self) -> None:
        if self._option_id is None:
            self.figure.clear()
            draw_message(self.figure.add_subplot(), "Choose an option to see its side effects.")
        else:
            draw_pictographs(self.figure, self._table, self._option_id)
        self._drawn_width = self.figure.get_figwidth()
        self.canvas.draw_idle()

    def _on_resize(self, _event: ResizeEvent) -> None:
        # Titles are wrapped to the width at drawing time; wrap again after a real change of width.
        if self._table is not None and not math.isclose(self.figure.get_figwidth(), self._drawn_width,
                                                        rel_tol=0.1):
            self._draw()
