"""One file in, one transaction out: read → detect → adapt → conform → load (→ KPI rebuild).

Every failure becomes an ImportFailed with a one-line reason, and the database is left
exactly as it was before the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pmo_data import (advice, audit, corrections, currency, date_text, loader, marts, normalize, profile, reconcile, sources,
                      vocabulary)
from pmo_data import sql
from pmo_data.conform import conform
from pmo_data.mapping import ColumnMapping, MappedAdapter, MappingError, save_mapping, saved_mapping_for
from pmo_data.readers import UnreadableFile, Workbook, read_workbook
from pmo_data.set_aside import set_aside_rows_outside_the_records
from pmo_data.sources.base import Batch, ImportContext, LayoutMismatch
from pmo_data.store import PublishFailed, Store

PERIOD_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
LOG = logging.getLogger(__name__)


class ImportFailed(Exception):
    """The file was not imported; the message is one line for the user. `asks` names what the user
    can give for the file to be read (FIRST_MONTH: the calendar month of a plan's M1)."""

    def __init__(self, message: str = "", asks: frozenset[str] = frozenset()):
        super().__init__(message)
        self.asks = asks


@dataclass
class ImportResult:
    import_id: int
    file_name: str
    source: str
    confidence: float
    period: dt.date
    rows_read: int
    rows_loaded: dict[str, int]
    rows_rejected: int
    report: dict = field(default_factory=dict)
    replaced: str = ""  # the imports it took the place of or corrects ("#7 projects.csv"): no longer current

    @property
    def warning_count(self) -> int:
        return len(self.report.get("warnings", [])) + len(self.report.get("unparsed_values", {}))


def parse_period(text: str | dt.date | None) -> dt.date | None:
    """'2026-10' (or any date) -> the first day of that month."""
    if text is None or isinstance(text, dt.date):
        return None if text is None else text.replace(day=1)
    match = PERIOD_PATTERN.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ImportFailed(f"period '{text}' is not a month like 2026-10")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


@dataclass(frozen=True)
class MonthChoice:
    """The reporting months offered for an upload, newest first, and the one chosen by default."""
    months: list[dt.date]
    default: dt.date
    why: str


def reporting_month_choice(today: dt.date, stated: set[dt.date], loaded: list[dt.date],
                           back: int = 24) -> MonthChoice:
    """The months an upload can go under: the `back` months before `today`'s, every month already
    loaded and every month a file states. The default is the newest month the files state, else
    the month before `today`'s (a PMO reports on the month just ended). `today` is passed in, never
    read from the clock here, so the choice is the same on any day for the same inputs."""
    this_month = today.replace(day=1)
    recent = [(pd.Timestamp(this_month) - pd.DateOffset(months=n)).date() for n in range(back + 1)]
    if stated:
        default, why = max(stated), "the month the file states"
    else:
        default, why = recent[1], "last month"
    months = sorted(set(recent) | {m.replace(day=1) for m in loaded} | {m.replace(day=1) for m in stated}, reverse=True)
    return MonthChoice(months, default.replace(day=1), why)


def quality_report(batch: Batch, source: str, confidence: float, extra: dict | None = None) -> dict:
    """What the user must know about an import: rejected rows, unparsed values, kept-aside columns."""
    return {
        "source": source,
        "confidence": confidence,
        "rows_read": batch.rows_read,
        "rejected_rows": [r.__dict__ for r in sorted(batch.rejected, key=lambda r: (r.sheet, r.row))],
        # the cells as written, with their count; the sheet positions kept for set_aside stay internal
        "unparsed_values": {column: {k: v for k, v in entry.items() if k != "rows"}
                            for column, entry in batch.problems.unparsed.items()},
        "date_order": batch.problems.decisions,
        "columns_kept_in_extra": batch.extra_columns,
        "warnings": batch.warnings,
        "notes": list(dict.fromkeys(batch.notes)),
        "template_rows": [{"sheet": s, "rows": n, "why": why} for s, n, why in batch.template_rows],
        "unknown_status_words": batch.unknown_status_words,
        **(extra or {}),
    }


def _fill_project(batch: Batch, project: str | None) -> None:
    """--project names the project the file's rows belong to (a tracker export of one project,
    whose own project key is not the PMO's id)."""
    if not project:
        return
    for table, frame in batch.tables.items():
        if table in {"tasks", "risks", "allocations"}:
            frame["project_id"] = project
    if "projects" in batch.tables:
        projects = batch.tables["projects"]
        name = projects["project_name"].dropna().iloc[0] if "project_name" in projects and projects["project_name"].notna().any() else None
        batch.tables["projects"] = projects.iloc[:1].assign(project_id=project, project_name=name or project)


@dataclass
class Prepared:
    """Everything about a file before the database: what would load, and from what."""

    tables: dict[str, pd.DataFrame]
    batch: Batch
    detection: sources.Detection
    period: dt.date | None
    file_sha256: str
    workbook: Workbook
    mapping: ColumnMapping | None
    mapping_given: bool = False  # chosen by the user (saved with the import), not found for these headers
    status_words: dict[str, str] = field(default_factory=dict)  # mapped by the user for this import: saved with it

    @property
    def source(self) -> str:
        return f"mapped: {self.mapping.name}" if self.mapping else self.detection.adapter.name


def _detections(workbook: Workbook, source: str | None, mapping: ColumnMapping | None, store: Store | None):
    """The readings to try, in order: an explicit mapping, else a mapping saved for these headers,
    else the named source, else every detected one above the bar, the most confident first."""
    if mapping is None and source is None and store is not None:
        mapping = saved_mapping_for(store, workbook)
    if mapping is not None:
        mapping.validate()
        mapping.source_table(workbook)
        return [sources.Detection(MappedAdapter(mapping), 1.0)], mapping
    return sources.candidates(workbook, source), None


def _adapted(workbook: Workbook, detections: list[sources.Detection], context: ImportContext) -> tuple[Batch, sources.Detection]:
    """The batch of the first reading that works. An adapter that raises has met a file it was not
    written for: that is a bug of the product's, never the user's file's fault. It is logged with
    its traceback under an incident id, and the next candidate format is tried; when none is left,
    the user is told it was the product's error and where it is logged."""
    incidents, mismatches, asks = [], [], frozenset()
    for detection in detections:
        try:
            return detection.adapter.adapt(workbook, context), detection
        except LayoutMismatch as mismatch:
            mismatches.append(f"as a {detection.adapter.label} ({detection.confidence:.0%} sure) it lacks {mismatch}")
            asks |= mismatch.asks
        except Exception:
            incident = f"import-{secrets.token_hex(4)}"
            LOG.error("incident %s: the %s reader failed on %s (%.0f%% sure)", incident, detection.adapter.name,
                      workbook.file_name, detection.confidence * 100, exc_info=True)
            incidents.append(f"{detection.adapter.label} ({incident})")
    if incidents:
        said = f" Also: {'; '.join(mismatches)}." if mismatches else ""
        raise ImportFailed(
            f"{workbook.file_name}: could not read this file because of an error in the product, not in the file "
            f"(logged as {', '.join(incidents)}; please report it).{said} {sources.NEXT_STEP}", asks)
    raise ImportFailed(f"{workbook.file_name}: layout not read: {'; '.join(mismatches)}. {sources.NEXT_STEP}", asks)


def prepare(path: str | Path, period: str | dt.date | None = None, source: str | None = None,
            project: str | None = None, mapping: ColumnMapping | None = None, store: Store | None = None,
            require_period: bool = True, status_words: dict[str, str] | None = None,
            date_orders: dict[str, str] | None = None, first_month: str | dt.date | None = None) -> Prepared:
    """Reads, recognises and conforms a file without touching the database (previews use it too).
    With require_period=False, a file that states no month gives a Prepared whose period is None."""
    path = Path(path)
    with ThreadPoolExecutor(max_workers=1) as hashing:  # hashlib hashes large files without the GIL
        return _prepare(path, period, source, project, mapping, store, require_period, hashing.submit(_sha256, path),
                        status_words or {}, date_orders or {}, parse_period(first_month))


def _prepare(path: Path, period: str | dt.date | None, source: str | None, project: str | None,
             mapping: ColumnMapping | None, store: Store | None, require_period: bool, file_sha256: Future,
             status_words: dict[str, str], date_orders: dict[str, str], first_month: dt.date | None) -> Prepared:
    mapping_given = mapping is not None
    try:
        workbook = read_workbook(path)
        detections, mapping = _detections(workbook, source, mapping, store)
    except (UnreadableFile, sources.UnknownFormat) as error:
        raise ImportFailed(str(error)) from None
    except MappingError as error:
        raise ImportFailed(f"{path.name}: {error}") from None
    chosen_period = parse_period(period)
    file_order, settled_by = profile.file_date_order(workbook)
    locale = normalize.DECIMAL_COMMA.set(workbook.decimal_comma)  # set last before the try that resets them
    order = date_text.FILE_DATE_ORDER.set(file_order)
    chosen_orders = normalize.CHOSEN_DATE_ORDERS.set(date_orders or {})
    try:
        batch, detection = _adapted(workbook, detections, ImportContext(chosen_period, project, first_month))
    finally:
        normalize.DECIMAL_COMMA.reset(locale)
        date_text.FILE_DATE_ORDER.reset(order)
        normalize.CHOSEN_DATE_ORDERS.reset(chosen_orders)
    set_aside_rows_outside_the_records(batch, workbook)
    if file_order and any("file's other date columns" in d for d in batch.problems.decisions.values()):
        batch.notes.append(f"dates: {file_order}, as {settled_by} settle it")
    chosen_period = chosen_period or parse_period(batch.period_hint)
    if chosen_period is None and require_period:
        raise ImportFailed(f"{path.name}: the file states no reporting period; give one with --period YYYY-MM")
    _fill_project(batch, project)
    unread = [s.name for s in workbook.data_sheets if s.name not in batch.sheets_read]
    if unread and workbook.kind == "spreadsheet":
        batch.warnings.append(f"sheets not loaded ({detection.adapter.label} does not use them): {', '.join(unread)}")
    known_words = {**(saved_status_words(store) if store is not None else {}), **status_words}
    tables = conform(batch, detection.adapter.name, known_words)
    tasks = tables.get("tasks")
    if tasks is not None and len(tasks) and tasks["baseline_start"].isna().all() and tasks["baseline_finish"].notna().any():
        batch.notes.append("tasks: the file gives no baseline start; planned value uses the start each task had "
                           "in the first month it was loaded (a task moved later does not lower it)")
    if not any(len(f) for f in tables.values()):
        raise ImportFailed(f"{path.name}: {_nothing_to_load(batch, detection)}")
    return Prepared(tables, batch, detection, chosen_period, file_sha256.result(), workbook, mapping, mapping_given,
                    status_words)


def _nothing_to_load(batch: Batch, detection: sources.Detection) -> str:
    """Why a recognised file gives no rows, in the file's terms, with what to do."""
    parts = [f"read as a {detection.adapter.label} ({detection.confidence:.0%} sure), but it holds no entries to load"]
    for sheet, count, why in batch.template_rows:
        parts.append(f"{count} template row(s) on '{sheet}' ({why})")
    if batch.rejected:
        first = batch.rejected[0]
        parts.append(f"{len(batch.rejected)} row(s) rejected, e.g. '{first.sheet}' row {first.row}: {first.reason}")
    return "; ".join(parts) + ". Fill in the entries, or " + advice.either(
        "map its columns below, under “Map its columns”", "map its columns on the Data page (or --mapping FILE.toml)")


def saved_status_words(store: Store) -> dict[str, str]:
    """Status words users mapped at earlier imports (word -> category)."""
    rows = store.query("select word, status_category from status_word_mappings")
    return dict(zip(rows["word"], rows["status_category"]))


def save_status_words(cur, words: dict[str, str]) -> None:
    """Keeps the user's status words for every later import (inside the import's transaction)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for word, category in words.items():
        cur.execute("insert or replace into status_word_mappings values (?, ?, ?)", [vocabulary.word_key(word), category, now])


STATUS_CATEGORIES = ("todo", "in_progress", "done")


def parse_status_words(pairs: list[str] | None) -> dict[str, str]:
    """'Parked=todo' pairs (CLI --status) as word -> category; ImportFailed names a wrong one."""
    words = {}
    for pair in pairs or []:
        word, _, category = pair.rpartition("=")
        category = category.strip().casefold().replace(" ", "_").replace("-", "_")
        if not word.strip() or category not in STATUS_CATEGORIES:
            raise ImportFailed(f"--status '{pair}': write WORD=CATEGORY, the category one of {', '.join(STATUS_CATEGORIES)}")
        words[word.strip()] = category
    return words


DATE_ORDERS = (date_text.DAY_FIRST, date_text.MONTH_FIRST)


def parse_date_orders(pairs: list[str] | None) -> dict[str, str]:
    """'Risks: Raised=day-first' pairs (CLI --date-order) as column -> order."""
    orders = {}
    for pair in pairs or []:
        column, _, order = pair.rpartition("=")
        if not column.strip() or order.strip() not in DATE_ORDERS:
            raise ImportFailed(f"--date-order '{pair}': write COLUMN=ORDER, the order one of {', '.join(DATE_ORDERS)}")
        orders[column.strip()] = order.strip()
    return orders


def parse_rates(pairs: list[str] | None) -> dict[str, float]:
    """'EUR=1.08' pairs (CLI --rate) as currency code -> rate in the reporting currency."""
    rates = {}
    for pair in pairs or []:
        code, _, value = pair.partition("=")
        try:
            rate = float(value)
        except ValueError:
            rate = 0.0
        if not re.fullmatch(r"[A-Za-z]{3}", code.strip()) or rate <= 0:
            raise ImportFailed(f"--rate '{pair}': write CODE=RATE, e.g. EUR=1.08 (1 EUR in the reporting currency)")
        rates[code.strip().upper()] = rate
    return rates


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


HEADER_ROWS_SEARCHED = 30  # a header under a title block still lies in the first rows


def _currency_named(prepared: Prepared) -> str | None:
    """The currency the headers of the sheets read name (the cells of their first rows)."""
    sheets = [s for s in prepared.workbook.sheets if s.name in prepared.batch.sheets_read] or prepared.workbook.sheets
    return currency.named_in(cell for sheet in sheets for row in sheet.head(HEADER_ROWS_SEARCHED) for cell in row)


def import_file(store: Store, path: str | Path, period: str | dt.date | None = None, source: str | None = None,
                project: str | None = None, mapping: ColumnMapping | None = None, user: str | None = None,
                status_words: dict[str, str] | None = None, role: str | None = None,
                allow_unparsed: bool | frozenset[str] = False, date_orders: dict[str, str] | None = None,
                first_month: str | dt.date | None = None, rates: dict[str, float] | None = None) -> ImportResult:
    """Imports one file in one transaction; raises ImportFailed and changes nothing on any error.
    An explicit mapping, and status words mapped for it, are saved with the import for later files.
    Values that cannot be read refuse the import (`unread_values`) unless `allow_unparsed` leaves
    them empty (True: every column; else the columns named)."""
    prepared = prepare(path, period, source, project, mapping, store, status_words=status_words, date_orders=date_orders,
                       first_month=first_month)
    return import_prepared(store, prepared, user=user, role=role, allow_unparsed=allow_unparsed, rates=rates)


class UnreadValues(ImportFailed):
    """Cells of mapped columns that cannot be read: the import is refused rather than loading
    them as empty. `columns` holds, per 'sheet: header', the count, examples and the kind expected."""

    def __init__(self, file_name: str, columns: dict[str, dict]):
        self.columns = columns
        cells = sum(entry["count"] for entry in columns.values())
        listed = "; ".join(f"'{name}': {entry['count']} (e.g. {', '.join(entry['examples'])})" for name, entry in columns.items())
        super().__init__(f"{file_name}: not imported: {cells} value{'s' if cells != 1 else ''} in {len(columns)} "
                         f"column{'s' if len(columns) != 1 else ''} could not be read, and would be left empty: {listed}")


# Words a vocabulary does not know (a gate's 'Maybe', a RAG colour) are reported and asked for, not
# refused: the row keeps the file's word, and the Data page maps status words. So are a status word
# where a date would be ('En cours': no date yet) and a placeholder date ('1900-12-30': none). Values
# that do not parse at all (a date, a number, a duration, a rating) would become empty cells: those refuse.
REPORTED_ONLY = {"word", normalize.STATUS_IN_A_DATE, normalize.PLACEHOLDER_DATE}


def unread_values(prepared: Prepared, allow_unparsed: bool | frozenset[str] = False) -> dict[str, dict]:
    """The columns whose unreadable values the user has not agreed to leave empty."""
    if allow_unparsed is True:
        return {}
    return {column: entry for column, entry in prepared.batch.problems.unparsed.items()
            if column not in (allow_unparsed or frozenset()) and entry.get("kind") not in REPORTED_ONLY}


CURRENCY_RATE = "currency_rate"  # what a refusal asks for a file in another currency: its month's rate


def foreign_currency(store: Store, prepared: Prepared) -> tuple[str, str] | None:
    """(the file's currency, the reporting one) when the file's money is in another currency than
    the portfolio's; None when it is the same, names none, holds no money, or is the first to name one."""
    named = _currency_named(prepared)
    reporting = currency.reporting(store)
    if not named or not reporting or named == reporting or not currency.holds_money(prepared.tables):
        return None
    return named, reporting


def money_rate(store: Store, prepared: Prepared, period: dt.date,
               given: dict[str, float] | None = None) -> currency.Rate | None:
    """The rate a file's money is converted at: None when it is in the reporting currency (or names
    none, or holds no money). Refuses naming the rate to set when the month has none."""
    foreign = foreign_currency(store, prepared)
    if foreign is None:
        return None
    named, reporting = foreign
    if (given or {}).get(named):
        return currency.Rate(named, reporting, float(given[named]), currency.GIVEN_AT_IMPORT)
    rate = currency.month_rate(store, period, named, reporting)
    if rate is None:
        raise ImportFailed(
            f"{prepared.workbook.file_name}: not imported: its amounts are in {named} and the portfolio reports in "
            f"{reporting}; they are never added together unconverted. Set the rate of 1 {named} in {reporting} for "
            f"{period:%B %Y} (" + advice.either("below", f"on the Data page, with --rate {named}=RATE") +
            f", or in pmo.toml [currency_rates.\"{period:%Y-%m}\"])",
            asks=frozenset({CURRENCY_RATE}))
    return rate


def _date_note(store: Store, as_of: dt.date | None, period: dt.date) -> str | None:
    """A file whose export date differs from the month's status date is accepted, and says so: its
    date dates its own projects' figures, never the others' (stg_project_status_dates)."""
    month = store.query_named("month_status_date", {"period": period})
    if as_of is None or month.empty or month["status_date"].iloc[0] is None:
        return None
    status_date = pd.Timestamp(month["status_date"].iloc[0]).date()
    month_end = (pd.Timestamp(period) + pd.offsets.MonthEnd(0)).date()
    if min(as_of, month_end) == status_date:  # an export made after the month's end dates its last day
        return None
    return (f"this file is as of {as_of:%d %b %Y}, the month's other files as of {status_date:%d %b %Y}: its date is "
            "its own projects' status date only; the others keep theirs (pages and slides show both dates)")


def import_prepared(store: Store, prepared: Prepared, period: str | dt.date | None = None,
                    user: str | None = None, role: str | None = None,
                    allow_unparsed: bool | frozenset[str] = False, rates: dict[str, float] | None = None) -> ImportResult:
    """Writes a file already read and conformed by `prepare` (the Data page's preview), for
    `period` or else the month the file states; the file is not read again. Refuses (UnreadValues)
    while values of a column cannot be read and the user has not chosen to leave them empty. Money
    in another currency than the portfolio's is converted at the month's rate (`rates` given here
    are saved as the month's), or the file is refused naming the rate to set."""
    file_name = prepared.workbook.file_name
    chosen_period = parse_period(period) or prepared.period
    if chosen_period is None:
        raise ImportFailed(f"{file_name}: the file states no reporting period; give one with --period YYYY-MM")
    unread = unread_values(prepared, allow_unparsed)
    if unread:
        raise UnreadValues(file_name, unread)
    batch = prepared.batch
    rate = money_rate(store, prepared, chosen_period, rates)
    tables = currency.converted(prepared.tables, rate.rate) if rate else prepared.tables
    unregistered = reconcile.unregistered_projects(store, tables, chosen_period)
    said = reconcile.unregistered_sentence(unregistered, chosen_period)
    converted_note = [f"money: amounts in {rate.currency} converted at 1 {rate.currency} = {rate.rate:g} {rate.reporting} "
                      f"({rate.source}, {chosen_period:%B %Y})"] if rate else []
    dated = _date_note(store, batch.as_of, chosen_period)
    mapped = reconcile.mapped_ids_note(store, tables)
    report = quality_report(batch, prepared.source, prepared.detection.confidence,
                            {"unregistered_projects": [u.__dict__ for u in unregistered],
                             "warnings": [*batch.warnings, *([said] if said else []), *([dated] if dated else [])],
                             "notes": [*dict.fromkeys(batch.notes), *converted_note, *([mapped] if mapped else [])],
                             "currency_conversion": rate.__dict__ if rate else None})
    held_back = store.held_back  # an earlier change that publishing held back goes out with this one
    try:
        with store.transaction(f"the import of {file_name}") as cur:
            corrections.purge_expired(cur, corrections.utc_now())  # first: a change never revives rows kept too long
            written = loader.write_import(
                cur,
                period=chosen_period,
                tables=tables,
                file_name=file_name,
                file_sha256=prepared.file_sha256,
                source=prepared.source,
                rows_read=batch.rows_read,
                rows_rejected=len(batch.rejected),
                report=report,
                as_of=batch.as_of,
                imported_by=user,
                currency=rate.reporting if rate else _currency_named(prepared),
            )
            if rate and rate.source == currency.GIVEN_AT_IMPORT:  # the month's rate from now on, audited
                cur.execute(sql.load("edits/insert_currency_rate"), {
                    "period": chosen_period, "currency": rate.currency, "reporting": rate.reporting, "rate": rate.rate,
                    "set_by": user, "set_at": corrections.utc_now()})
                audit.log(cur, "currency rate", user, f"1 {rate.currency} = {rate.rate:g} {rate.reporting} for "
                          f"{chosen_period:%Y-%m}", role=role)
            if prepared.mapping_given:
                save_mapping(cur, prepared.mapping, prepared.workbook)
            save_status_words(cur, prepared.status_words)
            replaced = corrections.names(cur, written.same_file + written.corrected)
            action = "re-import" if written.same_file else "replace" if written.corrected else "import"
            audit.log(cur, action, user, f"#{written.import_id} {file_name} for {chosen_period:%Y-%m}"
                      + (f"; replaces {replaced}" if replaced else "") + (" (the same file)" if action == "re-import" else ""),
                      role=role, import_id=written.import_id)
            marts.rebuild(cur)
    except ImportFailed:
        raise
    except PublishFailed as failed:  # in the database, not yet on the pages: said as it is
        report["warnings"].insert(0, f"imported, not yet visible: {failed}")
    except Exception as error:
        raise ImportFailed(f"{file_name}: not imported, database unchanged ({str(error).splitlines()[0]})") from None
    else:
        if held_back and not store.held_back:
            report["notes"].append("published with this import: the earlier changes that publishing had held back "
                                   "are visible now too")
    return ImportResult(
        import_id=written.import_id,
        file_name=file_name,
        source=prepared.source,
        confidence=prepared.detection.confidence,
        period=chosen_period,
        rows_read=batch.rows_read,
        rows_loaded={t: len(f) for t, f in tables.items()},
        rows_rejected=len(batch.rejected),
        report=report,
        replaced=replaced,
    )


ADDED_ON_DATA_PAGE = "data page"  # the source of a project an editor registers by hand


def register_project(store: Store, period: dt.date, project_id: str, name: str | None = None, *,
                     user: str | None = None, role: str | None = None) -> int:
    """Registers a project of the month by hand, for entries that name it when no register does (a
    RAID log of a project nobody registered): a one-row import of its own, so the row knows where it
    came from, the import history lists it and "Remove an import" takes it back. Returns its import id."""
    project_id, name = (project_id or "").strip(), (name or "").strip() or None
    if not project_id:
        raise ImportFailed("give the project's ID")
    file_name = f"{project_id} added on the Data page"
    with store.transaction(f"the project {project_id}") as cur:
        if project_id in {row[0] for row in cur.execute(sql.load("edits/projects_of_month"), {"period": period}).fetchall()}:
            raise ImportFailed(f"{project_id} is a project in {period:%B %Y} already")
        batch = Batch(rows_read=1, notes=[f"project {project_id} registered by hand for {period:%B %Y}"])
        written = loader.write_import(
            cur, period=period, tables={"projects": pd.DataFrame({"project_id": [project_id], "project_name": [name or project_id]})},
            file_name=file_name, file_sha256=hashlib.sha256(f"{period}|{project_id}|{name}".encode()).hexdigest(),
            source=ADDED_ON_DATA_PAGE, rows_read=1, rows_rejected=0,
            report=quality_report(batch, ADDED_ON_DATA_PAGE, 1.0), imported_by=user)
        audit.log(cur, "import", user, f"#{written.import_id} {file_name} for {period:%Y-%m}", role=role,
                  import_id=written.import_id)
        marts.rebuild(cur)
    return written.import_id


def remove_import(store: Store, import_id: int, user: str | None = None, role: str | None = None) -> str:
    """Removes an import (kept for `undo`): what it had replaced is current again; recomputes the
    KPIs and logs who did it. Returns what happened, in words; ChangeRefused for an unknown import."""
    at = corrections.utc_now()
    with store.transaction(f"the removal of import #{import_id}") as cur:
        corrections.purge_expired(cur, at)
        detail = corrections.remove(cur, import_id, at)
        audit.log(cur, "remove import", user, detail, role=role, import_id=import_id, at=at)
        marts.rebuild(cur)
    return detail
