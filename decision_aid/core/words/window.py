"""Sentences the consultation window says about the table and the patient's choices (Qt-free).

One function per sentence, so the window, the patient screen and the tests
ask the same place; every function that words a value takes the layer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..table import DecisionTable, Role
from .sources import reference_of
from .values import (
    CLINICIAN,
    PATIENT,
    check_layer,
    date_words,
    evidence_words,
    format_number,
    people_in_100,
)

#: Guideline stance codes (options.csv ``guideline_stance``) in words, patient and clinician.
STANCE_WORDS: dict[str, tuple[str, str]] = {
    "recommended": ("Guidelines recommend it", "Guidelines: recommended"),
    "consider": ("Guidelines say it can be considered", "Guidelines: consider"),
    "not_recommended": ("Guidelines do not recommend it", "Guidelines: not recommended"),
    "do_not_offer": ("Guidelines say not to offer it", "Guidelines: do not offer"),
    "guidelines_disagree": ("Guidelines disagree about it", "Guidelines: disagree"),
    "no_guidance": ("No guideline advice", "Guidelines: no guidance"),
}

#: What each role lets the window do, for the sentence that says a role is missing.
ROLE_FEATURES: dict[Role, str] = {
    Role.INVASIVENESS: "the \"most invasive allowed\" limit and \"avoid needles\"",
    Role.ONSET: "\"fastest relief\" and the timeline's start of relief",
    Role.DURATION: "the timeline's length of relief",
    Role.VISITS: "the visits row of the comparison",
    Role.SIDE_EFFECTS: "\"fewest side effects\"",
    Role.BENEFIT: "the benefit row of the comparison",
}


def compare_room(ticked: int, most: int) -> str:
    """How many more options can be ticked, for the compare column's heading."""
    left = max(0, most - ticked)
    if left == 0:
        return "Compare (full)"
    return f"Compare ({left} more)"


def compare_hint(ticked: int, most: int) -> str:
    """The sentence under the options list about ticking."""
    left = max(0, most - ticked)
    if ticked == 0:
        return (f"Click a row (or press Space) to tick it. Tick 2 to {most} options to compare them "
                "side by side.")
    if left == 0:
        return f"{ticked} options ticked, the most that can be compared. Click a ticked row to untick it."
    more = f"{left} more can be ticked" if left != 1 else "1 more can be ticked"
    ticked_words = "1 option ticked" if ticked == 1 else f"{ticked} options ticked"
    return f"{ticked_words}; {more}."


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


def header_line(table: DecisionTable) -> str:
    """The line at the top of the window naming the condition and when the table was reviewed."""
    condition = condition_name(table) or "this condition"
    reviewed = table_reviewed(table)
    when = f" Evidence reviewed {date_words(reviewed)}." if reviewed else " Review date not stated."
    return f"Treatment options for {condition}: {len(table.ids)} options.{when}"


def other_table_note(table: DecisionTable) -> str:
    """Said at start-up when the table reopened is not the one that comes with the aid."""
    condition = condition_name(table) or "another condition"
    return (f"Opened the table used last time, from {table.folder} ({condition}). "
            "To go back to the table that comes with this aid, choose File > Open the bundled table.")


def missing_role(role: Role | str) -> str:
    """Why a feature is not available: no criterion has this role, and how to add it."""
    role = Role(role)
    feature = ROLE_FEATURES.get(role, "this feature")
    return (f"Not available for this table: no criterion has the role \"{role.value}\", which {feature} needs. "
            f"To add it, give the matching criterion the role {role.value} in the role column of criteria.csv.")


def missing_roles(table: DecisionTable) -> list[Role]:
    """The roles no criterion of ``table`` plays, in :class:`Role` order."""
    return [role for role in Role if table.by_role(role) is None]


def stance_words(code: str, layer: str = PATIENT) -> str:
    """A guideline stance code in words ("" when the table gives none)."""
    key = str(code or "").strip().lower()
    if not key:
        return ""
    words = STANCE_WORDS.get(key)
    if words is None:
        return f"Guidelines: {key.replace('_', ' ')}"
    return words[1] if check_layer(layer) == CLINICIAN else words[0]


def certainty_badge(level: str, layer: str = PATIENT) -> str:
    """How sure the evidence is, short enough for a badge under an option's name."""
    key = " ".join(str(level or "").lower().replace("_", " ").split())
    if not key:
        return "Certainty not stated"
    if check_layer(layer) == CLINICIAN:
        return f"GRADE: {key}"
    return f"{key.capitalize()} certainty" if key in ("high", "moderate", "low", "very low") else evidence_words(key)


def baseline_of(effect: object) -> float | None:
    """The rate on a dummy treatment per 100 (``baseline_per_100``), or None when not given."""
    value = getattr(effect, "baseline_per_100", None) if not isinstance(effect, dict) else effect.get(
        "baseline_per_100")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or number < 0 else number


def baseline_sentence(effect: object, layer: str = PATIENT) -> str:
    """The rate on a dummy treatment beside the treatment's own rate, or "" when the data has none."""
    baseline = baseline_of(effect)
    if baseline is None:
        return ""
    if check_layer(layer) == CLINICIAN:
        return f"On a dummy treatment: {format_number(baseline)} per 100."
    return f"On a dummy (placebo) treatment: {people_in_100(baseline)}."


def reference_words(table: DecisionTable, key: str) -> tuple[str, str]:
    """A reference key ("34" or "[34]") as (words for the patient, full citation for the hover).

    Uses the table's references (``references.csv``: ref, citation, in_words) when loaded;
    otherwise both are the key itself.
    """
    bare = str(key).strip().strip("[]").strip()
    entry = reference_of(table, bare)
    if entry is not None and (entry.in_words or entry.citation):
        return (entry.in_words or entry.citation, entry.citation or entry.in_words)
    return (f"reference {bare}", f"reference {bare}")


def source_in_words(table: DecisionTable, source: str) -> tuple[str, str]:
    """A source cell ("[16]", "[16][17]") as (words, hover text)."""
    keys = re.findall(r"\[([^\[\]]{1,20})\]", str(source or ""))
    if not keys:
        text = str(source or "").strip()
        return (f"Source: {text}" if text else "Source not given", text)
    pairs = [reference_words(table, k) for k in keys]
    return ("Source: " + "; ".join(p[0] for p in pairs), "\n".join(p[1] for p in pairs))


def patient_view_title(table: DecisionTable | None) -> str:
    """The title of the patient's screen."""
    condition = condition_name(table) if table is not None else ""
    return f"Treatment options for {condition}" if condition else "Treatment options"


def side_by_side_heading(names: Sequence[str]) -> str:
    """The heading of the side-effects tab."""
    if not names:
        return "Side effects: choose an option"
    if len(names) == 1:
        return f"Side effects: {names[0]}"
    return f"Side effects of the {len(names)} options ticked, each out of 100 people"


_MACHINE_SETTING = re.compile(r"[;,]?\s*\b[a-z]+(?:_[a-z]+)+\s*=\s*[^\s;,]+")
_LOCATED = re.compile(r"^\s*([^:\s]+\.csv):(\d+|-)(?::([^:\s]+))?")


def about_value(text: str) -> str:
    """An about.csv value as a reader sees it: machine settings such as ``update_months=12`` left out."""
    text = str(text or "").strip()
    cleaned, found = _MACHINE_SETTING.subn("", text)
    return " ".join(cleaned.split()).strip(" ;,") if found else text


def audit_sentences(report: object) -> list[str]:
    """An audit report as plain sentences: the verdict, then one sentence per criterion not plainly met."""
    items = list(getattr(report, "items", []))
    status = {item.id: str(item.status) for item in items}
    met = sum(1 for s in status.values() if s == "met")
    unmet = [item for item in items if str(item.status) == "not_met"]
    review = [item for item in items if str(item.status) == "human_review"]
    verdict = (f"This table was checked against {len(items)} criteria of the International Patient Decision Aid "
               f"Standards: {met} are met, {len(unmet)} are not met and {len(review)} need a person to judge them.")
    lines = [verdict]
    for item in unmet:
        found = f" ({len(item.details)} places to fix)" if item.details else ""
        lines.append(f"Not met: {item.title.rstrip('.')}{found}." + (f" {item.note}" if item.note else ""))
    for item in review:
        lines.append(f"For a person to check: {item.title.rstrip('.')}.")
    return lines


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
