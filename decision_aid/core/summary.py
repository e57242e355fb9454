"""The take-home sheet, written section by section to any writer.

:func:`write_summary` decides what the sheet says, in what order; a
:class:`SummaryWriter` decides how it looks. The PDF
(:mod:`decision_aid.core.report`) and the window's printing both write
through it, so the two always say the same thing, in the words of
:mod:`decision_aid.core.words`. matplotlib is imported only when a chart is
drawn, so importing this module stays cheap.

The sheet, for a patient at the kitchen table (three pages in English on A4
or Letter for four compared options):

1. the decision and the patient's voice: condition and decision, what they
   chose, what matters to them (only importances they set), their limits,
   the SURE result, their notes, questions for the next visit, what happens
   next, and "when to see a doctor" once, in a box that stands out;
2. the options side by side: the questions a patient asks first, each option
   headed by its certainty and guideline stance in words, long cells cut with
   "more in the app";
3. the ranking, when the patient set importances: the chart and every option
   in one line each, ruled-out options with their reasons; side effects out
   of 100 people as a compact row of icon arrays; the sources the sheet cites.

The clinician's version (``clinician=True``) adds the clinician's notes and
where each compared option's figures come from, on pages of their own; the
patient's sheet never holds them.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .. import NOT_ADVICE
from .i18n import ENGLISH, Translator
from .scoring import Ranking, Scorer
from .session import Session
from .table import DecisionTable, Role
from .words import cited_keys, date_words, parse_sources, source_lines
from .words import sheet as words
from .words.grid import QUESTION_HEADING, grid_rows
from .words.ranking import (MIRROR, can_rank, given_importances, importance_lines, left_out, limits_lines,
                            ranking_lines, ranking_notes, uncertainty_sentence)
from .words.sources import reference_of
from .words.window import condition_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Body text size in points: large enough to read without glasses for most people.
BODY_PT = 12
#: Grid text size in points (also the ranking list and the sentences about the chart).
GRID_PT = 11
#: Footer, chart tick labels and the reference list.
SMALL_PT = 9
#: Questions of the grid the sheet prints, in this order; the rest are left to the app. A criterion
#: of the table's own (not one of the window's questions) is printed too, after these.
SHEET_ROWS = ("what", "benefit", "guidelines", "invasive", "soon", "lasts", "visits", "common", "serious")
#: Longest text of one grid cell on paper (the rest is "more in the app"); per question where it differs.
CELL_CHARS = 56
ROW_CHARS = {"what": 90, "guidelines": 84, "common": 56, "serious": 60, "howmany": 80}
#: Ends a grid cell cut to fit paper; the note under the grid says the rest is in the app.
CUT = "\u2026"
#: Longest text of a free-text cell elsewhere on the sheet (a note, a summary).
TEXT_CHARS = 600
#: Most questions for the next visit printed (the table may list more; the first are the ones it puts first).
MAX_QUESTIONS = 6
#: Most pictographs drawn in the row of icon arrays; the rest are in the grid in words.
MAX_PICTOGRAPHS = 4
#: Most references printed (9 pt, one line each); the rest are in the app.
MAX_SOURCES = 24
#: Longest reference on paper.
SOURCE_CHARS = 96


def discussed_options(table: DecisionTable, session: Session, ranking: Ranking | None) -> list[str]:
    """The options the sheet covers: those compared, plus the chosen one, in the order compared.

    With nothing compared or chosen, the top three of the ranking (or the first
    three options) stand in, so the sheet is never empty.
    """
    known = set(table.ids)
    ids = [i for i in session.selected if i in known]
    if session.chosen in known and session.chosen not in ids:
        ids.append(session.chosen)
    if not ids:
        ids = ranking.order()[:3] if ranking is not None and len(ranking.scores) else table.ids[:3]
    return ids[:4]


class SummaryWriter(Protocol):
    """What the sheet is written to: the PDF here, a printable QTextDocument in the window.

    Every ``text`` argument is plain text; writers must never interpret it as markup. A writer may
    also offer ``labelled(label, text)`` (a short section: its heading run into its text); without it
    the section is written as a heading and a paragraph.
    """

    def title(self, text: str) -> None: ...
    def heading(self, text: str) -> None: ...
    def text(self, text: str, size: float = BODY_PT, bold: bool = False) -> None: ...
    def bullets(self, items: Sequence[str], size: float = BODY_PT) -> None: ...
    def framed(self, heading: str, lines: Sequence[str], warning: bool = False) -> None: ...
    def grid(self, corner: str, header: Sequence[Sequence[str]], rows: Sequence[Sequence[str]]) -> None: ...
    def figure(self, fig: Figure, width_fraction: float = 1.0) -> None: ...
    def page_break(self, wide: bool = False) -> None: ...


def _labelled(out: SummaryWriter, label: str, text: str) -> None:
    labelled = getattr(out, "labelled", None)
    if labelled is not None:
        labelled(label, text)
    else:
        out.heading(label)
        out.text(text)


def session_ranking(table: DecisionTable, session: Session) -> Ranking | None:
    """The ranking the session's importances and limits give, or None when none are set."""
    importances = given_importances(table, session.importances)
    if not can_rank(importances):
        return None
    return Scorer(table).score(importances, session.limits.allowed(table))


def sheet_rows(table: DecisionTable, ids: Sequence[str], tr: Translator = ENGLISH) -> list[list[str]]:
    """The grid the sheet prints: the first questions of the window's grid, each cell cut to fit paper."""
    rows = {row.key: row for row in grid_rows(table, list(ids), tr=tr)}
    keys = [key for key in SHEET_ROWS if key in rows] + [key for key in rows if key not in _KNOWN_KEYS]
    return [[rows[key].title, *(sheet_cell(rows[key].cells[i].text, key, tr) for i in ids)] for key in keys]


def sheet_cell(text: str, key: str, tr: Translator = ENGLISH) -> str:
    """One cell of the window's grid as the sheet prints it (see :data:`ROW_CHARS`)."""
    limit = ROW_CHARS.get(key, CELL_CHARS)
    text = str(text)
    if key == "what":                     # what it is in a sentence or two: the first line
        return _cut(text.partition("\n")[0], limit)
    if key in ("common", "serious", "howmany"):   # lists: whole words, then the mark of more
        return _cut(text.replace("\n", " "), limit)
    first, _, rest = text.partition("\n")       # the value (with its range and level) whole, then its caveat
    if not rest:
        return _cut(first, limit) if key == "guidelines" else first
    lines = rest.split("\n")
    level = "(" + tr.gettext("level {value} of {max}").partition("{")[0]
    if lines[0].startswith(level):                # a level belongs with its words
        first, lines = first + " " + lines[0], lines[1:]
    rest = " ".join(lines)
    if not rest:
        return first
    room = limit - len(first)
    return first + ("\n" + _cut(rest, room) if room >= 24 else " " + CUT)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in :data:`CUT` when shortened: after a whole
    sentence or clause when one ends in the second half, else after a word."""
    if len(text) <= limit:
        return text
    head = text[:max(1, limit - 2)]
    clause = max(head.rfind(mark) for mark in (". ", "; ", ": "))
    if clause > len(head) // 2:
        return head[:clause + 1].rstrip(",;:") + " " + CUT
    space = head.rfind(" ")
    if space > len(head) // 2:
        head = head[:space]
    return head.rstrip(" ,;:.(") + CUT


#: Keys of the window's grid rows that are not criteria of a table's own (those are printed too).
_KNOWN_KEYS = frozenset({"what", "invasive", "soon", "lasts", "visits", "benefit", "harm", "common", "howmany",
                         "serious", "cautions", "evidence", "guidelines", "doctor"})


def write_summary(out: SummaryWriter, table: DecisionTable, session: Session, *,
                  today: dt.date | None = None, tr: Translator = ENGLISH, clinician: bool = False) -> None:
    """Write the patient's take-home sheet, section by section, to ``out`` (see the module docstring).

    ``clinician``: add the clinician's notes and where the figures come from, after the patient's sheet.
    """
    today = today or dt.date.today()
    ranking = session_ranking(table, session)
    ids = discussed_options(table, session, ranking)
    _first_page(out, table, session, today, tr)
    out.framed(tr.gettext(words.DOCTOR), words.doctor_items(table, ids), warning=True)
    out.page_break(wide=True)       # the options side by side on a landscape page, where four columns fit
    out.heading(tr.gettext(words.OPTIONS))
    out.grid(tr.gettext(QUESTION_HEADING), [words.option_header(table, i, tr) for i in ids], sheet_rows(table, ids, tr))
    out.text(tr.gettext(words.MORE_IN_APP), GRID_PT)
    out.page_break()
    if ranking is not None:
        _ranking(out, table, session, ranking, tr)
    _side_effects(out, table, ids, tr)
    _sources(out, table, ids, tr)
    if not getattr(out, "footer_says_not_advice", False):   # the PDF says it at the foot of every page
        out.text(tr.gettext(NOT_ADVICE), BODY_PT, bold=True)
    if clinician:
        out.page_break()
        _clinician(out, table, session, ids, tr)


def _first_page(out: SummaryWriter, table: DecisionTable, session: Session, today: dt.date,
                tr: Translator) -> None:
    out.title(tr.gettext("{title}, {date}").format(title=tr.gettext(words.TITLE), date=date_words(today.isoformat(), tr=tr)))
    said = []
    if table.about.get("condition", "").strip():
        said.append(words.condition_line(words.cut(condition_name(table) + ".", TEXT_CHARS, tr), tr))
    decision = table.about.get("decision", "").strip()
    if decision:
        said.append(words.decision_line(words.cut(decision, TEXT_CHARS, tr), tr))
    if said:
        out.text(" ".join(said))
    out.framed("", [tr.gettext(NOT_ADVICE)])

    known = set(table.ids)
    _labelled(out, tr.gettext(words.DECISION),
              words.chose(table.text(session.chosen, "name"), tr) if session.chosen in known
              else tr.gettext(words.NOT_DECIDED))
    out.heading(tr.gettext(words.PRIORITIES))
    out.bullets(importance_lines(table, session.importances, tr=tr))
    limits = limits_lines(table, session.limits, tr=tr)
    if len(limits) == 1:
        _labelled(out, tr.gettext(words.LIMITS), limits[0])
    elif limits:
        out.heading(tr.gettext(words.LIMITS))
        out.bullets(limits)
    else:
        _labelled(out, tr.gettext(words.LIMITS), tr.gettext(words.NO_LIMITS))
    _labelled(out, tr.gettext(words.SURE), session.sure.summary(tr=tr))
    if session.notes_patient.strip():
        _labelled(out, tr.gettext(words.NOTES), words.cut(session.notes_patient.strip(), TEXT_CHARS, tr))
    out.heading(tr.gettext(words.QUESTIONS))
    out.bullets([words.cut(q, 200, tr) for q in words.questions(table, tr)[:MAX_QUESTIONS]])
    _labelled(out, tr.gettext(words.NEXT), tr.gettext(words.NEXT_STEPS))


def _ranking(out: SummaryWriter, table: DecisionTable, session: Session, ranking: Ranking, tr: Translator) -> None:
    # Imported here, not at the top: drawing charts is the only part that needs matplotlib.
    from matplotlib.figure import Figure

    from .charts import draw_contributions, show_whiskers

    out.heading(tr.gettext(words.RANKING))
    out.text(tr.gettext(MIRROR), GRID_PT)
    order = ranking.order()
    if order:
        scorer = Scorer(table)
        uncertainty = scorer.uncertainty(dict(ranking.importances), limits=session.limits)
        # Bars 0.17 inch apart (11 pt names), and room under them for the legend in three columns.
        legend_rows = math.ceil((len(ranking.contributions.columns) + 2) / 3)
        fig = Figure(figsize=(CHART_WIDTH_IN, max(2.4 + 0.22 * legend_rows, 0.17 * len(order) + 1.42)),
                     layout="constrained")
        artists = draw_contributions(fig.add_subplot(), ranking, table, top_n=len(order), label_width=34, tr=tr,
                                     label_lines=1)
        show_whiskers(artists, uncertainty.score_low, uncertainty.score_high)
        artists.title.set_visible(False)         # the heading above says it
        _paper_legend(artists, tr)
        paper_sizes(fig)
        with warnings.catch_warnings():   # a squeezed layout still prints; the window warns of nothing here
            warnings.filterwarnings("ignore", message="constrained_layout not applied")
            out.figure(fig)
        # How sure the top of the ranking is (the chart's outlined parts are explained in its legend).
        sure = uncertainty_sentence(table, ranking, uncertainty, tr=tr).split(". ")[0].rstrip(".") + "."
        out.text(sure + " " + scorer.sensitivity(ranking).sentence(table, tr=tr), GRID_PT)
        out.bullets([words.rank_line(ranking.ranks[i], table.text(i, "name"), ranking.scores[i], tr)
                     for i in order], GRID_PT)
    # Both lists begin with the options the limits rule out, one line each.
    left = len(left_out(table, ranking))
    lines = ranking_lines(table, ranking, session.limits, tr=tr)
    ruled = lines[len(lines) - left:]
    cautions = ranking_notes(table, ranking, session.limits, tr=tr)[left:]
    if ruled or cautions:
        out.bullets([words.cut(line, 240, tr) for line in ruled + cautions], GRID_PT)


#: Width of a chart on paper, in inches: the text width of A4 and Letter with the sheet's margins.
CHART_WIDTH_IN = 7.2


def _paper_legend(artists, tr: Translator) -> None:
    """The ranking chart's legend in three columns, close under the axis (the window's is two columns,
    further down, to leave room for resizing)."""
    from .chart_style import _under_axes_from_left, footnote
    from .charts import MISSING_NOTE

    ax = artists.ax
    old = ax.get_legend()
    if old is None:
        return
    title = old.get_title().get_text()
    old.remove()
    handles, labels = ax.get_legend_handles_labels()
    legend = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.0, 0),
                       bbox_transform=_under_axes_from_left(ax, 30), fontsize=GRID_PT, frameon=False,
                       handlelength=2.0, handleheight=1.1, borderaxespad=0, alignment="left", ncols=3,
                       columnspacing=1.2, title=title or None, title_fontproperties={"size": GRID_PT, "weight": "bold"})
    artists.legend = legend
    if artists.footnote is not None:
        visible = artists.footnote.get_visible()
        artists.footnote.remove()
        artists.footnote = footnote(ax, tr.gettext(MISSING_NOTE), legend, 30)
        artists.footnote.set_visible(visible)


def paper_sizes(fig: Figure) -> None:
    """Set a chart's text to the sheet's sizes: tick labels at :data:`SMALL_PT`, all else at least
    :data:`GRID_PT` (the chart is printed at its own size, never scaled down)."""
    from matplotlib.text import Text

    ticks = {id(label) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
             for label in axis.get_ticklabels(which="both")}
    for artist in fig.findobj(Text):
        if id(artist) in ticks:
            artist.set_fontsize(SMALL_PT)
        elif artist.get_fontsize() < GRID_PT:
            artist.set_fontsize(GRID_PT)
    for ax in fig.axes:
        ax.tick_params(labelsize=SMALL_PT)
        legend = ax.get_legend()
        if legend is not None:
            title = legend.get_title()
            if title.get_fontsize() < GRID_PT:
                title.set_fontsize(GRID_PT)


def _side_effects(out: SummaryWriter, table: DecisionTable, ids: Sequence[str], tr: Translator) -> None:
    rows = [row for i in ids for _, row in table.side_effects_of(i).iterrows()]
    out.heading(tr.gettext(words.SIDE_EFFECTS))
    if not rows:
        out.text(tr.gettext(words.NO_EFFECT_FIGURES), GRID_PT)
        return
    from matplotlib.figure import Figure

    from .pictograph_chart import draw_pictograph_row

    drawn = rows[:MAX_PICTOGRAPHS]
    fig = Figure()
    draw_pictograph_row(fig, [(words.cut(f"{table.text(str(row['option_id']), 'name')}: {row['effect']}", 120, tr),
                               float(row["per_100"]), str(row.get("severity", "") or "")) for row in drawn], GRID_PT,
                        tr=tr)
    paper_sizes(fig)
    out.figure(fig)
    if len(rows) > MAX_PICTOGRAPHS:
        out.text(words.more_effects(len(rows) - MAX_PICTOGRAPHS, tr), GRID_PT)


def cited_references(table: DecisionTable, ids: Sequence[str]) -> list[tuple[str, str]]:
    """The references of the figures the sheet prints (key, in words where ``references.csv`` gives
    them), in the order met: the sources of the criteria in its grid (the side-effect burden level is
    left to the app) and of the side effects it draws out of 100."""
    printed = [f"{c.column}_source" for c in table.criteria if c.role != Role.SIDE_EFFECTS]
    effects = [row for i in ids for _, row in table.side_effects_of(i).iterrows()][:MAX_PICTOGRAPHS]
    cited: dict[str, str] = {}
    for option_id in ids:
        entries = parse_sources(table.text(option_id, "sources"))
        text = " ".join([table.text(option_id, column) for column in printed if column in table.options.columns]
                        + [str(row.get("source", "") or "") for row in effects
                           if str(row["option_id"]) == option_id])
        for key in cited_keys(text):
            if key in entries and key not in cited:
                reference = reference_of(table, key)
                said = reference.in_words or reference.citation if reference is not None else ""
                cited[key] = f"[{key}] {said}" if said else entries[key]
    return list(cited.items())


def _sources(out: SummaryWriter, table: DecisionTable, ids: Sequence[str], tr: Translator) -> None:
    """Only the references the sheet cites, said in words, one line each at 9 pt."""
    out.heading(tr.gettext(words.SOURCES))
    cited = cited_references(table, ids)
    lines = [_cut(line, SOURCE_CHARS) for _, line in cited[:MAX_SOURCES]]
    if len(cited) > MAX_SOURCES:
        lines.append(tr.gettext("More sources are listed in the app."))
    # One paragraph at 9 pt: a line per reference would leave most of each line empty.
    out.text(" \u2022 ".join(lines) if lines else tr.gettext("The options' sources are listed in the app."), SMALL_PT)
    reviewed = sorted({table.text(i, "reviewed") for i in ids if table.text(i, "reviewed")})
    about = []
    if reviewed:
        about.append(words.checked_line([date_words(d, tr=tr) for d in reviewed], tr))
    for label, key in (("Authors", "authors"), ("Funding", "funding"), ("Published", "published")):
        if table.about.get(key):
            about.append(words.about_line(label, words.cut(table.about[key], 200, tr), tr))
    if about:
        out.text(" ".join(line if line.endswith(".") else line + "." for line in about), SMALL_PT)


def _clinician(out: SummaryWriter, table: DecisionTable, session: Session, ids: Sequence[str],
               tr: Translator) -> None:
    """The clinician's pages: their notes, and every source of the compared options."""
    out.heading(tr.gettext(words.CLINICIAN))
    notes = session.notes_clinician.strip()
    _labelled(out, tr.gettext(words.CLINICIAN_NOTES), notes or tr.gettext("None written."))
    out.heading(tr.gettext(words.PROVENANCE))
    for option_id in ids:
        out.text(table.text(option_id, "name"), GRID_PT, bold=True)
        out.bullets(source_lines(table.text(option_id, "sources")) or [tr.gettext("No sources given.")], SMALL_PT)
    for key in ("limitations", "conflicts_of_interest", "update_policy"):
        if table.about.get(key):
            out.text(words.cut(table.about[key], 2000, tr), SMALL_PT)
