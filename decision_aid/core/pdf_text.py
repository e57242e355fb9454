"""Text of any script in the take-home PDF: fallback fonts, right-to-left order, safe markup.

The sheet is set in DejaVu Sans. A character DejaVu Sans lacks (Chinese, Japanese and
Korean characters, many emoji) would print as an empty box, so every run of text is
split by the first font that has each character: DejaVu Sans, then the Noto fonts
shipped in ``decision_aid/core/fonts`` (Arabic, Hebrew, a CJK subset, monochrome emoji).
A combining mark stays in the font of the letter it sits on. A character no font has
prints as the replacement sign; an invisible format character no font has is left out.

reportlab sets characters left to right, one after the other. Arabic and Hebrew are
therefore put in visual order first (the Unicode bidirectional algorithm, python-bidi,
on a left-to-right line, since the sheet is in English) and Arabic letters are given
their joined forms (arabic-reshaper), line by line.

:func:`markup` is the only way data text reaches reportlab's paragraph markup: every
run is escaped, so a name such as ``<img src=...>`` or ``&amp;`` prints literally.
:func:`fix_drawing` does the same for the words of a chart converted from SVG.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

FOLDER = os.path.join(os.path.dirname(__file__), "fonts")
#: reportlab name, file under ``fonts/`` and matplotlib family of each fallback font, in order of use.
FALLBACKS = (
    ("NotoSansArabic", "NotoSansArabic-Regular.ttf", "Noto Sans Arabic"),
    ("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", "Noto Sans Hebrew"),
    ("NotoSansCJK", "NotoSansCJKsc-Subset.ttf", "Noto Sans CJK SC"),
    ("NotoEmoji", "NotoEmoji-Regular.ttf", "Noto Emoji"),
)
#: Printed for a character that no font has.
REPLACEMENT = "\ufffd"
#: Blocks set in a Noto font even where DejaVu Sans has a glyph, so a script looks the same throughout
#: (DejaVu Sans draws Arabic and Hebrew in its regular face only) and emoji look like emoji.
PREFERRED = (
    ((0x0590, 0x0600), (0xFB1D, 0xFB50), "NotoSansHebrew"),
    ((0x0600, 0x0700), (0x0750, 0x0780), "NotoSansArabic"),
    ((0x08A0, 0x0900), (0xFB50, 0xFE00), "NotoSansArabic"),
    ((0xFE70, 0xFF00), (0x10EC0, 0x10F00), "NotoSansArabic"),
    ((0x1F000, 0x1FB00), (0x1FB00, 0x1FB00), "NotoEmoji"),
)
_RTL = ("R", "AL", "AN")
#: Fonts a space between two of their words stays in (one run for a right-to-left phrase).
_SPACED = ("NotoSansArabic", "NotoSansHebrew")


def font_files() -> list[str]:
    """Paths of the fallback fonts, in order of use."""
    return [os.path.join(FOLDER, file) for _, file, _ in FALLBACKS]


def _astral_to_unicode(make):
    """reportlab's ToUnicode map writes a character beyond U+FFFF as ``<1F48A>``, which readers reject
    (emoji would not copy, search or read aloud); the PDF format wants UTF-16: ``<D83DDC8A>``."""
    def fixed(fontname, subset):
        return re.sub(r"^(<[0-9A-F]+> )<([0-9A-F]{5,6})>$",
                      lambda m: m[1] + "<" + chr(int(m[2], 16)).encode("utf-16-be").hex().upper() + ">",
                      make(fontname, subset), flags=re.M)
    fixed.fixes_astral = True
    return fixed


def register_fallback_fonts() -> None:
    """Register the fallback fonts with reportlab, each as its own bold and italic (once)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    if not getattr(ttfonts.makeToUnicodeCMap, "fixes_astral", False):
        ttfonts.makeToUnicodeCMap = _astral_to_unicode(ttfonts.makeToUnicodeCMap)

    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file, _ in FALLBACKS:
        if name in registered:
            continue
        pdfmetrics.registerFont(TTFont(name, os.path.join(FOLDER, file)))
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)


@lru_cache(maxsize=None)
def _coverage(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(code for code, glyph in pdfmetrics.getFont(name).face.charToGlyph.items() if glyph)


@lru_cache(maxsize=None)
def _chain(base: tuple[str, ...]) -> tuple[tuple[str | None, frozenset[int]], ...]:
    """(font, characters) pairs to try in order; ``None`` stands for the base fonts.

    The base's characters are those *every* base face has (a bold run must not lose a glyph
    the regular face has).
    """
    register_fallback_fonts()
    common = frozenset.intersection(*(_coverage(name) for name in base))
    return ((None, common),) + tuple((name, _coverage(name)) for name, _, _ in FALLBACKS)


def _font_for(code: int, chain, cover) -> str | None | bool:
    for *blocks, font in PREFERRED:
        if any(lo <= code < hi for lo, hi in blocks) and code in cover[font]:
            return font
    for font, chars in chain:
        if code in chars:
            return font
    return False


def runs(value: str, base: tuple[str, ...]) -> list[tuple[str | None, str]]:
    """Split ``value`` into (font, text) runs; font ``None`` is the base font.

    Characters no font has become :data:`REPLACEMENT`, or are left out when they are invisible
    (format characters, variation selectors, unassigned combining marks).
    """
    chain = _chain(tuple(base))
    cover = dict(chain)
    out: list[tuple[str | None, str]] = []
    font: str | None = None
    chunk: list[str] = []
    for char in value:
        code = ord(char)
        category = unicodedata.category(char)
        if chunk and (category in ("Mn", "Me") or category == "Zs" and font in _SPACED) and code in cover[font]:
            chunk.append(char)                      # a mark stays with its letter's font, a space with its word's
            continue
        found = _font_for(code, chain, cover)
        if found is False:
            if category in ("Mn", "Me", "Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp") or 0xFE00 <= code <= 0xFE0F:
                continue
            char, found = REPLACEMENT, _font_for(ord(REPLACEMENT), chain, cover)
            found = None if found is False else found
        if chunk and found != font:
            out.append((font, "".join(chunk)))
            chunk = []
        font = found
        chunk.append(char)
    if chunk:
        out.append((font, "".join(chunk)))
    return out


def has_rtl(value: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL for char in value)


def visual(line: str) -> str:
    """One line of text in the order it is drawn left to right, Arabic letters joined."""
    if not has_rtl(line):
        return line
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(line), base_dir="L")


def markup(value: object, base: tuple[str, ...]) -> str:
    """Data text as reportlab paragraph markup: escaped, in visual order, each run in a font that has it.

    ``base`` names the faces the paragraph may be set in (regular, bold, ...); line breaks are kept.
    """
    lines = []
    for line in str(value).split("\n"):
        parts = []
        for font, chunk in runs(visual(line), base):
            safe = escape(chunk)
            parts.append(safe if font is None else f'<font name="{font}">{safe}</font>')
        lines.append("".join(parts))
    return "<br/>".join(lines)


def fix_drawing(drawing, base_of) -> None:
    """Put each word of a reportlab drawing in visual order and in fonts that have its characters.

    ``base_of(font_name)`` gives the face a string's font stands for (svglib names the fonts it cannot
    map Helvetica, which has none of these scripts), first. A string that needs more than one font
    becomes a group of strings, placed one after the other where the original began.
    """
    from reportlab.graphics.shapes import Group, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fix(group) -> None:
        contents = getattr(group, "contents", None)
        if contents is None:
            return
        for index, node in enumerate(contents):
            if not isinstance(node, String):
                fix(node)
                continue
            base = tuple(base_of(node.fontName))
            node.fontName = base[0]
            pieces = runs(visual(node.text), base)
            if len(pieces) <= 1 and (not pieces or pieces[0][0] is None):
                node.text = pieces[0][1] if pieces else ""
                continue
            named = [(font or base[0], chunk) for font, chunk in pieces]
            widths = [stringWidth(chunk, font, node.fontSize) for font, chunk in named]
            x = node.x - {"middle": sum(widths) / 2, "end": sum(widths)}.get(node.textAnchor, 0.0)
            group_ = Group()
            for (font, chunk), width in zip(named, widths):
                group_.add(String(x, node.y, chunk, fontName=font, fontSize=node.fontSize,
                                  fillColor=node.fillColor, textAnchor="start"))
                x += width
            contents[index] = group_

    fix(drawing)
