"""The one CSV writer: every cell and header neutralised, whole columns at once, rows never broken."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.core.export import (FORMULA_PREFIXES, csv_text, neutralise, neutralise_column, number_column,
                                      rows_text)

CELL = st.one_of(st.text(max_size=12), st.sampled_from(["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "a\nb", "a\r\nb",
                                                        "\u2028", '"q"', "a,b", ""]))


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.integers(1, 4).flatmap(lambda w: st.tuples(
    st.lists(CELL, min_size=w, max_size=w),
    st.lists(st.lists(CELL, min_size=w, max_size=w), max_size=5))))
def test_columns_and_rows_give_the_same_safe_file(data):
    header, body = data
    columns = [[row[j] for row in body] for j in range(len(header))]
    text = csv_text(header, columns)
    assert text == rows_text([header, *body])
    back = read(text)
    assert back == [[neutralise(c) for c in row] for row in [header, *body]]
    assert not any(cell.startswith(FORMULA_PREFIXES) for row in back for cell in row)
    assert text.endswith("\r\n")


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1:A9)", "\tx", "\rx"])
def test_a_header_cell_is_neutralised_too(cell):
    assert read(csv_text([cell, "b"], [["1"], ["2"]]))[0] == ["'" + cell, "b"]


@pytest.mark.parametrize("cell", ["\uff1d1+1", "\u200b=1", "\ufeff=1", "\u00a0=1", " =1", "plain"])
def test_look_alikes_that_spreadsheets_keep_as_text_are_left_alone(cell):
    assert neutralise(cell) == cell


def test_missing_values_become_empty_cells():
    assert neutralise_column([None, float("nan"), np.nan, "x", 3]) == ["", "", "", "x", "3"]
    assert neutralise(None) == "" and neutralise(float("nan")) == ""


def test_numbers_print_without_minus_zero_and_negatives_are_neutralised():
    assert number_column([-0.0, -0.001, 12.3456, np.nan]) == ["0.00", "0.00", "12.35", ""]
    assert number_column([-0.04], 1) == ["0.0"]
    text = csv_text(["x"], [number_column([-1.5])])
    assert read(text)[1] == ["'-1.50"]


def test_columns_of_different_lengths_are_a_bug():
    with pytest.raises(ValueError):
        csv_text(["a", "b"], [["1"], ["1", "2"]])
    with pytest.raises(ValueError):
        csv_text(["a"], [["1"], ["2"]])


@given(st.lists(st.one_of(st.floats(-1e6, 1e6), st.floats(0, 200), st.just(float("nan")),
                          st.sampled_from([0.0, -0.0, 0.005, 99.995, 199.995, 200.0, 200.004])),
                max_size=30),
       st.integers(0, 4))
def test_number_text_is_the_same_whether_looked_up_or_formatted(values, decimals):
    expected = ["" if v != v else f"{round_half_even(v, decimals):.{decimals}f}" for v in values]
    assert number_column(values, decimals) == expected


def round_half_even(value: float, decimals: int) -> float:
    return float(np.round(value, decimals)) + 0.0
