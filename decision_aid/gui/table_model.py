"""The options table: a Qt model over the table's DataFrame, and its sort/filter proxy.

The model reads the frame; it never copies values into widgets and never
reorders the frame. Options appear in a neutral order (table order or
alphabetical, a clinic setting), never ranked by default.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from ..core.scoring import Limits
from ..core.table import EVIDENCE_LEVELS, DecisionTable
from ..core.i18n import N_
from ..core.words import NO_FIGURE, category_short, category_words, criterion_provenance, evidence_words, format_value
from ..core.words.window import compare_room
from . import language as i18n
from .widgets import tooltip_html

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_COMPARED = 4
#: Evidence sorts from the most certain down.
EVIDENCE_ORDER = {level: rank for rank, level in enumerate(EVIDENCE_LEVELS)}

_Index = QModelIndex | QPersistentModelIndex


class OptionsModel(QAbstractTableModel):
    """Options as rows; columns: compare tick, name, category, one per criterion, evidence."""

    compareChanged = Signal(list)  # option ids ticked for comparison, in tick order
    compareRefused = Signal(str)   # why a tick was refused (already 4 ticked)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._table: DecisionTable | None = None
        self._ids: list[str] = []
        self._compared: list[str] = []
        self._limits = Limits()
        self._allowed: pd.Series | None = None
        # Read once per table: views ask for every cell many times (painting, sizing columns).
        self._cols: list[tuple[str, str]] = []
        self._texts: dict[str, list[str]] = {}
        self._values: dict[str, np.ndarray] = {}

    # -- content ----------------------------------------------------------------------------
    def set_table(self, table: DecisionTable) -> None:
        self.beginResetModel()
        self._table = table
        self._ids = table.options.index.tolist()
        self._cols = self._columns_of(table)
        self._texts = {key: table.texts(key) for key in ("name", "summary", "category", "evidence")}
        self._values = {c.column: table.options[c.column].to_numpy(dtype=float) for c in table.criteria}
        self._compared = []
        self._limits = Limits()
        self._allowed = None
        self.endResetModel()

    def table(self) -> DecisionTable | None:
        return self._table

    def set_limits(self, limits: Limits) -> None:
        """Mark options the hard limits rule out (they stay visible, greyed, with the reason)."""
        if self._table is None:
            return
        self._limits = limits
        self._allowed = limits.allowed(self._table)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def ruled_out(self, option_id: str) -> list[str]:
        if self._allowed is None or self._table is None or bool(self._allowed.get(option_id, True)):
            return []
        return self._limits.reasons(self._table, option_id, tr=i18n.tr_of(self))

    def language_changed(self) -> None:
        """Every header and cell again, in the window's new language."""
        if self.rowCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def compared(self) -> list[str]:
        return list(self._compared)

    def show_compared(self, ids: list[str]) -> None:
        """Tick the options the consultation compares (announces nothing)."""
        known = set(self._ids)
        compared = [i for i in dict.fromkeys(ids) if i in known][:MAX_COMPARED]
        if compared == self._compared:
            return
        self._compared = compared
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def set_compared(self, ids: list[str]) -> None:
        """Tick these options as the user would, and announce it."""
        self.show_compared(ids)
        self.compareChanged.emit(self.compared())

    def option_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, option_id: str) -> int:
        return self._ids.index(option_id)

    # -- columns ----------------------------------------------------------------------------
    def _columns(self) -> list[tuple[str, str]]:
        return self._cols

    @staticmethod
    def _columns_of(table: DecisionTable) -> list[tuple[str, str]]:
        cols = [("compare", N_("Compare")), ("name", N_("Option")), ("category", N_("Type"))]
        for c in table.criteria:
            cols.append((c.column, c.label))  # cells carry their units
        cols.append(("evidence", N_("Evidence")))
        return cols

    def column_key(self, column: int) -> str:
        return self._columns()[column][0]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        value = self._header(section, orientation, role)
        return tooltip_html(value) if role == Qt.ItemDataRole.ToolTipRole and value else value

    def _header(self, section: int, orientation: Qt.Orientation, role: int):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.columnCount():
            key, label = self._columns()[section]
            tr = i18n.tr_of(self)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if key == "compare":
                    return compare_room(len(self._compared), MAX_COMPARED, tr=tr)
                return tr.gettext(label) if key in ("name", "category", "evidence") else label
            if role == Qt.ItemDataRole.ToolTipRole and self._table is not None:
                if key == "compare":
                    return tr.ngettext("Tick up to {n} option to compare them side by side",
                                       "Tick up to {n} options to compare them side by side",
                                       MAX_COMPARED).format(n=MAX_COMPARED)
                if key not in ("name", "category", "evidence"):
                    return self._table.criterion(key).description
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        value = self._data(index, role)
        # Qt shows a tooltip as rich text when it merely looks like HTML: text from the table is escaped.
        return tooltip_html(value) if role == Qt.ItemDataRole.ToolTipRole and value else value

    def _data(self, index: _Index, role: int):
        if not index.isValid() or self._table is None:
            return None
        row = index.row()
        option_id = self._ids[row]
        key = self._cols[index.column()][0]
        table = self._table
        tr = i18n.tr_of(self)
        if role == ID_ROLE:
            return option_id
        if key == "compare":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if option_id in self._compared else Qt.CheckState.Unchecked
            if role == SORT_ROLE:
                return 0 if option_id in self._compared else 1
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                template = (tr.gettext("Compare {option}: ticked") if option_id in self._compared
                            else tr.gettext("Compare {option}: not ticked"))
                return template.format(option=self._texts["name"][row])
            return None
        reasons = self.ruled_out(option_id)
        if key == "name":
            value = self._texts["name"][row]
            if role == Qt.ItemDataRole.DisplayRole:
                return tr.gettext("{option} (ruled out)").format(option=value) if reasons else value
            if role == SORT_ROLE:
                return value.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                summary = self._texts["summary"][row]
                if not reasons:
                    return summary
                return summary + "\n" + tr.gettext("Ruled out: {reasons}").format(reasons="; ".join(reasons))
        elif key == "category":
            value = self._texts["category"][row]
            if role == Qt.ItemDataRole.DisplayRole:
                return category_short(value, tr=tr)
            if role == Qt.ItemDataRole.ToolTipRole:
                return category_words(value, tr=tr)
            if role == SORT_ROLE:
                return value
        elif key == "evidence":
            value = self._texts["evidence"][row]
            if role == Qt.ItemDataRole.DisplayRole:
                return evidence_words(value, tr=tr).split(":")[0] if value else tr.gettext(NO_FIGURE)
            if role == SORT_ROLE:
                return EVIDENCE_ORDER.get(value)
        else:
            criterion = table.criterion(key)
            value = float(self._values[key][row])
            if role == Qt.ItemDataRole.DisplayRole:
                # Ordinal levels show as "level 2 of 4"; their words are in the tooltip and details.
                return format_value(criterion, value, tr=tr).split(":")[0]
            if role == SORT_ROLE:
                return None if math.isnan(value) else (value.item() if isinstance(value, np.generic) else value)
            if role == Qt.ItemDataRole.ToolTipRole:
                return (format_value(criterion, value, tr=tr) + "\n"
                        + criterion_provenance(table, option_id, criterion, tr=tr))
            if role == Qt.ItemDataRole.FontRole and math.isnan(value):
                font = QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.ForegroundRole and reasons:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication
            return QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        option_id = self._ids[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if checked and option_id not in self._compared:
            if len(self._compared) >= MAX_COMPARED:
                self.compareRefused.emit(i18n.tr_of(self).ngettext(
                    "You can compare up to {n} option at once. Untick one first.",
                    "You can compare up to {n} options at once. Untick one first.", MAX_COMPARED).format(n=MAX_COMPARED))
                return False
            self._compared.append(option_id)
        elif not checked and option_id in self._compared:
            self._compared.remove(option_id)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)
        self.compareChanged.emit(self.compared())
        return True


class OptionsProxy(QSortFilterProxyModel):
    """Filters by category and search text; keeps missing values last whichever way it sorts."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hidden_categories: set[str] = set()
        self._search = ""
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def _change_filter(self, change) -> None:
        """Apply ``change`` to the row filter, with the API this Qt version prefers."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def set_category_visible(self, category: str, visible: bool) -> None:
        def change() -> None:
            if visible:
                self._hidden_categories.discard(category)
            else:
                self._hidden_categories.add(category)
        self._change_filter(change)

    def set_search(self, text: str) -> None:
        def change() -> None:
            self._search = " ".join(text.casefold().split())
        self._change_filter(change)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, OptionsModel) or model.table() is None:
            return True
        table = model.table()
        option_id = model.option_id(source_row)
        if table.text(option_id, "category") in self._hidden_categories:
            return False
        if self._search:
            haystack = " ".join(table.text(option_id, c) for c in ("name", "summary", "category")).casefold()
            return all(word in haystack for word in self._search.split())
        return True

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
        # Missing values go to the bottom in both directions.
        if a is None or b is None:
            if a is None and b is None:
                return left.row() < right.row()
            return (a is not None) if ascending else (a is None)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
