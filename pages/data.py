"""Data: the upload centre. Upload exports, see what each file is and what will load before
anything is written, import them, read the quality report; the import history, with removal."""

import datetime as dt
import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from pages.common import display
from pages.common.layout import setup
from pmo_data import catalog, sources
from pmo_data.backup import backup, default_folder
from pmo_data.importer import ImportFailed, Prepared, import_prepared, prepare, remove_import
from pmo_data.mapping import ColumnMapping, sheet_headers, suggest
from pmo_data.queries import Filters
from pmo_data.readers import UnreadableFile, read_workbook
from pmo_data.sources.base import CANONICAL_COLUMNS, REQUIRED_COLUMNS

context = setup("Data")
store = context.store
UPLOAD_DIR = Path(tempfile.gettempdir()) / "pmo-dashboard-uploads"

st.title("Data")
st.caption("Upload this month's exports (xlsx, xlsm, xls, ods or csv). Nothing is written until you press Import; "
           "each file is imported whole or not at all.")


def saved_copy(upload) -> Path:
    """The upload as a file on disk, named by its content so each version is kept apart."""
    content = upload.getvalue()
    folder = UPLOAD_DIR / hashlib.sha256(content).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(upload.name).name
    if not path.exists():
        path.write_bytes(content)
    return path


@st.cache_resource(show_spinner="Reading the file…", max_entries=6, ttl=dt.timedelta(minutes=30))
def prepared_upload(path_text: str, source: str | None, version: str, mapping_json: str | None = None,
                    project: str | None = None) -> Prepared | ImportFailed:
    """The upload read, recognised and conformed, kept (not copied) between reruns: the preview
    shows it and Import writes it, so a large export is read once. It does not depend on the
    month chosen. `version` (the data version) makes a newly saved mapping count."""
    mapping = ColumnMapping.from_json(mapping_json) if mapping_json else None
    try:
        return prepare(path_text, None, source, project, mapping=mapping, store=context.store, require_period=False)
    except ImportFailed as error:
        return error


def preview(path_text: str, source: str | None, version: str, mapping_json: str | None = None,
            project: str | None = None) -> dict:
    """What importing this file would load, or why it cannot be, and the month it states (if any)."""
    prepared = prepared_upload(path_text, source, version, mapping_json, project)
    if isinstance(prepared, ImportFailed):
        return {"error": str(prepared), "unrecognised": "layout not recognised" in str(prepared)}
    return {
        "source": prepared.detection.adapter.label + (f" “{prepared.mapping.name}”" if prepared.mapping else ""),
        "confidence": prepared.detection.confidence,
        "period": prepared.period,
        "rows": {table: len(frame) for table, frame in prepared.tables.items()},
        "rejected": len(prepared.batch.rejected),
        "sample": {table: frame.drop(columns=["extra"]).head(10) for table, frame in prepared.tables.items()},
    }


def stated_month(path: Path):
    """The month the file says it describes, read with the source, mapping and project chosen for
    it, so the per-file preview below uses the same cached reading."""
    key = path.parent.name
    prepared = prepared_upload(str(path), st.session_state.get(f"source-{key}"), context.version,
                               st.session_state.get(f"mapping-{key}"), st.session_state.get(f"project-{key}"))
    return None if isinstance(prepared, ImportFailed) else prepared.period


def mapping_editor(path: Path, mapping_key: str) -> None:
    """Map the columns of a layout no adapter knows, once: it is saved with the import and
    used again for next month's file with the same headers."""
    try:
        headers = sheet_headers(read_workbook(path))
    except UnreadableFile as error:
        st.error(display.md(error))
        return
    with st.expander("Map its columns (once: next month's file with the same headers will need no questions)", expanded=True):
        key = path.parent.name
        name = st.text_input("Name of this layout", value=path.stem, key=f"map-name-{key}")
        sheet = st.selectbox("Sheet", list(headers), key=f"map-sheet-{key}") if len(headers) > 1 else next(iter(headers))
        table = st.selectbox("The rows are", list(CANONICAL_COLUMNS), key=f"map-table-{key}",
                             help="Which kind of thing each row of the sheet is")
        choices = ["—", *headers[sheet]]
        columns = {}
        grid = st.columns(3)
        for index, column in enumerate(CANONICAL_COLUMNS[table]):
            guess = suggest(column, headers[sheet])
            required = column in REQUIRED_COLUMNS[table]
            picked = grid[index % 3].selectbox(f"{column}{' *' if required else ''}", choices,
                                               index=choices.index(guess) if guess else 0, key=f"map-{key}-{table}-{column}")
            if picked != "—":
                columns[column] = picked
        if st.button("Use this mapping", key=f"map-use-{key}", icon=":material/check:"):
            st.session_state[mapping_key] = ColumnMapping(name, table, columns, sheet if len(headers) > 1 else None).to_json()
            st.rerun()


if context.user.can_edit:
    uploads = st.file_uploader("Files to import", type=["xlsx", "xlsm", "xls", "ods", "csv"], accept_multiple_files=True,
                               key="uploads")
else:
    uploads = []
    st.info("You can look at the data; only editors can import or remove files.", icon=":material/lock:")
months = [(dt.date.today().replace(day=1) - pd.DateOffset(months=offset)).strftime("%Y-%m") for offset in range(0, 25)]
if uploads:
    paths = [saved_copy(upload) for upload in uploads]
    stated = {stated_month(p) for p in paths} - {None}
    default_month = max(stated).strftime("%Y-%m") if stated else months[1]
    month_choices = sorted(set(months) | {default_month}, reverse=True)
    period = st.selectbox("Reporting month", month_choices, index=month_choices.index(default_month),
                          format_func=lambda m: dt.datetime.strptime(m, "%Y-%m").strftime("%B %Y"),
                          help="The month these files describe. Defaults to the month a file states, else last month.")
    adapters = {name: adapter.label for name, adapter in sources.adapters().items()}
    known_projects = context.load("project_list", Filters(period=context.period)) if context.period else pd.DataFrame()
    project_names = dict(zip(known_projects.get("project_id", []), known_projects.get("project_name", [])))
    ready = []
    for upload, path in zip(uploads, paths):
        with st.container(border=True):
            top = st.columns([2, 2, 3], vertical_alignment="bottom")
            top[0].markdown(f"**{display.md(upload.name)}**")
            source = top[1].selectbox("Read as", [None, *adapters], format_func=lambda n: "Detect automatically" if n is None else adapters[n],
                                      key=f"source-{path.parent.name}")
            project = top[2].selectbox(
                "Load under project", [None, *sorted(project_names)], key=f"project-{path.parent.name}",
                format_func=lambda p: "The projects the file names" if p is None else f"{p} · {project_names[p]}",
                help="For a tracker export of one project whose key is not the PMO's project id (Jira's MOB for "
                     "PRJ-001): every row of the file is loaded under the project chosen here.")
            mapping_key = f"mapping-{path.parent.name}"
            result = preview(str(path), source, context.version, st.session_state.get(mapping_key), project)
            if "error" in result:
                st.error(display.md(result["error"]), icon=":material/block:")
                if result.get("unrecognised"):
                    mapping_editor(path, mapping_key)
                continue
            ready.append((path, source, st.session_state.get(mapping_key), project))
            loaded = ", ".join(f"{count} {table}" for table, count in result["rows"].items())
            st.markdown(f"{display.md(result['source'])} (confidence {result['confidence']:.0%}) → will load {loaded}"
                        + (f"; {result['rejected']} rows rejected (listed after import)" if result["rejected"] else ""))
            with st.expander("Preview"):
                for table, sample in result["sample"].items():
                    st.caption(f"{table}: first rows")
                    display.dataframe(sample, hide_index=True)
    if ready and st.button(f"Import {len(ready)} file{'s' if len(ready) > 1 else ''} for "
                           f"{dt.datetime.strptime(period, '%Y-%m'):%B %Y}", type="primary", icon=":material/upload:", key="import_files"):
        progress = st.progress(0.0, text="Importing…")
        results = []
        for index, (path, source, mapping_json, project) in enumerate(ready, start=1):
            prepared = prepared_upload(str(path), source, context.version, mapping_json, project)
            try:
                if isinstance(prepared, ImportFailed):
                    raise prepared
                results.append(import_prepared(store, prepared, period, user=context.user.name))
            except ImportFailed as error:
                results.append(error)
            progress.progress(index / len(ready), text=f"Imported {index} of {len(ready)}")
        st.session_state["last_import"] = results
        prepared_upload.clear()  # the imported data are in the database now: free the memory they held
        st.rerun()

for result in st.session_state.get("last_import", []):
    if isinstance(result, ImportFailed):
        st.error(display.md(result), icon=":material/block:")
        continue
    loaded = ", ".join(f"{count} {table}" for table, count in result.rows_loaded.items())
    st.success(f"{display.md(result.file_name)}: loaded {loaded} for {result.period:%B %Y}", icon=":material/check_circle:")
    report = result.report
    issues = len(report["rejected_rows"]) + len(report["unparsed_values"]) + len(report["warnings"])
    with st.expander(f"Quality report: {result.rows_read} rows read, {result.rows_rejected} rejected, "
                     f"{len(report['unparsed_values'])} columns with unreadable values", expanded=bool(issues)):
        for warning in report["warnings"]:
            st.warning(display.md(warning))
        if report["rejected_rows"]:
            st.markdown("**Rows not loaded**")
            display.dataframe(pd.DataFrame(report["rejected_rows"]), hide_index=True)
        if report["unparsed_values"]:
            st.markdown("**Values that could not be read** (loaded as empty)")
            display.dataframe(pd.DataFrame([{"column": c, "count": e["count"], "examples": ", ".join(e["examples"])}
                                       for c, e in report["unparsed_values"].items()]), hide_index=True)
        if report["date_order"]:
            st.markdown("**Date order decided per column**")
            display.dataframe(pd.DataFrame(list(report["date_order"].items()), columns=["column", "decision"]), hide_index=True)
        if report["columns_kept_in_extra"]:
            st.caption("Columns kept as extra data: " + display.md("; ".join(
                f"{sheet}: {', '.join(cols)}" for sheet, cols in report["columns_kept_in_extra"].items())))

st.divider()
periods = catalog.periods(store)
if periods.empty:
    st.info("No data loaded yet. Upload files above, or load the demo with `python -m pmo_data demo`.")
    st.stop()

st.subheader("Reporting months")
display.dataframe(
    periods,
    hide_index=True,
    column_config={
        "period": st.column_config.DateColumn("Month", format="MMM YYYY"),
        "imports": st.column_config.NumberColumn("Imports"),
        "projects": st.column_config.NumberColumn("Projects"),
        "tasks": st.column_config.NumberColumn("Tasks"),
        "risks": st.column_config.NumberColumn("Risks & issues"),
        "people": st.column_config.NumberColumn("People"),
    },
)

st.subheader("Import history")
history = catalog.imports(store).drop(columns=["warnings"])
display.dataframe(
    history,
    hide_index=True,
    column_config={
        "import_id": st.column_config.NumberColumn("#", format="%d"),
        "period": st.column_config.DateColumn("Month", format="MMM YYYY"),
        "file_name": "File",
        "source": "Source",
        "imported_at": st.column_config.DatetimeColumn("Imported (UTC)", format="YYYY-MM-DD HH:mm"),
        "rows_read": st.column_config.NumberColumn("Rows read"),
        "rows_loaded": st.column_config.NumberColumn("Rows loaded"),
        "rows_rejected": st.column_config.NumberColumn("Rejected"),
        "rows_current": st.column_config.NumberColumn("Still current", help="Rows not replaced by a later upload"),
        "imported_by": "By",
    },
)
if context.user.can_edit:
    with st.expander("Remove an import"):
        labels = {row.import_id: f"#{row.import_id} · {row.period:%b %Y} · {row.file_name}" for row in history.itertuples()}
        chosen = st.selectbox("Import", list(labels), format_func=labels.get, key="remove_import")
        confirmed = st.checkbox("I understand its rows are deleted from every table and the KPIs recomputed", key="remove_confirm")
        if st.button("Remove import", disabled=not confirmed, icon=":material/delete:"):
            remove_import(store, int(chosen), user=context.user.name)
            st.session_state.pop("last_import", None)
            st.toast(f"Removed {labels[chosen]}")
            st.rerun()

if context.user.can_edit:
    with st.expander("Back up the database"):
        folder = default_folder(store)
        st.caption(f"A consistent copy of everything (Parquet files) into {display.md(folder)}; the newest 12 are kept. "
                   "The nightly job in docs/deploy.md does the same.")
        if st.button("Back up now", icon=":material/backup:", key="backup_now"):
            written = backup(store, folder)
            st.success(f"Backup written: {display.md(written.name)}")

st.subheader("Rows per table")
display.dataframe(
    catalog.table_row_counts(store),
    hide_index=True,
    column_config={"table_name": "Table", "row_count": st.column_config.NumberColumn("Rows (all months)")},
)
