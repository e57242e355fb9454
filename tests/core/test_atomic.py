"""Atomic file writes: a kill, a full disk or a vanished folder never leaves half a file."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest
from special_files import device_node

from decision_aid.core.atomic import TEMP_SUFFIX, atomic_write_bytes, atomic_write_text, process_running
from decision_aid.core.errors import DecisionAidError, ExportError, SessionError


def temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def dead_pid() -> int:
    """The id of a process that has just ended."""
    with subprocess.Popen([sys.executable, "-c", "pass"]) as proc:
        proc.wait()
    return proc.pid


def test_writes_and_replaces_without_leaving_temporary_files(tmp_path):
    target = tmp_path / "record.json"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert temps(tmp_path) == []


def test_text_is_written_as_given(tmp_path):
    target = tmp_path / "note.txt"
    atomic_write_text(target, "Schmerz \u2013 r\u00fccken\r\nline 2\n")
    assert target.read_bytes() == "Schmerz \u2013 r\u00fccken\r\nline 2\n".encode()


def test_text_that_cannot_be_encoded_raises_the_callers_error(tmp_path):
    target = tmp_path / "note.txt"
    target.write_text("old")
    with pytest.raises(ExportError, match="cannot be written"):
        atomic_write_text(target, "bad \ud800", error=ExportError)
    assert target.read_text() == "old"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_a_new_file_is_private_and_an_existing_file_keeps_its_permissions(tmp_path):
    new = tmp_path / "new.json"
    atomic_write_bytes(new, b"x")
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    shared = tmp_path / "shared.csv"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    atomic_write_bytes(shared, b"new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640


WRITER = textwrap.dedent("""
    import hashlib, sys
    from decision_aid.core.atomic import atomic_write_bytes
    path, size = sys.argv[1], int(sys.argv[2])
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        body = bytes([n % 251]) * size
        atomic_write_bytes(path, hashlib.sha256(body).hexdigest().encode() + b"\\n" + body)
""")


def whole_record(data: bytes) -> bool:
    digest, _, body = data.partition(b"\n")
    return hashlib.sha256(body).hexdigest().encode() == digest


def test_killing_a_writer_mid_save_leaves_the_old_or_the_new_file_whole(tmp_path):
    target = tmp_path / "big.bin"
    body = b"old" * 1000
    target.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    size = 4 * 1024 * 1024
    rng = random.Random(20240611)
    for _ in range(6):
        with subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(size)],
                              stdout=subprocess.PIPE, text=True) as proc:
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.4))  # a random moment in the write loop, not a timing assertion
            proc.kill()  # SIGKILL on POSIX: no clean-up code runs
            proc.wait()
        data = target.read_bytes()
        assert whole_record(data), "a killed save left a partial file"
        # A temporary file left by the killed writer must not break the next save,
        # and the next save removes it.
        atomic_write_bytes(target, data)
        assert target.read_bytes() == data
        assert temps(tmp_path) == []


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    target = tmp_path / "s.json"
    mine = tmp_path / f".s.json.{os.getpid()}.abc123{TEMP_SUFFIX}"
    mine.write_bytes(b"in progress")
    stale = tmp_path / f".s.json.{dead_pid()}.abc123{TEMP_SUFFIX}"
    stale.write_bytes(b"left by a crash")
    atomic_write_bytes(target, b"x")
    assert mine.exists()
    assert not stale.exists()


def test_parallel_writers_always_leave_one_whole_file(tmp_path):
    target = tmp_path / "shared.bin"
    contents = [bytes([i]) * 200_000 for i in range(4)]

    def write(data: bytes) -> None:
        for _ in range(20):
            atomic_write_bytes(target, data)

    threads = [threading.Thread(target=write, args=(c,)) for c in contents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert target.read_bytes() in contents
    assert temps(tmp_path) == []


def test_permission_denied_says_choose_another_folder_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SessionError) as info:
        atomic_write_bytes(target, b"new", error=SessionError)
    message = str(info.value)
    assert str(target) in message
    assert "choose another folder" in message
    assert "previous file" in message
    assert target.read_bytes() == b"old"
    assert temps(tmp_path) == []
    assert isinstance(info.value.__cause__, PermissionError)


def test_a_read_only_folder_that_refuses_new_files(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    target.write_bytes(b"old")

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(ExportError, match="read-only.*choose another folder"):
        atomic_write_bytes(target, b"new", error=ExportError)
    assert target.read_bytes() == b"old"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="chmod does not stop root (or Windows) from writing")
def test_a_real_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "s.json"
    target.write_bytes(b"old")
    folder.chmod(0o555)
    try:
        with pytest.raises(SessionError, match="choose another folder"):
            atomic_write_bytes(target, b"new", error=SessionError)
        assert target.read_bytes() == b"old"
    finally:
        folder.chmod(0o755)


def test_a_full_disk_says_free_space_or_save_elsewhere(tmp_path, monkeypatch):
    target = tmp_path / "s.json"
    target.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SessionError) as info:
        atomic_write_bytes(target, b"new" * 1000, error=SessionError)
    assert "the disk is full; free some space or save elsewhere" in str(info.value)
    assert target.read_bytes() == b"old"
    monkeypatch.undo()
    assert temps(tmp_path) == []


def test_a_folder_that_vanished_before_saving(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.rmtree(folder)
    with pytest.raises(SessionError, match="no longer exists.*choose another folder"):
        atomic_write_bytes(folder / "s.json", b"new", error=SessionError)


def test_a_folder_that_vanished_during_the_save(tmp_path, monkeypatch):
    folder = tmp_path / "usb"
    folder.mkdir()
    real_replace = os.replace

    def unplugged(src, dst):
        shutil.rmtree(folder)
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", unplugged)
    with pytest.raises(SessionError, match="no longer exists"):
        atomic_write_bytes(folder / "s.json", b"new", error=SessionError)
    assert not folder.exists()


def test_a_folder_as_target_is_refused(tmp_path):
    with pytest.raises(ExportError, match="this is a folder"):
        atomic_write_bytes(tmp_path, b"x", error=ExportError)


def test_the_default_error_is_a_decision_aid_error(tmp_path):
    with pytest.raises(DecisionAidError):
        atomic_write_bytes(tmp_path / "missing" / "x", b"x")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_keeps_pointing_at_the_saved_file(tmp_path):
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_process_running():
    assert process_running(os.getpid())
    assert not process_running(dead_pid())
    assert not process_running(0)
    assert not process_running(-5)
    assert not process_running(10**30)


# --------------------------------------------------------------------------- targets that are not regular files

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes, /dev and symbolic links are POSIX")


@posix_only
def test_a_named_pipe_is_refused_and_left_a_pipe(tmp_path):
    fifo = tmp_path / "summary.pdf"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="named pipe.*not a regular file"):
        atomic_write_bytes(fifo, b"%PDF", error=ExportError)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert temps(tmp_path) == []


@posix_only
def test_a_device_is_refused(tmp_path):
    device = device_node(tmp_path)
    before = os.stat(device)
    with pytest.raises(ExportError, match="a device, not a regular file"):
        atomic_write_bytes(device, b"x", error=ExportError)
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@posix_only
def test_a_link_to_a_device_is_refused_and_kept(tmp_path):
    device = device_node(tmp_path)
    link = tmp_path / "out.csv"
    link.symlink_to(device)
    with pytest.raises(ExportError, match="not a regular file"):
        atomic_write_bytes(link, b"x", error=ExportError)
    assert link.is_symlink() and stat.S_ISCHR(os.stat(device).st_mode)


@posix_only
def test_a_loop_of_links_gets_a_message(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(ExportError, match="loop of symbolic links"):
        atomic_write_bytes(a, b"x", error=ExportError)
    assert a.is_symlink() and b.is_symlink()


def test_a_full_disk_while_writing_says_free_space(tmp_path, monkeypatch):
    target = tmp_path / "s.csv"
    target.write_bytes(b"old")
    real = tempfile.NamedTemporaryFile

    class Full:
        def __init__(self, *args, **kwargs):
            self.inner = real(*args, **kwargs)
            self.name = self.inner.name

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.inner.close()
            return False

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", Full)
    with pytest.raises(ExportError, match="the disk is full"):
        atomic_write_bytes(target, b"new", error=ExportError)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert temps(tmp_path) == []
