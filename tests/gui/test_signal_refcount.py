"""Regression guard: PySide6 6.12.0 dropped a reference to True on every Signal.emit().

After a few hundred to a few thousand emits the interpreter aborted with
"Fatal Python error: bool_dealloc". pyproject.toml excludes that release; this
test catches any future release with the same fault.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from decision_aid.gui.table_model import OptionsModel

EMITS = 20_000


class Emitter(QObject):
    changed = Signal(bool)
    plain = Signal()


def test_emitting_signals_keeps_the_reference_to_true(bundled_table):
    emitter = Emitter()
    received = []
    emitter.changed.connect(lambda value: received.append(value) if len(received) < 1 else None)
    model = OptionsModel()
    model.set_table(bundled_table)
    top_left, bottom_right = model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
    # Garbage left by earlier tests (figures, windows) holds references to True;
    # collecting it inside the loop would look like a leak, so collect it first.
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(True)
        for _ in range(EMITS):
            emitter.changed.emit(True)
            emitter.plain.emit()
            model.layoutChanged.emit()
            model.dataChanged.emit(top_left, bottom_right)
        after = sys.getrefcount(True)
    finally:
        gc.enable()
    assert received == [True]
    # A leak of one reference per emit would lose 80,000; allow a little noise.
    assert after >= before - 100, f"references to True fell from {before} to {after}"
