"""The monthly review loop (issue 16): status commentary, the chase list, what is coming, gates,
the RAID log's actions, decisions and dependencies carried month to month, the cost curve and the
PMO's health overrides. Every value below is worked out by hand from the canonical rows written
here (status dates: 30 Sep and 31 Oct 2026, the months' last days)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pmo_data import queries
from pmo_data.importer import import_file
from pmo_data.marts import check_constraints
from tests.files import write_xlsx

D = dt.date
SEP, OCT = D(2026, 9, 1), D(2026, 10, 1)
PROJECTS = ["project_id", "project_name", "manager", "sponsor", "baseline_start", "baseline_finish", "budget",
            "actual_cost", "percent_complete", "reported_health"]
LOG = ["project_id", "risk_id", "kind", "title", "owner", "status", "raised_date", "due_date", "depends_on_project"]
STATUS = ["project_id", "summary", "achievements", "next_steps", "sponsor_asks", "reported_by", "report_date"]
STEPS = ["project_id", "action", "owner", "target_date"]
GATES = ["project_id", "gate", "phase", "planned_date", "forecast_date", "status"]
TASKS = ["project_id", "task_id", "name", "is_milestone", "status", "baseline_finish", "finish_date"]


def month(path, projects, log, status, steps=(), gates=(), tasks=()):
    sheets = {"projects": [PROJECTS, *projects], "risks": [LOG, *log], "status_reports": [STATUS, *status]}
    for name, header, rows in (("path_to_green", STEPS, steps), ("gates", GATES, gates), ("tasks", TASKS, tasks)):
        if rows:
            sheets[name] = [header, *rows]
    return write_xlsx(path, sheets)


def alpha(percent, actual_cost, health):
    # baseline 1 Jan – 31 Dec 2026 (364 days), budget 100,000: PV = 100,000 × days elapsed / 364
    return ["A", "Alpha", "Ann", "Sam", D(2026, 1, 1), D(2026, 12, 31), 100000, actual_cost, percent, health]


@pytest.fixture
def review(store, tmp_path):
    return load_review_months(store, tmp_path)


def load_review_months(store, tmp_path):
    """A reports every month; B sends no report in October; C is absent from October's imports.
    Actions: X (A, raised at the September review, due 10 Oct) is left out of October's log; Y (B,
    due 5 Nov) is open; Z (A, due 2 Oct) is done in October. Decision P (B) is pending since
    September, needed by 20 Oct. Dependencies: B on Alpha (by name), A on a vendor outside the portfolio."""
    import_file(store, month(tmp_path / "sep.xlsx", [
        alpha(70, 65000, "Green"),
        ["B", "Beta", "Bob", "Sue", D(2026, 1, 1), D(2026, 12, 31), 50000, 30000, 60, "Green"],
        ["C", "Gamma", "Cid", "Sue", D(2026, 1, 1), D(2026, 12, 31), 20000, 10000, 50, "Amber"],
    ], [
        ["A", "X", "action", "Send the vendor the test plan", "Ann", "Open", D(2026, 9, 24), D(2026, 10, 10), None],
        ["A", "Z", "action", "Book the UAT room", "Ann", "Open", D(2026, 9, 24), D(2026, 10, 2), None],
        ["B", "Y", "action", "Hire a tester", "Bob", "Open", D(2026, 9, 24), D(2026, 11, 5), None],
        ["B", "P", "decision", "Choose the hosting option", "Sue", "Pending", D(2026, 9, 24), D(2026, 10, 20), None],
    ], [
        ["A", "On plan.", "Design done.", "Build.", None, "Ann", D(2026, 9, 28)],
        ["B", "On plan.", None, None, None, "Bob", D(2026, 9, 28)],
        ["C", "Late.", None, None, None, "Cid", D(2026, 9, 28)],
    ]), "2026-09")
    import_file(store, month(tmp_path / "oct.xlsx", [
        alpha(72, 90000, "Green"),
        ["B", "Beta", "Bob", "Sue", D(2026, 1, 1), D(2026, 12, 31), 50000, 36000, 70, "Green"],
    ], [
        ["A", "Z", "action", "Book the UAT room", "Ann", "Done", D(2026, 9, 24), D(2026, 10, 2), None],
        ["B", "Y", "action", "Hire a tester", "Bob", "Open", D(2026, 9, 24), D(2026, 11, 5), None],
        ["B", "P", "decision", "Choose the hosting option", "Sue", "Pending", D(2026, 9, 24), D(2026, 10, 20), None],
        ["B", "DEP1", "dependency", "Alpha's API in test", "Bob", "Open", D(2026, 9, 1), D(2026, 10, 15), "alpha"],
        ["A", "DEP2", "dependency", "Vendor licence renewed", "Ann", "Open", D(2026, 9, 1), D(2026, 12, 1), "Vendor"],
    ], [
        ["A", "Over budget: the vendor's rework costs more.", "UAT started.", "Go-live prep.",
         "Approve 20k contingency.", "Ann", D(2026, 10, 27)],
    ], steps=[
        ["A", "Vendor rework signed off", "Ann", D(2026, 11, 20)],
        ["A", "Contingency approved", "Sam", D(2026, 11, 10)],
    ], gates=[
        ["A", "G3", "Build", D(2026, 10, 15), None, "Scheduled"],      # not held, date passed: overdue
        ["A", "G4", "Go-live", D(2026, 11, 20), D(2026, 11, 27), "Planned"],  # due in 27 days, slipped 7
        ["A", "G2", "Design", D(2026, 6, 1), D(2026, 6, 3), "Approved"],  # passed
        ["B", "G4", "Go-live", D(2027, 1, 15), None, "Planned"],         # later
    ], tasks=[
        ["A", "M1", "UAT complete", True, "In Progress", D(2026, 11, 10), D(2026, 11, 15)],  # in 15 days
        ["A", "M2", "Go-live", True, "Not Started", D(2026, 12, 1), D(2026, 12, 15)],          # in 45 days
        ["A", "M0", "Design", True, "Done", D(2026, 6, 1), D(2026, 6, 1)],                     # done: never due
    ]), "2026-10")
    return store


def rows(frame: pd.DataFrame) -> list[list]:
    return frame.astype(object).where(frame.notna(), None).values.tolist()


OCTOBER = queries.Filters(period=OCT)


def test_an_action_left_out_of_the_log_stays_open_and_overdue(review):
    overdue = queries.overdue_actions(review, OCTOBER)
    # X: due 10 Oct, open when last listed (September) → carried, 31 Oct − 10 Oct = 21 days overdue;
    # Z was done; Y is due 5 Nov
    assert rows(overdue[["project_id", "action_id", "days_overdue", "first_period", "carried_from", "manager"]]) == [
        ["A", "X", 21, pd.Timestamp(SEP), pd.Timestamp(SEP), "Ann"]]
    assert queries.overdue_actions(review, queries.Filters(period=SEP)).empty  # nothing was due by 30 Sep


def test_what_changed_tells_the_actions_that_became_overdue_this_month(review):
    """X: due 10 Oct, after September's status date (30 Sep, when it was not overdue yet) and before
    October's (31 Oct), still open (carried): overdue since this month, 21 days. Z, due 2 Oct too,
    was done in October; Y is due 5 Nov: neither is a change."""
    changes = queries.changes(review, OCTOBER)
    actions = changes[changes["kind"] == "actions"]
    assert rows(actions[["project_id", "importance", "change_type", "item_id", "subject", "before", "after", "reason",
                         "description", "items"]]) == [
        ["A", 5, "action overdue", "X", "Send the vendor the test plan", "due 10 Oct 2026", "21 d overdue", "Ann",
         "1 action overdue: X Send the vendor the test plan (Ann, due 10 Oct 2026, 21 d overdue)", 1]]
    # the same figure as the overdue list: one definition of overdue (due before the status date, open)
    assert actions["item_id"].tolist() == queries.overdue_actions(review, OCTOBER)["action_id"].tolist()
    september = queries.changes(review, queries.Filters(period=SEP))
    assert "actions" not in set(september["kind"])  # the first month: nothing to compare with
    assert check_constraints(review) == []


def test_decisions_needed_come_from_the_log_and_the_status_reports(review):
    needed = queries.decisions_needed(review, OCTOBER)
    # P needed by 20 Oct, still pending on 31 Oct: overdue; A's report asks for a contingency
    assert rows(needed[["project_id", "source", "item_id", "decision", "needed_by", "overdue", "sponsor"]]) == [
        ["B", "decision log", "P", "Choose the hosting option", pd.Timestamp(2026, 10, 20), True, "Sue"],
        ["A", "status report", None, "Approve 20k contingency.", None, False, "Sam"]]


def test_dependencies_say_who_depends_on_whom(review):
    deps = queries.dependencies(review, OCTOBER)
    # DEP1 names "alpha": project A by its name (any case); due 15 Oct → 16 days overdue on 31 Oct
    assert rows(deps[["project_id", "dependency_id", "depends_on_project_id", "depends_on_project_name",
                      "cross_project", "overdue", "days_overdue"]]) == [
        ["B", "DEP1", "A", "Alpha", True, True, 16],
        ["A", "DEP2", None, None, False, False, None]]
    # filtered to program-less B's manager: B's dependency, and none that points at B
    bob = queries.dependencies(review, queries.Filters(period=OCT, managers=("Bob",)))
    assert bob["dependency_id"].tolist() == ["DEP1"]


def test_the_chase_list_names_each_reason_with_the_pm(review):
    chase = queries.chase_list(review, OCTOBER)
    # B sent no report in October; C is absent from October's imports (carried forward from
    # September, so also no report). A reported green in September and October only: two months,
    # never three, so no "reported health unchanged".
    assert rows(chase[["manager", "project_id", "reason", "detail"]]) == [
        ["Bob", "B", "no status report this month", "last report: September 2026"],
        ["Cid", "C", "absent from this month's imports", "last in the imports of September 2026"],
        ["Cid", "C", "no status report this month", "last report: September 2026"],
    ]


def test_the_chase_list_flags_a_reported_health_that_never_moves(review, tmp_path):
    # November: A sends new figures (75 %, AC 95,000) and a report dated 15 Oct. Reported green in
    # Sep, Oct and Nov; computed: Sep SPI 70 / (272/364 × 100) = 0.937 amber, Oct 72 / 83.24 = 0.865 amber
    # with CPI 72,000 / 90,000 = 0.80 red → red, Nov: 75,000 / 95,000 = 0.789 red → changed over the three months
    import_file(review, month(tmp_path / "nov.xlsx", [alpha(75, 95000, "Green")], [], [
        ["A", "Same.", None, None, None, "Ann", D(2026, 10, 15)]]), "2026-11")
    a = queries.chase_list(review, queries.Filters(period=D(2026, 11, 1), managers=("Ann",)))
    assert rows(a[["reason", "detail"]]) == [
        ["reported health unchanged for 3 months, computed health changed",
         "reported green since September 2026; computed amber → red → red"],
        ["data older than the month", "status report dated 15 Oct 2026"],
    ]


def test_status_commentary_with_its_history_and_path_to_green(review):
    history = queries.status_commentary(review, OCTOBER, "A")
    assert rows(history[["period", "reported", "summary", "sponsor_asks", "origin", "versions"]]) == [
        [pd.Timestamp(OCT), True, "Over budget: the vendor's rework costs more.", "Approve 20k contingency.", "import", 1],
        [pd.Timestamp(SEP), True, "On plan.", None, "import", 1]]
    october = history.iloc[0]
    # the steps by target date
    assert october.path_to_green_text == ("Contingency approved (Sam), by 10 Nov 2026\n"
                                          "Vendor rework signed off (Ann), by 20 Nov 2026")
    assert [s["action"] for s in october.path_to_green] == ["Contingency approved", "Vendor rework signed off"]
    assert october.health == "red"  # CPI 0.80 < 0.85
    b = queries.status_commentary(review, OCTOBER, "B")
    assert b["reported"].tolist() == [False, True]


def test_an_editors_report_sits_beside_the_imported_one_and_the_later_shows(review):
    with review.transaction() as cur:
        cur.execute("insert into status_reports (period, project_id, summary, origin, written_by, written_at) "
                    "values ('2026-10-01', 'A', 'Edited in the meeting.', 'editor', 'pmo', now()::timestamp + interval 1 hour)")
    a = queries.status_commentary(review, OCTOBER, "A").iloc[0]
    assert (a.summary, a.origin, a.written_by, a.versions) == ("Edited in the meeting.", "editor", "pmo", 2)
    # the imported one is kept
    assert review.scalar("select count(*) from status_reports where period = '2026-10-01' and project_id = 'A'") == 2
    with pytest.raises(Exception, match="CHECK"):  # an import row needs its import; an editor's has none
        with review.transaction() as cur:
            cur.execute("insert into status_reports (period, project_id, summary) values ('2026-10-01', 'B', 'x')")


def test_coming_due_lists_milestones_and_gates_in_the_window(review):
    soon = queries.coming_due(review, OCTOBER, days=30)
    # status date 31 Oct: M1 on 15 Nov (15 days, 5 late), gate G4 on 27 Nov (27 days, 7 late);
    # M2 on 15 Dec is 45 days away; G3 (15 Oct) is overdue, not coming
    assert rows(soon[["kind", "item_id", "forecast_date", "days_until", "slip_days"]]) == [
        ["milestone", "M1", pd.Timestamp(2026, 11, 15), 15, 5], ["gate", "G4", pd.Timestamp(2026, 11, 27), 27, 7]]
    assert queries.coming_due(review, OCTOBER, days=60)["item_id"].tolist() == ["M1", "G4", "M2"]


def test_gates_due_overdue_passed_and_slipped(review):
    g = queries.gates(review, OCTOBER).set_index(["project_id", "gate"])
    assert g.loc[("A", "G3"), ["status", "state", "slip_days", "slipped"]].tolist() == ["planned", "overdue", 0, False]
    assert g.loc[("A", "G4"), ["state", "slip_days", "slipped"]].tolist() == ["due", 7, True]
    assert g.loc[("A", "G2"), ["status", "state", "slip_days"]].tolist() == ["passed", "passed", 2]
    assert g.loc[("B", "G4"), "state"] == "later"


def test_cost_curve_of_a_project_and_of_the_portfolio(review):
    a = queries.cost_curve(review, OCTOBER, "A")
    # PV = 100,000 × 272/364 (30 Sep), × 303/364 (31 Oct); EV = 70,000, 72,000; AC = 65,000, 90,000
    assert rows(a[["period", "pv", "ev", "ac"]]) == [
        [pd.Timestamp(SEP), pytest.approx(100000 * 272 / 364), 70000.0, 65000.0],
        [pd.Timestamp(OCT), pytest.approx(100000 * 303 / 364), 72000.0, 90000.0]]
    portfolio = queries.cost_curve(review, OCTOBER)
    # the projects selected in October (A, B and the carried C), in each month: September EV =
    # 70,000 + 50,000 × 60 % + 20,000 × 50 % = 110,000; AC = 65,000 + 30,000 + 10,000
    september = portfolio.iloc[0]
    assert (september.projects, september.ev, september.ac) == (3, 110000.0, 105000.0)
    assert september.spi == pytest.approx(110000 / (170000 * 272 / 364))


def test_a_health_override_holds_for_its_month_and_then_expires(review):
    with review.transaction() as cur:
        cur.execute("insert into health_overrides values ('2026-09-01', 'A', 'green', 'Vendor credit note agreed', 'pmo', "
                    "'2026-09-29 10:00'), ('2026-10-01', 'B', 'red', 'Tester not found', 'pmo', '2026-10-30 09:00'), "
                    "('2026-10-01', 'B', 'amber', 'Tester starts on 2 Nov', 'pmo', '2026-10-30 11:00')")
    o = queries.health_override(review, OCTOBER)
    # B: the later of its two October settings is in force, beside its computed red (EV 35,000 against
    # PV 50,000 × 303/364 = 41,620.88: SPI 0.841 < 0.85); A's September override was not renewed
    assert rows(o[["project_id", "state", "override_health", "justification", "health", "shown_health"]]) == [
        ["B", "in force", "amber", "Tester starts on 2 Nov", "red", "amber"],
        ["A", "expired", "green", "Vendor credit note agreed", "red", "red"]]
    september = queries.health_override(review, queries.Filters(period=SEP))
    assert rows(september[["project_id", "state", "health", "shown_health"]]) == [["A", "in force", "amber", "green"]]
    with pytest.raises(Exception, match="CHECK"):
        with review.transaction() as cur:
            cur.execute("insert into health_overrides values ('2026-10-01', 'A', 'red', ' ', 'pmo', now())")


def test_the_raid_log_lists_every_other_kind_overdue_first(review):
    log = queries.raid_log(review, OCTOBER)
    # status date 31 Oct: X (due 10 Oct, carried from September) 21 days overdue, Y due 5 Nov open,
    # Z done; P needed by 20 Oct: 11 days; DEP1 due 15 Oct: 16 days, DEP2 due 1 Dec open
    assert rows(log[["kind", "item_id", "project_id", "state", "days_overdue", "carried_from"]]) == [
        ["action", "X", "A", "overdue", 21, pd.Timestamp(SEP)],
        ["action", "Y", "B", "open", None, None],
        ["action", "Z", "A", "closed", None, None],
        ["decision", "P", "B", "overdue", 11, None],
        ["dependency", "DEP1", "B", "overdue", 16, None],
        ["dependency", "DEP2", "A", "open", None, None],
    ]
    assert queries.raid_log(review, OCTOBER, "decision")["item_id"].tolist() == ["P"]
    assert queries.raid_log(review, queries.Filters(period=OCT, managers=("Bob",)))["item_id"].tolist() == ["Y", "P", "DEP1"]
    assert queries.dependencies(review, OCTOBER)["state"].tolist() == ["overdue", "open"]  # DEP1, DEP2


def test_an_assumption_left_out_of_the_log_stays_open(store, tmp_path):
    assumption = ["A", "AS1", "assumption", "The vendor keeps its price", "Ann", "Open", D(2026, 8, 1), None, None]
    import_file(store, month(tmp_path / "sep.xlsx", [alpha(70, 65000, "Green")], [assumption], []), "2026-09")
    import_file(store, month(tmp_path / "oct.xlsx", [alpha(72, 90000, "Green")], [], []), "2026-10")
    carried = queries.raid_log(store, OCTOBER, "assumption")
    assert rows(carried[["item_id", "title", "state", "first_period", "carried_from"]]) == [
        ["AS1", "The vendor keeps its price", "open", pd.Timestamp(SEP), pd.Timestamp(SEP)]]


def test_the_log_s_other_kinds_are_no_risks(review):
    assert review.scalar("select count(*) from kpi_risks") == 0  # decisions, actions, dependencies only
    assert check_constraints(review) == []


# -- the template's review sheets and the RAID log's registers ------------------------------------

def test_the_template_s_review_sheets_load(store, tmp_path):
    path = write_xlsx(tmp_path / "pmo.xlsx", {
        "Projects": [["Project ID", "Project Name"], ["P1", "Pilot"], ["P2", "Second"]],
        "Status": [["Project ID", "Summary", "Achievements", "Next Steps", "Decisions / Help Needed", "Reported By",
                    "Report Date"], ["P1", "Late: vendor.", "UAT begun", "Fix", "More budget", "Ann", "28/10/2026"]],
        "Path to Green": [["Project ID", "Action", "Owner", "Target Date"], ["P1", "Re-plan", "Ann", "2026-11-15"]],
        "Decisions": [["Project ID", "Decision ID", "Decision", "Made By", "Date", "Needed By", "Status"],
                      ["P1", "D1", "Go with vendor B", "Sue", "2026-10-02", None, "Approved"]],
        "Actions": [["Project ID", "Action ID", "Action", "Owner", "Date Raised", "Due Date", "Status"],
                    ["P1", "A1", "Send plan", "Ann", "2026-10-02", "2026-10-20", "Open"]],
        "Dependencies": [["Project ID", "Dependency ID", "Dependency", "Depends On (Project ID)", "Owner", "Date Raised",
                          "Due Date", "Status"], ["P2", "DEP1", "Pilot's API", "P1", "Bob", "2026-10-01", "2026-11-01", "Open"]],
        "Gates": [["Project ID", "Gate", "Phase", "Planned Date", "Forecast / Actual Date", "Status"],
                  ["P1", "Gate 3", "Build", "2026-10-01", "2026-10-03", "Go"], ["P1", "Gate 4", "Test", "2026-12-01", None, "Booked"],
                  ["P1", "Gate 5", "Close", "2027-01-01", None, "Maybe"]],
    })
    result = import_file(store, path, "2026-10")
    assert result.source == "pmo_template"
    assert result.rows_loaded == {"projects": 2, "status_reports": 1, "path_to_green": 1, "risks": 3, "gates": 3}
    report = store.query("select summary, achievements, sponsor_asks, reported_by, report_date, origin from status_reports")
    assert rows(report) == [["Late: vendor.", "UAT begun", "More budget", "Ann", pd.Timestamp(2026, 10, 28), "import"]]
    log = store.query("select risk_id, kind, owner, status, due_date, depends_on_project from risks order by risk_id")
    assert rows(log) == [["A1", "action", "Ann", "open", pd.Timestamp(2026, 10, 20), None],
                         ["D1", "decision", "Sue", "closed", None, None],
                         ["DEP1", "dependency", "Bob", "open", pd.Timestamp(2026, 11, 1), "P1"]]
    gates = store.query("select gate, status from gates order by gate")
    assert rows(gates) == [["Gate 3", "passed"], ["Gate 4", "planned"], ["Gate 5", None]]  # 'Maybe' is reported
    assert result.report["unparsed_values"]["gate status"] == {"count": 1, "examples": ["Maybe"], "kind": "word", "texts": ["Maybe"]}


def test_a_raid_log_s_registers_load_decisions_actions_and_dependencies(store, tmp_path):
    path = write_xlsx(tmp_path / "raid_log.xlsx", {
        "Decision Log": [["ID", "Decision", "Decision Date", "Made By", "Status"],
                         ["D-1", "Use the shared test lab", "2026-09-12", "Sponsor", "Approved"]],
        "Actions": [["ID", "Action", "Owner", "Due Date", "Status"], ["A-1", "Book the lab", "Kim", "2026-10-05", "Open"]],
        "Dependencies": [["ID", "Dependency", "Depends On", "Owner", "Due Date", "Status"],
                         ["DP-1", "Identity service ready", "Identity Programme", "Kim", "2026-11-01", "Open"]],
    })
    result = import_file(store, path, "2026-10", project="CRM")
    assert result.source == "raid_log"
    log = store.query("select risk_id, kind, title, owner, raised_date, due_date, status, depends_on_project "
                      "from risks order by kind")
    assert rows(log) == [
        ["A-1", "action", "Book the lab", "Kim", None, pd.Timestamp(2026, 10, 5), "open", None],
        ["D-1", "decision", "Use the shared test lab", "Sponsor", pd.Timestamp(2026, 9, 12), None, "closed", None],
        ["DP-1", "dependency", "Identity service ready", "Kim", None, pd.Timestamp(2026, 11, 1), "open", "Identity Programme"],
    ]


# -- the demo answers the review's five questions --------------------------------------------------

def test_the_demo_answers_the_monthly_review_questions(demo_db):
    from pmo_data.store import open_store

    demo = open_store(demo_db)
    october = queries.Filters(period=OCT)
    prj_007 = queries.status_commentary(demo, october, "PRJ-007").iloc[0]
    assert prj_007.health == "red" and prj_007.summary.startswith("Build complete (due 15 Sep) is still open")
    assert [s["action"] for s in prj_007.path_to_green] == [
        "Two more integration developers on the rework", "Go-live re-baselined with the sponsor at the steering committee",
        "Security fixes to the vendor API re-tested and signed off"]
    overdue = queries.overdue_actions(demo, october)
    from_september = overdue[overdue["first_period"] == pd.Timestamp(SEP)]
    # due 9, 16 and 20 Oct, open on 31 Oct; A-005 was left out of October's log
    assert rows(from_september[["action_id", "project_id", "days_overdue", "carried_from"]]) == [
        ["A-002", "PRJ-007", 22, None], ["A-003", "PRJ-015", 15, None], ["A-005", "PRJ-008", 11, pd.Timestamp(SEP)]]
    chase = queries.chase_list(demo, october)
    assert sorted(chase.loc[chase["reason"] == "no status report this month", "project_id"]) == ["PRJ-012", "PRJ-019"]
    november = queries.coming_due(demo, october, days=30)  # 31 Oct + 30 days = 30 Nov
    assert len(november) == 18 and november["forecast_date"].dt.month.eq(11).all()
    assert sorted(november.loc[november["kind"] == "gate", "project_id"]) == ["PRJ-003", "PRJ-010", "PRJ-016", "PRJ-017"]
    deps = queries.dependencies(demo, october)
    on_ifrs = deps[deps["depends_on_project_name"] == "IFRS 17 Reporting"]
    assert sorted(on_ifrs["project_id"]) == ["PRJ-016", "PRJ-022", "PRJ-023"]  # PRJ-023 names it, the others its id
    assert on_ifrs.set_index("project_id")["overdue"].to_dict() == {"PRJ-016": False, "PRJ-022": True, "PRJ-023": False}


def test_a_status_sheet_sent_on_its_own_loads_its_reports(store, tmp_path):
    # issue 24, item 5: the template's Status sheet without its Projects sheet was "layout not recognised"
    import_file(store, write_xlsx(tmp_path / "register.xlsx", {"Projects": [["Project ID", "Project Name"], ["P1", "Pilot"]]}),
                "2026-10")
    result = import_file(store, write_xlsx(tmp_path / "status.xlsx", {"Status": [
        ["Project ID", "Summary", "Achievements", "Next Steps", "Decisions / Help Needed", "Reported By", "Report Date"],
        ["P1", "Late: vendor.", "UAT begun", "Fix", "More budget", "Ann", "28/10/2026"]]}), "2026-10")
    assert result.source == "pmo_template"
    assert store.query("select project_id, summary, achievements, sponsor_asks from status_reports").values.tolist() == [
        ["P1", "Late: vendor.", "UAT begun", "More budget"]]
