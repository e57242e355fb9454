"""The words of the take-home sheet that the window does not show elsewhere.

Qt-free. Headings, the default questions for the next visit, a guideline
stance and the certainty of the evidence in words, and how a cell too long
for paper is cut. The PDF and the printed page both take them from here.
"""

from __future__ import annotations

from ..table import DecisionTable, split_list

TITLE = "Your consultation summary"
#: Section headings, in the order the sheet prints them (each is a PDF bookmark too).
DECISION = "Your decision"
PRIORITIES = "What matters to you"
LIMITS = "Your hard limits"
SURE = "How sure you feel (SURE test)"
NOTES = "Notes"
QUESTIONS = "Questions to ask at your next visit"
NEXT = "What happens next"
OPTIONS = "The options side by side"
RANKING = "Your ranking"
SIDE_EFFECTS = "Side effects out of 100 people"
DOCTOR = "When to see a doctor"
SOURCES = "Where the information comes from"

NOT_DECIDED = "Not decided yet."
NO_LIMITS = "None set."
MORE_IN_APP = ("More in the app: how sure the evidence is for each figure, what each option is like, "
               "and where every figure comes from.")
NEXT_STEPS = ("Take this sheet home and talk it over with the people who matter to you. Nothing has to be decided "
              "today: bring the sheet to your next visit, with any new questions.")
CONTINUED = "\u2026 (more in the app)"
#: Asked when the table gives no ``questions`` row in ``about.csv``.
DEFAULT_QUESTIONS = (
    "What would tell us this treatment is working?",
    "How long should I try it before we look at it again?",
    "Which side effects should I watch for, and what should I do if they happen?",
    "What would happen if I waited and did nothing for now?",
)

#: Guideline stances (codes of ``guideline_stance``) in words.
STANCE_WORDS = {
    "recommended": "Guidelines recommend it",
    "consider": "Guidelines say it can be considered",
    "not_recommended": "Guidelines do not recommend it",
    "do_not_offer": "Guidelines say: do not offer it",
    "guidelines_disagree": "Guidelines disagree about it",
    "no_guidance": "No guideline advice found",
}


def stance_words(code: str) -> str:
    """A guideline stance code in words; "" when the table gives none."""
    return STANCE_WORDS.get(str(code).strip().lower(), "")


def certainty_words(level: str) -> str:
    """How sure the evidence is, as the sheet's option headers say it: ``"Low certainty"``."""
    key = " ".join(str(level).lower().replace("_", " ").split())
    return f"{key.capitalize()} certainty" if key else "Certainty not stated"


def option_header(table: DecisionTable, option_id: str) -> list[str]:
    """An option's column header on the sheet: its name, its certainty and its guideline stance in words."""
    lines = [table.text(option_id, "name"), certainty_words(table.text(option_id, "evidence"))]
    stance = stance_words(table.text(option_id, "guideline_stance"))
    if stance:
        lines.append(stance)
    return lines


def questions(table: DecisionTable) -> list[str]:
    """The questions for the next visit: the table's ``questions`` row, or the defaults."""
    given = split_list(table.about.get("questions", ""))
    return given or list(DEFAULT_QUESTIONS)


def cut(text: str, limit: int) -> str:
    """``text`` as it fits ``limit`` characters: cut at a word with :data:`CONTINUED` when longer."""
    text = str(text)
    if len(text) <= limit:
        return text
    room = max(1, limit - len(CONTINUED))
    head = text[:room]
    space = head.rfind(" ")
    if space > room // 2:
        head = head[:space]
    return head.rstrip(" ,;:") + " " + CONTINUED


def cut_cell(text: str, limit: int) -> str:
    """A grid cell as it fits ``limit`` characters: its first line (the value, with its range) whole,
    the rest cut with :data:`CONTINUED`, so a figure or a range is never cut in two."""
    first, _, rest = str(text).partition("\n")
    if not rest:
        return first
    room = limit - len(first)
    if room < len(CONTINUED) + 12:
        return first + "\n" + CONTINUED.lstrip("\u2026 ").strip("()").capitalize()
    return first + "\n" + cut(rest, room)


def doctor_items(table: DecisionTable, ids: list[str]) -> list[str]:
    """Every "see a doctor if" item of the options, once each, in the order first met."""
    seen: dict[str, str] = {}
    for option_id in ids:
        for item in table.items(option_id, "see_doctor_if"):
            seen.setdefault(" ".join(item.casefold().split()), item)
    return list(seen.values())
