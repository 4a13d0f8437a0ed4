"""What is coming: the roadmap query on the demo, and the cost curve's actual cost from the cost
ledger. Values worked out by hand from sample_data/2026-10/pmo_portfolio.xlsx (sheet Projects)
and the small files written here."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pmo_data import queries
from pmo_data.importer import import_file
from pmo_data.store import open_store

OCTOBER = queries.Filters(period=dt.date(2026, 10, 1))


def test_roadmap_gives_each_project_its_baseline_and_forecast_by_program(demo_copy):
    roadmap = queries.roadmap(open_store(demo_copy), OCTOBER)
    assert len(roadmap) == 25
    assert list(dict.fromkeys(roadmap["program"])) == ["Data & Analytics", "Digital Channels", "Operational Excellence",
                                                       "Regulatory Compliance"]
    dates = ["baseline_start", "baseline_finish", "forecast_start", "forecast_finish"]
    rows = roadmap.set_index("project_id")
    # PRJ-007: started 2 Feb 2026 on its baseline; baseline finish 23 Mar 2027, forecast 8 Jun 2027
    # (8 + 30 + 31 + 8 = 77 days late); computed red
    assert rows.loc["PRJ-007", dates].tolist() == [pd.Timestamp(2026, 2, 2), pd.Timestamp(2027, 3, 23),
                                                   pd.Timestamp(2026, 2, 2), pd.Timestamp(2027, 6, 8)]
    assert rows.loc["PRJ-007", ["finish_variance_days", "health", "status_date"]].tolist() == [
        77, "red", pd.Timestamp(2026, 10, 31)]
    # PRJ-025 has not started (no start date): its forecast starts on its baseline start, 1 Dec 2026
    assert rows.loc["PRJ-025", ["forecast_start", "forecast_finish", "health"]].tolist() == [
        pd.Timestamp(2026, 12, 1), pd.Timestamp(2027, 11, 20), "grey"]
    # within a program, the earliest start first: Digital Channels opens with PRJ-002 (19 Jan 2026)
    assert roadmap[roadmap["program"] == "Digital Channels"]["project_id"].iloc[0] == "PRJ-002"
    only = queries.roadmap(open_store(demo_copy), queries.Filters(period=dt.date(2026, 10, 1), health=("amber",)))
    assert sorted(only["project_id"]) == ["PRJ-006", "PRJ-013", "PRJ-017", "PRJ-024"]


def test_cost_curve_takes_actual_cost_from_the_ledger_only_when_the_snapshot_has_none(store, tmp_path):
    (tmp_path / "projects.csv").write_text(
        "project_id,project_name,program,baseline_start,baseline_finish,budget,actual_cost,percent_complete\n"
        "P1,Ledger only,Finance,2026-01-01,2026-12-31,100000,,50\n"
        "P2,Reports its own,Finance,2026-01-01,2026-12-31,100000,40000,30\n", encoding="utf-8")
    (tmp_path / "costs.csv").write_text(
        "Project,Month,Actual Cost\nP1,2026-08-01,10000\nP1,2026-09-01,15000\nP1,2026-10-01,20000\n"
        "P1,2026-11-01,99000\nP2,2026-10-01,77777\n", encoding="utf-8")
    for name in ("projects.csv", "costs.csv"):
        import_file(store, tmp_path / name, "2026-10")
    # P1: 10,000 + 15,000 + 20,000 spent up to the status date 31 Oct (November's 99,000 not yet)
    assert queries.cost_curve(store, OCTOBER, "P1")["ac"].tolist() == [45000.0]
    # P2 reports 40,000 itself: its ledger's 77,777 is not read (the CPI divides by the register's)
    assert queries.cost_curve(store, OCTOBER, "P2")["ac"].tolist() == [40000.0]
    portfolio = queries.cost_curve(store, OCTOBER).iloc[0]
    assert (portfolio.projects, portfolio.ac, portfolio.ev) == (2, 85000.0, 80000.0)  # EV: 50,000 + 30,000
