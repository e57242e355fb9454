"""The loader's exact words for problems in criteria.csv, about.csv and side_effects.csv.

The bad-table corpus checks where each problem points and a fragment of its
message; these tests pin the whole message a clinician reads, quoting the bad
cell, and the boundaries of each rule (0 and 100 people out of 100, a key with
spaces, optional columns absent).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from decision_aid.core.errors import TableError
from decision_aid.core.table import load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_tables import DATA

EFFECTS_HEAD = "option_id,effect,per_100,severity,source\n"


def _table(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "t"
    shutil.copytree(DATA, folder)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(TableError) as caught:
        load_table(folder)
    return [str(p) for p in caught.value.problems]


def test_side_effect_messages_quote_the_cell_and_say_what_is_allowed(tmp_path):
    folder = _table(tmp_path, side_effects=EFFECTS_HEAD
                    + "nobody,Rash,5,mild,[1]\n"
                    + "nsaids,,5,mild,[1]\n"
                    + "nsaids,Rash,lots,mild,[1]\n"
                    + "nsaids,Rash,100.5,mild,[1]\n"
                    + "nsaids,Rash,-0.5,mild,[1]\n"
                    + "nsaids,Rash,5,awful,[1]\n"
                    + "nsaids,Rash,5,mild,\n")
    assert _problems(folder) == [
        "side_effects.csv:2:option_id: 'nobody' is not an id in options.csv; use one of the ids listed there",
        "side_effects.csv:3:effect: empty; name the side effect",
        ("side_effects.csv:4:per_100: 'lots' is not a number; give how many people out of 100 get this side "
        "effect (0 to 100)"),
        "side_effects.csv:5:per_100: 100.5 is outside 0 to 100; give people out of 100",
        "side_effects.csv:6:per_100: -0.5 is outside 0 to 100; give people out of 100",
        "side_effects.csv:7:severity: 'awful' is not allowed; use one of: mild, moderate, serious",
        "side_effects.csv:8:source: empty; every frequency needs the reference it comes from",
    ]


def test_side_effect_boundaries_and_optional_columns(tmp_path):
    folder = _table(tmp_path, side_effects=EFFECTS_HEAD
                    + "nsaids,Rash,0,MILD,[1]\n"
                    + "nsaids,Itch,100,Serious,[1]\n")
    effects = load_table(folder).side_effects
    assert effects["per_100"].tolist() == [0, 100]
    assert effects["severity"].tolist() == ["mild", "serious"]
    assert effects["row"].tolist() == [2, 3]
    assert effects["time_frame"].tolist() == ["", ""] and effects["note"].tolist() == ["", ""]
    assert list(effects.columns[:9]) == ["row", "option_id", "effect", "per_100", "severity", "source",
                                         "time_frame", "note", "baseline_per_100"]
    assert load_table(folder).side_effects_of("nsaids")["effect"].tolist() == ["Rash", "Itch"]
    assert load_table(folder).side_effects_of("massage").empty


def test_side_effects_missing_a_column(tmp_path):
    folder = _table(tmp_path, side_effects="option_id,effect,per_100,source\nnsaids,Rash,5,[1]\n")
    assert _problems(folder) == [("side_effects.csv:1:severity: required column 'severity' is missing; add it to the "
                                 "header row")]


def test_side_effects_with_a_bad_options_file_still_checked(tmp_path):
    folder = _table(tmp_path, options="id\n", side_effects=EFFECTS_HEAD + "anything,Rash,500,mild,[1]\n")
    problems = _problems(folder)
    assert "side_effects.csv:2:per_100: 500 is outside 0 to 100; give people out of 100" in problems
    assert not any("option_id" in p for p in problems)  # ids unknown: not checked against nothing


def test_about_keys_are_folded_and_checked(tmp_path):
    folder = _table(tmp_path, about="key,value\nUpdate  Policy ,yearly\nDecision,What to try\n")
    about = load_table(folder).about
    assert dict(about) == {"update_policy": "yearly", "decision": "What to try"}
    folder = _table(tmp_path / "b", about="key,value\n,orphan\nDecision,a\n decision ,b\n")
    assert _problems(folder) == [
        "about.csv:2:key: empty; name what this row describes",
        "about.csv:4:key: 'decision' is given twice (first on row 3); keep one row for each key",
    ]


def test_criteria_messages(tmp_path):
    head = "column,label,better,min,max,unit,description,default_weight,role\n"
    rows = ("pain_relief,Pain,better,0,40,points,d,5,\n"
            "visits,Visits,lower,ten,20,visits,d,5,\n"
            "invasiveness,How invasive,lower,0,4,level,d,11,\n"
            "relief_days,Days,lower,5,5,days,d,5,\n"
            "relief_weeks,Weeks,higher,0,52,weeks,d,5,Onset\n"
            "side_effect_burden,Side effects,lower,0,3,level,d,5,on-set\n"
            ",,lower,0,1,x,d,,ONSET\n"
            "visits,Again,lower,0,1,x,d,,\n")
    assert _problems(_table(tmp_path, criteria=head + rows)) == [
        ("criteria.csv:2:better: 'better' is not allowed; write 'lower' or 'higher' (which end of the range is "
        "better for the patient)"),
        "criteria.csv:3:min: 'ten' is not a number; give the lowest possible value",
        ("criteria.csv:4:default_weight: '11' is not allowed; write a number from 0 (does not matter) to 10 "
        "(matters most)"),
        "criteria.csv:5:max: max (5) must be greater than min (5)",
        ("criteria.csv:7:role: 'on_set' is not a known role; leave it empty or use one of: invasiveness, onset, "
        "duration, visits, side_effects, benefit"),
        "criteria.csv:8:column: empty; name the options.csv column this criterion reads",
        "criteria.csv:8:label: empty; give the criterion a short plain-language label",
        "criteria.csv:8:role: role 'onset' is already given to row 6",
        "criteria.csv:9:column: 'visits' is declared twice (also on row 3)",
    ]


def test_a_role_is_folded_and_read(tmp_path):
    text = (DATA / "criteria.csv").read_text(encoding="utf-8").replace(",visits\n", ",Visits \n")
    folder = _table(tmp_path, criteria=text)
    table = load_table(folder)
    assert table.by_role("visits").column == "visits"
    assert table.criterion("visits").label == "Clinic visits per course"
    with pytest.raises(KeyError):
        table.criterion("nothing")


def test_date_and_empty_criteria_messages(tmp_path):
    options = (DATA / "options.csv").read_text(encoding="utf-8").replace(",2026-11-22\n", ",22/11/2026\n", 1)
    assert _problems(_table(tmp_path, options=options)) == [
        "options.csv:2:reviewed: '22/11/2026' is not a date; write it as YYYY-MM-DD (for example 2026-11-22)"]
    head = "column,label,better,min,max,unit,description,default_weight\n"
    assert _problems(_table(tmp_path / "b", criteria=head)) == [
        "criteria.csv:-:-: no criteria are declared; add one row per criterion"]
