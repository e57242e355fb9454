"""The comparison grid at 1366x768: full names, badges in words, folded rows that open in place."""

from __future__ import annotations

import pytest
from consulting_room import open_window, reset_app, settle
from PySide6.QtWidgets import QLabel

from decision_aid.core.words.window import certainty_badge, stance_words

pytestmark = pytest.mark.usefixtures("no_questions")
IDS = ["nsaids", "physical_therapy", "botox"]


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    w.set_compared(IDS)
    w.tabs.setCurrentWidget(w.grid)
    settle(w)
    yield w
    reset_app()


def test_headers_show_full_names_type_and_badges_in_words(window, bundled_table):
    grid = window.grid
    names = [label.text() for label in grid._name_labels]
    assert names == [bundled_table.text(i, "name") for i in IDS]
    for label in grid._name_labels:  # never cut: tall enough for every wrapped line
        assert label.height() >= label.heightForWidth(label.width())
    badges = [label.text() for label in grid.findChildren(QLabel, "badge")]
    assert certainty_badge("low") in badges and certainty_badge("moderate") in badges
    assert stance_words("do_not_offer") in badges and stance_words("recommended") in badges


def test_the_grid_uses_the_whole_width_and_the_side_panel_returns_for_the_ranking(window):
    assert not window.side_panel_shown()
    window.tabs.setCurrentWidget(window.ranking_page)
    assert window.side_panel_shown()


def test_long_rows_fold_to_their_first_line_and_open_in_place(window):
    grid = window.grid
    assert "what" in grid.foldable_rows()
    labels = grid.cell_labels("what", "nsaids")
    assert labels[0].isVisible() and not labels[1].isVisible()
    grid._more_buttons["what"].click()
    assert grid.row_expanded("what") and labels[1].isVisible()
    grid._more_buttons["what"].click()
    assert not labels[1].isVisible()


def test_folded_the_first_questions_are_shorter_than_open(window):
    grid = window.grid
    body = grid._body_area.widget()
    folded = body.sizeHint().height()
    for key in grid.foldable_rows():
        grid.expand_row(key)
    settle(window)
    assert body.sizeHint().height() > 1.5 * folded


def test_at_200_percent_text_two_options_need_no_sideways_scrolling_and_no_word_is_cut(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path, point_size=24)
    try:
        window.set_compared(IDS[:2])
        window.tabs.setCurrentWidget(window.grid)
        settle(window)
        assert window.grid._body_area.horizontalScrollBar().maximum() == 0
        window.set_compared(IDS)
        settle(window)
        for label in window.grid._name_labels:
            assert label.height() >= label.heightForWidth(label.width())
            widest = max(label.fontMetrics().horizontalAdvance(w)
                         for w in label.text().replace("-", "- ").replace("/", "/ ").split())
            assert widest <= label.width()
    finally:
        reset_app()
