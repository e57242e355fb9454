"""Every bad table a clinic can send gets a FILE:ROW:COLUMN message, never a traceback."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.cli import main
from decision_aid.core import csvfile
from decision_aid.core.csvfile import parse_csv_text
from decision_aid.core.errors import TableError
from decision_aid.core.table import DecisionTable, load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_tables import CASES, DATA, build_case  # noqa: E402

INVALID = [name for name, (_, expect) in CASES.items() if expect is not None]
VALID = [name for name, (_, expect) in CASES.items() if expect is None]


@pytest.mark.parametrize("name", VALID)
def test_awkward_but_valid_tables_load(name, tmp_path, bundled_table):
    table = load_table(build_case(name, tmp_path / name))
    renamed = {"visits": "visit\u00e9s"} if name == "nfc_criterion_name" else {}
    assert [c.column for c in table.criteria] == [renamed.get(c.column, c.column) for c in bundled_table.criteria]
    if name == "large_100k_rows":
        assert len(table.ids) == 100_000
    else:
        assert table.ids == bundled_table.ids
    if name == "extra_column_kept":
        assert "local code" in table.extra_columns and table.text("massage", "local code") == "LBP-8"


def test_decimal_commas_and_multiline_cells_keep_their_values(tmp_path, bundled_table):
    semicolon = load_table(build_case("semicolon_decimal_comma", tmp_path / "a"))
    assert semicolon.value("nsaids", "pain_relief") == pytest.approx(3.3)
    assert semicolon.options["pain_relief"].equals(bundled_table.options["pain_relief"])
    multiline = load_table(build_case("multiline_cell", tmp_path / "b"))
    assert multiline.text("massage", "what_it_is_like") == "A therapist works on your back.\nSessions last about an hour."
    assert multiline.rows["chiropractic"] == 9 and multiline.rows["heat_cold"] == 11
    messy = load_table(build_case("bom_messy_header_blank_lines", tmp_path / "c"))
    assert messy.text("massage", "name") == "Massage therapy"


def test_empty_criterion_value_is_no_reliable_figure(tmp_path):
    table = load_table(build_case("empty_criterion_value", tmp_path / "t"))
    assert table.value("massage", "pain_relief") != table.value("massage", "pain_relief")  # NaN


@pytest.mark.parametrize("name", INVALID)
def test_bad_table_names_file_row_and_column(name, tmp_path):
    folder = build_case(name, tmp_path / name)
    expect = CASES[name][1]
    with pytest.raises(TableError) as caught:
        load_table(folder)
    problems = caught.value.problems
    assert any(p.file == expect.file and p.row == expect.row and p.column == expect.column
               and expect.words in str(p.message) for p in problems), "\n".join(map(str, problems))
    for problem in problems:
        # Every message says what is allowed or what to do, not just "invalid".
        assert len(str(problem.message)) > 25
        assert str(problem).startswith(f"{problem.file}:")


@pytest.mark.parametrize("name", INVALID)
def test_check_command_reports_bad_table(name, tmp_path, capsys):
    folder = build_case(name, tmp_path / name)
    expect = CASES[name][1]
    assert main(["check", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    row = "-" if expect.row is None else str(expect.row)
    column = "-" if expect.column is None else expect.column
    assert f"{expect.file}:{row}:{column}: " in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["binary", "latin1", "unbalanced_quote", "options_is_folder"])
def test_check_command_in_a_process(name, tmp_path):
    folder = build_case(name, tmp_path / name)
    result = subprocess.run([sys.executable, "-m", "decision_aid", "check", str(folder)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("options.csv:") >= 1


def test_every_problem_is_listed(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(DATA, folder)
    for case in ("unknown_category", "future_date", "text_in_number"):
        CASES[case][0](folder)
    with pytest.raises(TableError) as caught:
        load_table(folder)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert {(10, "category"), (10, "reviewed"), (10, "visits")} <= found
    assert "3 problems found" in str(caught.value)


def test_unreadable_file(tmp_path, monkeypatch):
    folder = tmp_path / "t"
    shutil.copytree(DATA, folder)
    real = os.open

    def refuse(path, flags, *args, **kwargs):
        if Path(path).name == "options.csv":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(TableError) as caught:
        load_table(folder)
    assert str(caught.value.problems[0]) == ("options.csv:-:-: permission denied; ask for read access to this "
                                             "file and its folder, or copy the table to a folder of your own")


def test_file_over_size_limit(tmp_path, monkeypatch):
    folder = build_case("extra_column_kept", tmp_path / "t")
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 10_000)
    with pytest.raises(TableError, match=r"options.csv:-:-: the file is larger than 9 kB, the largest table "
                                         r"accepted\. Split it"):
        load_table(folder)


def test_too_many_rows(tmp_path, monkeypatch):
    folder = build_case("extra_column_kept", tmp_path / "t")
    monkeypatch.setattr(csvfile, "MAX_ROWS", 5)
    with pytest.raises(TableError, match="options.csv:-:-: the file has 13 data rows; at most 5"):
        load_table(folder)


def test_missing_folder_and_file_instead_of_folder(tmp_path):
    with pytest.raises(TableError, match="folder not found"):
        load_table(tmp_path / "nowhere")
    file = tmp_path / "options.csv"
    file.write_text("id\n", encoding="utf-8")
    with pytest.raises(TableError, match="this is a file, not a folder"):
        load_table(file)


# --------------------------------------------------------------------------- fuzzing


def _mutate(data: bytes, seed: int, edits: int) -> bytes:
    rnd = random.Random(seed)
    out = bytearray(data)
    for _ in range(edits):
        kind = rnd.randrange(6)
        at = rnd.randrange(len(out) + 1)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rnd.randrange(256)
        elif kind == 1:
            out[at:at] = rnd.choice([b'"', b",", b";", b"\n", b"\r", b"\t", b"\x00", b"\xff", b"nan", b"-1e999"])
        elif kind == 2:
            del out[at:at + rnd.randrange(1, 200)]
        elif kind == 3:
            out = out[:at]
        elif kind == 4:
            out[at:at] = "é😀\u202e<b>".encode()
        else:
            line_start = out.rfind(b"\n", 0, at) + 1
            out[line_start:line_start] = out[line_start:at]
    return bytes(out)


@settings(max_examples=150, deadline=None)
@given(file=st.sampled_from(["options.csv", "criteria.csv", "side_effects.csv", "about.csv"]),
       seed=st.integers(0, 2**32), edits=st.integers(1, 8))
def test_mutated_tables_raise_only_table_errors(tmp_path_factory, file, seed, edits):
    folder = tmp_path_factory.mktemp("fuzz")
    for source in (p for p in DATA.iterdir() if p.is_file()):  # translations/ is a folder
        shutil.copy(source, folder / source.name)
    target = folder / file
    target.write_bytes(_mutate(target.read_bytes(), seed, edits))
    try:
        assert isinstance(load_table(folder), DecisionTable)
    except TableError as exc:
        assert exc.problems and all(str(p).startswith(p.file) for p in exc.problems)


@given(st.text())
def test_parser_raises_only_its_own_error(text):
    try:
        sheet = parse_csv_text(text, "options.csv")
    except TableError:
        return
    assert all(isinstance(c, str) for c in sheet.columns)
