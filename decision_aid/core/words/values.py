"""How a table value becomes words, for the patient and the clinician layers.

Qt-free: the window, the take-home PDF, printing, the CSV export and the
command line all word a value through here, so they always say the same
thing. Two layers show the same content with different words: the *patient*
layer (plain words, numbers in words, no reference numbers) and the
*clinician* layer (numbers with units and ranges, the GRADE label, the
reference after each value).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable

from ..table import Criterion, DecisionTable

#: Shown wherever the table has no reliable figure.
NO_FIGURE = "no reliable figure"
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
        word = text[match.end():end]
        word = re.split(r"\.\s+(?=[A-Z])", word, maxsplit=1)[0]  # a sentence after the levels is not a level
        word = word.strip().rstrip(".;,").strip()
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
    """A unit in words: ``"points on 0-100"`` -> ``"points out of 100"``, ``"points on -10-10"`` ->
    ``"points on a -10 to 10 scale"``; others unchanged."""
    match = _SCALE_UNIT.match(str(unit or "").strip())
    if not match or not match.group(1):
        return unit
    if float(match.group(2)) == 0:
        return f"{match.group(1)} out of {match.group(3)}"
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
        the table has no reliable figure. Patient: ``("15 points out of
        100 (between 12 and 18)", "", False)``, decimals rounded (``"about 10
        points out of 100 (between 3 and 17)"``); a level as words first,
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
        plain = dataclasses.replace(criterion, unit=plain_unit(criterion.unit))
        timed = criterion.unit.strip().lower() in ("day", "days", "hour", "hours", "week", "weeks")
        if _whole(value) or abs(value) < 1 or timed:
            text = format_value(plain, value)
        else:  # decimals mean nothing to a patient: "about 10 points out of 100"
            text = "about " + format_value(plain, round(value))
        if span and not timed:
            low, high = (value_of(table, option_id, criterion.column + s) for s in ("_low", "_high"))
            span = f"{_patient_number(low)} to {_patient_number(high)}"
    if span:
        text += f" (between {span.replace(' to ', ' and ', 1)})"
    return text, "", False


def _patient_number(value: float) -> str:
    """A number as a patient reads it: whole unless it is below 1 (``"3"``, ``"17"``, ``"0.5"``)."""
    return format_number(value if abs(value) < 1 else round(value))


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

def cited_keys(text: str) -> list[str]:
    """Reference keys cited in a text, in order: ``"... [3, 4] ... [10c]"`` -> ``["3", "4", "10c"]``."""
    keys: dict[str, None] = {}
    for match in _CITATION.finditer(str(text or "")):
        for part in match.group(1).split(","):
            part = part.strip()
            if _CITATION_KEY.match(part):
                keys.setdefault(part, None)
    return list(keys)
