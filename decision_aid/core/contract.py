"""The optional columns of the data contract: codes, references, baselines and magnitude limits.

:mod:`decision_aid.core.table` reads the required columns; this module checks
the optional ones added later, each with a located
:class:`~decision_aid.core.errors.Problem`:

- ``criteria.csv``: ``comparator``, ``population`` (codes), ``minimal_important``
  (a number, for the benefit criterion), ``better_label`` (text);
- ``options.csv``: ``X_comparator`` and ``X_population`` for each criterion
  ``X`` (codes, empty meaning "as the criterion"), ``cautions`` (a ``;`` list),
  ``guideline_stance`` (one code, or empty);
- ``side_effects.csv``: ``baseline_per_100`` (0 to 100, or empty);
- ``references.csv``: ``ref``, ``citation``, ``in_words``.

Codes are compared after folding case, spaces and hyphens to underscores, and
are stored folded; they are never translated.

Every message is a :class:`~decision_aid.core.i18n.Message`, said in the
reader's language where it is shown; a number from the table in a message is
a :func:`figure`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .csvfile import Sheet, normalise_header, to_numbers
from .errors import Problem
from .i18n import Message, msg
from .i18n import figure as number_figure

REFERENCES_FILE = "references.csv"
#: What a benefit figure was measured against (``comparator`` in criteria.csv, ``X_comparator`` in
#: options.csv). Codes, never translated.
COMPARATORS = ("placebo_sham", "usual_care_or_none", "active_treatment", "not_applicable")
#: Who a figure was measured in (``population`` / ``X_population``). Codes, never translated.
POPULATIONS = ("chronic", "acute_subacute", "mixed", "workers", "general")
#: What guidelines say of an option (``guideline_stance`` in options.csv). Codes, never translated.
GUIDELINE_STANCES = ("recommended", "consider", "not_recommended", "do_not_offer", "guidelines_disagree",
                     "no_guidance")
#: Per-criterion code columns of options.csv (``X_comparator``, ``X_population``) and their code lists.
CODE_SUFFIXES = {"_comparator": COMPARATORS, "_population": POPULATIONS}
#: Option columns the contract names besides the required text columns and the criteria's.
OPTIONAL_OPTION_COLUMNS = ("contraindications", "cautions", "guidelines", "guideline_stance", "what_it_is_like")
#: Largest magnitude accepted for a criterion's ``min``/``max`` and a range bound. Far beyond any
#: clinical figure, and small enough that scaling and charts never overflow.
MAX_MAGNITUDE = 1e9
REFERENCE_COLUMNS = ("ref", "citation")


@dataclass(frozen=True)
class Reference:
    """One row of ``references.csv``: a reference number and what it is, in words."""

    ref: str
    citation: str
    in_words: str = ""


def fold_code(text: object) -> str:
    """A code as compared and stored: lower case, spaces and hyphens as underscores (``"Placebo sham"`` -> ``placebo_sham``)."""
    return "_".join(normalise_header(text).replace("-", " ").split())


def too_large(value: float) -> bool:
    """Whether a finite number is beyond :data:`MAX_MAGNITUDE`."""
    return math.isfinite(value) and abs(value) > MAX_MAGNITUDE


def magnitude_message(text: object) -> Message:
    return msg("'{value}' is too large; numbers in a table must be between -{limit} and {limit}. Check the cell "
               "for a typing slip", value=short(text), limit=int(MAX_MAGNITUDE))


def code_problem(file: str, row: int, column: str, value: str, codes: tuple[str, ...]) -> Problem:
    return Problem(file, row, column, msg("'{value}' is not a known code; leave it empty or use one of: {codes}",
                                          value=short(value), codes=", ".join(codes)))


def criterion_extras(sheet: Sheet, row: int, is_benefit: bool, span: float | None, mid: float, bad_mid: bool,
                     problems: list[Problem]) -> dict[str, object] | None:
    """The optional fields of one criteria.csv row as :class:`Criterion` keywords, or ``None`` after a problem.

    Parameters
    ----------
    sheet
        criteria.csv.
    row
        The spreadsheet row.
    is_benefit
        Whether the row's role is ``benefit`` (the only criterion a minimal important difference is used for).
    span
        ``max - min`` when both are valid, else ``None``.
    mid, bad_mid
        ``minimal_important`` parsed, and whether its text was not a number.
    """
    frame = sheet.frame
    ok = True
    out: dict[str, object] = {}
    for column, codes in (("comparator", COMPARATORS), ("population", POPULATIONS)):
        # A criterion may name several codes (";"-separated): its figures share an axis with any of them.
        cell = str(frame.at[row, column]) if column in frame.columns else ""
        given = [fold_code(part) for part in cell.split(";") if part.strip()]
        unknown = [part for part in given if part not in codes]
        if unknown:
            problems.append(code_problem(sheet.name, row, column, unknown[0], codes))
            ok = False
        out[column] = ";".join(dict.fromkeys(given))
    if "minimal_important" in frame.columns and (bad_mid or not math.isnan(mid)):
        text = frame.at[row, "minimal_important"]
        message: Message | None = None
        if bad_mid or not math.isfinite(mid):
            message = msg("'{value}' is not a number; give the smallest difference patients notice, in the "
                          "criterion's unit, or leave it empty", value=short(text))
        elif not is_benefit:
            message = msg("a minimal important difference is only used for the benefit criterion; give this row "
                          "the role 'benefit' or leave the cell empty")
        elif mid <= 0:
            message = msg("{value} is not allowed; the smallest difference patients notice must be above 0",
                          value=figure(mid))
        elif span is not None and mid > span:
            message = msg("{value} is larger than the whole range ({span}, from min to max); give a difference "
                          "within the range", value=figure(mid), span=figure(span))
        if message:
            problems.append(Problem(sheet.name, row, "minimal_important", message))
            ok = False
        else:
            out["minimal_important"] = float(mid)
    out["better_label"] = frame.at[row, "better_label"] if "better_label" in frame.columns else ""
    return out if ok else None


def minimal_important_numbers(sheet: Sheet) -> tuple[pd.Series, pd.Series]:
    """``minimal_important`` parsed (NaN when empty), and where its text was not a number."""
    if "minimal_important" not in sheet.columns:
        nothing = pd.Series(np.nan, index=sheet.frame.index)
        return nothing, nothing.notna()
    return to_numbers(sheet, "minimal_important")


def option_codes(sheet: Sheet, frame: pd.DataFrame, criterion_columns: list[str], problems: list[Problem]) -> None:
    """Check and fold ``X_comparator``, ``X_population`` and ``guideline_stance`` in ``frame`` (in place)."""
    checks = [(column + suffix, codes) for column in criterion_columns for suffix, codes in CODE_SUFFIXES.items()]
    checks.append(("guideline_stance", GUIDELINE_STANCES))
    for column, codes in checks:
        if column not in frame.columns:
            continue
        # Each distinct cell is folded once; the frame has at least one row (checked before).
        codes_of, distinct = pd.factorize(frame[column].to_numpy())
        folded = np.empty(len(distinct), dtype=object)
        folded[:] = [fold_code(value) for value in distinct]
        unknown = np.array([value != "" and value not in codes for value in folded], dtype=bool)
        for row in frame.index[unknown[codes_of]].tolist():
            problems.append(code_problem(sheet.name, row, column, frame.at[row, column], codes))
        frame[column] = pd.Series(folded[codes_of], index=frame.index, dtype=object)  # text, like every text column


def baseline_problems(sheet: Sheet, frame: pd.DataFrame) -> tuple[pd.Series, list[tuple[str, np.ndarray, object]]]:
    """``baseline_per_100`` parsed (NaN when empty or absent) and the checks on it for ``_report_by_row``."""
    if "baseline_per_100" not in frame.columns:
        return pd.Series(np.nan, index=frame.index, name="baseline_per_100"), []
    values, bad = to_numbers(sheet, "baseline_per_100")
    bad = (bad | (values.notna() & ~np.isfinite(values))).to_numpy()
    outside = ~bad & values.notna().to_numpy() & ~values.between(0, 100).to_numpy()
    return values.where(np.isfinite(values)), [
        ("baseline_per_100", bad,
         lambda row: msg("'{value}' is not a number; give how many people out of 100 had this on a dummy "
                         "treatment or no treatment in the same studies (0 to 100), or leave it empty",
                         value=short(frame.at[row, "baseline_per_100"]))),
        ("baseline_per_100", outside,
         lambda row: msg("{value} is outside 0 to 100; give people out of 100", value=figure(values.at[row]))),
    ]


def references(sheet: Sheet, problems: list[Problem]) -> dict[str, Reference]:
    """``references.csv`` as a mapping of ``ref`` to :class:`Reference`, in file order."""
    missing = [c for c in REFERENCE_COLUMNS if c not in sheet.columns]
    for column in missing:
        problems.append(Problem(sheet.name, 1, column, missing_column_message(column)))
    if missing:
        return {}
    frame = sheet.frame
    words = frame["in_words"] if "in_words" in frame.columns else pd.Series("", index=frame.index)
    out: dict[str, Reference] = {}
    first: dict[str, int] = {}
    for row, ref, citation, in_words in zip(frame.index, frame["ref"], frame["citation"], words):
        if not ref:
            problems.append(Problem(sheet.name, row, "ref", msg("empty; give the reference number or key the other "
                                                                "files cite (for example [15])")))
        elif ref in first:
            problems.append(Problem(sheet.name, row, "ref",
                                    msg("'{ref}' is used again (first on row {row}); every reference needs its own "
                                        "ref", ref=short(ref), row=str(first[ref]))))
        elif not citation:
            problems.append(Problem(sheet.name, row, "citation",
                                    msg("empty; give the authors, title and year of the reference")))
        else:
            first[ref] = row
            out[ref] = Reference(ref=ref, citation=citation, in_words=in_words)
    return out


def companion_problems(name: str, rows: dict[str, int], suffixes: tuple[str, ...]) -> list[Problem]:
    """Criteria named like another criterion's companion column (``pain_relief_low`` beside ``pain_relief``).

    ``rows`` maps each declared criterion name to its row in criteria.csv.
    """
    problems = []
    for column, row in rows.items():
        for suffix in suffixes:
            base = column[: -len(suffix)]
            if column.endswith(suffix) and base in rows:
                problems.append(Problem(name, row, "column",
                                        msg("'{column}' is the name of the '{suffix}' column that goes with "
                                            "criterion '{criterion}' (row {row}); give this criterion another name",
                                            column=short(column), suffix=suffix[1:], criterion=short(base),
                                            row=str(rows[base]))))
                break
    return problems


def short(text: object, limit: int = 40) -> str:
    """Quote at most ``limit`` characters of a bad cell in a message."""
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def missing_column_message(column: str) -> Message:
    """What a file missing a required column is told (the column's name stays as the contract spells it)."""
    return msg("required column '{column}' is missing; add it to the header row", column=column)


def figure(value: float) -> Message:
    """A number from a table as a message argument, with the digits the cell gave
    (:func:`decision_aid.core.i18n.figure`), or infinity in words."""
    value = float(value)
    if math.isinf(value):
        return msg("infinity") if value > 0 else msg("minus infinity")
    return number_figure(value)
