"""What an editor writes on the Project page (pmo_data/review_edits.py): the month's commentary and
path to green, decisions and actions, an action's status, the PMO's health override. Each is stored
for its month as an editor's row beside the imported ones, audited, and seen by every page at once.
The months and projects are tests/test_review_loop.py's `review` fixture (status dates 30 Sep and
31 Oct 2026); every value is worked out by hand from its rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pmo_data import audit, queries, review_edits
from pmo_data.importer import remove_import
from pmo_data.review_edits import Commentary, EditRefused, Step
from tests.test_review_loop import OCT, OCTOBER, SEP, load_review_months, rows

D = dt.date
EDITOR = {"user": "Eve", "role": "editor"}


@pytest.fixture
def review(store, tmp_path):
    return load_review_months(store, tmp_path)


def last_audit(store) -> list:
    entry = audit.entries(store, limit=1).iloc[0]
    return [entry.action, entry.user_name, entry.role, entry.detail]


def test_an_editors_commentary_is_stored_for_its_month_beside_the_import(review):
    version = queries.data_version(review)
    review_edits.write_commentary(review, OCT, "A", Commentary("  Contingency approved in the meeting. ", None,
                                                                "Re-plan go-live.", ""),
                                  [Step("Re-baseline go-live", "Sam", D(2026, 11, 30)), Step("  ")], **EDITOR)
    a = queries.status_commentary(review, OCTOBER, "A")
    october = a.iloc[0]
    # the editor's report is the later one: shown, trimmed, an empty box stored as nothing
    assert rows(a.iloc[:1][["summary", "achievements", "next_steps", "sponsor_asks", "origin", "written_by",
                            "reported_by", "versions"]]) == [
        ["Contingency approved in the meeting.", None, "Re-plan go-live.", None, "editor", "Eve", "Eve", 2]]
    assert october.path_to_green_text == "Re-baseline go-live (Sam), by 30 Nov 2026"  # the blank step is dropped
    # September is another month: untouched
    assert rows(a.iloc[1:][["summary", "origin", "versions"]]) == [["On plan.", "import", 1]]
    # the imported report and steps are kept as they were
    imported = review.query("select summary, origin from status_reports where project_id = 'A' and period = $p "
                            "order by origin desc", {"p": OCT})
    assert rows(imported) == [["Over budget: the vendor's rework costs more.", "import"],
                              ["Contingency approved in the meeting.", "editor"]]
    assert review.scalar("select count(*) from path_to_green where origin = 'import'") == 2
    assert last_audit(review) == ["status report", "Eve", "editor",
                                  "A for 2026-10: status report and a path to green of 1 steps written"]
    assert queries.data_version(review) != version  # the pages' caches see it


def test_removing_the_import_leaves_the_editors_report(review):
    review_edits.write_commentary(review, OCT, "A", Commentary("Written by the PMO."), **EDITOR)
    october_import = int(review.scalar("select import_id from imports where period = $p", {"p": OCT}))
    remove_import(review, october_import, user="Eve", role="editor")
    # the import's A report went to retired with its file; the editor's, having no import, stayed
    assert rows(review.query("select summary, origin from status_reports where period = $p", {"p": OCT})) == [
        ["Written by the PMO.", "editor"]]


def test_a_summary_is_required_and_the_project_must_be_in_the_month(review):
    with pytest.raises(EditRefused, match="summary"):
        review_edits.write_commentary(review, OCT, "A", Commentary("   "), **EDITOR)
    with pytest.raises(EditRefused, match="not in the portfolio of October 2026"):
        review_edits.write_commentary(review, OCT, "Z", Commentary("x"), **EDITOR)
    assert review.scalar("select count(*) from status_reports where origin = 'editor'") == 0


def test_an_editors_action_is_carried_and_overdue_until_closed(review):
    # added at September's review for A, due 10 Oct; October's imported log does not list it
    assert review_edits.add_log_entry(review, SEP, "A", "action", "Chase the vendor's quote", "Ann",
                                      due_date=D(2026, 10, 10), **EDITOR) == "E-1"
    assert last_audit(review) == ["log entry", "Eve", "editor", "A for 2026-09: action E-1 added"]
    overdue = queries.overdue_actions(review, OCTOBER)
    # 31 Oct − 10 Oct = 21 days for both E-1 and the imported X (both carried from September)
    assert rows(overdue[["action_id", "days_overdue", "carried_from"]]) == [
        ["E-1", 21, pd.Timestamp(SEP)], ["X", 21, pd.Timestamp(SEP)]]
    review_edits.set_action_status(review, OCT, "A", "E-1", "closed", **EDITOR)
    review_edits.set_action_status(review, OCT, "A", "X", "closed", **EDITOR)  # an imported action, closed by an editor
    assert queries.overdue_actions(review, OCTOBER).empty
    assert last_audit(review) == ["action status", "Eve", "editor", "A for 2026-10: action X open → closed"]
    # September still says open; the imported X row is the import's as before
    sep = review.query("select risk_id, status from stg_risks where period = $p and kind = 'action' and project_id = 'A' "
                       "order by risk_id", {"p": SEP})
    assert rows(sep) == [["E-1", "open"], ["X", "open"], ["Z", "open"]]
    assert rows(review.query("select status, origin from risks where risk_id = 'X' order by period")) == [
        ["open", "import"], ["closed", "editor"]]
    # a second editor entry of the project is E-2; a decision is made (closed) when it is logged
    assert review_edits.add_log_entry(review, OCT, "A", "decision", "Go with vendor B", "Sam",
                                      raised_date=D(2026, 10, 20), **EDITOR) == "E-2"
    decision = review.query("select title, owner, raised_date, status, origin, written_by from stg_risks "
                            "where risk_id = 'E-2'")
    assert rows(decision) == [["Go with vendor B", "Sam", pd.Timestamp(2026, 10, 20), "closed", "editor", "Eve"]]


def test_an_import_of_the_same_id_does_not_take_an_editors_entry(review):
    review_edits.add_log_entry(review, OCT, "B", "action", "Book the lab", "Bob", due_date=D(2026, 11, 1), **EDITOR)
    # B's imported Y is untouched; the editor's entry has an id no import uses
    log = review.query("select risk_id, title, origin from stg_risks where period = $p and project_id = 'B' "
                       "and kind = 'action' order by risk_id", {"p": OCT})
    assert rows(log) == [["E-1", "Book the lab", "editor"], ["Y", "Hire a tester", "import"]]


def test_an_override_is_applied_for_its_month_beside_the_computed_health(review):
    review_edits.set_health_override(review, OCT, "B", "amber", " Tester starts on 2 Nov ", **EDITOR)
    assert last_audit(review) == ["health override", "Eve", "editor", "B for 2026-10: health amber (Tester starts on 2 Nov)"]
    b = review.query("select period, health, assessed_health, computed_health, overridden, override_justification, "
                     "override_set_by, watermelon, health_reason_text from kpi_project_health where project_id = 'B' "
                     "order by period")
    # October: computed red (EV 35,000 against PV 50,000 × 303/364 = 41,620.88: SPI 0.841 < 0.85),
    # shown amber; the watermelon still compares the reported green with the computed red, and
    # the reasons stay the computed ones. September (SPI 30,000 / 37,362.64 = 0.803, red) has no override.
    assert rows(b[["period", "health", "assessed_health", "overridden", "override_justification", "override_set_by",
                   "watermelon"]]) == [
        [pd.Timestamp(SEP), "red", "red", False, None, None, True],
        [pd.Timestamp(OCT), "amber", "red", True, "Tester starts on 2 Nov", "Eve", True]]
    assert b.iloc[1].health_reason_text == "SPI 0.84 < 0.85"
    # the filters and the cards count the override
    assert queries.project_list(review, queries.Filters(period=OCT, health=("amber",)))["project_id"].tolist() == ["B"]
    # what changed reads the computed health: B was red in September and is red in October
    assert review.scalar("select count(*) from kpi_changes where project_id = 'B' and kind = 'health' "
                         "and change_type like 'health %'") == 0


def test_an_override_expires_at_the_next_month_unless_renewed(review):
    review_edits.set_health_override(review, SEP, "A", "green", "Vendor credit note agreed", **EDITOR)
    health = review.query("select period, health, assessed_health from kpi_project_health where project_id = 'A' "
                          "order by period")
    # September shown green (computed amber: SPI 0.937); October back to the computed red
    assert rows(health) == [[pd.Timestamp(SEP), "green", "amber"], [pd.Timestamp(OCT), "red", "red"]]
    assert rows(queries.health_override(review, OCTOBER)[["project_id", "state", "override_health", "shown_health"]]) == [
        ["A", "expired", "green", "red"]]
    review_edits.set_health_override(review, OCT, "A", "amber", "Contingency approved", **EDITOR)  # renewed
    assert rows(queries.health_override(review, OCTOBER)[["project_id", "state", "override_health", "health",
                                                          "shown_health"]]) == [["A", "in force", "amber", "red", "amber"]]


def test_an_override_needs_a_justification_and_a_health(review):
    with pytest.raises(EditRefused, match="justification"):
        review_edits.set_health_override(review, OCT, "A", "green", "  ", **EDITOR)
    with pytest.raises(EditRefused, match="not grey"):
        review_edits.set_health_override(review, OCT, "A", "grey", "why", **EDITOR)
    assert review.scalar("select count(*) from health_overrides") == 0


def test_the_summary_says_what_a_project_computes_beside_its_override(review):
    # issue 25, defect 6: B reports green, computes red (SPI 0.84), and is overridden to amber; the summary
    # said it "computes amber"
    from pmo_data import story
    review_edits.set_health_override(review, OCT, "B", "amber", "Tester starts on 2 Nov", **EDITOR)
    sentences = story.executive_summary(review, queries.Filters(period=OCT))
    assert any("reports green but computes red (shown amber by PMO override): SPI 0.84 < 0.85" in s for s in sentences), \
        sentences


def test_a_status_report_s_ask_that_is_a_logged_decision_is_listed_once(review):
    # issue 25, defect 11: B's decision log holds "Choose the hosting option" (open, needed by 20 Oct);
    # its status report now asks the sponsor the same. It was listed twice.
    review_edits.write_commentary(review, OCT, "B", Commentary("Waiting on hosting.", None, None,
                                                                "Please CHOOSE the hosting  option."), **EDITOR)
    needed = queries.decisions_needed(review, OCTOBER)
    b = needed[needed["project_id"] == "B"]
    assert rows(b[["source", "item_id", "decision", "needed_by"]]) == [
        ["decision log, status report", "P", "Choose the hosting option", pd.Timestamp(2026, 10, 20)]]
