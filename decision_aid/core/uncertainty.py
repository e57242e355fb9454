"""Quantified uncertainty of a ranking: stochastic multicriteria acceptability (SMAA-2).

How it is made (the README says the same in plain words):

1. A figure given with a range (``X_low`` .. ``X_high``) is drawn uniformly from
   that range; a figure without a range is exact; an unknown figure stays at
   the worst end of its criterion (it is shown by ``score_best``, never sampled:
   ignorance is not a probability).
2. Each draw is scaled and weighed exactly as :mod:`.scoring` does for
   ``score``, giving one sampled score per option per sample.
3. ``score_low`` and ``score_high`` are each option's 10th and 90th
   percentiles; ``p_first`` is the share of samples in which the option ranks
   first among the options shown (a tie shares the place evenly); and
   ``rank_probabilities`` gives the same for ranks 1, 2 and 3.

Each option draws from its own stream, keyed by a stable hash of its id and of
the criterion, and sample ``k`` is the same draw whichever other options are
shown and however many samples are taken: filtering options never changes an
option's interval. The draws come from a counter-based generator (the
SplitMix64 finaliser applied to key + k x golden gamma), so one vectorised pass
makes every option's samples at once.

Reference: Lahdelma R, Salminen P. SMAA-2: Stochastic multicriteria
acceptability analysis for group decision making. Operations Research
2001;49(3):444-454. Tervonen's JSMAA and the R package ``smaa`` implement the
same method.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Samples drawn for tables of up to :data:`FULL_SAMPLE_OPTIONS` options.
FULL_SAMPLES = 2000
FULL_SAMPLE_OPTIONS = 2000
#: Above that, options x samples stays within this budget.
SAMPLE_BUDGET = 4_000_000
#: Ranks whose probabilities are reported (1st, 2nd, 3rd).
RANKS = 3
#: Percentiles reported as the interval.
LOW_PERCENTILE, HIGH_PERCENTILE = 10.0, 90.0
#: Sampled scores that agree to this many decimals (points) count as tied.
TIE_DECIMALS = 7
#: An option "ranks first" clearly when its share is above this.
CLEAR_WINNER = 0.5

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def sample_count(n_options: int) -> int:
    """How many samples to draw for a table of ``n_options`` options.

    2,000 up to 2,000 options; above that as many as keep options x samples
    within about 4 million (at least one).
    """
    if n_options <= FULL_SAMPLE_OPTIONS:
        return FULL_SAMPLES
    return max(1, SAMPLE_BUDGET // n_options)


def stable_key(text: str) -> np.uint64:
    """A 64-bit key for ``text`` that is the same in every process (unlike :func:`hash`)."""
    return np.uint64(int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little"))


def option_keys(ids: Sequence[str]) -> np.ndarray:
    """One stable 64-bit key per option id."""
    return np.array([stable_key(i) for i in ids], dtype=np.uint64).reshape(len(ids))


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, in place on a uint64 array (wrapping arithmetic)."""
    z ^= z >> np.uint64(30)
    z *= _MIX1
    z ^= z >> np.uint64(27)
    z *= _MIX2
    z ^= z >> np.uint64(31)
    return z


def uniforms(keys: np.ndarray, samples: int) -> np.ndarray:
    """Draws in [0, 1): ``out[k, i]`` is sample ``k`` of the stream keyed ``keys[i]``.

    Sample ``k`` of a stream never depends on the other streams or on ``samples``.
    """
    keys = np.asarray(keys, dtype=np.uint64)
    mixed = _mix(keys.copy())  # decorrelate neighbouring keys before counting
    counter = np.arange(1, samples + 1, dtype=np.uint64)[:, None] * _GAMMA
    z = counter + mixed[None, :]
    _mix(z)
    z >>= np.uint64(11)
    return z.astype(np.float64) * (1.0 / 9007199254740992.0)  # 2**-53


@dataclass(frozen=True)
class Uncertainty:
    """SMAA-2 results for the options shown, each Series indexed by option id.

    Attributes
    ----------
    score_low, score_high
        The 10th and 90th percentiles of each option's sampled score (0-100).
    p_first
        Share of samples in which the option ranks first among those shown.
    rank_probabilities
        Shares for ranks 1, 2 and 3 (columns ``1``, ``2``, ``3``); column 1 is ``p_first``.
    samples
        How many samples were drawn per option.
    """

    score_low: pd.Series
    score_high: pd.Series
    p_first: pd.Series
    rank_probabilities: pd.DataFrame
    samples: int

    def too_close_to_call(self, floor: float = 0.1) -> tuple[str, ...]:
        """See :func:`too_close_to_call`."""
        return too_close_to_call(self.p_first, floor)


def too_close_to_call(p_first: pd.Series, floor: float = 0.1) -> tuple[str, ...]:
    """The options the ranking cannot separate, or ``()`` when one clearly ranks first.

    When no option ranks first in more than half of the samples, this gives
    the options that rank first in at least ``floor`` of them (at least the two
    likeliest), most often first first; ties keep table order.

    Parameters
    ----------
    p_first
        Share of samples in which each option ranks first, indexed by id.
    floor
        The smallest share that names an option.
    """
    if len(p_first) < 2 or float(p_first.max()) > CLEAR_WINNER:
        return ()
    values = p_first.to_numpy(dtype=float)
    order = np.argsort(-values, kind="stable")
    named = [i for i in order if values[i] >= floor]
    if len(named) < 2:
        named = list(order[:2])
    return tuple(str(p_first.index[i]) for i in named)


def sampled_scores(exact: np.ndarray, points: np.ndarray, starts: np.ndarray, widths: np.ndarray,
                   keys: np.ndarray, stream_keys: np.ndarray, samples: int) -> np.ndarray:
    """Every option's score in every sample, shape (samples, options).

    A sampled cell's scaled value is ``clip(start + u * width, 0, 1)`` with
    ``u`` uniform on [0, 1): the criterion's scaling (a linear map of the
    declared range onto 0..1, clipped) applied to a value drawn uniformly
    from the cell's range.

    Parameters
    ----------
    exact
        Each option's score from its exact and unknown cells only, shape (options,).
    points
        Points per criterion, ``100 x weight``, shape (criteria,).
    starts, widths
        Each sampled cell's range mapped linearly onto the criterion's 0..1
        scale (unclipped; ``width`` is negative where lower is better); NaN
        where a cell is not sampled. Shape (options, criteria).
    keys
        Each option's stable key, shape (options,).
    stream_keys
        Each criterion's stable key, shape (criteria,).
    samples
        How many samples to draw.
    """
    n = len(exact)
    out = np.empty((samples, n), dtype=float)
    out[:] = exact[None, :]
    for j in range(len(points)):
        sampled = ~np.isnan(starts[:, j])
        rows = np.flatnonzero(sampled)
        if not len(rows) or points[j] == 0:
            continue
        if 2 * len(rows) >= n:  # draw for every option (a cell not sampled gets width 0): no scatter
            rows = np.arange(n)
            start = np.where(sampled, starts[:, j], 0.0)
            width = np.where(sampled, widths[:, j], 0.0)
        else:
            start, width = starts[rows, j], widths[rows, j]
        u = uniforms(keys[rows] ^ stream_keys[j], samples)
        u *= width * points[j]
        u += start * points[j]
        ends = np.concatenate([start, start + width])
        if ends.min() < 0 or ends.max() > 1:  # a range reaching past the declared range is clipped there
            np.clip(u, 0.0, points[j], out=u)
        if len(rows) == n:
            out += u
        else:
            out[:, rows] += u
    return out


def _tied_shares(q: np.ndarray, ranks: int) -> np.ndarray:
    """:func:`acceptability` of rounded scores ``q`` by comparing whole samples (any ties)."""
    samples, n = q.shape
    out = np.zeros((n, ranks))
    k = min(ranks, n)
    tops = -np.sort(np.partition(-q, k - 1, axis=1)[:, :k], axis=1)  # the k best values, best first
    for j in range(k):
        value = tops[:, j]
        first = np.ones(samples, dtype=bool) if j == 0 else value != tops[:, j - 1]
        if not first.any():
            continue
        at = q == value[:, None]                        # options holding this value, per sample
        tied = at.sum(axis=1)                           # t; the j options above are strictly better
        share = np.where(first, 1.0 / np.maximum(tied, 1), 0.0)
        for r in range(j, ranks):                       # rank r + 1 lies in j + 1 .. j + t
            weight = np.where(r < j + tied, share, 0.0)
            if weight.any():
                out[:, r] += weight @ at
    return out


def acceptability(scores: np.ndarray, ranks: int = RANKS) -> np.ndarray:
    """Shares of samples in which each option takes ranks 1..``ranks``.

    Parameters
    ----------
    scores
        Sampled scores, shape (samples, options).
    ranks
        How many ranks to report.

    Returns
    -------
    numpy.ndarray
        Shape (options, ranks). Scores equal to :data:`TIE_DECIMALS` decimals
        are tied; options tied in a sample share the places the tie covers
        evenly: a tie of ``t`` options just below ``g`` better ones gives each
        of them ``1/t`` of every rank from ``g + 1`` to ``g + t``. Each column
        sums to 1 while there are at least that many options.
    """
    samples, n = scores.shape
    out = np.zeros((n, ranks))
    if n == 0 or samples == 0:
        return out
    q = np.round(scores, TIE_DECIMALS)
    k = min(ranks, n)
    # Fast path: samples whose k best values are each held by one option, and the next one lower.
    top = np.argpartition(-q, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (samples, 1))
    values = np.take_along_axis(q, top, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    top, values = np.take_along_axis(top, order, axis=1), np.take_along_axis(values, order, axis=1)
    clean = np.ones(samples, dtype=bool)
    for j in range(k):
        clean &= (q == values[:, j:j + 1]).sum(axis=1) == 1
    for r in range(k):
        out[:, r] += np.bincount(top[clean, r], minlength=n)
    if not clean.all():
        out += _tied_shares(q[~clean], ranks)
    return out / samples


def percentiles(scores: np.ndarray, which: Sequence[float]) -> np.ndarray:
    """Per option (column), the given percentiles of its samples, as :func:`numpy.percentile` (linear)."""
    ordered = np.sort(scores, axis=0)  # far faster than numpy.percentile's partition along this axis
    samples = ordered.shape[0]
    out = []
    for p in which:
        position = p / 100.0 * (samples - 1)
        below = int(np.floor(position))
        above = min(below + 1, samples - 1)
        out.append(ordered[below] + (position - below) * (ordered[above] - ordered[below]))
    return np.array(out)


def summarise(ids: Sequence[str], scores: np.ndarray) -> Uncertainty:
    """:class:`Uncertainty` from sampled scores of shape (samples, options)."""
    index = pd.Index(list(ids), name="id")
    samples = scores.shape[0]
    if samples and len(index):
        low, high = percentiles(scores, [LOW_PERCENTILE, HIGH_PERCENTILE])
    else:
        low = high = np.full(len(index), np.nan)
    shares = acceptability(scores)
    ranks = pd.DataFrame(shares, index=index, columns=list(range(1, RANKS + 1)))
    return Uncertainty(score_low=pd.Series(low, index=index, name="score_low"),
                       score_high=pd.Series(high, index=index, name="score_high"),
                       p_first=ranks[1].rename("p_first"), rank_probabilities=ranks, samples=samples)
