"""About in plain sentences with the located codes behind an expander; problems sorted by file, row, column."""

from __future__ import annotations

import pytest
from consulting_room import open_window, reset_app
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.core.audit import run_audit
from decision_aid.core.words.window import about_value, audit_sentences, sorted_problems
from decision_aid.gui.about import AboutAidView


def test_about_shows_sentences_and_hides_the_codes_until_asked(qtbot, bundled_table):
    view = AboutAidView()
    qtbot.addWidget(view)
    report = run_audit(bundled_table)
    view.set_table(bundled_table)
    view.set_audit_text(report.to_text(), audit_sentences(report))
    view.resize(900, 700)
    view.show()
    assert "International Patient Decision Aid Standards" in view.text()
    assert view.audit_labels() and not any(label.isVisible() for label in view.audit_labels())
    view.details_button.click()
    assert all(label.isVisible() for label in view.audit_labels())


def test_about_leaves_out_machine_settings(qtbot, bundled_table):
    view = AboutAidView()
    qtbot.addWidget(view)
    view.set_table(bundled_table)
    assert "update_months" not in view.field_text("Update policy")
    assert view.field_text("Update policy").startswith("Reviewed every 12 months")
    assert about_value("Yearly; update_months=12") == "Yearly"


def test_problems_are_sorted_by_file_row_then_column():
    lines = ["options.csv:12:name: a", "options.csv:5:id: b", "options.csv:3:summary: c", "about.csv:-:-: d",
             "options.csv:5:category: e"]
    assert sorted_problems(lines) == ["about.csv:-:-: d", "options.csv:3:summary: c", "options.csv:5:category: e",
                                      "options.csv:5:id: b", "options.csv:12:name: a"]


@given(st.lists(st.tuples(st.sampled_from(["a.csv", "b.csv"]), st.integers(1, 500)), max_size=20))
def test_sorted_problems_orders_rows_as_numbers(items):
    lines = [f"{f}:{r}:col: problem" for f, r in items]
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in sorted_problems(lines)]
    assert keys == sorted(keys)


@pytest.mark.usefixtures("no_questions")
def test_the_bad_table_dialog_lists_rows_in_order(qtbot, tmp_path, table_copy):
    text = (table_copy / "options.csv").read_text(encoding="utf-8").splitlines()
    bad = []
    for n, line in enumerate(text):
        if n in (2, 4):
            line = "," + line.split(",", 1)[1]   # no id on rows 3 and 5
        bad.append(line)
    (table_copy / "options.csv").write_text("\n".join(bad) + "\n", encoding="utf-8")
    window = open_window(qtbot, tmp_path)
    try:
        window.load_folder(table_copy)
        details = window.problems_dialog.text.toPlainText()
        rows = [int(line.split(":")[1]) for line in details.splitlines()
                if line.startswith("options.csv:") and line.split(":")[1].isdigit()]
        assert rows == sorted(rows) and len(rows) >= 2
    finally:
        reset_app()
