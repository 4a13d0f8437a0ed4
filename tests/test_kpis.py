"""KPI marts on a small portfolio whose every number was worked out by hand (see the comments).

Status dates: Sep 2026 → 2026-09-30, Oct 2026 → 2026-10-31 (month ends; no file states an export date).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pmo_data import queries
from pmo_data.marts import check_constraints
from pmo_data.store import open_store
from pmo_data.importer import import_file
from tests.files import write_xlsx

D = dt.date
PROJECT_HEADERS = ["project_id", "project_name", "program", "baseline_start", "baseline_finish", "forecast_finish",
                   "budget", "actual_cost", "percent_complete", "reported_health", "strategic_objective"]
TASK_HEADERS = ["project_id", "task_id", "name", "is_milestone", "status", "start_date", "baseline_finish",
                "finish_date", "estimate_hours", "percent_complete"]
RISK_HEADERS = ["project_id", "risk_id", "kind", "title", "probability", "impact", "cost_impact", "status",
                "raised_date", "due_date"]


def september(path):
    return write_xlsx(path, {
        # A: PV = 100,000 × 272/364 = 74,725.27; EV = 70,000 → SPI 0.9368 (amber); CPI = 70,000/65,000 = 1.0769
        "projects": [PROJECT_HEADERS, ["A", "Alpha", "Digital", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31),
                                       100000, 65000, 70, "Green", "Grow revenue"]],
        "risks": [RISK_HEADERS, ["A", "R2", "risk", "Scope creep", 1, 3, 10000, "open", D(2026, 8, 1), None]],
        "resources": [["resource_name", "team", "role", "capacity_hours_per_month"], ["Kim", "Dev", "Developer", 140]],
        "allocations": [["resource_name", "project_id", "month", "planned_hours"], ["Kim", "A", D(2026, 11, 1), 100]],
    })


def october(path):
    return write_xlsx(path, {
        "projects": [
            PROJECT_HEADERS,
            # A: PV = 100,000 × 303/364 = 83,241.76; EV = 72,000 → SPI 0.8650; CPI = 72,000/90,000 = 0.80;
            #    EAC = BAC/CPI = 125,000 → overrun 25 %; slip 59 days / 364 = 16.2 %
            ["A", "Alpha", "Digital", D(2026, 1, 1), D(2026, 12, 31), D(2027, 2, 28), 100000, 90000, 72, "Green", "Grow revenue"],
            # B: no budget and no percent: percent from its tasks
            ["B", "Beta", "Ops", D(2026, 7, 1), D(2026, 12, 31), D(2026, 12, 31), None, None, None, "Amber", None],
            # C: no baseline → grey
            ["C", "Gamma", "Ops", None, None, None, 50000, None, 10, "Red", None],
        ],
        "tasks": [
            TASK_HEADERS,
            ["B", "T1", "Design", False, "Done", D(2026, 7, 1), D(2026, 8, 31), D(2026, 8, 31), 100, 100],
            ["B", "T2", "Build", False, "In Progress", D(2026, 9, 1), D(2026, 10, 15), D(2026, 11, 10), 100, 50],
            ["B", "T3", "Test", False, "In Progress", D(2026, 10, 1), D(2026, 10, 20), D(2026, 10, 25), 50, 20],
            ["B", "T4", "Deploy", False, "To Do", D(2026, 11, 1), D(2026, 12, 15), D(2026, 12, 15), 150, 0],
            ["B", "M1", "Go-live", True, "In Progress", None, D(2026, 10, 10), D(2026, 10, 10), None, None],
        ],
        "risks": [
            RISK_HEADERS,
            ["C", "R1", "risk", "Vendor insolvency", 5, 4, 100000, "open", D(2026, 10, 5), None],
            ["A", "R2", "risk", "Scope creep", 2, 3, 10000, "open", D(2026, 8, 1), None],
            ["A", "R3", "issue", "Key tester left", 3, 3, None, "open", D(2026, 7, 15), D(2026, 10, 1)],
            ["B", "R4", "risk", "Data quality", 2, 3, None, "open", D(2026, 10, 2), None],
            # raised and closed within October: not "new", not open
            ["B", "R5", "risk", "Licence lapse", 2, 2, None, "closed", D(2026, 10, 3), None],
        ],
        "resources": [["resource_name", "team", "role", "capacity_hours_per_month"],
                      ["Kim", "Dev", "Developer", 140], ["Lee", "Dev", "Tester", None]],
        "allocations": [
            ["resource_name", "project_id", "month", "planned_hours"],
            ["Kim", "A", D(2026, 10, 1), 70], ["Kim", "A", D(2026, 11, 1), 100], ["Kim", "B", D(2026, 11, 1), 60],
            ["Kim", "A", D(2026, 12, 1), 180], ["Lee", "B", D(2026, 11, 1), 100],
        ],
    })


@pytest.fixture
def kpi_store(store, tmp_path):
    import_file(store, september(tmp_path / "sep.xlsx"), "2026-09")
    import_file(store, october(tmp_path / "oct.xlsx"), "2026-10")
    return store


def rows(frame: pd.DataFrame) -> list[list]:
    """Rows as lists, with every kind of missing value as None."""
    return frame.astype(object).where(frame.notna(), None).values.tolist()


def health_row(store, project_id, period="2026-10-01"):
    return store.query("select * from kpi_project_health where project_id = $p and period = $d",
                       {"p": project_id, "d": period}).iloc[0]


def test_earned_value_of_a_register_project(kpi_store):
    a = health_row(kpi_store, "A")
    assert a.status_date.date() == D(2026, 10, 31)
    assert a.planned_percent_source == "linear over baseline"
    assert a.pv == pytest.approx(100000 * 303 / 364)
    assert (a.bac, a.ev, a.ac) == (100000, 72000, 90000)
    assert a.spi == pytest.approx(0.865, abs=1e-4)
    assert a.cpi == pytest.approx(0.8)
    assert (a.eac, a.eac_method, a.vac, a.etc) == (pytest.approx(125000), "BAC / CPI", pytest.approx(-25000), pytest.approx(35000))
    assert a.tcpi == pytest.approx(2.8)
    assert a.cost_overrun_pct == pytest.approx(25.0)
    assert (a.finish_variance_days, a.finish_variance_pct) == (59, pytest.approx(59 / 364 * 100))


def test_health_is_worst_of_rules_with_every_reason(kpi_store):
    a = health_row(kpi_store, "A")
    assert a.health == "red"
    assert list(a.health_reasons) == [
        "cost overrun 25% of budget by BAC / CPI (≥ 20%)",
        "CPI 0.80 < 0.85",
        "finish slips 16% of baseline duration (≥ 10%)",
        "SPI 0.86 < 0.95",
    ]
    assert (a.reported_health, a.watermelon) == ("green", True)
    assert (a.previous_health, a.health_change) == ("amber", "worse")
    assert a.spi_delta == pytest.approx(0.865 - 0.9368, abs=2e-4)
    september_a = health_row(kpi_store, "A", "2026-09-01")
    assert (september_a.health, list(september_a.health_reasons)) == ("amber", ["SPI 0.94 < 0.95"])


def test_progress_schedule_and_milestones_from_tasks(kpi_store):
    b = health_row(kpi_store, "B")
    # by work: (100×100% + 100×50% + 50×20% + 150×0%) / 400 h = 40 %; the milestone has no hours
    assert (b.percent_complete, b.percent_complete_source) == (pytest.approx(40.0), "tasks by work")
    # time-phased plan: T1, T2, T3 due by 31 Oct (250 h), T4 not started: 250/400
    assert (b.planned_percent, b.planned_percent_source) == (pytest.approx(62.5), "tasks (time-phased baselines)")
    # the tasks carry B's whole plan (1 Jul – 15 Dec against 1 Jul – 31 Dec: 16 days, within 10 % of 183)
    assert b.evm_basis == "tasks"
    assert pd.isna(b.spi) and pd.isna(b.eac)  # no budget, no earned value
    assert (b.tasks_total, b.tasks_done, b.tasks_overdue) == (5, 1, 2)  # T3 and M1 overdue
    assert b.bei == pytest.approx(0.25)  # 1 done / 4 baselined to finish by 31 Oct (T1, T2, T3, M1)
    assert (b.milestones_total, b.milestones_overdue, b.max_milestone_overdue_days) == (1, 1, 21)
    assert (b.health, list(b.health_reasons)) == ("red", ["milestone 'Go-live' 21 days overdue (> 14)", "BEI 0.25 < 0.95"])
    assert (b.watermelon, b.health_change) == (True, "new")


def test_no_baseline_is_grey_and_never_a_watermelon(kpi_store):
    c = health_row(kpi_store, "C")
    assert (c.health, list(c.health_reasons), c.watermelon) == ("grey", ["no baseline: health not assessed"], False)
    assert (c.open_risks, c.open_critical_risks, c.max_open_risk_score) == (1, 1, 20)


def test_risk_matrix_bands_exposure_and_aging(kpi_store):
    risks = kpi_store.query("select * from kpi_risks where period = '2026-10-01' order by risk_id").set_index("risk_id")
    assert risks["band"].to_dict() == {"R1": "Critical", "R2": "Medium", "R3": "Medium", "R4": "Medium", "R5": "Low"}
    assert risks.loc["R1", "exposure"] == pytest.approx(0.85 * 100000)
    assert risks.loc["R2", "exposure"] == pytest.approx(0.2 * 10000)
    assert (risks.loc["R3", "age_days"], risks.loc["R3", "aging_bucket"], risks.loc["R3", "response_overdue"]) == (108, ">90", True)
    assert risks["change"].to_dict() == {"R1": "new", "R2": "escalated", "R3": "new", "R4": "new", "R5": "raised and closed"}
    trend = queries.risk_trend(kpi_store, queries.Filters()).set_index(["period", "kind"]).loc[(pd.Timestamp(2026, 10, 1), "risk")]
    assert (trend.open, trend.raised, trend.closed) == (3, 3, 1)  # R1, R4, R5 raised; R5 closed
    matrix = queries.risk_matrix(kpi_store, queries.Filters(period=D(2026, 10, 1)))
    filled = matrix[matrix["risk_count"] > 0].sort_values(["probability", "impact"])
    assert filled[["probability", "impact", "risk_count", "exposure"]].values.tolist() == [
        [2, 3, 2, 2000.0], [5, 4, 1, 85000.0]]  # the issue R3 is not in the matrix; the closed R5 neither
    assert len(matrix) == 25
    only_c = queries.risk_matrix(kpi_store, queries.Filters(period=D(2026, 10, 1), programs=("Ops",)))
    assert only_c.loc[only_c["risk_count"] > 0, ["probability", "impact", "risk_count"]].values.tolist() == [
        [5, 4, 1], [2, 3, 1]]  # program Ops: C's R1 and B's R4


def test_utilisation_of_two_people_in_two_months(kpi_store):
    load = kpi_store.query("select resource_name, month, planned_hours, capacity_hours, utilisation_pct, load_band, "
                           "capacity_source from kpi_resource_load where period = '2026-10-01' order by all")
    # everyone on the roster has every plan month, planned or not: Lee is free in October and December
    assert load.values.tolist() == [
        ["Kim", pd.Timestamp(2026, 10, 1), 70.0, 140.0, 50.0, "under-used", "stated"],
        ["Kim", pd.Timestamp(2026, 11, 1), 160.0, 140.0, 114.3, "over-allocated", "stated"],
        ["Kim", pd.Timestamp(2026, 12, 1), 180.0, 140.0, 128.6, "over-allocated", "stated"],
        # October 2026 has 22 working days, November 21, December 23 (× 8 h)
        ["Lee", pd.Timestamp(2026, 10, 1), 0.0, 176.0, 0.0, "under-used", "working days"],
        ["Lee", pd.Timestamp(2026, 11, 1), 100.0, 168.0, 59.5, "under-used", "working days"],
        ["Lee", pd.Timestamp(2026, 12, 1), 0.0, 184.0, 0.0, "under-used", "working days"],
    ]
    team = queries.capacity_demand(kpi_store, queries.Filters(period=D(2026, 10, 1))).set_index("month")
    assert team.loc[pd.Timestamp(2026, 11, 1), ["capacity_hours", "demand_hours", "utilisation_pct"]].tolist() == [308.0, 260.0, 84.4]
    # October: the roster's capacity (Kim 140 + Lee 176), not only the allocated Kim's 140
    assert team.loc[pd.Timestamp(2026, 10, 1), ["people", "capacity_hours", "demand_hours", "utilisation_pct"]].tolist() == [
        2, 316.0, 70.0, 22.2]
    # a filter narrows whose load is shown: program Digital (project A) is Kim's only
    digital = queries.capacity_demand(kpi_store, queries.Filters(period=D(2026, 10, 1), programs=("Digital",)))
    assert digital[["month", "people", "capacity_hours", "demand_hours"]].values.tolist() == [
        [pd.Timestamp(2026, 10, 1), 1, 140.0, 70.0], [pd.Timestamp(2026, 11, 1), 1, 140.0, 160.0],
        [pd.Timestamp(2026, 12, 1), 1, 140.0, 180.0]]


def test_portfolio_totals_and_alignment(kpi_store):
    cards = queries.portfolio_cards(kpi_store, queries.Filters(period=D(2026, 10, 1)))
    total = cards[cards["is_current"]].iloc[0]
    assert (total.projects, total.green, total.amber, total.red, total.grey, total.watermelons) == (3, 0, 0, 2, 1, 2)
    assert (total.budget, total.actual_cost, total.eac) == (150000, 90000, 125000)
    # the EAC's overrun counts the budgets of the projects that have an EAC: (125,000 − 100,000) / 100,000
    assert total.eac_overrun_pct == pytest.approx(25.0)
    # weighted roll-up: only A has EV, PV and AC: ΣEV/ΣPV = 72,000 / 83,241.76, ΣEV/ΣAC = 72,000 / 90,000
    assert (total.spi, total.cpi) == (pytest.approx(72000 / (100000 * 303 / 364)), pytest.approx(0.8))
    assert (total.open_critical_risks, total.over_allocated_people) == (1, 1)
    assert (total.red_delta, total.over_allocated_people_delta) == (2, 1)  # September: A amber, no one over
    ops = queries.portfolio_cards(kpi_store, queries.Filters(period=D(2026, 10, 1), programs=("Ops",)))
    assert ops[ops["is_current"]].iloc[0].projects == 2
    alignment = queries.strategic_alignment(kpi_store, queries.Filters(period=D(2026, 10, 1)))
    assert alignment[["strategic_objective", "projects", "budget", "budget_share_pct", "planned_hours", "red_budget"]
                     ].values.tolist() == [["Grow revenue", 1, 100000.0, 66.7, 350.0, 100000.0],
                                           ["Unaligned", 2, 50000.0, 33.3, 160.0, 0.0]]  # B red but no budget


CHANGE_COLUMNS = ["project_id", "project_name", "importance", "kind", "change_type", "item_id", "subject", "before",
                  "after", "reason", "description", "items"]


def test_what_changed_since_last_month(kpi_store):
    changes = queries.changes(kpi_store, queries.Filters(period=D(2026, 10, 1)))
    assert list(changes.columns) == CHANGE_COLUMNS
    a_reasons = ("cost overrun 25% of budget by BAC / CPI (≥ 20%); CPI 0.80 < 0.85; "
                 "finish slips 16% of baseline duration (≥ 10%); SPI 0.86 < 0.95")
    b_reasons = "milestone 'Go-live' 21 days overdue (> 14); BEI 0.25 < 0.95"
    # grouped by project, the group with the most important line first (A: health worse 1, B: new
    # watermelon 2, C: a Critical risk raised 3), each group by importance; people last
    assert rows(changes) == [
        # A: amber (SPI 0.94) → red; reported green both months, a watermelon both months: not "new"
        ["A", "Alpha", 1, "health", "health worse", None, "Alpha", "amber, reported green", "red, reported green",
         a_reasons, "health amber → red: " + a_reasons, 1],
        # R3 raised 15 Jul but first loaded in October: new; 3 × 3 = 9, Medium (importance 10)
        ["A", "Alpha", 10, "risks", "issue new", "R3", "Key tester left", None, "open", "score 9 (Medium)",
         "1 issue new: R3 Key tester left (score 9, Medium)", 1],
        # R2 1 × 3 = 3 in September, 2 × 3 = 6 in October
        ["A", "Alpha", 10, "risks", "risk escalated", "R2", "Scope creep", "score 3", "score 6", "score 6 (Medium)",
         "1 risk escalated: R2 Scope creep (score 3 → 6, Medium)", 1],
        # B is new in October: no before, but being a watermelon (reported amber, computed red) is news
        ["B", "Beta", 2, "health", "new watermelon", None, "Beta", None, "red, reported amber", b_reasons,
         "now a watermelon (reported amber): " + b_reasons, 1],
        ["B", "Beta", 10, "risks", "risk new", "R4", "Data quality", None, "open", "score 6 (Medium)",
         "1 risk new: R4 Data quality (score 6, Medium)", 1],
        ["B", "Beta", 11, "risks", "risk closed", "R5", "Licence lapse", None, "closed", "score 4 (Low)",
         "1 risk closed: R5 Licence lapse (raised and closed this month, score 4, Low)", 1],
        # C: 5 × 4 = 20, Critical (importance 3); C itself is grey and new: no health line
        ["C", "Gamma", 3, "risks", "risk new", "R1", "Vendor insolvency", None, "open", "score 20 (Critical)",
         "1 risk new: R1 Vendor insolvency (score 20, Critical)", 1],
        # Kim: September's plan had 100 h in November of 140 h (71 %); October's 160 h (114 %) and
        # 180 h in December (129 %, the peak)
        [None, None, 12, "people", "newly over-allocated", "Kim", "Kim", "peak 71%", "peak 129%",
         "over capacity from Nov 2026", "over capacity from Nov 2026 (peak 129% of capacity in Dec 2026)", 1],
    ]
    ops = queries.changes(kpi_store, queries.Filters(period=D(2026, 10, 1), programs=("Ops",)))
    # program Ops (B, C): Kim works on B, so the people group stays
    assert ops["project_id"].fillna("people").tolist() == ["B", "B", "B", "C", "people"]


def minutes_file(path, reported, percent, actual_cost, design_forecast, go_live_forecast, risks):
    """One register project P (baseline 1 Jan – 31 Dec 2026, budget 100,000) with two milestones."""
    return write_xlsx(path, {
        "projects": [PROJECT_HEADERS, ["P", "Pilot", "Digital", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31),
                                       100000, actual_cost, percent, reported, None]],
        "tasks": [TASK_HEADERS,
                  ["P", "M1", "Design sign-off", True, "Not Started", None, D(2026, 11, 30), design_forecast, None, None],
                  ["P", "M2", "Go-live", True, "Not Started", None, D(2026, 12, 31), go_live_forecast, None, None]],
        "risks": [RISK_HEADERS, *risks],
    })


def test_one_projects_changes_are_one_line_per_kind(store, tmp_path):
    """Project P from its canonical rows, by hand:
    September: PV = 100,000 × 272/364 = 74,725.27, EV = 70,000 → SPI 0.937: amber; reported green:
      a watermelon.
    October: PV = 100,000 × 303/364 = 83,241.76, EV = 79,000 → SPI 0.949: amber (printed with three
      digits, 0.95 < 0.95 being false); reported amber: no longer a watermelon. M1 moved 30 Nov → 12 Dec
      (+12 d), M2 31 Dec → 3 Jan (+3 d). Two risks raised: R7 4 × 4 = 16 High, R8 2 × 2 = 4 Low."""
    import_file(store, minutes_file(tmp_path / "sep.xlsx", "Green", 70, 65000, D(2026, 11, 30), D(2026, 12, 31), []),
                "2026-09")
    import_file(store, minutes_file(tmp_path / "oct.xlsx", "Amber", 79, 75000, D(2026, 12, 12), D(2027, 1, 3), [
        ["P", "R8", "risk", "Key person leaves", 2, 2, None, "open", D(2026, 10, 5), None],
        ["P", "R7", "risk", "Vendor lock-in", 4, 4, None, "open", D(2026, 10, 9), None],
    ]), "2026-10")
    changes = queries.changes(store, queries.Filters(period=D(2026, 10, 1)))
    assert rows(changes) == [
        # both new risks on one line, the higher score first; the line is as important as its High risk
        ["P", "Pilot", 3, "risks", "risk new", "R7, R8", "2 risks", None, "open, open", "score 16 (High), score 4 (Low)",
         "2 risks new: R7 Vendor lock-in (score 16, High); R8 Key person leaves (score 4, Low)", 2],
        # the reported change and the watermelon it resolved: one health line
        ["P", "Pilot", 4, "health", "reported health changed", None, "Pilot", "amber, reported green",
         "amber, reported amber", "SPI 0.949 < 0.95", "reported green → amber, no longer a watermelon: SPI 0.949 < 0.95", 1],
        # both moves on one line, the bigger first
        ["P", "Pilot", 6, "milestones", "milestone moved", "M1, M2", "2 milestones", "30 Nov 2026, 31 Dec 2026",
         "12 Dec 2026, 03 Jan 2027", "+12 d, +3 d", "2 milestones moved: Design sign-off +12 d, Go-live +3 d", 2],
    ]
    assert check_constraints(store) == []


def test_milestone_trend_across_periods(store, tmp_path):
    def milestone_file(name, forecast):
        return write_xlsx(tmp_path / name, {"tasks": [
            TASK_HEADERS, ["P", "M1", "Go-live", True, "Not Started", None, D(2027, 1, 31), forecast, None, None]]})

    import_file(store, milestone_file("sep.xlsx", D(2027, 1, 31)), "2026-09")
    import_file(store, milestone_file("oct.xlsx", D(2027, 2, 21)), "2026-10")
    trend = queries.milestone_trend(store, "P", D(2026, 10, 1))
    assert rows(trend[["forecast_finish", "slip_days", "moved_days"]]) == [
        [pd.Timestamp(2027, 1, 31), 0, None], [pd.Timestamp(2027, 2, 21), 21, 21]]
    change = store.query("select item_id, before, after, reason, description from kpi_changes where kind = 'milestones'")
    assert rows(change) == [["M1", "31 Jan 2027", "21 Feb 2027", "+21 d", "1 milestone moved: Go-live +21 d"]]


def test_filters_are_bound_parameters(kpi_store):
    ops = queries.Filters(period=D(2026, 10, 1), programs=("Ops",))
    assert queries.project_health(kpi_store, ops)["project_id"].tolist() == ["B", "C"]
    hostile = queries.Filters(period=D(2026, 10, 1), programs=("Ops') or 1=1 --",))
    assert queries.project_health(kpi_store, hostile).empty
    cards = queries.portfolio_cards(kpi_store, ops)
    assert cards[["is_current", "projects", "red", "grey"]].values.tolist() == [[True, 2, 1, 1]]


def test_marts_hold_their_constraints_on_the_fixture(kpi_store):
    assert check_constraints(kpi_store) == []


def test_marts_hold_their_constraints_on_the_demo(demo_copy):
    assert check_constraints(open_store(demo_copy)) == []


def test_constraint_checks_can_fail(kpi_store):
    with kpi_store.transaction() as cur:
        cur.execute("insert into kpi_risks (period, project_id, risk_id, kind, status) "
                    "values ('2026-10-01', 'A', 'R2', 'threat', 'open')")
    assert check_constraints(kpi_store) == [
        "kpi_risks: 1 duplicate keys (\"period\", \"project_id\", \"risk_id\")",
        "kpi_risks.kind: unexpected values ['threat']",
    ]


def one_project(store, path, percent_complete, period="2026-10"):
    """One register project, baseline 1 Jan – 31 Dec 2026 (364 days), budget 100,000: on 31 Oct
    its PV is 100,000 × 303/364 = 83,241.76."""
    write_xlsx(path, {"projects": [PROJECT_HEADERS, ["Z", "Zeta", "Ops", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31),
                                                    100000, 1000, percent_complete, "Green", None]]})
    import_file(store, path, period)
    return health_row(store, "Z")


def test_a_reason_prints_enough_digits_to_be_true(store, tmp_path):
    # EV 70,420 / PV 83,241.76 = 0.8460: below 0.85, which two decimals would print as "0.85 < 0.85"
    z = one_project(store, tmp_path / "z.xlsx", 70.42)
    assert z.spi == pytest.approx(0.8460, abs=1e-4)
    assert "SPI 0.846 < 0.85" in list(z.health_reasons)



# -- one basis for earned value; baselines; not started; no update; independent EAC (#13) -----------
# Every project below: baseline 1 Jan – 31 Dec 2026 (364 days), budget 100,000. Status dates
# 30 Sep and 31 Oct 2026 (and 30 Nov 2026 for the month with no update).

def register_row(project_id, percent, actual_cost, forecast_cost=None, baseline_start=D(2026, 1, 1)):
    return [project_id, project_id.title(), "Ops", baseline_start, D(2026, 12, 31), D(2026, 12, 31), 100000, actual_cost,
            percent, "Green", None, forecast_cost]


EVM_PROJECT_HEADERS = PROJECT_HEADERS + ["forecast_cost"]
EVM_TASK_HEADERS = ["project_id", "task_id", "name", "status", "start_date", "baseline_finish", "finish_date",
                    "estimate_hours", "percent_complete"]


def evm_month(path, projects, tasks):
    return write_xlsx(path, {"projects": [EVM_PROJECT_HEADERS, *projects], "tasks": [EVM_TASK_HEADERS, *tasks]})


@pytest.fixture
def evm_store(store, tmp_path):
    """S: two tasks carry its whole plan; T2 slips two months in October with no progress and no
    baseline start in the file. P: on plan by the register, its one task covers only part of it.
    N: not started. F: reports a forecast equal to its budget while spending 1.25 per unit earned."""
    september = evm_month(tmp_path / "sep.xlsx", [
        register_row("S", 50, 40000), register_row("P", 74.7253, 60000),
        register_row("N", 0, 0, baseline_start=D(2026, 12, 1)), register_row("F", 60, 75000, forecast_cost=100000)], [
        ["S", "T1", "Design", "Done", D(2026, 1, 1), D(2026, 6, 30), D(2026, 6, 30), 100, 100],
        ["S", "T2", "Build", "To Do", D(2026, 7, 1), D(2026, 12, 31), D(2026, 12, 31), 100, 0],
        ["P", "W1", "Work package 1", "In Progress", D(2026, 1, 1), D(2026, 4, 30), D(2026, 4, 30), 100, 90],
    ])
    october = evm_month(tmp_path / "oct.xlsx", [
        register_row("S", 50, 45000), register_row("P", 83.2418, 80000),
        register_row("N", 0, 0, baseline_start=D(2026, 12, 1)), register_row("F", 72, 90000, forecast_cost=100000)], [
        ["S", "T1", "Design", "Done", D(2026, 1, 1), D(2026, 6, 30), D(2026, 6, 30), 100, 100],
        ["S", "T2", "Build", "To Do", D(2026, 9, 1), D(2026, 12, 31), D(2027, 2, 28), 100, 0],
        ["P", "W1", "Work package 1", "Done", D(2026, 1, 1), D(2026, 4, 30), D(2026, 4, 30), 100, 100],
    ])
    import_file(store, september, "2026-09")
    import_file(store, october, "2026-10")
    return store


def test_planned_value_comes_from_the_baseline_not_the_current_start(evm_store):
    s = health_row(evm_store, "S")
    # T2 has no baseline start: the start it had when first loaded (1 Jul) holds, not the slipped 1 Sep.
    # By 31 Oct: T1 100 % planned, T2 122/183 of its baseline → PV % = (100 + 100 × 122/183) / 200 = 83.33
    # (with the slipped start it would be (100 + 100 × 60/121) / 200 = 74.79, and SPI would improve)
    assert (s.evm_basis, s.planned_percent_source) == ("tasks", "tasks (time-phased baselines)")
    assert s.planned_percent == pytest.approx((100 + 100 * 122 / 183) / 2)
    assert s.percent_complete == pytest.approx(50.0)  # by work: 100 h done of 200 h
    assert s.spi == pytest.approx(50 / ((100 + 100 * 122 / 183) / 2), abs=1e-4)
    assert "2 task(s) have no baseline start: the start of their first month loaded is used" in list(s.data_quality)


def test_a_partial_task_list_does_not_drive_planned_value(evm_store):
    p = health_row(evm_store, "P")
    # the one work package spans 1 Jan – 30 Apr, not the baseline to 31 Dec: EV and PV both from the
    # register: EV 83,241.80 (83.2418 %) against PV 100,000 × 303/364 = 83,241.76 → SPI 1.00, not 0.83
    assert (p.evm_basis, p.percent_complete_source, p.planned_percent_source) == ("register", "register", "linear over baseline")
    assert p.spi == pytest.approx(1.0, abs=1e-4)
    assert p.health == "green" and not p.watermelon
    # the register (83 %) and the tasks (100 %) disagree by more than 10 points: flagged, and the partial cover said
    assert list(p.data_quality) == [
        "register 83 %, tasks 100 %",
        "tasks cover 01 Jan 2026 to 30 Apr 2026, not the whole baseline (01 Jan 2026 to 31 Dec 2026): EV and PV from the register"]


def test_a_project_not_started_is_grey_and_counted_so(evm_store):
    n = health_row(evm_store, "N")
    assert (n.health, list(n.health_reasons), n.not_started) == ("grey", ["not assessed: not started"], True)
    cards = queries.portfolio_cards(evm_store, queries.Filters(period=D(2026, 10, 1)))
    now = cards[cards["is_current"]].iloc[0]
    assert (now.projects, now.grey) == (4, 1)


def test_cost_overrun_judges_the_worse_of_the_reported_and_the_independent_eac(evm_store):
    f = health_row(evm_store, "F")
    # EV 72,000, AC 90,000 → CPI 0.80; PV 83,241.76 → SPI 0.8650. Reported EAC 100,000 (on budget);
    # independent BAC / CPI = 125,000; AC + (BAC − EV) / (CPI × SPI) = 90,000 + 28,000 / 0.6920 = 130,462
    assert (f.eac, f.eac_method) == (pytest.approx(100000), "reported forecast")
    assert f.eac_independent == pytest.approx(125000)
    assert f.eac_cpi_spi == pytest.approx(90000 + 28000 / (0.8 * 72000 / (100000 * 303 / 364)), rel=1e-6)
    assert (f.cost_overrun_pct, f.overrun_eac_method) == (pytest.approx(25.0), "BAC / CPI")
    assert "cost overrun 25% of budget by BAC / CPI (≥ 20%)" in list(f.health_reasons)


def test_a_month_with_no_update_keeps_the_last_assessed_health_dated(evm_store, tmp_path):
    # November: F sends October's figures again; S is absent from the imports
    november = evm_month(tmp_path / "nov.xlsx", [
        register_row("P", 91.5, 90000), register_row("N", 0, 0, baseline_start=D(2026, 12, 1)),
        register_row("F", 72, 90000, forecast_cost=100000)], [])
    import_file(evm_store, november, "2026-11")
    f, s = health_row(evm_store, "F", "2026-11-01"), health_row(evm_store, "S", "2026-11-01")
    october_f = health_row(evm_store, "F")
    assert (f.no_update, f.health, f.health_assessed_for.date()) == (True, october_f.health, D(2026, 10, 1))
    assert f.health_reasons[0] == "no update this month (progress and actuals unchanged): health as assessed for October 2026"
    assert list(f.health_reasons[1:]) == list(october_f.health_reasons)
    assert (s.no_update, s.health) == (True, health_row(evm_store, "S").health)
    assert s.health_reasons[0] == "no update this month (absent from its imports): health as assessed for October 2026"
    p = health_row(evm_store, "P", "2026-11-01")
    assert not p.no_update and p.health_assessed_for is None or pd.isna(p.health_assessed_for)


def test_the_demo_sent_again_next_month_is_no_update_not_red(demo_copy):
    """October's files imported again as November (nobody updated anything): before, 15 projects
    turned worse and red went from 9 to 19 as PV grew against the same EV. Now each is flagged
    no update, keeps October's health, and only the project not started is assessed afresh."""
    from tests.conftest import SAMPLE_DATA

    store = open_store(demo_copy)
    for path in sorted((SAMPLE_DATA / "2026-10").iterdir()):
        import_file(store, path, "2026-11")
    november = store.query("select project_id, health, no_update, health_change, health_assessed_for "
                           "from kpi_project_health where period = '2026-11-01'")
    assert (november["health_change"] == "worse").sum() == 0
    assert sorted(november.loc[~november["no_update"], "project_id"]) == ["PRJ-025"]
    assert (november["health"] == "red").sum() == 9
    assert set(november.loc[november["no_update"], "health_assessed_for"]) == {pd.Timestamp(2026, 10, 1)}
    cards = queries.portfolio_cards(store, queries.Filters(period=D(2026, 11, 1)))
    assert cards[cards["is_current"]].iloc[0].no_update == 24


def test_capacity_is_the_whole_roster_in_the_demo(demo_copy):
    """October's plan, June 2027: before, 3,740 h of the 28 people with an allocation that month
    (72.7 %); the roster is 40 people, 36 at 140 h and 4 at 80 h = 5,360 h, against 2,720 h planned."""
    june = queries.capacity_demand(open_store(demo_copy), queries.Filters(period=D(2026, 10, 1)))
    june = june[june["month"] == pd.Timestamp(2027, 6, 1)]
    assert (june["people"].sum(), june["capacity_hours"].sum(), june["demand_hours"].sum()) == (40, 5360.0, 2720.0)
    assert round(100 * june["demand_hours"].sum() / june["capacity_hours"].sum(), 1) == 50.7


def test_top_risks_bands_and_people_come_from_named_queries(kpi_store):
    october = queries.Filters(period=D(2026, 10, 1))
    # open risks (not issues) by exposure: R1 0.85 × 100,000; R2 0.2 × 10,000; R4 has no cost impact
    assert queries.top_risks(kpi_store, october)["risk_id"].tolist() == ["R1", "R2", "R4"]
    assert queries.top_risks(kpi_store, october, count=1)["risk_id"].tolist() == ["R1"]
    bands = queries.open_risks_by_band(kpi_store, october)
    assert bands.values.tolist() == [["Critical", 1], ["High", 0], ["Medium", 2], ["Low", 0]]  # R5 is closed
    # Kim on A from October: 70 + 100 + 180 h; peak load over all projects 180/140 in December
    people = queries.project_people_summary(kpi_store, D(2026, 10, 1), "A")
    assert people.values.tolist() == [["Kim", "Developer", 350.0, 128.6]]


def test_the_import_report_says_when_task_baselines_have_no_start(store, tmp_path):
    result = import_file(store, evm_month(tmp_path / "t.xlsx", [register_row("S", 50, 40000)], [
        ["S", "T1", "Design", "Done", D(2026, 1, 1), D(2026, 6, 30), D(2026, 6, 30), 100, 100]]), "2026-10")
    assert any(n.startswith("tasks: the file gives no baseline start") for n in result.report["notes"])


def test_a_month_s_trends_end_at_that_month(kpi_store):
    # issue 25, defect 10: a September deck showed October in its trend charts
    september = queries.Filters(period=D(2026, 9, 1))
    assert {p.date() for p in queries.health_trend(kpi_store, september)["period"]} == {D(2026, 9, 1)}
    assert {p.date() for p in queries.risk_trend(kpi_store, september)["period"]} == {D(2026, 9, 1)}
    assert [p.date() for p in queries.project_history(kpi_store, "A", D(2026, 9, 1))["period"]] == [D(2026, 9, 1)]
    october = queries.Filters(period=D(2026, 10, 1))
    assert {p.date() for p in queries.health_trend(kpi_store, october)["period"]} == {D(2026, 9, 1), D(2026, 10, 1)}


def test_the_first_month_s_raised_and_closed_are_unknown_not_zero(kpi_store):
    # issue 25, defect 11: September is the first month loaded; nothing came before it to compare with
    trend = queries.risk_trend(kpi_store, queries.Filters(period=D(2026, 10, 1))).set_index(["period", "kind"])
    september = trend.loc[(pd.Timestamp(2026, 9, 1), "risk")]
    assert (int(september.open), pd.isna(september.raised), pd.isna(september.closed)) == (1, True, True)
    from pmo_data import charts
    spec = charts.risk_trend(trend.reset_index())
    raised = next(s for s in spec.series if s.name == "risks raised")
    assert raised.hover[0] == "Sep 2026: no earlier month loaded" and raised.hover[1] == "Oct 2026: 3 risks raised"


def test_rag_by_program_counts_a_stale_project_with_one_month_s_values(evm_store, tmp_path):
    # issue 25, defect 11: F sends October's figures again in November. Its health shown is October's;
    # November's own figures (PV 100,000 × 333/364 = 91,483.52 against EV 72,000: SPI 0.79) would put
    # its schedule at red while the health shown says October's amber (SPI 0.865 < 0.95).
    november = evm_month(tmp_path / "nov.xlsx", [
        register_row("P", 91.5, 90000), register_row("N", 0, 0, baseline_start=D(2026, 12, 1)),
        register_row("F", 72, 90000, forecast_cost=100000)], [])
    import_file(evm_store, november, "2026-11")
    f_october = health_row(evm_store, "F")
    assert f_october.schedule_health == "amber" and health_row(evm_store, "F", "2026-11-01").schedule_health == "red"
    rag = queries.program_rag(evm_store, queries.Filters(period=D(2026, 11, 1))).set_index("program").loc["Ops"]
    # S (absent) and F (unchanged) count with October's levels, P and N with November's
    october_levels = [health_row(evm_store, p).schedule_health for p in ("S", "F")]
    november_levels = [health_row(evm_store, p, "2026-11-01").schedule_health for p in ("P", "N")]
    levels = october_levels + november_levels
    assert (int(rag.schedule_red), int(rag.schedule_amber)) == (levels.count("red"), levels.count("amber"))
