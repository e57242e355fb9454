"""The benchmark's pieces run against the real app, and its results say what the README shows.

No timing is asserted here (speed is the benchmark's business); these tests check that
each result row has the fields, units and finite numbers the README's table relies on,
and that a row's verdict agrees with its own numbers.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import asdict, fields
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.run import Figure, bench_load, make_table, summarise, table_text  # noqa: E402

from decision_aid.core.table import load_table  # noqa: E402

UNITS = {"s", "ms", "MB"}
HEADER = "| measurement | median | p95 | runs | floor ratio | target | met | note |"


def check_figure(figure: Figure) -> None:
    """One result row: a known unit, finite positive numbers, p95 not below the median."""
    assert figure.name and figure.unit in UNITS, figure
    assert math.isfinite(figure.median) and figure.median > 0, figure
    assert math.isfinite(figure.p95) and figure.p95 >= figure.median, figure
    assert isinstance(figure.runs, int) and figure.runs >= 1, figure
    if figure.floor_median is None:
        assert figure.ratio is None and not figure.floor_name, figure
    else:
        assert figure.floor_name and math.isfinite(figure.floor_median) and figure.floor_median > 0, figure
        assert figure.ratio == pytest.approx(figure.median / figure.floor_median)
    assert (figure.met is None) == (not figure.target), "a verdict exactly when there is a target"


def test_synthetic_table_is_valid(tmp_path):
    table = load_table(make_table(tmp_path / "t", 200))
    assert len(table.ids) == 200
    assert table.options["pain_relief"].isna().any()  # gaps, like real tables


def test_load_measurement_gives_complete_rows(tmp_path):
    floor, load = bench_load(2, {"200": make_table(tmp_path / "t", 200)})
    assert (floor.name, load.name) == ("pandas.read_csv, 200 options (floor)", "load and validate, 200 options")
    for figure in (floor, load):
        check_figure(figure)
        assert figure.unit == "s" and figure.runs == 2
    assert load.floor_name == floor.name and load.floor_median == floor.median
    assert load.target == "<= 3x floor"
    assert load.met is (load.ratio <= 3)                 # the verdict follows the numbers


def test_summary_of_samples():
    figure = summarise("x", "ms", [3.0, 1.0, 2.0, 10.0], target="<= 16 ms", met=True)
    assert (figure.median, figure.p95, figure.runs) == (2.5, 10.0, 4)
    assert summarise("y", "s", [5.0]).p95 == 5.0
    check_figure(figure)


def test_table_rows_as_the_readme_shows_them(tmp_path):
    floor, load = bench_load(1, {"200": make_table(tmp_path / "t", 200)})
    timed = summarise("x", "ms", [1.0, 2.0, 3.0], target="<= 16 ms", met=False, note="3 of 3 blitted")
    lines = table_text([floor, load, timed]).splitlines()
    assert lines[0] == HEADER
    assert all(line.count("|") == HEADER.count("|") for line in lines)
    assert lines[-1] == "| x | 2.0 ms | 3.0 ms | 3 |  | <= 16 ms | **no** | 3 of 3 blitted |"
    cells = [cell.strip() for cell in lines[3].split("|")[1:-1]]
    assert cells[0] == load.name and cells[4] == f"{load.ratio:.2f}x"
    assert cells[6] == ("yes" if load.met else "**no**")


def test_the_saved_results_are_complete_and_are_what_the_readme_shows():
    payload = json.loads((ROOT / "bench" / "results" / "latest.json").read_text(encoding="utf-8"))
    names = {f.name for f in fields(Figure)}
    figures = []
    for row in payload["figures"]:
        assert set(row) == names | {"ratio"}, row["name"]
        figure = Figure(**{key: row[key] for key in names})
        check_figure(figure)
        assert row["ratio"] == figure.ratio
        assert asdict(figure) | {"ratio": figure.ratio} == row
        figures.append(figure)
    assert len({f.name for f in figures}) == len(figures), "each measurement once"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table_text(figures) in readme, "README's performance table is not the one in bench/results/latest.json"
