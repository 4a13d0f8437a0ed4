"""sample_data/ is the seeded generator's output, and tells the story the demo promises."""

from __future__ import annotations

from pmo_data.readers import read_workbook
from pmo_data.sample_portfolio import write_sample_data
from pmo_data.store import open_store
from tests.conftest import SAMPLE_DATA


def test_committed_sample_data_equals_a_fresh_generation(tmp_path):
    written = write_sample_data(tmp_path)
    assert len(written) == 17
    for path in written:
        committed = SAMPLE_DATA / path.relative_to(tmp_path)
        if path.suffix == ".csv":
            assert path.read_bytes() == committed.read_bytes(), path.name
        else:
            fresh, kept = read_workbook(path), read_workbook(committed)
            assert [(s.name, s.grid) for s in fresh.sheets] == [(s.name, s.grid) for s in kept.sheets], path.name


def test_sample_data_is_small():
    assert sum(p.stat().st_size for p in SAMPLE_DATA.rglob("*") if p.is_file()) < 5 * 1024 * 1024


def test_demo_portfolio_shape(demo_db):
    store = open_store(demo_db)
    october = "2026-10-01"
    shape = store.query(
        "select count(*) projects, count(distinct program) programs, count(distinct department) departments "
        "from projects where period = $p", {"p": october}).iloc[0]
    assert (shape.projects, shape.programs, shape.departments) == (25, 4, 3)
    assert store.scalar("select count(distinct resource_name) from resources where period = $p", {"p": october}) == 40
    assert store.scalar("select count(*) from risks where period = $p and kind in ('risk', 'issue')", {"p": october}) == 60
    months = store.query("select distinct month from allocations order by 1")["month"]
    assert len(months) == 12


def test_the_watermelon_reports_green_while_late_and_over_budget(demo_db):
    store = open_store(demo_db)
    rows = store.query(
        "select period, reported_health, forecast_finish - baseline_finish as slip_days, "
        "budget * percent_complete / 100 / actual_cost as cpi from projects where project_id = 'PRJ-007' order by period")
    assert rows["reported_health"].tolist() == ["green", "green", "green"]
    assert rows["slip_days"].tolist() == [21, 49, 77]
    assert [round(c, 2) for c in rows["cpi"]] == [0.88, 0.8, 0.74]
    build = store.query("select period, name, baseline_finish, finish_date, status_category from tasks "
                        "where task_id = 'PRJ-007-M3' order by period")
    assert build["name"].tolist() == ["Build complete"] * 3
    assert build["status_category"].tolist() == ["in_progress"] * 3
    assert str(build["baseline_finish"].iloc[0].date()) == "2026-09-15"


def test_slipping_milestones_move_later_month_over_month(demo_db):
    store = open_store(demo_db)
    forecasts = store.query("select finish_date from tasks where task_id = 'PRJ-002-M4' order by period")["finish_date"]
    assert forecasts.is_monotonic_increasing and forecasts.nunique() == 3


def test_some_people_are_over_allocated(demo_db):
    store = open_store(demo_db)
    over = store.scalar(
        "select count(distinct a.resource_name) from (select resource_name, month, sum(planned_hours) as planned "
        "from allocations where period = '2026-10-01' group by all) a join resources r "
        "on r.resource_name = a.resource_name and r.period = '2026-10-01' where a.planned > r.capacity_hours_per_month")
    assert 3 <= over <= 8
