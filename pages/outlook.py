"""What is coming: the milestones and stage gates falling due in the next 30, 60 or 90 days, the
portfolio roadmap (baseline against forecast, by program), the gates due and slipped, and the
portfolio's cost curve."""

import datetime as dt

import streamlit as st

from pages.common import display
from pages.common.layout import require_data, setup
from pmo_data import charts

WINDOWS = (30, 60, 90)  # days after the status date
KINDS = ("milestone", "gate")

context = setup("What is coming")
require_data(context)
filters = context.filters

roadmap = context.load("roadmap", filters)
if roadmap.empty:
    st.title(f"What is coming · {filters.period:%B %Y}")
    st.info("No project matches these filters in this month. Clear a filter in the sidebar.")
    st.stop()
status_date: dt.date = roadmap["status_date"].iloc[0].date()

st.title(f"What is coming · after {status_date:%d %b %Y}")
st.caption(f"Scope: {display.md(context.scope())}. Dates are forecasts at the month's status date; "
           "slip is forecast − baseline.")

with st.container(horizontal=True, vertical_alignment="bottom"):
    # in the URL as the option's label (?window=60), so a link to this page keeps the window
    days = st.segmented_control("Days ahead", WINDOWS, default=WINDOWS[0], required=True, key="window",
                                bind="query-params", help="Due in this many days after the status date")
    kinds = st.segmented_control("Show", KINDS, selection_mode="multi", default=list(KINDS), key="due_kinds",
                                 format_func=lambda kind: f"{kind}s")
horizon = status_date + dt.timedelta(days=days)

due = context.load("coming_due", filters, days)
shown_due = due[due["kind"].isin(kinds or KINDS)].reset_index(drop=True)
counts = shown_due["kind"].value_counts()
st.subheader(f"Due by {horizon:%d %b %Y} ({len(shown_due)})")
if shown_due.empty:
    st.success(f"Nothing falls due in the {days} days after the status date.")
else:
    st.caption(f"{counts.get('milestone', 0)} milestones and {counts.get('gate', 0)} gates, soonest first. "
               "Click a project to open its story.")
    DUE_COLUMNS = ["forecast_date", "project_name", "name", "kind", "baseline_date", "slip_days", "days_until"]
    table, columns = display.screen_table(
        shown_due[DUE_COLUMNS + ["project_id"]], context.numbers, "query coming_due",
        project_name=st.column_config.TextColumn("Project", width=200, help="Click to open the project"),
        name=st.column_config.TextColumn("Milestone or gate", width=180),
        kind=st.column_config.TextColumn("Kind", width=72),
        forecast_date=st.column_config.DateColumn("Forecast", format="DD MMM YYYY", width=100,
                                                  help=display.help_text("forecast_date", "query coming_due")),
        baseline_date=st.column_config.DateColumn("Baseline", format="DD MMM YYYY", width=100,
                                                  help=display.help_text("baseline_date", "query coming_due")),
        slip_days=st.column_config.NumberColumn("Slip (d)", format="%+d", width=64,
                                                help=display.help_text("slip_days", "query coming_due")),
        days_until=st.column_config.NumberColumn("In (d)", format="%d", width=60,
                                                 help=display.help_text("days_until", "query coming_due")),
    )
    clicked = display.clicked_row(display.dataframe(
        table, hide_index=True, key="coming_due_table", on_select="rerun", selection_mode="single-cell",
        column_order=DUE_COLUMNS, column_config=columns, height=display.table_height(len(table), most=460)))
    display.table_downloads(shown_due, "coming_due", context.numbers)
    if clicked is not None:
        context.open_project(shown_due.iloc[clicked]["project_id"])

st.subheader("Roadmap")
display.plotly(charts.roadmap(roadmap, context.scope()), name="roadmap")
st.caption("Grey: the baseline, start to finish; coloured: the forecast, by computed health. "
           "Hover a bar for its dates; the dashed line is the status date.")

st.subheader("Stage gates")
gates = context.load("gates", filters, days)
GATE_COLUMNS = ["project_name", "gate", "planned_date", "forecast_date", "slip_days"]
gate_widths = {"project_name": 200, "gate": 200, "planned_date": 100, "forecast_date": 100, "slip_days": 70,
               "moved_days": 90, "state": 80}
upcoming = gates[gates["state"].isin(["overdue", "due"])]
st.markdown(f"**Due in the next {days} days or overdue ({len(upcoming)})**")
if upcoming.empty:
    st.caption("No gate is due or overdue.")
else:
    table, columns = display.screen_table(upcoming[[*GATE_COLUMNS, "state"]], context.numbers, "query gates",
                                          widths=gate_widths)
    display.dataframe(table, hide_index=True, column_config=columns, key="gates_due_table",
                      height=display.table_height(len(table), most=400))
slipped = gates[gates["slipped"] & ~gates["state"].isin(["passed", "failed"])].sort_values(
    ["moved_days", "slip_days"], ascending=False)
moved = int((slipped["moved_days"] > 0).sum())
st.markdown(f"**Slipped, still to hold ({len(slipped)}, {moved} of them moved since last month)**")
if slipped.empty:
    st.caption("No gate still to hold is later than planned.")
else:
    st.caption("Forecast after the planned date; the most moved since last month first.")
    table, columns = display.screen_table(
        slipped[[*GATE_COLUMNS, "moved_days"]], context.numbers, "query gates", widths=gate_widths,
        moved_days=st.column_config.NumberColumn("Moved (d)", format="%+d", width=90,
                                                 help=display.help_text("moved_days", "query gates")))
    display.dataframe(table, hide_index=True, column_config=columns, key="gates_slipped_table",
                      height=display.table_height(len(table), most=400))
display.table_downloads(gates, "gates", context.numbers)

st.subheader("Cost curve")
display.plotly(charts.cost_curve(context.load("cost_curve", filters), context.scope(), context.numbers), name="cost_curve")
st.caption("Cumulative to each month's status date, summed over the projects shown: EV under PV is behind plan, "
           "AC over EV is over cost.")
