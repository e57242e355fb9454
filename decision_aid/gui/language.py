"""The window's language: words bound to widgets, retranslated in place, and the Language menus.

Two languages can be in use in one consultation: the clinician's window
speaks the :class:`~decision_aid.gui.consultation.Consultation`'s translator,
the patient's screen its own. A widget's fixed words are *bound* to it with
:func:`text`, :func:`tip`, :func:`name`, ... (the English msgid marked with
:func:`N_` so ``pybabel extract`` finds it); :func:`retranslate` walks a window
and puts every bound string back in the window's language, then calls each
widget's ``language_changed()`` so words built from data are made again.
Nothing needs a restart.
"""

from __future__ import annotations

import gettext
import math
import re

from babel import Locale
from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget, QWidget

from ..core.i18n import ENGLISH, Translator, available_languages, language_name, system_language, translator

_PREFIX = "i18n:"
_ARGS = "i18n-args:"


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translated later, when bound to a widget."""
    return message


def tr_of(obj: QObject | None) -> Translator:
    """The translator ``obj`` speaks: the nearest owner with a ``translator`` (its window), else English."""
    while obj is not None:
        found = getattr(type(obj), "translator", None)
        if found is not None:
            value = obj.translator
            if isinstance(value, Translator):
                return value
        obj = obj.parent()
    return ENGLISH


def bind(obj: QObject, setter: str, msgid: str, tr: Translator | None = None, **args: object) -> None:
    """Give ``obj`` the words ``msgid`` through its method ``setter`` now, and again on every language change.

    ``args`` fill the template's ``{placeholders}`` after translation; ``t_NAME=english`` fills
    ``{NAME}`` with ``english`` translated too.
    """
    obj.setProperty(_PREFIX + setter, msgid)
    obj.setProperty(_ARGS + setter, {k: str(v) for k, v in args.items()} if args else None)
    _apply(obj, setter, msgid, args, tr or tr_of(obj))


def _apply(obj: QObject, setter: str, msgid: str, args: dict, tr: Translator) -> None:
    words = tr.gettext(msgid)
    if args:  # an argument named t_NAME is itself English to translate, filling {NAME}
        words = words.format(**{(k[2:] if k.startswith("t_") else k): (tr.gettext(v) if k.startswith("t_") else v)
                                for k, v in args.items()})
    if setter == "tab":
        tabs = obj.parentWidget()
        while tabs is not None and not (isinstance(tabs, QTabWidget) and tabs.indexOf(obj) >= 0):
            tabs = tabs.parentWidget()
        if tabs is not None:
            tabs.setTabText(tabs.indexOf(obj), words)
        return
    getattr(obj, setter)(words)


def text(obj: QObject, msgid: str, tr: Translator | None = None, **args: object) -> None:
    """Bind a label's, button's or action's text."""
    bind(obj, "setText", msgid, tr, **args)


def tip(obj: QObject, msgid: str, tr: Translator | None = None, **args: object) -> None:
    """Bind a tooltip (plain text)."""
    bind(obj, "setToolTip", msgid, tr, **args)


def name(obj: QObject, msgid: str, tr: Translator | None = None, **args: object) -> None:
    """Bind an accessible name."""
    bind(obj, "setAccessibleName", msgid, tr, **args)


def placeholder(obj: QObject, msgid: str, tr: Translator | None = None) -> None:
    """Bind a line edit's placeholder."""
    bind(obj, "setPlaceholderText", msgid, tr)


def title(obj: QObject, msgid: str, tr: Translator | None = None, **args: object) -> None:
    """Bind a menu's or group box's title."""
    bind(obj, "setTitle", msgid, tr, **args)


def window_title(obj: QWidget, msgid: str, tr: Translator | None = None, **args: object) -> None:
    """Bind a window's title."""
    bind(obj, "setWindowTitle", msgid, tr, **args)


def tab(tabs: QTabWidget, page: QWidget, msgid: str, tr: Translator | None = None) -> None:
    """Bind the title of ``page``'s tab (the page must already be in ``tabs``)."""
    page.setProperty(_PREFIX + "tab", msgid)
    page.setProperty(_ARGS + "tab", None)
    tabs.setTabText(tabs.indexOf(page), (tr or tr_of(tabs)).gettext(msgid))


def retranslate(root: QObject, tr: Translator) -> None:
    """Every bound string under ``root`` in ``tr``'s language, then each ``language_changed()`` hook.

    A separate top-level window (the patient's screen) that has a translator
    of its own is left to it.
    """
    objects = [root]
    stack = [root]
    while stack:
        for child in stack.pop().children():
            if child is not root and isinstance(child, QWidget) and child.isWindow() \
                    and getattr(type(child), "translator", None) is not None:
                continue                                   # speaks its own language
            objects.append(child)
            stack.append(child)
    for obj in objects:
        for raw in obj.dynamicPropertyNames():
            key = bytes(raw).decode()
            if key.startswith(_PREFIX):
                setter = key[len(_PREFIX):]
                msgid = obj.property(key)
                if msgid:
                    _apply(obj, setter, str(msgid), obj.property(_ARGS + setter) or {}, tr)
    for obj in objects:
        hook = getattr(obj, "language_changed", None)
        if callable(hook):
            hook()


# ----------------------------------------------------------------------------- Qt's own words

_qt_translator: QTranslator | None = None


def install_qt_translation(lang: str) -> bool:
    """Load Qt's own ``qtbase_xx.qm`` (standard dialogs' buttons) for ``lang``; True if one was found."""
    global _qt_translator
    app = QApplication.instance()
    if app is None:
        return False
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    language = lang.split("_")[0]
    if language == "en":
        return False
    found = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if found.load(QLocale(lang), "qtbase", "_", folder) or found.load(f"qtbase_{language}", folder):
        app.installTranslator(found)
        _qt_translator = found
        return True
    return False


# ----------------------------------------------------------------------------- menus

def language_menu(parent: QWidget, menu: QMenu, chosen: str, on_choose) -> QActionGroup:
    """Fill ``menu`` with the interface's languages, each named in its own language, ``chosen`` ticked."""
    group = QActionGroup(parent)
    group.setExclusive(True)
    menu.clear()
    for lang in available_languages():
        action = QAction(language_name(lang), parent)
        action.setCheckable(True)
        action.setData(lang)
        action.setChecked(matches(lang, chosen))
        action.triggered.connect(lambda _checked=False, code=lang: on_choose(code))
        group.addAction(action)
        menu.addAction(action)
    return group


def matches(offered: str, wanted: str) -> bool:
    """Whether the menu entry ``offered`` (``es``) is the language ``wanted`` (``es``, ``es_MX``)."""
    return offered == wanted or offered == wanted.split("_")[0]


def check(group: QActionGroup, lang: str) -> None:
    """Tick ``lang`` in a language menu (the nearest entry: ``es_MX`` ticks ``es``)."""
    for action in group.actions():
        action.setChecked(matches(str(action.data()), lang))


def starting_language(asked: str | None, remembered: str) -> str:
    """The language the window opens in: asked for (``--lang``), else remembered, else the system's.

    The system's language is used when the interface speaks it (else English, the words written in the code).
    """
    if asked or remembered:
        return (asked or remembered).replace("-", "_")
    system = system_language()
    return system if any(matches(code, system) for code in available_languages()) else "en"


# ----------------------------------------------------------------------------- pseudo-locale

_ACCENTED = str.maketrans("AaCcEeIiNnOoUuYy", "ÅåÇçÉéÎîÑñÖöÜüÝý")
_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|&&|&.|<[^<>]*>|%\w)")


def pseudo(message: str) -> str:
    """``message`` accented and 40% longer, placeholders, mnemonics and markup kept, to test layouts."""
    parts = _PLACEHOLDER.split(message)
    out = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    plain = sum(len(p) for p in parts if not _PLACEHOLDER.fullmatch(p))
    return out + "·" * math.ceil(plain * 0.4) if plain else out


class _PseudoCatalogue(gettext.NullTranslations):
    def gettext(self, message):
        return pseudo(message)

    def ngettext(self, singular, plural, n):
        return pseudo(singular if n == 1 else plural)

    def pgettext(self, context, message):
        return pseudo(message)

    def npgettext(self, context, singular, plural, n):
        return pseudo(singular if n == 1 else plural)


def pseudo_translator() -> Translator:
    """A translator that lengthens and accents every string: layouts must hold it without clipping."""
    return Translator(lang="en", locale=Locale.parse("en"), _catalogue=_PseudoCatalogue())


# ----------------------------------------------------------------------------- the table's text

_TABLES: dict[tuple[str, str, str], object] = {}


def table_in(base, lang: str):
    """``base`` (a table in its own language) with its text in ``lang``, and whether that language is had.

    Returns ``(table, True)`` for the base language or a translation that
    loads, ``(base, False)`` when the table has no (usable) translation in
    ``lang``: the base text is then shown.
    """
    from ..core.errors import TableError
    from ..core.translations import available_languages as table_languages, base_language, load_translation

    own = base_language(base)
    if own.split("_")[0] == lang.split("_")[0]:
        return base, True
    if not any(matches(code, lang) for code in table_languages(base)):
        return base, False
    key = (str(base.folder), base.fingerprint, lang)
    if key not in _TABLES:
        try:
            _TABLES[key] = load_translation(base, lang)
        except TableError:
            return base, False
        if len(_TABLES) > 16:
            _TABLES.pop(next(iter(_TABLES)))
    return _TABLES[key], True


# ----------------------------------------------------------------------------- the window

class WindowLanguage:
    """View > Language and View > Patient screen language (a mix-in of the main window).

    The window's language is the consultation's translator; the patient's
    screen keeps a language of its own (the window's until one is chosen).
    Both are remembered.
    """

    @property
    def translator(self) -> Translator:
        """The language the window speaks."""
        return self.consultation.translator

    def _build_language_menus(self, view: QMenu) -> None:
        self.language_menu = view.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        title(self.language_menu, N_("&Language"))
        self.language_group = language_menu(self, self.language_menu, "en", self.set_language)
        self.patient_language_menu = view.addMenu("")
        self.patient_language_menu.setObjectName("patientLanguageMenu")
        title(self.patient_language_menu, N_("Patient screen lan&guage"))
        self.patient_language_group = language_menu(self, self.patient_language_menu, "en",
                                                    self.set_patient_language)
        self._patient_lang = ""
        self._told_untranslated: set[tuple[str, str]] = set()
        self.consultation.languageChanged.connect(self._on_language_changed)

    def _start_language(self, asked: str | None) -> None:
        self._patient_lang = self.settings.patient_language()
        self.set_language(starting_language(asked, self.settings.language()), remember=False)
        check(self.patient_language_group, self.patient_language())

    def language(self) -> str:
        """The window's language code."""
        return self.consultation.translator.lang

    def set_language(self, lang: str, *, remember: bool = True) -> None:
        """Speak ``lang`` in the window (menus, views, the table's text when it is translated), in place."""
        tr = translator(lang)
        if remember:
            self.settings.set_language(tr.lang)
        install_qt_translation(tr.lang)
        QApplication.instance().setLayoutDirection(QLocale(tr.lang).textDirection())
        self.consultation.set_translator(tr)
        check(self.language_group, tr.lang)
        check(self.patient_language_group, self.patient_language())
        if self.patient_view is not None and not self._patient_lang:
            self.patient_view.set_translator(tr)

    def patient_language(self) -> str:
        """The patient screen's language code (the window's until one is chosen)."""
        return self._patient_lang or self.language()

    def patient_translator(self) -> Translator:
        """The patient screen's translator (the take-home sheet's default language too)."""
        return translator(self.patient_language())

    def set_patient_language(self, lang: str) -> None:
        """Speak ``lang`` on the patient's screen, whatever the window speaks; remembered."""
        self._patient_lang = translator(lang).lang
        self.settings.set_patient_language(self._patient_lang)
        check(self.patient_language_group, self._patient_lang)
        if self.patient_view is not None:
            self.patient_view.set_translator(self.patient_translator())

    def _on_language_changed(self, tr: Translator) -> None:
        retranslate(self, tr)
        self._show_table_text()

    def _table_text(self, base):
        """The table to show for ``base`` in the window's language; says once when there is no translation."""
        lang = self.language()
        shown, had = table_in(base, lang)
        key = (str(base.folder), lang)
        if not had and key not in self._told_untranslated:
            self._told_untranslated.add(key)
            tr = self.translator
            self.show_status(tr.gettext("This table has no translation in {language}: its content is shown "
                                        "as written.").format(language=language_name(lang, lang)))
        return shown

    def _show_table_text(self) -> None:
        base = self.consultation.base_table
        if base is None:
            return
        shown = self._table_text(base)
        if shown is not self.consultation.table:
            self._show_table(shown)
            self.consultation.set_table_text(shown)
            self._show_current(self._current)
        else:
            self._refresh_words()
