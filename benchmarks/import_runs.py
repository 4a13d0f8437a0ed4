"""`python -m benchmarks.import_runs FILE WORKDIR RUNS [--warm] [--database DB]`: imports FILE into a
new database (or into DB) RUNS times, in this fresh process, and prints {"seconds": [...],
"peak_rss_mib": ...} as JSON.

Run by `python -m benchmarks` so that an import does not share its interpreter with the 3-million-
row database, page runs and browser of the other cases. With --warm, one untimed import comes
first: a running server has its libraries loaded and their first-use work done (regular
expressions compiled, compute kernels and DuckDB extensions such as json loaded)."""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from pmo_data.importer import ImportFailed, import_file
from pmo_data.store import delete_database, open_store


def import_seconds(path: Path, db: Path, fresh: bool = True) -> float:
    if fresh:
        delete_database(db)
    store = open_store(db)
    start = time.perf_counter()
    try:
        import_file(store, path, "2026-10")
    except ImportFailed:  # a file the import refuses (too wide, unrecognised) is timed to its refusal
        pass
    seconds = time.perf_counter() - start
    store.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_runs")
    parser.add_argument("file", type=Path)
    parser.add_argument("workdir", type=Path)
    parser.add_argument("runs", type=int)
    parser.add_argument("--warm", action="store_true", help="one untimed import first")
    parser.add_argument("--database", type=Path, help="import into this existing database instead of new ones")
    args = parser.parse_args()
    db = args.database or args.workdir / f"import-{args.file.stem}.duckdb"
    if args.warm:
        import_seconds(args.file, db, fresh=args.database is None)
    seconds = [import_seconds(args.file, db, fresh=args.database is None) for _ in range(args.runs)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_rss_mib": peak}))


if __name__ == "__main__":
    main()
