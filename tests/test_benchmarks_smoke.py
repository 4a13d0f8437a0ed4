"""A tiny run of the benchmark's data generator: the benchmark measures a real, complete rebuild."""

from __future__ import annotations

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
