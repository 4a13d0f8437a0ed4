"""docs/kpis.md documents every KPI table and column (it is also the dashboard's help text)."""

from __future__ import annotations

from pmo_data import glossary
from pmo_data.config import settings
from tests.conftest import ROOT


def test_every_kpi_column_is_documented(store):
    columns = store.query("select table_name, column_name from information_schema.columns "
                          "where table_name like 'kpi\\_%' escape '\\' order by table_name, ordinal_position")
    actual: dict[str, list[str]] = {}
    for table, column in columns.itertuples(index=False):
        actual.setdefault(table, []).append(column)
    documented = {table: list(cols) for table, cols in glossary.kpi_columns().items()}
    assert documented == actual


def test_help_text_comes_from_the_doc():
    assert glossary.help_for("kpi_project_health", "spi") == (
        "schedule performance index: EV ÷ PV; below 0.95 amber, below 0.85 red")
    assert glossary.help_for("kpi_project_health", "nope") == ""


def test_every_default_threshold_is_in_the_doc():
    doc = (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    for rule in settings()["health"]["rules"]:
        assert f"{rule['threshold']:g}" in doc, rule
    for band in settings()["risk"]["bands"]:
        assert band["band"] in doc


def test_every_importance_of_a_change_is_in_the_doc():
    """The rules that order "what changed" (model_change_importance) and the doc's table agree."""
    import re

    import duckdb

    from pmo_data import sql

    doc = (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    section = doc[doc.index("## What changed since last month"):doc.index("## kpi_changes")]
    documented = [(int(n), text) for n, text in re.findall(r"^\| (\d+) \| ([^:|]+):", section, flags=re.M)]
    text = dict(sql.layer("model"))["model_change_importance"]
    rules = duckdb.connect().sql(text).fetchall()  # a temporary table in the database: read from its file
    assert documented == [(importance, change) for importance, change, _meaning in rules]


def test_every_named_total_query_is_documented_column_by_column(demo_copy):
    import datetime as dt

    from pmo_data import queries
    from pmo_data.store import open_store

    store = open_store(demo_copy)
    filters = queries.Filters(period=dt.date(2026, 10, 1))
    documented = glossary.query_columns()
    assert set(documented) == {"portfolio_cards", "strategic_alignment", "risk_matrix", "capacity_demand", "program_rag",
                               "changes", "status_commentary", "chase_list", "coming_due", "gates", "overdue_actions",
                               "decisions_needed", "dependencies", "raid_log", "cost_curve", "health_override", "roadmap",
                               "status_report_versions", "project_log", "actual_vs_planned", "unregistered_entries",
                               "month_reconciliation"}
    # the Project page's queries take the month and one project; the Resources page's logged hours the month
    one_project = {"status_report_versions", "project_log"}
    for name, columns in documented.items():
        args = (filters.period, "PRJ-007") if name in one_project else (filters.period,) \
            if name in {"actual_vs_planned", "unregistered_entries",
                               "month_reconciliation"} else (filters,)
        assert list(getattr(queries, name)(store, *args).columns) == list(columns), name
