"""The core stays free of Qt, so it runs headless and can be tested without a display."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_never_imports_qt():
    """import-linter's contract in pyproject.toml: decision_aid.core imports neither PySide6 nor the GUI."""
    # No cache: a cache in the checkout would be shared (and raced for) by test runs side by side.
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    result = subprocess.run([sys.executable, "-c", code, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "core is Qt-free KEPT" in result.stdout


def test_core_imports_without_pyside6():
    """Importing every core module with PySide6 made unimportable still works."""
    code = (
        "import sys, importlib, pkgutil\n"
        "sys.modules['PySide6'] = None\n"
        "import decision_aid.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('decision_aid.core.' + m.name)\n"
        "import decision_aid.cli\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
