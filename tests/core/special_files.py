"""Special files for the tests that check they are refused."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest


def device_node(folder: Path) -> Path:
    """A character device to write to, without risking the real ``/dev`` if the protection is removed.

    As root, a new ``/dev/full``-like node in ``folder``; otherwise ``/dev/full`` itself, whose folder
    an ordinary user cannot change. Skipped where neither is possible.
    """
    if sys.platform == "win32":
        pytest.skip("no character devices on Windows")
    if os.geteuid() == 0:
        node = folder / "full"
        try:
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        except OSError as exc:
            pytest.skip(f"cannot make a device node here ({exc.strerror})")
        return node
    if os.path.exists("/dev/full") and not os.access("/dev", os.W_OK):
        return Path("/dev/full")
    pytest.skip("no safe device to write to")
