"""What every request to the server passes before Streamlit sees it (app.py adds it to its st.App):

- **The websocket checks its origin.** A page served on another port of the same host (the same
  *site* to a browser, so the SameSite cookie goes with it) opened the app's websocket, saw
  "Signed in as … (editor)" and pressed "Back up now" (issue 26, item 4). A browser always names
  the page's origin on a websocket handshake: one that is not the server's own (or one of
  `[pmo_auth] allowed_origins`) is refused before the handshake completes.
- **Downloads need the session that made them.** A `/media/…` address of a deck or a CSV
  downloaded with no cookie, even after the tab closed (item 9). With password sign-in, a media
  request must carry a valid session cookie that has not been signed out.

- **The sign-in form is the landing page.** With password sign-in, a browser opening a page (a
  GET asking for HTML) with no valid session goes straight to the form, which brings it back to
  that page and its filters once signed in: no lone "Sign in" button first (issue 27).

A plain ASGI middleware: it holds no state of its own and reads the settings as the routes do."""

from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

import streamlit as st

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse, RedirectResponse

from pages.common.access import SIGN_IN, SIGN_OUT, route, settings_and_key, signed_out_tokens
from pmo_data import sessions
from pmo_data.auth import AccessSettingsError


def origin_allowed(origin: str | None, host: str | None, allowed: list[str]) -> bool:
    """No Origin (not a browser: the browser always sends one), the server's own (the Host the
    request came to, port included), or one listed in `allowed_origins` ('https://pmo.example.com')."""
    if origin is None:
        return True
    netloc = urlsplit(origin).netloc
    return bool(netloc) and (netloc == host or origin.rstrip("/") in {a.rstrip("/") for a in allowed})


def _settings() -> tuple[dict | None, bytes]:
    try:
        return settings_and_key()
    except AccessSettingsError:
        return None, b""  # the pages say the dashboard is closed; nothing here to guard with


# Streamlit's own addresses and the server's routes: everything else a browser asks HTML of is a page
NOT_PAGES = ("_stcore", "static", "media", "component", "app", "healthz", SIGN_IN, SIGN_OUT)


def _opens_a_page(scope) -> bool:
    """A browser navigating to one of the app's pages: a GET that asks for HTML, not at an asset or a route."""
    if scope.get("method") != "GET":
        return False
    accept = dict(scope.get("headers") or []).get(b"accept", b"")
    first = scope.get("path", "/").strip("/").split("/")
    base = [part for part in (st.get_option("server.baseUrlPath") or "").strip("/").split("/") if part]
    own = first[len(base):] if first[:len(base)] == base else first
    return b"text/html" in accept and not (own and own[0] in NOT_PAGES) and "." not in (own[-1] if own else "")


class RequestGuard:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        kind, path = scope["type"], scope.get("path", "")
        if kind == "websocket" or (kind == "http" and ("/media/" in path or _opens_a_page(scope))):  # static files pass at once
            request = HTTPConnection(scope)  # Starlette reads the headers and cookies of either kind
            settings, key = await run_in_threadpool(_settings)  # files are read: never on the event loop
            if kind == "websocket":
                allowed = list((settings or {}).get("allowed_origins", []))
                if not origin_allowed(request.headers.get("origin"), request.headers.get("host"), allowed):
                    await send({"type": "websocket.close", "code": 1008})  # policy violation, before the handshake
                    return None
            elif settings and settings.get("mode") == "password":
                session = sessions.verify(key, request.cookies.get(sessions.COOKIE), time.time())
                if session is None or signed_out_tokens().contains(session.token_id):
                    if "/media/" in path:
                        answer = PlainTextResponse("sign in to download this file", status_code=403,
                                                   headers={"Cache-Control": "no-store"})
                    else:  # the form, then back here with the same filters
                        here = path + (f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else "")
                        answer = RedirectResponse(f"{route(SIGN_IN)}?{urlencode({'next': here})}", status_code=303,
                                                  headers={"Cache-Control": "no-store"})
                    return await answer(scope, receive, send)
        return await self.app(scope, receive, send)
