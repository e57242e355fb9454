"""A table without roles: every feature that needs one says which is missing and how to add it."""

from __future__ import annotations

import pandas as pd
import pytest
from consulting_room import open_window, reset_app, settle

from decision_aid.core.table import Role, load_table
from decision_aid.core.words.window import missing_role

pytestmark = pytest.mark.usefixtures("no_questions")


@pytest.fixture
def roleless(table_copy):
    criteria = pd.read_csv(table_copy / "criteria.csv", dtype=str, keep_default_na=False)
    criteria.drop(columns=["role", "minimal_important"]).to_csv(table_copy / "criteria.csv", index=False)
    table = load_table(table_copy)
    assert all(table.by_role(role) is None for role in Role)
    return table_copy


def test_limits_and_quick_choices_say_which_role_is_missing(qtbot, tmp_path, roleless):
    window = open_window(qtbot, tmp_path, data=roleless)
    try:
        weights = window.weights
        assert not weights.invasive_combo.isEnabled()
        assert weights.invasive_note.isVisibleTo(weights)
        assert weights.invasive_note.text() == missing_role(Role.INVASIVENESS)
        assert "role column of criteria.csv" in weights.invasive_note.text()
        assert not weights.fast_button.isEnabled()
        assert '"onset"' in weights.fast_button.toolTip()
        assert "Fastest relief" in weights.presets_note.text() and '"side_effects"' in weights.presets_note.text()
    finally:
        reset_app()


def test_the_timeline_says_which_roles_it_lacks(qtbot, tmp_path, roleless):
    window = open_window(qtbot, tmp_path, data=roleless)
    try:
        window.tabs.setCurrentWidget(window.timeline_page)
        settle(window)
        assert window.timeline_note.isVisible()
        assert '"onset"' in window.timeline_note.text() and '"duration"' in window.timeline_note.text()
    finally:
        reset_app()


def test_a_table_with_every_role_shows_no_such_note(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    try:
        assert not window.weights.invasive_note.isVisibleTo(window.weights)
        assert not window.weights.presets_note.isVisibleTo(window.weights)
        assert not window.timeline_note.isVisibleTo(window)
    finally:
        reset_app()
