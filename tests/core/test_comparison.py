"""The side-by-side comparison and its CSV export for the clinic record."""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.core.comparison import comparison_rows, export_comparison_csv
from decision_aid.core.words import NO_FIGURE, NONE_LISTED, format_number
from decision_aid.core.words.grid import QUESTION_HEADING, ROLE_WORDS, SCORE_HEADING, grid_rows
from decision_aid.core.errors import ExportError
from decision_aid.core.export import FORMULA_PREFIXES, write_csv_atomic
from decision_aid.core.scoring import Limits, Scorer
from decision_aid.core.table import DecisionTable, load_table

# A synthetic table with every role; the numbers mean nothing medically.
CRITERIA = """column,label,better,min,max,unit,description,default_weight,role
invasive,Invasiveness,lower,0,10,points,Synthetic.,5,invasiveness
onset,Time until it helps,lower,0,90,days,Synthetic.,5,onset
lasting,How long relief lasts,higher,0,52,weeks,Synthetic.,5,duration
visits,Visits,lower,0,50,visits,Synthetic.,5,visits
relief,Pain relief,higher,0,10,points,Synthetic.,5,benefit
burden,Side-effect burden,lower,0,10,points,Synthetic.,5,side_effects
cost,Cost,lower,0,1000,pounds,Synthetic.,3,
"""
OPTIONS = """id,name,category,summary,invasive,onset,lasting,lasting_low,lasting_high,visits,relief,burden,cost,\
evidence,common_side_effects,serious_risks,see_doctor_if,contraindications,sources,reviewed
plain,Plain option,conventional,Synthetic option one.,2,14,12,8,16,6,4.5,1,0,moderate,Soreness;Tiredness,,\
Fever;Numbness,Pregnancy,[S1] Synthetic,2025-01-01
formula,"=HYPERLINK(""http://example.invalid"",""click"")",home,+1 synthetic option,0,,3,,,0,2,0,25,very low,\
-2 days off,@SUM(A1),Pain spreads,,[S2] Synthetic,2025-01-01
minus,-2,alternative,@cmd synthetic option,9,60,40,,,20,7.25,6,800,low,Bruising,Infection,Fever,,[S3] Synthetic,\
2025-01-01
"""
EFFECTS = """option_id,effect,per_100,severity,source
plain,Soreness,20,mild,[S1] Synthetic
plain,Tiredness,2.5,moderate,[S1] Synthetic
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> DecisionTable:
    folder = tmp_path_factory.mktemp("synthetic")
    (folder / "criteria.csv").write_text(CRITERIA, encoding="utf-8")
    (folder / "options.csv").write_text(OPTIONS, encoding="utf-8")
    (folder / "side_effects.csv").write_text(EFFECTS, encoding="utf-8")
    return load_table(folder)


def by_label(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in rows[1:]}


def read_back(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


UNSOURCED = "\u26a0 source not given"


def test_rows_answer_each_question_in_order(table):
    rows = comparison_rows(table, ["plain", "minus"])
    assert rows[0] == [QUESTION_HEADING, "Plain option", "-2"]
    assert [r[0] for r in rows[1:]] == [
        "What is it?", "How invasive is it?\n(Invasiveness)", "How soon might it help?\n(Time until it helps)",
        "How long might relief last?\n(How long relief lasts)", "How many visits?",
        "How much might it help?\n(Pain relief)", "Cost", "How much harm can it cause?\n(Side-effect burden)",
        "Common side effects", "How many people get side effects?", "Serious risks", "How sure is the evidence?",
        "Warning: when to see a doctor"]
    assert all(len(r) == 3 for r in rows)


def test_every_role_has_a_question():
    from decision_aid.core.table import Role
    assert set(ROLE_WORDS) == set(Role)
    assert len({words.key for words in ROLE_WORDS.values()}) == len(Role)


def test_the_rows_are_the_grid_rows_in_either_layer(table):
    ids = ["plain", "formula", "minus"]
    for layer in ("patient", "clinician"):
        rows = comparison_rows(table, ids, layer=layer)
        grid = grid_rows(table, ids, layer)
        assert [r[0] for r in rows[1:]] == [g.heading for g in grid]
        assert [r[1:] for r in rows[1:]] == [[g.cells[i].text for i in ids] for g in grid]


def test_values_carry_units_ranges_and_gaps(table):
    cells = by_label(comparison_rows(table, ["plain", "formula", "minus"]))
    assert cells["How invasive is it?\n(Invasiveness)"] == [f"{v} points\n{UNSOURCED}" for v in (2, 0, 9)]
    assert cells["How soon might it help?\n(Time until it helps)"] == [
        f"2 weeks\n{UNSOURCED}", NO_FIGURE, f"about 9 weeks\n{UNSOURCED}"]
    assert cells["How long might relief last?\n(How long relief lasts)"] == [
        f"12 weeks (between 8 and 16)\n{UNSOURCED}", f"3 weeks\n{UNSOURCED}", f"about 9 months\n{UNSOURCED}"]
    assert cells["Cost"] == [f"{v} pounds\n{UNSOURCED}" for v in (0, 25, 800)]
    # List cells put each item on its own line after a bullet.
    assert cells["Common side effects"] == ["\u2022 Soreness\n\u2022 Tiredness", "\u2022 -2 days off",
                                            "\u2022 Bruising"]
    assert cells["How many people get side effects?"] == [
        "\u2022 Soreness: about 20 in 100 people (mild)\n\u2022 Tiredness: about 3 in 100 people (moderate)",
        NO_FIGURE, NO_FIGURE]
    assert cells["Serious risks"] == [NONE_LISTED, "\u2022 @SUM(A1)", "\u2022 Infection"]
    assert cells["How sure is the evidence?"][0] == "Moderate: further research may change this"
    assert cells["Warning: when to see a doctor"] == ["\u2022 Fever\n\u2022 Numbness", "\u2022 Pain spreads",
                                                      "\u2022 Fever"]


def test_the_clinician_layer_keeps_the_table_units_and_ranges(table):
    cells = by_label(comparison_rows(table, ["plain"], layer="clinician"))
    assert cells["How soon might it help?\n(Time until it helps)"] == [f"14 days (2 weeks)\n{UNSOURCED}"]
    assert cells["How long might relief last?\n(How long relief lasts)"] == [
        f"12 weeks (range 8 to 16)\n{UNSOURCED}"]


def test_a_table_without_a_role_has_no_row_for_it(other_table):
    labels = [r[0].split("\n")[0] for r in comparison_rows(other_table, ["alpha", "beta"])]
    assert "How invasive is it?" not in labels and "How soon might it help?" not in labels
    assert labels[1] == "What is it?"
    assert any(row[0].startswith("How much might it help?") and row[1:] == [NO_FIGURE]
               for row in comparison_rows(other_table, ["beta"]))


def test_score_row_with_a_ranking(table):
    importances = {c.column: 5.0 for c in table.criteria}
    allowed = Limits(exclude_categories=frozenset({"alternative"})).allowed(table)
    ranking = Scorer(table).score(importances, allowed)
    cells = by_label(comparison_rows(table, ["plain", "formula", "minus"], ranking))
    scores = cells[SCORE_HEADING]
    assert scores[0] == f"{ranking.scores['plain']:.0f} out of 100 (rank {ranking.ranks['plain']} of 2)"
    assert scores[1].endswith("; a missing figure counts at the worst end")  # 'formula' has no onset figure
    assert scores[2] == "not ranked (ruled out by a limit)"


@pytest.mark.parametrize("ids, words", [(["nope"], "'nope' is not an option"), (["plain", "plain"], "twice")])
def test_bad_ids_are_refused(table, ids, words):
    with pytest.raises(ExportError, match=words):
        comparison_rows(table, ids)


def test_export_needs_an_option(table, tmp_path):
    with pytest.raises(ExportError, match="at least one option"):
        export_comparison_csv(tmp_path / "c.csv", table, [])


def test_export_is_utf8_with_bom_and_reads_back(table, tmp_path):
    path = tmp_path / "comparison.csv"
    export_comparison_csv(path, table, ["plain"])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    assert read_back(path) == comparison_rows(table, ["plain"])


def test_export_neutralises_formula_cells(table, tmp_path):
    path = tmp_path / "comparison.csv"
    export_comparison_csv(path, table, ["formula", "minus"])
    rows = read_back(path)
    assert rows[0] == [QUESTION_HEADING, "'=HYPERLINK(\"http://example.invalid\",\"click\")", "'-2"]
    cells = by_label(rows)
    assert cells["What is it?"] == ["'+1 synthetic option", "'@cmd synthetic option"]
    # List cells begin with a bullet, so a formula character inside an item is harmless.
    assert cells["Common side effects"][0] == "• -2 days off"
    assert cells["Serious risks"][0] == "• @SUM(A1)"
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1:A9)", "\tx", "\rx",
                                  "-0.5 points"])
def test_every_dangerous_cell_gets_an_apostrophe(tmp_path, cell):
    path = tmp_path / "cells.csv"
    write_csv_atomic(path, [["label", cell], [cell, "plain"]])
    assert read_back(path) == [["label", "'" + cell], ["'" + cell, "plain"]]


@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), min_size=1, max_size=4))
def test_csv_cells_read_back_as_text_and_never_as_formulas(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    write_csv_atomic(path, rows)
    back = read_back(path)
    expected = [["'" + c if c.startswith(FORMULA_PREFIXES) else c for c in row] for row in rows]
    assert back == expected
    assert not any(c.startswith(FORMULA_PREFIXES) for r in back for c in r)


def test_a_failed_export_keeps_the_previous_file(table, tmp_path, monkeypatch):
    path = tmp_path / "comparison.csv"
    export_comparison_csv(path, table, ["plain"])
    before = path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match="the disk is full"):
        export_comparison_csv(path, table, ["plain", "minus"])
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["comparison.csv"]


def test_export_to_a_vanished_folder(table, tmp_path):
    with pytest.raises(ExportError, match="no longer exists"):
        export_comparison_csv(tmp_path / "gone" / "c.csv", table, ["plain"])


def test_the_bundled_table_compares_cleanly(bundled_table):
    importances = {c.column: c.default_weight for c in bundled_table.criteria}
    ranking = Scorer(bundled_table).score(importances)
    rows = comparison_rows(bundled_table, bundled_table.ids, ranking)
    assert len(rows[0]) == len(bundled_table.ids) + 1
    assert rows[-1][0] == SCORE_HEADING
    for row in rows:
        for cell in row:
            assert cell.strip() and "nan" not in cell.lower().split()


def test_a_unit_that_reads_first(table, tmp_path_factory):
    folder = tmp_path_factory.mktemp("levels")
    (folder / "criteria.csv").write_text(CRITERIA.replace("invasive,Invasiveness,lower,0,10,points",
                                                          "invasive,Invasiveness,lower,0,10,level"))
    (folder / "options.csv").write_text(OPTIONS)
    cells = by_label(comparison_rows(load_table(folder), ["plain"], layer="clinician"))
    assert cells["How invasive is it?\n(Invasiveness)"] == [f"level 2 of 10\n{UNSOURCED}"]


@pytest.mark.parametrize("value, text", [(3.0, "3"), (2.5, "2.5"), (0.25, "0.25"), (7.256, "7.26"),
                                         (-1.0, "-1"), (1234567.0, "1234567")])
def test_format_number(value, text):
    assert format_number(value) == text
