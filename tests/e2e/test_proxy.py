"""The reverse proxy of docs/deploy.md, run: nginx with the block's own header rules in front of a
real server with password sign-in (issue 26, item 1). Before, the block passed a visitor's own
`X-Forwarded-For` on, uvicorn took it for the client's address, and 30 guesses each under a new
forged address were all checked. The test reads the block from the doc, so the doc is what is tested."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.browser_pages import free_port, serve
from tests.conftest import ROOT
from tests.e2e.test_sessions import request, secrets_text

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx not installed (apt-get install nginx)")


def documented_block() -> str:
    """The `server { … }` of docs/deploy.md's nginx section."""
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    return re.search(r"```nginx\n(server \{.*?\n\})\n```", text, re.S).group(1)


def local_copy(block: str, listen: int, upstream: int) -> str:
    """The block on a plain-HTTP port of this machine, in front of the test's server: TLS lines
    out, the upstream port changed; every header rule as written."""
    lines = [line for line in block.splitlines() if "ssl" not in line]
    block = "\n".join(lines).replace("server {", f"server {{\n    listen 127.0.0.1:{listen};", 1)
    return block.replace("http://127.0.0.1:8501", f"http://127.0.0.1:{upstream}")


@pytest.fixture(scope="module")
def behind_nginx(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("proxy")
    shutil.copy(demo_db, folder / "pmo.duckdb")
    (folder / "secrets.toml").write_text(secrets_text(free_failures=3, lockout_after=10), encoding="utf-8")
    with serve("app.py", folder / "pmo.duckdb", secrets=folder / "secrets.toml") as url:
        port = free_port()
        for name in ("logs", "temp"):
            (folder / name).mkdir()
        (folder / "nginx.conf").write_text(
            "pid nginx.pid;\nerror_log logs/error.log;\nevents {}\nhttp {\n"
            "    access_log off;\n    client_body_temp_path temp;\n    proxy_temp_path temp;\n"
            "    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
            + local_copy(documented_block(), port, int(url.rsplit(":", 1)[1])) + "\n}\n", encoding="utf-8")
        nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", "nginx.conf", "-g", "daemon off;"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        proxied = f"http://127.0.0.1:{port}"
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"{proxied}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            nginx.kill()
            raise RuntimeError("nginx did not start: " + nginx.stdout.read().decode(errors="replace"))
        yield proxied
        nginx.terminate()
        nginx.wait(timeout=10)


def test_a_forged_forwarded_for_does_not_reset_the_throttle_behind_the_documented_proxy(behind_nginx):
    answers = []
    for guess in range(6):  # each guess under a new name and a new forged address of its own
        forged = f"203.0.113.{guess + 1}"
        status, _, body = request(f"{behind_nginx}/sign-in", "POST",
                                  {"name": f"someone{guess}", "password": "wrong", "next": "/"},
                                  {"X-Forwarded-For": forged, "X-Real-IP": forged})
        answers.append(status)
    # 3 free failures for the one real client (this machine, as nginx names it); then it must wait
    assert answers[:3] == [401, 401, 401] and set(answers[3:]) == {429}, answers
    status, _, body = request(f"{behind_nginx}/sign-in", "POST", {"name": "editor", "password": "change", "next": "/"},
                              {"X-Forwarded-For": "198.51.100.77"})
    assert status == 429 and "Too many failed sign-ins" in body  # the right password waits too: not even checked


def test_the_proxy_keeps_the_port_so_the_form_s_origin_matches(behind_nginx):
    # item 19: behind nginx on a non-443 port the form was refused as cross-site ($host drops the port)
    port = behind_nginx.rsplit(":", 1)[1]
    status, _, body = request(f"{behind_nginx}/sign-in", "POST", {"name": "x", "password": "y", "next": "/"},
                              {"Origin": f"http://127.0.0.1:{port}"})
    assert status != 403 and "Sign in from this dashboard's own page" not in body
