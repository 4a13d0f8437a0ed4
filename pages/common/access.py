"""Who is using the dashboard, and what they may do. Off by default (a PMO trying it on its own
machine); on a server, `[pmo_auth]` in .streamlit/secrets.toml (or $PMO_AUTH) turns on either a
shared viewer/editor password or sign-in with the organisation's identity provider (OpenID
Connect through Streamlit's st.login). Viewers see every page; only editors upload, map
columns or remove imports. See docs/deploy.md."""

from __future__ import annotations

import os
from dataclasses import dataclass

import streamlit as st

from pmo_data.auth import role_for_email, role_for_password


@dataclass(frozen=True)
class User:
    name: str | None
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role == "editor"


def _settings() -> dict:
    try:
        configured = dict(st.secrets.get("pmo_auth", {}))
    except FileNotFoundError:
        configured = {}
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        configured = {}
    if os.environ.get("PMO_AUTH"):
        configured["mode"] = os.environ["PMO_AUTH"]
    return configured


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
        role = role_for_password(password, settings)
        if role is None:
            st.error("That password is not right.")
        else:
            st.session_state["pmo_role"], st.session_state["pmo_user"] = role, name.strip() or role
            st.rerun()
    st.stop()


def _oidc_login(settings: dict) -> User:
    if not st.user.is_logged_in:
        st.title("PMO Dashboard")
        st.button("Sign in with your organisation account", on_click=st.login, type="primary")
        st.stop()
    email = st.user.get("email")
    return User(email or st.user.get("name"), role_for_email(email, settings))


def require_user() -> User:
    """The signed-in user, or the sign-in screen (and nothing else) when sign-in is on."""
    settings = _settings()
    mode = settings.get("mode", "none")
    if mode == "none":
        return User(None, "editor")
    user = _password_login(settings) if mode == "password" else _oidc_login(settings)
    with st.sidebar:
        st.caption(f"Signed in as {user.name} ({user.role})")
        if st.button("Sign out", key="sign_out", type="tertiary"):
            if mode == "password":
                st.session_state.pop("pmo_role", None)
                st.rerun()
            st.logout()
    return user
