"""Table files that are not regular files: a located problem, never a hang, a crash or a silent skip.

Every table file (``options.csv``, ``criteria.csv``, ``about.csv``,
``side_effects.csv``, ``references.csv``) is opened once and read through
:func:`~decision_aid.core.files.read_regular_file`. Cases that would hang or
exhaust memory if that protection were removed (a FIFO, an endless device) run
in a subprocess with a timeout, so a regression fails instead of freezing the
suite.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from decision_aid.core import csvfile
from decision_aid.core.errors import TableError
from decision_aid.core.table import load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_tables import DATA

ROOT = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices, sockets and symbolic links are POSIX cases")
TABLE_FILES = ["options.csv", "criteria.csv", "about.csv", "side_effects.csv", "references.csv"]

#: Loads a table folder and prints its problems, one a line, or "LOADED".
_LOADER = textwrap.dedent("""
    import sys
    from decision_aid.core.errors import TableError
    from decision_aid.core.table import load_table
    try:
        load_table(sys.argv[1])
    except TableError as exc:
        print("\\n".join(map(str, exc.problems)))
    else:
        print("LOADED")
""")


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "table"
    shutil.copytree(DATA, folder)
    return folder


def _replace(folder: Path, name: str) -> Path:
    target = folder / name
    if target.exists() or target.is_symlink():
        target.unlink()
    return target


def _load_in_a_process(folder: Path) -> str:
    """The loader's verdict on ``folder`` from a child process that may not take more than a minute."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", _LOADER, str(folder)], capture_output=True, text=True,
                            timeout=60, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _problems(folder: Path) -> list[str]:
    with pytest.raises(TableError) as caught:
        load_table(folder)
    return [str(p) for p in caught.value.problems]


@POSIX
@pytest.mark.parametrize("name", TABLE_FILES)
def test_a_fifo_is_refused_without_blocking(tmp_path, name):
    folder = _copy(tmp_path)
    os.mkfifo(_replace(folder, name))
    out = _load_in_a_process(folder)
    assert f"{name}:-:-: this is a pipe (FIFO), not a regular file" in out


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("name", ["options.csv", "side_effects.csv"])
def test_a_link_to_an_endless_device_is_refused_without_reading_it(tmp_path, name):
    folder = _copy(tmp_path)
    _replace(folder, name).symlink_to("/dev/zero")
    out = _load_in_a_process(folder)
    assert f"{name}:-:-: this is a device, not a regular file" in out


@POSIX
def test_a_socket_is_refused(tmp_path):
    folder = _copy(tmp_path)
    path = _replace(folder, "about.csv")
    if len(str(path)) > 100:  # AF_UNIX paths are short
        pytest.skip("temporary folder path too long for a socket")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert _problems(folder) == [("about.csv:-:-: this is a socket, not a regular file; save the table as a "
                                      "CSV file under this name (a pipe or device would never finish reading)")]
    finally:
        server.close()


@pytest.mark.parametrize("name", ["criteria.csv", "side_effects.csv", "references.csv"])
def test_a_folder_under_a_table_file_name_is_refused(tmp_path, name):
    folder = _copy(tmp_path)
    _replace(folder, name).mkdir()
    assert f"{name}:-:-: this is a folder, not a file; choose the folder that contains it" in _problems(folder)


@POSIX
@pytest.mark.parametrize("name", ["side_effects.csv", "about.csv", "options.csv"])
def test_a_symlink_loop_is_a_problem_not_a_missing_file(tmp_path, name):
    folder = _copy(tmp_path)
    _replace(folder, name).symlink_to(name)
    assert _problems(folder) == [(f"{name}:-:-: this is a link that leads back to itself (a link loop); replace it "
                                  "with the file itself")]


@POSIX
def test_a_link_to_nowhere_is_a_problem_not_a_missing_file(tmp_path):
    folder = _copy(tmp_path)
    _replace(folder, "side_effects.csv").symlink_to(tmp_path / "gone.csv")
    assert _problems(folder) == [("side_effects.csv:-:-: this is a link to a file that does not exist; replace "
                                  "the link with the file itself")]


def test_absent_optional_files_are_simply_absent(tmp_path):
    folder = _copy(tmp_path)
    for name in ("about.csv", "side_effects.csv", "references.csv"):
        _replace(folder, name)
    table = load_table(folder)
    assert table.side_effects.empty and not table.about and not table.references


def _deny_reads_in(monkeypatch, folder: Path) -> None:
    """Make every open under ``folder`` fail as a folder without search permission does."""
    real = os.open

    def deny(path, flags, *args, **kwargs):
        if Path(path).parent == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)


def test_a_folder_without_search_permission_names_each_file(tmp_path, monkeypatch):
    # chmod does not stop root, so the denial is simulated where the loader opens files.
    folder = _copy(tmp_path)
    _deny_reads_in(monkeypatch, folder)
    problems = _problems(folder)
    advice = ("permission denied; ask for read access to this file and its folder, or copy the table to a "
              "folder of your own")
    assert problems == [f"{name}:-:-: {advice}" for name in ("criteria.csv", "options.csv", "about.csv",
                                                              "side_effects.csv", "references.csv")]


@POSIX
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="chmod does not stop root")
def test_a_real_folder_without_search_permission(tmp_path):
    folder = _copy(tmp_path)
    folder.chmod(0o600)
    try:
        problems = _problems(folder)
    finally:
        folder.chmod(0o700)
    assert all("permission denied" in p for p in problems) and len(problems) == 5


def test_a_folder_that_cannot_be_looked_at_is_a_problem(tmp_path, monkeypatch):
    folder = _copy(tmp_path)
    real = os.stat

    def deny(path, *args, **kwargs):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", deny)
    assert _problems(folder) == [(f"{folder}:-:-: the folder cannot be opened (Permission denied); ask for "
                                  "access to it or copy the table to a folder of your own")]


@POSIX
def test_a_link_swapped_after_a_size_check_cannot_pass_the_limit(tmp_path, monkeypatch):
    """The size limit applies to the bytes read, not to what a look at the path said.

    options.csv links to a large file, but every stat of the link answers as if it
    still linked to a small one: the state a stat-then-read loader sees when the
    link is swapped between its check and its read. Such a loader would load the
    large file; reading at most the limit from the one open handle refuses it.
    """
    folder = _copy(tmp_path)
    small = tmp_path / "small.csv"
    large = tmp_path / "large.csv"
    shutil.copy(folder / "options.csv", small)
    large.write_bytes(small.read_bytes() + b"\n" * 200_000)  # still a valid table, far over the limit
    link = _replace(folder, "options.csv")
    link.symlink_to(large)
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", small.stat().st_size + 1000)
    real = os.stat

    def stale_stat(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and Path(path) == link:
            return real(small, *args, **kwargs)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stale_stat)
    assert "options.csv:-:-: the file is larger than" in "\n".join(_problems(folder))
