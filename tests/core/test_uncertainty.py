"""SMAA-2 uncertainty: worked by hand, an independent Monte Carlo, ties, and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scoring_tables import COST, GAIN, NAN, ONSET, RELIEF, build, unknown_by_the_rules

from decision_aid.core.scoring import Limits, Scorer
from decision_aid.core.table import Direction
from decision_aid.core.uncertainty import (
    Uncertainty,
    acceptability,
    percentiles,
    sample_count,
    stable_key,
    too_close_to_call,
    uniforms,
)

# --------------------------------------------------------------------------- worked by hand


def test_two_options_one_uniform_criterion_each_by_hand():
    """Gain (0-10, higher better) is the only criterion, so score = 10 x gain.

    o0 is uniform on [2, 6], o1 on [4, 8]. o0 ranks first only when both fall in the overlap
    [4, 6] with o0 above: P = (1/4)(1/4)(2 x 2 / 2) = 0.125. o0's 10th and 90th percentiles
    are 20 + 0.1 x 40 = 24 and 56; o1's are 44 and 76.
    """
    table = build([GAIN], {"gain": [4, 6]}, extra={"gain_low": [2, 4], "gain_high": [6, 8]})
    result = Scorer(table).uncertainty({"gain": 7})
    assert result.samples == 2000
    se = np.sqrt(0.125 * 0.875 / 2000)
    assert result.p_first["o0"] == pytest.approx(0.125, abs=4 * se)
    assert result.p_first.sum() == pytest.approx(1.0)
    assert result.score_low.to_dict() == pytest.approx({"o0": 24, "o1": 44}, abs=1.5)
    assert result.score_high.to_dict() == pytest.approx({"o0": 56, "o1": 76}, abs=1.5)
    assert result.rank_probabilities[2].to_dict() == pytest.approx(
        {"o0": 1 - result.p_first["o0"], "o1": result.p_first["o0"]})
    assert result.rank_probabilities[3].sum() == 0  # only two options


def test_lower_is_better_range_is_scaled_as_score_scales_it():
    """Cost (0-100, lower better) uniform on [20, 60]: scaled 0.4..0.8, percentiles 44 and 76."""
    table = build([COST], {"cost": [40]}, extra={"cost_low": [20], "cost_high": [60]})
    result = Scorer(table).uncertainty({"cost": 1})
    assert result.score_low["o0"] == pytest.approx(44, abs=1.5)
    assert result.score_high["o0"] == pytest.approx(76, abs=1.5)
    assert result.p_first["o0"] == 1.0


def test_unknown_cells_stay_at_the_worst_end_and_are_not_sampled():
    """A range on a cell that counts as unknown (here: no benefit, so its timing) is not sampled."""
    table = build([RELIEF, ONSET], {"relief": [NAN], "onset": [10]},
                  extra={"onset_low": [0], "onset_high": [100]})
    result = Scorer(table).uncertainty({"relief": 1, "onset": 1})
    assert result.score_low["o0"] == result.score_high["o0"] == 0


def test_a_figure_without_a_range_is_exact():
    table = build([GAIN, COST], {"gain": [5, 5], "cost": [50, 40]})
    result = Scorer(table).uncertainty({"gain": 1, "cost": 1})
    assert result.score_low.tolist() == pytest.approx([50, 55])
    assert result.score_high.tolist() == pytest.approx([50, 55])
    assert result.p_first.tolist() == [0.0, 1.0]


def test_one_missing_end_of_a_range_is_the_figure():
    table = build([GAIN], {"gain": [5]}, extra={"gain_low": [1], "gain_high": [NAN]})
    result = Scorer(table).uncertainty({"gain": 1})  # uniform on [1, 5]: 14 and 46
    assert result.score_low["o0"] == pytest.approx(14, abs=1.5)
    assert result.score_high["o0"] == pytest.approx(46, abs=1.5)


def test_limits_select_the_options_as_score_does():
    table = build([GAIN], {"gain": [4, 6, 9]}, contraindications=["", "", "Pregnancy"])
    scorer = Scorer(table)
    limits = Limits(contraindications=frozenset({"pregnancy"}))
    result = scorer.uncertainty({"gain": 1}, limits=limits)
    assert list(result.p_first.index) == list(scorer.score({"gain": 1}, limits=limits).scores.index)
    assert result.p_first.to_dict() == {"o0": 0.0, "o1": 1.0}


# --------------------------------------------------------------------------- independent Monte Carlo


def independent_smaa(table, importances, samples, seed):
    """The issue's words, written again without the app's code.

    A figure with X_low and X_high is uniform on [X_low, X_high]; without a range it is exact;
    an unknown cell stays at the worst end. Scale over the declared range (1 at the better
    end), weigh by importance / sum, times 100. p_first: share of samples ranked first (ties
    shared); the interval: 10th and 90th percentiles.
    """
    rng = np.random.default_rng(seed)
    total = sum(importances.values())
    n = len(table.ids)
    scores = np.zeros((samples, n))
    for c in table.criteria:
        weight = importances.get(c.column, 0) / total
        for i, option in enumerate(table.ids):
            value = table.options.at[option, c.column]
            if np.isnan(value):
                continue  # worst end: scaled 0
            low = table.options.at[option, c.column + "_low"] if c.column + "_low" in table.options else NAN
            high = table.options.at[option, c.column + "_high"] if c.column + "_high" in table.options else NAN
            low = value if np.isnan(low) else low
            high = value if np.isnan(high) else high
            x = rng.uniform(low, high, samples) if high > low else np.full(samples, value)
            scaled = np.clip((x - c.min) / (c.max - c.min), 0, 1)
            if c.better is Direction.LOWER:
                scaled = 1 - scaled
            scores[:, i] += 100 * weight * scaled
    best = scores.max(axis=1, keepdims=True)
    first = np.isclose(scores, best, rtol=0, atol=1e-7)
    p_first = (first / first.sum(axis=1, keepdims=True)).mean(axis=0)
    low, high = np.percentile(scores, [10, 90], axis=0)
    return p_first, low, high


@st.composite
def ranged_tables(draw):
    n = draw(st.integers(2, 4))
    values = {}
    extra = {}
    for c in (COST, GAIN):
        column = []
        lows, highs = [], []
        for _ in range(n):
            if draw(st.booleans()) and draw(st.booleans()):
                column.append(NAN), lows.append(NAN), highs.append(NAN)
                continue
            a, b = sorted(draw(st.tuples(st.floats(c.min, c.max), st.floats(c.min, c.max))))
            column.append((a + b) / 2), lows.append(a), highs.append(b)
        values[c.column], extra[c.column + "_low"], extra[c.column + "_high"] = column, lows, highs
    return build([COST, GAIN], values, extra=extra)


@given(ranged_tables(), st.tuples(st.integers(0, 10), st.integers(0, 10)).filter(lambda w: sum(w) > 0))
def test_matches_an_independent_monte_carlo(table, w):
    importances = {"cost": w[0], "gain": w[1]}
    ours = Scorer(table).uncertainty(importances)
    p_first, low, high = independent_smaa(table, importances, 20_000, seed=7)
    assert ours.p_first.to_numpy() == pytest.approx(p_first, abs=0.05)
    # Percentile error: a few standard errors of a 2,000-sample quantile of a range this wide.
    spread = 100 * (w[0] + w[1]) / sum(w)
    assert ours.score_low.to_numpy() == pytest.approx(low, abs=0.04 * spread)
    assert ours.score_high.to_numpy() == pytest.approx(high, abs=0.04 * spread)


def test_matches_an_independent_monte_carlo_on_the_bundled_table(bundled_table):
    importances = {c.column: 5 for c in bundled_table.criteria}
    importances["pain_relief"] = 9
    ours = Scorer(bundled_table).uncertainty(importances)
    # Unknown cells stay at the worst end: blank them, as an empty cell is.
    options = bundled_table.options.copy()
    unknown = unknown_by_the_rules(bundled_table)
    for j, c in enumerate(bundled_table.criteria):
        options.loc[unknown[:, j], c.column] = NAN
    plain = type(bundled_table)(folder=None, options=options, criteria=bundled_table.criteria)
    p_first, low, high = independent_smaa(plain, importances, 20_000, seed=3)
    assert ours.p_first.to_numpy() == pytest.approx(p_first, abs=0.04)
    assert ours.score_low.to_numpy() == pytest.approx(low, abs=0.5)
    assert ours.score_high.to_numpy() == pytest.approx(high, abs=0.5)


# --------------------------------------------------------------------------- ties and shares


def brute_shares(scores: np.ndarray, ranks: int = 3) -> np.ndarray:
    """Rank shares by walking every sample: a tie of t just below g better shares ranks g+1..g+t."""
    samples, n = scores.shape
    out = np.zeros((n, ranks))
    for row in np.round(scores, 7):
        for i in range(n):
            better = int((row > row[i]).sum())
            tied = int((row == row[i]).sum())
            for r in range(better, min(better + tied, ranks)):
                out[i, r] += 1 / tied
    return out / samples


def test_three_way_tie_shares_the_first_three_places():
    shares = acceptability(np.array([[5.0, 5.0, 5.0, 1.0]] * 4))
    assert shares[:3] == pytest.approx(np.full((3, 3), 1 / 3))
    assert shares[3].tolist() == [0, 0, 0]


def test_tie_for_second_place():
    shares = acceptability(np.array([[10.0, 5.0, 5.0, 1.0], [1.0, 5.0, 5.0, 10.0]]))
    assert shares == pytest.approx(np.array([[0.5, 0, 0], [0, 0.5, 0.5], [0, 0.5, 0.5], [0.5, 0, 0]]))


@given(st.integers(1, 6), st.integers(1, 30), st.integers(0, 2**32 - 1), st.integers(1, 4))
def test_shares_match_a_sample_by_sample_count(n, samples, seed, levels):
    scores = np.random.default_rng(seed).integers(0, levels, (samples, n)).astype(float)  # many ties
    shares = acceptability(scores)
    assert shares == pytest.approx(brute_shares(scores))
    for r in range(min(3, n)):
        assert shares[:, r].sum() == pytest.approx(1.0)


@given(st.integers(1, 50), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_percentiles_match_numpy(samples, n, seed):
    scores = np.random.default_rng(seed).random((samples, n)) * 100
    assert percentiles(scores, [10, 90]) == pytest.approx(np.percentile(scores, [10, 90], axis=0))


def test_too_close_to_call():
    assert too_close_to_call(pd.Series({"a": 0.6, "b": 0.4})) == ()
    assert too_close_to_call(pd.Series({"a": 0.45, "b": 0.05, "c": 0.5})) == ("c", "a")
    assert too_close_to_call(pd.Series({"a": 0.3, "b": 0.3, "c": 0.3, "d": 0.1})) == ("a", "b", "c", "d")
    assert too_close_to_call(pd.Series({"a": 0.5, "b": 0.08, "c": 0.42}), floor=0.1) == ("a", "c")
    assert too_close_to_call(pd.Series({"a": 1.0})) == ()


def test_sample_count_keeps_the_budget():
    assert sample_count(13) == sample_count(2000) == 2000
    assert sample_count(10_000) == 400
    for n in (2001, 5000, 123_457, 4_000_000):
        assert 1 <= sample_count(n) and n * sample_count(n) <= 4_000_000


def test_keys_are_stable_across_processes():
    """Not Python's hash(), which changes from run to run: a fixed value for a fixed id."""
    assert int(stable_key("physical_therapy")) == int.from_bytes(
        __import__("hashlib").blake2b(b"physical_therapy", digest_size=8).digest(), "little")
    draws = uniforms(np.array([stable_key("a"), stable_key("b")]), 1000)
    assert draws.shape == (1000, 2) and 0 <= draws.min() and draws.max() < 1
    assert abs(draws.mean() - 0.5) < 0.05 and abs(np.corrcoef(draws.T)[0, 1]) < 0.1
    assert np.array_equal(uniforms(np.array([stable_key("a")]), 10)[:, 0], draws[:10, 0])


# --------------------------------------------------------------------------- properties


@st.composite
def dominated(draw):
    """Option 'top' is exact and strictly better on both criteria than every other option."""
    n = draw(st.integers(1, 5))
    cost_top = draw(st.floats(0, 40))
    gain_top = draw(st.floats(6, 10))
    costs, gains, lows, highs, glows, ghighs = [], [], [], [], [], []
    for _ in range(n):
        a, b = sorted(draw(st.tuples(st.floats(cost_top + 1, 100), st.floats(cost_top + 1, 100))))
        g1, g2 = sorted(draw(st.tuples(st.floats(0, gain_top - 1), st.floats(0, gain_top - 1))))
        costs.append((a + b) / 2), lows.append(a), highs.append(b)
        gains.append((g1 + g2) / 2), glows.append(g1), ghighs.append(g2)
    return build([COST, GAIN], {"cost": [cost_top] + costs, "gain": [gain_top] + gains},
                 extra={"cost_low": [NAN] + lows, "cost_high": [NAN] + highs,
                        "gain_low": [NAN] + glows, "gain_high": [NAN] + ghighs},
                 ids=["top"] + [f"o{i}" for i in range(n)])


weights2 = st.tuples(st.integers(1, 10), st.integers(1, 10))


@given(dominated(), weights2)
def test_an_option_better_on_every_criterion_always_ranks_first(table, w):
    result = Scorer(table).uncertainty({"cost": w[0], "gain": w[1]})
    assert result.p_first["top"] == 1.0
    assert result.too_close_to_call() == ()


@given(ranged_tables(), weights2)
def test_identical_options_share_their_probabilities(table, w):
    options = table.options.copy()
    options.loc["twin"] = options.iloc[0]
    table = type(table)(folder=None, options=options, criteria=table.criteria)
    result = Scorer(table).uncertainty({"cost": w[0], "gain": w[1]})
    first = table.ids[0]
    # Independent streams: the two estimates differ by sampling error only (5 standard errors).
    se = np.sqrt(2 * 0.25 / result.samples)
    assert abs(result.p_first[first] - result.p_first["twin"]) <= 5 * se
    assert abs(result.score_low[first] - result.score_low["twin"]) <= 0.05 * 100
    for r in (1, 2, 3):
        assert abs(result.rank_probabilities.at[first, r] - result.rank_probabilities.at["twin", r]) <= 5 * se


@given(ranged_tables(), weights2)
def test_shares_add_up(table, w):
    result = Scorer(table).uncertainty({"cost": w[0], "gain": w[1]})
    assert result.p_first.sum() == pytest.approx(1.0)
    for r in range(1, min(3, len(table.ids)) + 1):
        assert result.rank_probabilities[r].sum() == pytest.approx(1.0)
    assert (result.rank_probabilities.sum(axis=1) <= 1 + 1e-9).all()
    assert (result.score_low <= result.score_high + 1e-9).all()


@given(st.floats(0, 10), st.floats(0, 10), st.floats(0, 1), st.floats(0, 1), st.floats(0, 100), weights2)
def test_narrowing_a_range_never_widens_the_interval(a, b, cut_low, cut_high, cost, w):
    """One ranged cell: the interval is that cell's spread, so narrowing it cannot widen it."""
    low, high = sorted((a, b))
    assume(high > low)
    new_low = low + cut_low * (high - low) / 2
    new_high = high - cut_high * (high - low) / 2
    widths = []
    for lo, hi in ((low, high), (new_low, new_high)):
        table = build([COST, GAIN], {"cost": [cost], "gain": [(lo + hi) / 2]},
                      extra={"gain_low": [lo], "gain_high": [hi]}, ids=["x"])
        result = Scorer(table).uncertainty({"cost": w[0], "gain": w[1]})
        widths.append(result.score_high["x"] - result.score_low["x"])
    assert widths[1] <= widths[0] + 1e-9


@given(ranged_tables(), weights2, st.data())
def test_filtering_never_changes_an_interval(table, w, data):
    importances = {"cost": w[0], "gain": w[1]}
    scorer = Scorer(table)
    full = scorer.uncertainty(importances)
    keep = data.draw(st.lists(st.sampled_from(table.ids), min_size=1, unique=True))
    part = scorer.uncertainty(importances, keep)
    assert part.samples == full.samples
    assert part.score_low.to_numpy() == pytest.approx(full.score_low[part.score_low.index].to_numpy(), abs=1e-9)
    assert part.score_high.to_numpy() == pytest.approx(full.score_high[part.score_low.index].to_numpy(), abs=1e-9)


@given(ranged_tables(), weights2)
def test_same_input_same_output(table, w):
    importances = {"cost": w[0], "gain": w[1]}
    a = Scorer(table).uncertainty(importances)
    b = Scorer(table).uncertainty(importances)
    for x, y in ((a.score_low, b.score_low), (a.score_high, b.score_high), (a.p_first, b.p_first)):
        assert x.equals(y)
    assert a.rank_probabilities.equals(b.rank_probabilities)
    assert isinstance(a, Uncertainty)


def test_honest_numbers_per_option_in_ranking_order():
    from decision_aid.core.scoring import honest_numbers

    table = build([GAIN, COST], {"gain": [4, 6, NAN], "cost": [10, 10, 10]},
                  extra={"gain_low": [2, 4, NAN], "gain_high": [6, 8, NAN]})
    scorer = Scorer(table)
    ranking = scorer.score({"gain": 1, "cost": 1})
    frame = honest_numbers(ranking, scorer.uncertainty({"gain": 1, "cost": 1}))
    assert list(frame.index) == ["o1", "o0", "o2"]
    assert list(frame.columns) == ["score", "score_best", "score_low", "score_high", "p_first", "p_rank_2",
                                   "p_rank_3"]
    assert frame.at["o2", "score"] == 45 and frame.at["o2", "score_best"] == 95
    assert frame["p_first"].sum() == pytest.approx(1.0)
    assert list(honest_numbers(ranking).columns) == ["score", "score_best"]


def test_uncertainty_of_the_options_asked_for_only():
    table = build([GAIN], {"gain": [4, 6, 8]}, extra={"gain_low": [2, 4, 6], "gain_high": [6, 8, 9]})
    result = Scorer(table).uncertainty({"gain": 1}, ["o2", "o0"])
    assert list(result.p_first.index) == ["o2", "o0"]  # in the order asked, as score gives them
    assert result.p_first["o2"] > 0.9


def test_too_close_to_call_edges():
    assert too_close_to_call(pd.Series({"a": 0.5, "b": 0.5})) == ("a", "b")
    eleven = pd.Series({"a": 0.5, **{f"x{i}": 0.05 for i in range(10)}})
    assert too_close_to_call(eleven) == ("a", "x0")  # one above the floor: the two likeliest
    result = Uncertainty(score_low=eleven, score_high=eleven, p_first=eleven,
                         rank_probabilities=pd.DataFrame({1: eleven}), samples=1)
    assert result.too_close_to_call() == ("a", "x0")
    assert result.too_close_to_call(floor=0.05)[:3] == ("a", "x0", "x1")


def test_sampled_scores_by_hand():
    """One option, two sampled criteria worth 1 and 30 points, and a third worth 0 (never drawn)."""
    from decision_aid.core.uncertainty import sampled_scores

    keys = np.array([stable_key("a")])
    streams = np.array([stable_key("s1"), stable_key("s2"), stable_key("s3")])
    starts = np.array([[0.2, 0.9, 0.0]])
    widths = np.array([[0.5, -0.4, 1.0]])
    points = np.array([1.0, 30.0, 0.0])
    out = sampled_scores(np.array([7.0]), points, starts, widths, keys, streams, 500)
    u1 = uniforms(keys ^ streams[0], 500)[:, 0]
    u2 = uniforms(keys ^ streams[1], 500)[:, 0]
    assert out[:, 0] == pytest.approx(7 + 1 * (0.2 + 0.5 * u1) + 30 * (0.9 - 0.4 * u2))
    assert out.dtype == np.float64


def test_a_range_past_the_declared_range_is_clipped_there():
    from decision_aid.core.uncertainty import sampled_scores

    out = sampled_scores(np.zeros(1), np.array([10.0]), np.array([[-0.5]]), np.array([[2.0]]),
                         np.array([stable_key("a")]), np.array([stable_key("s")]), 1000)
    assert out.min() == 0 and out.max() == 10
    assert 0.2 < (out == 0).mean() < 0.3 and 0.2 < (out == 10).mean() < 0.3


def test_many_ties_across_many_options():
    scores = np.random.default_rng(5).integers(0, 4, (300, 40)).astype(float)
    assert acceptability(scores) == pytest.approx(brute_shares(scores))


def test_shares_of_distinct_scores_across_many_options():
    scores = np.random.default_rng(9).random((200, 40))
    assert acceptability(scores) == pytest.approx(brute_shares(scores))


def test_no_samples_or_no_options():
    from decision_aid.core.uncertainty import summarise

    assert acceptability(np.zeros((0, 3))).tolist() == [[0, 0, 0]] * 3
    assert acceptability(np.zeros((5, 0))).shape == (0, 3)
    empty = summarise(["a", "b"], np.zeros((0, 2)))
    assert empty.score_low.isna().all() and empty.p_first.tolist() == [0, 0]


def test_a_range_past_the_top_of_the_declared_range_is_clipped_there():
    from decision_aid.core.uncertainty import sampled_scores

    out = sampled_scores(np.zeros(1), np.array([10.0]), np.array([[0.8]]), np.array([[0.5]]),
                         np.array([stable_key("a")]), np.array([stable_key("s")]), 1000)
    assert out.max() == 10 and out.min() >= 8
    assert 0.5 < (out == 10).mean() < 0.7  # 0.3 of the 0.5-wide range lies past the top


def test_results_are_named_for_the_outputs():
    table = build([GAIN], {"gain": [4, 6]}, extra={"gain_low": [2, 4], "gain_high": [6, 8]})
    scorer = Scorer(table)
    result = scorer.uncertainty({"gain": 1})
    ranking = scorer.score({"gain": 1})
    assert (ranking.scores.name, ranking.scores_best.name) == ("score", "score_best")
    assert (result.score_low.name, result.score_high.name, result.p_first.name) == \
        ("score_low", "score_high", "p_first")
    assert result.p_first.index.name == "id"


def test_too_close_to_call_names_every_option_above_the_default_floor():
    p = pd.Series({"a": 0.4, "b": 0.3, "c": 0.3})
    result = Uncertainty(score_low=p, score_high=p, p_first=p, rank_probabilities=pd.DataFrame({1: p}), samples=1)
    assert result.too_close_to_call() == ("a", "b", "c")
