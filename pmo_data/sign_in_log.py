"""Sign-ins, failed and refused sign-ins and sign-outs, kept apart from the database.

Before, every try wrote an audit row, and every write published a whole new copy of the database:
308 unauthenticated POSTs in 25 s made 308 copies (5.3 GB for a 17 MB database) and slowed an
import beside them 3-5 times (issue 26, item 3). Nothing a stranger sends writes to the database
now: these entries are lines of JSON appended to a file beside it (one `write` per line, under a
lock), bounded (`MAX_BYTES` a file, rotated, `KEPT` old files), created 0600. The audit view and
`python -m pmo_data audit` show them beside the database's own audit rows."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

MAX_BYTES = 2_000_000  # one file; about 10,000 tries
KEPT = 4  # rotated files kept beside the current one: at most 10 MB in all
ACTIONS = ("sign-in", "sign-in failed", "sign-in refused", "sign-out")

_write_lock = threading.Lock()


def log_path(database: Path) -> Path:
    """The log of a database: beside it, named after it."""
    return database.with_name(database.name + ".sign-ins.jsonl")


def append(database: Path, action: str, user: str | None, detail: str, role: str | None = None,
           at: dt.datetime | None = None) -> None:
    """Adds one entry; the file is rotated first when it is full."""
    if action not in ACTIONS:
        raise ValueError(f"not a sign-in action: {action}")
    entry = {"logged_at": (at or dt.datetime.now(dt.UTC).replace(tzinfo=None)).isoformat(timespec="microseconds"),
             "user_name": user, "role": role, "action": action, "detail": detail}
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
    path = log_path(database)
    with _write_lock:
        if path.exists() and path.stat().st_size + len(line) > MAX_BYTES:
            _rotate(path)
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            os.write(descriptor, line)
        finally:
            os.close(descriptor)


def _rotate(path: Path) -> None:
    """log → log.1 → log.2 …; the oldest beyond KEPT is dropped."""
    path.with_name(f"{path.name}.{KEPT}").unlink(missing_ok=True)
    for number in range(KEPT - 1, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{number + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def _files(database: Path) -> list[Path]:
    """The log's files, oldest first: the rotated ones (.4 … .1), then the current one."""
    path = log_path(database)
    return [path.with_name(f"{path.name}.{n}") for n in range(KEPT, 0, -1)] + [path]


def _entry(line: str) -> dict | None:
    """One line as an entry; None for a line that is not whole (a crash mid-write)."""
    try:
        entry = json.loads(line)
    except json.JSONDecodeError:
        return None
    entry["logged_at"] = dt.datetime.fromisoformat(entry["logged_at"])
    return entry


def _lines(file: Path) -> list[str]:
    if not file.exists():
        return []
    with file.open(encoding="utf-8", errors="replace") as lines:
        return lines.readlines()


def entries(database: Path) -> Iterator[dict]:
    """Every entry kept, oldest first."""
    for file in _files(database):
        yield from filter(None, map(_entry, _lines(file)))


def newest(database: Path, limit: int, actions: Iterable[str] = ACTIONS) -> list[dict]:
    """The newest `limit` entries of these actions, newest first: read from the newest file back, so
    the audit view on a page run parses what it shows, not the whole log."""
    wanted, found = set(actions), []
    for file in reversed(_files(database)):
        for line in reversed(_lines(file)):
            if len(found) >= limit:
                return found
            if (entry := _entry(line)) is not None and entry["action"] in wanted:
                found.append(entry)
    return found


def remove(database: Path) -> None:
    """The log and its rotated files (a database deleted to start afresh)."""
    for file in _files(database):
        file.unlink(missing_ok=True)
