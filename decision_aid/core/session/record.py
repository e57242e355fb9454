"""The consultation record (:class:`Session`) and its JSON form.

Reading is strict: every field must be present with the right type, numbers
must be finite and in range, unknown fields and repeated keys are refused,
and every failure is a :class:`~decision_aid.core.errors.SessionError` that
names the field. Older layouts are migrated first
(:mod:`~decision_aid.core.session.migrations`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, NoReturn

from ... import __version__
from ..errors import SessionError
from ..i18n import Message, msg
from ..scoring import Limits
from ..sure import KEYS as SURE_KEYS
from ..sure import SureResult
from ..table import DecisionTable
from .fields import (_FIELDS, _FINGERPRINT, _LIMIT_FIELDS, FORMAT, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SESSION_BYTES,
                     SCHEMA_VERSION, _fail, _importances, _InvalidSession, _limits, _now, _number, _option_id, _Problem,
                     _selected, _string_list, _text, _timestamp, _utc)
from .migrations import _migrate

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
            raise _InvalidSession(msg("The consultation record cannot be used: {problem}.", problem=exc.problem),
                                  exc.problem) from None

    def _validate(self) -> None:
        setter = object.__setattr__
        if self.schema_version != SCHEMA_VERSION:
            _fail(msg("the field '{field}' must be {version} in memory, not {value}", field="schema_version",
                      version=str(SCHEMA_VERSION), value=repr(self.schema_version)))
        if self.importances is not None:
            if not isinstance(self.importances, Mapping):
                _fail(msg("the field '{field}' must map criterion names to numbers", field="importances"))
            setter(self, "importances", MappingProxyType(_importances(dict(self.importances))))
        setter(self, "limits", _limits(self.limits))
        if not isinstance(self.selected, (list, tuple)):
            _fail(msg("the field '{field}' must be a list of option ids", field="selected"))
        setter(self, "selected", _selected(tuple(self.selected)))
        if self.chosen is not None:
            _option_id("chosen", self.chosen)
        _text("notes_clinician", self.notes_clinician, MAX_NOTE_CHARS)
        _text("notes_patient", self.notes_patient, MAX_NOTE_CHARS)
        if not isinstance(self.sure, SureResult):
            try:
                setter(self, "sure", SureResult(tuple(self.sure)))
            except TypeError as exc:
                _fail(msg("the field '{field}' is not valid ({error})", field="sure", error=str(exc)))
        _text("table_folder", self.table_folder, MAX_NAME_CHARS)
        _text("table_fingerprint", self.table_fingerprint, 64)
        if not _FINGERPRINT.fullmatch(self.table_fingerprint):
            _fail(msg("the field '{field}' must be empty or 64 hexadecimal digits", field="table_fingerprint"))
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
        from .tables import table_reference  # the table module builds on the record

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
        """The file layout as plain Python values (see :mod:`decision_aid.core.session`)."""
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
        size = MAX_SESSION_BYTES // 1_048_576
        if not isinstance(text, str):
            raise SessionError(msg("The consultation file {file} cannot be opened: it is not text.", file=source)
                               if source else msg("The consultation file cannot be opened: it is not text."))
        if len(text) > MAX_SESSION_BYTES:
            raise SessionError(msg("The consultation file {file} cannot be opened: it is larger than {size} MB, "
                                   "which no consultation record is.", file=source, size=size) if source else
                               msg("The consultation file cannot be opened: it is larger than {size} MB, which no "
                                   "consultation record is.", size=size))
        problem: Message
        try:
            document = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constant)
            return _from_document(_migrate(document))
        except _Problem as exc:
            problem = exc.problem
        except _InvalidSession as exc:
            problem = exc.problem
        except json.JSONDecodeError as exc:
            # Line and column as the file counts them (never grouped like a quantity).
            problem = msg("it is not a consultation file (not valid JSON: {error} at line {line}, column {column})",
                          error=exc.msg, line=str(exc.lineno), column=str(exc.colno))
        except RecursionError:
            problem = msg("it is not a consultation file (its values are nested too deeply)")
        except ValueError as exc:
            problem = msg("it is not a consultation file ({error})", error=str(exc))
        raise SessionError(msg("The consultation file {file} cannot be opened: {problem}.", file=source,
                               problem=problem) if source else
                           msg("The consultation file cannot be opened: {problem}.", problem=problem))


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            _fail(msg("the field '{field}' appears twice in the same object; keep one", field=key))
        out[key] = value
    return out


def _no_constant(name: str) -> NoReturn:
    raise _Problem(msg("it holds {name}, which is not a number a consultation record can contain", name=name))


def _from_document(doc: dict[str, Any]) -> Session:
    """Build a Session from a migrated, current-layout document."""
    _keys("", doc, _FIELDS)
    if doc["format"] != FORMAT:
        _fail(msg("the field '{field}' must be '{value}'", field="format", value=FORMAT))
    importances = doc["importances"]
    if importances is not None and not isinstance(importances, dict):
        _fail(msg("the field '{field}' must be an object of criterion names and numbers, or null",
                  field="importances"))
    limits = doc["limits"]
    if not isinstance(limits, dict):
        _fail(msg("the field '{field}' must be an object", field="limits"))
    _keys("limits.", limits, _LIMIT_FIELDS)
    categories = _string_list("limits.exclude_categories", limits["exclude_categories"])
    contraindications = _string_list("limits.contraindications", limits["contraindications"])
    maximum = limits["max_invasiveness"]
    if maximum is not None:
        maximum = _number("limits.max_invasiveness", maximum)
    selected = doc["selected"]
    if not isinstance(selected, list):
        _fail(msg("the field '{field}' must be a list of option ids", field="selected"))
    sure = doc["sure"]
    if not isinstance(sure, dict):
        _fail(msg("the field '{field}' must be an object of the four SURE answers", field="sure"))
    _keys("sure.", sure, SURE_KEYS)
    for key in SURE_KEYS:
        if sure[key] is not None and not isinstance(sure[key], bool):
            _fail(msg("the field '{field}' must be true (yes), false (no) or null (not answered)", field=f"sure.{key}"))
    for name in ("created", "modified"):
        if not isinstance(doc[name], str):
            _fail(msg("the field '{field}' must be a date and time such as 2026-01-05T09:30:00+00:00", field=name))
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
            _fail(msg("the field '{field}' is missing", field=prefix + name))
    for name in obj:
        if name not in expected:
            _fail(msg("the field '{field}' is not part of a consultation record; remove it", field=prefix + name))
