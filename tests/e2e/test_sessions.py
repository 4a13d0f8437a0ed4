"""A signed-in session is bound to the browser that signed in, not to its session id: a real
server, a password sign-in over HTTP (the cookie), then websocket clients of Streamlit's own
protocol (benchmarks/ws_session.py) — one with the cookie, one with only the session id, as
someone who read the id in a log or an upload URL would have. And /healthz on a real server."""

from __future__ import annotations

import base64
import http.client
import json
import shutil
import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from benchmarks.browser_pages import CHROMIUM, serve
from benchmarks.ws_session import run_page_sync as run_page
from pmo_data.auth import hash_password
from pmo_data.sessions import COOKIE
from tests.e2e.conftest import wait_for_app

PASSWORDS = {"viewer": "look", "editor": "change"}


def secrets_text(**extra) -> str:
    lines = ["[pmo_auth]", 'mode = "password"']
    lines += [f'{role}_password = "{hash_password(password, iterations=1000)}"' for role, password in PASSWORDS.items()]
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def password_server(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("password-server")
    shutil.copy(demo_db, folder / "pmo.duckdb")
    # every test signs in from this machine, one client for the throttle: its few wrong passwords must not
    # make the next test wait (the throttle itself is tested in tests/test_sign_in.py)
    (folder / "secrets.toml").write_text(secrets_text(free_failures=20), encoding="utf-8")
    with serve("app.py", folder / "pmo.duckdb", secrets=folder / "secrets.toml") as url:
        yield url


def request(url: str, method: str = "GET", form: dict | None = None, headers: dict | None = None):
    """One HTTP exchange, redirects not followed: (status, headers, body)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=60)
    body = urlencode(form).encode() if form is not None else None
    sent = {**({"Content-Type": "application/x-www-form-urlencoded"} if form is not None else {}), **(headers or {})}
    connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body, headers=sent)
    response = connection.getresponse()
    result = response.status, response.headers, response.read().decode()
    connection.close()
    return result


def sign_in(url: str, name: str, password: str, next_path: str = "/data"):
    """Posts the sign-in form: (status, the Set-Cookie header's morsel or None, headers, body)."""
    status, headers, body = request(f"{url}/sign-in", "POST", {"name": name, "password": password, "next": next_path})
    cookie = SimpleCookie(headers.get("Set-Cookie", ""))
    return status, cookie.get(COOKIE), headers, body


def test_a_session_id_without_the_browsers_cookie_does_not_resume_the_sign_in(password_server):
    status, cookie, headers, _ = sign_in(password_server, "Eve", PASSWORDS["editor"])
    assert status == 303 and headers["Location"] == "/data"
    raw = headers["Set-Cookie"].lower()
    assert "httponly" in raw and "samesite=strict" in raw and "path=/" in raw and "max-age=43200" in raw
    assert "secure" not in raw  # plain http on loopback; https sets it (test_sign_in.py)

    editor = run_page(password_server, "data", cookies={COOKIE: cookie.value})
    assert editor.shows("Signed in as Eve (editor)") and "file_uploader" in editor.kinds, editor.texts
    assert editor.session_id

    replay = run_page(password_server, "data", session_id=editor.session_id)
    assert replay.session_id == editor.session_id  # the very session resumed: only the cookie check stops it
    assert not replay.shows("Signed in as"), replay.texts
    assert replay.shows("Sign in to see the portfolio.") and any("/sign-in?next=" in t for t in replay.texts)
    assert "file_uploader" not in replay.kinds and "dataframe" not in replay.kinds

    back = run_page(password_server, "data", cookies={COOKIE: cookie.value}, session_id=editor.session_id)
    assert back.session_id == editor.session_id and back.shows("Signed in as Eve (editor)")


def test_a_forged_or_wrong_password_cookie_signs_no_one_in(password_server):
    status, cookie, _, body = sign_in(password_server, "Mallory", "guess")
    assert status == 401 and cookie is None and "That password is not right." in body
    _, viewer, _, _ = sign_in(password_server, "Vic", PASSWORDS["viewer"])
    payload, signature = viewer.value.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    promoted = base64.urlsafe_b64encode(json.dumps({**claims, "r": "editor"}).encode()).rstrip(b"=").decode()
    forged = run_page(password_server, "data", cookies={COOKIE: f"{promoted}.{signature}"})
    assert forged.shows("Your sign-in has ended") and not forged.shows("Signed in as"), forged.texts
    assert run_page(password_server, "data", cookies={COOKIE: viewer.value}).shows("Signed in as Vic (viewer)")


def test_sign_out_clears_the_cookie_and_ends_the_session_in_every_tab(password_server):
    _, cookie, _, _ = sign_in(password_server, "Ann", PASSWORDS["editor"])
    other_tab = run_page(password_server, "portfolio", cookies={COOKIE: cookie.value})
    assert other_tab.shows("Signed in as Ann (editor)")
    # a GET (a link or an image on another site) signs nobody out: it shows the button (issue 26, item 16)
    status, _, body = request(f"{password_server}/sign-out", headers={"Cookie": f"{COOKIE}={cookie.value}"})
    assert status == 200 and '<form method="post" action="/sign-out">' in body
    assert run_page(password_server, "portfolio", cookies={COOKIE: cookie.value}).shows("Signed in as Ann (editor)")
    # a form posted from another site's page is refused
    status, _, _ = request(f"{password_server}/sign-out", "POST", {}, headers={
        "Cookie": f"{COOKIE}={cookie.value}", "Origin": "http://evil.example"})
    assert status == 403
    status, headers, _ = request(f"{password_server}/sign-out", "POST", {}, headers={"Cookie": f"{COOKIE}={cookie.value}"})
    assert status == 303 and headers["Location"] == "/sign-in"
    cleared = SimpleCookie(headers["Set-Cookie"])[COOKIE]
    assert cleared.value == "" and cleared["max-age"] == "0"
    # the other tab's connection still sends the cookie it opened with: its next run is signed out
    again = run_page(password_server, "portfolio", cookies={COOKIE: cookie.value}, session_id=other_tab.session_id)
    assert again.shows("Your sign-in has ended") and not again.shows("Signed in as")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium): browser tests skipped")
def test_a_browser_signs_in_on_the_form_and_comes_back_to_its_page(page, password_server):
    page.goto(f"{password_server}/risks?period=Sep+2026")
    page.wait_for_url("**/sign-in?next=**")  # the form is the landing page (issue 27): no lone button first
    landed = urlsplit(page.url)
    assert landed.path == "/sign-in" and parse_qs(landed.query)["next"] == ["/risks?period=Sep+2026"]
    page.get_by_label("Your name").fill("Eve")
    page.get_by_label("Password").fill("guess")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "That password is not right."
    assert page.get_by_label("Your name").input_value() == "Eve"
    page.get_by_label("Password").fill(PASSWORDS["editor"])
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page, "Signed in as Eve (editor)")
    assert page.url == f"{password_server}/risks?period=Sep+2026"
    assert page.get_by_role("heading", name="Risks · September 2026").is_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()  # the page of its own: a POST from this site
    page.wait_for_url("**/sign-in")
    assert COOKIE not in {c["name"] for c in page.context.cookies()}


def test_opening_a_page_without_a_session_lands_on_the_form(password_server):
    # issue 27: the form is the landing page; assets, the health check and a signed-in browser pass
    html = {"Accept": "text/html,application/xhtml+xml"}
    status, headers, _ = request(f"{password_server}/outlook?period=Oct+2026&days=90", headers=html)
    assert status == 303 and headers["Location"] == "/sign-in?" + urlencode({"next": "/outlook?period=Oct+2026&days=90"})
    assert request(f"{password_server}/", headers=html)[1]["Location"] == "/sign-in?next=%2F"
    assert request(f"{password_server}/_stcore/health", headers=html)[0] == 200
    assert request(f"{password_server}/healthz", headers=html)[0] == 200
    _, cookie, _, _ = sign_in(password_server, "Eve", PASSWORDS["viewer"])
    status, _, body = request(f"{password_server}/outlook", headers={**html, "Cookie": f"{COOKIE}={cookie.value}"})
    assert status == 200 and "<div id=\"root\">" in body


def test_the_sign_in_form_is_a_plain_page_of_its_own(password_server):
    status, headers, body = request(f"{password_server}/sign-in?next=/risks")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert '<form method="post" action="/sign-in">' in body and 'name="next" value="/risks"' in body
    assert "<script" not in body and "http" not in body.replace("http-equiv", "")  # nothing from elsewhere
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    _, headers, body = request(f"{password_server}/sign-in?next=//evil.example/x")
    assert 'name="next" value="/"' in body  # never a redirect to another site


def test_healthz_says_ok_when_the_database_can_be_read(password_server):
    with urllib.request.urlopen(f"{password_server}/healthz", timeout=30) as response:
        assert response.status == 200 and response.read() == b"ok"


@pytest.mark.parametrize("spoil", ["not a database", "a folder"])
def test_healthz_fails_when_the_database_cannot_be_read(tmp_path, spoil):
    """It used to say `ok` (Streamlit's /_stcore/health still does) while every page failed."""
    db = tmp_path / "pmo.duckdb"
    if spoil == "a folder":
        db.mkdir()
    else:
        db.write_text("this is not a DuckDB database\n", encoding="utf-8")
    with serve("app.py", db) as url:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as response:
            assert response.read() == b"ok"
        status, headers, body = request(f"{url}/healthz")
    assert status == 503 and headers["Cache-Control"] == "no-store"
    assert body.startswith(f"database unavailable: {db}: cannot be opened (IO Error: ") and "\n" not in body


def test_healthz_fails_while_the_pages_are_closed_by_their_settings(demo_db, tmp_path):
    # issue 26, item 13: /healthz said "200 ok" while every page said "closed"
    shutil.copy(demo_db, tmp_path / "pmo.duckdb")
    (tmp_path / "secrets.toml").write_text('[pmo_auth]\nmode = "password"\n', encoding="utf-8")  # no password set
    with serve("app.py", tmp_path / "pmo.duckdb", secrets=tmp_path / "secrets.toml") as url:
        status, headers, body = request(f"{url}/healthz")
    assert status == 503 and body == ("closed: the sign-in settings cannot be used: mode 'password' needs "
                                      "viewer_password or editor_password in [pmo_auth]")
