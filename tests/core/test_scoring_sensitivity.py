"""The sensitivity sentence, checked against a brute-force search; unset importances; ties in rank."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from scoring_tables import COST, GAIN, NAN, build

from decision_aid.core.scoring import (
    MAX_IMPORTANCE,
    TIE_POINTS,
    Scorer,
    normalise_weights,
    rank,
)
from decision_aid.core.table import Criterion, Direction

EVEN = Criterion("even", "Even", Direction.HIGHER, 0, 1, "")
COLUMNS = ("cost", "gain", "even")


def brute_force(scorer: Scorer, importances: dict[str, float], ids=None):
    """Every single-importance change to a whole number 0..10 that puts another option truly ahead.

    Returns the smallest change and every (criterion, new importance, new top) achieving it,
    in the order the sentence prefers: criteria in table order, raising before lowering.
    """
    ranking = scorer.score(importances, ids)
    top = ranking.top
    found = []
    for column in COLUMNS:
        current = importances.get(column, 0)
        for direction in (+1, -1):
            for new in range(int(MAX_IMPORTANCE) + 1):
                if (new - current) * direction <= 0:
                    continue
                trial = dict(importances, **{column: new})
                if sum(trial.values()) <= 0:
                    continue
                scores = scorer.score(trial, ids).scores
                winner = scores.idxmax()
                if scores[winner] > scores[top] + TIE_POINTS:
                    found.append((abs(new - current), column, direction, new, winner))
    if not found:
        return math.inf, []
    smallest = min(f[0] for f in found)
    return smallest, [f for f in found if f[0] == smallest]


@st.composite
def tables(draw):
    n = draw(st.integers(1, 6))
    maybe = lambda lo, hi: st.one_of(st.floats(lo, hi), st.just(NAN))
    return build([COST, GAIN, EVEN], {
        "cost": draw(st.lists(maybe(0, 100), min_size=n, max_size=n)),
        "gain": draw(st.lists(maybe(0, 10), min_size=n, max_size=n)),
        "even": draw(st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=n, max_size=n)),
    })


importances3 = st.tuples(*[st.integers(0, 10)] * 3).filter(lambda w: sum(w) > 0)


@given(tables(), importances3)
def test_sensitivity_matches_brute_force(table, w):
    scorer = Scorer(table)
    importances = dict(zip(COLUMNS, w))
    result = scorer.sensitivity(scorer.score(importances))
    smallest, best = brute_force(scorer, importances)
    assert result.change == smallest
    if not best:
        assert result.criterion is None and result.new_top is None
        return
    # Of equal changes, the first criterion in table order, raising before lowering.
    _, column, _, new, winner = min(best, key=lambda f: (COLUMNS.index(f[1]), -f[2]))
    assert (result.criterion, result.new, result.current) == (column, new, importances[column])
    assert result.new_top == winner


@given(tables(), importances3, st.sampled_from(COLUMNS))
def test_sensitivity_with_an_unset_importance(table, w, unset):
    """A criterion missing from the input counts as 0 (unset), never as 1."""
    scorer = Scorer(table)
    given_ = {c: v for c, v in zip(COLUMNS, w) if c != unset}
    if sum(given_.values()) == 0:
        return
    explicit = dict(given_, **{unset: 0})
    a, b = scorer.score(given_), scorer.score(explicit)
    assert a.importances[unset] == 0
    assert a.scores.equals(b.scores)
    assert scorer.sensitivity(a) == scorer.sensitivity(b)
    assert brute_force(scorer, explicit)[0] == scorer.sensitivity(a).change


def test_an_unset_importance_is_zero_in_the_sentence():
    # o1 wins as soon as gain matters at all: gain unset means 0, so the change is 0 -> 1.
    table = build([COST, GAIN, EVEN], {"cost": [0, 0], "gain": [0, 10], "even": [1, 1]})
    scorer = Scorer(table)
    ranking = scorer.score({"cost": 5, "even": 5})
    assert ranking.top == "o0" and ranking.weights["gain"] == 0
    result = scorer.sensitivity(ranking)
    assert (result.criterion, result.current, result.new, result.new_top) == ("gain", 0, 1, "o1")
    assert "instead of 0" in result.sentence(table)
    assert normalise_weights({"cost": 5}, [COST, GAIN]).to_dict() == {"cost": 1.0, "gain": 0.0}


def test_a_change_that_needs_exactly_ten():
    """o1 beats o0 only when 0.95 x gain > 9, that is gain = 10 (a change of 10)."""
    table = build([COST, GAIN, EVEN], {"cost": [0, 100], "gain": [0.5, 10], "even": [1, 1]})
    scorer = Scorer(table)
    ranking = scorer.score({"cost": 9, "gain": 0, "even": 1})
    result = scorer.sensitivity(ranking)
    assert (result.criterion, result.current, result.new, result.change) == ("gain", 0, 10, 10)
    assert scorer.score({"cost": 9, "gain": 9, "even": 1}).top == "o0"
    assert scorer.score({"cost": 9, "gain": 10, "even": 1}).top == "o1"


def test_a_tie_is_not_a_change_of_top():
    """Lowering cost to 0 only ties o0 and o1: nothing is truly ahead, so the top is robust."""
    table = build([COST, GAIN], {"cost": [0, 100], "gain": [5, 5]})
    scorer = Scorer(table)
    result = scorer.sensitivity(scorer.score({"cost": 3, "gain": 2}))
    assert result.criterion is None


def test_ties_between_equal_changes_prefer_the_first_criterion_raised():
    # o0 = 5 x 0.6 = 3; o1 = gain, o2 = even. Raising gain or even to 4 (a change of 3) puts
    # o1 or o2 ahead; lowering cost needs 0.6 c < 1, c = 1 (a change of 4). Gain comes first.
    table = build([COST, GAIN, EVEN], {"cost": [40, 100, 100], "gain": [0, 10, 0], "even": [0, 0, 1]})
    scorer = Scorer(table)
    result = scorer.sensitivity(scorer.score({"cost": 5, "gain": 1, "even": 1}))
    assert (result.criterion, result.new, result.new_top, result.change) == ("gain", 4, "o1", 3)


def test_one_option_left_is_top_and_robust():
    table = build([COST, GAIN], {"cost": [10, 90], "gain": [1, 9]})
    scorer = Scorer(table)
    result = scorer.sensitivity(scorer.score({"cost": 5, "gain": 5}, ["o1"]))
    assert result.top == "o1" and result.criterion is None
    assert scorer.sensitivity(scorer.score({"cost": 5}, [])).top is None


def test_three_way_tie_in_rank():
    assert rank(pd.Series({"a": 5.0, "b": 5.0, "c": 5.0, "d": 1.0})).to_dict() == {"a": 1, "b": 1, "c": 1, "d": 4}
    assert rank(pd.Series({"a": 1.0, "b": 5.0, "c": 5.0, "d": 5.0})).to_dict() == {"a": 4, "b": 1, "c": 1, "d": 1}
    table = build([COST, GAIN], {"cost": [50, 20, 50, 50], "gain": [5, 5, 5, 5]})
    ranking = Scorer(table).score({"cost": 1, "gain": 1})
    assert ranking.ranks.to_dict() == {"o0": 2, "o1": 1, "o2": 2, "o3": 2}
    assert ranking.order() == ["o1", "o0", "o2", "o3"]  # ties keep table order


def test_a_change_past_ten_does_not_count():
    """o1 would need gain 11 (0.95 g > 10): no importance goes past 10, so the top is robust."""
    table = build([COST, GAIN, EVEN], {"cost": [0, 100], "gain": [0.5, 10], "even": [1, 1]})
    scorer = Scorer(table)
    ranking = scorer.score({"cost": 10, "gain": 0, "even": 1})
    result = scorer.sensitivity(ranking)
    assert result.criterion is None and result.top == ranking.top == "o0"
    assert "Option o0 stays at the top" in result.sentence(table)


def test_a_change_that_leaves_one_importance_of_one():
    """o0 = 0.5 c + g, o1 = c with cost 1 and gain 5: only gain lowered to 0 (the rest summing to 1) works."""
    table = build([COST, GAIN], {"cost": [50, 0], "gain": [10, 0]})
    scorer = Scorer(table)
    result = scorer.sensitivity(scorer.score({"cost": 1, "gain": 5}))
    assert (result.criterion, result.new, result.new_top, result.change) == ("gain", 0, "o1", 5)
