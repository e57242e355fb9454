"""The side-effects view: icon arrays of how many people in 100 get each side effect."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..core.chart_words import no_side_effect_figures, side_effect_sentence
from ..core.table import DecisionTable
from .chart import LazyChart


class PictographPanel(LazyChart):
    """Icon arrays of how many in 100 people get each side effect, with the same figures in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Side effects out of 100 people", 280, parent)
        self.text_label = QLabel()
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setAccessibleName("Side effects in words")
        self._layout.addWidget(self.text_label)
        self._table: DecisionTable | None = None
        self._option_id: str | None = None
        self._drawn_width = 0.0

    def show_option(self, table: DecisionTable, option_id: str | None) -> None:
        """Show the side-effect pictographs of ``option_id`` (None: ask to choose an option)."""
        self._table, self._option_id = table, option_id
        if option_id is None:
            text = "Choose an option to see how many people out of 100 get its side effects."
        else:
            effects = table.side_effects_of(option_id)
            name = table.text(option_id, "name") or option_id
            text = ("\n".join(side_effect_sentence(row) for _, row in effects.iterrows()) if len(effects)
                    else no_side_effect_figures(name))
        self.text_label.setText(text)
        self._describe(text)
        self._changed()

    def text(self) -> str:
        """The figures in words, as shown under the chart."""
        return self.text_label.text()

    def _render(self) -> None:
        from ..core.chart_style import draw_message
        from ..core.pictograph_chart import draw_pictographs

        if self._table is None:
            return
        if self._option_id is None:
            self._figure.clear()
            draw_message(self._figure.add_subplot(), "Choose an option to see its side effects.")
        else:
            draw_pictographs(self._figure, self._table, self._option_id)
        self._drawn_width = self._figure.get_figwidth()
        self._canvas.draw_idle()

    def _on_resize(self, _event) -> None:
        # Titles are wrapped to the width at drawing time; wrap again after a real change of width.
        if self._table is not None and not math.isclose(self._figure.get_figwidth(), self._drawn_width,
                                                        rel_tol=0.1):
            self._render()
