"""Any text size from 100% to 200% at 1366x768: every view, button and limit stays reachable."""

from __future__ import annotations

import pytest
from consulting_room import SCREEN, open_window, rect_in_window, reset_app, settle
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QWidget,
)

from decision_aid.gui.settings import DEFAULT_POINT_SIZE

pytestmark = pytest.mark.usefixtures("no_questions")
SIZES = [DEFAULT_POINT_SIZE, DEFAULT_POINT_SIZE * 1.5, DEFAULT_POINT_SIZE * 2]


def _scroll_parent(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _reachable(widget: QWidget, window: QRect) -> bool:
    """Inside the window, or inside a scroll area whose visible part is inside the window."""
    if window.contains(rect_in_window(widget)):
        return True
    area = _scroll_parent(widget)
    return area is not None and window.contains(rect_in_window(area.viewport())) and _reachable(area, window)


@pytest.fixture(params=SIZES, ids=lambda s: f"{round(s / DEFAULT_POINT_SIZE * 100)}pct")
def window(request, qtbot, tmp_path, bundled_table):
    w = open_window(qtbot, tmp_path, point_size=request.param)
    w.set_compared(bundled_table.ids[:4])
    w.weights.equal_button.click()
    settle(w)
    yield w
    reset_app()


def test_the_window_keeps_the_screen_size(window):
    assert (window.width(), window.height()) == SCREEN


def test_every_view_is_reachable(window):
    tabs = window.tabs
    if tabs.listed():
        shown = rect_in_window(tabs.side_list.viewport())
        for row in range(tabs.count()):
            item = tabs.side_list.visualItemRect(tabs.side_list.item(row))
            assert shown.contains(item.translated(shown.topLeft())), tabs.tabText(row)
    else:
        bar = tabs.tabBar()
        for index in range(tabs.count()):
            assert bar.rect().contains(bar.tabRect(index)), tabs.tabText(index)
        assert window.rect().contains(rect_in_window(bar))


def test_every_button_and_limit_on_every_view_lies_inside_the_window(window):
    frame = window.rect()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(window)
        controls = [w for w in window.findChildren(QWidget)
                    if isinstance(w, (QAbstractButton, QComboBox)) and w.isVisible() and w.width() > 0]
        assert controls or index >= 0
        for control in controls:
            assert _reachable(control, frame), (window.tabs.tabText(index), control.text()
                                                if isinstance(control, QAbstractButton) else control)


def test_the_header_line_and_option_names_are_not_cut(window):
    label = window.header_line
    assert isinstance(label, QLabel) and label.wordWrap()
    assert label.height() >= label.heightForWidth(label.width())
    assert "low back pain" in label.text()
