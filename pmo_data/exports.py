"""What can be exported, by name: the tables (Excel/CSV) and charts (PNG/SVG) the dashboard
shows, each built from the query API for a set of filters. The CLI and the pages share them."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from pmo_data import charts, chase, queries, render_plotly, tabular
from pmo_data.chart_spec import ChartSpec
from pmo_data.formatting import NumberFormat
from pmo_data.queries import Filters
from pmo_data.store import Store

TABLES: dict[str, Callable[[Store, Filters], pd.DataFrame]] = {
    "project_health": queries.project_health,
    "risks": queries.risks,
    "over_allocated_people": queries.over_allocated_people,
    "resource_load": queries.resource_load,
    "changes": queries.changes,
    "strategic_alignment": queries.strategic_alignment,
    "portfolio_summary": lambda store, filters: queries.portfolio_cards(store, filters),
}

CHARTS: dict[str, Callable[[Store, Filters], ChartSpec]] = {
    "health_trend": lambda s, f: charts.health_trend(queries.health_trend(s, f), f.describe()),
    "performance_bubble": lambda s, f: charts.performance_bubble(queries.project_health(s, f), f.describe(),
                                                                 queries.number_format(s)),
    "strategic_alignment": lambda s, f: charts.strategic_alignment(queries.strategic_alignment(s, f), f.describe(),
                                                                   queries.number_format(s)),
    "risk_heatmap": lambda s, f: charts.risk_heatmap(queries.risk_matrix(s, f), f.describe(),
                                                     numbers=queries.number_format(s)),
    "risk_trend": lambda s, f: charts.risk_trend(queries.risk_trend(s, f), f.describe()),
    "issue_aging": lambda s, f: charts.issue_aging(queries.issue_aging(s, f), f.describe()),
    "utilisation_heatmap": lambda s, f: charts.utilisation_heatmap(queries.resource_load(s, f), f.describe()),
    "capacity_demand": lambda s, f: charts.capacity_demand(queries.capacity_demand(s, f, "team"), f.describe()),
}


def chart_figure(name: str, store: Store, filters: Filters) -> go.Figure:
    """The named chart as a plotly Figure (PNG / SVG exports)."""
    return render_plotly.figure(CHARTS[name](store, filters))


def chase_list_csv(chase_list: pd.DataFrame, numbers: NumberFormat | None = None) -> bytes:
    """The chase list (queries.chase_list) as a CSV for the reminder mail merge: one row per
    project with its PM and reasons; cells that cannot run as formulas (pmo_data/tabular.py)."""
    return tabular.to_csv(chase.by_project(chase_list), numbers, "chase_list")


def parse_filters(period, assignments: list[str]) -> Filters:
    """Filters from `--filter program=Digital` style assignments (repeatable; values add up)."""
    names = {"portfolio": "portfolios", "program": "programs", "department": "departments", "manager": "managers",
             "health": "health"}
    chosen: dict[str, list[str]] = {}
    for assignment in assignments:
        key, _, value = assignment.partition("=")
        key = key.strip().casefold()
        if key not in names or not value:
            raise ValueError(f"filter '{assignment}': use NAME=VALUE with NAME one of {', '.join(names)}")
        chosen.setdefault(names[key], []).append(value.strip())
    return Filters(period=period, **{k: tuple(v) for k, v in chosen.items()})
