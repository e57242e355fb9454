"""What matters to you: one importance control per criterion, presets and hard limits.

Controls start unset: the ranking appears only once the patient has set an
importance or explicitly chosen "All equal", so nothing is silently assumed.

The panel is a view of the window's :class:`~decision_aid.gui.consultation.Consultation`:
what the patient does here is announced as an intent (:attr:`WeightsPanel.importancesChanged`,
:attr:`WeightsPanel.limitsChanged`), and what the consultation holds is shown
with :meth:`WeightsPanel.show_importances` and :meth:`WeightsPanel.show_limits`,
which announce nothing.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ..core.scoring import COMPARISON_CATEGORY, Limits, importance_words, patient_conditions
from ..core.table import CATEGORIES, Criterion, DecisionTable, Role
from ..core.words import level_words
from ..core.words.values import CATEGORY_LEAVE_OUT
from ..core.words.window import missing_role, missing_roles
from . import language as i18n
from .language import N_
from .widgets import PlainLabel, WrappingCheckBox, tooltip_html

#: While a slider moves, the ranking follows at most this often (milliseconds): often enough to
#: look live, rarely enough that the window keeps repainting the slider between updates.
THROTTLE_MS = 40
NOT_SET = N_("not set yet")
EQUAL = 5


class ImportanceControl(QWidget):
    """A 0-10 slider with the number and its meaning in words."""

    moved = Signal(str, int)

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self._set = False
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.title = QLabel(criterion.label)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        i18n.name(self.slider, N_("How much it matters: {criterion}"), criterion=criterion.label)
        self.slider.setAccessibleDescription(criterion.description)
        self.slider.setToolTip(tooltip_html(criterion.description))
        self.title.setBuddy(self.slider)
        self.value_label = QLabel(i18n.tr_of(self).gettext(NOT_SET))
        self.value_label.setTextFormat(Qt.TextFormat.PlainText)
        self.value_label.setWordWrap(True)  # wraps at large text sizes instead of widening the panel
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.value_label, 0, 1)
        layout.addWidget(self.slider, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)
        self.slider.valueChanged.connect(self._on_value_changed)
        self.slider.sliderPressed.connect(self._on_pressed)

    def is_set(self) -> bool:
        return self._set

    def value(self) -> int | None:
        return self.slider.value() if self._set else None

    def set_value(self, value: int | None) -> None:
        """Show ``value`` (None: not set) without announcing a move."""
        self.slider.blockSignals(True)
        self._set = value is not None
        self.slider.setValue(0 if value is None else int(round(value)))
        self.slider.blockSignals(False)
        self._show()

    def _show(self) -> None:
        if self._set:
            value = self.slider.value()
            self.value_label.setText(i18n.tr_of(self).gettext("{value} - {meaning}").format(
                value=value, meaning=importance_words(value, tr=i18n.tr_of(self))))
        else:
            self.value_label.setText(i18n.tr_of(self).gettext(NOT_SET))
        self.slider.setAccessibleDescription(f"{self.value_label.text()}. {self.criterion.description}")

    def language_changed(self) -> None:
        """The window's language changed: the value in words again."""
        self._show()

    def move_to(self, value: int) -> None:
        """Move the slider as the patient would: the value counts as set even when it does not change."""
        if self.slider.value() == int(value):
            self._on_value_changed(int(value))
        else:
            self.slider.setValue(int(value))

    def _on_pressed(self) -> None:
        if not self._set:
            self._set = True
            self._show()
            self.moved.emit(self.criterion.column, self.slider.value())

    def _on_value_changed(self, value: int) -> None:
        self._set = True
        self._show()
        self.moved.emit(self.criterion.column, value)


class WeightsPanel(QWidget):
    """Importances, presets and hard limits for the current table.

    Signals
    -------
    importancesChanged(object)
        A dict of criterion column -> importance, or None while nothing is set.
    limitsChanged(object)
        The current :class:`~decision_aid.core.scoring.Limits`.
    released()
        A slider was let go, after its final value was announced.
    """

    importancesChanged = Signal(object)
    limitsChanged = Signal(object)
    #: The patient let go of a slider (views that held their order while it moved may now re-sort).
    released = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table: DecisionTable | None = None
        self._controls: dict[str, ImportanceControl] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(THROTTLE_MS)
        self._timer.timeout.connect(self.flush)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        intro = QLabel()
        i18n.text(intro, N_("Move each slider to say how much it matters to you (0 = doesn't matter, "
                            "10 = matters most). Nothing is assumed until you do."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.controls_box = QGroupBox()
        i18n.title(self.controls_box, N_("How much does each matter?"))
        self.controls_layout = QVBoxLayout(self.controls_box)
        outer.addWidget(self.controls_box)

        presets = QGroupBox()
        i18n.title(presets, N_("Quick choices"))
        grid = QGridLayout(presets)
        self.equal_button = self._button(N_("All &equal"), N_("Set every importance to 5"), self._on_all_equal)
        self.reset_button = self._button(N_("&Reset"), N_("Clear every importance and limit"), self.reset)
        self.fast_button = self._button(N_("&Fastest relief"), N_("Make how soon relief comes matter most"),
                                        lambda: self._preset_role(Role.ONSET))
        self.side_button = self._button(N_("Fewest &side effects"), N_("Make side effects matter most"),
                                        lambda: self._preset_role(Role.SIDE_EFFECTS))
        self.needle_button = self._button(N_("Avoid &needles and injections"),
                                          N_("Leave out options that use needles or injections"),
                                          self._on_avoid_needles)
        for i, button in enumerate((self.equal_button, self.fast_button, self.side_button, self.needle_button,
                                    self.reset_button)):
            grid.addWidget(button, i, 0)
        self.presets_note = PlainLabel("", italic=True)
        self.presets_note.setObjectName("missingRole")
        self.presets_note.hide()
        grid.addWidget(self.presets_note, 5, 0)
        outer.addWidget(presets)

        limits = QGroupBox()
        i18n.title(limits, N_("Hard limits"))
        limits_layout = QVBoxLayout(limits)
        limits_note = QLabel()
        i18n.text(limits_note, N_("Options ruled out here are not ranked."))
        limits_note.setWordWrap(True)
        limits_layout.addWidget(limits_note)
        row = QVBoxLayout()
        self.category_boxes: dict[str, WrappingCheckBox] = {}
        # "No treatment" is what the others are measured against: no category limit removes it, so it has no box.
        for category in (c for c in CATEGORIES if c != COMPARISON_CATEGORY):
            box = WrappingCheckBox()                  # its words wrap in any language
            i18n.text(box, CATEGORY_LEAVE_OUT[category])
            i18n.name(box, CATEGORY_LEAVE_OUT[category])
            box.toggled.connect(self._on_limits_changed)
            self.category_boxes[category] = box
            row.addWidget(box)
        limits_layout.addLayout(row)
        inv_row = QVBoxLayout()
        self.invasive_label = QLabel()
        i18n.text(self.invasive_label, N_("Most invasive allowed:"))
        self.invasive_combo = QComboBox()
        i18n.name(self.invasive_combo, N_("Most invasive option allowed"))
        self.invasive_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Level descriptions are long; never let them widen the panel (the list shows them whole).
        self.invasive_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.invasive_combo.setMinimumContentsLength(12)
        self.invasive_combo.currentIndexChanged.connect(self._on_limits_changed)
        self.invasive_label.setBuddy(self.invasive_combo)
        inv_row.addWidget(self.invasive_label)
        inv_row.addWidget(self.invasive_combo, 1)
        limits_layout.addLayout(inv_row)
        self.invasive_note = PlainLabel("", italic=True)
        self.invasive_note.setObjectName("missingRole")
        self.invasive_note.hide()
        limits_layout.addWidget(self.invasive_note)
        self.contra_label = QLabel()
        i18n.text(self.contra_label, N_("These apply to me (an option that must not be used with one is ruled out; "
                                        "a caution is shown beside the option):"))
        self.contra_label.setWordWrap(True)
        limits_layout.addWidget(self.contra_label)
        self.contra_filter = QLineEdit()
        i18n.placeholder(self.contra_filter, N_("Type to find, e.g. pregnancy or blood thinners"))
        i18n.name(self.contra_filter, N_("Find a health condition or medicine"))
        self.contra_filter.setClearButtonEnabled(True)
        self.contra_filter.textChanged.connect(self._on_contra_filter)
        limits_layout.addWidget(self.contra_filter)
        self.contra_list = QListWidget()
        i18n.name(self.contra_list, N_("Health conditions and medicines that apply to me"))
        self.contra_list.setMinimumHeight(90)
        self.contra_list.itemChanged.connect(self._on_limits_changed)
        limits_layout.addWidget(self.contra_list, 1)
        outer.addWidget(limits, 1)

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton()
        i18n.text(button, text)
        i18n.tip(button, tip)
        i18n.name(button, text)
        i18n.bind(button, "setAccessibleDescription", tip)
        button.clicked.connect(slot)
        return button

    def language_changed(self) -> None:
        """The window's language changed: the "no limit" entry in it."""
        if self.invasive_combo.count():
            self.invasive_combo.setItemText(0, i18n.tr_of(self).gettext("No limit"))

    # -- table ------------------------------------------------------------------------------
    def set_table(self, table: DecisionTable) -> None:
        """One control per criterion of ``table``, every one unset, and no limits (announces nothing)."""
        self._table = table
        for control in self._controls.values():
            control.setParent(None)
            control.deleteLater()
        self._controls = {}
        for criterion in table.criteria:
            control = ImportanceControl(criterion, self.controls_box)   # parented first: it speaks the window's language
            control.moved.connect(self._on_moved)
            control.slider.sliderReleased.connect(self._on_released)   # the final value, sorted, at once
            self.controls_layout.addWidget(control)
            self._controls[criterion.column] = control
            control.language_changed()      # in the window's language, now that it is in the window
        invasive = table.by_role(Role.INVASIVENESS)
        self.invasive_combo.blockSignals(True)
        self.invasive_combo.clear()
        self.invasive_combo.addItem(i18n.tr_of(self).gettext("No limit"), None)
        if invasive is not None:
            words = level_words(invasive)
            for level in range(int(invasive.min), int(invasive.max) + 1):
                meaning = words.get(level) or i18n.tr_of(self).gettext("level {level}").format(level=level)
                self.invasive_combo.addItem(f"{level}: {meaning}", level)
        self.invasive_combo.setEnabled(invasive is not None)
        self.needle_button.setEnabled(invasive is not None and self._needle_level() is not None)
        self.invasive_combo.blockSignals(False)
        self.contra_list.blockSignals(True)
        self.contra_list.clear()
        for item in patient_conditions(table):      # contraindications and cautions alike
            entry = QListWidgetItem(item)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.contra_list.addItem(entry)
        self.contra_list.blockSignals(False)
        for box in self.category_boxes.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.fast_button.setEnabled(table.by_role(Role.ONSET) is not None)
        self.side_button.setEnabled(table.by_role(Role.SIDE_EFFECTS) is not None)
        self._say_missing_roles(table)
        self._timer.stop()

    def _say_missing_roles(self, table: DecisionTable) -> None:
        """Say which role a greyed-out control needs, and how to add it (never guessed from a label)."""
        missing = set(missing_roles(table))
        invasive = missing_role(Role.INVASIVENESS, tr=i18n.tr_of(self)) if Role.INVASIVENESS in missing else ""
        self.invasive_note.setText(invasive)
        self.invasive_note.setVisible(bool(invasive))
        self.invasive_combo.setToolTip(invasive)
        notes = []
        for button, role in ((self.fast_button, Role.ONSET), (self.side_button, Role.SIDE_EFFECTS),
                             (self.needle_button, Role.INVASIVENESS)):
            sentence = missing_role(role, tr=i18n.tr_of(self)) if role in missing else ""
            button.setToolTip(sentence or button.accessibleDescription())
            if sentence:
                notes.append(f"{button.text().replace('&', '')}: {sentence}")
        self.presets_note.setText("\n".join(dict.fromkeys(notes)))
        self.presets_note.setVisible(bool(notes))

    # -- importances ------------------------------------------------------------------------
    def importances(self) -> dict[str, float] | None:
        """Importances set so far (unset controls count 0), or None if nothing is set."""
        if not any(c.is_set() for c in self._controls.values()):
            return None
        return {col: float(c.value() or 0) for col, c in self._controls.items()}

    def show_importances(self, importances: dict[str, float] | None) -> None:
        """Show the consultation's importances (None: none set) without announcing a change."""
        self._timer.stop()
        for column, control in self._controls.items():
            control.set_value(None if importances is None else int(round(importances.get(column, 0))))

    def set_importances(self, importances: dict[str, float] | None) -> None:
        """Set every control as the patient would (a preset), and announce it at once."""
        self.show_importances(importances)
        self.importancesChanged.emit(self.importances())

    def set_importance(self, column: str, value: int) -> None:
        """Set one control as the patient would (emits after the throttle interval, or at :meth:`flush`)."""
        self._controls[column].move_to(int(value))

    def control(self, column: str) -> ImportanceControl:
        return self._controls[column]

    def flush(self) -> None:
        """Emit the pending importance change now."""
        self._timer.stop()
        self.importancesChanged.emit(self.importances())

    def _on_released(self) -> None:
        self.flush()
        self.released.emit()

    def dragging(self) -> bool:
        """Whether the patient is holding a slider (its value may change again in a moment)."""
        return any(c.slider.isSliderDown() for c in self._controls.values())

    def _on_moved(self, column: str, value: int) -> None:
        # A throttle, not a debounce: a running timer is not restarted, so a long drag
        # still updates the ranking every THROTTLE_MS.
        if not self._timer.isActive():
            self._timer.start()

    def _on_all_equal(self) -> None:
        self.set_importances({column: EQUAL for column in self._controls})

    def _preset_role(self, role: Role) -> None:
        if self._table is None or self._table.by_role(role) is None:
            return
        current = self.importances() or {column: EQUAL for column in self._controls}
        current[self._table.by_role(role).column] = 10
        self.set_importances(current)

    # -- limits ---------------------------------------------------------------------------------
    def limits(self) -> Limits:
        excluded = frozenset(c for c, box in self.category_boxes.items() if box.isChecked())
        level = self.invasive_combo.currentData()
        # In the base table's words whatever the language shown, so the limit holds in every language.
        ticked = [self.contra_list.item(i).text() for i in range(self.contra_list.count())
                  if self.contra_list.item(i).checkState() == Qt.CheckState.Checked]
        chosen = frozenset().union(*(self._table.base_conditions(t) for t in ticked))   # none ticked without a table
        return Limits(exclude_categories=excluded, max_invasiveness=None if level is None else float(level),
                      contraindications=chosen)

    def set_limits(self, limits: Limits) -> None:
        """Set the limits as the patient would, and announce them."""
        self.show_limits(limits)
        self.limitsChanged.emit(self.limits())

    def show_limits(self, limits: Limits) -> None:
        """Show the consultation's limits without announcing a change."""
        for widget in (*self.category_boxes.values(), self.invasive_combo, self.contra_list):
            widget.blockSignals(True)
        for category, box in self.category_boxes.items():
            box.setChecked(category in limits.exclude_categories)
        index = self.invasive_combo.findData(None if limits.max_invasiveness is None
                                             else int(limits.max_invasiveness))
        self.invasive_combo.setCurrentIndex(max(0, index))
        # In whichever language it was ticked; there are no conditions to tick without a table.
        wanted = limits.wanted(self._table) if self._table is not None else frozenset()
        for i in range(self.contra_list.count()):
            item = self.contra_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text().casefold() in wanted else Qt.CheckState.Unchecked)
        for widget in (*self.category_boxes.values(), self.invasive_combo, self.contra_list):
            widget.blockSignals(False)

    def _needle_level(self) -> int | None:
        """The highest invasiveness level below the first level that mentions needles or injections."""
        invasive = self._table.by_role(Role.INVASIVENESS) if self._table else None
        if invasive is None:
            return None
        for level, words in sorted(level_words(invasive).items()):
            if re.search(r"needle|inject|aguja|inyec", words, re.IGNORECASE):
                return level - 1 if level - 1 >= invasive.min else None
        return None

    def _on_avoid_needles(self) -> None:
        level = self._needle_level()
        if level is not None:
            self.invasive_combo.setCurrentIndex(max(0, self.invasive_combo.findData(level)))

    def _on_limits_changed(self, *args) -> None:
        self.limitsChanged.emit(self.limits())

    def _on_contra_filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.contra_list.count()):
            item = self.contra_list.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def reset(self) -> None:
        """Clear every importance and limit, as the patient asked."""
        self.set_importances(None)
        self.set_limits(Limits())
