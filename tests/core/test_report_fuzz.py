"""No table that `check` accepts makes the take-home sheet fail.

Hypothesis writes small tables with long cells, many list items and side
effects, markup characters, text in many scripts (Latin with Polish and Turkish
letters, Greek, Cyrillic, Hebrew, Arabic, Chinese, emoji), combining marks and
extreme but accepted numbers; each must give a valid PDF whose text names every
option compared. Right-to-left names come back in visual order and Arabic in its
joined forms, so characters are compared after compatibility normalisation (NFKC).
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from decision_aid.core.errors import DecisionAidError
from decision_aid.core.report import summary_pdf
from decision_aid.core.session import Session
from decision_aid.core.table import load_table

#: Characters the sheet's embedded fonts draw: Latin with accents (Polish, Turkish), Greek, Cyrillic,
#: Hebrew, Arabic, Chinese, emoji, combining marks, markup and formula characters.
ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "
            "éèüñçøåßłąćęńóśźżğışİŁĞŞ αβγδλΩέ ЖжЯяЩщ שלוםעולם مرحباسلاملا 中文物理治疗医生药 😀💊🛌❤ "
            "\u0301\u0308 <>&\"'=+-@$%[]{}()/\\;:!?.,")
TEXT = st.text(alphabet=ALPHABET, min_size=1, max_size=60).map(str.strip).filter(bool)


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def write_table(folder: Path, names: list[str], long_text: str, items: int, effects: int, big: float) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "criteria.csv").write_text(
        "column,label,better,min,max,unit,description,default_weight,role\n"
        f"relief,Relief,higher,0,{big:g},points,How much it helps.,5,benefit\n"
        "wait,Days to relief,lower,0,90,days,How soon.,5,onset\n", encoding="utf-8")
    rows = ["id,name,category,summary,relief,relief_low,relief_high,wait,evidence,common_side_effects,"
            "serious_risks,see_doctor_if,sources,reviewed"]
    for k, name in enumerate(names):
        doctor = ";".join(f"Sign {n}" for n in range(items))
        rows.append(",".join([f"o{k}", csv_cell(name), "home", csv_cell(long_text), f"{big * k / 10:g}",
                              "0", f"{big * k / 10 + 1:g}" if k else "0", "" if k % 2 else "7", "low",
                              csv_cell("Ache;" + long_text[:200]), csv_cell(long_text[:500]), csv_cell(doctor),
                              csv_cell(f"[1] {long_text[:100]}"), "2026-11-01"]))
    (folder / "options.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    effect_rows = ["option_id,effect,per_100,severity,source"] + [
        f"o{n % len(names)},{csv_cell('Effect ' + str(n))},{(n * 7) % 100 + 0.5},mild,[1]" for n in range(effects)]
    (folder / "side_effects.csv").write_text("\n".join(effect_rows) + "\n", encoding="utf-8")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(names=st.lists(TEXT, min_size=2, max_size=5, unique_by=str.casefold),
       long_text=st.text(alphabet=ALPHABET, min_size=1, max_size=3000).map(str.strip).filter(bool),
       items=st.integers(0, 60), effects=st.integers(0, 40), big=st.sampled_from([10.0, 100.0, 1e6, 1e9]))
def test_every_accepted_table_gives_a_sheet_naming_every_option(tmp_path_factory, names, long_text, items,
                                                                 effects, big):
    folder = tmp_path_factory.mktemp("fuzz") / "table"
    write_table(folder, names, long_text, items, effects, big)
    try:
        table = load_table(folder)
    except DecisionAidError:
        return                               # refused by check: the sheet is never asked for
    ids = table.ids[:4]
    session = Session(selected=tuple(ids), chosen=ids[0], importances={"relief": 9.0, "wait": 3.0},
                      notes_patient=long_text[:2000])
    pdf = summary_pdf(table, session)
    reader = PdfReader(io.BytesIO(pdf))
    text = unicodedata.normalize("NFKC", "".join("".join(page.extract_text().split()) for page in reader.pages))
    for option_id in ids:
        name = unicodedata.normalize("NFKC", "".join(table.text(option_id, "name").split()))
        missing = {char for char in name if char not in text and not unicodedata.combining(char)}
        assert not missing, (name, missing)


def test_a_huge_word_and_a_long_list_still_lay_out(tmp_path):
    folder = tmp_path / "table"
    write_table(folder, ["Alpha", "B" * 19_000, "Gamma"], "x" * 15_000, items=1_000, effects=300, big=100.0)
    table = load_table(folder)
    pdf = summary_pdf(table, Session(selected=("o0", "o1", "o2"), importances={"relief": 5.0}))
    assert PdfReader(io.BytesIO(pdf)).pages
