"""A tiny run of the benchmark's data generator: the benchmark measures a real, complete rebuild."""

from __future__ import annotations

import pytest

from benchmarks.browser_pages import CHROMIUM
from benchmarks.large_portfolio import build
from pmo_data import marts
from pmo_data.marts import check_constraints


def test_large_portfolio_generator_builds_complete_kpis(tmp_path):
    store = build(tmp_path / "large.duckdb", scale=0.02, periods=2)  # 10 projects, 12 people
    assert store.scalar("select count(*) from tasks") == 2 * 10 * 500
    assert store.scalar("select count(*) from kpi_project_health") == 0  # KPIs come from a rebuild, not the load
    with store.transaction() as cur:
        marts.rebuild(cur)
    assert store.scalar("select count(*) from kpi_project_health") == 2 * 10
    assert store.scalar("select count(*) from kpi_risks") == 2 * 10 * 20
    assert store.scalar("select count(distinct resource_name) from kpi_resource_load") == 12
    assert check_constraints(store) == []
    store.close()


def test_benchmark_export_files_are_real_layouts(store, tmp_path):
    from benchmarks import export_files
    from pmo_data.importer import import_file

    cases = [(export_files.jira_csv(tmp_path / "jira.csv", 40), "jira", 40),
             (export_files.ms_project_xlsx(tmp_path / "project.xlsx", 30), "ms_project", 30),
             (export_files.planner_xlsx(tmp_path / "planner.xlsx", 20), "planner", 20)]
    for path, source, rows in cases:
        result = import_file(store, path, "2026-10")
        assert (result.source, result.rows_loaded["tasks"], result.rows_rejected) == (source, rows, 0)
    epic_children = store.scalar("select count(*) from tasks where parent_task_id = 'BIG-20'")
    assert epic_children == 19  # BIG-21 … BIG-39 point at their epic through the numeric Parent id


def test_imports_are_timed_in_their_own_process(tmp_path):
    from benchmarks import export_files
    from benchmarks.__main__ import _imports
    from pmo_data.store import open_store

    path = export_files.jira_csv(tmp_path / "jira.csv", 300)
    seconds, peak_rss_mib = _imports(path, tmp_path, runs=2)
    assert len(seconds) == 2 and all(0 < s < 60 for s in seconds)
    assert 50 < peak_rss_mib < 1536
    store = open_store(tmp_path / "import-jira.duckdb")  # the last timed import, complete
    assert store.scalar("select count(*) from tasks") == 300
    assert store.scalar("select count(*) from kpi_project_health") == 50  # P0 … P49


def test_a_file_imports_into_the_large_portfolio(tmp_path):
    """The generated database is a real one: an upload can follow (import ids from the sequence)."""
    from benchmarks import export_files
    from pmo_data.importer import import_file

    store = build(tmp_path / "large.duckdb", scale=0.02, periods=2)
    result = import_file(store, export_files.jira_csv(tmp_path / "jira.csv", 40), "2026-10")
    assert result.import_id == 3 and result.rows_loaded["tasks"] == 40
    store.close()


@pytest.mark.soak  # 18 s of two browser sessions: `make soak`, keeping `make test` within its 15 minutes
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed: the browser render benchmark is not run")
def test_render_benchmark_times_a_page_against_a_bare_page(tmp_path):
    import re

    from benchmarks.__main__ import render_cases

    [result] = render_cases(tmp_path, sessions=1, urls={"pages/data.py": "/data"})
    assert result.case.startswith("Data page in the browser")
    assert len(result.seconds) == 1 and 0.2 < result.seconds[0] < 60
    bare = float(re.search(r"one plotly chart \(([\d.]+) s\)", result.target)[1])
    assert 0.2 < bare < 60
    assert result.ratio == pytest.approx(result.seconds[0] / bare, abs=0.05)


def test_load_sessions_drive_real_page_runs_over_the_websocket(demo_db, tmp_path):
    """The load benchmark's client runs each page as a browser would: the page's own words come back."""
    import shutil

    from benchmarks import load
    from benchmarks.browser_pages import serve
    from benchmarks.ws_session import run_page_sync

    db = tmp_path / "pmo.duckdb"
    shutil.copy(demo_db, db)
    with serve("app.py", db) as url:
        portfolio = run_page_sync(url, "portfolio")
        risks = run_page_sync(url, "risks")
        seen = load.sessions(url, 2, 0.0)
    assert portfolio.exception is None and portfolio.shows("Projects and why") and not portfolio.shows("All risks and issues")
    assert risks.shows("All risks and issues") and risks.session_id and risks.session_id != portfolio.session_id
    assert (len(seen.seconds), seen.errors) == (2 * len(load.PAGE_NAMES), [])
