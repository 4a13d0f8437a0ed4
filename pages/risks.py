"""Risks: the probability × impact heatmap (click a cell to list its risks), top risks by
exposure, the trend of risks and issues, and issue aging."""

import streamlit as st

from pages.common import display
from pages.common.layout import require_data, setup
from pmo_data import charts
from pmo_data.charts import BAND_COLOURS

context = setup("Risks")
require_data(context)
filters = context.filters

st.title(f"Risks · {filters.period:%B %Y}")
st.caption(f"Scope: {display.md(context.scope())}. Open risks only in the matrix; issues are in the list and the aging chart.")

matrix = context.load("risk_matrix", filters)
# the chart's own selection is the filter; "show all" replaces the chart (a new key) to clear it
chart_key = f"risk_heatmap_{st.session_state.get('risk_heatmap_generation', 0)}"
previous = st.session_state.get(chart_key)
points = (previous.selection.points if previous and previous.selection else []) or []
selected_cell = (int(points[0]["y"]), int(points[0]["x"])) if points else None
left, right = st.columns([5, 4])
with left:
    display.plotly(charts.risk_heatmap(matrix, context.scope(), selected_cell), key=chart_key, name="risk_matrix",
                   on_select="rerun", selection_mode="points")
with right:
    bands = context.load("open_risks_by_band", filters).set_index("band")["risks"]
    st.markdown("**Open risks by band**")
    with st.container(horizontal=True):
        for band, colour in (("Critical", "red"), ("High", "orange"), ("Medium", "yellow"), ("Low", "green")):
            st.badge(f"{band}: {int(bands.get(band, 0))}", color=colour)
    top = context.load("top_risks", filters)
    st.markdown("**Top open risks by exposure**")
    display.dataframe(
        top[["title", "project_name", "score", "exposure"]],
        hide_index=True,
        column_config={
            "title": st.column_config.TextColumn("Risk", width="medium"),
            "project_name": "Project",
            "score": st.column_config.NumberColumn("Score", help=display.help_text("score", "kpi_risks")),
            "exposure": st.column_config.NumberColumn("Exposure", format="compact", help=display.help_text("exposure", "kpi_risks")),
        },
    )

if selected_cell:
    probability, impact = selected_cell
    st.subheader(f"Open risks with probability {probability} and impact {impact}")
    listed = context.load("risks", filters, probability, impact, True, "risk")
    st.caption(f"{len(listed)} open risks in this cell.")
    if st.button("Show all risks and issues", icon=":material/filter_alt_off:"):
        st.session_state["risk_heatmap_generation"] = st.session_state.get("risk_heatmap_generation", 0) + 1
        st.rerun()
else:
    st.subheader("All risks and issues")
    st.caption("Click a cell of the matrix to list only its risks.")
    listed = context.load("risks", filters)
display.dataframe(
    display.as_pills(listed[["risk_id", "kind", "title", "project_name", "probability", "impact", "score", "band",
                             "exposure", "status", "owner", "due_date", "response_overdue", "change", "mitigation"]],
                     ("band",)),
    hide_index=True,
    column_config={
        "risk_id": st.column_config.TextColumn("ID", width="small"),
        "kind": st.column_config.TextColumn("Kind", width="small"),
        "title": st.column_config.TextColumn("Title", width="medium"),
        "project_name": "Project",
        "probability": st.column_config.NumberColumn("P", help=display.help_text("probability", "kpi_risks"), width="small"),
        "impact": st.column_config.NumberColumn("I", help=display.help_text("impact", "kpi_risks"), width="small"),
        "score": st.column_config.NumberColumn("Score", help=display.help_text("score", "kpi_risks"), width="small"),
        "band": display.pill_column("Band", BAND_COLOURS, help=display.help_text("band", "kpi_risks")),
        "exposure": st.column_config.NumberColumn("Exposure", format="compact", help=display.help_text("exposure", "kpi_risks")),
        "status": "Status",
        "owner": "Owner",
        "due_date": st.column_config.DateColumn("Due", format="DD MMM YYYY"),
        "response_overdue": st.column_config.CheckboxColumn("Overdue", help=display.help_text("response_overdue", "kpi_risks")),
        "change": st.column_config.TextColumn("Since last month", help=display.help_text("change", "kpi_risks")),
        "mitigation": st.column_config.TextColumn("Mitigation", width="large"),
    },
)

display.table_downloads(listed, "risks", context.numbers)

left, right = st.columns(2)
with left:
    display.plotly(charts.risk_trend(context.load("risk_trend", filters), context.scope().split(" · ", 1)[-1]), name="risk_trend")
with right:
    display.plotly(charts.issue_aging(context.load("issue_aging", filters), context.scope()), name="issue_aging")
