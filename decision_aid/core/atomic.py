"""Write files so that a crash, a kill or a full disk never leaves half a file.

Every file the app writes (consultation records, autosaves, exports) goes
through :func:`atomic_write_bytes`:

1. the new content is written to a temporary file in the *same* folder
   (so the final rename never crosses file systems),
2. flushed and ``fsync``-ed, so it is on disk before it gets the real name,
3. moved over the target with :func:`os.replace`, which is atomic: anyone
   opening the target sees either the whole old file or the whole new one,
4. the folder is ``fsync``-ed where the platform allows it, so the rename
   itself survives a power cut.

An existing target that is not a regular file (a named pipe, a device such
as ``/dev/full`` or ``/dev/null``, a socket; also through a symbolic link) is
refused with a message, never replaced. If anything fails the temporary file
is removed, the target is untouched, and the caller's error class is raised
with a message that names the file and says what to do. A temporary file
left by a process that was killed mid-save is removed by the next save to
the same target.

Two windows saving the same file each write their own temporary file; the
last rename wins and the file is always one window's whole save. (Refusing
to overwrite another window's changes is :mod:`decision_aid.core.session`'s
job.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from .errors import DecisionAidError
from .i18n import Message, msg

#: Suffix of every temporary file; the prefix is ``.<target name>.<pid>.``.
TEMP_SUFFIX = ".tmp"
#: Longest part of the target's name copied into a temporary file's name,
#: so the temporary name stays within the 255-byte file-name limit.
_NAME_CHARS = 80

_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *,
                       error: type[DecisionAidError] = DecisionAidError) -> None:
    """Replace the file at ``path`` with ``data``, all or nothing.

    A new file is readable and writable by its owner only (these files hold
    a patient's preferences); an existing file keeps its permissions.

    Parameters
    ----------
    path
        The file to create or replace. Its folder must exist.
    data
        The complete new content.
    error
        The exception class raised on failure (for example
        :class:`~decision_aid.core.errors.SessionError`).

    Raises
    ------
    error
        When the file cannot be written; the message names the file and what
        to do. The previous file, if any, is unchanged.
    """
    target = Path(path)
    temp: Path | None = None
    try:
        if target.is_symlink():  # replace the file the link points to, not the link
            try:
                target = target.resolve()
            except RuntimeError:  # a loop of links (Python 3.11; 3.13 raises OSError ELOOP)
                raise OSError(errno.ELOOP, "Too many levels of symbolic links", str(target)) from None
        folder = target.parent
        if target.is_dir():
            raise error(msg("Could not save to {file}: this is a folder. Choose a file name.", file=str(target)))
        _refuse_special(target, error)
        if not folder.is_dir():
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(folder))
        _remove_stale_temps(target)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=_temp_prefix(target, os.getpid()),
                                         suffix=TEMP_SUFFIX, delete=False) as handle:
            temp = Path(handle.name)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
        temp = None
    except OSError as exc:
        raise error(_message(target, exc)) from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
    _fsync_folder(folder)


def _refuse_special(target: Path, error: type[DecisionAidError]) -> None:
    """Refuse an existing target that is not a regular file (a pipe, a device, a socket).

    Replacing it would turn ``/dev/full`` or a named pipe another program
    reads into an ordinary file, and report success for data nobody gets.
    """
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = (msg("a named pipe (FIFO)") if stat.S_ISFIFO(mode) else
                msg("a device") if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
                msg("a socket") if stat.S_ISSOCK(mode) else msg("not a regular file"))
        raise error(msg("Could not save to {file}: it is {kind}, not a regular file, and is left as it is. "
                        "Choose a file name in a folder.", file=str(target), kind=kind))


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8",
                      error: type[DecisionAidError] = DecisionAidError) -> None:
    """Replace the file at ``path`` with ``text`` encoded as ``encoding``, all or nothing.

    Line endings are written as given (no translation). See
    :func:`atomic_write_bytes` for parameters and errors.
    """
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise error(msg("Could not save {file}: the text holds characters that cannot be written as {encoding} "
                        "({reason}).", file=str(Path(path)), encoding=encoding, reason=exc.reason)) from exc
    atomic_write_bytes(path, data, error=error)


def _message(target: Path, exc: OSError) -> Message:
    """What went wrong, in words the user can act on."""
    file = str(target)
    code = exc.errno
    if isinstance(exc, PermissionError) or code in _READ_ONLY:
        return msg("Could not save {file}: the folder is read-only, you do not have permission to write there, or "
                   "the file is open in another program; close it or choose another folder. The previous file, if "
                   "there was one, is unchanged.", file=file)
    if code in _FULL:
        return msg("Could not save {file}: the disk is full; free some space or save elsewhere. The previous file, "
                   "if there was one, is unchanged.", file=file)
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        if not _is_dir(target.parent):
            return msg("Could not save {file}: the folder {folder} no longer exists (was it moved, deleted or "
                       "disconnected?); choose another folder. The previous file, if there was one, is unchanged.",
                       file=file, folder=str(target.parent))
        return msg("Could not save {file}: the file could not be created; choose another folder. The previous "
                   "file, if there was one, is unchanged.", file=file)
    if code == errno.ENAMETOOLONG:
        return msg("Could not save {file}: the file name is too long; choose a shorter name. The previous file, "
                   "if there was one, is unchanged.", file=file)
    if code == errno.ELOOP:
        return msg("Could not save {file}: it is a loop of symbolic links; choose another file name. The previous "
                   "file, if there was one, is unchanged.", file=file)
    if isinstance(exc, IsADirectoryError):
        return msg("Could not save {file}: this is a folder; choose a file name. The previous file, if there was "
                   "one, is unchanged.", file=file)
    # The system's own words for the failure, as it gives them.
    return msg("Could not save {file} ({reason}); try saving again or save elsewhere. The previous file, if there "
               "was one, is unchanged.", file=file, reason=exc.strerror or str(exc))


def _is_dir(folder: Path) -> bool:
    try:
        return folder.is_dir()
    except OSError:
        return False


def _temp_prefix(target: Path, pid: int) -> str:
    return f".{target.name[:_NAME_CHARS]}.{pid}."


def _remove_stale_temps(target: Path) -> None:
    """Remove temporary files of ``target`` whose writer is no longer running."""
    pattern = re.compile(re.escape(f".{target.name[:_NAME_CHARS]}.") + r"(\d+)\.[^.]+" + re.escape(TEMP_SUFFIX))
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match and not process_running(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(target.parent / name)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; a no-op where folders cannot be opened (Windows)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def process_running(pid: int) -> bool:
    """Whether a process with this id is running now (this process counts).

    A process id can be reused after its process ends, so ``True`` means "a
    process with this id exists", which errs on the side of keeping files.
    """
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except (OSError, OverflowError, ValueError):  # includes ids too large to be a process
        return False
    return True


def _windows_process_running(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill(pid, 0) would terminate the process on Windows, so ask the kernel.
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == access_denied
    try:
        code = wintypes.DWORD()
        if kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return code.value == still_active
        return True
    finally:
        kernel32.CloseHandle(handle)
