"""The side-effect and timeline words and charts in the reader's language (Spanish here), English unchanged."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from decision_aid.cli import main
from decision_aid.core.chart_words import (TimelineRow, describe_weeks, exact_words, frequency_words,
                                           no_side_effect_figures, side_effect_caption, side_effect_sentence)
from decision_aid.core.i18n import translator
from decision_aid.core.pictograph_chart import draw_pictograph, draw_pictograph_row, draw_pictographs
from decision_aid.core.timeline_chart import draw_timeline

SPANISH = translator("es")
ROW = pd.Series({"effect": "Náuseas", "per_100": 9.5, "severity": "mild", "source": "[16]",
                 "time_frame": "12 semanas"})


def texts(fig) -> str:
    """Every piece of text drawn on ``fig`` (titles, labels, ticks, legends, notes), one per line."""
    return "\n".join(t.get_text() for t in fig.findobj(Text) if t.get_text())


@pytest.mark.parametrize(("weeks", "english", "spanish"), [
    (0.0, "straight away", "enseguida"),
    (1 / (7 * 24 * 60), "1 minute", "1 minuto"),
    (30 / (7 * 24 * 60), "30 minutes", "30 minutos"),
    (2 / 168, "2 hours", "2 horas"),
    (3 / 7, "3 days", "3 días"),
    (1.5 * 7 / 7 * 1.5, "2.2 weeks", "2,2 semanas"),
    (3 * 365.25 / 12 / 7, "3 months", "3 meses"),
    (6 * 365.25 / 12 / 7, "6 months", "6 meses"),
    (365.25 / 7, "1 year", "1 año"),
    (1.5 * 365.25 / 7, "1.5 years", "1,5 años"),
])
def test_a_time_takes_the_languages_plural_and_decimal_sign(weeks, english, spanish):
    assert describe_weeks(weeks) == english
    assert describe_weeks(weeks, tr=SPANISH) == spanish


def test_no_figure_for_a_time_is_said_in_spanish():
    assert describe_weeks(math.nan) == "no reliable figure"
    assert describe_weeks(math.nan, tr=SPANISH) == SPANISH.gettext("no reliable figure") != "no reliable figure"


def test_how_many_in_100_in_spanish():
    assert frequency_words(10, tr=SPANISH) == "unas 10 de cada 100 personas"
    assert frequency_words(1, tr=SPANISH) == "alrededor de 1 de cada 100 personas"
    assert frequency_words(0.2, tr=SPANISH) != frequency_words(0.2)
    assert exact_words(9.5, tr=SPANISH) == "9,5 de cada 100"
    assert exact_words(0.13, tr=SPANISH) == "0,13 de cada 100 (unas 13 de cada 10.000)"
    assert exact_words(0.13) == "0.13 in 100 (about 13 in 10,000)"


def test_a_side_effect_in_a_spanish_sentence():
    assert side_effect_caption(ROW, tr=SPANISH) == "Fuente [16]; 12 semanas"
    said = side_effect_sentence(ROW, tr=SPANISH)
    assert said == "Náuseas: unas 10 de cada 100 personas (9,5 de cada 100; leve; fuente [16]; 12 semanas)."
    assert side_effect_sentence(ROW) == ("Náuseas: about 10 in 100 people (9.5 in 100; mild; source [16]; "
                                         "12 semanas).")
    assert "in 100" not in no_side_effect_figures("Yoga", tr=SPANISH)
    assert "Yoga" in no_side_effect_figures("Yoga", tr=SPANISH)


def test_a_timeline_row_in_a_spanish_sentence():
    row = TimelineRow("a", "Yoga", onset=1.0, end=26.0, end_note="only at 6 months")
    said = row.sentence(tr=SPANISH)
    assert said.startswith("Yoga: el alivio se notó por primera vez pasados 7 días")
    assert "6 meses" in said and "vea las notas" in said
    assert row.sentence() == ("Yoga: relief first seen after about 7 days; still seen at about 6 months from the "
                              "start (uncertain: see notes).")
    assert TimelineRow("b", "Yoga").sentence(tr=SPANISH) == SPANISH.gettext("{name}: {start}; {last}.").format(
        name="Yoga", start="no hay un dato fiable de cuándo empieza el alivio",
        last="no hay un dato fiable de cuánto dura")


def test_a_pictograph_is_drawn_in_spanish():
    fig = Figure(figsize=(4, 6))
    draw_pictograph(fig.add_subplot(), 9.5, "Náuseas", "mild", baseline=4.0, tr=SPANISH)
    said = texts(fig)
    assert "Unas 10 de cada 100 personas: Náuseas" in said.replace("\n", " ")
    assert "Con un tratamiento falso" in said and "Dato exacto" in said and "Gravedad: leve" in said
    for english in ("On a dummy treatment", "in 100 people", "Exact figure", "Severity", "Hatched"):
        assert english not in said, english


def test_the_sheets_row_of_pictographs_and_the_tabs_arrays_are_spanish(bundled_table):
    fig = Figure()
    draw_pictograph_row(fig, [("Yoga: Náuseas", 9.5, "mild"), ("Yoga: Mareo", 0.2, "")], tr=SPANISH)
    said = texts(fig).replace("\n", " ")
    assert "Unas 10 de cada 100 personas" in said and "0,2 de cada 100" in said
    assert "in 100" not in said
    option = next(i for i in bundled_table.ids if len(bundled_table.side_effects_of(i)))
    fig = Figure(figsize=(6, 12))
    draw_pictographs(fig, bundled_table, option, tr=SPANISH)
    said = texts(fig)
    assert "de cada 100 personas" in said and "in 100 people" not in said


def test_the_timeline_is_drawn_in_spanish(bundled_table):
    fig = Figure(figsize=(8, 6))
    ax = fig.add_subplot()
    rows = draw_timeline(ax, bundled_table, list(bundled_table.ids)[:5], tr=SPANISH)
    assert rows
    said = texts(fig)
    assert "Cuándo puede empezar el alivio y cuánto dura" in said.replace("\n", " ")
    assert "Tiempo desde el inicio del tratamiento" in ax.get_xlabel()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "inicio" and "1 semana" in ticks and "1 año" in ticks
    for english in ("When relief", "Time from the start", "Relief first seen", "Last time relief", "start",
                    "1 week", "year"):
        assert english not in said, english


def test_report_in_spanish_says_its_side_effects_in_spanish(tmp_path, bundled_table, monkeypatch):
    from pypdf import PdfReader

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    out = tmp_path / "hoja.pdf"
    ids = [i for i in bundled_table.ids if len(bundled_table.side_effects_of(i))][:3]
    args = ["report", "--lang", "es", "--out", str(out), "--chosen", ids[0]]
    for option_id in ids:
        args += ["--compare", option_id]
    assert main(args) == 0
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(out)).pages)
    assert "de cada 100 personas" in text
    for english in ("in 100 people", "in 100 (", "fewer than 1 in 100"):
        assert english not in text, english
