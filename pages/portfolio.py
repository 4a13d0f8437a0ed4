"""Portfolio health: headline figures, the projects that need attention and why, trends,
performance, strategic alignment, and what changed since last month."""

import pandas as pd
import streamlit as st

from pages.common import display
from pages.common.layout import require_data, setup
from pmo_data import charts
from pmo_data.deck import SECTIONS, DeckRequest, build_deck

context = setup("Portfolio health")
require_data(context)
filters = context.filters

st.title(f"Portfolio health · {filters.period:%B %Y}")
st.caption(f"Scope: {display.md(context.scope())}. Health is computed from the data by the PMO's rules; "
           "hover the ? beside a figure for its definition.")

with st.popover("Download the review deck", icon=":material/slideshow:"):
    st.caption("A PowerPoint of this view (the filters above apply), with native charts you can restyle.")
    sections = st.multiselect("Sections", list(SECTIONS), default=list(SECTIONS), key="deck_sections")
    project_names = context.load("project_list", filters)
    deck_projects = st.multiselect("A slide for each of these projects", list(project_names["project_id"]),
                                   format_func=dict(zip(project_names["project_id"], project_names["project_name"])).get,
                                   key="deck_projects")
    template = st.file_uploader("Your PowerPoint template (optional)", type=["pptx"], key="deck_template")
    st.download_button(
        "Download deck (.pptx)",
        data=lambda: build_deck(context.store, DeckRequest(filters, tuple(sections), tuple(deck_projects),
                                                           template.getvalue() if template else None)),
        file_name=f"portfolio-review-{filters.period:%Y-%m}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        type="primary", icon=":material/download:", key="deck_download", on_click="ignore",
    )

cards = context.load("portfolio_cards", filters)
current = cards[cards["is_current"]]
if current.empty:
    st.info("No project matches these filters in this month. Clear a filter in the sidebar.")
    st.stop()
now = current.iloc[0]


def delta(column: str):
    value = now[f"{column}_delta"]
    return None if pd.isna(value) else value  # no previous month


first, second = st.columns(4), st.columns(4)
first[0].metric("Red projects", f"{now.red} of {now.projects}", delta("red"), delta_color="inverse", border=True,
                help=f"{now.amber} amber, {now.green} green, {now.grey} not assessed ({now.not_started} not started); "
                     f"{now.no_update} with no update this month. " + display.help_text("health"))
first[1].metric("Watermelons", int(now.watermelons), delta("watermelons"), delta_color="inverse", border=True,
                help=display.help_text("watermelon"))
first[2].metric("Portfolio SPI", display.ratio(now.spi), None if delta("spi") is None else f"{delta('spi'):+.2f}", border=True,
                help=f"ΣEV / ΣPV of the projects shown (median {display.ratio(now.median_spi)}). " + display.help_text("spi"))
first[3].metric("Portfolio CPI", display.ratio(now.cpi), None if delta("cpi") is None else f"{delta('cpi'):+.2f}", border=True,
                help=f"ΣEV / ΣAC of the projects shown (median {display.ratio(now.median_cpi)}). " + display.help_text("cpi"))
second[0].metric("Forecast cost (EAC)", context.numbers.money(now.eac),
                 None if pd.isna(now.eac_overrun_pct) else f"{now.eac_overrun_pct:+.1f}% vs budget",
                 delta_color="inverse", border=True, help=display.help_text("eac"))
second[1].metric("Budget (BAC)", context.numbers.money(now.budget), border=True, help=display.help_text("bac"))
second[2].metric("Open critical risks", int(now.open_critical_risks), delta("open_critical_risks"),
                 delta_color="inverse", border=True, help=display.help_text("band", "kpi_risks"))
second[3].metric("People over-allocated", int(now.over_allocated_people), delta("over_allocated_people"),
                 delta_color="inverse", border=True,
                 help="People planned above capacity in the next months on the projects shown.")

st.subheader("Projects and why")
health = context.load("project_health", filters)
# what the meeting reads, narrow enough for a 1280 × 720 projector with the sidebar open; the
# reasons right after the name, wrapped over three lines; the rest one click away
MEETING_COLUMNS = ["health", "project_name", "health_reason_text", "spi", "cpi", "finish_variance_days", "eac"]
MORE_COLUMNS = ["reported_health", "watermelon", "program", "manager", "bac", "cost_overrun_pct", "percent_complete",
                "project_id"]
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption("Worst first. Click a project to open its story.")
    more = st.toggle("More columns", key="projects_more_columns",
                     help="Reported health, watermelon, program, PM, budget, overrun, progress and ID")
shown, columns = display.screen_table(
    health[MEETING_COLUMNS + MORE_COLUMNS], context.numbers,
    widths={"project_name": 170, "health_reason_text": 300, "spi": 52, "cpi": 52, "finish_variance_days": 64, "eac": 76,
            "watermelon": 90, "project_id": 76},
    health=display.pill_column("Health", help=display.help_text("health"), width=68),
    reported_health=display.pill_column("Reported", help=display.help_text("reported_health"), width=80),
    manager=st.column_config.TextColumn("PM"),
    finish_variance_days=st.column_config.NumberColumn("Slip (d)", format="%d", width=64,
                                                       help=display.help_text("finish_variance_days")),
)
clicked = display.clicked_row(display.dataframe(
    display.as_pills(shown),
    hide_index=True,
    key="projects_table",
    on_select="rerun",
    selection_mode="single-cell",  # a click on a name, or anywhere on its row, opens the project
    column_order=MEETING_COLUMNS + (MORE_COLUMNS if more else []),
    row_height=display.WRAPPING_ROW_HEIGHT,
    height=display.table_height(len(shown), display.WRAPPING_ROW_HEIGHT, most=600),
    column_config=columns,
))
display.table_downloads(health, "project_health", context.numbers)
if clicked is not None:
    context.open_project(health.iloc[clicked]["project_id"])

left, right = st.columns(2)
with left:
    display.plotly(charts.health_trend(context.load("health_trend", filters), context.scope().split(" · ", 1)[-1]), name="health_trend")
with right:
    display.plotly(charts.performance_bubble(health, context.scope()), name="performance")

st.subheader("Strategic alignment")
alignment = context.load("strategic_alignment", filters)
left, right = st.columns([3, 1])
with left:
    display.plotly(charts.strategic_alignment(alignment, context.scope()), name="strategic_alignment")
with right:
    unaligned = alignment[alignment["unaligned"]]
    if unaligned.empty:
        st.success("Every project serves a strategic objective.")
    else:
        row = unaligned.iloc[0]
        st.metric("Unaligned budget", context.numbers.money(row.budget), f"{row.budget_share_pct:.0f}% of the budget",
                  delta_color="off", delta_arrow="off", help=display.help_text("unaligned", "query strategic_alignment"),
                  border=True)
        names = health[health["strategic_objective"].isna()]["project_name"].tolist()
        st.caption("Unaligned: " + display.md(", ".join(names)))

st.subheader("What changed since last month")
changes = context.load("changes", filters)
if not (~cards["is_current"]).any():
    st.caption("This is the first loaded month: nothing to compare with.")
elif changes.empty:
    st.caption("Nothing changed for these projects.")
else:
    for change_type, rows in changes.groupby("change_type", sort=False):
        with st.expander(f"{change_type.capitalize()} ({len(rows)})", expanded=change_type in {"health worse", "new watermelon"}):
            display.dataframe(rows[["subject", "project_id", "description"]], hide_index=True,
                         column_config={"subject": "What", "project_id": "Project", "description": "Change"})
