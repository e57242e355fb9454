"""Personal ranking: a weighted sum over criteria scaled to their declared ranges.

How a score is made (the README says the same in plain words):

1. Each criterion value is scaled to 0..1 over the criterion's declared range
   (``min``..``max`` in ``criteria.csv``), 1 at the better end. Because the
   range is declared, not taken from the options shown, filtering or adding
   options never changes another option's score.
2. An empty value ("no reliable figure") scales to 0: a gap in the evidence
   never raises an option's score. The ranking marks every such gap.
3. Importances (0-10, one per criterion) are divided by their sum, so the
   weights add up to 1.
4. An option's score is ``100 * sum(weight * scaled value)``, 0 to 100; each
   term is that criterion's contribution, so the parts add up to the score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from .errors import WeightError
from .table import Criterion, DecisionTable, split_list

MAX_IMPORTANCE = 10.0
#: Scores closer than this many points count as tied (below any real difference).
TIE_POINTS = 1e-6


# --------------------------------------------------------------------------- weights


def parse_weight(text: str, criteria: Sequence[Criterion]) -> tuple[str, float]:
    """Read ``CRITERION=N`` as typed on the command line."""
    if "=" not in text:
        raise WeightError(f"'{text}' is not a weight; write CRITERION=N, for example pain_relief=8")
    name, _, number = text.partition("=")
    name = name.strip().lower()
    known = [c.column for c in criteria]
    if name not in known:
        raise WeightError(f"'{name}' is not a criterion of this table; use one of: {', '.join(known)}")
    try:
        value = float(number.replace(",", "."))
    except ValueError:
        raise WeightError(f"'{number.strip()}' is not a number; give {name} an importance from 0 to 10") from None
    check_importance(name, value)
    return name, value


def check_importance(name: str, value: float) -> None:
    if not (math.isfinite(value) and 0 <= value <= MAX_IMPORTANCE):
        raise WeightError(f"the importance of '{name}' is {value:g}; use a number from 0 (does not matter) "
                          f"to 10 (matters most)")


def importance_words(value: float) -> str:
    """How much a criterion matters, in words, for an importance of 0 to 10."""
    if value <= 0:
        return "doesn't matter"
    if value < 4:
        return "matters a little"
    if value < 7:
        return "matters"
    if value < 10:
        return "matters a lot"
    return "matters most"


def default_importances(criteria: Sequence[Criterion]) -> dict[str, float]:
    return {c.column: c.default_weight for c in criteria}


def normalise_weights(importances: Mapping[str, float], criteria: Sequence[Criterion]) -> pd.Series:
    """Importances (0-10) as weights that add up to 1, indexed by criterion column.

    Criteria not named in ``importances`` count as 0.

    Raises
    ------
    WeightError
        For an unknown criterion, an importance outside 0-10, or all zero.
    """
    columns = [c.column for c in criteria]
    unknown = sorted(set(importances) - set(columns))
    if unknown:
        raise WeightError(f"'{unknown[0]}' is not a criterion of this table; use one of: {', '.join(columns)}")
    raw = pd.Series([float(importances.get(c, 0.0)) for c in columns], index=columns, dtype=float)
    for name, value in raw.items():
        check_importance(str(name), value)
    total = raw.sum()
    if total <= 0:
        raise WeightError("every importance is 0; say how much at least one thing matters")
    return raw / total


def rank(scores: pd.Series) -> pd.Series:
    """1 for the highest score; ties share the better rank."""
    return scores.rank(ascending=False, method="min").astype(int)


# --------------------------------------------------------------------------- limits


@dataclass(frozen=True)
class Limits:
    """Hard limits: options these rule out are not ranked at all."""

    exclude_categories: frozenset[str] = frozenset()
    max_invasiveness: float | None = None
    contraindications: frozenset[str] = frozenset()

    def allowed(self, table: DecisionTable) -> pd.Series:
        """True for every option that passes every limit, indexed by id."""
        options = table.options
        keep = ~options["category"].isin(self.exclude_categories)
        invasive = table.by_role("invasiveness")
        if self.max_invasiveness is not None and invasive is not None:
            # An option with no invasiveness figure cannot be shown to pass the limit.
            keep &= options[invasive.column].le(self.max_invasiveness)
        if self.contraindications and "contraindications" in options.columns:
            wanted = {c.casefold() for c in self.contraindications}
            keep &= ~options["contraindications"].map(
                lambda cell: any(item.casefold() in wanted for item in split_list(cell)))
        return keep.astype(bool)

    def reasons(self, table: DecisionTable, option_id: str) -> list[str]:
        """Plain words for why ``option_id`` is ruled out (empty if it is not)."""
        out = []
        if table.options.at[option_id, "category"] in self.exclude_categories:
            out.append(f"{table.options.at[option_id, 'category']} options are excluded")
        invasive = table.by_role("invasiveness")
        if self.max_invasiveness is not None and invasive is not None:
            value = table.value(option_id, invasive.column)
            if math.isnan(value):
                out.append(f"no reliable figure for {invasive.label.lower()}")
            elif value > self.max_invasiveness:
                out.append(f"{invasive.label.lower()} is {value:g}, above the limit of {self.max_invasiveness:g}")
        wanted = {c.casefold() for c in self.contraindications}
        for item in table.items(option_id, "contraindications"):
            if item.casefold() in wanted:
                out.append(f"not advised with: {item}")
        return out


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Ranking:
    """Scores of some options under one set of importances.

    All Series and frames are indexed by option id in table order.
    """

    importances: pd.Series
    weights: pd.Series
    contributions: pd.DataFrame
    scores: pd.Series
    ranks: pd.Series
    missing: pd.DataFrame

    def order(self) -> list[str]:
        """Ids from highest score to lowest; ties keep table order."""
        return list(self._order)

    @cached_property
    def _order(self) -> tuple[str, ...]:
        # Sorted once per ranking: the chart, its description and the sentences all ask.
        by_score = np.argsort(-self.scores.to_numpy(dtype=float), kind="stable")
        return tuple(self.scores.index[by_score].tolist())

    @property
    def top(self) -> str | None:
        return self.order()[0] if len(self.scores) else None


@dataclass
class Scorer:
    """Scores options of one table; the scaled matrix is computed once.

    Parameters
    ----------
    table
        The validated table.
    """

    table: DecisionTable
    _scaled: np.ndarray = field(init=False, repr=False)
    _present: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        criteria = self.table.criteria
        raw = self.table.options[[c.column for c in criteria]].to_numpy(dtype=float)
        scaled = np.column_stack([c.scale(raw[:, j]) for j, c in enumerate(criteria)]) if criteria \
            else np.zeros((len(raw), 0))
        self._present = ~np.isnan(scaled)
        self._scaled = np.nan_to_num(scaled, nan=0.0)
        self._ids = pd.Index(self.table.options.index)
        self._columns = [c.column for c in criteria]

    @property
    def scaled(self) -> pd.DataFrame:
        """Every option's value on every criterion, 0 (worst) to 1 (best); gaps are 0."""
        return pd.DataFrame(self._scaled, index=self._ids, columns=self._columns)

    def score(self, importances: Mapping[str, float], ids: Iterable[str] | pd.Series | None = None) -> Ranking:
        """Rank ``ids`` (default: every option) by the patient's importances.

        ``ids`` may also be a boolean Series such as :meth:`Limits.allowed`.
        """
        weights = normalise_weights(importances, self.table.criteria)
        if ids is None:
            rows = np.arange(len(self._ids))
        elif isinstance(ids, pd.Series) and ids.dtype == bool:
            rows = np.flatnonzero(ids.reindex(self._ids, fill_value=False).to_numpy())
        else:
            rows = self._ids.get_indexer(list(ids))
            if (rows < 0).any():
                raise KeyError("unknown option id")
        index = self._ids[rows]
        parts = self._scaled[rows] * (100.0 * weights.to_numpy())
        contributions = pd.DataFrame(parts, index=index, columns=self._columns)
        scores = pd.Series(parts.sum(axis=1), index=index, name="score")
        raw = pd.Series([float(importances.get(c, 0.0)) for c in self._columns], index=self._columns)
        return Ranking(importances=raw, weights=weights, contributions=contributions, scores=scores,
                       ranks=rank(scores),
                       missing=pd.DataFrame(~self._present[rows], index=index, columns=self._columns))

    def sensitivity(self, ranking: Ranking) -> Sensitivity:
        """The smallest change of one importance that puts another option on top."""
        order = ranking.order()
        if len(order) < 2:
            return Sensitivity(top=order[0] if order else None)
        rows = self._ids.get_indexer(ranking.scores.index)
        matrix = self._scaled[rows]
        top_row = ranking.scores.index.get_loc(order[0])
        diff = matrix - matrix[top_row]                     # > 0 where another option is better
        w = ranking.importances.to_numpy(dtype=float)
        base = diff @ w                                     # <= 0 for every option
        best: Sensitivity | None = None
        for j, column in enumerate(self._columns):
            slope = diff[:, j]
            for direction in (+1, -1):
                # Differences below 1e-12 points are rounding noise, not a real trade-off.
                mask = slope * direction > 1e-12
                if not mask.any():
                    continue
                # base_i + delta * slope_i > 0  <=>  delta > -base_i / slope_i (per direction)
                needed = -base[mask] / slope[mask]
                k = int(np.argmin(needed * direction))
                threshold = w[j] + needed[k]
                # First whole importance past the threshold; float rounding can leave
                # that exactly on a tie, so step on until another option is truly ahead.
                new = math.floor(threshold) + 1 if direction > 0 else math.ceil(threshold) - 1
                while 0 <= new <= MAX_IMPORTANCE:
                    trial = w.copy()
                    trial[j] = new
                    if trial.sum() > 0:
                        totals = matrix @ trial * (100.0 / trial.sum())
                        winner = int(np.argmax(totals))
                        if totals[winner] > totals[top_row] + TIE_POINTS:
                            change = abs(new - w[j])
                            if best is None or change < best.change:
                                best = Sensitivity(top=order[0], criterion=column, current=float(w[j]),
                                                   new=float(new), new_top=str(ranking.scores.index[winner]),
                                                   change=change)
                            break
                    new += direction
        return best or Sensitivity(top=order[0])


@dataclass(frozen=True)
class Sensitivity:
    """Result of :meth:`Scorer.sensitivity`; ``criterion`` is None when robust."""

    top: str | None
    criterion: str | None = None
    current: float = 0.0
    new: float = 0.0
    new_top: str | None = None
    change: float = math.inf

    def sentence(self, table: DecisionTable) -> str:
        """The plain-language sentence shown under the ranking."""
        if self.top is None:
            return "No options are left to rank."
        name = table.options.at[self.top, "name"]
        if self.criterion is None:
            return (f"{name} stays at the top of this ranking whichever single importance is changed "
                    "(robust to any single weight change).")
        label = table.criterion(self.criterion).label
        new_name = table.options.at[self.new_top, "name"]
        return (f"The top choice would change from {name} to {new_name} if '{label}' mattered "
                f"{self.new:g} out of 10 instead of {self.current:g}.")
