"""The data contract: a folder of CSV files describing one decision.

``load_table(folder)`` reads ``options.csv`` and ``criteria.csv`` (required)
and ``about.csv``, ``side_effects.csv`` and ``references.csv`` (optional),
checks every cell (the optional columns through :mod:`.contract`), and
returns a :class:`DecisionTable`, or raises one
:class:`~decision_aid.core.errors.TableError` listing every problem found.
Each problem's message is a :class:`~decision_aid.core.i18n.Message`, said in
the reader's language where it is shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from .contract import (  # noqa: F401 (re-exported)
    COMPARATORS,
    GUIDELINE_STANCES,
    MAX_MAGNITUDE,
    OPTIONAL_OPTION_COLUMNS,
    POPULATIONS,
    REFERENCES_FILE,
    Reference,
    baseline_problems,
    companion_problems,
    criterion_extras,
    magnitude_message,
    minimal_important_numbers,
    missing_column_message,
    option_codes,
    references,
    too_large,
)
from .contract import figure as _number
from .contract import short as _short
from .csvfile import (
    Sheet,
    normalise_header,
    read_csv_bytes,
    read_file_bytes,
    to_numbers,
)
from .errors import Problem, TableError
from .i18n import Message, msg

OPTIONS_FILE = "options.csv"
CRITERIA_FILE = "criteria.csv"
ABOUT_FILE = "about.csv"
SIDE_EFFECTS_FILE = "side_effects.csv"

#: ``comparison`` is "no treatment / natural course": the comparison benefit figures are measured
#: against. No category limit removes it.
CATEGORIES = ("conventional", "alternative", "home", "comparison")
EVIDENCE_LEVELS = ("high", "moderate", "low", "very low")
SEVERITIES = ("mild", "moderate", "serious")


class Role(str, Enum):
    """A part a criterion plays beyond scoring (the grid's questions, the timeline, limits).

    A ``str`` enum, so a role compares equal to its code (``Role.ONSET == "onset"``);
    codes are what ``criteria.csv`` holds and are never translated.
    """

    INVASIVENESS = "invasiveness"
    ONSET = "onset"
    DURATION = "duration"
    VISITS = "visits"
    SIDE_EFFECTS = "side_effects"
    BENEFIT = "benefit"

    def __str__(self) -> str:
        return self.value


#: Roles a criterion can play in the window beyond scoring (their codes).
ROLES = tuple(role.value for role in Role)
#: Optional columns that travel with each criterion column ``X``.
CELL_SUFFIXES = ("_source", "_note", "_low", "_high", "_comparator", "_population")

OPTION_TEXT_COLUMNS = ("id", "name", "category", "summary", "evidence", "common_side_effects",
                       "serious_risks", "see_doctor_if", "sources", "reviewed")
CRITERIA_COLUMNS = ("column", "label", "better", "min", "max", "unit", "description", "default_weight")
SIDE_EFFECT_COLUMNS = ("option_id", "effect", "per_100", "severity", "source")
#: Optional side_effects.csv columns, always present in :attr:`DecisionTable.side_effects`.
SIDE_EFFECT_OPTIONAL = ("time_frame", "note", "baseline_per_100")
LIST_SEPARATOR = ";"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_NOT_SLUG = re.compile(r"[^a-z0-9_\-\n]")  # a character no id can hold (line feeds join ids)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Direction(Enum):
    """Which end of a criterion's range is better for the patient."""

    LOWER = "lower"
    HIGHER = "higher"

    @classmethod
    def parse(cls, text: str) -> Direction | None:
        """Read the spellings clinics use ("lower", "min", "lower is better", ...)."""
        word = " ".join(str(text).lower().split())
        aliases = {
            "lower": cls.LOWER, "low": cls.LOWER, "min": cls.LOWER, "minimise": cls.LOWER,
            "minimize": cls.LOWER, "less": cls.LOWER, "lower is better": cls.LOWER,
            "higher": cls.HIGHER, "high": cls.HIGHER, "max": cls.HIGHER, "maximise": cls.HIGHER,
            "maximize": cls.HIGHER, "more": cls.HIGHER, "higher is better": cls.HIGHER,
        }
        return aliases.get(word)


@dataclass(frozen=True)
class Criterion:
    """One thing patients weigh, with the range its values are scaled over."""

    column: str
    label: str
    better: Direction
    min: float
    max: float
    unit: str = ""
    description: str = ""
    default_weight: float = 5.0
    role: Role | None = None
    #: What the criterion's figures are measured against (a code of :data:`COMPARATORS`; "" when not said).
    comparator: str = ""
    #: Who the criterion's figures are measured in (a code of :data:`POPULATIONS`; "" when not said).
    population: str = ""
    #: The smallest difference patients notice, in the criterion's unit (NaN when not given).
    minimal_important: float = math.nan
    #: The better end in words, naming a chart segment ("Less invasive"); "" to build it from the label.
    better_label: str = ""

    def scale(self, values: np.ndarray | pd.Series) -> np.ndarray:
        """Map values onto 0 (worst end of the range) .. 1 (best end); NaN stays NaN."""
        v = np.clip((np.asarray(values, dtype=float) - self.min) / (self.max - self.min), 0.0, 1.0)
        return v if self.better is Direction.HIGHER else 1.0 - v


@dataclass(frozen=True)
class DecisionTable:
    """A validated table folder. Treat as read-only.

    Attributes
    ----------
    options
        One row per option, indexed by ``id`` in file order. Criterion columns
        and their ``_low``/``_high`` companions are floats (NaN when empty);
        every other column is text ("" when empty).
    criteria
        The criteria in file order.
    about
        ``about.csv`` as a mapping of lower-case key to value.
    side_effects
        ``side_effects.csv`` rows (``per_100`` as float), possibly empty.
    rows
        Spreadsheet row of each option in ``options.csv``, indexed by id.
    """

    folder: Path
    options: pd.DataFrame
    criteria: tuple[Criterion, ...]
    about: Mapping[str, str] = field(default_factory=dict)
    side_effects: pd.DataFrame = field(default_factory=pd.DataFrame)
    rows: pd.Series = field(default_factory=lambda: pd.Series(dtype=int))
    fingerprint: str = ""
    #: ``references.csv`` as ref -> :class:`~decision_aid.core.contract.Reference`, in file order (empty without it).
    references: Mapping[str, Reference] = field(default_factory=lambda: MappingProxyType({}))
    #: Of a translation: a patient condition (contraindication or caution), case-folded, in either
    #: language -> the same condition in the other language, as written. Limits keep the base table's
    #: words (see :meth:`base_conditions`), and match the translation's through this. Empty for a
    #: table in its own language.
    same_conditions: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ids(self) -> list[str]:
        return list(self.options.index)

    def criterion(self, column: str) -> Criterion:
        for c in self.criteria:
            if c.column == column:
                return c
        raise KeyError(column)

    def by_role(self, role: Role | str) -> Criterion | None:
        """The criterion that plays ``role`` (a :class:`Role` or its code), if any."""
        return next((c for c in self.criteria if c.role == role), None)

    def text(self, option_id: str, column: str) -> str:
        """A text cell, "" when the column is absent or the cell empty."""
        if column not in self.options.columns:
            return ""
        return _cell_text(self.options.at[option_id, column])

    def texts(self, column: str) -> list[str]:
        """Every cell of a text column in table order, as :meth:`text` gives each."""
        if column not in self.options.columns:
            return [""] * len(self.options)
        return [_cell_text(value) for value in self.options[column].tolist()]

    def condition_words(self, condition: str) -> frozenset[str]:
        """A patient condition, case-folded, with the same condition in the table's other language (case-folded)."""
        word = condition.casefold()
        return frozenset({word, *(other.casefold() for other in self.same_conditions.get(word, ()))})

    def base_conditions(self, condition: str) -> frozenset[str]:
        """A patient condition as the base table words it (itself for a table in its own language).

        Limits keep these words, so a condition ticked in one language rules out and warns in every one.
        """
        found = self.same_conditions.get(condition.casefold())
        return frozenset(found) if found else frozenset({condition})

    def items(self, option_id: str, column: str) -> list[str]:
        """A ``;``-separated list cell as a list of its items."""
        return split_list(self.text(option_id, column))

    def value(self, option_id: str, column: str) -> float:
        """A numeric cell; NaN when no reliable figure is given."""
        return float(self.options.at[option_id, column])

    def side_effects_of(self, option_id: str) -> pd.DataFrame:
        if self.side_effects.empty:
            return self.side_effects
        return self.side_effects[self.side_effects["option_id"] == option_id]

    def contraindications(self) -> list[str]:
        """Every distinct contraindication listed, in first-seen order."""
        return self._distinct_items("contraindications")

    def cautions(self) -> list[str]:
        """Every distinct caution listed (``cautions`` column), in first-seen order; [] without the column."""
        return self._distinct_items("cautions")

    def _distinct_items(self, column: str) -> list[str]:
        seen: dict[str, None] = {}
        if column in self.options.columns:
            for cell in self.options[column]:
                for item in split_list(cell):
                    seen.setdefault(item, None)
        return list(seen)

    def guideline_stance(self, option_id: str) -> str:
        """The option's ``guideline_stance`` code (one of :data:`GUIDELINE_STANCES`), "" when not given."""
        return self.text(option_id, "guideline_stance")

    def comparable(self) -> pd.DataFrame:
        """Which criterion cells may share an axis with the rest of their criterion.

        A cell is comparable when its ``X_comparator`` and ``X_population``
        (empty meaning "as the criterion says") are among the criterion's
        ``comparator`` and ``population`` codes (a criterion may name several,
        ``;``-separated; empty meaning "not said"). A cell that is not
        comparable is still shown, with its caveat, but the ranking treats it
        as unknown.

        Returns
        -------
        pandas.DataFrame
            Booleans indexed by option id, one column per criterion.
        """
        out = {}
        for c in self.criteria:
            ok = np.ones(len(self.options), dtype=bool)
            for suffix, wanted in (("_comparator", c.comparator), ("_population", c.population)):
                if wanted and c.column + suffix in self.options.columns:
                    allowed = {""} | set(split_list(wanted))
                    ok &= np.array([code in allowed for code in self.texts(c.column + suffix)], dtype=bool)
            out[c.column] = ok
        return pd.DataFrame(out, index=self.options.index, columns=[c.column for c in self.criteria])

    @property
    def extra_columns(self) -> list[str]:
        """Columns the contract does not name, kept and shown as details."""
        known = set(OPTION_TEXT_COLUMNS) | set(OPTIONAL_OPTION_COLUMNS)
        for c in self.criteria:
            known.add(c.column)
            known.update(c.column + s for s in CELL_SUFFIXES)
        return [c for c in self.options.columns if c not in known]


def split_list(text: object) -> list[str]:
    """Items of a ``;``-separated cell, stripped, empty items dropped."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return []
    return [item.strip() for item in str(text).split(LIST_SEPARATOR) if item.strip()]


def bundled_data_dir() -> Path:
    """The back-pain table shipped with the app.

    Inside an installed wheel it is ``decision_aid/data``; in a checkout (or an
    editable install) it is ``data/`` at the top of the repository.
    """
    packaged = Path(str(resources.files("decision_aid"))) / "data"
    if (packaged / OPTIONS_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


# --------------------------------------------------------------------------- loading


def load_table(folder: str | Path, *, today: dt.date | None = None) -> DecisionTable:
    """Read and validate a table folder.

    Parameters
    ----------
    folder
        A folder holding ``options.csv`` and ``criteria.csv``.
    today
        The date "reviewed" dates may not be after (default: today).

    Raises
    ------
    TableError
        With every problem found, each naming file, row and column.
    """
    folder = Path(folder)
    today = today or dt.date.today()
    try:
        is_folder = stat.S_ISDIR(os.stat(folder).st_mode)
    except FileNotFoundError:
        raise TableError([Problem(str(folder), None, None,
                                  msg("folder not found; choose a folder that holds options.csv and "
                                      "criteria.csv"))], str(folder)) from None
    except (OSError, ValueError) as exc:
        raise TableError([Problem(str(folder), None, None,
                                  msg("the folder cannot be opened ({error}); ask for access to it or copy the "
                                      "table to a folder of your own",
                                      error=getattr(exc, "strerror", None) or str(exc)))],
                         str(folder)) from None
    if not is_folder:
        raise TableError([Problem(folder.name, None, None,
                                  msg("this is a file, not a folder; choose the folder that holds "
                                      "options.csv and criteria.csv"))], str(folder))

    problems: list[Problem] = []
    digest = hashlib.sha256()

    def read(name: str, required: bool) -> Sheet | None:
        # No existence check first: the one open in read_file_bytes says whether an
        # optional file is absent, and anything else found under its name is a problem.
        try:
            raw = read_file_bytes(folder / name, name, required=required)
            if raw is None:
                return None
            for part in (name.encode(), b"\0", raw, b"\0"):  # pieces: no copy of a large file
                digest.update(part)
            return read_csv_bytes(raw, name)
        except TableError as exc:
            problems.extend(exc.problems)
            return None

    criteria_sheet = read(CRITERIA_FILE, True)
    options_sheet = read(OPTIONS_FILE, True)
    about_sheet = read(ABOUT_FILE, False)
    effects_sheet = read(SIDE_EFFECTS_FILE, False)
    references_sheet = read(REFERENCES_FILE, False)

    criteria = _criteria(criteria_sheet, problems) if criteria_sheet is not None else ()
    options = rows = None
    if options_sheet is not None:
        options, rows = _options(options_sheet, criteria, criteria_sheet, today, problems)
    about = _about(about_sheet, problems) if about_sheet is not None else {}
    effects = pd.DataFrame(columns=list(SIDE_EFFECT_COLUMNS) + list(SIDE_EFFECT_OPTIONAL))
    if effects_sheet is not None:
        ids = set(options.index) if options is not None else None
        effects = _side_effects(effects_sheet, ids, problems)
    refs = references(references_sheet, problems) if references_sheet is not None else {}

    if problems or options is None:
        raise TableError(problems, str(folder))
    return DecisionTable(folder=folder, options=options, criteria=criteria,
                         about=MappingProxyType(about), side_effects=effects, rows=rows,
                         fingerprint=digest.hexdigest(), references=MappingProxyType(refs))


def _missing_columns(sheet: Sheet, required: tuple[str, ...] | list[str], problems: list[Problem]) -> bool:
    missing = [c for c in required if c not in sheet.columns]
    for c in missing:
        problems.append(Problem(sheet.name, 1, c, missing_column_message(c)))
    return bool(missing)


def _criteria(sheet: Sheet, problems: list[Problem]) -> tuple[Criterion, ...]:
    if _missing_columns(sheet, CRITERIA_COLUMNS, problems):
        return ()
    frame = sheet.frame
    if frame.empty:
        problems.append(Problem(sheet.name, None, None, msg("no criteria are declared; add one row per criterion")))
        return ()
    lows, bad_lows = to_numbers(sheet, "min")
    highs, bad_highs = to_numbers(sheet, "max")
    weights, bad_weights = to_numbers(sheet, "default_weight")
    mids, bad_mids = minimal_important_numbers(sheet)
    out: list[Criterion] = []
    seen_columns: dict[str, int] = {}
    seen_roles: dict[str, int] = {}
    reserved = set(OPTION_TEXT_COLUMNS) | set(OPTIONAL_OPTION_COLUMNS)
    for row in frame.index:
        ok = True
        column = normalise_header(frame.at[row, "column"])
        label = frame.at[row, "label"]
        if not column:
            problems.append(Problem(sheet.name, row, "column",
                                    msg("empty; name the options.csv column this criterion reads")))
            ok = False
        elif column in reserved:
            problems.append(Problem(sheet.name, row, "column",
                                    msg("'{column}' is a text column of options.csv and cannot be a criterion",
                                        column=column)))
            ok = False
        elif column in seen_columns:
            problems.append(Problem(sheet.name, row, "column",
                                    msg("'{column}' is declared twice (also on row {row})", column=column,
                                        row=str(seen_columns[column]))))
            ok = False
        else:
            seen_columns[column] = row
        if not label:
            problems.append(Problem(sheet.name, row, "label",
                                    msg("empty; give the criterion a short plain-language label")))
            ok = False
        direction = Direction.parse(frame.at[row, "better"])
        if direction is None:
            problems.append(Problem(sheet.name, row, "better",
                                    msg("'{value}' is not allowed; write 'lower' or 'higher' (which end of the "
                                        "range is better for the patient)", value=frame.at[row, "better"])))
            ok = False
        lo, hi = lows[row], highs[row]
        for name, value, bad in (("min", lo, bad_lows[row]), ("max", hi, bad_highs[row])):
            if bad or not math.isfinite(value):
                problems.append(Problem(sheet.name, row, name,
                                        msg("'{value}' is not a number; give the lowest possible value",
                                            value=_short(frame.at[row, name])) if name == "min" else
                                        msg("'{value}' is not a number; give the highest possible value",
                                            value=_short(frame.at[row, name]))))
                ok = False
            elif too_large(value):
                problems.append(Problem(sheet.name, row, name, magnitude_message(frame.at[row, name])))
                ok = False
        if ok and lo >= hi:
            problems.append(Problem(sheet.name, row, "max",
                                    msg("max ({max}) must be greater than min ({min})", max=_number(hi),
                                        min=_number(lo))))
            ok = False
        weight = weights[row]
        if bad_weights[row] or not (0 <= weight <= 10) and not math.isnan(weight):
            problems.append(Problem(sheet.name, row, "default_weight",
                                    msg("'{value}' is not allowed; write a number from 0 (does not matter) to 10 "
                                        "(matters most)", value=frame.at[row, "default_weight"])))
            ok = False
        role = normalise_header(frame.at[row, "role"]) if "role" in frame.columns else ""
        role = role.replace(" ", "_").replace("-", "_")
        if role and role not in ROLES:
            problems.append(Problem(sheet.name, row, "role",
                                    msg("'{role}' is not a known role; leave it empty or use one of: {roles}",
                                        role=role, roles=", ".join(ROLES))))
            ok = False
        elif role in seen_roles:
            problems.append(Problem(sheet.name, row, "role",
                                    msg("role '{role}' is already given to row {row}", role=role,
                                        row=str(seen_roles[role]))))
            ok = False
        elif role:
            seen_roles[role] = row
        span = float(hi - lo) if ok else None
        extras = criterion_extras(sheet, row, role == Role.BENEFIT.value, span, mids[row], bool(bad_mids[row]),
                                  problems)
        if ok and extras is not None:
            out.append(Criterion(column=column, label=label, better=direction, min=float(lo), max=float(hi),
                                 unit=frame.at[row, "unit"], description=frame.at[row, "description"],
                                 default_weight=5.0 if math.isnan(weight) else float(weight),
                                 role=Role(role) if role else None, **extras))  # type: ignore[arg-type]
    problems.extend(companion_problems(sheet.name, seen_columns, CELL_SUFFIXES))
    return tuple(out)


def _options(sheet: Sheet, criteria: tuple[Criterion, ...], criteria_sheet: Sheet | None, today: dt.date,
             problems: list[Problem]) -> tuple[pd.DataFrame | None, pd.Series | None]:
    # Every check works on whole columns; only the cells at fault are visited one by one.
    name = sheet.name
    start = len(problems)
    _missing_columns(sheet, OPTION_TEXT_COLUMNS, problems)
    if criteria_sheet is not None:
        declared = {normalise_header(v): row for row, v in criteria_sheet.frame["column"].items()} \
            if "column" in criteria_sheet.columns else {}
        for c in criteria:
            if c.column not in sheet.columns:
                problems.append(Problem(criteria_sheet.name, declared.get(c.column), "column",
                                        msg("declares criterion '{criterion}' but options.csv has no such column; "
                                            "add the column to options.csv or remove this row",
                                            criterion=c.column)))
    if len(problems) > start:
        return None, None
    frame = sheet.frame.copy(deep=False)  # copy-on-write: new columns leave the sheet as read
    if frame.empty:
        problems.append(Problem(name, None, None, msg("the table has no options; add one row per option")))
        return None, None

    required = ("id", "name", "summary")
    _report_by_row(sheet, [(column, frame[column].to_numpy() == "",
                            lambda row, column=column: msg("empty; every option needs a {column}", column=column))
                           for column in required], problems)

    ids = frame["id"]  # cells arrive stripped (see Sheet)
    given = ids.to_numpy() != ""
    for row in _rows(frame, given & ~_slugs(ids)):
        problems.append(Problem(name, row, "id",
                                msg("'{value}' is not allowed; use lower-case letters, digits, '_' or '-' (for "
                                    "example 'physical_therapy')", value=_short(ids.at[row]))))
    repeated = ids.duplicated().to_numpy()
    if (given & repeated).any():
        first_row = dict(zip(ids[~repeated], frame.index[~repeated]))
        for row in _rows(frame, given & repeated):
            problems.append(Problem(name, row, "id",
                                    msg("'{id}' is used again (first on row {row}); every option needs its own id",
                                        id=ids.at[row], row=str(first_row[ids.at[row]]))))

    categories = _each_value(frame["category"], str.lower)
    for row in _rows(frame, ~categories.isin(CATEGORIES).to_numpy()):
        problems.append(Problem(name, row, "category",
                                not_allowed_message(frame.at[row, "category"], CATEGORIES)))
    frame["category"] = categories

    evidence = _each_value(frame["evidence"], lambda value: " ".join(value.lower().replace("_", " ").split()))
    for row in _rows(frame, ~evidence.isin(EVIDENCE_LEVELS).to_numpy()):
        problems.append(Problem(name, row, "evidence",
                                msg("'{value}' is not a GRADE certainty; use one of: {levels}",
                                    value=_short(frame.at[row, "evidence"]), levels=", ".join(EVIDENCE_LEVELS))))
    frame["evidence"] = evidence

    date_problems = _each_value(frame["reviewed"], lambda value: _date_problem(value, today))
    for row in _rows(frame, date_problems.notna().to_numpy()):
        problems.append(Problem(name, row, "reviewed", date_problems.at[row]))

    no_advice = _each_value(frame["see_doctor_if"], lambda value: not split_list(value))
    for row in _rows(frame, no_advice.to_numpy(dtype=bool)):
        problems.append(Problem(name, row, "see_doctor_if",
                                msg("empty; list when to see a doctor, separated by ';'")))

    for c in criteria:
        values, bad = to_numbers(sheet, c.column)
        for row in _rows(frame, bad.to_numpy()):
            problems.append(Problem(name, row, c.column,
                                    msg("'{value}' is not a number; write a number from {min} to {max} ({unit}), "
                                        "or leave the cell empty if there is no reliable figure",
                                        value=_short(frame.at[row, c.column]), min=_number(c.min),
                                        max=_number(c.max), unit=c.unit)))
        out_of_range = values.notna() & ~values.between(c.min, c.max)
        for row in _rows(frame, out_of_range.to_numpy()):
            value, low, high = _number(values.at[row]), _number(c.min), _number(c.max)
            problems.append(Problem(name, row, c.column,
                                    msg("{value} is outside the allowed range {min} to {max} {unit}", value=value,
                                        min=low, max=high, unit=c.unit) if c.unit else
                                    msg("{value} is outside the allowed range {min} to {max}", value=value,
                                        min=low, max=high)))
        frame[c.column] = values
        for suffix in ("_low", "_high"):
            extra = c.column + suffix
            if extra in frame.columns:
                bound, bad_bound = to_numbers(sheet, extra)
                bad_bound |= bound.notna() & ~np.isfinite(bound)
                for row in _rows(frame, bad_bound.to_numpy()):
                    cell = _short(frame.at[row, extra])
                    problems.append(Problem(name, row, extra,
                                            msg("'{value}' is not a number; give the lower end of the range, or "
                                                "leave it empty", value=cell) if suffix == "_low" else
                                            msg("'{value}' is not a number; give the upper end of the range, or "
                                                "leave it empty", value=cell)))
                for row in _rows(frame, (np.abs(bound.where(np.isfinite(bound))) > MAX_MAGNITUDE).to_numpy()):
                    problems.append(Problem(name, row, extra, magnitude_message(frame.at[row, extra])))
                frame[extra] = bound.where(np.isfinite(bound))
        low_col, high_col = c.column + "_low", c.column + "_high"
        if low_col in frame.columns and high_col in frame.columns:
            inverted = frame[low_col] > frame[high_col]
            for row in _rows(frame, inverted.to_numpy()):
                problems.append(Problem(name, row, high_col,
                                        msg("the upper end ({high}) is below the lower end ({low})",
                                            high=_number(frame.at[row, high_col]),
                                            low=_number(frame.at[row, low_col]))))

    option_codes(sheet, frame, [c.column for c in criteria], problems)

    if problems:
        return None, None
    rows = pd.Series(frame.index.to_numpy(), index=pd.Index(ids.to_numpy(), name="id"), name="row")
    frame.index = pd.Index(ids.to_numpy(), name="id")
    return frame, rows


def _cell_text(value: object) -> str:
    """A cell as text: "" for an empty cell."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _slugs(ids: pd.Series) -> np.ndarray:
    """Whether each non-empty id matches :data:`_SLUG`.

    Checked on all ids joined by line feeds in one pass when no id holds a line
    feed and no character outside the slug's (the usual case); else id by id.
    """
    joined = "\n".join(ids)
    if (joined.count("\n") == len(ids) - 1 and not _NOT_SLUG.search(joined)
            and not joined.startswith(("_", "-")) and "\n_" not in joined and "\n-" not in joined):
        return np.ones(len(ids), dtype=bool)
    return ids.str.match(_SLUG).to_numpy(dtype=bool)


def _rows(frame: pd.DataFrame, mask: np.ndarray) -> list[int]:
    """Spreadsheet rows of ``frame`` where ``mask`` is true, in file order."""
    return frame.index[mask].tolist()


def _each_value(column: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """``func`` of every cell (an object Series like ``column``), called once per distinct value.

    Columns such as category, evidence or reviewed repeat a handful of values
    over thousands of rows, so this is far cheaper than calling ``func`` per row.
    """
    codes, distinct = pd.factorize(column.to_numpy())  # cells are never missing
    results = np.empty(len(distinct), dtype=object)
    results[:] = [func(value) for value in distinct]
    return pd.Series(results[codes], index=column.index, name=column.name, dtype=object)


def _report_by_row(sheet: Sheet, checks: list[tuple[str, np.ndarray, Callable[[int], Message]]],
                   problems: list[Problem]) -> None:
    """Problems from several column checks, ordered by row and then by check.

    ``checks`` holds (column, mask of the rows at fault, message for a row).
    """
    if not checks:
        return
    faults = np.column_stack([mask for _, mask, _ in checks])
    rows = sheet.frame.index
    for position, check in zip(*np.nonzero(faults)):  # row-major: by row, then by check
        column, _, message = checks[check]
        row = int(rows[position])
        problems.append(Problem(sheet.name, row, column, message(row)))


def not_allowed_message(value: object, allowed: tuple[str, ...]) -> Message:
    """A cell that is none of the ``allowed`` codes (which stay as the contract spells them)."""
    return msg("'{value}' is not allowed; use one of: {allowed}", value=_short(value), allowed=", ".join(allowed))


def _date_problem(value: str, today: dt.date) -> Message | None:
    value = value.strip()
    if not _ISO_DATE.match(value):
        return msg("'{value}' is not a date; write it as YYYY-MM-DD (for example 2026-11-22)", value=_short(value))
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        return msg("'{value}' is not a real date; write it as YYYY-MM-DD", value=value)
    if date > today:
        return msg("{date} is in the future; give the date the row was last checked against its sources", date=value)
    return None


def _about(sheet: Sheet, problems: list[Problem]) -> dict[str, str]:
    if _missing_columns(sheet, ("key", "value"), problems):
        return {}
    about: dict[str, str] = {}
    first: dict[str, int] = {}
    for row in sheet.frame.index:
        key = normalise_header(sheet.frame.at[row, "key"]).replace(" ", "_")
        if not key:
            problems.append(Problem(sheet.name, row, "key", msg("empty; name what this row describes")))
        elif key in about:
            problems.append(Problem(sheet.name, row, "key",
                                    msg("'{key}' is given twice (first on row {row}); keep one row for each key",
                                        key=_short(key), row=str(first[key]))))
        else:
            about[key] = sheet.frame.at[row, "value"]
            first[key] = row
    return about


def _side_effects(sheet: Sheet, ids: set[str] | None, problems: list[Problem]) -> pd.DataFrame:
    columns = list(SIDE_EFFECT_COLUMNS) + list(SIDE_EFFECT_OPTIONAL)
    if _missing_columns(sheet, SIDE_EFFECT_COLUMNS, problems):
        return pd.DataFrame(columns=columns)
    frame = sheet.frame.copy()
    baseline, baseline_checks = baseline_problems(sheet, frame)
    for optional in ("time_frame", "note"):
        if optional not in frame.columns:
            frame[optional] = ""
    per_100, bad = to_numbers(sheet, "per_100")
    not_number = (bad | per_100.isna()).to_numpy()
    severity = _each_value(frame["severity"], str.lower)
    unknown_id = ~frame["option_id"].isin(ids).to_numpy() if ids is not None else np.zeros(len(frame), bool)
    _report_by_row(sheet, [
        ("option_id", unknown_id,
         lambda row: msg("'{value}' is not an id in options.csv; use one of the ids listed there",
                         value=_short(frame.at[row, "option_id"]))),
        ("effect", (frame["effect"] == "").to_numpy(), lambda row: msg("empty; name the side effect")),
        ("per_100", not_number,
         lambda row: msg("'{value}' is not a number; give how many people out of 100 get this side effect "
                         "(0 to 100)", value=_short(frame.at[row, "per_100"]))),
        ("per_100", ~not_number & ~per_100.between(0, 100).to_numpy(),
         lambda row: msg("{value} is outside 0 to 100; give people out of 100", value=_number(per_100.at[row]))),
        ("severity", ~severity.isin(SEVERITIES).to_numpy(),
         lambda row: not_allowed_message(frame.at[row, "severity"], SEVERITIES)),
        ("source", (frame["source"] == "").to_numpy(),
         lambda row: msg("empty; every frequency needs the reference it comes from")),
        *baseline_checks,
    ], problems)
    frame["severity"] = severity
    frame["per_100"] = per_100
    frame["baseline_per_100"] = baseline
    frame = frame.reset_index()
    return frame[["row"] + columns + [c for c in frame.columns if c not in columns and c != "row"]]
