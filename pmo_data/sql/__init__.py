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
