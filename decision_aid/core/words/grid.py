"""The side-by-side comparison in words, in the spirit of Option Grid decision aids.

One column per option, one row per question patients ask. :func:`grid_rows`
is the only place the comparison is worded: the window's grid
(:class:`decision_aid.gui.grid.ComparisonGrid`) shows it, and the take-home
PDF, printing and the comparison CSV write it
(:func:`decision_aid.core.comparison.comparison_rows`).

Row keys, in order (a row whose criterion role or text column the table
lacks is left out):

=============  ============================================================
``what``       What is it? (summary and what it is like)
``invasive``   the criterion with role ``invasiveness``
``soon``       role ``onset``
``lasts``      role ``duration``
``visits``     role ``visits``
``benefit``    role ``benefit``
*column*       each criterion without one of those roles, keyed by its
               column (``criterion_<column>`` if that clashes with a key
               here), labelled with its label
``harm``       role ``side_effects``
``common``     common side effects
``howmany``    how many people get side effects (only if the table has
               ``side_effects.csv`` rows)
``serious``    serious risks
``evidence``   how sure the evidence is (GRADE in plain words)
``guidelines`` what guidelines say
``doctor``     when to see a doctor (framed, with a warning icon and the
               word "Warning")
=============  ============================================================

The same rows show in both layers (see :func:`ComparisonGrid.set_layer`);
only the words in the cells change. A value that is stale or unsourced
carries a marker in words ("⚠ not checked since 2024-01-01", "⚠ source not
given") in both layers. Clicking a cell, or pressing Enter or Space on it,
shows where it comes from in a panel under the grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import ENGLISH, N_, Translator
from ..table import Criterion, DecisionTable, Role
from .sources import ValueStatus, criterion_provenance, provenance, value_status
from .values import (BULLET, NO_FIGURE, NONE_LISTED, NOT_STATED, PATIENT, check_layer, evidence_text,
                     frequency_line, note_text, strip_citations, value_parts)

#: Heading of the framed row that says when to see a doctor.
WARNING_HEADING = N_("Warning: when to see a doctor")
#: Heading of the column of questions when the grid is written as a table (sheet, printing, CSV).
QUESTION_HEADING = N_("Question")
#: Heading of the comparison's last row when a ranking is written under it.
SCORE_HEADING = N_("Personal score (0-100, from the importances given)")


@dataclass(frozen=True)
class RoleWords:
    """How the grid asks about a criterion that plays a role."""

    key: str
    question: str


#: The question each role answers, in the order asked. Adding a role to
#: :class:`~decision_aid.core.table.Role` means adding its words here (a test checks every role has them).
#: The side-effect role is asked after the other criteria, beside the side-effect rows.
ROLE_WORDS: dict[Role, RoleWords] = {
    Role.INVASIVENESS: RoleWords("invasive", N_("How invasive is it?")),
    Role.ONSET: RoleWords("soon", N_("How soon might it help?")),
    Role.DURATION: RoleWords("lasts", N_("How long might relief last?")),
    Role.VISITS: RoleWords("visits", N_("How many visits?")),
    Role.BENEFIT: RoleWords("benefit", N_("How much might it help?")),
    Role.SIDE_EFFECTS: RoleWords("harm", N_("How much harm can it cause?")),
}
#: Roles asked before the other criteria; the rest follow them.
LEADING_ROLES = (Role.INVASIVENESS, Role.ONSET, Role.DURATION, Role.VISITS, Role.BENEFIT)
FIXED_KEYS = ("what", *(words.key for words in ROLE_WORDS.values()), "common", "howmany", "serious", "cautions",
              "evidence", "guidelines", "doctor")

# Line kinds: how a line of a cell is shown.
VALUE, TEXT, ITEM, MISSING, MARKER = "value", "text", "item", "missing", "marker"


@dataclass(frozen=True)
class Cell:
    """One option's answer to one question.

    Attributes
    ----------
    lines
        ``(text, kind)`` pairs shown one under the other; kind is
        ``"value"`` (the figure, bold), ``"text"``, ``"item"`` (one item of
        a list, shown with a bullet), ``"missing"`` (no reliable figure
        or nothing stated: italic, never hidden) or ``"marker"`` (the value
        is stale or unsourced, in words: "⚠ source not given").
    provenance
        Where the answer comes from and when it was reviewed (plain text).
    """

    lines: tuple[tuple[str, str], ...]
    provenance: str

    @property
    def text(self) -> str:
        return "\n".join(BULLET + text if kind == ITEM else text for text, kind in self.lines)

    @property
    def missing(self) -> bool:
        return any(kind == MISSING for _, kind in self.lines)

    @property
    def markers(self) -> list[str]:
        """The stale and unsourced markers of the cell."""
        return [text for text, kind in self.lines if kind == MARKER]


@dataclass(frozen=True)
class GridRow:
    """One question and every chosen option's answer to it."""

    key: str
    question: str
    subtitle: str = ""
    description: str = ""
    warning: bool = False
    cells: dict[str, Cell] = field(default_factory=dict)
    #: The framed row's heading in the reader's language.
    warning_heading: str = WARNING_HEADING

    @property
    def title(self) -> str:
        """The row's heading as shown: the warning heading for the framed row, else the question."""
        return self.warning_heading if self.warning else self.question

    @property
    def heading(self) -> str:
        """The title with the criterion's own label beneath it when the question does not say it."""
        return f"{self.title}\n({self.subtitle})" if self.subtitle else self.title


def _marked(lines: tuple[tuple[str, str], ...], status: ValueStatus, tr: Translator) -> tuple[tuple[str, str], ...]:
    return lines + tuple((mark, MARKER) for mark in status.markers(tr=tr))


def _list_cell(table: DecisionTable, option_id: str, column: str, layer: str, tr: Translator) -> Cell:
    items = [strip_citations(item) if layer == PATIENT else item for item in table.items(option_id, column)]
    lines = tuple((item, ITEM) for item in items if item) or ((tr.gettext(NONE_LISTED), MISSING),)
    status = value_status(table, option_id, column)
    return Cell(_marked(lines, status, tr),
                provenance(table, option_id, "", table.text(option_id, column), status=status, tr=tr))


def _text_cell(table: DecisionTable, option_id: str, column: str, layer: str, tr: Translator) -> Cell:
    text = note_text(table, option_id, column, layer)
    lines = ((text, TEXT),) if text else ((tr.gettext(NOT_STATED), MISSING),)
    status = value_status(table, option_id, column)
    return Cell(_marked(lines, status, tr),
                provenance(table, option_id, "", table.text(option_id, column), status=status, tr=tr))


def _frequency_cell(table: DecisionTable, option_id: str, layer: str, tr: Translator) -> Cell:
    rows = table.side_effects_of(option_id)
    if rows.empty:
        status = value_status(table, option_id)
        return Cell(_marked(((tr.gettext(NO_FIGURE), MISSING),), status, tr),
                    provenance(table, option_id, status=status, tr=tr))
    sources = [str(r.source or "").strip() for r in rows.itertuples()]
    status = value_status(table, option_id, source="" if not all(sources) else "given")
    lines = tuple((frequency_line(r, layer, tr=tr), ITEM) for r in rows.itertuples())
    given = "; ".join(dict.fromkeys(source for source in sources if source))
    return Cell(_marked(lines, status, tr), provenance(table, option_id, given, status=status, tr=tr))


def grid_rows(table: DecisionTable, ids: list[str], layer: str = PATIENT, *,
              tr: Translator = ENGLISH) -> list[GridRow]:
    """The questions and answers of the comparison, without Qt.

    Parameters
    ----------
    table
        The table the options come from.
    ids
        Option ids in the order their columns are shown.
    layer
        ``"patient"`` (plain words, no reference numbers) or
        ``"clinician"`` (numbers, ranges, GRADE, references); the rows are
        the same in both.
    tr
        The reader's language (questions, words and numbers; the table's own
        text is shown as the table gives it).

    Returns
    -------
    list of GridRow
        In the order given in the module docstring.
    """
    layer = check_layer(layer)
    rows: list[GridRow] = []

    def add(key: str, question: str, cell, **extra) -> None:
        rows.append(GridRow(key, question, cells={i: cell(i) for i in ids},
                            warning_heading=tr.gettext(WARNING_HEADING), **extra))

    def what(i: str) -> Cell:
        summary, like = (note_text(table, i, column, layer) for column in ("summary", "what_it_is_like"))
        lines = tuple((t, TEXT) for t in (summary, like) if t) or ((tr.gettext(NOT_STATED), MISSING),)
        status = value_status(table, i, "summary")
        raw = f"{table.text(i, 'summary')} {table.text(i, 'what_it_is_like')}"
        return Cell(_marked(lines, status, tr), provenance(table, i, "", raw, status=status, tr=tr))

    def criterion_row(key: str, question: str, criterion: Criterion) -> None:
        def cell(i: str) -> Cell:
            line, second, missing = value_parts(table, i, criterion, layer, tr=tr)
            if missing:
                lines: tuple[tuple[str, str], ...] = ((line, MISSING),)
            else:  # only the figure in bold; words that go with it read as normal text
                lines = ((line, VALUE),) + (((second, TEXT),) if second else ())
            note = note_text(table, i, criterion.column + "_note", layer)
            lines += ((note, TEXT),) if note else ()
            return Cell(_marked(lines, value_status(table, i, criterion.column), tr),
                        criterion_provenance(table, i, criterion, tr=tr))

        said = set(re.findall(r"\w+", question.lower()))
        subtitle = "" if set(re.findall(r"\w+", criterion.label.lower())) <= said else criterion.label
        add(key, question, cell, subtitle=subtitle, description=criterion.description)

    def evidence(i: str) -> Cell:
        level = table.text(i, "evidence")
        status = value_status(table, i, "evidence")
        lines = ((evidence_text(level, layer, tr=tr), TEXT if level.strip() else MISSING),)
        return Cell(_marked(lines, status, tr), provenance(table, i, status=status, tr=tr))

    add("what", tr.gettext("What is it?"), what)
    for role in LEADING_ROLES:
        criterion = table.by_role(role)
        if criterion is not None:
            criterion_row(ROLE_WORDS[role].key, tr.gettext(ROLE_WORDS[role].question), criterion)
    for criterion in table.criteria:
        if criterion.role is None:
            key = criterion.column if criterion.column not in FIXED_KEYS else f"criterion_{criterion.column}"
            criterion_row(key, criterion.label, criterion)
    harm = table.by_role(Role.SIDE_EFFECTS)
    if harm is not None:
        criterion_row(ROLE_WORDS[Role.SIDE_EFFECTS].key, tr.gettext(ROLE_WORDS[Role.SIDE_EFFECTS].question), harm)
    add("common", tr.gettext("Common side effects"),
        lambda i: _list_cell(table, i, "common_side_effects", layer, tr))
    if not table.side_effects.empty:
        add("howmany", tr.gettext("How many people get side effects?"),
            lambda i: _frequency_cell(table, i, layer, tr),
            description=tr.gettext("People out of 100 who get each side effect, as reported in studies."))
    add("serious", tr.gettext("Serious risks"), lambda i: _list_cell(table, i, "serious_risks", layer, tr))
    if "cautions" in table.options.columns:
        add("cautions", tr.gettext("Tell the practitioner first if"),
            lambda i: _list_cell(table, i, "cautions", layer, tr),
            description=tr.gettext("Cautions: these do not rule the option out, but the practitioner needs "
                                   "to know."))
    add("evidence", tr.gettext("How sure is the evidence?"), evidence,
        description=tr.gettext("Certainty of the evidence, rated with the GRADE system: high, moderate, low or "
                               "very low."))
    if "guidelines" in table.options.columns:
        add("guidelines", tr.gettext("What guidelines say"), lambda i: _text_cell(table, i, "guidelines", layer, tr))
    add("doctor", tr.gettext("When to see a doctor"), lambda i: _list_cell(table, i, "see_doctor_if", layer, tr),
        warning=True)
    return rows


# --------------------------------------------------------------------------- added for the on-screen grid (issue 15)

#: The questions a patient asks first, in the order the window's grid asks them (issue 15):
#: what it is, how it helps, how sure we are and what guidelines say, how invasive, how soon
#: and for how long, visits, side effects, serious risks. Each is one or more row keys.
FIRST_QUESTIONS: tuple[tuple[str, ...], ...] = (
    ("what",), ("benefit",), ("evidence", "guidelines"), ("invasive",), ("soon", "lasts"), ("visits",),
    ("common", "howmany"), ("serious",))


def first_questions_first(rows: list[GridRow]) -> list[GridRow]:
    """``rows`` with the rows of :data:`FIRST_QUESTIONS` first, in that order; the others follow in their order.

    The words of every row are unchanged; only the order differs (the on-screen
    grid fits the first questions on one screen).
    """
    first = [key for group in FIRST_QUESTIONS for key in group]
    by_key = {row.key: row for row in rows}
    return [by_key[key] for key in first if key in by_key] + [row for row in rows if row.key not in first]


def first_question_keys(rows: list[GridRow]) -> list[str]:
    """The keys of ``rows`` that answer one of :data:`FIRST_QUESTIONS`, in the order asked."""
    shown = {row.key for row in rows}
    return [key for group in FIRST_QUESTIONS for key in group if key in shown]
