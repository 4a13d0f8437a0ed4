"""Backups: a consistent copy of the whole database as Parquet files (DuckDB's EXPORT DATABASE,
taken in the writer queue, between two imports), rotated; and restored through the same queue, so
a restore while the dashboard serves is one more published change."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

import duckdb

from pmo_data import audit, sql
from pmo_data.private_files import make_private, private_folder
from pmo_data.store import Store, open_store

LOG = logging.getLogger(__name__)

PREFIX = "pmo-backup-"


class BackupError(Exception):
    """The backup or restore did not happen; the message is one line for the user."""


def default_folder(store: Store) -> Path:
    """$PMO_BACKUP_DIR, else a `backups` folder beside the database file."""
    return Path(os.environ.get("PMO_BACKUP_DIR") or store.path.parent / "backups")


def backup(store: Store, out_dir: str | Path, keep: int = 12, now: dt.datetime | None = None,
           user: str | None = None, role: str | None = None) -> Path:
    """Writes a new backup folder under `out_dir` and removes all but the newest `keep` (at least 1)."""
    if keep < 1:  # `[:-0]` would select every backup for deletion, the new one too
        raise BackupError(f"keep must be at least 1 (the backup just written is always kept), not {keep}")
    out_dir = Path(out_dir)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = out_dir / f"{PREFIX}{stamp}"
    if target.exists():
        raise BackupError(f"{target} exists already")
    partial = out_dir / f".{PREFIX}{stamp}.partial"
    try:
        private_folder(out_dir)
        # in the writer queue, so that its own audit entry is in the copy, and gone with it if the copy fails
        with store.transaction(f"a backup into {out_dir}") as cur:
            audit.log(cur, "backup", user, target.name, role=role)
            cur.execute(f"export database '{_quoted(partial)}' (format parquet)")
    except (OSError, duckdb.Error) as error:
        shutil.rmtree(partial, ignore_errors=True)
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        raise BackupError(f"cannot write a backup into {out_dir}: {reason}. Give the dashboard's user write access "
                          "to it, or set PMO_BACKUP_DIR to a folder it can write (docs/deploy.md)") from None
    make_private(partial)  # the portfolio's data: its owner's alone, whatever the umask
    partial.rename(target)  # a backup folder only ever appears complete
    for old in sorted(p for p in out_dir.iterdir() if p.is_dir() and p.name.startswith(PREFIX))[:-keep or None]:
        shutil.rmtree(old)
    return target


def restore(backup_dir: str | Path, db_path: str | Path, force: bool = False, create: bool = False,
            user: str | None = None, role: str | None = None) -> Path:
    """Makes the database `db_path` a copy of a backup folder. An existing database is replaced
    only with `force`, through the same writer queue as an import (a dashboard serving it shows
    the restored data at its next page run); who did it is logged in the restored database."""
    backup_dir, db_path = Path(backup_dir), Path(db_path)
    if not (backup_dir / "schema.sql").is_file():
        raise BackupError(f"{backup_dir}: not a backup (no schema.sql)")
    if db_path.exists() and not force:
        raise BackupError(f"{db_path} exists: restore into a new file, or pass --force to replace it")
    store = open_store(db_path, create=create)
    fresh = db_path.with_name(db_path.name + ".restoring")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect(str(fresh))
    try:
        con.execute(f"import database '{_quoted(backup_dir)}'")
        since = con.execute("select max(logged_at) from audit_log").fetchone()[0]
    finally:
        con.close()
    # the audit trail outlives a restore: the entries written after the backup (the imports and edits
    # whose data the restore discards) are carried into the restored database, and its own entry says so
    kept: list[dict] = []

    def read_newer_entries(old_master: Path) -> None:
        try:
            with duckdb.connect(str(old_master), read_only=True) as old:
                cur = old.execute(sql.load("edits/audit_since"), {"since": since})
                names = [d[0] for d in cur.description]
                kept.extend(dict(zip(names, row)) for row in cur.fetchall())
        except duckdb.Error as error:  # an old or damaged file: the restore goes on, and says so
            LOG.warning("the audit entries since the backup could not be read from %s: %s", old_master, error)

    def record(cur) -> None:
        for entry in kept:
            cur.execute(sql.load("load/record_audit"), entry)
        actions = ", ".join(sorted({e["action"] for e in kept}))
        count = "1 audit entry written since the backup is" if len(kept) == 1 else \
            f"{len(kept)} audit entries written since the backup are"
        audit.log(cur, "restore", user, f"from {backup_dir.name}" + (
            f"; {count} kept ({actions}), the data described is discarded" if kept else ""), role=role)

    store.replace_with(fresh, f"a restore from {backup_dir.name}", record=record,  # upgraded to this version's schema
                       before_swap=read_newer_entries)
    return db_path


def _quoted(path: Path) -> str:
    """A path as a SQL string literal (EXPORT/IMPORT DATABASE take no bound parameters)."""
    return str(path.resolve()).replace("'", "''")
