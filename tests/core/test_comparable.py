"""Only figures measured the same way share an axis."""

from __future__ import annotations

from decision_aid.core.table import load_table


def test_a_criterion_may_name_several_comparators(bundled_table):
    relief = bundled_table.criterion("pain_relief")
    assert relief.comparator == "placebo_sham;usual_care_or_none"
    comparable = bundled_table.comparable()["pain_relief"]
    assert comparable["nsaids"] and comparable["physical_therapy"]        # a dummy pill; usual care
    assert not comparable["chiropractic"] and not comparable["massage"]    # other active treatments
    assert not comparable["muscle_relaxants"]                               # new (acute) back pain
    assert not comparable["ergonomics"]                                     # workers


def test_an_unknown_code_among_several_is_named(table_copy):
    path = table_copy / "criteria.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("placebo_sham;usual_care_or_none",
                                                             "placebo_sham;sugar_pill"), encoding="utf-8")
    import pytest

    from decision_aid.core.errors import TableError
    with pytest.raises(TableError, match=r"criteria.csv:7:comparator: 'sugar_pill' is not a known code"):
        load_table(table_copy)
