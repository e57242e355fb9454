"""Who made this decision aid, from what evidence, and its limits (``about.csv``).

:class:`AboutAidView` is a widget the window can embed; :class:`AboutAidDialog`
shows the same view in a dialog with a Close button.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout,
                               QWidget)

from .. import NOT_ADVICE
from ..core.table import DecisionTable
from .text import NOT_STATED, PlainLabel, humanise

#: (label shown, keys of about.csv accepted for it, first found wins).
ABOUT_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Decision", ("decision",)),
    ("Condition", ("condition",)),
    ("Who it is for", ("audience", "intended_audience", "intended_users")),
    ("Authors", ("authors", "author", "developers")),
    ("Funding", ("funding", "funder", "funding_source")),
    ("Update policy", ("update_policy", "updates")),
    ("Publication date", ("published", "publication_date", "date_published")),
    ("Evidence compiled", ("evidence_compiled", "evidence_date", "evidence_searched")),
    ("Limitations", ("limitations", "limits")),
    ("Conflicts of interest", ("conflicts_of_interest", "conflicts", "competing_interests")),
)
TITLE = "About this decision aid"
AUDIT_HEADING = "Check of this table against the decision-aid standards"
MAX_LINE_EMS = 70


class AboutAidView(QWidget):
    """``about.csv`` in labelled rows, the not-advice notice, and an optional audit result.

    A field the table does not give shows "not stated" in italics; keys the
    list above does not know are shown after it under their own names.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: DecisionTable | None = None
        self._audit = ""
        self._labels: list[QLabel] = []
        self._fields: dict[str, PlainLabel] = {}
        self._content: QWidget | None = None
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("aboutScroll")
        self._scroll.setAccessibleName("About this decision aid")
        self._scroll.setAccessibleDescription("Use the arrow keys or Page Up and Page Down to scroll.")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self.setAccessibleName(TITLE)
        self._rebuild()

    # ------------------------------------------------------------------ API

    def set_table(self, table: DecisionTable | None) -> None:
        """Show the ``about.csv`` of ``table``."""
        self._table = table
        self._rebuild()

    def set_audit_text(self, text: str) -> None:
        """Show an audit result under the table's details ("" hides the block)."""
        self._audit = str(text or "")
        self._rebuild()

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
        self._labels, self._fields = [], {}
        em = self._em()
        content = QWidget()
        content.setObjectName("aboutContent")
        self._content = content
        box = QVBoxLayout(content)
        box.setContentsMargins(em, em, em, em)
        box.setSpacing(em // 2)
        self._add(box, TITLE, scale=1.4, bold=True).setAccessibleName(TITLE)

        notice = QFrame()
        notice.setObjectName("notAdvice")
        notice.setFrameShape(QFrame.Shape.Box)
        notice.setAccessibleName("Important")
        notice_box = QVBoxLayout(notice)
        notice_box.setContentsMargins(em // 2, em // 2, em // 2, em // 2)
        self._add(notice_box, "Important", bold=True)
        self._add(notice_box, NOT_ADVICE)
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
            rows.append((label, about[key].strip() if key else ""))
        rows.extend((humanise(k), str(v).strip()) for k, v in about.items() if k not in used)
        for label, value in rows:
            name = self._add(None, f"{label}:", bold=True)
            name.setWordWrap(False)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            field = self._add(None, value or NOT_STATED, italic=not value)
            field.setAccessibleName(f"{label}: {value or NOT_STATED}")
            name.setBuddy(field)
            form.addRow(name, field)
            self._fields[label] = field
        if self._table is not None:
            folder = self._add(None, str(self._table.folder))
            name = self._add(None, "Table folder:", bold=True)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.addRow(name, folder)
            self._fields["Table folder"] = folder
        box.addLayout(form)

        if self._audit.strip():
            box.addSpacing(em)
            self._add(box, AUDIT_HEADING, scale=1.2, bold=True).setAccessibleName(AUDIT_HEADING)
            audit = self._add(box, self._audit.strip())
            audit.setAccessibleName("Audit result")
        box.addStretch(1)
        content.setMaximumWidth(MAX_LINE_EMS * em)
        self._scroll.setWidget(content)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._content is not None:
            self._content.setMaximumWidth(MAX_LINE_EMS * self._em())


class AboutAidDialog(QDialog):
    """:class:`AboutAidView` in a dialog with a Close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.view = AboutAidView(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        em = max(1, self.fontMetrics().horizontalAdvance("M"))
        self.resize(60 * em, 45 * em)

    def set_table(self, table: DecisionTable | None) -> None:
        """Show the ``about.csv`` of ``table``."""
        self.view.set_table(table)

    def set_audit_text(self, text: str) -> None:
        """Show an audit result ("" hides it)."""
        self.view.set_audit_text(text)

    def text(self) -> str:
        """Every text shown (see :meth:`AboutAidView.text`)."""
        return self.view.text()
