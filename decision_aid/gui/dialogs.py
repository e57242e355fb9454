"""Dialogs that show problems as plain, copyable text."""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import DecisionAidError
from . import language as i18n
from .language import N_


class ProblemsDialog(QDialog):
    """Every problem of a table, scrollable and copyable, never interpreted as markup."""

    def __init__(self, parent: QWidget | None, title: str, summary: str, details: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        i18n.name(self.text, N_("List of problems"), i18n.tr_of(parent))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        i18n.text(self.copy_button, N_("&Copy to clipboard"), i18n.tr_of(parent))
        i18n.name(self.copy_button, N_("Copy the problems to the clipboard"), i18n.tr_of(parent))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())


def show_problems(parent: QWidget | None, title: str, summary: str, details: str) -> ProblemsDialog:
    """Open the problems dialog without blocking (tests read it back)."""
    dialog = ProblemsDialog(parent, title, summary, details)
    dialog.setModal(True)
    dialog.open()
    return dialog


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A message box for a failed action; the traceback goes in the details for bugs only."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if isinstance(exc, DecisionAidError):
        box.setText(exc.say(i18n.tr_of(parent)))
    else:
        box.setText(i18n.tr_of(parent).gettext("Something went wrong that the app did not expect. Your work is "
                                               "kept in memory and in the automatic backup. Please report the "
                                               "details below."))
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.open()
    return box
