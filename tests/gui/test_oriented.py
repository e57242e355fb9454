"""Neutral and oriented: the condition and review date in the window, a note on another table, the first size."""

from __future__ import annotations

import pytest
from consulting_room import open_window, reset_app
from PySide6.QtCore import QSettings

from decision_aid.core.table import bundled_data_dir
from decision_aid.gui.main_window import FIRST_SIZE, MainWindow
from decision_aid.gui.settings import Settings

pytestmark = pytest.mark.usefixtures("no_questions")


def _settings(tmp_path, last=None) -> Settings:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    if last is not None:
        settings.set_last_folder(last)
    return settings


def test_the_header_line_names_the_condition_and_review_date(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    try:
        assert "Chronic (ongoing) low back pain in adults" in window.header_line.text()
        assert "22 November 2026" in window.header_line.text()
        assert window.header_line.isVisible()
        assert "low back pain" in window.windowTitle()
    finally:
        reset_app()


def test_reopening_another_table_says_which_and_how_to_go_back(qtbot, tmp_path, other_dir):
    window = MainWindow(_settings(tmp_path, other_dir))
    qtbot.addWidget(window)
    assert str(other_dir) in window.start_note.text()
    assert "File > Open the bundled table" in window.start_note.text()
    assert not window.start_note.isHidden()
    window.bundled_action.trigger()
    assert window.table().folder.resolve() == bundled_data_dir().resolve()
    assert window.start_note.isHidden()


def test_reopening_the_bundled_table_says_nothing(qtbot, tmp_path):
    window = MainWindow(_settings(tmp_path, bundled_data_dir()))
    qtbot.addWidget(window)
    assert window.start_note.isHidden()


def test_the_first_window_covers_most_of_its_screen(qtbot, tmp_path):
    window = MainWindow(_settings(tmp_path))
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert abs(window.width() - max(window.minimumSizeHint().width(), int(area.width() * FIRST_SIZE))) <= 2
    assert abs(window.height() - max(window.minimumSizeHint().height(), int(area.height() * FIRST_SIZE))) <= 2
