"""What every request to the server passes before Streamlit sees it (app.py adds it to its st.App):

- **The websocket checks its origin.** A page served on another port of the same host (the same
  *site* to a browser, so the SameSite cookie goes with it) opened the app's websocket, saw
  "Signed in as … (editor)" and pressed "Back up now" (issue 26, item 4). A browser always names
  the page's origin on a websocket handshake: one that is not the server's own (or one of
  `[pmo_auth] allowed_origins`) is refused before the handshake completes.
- **Downloads need the session that made them.** A `/media/…` address of a deck or a CSV
  downloaded with no cookie, even after the tab closed (item 9). With password sign-in, a media
  request must carry a valid session cookie that has not been signed out.

A plain ASGI middleware: it holds no state of its own and reads the settings as the routes do."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse

from pages.common.access import settings_and_key, signed_out_tokens
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


class RequestGuard:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        kind, path = scope["type"], scope.get("path", "")
        if kind == "websocket" or (kind == "http" and "/media/" in path):  # only these: static files pass at once
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
                    refused = PlainTextResponse("sign in to download this file", status_code=403,
                                                headers={"Cache-Control": "no-store"})
                    return await refused(scope, receive, send)
        return await self.app(scope, receive, send)
