"""The take-home sheet from the window speaks the language asked at export, whatever the window speaks."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.usefixtures("no_questions")


def _text(path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


def test_an_english_window_exports_a_spanish_sheet_with_the_tables_spanish_text(window, tmp_path):
    window.set_compared(["physical_therapy", "nsaids", "botox"])
    out = tmp_path / "hoja.pdf"
    assert window.record.export_summary(out, "a4", lang="es")
    text = _text(out)
    assert "Resumen de su consulta" in text and "Las opciones, una al lado de la otra" in text
    assert "Fisioterapia" in text
    assert "Your consultation summary" not in text and "The options side by side" not in text
    # The window itself still speaks English.
    assert window.menuBar().actions()[0].text().replace("&", "") == "File"


def test_the_sheet_asked_without_a_language_follows_the_patient_screen(window, tmp_path, monkeypatch):
    window.set_patient_language("es")
    asked = []
    monkeypatch.setattr(window.record, "ask_sheet_language", lambda default: asked.append(default) or default)
    monkeypatch.setattr(window.record, "_ask_save_path", lambda *a: (tmp_path / "hoja.pdf", a[-1]))
    window.set_compared(["physical_therapy", "nsaids"])
    assert window.record.export_summary()
    assert asked == ["es"]
    assert "Resumen de su consulta" in _text(tmp_path / "hoja.pdf")
