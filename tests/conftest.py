"""Shared fixtures. GUI tests run offscreen; core tests never import Qt."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from decision_aid.core.table import DecisionTable, bundled_data_dir, load_table  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("dev", max_examples=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def bundled_dir() -> Path:
    return bundled_data_dir()


@pytest.fixture(scope="session")
def bundled_table(bundled_dir: Path) -> DecisionTable:
    return load_table(bundled_dir)


@pytest.fixture(scope="session")
def other_dir() -> Path:
    """A synthetic table for a different condition, with different criteria."""
    return FIXTURES / "other_condition"


@pytest.fixture(scope="session")
def other_table(other_dir: Path) -> DecisionTable:
    return load_table(other_dir)


@pytest.fixture
def table_copy(tmp_path: Path, bundled_dir: Path) -> Path:
    """A writable copy of the bundled table folder."""
    import shutil

    target = tmp_path / "table"
    shutil.copytree(bundled_dir, target)
    return target
