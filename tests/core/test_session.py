"""Consultation records: round trip, strict reading, migration, tables that changed, autosave."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decision_aid.core import session as session_module
from decision_aid.core.errors import SessionError, TableError
from decision_aid.core.scoring import Limits
from decision_aid.core.session import (
    BUNDLED_TABLE,
    FORMAT,
    MAX_SESSION_BYTES,
    SCHEMA_VERSION,
    STATE_DIR_ENV,
    Session,
    check_against_table,
    clear_autosave,
    discard_recovery,
    load_session,
    load_session_table,
    pending_recovery,
    recovery_dir,
    save_session,
    session_stamp,
    table_reference,
    write_autosave,
)
from decision_aid.core.session import recovery as session_recovery
from decision_aid.core.session import tables as session_tables
from decision_aid.core.sure import SureResult
from decision_aid.core.table import CATEGORIES, load_table

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
T1 = dt.datetime(2026, 1, 5, 9, 52, 10, 120000, tzinfo=UTC)

option_ids = st.from_regex(r"[a-z0-9][a-z0-9_\-]{0,15}", fullmatch=True)
names = st.text(min_size=1, max_size=20).filter(str.strip)
aware = st.datetimes(timezones=st.just(UTC))
sessions = st.builds(
    Session,
    importances=st.none() | st.dictionaries(names, st.floats(0, 10), max_size=8),
    limits=st.builds(Limits,
                     exclude_categories=st.frozensets(st.sampled_from(CATEGORIES)),
                     max_invasiveness=st.none() | st.floats(allow_nan=False, allow_infinity=False),
                     contraindications=st.frozensets(names, max_size=5)),
    selected=st.lists(option_ids, max_size=4, unique=True).map(tuple),
    chosen=st.none() | option_ids,
    notes_clinician=st.text(max_size=300),
    notes_patient=st.text(max_size=300),
    sure=st.tuples(*[st.sampled_from([True, False, None])] * 4).map(SureResult),
    table_folder=st.text(max_size=60),
    table_fingerprint=st.just("") | st.text("0123456789abcdef", min_size=64, max_size=64),
    created=aware,
    modified=aware,
    app_version=st.text(max_size=20),
)


def example(**changes) -> Session:
    values = dict(
        importances={"cost": 3.0, "hours": 6.5, "benefit": 8.0},
        limits=Limits(exclude_categories=frozenset({"home"}), max_invasiveness=4.0,
                      contraindications=frozenset({"Pregnancy"})),
        selected=("alpha", "beta"), chosen="alpha",
        notes_clinician="Discussed the options; review in 4 weeks.",
        notes_patient="Worried about time off work. \u00c7a va.",
        sure=SureResult((True, False, None, True)),
        table_folder="/clinic/tables/synthetic", table_fingerprint="ab" * 32,
        created=T0, modified=T1, app_version="0.1.0")
    values.update(changes)
    return Session(**values)


@pytest.fixture
def state_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv(STATE_DIR_ENV, str(folder))
    return folder


# --------------------------------------------------------------------------- round trip


@given(sessions)
def test_json_round_trip(session):
    assert Session.from_json(session.to_json()) == session


@given(sessions)
def test_save_then_load_gives_the_same_session(tmp_path_factory, session):
    path = tmp_path_factory.mktemp("rt") / "consultation.json"
    save_session(path, session)
    assert load_session(path) == session


def test_file_layout_is_readable_json(tmp_path):
    path = tmp_path / "c.json"
    save_session(path, example())
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT
    assert doc["schema_version"] == SCHEMA_VERSION == 1
    assert doc["importances"] == {"cost": 3.0, "hours": 6.5, "benefit": 8.0}
    assert doc["limits"] == {"exclude_categories": ["home"], "max_invasiveness": 4.0,
                             "contraindications": ["Pregnancy"]}
    assert doc["chosen"] == "alpha"
    assert doc["sure"] == {"sure": True, "understand": False, "risk_benefit": None, "encouragement": True}
    assert doc["created"] == "2026-01-05T09:30:00+00:00"
    assert "\u00c7a va" in path.read_text(encoding="utf-8")  # not escaped, so the file is readable


def test_not_decided_and_not_set_are_kept():
    session = Session(created=T0, modified=T0)
    loaded = Session.from_json(session.to_json())
    assert loaded.chosen is None and not loaded.decided
    assert loaded.importances is None
    assert loaded.sure == SureResult()


def test_timestamps_are_stored_in_utc():
    cet = dt.timezone(dt.timedelta(hours=1))
    session = Session(created=dt.datetime(2026, 1, 5, 10, 30, tzinfo=cet), modified=T1)
    assert session.created == T0 and session.created.tzinfo == UTC
    assert json.loads(session.to_json())["created"] == "2026-01-05T09:30:00+00:00"


def test_a_session_copies_its_importances():
    importances = {"cost": 3.0}
    session = Session(importances=importances)
    importances["cost"] = 9.0
    assert session.importances == {"cost": 3.0}
    with pytest.raises(TypeError):
        session.importances["cost"] = 1.0  # type: ignore[index]


def test_touched_updates_modified_only():
    session = example()
    later = session.touched(now=T1 + dt.timedelta(minutes=5))
    assert later.modified == T1 + dt.timedelta(minutes=5)
    assert later.created == session.created and later.notes_clinician == session.notes_clinician


@pytest.mark.parametrize("changes, field", [
    ({"importances": {"cost": 10.5}}, "importances.cost"),
    ({"importances": {"cost": float("nan")}}, "importances.cost"),
    ({"selected": ("a", "b", "c", "d", "e")}, "selected"),
    ({"selected": ("a", "a")}, "selected"),
    ({"chosen": "Not An Id"}, "chosen"),
    ({"created": dt.datetime(2026, 1, 5)}, "created"),
    ({"limits": Limits(exclude_categories=frozenset({"surgery"}))}, "limits.exclude_categories"),
    ({"table_fingerprint": "xyz"}, "table_fingerprint"),
])
def test_building_an_invalid_session_names_the_field(changes, field):
    with pytest.raises(SessionError, match=f"'{field}'"):
        example(**changes)


# --------------------------------------------------------------------------- strict reading


def document(**changes) -> dict:
    doc = json.loads(example().to_json())
    doc.update(changes)
    return doc


@pytest.mark.parametrize("change, field, words", [
    ({"importances": {"cost": 11}}, "importances.cost", "from 0"),
    ({"importances": {"cost": -1}}, "importances.cost", "from 0"),
    ({"importances": {"cost": "high"}}, "importances.cost", "must be a number, not text"),
    ({"importances": {"cost": True}}, "importances.cost", "must be a number"),
    ({"importances": [1, 2]}, "importances", "object"),
    ({"limits": {"exclude_categories": [], "max_invasiveness": "5", "contraindications": []}},
     "limits.max_invasiveness", "number"),
    ({"limits": {"exclude_categories": ["x"], "max_invasiveness": None, "contraindications": []}},
     "limits.exclude_categories", "conventional"),
    ({"limits": {"exclude_categories": [], "max_invasiveness": None}}, "limits.contraindications", "missing"),
    ({"selected": "alpha"}, "selected", "list"),
    ({"selected": ["alpha", 3]}, "selected", "text"),
    ({"chosen": 3}, "chosen", "text"),
    ({"notes_clinician": None}, "notes_clinician", "text"),
    ({"notes_patient": "x" * 100_001}, "notes_patient", "at most"),
    ({"sure": {"sure": "yes", "understand": None, "risk_benefit": None, "encouragement": None}},
     "sure.sure", "true (yes)"),
    ({"sure": {"sure": True}}, "sure.understand", "missing"),
    ({"created": "yesterday"}, "created", "date and time"),
    ({"created": "2026-01-05T09:30:00"}, "created", "time zone"),
    ({"modified": 20260105}, "modified", "date and time"),
    ({"format": "something else"}, "format", FORMAT),
    ({"schema_version": "1"}, "schema_version", "whole number"),
    ({"table_fingerprint": "not hex"}, "table_fingerprint", "hexadecimal"),
    ({"colour": "red"}, "colour", "not part of a consultation record"),
])
def test_invalid_fields_are_named(change, field, words):
    text = json.dumps(document(**change))
    with pytest.raises(SessionError) as info:
        Session.from_json(text, source="c.json")
    message = str(info.value)
    assert message.startswith("The consultation file c.json cannot be opened:")
    assert f"'{field}'" in message
    assert words in message


def test_an_overflowing_number_is_refused():
    text = example().to_json().replace('"cost": 3.0', '"cost": 1e400')
    with pytest.raises(SessionError, match="'importances.cost' must be a finite number"):
        Session.from_json(text)


def test_a_missing_field_is_named():
    doc = document()
    del doc["notes_patient"]
    with pytest.raises(SessionError, match="'notes_patient' is missing"):
        Session.from_json(json.dumps(doc))


@pytest.mark.parametrize("text, words", [
    ("", "not valid JSON"),
    ("{", "not valid JSON"),
    ("[]", "not a consultation file"),
    ('{"a": 1}', "not a consultation file"),
    ('{"schema_version": 1, "schema_version": 1}', "appears twice"),
    ('{"importances": {"cost": NaN}, "schema_version": 1}', "NaN"),
    ('{"schema_version": Infinity}', "Infinity"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"schema_version": ' + "9" * 5000 + "}", "not a consultation file"),
])
def test_text_that_is_not_a_session(text, words):
    with pytest.raises(SessionError, match=words):
        Session.from_json(text)


def test_a_file_from_a_newer_app_is_refused_with_advice():
    text = json.dumps(document(schema_version=SCHEMA_VERSION + 1, new_field=[1, 2]))
    with pytest.raises(SessionError) as info:
        Session.from_json(text, source="future.json")
    assert "made by a newer version of the app" in str(info.value)
    assert "update the app to open it" in str(info.value)


def test_a_file_that_is_too_large_is_refused(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (MAX_SESSION_BYTES + 1))
    with pytest.raises(SessionError, match="larger than 5 MB"):
        load_session(path)


def test_unreadable_files(tmp_path):
    with pytest.raises(SessionError, match="was not found"):
        load_session(tmp_path / "nothing.json")
    with pytest.raises(SessionError, match="is a folder"):
        load_session(tmp_path)
    binary = tmp_path / "picture.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(SessionError, match="not UTF-8"):
        load_session(binary)


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "c.json"
    path.write_bytes(b"\xef\xbb\xbf" + example().to_json().encode())
    assert load_session(path) == example()


VALID = example().to_json().encode()


@given(st.data())
def test_corrupted_bytes_raise_only_session_error(tmp_path_factory, data):
    raw = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans(), label="truncate"):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    if data.draw(st.booleans(), label="insert"):
        position = data.draw(st.integers(0, len(raw)))
        raw[position:position] = data.draw(st.binary(max_size=20))
    path = tmp_path_factory.mktemp("bytes") / "c.json"
    path.write_bytes(bytes(raw))
    with contextlib.suppress(SessionError):
        assert isinstance(load_session(path), Session)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10)
    | st.sampled_from(["\ud800", "alpha", "2026-01-05T09:30:00+00:00", "9" * 400, FORMAT]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8)
DOCUMENT = json.loads(VALID)
ALL_PATHS = [p for p in paths(DOCUMENT) if p]


@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), json_values | st.just("<delete>")), min_size=1, max_size=4))
def test_type_swaps_raise_only_session_error(swaps):
    doc = copy.deepcopy(DOCUMENT)
    for path, value in swaps:
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if value == "<delete>":
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier swap removed this place
    text = json.dumps(doc, allow_nan=True)
    with contextlib.suppress(SessionError):
        assert isinstance(Session.from_json(text), Session)


@given(json_values)
def test_any_json_value_raises_only_session_error(value):
    with contextlib.suppress(SessionError):
        Session.from_json(json.dumps(value, allow_nan=True))


# --------------------------------------------------------------------------- migration

V0 = {
    "schema_version": 0,
    "weights": {"cost": 2, "benefit": 9},
    "exclude_categories": ["alternative"],
    "max_invasiveness": 3,
    "contraindications": ["Pregnancy"],
    "selected": ["alpha", "gamma"],
    "chosen": None,
    "notes": "Prefers to avoid long courses.",
    "table_folder": "/clinic/tables/synthetic",
    "table_fingerprint": "",
    "saved": "2025-03-01T14:00:00Z",
    "app_version": "0.0.9",
}


def test_schema_0_is_migrated(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(V0))
    session = load_session(path)
    assert session.schema_version == SCHEMA_VERSION
    assert session.importances == {"cost": 2.0, "benefit": 9.0}
    assert session.limits == Limits(exclude_categories=frozenset({"alternative"}), max_invasiveness=3.0,
                                    contraindications=frozenset({"Pregnancy"}))
    assert session.selected == ("alpha", "gamma") and session.chosen is None
    assert session.notes_clinician == "Prefers to avoid long courses." and session.notes_patient == ""
    assert session.sure == SureResult()
    assert session.created == session.modified == dt.datetime(2025, 3, 1, 14, tzinfo=UTC)
    assert session.app_version == "0.0.9"
    # Saving writes the current layout.
    save_session(path, session)
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION
    assert load_session(path) == session


def test_a_bad_schema_0_file_still_raises_session_error():
    with pytest.raises(SessionError, match="'importances.benefit'"):
        Session.from_json(json.dumps({**V0, "weights": {"benefit": 12}}))
    with pytest.raises(SessionError, match="'created'"):
        Session.from_json(json.dumps({k: v for k, v in V0.items() if k != "saved"}))


def test_every_older_version_has_a_migration():
    assert sorted(session_module.MIGRATIONS) == list(range(SCHEMA_VERSION))


# --------------------------------------------------------------------------- saving


def test_save_returns_the_stamp_of_the_file(tmp_path):
    path = tmp_path / "c.json"
    stamp = save_session(path, example())
    assert stamp == session_stamp(path)
    assert session_stamp(tmp_path / "none.json") is None


def test_two_windows_saving_the_same_file(tmp_path):
    path = tmp_path / "c.json"
    stamp = save_session(path, example(notes_clinician="opened"))
    other = save_session(path, example(notes_clinician="second window"), expected_stamp=stamp)
    with pytest.raises(SessionError) as info:
        save_session(path, example(notes_clinician="first window"), expected_stamp=stamp)
    assert "changed by another window or program" in str(info.value)
    assert "Nothing was saved" in str(info.value)
    assert load_session(path).notes_clinician == "second window"
    save_session(path, example(notes_clinician="after reopening"), expected_stamp=other)
    assert load_session(path).notes_clinician == "after reopening"


def test_a_deleted_file_can_be_saved_again_with_its_stamp(tmp_path):
    path = tmp_path / "c.json"
    stamp = save_session(path, example())
    path.unlink()
    save_session(path, example(chosen="beta"), expected_stamp=stamp)
    assert load_session(path).chosen == "beta"


SAVER = textwrap.dedent("""
    import sys
    from decision_aid.core.session import Session, save_session
    session = Session(notes_clinician=sys.argv[2] * 20_000)
    for _ in range(40):
        save_session(sys.argv[1], session)
""")


def test_two_processes_saving_at_once_leave_one_whole_session(tmp_path):
    path = tmp_path / "c.json"
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), mark]) for mark in "AB"]
    for proc in procs:
        assert proc.wait() == 0
    assert load_session(path).notes_clinician in ("A" * 20_000, "B" * 20_000)
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


def test_saving_into_a_read_only_folder(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    save_session(path, example())

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SessionError, match="choose another folder"):
        save_session(path, example(chosen="beta"))
    monkeypatch.undo()
    assert load_session(path) == example()
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


def test_saving_to_a_full_disk(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    save_session(path, example())

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SessionError, match="the disk is full; free some space or save elsewhere"):
        save_session(path, example(chosen="beta"))
    monkeypatch.undo()
    assert load_session(path) == example()


def test_saving_to_a_folder_that_vanished(tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    shutil.rmtree(folder)
    with pytest.raises(SessionError, match="the folder .* no longer exists"):
        save_session(folder / "c.json", example())


# --------------------------------------------------------------------------- the table


def test_a_new_session_fits_its_table(other_table):
    session = Session.new(other_table)
    assert session.table_fingerprint == other_table.fingerprint
    check = check_against_table(session, other_table)
    assert check.ok and check.messages == ()
    assert not check.table_changed and not check.table_missing
    assert check.session == session


def test_the_table_reference_loads_the_same_table(other_table):
    session = Session.new(other_table)
    assert session.table_folder == str(Path(other_table.folder).resolve())
    assert load_session_table(session).fingerprint == other_table.fingerprint


def test_the_bundled_table_is_recorded_by_name(monkeypatch, other_table):
    monkeypatch.setattr(session_tables, "bundled_data_dir", lambda: Path(other_table.folder))
    assert table_reference(other_table) == BUNDLED_TABLE
    assert load_session_table(Session(table_folder=BUNDLED_TABLE)).fingerprint == other_table.fingerprint


def test_a_session_without_a_table_cannot_load_one():
    with pytest.raises(TableError, match="does not record which table"):
        load_session_table(Session())


def test_a_changed_table_is_reported(tmp_path, other_dir):
    folder = tmp_path / "table"
    shutil.copytree(other_dir, folder)
    session = Session.new(load_table(folder)).touched()
    path = tmp_path / "c.json"
    save_session(path, session)
    options = folder / "options.csv"
    options.write_text(options.read_text().replace("Option Alpha,conventional,Synthetic test option alpha.,100",
                                                   "Option Alpha,conventional,Synthetic test option alpha.,120"))
    check = check_against_table(load_session(path), load_table(folder))
    assert check.table_changed
    assert [m.lower() for m in check.messages] == [
        "the table has changed since this consultation was saved; values shown are today's."]
    assert check.session.table_fingerprint == load_table(folder).fingerprint


def test_a_missing_table_still_opens_the_record(tmp_path, other_dir):
    folder = tmp_path / "table"
    shutil.copytree(other_dir, folder)
    session = Session.new(load_table(folder)).touched()
    session = replace(session, notes_patient="my notes", chosen="alpha")
    shutil.rmtree(folder)
    with pytest.raises(TableError):
        load_session_table(session)
    check = check_against_table(session, None)
    assert check.table_missing
    assert check.session == session  # nothing dropped
    assert str(folder.resolve()) in check.messages[0]
    assert "missing or cannot be read" in check.messages[0]


def test_options_and_criteria_the_table_no_longer_has_are_dropped(other_table):
    session = Session.new(other_table)
    session = replace(session, importances={"cost": 2.0, "benefit": 9.0, "comfort": 7.0},
                      selected=("alpha", "retired", "gamma"), chosen="retired",
                      limits=Limits(exclude_categories=frozenset({"home"}), max_invasiveness=3.0,
                                    contraindications=frozenset({"Pregnancy"})),
                      notes_clinician="kept")
    check = check_against_table(session, other_table)
    cleaned = check.session
    assert cleaned.importances == {"cost": 2.0, "benefit": 9.0, "hours": 6.0}  # hours: its default
    assert cleaned.selected == ("alpha", "gamma")
    assert cleaned.chosen is None
    assert cleaned.limits == Limits(exclude_categories=frozenset({"home"}))
    assert cleaned.notes_clinician == "kept"
    text = "\n".join(check.messages)
    for words in ("comfort", "Hours needed (6)", "retired", "no longer in the table",
                  "no invasiveness criterion", "Pregnancy"):
        assert words in text
    assert not check.table_changed


def test_importances_for_another_table_entirely(other_table):
    session = Session(importances={"pain_relief": 8.0, "invasiveness": 2.0})
    check = check_against_table(session, other_table)
    assert check.session.importances is None
    assert any("set them again" in m for m in check.messages)


# --------------------------------------------------------------------------- autosave and recovery


def test_autosave_is_cleared_on_a_clean_close(state_dir):
    path = write_autosave(example())
    assert path.parent == recovery_dir() == state_dir
    assert load_session(path) == example()
    assert pending_recovery() is None  # this process is alive: not a crash
    clear_autosave()
    assert list(state_dir.iterdir()) == []


def test_two_windows_autosave_to_separate_files(state_dir):
    first = write_autosave(example(notes_clinician="one"))
    second = write_autosave(example(notes_clinician="two"), window=1)
    assert first != second
    assert load_session(first).notes_clinician == "one"
    assert load_session(second).notes_clinician == "two"
    clear_autosave(window=1)
    assert first.exists() and not second.exists()


CRASH = textwrap.dedent("""
    import os, sys
    from decision_aid.core.session import Session, write_autosave, clear_autosave
    write_autosave(Session(notes_clinician=sys.argv[1]))
    print("saved", flush=True)
    if sys.stdin.readline().strip() == "close":
        clear_autosave()
    os._exit(0)   # no clean-up: like a crash
""")


def run_window(note: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CRASH, note], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)


def test_recovery_after_a_crash(state_dir):
    with run_window("before the crash") as proc:
        proc.communicate("crash\n")
    restored = pending_recovery()
    assert restored is not None and restored.notes_clinician == "before the crash"
    assert discard_recovery() == 1
    assert pending_recovery() is None


def test_a_clean_exit_leaves_nothing_to_recover(state_dir):
    with run_window("closed properly") as proc:
        proc.communicate("close\n")
    assert pending_recovery() is None
    assert list(state_dir.iterdir()) == []


def test_another_running_window_is_not_offered_or_removed(state_dir):
    with run_window("still open") as proc:
        assert proc.stdout.readline().strip() == "saved"
        assert pending_recovery() is None
        assert discard_recovery() == 0
        proc.communicate("crash\n")
    assert pending_recovery().notes_clinician == "still open"


def test_a_crashed_process_with_our_process_id_is_recovered(state_dir, monkeypatch):
    monkeypatch.setattr(session_recovery, "_TOKEN", "0badc0de")
    write_autosave(example(notes_clinician="earlier run"))
    monkeypatch.undo()
    monkeypatch.setenv(STATE_DIR_ENV, str(state_dir))
    assert pending_recovery().notes_clinician == "earlier run"


def test_the_newest_crashed_consultation_is_offered(state_dir, monkeypatch):
    for token, minute in (("00000001", 5), ("00000002", 9), ("00000003", 1)):
        monkeypatch.setattr(session_recovery, "_TOKEN", token)
        write_autosave(example(notes_clinician=token, modified=T0 + dt.timedelta(minutes=minute)))
    monkeypatch.setattr(session_recovery, "_TOKEN", "ffffffff")
    assert pending_recovery().notes_clinician == "00000002"
    assert discard_recovery() == 3


def test_odd_autosave_files_are_handled(state_dir):
    state_dir.mkdir()
    (state_dir / "autosave-999999-0badc0de.json").write_text("{ half a file")
    (state_dir / f"autosave-{10**30}-0badc0de.json").write_text(example().to_json())
    (state_dir / "notes.txt").write_text("not ours")
    assert pending_recovery() == example()  # the readable one, whatever its process id
    assert discard_recovery() == 2
    assert [p.name for p in state_dir.iterdir()] == ["notes.txt"]


def test_the_default_recovery_folder_is_per_user(monkeypatch):
    monkeypatch.delenv(STATE_DIR_ENV, raising=False)
    folder = recovery_dir()
    assert folder.name == "recovery"
    assert "decision-aid" in str(folder)


def test_an_autosave_folder_that_cannot_be_made(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(STATE_DIR_ENV, str(blocker / "state"))
    with pytest.raises(SessionError, match="not being autosaved"):
        write_autosave(example())


def test_a_session_on_the_bundled_table_keeps_what_applies(bundled_table):
    session = Session.new(bundled_table)
    assert session.table_folder == BUNDLED_TABLE
    assert load_session_table(session).fingerprint == bundled_table.fingerprint
    contraindication = bundled_table.contraindications()[0]
    session = replace(session, importances={c.column: 7.0 for c in bundled_table.criteria},
                      limits=Limits(exclude_categories=frozenset({"alternative"}), max_invasiveness=2.0,
                                    contraindications=frozenset({contraindication})),
                      selected=tuple(bundled_table.ids[:4]), chosen=bundled_table.ids[1])
    check = check_against_table(Session.from_json(session.to_json()), bundled_table)
    assert check.ok
    assert check.session == session
