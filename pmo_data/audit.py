"""The audit log (schema 004): who did what, when. Imports record their user in `imports`;
removals, sign-ins and failed sign-ins are rows here."""

from __future__ import annotations

import datetime as dt

from pmo_data.store import Store


def record(store: Store, action: str, user: str | None, detail: str) -> None:
    """Adds one row, in its own transaction."""
    with store.transaction() as cur:
        cur.execute("insert into audit_log values (?, ?, ?, ?)",
                    [dt.datetime.now(dt.UTC).replace(tzinfo=None), user, action, detail])
