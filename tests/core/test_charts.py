"""The charts, checked by artist state (bar widths, labels, markers), never by pixels."""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib import cbook
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from decision_aid.core.chart_words import (
    MISSING_NOTE,
    NO_FIGURE,
    describe_weeks,
    exact_words,
    frequency_words,
    icon_count,
    ranking_description,
    rows_shown_sentence,
    rows_shown_title,
    shown,
    side_effect_sentence,
    weeks_per_unit,
    wrap,
)
from decision_aid.core.charts import (BEST_LABEL, WHISKER_LABEL, bar_totals, draw_contributions, segment_name,
                                     update_contributions)
from decision_aid.core.pictograph_chart import draw_pictograph, draw_pictographs
from decision_aid.core.timeline_chart import draw_timeline
from decision_aid.core.scoring import Scorer, default_importances
from decision_aid.core.table import DecisionTable, load_table

OPTION_HEAD = ["id", "name", "category", "summary", "evidence", "common_side_effects", "serious_risks",
               "see_doctor_if", "sources", "reviewed"]


def quote(cell: object) -> str:
    text = "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)
    return '"' + text.replace('"', '""') + '"'


def write_table(folder: Path, criteria: list[dict], options: list[dict], side_effects: list[dict] = ()) -> Path:
    """A small valid table folder; each option dict gives id, name and criterion cells."""
    folder.mkdir(parents=True, exist_ok=True)
    crit_head = ["column", "label", "better", "min", "max", "unit", "description", "default_weight", "role"]
    lines = [",".join(crit_head)]
    for c in criteria:
        row = {"better": "higher", "min": 0, "max": 10, "unit": "points", "description": "Test criterion.",
               "default_weight": 5, "role": "", **c}
        lines.append(",".join(quote(row[k]) for k in crit_head))
    (folder / "criteria.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    extra = sorted({k for o in options for k in o} - set(OPTION_HEAD))
    head = OPTION_HEAD + extra
    lines = [",".join(head)]
    for o in options:
        row = {"category": "conventional", "summary": "Test option.", "evidence": "low", "common_side_effects": "",
               "serious_risks": "", "see_doctor_if": "Symptoms get worse", "sources": "[T1] Test source",
               "reviewed": "2025-01-01", **o}
        lines.append(",".join(quote(row.get(k, "")) for k in head))
    (folder / "options.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if side_effects:
        head = ["option_id", "effect", "per_100", "severity", "time_frame", "source"]
        lines = [",".join(head)] + [",".join(quote(e.get(k, "")) for k in head) for e in side_effects]
        (folder / "side_effects.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def tricky_table(tmp_path: Path) -> DecisionTable:
    """Names with '$', markup and great length; a criterion label with '$'; gaps."""
    criteria = [{"column": "cost", "label": "Cost in $ per month", "better": "lower", "max": 100},
                {"column": "benefit", "label": "Benefit", "better": "higher"}]
    options = [{"id": "dollar", "name": "Pay $5 a day, or $10 twice", "cost": 5, "benefit": 4},
               {"id": "markup", "name": "<b>Bold</b> & <i>not</i> HTML", "cost": 50, "benefit": 9},
               {"id": "long", "name": "A treatment with a really extraordinarily long name that goes on and on "
                                      "and on past any sensible width", "cost": "", "benefit": 6}]
    return load_table(write_table(tmp_path / "tricky", criteria, options))


def figure(width: float = 7.5, height: float = 6.0) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def render(fig: Figure) -> None:
    """Draw the figure completely (layout included); any warning fails the test."""
    fig.savefig(io.BytesIO(), format="png", dpi=60)


def segment_rects(patch) -> list[tuple[float, float, float]]:
    """(left, right, centre y) of each rectangle a segments patch draws."""
    vertices = patch.get_path().vertices
    if len(vertices) < 5:                  # a criterion that adds nothing to any bar draws no rectangle
        return []
    rects = vertices.reshape(-1, 5, 2)
    return [(r[0, 0], r[1, 0], (r[0, 1] + r[2, 1]) / 2) for r in rects]


def shown_labels(art) -> list[str]:
    """The option names as drawn beside the bars, top first."""
    return [shown(t.get_text()) for t in art.names]


def texts(fig: Figure) -> list[str]:
    return [shown(t.get_text()) for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


# --------------------------------------------------------------------------- ranking


def test_bars_are_the_contributions_stacked_in_ranking_order(bundled_table):
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    fig = figure()
    art = draw_contributions(fig.add_subplot(), ranking, bundled_table)
    order = ranking.order()
    assert len(order) == 13
    assert art.ids == order                                 # every option, by default
    assert "shown" not in art.title.get_text()
    lefts = np.zeros(13)
    for column in ranking.contributions.columns:
        widths = ranking.contributions.loc[art.ids, column].to_numpy()
        drawn = segment_rects(art.segments[column])          # what the patch really draws: width and start
        shown = widths > 0
        assert [round(y) for _, _, y in drawn] == np.flatnonzero(shown).tolist()
        assert [x1 - x0 for x0, x1, _ in drawn] == pytest.approx(widths[shown].tolist())
        assert [x0 for x0, _, _ in drawn] == pytest.approx(lefts[shown].tolist())
        lefts += widths
    assert lefts.tolist() == pytest.approx(ranking.scores[art.ids].tolist())
    assert bar_totals(art) == pytest.approx(ranking.scores[art.ids].to_dict())
    assert [t.get_text() for t in art.scores] == [f"{ranking.scores[i]:.0f}" for i in art.ids]
    # highest score at the top: row 0 is drawn highest
    assert [t.get_position()[1] for t in art.names] == list(range(13)) and art.ax.yaxis_inverted()
    names = [wrap(bundled_table.text(i, "name"), 30, 2) for i in art.ids]
    assert shown_labels(art) == names
    assert art.ax.get_xlim() == (0, 100)
    assert art.ax.get_xlabel() == "Points (0-100)"
    render(fig)


def test_every_option_shown_when_few(other_table):
    ranking = Scorer(other_table).score(default_importances(other_table.criteria))
    art = draw_contributions(figure().add_subplot(), ranking, other_table)
    assert art.ids == ranking.order() and "shown" not in art.title.get_text()
    art = draw_contributions(figure().add_subplot(), ranking, other_table, top_n=len(ranking.order()) + 5)
    assert art.ids == ranking.order() and "shown" not in art.title.get_text()


def test_some_rows_from_a_place_in_the_ranking(bundled_table):
    scorer = Scorer(bundled_table)
    ranking = scorer.score(default_importances(bundled_table.criteria))
    order = ranking.order()
    art = draw_contributions(figure().add_subplot(), ranking, bundled_table, top_n=5)
    assert art.ids == order[:5] and "(options 1 to 5 of 13 shown)" in art.title.get_text()
    art = draw_contributions(figure().add_subplot(), ranking, bundled_table, top_n=5, first=4)
    assert art.ids == order[4:9] and "(options 5 to 9 of 13 shown)" in art.title.get_text()
    assert bar_totals(art) == pytest.approx(ranking.scores[order[4:9]].to_dict())
    art = draw_contributions(figure().add_subplot(), ranking, bundled_table, top_n=5, first=11,
                             range_in_title=False)
    assert art.ids == order[8:] and art.first == 8 and "shown" not in art.title.get_text()   # kept in range
    art.first = 2                                          # scrolled: the same rows take other options
    changed = scorer.score(default_importances(bundled_table.criteria) | {"visits": 9.0})
    assert update_contributions(art, changed, bundled_table)
    assert art.ids == changed.order()[2:7]
    assert bar_totals(art) == pytest.approx(changed.scores[art.ids].to_dict())


def test_each_criterion_has_its_own_colour_and_hatch_and_legend_label(bundled_table):
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    art = draw_contributions(figure().add_subplot(), ranking, bundled_table)
    hatches = {c: patch.get_hatch() for c, patch in art.segments.items()}   # one patch per criterion
    colours = {c: patch.get_facecolor() for c, patch in art.segments.items()}
    assert all(hatches.values()) and len(set(hatches.values())) == len(hatches)
    assert len(set(colours.values())) == len(colours)
    legend = [shown(t.get_text()).replace("\n", " ") for t in art.legend.get_texts()]
    assert legend == [segment_name(c) for c in bundled_table.criteria] + [BEST_LABEL, WHISKER_LABEL]
    assert legend[0] == "Less invasive"      # named by what is better, so a long segment reads the right way


def test_question_marks_where_a_weighed_figure_is_missing(bundled_table):
    scorer = Scorer(bundled_table)
    importances = default_importances(bundled_table.criteria)
    ranking = scorer.score(importances)
    fig = figure()
    art = draw_contributions(fig.add_subplot(), ranking, bundled_table)
    expected = [bool(ranking.missing.loc[i].any()) for i in art.ids]
    assert any(expected) and not all(expected)
    assert art.flagged.tolist() == expected
    circles, marks = art.marks
    flagged_rows = [row for row, flag in enumerate(expected) if flag]
    for line in art.marks:                     # one circled "?" after each flagged bar, beyond its score
        assert line.get_ydata().tolist() == flagged_rows
        ends = np.maximum(ranking.scores[art.ids].to_numpy(), ranking.scores_best[art.ids].to_numpy())
        assert line.get_xdata().tolist() == pytest.approx(ends[flagged_rows])   # after the best case
    assert circles.get_marker() == "o" and marks.get_marker() == r"$\mathbf{?}$"
    assert art.footnote.get_visible() and shown(art.footnote.get_text()).replace("\n", " ") == MISSING_NOTE
    # A gap in a criterion that does not matter cannot change a score: no "?" for it.
    only_invasive = {c.column: 0.0 for c in bundled_table.criteria} | {"invasiveness": 5.0}
    assert not scorer.score(only_invasive).missing["invasiveness"].any()
    rebuilt = draw_contributions(figure().add_subplot(), scorer.score(only_invasive), bundled_table)
    assert not rebuilt.flagged.any() and not len(rebuilt.marks[0].get_xdata())
    assert not rebuilt.footnote.get_visible()


def test_update_resizes_the_same_bars(bundled_table):
    scorer = Scorer(bundled_table)
    base = default_importances(bundled_table.criteria)
    ranking = scorer.score(base)
    art = draw_contributions(figure().add_subplot(), ranking, bundled_table)
    patches = dict(art.segments)
    changed = scorer.score(base | {"pain_relief": 5.2})
    assert changed.order() == art.ids, "test premise: a small change keeps the order"
    assert update_contributions(art, changed, bundled_table)
    assert art.segments == patches                                      # the very same patches
    assert bar_totals(art) == pytest.approx(changed.scores[art.ids].to_dict())
    assert bar_totals(art) != pytest.approx(ranking.scores[art.ids].to_dict())
    assert [t.get_text() for t in art.scores] == [f"{changed.scores[i]:.0f}" for i in art.ids]
    ends = np.maximum(changed.scores[art.ids].to_numpy(), changed.scores_best[art.ids].to_numpy())
    assert [t.get_position()[0] for t in art.scores] == pytest.approx(ends.tolist())


def test_update_refuses_a_different_number_of_options(bundled_table):
    scorer = Scorer(bundled_table)
    base = default_importances(bundled_table.criteria)
    art = draw_contributions(figure().add_subplot(), scorer.score(base), bundled_table)
    widths, names = bar_totals(art), shown_labels(art)
    assert not update_contributions(art, scorer.score(base, bundled_table.ids[:5]), bundled_table)
    assert bar_totals(art) == widths and shown_labels(art) == names   # untouched when refused


def test_update_puts_a_new_order_in_the_same_rows(bundled_table):
    scorer = Scorer(bundled_table)
    art = draw_contributions(figure().add_subplot(), scorer.score(default_importances(bundled_table.criteria)),
                             bundled_table)
    patches, names = dict(art.segments), list(art.names)
    only_visits = {c.column: 0.0 for c in bundled_table.criteria} | {"visits": 10.0}
    ranking = scorer.score(only_visits)
    assert ranking.order() != art.ids, "test premise: the order changes"
    assert update_contributions(art, ranking, bundled_table)
    assert art.ids == ranking.order()
    assert art.segments == patches and art.names == names   # the same artists
    assert shown_labels(art) == [wrap(bundled_table.text(i, "name"), art.label_width, art.label_lines)
                                 for i in art.ids]
    assert bar_totals(art) == pytest.approx(ranking.scores[art.ids].to_dict())
    assert [t.get_text() for t in art.scores] == [f"{ranking.scores[i]:.0f}" for i in art.ids]


@given(st.lists(st.integers(0, 10), min_size=6, max_size=6).filter(any))
def test_drawn_bars_always_equal_scores(bundled_table, values):
    """Whatever the importances, after an update or a redraw every bar is its option's score."""
    scorer = Scorer(bundled_table)
    columns = [c.column for c in bundled_table.criteria]
    art = draw_contributions(Figure().add_subplot(), scorer.score(default_importances(bundled_table.criteria)),
                             bundled_table)
    ranking = scorer.score(dict(zip(columns, map(float, values))))
    if not update_contributions(art, ranking, bundled_table):
        art = draw_contributions(Figure().add_subplot(), ranking, bundled_table)
    assert art.ids == ranking.order()
    assert bar_totals(art) == pytest.approx(ranking.scores[art.ids].to_dict(), abs=1e-9)


def test_data_text_is_drawn_literally(tricky_table):
    ranking = Scorer(tricky_table).score(default_importances(tricky_table.criteria))
    fig = figure()
    art = draw_contributions(fig.add_subplot(), ranking, tricky_table)
    labels = {i: label for i, label in zip(art.ids, shown_labels(art))}
    assert labels["dollar"] == "Pay $5 a day, or $10 twice"
    assert labels["markup"] == "<b>Bold</b> & <i>not</i> HTML"
    long = labels["long"]
    assert long.endswith("…") and long.count("\n") == 1 and all(len(line) <= 30 for line in long.split("\n"))
    for t in fig.findobj(Text):
        assert not cbook.is_math_text(t.get_text()), t.get_text()
    assert any("Cost in $ per" in t for t in texts(fig))   # literally, dollar signs and all
    render(fig)


def test_no_options_left(other_table):
    ranking = Scorer(other_table).score(default_importances(other_table.criteria), [])
    fig = figure()
    art = draw_contributions(fig.add_subplot(), ranking, other_table)
    assert art.ids == [] and "No options are left to rank." in texts(fig)
    assert update_contributions(art, ranking, other_table)
    render(fig)


def test_text_is_at_least_10_points(bundled_table):
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    for draw in (lambda fig: draw_contributions(fig.add_subplot(), ranking, bundled_table),
                 lambda fig: draw_timeline(fig.add_subplot(), bundled_table, bundled_table.ids),
                 lambda fig: draw_pictographs(fig, bundled_table, "chiropractic")):
        fig = figure(7.5, 8)
        draw(fig)
        render(fig)
        sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text() and t.get_visible()]
        assert sizes and min(sizes) >= 10


def test_which_rows_are_shown_in_words(bundled_table):
    assert rows_shown_sentence(1, 6, 13) == "Options 1 to 6 of 13 shown; scroll for the rest."
    assert rows_shown_sentence(1, 13, 13) == "All 13 options are shown."
    assert rows_shown_sentence(1, 1, 1) == "1 option is shown."
    assert rows_shown_sentence(9995, 10000, 10000) == "Options 9,995 to 10,000 of 10,000 shown; scroll for the rest."
    assert rows_shown_title(1, 13, 13) == "" and rows_shown_title(2, 4, 13) == "(options 2 to 4 of 13 shown)"
    ranking = Scorer(bundled_table).score(default_importances(bundled_table.criteria))
    order = ranking.order()
    words = ranking_description(bundled_table, ranking, 3, 2)
    assert words.startswith(f"Scores out of 100: 4. {bundled_table.text(order[3], 'name')}: ")
    assert f"; 5. {bundled_table.text(order[4], 'name')}: " in words
    assert words.endswith("The chart shows options 4 to 5 of 13.")
    assert "The chart shows" not in ranking_description(bundled_table, ranking, 0, 13)


@given(st.integers(1, 50), st.data())
def test_the_rows_sentence_names_the_range_or_all(total, data):
    count = data.draw(st.integers(1, total))
    first = data.draw(st.integers(1, total - count + 1))
    sentence = rows_shown_sentence(first, first + count - 1, total)
    if count == total:
        assert sentence.startswith("All ") or sentence == "1 option is shown."
    else:
        assert sentence == f"Options {first} to {first + count - 1} of {total} shown; scroll for the rest."


def test_wrap_keeps_short_text_and_cuts_long_text():
    assert wrap("Massage therapy", 30) == "Massage therapy"
    cut = wrap("word " * 40, 20, 2)
    assert cut.count("\n") == 1 and cut.endswith("…") and max(map(len, cut.split("\n"))) <= 20


# --------------------------------------------------------------------------- timeline


def test_timeline_of_the_bundled_table(bundled_table):
    fig = figure(7.5, 8.5)
    ax = fig.add_subplot()
    rows = draw_timeline(ax, bundled_table, bundled_table.ids)
    assert [r.option_id for r in rows] == bundled_table.ids
    assert [shown(t.get_text()) for t in ax.get_yticklabels()] == [wrap(bundled_table.text(i, "name"), 30, 2)
                                                                   for i in bundled_table.ids]
    onset, duration = bundled_table.by_role("onset"), bundled_table.by_role("duration")
    assert onset.unit == "days" and duration.unit == "weeks"
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    expected = []
    for y, i in enumerate(bundled_table.ids):
        start = bundled_table.value(i, onset.column) / 7
        end = bundled_table.value(i, duration.column)
        if not math.isnan(start) and not math.isnan(end) and end > start:
            expected.append((y, start, end))
    assert len(bars) == len(expected) > 0
    for bar, (y, start, end) in zip(sorted(bars, key=lambda b: b.get_y()), expected):
        assert bar.get_x() == pytest.approx(start)
        assert bar.get_x() + bar.get_width() == pytest.approx(end)
        assert bar.get_y() + bar.get_height() / 2 == pytest.approx(y)
        # every such row of the bundled table carries a note, so it is marked uncertain
        assert bar.get_hatch()
    onset_markers = [line for line in ax.lines if line.get_marker() == "o"]
    with_start = [i for i in bundled_table.ids if not math.isnan(bundled_table.value(i, onset.column))]
    assert len(onset_markers) == len(with_start)
    for line in onset_markers:                  # open circle wherever the onset figure has a note
        option_id = bundled_table.ids[int(line.get_ydata()[0])]
        hollow = line.get_markerfacecolor() == "white"
        assert hollow == bool(bundled_table.text(option_id, onset.column + "_note"))
    words = texts(fig)
    for i in bundled_table.ids:
        start, end = bundled_table.value(i, onset.column), bundled_table.value(i, duration.column)
        if math.isnan(start) and math.isnan(end):
            assert any(t == NO_FIGURE for t in words)
    assert "how long: " + NO_FIGURE in words and "start: " + NO_FIGURE in words
    assert [t for t in words if "caveat" in t]
    render(fig)


def test_timeline_whiskers_show_reported_ranges(bundled_table):
    ax = figure().add_subplot()
    draw_timeline(ax, bundled_table, ["nsaids", "muscle_relaxants"])
    segments = [seg for c in ax.collections for seg in c.get_segments()]
    xs = sorted(tuple(sorted((seg[0][0], seg[1][0]))) for seg in segments if seg[0][1] == seg[1][1])
    assert (pytest.approx(2 / 7), pytest.approx(14 / 7)) in [(a, b) for a, b in xs]
    assert (pytest.approx(0.014 / 7), pytest.approx(0.021 / 7)) in [(a, b) for a, b in xs]


def test_timeline_units_and_certain_figures(tmp_path):
    criteria = [{"column": "onset", "label": "Relief starts", "better": "lower", "max": 12, "unit": "months",
                 "role": "onset"},
                {"column": "lasts", "label": "Relief lasts", "max": 104, "unit": "weeks", "role": "duration"}]
    options = [{"id": "a", "name": "Option A", "onset": 1, "lasts": 26, "onset_note": "", "lasts_note": ""},
               {"id": "b", "name": "Option B", "onset": 3, "lasts": 10, "onset_note": "", "lasts_note": ""}]
    table = load_table(write_table(tmp_path / "t", criteria, options))
    fig = figure()
    ax = fig.add_subplot()
    rows = draw_timeline(ax, table, ["a", "b"])
    assert rows[0].onset == pytest.approx(365.25 / 12 / 7)
    (bar,) = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert bar.get_x() == pytest.approx(rows[0].onset) and not bar.get_hatch()
    assert all(line.get_markerfacecolor() != "white" for line in ax.lines if line.get_marker() == "o")
    assert not [t for t in texts(fig) if "caveat" in t]         # no footnote without a caveat
    assert ax.get_xticklabels()[-1].get_text() == "1 year"
    render(fig)


def test_timeline_without_time_criteria_says_so(other_table):
    fig = figure()
    assert draw_timeline(fig.add_subplot(), other_table, other_table.ids) == []
    assert any("no figures for when relief starts" in t for t in texts(fig))
    render(fig)


@pytest.mark.parametrize(("weeks", "words"), [
    (0, "straight away"), (0.02 / 7, "30 minutes"), (4 / 10080, "4 minutes"), (1 / 168, "60 minutes"),
    (2 / 7, "2 days"),
    (1, "7 days"), (2, "2 weeks"), (8, "8 weeks"), (26, "6 months"), (365.25 / 7, "1 year"),
    (math.nan, NO_FIGURE)])
def test_times_in_words(weeks, words):
    assert describe_weeks(weeks) == words


def test_time_units():
    assert weeks_per_unit("days") == pytest.approx(1 / 7)
    assert weeks_per_unit(" Weeks ") == 1
    assert weeks_per_unit("months") == pytest.approx(365.25 / 12 / 7)
    assert weeks_per_unit("level") is None


# --------------------------------------------------------------------------- pictographs


@pytest.mark.parametrize("per_100", [0, 0.13, 0.3, 0.5, 1, 2.5, 9.5, 50, 99.6, 100])
def test_pictograph_fills_the_rounded_number_of_people(per_100):
    fig = figure(4, 4.5)
    art = draw_pictograph(fig.add_subplot(), per_100, "Headache", "mild")
    n = math.floor(per_100 + 0.5)
    assert art.count == n == icon_count(per_100)
    assert len(art.filled.get_paths()) == n and len(art.empty.get_paths()) == 100 - n
    filled, empty = art.filled.get_facecolor(), art.empty.get_facecolor()
    assert len(filled) == 0 or tuple(filled[0]) != tuple(empty[0])           # filled vs outline
    title = art.ax.get_title()
    if n == 0:
        assert title.startswith("Fewer than 1 in 100 people")
    else:
        assert title.startswith(f"About {n} in 100 people") or title.startswith("All 100 in 100")
    if per_100 != int(per_100):
        assert any(f"{per_100:g} in 100" in t for t in texts(fig))
    render(fig)


def test_fraction_below_one_is_said_honestly():
    assert frequency_words(0.3) == "fewer than 1 in 100 people"
    assert exact_words(0.13) == "0.13 in 100 (about 13 in 10,000)"
    assert exact_words(9.5) == "9.5 in 100" and exact_words(9.0) == ""


def test_pictographs_per_side_effect(bundled_table):
    fig = figure(7.5, 4)
    axes = draw_pictographs(fig, bundled_table, "chiropractic")
    effects = bundled_table.side_effects_of("chiropractic")
    assert len(axes) == len(effects) == 2
    words = " ".join(texts(fig))
    for _, row in effects.iterrows():
        assert str(row["source"]) in words
        assert str(row["time_frame"]) in words
    render(fig)


def test_option_without_frequencies_gets_a_message(bundled_table):
    fig = figure(7.5, 3)
    axes = draw_pictographs(fig, bundled_table, "heat_cold")
    assert len(axes) == 1
    assert any(t.startswith("No side-effect frequency per 100 people was found for Heat or cold packs")
               for t in (w.replace("\n", " ") for w in texts(fig)))
    render(fig)


def test_pictograph_label_is_literal():
    fig = figure(4, 4.5)
    draw_pictograph(fig.add_subplot(), 5, "Costs $3 <b>extra</b>", "serious")
    assert any("Costs $3 <b>extra</b>" in t.replace("\n", " ") for t in texts(fig))
    render(fig)


def test_side_effect_in_words(bundled_table):
    row = bundled_table.side_effects_of("nsaids").iloc[0]
    sentence = side_effect_sentence(row)
    assert sentence.startswith("Any side effect (acute back-pain trials): about 10 in 100 people (9.5 in 100; mild;")
    assert "source [16]" in sentence and "trials lasting 1 day to 12 weeks" in sentence


def test_chart_text_lines_do_not_mark_colour_only(bundled_table):
    """The onset key says in words what open and filled mean."""
    fig = figure(7.5, 8)
    ax = fig.add_subplot()
    draw_timeline(ax, bundled_table, bundled_table.ids)
    key = [shown(t.get_text()) for t in ax.get_legend().get_texts()]
    assert any("uncertain" in k for k in key)
    handles = ax.get_legend().legend_handles
    assert any(isinstance(h, Line2D) and h.get_markerfacecolor() == "white" for h in handles)
