"""The SURE test in the window: four yes/no questions, the score, and a note for the clinician.

The questions, the scoring and every sentence shown come from
:mod:`decision_aid.core.sure`; this module only lays them out. Each question
has a "Yes" and a "No" radio button in its own :class:`QButtonGroup`, so the
arrow keys move between the two answers of one question and Tab moves to the
next question. When any answer is "no" the clinician prompt appears in a
framed box headed "Note for the clinician" with a warning icon: the signal
never rests on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractButton, QButtonGroup, QFrame, QGroupBox, QHBoxLayout, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from ..core.sure import QUESTIONS, Answer, SureResult
from . import language as i18n
from .language import N_
from .widgets import WARNING_FRAME_STYLE, PlainLabel, size_icon_to_text, warning_icon

TITLE = N_("How sure do you feel? (SURE test)")
INTRO = N_("Answer each question yes or no. This short check helps the conversation; "
           "it does not change the ranking.")
NOTE_HEADING = N_("Note for the clinician")
CLEAR_TEXT = N_("Clear answers")
YES, NO = N_("Yes"), N_("No")
#: Ids of the two buttons in each question's QButtonGroup.
_YES_ID, _NO_ID = 1, 0


class SurePanel(QGroupBox):
    """The four SURE questions with their score and, on a "no", a note for the clinician.

    Signals
    -------
    changed
        The user changed an answer (not emitted by :meth:`set_result`).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surePanel")
        i18n.title(self, TITLE)
        i18n.name(self, TITLE)
        self._result = SureResult()
        self._groups: dict[str, QButtonGroup] = {}
        self._buttons: dict[str, tuple[QRadioButton, QRadioButton]] = {}

        layout = QVBoxLayout(self)
        intro = PlainLabel("", self)
        i18n.text(intro, INTRO)
        layout.addWidget(intro)
        for number, question in enumerate(QUESTIONS, start=1):
            layout.addWidget(self._question_row(number, question.key, question.text))

        self._clear = QPushButton(self)
        i18n.text(self._clear, CLEAR_TEXT)
        i18n.name(self._clear, N_("Clear the SURE answers"))
        self._clear.clicked.connect(self._on_clear_clicked)
        clear_row = QHBoxLayout()
        clear_row.addStretch(1)
        clear_row.addWidget(self._clear)
        layout.addLayout(clear_row)

        self._summary = PlainLabel("", self, bold=True)
        self._summary.setObjectName("sureSummary")
        layout.addWidget(self._summary)

        self._note = QFrame(self)
        self._note.setObjectName("clinicianNote")
        self._note.setFrameShape(QFrame.Shape.StyledPanel)
        self._note.setStyleSheet(WARNING_FRAME_STYLE.format(name="clinicianNote"))
        i18n.name(self._note, NOTE_HEADING)
        note_layout = QVBoxLayout(self._note)
        head = QHBoxLayout()
        self._note_icon = warning_icon(self)
        self._note_heading = PlainLabel("", self._note, bold=True)
        i18n.text(self._note_heading, NOTE_HEADING)
        head.addWidget(self._note_icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self._note_heading, 1)
        note_layout.addLayout(head)
        self._prompt = PlainLabel("", self._note)
        self._prompt.setObjectName("clinicianPrompt")
        note_layout.addWidget(self._prompt)
        layout.addWidget(self._note)
        self._show()

    def _question_row(self, number: int, key: str, text: str) -> QWidget:
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = PlainLabel("", row)
        i18n.text(label, N_("{number}. {question}"), number=number, t_question=text)
        yes = QRadioButton(row)
        no = QRadioButton(row)
        for button, word in ((yes, YES), (no, NO)):
            i18n.text(button, word)
            i18n.name(button, N_("{answer}: {question}"), t_answer=word, t_question=text)
            button.setObjectName(f"sure_{key}_{word.lower()}")
        group = QButtonGroup(row)
        group.setExclusive(True)
        group.addButton(yes, _YES_ID)
        group.addButton(no, _NO_ID)
        group.buttonClicked.connect(lambda button, k=key: self._on_answer_clicked(k, button))
        line.addWidget(label, 1)
        line.addWidget(yes)
        line.addWidget(no)
        i18n.name(row, N_("Question {number}: {question}"), number=number, t_question=text)
        self._groups[key] = group
        self._buttons[key] = (yes, no)
        return row

    # ----------------------------------------------------------------- API

    def result(self) -> SureResult:
        """The answers given so far."""
        return self._result

    def set_result(self, result: SureResult) -> None:
        """Show ``result`` (for an opened consultation); does not emit :attr:`changed`."""
        self._result = result
        for key, (yes, no) in self._buttons.items():
            self._check(key, result.answer(key))
        self._show()

    def buttons(self, key: str) -> tuple[QRadioButton, QRadioButton]:
        """The "Yes" and "No" buttons of the question ``key`` (a :data:`~decision_aid.core.sure.KEYS` entry)."""
        return self._buttons[key]

    def summary_text(self) -> str:
        """The score line as shown."""
        return self._summary.text()

    def prompt_text(self) -> str:
        """The clinician note as shown ("" when it is hidden)."""
        return self._prompt.text() if not self._note.isHidden() else ""

    def note_frame(self) -> QFrame:
        """The framed box holding the note for the clinician."""
        return self._note

    # ----------------------------------------------------------------- internals

    def _check(self, key: str, answer: Answer) -> None:
        group = self._groups[key]
        yes, no = self._buttons[key]
        group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        yes.setChecked(answer is True)
        no.setChecked(answer is False)
        group.setExclusive(True)

    def language_changed(self) -> None:
        """Say the score and the note again in the window's new language."""
        self._show()

    def _show(self) -> None:
        tr = i18n.tr_of(self)
        self._summary.setText(self._result.summary(tr=tr))
        self._clear.setEnabled(self._result.started)
        if self._result.conflict:
            prompt = self._result.clinician_prompt(tr=tr)
            self._prompt.setText(prompt)
            self._note.setAccessibleDescription(prompt)
            self._note.show()
        else:
            self._prompt.setText("")
            self._note.setAccessibleDescription("")
            self._note.hide()

    def _on_answer_clicked(self, key: str, button: QAbstractButton) -> None:
        answer = self._groups[key].id(button) == _YES_ID
        if self._result.answer(key) is answer:
            return
        self._result = self._result.with_answer(key, answer)
        self._show()
        self.changed.emit()

    def _on_clear_clicked(self) -> None:
        if not self._result.started:
            return
        self.set_result(SureResult())
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        icon = getattr(self, "_note_icon", None)  # None while __init__ is still building
        if icon is not None and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            size_icon_to_text(icon, self)
