"""The window's language: View > Language retranslates in place, the patient's screen may speak another.

Covers the window parts of issue 16: switching to Spanish needs no restart
and is remembered; the patient's screen can be in Spanish while the
clinician's window stays in English; no English sentence of the window's own
catalogue is left anywhere in it (views, models, the patient's screen) once it speaks Spanish; a pseudo-locale 40% longer clips no
label or button at 1366x768; right to left, the window mirrors without overlap.
"""

from __future__ import annotations

import pytest
from catalogue_words import english_sentences, english_templates
from consulting_room import SCREEN, open_window, rect_in_window, reset_app, settle
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from decision_aid.gui import language as i18n
from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import Settings

pytestmark = pytest.mark.usefixtures("no_questions")

@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    yield w
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    i18n.install_qt_translation("en")
    reset_app()


def choose(group, lang: str) -> None:
    """Pick ``lang`` in a language menu, as the user would."""
    action = next(a for a in group.actions() if a.data() == lang)
    action.trigger()


def model_words(view: QAbstractItemView) -> list[str]:
    """What a list, table or grid view's model says: headers, cells, tooltips and accessible text."""
    model = view.model()
    if model is None:
        return []
    try:
        columns = model.columnCount()
    except TypeError:                          # a list model hides its column count
        columns = 1
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
             Qt.ItemDataRole.AccessibleDescriptionRole)
    out = [model.headerData(i, orientation, role)
           for orientation, count in ((Qt.Orientation.Horizontal, columns), (Qt.Orientation.Vertical, model.rowCount()))
           for i in range(count) for role in roles]
    out += [model.data(model.index(r, c), role)
            for r in range(model.rowCount()) for c in range(columns) for role in roles]
    return [w for w in out if isinstance(w, str) and w]


def words_of(widget: QWidget) -> list[str]:
    """Everything a widget says: its text, title, tooltip and accessible name."""
    out = [widget.accessibleName(), widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
    for attribute in ("text", "title", "placeholderText"):
        reader = getattr(widget, attribute, None)
        if callable(reader):
            try:
                value = reader()
            except TypeError:
                continue
            if isinstance(value, str):
                out.append(value)
    return [w for w in out if w]


def test_view_language_switches_the_window_to_spanish_in_place_and_is_remembered(qtbot, window, tmp_path):
    assert window.file_menu.title() == "&File"
    names = [a.text() for a in window.language_group.actions()]
    assert "español" in names and "English" in names
    choose(window.language_group, "es")
    # Menus, tabs, buttons, group boxes and accessible names change in the same window: no restart.
    assert window.file_menu.title() == "&Archivo"
    assert window.view_menu.title() == "&Ver"
    assert window.language_menu.title() == "&Idioma"
    assert window.open_action.text() == "A&brir carpeta de tabla..."
    assert [window.tabs.tabText(i) for i in range(4)] == ["&Opciones", "&Comparar", "Su c&lasificación",
                                                          "Lí&nea de tiempo"]
    assert window.why_button.text() == "Explicar la clasificación con &palabras"
    assert window.weights.equal_button.text() == "&Todo igual"
    assert window.weights.controls_box.title() == "¿Cuánto importa cada cosa?"
    assert window.search.placeholderText() == "Buscar opciones"
    assert window.record.panel.export_button.text() == "Guardar el resumen en &PDF..."
    assert window.record.actions["save"].text() == "&Guardar"
    assert "Consulta nueva" in window.windowTitle()
    # The table's own text follows, from its Spanish translation, with the same figures.
    table = window.consultation.table
    assert table.text("nsaids", "name").startswith("Antiinflamatorios")
    assert table.fingerprint == window.consultation.base_table.fingerprint
    # Ticked in the menu and remembered: a new window opens in Spanish.
    assert [a.data() for a in window.language_group.actions() if a.isChecked()] == ["es"]
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert settings.language() == "es"
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.file_menu.title() == "&Archivo"
    # And back to English, in place.
    choose(window.language_group, "en")
    assert window.file_menu.title() == "&File"
    assert window.tabs.tabText(0) == "&Options"
    assert window.consultation.table.text("nsaids", "name").startswith("Anti-inflammatory")


def test_switching_language_keeps_the_patients_answers(window, bundled_table):
    window.weights.equal_button.click()
    window.weights.flush()
    window.set_compared(list(bundled_table.ids[:2]))
    before = (window.importances(), window.compared(), list(window.ranking().scores.index))
    choose(window.language_group, "es")
    assert (window.importances(), window.compared(), list(window.ranking().scores.index)) == before
    # Words made from the patient's answers are in Spanish too.
    assert window.weights.control(bundled_table.criteria[0].column).value_label.text().startswith("5 - ")
    window.weights.reset()
    assert window.weights.control(bundled_table.criteria[0].column).value_label.text() == "aún sin indicar"


def test_patient_screen_in_spanish_while_the_window_stays_english(window):
    choose(window.patient_language_group, "es")
    view = window.open_patient_view()
    assert view.windowTitle() == "Ayuda para decidir - pantalla del paciente"
    assert "Antiinflamatorios para el dolor" in view.shown_text()
    assert window.file_menu.title() == "&File"
    assert window.consultation.table.text("nsaids", "name").startswith("Anti-inflammatory")
    assert window.settings.patient_language() == "es"
    # The take-home sheet is offered in the patient's language.
    assert window.record.sheet_language() == "es"
    # Changing the window's language leaves the patient's screen alone.
    choose(window.language_group, "es")
    choose(window.language_group, "en")
    assert view.windowTitle() == "Ayuda para decidir - pantalla del paciente"
    view.close()


def english_left(root: QWidget, sentences: dict[str, str], templates) -> set[tuple[str, str]]:
    """English sentences (or filled English templates) anything visible under ``root`` still says."""
    left = set()
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget is root or widget.isVisibleTo(root)):
            continue
        said = words_of(widget) + (model_words(widget) if isinstance(widget, QAbstractItemView) else [])
        for words in said:
            for line in [words, *words.splitlines()]:
                if line in sentences:
                    left.add((type(widget).__name__, line))
                left.update((type(widget).__name__, msgid) for msgid, pattern in templates if pattern.fullmatch(line))
    return left


def test_spanish_window_has_no_english_sentence_anywhere(qtbot, window, bundled_table):
    """Every tab, view, model, menu and the patient's screen, with options compared and importances given."""
    ids = window.consultation.table.ids
    window.set_compared(ids[:3])
    window.consultation.set_importances({c.column: 7 for c in bundled_table.criteria})
    choose(window.language_group, "es")
    choose(window.patient_language_group, "es")
    window._show_current(ids[0])
    sentences, templates = english_sentences(), english_templates()
    assert sentences["What matters to you"] == "Lo que le importa"
    assert any(msgid == "How much it matters: {criterion}" for msgid, _ in templates)
    left = set()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(window)
        left |= english_left(window, sentences, templates)
    view = window.open_patient_view()
    settle(view)
    left |= english_left(view, sentences, templates)
    view.close()
    for menu in (window.file_menu, window.view_menu, window.language_menu.parentWidget()):
        for action in menu.actions():
            left.update(("QAction", words) for words in (action.text(), action.statusTip()) if words in sentences)
    assert not left


def test_qt_standard_buttons_follow_the_language(window):
    choose(window.language_group, "es")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Cancelar"


def _clipped(widget: QWidget) -> bool:
    """Whether a label's or button's text does not fit it (elided, or cut at the bottom)."""
    if isinstance(widget, QLabel):
        if widget.wordWrap():
            return widget.height() < widget.heightForWidth(widget.width())
        return widget.width() < widget.minimumSizeHint().width()
    if isinstance(widget, QAbstractButton):
        return widget.width() < widget.sizeHint().width() or widget.height() < widget.sizeHint().height()
    if isinstance(widget, QGroupBox):
        return widget.width() < widget.fontMetrics().horizontalAdvance(widget.title().replace("&", ""))
    return False


def _cut_columns(view: QAbstractItemView) -> list[str]:
    """Column headings of a table view whose longest line is wider than its column."""
    header = getattr(view, "horizontalHeader", None)
    header = header() if callable(header) else None
    if header is None or not header.isVisible():
        return []
    model, metrics, cut = view.model(), header.fontMetrics(), []
    for section in range(header.count()):
        text = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(text, str) and text and not header.isSectionHidden(section):
            if max(metrics.horizontalAdvance(line) for line in text.splitlines()) > header.sectionSize(section):
                cut.append(text)
    return cut


def test_pseudo_locale_clips_no_label_or_button(window):
    window.set_compared(window.consultation.table.ids[:3])
    window.consultation.set_translator(i18n.pseudo_translator())
    window.resize(*SCREEN)
    settle(window)
    assert window.file_menu.title().startswith("&Fîlé")
    cut = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(window)
        for widget in window.findChildren(QWidget):
            bound = any(bytes(n).decode().startswith("i18n:set") for n in widget.dynamicPropertyNames())
            if bound and widget.isVisibleTo(window) and _clipped(widget):
                cut.append((window.tabs.tabText(index), type(widget).__name__, words_of(widget)[:1]))
            if isinstance(widget, QAbstractItemView) and widget.isVisibleTo(window):
                cut += [(window.tabs.tabText(index), "column", text) for text in _cut_columns(widget)]
    assert not cut
    tabs = window.tabs
    if not tabs.listed():
        bar = tabs.tabBar()
        assert all(bar.rect().contains(bar.tabRect(i)) for i in range(tabs.count()))


def test_pseudo_text_is_longer_and_accented():
    assert i18n.pseudo("Open {file}").startswith("Öpéñ {file}")
    assert len(i18n.pseudo("Search options")) >= len("Search options") * 1.4
    assert i18n.pseudo("&Save").startswith("&S")


def test_right_to_left_mirrors_without_overlap(window):
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    window.resize(*SCREEN)
    settle(window)
    weights, views = rect_in_window(window.weights_box), rect_in_window(window.tabs)
    assert weights.left() > views.left(), "what matters to you moves to the right"
    assert not weights.intersects(views)
    header = rect_in_window(window.header_line)
    assert not header.intersects(rect_in_window(window.splitter))
    bar = window.tabs.tabBar()
    if bar.isVisible() and bar.count() > 1:
        assert bar.tabRect(0).left() > bar.tabRect(1).left(), "the first tab is on the right"
    frame = QRect(0, 0, *SCREEN)
    assert frame.contains(rect_in_window(window.tabs)) and frame.contains(rect_in_window(window.weights_box))


def test_the_app_starts_in_the_language_asked_else_remembered_else_the_systems(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "es_ES")
    assert i18n.starting_language(None, "") == "es_ES"
    assert i18n.starting_language(None, "en") == "en"
    assert i18n.starting_language("es", "en") == "es"
    monkeypatch.setenv("LANGUAGE", "xx")            # a language the interface does not speak
    assert i18n.starting_language(None, "") == "en"


def test_lang_option_reaches_the_window(monkeypatch):
    from decision_aid import cli
    from decision_aid.gui import app

    asked = {}
    monkeypatch.setattr(app, "run", lambda data=None, *, lang=None: asked.update(data=data, lang=lang) or 0)
    assert cli.main(["--lang", "es"]) == 0
    assert asked == {"data": None, "lang": "es"}


def test_a_table_without_the_language_keeps_its_text_and_says_so_once(window, other_dir, monkeypatch):
    said = []
    monkeypatch.setattr(window, "show_status", said.append)
    assert window.load_folder(other_dir)
    name = window.consultation.table.text(window.consultation.table.ids[0], "name")
    choose(window.language_group, "es")
    assert window.file_menu.title() == "&Archivo"                   # the window's words are Spanish
    assert window.consultation.table.text(window.consultation.table.ids[0], "name") == name   # the table's stay
    untranslated = [s for s in said if "no tiene traducción" in s]
    assert untranslated == ["Esta tabla no tiene traducción al español: su contenido se muestra tal como está "
                            "escrito."]
    choose(window.language_group, "en")
    choose(window.language_group, "es")
    assert len([s for s in said if "no tiene traducción" in s]) == 1


def test_spanish_options_tell_each_category_apart(window):
    choose(window.language_group, "es")
    model = window.table_view.model()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Tipo")
    shown = {model.index(r, column).data() for r in range(model.rowCount())}
    assert {"Convencional", "Alternativa", "En casa", "Comparación"} <= shown
    assert [box.text() for box in window.category_filters.values()] == [
        "Convencional", "Alternativa", "En casa", "Comparación"]
    choose(window.language_group, "en")
    assert [box.text() for box in window.category_filters.values()] == [
        "Conventional", "Alternative", "Self-care", "Comparison"]


@pytest.mark.parametrize("size", [SCREEN, (1229, 691)])      # the whole screen; the window as it first opens on it
@pytest.mark.parametrize("lang", ["en", "es", "pseudo"])
def test_what_matters_never_needs_more_width_than_its_panel_has(window, lang, size):
    """On a 1366x768 screen the panel's content fits its width in any language (nothing cut at its right edge)."""
    if lang == "pseudo":
        window.consultation.set_translator(i18n.pseudo_translator())
    else:
        choose(window.language_group, lang)
    window.resize(*size)
    settle(window)
    scroll = window.weights.parentWidget().parentWidget()
    assert scroll.widget() is window.weights
    assert window.weights.minimumSizeHint().width() <= scroll.viewport().width()
    assert window.weights.width() <= scroll.viewport().width()


def test_a_leave_out_box_ticks_from_its_words_and_from_the_keyboard(qtbot, window):
    choose(window.language_group, "es")
    assert "comparison" not in window.weights.category_boxes, "no limit removes what the others are measured against"
    box = window.weights.category_boxes["conventional"]
    assert box.text() == "Sin tratamientos convencionales"
    assert box.box.accessibleName() == box.text()
    qtbot.mouseClick(box.label, Qt.MouseButton.LeftButton)
    assert box.isChecked() and "conventional" in window.weights.limits().exclude_categories
    box.box.setFocus()
    qtbot.keyClick(box.box, Qt.Key.Key_Space)
    assert not box.isChecked() and "conventional" not in window.weights.limits().exclude_categories


def test_a_condition_ticked_in_spanish_still_rules_out_in_english(window):
    choose(window.language_group, "es")
    table = window.consultation.table
    ulcer_es = table.items("nsaids", "contraindications")[0]
    conditions = window.weights.contra_list
    row = next(i for i in range(conditions.count()) if conditions.item(i).text() == ulcer_es)
    conditions.item(row).setCheckState(Qt.CheckState.Checked)
    window.consultation.set_importances({c.column: 5 for c in table.criteria})
    assert "nsaids" not in window.consultation.ranking.scores.index
    choose(window.language_group, "en")
    ulcer_en = window.consultation.table.items("nsaids", "contraindications")[0]
    ticked = [conditions.item(i).text() for i in range(conditions.count())
              if conditions.item(i).checkState() == Qt.CheckState.Checked]
    assert ticked == [ulcer_en]
    assert window.consultation.session.limits.contraindications == {ulcer_en}
    assert "nsaids" not in window.consultation.ranking.scores.index
