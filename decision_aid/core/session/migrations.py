"""Migrations of older consultation files to the current layout, one schema version at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import msg
from ..sure import KEYS as SURE_KEYS
from .fields import FORMAT, SCHEMA_VERSION, _fail, _Problem

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
        raise _Problem(msg("it is not a consultation file saved by this app"))
    version = doc["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        _fail(msg("the field '{field}' must be a whole number", field="schema_version"))
    if version > SCHEMA_VERSION:
        raise _Problem(msg("it was made by a newer version of the app (file version {version}; this app reads "
                           "versions up to {latest}); update the app to open it",
                           version=str(version), latest=str(SCHEMA_VERSION)))
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["schema_version"] = version
    return doc
