"""The consultation record: what the patient said, saved as a JSON file.

A :class:`Session` holds the patient's importances and hard limits, the
options compared, the option chosen (or "not decided yet"), notes from the
clinician and the patient, the SURE test answers, and which table (folder and
content fingerprint) it was made with.

File layout (schema version 1, UTF-8 JSON)::

    {
      "format": "decision-aid session",
      "schema_version": 1,
      "app_version": "0.1.0",
      "created": "2026-01-05T09:30:00+00:00",
      "modified": "2026-01-05T09:52:10.120000+00:00",
      "table_folder": "<bundled>",
      "table_fingerprint": "<sha256 of the table files, 64 hex digits>",
      "importances": {"pain_relief": 8.0, "invasiveness": 3.0} or null,
      "limits": {"exclude_categories": ["alternative"], "max_invasiveness": 5.0,
                 "contraindications": ["Pregnancy"]},
      "selected": ["physical_therapy", "nsaids"],
      "chosen": "physical_therapy" or null,
      "notes_clinician": "...",
      "notes_patient": "...",
      "sure": {"sure": true, "understand": false, "risk_benefit": null, "encouragement": true}
    }

Reading is strict: every field must be present with the right type, numbers
must be finite and in range, unknown fields and repeated keys are refused,
and every failure is a :class:`~decision_aid.core.errors.SessionError` that
names the field. A file from a newer app (higher ``schema_version``) is
refused; an older one is migrated step by step (:data:`MIGRATIONS`).

Whether the record still fits a table (options removed, criteria renamed,
table edited) is a separate, forgiving step, :func:`check_against_table`,
which drops what no longer fits and says so.

Autosave and recovery
---------------------
While a consultation is open the window calls :func:`write_autosave` a few
seconds after each change. Each running app writes its own file,
``autosave-<pid>-<token>.json`` in :func:`recovery_dir` (the token is random
per process, so a new process that happens to get a crashed one's id does not
mistake the crashed file for its own). A clean close calls
:func:`clear_autosave`, which removes the file. At start-up
:func:`pending_recovery` returns the newest autosave whose process is no
longer running, i.e. one left by a crash; after the user restores or declines
it, :func:`discard_recovery` removes such files. Autosaves of other windows
that are still running are never offered or removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

from .. import __version__
from .atomic import atomic_write_text, process_running
from .errors import Problem, SessionError, TableError
from .scoring import MAX_IMPORTANCE, Limits
from .sure import KEYS as SURE_KEYS
from .sure import SureResult
from .table import CATEGORIES, DecisionTable, bundled_data_dir, load_table

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
    return dt.datetime.now(dt.timezone.utc)


class _Problem(Exception):
    """Internal: what is wrong, without saying where it came from."""


class _InvalidSession(SessionError):
    """A Session built with an invalid value; ``problem`` lacks the prefix."""

    def __init__(self, message: str, problem: str):
        super().__init__(message)
        self.problem = problem


def _fail(name: str, problem: str) -> NoReturn:
    raise _Problem(f"the field '{name}' {problem}")


# --------------------------------------------------------------------------- the record


@dataclass(frozen=True)
class Session:
    """One consultation. Immutable: change it with :func:`dataclasses.replace`.

    Attributes
    ----------
    importances
        How much each criterion matters, 0-10, by criterion column; ``None``
        while the patient has not set them.
    limits
        Hard limits (categories left out, most invasiveness accepted,
        contraindications that apply).
    selected
        Ids of the options compared side by side (at most 4).
    chosen
        Id of the option the patient chose, or ``None`` for "not decided yet".
    notes_clinician, notes_patient
        Free text, shown as plain text.
    sure
        The SURE test answers.
    table_folder
        The table used: a folder path, or :data:`BUNDLED_TABLE`.
    table_fingerprint
        The table's content fingerprint when the session was last saved.
    created, modified
        Timezone-aware UTC timestamps.
    app_version
        Version of the app that wrote the record.
    schema_version
        Always :data:`SCHEMA_VERSION` in memory; older files are migrated.

    Raises
    ------
    SessionError
        When a value is invalid; the message names the field.
    """

    importances: Mapping[str, float] | None = None
    limits: Limits = field(default_factory=Limits)
    selected: tuple[str, ...] = ()
    chosen: str | None = None
    notes_clinician: str = ""
    notes_patient: str = ""
    sure: SureResult = field(default_factory=SureResult)
    table_folder: str = ""
    table_fingerprint: str = ""
    created: dt.datetime = field(default_factory=_now)
    modified: dt.datetime = field(default_factory=_now)
    app_version: str = __version__
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        try:
            self._validate()
        except _Problem as exc:
            raise _InvalidSession(f"The consultation record cannot be used: {exc}.", str(exc)) from None

    def _validate(self) -> None:
        setter = object.__setattr__
        if self.schema_version != SCHEMA_VERSION:
            _fail("schema_version", f"must be {SCHEMA_VERSION} in memory, not {self.schema_version!r}")
        if self.importances is not None:
            if not isinstance(self.importances, Mapping):
                _fail("importances", "must map criterion names to numbers")
            setter(self, "importances", MappingProxyType(_importances(dict(self.importances))))
        setter(self, "limits", _limits(self.limits))
        if not isinstance(self.selected, (list, tuple)):
            _fail("selected", "must be a list of option ids")
        setter(self, "selected", _selected(tuple(self.selected)))
        if self.chosen is not None:
            _option_id("chosen", self.chosen)
        _text("notes_clinician", self.notes_clinician, MAX_NOTE_CHARS)
        _text("notes_patient", self.notes_patient, MAX_NOTE_CHARS)
        if not isinstance(self.sure, SureResult):
            try:
                setter(self, "sure", SureResult(tuple(self.sure)))
            except TypeError as exc:
                _fail("sure", f"is not valid ({exc})")
        _text("table_folder", self.table_folder, MAX_NAME_CHARS)
        _text("table_fingerprint", self.table_fingerprint, 64)
        if not _FINGERPRINT.fullmatch(self.table_fingerprint):
            _fail("table_fingerprint", "must be empty or 64 hexadecimal digits")
        _text("app_version", self.app_version, 100)
        for name in ("created", "modified"):
            setter(self, name, _utc(name, getattr(self, name)))

    # ----------------------------------------------------------------- building

    @classmethod
    def new(cls, table: DecisionTable | None = None, *, now: dt.datetime | None = None) -> Session:
        """A fresh consultation for ``table`` (nothing set, not decided yet)."""
        now = now or _now()
        if table is None:
            return cls(created=now, modified=now)
        return cls(table_folder=table_reference(table), table_fingerprint=table.fingerprint,
                   created=now, modified=now)

    def touched(self, now: dt.datetime | None = None) -> Session:
        """A copy with ``modified`` set to now and ``app_version`` to this app."""
        return replace(self, modified=now or _now(), app_version=__version__)

    @property
    def decided(self) -> bool:
        return self.chosen is not None

    # ----------------------------------------------------------------- JSON

    def to_dict(self) -> dict[str, Any]:
        """The file layout as plain Python values (see the module docstring)."""
        return {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "app_version": self.app_version,
            "created": self.created.isoformat(),
            "modified": self.modified.isoformat(),
            "table_folder": self.table_folder,
            "table_fingerprint": self.table_fingerprint,
            "importances": None if self.importances is None else {k: float(v) for k, v in self.importances.items()},
            "limits": {
                "exclude_categories": sorted(self.limits.exclude_categories),
                "max_invasiveness": self.limits.max_invasiveness,
                "contraindications": sorted(self.limits.contraindications),
            },
            "selected": list(self.selected),
            "chosen": self.chosen,
            "notes_clinician": self.notes_clinician,
            "notes_patient": self.notes_patient,
            "sure": self.sure.as_mapping(),
        }

    def to_json(self) -> str:
        """The session as JSON text (UTF-8 safe, human-readable)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    @classmethod
    def from_json(cls, text: str, *, source: str = "") -> Session:
        """Read a session from JSON text, migrating older layouts.

        Parameters
        ----------
        text
            The file's text.
        source
            File name used in messages.

        Raises
        ------
        SessionError
            For anything that is not a valid session, naming the field; for a
            file made by a newer app, saying to update the app.
        """
        where = f"The consultation file {source}" if source else "The consultation file"
        if not isinstance(text, str):
            raise SessionError(f"{where} cannot be opened: it is not text.")
        if len(text) > MAX_SESSION_BYTES:
            raise SessionError(f"{where} cannot be opened: it is larger than "
                               f"{MAX_SESSION_BYTES // 1_048_576} MB, which no consultation record is.")
        try:
            document = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constant)
            return _from_document(_migrate(document))
        except _Problem as exc:
            problem = str(exc)
        except _InvalidSession as exc:
            problem = exc.problem
        except json.JSONDecodeError as exc:
            problem = (f"it is not a consultation file (not valid JSON: {exc.msg} at line {exc.lineno}, "
                       f"column {exc.colno})")
        except RecursionError:
            problem = "it is not a consultation file (its values are nested too deeply)"
        except ValueError as exc:
            problem = f"it is not a consultation file ({exc})"
        raise SessionError(f"{where} cannot be opened: {problem}.")


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            _fail(key, "appears twice in the same object; keep one")
        out[key] = value
    return out


def _no_constant(name: str) -> NoReturn:
    raise _Problem(f"it holds {name}, which is not a number a consultation record can contain")


def _from_document(doc: dict[str, Any]) -> Session:
    """Build a Session from a migrated, current-layout document."""
    _keys("", doc, _FIELDS)
    if doc["format"] != FORMAT:
        _fail("format", f"must be '{FORMAT}'")
    importances = doc["importances"]
    if importances is not None and not isinstance(importances, dict):
        _fail("importances", "must be an object of criterion names and numbers, or null")
    limits = doc["limits"]
    if not isinstance(limits, dict):
        _fail("limits", "must be an object")
    _keys("limits.", limits, _LIMIT_FIELDS)
    categories = _string_list("limits.exclude_categories", limits["exclude_categories"])
    contraindications = _string_list("limits.contraindications", limits["contraindications"])
    maximum = limits["max_invasiveness"]
    if maximum is not None:
        maximum = _number("limits.max_invasiveness", maximum)
    selected = doc["selected"]
    if not isinstance(selected, list):
        _fail("selected", "must be a list of option ids")
    sure = doc["sure"]
    if not isinstance(sure, dict):
        _fail("sure", "must be an object of the four SURE answers")
    _keys("sure.", sure, SURE_KEYS)
    for key in SURE_KEYS:
        if sure[key] is not None and not isinstance(sure[key], bool):
            _fail(f"sure.{key}", "must be true (yes), false (no) or null (not answered)")
    for name in ("created", "modified"):
        if not isinstance(doc[name], str):
            _fail(name, "must be a date and time such as 2026-01-05T09:30:00+00:00")
    return Session(
        importances=importances,
        limits=Limits(exclude_categories=frozenset(categories), max_invasiveness=maximum,
                      contraindications=frozenset(contraindications)),
        selected=tuple(selected), chosen=doc["chosen"],
        notes_clinician=doc["notes_clinician"], notes_patient=doc["notes_patient"],
        sure=SureResult.from_mapping(sure),
        table_folder=doc["table_folder"], table_fingerprint=doc["table_fingerprint"],
        created=_timestamp("created", doc["created"]), modified=_timestamp("modified", doc["modified"]),
        app_version=doc["app_version"])


def _keys(prefix: str, obj: dict[str, Any], expected: tuple[str, ...]) -> None:
    for name in expected:
        if name not in obj:
            _fail(prefix + name, "is missing")
    for name in obj:
        if name not in expected:
            _fail(prefix + name, "is not part of a consultation record; remove it")


# --------------------------------------------------------------------------- field checks


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
        return value.astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        _fail(name, "is outside the dates that can be recorded")


def _kind(value: object) -> str:
    names = {type(None): "null", bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _show(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- migrations


def _migrate_v0_to_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 -> 1.

    Schema 0 differs from 1 in that it

    - calls the importances ``weights`` (same meaning, 0-10 per criterion);
    - keeps the limits at the top level (``exclude_categories``,
      ``max_invasiveness``, ``contraindications``) instead of in ``limits``;
    - has one ``notes`` text (the clinician's) instead of two;
    - has one ``saved`` timestamp instead of ``created`` and ``modified``;
    - has no SURE answers and no ``format`` field.

    Values are moved, not checked; the schema-1 reader checks them.
    """
    out = dict(doc)
    out["format"] = FORMAT
    out["schema_version"] = 1
    out["importances"] = out.pop("weights", None)
    out["limits"] = {
        "exclude_categories": out.pop("exclude_categories", []),
        "max_invasiveness": out.pop("max_invasiveness", None),
        "contraindications": out.pop("contraindications", []),
    }
    out["notes_clinician"] = out.pop("notes", "")
    out.setdefault("notes_patient", "")
    saved = out.pop("saved", None)
    out.setdefault("created", saved)
    out.setdefault("modified", saved)
    out.setdefault("sure", dict.fromkeys(SURE_KEYS))
    out.setdefault("app_version", "")
    out.setdefault("selected", [])
    out.setdefault("chosen", None)
    out.setdefault("table_folder", "")
    out.setdefault("table_fingerprint", "")
    return out


#: ``MIGRATIONS[n]`` turns a schema-``n`` document into schema ``n + 1``.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_v0_to_v1}


def _migrate(doc: object) -> dict[str, Any]:
    """Bring a parsed session document up to :data:`SCHEMA_VERSION`.

    A document made by a newer app (higher version) is refused.
    """
    if not isinstance(doc, dict) or "schema_version" not in doc:
        raise _Problem("it is not a consultation file saved by this app")
    version = doc["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        _fail("schema_version", "must be a whole number")
    if version > SCHEMA_VERSION:
        raise _Problem(f"it was made by a newer version of the app (file version {version}; this app reads "
                       f"versions up to {SCHEMA_VERSION}); update the app to open it")
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["schema_version"] = version
    return doc


# --------------------------------------------------------------------------- files


def save_session(path: str | os.PathLike[str], session: Session, *,
                 expected_stamp: str | None = None) -> str:
    """Write ``session`` to ``path`` atomically (a crash never leaves half a file).

    Parameters
    ----------
    path
        The file to write.
    session
        The record, saved as given (call :meth:`Session.touched` first to
        update ``modified``).
    expected_stamp
        The :func:`session_stamp` of the file when this window last opened or
        saved it. If the file has changed since (another window or program
        saved it), nothing is written and :class:`SessionError` is raised.
        ``None`` overwrites without checking (for "Save as", after the user
        has confirmed).
        The check and the write are two steps, so two saves in the same
        instant can both pass it; the file is then one of them, whole.

    Returns
    -------
    str
        The stamp of the file just written, for the next save.

    Raises
    ------
    SessionError
        If the file changed under us, or cannot be written (read-only folder,
        full disk, folder gone, ...); the previous file is unchanged.
    """
    target = Path(path)
    text = session.to_json()
    if expected_stamp is not None:
        current = session_stamp(target)
        if current is not None and current != expected_stamp:
            raise SessionError(f"{target} was changed by another window or program since you opened it. "
                               "Nothing was saved. Save under another name, or open the file again to see "
                               "the other changes.")
    atomic_write_text(target, text, error=SessionError)
    return _stamp(text.encode("utf-8"))


def session_stamp(path: str | os.PathLike[str]) -> str | None:
    """A fingerprint of the file as it is now, or ``None`` if there is no file."""
    try:
        return _stamp(Path(path).read_bytes())
    except OSError:
        return None


def _stamp(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_session(path: str | os.PathLike[str]) -> Session:
    """Read and check a session file (migrating an older layout).

    Raises
    ------
    SessionError
        If the file cannot be read or is not a valid session; the message
        names the file and the field.
    """
    target = Path(path)
    where = f"The consultation file {target}"
    try:
        if target.is_dir():
            raise SessionError(f"{where} cannot be opened: it is a folder; choose a file.")
        with open(target, "rb") as handle:
            data = handle.read(MAX_SESSION_BYTES + 1)
    except FileNotFoundError:
        raise SessionError(f"{where} was not found; it may have been moved or deleted.") from None
    except PermissionError:
        raise SessionError(f"{where} cannot be opened: permission denied. Ask for read access or copy "
                           "it to a folder of your own.") from None
    except OSError as exc:
        raise SessionError(f"{where} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(f"{where} cannot be opened: it is larger than {MAX_SESSION_BYTES // 1_048_576} MB, "
                           "which no consultation record is.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError(f"{where} cannot be opened: it is not a consultation file (not UTF-8 text).") from None
    return Session.from_json(text, source=str(target))


# --------------------------------------------------------------------------- the table


def table_reference(table: DecisionTable) -> str:
    """What ``table_folder`` records for ``table``: its folder, or :data:`BUNDLED_TABLE`."""
    folder = Path(table.folder)
    with contextlib.suppress(OSError):
        if folder.resolve() == bundled_data_dir().resolve():
            return BUNDLED_TABLE
        return str(folder.resolve())
    return str(folder)


def load_session_table(session: Session) -> DecisionTable:
    """Load the table the session names (the bundled one for :data:`BUNDLED_TABLE`).

    Raises
    ------
    TableError
        When it is missing or cannot be used; then call
        ``check_against_table(session, None)`` to open the record anyway.
    """
    if not session.table_folder:
        raise TableError([Problem("consultation file", None, None,
                                  "it does not record which table it used; open a table")])
    folder = bundled_data_dir() if session.table_folder == BUNDLED_TABLE else Path(session.table_folder)
    return load_table(folder)


@dataclass(frozen=True)
class SessionCheck:
    """A session fitted to a table, with what had to change.

    Attributes
    ----------
    session
        The session with anything the table no longer has removed, and the
        table's folder and fingerprint recorded.
    messages
        One plain sentence per thing the user should know.
    table_missing
        The recorded table could not be found or read.
    table_changed
        The table's content differs from when the session was saved.
    """

    session: Session
    messages: tuple[str, ...] = ()
    table_missing: bool = False
    table_changed: bool = False

    @property
    def ok(self) -> bool:
        return not self.messages


def check_against_table(session: Session, table: DecisionTable | None) -> SessionCheck:
    """Fit ``session`` to ``table``, keeping everything that still applies.

    Parameters
    ----------
    session
        A loaded session.
    table
        The table to show it with, or ``None`` when the recorded table is
        missing or cannot be read (the notes, SURE answers and choice are
        still shown).

    Returns
    -------
    SessionCheck
        The cleaned session and a message for each change.
    """
    if table is None:
        where = session.table_folder or "not recorded"
        if where == BUNDLED_TABLE:
            where = "the table that comes with the app"
        return SessionCheck(session, (f"The table this consultation was made with ({where}) is missing or "
                                      "cannot be read. The notes, SURE answers and choice are shown; open a "
                                      "table to compare options again.",), table_missing=True)
    messages: list[str] = []
    changed = bool(session.table_fingerprint) and session.table_fingerprint != table.fingerprint
    if changed:
        messages.append("The table has changed since this consultation was saved; values shown are today's.")
    ids = set(table.ids)

    importances = session.importances
    if importances is not None:
        columns = [c.column for c in table.criteria]
        dropped = [k for k in importances if k not in columns]
        kept = {k: v for k, v in importances.items() if k in columns}
        if dropped:
            messages.append("Importances for criteria this table no longer has were left out: "
                            + ", ".join(dropped) + ".")
        if not kept:
            importances = None
            messages.append("None of the saved importances match this table's criteria; set them again.")
        else:
            added = [c for c in table.criteria if c.column not in kept]
            for c in added:
                kept[c.column] = c.default_weight
            if added:
                messages.append("New in this table, starting at their usual importance: "
                                + ", ".join(f"{c.label} ({c.default_weight:g})" for c in added) + ".")
            importances = kept

    limits = session.limits
    maximum = limits.max_invasiveness
    if maximum is not None and table.by_role("invasiveness") is None:
        maximum = None
        messages.append("This table has no invasiveness criterion, so the limit on invasiveness was removed.")
    listed = {c.casefold() for c in table.contraindications()}
    contraindications = frozenset(c for c in limits.contraindications if c.casefold() in listed)
    gone = sorted(limits.contraindications - contraindications)
    if gone:
        messages.append("Contraindications this table no longer lists were removed: " + ", ".join(gone) + ".")
    limits = Limits(exclude_categories=limits.exclude_categories, max_invasiveness=maximum,
                    contraindications=contraindications)

    selected = tuple(i for i in session.selected if i in ids)
    missing = [i for i in session.selected if i not in ids]
    if missing:
        messages.append("Options no longer in the table were left out of the comparison: "
                        + ", ".join(missing) + ".")
    chosen = session.chosen
    if chosen is not None and chosen not in ids:
        messages.append(f"The option chosen in this consultation ('{chosen}') is no longer in the table; "
                        "the choice now shows as not decided yet. The notes are unchanged.")
        chosen = None

    cleaned = replace(session, importances=importances, limits=limits, selected=selected, chosen=chosen,
                      table_folder=table_reference(table), table_fingerprint=table.fingerprint)
    return SessionCheck(cleaned, tuple(messages), table_missing=False, table_changed=changed)


# --------------------------------------------------------------------------- autosave and recovery

#: Random per process: tells this process's autosave from one a crashed
#: process with the same id left behind.
_TOKEN = secrets.token_hex(4)
_AUTOSAVE = re.compile(r"^autosave-(\d+)-([0-9a-f]+)(?:-(\d+))?\.json$")


def recovery_dir() -> Path:
    """Per-user folder for autosaves (``$DECISION_AID_STATE_DIR`` overrides it)."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir("decision-aid", appauthor=False)) / "recovery"


def autosave_path(window: int = 0) -> Path:
    """This process's autosave file for window number ``window``."""
    suffix = f"-{window}" if window else ""
    return recovery_dir() / f"autosave-{os.getpid()}-{_TOKEN}{suffix}.json"


def write_autosave(session: Session, *, window: int = 0) -> Path:
    """Save ``session`` as this process's autosave (atomically) and return the file.

    Raises
    ------
    SessionError
        If the recovery folder cannot be created or written.
    """
    folder = recovery_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise SessionError(f"The autosave folder {folder} cannot be created ({exc.strerror or exc}); "
                           "the consultation is not being autosaved. Save it yourself.") from None
    path = autosave_path(window)
    atomic_write_text(path, session.to_json(), error=SessionError)
    return path


def clear_autosave(*, window: int = 0) -> None:
    """Remove this process's autosave (on a clean close, or after saving and closing)."""
    with contextlib.suppress(OSError):
        autosave_path(window).unlink()


def _orphans() -> list[Path]:
    """Autosave files whose process has ended."""
    try:
        entries = list(recovery_dir().iterdir())
    except OSError:
        return []
    out = []
    for path in entries:
        match = _AUTOSAVE.match(path.name)
        if not match:
            continue
        pid, token = int(match.group(1)), match.group(2)
        if pid == os.getpid():
            alive = token == _TOKEN
        else:
            alive = process_running(pid)
        if not alive:
            out.append(path)
    return out


def pending_recovery() -> Session | None:
    """The newest consultation left by an app that did not close cleanly, if any.

    Unreadable autosave files are skipped. If several windows crashed, only
    the most recently changed consultation is offered.
    """
    found: list[Session] = []
    for path in _orphans():
        with contextlib.suppress(SessionError):
            found.append(load_session(path))
    if not found:
        return None
    return max(found, key=lambda s: s.modified)


def discard_recovery() -> int:
    """Remove every autosave left by an ended process; returns how many.

    Call it once the user has restored or declined :func:`pending_recovery`
    (a restored consultation is autosaved again under this process).
    """
    removed = 0
    for path in _orphans():
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed
