"""The benchmark's pieces run against the real app (no timings are asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.run import Figure, bench_load, make_table, summarise, table_text  # noqa: E402

from decision_aid.core.table import load_table  # noqa: E402


def test_synthetic_table_is_valid(tmp_path):
    table = load_table(make_table(tmp_path / "t", 200))
    assert len(table.ids) == 200
    assert table.options["pain_relief"].isna().any()  # gaps, like real tables


def test_load_measurement_and_report(tmp_path):
    figures = bench_load(1, {"200": make_table(tmp_path / "t", 200)})
    assert [f.name for f in figures] == ["pandas.read_csv, 200 options (floor)", "load and validate, 200 options"]
    assert figures[1].ratio is not None and figures[1].met in (True, False)
    text = table_text(figures + [summarise("x", "ms", [1.0, 2.0, 3.0], target="<= 16 ms")])
    assert text.splitlines()[0].startswith("| measurement | median | p95 |")
    assert isinstance(figures[0], Figure)
