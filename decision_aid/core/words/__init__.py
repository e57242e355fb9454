"""The one place where a value becomes words (Qt-free).

The window, the patient's take-home PDF, printing, the comparison CSV and the
command line all ask this package how to say a value, a question, a ranking
or a limit, so they always agree and can be translated in one place. Every
function takes the layer (``"patient"`` or ``"clinician"``) as a parameter,
never from a global, so two views can show two layers at once.

Modules
-------
values
    Numbers, units, ranges, levels, certainty and categories in words.
sources
    Sources, citations, review dates, stale and unsourced markers.
grid
    The side-by-side comparison: one question per row, one option per column.
ranking
    The ranking, limits and the patient's importances in sentences.
"""

from __future__ import annotations

from .sources import (ValueStatus, criterion_provenance, parse_sources, provenance, source_lines, today,
                         value_status)
from .values import (BULLET, CATEGORY_WORDS, CLINICIAN, EVIDENCE_WORDS, LAYERS, MARK, NO_FIGURE, NONE_LISTED,
                     NOT_STATED, PATIENT, WHERE_HEADING, bullets, category_short, category_words, check_layer, cite, cited_keys,
                     date_words, evidence_text, evidence_words, format_number, format_range, format_value,
                     frequency_line, humanise, interval_name, is_ordinal, level_parts, level_words, note_text,
                     people_in_100, plain_unit, range_span, review_line, strip_citations, value_line, value_of,
                     value_parts)

__all__ = [
    "BULLET", "CATEGORY_WORDS", "CLINICIAN", "EVIDENCE_WORDS", "LAYERS", "MARK", "NONE_LISTED", "NOT_STATED",
    "NO_FIGURE", "PATIENT", "WHERE_HEADING", "ValueStatus", "bullets", "category_short", "category_words", "check_layer", "cite",
    "cited_keys", "criterion_provenance", "date_words", "evidence_text", "evidence_words", "format_number",
    "format_range", "format_value", "frequency_line", "humanise", "interval_name", "is_ordinal", "level_parts",
    "level_words", "note_text", "parse_sources", "people_in_100", "plain_unit", "provenance", "range_span",
    "review_line", "source_lines", "strip_citations", "today", "value_line", "value_of", "value_parts",
    "value_status",
]
