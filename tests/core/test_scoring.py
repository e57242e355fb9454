"""Scoring: worked example, independent cross-check, limits, sensitivity, properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from scoring_tables import unknown_by_the_rules
from hypothesis import assume, given
from hypothesis import strategies as st

from decision_aid.core.errors import WeightError
from decision_aid.core.scoring import (
    TIE_POINTS,
    Limits,
    Scorer,
    default_importances,
    normalise_weights,
    parse_weight,
    rank,
)
from decision_aid.core.table import Criterion, DecisionTable, Direction


def make_table(values: dict[str, list[float]], criteria: list[Criterion],
               categories: list[str] | None = None, contraindications: list[str] | None = None) -> DecisionTable:
    n = len(next(iter(values.values())))
    ids = [f"o{i}" for i in range(n)]
    frame = pd.DataFrame(values, index=pd.Index(ids, name="id"), dtype=float)
    frame["name"] = [f"Option {i}" for i in range(n)]
    frame["category"] = categories or ["home"] * n
    frame["contraindications"] = contraindications or [""] * n
    return DecisionTable(folder=None, options=frame, criteria=tuple(criteria))  # type: ignore[arg-type]


COST = Criterion("cost", "Cost", Direction.LOWER, 0, 100, "pounds", default_weight=2)
GAIN = Criterion("gain", "Gain", Direction.HIGHER, 0, 10, "points", default_weight=6, role="benefit")
NEEDLE = Criterion("needle", "Invasive", Direction.LOWER, 0, 4, "level", role="invasiveness")


def test_worked_example_by_hand():
    """Two criteria, written out by hand.

    Weights: cost 2, gain 6 -> 0.25 and 0.75.
    o0: cost 20 -> (100-20)/100 = 0.8; gain 4 -> 0.4. Score = 100*(0.25*0.8 + 0.75*0.4) = 20 + 30 = 50.
    o1: cost 100 -> 0.0; gain 10 -> 1.0. Score = 0 + 75 = 75.
    o2: cost 0 -> 1.0; gain missing -> 0 (no reliable figure). Score = 25 + 0 = 25.
    """
    table = make_table({"cost": [20, 100, 0], "gain": [4, 10, np.nan]}, [COST, GAIN])
    ranking = Scorer(table).score({"cost": 2, "gain": 6})
    assert ranking.weights.to_dict() == pytest.approx({"cost": 0.25, "gain": 0.75})
    assert ranking.scores.to_dict() == pytest.approx({"o0": 50, "o1": 75, "o2": 25})
    assert ranking.contributions.loc["o0"].to_dict() == pytest.approx({"cost": 20, "gain": 30})
    assert ranking.order() == ["o1", "o0", "o2"]
    assert ranking.ranks.to_dict() == {"o1": 1, "o0": 2, "o2": 3}
    assert bool(ranking.missing.at["o2", "gain"]) and not ranking.missing.at["o0", "gain"]


@pytest.mark.filterwarnings("ignore:Alternatives with indices:UserWarning")
def test_matches_independent_weighted_sum_model(bundled_table):
    """pymcdm's weighted-sum model, given the declared ranges as two extra rows, agrees."""
    from pymcdm import normalizations
    from pymcdm.methods import WSM

    criteria = bundled_table.criteria
    importances = {c.column: w for c, w in zip(criteria, [3, 7, 5, 1, 9, 8])}
    ours = Scorer(bundled_table).score(importances)
    raw = bundled_table.options[[c.column for c in criteria]].to_numpy(dtype=float)
    worst = np.array([c.max if c.better is Direction.LOWER else c.min for c in criteria])
    best = np.array([c.min if c.better is Direction.LOWER else c.max for c in criteria])
    # An unknown cell (empty, measured another way, or a timing without a noticeable benefit)
    # counts as the worst end of the range, as documented.
    filled = np.where(unknown_by_the_rules(bundled_table), worst, raw)
    matrix = np.vstack([filled, worst, best])
    weights = np.array([importances[c.column] for c in criteria], dtype=float)
    types = np.array([-1 if c.better is Direction.LOWER else 1 for c in criteria])
    theirs = WSM(normalization_function=normalizations.minmax_normalization)(
        matrix, weights / weights.sum(), types)[: len(raw)]
    assert ours.scores.to_numpy() / 100 == pytest.approx(theirs, abs=1e-9)


def test_contributions_sum_to_score(bundled_table):
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    assert ranking.contributions.sum(axis=1).to_numpy() == pytest.approx(ranking.scores.to_numpy())
    assert set(ranking.contributions.columns) == {c.column for c in bundled_table.criteria}


def test_other_condition_ranks_without_code_change(other_table):
    ranking = Scorer(other_table).score(default_importances(other_table.criteria))
    assert list(ranking.contributions.columns) == ["cost", "hours", "benefit"]
    assert ranking.order()[0] == "alpha"


# --------------------------------------------------------------------------- weights


def test_parse_weight_accepts_decimal_comma_and_case():
    assert parse_weight("GAIN=7,5", [COST, GAIN]) == ("gain", 7.5)


@pytest.mark.parametrize("text, message", [
    ("speed=3", "not a criterion"),
    ("gain", "CRITERION=N"),
    ("gain=lots", "not a number"),
    ("gain=11", "from 0"),
    ("gain=-1", "from 0"),
    ("gain=nan", "from 0"),
])
def test_bad_weights_are_explained(text, message):
    with pytest.raises(WeightError, match=message):
        parse_weight(text, [COST, GAIN])


def test_all_zero_weights_rejected():
    with pytest.raises(WeightError, match="every importance is 0"):
        normalise_weights({"cost": 0, "gain": 0}, [COST, GAIN])


@given(st.lists(st.floats(0, 10), min_size=2, max_size=2).filter(lambda w: sum(w) > 0))
def test_normalised_weights_sum_to_one(raw):
    weights = normalise_weights(dict(zip(["cost", "gain"], raw)), [COST, GAIN])
    assert weights.sum() == pytest.approx(1.0)
    assert (weights >= 0).all()


# --------------------------------------------------------------------------- properties

values = st.floats(0, 100, allow_nan=False)
small = st.floats(0, 10, allow_nan=False)


@st.composite
def tables(draw):
    n = draw(st.integers(2, 8))
    cost = draw(st.lists(st.one_of(values, st.just(math.nan)), min_size=n, max_size=n))
    gain = draw(st.lists(st.one_of(small, st.just(math.nan)), min_size=n, max_size=n))
    return make_table({"cost": cost, "gain": gain}, [COST, GAIN])


importances = st.tuples(small, small).filter(lambda w: sum(w) > 0.01)


@given(tables(), importances)
def test_scores_are_bounded(table, w):
    scores = Scorer(table).score({"cost": w[0], "gain": w[1]}).scores
    assert ((scores >= -1e-9) & (scores <= 100 + 1e-9)).all()


@given(tables(), importances, st.floats(0.1, 1.0))
def test_scaling_every_weight_keeps_ranks(table, w, factor):
    scorer = Scorer(table)
    a = scorer.score({"cost": w[0], "gain": w[1]})
    b = scorer.score({"cost": w[0] * factor, "gain": w[1] * factor})
    assert a.scores.to_numpy() == pytest.approx(b.scores.to_numpy(), abs=1e-9)


@given(tables(), importances, st.data())
def test_filtering_options_never_changes_other_scores(table, w, data):
    scorer = Scorer(table)
    full = scorer.score({"cost": w[0], "gain": w[1]})
    keep = data.draw(st.lists(st.sampled_from(table.ids), min_size=1, unique=True))
    part = scorer.score({"cost": w[0], "gain": w[1]}, keep)
    assert part.scores.to_numpy() == pytest.approx(full.scores[part.scores.index].to_numpy())


@given(tables(), importances, st.integers(0, 7), st.floats(0, 30))
def test_improving_a_value_never_lowers_the_score(table, w, which, step):
    with_figure = [i for i in table.ids if not math.isnan(table.options.at[i, "cost"])]
    assume(with_figure)
    option = with_figure[which % len(with_figure)]
    better = table.options.copy()
    better.at[option, "cost"] = max(0.0, better.at[option, "cost"] - step)
    improved = DecisionTable(folder=None, options=better, criteria=table.criteria)  # type: ignore[arg-type]
    before = Scorer(table).score({"cost": w[0], "gain": w[1]}).scores[option]
    after = Scorer(improved).score({"cost": w[0], "gain": w[1]}).scores[option]
    assert after >= before - 1e-9


@given(tables(), importances)
def test_option_best_on_every_criterion_ranks_first(table, w):
    options = table.options.copy()
    options.loc["best"] = options.iloc[0]
    options.at["best", "cost"] = 0.0
    options.at["best", "gain"] = 10.0
    table = DecisionTable(folder=None, options=options, criteria=table.criteria)  # type: ignore[arg-type]
    ranking = Scorer(table).score({"cost": w[0], "gain": w[1]})
    assert ranking.ranks["best"] == 1


def test_rank_ties_share_the_better_rank():
    assert rank(pd.Series({"a": 5.0, "b": 9.0, "c": 5.0})).to_dict() == {"a": 2, "b": 1, "c": 2}


# --------------------------------------------------------------------------- limits


def test_limits_exclude_category_invasiveness_and_contraindication():
    table = make_table({"cost": [10, 20, 30, 40], "needle": [0, 4, 1, np.nan]}, [COST, NEEDLE],
                       categories=["home", "conventional", "alternative", "home"],
                       contraindications=["", "Pregnancy; Bleeding disorder", "bleeding disorder", ""])
    assert Limits(exclude_categories=frozenset({"home"})).allowed(table).to_dict() == \
        {"o0": False, "o1": True, "o2": True, "o3": False}
    limits = Limits(max_invasiveness=2)
    assert limits.allowed(table).to_dict() == {"o0": True, "o1": False, "o2": True, "o3": False}
    assert "above the limit" in limits.reasons(table, "o1")[0]
    assert "no reliable figure" in limits.reasons(table, "o3")[0]
    limits = Limits(contraindications=frozenset({"Bleeding disorder"}))
    assert limits.allowed(table).to_dict() == {"o0": True, "o1": False, "o2": False, "o3": True}
    assert limits.reasons(table, "o2") == ["not advised with: bleeding disorder"]


def test_limits_on_bundled_table_rule_out_injections(bundled_table):
    allowed = Limits(max_invasiveness=2).allowed(bundled_table)
    assert not allowed["botox"] and not allowed["acupuncture"]
    assert allowed["exercise_yoga"] and allowed["no_treatment"]


# --------------------------------------------------------------------------- sensitivity


def test_sensitivity_finds_smallest_single_change():
    # o0 is cheap with little gain; o1 is dear with much gain.
    table = make_table({"cost": [0, 100], "gain": [2, 10]}, [COST, GAIN])
    scorer = Scorer(table)
    ranking = scorer.score({"cost": 6, "gain": 2})
    # o0: 6*1 + 2*0.2 = 6.4 ; o1: 0 + 2*1 = 2 -> o0 on top.
    assert ranking.top == "o0"
    result = scorer.sensitivity(ranking)
    # Raising gain to g: o1 wins when g > 6 + 0.2 g  ->  g > 7.5 -> 8 (a change of 6).
    # Lowering cost to c: o1 wins when c + 0.4 < 2  ->  c < 1.6 -> 1 (a change of 5, the smallest).
    assert (result.criterion, result.new, result.new_top) == ("cost", 1, "o1")
    assert "would change from Option 0 to Option 1 if 'Cost' mattered 1 out of 10 instead of 6" \
        in result.sentence(table)
    assert scorer.score({"cost": 1, "gain": 2}).top == "o1"
    assert scorer.score({"cost": 2, "gain": 2}).top == "o0"


def test_sensitivity_reports_robust_top():
    table = make_table({"cost": [0, 100], "gain": [10, 0]}, [COST, GAIN])
    scorer = Scorer(table)
    result = scorer.sensitivity(scorer.score({"cost": 5, "gain": 5}))
    assert result.criterion is None
    assert "robust to any single weight change" in result.sentence(table)


@given(tables(), st.tuples(st.integers(0, 10), st.integers(0, 10)).filter(lambda w: sum(w) > 0))
def test_sensitivity_change_really_changes_the_top(table, w):
    scorer = Scorer(table)
    importances = {"cost": w[0], "gain": w[1]}
    ranking = scorer.score(importances)
    result = scorer.sensitivity(ranking)
    if result.criterion is None:
        # No single integer change from 0 to 10 puts a strictly better option on top.
        for column in ("cost", "gain"):
            for value in range(11):
                trial = dict(importances, **{column: value})
                if sum(trial.values()) == 0:
                    continue
                scores = scorer.score(trial).scores
                assert scores.max() <= scores[ranking.top] + TIE_POINTS
    else:
        trial = dict(importances, **{result.criterion: result.new})
        scores = scorer.score(trial).scores
        assert scores[result.new_top] > scores[ranking.top]


def test_parse_weight_messages_name_the_criterion_and_the_choices():
    with pytest.raises(WeightError, match=r"'speed' is not a criterion of this table; use one of: cost, gain$"):
        parse_weight("speed=3", [COST, GAIN])
    with pytest.raises(WeightError, match="'five' is not a number; give gain an importance"):
        parse_weight("gain=five", [COST, GAIN])
    # Split at the last "=": a name holding one is read as a name, so "gain=5=3" names no criterion.
    with pytest.raises(WeightError, match="'gain=5' is not a criterion of this table"):
        parse_weight("gain=5=3", [COST, GAIN])
    assert parse_weight("gain=-0", [COST, GAIN]) == ("gain", 0.0) and str(parse_weight("gain=-0", [GAIN])[1]) == "0.0"
    with pytest.raises(WeightError, match="the importance of 'gain' is 12"):
        parse_weight("gain=12", [COST, GAIN])


@pytest.mark.parametrize("value, words", [
    (0, "doesn't matter"), (0.5, "matters a little"), (3.9, "matters a little"), (4, "matters"),
    (6.9, "matters"), (7, "matters a lot"), (9.9, "matters a lot"), (10, "matters most"),
])
def test_importance_in_words(value, words):
    from decision_aid.core.scoring import importance_words

    assert importance_words(value) == words
