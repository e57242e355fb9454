"""The content audit speaks the reader's language: every finding, not only its frame.

``decision-aid audit --lang es`` and the window's About view in Spanish say each
criterion's note and each detail in Spanish (places such as
``options.csv:3:sources`` and ids as they are); ``--lang en`` and the JSON report
are the English they always were. A scan of the audit's code makes sure no
sentence is built where it cannot be translated (an f-string, or bare English
stored as a note or detail).

The window's About view in Spanish is tested in ``tests/gui/test_about_language.py``.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import pytest

from audit_tables import broken_table
from catalogue_words import english_left as catalogue_english_left
from catalogue_words import english_sentences, english_templates

from decision_aid.cli import main
from decision_aid.core.audit import Status, run_audit
from decision_aid.core.i18n import ENGLISH, translator
from decision_aid.core.table import DecisionTable, load_table
from decision_aid.core.words.window import audit_sentences

AUDIT_DIR = Path(__file__).resolve().parents[2] / "decision_aid" / "core" / "audit"
SPANISH = translator("es")


@pytest.fixture(scope="module")
def english():
    """The catalogue's English sentences and templates whose Spanish differs."""
    return english_sentences(), english_templates()


def english_left(text: str, english) -> set[str]:
    return catalogue_english_left(text, *english)


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out


# --------------------------------------------------------------------------- tables with problems


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The bundled table with things the audit flags: a stale row, missing sources, long hard text, no funding."""
    return broken_table(tmp_path / "broken")


# --------------------------------------------------------------------------- the command line


def test_spanish_audit_of_the_bundled_table_says_no_english_sentence(capsys, english):
    code, out = run(capsys, "audit", "--lang", "es")
    assert code == 0
    assert "Según las normas mínimas IPDAS" in out
    assert "about.csv indica el problema de salud." in out
    assert "Lo cumple la aplicación: cada frecuencia se muestra como pictograma y como número." in out
    assert "Lenguaje sencillo (nivel de lectura 8 o menos)" in out
    assert "Nivel de lectura mediano " in out                                     # the note, capitalised
    assert not english_left(out, english)


def test_english_audit_is_as_it_was(capsys, bundled_table):
    code, out = run(capsys, "audit", "--lang", "en")
    assert code == 0
    assert out == run_audit(bundled_table).to_text() + "\n"
    assert "Against the IPDAS minimum standards (Joseph-Williams et al." in out
    assert "about.csv gives the condition." in out
    assert "Plain language (reading grade 8 or below)" in out
    assert "Met by the app: every frequency is shown as a pictograph and as a number." in out


def test_json_report_is_english_in_every_language(capsys, broken):
    _, english_json = run(capsys, "audit", str(broken), "--format", "json", "--lang", "en")
    _, spanish_json = run(capsys, "audit", str(broken), "--format", "json", "--lang", "es")
    assert spanish_json == english_json
    data = json.loads(spanish_json)
    assert data["standard"].startswith("IPDAS minimum standards")
    items = {item["id"]: item for item in data["items"]}
    assert items["Q1"]["note"] == "about.csv gives the condition."
    assert any(d.endswith("empty; list the references this option's text is based on") for d in items["C2"]["details"])
    assert items["QL-readability"]["title"] == "Plain language (reading grade 8 or below)"


def test_a_table_with_problems_gets_spanish_findings_at_the_same_places(capsys, broken, english):
    code, english_out = run(capsys, "audit", str(broken), "--lang", "en")
    assert code == 1
    code, out = run(capsys, "audit", str(broken), "--lang", "es")
    assert code == 1
    assert "NO APROBADA" in out
    assert ":reviewed: 2019-01-01 es más antigua de lo que permiten las normas de puesta al día (cada 12 meses" in out
    assert ":sources: vacía; enumere las referencias en las que se basa el texto de esta opción" in out
    assert "_source: vacía; dé la referencia de " in out
    assert ":guidelines: vacía; diga qué recomiendan las guías sobre esta opción" in out
    assert ":summary: nivel de lectura " in out and "use frases más cortas y palabras de todos los días" in out
    assert "about.csv:-:funding: falta; añada una fila 'funding,<quién pagó la elaboración de esta ayuda>'" in out
    assert not english_left(out, english)
    # Every detail is at the same place in both languages, in the same order.
    places = [re.match(r"\s*(\S+\.csv:\S+?:\S+?):", line) for line in out.splitlines()]
    english_places = [re.match(r"\s*(\S+\.csv:\S+?:\S+?):", line) for line in english_out.splitlines()]
    assert [m.group(1) for m in places if m] == [m.group(1) for m in english_places if m]


def test_numbers_the_audit_works_out_are_written_the_spanish_way(broken):
    report = run_audit(load_table(broken))
    spanish = report.to_text(tr=SPANISH)
    grade = next(g for g in report.grades if g.row == 2 and g.column == "summary").grade
    assert f"nivel de lectura {SPANISH.format_decimal(grade, 1)}, por encima del buscado (8)" in spanish
    assert "por debajo del 33\u00a0% de su longitud no cumple" in spanish
    english = report.to_text()
    assert f"reading grade {grade:.1f}, above the target 8" in english and "under 33% of its length" in english
    half = run_audit(load_table(broken), target_grade=5.5).to_text(tr=SPANISH)
    assert "Lenguaje sencillo (nivel de lectura 5,5 o menos)" in half and "Nivel de lectura buscado 5,5" in half


def test_plural_findings_follow_the_count(other_table):
    """A hand-made plural ('1 options') is gone: each count takes its own form in either language."""
    one = dataclasses.replace(other_table, options=other_table.options.iloc[:1])
    item = run_audit(one).item("Q3")
    assert item.note == "1 option." and item.said_note(SPANISH) == "1 opción."
    assert item.said_details(SPANISH) == ["options.csv:-:id: solo hay 1 opción; enumere todas las opciones "
                                          "razonables, también la de no hacer nada (evolución natural)"]
    many = run_audit(other_table).item("Q3")
    assert many.said_note(SPANISH).startswith("3 opciones. La opción de evolución natural se revisa en ")


def _with_criterion(table: DecisionTable, column: str, **changes) -> DecisionTable:
    criteria = tuple(dataclasses.replace(c, **changes) if c.column == column else c for c in table.criteria)
    return dataclasses.replace(table, criteria=criteria)


def _with_columns(table: DecisionTable, **columns: list) -> DecisionTable:
    options = table.options.copy()
    for name, values in columns.items():
        options[name] = values
    return dataclasses.replace(table, options=options)


def test_like_with_like_in_spanish_names_what_differs(other_table, english):
    table = _with_criterion(other_table, "benefit", comparator="placebo_sham", population="chronic")
    table = _with_columns(table, benefit_comparator=["active_treatment", "active_treatment", "placebo_sham"],
                          benefit_population=["acute_subacute", "", "acute_subacute"])
    item = run_audit(table).item("QL-like-with-like")
    both, comparator, population = item.said_details(SPANISH)
    assert "se midió frente a 'active_treatment'" in both and "se midió en 'acute_subacute'" in both
    assert "se midió frente a 'active_treatment'" in comparator and "se midió en" not in comparator
    assert "se midió en 'acute_subacute'" in population and "frente a" not in population
    assert item.said_note(SPANISH) == ("3 casillas no comparables con el resto de su criterio (otro comparador u otra "
                                       "población).")
    text = run_audit(table).to_text(tr=SPANISH)
    assert not english_left(text, english)


def test_a_criterion_naming_several_codes_is_not_said_to_differ_from_one_of_them(other_table):
    table = _with_criterion(other_table, "benefit", comparator="placebo_sham;usual_care", population="chronic")
    table = _with_columns(table, benefit_comparator=["usual_care", "", ""],
                          benefit_population=["acute_subacute", "", ""])
    (detail,) = run_audit(table).item("QL-like-with-like").details
    assert "measured in 'acute_subacute' (benefit_population)" in detail
    assert "measured against" not in detail


def test_the_windows_plain_sentences_say_the_notes_in_spanish(broken, english):
    report = run_audit(load_table(broken))
    lines = audit_sentences(report, tr=SPANISH)
    assert lines[0].startswith("Esta tabla se revisó con 25 criterios")
    assert any(line.startswith("No se cumple: Lenguaje sencillo (nivel de lectura 8 o menos) (") for line in lines)
    assert any("casillas evaluadas; casillas demasiado cortas para evaluarlas:" in line for line in lines)
    assert not english_left("\n".join(lines), english)
    english_lines = audit_sentences(report)
    assert english_lines == audit_sentences(report, tr=ENGLISH)
    assert any("cells graded" in line and "too short to grade, from: summary" in line for line in english_lines)


def test_findings_stay_english_text_that_can_say_itself(broken):
    report = run_audit(load_table(broken))
    item = report.item("C2")
    assert item.status is Status.NOT_MET
    assert all(type(d) is str for d in item.details)             # plain strings, as JSON and comparisons want
    assert isinstance(item.note, str)
    spanish = item.said_details(SPANISH)
    assert [d.split(": ")[0] for d in spanish] == [d.split(": ")[0] for d in item.details]
    assert spanish != list(item.details)


# --------------------------------------------------------------------------- the code


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _leaves(node: ast.AST) -> list[ast.AST]:
    """What an expression can give: both branches of ``a if c else b``, the body of a lambda."""
    if isinstance(node, ast.IfExp):
        return _leaves(node.body) + _leaves(node.orelse)
    if isinstance(node, ast.Lambda):
        return _leaves(node.body)
    return [node]


def _bare(node: ast.AST) -> bool:
    """English that could not be translated: an f-string, text joined or formatted, or a non-empty literal."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value != ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return True
    return isinstance(node, ast.Call) and _call_name(node) in ("format", "join", "str")


def _stored_sentences(tree: ast.AST) -> list[tuple[int, str, ast.AST]]:
    """Every expression the audit keeps as a note, title with figures, detail or review line."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        kwargs = {k.arg: k.value for k in node.keywords}
        if name == "make_item":
            for what, expr in (("note", node.args[4] if len(node.args) > 4 else kwargs.get("note")),
                               ("details", node.args[3] if len(node.args) > 3 else None),
                               ("review", kwargs.get("review"))):
                if expr is not None:
                    found.append((node.lineno, what, expr))
        elif name == "Problem" and len(node.args) > 3:
            found.append((node.lineno, "problem", node.args[3]))
        elif name == "each" and len(node.args) > 2:
            found.append((node.lineno, "each", node.args[2]))
        elif name in ("about_field", "by_value", "_recorded") and len(node.args) > 1:
            found.append((node.lineno, name, node.args[-1]))
        elif name in ("append", "extend") and node.args and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in ("details", "review"):
            found.append((node.lineno, f"{node.func.value.id}.{name}", node.args[0]))
        elif name == "Lines" and node.args:
            found.append((node.lineno, name, node.args[0]))
        elif name.endswith("Error") and node.args:           # an error the audit raises (AuditError)
            found.append((node.lineno, name, node.args[0]))
    for node in ast.walk(tree):  # details += ..., review += ...
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) \
                and node.target.id in ("details", "review"):
            found.append((node.lineno, node.target.id, node.value))
    return found


def _functions_giving_sentences(tree: ast.AST) -> list[ast.FunctionDef]:
    """Functions whose result is a message (``-> Message``): each of their returns is a sentence."""
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
            and node.returns is not None and "Message" in ast.unparse(node.returns)]


def untranslatable(tree: ast.AST) -> list[tuple[int, str, str]]:
    """``(line, where, code)`` of every sentence kept where it cannot be translated."""
    bad = []
    for line, what, expr in _stored_sentences(tree):
        for leaf in _leaves(expr):
            if isinstance(leaf, ast.ListComp | ast.List):
                leaves = [leaf.elt] if isinstance(leaf, ast.ListComp) else leaf.elts
            else:
                leaves = [leaf]
            bad += [(line, what, ast.unparse(x)) for x in leaves if any(_bare(y) for y in _leaves(x))]
    for function in _functions_giving_sentences(tree):
        for node in ast.walk(function):
            if isinstance(node, ast.Return) and node.value is not None:
                bad += [(node.lineno, function.name, ast.unparse(x)) for x in _leaves(node.value) if _bare(x)]
    for node in ast.walk(tree):  # msg and nmsg get one literal each (pybabel reads nothing else)
        if isinstance(node, ast.Call) and _call_name(node) in ("msg", "nmsg", "N_"):
            literals = node.args[:2] if _call_name(node) == "nmsg" else node.args[:1]
            bad += [(node.lineno, _call_name(node), ast.unparse(a)) for a in literals
                    if not (isinstance(a, ast.Constant) and isinstance(a.value, str))]
    return bad


@pytest.mark.parametrize("path", sorted(AUDIT_DIR.glob("*.py")), ids=lambda p: p.name)
def test_no_sentence_of_the_audit_is_built_where_it_cannot_be_translated(path):
    bad = untranslatable(ast.parse(path.read_text(encoding="utf-8")))
    assert not bad, f"{path.name}: {bad}"


def test_the_scan_finds_what_it_looks_for():
    source = '''
make_item("Q1", g, N_("t"), details, f"{n} options.")
make_item("Q2", g, N_("t"), details, "Every option says what it is like." if ok else "")
details.append(Problem("a.csv", 1, "c", "empty; give it"))
ctx.each(mask, "c", lambda i: f"row {i} is wrong")
review.append(f"{where}check these words")
details += [f"{where}too hard"]
details.append(str(Problem("a.csv", 1, "c", msg("fine"))))
lines.append(f"  {label} {title}")
make_item("Q3", g, N_("t"), details, msg("about.csv gives the condition.") if ok else "")
msg("{n} option" + "s", n=2)
raise AuditError(f"The target reading grade {value!r} cannot be used")
raise AuditError(msg("The target reading grade {value} cannot be used", value=value))
'''
    bad = untranslatable(ast.parse(source))
    assert sorted({line for line, _, _ in bad}) == [2, 3, 4, 5, 6, 7, 8, 11, 12]
