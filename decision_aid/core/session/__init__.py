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

The package
-----------
:mod:`~decision_aid.core.session.fields`
    The layout's limits (sizes, counts) and the check of each field.
:mod:`~decision_aid.core.session.record`
    :class:`Session` and its JSON form.
:mod:`~decision_aid.core.session.migrations`
    Older layouts brought up to date (:data:`MIGRATIONS`).
:mod:`~decision_aid.core.session.files`
    Saving, stamping and loading a consultation file.
:mod:`~decision_aid.core.session.tables`
    The table a consultation names, and fitting the record to a table.
:mod:`~decision_aid.core.session.recovery`
    Autosave and recovery after a crash.

Every file is read with :func:`decision_aid.core.files.read_regular_file`:
a pipe, a device, a folder or a link to one is refused with a message, never
waited on or read without end.
"""

from __future__ import annotations

from .fields import (BUNDLED_TABLE, FORMAT, MAX_ITEMS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_SELECTED, MAX_SESSION_BYTES,
                     SCHEMA_VERSION, STATE_DIR_ENV, SUFFIX)
from .files import load_session, save_session, session_stamp
from .migrations import MIGRATIONS
from .record import Session
from .recovery import (autosave_path, clear_autosave, discard_recovery, pending_recovery, recovery_dir,
                       write_autosave)
from .tables import SessionCheck, check_against_table, load_session_table, table_reference

__all__ = ["BUNDLED_TABLE", "FORMAT", "MAX_ITEMS", "MAX_NAME_CHARS", "MAX_NOTE_CHARS", "MAX_SELECTED",
           "MAX_SESSION_BYTES", "MIGRATIONS", "SCHEMA_VERSION", "STATE_DIR_ENV", "SUFFIX", "Session", "SessionCheck",
           "autosave_path", "check_against_table", "clear_autosave", "discard_recovery", "load_session",
           "load_session_table", "pending_recovery", "recovery_dir", "save_session", "session_stamp",
           "table_reference", "write_autosave"]
