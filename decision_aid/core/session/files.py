"""Consultation files on disk: save (atomically, refusing to overwrite another window's changes), stamp, load."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from ..atomic import atomic_write_text
from ..errors import SessionError
from ..files import FileTooLarge, NotARegularFile, read_regular_file
from ..i18n import msg
from .fields import MAX_SESSION_BYTES, SUFFIX
from .record import Session

# --------------------------------------------------------------------------- files


def save_session(path: str | os.PathLike[str], session: Session, *,
                 expected_stamp: str | None = None) -> str:
    """Write ``session`` to ``path`` atomically (a crash never leaves half a file).

    Parameters
    ----------
    path
        The file to write.
    session
        The record, saved as given (call :meth:`Session.touched` first to
        update ``modified``).
    expected_stamp
        The :func:`session_stamp` of the file when this window last opened or
        saved it. If the file has changed since (another window or program
        saved it), nothing is written and :class:`SessionError` is raised.
        ``None`` overwrites without checking (for "Save as", after the user
        has confirmed).
        The check and the write are two steps, so two saves in the same
        instant can both pass it; the file is then one of them, whole.

    Returns
    -------
    str
        The stamp of the file just written, for the next save.

    Raises
    ------
    SessionError
        If the file changed under us, or cannot be written (read-only folder,
        full disk, folder gone, ...); the previous file is unchanged.
    """
    target = Path(path)
    text = session.to_json()
    if expected_stamp is not None:
        current = session_stamp(target)
        if current is not None and current != expected_stamp:
            raise SessionError(msg("{file} was changed by another window or program since you opened it. "
                                   "Nothing was saved. Save under another name, or open the file again to see "
                                   "the other changes.", file=str(target)))
    atomic_write_text(target, text, error=SessionError)
    return _stamp(text.encode("utf-8"))


def session_stamp(path: str | os.PathLike[str]) -> str | None:
    """A fingerprint of the file as it is now, or ``None`` if there is no file (or it cannot be read).

    A pipe, device or folder is never read: it gets a stamp of its own kind,
    and a file larger than any consultation record one of its size and
    modification time, so that neither matches a record this window saved and
    a save over it is refused as a change made elsewhere.
    """
    try:
        return _stamp(read_regular_file(path, MAX_SESSION_BYTES))
    except NotARegularFile as exc:
        return f"not-a-file:{exc.kind}"
    except FileTooLarge:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            return f"too-large:{info.st_size}:{info.st_mtime_ns}"
        return None
    except OSError:
        return None


def _stamp(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_session(path: str | os.PathLike[str]) -> Session:
    """Read and check a session file (migrating an older layout).

    Only a regular file (or a link to one) is read, and at most
    :data:`~decision_aid.core.session.fields.MAX_SESSION_BYTES` plus one byte
    of it: a pipe, a device or a folder is refused at once.

    Raises
    ------
    SessionError
        If the file cannot be read or is not a valid session; the message
        names the file and the field, and says what to do.
    """
    target = Path(path)
    where = str(target)
    try:
        data = read_regular_file(target, MAX_SESSION_BYTES)
    except NotARegularFile as exc:
        if str(exc.kind) == "a folder":
            raise SessionError(msg("The consultation file {file} cannot be opened: it is a folder; choose a file.",
                                   file=where)) from None
        raise SessionError(msg("The consultation file {file} cannot be opened: it is {kind}, not a file; choose a "
                               "consultation file saved by this app (a {suffix} file).",
                               file=where, kind=exc.kind, suffix=SUFFIX)) from None
    except FileTooLarge:
        raise SessionError(msg("The consultation file {file} cannot be opened: it is larger than {size} MB, "
                               "which no consultation record is.", file=where,
                               size=MAX_SESSION_BYTES // 1_048_576)) from None
    except FileNotFoundError:
        raise SessionError(msg("The consultation file {file} was not found; it may have been moved or deleted.",
                               file=where)) from None
    except PermissionError:
        raise SessionError(msg("The consultation file {file} cannot be opened: permission denied. Ask for read "
                               "access or copy it to a folder of your own.", file=where)) from None
    except OSError as exc:
        # The system's own words for the failure, as it gives them.
        raise SessionError(msg("The consultation file {file} cannot be read ({error}); choose another file, or "
                               "check that the disk or network folder is available.",
                               file=where, error=exc.strerror or str(exc))) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError(msg("The consultation file {file} cannot be opened: it is not a consultation file "
                               "(not UTF-8 text).", file=where)) from None
    return Session.from_json(text, source=str(target))
