"""Signed sign-in tokens: what a browser holds to prove a password sign-in (pages/common/server.py
sets it as an HttpOnly cookie; pages/common/access.py checks it on every run of a page).

A token is `<payload>.<signature>`, both base64url: the payload is JSON with the name, the role,
the expiry (Unix seconds) and a random id; the signature is HMAC-SHA256 of the payload with a
key derived from the server's secret and the stored password hashes, so changing a password
ends every session it granted. The secret is `session_secret` in `[pmo_auth]`, else a random one
kept in a private file beside the database (created on first use, mode 600)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from pmo_data.auth import DEFAULT_SESSION_HOURS, MIN_SESSION_SECRET, ROLES, AccessSettingsError
from pmo_data.text_safety import NAME, display_text

COOKIE = "pmo_session"
SECRET_FILE = ".sign-in-secret"


@dataclass(frozen=True)
class Session:
    name: str
    role: str
    expires: float  # Unix seconds
    token_id: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest())


def issue(key: bytes, name: str, role: str, now: float, hours: float = DEFAULT_SESSION_HOURS) -> str:
    """A token for `name` signed in as `role`, valid for `hours` from `now`."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    body = {"n": name, "r": role, "e": int(now + hours * 3600), "i": secrets.token_urlsafe(12)}
    payload = _b64(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return f"{payload}.{_signature(key, payload)}"


def verify(key: bytes, token: str | None, now: float) -> Session | None:
    """The session a token proves, or None: absent, malformed, signed with another key, or expired."""
    if not token or token.count(".") != 1:
        return None
    payload, signature = token.split(".")
    try:
        if not hmac.compare_digest(_signature(key, payload).encode("ascii"), signature.encode("ascii")):
            return None
        body = json.loads(_unb64(payload))
        session = Session(str(body["n"]), body["r"], float(body["e"]), str(body["i"]))
    except (UnicodeError, ValueError, binascii.Error, KeyError, TypeError):
        return None
    return session if session.role in ROLES and now < session.expires else None


def sign_in_name(typed: str) -> str:
    """The name a person typed, fit to show and record (it is shown in the sidebar and travels in
    the cookie): one line, no control or direction characters, at most NAME characters."""
    return display_text(typed, NAME)


def session_hours(settings: dict) -> float:
    return float(settings.get("session_hours", DEFAULT_SESSION_HOURS))


def signing_key(settings: dict, data_dir: Path) -> bytes:
    """The key tokens are signed with: the server's secret, bound to the stored password hashes.
    Raises AccessSettingsError when there is no secret and none can be kept."""
    secret = settings.get("session_secret") or _kept_secret(data_dir)
    hashes = "\0".join(str(settings.get(f"{role}_password") or "") for role in ROLES)
    return hmac.new(secret.encode("utf-8"), b"pmo-session\0" + hashes.encode("utf-8"), hashlib.sha256).digest()


def _kept_secret(data_dir: Path) -> str:
    """The secret in data_dir/SECRET_FILE, made on first use. The file is created whole or not at
    all (written aside, then linked into place), so two processes starting at once agree on one."""
    path = data_dir / SECRET_FILE
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise AccessSettingsError(f"the sign-in secret {path} cannot be read ({error.strerror or error})") from None
    try:
        descriptor, draft = tempfile.mkstemp(dir=data_dir, prefix=SECRET_FILE + ".")  # mode 600
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(secrets.token_hex(32))
            try:
                os.link(draft, path)
            except FileExistsError:  # another process made it first: use theirs
                pass
        finally:
            os.unlink(draft)
        return _read_secret(path)
    except OSError as error:
        raise AccessSettingsError(f"no session_secret in [pmo_auth], and {path} cannot be created "
                                  f"({error.strerror or error})") from None


def _read_secret(path: Path) -> str:
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # a planted symlink is not our secret
    with os.fdopen(descriptor, encoding="ascii", errors="replace") as file:
        secret = file.read().strip()
    if len(secret) < MIN_SESSION_SECRET:
        raise AccessSettingsError(f"the sign-in secret {path} is shorter than {MIN_SESSION_SECRET} characters")
    return secret


class SignedOut:
    """Tokens signed out before they expire: a browser drops its cookie at sign-out, but another
    tab's open session holds the cookie it connected with. One per process (the pages create it
    through st.cache_resource); thread-safe; a restart forgets it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: dict[str, float] = {}  # token id -> its expiry

    def add(self, session: Session, now: float) -> None:
        with self._lock:
            self._until = {token: until for token, until in self._until.items() if until > now}
            self._until[session.token_id] = session.expires

    def contains(self, token_id: str) -> bool:
        with self._lock:
            return token_id in self._until
