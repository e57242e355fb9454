"""The window's views as tabs, or as a list down the side when the tabs no longer fit.

At large text sizes a row of tabs is wider than the window and Qt scrolls it,
hiding the last tabs behind small arrows. :class:`ViewTabs` then hides its tab
bar and shows every view's name in :attr:`ViewTabs.side_list`, a list the
window puts beside the tabs, so every view stays one click (or arrow key) away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from . import language as i18n
from .language import N_


class ViewTabs(QTabWidget):
    """A tab widget that switches to a side list when its tabs would not all fit.

    Signals
    -------
    modeChanged(bool)
        True when the side list is shown instead of the tab bar.
    """

    modeChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUsesScrollButtons(True)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.side_list = QListWidget()
        self.side_list.setObjectName("viewList")
        i18n.name(self.side_list, N_("Views"))
        self.side_list.setWordWrap(True)
        self.side_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.side_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_list.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.side_list.hide()
        self.side_list.currentRowChanged.connect(self._on_list_row)
        self.currentChanged.connect(self._on_current)
        self._listed = False
        self._room = 0

    def listed(self) -> bool:
        """Whether the views are listed down the side (the tab bar is hidden)."""
        return self._listed

    def tabs_width(self) -> int:
        """Pixels the tab bar needs to show every tab."""
        return sum(self.tabBar().tabSizeHint(i).width() for i in range(self.count()))

    def fit(self, room: int) -> None:
        """Show tabs if they fit in ``room`` pixels of width, else the side list."""
        self._room = room
        self._sync_list()
        listed = self.tabs_width() > room
        if listed != self._listed:
            self._listed = listed
            self.tabBar().setVisible(not listed)
            self.side_list.setVisible(listed)
            # The tab widget lays its bar out again only when asked (a bar shown again would stay 0 x 0).
            self.setDocumentMode(self.documentMode())
            self.modeChanged.emit(listed)
        if listed:
            metrics = self.side_list.fontMetrics()
            widest = max((metrics.horizontalAdvance(self.side_list.item(i).text())
                          for i in range(self.side_list.count())), default=0)
            self.side_list.setFixedWidth(min(widest + metrics.horizontalAdvance("MM") + 8, max(120, room // 6)))

    def setTabText(self, index: int, text: str) -> None:  # noqa: N802 (Qt name)
        """A tab's title (e.g. in another language); the side list and the fit follow."""
        super().setTabText(index, text)
        self._sync_list()
        if self._room:
            self.fit(self._room)

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        self._sync_list()
        if self._room:
            self.fit(self._room)

    def tabRemoved(self, index: int) -> None:
        super().tabRemoved(index)
        self._sync_list()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._room:
            self.fit(self._room)

    def _sync_list(self) -> None:
        titles = [self.tabText(i).replace("&&", "\0").replace("&", "").replace("\0", "&") for i in range(self.count())]
        current = [self.side_list.item(i).text() for i in range(self.side_list.count())]
        if titles != current:
            self.side_list.blockSignals(True)
            self.side_list.clear()
            for title in titles:
                QListWidgetItem(title, self.side_list)
            self.side_list.blockSignals(False)
        self.side_list.blockSignals(True)
        self.side_list.setCurrentRow(self.currentIndex())
        self.side_list.blockSignals(False)

    def _on_list_row(self, row: int) -> None:
        if 0 <= row < self.count() and row != self.currentIndex():
            self.setCurrentIndex(row)

    def _on_current(self, index: int) -> None:
        if self.side_list.currentRow() != index:
            self.side_list.blockSignals(True)
            self.side_list.setCurrentRow(index)
            self.side_list.blockSignals(False)
