"""The consultation window, driven through its real widgets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from decision_aid import NOT_ADVICE
from decision_aid.core.scoring import Limits
from decision_aid.core.words.ranking import RANKING_PROMPT
from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import Settings


pytestmark = pytest.mark.usefixtures("no_questions")   # see conftest.py


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w, timeout=30_000)
    return w   # the application font it set is restored by conftest.py


def visible_ids(window) -> list[str]:
    from decision_aid.gui.table_model import ID_ROLE
    proxy = window.proxy
    return [proxy.index(r, 1).data(ID_ROLE) for r in range(proxy.rowCount())]


def test_opens_bundled_table_in_neutral_order(window, bundled_table):
    assert visible_ids(window) == bundled_table.ids
    assert window.notice.text() == NOT_ADVICE
    assert window.notice.isVisible()


def test_ranking_waits_until_importances_are_set(window):
    assert window.ranking() is None
    assert window.ranking_chart.bar_widths() == {}
    assert RANKING_PROMPT.split(".")[0] in window.ranking_chart.accessibleDescription() or \
        window.ranking_chart.artists is None
    window.weights.equal_button.click()
    assert window.ranking() is not None
    shown = window.ranking_chart.bar_widths()
    assert 3 <= len(shown) <= 13 and list(shown) == window.ranking().order()[:len(shown)]   # the top, as many as fit


def test_moving_a_control_reranks_and_updates_chart(qtbot, window):
    window.weights.equal_button.click()
    before = window.ranking_chart.bar_widths()
    top_before = window.ranking().top
    with qtbot.waitSignal(window.weights.importancesChanged, timeout=30_000):   # the throttle fires
        window.weights.control("pain_relief").slider.setValue(10)
    after = window.ranking_chart.bar_widths()
    assert after != before
    # Physiotherapy has the largest pain-relief figure; heat has none, so the gap widens.
    assert after["physical_therapy"] - after["heat_cold"] > before["physical_therapy"] - before["heat_cold"]
    assert window.ranking().importances["pain_relief"] == 10
    # The sentence and the words describe the new ranking.
    assert window.sensitivity_label.text()
    window.tabs.setCurrentIndex(2)
    assert window.why_text.toPlainText() == ""           # written only when asked for
    window.why_button.click()
    assert window.why_text.isVisible()
    assert window.why_text.toPlainText().startswith("1. ")
    window.weights.set_importance("pain_relief", 0)       # and kept up to date while shown
    window.weights.flush()
    assert "pain relief" not in window.why_text.toPlainText().split("\n")[0]
    assert top_before in window.ranking().scores.index


def test_keyboard_moves_a_slider(qtbot, window):
    slider = window.weights.control("visits").slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_End)
    window.weights.flush()
    assert window.ranking() is not None
    assert window.ranking().importances["visits"] == 10
    assert window.weights.control("visits").value_label.text() == "10 - matters most"


def test_hard_limits_rule_options_out(window):
    window.weights.equal_button.click()
    window.weights.needle_button.click()
    ranked = set(window.ranking().scores.index)
    assert "botox" not in ranked and "acupuncture" not in ranked
    window.why_button.click()
    assert "Ruled out: Acupuncture" in window.why_text.toPlainText()
    name = window.proxy.index(visible_ids(window).index("botox"), 1).data()
    assert name.endswith("(ruled out)")


def test_ticking_options_fills_the_grid(qtbot, window):
    model = window.model
    for option_id in ("massage", "nsaids"):
        index = model.index(model.row_of(option_id), 0)
        assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert window.grid.options() == ["massage", "nsaids"]
    assert "Massage" in window.grid.cell_text("what", "massage") or window.grid.cell_text("what", "massage")
    refused = []
    model.compareRefused.connect(refused.append)
    for option_id in ("heat_cold", "opioids", "acupuncture"):
        model.setData(model.index(model.row_of(option_id), 0), Qt.CheckState.Checked.value,
                      Qt.ItemDataRole.CheckStateRole)
    assert len(window.grid.options()) == 4
    assert refused and "up to 4" in refused[0]


def test_category_filter_and_search_hide_rows(window):
    window.category_filters["alternative"].setChecked(False)
    ids = visible_ids(window)
    assert "acupuncture" not in ids and "nsaids" in ids
    window.category_filters["alternative"].setChecked(True)
    window.search.setText("yoga")
    assert visible_ids(window) == ["exercise_yoga"]
    window.search.setText("")
    assert len(visible_ids(window)) == 13


def test_sorting_keeps_missing_values_last(window):
    column = [window.model.column_key(c) for c in range(window.model.columnCount())].index("pain_relief")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        window.table_view.sortByColumn(column, order)
        ids = visible_ids(window)
        missing = {i for i in ids if window.table().options.at[i, "pain_relief"] != window.table().options.at[i, "pain_relief"]}
        assert set(ids[-len(missing):]) == missing


def test_bad_folder_shows_every_problem_and_keeps_table(qtbot, window, tmp_path, bundled_dir, monkeypatch):
    bad = tmp_path / "bad"
    shutil.copytree(bundled_dir, bad)
    options = bad / "options.csv"
    text = options.read_text(encoding="utf-8").replace(",home,", ",garden,", 1).replace("2026-11-22", "22/11/2026", 1)
    options.write_text(text, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(bad))
    window.weights.equal_button.click()
    window.open_action.trigger()
    dialog = window.problems_dialog
    details = dialog.text.toPlainText()
    assert "options.csv:" in details and ":category: 'garden' is not allowed" in details
    assert ":reviewed: '22/11/2026' is not a date" in details
    assert "stays open" in dialog.summary.text()
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    dialog.close()
    assert window.table().folder == bundled_dir
    assert window.ranking() is not None


def test_open_other_condition_table(window, other_dir):
    assert window.load_folder(other_dir)
    assert visible_ids(window) == ["alpha", "beta", "gamma"]
    assert [c.criterion.column for c in window.weights._controls.values()] == ["cost", "hours", "benefit"]
    window.weights.equal_button.click()
    assert set(window.ranking().scores.index) == {"alpha", "beta", "gamma"}


def test_text_size_shortcut_scales_and_is_remembered(qtbot, window, settings):
    app = QApplication.instance()
    before = app.font().pointSizeF()
    window.activateWindow()
    qtbot.waitActive(window, timeout=30_000)    # a window shortcut acts only in the active window
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert app.font().pointSizeF() == before + 1
    window.larger_action.trigger()
    assert app.font().pointSizeF() == before + 2
    assert settings.point_size() == before + 2
    window.smaller_action.trigger()
    assert settings.point_size() == before + 1


def test_settings_remembered_between_windows(qtbot, settings, other_dir):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.load_folder(other_dir)
    first.contrast_action.trigger()
    first.resize(1000, 700)
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.table().folder == Path(other_dir).resolve()
    assert second.contrast_action.isChecked()
    second.contrast_action.trigger()


def test_high_contrast_changes_palette(window):
    app = QApplication.instance()
    window.contrast_action.trigger()
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    window.contrast_action.trigger()
    assert app.palette().color(QPalette.ColorRole.Window).name() != "#000000"


def test_data_text_is_plain(qtbot, settings, table_copy):
    options = table_copy / "options.csv"
    text = options.read_text(encoding="utf-8").replace("Acupuncture,", "<b>Acu</b><img src='x'>,", 1)
    options.write_text(text, encoding="utf-8")
    window = MainWindow(settings, table_copy)
    qtbot.addWidget(window)
    row = window.model.row_of("acupuncture")
    assert window.model.index(row, 1).data() == "<b>Acu</b><img src='x'>"


def test_apply_state_restores_everything(window):
    window.apply_state({"pain_relief": 8, "visits": 2}, Limits(exclude_categories=frozenset({"home"})),
                       ["massage", "acupuncture"])
    assert window.importances()["pain_relief"] == 8
    assert window.limits().exclude_categories == {"home"}
    assert window.compared() == ["massage", "acupuncture"]
    assert "heat_cold" not in window.ranking().scores.index


def test_models_pass_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)


def test_consultation_saved_and_reopened_in_a_new_window(qtbot, settings, tmp_path):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.apply_state({"pain_relief": 9, "visits": 3}, Limits(max_invasiveness=2), ["massage", "nsaids"])
    first.record.panel.set_chosen("massage")
    first.record.panel.patient_notes.setPlainText("Walks the dog every morning.")
    path = tmp_path / "visit.json"
    first.record.save_as(path)
    assert path.exists()
    assert "Save" in " ".join(a.text() for a in first.file_menu.actions())

    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.record.open_file(path, confirm=False)
    assert second.importances()["pain_relief"] == 9
    assert second.limits().max_invasiveness == 2
    assert second.compared() == ["massage", "nsaids"]
    assert second.record.panel.chosen() == "massage"
    assert second.record.panel.notes_patient() == "Walks the dog every morning."
    assert second.ranking() is not None and "botox" not in second.ranking().scores.index


def test_clinician_view_switches_the_layer_and_is_remembered(qtbot, window, settings):
    window.set_compared(["physical_therapy", "nsaids"])
    patient = window.grid.cell_text("benefit", "physical_therapy")
    assert "[29]" not in patient
    window.clinician_action.trigger()
    assert window.grid.layer() == "clinician" and window.details.layer() == "clinician"
    assert "[29]" in window.grid.cell_text("benefit", "physical_therapy")
    assert settings.layer() == "clinician"
    window.clinician_action.trigger()
    assert window.grid.layer() == "patient"


def _corpus():
    import sys as _sys
    _sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bad_tables import CASES, build_case
    return CASES, build_case


@pytest.mark.parametrize("name", [n for n, (_, e) in _corpus()[0].items() if e is not None])
def test_every_bad_table_is_explained_in_the_window(window, tmp_path, name, bundled_dir):
    cases, build_case = _corpus()
    expect = cases[name][1]
    assert window.load_folder(build_case(name, tmp_path / name)) is False
    details = window.problems_dialog.text.toPlainText()
    row = "-" if expect.row is None else str(expect.row)
    column = "-" if expect.column is None else expect.column
    assert f"{expect.file}:{row}:{column}: " in details
    window.problems_dialog.close()
    assert window.table().folder == bundled_dir
