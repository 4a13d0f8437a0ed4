"""The first two sources: the canonical format and the PMO portfolio workbook template."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from pmo_data import sources
from pmo_data.importer import import_file
from pmo_data.readers import read_workbook
from tests.conftest import SAMPLE_DATA
from tests.files import write_csv, write_xlsx


def register_workbook(path):
    """A hand-kept PMO register in the template's layout, with the traps of real ones."""
    return write_xlsx(path, {
        "About": [["PMO portfolio workbook"], ["Reporting month", dt.date(2026, 9, 1)]],
        "Projects": [
            ["Project ID", "Project Name", "Program", "Project Manager", "Baseline Start", "Baseline Finish",
             "Forecast Finish", "Budget (USD)", "Actual Cost (USD)", "% Complete", "RAG", "Vendor"],
            ["P-1", "CRM Rollout", "Digital", "Ann Lee", dt.date(2026, 1, 1), dt.date(2026, 12, 31),
             "15/01/2027", "$250,000", 90000, "40%", "Amber", "Acme"],
            ["P-2", "Data Lake", "Data", "Bo Chen", "2026-03-01", "2027-02-28", None, 400000.0, "120,000", 0.3, "G", None],
            [None, "Row without an id", "Data", None, None, None, None, None, None, None, None, None],
        ],
        "Milestones": [
            ["Project ID", "Milestone ID", "Milestone", "Baseline Date", "Forecast Date", "Status", "Owner"],
            ["P-1", "M1", "Design sign-off", dt.date(2026, 4, 30), dt.date(2026, 5, 20), "Done", "Ann Lee"],
            ["P-1", "M2", "Go-live", dt.date(2026, 11, 30), dt.date(2027, 1, 15), "Not Started", "Ann Lee"],
        ],
        "RAID Log": [
            ["Project ID", "ID", "Type", "Title", "Probability", "Impact", "Cost Impact (USD)", "Status", "Date Raised"],
            ["P-1", "R1", "Risk", "Vendor late", "High", "Very High", "$50,000", "Open", dt.date(2026, 6, 1)],
            ["P-2", "I1", "Issue", "Licences missing", 3, 2, None, "Closed", dt.date(2026, 7, 1)],
        ],
        "Resources": [["Name", "Team", "Role", "Capacity (h/month)"], ["Ann Lee", "PMO", "PM", 140], ["Raj Iyer", "Dev", "Developer", 70]],
        "Resource Plan": [
            ["Name", "Project ID", dt.datetime(2026, 9, 1), dt.datetime(2026, 10, 1)],
            ["Ann Lee", "P-1", 60, 80],
            ["Raj Iyer", "P-1", 40, None],
            ["Raj Iyer", "P-2", 50, 50],
            ["Total", None, 150, 130],
        ],
        "Notes": [["anything the PMO keeps"]],
    })


def test_template_is_detected_over_other_sources(tmp_path):
    book = read_workbook(register_workbook(tmp_path / "register.xlsx"))
    best = sources.detect(book)[0]
    assert best.adapter.name == "pmo_template"
    # the Projects sheet's headers, and the template's other sheets beside it
    assert best.confidence == pytest.approx(0.6 + 0.4 * 11 / 21 + 0.1, abs=0.001)


def test_template_loads_exact_rows(store, tmp_path):
    result = import_file(store, register_workbook(tmp_path / "register.xlsx"))  # period from the About sheet
    assert result.period == dt.date(2026, 9, 1)
    assert result.rows_loaded == {"projects": 2, "tasks": 2, "risks": 2, "resources": 2, "allocations": 5}
    assert result.rows_read == 3 + 2 + 2 + 2 + 4
    assert [(r["sheet"], r["row"], r["reason"]) for r in result.report["rejected_rows"]] == [
        ("Projects", 4, "no project"), ("Resource Plan", 5, "total row"),
    ]
    assert result.report["warnings"] == ["sheets not loaded (PMO portfolio workbook does not use them): Notes"]

    p1 = store.query("select * from projects where project_id = 'P-1'").iloc[0]
    assert (p1.project_name, p1.program, p1.manager, p1.budget, p1.actual_cost, p1.percent_complete, p1.reported_health) == (
        "CRM Rollout", "Digital", "Ann Lee", 250000.0, 90000.0, 40.0, "amber")
    assert (p1.baseline_finish.date(), p1.forecast_finish.date()) == (dt.date(2026, 12, 31), dt.date(2027, 1, 15))
    assert json.loads(p1.extra) == {"Vendor": "Acme"}
    p2 = store.query("select * from projects where project_id = 'P-2'").iloc[0]
    assert (p2.budget, p2.actual_cost, p2.percent_complete, p2.reported_health) == (400000.0, 120000.0, 30.0, "green")
    assert pd.isna(p2.forecast_finish)

    milestones = store.query("select task_id, is_milestone, status_category, baseline_finish, finish_date from tasks order by 1")
    assert milestones.values.tolist() == [
        ["M1", True, "done", pd.Timestamp(2026, 4, 30), pd.Timestamp(2026, 5, 20)],
        ["M2", True, "todo", pd.Timestamp(2026, 11, 30), pd.Timestamp(2027, 1, 15)],
    ]
    risks = store.query("select risk_id, kind, probability, impact, score, cost_impact, status from risks order by 1")
    assert risks.values.tolist()[0][:5] == ["I1", "issue", 3, 2, 6]
    assert risks.values.tolist()[1] == ["R1", "risk", 4, 5, 20, 50000.0, "open"]
    allocations = store.query("select resource_name, project_id, month, planned_hours from allocations order by all")
    assert allocations.values.tolist() == [
        ["Ann Lee", "P-1", pd.Timestamp(2026, 9, 1), 60.0],
        ["Ann Lee", "P-1", pd.Timestamp(2026, 10, 1), 80.0],
        ["Raj Iyer", "P-1", pd.Timestamp(2026, 9, 1), 40.0],
        ["Raj Iyer", "P-2", pd.Timestamp(2026, 9, 1), 50.0],
        ["Raj Iyer", "P-2", pd.Timestamp(2026, 10, 1), 50.0],
    ]


def test_canonical_workbook_with_one_sheet_per_table(store, tmp_path):
    path = write_xlsx(tmp_path / "canonical.xlsx", {
        "projects": [["project_id", "project_name", "budget", "baseline_finish"], ["A", "Alpha", 1000, dt.date(2026, 12, 1)]],
        "risks": [["project_id", "risk_id", "kind", "probability", "impact"], ["A", "R1", "issue", 2, 5]],
        "allocations": [["resource_name", "project_id", "month", "planned_hours"], ["Kim", "A", dt.date(2026, 10, 1), 32]],
    })
    result = import_file(store, path, "2026-10")
    assert result.source == "canonical"
    assert result.rows_loaded == {"projects": 1, "risks": 1, "allocations": 1}
    assert store.query("select kind, score from risks").values.tolist() == [["issue", 10]]
    assert store.scalar("select planned_hours from allocations") == 32.0


def test_canonical_csv_is_recognised_by_its_headers_whatever_its_name(tmp_path):
    path = write_csv(tmp_path / "export 2026.csv", "project_id,task_id,name,Sprint\nA,1,x,S1\n")
    best = sources.detect(read_workbook(path))[0]
    assert best.adapter.name == "canonical"
    assert best.confidence == pytest.approx(0.55 + 0.45 * 3 / 4, abs=0.001)


def test_unknown_layout_is_said_plainly(tmp_path):
    path = write_csv(tmp_path / "shopping.csv", "Item,Price\nMilk,1.20\n")
    with pytest.raises(sources.UnknownFormat, match="shopping.csv: layout not recognised"):
        sources.choose(read_workbook(path))


def test_sample_template_is_the_empty_template():
    book = read_workbook(SAMPLE_DATA / "pmo_portfolio_template.xlsx")
    assert [s.name for s in book.sheets] == ["About", "Projects", "Milestones", "RAID Log", "Resources", "Status",
                                             "Path to Green", "Decisions", "Actions", "Dependencies", "Gates", "Resource Plan"]
    assert all(sheet.row_count == 1 for sheet in book.sheets[1:])  # headers only: a template to fill in
    assert book.sheet("Projects").table().headers[:3] == ["Project ID", "Project Name", "Program"]
    assert sources.choose(book).adapter.name == "pmo_template"
