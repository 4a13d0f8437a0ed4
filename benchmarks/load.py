"""Load: many sessions on one server, driven over Streamlit's websocket (benchmarks/ws_session.py),
so the server's work is measured and not a browser's. Two cases, as issue 15 asks:

- 20 sessions opening every page, each page's run time against one session alone. The sessions
  behave like people in a review: each is one browser tab (one websocket) that opens the five
  pages in turn and reads each for THINK_SECONDS (a person in a meeting looks at a page longer
  than that), arriving within the first THINK_SECONDS. The same 20 sessions sending their requests
  back to back, with no reading time at all, are reported too: the server runs every session's
  script in one Python process (one core at a time), so a run there waits for about 20 others.
- an import under 10 reading sessions against the same import alone, timed in turns."""

from __future__ import annotations

import asyncio
import random
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.ws_session import Session
from pages.common.layout import PAGES

PAGE_NAMES = tuple(url for *_, url in PAGES)  # each page's url path, in menu order
THINK_SECONDS = 5.0


@dataclass
class Sessions:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _session(url: str, think: float, out: Sessions, rounds: int = 1, stop: threading.Event | None = None) -> None:
    """One person: a browser tab (one session) going through every page, reading each for `think` s;
    people arrive within the first `think` s."""
    await asyncio.sleep(random.uniform(0, think))
    try:
        async with Session(url) as session:
            for _ in range(rounds):
                for page in PAGE_NAMES:
                    if stop is not None and stop.is_set():
                        return
                    run = await session.open(page)
                    if run.exception:
                        out.errors.append(f"{page}: {run.exception}")
                    out.seconds.append(run.seconds)
                    await asyncio.sleep(think)
    except Exception as error:  # noqa: BLE001 - a failed session is counted, not fatal
        out.errors.append(f"{type(error).__name__}: {error}")


def sessions(url: str, count: int, think: float, rounds: int = 1, stop: threading.Event | None = None,
             out: Sessions | None = None) -> Sessions:
    """`count` sessions at once, each opening every page `rounds` times: every page run's seconds
    (in `out` when given, filled as they come)."""
    out = Sessions() if out is None else out

    async def everyone() -> None:
        await asyncio.gather(*(_session(url, think, out, rounds, stop) for _ in range(count)))

    asyncio.run(everyone())
    return out


def under_readers(url: str, readers: int, work: Callable[[], list[float]]) -> tuple[list[float], Sessions]:
    """`work`'s seconds while `readers` sessions keep opening pages (reading each for 1 s)."""
    stop = threading.Event()
    seen = Sessions()
    thread = threading.Thread(target=sessions, args=(url, readers, 1.0), kwargs={"rounds": 1000, "stop": stop, "out": seen})
    thread.start()
    try:
        threading.Event().wait(3.0)  # the readers are all reading
        seconds = work()
    finally:
        stop.set()
        thread.join()
    return seconds, seen


def demo_server_db(workdir: Path) -> Path:
    from pmo_data.cli import load_demo

    db = workdir / "load" / "demo.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    load_demo(db)
    return db


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
