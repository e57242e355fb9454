"""Consultation files that are not regular files: refused with a message, never waited on or read without end.

A pipe (FIFO) blocks whoever opens it for reading until a writer comes; a
device such as ``/dev/zero`` never ends. Each case that could hang runs in a
subprocess with a timeout, so a regression fails the test instead of freezing
the suite. POSIX only: the others have no FIFOs or ``/dev/zero``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from decision_aid.core.atomic import process_running
from decision_aid.core.errors import SessionError, TableError
from decision_aid.core.session import (
    MAX_SESSION_BYTES,
    STATE_DIR_ENV,
    Session,
    load_session,
    load_session_table,
    save_session,
    session_stamp,
)

posix = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                           reason="FIFOs and /dev/zero exist on POSIX systems only")
ROOT = Path(__file__).resolve().parents[2]
#: Far longer than any of these takes; only a hang reaches it.
TIMEOUT = 60


def run(code: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object, returned here."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                              timeout=TIMEOUT, env=environment, stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {TIMEOUT} s: it waits on the special file")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


LOAD = """
    import json, sys
    from decision_aid.core.errors import SessionError
    from decision_aid.core.session import load_session
    try:
        load_session(sys.argv[1])
        print(json.dumps({"error": None}))
    except SessionError as exc:
        print(json.dumps({"error": str(exc)}))
"""


@posix
def test_a_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "consultation.json"
    os.mkfifo(fifo)
    error = run(LOAD, str(fifo))["error"]
    assert error.startswith(f"The consultation file {fifo} cannot be opened: it is a pipe (FIFO), not a file")
    assert "choose a consultation file" in error


@posix
def test_a_link_to_an_endless_device_is_refused(tmp_path):
    link = tmp_path / "consultation.json"
    link.symlink_to("/dev/zero")
    error = run(LOAD, str(link))["error"]
    assert "it is a device, not a file" in error


@posix
def test_a_link_to_a_large_file_reads_no_more_than_the_limit(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_SESSION_BYTES + 10)  # sparse: no disk used
    link = tmp_path / "consultation.json"
    link.symlink_to(big)
    with pytest.raises(SessionError, match="larger than 5 MB"):
        load_session(link)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(SessionError, match="it is a folder; choose a file"):
        load_session(tmp_path)


@posix
def test_a_symbolic_link_loop_is_a_message(tmp_path):
    loop = tmp_path / "consultation.json"
    loop.symlink_to(loop)
    with pytest.raises(SessionError, match=r"cannot be read \(.*\); choose another file"):
        load_session(loop)


@posix
def test_the_stamp_of_a_pipe_reads_nothing_and_a_save_over_it_is_refused(tmp_path):
    fifo = tmp_path / "consultation.json"
    os.mkfifo(fifo)
    result = run("""
        import json, sys
        from decision_aid.core.errors import SessionError
        from decision_aid.core.session import Session, save_session, session_stamp
        stamp = session_stamp(sys.argv[1])
        try:
            save_session(sys.argv[1], Session(), expected_stamp="0" * 64)
            error = None
        except SessionError as exc:
            error = str(exc)
        print(json.dumps({"stamp": stamp, "error": error}))
    """, str(fifo))
    assert result["stamp"] is not None and result["stamp"] != "0" * 64
    assert "was changed by another window or program" in result["error"]
    assert fifo.is_fifo()  # nothing was written over it


def test_the_stamp_of_a_file_too_large_to_be_a_record_never_matches(tmp_path):
    big = tmp_path / "consultation.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_SESSION_BYTES + 1)
    stamp = session_stamp(big)
    assert stamp is not None
    with pytest.raises(SessionError, match="changed by another window"):
        save_session(big, Session(), expected_stamp="0" * 64)
    assert big.stat().st_size == MAX_SESSION_BYTES + 1


def test_the_stamp_of_a_missing_file_is_none(tmp_path):
    assert session_stamp(tmp_path / "nothing.json") is None


def _ended_process_id() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    if process_running(done.pid):  # pragma: no cover - the id was reused at once
        pytest.skip("the process id of an ended process was reused")
    return done.pid


@posix
def test_a_pipe_among_the_autosaves_does_not_block_start_up(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    pid = _ended_process_id()
    os.mkfifo(state / f"autosave-{pid}-0badc0de.json")
    (state / f"autosave-{pid}-0badc0de-1.json").symlink_to("/dev/zero")
    save_session(state / f"autosave-{pid}-0badc0de-2.json", Session(notes_clinician="left by a crash"))
    result = run("""
        import json
        from decision_aid.core.session import discard_recovery, pending_recovery
        found = pending_recovery()
        print(json.dumps({"notes": found and found.notes_clinician, "removed": discard_recovery()}))
    """, env={STATE_DIR_ENV: str(state)})
    assert result == {"notes": "left by a crash", "removed": 3}


@posix
def test_a_recovery_folder_that_is_a_pipe_offers_nothing(tmp_path):
    state = tmp_path / "state"
    os.mkfifo(state)
    result = run("""
        import json
        from decision_aid.core.session import pending_recovery
        print(json.dumps({"found": pending_recovery() is not None}))
    """, env={STATE_DIR_ENV: str(state)})
    assert result == {"found": False}


TABLE = """
    import json, sys
    from decision_aid.core.errors import TableError
    from decision_aid.core.session import Session, load_session_table
    try:
        load_session_table(Session(table_folder=sys.argv[1]))
        print(json.dumps({"error": None}))
    except TableError as exc:
        print(json.dumps({"error": str(exc)}))
"""


@posix
def test_a_table_folder_that_is_a_pipe_is_refused(tmp_path):
    fifo = tmp_path / "table"
    os.mkfifo(fifo)
    error = run(TABLE, str(fifo))["error"]
    assert "it is a pipe (FIFO)" in error and "open the table's folder yourself" in error


@posix
@pytest.mark.parametrize("name", ["options.csv", "criteria.csv", "about.csv", "side_effects.csv"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_table_file_that_is_a_pipe_or_device_is_refused(tmp_path, other_dir, name, kind):
    folder = tmp_path / "table"
    folder.mkdir()
    for source in other_dir.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / name).unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(folder / name)
    else:
        (folder / name).symlink_to("/dev/zero")
    error = run(TABLE, str(folder))["error"]
    what = "a pipe (FIFO)" if kind == "fifo" else "a device"
    assert f"{name}:-:-: this is {what}, not a file" in error


def test_a_table_folder_that_is_a_file_is_a_table_error(tmp_path):
    file = tmp_path / "table"
    file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(TableError, match="this is a file, not a folder"):
        load_session_table(Session(table_folder=str(file)))
