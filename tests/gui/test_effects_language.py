"""Switching the window to Spanish makes the side-effects tab's and the timeline's words and charts Spanish."""

from __future__ import annotations

import pytest
from consulting_room import open_window, reset_app, settle
from matplotlib.text import Text

from decision_aid.gui import language as i18n

pytestmark = pytest.mark.usefixtures("no_questions")


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    yield w
    i18n.install_qt_translation("en")
    reset_app()


def choose(group, lang: str) -> None:
    """Pick ``lang`` in the View > Language menu, as the user would."""
    next(a for a in group.actions() if a.data() == lang).trigger()


def drawn(figure) -> str:
    return " ".join(t.get_text().replace("\n", " ") for t in figure.findobj(Text) if t.get_text())


def test_side_effects_and_timeline_follow_the_window_to_spanish_and_back(window):
    window.set_compared(["nsaids", "botox"])
    window.tabs.setCurrentWidget(window.effects_page)
    settle(window)
    assert "in 100 people" in window.pictographs.text()
    assert "in 100 people" in drawn(window.pictographs.figure)

    choose(window.language_group, "es")
    settle(window)
    said = window.pictographs.text()
    assert "de cada 100 personas" in said and "in 100 people" not in said
    assert "in 100 people" not in window.pictographs.accessibleDescription()
    arrays = drawn(window.pictographs.figure)
    assert "de cada 100 personas" in arrays and "in 100 people" not in arrays
    assert window.pictographs.accessibleName() == i18n.tr_of(window).gettext("Side effects out of 100 people")
    assert "2 options" not in window.side_effects.heading.text()

    window.tabs.setCurrentWidget(window.timeline_page)
    settle(window)
    timeline = window.timeline
    assert timeline.accessibleName() == "Línea de tiempo del alivio"
    described = timeline.accessibleDescription()
    assert "el alivio se notó" in described or "no hay un dato fiable" in described
    assert "relief" not in described
    chart = drawn(timeline.figure)
    assert "Cuándo puede empezar el alivio y cuánto dura" in chart
    assert "When relief might start" not in chart and "Time from the start" not in chart

    choose(window.language_group, "en")
    settle(window)
    assert "When relief might start" in drawn(timeline.figure)
    assert "relief first seen" in timeline.accessibleDescription() or "no reliable figure" in \
        timeline.accessibleDescription()
