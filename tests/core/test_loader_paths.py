"""The two CSV readers agree, well-formed files take the fast one, and the checks keep their order.

:func:`~decision_aid.core.csvfile.parse_csv_text` reads a file with pandas' C
parser (``_parse_fast``) and leaves anything it cannot prove it reads exactly as
the csv module does to the record-by-record reader (``_parse_precise``). These
tests hold the two to the same :class:`Sheet` or the same problems, and pin the
edge cases each path handles: row numbers around blank lines and multi-line
cells, stripping, quoting, long cells, per-value number parsing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.core import csvfile
from decision_aid.core.csvfile import Sheet, _parse_fast, _parse_precise, _sniff_delimiter, parse_csv_text, to_numbers
from decision_aid.core.errors import TableError
from decision_aid.core.table import load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_tables import DATA  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _read(reader, text: str) -> Sheet | tuple[str, ...] | None:
    """What a reader makes of ``text``: a Sheet, its problems as text, or None (fast path declined)."""
    try:
        return reader(text, "t.csv", _sniff_delimiter(text))
    except TableError as exc:
        return tuple(map(str, exc.problems))


def _assert_same(fast: Sheet | tuple[str, ...], precise: Sheet | tuple[str, ...]) -> None:
    if isinstance(precise, Sheet):
        assert isinstance(fast, Sheet), fast
        pd.testing.assert_frame_equal(fast.frame, precise.frame, check_index_type=True, check_column_type=True)
        assert (fast.name, fast.decimal_comma) == (precise.name, precise.decimal_comma)
        assert all(type(cell) is str for column in fast.frame.columns for cell in fast.frame[column])
    else:
        assert fast == precise


# --------------------------------------------------------------------------- generated tables

#: Pieces of cells: the delimiters, quote marks, line ends, whitespace the strip
#: removes (ASCII and not), a BOM (not whitespace), letters and number parts.
PIECES = ["a", "b", "Z", "1", ".", " ", ",", ";", "\t", '"', "\n", "\r", "\r\n", "é", "\xa0", "\u2028", "\u3000",
          "\x0b", "\x1c", "\ufeff", "€"]
cells = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
delimiters = st.sampled_from([",", ";", "\t"])
line_ends = st.sampled_from(["\n", "\r\n", "\r"])
quoting = st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])


def _write(rows: list[list[str]], delimiter: str, line_end: str, quotes: int) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=quotes).writerows(rows)
    return out.getvalue()


@st.composite
def damaged_tables(draw) -> str:
    """A table as csv writes it, ragged or not, then with a few characters inserted anywhere."""
    delimiter = draw(delimiters)
    width = draw(st.integers(1, 4))
    header = draw(st.lists(cells, min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(cells, max_size=width + 1), max_size=6))
    text = _write([header, *rows], delimiter, draw(line_ends), draw(quoting))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\n", "\r\n", '"', delimiter, " ", "\n\n", "\ufeff"])) + text[at:]
    return draw(st.sampled_from(["", "\n", " \r\n", "\n\t\n"])) + text


@st.composite
def clean_tables(draw) -> str:
    """A well-formed table: distinct headers, every row as wide, one delimiter, blank lines allowed."""
    delimiter = draw(delimiters)
    others = {",", ";", "\t"} - {delimiter}
    # A one-cell row holding another delimiter is something the precise reader must judge.
    own_cells = st.lists(st.sampled_from([p for p in PIECES if not others & set(p)]), max_size=5).map("".join)
    names = draw(st.lists(st.text("abcxyz_", min_size=1, max_size=4), min_size=2, max_size=4, unique=True))
    rows = draw(st.lists(st.lists(own_cells, min_size=len(names), max_size=len(names)), max_size=8))
    line_end = draw(line_ends)
    lines = [_write([row], delimiter, line_end, draw(quoting)) for row in [names, *rows]]
    for _ in range(draw(st.integers(0, 2))):  # blank lines between records
        lines.insert(draw(st.integers(1, len(lines))), draw(st.sampled_from([line_end, " " + line_end])))
    return draw(st.sampled_from(["", line_end, "\t" + line_end])) + "".join(lines)


@settings(max_examples=300, deadline=None)
@given(damaged_tables())
def test_fast_reader_agrees_with_precise_reader(text):
    fast = _read(_parse_fast, text)
    if fast is not None:
        _assert_same(fast, _read(_parse_precise, text))
    _assert_same(_read(lambda t, n, d: parse_csv_text(t, n), text), _read(_parse_precise, text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ["\x00", "x"]), max_size=30).map("".join))
def test_fast_reader_agrees_on_any_text(text):
    fast = _read(_parse_fast, text)
    if fast is not None:
        _assert_same(fast, _read(_parse_precise, text))


@settings(max_examples=300, deadline=None)
@given(clean_tables())
def test_well_formed_tables_take_the_fast_path(text):
    fast = _read(_parse_fast, text)
    assert fast is not None, "a well-formed table was left to the precise reader"
    _assert_same(fast, _read(_parse_precise, text))


def test_bundled_and_benchmark_tables_take_the_fast_path(tmp_path):
    sys.path.insert(0, str(ROOT))
    from bench.run import make_table

    folders = [DATA, make_table(tmp_path / "bench", 300), ROOT / "tests" / "fixtures" / "other_condition"]
    for path in (p for folder in folders for p in sorted(folder.glob("*.csv"))):
        text = path.read_text(encoding="utf-8-sig")
        fast = _read(_parse_fast, text)
        assert isinstance(fast, Sheet), path
        _assert_same(fast, _read(_parse_precise, text))


# --------------------------------------------------------------------------- edge cases, by example


def test_row_numbers_count_blank_lines_and_multiline_cells():
    text = ('\n \r\n'                     # rows 1-2: blank, before the header
            'id,note\r\n'                 # row 3: header
            'a,"two\nlines"\n'           # row 4: one row, two lines
            '\n'                          # row 5: blank
            ' ,\n'                        # row 6: empty cells only (blank)
            'b,  padded  \n'              # row 7
            '"c","x"\r\n')                # row 8
    sheet = _parse_fast(text, "t.csv", ",")
    assert sheet is not None
    assert sheet.frame.index.tolist() == [4, 7, 8]
    assert sheet.frame["note"].tolist() == ["two\nlines", "padded", "x"]
    _assert_same(sheet, _parse_precise(text, "t.csv", ","))


@pytest.mark.parametrize("cell", ['" a"', '"a\t"', '"\nb"', '"b\r\n"', '"\u3000c"', '"c\xa0"', ' d', 'd\x0b',
                                  '"\u2028"'])
def test_whitespace_at_a_cell_edge_is_stripped_on_the_fast_path(cell):
    for delimiter in (",", "\t"):
        text = f"id{delimiter}x\nk{delimiter}{cell}\n"
        sheet = _parse_fast(text, "t.csv", delimiter)
        assert sheet is not None
        _assert_same(sheet, _parse_precise(text, "t.csv", delimiter))
        value = sheet.frame["x"].iloc[0]
        assert value == value.strip()


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_whitespace_check_sees_across_chunk_edges(monkeypatch, chunk):
    monkeypatch.setattr(csvfile, "_CHUNK_BYTES", chunk)
    for cell in ("x ", " x", "x\xa0", "\u3000x"):
        for pad in range(8):  # moves the cell's edge across the chunk boundaries
            text = f"id,note\n{'a' * pad},{cell}\n"
            sheet = _parse_fast(text, "t.csv", ",")
            assert sheet is not None and sheet.frame["note"].iloc[0] == cell.strip(), (cell, pad)
    no_quotes = np.array([], dtype=np.intp)
    assert not csvfile._cells_may_need_strip(b"id,note\r\nabc,de f\r\n", no_quotes, ",")
    assert not csvfile._cells_may_need_strip(b"id\tnote\nabc\t\t\n", no_quotes, "\t")


@pytest.mark.parametrize("text", [
    'id,size\nbolt,5" long\n',            # a quote inside an unquoted cell: csv keeps it
    'id,size\nbolt,"5" long\n',           # text after a closing quote: csv refuses
    'id,size\nbolt,"5\n',                 # an unclosed quote
    'id,size\nbolt,5,\n',                 # more cells than the header (empty: dropped)
    'id,size\nbolt,5,6\n',                # more cells than the header (a problem)
    'id,size\nbolt;5\n',                  # a row split by another delimiter
    'id,id\nx,y\n',                       # a header named twice
    'id,\nx,y\n',                         # a value under an empty header
    '"",""\nid,size\nx,1\n',              # a blank first record (quoted empty cells)
    '\n\ufeffid,size\nx,1\n',             # a BOM after a blank line is a character of the header
])
def test_what_the_fast_path_declines_the_precise_reader_explains(text):
    assert _read(_parse_fast, text) is None
    _assert_same(_read(lambda t, n, d: parse_csv_text(t, n), text), _read(_parse_precise, text))


def test_long_multiline_cell_is_found_though_each_line_is_short(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CELL_CHARS", 50)
    text = 'id,note\nx,"' + "short line\n" * 6 + '"\n' + "y,fine\n" * 10
    with pytest.raises(TableError) as caught:
        parse_csv_text(text, "t.csv")
    assert [str(p) for p in caught.value.problems] == [
        "t.csv:2:note: this cell holds 66 characters; at most 50 are accepted"]


def test_too_many_rows_is_reported_from_the_fast_path(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 3)
    text = "id\n" + "x\n" * 4
    with pytest.raises(TableError, match="t.csv:-:-: the file has 4 data rows; at most 3 are accepted"):
        _parse_fast(text, "t.csv", ",")


def test_whitespace_byte_table_covers_every_whitespace_character():
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]
    assert max(map(ord, spaces)) == 0x3000  # the table is built from characters up to U+3000
    for char in spaces:
        assert all(csvfile._SPACE_BYTES[b] for b in char.encode("utf-8")), repr(char)


# --------------------------------------------------------------------------- numbers, per distinct value


def _to_numbers_cell_by_cell(sheet: Sheet, column: str) -> tuple[pd.Series, pd.Series]:
    """``to_numbers`` as it was before it parsed each distinct value once: the reference."""
    text = sheet.frame[column].astype(str).str.strip()
    if sheet.decimal_comma:
        text = text.str.replace(",", ".", regex=False)
    values = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = (text != "") & values.isna()
    return values.astype(float), bad


number_cells = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(2**70), 2**70).map(str),
    st.text("0123456789.,-+eE_ ", max_size=8).map(str.strip),
    st.sampled_from(["", "NaN", "nan", "inf", "-Infinity", "1e999", "1,5", "1_0", "١٢", "0x10", "+5", ".5", "5.",
                     "None", "NA", "null", "ten", "-0", "12345678901234567890123"]),
)


@given(st.lists(number_cells, min_size=1, max_size=12), st.booleans())
def test_numbers_parsed_per_distinct_value_equal_cell_by_cell(column, decimal_comma):
    frame = pd.DataFrame({"x": column}, index=pd.Index(range(2, len(column) + 2), name="row"), dtype=object)
    sheet = Sheet("t.csv", frame, decimal_comma)
    values, bad = to_numbers(sheet, "x")
    expect_values, expect_bad = _to_numbers_cell_by_cell(sheet, "x")
    pd.testing.assert_series_equal(values, expect_values)
    pd.testing.assert_series_equal(bad, expect_bad)


# --------------------------------------------------------------------------- whole-column checks keep their order


def _set_cells(folder: Path, name: str, changes: dict[tuple[int, str], str]) -> None:
    """Set cells of a table file, by spreadsheet row and column."""
    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for (row, column), value in changes.items():
        rows[row - 1][rows[0].index(column)] = value
    path.write_text(_write(rows, ",", "\n", csv.QUOTE_MINIMAL), encoding="utf-8")


def test_option_problems_keep_their_order(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(DATA, folder)
    _set_cells(folder, "options.csv", {(2, "name"): "", (2, "id"): "Bad!", (2, "evidence"): "strong",
                                       (3, "id"): "", (3, "summary"): "", (3, "category"): "spa",
                                       (4, "id"): "Bad!"})
    with pytest.raises(TableError) as caught:
        load_table(folder)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (2, "name"), (3, "id"), (3, "summary"),      # empty cells, row by row
        (2, "id"), (4, "id"),                        # not slugs
        (4, "id"),                                   # used again
        (3, "category"), (2, "evidence")]


def test_side_effect_problems_are_listed_row_by_row(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(DATA, folder)
    _set_cells(folder, "side_effects.csv", {(2, "severity"): "odd", (2, "option_id"): "nope",
                                            (3, "source"): "", (3, "per_100"): "x", (3, "effect"): "",
                                            (4, "per_100"): "150"})
    with pytest.raises(TableError) as caught:
        load_table(folder)
    assert [str(p) for p in caught.value.problems] == [
        "side_effects.csv:2:option_id: 'nope' is not an id in options.csv; use one of the ids listed there",
        "side_effects.csv:2:severity: 'odd' is not allowed; use one of: mild, moderate, serious",
        "side_effects.csv:3:effect: empty; name the side effect",
        "side_effects.csv:3:per_100: 'x' is not a number; give how many people out of 100 get this side effect "
        "(0 to 100)",
        "side_effects.csv:3:source: empty; every frequency needs the reference it comes from",
        "side_effects.csv:4:per_100: 150 is outside 0 to 100; give people out of 100"]


def test_duplicate_ids_name_the_first_row(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(DATA, folder)
    ids = [row[0] for row in csv.reader(io.StringIO((folder / "options.csv").read_text(encoding="utf-8")))]
    _set_cells(folder, "options.csv", {(5, "id"): ids[2], (6, "id"): ids[2], (7, "id"): ids[1]})
    with pytest.raises(TableError) as caught:
        load_table(folder)
    assert [str(p) for p in caught.value.problems] == [
        f"options.csv:5:id: '{ids[2]}' is used again (first on row 3); every option needs its own id",
        f"options.csv:6:id: '{ids[2]}' is used again (first on row 3); every option needs its own id",
        f"options.csv:7:id: '{ids[1]}' is used again (first on row 2); every option needs its own id"]


def test_loaded_table_types_and_fingerprint(bundled_table):
    options = bundled_table.options
    criteria = {c.column for c in bundled_table.criteria}
    assert options.index.name == "id" and bundled_table.rows.tolist() == list(range(2, len(options) + 2))
    for column in options.columns:
        numeric = column in criteria or column.removesuffix("_low") in criteria \
            or column.removesuffix("_high") in criteria
        assert options[column].dtype == (np.float64 if numeric else object), column
    digest = hashlib.sha256()
    for name in ("criteria.csv", "options.csv", "about.csv", "side_effects.csv", "references.csv"):
        digest.update(name.encode() + b"\0" + (DATA / name).read_bytes() + b"\0")
    assert bundled_table.fingerprint == digest.hexdigest()


def test_a_column_of_texts_is_each_cell_as_text_gives_it(bundled_table):
    for column in ("name", "summary", "category", "evidence", "contraindications", "no_such_column"):
        assert bundled_table.texts(column) == [bundled_table.text(i, column) for i in bundled_table.ids]
    assert "" in bundled_table.texts("contraindications")       # empty cells read as ""
