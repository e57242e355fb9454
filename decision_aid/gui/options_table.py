"""The options list: a table view where a whole row ticks an option for comparison.

Clicking anywhere in a row, or pressing Space on it, ticks or unticks the
option (the model refuses a fifth tick and says why). The tick box is drawn
by :class:`TickDelegate`: as tall as a line of text, so it grows with the
text size, and in the palette's text colour, so it shows in every theme
(high contrast included).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex


def tick_box_size(option: QStyleOptionViewItem | None = None, widget: QWidget | None = None) -> int:
    """Side of the tick box in pixels: about one line of text."""
    metrics = option.fontMetrics if option is not None else widget.fontMetrics()
    return max(14, round(metrics.height() * 0.95))


class TickDelegate(QStyledItemDelegate):
    """Draws the compare column's tick box, scaled with the text, in the palette's text colour.

    Clicks are not handled here: the view toggles the whole row (see :class:`OptionsTableView`).
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if state is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        ink = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        paper = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        side = tick_box_size(option)
        rect = QRect(0, 0, side, side)
        rect.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(ink, max(2.0, side / 9))
        painter.setPen(pen)
        painter.setBrush(paper)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 2, 2)
        if Qt.CheckState(state) == Qt.CheckState.Checked:
            pen.setWidthF(max(2.5, side / 6))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            x, y, s = rect.x(), rect.y(), float(side)
            painter.drawPolyline([QPointF(x + s * 0.22, y + s * 0.52), QPointF(x + s * 0.42, y + s * 0.72),
                                  QPointF(x + s * 0.78, y + s * 0.28)])
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        side = tick_box_size(option)
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), side + side // 2), max(hint.height(), side + 6))

    def editorEvent(self, event, model, option, index) -> bool:
        return False  # the view toggles the whole row


class OptionsTableView(QTableView):
    """A table of options where a click on a row, or Space, toggles its compare tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._delegate = TickDelegate(self)
        self.setItemDelegateForColumn(0, self._delegate)
        self.clicked.connect(self._on_clicked)

    def fit_rows(self) -> None:
        """Rows tall enough for a line of text and the tick box, at the current text size."""
        metrics = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(
            max(metrics.height() + metrics.height() // 2, tick_box_size(widget=self) + 8))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_rows()

    def toggle_row(self, row: int) -> None:
        """Tick or untick the option shown in ``row`` (a row of the view's model)."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        if state is None:
            return
        checked = Qt.CheckState(state) == Qt.CheckState.Checked
        model.setData(index, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                      Qt.ItemDataRole.CheckStateRole)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.toggle_row(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and not event.modifiers():
            current = self.currentIndex()
            if current.isValid():
                self.toggle_row(current.row())
                event.accept()
                return
        super().keyPressEvent(event)
