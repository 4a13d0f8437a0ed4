"""Every chart is one spec (pmo_data/charts.py) drawn by two renderers: plotly for the pages and
images, native PowerPoint for the deck. The specs' data, colours and labels are checked here,
and that both renderers draw the same numbers (AppTest cannot look inside plotly charts)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Inches

from pmo_data import charts, render_plotly, render_pptx
from pmo_data.chart_spec import ChartSpec, Series
from pmo_data.formatting import NumberFormat


def slide_with(spec: ChartSpec):
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    drawn = render_pptx.add_chart(slide, spec, Inches(0.5), Inches(0.5), Inches(9), Inches(6.5))
    return deck, drawn


def test_health_trend_stacks_each_health_in_its_colour_on_page_and_slide():
    frame = pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-09-01", "2026-10-01"]),
                          "health": ["green", "red", "red"], "projects": [3, 1, 2]})
    spec = charts.health_trend(frame, "all projects")
    figure = render_plotly.figure(spec)
    bars = {t.name: t for t in figure.data}
    assert list(bars) == ["red", "amber", "green", "grey"]
    assert list(bars["red"].x) == ["Sep 2026", "Oct 2026"] and list(bars["red"].y) == [1, 2]
    assert list(bars["green"].y) == [3, 0]
    assert bars["red"].marker.color == charts.HEALTH_COLOURS["red"] == "#D55E00"
    assert figure.layout.barmode == "relative"
    assert "all projects" in figure.layout.title.text
    assert bars["red"].customdata[0][0] == "red"  # a click on a segment selects its health
    _, chart = slide_with(spec)
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert series["red"] == [1.0, 2.0] and series["green"] == [3.0, 0.0]
    assert str(chart.plots[0].series[0].format.fill.fore_color.rgb) == "D55E00"


def test_risk_heatmap_cells_are_drawn_in_data_units_and_select_by_id():
    cells = pd.DataFrame([(p, i, p * i, "Critical" if p * i >= 17 else "Low", 2 if (p, i) == (5, 4) else 0, 10.0)
                          for p in range(5, 0, -1) for i in range(1, 6)],
                         columns=["probability", "impact", "score", "band", "risk_count", "exposure"])
    spec = charts.risk_heatmap(cells, "Oct 2026", selected={(5, 4), (1, 1)}, numbers=NumberFormat("USD"))
    assert spec.matrix.text[0][3] == "2" and spec.matrix.text[0][0] == ""  # top row is probability 5
    assert spec.matrix.colours[0][3] == charts.BAND_COLOURS["Critical"]
    assert spec.matrix.ids[0][3] == "5,4"
    assert [cell for row in spec.matrix.outlined for cell in row].count(True) == 2
    assert "exposure $10" in spec.matrix.hover[0][3]
    figure = render_plotly.figure(spec)
    rectangles = [s for s in figure.layout.shapes if s.type == "rect"]
    assert len(rectangles) == 25 and (rectangles[3].x0, rectangles[3].x1) == (2.52, 3.48)  # in data units: it scales
    assert sum(s.line.width == 4 for s in rectangles) == 2
    points = figure.data[0]
    assert points.customdata[3][0] == "5,4" and points.text[3] == "2"
    assert figure.layout.legend.y > 1 and figure.layout.title.yanchor == "top"  # a band of its own under the title
    _, table = slide_with(spec)
    assert table.cell(1, 4).text == "2" and table.cell(1, 0).text == "5 almost certain"
    assert table.cell(0, 0).text == "probability ↓  impact →"


def test_performance_bubble_labels_every_project_and_keeps_each_on_its_side_of_plan():
    frame = pd.DataFrame({"project_id": ["P1", "P2", "P3", "P4", "P5"], "project_name": ["A", "B", "C", "D", "E"],
                          "spi": [0.8, 0.99, 0.99, 0.99, None], "cpi": [0.9, 0.99, 0.99, 1.01, 1.0],
                          "bac": [100.0, 400.0, 50.0, 60.0, 10.0], "health": ["red", "green", "green", "green", "grey"]})
    spec = charts.performance_bubble(frame, numbers=NumberFormat("EUR"))
    bubbles = spec.series[0]
    assert bubbles.labels == ["P1", "P2", "P3", "P4"] and bubbles.ids == bubbles.labels  # E has no SPI: left out
    # the points are their true values (a chart's data never moves); the labels of the three close ones spread
    assert (bubbles.x, bubbles.values) == ([0.8, 0.99, 0.99, 0.99], [0.9, 0.99, 0.99, 1.01])
    assert bubbles.label_at[0] is None and bubbles.label_at[3] is None  # alone: their labels stay on their points
    assert bubbles.label_at[1] != bubbles.label_at[2]  # P2 and P3 coincide: their labels spread apart
    assert all(a < 1.0 and b < 1.0 for a, b in bubbles.label_at[1:3])  # each on its point's side of plan
    assert "budget €400" in bubbles.hover[1] and "SPI 0.99 · CPI 0.99" in bubbles.hover[1]
    assert spec.value_range[0] > 0.5  # the CPI axis does not start at 0
    figure = render_plotly.figure(spec)
    assert list(figure.data[0].x) == [0.8, 0.99, 0.99, 0.99] and list(figure.data[0].y) == [0.9, 0.99, 0.99, 1.01]
    assert list(figure.data[0].text) == ["P1", "", "", "P4"] and figure.data[0].customdata[0][0] == "P1"
    assert sorted(a.text for a in figure.layout.annotations if a.showarrow) == ["P2", "P3"]  # moved labels, lined back
    _, chart = slide_with(spec)
    assert [p.data_label.text_frame.text for p in chart.plots[0].series[0].points] == ["P1", "P2", "P3", "P4"]
    # the slide's chart data (what PowerPoint shows on a click, and in its sheet) are the true values
    xml = chart.plots[0].series[0]._element  # python-pptx reads y values only: the x values from the XML
    assert [float(v) for v in xml.xpath("./c:xVal//c:v/text()")] == [0.8, 0.99, 0.99, 0.99]
    assert [float(v) for v in xml.xpath("./c:yVal//c:v/text()")] == [0.9, 0.99, 0.99, 1.01]
    assert chart.value_axis.minimum_scale == spec.value_range[0]


def test_utilisation_heatmap_has_one_row_per_person_and_one_column_per_month():
    frame = pd.DataFrame({"resource_name": ["Ann", "Ann", "Bo"],
                          "month": pd.to_datetime(["2026-10-01", "2026-11-01", "2026-10-01"]),
                          "utilisation_pct": [80.0, 125.0, 50.0], "planned_hours": [1, 1, 1], "capacity_hours": [1, 1, 1]})
    spec = charts.utilisation_heatmap(frame)
    heatmap = render_plotly.figure(spec).data[0]
    assert spec.matrix.rows == ["Ann", "Bo"] and spec.matrix.columns == ["Oct 26", "Nov 26"]
    assert heatmap.z[1][1] == 125.0 and heatmap.z[0][1] is None  # rows drawn bottom-up: Ann on top
    assert heatmap.zmax == 150
    assert spec.matrix.colours[0][1] == charts.UTILISATION_SCALE[-1][1] or spec.matrix.colours[0][1].startswith("#")
    assert spec.matrix.ids[1] == ["Bo", "Bo"]  # a click on a row selects the person


def test_timeline_draws_tasks_milestones_and_baselines():
    frame = pd.DataFrame({
        "name": ["Build", "Go-live"], "start_date": pd.to_datetime(["2026-09-01", None]),
        "finish_date": pd.to_datetime(["2026-10-15", "2026-11-01"]), "baseline_finish": pd.to_datetime(["2026-10-01", "2026-10-20"]),
        "is_milestone": [False, True], "is_summary": [False, False], "status_category": ["in_progress", "todo"]})
    figure = render_plotly.figure(charts.timeline(frame, pd.Timestamp("2026-10-31")))
    kinds = {t.name: t for t in figure.data}
    assert set(kinds) == {"in progress", "milestone (forecast)", "baseline finish", "status date 31 Oct 2026"}
    assert list(kinds["milestone (forecast)"].y) == ["Go-live ◆"]
    assert kinds["in progress"].x[0] == 44 * 24 * 3600 * 1000  # 1 Sep → 15 Oct, in milliseconds
    with pytest.raises(render_pptx.NoSlideChart):
        slide_with(charts.timeline(frame))


def roadmap_rows() -> pd.DataFrame:
    """Two programs: Beta (red, 20 days late, started on plan), Alpha (green, on its baseline) and
    Gamma, not started (no start date: the query gave it its baseline start)."""
    return pd.DataFrame({
        "project_id": ["P2", "P1", "P3"], "project_name": ["Beta", "Alpha", "Gamma"],
        "program": ["Digital", "Digital", "Finance"], "health": ["red", "green", "grey"],
        "status_date": pd.to_datetime(["2026-10-31"] * 3),
        "baseline_start": pd.to_datetime(["2026-01-01", "2026-03-01", "2026-12-01"]),
        "baseline_finish": pd.to_datetime(["2026-12-01", "2027-02-01", "2027-06-30"]),
        "forecast_start": pd.to_datetime(["2026-01-01", "2026-03-01", "2026-12-01"]),
        "forecast_finish": pd.to_datetime(["2026-12-21", "2027-02-01", "2027-06-30"]),
        "finish_variance_days": [20, 0, 0]})


def test_roadmap_groups_projects_by_program_baseline_behind_forecast_in_health_colours():
    spec = charts.roadmap(roadmap_rows(), "all projects")
    assert spec.categories == ["DIGITAL", "Beta (P2)", "Alpha (P1)", "FINANCE", "Gamma (P3)"]
    assert spec.status_line == "2026-10-31"
    series = {s.name: s for s in spec.series}
    assert list(series) == ["baseline", "red", "green", "grey"]
    assert series["baseline"].faint and series["baseline"].colour == charts.BASELINE
    assert series["baseline"].x == ["2026-01-01", "2026-03-01", "2026-12-01"]
    assert series["red"].colour == "#D55E00" and series["red"].values == ["2026-12-21"]
    assert "+20 days on the baseline finish" in series["red"].hover[0]
    figure = render_plotly.figure(spec)
    bars = {t.name: t for t in figure.data if t.type == "bar"}
    assert bars["baseline"].width == 0.8 and bars["red"].width == 0.45  # the baseline a wide band behind
    assert bars["red"].x[0] == (334 + 20) * 24 * 3600 * 1000  # 1 Jan → 21 Dec 2026, in milliseconds
    # the programs' headings keep their rows, bold, with nothing drawn on them
    assert list(figure.layout.yaxis.ticktext) == ["<b>DIGITAL</b>", "Beta (P2)", "Alpha (P1)", "<b>FINANCE</b>", "Gamma (P3)"]
    status = [shape for shape in figure.layout.shapes if shape.type == "line"]
    assert len(status) == 1 and status[0].x0 == pd.Timestamp("2026-10-31").timestamp() * 1000
    assert "status date 31 Oct 2026" in [t.name for t in figure.data]


def test_roadmap_of_no_dated_project_says_so():
    spec = charts.roadmap(roadmap_rows().iloc[0:0])
    assert spec.is_empty and render_plotly.figure(spec).layout.annotations[0].text == "No project has a forecast finish"


def cost_rows() -> pd.DataFrame:
    return pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-10-01"]), "bac": [100000.0, 100000.0],
                         "pv": [74725.27, 83241.76], "ev": [70000.0, 72000.0], "ac": [65000.0, 90000.0]})


def test_cost_curve_draws_pv_ev_and_ac_by_month_under_the_budget_on_page_and_slide():
    spec = charts.cost_curve(cost_rows(), "Alpha", NumberFormat("EUR"))
    assert spec.categories == ["Sep 2026", "Oct 2026"]
    assert [(s.name, s.colour, s.dash) for s in spec.series] == [
        ("PV (planned value)", "#222222", True), ("EV (earned value)", charts.NEUTRAL, False),
        ("AC (actual cost)", charts.HEALTH_COLOURS["red"], False)]
    assert spec.series[2].values == [65000.0, 90000.0]
    assert spec.reference_lines == (("y", 100000.0),) and spec.value_range == (0, 108000.0)  # BAC, 8 % above it
    figure = render_plotly.figure(spec)
    assert [list(t.y) for t in figure.data] == [[74725.27, 83241.76], [70000.0, 72000.0], [65000.0, 90000.0]]
    assert figure.data[0].line.dash == "dash"
    _, chart = slide_with(spec)  # a native line chart in the deck
    assert [(s.name, list(s.values)) for s in chart.plots[0].series][2] == ("AC (actual cost)", [65000.0, 90000.0])


def test_cost_curve_without_earned_value_says_so():
    nothing = cost_rows().assign(pv=None, ev=None, ac=None)
    assert charts.cost_curve(nothing).empty_message == "No earned value: budgets, actuals and baselines are needed"
    assert charts.cost_curve(cost_rows().iloc[0:0]).is_empty


def test_milestone_trend_has_a_line_per_milestone():
    frame = pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-10-01", "2026-10-01"]),
                          "name": ["Go-live", "Go-live", "UAT"],
                          "forecast_finish": pd.to_datetime(["2027-01-31", "2027-02-21", "2026-12-01"])})
    figure = render_plotly.figure(charts.milestone_trend(frame))
    assert [t.name for t in figure.data] == ["Go-live", "UAT"]
    assert list(figure.data[0].x) == ["Sep 2026", "Oct 2026"]
    assert pd.isna(figure.data[1].y[0]) and figure.data[1].y[1] == pd.Timestamp("2026-12-01")


def test_empty_data_gives_a_chart_that_says_so():
    figure = render_plotly.figure(charts.health_trend(pd.DataFrame(columns=["period", "health", "projects"])))
    assert figure.layout.annotations[0].text == "No months loaded"
    aging = charts.issue_aging(pd.DataFrame({"aging_bucket": ["0–30"], "open_issues": [0], "overdue": [0]}))
    assert render_plotly.figure(aging).layout.annotations[0].text == "No open issues"


def test_utilisation_heatmap_keeps_the_most_loaded_people():
    frame = pd.DataFrame({"resource_name": [f"P{n}" for n in range(50)], "month": pd.Timestamp("2026-10-01"),
                          "utilisation_pct": [float(n) for n in range(50)], "planned_hours": 1, "capacity_hours": 1})
    spec = charts.utilisation_heatmap(frame)
    assert len(spec.matrix.rows) == 40 and "P49" in spec.matrix.rows and "P9" not in spec.matrix.rows
    assert "the 40 most loaded of 50 people" in render_plotly.figure(spec).layout.title.text


def test_capacity_is_a_line_over_the_demand_on_page_and_slide():
    frame = pd.DataFrame({"group_name": ["Data", "Data", "PMO", "PMO"], "month": pd.to_datetime(["2026-10-01", "2026-11-01"] * 2),
                          "capacity_hours": [100.0, 100.0, 50.0, 50.0], "demand_hours": [80.0, 120.0, 40.0, 45.0]})
    spec = charts.capacity_demand(frame)
    figure = render_plotly.figure(spec)
    capacity = next(t for t in figure.data if t.name == "capacity")
    assert capacity.type == "scatter" and list(capacity.y) == [150.0, 150.0]
    deck, chart = slide_with(spec)
    line_plots = [p for p in chart.plots if p.__class__.__name__ == "LinePlot"]
    assert [s.name for s in line_plots[0].series] == ["capacity"] and list(line_plots[0].series[0].values) == [150.0, 150.0]
    assert [s.name for s in chart.plots[0].series] == ["Data", "PMO"] and list(chart.plots[0].series[0].values) == [80.0, 120.0]
    buffer = io.BytesIO()
    deck.save(buffer)
    Presentation(io.BytesIO(buffer.getvalue()))  # the combined chart is valid enough to open again


def test_budget_by_objective_splits_by_the_budgets_of_each_health(demo_copy):
    """October demo: 'Meet regulatory obligations' has two red projects, PRJ-020 (315,000) and
    PRJ-022 (145,000): its red segment is their 460,000, not the objective's budget × 2/6 projects."""
    from pmo_data import queries
    from pmo_data.store import open_store

    frame = queries.strategic_alignment(open_store(demo_copy), queries.Filters(period=dt.date(2026, 10, 1)))
    spec = charts.strategic_alignment(frame, numbers=NumberFormat("USD"))
    red = next(trace for trace in render_plotly.figure(spec).data if trace.name == "red")
    segments = dict(zip(red.y, red.x))
    assert segments["Meet regulatory obligations"] == 460_000
    assert segments["Improve customer experience"] == 2_055_000  # PRJ-007 1,315,000 + PRJ-015 740,000
    budgets = frame.set_index("strategic_objective")
    assert (budgets[["green_budget", "amber_budget", "red_budget", "grey_budget"]].sum(axis=1) == budgets["budget"]).all()
    regulatory = spec.categories.index("Meet regulatory obligations")
    assert spec.totals[regulatory] == f"$4.11 M ({budgets.loc['Meet regulatory obligations', 'budget_share_pct']:.0f}%)"
    _, chart = slide_with(spec)
    slide_red = next(s for s in chart.plots[0].series if s.name == "red")
    assert dict(zip(chart.plots[0].categories, slide_red.values))[f"Meet regulatory obligations · {spec.totals[regulatory]}"] == 460_000


def chart_workbook_parts(deck) -> dict[str, str]:
    """The parts (name → text) of the workbook inside the deck's first chart."""
    buffer = io.BytesIO()
    deck.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as pptx:
        workbook = next(n for n in pptx.namelist() if n.endswith(".xlsx"))
        with zipfile.ZipFile(io.BytesIO(pptx.read(workbook))) as xlsx:
            return {name: xlsx.read(name).decode(errors="replace") for name in xlsx.namelist()}


def test_text_from_the_data_is_inert_in_the_chart_workbook_and_the_title():
    """A category from the data that a spreadsheet would run (=HYPERLINK…) is written as text into
    the workbook inside the slide's chart; plotly titles show tags as text, not links."""
    hostile = '=HYPERLINK("http://evil.example","click")'
    spec = ChartSpec("column", "<a href='http://evil.example'>Budget</a>", categories=[hostile, "Grow\x1b revenue"],
                     series=[Series("budget", [1.0, 2.0], "#0072B2")])
    deck, _ = slide_with(spec)
    parts = chart_workbook_parts(deck)
    sheet, strings = parts["xl/worksheets/sheet1.xml"], parts["xl/sharedStrings.xml"]
    assert "<f>" not in sheet and "HYPERLINK" in strings and "\x1b" not in strings
    title = render_plotly.figure(spec).layout.title.text
    assert "<a " not in title and "&lt;a href" in title


def test_a_crowd_of_projects_at_one_spot_gets_one_label_listing_them():
    """Five projects at SPI 0.99 / CPI 0.99 would be one blot of five overlapping labels: they stay
    on a tight ring (within 0.02 of their values, all below 1.0) under one label naming all five."""
    frame = pd.DataFrame({"project_id": [f"P{n}" for n in range(1, 6)] + ["Q"], "project_name": list("ABCDEF"),
                          "spi": [0.99] * 5 + [0.7], "cpi": [0.99] * 5 + [0.75], "bac": [1.0] * 6,
                          "health": ["green"] * 5 + ["red"]})
    bubbles = charts.performance_bubble(frame).series[0]
    assert bubbles.labels == ["P1, P2, P3\nP4, P5", "", "", "", "", "Q"]
    assert bubbles.ids == ["P1", "P2", "P3", "P4", "P5", "Q"]  # each bubble still opens its own project
    assert bubbles.x[:5] == [0.99] * 5 and bubbles.values[:5] == [0.99] * 5  # the data stay true
    assert all(abs(x - 0.99) < 0.02 and x < 1.0 for x, _ in bubbles.label_at[:5])  # the label, on a tight ring
    assert all(abs(y - 0.99) < 0.02 and y < 1.0 for _, y in bubbles.label_at[:5])
    figure = render_plotly.figure(charts.performance_bubble(frame))
    assert [a.text for a in figure.layout.annotations if a.showarrow] == ["P1, P2, P3<br>P4, P5"]


DEPENDENCY_COLUMNS = ["project_id", "project_name", "dependency_id", "dependency", "depends_on_project_id",
                      "depends_on_project_name", "cross_project", "state", "due_date", "days_overdue"]


def test_dependency_matrix_has_a_row_per_dependent_and_a_column_per_project_depended_on():
    T = pd.Timestamp
    deps = pd.DataFrame([
        ["P3", "Gamma", "D1", "Gamma needs Alpha's API", "P1", "Alpha", True, "overdue", T(2026, 10, 16), 15],
        ["P3", "Gamma", "D2", "Gamma needs Alpha's data", "P1", "Alpha", True, "open", T(2026, 12, 1), None],
        ["P2", "Beta", "D3", "Beta needs Gamma live", "P3", "Gamma", True, "closed", T(2026, 9, 1), None],
        ["P2", "Beta", "D4", "Vendor licence", None, None, False, "overdue", T(2026, 9, 30), 31],  # outside: left out
    ], columns=DEPENDENCY_COLUMNS)
    spec = charts.dependency_matrix(deps, "Oct 2026")
    matrix = spec.matrix
    # rows by id: P2 Beta, P3 Gamma; columns by id: P1 Alpha, P3 Gamma
    assert (matrix.rows, matrix.columns) == (["Beta", "Gamma"], ["Alpha", "Gamma"])
    assert matrix.text == [["", "1"], ["2", ""]]
    # a cell takes its worst dependency's colour: D1 overdue beats D2 open
    assert matrix.colours == [[charts.NO_DEPENDENCY, charts.BASELINE], [charts.HEALTH_COLOURS["red"], charts.NO_DEPENDENCY]]
    assert matrix.dimmed == [[True, False], [False, True]]
    assert matrix.ids[1][0] == "P3|P1"
    assert matrix.hover[1][0] == ("Gamma depends on Alpha\nD1 Gamma needs Alpha's API: due 16 Oct 2026, 15 days overdue\n"
                                  "D2 Gamma needs Alpha's data: due 01 Dec 2026 (open)")
    assert matrix.hover[0][0] == "Beta does not depend on Alpha"
    assert [s.name for s in spec.series] == ["overdue", "open", "closed"]  # the legend of the cell colours
    figure = render_plotly.figure(spec)
    assert list(figure.layout.yaxis.ticktext) == ["Gamma", "Beta"]  # plotly's y axis counts upwards
    assert figure.data[0].text[2] == "2"  # row Gamma, column Alpha
    _, table = slide_with(spec)
    assert table.cell(2, 1).text == "2" and table.cell(2, 0).text == "Gamma"


def test_dependency_matrix_without_cross_project_dependencies_says_so():
    outside = pd.DataFrame([["P2", "Beta", "D4", "Vendor licence", None, None, False, "open", None, None]],
                           columns=DEPENDENCY_COLUMNS)
    spec = charts.dependency_matrix(outside)
    assert spec.is_empty and render_plotly.figure(spec).layout.annotations[0].text == (
        "No project depends on another project of the portfolio")


@pytest.mark.parametrize("hostile", ['{=HYPERLINK("http://evil.example","x")}', "http://evil.example", "HTTPS://evil.example",
                                     "mailto:boss@example.com", "file:///etc/passwd", "external:c:\\\\x.xlsx", "internal:Sheet2!A1"])
def test_no_chart_workbook_cell_is_a_formula_or_a_link(hostile):
    # issue 26, item 5: a team named {=HYPERLINK(…)} became an array formula, and URL-like names live hyperlinks
    spec = ChartSpec("column", "t", categories=[hostile, "plain"], series=[Series(hostile, [1.0, 2.0], "#0072B2")])
    deck, chart = slide_with(spec)
    parts = chart_workbook_parts(deck)
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert "<f" not in sheet and "<hyperlink" not in sheet and not any("sheet1.xml.rels" in n for n in parts)
    assert [c.replace("\u200b", "") for c in chart.plots[0].categories] == [hostile, "plain"]  # the text, as it was
