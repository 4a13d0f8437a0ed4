"""Sign-in fails closed: settings that cannot be read stop every page (and say so in the log),
no setting at all explains how to choose, and open access is only ever an explicit setting."""

from __future__ import annotations

import logging
import os

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


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
