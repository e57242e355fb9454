"""Command line: ``decision-aid`` opens the window; subcommands work headless.

Exit codes: 0 success, 1 a table or file that cannot be used, 2 a bad
argument (unknown criterion, bad weight, unknown option).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="decision-aid",
        description="Compare treatment options side by side and rank them by what matters to the patient. "
                    "With no command, opens the consultation window. This aid supports a conversation "
                    "with a clinician; it is not medical advice.")
    parser.add_argument("--data", metavar="PATH", help="table folder to open (default: the bundled back-pain table)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="validate a table folder")
    check.add_argument("path", nargs="?", help="table folder (default: bundled)")

    rank = sub.add_parser("rank", help="rank the options by importances")
    rank.add_argument("--data", dest="sub_data", metavar="PATH", help="table folder (default: bundled)")
    _add_preference_arguments(rank)
    rank.add_argument("--format", choices=("table", "csv", "json"), default="table")

    report = sub.add_parser("report", help="write the consultation summary as a PDF, without a display")
    report.add_argument("--data", dest="sub_data", metavar="PATH",
                        help="table folder (default: the session's table, else bundled)")
    report.add_argument("--session", metavar="FILE", help="a saved consultation (.json) to summarise")
    _add_preference_arguments(report)
    report.add_argument("--compare", action="append", default=[], metavar="ID",
                        help="an option to show in the side-by-side grid (repeatable, up to 4)")
    report.add_argument("--chosen", metavar="ID", help="the option chosen, if any")
    report.add_argument("--page-size", choices=("a4", "letter"), default="a4", type=str.lower)
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")

    audit = sub.add_parser("audit", help="check a table against the decision-aid quality standards (IPDAS)")
    audit.add_argument("path", nargs="?", help="table folder (default: bundled)")
    audit.add_argument("--format", choices=("text", "json"), default="text")
    audit.add_argument("--target-grade", type=float, default=8.0, metavar="N",
                       help="highest reading grade allowed for plain-language text (default 8)")
    return parser


def _add_preference_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--weight", action="append", default=[], metavar="CRITERION=N",
                        help="importance 0-10 of one criterion (repeatable); others keep their defaults")
    parser.add_argument("--exclude-category", action="append", default=[], metavar="C",
                        help="leave out a category: conventional, alternative or home (repeatable)")
    parser.add_argument("--max-invasiveness", type=float, metavar="N",
                        help="leave out options more invasive than N")
    parser.add_argument("--contraindication", action="append", default=[], metavar="TEXT",
                        help="leave out options that list this contraindication (repeatable)")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``decision-aid`` command."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from .gui.app import run
        return run(args.data)
    try:
        if args.command == "check":
            return _check(args.path or args.data)
        if args.command == "rank":
            return _rank(args, args.sub_data or args.data)
        if args.command == "report":
            return _report(args)
        if args.command == "audit":
            return _audit(args.path or args.data, args.format, args.target_grade)
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


def _load(path: str | None):
    from .core.table import bundled_data_dir, load_table
    return load_table(Path(path) if path else bundled_data_dir())


def _check(path: str | None) -> int:
    from .core.errors import TableError
    try:
        table = _load(path)
    except TableError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found in {exc.folder}",
              file=sys.stderr)
        return EXIT_INVALID
    effects = len(table.side_effects)
    print(f"OK: {table.folder}: {len(table.options)} options, {len(table.criteria)} criteria, "
          f"{effects} side-effect frequenc{'y' if effects == 1 else 'ies'}")
    return EXIT_OK


def preferences_from_args(args: argparse.Namespace, table):
    """Importances and limits from command-line arguments (raises WeightError)."""
    from .core.errors import WeightError
    from .core.scoring import Limits, default_importances, parse_weight
    from .core.table import CATEGORIES

    importances = default_importances(table.criteria)
    for text in args.weight:
        name, value = parse_weight(text, table.criteria)
        importances[name] = value
    categories = {c.strip().lower() for c in args.exclude_category}
    unknown = sorted(categories - set(CATEGORIES))
    if unknown:
        raise WeightError(f"'{unknown[0]}' is not a category; use one of: {', '.join(CATEGORIES)}")
    if args.max_invasiveness is not None and table.by_role("invasiveness") is None:
        raise WeightError("this table has no criterion with the role 'invasiveness', so --max-invasiveness "
                          "cannot be used")
    known = {c.casefold(): c for c in table.contraindications()}
    for text in args.contraindication:
        if text.casefold() not in known:
            raise WeightError(f"'{text}' is not a contraindication listed in this table")
    limits = Limits(exclude_categories=frozenset(categories), max_invasiveness=args.max_invasiveness,
                    contraindications=frozenset(known[t.casefold()] for t in args.contraindication))
    return importances, limits


def _rank(args: argparse.Namespace, path: str | None) -> int:
    from .core.errors import TableError, WeightError
    from .core.scoring import Scorer

    try:
        table = _load(path)
    except TableError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    try:
        importances, limits = preferences_from_args(args, table)
        scorer = Scorer(table)
        allowed = limits.allowed(table)
        ranking = scorer.score(importances, allowed)
    except WeightError as exc:
        print(f"decision-aid rank: {exc}", file=sys.stderr)
        return EXIT_USAGE
    excluded = [i for i in table.ids if not allowed[i]]
    order = ranking.order()
    sentence = scorer.sensitivity(ranking).sentence(table) if order else "No options are left to rank."
    if args.format == "json":
        payload = {
            "options": [{"id": i, "name": table.options.at[i, "name"], "score": round(float(ranking.scores[i]), 4),
                         "rank": int(ranking.ranks[i]),
                         "contributions": {c: round(float(v), 4) for c, v in ranking.contributions.loc[i].items()},
                         "no_reliable_figure": [c for c, gap in ranking.missing.loc[i].items() if gap]}
                        for i in order],
            "weights": {c: round(float(v), 6) for c, v in ranking.weights.items()},
            "importances": {c: float(v) for c, v in ranking.importances.items()},
            "excluded": [{"id": i, "reasons": limits.reasons(table, i)} for i in excluded],
            "sensitivity": sentence,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return EXIT_OK
    columns = [c.column for c in table.criteria]
    if args.format == "csv":
        from .core.export import neutralise
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["rank", "id", "name", "score", *columns])
        for i in order:
            writer.writerow([ranking.ranks[i], i, neutralise(table.options.at[i, "name"]),
                             f"{ranking.scores[i]:.2f}",
                             *(f"{ranking.contributions.at[i, c]:.2f}" for c in columns)])
        sys.stdout.write(buffer.getvalue())
        return EXIT_OK
    width = max([len(table.options.at[i, "name"]) for i in order] + [6])
    width = min(width, 48)
    print("Personal ranking from the importances given; it is a mirror of what matters to the patient, "
          "not advice.")
    print("Weights: " + ", ".join(f"{c} {ranking.weights[c]:.0%}" for c in columns))
    print(f"{'rank':>4}  {'option':<{width}}  {'score':>5}  contributions (points)")
    for i in order:
        name = table.options.at[i, "name"]
        name = name if len(name) <= width else name[: width - 1] + "…"
        parts = ", ".join(f"{c} {ranking.contributions.at[i, c]:.1f}"
                          + ("?" if ranking.missing.at[i, c] else "") for c in columns)
        print(f"{ranking.ranks[i]:>4}  {name:<{width}}  {ranking.scores[i]:5.1f}  {parts}")
    if excluded:
        print("Left out by the limits: " + "; ".join(
            f"{table.options.at[i, 'name']} ({', '.join(limits.reasons(table, i))})" for i in excluded))
    print("? = no reliable figure (counted as 0 points).")
    print(sentence)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    import dataclasses

    from .core.errors import DecisionAidError, TableError, WeightError
    from .core.report import export_summary_pdf
    from .core.session import Session, load_session, load_session_table

    try:
        session = load_session(args.session) if args.session else None
        path = args.sub_data or args.data
        if path:
            table = _load(path)
        elif session is not None:
            table = load_session_table(session)
        else:
            table = _load(None)
    except TableError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    except DecisionAidError as exc:
        print(f"decision-aid report: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        unknown = [i for i in [*args.compare, *([args.chosen] if args.chosen else [])] if i not in set(table.ids)]
        if unknown:
            raise WeightError(f"'{unknown[0]}' is not an option id of this table; use one of: {', '.join(table.ids)}")
        if len(args.compare) > 4:
            raise WeightError("compare at most 4 options side by side")
        importances, limits = preferences_from_args(args, table)
        if session is not None:
            # The saved consultation's choices stand unless the command line overrides them.
            given = dict(_parse_each(args.weight, table))
            importances = {**(session.importances or importances), **given}
            if not (args.exclude_category or args.max_invasiveness is not None or args.contraindication):
                limits = session.limits
        base = session or Session.new(table)
        session = dataclasses.replace(
            base, importances=importances, limits=limits,
            selected=tuple(args.compare) or base.selected,
            chosen=args.chosen or base.chosen)
    except WeightError as exc:
        print(f"decision-aid report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        export_summary_pdf(args.out, table, session, page_size=args.page_size)
    except DecisionAidError as exc:
        print(f"decision-aid report: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Wrote {args.out}")
    return EXIT_OK


def _parse_each(texts: list[str], table) -> list[tuple[str, float]]:
    from .core.scoring import parse_weight
    return [parse_weight(t, table.criteria) for t in texts]


def _audit(path: str | None, fmt: str, target_grade: float) -> int:
    from .core.audit import run_audit
    from .core.errors import TableError

    try:
        table = _load(path)
    except TableError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    report = run_audit(table, target_grade=target_grade)
    if fmt == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.to_text())
    return report.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
