"""Text written to CSV files that other people open in spreadsheets."""

from __future__ import annotations

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
