"""Whether the dashboard can read its database: what the `/healthz` route answers (docs/deploy.md).
Streamlit's own `/_stcore/health` says "ok" as long as the web server runs, even when every page
would show that the database cannot be opened."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pmo_data.store import DatabaseUnavailable, open_store


def check(path: str | Path | None = None) -> tuple[bool, str]:
    """(True, "ok"), or (False, one line saying why the database cannot be read). Opens the
    database the way the pages do and reads its schema version."""
    try:
        version = open_store(path).schema_version
    except DatabaseUnavailable as error:
        return False, f"database unavailable: {error}"
    except duckdb.Error as error:
        return False, f"database unreadable: {str(error).splitlines()[0]}"
    if version is None:
        return False, "database unreadable: it has no schema version"
    return True, "ok"
