"""The take-home PDF: content read back from the file, page sizes, escaping, headless command."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from decision_aid import NOT_ADVICE
from decision_aid.cli import main
from decision_aid.core.errors import ExportError
from decision_aid.core.report import export_summary_pdf, summary_pdf
from decision_aid.core.scoring import Limits
from decision_aid.core.session import Session, save_session
from decision_aid.core.sure import SureResult
from decision_aid.core.table import load_table


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def session(bundled_table) -> Session:
    return dataclasses.replace(
        Session.new(bundled_table),
        importances={c.column: 5.0 for c in bundled_table.criteria} | {"pain_relief": 9.0},
        limits=Limits(exclude_categories=frozenset({"alternative"})),
        selected=("physical_therapy", "nsaids"),
        chosen="physical_therapy",
        notes_patient="I can walk to the clinic on Tuesdays.",
        notes_clinician="Review in six weeks.",
        sure=SureResult((True, True, False, True)),
    )


def test_summary_holds_what_the_patient_takes_home(bundled_table, session):
    text = pdf_text(summary_pdf(bundled_table, session))
    assert "You chose: Physiotherapy / supervised exercise therapy" in text
    assert "Expected pain relief: matters a lot (9 out of 10)" in text
    assert "No alternative treatments." in text
    assert "The options side by side" in text and "Anti-inflammatory painkillers" in text
    assert "Your ranking" in text and "It is not a recommendation" in text
    assert "would change" in text or "robust to any single weight change" in text
    assert "Questions to ask at your next visit" in text and "What happens next" in text
    assert "SURE test: score 3 of 4; possible decisional conflict" in text
    assert "I can walk to the clinic on Tuesdays." in text
    assert "Review in six weeks." not in text, "the clinician's notes are not on the patient's sheet"
    assert "When to see a doctor" in text
    assert "weakness, numbness or tingling in both legs" in text
    assert "Information last checked: 22 November 2026." in text
    assert "[29] a Cochrane review of exercise therapy for chronic low back pain, 2021" in text
    assert " ".join(NOT_ADVICE.split()) in text
    assert text.count("It is not medical advice and does not recommend a treatment.") >= 3   # every page's footer


def test_clinician_version_adds_the_clinicians_notes(bundled_table, session):
    text = pdf_text(summary_pdf(bundled_table, session, clinician=True))
    assert "Clinician's notes: Review in six weeks." in text
    assert "You chose: Physiotherapy / supervised exercise therapy" in text


def test_not_decided_and_no_importances(bundled_table):
    text = pdf_text(summary_pdf(bundled_table, Session.new(bundled_table)))
    assert "Not decided yet." in text
    assert "was not set in this consultation" in text
    assert "Your ranking" not in text


def test_pictograph_figures_in_words_for_option_with_frequencies(bundled_table, session):
    text = pdf_text(summary_pdf(bundled_table, dataclasses.replace(session, chosen="chiropractic")))
    assert "Side effects out of 100 people" in text
    # The icon array's words: whose side effect, what it is, how many in 100.
    assert "About 50 in 100 people" in text
    assert "Chiropractic care / spinal manipulation: Mild" in text


@pytest.mark.parametrize("size, expected", [("a4", A4), ("letter", LETTER), ("Letter", LETTER)])
def test_page_sizes(bundled_table, session, size, expected):
    page = PdfReader(io.BytesIO(summary_pdf(bundled_table, session, page_size=size))).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(expected, abs=0.5)


def test_unknown_page_size(bundled_table, session):
    with pytest.raises(ExportError, match="not a page size"):
        summary_pdf(bundled_table, session, page_size="A5")


def test_markup_in_data_and_notes_is_printed_literally(table_copy, session):
    options = table_copy / "options.csv"
    text = options.read_text(encoding="utf-8")
    text = text.replace("Physiotherapy / supervised exercise therapy",
                        "Physio <b>bold</b> &amp; <img src='x.png'/> <a href='javascript:alert(1)'>link</a>", 1)
    options.write_text(text, encoding="utf-8")
    table = load_table(table_copy)
    hostile = dataclasses.replace(session, notes_patient="<font size=40>big</font> & <br/> $x^2$")
    out = pdf_text(summary_pdf(table, hostile))
    assert "Physio <b>bold</b> &amp; <img src='x.png'/>" in out
    assert "<a href='javascript:alert(1)'>link</a>" in out
    assert "<font size=40>big</font> & <br/> $x^2$" in out


def test_export_is_atomic(tmp_path, bundled_table, session, monkeypatch):
    target = tmp_path / "summary.pdf"
    export_summary_pdf(target, bundled_table, session)
    before = target.read_bytes()
    assert before.startswith(b"%PDF")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(ExportError, match="disk is full"):
        export_summary_pdf(target, bundled_table, dataclasses.replace(session, notes_patient="changed"))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.pdf"]


def test_report_command_from_session_file(tmp_path, capsys, bundled_table, session):
    saved = tmp_path / "visit.json"
    save_session(saved, session)
    out = tmp_path / "summary.pdf"
    assert main(["report", "--session", str(saved), "--page-size", "letter", "--out", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert "You chose: Physiotherapy" in text and "I can walk to the clinic on Tuesdays." in text
    assert "Review in six weeks." not in text
    out = tmp_path / "clinician.pdf"
    assert main(["report", "--session", str(saved), "--clinician", "--out", str(out)]) == 0
    assert "Review in six weeks." in pdf_text(out.read_bytes())


def test_report_command_bad_option(tmp_path, capsys):
    code = main(["report", "--compare", "unicorns", "--out", str(tmp_path / "x.pdf")])
    assert code == 2
    assert "not an option id" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_report_runs_headless_without_qt(tmp_path):
    """The report command needs no display and never imports Qt."""
    out = tmp_path / "summary.pdf"
    code = ("import sys; import decision_aid.cli as c;"
            f"rc=c.main(['report','--weight','pain_relief=8','--compare','massage','--compare','nsaids','--out',{str(out)!r}]);"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported';"
            "sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "Massage therapy" in pdf_text(out.read_bytes())


def test_audit_command_passes_bundled_table(capsys):
    code = main(["audit", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert code == 0, payload
