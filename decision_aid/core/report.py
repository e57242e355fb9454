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
from xml.sax.saxutils import escape

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

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
                             spaceBefore=10, spaceAfter=4),
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


def _limits_words(table: DecisionTable, limits: Limits) -> list[str]:
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


def build_story(table: DecisionTable, session: Session, *, frame_width: float,
                today: dt.date | None = None) -> list:
    """The flowables of the summary (exposed for tests and for printing)."""
    s = _styles()
    today = today or dt.date.today()
    story: list = []
    story.append(Paragraph("Your consultation summary", s["title"]))
    story.append(Paragraph(text(f"Date: {today:%d %B %Y}"), s["body"]))
    if table.about.get("condition"):
        story.append(Paragraph(text(f"Condition: {table.about['condition']}"), s["body"]))
    if table.about.get("decision"):
        story.append(Paragraph(text(f"The decision: {table.about['decision']}"), s["body"]))
    story.append(Paragraph(text(NOT_ADVICE), s["notice"]))

    ranking: Ranking | None = None
    scorer = Scorer(table)
    known_importances = None
    if session.importances:
        known_importances = {k: v for k, v in session.importances.items() if k in {c.column for c in table.criteria}}
        if known_importances and sum(known_importances.values()) > 0:
            ranking = scorer.score(known_importances, session.limits.allowed(table))
    ids = discussed_options(table, session, ranking)

    story.append(Paragraph("Your choice", s["h2"]))
    if session.chosen and session.chosen in set(table.ids):
        story.append(Paragraph(text(f"You chose: {table.text(session.chosen, 'name')}."), s["body"]))
    else:
        story.append(Paragraph("Not decided yet.", s["body"]))

    story.append(Paragraph("What matters to you", s["h2"]))
    if known_importances:
        rows = sorted(((known_importances.get(c.column, 0.0), c) for c in table.criteria),
                      key=lambda pair: -pair[0])
        for value, criterion in rows:
            story.append(Paragraph(text(f"{criterion.label}: {importance_words(value)} ({value:g} out of 10)"),
                                   s["body"]))
    else:
        story.append(Paragraph("How much each thing matters was not set in this consultation.", s["body"]))
    for line in _limits_words(table, session.limits):
        story.append(Paragraph(text(line), s["body"]))

    story.append(CondPageBreak(60 * mm))
    story.append(Paragraph("The options side by side", s["h2"]))
    grid = comparison_rows(table, ids)
    data = [[Paragraph(text(cell), s["cellhead" if r == 0 or c == 0 else "cell"]) for c, cell in enumerate(row)]
            for r, row in enumerate(grid)]
    first = 32 * mm
    rest = (frame_width - first) / max(1, len(ids))
    grid_table = Table(data, colWidths=[first] + [rest] * len(ids), repeatRows=1)
    grid_table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    story.append(grid_table)

    if ranking is not None and len(ranking.scores):
        fig = Figure(figsize=(7.5, 0.42 * min(len(ranking.scores), 12) + 2.0), layout="constrained")
        draw_contributions(fig.add_subplot(), ranking, table)
        story.append(KeepTogether([
            Paragraph("Your ranking", s["h2"]),
            Paragraph("This ranking mirrors what you said matters. It is not a recommendation. "
                      "Each bar shows how much each thing you weighed adds to an option's score "
                      "(0 to 100).", s["body"]),
            _figure_image(fig, frame_width)]))
        story.append(Paragraph(text(scorer.sensitivity(ranking).sentence(table)), s["body"]))
        left_out = [i for i in table.ids if i not in ranking.scores.index]
        if left_out:
            story.append(Paragraph(text("Left out by the limits you set: " + "; ".join(
                f"{table.text(i, 'name')} ({', '.join(session.limits.reasons(table, i))})" for i in left_out)),
                s["small"]))

    focus = session.chosen if session.chosen in set(table.ids) else (
        ranking.top if ranking is not None and ranking.top else ids[0])
    if table.by_role("onset") is not None or table.by_role("duration") is not None:
        story.append(CondPageBreak(80 * mm))
        story.append(Paragraph("When relief might start and how long it might last", s["h2"]))
        fig = Figure(figsize=(7.5, 0.5 * len(ids) + 2.0), layout="constrained")
        draw_timeline(fig.add_subplot(), table, ids)
        story.append(_figure_image(fig, frame_width))
    effects = table.side_effects_of(focus)
    story.append(CondPageBreak(80 * mm))
    story.append(Paragraph(text(f"Side effects: {table.text(focus, 'name')}"), s["h2"]))
    if len(effects):
        rows = math.ceil(len(effects) / 2)
        fig = Figure(figsize=(7.5, 3.4 * rows), layout="constrained")
        draw_pictographs(fig, table, focus)
        story.append(_figure_image(fig, frame_width * (1.0 if len(effects) > 1 else 0.6)))
        for _, row in effects.iterrows():
            story.append(Paragraph(text(side_effect_sentence(row)), s["small"]))
    else:
        story.append(Paragraph(text("No figure for how many people out of 100 get each side effect was found. "
                                    "Side effects listed: " + ("; ".join(table.items(focus, "common_side_effects"))
                                                               or "none listed") + "."), s["body"]))

    story.append(Paragraph("How sure you feel (SURE test)", s["h2"]))
    story.append(Paragraph(text(session.sure.summary()), s["body"]))
    prompt = session.sure.clinician_prompt()
    if prompt:
        story.append(Paragraph(text(prompt), s["small"]))

    if session.notes_patient.strip() or session.notes_clinician.strip():
        story.append(Paragraph("Notes", s["h2"]))
        if session.notes_patient.strip():
            story.append(Paragraph(text("Your notes: " + session.notes_patient.strip()), s["body"]))
        if session.notes_clinician.strip():
            story.append(Paragraph(text("Clinician's notes: " + session.notes_clinician.strip()), s["body"]))

    warnings: list = [Paragraph("WARNING: when to see a doctor", s["h2"])]
    for option_id in ids:
        items = table.items(option_id, "see_doctor_if")
        if items:
            warnings.append(Paragraph(
                "<b>" + text(table.text(option_id, "name")) + "</b><br/>"
                + "<br/>".join("- " + text(item) for item in items), s["warning"]))
    story.append(KeepTogether(warnings[:2]))
    story.extend(warnings[2:])

    story.append(Paragraph("Where the information comes from", s["h2"]))
    for option_id in ids:
        story.append(Paragraph(text(f"{table.text(option_id, 'name')} (reviewed {table.text(option_id, 'reviewed')}):"),
                               s["cellhead"]))
        for source in table.items(option_id, "sources"):
            story.append(Paragraph(text(source), s["small"]))
    about = table.about
    facts = [("Authors", "authors"), ("Funding", "funding"), ("Published", "published"),
             ("Update policy", "update_policy")]
    lines = [f"{label}: {about[key]}" for label, key in facts if about.get(key)]
    if lines:
        story.append(Spacer(1, 4))
        for line in lines:
            story.append(Paragraph(text(line), s["small"]))
    story.append(Spacer(1, 6))
    story.append(Paragraph(text(NOT_ADVICE), s["notice"]))
    return story


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
