"""The audit's newer checks and contracts: ranges that fit the figures, like with like, the target grade, JSON.

Tables are built from the other-condition fixture with :func:`dataclasses.replace`
(criteria with a comparator or population, extra ``X_comparator`` columns), as
the loader that reads those columns lives elsewhere.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.core.audit import (RANGE_SPAN_RATIO, AuditError, AuditReport, CellGrade, Status, reading_grade,
                                     run_audit)
from decision_aid.core.errors import DecisionAidError
from decision_aid.core.table import DecisionTable


def with_criterion(table: DecisionTable, column: str, **changes) -> DecisionTable:
    criteria = tuple(dataclasses.replace(c, **changes) if c.column == column else c for c in table.criteria)
    return dataclasses.replace(table, criteria=criteria)


def with_columns(table: DecisionTable, **columns: list) -> DecisionTable:
    options = table.options.copy()
    for name, values in columns.items():
        options[name] = values
    return dataclasses.replace(table, options=options)


# --------------------------------------------------------------------------- ranges


def test_a_range_far_wider_than_the_figures_is_flagged_with_its_span(other_table):
    # benefit is declared 0-10; the figures are 6, (none) and 3: a span of 3.
    item = run_audit(other_table).item("QL-range-fits-values")
    assert item.status is Status.HUMAN_REVIEW
    assert len(item.details) == 1
    detail = item.details[0]
    assert detail.startswith("criteria.csv:4:min: benefit is declared from 0 to 10 (a range of 10)")
    assert "its figures run from 3 to 6 (a span of 3)" in detail
    assert "set min and max to the plausible span" in detail


def test_a_range_of_exactly_twice_the_span_is_not_flagged_and_just_over_is(other_table):
    assert RANGE_SPAN_RATIO == 2
    fits = with_criterion(other_table, "benefit", min=0.0, max=6.0)   # 6 = 2 x span 3
    assert run_audit(fits).item("QL-range-fits-values").status is Status.MET
    wide = with_criterion(other_table, "benefit", min=0.0, max=6.01)
    assert run_audit(wide).item("QL-range-fits-values").status is Status.HUMAN_REVIEW


def test_figures_that_are_all_the_same_say_so(other_table):
    same = with_columns(other_table, benefit=[4.0, math.nan, 4.0])
    (detail,) = run_audit(same).item("QL-range-fits-values").details
    assert "every figure is 4, so its range cannot be judged from them" in detail


def test_a_criterion_with_no_figures_is_not_judged(other_table):
    empty = with_columns(other_table, benefit=[math.nan] * 3)
    assert not [d for d in run_audit(empty).item("QL-range-fits-values").details if "benefit" in d]


def test_a_range_flag_never_fails_the_audit(bundled_table):
    report = run_audit(bundled_table)
    assert report.item("QL-range-fits-values").status is not Status.NOT_MET


# --------------------------------------------------------------------------- like with like


def test_every_cell_measured_unlike_its_criterion_is_listed_at_its_cell(other_table):
    table = with_criterion(other_table, "benefit", comparator="placebo_sham", population="chronic")
    table = with_columns(table, benefit_comparator=["", "active_treatment", "placebo_sham"],
                         benefit_population=["acute_subacute", "", ""])
    assert table.comparable()["benefit"].tolist() == [False, False, True]
    item = run_audit(table).item("QL-like-with-like")
    assert item.status is Status.HUMAN_REVIEW
    assert [d.split(" ")[0] for d in item.details] == ["options.csv:2:benefit:", "options.csv:3:benefit:"]
    alpha, beta = item.details
    assert "measured in 'acute_subacute' (benefit_population)" in alpha and "'chronic'" in alpha
    assert "measured against 'active_treatment' (benefit_comparator)" in beta and "'placebo_sham'" in beta
    assert all("the ranking treats it as unknown" in d for d in item.details)
    assert item.note.startswith("2 cells not comparable")


def test_cells_that_match_or_say_nothing_are_comparable(other_table):
    table = with_criterion(other_table, "benefit", comparator="placebo_sham", population="")
    table = with_columns(table, benefit_comparator=["placebo_sham", "", "placebo_sham"])
    item = run_audit(table).item("QL-like-with-like")
    assert item.status is Status.MET and not item.details


def test_a_table_that_names_no_comparator_is_met_and_says_why(other_table):
    table = other_table
    for criterion in other_table.criteria:
        table = with_criterion(table, criterion.column, comparator="", population="")
    item = run_audit(table).item("QL-like-with-like")
    assert item.status is Status.MET
    assert "No criterion names a comparator or population" in item.note


# --------------------------------------------------------------------------- the target grade


@pytest.mark.parametrize("target", [math.nan, math.inf, -math.inf, -1.0, 101.0, "eight", None, True])
def test_a_target_grade_that_is_not_a_usable_number_is_refused(other_table, target):
    with pytest.raises(AuditError, match="The target reading grade .* cannot be used; give a number from 0 to 100"):
        run_audit(other_table, target_grade=target)
    assert issubclass(AuditError, DecisionAidError)


@pytest.mark.parametrize("target", [0, 0.0, 12.5, 100])
def test_a_finite_target_grade_is_used(other_table, target):
    assert run_audit(other_table, target_grade=target).target_grade == float(target)


# --------------------------------------------------------------------------- JSON


def _no_constant(name: str) -> float:
    raise AssertionError(f"JSON holds {name}")


@pytest.mark.parametrize("target", [0.0, 8.0, 100.0])
def test_the_json_report_is_strict_json_holding_the_report(bundled_table, target):
    report = run_audit(bundled_table, target_grade=target)
    data = json.loads(report.to_json(), parse_constant=_no_constant)
    assert data == report.to_dict()
    json.dumps(report.to_dict(), allow_nan=False)
    assert data["grades"] and data["items"][0]["id"] == "Q1"


def test_a_hand_made_report_with_a_grade_that_is_not_a_number_gives_null(tmp_path):
    report = AuditReport(folder=str(tmp_path), items=[], target_grade=8.0,
                         grades=[CellGrade("options.csv", 2, "summary", "a", math.nan, 12)])
    data = json.loads(report.to_json(), parse_constant=_no_constant)
    assert data["grades"][0]["grade"] is None


def test_the_grades_read_as_a_sequence_of_cell_grades(bundled_table):
    grades = run_audit(bundled_table).grades
    listed = list(grades)
    assert len(grades) == len(listed) > 20
    assert grades[0] == listed[0] and grades[-1] == listed[-1] and grades[3:6] == listed[3:6]
    assert grades == listed and run_audit(bundled_table).grades == grades  # compared as the list they stand for
    with pytest.raises(IndexError):
        grades[len(grades)]
    sample = listed[len(listed) // 2]
    text = bundled_table.text(sample.option_id, sample.column)
    assert sample.words > 0 and math.isfinite(sample.grade)
    assert bundled_table.rows[sample.option_id] == sample.row
    if sample.column == "summary":
        assert (sample.grade, sample.words, sample.long_words) == reading_grade(text)


# --------------------------------------------------------------------------- whole columns, cell by cell


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_whole_column_checks_find_exactly_the_cells_a_cell_by_cell_reading_finds(other_table, data):
    """Options with random gaps: every missing source, note and range is reported at its own row, once."""
    n = data.draw(st.integers(1, 40), label="options")
    figure = st.one_of(st.just(math.nan), st.floats(0, 10, allow_nan=False).map(lambda v: round(v, 2)))
    text = st.sampled_from(["", " ", "[T1]", "Some words", ";"])
    base = other_table.options.iloc[[0]]
    options = pd.concat([base] * n, ignore_index=True)
    options.index = pd.Index([f"o{i}" for i in range(n)], name="id")
    for column in ("cost", "hours", "benefit"):
        options[column] = data.draw(st.lists(figure, min_size=n, max_size=n), label=column)
        options[column + "_source"] = data.draw(st.lists(text, min_size=n, max_size=n), label=column + " source")
    options["benefit_note"] = data.draw(st.lists(text, min_size=n, max_size=n), label="benefit note")
    options["sources"] = data.draw(st.lists(text, min_size=n, max_size=n), label="sources")
    rows = pd.Series(np.arange(2, n + 2), index=options.index)
    table = dataclasses.replace(other_table, options=options, rows=rows, side_effects=pd.DataFrame())
    report = run_audit(table)

    expected_c2 = []
    for column in ("cost", "hours", "benefit"):
        expected_c2 += [f"options.csv:{rows[i]}:{column}_source: empty; give the reference for {column} = "
                        f"{options.at[i, column]:g}" for i in options.index
                        if not math.isnan(options.at[i, column]) and not options.at[i, column + "_source"].strip()]
    expected_c2 += [f"options.csv:{rows[i]}:sources: empty; list the references this option's text is based on"
                    for i in options.index if not options.at[i, "sources"].replace(";", "").strip()]
    assert report.item("C2").details == expected_c2

    expected_c5 = [f"options.csv:{rows[i]}:{column}_note: {column} = {options.at[i, column]:g} has no range"
                   for column in ("cost", "benefit") for i in options.index      # hours is the visits role
                   if not math.isnan(options.at[i, column])
                   and not (options.at[i, column + "_note"].strip() if column + "_note" in options else "")]
    assert [d.split(" and no note")[0] for d in report.item("C5").details] == expected_c5

    expected_q4 = [f"options.csv:{rows[i]}:benefit_note:" for i in options.index
                   if math.isnan(options.at[i, "benefit"]) and not options.at[i, "benefit_note"].strip()]
    assert [d.split(" ")[0] for d in report.item("Q4").details] == expected_q4


_REF = re.compile(r"\s*\[[^\]]*\]")
_NONE = re.compile(r"^\s*(none|nil|no known|not known|no harms?|no side effects?)\b", re.IGNORECASE)
_NATURAL = re.compile(r"no[\s_-]*treatment|natural[\s_-]*course|watchful[\s_-]*waiting", re.IGNORECASE)


def _plain(text: str) -> str:
    return " ".join(_REF.sub("", text).replace(";", " ").split())


def equal_detail_cell_by_cell(table: DecisionTable) -> tuple[list[str], list[str]]:
    """C1 as the IPDAS heuristic states it, one option at a time (the reading the audit must agree with)."""
    benefit, harm = table.by_role("benefit"), table.by_role("side_effects")
    details, review = [], []
    for option_id in table.ids:
        where = f"options.csv:{table.rows[option_id]}:common_side_effects: "
        parts = [table.text(option_id, "guidelines")]
        if benefit is not None:
            parts.append(table.text(option_id, benefit.column + "_note"))
        harm_text = _plain(table.text(option_id, "common_side_effects") + " " + table.text(option_id, "serious_risks"))
        effects = table.side_effects_of(option_id)
        extra = " ".join(str(e) for e in effects["effect"]) if not effects.empty else ""
        if harm is not None:
            extra += " " + table.text(option_id, harm.column + "_note")
        benefit_text, harms_all = _plain(" ".join(parts)), _plain(harm_text + " " + extra)
        if not harm_text and effects.empty:
            details.append(where + "no harms are described; describe them in as much detail as the benefits (see Q5)")
            continue
        cells = [c for c in (table.text(option_id, "common_side_effects").strip(),
                             table.text(option_id, "serious_risks").strip()) if c]
        if cells and all(_NONE.match(c) for c in cells) and effects.empty:
            if not (_NATURAL.search(option_id) or _NATURAL.search(table.text(option_id, "name"))):
                review.append(where + "check: harms are given only as none; make sure the sources report none, "
                                      "and say what is known")
            continue
        if not benefit_text:
            continue
        ratio = len(harms_all) / len(benefit_text)
        if ratio < 1 / 3:
            details.append(where + f"harms are described in {len(harms_all)} characters against "
                                   f"{len(benefit_text)} for benefits ({ratio:.0%}); describe the harms in "
                                   "comparable detail")
        elif ratio < 1 / 2:
            review.append(where + f"check: the harms text is {ratio:.0%} as long as the benefit text; make sure "
                                  "the harms get as much detail as the benefits")
    return details, review


@settings(max_examples=60, deadline=None)
@given(data=st.data(), harm_role=st.booleans())
def test_equal_detail_over_whole_columns_agrees_with_a_cell_by_cell_reading(other_table, data, harm_role):
    n = data.draw(st.integers(1, 12), label="options")
    words = st.sampled_from(["", " ", "None reported", "none", "Nil", "Tiredness; Headache [T1]",
                             "Stomach upset, rarely bleeding from the gut", "x" * 40, "Helps a little [2]; ",
                             "Recommended by NICE for most people with long-standing pain"]) \
        | st.integers(1, 90).map(lambda k: "ab " * (k // 3) + "c" * (k % 3))  # every ratio of lengths
    base = other_table.options.iloc[[0]]
    options = pd.concat([base] * n, ignore_index=True)
    ids = [data.draw(st.sampled_from(["opt", "no_treatment", "rest"]), label="id") + f"_{i}" for i in range(n)]
    options.index = pd.Index(ids, name="id")
    for column in ("common_side_effects", "serious_risks", "guidelines", "benefit_note", "cost_note"):
        options[column] = data.draw(st.lists(words, min_size=n, max_size=n), label=column)
    options["name"] = data.draw(st.lists(st.sampled_from(["Option", "Watchful waiting", "Natural course"]),
                                         min_size=n, max_size=n), label="name")
    effect_ids = data.draw(st.lists(st.sampled_from(ids), max_size=6), label="side effects")
    effects = pd.DataFrame({"row": range(2, len(effect_ids) + 2), "option_id": effect_ids,
                            "effect": [f"Effect {k}" for k in range(len(effect_ids))], "per_100": 5.0,
                            "severity": "mild", "source": "[T1]", "time_frame": "over 3 months", "note": ""})
    table = dataclasses.replace(other_table, options=options, side_effects=effects,
                                rows=pd.Series(np.arange(2, n + 2), index=options.index))
    if harm_role:
        table = with_criterion(table, "cost", role="side_effects")
    details, review = equal_detail_cell_by_cell(table)
    item = run_audit(table).item("C1")
    assert item.details == details + review
