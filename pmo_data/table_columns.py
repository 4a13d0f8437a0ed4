"""What each column of a table is called for people, and what kind of number it holds: one table
that the pages (column headers and formats) and the exports (Excel and CSV headers, rounding,
Excel number formats) both read, so a column reads "EAC" on screen and "EAC (USD)" in Excel,
never `eac`. What a column means is in docs/kpis.md (pmo_data/glossary.py), not here."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from pmo_data.formatting import NumberFormat

# kind → (decimals kept in an export, Excel number format); money's format is the currency's own
KINDS: dict[str, tuple[int | None, str | None]] = {
    "money": (0, None),           # whole units: nobody reads cents of a forecast
    "index": (3, "0.00#"),        # SPI 0.846 shows as the health rule printed it; 0.85 as 0.85
    "percent": (1, "0.0"),        # 0–100, the header says "%"
    "days": (0, "#,##0"),
    "hours": (0, "#,##0"),
    "count": (0, "#,##0"),
    "score": (0, "0"),
    "date": (None, "dd mmm yyyy"),
    "month": (None, "mmm yyyy"),  # a reporting or plan month is stored as its first day
    "text": (None, None),
    "flag": (None, None),
}


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"


def _columns(kind: str, /, **labels: str) -> dict[str, Column]:
    return {name: Column(label, kind) for name, label in labels.items()}


# Labels are short enough for a narrow table header; the glossary's help says the rest.
COLUMNS: dict[str, Column] = {
    **_columns("text",
               project_id="Project ID", project_name="Project", program="Program", portfolio="Portfolio",
               department="Department", manager="Project manager", sponsor="Sponsor",
               strategic_objective="Strategic objective", status="Status", phase="Phase", priority="Priority",
               health="Health", health_reasons="Reasons", health_reason_text="Reasons",
               computed_health="Health from this month's figures", reported_health="Reported health",
               evm_basis="EV and PV from", data_quality="Check the data", data_quality_text="Check the data",
               eac_method="EAC from", overrun_eac_method="Overrun judged on", percent_complete_source="% complete from",
               planned_percent_source="Planned % from", most_overdue_milestone="Most overdue milestone",
               top_open_risk="Top open risk", previous_health="Health last month", health_change="Health change",
               risk_id="ID", kind="Kind", title="Title", category="Category", owner="Owner", mitigation="Mitigation",
               band="Band", aging_bucket="Age band", previous_status="Status last month", change="Since last month",
               resource_name="Person", team="Team", role="Role", capacity_source="Capacity from",
               load_band="Load", months_over="Months over capacity",
               change_type="Change", subject="What", description="Change in words",
               name="Name", assignee="Assignee", status_category="Status category",
               assessed_health="Computed health", override_health="PMO override",
               override_justification="Override justification", override_set_by="Override set by",
               summary="Summary", achievements="Achievements", next_steps="Next steps",
               sponsor_asks="Decisions or help needed", path_to_green_text="Path to green", action="Action",
               item_id="ID", origin="From", written_by="Written by", reported_by="Reported by", gate="Gate", state="State"),
    **_columns("flag",
               not_started="Not started", no_update="No update this month", watermelon="Watermelon",
               previous_watermelon="Watermelon last month", response_overdue="Response overdue",
               in_horizon="In horizon", unaligned="Unaligned", is_current="This month", is_milestone="Milestone",
               overridden="PMO override", overdue="Overdue"),
    **_columns("money",
               bac="Budget", ev="Earned value", pv="Planned value", ac="Actual cost",
               sv="Schedule variance", cv="Cost variance", eac="EAC", eac_independent="EAC by BAC ÷ CPI",
               eac_cpi_spi="EAC by cost and schedule", etc="ETC", vac="VAC", open_risk_exposure="Open risk exposure",
               eac_delta="EAC change", cost_impact="Cost impact", exposure="Exposure", budget="Budget",
               actual_cost="Actual cost", green_budget="Green budget", amber_budget="Amber budget",
               red_budget="Red budget", grey_budget="Grey budget"),
    **_columns("index",
               spi="SPI", cpi="CPI", tcpi="TCPI", bei="BEI", spi_delta="SPI change", cpi_delta="CPI change",
               median_spi="Median SPI", median_cpi="Median CPI"),
    **_columns("percent",
               cost_overrun_pct="Cost overrun %", percent_complete="% complete", planned_percent="Planned %",
               finish_variance_pct="Slip % of baseline", utilisation_pct="Load %", peak_utilisation_pct="Peak load %",
               previous_utilisation_pct="Load % last month", budget_share_pct="Share of budget %",
               eac_overrun_pct="EAC over budget %", peak_load="Peak load %"),
    **_columns("days",
               finish_variance_days="Slip (days)", max_milestone_overdue_days="Most overdue milestone (days)",
               finish_variance_days_delta="Slip change (days)", age_days="Age (days)", days_overdue="Days overdue",
               slip_days="Slip (days)", days_until="In (days)", moved_days="Moved (days)"),
    **_columns("hours",
               planned_hours="Planned hours", capacity_hours="Capacity hours", available_hours="Available hours",
               hours_on_project="Hours planned from this month"),
    **_columns("count",
               tasks_total="Tasks", tasks_done="Tasks done", tasks_overdue="Tasks overdue",
               milestones_total="Milestones", milestones_done="Milestones done", milestones_done_late="Milestones done late",
               milestones_late="Milestones late", milestones_overdue="Milestones overdue",
               milestones_on_time="Milestones on time", open_risks="Open risks", open_critical_risks="Open critical risks",
               projects="Projects", green="Green", amber="Amber", red="Red", grey="Grey (not assessed)",
               watermelons="Watermelons",
               over_allocated_people="People over-allocated", red_delta="Red change", watermelons_delta="Watermelons change",
               open_critical_risks_delta="Open critical risks change",
               over_allocated_people_delta="People over-allocated change"),
    **_columns("score",
               probability="Probability", impact="Impact", score="Score", max_open_risk_score="Highest open risk score",
               previous_score="Score last month"),
    **_columns("date",
               status_date="Status date", baseline_start="Baseline start", baseline_finish="Baseline finish",
               expected_finish="Expected finish", raised_date="Raised", due_date="Due", start_date="Start",
               finish_date="Finish", target_date="Target date", report_date="Report date",
               baseline_date="Baseline", forecast_date="Forecast", planned_date="Planned", forecast_start="Forecast start",
               forecast_finish="Forecast finish"),
    **_columns("month",
               period="Month", previous_period="Previous month", health_assessed_for="Health assessed for",
               month="Plan month", peak_month="Peak month",
               carried_from="Carried from", first_period="First listed"),
}
# The same name in another table: where a query's column means something else than the KPI's.
TABLE_COLUMNS: dict[str, dict[str, Column]] = {
    "over_allocated_people": {"projects": Column("Projects loading them (hours in those months)")},
    "portfolio_summary": {"not_started": Column("Not started", "count"), "no_update": Column("No update", "count"),
                          "spi": Column("Portfolio SPI", "index"), "cpi": Column("Portfolio CPI", "index")},
}


# Lists a table also holds joined as text: exported once, as the text.
LISTS_ALSO_AS_TEXT = {"health_reasons": "health_reason_text", "data_quality": "data_quality_text"}


def column(name: str, table: str = "") -> Column:
    """The column's label and kind; a column nobody named yet reads as its words ("open_items" → "Open items")."""
    known = TABLE_COLUMNS.get(table, {}).get(name) or COLUMNS.get(name)
    return known or Column(name.replace("_", " ").capitalize())


def label(name: str, table: str = "") -> str:
    return column(name, table).label


@dataclass(frozen=True)
class ExportTable:
    """A table as people get it: headers in words, numbers rounded, the Excel format of each column."""

    frame: pd.DataFrame
    excel_formats: dict[str, str]


def half_up(value: float, decimals: int) -> float:
    """Rounded as a reader rounds the number shown (1.0625 → 1.063, −0.0285 → −0.029), not to the
    nearest even digit of its binary value as float rounding does."""
    if pd.isna(value) or math.isinf(value):
        return value
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def for_export(frame: pd.DataFrame, numbers: NumberFormat, table: str = "") -> ExportTable:
    """Human headers (money with its currency: "EAC (USD)"), values kept numeric but rounded by
    kind (money to whole units, indices to 3 decimals, percents to 1), and each column's Excel format."""
    readable, formats, headers = pd.DataFrame(index=frame.index), {}, []
    for name in frame.columns:
        if LISTS_ALSO_AS_TEXT.get(name) in frame.columns:
            continue
        spec = column(str(name), table)
        decimals, excel = KINDS.get(spec.kind, (None, None))
        header = numbers.money_label(spec.label) if spec.kind == "money" else spec.label
        if header in headers:  # two columns with one label (Reasons as a list and as text): keep them apart
            header = f"{header} ({name})"
        headers.append(header)
        values = frame[name]
        if decimals is not None and pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            values = values.astype("float64").map(lambda v, d=decimals: half_up(v, d))
            if decimals == 0 and values.notna().all():
                values = values.astype("int64")
        readable[header] = values
        formats[header] = numbers.excel_money if spec.kind == "money" else excel
    return ExportTable(readable, {header: f for header, f in formats.items() if f})
