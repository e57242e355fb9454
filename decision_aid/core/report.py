"""The consultation summary the patient takes home, as a PDF.

Built with reportlab's page-flow layout; the charts are the same matplotlib
drawings the window shows (:mod:`decision_aid.core.charts`), rendered to
images. Every piece of text from a data or session file is escaped before it
reaches reportlab's paragraph markup, so it is printed literally.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
from collections.abc import Sequence
from typing import Protocol
from xml.sax.saxutils import escape

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Table, TableStyle

from .. import NOT_ADVICE, __version__
from .atomic import atomic_write_bytes
from .charts import draw_contributions, draw_pictographs, draw_timeline, side_effect_sentence
from .comparison import comparison_rows
from .errors import ExportError
from .scoring import Limits, Ranking, Scorer, importance_words
from .session import Session
from .table import DecisionTable

PAGE_SIZES = {"a4": A4, "letter": LETTER}
#: Body text size in points: large enough to read without glasses for most people.
BODY_PT = 12
_DPI = 200


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=BODY_PT,
                          leading=BODY_PT * 1.35, alignment=TA_LEFT, spaceAfter=4)
    return {
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=22, leading=27,
                                spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10, leading=12.5, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName="Helvetica-Bold", fontSize=10,
                                   leading=12.5, spaceAfter=0),
        "notice": ParagraphStyle("notice", parent=body, fontName="Helvetica-Bold", fontSize=BODY_PT,
                                 leading=BODY_PT * 1.35, borderColor=colors.black, borderWidth=1,
                                 borderPadding=6, spaceBefore=6, spaceAfter=10),
        "warning": ParagraphStyle("warning", parent=body, borderColor=colors.black, borderWidth=2,
                                  borderPadding=6, spaceBefore=4, spaceAfter=10),
    }


def text(value: object) -> str:
    """Escape data text for reportlab's paragraph markup; keep line breaks."""
    return escape(str(value)).replace("\n", "<br/>")


def discussed_options(table: DecisionTable, session: Session, ranking: Ranking | None) -> list[str]:
    """The options the summary covers: those compared, plus the chosen one, in table order.

    With nothing compared or chosen, the top three of the ranking (or the first
    three options) stand in, so the summary is never empty.
    """
    known = set(table.ids)
    ids = [i for i in session.selected if i in known]
    if session.chosen in known and session.chosen not in ids:
        ids.append(session.chosen)
    if not ids:
        ids = ranking.order()[:3] if ranking is not None and len(ranking.scores) else table.ids[:3]
    return ids


def _figure_image(fig: Figure, width: float) -> Image:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI)
    w, h = fig.get_size_inches()
    buffer.seek(0)
    return Image(buffer, width=width, height=width * h / w)


class SummaryWriter(Protocol):
    """What the summary is written to: the PDF here, a printable QTextDocument in the window.

    Every ``text`` argument is plain text; writers must never interpret it as markup.
    """

    def heading(self, text: str, size: float = 16) -> None: ...
    def text(self, text: str, size: float = BODY_PT, bold: bool = False) -> None: ...
    def framed(self, text: str, bold: bool = True, border: float = 1.5) -> None: ...
    def grid(self, rows: Sequence[Sequence[str]]) -> None: ...
    def figure(self, fig: Figure) -> None: ...


def limits_words(table: DecisionTable, limits: Limits) -> list[str]:
    """The hard limits in plain words, one sentence each."""
    words = []
    if limits.exclude_categories:
        words.append("Leave out " + ", ".join(sorted(limits.exclude_categories)) + " options.")
    invasive = table.by_role("invasiveness")
    if limits.max_invasiveness is not None and invasive is not None:
        words.append(f"{invasive.label}: no more than {limits.max_invasiveness:g} on its scale "
                     f"({invasive.description})")
    if limits.contraindications:
        words.append("Applies to the patient: " + "; ".join(sorted(limits.contraindications)) + ".")
    return words


def session_ranking(table: DecisionTable, session: Session) -> Ranking | None:
    """The ranking the session's importances and limits give, or None when none are set."""
    columns = {c.column for c in table.criteria}
    importances = {k: v for k, v in (session.importances or {}).items() if k in columns}
    if not importances or sum(importances.values()) <= 0:
        return None
    return Scorer(table).score(importances, session.limits.allowed(table))


def write_summary(out: SummaryWriter, table: DecisionTable, session: Session, *,
                  today: dt.date | None = None) -> None:
    """Write the patient's summary, section by section, to ``out``.

    Sections: date and decision, the not-advice notice, the choice, the
    priorities and limits in words, the side-by-side grid, the ranking chart
    with the sensitivity sentence, the timeline, side effects of the chosen
    (or top) option, the SURE result, notes, when to see a doctor, sources and
    reviewed dates, and the notice again.
    """
    today = today or dt.date.today()
    out.heading("Your consultation summary", 22)
    out.text(f"Date: {today:%d %B %Y}")
    if table.about.get("condition"):
        out.text(f"Condition: {table.about['condition']}")
    if table.about.get("decision"):
        out.text(f"The decision: {table.about['decision']}")
    out.framed(NOT_ADVICE)

    ranking = session_ranking(table, session)
    ids = discussed_options(table, session, ranking)
    known = set(table.ids)
    out.heading("Your choice")
    out.text(f"You chose: {table.text(session.chosen, 'name')}." if session.chosen in known else "Not decided yet.")

    out.heading("What matters to you")
    columns = {c.column for c in table.criteria}
    importances = {k: v for k, v in (session.importances or {}).items() if k in columns}
    if importances:
        for value, criterion in sorted(((importances.get(c.column, 0.0), c) for c in table.criteria),
                                       key=lambda pair: -pair[0]):
            out.text(f"{criterion.label}: {importance_words(value)} ({value:g} out of 10)")
    else:
        out.text("How much each thing matters was not set in this consultation.")
    for line in limits_words(table, session.limits):
        out.text(line)

    out.heading("The options side by side")
    out.grid(comparison_rows(table, ids))

    if ranking is not None and len(ranking.scores):
        out.heading("Your ranking")
        out.text("This ranking mirrors what you said matters. It is not a recommendation. Each bar shows how much "
                 "each thing you weighed adds to an option's score (0 to 100).")
        fig = Figure(figsize=(7.5, 0.42 * min(len(ranking.scores), 12) + 2.0), layout="constrained")
        draw_contributions(fig.add_subplot(), ranking, table)
        out.figure(fig)
        out.text(Scorer(table).sensitivity(ranking).sentence(table))
        left_out = [i for i in table.ids if i not in ranking.scores.index]
        if left_out:
            out.text("Left out by the limits you set: " + "; ".join(
                f"{table.text(i, 'name')} ({', '.join(session.limits.reasons(table, i))})" for i in left_out), 10)

    focus = session.chosen if session.chosen in known else (
        ranking.top if ranking is not None and ranking.top else ids[0])
    if table.by_role("onset") is not None or table.by_role("duration") is not None:
        out.heading("When relief might start and how long it might last")
        fig = Figure(figsize=(7.5, 0.5 * len(ids) + 2.0), layout="constrained")
        draw_timeline(fig.add_subplot(), table, ids)
        out.figure(fig)
    effects = table.side_effects_of(focus)
    out.heading(f"Side effects: {table.text(focus, 'name')}")
    if len(effects):
        fig = Figure(figsize=(7.5, 3.4 * math.ceil(len(effects) / 2)), layout="constrained")
        draw_pictographs(fig, table, focus)
        out.figure(fig)
        for _, row in effects.iterrows():
            out.text(side_effect_sentence(row), 10)
    else:
        out.text("No figure for how many people out of 100 get each side effect was found. Side effects listed: "
                 + ("; ".join(table.items(focus, "common_side_effects")) or "none listed") + ".")

    out.heading("How sure you feel (SURE test)")
    out.text(session.sure.summary())
    prompt = session.sure.clinician_prompt()
    if prompt:
        out.text(prompt, 10)

    if session.notes_patient.strip() or session.notes_clinician.strip():
        out.heading("Notes")
        if session.notes_patient.strip():
            out.text("Your notes: " + session.notes_patient.strip())
        if session.notes_clinician.strip():
            out.text("Clinician's notes: " + session.notes_clinician.strip())

    out.heading("WARNING: when to see a doctor")
    for option_id in ids:
        items = table.items(option_id, "see_doctor_if")
        if items:
            out.framed(table.text(option_id, "name") + "\n" + "\n".join("- " + item for item in items),
                       bold=False, border=2)

    out.heading("Where the information comes from")
    for option_id in ids:
        out.text(f"{table.text(option_id, 'name')} (reviewed {table.text(option_id, 'reviewed')}):", 10, bold=True)
        for source in table.items(option_id, "sources"):
            out.text(source, 10)
    for label, key in (("Authors", "authors"), ("Funding", "funding"), ("Published", "published"),
                       ("Update policy", "update_policy")):
        if table.about.get(key):
            out.text(f"{label}: {table.about[key]}", 10)
    out.framed(NOT_ADVICE)


class _PdfWriter:
    """A :class:`SummaryWriter` that collects reportlab flowables."""

    def __init__(self, frame_width: float) -> None:
        self.width = frame_width
        self.story: list = []
        self._styles = _styles()
        self._section = 0  # index in the story of the last heading

    def heading(self, text_: str, size: float = 16) -> None:
        style = self._styles["title" if size > 18 else "h2"]
        self._section = len(self.story)
        self.story.append(Paragraph(text(text_), style))

    def text(self, text_: str, size: float = BODY_PT, bold: bool = False) -> None:
        style = self._styles["small" if size < BODY_PT else "body"]
        markup = text(text_)
        self.story.append(Paragraph(f"<b>{markup}</b>" if bold else markup, style))

    def framed(self, text_: str, bold: bool = True, border: float = 1.5) -> None:
        style = self._styles["notice" if bold else "warning"]
        lines = text_.split("\n")
        markup = "<br/>".join(text(line) for line in lines) if bold else \
            "<b>" + text(lines[0]) + "</b>" + "".join("<br/>" + text(line) for line in lines[1:])
        self.story.append(Paragraph(markup, style))

    def grid(self, rows: Sequence[Sequence[str]]) -> None:
        s = self._styles
        data = [[Paragraph(text(cell), s["cellhead" if r == 0 or c == 0 else "cell"]) for c, cell in enumerate(row)]
                for r, row in enumerate(rows)]
        first = 32 * mm
        rest = (self.width - first) / max(1, len(rows[0]) - 1)
        table = Table(data, colWidths=[first] + [rest] * (len(rows[0]) - 1), repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]))
        self.story.append(table)

    def figure(self, fig: Figure) -> None:
        # A chart starts a new page rather than leave its heading and introduction behind.
        lead = self.story[self._section:]
        del self.story[self._section:]
        self.story.append(KeepTogether([*lead, _figure_image(fig, self.width)]))


def build_story(table: DecisionTable, session: Session, *, frame_width: float,
                today: dt.date | None = None) -> list:
    """The reportlab flowables of the summary."""
    writer = _PdfWriter(frame_width)
    write_summary(writer, table, session, today=today)
    return writer.story


def summary_pdf(table: DecisionTable, session: Session, *, page_size: str = "a4",
                today: dt.date | None = None) -> bytes:
    """The summary as PDF bytes.

    Parameters
    ----------
    page_size
        ``"a4"`` or ``"letter"``.
    """
    try:
        size = PAGE_SIZES[page_size.lower()]
    except KeyError:
        raise ExportError(f"'{page_size}' is not a page size; use A4 or Letter") from None
    buffer = io.BytesIO()
    margin = 16 * mm
    doc = SimpleDocTemplate(buffer, pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin + 6 * mm, title="Consultation summary",
                            author="Decision aid", subject=table.about.get("condition", ""),
                            creator=f"decision-aid {__version__}")

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(margin, margin - 2 * mm, "Supports a conversation with your clinician; not medical advice.")
        canvas.drawRightString(size[0] - margin, margin - 2 * mm, f"Page {document.page}")
        canvas.restoreState()

    doc.build(build_story(table, session, frame_width=doc.width, today=today), onFirstPage=footer,
              onLaterPages=footer)
    return buffer.getvalue()


def export_summary_pdf(path: str | os.PathLike[str], table: DecisionTable, session: Session, *,
                       page_size: str = "a4", today: dt.date | None = None) -> None:
    """Write the summary to ``path`` atomically (the old file stays whole on failure)."""
    atomic_write_bytes(path, summary_pdf(table, session, page_size=page_size, today=today), error=ExportError)


def known_ids(table: DecisionTable, ids: Sequence[str]) -> list[str]:
    return [i for i in ids if i in set(table.ids)]
