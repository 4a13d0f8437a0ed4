"""PNG and SVG of any chart, through plotly + kaleido and a Chromium already on the machine.

Kaleido needs a Chrome/Chromium binary: it uses $BROWSER_PATH, else Debian's /usr/bin/chromium;
it never downloads one. One browser is started on first use and kept warm (starting Chromium
costs seconds; a warm export takes a fraction of one). Every export is bounded by a timeout.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import os
import shutil
import threading

import plotly.graph_objects as go

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable")
SLIDE_SIZE = (1280, 720)  # 16:9, exported at 2× scale
TIMEOUT_SECONDS = 60

_lock = threading.Lock()
_started = False
_worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaleido")


class ImageExportUnavailable(Exception):
    """No image can be made; the message says why and what to install."""


def browser_path() -> str | None:
    """The browser kaleido will drive: $BROWSER_PATH, else a Chromium or Chrome on the machine."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    return next((c for c in CANDIDATES if os.path.exists(c)), None) or shutil.which("chromium")


def _start() -> None:
    global _started
    path = browser_path()
    if path is None:
        raise ImageExportUnavailable(
            "chart images need Chromium or Chrome on the server: install it (Debian: apt-get install chromium) "
            "or set BROWSER_PATH; the slide deck works without it (its charts are native)")
    os.environ["BROWSER_PATH"] = path
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    _started = True


def figure_bytes(figure: go.Figure, fmt: str = "png", width: int = SLIDE_SIZE[0], height: int = SLIDE_SIZE[1],
                 scale: float = 2, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The chart as PNG or SVG bytes."""
    if fmt not in {"png", "svg"}:
        raise ValueError(f"format {fmt!r}: use png or svg")
    with _lock:
        if not _started:
            _start()
    import kaleido

    job = _worker.submit(kaleido.calc_fig_sync, figure, opts={"format": fmt, "width": width, "height": height, "scale": scale})
    try:
        return job.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        raise ImageExportUnavailable(f"the chart image took longer than {timeout:.0f} s; try again") from None


def stop() -> None:
    """Closes the browser kept warm for chart images (the next image starts it again)."""
    global _started
    with _lock:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False
