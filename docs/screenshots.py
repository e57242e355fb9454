"""Take the README's screenshots from the running app (run under a real or virtual X screen).

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 python docs/screenshots.py
    QT_QPA_PLATFORM=offscreen python docs/screenshots.py compare     # only the comparison grid
    QT_QPA_PLATFORM=offscreen python docs/screenshots.py languages   # Spanish, right to left

Each view is shown in the real window on the bundled table and the screen
area of the window is saved as a PNG in docs/. The summary PDF's first pages
are rendered with pdftoppm when it is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QWidget

HERE = Path(__file__).resolve().parent


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


#: The comparison grid's screenshots: file name, window size, text size in points, high contrast, options.
COMPARE_SHOTS = [
    ("compare", (1366, 768), 12.0, False, ["nsaids", "physical_therapy", "botox", "acupuncture"], None),
    ("compare-opened", (1366, 768), 12.0, False, ["nsaids", "physical_therapy", "botox"], "soon"),
    ("compare-1920", (1920, 1080), 12.0, False, ["nsaids", "physical_therapy", "botox", "acupuncture"], None),
    ("compare-200pct", (1366, 768), 24.0, False, ["nsaids", "physical_therapy", "botox"], None),
    ("compare-200pct-rows", (1366, 768), 24.0, False, ["nsaids", "physical_therapy", "botox"], "what"),
    ("compare-high-contrast", (1366, 768), 12.0, True, ["nsaids", "physical_therapy", "botox", "acupuncture"],
     None),
]


def compare_shots(app: QApplication) -> None:
    """The Compare tab at 1366x768 (normal and 200% text, high contrast, a row opened) and at 1920x1080.

    Each is the window's own rendering (``QWidget.grab``), so it works offscreen.
    """
    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings

    for name, size, points, contrast, ids, row in COMPARE_SHOTS:
        ini = Path(tempfile.mkdtemp()) / "screens.ini"
        settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
        settings.set_point_size(points)
        settings.set_high_contrast(contrast)
        window = MainWindow(settings)
        window.resize(*size)
        window.show()
        settle(app)
        window.resize(*size)
        window.set_compared(ids)
        window.tabs.setCurrentWidget(window.grid)
        settle(app)
        grid = window.grid
        if row is not None:
            if name.endswith("-rows"):   # scrolled to the rows, past the stacked headers
                heading = next(w for w in grid.findChildren(QWidget) if w.property("rowKey") == row)
                grid._body_area.verticalScrollBar().setValue(heading.mapTo(grid._body_area.widget(),
                                                                           heading.rect().topLeft()).y())
            else:                        # a row opened in place
                grid.expand_row(row)
            settle(app)
        window.grab().save(str(HERE / f"{name}.png"))
        print(HERE / f"{name}.png")
        window.hide()                    # not closed: closing asks whether to save the consultation
        window.deleteLater()
        settle(app)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def language_shots(app: QApplication) -> None:
    """The window in Spanish (the ranking, 1366x768), the first page of the Spanish sheet, and the window
    laid out right to left (as it would be for Arabic or Hebrew)."""
    from PySide6.QtCore import Qt

    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings

    for name, lang, direction in (("window-es", "es", Qt.LayoutDirection.LeftToRight),
                                  ("window-rtl", "en", Qt.LayoutDirection.RightToLeft)):
        ini = Path(tempfile.mkdtemp()) / "screens.ini"
        window = MainWindow(Settings(QSettings(str(ini), QSettings.Format.IniFormat)), lang=lang)
        QApplication.setLayoutDirection(direction)
        window.resize(1366, 768)
        window.show()
        settle(app)
        window.weights.equal_button.click()
        window.weights.set_importance("pain_relief", 9)
        window.weights.flush()
        window.set_compared(["physical_therapy", "acupuncture", "nsaids"])
        window.tabs.setCurrentWidget(window.grid if name == "window-rtl" else window.ranking_page)
        settle(app, 60)
        window.grab().save(str(HERE / f"{name}.png"))
        print(HERE / f"{name}.png")
        if lang == "es" and shutil.which("pdftoppm"):
            pdf = Path(tempfile.mkdtemp()) / "hoja.pdf"
            window.record.panel.set_chosen("physical_therapy")
            window.record.export_summary(pdf, "a4", lang="es")
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(HERE / "summary-es-page-1")], check=True)
            print(HERE / "summary-es-page-1.png")
        window.hide()
        window.deleteLater()
        settle(app)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def main() -> int:
    os.environ.setdefault("DECISION_AID_STATE_DIR", tempfile.mkdtemp())
    app = QApplication(sys.argv[:1])
    if sys.argv[1:] == ["compare"]:
        compare_shots(app)
        return 0
    if sys.argv[1:] == ["languages"]:
        language_shots(app)
        return 0
    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings

    ini = Path(tempfile.mkdtemp()) / "screens.ini"
    window = MainWindow(Settings(QSettings(str(ini), QSettings.Format.IniFormat)))
    window.setGeometry(0, 0, 1366, 740)
    window.show()
    settle(app)

    def shot(name: str) -> None:
        settle(app)
        screen = window.screen()
        image = screen.grabWindow(0, window.x(), window.y(), window.frameGeometry().width(),
                                  window.frameGeometry().height())
        if image.isNull() or image.width() < 100:  # offscreen platforms cannot grab the screen
            image = window.grab()
        image.save(str(HERE / f"{name}.png"))
        print(HERE / f"{name}.png")

    shot("options")
    weights = window.weights
    weights.equal_button.click()
    weights.set_importance("pain_relief", 9)
    weights.set_importance("invasiveness", 8)
    weights.flush()
    window.set_compared(["physical_therapy", "acupuncture", "nsaids"])
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.grid))
    shot("compare")
    window.tabs.setCurrentIndex(2)
    shot("ranking")
    window.tabs.setCurrentIndex(3)
    shot("timeline")
    row = window.model.row_of("chiropractic")
    window.table_view.selectRow(window.proxy.mapFromSource(window.model.index(row, 1)).row())
    window.tabs.setCurrentIndex(4)
    shot("side_effects")
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    shot("decision")

    pdf = Path(tempfile.mkdtemp()) / "summary.pdf"
    window.record.panel.set_chosen("physical_therapy")
    window.record.export_summary(pdf, "a4")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "4", str(pdf), str(HERE / "summary-page")],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
