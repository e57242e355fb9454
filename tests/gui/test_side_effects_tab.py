"""Side effects: chosen on the tab or the compared options side by side, with the dummy-treatment rate."""

from __future__ import annotations

import pytest
from consulting_room import settle

from decision_aid.core.words.window import reference_words, source_in_words

pytestmark = pytest.mark.usefixtures("no_questions")


def test_compared_options_show_side_by_side(window, bundled_table):
    window.set_compared(["nsaids", "botox"])
    window.tabs.setCurrentWidget(window.effects_page)
    settle(window)
    tab = window.side_effects
    assert tab.shown() == ["nsaids", "botox"]
    assert "2 options" in tab.heading.text()
    for option_id in ("nsaids", "botox"):
        assert bundled_table.text(option_id, "name") in window.pictographs.text()
    assert len(window.pictographs.figure.subfigs) == 2


def test_an_option_can_be_chosen_on_the_tab(window, bundled_table):
    window.set_compared(["nsaids", "botox"])
    window.side_effects.choose("opioids")
    assert window.side_effects.shown() == ["opioids"]
    assert bundled_table.text("opioids", "name") in window.side_effects.heading.text()
    window.side_effects.choose(None)
    assert window.side_effects.shown() == ["nsaids", "botox"]


def test_the_rate_on_a_dummy_treatment_is_a_second_colour_in_the_same_array(window):
    window.side_effects.choose("nsaids")
    window.tabs.setCurrentWidget(window.effects_page)
    settle(window)
    assert "On a dummy (placebo) treatment: about 11 in 100 people" in window.pictographs.text()
    gids = {c.get_gid() for ax in window.pictographs.figure.get_axes() for c in ax.collections}
    assert "baseline" in gids
    window.side_effects.choose("botox")   # no dummy-treatment figure: no second colour
    settle(window)
    gids = {c.get_gid() for ax in window.pictographs.figure.get_axes() for c in ax.collections}
    assert "baseline" not in gids and "On a dummy" not in window.pictographs.text()


def test_a_source_is_said_in_words_from_the_references_with_the_citation_on_hover(bundled_table):
    import dataclasses

    from decision_aid.core.contract import Reference

    cited = dataclasses.replace(bundled_table, references={
        "16": Reference("16", "Smith J. A review. 2016.", "a review of 12 trials, 2016")})
    assert reference_words(cited, "[16]") == ("a review of 12 trials, 2016", "Smith J. A review. 2016.")
    assert source_in_words(cited, "[16]")[0] == "Source: a review of 12 trials, 2016"
    bare = dataclasses.replace(bundled_table, references={})
    assert reference_words(bare, "[16]") == ("reference 16", "reference 16")   # no references loaded: the key


def test_the_decision_view_has_export_and_print_buttons(window, monkeypatch):
    from decision_aid.gui.record import ConsultationRecord

    calls = []
    monkeypatch.setattr(ConsultationRecord, "export_summary", lambda self, *a, **k: calls.append("pdf") or True)
    monkeypatch.setattr(ConsultationRecord, "print_summary", lambda self: calls.append("print") or True)
    panel = window.record.panel
    window.tabs.setCurrentWidget(panel)
    settle(window)
    assert panel.export_button.isVisible() and panel.print_button.isVisible()
    panel.export_button.click()
    panel.print_button.click()
    assert calls == ["pdf", "print"]
