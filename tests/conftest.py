from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmo_data.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
REAL_EXPORTS = ROOT.parent / "shared" / "real-exports"
# Sign-in is never off by omission: every AppTest of the pages says open access explicitly
# (the sign-in tests give their own [pmo_auth]).
OPEN_ACCESS = {"mode": "none"}


# What the product reads from its environment: a developer's own shell must not change a test
PRODUCT_ENVIRONMENT = ("PMO_AUTH", "PMO_BACKUP_DIR", "PMO_CONFIG", "PMO_DB")
NO_SETTINGS_FILE = "/dev/null/pmo.toml"  # a path that can never be a file


@pytest.fixture(autouse=True)
def own_environment(monkeypatch):
    """Every test starts from no PMO_* setting of the machine's; a test that needs one sets it."""
    for name in PRODUCT_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    # nor a pmo.toml lying in the checkout: the shipped defaults, unless a test gives its own file
    monkeypatch.setenv("PMO_CONFIG", NO_SETTINGS_FILE)


def app_test(sign_in: dict | None = None):
    """The app in AppTest with its `[pmo_auth]` settings given (open access unless told)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["pmo_auth"] = sign_in or OPEN_ACCESS
    return at


def signed_in_app_test(monkeypatch, sign_in: dict, name: str, role: str, page: str = "pages/portfolio.py"):
    """The app in AppTest, run once on `page`, as a browser that signed in as `name` would see it:
    with the session cookie the sign-in route sets (pages/common/server.py). AppTest has no browser,
    so the pages' cookie lookup answers with that token."""
    import time

    from pages.common import access
    from pmo_data import sessions

    token = sessions.issue(access.session_key(sign_in), name, role, time.time())
    monkeypatch.setattr(access, "_cookie", lambda cookie: token if cookie == sessions.COOKIE else None)
    at = app_test(sign_in)
    at.switch_page(page)
    at.run()
    return at


def run_cli(db, *args, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m pmo_data ARGS --db DB` in a process of its own, as an operator runs it."""
    return subprocess.run([sys.executable, "-m", "pmo_data", *args, "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


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


@pytest.fixture
def big_tasks_file(tmp_path):
    """A canonical tasks file large enough that its import takes a few seconds."""
    header = "project_id,task_id,name,status,start_date,finish_date,baseline_finish,estimate_hours\n"
    rows = (f"P{n % 300:03d},T{n},Task {n},{('Done', 'In Progress', 'To Do')[n % 3]},2026-01-01,2026-0{1 + n % 9}-15,"
            f"2026-0{1 + n % 9}-10,{8 + n % 40}\n" for n in range(150_000))
    path = tmp_path / "tasks.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def fresh_streamlit_caches():
    """Streamlit's caches persist between AppTests of one pytest run: each test starts and ends clean."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
