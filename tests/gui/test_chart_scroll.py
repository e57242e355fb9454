"""Every option is in the ranking chart: rows that do not fit are reached with a scroll bar, keys or the wheel."""

from __future__ import annotations

import numpy as np
import pytest
from consulting_room import SCREEN, open_window, reset_app, settle
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from decision_aid.core.chart_words import wrap
from decision_aid.core.scoring import Scorer, default_importances
from decision_aid.gui.chart import RankingChart
from decision_aid.gui.settings import DEFAULT_POINT_SIZE

pytestmark = pytest.mark.usefixtures("no_questions")   # see conftest.py


def ranked(window, qtbot) -> RankingChart:
    """The window's ranking chart, on screen, once "All equal" is ranked and drawn."""
    window.tabs.setCurrentWidget(window.ranking_page)
    window.weights.equal_button.click()
    settle(window)
    chart = window.ranking_chart
    qtbot.waitUntil(lambda: chart._background is not None, timeout=30_000)    # the idle draw done
    return chart


@pytest.fixture
def large_text(qtbot, tmp_path):
    """A 1366x768 window at 200% text, ranking the bundled table."""
    window = open_window(qtbot, tmp_path, point_size=DEFAULT_POINT_SIZE * 2)
    assert (window.width(), window.height()) == SCREEN
    yield ranked(window, qtbot)
    reset_app()


def drawn_names(chart: RankingChart) -> list[str]:
    """What each drawn row should read: its option's name, wrapped or cut as the chart does."""
    art = chart.artists
    return [wrap(chart._table.text(i, "name"), art.label_width, art.label_lines).replace("\n", " ")
            for i in art.ids]


def test_every_option_can_be_scrolled_to_at_200pct_text(large_text):
    chart = large_text
    bar = chart.scroll_bar
    order = chart._ranking.order()
    assert len(order) == 13
    rows = len(chart.labels())
    assert 3 <= rows < 13, "test premise: not every row fits at 200% text"
    assert bar.isVisible() and bar.accessibleName() == "Scroll the ranking chart"
    assert (bar.minimum(), bar.maximum(), bar.pageStep()) == (0, 13 - rows, rows)
    seen = []
    for value in range(bar.minimum(), bar.maximum() + 1):
        bar.setValue(value)
        assert chart.first_row() == value
        assert list(chart.bar_widths()) == order[value:value + rows]      # the rows follow the ranking
        assert chart.labels() == drawn_names(chart)
        seen += chart.artists.ids
    assert set(seen) == set(order)                                       # every option was drawn


def test_the_keyboard_scrolls_the_rows(large_text, qtbot):
    chart = large_text
    bar = chart.scroll_bar
    assert bar.focusPolicy() & Qt.FocusPolicy.TabFocus                   # reached with Tab
    order = chart._ranking.order()
    rows = len(chart.labels())
    qtbot.keyClick(bar, Qt.Key.Key_Down)
    assert chart.first_row() == 1 and chart.artists.ids == order[1:1 + rows]
    qtbot.keyClick(bar, Qt.Key.Key_End)
    assert chart.first_row() == 13 - rows and chart.artists.ids[-1] == order[-1]   # the last option
    qtbot.keyClick(bar, Qt.Key.Key_Home)
    assert chart.first_row() == 0 and chart.artists.ids == order[:rows]
    qtbot.keyClick(bar, Qt.Key.Key_PageDown)
    assert chart.first_row() == min(rows, 13 - rows)


def wheel(widget, notches: int) -> None:
    """Turn the mouse wheel over ``widget`` (negative: towards the patient, scrolling down)."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_mouse_wheel_over_the_chart_scrolls_the_rows(large_text):
    chart = large_text
    order = chart._ranking.order()
    wheel(chart.canvas, -1)
    first = chart.first_row()
    assert first > 0 and chart.artists.ids[0] == order[first]
    wheel(chart.canvas, 1)
    assert chart.first_row() == 0 and chart.artists.ids[0] == order[0]


def test_the_line_under_the_chart_names_the_options_shown(large_text):
    chart = large_text
    rows = len(chart.labels())
    assert chart.rows_label.text() == f"Options 1 to {rows} of 13 shown; scroll for the rest."
    chart.scroll_bar.setValue(2)
    assert chart.rows_label.text() == f"Options 3 to {rows + 2} of 13 shown; scroll for the rest."
    assert chart.accessibleDescription().startswith(f"Scores out of 100: 3. {chart._table.text(chart.artists.ids[0], 'name')}")
    assert chart.accessibleDescription().endswith(f"The chart shows options 3 to {rows + 2} of 13.")
    assert chart.rows_label.textFormat() == Qt.TextFormat.PlainText


def test_every_option_fits_at_normal_text_on_a_large_screen(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    window.resize(1920, 1080)
    settle(window)
    chart = ranked(window, qtbot)
    assert len(chart.bar_widths()) == 13 and list(chart.bar_widths()) == chart._ranking.order()
    assert chart.scroll_bar.isHidden()
    assert chart.rows_label.text() == "All 13 options are shown."
    reset_app()


def test_scrolled_rows_blit_the_picture_a_full_draw_gives(qtbot, bundled_table):
    chart = RankingChart()
    qtbot.addWidget(chart)
    chart.resize(700, 520)
    chart.show()
    qtbot.waitExposed(chart, timeout=30_000)
    chart.show_ranking(Scorer(bundled_table).score(default_importances(bundled_table.criteria)), bundled_table)
    qtbot.waitUntil(lambda: chart.size() == QSize(700, 520) and chart.scroll_bar.isVisible()
                    and chart._background is not None, timeout=30_000)
    for value in (1, 3, 0):
        blits = chart.blits
        chart.scroll_bar.setValue(value)
        if chart.blits == blits:       # a longer name needed the whole layout again: let it draw
            chart.canvas.draw()
        shown_now = np.asarray(chart.canvas.buffer_rgba()).copy()
        chart.canvas.draw()
        assert (shown_now == np.asarray(chart.canvas.buffer_rgba())).all()
