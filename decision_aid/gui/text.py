"""Showing table values to a patient: wording, provenance and plain-text labels.

Everything that reads a value out of a :class:`~decision_aid.core.table.DecisionTable`
and turns it into words lives here, so the comparison grid, the details pane
and the about view say the same thing the same way. The functions above the
"Qt" section do not touch Qt.

Two layers show the same layout with different words: the *patient* layer
(plain words, numbers in words, no reference numbers, slightly larger type)
and the *clinician* layer (numbers with units and ranges, the GRADE label, the
reference after each value). Both mark stale and unsourced values in words.

Text from a data file is never interpreted: labels are forced to plain text
and tooltips (which Qt would otherwise guess to be rich text) are escaped.
A very long word is given invisible break points for display only, so it
wraps instead of widening the window; :meth:`PlainLabel.text` still returns
the text as given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QFont, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPen
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QScrollArea, QStyle,
                               QVBoxLayout, QWidget)

from ..core.audit import cell_provenance, is_stale, update_months
from ..core.comparison import NO_FIGURE as _CORE_NO_FIGURE
from ..core.table import Criterion, DecisionTable

#: Shown wherever the table has no reliable figure (the same words as the CSV export).
NO_FIGURE = _CORE_NO_FIGURE
#: Shown for a text cell the table leaves empty.
NOT_STATED = "not stated"
#: Shown for an empty ``;`` list.
NONE_LISTED = "none listed"
#: Put in front of each item of a ``;`` list.
BULLET = "\u2022 "

#: GRADE certainty in plain words.
EVIDENCE_WORDS = {
    "high": "High: further research is very unlikely to change this",
    "moderate": "Moderate: further research may change this",
    "low": "Low: further research is likely to change this",
    "very low": "Very low: any estimate is very uncertain",
}

CATEGORY_WORDS = {
    "conventional": "Conventional treatment",
    "alternative": "Alternative treatment",
    "home": "Self-care at home",
}

_LEVEL_UNITS = {"level", "levels", "grade", "grades", "rank", "step", "steps"}
_LEVEL = re.compile(r"(?:^|(?<=[\s;.,(]))(-?\d+)\s*=\s*")
_CITATION = re.compile(r"\[([^\[\]]{1,60})\]")
_CITATION_KEY = re.compile(r"^[A-Za-z]{0,3}\d{1,4}[A-Za-z]{0,3}$")
_SOURCE_START = re.compile(r"(?:^|;)\s*(?=\[[^\[\]]{1,20}\])")
_CITATION_GROUP = re.compile(r"\s*\[([^\[\]]{1,60})\]")
_CI_LEVEL = re.compile(r"(\d{2}(?:\.\d+)?)\s*%\s*(?:CI\b|[Cc]onfidence interval|[Cc]redible interval)")
_CI_ANY = re.compile(r"\bCI\b|[Cc]onfidence interval|[Cc]redible interval")
_SCALE_UNIT = re.compile(r"^(.*?)\s*\bon\s+(-?\d+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*(-?\d+(?:\.\d+)?)$")
_MINUTES_PER_DAY = 24 * 60
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

#: The two ways of showing the same layout.
PATIENT, CLINICIAN = "patient", "clinician"
LAYERS = (PATIENT, CLINICIAN)
#: Text in the patient layer is this much larger than the application font (relative, so zooming still works).
PATIENT_SCALE = 1.15
#: Put in front of a marker that a value is stale or unsourced.
MARK = "\u26a0"
#: Heading of the panel that says where a value comes from.
WHERE_HEADING = "Where this comes from"


# --------------------------------------------------------------------------- numbers


def format_number(value: float) -> str:
    """A number as people write it: ``3``, ``2.5``, ``10.26``."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{round(value, 2):g}"


def _with_unit(number: float, unit: str) -> str:
    """``number unit``, with a one-word plural unit made singular for exactly 1."""
    text = format_number(number)
    if not unit:
        return text
    if number == 1 and " " not in unit and len(unit) > 2 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{text} {unit}"


def _about_duration(minutes: float) -> str:
    """A short time in words: "about 30 minutes", "about 2 hours"."""
    if minutes < 2.5:
        return "less than 5 minutes"
    rounded = 5 * round(minutes / 5)
    if rounded < 60:
        return f"about {rounded} minutes"
    hours = round(minutes / 30) / 2
    return "about 1 hour" if hours == 1 else f"about {format_number(hours)} hours"


def _whole(value: float) -> bool:
    return abs(value - round(value)) < 0.05


def level_words(criterion: Criterion) -> dict[int, str]:
    """Words for each level of an ordinal criterion, read from its description.

    A description such as ``"0 = nothing done to the body. 1 = hands-on
    treatment ..."`` (levels separated by full stops or ``;``) gives
    ``{0: "nothing done to the body", 1: "hands-on treatment ..."}``. A
    description without that pattern gives an empty mapping.
    """
    text = criterion.description or ""
    matches = list(_LEVEL.finditer(text))
    words: dict[int, str] = {}
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following is not None else len(text)
        word = text[match.end():end].strip().rstrip(".;,").strip()
        if word:
            words.setdefault(int(match.group(1)), word)
    return words


def is_ordinal(criterion: Criterion) -> bool:
    """Whether values are levels on a scale rather than amounts."""
    return criterion.unit.strip().lower() in _LEVEL_UNITS or bool(level_words(criterion))


def level_parts(criterion: Criterion, value: float) -> tuple[str, str]:
    """A level and its words apart: ``("level 2 of 4", "medicine taken by mouth")``; words "" if unnamed."""
    scale = f"level {format_number(value)} of {format_number(criterion.max)}"
    word = level_words(criterion).get(int(round(value)), "") if _whole(value) else ""
    return scale, word


def format_value(criterion: Criterion, value: float) -> str:
    """A criterion value as a patient would say it.

    Parameters
    ----------
    criterion
        The criterion the value belongs to (its unit and description decide
        the wording).
    value
        The value; NaN means the table has no reliable figure.

    Returns
    -------
    str
        :data:`NO_FIGURE` for NaN; for a level, ``"level 2 of 4: medicine
        taken by mouth"`` when the description names the levels, else
        ``"level 2 of 4"``; for days under one day the time in minutes or
        hours (``"about 30 minutes"``); two weeks or more of days also in
        weeks (``"21 days (3 weeks)"``); 13 weeks or more also in months;
        anything else the number and its unit (``"3.3 points on 0-100"``).
    """
    if value is None or math.isnan(value):
        return NO_FIGURE
    unit = criterion.unit.strip()
    lower = unit.lower()
    if is_ordinal(criterion):
        scale, word = level_parts(criterion, value)
        return f"{scale}: {word}" if word else scale
    if lower in ("day", "days"):
        if 0 < value < 1:
            return _about_duration(value * _MINUTES_PER_DAY)
        text = _with_unit(value, unit)
        weeks = value / 7
        if weeks >= 2:
            text += f" ({format_number(round(weeks))} weeks)" if _whole(weeks) \
                else f" (about {format_number(round(weeks))} weeks)"
        return text
    if lower in ("week", "weeks"):
        if 0 < value < 1:
            days = round(value * 7)
            return "less than 1 day" if days < 1 else f"about {_with_unit(days, 'days')}"
        text = _with_unit(value, unit)
        if value >= 13:
            months = value * 12 / 52
            text += " (about 1 year)" if round(months) == 12 else f" (about {format_number(round(months))} months)"
        return text
    if lower in ("hour", "hours") and 0 < value < 1:
        return _about_duration(value * 60)
    return _with_unit(value, unit)


def range_span(criterion: Criterion, low: float, high: float) -> str:
    """The two ends of a range as words, e.g. ``"1.3 to 5.3"``; "" when not given.

    The unit is left out (it follows the value the range belongs to) unless
    the range is shown in a different unit, as with parts of a day
    (``"about 20 to 30 minutes"``).
    """
    if low is None or high is None or math.isnan(low) or math.isnan(high) or is_ordinal(criterion):
        return ""
    if criterion.unit.strip().lower() in ("day", "days") and 0 < high < 1:
        minutes = [v * _MINUTES_PER_DAY for v in (low, high)]
        if minutes[1] < 120:
            return f"about {round(minutes[0])} to {round(minutes[1])} minutes"
        return f"about {format_number(round(minutes[0] / 30) / 2)} to " \
               f"{format_number(round(minutes[1] / 30) / 2)} hours"
    return f"{format_number(low)} to {format_number(high)}"


def format_range(criterion: Criterion, low: float, high: float) -> str:
    """The range given with a value, e.g. ``"range 1.3 to 5.3"``; "" when not given (see :func:`range_span`)."""
    span = range_span(criterion, low, high)
    return f"range {span}" if span else ""


def value_of(table: DecisionTable, option_id: str, column: str) -> float:
    """An optional numeric cell (such as ``X_low``); NaN when absent or empty."""
    if column not in table.options.columns:
        return math.nan
    try:
        return float(table.options.at[option_id, column])
    except (TypeError, ValueError):
        return math.nan


def value_line(table: DecisionTable, option_id: str, criterion: Criterion) -> str:
    """The value with its range, as one line: ``"3.3 points on 0-100 (range 1.3 to 5.3 ...)"``."""
    value = table.value(option_id, criterion.column)
    text = format_value(criterion, value)
    if not math.isnan(value):
        span = format_range(criterion, value_of(table, option_id, criterion.column + "_low"),
                            value_of(table, option_id, criterion.column + "_high"))
        if span:
            text += f" ({span})"
    return text


# --------------------------------------------------------------------------- layers


def check_layer(layer: str) -> str:
    """``"patient"`` or ``"clinician"`` (any case, spaces ignored).

    Raises
    ------
    ValueError
        For any other name.
    """
    key = str(layer).strip().lower()
    if key not in LAYERS:
        raise ValueError(f"layer must be 'patient' or 'clinician', not {layer!r}")
    return key


def strip_citations(text: str) -> str:
    """Text without its reference numbers: ``"helps [3, 4]. NICE [10c]."`` -> ``"helps. NICE."``.

    Only brackets that hold reference keys go; other brackets stay.
    """
    def drop(match: re.Match[str]) -> str:
        parts = [part.strip() for part in match.group(1).split(",")]
        return "" if all(_CITATION_KEY.match(part) for part in parts) else match.group(0)

    return _CITATION_GROUP.sub(drop, str(text or "")).strip()


def cite(source: str) -> str:
    """A value's source as an inline reference: ``"[17]; [56]"`` -> ``"[17, 56]"``; "" when none is given.

    A source without ``[key]`` references is quoted in words: ``"(source: By definition)"``.
    """
    text = " ".join(str(source or "").split())
    if not text:
        return ""
    keys = cited_keys(text)
    return "[" + ", ".join(keys) + "]" if keys else f"(source: {text})"


def interval_name(note: str) -> str:
    """What a value's low-high pair is: ``"95% CI"`` when its note says so, ``"CI"``, else ``"range"``."""
    note = str(note or "")
    match = _CI_LEVEL.search(note)
    if match:
        return f"{match.group(1)}% CI"
    return "CI" if _CI_ANY.search(note) else "range"


def plain_unit(unit: str) -> str:
    """A unit in words: ``"points on 0-100"`` -> ``"points on a 0 to 100 scale"``; others unchanged."""
    match = _SCALE_UNIT.match(str(unit or "").strip())
    if not match or not match.group(1):
        return unit
    return f"{match.group(1)} on a {match.group(2)} to {match.group(3)} scale"


def _after(text: str, reference: str) -> str:
    return f"{text} {reference}" if reference else text


def value_parts(table: DecisionTable, option_id: str, criterion: Criterion, layer: str = PATIENT) \
        -> tuple[str, str, bool]:
    """One criterion value in the words of a layer.

    Parameters
    ----------
    table, option_id, criterion
        The value shown.
    layer
        ``"patient"`` or ``"clinician"``.

    Returns
    -------
    (str, str, bool)
        The value line, a second line ("" when there is none) and whether
        the table has no reliable figure. Patient: ``("15 points on a 0 to
        100 scale (could be 12 to 18)", "", False)``; a level as words first,
        ``("Medicine taken by mouth", "(level 2 of 4)", False)``. Clinician:
        ``("15 points on 0-100 (range 12 to 18) [29]", "", False)``, the
        pair called a CI only when the value's note says it is one; a level
        as ``("level 2 of 4 [17, 56]", "medicine taken by mouth", False)``.
    """
    layer = check_layer(layer)
    value = table.value(option_id, criterion.column)
    reference = cite(table.text(option_id, criterion.column + "_source")) if layer == CLINICIAN else ""
    if math.isnan(value):
        return _after(NO_FIGURE, reference), "", True
    if is_ordinal(criterion):
        scale, words = level_parts(criterion, value)
        if layer == CLINICIAN:
            return _after(scale, reference), words, False
        return (words[:1].upper() + words[1:], f"({scale})", False) if words else (scale, "", False)
    span = range_span(criterion, value_of(table, option_id, criterion.column + "_low"),
                      value_of(table, option_id, criterion.column + "_high"))
    if layer == CLINICIAN:
        text = format_value(criterion, value)
        if span:
            text += f" ({interval_name(table.text(option_id, criterion.column + '_note'))} {span})"
        return _after(text, reference), "", False
    text = _patient_time(criterion, value)
    if text:  # said in a larger unit: the range keeps the table's unit
        unit = criterion.unit.strip()
        if span and not span.endswith(("minutes", "hours")):
            span = f"{span} {unit}"
    else:
        text = format_value(dataclasses.replace(criterion, unit=plain_unit(criterion.unit)), value)
    if span:
        text += f" (could be {span})"
    return text, "", False


def _patient_time(criterion: Criterion, value: float) -> str:
    """Two weeks or more of days in weeks, 13 weeks or more in months (``"3 weeks"``); "" otherwise."""
    unit = criterion.unit.strip().lower()
    if unit in ("day", "days") and value >= 14:
        weeks = value / 7
        if weeks < 13:
            return f"{format_number(round(weeks))} weeks" if _whole(weeks) else f"about {round(weeks)} weeks"
    elif unit in ("week", "weeks") and value >= 13:
        weeks = value
    else:
        return ""
    months = round(weeks * 12 / 52)
    return "about 1 year" if months == 12 else f"about {months} months"


def note_text(table: DecisionTable, option_id: str, column: str, layer: str = PATIENT) -> str:
    """A text cell as a layer shows it: without reference numbers for patients, as written for clinicians."""
    text = table.text(option_id, column).strip()
    return strip_citations(text) if check_layer(layer) == PATIENT else text


def people_in_100(per_100: float) -> str:
    """A frequency as a natural frequency in words: ``"about 4 in 100 people"``."""
    if per_100 <= 0:
        return "0 in 100 people"
    if per_100 < 0.5:
        return "fewer than 1 in 100 people"
    if per_100 > 100:
        return f"about {format_number(per_100)} in 100 people"
    return f"about {math.floor(per_100 + 0.5)} in 100 people"


def frequency_line(effect: object, layer: str = PATIENT) -> str:
    """One row of ``side_effects.csv`` as a line.

    Patient: ``"Mild flu-like reaction: about 4 in 100 people (mild; lasting ...)"``.
    Clinician: ``"Mild flu-like reaction: 4 per 100 (mild; lasting ...) [34]"``.
    """
    name = str(getattr(effect, "effect", "") or "").strip()
    per_100 = float(getattr(effect, "per_100"))
    detail = "; ".join(part for part in (str(getattr(effect, "severity", "") or "").strip(),
                                         str(getattr(effect, "time_frame", "") or "").strip()) if part)
    detail = f" ({detail})" if detail else ""
    if check_layer(layer) == CLINICIAN:
        return _after(f"{name}: {format_number(per_100)} per 100{detail}", cite(str(getattr(effect, "source", ""))))
    return f"{name}: {people_in_100(per_100)}{detail}"


def evidence_text(level: str, layer: str = PATIENT) -> str:
    """Certainty of the evidence: plain words for patients, ``"GRADE: low certainty"`` for clinicians."""
    if check_layer(layer) == PATIENT:
        return evidence_words(level)
    key = " ".join(str(level).lower().replace("_", " ").split())
    return f"GRADE: {key} certainty" if key else NOT_STATED


def date_words(text: str) -> str:
    """An ISO date in words, ``"2026-11-22"`` -> ``"22 November 2026"``; other text unchanged."""
    try:
        day = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return str(text).strip()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def review_line(table: DecisionTable, option_id: str, layer: str = PATIENT) -> str:
    """When an option's information was checked, in the words of a layer."""
    reviewed = table.text(option_id, "reviewed").strip()
    if not reviewed:
        return "Review date not stated"
    if check_layer(layer) == CLINICIAN:
        return f"Reviewed {reviewed}"
    return f"Information last checked: {date_words(reviewed)}"


# --------------------------------------------------------------------------- words


def evidence_words(level: str) -> str:
    """GRADE certainty in plain words, e.g. ``"Low: further research is likely to change this"``."""
    key = " ".join(str(level).lower().replace("_", " ").split())
    if not key:
        return NOT_STATED
    return EVIDENCE_WORDS.get(key, key.capitalize())


def category_words(category: str) -> str:
    """``"conventional"`` -> ``"Conventional treatment"``."""
    key = str(category).strip().lower()
    return CATEGORY_WORDS.get(key, key.capitalize())


def bullets(items: Iterable[str]) -> str:
    """One bulleted line per item; "" for no items."""
    return "\n".join(BULLET + item for item in items)


def humanise(column: str) -> str:
    """A column name as a heading: ``"colour_code"`` -> ``"Colour code"``."""
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


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


def cited_keys(text: str) -> list[str]:
    """Reference keys cited in a text, in order: ``"... [3, 4] ... [10c]"`` -> ``["3", "4", "10c"]``."""
    keys: dict[str, None] = {}
    for match in _CITATION.finditer(str(text or "")):
        for part in match.group(1).split(","):
            part = part.strip()
            if _CITATION_KEY.match(part):
                keys.setdefault(part, None)
    return list(keys)


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

    def markers(self) -> list[str]:
        """Short visible markers, e.g. ``["⚠ not checked since 2024-01-01", "⚠ source not given"]``."""
        marks = []
        if self.stale:
            marks.append(f"{MARK} {self._stale_words()}")
        if self.unsourced:
            marks.append(f"{MARK} source not given")
        return marks

    def sentences(self) -> list[str]:
        """The same as :meth:`markers`, as sentences for the provenance text."""
        lines = []
        if self.stale:
            words = self._stale_words()
            lines.append(f"{MARK} {words[:1].upper()}{words[1:]}: the update policy asks for a check every "
                         f"{self.months} months.")
        if self.unsourced:
            lines.append(f"{MARK} Source not given for this value.")
        return lines

    def _stale_words(self) -> str:
        if not self.reviewed:
            return "review date not stated"
        try:
            dt.date.fromisoformat(self.reviewed)
        except ValueError:
            return f"review date unclear ({self.reviewed})"
        return f"not checked since {self.reviewed}"


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
               note: str = "", status: ValueStatus | None = None) -> str:
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
        lines = [f"Source: {source}."]
    elif keys:
        lines = ["Source: " + ", ".join(f"[{k}]" for k in keys) + " (cited in the text)."]
    else:
        listed = ", ".join(f"[{k}]" for k in entries) or "none listed"
        lines = [f"Source: not given for this entry. This option's sources: {listed} (see its details)."]
    lines.extend(entries[k] for k in keys if k in entries)
    note = " ".join(str(note or "").split())
    if note:
        lines.append(f"Note: {note}")
    reviewed = table.text(option_id, "reviewed").strip()
    lines.append(f"Reviewed {reviewed}." if reviewed else "Review date not stated.")
    if status is None:
        status = value_status(table, option_id, column)
    lines.extend(status.sentences())
    return "\n".join(lines)


def criterion_provenance(table: DecisionTable, option_id: str, criterion: Criterion) -> str:
    """:func:`provenance` of one criterion value (its ``X_source``, citations in ``X_note``)."""
    note = table.text(option_id, criterion.column + "_note")
    return provenance(table, option_id, table.text(option_id, criterion.column + "_source"), note,
                      column=criterion.column, note=note)


# --------------------------------------------------------------------------- Qt


#: An invisible break point, put into very long words for display only.
SOFT_BREAK = "\u200b"
#: A run of more non-space characters than this gets break points ...
LONG_RUN = 24
#: ... after about every this many characters.
RUN_CHUNK = 8
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


def _can_break(before: str, after: str) -> bool:
    """Whether a break between two characters keeps every character and emoji whole."""
    if unicodedata.category(after)[0] == "M" or "Cf" in (unicodedata.category(before), unicodedata.category(after)):
        return False  # combining marks, joiners, direction marks and tags stay with their neighbours
    if 0xFE00 <= ord(after) <= 0xFE0F or 0x1F3FB <= ord(after) <= 0x1F3FF:
        return False  # variation selectors and skin tones belong to the character before
    return not (0x1F1E6 <= ord(before) <= 0x1F1FF and 0x1F1E6 <= ord(after) <= 0x1F1FF)  # flags


def soft_wrap(text: str) -> str:
    """``text`` with invisible break points inside words too long for a narrow column.

    Qt wraps only between words, so one 500-letter word would make a label
    500 letters wide. Runs of more than :data:`LONG_RUN` non-space
    characters get a zero-width space about every :data:`RUN_CHUNK`
    characters, never inside a combining sequence or an emoji. For display
    only: removing :data:`SOFT_BREAK` gives ``text`` back.
    """
    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        out, since = [run[0]], 1
        for before, after in zip(run, run[1:]):
            if since >= RUN_CHUNK and _can_break(before, after):
                out.append(SOFT_BREAK)
                since = 0
            out.append(after)
            since += 1
        return "".join(out)

    return _LONG_RUN.sub(split, str(text))


def scaled_font(base: QFont, scale: float) -> QFont:
    """A copy of ``base`` ``scale`` times its size (point or pixel size, whichever it uses)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * scale)))
    return font


def tooltip_html(text: str) -> str:
    """Plain text made safe for a tooltip.

    Qt shows a tooltip as rich text when it merely *looks* like HTML, so text
    from a data file is escaped and wrapped (long lines then wrap too).
    """
    if not text:
        return ""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


class PlainLabel(QLabel):
    """A word-wrapped, selectable label that never interprets its text.

    Its font is derived from its parent's (``scale`` times the point size,
    optionally bold or italic) and follows it when the application font
    changes, so text scales with the window's zoom. Very long words wrap
    anywhere (see :func:`soft_wrap`); :meth:`text` and copying give the text
    as it was set.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, scale: float = 1.0,
                 bold: bool = False, italic: bool = False) -> None:
        super().__init__(parent)
        self._raw = ""
        self._named_by_text = False
        self._scale = float(scale)
        self._bold = bold
        self._italic = italic
        self._applying = False
        self._watched: QWidget | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(str(text))
        self._watch_parent()
        self._apply_font()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show ``text`` as plain text, with break points in very long words."""
        self._raw = str(text)
        shown = soft_wrap(self._raw)
        super().setText(shown)
        if shown != self._raw and (self._named_by_text or not self.accessibleName()):
            self.setAccessibleName(self._raw)  # screen readers get the text without break points
            self._named_by_text = True
        elif self._named_by_text:
            self.setAccessibleName("")
            self._named_by_text = False

    def text(self) -> str:
        """The text as it was set (without display break points)."""
        return self._raw

    def clear(self) -> None:
        self.setText("")

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        self._named_by_text = False
        super().setAccessibleName(name)

    def copy_selection(self) -> None:
        """Put the selected text on the clipboard, without display break points."""
        if self.hasSelectedText():
            QApplication.clipboard().setText(self.selectedText().replace(SOFT_BREAK, ""))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if SOFT_BREAK not in super().text():
            super().contextMenuEvent(event)
            return
        menu = QMenu(self)  # Qt's own menu would copy the break points
        copy = menu.addAction("&Copy", self.copy_selection)
        copy.setEnabled(self.hasSelectedText())
        menu.addAction("Select &All", lambda: self.setSelection(0, len(super(PlainLabel, self).text())))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def set_emphasis(self, *, scale: float | None = None, bold: bool | None = None,
                     italic: bool | None = None) -> None:
        """Change how the text is emphasised."""
        if scale is not None:
            self._scale = float(scale)
        if bold is not None:
            self._bold = bold
        if italic is not None:
            self._italic = italic
        self._apply_font()

    def event(self, event: QEvent) -> bool:
        result = super().event(event)
        if event.type() == QEvent.Type.ParentChange:
            self._watch_parent()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ParentChange,
                            QEvent.Type.ApplicationFontChange) and not self._applying:
            self._apply_font()
        return result

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A font set with an explicit size no longer follows the parent's, and Qt then
        # sends this label no FontChange: watch the parent instead.
        if watched is self._watched and event.type() == QEvent.Type.FontChange and not self._applying:
            self._apply_font()
        return False

    def _watch_parent(self) -> None:
        parent = self.parentWidget()
        if parent is self._watched:
            return
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:  # the old parent is already deleted, and its filters with it
                pass
        self._watched = parent
        if parent is not None:
            parent.installEventFilter(self)

    def _apply_font(self) -> None:
        parent = self.parentWidget()
        base = parent.font() if parent is not None else QApplication.font(self)
        font = QFont()  # resolves nothing by itself: family etc. still come from the parent
        if base.pointSizeF() > 0:
            font.setPointSizeF(base.pointSizeF() * self._scale)
        elif base.pixelSize() > 0:
            font.setPixelSize(max(1, round(base.pixelSize() * self._scale)))
        font.setBold(self._bold or base.bold())
        font.setItalic(self._italic or base.italic())
        current = self.font()
        if (current.pointSizeF(), current.pixelSize(), current.bold(), current.italic()) == \
                (font.pointSizeF(), font.pixelSize(), font.bold(), font.italic()) and current.family() == base.family():
            return
        self._applying = True
        try:
            self.setFont(font)
        finally:
            self._applying = False


def plain_label(text: str = "", parent: QWidget | None = None, *, scale: float = 1.0, bold: bool = False,
                italic: bool = False) -> PlainLabel:
    """A :class:`PlainLabel`: plain text, word wrap, selectable with the mouse."""
    return PlainLabel(text, parent, scale=scale, bold=bold, italic=italic)


def heading_label(text: str, parent: QWidget | None = None, *, scale: float = 1.2) -> PlainLabel:
    """A bold :class:`PlainLabel` ``scale`` times the surrounding text size."""
    label = PlainLabel(text, parent, scale=scale, bold=True)
    label.setAccessibleName(text)
    return label


def bullet_item(text: str, *, italic: bool = False) -> tuple[QWidget, PlainLabel]:
    """One list item: a bullet beside a :class:`PlainLabel`, so wrapped lines hang under the text.

    Returns
    -------
    (QWidget, PlainLabel)
        The row to add to a layout and the label holding ``text`` itself.
    """
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(4)
    bullet = QLabel(BULLET.strip())
    bullet.setTextFormat(Qt.TextFormat.PlainText)
    bullet.setAccessibleName("bullet")
    label = PlainLabel(text, italic=italic)
    line.addWidget(bullet, 0, Qt.AlignmentFlag.AlignTop)
    line.addWidget(label, 1)
    return row, label


def warning_icon(reference: QWidget) -> QLabel:
    """The platform's warning icon, sized to the text of ``reference``, named "Warning" for screen readers."""
    icon = QLabel()
    icon.setAccessibleName("Warning")
    size_icon_to_text(icon, reference)
    return icon


def size_icon_to_text(icon: QLabel, reference: QWidget) -> None:
    """(Re)draw a warning icon at the height of a line of ``reference``'s text."""
    size = max(16, reference.fontMetrics().height())
    pixmap = reference.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
    icon.setPixmap(pixmap)
    icon.setFixedSize(size, size)


#: Style of a framed warning box; the border uses the text colour, so it shows in any theme.
WARNING_FRAME_STYLE = ("QFrame#{name} {{ border: 2px solid palette(window-text); border-radius: 4px; "
                       "background: palette(base); }}")


class SourceBlock(QFrame):
    """A value that says where it comes from when clicked, or when Enter or Space is pressed on it.

    It takes keyboard focus (Tab) and draws a dashed outline when focused.
    Clicks on the labels it :meth:`track` count as clicks on it, unless they
    select text.
    """

    #: Clicked, or Enter or Space pressed while focused.
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def track(self, widget: QWidget) -> None:
        """Let a click on ``widget`` (a label inside the block) activate the block."""
        widget.installEventFilter(self)
        widget.setCursor(Qt.CursorShape.PointingHandCursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton \
                and not (isinstance(watched, QLabel) and watched.hasSelectedText()):
            self._activate(Qt.FocusReason.MouseFocusReason)
        return False

    def _activate(self, reason: Qt.FocusReason) -> None:
        if not self.hasFocus():
            self.setFocus(reason)
        self.activated.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._activate(Qt.FocusReason.MouseFocusReason)
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            event.accept()
            self.activated.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # an outline, so focus shows without relying on colour
            painter = QPainter(self)
            pen = QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.end()


class ProvenancePanel(QFrame):
    """The inline "Where this comes from" box under the grid or the details.

    It shows what a value is (``subject``) and its provenance as plain text
    (source, note, review date, stale or unsourced); Close or Escape hides it.
    The text scrolls when it is longer than a few lines.
    """

    #: Lines of text shown before the panel scrolls.
    LINES = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("provenancePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(WHERE_HEADING)
        box = QVBoxLayout(self)
        em = max(1, self.fontMetrics().horizontalAdvance("M"))
        box.setContentsMargins(em // 2, em // 3, em // 2, em // 3)
        box.setSpacing(2)
        top = QHBoxLayout()
        self._heading = PlainLabel(WHERE_HEADING, bold=True)
        self._heading.setAccessibleName(WHERE_HEADING)
        self._subject = PlainLabel("", italic=True)
        self._subject.setAccessibleName("Value")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName(f"Close {WHERE_HEADING.lower()}")
        self.close_button.clicked.connect(self._on_close)
        top.addWidget(self._heading, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)
        box.addWidget(self._subject)
        self._body = PlainLabel("")
        self._body.setAccessibleName(WHERE_HEADING)
        self._body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._scroll = QScrollArea()
        self._scroll.setObjectName("provenanceScroll")
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setWidget(self._body)
        box.addWidget(self._scroll)
        self._fit()
        self.hide()

    def show_text(self, subject: str, text: str) -> None:
        """Show where ``subject`` (e.g. "How much might it help? - Botox") comes from."""
        self._subject.setText(subject)
        self._subject.setVisible(bool(subject))
        self._body.setText(text)
        self._body.setAccessibleDescription(text)
        self._scroll.verticalScrollBar().setValue(0)
        self.show()
        self._fit()

    def subject(self) -> str:
        """What the panel is about."""
        return self._subject.text()

    def text(self) -> str:
        """The provenance shown ("" before any)."""
        return self._body.text()

    def labels(self) -> list[PlainLabel]:
        """Heading, subject and text labels."""
        return [self._heading, self._subject, self._body]

    def _fit(self) -> None:
        """As tall as the text, up to :attr:`LINES` lines; longer text scrolls."""
        line = self._body.fontMetrics().lineSpacing()
        width = self._scroll.viewport().width() if self.isVisible() else self.width() - 2 * self.frameWidth()
        needed = self._body.heightForWidth(max(1, width - self._scroll.verticalScrollBar().sizeHint().width()))
        height = min(max(needed, line), self.LINES * line)
        if self._scroll.height() != height:
            self._scroll.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _on_close(self) -> None:
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.hide()
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


def rebuild_keeping_scroll(area: QScrollArea, rebuild) -> None:
    """Run ``rebuild`` (which replaces the area's contents) and keep the reader's place."""
    bar = area.verticalScrollBar()
    fraction = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
    rebuild()
    content = area.widget()
    if content is not None and content.layout() is not None:
        content.layout().activate()
        content.adjustSize()
    bar.setValue(round(fraction * bar.maximum()))
