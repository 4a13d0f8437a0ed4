"""Who is using the dashboard, and what they may do. `[pmo_auth]` in .streamlit/secrets.toml (or
$PMO_AUTH) turns on either a shared viewer/editor password or sign-in with the organisation's
identity provider (OpenID Connect through Streamlit's st.login), or says `mode = "none"`: open
access, for a PMO trying it on its own machine (`make run` passes PMO_AUTH=none). Sign-in fails
closed: settings that cannot be read stop every page, and no setting at all is not open access.
Viewers see every page; only editors upload, map columns or remove imports. See docs/deploy.md.

Either way a sign-in is proven on every run by a cookie the browser holds, never by what the
session remembers (a session id, which logs and upload URLs show, resumes a session): for a
password, the signed token that the server's sign-in route sets (pages/common/server.py); for
OpenID Connect, Streamlit's own `_streamlit_user` cookie, from which it builds st.user."""

from __future__ import annotations

import html
import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import streamlit as st

from pages.common import display
from pmo_data import sessions, sign_in_log
from pmo_data.auth import AccessSettingsError, SignInThrottle, ThrottleSettings, access_settings, role_for_email
from pmo_data.config import database_path
from pmo_data.text_safety import NAME, clean_text

LOG = logging.getLogger(__name__)
SIGN_IN, SIGN_OUT = "sign-in", "sign-out"  # the server's routes for password sign-in (pages/common/server.py)


@dataclass(frozen=True)
class User:
    name: str | None
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role == "editor"


def _configured() -> dict:
    """The `[pmo_auth]` table of the secrets, {} when there is no secrets file at all. A file that
    exists but cannot be read or parsed is an error, never "no settings"."""
    try:
        configured = st.secrets.get("pmo_auth", {})
    except FileNotFoundError as error:
        # Streamlit raises its not-found error (a FileNotFoundError) for a missing file and for a
        # file it cannot parse alike: only a file that is not there means "nothing configured"
        if any(Path(path).exists() for path in st.get_option("secrets.files")):
            raise AccessSettingsError(str(error).splitlines()[0]) from None
        return {}
    except Exception as error:  # unreadable (permissions), a folder in its place, bad encoding
        raise AccessSettingsError(f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}") from None
    if not isinstance(configured, Mapping):
        raise AccessSettingsError("[pmo_auth] in secrets.toml must be a table")
    return dict(configured)


def _closed(error: AccessSettingsError) -> None:
    """The page a visitor sees when the sign-in settings cannot be used: why, and the fix (never a
    secret's value), and nothing else."""
    st.title("PMO Dashboard")
    st.error(closed_message(error), icon=":material/lock:")
    st.stop()


def closed_message(error: AccessSettingsError) -> str:
    """The closed dashboard's words, on a page and on the sign-in route alike."""
    return (f"The dashboard is closed: its sign-in settings cannot be used ({display.md(str(error))}). "
            f"To open it: {display.md(error.fix)}.")


def _not_set_up() -> None:
    """No secrets file section and no PMO_AUTH: say how to choose, and show nothing else."""
    st.title("PMO Dashboard")
    st.warning("Sign-in is not set up, so the dashboard stays closed. Choose one:\n\n"
               "- **sign-in** for a team: `[pmo_auth]` with `mode = \"password\"` or `mode = \"oidc\"` in "
               "`.streamlit/secrets.toml` (docs/deploy.md, Sign-in and roles);\n"
               "- **open access** on your own machine: `make run` (it passes `PMO_AUTH=none`), or "
               "`mode = \"none\"` in `[pmo_auth]`, or `PMO_AUTH=none` in the service's environment.",
               icon=":material/key:")
    st.stop()


def sign_in_settings() -> dict | None:
    """The `[pmo_auth]` settings with $PMO_AUTH over them, checked (pmo_data.auth.access_settings);
    None when nothing is set. Raises AccessSettingsError when they cannot be used."""
    return access_settings(_configured(), os.environ.get("PMO_AUTH"))


@st.cache_resource(show_spinner=False)
def sign_in_throttle(settings: ThrottleSettings) -> SignInThrottle:
    """The process's one record of failed sign-ins, shared by every session and created once."""
    return SignInThrottle(settings)


def audit_sign_in(action: str, name: str | None, detail: str) -> None:
    """A sign-in, a failed or refused one, a sign-out: in the sign-in log beside the database, never
    in the database (what a stranger sends must not cost a write, let alone a copy of it)."""
    try:
        sign_in_log.append(database_path(None).resolve(), action, name, detail)
    except OSError as error:  # the sign-in itself goes on; the server's log keeps the entry whole
        LOG.warning("%s by %r not recorded in the sign-in log (%s): %s", action, name, error, detail)


def _cookie(name: str) -> str | None:
    """A cookie of the browser's, as sent when this session's connection was opened (None without
    a browser: AppTest's stand-in connection answers with mock objects)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else None


def session_key(settings: dict) -> bytes:
    """The key sign-in tokens are signed with (pmo_data/sessions.py); its secret is kept beside
    the database unless `[pmo_auth]` gives one. Deleting or replacing the secret file signs
    everyone out at once, without a restart (issue 26, item 11): the cache is keyed by the file's
    identity, which costs one stat per page run."""
    data_dir = database_path().resolve().parent
    identity = _file_identity(data_dir / sessions.SECRET_FILE)
    if identity is None and not settings.get("session_secret"):  # no file yet: it is made now, cached from the next run
        return sessions.signing_key(settings, data_dir)
    return _signing_key(settings, str(data_dir), identity)


def _file_identity(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


# cached: every page run checks a token, and the key would otherwise read the secret file each time
@st.cache_resource(show_spinner=False)
def _signing_key(settings: dict, data_dir: str, secret_file: tuple[int, int, int] | None) -> bytes:
    return sessions.signing_key(settings, Path(data_dir))


def settings_and_key() -> tuple[dict | None, bytes]:
    """The sign-in settings and, for password sign-in, the session key. Raises AccessSettingsError."""
    settings = sign_in_settings()
    return settings, session_key(settings) if settings and settings["mode"] == "password" else b""


@st.cache_resource(show_spinner=False)
def signed_out_tokens() -> sessions.SignedOut:
    """The process's record of tokens signed out before they expire, shared by every session."""
    return sessions.SignedOut()


def route(name: str) -> str:
    """The address of one of the server's own routes (pages/common/server.py) under the app's base path."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/{name}" if base else f"/{name}"


def _here() -> str:
    """This page's path and filters, for the sign-in to come back to (st.context.url has no query)."""
    query = urlencode([(key, value) for key in st.query_params for value in st.query_params.get_all(key)])
    return (urlsplit(st.context.url or "/").path or "/") + (f"?{query}" if query else "")


def _link(href: str, label: str, primary: bool = False) -> str:
    """A link that opens in this tab (Streamlit's link button and Markdown links open a new one,
    which would leave this tab's session as it was)."""
    colour = st.get_option("theme.primaryColor") or "#1F4E79"
    style = (f"display:inline-block;padding:0.45rem 1rem;border-radius:0.5rem;background:{colour};color:#fff;"
             "text-decoration:none;font-weight:600" if primary else "color:inherit;font-size:0.875rem")
    return f'<a href="{html.escape(href)}" style="{style}">{html.escape(label)}</a>'


def _password_login(settings: dict, key: bytes) -> User:
    """The session the browser's cookie proves, checked on every run: the session id alone (which
    the server log and upload URLs show) never signs anyone in."""
    token = _cookie(sessions.COOKIE)
    session = sessions.verify(key, token, time.time())
    if session is not None and not signed_out_tokens().contains(session.token_id):
        return User(session.name, session.role)
    st.title("PMO Dashboard")
    st.markdown("Your sign-in has ended: sign in again to go on." if token else "Sign in to see the portfolio.")
    st.html(_link(f"{route(SIGN_IN)}?{urlencode({'next': _here()})}", "Sign in", primary=True))
    st.stop()


def _oidc_login(settings: dict) -> User:
    # st.user is read from the HttpOnly cookie sent with this session's connection, and Streamlit
    # resumes a session only for a connection that presents the same user (tests/e2e/test_oidc.py)
    if not st.user.is_logged_in:
        st.title("PMO Dashboard")
        st.button("Sign in with your organisation account", on_click=st.login, type="primary")
        st.stop()
    email = st.user.get("email")
    return User(email or st.user.get("name"), role_for_email(email, settings))


def require_user() -> User:
    """The signed-in user, or the sign-in screen (and nothing else) when sign-in is on."""
    try:
        settings, key = settings_and_key()
    except AccessSettingsError as error:
        LOG.error("sign-in settings unreadable: %s", error)
        _closed(error)
    if settings is None:
        LOG.warning("sign-in not set up: set [pmo_auth] mode in .streamlit/secrets.toml, or PMO_AUTH=none for open access")
        _not_set_up()
    mode = settings["mode"]
    if mode == "none":
        return User(None, "editor")
    user = _password_login(settings, key) if mode == "password" else _oidc_login(settings)  # modes are checked
    with st.sidebar:
        # st.text: a name is shown as typed, never as Markdown (a link, bold, an image)
        st.text(f"Signed in as {clean_text(user.name, limit=NAME)} ({user.role})")
        if mode == "password":  # the cookie is HttpOnly: only the server's response can clear it
            st.html(_link(route(SIGN_OUT), "Sign out"))
        elif st.button("Sign out", key="sign_out", type="tertiary"):
            st.logout()
    return user
