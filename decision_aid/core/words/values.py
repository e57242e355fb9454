"""How a table value becomes words, for the patient and the clinician layers.

Qt-free: the window, the take-home PDF, printing, the CSV export and the
command line all word a value through here, so they always say the same
thing. Two layers show the same content with different words: the *patient*
layer (plain words, numbers in words, no reference numbers) and the
*clinician* layer (numbers with units and ranges, the GRADE label, the
reference after each value).

Every function that words something takes ``tr`` (keyword-only), the
:class:`~decision_aid.core.i18n.Translator` of the reader's language; English,
the language the code is written in, when none is given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable

from ..i18n import ENGLISH, N_, Translator, is_english, plural_count
from ..table import Criterion, DecisionTable

#: Shown wherever the table has no reliable figure.
NO_FIGURE = N_("no reliable figure")
#: Shown for a text cell the table leaves empty.
NOT_STATED = N_("not stated")
#: Shown for an empty ``;`` list.
NONE_LISTED = N_("none listed")
#: Put in front of each item of a ``;`` list.
BULLET = "\u2022 "

#: GRADE certainty in plain words (English; translated where shown).
EVIDENCE_WORDS = {
    "high": N_("High: further research is very unlikely to change this"),
    "moderate": N_("Moderate: further research may change this"),
    "low": N_("Low: further research is likely to change this"),
    "very low": N_("Very low: any estimate is very uncertain"),
}
#: A GRADE level's name in the clinician's words ("GRADE: low certainty").
GRADE_LEVELS = {"high": N_("high"), "moderate": N_("moderate"), "low": N_("low"), "very low": N_("very low")}

CATEGORY_WORDS = {
    "conventional": N_("Conventional treatment"),
    "alternative": N_("Alternative treatment"),
    "home": N_("Self-care at home"),
    "comparison": N_("Comparison (what the others are measured against)"),
}
#: A category in one or two words, for a narrow column, a filter or a list.
CATEGORY_SHORT = {
    "conventional": N_("Conventional"),
    "alternative": N_("Alternative"),
    "home": N_("Self-care"),
    "comparison": N_("Comparison"),
}
#: What showing, and leaving out, a category's options is called (whole sentences, for every language).
CATEGORY_SHOW = {
    "conventional": N_("Show conventional treatments"),
    "alternative": N_("Show alternative treatments"),
    "home": N_("Show self-care at home"),
    "comparison": N_("Show the comparison (no treatment)"),
}
CATEGORY_LEAVE_OUT = {
    "conventional": N_("No conventional treatments"),
    "alternative": N_("No alternative treatments"),
    "home": N_("No self-care at home"),
}

_LEVEL_UNITS = {"level", "levels", "grade", "grades", "rank", "step", "steps"}
_LEVEL = re.compile(r"(?:^|(?<=[\s;.,(]))(-?\d+)\s*=\s*")
_CITATION = re.compile(r"\[([^\[\]]{1,60})\]")
_CITATION_KEY = re.compile(r"^[A-Za-z]{0,3}\d{1,4}[A-Za-z]{0,3}$")
_SOURCE_START = re.compile(r"(?:^|;)\s*(?=\[[^\[\]]{1,20}\])")
_CITATION_GROUP = re.compile(r"\s*\[([^\[\]]{1,60})\]")
_CI_LEVEL = re.compile(r"(\d{2}(?:\.\d+)?)\s*%\s*(?:CI\b|[Cc]onfidence interval|[Cc]redible interval)")
_CI_ANY = re.compile(r"\bCI\b|[Cc]onfidence interval|[Cc]redible interval")
#: Words of a scale's unit ("points on 0-100") the catalogue translates; the table keeps its units as written.
SCALE_UNIT_WORDS = (N_("points"), N_("score"))
_SCALE_UNIT = re.compile(r"^(.*?)\s*\bon\s+(-?\d+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*(-?\d+(?:\.\d+)?)$")
_MINUTES_PER_DAY = 24 * 60

#: The two ways of showing the same layout.
PATIENT, CLINICIAN = "patient", "clinician"
LAYERS = (PATIENT, CLINICIAN)
#: Put in front of a marker that a value is stale or unsourced.
MARK = "\u26a0"
#: Heading of the panel that says where a value comes from.
WHERE_HEADING = N_("Where this comes from")


# --------------------------------------------------------------------------- numbers


def format_number(value: float, *, tr: Translator = ENGLISH) -> str:
    """A number as people write it: ``3``, ``2.5``, ``10.26`` (``2,5`` in Spanish)."""
    if is_english(tr):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{round(value, 2):g}"
    if value == int(value) and abs(value) < 1e15:
        return tr.format_decimal(int(value))  # -0 is 0, as in English
    return tr.format_decimal(round(value, 2))


def _with_unit(number: float, unit: str, tr: Translator) -> str:
    """``number unit``, with a one-word plural unit made singular for exactly 1."""
    text = format_number(number, tr=tr)
    if not unit:
        return text
    # The table's own English units of counting take the language's plural forms.
    count = plural_count(number)
    if unit == "days":
        return tr.ngettext("{n} day", "{n} days", count).format(n=text)
    if unit == "weeks":
        return tr.ngettext("{n} week", "{n} weeks", count).format(n=text)
    if unit == "hours":
        return tr.ngettext("{n} hour", "{n} hours", count).format(n=text)
    if unit == "visits":
        return tr.ngettext("{n} visit", "{n} visits", count).format(n=text)
    if number == 1 and " " not in unit and len(unit) > 2 and unit.endswith("s"):
        unit = unit[:-1]
    return tr.gettext("{number} {unit}").format(number=text, unit=unit)


def _about_duration(minutes: float, tr: Translator) -> str:
    """A short time in words: "about 30 minutes", "about 2 hours"."""
    if minutes < 2.5:
        return tr.gettext("less than 5 minutes")
    rounded = 5 * round(minutes / 5)
    if rounded < 60:
        return tr.ngettext("about {n} minute", "about {n} minutes", rounded).format(n=format_number(rounded, tr=tr))
    hours = round(minutes / 30) / 2
    return tr.ngettext("about {n} hour", "about {n} hours", plural_count(hours)).format(
        n=format_number(hours, tr=tr))


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


def level_parts(criterion: Criterion, value: float, *, tr: Translator = ENGLISH) -> tuple[str, str]:
    """A level and its words apart: ``("level 2 of 4", "medicine taken by mouth")``; words "" if unnamed."""
    scale = tr.gettext("level {value} of {max}").format(value=format_number(value, tr=tr),
                                                         max=format_number(criterion.max, tr=tr))
    word = level_words(criterion).get(int(round(value)), "") if _whole(value) else ""
    return scale, word


def format_value(criterion: Criterion, value: float, *, tr: Translator = ENGLISH) -> str:
    """A criterion value as a patient would say it.

    Parameters
    ----------
    criterion
        The criterion the value belongs to (its unit and description decide
        the wording).
    value
        The value; NaN means the table has no reliable figure.
    tr
        The reader's language.

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
        return tr.gettext(NO_FIGURE)
    unit = criterion.unit.strip()
    lower = unit.lower()
    if is_ordinal(criterion):
        scale, word = level_parts(criterion, value, tr=tr)
        return tr.gettext("{scale}: {words}").format(scale=scale, words=word) if word else scale
    if lower in ("day", "days"):
        if 0 < value < 1:
            return _about_duration(value * _MINUTES_PER_DAY, tr)
        text = _with_unit(value, unit, tr)
        weeks = value / 7
        if weeks >= 2:
            count = round(weeks)
            weeks_text = (tr.ngettext("{n} week", "{n} weeks", count) if _whole(weeks)
                          else tr.ngettext("about {n} week", "about {n} weeks", count))
            text += " (" + weeks_text.format(n=format_number(count, tr=tr)) + ")"
        return text
    if lower in ("week", "weeks"):
        if 0 < value < 1:
            days = round(value * 7)
            if days < 1:
                return tr.gettext("less than 1 day")
            return tr.ngettext("about {n} day", "about {n} days", days).format(n=format_number(days, tr=tr))
        text = _with_unit(value, unit, tr)
        if value >= 13:
            text += " (" + _about_months(round(value * 12 / 52), tr) + ")"
        return text
    if lower in ("hour", "hours") and 0 < value < 1:
        return _about_duration(value * 60, tr)
    return _with_unit(value, unit, tr)


def _about_months(months: int, tr: Translator) -> str:
    """``"about 1 year"`` for 12 months, else ``"about 4 months"``."""
    if months == 12:
        return tr.gettext("about 1 year")
    return tr.ngettext("about {n} month", "about {n} months", months).format(n=format_number(months, tr=tr))


def _span(criterion: Criterion, low: float, high: float, tr: Translator) -> tuple[str, str, str] | None:
    """The ends of a range and what they count (``"minutes"``, ``"hours"`` or ``""`` for the value's unit)."""
    if low is None or high is None or math.isnan(low) or math.isnan(high) or is_ordinal(criterion):
        return None
    if criterion.unit.strip().lower() in ("day", "days") and 0 < high < 1:
        minutes = [v * _MINUTES_PER_DAY for v in (low, high)]
        if minutes[1] < 120:
            return "minutes", format_number(round(minutes[0]), tr=tr), format_number(round(minutes[1]), tr=tr)
        return ("hours", format_number(round(minutes[0] / 30) / 2, tr=tr),
                format_number(round(minutes[1] / 30) / 2, tr=tr))
    return "", format_number(low, tr=tr), format_number(high, tr=tr)


def _span_words(span: tuple[str, str, str], tr: Translator) -> str:
    kind, low, high = span
    if kind == "minutes":
        return tr.gettext("about {low} to {high} minutes").format(low=low, high=high)
    if kind == "hours":
        return tr.gettext("about {low} to {high} hours").format(low=low, high=high)
    return tr.gettext("{low} to {high}").format(low=low, high=high)


def _between_words(span: tuple[str, str, str], tr: Translator, unit: str = "") -> str:
    """``"between 3 and 17"``, ``"between 2 and 4 days"``, ``"between about 20 and 30 minutes"``."""
    kind, low, high = span
    if kind == "minutes":
        return tr.gettext("between about {low} and {high} minutes").format(low=low, high=high)
    if kind == "hours":
        return tr.gettext("between about {low} and {high} hours").format(low=low, high=high)
    if unit:
        return tr.gettext("between {low} and {high} {unit}").format(low=low, high=high, unit=unit)
    return tr.gettext("between {low} and {high}").format(low=low, high=high)


def range_span(criterion: Criterion, low: float, high: float, *, tr: Translator = ENGLISH) -> str:
    """The two ends of a range as words, e.g. ``"1.3 to 5.3"``; "" when not given.

    The unit is left out (it follows the value the range belongs to) unless
    the range is shown in a different unit, as with parts of a day
    (``"about 20 to 30 minutes"``).
    """
    span = _span(criterion, low, high, tr)
    return _span_words(span, tr) if span else ""


def format_range(criterion: Criterion, low: float, high: float, *, tr: Translator = ENGLISH) -> str:
    """The range given with a value, e.g. ``"range 1.3 to 5.3"``; "" when not given (see :func:`range_span`)."""
    span = range_span(criterion, low, high, tr=tr)
    return tr.gettext("range {span}").format(span=span) if span else ""


def value_of(table: DecisionTable, option_id: str, column: str) -> float:
    """An optional numeric cell (such as ``X_low``); NaN when absent or empty."""
    if column not in table.options.columns:
        return math.nan
    try:
        return float(table.options.at[option_id, column])
    except (TypeError, ValueError):
        return math.nan


def value_line(table: DecisionTable, option_id: str, criterion: Criterion, *, tr: Translator = ENGLISH) -> str:
    """The value with its range, as one line: ``"3.3 points on 0-100 (range 1.3 to 5.3 ...)"``."""
    value = table.value(option_id, criterion.column)
    text = format_value(criterion, value, tr=tr)
    if not math.isnan(value):
        span = format_range(criterion, value_of(table, option_id, criterion.column + "_low"),
                            value_of(table, option_id, criterion.column + "_high"), tr=tr)
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


def cite(source: str, *, tr: Translator = ENGLISH) -> str:
    """A value's source as an inline reference: ``"[17]; [56]"`` -> ``"[17, 56]"``; "" when none is given.

    A source without ``[key]`` references is quoted in words: ``"(source: By definition)"``.
    """
    text = " ".join(str(source or "").split())
    if not text:
        return ""
    keys = cited_keys(text)
    return "[" + ", ".join(keys) + "]" if keys else tr.gettext("(source: {source})").format(source=text)


def interval_name(note: str, *, tr: Translator = ENGLISH) -> str:
    """What a value's low-high pair is: ``"95% CI"`` when its note says so, ``"CI"``, else ``"range"``."""
    note = str(note or "")
    match = _CI_LEVEL.search(note)
    if match:
        return tr.gettext("{level}% CI").format(level=match.group(1))
    return tr.gettext("CI") if _CI_ANY.search(note) else tr.gettext("range")


def plain_unit(unit: str, *, tr: Translator = ENGLISH) -> str:
    """A unit in words: ``"points on 0-100"`` -> ``"points out of 100"``, ``"points on -10-10"`` ->
    ``"points on a -10 to 10 scale"``; others unchanged."""
    match = _SCALE_UNIT.match(str(unit or "").strip())
    if not match or not match.group(1):
        return unit
    word = tr.gettext(match.group(1)) if match.group(1) in SCALE_UNIT_WORDS else match.group(1)
    if float(match.group(2)) == 0:
        return tr.gettext("{unit} out of {high}").format(unit=word, high=match.group(3))
    return tr.gettext("{unit} on a {low} to {high} scale").format(unit=word, low=match.group(2),
                                                                   high=match.group(3))


def _after(text: str, reference: str) -> str:
    return f"{text} {reference}" if reference else text


def value_parts(table: DecisionTable, option_id: str, criterion: Criterion, layer: str = PATIENT, *,
                tr: Translator = ENGLISH) -> tuple[str, str, bool]:
    """One criterion value in the words of a layer.

    Parameters
    ----------
    table, option_id, criterion
        The value shown.
    layer
        ``"patient"`` or ``"clinician"``.
    tr
        The reader's language.

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
    reference = cite(table.text(option_id, criterion.column + "_source"), tr=tr) if layer == CLINICIAN else ""
    if math.isnan(value):
        return _after(tr.gettext(NO_FIGURE), reference), "", True
    if is_ordinal(criterion):
        scale, words = level_parts(criterion, value, tr=tr)
        if layer == CLINICIAN:
            return _after(scale, reference), words, False
        return (words[:1].upper() + words[1:], f"({scale})", False) if words else (scale, "", False)
    low, high = (value_of(table, option_id, criterion.column + s) for s in ("_low", "_high"))
    span = _span(criterion, low, high, tr)
    if layer == CLINICIAN:
        text = format_value(criterion, value, tr=tr)
        if span:
            text += f" ({interval_name(table.text(option_id, criterion.column + '_note'), tr=tr)} " \
                    f"{_span_words(span, tr)})"
        return _after(text, reference), "", False
    text = _patient_time(criterion, value, tr)
    unit = ""
    if text:  # said in a larger unit: the range keeps the table's unit
        if span and not span[0]:
            unit = criterion.unit.strip()
    else:
        plain = dataclasses.replace(criterion, unit=plain_unit(criterion.unit, tr=tr))
        timed = criterion.unit.strip().lower() in ("day", "days", "hour", "hours", "week", "weeks")
        if _whole(value) or abs(value) < 1 or timed:
            text = format_value(plain, value, tr=tr)
        else:  # decimals mean nothing to a patient: "about 10 points out of 100"
            text = tr.gettext("about {value}").format(value=format_value(plain, round(value), tr=tr))
        if span and not timed:
            span = ("", _patient_number(low, tr), _patient_number(high, tr))
    if span:
        text += f" ({_between_words(span, tr, unit)})"
    return text, "", False


def _patient_number(value: float, tr: Translator) -> str:
    """A number as a patient reads it: whole unless it is below 1 (``"3"``, ``"17"``, ``"0.5"``)."""
    return format_number(value if abs(value) < 1 else round(value), tr=tr)


def _patient_time(criterion: Criterion, value: float, tr: Translator) -> str:
    """Two weeks or more of days in weeks, 13 weeks or more in months (``"3 weeks"``); "" otherwise."""
    unit = criterion.unit.strip().lower()
    if unit in ("day", "days") and value >= 14:
        weeks = value / 7
        if weeks < 13:
            count = round(weeks)
            text = (tr.ngettext("{n} week", "{n} weeks", count) if _whole(weeks)
                    else tr.ngettext("about {n} week", "about {n} weeks", count))
            return text.format(n=format_number(count, tr=tr))
    elif unit in ("week", "weeks") and value >= 13:
        weeks = value
    else:
        return ""
    return _about_months(round(weeks * 12 / 52), tr)


def note_text(table: DecisionTable, option_id: str, column: str, layer: str = PATIENT) -> str:
    """A text cell as a layer shows it: without reference numbers for patients, as written for clinicians."""
    text = table.text(option_id, column).strip()
    return strip_citations(text) if check_layer(layer) == PATIENT else text


def people_in_100(per_100: float, *, tr: Translator = ENGLISH) -> str:
    """A frequency as a natural frequency in words: ``"about 4 in 100 people"``."""
    if per_100 <= 0:
        return tr.gettext("0 in 100 people")
    if per_100 < 0.5:
        return tr.gettext("fewer than 1 in 100 people")
    if per_100 > 100:
        return tr.gettext("about {n} in 100 people").format(n=format_number(per_100, tr=tr))
    return tr.gettext("about {n} in 100 people").format(n=format_number(math.floor(per_100 + 0.5), tr=tr))


def frequency_line(effect: object, layer: str = PATIENT, *, tr: Translator = ENGLISH) -> str:
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
        line = tr.gettext("{name}: {n} per 100").format(name=name, n=format_number(per_100, tr=tr))
        return _after(line + detail, cite(str(getattr(effect, "source", "")), tr=tr))
    return tr.gettext("{name}: {frequency}").format(name=name, frequency=people_in_100(per_100, tr=tr)) + detail


def evidence_text(level: str, layer: str = PATIENT, *, tr: Translator = ENGLISH) -> str:
    """Certainty of the evidence: plain words for patients, ``"GRADE: low certainty"`` for clinicians."""
    if check_layer(layer) == PATIENT:
        return evidence_words(level, tr=tr)
    key = " ".join(str(level).lower().replace("_", " ").split())
    if not key:
        return tr.gettext(NOT_STATED)
    name = tr.gettext(GRADE_LEVELS[key]) if key in GRADE_LEVELS else key
    return tr.gettext("GRADE: {level} certainty").format(level=name)


def date_words(text: str, *, tr: Translator = ENGLISH) -> str:
    """An ISO date in words, ``"2026-11-22"`` -> ``"22 November 2026"`` (``22 de noviembre de 2026``)."""
    try:
        day = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return str(text).strip()
    # The pattern is Babel's (CLDR), translated with the words: Spanish says "d 'de' MMMM 'de' y".
    return tr.format_date(day, tr.gettext("d MMMM y"))


def review_line(table: DecisionTable, option_id: str, layer: str = PATIENT, *, tr: Translator = ENGLISH) -> str:
    """When an option's information was checked, in the words of a layer."""
    reviewed = table.text(option_id, "reviewed").strip()
    if not reviewed:
        return tr.gettext("Review date not stated")
    if check_layer(layer) == CLINICIAN:
        return tr.gettext("Reviewed {date}").format(date=reviewed)
    return tr.gettext("Information last checked: {date}").format(date=date_words(reviewed, tr=tr))


# --------------------------------------------------------------------------- words


def evidence_words(level: str, *, tr: Translator = ENGLISH) -> str:
    """GRADE certainty in plain words, e.g. ``"Low: further research is likely to change this"``."""
    key = " ".join(str(level).lower().replace("_", " ").split())
    if not key:
        return tr.gettext(NOT_STATED)
    return tr.gettext(EVIDENCE_WORDS[key]) if key in EVIDENCE_WORDS else key.capitalize()


def category_words(category: str, *, tr: Translator = ENGLISH) -> str:
    """``"conventional"`` -> ``"Conventional treatment"``."""
    return _category_in(CATEGORY_WORDS, category, tr)


def category_short(category: str, *, tr: Translator = ENGLISH) -> str:
    """``"conventional"`` -> ``"Conventional"``: the category in a word or two, told apart in every language."""
    return _category_in(CATEGORY_SHORT, category, tr)


def _category_in(words: dict[str, str], category: str, tr: Translator) -> str:
    key = str(category).strip().lower()
    return tr.gettext(words[key]) if key in words else key.capitalize()


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
