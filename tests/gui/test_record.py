"""The consultation record in the window: save, open, autosave, recovery, export and print.

A small ``FakeHost`` main window implements :class:`RecordHost` over a real
table with a real File menu and tab widget. Every message box, file dialog
and print dialog is replaced, so no modal ever waits.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QAction, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMainWindow, QMenu, QMessageBox, QTabWidget

from decision_aid import NOT_ADVICE
from decision_aid.core import session as session_module
from decision_aid.core.errors import TableError
from decision_aid.core.scoring import Limits
from decision_aid.core.session import (BUNDLED_TABLE, MAX_NOTE_CHARS, Session, autosave_path, load_session,
                                      save_session)
from decision_aid.core.sure import SureResult
from decision_aid.core.table import DecisionTable, load_table
from decision_aid.gui import printing as printing_module
from decision_aid.gui import record as record_module
from decision_aid.gui.consultation import Consultation
from decision_aid.gui.settings import Settings
from decision_aid.gui.record import (COMPARE_FIRST, DETACHED_EXPORT, NOT_DECIDED, PDF_FILTERS, TAB_TITLE,
                                     ConsultationRecord, DecisionPanel, default_page_size, summary_document)

Button = QMessageBox.StandardButton


# --------------------------------------------------------------------------- fakes


class FakeHost(QMainWindow):
    """A main window implementing RecordHost the simplest way, around a real Consultation."""

    def __init__(self, table: DecisionTable) -> None:
        super().__init__()
        self.setWindowTitle("Decision aid")
        self.consultation = Consultation(table)
        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu.addAction("Open table...")
        self.file_menu.addSeparator()
        quit_action = self.file_menu.addAction("&Quit")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.tabs = QTabWidget()
        self.tabs.addTab(QMainWindow(), "Compare")
        self.setCentralWidget(self.tabs)
        self.statuses: list[str] = []
        self.table_errors: list[str] = []
        self.loaded: list[str] = []

    @property
    def table(self) -> DecisionTable:
        return self.consultation.table

    @property
    def importances(self):
        return self.consultation.importances()

    @property
    def selected(self) -> list[str]:
        return list(self.consultation.session.selected)

    def current_preferences(self):
        session = self.consultation.session
        return self.consultation.importances(), session.limits, list(session.selected)

    # RecordHost
    def load_folder(self, path: str) -> bool:
        self.loaded.append(path)
        try:
            table = load_table(path)
        except TableError as exc:
            self.table_errors.append(str(exc))  # the real window shows a dialog here
            return False
        self.consultation.set_table(table)
        return True

    def record_menu(self) -> QMenu:
        return self.file_menu

    def add_record_tab(self, widget, title: str) -> None:
        self.tabs.addTab(widget, title)

    def show_status(self, text: str) -> None:
        self.statuses.append(text)

    # what the user does elsewhere in the window
    def user_sets(self, importances=None, limits=None, selected=None) -> None:
        if importances is not None:
            self.consultation.set_importances(importances)
        if limits is not None:
            self.consultation.set_limits(limits)
        if selected is not None:
            self.consultation.set_compared(selected)


class Dialogs:
    """Stands in for every modal: records what was shown and answers from queues."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.answers: list[Button] = []
        self.save_paths: list[tuple[str, str]] = []
        self.open_paths: list[str] = []
        self.save_calls: list[tuple] = []
        self.print_setup = None

    def texts(self) -> list[str]:
        return [m["text"] for m in self.messages]

    def exec_box(self, box: QMessageBox) -> int:
        buttons = box.standardButtons()
        self.messages.append({"title": box.windowTitle(), "text": box.text(), "info": box.informativeText(),
                              "format": box.textFormat(), "buttons": buttons, "icon": box.icon()})
        if self.answers:
            return self.answers.pop(0).value
        for default in (Button.Discard, Button.No, Button.Cancel, Button.Ok):
            if buttons & default:
                return default.value
        return Button.Ok.value

    def get_save(self, parent, caption="", directory="", filters="", selected="", *args):
        self.save_calls.append((caption, directory, filters, selected))
        return self.save_paths.pop(0) if self.save_paths else ("", "")

    def get_open(self, parent, caption="", directory="", filters="", *args):
        return (self.open_paths.pop(0), filters) if self.open_paths else ("", "")


class FakePrintDialog:
    """Accepts at once, after ``Dialogs.print_setup(printer)`` has set the printer up."""

    dialogs: Dialogs

    def __init__(self, printer: QPrinter, parent=None) -> None:
        self.printer = printer

    def setWindowTitle(self, title: str) -> None:  # noqa: N802
        pass

    def exec(self) -> int:
        if self.dialogs.print_setup is None:
            return QDialog.DialogCode.Rejected
        self.dialogs.print_setup(self.printer)
        return QDialog.DialogCode.Accepted


@pytest.fixture(autouse=True)
def state_dir(tmp_path, monkeypatch) -> Path:
    """Autosaves go to a folder of the test's own."""
    folder = tmp_path / "state"
    monkeypatch.setenv("DECISION_AID_STATE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> Dialogs:
    """Autouse, so the patches outlive qtbot's closing of the windows at teardown."""
    fake = Dialogs()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: fake.exec_box(box))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake.get_save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake.get_open)
    # The summary's language: the one offered first (the patient screen's).
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda parent, title, label, items, current=0, *rest: (items[current], True))
    FakePrintDialog.dialogs = fake
    monkeypatch.setattr(printing_module, "QPrintDialog", FakePrintDialog)
    return fake


@pytest.fixture
def make(qtbot, tmp_path):
    """make(table) -> (host, record): a window with a record plugged in."""

    def build(table: DecisionTable, settings_name: str = "t.ini"):
        host = FakeHost(table)
        qtbot.addWidget(host)
        settings = Settings(QSettings(str(tmp_path / settings_name), QSettings.Format.IniFormat))
        rec = ConsultationRecord(host, host.consultation, settings)
        return host, rec

    return build


def fill(host: FakeHost, rec: ConsultationRecord, table: DecisionTable) -> None:
    """Set everything a consultation holds."""
    criteria = [c.column for c in table.criteria]
    host.user_sets(importances={c: float(i % 11) for i, c in enumerate(criteria, start=3)},
                   limits=Limits(exclude_categories=frozenset({"alternative"})),
                   selected=list(table.ids[:3]))
    rec.panel.set_chosen(table.ids[1])
    rec.panel.clinician_notes.setPlainText("Review in 6 weeks.\n<b>not bold</b>")
    rec.panel.patient_notes.setPlainText("I want to keep working = important")
    rec.panel.sure_panel.buttons("sure")[0].click()
    rec.panel.sure_panel.buttons("understand")[1].click()


# --------------------------------------------------------------------------- plugging in


def test_tab_menu_and_title(make, bundled_table):
    host, rec = make(bundled_table)
    assert host.tabs.tabText(1) == TAB_TITLE
    assert isinstance(host.tabs.widget(1), DecisionPanel)
    texts = [a.text() for a in host.file_menu.actions()]
    assert texts.index("&Open consultation...") < texts.index("&Quit")
    assert texts[0] == "Open table..."
    assert "Open &recent" in texts
    shortcuts = {k: a.shortcut().toString() for k, a in rec.actions.items()}
    assert shortcuts["open"] == "Ctrl+Shift+O"
    assert shortcuts["save"] == "Ctrl+S"
    assert shortcuts["save_as"] == "Ctrl+Shift+S"
    assert shortcuts["export_pdf"] == "Ctrl+E"
    assert shortcuts["print"] == "Ctrl+P"
    assert host.windowTitle() == "New consultation[*] - Decision aid"
    assert not host.isWindowModified()
    combo = rec.panel.chosen_box
    assert combo.itemText(0) == NOT_DECIDED and combo.currentData() is None
    assert [combo.itemData(i) for i in range(1, combo.count())] == list(bundled_table.ids)


def test_a_change_marks_the_window_and_undoing_it_clears_the_mark(make, bundled_table):
    host, rec = make(bundled_table)
    rec.panel.patient_notes.setPlainText("x")
    assert host.isWindowModified() and rec.is_modified
    rec.panel.patient_notes.setPlainText("")
    assert not host.isWindowModified()
    host.user_sets(selected=["nsaids", "paracetamol"])
    assert host.isWindowModified()


# --------------------------------------------------------------------------- save and open


def test_save_close_reopen_restores_everything(make, bundled_table, tmp_path, dialogs, state_dir):
    host, rec = make(bundled_table)
    fill(host, rec, bundled_table)
    target = tmp_path / "visit.json"
    dialogs.save_paths.append((str(target), ""))
    rec.actions["save"].trigger()  # first save asks for a name
    assert target.is_file()
    assert host.windowTitle() == "visit.json[*] - Decision aid" and not host.isWindowModified()
    saved_prefs = host.current_preferences()
    assert host.close()  # nothing unsaved: no question
    assert dialogs.messages == []
    assert not list(state_dir.glob("autosave-*"))

    host2, rec2 = make(bundled_table)
    assert rec2.recent_files() == [target]
    assert rec2.open_file(target)
    assert dialogs.messages == []  # same table, nothing to report
    assert host2.current_preferences() == saved_prefs
    assert rec2.panel.chosen() == bundled_table.ids[1]
    assert rec2.panel.notes_clinician() == "Review in 6 weeks.\n<b>not bold</b>"
    assert rec2.panel.notes_patient() == "I want to keep working = important"
    assert rec2.panel.sure() == SureResult((True, False, None, None))
    assert not rec2.panel.sure_panel.note_frame().isHidden()
    assert not host2.isWindowModified() and rec2.path == target
    assert host2.windowTitle().startswith("visit.json[*]")
    on_disk = load_session(target)
    assert on_disk.table_folder == BUNDLED_TABLE and on_disk.table_fingerprint == bundled_table.fingerprint


def test_save_again_writes_to_the_same_file(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    target = tmp_path / "a.json"
    assert rec.save_as(target)
    rec.panel.patient_notes.setPlainText("second")
    assert rec.save()
    assert dialogs.save_calls == []
    assert load_session(target).notes_patient == "second"


def test_unsaved_changes_are_asked_about_on_close(make, bundled_table, dialogs, state_dir):
    host, rec = make(bundled_table)
    host.show()
    rec.panel.clinician_notes.setPlainText("keep me")
    rec.autosave_now()
    dialogs.answers.append(Button.Cancel)
    assert not host.close()
    assert host.isVisible() and rec.panel.notes_clinician() == "keep me"
    assert "not saved" in dialogs.messages[-1]["text"]
    assert autosave_path(rec._window).exists()
    dialogs.answers.append(Button.Discard)
    assert host.close()
    assert not autosave_path(rec._window).exists()  # a clean close removes the autosave


def test_close_is_refused_when_saving_is_cancelled(make, bundled_table, dialogs):
    host, rec = make(bundled_table)
    host.show()
    rec.panel.patient_notes.setPlainText("not saved yet")
    dialogs.answers.append(Button.Save)  # "Save" on closing, then the file dialog is cancelled
    assert not host.close()
    assert host.isVisible() and rec.is_modified
    assert dialogs.save_calls  # the name was asked for


def test_save_conflict_between_two_windows_keeps_the_file_whole(make, bundled_table, tmp_path, dialogs):
    target = tmp_path / "shared.json"
    host_a, rec_a = make(bundled_table)
    rec_a.panel.clinician_notes.setPlainText("from A, first")
    assert rec_a.save_as(target)
    host_b, rec_b = make(bundled_table, "t2.ini")
    assert rec_b.open_file(target)

    rec_a.panel.clinician_notes.setPlainText("from A, second")
    assert rec_a.save()
    rec_b.panel.clinician_notes.setPlainText("from B")
    dialogs.answers.append(Button.Cancel)
    assert not rec_b.save()

    box = dialogs.messages[-1]
    assert box["title"] == "File changed elsewhere"
    assert "changed by another window or program" in box["text"]
    assert box["buttons"] & Button.Save  # shown as "Save As..."
    assert load_session(target).notes_clinician == "from A, second"  # whole, and A's
    assert rec_b.is_modified and rec_b.panel.notes_clinician() == "from B"
    assert load_session(autosave_path(rec_b._window)).notes_clinician == "from B"

    other = tmp_path / "b.json"
    dialogs.answers.append(Button.Save)
    dialogs.save_paths.append((str(other), ""))
    assert rec_b.save()  # the conflict again, answered with "Save As..."
    assert load_session(other).notes_clinician == "from B"
    assert rec_b.path == other and not rec_b.is_modified
    assert load_session(target).notes_clinician == "from A, second"


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "Permission denied"),
                                   OSError(errno.ENOSPC, "No space left on device")],
                         ids=["read-only", "disk-full"])
def test_failed_save_keeps_the_work_in_memory_and_in_the_autosave(make, bundled_table, tmp_path, dialogs,
                                                                  monkeypatch, error):
    folder = tmp_path / "clinic"
    folder.mkdir()
    target = folder / "visit.json"
    host, rec = make(bundled_table)
    rec.panel.patient_notes.setPlainText("before")
    assert rec.save_as(target)
    before = target.read_bytes()

    real_replace = os.replace

    def failing_replace(src, dst, *args, **kwargs):
        if Path(dst).parent == folder:
            raise error
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing_replace)
    rec.panel.patient_notes.setPlainText("after")
    assert not rec.save()
    box = dialogs.messages[-1]
    assert box["title"] == "Cannot save consultation"
    assert str(target) in box["text"] and "Could not save" in box["text"]
    assert "kept in this window and in the autosave" in box["info"]
    assert box["format"] == record_module.Qt.TextFormat.PlainText
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["visit.json"]  # no half-written file left
    assert rec.is_modified and rec.panel.notes_patient() == "after"
    assert load_session(autosave_path(rec._window)).notes_patient == "after"


def test_save_into_a_folder_that_vanished(make, bundled_table, tmp_path, dialogs):
    folder = tmp_path / "usb"
    folder.mkdir()
    host, rec = make(bundled_table)
    assert rec.save_as(folder / "visit.json")
    shutil.rmtree(folder)
    rec.panel.clinician_notes.setPlainText("still here")
    assert not rec.save()
    assert "Could not save" in dialogs.messages[-1]["text"]
    assert rec.panel.notes_clinician() == "still here" and rec.is_modified
    assert load_session(autosave_path(rec._window)).notes_clinician == "still here"


def test_a_note_over_the_limit_is_flagged_and_not_saved(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    host.show()
    rec.panel.clinician_notes.setPlainText("x" * (MAX_NOTE_CHARS + 1))
    assert not rec.panel._clinician_warning.isHidden()
    assert not rec.save_as(tmp_path / "long.json")
    assert not (tmp_path / "long.json").exists()
    assert "notes_clinician" in dialogs.messages[-1]["text"]
    assert len(rec.panel.notes_clinician()) == MAX_NOTE_CHARS + 1


# --------------------------------------------------------------------------- opening awkward files


def test_opening_loads_the_sessions_table(make, bundled_table, other_table, other_dir, tmp_path, dialogs):
    host, rec = make(other_table)
    fill(host, rec, other_table)
    target = tmp_path / "other.json"
    assert rec.save_as(target)
    prefs = host.current_preferences()

    host2, rec2 = make(bundled_table, "t2.ini")
    assert rec2.open_file(target)
    assert host2.loaded == [str(other_dir.resolve())]
    assert host2.table.fingerprint == other_table.fingerprint
    assert host2.current_preferences() == prefs
    assert rec2.panel.chosen() == other_table.ids[1]
    assert rec2.panel.chosen_box.currentText() == other_table.text(other_table.ids[1], "name")
    assert not rec2.is_modified


def test_opening_with_a_missing_table_opens_what_it_can(make, table_copy, bundled_table, tmp_path, dialogs):
    table = load_table(table_copy)
    host, rec = make(table)
    fill(host, rec, table)
    target = tmp_path / "visit.json"
    assert rec.save_as(target)
    recorded = load_session(target)
    shutil.rmtree(table_copy)

    host2, rec2 = make(bundled_table, "t2.ini")
    host2.user_sets(importances={"pain_relief": 10.0})
    assert rec2.save_as(tmp_path / "before.json")  # nothing unsaved, so no question on opening
    assert rec2.open_file(target)
    [box] = dialogs.messages
    assert box["title"] == "Consultation opened"
    assert "missing or cannot be read" in box["text"] and str(table_copy.resolve()) in box["text"]
    # The consultation shown is the one opened, as recorded; nothing is ranked on a table it was not made with.
    assert host2.consultation.detached and host2.consultation.ranking is None
    assert host2.current_preferences() == (dict(recorded.importances), recorded.limits, list(recorded.selected))
    assert rec2.panel.notes_clinician() == recorded.notes_clinician
    assert rec2.panel.sure() == recorded.sure
    assert rec2.panel.chosen() == recorded.chosen

    # Saving keeps what was recorded for the missing table.
    rec2.panel.patient_notes.setPlainText("added later")
    assert rec2.save()
    again = load_session(target)
    assert again.table_folder == recorded.table_folder and again.importances == recorded.importances
    assert again.selected == recorded.selected and again.notes_patient == "added later"

    # A summary needs the table.
    assert not rec2.export_summary(tmp_path / "s.pdf")
    assert dialogs.messages[-1]["text"] == DETACHED_EXPORT
    # Going on with the table shown.
    host2.user_sets(selected=["nsaids", "exercise_yoga"])
    assert host2.statuses[-1] == "The consultation now uses the table shown."
    assert rec2.current_session().selected == ("nsaids", "exercise_yoga")


def test_opening_with_a_broken_table_says_so(make, table_copy, bundled_table, tmp_path, dialogs):
    table = load_table(table_copy)
    host, rec = make(table)
    rec.panel.clinician_notes.setPlainText("notes survive")
    target = tmp_path / "visit.json"
    assert rec.save_as(target)
    (table_copy / "options.csv").write_text("not,a,table\n", encoding="utf-8")

    host2, rec2 = make(bundled_table, "t2.ini")
    assert rec2.open_file(target)
    assert host2.table_errors  # the window said what is wrong with the table
    assert host2.table is bundled_table
    assert "missing or cannot be read" in dialogs.messages[-1]["text"]
    assert rec2.panel.notes_clinician() == "notes survive"


def test_opening_a_changed_table_reports_it(make, table_copy, bundled_table, tmp_path, dialogs):
    table = load_table(table_copy)
    host, rec = make(table)
    host.user_sets(selected=["nsaids", "exercise_yoga"])
    target = tmp_path / "visit.json"
    assert rec.save_as(target)
    options = table_copy / "options.csv"
    options.write_text(options.read_text(encoding="utf-8").replace("ibuprofen", "Ibuprofen"), encoding="utf-8")
    host2, rec2 = make(bundled_table, "t2.ini")
    assert rec2.open_file(target)
    assert "The table has changed" in dialogs.messages[-1]["text"]
    assert rec2.current_session().table_fingerprint == host2.table.fingerprint != table.fingerprint


def test_newer_schema_is_refused(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    rec.panel.patient_notes.setPlainText("unsaved")
    assert rec.save_as(tmp_path / "mine.json")
    document = Session.new(bundled_table).to_dict()
    document["schema_version"] = 99
    target = tmp_path / "future.json"
    target.write_text(json.dumps(document), encoding="utf-8")
    assert not rec.open_file(target)
    box = dialogs.messages[-1]
    assert box["title"] == "Cannot open consultation"
    assert "newer version of the app" in box["text"] and "update the app" in box["text"]
    assert rec.path == tmp_path / "mine.json" and rec.panel.notes_patient() == "unsaved"


def test_opening_asks_about_unsaved_changes_first(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    other = tmp_path / "other.json"
    save_session(other, Session.new(bundled_table))
    rec.panel.patient_notes.setPlainText("unsaved")
    dialogs.answers.append(Button.Cancel)
    dialogs.open_paths.append(str(other))
    rec.actions["open"].trigger()
    assert rec.panel.notes_patient() == "unsaved" and rec.path is None
    assert dialogs.open_paths == [str(other)]  # cancelled before the file dialog


# --------------------------------------------------------------------------- recent files


def test_recent_files_are_kept_listed_and_limited(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    paths = [tmp_path / f"s{i}.json" for i in range(10)]
    for path in paths:
        assert rec.save_as(path)
    assert rec.recent_files() == list(reversed(paths))[:8]
    paths[9].unlink()
    rec.recent_menu.aboutToShow.emit()
    actions = [a for a in rec.recent_menu.actions() if a.data()]
    assert actions[0].text() == "&1 s9.json (not found)" and not actions[0].isEnabled()
    assert actions[1].text() == "&2 s8.json" and actions[1].isEnabled()

    # Kept across runs in the QSettings given.
    host2, rec2 = make(bundled_table)
    assert rec2.recent_files() == rec.recent_files()
    assert not rec2.open_file(paths[9])
    assert "It was removed from the list" in dialogs.messages[-1]["info"]
    assert paths[9] not in rec2.recent_files()
    actions[1].trigger()
    assert rec.path == paths[8]


def test_a_name_with_an_ampersand_is_shown_literally(make, bundled_table, tmp_path):
    host, rec = make(bundled_table)
    assert rec.save_as(tmp_path / "R&D [*].json")
    entry = next(a for a in rec.recent_menu.actions() if a.data())
    assert entry.text() == "&1 R&&D [*].json"
    assert host.windowTitle() == "R&D [*][*].json[*] - Decision aid"


# --------------------------------------------------------------------------- autosave and recovery


def test_autosave_is_written_after_a_change(qtbot, make, bundled_table, tmp_path, state_dir):
    host, rec = make(bundled_table)
    rec.autosave_interval_ms = 50
    path = autosave_path(rec._window)
    rec.panel.patient_notes.setPlainText("typed a moment ago")
    qtbot.waitUntil(path.exists, timeout=30_000)   # the autosave timer has fired
    assert load_session(path).notes_patient == "typed a moment ago"
    assert path.parent == state_dir
    assert rec.save_as(tmp_path / "done.json")
    assert not path.exists()  # saved: nothing to recover


def dead_pid() -> int:
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                             text=True, check=True)
    return int(process.stdout)


def crash_leftover(state_dir: Path, session: Session) -> Path:
    """What a crashed app leaves: an autosave named after a process that has ended."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / f"autosave-{dead_pid()}-deadbeef.json"
    path.write_text(session.to_json(), encoding="utf-8")
    return path


def test_recovery_after_a_crash(make, bundled_table, state_dir, dialogs):
    lost = session_module.check_against_table(Session.new(bundled_table), bundled_table).session
    lost = replace(lost, notes_clinician="typed before the crash", chosen="exercise_yoga",
                   importances={"pain_relief": 9.0}, selected=("exercise_yoga", "nsaids"))
    leftover = crash_leftover(state_dir, lost)
    host, rec = make(bundled_table)
    dialogs.answers.append(Button.Yes)
    assert rec.offer_recovery()
    question = dialogs.messages[0]["text"]
    local = lost.modified.astimezone()
    assert question == f"Restore the consultation that was not closed properly (last changed {local:%H:%M})?"
    assert rec.panel.notes_clinician() == "typed before the crash"
    assert rec.panel.chosen() == "exercise_yoga"
    assert host.importances["pain_relief"] == 9.0 and host.selected == ["exercise_yoga", "nsaids"]
    assert host.windowTitle().startswith("Recovered consultation[*]") and host.isWindowModified()
    assert not leftover.exists()
    assert load_session(autosave_path(rec._window)).notes_clinician == "typed before the crash"


def test_declined_recovery_is_discarded(make, bundled_table, state_dir, dialogs):
    leftover = crash_leftover(state_dir, Session.new(bundled_table))
    host, rec = make(bundled_table)
    dialogs.answers.append(Button.No)
    assert not rec.offer_recovery()
    assert not leftover.exists()
    assert rec.panel.notes_clinician() == "" and not rec.is_modified
    assert not rec.offer_recovery()  # nothing left to offer
    assert len(dialogs.messages) == 1


def test_ask_restore_can_be_replaced(make, bundled_table, state_dir, monkeypatch):
    crash_leftover(state_dir, Session.new(bundled_table))
    host, rec = make(bundled_table)
    seen = []
    monkeypatch.setattr(rec, "ask_restore", lambda session: seen.append(session) or False)
    assert not rec.offer_recovery()
    assert len(seen) == 1


# --------------------------------------------------------------------------- export and print


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_export_summary_pdf(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    fill(host, rec, bundled_table)
    rec.panel.patient_notes.setPlainText("I want to keep working = important <b>not bold</b>")
    target = tmp_path / "summary.pdf"
    dialogs.save_paths.append((str(target), PDF_FILTERS["letter"]))
    rec.actions["export_pdf"].trigger()
    caption, directory, filters, selected = dialogs.save_calls[-1]
    assert filters.split(";;") == list(PDF_FILTERS.values()) and selected == PDF_FILTERS[default_page_size()]
    text = squash(pdf_text(target))
    assert f"You chose: {bundled_table.text(bundled_table.ids[1], 'name')}" in text
    assert "Review in 6 weeks." not in text, "the clinician's notes stay off the patient's sheet"
    assert "I want to keep working = important <b>not bold</b>" in text      # literal, not markup
    assert squash(NOT_ADVICE) in text and "not medical advice" in text
    assert "SURE test" in text
    width = float(PdfReader(str(target)).pages[0].mediabox.width)
    assert round(width) == 612  # US Letter, as picked


def test_export_summary_failure_is_reported(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    target = tmp_path / "missing-folder" / "summary.pdf"
    assert not rec.export_summary(target, "a4")
    assert dialogs.messages[-1]["title"] == "Cannot export summary"
    assert not target.parent.exists()


@pytest.mark.parametrize(("language", "territory", "size"), [
    (QLocale.Language.English, QLocale.Country.UnitedStates, "letter"),
    (QLocale.Language.French, QLocale.Country.Canada, "letter"),
    (QLocale.Language.English, QLocale.Country.UnitedKingdom, "a4"),
    (QLocale.Language.German, QLocale.Country.Germany, "a4"),
])
def test_default_page_size_follows_the_locale(language, territory, size):
    assert default_page_size(QLocale(language, territory)) == size


def untrusted_table(tmp_path: Path, other_dir: Path) -> DecisionTable:
    folder = tmp_path / "untrusted"
    shutil.copytree(other_dir, folder)
    options = folder / "options.csv"
    text = options.read_text(encoding="utf-8").replace("Option Alpha", "=HYPERLINK(\"http://x\")") \
        .replace("Option Beta", "@SUM(A1)")
    options.write_text(text, encoding="utf-8")
    return load_table(folder)


def test_export_comparison_csv_neutralises_cells(make, tmp_path, other_dir, dialogs):
    table = untrusted_table(tmp_path, other_dir)
    host, rec = make(table)
    host.user_sets(selected=[table.ids[0]])
    assert not rec.export_comparison(tmp_path / "c.csv")
    assert dialogs.messages[-1]["text"] == COMPARE_FIRST
    assert not (tmp_path / "c.csv").exists()

    host.user_sets(selected=list(table.ids[:2]), importances={c.column: 5.0 for c in table.criteria})
    target = tmp_path / "comparison.csv"
    dialogs.save_paths.append((str(target), ""))
    rec.actions["export_csv"].trigger()
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Question", "'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]
    assert rows[-1][0].startswith("Personal score")
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_print_to_file_writes_the_summary_pdf(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    fill(host, rec, bundled_table)
    target = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))

    dialogs.print_setup = to_file
    rec.actions["print"].trigger()
    text = squash(pdf_text(target))
    assert "Your consultation summary" in text and "I want to keep working = important" in text
    assert round(float(PdfReader(str(target)).pages[0].mediabox.width)) == 595  # A4


def test_cancelled_print_does_nothing(make, bundled_table, dialogs):
    host, rec = make(bundled_table)
    dialogs.print_setup = None
    assert not rec.print_summary()
    assert dialogs.messages == []


def test_printed_document_holds_the_summary_as_plain_text(make, bundled_table, tmp_path):
    host, rec = make(bundled_table)
    fill(host, rec, bundled_table)
    rec.panel.patient_notes.setPlainText("I want to keep working <b>not bold</b>")
    session = rec.current_session()
    document = summary_document(bundled_table, session)
    text = document.toPlainText()
    assert f"You chose: {bundled_table.text(session.chosen, 'name')}." in text
    assert "<b>not bold</b>" in text  # literal, not markup
    assert "Review in 6 weeks." not in text  # the patient's sheet: no clinician's notes
    assert session.sure.summary() in text
    assert text.count(NOT_ADVICE) == 2
    for option_id in session.selected:
        assert bundled_table.text(option_id, "name") in text
    # It prints (here to a PDF file, as a printer driver would receive it).
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "doc.pdf"))
    document.print_(printer)
    printed = squash(pdf_text(tmp_path / "doc.pdf"))
    assert "Your consultation summary" in printed and "<b>not bold</b>" in printed


# --------------------------------------------------------------------------- new consultation


def test_new_consultation_starts_empty(make, bundled_table, tmp_path, dialogs):
    host, rec = make(bundled_table)
    fill(host, rec, bundled_table)
    assert rec.save_as(tmp_path / "old.json")
    assert rec.new_consultation()
    assert rec.path is None and not rec.is_modified
    assert host.current_preferences() == (None, Limits(), [])
    assert rec.panel.notes_clinician() == "" and rec.panel.chosen() is None
    assert rec.panel.sure() == SureResult()


def test_the_hosts_own_title_follows_the_file_name(make, bundled_table, tmp_path):
    host, rec = make(bundled_table)
    assert rec.save_as(tmp_path / "visit.json")
    host.setWindowTitle("Decision aid - Low back pain[*]")  # as a window does after loading a table
    assert host.windowTitle() == "visit.json[*] - Decision aid - Low back pain"
    rec.panel.patient_notes.setPlainText("x")
    assert host.isWindowModified()


class AnchoredHost(FakeHost):
    def __init__(self, table: DecisionTable) -> None:
        super().__init__(table)
        self.anchor = self.file_menu.insertSeparator(self.file_menu.actions()[-1])

    def record_anchor(self) -> QAction:
        return self.anchor


def test_actions_go_where_the_host_asks(qtbot, bundled_table):
    host = AnchoredHost(bundled_table)
    qtbot.addWidget(host)
    rec = ConsultationRecord(host, host.consultation)
    actions = host.file_menu.actions()
    assert actions.index(rec.actions["print"]) + 1 == actions.index(host.anchor)
    assert actions[-1].text() == "&Quit"
    assert rec.recent_files() == []
