"""The window's menus and what they change: text size, contrast, layer, order, the patient screen, About.

:class:`WindowMenus` is the part of :class:`~decision_aid.gui.main_window.MainWindow`
that builds the File, View and Help menus and carries out their view actions;
the window lays out and wires everything else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from ..core.words.window import audit_sentences
from . import language as i18n
from .about import AboutAidDialog
from .language import N_
from .patient_view import COMPARE, EFFECTS, OPTIONS, RANKING, TIMELINE, PatientView
from .settings import MAX_POINT_SIZE, MIN_POINT_SIZE
from .theme import apply_theme, style_inputs


class WindowMenus:
    """Menus and view actions of the main window (a mix-in of :class:`~decision_aid.gui.main_window.MainWindow`)."""

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        i18n.title(self.file_menu, N_("&File"))
        self.open_action = self._action(self.file_menu, N_("&Open table folder..."), self._on_open_folder,
                                        QKeySequence.StandardKey.Open)
        self.reload_action = self._action(self.file_menu, N_("Re&load table"), self._on_reload, QKeySequence("F5"))
        self.bundled_action = self._action(self.file_menu, N_("Open the &bundled table"), self._on_open_bundled)
        self.file_menu.addSeparator()
        self._record_anchor = self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, N_("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        view = bar.addMenu("")
        i18n.title(view, N_("&View"))
        self.view_menu = view
        self.larger_action = self._action(view, N_("&Larger text"), lambda: self.change_text_size(+1),
                                          [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.smaller_action = self._action(view, N_("&Smaller text"), lambda: self.change_text_size(-1),
                                           QKeySequence("Ctrl+-"))
        self.reset_size_action = self._action(view, N_("&Reset text size"), self._on_reset_text_size,
                                              QKeySequence("Ctrl+0"))
        view.addSeparator()
        self.contrast_action = self._action(view, N_("&High-contrast colours"), self._on_contrast,
                                            QKeySequence("Ctrl+Shift+H"))
        self.contrast_action.setCheckable(True)
        self.clinician_action = self._action(view, N_("&Clinician view (numbers and sources)"), self._on_layer,
                                             QKeySequence("Ctrl+Shift+L"))
        self.clinician_action.setCheckable(True)
        self.patient_action = self._action(view, N_("&Patient screen"), self._on_patient_screen, QKeySequence("F11"))
        self.patient_action.setCheckable(True)
        self.alphabetical_action = self._action(view, N_("List options &alphabetically"), self._on_order)
        self.alphabetical_action.setCheckable(True)
        view.addSeparator()
        self._build_language_menus(view)

        help_menu = bar.addMenu("")
        i18n.title(help_menu, N_("&Help"))
        self._action(help_menu, N_("&About this aid"), self._on_about, QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, N_("&Keyboard shortcuts"), self._on_shortcuts)

    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(self)
        i18n.text(action, text)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def change_text_size(self, step: float) -> None:
        app = QApplication.instance()
        size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, app.font().pointSizeF() + step))
        self.set_text_size(size)

    def set_text_size(self, size: float) -> None:
        app = QApplication.instance()
        font = QFont(app.font())
        font.setPointSizeF(size)
        app.setFont(font)
        self.settings.set_point_size(size)
        self._style_headings()
        style_inputs(self, self.settings.high_contrast())
        self._fit_columns()
        self._adapt_layout()
        tr = self.translator
        self.show_status(tr.gettext("Text size {size} points.").format(size=tr.format_number(round(size, 1))))

    def _on_reset_text_size(self) -> None:
        from .settings import DEFAULT_POINT_SIZE
        self.set_text_size(DEFAULT_POINT_SIZE)

    def _on_contrast(self, on: bool) -> None:
        self.settings.set_high_contrast(on)
        apply_theme(QApplication.instance(), on)
        style_inputs(self, on)

    def _on_layer(self, on: bool) -> None:
        self.settings.set_layer("clinician" if on else "patient")
        self._apply_layer()

    def _apply_layer(self) -> None:
        layer = self.settings.layer()
        for widget in (self.grid, self.details):
            if hasattr(widget, "set_layer"):
                widget.set_layer(layer)

    def open_patient_view(self) -> PatientView:
        """Open the patient's screen (full screen on a second monitor if there is one)."""
        if self.patient_view is None:
            self.patient_view = PatientView(self.consultation, translator=self.patient_translator())
            self.patient_view.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self._follow_on_patient_view()
        self.patient_view.place(self)
        self.patient_action.setChecked(True)
        return self.patient_view

    def _on_patient_screen(self, on: bool) -> None:
        if on:
            self.open_patient_view()
        elif self.patient_view is not None:
            self.patient_view.hide()

    def _follow_on_patient_view(self, *_args) -> None:
        if self.patient_view is None:
            return
        views = {self.options_page: OPTIONS, self.grid: COMPARE, self.ranking_page: RANKING,
                 self.effects_page: EFFECTS, self.timeline_page: TIMELINE}
        self.patient_view.show_view(views.get(self.tabs.currentWidget(), OPTIONS), self._current)

    def _on_order(self, alphabetical: bool) -> None:
        self.settings.set_order("alphabetical" if alphabetical else "table")
        self._apply_order()

    def _apply_order(self) -> None:
        if self.settings.order() == "alphabetical":
            self.table_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        else:
            self.table_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            self.proxy.sort(-1)

    def _on_about(self) -> None:
        dialog = AboutAidDialog(self)
        table = self.consultation.table
        dialog.set_table(table)
        if table is not None:
            try:
                from ..core.audit import run_audit
                report = run_audit(self.consultation.base_table or table)   # the table as written, not as shown
                dialog.set_audit_text(report.to_text(tr=i18n.tr_of(self)), audit_sentences(report, tr=i18n.tr_of(self)))
            except Exception as exc:  # the audit must never stop the about box from opening
                dialog.set_audit_text(self.translator.gettext("The quality check could not be run: {error}")
                                      .format(error=exc))
        self.about_dialog = dialog
        dialog.open()

    def _on_shortcuts(self) -> None:
        lines = []
        for menu in (self.file_menu, self.view_menu):
            for action in menu.actions():
                if action.shortcut().toString():
                    lines.append(f"{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}: "
                                 f"{action.text().replace('&', '')}")
        tr = self.translator
        lines.append(tr.gettext("Tab / Shift+Tab: move between controls; arrow keys: move a slider"))
        box = QMessageBox(QMessageBox.Icon.Information, tr.gettext("Keyboard shortcuts"), "\n".join(lines),
                          QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.shortcuts_box = box
        box.open()

