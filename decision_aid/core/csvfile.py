"""Read one CSV file the way clinicians' spreadsheets write them.

Accepted: UTF-8 with or without a byte-order mark (and UTF-16 with one, which
is what "Unicode text" exports write), comma, semicolon or tab delimiters,
decimal commas in semicolon files, quoted multi-line cells, blank lines, and
headers in any case with surrounding spaces. Everything else becomes a
:class:`~decision_aid.core.errors.Problem` naming the file, row and column,
its message a :class:`~decision_aid.core.i18n.Message` said in the reader's
language where it is shown.

Two readers share the work (see :func:`parse_csv_text`): pandas' C parser
reads well-formed files, with checks on whole columns and on the raw bytes;
Python's csv module reads, record by record, whatever the fast reader cannot
vouch for, and names each problem. Both give the same :class:`Sheet`.
"""

from __future__ import annotations

import codecs
import csv
import errno
import functools
import io
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import Problem, TableError
from .files import FileTooLarge, NotARegularFile, kind_words, read_regular_file
from .i18n import Message, msg, nmsg

#: Largest table file accepted. The bundled table is about 60 kB; a clinic's
#: own table with a few hundred options and long text stays far below this,
#: and the 100,000-option benchmark table (about 12 MB) still loads.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Most data rows in one file (10 times the largest table we benchmark).
MAX_ROWS = 200_000
#: Longest text accepted in one cell; longer cells are nearly always a paste
#: gone wrong and would make every view unreadable.
MAX_CELL_CHARS = 20_000
#: Most columns in one file. The bundled options.csv has 37; a table with 200
#: criteria and all their companion columns stays far below this. Counted on the
#: header line before any per-column work, so a file of 300,000 columns is
#: refused at once instead of after seconds of parsing.
MAX_COLUMNS = 2_000

_DELIMITERS = (",", ";", "\t")
_QUOTE = ord('"')
#: Bytes found in the UTF-8 encoding of some whitespace character (what str.strip
#: removes); U+3000 is the last of them.
_SPACE_BYTES = np.zeros(256, dtype=bool)
for _char in map(chr, range(0x3001)):
    if _char.isspace():
        _SPACE_BYTES[list(_char.encode("utf-8"))] = True
#: Byte classes for the whitespace check (see _byte_classes), and the bytes it looks at at once.
_SPLIT, _SPACE = 1, 2
_CHUNK_BYTES = 1 << 16
# Python's csv module refuses cells over 128 kB with an unhelpful error; let it read
# anything up to the file limit so MAX_CELL_CHARS can name the cell instead.
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))


@dataclass(frozen=True)
class Sheet:
    """The text of one CSV file, header normalised, every cell a string without surrounding spaces.

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
    """Header cell as compared: spaces collapsed, lower case, Unicode NFC.

    NFC makes a name typed with a precomposed letter (``é``) and one written
    as a letter plus a combining accent (``e`` + U+0301) the same name.
    """
    return unicodedata.normalize("NFC", " ".join(str(name).split()).lower())


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
        encoding = "utf-8"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in raw[:8192]:
            raise TableError([Problem(name, None, None, _not_text())])
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError([Problem(name, line, None,
                                  msg("byte {byte} is not valid {encoding} text; save the table as 'CSV UTF-8' (in "
                                      "Excel: File > Save As > CSV UTF-8)",
                                      byte=f"0x{raw[exc.start]:02x}", encoding=encoding.upper()))]) from None
    if "\x00" in text:
        raise TableError([Problem(name, None, None, _not_text())])
    return text


def _not_text() -> Message:
    return msg("this is not a text file (it contains binary data); save the table from your spreadsheet as "
               "'CSV UTF-8'")


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most cells."""
    line = _first_line(text)
    if line is None:
        return ","
    counts = {d: line.count(d) + 1 for d in _DELIMITERS}
    if '"' not in line or max(counts.values()) > MAX_COLUMNS:
        # Without quotes the counts are exact; past the column cap the file is refused
        # whatever the delimiter, and a rough count saves parsing a huge line three times.
        return max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
    for d in _DELIMITERS:
        try:
            counts[d] = len(next(csv.reader([line.rstrip("\r\n")], delimiter=d)))
        except csv.Error:  # a stray carriage return or quote: count roughly
            counts[d] = line.count(d) + 1
    return max(_DELIMITERS, key=lambda d: (counts[d], d == ","))


def _first_line(text: str) -> str | None:
    """The first line (lines end at line feeds only) that is not blank, or ``None``.

    Found with ``str.find`` rather than by iterating ``io.StringIO``, which
    copies the whole text first (50 ms for a 12 MB file).
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        line = text[start:end]
        if line.strip():
            return line
        start = end
    return None


def read_file_bytes(path: Path, name: str | None = None, *, required: bool = True) -> bytes | None:
    """Bytes of ``path``, or a :class:`TableError` naming what stopped the read.

    The file is opened once and read through
    :func:`~decision_aid.core.files.read_regular_file`: a folder, pipe, device
    or socket is refused from the open handle, and at most
    :data:`MAX_FILE_BYTES` + 1 bytes are read, so neither a FIFO nor an endless
    device nor a link swapped after a check can hang or exhaust memory.

    Parameters
    ----------
    path
        The file.
    name
        The name problems give (default: the file's name).
    required
        When false, a file that is simply not there gives ``None``; anything
        else there that cannot be read (a link to nowhere, a link loop, no
        permission) is still a problem, never silently ignored.
    """
    name = name or path.name
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except NotARegularFile as exc:
        if exc.kind == "a folder":
            what = msg("this is a folder, not a file; choose the folder that contains it")
        else:
            what = msg("this is {kind}, not a regular file; save the table as a CSV file under this name (a pipe or "
                       "device would never finish reading)", kind=kind_words(exc.kind))
        raise TableError([Problem(name, None, None, what)]) from None
    except FileTooLarge:
        raise TableError([Problem(name, None, None,
                                  msg("the file is larger than {size}, the largest table accepted. Split it or "
                                      "remove unused columns", size=_size_text(MAX_FILE_BYTES)))]) from None
    except FileNotFoundError:
        if os.path.lexists(path):
            raise TableError([Problem(name, None, None,
                                      msg("this is a link to a file that does not exist; replace the link with "
                                          "the file itself"))]) from None
        if not required:
            return None
        raise TableError([Problem(name, None, None,
                                  msg("file not found; every table folder needs this file"))]) from None
    except PermissionError:
        raise TableError([Problem(name, None, None,
                                  msg("permission denied; ask for read access to this file and its folder, or "
                                      "copy the table to a folder of your own"))]) from None
    except OSError as exc:
        if exc.errno == getattr(errno, "ELOOP", None):
            raise TableError([Problem(name, None, None,
                                      msg("this is a link that leads back to itself (a link loop); replace it "
                                          "with the file itself"))]) from None
        raise TableError([Problem(name, None, None,
                                  msg("could not be read ({error}); check the file and try again",
                                      error=exc.strerror or str(exc)))]) from None


def _size_text(size: int) -> str:
    """A byte count as a size: MB from 1 MB up, else kB (the units every language writes)."""
    return f"{size // 1_048_576} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} kB"


def parse_csv_text(text: str, name: str) -> Sheet:
    """Parse CSV text into a :class:`Sheet`; raise :class:`TableError` if unreadable.

    Two readers give the same :class:`Sheet`. The fast one (:func:`_parse_fast`)
    splits the text with pandas' C parser and checks whole columns at once; it
    takes any well-formed file. Whatever it cannot prove it reads exactly as
    Python's csv module does (a quote mark that is not strict CSV, a row with
    more cells than the header), and every file with a problem to report, goes
    to the precise one (:func:`_parse_precise`), which reads record by record
    with the csv module and names each problem.
    """
    delimiter = _sniff_delimiter(text)
    _refuse_too_many_columns(text, name, delimiter)
    sheet = _parse_fast(text, name, delimiter)
    return sheet if sheet is not None else _parse_precise(text, name, delimiter)


def _refuse_too_many_columns(text: str, name: str, delimiter: str) -> None:
    """Raise :class:`TableError` if the header line has more than :data:`MAX_COLUMNS` cells.

    Counted on the first non-blank line before either reader starts, so a file
    of hundreds of thousands of columns costs one pass over one line. A
    delimiter count is an upper bound (quoted cells may hold delimiters); only
    when it is over the cap are the cells counted exactly. A header split over
    lines by quoted line ends is caught after parsing (:func:`_header_problems`).
    """
    line = _first_line(text)
    if line is None or line.count(delimiter) < MAX_COLUMNS:
        return
    width = line.count(delimiter) + 1
    if '"' in line:  # quoted cells may hold delimiters: count the cells themselves
        try:
            width = len(next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter)))
        except csv.Error:
            pass
    if width > MAX_COLUMNS:
        before = text[: text.find(line)]
        row = 1 + before.count("\n")
        raise TableError([_too_many_columns(name, row, width)])


def _too_many_columns(name: str, row: int, width: int) -> Problem:
    return Problem(name, row, None,
                   nmsg("the header row has {n} column; at most {limit} are accepted. Remove unused columns, or "
                        "check that the file was saved with the right delimiter",
                        "the header row has {n} columns; at most {limit} are accepted. Remove unused columns, or "
                        "check that the file was saved with the right delimiter", width, limit=MAX_COLUMNS))


def _parse_precise(text: str, name: str, delimiter: str) -> Sheet:
    """Read record by record with the csv module, naming every problem found."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        # csv reports the physical line; with multi-line cells this is close to
        # the spreadsheet row, and it is the best the file allows.
        line = _line_of_csv_error(text, delimiter)
        raise TableError([Problem(name, line, None,
                                  msg("the file cannot be split into cells ({error}); a quote mark (\") is probably "
                                      "not closed. Check the quotes on this row", error=str(exc)))]) from None
    # Keep spreadsheet row numbers: record i (0-based) is row i + 1.
    numbered = [(i + 1, r) for i, r in enumerate(rows) if any(cell.strip() for cell in r)]
    if not numbered:
        raise TableError([Problem(name, None, None, msg("the file is empty; it needs a header row and data rows"))])
    header_row, header = numbered[0]
    columns = [normalise_header(h) for h in header]
    problems = _header_problems(name, header_row, columns)
    if len(columns) > MAX_COLUMNS:
        raise TableError(problems)
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        raise _too_many_rows(name, len(body))
    width = len(columns)
    records: list[list[str]] = []
    index: list[int] = []
    for row_number, cells in body:
        if len(cells) > width:
            extra = cells[width:]
            if any(c.strip() for c in extra):
                problems.append(Problem(name, row_number, None,
                                        nmsg("this row has {n} cell but the header has {width}; a delimiter "
                                             "inside a cell must be quoted",
                                             "this row has {n} cells but the header has {width}; a delimiter "
                                             "inside a cell must be quoted", len(cells), width=width)))
                continue
            cells = cells[:width]
        elif len(cells) < width:
            others = [d for d in _DELIMITERS if d != delimiter and d in "".join(cells)]
            if len(cells) == 1 and width > 1 and others:
                problems.append(Problem(name, row_number, None,
                                        msg("this row is not split by {delimiter} like the header row; it seems "
                                            "to use {other}. Use one delimiter throughout the file",
                                            delimiter=_delimiter_name(delimiter),
                                            other=_delimiter_name(others[0]))))
                continue
            cells = cells + [""] * (width - len(cells))
        for position, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                problems.append(Problem(name, row_number, columns[position] or f"column {position + 1}",
                                        nmsg("this cell holds {n} character; at most {limit} are accepted",
                                             "this cell holds {n} characters; at most {limit} are accepted",
                                             len(cell), limit=MAX_CELL_CHARS)))
        records.append(cells)
        index.append(row_number)
    for position, column in enumerate(columns):
        if not column and any(r[position].strip() for r in records):
            problems.append(Problem(name, header_row, f"column {position + 1}",
                                    msg("this column has values but no header; give it a name")))
    if problems:
        raise TableError(problems)
    return _sheet(name, columns, [[r[i].strip() for r in records] for i in range(width)], index, delimiter)


def _parse_fast(text: str, name: str, delimiter: str) -> Sheet | None:
    """Read a well-formed file with pandas' C parser, or ``None`` to leave it to :func:`_parse_precise`.

    Every cell is read as a string, so pandas guesses nothing. ``None`` means
    one of: text pandas would read differently from the csv module (a NUL, a
    byte-order mark, quotes that are not strict CSV, a blank first record), a
    split pandas refuses (a row with more cells than the header, an unclosed
    quote), or something the precise reader reports (a repeated header, a row
    split by another delimiter, an over-long cell, values under an empty
    header). Too many rows is reported here, with the precise reader's message.
    """
    if "\x00" in text:  # pandas would end the text there
        return None
    # Blank lines before the header are rows to the spreadsheet (and records to
    # csv) but would make pandas expect one column: skip them, and count them.
    header_start = len(text) - len(text.lstrip())
    if header_start == len(text):
        return None  # blank: the precise reader says the file is empty
    cut = max(text.rfind("\n", 0, header_start), text.rfind("\r", 0, header_start)) + 1
    skipped = text[:cut]
    header_row = 1 + skipped.count("\n") + skipped.count("\r") - skipped.count("\r\n")
    try:
        data = (text[cut:] if cut else text).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which no decoded file holds
        return None
    if data.startswith(codecs.BOM_UTF8):  # pandas would drop it; csv keeps it in the first cell
        return None
    # The checks on the bytes run before pandas, while the bytes are still in the CPU's cache.
    quotes = np.flatnonzero(np.frombuffer(data, np.uint8) == _QUOTE)
    if not _quotes_are_strict(data, quotes, delimiter):
        return None
    # Stripping every cell costs more than finding, in the bytes, that no cell needs it.
    needs_strip = _cells_may_need_strip(data, quotes, delimiter)
    may_be_long = len(data) > MAX_CELL_CHARS and _longest_record(data, quotes) > MAX_CELL_CHARS
    try:
        split = pd.read_csv(io.BytesIO(data), sep=delimiter, header=None, dtype=object, na_filter=False,
                            skip_blank_lines=False, quotechar='"', doublequote=True, engine="c",
                            encoding="utf-8")
    except ValueError:  # pandas' ParserError and EmptyDataError: more cells than the header, ...
        return None
    raw = [split[position].to_numpy() for position in split.columns]  # the cells of each column
    columns = [normalise_header(cells[0]) for cells in raw]
    if not any(columns):
        return None  # the first record is blank (quoted empty cells): the precise reader skips it
    raw = [cells[1:] for cells in raw]
    cells = [_strip(column) for column in raw] if needs_strip else raw
    # Blank rows are dropped, as the precise reader does; the first column finds the few candidates.
    blank = cells[0] == ""
    for column in cells[1:]:
        candidates = np.flatnonzero(blank)
        if not len(candidates):
            break
        blank[candidates] = column[candidates] == ""
    kept = np.flatnonzero(~blank)
    if len(kept) > MAX_ROWS:
        raise _too_many_rows(name, len(kept))
    if _header_problems(name, header_row, columns):
        return None
    if len(columns) > 1 and _one_cell_rows_with_other_delimiter(raw, kept, delimiter):
        return None
    if may_be_long and any(max(map(len, column), default=0) > MAX_CELL_CHARS for column in raw):
        return None
    if any(not column and (cells[position][kept] != "").any() for position, column in enumerate(columns)):
        return None  # values under an empty header
    rows = header_row + 1 + kept  # data record i is spreadsheet row header_row + 1 + i
    if not needs_strip and len(kept) == len(blank) and all(columns):
        # Nothing stripped, dropped or left out: pandas' frame without the header row is
        # the sheet, and taking it saves a copy of every cell.
        frame = split.iloc[1:].set_axis(columns, axis="columns").set_axis(_row_index(rows))
        return Sheet(name=name, frame=frame, decimal_comma=delimiter == ";")
    if len(kept) < len(blank):
        cells = [column[kept] for column in cells]
    return _sheet(name, columns, cells, rows, delimiter)


def _header_problems(name: str, header_row: int, columns: list[str]) -> list[Problem]:
    """Too many columns, an over-long header cell, and a column named twice (once for each repeat)."""
    if len(columns) > MAX_COLUMNS:
        return [_too_many_columns(name, header_row, len(columns))]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for position, column in enumerate(columns):
        if len(column) > MAX_CELL_CHARS:
            problems.append(Problem(name, header_row, f"column {position + 1}",
                                    nmsg("this header cell holds {n} character; at most {limit} are accepted. "
                                         "Give the column a short name",
                                         "this header cell holds {n} characters; at most {limit} are accepted. "
                                         "Give the column a short name", len(column), limit=MAX_CELL_CHARS)))
            continue
        if not column:
            # A trailing empty header cell, as spreadsheets often write, is harmless
            # when its column is empty too; the readers check that.
            continue
        if column in seen:
            problems.append(Problem(name, header_row, column,
                                    msg("the column '{column}' appears twice (columns {first} and {second}); "
                                        "remove or rename one", column=column, first=seen[column] + 1,
                                        second=position + 1)))
        else:
            seen[column] = position
    return problems


def _too_many_rows(name: str, count: int) -> TableError:
    return TableError([Problem(name, None, None,
                               nmsg("the file has {n} data row; at most {limit} are accepted",
                                    "the file has {n} data rows; at most {limit} are accepted", count,
                                    limit=MAX_ROWS))])


def _sheet(name: str, columns: list[str], cells: Sequence[Sequence[str]], rows: Sequence[int],
           delimiter: str) -> Sheet:
    """The :class:`Sheet` both readers return, from the stripped cells of each column.

    Columns with an empty header (which the readers have found empty) are left out.
    """
    keep = [position for position, column in enumerate(columns) if column]
    frame = pd.DataFrame({columns[i]: cells[i] for i in keep}, columns=[columns[i] for i in keep],
                         index=_row_index(rows), dtype=object)
    return Sheet(name=name, frame=frame, decimal_comma=delimiter == ";")


def _row_index(rows: Sequence[int]) -> pd.Index:
    """The frame's index of spreadsheet rows (of object dtype when empty, as it always was)."""
    return pd.Index(rows if len(rows) else [], name="row")


def _strip(cells: np.ndarray) -> np.ndarray:
    """Each cell without surrounding whitespace, as an object array."""
    out = np.empty(len(cells), dtype=object)
    out[:] = [cell.strip() for cell in cells]
    return out


def _quotes_are_strict(data: bytes, quotes: np.ndarray, delimiter: str) -> bool:
    """Whether every quote mark in ``data`` (at ``quotes``) is strict CSV quoting.

    That is: quote marks come in pairs that open a cell (at the start of a
    record, or after a delimiter) and close it (before a delimiter, a line end
    or the end of the file), with doubled quote marks inside. On such text
    pandas and the csv module split the same cells: everything between an odd
    and the next even quote mark is inside a quoted cell, so each mark can be
    checked by its neighbours alone. ``False`` for anything else: an unclosed
    quote or text after a closing one (errors to the csv module, which pandas
    would let pass), and a quote mark inside an unquoted cell (``5" bolt``,
    which csv keeps as a character but breaks the pairing).
    """
    if not len(quotes):
        return True
    if len(quotes) % 2:
        return False
    text = np.frombuffer(data, np.uint8)
    # A quote mark may follow or precede a delimiter, a line end, or a quote mark
    # (the two of a doubled quote: "" inside a cell, or an empty quoted cell).
    allowed = np.array([ord(delimiter), ord("\n"), ord("\r"), _QUOTE], dtype=np.uint8)
    opening, closing = quotes[0::2], quotes[1::2]
    before = text[np.maximum(opening - 1, 0)]
    after = text[np.minimum(closing + 1, len(text) - 1)]
    opens = (opening == 0) | np.isin(before, allowed)
    closes = (closing == len(text) - 1) | np.isin(after, allowed)
    return bool(opens.all() and closes.all())


def _cells_may_need_strip(data: bytes, quotes: np.ndarray, delimiter: str) -> bool:
    """Whether a cell of strictly quoted ``data`` (see :func:`_quotes_are_strict`) may begin or end with whitespace.

    A cell begins after a delimiter, a line end, an opening quote mark or the
    start of the text, and ends before a delimiter, a line end, a closing
    quote mark or the end. Strict quoting puts no whitespace outside a quote
    mark, so it is enough to look at whitespace next to a delimiter or line end
    (which are never a cell's own edge characters outside quotes) and at the
    characters just inside each pair of quote marks. False alarms (a doubled
    quote mark inside a cell, a character merely sharing a byte with some
    whitespace) only cost the strip this check saves.
    """
    table = _byte_classes(delimiter)
    if _SPACE in (table[data[0]], table[data[-1]]):
        return True  # whitespace (not a line end) at an end of the text
    text = np.frombuffer(data, np.uint8)
    if _SPACE_BYTES[text[np.concatenate((quotes[0::2] + 1, quotes[1::2] - 1))]].any():
        return True  # just inside a pair of quote marks (line ends and tabs included)
    # Chunks keep the temporary arrays small: fresh megabyte-sized ones cost more in page faults than the sums.
    for start in range(0, len(data), _CHUNK_BYTES):
        classes = np.frombuffer(data[start:start + _CHUNK_BYTES + 1].translate(table), np.uint8)
        if ((classes[:-1] | classes[1:]) == _SPLIT | _SPACE).any():
            return True
    return False


@functools.cache
def _byte_classes(delimiter: str) -> bytes:
    """A ``bytes.translate`` table: _SPLIT for a delimiter or line end, _SPACE for another whitespace byte, else 0."""
    table = bytearray(256)
    for byte in np.flatnonzero(_SPACE_BYTES):
        table[byte] = _SPACE
    for char in (delimiter, "\n", "\r"):
        table[ord(char)] = _SPLIT
    return bytes(table)


def _longest_record(data: bytes, quotes: np.ndarray) -> int:
    """Bytes in the longest record of strictly quoted ``data``: no cell holds more characters.

    Records end at line feeds outside quoted cells (an odd number of quote marks
    before a line feed puts it inside one). A file whose lines end with a
    carriage return alone counts as one record, which only loosens the bound.
    """
    text = np.frombuffer(data, np.uint8)
    ends = np.flatnonzero(text == ord("\n"))
    if len(quotes):
        ends = ends[np.searchsorted(quotes, ends) % 2 == 0]
    return int(np.diff(ends, prepend=-1, append=len(text)).max()) - 1


def _one_cell_rows_with_other_delimiter(raw: list[np.ndarray], kept: np.ndarray, delimiter: str) -> bool:
    """Whether a kept row may be one cell holding another delimiter (a row saved with another delimiter).

    pandas fills missing cells with "", so a row of one cell looks like a row
    whose other cells are empty; both are sent to the precise reader.
    """
    candidates = kept
    for column in raw[1:]:
        candidates = candidates[column[candidates] == ""]
        if not len(candidates):
            return False
    others = [d for d in _DELIMITERS if d != delimiter]
    return any(d in cell for cell in raw[0][candidates] for d in others)


def _delimiter_name(delimiter: str) -> Message:
    """A delimiter in words, for a sentence that names it."""
    return {",": msg("commas"), ";": msg("semicolons"), "\t": msg("tabs")}[delimiter]


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
    raw = read_file_bytes(path, name)
    assert raw is not None  # a required file is never None
    return read_csv_bytes(raw, name)


def read_csv_bytes(raw: bytes, name: str) -> Sheet:
    """Decode and parse the bytes of one CSV file; problems raise :class:`TableError`."""
    return parse_csv_text(_decode(raw, name), name)


def to_numbers(sheet: Sheet, column: str) -> tuple[pd.Series, pd.Series]:
    """Parse one column as numbers.

    Each distinct cell is parsed once: a column of a large table repeats few
    values, and the parse does not depend on which row a cell is in.

    Returns
    -------
    values
        Floats indexed like the sheet, NaN where the cell is empty or bad.
    bad
        True where the cell has text that is not a number.
    """
    # Cells are never missing, and arrive stripped.
    codes, text = pd.factorize(sheet.frame[column].to_numpy())
    if sheet.decimal_comma:
        text = text.copy()
        text[:] = [cell.replace(",", ".") for cell in text]
    given = text != ""
    values = pd.to_numeric(np.where(given, text, np.nan), errors="coerce").astype(float)
    bad = given & np.isnan(values)
    index = sheet.frame.index
    return pd.Series(values[codes], index=index, name=column), pd.Series(bad[codes], index=index, name=column)
