"""The words layer and the command line in the reader's language (Spanish here), English unchanged."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.cli import main
from decision_aid.core.comparison import comparison_rows, export_comparison_csv
from decision_aid.core.i18n import ENGLISH, LOCALE_DIR, translator
from decision_aid.core.scoring import Scorer
from decision_aid.core.words import format_number, format_value, value_parts
from decision_aid.core.words.grid import grid_rows
from decision_aid.core.words.ranking import importance_lines
from decision_aid.core.words.values import date_words, people_in_100, plain_unit, review_line

SPANISH = translator("es")
POT = LOCALE_DIR / "decision_aid.pot"
PO = LOCALE_DIR / "es" / "LC_MESSAGES" / "decision_aid.po"


@pytest.fixture(autouse=True)
def _english_system(monkeypatch):
    """The command line defaults to the system's language: make it English unless a test says otherwise."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _visits(table):
    criterion = table.by_role("visits")
    assert criterion is not None and criterion.unit == "visits"
    return criterion


@pytest.mark.parametrize(("n", "english", "spanish"), [
    (0, "0 visits", "0 visitas"),
    (1, "1 visit", "1 visita"),
    (2, "2 visits", "2 visitas"),
    (12, "12 visits", "12 visitas"),
])
def test_a_count_takes_the_languages_plural_form(bundled_table, n, english, spanish):
    criterion = _visits(bundled_table)
    assert format_value(criterion, n) == english
    assert format_value(criterion, n, tr=SPANISH) == spanish


def test_numbers_and_dates_follow_the_language(bundled_table):
    assert format_number(3.3, tr=SPANISH) == "3,3"
    assert format_number(3.3) == "3.3"
    assert date_words("2026-11-22", tr=SPANISH) == "22 de noviembre de 2026"
    assert date_words("2026-11-22") == "22 November 2026"
    assert people_in_100(4.2, tr=SPANISH) == "alrededor de 4 de cada 100 personas"
    assert people_in_100(0, tr=SPANISH) == "0 de cada 100 personas"
    days = dataclasses.replace(bundled_table.criteria[0], unit="days", description="")
    assert format_value(days, 0.02, tr=SPANISH) == "unos 30 minutos"
    assert format_value(days, 21, tr=SPANISH) == "21 días (3 semanas)"
    assert format_value(days, 1, tr=SPANISH) == "1 día"


def test_a_clinician_value_has_a_decimal_comma_and_spanish_words(bundled_table):
    benefit = bundled_table.by_role("benefit")
    option = next(i for i in bundled_table.ids if bundled_table.value(i, benefit.column) % 1)
    english, _, _ = value_parts(bundled_table, option, benefit, "clinician")
    spanish, _, _ = value_parts(bundled_table, option, benefit, "clinician", tr=SPANISH)
    assert re.search(r"\d\.\d", english) and "range" in english
    assert re.search(r"\d,\d", spanish) and "rango" in spanish and "range" not in spanish
    patient, _, _ = value_parts(bundled_table, option, benefit, "patient", tr=SPANISH)
    assert "entre" in patient and "between" not in patient


def test_the_grid_asks_its_questions_in_spanish(bundled_table):
    ids = list(bundled_table.ids[:3])
    english = {row.key: row for row in grid_rows(bundled_table, ids)}
    spanish = {row.key: row for row in grid_rows(bundled_table, ids, tr=SPANISH)}
    assert english.keys() == spanish.keys()
    assert spanish["visits"].question == "¿Cuántas visitas?"
    assert spanish["what"].question == "¿Qué es?"
    assert spanish["doctor"].title == "Atención: cuándo ir al médico"
    assert english["doctor"].title == "Warning: when to see a doctor"
    visits = [cell.text for cell in spanish["visits"].cells.values()]
    assert any(re.fullmatch(r"\d+ visitas?", text.splitlines()[0]) for text in visits), visits
    evidence = " ".join(cell.text for cell in spanish["evidence"].cells.values())
    assert "research" not in evidence and "estudios" in evidence


def test_the_comparison_csv_speaks_the_window_language(tmp_path, bundled_table):
    ids = list(bundled_table.ids[:2])
    ranking = Scorer(bundled_table).score({c.column: 5.0 for c in bundled_table.criteria})
    path = tmp_path / "comparison.csv"
    export_comparison_csv(path, bundled_table, ids, ranking, tr=SPANISH)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Pregunta"
    assert rows[-1][0].startswith("Puntuación personal")
    assert any(row[0].startswith("¿Cuántas visitas?") for row in rows), [row[0] for row in rows]
    assert comparison_rows(bundled_table, ids)[0][0] == "Question"


@pytest.mark.parametrize(("unit", "spanish"), [("points on 0-100", "puntos de 100"),
                                               ("score on 1-10", "puntos en una escala de 1 a 10"),
                                               ("mm on 0-100", "mm de 100")])
def test_a_scale_unit_reads_in_spanish_other_units_as_the_table_writes_them(unit, spanish):
    assert plain_unit(unit, tr=SPANISH) == spanish


def test_other_words_speak_spanish(bundled_table):
    option = bundled_table.ids[0]
    assert review_line(bundled_table, option, tr=SPANISH).startswith("Información revisada por última vez: ")
    column = bundled_table.criteria[0].column
    assert importance_lines(bundled_table, {column: 9}, tr=SPANISH)[0].endswith(": importa mucho (9 de 10)")
    assert importance_lines(bundled_table, None, tr=SPANISH) == [
        "En esta consulta no se dijo cuánto importa cada cosa."]


@given(st.integers(min_value=0, max_value=10_000))
def test_a_count_is_never_a_hand_made_plural(n):
    text = ENGLISH.ngettext("{n} visit", "{n} visits", n).format(n=n)
    spanish = SPANISH.ngettext("{n} visit", "{n} visits", n).format(n=n)
    assert (text.endswith("visit") and spanish.endswith("visita")) == (n == 1)


# --------------------------------------------------------------------------- the command line


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_speaks_the_language_asked_for(capsys):
    code, out, err = _run(capsys, "check", "--lang", "es")
    assert code == 0 and err == ""
    assert out.startswith("Correcto: ") and "13 opciones, 6 criterios" in out
    code, out, _ = _run(capsys, "--lang", "es", "check")
    assert out.startswith("Correcto: ")
    code, out, _ = _run(capsys, "check")
    assert out.startswith("OK: ") and "13 options, 6 criteria" in out


def test_check_follows_the_system_language(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert _run(capsys, "check")[1].startswith("Correcto: ")
    assert _run(capsys, "check", "--lang", "en")[1].startswith("OK: ")


def test_rank_table_headers_and_option_names_in_spanish(capsys, bundled_table):
    code, out, err = _run(capsys, "rank", "--lang", "es", "--weight", "pain_relief=8")
    assert code == 0
    lines = out.splitlines()
    header = next(line for line in lines if "aportes (puntos)" in line)
    assert header.split()[:6] == ["puesto", "opción", "puntos", "probable", "mejor", "primero"]
    assert lines[0].startswith("Clasificación personal")
    assert "Fisioterapia" in out  # the table's Spanish translation
    assert "No se dio ninguna importancia para" in err
    assert re.search(r" \d+,\d ", lines[3])  # decimal comma
    code, english, _ = _run(capsys, "rank", "--weight", "pain_relief=8")
    assert "rank  option" in english and "contributions (points)" in english and "puesto" not in english


def test_rank_csv_headers_in_spanish_numbers_machine_readable(capsys):
    code, out, _ = _run(capsys, "rank", "--lang", "es", "--format", "csv")
    head, first = out.splitlines()[:2]
    assert head.startswith("puesto,código,nombre,puntos,")
    assert re.search(r",\d+\.\d+,", first)
    code, out, _ = _run(capsys, "rank", "--format", "csv")
    assert out.startswith("rank,id,name,score,")


def test_a_bad_argument_is_worded_in_spanish(capsys):
    code, _, err = _run(capsys, "rank", "--lang", "es", "--exclude-category", "garden")
    assert code == 2
    assert "'garden' no es una categoría" in err


def test_argparse_own_words_speak_the_language_asked_then_english_again(capsys):
    code, out, _ = _run(capsys, "report", "--lang", "es", "--help")
    assert code == 0 and out.startswith("uso: decision-aid report")
    assert "mostrar esta ayuda y salir" in out and "opciones:" in out
    assert "dónde escribir el PDF" in out and "show this help" not in out
    code, _, err = _run(capsys, "report", "--lang", "es")
    assert code == 2 and "error: faltan estos argumentos obligatorios: --out" in err
    code, _, err = _run(capsys, "rank", "--format", "xx", "--lang", "es")
    assert code == 2 and "opción no válida: 'xx'" in err
    code, _, err = _run(capsys, "report")
    assert code == 2 and err.startswith("usage: ") and "the following arguments are required: --out" in err


def test_a_language_without_a_catalogue_falls_back_to_english(capsys):
    code, out, _ = _run(capsys, "check", "--lang", "fr")
    assert code == 0 and out.startswith("OK: ")


# --------------------------------------------------------------------------- the catalogue


def test_every_sentence_of_the_template_is_translated_in_spanish():
    with POT.open("rb") as handle:
        template = read_po(handle)
    with PO.open("rb") as handle:
        spanish = read_po(handle)
    wanted = [(m.id, m.context) for m in template if m.id]
    assert len(wanted) > 200
    problems = []
    for msgid, context in wanted:
        message = spanish.get(msgid, context)
        strings = () if message is None else (message.string if isinstance(message.string, tuple)
                                               else (message.string,))
        if message is None or message.fuzzy or not strings or not all(strings):
            problems.append(msgid)
        elif len(strings) not in (1, 3):
            problems.append(msgid)
    assert problems == []


def test_the_committed_compiled_catalogue_is_a_fresh_compile():
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    fresh = io.BytesIO()
    write_mo(fresh, catalogue)
    assert PO.with_suffix(".mo").read_bytes() == fresh.getvalue(), \
        "recompile: pybabel compile -d decision_aid/locale -D decision_aid"


def test_the_words_layers_sentences_are_in_the_template():
    text = POT.read_text(encoding="utf-8")
    for sentence in ('msgid "How many visits?"', 'msgid "about {n} minute"', 'msgid "score_best"',
                     'msgid "not stated"', 'msgid "High: further research is very unlikely to change this"'):
        assert sentence in text


def test_a_bad_weight_and_the_limits_are_worded_in_spanish(capsys):
    code, _, err = _run(capsys, "rank", "--lang", "es", "--weight", "pain_relief=11")
    assert code == 2 and "la importancia de 'pain_relief' es 11" in err
    code, out, _ = _run(capsys, "rank", "--lang", "es", "--weight", "pain_relief=5", "--exclude-category", "home")
    assert code == 0
    assert "Quedan fuera por los límites que usted puso:" in out
    assert "se dejan fuera las opciones de tipo «Cuidados en casa»" in out
    code, out, _ = _run(capsys, "rank", "--weight", "pain_relief=5", "--exclude-category", "home")
    assert "Left out by the limits you set:" in out and "(home options are excluded)" in out


def test_audit_frame_and_titles_in_spanish_json_unchanged(capsys):
    code, out, _ = _run(capsys, "audit", "--lang", "es")
    assert out.startswith("Revisión del contenido de ")
    assert "Criterios de calificación" in out and "Se describe el problema de salud" in out
    assert "Resultado: " in out
    _, english, _ = _run(capsys, "audit")
    assert english.startswith("Content audit of ") and "The condition is described" in english
    _, spanish_json, _ = _run(capsys, "audit", "--lang", "es", "--format", "json")
    _, english_json, _ = _run(capsys, "audit", "--format", "json")
    assert spanish_json == english_json  # JSON is for programs: the same keys and words in every language


@given(st.floats(min_value=-999, max_value=999, allow_nan=False))
def test_a_spanish_number_is_the_english_one_with_a_decimal_comma(x):
    assert format_number(x, tr=SPANISH) == format_number(x).replace(".", ",")


def test_report_in_spanish_is_a_spanish_sheet_with_the_tables_spanish_text(tmp_path, bundled_table):
    from pypdf import PdfReader

    from decision_aid.core.translations import load_translation

    out = tmp_path / "hoja.pdf"
    ids = ["physical_therapy", "nsaids", "botox", "acupuncture"]
    args = ["report", "--lang", "es", "--out", str(out), "--chosen", "physical_therapy"]
    for option_id in ids:
        args += ["--compare", option_id]
    for criterion in bundled_table.criteria:
        args += ["--weight", f"{criterion.column}=5"]
    assert main(args) == 0
    reader = PdfReader(str(out))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    spanish = load_translation(bundled_table, "es")
    for heading in ("Resumen de su consulta", "Las opciones, una al lado de la otra", "Su clasificación",
                    "De dónde sale la información", "No es un consejo médico", "Usted eligió"):
        assert heading in text, heading
    for option_id in ids:
        assert " ".join(spanish.text(option_id, "name").split()) in text
    for english in ("Your consultation summary", "The options side by side", "You chose", "How each option scores",
                    "not medical advice", "Page 1 of"):
        assert english not in text, english
    assert reader.trailer["/Root"].get("/Lang") == "es"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_category_has_its_own_short_name_in_every_language(lang):
    from decision_aid.core.i18n import available_languages
    from decision_aid.core.table import CATEGORIES
    from decision_aid.core.words import category_short

    assert lang in available_languages() or lang == "en"
    tr = translator(lang)
    short = [category_short(c, tr=tr) for c in CATEGORIES]
    assert len(set(short)) == len(CATEGORIES), short
    assert category_short("conventional", tr=SPANISH) == "Convencional"
    assert category_short("alternative", tr=SPANISH) == "Alternativa"


def test_the_template_holds_every_sentence_marked_in_the_code():
    """A sentence marked in the code but not extracted would stay English in every language: extract and compare."""
    from pathlib import Path

    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    keywords = {**DEFAULT_KEYWORDS, "_": None, "N_": None, "msg": None, "nmsg": (1, 2),
                "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
    root = Path(__file__).resolve().parents[2]
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            root / "decision_aid", method_map=[("**.py", "python")], keywords=keywords):
        found.add((message[0] if isinstance(message, tuple) else message, context))
    with POT.open("rb") as handle:
        template = {(m.id[0] if isinstance(m.id, tuple) else m.id, m.context) for m in read_po(handle) if m.id}
    assert found - template == set(), "extract again: see docs/translating.md"
    assert template - found == set(), "the template holds sentences no longer in the code: extract again"
