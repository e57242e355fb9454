"""Rebuild the fallback fonts under ``decision_aid/core/fonts/`` (not a test; run by hand).

The take-home PDF sets text in DejaVu Sans (shipped with matplotlib) and falls back,
character by character, to the fonts this script writes. Sources (see the fonts' README):

* Debian ``fonts-noto-core`` (NotoSansArabic-Regular.ttf, NotoSansHebrew-Regular.ttf),
* Debian ``fonts-noto-cjk`` (NotoSansCJK-Regular.ttc, the Simplified Chinese face),
* npm ``@expo-google-fonts/noto-emoji`` (NotoEmoji_400Regular.ttf, the monochrome Noto Emoji).

reportlab embeds only TrueType outlines, so the CJK face (CFF outlines) is converted to
quadratic curves here; it is also cut down to the characters of GB 2312 (every Chinese
character of the Chinese national standard), JIS X 0208 level 1 kanji, kana, the 2,350
Hangul syllables of KS X 1001, CJK punctuation and full-width forms, to keep the package small.

Usage::

    apt-get download fonts-noto-core fonts-noto-cjk     # then dpkg-deb -x each into SRC
    npm pack @expo-google-fonts/noto-emoji              # then tar xzf into SRC
    python tests/tools/subset_fonts.py SRC decision_aid/core/fonts
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

CJK_FACE = 2          # Noto Sans CJK SC in NotoSansCJK-Regular.ttc
MAX_ERROR = 1.0       # font units a quadratic curve may stray from the cubic one


def _encodable(codec: str, lo: int, hi: int) -> set[int]:
    chars = set()
    for code in range(lo, hi):
        char = chr(code)
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            continue
        chars.add(code)
    return chars


def cjk_characters() -> set[int]:
    chars = _encodable("gb2312", 0x4E00, 0xA000)                 # all 6,763 GB 2312 hanzi
    for code in range(0x4E00, 0xA000):                             # JIS X 0208 level 1 kanji (rows 16-47)
        try:
            raw = chr(code).encode("euc_jp")
        except UnicodeEncodeError:
            continue
        if len(raw) == 2 and 0xB0 <= raw[0] <= 0xCF:
            chars.add(code)
    chars |= _encodable("euc_kr", 0xAC00, 0xD7A4)                  # KS X 1001 Hangul syllables
    for lo, hi in ((0x3000, 0x3100), (0x3130, 0x3190), (0xFF00, 0xFFF0), (0x31F0, 0x3200)):
        chars |= set(range(lo, hi))                                # punctuation, kana, jamo, full width
    return chars


def cff_to_glyf(font: TTFont) -> None:
    """Replace a font's CFF outlines by TrueType (quadratic) ones, in place."""
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    for tag in ("VORG", "vhea", "vmtx", "BASE", "GPOS", "GSUB", "GDEF"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def _subset(font: TTFont, unicodes: set[int]) -> None:
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder holding the extracted packages")
    parser.add_argument("target", type=Path, help="decision_aid/core/fonts")
    args = parser.parse_args(argv)
    found = {path.name: path for path in args.source.rglob("*") if path.is_file()}
    args.target.mkdir(parents=True, exist_ok=True)
    for name in ("NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf"):
        shutil.copyfile(found[name], args.target / name)
    shutil.copyfile(found["NotoEmoji_400Regular.ttf"], args.target / "NotoEmoji-Regular.ttf")
    cjk = TTCollection(found["NotoSansCJK-Regular.ttc"]).fonts[CJK_FACE]
    _subset(cjk, cjk_characters())
    cff_to_glyf(cjk)
    cjk.save(args.target / "NotoSansCJKsc-Subset.ttf")
    for path in sorted(args.target.glob("*.ttf")):
        print(f"{path.name}: {path.stat().st_size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
