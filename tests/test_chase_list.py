"""The chase list as the PMO uses it (pmo_data/chase.py, exports.chase_list_csv): one line per
project, a CSV for the mail merge that no spreadsheet can run, and the reminder e-mails' text,
one per project manager. Values worked out by hand from the rows below and from the demo."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pmo_data import chase, exports, queries

OCT = dt.date(2026, 10, 1)
# as queries.chase_list returns them: by PM (none last), then project, then reason
CHASED = pd.DataFrame([
    ["P1", "Alpha", "Ann", "absent from this month's imports", "last in the imports of September 2026"],
    ["P1", "Alpha", "Ann", "no status report this month", "last report: September 2026"],
    ["P2", "=HYPERLINK(\"http://x\",\"y\")", "Ann", "no update this month", "progress and actuals the same as September 2026"],
    ["P3", "Gamma\u202e", "Bob", "no status report this month", "no report loaded yet"],
    ["P4", "Delta", None, "data older than the month", "data as of 15 Sep 2026"],
    ["P5", "Epsilon", None, "no status report this month", "last report: August 2026"],
], columns=["project_id", "project_name", "manager", "reason", "detail"])


def test_a_projects_reasons_read_as_one_line():
    lines = chase.by_project(CHASED)
    assert lines.astype(object).where(lines.notna(), None).values.tolist() == [
        ["P1", "Alpha", "Ann", "absent from this month's imports (last in the imports of September 2026); "
                               "no status report this month (last report: September 2026)"],
        ["P2", "=HYPERLINK(\"http://x\",\"y\")", "Ann", "no update this month (progress and actuals the same as September 2026)"],
        ["P3", "Gamma\u202e", "Bob", "no status report this month (no report loaded yet)"],
        ["P4", "Delta", None, "data older than the month (data as of 15 Sep 2026)"],
        ["P5", "Epsilon", None, "no status report this month (last report: August 2026)"],
    ]
    assert list(chase.by_project(CHASED.iloc[:0]).columns) == ["project_id", "project_name", "manager", "reasons"]


def test_the_csv_has_a_row_per_project_and_no_cell_runs_as_a_formula():
    text = exports.chase_list_csv(CHASED).decode("utf-8-sig")
    # the project named like a formula starts with an apostrophe (shown as text); the direction
    # override after "Gamma" is dropped
    # every text cell quoted, so that no list separator (',' or ';') splits one (issue 26, item 15)
    assert text.splitlines() == [
        '"Project ID","Project","Project manager","Reasons"',
        '"P1","Alpha","Ann","absent from this month\'s imports (last in the imports of September 2026); '
        'no status report this month (last report: September 2026)"',
        '"P2","\'=HYPERLINK(""http://x"",""y"")","Ann","no update this month (progress and actuals the same as September 2026)"',
        '"P3","Gamma","Bob","no status report this month (no report loaded yet)"',
        '"P4","Delta","","data older than the month (data as of 15 Sep 2026)"',
        '"P5","Epsilon","","no status report this month (last report: August 2026)"',
    ]


def test_one_reminder_per_project_manager_and_one_per_project_without_one():
    emails = chase.reminders(CHASED, OCT)
    assert [e.manager for e in emails] == ["Ann", "Bob", None, None]
    assert emails[0].text == (
        "Dear Ann,\n\n"
        "please send your October 2026 update for:\n"
        "- P1 Alpha: absent from this month's imports (last in the imports of September 2026); "
        "no status report this month (last report: September 2026)\n"
        "- P2 =HYPERLINK(\"http://x\",\"y\"): no update this month (progress and actuals the same as September 2026)\n\n"
        "Thank you.")
    assert emails[1].text.splitlines()[3] == "- P3 Gamma: no status report this month (no report loaded yet)"
    assert emails[2].text == ("Dear project manager,\n\nplease send your October 2026 update for:\n"
                              "- P4 Delta: data older than the month (data as of 15 Sep 2026)\n\nThank you.")
    assert emails[3].text.splitlines()[3] == "- P5 Epsilon: no status report this month (last report: August 2026)"
    assert chase.reminders(CHASED.iloc[:0], OCT) == []


def test_the_demo_chases_the_two_projects_without_an_october_report(demo_db):
    from pmo_data.store import open_store

    found = queries.chase_list(open_store(demo_db), queries.Filters(period=OCT))
    lines = chase.by_project(found)
    # PRJ-012 and PRJ-019 sent no October report (their last: September); PRJ-007 and PRJ-017
    # reported the same health in Aug, Sep and Oct while the computed one moved
    assert lines[["project_id", "manager", "reasons"]].values.tolist() == [
        ["PRJ-017", "Alice Martin", "reported health unchanged for 3 months, computed health changed "
                                    "(reported amber since August 2026; computed green → amber → amber)"],
        ["PRJ-019", "Chloé Dubois", "no status report this month (last report: September 2026)"],
        ["PRJ-012", "Dev Patel", "no status report this month (last report: September 2026)"],
        ["PRJ-007", "Grace Okafor", "reported health unchanged for 3 months, computed health changed "
                                    "(reported green since August 2026; computed amber → red → red)"],
    ]
    emails = {e.manager: e.text for e in chase.reminders(found, OCT)}
    assert emails["Dev Patel"] == ("Dear Dev Patel,\n\nplease send your October 2026 update for:\n"
                                   "- PRJ-012 Lean Office Rollout: no status report this month (last report: September 2026)"
                                   "\n\nThank you.")
