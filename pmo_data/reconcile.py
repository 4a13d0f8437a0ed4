"""Does this month add up? What a month's files say that its projects cannot hold: entries naming a
project the month does not have (a mistyped `PRJ-07`, a RAID log of a project nobody registered).
Such entries are loaded, kept, and said out loud: at import, on the Data page's preview, and beside
every figure they are missing from, never dropped or merged silently."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from pmo_data.conform import TABLE_WORDS
from pmo_data.store import Reads

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
            "register, or a file that names it) or the file names it right (choose it under \"Load under project\")")
