"""The side-effects view: icon arrays of how many people in 100 get each side effect."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..core.chart_words import no_side_effect_figures, side_effect_sentence
from ..core.table import DecisionTable
from ..core.words.window import baseline_sentence, source_in_words
from . import language as i18n
from .chart import LazyChart
from .language import N_
from .widgets import tooltip_html

#: Pixels an icon array with its title and caption needs at the base text size (height, width),
#: and the line height of that text size.
ARRAY_HEIGHT, ARRAY_WIDTH, BASE_LINE_PX = 620, 260, 19


def _effect_line(table: DecisionTable, row, source_words: str, baseline: str, tr) -> str:
    """One side effect in words, with the rate on a dummy treatment and the source in words when known."""
    parts = [side_effect_sentence(row, tr=tr)]
    if baseline:
        parts.append(baseline)
    if getattr(table, "references", None):  # otherwise the sentence already names the reference key
        parts.append(source_words + ".")
    return " ".join(parts)


class PictographPanel(LazyChart):
    """Icon arrays of how many in 100 people get each side effect, with the same figures in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", 280, parent)
        i18n.name(self, N_("Side effects out of 100 people"))
        self.text_label = QLabel()
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        i18n.name(self.text_label, N_("Side effects in words"))
        self._layout.addWidget(self.text_label)
        self._table: DecisionTable | None = None
        self._option_id: str | None = None
        self._drawn_width = 0.0
        self._ids: list[str] | None = None

    def show_option(self, table: DecisionTable, option_id: str | None) -> None:
        """Show the side-effect pictographs of ``option_id`` (None: ask to choose an option)."""
        self._table, self._option_id, self._ids = table, option_id, None
        self.setMinimumHeight(0)
        if option_id is None:
            text = i18n.tr_of(self).gettext("Choose an option to see how many people out of 100 get its side effects.")
        else:
            effects = table.side_effects_of(option_id)
            name = table.text(option_id, "name") or option_id
            lines, hovers = [], []
            for _, row in effects.iterrows():
                words, hover = source_in_words(table, str(row.get("source", "") or ""), tr=i18n.tr_of(self))
                baseline = baseline_sentence(row, tr=i18n.tr_of(self))
                lines.append(_effect_line(table, row, words, baseline, i18n.tr_of(self)))
                hovers.append(hover)
            text = "\n".join(lines) if len(effects) else no_side_effect_figures(name, tr=i18n.tr_of(self))
            self.text_label.setToolTip(tooltip_html("\n".join(h for h in hovers if h)))
        self.text_label.setText(text)
        self._describe(text)
        self._changed()

    def show_options(self, table: DecisionTable, ids: list[str]) -> None:
        """Show the side effects of several options side by side, out of the same 100 people."""
        ids = [i for i in dict.fromkeys(ids) if i in set(table.ids)]
        if len(ids) <= 1:
            self._ids = None
            self.show_option(table, ids[0] if ids else None)
            return
        self._table, self._option_id, self._ids = table, ids[0], ids
        lines, hovers = [], []
        for option_id in ids:
            name = table.text(option_id, "name") or option_id
            effects = table.side_effects_of(option_id)
            lines.append(f"{name}:")
            if not len(effects):
                lines.append("  " + no_side_effect_figures(name, tr=i18n.tr_of(self)))
            for _, row in effects.iterrows():
                words, hover = source_in_words(table, str(row.get("source", "") or ""), tr=i18n.tr_of(self))
                baseline = baseline_sentence(row, tr=i18n.tr_of(self))
                lines.append("  " + _effect_line(table, row, words, baseline, i18n.tr_of(self)))
                hovers.append(hover)
        text = "\n".join(lines)
        self._fit_height()
        self.text_label.setText(text)
        self.text_label.setToolTip(tooltip_html("\n".join(h for h in hovers if h)))
        self._describe(text)
        self._changed()

    def language_changed(self) -> None:
        """Say and draw the side effects in the window's new language."""
        if self._table is None:
            return
        if self._ids:
            self.show_options(self._table, self._ids)
        else:
            self.show_option(self._table, self._option_id)

    def text(self) -> str:
        """The figures in words, as shown under the chart."""
        return self.text_label.text()

    def _render(self) -> None:
        from ..core.chart_style import draw_message
        from ..core.pictograph_chart import draw_pictographs, draw_side_by_side

        if self._table is None:
            return
        if self._option_id is None:
            self._figure.clear()
            draw_message(self._figure.add_subplot(),
                         i18n.tr_of(self).gettext("Choose an option to see its side effects."))
        elif getattr(self, "_ids", None):
            self._fit_height()
            draw_side_by_side(self._figure, self._table, self._ids, caption=self._caption, columns=self._columns(),
                              tr=i18n.tr_of(self))
        else:
            draw_pictographs(self._figure, self._table, self._option_id, caption=self._caption,
                             tr=i18n.tr_of(self))
        self._drawn_width = self._figure.get_figwidth()
        self._canvas.draw_idle()

    def _scale(self) -> float:
        return max(1.0, self.fontMetrics().height() / BASE_LINE_PX)

    def _columns(self) -> int:
        """Options side by side: as many as fit the width at the current text size."""
        ids = self._ids or []
        return max(1, min(len(ids), int(max(1, self.width()) / (ARRAY_WIDTH * self._scale()))))

    def _fit_height(self) -> None:
        """Give every array its height: each option's arrays stack in its column, columns wrap to rows."""
        ids = self._ids or []
        if len(ids) < 2 or self._table is None:
            return
        columns = self._columns()
        heights = [len(self._table.side_effects_of(i)) or 1 for i in ids]
        rows = [max(heights[k:k + columns]) for k in range(0, len(ids), columns)]
        self.setMinimumHeight(int(sum(rows) * ARRAY_HEIGHT * self._scale()))

    def _caption(self, row) -> str:
        """Source in words and the time frame, under each icon array."""
        words, _hover = source_in_words(self._table, str(row.get("source", "") or ""), tr=i18n.tr_of(self))
        time_frame = str(row.get("time_frame", "") or "").strip() \
            or i18n.tr_of(self).gettext("time frame not reported")
        return f"{words}; {time_frame}"

    def _on_resize(self, _event) -> None:
        # Titles are wrapped to the width at drawing time; wrap again after a real change of width.
        if self._table is not None and not math.isclose(self._figure.get_figwidth(), self._drawn_width,
                                                        rel_tol=0.1):
            self._render()
