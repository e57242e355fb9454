"""``python -m decision_aid``: the same as the ``decision-aid`` command."""

import sys

from .cli import main

sys.exit(main())
