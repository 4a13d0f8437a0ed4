"""`python -m benchmarks [--quick]`: runs every case several times, prints and writes
docs/benchmarks.md with the median, the spread, peak memory and the target of each."""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.large_portfolio import build
from pmo_data import marts

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


@dataclass
class Result:
    case: str
    target: str
    seconds: list[float]
    limit: float | None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return "reported"
        return "met" if self.median < self.limit else "NOT met"


def timed(run: Callable[[], None], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


ROOT = Path(__file__).resolve().parent.parent


def page_runs(db: Path, repeat: int, full_size: bool) -> list[Result]:
    """Each page's script run in AppTest on the large database: the first (queries run) and a
    filter change back to a month already seen (answered from the cache)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from pages.common.layout import PAGES

    os.environ["PMO_DB"] = str(db)
    results = []
    for path, title, _, _ in PAGES:
        cold, warm = [], []
        for _ in range(repeat):
            st.cache_data.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.switch_page(path)
            start = time.perf_counter()
            at.run()
            cold.append(time.perf_counter() - start)
            if at.exception:
                raise RuntimeError(f"{title}: {at.exception[0].value}")
            months = at.selectbox(key="period").options
            at.selectbox(key="period").set_value(months[1]).run()  # another month: its queries run once
            at.selectbox(key="period").set_value(months[0])
            start = time.perf_counter()
            at.run()  # back to the first month: every query answered from the cache
            warm.append(time.perf_counter() - start)
        results.append(Result(f"{title} page, first run", "< 1 s", cold, 1.0 if full_size else None))
        results.append(Result(f"{title} page, filter change (cached)", "< 0.3 s", warm, 0.3 if full_size else None))
    return results


def exports_cases(db: Path, repeat: int, full_size: bool) -> list[Result]:
    """The review deck (native charts), and 10 PNG charts with a warm browser."""
    from pmo_data import exports, queries
    from pmo_data.deck import DeckRequest, build_deck
    from pmo_data.images import browser_path, figure_bytes
    from pmo_data.store import open_store

    store = open_store(db)
    filters = queries.Filters(period=queries.latest_period(store))
    results = [Result("Review deck, all sections (native charts)", "< 5 s",
                      timed(lambda: build_deck(store, DeckRequest(filters)), repeat), 5.0 if full_size else None)]
    if browser_path() is None:
        print("no Chromium: PNG export not measured")
        return results
    names = list(exports.CHARTS)
    figures = [exports.CHARTS[names[i % len(names)]](store, filters) for i in range(10)]
    figure_bytes(figures[0])  # start the browser once: the target is for a warm one

    def ten_pngs() -> None:
        for figure in figures:
            figure_bytes(figure, "png")

    results.append(Result("10 PNG charts, warm browser", "< 10 s", timed(ten_pngs, repeat), 10.0 if full_size else None))
    return results


def kpi_rebuild(workdir: Path, repeat: int, scale: float) -> list[Result]:
    store = build(workdir / "large.duckdb", scale=scale)
    tasks = store.scalar("select count(*) from tasks")

    def rebuild() -> None:
        with store.transaction() as cur:
            marts.rebuild(cur)

    rebuild()  # the first build after the bulk load also checkpoints the load: not what a user waits for
    periods = store.scalar("select count(distinct period) from projects")
    projects = store.scalar("select count(distinct project_id) from projects")
    return [Result(
        f"KPI rebuild, all {periods} periods ({projects} projects, {tasks:,} task rows)",
        "< 2 s", timed(rebuild, repeat), 2.0 if scale == 1.0 else None,
    )]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def write_doc(results: list[Result], peak_rss_mib: float) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks`); each case runs several times.",
        "",
        f"Machine: {machine()}. Peak memory (RSS) of the run: {peak_rss_mib:,.0f} MiB.",
        "",
        "| case | target | median | min – max | runs | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r.case} | {r.target} | {r.median:.2f} s | {min(r.seconds):.2f} – {max(r.seconds):.2f} s "
                     f"| {len(r.seconds)} | {r.verdict} |")
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest outside a server warns about every run
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="a small smoke run (a tenth of the data, 2 runs); no doc written")
    args = parser.parse_args()
    repeat, scale = (2, 0.1) if args.quick else (5, 1.0)
    with tempfile.TemporaryDirectory() as tmp:
        results = kpi_rebuild(Path(tmp), repeat, scale)
        results += page_runs(Path(tmp) / "large.duckdb", 3 if not args.quick else 1, scale == 1.0)
        results += exports_cases(Path(tmp) / "large.duckdb", 3 if not args.quick else 1, scale == 1.0)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for r in results:
        print(f"{r.case}: median {r.median:.2f} s (min {min(r.seconds):.2f}, max {max(r.seconds):.2f}); target {r.target}: {r.verdict}")
    if not args.quick:
        write_doc(results, peak)
        print(f"written {DOC}")
    return 0 if all(r.verdict != "NOT met" for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
