"""The audit of a table's translations: reviewed by a fluent clinician (a person says), read with the language's formula."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from decision_aid.cli import main
from decision_aid.core.audit import Status, run_audit
from decision_aid.core.i18n import translator
from decision_aid.core.table import bundled_data_dir, load_table
from decision_aid.core.translations import SPANISH_READING_EASE_TARGET, reading_ease

SPANISH = translator("es")
#: One long sentence of long words: Fernández-Huerta far below 60.
HARD = ("La manipulación vertebral quiropráctica constituye una intervención terapéutica multidisciplinaria "
        "fundamentalmente caracterizada por desplazamientos articulares controlados de alta velocidad")


def _items(table) -> dict:
    return {item.id: item for item in run_audit(table).items}


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "table"
    shutil.copytree(bundled_data_dir(), folder)
    return folder


def _set_cell(path: Path, option_id: str, column: str, value: str) -> int:
    """Set one cell of a CSV file; the spreadsheet row it is on."""
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
        fields = list(rows[0])
    row = next(k for k, r in enumerate(rows) if r["id"] == option_id)
    rows[row][column] = value
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return row + 2


def test_the_bundled_spanish_translation_awaits_a_fluent_clinician_and_reads_easily(bundled_table):
    items = _items(bundled_table)
    review, readability = items["QL-translation-review-es"], items["QL-translation-readability-es"]
    assert review.status is Status.HUMAN_REVIEW
    assert "Ningún profesional sanitario que hable español con fluidez" in review.note
    assert readability.status is Status.MET
    assert "Fernández-Huerta" in readability.note
    assert str(readability.title) == "Plain language in Spanish (reading ease 60 or above)"
    assert readability.title.say(SPANISH) == "Lenguaje sencillo en español (facilidad de lectura 60 o más)"
    assert run_audit(bundled_table).passed


def test_a_hard_spanish_cell_is_located_in_the_translation_and_never_graded_in_english(tmp_path):
    folder = _copy(tmp_path)
    row = _set_cell(folder / "translations" / "es" / "options.csv", "massage", "summary", HARD)
    assert reading_ease(HARD, "es") < SPANISH_READING_EASE_TARGET
    table = load_table(folder)
    items = _items(table)
    readability = items["QL-translation-readability-es"]
    assert readability.status is Status.NOT_MET
    assert len(readability.details) == 1
    assert readability.details[0].startswith(f"translations/es/options.csv:{row}:summary: reading ease ")
    # The English plain-language check reads the English table only.
    assert all(not line.startswith("translations/") for line in items["QL-readability"].details)
    code = main(["audit", str(folder), "--lang", "es"])
    assert code != 0


def test_the_check_says_it_in_spanish(tmp_path, capsys):
    folder = _copy(tmp_path)
    _set_cell(folder / "translations" / "es" / "options.csv", "massage", "summary", HARD)
    main(["audit", str(folder), "--lang", "es"])
    out = capsys.readouterr().out
    assert "facilidad de lectura" in out and "por debajo del objetivo 60" in out


def test_a_translation_that_does_not_say_who_translated_it_asks_for_it(tmp_path):
    folder = _copy(tmp_path)
    about = folder / "translations" / "es" / "about.csv"
    with about.open(newline="", encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["key"] not in ("translated_by", "translation_review")]
    with about.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=["key", "value"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    review = _items(load_table(folder))["QL-translation-review-es"]
    assert review.status is Status.HUMAN_REVIEW
    assert "add translated_by and translation_review" in review.note


def test_a_table_without_translations_has_no_translation_items(other_table):
    assert not [i for i in _items(other_table) if i.startswith("QL-translation")]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["el", "dolor", "de", "espalda", "mejora", "con", "calor", "fisioterapia",
                                 "manipulación", "intervención", "a", "veces"]), min_size=10, max_size=40))
def test_a_cell_fails_exactly_when_its_reading_ease_is_below_the_target(tmp_path_factory, words):
    text = " ".join(words).capitalize() + "."
    folder = _copy(tmp_path_factory.mktemp("t"))
    _set_cell(folder / "translations" / "es" / "options.csv", "heat_cold", "summary", text)
    details = _items(load_table(folder))["QL-translation-readability-es"].details
    below = round(reading_ease(text, "es"), 1) < SPANISH_READING_EASE_TARGET
    assert any(":summary:" in line and "options.csv" in line for line in details) == below


def test_a_translation_that_cannot_be_loaded_fails_with_the_loaders_problems(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "translations" / "es" / "options.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "".join(lines[2:]), encoding="utf-8")       # the first option's row is gone
    items = _items(load_table(folder))                   # the table itself still loads
    item = items["QL-translation-review-es"]
    assert item.status is Status.NOT_MET and item.details
    assert str(item.title) == "Translation into Spanish can be used"
