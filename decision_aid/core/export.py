"""CSV text that other people open in spreadsheets: one writer for every CSV the app writes.

Every cell, headers included, goes through the same rule (OWASP "CSV
injection"): a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe, so a spreadsheet shows it as text
instead of running it as a formula. Checked in LibreOffice Calc with formulas
evaluated on import: only a leading ``=`` was evaluated there, and look-alikes
(a full-width equals sign, a zero-width space, a byte-order mark, a space
before ``=``) stayed text, so nothing beyond OWASP's list is changed.

:func:`csv_text` (whole columns, for ``rank --format csv``: 200,000 rows take
a fraction of a second) and :func:`rows_text` (row by row, for the comparison
export that :func:`write_csv_atomic` saves) apply :func:`neutralise` to every
cell. Fields holding a
line break or a carriage return are always quoted (rows end in CRLF, as
RFC 4180 asks), so text from a table can never make a fake row.
"""

from __future__ import annotations

import csv
import functools
import io
import os
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .atomic import atomic_write_bytes
from .errors import DecisionAidError, ExportError
from .i18n import msg

#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Line end of every CSV the app writes (RFC 4180).
LINE_END = "\r\n"
_PREFIX_SET = frozenset(FORMULA_PREFIXES)


def neutralise(value: object) -> str:
    """Make ``value`` safe to put in a CSV cell that a spreadsheet will open.

    A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return is prefixed with an apostrophe, which spreadsheets show as text
    rather than running as a formula (OWASP "CSV injection").
    """
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def neutralise_column(values: Sequence[object] | np.ndarray | pd.Series) -> list[str]:
    """:func:`neutralise` applied to a whole column (missing values become empty text)."""
    if isinstance(values, pd.Series):
        values = values.tolist()
    elif isinstance(values, np.ndarray):
        values = values.tolist()
    out = []
    append = out.append
    for value in values:
        text = value if type(value) is str else ("" if value is None or value != value else str(value))
        append("'" + text if text[:1] in _PREFIX_SET else text)
    return out


#: Numbers from 0 to this are formatted through a table of ready-made text (scores and points are 0-100).
_LOOKUP_UP_TO = 200


@functools.lru_cache(maxsize=4)
def _number_texts(decimals: int) -> np.ndarray:
    """Text of every multiple of 10**-decimals from 0 to :data:`_LOOKUP_UP_TO`, as ``"{:.Nf}"`` prints it."""
    scale = 10 ** decimals
    spec = "{:." + str(decimals) + "f}"
    return np.array([spec.format(k / scale) for k in range(_LOOKUP_UP_TO * scale + 1)], dtype=object)


def number_column(values: Sequence[float] | np.ndarray | pd.Series, decimals: int = 2) -> list[str]:
    """Numbers as text with ``decimals`` places, ``-0`` shown as ``0``, empty for a missing value.

    The text then goes through the same rule as every other cell (a negative
    number starts with ``-`` and is prefixed like any other such cell).
    Numbers from 0 to 200 (scores, points) are looked up rather than
    formatted one by one, which is what makes 200,000 rows quick; the text is
    the same either way.
    """
    array = np.asarray(values, dtype=float).round(decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    if 0 < decimals <= 4 and len(array):
        steps = array * 10 ** decimals
        with np.errstate(invalid="ignore"):
            fits = bool(np.all((steps >= 0) & (steps <= _LOOKUP_UP_TO * 10 ** decimals)))
        if fits:  # also False when any value is missing (NaN)
            return _number_texts(decimals)[np.rint(steps).astype(np.int64)].tolist()
    text = list(map(("{:." + str(decimals) + "f}").format, array.tolist()))
    if np.isnan(array).any():
        text = ["" if t == "nan" else t for t in text]
    return text


def csv_text(header: Sequence[object], columns: Sequence[Sequence[object] | np.ndarray | pd.Series]) -> str:
    """The CSV text of ``columns`` under ``header``, every cell neutralised, rows ending in CRLF.

    Parameters
    ----------
    header
        One name per column; neutralised like every other cell.
    columns
        Whole columns of equal length. Numbers should already be text (see
        :func:`number_column`); whatever they hold is turned into text and
        neutralised.

    Returns
    -------
    str
        The whole file, header first. A field holding a line feed or a
        carriage return is quoted (the csv module quotes the characters of its
        line terminator, which is why the line end is always CRLF).
    """
    if len(header) != len(columns):
        raise ValueError("one header name per column")
    if len({len(c) for c in columns}) > 1:
        raise ValueError("columns of different lengths")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow([neutralise(h) for h in header])
    writer.writerows(zip(*(neutralise_column(c) for c in columns)))
    return buffer.getvalue()


def rows_text(rows: Iterable[Iterable[object]]) -> str:
    """The CSV text of ``rows`` (each may have its own length), every cell neutralised, CRLF line ends.

    The row-by-row twin of :func:`csv_text` for small grids such as the
    comparison, under the same rule.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def write_csv_atomic(path: str | os.PathLike[str], rows: Iterable[Iterable[object]], *,
                     error: type[DecisionAidError] = ExportError) -> None:
    """Write ``rows`` (header first) as a CSV file a spreadsheet opens safely, all or nothing.

    Every cell goes through :func:`neutralise` (see :func:`rows_text`), including numbers and the
    header: the file is a record to read, not to calculate with, and one rule
    for every cell means no cell can slip through. The text is UTF-8 with a
    byte-order mark (so Excel reads accents correctly) and CRLF line ends,
    written with :func:`~decision_aid.core.atomic.atomic_write_bytes`.

    Raises
    ------
    error
        When the file cannot be written; the previous file is unchanged.
    """
    text = rows_text(rows)
    try:
        data = text.encode("utf-8-sig")
    except UnicodeEncodeError as exc:
        raise error(msg("Could not export {file}: a cell holds characters that are not valid text.",
                        file=str(path))) from exc
    atomic_write_bytes(path, data, error=error)
