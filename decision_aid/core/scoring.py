"""Personal ranking: a weighted sum over criteria scaled to their declared ranges.

How a score is made (the README says the same in plain words):

1. Each criterion value is scaled to 0..1 over the criterion's declared range
   (``min``..``max`` in ``criteria.csv``), 1 at the better end. Because the
   range is declared, not taken from the options shown, filtering or adding
   options never changes another option's score.
2. An unknown cell scales to 0 in ``score`` (a gap in the evidence never raises
   an option's score) and to 1 in ``score_best`` (how far the option could
   reach if the missing figures turned out favourable). A cell is unknown when
   it has no figure; when its figure was measured against another comparator
   or in another population than its criterion's (:meth:`DecisionTable.comparable`);
   or, for the onset and duration criteria, when the option's benefit figure
   is unknown or its upper bound is below the benefit criterion's minimal
   important difference (timing belongs to a benefit). The ranking marks every
   unknown cell with its reason (:class:`Unknown`).
3. Importances (0-10, one per criterion; a criterion not named counts as 0)
   are divided by their sum, so the weights add up to 1.
4. An option's score is ``100 * sum(weight * scaled value)``, 0 to 100; each
   term is that criterion's contribution, so the parts add up to the score.

The spread from the figures' ranges is in :mod:`.uncertainty` (SMAA-2), made
by :meth:`Scorer.uncertainty` with the same scaling and weights.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

import numpy as np
import pandas as pd

from .errors import WeightError
from .i18n import ENGLISH, Message, Translator, is_english, msg
from .table import Criterion, DecisionTable, Direction, Role, split_list
from .uncertainty import (
    RANKS,
    Uncertainty,
    option_keys,
    sample_count,
    sampled_scores,
    stable_key,
    summarise,
)

MAX_IMPORTANCE = 10.0
#: Scores closer than this many points count as tied (below any real difference).
TIE_POINTS = 1e-6


# --------------------------------------------------------------------------- weights


def parse_weight(text: str, criteria: Sequence[Criterion], *, tr: Translator = ENGLISH) -> tuple[str, float]:
    """Read ``CRITERION=N`` as typed on the command line.

    It splits at the *last* ``=``, so a criterion whose name holds one still
    works; a decimal comma is read as a point and ``-0`` as 0.

    Raises
    ------
    WeightError
        For a missing ``=``, an unknown criterion, or an importance that is not
        a number from 0 to 10 (its message in ``tr``'s language).
    """
    if "=" not in text:
        raise WeightError(tr.gettext("'{text}' is not a weight; write CRITERION=N, for example pain_relief=8").format(
            text=text))
    name, _, number = text.rpartition("=")
    name = name.strip().lower()
    known = [c.column for c in criteria]
    if name not in known:
        raise WeightError(tr.gettext("'{name}' is not a criterion of this table; use one of: {criteria}").format(
            name=name, criteria=", ".join(known)))
    try:
        value = float(number.strip().replace(",", "."))
    except ValueError:
        raise WeightError(tr.gettext("'{text}' is not a number; give {name} an importance from 0 to 10").format(
            text=number.strip(), name=name)) from None
    check_importance(name, value, tr=tr)
    return name, value + 0.0


def check_importance(name: str, value: float, *, tr: Translator = ENGLISH) -> None:
    problem = _importance_problem(name, value)
    if problem is not None:
        raise WeightError(problem.say(tr))


def _importance_problem(name: str, value: float) -> Message | None:
    """What is wrong with an importance of ``value`` for ``name``, or ``None`` when it is from 0 to 10."""
    if math.isfinite(value) and 0 <= value <= MAX_IMPORTANCE:
        return None
    # The value as typed or saved (a point for decimals), as every value that comes from the user's file.
    return msg("the importance of '{name}' is {value}; use a number from 0 (does not matter) to 10 (matters most)",
               name=name, value=f"{value:g}")


def importance_words(value: float, *, tr: Translator = ENGLISH) -> str:
    """How much a criterion matters, in words (in ``tr``'s language), for an importance of 0 to 10."""
    if value <= 0:
        return tr.gettext("doesn't matter")
    if value < 4:
        return tr.gettext("matters a little")
    if value < 7:
        return tr.gettext("matters")
    if value < 10:
        return tr.gettext("matters a lot")
    return tr.gettext("matters most")


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
        raise WeightError(msg("'{name}' is not a criterion of this table; use one of: {criteria}",
                              name=unknown[0], criteria=", ".join(columns)))
    raw = pd.Series([float(importances.get(c, 0.0)) for c in columns], index=columns, dtype=float)
    for name, value in raw.items():
        problem = _importance_problem(str(name), value)
        if problem is not None:
            raise WeightError(problem)
    total = raw.sum()
    if total <= 0:
        raise WeightError(msg("every importance is 0; say how much at least one thing matters"))
    return raw / total


def rank(scores: pd.Series) -> pd.Series:
    """1 for the highest score; ties share the better rank."""
    return scores.rank(ascending=False, method="min").astype(int)


# --------------------------------------------------------------------------- unknown cells


class Unknown(str, Enum):
    """Why the ranking treats a cell as unknown. Codes, never translated; :attr:`words` says it."""

    #: The cell has no figure.
    NO_FIGURE = "no_figure"
    #: The figure was measured against another comparator, or in other people, than its criterion's.
    NOT_COMPARABLE = "not_comparable"
    #: A timing cell of an option with no comparable benefit figure.
    NO_BENEFIT = "benefit_unknown"
    #: A timing cell of an option whose benefit, at its upper bound, is below the minimal important difference.
    BENEFIT_BELOW_MINIMAL = "benefit_below_minimal_important"

    def __str__(self) -> str:
        return self.value

    @property
    def words(self) -> str:
        """The reason in plain words."""
        return UNKNOWN_WORDS[self]


UNKNOWN_WORDS = {
    Unknown.NO_FIGURE: "no figure",
    Unknown.NOT_COMPARABLE: "not comparable",
    Unknown.NO_BENEFIT: "no comparable figure for the benefit this timing belongs to",
    Unknown.BENEFIT_BELOW_MINIMAL: "benefit below the smallest noticeable difference",
}

#: Criteria whose figures only mean something beside a benefit (when relief starts, how long it lasts).
TIMING_ROLES = (Role.ONSET, Role.DURATION)


def timing_gate(table: DecisionTable) -> np.ndarray:
    """Per option, why its timing cells count as unknown ("" when they count as given).

    Decided once per option from its benefit figure (the criterion with role
    ``benefit``): unknown when that figure is missing or not comparable, and
    below the minimal important difference when its upper bound
    (``X_high`` if given, else the figure) is below the criterion's
    ``minimal_important`` (for a benefit where higher is better).
    """
    n = len(table.options)
    out = np.full(n, "", dtype=object)
    benefit = table.by_role(Role.BENEFIT)
    if benefit is None:
        return out
    value = table.options[benefit.column].to_numpy(dtype=float)
    known = ~np.isnan(value) & table.comparable()[benefit.column].to_numpy(dtype=bool)
    out[~known] = Unknown.NO_BENEFIT.value
    if math.isfinite(benefit.minimal_important) and benefit.better is Direction.HIGHER:
        upper = value
        if benefit.column + "_high" in table.options.columns:
            high = table.options[benefit.column + "_high"].to_numpy(dtype=float)
            upper = np.where(np.isnan(high), value, high)
        out[known & (upper < benefit.minimal_important)] = Unknown.BENEFIT_BELOW_MINIMAL.value
    return out


def unknown_cells(table: DecisionTable) -> pd.DataFrame:
    """Why each criterion cell counts as unknown: an :class:`Unknown` code, or "" when it is known.

    The first reason that applies is given: no figure, then not comparable,
    then (for onset and duration) the option's benefit.

    Returns
    -------
    pandas.DataFrame
        Codes (str) indexed by option id, one column per criterion.
    """
    columns = [c.column for c in table.criteria]
    n = len(table.options)
    raw = table.options[columns].to_numpy(dtype=float) if columns else np.zeros((n, 0))
    comparable = table.comparable()[columns].to_numpy(dtype=bool) if columns else np.zeros((n, 0), bool)
    reasons = np.full(raw.shape, "", dtype=object)
    no_figure = np.isnan(raw)
    reasons[no_figure] = Unknown.NO_FIGURE.value
    reasons[~no_figure & ~comparable] = Unknown.NOT_COMPARABLE.value
    if any(c.role in TIMING_ROLES for c in table.criteria):
        gate = timing_gate(table)
        for j, c in enumerate(table.criteria):
            if c.role in TIMING_ROLES:
                rows = (reasons[:, j] == "") & (gate != "")
                reasons[rows, j] = gate[rows]
    return pd.DataFrame(reasons, index=table.options.index, columns=columns)


def cell_ranges(table: DecisionTable, unknown: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The range each known cell is sampled over, NaN where a cell is exact or unknown.

    A cell is sampled when ``X_low`` or ``X_high`` is given and the two ends
    differ; a missing end is the figure itself.
    """
    options = table.options
    n, m = len(options), len(table.criteria)
    lows, highs = np.full((n, m), np.nan), np.full((n, m), np.nan)
    for j, c in enumerate(table.criteria):
        value = options[c.column].to_numpy(dtype=float)
        lo = options[c.column + "_low"].to_numpy(dtype=float) if c.column + "_low" in options.columns else value
        hi = options[c.column + "_high"].to_numpy(dtype=float) if c.column + "_high" in options.columns else value
        lo, hi = np.where(np.isnan(lo), value, lo), np.where(np.isnan(hi), value, hi)
        with np.errstate(invalid="ignore"):
            sampled = ~unknown[:, j] & np.isfinite(lo) & np.isfinite(hi) & (hi > lo)
        lows[sampled, j], highs[sampled, j] = lo[sampled], hi[sampled]
    return lows, highs


# --------------------------------------------------------------------------- limits

#: The category of "no treatment / natural course": no category limit removes it.
COMPARISON_CATEGORY = "comparison"


def patient_conditions(table: DecisionTable) -> list[str]:
    """Every condition a patient can tick: the union of contraindications and cautions.

    First-seen order (contraindications first), one entry per condition
    whatever its case, as written in the table.
    """
    seen: dict[str, str] = {}
    for column in ("contraindications", "cautions"):
        for cell in table.texts(column):
            for item in split_list(cell):
                seen.setdefault(item.casefold(), item)
    return list(seen.values())


@dataclass(frozen=True)
class Limits:
    """Hard limits: options these rule out are not ranked at all.

    ``contraindications`` holds the conditions the patient has. One rules an
    option out only where the option lists it under ``contraindications``
    (do not use); where the option lists it under ``cautions`` (tell the
    practitioner, check with a clinician first) the option stays and the
    caution is reported (:meth:`cautions`). Each limit can only remove
    options, so limits together never bring back one that another removed.
    """

    exclude_categories: frozenset[str] = frozenset()
    max_invasiveness: float | None = None
    contraindications: frozenset[str] = frozenset()

    def allowed(self, table: DecisionTable) -> pd.Series:
        """True for every option that passes every limit, indexed by id."""
        options = table.options
        category = options["category"]
        keep = ~(category.isin(self.exclude_categories) & (category != COMPARISON_CATEGORY))
        invasive = table.by_role(Role.INVASIVENESS)
        if self.max_invasiveness is not None and invasive is not None:
            # An option with no invasiveness figure cannot be shown to pass the limit.
            keep &= options[invasive.column].le(self.max_invasiveness)
        if self.contraindications and "contraindications" in options.columns:
            found = _matching_items(options["contraindications"], self.wanted(table))
            keep &= np.array([not items for items in found], dtype=bool)
        return keep.astype(bool)

    def wanted(self, table: DecisionTable) -> frozenset[str]:
        """The patient's conditions, case-folded, as ``table`` or its other language words them.

        A condition ticked in a translation ("Embarazo") matches the base table's
        "Pregnancy" and back (see :attr:`DecisionTable.same_conditions`).
        """
        return frozenset().union(*(table.condition_words(c) for c in self.contraindications))

    def conditions_in(self, table: DecisionTable) -> list[str]:
        """The patient's conditions as ``table`` writes them (its language), sorted; others as given."""
        shown = {item.casefold(): item for item in patient_conditions(table)}
        out = set()
        for condition in self.contraindications:
            words = [condition.casefold(), *sorted(table.condition_words(condition) - {condition.casefold()})]
            found = [shown[w] for w in words if w in shown]
            out.add(found[0] if found else condition)
        return sorted(out, key=str.casefold)

    def reasons(self, table: DecisionTable, option_id: str, *, tr: Translator = ENGLISH) -> list[str]:
        """Plain words (in ``tr``'s language) for why ``option_id`` is ruled out (empty if it is not)."""
        out = []
        category = table.options.at[option_id, "category"]
        if category in self.exclude_categories and category != COMPARISON_CATEGORY:
            if is_english(tr):
                out.append(f"{category} options are excluded")
            else:
                from .words.values import category_words

                out.append(tr.gettext("{category} options are excluded").format(
                    category=category_words(category, tr=tr)))
        invasive = table.by_role(Role.INVASIVENESS)
        if self.max_invasiveness is not None and invasive is not None:
            value = table.value(option_id, invasive.column)
            if math.isnan(value):
                out.append(tr.gettext("no reliable figure for {criterion}").format(criterion=invasive.label.lower()))
            elif value > self.max_invasiveness:
                out.append(tr.gettext("{criterion} is {value}, above the limit of {limit}").format(
                    criterion=invasive.label.lower(), value=_g(value, tr), limit=_g(self.max_invasiveness, tr)))
        wanted = self.wanted(table)
        for item in table.items(option_id, "contraindications"):
            if item.casefold() in wanted:
                out.append(tr.gettext("not advised with: {condition}").format(condition=item))
        return out

    def ruled_out(self, table: DecisionTable) -> dict[str, tuple[str, ...]]:
        """Every option these limits rule out, with its reasons, in table order."""
        allowed = self.allowed(table)
        return {i: tuple(self.reasons(table, i)) for i in allowed.index[~allowed.to_numpy()]}

    def cautions(self, table: DecisionTable, option_id: str) -> tuple[str, ...]:
        """The patient's conditions ``option_id`` lists as cautions, as the table writes them."""
        wanted = self.wanted(table)
        return tuple(item for item in table.items(option_id, "cautions") if item.casefold() in wanted)

    def cautions_by_option(self, table: DecisionTable, ids: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
        """:meth:`cautions` of every option in ``ids`` (default all) that has at least one."""
        if not self.contraindications or "cautions" not in table.options.columns:
            return {}
        cells = table.options["cautions"]
        if ids is not None:
            cells = cells.reindex(list(ids))
        found = _matching_items(cells, self.wanted(table))
        return {str(i): items for i, items in zip(cells.index, found) if items}


def _matching_items(cells: pd.Series, wanted: frozenset[str]) -> np.ndarray:
    """Per ``;``-separated cell, the items whose case-folded text is in ``wanted`` (a tuple each).

    Each distinct cell is read once: list columns repeat a few values over many rows.
    """
    codes, distinct = pd.factorize(cells.to_numpy(dtype=object), use_na_sentinel=False)
    per_value = np.empty(len(distinct), dtype=object)
    per_value[:] = [tuple(item for item in split_list(cell) if item.casefold() in wanted) for cell in distinct]
    return per_value[codes]


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Ranking:
    """Scores of some options under one set of importances.

    All Series and frames are indexed by option id in table order.

    Attributes
    ----------
    scores
        ``score``: unknown cells at the worst end of their range.
    missing
        True for every cell treated as unknown (scaled to 0 in ``scores``).
    scores_best
        ``score_best``: the same with every unknown cell at the best end.
    unknown
        Why each cell is unknown: an :class:`Unknown` code, "" when known.
    cautions
        For each option shown that lists one of the patient's conditions as a
        caution, those conditions (options without any are absent).
    """

    importances: pd.Series
    weights: pd.Series
    contributions: pd.DataFrame
    scores: pd.Series
    ranks: pd.Series
    missing: pd.DataFrame
    scores_best: pd.Series | None = None
    unknown: pd.DataFrame | None = None
    cautions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.scores_best is None:
            object.__setattr__(self, "scores_best", self.scores.rename("score_best"))
        if self.unknown is None:
            codes = np.where(self.missing.to_numpy(dtype=bool), Unknown.NO_FIGURE.value, "").astype(object)
            object.__setattr__(self, "unknown", pd.DataFrame(codes, index=self.missing.index,
                                                             columns=self.missing.columns))

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

    def unknown_of(self, option_id: str) -> dict[str, Unknown]:
        """The unknown cells of one option: criterion column -> reason."""
        row = self.unknown.loc[option_id]  # type: ignore[union-attr]
        return {str(column): Unknown(code) for column, code in row.items() if code}


@dataclass
class Scorer:
    """Scores options of one table; the scaled matrices are computed once.

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
        reasons = unknown_cells(self.table).to_numpy(dtype=object)
        unknown = reasons != ""
        self._reasons = reasons
        self._present = ~unknown
        self._scaled = np.where(unknown, 0.0, np.nan_to_num(scaled, nan=0.0))
        self._best = np.where(unknown, 1.0, self._scaled)
        lows, highs = cell_ranges(self.table, unknown)
        # Each sampled cell's range on the criterion's 0..1 scale, by the same linear map as
        # Criterion.scale (before its clip, which sampling applies to each draw).
        span = np.array([c.max - c.min for c in criteria], dtype=float)
        start = np.array([c.min for c in criteria], dtype=float)
        lower = np.array([c.better is Direction.LOWER for c in criteria], dtype=bool)
        a, b = (lows - start) / span, (highs - start) / span
        self._starts = np.where(lower, 1.0 - a, a)
        self._widths = np.where(lower, a - b, b - a)
        self._ids = pd.Index(self.table.options.index)
        self._columns = [c.column for c in criteria]
        self._keys: np.ndarray | None = None
        #: Samples drawn per option: set by the whole table's size, so filtering never changes it.
        self.samples = sample_count(len(self._ids))

    @property
    def scaled(self) -> pd.DataFrame:
        """Every option's value on every criterion, 0 (worst) to 1 (best); unknown cells are 0."""
        return pd.DataFrame(self._scaled, index=self._ids, columns=self._columns)

    @property
    def unknown(self) -> pd.DataFrame:
        """Why each cell of the table is unknown (see :func:`unknown_cells`)."""
        return pd.DataFrame(self._reasons, index=self._ids, columns=self._columns)

    def _rows(self, ids: Iterable[str] | pd.Series | None, limits: Limits | None) -> np.ndarray:
        if ids is None:
            rows = np.arange(len(self._ids))
        elif isinstance(ids, pd.Series) and ids.dtype == bool:
            rows = np.flatnonzero(ids.reindex(self._ids, fill_value=False).to_numpy())
        else:
            rows = self._ids.get_indexer(list(ids))
            if (rows < 0).any():
                raise KeyError("unknown option id")
        if limits is not None:
            rows = rows[limits.allowed(self.table).to_numpy(dtype=bool)[rows]]
        return rows

    def score(self, importances: Mapping[str, float], ids: Iterable[str] | pd.Series | None = None, *,
              limits: Limits | None = None) -> Ranking:
        """Rank ``ids`` (default: every option) by the patient's importances.

        ``ids`` may also be a boolean Series such as :meth:`Limits.allowed`.
        With ``limits``, only the options those limits allow are ranked, and
        the ranking carries the patient's cautions per option.
        """
        weights = normalise_weights(importances, self.table.criteria)
        rows = self._rows(ids, limits)
        index = self._ids[rows]
        points = 100.0 * weights.to_numpy()
        parts = self._scaled[rows] * points
        contributions = pd.DataFrame(parts, index=index, columns=self._columns)
        scores = pd.Series(parts.sum(axis=1), index=index, name="score")
        best = pd.Series(self._best[rows] @ points, index=index, name="score_best")
        raw = pd.Series([float(importances.get(c, 0.0)) for c in self._columns], index=self._columns)
        cautions = limits.cautions_by_option(self.table, index) if limits is not None else {}
        return Ranking(importances=raw, weights=weights, contributions=contributions, scores=scores,
                       ranks=rank(scores),
                       missing=pd.DataFrame(~self._present[rows], index=index, columns=self._columns),
                       scores_best=best,
                       unknown=pd.DataFrame(self._reasons[rows], index=index, columns=self._columns),
                       cautions=cautions)

    def uncertainty(self, importances: Mapping[str, float], ids: Iterable[str] | pd.Series | None = None, *,
                    limits: Limits | None = None) -> Uncertainty:
        """SMAA-2 interval, ``p_first`` and rank shares of ``ids`` (as :meth:`score` selects them).

        Pure numpy and free of shared state, so it may run off the GUI thread.
        """
        weights = normalise_weights(importances, self.table.criteria)
        rows = self._rows(ids, limits)
        if self._keys is None:
            self._keys = option_keys([str(i) for i in self._ids])
        points = 100.0 * weights.to_numpy()
        starts, widths = self._starts[rows], self._widths[rows]
        exact = np.where(np.isnan(starts), self._scaled[rows], 0.0) @ points
        streams = np.array([stable_key("criterion:" + c) for c in self._columns], dtype=np.uint64)
        samples = sampled_scores(exact, points, starts, widths, self._keys[rows], streams, self.samples)
        return summarise(self._ids[rows].tolist(), samples)

    def sensitivity(self, ranking: Ranking) -> Sensitivity:
        """The smallest change of one importance that puts another option on top (on ``score``).

        Every change of one importance to another whole number from 0 to 10 is
        tried at once (one matrix product: criteria x 11 trials); a trial counts
        when another option is then ahead of today's top by more than
        :data:`TIE_POINTS`. Of the changes that count, the smallest wins; equal
        changes go to the first criterion in table order, raising before
        lowering. The new top is the highest-scoring option in that trial
        (the first in the ranking's order if tied).
        """
        order = ranking.order()
        if len(order) < 2:
            return Sensitivity(top=order[0] if order else None)
        rows = self._ids.get_indexer(ranking.scores.index)
        matrix = self._scaled[rows]
        top_row = ranking.scores.index.get_loc(order[0])
        w = ranking.importances.to_numpy(dtype=float)
        levels = np.arange(int(MAX_IMPORTANCE) + 1, dtype=float)
        criterion = np.repeat(np.arange(len(w)), len(levels))      # trial t changes importance criterion[t]
        new = np.tile(levels, len(w))                               # ... to new[t]
        trials = np.tile(w, (len(new), 1))
        trials[np.arange(len(new)), criterion] = new
        total = trials.sum(axis=1)
        valid = (new != w[criterion]) & (total > 0)
        # Each trial's scores summed criterion by criterion exactly as score() sums them, so a
        # difference at the tie tolerance reads the same here as in the ranking it predicts.
        points = 100.0 * (trials[valid] / total[valid][:, None])
        totals = np.zeros((len(points), len(matrix)))               # (valid trials, options)
        for j in range(len(w)):
            totals += points[:, j:j + 1] * matrix[:, j]
        winners = np.argmax(totals, axis=1)
        ahead = totals[np.arange(len(winners)), winners] > totals[:, top_row] + TIE_POINTS
        if not ahead.any():
            return Sensitivity(top=order[0])
        criterion, new, winners = criterion[valid][ahead], new[valid][ahead], winners[ahead]
        change = np.abs(new - w[criterion])
        lowering = new < w[criterion]
        pick = np.lexsort((lowering, criterion, change))[0]         # last key sorts first
        return Sensitivity(top=order[0], criterion=self._columns[criterion[pick]],
                           current=float(w[criterion[pick]]), new=float(new[pick]),
                           new_top=str(ranking.scores.index[winners[pick]]), change=float(change[pick]))


def honest_numbers(ranking: Ranking, uncertainty: Uncertainty | None = None) -> pd.DataFrame:
    """The numbers per option that ``rank`` prints, highest ``score`` first.

    Columns ``score`` and ``score_best``; with ``uncertainty`` also ``score_low``,
    ``score_high``, ``p_first``, ``p_rank_2`` and ``p_rank_3`` (shares 0-1).
    """
    order = ranking.order()
    out = pd.DataFrame({"score": ranking.scores, "score_best": ranking.scores_best}).loc[order]
    if uncertainty is not None:
        out["score_low"] = uncertainty.score_low.reindex(order)
        out["score_high"] = uncertainty.score_high.reindex(order)
        out["p_first"] = uncertainty.p_first.reindex(order)
        for r in range(2, RANKS + 1):
            out[f"p_rank_{r}"] = uncertainty.rank_probabilities[r].reindex(order)
    return out


@dataclass(frozen=True)
class Sensitivity:
    """Result of :meth:`Scorer.sensitivity`; ``criterion`` is None when robust."""

    top: str | None
    criterion: str | None = None
    current: float = 0.0
    new: float = 0.0
    new_top: str | None = None
    change: float = math.inf

    def sentence(self, table: DecisionTable, *, tr: Translator = ENGLISH) -> str:
        """The plain-language sentence shown under the ranking, in ``tr``'s language."""
        if self.top is None:
            return tr.gettext("No options are left to rank.")
        name = table.options.at[self.top, "name"]
        if self.criterion is None:
            return tr.gettext("{name} stays at the top of this ranking whichever single importance is changed "
                              "(robust to any single weight change).").format(name=name)
        label = table.criterion(self.criterion).label
        new_name = table.options.at[self.new_top, "name"]
        return tr.gettext("The top choice would change from {name} to {new_name} if '{label}' mattered "
                          "{new} out of 10 instead of {current}.").format(
            name=name, new_name=new_name, label=label, new=_g(self.new, tr), current=_g(self.current, tr))


def _g(value: float, tr: Translator) -> str:
    """An importance as written in ``tr``'s language: ``7``, ``7.5`` (``7,5`` in Spanish)."""
    return f"{value:g}" if is_english(tr) else tr.format_decimal(value)
