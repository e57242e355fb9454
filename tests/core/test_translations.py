"""Translations of a table's content: checked against the base table, loaded with the base's figures."""

from __future__ import annotations

import csv
import io
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.core.errors import TableError
from decision_aid.core.table import DecisionTable, load_table, split_list
from decision_aid.core.translations import (available_languages, check_translations, load_translation,
                                            reading_ease, reading_ease_target, review_translations,
                                            translation_notes)

ES = Path("translations") / "es"
ES_OPTIONS = "translations/es/options.csv"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file, ``row`` counted as a spreadsheet does (the header is row 1)."""
    rows = _rows(path)
    rows[row - 1][rows[0].index(column)] = value
    _write(path, rows)


def _located(problems: list, file: str, row: int | None, column: str) -> list:
    return [p for p in problems if p.file == file and p.row == row and p.column == column]


# --------------------------------------------------------------------------- the bundled translation


def test_bundled_table_is_translated_into_spanish(bundled_table: DecisionTable) -> None:
    assert available_languages(bundled_table) == ["es"]


def test_bundled_spanish_translation_has_no_error_and_nothing_left_untranslated(bundled_table) -> None:
    assert check_translations(bundled_table) == []
    assert translation_notes(bundled_table) == []


def test_spanish_table_keeps_every_figure_id_and_code_of_the_base(bundled_table: DecisionTable) -> None:
    spanish = load_translation(bundled_table, "es")
    base = bundled_table
    assert spanish.ids == base.ids
    numeric = [c for c in base.options.columns if base.options[c].dtype.kind == "f"]
    assert numeric, "the bundled table has numeric columns"
    pd.testing.assert_frame_equal(spanish.options[numeric], base.options[numeric])
    codes = ["category", "evidence", "guideline_stance", "sources", "reviewed", "pain_relief_comparator",
             "pain_relief_population", "pain_relief_source"]
    pd.testing.assert_frame_equal(spanish.options[codes], base.options[codes])
    for ours, theirs in zip(spanish.criteria, base.criteria):
        assert (ours.column, ours.min, ours.max, ours.better, ours.role, ours.default_weight) == \
               (theirs.column, theirs.min, theirs.max, theirs.better, theirs.role, theirs.default_weight)
    assert spanish.side_effects["per_100"].tolist() == base.side_effects["per_100"].tolist()
    assert spanish.fingerprint == base.fingerprint


def test_spanish_table_reads_in_spanish(bundled_table: DecisionTable) -> None:
    spanish = load_translation(bundled_table, "es")
    assert spanish.text("paracetamol", "name") == "Paracetamol (acetaminofén)"
    assert spanish.text("nsaids", "name").startswith("Antiinflamatorios")
    assert "ibuprofeno" in spanish.text("nsaids", "name")
    assert spanish.criterion("pain_relief").label == "Alivio del dolor esperado"
    assert spanish.text("acupuncture", "guidelines").endswith("Las guías no están de acuerdo.")
    assert spanish.side_effects["effect"].iloc[0].startswith("Cualquier efecto secundario")


def test_spanish_lists_keep_the_items_of_the_base_in_order(bundled_table: DecisionTable) -> None:
    spanish = load_translation(bundled_table, "es")
    for column in ("contraindications", "see_doctor_if", "common_side_effects", "serious_risks", "cautions"):
        for option in bundled_table.ids:
            assert len(spanish.items(option, column)) == len(bundled_table.items(option, column)), (option, column)


def test_spanish_about_says_who_translated_and_that_no_clinician_has_reviewed_it(bundled_table) -> None:
    about = load_translation(bundled_table, "es").about
    assert "traducción automática" in about["translated_by"]
    assert "todavía" in about["translation_review"] and "revisado" in about["translation_review"]
    assert about["published"] == bundled_table.about["published"]
    assert about["update_policy"].endswith("update_months=12")


def test_every_no_reliable_figure_note_is_kept(bundled_table: DecisionTable) -> None:
    spanish = load_translation(bundled_table, "es")
    notes = [c for c in bundled_table.options.columns if c.endswith("_note")]
    for column in notes:
        for option in bundled_table.ids:
            english = bundled_table.text(option, column)
            if english.startswith("No reliable figure"):
                assert spanish.text(option, column).startswith("No se encontró una cifra fiable"), (option, column)


def test_base_language_returns_the_table_and_regional_codes_use_the_language(bundled_table) -> None:
    assert load_translation(bundled_table, "en") is bundled_table
    assert load_translation(bundled_table, "es-MX").criterion("visits").label == \
        load_translation(bundled_table, "es").criterion("visits").label


def test_unknown_language_names_the_languages_available(bundled_table: DecisionTable) -> None:
    with pytest.raises(TableError) as caught:
        load_translation(bundled_table, "fr")
    assert "no translation in 'fr'" in str(caught.value)
    assert "en, es" in str(caught.value)


# --------------------------------------------------------------------------- rejected translations


def test_changed_number_is_rejected_and_names_the_cell(table_copy: Path) -> None:
    _set_cell(table_copy / ES / "options.csv", 2, "pain_relief", "3.4")
    table = load_table(table_copy)
    problems = check_translations(table)
    assert [str(p) for p in problems] == [
        f"{ES_OPTIONS}:2:pain_relief: '3.4' differs from options.csv ('3.3'); numbers are never translated: "
        "copy the cell unchanged"]
    with pytest.raises(TableError, match="translations/es/options.csv:2:pain_relief"):
        load_translation(table, "es")


def test_decimal_comma_in_a_semicolon_file_is_the_same_number(table_copy: Path) -> None:
    path = table_copy / ES / "options.csv"
    rows = _rows(path)
    rows[1][rows[0].index("pain_relief")] = "3,3"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert check_translations(load_table(table_copy)) == []


def test_changed_range_is_rejected(table_copy: Path) -> None:
    _set_cell(table_copy / ES / "options.csv", 2, "pain_relief_high", "")
    problems = check_translations(load_table(table_copy))
    assert _located(problems, ES_OPTIONS, 2, "pain_relief_high")


def test_changed_id_is_rejected_at_both_ends(table_copy: Path) -> None:
    _set_cell(table_copy / ES / "options.csv", 3, "id", "paracetamol_es")
    problems = check_translations(load_table(table_copy))
    assert [p.column for p in problems] == ["id", "id"]
    assert "'paracetamol' (row 3 of options.csv) is missing" in str(problems[0].message)
    assert (problems[1].row, str(problems[1].message).split(";")[0]) == \
           (3, "'paracetamol_es' is not in options.csv")


def test_missing_row_is_rejected(table_copy: Path) -> None:
    path = table_copy / ES / "options.csv"
    rows = _rows(path)
    _write(path, [row for row in rows if row[0] != "acupuncture"])
    problems = check_translations(load_table(table_copy))
    assert len(problems) == 1
    assert problems[0].file == ES_OPTIONS and problems[0].column == "id"
    assert "'acupuncture' (row 8 of options.csv) is missing" in str(problems[0].message)


def test_missing_side_effect_row_is_rejected_by_position(table_copy: Path) -> None:
    path = table_copy / ES / "side_effects.csv"
    _write(path, _rows(path)[:-1])
    problems = check_translations(load_table(table_copy))
    assert [(p.file, p.row) for p in problems] == [("translations/es/side_effects.csv", 7)]


def test_changed_source_is_rejected(table_copy: Path) -> None:
    _set_cell(table_copy / ES / "options.csv", 2, "pain_relief_source", "[16]")
    problems = check_translations(load_table(table_copy))
    assert len(_located(problems, ES_OPTIONS, 2, "pain_relief_source")) == 1
    assert "never translated" in str(problems[0].message)


def test_translated_code_is_rejected(table_copy: Path) -> None:
    _set_cell(table_copy / ES / "options.csv", 2, "guideline_stance", "considerar")
    _set_cell(table_copy / ES / "criteria.csv", 2, "role", "invasividad")
    problems = check_translations(load_table(table_copy))
    assert _located(problems, ES_OPTIONS, 2, "guideline_stance")
    assert _located(problems, "translations/es/criteria.csv", 2, "role")


def test_changed_date_in_about_is_rejected(table_copy: Path) -> None:
    path = table_copy / ES / "about.csv"
    rows = _rows(path)
    row = next(i for i, r in enumerate(rows) if r[0] == "published") + 1
    _set_cell(path, row, "value", "2026-12-01")
    problems = check_translations(load_table(table_copy))
    assert _located(problems, "translations/es/about.csv", row, "value")


def test_dropped_reference_in_a_sentence_is_rejected(table_copy: Path) -> None:
    path = table_copy / ES / "options.csv"
    rows = _rows(path)
    column = rows[0].index("pain_relief_note")
    _set_cell(path, 2, "pain_relief_note", rows[1][column].replace(" [15]", ""))
    problems = check_translations(load_table(table_copy))
    assert len(_located(problems, ES_OPTIONS, 2, "pain_relief_note")) == 1
    assert "[15] there, none here" in str(problems[0].message)


def test_list_with_a_merged_item_is_rejected(table_copy: Path) -> None:
    path = table_copy / ES / "options.csv"
    rows = _rows(path)
    column = rows[0].index("contraindications")
    _set_cell(path, 2, "contraindications", rows[1][column].replace(";", ",", 1))
    problems = check_translations(load_table(table_copy))
    assert _located(problems, ES_OPTIONS, 2, "contraindications")


def test_missing_translation_file_is_rejected(table_copy: Path) -> None:
    (table_copy / ES / "criteria.csv").unlink()
    problems = check_translations(load_table(table_copy))
    assert [(p.file, p.row, p.column) for p in problems] == [("translations/es/criteria.csv", None, None)]


def test_changed_number_in_a_sentence_is_listed_for_review(table_copy: Path) -> None:
    path = table_copy / ES / "options.csv"
    rows = _rows(path)
    column = rows[0].index("what_it_is_like")
    _set_cell(path, 3, "what_it_is_like", rows[2][column].replace("500 mg", "50 mg"))
    table = load_table(table_copy)
    assert check_translations(table) == []
    notes = translation_notes(table)
    assert len(_located(notes, ES_OPTIONS, 3, "what_it_is_like")) == 1
    assert "check that no figure changed" in str(notes[0].message)


def test_empty_translated_cell_falls_back_to_the_base_text_and_is_listed(table_copy: Path) -> None:
    _set_cell(table_copy / ES / "options.csv", 8, "summary", "")
    _set_cell(table_copy / ES / "criteria.csv", 3, "label", "")
    table = load_table(table_copy)
    assert check_translations(table) == []
    notes = translation_notes(table)
    assert [(p.file, p.row, p.column) for p in notes] == [
        (ES_OPTIONS, 8, "summary"), ("translations/es/criteria.csv", 3, "label")]
    spanish = load_translation(table, "es")
    assert spanish.text("acupuncture", "summary") == table.text("acupuncture", "summary")
    assert spanish.criterion("relief_days").label == table.criterion("relief_days").label
    assert spanish.text("nsaids", "summary") != table.text("nsaids", "summary")


def test_a_third_language_is_a_folder(table_copy: Path) -> None:
    shutil.copytree(table_copy / ES, table_copy / "translations" / "pt")
    table = load_table(table_copy)
    assert available_languages(table) == ["es", "pt"]
    assert review_translations(table).errors == ()
    assert load_translation(table, "pt").text("nsaids", "name") == load_translation(table, "es").text("nsaids", "name")


# --------------------------------------------------------------------------- property: text may change, codes may not


@pytest.fixture(scope="module")
def property_table(tmp_path_factory: pytest.TempPathFactory, bundled_dir: Path) -> Path:
    target = tmp_path_factory.mktemp("translated") / "table"
    shutil.copytree(bundled_dir, target)
    return target


_WORDS = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóú ¿?", min_size=1, max_size=30).filter(str.strip)


@given(data=st.data())
def test_any_text_change_is_accepted_and_any_code_or_number_change_is_rejected(property_table: Path, data) -> None:
    path = property_table / ES / "options.csv"
    original = path.read_bytes()
    table = load_table(property_table)
    rows = _rows(path)
    header = rows[0]
    row = data.draw(st.integers(min_value=2, max_value=len(rows)), label="row")
    column = data.draw(st.sampled_from(header), label="column")
    cell = rows[row - 1][header.index(column)]
    base = table.options.loc[rows[row - 1][0]]
    numeric = [c.column for c in table.criteria]
    numeric += [c + s for c in numeric for s in ("_low", "_high")]
    text_columns = {"name", "summary", "guidelines", "what_it_is_like", "common_side_effects", "serious_risks",
                    "see_doctor_if", "contraindications", "cautions"} | {c for c in header if c.endswith("_note")}
    try:
        if column in text_columns:
            if not cell:
                return  # the base has no text here: nothing to translate
            items = data.draw(st.lists(_WORDS, min_size=len(split_list(cell)), max_size=len(split_list(cell))))
            references = " ".join(sorted(__import__("re").findall(r"\[[^\]]*\]", cell)))
            new = "; ".join(item.strip() for item in items) + (" " + references if references else "")
            _set_cell(path, row, column, new)
            changed = load_table(property_table)
            assert check_translations(changed) == []
            assert load_translation(changed, "es").text(rows[row - 1][0], column) == new
        else:
            if column in numeric:
                value = float(base[column])
                new = "1" if math.isnan(value) else repr(value + data.draw(st.sampled_from([0.5, 1.0, -1.0])))
            else:
                new = data.draw(_WORDS.map(str.strip).filter(lambda s: s != cell), label="new")
            _set_cell(path, row, column, new)
            problems = check_translations(load_table(property_table))
            assert _located(problems, ES_OPTIONS, row, column), (column, new, problems)
    finally:
        path.write_bytes(original)


# --------------------------------------------------------------------------- readability


def test_spanish_reading_ease_is_fernandez_huerta_and_tells_easy_from_hard() -> None:
    easy = "El dolor de espalda suele mejorar. Puede tomar un calmante si lo necesita."
    hard = ("La administración concomitante de antiinflamatorios no esteroideos incrementa considerablemente "
            "la probabilidad de complicaciones gastrointestinales hemorrágicas potencialmente irreversibles.")
    assert reading_ease(easy, "es") >= reading_ease_target("es") == 60
    assert reading_ease(hard, "es") < 30
    # Fernández-Huerta by hand: 13 words, 2 sentences, 26 syllables (El do-lor de es-pal-da sue-le me-jo-rar. ...).
    assert reading_ease(easy, "es") == pytest.approx(206.84 - 60 * 26 / 13 - 1.02 * 13 / 2, abs=0.01)


def test_reading_ease_ignores_references_and_gives_nan_without_words() -> None:
    text = "El dolor de espalda suele mejorar."
    assert reading_ease(text + " [15, 16]", "es") == reading_ease(text, "es")
    assert math.isnan(reading_ease("[15]", "es"))


def test_reading_ease_leaves_textstats_language_alone() -> None:
    import textstat

    english = "The pain in your back often gets better on its own. You can take a painkiller if you need one."
    before = textstat.flesch_reading_ease(english)
    assert not np.isnan(reading_ease("El dolor de espalda suele mejorar.", "es"))
    assert textstat.flesch_reading_ease(english) == before
    assert reading_ease(english, "en") == pytest.approx(before, abs=0.01)
    assert reading_ease_target("en") is None


def test_spanish_table_keeps_the_base_units_so_values_are_worded_in_spanish(bundled_table) -> None:
    from decision_aid.core.i18n import translator
    from decision_aid.core.words.values import value_line

    spanish = load_translation(bundled_table, "es")
    assert [c.unit for c in spanish.criteria] == [c.unit for c in bundled_table.criteria]
    es = translator("es")
    days = next(c for c in spanish.criteria if c.unit == "days")
    lines = [value_line(spanish, oid, days, tr=es) for oid in spanish.ids]
    assert not any("0,02" in line for line in lines), lines


def test_a_condition_ticked_in_one_language_rules_out_and_warns_in_the_other(bundled_table) -> None:
    from decision_aid.core.i18n import translator
    from decision_aid.core.scoring import Limits
    from decision_aid.core.words.ranking import limits_lines

    spanish = load_translation(bundled_table, "es")
    ulcer_en = bundled_table.items("nsaids", "contraindications")[0]
    ulcer_es = spanish.items("nsaids", "contraindications")[0]
    assert ulcer_en != ulcer_es
    for table in (bundled_table, spanish):                    # limits keep the base table's words
        limits = Limits(contraindications=spanish.base_conditions(ulcer_es))
        assert limits.contraindications == {ulcer_en}
        assert not limits.allowed(table)["nsaids"]
        assert limits.conditions_in(table) == [table.items("nsaids", "contraindications")[0]]
    assert not Limits(contraindications=frozenset({ulcer_es})).allowed(spanish)["nsaids"]
    pregnancy = Limits(contraindications=spanish.base_conditions("Embarazo"))
    assert any("Pregnancy" in items for items in pregnancy.cautions_by_option(bundled_table).values())
    assert any("Embarazo" in items for items in pregnancy.cautions_by_option(spanish).values())
    assert limits_lines(bundled_table, pregnancy) == ["Applies to the patient: Pregnancy."]
    assert limits_lines(spanish, Limits(contraindications=frozenset({"Pregnancy"})),
                        tr=translator("es")) == ["Se aplica al paciente: Embarazo."]
