"""The consultation record in the window: save, open, autosave, recovery, export and print.

:class:`ConsultationRecord` is a self-contained part the main window plugs
in. It keeps the window's :class:`~decision_aid.gui.consultation.Consultation`
in files: it adds a "Decision and notes" tab
(:class:`~decision_aid.gui.decision_panel.DecisionPanel`) and its actions to
the window's File menu, and from then on owns the window title (file name,
and ``*`` while there are unsaved changes). It saves the consultation's
session as it is; it never reads a widget.

Plugging it in (in the main window, after its File menu and tabs exist)::

    self.record = ConsultationRecord(self, self.consultation, self.settings)
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
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ..core.errors import SessionError
from ..core.session import (BUNDLED_TABLE, SUFFIX, Session, check_against_table, clear_autosave, discard_recovery,
                            load_session, pending_recovery, save_session, session_stamp, table_reference,
                            write_autosave)
from ..core.table import DecisionTable, bundled_data_dir
from .consultation import Change, Consultation
from . import language as i18n
from .decision_panel import NOT_DECIDED, NOTE_TOO_LONG, TAB_TITLE, DecisionPanel
from .printing import default_page_size, summary_document
from .record_exports import COMPARE_FIRST, DETACHED_EXPORT, PDF_FILTERS, RecordExports
from .record_menu import RecentFiles, fill_recent_menu, insert_block, insertion_point
from .language import N_
from .settings import Settings

__all__ = ["COMPARE_FIRST", "DETACHED_EXPORT", "NOTE_TOO_LONG", "NOT_DECIDED", "PDF_FILTERS", "TAB_TITLE",
           "ConsultationRecord", "DecisionPanel", "RecordHost", "default_page_size", "summary_document"]

NEW_NAME = N_("New consultation")
RECOVERED_NAME = N_("Recovered consultation")
#: Milliseconds after the last change before the autosave is written.
AUTOSAVE_DELAY_MS = 3000
SESSION_FILTER_TEMPLATE = N_("Consultation record (*{suffix})")
SESSION_FILTER = SESSION_FILTER_TEMPLATE.format(suffix=SUFFIX)
ALL_FILES = N_("All files (*)")
OPEN_FILTER = f"{SESSION_FILTER};;{ALL_FILES}"

_windows = itertools.count()


class RecordHost(Protocol):
    """What the main window provides to :class:`ConsultationRecord`.

    The host is a :class:`QMainWindow` (the parent of every dialog; the
    record sets its ``windowTitle`` and ``windowModified`` and watches its
    close event).
    """

    def load_folder(self, path: str) -> bool:
        """Load the table in ``path`` into the consultation; on a bad table show why and return False."""

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


def _app_title(title: str) -> str:
    """The window's own title without the modified placeholder."""
    return title.replace("[*]", "").strip(" -") or "Decision aid"


def _content_key(session: Session) -> str:
    """The session's content without its timestamps, to tell whether anything changed."""
    data = session.to_dict()
    for name in ("created", "modified", "app_version"):
        data.pop(name)
    return json.dumps(data, sort_keys=True)


class ConsultationRecord(RecordExports, QObject):
    """Save, open, autosave, export and print one window's consultation.

    Parameters
    ----------
    host
        The main window (see :class:`RecordHost`). Its File menu and tab
        area must exist; its title at this point becomes the application
        part of the title (``"file.json[*] - <title>"``).
    consultation
        The window's consultation: what is saved, and what an opened file
        is put into.
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

    def __init__(self, host: RecordHost, consultation: Consultation, settings: Settings | None = None) -> None:
        super().__init__(host if isinstance(host, QObject) else None)
        self._host = host
        self.consultation = consultation
        self._window = next(_windows)
        self._recent = RecentFiles(settings)
        self._app_title = _app_title(host.windowTitle())
        self._title = ""
        self._path: Path | None = None
        self._stamp: str | None = None
        self._name = NEW_NAME
        self._was_detached = consultation.detached
        self._autosave_failed = False
        self._last_dir = ""

        self.panel = DecisionPanel()
        self.panel.bind(consultation)
        self._saved_key = _content_key(consultation.session)
        self._modified = False

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_autosave_timeout)

        self.actions: dict[str, QAction] = {}
        self.recent_menu = QMenu(host if isinstance(host, QWidget) else None)
        i18n.title(self.recent_menu, N_("Open &recent"), self.tr)
        self.recent_menu.aboutToShow.connect(self._rebuild_recent_menu)
        self._build_actions()
        self._rebuild_recent_menu()

        host.add_record_tab(self.panel, TAB_TITLE)
        consultation.changed.connect(self._on_changed)
        host.installEventFilter(self)
        self._update_title()

    # ----------------------------------------------------------------- menu

    def _build_actions(self) -> None:
        def add(key: str, text: str, slot, shortcut: str | None = None, tip: str = "") -> QAction:
            action = QAction(self)
            i18n.text(action, text, self.tr)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            i18n.bind(action, "setStatusTip", tip, self.tr)
            action.triggered.connect(slot)
            self.actions[key] = action
            return action

        add("new", N_("&New consultation"), self._on_new_triggered,
            tip=N_("Start a new consultation with the table shown"))
        add("open", N_("&Open consultation..."), self._on_open_triggered, "Ctrl+Shift+O",
            N_("Open a saved consultation"))
        add("save", N_("&Save"), self._on_save_triggered, "Ctrl+S", N_("Save the consultation"))
        add("save_as", N_("Save &as..."), self._on_save_as_triggered, "Ctrl+Shift+S",
            N_("Save the consultation under a new name"))
        add("export_pdf", N_("&Export summary PDF..."), self._on_export_summary_triggered, "Ctrl+E",
            N_("Save the summary for the patient as a PDF (A4 or US Letter)"))
        add("export_csv", N_("Export &comparison CSV..."), self._on_export_comparison_triggered,
            tip=N_("Save the options compared as a CSV file for the clinic record"))
        add("print", N_("&Print summary..."), self._on_print_triggered, "Ctrl+P",
            N_("Print the summary for the patient"))

        menu = self._host.record_menu()
        anchor = getattr(self._host, "record_anchor", None)
        before = anchor() if callable(anchor) else insertion_point(menu)
        insert_block(menu, before, [
            self.actions["new"], self.actions["open"], self.recent_menu, self.actions["save"],
            self.actions["save_as"], None, self.actions["export_pdf"], self.actions["export_csv"],
            self.actions["print"], None])

    def _rebuild_recent_menu(self) -> None:
        fill_recent_menu(self.recent_menu, self._recent.paths(), self._on_recent_triggered,
                         self._on_clear_recent_triggered, self.tr)

    @property
    def tr(self):
        """The window's language (the consultation's translator)."""
        return self.consultation.translator

    def language_changed(self) -> None:
        """The window's language changed: the file's name in the title, the recent list."""
        self._update_title()
        self._rebuild_recent_menu()

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
        """The consultation as it stands.

        Raises
        ------
        SessionError
            When something cannot be recorded (for example a note longer
            than the limit); the message says what.
        """
        if self.consultation.problem:
            raise SessionError(self.consultation.problem)
        return self.consultation.session

    def _update_title(self) -> None:
        shown = self.tr.gettext(self._name) if self._name in (NEW_NAME, RECOVERED_NAME) else self._name
        name = shown.replace("[*]", "[*][*]")  # Qt's escape for a literal placeholder
        self._title = f"{name}[*] - {self._app_title}"
        self._host.setWindowTitle(self._title)
        self._host.setWindowModified(self._modified)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self._host.setWindowModified(modified)

    def _on_changed(self, change: Change | None = None) -> None:
        if self._was_detached and not self.consultation.detached:
            self._host.show_status(self.tr.gettext("The consultation now uses the table shown."))
        self._was_detached = self.consultation.detached
        modified = bool(self.consultation.problem) or _content_key(self.consultation.session) != self._saved_key
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
                self._host.show_status(self.tr.gettext("Autosave failed: {error}").format(error=exc.say(self.tr)))
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
        host = self.__dict__.get("_host")
        if host is None or watched is not host:
            return False            # the window is being torn down and this record with it: nothing to do
        if watched is self._host and event.type() == QEvent.Type.WindowTitleChange \
                and self._title and self._host.windowTitle() != self._title:
            self._app_title = _app_title(self._host.windowTitle())
            self._update_title()
            return False
        if watched is self._host and event.type() == QEvent.Type.Close:
            if not self._confirm_discard(N_("close the window")):
                event.ignore()
                return True
            self._timer.stop()
            clear_autosave(window=self._window)
        return False

    # ----------------------------------------------------------------- questions (tests replace these)

    def ask_restore(self, session: Session) -> bool:
        """Ask whether to restore ``session``, left by an app that did not close properly."""
        local = session.modified.astimezone()
        tr = self.tr
        hour = f"{local:%H:%M}"
        when = hour if local.date() == dt.date.today() else f"{tr.format_date(local.date())}, {hour}"
        answer = self._message(QMessageBox.Icon.Question, tr.gettext("Restore consultation"),
                               tr.gettext("Restore the consultation that was not closed properly "
                                          "(last changed {when})?").format(when=when),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               QMessageBox.StandardButton.Yes,
                               tr.gettext("If you choose No, it is deleted and cannot be restored later."))
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_changes(self, doing: str) -> str:
        """Ask what to do with unsaved changes before ``doing``: "save", "discard" or "cancel"."""
        tr = self.tr
        name = tr.gettext(self._name) if self._name in (NEW_NAME, RECOVERED_NAME) else self._name
        answer = self._message(QMessageBox.Icon.Warning, tr.gettext("Unsaved changes"),
                               tr.gettext("{name} has changes that are not saved. Save them before you {doing}?")
                               .format(name=name, doing=tr.gettext(doing)),
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
        if not self._confirm_discard(N_("start a new consultation")):
            return False
        self.consultation.adopt(Session.new(self.consultation.table))
        self._set_file(None, None, NEW_NAME)
        self._mark_saved()
        return True

    def _on_open_triggered(self) -> None:
        if not self._confirm_discard(N_("open another consultation")):
            return
        tr = self.tr
        filters = tr.gettext(SESSION_FILTER_TEMPLATE).format(suffix=SUFFIX) + ";;" + tr.gettext(ALL_FILES)
        path, _ = QFileDialog.getOpenFileName(self._host, tr.gettext("Open consultation"), self._start_dir(), filters)
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
        if confirm and not self._confirm_discard(N_("open another consultation")):
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
                informative = self.tr.gettext("It was removed from the list of recent consultations.")
            self._error(self.tr.gettext("Cannot open consultation"), exc.say(self.tr), informative)
            return False
        self._recent.add(target)
        self._rebuild_recent_menu()
        self._adopt(session, path=target, stamp=stamp, name=target.name)
        self._host.show_status(self.tr.gettext("Opened {file}").format(file=target.name))
        return True

    def _adopt(self, session: Session, *, path: Path | None, stamp: str | None, name: str,
               recovered: bool = False) -> None:
        """Put ``session`` in the window, loading its table if it is not the one shown."""
        self._timer.stop()
        messages: list[str] = []
        table = self._session_table(session, messages)
        check = check_against_table(session, table, tr=self.tr)
        messages.extend(check.messages)
        self.consultation.adopt(check.session, detached=table is None)
        self._was_detached = table is None
        self._set_file(path, stamp, name)
        if recovered:
            self._saved_key = ""  # nothing of it is saved in a file yet
            self._set_modified(True)
            self._timer.start()
        else:
            self._mark_saved()  # "changed" from now on means changed since it was opened
        if messages:
            self._message(QMessageBox.Icon.Information, self.tr.gettext("Consultation opened"),
                          self.tr.gettext("{name} was opened. Please note:").format(name=name) + "\n\n"
                          + "\n\n".join(f"- {m}" for m in messages))

    def _session_table(self, session: Session, messages: list[str]) -> DecisionTable | None:
        """The table to show ``session`` with, loading it through the host; None if missing or bad."""
        current = self.consultation.table
        if not session.table_folder:
            messages.append(self.tr.gettext("This consultation does not record which table it was made with; "
                                            "it is shown with the table open now."))
            return current
        if current is not None and session.table_folder == table_reference(current):
            return current
        folder = bundled_data_dir() if session.table_folder == BUNDLED_TABLE else Path(session.table_folder)
        if not folder.is_dir():
            return None
        if not self._host.load_folder(str(folder)):
            return None
        return self.consultation.table

    def _set_file(self, path: Path | None, stamp: str | None, name: str) -> None:
        self._path = path
        self._stamp = stamp
        self._name = name
        self._update_title()

    def _mark_saved(self, key: str | None = None) -> None:
        """Record the consultation as it stands as the saved one."""
        self._saved_key = key if key is not None else _content_key(self.consultation.session)
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
            return self._save_conflict(self.tr.gettext("{file} was changed by another window or program since you "
                                                       "opened it. Nothing was saved.").format(file=self._path))
        return self._write(self._path, self._stamp)

    def save_as(self, path: str | Path | None = None) -> bool:
        """Save under a new name (asked for when ``path`` is None); True if saved."""
        if path is None:
            today = dt.date.today().isoformat()
            name = self._path.name if self._path is not None else f"consultation-{today}{SUFFIX}"
            tr = self.tr
            target, _ = self._ask_save_path(tr.gettext("Save consultation as"), name,
                                            tr.gettext(SESSION_FILTER_TEMPLATE).format(suffix=SUFFIX))
            if target is None:
                return False
        else:
            target = Path(path)
        return self._write(target, None)

    def _save_conflict(self, text: str) -> bool:
        self.autosave_now()
        tr = self.tr
        answer = self._message(QMessageBox.Icon.Warning, tr.gettext("File changed elsewhere"), text,
                               QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                               QMessageBox.StandardButton.Save,
                               tr.gettext("Your work is kept in this window. Save it under another name, or open "
                                          "the file again to see the other changes."),
                               {QMessageBox.StandardButton.Save: tr.gettext("Save As...")})
        if answer == QMessageBox.StandardButton.Save:
            return self.save_as()
        return False

    def _write(self, target: Path, expected_stamp: str | None) -> bool:
        try:
            session = self.current_session().touched()
        except SessionError as exc:
            self.autosave_now()
            self._error(self.tr.gettext("Cannot save consultation"), exc.say(self.tr),
                        self.tr.gettext("Nothing was saved; your work is kept in this window."))
            return False
        try:
            stamp = save_session(target, session, expected_stamp=expected_stamp)
        except SessionError as exc:
            self.autosave_now()
            if expected_stamp is not None and session_stamp(target) not in (None, expected_stamp):
                return self._save_conflict(exc.say(self.tr))
            self._error(self.tr.gettext("Cannot save consultation"), exc.say(self.tr),
                        self.tr.gettext("Your work is kept in this window and in the autosave. Try Save As to "
                                        "save it somewhere else."))
            return False
        self.consultation.saved(session)
        self._recent.add(target)
        self._rebuild_recent_menu()
        self._set_file(target, stamp, target.name)
        self._mark_saved(_content_key(session))
        self._host.show_status(self.tr.gettext("Saved {file}").format(file=target.name))
        return True
