"""score and score_best: which cells are unknown and why; cautions versus contraindications."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scoring_tables import COST, GAIN, LASTS, NAN, NEEDLE, ONSET, RELIEF, build

from decision_aid.core.scoring import (
    COMPARISON_CATEGORY,
    Limits,
    Ranking,
    Scorer,
    Unknown,
    default_importances,
    patient_conditions,
    timing_gate,
    unknown_cells,
)
from decision_aid.core.table import Criterion, Direction, Role

IMPORTANCES = {"relief": 5, "onset": 3, "lasts": 2}  # weights 0.5, 0.3, 0.2: 50, 30 and 20 points


def worked_table():
    return build([RELIEF, ONSET, LASTS], {
        "relief": [12, 8, NAN, 15, 8],
        "onset": [10, 10, 0, 0, 50],
        "lasts": [25, 25, 50, 50, NAN],
    }, extra={
        "relief_high": [16, 9, NAN, NAN, 12],
        "relief_comparator": ["", "", "", "active_treatment", "placebo_sham"],
    })


def test_score_and_score_best_worked_by_hand():
    """Points: relief 50, onset 30, lasts 20 (ranges 0-20, 0-100 lower better, 0-50).

    o0: 12 -> 0.6, 10 days -> 0.9, 25 weeks -> 0.5: 30 + 27 + 10 = 67; nothing unknown, best 67.
    o1: 8 (at most 9, below the 10 points anyone notices) -> 20; its timing counts as unknown:
        score 20, best 20 + 30 + 20 = 70.
    o2: no relief figure -> 0 and its timing unknown: score 0, best 100.
    o3: relief 15 measured against another active treatment: not comparable, so unknown with its
        timing: score 0, best 100.
    o4: 8 with an upper bound of 12 (above 10): timing counts. 20 + 50 days -> 0.5 -> 15, no
        duration figure -> 0: score 35, best 35 + 20 = 55.
    """
    ranking = Scorer(worked_table()).score(IMPORTANCES)
    assert ranking.scores.to_dict() == pytest.approx({"o0": 67, "o1": 20, "o2": 0, "o3": 0, "o4": 35})
    assert ranking.scores_best.to_dict() == pytest.approx({"o0": 67, "o1": 70, "o2": 100, "o3": 100, "o4": 55})
    assert ranking.unknown_of("o0") == {}
    assert ranking.unknown_of("o1") == {"onset": Unknown.BENEFIT_BELOW_MINIMAL, "lasts": Unknown.BENEFIT_BELOW_MINIMAL}
    assert ranking.unknown_of("o2") == {"relief": Unknown.NO_FIGURE, "onset": Unknown.NO_BENEFIT,
                                        "lasts": Unknown.NO_BENEFIT}
    assert ranking.unknown_of("o3") == {"relief": Unknown.NOT_COMPARABLE, "onset": Unknown.NO_BENEFIT,
                                        "lasts": Unknown.NO_BENEFIT}
    assert ranking.unknown_of("o4") == {"lasts": Unknown.NO_FIGURE}
    # missing marks exactly the unknown cells, and the contributions still add up to the score.
    assert ranking.missing.to_numpy().tolist() == (ranking.unknown != "").to_numpy().tolist()
    assert ranking.contributions.sum(axis=1).to_numpy() == pytest.approx(ranking.scores.to_numpy())
    assert ranking.contributions.at["o1", "onset"] == 0


def test_reasons_have_plain_words():
    assert Unknown.NO_FIGURE.words == "no figure"
    assert Unknown.NOT_COMPARABLE.words == "not comparable"
    assert Unknown.BENEFIT_BELOW_MINIMAL.words == "benefit below the smallest noticeable difference"
    assert {u.value for u in Unknown} == {"no_figure", "not_comparable", "benefit_unknown",
                                          "benefit_below_minimal_important"}


def test_a_population_mismatch_is_not_comparable_but_an_empty_code_is():
    table = build([RELIEF, ONSET], {"relief": [12, 12, 12], "onset": [10, 10, 10]},
                  extra={"relief_population": ["chronic", "acute_subacute", ""]})
    codes = unknown_cells(table)
    assert codes["relief"].tolist() == ["", "not_comparable", ""]
    assert codes["onset"].tolist() == ["", "benefit_unknown", ""]


def test_timing_rule_needs_a_minimal_important_difference_to_compare_with():
    plain = Criterion("relief", "Pain relief", Direction.HIGHER, 0, 20, role=Role.BENEFIT)  # no threshold
    table = build([plain, ONSET], {"relief": [1, NAN], "onset": [10, 10]})
    assert timing_gate(table).tolist() == ["", "benefit_unknown"]


def test_without_a_benefit_criterion_timing_counts_as_given():
    table = build([ONSET, LASTS], {"onset": [10, 20], "lasts": [5, NAN]})
    assert unknown_cells(table).to_numpy().tolist() == [["", ""], ["", "no_figure"]]


def test_a_table_without_gaps_or_ranges_scores_as_before():
    table = build([COST, GAIN], {"cost": [20, 100, 0], "gain": [4, 10, 7]})
    ranking = Scorer(table).score({"cost": 2, "gain": 6})
    assert ranking.scores.to_dict() == pytest.approx({"o0": 50, "o1": 75, "o2": 25 + 52.5})
    assert ranking.scores_best.equals(ranking.scores.rename("score_best"))


def test_paracetamol_gets_no_points_for_speed_without_a_benefit(bundled_table):
    """The issue's test case: with 'Fastest relief', paracetamol ranked 2nd on a dose's onset.

    Its benefit is -0.5 points (at most 1.9), below any smallest noticeable difference the brief
    lists (9 to 20 points); the criteria's own description says "under about 10 to 15 points".
    """
    benefit = bundled_table.by_role(Role.BENEFIT)
    criteria = tuple(replace(c, minimal_important=10.0) if c is benefit else c for c in bundled_table.criteria)
    bundled_table = replace(bundled_table, criteria=criteria)
    importances = default_importances(bundled_table.criteria)
    onset = bundled_table.by_role(Role.ONSET).column
    importances[onset] = 10
    ranking = Scorer(bundled_table).score(importances)
    assert ranking.contributions.at["paracetamol", onset] == 0
    # Its onset is a dose's onset (not comparable) as well as a timing without a noticeable benefit.
    assert ranking.unknown_of("paracetamol")[onset] in (Unknown.BENEFIT_BELOW_MINIMAL, Unknown.NOT_COMPARABLE)
    assert ranking.order().index("paracetamol") > 1
    # What the missing figures could add is shown, not hidden.
    assert ranking.scores_best["paracetamol"] > ranking.scores["paracetamol"]


def test_ranking_built_by_hand_gets_defaults():
    """Callers that build a Ranking themselves keep working; the new fields default sensibly."""
    index = pd.Index(["a", "b"], name="id")
    scores = pd.Series([3.0, 1.0], index=index)
    missing = pd.DataFrame({"x": [False, True]}, index=index)
    ranking = Ranking(importances=pd.Series({"x": 1.0}), weights=pd.Series({"x": 1.0}),
                      contributions=pd.DataFrame({"x": [3.0, 1.0]}, index=index), scores=scores,
                      ranks=pd.Series([1, 2], index=index), missing=missing)
    assert ranking.scores_best.tolist() == [3.0, 1.0]
    assert ranking.unknown_of("b") == {"x": Unknown.NO_FIGURE}
    assert dict(ranking.cautions) == {}


# --------------------------------------------------------------------------- property: best - score


@st.composite
def timing_tables(draw):
    n = draw(st.integers(1, 6))
    maybe = lambda lo, hi: st.one_of(st.floats(lo, hi), st.just(NAN))
    relief = draw(st.lists(maybe(0, 20), min_size=n, max_size=n))
    high = [NAN if np.isnan(v) else draw(st.one_of(st.just(NAN), st.floats(v, 20))) for v in relief]
    table = build([RELIEF, ONSET, LASTS, NEEDLE], {
        "relief": relief,
        "onset": draw(st.lists(maybe(0, 100), min_size=n, max_size=n)),
        "lasts": draw(st.lists(maybe(0, 50), min_size=n, max_size=n)),
        "needle": draw(st.lists(maybe(0, 4), min_size=n, max_size=n)),
    }, extra={"relief_high": high,
              "relief_comparator": draw(st.lists(st.sampled_from(["", "placebo_sham", "active_treatment"]),
                                                 min_size=n, max_size=n))})
    return table


weights4 = st.tuples(*[st.integers(0, 10)] * 4).filter(lambda w: sum(w) > 0)


@given(timing_tables(), weights4)
def test_best_minus_score_is_the_weight_of_the_unknown_cells(table, w):
    """score_best - score = 100 x the normalised weights of the unknown cells (timing rule included)."""
    importances = dict(zip(["relief", "onset", "lasts", "needle"], w))
    ranking = Scorer(table).score(importances)
    weights = np.array(w, dtype=float) / sum(w)
    # The unknown cells, worked out here from the words.
    relief = table.options["relief"].to_numpy()
    comparable = table.options["relief_comparator"].isin(["", "placebo_sham"]).to_numpy()
    upper = np.where(np.isnan(table.options["relief_high"]), relief, table.options["relief_high"])
    timing_unknown = np.isnan(relief) | ~comparable | (upper < 10)
    unknown = np.isnan(table.options[["relief", "onset", "lasts", "needle"]].to_numpy())
    unknown[:, 0] |= ~comparable
    unknown[:, 1] |= timing_unknown
    unknown[:, 2] |= timing_unknown
    expected = 100 * (unknown * weights).sum(axis=1)
    assert (ranking.scores_best - ranking.scores).to_numpy() == pytest.approx(expected, abs=1e-9)
    assert (ranking.scores_best >= ranking.scores - 1e-9).all()


@given(timing_tables(), weights4, st.data())
def test_filtering_never_changes_score_or_best(table, w, data):
    importances = dict(zip(["relief", "onset", "lasts", "needle"], w))
    scorer = Scorer(table)
    full = scorer.score(importances)
    keep = data.draw(st.lists(st.sampled_from(table.ids), min_size=1, unique=True))
    part = scorer.score(importances, keep)
    assert part.scores.to_numpy() == pytest.approx(full.scores[part.scores.index].to_numpy())
    assert part.scores_best.to_numpy() == pytest.approx(full.scores_best[part.scores.index].to_numpy())


# --------------------------------------------------------------------------- cautions and limits


def limits_table():
    return build([COST, NEEDLE], {"cost": [10, 20, 30, 40, 50], "needle": [0, 2, 1, 4, NAN]},
                 categories=["home", "conventional", "alternative", COMPARISON_CATEGORY, "home"],
                 contraindications=["", "Pregnancy", "", "Bleeding disorder", ""],
                 cautions=["pregnancy", "", "Pregnancy; Bleeding disorder", "", ""])


def test_a_caution_warns_and_never_excludes():
    table = limits_table()
    limits = Limits(contraindications=frozenset({"Pregnancy"}))
    assert limits.allowed(table).to_dict() == {"o0": True, "o1": False, "o2": True, "o3": True, "o4": True}
    assert limits.reasons(table, "o1") == ["not advised with: Pregnancy"]
    assert limits.reasons(table, "o0") == []
    assert limits.cautions(table, "o0") == ("pregnancy",)
    ranking = Scorer(table).score({"cost": 1}, limits=limits)
    assert list(ranking.scores.index) == ["o0", "o2", "o3", "o4"]
    assert dict(ranking.cautions) == {"o0": ("pregnancy",), "o2": ("Pregnancy",)}
    assert limits.ruled_out(table) == {"o1": ("not advised with: Pregnancy",)}


def test_no_condition_ticked_means_no_cautions():
    ranking = Scorer(limits_table()).score({"cost": 1}, limits=Limits())
    assert dict(ranking.cautions) == {} and len(ranking.scores) == 5


def test_the_hard_limits_panel_lists_contraindications_and_cautions():
    assert patient_conditions(limits_table()) == ["Pregnancy", "Bleeding disorder"]


def test_no_category_limit_removes_the_comparison():
    table = limits_table()
    limits = Limits(exclude_categories=frozenset({"home", COMPARISON_CATEGORY}))
    assert limits.allowed(table).to_dict() == {"o0": False, "o1": True, "o2": True, "o3": True, "o4": False}
    assert limits.reasons(table, "o3") == []


def test_bundled_pregnancy_keeps_what_is_only_a_caution(bundled_table):
    """Options that list pregnancy as a caution stay; only a listed contraindication excludes."""
    limits = Limits(contraindications=frozenset({"Pregnancy"}))
    allowed = limits.allowed(bundled_table)
    for option_id in bundled_table.ids:
        listed = [c.casefold() for c in bundled_table.items(option_id, "contraindications")]
        assert allowed[option_id] == ("pregnancy" not in listed)


@given(st.frozensets(st.sampled_from(["home", "conventional", "alternative", COMPARISON_CATEGORY])),
       st.one_of(st.none(), st.integers(0, 4)),
       st.frozensets(st.sampled_from(["Pregnancy", "pregnancy", "Bleeding disorder", "Asthma"])))
def test_combined_limits_never_bring_back_an_option(categories, level, conditions):
    table = limits_table()
    combined = Limits(exclude_categories=categories, max_invasiveness=level, contraindications=conditions)
    alone = [Limits(exclude_categories=categories), Limits(max_invasiveness=level),
             Limits(contraindications=conditions)]
    expected = np.logical_and.reduce([limit.allowed(table).to_numpy() for limit in alone])
    assert combined.allowed(table).to_numpy().tolist() == expected.tolist()
    for option_id, allowed in combined.allowed(table).items():
        assert allowed == (not combined.reasons(table, option_id))


def test_timing_counts_at_exactly_the_minimal_important_difference():
    table = build([RELIEF, ONSET], {"relief": [10, 9.99], "onset": [5, 5]})  # threshold 10, no _high
    assert timing_gate(table).tolist() == ["", "benefit_below_minimal_important"]


def test_threshold_rule_is_for_a_benefit_where_higher_is_better():
    lower = Criterion("relief", "Pain left", Direction.LOWER, 0, 20, role=Role.BENEFIT, minimal_important=10)
    table = build([lower, ONSET], {"relief": [1, NAN], "onset": [5, 5]})
    assert timing_gate(table).tolist() == ["", "benefit_unknown"]


def test_a_condition_only_listed_as_a_caution_can_be_ticked():
    table = build([COST], {"cost": [1, 2]}, contraindications=["Asthma", ""], cautions=["", "Pregnancy"])
    assert patient_conditions(table) == ["Asthma", "Pregnancy"]


def test_limit_reasons_in_words():
    table = limits_table()
    limits = Limits(exclude_categories=frozenset({"home"}), max_invasiveness=1)
    assert limits.reasons(table, "o0") == ["home options are excluded"]
    assert limits.reasons(table, "o1") == ["how invasive is 2, above the limit of 1"]
    assert limits.reasons(table, "o4") == ["home options are excluded", "no reliable figure for how invasive"]


def test_cautions_of_some_options_and_of_a_table_without_cautions():
    table = limits_table()
    limits = Limits(contraindications=frozenset({"pregnancy"}))
    assert limits.cautions_by_option(table, ["o2", "o1"]) == {"o2": ("Pregnancy",)}
    built = build([COST], {"cost": [1, 2]})
    plain = replace(built, options=built.options.drop(columns="cautions"))
    assert limits.cautions_by_option(plain) == {}
    assert Scorer(plain).score({"cost": 1}, limits=limits).cautions == {}
