"""Any text from a table draws in a chart with no glyph missing (a letter and its marks are shaped in one font)."""

from __future__ import annotations

import unicodedata
import warnings

import matplotlib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from decision_aid.core.chart_style import drawable
from decision_aid.core.chart_words import literal
from decision_aid.core.pdf_text import REPLACEMENT

matplotlib.use("Agg")


def draw(text: str) -> None:
    """Draw ``text`` as a chart title, with every warning an error."""
    fig = Figure(figsize=(3, 1))
    fig.subplots().set_title(literal(text))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


@pytest.mark.parametrize(("text", "shown"), [
    ("中\u0301", "中"),                  # the CJK font has no acute: left out rather than a missing glyph
    ("e\u0301", "é"),                     # composed into the letter the fonts have
    ("عَ", "عَ"),                        # Arabic with its vowel mark
    ("\U000E0001tag", "tag"),             # an invisible tag character
    ("\U0003134A", REPLACEMENT),          # an ideograph no shipped font has
    ("Cost $5", "Cost $5"),
])
def test_text_is_drawn_as_the_fonts_can(text, shown):
    assert drawable(text) == shown
    draw(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=12))
def test_any_text_draws_without_a_missing_glyph(text):
    draw(text)
    assert unicodedata.is_normalized("NFC", drawable(text))
