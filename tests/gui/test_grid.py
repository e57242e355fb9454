"""The side-by-side comparison grid and the shared wording of values."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from decision_aid.core.table import Criterion, DecisionTable, Direction, load_table
from decision_aid.core.words.grid import grid_rows
from decision_aid.gui.grid import CHOOSE_MESSAGE, ComparisonGrid
from decision_aid.core.words import sources as text_module
from decision_aid.core.words import NO_FIGURE, evidence_words, format_value, parse_sources, strip_citations
from decision_aid.gui.widgets import PlainLabel, tooltip_html

UNTRUSTED = "<b>bold</b><img src=x> $x$ &amp;"

CRITERIA = """column,label,better,min,max,unit,description,default_weight,role
level,Invasiveness,lower,0,4,level,"0 = nothing done. 1 = hands-on care. 2 = tablets. 3 = needles. 4 = injection.",5,invasiveness
start,Days until it helps,lower,0,120,days,Synthetic.,5,onset
lasting,Weeks it lasts,higher,0,52,weeks,Synthetic.,5,duration
"""
OPTIONS = """id,name,category,summary,level,level_source,start,start_source,start_note,lasting,evidence,\
common_side_effects,serious_risks,see_doctor_if,sources,reviewed
one,"{name}",conventional,"{summary}",2,"[9] <i>markup</i>",21,[7],Checked at the first visit [7].,8,low,\
Soreness;Tiredness,,Rash,"[7] Synthetic source seven; [9] Synthetic source nine",2025-05-01
two,Option two,home,Synthetic two.,0,[7],0.02,,,,very low,,,Rash,[7] Synthetic source seven,2025-06-01
"""


def make_table(tmp_path: Path, name: str = "Option one", summary: str = "Synthetic one.") -> DecisionTable:
    folder = tmp_path / "table"
    folder.mkdir()
    (folder / "criteria.csv").write_text(CRITERIA, encoding="utf-8")
    (folder / "options.csv").write_text(OPTIONS.format(name=name.replace('"', '""'),
                                                       summary=summary.replace('"', '""')), encoding="utf-8")
    return load_table(folder)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Judge staleness on a fixed day, so no table here goes stale as time passes."""
    monkeypatch.setattr(text_module, "today", lambda: dt.date(2026, 11, 24))


@pytest.fixture
def grid(qtbot) -> ComparisonGrid:
    widget = ComparisonGrid()
    qtbot.addWidget(widget)
    return widget


def _criterion(unit: str, description: str = "", lo: float = 0, hi: float = 100) -> Criterion:
    return Criterion("x", "X", Direction.LOWER, lo, hi, unit, description)


# --------------------------------------------------------------------------- wording


@pytest.mark.parametrize(("unit", "value", "expected"), [
    ("days", 0.02, "about 30 minutes"),
    ("days", 0.25, "about 6 hours"),
    ("days", 21, "21 days (3 weeks)"),
    ("days", 1, "1 day"),
    ("days", 3, "3 days"),
    ("weeks", 26, "26 weeks (about 6 months)"),
    ("weeks", 8, "8 weeks"),
    ("visits", 1, "1 visit"),
    ("visits", 10, "10 visits"),
    ("points on 0-100", 3.3, "3.3 points on 0-100"),
    ("points on 0-100", -0.5, "-0.5 points on 0-100"),
    ("", 7, "7"),
])
def test_format_value_says_amounts_as_people_do(unit, value, expected):
    assert format_value(_criterion(unit), value) == expected


def test_format_value_names_levels_from_the_description():
    described = _criterion("level", "How much is done. 0 = nothing done. 1 = hands-on care; 2 = tablets.", 0, 2)
    assert format_value(described, 2) == "level 2 of 2: tablets"
    assert format_value(described, 0) == "level 0 of 2: nothing done"
    assert format_value(_criterion("level", "No words here.", 0, 4), 2) == "level 2 of 4"


@pytest.mark.parametrize("unit", ["days", "level", "points", ""])
def test_format_value_says_no_reliable_figure_for_nan(unit):
    assert format_value(_criterion(unit), math.nan) == NO_FIGURE == "no reliable figure"


def test_evidence_in_plain_words():
    assert evidence_words("low") == "Low: further research is likely to change this"
    assert evidence_words("very low").startswith("Very low:")
    assert evidence_words("") == "not stated"


def test_sources_split_at_each_reference_key_only():
    entries = parse_sources("[3] Hicks R. Quiz; part two; [10c] ACP 2017")
    assert entries == {"3": "[3] Hicks R. Quiz; part two", "10c": "[10c] ACP 2017"}


def test_tooltips_never_render_markup():
    html = tooltip_html(UNTRUSTED)
    assert "<img" not in html and "&lt;img src=x&gt;" in html


# --------------------------------------------------------------------------- columns


def test_fewer_than_two_options_asks_for_two_to_four(grid, bundled_table):
    grid.set_table(bundled_table)
    for ids in ([], ["nsaids"]):
        grid.set_options(ids)
        assert grid._message.text() == CHOOSE_MESSAGE
        assert not grid._message.isHidden()
        assert grid.row_keys() == []
        with pytest.raises(KeyError):
            grid.cell_text("what", "nsaids")


@pytest.mark.parametrize("count", [2, 3, 4])
def test_one_column_per_chosen_option(grid, other_table, bundled_table, count):
    table = bundled_table
    ids = table.ids[:count]
    grid.set_table(table)
    grid.set_options(ids)
    assert grid.options() == ids
    assert grid._message.isHidden()
    header = [label.text() for label in grid._header_area.widget().findChildren(QLabel)]
    for option_id in ids:
        assert table.text(option_id, "name") in header
        for key in grid.row_keys():
            assert grid.cell_text(key, option_id)


def test_more_than_four_shows_the_first_four_and_says_so(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(bundled_table.ids[:6])
    assert grid.options() == bundled_table.ids[:4]
    assert not grid._note.isHidden() and "first 4 of the 6" in grid._note.text()


def test_unknown_and_repeated_ids_are_ignored(grid, other_table):
    grid.set_table(other_table)
    grid.set_options(["beta", "nope", "beta", "alpha"])
    assert grid.options() == ["beta", "alpha"]


def test_a_new_table_drops_options_it_lacks(grid, bundled_table, other_table):
    grid.set_table(bundled_table)
    grid.set_options(["nsaids", "botox"])
    grid.set_table(other_table)
    assert grid.options() == []
    assert not grid._message.isHidden()


# --------------------------------------------------------------------------- rows


def test_bundled_rows_in_the_order_patients_ask(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(["botox", "paracetamol"])
    # The questions a patient asks first come first (issue 15), then the rest in the order of grid_rows.
    assert grid.row_keys() == ["what", "benefit", "evidence", "guidelines", "invasive", "soon", "lasts", "visits",
                               "common", "howmany", "serious", "harm", "cautions", "doctor"]
    assert [row.key for row in grid_rows(bundled_table, ["botox", "paracetamol"])] == [
        "what", "invasive", "soon", "lasts", "visits", "benefit", "harm", "common", "howmany", "serious",
        "cautions", "evidence", "guidelines", "doctor"]
    assert grid.cell_text("cautions", "botox").startswith("\u2022 ")     # a caution warns; it never rules out
    assert grid.row_question("soon") == "How soon might it help?"


def test_bundled_cells_answer_in_plain_words(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(["botox", "paracetamol"])
    soon = grid.cell_text("soon", "botox")
    assert soon.startswith("3 weeks\n")  # the patient layer (the default) says 21 days in weeks
    assert strip_citations(bundled_table.text("botox", "relief_days_note")) in soon
    guidelines = grid.cell_text("guidelines", "paracetamol")
    assert "NICE" in guidelines and "do not offer" in guidelines.lower()
    assert grid.cell_text("evidence", "paracetamol") == evidence_words(bundled_table.text("paracetamol", "evidence"))
    assert grid.cell_text("what", "botox").startswith(bundled_table.text("botox", "summary"))
    assert grid.cell_text("invasive", "paracetamol") == "Medicine taken by mouth\n(level 2 of 4)"
    words, level = grid.cell_labels("invasive", "paracetamol")[:2]
    assert words.font().bold() and not level.font().bold()
    common = grid.cell_text("common", "botox").splitlines()
    assert common == ["\u2022 " + item for item in bundled_table.items("botox", "common_side_effects")]
    assert "about 4 in 100" in grid.cell_text("howmany", "botox")
    assert grid.cell_text("howmany", "paracetamol") == NO_FIGURE
    doctor = grid.cell_text("doctor", "paracetamol")
    assert all(item in doctor for item in bundled_table.items("paracetamol", "see_doctor_if"))


def test_missing_figures_are_shown_in_italics_with_the_words(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(["botox", "paracetamol"])
    assert math.isnan(bundled_table.value("paracetamol", "relief_weeks"))
    assert grid.cell_text("lasts", "paracetamol").splitlines()[0] == NO_FIGURE
    first = grid.cell_labels("lasts", "paracetamol")[0]
    assert first.text() == NO_FIGURE and first.font().italic() and not first.isHidden()
    value = grid.cell_labels("lasts", "botox")[0]
    assert value.text() == "8 weeks" and not value.font().italic()


def test_every_cell_says_where_it_comes_from(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(["botox", "paracetamol"])
    reviewed = f"Reviewed {bundled_table.text('botox', 'reviewed')}."
    provenance = grid.cell_provenance("soon", "botox")
    assert provenance.startswith("Source: [33]; [34].") and reviewed in provenance
    assert "[33] " + parse_sources(bundled_table.text("botox", "sources"))["33"][5:] in provenance
    for label in grid.cell_labels("soon", "botox"):
        assert "[33]" in label.toolTip() and reviewed in label.toolTip()
        assert label.accessibleDescription() == provenance
    guidelines = grid.cell_provenance("guidelines", "paracetamol")
    assert "[3]" in guidelines and "Reviewed" in guidelines
    for key in grid.row_keys():
        for option_id in grid.options():
            assert "Reviewed " in grid.cell_widget(key, option_id).toolTip()


def test_when_to_see_a_doctor_stands_out_without_colour(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(["botox", "paracetamol"])
    texts = [label.text() for label in grid.findChildren(QLabel)]
    assert "Warning: when to see a doctor" in texts
    frame = grid.cell_widget("doctor", "botox")
    assert frame.objectName() == "warningCell" and "border" in frame.styleSheet()
    icons = [label for label in grid.findChildren(QLabel) if label.accessibleName() == "Warning"]
    assert icons and not icons[0].pixmap().isNull()
    heading = next(label for label in grid.findChildren(QLabel) if label.text() == "Warning: when to see a doctor")
    assert heading.font().bold()


def test_other_condition_builds_rows_from_its_own_criteria(grid, other_table):
    grid.set_table(other_table)
    grid.set_options(["alpha", "beta", "gamma"])
    keys = grid.row_keys()
    assert keys == ["what", "benefit", "evidence", "visits", "common", "serious", "cost", "cautions", "doctor"]
    assert grid.row_question("cost") == "Cost"
    # The synthetic table gives no source for any figure: each is marked, in words.
    assert grid.cell_text("cost", "beta") == "300 pounds\n\u26a0 source not given"
    assert grid.cell_text("visits", "alpha") == "10 hours\n\u26a0 source not given"
    assert grid.cell_text("benefit", "beta") == NO_FIGURE  # no figure, so nothing is unsourced
    assert grid.cell_labels("benefit", "beta")[0].font().italic()
    assert grid.cell_text("common", "gamma") == "none listed"
    provenance = grid.cell_provenance("cost", "beta")
    assert "not given" in provenance and "[T2]" in provenance and "Reviewed 2025-02-01." in provenance
    assert "Reviewed 2025-02-01." in grid.cell_labels("cost", "beta")[0].toolTip()


def test_grid_rows_work_without_a_widget(tmp_path):
    table = make_table(tmp_path)
    rows = {row.key: row for row in grid_rows(table, ["one", "two"])}
    assert list(rows) == ["what", "invasive", "soon", "lasts", "common", "serious", "evidence", "doctor"]
    assert rows["soon"].cells["two"].text == "about 30 minutes\n\u26a0 source not given"
    assert rows["soon"].cells["one"].text == "3 weeks\nChecked at the first visit."
    assert rows["lasts"].cells["two"].missing
    assert rows["invasive"].cells["one"].text == "Tablets\n(level 2 of 4)"
    clinician = {row.key: row for row in grid_rows(table, ["one", "two"], "clinician")}
    assert list(clinician) == list(rows)
    assert clinician["soon"].cells["one"].text == "21 days (3 weeks) [7]\nChecked at the first visit [7]."
    assert clinician["invasive"].cells["one"].text == "level 2 of 4 [9]\ntablets"


# --------------------------------------------------------------------------- safety and access


def test_untrusted_text_is_shown_literally(grid, tmp_path):
    table = make_table(tmp_path, name=UNTRUSTED, summary=UNTRUSTED)
    grid.set_table(table)
    grid.set_options(["one", "two"])
    literal = [label for label in grid.findChildren(QLabel) if label.text() == UNTRUSTED]
    assert len(literal) >= 2  # the column header and the summary
    for label in literal:
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert grid.cell_text("what", "one").splitlines()[0] == UNTRUSTED
    for label in grid.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or not label.text()
        assert "<i>" not in label.toolTip() and "<img" not in label.toolTip()
    assert "&lt;i&gt;markup&lt;/i&gt;" in grid.cell_labels("invasive", "one")[0].toolTip()


def test_the_rows_scroll_with_the_keyboard(qtbot, grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(["nsaids", "botox", "physical_therapy", "no_treatment"])
    grid.resize(900, 400)
    grid.show()
    qtbot.waitExposed(grid, timeout=30_000)
    area = grid._body_area
    assert area.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert area.accessibleName()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(area, Qt.Key.Key_PageUp)
    assert bar.value() == 0


def test_text_grows_with_the_application_font(qtbot, grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(["nsaids", "botox"])
    grid.show()
    qtbot.waitExposed(grid, timeout=30_000)
    app = QApplication.instance()
    original = app.font()
    name = next(label for label in grid.findChildren(PlainLabel)
                if label.text() == bundled_table.text("nsaids", "name"))
    body = grid.cell_labels("what", "nsaids")[0]
    before = name.font().pointSizeF(), body.font().pointSizeF()
    assert before[0] > before[1]  # the option name is a heading
    try:
        bigger = app.font()
        bigger.setPointSizeF(original.pointSizeF() * 1.5)
        app.setFont(bigger)
        app.processEvents()  # Qt posts the change to each window
        assert body.font().pointSizeF() == pytest.approx(before[1] * 1.5, rel=0.05)
        assert name.font().pointSizeF() == pytest.approx(before[0] * 1.5, rel=0.05)
    finally:
        app.setFont(original)
        app.processEvents()
    assert body.font().pointSizeF() == pytest.approx(before[1], rel=0.05)


def test_list_items_sit_beside_their_bullet(grid, other_table):
    grid.set_table(other_table)
    grid.set_options(["alpha", "beta"])
    frame = grid.cell_widget("common", "beta")
    for label in grid.cell_labels("common", "beta"):
        row = label.parentWidget()
        assert row is not frame
        assert [b.text() for b in row.findChildren(QLabel) if b is not label] == ["\u2022"]
