"""Passwords and roles for a self-hosted dashboard without an identity provider (the pages'
login UI is in pages/common/access.py). Passwords are stored only as salted PBKDF2 hashes.

secrets.toml (in .streamlit/, never committed):

    [pmo_auth]
    mode = "password"                       # "password", "oidc" or "none" (open access, said explicitly)
    viewer_password = "pbkdf2_sha256$…"     # python -m pmo_data hash-password
    editor_password = "pbkdf2_sha256$…"
    editors = ["ann@example.com"]           # oidc: who may edit (everyone signed in may view)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

ITERATIONS = 600_000
ROLES = ("viewer", "editor")
MODES = ("none", "password", "oidc")


class AccessSettingsError(Exception):
    """The sign-in settings cannot be used as they are; the message is one line for the log."""


def access_settings(configured: dict, environment_mode: str | None) -> dict | None:
    """The `[pmo_auth]` settings with $PMO_AUTH's mode over them, checked; None when neither names a
    mode (sign-in is never off by omission). Raises AccessSettingsError for settings that cannot be
    meant: an unknown mode, a password mode without a password, or PMO_AUTH=none switching off
    the sign-in the secrets file turns on."""
    settings = dict(configured)
    file_mode = settings.get("mode")
    if environment_mode:
        if environment_mode == "none" and file_mode not in (None, "none"):
            raise AccessSettingsError(f"PMO_AUTH=none would switch off the sign-in that [pmo_auth] mode = "
                                      f"'{file_mode}' turns on; remove one of the two")
        settings["mode"] = environment_mode
    mode = settings.get("mode")
    if mode is None:
        return None
    if mode not in MODES:
        raise AccessSettingsError(f"unknown sign-in mode {mode!r} (use one of {', '.join(MODES)})")
    if mode == "password" and not any(settings.get(f"{role}_password") for role in ROLES):
        raise AccessSettingsError("mode 'password' needs viewer_password or editor_password in [pmo_auth]")
    if not isinstance(settings.get("editors", []), list):
        raise AccessSettingsError("[pmo_auth] editors must be a list of e-mail addresses")
    return settings


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return "$".join(["pbkdf2_sha256", str(iterations), base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of a password against a stored hash; a malformed hash never matches."""
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def role_for_password(password: str, settings: dict) -> str | None:
    """editor, viewer, or None when the password matches neither."""
    for role in ("editor", "viewer"):
        stored = settings.get(f"{role}_password")
        if stored and verify_password(password, stored):
            return role
    return None


def role_for_email(email: str | None, settings: dict) -> str:
    editors = {e.casefold() for e in settings.get("editors", [])}
    return "editor" if email and email.casefold() in editors else "viewer"
