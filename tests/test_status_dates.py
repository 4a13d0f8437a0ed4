"""Each project measured at its own status date (issue 25, defect 1): one team's Planner export
dated 15 October set every project's status date to 15 October while the register's EV and AC
stayed as of 31 October (portfolio SPI moved from 0.93 to 0.99, red from 9 to 7, with no warning).
Values worked out by hand below."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data import queries
from pmo_data.importer import import_file
from tests.files import write_xlsx
from tests.test_kpis import PROJECT_HEADERS, health_row

D = dt.date
PLANNER_HEADER = ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To", "Created By", "Created Date",
                  "Start Date", "Due Date", "Late", "Completed Date", "Completed By", "Description", "Labels"]


def planner_export(path, plan):
    return write_xlsx(path, {"Tasks": [
        ["Plan name", plan], ["Plan ID", "xY12"], ["Date of export", "10/15/2026"], [], PLANNER_HEADER,
        ["a1", "Wireframes", "Design", "Completed", "Medium", "Ann Lee", "Ann Lee", "09/01/2026", "09/01/2026",
         "09/15/2026", "false", "09/14/2026", "Ann Lee", "", ""]]})


def test_a_tracker_s_export_date_dates_its_own_project_only(store, tmp_path):
    import_file(store, write_xlsx(tmp_path / "register.xlsx", {"projects": [
        PROJECT_HEADERS,
        ["A", "Alpha", "Ops", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31), 100000, 80000, 72, "Green", None]]}),
        "2026-10")
    import_file(store, planner_export(tmp_path / "chatbot.xlsx", "Chatbot"), "2026-10")
    # A is measured by the register, which states no date: 31 Oct. PV = 100,000 × 303/364 (not 287/364)
    a = health_row(store, "A")
    assert a.status_date.date() == D(2026, 10, 31)
    assert a.pv == pytest.approx(100000 * 303 / 364)
    chatbot = health_row(store, "Chatbot")
    assert chatbot.status_date.date() == D(2026, 10, 15)  # the Planner export dates its own plan
    assert store.scalar("select status_date from stg_periods where period = '2026-10-01'") == D(2026, 10, 31)
    # pages and slides say both dates when the month's sources differ
    assert queries.status_dates(store, queries.Filters(period=D(2026, 10, 1))) == [D(2026, 10, 15), D(2026, 10, 31)]


def test_the_import_says_its_date_differs_from_the_month_s(store, tmp_path):
    import_file(store, write_xlsx(tmp_path / "register.xlsx", {"projects": [
        PROJECT_HEADERS,
        ["A", "Alpha", "Ops", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31), 100000, 80000, 72, "Green", None]]}),
        "2026-10")
    result = import_file(store, planner_export(tmp_path / "chatbot.xlsx", "Chatbot"), "2026-10")
    assert ("this file is as of 15 Oct 2026, the month's other files as of 31 Oct 2026: its date is its own projects' "
            "status date only; the others keep theirs (pages and slides show both dates)") in result.report["warnings"]


def test_the_portfolio_page_says_both_dates(db_path, tmp_path):
    from pmo_data.store import open_store
    from tests.test_app_pages import open_page
    store = open_store(db_path)
    import_file(store, write_xlsx(tmp_path / "register.xlsx", {"projects": [
        PROJECT_HEADERS,
        ["A", "Alpha", "Ops", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31), 100000, 80000, 72, "Green", None]]}),
        "2026-10")
    import_file(store, planner_export(tmp_path / "chatbot.xlsx", "Chatbot"), "2026-10")
    store.close()
    at = open_page("pages/portfolio.py")
    assert any("Status dates 15 Oct 2026 and 31 Oct 2026 (the month's sources differ)" in c.value for c in at.caption), \
        [c.value for c in at.caption]
