"""Open the app's exported CSV files in a real spreadsheet and report any cell it ran as a formula.

    python tests/tools/check_csv_in_libreoffice.py            # build hostile exports and check them
    python tests/tools/check_csv_in_libreoffice.py FILE.csv   # check CSV files you already have

Not part of the test suite (it needs LibreOffice and takes a few seconds per
file). Without arguments it copies the bundled table, puts formula payloads
in option names, summaries, a criterion's column name and label (``=``,
``+``, ``-``, ``@``, a leading tab or carriage return, a DDE call, a
hyperlink, and look-alikes such as a full-width equals sign), then writes
``rank --format csv`` and the comparison export from it. Each file is
opened with LibreOffice Calc headless (``soffice --headless --convert-to
fods``) with "evaluate formulas" switched on in the CSV import, and every cell
that came back with a formula is reported. A control file holding a raw
``=1+1`` must come back as a formula, or the check says it proved nothing.

Exit status: 0 no cell evaluated (or LibreOffice is not installed: skipped,
with a message), 1 a cell was evaluated or the control failed, 2 a bad
argument or a file LibreOffice could not convert.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#: CSV import options: comma, double quote, UTF-8, from line 1, no column formats, default language,
#: quoted fields not forced to text, detect special numbers, ..., evaluate formulas (token 13) on.
CSV_FILTER = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"

PAYLOADS = [
    "=1+1", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1",
    '=HYPERLINK("http://example.invalid","click")', "=2*3 in the middle, quoted",
    "\uff1d1+1", "\u200b=1+1", "\ufeff=1+1", "\u00a0=1+1", " =1+1",
]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _rewrite(path: Path, edit) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    edit(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def hostile_exports(work: Path) -> list[tuple[str, Path]]:
    """Write ``rank --format csv`` and the comparison export of a table full of formula payloads."""
    sys.path.insert(0, str(ROOT))
    from decision_aid.cli import main
    from decision_aid.core.comparison import export_comparison_csv
    from decision_aid.core.scoring import Scorer, default_importances
    from decision_aid.core.table import bundled_data_dir, load_table

    folder = work / "hostile_table"
    shutil.copytree(bundled_data_dir(), folder)
    criterion = load_table(folder).criteria[0].column
    payload_column = "=1+1"

    def edit_criteria(rows):
        for row in rows[1:]:
            if row[0] == criterion:
                row[0], row[1] = payload_column, "=SUM(1+1) label"

    def edit_options(rows):
        header = rows[0]
        rows[0] = [payload_column + h[len(criterion):] if h == criterion or h.startswith(criterion + "_") else h
                   for h in header]
        name, summary = header.index("name"), header.index("summary")
        for k, row in enumerate(rows[1:]):
            row[name] = PAYLOADS[k % len(PAYLOADS)]
            row[summary] = PAYLOADS[(k + 1) % len(PAYLOADS)] + " summary"

    _rewrite(folder / "criteria.csv", edit_criteria)
    _rewrite(folder / "options.csv", edit_options)
    table = load_table(folder)

    rank_csv = work / "rank.csv"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["rank", "--data", str(folder), "--format", "csv"])
    if code != 0:
        raise RuntimeError(f"rank --format csv exited {code}")
    rank_csv.write_bytes(out.getvalue().encode("utf-8"))

    comparison = work / "comparison.csv"
    ranking = Scorer(table).score(default_importances(table.criteria))
    export_comparison_csv(comparison, table, table.ids[:4], ranking)
    return [("rank --format csv (hostile table)", rank_csv), ("comparison export (hostile table)", comparison)]


def formula_cells(fods: Path) -> list[tuple[int, int, str, str]]:
    """(row, column, formula, shown text) of every cell holding a formula, 1-based."""
    found = []
    root = ET.parse(fods).getroot()
    for sheet in root.iter(f"{{{TABLE_NS}}}table"):
        r = 0
        for row in sheet.iter(f"{{{TABLE_NS}}}table-row"):
            r += 1
            c = 0
            for cell in row:
                if cell.tag not in (f"{{{TABLE_NS}}}table-cell", f"{{{TABLE_NS}}}covered-table-cell"):
                    continue
                c += 1
                formula = cell.get(f"{{{TABLE_NS}}}formula")
                if formula:
                    shown = " ".join("".join(cell.itertext()).split())
                    found.append((r, c, formula, shown))
                c += int(cell.get(f"{{{TABLE_NS}}}number-columns-repeated", "1")) - 1
            r += int(row.get(f"{{{TABLE_NS}}}number-rows-repeated", "1")) - 1
    return found


def convert(office: str, csv_path: Path, out_dir: Path, profile: Path) -> Path:
    result = subprocess.run(
        [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         f"--infilter={CSV_FILTER}", "--convert-to", "fods", "--outdir", str(out_dir), str(csv_path)],
        capture_output=True, text=True, timeout=180)
    target = out_dir / (csv_path.stem + ".fods")
    if result.returncode != 0 or not target.exists():
        raise RuntimeError(f"LibreOffice could not open {csv_path}: {result.stderr.strip() or result.stdout.strip()}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_csv_in_libreoffice", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="CSV files to check (default: build hostile exports)")
    args = parser.parse_args(argv)
    office = soffice()
    if office is None:
        print("LibreOffice (soffice) is not installed; nothing was checked. Install LibreOffice Calc "
              "(for example: apt-get install libreoffice-calc-nogui) and run this again.")
        return 0
    with tempfile.TemporaryDirectory(prefix="csv-in-libreoffice-") as tmp:
        work = Path(tmp)
        files = [(str(f), f) for f in args.files]
        for label, f in files:
            if not f.is_file():
                print(f"{label}: not a file", file=sys.stderr)
                return 2
        if not files:
            files = hostile_exports(work)
        control = work / "control_raw_formula.csv"
        control.write_bytes(b"=1+1,plain\r\n")
        out_dir, profile = work / "out", work / "profile"
        out_dir.mkdir()
        try:
            if not formula_cells(convert(office, control, out_dir, profile)):
                print("The control cell =1+1 was not evaluated: this LibreOffice does not evaluate formulas on "
                      "CSV import with these options, so the check proves nothing.", file=sys.stderr)
                return 1
            bad = 0
            for n, (label, f) in enumerate(files):
                copy = out_dir / f"{n}_{f.name}"
                shutil.copyfile(f, copy)
                cells = formula_cells(convert(office, copy, out_dir, profile))
                for r, c, formula, shown in cells:
                    print(f"{label}: row {r}, column {c}: evaluated as a formula {formula!r} (shows {shown!r})")
                bad += len(cells)
                if not cells:
                    print(f"{label}: no cell evaluated as a formula")
        except (RuntimeError, subprocess.TimeoutExpired, ET.ParseError) as exc:
            print(exc, file=sys.stderr)
            return 2
    version = subprocess.run([office, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Checked with {version or office}, formulas evaluated on import (control =1+1 evaluated).")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
