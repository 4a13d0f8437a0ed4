"""Data: the upload centre. Upload exports, see what each file is and what will load before
anything is written, import them, read the quality report; the import history, with removal."""

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import streamlit as st

from pages.common import display
from pages.common.layout import setup
from pages.common.mapping_editor import mapping_editor, status_word_editor, unread_values_editor
from pmo_data import audit, catalog, chase, corrections, currency, demo, exports, reconcile, sources
from pmo_data.backup import BackupError, backup, default_folder
from pmo_data.importer import (ImportFailed, Prepared, foreign_currency, import_prepared, parse_period, prepare,
                               register_project, remove_import, reporting_month_choice, unread_values)
from pmo_data.mapping import (ColumnMapping, MappingError, delete_mapping, from_toml_text, replace_mapping,
                              saved_mappings)
from pmo_data.queries import Filters
from pmo_data.sources.base import FIRST_MONTH
from pmo_data.text_safety import TITLE
from pmo_data.uploads import Staging

context = setup("Data")
store = context.store

st.title("Data")
st.caption("Upload this month's exports (xlsx, xlsm, xls, ods, csv, or a Trello board's json). Nothing is written until you press Import; "
           "each file is imported whole or not at all.")


def first_run(imports: int) -> None:
    """On an empty or demo-only database (of `imports` current imports): what to upload first, the
    template, and (for an editor) removing the demo in one action."""
    of_the_demo = demo.demo_imports(store)
    if len(of_the_demo) < imports:
        return  # the PMO's own data is here: nothing to start
    with st.container(border=True):
        st.markdown("**Start with your own data**" + (f" — this database holds the demo portfolio "
                                                      f"({len(of_the_demo)} imports)" if of_the_demo else ""))
        st.markdown("\n".join(f"{number}. **{what.capitalize()}**: {display.md(examples)}"
                               for number, (what, examples) in enumerate(demo.FIRST_UPLOADS, start=1)))
        st.download_button("The PMO workbook template (xlsx)", data=demo.TEMPLATE.read_bytes,
                           file_name=demo.TEMPLATE.name, icon=":material/download:", key="template_download")
        if of_the_demo and context.user.can_edit:
            confirmed = st.checkbox("Take the demo's imports out of every page, slide and export (kept aside like a "
                                    "removed import; the audit log records it)", key="remove_demo_confirm")
            if st.button("Remove the demo", disabled=not confirmed, icon=":material/delete_sweep:", key="remove_demo"):
                done = demo.remove_demo(store, user=context.user.name, role=context.user.role)
                st.session_state.pop("last_import", None)
                st.toast(display.md(done))
                st.rerun()


history = catalog.imports(store).drop(columns=["warnings"])  # read once: the first-run guide and the history below
first_run(len(history))


@st.cache_resource(show_spinner=False)
def upload_staging() -> Staging:
    """This server process's private folder for uploads (pmo_data/uploads.py)."""
    return Staging()


@st.cache_resource(show_spinner="Reading the file…", max_entries=6, ttl=dt.timedelta(minutes=30))
def prepared_upload(path_text: str, source: str | None, version: str, mapping_json: str | None = None,
                    project: str | None = None, status_words_json: str | None = None,
                    date_orders_json: str | None = None, first_month: str | None = None) -> Prepared | ImportFailed:
    """The upload read, recognised and conformed, kept (not copied) between reruns: the preview
    shows it and Import writes it, so a large export is read once. It does not depend on the
    month chosen. `version` (the data version) makes a newly saved mapping count."""
    mapping = ColumnMapping.from_json(mapping_json) if mapping_json else None
    words = json.loads(status_words_json) if status_words_json else None
    orders = json.loads(date_orders_json) if date_orders_json else None
    try:
        return prepare(path_text, None, source, project, mapping=mapping, store=context.store, require_period=False,
                       status_words=words, date_orders=orders, first_month=first_month)
    except ImportFailed as error:
        return error


def choices_for(path: Path) -> tuple:
    """What the user chose for this file (source, mapping, project, status words, date orders): the cache key."""
    key = path.parent.name
    return (st.session_state.get(f"source-{key}"), context.version, st.session_state.get(f"mapping-{key}"),
            st.session_state.get(f"project-{key}"), st.session_state.get(f"status-words-{key}"),
            st.session_state.get(f"date-orders-{key}"), st.session_state.get(f"first-month-{key}"))


def left_empty(path: Path) -> list[str]:
    """The columns whose unreadable values the user chose to leave empty."""
    return json.loads(st.session_state.get(f"left-empty-{path.parent.name}") or "[]")


def preview(path: Path) -> dict:
    """What importing this file would load, or why it cannot be, and the month it states (if any)."""
    prepared = prepared_upload(str(path), *choices_for(path))
    if isinstance(prepared, ImportFailed):
        return {"error": str(prepared), "asks": prepared.asks}
    return {
        "workbook": prepared.workbook,
        "notes": list(dict.fromkeys(prepared.batch.notes)),
        "template_rows": prepared.batch.template_rows,
        "unknown_status_words": prepared.batch.unknown_status_words,
        "status_words": prepared.status_words,
        "source": prepared.detection.adapter.label + (f" “{prepared.mapping.name}”" if prepared.mapping else ""),
        "confidence": prepared.detection.confidence,
        "period": prepared.period,
        "rows": {table: len(frame) for table, frame in prepared.tables.items()},
        "rejected": len(prepared.batch.rejected),
        "unparsed": unread_values(prepared),
        "sample": {table: frame.drop(columns=["extra"]).head(10) for table, frame in prepared.tables.items()},
        "tables": prepared.tables,
        "read": _main_reading(prepared),
    }


def _main_reading(prepared: Prepared) -> tuple[str, object] | None:
    """The table most of the file's rows went to, and how it was read (sheet, header row, columns):
    where the mapping editor starts when the file was not read right."""
    read = prepared.batch.columns_read
    tables = [t for t in sorted(prepared.tables, key=lambda t: -len(prepared.tables[t])) if t in read]
    return (tables[0], read[tables[0]]) if tables else None


def stated_month(path: Path):
    """The month the file says it describes, read with the choices made for it, so the per-file
    preview below uses the same cached reading."""
    prepared = prepared_upload(str(path), *choices_for(path))
    return None if isinstance(prepared, ImportFailed) else prepared.period


if context.user.can_edit:
    uploads = st.file_uploader("Files to import", type=["xlsx", "xlsm", "xls", "ods", "csv", "json"], accept_multiple_files=True,
                               key="uploads")
else:
    uploads = []
    st.info("You can look at the data; only editors can import or remove files.", icon=":material/lock:")
if uploads:
    paths = [upload_staging().stage(upload.name, upload.getvalue()) for upload in uploads]
    # the server's today is the page's one reading of the clock; pmo_data takes it as an argument
    choice = reporting_month_choice(dt.date.today(), {stated_month(p) for p in paths} - {None},
                                    context.load("periods"))
    month_choices = [f"{m:%Y-%m}" for m in choice.months]
    period = st.selectbox("Reporting month", month_choices, index=month_choices.index(f"{choice.default:%Y-%m}"),
                          format_func=lambda m: dt.datetime.strptime(m, "%Y-%m").strftime("%B %Y"), key="upload_month",
                          help=f"The month these files describe. Chosen for you: {choice.why}.")
    adapters = {name: adapter.label for name, adapter in sources.adapters().items()}
    known_projects = context.load("project_list", Filters(period=context.period)) if context.period else pd.DataFrame()
    project_names = dict(zip(known_projects.get("project_id", []), known_projects.get("project_name", [])))
    ready = []
    upload_month = parse_period(period)
    # the projects the files of this upload register: a RAID log uploaded with its register finds them
    arriving_projects = frozenset().union(*[reconcile.projects_of(p.tables) for p in
                                            (prepared_upload(str(path), *choices_for(path)) for path in paths)
                                            if not isinstance(p, ImportFailed)])
    for upload, path in zip(uploads, paths):
        with st.container(border=True):
            top = st.columns([2, 2, 3], vertical_alignment="bottom")
            top[0].markdown(f"**{display.md(upload.name)}**")
            top[1].selectbox("Read as", [None, *adapters], format_func=lambda n: "Detect automatically" if n is None else adapters[n],
                                      key=f"source-{path.parent.name}")
            top[2].selectbox(
                "Load under project", [None, *sorted(project_names)], key=f"project-{path.parent.name}",
                format_func=lambda p: "The projects the file names" if p is None else display.plain(f"{p} · {project_names[p]}"),
                help="For a tracker export of one project whose key is not the PMO's project id (Jira's MOB for "
                     "PRJ-001): every row of the file is loaded under the project chosen here.")
            mapping_key = f"mapping-{path.parent.name}"
            result = preview(path)
            if FIRST_MONTH in result.get("asks", ()) or st.session_state.get(f"first-month-{path.parent.name}"):
                st.date_input("The plan's first month, with its year (any day of it)", value=None,
                              key=f"first-month-{path.parent.name}", min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31),
                              help="The plan numbers its months from its start (M1, M2 …) or names them without a "
                                   "year (Jan, Feb …): each becomes the calendar month counted from this one.")
            if "error" in result:
                st.error(display.md(result["error"]), icon=":material/block:")
                mapping_editor(path, mapping_key, expanded=True)
                continue
            loaded = ", ".join(f"{count} {table}" for table, count in result["rows"].items())
            template = sum(count for _, count, _ in result["template_rows"])
            st.markdown(f"{display.md(result['source'])} (confidence {result['confidence']:.0%}) → will load {loaded}"
                        + (f"; {result['rejected']} rows rejected (listed after import)" if result["rejected"] else "")
                        + (f"; {template} template rows left out (not entries)" if template else ""))
            if result["notes"]:
                st.caption("How it was read: " + display.md("; ".join(result["notes"])))
            foreign = foreign_currency(store, prepared_upload(str(path), *choices_for(path)))
            asks_rate = foreign is not None and currency.month_rate(store, upload_month, *foreign) is None
            if asks_rate:
                st.number_input(
                    f"Its amounts are in {foreign[0]}: 1 {foreign[0]} = how many {foreign[1]} in "
                    f"{upload_month:%B %Y}?", min_value=0.0, value=None, format="%.4f",
                    key=f"rate-{path.parent.name}",
                    help=f"The portfolio reports in {foreign[1]}. The file's money is converted at this rate when it is "
                         "imported, and the rate is kept for the month's other files. Without it the file is not "
                         "imported: amounts in two currencies are never added together.")
            unregistered = reconcile.unregistered_projects(store, result["tables"], upload_month,
                                                           arriving=arriving_projects)
            if unregistered:
                st.warning(display.md(reconcile.unregistered_sentence(unregistered, upload_month)),
                           icon=":material/link_off:")
            if result["status_words"]:
                st.caption("Status words you mapped (saved with the import): " + display.md(", ".join(
                    f"“{w}” → {c.replace('_', ' ')}" for w, c in result["status_words"].items())))
            if result["unknown_status_words"]:
                status_word_editor(path.parent.name, result["unknown_status_words"])
            if result["unparsed"]:
                unread_values_editor(path.parent.name, result["unparsed"], left_empty(path))
            if set(result["unparsed"]) <= set(left_empty(path)) and not (
                    asks_rate and not st.session_state.get(f"rate-{path.parent.name}")):
                ready.append(path)
            with st.expander("Preview"):
                for table, sample in result["sample"].items():
                    st.caption(f"{table}: first rows")
                    display.dataframe(sample, hide_index=True)
            mapping_editor(path, mapping_key, expanded=False, workbook=result["workbook"], read=result["read"])
    if ready and st.button(f"Import {len(ready)} file{'s' if len(ready) > 1 else ''} for "
                           f"{dt.datetime.strptime(period, '%Y-%m'):%B %Y}", type="primary", icon=":material/upload:", key="import_files"):
        progress = st.progress(0.0, text="Importing…")
        results = []
        # files that register projects first: the others' entries then find their projects
        ready.sort(key=lambda path: not reconcile.projects_of(getattr(prepared_upload(str(path), *choices_for(path)),
                                                                      "tables", {})))
        for index, path in enumerate(ready, start=1):
            prepared = prepared_upload(str(path), *choices_for(path))
            try:
                if isinstance(prepared, ImportFailed):
                    raise prepared
                rate = st.session_state.get(f"rate-{path.parent.name}")
                foreign = foreign_currency(store, prepared)
                results.append(import_prepared(store, prepared, period, user=context.user.name, role=context.user.role,
                                               allow_unparsed=frozenset(left_empty(path)),
                                               rates={foreign[0]: rate} if foreign and rate else None))
            except ImportFailed as error:
                results.append(error)
            progress.progress(index / len(ready), text=f"Imported {index} of {len(ready)}")
            upload_staging().discard(path)  # read and written: the copy on disk is not needed any more
        st.session_state["last_import"] = results
        prepared_upload.clear()  # the imported data are in the database now: free the memory they held
        st.rerun()

for result in st.session_state.get("last_import", []):
    if isinstance(result, ImportFailed):
        st.error(display.md(result), icon=":material/block:")
        continue
    loaded = ", ".join(f"{count} {table}" for table, count in result.rows_loaded.items())
    st.success(f"{display.md(result.file_name)}: loaded {loaded} for {result.period:%B %Y}"
               + (f"; replaces {display.md(result.replaced)}: its rows are no longer current (Undo below takes this back)"
                  if result.replaced else ""), icon=":material/check_circle:")
    report = result.report
    issues = len(report["rejected_rows"]) + len(report["unparsed_values"]) + len(report["warnings"])
    with st.expander(f"Quality report: {result.rows_read} rows read, {result.rows_rejected} rejected, "
                     f"{len(report['unparsed_values'])} columns with unreadable values", expanded=bool(issues)):
        for warning in report["warnings"]:
            st.warning(display.md(warning))
        if report.get("notes"):
            st.markdown("**How the file was read**\n\n" + "\n".join(f"- {display.md(n)}" for n in report["notes"]))
        if report.get("template_rows"):
            st.caption("Template rows left out (not entries): " + display.md("; ".join(
                f"{t['sheet']}: {t['rows']} ({t['why']})" for t in report["template_rows"])))
        if report["rejected_rows"]:
            st.markdown("**Rows not loaded**")
            display.dataframe(pd.DataFrame(report["rejected_rows"]), hide_index=True)
        if report["unparsed_values"]:
            st.markdown("**Values that could not be read** (left empty by your choice; the file's own text below)")
            display.dataframe(pd.DataFrame([{"column": c, "count": e["count"],
                                             "as written in the file": ", ".join(e.get("texts") or e["examples"])}
                                            for c, e in report["unparsed_values"].items()]), hide_index=True)
        if report["date_order"]:
            st.markdown("**Date order decided per column**")
            display.dataframe(pd.DataFrame(list(report["date_order"].items()), columns=["column", "decision"]), hide_index=True)
        if report["columns_kept_in_extra"]:
            st.caption("Columns kept as extra data: " + display.md("; ".join(
                f"{sheet}: {', '.join(cols)}" for sheet, cols in report["columns_kept_in_extra"].items())))


def undo_and_audit_log() -> None:
    """Editors: take back the newest removal or replacement, and read who changed what (newest first)."""
    if not context.user.can_edit:
        return
    st.subheader("Undo and audit log")
    pending = corrections.pending_undo(store)
    days = corrections.undo_days()
    if pending is None:
        st.caption("Nothing to undo: no removal or replacement has been made.")
    elif pending.expired(corrections.utc_now()):
        st.caption(f"The newest change, {display.md(pending.describe())}, is older than {days} days: its rows are "
                   "deleted and it can no longer be undone.")
    else:
        st.markdown(f"Newest change that can be undone: **{display.md(pending.action)}** {display.md(pending.detail)} "
                    f"({pending.logged_at:%Y-%m-%d %H:%M} UTC, by {display.md(pending.user_name or 'open access')})")
        if st.button("Undo it", icon=":material/undo:", key="undo_last",
                     help=f"Removals and replacements can be undone for {days} days, newest first."):
            try:
                done = corrections.undo_last(store, user=context.user.name, role=context.user.role,
                                             expected=pending.audit_id)
            except corrections.ChangeRefused as error:
                st.error(display.md(error), icon=":material/block:")
            else:
                st.session_state.pop("last_import", None)
                st.toast(f"Undone: {display.md(done)}")
                st.rerun()
    actions = st.multiselect("Actions", list(audit.ACTIONS), key="audit_actions", placeholder="Every action",
                             help="; ".join(f"{action}: {meaning}" for action, meaning in audit.ACTIONS.items()))
    display.dataframe(
        audit.entries(store, actions),
        hide_index=True,
        column_config={
            "logged_at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss"),
            "user_name": "Who",
            "role": "As",
            "action": "Action",
            "detail": "What",
            "import_id": st.column_config.NumberColumn("Import #", format="%d"),
        },
    )


def chase_list() -> None:
    """Whom to chase for the month's update, one line per project with its PM and reasons; a CSV
    and the reminder e-mails' text, one per PM, to copy. Viewers see it too."""
    month = context.period
    st.subheader(f"Whom to chase for {month:%B %Y}")
    found = context.load("chase_list", context.filters)
    if found.empty:
        counted = len(context.load("project_list", context.filters))
        st.caption("Every project of the selection sent its update on time: nobody to chase." if counted else
                   "No project is loaded for this month and selection: nobody can be chased yet.")
        return
    projects = chase.by_project(found)
    managers, unnamed = projects["manager"].nunique(), int(projects["manager"].isna().sum())
    count = f"{len(projects)} project{'s' if len(projects) != 1 else ''}"
    if not managers:  # '3 projects of 0 project managers' said nothing (issue 27)
        whose = f"{count}, none with a project manager named"
    else:
        whose = f"{count} of {managers} project manager{'s' if managers != 1 else ''}" + (
            f" ({unnamed} with none named)" if unnamed else "")
    st.caption(f"{whose}, with why: no update, "
               "absent from the imports, no status report, a reported health that never moves while the computed "
               "one does, or data older than the month. Sidebar filters apply.")
    shown, columns = display.screen_table(projects, context.numbers, "query chase_list",
                                          widths={"project_id": 80, "project_name": 180, "manager": 130, "reasons": 400})
    display.dataframe(shown, hide_index=True, column_config=columns, key="chase_table", row_height=68,
                      height=display.table_height(len(shown), 68))
    emails = chase.reminders(found, month)
    with st.container(horizontal=True, horizontal_alignment="right"):
        st.download_button("CSV for a mail merge", data=lambda: exports.chase_list_csv(found, context.numbers),
                           file_name=f"chase_list_{month:%Y-%m}.csv", mime="text/csv", icon=":material/download:",
                           type="tertiary", key="chase_csv", on_click="ignore")
    with st.expander(f"Reminder e-mails to copy ({len(emails)}, one per project manager)", icon=":material/mail:"):
        for email in emails:
            st.code(email.text, language=None, wrap_lines=True)



def project_id_mappings(month: dt.date) -> None:
    """Resolving 'project not registered': an editor maps the ID to one of the month's projects
    (saved, and applied to every later month's files too), or forgets a mapping made before."""
    unregistered = context.load("unregistered_entries", month)
    mapped = context.load("project_aliases")
    if unregistered.empty and mapped.empty:
        return
    projects = context.load("project_list", Filters(period=month))
    names = dict(zip(projects["project_id"], projects["project_name"]))
    with st.expander(f"Project IDs the month's projects do not hold ({len(unregistered)}) and how they are mapped",
                     expanded=not unregistered.empty and context.user.can_edit):
        if not unregistered.empty and context.user.can_edit and names:
            st.caption("Map an ID to the project it means: its entries count in that project's figures, this month and "
                       "every later month (the rows keep the ID their file gave). Two registered projects are never merged.")
            ids = unregistered["project_id"].tolist()
            left, right, button = st.columns([2, 3, 1], vertical_alignment="bottom")
            alias = left.selectbox("Entries' project ID", ids, key="alias_id")
            guess = reconcile.nearest(alias, set(names)) if alias else None
            choices = sorted(names, key=lambda p: (p != guess, p))
            target = right.selectbox("Is the project", choices, key=f"alias_target_{alias}",
                                     format_func=lambda p: display.plain(f"{p} · {names[p]}"))
            if button.button("Map", key="alias_map", icon=":material/link:"):
                try:
                    reconcile.map_project_id(store, month, alias, target, user=context.user.name, role=context.user.role)
                    st.rerun()
                except reconcile.MappingRefused as error:
                    st.error(display.md(str(error)))
        if not unregistered.empty and context.user.can_edit:
            st.caption(f"Or, when it is a project the register lacks, add it as a project of {month:%B %Y} (an import "
                       "of its own: the history lists it and it can be removed).")
            left, right, button = st.columns([2, 3, 1], vertical_alignment="bottom")
            new_id = left.selectbox("Project ID", unregistered["project_id"].tolist(), key="new_project_id")
            name = right.text_input("Its name", key="new_project_name", max_chars=200)
            if button.button("Add", key="new_project_add", icon=":material/add:"):
                try:
                    register_project(store, month, new_id, name, user=context.user.name, role=context.user.role)
                    st.rerun()
                except ImportFailed as error:
                    st.error(display.md(str(error)))
        elif not unregistered.empty:
            st.caption("Import the register that holds them, or ask an editor to map each ID to its project.")
        for row in mapped.itertuples():
            line, forget = st.columns([5, 1], vertical_alignment="center")
            line.markdown(display.md(f"{row.alias} → {row.project_id}, mapped by {row.set_by or 'the command line'} "
                                     f"on {row.set_at:%d %b %Y}"))
            if context.user.can_edit and forget.button("Forget", key=f"alias_forget_{row.alias}", icon=":material/link_off:"):
                reconcile.forget_project_mapping(store, row.alias, user=context.user.name, role=context.user.role)
                st.rerun()


st.divider()
periods = catalog.periods(store)
if periods.empty:
    st.info("No data loaded yet. Upload files above, or load the demo with `python -m pmo_data demo`.")
    undo_and_audit_log()  # a removal of the last import must stay undoable
    st.stop()

if context.period:
    chase_list()
    st.subheader(f"Does {context.period:%B %Y} add up?")
    lines = context.load("month_reconciliation", context.period)
    if lines.empty:
        st.caption("Every entry names a project of the month, no risk is entered twice, the sources agree on the "
                   "status date, and every plan is of this month.")
    else:
        st.caption(f"{len(lines)} thing{'s' if len(lines) != 1 else ''} to look at before the review: each is kept "
                   "and said, never averaged or merged silently.")
        # narrow enough for 1280 px, rows tall enough that the grid wraps the words
        display.dataframe(lines, hide_index=True, row_height=display.WRAPPING_ROW_HEIGHT,
                          height=display.table_height(len(lines), display.WRAPPING_ROW_HEIGHT), column_config={
                              "kind": st.column_config.TextColumn("What", width=140),
                              "subject": st.column_config.TextColumn("Where", width=100),
                              "what": st.column_config.TextColumn("Found", width=280),
                              "next": st.column_config.TextColumn("Next step", width=290)})
    project_id_mappings(context.period)

def saved_recipes() -> None:
    """The saved column mappings (recipes): each shown as TOML, editable and deletable by an editor,
    so a bad one never applies itself every month with no way out."""
    st.subheader("Saved column mappings")
    saved = saved_mappings(store)
    if saved.empty:
        st.caption("None yet. A mapping made for a file no format recognises is saved with its import and applied "
                   "to next month's file with the same headers.")
        return
    st.caption("Each applies itself to next month's file with the same headers. Change one here, or delete it to "
               "have such files detected afresh.")
    for row in saved.itertuples():
        key = row.header_signature[:12]
        with st.expander(f"{display.plain(row.name)} → {row.target_table} · saved {row.saved_at:%d %b %Y}"):
            recipe = ColumnMapping.from_json(row.mapping)
            if not context.user.can_edit:
                st.code(recipe.to_toml(), language="toml")
                continue
            text = st.text_area("The mapping (TOML, as `--mapping FILE.toml` reads it)", recipe.to_toml(), height=220,
                                key=f"recipe-{key}")
            save, delete = st.columns(2)
            if save.button("Save the changes", key=f"recipe-save-{key}", icon=":material/save:"):
                try:
                    replace_mapping(store, row.header_signature, from_toml_text(text, row.name),
                                    context.user.name, context.user.role)
                    st.rerun()
                except MappingError as error:
                    st.error(display.md(str(error)))
            if delete.button("Delete this mapping", key=f"recipe-delete-{key}", icon=":material/delete:"):
                delete_mapping(store, row.header_signature, context.user.name, context.user.role)
                st.rerun()


saved_recipes()

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
display.dataframe(
    history,
    hide_index=True,
    column_config={
        "import_id": st.column_config.NumberColumn("#", format="%d", width=36),
        "period": st.column_config.DateColumn("Month", format="MMM YYYY", width=72),
        "file_name": st.column_config.TextColumn("File", width=120),
        "source": st.column_config.TextColumn("Source", width=80),
        "imported_at": st.column_config.DatetimeColumn("Imported (UTC)", format="YYYY-MM-DD HH:mm", width=118),
        "rows_read": st.column_config.NumberColumn("Read", help="Rows read from the file", width=52),
        "rows_loaded": st.column_config.NumberColumn("Loaded", help="Rows loaded", width=58),
        "rows_rejected": st.column_config.NumberColumn("Rejected", width=66),
        "rows_current": st.column_config.NumberColumn("Current", help="Rows not replaced by a later upload", width=62),
        "replaced_by": st.column_config.NumberColumn(
            "Replaced by", format="#%d", width=82, help="The later file of the same source and month that corrects this one"),
        "imported_by": st.column_config.TextColumn("By", width=60),
    },
)
if context.user.can_edit:
    with st.expander("Remove an import"):
        labels = {row.import_id: display.plain(f"#{row.import_id} · {row.period:%b %Y} · {row.file_name}", TITLE)
                  for row in history.itertuples()}
        chosen = st.selectbox("Import", list(labels), format_func=labels.get, key="remove_import")
        confirmed = st.checkbox("I understand its rows leave every table (what it had replaced is current again) and "
                                f"the KPIs are recomputed; Undo below takes it back for {corrections.undo_days()} days",
                                key="remove_confirm")
        if st.button("Remove import", disabled=not confirmed, icon=":material/delete:"):
            removed = remove_import(store, int(chosen), user=context.user.name, role=context.user.role)
            st.session_state.pop("last_import", None)
            st.toast(f"Removed {display.md(removed)}")
            st.rerun()

if context.user.can_edit:
    with st.expander("Back up the database"):
        folder = default_folder(store)
        st.caption(f"A consistent copy of everything (Parquet files) into {display.md(folder)}; the newest 12 are kept. "
                   "The nightly job in docs/deploy.md does the same.")
        if st.button("Back up now", icon=":material/backup:", key="backup_now"):
            try:
                written = backup(store, folder, user=context.user.name, role=context.user.role)
                st.success(f"Backup written: {display.md(written.name)}")
            except BackupError as error:
                st.error(display.md(str(error)), icon=":material/error:")

st.subheader("Rows per table")
display.dataframe(
    catalog.table_row_counts(store),
    hide_index=True,
    column_config={"table_name": "Table", "row_count": st.column_config.NumberColumn("Rows (all months)")},
)

undo_and_audit_log()
