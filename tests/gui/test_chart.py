"""The chart widgets: bars resized in place, rebuilt when needed, figures also given in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from decision_aid.core.scoring import Scorer, default_importances
from decision_aid.core.table import load_table
from decision_aid.gui.chart import MIN_BARS, RankingChart, TimelineChart
from decision_aid.gui.pictographs import PictographPanel


@pytest.fixture
def chart(qtbot):
    widget = RankingChart()
    qtbot.addWidget(widget)
    widget.resize(900, 780)       # the bars' room as in a window, with the notes band under them
    widget.show()
    qtbot.waitExposed(widget, timeout=30_000)
    return widget


def rects(widget: RankingChart) -> list:
    """The artists drawing the bars (one per criterion)."""
    return [widget.artists.segments[column] for column in widget.artists.columns]


def test_new_importances_resize_the_same_bars(chart, bundled_table):
    scorer = Scorer(bundled_table)
    base = default_importances(bundled_table.criteria)
    first = scorer.score(base)
    chart.show_ranking(first, bundled_table)
    before, widths = rects(chart), chart.bar_widths()
    assert widths == pytest.approx(first.scores[first.order()].to_dict())      # every option fits
    assert chart.scroll_bar.isHidden() and chart.rows_label.text() == "All 13 options are shown."

    second = scorer.score(base | {"pain_relief": 5.2})
    assert second.order() == first.order(), "test premise: the order stays"
    chart.show_ranking(second, bundled_table)
    assert all(a is b for a, b in zip(rects(chart), before, strict=True))
    assert chart.bar_widths() == pytest.approx(second.scores[second.order()].to_dict())
    assert chart.bar_widths() != pytest.approx(widths)
    chart.canvas.draw()


def test_other_options_rebuild_the_chart(chart, bundled_table):
    scorer = Scorer(bundled_table)
    base = default_importances(bundled_table.criteria)
    chart.show_ranking(scorer.score(base), bundled_table)
    before = rects(chart)
    subset = ["heat_cold", "massage", "nsaids"]
    ranking = scorer.score(base, subset)
    chart.show_ranking(ranking, bundled_table)
    assert not set(map(id, rects(chart))) & set(map(id, before))
    assert set(chart.bar_widths()) == set(subset)
    names = [bundled_table.text(i, "name") for i in ranking.order()]
    assert chart.labels() == names
    description = chart.accessibleDescription()
    assert description.startswith("Scores out of 100: 1. ")
    assert all(name in description for name in names)
    chart.canvas.draw()


def test_message_instead_of_bars(chart, bundled_table):
    chart.show_message("Set your importances first")
    assert chart.bar_widths() == {} and chart.labels() == []
    assert chart.accessibleDescription() == "Set your importances first"
    assert [t.get_text() for t in chart.figure.axes[0].texts] == ["Set your importances first"]
    chart.canvas.draw()
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    chart.show_ranking(ranking, bundled_table)
    assert len(chart.bar_widths()) == 13


def test_resizing_keeps_the_chart_whole(chart, bundled_table, qtbot):
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    chart.show_ranking(ranking, bundled_table)
    assert len(chart.bar_widths()) == 13
    chart.resize(480, 500)
    # A window's new size reaches its children through the window system's
    # events: wait for that state (not for a time), however busy the machine.
    qtbot.waitUntil(lambda: chart.size() == QSize(480, 500) and laid_out_beside_the_bar(chart), timeout=30_000)
    chart.canvas.draw()
    shown = chart.bar_widths()
    assert MIN_BARS <= len(shown) < 13                    # fewer bars fit, each still whole ...
    assert list(shown) == ranking.order()[:len(shown)]
    assert chart.scroll_bar.isVisible() and chart.scroll_bar.maximum() == 13 - len(shown)   # ... the rest scroll
    assert shown == pytest.approx(ranking.scores[ranking.order()[:len(shown)]].to_dict())
    assert all("\n" not in t.get_text() for t in chart.artists.ax.get_yticklabels())   # one line when short


def laid_out_beside_the_bar(chart: RankingChart) -> bool:
    """The scroll bar is shown and the canvas laid out beside it."""
    bar = chart.scroll_bar
    return bar.isVisible() and chart.canvas.geometry().right() < bar.geometry().left()


def test_the_words_follow_the_bars_after_a_resize(chart, bundled_table, qtbot):
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    chart.show_ranking(ranking, bundled_table)
    chart.resize(480, 500)
    qtbot.waitUntil(lambda: chart.size() == QSize(480, 500) and chart.scroll_bar.isVisible(), timeout=30_000)
    shown = len(chart.bar_widths())
    assert shown < 13, "test premise: fewer bars fit"
    assert chart.accessibleDescription().endswith(f"The chart shows options 1 to {shown} of 13.")
    assert chart.rows_label.text() == f"Options 1 to {shown} of 13 shown; scroll for the rest."


def test_timeline_in_words(qtbot, bundled_table):
    widget = TimelineChart()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show_options(bundled_table, bundled_table.ids)
    description = widget.accessibleDescription()
    assert "Opioid painkillers (e.g. tramadol, morphine): no reliable figure for when relief starts" in description
    assert "relief first seen after about 30 minutes" in description
    widget.canvas.draw()


def test_pictograph_panel_gives_the_figures_in_words(qtbot, bundled_table):
    panel = PictographPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show_option(bundled_table, "nsaids")
    assert panel.text().startswith("Any side effect (acute back-pain trials): about 10 in 100 people")
    assert "source [16]" in panel.text() and "trials lasting 1 day to 12 weeks" in panel.text()
    assert len(panel.figure.axes) == 1
    panel.canvas.draw()

    panel.show_option(bundled_table, "chiropractic")
    assert len(panel.text().splitlines()) == 2 and len(panel.figure.axes) == 2
    assert "fewer than 1 in 100 people (0.13 in 100" in panel.text()

    panel.show_option(bundled_table, "heat_cold")
    assert panel.text() == ("No side-effect frequency per 100 people was found for Heat or cold packs; see the "
                            "side effects listed in the details.")
    panel.show_option(bundled_table, None)
    assert panel.text().startswith("Choose an option")
    panel.canvas.draw()


def test_panel_shows_markup_as_plain_text(qtbot, tmp_path):
    (tmp_path / "criteria.csv").write_text(
        "column,label,better,min,max,unit,description,default_weight\n"
        "benefit,Benefit,higher,0,10,points,Test criterion.,5\n", encoding="utf-8")
    (tmp_path / "options.csv").write_text(
        "id,name,category,summary,evidence,common_side_effects,serious_risks,see_doctor_if,sources,reviewed,benefit\n"
        "a,<b>A</b>,home,Test.,low,,,Symptoms get worse,[1] Test,2025-01-01,3\n", encoding="utf-8")
    (tmp_path / "side_effects.csv").write_text(
        "option_id,effect,per_100,severity,source\n"
        "a,<i>Rash</i> costing $5,4,mild,[1]\n", encoding="utf-8")
    table = load_table(tmp_path)
    panel = PictographPanel()
    qtbot.addWidget(panel)
    panel.show_option(table, "a")
    assert panel.text_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.text().startswith("<i>Rash</i> costing $5: about 4 in 100 people")
    title = panel.figure.axes[0].get_title().replace("\n", " ")
    assert title.startswith(r"About 4 in 100 people: <i>Rash</i> costing \$5")     # '$' escaped, shown literally
    panel.canvas.draw()


def test_charts_follow_the_application_text_size(qtbot, bundled_table):
    from PySide6.QtWidgets import QApplication

    from decision_aid.core.scoring import Scorer, default_importances
    from decision_aid.gui.chart import BASE_DPI, BASE_POINT_SIZE, RankingChart

    app = QApplication.instance()
    original = app.font()
    chart = RankingChart()
    qtbot.addWidget(chart)
    chart.resize(900, 600)
    chart.show()
    chart.show_ranking(Scorer(bundled_table).score(default_importances(bundled_table.criteria)), bundled_table)
    try:
        font = app.font()
        font.setPointSizeF(BASE_POINT_SIZE * 1.5)
        app.setFont(font)
        qtbot.waitUntil(lambda: abs(chart.figure.get_dpi() - BASE_DPI * 1.5) < 1e-6, timeout=30_000)
        assert chart.bar_widths()  # the bars were drawn again at the new size
    finally:
        app.setFont(original)
    qtbot.waitUntil(lambda: abs(chart.figure.get_dpi() - BASE_DPI * original.pointSizeF() / BASE_POINT_SIZE) < 1e-6,
                    timeout=30_000)


# --------------------------------------------------------------------------- redrawing only what moves


def pixels(widget: RankingChart):
    import numpy as np

    return np.asarray(widget.canvas.buffer_rgba()).copy()


def drawn_whole(widget: RankingChart):
    """The picture a full draw gives for what the chart shows now."""
    widget.canvas.draw()
    return pixels(widget)


def test_importance_changes_blit_the_picture_a_full_draw_gives(chart, bundled_table, qtbot):
    scorer = Scorer(bundled_table)
    base = default_importances(bundled_table.criteria)
    chart.show_ranking(scorer.score(base), bundled_table)
    qtbot.waitUntil(lambda: chart._background is not None, timeout=30_000)   # the idle draw done
    for hold in (True, False):          # rows kept (a slider held), then sorted (let go)
        for value in (4.0, 6.0, 5.0):
            blits = chart.blits
            chart.show_ranking(scorer.score(base | {"invasiveness": value}), bundled_table, hold_order=hold)
            if hold:        # the rows keep their names: only the moving parts are redrawn
                assert chart.blits == blits + 1, "only the moving parts were redrawn"
            elif chart.blits == blits:     # sorted, a longer name needed the whole layout again: let it draw
                chart.canvas.draw()
            shown_now = pixels(chart)
            assert (shown_now == drawn_whole(chart)).all()


def test_rows_keep_their_options_while_a_slider_is_held(chart, bundled_table, qtbot):
    scorer = Scorer(bundled_table)
    base = default_importances(bundled_table.criteria)
    first = scorer.score(base)
    chart.show_ranking(first, bundled_table)
    qtbot.waitUntil(lambda: chart._background is not None, timeout=30_000)   # the idle draw done
    held = chart.labels()
    changed = scorer.score({c.column: 0.0 for c in bundled_table.criteria} | {"visits": 10.0})
    assert changed.order() != first.order(), "test premise: the order changes"

    chart.show_ranking(changed, bundled_table, hold_order=True)
    assert chart.labels() == held
    assert chart.bar_widths() == pytest.approx(changed.scores[first.order()].to_dict())
    assert chart.accessibleDescription().startswith(
        f"Scores out of 100: 1. {bundled_table.text(changed.order()[0], 'name')}")   # words follow the ranking

    chart.show_ranking(changed, bundled_table)                  # let go
    assert list(chart.bar_widths()) == changed.order()[:len(held)]
    assert chart.labels()[0] == drawn_name(chart, bundled_table.text(changed.order()[0], "name"))


def drawn_name(chart: RankingChart, name: str) -> str:
    """``name`` as the chart draws it beside a bar (wrapped or cut to its room), lines joined by spaces."""
    from decision_aid.core.chart_words import wrap

    return wrap(name, chart.artists.label_width, chart.artists.label_lines).replace("\n", " ")


def test_a_longer_name_gets_room_by_a_full_draw(chart, tmp_path, qtbot):
    (tmp_path / "criteria.csv").write_text(
        "column,label,better,min,max,unit,description,default_weight\n"
        "a,A,higher,0,10,points,First.,5\nb,B,higher,0,10,points,Second.,5\n", encoding="utf-8")
    (tmp_path / "options.csv").write_text(
        "id,name,category,summary,evidence,common_side_effects,serious_risks,see_doctor_if,sources,reviewed,a,b\n"
        "short,X,home,Test.,low,,,Worse,[1] Test,2025-01-01,10,0\n"
        "long,An option with a much longer name,home,Test.,low,,,Worse,[1] Test,2025-01-01,0,10\n"
        "mid,Y,home,Test.,low,,,Worse,[1] Test,2025-01-01,5,5\n", encoding="utf-8")
    table = load_table(tmp_path)
    scorer = Scorer(table)
    chart.show_ranking(scorer.score({"a": 10.0, "b": 0.0}, ["short", "mid"]), table)
    chart.show_ranking(scorer.score({"a": 10.0, "b": 0.0}), table)   # 3 options: drawn again
    qtbot.waitUntil(lambda: chart._background is not None, timeout=30_000)   # the idle draw done
    renderer = chart.canvas.get_renderer()
    chart.show_ranking(scorer.score({"a": 0.0, "b": 10.0}), table)
    qtbot.waitUntil(lambda: chart._background is not None, timeout=30_000)   # the idle draw done
    assert chart.labels()[0] == "An option with a much longer name"
    assert all(t.get_window_extent(renderer).x0 >= 0 for t in chart.artists.names)   # nothing cut off
    assert (pixels(chart) == drawn_whole(chart)).all()


def test_hidden_charts_draw_when_shown(qtbot, bundled_table):
    from PySide6.QtWidgets import QTabWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel_("first"), "First")
    chart = RankingChart()
    tabs.addTab(chart, "Ranking")
    tabs.resize(900, 700)
    tabs.show()
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    chart.show_ranking(ranking, bundled_table)
    assert chart._canvas is None, "nothing is drawn while the tab is hidden"
    assert chart.accessibleDescription().startswith("Scores out of 100: 1. ")   # but it is described
    tabs.setCurrentWidget(chart)
    assert chart._canvas is not None
    assert chart.bar_widths() == pytest.approx(ranking.scores[ranking.order()].to_dict())


def QLabel_(text: str):
    from PySide6.QtWidgets import QLabel

    return QLabel(text)
