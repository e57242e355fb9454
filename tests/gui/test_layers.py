"""Patient and clinician layers, provenance in two clicks, stale and unsourced markers, untrusted text.

Covers the window parts of issue 6 in the comparison grid, the details pane
and the about view.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from decision_aid.core.audit import run_audit
from decision_aid.core.table import DecisionTable, load_table
from decision_aid.core.words import sources as text_module
from decision_aid.gui.about import AUDIT_HEADING, AboutAidView, audit_lines
from decision_aid.gui.details import DetailsPane
from decision_aid.gui.grid import ComparisonGrid
from decision_aid.core.words import WHERE_HEADING, cite, interval_name, plain_unit, strip_citations
from decision_aid.gui.widgets import PATIENT_SCALE, SOFT_BREAK, PlainLabel, soft_wrap

TODAY = dt.date(2026, 11, 24)
COMPARED = ["physical_therapy", "nsaids", "botox"]
STALE = "\u26a0 not checked since 2015-01-01"
UNSOURCED = "\u26a0 source not given"

LONG_WORD = "W" * 500
#: Text a table file could hold that must never be interpreted (markup, a script link, direction and
#: combining marks, emoji, a word longer than any column).
UNTRUSTED = [
    "<b>bold</b><img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>click</a> &amp; $x$",
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c e\u0301\u0301\u0301 \U0001F469\u200d\U0001F4BB\U0001F44D\U0001F3FD",
    LONG_WORD,
]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Judge staleness on a fixed day: the bundled rows are then current, whenever the tests run."""
    monkeypatch.setattr(text_module, "today", lambda: TODAY)


@pytest.fixture
def grid(qtbot) -> ComparisonGrid:
    widget = ComparisonGrid()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def pane(qtbot) -> DetailsPane:
    widget = DetailsPane()
    qtbot.addWidget(widget)
    return widget


def edit_options(folder: Path, option_id: str, **changes: str) -> DecisionTable:
    """Change cells of one option in a table copy and load it."""
    path = folder / "options.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["id"] == option_id:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return load_table(folder, today=TODAY)


def body_text(pane: DetailsPane) -> str:
    """The details text above the list of sources."""
    return pane.text().split("\nSources\n")[0]


# --------------------------------------------------------------------------- wording


@pytest.mark.parametrize(("note", "name"), [
    ("Compared with placebo at 3 months (35 trials).", "range"),
    ("Mean difference 15 (95% CI 12 to 18).", "95% CI"),
    ("Pooled estimate with 90 % confidence interval.", "90% CI"),
    ("CI from a random-effects model.", "CI"),
    ("", "range"),
])
def test_a_pair_is_called_a_ci_only_when_the_note_says_so(note, name):
    assert interval_name(note) == name


def test_reference_numbers_leave_patient_text_but_other_brackets_stay():
    assert strip_citations("Exercise helps [29]. NICE agrees [3, 4]; WHO too (C, L) [13a].") == \
        "Exercise helps. NICE agrees; WHO too (C, L)."
    assert strip_citations("A scale [from 0 to 10] is used.") == "A scale [from 0 to 10] is used."
    assert cite("[17]; [56]") == "[17, 56]"
    assert cite("By definition") == "(source: By definition)"
    assert cite("") == ""
    assert plain_unit("points on 0-100") == "points out of 100"
    assert plain_unit("points on -10-10") == "points on a -10 to 10 scale"
    assert plain_unit("visits") == "visits"


# --------------------------------------------------------------------------- layers in the grid


def test_grid_layers_show_the_same_rows_with_different_words(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    assert grid.layer() == "patient"
    patient = {(key, i): grid.cell_text(key, i) for key in grid.row_keys() for i in grid.options()}
    keys = grid.row_keys()

    grid.set_layer("clinician")
    assert grid.layer() == "clinician"
    assert grid.row_keys() == keys and grid.options() == COMPARED  # same layout
    clinician = {(key, i): grid.cell_text(key, i) for key in keys for i in grid.options()}

    benefit = clinician[("benefit", "physical_therapy")]
    assert benefit.startswith("15 points on 0-100 (range 12 to 18) [29]")  # the note does not say CI
    assert "[29]" not in patient[("benefit", "physical_therapy")]
    assert patient[("benefit", "physical_therapy")].startswith("15 points out of 100 (between 12 and 18)")

    assert patient[("soon", "botox")].startswith("3 weeks\n")
    assert clinician[("soon", "botox")].startswith("21 days (3 weeks) [33, 34]\n")
    assert patient[("invasive", "nsaids")] == "Medicine taken by mouth\n(level 2 of 4)"
    assert clinician[("invasive", "nsaids")] == "level 2 of 4 [17, 56]\nmedicine taken by mouth"
    assert "about 4 in 100 people" in patient[("howmany", "botox")]
    assert "4 per 100" in clinician[("howmany", "botox")] and "[34]" in clinician[("howmany", "botox")]
    assert patient[("evidence", "nsaids")].startswith("Low: further research")
    assert clinician[("evidence", "nsaids")] == "GRADE: low certainty"
    # Notes and guidelines keep their reference numbers for clinicians only.
    assert "[5]" in clinician[("guidelines", "physical_therapy")]
    for (key, option_id), text in patient.items():
        assert "[29]" not in text and "[5]" not in text and "[17, 56]" not in text, (key, option_id)

    grid.set_layer("patient")
    assert {(key, i): grid.cell_text(key, i) for key in keys for i in grid.options()} == patient


def test_switching_layers_keeps_the_reader_about_where_they_were(qtbot, grid, pane, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    pane.set_table(bundled_table)
    pane.show_option("nsaids")
    for widget, area in ((grid, grid._body_area), (pane, pane._scroll)):
        widget.resize(1000, 500)
        widget.show()
        qtbot.waitExposed(widget, timeout=30_000)
        bar = area.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        widget.set_layer("clinician")
        assert 0.3 * bar.maximum() < bar.value() < 0.7 * bar.maximum()


def test_a_pair_the_note_calls_a_ci_is_shown_as_one(grid, table_copy):
    table = edit_options(table_copy, "physical_therapy",
                         pain_relief_note="Mean difference against usual care (95% CI 12 to 18) [29].")
    grid.set_table(table)
    grid.set_options(COMPARED)
    grid.set_layer("clinician")
    assert grid.cell_text("benefit", "physical_therapy").startswith("15 points on 0-100 (95% CI 12 to 18) [29]")


def test_unknown_layer_is_refused(grid, pane):
    for widget in (grid, pane):
        with pytest.raises(ValueError, match="patient"):
            widget.set_layer("doctor")
        assert widget.layer() == "patient"


def test_the_reviewed_date_shows_per_option_in_the_header(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    header = [label.text() for label in grid._header_area.widget().findChildren(QLabel)]
    assert "Information last checked: 22 November 2026" in header
    grid.set_layer("clinician")
    header = [label.text() for label in grid._header_area.widget().findChildren(QLabel)]
    assert header.count("Reviewed 2026-11-22") == len(COMPARED)


def test_patient_type_is_larger_and_still_follows_the_application_font(qtbot, grid, pane, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    pane.set_table(bundled_table)
    pane.show_option("nsaids")
    for widget in (grid, pane):
        widget.show()
        qtbot.waitExposed(widget, timeout=30_000)

    def sizes() -> tuple[float, float]:
        cell = grid.cell_labels("what", "nsaids")[0].font().pointSizeF()
        summary = next(label for label in pane.labels()
                       if label.text() == bundled_table.text("nsaids", "summary")).font().pointSizeF()
        return cell, summary

    app = QApplication.instance()
    base = app.font().pointSizeF()
    assert sizes() == pytest.approx((base * PATIENT_SCALE,) * 2, rel=0.03)
    for widget in (grid, pane):
        widget.set_layer("clinician")
    assert sizes() == pytest.approx((base,) * 2, rel=0.03)
    for widget in (grid, pane):
        widget.set_layer("patient")
    original = app.font()
    try:
        bigger = app.font()
        bigger.setPointSizeF(base * 1.5)
        app.setFont(bigger)
        app.processEvents()
        assert sizes() == pytest.approx((base * 1.5 * PATIENT_SCALE,) * 2, rel=0.03)
    finally:
        app.setFont(original)
        app.processEvents()


# --------------------------------------------------------------------------- layers in the details


def test_details_layers_keep_the_sections_and_change_the_words(pane, bundled_table):
    pane.set_table(bundled_table)
    pane.show_option("physical_therapy")
    patient, keys = body_text(pane), pane.value_keys()
    assert "15 points out of 100 (between 12 and 18)" in patient
    assert "[29]" not in patient and "[5]" not in patient
    assert "Moderate: further research may change this" in patient

    pane.set_layer("clinician")
    clinician = body_text(pane)
    assert pane.value_keys() == keys
    assert "15 points on 0-100 (range 12 to 18) [29]" in clinician
    assert "GRADE: moderate certainty" in clinician
    assert "Reviewed 2026-11-22" in clinician
    headings = ("What it is like", "What guidelines say", "How sure is the evidence?", "What the studies found",
                "Common side effects", "Serious risks")
    for heading in headings:
        assert heading in patient and heading in clinician
    assert "\nSources\n" in pane.text()


# --------------------------------------------------------------------------- stale and unsourced


def test_stale_rows_are_marked_in_words_in_both_layers(grid, pane, table_copy):
    table = edit_options(table_copy, "physical_therapy", reviewed="2015-01-01")
    assert "update_months=12" in table.about["update_policy"]
    grid.set_table(table)
    grid.set_options(COMPARED)
    pane.set_table(table)
    pane.show_option("physical_therapy")
    for layer in ("patient", "clinician"):
        grid.set_layer(layer)
        pane.set_layer(layer)
        for key in grid.row_keys():
            assert STALE in grid.cell_text(key, "physical_therapy").splitlines(), (layer, key)
            assert STALE not in grid.cell_text(key, "nsaids")
        header = [label.text() for label in grid._header_area.widget().findChildren(QLabel)]
        assert header.count(STALE) == 1
        marker = next(label for label in grid.cell_labels("benefit", "physical_therapy") if label.text() == STALE)
        assert marker.isVisibleTo(grid) and marker.font().bold()  # shown in words and weight, not colour
        details = pane.text().splitlines()
        assert details.count(STALE) >= 1 + len(table.criteria)  # at the top and at every figure
        assert "Not checked since 2015-01-01: the update policy asks for a check every 12 months." in \
            grid.cell_provenance("benefit", "physical_therapy")


def test_a_number_without_a_source_is_marked(grid, pane, table_copy):
    table = edit_options(table_copy, "physical_therapy", pain_relief_source="")
    grid.set_table(table)
    grid.set_options(COMPARED)
    pane.set_table(table)
    pane.show_option("physical_therapy")
    for layer in ("patient", "clinician"):
        grid.set_layer(layer)
        pane.set_layer(layer)
        assert UNSOURCED in grid.cell_text("benefit", "physical_therapy").splitlines()
        assert UNSOURCED not in grid.cell_text("benefit", "nsaids")
        assert UNSOURCED not in grid.cell_text("soon", "physical_therapy")
        assert grid.cell_text("benefit", "physical_therapy").startswith("15 points")  # marked, not hidden
        assert pane.text().splitlines().count(UNSOURCED) == 1
    assert "Source not given for this value." in grid.cell_provenance("benefit", "physical_therapy")


def test_current_sourced_values_carry_no_marker(grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    for layer in ("patient", "clinician"):
        grid.set_layer(layer)
        marked = [label for label in grid.findChildren(QLabel) if label.text().startswith("\u26a0")]
        assert marked == []


# --------------------------------------------------------------------------- provenance in two clicks


def test_show_provenance_emits_the_source_and_review_date(qtbot, grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    panel = grid.provenance_panel()
    assert panel.isHidden()
    with qtbot.waitSignal(grid.provenanceRequested) as signal:
        shown = grid.show_provenance("benefit", "physical_therapy")
    text = signal.args[0]
    assert text == shown == grid.cell_provenance("benefit", "physical_therapy")
    assert text.startswith("Source: [29].")
    assert "Hayden JA" in text and "Reviewed 2026-11-22." in text
    assert "Note: Compared with no treatment" in text
    assert not panel.isHidden() and panel.text() == text
    assert "How much might it help?" in panel.subject()
    assert WHERE_HEADING in [label.text() for label in panel.labels()]
    panel.close_button.click()
    assert panel.isHidden()


def test_a_click_or_a_key_on_a_cell_shows_where_it_comes_from(qtbot, grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    grid.resize(1200, 700)
    grid.show()
    qtbot.waitExposed(grid, timeout=30_000)
    expected = grid.cell_provenance("soon", "botox")
    received: list[str] = []
    grid.provenanceRequested.connect(received.append)

    value = grid.cell_labels("soon", "botox")[0]
    qtbot.mouseClick(value, Qt.MouseButton.LeftButton)  # one click on the value itself
    assert received == [expected]
    cell = grid.cell_widget("soon", "botox")
    assert grid.focusWidget() is cell  # the click moves keyboard focus to the cell

    frame = grid.cell_widget("lasts", "nsaids")
    assert frame.focusPolicy() & Qt.FocusPolicy.TabFocus
    frame.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        qtbot.keyClick(frame, key)
    assert received[1:] == [grid.cell_provenance("lasts", "nsaids")] * 2
    qtbot.keyClick(grid.provenance_panel(), Qt.Key.Key_Escape)
    assert grid.provenance_panel().isHidden()


def test_a_click_on_a_bullet_counts_once(qtbot, grid, bundled_table):
    grid.set_table(bundled_table)
    grid.set_options(COMPARED)
    grid.show()
    qtbot.waitExposed(grid, timeout=30_000)
    received: list[str] = []
    grid.provenanceRequested.connect(received.append)
    item = grid.cell_labels("common", "nsaids")[0]
    bullet = next(label for label in item.parentWidget().findChildren(QLabel) if label is not item)
    qtbot.mouseClick(bullet, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(item, Qt.MouseButton.LeftButton)
    assert received == [grid.cell_provenance("common", "nsaids")] * 2


def test_details_values_show_where_they_come_from(qtbot, pane, bundled_table):
    pane.set_table(bundled_table)
    pane.show_option("physical_therapy")
    pane.resize(900, 700)
    pane.show()
    qtbot.waitExposed(pane, timeout=30_000)
    keys = pane.value_keys()
    assert keys[:4] == ["summary", "what_it_is_like", "guidelines", "evidence"]
    assert {c.column for c in bundled_table.criteria} <= set(keys)
    assert {"common_side_effects", "serious_risks", "see_doctor_if"} <= set(keys)
    with qtbot.waitSignal(pane.provenanceRequested) as signal:
        pane.show_provenance("pain_relief")
    assert signal.args[0].startswith("Source: [29].") and "Reviewed 2026-11-22." in signal.args[0]
    assert pane.provenance_panel().text() == signal.args[0]

    block = pane.value_widget("relief_days")
    pane._scroll.ensureWidgetVisible(block)
    value = block.findChildren(PlainLabel)[0]
    with qtbot.waitSignal(pane.provenanceRequested) as signal:
        qtbot.mouseClick(value, Qt.MouseButton.LeftButton)
    assert signal.args[0] == pane.value_provenance("relief_days")
    block.setFocus()
    with qtbot.waitSignal(pane.provenanceRequested):
        qtbot.keyClick(block, Qt.Key.Key_Enter)
    pane.show_option("nsaids")
    assert pane.provenance_panel().isHidden()


# --------------------------------------------------------------------------- untrusted text


@pytest.mark.parametrize("layer", ["patient", "clinician"])
def test_untrusted_text_shows_literally_and_never_widens_the_window(qtbot, grid, pane, table_copy, layer):
    name, summary, note, like = UNTRUSTED
    table = edit_options(table_copy, "botox", name=name, summary=summary, pain_relief_note=note,
                         what_it_is_like=like)
    grid.set_table(table)
    grid.set_options(COMPARED)
    pane.set_table(table)
    pane.show_option("botox")
    about = AboutAidView()
    qtbot.addWidget(about)
    about.set_table(table)
    about.set_audit_text(f"Check\n  {LONG_WORD}\n  {UNTRUSTED[0]}")
    for widget in (grid, pane):
        widget.set_layer(layer)
    for widget in (grid, pane, about):
        widget.resize(1366, 768)
        widget.show()
        qtbot.waitExposed(widget, timeout=30_000)
    for key in grid.foldable_rows():  # folded rows cut long text to fit; opened, every cell shows in full
        grid.expand_row(key)

    for widget in (grid, pane, about):
        labels = widget.findChildren(QLabel)
        texts = [label.text() for label in labels]
        for label in labels:
            assert label.textFormat() == Qt.TextFormat.PlainText or not label.text()
            assert "<img" not in label.toolTip() and "<a href" not in label.toolTip()
        if widget is not about:
            for raw in UNTRUSTED:  # each shown whole, as written, in its own label
                assert raw in texts, (widget, raw[:20])
        assert widget.width() <= 3000
        for area in widget.findChildren(type(grid._body_area)):
            if area.widget() is not None:
                assert area.widget().sizeHint().width() < 3000
                assert area.widget().minimumSizeHint().width() < 3000
        assert widget.minimumSizeHint().width() < 3000
    assert LONG_WORD in [label.text() for label in about.audit_labels()]
    long_label = next(label for label in grid.findChildren(PlainLabel) if label.text() == LONG_WORD)
    assert long_label.width() < 1366 and long_label.height() > long_label.fontMetrics().lineSpacing()


def test_long_words_wrap_for_display_only(qtbot):
    label = PlainLabel(LONG_WORD)
    qtbot.addWidget(label)
    assert label.text() == LONG_WORD
    assert label.minimumSizeHint().width() < 300
    assert label.accessibleName() == LONG_WORD  # screen readers get no break points
    label.setSelection(0, len(QLabel.text(label)))  # all of what is shown, break points included
    label.copy_selection()
    assert QApplication.clipboard().text() == LONG_WORD
    short = PlainLabel("Headache")
    qtbot.addWidget(short)
    assert QLabel.text(short) == "Headache"  # ordinary words are left alone


@given(st.text(max_size=200))
def test_soft_wrap_only_adds_invisible_break_points(text):
    assume(SOFT_BREAK not in text)
    shown = soft_wrap(text)
    assert shown.replace(SOFT_BREAK, "") == text
    for index, char in enumerate(shown):
        if char == SOFT_BREAK:
            before, after = shown[index - 1], shown[index + 1]
            assert not before.isspace() and not after.isspace()  # only inside long words
            assert unicodedata.category(after)[0] != "M" and "\u200d" not in (before, after)


def test_soft_wrap_keeps_combining_marks_and_emoji_whole():
    text = ("e\u0301" * 20) + ("\U0001F469\u200d\U0001F4BB" * 10) + ("\U0001F44D\U0001F3FD" * 10)
    shown = soft_wrap(text)
    assert SOFT_BREAK in shown
    for piece in shown.split(SOFT_BREAK):
        assert unicodedata.category(piece[0])[0] != "M"
        assert piece[0] not in ("\u200d", "\U0001F3FD", "\U0001F4BB")


# --------------------------------------------------------------------------- quality check in the about view


def test_quality_check_reads_line_by_line(qtbot, bundled_table):
    view = AboutAidView()
    qtbot.addWidget(view)
    view.set_table(bundled_table)
    report = run_audit(bundled_table, today=TODAY).to_text()
    view.set_audit_text(report)
    assert view.audit_text() == report
    text = view.text()
    assert AUDIT_HEADING == "Quality check (IPDAS)" and AUDIT_HEADING in text
    labels = view.audit_labels()
    lines = [line for line in report.splitlines() if line.strip()]
    assert len(labels) == len(lines)
    for label, line in zip(labels, lines):
        assert label.text() == " ".join(line.split())  # columns lined up with spaces become single spaces
        assert label.textFormat() == Qt.TextFormat.PlainText and label.wordWrap()
    heading = next(label for label in labels if label.text().startswith("Qualifying criteria"))
    item = next(label for label in labels if label.text().startswith("[met] Q1"))
    note = next(label for label in labels if label.text() == "about.csv gives the condition.")
    assert heading.font().bold() and not item.font().bold()
    assert heading.contentsMargins().left() < item.contentsMargins().left() < note.contentsMargins().left()
    assert labels[-1].text().startswith("Result: PASSED")

    view.resize(700, 400)  # long: the view scrolls, lines wrap instead of running off to the side
    view.show()
    qtbot.waitExposed(view, timeout=30_000)
    assert view._scroll.verticalScrollBar().maximum() > 0
    assert view._scroll.horizontalScrollBar().maximum() == 0
    view.copy_audit_button.click()
    assert QApplication.clipboard().text() == report


def test_audit_lines_indent_by_leading_spaces():
    rows = audit_lines("Title\n\nGroup\n  [met] Q1  Thing\n                 note\n      file:1:col: fix\n\n")
    assert rows == [(0, False, "Title"), (0, False, ""), (0, True, "Group"), (1, False, "[met] Q1 Thing"),
                    (2, False, "note"), (2, False, "file:1:col: fix")]
