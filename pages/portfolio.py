"""Portfolio health: headline figures, the projects that need attention and why, trends,
performance, strategic alignment, and what changed since last month."""

import pandas as pd
import streamlit as st

from pages.common import display
from pages.common.layout import require_data, setup
from pmo_data import archives, charts
from pmo_data.deck import SECTIONS, DeckRequest, build_deck

context = setup("Portfolio health")
require_data(context)
filters = context.filters

st.title(f"Portfolio health · {filters.period:%B %Y}")
as_of = context.load("status_dates", filters)
st.caption(f"Scope: {display.md(context.scope())}. "
           + (f"Status date{'s' if len(as_of) > 1 else ''} {' and '.join(f'{d:%d %b %Y}' for d in as_of)}"
              + (" (the month's sources differ)" if len(as_of) > 1 else "")
              + ". " if as_of else "")
           + "Health is computed from the data by the PMO's rules; hover the ? beside a figure for its definition.")

with st.popover("Download the review deck", icon=":material/slideshow:"):
    st.caption("A PowerPoint of this view (the filters above apply), with native charts you can restyle.")
    sections = st.multiselect("Sections", list(SECTIONS), default=list(SECTIONS), key="deck_sections")
    project_names = context.load("project_list", filters)
    deck_names = dict(zip(project_names["project_id"], project_names["project_name"]))
    deck_projects = st.multiselect("A slide for each of these projects", list(project_names["project_id"]),
                                   format_func=lambda pid: display.plain(deck_names.get(pid, pid)),
                                   key="deck_projects")
    # a template is an upload the server unpacks: an editor's action, and bounded before it is opened
    template = st.file_uploader("Your PowerPoint template (optional)", type=["pptx"], key="deck_template") \
        if context.user.can_edit else None
    template_bytes = template.getvalue() if template else None
    if template_bytes is not None:
        try:
            archives.check_package(template_bytes, archives.DECK_TEMPLATE, template.name)
        except archives.PackageRefused as refused:
            st.error(display.md(str(refused)) + " The deck uses the dashboard's own layout.", icon=":material/block:")
            template_bytes = None
    st.download_button(
        "Download deck (.pptx)",
        data=lambda: build_deck(context.store, DeckRequest(filters, tuple(sections), tuple(deck_projects), template_bytes)),
        file_name=f"portfolio-review-{filters.period:%Y-%m}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        type="primary", icon=":material/download:", key="deck_download", on_click="ignore",
    )

if sentences := context.summary():
    with st.expander(f"**In brief:** {display.md(sentences[0])}", icon=":material/summarize:"):
        st.markdown("\n".join(f"- {display.md(sentence)}" for sentence in sentences[1:]))
        st.caption("Written from the figures below by fixed rules; the deck opens with the same summary.")

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
                 delta_color="inverse", border=True,
                 help=("" if now.projects_with_eac == now.projects else
                       f"{now.projects_with_eac} of {now.projects} projects have a forecast; the % compares it with their "
                       f"budgets ({context.numbers.money(now.budget_with_eac)}). ") + display.help_text("eac"))
second[1].metric("Budget (BAC)", context.numbers.money(now.budget), border=True, help=display.help_text("bac"))
second[2].metric("Open critical risks", int(now.open_critical_risks), delta("open_critical_risks"),
                 delta_color="inverse", border=True, help=display.help_text("band", "kpi_risks"))
second[3].metric("People over-allocated", int(now.over_allocated_people), delta("over_allocated_people"),
                 delta_color="inverse", border=True,
                 help="People planned above capacity in the next months on the projects shown.")

st.subheader("Projects and why")
health = context.load("project_health", filters)
# beside a PMO override, the computed health it overrides: a column only when some project has one,
# its width taken from the reasons (the table still fits a 1280-px projector)
overridden = health.assign(overridden_computed=health["assessed_health"].where(health["overridden"]))
any_override = bool(health["overridden"].any())
# what the meeting reads, narrow enough for a 1280 × 720 projector with the sidebar open; the
# reasons right after the name, wrapped over three lines; the rest one click away
MEETING_COLUMNS = ["health", *(["overridden_computed"] if any_override else []), "project_name", "health_reason_text",
                   "spi", "cpi", "finish_variance_days", "eac"]
MORE_COLUMNS = ["reported_health", "watermelon", "program", "manager", "bac", "cost_overrun_pct", "percent_complete",
                "project_id"]
with st.container(horizontal=True, vertical_alignment="center"):
    st.caption("Worst first. Click a project to open its story.")
    more = st.toggle("More columns", key="projects_more_columns",
                     help="Reported health, watermelon, program, PM, budget, overrun, progress and ID")
shown, columns = display.screen_table(
    overridden[MEETING_COLUMNS + MORE_COLUMNS], context.numbers,
    widths={"project_name": 170, "health_reason_text": 232 if any_override else 300, "spi": 52, "cpi": 52, "finish_variance_days": 64, "eac": 76,
            "watermelon": 90, "project_id": 76},
    health=display.pill_column("Health", help=display.help_text("health"), width=68),
    reported_health=display.pill_column("Reported", help=display.help_text("reported_health"), width=80),
    overridden_computed=display.pill_column("Computed", width=68, help="Where the PMO overrode the health this month "
                                            "(Health shows the override): the computed health"),
    manager=st.column_config.TextColumn("PM"),
    finish_variance_days=st.column_config.NumberColumn("Slip (d)", format="%d", width=64,
                                                       help=display.help_text("finish_variance_days")),
)
clicked = display.clicked_row(display.dataframe(
    display.as_pills(shown, ("health", "overridden_computed", "reported_health")),
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


def status_report(project_id: str) -> None:
    """This month's status report of one project in its PM's words: the summary, what was achieved
    and comes next, the path to green and what the sponsor is asked."""
    history = context.load("status_commentary", filters, project_id)
    now = history[history["period"].dt.date == filters.period]
    if now.empty or not now.iloc[0]["reported"]:
        manager = now.iloc[0]["manager"] if not now.empty else None
        st.info(f"No status report this month{' from ' + display.md(manager, display.NAME) if manager else ''}.",
                icon=":material/schedule:")
        return
    report = now.iloc[0]
    by = f"{display.md(report.reported_by, display.NAME)}, " if isinstance(report.reported_by, str) else ""
    reported = f"reported {report.reported_health}" if isinstance(report.reported_health, str) else "no reported RAG"
    st.caption(f"{by}{report.report_date:%d %b %Y} · {reported} · computed {report.health}"
               if pd.notna(report.report_date) else f"{by}{reported} · computed {report.health}")
    st.markdown(display.md(report.summary) if isinstance(report.summary, str) else "*No summary.*")
    achieved, next_steps = st.columns(2)
    for column, label, text in ((achieved, "Achieved", report.achievements), (next_steps, "Next", report.next_steps)):
        column.markdown(f"**{label}:** {display.md(text) if isinstance(text, str) else '—'}")
    steps = []
    for step in report.path_to_green:
        when = f", by {step['target_date']:%d %b %Y}" if step["target_date"] else ""
        steps.append(f"- {display.md(step['action'], display.TEXT)} — "
                     f"{display.md(step['owner'] or 'no owner', display.NAME)}{when}")
    if steps:
        st.markdown("**Path to green**\n" + "\n".join(steps))
    elif report.health in ("red", "amber"):
        st.markdown(f"**Path to green:** none given for a {report.health} project.")
    if isinstance(report.sponsor_asks, str):
        st.markdown(f"**Asks the sponsor:** {display.md(report.sponsor_asks)}")


with st.container(border=True, key="status_report_panel"):
    report_names = dict(zip(health["project_id"], health["project_name"]))
    chosen = st.selectbox("In the PM's words: the status report of", list(health["project_id"]),
                          format_func=lambda pid: f"{display.plain(report_names.get(pid, pid))} ({pid})",
                          key="status_report_project",
                          help="This month's status report: summary, achievements, next steps, path to green "
                               "and what the sponsor is asked. The list is in the table's order, worst first.")
    if chosen is not None:
        status_report(chosen)

left, right = st.columns(2)
with left:
    trend = display.plotly(charts.health_trend(context.load("health_trend", filters), context.scope().split(" · ", 1)[-1]),
                           key="health_trend_chart", name="health_trend", on_select="rerun", selection_mode="points")
    st.caption("Click a colour to show only the projects of that health.")
with right:
    bubbles = display.plotly(charts.performance_bubble(health, context.scope(), context.numbers), key="performance_chart",
                             name="performance", on_select="rerun", selection_mode="points")
    st.caption("Labels are project IDs; bubbles at nearly equal values are spread apart (hover for the exact values). "
               "Click a bubble to open its project.")
if clicked := display.clicked_ids(bubbles):
    context.open_project(clicked[0])
if clicked := display.clicked_ids(trend):
    context.refilter(health=[clicked[0]])

st.subheader("Strategic alignment")
alignment = context.load("strategic_alignment", filters)
left, right = st.columns([3, 1])
with left:
    objectives = display.plotly(charts.strategic_alignment(alignment, context.scope(), context.numbers),
                                key="alignment_chart", name="strategic_alignment", on_select="rerun", selection_mode="points")
    if clicked := display.clicked_ids(objectives):
        objective, level = clicked[0].rsplit("|", 1)
        serving = health[(health["strategic_objective"].fillna("Unaligned") == objective) & (health["health"] == level)]
        st.markdown(f"**{display.md(objective, display.NAME)} · {level}:** " + display.md(", ".join(
            f"{display.plain(name)} ({pid})" for name, pid in zip(serving["project_name"], serving["project_id"]))))
    else:
        st.caption("Click a segment to list its projects.")
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
        st.caption("Unaligned: " + display.md(", ".join(map(display.plain, names))))

st.subheader("What changed since last month")
changes = context.load("changes", filters)
if not (~cards["is_current"]).any():
    st.caption("This is the first loaded month: nothing to compare with.")
elif changes.empty:
    st.caption("Nothing changed for these projects.")
else:
    counts = changes["kind"].value_counts()
    kinds = st.pills("Show", [kind for kind in display.CHANGE_KINDS if kind in counts], selection_mode="multi",
                     format_func=lambda kind: f"{display.CHANGE_KINDS[kind]} ({counts[kind]})", key="change_kinds",
                     label_visibility="collapsed")
    shown = changes[changes["kind"].isin(kinds)] if kinds else changes
    display.dataframe(
        shown.assign(group=display.change_groups(shown)),
        hide_index=True,
        key="changes_table",
        height=min(38 + 69 * len(shown), 560),
        row_height=68,  # taller than 4 rem: long text wraps (three lines), so nothing needs a sideways scroll
        column_order=["group", "item_id", "before", "after", "description"],
        column_config={
            "group": st.column_config.TextColumn("Project", width=140),
            "item_id": st.column_config.TextColumn("ID", width=100, help=display.help_text("item_id", "kpi_changes")),
            "before": st.column_config.TextColumn("Before", width=100, help=display.help_text("before", "kpi_changes")),
            "after": st.column_config.TextColumn("After", width=100, help=display.help_text("after", "kpi_changes")),
            "description": st.column_config.TextColumn("What", width=370, help=display.help_text("description", "kpi_changes")),
        },
    )
    st.caption("Grouped by project, the most important change first; people last. Pick kinds above to narrow the list.")
    display.table_downloads(changes, "changes", context.numbers)
