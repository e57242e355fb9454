"""What keeps the window quick: charts made on first show, a live ranking while a slider is dragged."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.usefixtures("no_questions")   # see conftest.py


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w, timeout=30_000)
    return w


START = textwrap.dedent("""
    import os, sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings
    folder = os.environ["DECISION_AID_STATE_DIR"]
    window = MainWindow(Settings(QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)))
    window.record.ask_save_changes = lambda doing: "discard"
    window.show()
    app.processEvents()
    print("options", window.model.rowCount(), *(m in sys.modules for m in ("matplotlib", "reportlab")))
    window.weights.equal_button.click()
    app.processEvents()
    print("ranked", window.ranking() is not None, window.ranking_chart.accessibleDescription()[:17],
          "matplotlib" in sys.modules)
    window.tabs.setCurrentIndex(2)
    app.processEvents()
    print("ranking", len(window.ranking_chart.bar_widths()), "matplotlib" in sys.modules)
""")


def test_the_window_opens_without_loading_the_chart_and_pdf_libraries(tmp_path):
    """matplotlib and reportlab cost more than the rest of start-up; they load when first needed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "DECISION_AID_STATE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", START], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == "options 13 False False"             # the table is there; no chart or PDF library
    assert lines[1] == "ranked True Scores out of 100 False"   # ranked and described, still without matplotlib
    word, bars, drawn = lines[2].split()
    assert word == "ranking" and int(bars) >= 3 and drawn == "True"   # the ranking tab draws its chart when opened


def test_the_ranking_follows_a_dragged_slider_and_sorts_when_let_go(window, qtbot):
    window.tabs.setCurrentIndex(2)
    window.weights.equal_button.click()
    chart = window.ranking_chart
    qtbot.waitUntil(lambda: chart._background is not None, timeout=30_000)   # the idle draw done
    # The ranking settles: its uncertainty is worked out and the view laid out around it.
    qtbot.waitUntil(lambda: chart.uncertainty_text() != "", timeout=30_000)
    qtbot.waitUntil(lambda: chart._background is not None and len(chart.labels()) == chart._top_n(window.ranking()),
                    timeout=30_000)
    rows = chart.labels()
    slider = window.weights.control("visits").slider

    slider.setSliderDown(True)                  # the patient grabs the handle ...
    for value in (6, 8, 10):                    # ... and drags it
        slider.setValue(value)
        # The ranking catches up while the handle is still held (through the
        # throttle's timer): wait for that state, never for a time.
        qtbot.waitUntil(lambda value=value: window.ranking().importances["visits"] == value, timeout=30_000)
        assert slider.isSliderDown()
        assert chart.labels() == rows           # the rows keep their options while held
        assert chart.bar_widths() == pytest.approx(window.ranking().scores[chart.artists.ids].to_dict())

    slider.setSliderDown(False)                 # let go: sorted at once
    order = window.ranking().order()
    assert window.ranking().importances["visits"] == 10
    shown = list(chart.bar_widths())
    assert len(shown) >= len(rows) and shown == order[:len(shown)]     # sorted at once, the top in order
    assert chart.labels()[0] == window.table().text(order[0], "name")


def test_keyboard_steps_sort_the_rows_each_time(window, qtbot):
    window.tabs.setCurrentIndex(2)
    window.weights.equal_button.click()
    slider = window.weights.control("visits").slider
    slider.setFocus()
    for _ in range(5):
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    window.weights.flush()
    order = window.ranking().order()
    assert window.ranking().importances["visits"] == 10
    assert list(window.ranking_chart.bar_widths()) == order[:len(window.ranking_chart.bar_widths())]


def test_hidden_charts_catch_up_when_their_tab_opens(window, qtbot):
    window.weights.equal_button.click()
    window.set_compared(["massage", "acupuncture"])
    window.weights.set_importance("visits", 10)
    window.weights.flush()
    window.tabs.setCurrentIndex(2)
    order = window.ranking().order()
    assert list(window.ranking_chart.bar_widths()) == order[:len(window.ranking_chart.bar_widths())]
    window.tabs.setCurrentIndex(3)
    labels = [t.get_text() for t in window.timeline.figure.axes[0].get_yticklabels()]
    assert [label.replace("\n", " ") for label in labels] == ["Massage therapy", "Acupuncture"]


def test_details_are_built_once_for_the_option_shown_when_their_tab_opens(window, monkeypatch):
    from decision_aid.gui.details import DetailsPane

    builds = []
    build = DetailsPane._rebuild
    monkeypatch.setattr(DetailsPane, "_rebuild", lambda self: (builds.append(self._option), build(self))[-1])
    for row in range(5):                        # moving through the list with the Details tab closed
        window.table_view.setCurrentIndex(window.proxy.index(row, 1))
    assert builds == []
    window.tabs.setCurrentWidget(window.details)
    current = window.current_option()
    assert builds == [current]
    assert window.table().text(current, "name") in window.details.text()
    window.table_view.setCurrentIndex(window.proxy.index(0, 1))   # on screen: follows at once
    assert builds[-1] == window.current_option() != current
