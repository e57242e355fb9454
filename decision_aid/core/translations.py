"""Translations of a table's content: ``<table>/translations/<lang>/``.

A translation folder holds the same CSV files as the table (``options.csv``,
``criteria.csv``, ``about.csv``, ``side_effects.csv`` and, when the table has
it, ``references.csv``) with the same ids and rows. Only text columns are
translated; ids, codes (categories, roles, comparators, populations, guideline
stances, GRADE levels, severities), numbers and their ranges, dates and
sources are copied unchanged, and :func:`check_translations` rejects any
difference, naming the cell as ``FILE:ROW:COLUMN`` (the file relative to the
table folder, e.g. ``translations/es/options.csv``).

:func:`load_translation` gives the table with its text in another language:
numbers, ids, codes and sources always come from the base table, and an empty
translated cell shows the base text (each such cell is listed by
:func:`translation_notes`). A clinic adds a language by adding a folder; no
code changes.

:func:`reading_ease` grades Spanish text with a Spanish formula.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from .csvfile import Sheet, normalise_header, read_csv_file, to_numbers
from .errors import Problem, TableError
from .i18n import Message, msg, nmsg
from .table import (ABOUT_FILE, CRITERIA_FILE, OPTIONS_FILE, SIDE_EFFECTS_FILE, DecisionTable,
                    split_list)

TRANSLATIONS_FOLDER = "translations"
REFERENCES_FILE = "references.csv"
#: The language of a table's own files when its about.csv does not say (key ``language``).
DEFAULT_BASE_LANGUAGE = "en"
#: Keys a translation's about.csv may add: the language, who translated it, whether a clinician
#: fluent in the language has reviewed it (``translation_reviewed_by`` empty or absent: not yet).
TRANSLATION_ABOUT_KEYS = ("language", "translated_by", "translation_review", "translation_reviewed_by")
#: about.csv keys whose values are dates or codes, copied unchanged.
ABOUT_CODE_KEYS = ("published", "evidence_compiled")
#: ``;``-separated text columns: a translation keeps the number and order of items, so that item
#: ``i`` of a translated list is item ``i`` of the base list (limits match contraindications on the
#: base table's items).
LIST_COLUMNS = ("common_side_effects", "serious_risks", "see_doctor_if", "contraindications", "cautions")

#: Column-name endings that mark a code, a source or a number range, never translated.
_CODE_SUFFIXES = ("_source", "_comparator", "_population", "_low", "_high")
_LANG = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$")
_CITATION = re.compile(r"\[[^\]]*\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class _FileRule:
    """How one CSV file is compared: which column keys its rows, and which columns are codes or numbers."""

    name: str
    key: str | None  # None: rows are matched by position
    codes: frozenset[str]
    numbers: frozenset[str]

    def kind(self, column: str) -> str:
        """"number", "code" or "text"."""
        if column in self.numbers:
            return "number"
        if column in self.codes or column.endswith(_CODE_SUFFIXES):
            return "code"
        return "text"


def _rules(table: DecisionTable) -> list[_FileRule]:
    criteria_numbers = set()
    for c in table.criteria:
        criteria_numbers.update((c.column, c.column + "_low", c.column + "_high"))
    return [
        _FileRule(OPTIONS_FILE, "id",
                  frozenset({"id", "category", "evidence", "guideline_stance", "sources", "reviewed"}),
                  frozenset(criteria_numbers)),
        _FileRule(CRITERIA_FILE, "column",
                  frozenset({"column", "better", "role", "comparator", "population"}),
                  frozenset({"min", "max", "default_weight", "minimal_important"})),
        _FileRule(ABOUT_FILE, "key", frozenset({"key"}), frozenset()),
        _FileRule(SIDE_EFFECTS_FILE, None, frozenset({"option_id", "severity", "source"}),
                  frozenset({"per_100", "baseline_per_100"})),
        _FileRule(REFERENCES_FILE, "ref", frozenset({"ref", "citation"}), frozenset()),
    ]


@dataclass(frozen=True)
class TranslationReview:
    """What :func:`review_translations` found.

    Attributes
    ----------
    errors
        Differences that make a translation unusable (a changed number, id,
        code or source; a missing row, column or file).
    notes
        Things a person should look at, that do not stop the translation
        being used: empty translated cells (the base text is shown), numbers
        in a sentence that differ from the base sentence, an about.csv that
        does not say who translated it.
    """

    errors: tuple[Problem, ...]
    notes: tuple[Problem, ...]


# --------------------------------------------------------------------------- finding translations


def translations_dir(table: DecisionTable | Path) -> Path:
    """The folder holding a table's translations (it may not exist)."""
    folder = table.folder if isinstance(table, DecisionTable) else Path(table)
    return folder / TRANSLATIONS_FOLDER


def base_language(table: DecisionTable) -> str:
    """The language of the table's own files: about.csv's ``language``, else English."""
    return (table.about.get("language") or DEFAULT_BASE_LANGUAGE).strip().lower()


def available_languages(table: DecisionTable | Path) -> list[str]:
    """Codes of the languages a table is translated into, sorted (the base language not included).

    A language is a folder of ``translations/`` whose name is a language code
    (``es``, ``pt_BR``) and that holds ``options.csv``.
    """
    root = translations_dir(table)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir()
                  if p.is_dir() and _LANG.match(p.name) and (p / OPTIONS_FILE).is_file())


def _folder_for(table: DecisionTable, lang: str) -> Path | None:
    """The translation folder for ``lang``: the exact code, then its language alone (``es_MX`` -> ``es``)."""
    available = available_languages(table)
    wanted = lang.strip().replace("-", "_")
    for candidate in (wanted, wanted.split("_")[0].lower()):
        for name in available:
            if name.replace("-", "_").lower() == candidate.lower():
                return translations_dir(table) / name
    return None


# --------------------------------------------------------------------------- checking


def check_translations(table: DecisionTable) -> list[Problem]:
    """Every error in every translation of ``table``; empty when all can be used.

    For every folder in ``<table>/translations/``: the same files, ids and
    rows as the base table; identical numbers, ranges, dates, codes and
    sources; citation marks (``[15]``) in each sentence the same as the base
    sentence's; list cells with as many items as the base cell. Each error is
    located as ``translations/<lang>/<file>:ROW:COLUMN``. Empty translated
    cells are not errors: see :func:`translation_notes`.
    """
    return list(review_translations(table).errors)


def translation_notes(table: DecisionTable) -> list[Problem]:
    """Cells of every translation that a person should review (see :attr:`TranslationReview.notes`)."""
    return list(review_translations(table).notes)


def review_translations(table: DecisionTable, languages: Iterable[str] | None = None) -> TranslationReview:
    """Errors and notes for the translations of ``table`` (all of them, or ``languages``)."""
    errors: list[Problem] = []
    notes: list[Problem] = []
    for lang in (available_languages(table) if languages is None else languages):
        folder = _folder_for(table, lang)
        if folder is None:
            errors.append(Problem(f"{TRANSLATIONS_FOLDER}/{lang}", None, None,
                                  msg("no translation in this language; add the folder with translated "
                                      "copies of the table's CSV files")))
            continue
        _review_folder(table, folder, errors, notes)
    return TranslationReview(tuple(errors), tuple(notes))


def _review_folder(table: DecisionTable, folder: Path, errors: list[Problem], notes: list[Problem]) -> None:
    prefix = f"{TRANSLATIONS_FOLDER}/{folder.name}/"
    for rule in _rules(table):
        base_path = table.folder / rule.name
        if not base_path.is_file():
            continue
        name = prefix + rule.name
        path = folder / rule.name
        if not path.is_file():
            errors.append(Problem(name, None, None,
                                  msg("file missing; the table has {file}, so its translation needs a "
                                      "translated copy with the same rows", file=rule.name)))
            continue
        try:
            base = read_csv_file(base_path, rule.name)
            sheet = read_csv_file(path, name)
        except TableError as exc:
            errors.extend(exc.problems)
            continue
        _compare(rule, base, sheet, errors, notes)
    about = folder / ABOUT_FILE
    if about.is_file():
        keys = _about_keys(about, prefix + ABOUT_FILE)
        for key in ("translated_by", "translation_review"):
            if key not in keys:
                notes.append(Problem(prefix + ABOUT_FILE, None, "key",
                                     msg("no '{key}' row; say who translated the table and whether a clinician "
                                         "fluent in the language has reviewed it", key=key)))


def _about_keys(path: Path, name: str) -> dict[str, str]:
    try:
        sheet = read_csv_file(path, name)
    except TableError:
        return {}
    if "key" not in sheet.columns or "value" not in sheet.columns:
        return {}
    return {_about_key(k): v for k, v in zip(sheet.frame["key"], sheet.frame["value"])}


def _about_key(text: str) -> str:
    return normalise_header(text).replace(" ", "_")


def _keys(rule: _FileRule, sheet: Sheet) -> list[str]:
    if rule.key is None:
        return [str(i) for i in range(len(sheet.frame))]
    if rule.key not in sheet.columns:
        return []
    cells = sheet.frame[rule.key].tolist()
    return [_about_key(c) if rule.name == ABOUT_FILE else normalise_header(c) if rule.name == CRITERIA_FILE
            else c for c in cells]


def _compare(rule: _FileRule, base: Sheet, sheet: Sheet, errors: list[Problem], notes: list[Problem]) -> None:
    name = sheet.name
    missing = [c for c in base.columns if c not in sheet.columns]
    for column in missing:
        errors.append(Problem(name, 1, column, msg("column missing; copy the column '{column}' from {file}",
                                                   column=column, file=rule.name)))
    for column in sheet.columns:
        if column not in base.columns:
            errors.append(Problem(name, 1, column, msg("{file} has no column '{column}'; remove it or correct "
                                                       "its name", file=rule.name, column=column)))
    if rule.key is not None and rule.key in missing:
        return
    base_keys, keys = _keys(rule, base), _keys(rule, sheet)
    base_rows, rows = list(base.frame.index), list(sheet.frame.index)
    where = dict(zip(keys, rows))
    base_where = dict(zip(base_keys, base_rows))
    for key, row in zip(base_keys, base_rows):
        if key not in where:
            if rule.key:
                errors.append(Problem(name, None, rule.key,
                                      msg("'{key}' (row {row} of {file}) is missing; every {label} of the table "
                                          "needs a translated row", key=key, row=row, file=rule.name,
                                          label=rule.key)))
            else:
                errors.append(Problem(name, row, None,
                                      msg("this row (row {row} of {file}) is missing; every row of the table "
                                          "needs a translated row", row=row, file=rule.name)))
    for key, row in zip(keys, rows):
        if key not in base_where and (rule.name != ABOUT_FILE or key not in TRANSLATION_ABOUT_KEYS):
            errors.append(Problem(name, row, rule.key,
                                  msg("'{key}' is not in {file}; a translation keeps the table's {label}s "
                                      "unchanged", key=key, file=rule.name, label=rule.key)) if rule.key else
                          Problem(name, row, None, msg("{file} has no row {row}; a translation has the same rows "
                                                       "as the table", file=rule.name, row=row)))
    shared = [c for c in base.columns if c in sheet.columns and c != rule.key]
    numbers = {c: (to_numbers(base, c)[0], to_numbers(sheet, c)) for c in shared if rule.kind(c) == "number"}
    for key, base_row in zip(base_keys, base_rows):
        row = where.get(key)
        if row is None:
            continue
        for column in shared:
            kind = rule.kind(column)
            if rule.name == ABOUT_FILE and column == "value" and key in ABOUT_CODE_KEYS:
                kind = "code"
            original = base.frame.at[base_row, column]
            cell = sheet.frame.at[row, column]
            if kind == "number":
                base_values, (values, bad) = numbers[column]
                a, b = base_values.at[base_row], values.at[row]
                same = (math.isnan(a) and math.isnan(b) and not bad.at[row]) or a == b
                if not same:
                    errors.append(Problem(name, row, column,
                                          msg("'{value}' differs from {file} ('{original}'); numbers are never "
                                              "translated: copy the cell unchanged", value=_short(cell),
                                              file=rule.name, original=_short(original))))
            elif kind == "code":
                if cell != original:
                    errors.append(Problem(name, row, column,
                                          msg("'{value}' differs from {file} ('{original}'); ids, codes, dates and "
                                              "sources are never translated: copy the cell unchanged",
                                              value=_short(cell), file=rule.name, original=_short(original))))
            else:
                _compare_text(name, row, column, original, cell, errors, notes)


def _compare_text(name: str, row: int, column: str, original: str, cell: str,
                  errors: list[Problem], notes: list[Problem]) -> None:
    if not cell:
        if original:
            notes.append(Problem(name, row, column, msg("empty; the untranslated text is shown instead")))
        return
    if not original:
        errors.append(Problem(name, row, column, msg("the table has no text here; leave the translated cell "
                                                     "empty too (a translation adds nothing)")))
        return
    if Counter(_CITATION.findall(original)) != Counter(_CITATION.findall(cell)):
        errors.append(Problem(name, row, column,
                              msg("the references in brackets differ from the table's ({there} there, {here} "
                                  "here); keep every reference unchanged", there=_refs(original), here=_refs(cell))))
    if column in LIST_COLUMNS and len(split_list(original)) != len(split_list(cell)):
        here, there = len(split_list(cell)), len(split_list(original))
        errors.append(Problem(name, row, column,
                              nmsg("{n} item here but {there} in the table; translate each ';'-separated item as "
                                   "one item, in the same order",
                                   "{n} items here but {there} in the table; translate each ';'-separated item as "
                                   "one item, in the same order", here, there=there)))
    if _numbers(original) != _numbers(cell):
        notes.append(Problem(name, row, column,
                             msg("the numbers differ from the table's ({there} there, {here} here); check that no "
                                 "figure changed", there=_list(_numbers(original)), here=_list(_numbers(cell)))))


def _numbers(text: str) -> Counter[str]:
    """The figures in a sentence, with thousands and decimal separators removed (3.3 and 3,3 agree)."""
    return Counter(re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text))


def _list(counts: Counter[str]) -> str | Message:
    return ", ".join(sorted(counts.elements(), key=lambda n: (len(n), n))) or msg("none")


def _refs(text: str) -> str | Message:
    return " ".join(_CITATION.findall(text)) or msg("none")


def _short(text: object, limit: int = 40) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- loading


def load_translation(table: DecisionTable, lang: str) -> DecisionTable:
    """``table`` with its text in ``lang``, from ``<table>/translations/<lang>/``.

    Numbers, ids, codes, dates and sources come from ``table`` (the base
    table); text columns from the translation, an empty translated cell
    keeping the base text. The result keeps the base table's folder and
    fingerprint: both describe the same figures. ``lang`` equal to the base
    language returns ``table`` itself; ``es_MX`` uses ``es`` when there is no
    ``es_MX`` folder.

    Raises
    ------
    TableError
        When there is no translation in ``lang``, or it differs from the base
        table (see :func:`check_translations`), listing every problem.
    """
    folder = _folder_for(table, lang)
    if folder is None and _language(lang) == base_language(table):
        return table
    if folder is None:
        offered = ", ".join([base_language(table)] + available_languages(table))
        raise TableError([Problem(f"{TRANSLATIONS_FOLDER}/{lang}", None, None,
                                  msg("this table has no translation in '{language}'; it is available in: "
                                      "{languages}", language=lang, languages=offered))],
                         str(table.folder))
    review = review_translations(table, [folder.name])
    if review.errors:
        raise TableError(list(review.errors), str(table.folder))
    rules = {r.name: r for r in _rules(table)}
    sheets = {name: read_csv_file(folder / name, name) for name in rules if (folder / name).is_file()}
    changes: dict[str, object] = {}
    if OPTIONS_FILE in sheets:
        changes["options"] = _translated_options(table, sheets[OPTIONS_FILE], rules[OPTIONS_FILE])
    if CRITERIA_FILE in sheets:
        changes["criteria"] = _translated_criteria(table, sheets[CRITERIA_FILE], rules[CRITERIA_FILE])
    if ABOUT_FILE in sheets:
        changes["about"] = _translated_about(table, sheets[ABOUT_FILE])
    if SIDE_EFFECTS_FILE in sheets and not table.side_effects.empty:
        changes["side_effects"] = _translated_side_effects(table, sheets[SIDE_EFFECTS_FILE],
                                                           rules[SIDE_EFFECTS_FILE])
    translated = dataclasses.replace(table, **changes)
    same = same_conditions(table, translated)
    return dataclasses.replace(translated, same_conditions=MappingProxyType(same))


def same_conditions(base: DecisionTable, translated: DecisionTable) -> dict[str, frozenset[str]]:
    """Each patient condition, case-folded, in either table's words -> its words in the other (as written).

    A translation keeps the number and order of a list's items (:data:`LIST_COLUMNS`, checked by
    :func:`check_translations`), so item ``i`` of an option's translated list is item ``i`` of its base list.
    """
    pairs: dict[str, set[str]] = {}
    for column in ("contraindications", "cautions"):
        if column not in base.options.columns:
            continue
        for option_id in base.ids:
            for one, other in zip(base.items(option_id, column), translated.items(option_id, column)):
                if one.casefold() != other.casefold():
                    pairs.setdefault(one.casefold(), set()).add(other)
                    pairs.setdefault(other.casefold(), set()).add(one)
    return {word: frozenset(words) for word, words in pairs.items()}


def _text_columns(rule: _FileRule, sheet: Sheet) -> list[str]:
    return [c for c in sheet.columns if c != rule.key and rule.kind(c) == "text"]


def _merge(base: pd.Series, translated: pd.Series) -> pd.Series:
    """``translated`` where it has text, ``base`` elsewhere."""
    translated = translated.reindex(base.index).fillna("")
    return base.where(translated == "", translated).astype(object)


def _translated_options(table: DecisionTable, sheet: Sheet, rule: _FileRule) -> pd.DataFrame:
    frame = table.options.copy()
    by_id = sheet.frame.set_index("id")
    for column in _text_columns(rule, sheet):
        if column in frame.columns:
            frame[column] = _merge(frame[column], by_id[column])
    return frame


def _translated_criteria(table: DecisionTable, sheet: Sheet, rule: _FileRule) -> tuple:
    frame = sheet.frame.copy()
    frame.index = [normalise_header(c) for c in frame["column"]]
    fields = {f.name for f in dataclasses.fields(table.criteria[0])} if table.criteria else set()
    out = []
    for criterion in table.criteria:
        updates = {}
        for column in _text_columns(rule, sheet):
            # The unit stays the base table's: the words layer reads it as a code
            # ("days", "weeks", "visits") and words it in the reader's language.
            if column == "unit":
                continue
            if column in fields and criterion.column in frame.index:
                text = frame.at[criterion.column, column]
                if text:
                    updates[column] = text
        out.append(dataclasses.replace(criterion, **updates))
    return tuple(out)


def _translated_about(table: DecisionTable, sheet: Sheet) -> MappingProxyType:
    about = dict(table.about)
    for key, value in zip(sheet.frame["key"], sheet.frame["value"]):
        key = _about_key(key)
        if value and key not in ABOUT_CODE_KEYS and (key in about or key in TRANSLATION_ABOUT_KEYS):
            about[key] = value
    return MappingProxyType(about)


def _translated_side_effects(table: DecisionTable, sheet: Sheet, rule: _FileRule) -> pd.DataFrame:
    base = read_csv_file(table.folder / SIDE_EFFECTS_FILE, SIDE_EFFECTS_FILE)
    # Rows match by position: base spreadsheet row -> translated spreadsheet row.
    row_map = dict(zip(base.frame.index, sheet.frame.index))
    frame = table.side_effects.copy()
    for column in _text_columns(rule, sheet):
        if column not in frame.columns:
            continue
        translated = [sheet.frame.at[row_map[r], column] if r in row_map else "" for r in frame["row"]]
        frame[column] = [t or b for t, b in zip(translated, frame[column])]
    return frame


# --------------------------------------------------------------------------- readability


#: Fernández-Huerta reading ease a Spanish plain-language cell should reach (see :func:`reading_ease`).
SPANISH_READING_EASE_TARGET = 60.0


def reading_ease(text: str, lang: str) -> float:
    """Reading ease of ``text`` in language ``lang``, higher is easier; NaN for text without words.

    English (and any language without its own formula here) uses Flesch
    reading ease. Spanish (``es``) uses Fernández-Huerta (1959), Flesch's
    formula re-fitted to Spanish: ``206.84 - 60 * syllables per word - 1.02 *
    words per sentence``. Its bands (as given by legible.es):

    ======== ===================== ==========================
    score    difficulty            typical reader
    ======== ===================== ==========================
    90-100   muy fácil             4th grade (age about 10)
    80-90    fácil                 5th grade
    70-80    bastante fácil        6th grade (age about 12)
    60-70    normal                7th-8th grade (age 13-14)
    50-60    bastante difícil      secondary school
    30-50    difícil               university
    0-30     muy difícil           graduate
    ======== ===================== ==========================

    The target for patient text is :data:`SPANISH_READING_EASE_TARGET`
    (60, "normal": a 13 to 14 year old reads it), the Spanish counterpart of
    the English audit's Flesch-Kincaid grade 8; 70 and above matches the
    reading age of about 12 the table is written for. Bracketed references
    (``[15]``) are removed first.

    textstat's language is a process-wide setting (``textstat.set_lang``);
    this function never changes it: it calls textstat's formula functions
    with the language as an argument, so two languages can be graded at
    once, from any thread.
    """
    from textstat.backend import counts, metrics  # textstat is pinned (0.7.8): these take the language

    clean = " ".join(_CITATION.sub("", text).split())
    if counts.count_words(clean) == 0:
        return math.nan
    code = _language(lang)
    if code == "es":
        return float(metrics.fernandez_huerta(clean, "es"))
    return float(metrics.flesch_reading_ease(clean, _TEXTSTAT_LANG.get(code, "en_US")))


#: textstat's names for the languages its pronouncing dictionaries and hyphenation know.
_TEXTSTAT_LANG: dict[str, str] = {"en": "en_US"}


def reading_ease_target(lang: str) -> float | None:
    """The reading ease a patient text in ``lang`` should reach, or ``None`` when no target is set."""
    return {"es": SPANISH_READING_EASE_TARGET}.get(_language(lang))


def _language(lang: str) -> str:
    """The language part of a code: ``es_MX`` and ``es-MX`` give ``es``."""
    return lang.strip().replace("-", "_").split("_")[0].lower()

