"""The query API the pages and exports use: named queries over the KPI tables, with the
dashboard's filters always passed as bound parameters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from pmo_data import currency
from pmo_data.formatting import NumberFormat
from pmo_data.store import Store

HEALTH_LEVELS = ("green", "amber", "red", "grey")


@dataclass(frozen=True)
class Filters:
    """What the user selected. Empty tuples mean "all"."""

    period: dt.date | None = None
    portfolios: tuple[str, ...] = field(default_factory=tuple)
    programs: tuple[str, ...] = field(default_factory=tuple)
    departments: tuple[str, ...] = field(default_factory=tuple)
    managers: tuple[str, ...] = field(default_factory=tuple)
    health: tuple[str, ...] = field(default_factory=tuple)

    def params(self) -> dict:
        def listed(values: tuple[str, ...]) -> list[str] | None:
            return list(values) if values else None

        return {
            "period": self.period,
            "portfolios": listed(self.portfolios),
            "programs": listed(self.programs),
            "departments": listed(self.departments),
            "managers": listed(self.managers),
            "health": listed(self.health),
        }

    def describe(self) -> str:
        """The filters in words, for chart titles and slide footers."""
        parts = [f"{', '.join(values)}" for values in (self.portfolios, self.programs, self.departments, self.managers) if values]
        if self.health:
            parts.append("health " + "/".join(self.health))
        scope = "; ".join(parts) if parts else "all projects"
        return f"{self.period:%b %Y} · {scope}" if self.period else scope


def status_dates(store: Store, filters: Filters) -> list[dt.date]:
    """The status dates the filtered projects' figures are as of, in the filters' month."""
    return [ts.date() for ts in store.query_named("status_dates", filters.params())["status_date"]]


def month_reconciliation(store: Store, period: dt.date) -> pd.DataFrame:
    """Does the month add up? One line per thing to look at (kind, subject, what, next)."""
    return store.query_named("month_reconciliation", {"period": period})


def unregistered_entries(store: Store, period: dt.date) -> pd.DataFrame:
    """Per project ID the month's entries name but its projects do not hold: its RAID entries, open
    and critical risks, their exposure, and tasks. None of it is in any other query's figures."""
    return store.query_named("unregistered_entries", {"period": period})


def project_aliases(store: Store) -> pd.DataFrame:
    """The entries' project IDs the PMO mapped to registered projects (alias, project_id, set_by, set_at)."""
    return store.query_named("project_aliases")


def periods(store: Store) -> list[dt.date]:
    """Loaded reporting months, newest first."""
    frame = store.query("select period from stg_periods order by period desc")
    return [ts.date() for ts in frame["period"]]


def latest_period(store: Store) -> dt.date | None:
    loaded = periods(store)
    return loaded[0] if loaded else None


def filter_options(store: Store, period: dt.date) -> dict[str, list[str]]:
    row = store.query_named("filter_options", {"period": period}).iloc[0]
    return {key: list(row[key]) if row[key] is not None else [] for key in ("portfolios", "programs", "departments", "managers")}


def project_health(store: Store, filters: Filters) -> pd.DataFrame:
    """kpi_project_health rows for the filtered projects, worst first."""
    return store.query_named("project_health", filters.params())


def portfolio_cards(store: Store, filters: Filters) -> pd.DataFrame:
    """The portfolio's totals for the filtered projects (the one definition of every cross-project
    figure): this month's row (is_current, with deltas) and the previous month's."""
    return store.query_named("portfolio_cards", filters.params())


def health_trend(store: Store, filters: Filters) -> pd.DataFrame:
    """Projects by health per month, up to the filters' month."""
    return store.query_named("health_trend", filters.params())


def strategic_alignment(store: Store, filters: Filters) -> pd.DataFrame:
    return store.query_named("strategic_alignment", filters.params())


def risk_matrix(store: Store, filters: Filters) -> pd.DataFrame:
    """All 25 cells of the probability × impact matrix for the filtered projects' open risks."""
    return store.query_named("risk_matrix", filters.params())


def risks(store: Store, filters: Filters, cells: tuple[tuple[int, int], ...] = (), bands: tuple[str, ...] = (),
          open_only: bool = False, kind: str | None = None) -> pd.DataFrame:
    """Risks and issues of the filtered projects; optionally only those in some cells of the matrix
    ((probability, impact) pairs) or some bands, open ones, one kind."""
    params = {**filters.params(), "cells": [f"{p},{i}" for p, i in cells] or None, "bands": list(bands) or None,
              "open_only": open_only, "kind": kind}
    return store.query_named("risks", params)


def top_risks(store: Store, filters: Filters, count: int = 8) -> pd.DataFrame:
    """The filtered projects' most exposed open risks."""
    return store.query_named("top_risks", {**filters.params(), "count": count})


def open_risks_by_band(store: Store, filters: Filters) -> pd.DataFrame:
    """Open risks of the filtered projects per band, Critical first."""
    return store.query_named("open_risks_by_band", filters.params())


def changes(store: Store, filters: Filters) -> pd.DataFrame:
    """What changed since last month for the filtered projects: one line per project and kind of
    change, grouped by project (most important first), people last."""
    return store.query_named("changes", filters.params())


def resource_load(store: Store, filters: Filters) -> pd.DataFrame:
    return store.query_named("resource_load", filters.params())


def milestone_trend(store: Store, project_id: str, period: dt.date) -> pd.DataFrame:
    """Every milestone's forecast per month, up to `period`."""
    return store.query_named("milestone_trend", {"project_id": project_id, "period": period})


def risk_trend(store: Store, filters: Filters) -> pd.DataFrame:
    """Risks and issues per month, up to the filters' month."""
    return store.query_named("risk_trend", filters.params())


def issue_aging(store: Store, filters: Filters) -> pd.DataFrame:
    return store.query_named("issue_aging", filters.params())


def capacity_demand(store: Store, filters: Filters, group_type: str = "team") -> pd.DataFrame:
    """Capacity and demand per team (or role) and plan month, of the people on the filtered projects."""
    return store.query_named("capacity_demand", {**filters.params(), "group_type": group_type})


def over_allocated_people(store: Store, filters: Filters) -> pd.DataFrame:
    return store.query_named("over_allocated_people", filters.params())


def project_list(store: Store, filters: Filters) -> pd.DataFrame:
    return store.query_named("project_list", filters.params())


def project_history(store: Store, project_id: str, period: dt.date) -> pd.DataFrame:
    """The project's health row per month, up to `period`."""
    return store.query_named("project_history", {"project_id": project_id, "period": period})


def project_tasks(store: Store, period: dt.date, project_id: str) -> pd.DataFrame:
    return store.query_named("project_tasks", {"period": period, "project_id": project_id})


def project_risks(store: Store, period: dt.date, project_id: str) -> pd.DataFrame:
    return store.query_named("project_risks", {"period": period, "project_id": project_id})


def project_people_summary(store: Store, period: dt.date, project_id: str) -> pd.DataFrame:
    """Per person on the project from the reporting month on: hours on it, peak load overall."""
    return store.query_named("project_people_summary", {"period": period, "project_id": project_id})


def number_format(store: Store) -> NumberFormat:
    """How money reads everywhere: in the reporting currency (currency.reporting)."""
    return NumberFormat(currency.reporting(store))


def data_version(store: Store) -> str:
    """Changes whenever the KPI tables are rebuilt (every import and removal): a cache key."""
    return str(store.scalar("select max(built_at) from marts_build"))


def person_allocations(store: Store, period: dt.date, people: tuple[str, ...]) -> pd.DataFrame:
    """The projects that load these people from the reporting month on, month by month."""
    return store.query_named("person_allocations", {"period": period, "people": list(people)})


def actual_vs_planned(store: Store, period: dt.date) -> pd.DataFrame:
    """Hours logged (timesheets) against hours planned, per person and month worked, up to `period`."""
    return store.query_named("actual_vs_planned", {"period": period})


def program_rag(store: Store, filters: Filters) -> pd.DataFrame:
    """Per program: projects by computed health, and each health dimension's worst level."""
    return store.query_named("program_rag", filters.params())


# -- the monthly review loop: commentary, chase list, what is coming, the RAID log's other kinds --

def status_commentary(store: Store, filters: Filters, project_id: str | None = None) -> pd.DataFrame:
    """The PMs' status commentary month by month up to the filters' month, newest first: of one
    project, else of the filtered projects; with the path to green and the computed health."""
    return store.query_named("status_commentary", {**filters.params(), "project_id": project_id})


def chase_list(store: Store, filters: Filters) -> pd.DataFrame:
    """Whom to chase for this month's update: one row per project and reason, with its PM."""
    return store.query_named("chase_list", filters.params())


def coming_due(store: Store, filters: Filters, days: int = 90) -> pd.DataFrame:
    """Open milestones and gates not yet held falling due in the `days` after the status date."""
    return store.query_named("coming_due", {**filters.params(), "days": days})


def roadmap(store: Store, filters: Filters) -> pd.DataFrame:
    """The filtered projects by program: baseline start–finish against forecast start–finish, with health."""
    return store.query_named("roadmap", filters.params())


def gates(store: Store, filters: Filters, days: int = 30) -> pd.DataFrame:
    """Every stage gate of the filtered projects: passed, failed, overdue, due (in `days`) or later; slips."""
    return store.query_named("gates", {**filters.params(), "days": days})


def overdue_actions(store: Store, filters: Filters) -> pd.DataFrame:
    """Actions still open after their due date at the status date, most overdue first."""
    return store.query_named("overdue_actions", filters.params())


def decisions_needed(store: Store, filters: Filters) -> pd.DataFrame:
    """Open decisions of the decision log and the status reports' asks of the sponsors."""
    return store.query_named("decisions_needed", filters.params())


def dependencies(store: Store, filters: Filters) -> pd.DataFrame:
    """Dependencies where either end is a filtered project: who depends on whom, overdue ones flagged."""
    return store.query_named("dependencies", filters.params())


def raid_log(store: Store, filters: Filters, kind: str | None = None) -> pd.DataFrame:
    """The RAID log's assumptions, dependencies, decisions and actions (and change requests) of the
    filtered projects, carried month to month; one kind when given. Overdue first, closed last."""
    return store.query_named("raid_log", {**filters.params(), "kind": kind})


def cost_curve(store: Store, filters: Filters, project_id: str | None = None) -> pd.DataFrame:
    """PV, EV and AC (cumulative, ANSI/EIA-748) by month up to the filters' month: one project's, else the
    filtered projects' sum. AC from the snapshots, else the cost ledger's actuals to the status date."""
    return store.query_named("cost_curve", {**filters.params(), "project_id": project_id})


def health_override(store: Store, filters: Filters) -> pd.DataFrame:
    """The PMO's overrides in force this month and last month's expired ones, beside the computed health."""
    return store.query_named("health_override", filters.params())


def project_log(store: Store, period: dt.date, project_id: str) -> pd.DataFrame:
    """One project's decisions and actions in the month, carried month to month, overdue actions flagged."""
    return store.query_named("project_log", {"period": period, "project_id": project_id})


def status_report_versions(store: Store, period: dt.date, project_id: str) -> pd.DataFrame:
    """Every stored version of one project's status report of the month (import's and editors'), newest first."""
    return store.query_named("status_report_versions", {"period": period, "project_id": project_id})
