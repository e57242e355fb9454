"""Small decision tables built in code for the scoring tests (no CSV, every field set directly)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from decision_aid.core.table import Criterion, DecisionTable, Direction, Role

#: A benefit measured against a dummy treatment in chronic pain; 10 points is the smallest noticeable.
RELIEF = Criterion("relief", "Pain relief", Direction.HIGHER, 0, 20, "points", role=Role.BENEFIT,
                   comparator="placebo_sham", population="chronic", minimal_important=10)
ONSET = Criterion("onset", "Days until relief", Direction.LOWER, 0, 100, "days", role=Role.ONSET)
LASTS = Criterion("lasts", "Weeks relief lasts", Direction.HIGHER, 0, 50, "weeks", role=Role.DURATION)
NEEDLE = Criterion("needle", "How invasive", Direction.LOWER, 0, 4, "level", role=Role.INVASIVENESS)
COST = Criterion("cost", "Cost", Direction.LOWER, 0, 100, "pounds")
GAIN = Criterion("gain", "Gain", Direction.HIGHER, 0, 10, "points")


def build(criteria: Sequence[Criterion], values: dict[str, Sequence[float]], *,
          extra: dict[str, Sequence[object]] | None = None, ids: Sequence[str] | None = None,
          categories: Sequence[str] | None = None, contraindications: Sequence[str] | None = None,
          cautions: Sequence[str] | None = None) -> DecisionTable:
    """A table with the given criterion values; ``extra`` adds ``X_low``, ``X_comparator`` and such."""
    n = len(next(iter(values.values())))
    ids = list(ids) if ids is not None else [f"o{i}" for i in range(n)]
    frame = pd.DataFrame({c: [float(v) for v in column] for c, column in values.items()},
                         index=pd.Index(ids, name="id"))
    for column, cells in (extra or {}).items():
        numeric = all(isinstance(v, (int, float)) for v in cells)
        frame[column] = [float(v) for v in cells] if numeric else ["" if v is None else str(v) for v in cells]
    frame["name"] = [f"Option {i}" for i in ids]
    frame["category"] = list(categories) if categories is not None else ["home"] * n
    frame["contraindications"] = list(contraindications) if contraindications is not None else [""] * n
    frame["cautions"] = list(cautions) if cautions is not None else [""] * n
    return DecisionTable(folder=None, options=frame, criteria=tuple(criteria))  # type: ignore[arg-type]


NAN = math.nan


def unknown_by_the_rules(table):
    """Which cells count as unknown, worked out from the issue's words without the app's code.

    A cell is unknown when it is empty, or measured against another comparator or in another
    population than its criterion names; and an option's onset and duration are unknown when its
    benefit is unknown (empty or not comparable) or its upper end is below the criterion's
    smallest noticeable difference.
    """
    import math

    import numpy as np

    options = table.options
    columns = [c.column for c in table.criteria]
    unknown = options[columns].isna().to_numpy()
    for j, c in enumerate(table.criteria):
        for suffix, wanted in (("_comparator", c.comparator), ("_population", c.population)):
            if wanted and c.column + suffix in options.columns:
                allowed = {""} | {code for code in wanted.split(";") if code}
                unknown[:, j] |= ~options[c.column + suffix].fillna("").isin(allowed).to_numpy()
    benefit = next((j for j, c in enumerate(table.criteria) if c.role == "benefit"), None)
    if benefit is not None:
        c = table.criteria[benefit]
        value = options[c.column].to_numpy(dtype=float)
        high = options[c.column + "_high"].to_numpy(dtype=float) if c.column + "_high" in options else value
        high = np.where(np.isnan(high), value, high)
        gate = unknown[:, benefit].copy()
        if not math.isnan(c.minimal_important):
            gate |= high < c.minimal_important
        for j, other in enumerate(table.criteria):
            if other.role in ("onset", "duration"):
                unknown[:, j] |= gate
    return unknown
