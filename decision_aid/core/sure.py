"""The SURE test: four yes/no questions that screen for decisional conflict.

The SURE test (O'Connor & Légaré 2008; Légaré F, Kearing S, Clay K, et al.
"Are you SURE? Assessing patient decisional conflict with a 4-item screening
test." Can Fam Physician 2010;56:e308-14) asks the patient four questions.
Each "yes" scores 1 and each "no" 0. A score of 4 means the patient reports
no decisional conflict; a score below 4 signals *possible* decisional
conflict.

The SURE test is a screening tool, not a diagnosis: a low score is a prompt
for the clinician to talk further, not a judgement on the patient or on the
choice. The app shows the score and the questions answered "no"; it never
uses the score to change the ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .i18n import ENGLISH, N_, Translator

#: Points for a complete set of "yes" answers: no decisional conflict reported.
MAX_SCORE = 4


@dataclass(frozen=True)
class SureQuestion:
    """One SURE question.

    Attributes
    ----------
    key
        Name used in session files (``sure``, ``understand``, ...).
    letter
        The letter of the acronym.
    domain
        What the question measures, as the test names it.
    text
        The patient wording of the question.
    prompt
        What the clinician might do when the answer is "no".
    """

    key: str
    letter: str
    domain: str
    text: str
    prompt: str


#: The four questions in the order the test asks them.
QUESTIONS: tuple[SureQuestion, ...] = (
    SureQuestion("sure", "S", N_("Sure of myself"),
                 N_("Do you feel SURE about the best choice for you?"),
                 N_("Ask what is making the choice feel uncertain, and whether more time would help.")),
    SureQuestion("understand", "U", N_("Understand information"),
                 N_("Do you know the benefits and risks of each option?"),
                 N_("Talk through the benefits and risks of each option again.")),
    SureQuestion("risk_benefit", "R", N_("Risk-benefit ratio"),
                 N_("Are you clear about which benefits and risks matter most to you?"),
                 N_("Go back over which benefits and risks matter most to the patient (the importances).")),
    SureQuestion("encouragement", "E", N_("Encouragement"),
                 N_("Do you have enough support and advice to make a choice?"),
                 N_("Ask who else the patient would like to involve, and what support or advice they need.")),
)
KEYS: tuple[str, ...] = tuple(q.key for q in QUESTIONS)

Answer = bool | None


@dataclass(frozen=True)
class SureResult:
    """The patient's answers to the SURE test, scored.

    Parameters
    ----------
    answers
        Four answers in the order of :data:`QUESTIONS`: ``True`` for yes,
        ``False`` for no, ``None`` when not answered (yet).

    Raises
    ------
    TypeError
        If there are not four answers or one is not ``True``, ``False`` or
        ``None``.
    """

    answers: tuple[Answer, Answer, Answer, Answer] = (None, None, None, None)

    def __post_init__(self) -> None:
        answers = tuple(self.answers)
        if len(answers) != len(QUESTIONS):
            raise TypeError(f"the SURE test has {len(QUESTIONS)} answers, not {len(answers)}")
        for answer in answers:
            if answer is not None and not isinstance(answer, bool):
                raise TypeError(f"a SURE answer is True (yes), False (no) or None, not {answer!r}")
        object.__setattr__(self, "answers", answers)

    @classmethod
    def from_mapping(cls, answers: Mapping[str, Answer]) -> SureResult:
        """Build from answers keyed by :data:`KEYS`; keys left out are unanswered."""
        unknown = sorted(set(answers) - set(KEYS))
        if unknown:
            raise TypeError(f"'{unknown[0]}' is not a SURE question; use one of: {', '.join(KEYS)}")
        return cls(tuple(answers.get(k) for k in KEYS))  # type: ignore[arg-type]

    def as_mapping(self) -> dict[str, Answer]:
        """Answers keyed by :data:`KEYS` (the layout of session files)."""
        return dict(zip(KEYS, self.answers))

    def answer(self, key: str) -> Answer:
        return self.answers[KEYS.index(key)]

    def with_answer(self, key: str, answer: Answer) -> SureResult:
        """A copy with one answer changed."""
        answers = list(self.answers)
        answers[KEYS.index(key)] = answer
        return SureResult(tuple(answers))  # type: ignore[arg-type]

    @property
    def score(self) -> int:
        """Number of "yes" answers, 0 to 4."""
        return sum(a is True for a in self.answers)

    @property
    def complete(self) -> bool:
        """Whether all four questions have been answered."""
        return all(a is not None for a in self.answers)

    @property
    def started(self) -> bool:
        """Whether at least one question has been answered."""
        return any(a is not None for a in self.answers)

    @property
    def conflict(self) -> bool:
        """Whether any answer is "no", so the score cannot reach 4.

        Once the test is complete this is exactly "score below 4". It is set
        as soon as one "no" is given, so the clinician is prompted without
        waiting for the remaining answers.
        """
        return any(a is False for a in self.answers)

    def questions_answered(self, answer: bool) -> list[SureQuestion]:
        """The questions answered ``answer`` (True for yes, False for no)."""
        return [q for q, a in zip(QUESTIONS, self.answers) if a is answer]

    def unanswered(self) -> list[SureQuestion]:
        return [q for q, a in zip(QUESTIONS, self.answers) if a is None]

    def summary(self, *, tr: Translator = ENGLISH) -> str:
        """One line for the consultation summary, in ``tr``'s language."""
        if not self.started:
            return tr.gettext("SURE test: not done.")
        if not self.complete:
            missing = len(self.unanswered())
            text = tr.ngettext("SURE test: {score} of {max} answered yes so far ({n} question not answered)",
                               "SURE test: {score} of {max} answered yes so far ({n} questions not answered)",
                               missing).format(score=self.score, max=MAX_SCORE, n=missing)
        else:
            text = tr.gettext("SURE test: score {score} of {max}").format(score=self.score, max=MAX_SCORE)
        if self.conflict:
            domains = ", ".join(tr.gettext(q.domain) for q in self.questions_answered(False))
            return tr.gettext("{result}; possible decisional conflict (answered no: {domains}).").format(
                result=text, domains=domains)
        if self.complete:
            return tr.gettext("{result}; no decisional conflict reported.").format(result=text)
        return text + "."

    def clinician_prompt(self, *, tr: Translator = ENGLISH) -> str:
        """What the clinician might talk about next; "" when nothing is signalled.

        Names each question answered "no" with a suggestion, and any
        questions not answered yet. The SURE test screens; it does not
        diagnose, and the prompt says so.
        """
        lines: list[str] = []
        if self.conflict:
            lines.append(tr.gettext("The SURE test suggests possible decisional conflict ({score} of {max} answered "
                                    "yes). It is a screening question, not a diagnosis; consider:").format(
                score=self.score, max=MAX_SCORE))
            lines.extend(f"- {tr.gettext(q.domain)}: {tr.gettext(q.prompt)}" for q in self.questions_answered(False))
        if self.started and not self.complete:
            lines.append(tr.gettext("Not answered yet: {questions}.").format(
                questions=", ".join(tr.gettext(q.domain) for q in self.unanswered())))
        return "\n".join(lines)


def score_sure(answers: Iterable[Answer]) -> SureResult:
    """Score four answers given in the order of :data:`QUESTIONS`."""
    return SureResult(tuple(answers))  # type: ignore[arg-type]
