"""SQL lives in .sql files beside this module; this loads them by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent


@cache
def load(name: str) -> str:
    """The text of `<layer>/<name>.sql`, e.g. load("queries/periods")."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def layer(name: str) -> list[tuple[str, str]]:
    """(object name, SQL) of every file in one layer folder, in file-name order."""
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted((SQL_DIR / name).glob("*.sql"))]


def first_row(cur, statement: str, params=None) -> tuple | None:
    """The first row of a statement's result, read to the end: DuckDB refuses further work on a
    connection whose last result was not fully fetched."""
    rows = cur.execute(statement, params).fetchall()
    return rows[0] if rows else None
