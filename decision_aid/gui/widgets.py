"""Qt widgets that show text from a data file: plain-text labels, value blocks, the source panel.

Text from a data file is never interpreted: labels are forced to plain text
and tooltips (which Qt would otherwise guess to be rich text) are escaped.
A very long word is given invisible break points for display only, so it
wraps instead of widening the window; :meth:`PlainLabel.text` still returns
the text as given. What the text *says* is decided in
:mod:`decision_aid.core.words`; this module only shows it.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QFont, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPen
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (QApplication, QCheckBox, QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QScrollArea,
                               QStyle, QVBoxLayout, QWidget)

from ..core.words import BULLET, WHERE_HEADING
from . import language as i18n
from .language import N_

#: Text in the patient layer is this much larger than the application font (relative, so zooming still works).
PATIENT_SCALE = 1.15



#: An invisible break point, put into very long words for display only.
SOFT_BREAK = "\u200b"
#: A run of more non-space characters than this gets break points ...
LONG_RUN = 24
#: ... after about every this many characters.
RUN_CHUNK = 8
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


def _can_break(before: str, after: str) -> bool:
    """Whether a break between two characters keeps every character and emoji whole."""
    if unicodedata.category(after)[0] == "M" or "Cf" in (unicodedata.category(before), unicodedata.category(after)):
        return False  # combining marks, joiners, direction marks and tags stay with their neighbours
    if 0xFE00 <= ord(after) <= 0xFE0F or 0x1F3FB <= ord(after) <= 0x1F3FF:
        return False  # variation selectors and skin tones belong to the character before
    return not (0x1F1E6 <= ord(before) <= 0x1F1FF and 0x1F1E6 <= ord(after) <= 0x1F1FF)  # flags


def soft_wrap(text: str) -> str:
    """``text`` with invisible break points inside words too long for a narrow column.

    Qt wraps only between words, so one 500-letter word would make a label
    500 letters wide. Runs of more than :data:`LONG_RUN` non-space
    characters get a zero-width space about every :data:`RUN_CHUNK`
    characters, never inside a combining sequence or an emoji. For display
    only: removing :data:`SOFT_BREAK` gives ``text`` back.
    """
    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        out, since = [run[0]], 1
        for before, after in zip(run, run[1:]):
            if since >= RUN_CHUNK and _can_break(before, after):
                out.append(SOFT_BREAK)
                since = 0
            out.append(after)
            since += 1
        return "".join(out)

    return _LONG_RUN.sub(split, str(text))


def scaled_font(base: QFont, scale: float) -> QFont:
    """A copy of ``base`` ``scale`` times its size (point or pixel size, whichever it uses)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * scale)))
    return font


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
    changes, so text scales with the window's zoom. Very long words wrap
    anywhere (see :func:`soft_wrap`); :meth:`text` and copying give the text
    as it was set.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, scale: float = 1.0,
                 bold: bool = False, italic: bool = False) -> None:
        super().__init__(parent)
        self._raw = ""
        self._named_by_text = False
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

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show ``text`` as plain text, with break points in very long words."""
        self._raw = str(text)
        shown = soft_wrap(self._raw)
        super().setText(shown)
        if shown != self._raw and (self._named_by_text or not self.accessibleName()):
            self.setAccessibleName(self._raw)  # screen readers get the text without break points
            self._named_by_text = True
        elif self._named_by_text:
            self.setAccessibleName("")
            self._named_by_text = False

    def text(self) -> str:
        """The text as it was set (without display break points)."""
        return self._raw

    def clear(self) -> None:
        self.setText("")

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        self._named_by_text = False
        super().setAccessibleName(name)

    def copy_selection(self) -> None:
        """Put the selected text on the clipboard, without display break points."""
        if self.hasSelectedText():
            QApplication.clipboard().setText(self.selectedText().replace(SOFT_BREAK, ""))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if SOFT_BREAK not in super().text():
            super().contextMenuEvent(event)
            return
        menu = QMenu(self)  # Qt's own menu would copy the break points
        tr = i18n.tr_of(self)
        copy = menu.addAction(tr.gettext("&Copy"), self.copy_selection)
        copy.setEnabled(self.hasSelectedText())
        menu.addAction(tr.gettext("Select &All"), lambda: self.setSelection(0, len(super(PlainLabel, self).text())))
        menu.exec(event.globalPos())
        menu.deleteLater()

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
        state = self.__dict__
        if "_watched" not in state:
            return False            # being torn down with its parent: the parent's last events are not ours
        if watched is state["_watched"] and event.type() == QEvent.Type.FontChange and not state["_applying"]:
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
    i18n.name(icon, N_("Warning"), i18n.tr_of(reference))
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


class SourceBlock(QFrame):
    """A value that says where it comes from when clicked, or when Enter or Space is pressed on it.

    It takes keyboard focus (Tab) and draws a dashed outline when focused.
    Clicks on the labels it :meth:`track` count as clicks on it, unless they
    select text.
    """

    #: Clicked, or Enter or Space pressed while focused.
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def track(self, widget: QWidget) -> None:
        """Let a click on ``widget`` (a label inside the block) activate the block."""
        widget.installEventFilter(self)
        widget.setCursor(Qt.CursorShape.PointingHandCursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton \
                and not (isinstance(watched, QLabel) and watched.hasSelectedText()):
            self._activate(Qt.FocusReason.MouseFocusReason)
        return False

    def _activate(self, reason: Qt.FocusReason) -> None:
        if not self.hasFocus():
            self.setFocus(reason)
        self.activated.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._activate(Qt.FocusReason.MouseFocusReason)
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            event.accept()
            self.activated.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # an outline, so focus shows without relying on colour
            painter = QPainter(self)
            pen = QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.end()


class ProvenancePanel(QFrame):
    """The inline "Where this comes from" box under the grid or the details.

    It shows what a value is (``subject``) and its provenance as plain text
    (source, note, review date, stale or unsourced); Close or Escape hides it.
    The text scrolls when it is longer than a few lines.
    """

    #: Lines of text shown before the panel scrolls.
    LINES = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("provenancePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        i18n.name(self, WHERE_HEADING)
        box = QVBoxLayout(self)
        em = max(1, self.fontMetrics().horizontalAdvance("M"))
        box.setContentsMargins(em // 2, em // 3, em // 2, em // 3)
        box.setSpacing(2)
        top = QHBoxLayout()
        self._heading = PlainLabel("", bold=True)
        i18n.text(self._heading, WHERE_HEADING)
        i18n.name(self._heading, WHERE_HEADING)
        self._subject = PlainLabel("", italic=True)
        i18n.name(self._subject, N_("Value"))
        self.close_button = QPushButton()
        i18n.text(self.close_button, N_("Close"))
        i18n.name(self.close_button, N_("Close where this comes from"))
        self.close_button.clicked.connect(self._on_close)
        top.addWidget(self._heading, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)
        box.addWidget(self._subject)
        self._body = PlainLabel("")
        i18n.name(self._body, WHERE_HEADING)
        self._body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._scroll = text_scroll(self._body, "provenanceScroll")
        box.addWidget(self._scroll)
        self._fit()
        self.hide()

    def show_text(self, subject: str, text: str) -> None:
        """Show where ``subject`` (e.g. "How much might it help? - Botox") comes from."""
        self._subject.setText(subject)
        self._subject.setVisible(bool(subject))
        self._body.setText(text)
        self._body.setAccessibleDescription(text)
        self._scroll.verticalScrollBar().setValue(0)
        self.show()
        self._fit()

    def subject(self) -> str:
        """What the panel is about."""
        return self._subject.text()

    def text(self) -> str:
        """The provenance shown ("" before any)."""
        return self._body.text()

    def labels(self) -> list[PlainLabel]:
        """Heading, subject and text labels."""
        return [self._heading, self._subject, self._body]

    def _fit(self) -> None:
        """As tall as the text, up to :attr:`LINES` lines; longer text scrolls."""
        line = self._body.fontMetrics().lineSpacing()
        width = self._scroll.viewport().width() if self.isVisible() else self.width() - 2 * self.frameWidth()
        needed = self._body.heightForWidth(max(1, width - self._scroll.verticalScrollBar().sizeHint().width()))
        height = min(max(needed, line), self.LINES * line)
        if self._scroll.height() != height:
            self._scroll.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _on_close(self) -> None:
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.hide()
        else:
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()


class WrappingCheckBox(QWidget):
    """A tick box whose words wrap to the width it is given, in any language (a QCheckBox's own text never wraps).

    The box takes the focus (Tab, Space) and carries the accessible name;
    clicking the words ticks it as clicking the box does. ``toggled``,
    :meth:`isChecked`, :meth:`setChecked`, :meth:`click`, :meth:`text` and
    :meth:`setText` behave as a QCheckBox's; blocking this widget's signals
    silences ``toggled``.
    """

    toggled = Signal(bool)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.setFocusProxy(self.box)
        self.box.toggled.connect(self.toggled)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.label.setText(text)
        self.box.setAccessibleName(text)

    def text(self) -> str:
        return self.label.text()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.box.setAccessibleName(name)

    def isChecked(self) -> bool:  # noqa: N802 - Qt's name
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802 - Qt's name
        self.box.setChecked(checked)

    def click(self) -> None:
        self.box.click()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease and self.isEnabled() \
                and event.button() == Qt.MouseButton.LeftButton and self.label.rect().contains(event.position().toPoint()):
            self.box.click()
            return True
        return super().eventFilter(watched, event)


class FittingScrollArea(QScrollArea):
    """Scrolls its content up and down, never sideways, and asks for the width the content needs.

    A splitter or layout then never makes it narrower than its content's
    minimum, so nothing is cut at its right edge whatever the language or
    text size; the content's minimum is asked again whenever its layout changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt's name
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = (content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                 + 2 * self.frameWidth())
        return QSize(max(hint.width(), width), hint.height())


def text_scroll(label: QWidget, name: str) -> QScrollArea:
    """A frameless area that scrolls ``label`` up and down (never sideways: the text wraps)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(label)
    return area


def rebuild_keeping_scroll(area: QScrollArea, rebuild) -> None:
    """Run ``rebuild`` (which replaces the area's contents) and keep the reader's place."""
    bar = area.verticalScrollBar()
    fraction = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
    rebuild()
    content = area.widget()
    if content is not None and content.layout() is not None:
        content.layout().activate()
        content.adjustSize()
    bar.setValue(round(fraction * bar.maximum()))
