"""Builds the KPI tables from the SQL files in sql/staging, sql/model and sql/marts.

Each file is one object named after the file and holds one SELECT: staging files become views,
model files temporary tables, mart files tables; a macro file is a complete `create or replace macro`. Files run in dependency order, worked out from the names
they mention, inside the caller's transaction (an import's, so KPIs never lag the data).
The thresholds and bands of pmo.toml are written first as small `cfg_*` tables the SQL joins,
so no value is ever formatted into SQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache

import duckdb
import pandas as pd

from pmo_data import sql
from pmo_data.config import settings

# model tables are intermediate results: temporary, so the commit does not write them to disk
LAYERS = {"staging": "view", "model": "temp table", "marts": "table", "macros": "macro"}
LEVEL_RANK = {"green": 0, "amber": 1, "red": 2}
HEALTH_DIMENSIONS = ("schedule", "milestones", "cost", "risk")  # the columns of the RAG by program


@dataclass(frozen=True)
class SqlObject:
    name: str
    layer: str
    kind: str  # "view", "temp table", "table" or "macro"
    text: str


@cache
def objects() -> list[SqlObject]:
    """Every SQL object, in an order where each comes after everything it reads."""
    found = {name: SqlObject(name, layer, kind, text) for layer, kind in LAYERS.items() for name, text in sql.layer(layer)}
    ordered: list[SqlObject] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if any(o.name == name for o in ordered):
            return
        if name in visiting:
            raise ValueError(f"SQL objects depend on each other in a cycle through {name}")
        visiting.add(name)
        for other in found:
            if other != name and re.search(rf"\b{other}\b", found[name].text):
                visit(other)
        visiting.discard(name)
        ordered.append(found[name])

    for name in sorted(found):
        visit(name)
    return ordered


def definitions_hash() -> str:
    """Changes whenever a SQL file or a setting changes: the KPI tables must then be rebuilt."""
    digest = hashlib.sha256(repr(sorted(settings().items())).encode())
    for obj in objects():
        digest.update(obj.text.encode())
    return digest.hexdigest()


def config_tables() -> dict[str, pd.DataFrame]:
    """The settings the SQL uses, as tables."""
    config = settings()
    rules = pd.DataFrame(config["health"]["rules"])
    rules["level_rank"] = rules["level"].map(LEVEL_RANK)
    dimensions = config["health"]["dimensions"]
    undimensioned = sorted(set(rules["metric"]) - set(dimensions))
    if undimensioned:
        raise ValueError(f"health.dimensions: name the dimension of {', '.join(undimensioned)}")
    unknown_dimensions = sorted(set(dimensions.values()) - set(HEALTH_DIMENSIONS))
    if unknown_dimensions:
        raise ValueError(f"health.dimensions: {', '.join(unknown_dimensions)} is not one of {', '.join(HEALTH_DIMENSIONS)}")
    bands = pd.DataFrame(config["risk"]["bands"]).rename(columns={"max": "max_score"})
    shares = pd.DataFrame({"probability": range(1, 6), "share": config["risk"]["probability_share"]})
    bounds = config["risk"]["aging_bucket_days"]
    lows = [0] + [b + 1 for b in bounds]
    buckets = pd.DataFrame({
        "bucket": [f"{lo}–{hi}" for lo, hi in zip(lows, bounds)] + [f">{bounds[-1]}"],
        "min_days": lows,
        "max_days": pd.array(bounds + [None], dtype="Int64"),
    })
    scalars = {
        "hours_per_day": config["units"]["hours_per_day"],
        "under_used_below": config["resources"]["under_used_below"],
        "over_allocated_above": config["resources"]["over_allocated_above"],
        "horizon_months": config["resources"]["horizon_months"],
        "tasks_cover_tolerance_pct": config["evm"]["tasks_cover_tolerance_pct"],
        "disagreement_points": config["evm"]["disagreement_points"],
    }
    values = pd.DataFrame({"name": list(scalars), "value": [float(v) for v in scalars.values()]})
    eac_choices = ("reported", "independent", "worse")
    if config["evm"]["cost_overrun_eac"] not in eac_choices:
        raise ValueError(f"evm.cost_overrun_eac must be one of {', '.join(eac_choices)}")
    words = pd.DataFrame({"name": ["cost_overrun_eac"], "value": [config["evm"]["cost_overrun_eac"]]})
    return {
        "cfg_health_rules": rules[["metric", "level", "level_rank", "op", "threshold", "decimals", "reason"]],
        "cfg_health_dimensions": pd.DataFrame({"metric": list(dimensions), "dimension": list(dimensions.values())}),
        "cfg_risk_bands": bands[["band", "max_score"]],
        "cfg_probability_share": shares,
        "cfg_aging_buckets": buckets,
        "cfg_settings": values,
        "cfg_text_settings": words,
    }


def rebuild(cur: duckdb.DuckDBPyConnection) -> None:
    """Recreates the config tables and every SQL object, in dependency order."""
    for name, frame in config_tables().items():
        cur.register("config_rows", frame)
        cur.execute(f'create or replace table "{name}" as select * from config_rows')
        cur.unregister("config_rows")
    for obj in objects():
        if obj.kind == "macro":
            cur.execute(obj.text)
            continue
        cur.execute(f'create or replace {obj.kind} "{obj.name}" as {obj.text}')
    cur.execute("create table if not exists marts_build (definitions_hash varchar, built_at timestamp)")
    cur.execute("delete from marts_build")
    cur.execute(
        "insert into marts_build values (?, ?)", [definitions_hash(), dt.datetime.now(dt.UTC).replace(tzinfo=None)]
    )


def is_current(cur: duckdb.DuckDBPyConnection) -> bool:
    """True when the KPI tables were built from today's SQL files and settings."""
    has_build = sql.first_row(cur, "select count(*) from information_schema.tables where table_name = 'marts_build'")[0]
    if not has_build:
        return False
    row = sql.first_row(cur, "select definitions_hash from marts_build")
    return row is not None and row[0] == definitions_hash()


CONSTRAINTS_FILE = sql.SQL_DIR / "marts" / "constraints.toml"


def check_constraints(store) -> list[str]:
    """Every violated constraint of constraints.toml, as a sentence (none: an empty list)."""
    with CONSTRAINTS_FILE.open("rb") as f:
        rules = tomllib.load(f)
    failures = []
    for table, checks in rules.items():
        # identifiers below come from our own constraints file, never from user data
        if "unique" in checks:
            key = ", ".join(f'"{c}"' for c in checks["unique"])
            duplicates = store.scalar(f'select count(*) from (select {key} from "{table}" group by all having count(*) > 1)')
            if duplicates:
                failures.append(f"{table}: {duplicates} duplicate keys ({key})")
        for column in checks.get("not_null", []):
            nulls = store.scalar(f'select count(*) from "{table}" where "{column}" is null')
            if nulls:
                failures.append(f"{table}.{column}: {nulls} nulls")
        for column, allowed in checks.get("accepted_values", {}).items():
            bad = store.query(
                f'select distinct "{column}"::varchar as value from "{table}" '
                f'where "{column}" is not null and not list_contains($allowed, "{column}"::varchar)',
                {"allowed": allowed},
            )["value"].tolist()
            if bad:
                failures.append(f"{table}.{column}: unexpected values {bad}")
        for column in checks.get("percent", []):
            outside = store.scalar(f'select count(*) from "{table}" where "{column}" not between 0 and 100')
            if outside:
                failures.append(f"{table}.{column}: {outside} values outside 0..100")
    return failures
