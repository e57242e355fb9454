"""Where a value comes from: sources, citations, review dates, stale and unsourced markers.

Qt-free; the grid, the details, tooltips and the PDF all use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..audit import cell_provenance, is_stale, update_months
from ..contract import Reference
from ..i18n import ENGLISH, Translator
from ..table import Criterion, DecisionTable
from .values import _SOURCE_START, MARK, cited_keys, format_number

# --------------------------------------------------------------------------- provenance


def parse_sources(text: str) -> dict[str, str]:
    """The entries of a ``sources`` cell by their key.

    ``"[3] Hicks R. Quiz ...; [4] Independent ..."`` gives
    ``{"3": "[3] Hicks R. Quiz ...", "4": "[4] Independent ..."}``. A ``;``
    inside an entry is kept, since a new entry starts only at ``[key]``.
    Text before the first key (or a cell without keys) is ignored.
    """
    entries: dict[str, str] = {}
    text = str(text or "")
    matches = list(_SOURCE_START.finditer(text))
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following is not None else len(text)
        chunk = text[match.end():end].strip().rstrip(";").strip()
        match = re.match(r"\[([^\[\]]+)\]", chunk)
        if match:
            entries.setdefault(match.group(1).strip(), chunk)
    return entries


def source_lines(text: str) -> list[str]:
    """A ``sources`` cell as one line per entry (the whole cell if it has no ``[key]`` entries)."""
    entries = parse_sources(text)
    if entries:
        return list(entries.values())
    return [item.strip() for item in str(text or "").split(";") if item.strip()]



def today() -> dt.date:
    """The date staleness is judged against (tests replace this function)."""
    return dt.date.today()


@dataclasses.dataclass(frozen=True)
class ValueStatus:
    """Whether a value is stale or unsourced, as :func:`decision_aid.core.audit.cell_provenance` says.

    Attributes
    ----------
    stale
        The option was reviewed longer ago than the update policy allows (or
        its review date is missing or not a date).
    unsourced
        The value is given without a source.
    reviewed
        The option's review date as written ("" when missing).
    months
        How often the update policy asks for a review, in months.
    """

    stale: bool = False
    unsourced: bool = False
    reviewed: str = ""
    months: int = 0

    def markers(self, *, tr: Translator = ENGLISH) -> list[str]:
        """Short visible markers, e.g. ``["⚠ not checked since 2024-01-01", "⚠ source not given"]``."""
        marks = []
        if self.stale:
            marks.append(f"{MARK} {self._stale_words(tr)}")
        if self.unsourced:
            marks.append(f"{MARK} " + tr.gettext("source not given"))
        return marks

    def sentences(self, *, tr: Translator = ENGLISH) -> list[str]:
        """The same as :meth:`markers`, as sentences for the provenance text."""
        lines = []
        if self.stale:
            words = self._stale_words(tr)
            policy = tr.ngettext("{words}: the update policy asks for a check every {n} month.",
                                 "{words}: the update policy asks for a check every {n} months.", self.months)
            lines.append(f"{MARK} " + policy.format(words=words[:1].upper() + words[1:],
                                                     n=format_number(self.months, tr=tr)))
        if self.unsourced:
            lines.append(f"{MARK} " + tr.gettext("Source not given for this value."))
        return lines

    def _stale_words(self, tr: Translator) -> str:
        if not self.reviewed:
            return tr.gettext("review date not stated")
        try:
            dt.date.fromisoformat(self.reviewed)
        except ValueError:
            return tr.gettext("review date unclear ({date})").format(date=self.reviewed)
        return tr.gettext("not checked since {date}").format(date=self.reviewed)


def value_status(table: DecisionTable, option_id: str, column: str = "", *, source: str | None = None) \
        -> ValueStatus:
    """Whether one value is stale or unsourced.

    Parameters
    ----------
    table, option_id
        The option the value belongs to.
    column
        The ``options.csv`` column of the value (staleness alone when "" or
        not a column of the table).
    source
        For a value outside ``options.csv`` (a row of ``side_effects.csv``):
        its source; unsourced when empty.
    """
    found = None
    if column:
        try:
            found = cell_provenance(table, option_id, column, today=today())
        except KeyError:
            found = None
    stale = found.stale if found is not None else is_stale(table, option_id, today())
    if source is not None:
        unsourced = not str(source).strip()
    else:
        unsourced = found.unsourced if found is not None else False
    return ValueStatus(stale=stale, unsourced=unsourced, reviewed=table.text(option_id, "reviewed").strip(),
                       months=update_months(table))


def provenance(table: DecisionTable, option_id: str, source: str = "", cited_in: str = "", *, column: str = "",
               note: str = "", status: ValueStatus | None = None, tr: Translator = ENGLISH) -> str:
    """Where a value comes from, in plain text, for a tooltip, an accessible description or the source panel.

    Parameters
    ----------
    table
        The table.
    option_id
        The option the value belongs to.
    source
        The value's own source cell (``X_source``), if it has one.
    cited_in
        Text shown with the value (a note, a paragraph) whose ``[key]``
        citations name its sources when ``source`` is empty.
    column
        The ``options.csv`` column of the value, to tell whether it is
        unsourced (see :func:`value_status`).
    note
        The note that goes with the value, repeated after the sources.
    status
        Its status when already known (else worked out from ``column``).
    tr
        The reader's language.

    Returns
    -------
    str
        ``"Source: [33]; [34]."``, then the full entry of each cited source
        found in the option's ``sources``, the note, ``"Reviewed
        2026-11-22."`` and a sentence for each of stale and unsourced.
    """
    source = " ".join(str(source or "").split()).rstrip(".")
    keys = cited_keys(source) if source else cited_keys(cited_in)
    entries = parse_sources(table.text(option_id, "sources"))
    if source:
        lines = [tr.gettext("Source: {source}.").format(source=source)]
    elif keys:
        lines = [tr.gettext("Source: {keys} (cited in the text).").format(keys=", ".join(f"[{k}]" for k in keys))]
    else:
        listed = ", ".join(f"[{k}]" for k in entries) or tr.gettext("none listed")
        lines = [tr.gettext("Source: not given for this entry. This option's sources: {listed} (see its details).")
                 .format(listed=listed)]
    lines.extend(entries[k] for k in keys if k in entries)
    note = " ".join(str(note or "").split())
    if note:
        lines.append(tr.gettext("Note: {note}").format(note=note))
    reviewed = table.text(option_id, "reviewed").strip()
    lines.append(tr.gettext("Reviewed {date}.").format(date=reviewed) if reviewed
                 else tr.gettext("Review date not stated."))
    if status is None:
        status = value_status(table, option_id, column)
    lines.extend(status.sentences(tr=tr))
    return "\n".join(lines)


def criterion_provenance(table: DecisionTable, option_id: str, criterion: Criterion, *,
                         tr: Translator = ENGLISH) -> str:
    """:func:`provenance` of one criterion value (its ``X_source``, citations in ``X_note``)."""
    note = table.text(option_id, criterion.column + "_note")
    return provenance(table, option_id, table.text(option_id, criterion.column + "_source"), note,
                      column=criterion.column, note=note, tr=tr)


def reference_of(table: DecisionTable, key: str) -> Reference | None:
    """The ``references.csv`` entry of a reference key, written ``34`` or ``[34]`` in either file; None if absent."""
    bare = str(key).strip().strip("[]").strip()
    return table.references.get(bare) or table.references.get(f"[{bare}]")

