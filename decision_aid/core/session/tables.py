"""A consultation and its table: which table it records, loading it, and fitting the record to it."""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problem, TableError
from ..files import kind_of
from ..i18n import ENGLISH, Translator, msg
from ..scoring import Limits
from ..table import (ABOUT_FILE, CRITERIA_FILE, OPTIONS_FILE, SIDE_EFFECTS_FILE, DecisionTable, bundled_data_dir,
                     load_table)
from .fields import BUNDLED_TABLE
from .record import Session

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

    The folder a consultation file names is whatever the file says: a path
    that is a pipe, a device or a link to one, or a folder whose table files
    are, is refused with a message before anything is read from it.

    Raises
    ------
    TableError
        When it is missing or cannot be used; then call
        ``check_against_table(session, None)`` to open the record anyway.
    """
    if not session.table_folder:
        raise TableError([Problem("consultation file", None, None,
                                  msg("it does not record which table it used; open a table"))])
    folder = bundled_data_dir() if session.table_folder == BUNDLED_TABLE else Path(session.table_folder)
    _refuse_special(folder)
    return load_table(folder)


def _refuse_special(folder: Path) -> None:
    """Raise :class:`TableError` if ``folder`` or one of its table files is a pipe, device or socket.

    Looks with ``stat`` only (nothing is opened); a path that does not exist
    is left to :func:`~decision_aid.core.table.load_table` to report.
    """
    try:
        mode = os.stat(folder).st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISREG(mode):
        return  # a file where a folder should be: load_table says so
    if not stat.S_ISDIR(mode):
        raise TableError([Problem(str(folder), None, None,
                                  msg("the consultation names this as its table folder, but it is {kind}; "
                                      "open the table's folder yourself", kind=kind_of(mode)))], str(folder))
    problems = []
    for name in (OPTIONS_FILE, CRITERIA_FILE, ABOUT_FILE, SIDE_EFFECTS_FILE):
        try:
            mode = os.stat(folder / name).st_mode
        except (OSError, ValueError):
            continue
        if not stat.S_ISREG(mode):
            problems.append(Problem(name, None, None, msg("this is {kind}, not a file; put the table's {file} here, "
                                                          "or open another table folder", kind=kind_of(mode),
                                                          file=name)))
    if problems:
        raise TableError(problems, str(folder))


@dataclass(frozen=True)
class SessionCheck:
    """A session fitted to a table, with what had to change.

    Attributes
    ----------
    session
        The session with anything the table no longer has removed, and the
        table's folder and fingerprint recorded.
    messages
        One plain sentence per thing the user should know, in the language
        :func:`check_against_table` was asked for.
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


def check_against_table(session: Session, table: DecisionTable | None, *,
                        tr: Translator = ENGLISH) -> SessionCheck:
    """Fit ``session`` to ``table``, keeping everything that still applies.

    Parameters
    ----------
    session
        A loaded session.
    table
        The table to show it with, or ``None`` when the recorded table is
        missing or cannot be read (the notes, SURE answers and choice are
        still shown).
    tr
        The language of the messages (English by default).

    Returns
    -------
    SessionCheck
        The cleaned session and a message for each change.
    """
    if table is None:
        where = (msg("the table that comes with the app") if session.table_folder == BUNDLED_TABLE else
                 session.table_folder or msg("not recorded"))
        return SessionCheck(session, (msg("The table this consultation was made with ({table}) is missing or "
                                          "cannot be read. The notes, SURE answers and choice are shown; open a "
                                          "table to compare options again.", table=where).say(tr),),
                            table_missing=True)
    messages: list[str] = []
    changed = bool(session.table_fingerprint) and session.table_fingerprint != table.fingerprint
    if changed:
        messages.append(msg("The table has changed since this consultation was saved; values shown are "
                            "today's.").say(tr))
    ids = set(table.ids)

    importances = session.importances
    if importances is not None:
        columns = [c.column for c in table.criteria]
        dropped = [k for k in importances if k not in columns]
        kept = {k: v for k, v in importances.items() if k in columns}
        if dropped:
            messages.append(msg("Importances for criteria this table no longer has were left out: {criteria}.",
                                criteria=", ".join(dropped)).say(tr))
        if not kept:
            importances = None
            messages.append(msg("None of the saved importances match this table's criteria; set them "
                                "again.").say(tr))
        else:
            added = [c for c in table.criteria if c.column not in kept]
            for c in added:
                kept[c.column] = c.default_weight
            if added:
                usual = ", ".join(f"{c.label} ({tr.format_number(c.default_weight)})" for c in added)
                messages.append(msg("New in this table, starting at their usual importance: {criteria}.",
                                    criteria=usual).say(tr))
            importances = kept

    limits = session.limits
    maximum = limits.max_invasiveness
    if maximum is not None and table.by_role("invasiveness") is None:
        maximum = None
        messages.append(msg("This table has no invasiveness criterion, so the limit on invasiveness was "
                            "removed.").say(tr))
    listed = {c.casefold() for c in table.contraindications()}
    contraindications = frozenset(c for c in limits.contraindications        # in either language of the table
                                  if table.condition_words(c) & listed)
    gone = sorted(limits.contraindications - contraindications)
    if gone:
        messages.append(msg("Contraindications this table no longer lists were removed: {items}.",
                            items=", ".join(gone)).say(tr))
    limits = Limits(exclude_categories=limits.exclude_categories, max_invasiveness=maximum,
                    contraindications=contraindications)

    selected = tuple(i for i in session.selected if i in ids)
    missing = [i for i in session.selected if i not in ids]
    if missing:
        messages.append(msg("Options no longer in the table were left out of the comparison: {options}.",
                            options=", ".join(missing)).say(tr))
    chosen = session.chosen
    if chosen is not None and chosen not in ids:
        messages.append(msg("The option chosen in this consultation ('{option}') is no longer in the table; "
                            "the choice now shows as not decided yet. The notes are unchanged.",
                            option=chosen).say(tr))
        chosen = None

    cleaned = replace(session, importances=importances, limits=limits, selected=selected, chosen=chosen,
                      table_folder=table_reference(table), table_fingerprint=table.fingerprint)
    return SessionCheck(cleaned, tuple(messages), table_missing=False, table_changed=changed)
