"""The embedded DuckDB database: one writer at a time across processes, and a published
read-only copy that every reader opens.

DuckDB lets one process write a database file, and no other process open it meanwhile. So no
process holds the database it writes between operations (docs/deploy.md, "One writer"):

- the *master* file (PMO_DB) is opened only by a writer, only for one change: an import, a
  removal, a restore, an audit entry. Writers in any process queue on a lock file beside it
  (`pmo.duckdb.lock`), which names who holds it, so a waiting one can say whom it waits for.
- after each change the writer copies the master to a new numbered file in `pmo.duckdb.published/`
  and points the symlink `pmo.read.duckdb` at it, atomically. Readers (every page, `export`,
  `kpis`, an analyst's read-only SQL session) open the published copy read-only, which any number
  of processes may do, and never wait for a writer. A reader that has a version open keeps it
  until it asks for a newer one, so one page run reads one version from start to end.

Within a process, DuckDB connections are not safe to share between Streamlit's threads, so
every read opens its own cursor and reads its result to the end.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import getpass
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
import contextlib
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from pmo_data import marts, sign_in_log, sql
from pmo_data.private_files import FILE_MODE, make_private, private_folder
from pmo_data.config import database_path

LOG = logging.getLogger(__name__)

# Rows per row group. DuckDB writes an append of at least one full row group straight to the
# database file, compressed; smaller appends go through the write-ahead log and are written a
# second time at the next checkpoint. At DuckDB's default (122,880) a 100,000-row export is
# "small" and its commit costs twice its insert; at 65,536 it is written once.
ROW_GROUP_SIZE = 65_536

LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")
PUBLISHED_NAME = re.compile(r"v(\d{8})\.duckdb")
PUBLISHED_KEPT = 4  # versions kept on disk: a page run still reading an older one finds it
READERS_KEPT = 4  # versions a process keeps open
WRITER_WAIT_SECONDS = 600.0  # how long a writer queues behind another before it gives up


class DatabaseUnavailable(Exception):
    """The database file cannot be opened; the message is one line saying why."""


class DatabaseFolderMissing(DatabaseUnavailable):
    """The database's folder does not exist: a mistyped PMO_DB or --db, unless asked to create it."""


class DatabaseInUse(DatabaseUnavailable):
    """Another process holds the database file too long (DuckDB lets one process at a time write it)."""


class PublishFailed(Exception):
    """The change is committed to the master, but its copy for the pages could not be written (a full
    disk, an unwritable folder): the pages show the previous version until a later change publishes.
    Never "database unchanged" (issue 26, item 7)."""


def os_user() -> str:
    """Who runs this process: the operating system's user."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment and no password-database entry (a bare container)
        return "unknown"


def _schema_number(name: str) -> int:
    """The version a schema file brings the database to: its number (`009_corrections_and_undo`)."""
    return int(name.split("_", 1)[0])


def read_copy_path(path: Path) -> Path:
    """The published read-only copy of the database `path` (a symlink to its newest version)."""
    return path.with_name(f"{path.stem}.read{path.suffix}")


class Reads:
    """Read statements, each on a cursor of its own; values are always bound parameters."""

    def _cursor(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        raise NotImplementedError

    def query(self, statement: str, params: dict | list | None = None) -> pd.DataFrame:
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

    def reading(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A cursor for a read of several statements, on the version this object reads."""
        return self._cursor()


def _remove_copies(path: Path) -> None:
    """The database's write-ahead log, read copy and published copies."""
    for leftover in (path.with_name(path.name + ".wal"), read_copy_path(path)):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".published"), ignore_errors=True)


def delete_database(path: Path) -> None:
    """Removes a database and everything beside it that belongs to it (its write-ahead log, lock,
    published copies, read copy and sign-in log): a fresh start at `path`, for benchmarks and tests."""
    for leftover in (path, path.with_name(path.name + ".lock")):
        leftover.unlink(missing_ok=True)
    _remove_copies(path)
    sign_in_log.remove(path)


_open_stores: dict[Path, "Store"] = {}
_open_stores_lock = threading.Lock()


class Store(Reads):
    """One database: its master file (written, briefly, by one writer at a time) and its
    published read-only copy (read by everyone)."""

    def __init__(self, path: Path, create: bool = False):
        self.path = path
        self.read_path = read_copy_path(path)
        self.published_dir = path.with_name(path.name + ".published")
        self.lock_path = path.with_name(path.name + ".lock")
        if not path.parent.is_dir():
            if not create:  # a mistyped path must not quietly become a new, empty database
                raise DatabaseFolderMissing(f"{path}: the folder {path.parent} does not exist")
            private_folder(path.parent)
        self._write_lock = threading.RLock()
        self._master: duckdb.DuckDBPyConnection | None = None
        self._readers: dict[int, duckdb.DuckDBPyConnection] = {}
        self._readers_lock = threading.Lock()
        self.held_back = False  # a change committed whose publishing failed, not yet visible
        if not path.exists():
            self._start_afresh()
        if self.version is None or not self._is_current():
            self.migrate()

    # -- a database deleted to start over ------------------------------------------
    def _recreate_if_deleted(self) -> None:
        """Deleted while the dashboard ran: a new, empty database (made once, by whichever read or
        write comes first; a write in progress holds the master open and is left alone)."""
        if not self.path.exists() and self._master is None:
            with self._write_lock:
                if not self.path.exists():
                    self._start_afresh()
                    self.migrate()

    def _start_afresh(self) -> None:
        """The master file is gone (a user deleted pmo.duckdb to start over, leaving what lies beside
        it): its published copies are removed too, so no page shows the deleted data and the next
        write makes a new, empty database instead of failing on a half-made one (issue 26, item 8)."""
        with self._write_lock, self._readers_lock:
            if self.path.exists():
                return
            stale = self.read_path.is_symlink() or self.published_dir.exists()
            self._readers.clear()
            _remove_copies(self.path)  # the lock and the sign-in log stay: they are not the deleted data
            if stale:
                LOG.warning("%s was removed: its published copies are removed too; a new, empty database starts", self.path)

    # -- reads: the published copy ------------------------------------------------
    @property
    def version(self) -> int | None:
        """The newest published version (None before the first)."""
        try:
            match = PUBLISHED_NAME.fullmatch(Path(os.readlink(self.read_path)).name)
        except OSError:
            return None
        return int(match.group(1)) if match else None

    def _published_file(self, version: int) -> Path:
        return self.published_dir / f"v{version:08d}.duckdb"

    def _reader(self, version: int | None = None) -> tuple[int, duckdb.DuckDBPyConnection]:
        """An open read-only connection to a published version: the one asked for while it is
        still open or on disk, else the newest. Once the master file was deleted, a new, empty
        database's: a page never shows data its user removed."""
        self._recreate_if_deleted()
        with self._readers_lock:
            if version is not None and version in self._readers:
                return version, self._readers[version]
            if version is None or not self._published_file(version).is_file():
                version = self.version
            if version is None:
                raise DatabaseUnavailable(f"{self.path}: no published copy ({self.read_path} is missing)")
            if version not in self._readers:
                con = duckdb.connect()
                try:
                    con.execute("attach $path as pmo (read_only)", {"path": str(self._published_file(version))})
                except duckdb.Error as error:
                    con.close()
                    raise DatabaseUnavailable(f"{self.read_path}: cannot be read ({str(error).splitlines()[0]})") from None
                self._readers[version] = con
                # the older connections are dropped, not closed: a thread may still be reading one
                for old in sorted(self._readers)[:-READERS_KEPT]:
                    del self._readers[old]
            return version, self._readers[version]

    @contextmanager
    def _cursor(self, version: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own on a published version (a cursor starts in DuckDB's default catalog)."""
        with self._reader(version)[1].cursor() as cur:
            cur.execute("use pmo")
            yield cur

    def snapshot(self, version: int | None = None) -> "Snapshot":
        """The database as one published version (the newest unless asked): every read of it
        sees the same data, however many imports land meanwhile."""
        return Snapshot(self, self._reader(version)[0])

    # -- writes: the master, one writer at a time ------------------------------------
    @contextmanager
    def transaction(self, purpose: str = "a change",
                    wait_seconds: float = WRITER_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
        """One all-or-nothing unit of writes, committed on success and rolled back on any error,
        then published. `purpose` tells other writers what they are waiting for; after
        `wait_seconds` in the queue, DatabaseInUse."""
        self._recreate_if_deleted()
        with self._writing(purpose, wait_seconds=wait_seconds) as master, master.cursor() as cur:
            cur.execute("use pmo")
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()

    def replace_with(self, fresh: Path, purpose: str,
                     record: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
                     before_swap: Callable[[Path], None] | None = None) -> None:
        """Makes the database file `fresh` the master (a restore), upgraded and published once,
        through the same writer queue as every change; `before_swap` reads the old master (closed,
        in the queue: nothing is written meanwhile), `record` writes into the new one before it is
        published (the restore's own audit entry)."""
        def swap() -> None:
            if before_swap is not None and self.path.exists():
                before_swap(self.path)
            os.replace(fresh, self.path)
            self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)

        with self._writing(purpose, before_open=swap):
            self.migrate()
            if record is not None:
                with self.transaction() as cur:
                    record(cur)

    @contextmanager
    def _writing(self, purpose: str, before_open: Callable[[], None] | None = None,
                 wait_seconds: float = WRITER_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
        """The master, held by this thread: a nested use shares it and the outermost one
        publishes what it wrote when it ends without an error."""
        with self._write_lock:
            if self._master is not None:
                yield self._master
                return
            with self._writer_lock(purpose, wait_seconds):
                if before_open:
                    before_open()
                self._master = self._attach_master()
                try:
                    yield self._master
                    self._master.execute("checkpoint")
                finally:
                    self._master.close()
                    self._master = None
                try:
                    self._publish()
                except OSError as error:
                    self.held_back = True
                    LOG.error("%s: committed, but not published: %s", self.path, error.strerror or error)
                    raise PublishFailed(f"committed, but not yet visible: publishing the new version failed "
                                        f"({error.strerror or error}); the pages show the previous version until "
                                        "a later change publishes") from None
                if self.held_back:
                    LOG.warning("%s: published; the changes publishing had held back are visible now", self.path)
                    self.held_back = False

    @contextmanager
    def _writer_lock(self, purpose: str, wait_seconds: float) -> Iterator[None]:
        """The lock file every writer of this database takes, in any process; it names its holder."""
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
        with open(descriptor, "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "another process"
                LOG.warning("waiting for %s", holder)  # on stderr for a command (cli.main)
                deadline = time.monotonic() + wait_seconds
                while True:
                    time.sleep(0.05)
                    try:
                        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise DatabaseInUse(f"{self.path}: still busy with {holder} after "
                                                f"{wait_seconds:.0f} s; try again later") from None
            try:
                lock.truncate(0)
                lock.write(f"{purpose} by {os_user()} (PID {os.getpid()}) since {dt.datetime.now():%H:%M:%S}")
                lock.flush()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _attach_master(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        try:
            con.execute(f"attach $path as pmo (row_group_size {ROW_GROUP_SIZE})", {"path": str(self.path)})
        except duckdb.Error as error:
            con.close()
            reason = str(error).splitlines()[0]
            if "Could not set lock" in reason:  # a process outside the writer queue (a duckdb shell)
                holder = LOCK_HOLDER.search(reason)
                raise DatabaseInUse(f"the database is in use by a process outside the dashboard: {self.path}"
                                    + (f" is held by PID {holder.group(1)}" if holder else "")
                                    + f" (read {self.read_path.name} instead: docs/deploy.md)") from None
            raise DatabaseUnavailable(f"{self.path}: cannot be opened ({reason})") from None
        con.execute("use pmo")
        return con

    def _publish(self) -> None:
        """Copies the master (closed, so whole) to the next version and points the read copy at it."""
        if not self.published_dir.exists():
            private_folder(self.published_dir)
        for partial in self.published_dir.glob("*.partial"):  # left by a writer that was killed
            partial.unlink(missing_ok=True)
        target = self._published_file((self.version or 0) + 1)
        partial = target.with_suffix(".partial")
        shutil.copyfile(self.path, partial)
        make_private(partial)
        make_private(self.path)  # the master too: DuckDB creates it as the umask says
        with open(partial, "rb") as copied:
            os.fsync(copied.fileno())
        os.replace(partial, target)
        link = self.read_path.with_name(self.read_path.name + ".partial")
        link.unlink(missing_ok=True)
        os.symlink(Path(self.published_dir.name) / target.name, link)  # relative: the folder can move
        os.replace(link, self.read_path)
        for old in sorted(self.published_dir.glob("v*.duckdb"))[:-PUBLISHED_KEPT]:
            old.unlink(missing_ok=True)  # a process still reading it keeps its open file

    # -- schema ----------------------------------------------------------------------
    def _is_current(self) -> bool:
        newest = max(_schema_number(name) for name, _ in sql.layer("schema"))
        if "schema_version" not in self.table_names() or self.schema_version != newest:
            return False
        with self._cursor() as cur:
            return marts.is_current(cur)

    def migrate(self) -> None:
        """Brings the schema up to the newest version, each step in its own transaction, and the
        KPI tables up to the current SQL files and settings; published once at the end."""
        with self._writing("a schema upgrade"):
            with self.transaction() as cur:
                cur.execute("create table if not exists schema_version (version integer not null)")
                current = sql.first_row(cur, "select coalesce(max(version), 0) from schema_version")[0]
            for name, statement in sql.layer("schema"):
                version = _schema_number(name)
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
        with self._readers_lock:
            for con in self._readers.values():
                con.close()
            self._readers.clear()


class Snapshot(Reads):
    """A Store's reads pinned to one published version; its writes go to the Store as ever."""

    def __init__(self, store: Store, version: int):
        self._store = store
        self.version = version

    def _cursor(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]:
        return self._store._cursor(self.version)

    def __getattr__(self, name: str):  # writes, paths and the rest: the Store's own
        return getattr(self._store, name)


def open_store(path: str | Path | None = None, create: bool = False) -> Store:
    """The process's Store for a database file (migrated and published on first open). A new
    file is created in an existing folder; a missing folder is an error unless `create` asks for it."""
    resolved = database_path(path).resolve()
    with _open_stores_lock:
        store = _open_stores.get(resolved)
        if store is None:
            store = _open_stores[resolved] = Store(resolved, create)
        return store
