"""The interface's words in two languages at once: catalogues, plural forms, numbers and dates."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.core.i18n import (LOCALE_DIR, Translator, available_languages, language_name,
                                    system_language, translator)

VISITS = ("{n} visit", "{n} visits")


def _visits(t: Translator, n: int) -> str:
    return t.ngettext(*VISITS, n).format(n=t.format_number(n))


@pytest.mark.parametrize(("n", "english", "spanish"), [
    (0, "0 visits", "0 visitas"),
    (1, "1 visit", "1 visita"),
    (2, "2 visits", "2 visitas"),
    (10, "10 visits", "10 visitas"),
    (1_000_000, "1,000,000 visits", "1.000.000 de visitas"),
])
def test_plural_forms_for_none_one_and_many(n: int, english: str, spanish: str) -> None:
    assert _visits(translator("en"), n) == english
    assert _visits(translator("es"), n) == spanish


def test_two_languages_at_once_without_a_global() -> None:
    clinician, patient = translator("en"), translator("es")
    assert patient.gettext("no reliable figure") == "no hay una cifra fiable"
    assert clinician.gettext("no reliable figure") == "no reliable figure"
    assert patient.gettext("not stated") == "no consta"
    assert patient.gettext("none listed") == "no se indica ninguno"
    # Asking for Spanish did not change what English gives, nor the reverse.
    assert translator("en").gettext("not stated") == "not stated"
    assert translator("es").gettext("not stated") == "no consta"


def test_missing_string_falls_back_to_english() -> None:
    spanish = translator("es")
    assert spanish.gettext("A sentence no catalogue has") == "A sentence no catalogue has"
    assert spanish.ngettext("{n} apple", "{n} apples", 1) == "{n} apple"
    assert spanish.ngettext("{n} apple", "{n} apples", 3) == "{n} apples"


def test_language_without_a_catalogue_speaks_english_with_its_own_numbers() -> None:
    french = translator("fr")
    assert french.gettext("no reliable figure") == "no reliable figure"
    assert french.format_decimal(3.3) == "3,3"


def test_regional_and_unknown_codes() -> None:
    assert translator("es-MX").gettext("not stated") == "no consta"
    assert translator("es_ES.UTF-8").lang == "es_ES"
    assert translator("xx-nonsense").lang == "en"
    assert translator(None).lang == "en"
    assert translator("es") is translator("es")


def test_decimal_comma_and_grouping_in_spanish() -> None:
    spanish, english = translator("es"), translator("en")
    assert spanish.format_decimal(3.3) == "3,3"
    assert english.format_decimal(3.3) == "3.3"
    assert spanish.format_number(-0.5) == "-0,5"
    assert spanish.format_decimal(200_000) == "200.000"
    assert spanish.format_decimal(0.02, decimals=2) == "0,02"
    assert spanish.format_decimal(30.66, decimals=1) == "30,7"
    assert english.format_decimal(1.0, decimals=0) == "1"
    assert spanish.format_percent(0.25).replace("\xa0", " ") == "25 %"
    with pytest.raises(ValueError):
        spanish.format_decimal(float("nan"))


def test_dates_with_month_names() -> None:
    date = dt.date(2026, 11, 22)
    assert translator("es").format_date(date) == "22 de noviembre de 2026"
    assert translator("en").format_date(date) == "November 22, 2026"
    assert translator("es").format_list(["calor", "frío", "reposo"]) == "calor, frío y reposo"


def test_shipped_catalogue_is_compiled_from_its_source() -> None:
    po = LOCALE_DIR / "es" / "LC_MESSAGES" / "decision_aid.po"
    mo = po.with_suffix(".mo")
    assert mo.is_file(), "compile the catalogues: pybabel compile -d decision_aid/locale -D decision_aid"
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    spanish = translator("es")
    for message in catalogue:
        if not message.id or not message.string:
            continue
        context = message.context
        if isinstance(message.id, tuple):
            one = spanish.npgettext(context, *message.id, 1) if context else spanish.ngettext(*message.id, 1)
            two = spanish.npgettext(context, *message.id, 2) if context else spanish.ngettext(*message.id, 2)
            assert one == message.string[0], message.id
            assert two == message.string[2], message.id
        else:
            got = spanish.pgettext(context, message.id) if context else spanish.gettext(message.id)
            assert got == message.string, message.id


def test_a_clinic_adds_a_language_from_its_own_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locale" / "pt" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "decision_aid.po").open("rb") as handle:
        catalogue = read_po(handle, locale="pt")
    for message in catalogue:
        if message.id == "not stated":
            message.string = "não indicado"
    with (folder / "decision_aid.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    portuguese = translator("pt", catalogue_dirs=[tmp_path / "locale"])
    assert portuguese.gettext("not stated") == "não indicado"
    assert "pt" in available_languages([tmp_path / "locale"])
    assert available_languages() == ["en", "es"]
    shutil.rmtree(tmp_path / "locale")


def test_system_language_and_language_names(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert system_language() == "es_ES"
    monkeypatch.setenv("LANG", "C")
    assert system_language() == "en"
    assert language_name("es") == "español"
    assert language_name("es", "en") == "Spanish"


def test_a_message_is_english_until_said_in_the_readers_language():
    from decision_aid.core.errors import ExportError, Problem, TableError
    from decision_aid.core.i18n import msg, nmsg

    spanish = translator("es")
    sentence = nmsg("The table cannot be used: {n} problem found.", "The table cannot be used: {n} problems found.", 3)
    assert str(sentence) == "The table cannot be used: 3 problems found."
    assert sentence.say(spanish) == "La tabla no se puede usar: se encontraron 3 problemas."
    error = ExportError(msg("Question"))
    assert str(error) == "Question" and error.say(spanish) == "Pregunta"
    assert ExportError("plain words").say(spanish) == "plain words"
    table = TableError([Problem("options.csv", 4, "name", msg("Question"))], "/clinic")
    assert table.say(spanish).splitlines()[1] == "options.csv:4:name: Pregunta"
    assert str(table).splitlines()[1] == "options.csv:4:name: Question"


@given(st.integers(min_value=-10**12, max_value=10**12), st.floats(allow_nan=False, allow_infinity=False, width=32))
def test_a_messages_numbers_are_written_the_readers_way(count, share):
    from decision_aid.core.i18n import msg

    spanish = translator("es")
    said = msg("{count} and {share}", count=count, share=share).say(spanish)
    whole = str(count) if abs(count) < 10_000 else spanish.format_number(count)
    assert said == f"{whole} and {spanish.format_number(share)}"
    assert "," not in whole                       # a row number or a count never takes an English comma
