"""No table that `check` accepts makes the window fail, and none of its text is ever taken as markup.

Hypothesis writes small tables (names and cells in many scripts, markup that would load a
file, long cells, many list items and side effects, extreme but accepted numbers); each is
opened in the real window offscreen, every tab is shown, and every tooltip, status tip and
accessible text of every widget and every view's items is read: text from the table must
show literally. A second test opens such a table in a separate process whose markup points
at a FIFO: if Qt ever fetched it, opening the FIFO would block, and the process's timeout
fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QAbstractListModel, QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from decision_aid.core.errors import DecisionAidError
from decision_aid.core.table import load_table
from decision_aid.gui.main_window import MainWindow
from decision_aid.gui.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_plain_text import shown_as_text  # noqa: E402
from test_report_fuzz import ALPHABET, csv_cell, write_table  # noqa: E402

pytestmark = pytest.mark.usefixtures("no_questions")   # see conftest.py

ROOT = Path(__file__).resolve().parents[2]
MARK = "canary-fetch"
#: The item texts Qt may show as rich text (a tooltip, a what's-this); display and accessible texts are
#: drawn or spoken as plain text whatever they hold.
ROLES = (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole)
SPOKEN = (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole)


def payload(target: Path) -> str:
    """Markup that makes Qt read ``target`` if it is ever taken as rich text."""
    return f'<img src="{target.as_uri()}"><img src="{target.as_posix()}"><b>{MARK}</b>'


def hostile_table(folder: Path, names: list[str], long_text: str, items: int, effects: int, big: float,
                  target: Path) -> None:
    """A table from the PDF's fuzz writer with the payload in names, cells, criteria and side effects."""
    bad = payload(target)
    write_table(folder, [f"{name} {bad}" if k % 2 == 0 else name for k, name in enumerate(names)],
                f"{long_text} {bad}", items, effects, big)
    criteria = (folder / "criteria.csv").read_text(encoding="utf-8")
    criteria = criteria.replace("How much it helps.", csv_cell("How much it helps. " + bad), 1)
    criteria = criteria.replace(",Relief,", "," + csv_cell("Relief " + bad) + ",", 1)
    (folder / "criteria.csv").write_text(criteria, encoding="utf-8")
    side = (folder / "side_effects.csv").read_text(encoding="utf-8")
    (folder / "side_effects.csv").write_text(side.replace('"Effect 0"', csv_cell("Effect 0 " + bad), 1),
                                             encoding="utf-8")


def texts_of(window: QWidget, roles=ROLES) -> list[str]:
    """Every tooltip and what's-this of every widget and of every view's items (``roles``)."""
    widgets = [window, *window.findChildren(QWidget)]
    found = []
    for widget in widgets:
        found += [widget.toolTip(), widget.whatsThis()]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        root = view.rootIndex()
        for column in range(1 if isinstance(model, QAbstractListModel) else max(1, model.columnCount(root))):
            for role in roles:
                found.append(model.headerData(column, Qt.Orientation.Horizontal, role))
            for row in range(min(model.rowCount(root), 200)):
                for role in roles:
                    found.append(model.index(row, column, root).data(role))
    return [text for text in found if isinstance(text, str) and text]


def assert_plain(window: QWidget) -> int:
    """Every text holding the payload shows it literally; returns how many did."""
    spoken = texts_of(window, SPOKEN) + [text for widget in window.findChildren(QWidget)
                                         for text in (widget.accessibleName(), widget.accessibleDescription())]
    assert all(isinstance(text, str) for text in spoken)           # every accessible text can be read
    marked = [text for text in texts_of(window) if MARK in text]
    for text in marked:
        assert "<b>" + MARK in shown_as_text(text), text            # shown as text, never as markup
    for label in window.findChildren(QLabel):
        if MARK in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert MARK not in window.windowTitle() or not GuiQt.mightBeRichText(window.windowTitle())
    return len(marked)


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


NAME = st.text(alphabet=ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(names=st.lists(NAME, min_size=2, max_size=5, unique_by=str.casefold),
       long_text=st.text(alphabet=ALPHABET, min_size=1, max_size=1500).map(str.strip).filter(bool),
       items=st.integers(0, 30), effects=st.integers(0, 30), big=st.sampled_from([10.0, 1e6, 1e9]))
def test_every_accepted_table_opens_shows_every_tab_and_keeps_text_plain(window, tmp_path_factory, names, long_text,
                                                                          items, effects, big):
    folder = tmp_path_factory.mktemp("fuzz") / "table"
    hostile_table(folder, names, long_text, items, effects, big, folder.parent / "never-read.png")
    try:
        table = load_table(folder)
    except DecisionAidError:
        event("refused by check")
        return                                  # refused by check: the window shows the problems instead
    assert window.load_folder(folder)
    window.set_compared(list(table.ids[:4]))
    window.weights.equal_button.click()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)      # every view builds and draws what it shows
        window.tabs.currentWidget().grab()
    window.details.show_option(table.ids[0])
    QApplication.processEvents()
    assert assert_plain(window), "the payload reached no text at all"
    assert not (folder.parent / "never-read.png").exists()


CANARY = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    sys.path[:0] = [sys.argv[3], sys.argv[4]]
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip, QWidget
    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings
    from decision_aid.gui.record import ConsultationRecord
    from test_window_fuzz import texts_of
    ConsultationRecord.ask_save_changes = lambda self, doing: "discard"
    ConsultationRecord.ask_restore = lambda self, session: False
    app = QApplication([])
    window = MainWindow(Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat)), data=sys.argv[1])
    window.resize(1366, 768)
    window.show()
    table = window.table()
    assert table is not None
    window.set_compared(list(table.ids[:4]))
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        window.tabs.currentWidget().grab()
        for widget in window.findChildren(QWidget):
            if widget.isVisible() and widget.toolTip():
                QToolTip.showText(widget.mapToGlobal(QPoint(1, 1)), widget.toolTip(), widget)
                app.processEvents()
        for view in window.findChildren(QAbstractItemView):
            if view.isVisible() and view.model() is not None:
                # only what Qt shows as the items' tooltips (display text is no tooltip)
                tips = [tip for tip in texts_of(view, (Qt.ItemDataRole.ToolTipRole,)) if tip != view.toolTip()]
                for tip in tips[:400]:
                    QToolTip.showText(view.mapToGlobal(QPoint(1, 1)), tip, view)
                    app.processEvents()
    QToolTip.hideText()
    print("shown every tab and tooltip")
    window.close()
""")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX only")
def test_markup_pointing_at_a_fifo_is_never_fetched(tmp_path):
    fifo = tmp_path / "canary.png"
    os.mkfifo(fifo)
    folder = tmp_path / "table"
    hostile_table(folder, ["Rest", "Ice 冰", "שלום", "Heat 😀"], "Resting helps.", 3, 4, 10.0, fifo)
    load_table(folder)                               # the table is accepted
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               DECISION_AID_STATE_DIR=str(tmp_path / "state"))
    try:
        done = subprocess.run([sys.executable, "-c", CANARY, str(folder), str(tmp_path / "s.ini"),
                               str(Path(__file__).resolve().parent), str(ROOT / "tests" / "core")],
                              capture_output=True, text=True, timeout=50, env=env, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("the window hung: something opened the FIFO named in the table's markup")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "shown every tab and tooltip" in done.stdout
