"""Passwords and roles for a self-hosted dashboard without an identity provider (the pages'
login UI is in pages/common/access.py). Passwords are stored only as salted PBKDF2 hashes.

secrets.toml (in .streamlit/, never committed):

    [pmo_auth]
    mode = "password"                       # "password", "oidc" or "none" (open access, said explicitly)
    viewer_password = "pbkdf2_sha256$…"     # python -m pmo_data hash-password
    editor_password = "pbkdf2_sha256$…"
    editors = ["ann@example.com"]           # oidc: who may edit (everyone signed in may view)
    session_hours = 12                      # password: how long a sign-in lasts (pmo_data/sessions.py)
    session_secret = "…"                    # optional: the tokens' secret, else one kept beside the database
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields

ITERATIONS = 600_000
ROLES = ("viewer", "editor")
MIN_SESSION_SECRET = 32  # characters (a secret file of ours holds 64 hex digits)
DEFAULT_SESSION_HOURS = 12.0
MODES = ("none", "password", "oidc")


DEFAULT_FIX = "fix .streamlit/secrets.toml ([pmo_auth]) or PMO_AUTH as docs/deploy.md says, then restart the dashboard"


class AccessSettingsError(Exception):
    """The sign-in settings cannot be used as they are; the message is one line for the log, and for
    the closed page, with `fix`: what an administrator does about it. Neither holds a secret's value."""

    def __init__(self, message: str, fix: str = DEFAULT_FIX):
        super().__init__(message)
        self.fix = fix


def access_settings(configured: dict, environment_mode: str | None) -> dict | None:
    """The `[pmo_auth]` settings with $PMO_AUTH's mode over them, checked; None when neither names a
    mode (sign-in is never off by omission). Raises AccessSettingsError for settings that cannot be
    meant: an unknown mode, a password mode without a password, or PMO_AUTH=none switching off
    the sign-in the secrets file turns on."""
    settings = dict(configured)
    file_mode = settings.get("mode")
    if environment_mode:
        if environment_mode == "none" and file_mode not in (None, "none"):
            raise AccessSettingsError(
                f"PMO_AUTH=none (what `make run` passes) would switch off the sign-in that [pmo_auth] mode = "
                f"'{file_mode}' in .streamlit/secrets.toml turns on",
                fix=f"to try that sign-in on this machine, start it with `make run PMO_AUTH={file_mode}`; for open "
                    "access, remove `mode` from [pmo_auth] in .streamlit/secrets.toml; then restart the dashboard")
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
    secret = settings.get("session_secret")
    if secret is not None and (not isinstance(secret, str) or len(secret) < MIN_SESSION_SECRET):
        raise AccessSettingsError(f"[pmo_auth] session_secret must be a string of at least {MIN_SESSION_SECRET} characters "
                                  "(python -c 'import secrets; print(secrets.token_hex(32))')")
    hours = settings.get("session_hours", DEFAULT_SESSION_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 24 * 31:
        raise AccessSettingsError("[pmo_auth] session_hours must be a number of hours above 0 (at most 744)")
    ThrottleSettings.from_settings(settings)  # a bad throttle value closes the app too, at once
    trusted_proxies(settings)  # so does a proxy address that is no address
    origins = settings.get("allowed_origins", [])
    if not isinstance(origins, list) or not all(isinstance(o, str) and o.startswith(("https://", "http://")) for o in origins):
        raise AccessSettingsError("[pmo_auth] allowed_origins must be a list of origins, e.g. [\"https://pmo.example.com\"]")
    return settings


DEFAULT_TRUSTED_PROXIES = ("127.0.0.1", "::1")  # the reverse proxy of docs/deploy.md, on this machine


def trusted_proxies(settings: dict) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The addresses (or networks) of the reverse proxies whose `X-Real-IP` names the visitor:
    `[pmo_auth] trusted_proxies`, by default this machine only."""
    configured = settings.get("trusted_proxies", list(DEFAULT_TRUSTED_PROXIES))
    if not isinstance(configured, list) or not all(isinstance(a, str) for a in configured):
        raise AccessSettingsError("[pmo_auth] trusted_proxies must be a list of addresses, e.g. [\"127.0.0.1\"]")
    try:
        return tuple(ipaddress.ip_network(address.strip(), strict=False) for address in configured)
    except ValueError as error:
        raise AccessSettingsError(f"[pmo_auth] trusted_proxies: {error}") from None


@dataclass(frozen=True)
class ThrottleSettings:
    """How failed password sign-ins are slowed down; each can be set in `[pmo_auth]` (docs/deploy.md)."""

    free_failures: int = field(default=3, metadata={
        "help": "failed sign-ins in a row (per name and per client) before each next try has to wait"})
    first_delay_seconds: float = field(default=1.0, metadata={
        "help": "the first wait; it doubles with every further failure"})
    lockout_after: int = field(default=10, metadata={
        "help": "failed sign-ins in a row that lock the name or the client out"})
    lockout_minutes: float = field(default=15.0, metadata={
        "help": "how long a lockout lasts; failures older than this are forgotten"})

    @classmethod
    def from_settings(cls, settings: dict) -> "ThrottleSettings":
        values = {}
        for setting in fields(cls):
            if setting.name not in settings:
                continue
            value = settings[setting.name]
            whole = setting.type == "int"
            if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)) or value < (1 if whole else 0):
                kind = "a whole number ≥ 1" if whole else "a number ≥ 0"
                raise AccessSettingsError(f"[pmo_auth] {setting.name} must be {kind} ({setting.metadata['help']})")
            values[setting.name] = value
        return cls(**values)


class SignInThrottle:
    """Failed sign-ins per key (a name, a client). After `free_failures` in a row, each next try
    waits twice as long as the one before; `lockout_after` in a row lock the key out for
    `lockout_minutes`. One per process (the pages create it through st.cache_resource); thread-safe."""

    MAX_KEYS = 10_000  # names are typed by strangers: forget the stale ones before memory grows

    def __init__(self, settings: ThrottleSettings, clock: Callable[[], float] = time.monotonic):
        self._settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (failures in a row, when the last was)

    @property
    def _window(self) -> float:
        return self._settings.lockout_minutes * 60

    def _count(self, key: str, now: float) -> tuple[int, float]:
        count, last = self._failures.get(key, (0, now))
        return (0, now) if now - last >= self._window else (count, last)

    def _wait(self, key: str, now: float) -> float:
        count, last = self._count(key, now)
        settings = self._settings
        if count >= settings.lockout_after:
            return last + self._window - now
        if count >= settings.free_failures:
            return max(0.0, last + settings.first_delay_seconds * 2 ** (count - settings.free_failures) - now)
        return 0.0

    def wait_seconds(self, keys: Iterable[str]) -> float:
        """How long before these keys may try again (0: now)."""
        now = self._clock()
        with self._lock:
            return max((self._wait(key, now) for key in keys), default=0.0)

    def locked_out(self, keys: Iterable[str]) -> bool:
        now = self._clock()
        with self._lock:
            return any(self._count(key, now)[0] >= self._settings.lockout_after for key in keys)

    def begin(self, keys: Iterable[str]) -> float:
        """One try, atomically: the wait still due (the try is refused, nothing counted), else 0 and
        the try counted as failed until `succeeded` takes it back. Checking and counting in one step
        is what holds 40 simultaneous guesses to the limit: each sees the ones before it."""
        keys = list(keys)
        now = self._clock()
        with self._lock:
            wait = max((self._wait(key, now) for key in keys), default=0.0)
            if wait <= 0:
                for key in keys:
                    self._failures[key] = (self._count(key, now)[0] + 1, now)
                self._forget_stale(now)
            return wait

    def failed(self, keys: Iterable[str]) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                self._failures[key] = (self._count(key, now)[0] + 1, now)
            self._forget_stale(now)

    def _forget_stale(self, now: float) -> None:
        if len(self._failures) > self.MAX_KEYS:
            self._failures = {k: v for k, v in self._failures.items() if now - v[1] < self._window}

    def succeeded(self, name_key: str, client_key: str | None = None) -> None:
        """Clears the name's failures; the client's stay, or a known viewer password would reset the
        count of guesses at the editor password. Only the right try's own count (`begin`) is taken
        back from the client."""
        with self._lock:
            self._failures.pop(name_key, None)
            if client_key in self._failures:
                count, last = self._failures[client_key]
                self._failures[client_key] = (max(0, count - 1), last)


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


def client_name(peer: str | None, real_ip_header: str | None,
                proxies: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network] | None = None) -> str:
    """Who is asking, for the throttle and the audit log: the connection's address, or for a
    connection from a trusted proxy (`trusted_proxies`: this machine's nginx of docs/deploy.md) the
    `X-Real-IP` header it sets. A remote peer cannot name another client by sending a header itself.

    `X-Forwarded-For` is never read here: uvicorn would take a visitor's own such header, passed on
    by a proxy, as the peer (issue 26: each guess from a new forged address). The server is started
    with FORWARDED_ALLOW_IPS empty (Makefile, docs/deploy.md), and the documented proxy sets the
    header to the visitor's address, so either way the peer is true."""
    proxies = tuple(proxies) if proxies is not None else tuple(ipaddress.ip_network(a) for a in DEFAULT_TRUSTED_PROXIES)
    if peer and not _within(peer, proxies):
        return peer
    return (real_ip_header or "").strip() or "local"


def _within(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:  # a test client's made-up name, a unix socket
        return False
    return any(ip in network for network in networks)


def role_for_email(email: str | None, settings: dict) -> str:
    editors = {e.casefold() for e in settings.get("editors", [])}
    return "editor" if email and email.casefold() in editors else "viewer"
