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
