"""The consultation record in the window: decision and notes, save, open, autosave, export, print.

:class:`ConsultationRecord` is a self-contained part the main window plugs
in. The window implements the small :class:`RecordHost` protocol; the record
adds a "Decision and notes" tab (:class:`DecisionPanel`) and its actions to
the window's File menu, and from then on owns the window title (file name,
and ``*`` while there are unsaved changes).

Plugging it in (in the main window, after its File menu and tabs exist)::

    self.record = ConsultationRecord(self, self.settings.store)
    ...
    window.show()
    window.record.offer_recovery()          # once, after the window is shown

Saving never loses work: the record is written atomically
(:func:`~decision_aid.core.session.save_session`), a file changed by another
window is never overwritten (the user is offered "Save As"), and when a save
fails the consultation stays in the window and is written to the autosave at
once. The autosave is written about three seconds after each change and
removed when the window closes cleanly (the record watches the window's
close event; see :meth:`ConsultationRecord.eventFilter`), so a crash leaves
it behind for :meth:`ConsultationRecord.offer_recovery` at the next start.

Printing
--------
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
import itertools
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import (QEvent, QLocale, QObject, QStandardPaths, Qt, QTimer, QUrl, Signal,
                            SignalInstance)
from PySide6.QtGui import (QAction, QFont, QImage, QKeySequence, QPageSize, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
                           QTextFrameFormat, QTextImageFormat, QTextLength, QTextTableFormat)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QGroupBox, QLabel,
                               QMenu, QMessageBox, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget)

from ..core.comparison import export_comparison_csv
from ..core.errors import DecisionAidError, ExportError, SessionError
from ..core.summary import BODY_PT, session_ranking, write_summary
from ..core.scoring import Limits
from ..core.session import (BUNDLED_TABLE, MAX_NOTE_CHARS, SUFFIX, Session, check_against_table, clear_autosave,
                            discard_recovery, load_session, pending_recovery, save_session, session_stamp,
                            table_reference, write_autosave)
from ..core.sure import SureResult
from ..core.table import DecisionTable, bundled_data_dir
from .settings import Settings
from .sure_panel import SurePanel
from .widgets import PlainLabel

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TAB_TITLE = "Decision and notes"
NOT_DECIDED = "Not decided yet"
NEW_NAME = "New consultation"
RECOVERED_NAME = "Recovered consultation"
#: Milliseconds after the last change before the autosave is written.
AUTOSAVE_DELAY_MS = 3000
#: Most files listed under File > Open recent.
MAX_RECENT = 8
SESSION_FILTER = f"Consultation record (*{SUFFIX})"
OPEN_FILTER = f"{SESSION_FILTER};;All files (*)"
CSV_FILTER = "CSV file (*.csv)"
#: Save-dialog filters of the summary; the one picked sets the paper size.
PDF_FILTERS = {"a4": "PDF, A4 paper (*.pdf)", "letter": "PDF, US Letter paper (*.pdf)"}
COMPARE_FIRST = ("Choose 2 to 4 options to compare side by side first; the exported file holds the options "
                 "compared.")
DETACHED_EXPORT = ("The table this consultation was made with is not open, so the summary cannot be made. "
                   "Open that table (or change the importances to go on with the table shown), then try again.")
NOTE_TOO_LONG = (f"This note is longer than {MAX_NOTE_CHARS:,} characters and cannot be saved; "
                 "shorten it.")

_windows = itertools.count()


# --------------------------------------------------------------------------- the host


class RecordHost(Protocol):
    """What the main window provides to :class:`ConsultationRecord`.

    The host is a :class:`QMainWindow` (the parent of every dialog; the
    record sets its ``windowTitle`` and ``windowModified`` and watches its
    close event).

    Attributes
    ----------
    stateChanged
        A Qt signal without arguments, emitted when the importances, the
        limits, the compared options or the table change.
    """

    stateChanged: SignalInstance

    def current_table(self) -> DecisionTable:
        """The table shown now."""

    def current_preferences(self) -> tuple[dict[str, float] | None, Limits, list[str]]:
        """(importances 0-10 by criterion column, or None if not set yet; limits; compared option ids)."""

    def apply_preferences(self, importances: dict[str, float] | None, limits: Limits,
                          selected: list[str]) -> None:
        """Show these preferences (importances None: the table's defaults, "not set yet")."""

    def load_folder(self, path: str) -> bool:
        """Load the table in ``path``; on a bad table show why and return False (keeping the old one)."""

    def record_menu(self) -> QMenu:
        """The File menu; the record adds its actions to it.

        They go before the action returned by the host's optional
        ``record_anchor()`` method if it has one, else before the Quit action
        (and the separator above it), else at the end.
        """

    def add_record_tab(self, widget: QWidget, title: str) -> None:
        """Show ``widget`` as a tab called ``title``."""

    def show_status(self, text: str) -> None:
        """Show a short message in the status bar."""

    # Inherited from QMainWindow:
    def windowTitle(self) -> str: ...  # noqa: N802 (Qt name)

    def setWindowTitle(self, title: str) -> None: ...  # noqa: N802

    def setWindowModified(self, modified: bool) -> None: ...  # noqa: N802

    def installEventFilter(self, watcher: QObject) -> None: ...  # noqa: N802


# --------------------------------------------------------------------------- the tab


class DecisionPanel(QWidget):
    """The option chosen, the clinician's and the patient's notes, and the SURE test.

    Signals
    -------
    changed
        The user changed the choice, a note or a SURE answer (not emitted by
        :meth:`set_table` or :meth:`set_state`).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        self.setAccessibleName(TAB_TITLE)
        self._table: DecisionTable | None = None
        self._quiet = False

        content = QWidget()
        layout = QVBoxLayout(content)

        form = QFormLayout()
        self.chosen_box = QComboBox(content)
        self.chosen_box.setObjectName("chosenOption")
        self.chosen_box.setAccessibleName("Option chosen")
        self.chosen_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        chosen_label = QLabel("Option &chosen:", content)
        chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        chosen_label.setBuddy(self.chosen_box)
        form.addRow(chosen_label, self.chosen_box)
        layout.addLayout(form)

        self.clinician_notes, self._clinician_warning = self._notes(
            content, layout, "Clinician's notes", "clinicianNotes")
        self.patient_notes, self._patient_warning = self._notes(
            content, layout, "Patient's notes", "patientNotes")

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

        self.chosen_box.addItem(NOT_DECIDED, None)
        self.chosen_box.currentIndexChanged.connect(self._on_edited)
        self.clinician_notes.textChanged.connect(self._on_edited)
        self.patient_notes.textChanged.connect(self._on_edited)
        self.sure_panel.changed.connect(self._on_edited)

    @staticmethod
    def _notes(parent: QWidget, layout: QVBoxLayout, title: str, name: str) -> tuple[QPlainTextEdit, PlainLabel]:
        box = QGroupBox(title, parent)
        inner = QVBoxLayout(box)
        edit = QPlainTextEdit(box)
        edit.setObjectName(name)
        edit.setAccessibleName(title)
        edit.setTabChangesFocus(True)  # Tab leaves the note instead of typing a tab
        edit.setPlaceholderText("Plain text; saved with the consultation and printed in the summary.")
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 4)
        edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 7)  # leave room for the SURE questions
        warning = PlainLabel(NOTE_TOO_LONG, box, bold=True)
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
            self.chosen_box.addItem(NOT_DECIDED, None)
            for option_id in table.ids:
                self.chosen_box.addItem(table.text(option_id, "name"), option_id)
            self._select(chosen)
        finally:
            self._quiet = False

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
            self.chosen_box.addItem(f"{option_id} (recorded; not in the table shown)", option_id)
            index = self.chosen_box.count() - 1
        self.chosen_box.setCurrentIndex(index)

    def _check_lengths(self) -> None:
        self._clinician_warning.setVisible(len(self.notes_clinician()) > MAX_NOTE_CHARS)
        self._patient_warning.setVisible(len(self.notes_patient()) > MAX_NOTE_CHARS)

    def _on_edited(self, *_args: object) -> None:
        if self._quiet:
            return
        self._check_lengths()
        self.changed.emit()


# --------------------------------------------------------------------------- helpers


def default_page_size(locale: QLocale | None = None) -> str:
    """``"letter"`` for the United States and Canada, ``"a4"`` elsewhere."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in (QLocale.Country.UnitedStates, QLocale.Country.Canada) else "a4"


def _app_title(title: str) -> str:
    """The window's own title without the modified placeholder."""
    return title.replace("[*]", "").strip(" -") or "Decision aid"


def _content_key(session: Session) -> str:
    """The session's content without its timestamps, to tell whether anything changed."""
    data = session.to_dict()
    for name in ("created", "modified", "app_version"):
        data.pop(name)
    return json.dumps(data, sort_keys=True)


class _RecentFiles:
    """The File > Open recent list, kept by :class:`Settings` (or in memory when there is none)."""

    def __init__(self, settings: Settings | None) -> None:
        self._settings = settings
        self._memory: list[str] = []

    def paths(self) -> list[str]:
        paths = self._memory if self._settings is None else self._settings.recent_files()
        return list(paths)[:MAX_RECENT]

    def _store(self, paths: list[str]) -> None:
        paths = paths[:MAX_RECENT]
        if self._settings is None:
            self._memory = paths
        else:
            self._settings.set_recent_files(paths)

    def add(self, path: Path) -> None:
        text = str(path)
        self._store([text] + [p for p in self.paths() if p != text])

    def remove(self, path: Path | str) -> None:
        self._store([p for p in self.paths() if p != str(path)])

    def clear(self) -> None:
        self._store([])


# --------------------------------------------------------------------------- the record


class ConsultationRecord(QObject):
    """Save, open, autosave, export and print one window's consultation.

    Parameters
    ----------
    host
        The main window (see :class:`RecordHost`). Its File menu and tab
        area must exist; its title at this point becomes the application
        part of the title (``"file.json[*] - <title>"``).
    settings
        Where the recent-files list is kept; None keeps it for this run only.

    Notes
    -----
    The record watches ``host``'s close event (an event filter; the host
    needs no code for it): with unsaved changes it asks to save, discard or
    cancel; on a close that goes ahead it removes the autosave. A "Quit"
    action must therefore close the window rather than quit the application
    directly.
    """

    def __init__(self, host: RecordHost, settings: Settings | None = None) -> None:
        super().__init__(host if isinstance(host, QObject) else None)
        self._host = host
        self._window = next(_windows)
        self._recent = _RecentFiles(settings)
        self._app_title = _app_title(host.windowTitle())
        self._title = ""
        self._path: Path | None = None
        self._stamp: str | None = None
        self._name = NEW_NAME
        self._applying = False
        self._detached = False  # the session's table is missing: keep its preferences as recorded
        self._autosave_failed = False
        self._last_dir = ""

        self.panel = DecisionPanel()
        self.panel.set_table(host.current_table())
        self._base = Session.new(host.current_table())
        self._saved_key = _content_key(self._base)
        self._modified = False

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_autosave_timeout)

        self.actions: dict[str, QAction] = {}
        self.recent_menu = QMenu("Open &recent", host if isinstance(host, QWidget) else None)
        self.recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        self._build_actions()
        self._rebuild_recent_menu()

        host.add_record_tab(self.panel, TAB_TITLE)
        host.stateChanged.connect(self._on_host_state_changed)
        self.panel.changed.connect(self._on_changed)
        host.installEventFilter(self)
        self._update_title()

    # ----------------------------------------------------------------- menu

    def _build_actions(self) -> None:
        def add(key: str, text: str, slot, shortcut: str | None = None, tip: str = "") -> QAction:
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            self.actions[key] = action
            return action

        add("new", "&New consultation", self._on_new_triggered,
            tip="Start a new consultation with the table shown")
        add("open", "&Open consultation...", self._on_open_triggered, "Ctrl+Shift+O",
            "Open a saved consultation")
        add("save", "&Save", self._on_save_triggered, "Ctrl+S", "Save the consultation")
        add("save_as", "Save &as...", self._on_save_as_triggered, "Ctrl+Shift+S",
            "Save the consultation under a new name")
        add("export_pdf", "&Export summary PDF...", self._on_export_summary_triggered, "Ctrl+E",
            "Save the summary for the patient as a PDF (A4 or US Letter)")
        add("export_csv", "Export &comparison CSV...", self._on_export_comparison_triggered,
            tip="Save the options compared as a CSV file for the clinic record")
        add("print", "&Print summary...", self._on_print_triggered, "Ctrl+P", "Print the summary for the patient")

        menu = self._host.record_menu()
        anchor = getattr(self._host, "record_anchor", None)
        before = anchor() if callable(anchor) else self._insertion_point(menu)
        items: list[QAction | QMenu | None] = [
            self.actions["new"], self.actions["open"], self.recent_menu, self.actions["save"],
            self.actions["save_as"], None, self.actions["export_pdf"], self.actions["export_csv"],
            self.actions["print"], None]
        if before is None or before.isSeparator():  # no second separator below our block
            items.pop()
        if before is None and menu.actions():  # appending: a separator above our block
            items.insert(0, None)
        for item in items:
            if before is None:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, QMenu):
                    menu.addMenu(item)
                else:
                    menu.addAction(item)
            elif item is None:
                menu.insertSeparator(before)
            elif isinstance(item, QMenu):
                menu.insertMenu(before, item)
            else:
                menu.insertAction(before, item)

    @staticmethod
    def _insertion_point(menu: QMenu) -> QAction | None:
        """The menu's Quit action (or the separator just above it), else None to append."""
        actions = menu.actions()
        quit_keys = [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) if not k.isEmpty()]
        for index, action in enumerate(actions):
            words = action.text().replace("&", "").strip().lower()
            if action.menuRole() == QAction.MenuRole.QuitRole or words.startswith(("quit", "exit")) \
                    or (not action.shortcut().isEmpty() and action.shortcut() in quit_keys):
                if index > 0 and actions[index - 1].isSeparator():
                    return actions[index - 1]
                return action
        return None

    def _rebuild_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self._recent.paths()
        if not paths:
            empty = menu.addAction("No recent consultations")
            empty.setEnabled(False)
        for number, text in enumerate(paths, start=1):
            path = Path(text)
            label = path.name.replace("&", "&&")
            exists = path.is_file()
            action = menu.addAction(f"&{number} {label}" + ("" if exists else " (not found)"))
            action.setStatusTip(text)
            action.setToolTip(text)
            action.setData(text)
            action.setEnabled(exists)
            action.triggered.connect(lambda _checked=False, p=text: self._on_recent_triggered(p))
        if paths:
            menu.addSeparator()
            clear = menu.addAction("Clear list")
            clear.triggered.connect(self._on_clear_recent_triggered)
        menu.setEnabled(True)

    def recent_files(self) -> list[Path]:
        """Files listed under File > Open recent, newest first."""
        return [Path(p) for p in self._recent.paths()]

    # ----------------------------------------------------------------- state

    @property
    def path(self) -> Path | None:
        """The file this consultation was last opened from or saved to."""
        return self._path

    @property
    def is_modified(self) -> bool:
        """Whether there are changes not saved to :attr:`path`."""
        return self._modified

    @property
    def autosave_interval_ms(self) -> int:
        return self._timer.interval()

    @autosave_interval_ms.setter
    def autosave_interval_ms(self, value: int) -> None:
        self._timer.setInterval(int(value))

    def set_app_title(self, title: str) -> None:
        """Change the application part of the window title (after the file name).

        Setting the window title directly does the same.
        """
        self._app_title = _app_title(title)
        self._update_title()

    def current_session(self) -> Session:
        """The consultation as shown now.

        Raises
        ------
        SessionError
            When something shown cannot be recorded (for example a note
            longer than the limit); the message says what.
        """
        panel = dict(chosen=self.panel.chosen(), notes_clinician=self.panel.notes_clinician(),
                     notes_patient=self.panel.notes_patient(), sure=self.panel.sure())
        if self._detached:
            return replace(self._base, **panel)
        table = self._host.current_table()
        importances, limits, selected = self._host.current_preferences()
        return replace(self._base, importances=None if importances is None else dict(importances), limits=limits,
                       selected=tuple(selected), table_folder=table_reference(table),
                       table_fingerprint=table.fingerprint, **panel)

    def _update_title(self) -> None:
        name = self._name.replace("[*]", "[*][*]")  # Qt's escape for a literal placeholder
        self._title = f"{name}[*] - {self._app_title}"
        self._host.setWindowTitle(self._title)
        self._host.setWindowModified(self._modified)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self._host.setWindowModified(modified)

    def _on_host_state_changed(self) -> None:
        if self._applying:
            return
        table = self._host.current_table()
        if self.panel.table() is not table:
            self.panel.set_table(table)
        if self._detached:
            self._detached = False
            self._host.show_status("The consultation now uses the table shown.")
        self._on_changed()

    def _on_changed(self) -> None:
        if self._applying:
            return
        try:
            modified = _content_key(self.current_session()) != self._saved_key
        except SessionError:
            modified = True
        self._set_modified(modified)
        if modified:
            self._timer.start()
        else:
            self._timer.stop()
            clear_autosave(window=self._window)

    # ----------------------------------------------------------------- autosave

    def _on_autosave_timeout(self) -> None:
        self.autosave_now()

    def autosave_now(self) -> bool:
        """Write the autosave now; False (and a status message) if it cannot be written."""
        self._timer.stop()
        try:
            write_autosave(self.current_session().touched(), window=self._window)
        except SessionError as exc:
            if not self._autosave_failed:
                self._host.show_status(f"Autosave failed: {exc}")
            self._autosave_failed = True
            return False
        self._autosave_failed = False
        return True

    def offer_recovery(self) -> bool:
        """Offer the consultation a crashed app left behind; True if it was restored.

        Call once at start-up, after the window is shown. Either way the
        crashed app's autosave is removed afterwards (a restored consultation
        is first autosaved again under this app).
        """
        session = pending_recovery()
        if session is None:
            return False
        restored = False
        if self.ask_restore(session):
            self._adopt(session, path=None, stamp=None, name=RECOVERED_NAME, recovered=True)
            restored = True
            if not self.autosave_now():
                return True  # keep the crashed app's file until this one is protected too
        discard_recovery()
        return restored

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Watch the host window.

        On its close: ask about unsaved changes (cancelling the close if the
        user cancels or saving fails); on a close that goes ahead, remove the
        autosave. When the host sets a title of its own (say, after loading a
        table), that becomes the part after the file name.
        """
        if watched is self._host and event.type() == QEvent.Type.WindowTitleChange \
                and self._title and self._host.windowTitle() != self._title:
            self._app_title = _app_title(self._host.windowTitle())
            self._update_title()
            return False
        if watched is self._host and event.type() == QEvent.Type.Close:
            if not self._confirm_discard("close the window"):
                event.ignore()
                return True
            self._timer.stop()
            clear_autosave(window=self._window)
        return False

    # ----------------------------------------------------------------- questions (tests replace these)

    def ask_restore(self, session: Session) -> bool:
        """Ask whether to restore ``session``, left by an app that did not close properly."""
        local = session.modified.astimezone()
        when = f"{local:%H:%M}" if local.date() == dt.date.today() else f"{local:%d %B %Y, %H:%M}"
        answer = self._message(QMessageBox.Icon.Question, "Restore consultation",
                               f"Restore the consultation that was not closed properly (last changed {when})?",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               QMessageBox.StandardButton.Yes,
                               "If you choose No, it is deleted and cannot be restored later.")
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_changes(self, doing: str) -> str:
        """Ask what to do with unsaved changes before ``doing``: "save", "discard" or "cancel"."""
        answer = self._message(QMessageBox.Icon.Warning, "Unsaved changes",
                               f"{self._name} has changes that are not saved. Save them before you {doing}?",
                               QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(answer, "cancel")

    def _message(self, icon: QMessageBox.Icon, title: str, text: str,
                 buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                 default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
                 informative: str = "", button_texts: dict | None = None) -> QMessageBox.StandardButton:
        """Show a plain-text message box and return the button pressed."""
        box = QMessageBox(self._host if isinstance(self._host, QWidget) else None)
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        if informative:
            box.setInformativeText(informative)
        box.setStandardButtons(buttons)
        if default != QMessageBox.StandardButton.NoButton:
            box.setDefaultButton(default)
        for button, label in (button_texts or {}).items():
            box.button(button).setText(label)
        result = box.exec()
        return QMessageBox.StandardButton(result)

    def _error(self, title: str, text: str, informative: str = "") -> None:
        self._message(QMessageBox.Icon.Warning, title, text, informative=informative)

    def _confirm_discard(self, doing: str) -> bool:
        """True when there are no unsaved changes, or the user saved or discarded them."""
        if not self._modified:
            return True
        answer = self.ask_save_changes(doing)
        if answer == "save":
            return self.save()
        return answer == "discard"

    # ----------------------------------------------------------------- file dialogs

    def _start_dir(self) -> str:
        if self._last_dir:
            return self._last_dir
        if self._path is not None:
            return str(self._path.parent)
        for text in self._recent.paths():
            if Path(text).parent.is_dir():
                return str(Path(text).parent)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    def _remember_dir(self, path: Path) -> None:
        self._last_dir = str(path.parent)

    def _ask_save_path(self, caption: str, name: str, filters: str, selected: str = "") -> tuple[Path | None, str]:
        path, chosen = QFileDialog.getSaveFileName(self._host, caption, str(Path(self._start_dir()) / name),
                                                   filters, selected)
        if not path:
            return None, ""
        target = Path(path)
        self._remember_dir(target)
        return target, chosen

    # ----------------------------------------------------------------- new / open

    def _on_new_triggered(self) -> None:
        self.new_consultation()

    def new_consultation(self) -> bool:
        """Start an empty consultation with the table shown (after asking about unsaved changes)."""
        if not self._confirm_discard("start a new consultation"):
            return False
        table = self._host.current_table()
        self._applying = True
        try:
            self._host.apply_preferences(None, Limits(), [])
            self.panel.set_table(self._host.current_table())
            self.panel.set_state(None, "", "", SureResult())
        finally:
            self._applying = False
        self._detached = False
        self._base = Session.new(table)
        self._set_file(None, None, NEW_NAME)
        self._mark_saved()
        return True

    def _on_open_triggered(self) -> None:
        if not self._confirm_discard("open another consultation"):
            return
        path, _ = QFileDialog.getOpenFileName(self._host, "Open consultation", self._start_dir(), OPEN_FILTER)
        if path:
            self._remember_dir(Path(path))
            self.open_file(path, confirm=False)

    def _on_recent_triggered(self, path: str) -> None:
        self.open_file(path)

    def _on_clear_recent_triggered(self) -> None:
        self._recent.clear()
        self._rebuild_recent_menu()

    def open_file(self, path: str | Path, *, confirm: bool = True) -> bool:
        """Open a saved consultation, with its table when it can be found.

        Parameters
        ----------
        path
            The consultation file.
        confirm
            Ask about unsaved changes first.

        Returns
        -------
        bool
            False if nothing was opened (the file cannot be read, or the user
            cancelled); a message has then said why.
        """
        if confirm and not self._confirm_discard("open another consultation"):
            return False
        target = Path(path)
        stamp = session_stamp(target)  # taken first: a change in between shows up as a conflict on save
        try:
            session = load_session(target)
        except SessionError as exc:
            informative = ""
            if str(target) in self._recent.paths() and not target.exists():
                self._recent.remove(target)
                self._rebuild_recent_menu()
                informative = "It was removed from the list of recent consultations."
            self._error("Cannot open consultation", str(exc), informative)
            return False
        self._recent.add(target)
        self._rebuild_recent_menu()
        self._adopt(session, path=target, stamp=stamp, name=target.name)
        self._host.show_status(f"Opened {target.name}")
        return True

    def _adopt(self, session: Session, *, path: Path | None, stamp: str | None, name: str,
               recovered: bool = False) -> None:
        """Show ``session``, loading its table if it is not the one shown."""
        self._timer.stop()
        messages: list[str] = []
        self._applying = True
        try:
            table = self._session_table(session, messages)
            check = check_against_table(session, table)
            messages.extend(check.messages)
            if table is not None:
                importances = check.session.importances
                self._host.apply_preferences(None if importances is None else dict(importances),
                                             check.session.limits, list(check.session.selected))
            self.panel.set_table(self._host.current_table())
            self.panel.set_state(check.session.chosen, check.session.notes_clinician, check.session.notes_patient,
                                 check.session.sure)
        finally:
            self._applying = False
        self._detached = table is None
        self._base = check.session
        self._set_file(path, stamp, name)
        if recovered:
            self._saved_key = ""  # nothing of it is saved in a file yet
            self._set_modified(True)
        else:
            self._mark_saved()  # "changed" from now on means changed since it was opened
        if messages:
            self._message(QMessageBox.Icon.Information, "Consultation opened",
                          f"{name} was opened. Please note:\n\n" + "\n\n".join(f"- {m}" for m in messages))

    def _session_table(self, session: Session, messages: list[str]) -> DecisionTable | None:
        """The table to show ``session`` with, loading it through the host; None if missing or bad."""
        current = self._host.current_table()
        if not session.table_folder:
            messages.append("This consultation does not record which table it was made with; it is shown with "
                            "the table open now.")
            return current
        if session.table_folder == table_reference(current):
            return current
        folder = bundled_data_dir() if session.table_folder == BUNDLED_TABLE else Path(session.table_folder)
        if not folder.is_dir():
            return None
        if not self._host.load_folder(str(folder)):
            return None
        return self._host.current_table()

    def _set_file(self, path: Path | None, stamp: str | None, name: str) -> None:
        self._path = path
        self._stamp = stamp
        self._name = name
        self._update_title()

    def _mark_saved(self, key: str | None = None) -> None:
        """Record the state shown as the saved one."""
        if key is None:
            try:
                key = _content_key(self.current_session())
            except SessionError:
                key = ""
        self._saved_key = key
        self._timer.stop()
        clear_autosave(window=self._window)
        self._on_changed()

    # ----------------------------------------------------------------- save

    def _on_save_triggered(self) -> None:
        self.save()

    def _on_save_as_triggered(self) -> None:
        self.save_as()

    def save(self) -> bool:
        """Save to the current file (asking for a name the first time); True if saved."""
        if self._path is None:
            return self.save_as()
        current = session_stamp(self._path)
        if current is not None and current != self._stamp:
            return self._save_conflict(f"{self._path} was changed by another window or program since you opened "
                                       "it. Nothing was saved.")
        return self._write(self._path, self._stamp)

    def save_as(self, path: str | Path | None = None) -> bool:
        """Save under a new name (asked for when ``path`` is None); True if saved."""
        if path is None:
            today = dt.date.today().isoformat()
            name = self._path.name if self._path is not None else f"consultation-{today}{SUFFIX}"
            target, _ = self._ask_save_path("Save consultation as", name, SESSION_FILTER)
            if target is None:
                return False
        else:
            target = Path(path)
        return self._write(target, None)

    def _save_conflict(self, text: str) -> bool:
        self.autosave_now()
        answer = self._message(QMessageBox.Icon.Warning, "File changed elsewhere", text,
                               QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                               QMessageBox.StandardButton.Save,
                               "Your work is kept in this window. Save it under another name, or open the file "
                               "again to see the other changes.",
                               {QMessageBox.StandardButton.Save: "Save As..."})
        if answer == QMessageBox.StandardButton.Save:
            return self.save_as()
        return False

    def _write(self, target: Path, expected_stamp: str | None) -> bool:
        try:
            session = self.current_session().touched()
        except SessionError as exc:
            self.autosave_now()
            self._error("Cannot save consultation", str(exc), "Nothing was saved; your work is kept in this window.")
            return False
        try:
            stamp = save_session(target, session, expected_stamp=expected_stamp)
        except SessionError as exc:
            self.autosave_now()
            if expected_stamp is not None and session_stamp(target) not in (None, expected_stamp):
                return self._save_conflict(str(exc))
            self._error("Cannot save consultation", str(exc),
                        "Your work is kept in this window and in the autosave. Try Save As to save it "
                        "somewhere else.")
            return False
        self._base = session
        self._recent.add(target)
        self._rebuild_recent_menu()
        self._set_file(target, stamp, target.name)
        self._mark_saved(_content_key(session))
        self._host.show_status(f"Saved {target.name}")
        return True

    # ----------------------------------------------------------------- export and print

    def _export_source(self) -> tuple[DecisionTable, Session] | None:
        if self._detached:
            self._error("Cannot export", DETACHED_EXPORT)
            return None
        try:
            return self._host.current_table(), self.current_session().touched()
        except SessionError as exc:
            self._error("Cannot export", str(exc))
            return None

    def _on_export_summary_triggered(self) -> None:
        self.export_summary()

    def export_summary(self, path: str | Path | None = None, page_size: str | None = None) -> bool:
        """Save the patient's summary as a PDF; True if written.

        With ``path`` None a file dialog asks for the name; its file-type
        list offers A4 and US Letter paper, the locale's size first chosen.
        """
        source = self._export_source()
        if source is None:
            return False
        table, session = source
        if path is None:
            default = page_size or default_page_size()
            filters = ";;".join(PDF_FILTERS.values())
            target, chosen = self._ask_save_path("Export summary", f"consultation-summary-{dt.date.today()}.pdf",
                                                 filters, PDF_FILTERS[default])
            if target is None:
                return False
            page_size = next((size for size, text in PDF_FILTERS.items() if text == chosen), default)
        else:
            target = Path(path)
        from ..core.report import export_summary_pdf  # reportlab loads on the first export, not at start-up

        try:
            export_summary_pdf(target, table, session, page_size=page_size or default_page_size())
        except DecisionAidError as exc:
            self._error("Cannot export summary", str(exc))
            return False
        self._host.show_status(f"Summary saved as {target.name}")
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
            self._message(QMessageBox.Icon.Information, "Export comparison", COMPARE_FIRST)
            return False
        if path is None:
            target, _ = self._ask_save_path("Export comparison", f"comparison-{dt.date.today()}.csv", CSV_FILTER)
            if target is None:
                return False
        else:
            target = Path(path)
        try:
            export_comparison_csv(target, table, session.selected, session_ranking(table, session))
        except DecisionAidError as exc:
            self._error("Cannot export comparison", str(exc))
            return False
        self._host.show_status(f"Comparison saved as {target.name}")
        return True

    def _on_print_triggered(self) -> None:
        self.print_summary()

    def print_summary(self) -> bool:
        """Print the summary through Qt's print dialog; True if printed.

        "Print to file" (PDF) writes the same PDF as :meth:`export_summary`;
        a printer gets :func:`summary_document`.
        """
        source = self._export_source()
        if source is None:
            return False
        table, session = source
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Consultation summary")
        dialog = QPrintDialog(printer, self._host if isinstance(self._host, QWidget) else None)
        dialog.setWindowTitle("Print summary")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
                from ..core.report import export_summary_pdf

                letter = printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
                export_summary_pdf(printer.outputFileName(), table, session, page_size="letter" if letter else "a4")
            else:
                summary_document(table, session).print_(printer)
                if printer.printerState() == QPrinter.PrinterState.Error:
                    raise ExportError("The printer reported an error; nothing may have been printed. "
                                      "Check the printer, or export the summary as a PDF instead.")
        except DecisionAidError as exc:
            self._error("Cannot print summary", str(exc))
            return False
        self._host.show_status("Summary sent to the printer")
        return True


# --------------------------------------------------------------------------- printing


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

    def heading(self, text: str, size: float = 16) -> None:
        self.text(text, size, bold=True, space_before=size * 0.8)

    def framed(self, text: str, bold: bool = True, border: float = 1.5) -> None:
        self._block()
        frame = QTextFrameFormat()
        frame.setBorder(border)
        frame.setPadding(6)
        frame.setMargin(4)
        cursor = self._cursor.insertFrame(frame).firstCursorPosition()
        cursor.insertText(text, self._format(BODY_PT, bold))
        self._cursor = self.document.rootFrame().lastCursorPosition()

    def grid(self, rows: Sequence[Sequence[str]]) -> None:
        self._block()
        fmt = QTextTableFormat()
        fmt.setBorder(0.5)
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setHeaderRowCount(1)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = self._cursor.insertTable(len(rows), len(rows[0]), fmt)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cellAt(r, c).firstCursorPosition().insertText(str(cell), self._format(10, r == 0 or c == 0))
        self._cursor = self.document.rootFrame().lastCursorPosition()

    def figure(self, fig: Figure) -> None:
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


def summary_document(table: DecisionTable, session: Session, *, today: dt.date | None = None) -> QTextDocument:
    """The patient's summary as a QTextDocument, for printing.

    The same sections in the same words as the PDF: both are written by
    :func:`decision_aid.core.summary.write_summary`. Every piece of text is
    inserted as plain text.
    """
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, "Consultation summary")
    write_summary(_DocumentWriter(document), table, session, today=today)
    return document
