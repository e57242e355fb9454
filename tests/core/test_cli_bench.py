"""The command-line scale benchmark runs against the real CLI (no timings are asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.cli_scale import bench_cli_scale  # noqa: E402


def test_cli_scale_measures_every_rank_format(tmp_path):
    figures = bench_cli_scale(1, tmp_path, n=300)
    assert [f.name for f in figures] == [
        "pandas.read_csv, 300 options (floor)",
        "rank --format csv, 300 options (load included)",
        "rank --format table, 300 options (load included)",
        "rank --format json, 300 options (load included)",
    ]
    assert figures[1].target == "<= 2 s" and figures[1].met in (True, False)
    assert all(f.median > 0 for f in figures) and all(f.ratio > 0 for f in figures[1:])
