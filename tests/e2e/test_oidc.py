"""Sign-in with the organisation's identity provider, end to end: a local OpenID Connect provider
(oidc-provider-mock, on localhost), a dashboard server with `[pmo_auth] mode = "oidc"` and Streamlit's
`[auth]` settings, and headless Chromium going through st.login, the editors list, a viewer's limits
and sign-out. Then Streamlit's own session binding under this mode, at the websocket level: a
client with only a signed-in session's id does not get its st.user."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from benchmarks.browser_pages import free_port, serve
from benchmarks.ws_session import run_page_sync as run_page
from tests.e2e.conftest import BROWSER_TESTS, wait_for_app

pytestmark = BROWSER_TESTS

EDITOR, VIEWER = "ann@example.com", "bo@example.com"
SIGN_IN_BUTTON = "Sign in with your organisation account"


@pytest.fixture(scope="module")
def identity_provider():
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread() as provider:  # any client id and secret; the e-mail is what one types
        yield f"http://localhost:{provider.server_port}"


@pytest.fixture(scope="module")
def oidc_server(demo_db, identity_provider, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc-server")
    shutil.copy(demo_db, folder / "pmo.duckdb")
    port = free_port()
    (folder / "secrets.toml").write_text(textwrap.dedent(f"""\
        [pmo_auth]
        mode = "oidc"
        editors = ["{EDITOR.upper()}"]

        [auth]
        redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
        cookie_secret = "a test secret that is long enough to sign cookies"
        client_id = "pmo-dashboard"
        client_secret = "test-client-secret"
        server_metadata_url = "{identity_provider}/.well-known/openid-configuration"
        """), encoding="utf-8")
    with serve("app.py", folder / "pmo.duckdb", secrets=folder / "secrets.toml", port=port) as url:
        yield url


def sign_in(page, url: str, email: str) -> None:
    """Through st.login: the dashboard's button, the provider's form, back to the dashboard."""
    page.goto(f"{url}/")
    page.get_by_role("button", name=SIGN_IN_BUTTON).click()
    page.wait_for_url("**/oauth2/authorize**", timeout=30_000)
    page.locator("input[name=sub]").fill(email)
    page.get_by_role("button", name="Authorize").click()
    wait_for_app(page, f"Signed in as {email}")


def test_an_editor_signs_in_uploads_and_signs_out(page, oidc_server):
    page.goto(f"{oidc_server}/data")
    wait_for_app(page, SIGN_IN_BUTTON)
    assert page.locator("[data-testid=stFileUploader]").count() == 0 and page.locator("[data-testid=stMetric]").count() == 0
    sign_in(page, oidc_server, EDITOR)
    assert page.get_by_text(f"Signed in as {EDITOR} (editor)").is_visible()  # editors are matched without case
    page.goto(f"{oidc_server}/data")
    wait_for_app(page, "Import history")
    assert page.locator("[data-testid=stFileUploader]").count() == 1
    assert page.get_by_text("Remove an import").count() == 1  # the expander that holds Remove import
    page.get_by_role("button", name="Sign out").click()
    # st.logout ends the provider's session too (its end_session endpoint), then comes back
    page.wait_for_url("**/oauth2/end_session**", timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name=SIGN_IN_BUTTON).wait_for(timeout=30_000)
    assert not [c for c in page.context.cookies() if c["name"].startswith("_streamlit_user")]
    page.goto(f"{oidc_server}/data")
    wait_for_app(page, SIGN_IN_BUTTON)
    assert page.locator("[data-testid=stFileUploader]").count() == 0


def test_anyone_else_who_signs_in_is_a_viewer(page, oidc_server):
    sign_in(page, oidc_server, VIEWER)
    assert page.get_by_text(f"Signed in as {VIEWER} (viewer)").is_visible()
    page.goto(f"{oidc_server}/data")
    wait_for_app(page, "Import history")
    assert page.get_by_text("only editors can import", exact=False).count() >= 1
    assert page.locator("[data-testid=stFileUploader]").count() == 0
    assert page.get_by_text("Remove an import").count() == 0


def test_a_session_id_without_the_browsers_cookie_gets_no_signed_in_user(page, oidc_server):
    sign_in(page, oidc_server, EDITOR)
    cookies = {c["name"]: c["value"] for c in page.context.cookies() if c["name"].startswith("_streamlit")}
    user_cookie = next(c for c in page.context.cookies() if c["name"] == "_streamlit_user")
    assert user_cookie["httpOnly"], user_cookie  # no script in the page can read it
    # the browser's own cookies over a websocket: Streamlit reads st.user from them
    with_cookie = run_page(oidc_server, "data", cookies=cookies, xsrf=cookies["_streamlit_xsrf"])
    assert with_cookie.shows(f"Signed in as {EDITOR} (editor)") and "file_uploader" in with_cookie.kinds
    replay = run_page(oidc_server, "data", session_id=with_cookie.session_id)
    assert replay.session_id != with_cookie.session_id  # Streamlit hands out a new session instead
    assert replay.shows(SIGN_IN_BUTTON) and not replay.shows("Signed in as"), replay.texts
    assert "file_uploader" not in replay.kinds
