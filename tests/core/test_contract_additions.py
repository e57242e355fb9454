"""The optional columns of the data contract: parsed, folded, checked, and absent without harm.

The bad cases (each with its FILE:ROW:COLUMN) are in ``tests/bad_tables.py``;
this file checks what a table that uses the new columns gives its readers, the
accessors, and (with hypothesis) that any text in a new column either loads or
is a :class:`TableError`, never another exception.
"""

from __future__ import annotations

import csv
import io
import math
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision_aid.core.contract import (
    COMPARATORS,
    GUIDELINE_STANCES,
    POPULATIONS,
    Reference,
    fold_code,
)
from decision_aid.core.errors import TableError
from decision_aid.core.table import Direction, Role, load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_tables import build_case


@pytest.fixture(scope="module")
def contract_table(tmp_path_factory):
    return load_table(build_case("all_contract_columns", tmp_path_factory.mktemp("c") / "t"))


def test_criterion_fields_are_read_and_codes_folded(contract_table):
    pain = contract_table.by_role(Role.BENEFIT)
    assert (pain.comparator, pain.population, pain.minimal_important) == ("placebo_sham", "chronic", 10.0)
    assert contract_table.criterion("invasiveness").better_label == "Less invasive"
    visits = contract_table.criterion("visits")
    assert (visits.comparator, visits.population, visits.better_label) == ("", "", "")
    assert math.isnan(visits.minimal_important)


def test_cell_codes_decide_what_is_comparable(contract_table):
    assert contract_table.text("massage", "pain_relief_comparator") == "active_treatment"  # "Active treatment"
    assert contract_table.text("muscle_relaxants", "pain_relief_population") == "acute_subacute"
    comparable = contract_table.comparable()["pain_relief"]
    assert not comparable["chiropractic"] and not comparable["massage"] and not comparable["muscle_relaxants"]
    assert comparable["nsaids"] and comparable["no_treatment"]


def test_cautions_stance_references_and_baseline(contract_table):
    assert contract_table.cautions() == ["Pregnancy", "Bleeding disorder"]
    assert contract_table.items("exercise_yoga", "cautions") == ["Pregnancy"]
    assert contract_table.guideline_stance("nsaids") == "recommended"
    assert contract_table.guideline_stance("acupuncture") == "guidelines_disagree"
    assert contract_table.guideline_stance("massage") == ""
    assert list(contract_table.references) == ["[15]", "[16]"]
    assert contract_table.references["[15]"] == Reference(
        "[15]", "Enthoven WTM et al. NSAIDs for chronic low back pain. Cochrane 2016", "a review of 6 trials, 2016")
    assert contract_table.references["[16]"].in_words == ""
    effects = contract_table.side_effects
    assert effects.loc[effects["row"] == 2, "baseline_per_100"].tolist() == [pytest.approx(11.1)]
    assert effects.loc[effects["row"] != 2, "baseline_per_100"].isna().all()
    assert contract_table.options.at["no_treatment", "category"] == "comparison"


def test_new_columns_are_known_not_extra(contract_table):
    assert contract_table.extra_columns == []


def test_a_table_without_the_new_columns_loads_as_before(tmp_path):
    table = load_table(_small_table(tmp_path / "t", {}, {}))
    relief = table.criterion("relief")
    assert (relief.comparator, relief.population, relief.better_label) == ("", "", "")
    assert math.isnan(relief.minimal_important)
    assert table.cautions() == [] and table.guideline_stance("a") == "" and dict(table.references) == {}
    assert table.comparable()["relief"].all()
    assert list(table.side_effects.columns)[-1] == "baseline_per_100" and table.side_effects.empty
    assert table.extra_columns == []


def test_a_references_file_changes_the_fingerprint(tmp_path, bundled_table):
    folder = build_case("reviewed_today", tmp_path / "a")
    before = load_table(folder).fingerprint
    (folder / "references.csv").write_text("ref,citation\n[1],A 2020\n", encoding="utf-8")
    assert load_table(folder).fingerprint != before


def test_default_weight_bounds_and_empty_default(tmp_path):
    edges = load_table(build_case("default_weights_0_and_10", tmp_path / "a"))
    assert (edges.criterion("invasiveness").default_weight, edges.criterion("visits").default_weight) == (0, 10)
    empty = load_table(build_case("default_weight_empty_is_5", tmp_path / "b"))
    assert empty.criterion("visits").default_weight == 5


def test_equal_range_bounds_are_kept(tmp_path):
    table = load_table(build_case("equal_range_bounds", tmp_path / "a"))
    assert table.value("nsaids", "pain_relief_low") == table.value("nsaids", "pain_relief_high") == 3.3


LOWER = ["lower", "low", "min", "minimise", "minimize", "less", "lower is better"]
HIGHER = ["higher", "high", "max", "maximise", "maximize", "more", "higher is better"]


@pytest.mark.parametrize(("word", "direction"), [(w, Direction.LOWER) for w in LOWER]
                         + [(w, Direction.HIGHER) for w in HIGHER])
def test_every_direction_alias(word, direction):
    assert Direction.parse(word) is direction
    assert Direction.parse(f"  {word.upper()}  ") is direction
    assert Direction.parse(word.replace(" ", "   ")) is direction


@pytest.mark.parametrize("word", ["", "smaller", "better", "lowest", "higher-is-better"])
def test_other_directions_are_refused(word):
    assert Direction.parse(word) is None


def test_directions_load(tmp_path):
    table = load_table(build_case("direction_aliases", tmp_path / "a"))
    assert table.criterion("visits").better is Direction.LOWER
    assert table.criterion("relief_weeks").better is Direction.HIGHER


def test_fold_code():
    assert fold_code("  Usual care-or none ") == "usual_care_or_none"
    assert fold_code("") == ""


# --------------------------------------------------------------------------- properties

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _small_table(folder: Path, criteria_extra: dict[str, str], option_extra: dict[str, str],
                 baseline: str | None = None, reference: tuple[str, str] | None = None) -> Path:
    folder.mkdir()
    head = ["column", "label", "better", "min", "max", "unit", "description", "default_weight", "role"]
    (folder / "criteria.csv").write_text(_csv([
        head + list(criteria_extra), ["relief", "Relief", "higher", "0", "40", "points", "d", "5", "benefit",
                                      *criteria_extra.values()]]), encoding="utf-8")
    head = ["id", "name", "category", "summary", "evidence", "common_side_effects", "serious_risks",
            "see_doctor_if", "sources", "reviewed", "relief"]
    row = ["a", "A", "home", "s", "low", "", "", "Fever", "[1]", "2020-01-01", "5"]
    (folder / "options.csv").write_text(_csv([head + list(option_extra), row + list(option_extra.values()),
                                              ["b", "B", "home", "s", "low", "", "", "Fever", "[1]",
                                               "2020-01-01", "", *[""] * len(option_extra)]]), encoding="utf-8")
    if baseline is not None:
        (folder / "side_effects.csv").write_text(_csv([
            ["option_id", "effect", "per_100", "severity", "source", "baseline_per_100"],
            ["a", "Rash", "5", "mild", "[1]", baseline]]), encoding="utf-8")
    if reference is not None:
        (folder / "references.csv").write_text(_csv([["ref", "citation"], list(reference)]), encoding="utf-8")
    return folder


_CODE_COLUMNS = [("criteria", "comparator", COMPARATORS), ("criteria", "population", POPULATIONS),
                 ("options", "relief_comparator", COMPARATORS), ("options", "relief_population", POPULATIONS),
                 ("options", "guideline_stance", GUIDELINE_STANCES)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(_CODE_COLUMNS),
       text=st.one_of(_TEXT, st.sampled_from([*COMPARATORS, *POPULATIONS, *GUIDELINE_STANCES]),
                      st.sampled_from(GUIDELINE_STANCES).map(lambda c: " " + c.upper().replace("_", " "))))
def test_any_text_in_a_code_column_loads_exactly_when_it_is_a_code(tmp_path_factory, where, text):
    file, column, codes = where
    folder = tmp_path_factory.mktemp("codes") / "t"
    extra = {column: text}
    _small_table(folder, extra if file == "criteria" else {}, extra if file == "options" else {})
    expected = fold_code(text.strip())
    try:
        table = load_table(folder)
    except TableError as exc:
        assert expected not in ("", *codes)
        assert any(p.column == column and p.row == 2 for p in exc.problems), exc
    else:
        assert expected in ("", *codes)
        stored = getattr(table.criterion("relief"), column) if file == "criteria" else table.text("a", column)
        assert stored == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mid=_TEXT | st.floats(allow_nan=True).map(repr), baseline=_TEXT | st.floats().map(repr),
       label=_TEXT, cautions=_TEXT, ref=_TEXT, citation=_TEXT)
def test_any_text_in_the_other_new_columns_loads_or_is_a_table_error(tmp_path_factory, mid, baseline, label,
                                                                      cautions, ref, citation):
    folder = _small_table(tmp_path_factory.mktemp("any") / "t", {"minimal_important": mid, "better_label": label},
                          {"cautions": cautions}, baseline=baseline, reference=(ref, citation))
    try:
        table = load_table(folder)
    except TableError as exc:
        assert exc.problems and all(str(p).startswith(p.file) for p in exc.problems)
        return
    relief = table.criterion("relief")
    assert math.isnan(relief.minimal_important) or 0 < relief.minimal_important <= 40
    assert relief.better_label == label.strip()
    value = table.side_effects["baseline_per_100"].iloc[0]
    assert math.isnan(value) or 0 <= value <= 100
    assert table.cautions() == list(dict.fromkeys(item.strip() for item in cautions.split(";") if item.strip()))
    assert list(table.references) == ([ref.strip()] if ref.strip() or citation.strip() else [])  # a blank row is skipped


def test_a_cell_code_under_a_criterion_that_names_none_is_comparable(tmp_path):
    table = load_table(_small_table(tmp_path / "t", {}, {"relief_comparator": "active_treatment",
                                                         "relief_population": "workers"}))
    assert table.comparable()["relief"].tolist() == [True, True]
    table = load_table(_small_table(tmp_path / "u", {"comparator": "placebo_sham"},
                                    {"relief_comparator": "active_treatment"}))
    assert table.comparable()["relief"].tolist() == [False, True]  # b's empty cell is "as the criterion"
    assert list(table.comparable().columns) == ["relief"] and list(table.comparable().index) == ["a", "b"]


def test_absent_and_empty_cells_read_as_empty_text(tmp_path):
    table = load_table(_small_table(tmp_path / "t", {}, {}))
    assert table.texts("no_such_column") == ["", ""]
    assert table.text("a", "no_such_column") == "" and table.text("b", "relief") == ""
    assert table.text("a", "relief") == "5.0"
    assert table.by_role(Role.ONSET) is None and table.by_role("benefit").column == "relief"
