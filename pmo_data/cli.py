"""Command line: `python -m pmo_data COMMAND --help`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import json
import re

import pandas as pd

from pmo_data import advice, audit, catalog, corrections, demo, queries
from pmo_data.audit import COMMAND_LINE, os_user
from pmo_data.formatting import ratio
from pmo_data.importer import (REPORTED_ONLY, ImportFailed, UnreadValues, import_file, parse_date_orders, parse_period,
                               parse_rates, parse_status_words, remove_import)
from pmo_data.mapping import ColumnMapping, MappingError, delete_mapping, load_toml, saved_mappings
from pmo_data.store import DatabaseFolderMissing, DatabaseUnavailable, open_store

SAMPLE_DATA = demo.SAMPLE_DATA


def _print_result(result) -> None:
    loaded = ", ".join(f"{table} {count}" for table, count in result.rows_loaded.items())
    unread = sum(entry["count"] for entry in result.report["unparsed_values"].values()
                 if entry.get("kind") not in REPORTED_ONLY)
    if unread:  # first, so that nobody reads "loaded" without it
        print(f"{result.file_name}: {unread} value{'s' if unread != 1 else ''} could not be read and "
              f"{'were' if unread != 1 else 'was'} left empty (--allow-unparsed)")
    print(
        f"{result.file_name}: {result.source} (confidence {result.confidence:.2f}), period {result.period:%Y-%m}: "
        f"loaded {loaded}; {result.rows_rejected} rejected; {result.warning_count} warnings"
    )
    report = result.report
    for rejected in report["rejected_rows"][:20]:
        print(f"  rejected {rejected['sheet']} row {rejected['row']}: {rejected['reason']}")
    for column, entry in report["unparsed_values"].items():
        print(f"  unparsed in {column}: {entry['count']} (e.g. {', '.join(entry['examples'])})")
    for column, decision in report["date_order"].items():
        print(f"  dates in {column}: {decision}")
    for sheet, columns in report["columns_kept_in_extra"].items():
        print(f"  kept in extra from {sheet}: {len(columns)} columns ({', '.join(columns[:6])}{', …' if len(columns) > 6 else ''})")
    for entry in report.get("template_rows", []):
        print(f"  template rows on {entry['sheet']}: {entry['rows']} ({entry['why']}), not loaded")
    for note in report.get("notes", []):
        print(f"  read: {advice.for_cli(note)}")
    for warning in report["warnings"]:
        print(f"  warning: {advice.for_cli(warning)}")
    if result.replaced:
        print(f"  replaces {result.replaced}: its rows are no longer current for {result.period:%Y-%m} "
              "(python -m pmo_data undo takes this back)")


def cmd_import(args) -> int:
    store = open_store(args.db, create=args.create)
    try:
        mapping = load_toml(args.mapping) if args.mapping else None
    except MappingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    failures = 0
    for path in args.paths:
        try:
            words = parse_status_words(args.status)
            orders = parse_date_orders(args.date_order)
            _print_result(import_file(store, path, args.period, args.source, args.project, mapping, user=os_user(),
                                      status_words=words, role=COMMAND_LINE, allow_unparsed=args.allow_unparsed,
                                      date_orders=orders, first_month=args.first_month, rates=parse_rates(args.rate)))
        except UnreadValues as error:
            failures += 1
            print(f"error: {advice.for_cli(error)}. Next: --date-order 'COLUMN=day-first' (or month-first) for a date column, or "
                  "--allow-unparsed to load them as empty", file=sys.stderr)
        except ImportFailed as error:
            failures += 1
            print(f"error: {advice.for_cli(error)}", file=sys.stderr)
    return 1 if failures else 0


def cmd_mappings(args) -> int:
    store = open_store(args.db)
    frame = saved_mappings(store)
    if args.delete:
        chosen = frame[frame["name"] == args.delete]
        if len(chosen) != 1:
            print(f"error: {'no' if chosen.empty else 'more than one'} saved mapping is named '{args.delete}'", file=sys.stderr)
            return 1
        print(f"deleted the mapping '{delete_mapping(store, chosen['header_signature'].iloc[0], os_user(), COMMAND_LINE)}': "
              "next month's file with its headers is detected afresh")
        return 0
    if frame.empty:
        print("no saved mappings")
    for row in frame.itertuples():
        print(f"{row.name}  → {row.target_table}  (saved {row.saved_at:%Y-%m-%d}, headers {row.header_signature})")
        if args.toml:
            print(ColumnMapping.from_json(row.mapping).to_toml())
    return 0


def load_demo(db=None, sample_dir: Path = SAMPLE_DATA, create: bool = False, user: str | None = None) -> list:
    """Imports every file of sample_data/<YYYY-MM>/ for its month; returns the results."""
    store = open_store(db, create=create)
    return [import_file(store, path, period, user=user, role=COMMAND_LINE if user else None)
            for period, path in demo.demo_files(sample_dir)]


def cmd_demo(args) -> int:
    store = open_store(args.db, create=args.create)
    if args.remove:
        print(demo.remove_demo(store, user=os_user(), role=COMMAND_LINE))
        return 0
    if args.if_empty and not catalog.is_empty(store):
        print(f"{store.path}: already holds data; demo not loaded")
        return 0
    try:
        for result in load_demo(args.db, create=args.create, user=os_user()):
            _print_result(result)
    except ImportFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_periods(args) -> int:
    frame = catalog.periods(open_store(args.db))
    if frame.empty:
        print("no data loaded")
    for row in frame.itertuples():
        print(f"{row.period:%Y-%m}  {row.imports} imports  {row.projects} projects  {row.tasks} tasks  {row.risks} risks")
    return 0


def cmd_imports(args) -> int:
    frame = catalog.imports(open_store(args.db))
    if frame.empty:
        print("no imports yet")
    for row in frame.itertuples():
        print(
            f"#{row.import_id}  {row.period:%Y-%m}  {row.file_name}  {row.source}  read {row.rows_read}  "
            f"loaded {row.rows_loaded}  rejected {row.rows_rejected}  at {row.imported_at:%Y-%m-%d %H:%M}"
            + (f"  replaced by #{int(row.replaced_by)}" if pd.notna(row.replaced_by) else "")
        )
    return 0


def _change(make, reported: str) -> int:
    """Runs a removal or an undo and prints what it did (`reported` with {} for it), or why not."""
    try:
        detail = make()
    except corrections.ChangeRefused as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(reported.format(detail))
    return 0


def cmd_remove(args) -> int:
    return _change(lambda: remove_import(open_store(args.db), args.import_id, user=os_user(), role=COMMAND_LINE),
                   f"removed {{}} (python -m pmo_data undo brings it back within {corrections.undo_days()} days)")


def cmd_undo(args) -> int:
    return _change(lambda: corrections.undo_last(open_store(args.db), user=os_user(), role=COMMAND_LINE), "undone: {}")


def cmd_audit(args) -> int:
    unknown = sorted(set(args.action or []) - set(audit.ACTIONS))
    if unknown:
        print(f"error: unknown action {', '.join(unknown)} (known: {', '.join(audit.ACTIONS)})", file=sys.stderr)
        return 1
    frame = audit.entries(open_store(args.db), args.action, args.limit)
    if frame.empty:
        print("no entries")
    for row in frame.itertuples():
        who = (row.user_name if isinstance(row.user_name, str) else "open access") + (f" ({row.role})" if isinstance(row.role, str) else "")
        print(f"{row.logged_at:%Y-%m-%d %H:%M:%S}  {who}  {row.action}  {row.detail or ''}")
    return 0


def _records(frame) -> list[dict]:
    """JSON-ready rows: dates as YYYY-MM-DD, missing values as null, lists as lists."""
    frame = frame.copy()
    for column in frame.select_dtypes(include=["datetime64"]).columns:
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return json.loads(frame.to_json(orient="records"))


def cmd_kpis(args) -> int:
    store = open_store(args.db)
    try:
        period = parse_period(args.period) if args.period else queries.latest_period(store)
    except ImportFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if period is None or period not in queries.periods(store):
        print(f"error: no data loaded for {args.period or 'any month'}", file=sys.stderr)
        return 1
    cards = queries.portfolio_cards(store, queries.Filters(period=period))
    totals = cards[cards["is_current"]].drop(columns="is_current")
    health = queries.project_health(store, queries.Filters(period=period))
    if args.json:
        print(json.dumps({"period": period.isoformat(), "portfolio": _records(totals)[0] if len(totals) else None,
                          "project_health": _records(health)}, ensure_ascii=False, indent=1))
        return 0
    if totals.empty:
        print(f"{period:%B %Y}: no projects loaded (only risks, people or plans): nothing to assess")
        return 0
    total = totals.iloc[0]
    print(f"{period:%B %Y}: {total.projects} projects — {total.green} green, {total.amber} amber, {total.red} red, "
          f"{total.grey} grey; {total.watermelons} watermelons; {total.over_allocated_people} people over-allocated; "
          f"portfolio SPI {ratio(total.spi)}, CPI {ratio(total.cpi)} (ΣEV/ΣPV, ΣEV/ΣAC); "
          f"{total.no_update} with no update this month")
    for row in health.itertuples():
        flag = " (watermelon: reported " + row.reported_health + ")" if row.watermelon else ""
        print(f"  {row.health:<5} {row.project_id}  {row.project_name}{flag}")
        if row.health_reason_text:
            print(f"        {row.health_reason_text}")
    return 0


def cmd_export(args) -> int:
    from pmo_data import exports, tabular
    from pmo_data.deck import DeckRequest, SECTIONS, build_deck
    from pmo_data.images import ImageExportUnavailable, figure_bytes

    store = open_store(args.db)
    try:
        period = parse_period(args.period) if args.period else queries.latest_period(store)
        if period is None or period not in queries.periods(store):
            raise ValueError(f"no data loaded for {args.period or 'any month'}")
        filters = exports.parse_filters(period, args.filter or [])
        out = Path(args.out)
        if args.what == "deck":
            template = Path(args.template).read_bytes() if args.template else None
            sections = tuple(args.sections.split(",")) if args.sections else SECTIONS
            unknown = set(sections) - set(SECTIONS)
            if unknown:
                raise ValueError(f"unknown section {', '.join(sorted(unknown))} (known: {', '.join(SECTIONS)})")
            data = build_deck(store, DeckRequest(filters, sections, tuple(args.project or ()), template))
        elif args.what in {"xlsx", "csv"}:
            names = args.name or list(exports.TABLES)
            frames = {name: exports.TABLES[name](store, filters) for name in names}
            numbers = queries.number_format(store)  # money headers and cells in the reporting currency
            data = (tabular.to_xlsx(frames, numbers) if args.what == "xlsx"
                    else tabular.to_csv(frames[names[0]], numbers, names[0]))
        else:
            if not args.name or args.name[0] not in exports.CHARTS:
                raise ValueError(f"name a chart: {', '.join(exports.CHARTS)}")
            data = figure_bytes(exports.chart_figure(args.name[0], store, filters), args.what)
    except (ImportFailed, ValueError, KeyError, OSError, ImageExportUnavailable) as error:
        print(f"error: {str(error).strip(chr(39))}", file=sys.stderr)
        return 1
    out.write_bytes(data)
    print(f"{out}: {args.what}, {len(data):,} bytes, {filters.describe()}")
    return 0


def cmd_backup(args) -> int:
    from pmo_data.backup import BackupError, backup

    if args.keep < 1:  # checked before anything is written: --keep 0 used to delete every backup, the new one too
        print(f"error: --keep must be at least 1 (the backup just written is always kept), not {args.keep}", file=sys.stderr)
        return 1
    try:
        target = backup(open_store(args.db), args.out, keep=args.keep, user=os_user(), role=COMMAND_LINE)
    except (BackupError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"backup written: {target} (keeping the newest {args.keep})")
    return 0


def cmd_restore(args) -> int:
    from pmo_data.backup import BackupError, restore
    from pmo_data.config import database_path

    try:
        target = restore(args.backup, database_path(args.db), force=args.force, create=args.create,
                         user=os_user(), role=COMMAND_LINE)
    except (BackupError, OSError, Exception) as error:  # a damaged backup must not end in a traceback
        print(f"error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    print(f"restored {args.backup} into {target}")
    return 0


def cmd_hash_password(args) -> int:
    import getpass

    from pmo_data.auth import hash_password

    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("error: use at least 8 characters", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


def cmd_corpus(args) -> int:
    from pmo_data import corpus

    entries = corpus.load_list([Path(p) for p in args.list] if args.list else [corpus.LIST_FILE])
    outcomes = corpus.check(Path(args.folder), entries)
    if not outcomes:
        print(f"none of the {len(entries)} listed files is in {args.folder}")
        return 1
    print(corpus.score(outcomes))
    for outcome in outcomes:
        print(outcome.line())
    return 0 if all(o.verdict == "right" for o in outcomes) else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pmo_data", description="PMO dashboard data tools")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", help="database file (default: $PMO_DB or data/pmo.duckdb)")
        sub.set_defaults(handler=handler)
        return sub

    imp = command("import", "import tracker exports and PMO spreadsheets for a reporting month", cmd_import)
    imp.add_argument("paths", nargs="+", metavar="PATH", help="xlsx, xlsm, xls, ods or csv files, or a Trello board's json")
    imp.add_argument("--period", help="reporting month YYYY-MM (default: the month the file states)")
    imp.add_argument("--source", help="skip detection and read the file as this source")
    imp.add_argument("--project", help="the PMO's project id for the file's rows (a tracker export of one project)")
    imp.add_argument("--status", action="append", metavar="WORD=CATEGORY",
                     help="a status word the file uses and its category (todo, in_progress or done); repeatable; "
                          "saved for every later import")
    imp.add_argument("--allow-unparsed", action="store_true",
                     help="load values that cannot be read as empty (without it such a file is refused, naming them)")
    imp.add_argument("--date-order", action="append", metavar="COLUMN=ORDER",
                     help="read a date column day-first or month-first, COLUMN as the refusal names it "
                          "('Risks: Raised=day-first'); repeatable")
    imp.add_argument("--first-month", metavar="YYYY-MM",
                     help="a plan whose months are numbered from its start (M1, M2 …) or named without a year (Jan, Feb …): its first month, with the year")
    imp.add_argument("--rate", action="append", metavar="CODE=RATE",
                     help="a file in another currency: 1 CODE in the reporting currency for the month "
                          "('EUR=1.08'); kept as the month's rate; repeatable")
    imp.add_argument("--create", action="store_true", help=CREATE_HELP)
    imp.add_argument("--mapping", metavar="FILE.toml", help="read the file through this column mapping, and save the "
                     "mapping for next month's files with the same headers (docs/sources.md)")
    maps = command("mappings", "list the saved column mappings (recipes), show them as TOML, or delete one", cmd_mappings)
    maps.add_argument("--toml", action="store_true", help="print each as the TOML --mapping reads")
    maps.add_argument("--delete", metavar="NAME", help="forget the saved mapping of this name")

    demo = command("demo", "load the demo portfolio from sample_data/", cmd_demo)
    demo.add_argument("--if-empty", action="store_true", help="only when the database holds no data yet")
    demo.add_argument("--create", action="store_true", help=CREATE_HELP)
    demo.add_argument("--remove", action="store_true",
                      help="remove every import of the demo (kept for undo, audited), to start with your own data")

    kpis = command("kpis", "print the portfolio summary and every project's health for a month", cmd_kpis)
    kpis.add_argument("--period", help="reporting month YYYY-MM (default: the latest loaded)")
    kpis.add_argument("--json", action="store_true", help="print JSON: the portfolio's totals and project_health rows")

    export = command("export", "export the review deck, tables (xlsx/csv) or a chart (png/svg)", cmd_export)
    export.add_argument("what", choices=["deck", "xlsx", "csv", "png", "svg"])
    export.add_argument("name", nargs="*", help="tables (xlsx/csv: project_health, risks, …; default all) or the chart (png/svg)")
    export.add_argument("--period", help="reporting month YYYY-MM (default: the latest loaded)")
    export.add_argument("--filter", action="append", metavar="NAME=VALUE",
                        help="program=…, portfolio=…, department=…, manager=…, health=… (repeatable)")
    export.add_argument("--template", help="deck: your own .pptx whose layouts and masters the deck uses")
    export.add_argument("--sections", help="deck: comma-separated sections (default: all)")
    export.add_argument("--project", action="append", help="deck: add a slide for this project (repeatable)")
    export.add_argument("--out", required=True, help="the file to write")

    back = command("backup", "write a consistent copy of the database (Parquet files) and rotate old copies", cmd_backup)
    back.add_argument("--out", required=True, help="folder that holds the backups")
    back.add_argument("--keep", type=int, default=12, help="how many backups to keep (default 12)")
    rest = command("restore", "make the database a copy of a backup folder (the dashboard may keep running)", cmd_restore)
    rest.add_argument("backup", help="a pmo-backup-YYYYMMDD-HHMMSS folder")
    rest.add_argument("--force", action="store_true", help="replace an existing database (recorded in the audit log)")
    rest.add_argument("--create", action="store_true", help=CREATE_HELP)

    check = commands.add_parser("corpus", help="check real exports against their hand counts (docs/real-corpus.md)")
    check.add_argument("action", choices=["check"])
    check.add_argument("folder", metavar="DIR", help="the folder holding the listed files")
    check.add_argument("--list", action="append", metavar="FILE.toml",
                       help="the list of files and hand counts (default docs/real-corpus.toml; repeatable)")
    check.set_defaults(handler=cmd_corpus)

    command("hash-password", "print the hash of a password for .streamlit/secrets.toml (docs/deploy.md)", cmd_hash_password)
    command("periods", "list the loaded reporting months", cmd_periods)
    command("imports", "list the import history", cmd_imports)
    remove = command("remove", "remove an import: what it had replaced is current again (undo brings it back)", cmd_remove)
    remove.add_argument("import_id", type=int, metavar="IMPORT_ID", help="the import's number (#) in `imports`")
    command("undo", "take back the newest removal or replacement not undone yet (kept [corrections] undo_days days)",
            cmd_undo)
    log = command("audit", "print the audit log, newest first: imports, corrections, removals, undos, backups, "
                  "restores and sign-ins, with who", cmd_audit)
    log.add_argument("--action", action="append", metavar="ACTION", help=f"only this action (repeatable): {', '.join(audit.ACTIONS)}")
    log.add_argument("--limit", type=int, default=50, help="how many entries (default 50)")
    return parser


CREATE_HELP = "create the database's folder when it does not exist (without it, a missing folder is an error)"


def main(argv: list[str] | None = None) -> int:
    """Runs one command; every failure ends in one line on stderr and exit code 1, never a traceback."""
    args = build_parser().parse_args(argv)
    # a writer queued behind another says so on stderr ("waiting for the import of … by …")
    logging.basicConfig(format="%(message)s", level=logging.WARNING)
    try:
        return args.handler(args)
    except DatabaseFolderMissing as error:
        hint = "; pass --create to start a new database there" if "create" in args else ""
        print(f"error: {error} (is the path right? --db or $PMO_DB){hint}", file=sys.stderr)
    except DatabaseUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the last resort: whatever went wrong, in one line
        reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
        print(f"error: {type(error).__name__}{': ' + reason if reason else ''}", file=sys.stderr)
    return 1
