"""The words of the take-home sheet that the window does not show elsewhere.

Qt-free. Headings, the default questions for the next visit, an option's
header (its certainty and guideline stance, in the window's words), the
ranking in one line per option, and how a cell too long for paper is cut.
The PDF and the printed page both take them from here.

Every function that says something takes a :class:`~decision_aid.core.i18n.Translator`
(``tr``, English by default). Module constants are English message ids,
marked with :func:`N_` so ``pybabel extract -k N_`` finds them; they are
translated where they are used (``tr.gettext(TITLE)``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import ENGLISH, Translator
from ..table import DecisionTable, split_list
from .values import PATIENT
from .window import certainty_badge
from .window import stance_words as window_stance_words


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "marked, translated later")
    """Mark ``message`` for extraction; it is translated where it is used."""
    return message


TITLE = N_("Your consultation summary")
#: Section headings, in the order the sheet prints them (each is a PDF bookmark too).
DECISION = N_("Your decision")
PRIORITIES = N_("What matters to you")
LIMITS = N_("Your hard limits")
SURE = N_("How sure you feel (SURE test)")
NOTES = N_("Your notes")
QUESTIONS = N_("Questions to ask at your next visit")
NEXT = N_("What happens next")
OPTIONS = N_("The options side by side")
RANKING = N_("Your ranking")
SIDE_EFFECTS = N_("Side effects out of 100 people")
DOCTOR = N_("When to see a doctor")
SOURCES = N_("Where the information comes from")
CLINICIAN = N_("For the clinician (not part of the patient's sheet)")
CLINICIAN_NOTES = N_("Clinician's notes")
PROVENANCE = N_("Where each compared option's figures come from")

NOT_DECIDED = N_("Not decided yet.")
NO_LIMITS = N_("None set.")
MORE_IN_APP = N_("A cell ending in \u2026 goes on in the app, with where each figure comes from and what "
                 "to tell the practitioner first.")
NEXT_STEPS = N_("Talk it over at home with the people who matter to you. Nothing has to be decided today: "
                "bring this sheet and any new questions to your next visit.")
CHART_HELP = N_("Each bar shows how much each thing you weighed adds to an option's score (0 to 100).")
NO_EFFECT_FIGURES = N_("No figure for how many people out of 100 get each side effect was found for these "
                       "options. Their side effects are in the grid.")
CONTINUED = "\u2026 (more in the app)"
#: Asked when the table gives no ``questions`` row in ``about.csv``.
DEFAULT_QUESTIONS = (
    N_("What would tell us this treatment is working?"),
    N_("How long should I try it before we look at it again?"),
    N_("Which side effects should I watch for, and what should I do if they happen?"),
    N_("What would happen if I waited and did nothing for now?"),
)

#: Guideline stance codes, as the sheet says them: the window's words (see :mod:`.window`).
STANCE_CODES = ("recommended", "consider", "not_recommended", "do_not_offer", "guidelines_disagree",
                "no_guidance")


def stance_words(code: str, tr: Translator = ENGLISH) -> str:
    """A guideline stance code in the window's words; "" when the table gives none."""
    said = window_stance_words(str(code).strip().lower(), PATIENT)
    return tr.gettext(said) if said else ""


def certainty_words(level: str, tr: Translator = ENGLISH) -> str:
    """How sure the evidence is, as the window's option headers say it: ``"Low certainty"``."""
    return tr.gettext(certainty_badge(level, PATIENT))


def option_header(table: DecisionTable, option_id: str, tr: Translator = ENGLISH) -> list[str]:
    """An option's column header on the sheet: its name, its certainty and its guideline stance in words."""
    lines = [table.text(option_id, "name"), certainty_words(table.text(option_id, "evidence"), tr)]
    stance = stance_words(table.text(option_id, "guideline_stance"), tr)
    if stance:
        lines.append(stance)
    return lines


def chose(name: str, tr: Translator = ENGLISH) -> str:
    """The sentence that says what the patient chose."""
    return tr.gettext("You chose: {name}.").format(name=name)


def condition_line(condition: str, tr: Translator = ENGLISH) -> str:
    return tr.gettext("Condition: {condition}").format(condition=condition)


def decision_line(decision: str, tr: Translator = ENGLISH) -> str:
    return tr.gettext("The decision: {decision}").format(decision=decision)


def clinician_notes_line(notes: str, tr: Translator = ENGLISH) -> str:
    return tr.gettext("Clinician's notes: {notes}").format(notes=notes)


def patient_notes_line(notes: str, tr: Translator = ENGLISH) -> str:
    return tr.gettext("Your notes: {notes}").format(notes=notes)


def rank_line(rank: int, name: str, score: float, tr: Translator = ENGLISH) -> str:
    """One option of the ranking in one line: ``"1. Physiotherapy: 64 out of 100"``."""
    return tr.gettext("{rank}. {name}: {score} out of 100").format(
        rank=rank, name=name, score=tr.format_number(round(score)))


def more_effects(count: int, tr: Translator = ENGLISH) -> str:
    return tr.ngettext("{n} more side effect is listed in the app.", "{n} more side effects are listed in the app.",
                       count).format(n=tr.format_number(count))


def checked_line(dates: Sequence[str], tr: Translator = ENGLISH) -> str:
    return tr.gettext("Information last checked: {dates}.").format(dates=tr.format_list(list(dates)))


def about_line(label: str, value: str, tr: Translator = ENGLISH) -> str:
    """``"Authors: ..."``, ``"Funding: ..."``, ``"Published: ..."`` (``label`` is one of those English words)."""
    templates = {"Authors": N_("Authors: {value}"), "Funding": N_("Funding: {value}"),
                 "Published": N_("Published: {value}")}
    return tr.gettext(templates.get(label, "{label}: {value}")).format(label=label, value=value)


def questions(table: DecisionTable, tr: Translator = ENGLISH) -> list[str]:
    """The questions for the next visit: the table's ``questions`` row, or the defaults."""
    given = split_list(table.about.get("questions", ""))
    return given or [tr.gettext(q) for q in DEFAULT_QUESTIONS]


def cut(text: str, limit: int, tr: Translator = ENGLISH) -> str:
    """``text`` as it fits ``limit`` characters: cut at a word with :data:`CONTINUED` when longer."""
    text = str(text)
    if len(text) <= limit:
        return text
    continued = tr.gettext(CONTINUED)
    room = max(1, limit - len(continued))
    head = text[:room]
    space = head.rfind(" ")
    if space > room // 2:
        head = head[:space]
    return head.rstrip(" ,;:") + " " + continued


def cut_cell(text: str, limit: int, tr: Translator = ENGLISH) -> str:
    """A grid cell as it fits ``limit`` characters: its first line (the value, with its range) whole,
    the rest cut with :data:`CONTINUED`, so a figure or a range is never cut in two."""
    first, _, rest = str(text).partition("\n")
    if not rest:
        return first
    room = limit - len(first)
    if room < len(CONTINUED) + 12:
        return first + "\n" + tr.gettext("More in the app")
    return first + "\n" + cut(rest, room, tr)


def doctor_items(table: DecisionTable, ids: list[str]) -> list[str]:
    """Every "see a doctor if" item of the options, once each, in the order first met."""
    seen: dict[str, str] = {}
    for option_id in ids:
        for item in table.items(option_id, "see_doctor_if"):
            seen.setdefault(" ".join(item.casefold().split()), item)
    return list(seen.values())
