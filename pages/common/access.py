"""Who is using the dashboard, and what they may do. `[pmo_auth]` in .streamlit/secrets.toml (or
$PMO_AUTH) turns on either a shared viewer/editor password or sign-in with the organisation's
identity provider (OpenID Connect through Streamlit's st.login), or says `mode = "none"`: open
access, for a PMO trying it on its own machine (`make run` passes PMO_AUTH=none). Sign-in fails
closed: settings that cannot be read stop every page, and no setting at all is not open access.
Viewers see every page; only editors upload, map columns or remove imports. See docs/deploy.md."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from pmo_data import audit
from pmo_data.auth import (AccessSettingsError, SignInThrottle, ThrottleSettings, access_settings, role_for_email,
                           role_for_password)
from pmo_data.store import DatabaseUnavailable, open_store

LOG = logging.getLogger(__name__)


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


def _closed() -> None:
    """The page a visitor sees when the sign-in settings cannot be read: nothing else."""
    st.title("PMO Dashboard")
    st.error("The dashboard is closed: its sign-in settings cannot be read, and it does not open without "
             "them. The reason is in the server's log (`sign-in settings unreadable: …`); an administrator "
             "fixes `.streamlit/secrets.toml` or `PMO_AUTH` and restarts the dashboard (docs/deploy.md).",
             icon=":material/lock:")
    st.stop()


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


@st.cache_resource(show_spinner=False)
def _sign_in_throttle(settings: ThrottleSettings) -> SignInThrottle:
    """The process's one record of failed sign-ins, shared by every session and created once."""
    return SignInThrottle(settings)


def _client() -> str:
    """The visitor's address. Streamlit gives none for a loopback connection, which is what the
    proxy of docs/deploy.md makes, so the proxy's X-Real-IP header names the visitor there."""
    return st.context.ip_address or st.context.headers.get("X-Real-IP") or "local"


def _audit(action: str, name: str | None, detail: str) -> None:
    try:
        audit.record(open_store(), action, name, detail)
    except DatabaseUnavailable as error:  # the page says so next; the sign-in itself goes on
        LOG.warning("%s by %r not recorded in the audit log: %s", action, name, error)


def _password_login(settings: dict) -> User:
    if st.session_state.get("pmo_role"):
        return User(st.session_state.get("pmo_user"), st.session_state["pmo_role"])
    st.title("PMO Dashboard")
    with st.form("sign_in"):
        st.markdown("Sign in to see the portfolio.")
        name = st.text_input("Your name", key="sign_in_name", help="Recorded with the imports you make")
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        name, client = name.strip(), _client()
        keys = (f"name:{name.casefold()}", f"client:{client}")
        throttle = _sign_in_throttle(ThrottleSettings.from_settings(settings))
        wait = throttle.wait_seconds(keys)
        if wait > 0:  # the password is not even checked: no guess counts, none costs a hash
            locked = throttle.locked_out(keys)
            _audit("sign-in refused", name, f"{'locked out' if locked else 'too soon'}; client {client}")
            st.error(f"Too many failed sign-ins: try again in {_in_words(wait)}.")
            st.stop()
        role = role_for_password(password, settings)
        if role is None:
            throttle.failed(keys)
            _audit("sign-in failed", name, f"client {client}")
            st.error("That password is not right.")
        else:
            throttle.succeeded(keys[0])
            _audit("sign-in", name, f"{role}; client {client}")
            st.session_state["pmo_role"], st.session_state["pmo_user"] = role, name or role
            st.rerun()
    st.stop()


def _in_words(seconds: float) -> str:
    return f"{-(-seconds // 60):.0f} minutes" if seconds > 90 else f"{max(1, round(seconds))} seconds"


def _oidc_login(settings: dict) -> User:
    if not st.user.is_logged_in:
        st.title("PMO Dashboard")
        st.button("Sign in with your organisation account", on_click=st.login, type="primary")
        st.stop()
    email = st.user.get("email")
    return User(email or st.user.get("name"), role_for_email(email, settings))


def require_user() -> User:
    """The signed-in user, or the sign-in screen (and nothing else) when sign-in is on."""
    try:
        settings = access_settings(_configured(), os.environ.get("PMO_AUTH"))
    except AccessSettingsError as error:
        LOG.error("sign-in settings unreadable: %s", error)
        _closed()
    if settings is None:
        LOG.warning("sign-in not set up: set [pmo_auth] mode in .streamlit/secrets.toml, or PMO_AUTH=none for open access")
        _not_set_up()
    mode = settings["mode"]
    if mode == "none":
        return User(None, "editor")
    user = _password_login(settings) if mode == "password" else _oidc_login(settings)  # modes are checked
    with st.sidebar:
        st.caption(f"Signed in as {user.name} ({user.role})")
        if st.button("Sign out", key="sign_out", type="tertiary"):
            if mode == "password":
                st.session_state.pop("pmo_role", None)
                st.rerun()
            st.logout()
    return user
