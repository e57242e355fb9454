"""The table loader's problems in the reader's language, each still naming FILE:ROW:COLUMN.

Every problem the loader finds carries a :class:`~decision_aid.core.i18n.Message`
(never an English string), which the command line and the window say in their
reader's language. These tests damage copies of the bundled table, read them
through ``load_table`` and through ``decision-aid check --lang``, and check
that the Spanish names the same place as the English, is Spanish, and that the
English is what it was. A scan of the loader's source keeps a new English-only
message from slipping in.
"""

from __future__ import annotations

import ast
import csv
import io
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.cli import main
from decision_aid.core import contract, csvfile, files, table
from decision_aid.core.contract import figure, short
from decision_aid.core.i18n import Figure
from decision_aid.core.errors import Problem, TableError
from decision_aid.core.files import FileTooLarge, NotARegularFile, kind_of, kind_words
from decision_aid.core.i18n import ENGLISH, Message, msg, translator
from decision_aid.core.table import load_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_tables import CASES, DATA, build_case  # noqa: E402

SPANISH = translator("es")
INVALID = [name for name, (_, expect) in CASES.items() if expect is not None]
LOADER_FILES = [Path(module.__file__) for module in (csvfile, contract, table, files)]


# --------------------------------------------------------------------------- helpers


def _copy(tmp_path: Path, name: str = "t") -> Path:
    folder = tmp_path / name
    shutil.copytree(DATA, folder)
    return folder


def _set_cells(folder: Path, changes: dict[tuple[int, str], str], name: str = "options.csv") -> None:
    """Set cells of a file by (spreadsheet row, column); the header is row 1."""
    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    for (row, column), value in changes.items():
        rows[row - 1][header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _problems(folder: Path) -> tuple[Problem, ...]:
    with pytest.raises(TableError) as caught:
        load_table(folder)
    return caught.value.problems


def _place(problem: Problem) -> str:
    row = "-" if problem.row is None else str(problem.row)
    return f"{problem.file}:{row}:{problem.column or '-'}: "


def _translated(message: Message) -> bool:
    """Whether the Spanish catalogue has ``message`` (and every message among its arguments)."""
    if isinstance(message, Figure):
        return True
    own = (SPANISH.ngettext(message.msgid, message.plural, 2) != message.plural if message.plural
           else SPANISH.gettext(message.msgid) != message.msgid)
    return own and all(_translated(value) for _, value in message.args if isinstance(value, Message))


def _check(capsys, folder: Path, lang: str) -> tuple[int, list[str]]:
    code = main(["check", str(folder), "--lang", lang])
    return code, capsys.readouterr().err.splitlines()


# --------------------------------------------------------------------------- the corpus


@pytest.mark.parametrize("name", INVALID)
def test_every_problem_of_the_bad_table_corpus_is_a_message_spanish_has(name, tmp_path):
    problems = _problems(build_case(name, tmp_path / name))
    for problem in problems:
        assert isinstance(problem.message, Message), problem
        assert _translated(problem.message), f"no Spanish for: {problem}"
        english, spanish = problem.say(ENGLISH), problem.say(SPANISH)
        # The place is the files' own (never translated); only the sentence changes.
        assert english.startswith(_place(problem)) and spanish.startswith(_place(problem))
        assert english == str(problem) and spanish != english


# --------------------------------------------------------------------------- through load_table and the CLI


def test_bad_cells_are_named_in_spanish_and_english_as_before(tmp_path, capsys):
    folder = _copy(tmp_path)
    _set_cells(folder, {(2, "pain_relief"): "about 3", (3, "pain_relief"): "250.5", (4, "category"): "magic",
                        (5, "reviewed"): "22/11/2026", (6, "id"): "Fisioterapia única"})
    _set_cells(folder, {(3, "default_weight"): "eleven"}, "criteria.csv")

    code, lines = _check(capsys, folder, "es")
    assert code == 1
    assert len(lines) == 7 and set(lines[:-1]) == {
        "criteria.csv:3:default_weight: 'eleven' no está permitido; escriba un número de 0 (no importa) a 10 "
        "(es lo que más importa)",
        "options.csv:6:id: 'Fisioterapia única' no está permitido; use letras minúsculas sin tildes ni ñ, "
        "números, '_' o '-' (por ejemplo 'physical_therapy')",
        "options.csv:4:category: 'magic' no está permitido; use uno de estos: conventional, alternative, home, "
        "comparison",
        "options.csv:5:reviewed: '22/11/2026' no es una fecha; escríbala como AAAA-MM-DD (por ejemplo 2026-11-22)",
        "options.csv:2:pain_relief: 'about 3' no es un número; escriba un número de -3 a 18 (points on 0-100) o "
        "deje la casilla vacía si no hay una cifra fiable",
        "options.csv:3:pain_relief: 250,5 está fuera del rango permitido, de -3 a 18 points on 0-100",
    }
    assert lines[-1] == f"6 problemas encontrados en {folder}"

    code, lines = _check(capsys, folder, "en")
    assert code == 1
    assert lines[:-1] == [str(p) for p in _problems(folder)]
    assert "options.csv:3:pain_relief: 250.5 is outside the allowed range -3 to 18 points on 0-100" in lines
    assert ("options.csv:2:pain_relief: 'about 3' is not a number; write a number from -3 to 18 (points on 0-100), "
            "or leave the cell empty if there is no reliable figure") in lines
    assert lines[-1] == f"6 problems found in {folder}"


def test_whole_file_problems_in_spanish(tmp_path, capsys):
    binary = _copy(tmp_path, "binary")
    (binary / "options.csv").write_bytes(b"id,name\x00\x01\x02\n")
    code, lines = _check(capsys, binary, "es")
    assert code == 1
    assert lines[0] == ("options.csv:-:-: esto no es un archivo de texto (tiene datos binarios); guarde la tabla "
                        "desde su hoja de cálculo como 'CSV UTF-8'")

    missing = _copy(tmp_path, "missing")
    (missing / "criteria.csv").unlink()
    code, lines = _check(capsys, missing, "es")
    assert lines[0] == ("criteria.csv:-:-: no se encontró el archivo; la carpeta de una tabla siempre necesita "
                        "este archivo")

    latin1 = _copy(tmp_path, "latin1")
    (latin1 / "about.csv").write_bytes("key,value\ncondition,Lumbalgia crónica\n".encode("latin-1"))
    code, lines = _check(capsys, latin1, "es")
    assert lines[0] == ("about.csv:2:-: el byte 0xf3 no es texto UTF-8 válido; guarde la tabla como 'CSV UTF-8' "
                        "(en Excel: Archivo > Guardar como > CSV UTF-8)")

    code, lines = _check(capsys, tmp_path / "nowhere", "es")
    assert lines[0] == (f"{tmp_path / 'nowhere'}:-:-: no se encontró la carpeta; elija una carpeta que tenga "
                        "options.csv y criteria.csv")


def test_a_row_split_by_another_delimiter_names_both_in_spanish(tmp_path, capsys):
    folder = _copy(tmp_path)
    text = (folder / "about.csv").read_text(encoding="utf-8")
    (folder / "about.csv").write_text(text + "source;a note\n", encoding="utf-8")
    code, lines = _check(capsys, folder, "es")
    row = len(text.splitlines()) + 1
    assert lines[0] == (f"about.csv:{row}:-: esta fila no está separada por comas como la fila de encabezado; "
                        "parece que usa puntos y coma. Use un solo separador en todo el archivo")
    code, lines = _check(capsys, folder, "en")
    assert lines[0] == (f"about.csv:{row}:-: this row is not split by commas like the header row; it seems to use "
                        "semicolons. Use one delimiter throughout the file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_place_of_a_file_is_named_in_spanish(tmp_path, capsys):
    folder = _copy(tmp_path)
    (folder / "side_effects.csv").unlink()
    os.mkfifo(folder / "side_effects.csv")
    code, lines = _check(capsys, folder, "es")
    assert lines[0] == ("side_effects.csv:-:-: esto es una tubería (FIFO), no un archivo normal; guarde la tabla "
                        "como archivo CSV con este nombre (una tubería o un dispositivo no terminaría nunca de "
                        "leerse)")


def test_plural_counts_take_the_spanish_forms(tmp_path, monkeypatch):
    rows = len(load_table(DATA).ids)
    monkeypatch.setattr(csvfile, "MAX_ROWS", 3)
    folder = _copy(tmp_path)
    [problem] = [p for p in _problems(folder) if p.file == "options.csv"]
    assert problem.say(SPANISH) == f"options.csv:-:-: el archivo tiene {rows} filas de datos; se aceptan como mucho 3"
    assert str(problem) == f"options.csv:-:-: the file has {rows} data rows; at most 3 are accepted"
    # 1 and whole millions take their own forms in Spanish; large counts are grouped the reader's way.
    message = problem.message
    one = Message(message.msgid, message.args, message.plural, 1)
    assert "tiene 1 fila de datos" in one.say(SPANISH) and "has 1 data row;" in str(one)
    million = Message(message.msgid, message.args, message.plural, 1_000_000)
    assert "tiene 1.000.000 de filas de datos" in million.say(SPANISH)
    assert "has 1,000,000 data rows" in str(million)


# --------------------------------------------------------------------------- numbers from the table


@settings(max_examples=25, deadline=None)
@given(cell=st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60).map(
        lambda text: "x" + text),
    st.floats(allow_nan=False).filter(lambda x: not -3 <= x <= 18).map(repr),
    st.sampled_from(["inf", "-inf", "1e30", "-3.5", "-1e7", "18.0001", "1,5"]),
))
def test_any_bad_number_in_a_criterion_is_located_in_both_languages(cell):
    with tempfile.TemporaryDirectory() as tmp:
        folder = _copy(Path(tmp))
        _set_cells(folder, {(3, "pain_relief"): cell})
        problems = [p for p in _problems(folder) if (p.file, p.row, p.column) == ("options.csv", 3, "pain_relief")]
    assert len(problems) == 1
    [problem] = problems
    english, spanish = str(problem), problem.say(SPANISH)
    place = "options.csv:3:pain_relief: "
    assert english.startswith(place) and spanish.startswith(place)
    if english.endswith("if there is no reliable figure"):
        quoted = short(cell.strip())
        assert f"'{quoted}' is not a number" in english
        assert f"'{quoted}' no es un número; escriba un número de -3 a 18 (points on 0-100)" in spanish
    else:
        value = english[len(place):].split(" is outside the allowed range ")[0]
        number = float(cell)
        assert value == {math.inf: "infinity", -math.inf: "minus infinity"}.get(number, f"{number:g}")
        said = {"infinity": "infinito", "minus infinity": "menos infinito"}.get(value, value.replace(".", ","))
        assert spanish == f"{place}{said} está fuera del rango permitido, de -3 a 18 points on 0-100"


@given(st.floats(allow_nan=False))
def test_a_figure_keeps_its_digits_and_takes_the_readers_decimal_sign(value):
    english, spanish = str(figure(value)), figure(value).say(SPANISH)
    if math.isinf(value):
        assert (english, spanish) == (("infinity", "infinito") if value > 0 else ("minus infinity", "menos infinito"))
    else:
        assert english == f"{value:g}"
        assert spanish == english.replace(".", ",")


def test_a_figure_is_said_inside_a_message_without_losing_digits():
    problem = Problem("side_effects.csv", 2, "per_100", msg(
        "{value} is outside 0 to 100; give people out of 100", value=figure(-0.0004)))
    assert str(problem) == "side_effects.csv:2:per_100: -0.0004 is outside 0 to 100; give people out of 100"
    assert problem.say(SPANISH).startswith("side_effects.csv:2:per_100: -0,0004 no está entre 0 y 100")
    assert str(msg("{value} is outside 0 to 100; give people out of 100", value=figure(1e300))).startswith("1e+300 ")
    problem = Problem("side_effects.csv", 2, "per_100", msg(
        "{value} is outside 0 to 100; give people out of 100", value=figure(100.5)))
    assert problem.say(SPANISH) == ("side_effects.csv:2:per_100: 100,5 no está entre 0 y 100; escriba cuántas "
                                    "personas de cada 100")


# --------------------------------------------------------------------------- files.py


def test_file_kinds_stay_codes_and_are_said_in_the_readers_language(tmp_path):
    assert kind_of(os.stat(tmp_path).st_mode) == "a folder"  # callers compare the code
    assert kind_words("a folder").say(SPANISH) == "una carpeta"
    assert kind_words("a pipe (FIFO)").say(SPANISH) == "una tubería (FIFO)"
    assert str(kind_words("something new")) == "not a regular file"
    error = NotARegularFile(tmp_path, "a device")
    assert str(error) == f"{tmp_path} is a device, not a regular file" and error.kind == "a device"
    assert error.args[0].say(SPANISH) == f"{tmp_path} es un dispositivo, no un archivo normal"
    assert str(FileTooLarge(tmp_path, 1024)) == f"{tmp_path} is larger than 1024 bytes"


# --------------------------------------------------------------------------- no English-only message in the source

#: Literal text in the loader that is not a sentence a reader is told: codes, spellings accepted, file kinds' codes.
NOT_SENTENCES = {"lower is better", "higher is better", "a pipe (FIFO)", "not a regular file"}
TEMPLATE_FUNCTIONS = {"msg", "nmsg"}


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and (getattr(node.func, "id", None) == name or getattr(node.func, "attr", None) == name)]


def _is_text(node: ast.AST) -> bool:
    """Whether an expression builds English text itself: a literal, an f-string, a concatenation or a format."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and _is_text(node.func.value)
    return False


def _templates(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are msg/nmsg templates (what pybabel extracts)."""
    found = set()
    for name in TEMPLATE_FUNCTIONS:
        for call in _calls(tree, name):
            for arg in call.args[: 2 if name == "nmsg" else 1]:
                found.add(id(arg))
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


@pytest.mark.parametrize("path", LOADER_FILES, ids=lambda path: path.name)
def test_every_problem_and_error_in_the_loader_carries_a_message(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrong = []
    for call in _calls(tree, "Problem"):
        message = call.args[3] if len(call.args) > 3 else next(
            (k.value for k in call.keywords if k.arg == "message"), None)
        if message is None or _is_text(message):
            wrong.append(f"line {call.lineno}: Problem(...) with an English string")
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            wrong += [f"line {node.lineno}: raise with an English string" for arg in node.exc.args[:1] if _is_text(arg)]
    for call in _calls(tree, "__init__"):  # an exception's own text (files.py)
        wrong += [f"line {call.lineno}: exception text not a message" for arg in call.args[:1] if _is_text(arg)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", LOADER_FILES, ids=lambda path: path.name)
def test_no_english_sentence_in_the_loader_escapes_the_catalogue(path):
    """Every literal of three words or more is a msg/nmsg template (or a docstring, or a code in NOT_SENTENCES).

    An f-string with two words or more of its own text is a sentence built outside the catalogue.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    templates, docstrings = _templates(tree), _docstrings(tree)
    inside_fstrings = {id(value) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for value in node.values}
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            words = " ".join(v.value for v in node.values if isinstance(v, ast.Constant)).split()
            if sum(word.isalpha() for word in words) >= 2:
                wrong.append(f"line {node.lineno}: f-string {ast.unparse(node)}")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in templates
              and id(node) not in docstrings and id(node) not in inside_fstrings
              and len(node.value.split()) >= 3 and node.value not in NOT_SENTENCES):
            wrong.append(f"line {node.lineno}: {node.value!r}")
    assert not wrong, "English outside msg()/nmsg():\n" + "\n".join(wrong)


def test_the_scan_finds_what_it_is_meant_to_find():
    assert _is_text(ast.parse('f"\'{x}\' is not allowed"').body[0].value)
    assert _is_text(ast.parse('"use one of: " + ", ".join(codes)').body[0].value)
    assert _is_text(ast.parse('"a" if x else f"b {y}"').body[0].value)
    assert not _is_text(ast.parse('msg("\'{x}\' is not allowed", x=x)').body[0].value)
    tree = ast.parse('msg("a b c")\nnmsg("a {n} b", "c {n} d", n)\n"x y z"')
    assert len(_templates(tree)) == 3
