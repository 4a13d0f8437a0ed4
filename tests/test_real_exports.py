"""The real exports in ../shared/real-exports load exactly per truth.json (hand-counted by an
analyst; see its README), with a plain `python -m pmo_data import FILE --period …`: no flags.
Where the truth allows two conventions, the one this project documents is asserted and the
other named. Skipped where ../shared is absent (the files are never copied into the project)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from pmo_data.cli import main
from pmo_data.store import open_store
from tests.conftest import REAL_EXPORTS

pytestmark = pytest.mark.real_exports


@pytest.fixture
def truth():
    path = REAL_EXPORTS / "truth.json"
    if not path.is_file():
        pytest.skip("../shared/real-exports absent")
    return json.loads(path.read_text(encoding="utf-8"))


def span(dates) -> list[str]:
    """First and last date of a column, as truth.json writes them."""
    return [str(dates.min().date()), str(dates.max().date())]


def plain_import(real_export, db_path, name, capsys) -> tuple[int, str, str]:
    code = main(["import", str(real_export(name)), "--db", str(db_path), "--period", "2026-10"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_jira_resaved_through_excel_without_project_key(real_export, db_path, truth, capsys):
    fact = truth["jira_ala_taxonomy_register.csv"]
    code, out, err = plain_import(real_export, db_path, "jira_ala_taxonomy_register.csv", capsys)
    assert code == 0, err
    store = open_store(db_path)
    tasks = store.query("select * from tasks")
    assert len(tasks) == fact["rows"]["value"] == 44
    assert Counter(tasks["status_category"]) == {k: v for k, v in fact["status_split"]["value"].items() if v}
    assert Counter(tasks["task_type"]) == fact["task_types"]["value"]
    assert int(tasks["is_summary"].sum()) == fact["summaries"]["value"]
    assert tasks["parent_task_id"].notna().sum() == fact["parents"]["value"]
    assert tasks["start_date"].notna().sum() == fact["start_dates"]["value"]
    assert tasks["finish_date"].notna().sum() == fact["due_dates"]["value"]
    assert tasks["assignee"].notna().sum() == fact["assignees"]["value"]
    assert set(tasks["project_id"]) == {fact["project"]["value"]}
    assert tasks["name"].nunique() == 44
    assert "project: from the issue keys' prefix (TAX)" in out


def test_smartsheet_vietnamese_with_outline_levels(real_export, db_path, truth, capsys):
    fact = truth["smartsheet_kiem_thu_co_ban.xlsx"]
    code, out, err = plain_import(real_export, db_path, "smartsheet_kiem_thu_co_ban.xlsx", capsys)
    assert code == 0, err
    tasks = open_store(db_path).query("select * from tasks")
    assert len(tasks) == fact["rows"]["value"]
    # convention A (documented): the status word, else percent complete
    assert Counter(tasks["status_category"]) == fact["status_split"]["value"]
    leaves = tasks[~tasks["is_summary"]]
    assert Counter(leaves["status_category"]) == fact["leaf_status_split"]["value"]
    percent = Counter("None" if p != p else str(int(p / 100)) for p in tasks["percent_complete"])
    assert percent == fact["percent_complete"]["value"]
    assert tasks["start_date"].notna().sum() == tasks["finish_date"].notna().sum() == 59
    assert span(tasks["start_date"]) == fact["date_range"]["value"]["start"]
    assert span(tasks["finish_date"]) == fact["date_range"]["value"]["finish"]
    assert tasks["parent_task_id"].notna().sum() == fact["parents"]["value"]
    assert int(tasks["is_summary"].sum()) == fact["summaries"]["value"]
    # '1 ngày' is one day: every duration reads, leaves add up to 46 days = 368 h at 8 h a day
    assert tasks["estimate_hours"].notna().all()
    assert leaves["estimate_hours"].sum() == fact["estimate_hours"]["value"]["leaf_hours_at_8h"]
    assert tasks["estimate_hours"].sum() / 8 == fact["estimate_hours"]["value"]["all_rows_days"]
    assert tasks["assignee"].notna().sum() == fact["assignees"]["value"]
    assert set(tasks["project_id"]) == {fact["project"]["value"]}
    assert "unparsed" not in out


def test_risk_register_with_fraction_probabilities(real_export, db_path, truth, capsys):
    fact = truth["risk_register_team_awesome.xlsx"]
    code, out, err = plain_import(real_export, db_path, "risk_register_team_awesome.xlsx", capsys)
    assert code == 0, err
    risks = open_store(db_path).query("select * from risks")
    assert len(risks) == fact["rows"]["value"]
    assert Counter(risks["status"]) == {"open": 70}
    assert {str(k): v for k, v in Counter(risks["probability"]).items()} == fact["probability"]["value"]
    assert {str(k): v for k, v in Counter(risks["impact"]).items()} == fact["impact"]["value"]
    assert int(risks["score"].sum()) == fact["score_sum"]["value"]
    r63 = risks.set_index("risk_id").loc["R63"]
    assert (r63["probability"], r63["impact"], r63["score"]) == (5, 3, 15)
    assert risks["owner"].notna().sum() == fact["owners"]["value"]
    assert risks["raised_date"].notna().sum() == risks["due_date"].notna().sum() == 0
    assert set(risks["kind"]) == {"risk"}
    assert "Probability read as fractions of 1" in out  # the report states the scale it used


def test_schedule_tracker_under_a_gantt_ruler(real_export, db_path, truth, capsys):
    fact = truth["project_schedule_mongodb_backup.xlsx"]
    code, out, err = plain_import(real_export, db_path, "project_schedule_mongodb_backup.xlsx", capsys)
    assert code == 0, err
    tasks = open_store(db_path).query("select * from tasks order by start_date, task_id")
    assert len(tasks) == fact["rows"]["value"]
    assert Counter(tasks["status_category"]) == {"done": 6}
    assert tasks["start_date"].notna().sum() == tasks["finish_date"].notna().sum() == 6
    assert span(tasks["start_date"]) == fact["date_range"]["value"]["start"]
    assert span(tasks["finish_date"]) == fact["date_range"]["value"]["finish"]
    assert tasks["estimate_hours"].sum() == fact["estimate_hours"]["value"]
    assert tasks["parent_task_id"].notna().sum() == fact["parents"]["value"]
    assert tasks["assignee"].notna().sum() == fact["assignees"]["value"]
    assert tasks["name"].tolist()[0] == "Project Planning"  # Activities, not the bullet lists of Task
    assert "template rows on Project Schedule: 1" in out


def test_planner_export_loads_every_task(real_export, db_path, capsys):
    code, out, err = plain_import(real_export, db_path, "planner_planning.xlsx", capsys)
    assert code == 0, err
    assert open_store(db_path).scalar("select count(*) from tasks") == 632


def test_raid_log_template_says_it_holds_no_entries_yet(real_export, db_path, capsys):
    code, out, err = plain_import(real_export, db_path, "raid_log.xlsx", capsys)
    assert code == 1
    assert "holds no entries to load; 20 template row(s) on 'Risk Register' (only an ID" in err
    assert "Traceback" not in err and "Error" not in err
