"""Every string from a data file reaches Qt as plain text: labels, tooltips, item data, titles, dialogs.

A table whose text holds markup that would load a resource (an ``<img>``
pointing at a file) is opened in the window; every widget's tooltip and
every model's tooltip must show that markup as literal text, so Qt never
reads the file when the user hovers.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import Settings

pytestmark = pytest.mark.usefixtures("no_questions")   # see conftest.py


def payload(folder: Path) -> str:
    """Markup that makes Qt read ``folder/marker.png`` if it is ever taken as rich text."""
    return f'<img src="{(folder / "marker.png").as_posix()}"><b>bold</b>'


def rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0].keys())
    for row in rows:
        change(row)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def hostile_dir(tmp_path, bundled_dir) -> tuple[Path, str]:
    folder = tmp_path / "hostile"
    shutil.copytree(bundled_dir, folder)
    text = payload(tmp_path)

    def options(row):
        for column in ("name", "summary", "what_it_is_like", "guidelines", "pain_relief_note", "pain_relief_source",
                       "sources", "common_side_effects", "see_doctor_if"):
            if column in row:
                row[column] = f"{row[column]} {text}"
        row["contraindications"] = f"{row['contraindications']};{text}".strip(";")

    def criteria(row):
        row["label"] = f"{row['label']} {text}"
        row["description"] = f"{row['description']} {text}"

    def effects(row):
        row["effect"] = f"{row['effect']} {text}"

    rewrite(folder / "options.csv", options)
    rewrite(folder / "criteria.csv", criteria)
    rewrite(folder / "side_effects.csv", effects)
    return folder, text


def shown_as_text(tip: str) -> str:
    """What a tooltip shows: Qt takes text that looks like HTML as rich text."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(tip):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    return document.toPlainText()


def model_tooltips(view: QAbstractItemView) -> list[str]:
    model = view.model()
    root = view.rootIndex()
    tips = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for column in range(columns):
        tips.append(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or "")
        for row in range(model.rowCount(root)):
            tips.append(model.index(row, column, root).data(Qt.ItemDataRole.ToolTipRole) or "")
    return tips


def test_no_data_text_is_ever_taken_as_markup(qtbot, tmp_path, hostile_dir):
    folder, text = hostile_dir
    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), data=folder)
    qtbot.addWidget(window)
    assert window.table() is not None and text in window.table().text("nsaids", "name")
    window.set_compared(["nsaids", "botox", "massage"])
    window.weights.equal_button.click()
    window.record.panel.patient_notes.setPlainText(text)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)      # every view builds what it shows
    window.details.show_option("nsaids")
    window.details.show_provenance(window.details.value_keys()[0])
    window.grid.show_provenance("benefit", "nsaids")

    patient = window.open_patient_view()                # the patient's screen shows the same text
    tips = [w.toolTip() for w in [*window.findChildren(QWidget), *patient.findChildren(QWidget)]]
    tips += [tip for view in window.findChildren(QAbstractItemView) for tip in model_tooltips(view)]
    marked = [tip for tip in tips if "marker.png" in tip]
    assert marked, "the payload reached some tooltips"
    for tip in marked:
        assert 'src="' + str(tmp_path.as_posix()) in shown_as_text(tip), tip  # shown literally, never loaded
    for label in [*window.findChildren(QLabel), *patient.findChildren(QLabel)]:
        if "marker.png" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert "marker.png" not in window.windowTitle() or not GuiQt.mightBeRichText(window.windowTitle())
    QApplication.processEvents()
