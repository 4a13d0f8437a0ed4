"""Whether the dashboard can read its database: what the `/healthz` route answers (docs/deploy.md).
Streamlit's own `/_stcore/health` says "ok" as long as the web server runs, even when every page
would show that the database cannot be opened."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pmo_data.config import database_path
from pmo_data.store import DatabaseUnavailable, open_store


DUCKDB_MAGIC = (8, b"DUCK")  # where a DuckDB file says what it is


def check(path: str | Path | None = None) -> tuple[bool, str]:
    """(True, "ok"), or (False, one line saying why the database cannot be read). Opens the
    database the way the pages do and reads its schema version; and looks at the master file
    itself, which the pages do not read while a published copy serves them (a master overwritten
    with anything else fails the next write: issue 26, item 13)."""
    try:
        version = open_store(path).schema_version
    except DatabaseUnavailable as error:
        return False, f"database unavailable: {error}"
    except duckdb.Error as error:
        return False, f"database unreadable: {str(error).splitlines()[0]}"
    if version is None:
        return False, "database unreadable: it has no schema version"
    master = database_path(path).resolve()
    try:
        with master.open("rb") as f:
            head = f.read(DUCKDB_MAGIC[0] + len(DUCKDB_MAGIC[1]))
    except OSError as error:
        return False, f"database unavailable: {master}: {error.strerror or error} (the pages show a published copy)"
    if head[DUCKDB_MAGIC[0]:] != DUCKDB_MAGIC[1]:
        return False, f"database unreadable: {master} is no longer a DuckDB database file (the pages show a published copy)"
    return True, "ok"
