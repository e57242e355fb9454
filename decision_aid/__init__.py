"""A treatment-option decision aid for shared decision making.

``decision_aid.core`` holds the data contract, scoring, charts and reports and
never imports Qt; ``decision_aid.gui`` is the desktop window built on it.
"""

__version__ = "0.1.0"

NOT_ADVICE = ("This aid supports a conversation between you and your clinician. "
              "It is not medical advice and does not recommend a treatment.")
