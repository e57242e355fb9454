"""The "Decision and notes" tab: the option chosen, both notes and the SURE test."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.session import MAX_NOTE_CHARS, Session
from ..core.sure import SureResult
from ..core.table import DecisionTable
from .consultation import CHOSEN, NOTES, SURE, Change, Consultation
from . import language as i18n
from .language import N_
from .sure_panel import SurePanel
from .widgets import PlainLabel

TAB_TITLE = N_("Decision and notes")
NOT_DECIDED = N_("Not decided yet")
#: Fill ``{limit}`` with the number of characters, written the language's way.
NOTE_TOO_LONG_TEMPLATE = N_("This note is longer than {limit} characters and cannot be saved; shorten it.")
NOTE_TOO_LONG = NOTE_TOO_LONG_TEMPLATE.format(limit=f"{MAX_NOTE_CHARS:,}")


class DecisionPanel(QWidget):
    """The option chosen, the clinician's and the patient's notes, and the SURE test.

    A view of a :class:`~decision_aid.gui.consultation.Consultation` once
    :meth:`bind` is called: what the user changes here is asked of the
    consultation, and what the consultation holds is shown here.

    Signals
    -------
    changed
        The user changed the choice, a note or a SURE answer (not emitted by
        :meth:`set_table` or :meth:`set_state`).
    """

    changed = Signal()
    #: The take-home summary should be saved as a PDF (the window asks where).
    exportRequested = Signal()
    #: The take-home summary should be printed.
    printRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        i18n.name(self, TAB_TITLE)
        self._table: DecisionTable | None = None
        self._consultation: Consultation | None = None
        self._quiet = False

        content = QWidget()
        layout = QVBoxLayout(content)

        actions = QHBoxLayout()
        self.export_button = QPushButton(content)
        i18n.text(self.export_button, N_("Save the summary as &PDF..."))
        i18n.name(self.export_button, N_("Save the take-home summary as a PDF"))
        self.export_button.clicked.connect(self.exportRequested)
        self.print_button = QPushButton(content)
        i18n.text(self.print_button, N_("Print the s&ummary..."))
        i18n.name(self.print_button, N_("Print the take-home summary"))
        self.print_button.clicked.connect(self.printRequested)
        actions.addWidget(self.export_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        form = QFormLayout()
        self.chosen_box = QComboBox(content)
        self.chosen_box.setObjectName("chosenOption")
        i18n.name(self.chosen_box, N_("Option chosen"))
        self.chosen_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        chosen_label = QLabel(content)
        i18n.text(chosen_label, N_("Option &chosen:"))
        chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        chosen_label.setBuddy(self.chosen_box)
        form.addRow(chosen_label, self.chosen_box)
        layout.addLayout(form)

        self.clinician_notes, self._clinician_warning = self._notes(
            content, layout, N_("Clinician's notes"), "clinicianNotes")
        self.patient_notes, self._patient_warning = self._notes(
            content, layout, N_("Patient's notes"), "patientNotes")

        self.sure_panel = SurePanel(content)
        layout.addWidget(self.sure_panel)
        layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.chosen_box.addItem(i18n.tr_of(self).gettext(NOT_DECIDED), None)
        self.chosen_box.currentIndexChanged.connect(self._on_edited)
        self.clinician_notes.textChanged.connect(self._on_edited)
        self.patient_notes.textChanged.connect(self._on_edited)
        self.sure_panel.changed.connect(self._on_edited)

    @staticmethod
    def _notes(parent: QWidget, layout: QVBoxLayout, title: str, name: str) -> tuple[QPlainTextEdit, PlainLabel]:
        box = QGroupBox(parent)
        i18n.title(box, title)
        inner = QVBoxLayout(box)
        edit = QPlainTextEdit(box)
        edit.setObjectName(name)
        i18n.name(edit, title)
        edit.setTabChangesFocus(True)  # Tab leaves the note instead of typing a tab
        i18n.placeholder(edit, N_("Plain text; saved with the consultation and printed in the summary."))
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 4)
        edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 7)  # leave room for the SURE questions
        warning = PlainLabel("", box, bold=True)
        i18n.text(warning, NOTE_TOO_LONG_TEMPLATE, limit=f"{MAX_NOTE_CHARS:,}")
        warning.setObjectName(name + "Warning")
        warning.hide()
        inner.addWidget(edit)
        inner.addWidget(warning)
        layout.addWidget(box)
        return edit, warning

    # ----------------------------------------------------------------- API

    def set_table(self, table: DecisionTable) -> None:
        """List ``table``'s options; the choice is kept (shown as "recorded" if the table lacks it)."""
        chosen = self.chosen()
        self._table = table
        self._quiet = True
        try:
            self.chosen_box.clear()
            self.chosen_box.addItem(i18n.tr_of(self).gettext(NOT_DECIDED), None)
            for option_id in table.ids:
                self.chosen_box.addItem(table.text(option_id, "name"), option_id)
            self._select(chosen)
        finally:
            self._quiet = False

    def language_changed(self) -> None:
        """The window's language changed: the "not decided" entry in it."""
        self.chosen_box.setItemText(0, i18n.tr_of(self).gettext(NOT_DECIDED))

    def table(self) -> DecisionTable | None:
        """The table whose options are listed."""
        return self._table

    def set_state(self, chosen: str | None, notes_clinician: str, notes_patient: str, sure: SureResult) -> None:
        """Show a consultation's choice, notes and SURE answers (does not emit :attr:`changed`)."""
        self._quiet = True
        try:
            self._select(chosen)
            self.clinician_notes.setPlainText(notes_clinician)
            self.patient_notes.setPlainText(notes_patient)
            self.sure_panel.set_result(sure)
        finally:
            self._quiet = False
        self._check_lengths()

    def chosen(self) -> str | None:
        """Id of the option chosen, or None for "not decided yet"."""
        return self.chosen_box.currentData()

    def set_chosen(self, option_id: str | None) -> None:
        """Select ``option_id`` as the user would (emits :attr:`changed`)."""
        self._select(option_id)

    def notes_clinician(self) -> str:
        return self.clinician_notes.toPlainText()

    def notes_patient(self) -> str:
        return self.patient_notes.toPlainText()

    def sure(self) -> SureResult:
        return self.sure_panel.result()

    # ----------------------------------------------------------------- internals

    def _select(self, option_id: str | None) -> None:
        index = self.chosen_box.findData(option_id) if option_id is not None else 0
        if index < 0:
            # A choice this table does not have (its table is missing): keep it, say so.
            words = i18n.tr_of(self).gettext("{option} (recorded; not in the table shown)")
            self.chosen_box.addItem(words.format(option=option_id), option_id)
            index = self.chosen_box.count() - 1
        self.chosen_box.setCurrentIndex(index)

    def _check_lengths(self) -> None:
        self._clinician_warning.setVisible(len(self.notes_clinician()) > MAX_NOTE_CHARS)
        self._patient_warning.setVisible(len(self.notes_patient()) > MAX_NOTE_CHARS)

    def _on_edited(self, *_args: object) -> None:
        if self._quiet:
            return
        self._check_lengths()
        if self._consultation is not None:
            self._consultation.set_chosen(self.chosen())
            self._consultation.set_notes(clinician=self.notes_clinician(), patient=self.notes_patient())
            self._consultation.set_sure(self.sure())
        self.changed.emit()

    # ----------------------------------------------------------------- the consultation

    def bind(self, consultation: Consultation) -> None:
        """Show ``consultation`` here and ask it for every change the user makes."""
        self._consultation = consultation
        consultation.changed.connect(self._on_consultation_changed)
        if consultation.table is not None:
            self.set_table(consultation.table)
        self._show(consultation.session)

    def _on_consultation_changed(self, change: Change) -> None:
        if change.touches() and change.table is not None and change.table is not self._table:
            self.set_table(change.table)
        if change.touches(CHOSEN, NOTES, SURE):
            self._show(change.session)

    def _show(self, session: Session) -> None:
        """Show the session's choice and SURE answers, and its notes unless the user is typing a longer one."""
        notes = {self.clinician_notes: session.notes_clinician, self.patient_notes: session.notes_patient}
        shown = {edit: edit.toPlainText() for edit in notes}
        if self.chosen() == session.chosen and self.sure() == session.sure and all(
                shown[edit] == text or len(shown[edit]) > MAX_NOTE_CHARS for edit, text in notes.items()):
            return
        self.set_state(session.chosen,
                       *(shown[edit] if len(shown[edit]) > MAX_NOTE_CHARS else text for edit, text in notes.items()),
                       session.sure)
