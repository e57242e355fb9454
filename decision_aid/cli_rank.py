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

from .cli import (EXIT_INVALID, EXIT_OK, EXIT_USAGE, in_language, load, preferences_from_args, print_table_error,
                  visible)
from .core.i18n import ENGLISH, Translator, is_english
from .core.scoring import honest_numbers
from .core.words.ranking import ruled_out_sentence

#: Widest option name in the table output before it is shortened with "…".
NAME_WIDTH = 48


def defaults_notice(args: argparse.Namespace, table, *, tr: Translator = ENGLISH) -> str | None:
    """The sentence saying which importances are the table's defaults, or None when all were given."""
    given = {text.rpartition("=")[0].strip().lower() for text in args.weight}
    missing = [c.column for c in table.criteria if c.column not in given]
    if not missing:
        return None
    if not args.weight:
        return tr.gettext("No importances were given (--weight), so this ranking uses the table's default "
                          "importances.")
    return tr.ngettext("No importance was given for {criteria}, so the table's default importance is used for it.",
                       "No importance was given for {criteria}, so the table's default importance is used for "
                       "them.", len(missing)).format(criteria=", ".join(visible(m) for m in missing))


def rank_command(args: argparse.Namespace, path: str | None, *, tr: Translator = ENGLISH) -> int:
    """Run ``rank`` with parsed ``args`` on the table at ``path``, in ``tr``'s language; returns the exit code."""
    from .core.errors import TableError, WeightError
    from .core.scoring import Scorer

    try:
        table = in_language(load(path), tr)
    except TableError as exc:
        print_table_error(exc, tr=tr)
        return EXIT_INVALID
    try:
        importances, limits = preferences_from_args(args, table, tr=tr)
        scorer = Scorer(table)
        allowed = limits.allowed(table)
        ranking = scorer.score(importances, limits=limits)
        uncertainty = scorer.uncertainty(importances, limits=limits)
    except WeightError as exc:
        print(f"decision-aid rank: {visible(exc.say(tr))}", file=sys.stderr)
        return EXIT_USAGE
    notice = defaults_notice(args, table, tr=tr)
    if notice:
        print(notice, file=sys.stderr)
    honest = honest_numbers(ranking, uncertainty)
    if args.format == "csv":
        _write_csv(table, ranking, honest, tr)
        return EXIT_OK
    excluded = table.options.index[~allowed.to_numpy(dtype=bool)].tolist()
    sentence = (scorer.sensitivity(ranking).sentence(table, tr=tr) if len(ranking.scores)
                else tr.gettext("No options are left to rank."))
    if args.format == "json":
        _write_json(table, ranking, limits, excluded, sentence, honest, uncertainty)
    else:
        _write_table(table, ranking, limits, excluded, sentence, honest, uncertainty, tr)
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


def _csv_headers(tr: Translator) -> list[str]:
    """The CSV's own column names in ``tr``'s language (the criteria keep their column names)."""
    return [tr.gettext("rank"), tr.gettext("id"), tr.gettext("name"),
            tr.gettext("score"), tr.gettext("score_best"),
            tr.gettext("score_low"), tr.gettext("score_high"),
            tr.gettext("p_first")]


def _write_csv(table, ranking, honest, tr: Translator = ENGLISH) -> None:
    from .core.export import csv_text, number_column

    order, columns, scores, ranks, parts, _missing, names = _frames(table, ranking)
    extra = [honest[column].to_numpy(dtype=float) for column, _ in HONEST]
    # Numbers stay machine-readable (a full stop for decimals) in every language; only the headers are words.
    text = csv_text([*_csv_headers(tr), *columns],
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


def _decimals(texts: list[str], tr: Translator) -> list[str]:
    """Numbers written with a full stop, with the language's decimal sign instead (``3,5`` in Spanish)."""
    if is_english(tr):
        return texts
    from babel.numbers import get_decimal_symbol

    sign = get_decimal_symbol(tr.locale)
    return texts if sign == "." else [text.replace(".", sign) for text in texts]


def _percents(shares, tr: Translator) -> list[str]:
    """Shares as whole percentages the language's way (``45%``; ``45 %`` in Spanish), without a call per cell."""
    if is_english(tr):
        return [f"{p:.0%}" for p in shares]
    pattern = tr.format_percent(0).replace("0", "{}", 1)
    return [pattern.format(f"{p * 100:.0f}") for p in shares]


def _write_table(table, ranking, limits, excluded, sentence, honest, uncertainty, tr: Translator = ENGLISH) -> None:
    from .core.export import number_column

    order, columns, scores, ranks, parts, missing, names = _frames(table, ranking)
    names = pd.Series([visible(n) for n in names.tolist()], dtype=object)
    heads = [tr.gettext("rank"), tr.gettext("option"),
             tr.gettext("score"), tr.gettext("likely"),
             tr.gettext("best"), tr.gettext("first")]
    width = min(max([6, len(heads[1]), *names.str.len().tolist()]), NAME_WIDTH)
    too_long = names.str.len() > width
    names = names.where(~too_long, names.str.slice(0, width - 1) + "…").str.ljust(width)
    w = [max(4, len(heads[0])), width, max(5, len(heads[2])), max(11, len(heads[3])), max(5, len(heads[4])),
         max(5, len(heads[5]))]
    weights = _percents([ranking.weights[c] + 0.0 for c in columns], tr)
    lines = [
        tr.gettext("Personal ranking from the importances given; it is a mirror of what matters to the patient, "
                   "not advice."),
        tr.gettext("Weights: {weights}").format(weights=", ".join(f"{visible(c)} {share}"
                                                                  for c, share in zip(columns, weights))),
        f"{heads[0]:>{w[0]}}  {heads[1]:<{w[1]}}  {heads[2]:>{w[2]}}  {heads[3]:>{w[3]}}  {heads[4]:>{w[4]}}  "
        f"{heads[5]:>{w[5]}}  " + tr.gettext("contributions (points)"),
    ]
    low, high = (number_column(honest[c].to_numpy(dtype=float), 0) for c in ("score_low", "score_high"))
    likely = [f"{a}-{b}" for a, b in zip(low, high)]
    best = _decimals(number_column(honest["score_best"].to_numpy(dtype=float), 1), tr)
    first = _percents(honest["p_first"].to_numpy(dtype=float), tr)
    marks = [np.where(missing[:, j], "?", "").tolist() for j in range(len(columns))]
    cells = [[f"{label} {value}{mark}" for value, mark in zip(_decimals(number_column(parts[:, j], 1), tr),
                                                                marks[j])]
             for j, label in enumerate(visible(c) for c in columns)]
    # A decimal comma would run into a comma between items: such languages get a semicolon.
    between = ", " if _decimals(["."], tr) == ["."] else "; "
    lines += [f"{r:>{w[0]}}  {n:<{w[1]}}  {s:>{w[2]}}  {lk:>{w[3]}}  {b:>{w[4]}}  {f:>{w[5]}}  " + between.join(row)
              for r, n, s, lk, b, f, row in zip(ranks.tolist(), names.tolist(),
                                                _decimals(number_column(scores, 1), tr), likely, best, first,
                                                zip(*cells))]
    cautioned = [(i, ranking.cautions[i]) for i in order if ranking.cautions.get(i)]
    for i, items in cautioned:
        lines.append(tr.gettext("Caution for {name}: {items} (tell the practitioner; this does not rule it "
                                "out).").format(name=visible(table.text(i, "name")), items=visible("; ".join(items))))
    if excluded:
        lines.append(visible(ruled_out_sentence(table, limits, excluded, tr=tr)))
    samples = f"{uncertainty.samples:,}" if is_english(tr) else tr.format_decimal(uncertainty.samples)
    lines.append(tr.gettext("? = no comparable figure (counted at the worst end). likely = 10th to 90th percentile "
                            "when ranges are sampled; best = the score if every unknown figure were at its best; "
                            "first = share of {samples} samples in which the option ranks first (unknown figures "
                            "not sampled).").format(samples=samples))
    lines.append(visible(sentence))
    sys.stdout.write("\n".join(lines) + "\n")
