"""What an editor writes for the monthly review on the Project page: the month's status commentary
and path to green, decisions and actions of the project's log, an action's status, and the PMO's
health override.

Every write adds rows and changes none (schema 010, 011): an editor's row has origin 'editor' and no
import, so it sits beside the imported ones, a correction or a removal of an import never takes it
(they move rows by import_id), and the row written last is the one shown. Each write is one
transaction with its audit entry and a rebuild of the KPI tables, so the override is applied
everywhere at once and every page's cache (keyed on queries.data_version) sees the change.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb

from pmo_data import audit, marts, sql
from pmo_data.store import Store

HEALTHS = ("green", "amber", "red")
ACTION_STATUSES = ("open", "closed")
# an editor's decisions and actions are numbered E-1, E-2 … per project: an imported log's own ids
# (A-002, D-1 …) never meet them, so a later import cannot take an editor's entry for its own
EDITOR_ID_PREFIX = "E-"


class EditRefused(Exception):
    """Nothing was written; the message is one line for the user."""


@dataclass(frozen=True)
class Commentary:
    summary: str | None = None
    achievements: str | None = None
    next_steps: str | None = None
    sponsor_asks: str | None = None


@dataclass(frozen=True)
class Step:
    """One step of the path to green."""

    action: str
    owner: str | None = None
    target_date: dt.date | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _text(value: str | None) -> str | None:
    """A form's text as stored: trimmed, and nothing for an empty box."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _require_project(cur: duckdb.DuckDBPyConnection, period: dt.date, project_id: str) -> None:
    row = sql.first_row(cur, sql.load("edits/project_in_month"),
                        {"period": period, "project_id": project_id})
    if not row[0]:
        raise EditRefused(f"{project_id} is not in the portfolio of {period:%B %Y}")


def _recorded(cur: duckdb.DuckDBPyConnection, action: str, detail: str, user: str | None, role: str | None,
              at: dt.datetime) -> None:
    """The end of every write, in its transaction: the audit entry, and the KPI tables rebuilt (the
    override applied, and a new data version for the pages' caches)."""
    audit.log(cur, action, user, detail, role=role, at=at)
    marts.rebuild(cur)


def _where(project_id: str, period: dt.date) -> str:
    return f"{project_id} for {period:%Y-%m}"


def write_commentary(store: Store, period: dt.date, project_id: str, commentary: Commentary,
                     steps: list[Step] | None = None, *, user: str | None = None, role: str | None = None) -> None:
    """The month's status report as an editor writes it, and its path to green when `steps` is given
    (the whole path: it replaces the shown one, the imported steps stay stored)."""
    texts = {name: _text(getattr(commentary, name)) for name in ("summary", "achievements", "next_steps", "sponsor_asks")}
    if texts["summary"] is None:
        raise EditRefused("write the summary: where the project stands and why")
    clean_steps = [Step(_text(s.action), _text(s.owner), s.target_date) for s in steps or [] if _text(s.action)]
    at = _now()
    with store.transaction(f"the status report of {_where(project_id, period)}") as cur:
        _require_project(cur, period, project_id)
        cur.execute(sql.load("edits/insert_status_report"),
                    {"period": period, "project_id": project_id, **texts, "user": user, "today": at.date(), "at": at})
        for step in clean_steps:
            cur.execute(sql.load("edits/insert_path_to_green_step"),
                        {"period": period, "project_id": project_id, "action": step.action, "owner": step.owner,
                         "target_date": step.target_date, "user": user, "at": at})
        path = f" and a path to green of {len(clean_steps)} steps" if clean_steps else ""
        _recorded(cur, "status report", f"{_where(project_id, period)}: status report{path} written", user, role, at)


def _next_editor_id(cur: duckdb.DuckDBPyConnection, project_id: str) -> str:
    ids = [row[0] for row in cur.execute(sql.load("edits/editor_log_ids"), {"project_id": project_id}).fetchall()]
    numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(rf"{EDITOR_ID_PREFIX}(\d+)", i))]
    return f"{EDITOR_ID_PREFIX}{max(numbers, default=0) + 1}"


def add_log_entry(store: Store, period: dt.date, project_id: str, kind: str, title: str, owner: str | None = None,
                  raised_date: dt.date | None = None, due_date: dt.date | None = None, *,
                  user: str | None = None, role: str | None = None) -> str:
    """Adds a decision (title, made by `owner`, on `raised_date`; closed: it is made) or an open
    action (title, owner, due date) to the project's log of the month; it is carried to the later
    months like an imported one. Returns its id."""
    if kind not in ("decision", "action"):
        raise EditRefused(f"an editor adds decisions and actions, not {kind}s")
    title = _text(title)
    if title is None:
        raise EditRefused(f"write the {kind}")
    at = _now()
    with store.transaction(f"a {kind} of {_where(project_id, period)}") as cur:
        _require_project(cur, period, project_id)
        entry_id = _next_editor_id(cur, project_id)
        cur.execute(sql.load("edits/insert_log_entry"),
                    {"period": period, "project_id": project_id, "risk_id": entry_id, "kind": kind, "title": title,
                     "owner": _text(owner), "status": "closed" if kind == "decision" else "open",
                     "raised_date": raised_date or at.date(), "due_date": due_date, "user": user, "at": at})
        _recorded(cur, "log entry", f"{_where(project_id, period)}: {kind} {entry_id} added", user, role, at)
    return entry_id


def set_action_status(store: Store, period: dt.date, project_id: str, action_id: str, status: str, *,
                      user: str | None = None, role: str | None = None) -> None:
    """An action's status in the month (open, or closed once done): a new row of the month copying
    the action as it stands (carried from an earlier month, too), never a change of an imported row."""
    if status not in ACTION_STATUSES:
        raise EditRefused(f"an action is {' or '.join(ACTION_STATUSES)}, not {status}")
    at = _now()
    with store.transaction(f"the status of {action_id} of {_where(project_id, period)}") as cur:
        found = sql.first_row(cur, sql.load("edits/action_status_in_month"),
                              {"period": period, "project_id": project_id, "risk_id": action_id})
        if found is None:
            raise EditRefused(f"{project_id} has no action {action_id} in {period:%B %Y}")
        if found[0] == status:
            return
        cur.execute(sql.load("edits/insert_action_status"),
                    {"period": period, "project_id": project_id, "risk_id": action_id, "status": status,
                     "user": user, "at": at})
        _recorded(cur, "action status", f"{_where(project_id, period)}: action {action_id} {found[0]} → {status}",
                  user, role, at)


def set_health_override(store: Store, period: dt.date, project_id: str, health: str, justification: str, *,
                        user: str | None = None, role: str | None = None) -> None:
    """The PMO's health of the project for the month (set, or renewed for a new month), with why.
    It holds for that month only; the computed health stays beside it."""
    if health not in HEALTHS:
        raise EditRefused(f"the health is {', '.join(HEALTHS)}, not {health}")
    justification = _text(justification)
    if justification is None:
        raise EditRefused("write the justification: why the PMO shows another health than the computed one")
    at = _now()
    with store.transaction(f"the health override of {_where(project_id, period)}") as cur:
        _require_project(cur, period, project_id)
        cur.execute(sql.load("edits/insert_health_override"),
                    {"period": period, "project_id": project_id, "health": health, "justification": justification,
                     "user": user, "at": at})
        _recorded(cur, "health override", f"{_where(project_id, period)}: health {health} ({justification})",
                  user, role, at)
