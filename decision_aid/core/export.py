"""Text written to CSV files that other people open in spreadsheets."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable

from .atomic import atomic_write_bytes
from .errors import DecisionAidError, ExportError

#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Make ``value`` safe to put in a CSV cell that a spreadsheet will open.

    A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return is prefixed with an apostrophe, which spreadsheets show as text
    rather than running as a formula (OWASP "CSV injection").
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv_atomic(path: str | os.PathLike[str], rows: Iterable[Iterable[object]], *,
                     error: type[DecisionAidError] = ExportError) -> None:
    """Write ``rows`` as a CSV file a spreadsheet opens safely, all or nothing.

    Every cell goes through :func:`neutralise`, including numbers and the
    header: the file is a record to read, not to calculate with, and one rule
    for every cell means no cell can slip through. The text is UTF-8 with a
    byte-order mark (so Excel reads accents correctly) and CRLF line ends,
    written with :func:`~decision_aid.core.atomic.atomic_write_bytes`.

    Raises
    ------
    error
        When the file cannot be written; the previous file is unchanged.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    try:
        data = buffer.getvalue().encode("utf-8-sig")
    except UnicodeEncodeError as exc:
        raise error(f"Could not export {path}: a cell holds characters that are not valid text.") from exc
    atomic_write_bytes(path, data, error=error)
