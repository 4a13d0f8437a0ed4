"""Readers: encodings, delimiters, quoted cells, header rows, repeated headers, broken files."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pmo_data.readers import UnreadableFile, detect_header_row, read_workbook, unique_labels
from tests.files import write_csv, write_xlsx

CSV_TEXT = 'Task,Owner,Note\nDesign,Zoë Müller,"line one\nline two"\nBuild,Renée Éclair,"a ""quoted"" word"\n'


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_csv_encodings_are_detected_and_text_is_exact(tmp_path, encoding, expected):
    book = read_workbook(write_csv(tmp_path / "t.csv", CSV_TEXT, encoding))
    assert book.encoding == expected
    frame = book.sheets[0].table().frame
    assert list(frame.columns) == ["Task", "Owner", "Note"]
    assert frame["Owner"].tolist() == ["Zoë Müller", "Renée Éclair"]
    assert frame["Note"].tolist() == ["line one\nline two", 'a "quoted" word']


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_sniffed(tmp_path, delimiter):
    text = delimiter.join(["id", "name", "hours"]) + "\n" + delimiter.join(["1", "Design, phase 1" if delimiter != "," else "Design", "1,5"]) + "\n"
    if delimiter == ",":
        text = 'id,name,hours\n1,Design,"1,5"\n'
    book = read_workbook(write_csv(tmp_path / "t.csv", text))
    assert book.delimiter == delimiter
    assert book.sheets[0].table().frame["hours"].tolist() == ["1,5"]


def test_header_row_below_title_and_metadata_rows(tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {"Tasks": [
        ["Plan name", "Website"],
        ["Plan ID", "abc123"],
        ["Date of export", "05/14/2021"],
        [],
        ["Task ID", "Task Name", "Bucket Name", "Progress"],
        ["t1", "Write copy", "Content", "Completed"],
        ["t2", "Review", "Content", "Not started"],
    ]})
    table = read_workbook(path).sheet("tasks").table()
    assert table.header_row == 5
    assert table.headers == ["Task ID", "Task Name", "Bucket Name", "Progress"]
    assert table.frame["Task Name"].tolist() == ["Write copy", "Review"]
    assert table.row_number(1) == 7


def test_header_detection_skips_working_days_row_and_accepts_month_headers():
    grid = [
        ["Resource plan FY27", None, None, None],
        ["Working days", None, 21, 22],
        ["Name", "Project", dt.datetime(2026, 9, 1), dt.datetime(2026, 10, 1)],
        ["Ana", "PRJ-1", 10, 12],
    ]
    assert detect_header_row(grid) == 2


def test_repeated_headers_are_all_kept(tmp_path):
    path = write_csv(tmp_path / "jira.csv", "Summary,Sprint,Sprint,Labels,Sprint\nFix,S1,S2,ui,\n")
    table = read_workbook(path).sheets[0].table()
    assert table.headers == ["Summary", "Sprint", "Sprint", "Labels", "Sprint"]
    labels = table.labels_for("sprint")
    assert labels == ["Sprint", "Sprint [2]", "Sprint [3]"]
    first_row = [table.frame[label].iloc[0] for label in labels]
    assert first_row[:2] == ["S1", "S2"] and pd.isna(first_row[2])


def test_unique_labels_name_blank_headers_by_position():
    assert unique_labels(["A", "", "a", "B"]) == ["A", "Column 2", "a [2]", "B"]


def test_cells_beyond_the_header_are_kept_not_dropped(tmp_path):
    path = write_csv(tmp_path / "ragged.csv", "a,b\n1,2\n3,4,5\n")
    frame = read_workbook(path).sheets[0].table().frame
    assert list(frame.columns) == ["a", "b", "Column 3"]
    assert frame["Column 3"].isna().tolist() == [True, False] and frame["Column 3"].iloc[1] == "5"


def test_xlsx_cells_keep_their_types(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", {"S": [["Name", "Start", "Budget"], ["A", dt.date(2026, 1, 15), 1200.5]]})
    frame = read_workbook(path).sheet("S").table().frame
    assert frame["Start"].iloc[0] in (dt.date(2026, 1, 15), dt.datetime(2026, 1, 15))
    assert frame["Budget"].iloc[0] == 1200.5


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.xlsx", b"", "the file is empty"),
        ("empty.csv", b"", "the file is empty"),
        ("blank.csv", b"  \n\n", "the file is empty"),
        ("fake.xlsx", b"this is just text, renamed", "not a valid Excel workbook"),
        ("binary.csv", bytes(range(256)) * 4, "not a text file"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
    ],
)
def test_unreadable_files_give_one_line_reasons(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as error:
        read_workbook(path)
    assert reason in str(error.value)
    assert "\n" not in str(error.value)
    assert str(error.value).startswith(name)


def test_truncated_xlsx_is_unreadable(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [["a", "b"], [1, 2]]})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(UnreadableFile, match="broken.xlsx: not a valid Excel workbook"):
        read_workbook(broken)


@pytest.mark.real_exports
def test_real_planner_export_header_on_row_5(real_export):
    book = read_workbook(real_export("planner_planning.xlsx"))
    table = book.sheet("Tasks").table()
    assert table.header_row == 5
    assert table.headers[:3] == ["Task ID", "Task Name", "Bucket Name"]
    assert len(table.frame) == 632


@pytest.mark.real_exports
def test_real_raid_log_header_on_row_4(real_export):
    book = read_workbook(real_export("raid_log.xlsx"))
    table = book.sheet("Risk Register").table()
    assert table.header_row == 4
    assert table.headers[:4] == ["ID", "Author", "Date Identified", "Description"]
