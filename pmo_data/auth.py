"""Passwords and roles for a self-hosted dashboard without an identity provider (the pages'
login UI is in pages/common/access.py). Passwords are stored only as salted PBKDF2 hashes.

secrets.toml (in .streamlit/, never committed):

    [pmo_auth]
    mode = "password"                       # "none" (default), "password" or "oidc"
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
