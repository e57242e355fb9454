"""Who made this decision aid, from what evidence, and its limits (``about.csv``).

:class:`AboutAidView` is a widget the window can embed; :class:`AboutAidDialog`
shows the same view in a dialog with a Close button. Under the table's
details a "Quality check (IPDAS)" block shows the content audit
(:func:`decision_aid.core.audit.run_audit`), one line per label, indented as
in the text report, so it reads well in any font.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import NOT_ADVICE
from ..core.table import DecisionTable
from ..core.words import NOT_STATED, humanise
from ..core.words.window import about_value
from . import language as i18n
from .language import N_
from .widgets import PlainLabel

#: (label shown, keys of about.csv accepted for it, first found wins).
ABOUT_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Decision"), ("decision",)),
    (N_("Condition"), ("condition",)),
    (N_("Who it is for"), ("audience", "intended_audience", "intended_users")),
    (N_("Authors"), ("authors", "author", "developers")),
    (N_("Funding"), ("funding", "funder", "funding_source")),
    (N_("Update policy"), ("update_policy", "updates")),
    (N_("Publication date"), ("published", "publication_date", "date_published")),
    (N_("Evidence compiled"), ("evidence_compiled", "evidence_date", "evidence_searched")),
    (N_("Limitations"), ("limitations", "limits")),
    (N_("Conflicts of interest"), ("conflicts_of_interest", "conflicts", "competing_interests")),
)
TITLE = N_("About this decision aid")
AUDIT_HEADING = N_("Quality check (IPDAS)")
AUDIT_INTRO = N_("The app checks its own content against the International Patient Decision Aid Standards "
                 "(IPDAS). Items that need a person to judge them are listed as such.")
MAX_LINE_EMS = 70
_SPACES = re.compile(r"\s{2,}")


def audit_lines(text: str) -> list[tuple[int, bool, str]]:
    """The lines of a text report as ``(indent level, heading, text)``, for a proportional font.

    Leading spaces become an indent level (none: 0, up to 3: 1, more: 2);
    runs of spaces used to line up columns become one space; a line
    without indent followed by an indented one is a heading. Blank lines
    are kept as ``(0, False, "")``; trailing blank lines are dropped.
    """
    rows: list[tuple[int, bool, str]] = []
    raw = str(text or "").replace("\t", "    ").splitlines()
    while raw and not raw[-1].strip():
        raw.pop()
    for line in raw:
        stripped = line.strip()
        lead = len(line) - len(line.lstrip(" "))
        level = 0 if not stripped or lead == 0 else 1 if lead <= 3 else 2
        rows.append((level, False, _SPACES.sub(" ", stripped)))
    for index, (level, _, line) in enumerate(rows[:-1]):
        following = rows[index + 1]
        if level == 0 and line and following[2] and following[0] > 0:
            rows[index] = (level, True, line)
    return rows


class AboutAidView(QWidget):
    """``about.csv`` in labelled rows, the not-advice notice, and an optional audit result.

    A field the table does not give shows "not stated" in italics; keys the
    list above does not know are shown after it under their own names.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: DecisionTable | None = None
        self._audit = ""
        self._summary: list[str] = []
        self.details_button: QPushButton | None = None
        self._audit_labels: list[PlainLabel] = []
        self.copy_audit_button: QPushButton | None = None
        self._labels: list[QLabel] = []
        self._fields: dict[str, PlainLabel] = {}
        self._content: QWidget | None = None
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("aboutScroll")
        i18n.name(self._scroll, TITLE)
        i18n.bind(self._scroll, "setAccessibleDescription",
                  N_("Use the arrow keys or Page Up and Page Down to scroll."))
        self._scroll.setWidgetResizable(True)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        i18n.name(self, TITLE)
        self._rebuild()

    # ------------------------------------------------------------------ API

    def set_table(self, table: DecisionTable | None) -> None:
        """Show the ``about.csv`` of ``table``."""
        self._table = table
        self._rebuild()

    def language_changed(self) -> None:
        """The window's language changed: everything again, in it."""
        self._rebuild()

    def set_audit_text(self, text: str, summary: list[str] | None = None) -> None:
        """Show an audit result as the quality check ("" hides the block).

        ``summary`` (plain sentences) is shown first; the located codes of
        ``text`` then sit behind a "Details for the clinic" button.
        """
        self._audit = str(text or "")
        self._summary = list(summary or [])
        self._rebuild()

    def audit_text(self) -> str:
        """The audit result as given ("" when none)."""
        return self._audit

    def audit_labels(self) -> list[PlainLabel]:
        """One label per non-blank line of the audit result."""
        return list(self._audit_labels)

    def field_text(self, label: str) -> str:
        """The value shown for a field, by its label (e.g. ``"Funding"``)."""
        return self._fields[label].text()

    def field_label(self, label: str) -> PlainLabel:
        """The label holding a field's value (for tests and accessibility checks)."""
        return self._fields[label]

    def text(self) -> str:
        """Every text shown, one label per line, in reading order."""
        return "\n".join(label.text() for label in self._labels if label.text())

    # ------------------------------------------------------------------ building

    def _em(self) -> int:
        return max(1, self.fontMetrics().horizontalAdvance("M"))

    def _add(self, layout, text: str, **style) -> PlainLabel:
        label = PlainLabel(text, **style)
        self._labels.append(label)
        if isinstance(layout, QVBoxLayout):
            layout.addWidget(label)
        return label

    def _rebuild(self) -> None:
        self._labels, self._fields, self._audit_labels = [], {}, []
        self.copy_audit_button = None
        em = self._em()
        content = QWidget()
        content.setObjectName("aboutContent")
        self._content = content
        box = QVBoxLayout(content)
        box.setContentsMargins(em, em, em, em)
        box.setSpacing(em // 2)
        tr = i18n.tr_of(self)
        self._add(box, tr.gettext(TITLE), scale=1.4, bold=True).setAccessibleName(tr.gettext(TITLE))

        notice = QFrame()
        notice.setObjectName("notAdvice")
        notice.setFrameShape(QFrame.Shape.Box)
        notice.setAccessibleName(tr.gettext("Important"))
        notice_box = QVBoxLayout(notice)
        notice_box.setContentsMargins(em // 2, em // 2, em // 2, em // 2)
        self._add(notice_box, tr.gettext("Important"), bold=True)
        self._add(notice_box, tr.gettext(NOT_ADVICE))
        box.addWidget(notice)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(em)
        form.setVerticalSpacing(em // 2)
        about = dict(self._table.about) if self._table is not None else {}
        used: set[str] = set()
        rows = []
        for label, keys in ABOUT_FIELDS:
            key = next((k for k in keys if str(about.get(k, "")).strip()), None)
            used.update(keys)
            rows.append((label, tr.gettext(label), about_value(about[key]) if key else ""))
        rows.extend((humanise(k), humanise(k), str(v).strip()) for k, v in about.items() if k not in used)
        for label, shown, value in rows:
            name = self._add(None, tr.gettext("{field}:").format(field=shown), bold=True)
            name.setWordWrap(False)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            field = self._add(None, value or tr.gettext(NOT_STATED), italic=not value)
            field.setAccessibleName(tr.gettext("{field}: {value}").format(field=shown, value=value or tr.gettext(NOT_STATED)))
            name.setBuddy(field)
            form.addRow(name, field)
            self._fields[label] = field
        if self._table is not None:
            folder = self._add(None, str(self._table.folder))
            name = self._add(None, tr.gettext("Table folder:"), bold=True)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.addRow(name, folder)
            self._fields["Table folder"] = folder
        box.addLayout(form)

        if self._audit.strip():
            self._add_audit(box, em)
        box.addStretch(1)
        content.setMaximumWidth(MAX_LINE_EMS * em)
        self._scroll.setWidget(content)

    def _add_audit(self, box: QVBoxLayout, em: int) -> None:
        box.addSpacing(em)
        top = QHBoxLayout()
        tr = i18n.tr_of(self)
        heading = PlainLabel(tr.gettext(AUDIT_HEADING), scale=1.2, bold=True)
        heading.setAccessibleName(tr.gettext(AUDIT_HEADING))
        self._labels.append(heading)
        top.addWidget(heading, 1)
        self.copy_audit_button = QPushButton(tr.gettext("Copy quality check"))
        self.copy_audit_button.setAccessibleName(tr.gettext("Copy the quality check as text"))
        self.copy_audit_button.clicked.connect(self._on_copy_audit)
        top.addWidget(self.copy_audit_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)
        self._add(box, tr.gettext(AUDIT_INTRO), italic=True)
        for sentence in self._summary:
            self._add(box, sentence).setObjectName("auditSentence")
        frame = QFrame()
        frame.setObjectName("qualityCheck")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(tr.gettext(AUDIT_HEADING))
        lines = QVBoxLayout(frame)
        lines.setContentsMargins(em // 2, em // 2, em // 2, em // 2)
        lines.setSpacing(max(1, em // 6))
        for level, heading_line, text in audit_lines(self._audit):
            if not text:
                lines.addSpacing(em // 2)
                continue
            label = self._add(lines, text, bold=heading_line)
            label.setProperty("indent", level)
            label.setContentsMargins(level * 2 * em, 0, 0, 0)
            label.setAccessibleName(text)
            label.setObjectName("auditLine")
            self._audit_labels.append(label)
        if self._summary:  # the located codes are for the clinic: behind a button
            self.details_button = QPushButton(tr.gettext("Details for the clinic"))
            self.details_button.setCheckable(True)
            self.details_button.setAccessibleName(tr.gettext("Show the details of the quality check, for the clinic"))
            self.details_button.toggled.connect(frame.setVisible)
            box.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
            frame.setVisible(False)
        box.addWidget(frame)

    def _on_copy_audit(self) -> None:
        QApplication.clipboard().setText(self._audit)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._content is not None:
            em = self._em()
            self._content.setMaximumWidth(MAX_LINE_EMS * em)
            for label in self._audit_labels:  # indents follow the text size
                label.setContentsMargins(int(label.property("indent") or 0) * 2 * em, 0, 0, 0)


class AboutAidDialog(QDialog):
    """:class:`AboutAidView` in a dialog with a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        i18n.window_title(self, TITLE)
        self.view = AboutAidView(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        i18n.name(buttons.button(QDialogButtonBox.StandardButton.Close), N_("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        em = max(1, self.fontMetrics().horizontalAdvance("M"))
        self.resize(60 * em, 45 * em)

    def set_table(self, table: DecisionTable | None) -> None:
        """Show the ``about.csv`` of ``table``."""
        self.view.set_table(table)

    def set_audit_text(self, text: str, summary: list[str] | None = None) -> None:
        """Show an audit result ("" hides it), with plain sentences first when given."""
        self.view.set_audit_text(text, summary)

    def text(self) -> str:
        """Every text shown (see :meth:`AboutAidView.text`)."""
        return self.view.text()
