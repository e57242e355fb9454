"""The patient's screen follows the clinician's view and choices, in large type, without controls."""

from __future__ import annotations

import pytest
from consulting_room import open_window, reset_app
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QMenuBar, QSlider

from decision_aid.gui.patient_view import COMPARE, EFFECTS, OPTIONS, RANKING

pytestmark = pytest.mark.usefixtures("no_questions")


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    yield w
    if w.patient_view is not None:
        w.patient_view.close()
    reset_app()


def test_f11_opens_a_large_type_screen_without_controls(qtbot, window):
    window.patient_action.trigger()
    view = window.patient_view
    assert view is not None and view.isVisible()
    qtbot.addWidget(view)
    assert view.font().pointSizeF() >= 1.5 * window.font().pointSizeF()
    for kind in (QAbstractButton, QComboBox, QLineEdit, QSlider, QMenuBar):
        assert not [w for w in view.findChildren(kind) if w.isVisible()], kind
    assert "low back pain" in view.title.text()


def test_it_follows_the_clinicians_view_and_ticks(qtbot, window, bundled_table):
    view = window.open_patient_view()
    qtbot.addWidget(view)
    assert view.view() == OPTIONS
    first, second = bundled_table.ids[0], bundled_table.ids[5]
    window.set_compared([first])
    assert "\u2713 " + bundled_table.text(first, "name") in view.shown_text()
    window.set_compared([first, second])
    window.tabs.setCurrentWidget(window.grid)
    assert view.view() == COMPARE
    assert view.grid.options() == [first, second]
    assert not [b for b in view.findChildren(QAbstractButton) if b.isVisibleTo(view)]  # no More buttons
    window.tabs.setCurrentWidget(window.effects_page)
    assert view.view() == EFFECTS
    assert bundled_table.text(second, "name") in view.shown_text()


def test_it_follows_the_ranking_as_importances_change(qtbot, window, bundled_table):
    view = window.open_patient_view()
    qtbot.addWidget(view)
    window.tabs.setCurrentWidget(window.ranking_page)
    assert view.view() == RANKING
    assert "1." not in view.shown_text()
    window.weights.equal_button.click()
    window.weights.flush()
    top = window.ranking().scores.idxmax()
    assert view.shown_text().startswith(f"1. {bundled_table.text(top, 'name')}")
