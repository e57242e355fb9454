"""What each role of a criterion makes possible, and what is missing when no criterion plays it.

Qt-free. ``check`` notes every role no criterion has (a note, not an error:
roles are optional), and a view that needs a role says which one is missing
and how to add it instead of greying out without a word.
"""

from __future__ import annotations

from ..table import DecisionTable, Role

#: What a role makes possible, said after "Without a criterion with the role '...', ".
ROLE_FEATURES: dict[Role, str] = {
    Role.INVASIVENESS: "the 'Most invasive allowed' limit and the 'Avoid needles' quick choice cannot be used",
    Role.ONSET: "the timeline cannot show when relief starts, and the 'Fastest relief' quick choice cannot be used",
    Role.DURATION: "the timeline cannot show how long relief lasts",
    Role.VISITS: "the comparison has no 'How many visits?' question",
    Role.SIDE_EFFECTS: "the 'Fewest side effects' quick choice cannot be used",
    Role.BENEFIT: "the comparison has no 'How much might it help?' question, and timings cannot be tied to a benefit",
}


def missing_role(role: Role) -> str:
    """The note for one role no criterion plays, with how to add it."""
    return (f"No criterion has the role '{role.value}', so {ROLE_FEATURES[role]}. To add it, write "
            f"{role.value} in the role column of the matching row of criteria.csv.")


def missing_role_notes(table: DecisionTable) -> list[str]:
    """One note per role that no criterion of ``table`` plays, in the order of :class:`Role`."""
    return [missing_role(role) for role in Role if table.by_role(role) is None]
