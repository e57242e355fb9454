"""The core's errors speak the reader's language: real failures said in Spanish, their English unchanged.

Consultation files, a table's translation folder, saving and exporting, and
importances each fail here for real; every message is said in Spanish (placed
as before: the file, the row and column, the field) and in English, byte for
byte what it was. A scan of the source makes sure no new English-only message
can be raised from these modules.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import importlib
import inspect
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.cli import main
from decision_aid.core.comparison import export_comparison_csv
from decision_aid.core.errors import DecisionAidError, ExportError, Problem, SessionError, TableError, WeightError
from decision_aid.core.export import write_csv_atomic
from decision_aid.core.i18n import ENGLISH, translator
from decision_aid.core.report import summary_pdf
from decision_aid.core.scoring import Scorer, normalise_weights, parse_weight
from decision_aid.core.session import Session, check_against_table, load_session, save_session, write_autosave
from decision_aid.core.table import load_table
from decision_aid.core.translations import check_translations, load_translation, translation_notes

ES = translator("es")
ES_OPTIONS = "translations/es/options.csv"


def _said(exc: DecisionAidError) -> tuple[str, str]:
    """The error in English (as ``str``) and in Spanish."""
    assert exc.say(ENGLISH) == str(exc)
    return str(exc), exc.say(ES)


def _session_error(path: Path) -> SessionError:
    with pytest.raises(SessionError) as info:
        load_session(path)
    return info.value


def _session_file_with(path: Path, table, field: str, value) -> Path:
    """A consultation file for ``table`` at ``path`` whose ``field`` holds ``value``."""
    document = Session.new(table).to_dict()
    document[field] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell, ``row`` counted as a spreadsheet does (the header is row 1)."""
    rows = _rows(path)
    rows[row - 1][rows[0].index(column)] = value
    _write(path, rows)


# --------------------------------------------------------------------------- consultation files


def test_a_foreign_json_file_is_refused_in_spanish_and_in_the_same_english(tmp_path):
    path = tmp_path / "notas.json"
    path.write_text('{"patient": "A. N. Other"}', encoding="utf-8")
    english, spanish = _said(_session_error(path))
    assert english == (f"The consultation file {path} cannot be opened: it is not a consultation file saved by "
                       "this app.")
    assert spanish == (f"No se puede abrir el archivo de consulta {path}: no es un archivo de consulta guardado "
                       "con esta aplicación.")


def test_a_broken_json_file_names_the_line_and_column_in_spanish(tmp_path):
    path = tmp_path / "roto.json"
    path.write_text('{"schema_version": 1,\n  "format": }', encoding="utf-8")
    english, spanish = _said(_session_error(path))
    assert english == (f"The consultation file {path} cannot be opened: it is not a consultation file (not valid "
                       "JSON: Expecting value at line 2, column 13).")
    assert spanish == (f"No se puede abrir el archivo de consulta {path}: no es un archivo de consulta (no es JSON "
                       "válido: Expecting value en la línea 2, columna 13).")


def test_a_field_of_the_wrong_kind_is_named_in_spanish(tmp_path, bundled_table):
    path = _session_file_with(tmp_path / "visita.json", bundled_table, "notes_clinician", ["a", "list"])
    english, spanish = _said(_session_error(path))
    assert english == (f"The consultation file {path} cannot be opened: the field 'notes_clinician' must be text, "
                       "not a list.")
    assert spanish == (f"No se puede abrir el archivo de consulta {path}: el campo 'notes_clinician' debe ser "
                       "texto, no una lista.")


def test_an_importance_out_of_range_in_a_file_keeps_the_files_number(tmp_path, bundled_table):
    path = _session_file_with(tmp_path / "visita.json", bundled_table, "importances", {"pain_relief": 12.5})
    english, spanish = _said(_session_error(path))
    assert english.endswith("the field 'importances.pain_relief' is 12.5; importances run from 0 (does not "
                            "matter) to 10 (matters most).")
    assert spanish.endswith("el campo 'importances.pain_relief' vale 12.5; las importancias van de 0 (no importa) "
                            "a 10 (es lo que más importa).")


def test_a_file_from_a_newer_app_says_to_update_in_spanish(tmp_path, bundled_table):
    path = _session_file_with(tmp_path / "nueva.json", bundled_table, "schema_version", 12345)
    english, spanish = _said(_session_error(path))
    assert "(file version 12345; this app reads versions up to 1); update the app to open it." in english
    assert "(versión del archivo: 12345; esta aplicación lee hasta la versión 1); actualice la aplicación" in spanish


@pytest.mark.parametrize(("make", "english", "spanish"), [
    (lambda p: p.mkdir(), "The consultation file {p} cannot be opened: it is a folder; choose a file.",
     "No se puede abrir el archivo de consulta {p}: es una carpeta; elija un archivo."),
    (lambda p: None, "The consultation file {p} was not found; it may have been moved or deleted.",
     "No se encontró el archivo de consulta {p}; puede que se haya movido o borrado."),
    (lambda p: p.write_bytes(b"\xff\xfe\xfa not text"),
     "The consultation file {p} cannot be opened: it is not a consultation file (not UTF-8 text).",
     "No se puede abrir el archivo de consulta {p}: no es un archivo de consulta (no es texto UTF-8)."),
])
def test_a_file_that_cannot_be_read_is_said_in_spanish(tmp_path, make, english, spanish):
    path = tmp_path / "consulta.json"
    make(path)
    said = _said(_session_error(path))
    assert said == (english.format(p=path), spanish.format(p=path))


def test_a_repeated_key_in_text_without_a_file_name_is_said_in_spanish():
    with pytest.raises(SessionError) as info:
        Session.from_json('{"schema_version": 1, "schema_version": 1}')
    assert _said(info.value) == (
        "The consultation file cannot be opened: the field 'schema_version' appears twice in the same object; "
        "keep one.",
        "No se puede abrir el archivo de consulta: el campo 'schema_version' aparece dos veces en el mismo objeto; "
        "deje solo uno.")


def test_a_note_too_long_is_refused_in_spanish_with_the_limit_grouped_the_spanish_way():
    with pytest.raises(SessionError) as info:
        Session(notes_patient="x" * 100_001)
    english, spanish = _said(info.value)
    assert english == ("The consultation record cannot be used: the field 'notes_patient' holds 100,001 "
                       "characters; at most 100,000 are kept.")
    assert spanish == ("No se puede usar el registro de la consulta: el campo 'notes_patient' tiene 100.001 "
                       "caracteres; se guardan como mucho 100.000.")


def test_a_save_over_a_file_changed_elsewhere_is_refused_in_spanish(tmp_path, bundled_table):
    path = tmp_path / "visita.json"
    session = Session.new(bundled_table)
    stamp = save_session(path, session)
    save_session(path, dataclasses.replace(session, notes_clinician="saved by another window"))
    with pytest.raises(SessionError) as info:
        save_session(path, session, expected_stamp=stamp)
    english, spanish = _said(info.value)
    assert english.startswith(f"{path} was changed by another window or program since you opened it.")
    assert spanish.startswith(f"Otra ventana u otro programa cambió {path} después de que lo abriera.")


def test_an_autosave_folder_that_cannot_be_made_is_said_in_spanish(tmp_path, monkeypatch, bundled_table):
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DECISION_AID_STATE_DIR", str(blocker / "recovery"))
    with pytest.raises(SessionError) as info:
        write_autosave(Session.new(bundled_table))
    english, spanish = _said(info.value)
    assert english.startswith(f"The autosave folder {blocker / 'recovery'} cannot be created (")
    assert spanish.startswith(f"No se puede crear la carpeta de copias automáticas {blocker / 'recovery'} (")
    assert spanish.endswith("no se está haciendo copia automática de la consulta. Guárdela usted.")


def test_opening_a_consultation_with_another_table_says_what_changed_in_spanish(bundled_table, other_table):
    session = Session.new(bundled_table)
    session = Session(importances={"pain_relief": 7.0}, selected=tuple(bundled_table.ids[:2]),
                      chosen=bundled_table.ids[0], table_folder=session.table_folder,
                      table_fingerprint=session.table_fingerprint)
    english = check_against_table(session, other_table).messages
    spanish = check_against_table(session, other_table, tr=ES).messages
    assert len(english) == len(spanish) >= 4
    assert english[0] == "The table has changed since this consultation was saved; values shown are today's."
    assert spanish[0] == ("La tabla ha cambiado desde que se guardó esta consulta; los valores que se muestran son "
                          "los de hoy.")
    assert "Se han dejado fuera las importancias de criterios que esta tabla ya no tiene: pain_relief." in spanish
    missing = check_against_table(session, None, tr=ES).messages[0]
    assert missing.startswith("No se encuentra o no se puede leer la tabla con la que se hizo esta consulta (la "
                              "tabla que viene con la aplicación).")
    assert check_against_table(session, None).messages[0].startswith(
        "The table this consultation was made with (the table that comes with the app) is missing")


# --------------------------------------------------------------------------- a table's translation folder


def test_check_says_a_changed_number_in_the_translation_in_spanish(table_copy, capsys):
    _set_cell(table_copy / "translations" / "es" / "options.csv", 2, "pain_relief", "3.4")
    assert main(["check", str(table_copy), "--lang", "es"]) != 0
    spanish = capsys.readouterr().err.splitlines()
    assert spanish[0] == (f"{ES_OPTIONS}:2:pain_relief: '3.4' no es igual que en options.csv ('3.3'); los números "
                          "nunca se traducen: copie la casilla sin cambios")
    assert spanish[1].startswith("1 problema encontrado en las traducciones de ")

    assert main(["check", str(table_copy), "--lang", "en"]) != 0
    english = capsys.readouterr().err.splitlines()
    assert english[0] == (f"{ES_OPTIONS}:2:pain_relief: '3.4' differs from options.csv ('3.3'); numbers are never "
                          "translated: copy the cell unchanged")


def test_check_notes_a_changed_figure_in_a_sentence_in_spanish(table_copy, capsys):
    path = table_copy / "translations" / "es" / "options.csv"
    rows = _rows(path)
    column = rows[0].index("what_it_is_like")
    _set_cell(path, 3, "what_it_is_like", rows[2][column].replace("500 mg", "50 mg"))
    assert main(["check", str(table_copy), "--lang", "es"]) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if f"{ES_OPTIONS}:3:what_it_is_like" in line]
    assert len(notes) == 1
    assert "los números no son los de la tabla (" in notes[0] and "compruebe que no ha cambiado ninguna cifra" \
        in notes[0]


def test_a_missing_row_and_an_unknown_language_are_said_in_spanish(table_copy):
    path = table_copy / "translations" / "es" / "options.csv"
    _write(path, [row for row in _rows(path) if row[0] != "acupuncture"])
    table = load_table(table_copy)
    [missing] = check_translations(table)
    assert str(missing) == (f"{ES_OPTIONS}:-:id: 'acupuncture' (row 8 of options.csv) is missing; every id of the "
                            "table needs a translated row")
    assert missing.say(ES) == (f"{ES_OPTIONS}:-:id: falta 'acupuncture' (fila 8 de options.csv); cada id de la "
                               "tabla necesita una fila traducida")

    with pytest.raises(TableError) as info:
        load_translation(table, "pt")
    english, spanish = _said(info.value)
    assert english.splitlines()[1] == ("translations/pt:-:-: this table has no translation in 'pt'; it is "
                                       "available in: en, es")
    assert spanish.splitlines()[1] == ("translations/pt:-:-: esta tabla no tiene traducción en 'pt'; está "
                                       "disponible en: en, es")


def test_a_list_of_one_item_too_few_says_item_not_items(table_copy):
    path = table_copy / "translations" / "es" / "options.csv"
    rows = _rows(path)
    column = rows[0].index("common_side_effects")
    row = next(i for i, r in enumerate(rows[1:], start=2) if r[column].count(";") >= 1 and "[" not in r[column])
    _set_cell(path, row, "common_side_effects", "solo uno")
    [problem] = [p for p in check_translations(load_table(table_copy)) if p.column == "common_side_effects"]
    assert ": 1 item here but " in str(problem) and "1 items" not in str(problem)
    assert ": 1 elemento aquí pero " in problem.say(ES)
    assert "traduzca cada elemento separado por ';' como un solo elemento, en el mismo orden" in problem.say(ES)


@given(st.lists(st.integers(1, 30), max_size=3), st.lists(st.integers(1, 30), max_size=3))
def test_the_references_of_a_sentence_are_said_in_the_readers_language(there, here):
    from collections import Counter

    from decision_aid.core.translations import _compare_text

    original = " ".join(["Text", *(f"[{n}]" for n in there)]) + "."
    cell = " ".join(["Texto", *(f"[{n}]" for n in here)]) + "."
    errors: list[Problem] = []
    _compare_text("f.csv", 2, "summary", original, cell, errors, [])
    if Counter(there) == Counter(here):
        assert errors == []
        return
    [problem] = errors
    english, spanish = str(problem), problem.say(ES)
    refs = [" ".join(f"[{n}]" for n in side) for side in (there, here)]
    en = [r or "none" for r in refs]
    es = [r or "ninguno" for r in refs]
    assert english == (f"f.csv:2:summary: the references in brackets differ from the table's ({en[0]} there, "
                       f"{en[1]} here); keep every reference unchanged")
    assert spanish == (f"f.csv:2:summary: las referencias entre corchetes no son las de la tabla ({es[0]} allí, "
                       f"{es[1]} aquí); deje cada referencia sin cambios")


# --------------------------------------------------------------------------- saving and exporting


def test_an_export_into_a_folder_that_is_gone_is_said_in_spanish(tmp_path, bundled_table):
    target = tmp_path / "ya_no_existe" / "comparacion.csv"
    with pytest.raises(ExportError) as info:
        export_comparison_csv(target, bundled_table, bundled_table.ids[:2])
    english, spanish = _said(info.value)
    assert english == (f"Could not save {target}: the folder {target.parent} no longer exists (was it moved, "
                       "deleted or disconnected?); choose another folder. The previous file, if there was one, is "
                       "unchanged.")
    assert spanish == (f"No se pudo guardar {target}: la carpeta {target.parent} ya no existe (¿se movió, se borró o "
                       "se desconectó?); elija otra carpeta. El archivo anterior, si lo había, no ha cambiado.")


def test_an_export_onto_a_folder_is_said_in_spanish(tmp_path):
    with pytest.raises(ExportError) as info:
        write_csv_atomic(tmp_path, [["a"]])
    assert _said(info.value) == (f"Could not save to {tmp_path}: this is a folder. Choose a file name.",
                                 f"No se pudo guardar en {tmp_path}: es una carpeta. Elija un nombre de archivo.")


def test_an_export_of_text_that_is_not_valid_is_said_in_spanish(tmp_path):
    target = tmp_path / "c.csv"
    with pytest.raises(ExportError) as info:
        write_csv_atomic(target, [["\ud800"]])
    assert _said(info.value) == (
        f"Could not export {target}: a cell holds characters that are not valid text.",
        f"No se pudo exportar {target}: una casilla tiene caracteres que no son texto válido.")
    assert not target.exists()


def test_a_comparison_of_an_unknown_option_or_of_nothing_is_said_in_spanish(tmp_path, bundled_table):
    with pytest.raises(ExportError) as info:
        export_comparison_csv(tmp_path / "c.csv", bundled_table, ["nsaids", "magic_beans"])
    assert _said(info.value) == (
        "'magic_beans' is not an option in this table; choose options from the table.",
        "'magic_beans' no es una opción de esta tabla; elija opciones de la tabla.")
    with pytest.raises(ExportError) as info:
        export_comparison_csv(tmp_path / "c.csv", bundled_table, [])
    assert _said(info.value)[1] == "Elija al menos una opción para comparar antes de exportar."


def test_a_summary_on_an_unknown_page_size_is_said_in_spanish(bundled_table):
    with pytest.raises(ExportError) as info:
        summary_pdf(bundled_table, Session.new(bundled_table), page_size="A5")
    assert _said(info.value) == ("'A5' is not a page size; use A4 or Letter",
                                 "'A5' no es un tamaño de página; use A4 o Letter")


# --------------------------------------------------------------------------- importances


def test_a_bad_importance_is_said_in_spanish(bundled_table):
    criteria = bundled_table.criteria
    columns = [c.column for c in criteria]
    with pytest.raises(WeightError) as info:
        normalise_weights({"speed": 3}, criteria)
    assert _said(info.value) == (
        f"'speed' is not a criterion of this table; use one of: {', '.join(columns)}",
        f"'speed' no es un criterio de esta tabla; use uno de estos: {', '.join(columns)}")
    with pytest.raises(WeightError) as info:
        Scorer(bundled_table).score(dict.fromkeys(columns, 0.0))
    assert _said(info.value) == ("every importance is 0; say how much at least one thing matters",
                                 "todas las importancias son 0; diga cuánto le importa al menos una cosa")
    # parse_weight words its message in the language it is given, as before.
    with pytest.raises(WeightError) as info:
        parse_weight("pain_relief=11", criteria, tr=ES)
    assert str(info.value) == ("la importancia de 'pain_relief' es 11; use un número de 0 (no importa) a 10 (es lo "
                               "que más importa)")


@given(st.floats(allow_nan=True, allow_infinity=True).filter(lambda x: not (math.isfinite(x) and 0 <= x <= 10)))
def test_any_importance_out_of_range_is_said_in_spanish_with_its_number(bundled_table, value):
    criteria = bundled_table.criteria
    with pytest.raises(WeightError) as info:
        normalise_weights({criteria[0].column: value}, criteria)
    english, spanish = _said(info.value)
    assert english == (f"the importance of '{criteria[0].column}' is {value:g}; use a number from 0 (does not "
                       "matter) to 10 (matters most)")
    assert spanish == (f"la importancia de '{criteria[0].column}' es {value:g}; use un número de 0 (no importa) a "
                       "10 (es lo que más importa)")


# --------------------------------------------------------------------------- any consultation document


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                           | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=3),
                           max_leaves=6)


@given(field=st.sampled_from(["format", "app_version", "created", "modified", "table_folder",
                              "table_fingerprint", "importances", "limits", "selected", "chosen", "notes_clinician",
                              "notes_patient", "sure"]),
       value=json_values)
def test_any_bad_field_is_refused_in_spanish_naming_the_field(bundled_table, field, value):
    document = Session.new(bundled_table).to_dict()
    document[field] = value
    try:
        Session.from_json(json.dumps(document), source="visita.json")
    except SessionError as exc:
        english, spanish = _said(exc)
        assert english.startswith("The consultation file visita.json cannot be opened: ")
        assert spanish.startswith("No se puede abrir el archivo de consulta visita.json: ")
        assert spanish != english
        assert f"'{field}" in spanish  # placed: the field (or a part of it) is named
        for english_words in ("the field", "must be", "cannot be opened"):
            assert english_words not in spanish


# --------------------------------------------------------------------------- no English-only message can slip in


CORE_FILES = ["translations", "session.fields", "session.files", "session.migrations", "session.record",
              "session.recovery", "session.tables", "scoring", "export", "comparison", "report", "summary", "sure",
              "atomic", "uncertainty"]
#: Calls that carry a sentence to the reader: their first argument (Problem: the message) must be a msg/nmsg.
CARRIERS = {"_Problem", "_fail"}


def _literal(node: ast.expr | None) -> bool:
    """One string literal (adjacent literals are one): what pybabel can extract."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _worded_by_translator(node: ast.expr) -> bool:
    """``tr.gettext("...")`` and its kin: worded in the language of the ``tr`` a function was given."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    words = {"gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}.get(node.func.attr, 0)
    return bool(words) and len(node.args) >= words and all(_literal(a) for a in node.args[:words])


class _Scan(ast.NodeVisitor):
    """Every raise of a DecisionAidError subclass and every Problem(...) whose sentence is not a msg/nmsg."""

    def __init__(self, module) -> None:
        self.module = module
        self.tree = ast.parse(inspect.getsource(module))
        self.returns_message = {f.name for f in ast.walk(self.tree) if isinstance(f, ast.FunctionDef)
                                and f.returns is not None and "Message" in ast.unparse(f.returns)}
        self.function: ast.FunctionDef | None = None
        self.bad: list[str] = []
        self.checked = 0

    def run(self) -> _Scan:
        self.visit(self.tree)
        return self

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node
        self.generic_visit(node)
        self.function = outer

    def _is_error_class(self, name: str) -> bool:
        if name == "error":   # the ``error`` parameter of atomic and export: a DecisionAidError class
            return True
        value = getattr(self.module, name, None)
        return isinstance(value, type) and issubclass(value, DecisionAidError)

    def _carries(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
        """Whether ``node`` is a sentence kept for the reader's language, or already said in the caller's."""
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in {"msg", "nmsg"}:
                return _literal(node.args[0] if node.args else None)
            if isinstance(func, ast.Name):
                return func.id in self.returns_message   # a helper of the module that returns a Message
            if func.attr == "say":                           # message.say(tr): said in the caller's language
                return self._carries(func.value, seen)
            if func.attr == "format":                        # tr.gettext("...").format(...)
                return _worded_by_translator(func.value)
            return _worded_by_translator(node)
        if isinstance(node, ast.IfExp):
            return self._carries(node.body, seen) and self._carries(node.orelse, seen)
        if isinstance(node, ast.Attribute):
            return node.attr == "problem"                    # the Message a _Problem or _InvalidSession carries
        if isinstance(node, ast.Name) and self.function is not None and node.id not in seen:
            params = {a.arg: a.annotation for a in self.function.args.args + self.function.args.kwonlyargs}
            if node.id in params:
                return params[node.id] is not None and "Message" in ast.unparse(params[node.id])
            values = [n.value for n in ast.walk(self.function)
                      if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id
                                                           for t in n.targets)
                      or isinstance(n, ast.AnnAssign) and n.value is not None
                      and isinstance(n.target, ast.Name) and n.target.id == node.id]
            return bool(values) and all(self._carries(v, seen | {node.id}) for v in values)
        return False

    def _check(self, node: ast.Call, sentence: ast.expr | None, what: str) -> None:
        self.checked += 1
        if sentence is None or not self._carries(sentence):
            self.bad.append(f"{self.module.__name__}:{node.lineno}: {what} {ast.unparse(node)[:100]}")

    def visit_Raise(self, node: ast.Raise) -> None:
        call = node.exc
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            name = call.func.id
            if name == "TableError":
                pass  # carries Problems, each checked where it is made
            elif self._is_error_class(name) or name in CARRIERS:
                self._check(call, call.args[0] if call.args else None, "raise")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "Problem":
            message = node.args[3] if len(node.args) > 3 else next(
                (k.value for k in node.keywords if k.arg == "message"), None)
            self._check(node, message, "Problem")
        elif isinstance(func, ast.Name) and func.id in CARRIERS:
            self._check(node, node.args[0] if node.args else None, func.id)
        self.generic_visit(node)


def _scan(name: str) -> _Scan:
    return _Scan(importlib.import_module(f"decision_aid.core.{name}")).run()


def test_every_error_of_these_modules_carries_a_sentence_for_the_readers_language():
    scans = [_scan(name) for name in CORE_FILES]
    assert [line for scan in scans for line in scan.bad] == []
    assert sum(scan.checked for scan in scans) >= 90  # the scan sees the messages it is meant to


def test_the_scan_catches_an_english_only_message(tmp_path, monkeypatch):
    source = '''
from decision_aid.core.errors import ExportError, Problem, SessionError
from decision_aid.core.i18n import msg

def ok(path):
    raise ExportError(msg("Could not export {file}.", file=path))

def f_string(path):
    raise ExportError(f"Could not export {path}.")

def plain():
    raise SessionError("The consultation file cannot be opened.")

def joined(name):
    return Problem(name, 1, None, "column missing; copy " + name)

def formatted(name):
    raise SessionError(msg("{0}".format(name)))
'''
    (tmp_path / "english_only_sample.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    scan = _Scan(importlib.import_module("english_only_sample")).run()
    assert scan.checked == 5
    assert [line.split(":")[1] for line in scan.bad] == ["9", "12", "15", "18"]
