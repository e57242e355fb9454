"""The audit of a table's translations: who translated it, whether a clinician reviewed it, how easy it reads.

For each language under the table's ``translations/`` folder
(:func:`~decision_aid.core.translations.available_languages`):

* **QL-translation-review-<lang>** always needs a person: a translation is
  used in the consulting room only after a clinician fluent in the language
  has read it. The note quotes ``translated_by`` and ``translation_review``
  from the translation's ``about.csv``.
* **QL-translation-readability-<lang>**, for a language with a reading-ease
  formula of its own (:func:`~decision_aid.core.translations.reading_ease_target`;
  Spanish: Fernández-Huerta, target 60): every plain-language cell of
  :data:`~decision_aid.core.audit.readability.PLAIN_LANGUAGE_COLUMNS` with at
  least :data:`~decision_aid.core.audit.model.MIN_GRADED_WORDS` words below the
  target is *not met*, located in the translation's file. Flesch-Kincaid is an
  English scale: it is never applied to a translation. The language is passed
  to each formula call, never set process-wide.

A translation that cannot be loaded is *not met* with the loader's problems
(``check`` says the same).
"""

from __future__ import annotations

import math

from ..errors import DecisionAidError, Problem, TableError
from ..i18n import LanguageName, msg, nmsg
from ..table import OPTIONS_FILE, DecisionTable
from ..translations import TRANSLATIONS_FOLDER, available_languages, load_translation, reading_ease, \
    reading_ease_target
from .context import sheet_rows
from .model import MIN_GRADED_WORDS, AuditItem, Group, figure, make_item, quote
from .readability import LIST_COLUMNS, PLAIN_LANGUAGE_COLUMNS, _sentences


def translation_items(table: DecisionTable) -> list[AuditItem]:
    """The audit items of every translation of ``table``, language by language."""
    items: list[AuditItem] = []
    for lang in available_languages(table):
        language = LanguageName(lang)
        try:
            translated = load_translation(table, lang)
        except DecisionAidError as exc:
            problems = exc.problems if isinstance(exc, TableError) else (
                Problem(f"{TRANSLATIONS_FOLDER}/{lang}", None, None,
                        exc.args[0] if exc.args else msg("the translation could not be read")),)
            items.append(make_item(f"QL-translation-review-{lang}", Group.QUALITY,
                                   msg("Translation into {language} can be used", language=language), problems))
            continue
        items.append(_review(translated, lang, language))
        target = reading_ease_target(lang)
        if target is not None:
            items.append(_readability(translated, lang, language, target))
    return items


def _review(translated: DecisionTable, lang: str, language: LanguageName) -> AuditItem:
    by = translated.about.get("translated_by", "").strip()
    review = translated.about.get("translation_review", "").strip()
    if by and review:
        note = msg("Translated by: {by} Review: {review} A clinician fluent in the language must confirm it "
                   "says what the original says.", by=quote(by, 400), review=quote(review, 400))
    else:
        note = msg("The translation's about.csv does not say who translated it or whether a clinician fluent in "
                   "the language reviewed it; add translated_by and translation_review, and have it reviewed.")
    return make_item(f"QL-translation-review-{lang}", Group.QUALITY,
                     msg("Translation into {language} reviewed by a clinician fluent in it", language=language),
                     [], note, review_only=True)


def _readability(translated: DecisionTable, lang: str, language: LanguageName, target: float) -> AuditItem:
    rows = sheet_rows(translated, OPTIONS_FILE, "id")
    name = f"{TRANSLATIONS_FOLDER}/{lang}/{OPTIONS_FILE}"
    details: list[Problem] = []
    graded = 0
    for column in PLAIN_LANGUAGE_COLUMNS:
        if column not in translated.options.columns:
            continue
        for option_id in translated.ids:
            text = translated.text(option_id, column)
            if not text:
                continue
            read = _sentences(text) if column in LIST_COLUMNS else text
            if len(read.split()) < MIN_GRADED_WORDS:
                continue
            ease = reading_ease(read, lang)
            if math.isnan(ease):
                continue
            graded += 1
            if round(ease, 1) < target:
                details.append(Problem(name, rows.get(option_id), column, msg(
                    "reading ease {ease}, below the target {target}; use shorter sentences and everyday words",
                    ease=figure(ease, ".1f"), target=figure(target))))
    return make_item(f"QL-translation-readability-{lang}", Group.QUALITY,
                     msg("Plain language in {language} (reading ease {target} or above)", language=language,
                         target=figure(target)),
                     details, nmsg("{n} cell graded with the Fernández-Huerta formula for Spanish (higher is easier).",
                                   "{n} cells graded with the Fernández-Huerta formula for Spanish (higher is easier).",
                                   graded) if lang.split("_")[0] == "es" else
                     nmsg("{n} cell graded (higher is easier).", "{n} cells graded (higher is easier).", graded))
