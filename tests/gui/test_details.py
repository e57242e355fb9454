"""The details pane: everything the table says about one option, as plain text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel

from decision_aid.core.table import DecisionTable, load_table
from decision_aid.gui.details import CONTRAINDICATIONS_HEADING, DOCTOR_HEADING, EMPTY_MESSAGE, DetailsPane
from decision_aid.core.words import sources as text_module
from decision_aid.core.words import NO_FIGURE, cite, evidence_words, source_lines, strip_citations

UNTRUSTED = "<b>bold</b><img src=x> $x$ &amp;"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Judge staleness on a fixed day, so no table here goes stale as time passes."""
    monkeypatch.setattr(text_module, "today", lambda: dt.date(2026, 11, 24))


@pytest.fixture
def pane(qtbot) -> DetailsPane:
    widget = DetailsPane()
    qtbot.addWidget(widget)
    return widget


def untrusted_table(tmp_path: Path, other_dir: Path) -> DecisionTable:
    folder = tmp_path / "table"
    folder.mkdir()
    for name in ("criteria.csv", "about.csv"):
        (folder / name).write_text((other_dir / name).read_text(encoding="utf-8"), encoding="utf-8")
    # Neither replacement holds a comma or a quote, so the CSV needs no extra quoting.
    options = (other_dir / "options.csv").read_text(encoding="utf-8").replace("Option Alpha", UNTRUSTED).replace(
        "[T1] Synthetic test source", "[T1] <a href='https://example.org'>https://example.org</a>")
    (folder / "options.csv").write_text(options, encoding="utf-8")
    return load_table(folder)


def test_no_option_shows_a_prompt(pane, bundled_table):
    assert pane.text() == EMPTY_MESSAGE
    pane.set_table(bundled_table)
    pane.show_option(None)
    assert pane.text() == EMPTY_MESSAGE and pane.option() is None
    pane.show_option("not_an_option")
    assert pane.text() == EMPTY_MESSAGE


def test_everything_about_one_option_is_shown(pane, bundled_table):
    table = bundled_table
    pane.set_table(table)
    pane.show_option("nsaids")
    text = pane.text()
    assert pane.option() == "nsaids"
    for column in ("name", "summary", "what_it_is_like", "guidelines"):  # patient layer: no reference numbers
        assert strip_citations(table.text("nsaids", column)) in text
    assert "[3, 4]" not in text.split("\nSources\n")[0]
    assert evidence_words(table.text("nsaids", "evidence")) in text
    assert "Information last checked: 22 November 2026" in text
    for column in ("common_side_effects", "serious_risks", "contraindications", "see_doctor_if"):
        for item in table.items("nsaids", column):
            assert item in text
    assert CONTRAINDICATIONS_HEADING in text
    for criterion in table.criteria:
        assert criterion.label in text
        assert strip_citations(table.text("nsaids", criterion.column + "_note")) in text
    assert "about 30 minutes" in text
    assert "about 10 in 100 people" in text

    pane.set_layer("clinician")
    text = pane.text()
    for column in ("what_it_is_like", "guidelines"):
        assert table.text("nsaids", column) in text
    assert "Reviewed 2026-11-22" in text
    for criterion in table.criteria:
        assert table.text("nsaids", criterion.column + "_note") in text
        assert cite(table.text("nsaids", criterion.column + "_source")) in text  # e.g. "[17, 56]" after the value
    assert "9.5 per 100" in text and "[16]" in text


def test_see_a_doctor_is_a_framed_warning(pane, bundled_table):
    pane.set_table(bundled_table)
    pane.show_option("botox")
    text = pane.text()
    assert "Warning" in text and DOCTOR_HEADING in text
    assert text.index("Warning") < text.index(DOCTOR_HEADING)
    frame = pane.findChild(QFrame, "doctorWarning")
    assert frame is not None and "border" in frame.styleSheet()
    inside = [label.text() for label in frame.findChildren(QLabel)]
    assert "Warning" in inside and DOCTOR_HEADING in inside
    assert all(item in inside for item in bundled_table.items("botox", "see_doctor_if"))
    icon = next(label for label in frame.findChildren(QLabel) if label.accessibleName() == "Warning")
    assert not icon.pixmap().isNull()


def test_sources_each_on_their_own_line_and_never_links(pane, bundled_table):
    pane.set_table(bundled_table)
    pane.show_option("nsaids")
    shown = {label.text(): label for label in pane.labels()}
    lines = source_lines(bundled_table.text("nsaids", "sources"))
    assert len(lines) > 5
    for line in lines:
        label = shown[line]
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert not label.openExternalLinks()
        assert not label.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByMouse
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_missing_figures_say_so_in_italics(pane, bundled_table):
    pane.set_table(bundled_table)
    pane.show_option("no_treatment")
    missing = [label for label in pane.labels() if label.text() == NO_FIGURE]
    assert missing and all(label.font().italic() for label in missing)


def test_figures_carry_their_source_and_review_date(pane, bundled_table):
    pane.set_table(bundled_table)
    pane.show_option("botox")
    value = next(label for label in pane.labels() if label.text() == "3 weeks")
    assert "[33]" in value.toolTip() and "Reviewed 2026-11-22." in value.toolTip()
    assert value.accessibleDescription().startswith("Source: [33]; [34].")


def test_extra_columns_under_more_details(pane, other_table):
    assert "colour" in other_table.extra_columns
    pane.set_table(other_table)
    pane.show_option("beta")
    text = pane.text()
    assert "More details" in text and "Colour: blue" in text
    assert "[T2] Synthetic test source" in text
    assert NO_FIGURE in text  # beta has no benefit figure
    assert CONTRAINDICATIONS_HEADING not in text  # the table has no such column


def test_untrusted_text_is_shown_literally(pane, tmp_path, other_dir):
    table = untrusted_table(tmp_path, other_dir)
    assert table.text("alpha", "name") == UNTRUSTED
    pane.set_table(table)
    pane.show_option("alpha")
    name = next(label for label in pane.labels() if label.text() == UNTRUSTED)
    assert name.textFormat() == Qt.TextFormat.PlainText
    link = next(label for label in pane.labels() if "example.org" in label.text())
    assert link.text() == "[T1] <a href='https://example.org'>https://example.org</a>"
    assert link.textFormat() == Qt.TextFormat.PlainText and not link.openExternalLinks()
    for label in pane.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or not label.text()
        assert "<a href" not in label.toolTip() and "<img" not in label.toolTip()


def test_the_pane_scrolls_and_is_named_for_screen_readers(qtbot, pane, bundled_table):
    pane.set_table(bundled_table)
    pane.show_option("nsaids")
    pane.resize(500, 300)
    pane.show()
    qtbot.waitExposed(pane, timeout=30_000)
    area = pane._scroll
    assert area.accessibleName()
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_PageDown)
    assert bar.value() > 0
