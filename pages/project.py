"""Project: one project's story — its health and reasons month by month (with the PMO's override),
the PM's status report and path to green, the decisions and actions log, timeline against
baseline, milestone trend, risks and people. Editors write the review's parts here."""

import pandas as pd
import streamlit as st

from pages.common import display, project_review
from pages.common.layout import require_data, setup
from pmo_data import charts
from pmo_data.charts import BAND_COLOURS

context = setup("Project")
require_data(context)
filters = context.filters

projects = context.load("project_list", filters)
if projects.empty:
    st.info("No project matches these filters in this month. Clear a filter in the sidebar.")
    st.stop()
names = dict(zip(projects["project_id"], projects["project_name"]))
worst_first = context.load("project_health", filters)["project_id"].tolist()
# the project lives in the URL as its id (?project=PRJ-002), so a link opens it
linked = st.query_params.get("project")
project_id = st.selectbox("Project", worst_first, format_func=lambda pid: f"{display.plain(names.get(pid, pid))} ({pid})",
                          index=worst_first.index(linked) if linked in worst_first else 0, key="project",
                          help="Listed worst health first")
st.query_params["project"] = project_id
history = context.load("project_history", project_id, filters.period)
now = history[history["period"].dt.date == filters.period].iloc[0]

st.title(display.md(now.project_name, display.NAME), anchor=False)
project_review.health_line(context, now)
st.caption(display.md(
    f"{display.plain(now.project_id)} · {display.plain(now.program or 'no program')} · PM {display.plain(now.manager or '–')} · "
    f"sponsor {display.plain(now.sponsor or '–')} · objective: {display.plain(now.strategic_objective or 'none (unaligned)')} · "
    f"status date {now.status_date:%d %b %Y}"))
if now.watermelon:
    st.warning(f"Watermelon: reported {now.reported_health}, computed {now.assessed_health}.", icon=":material/report:")
st.markdown("\n".join(f"- {display.md(reason, display.TEXT)}" for reason in now.health_reasons) or "- no rule fired: on plan")
for flag in now.data_quality:
    st.warning(f"Check the data: {display.md(flag, display.TEXT)}", icon=":material/fact_check:")
project_review.override_form(context, now)
EVM_BASIS_WORDS = {"tasks": "its tasks (their baselines carry the whole plan)",
                   "register": "the register (percent complete against the linear baseline)"}
if now.evm_basis in EVM_BASIS_WORDS:
    st.caption(f"Earned and planned value both from {EVM_BASIS_WORDS[now.evm_basis]}.")

# three cards a row: six in one row cut their values ("$1…") on a 1280-px projector
first, second = st.columns(3), st.columns(3)
first[0].metric("SPI", display.ratio(now.spi), None if pd.isna(now.spi_delta) else f"{now.spi_delta:+.2f}",
                help=display.help_text("spi"), border=True)
first[1].metric("CPI", display.ratio(now.cpi), None if pd.isna(now.cpi_delta) else f"{now.cpi_delta:+.2f}",
                help=display.help_text("cpi"), border=True)
first[2].metric("EAC", context.numbers.money(now.eac), f"budget {context.numbers.money(now.bac)}", delta_color="off",
                delta_arrow="off", help=display.help_text("eac"), border=True)
second[0].metric("Finish slip", "–" if pd.isna(now.finish_variance_days) else f"{now.finish_variance_days:.0f} days",
                 None if pd.isna(now.finish_variance_days_delta) else f"{now.finish_variance_days_delta:+.0f} days",
                 delta_color="inverse", help=display.help_text("finish_variance_days"), border=True)
second[1].metric("Progress", "–" if pd.isna(now.percent_complete) else f"{now.percent_complete:.0f}%",
                 None if pd.isna(now.planned_percent) else f"plan {now.planned_percent:.0f}%", delta_color="off",
                 delta_arrow="off", help=display.help_text("percent_complete"), border=True)
second[2].metric("Milestones overdue", int(now.milestones_overdue), f"of {now.milestones_total}", delta_color="off",
                 delta_arrow="off", help=display.help_text("milestones_overdue"), border=True)

project_review.status_report(context, now)
project_review.decisions_and_actions(context, now)

st.subheader("Health by month")
# the whole width: the reasons wrap over four lines beside the month's health and indices
shown, columns = display.screen_table(
    history[["period", "health", "reported_health", "spi", "cpi", "health_reason_text"]], context.numbers,
    widths={"period": 90, "spi": 52, "cpi": 52, "health_reason_text": 450},
    health=display.pill_column("Health", width=68), reported_health=display.pill_column("Reported", width=80),
)
display.dataframe(display.as_pills(shown), hide_index=True, column_config=columns, row_height=display.WRAPPING_ROW_HEIGHT,
                  height=display.table_height(len(shown), display.WRAPPING_ROW_HEIGHT))
display.plotly(charts.project_health_history(history, now.project_name), name="project_performance")

tasks = context.load("project_tasks", filters.period, project_id)
display.plotly(charts.timeline(tasks, now.status_date, f"{now.project_name} · {filters.period:%B %Y}"), name="timeline")
display.plotly(charts.milestone_trend(context.load("milestone_trend", project_id, filters.period), now.project_name), name="milestone_trend")

left, right = st.columns(2)
with left:
    st.subheader("Risks and issues")
    risks = context.load("project_risks", filters.period, project_id)
    if risks.empty:
        st.caption("No risks or issues logged for this project.")
    else:
        # what fits half of a 1280-px projector; the rest of each entry one click away
        more_risk_columns = st.toggle("More columns", key="project_risks_more_columns",
                                      help="ID, kind, status and owner")
        shown, columns = display.screen_table(
            risks[["title", "score", "band", "change", "risk_id", "kind", "status", "owner"]], context.numbers, "kpi_risks",
            widths={"title": 130, "score": 52, "change": 120, "risk_id": 60, "kind": 60},
            band=display.pill_column("Band", BAND_COLOURS, help=display.help_text("band", "kpi_risks"), width=76))
        display.dataframe(display.as_pills(shown, ("band",)), hide_index=True, column_config=columns,
                          column_order=["title", "score", "band", "change",
                                        *(["risk_id", "kind", "status", "owner"] if more_risk_columns else [])])
with right:
    st.subheader("People")
    summary = context.load("project_people_summary", filters.period, project_id)
    if summary.empty:
        st.caption("No one is planned on this project from this month on.")
    else:
        shown, columns = display.screen_table(
            summary, context.numbers, "kpi_resource_load", widths={"resource_name": 110, "role": 90},
            hours_on_project=st.column_config.NumberColumn("Hours", format="%.0f", width=80,
                                                           help="Hours planned on this project from this month on"),
            peak_load=st.column_config.ProgressColumn("Peak load", format="%.0f%%", min_value=0, max_value=200, width=100,
                                                      help="The person's highest load over all projects from this month on"),
        )
        display.dataframe(shown, hide_index=True, column_config=columns)

st.subheader("Cost curve")
display.plotly(charts.cost_curve(context.load("cost_curve", filters, project_id), now.project_name, context.numbers),
               name="project_cost_curve")
st.caption("PV, EV and AC cumulative to each month's status date: EV under PV is behind plan, AC over EV is over cost.")
