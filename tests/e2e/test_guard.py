"""A real server with password sign-in, reached as a browser on another port of the same host
would reach it (issue 26): its websocket and its downloads."""

from __future__ import annotations

import pytest
import websockets
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.e2e.test_sessions import PASSWORDS, password_server, request, sign_in  # noqa: F401 (a fixture)


def handshake(url: str, origin: str, cookie: str) -> None:
    with connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit", "no-token"],
                 additional_headers={"Origin": origin, "Cookie": cookie}, open_timeout=20):
        pass


def test_a_page_on_another_port_cannot_open_the_app_s_websocket(password_server):  # noqa: F811
    # item 4: the page on another port sends the victim's cookie (same site) with its own origin
    _, cookie, _, _ = sign_in(password_server, "Eve", PASSWORDS["editor"])
    own_port = int(password_server.rsplit(":", 1)[1])
    with pytest.raises(InvalidStatus) as refused:
        handshake(password_server, f"http://127.0.0.1:{own_port + 1}", f"pmo_session={cookie.value}")
    assert refused.value.response.status_code == 403
    handshake(password_server, password_server, f"pmo_session={cookie.value}")  # the app's own page: accepted


def test_a_download_address_needs_the_session(password_server):  # noqa: F811
    # item 9: a /media/… address of a deck downloaded with no cookie, even after the tab closed
    status, _, body = request(f"{password_server}/media/0123456789abcdef.pptx")
    assert (status, body) == (403, "sign in to download this file")
    _, cookie, _, _ = sign_in(password_server, "Vic", PASSWORDS["viewer"])
    status, _, _ = request(f"{password_server}/media/0123456789abcdef.pptx", headers={"Cookie": f"pmo_session={cookie.value}"})
    assert status == 404  # signed in, the request reaches Streamlit's own media files (none of that name)


def test_deleting_the_signing_secret_signs_everyone_out_without_a_restart(demo_db, tmp_path):
    # issue 26, item 11: deleting the secret file (docs/deploy.md: "to sign everyone out at once") revoked
    # nothing until a restart
    import shutil

    from benchmarks.browser_pages import serve
    from benchmarks.ws_session import run_page_sync as run_page
    from pmo_data.sessions import COOKIE, SECRET_FILE
    from tests.e2e.test_sessions import secrets_text

    shutil.copy(demo_db, tmp_path / "pmo.duckdb")
    (tmp_path / "secrets.toml").write_text(secrets_text(), encoding="utf-8")
    with serve("app.py", tmp_path / "pmo.duckdb", secrets=tmp_path / "secrets.toml") as url:
        _, cookie, _, _ = sign_in(url, "Eve", PASSWORDS["editor"])
        assert run_page(url, "data", cookies={COOKIE: cookie.value}).shows("Signed in as Eve (editor)")
        (tmp_path / SECRET_FILE).unlink()
        again = run_page(url, "data", cookies={COOKIE: cookie.value})
        assert again.shows("Your sign-in has ended") and not again.shows("Signed in as"), again.texts


def test_three_hundred_strangers_posting_passwords_write_nothing_to_the_database(demo_db, tmp_path):
    # issue 26, item 3 on a real server: 308 unauthenticated POSTs in 25 s made 308 copies of the database
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.browser_pages import serve
    from pmo_data.sign_in_log import entries
    from tests.e2e.test_sessions import secrets_text

    db = tmp_path / "pmo.duckdb"
    shutil.copy(demo_db, db)
    (tmp_path / "secrets.toml").write_text(secrets_text(), encoding="utf-8")
    with serve("app.py", db, secrets=tmp_path / "secrets.toml") as url:
        request(f"{url}/healthz")  # the server has opened and published its database
        published = tmp_path / "pmo.duckdb.published"
        before = (sorted(p.name for p in published.iterdir()), db.stat().st_mtime_ns, db.stat().st_size)

        def stranger(number: int) -> int:
            return request(f"{url}/sign-in", "POST", {"name": f"x{number}", "password": "guess", "next": "/"})[0]

        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(stranger, range(300)))
        after = (sorted(p.name for p in published.iterdir()), db.stat().st_mtime_ns, db.stat().st_size)
    assert set(answers) <= {401, 429} and answers.count(401) <= 3  # the one client's free failures, then waits
    assert after == before  # no copy, no write
    assert len(list(entries(db))) == 300  # every try is in the sign-in log


def test_the_uploads_folder_goes_when_the_service_is_stopped(demo_db, tmp_path, browser):
    # issue 26, item 17: the upload staging folder survived SIGTERM (systemctl stop sends it)
    import shutil

    from benchmarks.browser_pages import serve
    from tests.e2e.conftest import wait_for_app

    db, temp = tmp_path / "pmo.duckdb", tmp_path / "tmp"
    shutil.copy(demo_db, db)
    temp.mkdir()
    upload = tmp_path / "plan.csv"
    upload.write_text("Task ID,Task Name,Start Date,Finish Date\n1,Design,2026-10-01,2026-10-09\n", encoding="utf-8")
    with serve("app.py", db, temp_folder=temp) as url:
        page = browser.new_page()
        page.goto(f"{url}/data")
        wait_for_app(page, "Import history")
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
        wait_for_app(page, "plan.csv")
        staged = list(temp.glob("pmo-uploads-*"))
        assert len(staged) == 1 and any(staged[0].rglob("plan.csv")), list(temp.iterdir())
        page.close()
    assert not list(temp.glob("pmo-uploads-*"))  # the server stopped on SIGTERM and took its uploads with it
