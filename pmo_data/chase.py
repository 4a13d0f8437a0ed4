"""The chase list (queries.chase_list: one row per project and reason) as the PMO uses it: one
line per project with all its reasons, and the text of the reminder e-mails, one per project
manager. Pure functions: a DataFrame in, a table or text out (the Data page shows them, the CSV
export in pmo_data/exports.py writes the table)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pmo_data.text_safety import MESSAGE, NAME, display_text

NO_MANAGER = "project manager"  # the greeting when the register names no PM: "Dear project manager,"


def _reason(reason: str, detail) -> str:
    """A reason with its detail: "no status report this month (last report: September 2026)"."""
    return f"{reason} ({detail})" if isinstance(detail, str) and detail else reason


def by_project(chase: pd.DataFrame) -> pd.DataFrame:
    """One row per project, in the chase list's order (by project manager, then project): its
    reasons with their details joined by "; ". Columns: project_id, project_name, manager, reasons."""
    columns = ["project_id", "project_name", "manager", "reasons"]
    if chase.empty:
        return pd.DataFrame(columns=columns)
    lines = chase.assign(reasons=[_reason(r, d) for r, d in zip(chase["reason"], chase["detail"])])
    grouped = lines.groupby("project_id", sort=False, dropna=False).agg(
        project_name=("project_name", "first"), manager=("manager", "first"), reasons=("reasons", "; ".join))
    return grouped.reset_index()[columns]


@dataclass(frozen=True)
class Reminder:
    """One e-mail: whom it greets (the PM's name as the register writes it, or None) and its text."""

    manager: str | None
    text: str


def reminders(chase: pd.DataFrame, month: dt.date) -> list[Reminder]:
    """The reminder e-mails for `month`, one per project manager (the chase list's order), each
    listing the PM's projects with their reasons. A project without a PM gets an e-mail of its own.
    Names and reasons are one line each, without control or direction characters, cut at the
    dashboard's limits, so a pasted text holds nothing the reader did not see."""
    projects = by_project(chase)
    groups: list[tuple[str | None, pd.DataFrame]] = []
    for manager, rows in projects.groupby("manager", sort=False, dropna=False):
        if pd.isna(manager):
            groups.extend((None, rows.iloc[[n]]) for n in range(len(rows)))
        else:
            groups.append((manager, rows))
    emails = []
    for manager, rows in groups:
        greeting = display_text(manager, NAME) if manager is not None else NO_MANAGER
        lines = [f"Dear {greeting},", "", f"please send your {month:%B %Y} update for:"]
        lines += [f"- {display_text(p.project_id, NAME)} {display_text(p.project_name, NAME)}: {display_text(p.reasons, MESSAGE)}"
                  for p in rows.itertuples()]
        lines += ["", "Thank you."]
        emails.append(Reminder(manager, "\n".join(lines)))
    return emails
