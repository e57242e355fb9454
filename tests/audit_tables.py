"""A copy of the bundled table with things the content audit flags, for the core's and the window's tests."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from decision_aid.core.table import bundled_data_dir

HARD = ("Notwithstanding considerable methodological heterogeneity, multidisciplinary rehabilitation "
        "demonstrated statistically significant yet clinically questionable improvements in disability.")


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def write_rows(path: Path, rows: list[dict[str, str]], fields: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def broken_table(folder: Path) -> Path:
    """The bundled table at ``folder`` with a stale row, missing sources, long hard text and no funding."""
    shutil.copytree(bundled_data_dir(), folder)
    shutil.rmtree(folder / "translations")      # the base table, as a clinic edits it
    path = folder / "options.csv"
    rows = rows_of(path)
    fields = list(rows[0])
    rows[0].update(reviewed="2019-01-01", sources="", summary=HARD)
    figure = next(c for c in ("pain_relief", "visits", "invasiveness") if rows[1].get(c, "").strip())
    rows[1][figure + "_source"] = ""
    rows[2]["guidelines"] = ""
    write_rows(path, rows, fields)
    about = [r for r in rows_of(folder / "about.csv") if r["key"] != "funding"]
    write_rows(folder / "about.csv", about, ["key", "value"])
    return folder
