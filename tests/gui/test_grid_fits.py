"""The comparison grid at 1366x768: full names, badges in words, folded rows that open in place."""

from __future__ import annotations

import pytest
from consulting_room import SCREEN, open_window, reset_app, settle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from decision_aid.core.words import category_words
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


# --------------------------------------------------------------------------- one screen (issue 15)

FOUR = ["nsaids", "physical_therapy", "botox", "acupuncture"]
#: The questions a patient asks first, as rows: what it is, how it helps, how sure and what guidelines say,
#: how invasive, how soon and for how long, visits, side effects, serious risks.
FIRST_ROWS = ["what", "benefit", "evidence", "guidelines", "invasive", "soon", "lasts", "visits", "common",
              "howmany", "serious"]


def compare(qtbot, tmp_path, ids, **kwargs):
    window = open_window(qtbot, tmp_path, **kwargs)
    window.set_compared(ids)
    window.tabs.setCurrentWidget(window.grid)
    window.resize(*SCREEN)
    settle(window)
    return window


def inside(widget, viewport) -> bool:
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return 0 <= top and top + widget.height() <= viewport.height()


def not_cut(label: QLabel) -> bool:
    """Every wrapped line shown, and no word wider than the label."""
    words = label.text().replace("-", "- ").replace("/", "/ ").split()
    widest = max((label.fontMetrics().horizontalAdvance(word) for word in words), default=0)
    return label.height() >= label.heightForWidth(label.width()) and widest <= label.width()


def test_at_1366x768_the_first_questions_for_four_options_fit_without_scrolling(qtbot, tmp_path):
    window = compare(qtbot, tmp_path, FOUR)
    try:
        grid = window.grid
        assert window.size().toTuple() == SCREEN and grid.options() == FOUR and not grid.stacked()
        assert grid.first_question_rows() == FIRST_ROWS
        assert grid.row_keys()[:len(FIRST_ROWS)] == FIRST_ROWS          # first questions first
        viewport = grid._body_area.viewport()
        assert grid._body_area.verticalScrollBar().value() == 0
        for key in FIRST_ROWS:
            heading = next(w for w in grid._question_widgets if w.property("rowKey") == key)
            assert heading.isVisible() and inside(heading, viewport), key
            for option_id in FOUR:
                assert inside(grid.cell_widget(key, option_id), viewport), (key, option_id)
        assert grid._body_area.horizontalScrollBar().maximum() == 0
        assert grid._header_area.verticalScrollBar().maximum() == 0     # the whole header shows
    finally:
        reset_app()


def test_at_1366x768_the_headers_show_full_names_types_and_badges_in_words(qtbot, tmp_path, bundled_table):
    window = compare(qtbot, tmp_path, FOUR)
    try:
        grid = window.grid
        assert [label.text() for label in grid._name_labels] == [bundled_table.text(i, "name") for i in FOUR]
        for cell, option_id in zip(grid._header_cells, FOUR):
            shown = {label.text(): label for label in cell.findChildren(QLabel) if label.isVisible()}
            name = bundled_table.text(option_id, "name")
            badges = [certainty_badge(bundled_table.text(option_id, "evidence")),
                      stance_words(bundled_table.text(option_id, "guideline_stance"))]
            for text in [name, category_words(bundled_table.text(option_id, "category")), *badges]:
                assert text in shown and not_cut(shown[text]), (option_id, text)
                assert inside(shown[text], grid._header_area.viewport()), (option_id, text)
            assert cell.accessibleName() == f"Option {FOUR.index(option_id) + 1}: {name}"
    finally:
        reset_app()


def test_a_cut_cell_says_more_and_opens_in_place_from_the_row_heading(qtbot, tmp_path, bundled_table):
    window = compare(qtbot, tmp_path, FOUR)
    try:
        grid = window.grid
        full = grid.cell_text("what", "nsaids").splitlines()[0]
        first = grid.cell_labels("what", "nsaids")[0]
        assert first.text() != full and first.text().endswith("\u2026")   # cut to fit, and says so
        assert full.startswith(first.text()[:-1]) and first.accessibleName().endswith(full)
        more = grid.cell_more_button("what", "nsaids")
        assert more.isVisible() and more.text() == "\u2026 more" and more.accessibleName()
        button = grid.row_button("what")
        assert button.isVisible() and button.accessibleName() == "Show more: What is it?"
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus           # reachable from the keyboard
        assert not_cut(first) and first.height() <= 2 * first.fontMetrics().lineSpacing()

        button.click()                                                      # opens the row in place
        assert grid.row_expanded("what") and first.text() == full and not more.isVisible()
        assert all(label.isVisible() for label in grid.cell_labels("what", "nsaids"))
        assert button.accessibleName() == "Show less: What is it?"
        settle(window)
        assert not_cut(first)
        button.click()
        assert first.text() != full and more.isVisible()

        cell_more = grid.cell_more_button("soon", "botox")                 # "… more" opens the row too
        assert cell_more.isVisible()
        cell_more.click()
        assert grid.row_expanded("soon")
        assert [label.text() for label in grid.cell_labels("soon", "botox")] == \
            grid.cell_text("soon", "botox").splitlines()
    finally:
        reset_app()


def test_at_200_percent_text_three_options_stack_and_scroll_only_down(qtbot, tmp_path, bundled_table):
    window = compare(qtbot, tmp_path, IDS, point_size=24)
    try:
        grid = window.grid
        assert grid.stacked() and grid.options() == IDS
        assert grid._body_area.horizontalScrollBar().maximum() == 0
        assert grid._body_area.verticalScrollBar().maximum() > 0
        body = grid._body_area.widget()
        assert body.width() <= grid._body_area.viewport().width()
        # Every option's header and answer is in the rows, every label whole: no word cut, no line hidden.
        names = [label.text() for label in body.findChildren(QLabel, "optionName")]
        assert names == [bundled_table.text(i, "name") for i in IDS]
        for label in body.findChildren(QLabel):
            if label.isVisibleTo(body) and label.text():
                assert not_cut(label), label.text()
                assert label.mapTo(body, QPoint(label.width(), 0)).x() <= grid._body_area.viewport().width()
        for key in FIRST_ROWS:
            for option_id in IDS:
                assert grid.cell_widget(key, option_id).isVisibleTo(body)
        grid.row_button("what").click()
        settle(window)
        assert grid._body_area.horizontalScrollBar().maximum() == 0
        for label in grid.cell_labels("what", "botox"):
            assert label.isVisible() and not_cut(label), (label.text(), label.size(), label.heightForWidth(label.width()))
    finally:
        reset_app()


def test_the_layout_follows_the_text_size_both_ways(qtbot, tmp_path):
    window = compare(qtbot, tmp_path, IDS)
    try:
        grid = window.grid
        assert not grid.stacked()
        window.set_text_size(24)          # what Ctrl+Plus reaches: 200% of the default 12 points
        settle(window)
        assert grid.stacked() and grid._body_area.horizontalScrollBar().maximum() == 0
        assert grid._header_area.isHidden() and grid.options() == IDS
        window.set_text_size(12)
        settle(window)
        assert not grid.stacked() and not grid._header_area.isHidden()
        assert grid._body_area.horizontalScrollBar().maximum() == 0
    finally:
        reset_app()
