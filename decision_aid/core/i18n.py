"""The interface's words in the reader's language: gettext catalogues and Babel's formats, Qt-free.

Every part that speaks (window, patient screen, PDF, CLI) asks for a
:class:`Translator` for the language it speaks in: ``translator("es")``. The
language is always a parameter, never a process-wide setting, so the
clinician's window can be in English while the patient's screen and the
take-home sheet are in Spanish, in the same consultation.

Catalogues are ``decision_aid/locale/<lang>/LC_MESSAGES/decision_aid.po``,
compiled to ``.mo`` next to them (committed, so a fresh ``pip install .`` has
them), and managed with Babel's ``pybabel`` (see ``docs/translating.md``).
Plural forms follow each catalogue's ``Plural-Forms`` header (CLDR rules).
A string a catalogue lacks, or a language with no catalogue, falls back to
the English text written in the code.

Numbers and dates follow the language's conventions through Babel (decimal
comma and month names in Spanish).
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import gettext
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError, default_locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.support import Translations

#: gettext domain of the interface's catalogues.
DOMAIN = "decision_aid"
#: Where the catalogues shipped with the app live.
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
#: The language the interface is written in (the msgids).
SOURCE_LANGUAGE = "en"


def _normalise(lang: str | None) -> str:
    """``es-MX`` / ``es_mx`` / ``es_MX.UTF-8`` -> ``es_MX``; empty or unknown -> ``en``."""
    text = (lang or "").strip().split(".")[0].split("@")[0].replace("-", "_")
    if not text or text in ("C", "POSIX", "en_US_POSIX"):  # Babel reads LANG=C as en_US_POSIX
        return SOURCE_LANGUAGE
    try:
        return str(Locale.parse(text))
    except (UnknownLocaleError, ValueError, TypeError):
        return SOURCE_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """The words and formats of one language. Get one with :func:`translator`.

    Attributes
    ----------
    lang
        The language code asked for, normalised (``es``, ``es_MX``, ``en``).
    locale
        Babel's locale for numbers and dates.
    """

    lang: str
    locale: Locale
    _catalogue: gettext.NullTranslations = field(repr=False, compare=False)

    # -- words

    def gettext(self, message: str) -> str:
        """``message`` (English) in this language, or ``message`` itself when not translated."""
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a sentence for ``n`` by this language's plural rules (English's when untranslated).

        The result is a template: fill it with ``.format(n=...)`` so the
        number is written the language's way, e.g.
        ``t.ngettext("{n} visit", "{n} visits", n).format(n=t.format_number(n))``.
        """
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in this language, told apart from the same English words in another ``context``."""
        return self._catalogue.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """:meth:`ngettext` with a context."""
        return self._catalogue.npgettext(context, singular, plural, n)

    # -- numbers and dates

    def format_number(self, x: float | int) -> str:
        """A number as the language writes it, with as many decimals as it has (3,3 in Spanish)."""
        return self.format_decimal(x)

    def format_decimal(self, x: float | int, decimals: int | None = None) -> str:
        """A number with the language's decimal sign and grouping; ``decimals`` fixes the places shown.

        NaN and infinities are not numbers a patient reads: they raise ``ValueError``.
        """
        if isinstance(x, float) and not math.isfinite(x):
            raise ValueError(f"{x!r} is not a finite number")
        # Babel rounds in the current decimal context (28 digits): a float as large as 1e25 needs more
        # places than that once its decimals are counted, and every finite float fits in 400.
        with decimal.localcontext() as context:
            context.prec = 400
            if decimals is None:
                return babel_numbers.format_decimal(x, locale=self.locale)
            pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
            return babel_numbers.format_decimal(round(x, decimals), format=pattern, locale=self.locale,
                                                decimal_quantization=True)

    def format_percent(self, fraction: float, decimals: int = 0) -> str:
        """A fraction as a percentage the language's way (``0.25`` -> ``25 %`` in Spanish)."""
        pattern = None if decimals == 0 else "#,##0." + "0" * decimals + "%"
        return babel_numbers.format_percent(fraction, format=pattern, locale=self.locale)

    def format_date(self, date: dt.date, format: str = "long") -> str:
        """A date with month names in the language (``22 de noviembre de 2026``).

        ``format`` is Babel's: ``short``, ``medium``, ``long``, ``full`` or a CLDR pattern.
        """
        return babel_dates.format_date(date, format=format, locale=self.locale)

    def format_list(self, items: Sequence[str]) -> str:
        """Items joined the language's way (``a, b y c`` in Spanish)."""
        from babel.lists import format_list

        return format_list(list(items), locale=self.locale)


def translator(lang: str | None, catalogue_dirs: Sequence[str | Path] = ()) -> Translator:
    """The :class:`Translator` for ``lang`` (``"es"``, ``"es-MX"``, ``None`` for English).

    A regional code uses its own catalogue when there is one, else the
    language's (``es_MX`` -> ``es``). ``catalogue_dirs`` are searched before
    the catalogues shipped with the app, so a clinic can add or correct a
    language from a folder of its own without changing the app. Results are
    cached: the same language gives the same object.
    """
    return _translator(_normalise(lang), tuple(str(Path(d)) for d in catalogue_dirs))


@functools.lru_cache(maxsize=64)
def _translator(lang: str, catalogue_dirs: tuple[str, ...]) -> Translator:
    locale = Locale.parse(lang)
    wanted = [lang] if lang == locale.language else [lang, locale.language]
    catalogue: gettext.NullTranslations = gettext.NullTranslations()
    # Later folders are fallbacks of earlier ones: the clinic's folders first, then the app's.
    chain = [Translations.load(d, wanted, DOMAIN) for d in (*catalogue_dirs, str(LOCALE_DIR))]
    found = [c for c in chain if isinstance(c, Translations)]
    if found:
        catalogue = found[0]
        for extra in found[1:]:
            catalogue.add_fallback(extra)
    return Translator(lang=lang, locale=locale, _catalogue=catalogue)


def available_languages(catalogue_dirs: Sequence[str | Path] = ()) -> list[str]:
    """Languages the interface can speak: English and every language with a compiled catalogue."""
    found = {SOURCE_LANGUAGE}
    for folder in (*map(Path, catalogue_dirs), LOCALE_DIR):
        if folder.is_dir():
            found.update(p.name for p in folder.iterdir()
                         if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file())
    return sorted(found)


def system_language() -> str:
    """The language of the user's system (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English."""
    return _normalise(default_locale(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")))


def language_name(lang: str, in_lang: str | None = None) -> str:
    """A language's own name for a language menu (``es`` -> ``español``), or in ``in_lang``."""
    locale = Locale.parse(_normalise(lang))
    name = locale.get_display_name(Locale.parse(_normalise(in_lang)) if in_lang else locale) or lang
    return name


#: The interface's own language: the default of every ``tr`` parameter in the words layer,
#: so a caller that says nothing about language gets the English written in the code.
ENGLISH: Translator = translator(SOURCE_LANGUAGE)


def N_(message: str) -> str:  # noqa: N802 - the name pybabel looks for
    """Mark a module-level sentence for extraction without translating it: translate it where it is used.

    ``NOT_STATED = N_("not stated")`` stays English in the code; a view says
    ``tr.gettext(NOT_STATED)`` in the reader's language.
    """
    return message


@dataclass(frozen=True)
class Message:
    """A sentence kept in English until it is said: an error or an audit finding, said in the reader's language.

    Errors and audit findings arise deep in the core, far from whoever reads
    them; they carry a :class:`Message` (made by :func:`msg` or :func:`nmsg`),
    and the window, the command line and the PDF say it with their own
    translator: ``message.say(tr)``. ``str(message)`` is the English.

    Arguments fill the template's ``{placeholders}`` after translation: a
    :class:`Message` argument is said in the same language, a float is written
    the language's way, an integer of five digits or more is grouped the
    language's way (smaller ones, such as row numbers and years, as they are);
    anything else as ``str()`` gives it.
    """

    msgid: str
    args: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    n: int = 1

    def say(self, tr: Translator | None = None) -> str:
        """The sentence in ``tr``'s language (English when ``None``)."""
        tr = tr or ENGLISH
        template = tr.ngettext(self.msgid, self.plural, self.n) if self.plural else tr.gettext(self.msgid)
        values = {name: _argument(value, tr) for name, value in self.args}
        if self.plural:
            values.setdefault("n", _argument(self.n, tr))
        return template.format(**values)

    def __str__(self) -> str:
        return self.say(ENGLISH)


@dataclass(frozen=True)
class LanguageName(Message):
    """A language's name said in the reader's language: ``LanguageName("es")`` is "Spanish", "español"."""

    def say(self, tr: Translator | None = None) -> str:
        return language_name(self.msgid, (tr or ENGLISH).lang)


@dataclass(frozen=True)
class Figure(Message):
    """A number as a message argument, written as ``spec`` writes it, the reader's way.

    ``spec`` is a format spec: ``"g"`` (the default) keeps the digits a
    table's cell gave, up to six, so a problem stays visible ("-0.0004 is
    outside 0 to 100"); ``".1f"`` fixes the decimals; ``".0%"`` is a
    percentage. English writes it exactly so; another language with its own
    decimal and minus signs (``2,5``, ``33 %``). A number that is not finite
    is written as Python writes it. Make one with :func:`figure`.
    """

    value: float = math.nan
    spec: str = "g"

    def say(self, tr: Translator | None = None) -> str:
        tr = tr or ENGLISH
        value = float(self.value)
        if is_english(tr) or not math.isfinite(value):
            return format(value, self.spec)
        if self.spec.endswith("%"):
            return tr.format_percent(value, int(self.spec[1:-1] or 0))
        if self.spec.endswith("f"):
            return tr.format_decimal(value, int(self.spec[1:-1] or 0))
        return (format(value, self.spec).replace(".", babel_numbers.get_decimal_symbol(tr.locale))
                .replace("-", babel_numbers.get_minus_sign_symbol(tr.locale)))


def figure(value: float, spec: str = "g") -> Figure:
    """A number for a message: ``figure(0.33, ".0%")`` is ``33%`` in English, ``33 %`` in Spanish."""
    return Figure("", value=float(value), spec=spec)


def _argument(value: object, tr: Translator) -> str:
    if isinstance(value, Message):
        return value.say(tr)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return tr.format_number(value) if abs(value) >= 10_000 else str(value)
    if isinstance(value, float) and math.isfinite(value):
        return tr.format_number(value)
    return str(value)


def msg(message: str, **args: object) -> Message:
    """A sentence said later in the reader's language: ``msg("'{value}' is not a number", value=cell)``.

    ``message`` is a literal English template (pybabel finds it by this
    function's name); ``args`` fill its placeholders when it is said.
    """
    return Message(message, tuple(args.items()))


def nmsg(singular: str, plural: str, n: int, **args: object) -> Message:
    """:func:`msg` with plural forms chosen by ``n`` in the reader's language; ``{n}`` is ``n``."""
    return Message(singular, tuple(args.items()), plural, int(n))


def say(text: str | Message, tr: Translator | None = None) -> str:
    """``text`` in ``tr``'s language when it is a :class:`Message`; a plain string as it is."""
    return text.say(tr) if isinstance(text, Message) else str(text)


#: The name of the language menu and setting (View > Language), in every language.
LANGUAGE = N_("Language")


def is_english(tr: Translator) -> bool:
    """Whether ``tr`` speaks the interface's own language (its text is the code's, byte for byte)."""
    return tr.locale.language == SOURCE_LANGUAGE


def plural_count(x: float) -> int:
    """The count a plural form is chosen by: ``x`` itself when whole, else a count that takes the plural.

    gettext chooses forms by whole numbers; "1.5 hours" takes the plural in
    English and Spanish, as 2 does.
    """
    return int(x) if float(x).is_integer() else 2
