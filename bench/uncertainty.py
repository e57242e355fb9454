"""Benchmark rows for the honest ranking: ``score`` + ``score_best`` and the SMAA-2 uncertainty.

    python -m bench.uncertainty            # prints the rows
    python -m bench.uncertainty --quick    # fewer repetitions

``bench.run`` adds the same rows with ``figures += bench_uncertainty(reps)``.
The large table is the worst case for sampling: every known cell has a range.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(ROOT))

from bench.run import Figure, summarise, table_text


def ranged_table(n: int, seed: int = 1):
    """A synthetic table of ``n`` options over the bundled criteria, every known cell with a range."""
    import numpy as np
    import pandas as pd

    from decision_aid.core.table import DecisionTable, bundled_data_dir, load_table

    bundled = load_table(bundled_data_dir())
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"name": [f"Synthetic option {i}" for i in range(n)],
                          "category": rng.choice(["conventional", "alternative", "home"], n),
                          "contraindications": "", "cautions": rng.choice(["", "Pregnancy"], n)},
                         index=pd.Index([f"option_{i}" for i in range(n)], name="id"))
    for c in bundled.criteria:
        values = np.where(rng.random(n) < 0.1, np.nan, rng.uniform(c.min, c.max, n))
        half = rng.uniform(0, (c.max - c.min) / 4, n)
        frame[c.column] = values
        frame[c.column + "_low"] = np.clip(values - half, c.min, c.max)
        frame[c.column + "_high"] = np.clip(values + half, c.min, c.max)
    return DecisionTable(folder=None, options=frame, criteria=bundled.criteria)  # type: ignore[arg-type]


def _time(func, reps: int) -> list[float]:
    func()  # warm: first call pays for lazy keys and imports
    out = []
    for _ in range(reps):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def bench_uncertainty(reps: int, large: int = 10_000) -> list[Figure]:
    """Slider-move scoring and release-time uncertainty, at the bundled table and at ``large`` options."""
    from decision_aid.core.scoring import Limits, Scorer, default_importances
    from decision_aid.core.table import bundled_data_dir, load_table

    bundled = load_table(bundled_data_dir())
    big = f"{large:,} options, every cell ranged"
    tables = {"bundled table (13 options)": bundled, big: ranged_table(large)}
    targets = {"bundled table (13 options)": ("<= 16 ms", 16.0, "<= 100 ms", 100.0),
               big: ("<= 50 ms", 50.0, "<= 1 s", 1000.0)}
    figures: list[Figure] = []
    for label, table in tables.items():
        scorer = Scorer(table)
        importances = default_importances(table.criteria)
        limits = Limits(contraindications=frozenset({"Pregnancy"}))
        score_target, score_limit, smaa_target, smaa_limit = targets[label]
        quick = summarise(f"score + score_best (slider move), {label}", "ms",
                          _time(lambda s=scorer, w=importances, lim=limits: s.score(w, limits=lim), reps),
                          target=score_target)
        quick.met = quick.median <= score_limit
        smaa = summarise(f"SMAA-2 interval + p_first (slider release, {scorer.samples} samples), {label}", "ms",
                         _time(lambda s=scorer, w=importances, lim=limits: s.uncertainty(w, limits=lim),
                               max(3, reps // 3)),
                         target=smaa_target)
        smaa.met = smaa.p95 <= smaa_limit
        figures += [quick, smaa]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.uncertainty", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions (smoke test)")
    args = parser.parse_args(argv)
    print(table_text(bench_uncertainty(3 if args.quick else 25)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
