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
left, right = st.columns(2)  # half the width each: the top risks keep score and exposure at 1280 px
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
    st.markdown("**Top open risks by exposure** · click one to open its project")
    shown, columns = display.screen_table(top[["title", "project_name", "score", "exposure"]], context.numbers, "kpi_risks",
                                          widths={"title": 150, "project_name": 110, "score": 52, "exposure": 76},
                                          title=st.column_config.TextColumn("Risk", width=150))
    clicked_top = display.clicked_row(display.dataframe(shown, hide_index=True, column_config=columns, key="top_risks_table",
                                                        on_select="rerun", selection_mode="single-cell"))
    if clicked_top is not None:
        context.open_project(top.iloc[clicked_top]["project_id"])

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
    listed = context.load("risks", filters)
# the list a meeting reads at 1280 px; the rest of each entry one click away
LIST_COLUMNS = ["title", "project_name", "score", "band", "exposure", "due_date", "change"]
MORE_COLUMNS = ["risk_id", "kind", "probability", "impact", "status", "owner", "response_overdue", "mitigation"]
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption("Click a risk to open its project." if selected_cell else
               "Click a cell of the matrix to list only its risks, a risk to open its project.")
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
