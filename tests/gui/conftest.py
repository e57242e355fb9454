"""Fixtures shared by the window's tests.

Every window test starts from the same application-wide state, whatever ran
before it: no window of an earlier test still alive (with its timers), the font
at the app's default text size, the standard palette and style, and settings
and autosaves kept in the test's own folder. The main window sets the
application font and palette (text size, high contrast), so without this a
test's outcome would depend on which tests ran before it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QFont, QPalette

from decision_aid.gui.settings import DEFAULT_POINT_SIZE


def delete_closed_windows() -> None:
    """Delete the widgets closed with ``deleteLater`` (pytest-qt does so at teardown).

    Outside an event loop Qt deletes them only at the next ``qtbot.wait``; until
    then a closed window keeps its timers (an autosave, a throttle) and receives
    every application-wide change, so it could act inside a later test.
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def same_application_state(qapp, tmp_path, monkeypatch):
    """Pin the application font, palette and style; restore them afterwards; keep files in ``tmp_path``."""
    delete_closed_windows()
    font, palette, style = QFont(qapp.font()), QPalette(qapp.palette()), qapp.style().name()
    pinned = QFont(font)
    pinned.setPointSizeF(DEFAULT_POINT_SIZE)        # what the window sets at start with default settings
    qapp.setFont(pinned)
    monkeypatch.setenv("DECISION_AID_STATE_DIR", str(tmp_path / "state"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "user-settings"))
    yield
    delete_closed_windows()                         # qtbot closed them; they must not see what follows
    if qapp.style().name() != style:
        qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    QCoreApplication.sendPostedEvents()            # deliver the font and palette changes before the next test


@pytest.fixture
def no_questions(tmp_path, monkeypatch):
    """Autosaves go to the test's folder; closing a window never waits on a question."""
    from decision_aid.gui.record import ConsultationRecord

    monkeypatch.setenv("DECISION_AID_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(ConsultationRecord, "ask_save_changes", lambda self, doing: "discard")
    monkeypatch.setattr(ConsultationRecord, "ask_restore", lambda self, session: False)


@pytest.fixture
def window(qtbot, tmp_path):
    """The consulting-room window on the bundled table at 1366x768 (a test file may define its own)."""
    from consulting_room import open_window, reset_app

    opened = open_window(qtbot, tmp_path)
    yield opened
    reset_app()
