"""What the database holds: periods, import history, row counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pmo_data.store import Store


def periods(store: Store) -> pd.DataFrame:
    """One row per loaded reporting month, newest first."""
    return store.query_named("periods")


def imports(store: Store) -> pd.DataFrame:
    """The import history, newest first."""
    return store.query_named("imports")


def table_row_counts(store: Store, period: dt.date | None = None) -> pd.DataFrame:
    return store.query_named("table_row_counts", {"period": period})


def is_empty(store: Store) -> bool:
    return int(store.scalar("select count(*) from imports")) == 0
