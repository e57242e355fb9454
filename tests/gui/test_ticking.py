"""Ticking options to compare: a whole row, Space, a tick that scales and shows in every theme."""

from __future__ import annotations

import pytest
from consulting_room import open_window, reset_app, settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from decision_aid.gui.options_table import tick_box_size
from decision_aid.gui.table_model import ID_ROLE, MAX_COMPARED

pytestmark = pytest.mark.usefixtures("no_questions")


def _row_of(window, option_id: str) -> int:
    proxy = window.proxy
    return next(r for r in range(proxy.rowCount()) if proxy.index(r, 1).data(ID_ROLE) == option_id)


def _click_cell(qtbot, window, row: int, column: int) -> None:
    view = window.table_view
    view.scrollTo(window.proxy.index(row, column))
    rect = view.visualRect(window.proxy.index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_anywhere_in_a_row_ticks_and_unticks_it(qtbot, window, bundled_table):
    first, second = bundled_table.ids[0], bundled_table.ids[3]
    _click_cell(qtbot, window, _row_of(window, first), 1)          # the name
    _click_cell(qtbot, window, _row_of(window, second), 4)         # a value
    assert window.compared() == [first, second]
    _click_cell(qtbot, window, _row_of(window, first), 0)          # the tick box itself, once
    assert window.compared() == [second]


def test_space_ticks_the_current_row(qtbot, window, bundled_table):
    view = window.table_view
    view.setFocus()
    view.setCurrentIndex(window.proxy.index(_row_of(window, bundled_table.ids[2]), 1))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.compared() == [bundled_table.ids[2]]
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.compared() == []


def test_the_compare_column_says_how_many_more_can_be_ticked(window, bundled_table):
    header = lambda: window.proxy.headerData(0, Qt.Orientation.Horizontal)
    assert header() == f"Compare ({MAX_COMPARED} more)"
    window.set_compared(bundled_table.ids[:1])
    assert header() == f"Compare ({MAX_COMPARED - 1} more)"
    assert f"{MAX_COMPARED - 1} more can be ticked" in window.compare_hint.text()
    window.set_compared(bundled_table.ids[:MAX_COMPARED])
    assert header() == "Compare (full)"


def test_a_fifth_tick_is_refused_with_a_reason(qtbot, window, bundled_table):
    window.set_compared(bundled_table.ids[:MAX_COMPARED])
    _click_cell(qtbot, window, _row_of(window, bundled_table.ids[MAX_COMPARED]), 1)
    assert window.compared() == bundled_table.ids[:MAX_COMPARED]
    assert "Untick one first" in window.statusBar().currentMessage()


def test_no_option_is_picked_out_at_start(window):
    assert not window.table_view.selectionModel().hasSelection()
    assert not window.table_view.currentIndex().isValid()
    assert window.current_option() is None


def test_the_tick_box_grows_with_the_text(window):
    small = tick_box_size(widget=window.table_view)
    window.set_text_size(24)
    settle(window)
    assert tick_box_size(widget=window.table_view) >= 1.8 * small
    assert window.table_view.rowHeight(0) > tick_box_size(widget=window.table_view)


def _distinct_from(image, rect, background: QColor) -> int:
    count = 0
    for x in range(rect.left(), rect.right()):
        for y in range(rect.top(), rect.bottom()):
            c = image.pixelColor(x, y)
            if abs(c.lightness() - background.lightness()) > 100:
                count += 1
    return count


@pytest.mark.parametrize("high_contrast", [False, True])
def test_unticked_and_ticked_boxes_stand_out_from_their_row(qtbot, tmp_path, bundled_table, high_contrast):
    window = open_window(qtbot, tmp_path, high_contrast=high_contrast)
    try:
        window.set_compared([bundled_table.ids[1]])
        settle(window)
        view = window.table_view
        image = view.viewport().grab().toImage()
        base = view.palette().color(view.palette().ColorRole.Base)
        for row in (0, 1):   # row 0 unticked, row 1 ticked
            rect = view.visualRect(window.proxy.index(row, 0))
            background = image.pixelColor(rect.left() + 2, rect.center().y())
            assert abs(background.lightness() - (base.lightness() if row == 0 else background.lightness())) < 60
            assert _distinct_from(image, rect, background) > tick_box_size(widget=view) * 2
    finally:
        reset_app()
