"""The sample export of every format in sample_data/trackers/ imports with no --source, under
the project id docs/sources.md gives, and tells the same story as the demo register."""

from __future__ import annotations

import pytest

from pmo_data.importer import import_file
from pmo_data.sample_trackers import SAMPLES
from pmo_data.store import open_store
from tests.conftest import SAMPLE_DATA

EXPECTED_ROWS = {
    "jira": {"tasks": 16, "projects": 1},           # an epic above the demo's 15 tasks
    "ms_project": {"tasks": 16, "projects": 1},     # the project summary task above them
    "planner": {"tasks": 15, "projects": 1},
    "smartsheet": {"tasks": 17, "projects": 1},     # two phase rows
    "asana": {"tasks": 16, "projects": 1},          # the parent task
    "monday": {"tasks": 15, "projects": 1},
    "azure_devops": {"tasks": 16, "projects": 1},   # the epic
    "openproject": {"tasks": 16, "projects": 1},    # the phase
    "raid_log": {"risks": 3},
    "resource_plan": {"allocations": 827, "resources": 40},
}


@pytest.mark.parametrize("tool, project_id, file_name", SAMPLES)
def test_sample_export_is_recognised_and_loads(store, demo_db, tool, project_id, file_name):
    result = import_file(store, SAMPLE_DATA / "trackers" / file_name, "2026-10", project=project_id)
    assert (result.source, result.rows_loaded) == (tool, EXPECTED_ROWS[tool])
    if tool in {"raid_log", "resource_plan"}:
        return
    demo = open_store(demo_db).query("select name from tasks where project_id = $p and period = '2026-10-01' "
                                     "and not is_milestone order by name", {"p": project_id})["name"].tolist()
    leaves = store.query("select name from tasks where not is_summary and project_id = $p order by name",
                         {"p": project_id})["name"].tolist()
    assert leaves == demo


def test_sample_resource_plan_in_days_matches_the_register_plan(store, demo_db):
    import_file(store, SAMPLE_DATA / "trackers" / "resource_plan_days.xlsx", "2026-10")
    ours = store.scalar("select sum(planned_hours) from allocations")
    register = open_store(demo_db).scalar("select sum(planned_hours) from allocations where period = '2026-10-01'")
    assert abs(ours - register) / register < 0.01  # days rounded to one decimal
