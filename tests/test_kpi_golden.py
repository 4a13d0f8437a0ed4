"""Golden files: the KPI marts over the demo data, compared with CSVs reviewed in the diff.
Regenerate after an intended change with `UPDATE_GOLDEN=1 make test` and read the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from pmo_data.store import open_store

GOLDEN = Path(__file__).parent / "golden"
QUERIES = {
    "kpi_project_health": "select period, project_id, health, reported_health, watermelon, round(spi, 3) as spi, "
                          "round(cpi, 3) as cpi, round(eac) as eac, finish_variance_days, bei, tasks_overdue, "
                          "health_change, health_reason_text from kpi_project_health order by period, project_id",
    "kpi_changes": "select * from kpi_changes order by period, project_id nulls last, importance, kind, change_type, item_id",
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_marts_over_the_demo_match_their_golden_file(demo_db, name):
    actual = open_store(demo_db).query(QUERIES[name])
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        actual.to_csv(path, index=False, date_format="%Y-%m-%d")
    text = actual.to_csv(index=False, date_format="%Y-%m-%d")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}; UPDATE_GOLDEN=1 regenerates it"


def test_portfolio_totals_over_the_demo_match_their_golden_file(demo_db):
    """The named totals query every page, the deck, the exports and `kpis` call, for each demo month
    and each program: the figures a sponsor sees."""
    import datetime as dt

    from pmo_data import queries

    store = open_store(demo_db)
    frames = []
    for period in sorted(queries.periods(store)):
        for program in [None, *queries.filter_options(store, period)["programs"]]:
            filters = queries.Filters(period=period, programs=(program,) if program else ())
            cards = queries.portfolio_cards(store, filters)
            frames.append(cards[cards["is_current"]].assign(scope=program or "all projects"))
    actual = rounded(pd.concat(frames, ignore_index=True))
    path = GOLDEN / "portfolio_totals.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        actual.to_csv(path, index=False, date_format="%Y-%m-%d")
    assert actual.to_csv(index=False, date_format="%Y-%m-%d") == path.read_text(encoding="utf-8")
    october = actual[(actual["period"] == dt.datetime(2026, 10, 1)) & (actual["scope"] == "all projects")].iloc[0]
    assert (round(october.spi, 3), round(october.cpi, 3), october.grey, october.not_started) == (0.927, 0.932, 1, 1)


@pytest.mark.parametrize("name", ["strategic_alignment", "risk_matrix", "capacity_demand"])
def test_cross_project_queries_over_the_demo_match_their_golden_file(demo_db, name):
    """The other named queries across projects, for each demo month, unfiltered."""
    from pmo_data import queries

    store = open_store(demo_db)
    frames = [getattr(queries, name)(store, queries.Filters(period=period)).assign(period=period)
              for period in sorted(queries.periods(store))]
    actual = rounded(pd.concat(frames, ignore_index=True))
    path = GOLDEN / f"{name}.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        actual.to_csv(path, index=False, date_format="%Y-%m-%d")
    assert actual.to_csv(index=False, date_format="%Y-%m-%d") == path.read_text(encoding="utf-8")


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers to 4 decimals (what a golden file can pin across platforms); dates as they are."""
    return frame.round({column: 4 for column in frame.select_dtypes("number").columns})
