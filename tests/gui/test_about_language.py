"""The window's About view audits the table as written and says its findings in the window's language."""

from __future__ import annotations

import pytest
from audit_tables import broken_table
from catalogue_words import english_left

from decision_aid.core.audit import run_audit
from decision_aid.core.i18n import translator

pytestmark = pytest.mark.usefixtures("no_questions")

SPANISH = translator("es")


@pytest.fixture
def spanish_window(window):
    """A window on the bundled table, in Spanish."""
    next(a for a in window.language_group.actions() if a.data() == "es").trigger()
    yield window
    if getattr(window, "about_dialog", None) is not None:
        window.about_dialog.close()


@pytest.fixture
def broken(tmp_path):
    return broken_table(tmp_path / "broken")


def _about_text(window) -> tuple[str, list[str]]:
    window._on_about()
    view = window.about_dialog.view
    return view.text(), [label.text() for label in view.audit_labels()]


def test_the_windows_about_view_shows_spanish_findings(spanish_window):
    text, lines = _about_text(spanish_window)
    assert SPANISH.gettext("Quality check (IPDAS)") in text and "Quality check" not in text
    assert any(line.startswith("Se compara con: ") for line in lines)
    assert any(line.startswith("Según las normas mínimas IPDAS") for line in lines)
    assert "Lo cumple la aplicación: cada frecuencia se muestra como pictograma y como número." in lines
    assert not english_left("\n".join(lines))
    assert not english_left(text)


def test_the_windows_about_view_shows_a_broken_tables_findings_in_spanish(spanish_window, broken, monkeypatch):
    monkeypatch.setattr(spanish_window, "show_status", lambda *args: None)
    assert spanish_window.load_folder(broken)
    text, lines = _about_text(spanish_window)
    assert any(line.endswith(":sources: vacía; enumere las referencias en las que se basa el texto de esta opción")
               for line in lines)
    assert any("es más antigua de lo que permiten las normas de puesta al día" in line for line in lines)
    assert any(line.startswith("No se cumple: Se dice quién lo paga") for line in text.splitlines())
    assert not english_left("\n".join(lines))
    assert not english_left(text)


def test_the_spanish_windows_about_audits_the_table_as_written_with_its_translation(spanish_window):
    text, lines = _about_text(spanish_window)
    assert "Traducción al español revisada por un profesional sanitario que habla bien el idioma" in text
    assert "QL-translation-readability-es" in text
    # The English reading grades are of the English text: the same as the command line's audit of the table.
    expected = run_audit(spanish_window.consultation.base_table).to_text(tr=SPANISH)
    graded = [" ".join(line.split()) for line in expected.splitlines() if "QL-readability " in line]
    assert graded and all(line in " ".join(text.split()) for line in graded)
