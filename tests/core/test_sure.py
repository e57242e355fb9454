"""The SURE test: wording, scoring, and what the clinician is prompted to do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.core.sure import KEYS, MAX_SCORE, QUESTIONS, SureResult, score_sure

answers = st.sampled_from([True, False, None])
four_answers = st.tuples(answers, answers, answers, answers)


def test_questions_use_the_standard_patient_wording():
    assert "".join(q.letter for q in QUESTIONS) == "SURE"
    assert [q.text for q in QUESTIONS] == [
        "Do you feel SURE about the best choice for you?",
        "Do you know the benefits and risks of each option?",
        "Are you clear about which benefits and risks matter most to you?",
        "Do you have enough support and advice to make a choice?",
    ]
    assert [q.domain for q in QUESTIONS] == [
        "Sure of myself", "Understand information", "Risk-benefit ratio", "Encouragement"]
    assert KEYS == ("sure", "understand", "risk_benefit", "encouragement")


def test_four_yes_answers_score_four_and_report_no_conflict():
    result = score_sure([True, True, True, True])
    assert result.score == MAX_SCORE == 4
    assert result.complete and not result.conflict
    assert result.clinician_prompt() == ""
    assert result.summary() == "SURE test: score 4 of 4; no decisional conflict reported."


def test_a_no_to_understand_prompts_to_go_over_benefits_and_risks_again():
    result = score_sure([True, False, True, True])
    assert result.score == 3
    assert result.conflict
    prompt = result.clinician_prompt()
    assert "possible decisional conflict" in prompt
    assert "not a diagnosis" in prompt
    assert "Understand information: Talk through the benefits and risks of each option again." in prompt
    for other in ("Sure of myself", "Risk-benefit ratio", "Encouragement"):
        assert other not in prompt
    assert "answered no: Understand information" in result.summary()


def test_every_domain_answered_no_is_named():
    result = score_sure([False, True, False, False])
    prompt = result.clinician_prompt()
    assert result.score == 1
    for domain in ("Sure of myself", "Risk-benefit ratio", "Encouragement"):
        assert f"- {domain}:" in prompt
    assert "Understand information" not in prompt


def test_an_unfinished_test_lists_what_is_left_and_does_not_claim_conflict():
    result = score_sure([True, None, True, None])
    assert not result.complete and result.started
    assert not result.conflict
    assert result.score == 2
    assert result.clinician_prompt() == "Not answered yet: Understand information, Encouragement."
    assert result.summary() == "SURE test: 2 of 4 answered yes so far (2 questions not answered)."


def test_one_no_flags_conflict_before_the_test_is_finished():
    result = score_sure([False, None, None, None])
    assert result.conflict and not result.complete
    prompt = result.clinician_prompt()
    assert "Sure of myself" in prompt
    assert "Not answered yet: Understand information, Risk-benefit ratio, Encouragement." in prompt


def test_a_test_not_started_says_so_and_prompts_nothing():
    result = SureResult()
    assert result.answers == (None, None, None, None)
    assert not result.started and not result.complete
    assert result.summary() == "SURE test: not done."
    assert result.clinician_prompt() == ""


@given(four_answers)
def test_score_counts_yes_and_conflict_means_a_no(values):
    result = SureResult(values)
    assert result.score == sum(v is True for v in values)
    assert 0 <= result.score <= MAX_SCORE
    assert result.conflict == (False in values)
    assert result.complete == (None not in values)
    if result.complete:
        assert result.conflict == (result.score < MAX_SCORE)
    assert bool(result.clinician_prompt()) == (result.conflict or (result.started and not result.complete))


@given(four_answers)
def test_mapping_round_trip(values):
    result = SureResult(values)
    assert SureResult.from_mapping(result.as_mapping()) == result


def test_with_answer_returns_a_new_result():
    empty = SureResult()
    answered = empty.with_answer("encouragement", False)
    assert empty.answer("encouragement") is None
    assert answered.answer("encouragement") is False
    assert answered.answers == (None, None, None, False)


@pytest.mark.parametrize("values", [(True, True, True), (True,) * 5, (1, True, True, True),
                                    ("yes", True, True, True), (True, True, None, 0)])
def test_invalid_answers_are_refused(values):
    with pytest.raises(TypeError):
        SureResult(values)


def test_unknown_mapping_key_is_refused():
    with pytest.raises(TypeError, match="not a SURE question"):
        SureResult.from_mapping({"confident": True})
