"""Exporting and printing a consultation: the summary PDF, the comparison CSV and the printed page.

:class:`RecordExports` is the part of :class:`~decision_aid.gui.record.ConsultationRecord`
that writes what leaves the room; it uses the record's consultation, dialogs and
status messages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.comparison import export_comparison_csv
from ..core.errors import DecisionAidError, SessionError
from ..core.session import Session
from ..core.table import DecisionTable
from ..core.i18n import Translator, available_languages, language_name, translator
from .language import N_, table_in
from .printing import default_page_size, print_summary

CSV_FILTER = N_("CSV file (*.csv)")
#: Save-dialog filters of the summary; the one picked sets the paper size.
PDF_FILTERS = {"a4": N_("PDF, A4 paper (*.pdf)"), "letter": N_("PDF, US Letter paper (*.pdf)")}
COMPARE_FIRST = N_("Choose 2 to 4 options to compare side by side first; the exported file holds the options "
                   "compared.")
DETACHED_EXPORT = N_("The table this consultation was made with is not open, so the summary cannot be made. "
                     "Open that table (or change the importances to go on with the table shown), then try again.")


class RecordExports:
    """Export summary PDF, export comparison CSV and print, for :class:`~decision_aid.gui.record.ConsultationRecord`."""

    def _export_source(self) -> tuple[DecisionTable, Session] | None:
        if self.consultation.detached or self.consultation.table is None:
            self._error(self.tr.gettext("Cannot export"), self.tr.gettext(DETACHED_EXPORT))
            return None
        try:
            return self.consultation.table, self.current_session().touched()
        except SessionError as exc:
            self._error(self.tr.gettext("Cannot export"), exc.say(self.tr))
            return None

    def sheet_language(self) -> str:
        """The take-home sheet's language unless another is chosen: the patient screen's."""
        patient = getattr(self._host, "patient_language", None)
        return patient() if callable(patient) else self.tr.lang

    def ask_sheet_language(self, default: str) -> str | None:
        """Ask which language the take-home sheet is in (``default`` offered first); None if cancelled.

        Asks only when the interface speaks more than one language.
        """
        from PySide6.QtWidgets import QInputDialog

        languages = available_languages()
        if len(languages) < 2:
            return default
        names = [language_name(code) for code in languages]
        current = next((i for i, code in enumerate(languages) if code == default.split("_")[0]), 0)
        name, ok = QInputDialog.getItem(self._host if isinstance(self._host, QWidget) else None,
                                        self.tr.gettext("Export summary"),
                                        self.tr.gettext("Language of the take-home summary:"),
                                        names, current, False)
        return languages[names.index(name)] if ok and name in names else None

    def _on_export_summary_triggered(self) -> None:
        self.export_summary()

    def export_summary(self, path: str | Path | None = None, page_size: str | None = None,
                       lang: str | None = None) -> bool:
        """Save the patient's summary as a PDF; True if written.

        With ``path`` None the language of the sheet is asked (the patient
        screen's offered first), then a file dialog asks for the name; its
        file-type list offers A4 and US Letter paper, the locale's size
        first chosen. ``lang`` chooses the language without asking (default
        with a ``path``: the patient screen's).
        """
        source = self._export_source()
        if source is None:
            return False
        table, session = source
        ui = self.tr
        if path is None and lang is None:
            lang = self.ask_sheet_language(self.sheet_language())
            if lang is None:
                return False
        tr: Translator = translator(lang or self.sheet_language())
        base = self.consultation.base_table or table
        table = table_in(base, tr.lang)[0]
        if path is None:
            default = page_size or default_page_size()
            filters = {size: ui.gettext(text) for size, text in PDF_FILTERS.items()}
            target, chosen = self._ask_save_path(ui.gettext("Export summary"),
                                                 f"consultation-summary-{dt.date.today()}.pdf",
                                                 ";;".join(filters.values()), filters[default])
            if target is None:
                return False
            page_size = next((size for size, text in filters.items() if text == chosen), default)
        else:
            target = Path(path)
        from ..core.report import export_summary_pdf  # reportlab loads on the first export, not at start-up

        try:
            # The sheet speaks tr's language: its words through tr, its content from the table's translation.
            export_summary_pdf(target, table, session, page_size=page_size or default_page_size(), tr=tr)
        except DecisionAidError as exc:
            self._error(ui.gettext("Cannot export summary"), exc.say(ui))
            return False
        self._host.show_status(ui.gettext("Summary saved as {file}").format(file=target.name))
        return True

    def _on_export_comparison_triggered(self) -> None:
        self.export_comparison()

    def export_comparison(self, path: str | Path | None = None) -> bool:
        """Save the options compared side by side as a CSV file; True if written."""
        source = self._export_source()
        if source is None:
            return False
        table, session = source
        if len(session.selected) < 2:
            self._message(QMessageBox.Icon.Information, self.tr.gettext("Export comparison"),
                          self.tr.gettext(COMPARE_FIRST))
            return False
        if path is None:
            target, _ = self._ask_save_path(self.tr.gettext("Export comparison"), f"comparison-{dt.date.today()}.csv",
                                            self.tr.gettext(CSV_FILTER))
            if target is None:
                return False
        else:
            target = Path(path)
        try:
            export_comparison_csv(target, table, session.selected, self.consultation.ranking, tr=self.tr)
        except DecisionAidError as exc:
            self._error(self.tr.gettext("Cannot export comparison"), exc.say(self.tr))
            return False
        self._host.show_status(self.tr.gettext("Comparison saved as {file}").format(file=target.name))
        return True

    def _on_print_triggered(self) -> None:
        self.print_summary()

    def print_summary(self) -> bool:
        """Print the summary through Qt's print dialog; True if printed.

        "Print to file" (PDF) writes the same PDF as :meth:`export_summary`;
        a printer gets :func:`~decision_aid.gui.printing.summary_document`.
        """
        source = self._export_source()
        if source is None:
            return False
        table, session = source
        try:
            printed = print_summary(self._host if isinstance(self._host, QWidget) else None, table, session)
        except DecisionAidError as exc:
            self._error(self.tr.gettext("Cannot print summary"), exc.say(self.tr))
            return False
        if printed:
            self._host.show_status(self.tr.gettext("Summary sent to the printer"))
        return printed
