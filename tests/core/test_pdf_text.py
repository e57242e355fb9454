"""Names in any script print in the take-home PDF: read back from the file the `report` command writes.

Each character of each option name must come back out of the PDF's text (right-to-left names
may come back in visual order, Arabic letters in their joined forms), and every character the
PDF draws must have a glyph in the embedded font it is drawn in (no empty box, no .notdef).
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from decision_aid.cli import main
from decision_aid.core import pdf_text
from decision_aid.core.report import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_report_fuzz import write_table  # noqa: E402

NAMES = {
    "Cyrillic": "Лечение покоем",
    "Greek": "Φυσικοθεραπεία",
    "Polish": "Źdźbło łąki",
    "Turkish": "Ilık İğne şişi",
    "Arabic": "العلاج الطبيعي",
    "Hebrew": "פיזיותרפיה",
    "Chinese": "物理治疗",
    "Emoji": "Rest 🛌 and 💊",
}


def _letters(value: str) -> set[str]:
    """The characters of ``value`` as text extraction gives them back (joined Arabic forms unjoined)."""
    return {char for char in unicodedata.normalize("NFKC", value) if not char.isspace()}


def _glyphs_drawn(sheet: bytes) -> dict[str, dict[str, str]]:
    """For each embedded font: character drawn -> name of the glyph that draws it.

    reportlab's subsets number their characters 0, 1, 2...; the font's ToUnicode map says which
    character each number stands for, the embedded font's own map which glyph draws it.
    """
    drawn: dict[str, dict[str, str]] = {}
    for page in PdfReader(io.BytesIO(sheet)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                continue
            program = TTFont(io.BytesIO(descriptor.get_object()["/FontFile2"].get_object().get_data()))
            codes = program["cmap"].tables[0].cmap
            to_unicode = font["/ToUnicode"].get_object().get_data().decode("ascii")
            to_unicode = to_unicode[to_unicode.index("beginbfchar"):]
            name = str(font["/BaseFont"]).split("+")[-1]
            for code, utf16 in re.findall(r"^<([0-9A-F]+)> <([0-9A-F]+)>$", to_unicode, flags=re.M):
                char = bytes.fromhex(utf16).decode("utf-16-be")
                drawn.setdefault(name, {})[char] = codes.get(int(code, 16), ".notdef")
    return drawn


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("scripts") / "table"
    write_table(folder, list(NAMES.values()), "Resting helps.", items=2, effects=3, big=10.0)
    out = folder.parent / "sheet.pdf"
    ids = [f"o{k}" for k in range(len(NAMES))]
    assert main(["report", "--data", str(folder), "--weight", "relief=8", "--weight", "wait=3",
                 *(a for i in ids[:4] for a in ("--compare", i)),
                 "--chosen", ids[4], "--out", str(out)]) == 0
    return out.read_bytes()


def test_every_character_of_every_name_comes_back_out(sheet):
    reader = PdfReader(io.BytesIO(sheet))
    found = _letters("".join(page.extract_text() for page in reader.pages))
    for script, name in NAMES.items():
        assert not _letters(name) - found, (script, _letters(name) - found)


def test_every_drawn_character_has_a_glyph_in_its_embedded_font(sheet):
    glyphs = _glyphs_drawn(sheet)
    with pdfplumber.open(io.BytesIO(sheet)) as pdf:
        drawn = {(char["fontname"].split("+")[-1], char["text"]) for page in pdf.pages for char in page.chars}
    # (the list bullets are reportlab's default Helvetica, a standard font that is never embedded)
    missing = {(font, char) for font, char in drawn if font != "Helvetica" and glyphs[font].get(char, ".notdef")
               == ".notdef"}
    assert not missing
    every = {char for font, char in drawn if font != "Helvetica"}
    for script, name in NAMES.items():
        assert not _letters(name) - _letters("".join(every)), script


def test_fallback_fonts_are_embedded_where_needed(sheet):
    reader = PdfReader(io.BytesIO(sheet))
    used = " ".join(str(ref.get_object()["/BaseFont"]) for page in reader.pages
                    for ref in page["/Resources"]["/Font"].values())
    for font in ("DejaVuSans", "NotoSansArabic", "NotoSansHebrew", "NotoSansCJKsc", "NotoEmoji"):
        assert "+" + font in used, font


@pytest.mark.parametrize("payload", ['<img src="file:///dev/zero"/>', "a & b", "&amp;", "</font><b>x",
                                     '<font name="Courier">x</font>', "<br/>"])
def test_markup_in_any_script_stays_literal(payload):
    for value in (payload, "中文" + payload, "שלום " + payload + " 😀"):
        markup = text(value)
        assert "<img" not in markup and "<br/>" not in markup
        # every tag in the result is one of ours: a font run
        stripped = markup.replace("</font>", "")
        for tag in stripped.split("<")[1:]:
            assert tag.startswith('font name="Noto'), markup


def test_right_to_left_is_in_visual_order_and_joined():
    assert pdf_text.visual("abc") == "abc"
    assert pdf_text.visual("שלום") == "םולש"
    shown = pdf_text.visual("Take سلام daily")
    assert shown.startswith("Take ") and shown.endswith(" daily")
    assert all("\ufe70" <= char <= "\ufeff" for char in shown[5:-6])   # joined (presentation) forms


def test_runs_keep_marks_with_their_letter_and_drop_invisible_unknowns():
    base = ("DejaVuSans", "DejaVuSans-Bold")
    text("x")                                                            # registers the fonts
    assert pdf_text.runs("e\u0301", base) == [(None, "e\u0301")]
    assert pdf_text.runs("中\U000E0001文", base) == [("NotoSansCJK", "中文")]
    assert pdf_text.runs("\U00017000", base) == [(None, pdf_text.REPLACEMENT)]   # Tangut: in no font


def test_fonts_ship_with_their_licence():
    folder = Path(pdf_text.FOLDER)
    assert (folder / "OFL.txt").read_text(encoding="utf-8").count("SIL Open Font License") >= 1
    assert all(Path(path).is_file() for path in pdf_text.font_files())
    assert sum(Path(path).stat().st_size for path in pdf_text.font_files()) < 8_000_000
