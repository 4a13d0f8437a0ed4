"""What the dashboard's server answers beside Streamlit's own routes (app.py adds these to its
st.App): the password sign-in form and sign-out, which set and clear the session cookie — HttpOnly,
which a Streamlit script cannot set — and `/healthz`, which fails when the database cannot be read.

The pages check the cookie on every run (access.py); these routes are the only place that issues
or ends it. Blocking work (the password hash, the audit log, the database) runs in Starlette's
thread pool, never on the event loop that carries every session's websocket."""

from __future__ import annotations

import html
import logging
import signal
import threading
import time
from string import Template
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from pages.common.access import (SIGN_IN, SIGN_OUT, audit_sign_in, route, settings_and_key, sign_in_throttle,
                                 signed_out_tokens)
from pmo_data import health, sessions
from pmo_data.auth import AccessSettingsError, ThrottleSettings, client_name, role_for_password, trusted_proxies
from pmo_data.text_safety import NAME

LOG = logging.getLogger(__name__)
HEALTH = "healthz"

# A page of our own, so it loads nothing from elsewhere and runs no script.
_PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

_PAGE = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · PMO Dashboard</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f0f2f6;
         font-family: "Source Sans Pro", "Source Sans 3", system-ui, -apple-system, "Segoe UI", sans-serif;
         color: #31333f; }
  main { width: min(24rem, calc(100vw - 2rem)); background: #fff; border-radius: 0.75rem; padding: 2rem;
         box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); }
  h1 { margin: 0 0 0.25rem; font-size: 1.75rem; }
  p { margin: 0 0 1.25rem; }
  label { display: block; font-size: 0.875rem; margin: 0.9rem 0 0.3rem; }
  small { display: block; color: #6b6f7b; font-size: 0.8rem; margin-top: 0.25rem; }
  input { box-sizing: border-box; width: 100%; padding: 0.55rem 0.7rem; font: inherit; border: 1px solid #c9ccd3;
          border-radius: 0.5rem; background: #f8f9fb; }
  input:focus { outline: 2px solid #1F4E79; outline-offset: 1px; background: #fff; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.6rem; font: inherit; font-weight: 600; color: #fff;
           background: #1F4E79; border: 0; border-radius: 0.5rem; cursor: pointer; }
  button:hover { background: #173b5c; }
  .error { margin: 0 0 1rem; padding: 0.75rem 1rem; border-radius: 0.5rem; background: #ffecec; color: #7d1a1a; }
</style>
</head>
<body>
<main>
<h1>PMO Dashboard</h1>
<p>$lead</p>
$error
$form
</main>
</body>
</html>
""")

_FORM = Template("""<form method="post" action="$action">
<input type="hidden" name="next" value="$next">
<label for="name">Your name</label>
<input id="name" name="name" autocomplete="username" maxlength="$name_limit" value="$name" autofocus>
<small>Recorded with the imports you make</small>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>""")


def _page(lead: str, error: str = "", form: str = "", status: int = 200) -> HTMLResponse:
    body = _PAGE.substitute(lead=html.escape(lead), form=form,
                            error=f'<p class="error" role="alert">{html.escape(error)}</p>' if error else "")
    return HTMLResponse(body, status_code=status, headers=_PAGE_HEADERS)


def _sign_in_page(next_path: str, name: str = "", error: str = "", status: int = 200) -> HTMLResponse:
    form = _FORM.substitute(action=html.escape(route(SIGN_IN)), next=html.escape(next_path), name=html.escape(name),
                            name_limit=NAME)
    return _page("Sign in to see the portfolio.", error, form, status)


def _closed_page(error: AccessSettingsError) -> HTMLResponse:
    return _page(f"The dashboard is closed: its sign-in settings cannot be used ({error}). To open it: {error.fix}.",
                 status=503)


def _home() -> str:
    return route("").rstrip("/") + "/"


def _safe_next(value: str | None) -> str:
    """Where to go after signing in: a path of this site only (never another host), else home."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return _home()
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or any(ord(c) < 0x20 or ord(c) == 0x7f for c in value):
        return _home()
    return value


def _cross_site(request: Request) -> bool:
    """A form posted from another site's page (a browser always names the page's origin)."""
    origin = request.headers.get("origin")
    return origin is not None and urlsplit(origin).netloc != request.headers.get("host")


def _cookie_options(request: Request) -> dict:
    # Strict: no other site's page can make the browser send it. Secure over https: uvicorn reports
    # https behind a proxy on this machine that sends X-Forwarded-Proto (docs/deploy.md).
    return {"path": _home(), "httponly": True, "samesite": "strict", "secure": request.url.scheme == "https"}


def _in_words(seconds: float) -> str:
    return f"{-(-seconds // 60):.0f} minutes" if seconds > 90 else f"{max(1, round(seconds))} seconds"


def _client(request: Request, settings: dict) -> str:
    return client_name(request.client.host if request.client else None, request.headers.get("x-real-ip"),
                       trusted_proxies(settings))


def _check_password(settings: dict, name: str, password: str, client: str) -> tuple[str | None, str, int]:
    """(role, "", 200) for a right password; (None, what to tell, HTTP status) otherwise. Every try
    counts against the name (as sessions.sign_in_name makes it) and the client
    (pmo_data.auth.SignInThrottle), and is in the audit log."""
    keys = (f"name:{name.casefold()}", f"client:{client}")
    throttle = sign_in_throttle(ThrottleSettings.from_settings(settings))
    wait = throttle.begin(keys)  # checked and counted at once: simultaneous guesses see each other
    if wait > 0:  # the password is not even checked: no guess counts, none costs a hash
        locked = throttle.locked_out(keys)
        audit_sign_in("sign-in refused", name, f"{'locked out' if locked else 'too soon'}; client {client}")
        return None, f"Too many failed sign-ins: try again in {_in_words(wait)}.", 429
    role = role_for_password(password, settings)
    if role is None:  # counted already
        audit_sign_in("sign-in failed", name, f"client {client}")
        return None, "That password is not right.", 401
    throttle.succeeded(*keys)
    audit_sign_in("sign-in", name or role, f"{role}; client {client}")
    return role, "", 200


async def sign_in(request: Request) -> Response:
    """GET: the form. POST: checks the password; a right one sets the session cookie and goes
    back to the page the visitor came from."""
    try:
        settings, key = await run_in_threadpool(settings_and_key)
    except AccessSettingsError as error:
        LOG.error("sign-in settings unreadable: %s", error)
        return _closed_page(error)
    if settings is None or settings["mode"] != "password":  # open, not set up or OIDC: the pages say
        return RedirectResponse(_home(), status_code=303)
    if request.method == "GET":
        return _sign_in_page(_safe_next(request.query_params.get("next")))
    form = await request.form()
    next_path, typed_name = _safe_next(str(form.get("next", ""))), str(form.get("name", ""))
    if _cross_site(request):
        return _sign_in_page(next_path, typed_name, "Sign in from this dashboard's own page.", 403)
    name = sessions.sign_in_name(typed_name)
    role, error, status = await run_in_threadpool(_check_password, settings, name, str(form.get("password", "")),
                                                  _client(request, settings))
    if role is None:
        return _sign_in_page(next_path, typed_name, error, status)
    hours = sessions.session_hours(settings)
    token = sessions.issue(key, name or role, role, time.time(), hours)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(sessions.COOKIE, token, max_age=round(hours * 3600), **_cookie_options(request))
    return response


def _end_session(token: str | None, request: Request) -> None:
    try:
        settings, key = settings_and_key()
    except AccessSettingsError:
        return  # nothing it signed can be checked now, and the cookie goes all the same
    session = sessions.verify(key, token, time.time()) if key else None
    if session is not None:
        signed_out_tokens().add(session, time.time())
        audit_sign_in("sign-out", session.name, f"{session.role}; client {_client(request, settings or {})}")


_SIGN_OUT_FORM = Template("""<form method="post" action="$action">
<button type="submit">Sign out</button>
</form>""")


async def sign_out(request: Request) -> Response:
    """GET: a page with the Sign out button. POST, from this dashboard's own page only: ends the
    session the cookie carries, in every tab, and clears the cookie. A link or an image on another
    site (a GET) signed people out before (issue 26, item 16)."""
    if request.method == "GET" or _cross_site(request):
        form = _SIGN_OUT_FORM.substitute(action=html.escape(route(SIGN_OUT)))
        return _page("Sign out of the dashboard on this browser (every tab)?", "" if request.method == "GET" else
                     "Sign out from this dashboard's own page.", form, 200 if request.method == "GET" else 403)
    await run_in_threadpool(_end_session, request.cookies.get(sessions.COOKIE), request)
    response = RedirectResponse(route(SIGN_IN), status_code=303)
    response.delete_cookie(sessions.COOKIE, **_cookie_options(request))
    return response


def healthz(request: Request) -> Response:
    """200 "ok" when the pages can serve: their sign-in settings can be used and the database can be
    read; else 503 and one line saying why (sync: Starlette runs it in its thread pool, as it opens
    the database)."""
    try:
        settings, _ = settings_and_key()
        ok, reason = (True, "") if settings is not None else (False, "closed: no sign-in mode is set ([pmo_auth] "
                                                                      "mode or PMO_AUTH; docs/deploy.md)")
    except AccessSettingsError as error:
        ok, reason = False, f"closed: the sign-in settings cannot be used: {error}"
    if ok:
        ok, reason = health.check()
    if not ok:
        LOG.warning("health check failed: %s", reason)
    return PlainTextResponse(reason, status_code=200 if ok else 503, headers={"Cache-Control": "no-store"})


def routes() -> list[Route]:
    return [
        Route(route(SIGN_IN), sign_in, methods=["GET", "POST"]),
        Route(route(SIGN_OUT), sign_out, methods=["GET", "POST"]),
        Route(route(HEALTH), healthz, methods=["GET", "HEAD"]),
    ]


def stop_on_sigterm() -> None:
    """A service stop (SIGTERM, as systemd and `docker stop` send) ends the process normally: the
    server's loop is left, the exit handlers run, the exit status is 0. `streamlit run` serving an
    st.App leaves SIGTERM at its default, which ends the process at once, so the uploads' private
    folder stayed on disk (issue 26, item 17). A signal handler is set from the main thread only."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_normally)


def _exit_normally(signal_number: int, frame) -> None:  # noqa: ARG001 (a signal handler's signature)
    raise SystemExit(0)
