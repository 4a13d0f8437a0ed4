from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pmo_data.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
REAL_EXPORTS = ROOT.parent / "shared" / "real-exports"


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A fresh database file, also made the default one (PMO_DB) for code under test."""
    path = tmp_path / "pmo.duckdb"
    monkeypatch.setenv("PMO_DB", str(path))
    return path


@pytest.fixture
def store(db_path):
    store = open_store(db_path)
    yield store
    store.close()


@pytest.fixture
def real_export():
    """Path of a file in ../shared/real-exports; the test is skipped when it is absent."""

    def find(name: str) -> Path:
        path = REAL_EXPORTS / name
        if not path.is_file():
            pytest.skip(f"{path} not present (real exports live beside the repo only on developer machines)")
        return path

    return find


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A database holding the whole demo, built once per test session; copy it before writing."""
    from pmo_data.cli import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    load_demo(path)
    open_store(path).close()
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("PMO_DB", str(path))
    return path
