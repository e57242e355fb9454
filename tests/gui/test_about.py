"""The about view: who made the aid, from what evidence, and its limits."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from decision_aid import NOT_ADVICE
from decision_aid.core.table import load_table
from decision_aid.gui.about import ABOUT_FIELDS, AUDIT_HEADING, AboutAidDialog, AboutAidView

UNTRUSTED = "<b>bold</b><img src=x> $x$ &amp;"


@pytest.fixture
def view(qtbot) -> AboutAidView:
    widget = AboutAidView()
    qtbot.addWidget(widget)
    return widget


def test_bundled_about_fields_in_labelled_rows(view, bundled_table):
    view.set_table(bundled_table)
    about = bundled_table.about
    assert view.field_text("Decision") == about["decision"]
    assert view.field_text("Funding") == about["funding"]
    assert view.field_text("Publication date") == about["published"]
    assert view.field_text("Limitations") == about["limitations"]
    text = view.text()
    assert NOT_ADVICE in text
    for label, _ in ABOUT_FIELDS:
        assert f"{label}:" in text
    assert text.index(NOT_ADVICE) < text.index("Decision:")


def test_missing_keys_say_not_stated_in_italics(view, other_table):
    assert "funding" not in other_table.about
    view.set_table(other_table)
    assert view.field_text("Decision") == other_table.about["decision"]
    for label in ("Funding", "Authors", "Update policy", "Conflicts of interest", "Publication date"):
        field = view.field_label(label)
        assert field.text() == "not stated" and field.font().italic()
    assert not view.field_label("Decision").font().italic()


def test_no_table_still_shows_the_notice_and_every_field(view):
    assert NOT_ADVICE in view.text()
    assert view.field_text("Decision") == "not stated"


def test_unknown_keys_are_shown_and_text_is_plain(view, tmp_path, other_dir):
    folder = tmp_path / "table"
    shutil.copytree(other_dir, folder)
    (folder / "about.csv").write_text(
        f"key,value\ndecision,{UNTRUSTED}\nreading_age,About 11 years\n", encoding="utf-8")
    view.set_table(load_table(folder))
    decision = view.field_label("Decision")
    assert decision.text() == UNTRUSTED and decision.textFormat() == Qt.TextFormat.PlainText
    assert view.field_text("Reading age") == "About 11 years"
    for label in view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or not label.text()


def test_audit_block_appears_only_when_given(view, bundled_table):
    view.set_table(bundled_table)
    assert AUDIT_HEADING not in view.text()
    view.set_audit_text("Q1 condition: met\nC1 equal detail: <not met>")
    text = view.text()
    assert AUDIT_HEADING in text and "C1 equal detail: <not met>" in text
    view.set_table(bundled_table)  # a reload keeps the audit until it is replaced
    assert AUDIT_HEADING in view.text()
    view.set_audit_text("")
    assert AUDIT_HEADING not in view.text()


def test_dialog_wraps_the_view(qtbot, bundled_table):
    dialog = AboutAidDialog()
    qtbot.addWidget(dialog)
    dialog.set_table(bundled_table)
    dialog.set_audit_text("All checks met")
    assert NOT_ADVICE in dialog.text() and "All checks met" in dialog.text()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.accessibleName() == "Close"
    dialog.show()
    qtbot.waitExposed(dialog, timeout=30_000)
    with qtbot.waitSignal(dialog.rejected):
        close.click()


def test_scroll_area_is_named(view):
    assert view._scroll.accessibleName()
    assert view._scroll.focusPolicy() & Qt.FocusPolicy.TabFocus
