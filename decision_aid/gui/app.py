"""Start the Qt application and the consultation window."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from .settings import APPLICATION, ORGANISATION, Settings


def _excepthook(kind, value, tb) -> None:
    """Last resort: show an unexpected error instead of closing the window."""
    traceback.print_exception(kind, value, tb)
    app = QApplication.instance()
    window = app.activeWindow() if app is not None else None
    if window is not None:
        from .dialogs import show_error
        from .language import tr_of
        show_error(window, tr_of(window).gettext("Unexpected error"), value)


def run(data: str | None = None, *, lang: str | None = None) -> int:
    """Open the window on ``data`` (a table folder) or the last/bundled table; return the exit code.

    ``lang``: the window's language (``es``); default: the one last chosen in View > Language, else the
    system's. Qt's own dialogs follow it (``qtbase_xx.qm``).
    """
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Decision aid")
    from .main_window import MainWindow

    window = MainWindow(Settings(QSettings()), data, lang=lang)
    window.show()
    sys.excepthook = _excepthook
    window.record.offer_recovery()
    return app.exec()
