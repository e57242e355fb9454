"""A corpus of bad (and awkward but valid) table folders, generated from the bundled table.

Each case copies ``data/`` and damages one thing, the way tables arrive from
e-mail and spreadsheets. ``CASES`` maps a case name to a builder and to what
the loader must say: the (file, row, column) of the first expected problem and
a fragment of its message, or ``None`` for a table that must load cleanly.

Run ``python tests/bad_tables.py OUT`` to write every case as a folder, for
example to try them in the window.
"""

from __future__ import annotations

import codecs
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class Expect:
    """Where the first problem must point, and words its message must contain."""

    file: str
    row: int | None
    column: str | None
    words: str


def _read(folder: Path, name: str = "options.csv") -> str:
    return (folder / name).read_text(encoding="utf-8")


def _write(folder: Path, text: str, name: str = "options.csv", encoding: str = "utf-8") -> None:
    (folder / name).write_bytes(text.encode(encoding))


def _replace(old: str, new: str, name: str = "options.csv", count: int = 1) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        text = _read(folder, name)
        assert old in text, f"{old!r} not in {name}"
        _write(folder, text.replace(old, new, count), name)
    return build


def _cell(row_id: str, column: str, value: str, name: str = "options.csv") -> Callable[[Path], None]:
    """Set one cell of options.csv (rows by id) through the csv module."""
    def build(folder: Path) -> None:
        import csv
        import io

        rows = list(csv.reader(io.StringIO(_read(folder, name), newline="")))
        header = rows[0]
        for row in rows[1:]:
            if row and row[0] == row_id:
                row[header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        _write(folder, out.getvalue(), name)
    return build


def _semicolon_decimal_comma(folder: Path) -> None:
    import csv
    import io

    for name in ("options.csv", "criteria.csv"):
        rows = list(csv.reader(io.StringIO(_read(folder, name), newline="")))
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        for row in rows:
            writer.writerow([cell.replace(".", ",") if _is_decimal(cell) else cell for cell in row])
        _write(folder, out.getvalue(), name)


def _is_decimal(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return "." in cell


def _tab_delimited_utf16(folder: Path) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_read(folder), newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    (folder / "options.csv").write_bytes(codecs.BOM_UTF16_LE + out.getvalue().encode("utf-16-le"))


def _bom_messy_header(folder: Path) -> None:
    text = _read(folder)
    header, rest = text.split("\n", 1)
    header = ",".join(f"  {h.upper()} " for h in header.split(","))
    (folder / "options.csv").write_bytes(codecs.BOM_UTF8 + (header + "\n" + rest + "\n\n\n").encode("utf-8"))


def _multiline_cell(folder: Path) -> None:
    _cell("massage", "what_it_is_like", "A therapist works on your back.\nSessions last about an hour.")(folder)


def _latin1(folder: Path) -> None:
    text = _read(folder).replace("Massage therapy", "Massage thérapie", 1)
    _write(folder, text, encoding="latin-1")


def _binary(folder: Path) -> None:
    (folder / "options.csv").write_bytes(bytes(range(256)) * 40)


def _empty(folder: Path) -> None:
    _write(folder, "")


def _header_only(folder: Path) -> None:
    _write(folder, _read(folder).split("\n", 1)[0] + "\n")


def _mixed_delimiters(folder: Path) -> None:
    lines = _read(folder).split("\n")
    lines[3] = lines[3].replace(",", ";")
    _write(folder, "\n".join(lines))


def _unbalanced_quote(folder: Path) -> None:
    _write(folder, _read(folder) + 'extra,"Unclosed quote option,home,Summary\n')


def _missing_column(folder: Path) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_read(folder), newline="")))
    drop = rows[0].index("evidence")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:drop] + r[drop + 1:] for r in rows if r])
    _write(folder, out.getvalue())


def _duplicate_column(folder: Path) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_read(folder), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r + [r[1]] for r in rows if r])
    text = out.getvalue().replace(",name\n", ",Name \n", 1)
    _write(folder, text)


def _huge_cell(folder: Path) -> None:
    _cell("massage", "summary", "word " * 210_000)(folder)


def _no_criteria(folder: Path) -> None:
    (folder / "criteria.csv").unlink()


def _options_is_folder(folder: Path) -> None:
    (folder / "options.csv").unlink()
    (folder / "options.csv").mkdir()


def _criterion_not_in_options(folder: Path) -> None:
    text = _read(folder, "criteria.csv")
    _write(folder, text.rstrip("\n") + "\ncost,Cost,lower,0,100,pounds,What it costs.,5,\n", "criteria.csv")


def _extra_column(folder: Path) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_read(folder), newline="")))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [rows[0] + ["Local code"]] + [r + [f"LBP-{i}"] for i, r in enumerate(rows[1:]) if r])
    _write(folder, out.getvalue())


def _huge_table(folder: Path) -> None:
    """100,000 valid options with short text: the loader must cope."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(_read(folder), newline="")))
    header, template = rows[0], rows[1]
    template = [cell if len(cell) <= 12 else cell[:12] for cell in template]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for i in range(100_000):
        row = list(template)
        row[0] = f"option_{i}"
        writer.writerow(row)
    _write(folder, out.getvalue())
    (folder / "side_effects.csv").unlink()


def _rows(folder: Path, name: str) -> list[list[str]]:
    import csv
    import io

    return [r for r in csv.reader(io.StringIO(_read(folder, name), newline="")) if r]


def _write_rows(folder: Path, name: str, rows: list[list[str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    _write(folder, out.getvalue(), name)


def _add_column(name: str, column: str, values: dict[str, str] | None = None, default: str = "",
                *, row: int | None = None) -> Callable[[Path], None]:
    """Add a column to a file: cells by the row's first cell (``values``), or one cell by spreadsheet ``row``."""
    def build(folder: Path) -> None:
        rows = _rows(folder, name)
        if column in rows[0]:  # the file has the column already: set only the cells named
            index = rows[0].index(column)
            for number, cells in enumerate(rows[1:], start=2):
                if row is not None and number == row:
                    cells[index] = (values or {}).get("*", default)
                elif row is None and cells and cells[0] in (values or {}):
                    cells[index] = values[cells[0]]
            _write_rows(folder, name, rows)
            return
        rows[0].append(column)
        for number, cells in enumerate(rows[1:], start=2):
            if row is not None:
                cells.append((values or {}).get("*", default) if number == row else default)
            else:
                cells.append((values or {}).get(cells[0], default))
        _write_rows(folder, name, rows)
    return build


def _both(*builders: Callable[[Path], None]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        for b in builders:
            b(folder)
    return build


def _reviewed_today(folder: Path) -> None:
    import datetime as dt

    _cell("massage", "reviewed", dt.date.today().isoformat())(folder)


def _references(text: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        _write(folder, text, "references.csv")
    return build


def _drop_columns(name: str, keep) -> Callable[[Path], None]:
    """Remove the columns of a file whose header ``keep`` refuses."""
    def build(folder: Path) -> None:
        if not (folder / name).exists():
            return
        rows = _rows(folder, name)
        wanted = [i for i, column in enumerate(rows[0]) if keep(column)]
        _write_rows(folder, name, [[row[i] for i in wanted if i < len(row)] for row in rows])
    return build


CONTRACT_COLUMNS = ("comparator", "population", "minimal_important", "better_label", "cautions",
                    "guideline_stance", "baseline_per_100")


def _without_contract_columns(folder: Path) -> None:
    """The bundled table as it was before the contract additions (no codes, cautions, stances or references)."""
    def keep(column: str) -> bool:
        return column not in CONTRACT_COLUMNS and not column.endswith(("_comparator", "_population"))

    for name in ("criteria.csv", "options.csv", "side_effects.csv"):
        _drop_columns(name, keep)(folder)
    (folder / "references.csv").unlink(missing_ok=True)
    _cell("no_treatment", "category", "home")(folder)


def _all_contract_columns(folder: Path) -> None:
    """Every optional column of the contract, filled as a clinic would (on the table without them)."""
    _without_contract_columns(folder)
    _add_column("criteria.csv", "comparator", {"pain_relief": "placebo_sham"})(folder)
    _add_column("criteria.csv", "population", {"pain_relief": "Chronic"})(folder)
    _add_column("criteria.csv", "minimal_important", {"pain_relief": "10"})(folder)
    _add_column("criteria.csv", "better_label", {"invasiveness": "Less invasive"})(folder)
    _add_column("options.csv", "pain_relief_comparator", {"chiropractic": "active_treatment",
                                                          "massage": "Active treatment"})(folder)
    _add_column("options.csv", "pain_relief_population", {"muscle_relaxants": "acute-subacute"})(folder)
    _add_column("options.csv", "cautions", {"massage": "Pregnancy; Bleeding disorder",
                                            "exercise_yoga": "Pregnancy"})(folder)
    _add_column("options.csv", "guideline_stance", {"nsaids": "recommended", "acupuncture": "guidelines_disagree"})(folder)
    _cell("no_treatment", "category", "comparison")(folder)
    _add_column("side_effects.csv", "baseline_per_100", {"*": "11.1"}, row=2)(folder)
    _references("ref,citation,in_words\n[15],\"Enthoven WTM et al. NSAIDs for chronic low back pain. Cochrane 2016\","
                "\"a review of 6 trials, 2016\"\n[16],van der Gaag WH et al. 2020,\n")(folder)


def _nfd_criterion_name(folder: Path) -> None:
    """The criterion written with a precomposed é in criteria.csv and e + combining accent in options.csv."""
    _replace("visits,Clinic", "visit\u00e9s,Clinic", "criteria.csv")(folder)
    _replace(",visits,visits_source,", ",visite\u0301s,visits_source,")(folder)


def _header_of(name: str) -> list[str]:
    """The header of a bundled file."""
    return _rows(DATA, name)[0]


def _huge_header(folder: Path) -> None:
    _add_column("options.csv", "x" * 2_000_000)(folder)


def _many_columns(folder: Path) -> None:
    rows = _rows(folder, "options.csv")
    _write_rows(folder, "options.csv", [r + [f"c{i}" if n == 0 else "" for i in range(3000)]
                                        for n, r in enumerate(rows)])


def _companion_criterion(folder: Path) -> None:
    text = _read(folder, "criteria.csv")
    _write(folder, text.rstrip("\n") + "\npain_relief_low,Low pain relief,higher,-1,40,points,Lower end.,5,\n",
           "criteria.csv")


def _no_criteria_rows(folder: Path) -> None:
    _write(folder, _read(folder, "criteria.csv").split("\n", 1)[0] + "\n", "criteria.csv")


def _drop_column(name: str, column: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        rows = _rows(folder, name)
        drop = rows[0].index(column)
        _write_rows(folder, name, [r[:drop] + r[drop + 1:] for r in rows])
    return build


def _side_effect_cell(row: int, column: str, value: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        rows = _rows(folder, "side_effects.csv")
        rows[row - 1][rows[0].index(column)] = value
        _write_rows(folder, "side_effects.csv", rows)
    return build


CASES: dict[str, tuple[Callable[[Path], None], Expect | None]] = {
    # Valid, as clinicians' spreadsheets write them.
    "bom_messy_header_blank_lines": (_bom_messy_header, None),
    "semicolon_decimal_comma": (_semicolon_decimal_comma, None),
    "tab_utf16": (_tab_delimited_utf16, None),
    "multiline_cell": (_multiline_cell, None),
    "extra_column_kept": (_extra_column, None),
    "empty_criterion_value": (_cell("massage", "pain_relief", ""), None),
    "large_100k_rows": (_huge_table, None),
    # Invalid.
    "empty_file": (_empty, Expect("options.csv", None, None, "empty")),
    "header_only": (_header_only, Expect("options.csv", None, None, "no options")),
    "binary": (_binary, Expect("options.csv", None, None, "not a text file")),
    "latin1": (_latin1, Expect("options.csv", 10, None, "CSV UTF-8")),
    "mixed_delimiters": (_mixed_delimiters, Expect("options.csv", 4, None, "one delimiter")),
    "unbalanced_quote": (_unbalanced_quote, Expect("options.csv", 15, None, "quote")),
    "missing_column": (_missing_column, Expect("options.csv", 1, "evidence", "required column")),
    "duplicate_column": (_duplicate_column, Expect("options.csv", 1, "name", "appears twice")),
    "duplicate_id": (_cell("massage", "id", "acupuncture"), Expect("options.csv", 10, "id", "used again")),
    "bad_id": (_cell("massage", "id", "Massage Therapy!"), Expect("options.csv", 10, "id", "lower-case")),
    "unknown_category": (_cell("massage", "category", "spa"), Expect("options.csv", 10, "category", "not allowed")),
    "bad_evidence": (_cell("massage", "evidence", "strong"), Expect("options.csv", 10, "evidence", "GRADE")),
    "out_of_range": (_cell("massage", "visits", "25"), Expect("options.csv", 10, "visits", "outside the allowed range")),
    "negative": (_cell("massage", "relief_days", "-3"), Expect("options.csv", 10, "relief_days", "outside")),
    "nan_text": (_cell("massage", "visits", "NaN"), Expect("options.csv", 10, "visits", "not a number")),
    "infinity": (_cell("massage", "visits", "inf"), Expect("options.csv", 10, "visits", "infinity")),
    "overflow": (_cell("massage", "visits", "1e999"), Expect("options.csv", 10, "visits", "infinity")),
    "text_in_number": (_cell("massage", "visits", "ten"), Expect("options.csv", 10, "visits", "not a number")),
    "bad_date": (_cell("massage", "reviewed", "22/11/2026"), Expect("options.csv", 10, "reviewed", "YYYY-MM-DD")),
    "impossible_date": (_cell("massage", "reviewed", "2026-02-30"), Expect("options.csv", 10, "reviewed", "not a real date")),
    "future_date": (_cell("massage", "reviewed", "2999-01-01"), Expect("options.csv", 10, "reviewed", "future")),
    "no_doctor_advice": (_cell("massage", "see_doctor_if", " ; "), Expect("options.csv", 10, "see_doctor_if", "empty")),
    "huge_cell": (_huge_cell, Expect("options.csv", 10, "summary", "characters")),
    "no_criteria_file": (_no_criteria, Expect("criteria.csv", None, None, "file not found")),
    "options_is_folder": (_options_is_folder, Expect("options.csv", None, None, "folder, not a file")),
    "criterion_missing_in_options": (_criterion_not_in_options,
                                     Expect("criteria.csv", 8, "column", "options.csv has no such column")),
    "min_not_below_max": (_replace("visits,Clinic visits per course,lower,0,10,", "visits,Clinic visits per course,lower,10,10,",
                                   "criteria.csv"),
                          Expect("criteria.csv", 5, "max", "greater than min")),
    "bad_direction": (_replace(",lower,0,10,", ",smaller,0,10,", "criteria.csv"),
                      Expect("criteria.csv", 5, "better", "'lower' or 'higher'")),
    "unknown_side_effect_option": (_replace("botox,", "botax,", "side_effects.csv"),
                                   Expect("side_effects.csv", 5, "option_id", "not an id")),
    "per_100_over_100": (_replace(",50,mild,", ",150,mild,", "side_effects.csv"),
                         Expect("side_effects.csv", 6, "per_100", "outside 0 to 100")),
    # Boundaries that must pass (the mutation-testing list of core/table.py).
    "default_weights_0_and_10": (_both(_cell("invasiveness", "default_weight", "0", "criteria.csv"),
                                       _cell("visits", "default_weight", "10", "criteria.csv")), None),
    "default_weight_empty_is_5": (_cell("visits", "default_weight", "", "criteria.csv"), None),
    "reviewed_today": (_reviewed_today, None),
    "equal_range_bounds": (_both(_cell("nsaids", "pain_relief_low", "3.3"), _cell("nsaids", "pain_relief_high", "3.3")),
                           None),
    "direction_aliases": (_both(_cell("visits", "better", "Lower is better", "criteria.csv"),
                                _cell("relief_weeks", "better", "MAXIMISE", "criteria.csv")), None),
    "all_contract_columns": (_all_contract_columns, None),
    "nfc_criterion_name": (_nfd_criterion_name, None),
    "magnitude_limit_itself": (_cell("pain_relief", "max", "1e9", "criteria.csv"), None),
    # Invalid: criteria.csv.
    "default_weight_15": (_cell("visits", "default_weight", "15", "criteria.csv"),
                          Expect("criteria.csv", 5, "default_weight", "from 0")),
    "default_weight_negative": (_cell("visits", "default_weight", "-1", "criteria.csv"),
                                Expect("criteria.csv", 5, "default_weight", "from 0")),
    "default_weight_text": (_cell("visits", "default_weight", "high", "criteria.csv"),
                            Expect("criteria.csv", 5, "default_weight", "from 0")),
    "min_text": (_cell("visits", "min", "none", "criteria.csv"), Expect("criteria.csv", 5, "min", "not a number")),
    "max_text": (_cell("visits", "max", "twenty", "criteria.csv"), Expect("criteria.csv", 5, "max", "not a number")),
    "min_above_max": (_cell("visits", "min", "30", "criteria.csv"), Expect("criteria.csv", 5, "max", "greater than min")),
    "criterion_named_summary": (_cell("pain_relief", "column", "summary", "criteria.csv"),
                                Expect("criteria.csv", 7, "column", "text column")),
    "criterion_named_cautions": (_cell("pain_relief", "column", "cautions", "criteria.csv"),
                                 Expect("criteria.csv", 7, "column", "text column")),
    "criterion_column_empty": (_cell("visits", "column", "", "criteria.csv"), Expect("criteria.csv", 5, "column", "empty")),
    "criterion_declared_twice": (_cell("visits", "column", "relief_days", "criteria.csv"),
                                 Expect("criteria.csv", 5, "column", "declared twice (also on row 3)")),
    "criterion_label_empty": (_cell("visits", "label", "", "criteria.csv"), Expect("criteria.csv", 5, "label", "empty")),
    "criteria_column_missing": (_drop_column("criteria.csv", "unit"),
                                Expect("criteria.csv", 1, "unit", "required column")),
    "criteria_no_rows": (_no_criteria_rows, Expect("criteria.csv", None, None, "no criteria are declared")),
    "role_unknown": (_cell("visits", "role", "appointments", "criteria.csv"),
                     Expect("criteria.csv", 5, "role", "not a known role")),
    "role_twice": (_cell("visits", "role", "onset", "criteria.csv"),
                   Expect("criteria.csv", 5, "role", "already given to row 3")),
    "criterion_max_too_large": (_cell("pain_relief", "max", "1e308", "criteria.csv"),
                                Expect("criteria.csv", 7, "max", "too large")),
    "criterion_min_too_large": (_cell("pain_relief", "min", "-2e9", "criteria.csv"),
                                Expect("criteria.csv", 7, "min", "too large")),
    "criterion_named_as_companion": (_companion_criterion,
                                     Expect("criteria.csv", 8, "column", "goes with criterion 'pain_relief'")),
    "comparator_unknown": (_add_column("criteria.csv", "comparator", {"pain_relief": "dummy pill"}),
                           Expect("criteria.csv", 7, "comparator", "placebo_sham")),
    "population_unknown": (_add_column("criteria.csv", "population", {"pain_relief": "elderly"}),
                           Expect("criteria.csv", 7, "population", "acute_subacute")),
    "minimal_important_zero": (_add_column("criteria.csv", "minimal_important", {"pain_relief": "0"}),
                               Expect("criteria.csv", 7, "minimal_important", "above 0")),
    "minimal_important_over_span": (_add_column("criteria.csv", "minimal_important", {"pain_relief": "42"}),
                                    Expect("criteria.csv", 7, "minimal_important", "larger than the whole range")),
    "minimal_important_text": (_add_column("criteria.csv", "minimal_important", {"pain_relief": "ten"}),
                               Expect("criteria.csv", 7, "minimal_important", "not a number")),
    "minimal_important_not_benefit": (_add_column("criteria.csv", "minimal_important", {"visits": "2"}),
                                      Expect("criteria.csv", 5, "minimal_important", "only used for the benefit")),
    # Invalid: options.csv.
    "inverted_range": (_both(_cell("nsaids", "pain_relief_low", "5.3"), _cell("nsaids", "pain_relief_high", "1.3")),
                       Expect("options.csv", 2, "pain_relief_high", "below the lower end")),
    "text_in_low": (_cell("nsaids", "pain_relief_low", "about 1"), Expect("options.csv", 2, "pain_relief_low", "not a number")),
    "text_in_high": (_cell("nsaids", "pain_relief_high", "5 or so"),
                     Expect("options.csv", 2, "pain_relief_high", "not a number")),
    "bound_too_large": (_cell("nsaids", "pain_relief_high", "1e12"),
                        Expect("options.csv", 2, "pain_relief_high", "too large")),
    "cell_comparator_unknown": (_add_column("options.csv", "pain_relief_comparator", {"massage": "other"}),
                                Expect("options.csv", 10, "pain_relief_comparator", "not a known code")),
    "cell_population_unknown": (_add_column("options.csv", "pain_relief_population", {"massage": "kids"}),
                                Expect("options.csv", 10, "pain_relief_population", "not a known code")),
    "guideline_stance_unknown": (_add_column("options.csv", "guideline_stance", {"massage": "maybe"}),
                                 Expect("options.csv", 10, "guideline_stance", "do_not_offer")),
    "header_cell_too_long": (_huge_header, Expect("options.csv", 1, f"column {len(_header_of('options.csv')) + 1}",
                                                  "header cell holds 2,000,000")),
    "too_many_columns": (_many_columns, Expect("options.csv", 1, None, "at most 2000")),
    # Invalid: side_effects.csv, about.csv, references.csv.
    "per_100_empty": (_side_effect_cell(2, "per_100", ""), Expect("side_effects.csv", 2, "per_100", "not a number")),
    "per_100_negative": (_side_effect_cell(2, "per_100", "-1"), Expect("side_effects.csv", 2, "per_100", "outside 0")),
    "baseline_over_100": (_add_column("side_effects.csv", "baseline_per_100", {"*": "150"}, row=3),
                          Expect("side_effects.csv", 3, "baseline_per_100", "outside 0 to 100")),
    "baseline_text": (_add_column("side_effects.csv", "baseline_per_100", {"*": "some"}, row=3),
                      Expect("side_effects.csv", 3, "baseline_per_100", "not a number")),
    "about_key_empty": (_cell("condition", "key", "", "about.csv"), Expect("about.csv", 3, "key", "empty")),
    "about_key_twice": (_cell("condition", "key", "Decision", "about.csv"), Expect("about.csv", 3, "key", "given twice")),
    "about_value_column_missing": (_drop_column("about.csv", "value"), Expect("about.csv", 1, "value", "required column")),
    "references_ref_twice": (_references("ref,citation\n[1],A 2020\n[1],B 2021\n"),
                             Expect("references.csv", 3, "ref", "used again (first on row 2)")),
    "references_ref_empty": (_references("ref,citation\n,A 2020\n"), Expect("references.csv", 2, "ref", "empty")),
    "references_citation_empty": (_references("ref,citation,in_words\n[1],,a trial\n"),
                                  Expect("references.csv", 2, "citation", "empty")),
    "references_citation_missing": (_references("ref,in_words\n[1],a trial\n"),
                                    Expect("references.csv", 1, "citation", "required column")),
}


def build_case(name: str, target: Path) -> Path:
    """Copy the bundled table to ``target`` and damage it as case ``name`` says."""
    shutil.copytree(DATA, target)
    CASES[name][0](target)
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-tables")
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        build_case(case, out / case)
    print(f"wrote {len(CASES)} table folders in {out}")
