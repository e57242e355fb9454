"""A layout that places widgets in a row and wraps them onto further rows when the row is full.

Qt's own layouts never wrap; at large text sizes a row of filters would
otherwise be wider than the window. Adapted from Qt's "Flow Layout" example.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Widgets left to right, wrapping; a widget with a stretch of 1 takes the rest of its row."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: set[int] = set()
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:
        super().addWidget(widget)
        if stretch:
            self._stretch.add(id(self._items[-1]))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    @staticmethod
    def _hint(item: QLayoutItem, room: int) -> QSize:
        """The item's size; a word-wrapped label takes its text's width on one line, wrapping only beyond ``room``."""
        label = item.widget()
        if not isinstance(label, QLabel) or not label.wordWrap() or room <= 0:
            return item.sizeHint()
        lines = label.text().splitlines() or [""]
        frame = label.width() - label.contentsRect().width() if label.width() > 0 else 0
        margins = label.contentsMargins()
        natural = max(label.fontMetrics().horizontalAdvance(line) for line in lines) + frame \
            + margins.left() + margins.right() + 2 * max(0, label.indent()) + 2 * label.margin() \
            + label.fontMetrics().horizontalAdvance("M")  # room for a stylesheet's border and padding
        width = max(1, min(natural, room))
        height = label.heightForWidth(width)
        return QSize(width, height if height > 0 else item.sizeHint().height())

    def _place(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._items:
            if item.widget() is not None and not item.widget().isVisibleTo(item.widget().parentWidget()):
                continue
            hint = self._hint(item, area.width())
            if rows[-1] and x + hint.width() > area.width():
                rows.append([])
                x = 0
            rows[-1].append((item, hint))
            x += hint.width() + self._gap
        y = area.y()
        for row in rows:
            if not row:
                continue
            height = max(h.height() for _, h in row)
            used = sum(h.width() for _, h in row) + self._gap * (len(row) - 1)
            spare = max(0, area.width() - used)
            stretchers = [item for item, _ in row if id(item) in self._stretch]
            x = area.x()
            for item, hint in row:
                width = hint.width() + (spare // len(stretchers) if item in stretchers else 0)
                width = min(width, area.width())
                if move:
                    policy = item.widget().sizePolicy() if item.widget() else None
                    h = height if policy is not None and policy.verticalPolicy() != QSizePolicy.Policy.Fixed \
                        else hint.height()
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(width, h)))
                x += width + self._gap
            y += height + self._gap
        return y - self._gap - rect.y() + margins.bottom()
