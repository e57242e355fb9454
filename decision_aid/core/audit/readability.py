"""Reading grades of the plain-language cells (Flesch-Kincaid, via textstat).

Each distinct text is graded once: a large table repeats the same words in
many rows, and a grade does not depend on the row it is in.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..table import OPTIONS_FILE, DecisionTable, split_list
from .model import LONG_WORD_SYLLABLES, GradeColumn, Grades

#: Option cells that patients read, graded for readability.
PLAIN_LANGUAGE_COLUMNS = ("summary", "what_it_is_like", "common_side_effects", "serious_risks",
                          "see_doctor_if", "guidelines")
#: ``;``-separated columns: each item is read as a sentence.
LIST_COLUMNS = ("common_side_effects", "serious_risks", "see_doctor_if", "contraindications")

REFERENCE = re.compile(r"\s*\[[^\]]*\]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def reading_grade(text: str) -> tuple[float, int, tuple[str, ...]]:
    """Flesch-Kincaid grade, word count and long words of plain-language text.

    Bracketed references (``[13a]``) are removed first. Long words are those
    of :data:`~decision_aid.core.audit.model.LONG_WORD_SYLLABLES` or more
    syllables, each listed once. Returns ``(nan, 0, ())`` for text without words.
    """
    import textstat  # imported on first use: loading its pronouncing dictionary takes a moment

    clean = " ".join(REFERENCE.sub("", text).split())
    words = textstat.lexicon_count(clean)
    if words == 0:
        return math.nan, 0, ()
    long_words = dict.fromkeys(word for word in _WORD.findall(clean) if _syllables(word) >= LONG_WORD_SYLLABLES)
    return float(textstat.flesch_kincaid_grade(clean)), int(words), tuple(long_words)


@functools.lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """Syllables of one word (textstat's count), remembered: the same words recur in cell after cell."""
    import textstat

    return int(textstat.syllable_count(word))


def _sentences(text: str) -> str:
    """A list cell read as sentences, one per item."""
    return ". ".join(item.rstrip(".!?") for item in split_list(text))


def grade_cells(table: DecisionTable, texts: Callable[[str], np.ndarray] | None = None) -> Grades:
    """The reading grade of every plain-language cell that has words, column after column.

    ``texts(column)`` gives a column's cells (default: :meth:`DecisionTable.texts`).
    """
    rows = table.rows.reindex(table.options.index).to_numpy(dtype=np.int64)
    ids = table.options.index.to_numpy(dtype=object)
    columns = []
    for column in PLAIN_LANGUAGE_COLUMNS:
        if column not in table.options.columns:
            continue
        cells = texts(column) if texts is not None else table.texts(column)
        codes, uniques = pd.factorize(np.asarray(cells, dtype=object))
        if len(uniques) == 0:
            continue
        graded = [reading_grade(_sentences(text) if column in LIST_COLUMNS else text) for text in uniques]
        grades = np.array([g[0] for g in graded], dtype=float)[codes]
        words = np.array([g[1] for g in graded], dtype=np.int64)[codes]
        long_words = np.empty(len(graded), dtype=object)
        long_words[:] = [g[2] for g in graded]
        keep = words > 0
        columns.append(GradeColumn(OPTIONS_FILE, column, rows[keep], ids[keep], grades[keep], words[keep],
                                   long_words[codes][keep]))
    return Grades(columns)
