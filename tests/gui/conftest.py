"""Fixtures shared by the window's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def no_questions(tmp_path, monkeypatch):
    """Autosaves go to the test's folder; closing a window never waits on a question."""
    from decision_aid.gui.record import ConsultationRecord

    monkeypatch.setenv("DECISION_AID_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(ConsultationRecord, "ask_save_changes", lambda self, doing: "discard")
    monkeypatch.setattr(ConsultationRecord, "ask_restore", lambda self, session: False)
