"""The window says a consultation file's errors, and what changed since it was saved, in its own language."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QMessageBox

from decision_aid.core.session import Session, save_session

pytestmark = pytest.mark.usefixtures("no_questions")


@pytest.fixture
def boxes(monkeypatch) -> list[dict]:
    shown: list[dict] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append({"title": box.windowTitle(), "text": box.text()})
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


def test_a_foreign_file_is_refused_in_the_windows_spanish(window, boxes, tmp_path):
    path = tmp_path / "notas.json"
    path.write_text('{"patient": "A. N. Other"}', encoding="utf-8")
    window.set_language("es", remember=False)
    assert not window.record.open_file(path, confirm=False)
    assert boxes[-1] == {"title": "No se puede abrir la consulta",
                         "text": f"No se puede abrir el archivo de consulta {path}: no es un archivo de consulta "
                                 "guardado con esta aplicación."}

    window.set_language("en", remember=False)
    assert not window.record.open_file(path, confirm=False)
    assert boxes[-1]["text"] == (f"The consultation file {path} cannot be opened: it is not a consultation file "
                                 "saved by this app.")


def test_what_changed_since_a_consultation_was_saved_is_said_in_spanish(window, boxes, tmp_path):
    table = window.consultation.table
    session = dataclasses.replace(Session.new(table), chosen="no_longer_here")
    path = tmp_path / "visita.json"
    save_session(path, session)
    window.set_language("es", remember=False)
    assert window.record.open_file(path, confirm=False)
    text = boxes[-1]["text"]
    assert boxes[-1]["title"] == "Consulta abierta"
    assert ("La opción elegida en esta consulta ('no_longer_here') ya no está en la tabla; la elección aparece ahora "
            "como todavía sin decidir. Las notas no han cambiado.") in text
    assert "is no longer in the table" not in text
