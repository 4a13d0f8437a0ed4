"""Settings: the shipped defaults merged with a PMO's own `pmo.toml`."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")
DEFAULT_DB_PATH = Path("data/pmo.duckdb")


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database file: an explicit path, else $PMO_DB, else data/pmo.duckdb."""
    return Path(explicit or os.environ.get("PMO_DB") or DEFAULT_DB_PATH)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@cache
def settings() -> dict[str, Any]:
    """Defaults, overridden key by key by the user's config file when there is one."""
    with DEFAULTS_FILE.open("rb") as f:
        merged = tomllib.load(f)
    user_file = Path(os.environ.get("PMO_CONFIG", "pmo.toml"))
    if user_file.is_file():
        with user_file.open("rb") as f:
            merged = _merge(merged, tomllib.load(f))
    return merged
