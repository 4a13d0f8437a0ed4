"""The embedded DuckDB database: schema migrations, one writer at a time, a cursor per read.

DuckDB connections are not safe to share between Streamlit's threads, so every read
opens its own cursor and reads its result to the end, and every write goes through one
lock and one transaction.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from pmo_data import marts, sql
from pmo_data.config import database_path

# Rows per row group. DuckDB writes an append of at least one full row group straight to the
# database file, compressed; smaller appends go through the write-ahead log and are written a
# second time at the next checkpoint. At DuckDB's default (122,880) a 100,000-row export is
# "small" and its commit costs twice its insert; at 65,536 it is written once.
ROW_GROUP_SIZE = 65_536

LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


class DatabaseUnavailable(Exception):
    """The database file cannot be opened; the message is one line saying why."""


class DatabaseFolderMissing(DatabaseUnavailable):
    """The database's folder does not exist: a mistyped PMO_DB or --db, unless asked to create it."""


class DatabaseInUse(DatabaseUnavailable):
    """Another process holds the database file (DuckDB lets one process at a time write it)."""


_open_stores: dict[Path, "Store"] = {}
_open_stores_lock = threading.Lock()


class Store:
    """One database file, opened once per process."""

    def __init__(self, path: Path, create: bool = False):
        self.path = path
        if not path.parent.is_dir():
            if not create:  # a mistyped path must not quietly become a new, empty database
                raise DatabaseFolderMissing(f"{path}: the folder {path.parent} does not exist")
            path.parent.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect()
        try:
            self._con.execute(f"attach $path as pmo (row_group_size {ROW_GROUP_SIZE})", {"path": str(path)})
        except duckdb.IOException as error:
            self._con.close()
            reason = str(error).splitlines()[0]
            if "Could not set lock" in reason:
                holder = LOCK_HOLDER.search(reason)
                raise DatabaseInUse(f"the database is in use by another process (the dashboard?): {path}"
                                    + (f" is held by PID {holder.group(1)}" if holder else "")) from None
            raise DatabaseUnavailable(f"{path}: cannot be opened ({reason})") from None
        self._con.execute("use pmo")
        self._write_lock = threading.RLock()
        self.migrate()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own on the database file (a cursor starts in DuckDB's default catalog)."""
        with self._con.cursor() as cur:
            cur.execute("use pmo")
            yield cur

    # -- reads ---------------------------------------------------------------------
    def query(self, statement: str, params: dict | list | None = None) -> pd.DataFrame:
        """Runs one read statement on its own cursor; values are always bound parameters."""
        with self._cursor() as cur:
            return cur.execute(statement, params).df()

    def query_named(self, name: str, params: dict | list | None = None) -> pd.DataFrame:
        """Runs the query stored in `sql/queries/<name>.sql`."""
        return self.query(sql.load(f"queries/{name}"), params)

    def scalar(self, statement: str, params: dict | list | None = None):
        with self._cursor() as cur:
            row = sql.first_row(cur, statement, params)
        return None if row is None else row[0]

    def table_names(self) -> set[str]:
        return set(self.query("select table_name from information_schema.tables")["table_name"])

    # -- writes --------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One all-or-nothing unit of writes: committed on success, rolled back on any error."""
        with self._write_lock, self._cursor() as cur:
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()

    def migrate(self) -> None:
        """Brings the schema up to the newest version, each step in its own transaction, and the
        KPI tables up to the current SQL files and settings."""
        with self.transaction() as cur:
            cur.execute("create table if not exists schema_version (version integer not null)")
            current = sql.first_row(cur, "select coalesce(max(version), 0) from schema_version")[0]
        for name, statement in sql.layer("schema"):
            version = int(name.split("_", 1)[0])
            if version <= current:
                continue
            with self.transaction() as cur:
                cur.execute(statement)
                cur.execute("insert into schema_version values (?)", [version])
        with self.transaction() as cur:
            if not marts.is_current(cur):
                marts.rebuild(cur)

    @property
    def schema_version(self) -> int:
        return self.scalar("select max(version) from schema_version")

    def close(self) -> None:
        with _open_stores_lock:
            _open_stores.pop(self.path, None)
        self._con.close()


def open_store(path: str | Path | None = None, create: bool = False) -> Store:
    """The process's Store for a database file (migrated on first open). A new file is created in
    an existing folder; a missing folder is an error unless `create` asks for it."""
    resolved = database_path(path).resolve()
    with _open_stores_lock:
        store = _open_stores.get(resolved)
        if store is None:
            store = _open_stores[resolved] = Store(resolved, create)
        return store
