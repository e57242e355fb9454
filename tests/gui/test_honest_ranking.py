"""The ranking in the window keeps to the evidence: cautions warn, limits say why, uncertainty is shown."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QSettings

from decision_aid.core.scoring import Limits
from decision_aid.core.uncertainty import Uncertainty
from decision_aid.core.words.ranking import uncertainty_sentence
from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import Settings

pytestmark = pytest.mark.usefixtures("no_questions")   # see conftest.py


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.tabs.setCurrentIndex(2)
    return w


def test_pregnancy_keeps_exercise_and_shows_the_caution(window):
    window.weights.equal_button.click()
    window.consultation.set_limits(Limits(contraindications=frozenset({"Pregnancy"})))
    ranking = window.ranking()
    assert "exercise_yoga" in ranking.scores.index            # a caution warns ...
    assert ranking.cautions["exercise_yoga"] == ("Pregnancy",)
    notes = window.ranking_chart.notes.text()
    assert "Caution for Exercise at home, yoga and stretching: Pregnancy" in notes   # ... and is said


def test_an_option_ruled_out_is_listed_with_its_reason(window):
    window.weights.equal_button.click()
    window.consultation.set_limits(Limits(exclude_categories=frozenset({"alternative"})))
    assert "acupuncture" not in window.ranking().scores.index
    assert "Ruled out: Acupuncture (alternative options are excluded)." in window.ranking_chart.notes.text()


def test_the_uncertainty_arrives_off_the_gui_thread_and_is_said(window, qtbot):
    with qtbot.waitSignal(window.consultation.uncertaintyReady, timeout=30_000):
        window.weights.equal_button.click()
    ranking = window.ranking()
    assert window.consultation.uncertainty is not None
    sentence = window.ranking_chart.uncertainty_text()
    assert "tries when the figures vary" in sentence or sentence.startswith("Too close to call")
    assert "Unknown figures are not part of that count" in sentence
    assert window.ranking_chart.artists.whiskers.get_visible()
    # A new ranking drops the old sentence until its own uncertainty is worked out.
    window.weights.set_importance("visits", 9)
    window.weights.flush()
    assert window.ranking() is not ranking and window.ranking_chart.uncertainty_text() == ""


def test_too_close_to_call_names_the_options(bundled_table):
    ids = ["nsaids", "massage", "acupuncture"]
    p_first = pd.Series([0.45, 0.40, 0.15], index=ids)
    uncertainty = Uncertainty(p_first * 0, p_first * 0, p_first, pd.DataFrame({1: p_first}), 2000)
    from decision_aid.core.scoring import Scorer
    ranking = Scorer(bundled_table).score({c.column: 5 for c in bundled_table.criteria}, ids)
    sentence = uncertainty_sentence(bundled_table, ranking, uncertainty)
    assert sentence.startswith("Too close to call between Anti-inflammatory painkillers")
    assert "Massage therapy and Acupuncture" in sentence and "more than half" in sentence


def test_the_limits_list_holds_cautions_too_and_ticking_one_warns(window):
    window.weights.equal_button.click()
    listed = [window.weights.contra_list.item(i).text() for i in range(window.weights.contra_list.count())]
    assert "Trying to get pregnant" in listed                 # a caution only (NSAIDs), listed beside contraindications
    item = window.weights.contra_list.item(listed.index("Trying to get pregnant"))
    from PySide6.QtCore import Qt
    item.setCheckState(Qt.CheckState.Checked)                 # ticked as the patient would
    assert window.limits().contraindications == {"Trying to get pregnant"}
    assert "nsaids" in window.ranking().scores.index          # it warns; it does not rule out
    assert "Caution for Anti-inflammatory painkillers (NSAIDs, e.g. ibuprofen): Trying to get pregnant" in \
        window.ranking_chart.notes.text()
