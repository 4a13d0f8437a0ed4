"""Help text of every KPI column, read from docs/kpis.md: one source of truth for the docs and
the dashboard's tooltips. A `## kpi_x` section documents a KPI table, a `## query x` section a
named query of pmo_data/sql/queries (the portfolio's totals and other cross-project figures)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

KPI_DOC = Path(__file__).resolve().parent.parent / "docs" / "kpis.md"
_TABLE_HEADING = re.compile(r"^## (kpi_\w+|query \w+)\s*$")
_ROW = re.compile(r"^\| (\w+) \| (.+) \|\s*$")


@cache
def documented_columns() -> dict[str, dict[str, str]]:
    """{'kpi_x' or 'query x': {column: meaning}} as docs/kpis.md documents them."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in KPI_DOC.read_text(encoding="utf-8").splitlines():
        heading = _TABLE_HEADING.match(line)
        if heading:
            current = tables.setdefault(heading.group(1), {})
        elif line.startswith("## "):
            current = None
        elif current is not None and (row := _ROW.match(line)) and row.group(1) != "column":
            current[row.group(1)] = row.group(2).strip()
    return tables


def kpi_columns() -> dict[str, dict[str, str]]:
    """{kpi table: {column: meaning}}."""
    return {name: columns for name, columns in documented_columns().items() if name.startswith("kpi_")}


def query_columns() -> dict[str, dict[str, str]]:
    """{named query: {column: meaning}}."""
    return {name.removeprefix("query "): columns for name, columns in documented_columns().items() if name.startswith("query ")}


def help_for(table: str, column: str) -> str:
    """`table`: a KPI table, or 'query NAME' for a named query's column."""
    return documented_columns().get(table, {}).get(column, "")
