"""Read one CSV file the way clinicians' spreadsheets write them.

Accepted: UTF-8 with or without a byte-order mark (and UTF-16 with one, which
is what "Unicode text" exports write), comma, semicolon or tab delimiters,
decimal commas in semicolon files, quoted multi-line cells, blank lines, and
headers in any case with surrounding spaces. Everything else becomes a
:class:`~decision_aid.core.errors.Problem` naming the file, row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import Problem, TableError

#: Largest table file accepted. The bundled table is about 60 kB; a clinic's
#: own table with a few hundred options and long text stays far below this,
#: and the 100,000-option benchmark table (about 12 MB) still loads.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Most data rows in one file (10 times the largest table we benchmark).
MAX_ROWS = 200_000
#: Longest text accepted in one cell; longer cells are nearly always a paste
#: gone wrong and would make every view unreadable.
MAX_CELL_CHARS = 20_000

_DELIMITERS = (",", ";", "\t")
# Python's csv module refuses cells over 128 kB with an unhelpful error; let it read
# anything up to the file limit so MAX_CELL_CHARS can name the cell instead.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))


@dataclass(frozen=True)
class Sheet:
    """The text of one CSV file, header normalised, every cell a string.

    ``frame`` is indexed by spreadsheet row number (the header is row 1), so
    problems can name the row the user sees in their spreadsheet.
    """

    name: str
    frame: pd.DataFrame
    decimal_comma: bool

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)


def normalise_header(name: object) -> str:
    """Header cell as compared: surrounding spaces removed, lower case."""
    return " ".join(str(name).split()).lower()


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
        encoding = "utf-8"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in raw[:8192]:
            raise TableError([Problem(name, None, None,
                                      "this is not a text file (it contains binary data); "
                                      "save the table from your spreadsheet as 'CSV UTF-8'")])
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError([Problem(name, line, None,
                                  f"byte 0x{raw[exc.start]:02x} is not valid {encoding.upper()} text; "
                                  "save the table as 'CSV UTF-8' (in Excel: File > Save As > "
                                  "CSV UTF-8)")]) from None
    if "\x00" in text:
        raise TableError([Problem(name, None, None,
                                  "this is not a text file (it contains binary data); "
                                  "save the table from your spreadsheet as 'CSV UTF-8'")])
    return text


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most cells."""
    for line in io.StringIO(text):
        if line.strip():
            counts = {}
            for d in _DELIMITERS:
                try:
                    counts[d] = len(next(csv.reader([line.rstrip("\r\n")], delimiter=d)))
                except csv.Error:  # a stray carriage return or quote: count roughly
                    counts[d] = line.count(d) + 1
            return max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
    return ","


def read_file_bytes(path: Path, name: str | None = None) -> bytes:
    """Bytes of ``path``, or a :class:`TableError` naming what stopped the read."""
    name = name or path.name
    try:
        if path.is_dir():
            raise TableError([Problem(name, None, None,
                                      "this is a folder, not a file; choose the folder that contains it")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TableError([Problem(name, None, None,
                                      f"the file is {size / 1_048_576:.0f} MB; the largest table accepted is "
                                      f"{MAX_FILE_BYTES // 1_048_576} MB. Split it or remove unused columns")])
        return path.read_bytes()
    except FileNotFoundError:
        raise TableError([Problem(name, None, None, "file not found; every table folder needs this file")]) from None
    except PermissionError:
        raise TableError([Problem(name, None, None,
                                  "permission denied; ask for read access to this file or copy it "
                                  "to a folder of your own")]) from None
    except OSError as exc:
        raise TableError([Problem(name, None, None, f"could not be read ({exc.strerror or exc})")]) from None


def parse_csv_text(text: str, name: str) -> Sheet:
    """Parse CSV text into a :class:`Sheet`; raise :class:`TableError` if unreadable."""
    delimiter = _sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        # csv reports the physical line; with multi-line cells this is close to
        # the spreadsheet row, and it is the best the file allows.
        line = _line_of_csv_error(text, delimiter)
        raise TableError([Problem(name, line, None,
                                  f"the file cannot be split into cells ({exc}); a quote mark (\") is "
                                  "probably not closed. Check the quotes on this row")]) from None
    # Keep spreadsheet row numbers: record i (0-based) is row i + 1.
    numbered = [(i + 1, r) for i, r in enumerate(rows) if any(cell.strip() for cell in r)]
    if not numbered:
        raise TableError([Problem(name, None, None, "the file is empty; it needs a header row and data rows")])
    header_row, header = numbered[0]
    columns = [normalise_header(h) for h in header]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for position, column in enumerate(columns):
        if not column:
            # A trailing empty header cell, as spreadsheets often write, is harmless
            # when its column is empty too; checked below.
            continue
        if column in seen:
            problems.append(Problem(name, header_row, column,
                                    f"the column '{column}' appears twice (columns {seen[column] + 1} and "
                                    f"{position + 1}); remove or rename one"))
        else:
            seen[column] = position
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        raise TableError([Problem(name, None, None,
                                  f"the file has {len(body):,} data rows; at most {MAX_ROWS:,} are accepted")])
    width = len(columns)
    records: list[list[str]] = []
    index: list[int] = []
    for row_number, cells in body:
        if len(cells) > width:
            extra = cells[width:]
            if any(c.strip() for c in extra):
                problems.append(Problem(name, row_number, None,
                                        f"this row has {len(cells)} cells but the header has {width}; "
                                        "a delimiter inside a cell must be quoted"))
                continue
            cells = cells[:width]
        elif len(cells) < width:
            others = [d for d in _DELIMITERS if d != delimiter and d in "".join(cells)]
            if len(cells) == 1 and width > 1 and others:
                problems.append(Problem(name, row_number, None,
                                        f"this row is not split by {_delimiter_name(delimiter)} like the header "
                                        f"row; it seems to use {_delimiter_name(others[0])}. Use one delimiter "
                                        "throughout the file"))
                continue
            cells = cells + [""] * (width - len(cells))
        for position, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                problems.append(Problem(name, row_number, columns[position] or f"column {position + 1}",
                                        f"this cell holds {len(cell):,} characters; at most "
                                        f"{MAX_CELL_CHARS:,} are accepted"))
        records.append(cells)
        index.append(row_number)
    for position, column in enumerate(columns):
        if not column and any(r[position].strip() for r in records):
            problems.append(Problem(name, header_row, f"column {position + 1}",
                                    "this column has values but no header; give it a name"))
    if problems:
        raise TableError(problems)
    keep = [i for i, c in enumerate(columns) if c and seen.get(c) == i]
    frame = pd.DataFrame([[r[i].strip() for i in keep] for r in records],
                         columns=[columns[i] for i in keep], index=pd.Index(index, name="row"),
                         dtype=object)
    return Sheet(name=name, frame=frame, decimal_comma=delimiter == ";")


def _delimiter_name(delimiter: str) -> str:
    return {",": "commas", ";": "semicolons", "\t": "tabs"}[delimiter]


def _line_of_csv_error(text: str, delimiter: str) -> int | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error:
        return reader.line_num or None
    return None


def read_csv_file(path: Path, name: str | None = None) -> Sheet:
    """Read, decode and parse one CSV file; problems raise :class:`TableError`."""
    name = name or path.name
    return parse_csv_text(_decode(read_file_bytes(path, name), name), name)


def to_numbers(sheet: Sheet, column: str) -> tuple[pd.Series, pd.Series]:
    """Parse one column as numbers.

    Returns
    -------
    values
        Floats indexed like the sheet, NaN where the cell is empty or bad.
    bad
        True where the cell has text that is not a number.
    """
    text = sheet.frame[column].astype(str).str.strip()
    if sheet.decimal_comma:
        text = text.str.replace(",", ".", regex=False)
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = (text != "") & values.isna()
    return values.astype(float), bad
