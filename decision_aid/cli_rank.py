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
        ranking = scorer.score(importances, allowed)
    except WeightError as exc:
        print(f"decision-aid rank: {visible(exc)}", file=sys.stderr)
        return EXIT_USAGE
    notice = defaults_notice(args, table)
    if notice:
        print(notice, file=sys.stderr)
    if args.format == "csv":
        _write_csv(table, ranking)
        return EXIT_OK
    excluded = table.options.index[~allowed.to_numpy(dtype=bool)].tolist()
    sentence = scorer.sensitivity(ranking).sentence(table) if len(ranking.scores) else "No options are left to rank."
    if args.format == "json":
        _write_json(table, ranking, limits, excluded, sentence)
    else:
        _write_table(table, ranking, limits, excluded, sentence)
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


def _write_csv(table, ranking) -> None:
    from .core.export import csv_text, number_column

    order, columns, scores, ranks, parts, _missing, names = _frames(table, ranking)
    text = csv_text(["rank", "id", "name", "score", *columns],
                    [ranks.astype(str), order, names, number_column(scores),
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


def _write_json(table, ranking, limits, excluded, sentence) -> None:
    order, columns, scores, ranks, parts, missing, names = _frames(table, ranking)
    scores_r = np.round(scores, 4).tolist()
    parts_r = (np.round(parts, 4) + 0.0).tolist()
    # Each option's gaps as a bit pattern, so each distinct pattern's list of names is built once.
    packed = np.packbits(missing, axis=1)
    patterns = [row.tobytes() for row in packed]
    gaps = {p: [c for c, gap in zip(columns, np.unpackbits(np.frombuffer(p, dtype=np.uint8))) if gap]
            for p in set(patterns)}
    options = [{"id": i, "name": name, "score": s, "rank": r, "contributions": dict(zip(columns, row)),
                "no_reliable_figure": list(gaps[p])}
               for i, name, s, r, row, p in zip(order, names.tolist(), scores_r, ranks.tolist(), parts_r, patterns)]
    payload = {
        "options": options,
        "weights": {c: round(float(v), 6) + 0.0 for c, v in ranking.weights.items()},
        "importances": {c: float(v) + 0.0 for c, v in ranking.importances.items()},
        "excluded": [{"id": i, "reasons": limits.reasons(table, i)} for i in excluded],
        "sensitivity": sentence,
    }
    # Indented for people; a very long ranking is written compactly (the C encoder is 10x faster).
    indent = 2 if len(options) <= 2000 else None
    print(json.dumps(payload, indent=indent, ensure_ascii=False, allow_nan=False))


def _write_table(table, ranking, limits, excluded, sentence) -> None:
    from .core.export import number_column

    order, columns, scores, ranks, parts, missing, names = _frames(table, ranking)
    names = pd.Series([visible(n) for n in names.tolist()], dtype=object)
    width = min(max([6, *names.str.len().tolist()]), NAME_WIDTH)
    too_long = names.str.len() > width
    names = names.where(~too_long, names.str.slice(0, width - 1) + "…").str.ljust(width)
    lines = [
        "Personal ranking from the importances given; it is a mirror of what matters to the patient, not advice.",
        "Weights: " + ", ".join(f"{visible(c)} {ranking.weights[c] + 0.0:.0%}" for c in columns),
        f"{'rank':>4}  {'option':<{width}}  {'score':>5}  contributions (points)",
    ]
    marks = [np.where(missing[:, j], "?", "").tolist() for j in range(len(columns))]
    cells = [[f"{label} {value}{mark}" for value, mark in zip(number_column(parts[:, j], 1), marks[j])]
             for j, label in enumerate(visible(c) for c in columns)]
    lines += [f"{r:>4}  {n}  {s:>5}  " + ", ".join(row) for r, n, s, row in
              zip(ranks.tolist(), names.tolist(), number_column(scores, 1), zip(*cells))]
    if excluded:
        lines.append("Left out by the limits: " + "; ".join(
            f"{visible(table.text(i, 'name'))} ({visible(', '.join(limits.reasons(table, i)))})" for i in excluded))
    lines.append("? = no reliable figure (counted as 0 points).")
    lines.append(visible(sentence))
    sys.stdout.write("\n".join(lines) + "\n")
