"""The side-effects view: choose the option here, or see the compared options side by side."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..core.table import DecisionTable
from ..core.words.window import side_by_side_heading
from . import language as i18n
from .language import N_
from .pictographs import PictographPanel
from .widgets import PlainLabel

#: The chooser's first entry: the options ticked for comparison.
COMPARED = "__compared__"
#: The chooser's first entry.
TICKED = N_("The options ticked for comparison")


class SideEffectsTab(QWidget):
    """A chooser (the compared options, or any one option) above the icon arrays.

    It keeps no state of its own about the consultation: the window tells it
    which options are compared (:meth:`show_compared`) and which is picked in
    the options list (:meth:`show_current`); the chooser only says which of
    those to show.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideEffectsTab")
        self._table: DecisionTable | None = None
        self._compared: list[str] = []
        self._current: str | None = None
        layout = QVBoxLayout(self)
        self.heading = PlainLabel("", scale=1.2, bold=True)
        self.heading.setObjectName("effectsHeading")
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        label = QLabel()
        i18n.text(label, N_("&Show side effects of:"))
        self.chooser = QComboBox()
        i18n.name(self.chooser, N_("Whose side effects to show"))
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(16)
        label.setBuddy(self.chooser)
        row.addWidget(label)
        row.addWidget(self.chooser, 1)
        layout.addLayout(row)
        self.pictographs = PictographPanel()
        layout.addWidget(self.pictographs, 1)
        self.chooser.currentIndexChanged.connect(self._on_chosen)

    def set_table(self, table: DecisionTable) -> None:
        self._table = table
        self._compared, self._current = [], None
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItem(i18n.tr_of(self).gettext(TICKED), COMPARED)
        for option_id in table.ids:
            self.chooser.addItem(table.text(option_id, "name") or option_id, option_id)
        self.chooser.setCurrentIndex(0)
        self.chooser.blockSignals(False)
        self._refresh()

    def language_changed(self) -> None:
        """The window's language changed: the chooser's first entry and the heading in it.

        The icon arrays redraw themselves (their own hook).
        """
        if self.chooser.count():
            self.chooser.setItemText(0, i18n.tr_of(self).gettext(TICKED))
        self._say_heading()

    def show_compared(self, ids: list[str]) -> None:
        """The options ticked for comparison changed."""
        self._compared = list(ids)
        self._refresh()

    def show_current(self, option_id: str | None) -> None:
        """The option picked in the options list changed (shown while none are compared)."""
        self._current = option_id
        self._refresh()

    def choose(self, option_id: str | None) -> None:
        """Show one option (None: the compared options)."""
        index = self.chooser.findData(option_id if option_id is not None else COMPARED)
        if index >= 0:
            self.chooser.setCurrentIndex(index)

    def shown(self) -> list[str]:
        """The options whose side effects are shown."""
        choice = self.chooser.currentData()
        if choice not in (None, COMPARED):
            return [choice]
        return list(self._compared) or ([self._current] if self._current else [])

    def _on_chosen(self, _index: int) -> None:
        self._refresh()

    def _refresh(self) -> None:
        table = self._table
        if table is None:
            return
        self._say_heading()
        self.pictographs.show_options(table, self.shown())

    def _say_heading(self) -> None:
        if self._table is not None:
            self.heading.setText(side_by_side_heading([self._table.text(i, "name") for i in self.shown()],
                                                      tr=i18n.tr_of(self)))
