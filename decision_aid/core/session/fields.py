"""The consultation file's layout limits and the check of each field.

Every check raises :class:`_Problem` (what is wrong, naming the field);
:class:`~decision_aid.core.session.record.Session` turns it into a
:class:`~decision_aid.core.errors.SessionError`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, NoReturn

from ..errors import SessionError
from ..scoring import MAX_IMPORTANCE, Limits
from ..table import CATEGORIES

#: Version of the file layout this app writes.
SCHEMA_VERSION = 1
#: Value of the ``format`` field; tells a consultation file from other JSON.
FORMAT = "decision-aid session"
#: Suggested file-name extension (a session is plain JSON).
SUFFIX = ".json"
#: Largest session file read. A record is a few kilobytes; notes are capped
#: at :data:`MAX_NOTE_CHARS`, so anything this size is not a session.
MAX_SESSION_BYTES = 5 * 1024 * 1024
#: Longest note kept (about 30 typed pages).
MAX_NOTE_CHARS = 100_000
#: Longest name, id, path or version string.
MAX_NAME_CHARS = 4096
#: Most options compared side by side.
MAX_SELECTED = 4
#: Most importances or limits of one kind (far above any real table).
MAX_ITEMS = 1000
#: ``table_folder`` value meaning "the table bundled with the app", wherever
#: the app is installed.
BUNDLED_TABLE = "<bundled>"
#: Environment variable that moves the recovery folder (used by tests).
STATE_DIR_ENV = "DECISION_AID_STATE_DIR"

_ID = re.compile(r"[a-z0-9][a-z0-9_\-]*")
_FINGERPRINT = re.compile(r"|[0-9a-f]{64}")
_FIELDS = ("format", "schema_version", "app_version", "created", "modified", "table_folder",
           "table_fingerprint", "importances", "limits", "selected", "chosen", "notes_clinician",
           "notes_patient", "sure")
_LIMIT_FIELDS = ("exclude_categories", "max_invasiveness", "contraindications")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _Problem(Exception):
    """Internal: what is wrong, without saying where it came from."""


class _InvalidSession(SessionError):
    """A Session built with an invalid value; ``problem`` lacks the prefix."""

    def __init__(self, message: str, problem: str):
        super().__init__(message)
        self.problem = problem


def _fail(name: str, problem: str) -> NoReturn:
    raise _Problem(f"the field '{name}' {problem}")


def _text(name: str, value: object, limit: int) -> str:
    if not isinstance(value, str):
        _fail(name, f"must be text, not {_kind(value)}")
    if len(value) > limit:
        _fail(name, f"holds {len(value):,} characters; at most {limit:,} are kept")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _fail(name, "holds characters that are not valid text")
    return value


def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(name, f"must be a number, not {_kind(value)}")
    try:
        number = float(value)
    except OverflowError:
        _fail(name, "is too large")
    if not math.isfinite(number):
        _fail(name, "must be a finite number")
    return number


def _importances(values: dict[Any, Any]) -> dict[str, float]:
    if len(values) > MAX_ITEMS:
        _fail("importances", f"has {len(values):,} entries; at most {MAX_ITEMS:,} are accepted")
    out: dict[str, float] = {}
    for key, value in values.items():
        if not isinstance(key, str) or not key.strip():
            _fail("importances", "must be keyed by criterion names")
        _text("importances", key, MAX_NAME_CHARS)
        number = _number(f"importances.{key}", value)
        if not 0 <= number <= MAX_IMPORTANCE:
            _fail(f"importances.{key}", f"is {number:g}; importances run from 0 (does not matter) "
                                        f"to {MAX_IMPORTANCE:g} (matters most)")
        out[key] = number
    return out


def _limits(limits: object) -> Limits:
    if not isinstance(limits, Limits):
        _fail("limits", "must be a Limits value")
    categories = frozenset(limits.exclude_categories)
    for category in categories:
        if category not in CATEGORIES:
            _fail("limits.exclude_categories", f"holds {_show(category)}; use: {', '.join(CATEGORIES)}")
    maximum = limits.max_invasiveness
    if maximum is not None:
        maximum = _number("limits.max_invasiveness", maximum)
    contraindications = frozenset(limits.contraindications)
    if len(contraindications) > MAX_ITEMS:
        _fail("limits.contraindications", f"has more than {MAX_ITEMS:,} entries")
    for item in contraindications:
        _text("limits.contraindications", item, MAX_NAME_CHARS)
        if not item.strip():
            _fail("limits.contraindications", "holds an empty entry")
    return Limits(exclude_categories=categories, max_invasiveness=maximum, contraindications=contraindications)


def _string_list(name: str, value: object) -> list[str]:
    if not isinstance(value, list):
        _fail(name, f"must be a list of text, not {_kind(value)}")
    if len(value) > MAX_ITEMS:
        _fail(name, f"has {len(value):,} entries; at most {MAX_ITEMS:,} are accepted")
    for item in value:
        _text(name, item, MAX_NAME_CHARS)
    return list(value)


def _option_id(name: str, value: object) -> str:
    _text(name, value, 200)
    if not _ID.fullmatch(value):  # type: ignore[arg-type]
        _fail(name, f"holds {_show(value)}, which is not an option id (lower-case letters, digits, '_', '-')")
    return value  # type: ignore[return-value]


def _selected(values: tuple[object, ...]) -> tuple[str, ...]:
    if len(values) > MAX_SELECTED:
        _fail("selected", f"lists {len(values)} options; at most {MAX_SELECTED} are compared")
    ids = tuple(_option_id("selected", v) for v in values)
    if len(set(ids)) != len(ids):
        _fail("selected", "lists the same option twice")
    return ids


def _timestamp(name: str, text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        _fail(name, f"holds {_show(text)}, which is not a date and time such as 2026-01-05T09:30:00+00:00")
    return value


def _utc(name: str, value: object) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        _fail(name, "must be a date and time")
    if value.tzinfo is None or value.utcoffset() is None:
        _fail(name, "must include a time zone (for example +00:00)")
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        _fail(name, "is outside the dates that can be recorded")


def _kind(value: object) -> str:
    names = {type(None): "null", bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _show(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
