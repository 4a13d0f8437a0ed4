"""Sign-in fails closed: settings that cannot be read stop every page (and say so in the log),
no setting at all explains how to choose, and open access is only ever an explicit setting."""

from __future__ import annotations

import logging
import os

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")  # Streamlit caches outlive an AppTest


@pytest.fixture
def secrets_file(tmp_path, monkeypatch):
    """Where st.secrets reads its file for this test: tmp_path/secrets.toml (absent until written)."""
    from streamlit import config
    from streamlit.runtime.secrets import Secrets

    path = tmp_path / "secrets.toml"
    # Streamlit has no public way to point st.secrets at another file inside a running process, and
    # AppTest's `at.secrets` hands over parsed values, which would skip the reading under test.
    original = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(path)])
    monkeypatch.setattr(st, "secrets", Secrets())
    monkeypatch.delenv("PMO_AUTH", raising=False)
    yield path
    config.set_option("secrets.files", original)


def run_portfolio() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shows_nothing_of_the_portfolio(at: AppTest) -> bool:
    return not (at.dataframe or at.metric or at.selectbox or at.multiselect or at.info or at.expander or at.button)


def malformed(path):
    path.write_text('[pmo_auth]\nmode = "password\neditor_password = "pbkdf2_sha256$1$x$y"\n', encoding="utf-8")


def unreadable(path):
    path.write_text('[pmo_auth]\nmode = "password"\n', encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads any file: this case cannot happen for it
        pytest.skip("running as a user who can read a file of mode 000 (root)")


def a_folder(path):
    path.mkdir()  # an IsADirectoryError: unreadable for root too


@pytest.mark.parametrize("spoil", [malformed, unreadable, a_folder])
@pytest.mark.parametrize("environment_mode", [None, "none"])
def test_unreadable_sign_in_settings_close_the_dashboard(demo_copy, secrets_file, monkeypatch, caplog, spoil,
                                                         environment_mode):
    """These used to switch sign-in off: every visitor an editor. PMO_AUTH=none does not open it either."""
    spoil(secrets_file)
    if environment_mode:
        monkeypatch.setenv("PMO_AUTH", environment_mode)
    with caplog.at_level(logging.ERROR):
        at = run_portfolio()
    assert [t.value for t in at.title] == ["PMO Dashboard"]
    assert at.error[0].value.startswith("The dashboard is closed: its sign-in settings cannot be read")
    assert shows_nothing_of_the_portfolio(at)
    logged = [r.getMessage() for r in caplog.records if r.name == "pages.common.access"]
    assert logged and all(m.startswith("sign-in settings unreadable: ") for m in logged), logged


@pytest.mark.parametrize("settings, environment_mode, reason", [
    ('[pmo_auth]\nmode = "pasword"\n', None, "unknown sign-in mode 'pasword'"),
    ('[pmo_auth]\nmode = "password"\n', None, "mode 'password' needs viewer_password or editor_password"),
    ('[pmo_auth]\nmode = "password"\nviewer_password = "x"\n', "none", "PMO_AUTH=none would switch off the sign-in"),
])
def test_settings_that_cannot_be_meant_close_the_dashboard(demo_copy, secrets_file, monkeypatch, caplog, settings,
                                                          environment_mode, reason):
    secrets_file.write_text(settings, encoding="utf-8")
    if environment_mode:
        monkeypatch.setenv("PMO_AUTH", environment_mode)
    with caplog.at_level(logging.ERROR):
        at = run_portfolio()
    assert at.error and shows_nothing_of_the_portfolio(at)
    assert any(r.getMessage() == f"sign-in settings unreadable: {reason}" or
               r.getMessage().startswith(f"sign-in settings unreadable: {reason}") for r in caplog.records)


def test_no_sign_in_setting_at_all_explains_how_to_choose(demo_copy, secrets_file):
    at = run_portfolio()
    assert [t.value for t in at.title] == ["PMO Dashboard"]
    explanation = at.warning[0].value
    assert explanation.startswith("Sign-in is not set up, so the dashboard stays closed.")
    assert 'mode = \\"password\\"' in explanation or 'mode = "password"' in explanation
    assert "PMO_AUTH=none" in explanation and "make run" in explanation
    assert shows_nothing_of_the_portfolio(at)


def test_a_secrets_file_without_pmo_auth_is_not_open_access(demo_copy, secrets_file):
    secrets_file.write_text('[auth]\ncookie_secret = "x"\n', encoding="utf-8")
    at = run_portfolio()
    assert at.warning[0].value.startswith("Sign-in is not set up") and shows_nothing_of_the_portfolio(at)


@pytest.mark.parametrize("file_text, environment_mode", [('[pmo_auth]\nmode = "none"\n', None), (None, "none")])
def test_open_access_said_explicitly_opens_the_dashboard(demo_copy, secrets_file, monkeypatch, file_text,
                                                         environment_mode):
    if file_text:
        secrets_file.write_text(file_text, encoding="utf-8")
    if environment_mode:
        monkeypatch.setenv("PMO_AUTH", environment_mode)
    at = run_portfolio()
    assert at.title[0].value == "Portfolio health · October 2026"
    assert {m.label: m.value for m in at.metric}["Red projects"] == "9 of 25"


def test_a_database_in_a_missing_folder_shows_what_to_do(tmp_path, monkeypatch):
    """A mistyped PMO_DB used to start a new, empty database (and create its folders)."""
    from tests.conftest import app_test

    mistyped = tmp_path / "var" / "lib" / "pmo-dashbaord" / "pmo.duckdb"
    monkeypatch.setenv("PMO_DB", str(mistyped))
    at = app_test()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    message = at.error[0].value
    assert message.startswith(f"No database: {mistyped}: the folder {mistyped.parent} does not exist.")
    assert "Check `PMO_DB`" in message and not at.dataframe and not at.metric
    assert not (tmp_path / "var").exists()


def test_the_throttle_waits_longer_after_each_failure_then_locks_out_and_forgets():
    from pmo_data.auth import SignInThrottle, ThrottleSettings

    now = [1000.0]
    throttle = SignInThrottle(ThrottleSettings(free_failures=3, first_delay_seconds=1.0, lockout_after=6,
                                               lockout_minutes=15.0), clock=lambda: now[0])
    keys = ("name:eve", "client:10.0.0.9")
    waits = []
    for _ in range(6):
        waits.append(throttle.wait_seconds(keys))
        throttle.failed(keys)  # every guess at the same instant: the waits grow, none is sat out
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0, 4.0]
    assert throttle.locked_out(keys) and throttle.wait_seconds(keys) == 15 * 60
    assert throttle.wait_seconds(("name:bo", "client:10.0.0.9")) == 15 * 60  # the client, under another name
    assert throttle.wait_seconds(("name:eve", "client:10.0.0.7")) == 15 * 60  # the name, from another client
    assert throttle.wait_seconds(("name:bo", "client:10.0.0.7")) == 0.0
    now[0] += 15 * 60
    assert not throttle.locked_out(keys) and throttle.wait_seconds(keys) == 0.0


def test_the_wait_doubles_after_the_free_failures():
    from pmo_data.auth import SignInThrottle, ThrottleSettings

    now = [0.0]
    throttle = SignInThrottle(ThrottleSettings(free_failures=2, first_delay_seconds=1.0, lockout_after=10),
                              clock=lambda: now[0])
    waits = []
    for _ in range(6):
        now[0] += throttle.wait_seconds(["client:a"])  # the guesser waits exactly as long as told
        waits.append(throttle.wait_seconds(["client:a"]))
        throttle.failed(["client:a"])
        waits[-1] = throttle.wait_seconds(["client:a"])
    assert waits == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    throttle.succeeded("client:b")  # a success clears only the name it gives
    assert throttle.wait_seconds(["client:a"]) == 16.0


@pytest.mark.parametrize("value", ["3", -1, 0, True])
def test_a_bad_throttle_setting_closes_the_dashboard(value):
    from pmo_data.auth import AccessSettingsError, access_settings

    with pytest.raises(AccessSettingsError, match="lockout_after must be a whole number ≥ 1"):
        access_settings({"mode": "password", "editor_password": "x", "lockout_after": value}, None)


@pytest.fixture
def client_address(monkeypatch):
    """The visitor's address as the pages see it (AppTest has no connection: its context is a mock)."""
    monkeypatch.setattr("pages.common.access._client", lambda: "203.0.113.9")
    return "203.0.113.9"


def test_ten_wrong_passwords_lock_the_sign_in_and_every_try_is_in_the_audit_log(demo_copy, client_address):
    """Ten wrong passwords in a row, then the right one, used to sign in: no delay, no lockout, no log."""
    from pmo_data.auth import hash_password
    from pmo_data.store import open_store
    from tests.conftest import app_test

    sign_in = {"mode": "password", "editor_password": hash_password("change", iterations=1000),
               "first_delay_seconds": 0, "lockout_after": 10, "lockout_minutes": 15}
    at = app_test(sign_in)
    at.switch_page("pages/portfolio.py")  # AppTest: a first run without it swallows the first click
    at.run()
    for attempt in range(10):
        at.text_input(key="sign_in_name").input("Mallory")
        at.text_input(key="sign_in_password").input(f"guess {attempt}")
        at.button[0].click().run()
        assert at.error[0].value == "That password is not right.", attempt
    at.text_input(key="sign_in_password").input("change")
    at.button[0].click().run()
    assert at.error[0].value == "Too many failed sign-ins: try again in 15 minutes."
    assert not at.dataframe and not at.metric and "pmo_role" not in at.session_state
    at.text_input(key="sign_in_name").input("Someone else")  # another name from the same client: still locked
    at.button[0].click().run()
    assert at.error[0].value.startswith("Too many failed sign-ins")
    log = open_store(demo_copy).query("select user_name, action, detail from audit_log order by logged_at")
    assert log["action"].value_counts().to_dict() == {"sign-in failed": 10, "sign-in refused": 2}
    assert log.iloc[0].tolist() == ["Mallory", "sign-in failed", "client 203.0.113.9"]
    assert log.iloc[-1].tolist() == ["Someone else", "sign-in refused", "locked out; client 203.0.113.9"]


def test_a_successful_sign_in_is_in_the_audit_log(demo_copy, client_address):
    from pmo_data.auth import hash_password
    from pmo_data.store import open_store
    from tests.conftest import app_test

    at = app_test({"mode": "password", "viewer_password": hash_password("look", iterations=1000)})
    at.switch_page("pages/portfolio.py")  # AppTest: a first run without it swallows the first click
    at.run()
    at.text_input(key="sign_in_name").input("Vic")
    at.text_input(key="sign_in_password").input("look")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [] and at.title[0].value == "Portfolio health · October 2026"
    log = open_store(demo_copy).query("select user_name, action, detail from audit_log")
    assert log.values.tolist() == [["Vic", "sign-in", "viewer; client 203.0.113.9"]]
