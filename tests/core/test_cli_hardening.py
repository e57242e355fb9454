"""The command line under hostile or careless input: clear messages and exit codes, never a traceback.

Exit codes: 2 for a bad argument (caught by argparse or by the table's vocabulary),
1 for a table or file that cannot be used.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from special_files import device_node
from pypdf import PdfReader

from decision_aid.cli import main, visible
from decision_aid.core.table import load_table

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and devices are POSIX")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err + out
    return code, out, err


def rename_option(folder: Path, option_id: str, name: str) -> None:
    path = folder / "options.csv"
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("id")] == option_id:
            row[header.index("name")] = name
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)  # CRLF, so a carriage return in a cell is quoted
    path.write_bytes(buffer.getvalue().encode())


def rename_criterion(folder: Path, old: str, new: str) -> None:
    """Rename a criterion column in criteria.csv and options.csv (with its companion columns)."""
    criteria = folder / "criteria.csv"
    rows = list(csv.reader(io.StringIO(criteria.read_bytes().decode("utf-8"), newline="")))
    for row in rows[1:]:
        if row[0] == old:
            row[0] = new
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)  # CRLF, so a carriage return in a cell is quoted
    criteria.write_bytes(buffer.getvalue().encode())
    options = folder / "options.csv"
    rows = list(csv.reader(io.StringIO(options.read_bytes().decode("utf-8"), newline="")))
    rows[0] = [new + h[len(old):] if h == old or (h.startswith(old + "_") and h[len(old):] in
                                                    ("_source", "_note", "_low", "_high", "_comparator",
                                                     "_population")) else h for h in rows[0]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)  # CRLF, so a carriage return in a cell is quoted
    options.write_bytes(buffer.getvalue().encode())


# --------------------------------------------------------------------------- option values (argparse)


@pytest.mark.parametrize("command", [["rank"], ["report", "--out", "x.pdf"]])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN", "1e999", "two"])
def test_max_invasiveness_must_be_a_finite_number(capsys, tmp_path, command, value):
    if command[0] == "report":
        command = ["report", "--out", str(tmp_path / "x.pdf")]
    code, out, err = run(capsys, *command, f"--max-invasiveness={value}")
    assert code == 2
    assert "--max-invasiveness" in err and "number" in err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "0.5", "21", "1e308", "eight"])
def test_target_grade_must_be_a_finite_grade_in_range(capsys, value):
    code, out, err = run(capsys, "audit", f"--target-grade={value}", "--format", "json")
    assert code == 2
    assert "--target-grade" in err
    assert out == ""


@pytest.mark.parametrize("value", ["1", "8", "12.5", "20"])
def test_audit_json_is_strict_json_for_every_accepted_grade(capsys, value):
    code, out, err = run(capsys, "audit", "--target-grade", value, "--format", "json")
    assert code in (0, 1)

    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON")

    payload = json.loads(out, parse_constant=refuse)
    assert payload["target_grade"] == float(value)


def test_the_same_option_compared_twice_is_a_usage_error(capsys, tmp_path):
    out_pdf = tmp_path / "s.pdf"
    code, out, err = run(capsys, "report", "--compare", "nsaids", "--compare", "nsaids", "--out", str(out_pdf))
    assert code == 2
    assert "'nsaids' is given to --compare more than once" in err
    assert not out_pdf.exists()


@pytest.mark.parametrize("args", [
    ["check", ""], ["check", "   "], ["audit", ""], ["rank", "--data", ""], ["--data", "", "check"],
    ["report", "--out", ""], ["report", "--session", "", "--out", "x.pdf"],
    ["report", "--chosen", "", "--out", "x.pdf"], ["report", "--compare", " ", "--out", "x.pdf"],
])
def test_an_empty_path_or_id_is_refused_not_replaced_by_the_default(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "empty" in err
    assert not out.startswith("OK")


@pytest.mark.parametrize("args", [["check", "tab\x00le"], ["report", "--out", "a\x00.pdf"]])
def test_a_nul_character_in_a_path_is_a_usage_error(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "NUL" in err


def test_usage_errors_return_2_instead_of_raising(capsys):
    assert run(capsys, "rank", "--format", "yaml")[0] == 2
    assert run(capsys, "no-such-command")[0] == 2
    assert run(capsys, "rank", "--help")[0] == 0


def test_minus_zero_importance_prints_as_zero(capsys):
    code, out, _ = run(capsys, "rank", "--weight", "pain_relief=-0")
    assert code == 0
    assert "pain_relief 0%" in out
    assert "-0" not in out
    code, out, _ = run(capsys, "rank", "--weight", "pain_relief=-0", "--format", "json")
    payload = json.loads(out)
    assert str(payload["weights"]["pain_relief"]) == "0.0"
    assert str(payload["importances"]["pain_relief"]) == "0.0"


def test_rank_max_invasiveness_keeps_a_reason_for_every_option_left_out(capsys):
    code, out, _ = run(capsys, "rank", "--max-invasiveness", "-1", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["options"] == []
    assert payload["excluded"] and all(e["reasons"] for e in payload["excluded"])


# --------------------------------------------------------------------------- --out onto special files


@posix_only
def test_report_onto_a_named_pipe_is_refused(capsys, tmp_path):
    fifo = tmp_path / "summary.pdf"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "report", "--weight", "pain_relief=8", "--out", str(fifo))
    assert code == 1
    assert "named pipe" in err and "not a regular file" in err
    assert "Wrote" not in out
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@posix_only
def test_report_onto_a_device_is_refused(capsys, tmp_path):
    device = device_node(tmp_path)
    code, out, err = run(capsys, "report", "--out", str(device))
    assert code == 1
    assert "a device, not a regular file" in err
    assert "Wrote" not in out
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_report_into_a_missing_folder_says_so(capsys, tmp_path):
    code, out, err = run(capsys, "report", "--out", str(tmp_path / "gone" / "s.pdf"))
    assert code == 1
    assert "no longer exists" in err
    assert "Wrote" not in out


# --------------------------------------------------------------------------- line-oriented output


@pytest.mark.parametrize("bad", ["\n", "\r", "\u2028", "\x1b[2J", "\x85", "\t"])
def test_visible_keeps_every_text_on_one_line(bad):
    shown = visible(f"Heat{bad}   1  Fake option")
    assert shown.splitlines() == [shown]
    assert not any(ch in shown for ch in "\n\r\u2028\x1b\x85\t")
    assert "\\" in shown


def test_a_line_feed_in_an_option_name_makes_no_fake_row(capsys, table_copy):
    rename_option(table_copy, "heat_cold", "Heat packs\n   2  Fake option  99.9")
    table = load_table(table_copy)
    code, out, _ = run(capsys, "rank", "--data", str(table_copy))
    assert code == 0
    lines = out.splitlines()
    rows = [line for line in lines if line[:4].strip().isdigit()]
    assert len(rows) == len(table.ids)
    assert any("Heat packs\\n   2  Fake option" in line for line in rows)


def test_control_characters_in_left_out_names_are_escaped(capsys, table_copy):
    rename_option(table_copy, "botox", "Botox\r\nLeft out by the limits: nothing")
    code, out, _ = run(capsys, "rank", "--data", str(table_copy), "--max-invasiveness", "3")
    assert code == 0
    assert sum(line.startswith("Left out by the limits") for line in out.splitlines()) == 1
    assert "Botox\\r\\nLeft out" in out


def test_a_line_feed_in_a_folder_name_stays_on_one_line(capsys, tmp_path, bundled_dir):
    folder = tmp_path / "clinic\nOK: fake"
    shutil.copytree(bundled_dir, folder)
    code, out, err = run(capsys, "check", str(folder))
    assert code == 0
    assert len(out.splitlines()) == 1
    assert "clinic\\nOK: fake" in out


def test_a_line_feed_in_a_missing_folder_name_stays_on_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path / "no\nsuch"))
    assert code == 1
    assert all("no\\nsuch" in line for line in err.splitlines())


def test_wrote_line_escapes_the_file_name(capsys, tmp_path):
    target = tmp_path / "s\n.pdf"
    code, out, _ = run(capsys, "report", "--out", str(target))
    assert code == 0
    assert out.splitlines() == [f"Wrote {tmp_path}/s\\n.pdf"]
    assert target.read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------- nothing assumed (importances)


def test_rank_without_weights_says_it_uses_the_defaults(capsys):
    code, out, err = run(capsys, "rank", "--format", "json")
    assert code == 0
    assert "default importances" in err
    assert len(err.strip().splitlines()) == 1
    json.loads(out)  # the notice never reaches standard output


def test_rank_with_some_weights_names_the_criteria_left_at_defaults(capsys, bundled_table):
    code, _, err = run(capsys, "rank", "--weight", "pain_relief=9", "--format", "csv")
    assert code == 0
    assert "No importance was given for" in err and "pain_relief" not in err
    every = [f"--weight={c.column}=5" for c in bundled_table.criteria]
    code, _, err = run(capsys, "rank", *every, "--format", "csv")
    assert code == 0 and err == ""


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_report_without_importances_shows_no_ranking(capsys, tmp_path):
    target = tmp_path / "s.pdf"
    code, out, err = run(capsys, "report", "--out", str(target))
    assert code == 0
    assert "shows no ranking" in err
    text = pdf_text(target)
    assert "was not set" in text
    assert "Your ranking" not in text


def test_report_with_a_weight_ranks_and_prints_only_that_importance(capsys, tmp_path):
    target = tmp_path / "s.pdf"
    code, _, err = run(capsys, "report", "--weight", "pain_relief=9", "--out", str(target))
    assert code == 0 and "no ranking" not in err
    text = pdf_text(target)
    assert "Your ranking" in text
    assert "Expected pain relief: matters a lot (9 out of 10)" in text
    assert "(5 out of 10)" not in text, "a criterion the patient did not name is never printed as said"


def test_report_uses_a_sessions_importances_and_never_the_defaults_without_them(capsys, tmp_path, bundled_table):
    import dataclasses

    from decision_aid.core.session import Session, save_session

    base = Session.new(bundled_table)
    without, with_ = tmp_path / "none.json", tmp_path / "set.json"
    save_session(without, base)
    save_session(with_, dataclasses.replace(base, importances={"pain_relief": 9.0, "visits": 1.0}))
    code, _, err = run(capsys, "report", "--session", str(without), "--out", str(tmp_path / "a.pdf"))
    assert code == 0 and "shows no ranking" in err
    assert "Your ranking" not in pdf_text(tmp_path / "a.pdf")
    code, _, err = run(capsys, "report", "--session", str(with_), "--out", str(tmp_path / "b.pdf"))
    assert code == 0 and "no ranking" not in err
    text = pdf_text(tmp_path / "b.pdf")
    assert "Your ranking" in text and "9 out of 10" in text


# --------------------------------------------------------------------------- CSV output


def test_rank_csv_neutralises_header_and_cells(capsys, table_copy):
    rename_criterion(table_copy, "visits", "=cmd|' /c calc'!a0")
    rename_option(table_copy, "heat_cold", "=HYPERLINK(\"http://example.invalid\",\"x\")")
    rename_option(table_copy, "massage", "@SUM(A1)\nsecond line")
    code, out, err = run(capsys, "rank", "--data", str(table_copy), "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert "'=cmd|' /c calc'!a0" in rows[0]
    names = [r[2] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in names
    assert "'@SUM(A1)\nsecond line" in names
    assert len(rows) == 1 + len(load_table(table_copy).ids)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_rank_csv_rows_end_in_crlf_and_a_carriage_return_in_a_name_is_quoted(capsys, table_copy):
    rename_option(table_copy, "heat_cold", "Heat\rpacks")
    code, out, _ = run(capsys, "rank", "--data", str(table_copy), "--format", "csv")
    assert code == 0
    assert out.endswith("\r\n") and "\n" not in out.replace("\r\n", "")
    assert '"Heat\rpacks"' in out
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 1 + len(load_table(table_copy).ids)


def test_a_criterion_whose_name_holds_an_equals_sign_can_be_weighted(capsys, table_copy):
    rename_criterion(table_copy, "visits", "=visits")
    code, out, err = run(capsys, "rank", "--data", str(table_copy), "--weight", "=visits=7", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["importances"]["=visits"] == 7.0


@pytest.mark.parametrize("command", [["check"], ["rank"], ["audit"], ["report", "--out", "never.pdf"]])
def test_a_file_system_error_while_reading_is_a_message_not_a_traceback(capsys, monkeypatch, command, tmp_path):
    import decision_aid.core.table as table_module

    def refuse(folder, **kwargs):
        raise PermissionError(13, "Permission denied", str(Path(folder) / "side\neffects.csv"))

    monkeypatch.setattr(table_module, "load_table", refuse)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *command)
    assert code == 1
    assert "Permission denied" in err and "side\\neffects.csv" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "never.pdf").exists()


@pytest.mark.parametrize("weight", ["pain_relief=nan", "pain_relief=inf", "pain_relief=-inf", "pain_relief=1e999",
                                    "pain_relief=-1", "pain_relief=", "=5", "pain_relief=1=2"])
@pytest.mark.parametrize("command", ["rank", "report"])
def test_a_weight_that_is_not_a_finite_importance_is_a_usage_error(capsys, tmp_path, weight, command):
    extra = ["--out", str(tmp_path / "s.pdf")] if command == "report" else []
    code, out, err = run(capsys, command, f"--weight={weight}", *extra)
    assert code == 2
    assert f"decision-aid {command}:" in err
    assert out == "" and not (tmp_path / "s.pdf").exists()


def test_rank_csv_with_every_option_left_out_is_just_the_header(capsys):
    code, out, _ = run(capsys, "rank", "--max-invasiveness=-1", "--format", "csv")
    assert code == 0
    assert read_rows(out) == [["rank", "id", "name", "score", "score_best", "score_low", "score_high", "p_first",
                               "invasiveness", "relief_days", "relief_weeks", "visits", "side_effect_burden",
                               "pain_relief"]]


def read_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))
