"""Showing table values to a patient: wording, provenance and plain-text labels.

Everything that reads a value out of a :class:`~decision_aid.core.table.DecisionTable`
and turns it into words lives here, so the comparison grid, the details pane
and the about view say the same thing the same way. Only :class:`PlainLabel`
and :func:`tooltip_html` touch Qt.

Text from a data file is never interpreted: labels are forced to plain text
and tooltips (which Qt would otherwise guess to be rich text) are escaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QStyle, QWidget

from ..core.comparison import NO_FIGURE as _CORE_NO_FIGURE
from ..core.table import Criterion, DecisionTable

#: Shown wherever the table has no reliable figure (the same words as the CSV export).
NO_FIGURE = _CORE_NO_FIGURE
#: Shown for a text cell the table leaves empty.
NOT_STATED = "not stated"
#: Shown for an empty ``;`` list.
NONE_LISTED = "none listed"
#: Put in front of each item of a ``;`` list.
BULLET = "\u2022 "

#: GRADE certainty in plain words.
EVIDENCE_WORDS = {
    "high": "High: further research is very unlikely to change this",
    "moderate": "Moderate: further research may change this",
    "low": "Low: further research is likely to change this",
    "very low": "Very low: any estimate is very uncertain",
}

CATEGORY_WORDS = {
    "conventional": "Conventional treatment",
    "alternative": "Alternative treatment",
    "home": "Self-care at home",
}

_LEVEL_UNITS = {"level", "levels", "grade", "grades", "rank", "step", "steps"}
_LEVEL = re.compile(r"(?:^|(?<=[\s;.,(]))(-?\d+)\s*=\s*")
_CITATION = re.compile(r"\[([^\[\]]{1,60})\]")
_CITATION_KEY = re.compile(r"^[A-Za-z]{0,3}\d{1,4}[A-Za-z]{0,3}$")
_SOURCE_START = re.compile(r"(?:^|;)\s*(?=\[[^\[\]]{1,20}\])")
_MINUTES_PER_DAY = 24 * 60


# --------------------------------------------------------------------------- numbers


def format_number(value: float) -> str:
    """A number as people write it: ``3``, ``2.5``, ``10.26``."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{round(value, 2):g}"


def _with_unit(number: float, unit: str) -> str:
    """``number unit``, with a one-word plural unit made singular for exactly 1."""
    text = format_number(number)
    if not unit:
        return text
    if number == 1 and " " not in unit and len(unit) > 2 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{text} {unit}"


def _about_duration(minutes: float) -> str:
    """A short time in words: "about 30 minutes", "about 2 hours"."""
    if minutes < 2.5:
        return "less than 5 minutes"
    rounded = 5 * round(minutes / 5)
    if rounded < 60:
        return f"about {rounded} minutes"
    hours = round(minutes / 30) / 2
    return "about 1 hour" if hours == 1 else f"about {format_number(hours)} hours"


def _whole(value: float) -> bool:
    return abs(value - round(value)) < 0.05


def level_words(criterion: Criterion) -> dict[int, str]:
    """Words for each level of an ordinal criterion, read from its description.

    A description such as ``"0 = nothing done to the body. 1 = hands-on
    treatment ..."`` (levels separated by full stops or ``;``) gives
    ``{0: "nothing done to the body", 1: "hands-on treatment ..."}``. A
    description without that pattern gives an empty mapping.
    """
    text = criterion.description or ""
    matches = list(_LEVEL.finditer(text))
    words: dict[int, str] = {}
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following is not None else len(text)
        word = text[match.end():end].strip().rstrip(".;,").strip()
        if word:
            words.setdefault(int(match.group(1)), word)
    return words


def is_ordinal(criterion: Criterion) -> bool:
    """Whether values are levels on a scale rather than amounts."""
    return criterion.unit.strip().lower() in _LEVEL_UNITS or bool(level_words(criterion))


def level_parts(criterion: Criterion, value: float) -> tuple[str, str]:
    """A level and its words apart: ``("level 2 of 4", "medicine taken by mouth")``; words "" if unnamed."""
    scale = f"level {format_number(value)} of {format_number(criterion.max)}"
    word = level_words(criterion).get(int(round(value)), "") if _whole(value) else ""
    return scale, word


def format_value(criterion: Criterion, value: float) -> str:
    """A criterion value as a patient would say it.

    Parameters
    ----------
    criterion
        The criterion the value belongs to (its unit and description decide
        the wording).
    value
        The value; NaN means the table has no reliable figure.

    Returns
    -------
    str
        :data:`NO_FIGURE` for NaN; for a level, ``"level 2 of 4: medicine
        taken by mouth"`` when the description names the levels, else
        ``"level 2 of 4"``; for days under one day the time in minutes or
        hours (``"about 30 minutes"``); two weeks or more of days also in
        weeks (``"21 days (3 weeks)"``); 13 weeks or more also in months;
        anything else the number and its unit (``"3.3 points on 0-100"``).
    """
    if value is None or math.isnan(value):
        return NO_FIGURE
    unit = criterion.unit.strip()
    lower = unit.lower()
    if is_ordinal(criterion):
        scale, word = level_parts(criterion, value)
        return f"{scale}: {word}" if word else scale
    if lower in ("day", "days"):
        if 0 < value < 1:
            return _about_duration(value * _MINUTES_PER_DAY)
        text = _with_unit(value, unit)
        weeks = value / 7
        if weeks >= 2:
            text += f" ({format_number(round(weeks))} weeks)" if _whole(weeks) \
                else f" (about {format_number(round(weeks))} weeks)"
        return text
    if lower in ("week", "weeks"):
        if 0 < value < 1:
            days = round(value * 7)
            return "less than 1 day" if days < 1 else f"about {_with_unit(days, 'days')}"
        text = _with_unit(value, unit)
        if value >= 13:
            months = value * 12 / 52
            text += " (about 1 year)" if round(months) == 12 else f" (about {format_number(round(months))} months)"
        return text
    if lower in ("hour", "hours") and 0 < value < 1:
        return _about_duration(value * 60)
    return _with_unit(value, unit)


def format_range(criterion: Criterion, low: float, high: float) -> str:
    """The range given with a value, e.g. ``"range 1.3 to 5.3"``; "" when not given.

    The unit is left out (it follows the value the range belongs to) unless
    the range is shown in a different unit, as with parts of a day
    (``"range about 20 to 30 minutes"``).
    """
    if low is None or high is None or math.isnan(low) or math.isnan(high) or is_ordinal(criterion):
        return ""
    if criterion.unit.strip().lower() in ("day", "days") and 0 < high < 1:
        minutes = [v * _MINUTES_PER_DAY for v in (low, high)]
        if minutes[1] < 120:
            return f"range about {round(minutes[0])} to {round(minutes[1])} minutes"
        return f"range about {format_number(round(minutes[0] / 30) / 2)} to " \
               f"{format_number(round(minutes[1] / 30) / 2)} hours"
    return f"range {format_number(low)} to {format_number(high)}"


def value_of(table: DecisionTable, option_id: str, column: str) -> float:
    """An optional numeric cell (such as ``X_low``); NaN when absent or empty."""
    if column not in table.options.columns:
        return math.nan
    try:
        return float(table.options.at[option_id, column])
    except (TypeError, ValueError):
        return math.nan


def value_line(table: DecisionTable, option_id: str, criterion: Criterion) -> str:
    """The value with its range, as one line: ``"3.3 points on 0-100 (range 1.3 to 5.3 ...)"``."""
    value = table.value(option_id, criterion.column)
    text = format_value(criterion, value)
    if not math.isnan(value):
        span = format_range(criterion, value_of(table, option_id, criterion.column + "_low"),
                            value_of(table, option_id, criterion.column + "_high"))
        if span:
            text += f" ({span})"
    return text


# --------------------------------------------------------------------------- words


def evidence_words(level: str) -> str:
    """GRADE certainty in plain words, e.g. ``"Low: further research is likely to change this"``."""
    key = " ".join(str(level).lower().replace("_", " ").split())
    if not key:
        return NOT_STATED
    return EVIDENCE_WORDS.get(key, key.capitalize())


def category_words(category: str) -> str:
    """``"conventional"`` -> ``"Conventional treatment"``."""
    key = str(category).strip().lower()
    return CATEGORY_WORDS.get(key, key.capitalize())


def bullets(items: Iterable[str]) -> str:
    """One bulleted line per item; "" for no items."""
    return "\n".join(BULLET + item for item in items)


def humanise(column: str) -> str:
    """A column name as a heading: ``"colour_code"`` -> ``"Colour code"``."""
    text = str(column).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- provenance


def parse_sources(text: str) -> dict[str, str]:
    """The entries of a ``sources`` cell by their key.

    ``"[3] Hicks R. Quiz ...; [4] Independent ..."`` gives
    ``{"3": "[3] Hicks R. Quiz ...", "4": "[4] Independent ..."}``. A ``;``
    inside an entry is kept, since a new entry starts only at ``[key]``.
    Text before the first key (or a cell without keys) is ignored.
    """
    entries: dict[str, str] = {}
    text = str(text or "")
    matches = list(_SOURCE_START.finditer(text))
    for match, following in zip(matches, matches[1:] + [None]):
        end = following.start() if following is not None else len(text)
        chunk = text[match.end():end].strip().rstrip(";").strip()
        match = re.match(r"\[([^\[\]]+)\]", chunk)
        if match:
            entries.setdefault(match.group(1).strip(), chunk)
    return entries


def source_lines(text: str) -> list[str]:
    """A ``sources`` cell as one line per entry (the whole cell if it has no ``[key]`` entries)."""
    entries = parse_sources(text)
    if entries:
        return list(entries.values())
    return [item.strip() for item in str(text or "").split(";") if item.strip()]


def cited_keys(text: str) -> list[str]:
    """Reference keys cited in a text, in order: ``"... [3, 4] ... [10c]"`` -> ``["3", "4", "10c"]``."""
    keys: dict[str, None] = {}
    for match in _CITATION.finditer(str(text or "")):
        for part in match.group(1).split(","):
            part = part.strip()
            if _CITATION_KEY.match(part):
                keys.setdefault(part, None)
    return list(keys)


def provenance(table: DecisionTable, option_id: str, source: str = "", cited_in: str = "") -> str:
    """Where a value comes from, in plain text, for a tooltip or accessible description.

    Parameters
    ----------
    table
        The table.
    option_id
        The option the value belongs to.
    source
        The value's own source cell (``X_source``), if it has one.
    cited_in
        Text shown with the value (a note, a paragraph) whose ``[key]``
        citations name its sources when ``source`` is empty.

    Returns
    -------
    str
        ``"Source: [33]; [34]."``, then the full entry of each cited source
        found in the option's ``sources``, then ``"Reviewed 2026-11-22."``.
    """
    source = " ".join(str(source or "").split()).rstrip(".")
    keys = cited_keys(source) if source else cited_keys(cited_in)
    entries = parse_sources(table.text(option_id, "sources"))
    if source:
        lines = [f"Source: {source}."]
    elif keys:
        lines = ["Source: " + ", ".join(f"[{k}]" for k in keys) + " (cited in the text)."]
    else:
        listed = ", ".join(f"[{k}]" for k in entries) or "none listed"
        lines = [f"Source: not given for this entry. This option's sources: {listed} (see its details)."]
    lines.extend(entries[k] for k in keys if k in entries)
    reviewed = table.text(option_id, "reviewed").strip()
    lines.append(f"Reviewed {reviewed}." if reviewed else "Review date not stated.")
    return "\n".join(lines)


def criterion_provenance(table: DecisionTable, option_id: str, criterion: Criterion) -> str:
    """:func:`provenance` of one criterion value (its ``X_source``, citations in ``X_note``)."""
    return provenance(table, option_id, table.text(option_id, criterion.column + "_source"),
                      table.text(option_id, criterion.column + "_note"))


# --------------------------------------------------------------------------- Qt


def tooltip_html(text: str) -> str:
    """Plain text made safe for a tooltip.

    Qt shows a tooltip as rich text when it merely *looks* like HTML, so text
    from a data file is escaped and wrapped (long lines then wrap too).
    """
    if not text:
        return ""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


class PlainLabel(QLabel):
    """A word-wrapped, selectable label that never interprets its text.

    Its font is derived from its parent's (``scale`` times the point size,
    optionally bold or italic) and follows it when the application font
    changes, so text scales with the window's zoom.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, scale: float = 1.0,
                 bold: bool = False, italic: bool = False) -> None:
        super().__init__(parent)
        self._scale = float(scale)
        self._bold = bold
        self._italic = italic
        self._applying = False
        self._watched: QWidget | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(str(text))
        self._watch_parent()
        self._apply_font()

    def set_emphasis(self, *, scale: float | None = None, bold: bool | None = None,
                     italic: bool | None = None) -> None:
        """Change how the text is emphasised."""
        if scale is not None:
            self._scale = float(scale)
        if bold is not None:
            self._bold = bold
        if italic is not None:
            self._italic = italic
        self._apply_font()

    def event(self, event: QEvent) -> bool:
        result = super().event(event)
        if event.type() == QEvent.Type.ParentChange:
            self._watch_parent()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ParentChange,
                            QEvent.Type.ApplicationFontChange) and not self._applying:
            self._apply_font()
        return result

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A font set with an explicit size no longer follows the parent's, and Qt then
        # sends this label no FontChange: watch the parent instead.
        if watched is self._watched and event.type() == QEvent.Type.FontChange and not self._applying:
            self._apply_font()
        return False

    def _watch_parent(self) -> None:
        parent = self.parentWidget()
        if parent is self._watched:
            return
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:  # the old parent is already deleted, and its filters with it
                pass
        self._watched = parent
        if parent is not None:
            parent.installEventFilter(self)

    def _apply_font(self) -> None:
        parent = self.parentWidget()
        base = parent.font() if parent is not None else QApplication.font(self)
        font = QFont()  # resolves nothing by itself: family etc. still come from the parent
        if base.pointSizeF() > 0:
            font.setPointSizeF(base.pointSizeF() * self._scale)
        elif base.pixelSize() > 0:
            font.setPixelSize(max(1, round(base.pixelSize() * self._scale)))
        font.setBold(self._bold or base.bold())
        font.setItalic(self._italic or base.italic())
        current = self.font()
        if (current.pointSizeF(), current.pixelSize(), current.bold(), current.italic()) == \
                (font.pointSizeF(), font.pixelSize(), font.bold(), font.italic()) and current.family() == base.family():
            return
        self._applying = True
        try:
            self.setFont(font)
        finally:
            self._applying = False


def plain_label(text: str = "", parent: QWidget | None = None, *, scale: float = 1.0, bold: bool = False,
                italic: bool = False) -> PlainLabel:
    """A :class:`PlainLabel`: plain text, word wrap, selectable with the mouse."""
    return PlainLabel(text, parent, scale=scale, bold=bold, italic=italic)


def heading_label(text: str, parent: QWidget | None = None, *, scale: float = 1.2) -> PlainLabel:
    """A bold :class:`PlainLabel` ``scale`` times the surrounding text size."""
    label = PlainLabel(text, parent, scale=scale, bold=True)
    label.setAccessibleName(text)
    return label


def bullet_item(text: str, *, italic: bool = False) -> tuple[QWidget, PlainLabel]:
    """One list item: a bullet beside a :class:`PlainLabel`, so wrapped lines hang under the text.

    Returns
    -------
    (QWidget, PlainLabel)
        The row to add to a layout and the label holding ``text`` itself.
    """
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(4)
    bullet = QLabel(BULLET.strip())
    bullet.setTextFormat(Qt.TextFormat.PlainText)
    bullet.setAccessibleName("bullet")
    label = PlainLabel(text, italic=italic)
    line.addWidget(bullet, 0, Qt.AlignmentFlag.AlignTop)
    line.addWidget(label, 1)
    return row, label


def warning_icon(reference: QWidget) -> QLabel:
    """The platform's warning icon, sized to the text of ``reference``, named "Warning" for screen readers."""
    icon = QLabel()
    icon.setAccessibleName("Warning")
    size_icon_to_text(icon, reference)
    return icon


def size_icon_to_text(icon: QLabel, reference: QWidget) -> None:
    """(Re)draw a warning icon at the height of a line of ``reference``'s text."""
    size = max(16, reference.fontMetrics().height())
    pixmap = reference.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
    icon.setPixmap(pixmap)
    icon.setFixedSize(size, size)


#: Style of a framed warning box; the border uses the text colour, so it shows in any theme.
WARNING_FRAME_STYLE = ("QFrame#{name} {{ border: 2px solid palette(window-text); border-radius: 4px; "
                       "background: palette(base); }}")
