"""Autosave and recovery: each running app's own autosave file, and what a crashed one left behind."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path

from ..atomic import atomic_write_text, process_running
from ..errors import SessionError
from ..i18n import msg
from .fields import STATE_DIR_ENV
from .files import load_session
from .record import Session

# --------------------------------------------------------------------------- autosave and recovery

#: Random per process: tells this process's autosave from one a crashed
#: process with the same id left behind.
_TOKEN = secrets.token_hex(4)
_AUTOSAVE = re.compile(r"^autosave-(\d+)-([0-9a-f]+)(?:-(\d+))?\.json$")


def recovery_dir() -> Path:
    """Per-user folder for autosaves (``$DECISION_AID_STATE_DIR`` overrides it)."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir("decision-aid", appauthor=False)) / "recovery"


def autosave_path(window: int = 0) -> Path:
    """This process's autosave file for window number ``window``."""
    suffix = f"-{window}" if window else ""
    return recovery_dir() / f"autosave-{os.getpid()}-{_TOKEN}{suffix}.json"


def write_autosave(session: Session, *, window: int = 0) -> Path:
    """Save ``session`` as this process's autosave (atomically) and return the file.

    Raises
    ------
    SessionError
        If the recovery folder cannot be created or written.
    """
    folder = recovery_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise SessionError(msg("The autosave folder {folder} cannot be created ({error}); the consultation is "
                               "not being autosaved. Save it yourself.",
                               folder=str(folder), error=exc.strerror or str(exc))) from None
    path = autosave_path(window)
    atomic_write_text(path, session.to_json(), error=SessionError)
    return path


def clear_autosave(*, window: int = 0) -> None:
    """Remove this process's autosave (on a clean close, or after saving and closing)."""
    with contextlib.suppress(OSError):
        autosave_path(window).unlink()


def _orphans() -> list[Path]:
    """Autosave files whose process has ended."""
    try:
        entries = list(recovery_dir().iterdir())
    except OSError:
        return []
    out = []
    for path in entries:
        match = _AUTOSAVE.match(path.name)
        if not match:
            continue
        pid, token = int(match.group(1)), match.group(2)
        if pid == os.getpid():
            alive = token == _TOKEN
        else:
            alive = process_running(pid)
        if not alive:
            out.append(path)
    return out


def pending_recovery() -> Session | None:
    """The newest consultation left by an app that did not close cleanly, if any.

    Unreadable autosave files are skipped. If several windows crashed, only
    the most recently changed consultation is offered.
    """
    found: list[Session] = []
    for path in _orphans():
        with contextlib.suppress(SessionError):
            found.append(load_session(path))
    if not found:
        return None
    return max(found, key=lambda s: s.modified)


def discard_recovery() -> int:
    """Remove every autosave left by an ended process; returns how many.

    Call it once the user has restored or declined :func:`pending_recovery`
    (a restored consultation is autosaved again under this process).
    """
    removed = 0
    for path in _orphans():
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed
