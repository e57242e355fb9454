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
from ..i18n import Message, msg
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
    """Internal: what is wrong (one :class:`~decision_aid.core.i18n.Message`), without saying where it came from."""

    def __init__(self, problem: Message):
        super().__init__(problem)
        self.problem = problem


class _InvalidSession(SessionError):
    """A Session built with an invalid value; ``problem`` lacks the prefix."""

    def __init__(self, message: Message, problem: Message):
        super().__init__(message)
        self.problem = problem


def _fail(problem: Message) -> NoReturn:
    """Raise :class:`_Problem` with ``problem``, a sentence naming the field (``the field '{field}' ...``)."""
    raise _Problem(problem)


def _text(name: str, value: object, limit: int) -> str:
    if not isinstance(value, str):
        _fail(msg("the field '{field}' must be text, not {kind}", field=name, kind=_kind(value)))
    if len(value) > limit:
        _fail(msg("the field '{field}' holds {count} characters; at most {limit} are kept", field=name,
                  count=len(value), limit=limit))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _fail(msg("the field '{field}' holds characters that are not valid text", field=name))
    return value


def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(msg("the field '{field}' must be a number, not {kind}", field=name, kind=_kind(value)))
    try:
        number = float(value)
    except OverflowError:
        _fail(msg("the field '{field}' is too large", field=name))
    if not math.isfinite(number):
        _fail(msg("the field '{field}' must be a finite number", field=name))
    return number


def _importances(values: dict[Any, Any]) -> dict[str, float]:
    if len(values) > MAX_ITEMS:
        _fail(msg("the field '{field}' has {count} entries; at most {limit} are accepted", field="importances",
                  count=len(values), limit=MAX_ITEMS))
    out: dict[str, float] = {}
    for key, value in values.items():
        if not isinstance(key, str) or not key.strip():
            _fail(msg("the field '{field}' must be keyed by criterion names", field="importances"))
        _text("importances", key, MAX_NAME_CHARS)
        number = _number(f"importances.{key}", value)
        if not 0 <= number <= MAX_IMPORTANCE:
            # The value as the file writes it (a point for decimals), as every value from a file.
            _fail(msg("the field '{field}' is {value}; importances run from 0 (does not matter) to {most} "
                      "(matters most)", field=f"importances.{key}", value=f"{number:g}", most=f"{MAX_IMPORTANCE:g}"))
        out[key] = number
    return out


def _limits(limits: object) -> Limits:
    if not isinstance(limits, Limits):
        _fail(msg("the field '{field}' must be a Limits value", field="limits"))
    categories = frozenset(limits.exclude_categories)
    for category in categories:
        if category not in CATEGORIES:
            _fail(msg("the field '{field}' holds {value}; use: {allowed}", field="limits.exclude_categories",
                      value=_show(category), allowed=", ".join(CATEGORIES)))
    maximum = limits.max_invasiveness
    if maximum is not None:
        maximum = _number("limits.max_invasiveness", maximum)
    contraindications = frozenset(limits.contraindications)
    if len(contraindications) > MAX_ITEMS:
        _fail(msg("the field '{field}' has more than {limit} entries", field="limits.contraindications",
                  limit=MAX_ITEMS))
    for item in contraindications:
        _text("limits.contraindications", item, MAX_NAME_CHARS)
        if not item.strip():
            _fail(msg("the field '{field}' holds an empty entry", field="limits.contraindications"))
    return Limits(exclude_categories=categories, max_invasiveness=maximum, contraindications=contraindications)


def _string_list(name: str, value: object) -> list[str]:
    if not isinstance(value, list):
        _fail(msg("the field '{field}' must be a list of text, not {kind}", field=name, kind=_kind(value)))
    if len(value) > MAX_ITEMS:
        _fail(msg("the field '{field}' has {count} entries; at most {limit} are accepted", field=name,
                  count=len(value), limit=MAX_ITEMS))
    for item in value:
        _text(name, item, MAX_NAME_CHARS)
    return list(value)


def _option_id(name: str, value: object) -> str:
    _text(name, value, 200)
    if not _ID.fullmatch(value):  # type: ignore[arg-type]
        _fail(msg("the field '{field}' holds {value}, which is not an option id (lower-case letters, digits, "
                  "'_', '-')", field=name, value=_show(value)))
    return value  # type: ignore[return-value]


def _selected(values: tuple[object, ...]) -> tuple[str, ...]:
    if len(values) > MAX_SELECTED:
        _fail(msg("the field '{field}' lists {count} options; at most {limit} are compared", field="selected",
                  count=len(values), limit=MAX_SELECTED))
    ids = tuple(_option_id("selected", v) for v in values)
    if len(set(ids)) != len(ids):
        _fail(msg("the field '{field}' lists the same option twice", field="selected"))
    return ids


def _timestamp(name: str, text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        _fail(msg("the field '{field}' holds {value}, which is not a date and time such as "
                  "2026-01-05T09:30:00+00:00", field=name, value=_show(text)))
    return value


def _utc(name: str, value: object) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        _fail(msg("the field '{field}' must be a date and time", field=name))
    if value.tzinfo is None or value.utcoffset() is None:
        _fail(msg("the field '{field}' must include a time zone (for example +00:00)", field=name))
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        _fail(msg("the field '{field}' is outside the dates that can be recorded", field=name))


def _kind(value: object) -> Message | str:
    """What a JSON value is, in words (the name of a Python type the file cannot hold, as it is)."""
    names = {type(None): msg("null"), bool: msg("true/false"), int: msg("a number"), float: msg("a number"),
             str: msg("text"), list: msg("a list"), dict: msg("an object")}
    return names.get(type(value), type(value).__name__)


def _show(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
