"""Shared last step of every adapter: canonical columns, derived values, domain checks.

Rows that cannot be loaded (a key missing, a duplicate key) are rejected with their row
number and reason; values outside their domain become NULL with a warning. Nothing is
dropped without a line in the quality report.
"""

from __future__ import annotations

import math

import pandas as pd

from pmo_data import normalize
from pmo_data.config import settings
from pmo_data.sources.base import CANONICAL_COLUMNS, REQUIRED_COLUMNS, Batch, Rejected

TABLE_KEYS = {
    "projects": ["project_id"],
    "tasks": ["project_id", "task_id"],
    "risks": ["project_id", "risk_id"],
    "resources": ["resource_name"],
    "allocations": ["resource_name", "project_id", "month"],
}

# (table, column) -> (low, high): values outside become NULL, with a warning.
VALUE_RANGES = {
    ("projects", "percent_complete"): (0, 100),
    ("tasks", "percent_complete"): (0, 100),
    ("risks", "probability"): (1, 5),
    ("risks", "impact"): (1, 5),
    ("projects", "budget"): (0, math.inf),
    ("projects", "forecast_cost"): (0, math.inf),
    ("tasks", "estimate_hours"): (0, math.inf),
    ("allocations", "planned_hours"): (0, math.inf),
    ("resources", "capacity_hours_per_month"): (0, math.inf),
}

DTYPES = {"text": "str", "health": "str", "date": "datetime64[us]", "number": "Float64", "percent": "Float64",
          "bool": "boolean", "scale": "Int64", "integer": "Int64"}


def conform(batch: Batch, source: str) -> dict[str, pd.DataFrame]:
    """Per canonical table, the frame to insert: every canonical column plus `extra`."""
    ready = {}
    for table, frame in batch.tables.items():
        if frame is None or frame.empty:
            continue
        frame = _with_all_columns(table, frame)
        frame = DERIVATIONS.get(table, lambda f, b, s: f)(frame, batch, source)
        frame = _check_ranges(table, frame, batch)
        frame = _reject_missing_keys(table, frame, batch)
        frame = _reject_or_merge_duplicates(table, frame, batch)
        ready[table] = frame[list(CANONICAL_COLUMNS[table]) + ["extra"]].reset_index(drop=True)
    return ready


def _with_all_columns(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column, kind in CANONICAL_COLUMNS[table].items():
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if kind == "date":
            frame[column] = pd.to_datetime(frame[column], errors="coerce").astype("datetime64[us]")
        else:
            frame[column] = frame[column].astype(DTYPES[kind])
    for bookkeeping, default in (("extra", None), ("_row", 0), ("_sheet", "")):
        if bookkeeping not in frame.columns:
            frame[bookkeeping] = default
    return frame


def _derive_tasks(frame: pd.DataFrame, batch: Batch, source: str) -> pd.DataFrame:
    missing = frame["status_category"].isna() & frame["status"].notna()
    if missing.any():
        frame.loc[missing, "status_category"] = normalize.status_category(
            frame.loc[missing, "status"], source, "tasks: status", batch.problems
        )
    frame["is_milestone"] = frame["is_milestone"].fillna(False)
    frame["is_summary"] = frame["is_summary"].fillna(False)
    return frame


def _derive_risks(frame: pd.DataFrame, batch: Batch, source: str) -> pd.DataFrame:
    words = settings()
    frame["kind"] = normalize.words(frame["kind"], words["risk_kind_words"], "risks: kind", batch.problems)
    frame["kind"] = frame["kind"].fillna("risk").astype("str")
    frame["status"] = normalize.words(frame["status"], words["risk_status_words"], "risks: status", batch.problems)
    frame["status"] = frame["status"].astype("str")
    computed = frame["probability"].astype("Float64") * frame["impact"].astype("Float64")
    frame["score"] = frame["score"].fillna(computed)
    return frame


DERIVATIONS = {"tasks": _derive_tasks, "risks": _derive_risks}


def _check_ranges(table: str, frame: pd.DataFrame, batch: Batch) -> pd.DataFrame:
    for (range_table, column), (low, high) in VALUE_RANGES.items():
        if range_table != table:
            continue
        values = frame[column].astype("Float64")
        outside = values.notna() & ((values < low) | (values > high))
        if outside.any():
            examples = ", ".join(str(v) for v in values[outside].unique()[:3])
            bounds = f"outside {low}..{high}" if high != math.inf else f"below {low}"
            batch.warnings.append(f"{table}.{column}: {int(outside.sum())} value(s) {bounds} left empty (e.g. {examples})")
            frame.loc[outside, column] = None
    return frame


def _reject(frame: pd.DataFrame, mask: pd.Series, table: str, reasons: pd.Series | str, batch: Batch) -> pd.DataFrame:
    if not mask.any():
        return frame
    rows = frame[mask]
    reason_list = reasons[mask].tolist() if isinstance(reasons, pd.Series) else [reasons] * len(rows)
    for sheet, row, reason in zip(rows["_sheet"], rows["_row"], reason_list):
        batch.rejected.append(Rejected(table, str(sheet), int(row), reason))
    return frame[~mask]


def _reject_missing_keys(table: str, frame: pd.DataFrame, batch: Batch) -> pd.DataFrame:
    for column in REQUIRED_COLUMNS[table]:
        frame = _reject(frame, frame[column].isna(), table, f"no {column}", batch)
    return frame


def _reject_or_merge_duplicates(table: str, frame: pd.DataFrame, batch: Batch) -> pd.DataFrame:
    keys = TABLE_KEYS[table]
    if table == "allocations":
        # two plan rows for the same person, project and month (e.g. two roles) add up
        merged = frame.groupby(keys, as_index=False, sort=False).agg(
            planned_hours=("planned_hours", "sum"), extra=("extra", "first"), _row=("_row", "first"),
            _sheet=("_sheet", "first"),
        )
        return merged
    duplicated = frame.duplicated(keys, keep="first")
    if duplicated.any():
        first_row = {tuple(k): row for *k, row in frame.drop_duplicates(keys)[keys + ["_row"]].itertuples(index=False)}
        reasons = pd.Series(
            [
                f"duplicate {'/'.join(keys)} {'/'.join(map(str, k))} (first at row {first_row[tuple(k)]})"
                for k in frame.loc[duplicated, keys].itertuples(index=False)
            ],
            index=frame.index[duplicated],
        ).reindex(frame.index)
        frame = _reject(frame, duplicated, table, reasons, batch)
    return frame
