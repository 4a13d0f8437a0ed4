"""Risks: the probability × impact heatmap (click a cell to list its risks), top risks by
exposure, the trend of risks and issues, issue aging; and the rest of the RAID log: who depends on
whom (a table and a matrix, overdue dependencies flagged), assumptions, decisions and actions."""

import pandas as pd
import streamlit as st

from pages.common import display
from pages.common.layout import require_data, setup
from pmo_data import charts, story
from pmo_data.charts import BAND_COLOURS, DEPENDENCY_COLOURS

context = setup("Risks")
require_data(context)
filters = context.filters

st.title(f"Risks · {filters.period:%B %Y}")
st.caption(f"Scope: {display.md(context.scope())}. Open risks only in the matrix; issues are in the list and the aging chart. "
           "Dependencies, assumptions, decisions and actions: the RAID log at the bottom.")

left_out = story.unregistered_risks_sentence(context.load("unregistered_entries", filters.period), context.numbers)
if left_out:
    st.warning(display.md(left_out), icon=":material/link_off:")
matrix = context.load("risk_matrix", filters)
# a click on a cell adds it to the picked cells, a second click takes it out; "show all" clears the
# cells and, through new keys, the chart's and the band picker's own state
generation = st.session_state.get("risk_selection_generation", 0)
chart_key = f"risk_heatmap_{generation}"


def toggle_clicked_cells() -> None:
    picked = set(st.session_state.get("risk_cells", ()))
    for cell in display.clicked_ids(st.session_state.get(chart_key)):
        picked ^= {tuple(int(n) for n in cell.split(","))}
    st.session_state["risk_cells"] = tuple(sorted(picked))


cells = st.session_state.get("risk_cells", ())
left, right = st.columns(2)  # half the width each: the top risks keep score and exposure at 1280 px
with left:
    display.plotly(charts.risk_heatmap(matrix, context.scope(), set(cells), context.numbers), key=chart_key,
                   name="risk_matrix", on_select=toggle_clicked_cells, selection_mode="points")
with right:
    counts = context.load("open_risks_by_band", filters).set_index("band")["risks"]
    chosen_bands = st.pills("Open risks by band", list(BAND_COLOURS)[::-1], selection_mode="multi",
                            format_func=lambda band: f"{band}: {int(counts.get(band, 0))}", key=f"risk_bands_{generation}",
                            help="Pick bands to list their open risks; in the matrix, click cells to add them (a second "
                                 "click takes one out).")
    top = context.load("top_risks", filters)
    st.markdown("**Top open risks by exposure** · click one to open its project")
    shown, columns = display.screen_table(top[["title", "project_name", "score", "exposure"]], context.numbers, "kpi_risks",
                                          widths={"title": 150, "project_name": 110, "score": 52, "exposure": 76},
                                          title=st.column_config.TextColumn("Risk", width=150))
    clicked_top = display.clicked_row(display.dataframe(shown, hide_index=True, column_config=columns, key="top_risks_table",
                                                        on_select="rerun", selection_mode="single-cell"))
    if clicked_top is not None:
        context.open_project(top.iloc[clicked_top]["project_id"])

if cells or chosen_bands:
    picked = [f"probability {p} × impact {i}" for p, i in cells] + [f"{band} band" for band in chosen_bands]
    st.subheader("Open risks in " + ", ".join(picked))
    listed = context.load("risks", filters, cells, tuple(chosen_bands), True, "risk")
    st.caption(f"{len(listed)} open risks selected.")
    if st.button("Show all risks and issues", icon=":material/filter_alt_off:"):
        st.session_state["risk_selection_generation"] = generation + 1
        st.session_state["risk_cells"] = ()
        st.rerun()
else:
    st.subheader("All risks and issues")
    listed = context.load("risks", filters)
# the list a meeting reads at 1280 px; the rest of each entry one click away
LIST_COLUMNS = ["title", "project_name", "score", "band", "exposure", "due_date", "change"]
MORE_COLUMNS = ["risk_id", "kind", "probability", "impact", "status", "owner", "response_overdue", "mitigation"]
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption("Click a risk to open its project." if cells or chosen_bands else
               "Click cells of the matrix, or pick a band, to list only those risks; a risk to open its project.")
    more = st.toggle("More columns", key="risks_more_columns", help="ID, kind, probability, impact, status, owner, "
                                                                     "overdue response and mitigation")
shown, columns = display.screen_table(
    listed[LIST_COLUMNS + MORE_COLUMNS], context.numbers, "kpi_risks",
    widths={"title": 180, "project_name": 130, "score": 52, "exposure": 76, "due_date": 92, "change": 110,
            "risk_id": 60, "kind": 60, "probability": 40, "impact": 40, "mitigation": 300},
    band=display.pill_column("Band", BAND_COLOURS, help=display.help_text("band", "kpi_risks"), width=76),
    probability=st.column_config.NumberColumn("P", help=display.help_text("probability", "kpi_risks"), width=40),
    impact=st.column_config.NumberColumn("I", help=display.help_text("impact", "kpi_risks"), width=40),
    response_overdue=st.column_config.CheckboxColumn("Overdue", help=display.help_text("response_overdue", "kpi_risks")),
)
clicked = display.clicked_row(display.dataframe(
    display.as_pills(shown, ("band",)), hide_index=True, column_config=columns, key="risks_table", on_select="rerun",
    selection_mode="single-cell", column_order=LIST_COLUMNS + (MORE_COLUMNS if more else []),
))
if clicked is not None:
    context.open_project(listed.iloc[clicked]["project_id"])

display.table_downloads(listed, "risks", context.numbers)

left, right = st.columns(2)
with left:
    display.plotly(charts.risk_trend(context.load("risk_trend", filters), context.scope().split(" · ", 1)[-1]), name="risk_trend")
with right:
    display.plotly(charts.issue_aging(context.load("issue_aging", filters), context.scope()), name="issue_aging")


st.subheader("RAID log: dependencies, assumptions, decisions, actions")
dependencies = context.load("dependencies", filters)
log = context.load("raid_log", filters)
assumptions, decisions, actions = (log[log["kind"] == kind] for kind in ("assumption", "decision", "action"))


def overdue_count(frame: pd.DataFrame) -> str:
    overdue = int((frame["state"] == "overdue").sum())
    return f", {overdue} overdue" if overdue else ""


WRAPPING_ROW = 68  # taller than 4 rem: an entry's text wraps (three lines) instead of being cut at 1280 px


def raid_table(frame: pd.DataFrame, key: str, empty: str, late: bool = True, **titles) -> None:
    """Entries of the log, overdue first, the state as a coloured label (and the days `late`); a
    click opens the project. `titles`: the column config of the columns whose header says what the
    kind's entry is."""
    if frame.empty:
        st.caption(empty)
        return
    shown_columns = ["project_name", *titles, "state"] + (["days_overdue"] if late else [])
    shown, columns = display.screen_table(
        frame[shown_columns], context.numbers, "query raid_log", widths={"project_name": 160, "days_overdue": 96},
        state=display.pill_column("State", DEPENDENCY_COLOURS, help=display.help_text("state", "query raid_log"), width=80),
        **titles)
    clicked_entry = display.clicked_row(display.dataframe(
        display.as_pills(shown, ("state",)), hide_index=True, column_config=columns, key=key, on_select="rerun",
        selection_mode="single-cell", row_height=WRAPPING_ROW, height=display.table_height(len(shown), WRAPPING_ROW)))
    if clicked_entry is not None:
        context.open_project(frame.iloc[clicked_entry]["project_id"])


dependencies_tab, assumptions_tab, decisions_tab, actions_tab = st.tabs([
    f"Dependencies ({len(dependencies)}{overdue_count(dependencies)})", f"Assumptions ({len(assumptions)})",
    f"Decisions ({len(decisions)}{overdue_count(decisions)})", f"Actions ({len(actions)}{overdue_count(actions)})",
])
with dependencies_tab:
    cross = dependencies[dependencies["cross_project"]]
    left, right = st.columns([3, 2])
    with left:
        display.plotly(charts.dependency_matrix(dependencies, context.scope()), name="dependency_matrix")
    with right:
        depended_on = (cross.groupby(["depends_on_project_id", "depends_on_project_name"]).size()
                       .sort_values(ascending=False, kind="stable").reset_index(name="dependents"))
        if depended_on.empty:
            st.caption("No project of the selection depends on another project of the portfolio.")
        else:
            labels = {row.depends_on_project_id: f"{row.depends_on_project_name} ({row.dependents})"
                      for row in depended_on.itertuples()}
            target = st.selectbox("Which projects depend on", list(labels), format_func=lambda p: display.plain(labels[p]),
                                  key="depends_on", help="The projects of the portfolio others depend on, the most "
                                                         "depended on first (the number of dependencies in brackets).")
            for row in cross[cross["depends_on_project_id"] == target].itertuples():
                due = f"due {row.due_date:%d %b %Y}" if pd.notna(row.due_date) else "no due date"
                state = f":red[**{int(row.days_overdue)} days overdue**]" if row.state == "overdue" else display.md(row.state)
                st.markdown(f"**{display.md(row.project_id)}** {display.md(row.project_name)}: "
                            f"{display.md(row.dependency)} ({due}) · {state}")
    outside = len(dependencies) - len(cross)
    if outside:
        st.caption(f"{outside} dependenc{'y' if outside == 1 else 'ies'} on something outside the portfolio: in the "
                   "table only.")
    raid_table(dependencies.assign(depends_on=dependencies["depends_on_project_name"].fillna(dependencies["depends_on_project"])),
               "dependencies_table", "No dependencies in the RAID log for these projects.",
               dependency=st.column_config.TextColumn("Dependency", width=210,
                                                      help=display.help_text("dependency", "query dependencies")),
               depends_on=st.column_config.TextColumn("Depends on", width=140, help="The project (or what else) it "
                                                                                    "depends on, as the log names it"),
               due_date=st.column_config.DateColumn("Due", format="DD MMM YYYY", width=92))
with assumptions_tab:
    raid_table(assumptions, "assumptions_table", "No assumptions in the RAID log for these projects.", late=False,
               title=st.column_config.TextColumn("Assumption", width=330), owner=st.column_config.TextColumn("Owner", width=120),
               raised_date=st.column_config.DateColumn("Raised", format="DD MMM YYYY", width=92))
with decisions_tab:
    raid_table(decisions, "decisions_table", "No decisions in the RAID log for these projects.",
               title=st.column_config.TextColumn("Decision", width=230),
               owner=st.column_config.TextColumn("Decision by", width=130),
               due_date=st.column_config.DateColumn("Needed by", format="DD MMM YYYY", width=92))
with actions_tab:
    raid_table(actions, "actions_table", "No actions in the RAID log for these projects.",
               title=st.column_config.TextColumn("Action", width=196), owner=st.column_config.TextColumn("Owner", width=110),
               due_date=st.column_config.DateColumn("Due", format="DD MMM YYYY", width=92),
               # "which of September's actions are still open": the review that first listed it
               first_period=st.column_config.DateColumn("Raised in", format="MMM YYYY", width=80,
                                                        help="The monthly review whose log first listed the action"))
display.table_downloads(log, "raid_log", context.numbers)
