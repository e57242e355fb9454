"""A treatment-option decision aid for shared decision making.

``decision_aid.core`` holds the data contract, scoring, charts and reports and
never imports Qt; ``decision_aid.gui`` is the desktop window built on it.
"""

__version__ = "0.1.0"



def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated where it is shown (core/i18n.py)."""
    return message


NOT_ADVICE = N_("This aid supports a conversation between you and your clinician. "
                "It is not medical advice and does not recommend a treatment.")
#: The second half of :data:`NOT_ADVICE`, at the foot of every page of the take-home sheet.
FOOTER_NOT_ADVICE = N_("It is not medical advice and does not recommend a treatment.")
