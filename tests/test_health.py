"""pmo_data.health.check, what /healthz answers: ok only when the database can be read."""

from __future__ import annotations

import pytest

from pmo_data.health import check


def test_a_readable_database_is_healthy(demo_copy):
    assert check(demo_copy) == (True, "ok")


@pytest.mark.parametrize("spoil, reason", [
    (lambda path: path.write_bytes(b"PK\x03\x04 a zip, not a database"), "it is not a valid DuckDB database file"),
    (lambda path: path.mkdir(), "Is a directory"),
])
def test_a_database_that_cannot_be_read_is_not_healthy(tmp_path, spoil, reason):
    path = tmp_path / "pmo.duckdb"
    spoil(path)
    ok, why = check(path)
    assert not ok and why.startswith(f"database unavailable: {path}: cannot be opened (IO Error: ") and reason in why


def test_a_database_in_a_missing_folder_is_not_healthy(tmp_path):
    path = tmp_path / "typo" / "pmo.duckdb"
    assert check(path) == (False, f"database unavailable: {path}: the folder {path.parent} does not exist")
    assert not path.parent.exists()


def test_a_master_overwritten_while_a_copy_serves_the_pages_is_not_healthy(demo_copy):
    # issue 26, item 13: /healthz said ok while the master file was garbage (the pages read a published copy)
    assert check(demo_copy) == (True, "ok")
    demo_copy.write_bytes(b"garbage" * 100)
    assert check(demo_copy) == (False, f"database unreadable: {demo_copy.resolve()} is no longer a DuckDB database "
                                       "file (the pages show a published copy)")
