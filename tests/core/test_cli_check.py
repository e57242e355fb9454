"""`check` also checks a table's translations, and notes every role no criterion plays."""

from __future__ import annotations

from decision_aid.cli import main


def test_check_notes_missing_roles_without_failing(other_dir, capsys):
    assert main(["check", str(other_dir)]) == 0
    out = capsys.readouterr().out
    assert "Note: No criterion has the role 'onset'" in out and "criteria.csv" in out
    assert "role 'benefit'" not in out        # the fixture has a benefit criterion


def test_check_refuses_a_translation_with_a_changed_number(table_copy, capsys):
    path = table_copy / "translations" / "es" / "options.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",10.26,", ",11.26,", 1), encoding="utf-8")
    assert main(["check", str(table_copy)]) == 1
    err = capsys.readouterr().err
    assert "translations/es/options.csv:" in err and "pain_relief" in err


def test_the_bundled_table_and_its_translation_pass(bundled_dir, capsys):
    assert main(["check", str(bundled_dir)]) == 0
    assert "OK:" in capsys.readouterr().out
