"""Several sessions at once, as the Streamlit server runs them (threads sharing one Store):
imports are serialised by one writer lock, and a reader during an import sees the previous
complete month, never a half-loaded one."""

from __future__ import annotations

import threading

from pmo_data import queries
from pmo_data.importer import import_file
from tests.conftest import SAMPLE_DATA


def test_parallel_imports_both_land_whole(store):
    files = [SAMPLE_DATA / "2026-09" / "pmo_portfolio.xlsx", SAMPLE_DATA / "2026-10" / "pmo_portfolio.xlsx"]
    errors: list[BaseException] = []

    def run(path, period):
        try:
            import_file(store, path, period)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(f, p)) for f, p in zip(files, ["2026-09", "2026-10"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.query("select period, count(*) n from projects group by all order by 1")["n"].tolist() == [25, 25]
    assert store.scalar("select count(*) from kpi_project_health") == 50


def test_readers_during_an_import_see_whole_states_only(store, big_tasks_file):
    import_file(store, SAMPLE_DATA / "2026-10" / "pmo_portfolio.xlsx", "2026-10")
    before = store.scalar("select count(*) from tasks")
    seen: set[int] = set()
    health_rows: set[int] = set()
    done = threading.Event()

    def read():
        while not done.is_set():
            seen.add(int(store.scalar("select count(*) from tasks")))
            health_rows.add(len(queries.project_health(store, queries.Filters(period=queries.latest_period(store)))))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    import_file(store, big_tasks_file, "2026-10")
    done.set()
    for reader in readers:
        reader.join()
    after = store.scalar("select count(*) from tasks")
    assert seen <= {before, after} and before in seen
    assert health_rows <= {25, 325}  # 25 register projects, then 300 more from the tasks file
