"""The take-home sheet as a PDF.

What the sheet says comes from :func:`decision_aid.core.summary.write_summary`;
this module lays it out with reportlab's page flow. Charts are the same
matplotlib drawings the window shows, written as SVG and turned into
reportlab vector drawings (svglib), so their words (option names, scores)
are real text that a screen reader, a search or a copy finds. Text is set in
DejaVu Sans (shipped with matplotlib), embedded, so accented, Greek,
Cyrillic and symbol characters print as themselves.

Every piece of text from a data or session file is escaped before it
reaches reportlab's paragraph markup, so it is printed literally. The layout
never gives up: long cells are cut by the summary, table rows split across
pages, and a drawing taller than a page is scaled down to fit.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib.pagesizes import landscape
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, Table, TableStyle)

from .. import FOOTER_NOT_ADVICE, __version__
from .atomic import atomic_write_bytes
from .errors import ExportError
from .i18n import ENGLISH, Translator, msg
from .session import Session
from .summary import BODY_PT, GRID_PT, SMALL_PT, write_summary
from .table import DecisionTable
from .words import sheet as words

PAGE_SIZES = {"a4": A4, "letter": LETTER}
#: The PDF's typeface: DejaVu Sans, shipped with matplotlib, embedded so Greek, Cyrillic, symbols
#: such as the warning sign and accented letters print as themselves (Helvetica has none of these).
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
#: The sheet's language, written into the PDF (the words are English until the sheet is translated).
LANGUAGE = "en"
_MARGIN = 10 * mm
#: Room for the footer under the frame.
_FOOT = 3.5 * mm


def _register_fonts() -> None:
    from matplotlib import get_data_path
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from . import pdf_text

    pdf_text.register_fallback_fonts()
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
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_PT, leading=BODY_PT * 1.13, alignment=TA_LEFT,
                          spaceAfter=2)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=20, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=13.5, leading=16, spaceBefore=4,
                             spaceAfter=2, keepWithNext=1),
        "labelled": ParagraphStyle("labelled", parent=body, spaceBefore=2),
        "body": body,
        "bold": ParagraphStyle("bold", parent=body, fontName=BOLD),
        "grid": ParagraphStyle("grid", parent=body, fontSize=GRID_PT, leading=GRID_PT * 1.12, spaceAfter=0),
        "small": ParagraphStyle("small", parent=body, fontSize=SMALL_PT, leading=SMALL_PT * 1.2, spaceAfter=0),
        "gridhead": ParagraphStyle("gridhead", parent=body, fontName=BOLD, fontSize=GRID_PT,
                                   leading=GRID_PT * 1.12, spaceAfter=0),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=0, spaceAfter=0,
                                 bulletFontSize=BODY_PT),
        "notice": ParagraphStyle("notice", parent=body, fontName=BOLD, borderColor=colors.black, borderWidth=1,
                                 borderPadding=3, spaceBefore=6, spaceAfter=5),
        "warning": ParagraphStyle("warning", parent=body, spaceAfter=0, leftIndent=10, bulletIndent=0,
                                  bulletFontSize=BODY_PT),
    }


def text(value: object) -> str:
    """Escape data text for reportlab's paragraph markup; keep line breaks.

    Right-to-left text is put in visual order, and characters DejaVu Sans lacks are set in a
    fallback font (:mod:`decision_aid.core.pdf_text`).
    """
    from . import pdf_text

    _register_fonts()
    return pdf_text.markup(value, (FONT, BOLD))


def _style_at(style: ParagraphStyle, size: float) -> ParagraphStyle:
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size:g}", parent=style, fontSize=size, leading=size * 1.1,
                          bulletFontSize=size)


class _Bookmark(Flowable):
    """An invisible flowable that puts a bookmark (outline entry) where it lands."""

    def __init__(self, title: str, key: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level)


class _Drawing(Flowable):
    """A vector drawing scaled to the frame it lands in (never taller than the frame)."""

    def __init__(self, drawing, width: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.scale = width / drawing.width if drawing.width else 1.0
        self.width, self.height = width, drawing.height * self.scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        scale = min(self.scale, avail_width / max(1.0, self.drawing.width))
        if self.drawing.height * scale > avail_height > 0:
            scale = avail_height / self.drawing.height
        self._used = scale
        return self.drawing.width * scale, self.drawing.height * scale

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        self.canv.saveState()
        self.canv.scale(self._used, self._used)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


def _svg_drawing(fig: Figure):
    """A matplotlib figure as a reportlab drawing, its text kept as text in DejaVu Sans."""
    from svglib.fonts import get_global_font_map
    from svglib.svglib import svg2rlg

    from . import pdf_text
    from .chart_style import chart_fonts

    _register_fonts()
    font_map = get_global_font_map()
    for family in ("DejaVu Sans", "DejaVuSans", "sans-serif"):
        font_map.register_font(family, rlgFontName=FONT)
        font_map.register_font(family, weight="bold", rlgFontName=BOLD)
    families = list(chart_fonts())
    buffer = io.StringIO()
    # svglib cannot fill with SVG patterns: hatched patches would print empty. On paper each
    # criterion's part of a score is also given in words beneath the chart, so colour is not alone.
    hatched = [patch for patch in fig.findobj(lambda artist: hasattr(artist, "get_hatch") and artist.get_hatch())]
    hatches = [patch.get_hatch() for patch in hatched]
    try:
        for patch in hatched:
            patch.set_hatch(None)
        with matplotlib.rc_context({"svg.fonttype": "none", "font.family": families}):
            FigureCanvasSVG(fig).print_svg(buffer)
    finally:
        for patch, hatch in zip(hatched, hatches):
            patch.set_hatch(hatch)
    drawing = svg2rlg(io.BytesIO(buffer.getvalue().encode("utf-8")))
    if drawing is None:
        raise ExportError(msg("A chart could not be drawn into the summary; export it again, or print it "
                              "instead."))
    # Words in visual order, each character in a font that has it (svglib sets a whole string in one font).
    pdf_text.fix_drawing(drawing, lambda name: (BOLD,) if "bold" in name.lower() else (FONT,))
    return drawing


class _PdfWriter:
    """A :class:`~decision_aid.core.summary.SummaryWriter` that collects reportlab flowables."""

    #: The footer of every page says the sheet is not medical advice (see :func:`_numbered_canvas`).
    footer_says_not_advice = True

    def __init__(self, frame_width: float, wide_width: float | None = None) -> None:
        self.width = frame_width
        self.wide_width = wide_width or frame_width
        self.story: list = []
        self._styles = _styles()
        self._sections = 0

    def _bookmark(self, title: str, level: int) -> None:
        self._sections += 1
        self.story.append(_Bookmark(title, f"s{self._sections}", level))

    def title(self, text_: str) -> None:
        self._bookmark(text_, 0)
        self.story.append(Paragraph(text(text_), self._styles["title"]))

    def heading(self, text_: str) -> None:
        self.story.append(CondPageBreak(60))
        self._bookmark(text_, 0)
        self.story.append(Paragraph(text(text_), self._styles["h2"]))

    def labelled(self, label: str, text_: str) -> None:
        """A short section: its heading, in bold, run into its text."""
        self._bookmark(label, 0)
        self.story.append(Paragraph(f"<font name='{BOLD}'>{text(label)}:</font> {text(text_)}",
                                    self._styles["labelled"]))

    def text(self, text_: str, size: float = BODY_PT, bold: bool = False) -> None:
        style = self._styles["bold" if bold else "body"]
        self.story.append(Paragraph(text(text_), _style_at(style, size)))

    def bullets(self, items: Sequence[str], size: float = BODY_PT) -> None:
        style = _style_at(self._styles["bullet"], size)
        for item in items:
            self.story.append(Paragraph(text(item), style, bulletText="\u2022"))

    def framed(self, heading: str, lines: Sequence[str], warning: bool = False) -> None:
        if warning:
            self._warning(heading, lines)
            return
        markup = "<br/>".join(text(line) for line in lines)
        if heading:
            markup = f"<font name='{BOLD}' size='{BODY_PT + 2}'>{text(heading)}</font>" + (
                "<br/>" + markup if markup else "")
            self._bookmark(heading, 0)
        # A long text may run over a page: a Paragraph splits, its border follows each part.
        self.story.append(Paragraph(markup, self._styles["notice"]))

    def _warning(self, heading: str, lines: Sequence[str]) -> None:
        """A box that stands out (thick border, warm background, a warning sign): its items in two
        columns when there are many, read down the first column then the second. Its rows split
        across pages, so any number of items lays out."""
        style = self._styles["warning"]
        cells = [Paragraph(text(line), style, bulletText="\u2022") for line in lines]
        columns = 2 if len(cells) > 5 else 1
        if columns == 2 and len(cells) <= 40:
            # Two columns of their own, balanced by height: an item never waits for its neighbour's lines.
            inner = self.width / 2 - 10
            heights = [cell.wrap(inner, 10_000)[1] for cell in cells]
            half = min(range(1, len(cells)), key=lambda k: max(sum(heights[:k]), sum(heights[k:])))
            rows = [[cells[:half], cells[half:]]]
        else:
            half = -(-len(cells) // columns)
            rows = [[cells[k], cells[k + half] if k + half < len(cells) else ""] if columns == 2 else [cells[k]]
                    for k in range(half)]
        head = Paragraph(f"\u26a0 {text(heading)}", _style_at(self._styles["h2"], BODY_PT + 2))
        data = [[head] + [""] * (columns - 1)] + rows
        width = self.width / columns
        table = Table(data, colWidths=[width] * columns, repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle([
            ("SPAN", (0, 0), (-1, 0)),
            ("BOX", (0, 0), (-1, -1), 2.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF4D6")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 4),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
        ]))
        if heading:
            self._bookmark(heading, 0)
        self.story.append(CondPageBreak(80))
        self.story.append(table)

    def grid(self, corner: str, header: Sequence[Sequence[str]], rows: Sequence[Sequence[str]]) -> None:
        s = self._styles
        count = len(header)
        head = [Paragraph(text(corner), s["gridhead"])] + [
            Paragraph("<br/>".join([f"<b>{text(lines[0])}</b>", *(text(line) for line in lines[1:])]), s["grid"])
            for lines in header]
        data = [head] + [[Paragraph(text(row[0]), s["gridhead"]),
                          *(Paragraph(text(cell), s["grid"]) for cell in row[1:])] for row in rows]
        first = 30 * mm
        rest = (self.wide_width - first) / max(1, count)
        # The names are repeated on each page the grid runs over, unless one is so long that the header
        # itself must split across pages (names are never cut).
        repeat = 1 if all(len(lines[0]) <= 300 for lines in header) else 0
        table = Table(data, colWidths=[first] + [rest] * count, repeatRows=repeat, splitInRow=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]))
        self.story.append(table)

    def figure(self, fig: Figure, width_fraction: float = 1.0) -> None:
        # At the figure's own size when it fits, so its text prints at the sizes it was drawn at.
        drawing = _svg_drawing(fig)
        self.story.append(_Drawing(drawing, min(drawing.width, self.width * max(0.2, min(1.0, width_fraction)))))

    def page_break(self, wide: bool = False) -> None:
        self.story.append(NextPageTemplate("wide" if wide else "page"))
        self.story.append(PageBreak())


def build_story(table: DecisionTable, session: Session, *, frame_width: float, wide_width: float | None = None,
                today: dt.date | None = None, tr: Translator = ENGLISH, clinician: bool = False) -> list:
    """The reportlab flowables of the sheet (``wide_width``: the frame of the landscape grid page)."""
    writer = _PdfWriter(frame_width, wide_width)
    write_summary(writer, table, session, today=today, tr=tr, clinician=clinician)
    return writer.story


def _numbered_canvas(tr: Translator = ENGLISH):
    """A canvas class that writes "Page N of M" and the not-advice line in every page's footer."""
    not_advice = tr.gettext(FOOTER_NOT_ADVICE)

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            self.setFont(FONT, SMALL_PT)
            self.drawString(_MARGIN, _MARGIN - _FOOT + 1 * mm, not_advice)
            self.drawRightString(width - _MARGIN, _MARGIN - _FOOT + 1 * mm, tr.gettext("Page {page} of {pages}").format(
                page=tr.format_number(self._pageNumber), pages=tr.format_number(total)))
            self.restoreState()

    return NumberedCanvas


def summary_pdf(table: DecisionTable, session: Session, *, page_size: str = "a4",
                today: dt.date | None = None, tr: Translator = ENGLISH, clinician: bool = False) -> bytes:
    """The sheet as PDF bytes: portrait pages, and the options side by side on a landscape page.

    Parameters
    ----------
    page_size
        ``"a4"`` or ``"letter"``.
    tr
        The sheet's language (English by default); also written into the PDF's metadata.
    clinician
        Add the clinician's notes and where the figures come from (never on the patient's sheet).

    Raises
    ------
    ExportError
        For an unknown page size, or (never expected) a layout reportlab cannot make.
    """
    try:
        size = PAGE_SIZES[page_size.lower()]
    except KeyError:
        raise ExportError(msg("'{size}' is not a page size; use A4 or Letter", size=page_size)) from None
    buffer = io.BytesIO()
    condition = table.about.get("condition", "").split(". ")[0]
    decision = table.about.get("decision", "")
    doc = BaseDocTemplate(buffer, pagesize=size, leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN,
                          bottomMargin=_MARGIN + _FOOT, title=f"{tr.gettext(words.TITLE)}: {condition}"[:200],
                          author="Decision aid", subject=decision[:300], creator=f"decision-aid {__version__}",
                          lang=tr.lang.replace("_", "-") if tr is not ENGLISH else LANGUAGE)
    wide = landscape(size)

    def frame(page: tuple[float, float], name: str) -> Frame:
        return Frame(_MARGIN, _MARGIN + _FOOT, page[0] - 2 * _MARGIN, page[1] - 2 * _MARGIN - _FOOT, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    doc.addPageTemplates([PageTemplate("page", [frame(size, "normal")], pagesize=size),
                          PageTemplate("wide", [frame(wide, "wide")], pagesize=wide)])
    story = build_story(table, session, frame_width=size[0] - 2 * _MARGIN, wide_width=wide[0] - 2 * _MARGIN,
                        today=today, tr=tr, clinician=clinician)
    try:
        doc.build(story, canvasmaker=_numbered_canvas(tr))
    except Exception as exc:  # reportlab's LayoutError and friends are not the project's errors
        raise ExportError(msg("The summary could not be laid out on the page ({error}). Nothing was written; "
                              "shorten the longest notes or cells, or print the summary instead.",
                              error=type(exc).__name__)) from exc
    return buffer.getvalue()


def export_summary_pdf(path: str | os.PathLike[str], table: DecisionTable, session: Session, *,
                       page_size: str = "a4", today: dt.date | None = None, tr: Translator = ENGLISH,
                       clinician: bool = False) -> None:
    """Write the sheet to ``path`` atomically (the old file stays whole on failure)."""
    atomic_write_bytes(path, summary_pdf(table, session, page_size=page_size, today=today, tr=tr,
                                         clinician=clinician), error=ExportError)

