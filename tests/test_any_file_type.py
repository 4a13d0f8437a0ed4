"""Any format can arrive as CSV or as a workbook (issue 23): a tracker's export saved again in the
other file type is recognised as the same tracker and loads the same rows."""

from __future__ import annotations

import csv

import pytest

from pmo_data.importer import prepare
from pmo_data.readers import read_workbook
from tests.conftest import SAMPLE_DATA
from tests.files import write_xlsx

TRACKERS = SAMPLE_DATA / "trackers"
CSV_EXPORTS = {"jira_mobile_app.csv": "jira", "asana_accessibility.csv": "asana",
               "azure_devops_data_governance.csv": "azure_devops", "openproject_gdpr_retention.csv": "openproject"}
WORKBOOK_EXPORTS = {"monday_lean_office.xlsx": "monday", "smartsheet_procurement.xlsx": "smartsheet",
                    "ms_project_data_platform.xlsx": "ms_project"}


def _key_rows(prepared) -> list:
    tasks = prepared.tables["tasks"]
    return sorted(zip(tasks["task_id"].astype(str), tasks["name"].astype(str), tasks["status_category"].astype(str)))


@pytest.mark.parametrize("name", sorted(CSV_EXPORTS))
def test_a_csv_export_saved_as_a_workbook(tmp_path, name):
    source = TRACKERS / name
    encoding = read_workbook(source).encoding
    with source.open(encoding=encoding, newline="") as f:
        grid = list(csv.reader(f, delimiter=read_workbook(source).delimiter))
    saved = write_xlsx(tmp_path / (source.stem + ".xlsx"), {source.stem[:31]: grid})
    as_csv, as_workbook = prepare(source, "2026-10"), prepare(saved, "2026-10")
    assert as_workbook.detection.adapter.name == CSV_EXPORTS[name]
    assert _key_rows(as_workbook) == _key_rows(as_csv) and len(_key_rows(as_csv)) >= 10


@pytest.mark.parametrize("name", sorted(WORKBOOK_EXPORTS))
def test_a_workbook_export_saved_as_csv(tmp_path, name):
    source = TRACKERS / name
    book = read_workbook(source)
    sheet = next(s for s in book.sheets if s.name.casefold().startswith("task_table")) if name.startswith("ms_project") \
        else book.sheets[0]
    saved = tmp_path / (source.stem + ".csv")
    with saved.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["" if c is None else c for c in row] for row in sheet.grid])
    as_workbook, as_csv = prepare(source, "2026-10", project="P"), prepare(saved, "2026-10", project="P")
    assert as_csv.detection.adapter.name == WORKBOOK_EXPORTS[name]
    # the rows and their states are the same; Smartsheet's hierarchy (Excel's row outline) is what a CSV loses
    workbook_tasks, csv_tasks = as_workbook.tables["tasks"], as_csv.tables["tasks"]
    assert sorted(csv_tasks["name"].astype(str)) == sorted(workbook_tasks["name"].astype(str))
    assert sorted(csv_tasks["status_category"].astype(str)) == sorted(workbook_tasks["status_category"].astype(str))
