"""Sign-in fails closed: settings that cannot be read stop every page (and say so in the log),
no setting at all explains how to choose, and open access is only ever an explicit setting."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import os
import stat
import time

import httpx
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pmo_data import audit, sessions
from pmo_data.auth import AccessSettingsError, access_settings, client_name, hash_password, trusted_proxies
from pmo_data.store import open_store
from tests.conftest import ROOT, app_test, signed_in_app_test

# the demo's own imports are in the log too (schema 009): the sign-in rows are what these tests read
def sign_in_log(db) -> pd.DataFrame:
    """The sign-ins the audit view shows (user, action, detail), oldest first; none of them is a row of
    the database (issue 26: what a stranger sends never writes to it)."""
    store = open_store(db)
    assert store.scalar("select count(*) from audit_log where action like 'sign-%'") == 0
    shown = audit.entries(store, ["sign-in", "sign-in failed", "sign-in refused"])
    return shown.iloc[::-1][["user_name", "action", "detail"]].reset_index(drop=True)


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
    assert at.error[0].value.startswith("The dashboard is closed: its sign-in settings cannot be used")
    assert shows_nothing_of_the_portfolio(at)
    logged = [r.getMessage() for r in caplog.records if r.name == "pages.common.access"]
    assert logged and all(m.startswith("sign-in settings unreadable: ") for m in logged), logged


@pytest.mark.parametrize("settings, environment_mode, reason", [
    ('[pmo_auth]\nmode = "pasword"\n', None, "unknown sign-in mode 'pasword'"),
    ('[pmo_auth]\nmode = "password"\n', None, "mode 'password' needs viewer_password or editor_password"),
    ('[pmo_auth]\nmode = "password"\nviewer_password = "s3cr3t-hash"\n', "none",
     "PMO_AUTH=none (what `make run` passes) would switch off the sign-in"),
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
    shown = at.error[0].value.replace("\\", "")  # the page names the conflict and its fix, never a secret's value
    assert reason in shown and "To open it:" in shown and "s3cr3t" not in shown


def test_make_run_beside_a_password_setting_says_how_to_try_it(demo_copy, secrets_file, monkeypatch):
    # issue 27: plain `make run` (PMO_AUTH=none) with the password sign-in of docs/deploy.md set up
    secrets_file.write_text('[pmo_auth]\nmode = "password"\neditor_password = "s3cr3t-hash"\n', encoding="utf-8")
    monkeypatch.setenv("PMO_AUTH", "none")
    shown = run_portfolio().error[0].value.replace("\\", "")
    assert "make run PMO_AUTH=password" in shown and "remove `mode` from [pmo_auth]" in shown


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


def test_simultaneous_guesses_cannot_pass_the_limit():
    # issue 26, item 12: 28 of 40 simultaneous wrong passwords were checked against a lockout of 10,
    # each having looked at the count before any had added to it
    import threading

    from pmo_data.auth import SignInThrottle, ThrottleSettings

    throttle = SignInThrottle(ThrottleSettings(free_failures=3, first_delay_seconds=5.0, lockout_after=10),
                              clock=lambda: 1000.0)
    start, allowed = threading.Barrier(40), []

    def guess(number: int) -> None:
        start.wait()
        if throttle.begin(("name:editor", f"client:10.0.0.{number}")) == 0:
            allowed.append(number)  # this guess's password would be checked

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 3  # the free tries of the name; every later one is told to wait


def test_a_right_password_takes_back_only_its_own_count():
    from pmo_data.auth import SignInThrottle, ThrottleSettings

    now = [0.0]
    throttle = SignInThrottle(ThrottleSettings(free_failures=2, first_delay_seconds=1.0, lockout_after=10),
                              clock=lambda: now[0])
    for _ in range(2):  # two wrong guesses at the editor's password from one client
        assert throttle.begin(("name:editor", "client:a")) == 0
    assert throttle.begin(("name:viewer", "client:a")) == 1.0  # the client waits a second first
    now[0] = 1.0
    assert throttle.begin(("name:viewer", "client:a")) == 0  # the viewer's right password
    throttle.succeeded("name:viewer", "client:a")
    # the client's two guesses still count: its next try waits 1 s (3 counted would be 2 s; cleared, 0)
    assert throttle.wait_seconds(("name:someone", "client:a")) == 1.0


@pytest.mark.parametrize("value", ["3", -1, 0, True])
def test_a_bad_throttle_setting_closes_the_dashboard(value):
    with pytest.raises(AccessSettingsError, match="lockout_after must be a whole number ≥ 1"):
        access_settings({"mode": "password", "editor_password": "x", "lockout_after": value}, None)


# -- the sign-in routes (pages/common/server.py), over HTTP in this process ----------------------

PASSWORD_SIGN_IN = {"mode": "password", "viewer_password": hash_password("look", iterations=1000),
                    "editor_password": hash_password("change", iterations=1000)}


def sign_in_app(secrets_file, settings: dict):
    """The server's own routes with these sign-in settings, as one ASGI app."""
    from starlette.applications import Starlette

    from pages.common.server import routes

    lines = ["[pmo_auth]"] + [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    secrets_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Starlette(routes=routes())


def call(app, method: str, path: str, form: dict | None = None, client: str = "203.0.113.9",
         base: str = "http://dashboard.test", headers: dict | None = None):
    """One request to `app` from `client`, redirects not followed."""
    async def go():
        transport = httpx.ASGITransport(app=app, client=(client, 50000))
        async with httpx.AsyncClient(transport=transport, base_url=base) as http:
            return await http.request(method, path, data=form, headers=headers)

    return asyncio.run(go())


def test_ten_wrong_passwords_lock_the_sign_in_and_every_try_is_in_the_audit_log(demo_copy, secrets_file):
    """Ten wrong passwords in a row, then the right one, used to sign in: no delay, no lockout, no log."""
    app = sign_in_app(secrets_file, {**PASSWORD_SIGN_IN, "first_delay_seconds": 0, "lockout_after": 10,
                                     "lockout_minutes": 15})
    for attempt in range(10):
        response = call(app, "POST", "/sign-in", {"name": "Mallory", "password": f"guess {attempt}", "next": "/"})
        assert response.status_code == 401 and "That password is not right." in response.text, attempt
        assert "set-cookie" not in response.headers
    response = call(app, "POST", "/sign-in", {"name": "Mallory", "password": "change", "next": "/"})
    assert response.status_code == 429 and "Too many failed sign-ins: try again in 15 minutes." in response.text
    assert "set-cookie" not in response.headers
    # another name from the same client: still locked
    response = call(app, "POST", "/sign-in", {"name": "Someone else", "password": "change", "next": "/"})
    assert response.status_code == 429
    # the name typed again is kept in the form; the password never is
    assert 'value="Someone else"' in response.text and "change" not in response.text
    log = sign_in_log(demo_copy)
    assert log["action"].value_counts().to_dict() == {"sign-in failed": 10, "sign-in refused": 2}
    assert log.iloc[0].tolist() == ["Mallory", "sign-in failed", "client 203.0.113.9"]
    assert log.iloc[-1].tolist() == ["Someone else", "sign-in refused", "locked out; client 203.0.113.9"]


def test_a_successful_sign_in_sets_the_cookie_and_is_in_the_audit_log(demo_copy, secrets_file):
    app = sign_in_app(secrets_file, PASSWORD_SIGN_IN)
    response = call(app, "POST", "/sign-in", {"name": "  Vic \u202e ", "password": "look", "next": "/risks?period=Oct+2026"})
    assert response.status_code == 303 and response.headers["location"] == "/risks?period=Oct+2026"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{sessions.COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Max-Age=43200" in cookie and "Secure" not in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    from pages.common.access import session_key

    session = sessions.verify(session_key(PASSWORD_SIGN_IN), token, time.time())
    assert (session.name, session.role) == ("Vic", "viewer")  # the direction override is gone
    assert 12 * 3600 - 60 < session.expires - time.time() <= 12 * 3600
    log = sign_in_log(demo_copy)
    assert log.values.tolist() == [["Vic", "sign-in", "viewer; client 203.0.113.9"]]


def test_over_https_the_cookie_is_secure_and_the_proxy_names_the_client(demo_copy, secrets_file):
    app = sign_in_app(secrets_file, PASSWORD_SIGN_IN)
    response = call(app, "POST", "/sign-in", {"name": "Eve", "password": "change"}, client="127.0.0.1",
                    base="https://pmo.example.com", headers={"X-Real-IP": "198.51.100.4"})
    assert response.status_code == 303 and "; Secure" in response.headers["set-cookie"]
    assert response.headers["location"] == "/"
    assert sign_in_log(demo_copy)["detail"].tolist() == ["editor; client 198.51.100.4"]


def test_a_form_posted_from_another_site_is_refused(demo_copy, secrets_file):
    app = sign_in_app(secrets_file, PASSWORD_SIGN_IN)
    response = call(app, "POST", "/sign-in", {"name": "Eve", "password": "change"},
                    headers={"Origin": "https://evil.example"})
    assert response.status_code == 403 and "set-cookie" not in response.headers
    assert open_store(demo_copy).scalar("select count(*) from audit_log where action like 'sign-in%'") == 0


@pytest.mark.parametrize("asked, went", [
    ("/portfolio?period=Oct+2026", "/portfolio?period=Oct+2026"),
    ("https://evil.example/", "/"), ("//evil.example/", "/"), ("/\\evil.example", "/"), ("portfolio", "/"),
    ("/x\r\nSet-Cookie: a=b", "/"), ("", "/"),
])
def test_after_signing_in_only_a_page_of_this_site_is_next(asked, went):
    from pages.common.server import _safe_next

    assert _safe_next(asked) == went


def test_settings_that_cannot_be_read_close_the_sign_in_page_too(demo_copy, secrets_file, caplog):
    app = sign_in_app(secrets_file, {"mode": "password"})  # no password
    with caplog.at_level(logging.ERROR):
        response = call(app, "GET", "/sign-in")
    assert response.status_code == 503 and "The dashboard is closed" in response.text and "<form" not in response.text
    assert any(r.getMessage().startswith("sign-in settings unreadable: mode 'password' needs") for r in caplog.records)


def test_no_password_form_in_open_access_or_oidc(demo_copy, secrets_file):
    for settings in ({"mode": "none"}, {"mode": "oidc", "editors": ["ann@example.com"]}):
        response = call(sign_in_app(secrets_file, settings), "POST", "/sign-in", {"password": "x"})
        assert response.status_code == 303 and response.headers["location"] == "/"


# -- the pages check the cookie on every run ---------------------------------------------------------

def test_the_pages_show_the_signed_in_name_as_plain_text(demo_copy, monkeypatch):
    """The name used to be Markdown in a caption: bold, a link, an image from anywhere."""
    name = "**Bold** [click](http://evil.example) ![x](http://evil.example/x.png)"
    at = signed_in_app_test(monkeypatch, PASSWORD_SIGN_IN, name, "editor")
    assert [t.value for t in at.sidebar.text] == [f"Signed in as {name} (editor)"]
    assert all("evil" not in m.value for m in [*at.sidebar.markdown, *at.sidebar.caption])
    assert at.title[0].value == "Portfolio health · October 2026"


def test_an_expired_cookie_shows_the_sign_in_again(demo_copy, monkeypatch):
    from pages.common import access

    token = sessions.issue(access.session_key(PASSWORD_SIGN_IN), "Eve", "editor", time.time() - 13 * 3600)
    monkeypatch.setattr(access, "_cookie", lambda name: token)
    at = app_test(PASSWORD_SIGN_IN)
    at.run()
    assert [t.value for t in at.title] == ["PMO Dashboard"] and not at.metric and not at.dataframe
    assert at.markdown[0].value == "Your sign-in has ended: sign in again to go on."
    assert not at.sidebar.text


def test_changing_a_password_ends_the_sessions_signed_with_the_old_one(demo_copy, monkeypatch):
    from pages.common import access

    token = sessions.issue(access.session_key(PASSWORD_SIGN_IN), "Eve", "editor", time.time())
    monkeypatch.setattr(access, "_cookie", lambda name: token)
    changed = {**PASSWORD_SIGN_IN, "editor_password": hash_password("new one", iterations=1000)}
    at = app_test(changed)
    at.run()
    assert at.markdown[0].value == "Your sign-in has ended: sign in again to go on." and not at.metric


# -- tokens and the secret they are signed with (pmo_data/sessions.py) ------------------------------

KEY = b"k" * 32


def test_a_token_proves_its_name_and_role_until_it_expires():
    token = sessions.issue(KEY, "Ann Ó'Brien", "editor", now=1_000_000.0, hours=12)
    session = sessions.verify(KEY, token, now=1_000_000.0 + 12 * 3600 - 1)
    assert (session.name, session.role, session.expires) == ("Ann Ó'Brien", "editor", 1_000_000.0 + 12 * 3600)
    assert sessions.verify(KEY, token, now=1_000_000.0 + 12 * 3600) is None
    assert sessions.issue(KEY, "Ann", "editor", 0.0) != sessions.issue(KEY, "Ann", "editor", 0.0)  # each its own id


def _claims(token: str) -> dict:
    payload = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _payload(claims: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()


def test_a_tampered_token_proves_nothing():
    token = sessions.issue(KEY, "Vic", "viewer", now=0.0)
    payload, signature = token.split(".")
    assert sessions.verify(KEY, f"{_payload({**_claims(token), 'r': 'editor'})}.{signature}", 1.0) is None
    assert sessions.verify(KEY, f"{_payload({**_claims(token), 'e': 10**12})}.{signature}", 1.0) is None
    assert sessions.verify(KEY, f"{payload}.{signature[:-2]}AA", 1.0) is None
    assert sessions.verify(b"another key" * 3, token, 1.0) is None
    assert sessions.verify(KEY, token, 1.0).role == "viewer"


@pytest.mark.parametrize("token", [None, "", "abc", "a.b.c", "....", "%%%.%%%", "é.é"])
def test_a_malformed_token_proves_nothing(token):
    assert sessions.verify(KEY, token, 0.0) is None


def test_a_well_signed_token_of_an_unknown_role_proves_nothing():
    payload = _payload({"n": "x", "r": "admin", "e": 10**12, "i": "y"})
    signature = base64.urlsafe_b64encode(hmac.new(KEY, payload.encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
    assert sessions.verify(KEY, f"{payload}.{signature}", 0.0) is None
    with pytest.raises(ValueError):
        sessions.issue(KEY, "x", "admin", 0.0)


def test_the_secret_is_made_once_in_a_private_file_beside_the_database(tmp_path):
    first = sessions.signing_key(PASSWORD_SIGN_IN, tmp_path)
    secret = tmp_path / sessions.SECRET_FILE
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and len(secret.read_text()) == 64
    assert sessions.signing_key(PASSWORD_SIGN_IN, tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == [sessions.SECRET_FILE]  # no draft left behind
    other = {**PASSWORD_SIGN_IN, "viewer_password": hash_password("new", iterations=1000)}
    assert sessions.signing_key(other, tmp_path) != first


def test_a_secret_in_the_settings_is_used_instead_of_a_file(tmp_path):
    settings = {**PASSWORD_SIGN_IN, "session_secret": "s" * 40}
    assert sessions.signing_key(settings, tmp_path) == sessions.signing_key(settings, tmp_path / "elsewhere")
    assert not (tmp_path / sessions.SECRET_FILE).exists()


def test_a_secret_that_cannot_be_trusted_or_kept_closes_the_sign_in(tmp_path):
    elsewhere = tmp_path / "planted"
    elsewhere.write_text("x" * 64)
    (tmp_path / sessions.SECRET_FILE).symlink_to(elsewhere)
    with pytest.raises(AccessSettingsError, match="cannot be read"):
        sessions.signing_key(PASSWORD_SIGN_IN, tmp_path)
    short = tmp_path / "short"
    short.mkdir()
    (short / sessions.SECRET_FILE).write_text("abc")
    with pytest.raises(AccessSettingsError, match="shorter than 32"):
        sessions.signing_key(PASSWORD_SIGN_IN, short)
    with pytest.raises(AccessSettingsError, match="cannot be created"):
        sessions.signing_key(PASSWORD_SIGN_IN, tmp_path / "missing folder")


@pytest.mark.parametrize("setting, message", [
    ({"session_secret": "too short"}, "session_secret must be a string of at least 32 characters"),
    ({"session_hours": 0}, "session_hours must be a number of hours above 0"),
    ({"session_hours": "12"}, "session_hours must be a number of hours above 0"),
])
def test_bad_session_settings_close_the_dashboard(setting, message):
    with pytest.raises(AccessSettingsError, match=message):
        access_settings({**PASSWORD_SIGN_IN, **setting}, None)


def test_the_proxy_names_the_client_only_from_this_machine():
    assert client_name("127.0.0.1", "198.51.100.4") == "198.51.100.4"
    assert client_name("::1", None) == "local"
    assert client_name("203.0.113.9", "198.51.100.4") == "203.0.113.9"  # a remote peer cannot pick its name


def test_the_proxies_trusted_are_a_setting():
    # a proxy on another machine of the PMO's network, named in [pmo_auth] trusted_proxies
    proxies = trusted_proxies({"trusted_proxies": ["10.0.0.5", "192.168.1.0/24"]})
    assert client_name("10.0.0.5", "198.51.100.4", proxies) == "198.51.100.4"
    assert client_name("192.168.1.77", "198.51.100.4", proxies) == "198.51.100.4"
    assert client_name("127.0.0.1", "198.51.100.4", proxies) == "127.0.0.1"  # not named: this machine is a client
    for bad, message in (("10.0.0.5", "must be a list of addresses"), (["proxy.local"], "trusted_proxies:")):
        with pytest.raises(AccessSettingsError, match=message):
            access_settings({**PASSWORD_SIGN_IN, "trusted_proxies": bad}, None)


def test_a_token_signed_out_stays_out_until_it_would_have_expired():
    signed_out = sessions.SignedOut()
    session = sessions.verify(KEY, sessions.issue(KEY, "Ann", "editor", now=0.0, hours=1), 0.0)
    signed_out.add(session, now=10.0)
    assert signed_out.contains(session.token_id)
    later = sessions.verify(KEY, sessions.issue(KEY, "Bo", "viewer", now=4000.0, hours=1), 4000.0)
    signed_out.add(later, now=4000.0)  # the first one's hour is over: forgotten
    assert not signed_out.contains(session.token_id) and signed_out.contains(later.token_id)


def test_strangers_trying_passwords_write_nothing_to_the_database(demo_copy, secrets_file):
    # issue 26, item 3: 308 unauthenticated POSTs made 308 copies of the database (5.3 GB for 17 MB)
    store = open_store(demo_copy)
    version, published = store.version, sorted(p.name for p in store.published_dir.iterdir())
    app = sign_in_app(secrets_file, {**PASSWORD_SIGN_IN, "free_failures": 1000, "lockout_after": 1000})
    for attempt in range(30):
        call(app, "POST", "/sign-in", {"name": f"stranger{attempt}", "password": "guess", "next": "/"})
    assert store.version == version and sorted(p.name for p in store.published_dir.iterdir()) == published
    assert len(sign_in_log(demo_copy)) == 30  # each try is in the sign-in log, shown in the audit view


def test_the_sign_in_log_is_bounded_and_private(tmp_path, monkeypatch):
    from pmo_data import sign_in_log as log

    monkeypatch.setattr(log, "MAX_BYTES", 2_000)
    database = tmp_path / "pmo.duckdb"
    for n in range(200):  # about 120 bytes each: 24,000 bytes through files of 2,000
        log.append(database, "sign-in failed", f"name{n}", "client 203.0.113.9")
    files = sorted(tmp_path.glob("pmo.duckdb.sign-ins.jsonl*"))
    assert len(files) == log.KEPT + 1 and all(f.stat().st_size <= 2_000 for f in files)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    kept = list(log.entries(database))
    assert kept[-1]["user_name"] == "name199" and len(kept) < 200  # the newest kept, the oldest rotated away
    assert [e["user_name"] for e in kept] == [f"name{n}" for n in range(200 - len(kept), 200)]  # in order
