"""What each role of a criterion makes possible, and what is missing when no criterion plays it.

Qt-free. ``check`` notes every role no criterion has (a note, not an error:
roles are optional), and a view that needs a role says which one is missing
and how to add it instead of greying out without a word.
"""

from __future__ import annotations

from ..i18n import ENGLISH, N_, Translator
from ..table import DecisionTable, Role

#: What a role makes possible, said after "Without a criterion with the role '...', ".
ROLE_FEATURES: dict[Role, str] = {
    Role.INVASIVENESS: N_("the 'Most invasive allowed' limit and the 'Avoid needles' quick choice cannot be used"),
    Role.ONSET: N_("the timeline cannot show when relief starts, and the 'Fastest relief' quick choice cannot be "
                   "used"),
    Role.DURATION: N_("the timeline cannot show how long relief lasts"),
    Role.VISITS: N_("the comparison has no 'How many visits?' question"),
    Role.SIDE_EFFECTS: N_("the 'Fewest side effects' quick choice cannot be used"),
    Role.BENEFIT: N_("the comparison has no 'How much might it help?' question, and timings cannot be tied to a "
                     "benefit"),
}


def missing_role(role: Role, *, tr: Translator = ENGLISH) -> str:
    """The note for one role no criterion plays, with how to add it (the role's code is never translated)."""
    return tr.gettext("No criterion has the role '{role}', so {consequence}. To add it, write {role} in the role "
                      "column of the matching row of criteria.csv.").format(
        role=role.value, consequence=tr.gettext(ROLE_FEATURES[role]))


def missing_role_notes(table: DecisionTable, *, tr: Translator = ENGLISH) -> list[str]:
    """One note per role that no criterion of ``table`` plays, in the order of :class:`Role`."""
    return [missing_role(role, tr=tr) for role in Role if table.by_role(role) is None]
