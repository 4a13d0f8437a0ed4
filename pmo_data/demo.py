"""The demo portfolio (sample_data/): loaded into an empty database by `make run`, and taken out in
one action when a PMO starts with its own data.

The demo's imports are told by their content, not by a flag: an import whose file has the same
SHA-256 as a file of sample_data/ is the demo's, whoever imported it and under whatever name. Removing
the demo removes each such import as "remove import" does (its rows kept aside until they expire,
its month settled), in one transaction with one audit entry, and rebuilds the KPIs once.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from pmo_data import audit, corrections, marts, sql
from pmo_data.store import Store

SAMPLE_DATA = Path(__file__).resolve().parent.parent / "sample_data"
TEMPLATE = SAMPLE_DATA / "pmo_portfolio_template.xlsx"  # the PMO's own workbook (docs/template.md)
# What a PMO uploads first, in order: each later file finds the projects the register named
FIRST_UPLOADS = (
    ("the project register", "the PMO workbook's Projects sheet (the template below), or your own list of projects"),
    ("the trackers' exports", "Jira, MS Project, Planner, Smartsheet, Asana, monday.com, Azure DevOps, OpenProject, Trello"),
    ("the RAID log", "risks, issues, assumptions, dependencies, decisions and actions"),
    ("resources and costs", "resource plans, cost plans and timesheets"),
)
PERIOD_FOLDER = re.compile(r"^\d{4}-\d{2}$")
REMOVED = "demo removed"  # the audit action


def demo_files(sample_dir: Path = SAMPLE_DATA) -> list[tuple[str, Path]]:
    """Every file of the demo, with the month it is imported for, in import order."""
    return [(folder.name, path)
            for folder in sorted(p for p in sample_dir.iterdir() if p.is_dir() and PERIOD_FOLDER.match(p.name))
            for path in sorted(folder.iterdir()) if path.is_file() and not path.name.startswith(".")]


@cache  # the demo's files are part of the release: read once per process
def _demo_digests(sample_dir: Path) -> list[str]:
    return [hashlib.sha256(path.read_bytes()).hexdigest() for _, path in demo_files(sample_dir)]


def demo_imports(store: Store, sample_dir: Path = SAMPLE_DATA) -> list[int]:
    """The current imports whose file is one of the demo's."""
    found = store.query(sql.load("load/imports_of_files"), {"digests": _demo_digests(sample_dir)})
    return [int(i) for i in found["import_id"]]


def remove_demo(store: Store, user: str | None = None, role: str | None = None,
                sample_dir: Path = SAMPLE_DATA) -> str:
    """Removes every import of the demo (an import it had replaced that is the demo's too goes as
    well); returns what happened, in words. Nothing to remove: says so, and writes nothing."""
    digests = _demo_digests(sample_dir)
    if not demo_imports(store, sample_dir):
        return "the database holds no import of the demo"
    at = corrections.utc_now()
    removed: list[int] = []
    with store.transaction("removing the demo") as cur:
        corrections.purge_expired(cur, at)
        while True:  # removing an import may make current again one it replaced: the demo's too, then
            left = [int(row[0]) for row in cur.execute(sql.load("load/imports_of_files"), {"digests": digests}).fetchall()]
            if not left:
                break
            for import_id in left:
                corrections.remove(cur, import_id, at)
                removed.append(import_id)
        detail = f"{len(removed)} imports of the demo removed (#{', #'.join(map(str, sorted(removed)))})"
        audit.log(cur, REMOVED, user, detail, role=role, at=at)
        marts.rebuild(cur)
    return detail
