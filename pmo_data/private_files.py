"""The portfolio's files at rest are its owner's alone: the database, its published copies, its
lock and its backups were 0644 in a 0755 folder, readable by every local user (issue 26, item 10).
Whatever the process's umask, what the dashboard creates is made 0700 (folders) / 0600 (files)."""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private(path: Path) -> None:
    """A file 0600; a folder 0700 and everything in it likewise (a backup's Parquet files).
    Symlinks are left alone (their own mode means nothing; their target is made private itself)."""
    if path.is_symlink() or not path.exists():
        return
    if path.is_dir():
        os.chmod(path, FOLDER_MODE)
        for inner in path.rglob("*"):
            if not inner.is_symlink():
                os.chmod(inner, FOLDER_MODE if inner.is_dir() else FILE_MODE)
    else:
        os.chmod(path, FILE_MODE)


def private_folder(path: Path) -> Path:
    """`path` made as a 0700 folder (its missing parents too: they are the dashboard's own)."""
    missing = [p for p in [path, *path.parents] if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for made in missing:
        os.chmod(made, FOLDER_MODE)
    return path
