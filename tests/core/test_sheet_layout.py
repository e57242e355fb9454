"""The take-home sheet as a patient holds it: three pages, type large enough to read, every option named.

Text is read back with pypdf; each character's size and place with
pdfplumber. Type smaller than 11 pt is allowed only where the sheet puts its
9 pt text: the footer, the tick labels of the ranking chart's axis and the
list of sources.
"""

from __future__ import annotations

import dataclasses
import gettext
import io
import re

import pdfplumber
import pytest
from babel import Locale
from pypdf import PdfReader

from decision_aid.cli import main
from decision_aid.core.i18n import Translator
from decision_aid.core.report import summary_pdf
from decision_aid.core.session import Session, save_session
from decision_aid.core.summary import SMALL_PT, session_ranking
from decision_aid.core.sure import SureResult
from decision_aid.core.words import sheet as words

COMPARED = ("physical_therapy", "nsaids", "botox", "acupuncture")
CLINICIAN_NOTE = "Review in six weeks; check blood pressure."


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pdf_text(data: bytes) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def consultation(table) -> Session:
    """Four options compared, importances set, a decision made, notes on both sides."""
    return dataclasses.replace(
        Session.new(table),
        importances={c.column: 5.0 for c in table.criteria} | {"pain_relief": 9.0, "visits": 3.0},
        selected=COMPARED, chosen="physical_therapy",
        notes_patient="I can walk to the clinic on Tuesdays.", notes_clinician=CLINICIAN_NOTE,
        sure=SureResult((True, True, False, True)))


@pytest.fixture
def session(bundled_table) -> Session:
    return consultation(bundled_table)


@pytest.fixture(scope="module")
def sheets(bundled_table) -> dict[str, bytes]:
    """The patient's sheet for :func:`consultation`, on A4 and on Letter."""
    session = consultation(bundled_table)
    return {size: summary_pdf(bundled_table, session, page_size=size) for size in ("a4", "letter")}


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_four_compared_options_fit_three_pages(sheets, size):
    reader = PdfReader(io.BytesIO(sheets[size]))
    assert len(reader.pages) <= 3
    assert "Page 1 of" in reader.pages[0].extract_text()


def small_text_allowed(page, char, sources_top: float | None) -> bool:
    """Is a character smaller than 11 pt where the sheet prints its 9 pt text?"""
    if char["top"] > page.height - 12 * 72 / 25.4:        # the footer
        return True
    if sources_top is not None and char["top"] > sources_top:   # the list of sources, under its heading
        return True
    return False


def tick_labels(page) -> set[int]:
    """Indexes of the characters of the ranking axis's tick labels (0 20 40 60 80 100), all on one line."""
    rows: dict[int, list[int]] = {}
    for index, char in enumerate(page.chars):
        if char["size"] < 10:
            rows.setdefault(round(char["top"]), []).append(index)
    marked = set()
    for indexes in rows.values():
        line = "".join(page.chars[i]["text"] for i in sorted(indexes, key=lambda i: page.chars[i]["x0"]))
        if line == "020406080100":
            marked.update(indexes)
    return marked


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_no_body_or_grid_text_below_11_points(sheets, size):
    heading = words.SOURCES
    with pdfplumber.open(io.BytesIO(sheets[size])) as pdf:
        seen_ticks = False
        for number, page in enumerate(pdf.pages, start=1):
            found = page.search(heading)
            sources_top = found[0]["bottom"] if found else None
            ticks = tick_labels(page)
            seen_ticks = seen_ticks or bool(ticks)
            for index, char in enumerate(page.chars):
                if not char["text"].strip():
                    continue
                assert char["size"] >= SMALL_PT - 0.01, (number, char["text"], char["size"])
                if char["size"] < 11 - 0.01:
                    assert index in ticks or small_text_allowed(page, char, sources_top), \
                        (number, char["text"], char["size"], char["top"])
        assert seen_ticks, "the ranking chart's axis is printed, with its tick labels"


def test_every_compared_option_says_its_certainty_and_guideline_stance(bundled_table, sheets):
    for size, data in sheets.items():
        text = pdf_text(data)
        for option_id in COMPARED:
            assert squash(bundled_table.text(option_id, "name")) in text, (size, option_id)
            assert words.certainty_words(bundled_table.text(option_id, "evidence")) in text, (size, option_id)
            stance = words.stance_words(bundled_table.text(option_id, "guideline_stance"))
            assert stance and stance in text, (size, option_id)
    assert "Guidelines say not to offer it" in pdf_text(sheets["a4"])     # Botox, as the window says it


def test_every_ranked_option_is_named_in_one_line_each(bundled_table, session, sheets):
    assert re.search(r"matters a lot \(9 out of 10\)", pdf_text(sheets["a4"]))
    ranking = session_ranking(bundled_table, session)
    order = ranking.order()
    assert len(order) == len(bundled_table.ids)
    text = pdf_text(sheets["a4"])
    for option_id in order:
        line = words.rank_line(ranking.ranks[option_id], bundled_table.text(option_id, "name"),
                               ranking.scores[option_id])
        assert line in text, line
    assert "top 12 of" not in text


def test_no_importance_set_prints_no_out_of_10(bundled_table, session):
    text = pdf_text(summary_pdf(bundled_table, dataclasses.replace(session, importances=None)))
    assert not re.search(r"out of 10(?!\d)", text), "no importance the patient never gave"
    assert "was not set in this consultation" in text
    assert "Your ranking" not in text


def test_the_clinician_notes_stay_off_the_patients_sheet(bundled_table, session, sheets):
    assert "six weeks" not in pdf_text(sheets["a4"])
    clinician = summary_pdf(bundled_table, session, clinician=True)
    text = pdf_text(clinician)
    assert CLINICIAN_NOTE in text
    assert words.CLINICIAN in text and words.PROVENANCE in text
    patient_pages = len(PdfReader(io.BytesIO(sheets["a4"])).pages)
    assert len(PdfReader(io.BytesIO(clinician)).pages) > patient_pages


def test_report_command_clinician_flag(tmp_path, session):
    saved = tmp_path / "visit.json"
    save_session(saved, session)
    patient, clinician = tmp_path / "patient.pdf", tmp_path / "clinician.pdf"
    assert main(["report", "--session", str(saved), "--out", str(patient)]) == 0
    assert main(["report", "--session", str(saved), "--clinician", "--out", str(clinician)]) == 0
    assert CLINICIAN_NOTE not in pdf_text(patient.read_bytes())
    assert CLINICIAN_NOTE in pdf_text(clinician.read_bytes())


def test_when_to_see_a_doctor_is_said_once(bundled_table, sheets):
    text = pdf_text(sheets["a4"])
    assert text.count(words.DOCTOR) == 1
    for item in words.doctor_items(bundled_table, list(COMPARED)):
        assert squash(item) in text, item


def test_the_sheet_has_bookmarks_and_metadata(sheets):
    reader = PdfReader(io.BytesIO(sheets["a4"]))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for heading in (words.DECISION, words.DOCTOR, words.OPTIONS, words.RANKING, words.SOURCES):
        assert heading in titles
    assert reader.metadata.title.startswith(words.TITLE)
    assert reader.metadata.subject


class _Catalogue(gettext.NullTranslations):
    """A catalogue that translates a few of the sheet's sentences (as a .mo file would)."""

    WORDS = {words.TITLE: "Resumen de su consulta", words.DOCTOR: "Cuándo ver a un médico",
             "Page {page} of {pages}": "Página {page} de {pages}",
             "You chose: {name}.": "Usted eligió: {name}."}

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


def test_the_sheet_speaks_the_translators_language(bundled_table, session):
    tr = Translator("es", Locale.parse("es"), _Catalogue())
    data = summary_pdf(bundled_table, session, tr=tr)
    text = pdf_text(data)
    assert "Resumen de su consulta" in text and "Cuándo ver a un médico" in text
    assert "Usted eligió: Physiotherapy / supervised exercise therapy." in text
    assert "Página 1 de" in text and "Page 1 of" not in text
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title.startswith("Resumen de su consulta")
    assert reader.trailer["/Root"].get("/Lang") == "es"
