"""One state, one voice: the window, the PDF and the CSV say the same words, and a slider step works once.

The window's grid is read back from its widgets; the PDF's text is extracted
with pypdf; the CSV is read back from the exported file. All three must say
the same thing for the same cell in the same layer.
"""

from __future__ import annotations

import csv
import json

import pdfplumber
import pytest
from PySide6.QtCore import QSettings

from decision_aid.core import scoring
from decision_aid.core.comparison import comparison_rows, export_comparison_csv
from decision_aid.core.report import export_summary_pdf
from decision_aid.core.summary import CUT, sheet_rows
from decision_aid.core.session import Session
from decision_aid.core.words.grid import QUESTION_HEADING, first_questions_first, grid_rows
from decision_aid.gui import record as record_module
from decision_aid.gui.grid import ComparisonGrid
from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import Settings

pytestmark = pytest.mark.usefixtures("no_questions")   # see conftest.py


def squash(text: str) -> str:
    """Text with every run of white space (line breaks in a PDF cell included) made one space."""
    return " ".join(str(text).split())


def groups_of(ids: list[str], size: int = 4) -> list[list[str]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


@pytest.mark.parametrize("which", ["bundled_table", "other_table"])
@pytest.mark.parametrize("layer", ["patient", "clinician"])
def test_every_cell_reads_the_same_in_the_window_and_the_csv(qtbot, request, tmp_path, which, layer):
    table = request.getfixturevalue(which)
    grid = ComparisonGrid()
    qtbot.addWidget(grid)
    grid.set_table(table)
    grid.set_layer(layer)
    for number, ids in enumerate(groups_of(table.ids)):
        if len(ids) < 2:
            ids = [table.ids[0], *ids]
        grid.set_options(ids)
        path = tmp_path / f"comparison-{layer}-{number}.csv"
        export_comparison_csv(path, table, ids, layer=layer)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            exported = list(csv.reader(handle))
        rows = comparison_rows(table, ids, layer=layer)
        assert exported == [[cell if not cell.startswith(("=", "+", "-", "@", "\t", "\r")) else "'" + cell
                             for cell in row] for row in rows]
        keys = [row.key for row in grid_rows(table, ids, layer)]
        shown = grid.row_keys()  # the window asks the first questions first; the rows and words are the same
        assert sorted(keys) == sorted(shown) and shown == [row.key for row in first_questions_first(
            grid_rows(table, ids, layer))]
        for key, row in zip(keys, rows[1:]):
            assert grid.row_heading(key) == row[0]
            for option_id, cell in zip(ids, row[1:]):
                labels = " ".join(label.text() for label in grid.cell_labels(key, option_id))
                assert squash(labels) == squash(cell.replace("\u2022 ", "")), (key, option_id)


def pdf_grid(path) -> list[list[str]]:
    """The comparison table of a PDF, cell by cell, a row split over pages joined again."""
    rows: list[list[str]] = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                if not table or not table[0] or (table[0][0] or "").strip() != QUESTION_HEADING:
                    continue
                for row in table[1:]:
                    cells = [cell or "" for cell in row]
                    if rows and not cells[0].strip():          # the rest of a row begun on the page before
                        rows[-1] = [a + " " + b for a, b in zip(rows[-1], cells)]
                    else:
                        rows.append(cells)
    return rows


def letters(text: str) -> str:
    """Text without any white space: a PDF wraps lines (and long words) where the window does not."""
    return "".join(str(text).split())


@pytest.mark.parametrize("which", ["bundled_table", "other_table"])
def test_the_pdf_says_what_the_window_says(tmp_path, request, which):
    table = request.getfixturevalue(which)
    ids = table.ids[:4]
    path = tmp_path / "summary.pdf"
    export_summary_pdf(path, table, Session(selected=tuple(ids)))
    printed = {letters(row[0]): [letters(cell) for cell in row[1:]] for row in pdf_grid(path)}
    assert printed, "the PDF has the comparison grid"
    sheet = {letters(row[0]): row[1:] for row in sheet_rows(table, ids)}
    assert list(sheet) == list(printed)
    matched = [row for row in grid_rows(table, ids) if letters(row.title) in printed]  # the rest is left to the app
    assert len(matched) == len(sheet) >= 4, "the questions a patient asks first are printed"
    for row in matched:
        title = letters(row.title)
        for option_id, cell, on_paper in zip(ids, sheet[title], printed[title]):
            assert on_paper == letters(cell), (row.title, option_id)
            # The window's words, cut where paper runs out (the mark says the rest is in the app), or
            # the first line of the window's cell, whole.
            window = row.cells[option_id].text
            assert letters(window).startswith(on_paper.removesuffix(letters(CUT))), (row.title, option_id)
            assert (on_paper.endswith(letters(CUT)) or on_paper == letters(window)
                    or on_paper == letters(window.partition("\n")[0])), (row.title, option_id)


def test_one_slider_step_scores_once_and_serialises_at_most_once(qtbot, tmp_path, monkeypatch):
    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.weights.equal_button.click()
    scores, dumps = [], []
    real_score, real_dumps = scoring.Scorer.score, record_module.json.dumps
    monkeypatch.setattr(scoring.Scorer, "score", lambda self, *a, **k: scores.append(1) or real_score(self, *a, **k))
    monkeypatch.setattr(record_module.json, "dumps", lambda *a, **k: dumps.append(1) or real_dumps(*a, **k))
    reads = []
    panel = window.weights
    real_importances = type(panel).importances
    monkeypatch.setattr(type(panel), "importances", lambda self: reads.append(1) or real_importances(self))

    window.weights.set_importance("visits", 9)
    window.weights.flush()

    assert window.ranking().importances["visits"] == 9
    assert len(scores) == 1, "one slider step scores once"
    assert len(dumps) <= 1, "and serialises the session at most once"
    assert len(reads) <= 2, "the panel is read where the step is announced, not again by the window"


def test_a_session_is_kept_by_the_consultation_not_read_from_widgets(qtbot, tmp_path):
    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.weights.set_importance("pain_relief", 8)
    window.weights.flush()
    window.set_compared(["nsaids", "massage"])
    session = window.consultation.session
    assert session.importances["pain_relief"] == 8 and session.selected == ("nsaids", "massage")
    # The record saves the consultation's session as it is.
    assert window.record.current_session() is session
    saved = json.loads(session.to_json())
    assert saved["importances"]["pain_relief"] == 8.0
