"""The side-by-side comparison as a table of text, and its CSV export.

:func:`comparison_rows` writes the rows of
:func:`decision_aid.core.words.grid.grid_rows` (the same words the window's
grid shows) as a header row and one row per question; the take-home PDF,
printing and :func:`export_comparison_csv` use it. Nothing is worded here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .errors import ExportError
from .export import write_csv_atomic
from .i18n import ENGLISH, Translator, msg
from .scoring import Ranking
from .table import DecisionTable
from .words import PATIENT
from .words.grid import QUESTION_HEADING, SCORE_HEADING, grid_rows
from .words.ranking import score_words


def comparison_rows(table: DecisionTable, ids: Iterable[str], ranking: Ranking | None = None,
                    layer: str = PATIENT, *, tr: Translator = ENGLISH) -> list[list[str]]:
    """The comparison grid as text, in the words the window's grid uses.

    Parameters
    ----------
    table
        The table the options come from.
    ids
        Option ids, one column each, in the order given.
    ranking
        When given, a last row holds each option's personal score and rank.
    layer
        ``"patient"`` or ``"clinician"``: the words of that layer.
    tr
        The reader's language (headings, questions and words; the table's
        own text as the table gives it).

    Returns
    -------
    list of list of str
        A header row (:data:`~decision_aid.core.words.grid.QUESTION_HEADING`, then option names), then one row per
        question of :func:`~decision_aid.core.words.grid.grid_rows`: its
        title (with the criterion's label on a second line where the
        question does not already say it), then each option's cell, lines
        joined with newlines.

    Raises
    ------
    ExportError
        If an id is not in the table or is given twice.
    """
    ids = list(ids)
    known = set(table.ids)
    for option_id in ids:
        if option_id not in known:
            raise ExportError(msg("'{name}' is not an option in this table; choose options from the table.",
                                  name=option_id))
    if len(set(ids)) != len(ids):
        raise ExportError(msg("The same option is chosen twice for the comparison; choose each option once."))

    rows: list[list[str]] = [[tr.gettext(QUESTION_HEADING), *(table.text(i, "name") for i in ids)]]
    for row in grid_rows(table, ids, layer, tr=tr):
        rows.append([row.heading, *(row.cells[i].text for i in ids)])
    if ranking is not None:
        rows.append([tr.gettext(SCORE_HEADING), *(score_words(ranking, i, tr=tr) for i in ids)])
    return rows


def export_comparison_csv(path: str | os.PathLike[str], table: DecisionTable, ids: Iterable[str],
                          ranking: Ranking | None = None, layer: str = PATIENT, *,
                          tr: Translator = ENGLISH) -> None:
    """Save the comparison as a CSV file for the clinic record.

    The file is written atomically (a crash leaves the previous file whole),
    as UTF-8 with a byte-order mark, and every cell is neutralised against
    spreadsheet formulas (see :func:`~decision_aid.core.export.write_csv_atomic`).

    Raises
    ------
    ExportError
        If no option is given, an id is unknown, or the file cannot be
        written; the message says what to do.
    """
    ids = list(ids)
    if not ids:
        raise ExportError(msg("Choose at least one option to compare before exporting."))
    write_csv_atomic(path, comparison_rows(table, ids, ranking, layer, tr=tr), error=ExportError)
