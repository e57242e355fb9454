"""The SURE test panel: four yes/no questions, their score and a note for the clinician."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton

from decision_aid.core.sure import KEYS, QUESTIONS, SureResult
from decision_aid.gui.sure_panel import NOTE_HEADING, SurePanel


@pytest.fixture
def panel(qtbot) -> SurePanel:
    widget = SurePanel()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def answer(qtbot, panel: SurePanel, key: str, yes: bool) -> None:
    button = panel.buttons(key)[0 if yes else 1]
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_every_question_has_named_yes_and_no_buttons(panel):
    texts = [label.text() for label in panel.findChildren(QLabel)]
    for number, question in enumerate(QUESTIONS, start=1):
        assert f"{number}. {question.text}" in texts
        yes, no = panel.buttons(question.key)
        assert (yes.text(), no.text()) == ("Yes", "No")
        assert yes.accessibleName() == f"Yes: {question.text}"
        assert no.accessibleName() == f"No: {question.text}"
        assert yes.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert len(panel.findChildren(QRadioButton)) == 2 * len(QUESTIONS)
    for label in panel.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_unanswered_test_says_so_and_shows_no_note(panel):
    assert panel.result() == SureResult()
    assert panel.summary_text() == SureResult().summary()
    assert panel.prompt_text() == ""
    assert panel.note_frame().isHidden()


def test_all_yes_scores_four_without_a_note(qtbot, panel):
    for key in KEYS:
        answer(qtbot, panel, key, True)
    assert panel.result().score == 4
    assert "score 4 of 4" in panel.summary_text()
    assert "no decisional conflict" in panel.summary_text()
    assert panel.note_frame().isHidden()


def test_a_no_answer_scores_and_prompts_the_clinician_in_a_framed_note(qtbot, panel):
    answer(qtbot, panel, "sure", True)
    answer(qtbot, panel, "understand", False)
    answer(qtbot, panel, "risk_benefit", True)
    answer(qtbot, panel, "encouragement", True)
    result = panel.result()
    assert result.answers == (True, False, True, True)
    assert panel.summary_text() == result.summary()
    assert "score 3 of 4" in panel.summary_text() and "possible decisional conflict" in panel.summary_text()
    frame = panel.note_frame()
    assert frame.isVisible()
    # The signal is words and a frame, not colour alone.
    assert NOTE_HEADING in [label.text() for label in frame.findChildren(QLabel)]
    assert "border" in frame.styleSheet()
    assert panel.prompt_text() == result.clinician_prompt()
    assert "Talk through the benefits and risks of each option again." in panel.prompt_text()
    assert frame.accessibleName() == NOTE_HEADING


def test_a_single_no_prompts_at_once(qtbot, panel):
    answer(qtbot, panel, "encouragement", False)
    assert panel.note_frame().isVisible()
    assert "Not answered yet" in panel.prompt_text()


def test_changing_an_answer_updates_the_score(qtbot, panel):
    answer(qtbot, panel, "sure", False)
    answer(qtbot, panel, "sure", True)
    assert panel.result().answer("sure") is True
    assert panel.note_frame().isHidden()


def test_keyboard_answers_a_question(qtbot, panel):
    yes, no = panel.buttons("risk_benefit")
    yes.setFocus()
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(yes, Qt.Key.Key_Space)
    assert panel.result().answer("risk_benefit") is True
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(yes, Qt.Key.Key_Right)  # arrow keys move to the other answer of the same question
    assert no.isChecked()
    assert panel.result().answer("risk_benefit") is False
    assert panel.result().answer("sure") is None


def test_set_result_shows_answers_without_emitting(qtbot, panel):
    result = SureResult((True, None, False, True))
    with qtbot.assertNotEmitted(panel.changed):
        panel.set_result(result)
    assert panel.result() == result
    assert panel.buttons("sure")[0].isChecked()
    assert not any(b.isChecked() for b in panel.buttons("understand"))
    assert panel.buttons("risk_benefit")[1].isChecked()
    assert panel.note_frame().isVisible()
    panel.set_result(SureResult())
    assert not any(b.isChecked() for key in KEYS for b in panel.buttons(key))


def test_clear_answers(qtbot, panel):
    answer(qtbot, panel, "sure", False)
    clear = next(b for b in panel.findChildren(QPushButton) if b.text() == "Clear answers")
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert panel.result() == SureResult()
    assert not clear.isEnabled()
