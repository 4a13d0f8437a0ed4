"""Exports: the deck's native charts carry the KPI values of the database, tables cannot run
formulas in the recipient's spreadsheet, charts render to PNG/SVG where Chromium exists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.dml.color import RGBColor
from pptx.util import Inches

from pmo_data import exports, queries, tabular
from pmo_data.cli import main
from pmo_data.deck import CHANGE_ROWS_PER_SLIDE, DeckRequest, build_deck
from pmo_data.charts import HEALTH_COLOURS
from pmo_data.formatting import NumberFormat
from pmo_data.images import browser_path, figure_bytes
from pmo_data.importer import import_file
from pmo_data.store import open_store

OCTOBER = dt.date(2026, 10, 1)


@pytest.fixture
def demo_store(demo_copy):
    return open_store(demo_copy)


def charts_by_title(deck: Presentation) -> dict[str, object]:
    """Each native chart by its own title, or its slide's title when the slide holds only it."""
    return {shape.chart.chart_title.text_frame.text if shape.chart.has_title else slide.shapes.title.text: shape.chart
            for slide in deck.slides for shape in slide.shapes if shape.has_chart}


def test_deck_opens_with_the_story_and_has_every_section_with_native_charts(demo_store):
    filters = queries.Filters(period=OCTOBER)
    deck = Presentation(io.BytesIO(build_deck(demo_store, DeckRequest(filters, projects=("PRJ-007",)))))
    titles = [slide.shapes.title.text for slide in deck.slides]
    change_pages = math.ceil(len(queries.changes(demo_store, filters)) / CHANGE_ROWS_PER_SLIDE)
    changes = [f"What changed since last month ({n}/{change_pages})" for n in range(1, change_pages + 1)] \
        if change_pages > 1 else ["What changed since last month"]
    assert titles == [
        "Portfolio review · October 2026", "Executive summary · October 2026", "Portfolio summary · October 2026",
        "RAG by program", "Schedule vs cost performance (labels are project IDs)",
        "Budget by strategic objective, by the health of its projects",
        "Projects needing attention (1/2)", "Projects needing attention (2/2)", "Decisions needed", "Overdue actions",
        "Risk matrix and top risks", "Risks and issues over time", "Resource load", "Capacity vs demand by team", *changes,
        "What is coming: the next 30 days (1/2)", "What is coming: the next 30 days (2/2)",
        "Customer Portal Replatform · red",
    ]
    summary = "\n".join(shape.text_frame.text for shape in deck.slides[1].shapes if shape.has_text_frame)
    assert "9 of 25 projects red (+4 since September)" in summary
    assert "Customer Portal Replatform reports green but computes red" in summary  # the watermelon, named
    assert "2 critical risks open, both on IFRS 17 Reporting." in summary
    charts = charts_by_title(deck)
    assert {title: chart.chart_type for title, chart in charts.items()} == {
        "Projects by health (PMO overrides applied)": XL_CHART_TYPE.DOUGHNUT,
        "Project health by month (PMO overrides applied)": XL_CHART_TYPE.COLUMN_STACKED,
        "Schedule vs cost performance (labels are project IDs)": XL_CHART_TYPE.BUBBLE,
        "Budget by strategic objective, by the health of its projects": XL_CHART_TYPE.BAR_STACKED,
        "Risks and issues over time": XL_CHART_TYPE.COLUMN_STACKED,
        "People over 100 % of capacity, by plan month": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "Capacity vs demand by team": XL_CHART_TYPE.COLUMN_STACKED,
    }
    capacity = charts["Capacity vs demand by team"]
    assert [s.name for s in capacity.plots[1].series] == ["capacity"]  # the capacity line over the demand
    # teams have no colour of their own: they take the template's accent colours, in order
    assert [s.format.fill.fore_color.theme_color for s in capacity.plots[0].series][:2] == [
        MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2]
    assert deck.slide_width == Inches(13.333) and deck.slide_height == Inches(7.5)
    footers = [shape.text_frame.text for slide in list(deck.slides)[1:] for shape in slide.shapes
               if shape.has_text_frame and "produced" in shape.text_frame.text]
    # every slide says what its figures are as of (issue 25, defect 11) and carries its number
    assert len(footers) == len(titles) - 1 and all(
        f.startswith("Oct 2026 · all projects · status date 31 Oct 2026 · produced") for f in footers)
    numbers = [next(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame
                    and shape.text_frame.text.isdigit()) for slide in list(deck.slides)[1:]]
    assert numbers == [str(n) for n in range(2, len(titles) + 1)]
    assert not any("docs/" in shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                   if shape.has_text_frame)  # no file paths on a slide


def test_deck_chart_values_equal_the_kpis_for_the_same_filters(demo_store):
    filters = queries.Filters(period=OCTOBER, programs=("Digital Channels",))
    deck = Presentation(io.BytesIO(build_deck(demo_store, DeckRequest(filters))))
    charts = charts_by_title(deck)
    health = demo_store.query("select health, count(*) n from kpi_project_health where period = '2026-10-01' "
                              "and program = 'Digital Channels' group by all")
    expected = dict(zip(health["health"], health["n"]))
    doughnut = charts["Projects by health (PMO overrides applied)"].plots[0]
    assert dict(zip(doughnut.categories, doughnut.series[0].values)) == {
        h: float(expected.get(h, 0)) for h in ("red", "amber", "green", "grey")}
    trend = charts["Project health by month (PMO overrides applied)"].plots[0]
    red = next(s for s in trend.series if s.name == "red")
    per_month = demo_store.query("select period, count(*) filter (where health = 'red') n from kpi_project_health "
                                 "where program = 'Digital Channels' group by all order by 1")
    assert list(red.values) == [float(n) for n in per_month["n"]]
    bubble = charts["Schedule vs cost performance (labels are project IDs)"].plots[0].series[0]
    rows = queries.project_health(demo_store, filters).dropna(subset=["spi", "cpi"])
    labels = [point.data_label.text_frame.text for point in bubble.points]
    assert len(rows) == 7 and sorted(labels) == sorted(rows["project_id"])  # every bubble labelled with its project
    true_cpi = dict(zip(rows["project_id"], rows["cpi"]))
    for label, shown in zip(labels, bubble.values):  # spread apart at most a little, never across the 1.0 line
        assert abs(shown - true_cpi[label]) < 0.08 and (shown < 1) == (true_cpi[label] < 1)
    rag = next(slide for slide in deck.slides if slide.shapes.title.text == "RAG by program")
    table = next(shape.table for shape in rag.shapes if shape.has_table)
    assert [table.cell(1, c).text for c in range(6)] == [
        "Digital Channels", "7: 3 red, 1 amber, 3 green", "2 red, 2 amber", "1 red", "2 red, 1 amber", "on plan"]


def slide_tables(deck: Presentation, title: str) -> list[list[list[str]]]:
    """The cell texts of every table on the slides whose title starts with `title`, header row first."""
    return [[[cell.text for cell in row.cells] for row in shape.table.rows]
            for slide in deck.slides if slide.shapes.title.text.startswith(title)
            for shape in slide.shapes if shape.has_table]


def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_deck_carries_the_review_s_decisions_overdue_actions_what_is_coming_and_the_pm_s_words(demo_store):
    """The demo's October review (status date 31 Oct 2026): open decisions D-003 (needed by 15 Oct,
    so late), D-005 and D-004, and PRJ-007's and PRJ-020's status reports' asks; actions A-002 (due
    9 Oct, 22 days overdue), A-003 (16 Oct, 15), A-005 (20 Oct, 11; left out of October's log) raised
    at the September review, A-008 (24 Oct, 7) at October's; 18 milestones and gates by 30 Nov."""
    deck = Presentation(io.BytesIO(build_deck(demo_store, DeckRequest(queries.Filters(period=OCTOBER),
                                                                      projects=("PRJ-007",)))))
    [decisions] = slide_tables(deck, "Decisions needed")
    assert decisions == [
        ["Project", "Decision or ask", "Owner (else sponsor)", "Needed by", "From"],
        ["AML Transaction Monitoring (PRJ-022)", "Roll the AML scenarios out in two phases (D-003)",
         "James Whitfield (CIO)", "15 Oct 2026", "decision log"],
        # each status report's ask is its logged decision (issue 25, defect 11): listed once, from both
        ["IFRS 17 Reporting (PRJ-020)", "Interim manual process for the Q4 IFRS 17 disclosures (D-005)",
         "Liam O'Neill (CDO)", "10 Nov 2026", "decision log, status report"],
        ["Customer Portal Replatform (PRJ-007)", "Approve a $180k contingency and a re-baselined go-live (D-004)",
         "Karin Berg (CFO)", "18 Nov 2026", "decision log, status report"],
    ]
    decisions_slide = next(s for s in deck.slides if s.shapes.title.text == "Decisions needed")
    late = next(shape.table for shape in decisions_slide.shapes if shape.has_table).cell(1, 3)
    assert late.fill.fore_color.rgb == RGBColor.from_string(HEALTH_COLOURS["red"].lstrip("#"))  # 15 Oct < 31 Oct
    [actions] = slide_tables(deck, "Overdue actions")
    assert actions == [
        ["Action", "Project", "Owner", "Due", "Days overdue", "Raised in"],
        ["Vendor to deliver a security fix plan (A-002)", "Customer Portal Replatform (PRJ-007)", "Grace Okafor",
         "09 Oct 2026", "22", "Sep 2026 review"],
        ["Re-plan the Customer 360 data feeds with the source owners (A-003)", "Customer 360 Analytics (PRJ-015)",
         "Grace Okafor", "16 Oct 2026", "15", "Sep 2026 review"],
        ["Order replacement conveyor sensors (A-005)", "Warehouse Automation (PRJ-008)", "Hiro Tanaka", "20 Oct 2026",
         "11", "Sep 2026 review"],
        ["Confirm the decommission date with the data platform team (A-008)", "Legacy DWH Decommission (PRJ-019)",
         "Chloé Dubois", "24 Oct 2026", "7", "Oct 2026 review"],
    ]
    coming = [row for table in slide_tables(deck, "What is coming") for row in table[1:]]
    assert len(coming) == 18 and [len(table) for table in slide_tables(deck, "What is coming")] == [13, 7]
    assert coming[0] == ["02 Nov 2026", "2 d", "milestone", "Build complete", "Shared Services Consolidation (PRJ-011)",
                         "+6 d"]  # baseline 27 Oct
    assert coming[1] == ["04 Nov 2026", "4 d", "gate", "Gate 5: Closure", "Fleet Telematics (PRJ-010)", "–"]
    assert sorted(row[4] for row in coming if row[2] == "gate") == [
        "Chatbot for Customer Service (PRJ-003)", "Data Governance Programme (PRJ-016)", "Demand Forecasting ML (PRJ-017)",
        "Fleet Telematics (PRJ-010)"]
    # what changed: the actions that became overdue in October, one line per project
    changed = [row for table in slide_tables(deck, "What changed since last month") for row in table[1:]]
    assert [row for row in changed if row[1] == "action overdue"][-1] == [
        "Customer Portal Replatform (PRJ-007)", "action overdue", "Vendor to deliver a security fix plan",
        "1 action overdue: A-002 Vendor to deliver a security fix plan (Grace Okafor, due 09 Oct 2026, 22 d overdue)"]
    project = next(s for s in deck.slides if s.shapes.title.text == "Customer Portal Replatform · red")
    texts = slide_texts(project)
    summary = next(t for t in texts if t.startswith("PM's summary"))
    assert summary == ("PM's summary · Grace Okafor\nBuild complete (due 15 Sep) is still open: the vendor's integration "
                       "API failed the security review and has to be reworked, which puts go-live 11 weeks behind the "
                       "baseline. Contractor days for the rework take spend above the plan: the forecast is 35 % over "
                       "budget. We report green because go-live can still land in Q1 2027 if the recovery plan below is "
                       "approved in November.")
    assert next(t for t in texts if t.startswith("Path to green")).split("\n") == [
        "Path to green",
        "• Two more integration developers on the rework — Grace Okafor, by 09 Nov 2026",
        "• Go-live re-baselined with the sponsor at the steering committee — Grace Okafor, by 18 Nov 2026",
        "• Security fixes to the vendor API re-tested and signed off — Omar Larsen, by 20 Nov 2026",
    ]


def test_a_project_slide_without_a_report_says_so_and_a_long_summary_is_cut(demo_store):
    """PRJ-012 sent no October report; an editor's 1,000-character summary of PRJ-001 is cut to fit."""
    from pmo_data.deck import SUMMARY_TEXT

    with demo_store.transaction("test: a long summary") as cur:
        cur.execute("update status_reports set summary = repeat('word ', 200) where project_id = 'PRJ-001' "
                    "and period = '2026-10-01'")
    deck = Presentation(io.BytesIO(build_deck(demo_store, DeckRequest(queries.Filters(period=OCTOBER), (),
                                                                      projects=("PRJ-012", "PRJ-001")))))
    silent, long = deck.slides[1], deck.slides[2]
    assert "No status report from the PM this month." in slide_texts(silent)
    summary = next(t for t in slide_texts(long) if t.startswith("PM's summary")).split("\n")[1]
    assert len(summary) == SUMMARY_TEXT and summary.endswith("word…")


def test_deck_uses_a_corporate_template(demo_store, tmp_path):
    template = Presentation()  # 4:3, with one example slide the deck must not keep
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "Example slide"
    buffer = io.BytesIO()
    template.save(buffer)
    deck = Presentation(io.BytesIO(build_deck(demo_store, DeckRequest(queries.Filters(period=OCTOBER), ("summary",),
                                                                      template=buffer.getvalue()))))
    assert (deck.slide_width, deck.slide_height) == (template.slide_width, template.slide_height)
    assert [s.shapes.title.text for s in deck.slides][:3] == [
        "Portfolio review · October 2026", "Executive summary · October 2026", "Portfolio summary · October 2026"]
    assert all(s.shapes.title.text != "Example slide" for s in deck.slides)


HOSTILE = '=HYPERLINK("http://x","y")'


def test_xlsx_shows_formula_like_text_as_text(tmp_path):
    frame = pd.DataFrame({"project_name": [HOSTILE, "+1", "-cmd", "@SUM(A1)", "\tx", "Plain"], "budget": [1.5, 2, 3, 4, 5, -6]})
    book = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx({"projects": frame})))
    sheet = book["projects"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 8)]
    assert [c.value for c in cells] == [HOSTILE, "+1", "-cmd", "@SUM(A1)", "\tx", "Plain"]
    assert all(c.data_type == "s" for c in cells)  # strings, not formulas
    assert [c.value for c in sheet[1]] == ["Project", "Budget"]
    assert sheet.cell(row=7, column=2).value == -6 and sheet.cell(row=2, column=2).number_format == "#,##0"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:B7"


def test_csv_prefixes_formula_like_text():
    frame = pd.DataFrame({"project_name": [HOSTILE, "Plain"], "budget": [-1.0, 2.0]})
    rows = list(csv.reader(io.StringIO(tabular.to_csv(frame).decode("utf-8-sig"))))
    assert rows == [["Project", "Budget"], ["'" + HOSTILE, "-1"], ["Plain", "2"]]


def test_xlsx_of_project_health_reads_in_words_with_rounded_money_in_dollars(demo_store):
    frame = exports.TABLES["project_health"](demo_store, queries.Filters(period=OCTOBER))
    book = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx({"project_health": frame}, queries.number_format(demo_store))))
    sheet = book["project_health"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["Month", "Project ID", "Project", "Program"]
    assert {"Reasons", "SPI", "CPI", "EAC (USD)", "Earned value (USD)", "Cost overrun %", "Slip (days)"} <= set(headers)
    assert not {"eac", "health_reason_text", "finish_variance_days"} & set(headers)
    assert headers.count("Reasons") == 1  # the reasons once, as text, not again as a list
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "PRJ-007")
    cell = dict(zip(headers, row))
    # PRJ-007: EV = 1,315,000 × 49.266 % = 647,845.24; AC 875,500 → CPI 0.73997; PV 899,817.36 → SPI 0.71997
    assert cell["Earned value (USD)"].value == 647845 and cell["Earned value (USD)"].number_format == '"$"#,##0'
    assert (cell["EAC (USD)"].value, cell["Budget (USD)"].value, cell["Actual cost (USD)"].value) == (1777000, 1315000, 875500)
    assert (cell["SPI"].value, cell["CPI"].value, cell["SPI"].number_format) == (0.72, 0.74, "0.00#")
    assert (cell["Cost overrun %"].value, cell["Cost overrun %"].number_format) == (35.1, "0.0")
    assert cell["Baseline finish"].value == dt.datetime(2027, 3, 23) and cell["Baseline finish"].number_format == "dd mmm yyyy"
    assert cell["Month"].number_format == "mmm yyyy"
    assert cell["Reasons"].value.startswith("cost overrun 35% of budget by BAC / CPI (≥ 20%); CPI 0.74 < 0.85")
    assert sheet.freeze_panes == "A2"
    project_column = headers.index("Project") + 1
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(project_column)].width >= len("Customer Portal Replatform")


def test_csv_has_the_same_headers_and_rounded_values(demo_store):
    frame = exports.TABLES["over_allocated_people"](demo_store, queries.Filters(period=OCTOBER))
    rows = list(csv.reader(io.StringIO(tabular.to_csv(frame, queries.number_format(demo_store), "over_allocated_people")
                                       .decode("utf-8-sig"))))
    assert rows[0] == ["Person", "Team", "Role", "Peak load %", "Peak month", "Months over capacity",
                       "Projects loading them (hours in those months)"]
    assert rows[1][:5] == ["Amir Khan", "PMO", "Project Manager", "145.7", "2026-12-01"]  # 204 h ÷ 140 h = 145.71 %


def test_control_characters_in_a_name_do_not_break_an_export():
    frame = pd.DataFrame({"project_name": ["Core\x1b[31m banking\x00", "Plain"], "eac": [1234.56, None]})
    sheet = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx({"projects": frame}, NumberFormat("EUR"))))["projects"]
    assert [c.value for c in sheet[1]] == ["Project", "EAC (EUR)"]
    assert [sheet["A2"].value, sheet["B2"].value, sheet["B2"].number_format] == ["Core[31m banking", 1235, '"€"#,##0']
    assert sheet["B3"].value is None
    text = tabular.to_csv(frame).decode("utf-8-sig")
    assert "\x1b" not in text and "Core[31m banking" in text


def test_hostile_project_name_from_an_import_exports_as_text(store, tmp_path, capsys):
    path = tmp_path / "projects.csv"
    path.write_text(f'project_id,project_name,baseline_start,baseline_finish\nP1,"{HOSTILE.replace(chr(34), chr(34) * 2)}",'
                    "2026-01-01,2026-12-31\n", encoding="utf-8")
    import_file(store, path, "2026-10")
    out = tmp_path / "health.xlsx"
    assert main(["export", "xlsx", "project_health", "--db", str(store.path), "--out", str(out)]) == 0
    cell = openpyxl.load_workbook(out)["project_health"]["C2"]
    assert (cell.value, cell.data_type) == (HOSTILE, "s")


def test_cli_exports_deck_with_filters(demo_copy, tmp_path, capsys):
    out = tmp_path / "review.pptx"
    assert main(["export", "deck", "--db", str(demo_copy), "--period", "2026-10", "--filter", "program=Data & Analytics",
                 "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"{out}: deck, ")
    footer = next(shape.text_frame.text for shape in Presentation(out).slides[1].shapes
                  if shape.has_text_frame and "produced" in shape.text_frame.text)
    assert footer.startswith("Oct 2026 · Data & Analytics · status date 31 Oct 2026 · produced")
    assert main(["export", "deck", "--db", str(demo_copy), "--filter", "colour=red", "--out", str(out)]) == 1
    assert "use NAME=VALUE" in capsys.readouterr().err


@pytest.mark.skipif(browser_path() is None, reason="no Chromium: chart images cannot be made here")
def test_charts_render_to_png_and_svg(demo_store):
    figure = exports.chart_figure("risk_heatmap", demo_store, queries.Filters(period=OCTOBER))
    png = figure_bytes(figure, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (2560, 1440)  # 16:9 at 2× scale
    svg = figure_bytes(figure, "svg")
    assert svg.lstrip().startswith(b"<svg") and b"probability" in svg


@pytest.mark.skipif(browser_path() is None, reason="no Chromium: chart images cannot be made here")
def test_the_browser_can_be_closed_and_starts_again(demo_store):
    from pmo_data import images

    figure = exports.chart_figure("risk_heatmap", demo_store, queries.Filters(period=OCTOBER))
    assert figure_bytes(figure, "svg").lstrip().startswith(b"<svg")
    images.stop()
    assert images._started is False
    assert figure_bytes(figure, "png")[:8] == b"\x89PNG\r\n\x1a\n"  # started again on demand


def test_an_export_rounds_as_a_reader_rounds():
    # an analyst's hand check: CPI 1.0625 was exported 1.062 and a change of -0.0285 as -0.028
    from pmo_data.table_columns import half_up

    assert [half_up(1.0625, 3), half_up(-0.0285, 3), half_up(2.5, 0), half_up(-2.5, 0)] == [1.063, -0.029, 3.0, -3.0]
    table = tabular.for_export(pd.DataFrame({"cpi": [1.0625], "cpi_delta": [-0.02853]}), NumberFormat(), "portfolio_summary")
    assert table.frame.iloc[0].tolist() == [1.063, -0.029]


def test_a_csv_cell_cannot_run_in_a_semicolon_locale():
    # issue 26, item 15: "Plan;=1+2;" unquoted is three cells to Excel where ';' separates, the second a formula
    import csv as csv_module

    data = tabular.to_csv(pd.DataFrame({"project_name": ["Plan;=1+2;", "=HYPERLINK(\"x\")", "plain"]}))
    text = data.decode("utf-8-sig")
    for delimiter in (",", ";"):
        cells = [cell for row in csv_module.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), (delimiter, cells)
    assert text.splitlines()[1:] == ['"Plan;=1+2;"', '"\'=HYPERLINK(""x"")"', '"plain"']
