"""The consultation summary the patient takes home, as a PDF.

What the summary says comes from :func:`decision_aid.core.summary.write_summary`;
this module lays it out with reportlab's page flow; the charts are the same matplotlib
drawings the window shows (:mod:`decision_aid.core.charts`), rendered to
images. Every piece of text from a data or session file is escaped before it
reaches reportlab's paragraph markup, so it is printed literally.
"""

from __future__ import annotations

import datetime as dt
import io
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
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Table, TableStyle

from .. import __version__
from .atomic import atomic_write_bytes
from .errors import ExportError
from .session import Session
from .summary import BODY_PT, write_summary
from .table import DecisionTable

PAGE_SIZES = {"a4": A4, "letter": LETTER}
_DPI = 200
#: The PDF's typeface: DejaVu Sans, shipped with matplotlib, embedded so Greek, Cyrillic, symbols
#: such as the warning sign and accented letters print as themselves (Helvetica has none of these).
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _register_fonts() -> None:
    from matplotlib import get_data_path
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(get_data_path(), "fonts", "ttf")
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT + "-Oblique", "DejaVuSans-Oblique.ttf"),
                       (FONT + "-BoldOblique", "DejaVuSans-BoldOblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, FONT + "-Oblique")
    addMapping(FONT, 1, 1, FONT + "-BoldOblique")


def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=BODY_PT,
                          leading=BODY_PT * 1.35, alignment=TA_LEFT, spaceAfter=4)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=22, leading=27,
                                spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=16, leading=20,
                             spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10, leading=12.5, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName=BOLD, fontSize=10,
                                   leading=12.5, spaceAfter=0),
        "notice": ParagraphStyle("notice", parent=body, fontName=BOLD, fontSize=BODY_PT,
                                 leading=BODY_PT * 1.35, borderColor=colors.black, borderWidth=1,
                                 borderPadding=6, spaceBefore=6, spaceAfter=10),
        "warning": ParagraphStyle("warning", parent=body, borderColor=colors.black, borderWidth=2,
                                  borderPadding=6, spaceBefore=4, spaceAfter=10),
    }


def text(value: object) -> str:
    """Escape data text for reportlab's paragraph markup; keep line breaks."""
    return escape(str(value)).replace("\n", "<br/>")


def _figure_image(fig: Figure, width: float) -> Image:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_DPI)
    w, h = fig.get_size_inches()
    buffer.seek(0)
    return Image(buffer, width=width, height=width * h / w)


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
        table = Table(data, colWidths=[first] + [rest] * (len(rows[0]) - 1), repeatRows=1, splitInRow=1)
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
        canvas.setFont(FONT, 9)
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
