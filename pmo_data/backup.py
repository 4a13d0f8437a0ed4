"""Backups: a consistent copy of the whole database as Parquet files (DuckDB's EXPORT DATABASE,
read inside one transaction), rotated, and restored into a new database file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import duckdb

from pmo_data import audit
from pmo_data.store import Store, open_store

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
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = out_dir / f"{PREFIX}{stamp}"
    if target.exists():
        raise BackupError(f"{target} exists already")
    partial = out_dir / f".{PREFIX}{stamp}.partial"
    with store.transaction() as cur:  # the write lock: no import can change the data mid-copy
        audit.log(cur, "backup", user, target.name, role=role)  # in the copy too; gone with it if the copy fails
        cur.execute(f"export database '{_quoted(partial)}' (format parquet)")
    partial.rename(target)  # a backup folder only ever appears complete
    for old in sorted(p for p in out_dir.iterdir() if p.is_dir() and p.name.startswith(PREFIX))[:-keep or None]:
        shutil.rmtree(old)
    return target


def restore(backup_dir: str | Path, db_path: str | Path, force: bool = False, user: str | None = None,
            role: str | None = None) -> Path:
    """Creates the database file `db_path` from a backup folder, and logs who did it in it."""
    backup_dir, db_path = Path(backup_dir), Path(db_path)
    if not (backup_dir / "schema.sql").is_file():
        raise BackupError(f"{backup_dir}: not a backup (no schema.sql)")
    if db_path.exists() and not force:
        raise BackupError(f"{db_path} exists: restore into a new file, or pass --force to replace it")
    fresh = db_path.with_name(db_path.name + ".restoring")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect(str(fresh))
    try:
        con.execute(f"import database '{_quoted(backup_dir)}'")
    finally:
        con.close()
    restored = open_store(fresh)  # brings an older backup up to this version's schema, audit log included
    try:
        audit.record(restored, "restore", user, f"from {backup_dir.name}", role=role)
        restored.query("checkpoint")  # everything in the file itself: only the file is moved into place
    finally:
        restored.close()
    for leftover in (db_path, db_path.with_name(db_path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    fresh.rename(db_path)
    return db_path


def _quoted(path: Path) -> str:
    """A path as a SQL string literal (EXPORT/IMPORT DATABASE take no bound parameters)."""
    return str(path.resolve()).replace("'", "''")
