"""High contrast everywhere: input borders, charts drawn white on black with their patterns kept."""

from __future__ import annotations

import pytest
from consulting_room import open_window, reset_app, settle
from matplotlib.colors import to_hex
from matplotlib.text import Text

from decision_aid.core.chart_style import HC_INK, HC_PAPER

pytestmark = pytest.mark.usefixtures("no_questions")


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, high_contrast=True)
    yield w
    reset_app()


def test_the_search_box_keeps_a_visible_border(window):
    assert "border" in window.search.styleSheet()
    assert "#ffffff" in window.search.styleSheet()


def test_the_ranking_chart_is_drawn_white_on_black_with_its_patterns(window):
    window.weights.equal_button.click()
    window.tabs.setCurrentWidget(window.ranking_page)
    settle(window)
    figure = window.ranking_chart.figure
    assert to_hex(figure.get_facecolor()) == HC_PAPER
    texts = [t for t in figure.findobj(Text) if t.get_text().strip()]
    assert texts and all(to_hex(t.get_color()) == HC_INK for t in texts)
    hatches = {p.get_hatch() for ax in figure.get_axes() for p in ax.patches if p.get_hatch()}
    assert len(hatches) >= 2


def test_turning_high_contrast_off_redraws_the_charts_light(window):
    window.weights.equal_button.click()
    window.tabs.setCurrentWidget(window.ranking_page)
    settle(window)
    window.contrast_action.trigger()
    settle(window)
    assert to_hex(window.ranking_chart.figure.get_facecolor()) != HC_PAPER
    assert window.search.styleSheet() == ""


def test_text_size_still_follows_the_zoom_in_high_contrast(window):
    window.set_text_size(20)
    assert window.search.font().pointSizeF() == 20
    assert window.weights.equal_button.font().pointSizeF() == 20
