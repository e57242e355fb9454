"""Command line: ``decision-aid`` opens the window; subcommands work headless.

Exit codes: 0 success, 1 a table or file that cannot be used (or, for
``audit``, a table that falls short), 2 a bad argument (a value out of range,
an unknown criterion, category or option, an empty path). Every failure a
user can cause ends in a message on standard error, never a traceback.

Text from a table (option names, folder names, reasons) is printed with
control characters escaped (a line feed as ``\\n``), so no name can make a
fake row or line in the line-oriented outputs.

``--lang CODE`` (on the command and on every subcommand; default: the
system's language) chooses the language of the messages, of ``rank``'s
headers and sentences, and of the table's text where the table has a
translation in that language (``<table>/translations/<lang>/``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .core.i18n import ENGLISH, N_, Translator, system_language, translator

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

#: Reading grades ``audit --target-grade`` accepts (Flesch-Kincaid school grades).
GRADE_RANGE = (1.0, 20.0)

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: object) -> str:
    """``text`` on one line: each control character written as an escape (``\\n``, ``\\x1b``, ``\\u2028``).

    Used for every piece of table or path text the command line prints in a
    line-oriented output, so that a line feed in an option or folder name
    cannot start a fake row.
    """
    text = str(text)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), repr(m.group())[1:-1]), text)


# --------------------------------------------------------------------------- argument types


def _number(what: str, low: float | None = None, high: float | None = None, *,
            tr: Translator = ENGLISH) -> Callable[[str], float]:
    """An argparse type: a finite number, within [low, high] when given, with a clear message."""
    def parse(text: str) -> float:
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(tr.gettext("'{text}' is not a number; give {what}").format(
                text=visible(text), what=what)) from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(tr.gettext("'{text}' is not a finite number; give {what}").format(
                text=visible(text), what=what))
        if (low is not None and value < low) or (high is not None and value > high):
            raise argparse.ArgumentTypeError(tr.gettext("{value} is out of range; give {what}").format(
                value=f"{value:g}", what=what))
        return value + 0.0  # -0 becomes 0
    parse.__name__ = "number"
    return parse


def _path(what: str, *, tr: Translator = ENGLISH) -> Callable[[str], str]:
    """An argparse type: a non-empty path without NUL characters; ``what`` names the file, in ``tr``'s words."""
    def parse(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(tr.gettext("the {what} is empty; give the path of a {what}").format(
                what=what))
        if "\x00" in text:
            raise argparse.ArgumentTypeError(tr.gettext("'{text}' holds a NUL character, which no path can; give "
                                                        "the path of a {what}").format(text=visible(text), what=what))
        return text
    parse.__name__ = what
    return parse


def _word(what: str, *, tr: Translator = ENGLISH) -> Callable[[str], str]:
    """An argparse type: a non-empty piece of text."""
    def parse(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(tr.gettext("the {what} is empty").format(what=what))
        return text
    parse.__name__ = what
    return parse


def _lang_in(argv: Sequence[str]) -> str | None:
    """The last ``--lang CODE`` (or ``--lang=CODE``) in ``argv``, read before parsing so help and errors use it."""
    found = None
    for k, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and k + 1 < len(argv):
            found = argv[k + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def language_of(args: argparse.Namespace) -> str:
    """The language asked for: a subcommand's ``--lang``, else the command's, else the system's."""
    return getattr(args, "sub_lang", None) or getattr(args, "lang", None) or system_language()


def _parser(tr: Translator = ENGLISH) -> argparse.ArgumentParser:
    _ = tr.gettext
    parser = argparse.ArgumentParser(
        prog="decision-aid",
        description=_("Compare treatment options side by side and rank them by what matters to the patient. "
                      "With no command, opens the consultation window. This aid supports a conversation "
                      "with a clinician; it is not medical advice."))
    folder = _path(_("table folder"), tr=tr)
    parser.add_argument("--data", metavar="PATH", type=folder,
                        help=_("table folder to open (default: the bundled back-pain table)"))
    lang_help = _("language of the messages and, where the table is translated, of its text (a code such as "
                  "es or en; default: the system's language)")
    parser.add_argument("--lang", metavar="CODE", type=_word(_("language code"), tr=tr), help=lang_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help=_("validate a table folder"))
    check.add_argument("path", nargs="?", type=folder, help=_("table folder (default: bundled)"))

    rank = sub.add_parser("rank", help=_("rank the options by importances"))
    rank.add_argument("--data", dest="sub_data", metavar="PATH", type=folder,
                      help=_("table folder (default: bundled)"))
    _add_preference_arguments(rank, tr)
    rank.add_argument("--format", choices=("table", "csv", "json"), default="table",
                      help=_("how to print the ranking (default: table)"))

    report = sub.add_parser("report", help=_("write the consultation summary as a PDF, without a display"))
    report.add_argument("--data", dest="sub_data", metavar="PATH", type=folder,
                        help=_("table folder (default: the session's table, else bundled)"))
    report.add_argument("--session", metavar="FILE", type=_path(_("session file"), tr=tr),
                        help=_("a saved consultation (.json) to summarise"))
    _add_preference_arguments(report, tr, weight_help=_(
        "importance 0-10 of one criterion, as the patient said it (repeatable); a criterion not named is "
        "printed as not set and counts 0 in the ranking"))
    option_id = _word(_("option id"), tr=tr)
    report.add_argument("--compare", action="append", default=[], metavar="ID", type=option_id,
                        help=_("an option to show in the side-by-side grid (repeatable, up to 4, each once)"))
    report.add_argument("--chosen", metavar="ID", type=option_id, help=_("the option chosen, if any"))
    report.add_argument("--page-size", choices=("a4", "letter"), default="a4", type=str.lower,
                        help=_("paper size of the PDF (default: a4)"))
    report.add_argument("--clinician", action="store_true",
                        help=_("add the clinician's notes and where the figures come from (not for the patient)"))
    report.add_argument("--out", required=True, metavar="FILE.pdf", type=_path(_("PDF file"), tr=tr),
                        help=_("where to write the PDF (a new or regular file)"))

    audit = sub.add_parser("audit", help=_("check a table against the decision-aid quality standards (IPDAS)"))
    audit.add_argument("path", nargs="?", type=folder, help=_("table folder (default: bundled)"))
    audit.add_argument("--format", choices=("text", "json"), default="text",
                       help=_("how to print the findings (default: text)"))
    low, high = GRADE_RANGE
    audit.add_argument("--target-grade", type=_number(_("a reading grade from {low} to {high}").format(
        low=f"{low:g}", high=f"{high:g}"), low, high, tr=tr), default=8.0, metavar="N",
        help=_("highest reading grade allowed for plain-language text ({low}-{high}, default 8)").format(
            low=f"{low:g}", high=f"{high:g}"))
    # Every command speaks the language asked for, before or after its name.
    for command in (check, rank, report, audit):
        command.add_argument("--lang", dest="sub_lang", metavar="CODE", type=_word(_("language code"), tr=tr),
                             help=lang_help)
    return parser


def _add_preference_arguments(parser: argparse.ArgumentParser, tr: Translator = ENGLISH, *,
                              weight_help: str | None = None) -> None:
    _ = tr.gettext
    parser.add_argument("--weight", action="append", default=[], metavar="CRITERION=N",
                        help=weight_help or _("importance 0-10 of one criterion (repeatable); others keep the "
                                              "table's defaults"))
    parser.add_argument("--exclude-category", action="append", default=[], metavar="C",
                        help=_("leave out a category: conventional, alternative or home (repeatable)"))
    parser.add_argument("--max-invasiveness", type=_number(_("a finite number on the invasiveness scale"), tr=tr),
                        metavar="N", help=_("leave out options more invasive than N"))
    parser.add_argument("--contraindication", action="append", default=[], metavar="TEXT",
                        help=_("leave out options that list this contraindication (repeatable)"))


#: argparse's own words (its usage line, help headings and errors), marked so the catalogues translate them;
#: :func:`argparse_speaks` has argparse say them in the language asked for.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
)


@contextmanager
def argparse_speaks(tr: Translator) -> Iterator[None]:
    """argparse's own words in ``tr``'s language while a parser is built and used.

    argparse looks its words up through the names ``_`` and ``ngettext`` of
    its module each time it says one (the hook gettext gives it); they are
    pointed at ``tr`` for the duration and put back after, so a second
    language in the same process is unaffected.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = tr.gettext, tr.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``decision-aid`` command; returns the exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    asked = translator(_lang_in(words) or system_language())
    with argparse_speaks(asked):
        parser = _parser(asked)
        try:
            args = parser.parse_args(words)
        except SystemExit as exc:  # argparse has printed the usage message (or the help)
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        from .gui.app import run
        return run(args.data, lang=getattr(args, "lang", None))
    from .core.errors import DecisionAidError
    tr = translator(language_of(args))
    try:
        if args.command == "check":
            return _check(args.path or args.data, tr=tr)
        if args.command == "rank":
            from .cli_rank import rank_command
            return rank_command(args, args.sub_data or args.data, tr=tr)
        if args.command == "report":
            return _report(args, tr=tr)
        if args.command == "audit":
            return _audit(args.path or args.data, args.format, args.target_grade, tr=tr)
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except DecisionAidError as exc:
        print(f"decision-aid {args.command}: {visible(exc.say(tr))}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:  # a file-system failure the loader did not word (permissions, loops)
        where = f" ({visible(exc.filename)})" if exc.filename else ""
        print(f"decision-aid {args.command}: "
              + tr.gettext("could not read the files{where}: {error}; check the folder and its permissions.").format(
                  where=where, error=visible(exc.strerror or exc)), file=sys.stderr)
        return EXIT_INVALID
    return EXIT_USAGE  # pragma: no cover - argparse only accepts the commands above


def print_table_error(exc, *, tr: Translator = ENGLISH) -> None:
    """A :class:`~decision_aid.core.errors.TableError`, one problem per line, each on one line."""
    problems = exc.problems
    for problem in problems:
        print(visible(problem.say(tr)), file=sys.stderr)
    print(tr.ngettext("{n} problem found in {folder}", "{n} problems found in {folder}", len(problems)).format(
        n=len(problems), folder=visible(exc.folder)), file=sys.stderr)


def load(path: str | None):
    """The validated table at ``path`` (default: the bundled one)."""
    from .core.table import bundled_data_dir, load_table
    return load_table(Path(path) if path else bundled_data_dir())


def in_language(table, tr: Translator):
    """``table`` with its text in ``tr``'s language when the table has that translation, else ``table`` itself.

    Numbers, ids, codes and sources are the table's own either way (see
    :func:`decision_aid.core.translations.load_translation`); a language the
    table is not translated into shows the table's own text.
    """
    from .core.translations import available_languages, base_language, load_translation

    offered = {code.replace("-", "_").lower() for code in available_languages(table)}
    if tr.locale.language == base_language(table).split("_")[0] or not {tr.lang.lower(), tr.locale.language} & offered:
        return table
    return load_translation(table, tr.lang)


def _check(path: str | None, *, tr: Translator = ENGLISH) -> int:
    from .core.errors import TableError
    try:
        table = load(path)
    except TableError as exc:
        print_table_error(exc, tr=tr)
        return EXIT_INVALID
    from .core.translations import review_translations
    from .core.words.roles import missing_role_notes

    review = review_translations(table)
    if review.errors:
        for problem in review.errors:
            print(visible(problem.say(tr)), file=sys.stderr)
        count = len(review.errors)
        print(tr.ngettext("{n} problem found in the translations of {folder}",
                          "{n} problems found in the translations of {folder}", count).format(
            n=count, folder=visible(table.folder)), file=sys.stderr)
        return EXIT_INVALID
    effects = len(table.side_effects)
    counts = [tr.ngettext("{n} option", "{n} options", len(table.options)).format(n=len(table.options)),
              tr.ngettext("{n} criterion", "{n} criteria", len(table.criteria)).format(n=len(table.criteria)),
              tr.ngettext("{n} side-effect frequency", "{n} side-effect frequencies", effects).format(n=effects)]
    print(tr.gettext("OK: {folder}: {options}, {criteria}, {effects}").format(
        folder=visible(table.folder), options=counts[0], criteria=counts[1], effects=counts[2]))
    for note in [*missing_role_notes(table, tr=tr), *(problem.say(tr) for problem in review.notes)]:
        print(tr.gettext("Note: {note}").format(note=visible(note)))
    return EXIT_OK


def parse_weight_arg(text: str, criteria, *, tr: Translator = ENGLISH) -> tuple[str, float]:
    """``CRITERION=N`` as typed (see :func:`decision_aid.core.scoring.parse_weight`), its message line-safe.

    Raises
    ------
    WeightError
        As ``parse_weight`` does, with control characters in the message shown escaped.
    """
    from .core.errors import WeightError
    from .core.scoring import parse_weight

    try:
        return parse_weight(text, criteria, tr=tr)
    except WeightError as exc:
        raise WeightError(visible(exc.say(tr))) from None


def preferences_from_args(args: argparse.Namespace, table, *, tr: Translator = ENGLISH):
    """Importances and limits from command-line arguments (raises WeightError).

    Criteria without a ``--weight`` keep the table's default importance.
    """
    from .core.errors import WeightError
    from .core.scoring import Limits, default_importances
    from .core.table import CATEGORIES

    importances = default_importances(table.criteria)
    for text in args.weight:
        name, value = parse_weight_arg(text, table.criteria, tr=tr)
        importances[name] = value
    categories = {c.strip().lower() for c in args.exclude_category}
    unknown = sorted(categories - set(CATEGORIES))
    if unknown:
        raise WeightError(tr.gettext("'{text}' is not a category; use one of: {categories}").format(
            text=visible(unknown[0]), categories=", ".join(CATEGORIES)))
    if args.max_invasiveness is not None and table.by_role("invasiveness") is None:
        raise WeightError(tr.gettext("this table has no criterion with the role 'invasiveness', so "
                                     "--max-invasiveness cannot be used"))
    # Listing every contraindication reads every row: only done when one is asked for.
    from .core.scoring import patient_conditions

    # Contraindications rule options out; cautions (the same words) only warn, and are reported.
    known = {c.casefold(): c for c in patient_conditions(table)} if args.contraindication else {}
    for text in args.contraindication:
        if text.casefold() not in known:
            raise WeightError(tr.gettext("'{text}' is not a contraindication or caution listed in this table").format(
                text=visible(text)))
    limits = Limits(exclude_categories=frozenset(categories), max_invasiveness=args.max_invasiveness,
                    contraindications=frozenset(known[t.casefold()] for t in args.contraindication))
    return importances, limits


def _report(args: argparse.Namespace, *, tr: Translator = ENGLISH) -> int:
    import dataclasses

    from .core.errors import DecisionAidError, TableError, WeightError
    from .core.report import export_summary_pdf
    from .core.session import Session, load_session, load_session_table

    try:
        session = load_session(args.session) if args.session else None
        path = args.sub_data or args.data
        if path:
            table = load(path)
        elif session is not None:
            table = load_session_table(session)
        else:
            table = load(None)
        table = in_language(table, tr)
    except TableError as exc:
        print_table_error(exc, tr=tr)
        return EXIT_INVALID
    except DecisionAidError as exc:
        print(f"decision-aid report: {visible(exc.say(tr))}", file=sys.stderr)
        return EXIT_INVALID
    try:
        known = set(table.ids)
        unknown = [i for i in [*args.compare, *([args.chosen] if args.chosen else [])] if i not in known]
        if unknown:
            raise WeightError(tr.gettext("'{text}' is not an option id of this table; use one of: {ids}").format(
                text=visible(unknown[0]), ids=", ".join(table.ids[:20]) + (" ..." if len(known) > 20 else "")))
        twice = sorted({i for i in args.compare if args.compare.count(i) > 1})
        if twice:
            raise WeightError(tr.gettext("'{text}' is given to --compare more than once; name each option "
                                         "once").format(text=visible(twice[0])))
        if len(args.compare) > 4:
            raise WeightError(tr.gettext("compare at most 4 options side by side"))
        importances, limits = preferences_from_args(args, table, tr=tr)
        given = dict(_parse_each(args.weight, table, tr))
        saved = session.importances if session is not None else None
        if saved:
            # The saved consultation's choices stand unless the command line overrides them.
            importances = {**saved, **given}
        elif given:
            # Only what the patient said: a criterion not named is "not set" on the sheet (and counts 0 in
            # the ranking, as an untouched slider does in the window), never the table's default.
            importances = given
        else:
            # Nothing says what matters to this patient: the summary says so and shows no ranking,
            # rather than ranking on the table's defaults.
            importances = None
        if session is not None and not (args.exclude_category or args.max_invasiveness is not None
                                        or args.contraindication):
            limits = session.limits
        base = session or Session.new(table)
        session = dataclasses.replace(
            base, importances=importances, limits=limits,
            selected=tuple(args.compare) or base.selected,
            chosen=args.chosen or base.chosen)
    except WeightError as exc:
        print(f"decision-aid report: {visible(exc.say(tr))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        export_summary_pdf(args.out, table, session, page_size=args.page_size, clinician=args.clinician, tr=tr)
    except DecisionAidError as exc:
        print(f"decision-aid report: {visible(exc.say(tr))}", file=sys.stderr)
        return EXIT_INVALID
    if importances is None:
        print(tr.gettext("No importances were given (--weight) or saved in a session, so the summary shows no "
                         "ranking."), file=sys.stderr)
    print(tr.gettext("Wrote {file}").format(file=visible(args.out)))
    return EXIT_OK


def _parse_each(texts: list[str], table, tr: Translator = ENGLISH) -> list[tuple[str, float]]:
    return [parse_weight_arg(t, table.criteria, tr=tr) for t in texts]


def _audit(path: str | None, fmt: str, target_grade: float, *, tr: Translator = ENGLISH) -> int:
    from .core.audit import run_audit
    from .core.errors import TableError

    try:
        table = load(path)
    except TableError as exc:
        print_table_error(exc, tr=tr)
        return EXIT_INVALID
    report = run_audit(table, target_grade=target_grade)
    if fmt == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        print(report.to_text(tr=tr))
    return report.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
