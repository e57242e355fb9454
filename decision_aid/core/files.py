"""Reading a file the user named, without hanging or running out of memory.

A path can name something that is not a file: a folder, a FIFO that blocks
until someone writes to it, a device that never ends, or a symbolic link
swapped for another between a size check and the read. :func:`read_regular_file`
opens the path once, without blocking, asks the *open handle* what it is,
refuses anything but a regular file, and reads at most ``limit + 1`` bytes
from that same handle, so no check can be raced.

Callers turn the exceptions into their own messages (a table problem, a
session error); nothing here speaks to the user. The exceptions' own text is a
:class:`~decision_aid.core.i18n.Message` all the same, and :func:`kind_words`
gives a kind in the reader's language for a caller's sentence.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .i18n import Message, msg


class NotARegularFile(OSError):
    """The path exists but names a folder, FIFO, device or socket."""

    def __init__(self, path: Path, kind: str):
        super().__init__(msg("{path} is {kind}, not a regular file", path=str(path), kind=kind_words(kind)))
        self.path = path
        self.kind = kind


class FileTooLarge(OSError):
    """The file holds more than the limit allows."""

    def __init__(self, path: Path, limit: int):
        super().__init__(msg("{path} is larger than {limit} bytes", path=str(path), limit=str(limit)))
        self.path = path
        self.limit = limit


def kind_of(mode: int) -> str:
    """What a file mode describes, in words: ``"a folder"``, ``"a pipe (FIFO)"`` ..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


#: Each kind :func:`kind_of` names, in words said in the reader's language.
_KIND_WORDS = {
    "a folder": msg("a folder"),
    "a pipe (FIFO)": msg("a pipe (FIFO)"),
    "a device": msg("a device"),
    "a socket": msg("a socket"),
    "not a regular file": msg("not a regular file"),
}


def kind_words(kind: str) -> Message:
    """A kind :func:`kind_of` gives (``"a folder"``) as a :class:`~decision_aid.core.i18n.Message`.

    ``kind_of`` and :attr:`NotARegularFile.kind` stay English codes callers can
    compare; a sentence that names the kind passes ``kind=kind_words(kind)``.
    """
    return _KIND_WORDS.get(kind, _KIND_WORDS["not a regular file"])


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Parameters
    ----------
    path
        The file to read. A symbolic link to a regular file is followed.
    limit
        The most bytes accepted.

    Returns
    -------
    bytes
        The whole file.

    Raises
    ------
    NotARegularFile
        If the path names a folder, FIFO, device or socket (checked on the
        open handle, so a link swapped after a check is caught).
    FileTooLarge
        If the file holds more than ``limit`` bytes (at most ``limit + 1``
        bytes are ever read).
    OSError
        If the file cannot be opened or read (``FileNotFoundError``,
        ``PermissionError``, a symbolic-link loop, ...).
    """
    target = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(target, flags)
    except IsADirectoryError:
        raise NotARegularFile(target, "a folder") from None
    except OSError as exc:
        # Opening a socket fails (ENXIO on Linux, EOPNOTSUPP elsewhere); say what it is.
        try:
            mode = os.stat(target).st_mode
        except (OSError, ValueError):
            raise exc from None
        if stat.S_ISSOCK(mode):
            raise NotARegularFile(target, "a socket") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(target, kind_of(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise FileTooLarge(target, limit)
    return data


def is_regular_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a regular file (following links), without opening it.

    Never raises: a path that cannot be looked at (no search permission on
    its folder, a link loop) is not a regular file.
    """
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
