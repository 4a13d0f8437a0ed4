"""Resources: who is loaded how much in each month of the plan, capacity against demand by
team or role, and the over-allocated people with the projects that load them."""

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
    display.dataframe(
        over,
        hide_index=True,
        column_config={
            "resource_name": "Person",
            "team": "Team",
            "role": "Role",
            "peak_utilisation_pct": st.column_config.ProgressColumn(
                "Peak load", format="%.0f%%", min_value=0, max_value=200,
                help=display.help_text("utilisation_pct", "kpi_resource_load")),
            "peak_month": st.column_config.DateColumn("Peak month", format="MMM YYYY"),
            "months_over": "Months over capacity",
            "projects": st.column_config.TextColumn("Projects loading them (hours in those months)", width="large"),
        },
    )
    display.table_downloads(over, "over_allocated_people", context.numbers)

load = context.load("resource_load", filters)
if load["resource_name"].nunique() > charts.MOST_LOADED_PEOPLE:
    st.caption("Filter by program or project manager to see the people not in the heatmap.")
display.plotly(charts.utilisation_heatmap(load, context.scope()), name="utilisation")

st.subheader("Capacity vs demand")
group_type = st.segmented_control("Group by", ["team", "role"], default="team", key="capacity_group",
                                  format_func=str.capitalize)
demand = context.load("capacity_demand", filters, group_type or "team")
display.plotly(charts.capacity_demand(demand, f"by {group_type or 'team'} · {context.scope()}"), name="capacity_demand")
