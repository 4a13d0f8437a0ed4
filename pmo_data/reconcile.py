"""Does this month add up? What a month's files say that its projects cannot hold: entries naming a
project the month does not have (a mistyped `PRJ-07`, a RAID log of a project nobody registered).
Such entries are loaded, kept, and said out loud: at import, on the Data page's preview, and beside
every figure they are missing from, never dropped or merged silently. The PMO resolves one by
mapping the ID to a registered project: saved like a column mapping, it holds for this month's
entries and every later file's (the rows keep the ID their file gave; the staging views read it
through `resolved_project`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from pmo_data import audit, marts, sql
from pmo_data.conform import TABLE_WORDS
from pmo_data.store import Reads, Store

NEAREST_SIMILARITY = 75  # rapidfuzz ratio: 'PRJ-07' ~ 'PRJ-007' (92), 'PRJ-999' !~ 'PRJ-009' (71)
NOT_CHECKED = {"projects", "resources"}  # the projects themselves; people belong to no project


@dataclass(frozen=True)
class Unregistered:
    """A project ID that entries name and the month's projects do not hold."""

    project_id: str
    entries: dict[str, int] = field(default_factory=dict)  # canonical table -> rows
    nearest: str | None = None  # the registered ID it most likely means

    def described(self) -> str:
        rows = ", ".join(f"{n} {_singular(TABLE_WORDS.get(table, table)) if n == 1 else TABLE_WORDS.get(table, table)}"
                         for table, n in self.entries.items())
        guess = f"; did you mean {self.nearest}?" if self.nearest else ""
        return f"{self.project_id} ({rows}{guess})"


def _singular(words: str) -> str:
    """'RAID entries' → 'RAID entry', 'tasks' → 'task' ('logged hours' stays)."""
    if words.endswith("ies"):
        return words[:-3] + "y"
    return words[:-1] if words.endswith("s") and not words.endswith("hours") else words


def unregistered_projects(store: Reads, tables: dict[str, pd.DataFrame], period: dt.date,
                          arriving: frozenset[str] = frozenset()) -> list[Unregistered]:
    """The project IDs a file's rows name that neither the month's projects, nor the file's own, nor
    those of files `arriving` with it in the same upload (a register imported beside its RAID log) hold."""
    registered = set(store.query_named("registered_projects", {"period": period})["project_id"].dropna()) | arriving
    if "projects" in tables:
        registered |= set(tables["projects"]["project_id"].dropna())
    named: dict[str, dict[str, int]] = {}
    for table, frame in tables.items():
        if table in NOT_CHECKED or "project_id" not in frame:
            continue
        for project_id, count in frame["project_id"].dropna().value_counts().items():
            if project_id not in registered:
                named.setdefault(str(project_id), {})[table] = int(count)
    return [Unregistered(project_id, entries, nearest(project_id, registered)) for project_id, entries in sorted(named.items())]


def projects_of(tables: dict[str, pd.DataFrame]) -> frozenset[str]:
    """The projects a prepared file registers."""
    return frozenset(tables["projects"]["project_id"].dropna()) if "projects" in tables else frozenset()


def nearest(project_id: str, registered: set[str]) -> str | None:
    match = process.extractOne(project_id, sorted(registered), scorer=fuzz.ratio, score_cutoff=NEAREST_SIMILARITY)
    return None if match is None else match[0]


def unregistered_sentence(found: list[Unregistered], period: dt.date) -> str | None:
    """One line for the import report and the Data page."""
    if not found:
        return None
    listed = "; ".join(u.described() for u in found)
    return (f"{'a project' if len(found) == 1 else f'{len(found)} projects'} not in {period:%B %Y}'s projects: {listed}. "
            "Their entries are kept but show on no page, total or slide until the project is registered (import the "
            "register, or add the project under \"Does the month add up?\" once imported), the file names it right "
            "(choose it under \"Load under project\"), or the ID is mapped there to the project it means")


class MappingRefused(Exception):
    """Nothing was written; the message is one line for the user."""


def map_project_id(store: Store, period: dt.date, alias: str, project_id: str, *, user: str | None = None,
                   role: str | None = None, at: dt.datetime | None = None) -> None:
    """Entries naming `alias` are `project_id`'s, from now on and in every month. `project_id` must
    be a project of `period`; `alias` must not be one (two registered projects are never merged)."""
    alias, project_id = (alias or "").strip(), (project_id or "").strip()
    at = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.transaction(f"the mapping of {alias}") as cur:
        registered = {row[0] for row in cur.execute(sql.load("edits/projects_of_month"), {"period": period}).fetchall()}
        if not alias or alias == project_id:
            raise MappingRefused("choose a project other than the ID itself")
        if project_id not in registered:
            raise MappingRefused(f"{project_id} is not a project in {period:%B %Y}")
        if alias in registered:
            raise MappingRefused(f"{alias} is a project in {period:%B %Y} itself: two projects are never merged")
        cur.execute(sql.load("edits/insert_project_alias"), {"alias": alias, "project_id": project_id,
                                                            "set_by": user, "set_at": at})
        audit.log(cur, "project mapped", user, f"{alias} → {project_id}, from {period:%Y-%m} on", role=role, at=at)
        marts.rebuild(cur)


def forget_project_mapping(store: Store, alias: str, *, user: str | None = None, role: str | None = None) -> None:
    """Its entries name a project not registered again (and say so)."""
    with store.transaction(f"the mapping of {alias}") as cur:
        cur.execute(sql.load("edits/delete_project_alias"), {"alias": alias})
        audit.log(cur, "project mapped", user, f"{alias}: mapping forgotten", role=role)
        marts.rebuild(cur)


def mapped_ids_note(store: Reads, tables: dict[str, pd.DataFrame]) -> str | None:
    """The import report's line for the file's project IDs the PMO mapped ('PRJ-07 read as PRJ-007')."""
    aliases = store.query_named("project_aliases")
    named = {str(p) for table, frame in tables.items() if table not in NOT_CHECKED and "project_id" in frame
             for p in frame["project_id"].dropna().unique()}
    found = aliases[aliases["alias"].isin(named)]
    if found.empty:
        return None
    return "projects: " + ", ".join(f"{a} read as {p}, as mapped on {at:%d %b %Y}"
                                    for a, p, at in zip(found["alias"], found["project_id"], found["set_at"]))
