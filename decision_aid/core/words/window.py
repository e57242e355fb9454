"""Sentences the consultation window says about the table and the patient's choices (Qt-free).

One function per sentence, so the window, the patient screen and the tests
ask the same place; every function that words a value takes the layer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..i18n import ENGLISH, N_, Translator
from ..table import DecisionTable, Role
from .sources import reference_of
from .values import (
    CLINICIAN,
    GRADE_LEVELS,
    PATIENT,
    check_layer,
    date_words,
    evidence_words,
    format_number,
    people_in_100,
)

#: Guideline stance codes (options.csv ``guideline_stance``) in words, patient and clinician.
STANCE_WORDS: dict[str, tuple[str, str]] = {
    "recommended": (N_("Guidelines recommend it"), N_("Guidelines: recommended")),
    "consider": (N_("Guidelines say it can be considered"), N_("Guidelines: consider")),
    "not_recommended": (N_("Guidelines do not recommend it"), N_("Guidelines: not recommended")),
    "do_not_offer": (N_("Guidelines say not to offer it"), N_("Guidelines: do not offer")),
    "guidelines_disagree": (N_("Guidelines disagree about it"), N_("Guidelines: disagree")),
    "no_guidance": (N_("No guideline advice"), N_("Guidelines: no guidance")),
}

#: What each role lets the window do, for the sentence that says a role is missing.
ROLE_FEATURES: dict[Role, str] = {
    Role.INVASIVENESS: N_("the \"most invasive allowed\" limit and \"avoid needles\""),
    Role.ONSET: N_("\"fastest relief\" and the timeline's start of relief"),
    Role.DURATION: N_("the timeline's length of relief"),
    Role.VISITS: N_("the visits row of the comparison"),
    Role.SIDE_EFFECTS: N_("\"fewest side effects\""),
    Role.BENEFIT: N_("the benefit row of the comparison"),
}


def compare_room(ticked: int, most: int, *, tr: Translator = ENGLISH) -> str:
    """How many more options can be ticked, for the compare column's heading."""
    left = max(0, most - ticked)
    if left == 0:
        return tr.gettext("Compare (full)")
    return tr.gettext("Compare ({n} more)").format(n=format_number(left, tr=tr))


def compare_hint(ticked: int, most: int, *, tr: Translator = ENGLISH) -> str:
    """The sentence under the options list about ticking."""
    left = max(0, most - ticked)
    if ticked == 0:
        return tr.gettext("Click a row (or press Space) to tick it. Tick 2 to {most} options to compare them "
                          "side by side.").format(most=format_number(most, tr=tr))
    if left == 0:
        return tr.ngettext("{n} option ticked, the most that can be compared. Click a ticked row to untick it.",
                           "{n} options ticked, the most that can be compared. Click a ticked row to untick it.",
                           ticked).format(n=format_number(ticked, tr=tr))
    more = tr.ngettext("{n} more can be ticked", "{n} more can be ticked", left).format(n=format_number(left, tr=tr))
    ticked_words = tr.ngettext("{n} option ticked", "{n} options ticked", ticked).format(
        n=format_number(ticked, tr=tr))
    return tr.gettext("{ticked}; {more}.").format(ticked=ticked_words, more=more)


def condition_name(table: DecisionTable) -> str:
    """The condition the table is about, short (the part before the first colon or full stop)."""
    text = table.about.get("condition", "").strip()
    return re.split(r"[:.]", text, maxsplit=1)[0].strip() if text else ""


def table_reviewed(table: DecisionTable) -> str:
    """The date the table's evidence was last reviewed, as written in about.csv or the options."""
    for key in ("evidence_compiled", "reviewed", "published"):
        value = table.about.get(key, "").strip()
        if value:
            return value
    dates = sorted({table.text(i, "reviewed").strip() for i in table.ids} - {""})
    return dates[-1] if dates else ""


def header_line(table: DecisionTable, *, tr: Translator = ENGLISH) -> str:
    """The line at the top of the window naming the condition and when the table was reviewed."""
    condition = condition_name(table) or tr.gettext("this condition")
    reviewed = table_reviewed(table)
    when = (" " + tr.gettext("Evidence reviewed {date}.").format(date=date_words(reviewed, tr=tr)) if reviewed
            else " " + tr.gettext("Review date not stated."))
    count = len(table.ids)
    return tr.ngettext("Treatment options for {condition}: {n} option.",
                       "Treatment options for {condition}: {n} options.", count).format(
        condition=condition, n=format_number(count, tr=tr)) + when


def other_table_note(table: DecisionTable, *, tr: Translator = ENGLISH) -> str:
    """Said at start-up when the table reopened is not the one that comes with the aid."""
    condition = condition_name(table) or tr.gettext("another condition")
    return tr.gettext("Opened the table used last time, from {folder} ({condition}). To go back to the table that "
                      "comes with this aid, choose File > Open the bundled table.").format(
        folder=table.folder, condition=condition)


def missing_role(role: Role | str, *, tr: Translator = ENGLISH) -> str:
    """Why a feature is not available: no criterion has this role, and how to add it."""
    role = Role(role)
    feature = tr.gettext(ROLE_FEATURES[role]) if role in ROLE_FEATURES else tr.gettext("this feature")
    return tr.gettext("Not available for this table: no criterion has the role \"{role}\", which {feature} needs. "
                      "To add it, give the matching criterion the role {role} in the role column of "
                      "criteria.csv.").format(role=role.value, feature=feature)


def missing_roles(table: DecisionTable) -> list[Role]:
    """The roles no criterion of ``table`` plays, in :class:`Role` order."""
    return [role for role in Role if table.by_role(role) is None]


def stance_words(code: str, layer: str = PATIENT, *, tr: Translator = ENGLISH) -> str:
    """A guideline stance code in words ("" when the table gives none)."""
    key = str(code or "").strip().lower()
    if not key:
        return ""
    words = STANCE_WORDS.get(key)
    if words is None:
        return tr.gettext("Guidelines: {stance}").format(stance=key.replace("_", " "))
    return tr.gettext(words[1] if check_layer(layer) == CLINICIAN else words[0])


#: A GRADE level on a patient's badge ("Low certainty").
CERTAINTY_BADGES = {"high": N_("High certainty"), "moderate": N_("Moderate certainty"), "low": N_("Low certainty"),
                    "very low": N_("Very low certainty")}


def certainty_badge(level: str, layer: str = PATIENT, *, tr: Translator = ENGLISH) -> str:
    """How sure the evidence is, short enough for a badge under an option's name."""
    key = " ".join(str(level or "").lower().replace("_", " ").split())
    if not key:
        return tr.gettext("Certainty not stated")
    if check_layer(layer) == CLINICIAN:
        return tr.gettext("GRADE: {level}").format(level=tr.gettext(GRADE_LEVELS[key]) if key in GRADE_LEVELS
                                                  else key)
    return tr.gettext(CERTAINTY_BADGES[key]) if key in CERTAINTY_BADGES else evidence_words(key, tr=tr)


def baseline_of(effect: object) -> float | None:
    """The rate on a dummy treatment per 100 (``baseline_per_100``), or None when not given."""
    value = getattr(effect, "baseline_per_100", None) if not isinstance(effect, dict) else effect.get(
        "baseline_per_100")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or number < 0 else number


def baseline_sentence(effect: object, layer: str = PATIENT, *, tr: Translator = ENGLISH) -> str:
    """The rate on a dummy treatment beside the treatment's own rate, or "" when the data has none."""
    baseline = baseline_of(effect)
    if baseline is None:
        return ""
    if check_layer(layer) == CLINICIAN:
        return tr.gettext("On a dummy treatment: {n} per 100.").format(n=format_number(baseline, tr=tr))
    return tr.gettext("On a dummy (placebo) treatment: {frequency}.").format(
        frequency=people_in_100(baseline, tr=tr))


def reference_words(table: DecisionTable, key: str, *, tr: Translator = ENGLISH) -> tuple[str, str]:
    """A reference key ("34" or "[34]") as (words for the patient, full citation for the hover).

    Uses the table's references (``references.csv``: ref, citation, in_words) when loaded;
    otherwise both are the key itself.
    """
    bare = str(key).strip().strip("[]").strip()
    entry = reference_of(table, bare)
    if entry is not None and (entry.in_words or entry.citation):
        return (entry.in_words or entry.citation, entry.citation or entry.in_words)
    words = tr.gettext("reference {key}").format(key=bare)
    return (words, words)


def source_in_words(table: DecisionTable, source: str, *, tr: Translator = ENGLISH) -> tuple[str, str]:
    """A source cell ("[16]", "[16][17]") as (words, hover text)."""
    keys = re.findall(r"\[([^\[\]]{1,20})\]", str(source or ""))
    if not keys:
        text = str(source or "").strip()
        return (tr.gettext("Source: {source}").format(source=text) if text else tr.gettext("Source not given"),
                text)
    pairs = [reference_words(table, k, tr=tr) for k in keys]
    return (tr.gettext("Source: {source}").format(source="; ".join(p[0] for p in pairs)),
            "\n".join(p[1] for p in pairs))


def patient_view_title(table: DecisionTable | None, *, tr: Translator = ENGLISH) -> str:
    """The title of the patient's screen."""
    condition = condition_name(table) if table is not None else ""
    return (tr.gettext("Treatment options for {condition}").format(condition=condition) if condition
            else tr.gettext("Treatment options"))


def side_by_side_heading(names: Sequence[str], *, tr: Translator = ENGLISH) -> str:
    """The heading of the side-effects tab."""
    if not names:
        return tr.gettext("Side effects: choose an option")
    if len(names) == 1:
        return tr.gettext("Side effects: {name}").format(name=names[0])
    return tr.ngettext("Side effects of the {n} option ticked, each out of 100 people",
                       "Side effects of the {n} options ticked, each out of 100 people", len(names)).format(
        n=format_number(len(names), tr=tr))


_MACHINE_SETTING = re.compile(r"[;,]?\s*\b[a-z]+(?:_[a-z]+)+\s*=\s*[^\s;,]+")
_LOCATED = re.compile(r"^\s*([^:\s]+\.csv):(\d+|-)(?::([^:\s]+))?")


def about_value(text: str) -> str:
    """An about.csv value as a reader sees it: machine settings such as ``update_months=12`` left out."""
    text = str(text or "").strip()
    cleaned, found = _MACHINE_SETTING.subn("", text)
    return " ".join(cleaned.split()).strip(" ;,") if found else text


def audit_sentences(report: object, *, tr: Translator = ENGLISH) -> list[str]:
    """An audit report as plain sentences: the verdict, then one sentence per criterion not plainly met.

    The criteria's titles and notes are said in ``tr``'s language.
    """
    items = list(getattr(report, "items", []))
    status = {item.id: str(item.status) for item in items}
    met = sum(1 for s in status.values() if s == "met")
    unmet = [item for item in items if str(item.status) == "not_met"]
    review = [item for item in items if str(item.status) == "human_review"]
    number = lambda n: format_number(n, tr=tr)  # noqa: E731
    verdict = tr.gettext("This table was checked against {total} criteria of the International Patient Decision Aid "
                         "Standards: {met} are met, {unmet} are not met and {review} need a person to judge "
                         "them.").format(total=number(len(items)), met=number(met), unmet=number(len(unmet)),
                                         review=number(len(review)))
    lines = [verdict]
    for item in unmet:
        found = (" " + tr.ngettext("({n} place to fix)", "({n} places to fix)", len(item.details)).format(
            n=number(len(item.details)))) if item.details else ""
        title = _audit_title(item, tr).rstrip(".")
        lines.append(tr.gettext("Not met: {title}{found}.").format(title=title, found=found)
                     + (f" {_audit_note(item, tr)}" if item.note else ""))
    for item in review:
        lines.append(tr.gettext("For a person to check: {title}.").format(title=_audit_title(item, tr).rstrip(".")))
    return lines


def _audit_title(item: object, tr: Translator) -> str:
    """An audit item's title in ``tr``'s language (the item says it when it can)."""
    said = getattr(item, "said_title", None)
    return said(tr) if callable(said) else tr.gettext(str(getattr(item, "title", "")))


def _audit_note(item: object, tr: Translator) -> str:
    """An audit item's note in ``tr``'s language (the item says it when it can)."""
    said = getattr(item, "said_note", None)
    return said(tr) if callable(said) else str(getattr(item, "note", ""))


def located_sort_key(text: str) -> tuple:
    """Sort key putting ``FILE:ROW:COLUMN: ...`` problems in file, then row (as a number), then column order."""
    match = _LOCATED.match(str(text))
    if not match:
        return ("\uffff", 0, "", str(text))
    row = -1 if match.group(2) == "-" else int(match.group(2))
    return (match.group(1), row, match.group(3) or "", str(text))


def sorted_problems(lines: Sequence[str]) -> list[str]:
    """Problems sorted by file, row and column (rows compared as numbers, so row 3 comes before row 12)."""
    return sorted((str(line) for line in lines), key=located_sort_key)
