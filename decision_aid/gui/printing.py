"""Printing the patient's summary, and the paper size a locale expects.

PySide6-Essentials has no QtPdf, so the PDF cannot be drawn onto a printer.
"Print summary" shows Qt's print dialog; when the user picks "Print to file"
(PDF output) the very same PDF as "Export summary" is written to that file.
For a real printer the same content (the same core sentences, comparison grid
and charts) is laid out in a :class:`QTextDocument` (:func:`summary_document`,
plain text throughout) and printed with :meth:`QTextDocument.print_`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import (QFont, QImage, QPageSize, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
                           QTextFrameFormat, QTextImageFormat, QTextLength, QTextTableFormat)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ..core.errors import ExportError
from ..core.session import Session
from ..core.summary import BODY_PT, GRID_PT, write_summary
from ..core.table import DecisionTable
from ..core.i18n import ENGLISH, Translator
from .language import tr_of

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def default_page_size(locale: QLocale | None = None) -> str:
    """``"letter"`` for the United States and Canada, ``"a4"`` elsewhere."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in (QLocale.Country.UnitedStates, QLocale.Country.Canada) else "a4"


def print_summary(parent: QWidget | None, table: DecisionTable, session: Session,
                  tr: Translator | None = None) -> bool:
    """Ask for a printer and print the summary; False if the user cancelled.

    ``tr``: the language of the print dialog's title and messages (default: ``parent``'s window's).

    Raises
    ------
    DecisionAidError
        When the PDF cannot be written or the printer reports an error.
    """
    tr = tr or tr_of(parent)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(tr.gettext("Consultation summary"))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr.gettext("Print summary"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        from ..core.report import export_summary_pdf  # reportlab loads on first use, not at start-up

        letter = printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
        export_summary_pdf(printer.outputFileName(), table, session, page_size="letter" if letter else "a4", tr=tr)
    else:
        summary_document(table, session, tr=tr).print_(printer)
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise ExportError(tr.gettext("The printer reported an error; nothing may have been printed. "
                                         "Check the printer, or export the summary as a PDF instead."))
    return True


#: Printed image size limits, in 1/96 inch (6.3 by 9 inches).
IMAGE_WIDTH = 605
IMAGE_MAX_HEIGHT = 864


class _DocumentWriter:
    """Appends plain-text paragraphs, tables and images to a QTextDocument."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self._cursor = QTextCursor(document)
        self._first = True
        self._images = 0

    def _block(self) -> QTextCursor:
        self._cursor = self.document.rootFrame().lastCursorPosition()
        if not self._first:
            self._cursor.insertBlock()
        self._first = False
        return self._cursor

    @staticmethod
    def _format(size: float, bold: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        return fmt

    def text(self, text: str, size: float = BODY_PT, bold: bool = False, space_before: float = 0) -> None:
        cursor = self._block()
        block = QTextBlockFormat()
        block.setTopMargin(space_before)
        block.setBottomMargin(2)
        cursor.setBlockFormat(block)
        cursor.insertText(text, self._format(size, bold))

    def title(self, text: str) -> None:
        self.text(text, 20, bold=True)

    def heading(self, text: str) -> None:
        self.text(text, 14, bold=True, space_before=11)

    def bullets(self, items: Sequence[str], size: float = BODY_PT) -> None:
        for item in items:
            self.text("\u2022 " + item, size)

    def framed(self, heading: str, lines: Sequence[str], warning: bool = False) -> None:
        self._block()
        frame = QTextFrameFormat()
        frame.setBorder(2.5 if warning else 1)
        frame.setPadding(6)
        frame.setMargin(4)
        cursor = self._cursor.insertFrame(frame).firstCursorPosition()
        if heading:
            cursor.insertText(heading, self._format(BODY_PT + 2, True))
            cursor.insertBlock()
        body = "\n".join(("\u2022 " + line) if warning else line for line in lines)
        cursor.insertText(body, self._format(BODY_PT, not warning))
        self._cursor = self.document.rootFrame().lastCursorPosition()

    def grid(self, corner: str, header: Sequence[Sequence[str]], rows: Sequence[Sequence[str]]) -> None:
        self._block()
        fmt = QTextTableFormat()
        fmt.setBorder(0.5)
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setHeaderRowCount(1)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = self._cursor.insertTable(len(rows) + 1, len(header) + 1, fmt)
        table.cellAt(0, 0).firstCursorPosition().insertText(corner, self._format(GRID_PT, True))
        for c, lines in enumerate(header, start=1):
            table.cellAt(0, c).firstCursorPosition().insertText("\n".join(lines), self._format(GRID_PT, True))
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row):
                table.cellAt(r, c).firstCursorPosition().insertText(str(cell), self._format(GRID_PT, c == 0))
        self._cursor = self.document.rootFrame().lastCursorPosition()

    def page_break(self, wide: bool = False) -> None:
        cursor = self._block()
        block = QTextBlockFormat()
        block.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysAfter)
        cursor.setBlockFormat(block)

    def figure(self, fig: Figure, width_fraction: float = 1.0) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150)
        image = QImage.fromData(buffer.getvalue(), "PNG")
        self._images += 1
        name = f"summary-figure-{self._images}.png"
        self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        fmt = QTextImageFormat()
        fmt.setName(name)
        # Sizes are in 1/96 inch; Qt scales them to the printer. Fit the text width of
        # A4 or Letter with Qt's 2 cm print margins, and less than a page in height.
        scale = min(IMAGE_WIDTH / image.width(), IMAGE_MAX_HEIGHT / image.height())
        fmt.setWidth(image.width() * scale)
        fmt.setHeight(image.height() * scale)
        self._block().insertImage(fmt)


def summary_document(table: DecisionTable, session: Session, *, today: dt.date | None = None,
                     tr: Translator = ENGLISH) -> QTextDocument:
    """The patient's summary as a QTextDocument, for printing.

    The same sections in the same words as the PDF: both are written by
    :func:`decision_aid.core.summary.write_summary`. Every piece of text is
    inserted as plain text.
    """
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, tr.gettext("Consultation summary"))
    write_summary(_DocumentWriter(document), table, session, today=today, tr=tr)
    return document
