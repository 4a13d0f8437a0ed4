"""The audit log: who changed what, when, and how they were signed in. Every import, correction,
removal, undo, backup, restore and sign-in, and every review edit (pmo_data/review_edits.py), is a row
of `audit_log` (schema 004, 009)."""

from __future__ import annotations

import datetime as dt
import logging

import duckdb
import pandas as pd

from pmo_data import sign_in_log, sql
from pmo_data.store import DatabaseInUse, Store, os_user  # noqa: F401 (the commands' user: audit.os_user)

LOG = logging.getLogger(__name__)
RECORD_WAIT_SECONDS = 5.0

# Every action the log records, with what it means: the Data page's filter and docs/schema.md read it.
ACTIONS = {
    "import": "a file imported that corrects no earlier file",
    "replace": "a file imported that corrects earlier files of the same source and month: their rows are no longer current",
    "re-import": "the same file imported again for the same month: it takes the place of the earlier import",
    "remove import": "an import removed: what it had replaced is current again",
    "undo": "the newest removal or replacement taken back",
    "backup": "a backup written",
    "restore": "the database created from a backup",
    "sign-in": "a sign-in (the role and the client in `detail`); kept in the sign-in log beside the database",
    "sign-in failed": "a wrong password (sign-in log)",
    "sign-in refused": "a try during a wait or a lockout after failed sign-ins (sign-in log)",
    "status report": "a project's status report (and path to green) for a month written by an editor on the Project page",
    "log entry": "a decision or an action added to a project's log by an editor on the Project page",
    "mapping deleted": "a saved column mapping forgotten on the Data page or with `mappings --delete`",
    "mapping edited": "a saved column mapping changed on the Data page",
    "currency rate": "a month's rate of a currency in the reporting currency, set when a file in it was imported",
    "action status": "an action's status for a month changed by an editor on the Project page",
    "health override": "the PMO's health of a project for a month set or renewed, with its justification",
    "project mapped": "entries' project ID mapped to a registered project on the Data page (or the mapping forgotten)",
}
COMMAND_LINE = "command line"  # the role of someone working at the server's shell


def log(cur: duckdb.DuckDBPyConnection, action: str, user: str | None, detail: str, *, role: str | None = None,
        import_id: int | None = None, undoes: int | None = None, at: dt.datetime | None = None) -> None:
    """Adds one row inside the caller's transaction (the change and its record commit together)."""
    cur.execute(sql.load("load/record_audit"), {
        "logged_at": at or dt.datetime.now(dt.UTC).replace(tzinfo=None), "user_name": user, "role": role,
        "action": action, "detail": detail, "import_id": import_id, "undoes": undoes,
    })


def record(store: Store, action: str, user: str | None, detail: str, role: str | None = None) -> None:
    """Adds one row, in its own transaction. A sign-in must not wait for a long import to end: after
    RECORD_WAIT_SECONDS in the writer queue the entry goes to the server's log instead, whole."""
    try:
        with store.transaction(f"an audit entry ({action})", wait_seconds=RECORD_WAIT_SECONDS) as cur:
            log(cur, action, user, detail, role=role)
    except DatabaseInUse as busy:
        LOG.warning("audit entry kept in this log only (%s): action=%r user=%r role=%r detail=%r",
                    busy, action, user, role, detail)


def entries(store: Store, actions: list[str] | None = None, limit: int = 1000) -> pd.DataFrame:
    """The log, newest first, of these actions (every action when none are named): the database's
    rows and the sign-in log's entries (pmo_data/sign_in_log.py), side by side."""
    rows = store.query_named("audit_log", {"actions": list(actions or []), "limit": limit})
    wanted = [a for a in sign_in_log.ACTIONS if not actions or a in actions]
    tries = sign_in_log.newest(store.path, limit, wanted)
    if not tries:
        return rows
    signed = pd.DataFrame(tries, columns=["logged_at", "user_name", "role", "action", "detail"]).assign(import_id=None)
    both = pd.concat([rows.astype(object), signed[rows.columns].astype(object)], ignore_index=True)
    both["logged_at"] = pd.to_datetime(both["logged_at"])
    both["import_id"] = both["import_id"].astype("Int64")
    return both.sort_values("logged_at", ascending=False, kind="stable").head(limit).reset_index(drop=True)
