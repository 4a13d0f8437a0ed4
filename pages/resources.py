"""Resources: who is loaded how much in each month of the plan, capacity against demand by
team or role, the over-allocated people with the projects that load them, and the hours people
logged against the hours planned for them."""

import streamlit as st

from pages.common import display
from pages.common.layout import require_data, setup
from pmo_data import charts

context = setup("Resources")
require_data(context)
filters = context.filters

st.title(f"Resources · plan of {filters.period:%B %Y}")
st.caption(f"Scope: people working on {display.md(context.scope().split(' · ', 1)[-1])}. "
           "Over 100 % of capacity is over-allocated (red); under 75 % is spare capacity (blue).")

over = context.load("over_allocated_people", filters)
st.subheader(f"Over-allocated in the next months ({len(over)})")
if over.empty:
    st.success("No one is planned above capacity in the coming months.")
else:
    # who, how much, when and why fit a 1280-px projector; team and role one click away
    more = st.toggle("Team and role", key="over_allocated_more_columns")
    shown, columns = display.screen_table(
        over, context.numbers, "kpi_resource_load",
        widths={"resource_name": 130, "peak_month": 90, "months_over": 150, "projects": 310},
        peak_utilisation_pct=st.column_config.ProgressColumn(
            "Peak load", format="%.0f%%", min_value=0, max_value=200, width=110,
            help=display.help_text("utilisation_pct", "kpi_resource_load")),
        projects=st.column_config.TextColumn("Projects loading them (hours)", width=310,
                                             help="The projects that plan this person's hours in the months over capacity"),
    )
    display.dataframe(shown, hide_index=True, column_config=columns,
                      column_order=["resource_name", *(["team", "role"] if more else []), "peak_utilisation_pct",
                                    "peak_month", "months_over", "projects"])
    display.table_downloads(over, "over_allocated_people", context.numbers)

load = context.load("resource_load", filters)
if load["resource_name"].nunique() > charts.MOST_LOADED_PEOPLE:
    st.caption("Filter by program or project manager to see the people not in the heatmap.")
heatmap = display.plotly(charts.utilisation_heatmap(load, context.scope()), key="utilisation_chart", name="utilisation",
                         on_select="rerun", selection_mode="points")
if people := sorted(set(display.clicked_ids(heatmap))):
    st.markdown("**Planned work of " + display.md(", ".join(map(display.plain, people))) + "**")
    display.dataframe(context.load("person_allocations", filters.period, tuple(people)), hide_index=True, column_config={
        "resource_name": "Person", "project_id": "Project ID", "project_name": "Project",
        "month": st.column_config.DateColumn("Month", format="MMM YYYY"),
        "planned_hours": st.column_config.NumberColumn("Hours planned", format="%.0f"),
        "utilisation_pct": st.column_config.NumberColumn("Load that month (all projects)", format="%.0f%%"),
    })
else:
    st.caption("Click a person's row to list the projects that load them.")

st.subheader("Capacity vs demand")
group_type = st.segmented_control("Group by", ["team", "role"], default="team", key="capacity_group",
                                  format_func=str.capitalize)
demand = context.load("capacity_demand", filters, group_type or "team")
display.plotly(charts.capacity_demand(demand, f"by {group_type or 'team'} · {context.scope()}"), name="capacity_demand")

actual = context.load("actual_vs_planned", filters.period)
st.subheader("Logged against planned")
if actual.empty:
    st.caption("No timesheet loaded for this month: import one on the Data page to see hours logged beside the plan.")
else:
    st.caption("Hours people logged (timesheets) beside the hours planned for them, per month worked. "
               "An empty plan means the plan holds no hours for that person and month.")
    display.dataframe(actual, hide_index=True, key="actual_vs_planned", column_config={
        "resource_name": "Person",
        "month": st.column_config.DateColumn("Month worked", format="MMM YYYY"),
        "planned_hours": st.column_config.NumberColumn("Hours planned", format="%.1f"),
        "actual_hours": st.column_config.NumberColumn("Hours logged", format="%.1f"),
        "difference_hours": st.column_config.NumberColumn("Logged − planned", format="%+.1f"),
        "entries": st.column_config.NumberColumn("Entries", format="%d"),
    })
