"""The month an upload goes under, and the settings a test server runs with: the same on any day
and on any machine."""

from __future__ import annotations

import datetime as dt

from benchmarks import browser_pages
from pmo_data.importer import reporting_month_choice

D = dt.date


def test_the_default_is_the_month_a_file_states_else_the_month_before_today():
    stated = reporting_month_choice(D(2026, 12, 6), {D(2026, 9, 1), D(2026, 10, 1)}, [])
    assert (stated.default, stated.why) == (D(2026, 10, 1), "the month the file states")
    unstated = reporting_month_choice(D(2026, 12, 6), set(), [])
    assert (unstated.default, unstated.why) == (D(2026, 11, 1), "last month")
    # the turn of a year
    assert reporting_month_choice(D(2027, 1, 31), set(), []).default == D(2026, 12, 1)


def test_loaded_and_stated_months_are_offered_however_old():
    choice = reporting_month_choice(D(2031, 5, 2), {D(2019, 3, 1)}, [D(2026, 10, 1), D(2026, 9, 1)], back=2)
    assert choice.months == [D(2031, 5, 1), D(2031, 4, 1), D(2031, 3, 1), D(2026, 10, 1), D(2026, 9, 1), D(2019, 3, 1)]


class _Started(Exception):
    pass


def test_a_test_server_never_reads_the_machines_settings(monkeypatch):
    """A checkout with `.streamlit/secrets.toml` set up as docs/deploy.md says, a `pmo.toml`, or a
    shell with PMO_AUTH exported, must not change what a browser test's server does."""
    seen = {}

    def popen(command, cwd, env, **_):
        seen.update(command=command, env=env)
        raise _Started

    monkeypatch.setenv("PMO_AUTH", "password")
    monkeypatch.setenv("PMO_BACKUP_DIR", "/srv/backups")
    monkeypatch.setattr(browser_pages.subprocess, "Popen", popen)
    try:
        with browser_pages.serve("app.py"):
            pass
    except _Started:
        pass
    command, env = seen["command"], seen["env"]
    secrets = command[command.index("--secrets.files") + 1]
    assert secrets.endswith("no-secrets.toml") and ".streamlit" not in secrets
    assert env["PMO_AUTH"] == "none" and "PMO_BACKUP_DIR" not in env
    assert env["PMO_CONFIG"].endswith("no-pmo.toml")
