"""Chart builders are pure: a DataFrame in, a Figure out. Their data and colours are checked
here (AppTest cannot look inside plotly charts)."""

from __future__ import annotations

import pandas as pd

from pmo_data import charts


def test_health_trend_stacks_each_health_in_its_colour():
    frame = pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-09-01", "2026-10-01"]),
                          "health": ["green", "red", "red"], "projects": [3, 1, 2]})
    figure = charts.health_trend(frame, "all projects")
    bars = {t.name: t for t in figure.data}
    assert list(bars) == ["red", "amber", "green", "grey"]
    assert list(bars["red"].x) == ["Sep 2026", "Oct 2026"] and list(bars["red"].y) == [1, 2]
    assert list(bars["green"].y) == [3, 0]
    assert bars["red"].marker.color == charts.HEALTH_COLOURS["red"] == "#D55E00"
    assert figure.layout.barmode == "stack"
    assert "all projects" in figure.layout.title.text


def test_risk_heatmap_is_a_clickable_grid_of_25_squares():
    cells = pd.DataFrame([(p, i, p * i, "Critical" if p * i >= 17 else "Low", 2 if (p, i) == (5, 4) else 0, 10.0)
                          for p in range(5, 0, -1) for i in range(1, 6)],
                         columns=["probability", "impact", "score", "band", "risk_count", "exposure"])
    figure = charts.risk_heatmap(cells, "Oct 2026", selected=(5, 4))
    grid = figure.data[0]
    assert grid.type == "scatter" and grid.marker.symbol == "square" and len(grid.x) == 25
    position = list(zip(grid.y, grid.x)).index((5, 4))
    assert grid.text[position] == "2" and grid.text[0] == ""
    assert grid.marker.color[position] == charts.BAND_COLOURS["Critical"]
    assert grid.marker.line.width[position] == 4 and sum(grid.marker.line.width) == 4  # only the selected cell outlined
    assert figure.layout.clickmode == "event+select"


def test_performance_bubble_leaves_out_projects_without_indices():
    frame = pd.DataFrame({"project_name": ["A", "B", "C"], "spi": [0.8, 1.0, None], "cpi": [0.9, 1.1, 1.0],
                          "bac": [100.0, 400.0, 50.0], "health": ["red", "green", "grey"]})
    figure = charts.performance_bubble(frame)
    traces = {t.name: t for t in figure.data}
    assert set(traces) == {"red", "green"}
    assert list(traces["green"].x) == [1.0] and list(traces["green"].marker.size) == [400.0]


def test_utilisation_heatmap_has_one_row_per_person_and_one_column_per_month():
    frame = pd.DataFrame({"resource_name": ["Ann", "Ann", "Bo"],
                          "month": pd.to_datetime(["2026-10-01", "2026-11-01", "2026-10-01"]),
                          "utilisation_pct": [80.0, 125.0, 50.0], "planned_hours": [1, 1, 1], "capacity_hours": [1, 1, 1]})
    heatmap = charts.utilisation_heatmap(frame).data[0]
    assert list(heatmap.x) == ["Oct 26", "Nov 26"] and list(heatmap.y) == ["Bo", "Ann"]
    assert heatmap.z[1][1] == 125.0 and pd.isna(heatmap.z[0][1])
    assert heatmap.zmax == 150


def test_timeline_draws_tasks_milestones_and_baselines():
    frame = pd.DataFrame({
        "name": ["Build", "Go-live"], "start_date": pd.to_datetime(["2026-09-01", None]),
        "finish_date": pd.to_datetime(["2026-10-15", "2026-11-01"]), "baseline_finish": pd.to_datetime(["2026-10-01", "2026-10-20"]),
        "is_milestone": [False, True], "is_summary": [False, False], "status_category": ["in_progress", "todo"]})
    figure = charts.timeline(frame, pd.Timestamp("2026-10-31"))
    kinds = {t.name: t for t in figure.data}
    assert set(kinds) == {"in progress", "milestone (forecast)", "baseline finish"}
    assert list(kinds["milestone (forecast)"].y) == ["Go-live ◆"]
    assert kinds["in progress"].x[0] == 44 * 24 * 3600 * 1000  # 1 Sep → 15 Oct, in milliseconds


def test_milestone_trend_has_a_line_per_milestone():
    frame = pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-10-01", "2026-10-01"]),
                          "name": ["Go-live", "Go-live", "UAT"],
                          "forecast_finish": pd.to_datetime(["2027-01-31", "2027-02-21", "2026-12-01"])})
    figure = charts.milestone_trend(frame)
    assert [t.name for t in figure.data] == ["Go-live", "UAT"]
    assert list(figure.data[0].x) == ["Sep 2026", "Oct 2026"]


def test_empty_data_gives_a_chart_that_says_so():
    figure = charts.health_trend(pd.DataFrame(columns=["period", "health", "projects"]))
    assert figure.layout.annotations[0].text == "No months loaded"
    assert charts.issue_aging(pd.DataFrame({"aging_bucket": ["0–30"], "open_issues": [0], "overdue": [0]})).layout.annotations[0].text == "No open issues"


def test_utilisation_heatmap_keeps_the_most_loaded_people():
    frame = pd.DataFrame({"resource_name": [f"P{n}" for n in range(50)], "month": pd.Timestamp("2026-10-01"),
                          "utilisation_pct": [float(n) for n in range(50)], "planned_hours": 1, "capacity_hours": 1})
    figure = charts.utilisation_heatmap(frame)
    assert len(figure.data[0].y) == 40 and "P49" in figure.data[0].y and "P9" not in figure.data[0].y
    assert "the 40 most loaded of 50 people" in figure.layout.title.text


def test_budget_by_objective_splits_by_the_budgets_of_each_health(demo_copy):
    """October demo: 'Meet regulatory obligations' has two red projects, PRJ-020 (315,000) and
    PRJ-022 (145,000): its red segment is their 460,000, not the objective's budget × 2/6 projects."""
    from pmo_data import queries
    from pmo_data.store import open_store
    import datetime as dt

    frame = queries.strategic_alignment(open_store(demo_copy), queries.Filters(period=dt.date(2026, 10, 1)))
    red = next(trace for trace in charts.strategic_alignment(frame).data if trace.name == "red")
    segments = dict(zip(red.y, red.x))
    assert segments["Meet regulatory obligations"] == 460_000
    assert segments["Improve customer experience"] == 2_055_000  # PRJ-007 1,315,000 + PRJ-015 740,000
    budgets = frame.set_index("strategic_objective")
    assert (budgets[["green_budget", "amber_budget", "red_budget", "grey_budget"]].sum(axis=1) == budgets["budget"]).all()
