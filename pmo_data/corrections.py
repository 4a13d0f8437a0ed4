"""Which imports of a month are current, and taking changes back: corrections, removal, undo.

The rule. A month's current rows are what its imports give applied in the order they were made,
the removed ones left out. A file *corrects* every earlier file of the month that
- is the same file (same content), or
- comes from the same source (the adapter, or the saved mapping, that read it) and loaded rows for
  one of its projects (one of its people, for resources and allocations) in the same table.
A corrected file's rows all stop being current, the ones missing from the correction too. Files that
share nothing stand side by side: the register and a tracker export, or one tracker's exports of
two projects. Other months are never touched.

Every change settles its month again from this rule (`settle`), so removing a correction brings back
what it replaced, and undoing that removal replaces it again. Rows that stop being current move to
the `retired` schema (the same tables); a removed import moves to `retired.imports`. They are kept
`[corrections] undo_days` days, so the change can be undone, then deleted (`purge_expired`).

Functions taking a cursor work inside the caller's transaction; table names come from the fixed
canonical list, values are bound.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

from pmo_data import audit, marts, sql
from pmo_data.config import settings
from pmo_data.sources.base import CANONICAL_COLUMNS
from pmo_data.store import Store

# The column whose values tell which earlier file a new one corrects, per table. Allocations go by
# person, like resources: two teams' plans share projects, not people.
CORRECTION_SCOPE = {
    "projects": "project_id",
    "tasks": "project_id",
    "risks": "project_id",
    "allocations": "resource_name",
    "costs": "project_id",
    "resources": "resource_name",
    "status_reports": "project_id",
    "path_to_green": "project_id",
    "gates": "project_id",
    "actual_hours": "resource_name",  # like a plan: two teams' timesheets share projects, not people
}
UNDOABLE = ["replace", "re-import", "remove import"]  # the audit log's actions `undo` takes back


class ChangeRefused(Exception):
    """The removal or undo did not happen; the message is one line for the user."""


@dataclass
class Settled:
    """What settling a month changed: imports no longer current (-> the import that corrects
    each), imports current again, and imports that would be but whose rows were deleted for good."""

    replaced: dict[int, int] = field(default_factory=dict)
    current_again: list[int] = field(default_factory=list)
    rows_deleted: list[int] = field(default_factory=list)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def undo_days() -> int:
    return int(settings()["corrections"]["undo_days"])


def record_scopes(cur: duckdb.DuckDBPyConnection, import_id: int, tables: list[str]) -> None:
    """Remembers which projects (people) the import loaded rows for, per table: the rows may be
    deleted one day, what they covered decides what later files correct."""
    for table in tables:
        column = CORRECTION_SCOPE[table]
        cur.execute(
            f'insert into import_scopes select distinct import_id, $table, "{column}" from "{table}" '
            "where import_id = $import_id",
            {"table": table, "import_id": import_id},
        )


def _move_rows(cur: duckdb.DuckDBPyConnection, import_ids: list[int], to_retired: bool) -> None:
    if not import_ids:
        return
    origin, target = ('"{}"', 'retired."{}"') if to_retired else ('retired."{}"', '"{}"')
    for table in CANONICAL_COLUMNS:
        params = {"ids": import_ids}
        cur.execute(f"insert into {target.format(table)} by name select * from {origin.format(table)} "
                    "where list_contains($ids, import_id)", params)
        cur.execute(f"delete from {origin.format(table)} where list_contains($ids, import_id)", params)


def retire_import(cur: duckdb.DuckDBPyConnection, import_id: int, at: dt.datetime, replaced_by: int | None = None) -> None:
    """Takes an import out of the history and its rows out of the current tables, keeping both."""
    cur.execute(sql.load("load/retire_import"), {"import_id": import_id, "replaced_by": replaced_by, "retired_at": at})
    cur.execute("delete from imports where import_id = $import_id", {"import_id": import_id})
    _move_rows(cur, [import_id], to_retired=True)


def reinstate_import(cur: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Puts a retired import and its rows back (the month must be settled after)."""
    cur.execute(sql.load("load/reinstate_import"), {"import_id": import_id})
    cur.execute("delete from retired.imports where import_id = $import_id", {"import_id": import_id})
    _move_rows(cur, [import_id], to_retired=False)


def settle(cur: duckdb.DuckDBPyConnection, period: dt.date, at: dt.datetime) -> Settled:
    """Applies the month's imports in order and moves the rows of each whose current state changed."""
    imports = cur.execute(sql.load("load/imports_of_period"), {"period": period}).fetchall()
    scopes: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for import_id, table, key in cur.execute(sql.load("load/scopes_of_period"), {"period": period}).fetchall():
        scopes[import_id].add((table, key))
    origin = {import_id: (source, sha) for import_id, source, sha, _, _ in imports}
    current: list[int] = []
    replaced_by: dict[int, int] = {}
    for import_id, source, sha, _, _ in imports:
        for earlier in list(current):
            earlier_source, earlier_sha = origin[earlier]
            if earlier_sha == sha or (earlier_source == source and scopes[earlier] & scopes[import_id]):
                replaced_by[earlier] = import_id
                current.remove(earlier)
        current.append(import_id)
    was = {import_id: by for import_id, _, _, by, _ in imports}
    deleted = {import_id for import_id, _, _, _, retired_at in imports if retired_at is not None and retired_at < cutoff(at)}
    back = [i for i in current if was[i] is not None]
    settled = Settled({i: by for i, by in replaced_by.items() if was[i] is None},
                      [i for i in back if i not in deleted], [i for i in back if i in deleted])
    for import_id, by in replaced_by.items():
        if was[import_id] != by:
            cur.execute("update imports set replaced_by = $by, retired_at = coalesce(retired_at, $at) "
                        "where import_id = $import_id", {"by": by, "at": at, "import_id": import_id})
    cur.execute("update imports set replaced_by = null, retired_at = null where list_contains($ids, import_id)",
                {"ids": back})
    _move_rows(cur, list(settled.replaced), to_retired=True)
    _move_rows(cur, settled.current_again, to_retired=False)
    return settled


def cutoff(at: dt.datetime) -> dt.datetime:
    """Rows set aside before this moment can no longer come back (`[corrections] undo_days`)."""
    return at - dt.timedelta(days=undo_days())


def purge_expired(cur: duckdb.DuckDBPyConnection, at: dt.datetime) -> None:
    """Deletes for good the rows that stopped being current more than `undo_days` ago. Every change
    runs it first, so whether old rows come back never depends on when the last change was."""
    before = cutoff(at)
    expired = [row[0] for row in cur.execute(sql.load("load/expired_imports"), {"cutoff": before}).fetchall()]
    if not expired:
        return
    for table in CANONICAL_COLUMNS:
        cur.execute(f'delete from retired."{table}" where list_contains($ids, import_id)', {"ids": expired})
    # a removed import is forgotten whole; a replaced one keeps its history row and what it covered
    cur.execute("delete from import_scopes where import_id in (select import_id from retired.imports "
                "where retired_at < $cutoff)", {"cutoff": before})
    cur.execute("delete from retired.imports where retired_at < $cutoff", {"cutoff": before})


def names(cur: duckdb.DuckDBPyConnection, import_ids: list[int]) -> str:
    """'#7 projects.csv, #9 tasks.csv'."""
    rows = cur.execute(sql.load("load/import_names"), {"import_ids": import_ids}).fetchall() if import_ids else []
    return ", ".join(name for _, name in rows)


def _described(cur: duckdb.DuckDBPyConnection, import_id: int, table: str = "imports") -> tuple[str, dt.date] | None:
    row = sql.first_row(cur, f"select file_name, period from {table} where import_id = $import_id", {"import_id": import_id})
    return None if row is None else (f"#{import_id} {row[0]} for {row[1]:%Y-%m}", row[1])


def remove(cur: duckdb.DuckDBPyConnection, import_id: int, at: dt.datetime) -> str:
    """Removes an import (kept for undo) and settles its month: what it replaced is current again.
    Returns what happened, in words."""
    described = _described(cur, import_id)
    if described is None:
        raise ChangeRefused(f"there is no import #{import_id} in the history (python -m pmo_data imports lists them)")
    text, period = described
    retire_import(cur, import_id, at)
    settled = settle(cur, period, at)
    back, deleted = names(cur, settled.current_again), names(cur, settled.rows_deleted)
    return (text + (f"; current again: {back}" if back else "")
            + (f"; not brought back, its rows were kept only {undo_days()} days: {deleted}" if deleted else ""))


@dataclass(frozen=True)
class Undoable:
    """The change `undo` would take back."""

    audit_id: int
    logged_at: dt.datetime
    user_name: str | None
    action: str
    detail: str
    import_id: int

    def expired(self, at: dt.datetime) -> bool:
        return self.logged_at < cutoff(at)

    def describe(self) -> str:
        return f"{self.action} {self.detail} ({self.logged_at:%Y-%m-%d %H:%M} UTC, by {self.user_name or 'open access'})"


def last_undoable(cur: duckdb.DuckDBPyConnection) -> Undoable | None:
    """The newest removal or replacement not undone yet."""
    row = sql.first_row(cur, sql.load("load/last_undoable_change"), {"undoable": UNDOABLE})
    return None if row is None else Undoable(*row)


def pending_undo(store: Store) -> Undoable | None:
    """What `undo` would take back now (for the Data page to say before anyone presses it)."""
    with store.reading() as cur:
        return last_undoable(cur)


def undo(cur: duckdb.DuckDBPyConnection, change: Undoable, at: dt.datetime) -> str:
    """Takes one change back: a removal puts the import back; a replacement or a re-import takes the
    new import out and puts back what it took the place of. The month is settled again."""
    if change.expired(at):
        raise ChangeRefused(f"the last change, {change.describe()}, is older than {undo_days()} days: its rows are "
                            "deleted; import the file again instead")
    if change.action == "remove import":
        described = _described(cur, change.import_id, "retired.imports")
        if described is None:
            raise ChangeRefused(f"import #{change.import_id} is no longer kept: import the file again instead")
        reinstate_import(cur, change.import_id)
        back, gone = [change.import_id], []
    else:
        described = _described(cur, change.import_id)
        if described is None:
            raise ChangeRefused(f"import #{change.import_id} is no longer in the history: nothing to take back")
        copies = [row[0] for row in cur.execute(sql.load("load/same_file_copies"), {"import_id": change.import_id}).fetchall()]
        retire_import(cur, change.import_id, at)
        for copy in copies:
            reinstate_import(cur, copy)
        back, gone = copies, [change.import_id]
    settled = settle(cur, described[1], at)
    back = [i for i in back + settled.current_again if i not in settled.replaced]
    gone = gone + list(settled.replaced)
    return "; ".join([f"{change.action} {described[0]}"]
                     + ([f"current again: {names(cur, back)}"] if back else [])
                     + ([f"no longer current: {names(cur, gone)}"] if gone else []))


def undo_last(store: Store, user: str | None = None, role: str | None = None, expected: int | None = None) -> str:
    """Undoes the newest removal or replacement not undone yet, recomputes the KPIs and logs it.
    `expected` is the audit entry the user was shown: when another change came first, nothing
    happens. ChangeRefused when there is nothing to undo, it is too old, or it is not the one expected."""
    at = utc_now()
    with store.transaction() as cur:
        purge_expired(cur, at)
        change = last_undoable(cur)
        if change is None:
            raise ChangeRefused("nothing to undo: no removal or replacement has been made since corrections were kept")
        if expected is not None and change.audit_id != expected:
            raise ChangeRefused(f"another change came first: the newest is now {change.describe()}; look at it before undoing")
        detail = undo(cur, change, at)
        audit.log(cur, "undo", user, detail, role=role, import_id=change.import_id, undoes=change.audit_id, at=at)
        marts.rebuild(cur)
    return detail
