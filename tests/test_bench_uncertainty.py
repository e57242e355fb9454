"""The uncertainty benchmark rows run against the real scoring code (no timings are asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.uncertainty import bench_uncertainty, ranged_table
from decision_aid.core.scoring import Scorer


def test_ranged_table_samples_every_known_cell():
    table = ranged_table(50)
    scorer = Scorer(table)
    known = ~scorer.unknown.isin(["no_figure"]).to_numpy()
    assert ((table.options[[c.column + "_high" for c in table.criteria]].to_numpy()
             >= table.options[[c.column + "_low" for c in table.criteria]].to_numpy()) | ~known).all()


def test_rows_are_named_and_judged():
    figures = bench_uncertainty(1, large=300)
    assert len(figures) == 4
    assert "2000 samples" in figures[1].name and "300 options" in figures[3].name
    assert all(f.met in (True, False) and f.median > 0 for f in figures)
