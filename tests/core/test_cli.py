"""The headless command line: check and rank."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from decision_aid.cli import main
from decision_aid.core.scoring import Scorer, default_importances


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_bundled_passes(capsys):
    code, out, err = run(capsys, "check")
    assert code == 0
    assert out.startswith("OK: ") and "13 options" in out and "6 criteria" in out
    assert err == ""


def test_check_bad_table_lists_problems(capsys, table_copy):
    options = table_copy / "options.csv"
    text = options.read_text(encoding="utf-8").replace(",home,", ",garden,", 1)
    options.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", str(table_copy))
    assert code == 1
    assert "options.csv:" in err and ":category: 'garden' is not allowed" in err
    assert "Traceback" not in err


def test_rank_json_matches_core_scores(capsys, bundled_table):
    code, out, _ = run(capsys, "rank", "--weight", "pain_relief=9", "--weight", "visits=2", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    importances = default_importances(bundled_table.criteria) | {"pain_relief": 9, "visits": 2}
    expected = Scorer(bundled_table).score(importances)
    assert [o["id"] for o in payload["options"]] == expected.order()
    for option in payload["options"]:
        assert option["score"] == pytest.approx(expected.scores[option["id"]], abs=1e-3)
        assert option["rank"] == expected.ranks[option["id"]]
        assert sum(option["contributions"].values()) == pytest.approx(option["score"], abs=1e-2)
    assert sum(payload["weights"].values()) == pytest.approx(1.0, abs=1e-5)
    assert payload["weights"]["pain_relief"] == pytest.approx(9 / sum(importances.values()), abs=1e-6)


def test_rank_limits_leave_options_out(capsys):
    code, out, _ = run(capsys, "rank", "--exclude-category", "alternative", "--max-invasiveness", "2",
                       "--format", "json")
    assert code == 0
    payload = json.loads(out)
    ids = {o["id"] for o in payload["options"]}
    assert not ids & {"acupuncture", "chiropractic", "massage", "botox"}
    excluded = {e["id"]: e["reasons"] for e in payload["excluded"]}
    assert "alternative options are excluded" in excluded["acupuncture"]


def test_rank_table_format_is_readable(capsys):
    code, out, _ = run(capsys, "rank")
    assert code == 0
    assert "not advice" in out
    assert "no comparable figure" in out and "likely" in out and "first" in out
    assert "top choice would change" in out or "robust to any single weight change" in out


def test_rank_csv_is_parseable(capsys, bundled_table):
    code, out, _ = run(capsys, "rank", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:4] == ["rank", "id", "name", "score"]
    assert len(rows) == 1 + len(bundled_table.ids)


@pytest.mark.parametrize("args, message", [
    (["--weight", "speed=3"], "not a criterion"),
    (["--weight", "pain_relief=12"], "from 0"),
    (["--weight", "pain_relief"], "CRITERION=N"),
    (["--exclude-category", "garden"], "not a category"),
    (["--contraindication", "Being a dragon"], "not a contraindication"),
])
def test_rank_bad_arguments_exit_2(capsys, args, message):
    code, out, err = run(capsys, "rank", *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_rank_other_condition_table(capsys, other_dir):
    code, out, _ = run(capsys, "rank", "--data", str(other_dir), "--weight", "cost=10", "--format", "json")
    assert code == 0
    assert set(json.loads(out)["weights"]) == {"cost", "hours", "benefit"}


def test_entry_point_runs_headless():
    """`python -m decision_aid rank` works in a process with no display and never imports Qt."""
    code = ("import sys, runpy; sys.argv=['decision-aid','rank','--format','json'];"
            "import decision_aid.cli as c; rc=c.main(sys.argv[1:]);"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["options"]


def test_rank_json_carries_the_honest_numbers(capsys):
    code, out, _ = run(capsys, "rank", "--format", "json", "--weight", "pain_relief=9",
                       "--contraindication", "Pregnancy")
    assert code == 0
    payload = json.loads(out)
    assert payload["samples"] == 2000
    by_id = {o["id"]: o for o in payload["options"]}
    for option in payload["options"]:
        assert option["score_low"] <= option["score"] + 1e-9 or option["score_low"] <= option["score_high"]
        assert option["score"] <= option["score_best"] + 1e-9
        assert 0 <= option["p_first"] <= 1 and set(option["rank_probabilities"]) == {"1", "2", "3"}
    assert abs(sum(o["p_first"] for o in payload["options"]) - 1) < 1e-6
    # Pregnancy is a caution for exercise (tell the practitioner): it stays, with the caution.
    assert "exercise_yoga" in by_id and by_id["exercise_yoga"]["cautions"] == ["Pregnancy"]
    # Paracetamol's benefit is below the smallest noticeable difference: its timing counts for nothing.
    assert by_id["paracetamol"]["unknown"]["relief_days"] in ("benefit_below_minimal_important",
                                                              "benefit_unknown", "not_comparable")
