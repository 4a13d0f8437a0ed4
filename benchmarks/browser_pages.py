"""A real `streamlit run` server on a free port, and what "the page has finished rendering" means in
the browser. The browser tests (tests/e2e) and the render benchmark both use these."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# Rendered: a title is on screen, the app is not running (no status widget), no element is still a
# grey skeleton, and every plotly chart has drawn its SVG.
RENDERED_JS = """() => !!document.querySelector('[data-testid=stMain] h1')
    && !document.querySelector('[data-testid=stStatusWidget]')
    && !document.querySelector('[data-testid=stSkeleton], [data-testid=stAppSkeleton]')
    && [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.js-plotly-plot .main-svg'))"""

# The time (ms since navigation started) when RENDERED_JS became true and then stayed true for
# `settle` ms: a run can start right after another, and a page between two runs is not rendered.
SETTLED_JS = """async ([settle, timeout]) => {
    const rendered = RENDERED;
    let since = null;
    while (performance.now() < timeout) {
        if (rendered()) {
            since = since ?? performance.now();
            if (performance.now() - since >= settle) return since;
        } else {
            since = null;
        }
        await new Promise(resolve => setTimeout(resolve, 20));
    }
    throw new Error('the page did not finish rendering');
}""".replace("RENDERED", RENDERED_JS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(script: str | Path, db: Path | None = None, cwd: Path = ROOT, secrets: Path | None = None,
          port: int | None = None, temp_folder: Path | None = None) -> Iterator[str]:
    """A freshly started server of `script` (run from `cwd`, so its .streamlit/config.toml applies)
    on `db`, on `port` or a free one: its URL. Open access, unless a `secrets` file sets the sign-in.
    `temp_folder`: where its temporary files go (TMPDIR). Stopped with SIGTERM, as a service is."""
    port = port or free_port()
    own_settings = tempfile.TemporaryDirectory(prefix="pmo-serve-")
    # the server's own settings, whatever the machine's shell or the checkout holds (pmo.toml, PMO_*)
    env = {name: value for name, value in os.environ.items() if not name.startswith("PMO_")}
    env["PMO_CONFIG"] = str(Path(own_settings.name) / "no-pmo.toml")
    env["FORWARDED_ALLOW_IPS"] = ""  # as the service runs it (docs/deploy.md): no header picks the peer
    if db:
        env["PMO_DB"] = str(db)
    if temp_folder:
        env["TMPDIR"] = str(temp_folder)
    if secrets is None:  # open access, chosen explicitly (the app refuses to guess): a loopback server for a test
        env["PMO_AUTH"] = "none"
        # never the checkout's or the user's own .streamlit/secrets.toml: a file that is not there
        secrets = Path(own_settings.name) / "no-secrets.toml"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--secrets.files", str(secrets)],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            process.kill()
            raise RuntimeError("the server did not start: " + process.stdout.read().decode(errors="replace")[-2000:])
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        own_settings.cleanup()


def wait_rendered(page, settle_ms: int = 500, timeout_ms: int = 60_000) -> float:
    """Waits until the page has finished rendering (RENDERED_JS, held for `settle_ms`): the seconds
    from the start of the navigation to the moment it was first rendered for good."""
    return page.evaluate(SETTLED_JS, [settle_ms, timeout_ms]) / 1000
