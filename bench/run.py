"""Benchmark: start-up, slider response, load, export and memory, each beside its floor.

    python -m bench            # full run (about a minute on 2 cores)
    python -m bench --quick    # fewer repetitions, for a smoke test

Prints a table (median, p95, app/floor ratio, target) and writes
``bench/results/latest.json``. Every figure comes from the real app code: the
real window, the real loader, the real PDF export, offscreen.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


@dataclass
class Figure:
    name: str
    unit: str
    median: float
    p95: float
    runs: int
    floor_name: str = ""
    floor_median: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if not self.floor_median else self.median / self.floor_median


def summarise(name: str, unit: str, samples: list[float], **extra) -> Figure:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return Figure(name, unit, statistics.median(samples), p95, len(samples), **extra)


# --------------------------------------------------------------------------- tables


def make_table(folder: Path, n: int, seed: int = 1) -> Path:
    """A synthetic table of ``n`` options over the bundled criteria (short text, random values)."""
    import numpy as np
    import pandas as pd

    from decision_aid.core.table import bundled_data_dir, load_table

    bundled = load_table(bundled_data_dir())
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "criteria.csv").write_bytes((bundled.folder / "criteria.csv").read_bytes())
    frame = pd.DataFrame({
        "id": [f"option_{i}" for i in range(n)],
        "name": [f"Synthetic option {i}" for i in range(n)],
        "category": rng.choice(["conventional", "alternative", "home"], n),
        "summary": "A synthetic option for the benchmark.",
    })
    for c in bundled.criteria:
        values = rng.uniform(c.min, c.max, n).round(2)
        frame[c.column] = np.where(rng.random(n) < 0.1, np.nan, values)
        frame[c.column + "_source"] = "[B1]"
    frame["evidence"] = rng.choice(["high", "moderate", "low", "very low"], n)
    frame["common_side_effects"] = "Soreness; Tiredness"
    frame["serious_risks"] = "None known"
    frame["see_doctor_if"] = "Numbness in both legs; Fever"
    frame["contraindications"] = rng.choice(["", "Pregnancy", "Bleeding disorder"], n)
    frame["sources"] = "[B1] Synthetic benchmark source"
    frame["reviewed"] = "2026-01-01"
    frame.to_csv(folder / "options.csv", index=False)
    return folder


# --------------------------------------------------------------------------- start-up (whole process)

APP_START = textwrap.dedent("""
    import os, sys, time
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    t0 = float(os.environ["BENCH_T0"])
    app = QApplication(sys.argv[:1])
    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings
    import tempfile
    window = MainWindow(Settings(QSettings(os.path.join(tempfile.mkdtemp(), "b.ini"), QSettings.Format.IniFormat)))
    marks = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "table" not in marks:
                marks["table"] = time.time() - t0
                QTimer.singleShot(0, show_ranking)
            return False

    def show_ranking():
        window.tabs.setCurrentIndex(2)
        window.ranking_chart.canvas.mpl_connect("draw_event", drawn)
        window.weights.equal_button.click()

    def drawn(event):
        if "chart" not in marks:
            marks["chart"] = time.time() - t0
            print(f"{marks['table']:.6f} {marks['chart']:.6f}", flush=True)
            os._exit(0)  # measured; skip the interpreter's tear-down

    watcher = FirstPaint()
    window.table_view.viewport().installEventFilter(watcher)
    window.resize(1366, 768)
    window.show()
    app.exec()
""")

FLOOR_START = textwrap.dedent("""
    import os, sys, time
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    t0 = float(os.environ["BENCH_T0"])
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QTableView()
    window.setCentralWidget(view)

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                print(f"{time.time() - t0:.6f}", flush=True)
                os._exit(0)
            return False

    watcher = FirstPaint()
    view.viewport().installEventFilter(watcher)
    window.resize(1366, 768)
    window.show()
    app.exec()
""")


def run_timed(script: str, runs: int) -> list[list[float]]:
    out = []
    for _ in range(runs):
        env = {**ENV, "BENCH_T0": repr(time.time())}
        result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                timeout=120)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])
        out.append([float(x) for x in result.stdout.split()])
    return out


def bench_startup(runs: int) -> list[Figure]:
    # An installed app starts from bytecode (pip compiles it); so does the checkout timed here,
    # even where PYTHONDONTWRITEBYTECODE is set.
    compileall.compile_dir(ROOT / "decision_aid", quiet=1)
    app = run_timed(APP_START, runs)
    floor = run_timed(FLOOR_START, runs)
    floor_fig = summarise("bare PySide6 window, empty table (floor)", "s", [r[0] for r in floor])
    first = summarise("first window, bundled table visible", "s", [r[0] for r in app],
                      floor_name=floor_fig.name, floor_median=floor_fig.median, target="<= 2x floor")
    first.met = first.ratio <= 2
    charts = summarise("ranking chart drawn after 'All equal', from launch", "s", [r[1] for r in app],
                       target="<= 1.5 s")
    charts.met = charts.median <= 1.5
    return [floor_fig, first, charts]


# --------------------------------------------------------------------------- slider (in process)


def wait_for(events: list, app, limit: float = 10.0) -> None:
    """Process Qt events until ``events`` gets something (a repaint happened)."""
    deadline = time.perf_counter() + limit
    while not events:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the chart was not repainted within 10 s")


def paint_watcher(widget, events: list):
    """Append to ``events`` whenever ``widget`` gets a paint event (a blit or a full draw reached the screen)."""
    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                events.append(time.perf_counter())
            return False

    watcher = Painted(widget)
    widget.installEventFilter(watcher)
    return watcher


def slider_walk(i: int) -> int:
    """The ``i``-th value of a slider swept from 5 up to 10, down to 0 and back, one step per move.

    A drag passes through every value and an arrow key moves one step, so each
    measured move is one step, over the whole range.
    """
    return 10 - abs((i + 5) % 20 - 10)


def bench_slider(reps: int, big: Path) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure as MplFigure
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ini = Path(tempfile.mkdtemp()) / "b.ini"
    window = MainWindow(Settings(QSettings(str(ini), QSettings.Format.IniFormat)))
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentIndex(2)
    app.processEvents()

    def measure(column: str, held: bool) -> tuple[list[float], int]:
        """Move one slider back and forth; time from the move until the chart is repainted on screen.

        ``held``: the slider is held down, as in a drag (rows keep their options); else each move
        is a keyboard step or a release (rows sorted again).
        """
        chart = window.ranking_chart
        painted: list[float] = []
        watcher = paint_watcher(chart.canvas, painted)
        window.weights.equal_button.click()
        for _ in range(5):
            app.processEvents()
        slider = window.weights.control(column).slider
        slider.setSliderDown(held)
        samples, blitted = [], 0
        for i in range(reps + 3):
            blits = chart.blits
            start = time.perf_counter()
            painted.clear()
            window.weights.set_importance(column, slider_walk(i))
            window.weights.flush()              # what the throttle timer does during a drag
            wait_for(painted, app)
            if i >= 3:                         # warm-ups
                samples.append(time.perf_counter() - start)
                blitted += chart.blits > blits
        slider.setSliderDown(False)
        for _ in range(5):
            app.processEvents()
        chart.canvas.removeEventFilter(watcher)
        return samples, blitted

    results = {}
    for label, folder in (("bundled, 13 options", None), ("10,000 options", big)):
        if folder is not None:
            window.load_folder(folder)
            window.tabs.setCurrentIndex(2)
            app.processEvents()
        for held in (True, False):
            results[label, held] = measure("pain_relief", held)
    window.record.ask_save_changes = lambda doing: "discard"  # no question at the end of a benchmark
    window.close()

    # Floors: a 12-bar matplotlib chart whose bar widths change, drawn whole (draw_idle) or
    # with only the bars drawn over a saved background (blitting), until repainted.
    fig = MplFigure(layout="constrained")
    canvas = FigureCanvasQTAgg(fig)
    canvas.resize(900, 500)
    canvas.show()
    ax = fig.add_subplot()
    bars = ax.barh(range(12), [50] * 12)
    ax.set_xlim(0, 100)
    canvas.draw()
    app.processEvents()
    painted: list[float] = []
    paint_watcher(canvas, painted)

    def floor(blit: bool) -> list[float]:
        out = []
        if blit:
            for bar in bars:
                bar.set_animated(True)
            canvas.draw()
            app.processEvents()
            background = canvas.copy_from_bbox(fig.bbox)
        for i in range(reps + 3):
            start = time.perf_counter()
            painted.clear()
            for j, bar in enumerate(bars):
                bar.set_width((i * 7 + j * 13) % 100)
            if blit:
                canvas.restore_region(background)
                for bar in bars:
                    fig.draw_artist(bar)
                canvas.blit(fig.bbox)
            else:
                canvas.draw_idle()
            wait_for(painted, app)
            if i >= 3:
                out.append(time.perf_counter() - start)
        return out

    full = floor(blit=False)
    blitted = floor(blit=True)
    canvas.close()
    full_fig = summarise("12-bar matplotlib chart, whole canvas redrawn", "ms", [x * 1000 for x in full])
    floor_fig = summarise("12-bar matplotlib chart, bars blitted (floor)", "ms", [x * 1000 for x in blitted])
    out = [full_fig, floor_fig]
    for (label, held), (samples, blits) in results.items():
        how = "dragged slider" if held else "keyboard step or release, rows sorted"
        limit = 16 if label.startswith("bundled") else 50
        fig = summarise(f"{how} -> ranking, chart repainted ({label})", "ms", [x * 1000 for x in samples],
                        floor_name=floor_fig.name, floor_median=floor_fig.median, target=f"<= {limit} ms",
                        note=f"{blits} of {len(samples)} blitted")
        fig.met = fig.median <= limit
        out.append(fig)
    return out


# --------------------------------------------------------------------------- load


def bench_load(reps: int, tables: dict[str, Path]) -> list[Figure]:
    import pandas as pd

    from decision_aid.core.table import load_table

    out = []
    for label, folder in tables.items():
        ours, bare = [], []
        for _ in range(reps):
            start = time.perf_counter()
            pd.read_csv(folder / "options.csv")
            bare.append(time.perf_counter() - start)
            start = time.perf_counter()
            load_table(folder)
            ours.append(time.perf_counter() - start)
        floor = summarise(f"pandas.read_csv, {label} options (floor)", "s", bare)
        fig = summarise(f"load and validate, {label} options", "s", ours, floor_name=floor.name,
                        floor_median=floor.median, target="<= 3x floor")
        fig.met = fig.ratio <= 3
        out += [floor, fig]
    return out


# --------------------------------------------------------------------------- export

EXPORT_FIRST = textwrap.dedent("""
    import dataclasses, sys, time
    start = time.perf_counter()
    from decision_aid.core.report import summary_pdf
    from decision_aid.core.session import Session
    from decision_aid.core.table import bundled_data_dir, load_table
    table = load_table(bundled_data_dir())
    session = dataclasses.replace(Session.new(table), importances={c.column: 5.0 for c in table.criteria},
                                  selected=("physical_therapy", "nsaids", "massage"), chosen="massage")
    summary_pdf(table, session)
    print(f"{time.perf_counter() - start:.6f}")
""")


def bench_export(reps: int, runs: int) -> list[Figure]:
    import dataclasses

    from decision_aid.core.report import summary_pdf
    from decision_aid.core.session import Session
    from decision_aid.core.table import bundled_data_dir, load_table

    table = load_table(bundled_data_dir())
    session = dataclasses.replace(Session.new(table), importances={c.column: 5.0 for c in table.criteria},
                                  selected=("physical_therapy", "nsaids", "massage"), chosen="massage")
    summary_pdf(table, session)
    warm = []
    for _ in range(reps):
        start = time.perf_counter()
        summary_pdf(table, session)
        warm.append(time.perf_counter() - start)
    first = [r[0] for r in run_timed(EXPORT_FIRST, runs)]
    a = summarise("summary PDF, warm", "s", warm, target="< 1 s")
    a.met = a.median < 1
    b = summarise("summary PDF, first in a new process (imports included)", "s", first)
    return [a, b]


# --------------------------------------------------------------------------- memory

MEMORY = textwrap.dedent("""
    import os, resource, sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    from decision_aid.gui.main_window import MainWindow
    from decision_aid.gui.settings import Settings
    import tempfile
    window = MainWindow(Settings(QSettings(os.path.join(tempfile.mkdtemp(), "b.ini"), QSettings.Format.IniFormat)),
                        os.environ.get("BENCH_DATA") or None)
    window.resize(1366, 768)
    window.show()
    window.weights.equal_button.click()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for _ in range(5):
            app.processEvents()
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
    print(int(hwm.split()[1]) / 1024)
""")


def bench_memory(big: Path) -> list[Figure]:
    out = []
    for label, data in (("bundled table", ""), ("10,000 options", str(big))):
        env = {**ENV, "BENCH_DATA": data}
        result = subprocess.run([sys.executable, "-c", MEMORY], env=env, capture_output=True, text=True,
                                timeout=300)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])
        mb = float(result.stdout.split()[-1])
        fig = Figure(f"peak memory, window with every view shown, {label}", "MB", mb, mb, 1)
        if label == "bundled table":
            fig.target, fig.met = "< 250 MB", mb < 250
        out.append(fig)
    return out


# --------------------------------------------------------------------------- report


def machine() -> dict:
    import matplotlib
    import pandas
    import PySide6

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": platform.platform(), "PySide6": PySide6.__version__, "pandas": pandas.__version__,
            "matplotlib": matplotlib.__version__}


def table_text(figures: list[Figure]) -> str:
    lines = ["| measurement | median | p95 | runs | floor ratio | target | met | note |",
             "|---|---|---|---|---|---|---|---|"]
    for f in figures:
        fmt = (lambda v: f"{v:.1f} {f.unit}") if f.unit in ("ms", "MB") else (lambda v: f"{v:.3f} {f.unit}")
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        lines.append(f"| {f.name} | {fmt(f.median)} | {fmt(f.p95)} | {f.runs} | {ratio} | {f.target} | {met} "
                     f"| {f.note} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions (smoke test)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args(argv)
    reps, runs = (3, 2) if args.quick else (25, 7)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DECISION_AID_STATE_DIR", tempfile.mkdtemp())
    ENV["DECISION_AID_STATE_DIR"] = os.environ["DECISION_AID_STATE_DIR"]

    work = Path(tempfile.mkdtemp(prefix="decision-aid-bench-"))
    sizes = {"10,000": 10_000} if args.quick else {"10,000": 10_000, "100,000": 100_000}
    tables = {label: make_table(work / f"t{n}", n) for label, n in sizes.items()}
    big = tables["10,000"]

    figures: list[Figure] = []
    figures += bench_startup(runs)
    figures += bench_slider(reps if not args.quick else 3, big)
    figures += bench_load(max(3, reps // 5), tables)
    figures += bench_export(max(3, reps // 2) if not args.quick else 2, max(3, runs - 2) if not args.quick else 1)
    figures += bench_memory(big)
    from bench.cli_scale import bench_cli_scale
    from bench.uncertainty import bench_uncertainty
    figures += bench_uncertainty(reps if not args.quick else 3)
    figures += bench_cli_scale(1 if args.quick else 3, work, 20_000 if args.quick else 195_000)

    info = machine()
    text = table_text(figures)
    print(f"Machine: {info['cpu']}, {info['cores']} cores; Python {info['python']}, PySide6 {info['PySide6']}, "
          f"pandas {info['pandas']}, matplotlib {info['matplotlib']}")
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"machine": info, "quick": args.quick,
               "figures": [asdict(f) | {"ratio": f.ratio} for f in figures],
               "peak_rss_bench_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
