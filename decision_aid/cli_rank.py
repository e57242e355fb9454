"""``decision-aid rank``: the personal ranking as a table, CSV or JSON.

Every output works on whole columns (no per-cell look-ups), so 200,000
options print in about the time the table takes to load. Text from the table
is escaped in the line-oriented table output (:func:`decision_aid.cli.visible`)
and neutralised in the CSV (:func:`decision_aid.core.export.csv_text`).
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np
import pandas as pd

from .cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, load, preferences_from_args, print_table_error, visible
from .core.scoring import honest_numbers
from .core.words.ranking import ruled_out_sentence

#: Widest option name in the table output before it is shortened with "…".
NAME_WIDTH = 48


def defaults_notice(args: argparse.Namespace, table) -> str | None:
    """The sentence saying which importances are the table's defaults, or None when all were given."""
    given = {text.rpartition("=")[0].strip().lower() for text in args.weight}
    missing = [c.column for c in table.criteria if c.column not in given]
    if not missing:
        return None
    if not args.weight:
        return "No importances were given (--weight), so this ranking uses the table's default importances."
    return ("No importance was given for " + ", ".join(visible(m) for m in missing)
            + ", so the table's default importance is used for " + ("it." if len(missing) == 1 else "them."))


def rank_command(args: argparse.Namespace, path: str | None) -> int:
    """Run ``rank`` with parsed ``args`` on the table at ``path``; returns the exit code."""
    from .core.errors import TableError, WeightError
    from .core.scoring import Scorer

    try:
        table = load(path)
    except TableError as exc:
        print_table_error(exc)
        return EXIT_INVALID
    try:
        importances, limits = preferences_from_args(args, table)
        scorer = Scorer(table)
        allowed = limits.allowed(table)
        ranking = scorer.score(importances, limits=limits)
        uncertainty = scorer.uncertainty(importances, limits=limits)
    except WeightError as exc:
        print(f"decision-aid rank: {visible(exc)}", file=sys.stderr)
        return EXIT_USAGE
    notice = defaults_notice(args, table)
    if notice:
        print(notice, file=sys.stderr)
    honest = honest_numbers(ranking, uncertainty)
    if args.format == "csv":
        _write_csv(table, ranking, honest)
        return EXIT_OK
    excluded = table.options.index[~allowed.to_numpy(dtype=bool)].tolist()
    sentence = scorer.sensitivity(ranking).sentence(table) if len(ranking.scores) else "No options are left to rank."
    if args.format == "json":
        _write_json(table, ranking, limits, excluded, sentence, honest, uncertainty)
    else:
        _write_table(table, ranking, limits, excluded, sentence, honest, uncertainty)
    return EXIT_OK


def _frames(table, ranking):
    """Ranking order, then scores, ranks, contributions and gaps in that order as arrays, and names.

    Works by position (one sort, as :meth:`Ranking.order` sorts), not by looking ids up one by one.
    """
    columns = [c.column for c in table.criteria]
    scores = ranking.scores.to_numpy(dtype=float)
    by_score = np.argsort(-scores, kind="stable")          # the order Ranking.order() gives
    order = ranking.scores.index[by_score].tolist()
    rows = table.options.index.get_indexer(ranking.scores.index)[by_score]
    names = table.options["name"].iloc[rows].fillna("").astype(str).reset_index(drop=True)
    return (order, columns, scores[by_score], ranking.ranks.to_numpy(dtype=int)[by_score],
            ranking.contributions[columns].to_numpy(dtype=float)[by_score],
            ranking.missing[columns].to_numpy(dtype=bool)[by_score], names)


#: The honest numbers beside each score: (column of :func:`honest_numbers`, CSV and JSON name).
HONEST = (("score_best", "score_best"), ("score_low", "score_low"), ("score_high", "score_high"),
          ("p_first", "p_first"))


def _write_csv(table, ranking, honest) -> None:
    from .core.export import csv_text, number_column

    order, columns, scores, ranks, parts, _missing, names = _frames(table, ranking)
    extra = [honest[column].to_numpy(dtype=float) for column, _ in HONEST]
    text = csv_text(["rank", "id", "name", "score", *(name for _, name in HONEST), *columns],
                    [ranks.astype(str), order, names, number_column(scores),
                     *(number_column(values, 2 if name != "p_first" else 3) for values, (_, name) in
                       zip(extra, HONEST)),
                     *(number_column(parts[:, j]) for j in range(len(columns)))])
    _emit(text)


def _emit(text: str) -> None:
    """Write ``text`` to standard output exactly (CRLF line ends stay CRLF on every platform)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode(sys.stdout.encoding or "utf-8", errors="backslashreplace"))
    buffer.flush()


def _write_json(table, ranking, limits, excluded, sentence, honest, uncertainty) -> None:
    order, columns, scores, ranks, parts, missing, names = _frames(table, ranking)
    numbers = {name: np.round(honest[column].to_numpy(dtype=float), 4).tolist() for column, name in HONEST}
    ranks_p = np.round(honest[["p_first", "p_rank_2", "p_rank_3"]].to_numpy(dtype=float), 4).tolist()
    unknown = ranking.unknown.reindex(order)[columns].to_numpy(dtype=object) if len(order) else np.empty((0, 0))
    scores_r = np.round(scores, 4).tolist()
    parts_r = (np.round(parts, 4) + 0.0).tolist()
    # Each option's gaps as a bit pattern, so each distinct pattern's list of names is built once.
    packed = np.packbits(missing, axis=1)
    patterns = [row.tobytes() for row in packed]
    gaps = {p: [c for c, gap in zip(columns, np.unpackbits(np.frombuffer(p, dtype=np.uint8))) if gap]
            for p in set(patterns)}
    options = [{"id": i, "name": name, "score": s, "rank": r,
                **{key: numbers[key][k] for _, key in HONEST},
                "rank_probabilities": {str(place): share for place, share in enumerate(ranks_p[k], start=1)},
                "contributions": dict(zip(columns, row)),
                "no_reliable_figure": list(gaps[p]),
                "unknown": {c: str(reason) for c, reason in zip(columns, unknown[k]) if reason},
                "cautions": list(ranking.cautions.get(i, ()))}
               for k, (i, name, s, r, row, p) in enumerate(zip(order, names.tolist(), scores_r, ranks.tolist(), parts_r,
                                                               patterns))]
    payload = {
        "options": options,
        "weights": {c: round(float(v), 6) + 0.0 for c, v in ranking.weights.items()},
        "importances": {c: float(v) + 0.0 for c, v in ranking.importances.items()},
        "excluded": [{"id": i, "reasons": limits.reasons(table, i)} for i in excluded],
        "sensitivity": sentence,
        "samples": uncertainty.samples,
        "too_close_to_call": list(uncertainty.too_close_to_call()),
    }
    # Indented for people; a very long ranking is written compactly (the C encoder is 10x faster).
    indent = 2 if len(options) <= 2000 else None
    print(json.dumps(payload, indent=indent, ensure_ascii=False, allow_nan=False))


def _write_table(table, ranking, limits, excluded, sentence, honest, uncertainty) -> None:
    from .core.export import number_column

    order, columns, scores, ranks, parts, missing, names = _frames(table, ranking)
    names = pd.Series([visible(n) for n in names.tolist()], dtype=object)
    width = min(max([6, *names.str.len().tolist()]), NAME_WIDTH)
    too_long = names.str.len() > width
    names = names.where(~too_long, names.str.slice(0, width - 1) + "…").str.ljust(width)
    lines = [
        "Personal ranking from the importances given; it is a mirror of what matters to the patient, not advice.",
        "Weights: " + ", ".join(f"{visible(c)} {ranking.weights[c] + 0.0:.0%}" for c in columns),
        f"{'rank':>4}  {'option':<{width}}  {'score':>5}  {'likely':>11}  {'best':>5}  {'first':>5}  "
        "contributions (points)",
    ]
    low, high = (number_column(honest[c].to_numpy(dtype=float), 0) for c in ("score_low", "score_high"))
    likely = [f"{a}-{b}" for a, b in zip(low, high)]
    best = number_column(honest["score_best"].to_numpy(dtype=float), 1)
    first = [f"{p:.0%}" for p in honest["p_first"].to_numpy(dtype=float)]
    marks = [np.where(missing[:, j], "?", "").tolist() for j in range(len(columns))]
    cells = [[f"{label} {value}{mark}" for value, mark in zip(number_column(parts[:, j], 1), marks[j])]
             for j, label in enumerate(visible(c) for c in columns)]
    lines += [f"{r:>4}  {n}  {s:>5}  {lk:>11}  {b:>5}  {f:>5}  " + ", ".join(row) for r, n, s, lk, b, f, row in
              zip(ranks.tolist(), names.tolist(), number_column(scores, 1), likely, best, first, zip(*cells))]
    cautioned = [(i, ranking.cautions[i]) for i in order if ranking.cautions.get(i)]
    for i, items in cautioned:
        lines.append(f"Caution for {visible(table.text(i, 'name'))}: {visible('; '.join(items))} "
                     "(tell the practitioner; this does not rule it out).")
    if excluded:
        lines.append(visible(ruled_out_sentence(table, limits, excluded)))
    lines.append("? = no comparable figure (counted at the worst end). likely = 10th to 90th percentile when "
                 "ranges are sampled; best = the score if every unknown figure were at its best; first = share of "
                 f"{uncertainty.samples:,} samples in which the option ranks first (unknown figures not sampled).")
    lines.append(visible(sentence))
    sys.stdout.write("\n".join(lines) + "\n")
