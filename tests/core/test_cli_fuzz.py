"""Generated odd tables through every headless command: an exit code, a message, never a traceback.

Each example writes a small table folder (long cells, markup, formula-like
text, control characters in names and headers, extreme but finite numbers)
and runs ``check``, ``rank`` in every format and ``audit`` in text and JSON
in-process. Whatever the loader decides, each command must end with 0, 1 or
2 and say something; and what a command prints must keep its shape: strict
JSON, CSV with no cell a spreadsheet would run, one table row per option.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st

from decision_aid.cli import main
from decision_aid.core.errors import DecisionAidError
from decision_aid.core.export import FORMULA_PREFIXES
from decision_aid.core.table import load_table

ODD = st.sampled_from(["\n", "\r", "\r\n", "\t", "\u2028", "\x1b[31m", "<b>", "<img src='/dev/zero'>", "&amp;",
                       "=1+1", "+1", "-2", "@SUM(A1)", "'", '"', ",", ";", "\u202e", "\ufeff", "é", "\x85"])
PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
TEXT = st.one_of(PLAIN, st.lists(st.one_of(PLAIN, ODD), min_size=1, max_size=5).map("".join),
                 st.integers(1000, 3000).map(lambda n: "word " * (n // 5)))
NAME = TEXT.filter(lambda t: t.strip() != "")
COLUMN = st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
                   st.sampled_from(["=cmd|' /c calc'!a0", "+x", "-y", "@z", "a\nb", "<i>c</i>", "é_crit"]))
BOUND = st.one_of(st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False),
                  st.sampled_from([0.0, -0.0, 1e-300, 5e-324, 1e300, -1e300, 1.7e308, -1.7e308]))


@st.composite
def tables(draw) -> dict:
    n_criteria = draw(st.integers(1, 3))
    columns = draw(st.lists(COLUMN, min_size=n_criteria, max_size=n_criteria, unique_by=str.lower))
    criteria = []
    for column in columns:
        lo, hi = sorted([draw(BOUND) + 0.0, draw(BOUND) + 0.0])
        if hi == lo:
            hi = lo + max(1.0, abs(lo))
        criteria.append({"column": column, "label": draw(NAME), "better": draw(st.sampled_from(["lower", "higher"])),
                         "min": repr(lo), "max": repr(hi), "unit": draw(TEXT), "description": draw(TEXT),
                         "default_weight": draw(st.sampled_from(["0", "5", "10", "-0", "7.5"])), "role": ""})
    n_options = draw(st.integers(1, 4))
    options = []
    for k in range(n_options):
        row = {"id": f"opt{k}", "name": draw(NAME), "category": draw(st.sampled_from(["conventional", "home"])),
               "summary": draw(NAME), "evidence": "low", "common_side_effects": draw(TEXT),
               "serious_risks": draw(TEXT), "see_doctor_if": draw(NAME), "sources": "[S1] " + draw(TEXT),
               "reviewed": "2025-01-01", "contraindications": draw(TEXT)}
        for c in criteria:
            lo, hi = float(c["min"]), float(c["max"])
            value = draw(st.one_of(st.just(""), st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(repr),
                                   st.sampled_from([c["min"], c["max"]])))
            row[c["column"]] = value
        options.append(row)
    return {"criteria": criteria, "options": options}


def write(folder: Path, table: dict) -> None:
    folder.mkdir()
    for name in ("criteria", "options"):
        rows = table[name]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (args, code)
    assert (out + err).strip(), f"{args}: no message at all"
    assert "Traceback" not in out + err
    return code, out, err


def strict_json(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


@settings(max_examples=25)
@given(table=tables())
def test_every_command_ends_cleanly_on_generated_tables(tmp_path_factory, capsys, table):
    folder = tmp_path_factory.mktemp("fuzz") / "table"
    write(folder, table)
    code, out, err = run(capsys, "check", str(folder))
    try:
        loaded = load_table(folder)
    except DecisionAidError:
        loaded = None
    assert (code == 0) == (loaded is not None)
    event("accepted" if loaded is not None else "refused")
    if loaded is None:
        assert err and out == ""
        for args in (["rank", "--data", str(folder)], ["audit", str(folder)]):
            assert run(capsys, *args)[0] == 1
        return
    ok = [line for line in out.splitlines() if not line.startswith("Note: ")]
    assert len(ok) == 1 and ok[0].startswith("OK: ")  # the OK line never breaks, whatever the folder is called
    n = len(loaded.ids)
    weights = [] if sum(c.default_weight for c in loaded.criteria) > 0 else \
        [f"--weight={loaded.criteria[0].column}=1"]

    code, out, err = run(capsys, "rank", "--data", str(folder), "--format", "json", *weights)
    assert code == 0, err
    payload = strict_json(out)
    assert len(payload["options"]) == n
    assert all(math.isfinite(o["score"]) for o in payload["options"])

    code, out, err = run(capsys, "rank", "--data", str(folder), "--format", "csv", *weights)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 1 + n
    assert not any(cell.startswith(FORMULA_PREFIXES) for row in rows for cell in row)

    code, out, err = run(capsys, "rank", "--data", str(folder), *weights)
    assert code == 0, err
    body = out.splitlines()
    start = next(i for i, line in enumerate(body) if line.startswith("rank  option"))
    assert all(line[:4].strip().isdigit() for line in body[start + 1: start + 1 + n])
    assert len(body) == start + 1 + n + 2  # the key line and the sensitivity sentence

    code, out, err = run(capsys, "audit", str(folder), "--format", "json")
    assert code in (0, 1)
    strict_json(out)
    run(capsys, "audit", str(folder))
