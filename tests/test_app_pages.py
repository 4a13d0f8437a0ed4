"""AppTest of every page: renders on the demo data and on an empty database, filters change
what is shown, the upload centre imports a file."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pages.common.layout import PAGES
from pmo_data.auth import hash_password
from pmo_data.importer import import_file, remove_import
from pmo_data.store import open_store
from tests.conftest import ROOT, SAMPLE_DATA, app_test, signed_in_app_test


pytestmark = pytest.mark.usefixtures("fresh_streamlit_caches")  # Streamlit caches outlive an AppTest


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = app_test()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page != PAGES[0][0]:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def imported(db_path, month: str, *files) -> None:
    """The database the pages open, with these files imported for `month` ('2026-10')."""
    from pmo_data.importer import import_file
    from pmo_data.store import open_store
    store = open_store(db_path)
    for path in files:
        import_file(store, path, month)
    store.close()


def data_page_with_upload(path, month: str) -> AppTest:
    """The Data page with `path` uploaded and `month` chosen as its reporting month."""
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
    at.selectbox(key="upload_month").set_value(month).run()
    return at


def frame_with(at: AppTest, column: str):
    return next(df.value for df in at.dataframe if column in getattr(df.value, "columns", []))


@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_every_page_renders_on_an_empty_database(db_path, page):
    at = open_page(page)
    assert "No data" in " ".join(i.value for i in at.info)


def test_portfolio_page_answers_the_meeting_questions(demo_copy):
    at = open_page("pages/portfolio.py")
    assert at.title[0].value == "Portfolio health · October 2026"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Red projects"] == "9 of 25"
    assert metrics["Watermelons"] == "1"
    assert metrics["People over-allocated"] == "5"
    projects = at.dataframe[0].value  # a Styler: its data
    assert projects.iloc[0][["project_name", "health", "reported_health", "watermelon"]].tolist() == [
        "Customer Portal Replatform", ["red"], ["green"], True]
    assert "milestone 'Build complete' 46 days overdue (> 14)" in projects.iloc[0]["health_reason_text"]
    brief = at.expander[0]
    assert brief.label.startswith("**In brief:** 9 of 25 projects red \\(\\+4 since September\\)")
    assert "Customer Portal Replatform reports green but computes red" in brief.markdown[0].value


def test_portfolio_page_tells_what_changed_as_minutes(demo_copy):
    """One table, grouped by project (the most important change first), one line per project and
    kind: October's 62 changes (36 of them milestone moves; 6 health changes, of which PRJ-004's and
    PRJ-011's are their PM's reported RAG; 4 actions overdue since September's status date) read as 39 lines."""
    at = open_page("pages/portfolio.py")
    assert [e.label.split(":**")[0] for e in at.expander] == ["**In brief"]  # no expander per kind of change
    lines = frame_with(at, "description")
    assert len(lines) == 39 and lines["items"].sum() == 62
    groups = lines["group"].tolist()
    assert groups[:3] == ["PRJ-002 · Online Checkout Redesign"] * 3
    assert lines["change_type"].tolist()[:3] == ["health worse", "risk new", "milestone moved"]
    assert lines.iloc[0]["description"].startswith("health amber → red, reported amber → red: SPI 0.80 < 0.85")
    # every project under one heading: its lines are together
    assert len([g for i, g in enumerate(groups) if i == 0 or g != groups[i - 1]]) == len(set(groups)) == 17
    assert groups[-2:] == ["People", "People"]
    assert at.pills(key="change_kinds").options == ["Health (6)", "Milestones (13)", "Risks & issues (14)",
                                                    "Overdue actions (4)", "People (2)"]
    at.pills(key="change_kinds").set_value(["milestones"]).run()
    milestones = frame_with(at, "description")
    assert (len(milestones), milestones["items"].sum()) == (13, 36)
    prj_008 = milestones[milestones["project_id"] == "PRJ-008"].iloc[0]
    assert (prj_008.item_id, prj_008.description) == (
        "PRJ-008-M6, PRJ-008-M5, PRJ-008-M4, PRJ-008-M3",
        "4 milestones moved: Hypercare exit +21 d, Go-live +18 d, UAT complete +14 d, Build complete +10 d")
    at.pills(key="change_kinds").set_value(["actions"]).run()
    actions = frame_with(at, "description")
    # due 20, 16, 24 and 9 Oct: after September's status date (30 Sep), open on 31 Oct; in the order of
    # their projects' groups: PRJ-008 and PRJ-015 got worse (1), PRJ-019 has a High risk new (3), PRJ-007 only this (5)
    assert actions[["item_id", "before", "after"]].values.tolist() == [
        ["A-005", "due 20 Oct 2026", "11 d overdue"], ["A-003", "due 16 Oct 2026", "15 d overdue"],
        ["A-008", "due 24 Oct 2026", "7 d overdue"], ["A-002", "due 09 Oct 2026", "22 d overdue"]]


def column_labels(table) -> dict[str, tuple[str, str | None]]:
    """{column: (header, number format)} of a table as the browser shows it, in its column order."""
    config = json.loads(table.proto.columns)
    return {name: (config[name]["label"], config[name].get("type_config", {}).get("format"))
            for name in table.proto.column_order}


def test_portfolio_table_shows_the_meeting_columns_and_money_like_the_cards(demo_copy):
    at = open_page("pages/portfolio.py")
    table = at.dataframe[0]
    assert column_labels(table) == {
        "health": ("Health", None), "project_name": ("Project", None), "health_reason_text": ("Reasons", None),
        "spi": ("SPI", "%.2f"), "cpi": ("CPI", "%.2f"), "finish_variance_days": ("Slip (d)", "%d"),
        "eac": ("EAC", "$%.2f M")}
    # PRJ-007's EAC of $1,777,000 reads "$1.78 M" in the table as on a card: millions, printed with 2 decimals
    assert table.value.iloc[0][["project_name", "eac"]].tolist() == ["Customer Portal Replatform", 1.777]
    at.toggle(key="projects_more_columns").set_value(True).run()
    assert list(at.dataframe[0].proto.column_order)[7:] == [
        "reported_health", "watermelon", "program", "manager", "bac", "cost_overrun_pct", "percent_complete", "project_id"]


def test_clicking_a_cell_of_a_project_opens_its_story(demo_copy):
    at = open_page("pages/portfolio.py", {"program": "Digital Channels"})
    at.session_state["projects_table"] = {"selection": {"rows": [], "columns": [], "cells": [[0, "project_name"]]}}
    at.run()
    assert at.title[0].value == "Customer Portal Replatform"
    assert (at.query_params["project"], at.query_params["program"]) == ("PRJ-007", "Digital Channels")


def test_portfolio_shows_a_project_s_status_report_in_its_pm_s_words(demo_copy):
    """Under the table, the worst project's October report first (PRJ-007: red, reported green by
    Grace Okafor on 26 Oct, a 3-step path to green); PRJ-012 sent none."""
    at = open_page("pages/portfolio.py")
    picker = at.selectbox(key="status_report_project")
    assert picker.value == "PRJ-007" and picker.options[:2] == [
        "Customer Portal Replatform (PRJ-007)", "AML Transaction Monitoring (PRJ-022)"]  # the table's order
    assert "Grace Okafor, 26 Oct 2026 · reported green · computed red" in [c.value for c in at.caption]
    shown = [m.value for m in at.markdown]
    assert any(m.startswith("Build complete \\(due 15 Sep\\) is still open\\: the vendor's integration API")
               for m in shown)
    assert "**Achieved:** Security fix plan received from the vendor \\(3 weeks late\\); rework started on the login " \
           "integration\\." in shown
    assert "**Path to green**\n" \
           "- Two more integration developers on the rework — Grace Okafor, by 09 Nov 2026\n" \
           "- Go\\-live re\\-baselined with the sponsor at the steering committee — Grace Okafor, by 18 Nov 2026\n" \
           "- Security fixes to the vendor API re\\-tested and signed off — Omar Larsen, by 20 Nov 2026" in shown
    assert "**Asks the sponsor:** Approve a \\$180k contingency for the vendor rework and a re\\-baselined go\\-live " \
           "\\(Q1 2027\\)\\." in shown
    picker.set_value("PRJ-012").run()
    assert [i.value for i in at.info] == ["No status report this month from Dev Patel."]


def test_sidebar_filter_narrows_the_portfolio(demo_copy):
    at = open_page("pages/portfolio.py")
    at.multiselect(key="program").set_value(["Digital Channels"]).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 7
    assert {m.label: m.value for m in at.metric}["Red projects"] == "3 of 7"


def test_filters_come_from_the_url(demo_copy):
    at = open_page("pages/portfolio.py", {"program": "Regulatory Compliance", "period": "Sep 2026"})
    assert at.title[0].value == "Portfolio health · September 2026"
    assert len(at.dataframe[0].value) == 6
    at = open_page("pages/risks.py", {"program": "Regulatory Compliance", "period": "Sep 2026"})
    assert at.multiselect(key="program").value == ["Regulatory Compliance"]
    assert at.title[0].value == "Risks · September 2026"


def test_changing_a_filter_writes_it_into_the_url(demo_copy):
    at = open_page("pages/risks.py")
    at.multiselect(key="program").set_value(["Digital Channels"]).run()
    assert (at.query_params["program"], at.query_params["period"]) == ("Digital Channels", "Oct 2026")


def test_risks_page_lists_risks_of_the_filtered_projects(demo_copy):
    at = open_page("pages/risks.py")
    listed = frame_with(at, "mitigation")
    assert len(listed) == 60
    table = next(df for df in at.dataframe if "mitigation" in df.value.columns)
    assert column_labels(table) == {
        "title": ("Title", None), "project_name": ("Project", None), "score": ("Score", "%d"), "band": ("Band", None),
        "exposure": ("Exposure", "$%.1f k"), "due_date": ("Due", "DD MMM YYYY"), "change": ("Since last month", None)}
    assert listed["exposure"].max() == 85.0  # probability 5 (85 %) × $100,000 = $85,000 → "$85.00 k"
    assert at.subheader[0].value == "All risks and issues"
    at.multiselect(key="health").set_value(["red"]).run()
    assert len(frame_with(at, "mitigation")) < 60


def test_risks_page_answers_which_projects_depend_on_ifrs_17(demo_copy):
    at = open_page("pages/risks.py")
    assert "RAID log: dependencies, assumptions, decisions, actions" in [h.value for h in at.subheader]
    # 5 dependencies (DEP-001 15 and DEP-004 31 days overdue), 2 assumptions, 5 decisions (D-003),
    # 8 actions (A-002, A-003, A-005 from September, A-008 from October overdue)
    assert [t.label for t in at.tabs] == ["Dependencies (5, 2 overdue)", "Assumptions (2)", "Decisions (5, 1 overdue)",
                                          "Actions (8, 4 overdue)"]
    depends_on = at.selectbox(key="depends_on")
    assert depends_on.options == ["IFRS 17 Reporting (3)", "Enterprise Data Platform (1)"]  # most depended on first
    assert depends_on.value == "PRJ-020"
    answer = [m.value for m in at.tabs[0].markdown]
    assert answer == [
        "**PRJ\\-016** Data Governance Programme: Data lineage of the IFRS 17 ledger (due 31 Jan 2027) · open",
        "**PRJ\\-022** AML Transaction Monitoring: IFRS 17 data model for the AML transaction feeds (due 16 Oct 2026) · "
        ":red[**15 days overdue**]",
        "**PRJ\\-023** ESG Disclosure Reporting: Insurance liability figures for the ESG disclosures (due 15 Dec 2026) · open"]
    dependencies = frame_with(at, "depends_on")
    assert dependencies[["project_name", "depends_on", "days_overdue"]].astype(object).where(
        dependencies.notna(), None).values.tolist() == [
        ["Legacy DWH Decommission", "Enterprise Data Platform", None],
        ["Data Governance Programme", "IFRS 17 Reporting", None],
        ["AML Transaction Monitoring", "IFRS 17 Reporting", 15],
        ["ESG Disclosure Reporting", "IFRS 17 Reporting", None],
        ["Customer Portal Replatform", "Group IT identity upgrade", 31],  # outside the portfolio: its own words
    ]
    assert dependencies["state"].tolist() == [["open"], ["open"], ["overdue"], ["open"], ["overdue"]]
    assert "1 dependency on something outside the portfolio: in the table only." in [c.value for c in at.tabs[0].caption]
    assumptions = at.tabs[1].dataframe[0].value
    assert sorted(assumptions["title"]) == ["A cloud region in-country is available by Q1 2027",
                                            "The regulator accepts the transitional approach"]
    actions = at.tabs[3].dataframe[0].value
    assert actions["days_overdue"].tolist()[:4] == [22, 15, 11, 7]  # most overdue first
    # the review that raised each: three of September's, one of October's
    assert [f"{month:%b %Y}" for month in actions["first_period"].tolist()[:4]] == ["Sep 2026"] * 3 + ["Oct 2026"]
    depends_on.set_value("PRJ-014").run()
    assert [m.value for m in at.tabs[0].markdown] == [
        "**PRJ\\-019** Legacy DWH Decommission: Enterprise Data Platform live before the DWH is switched off "
        "(due 30 Nov 2026) · open"]


def test_resources_page_names_the_over_allocated(demo_copy):
    at = open_page("pages/resources.py")
    over = frame_with(at, "peak_utilisation_pct")
    assert over["resource_name"].tolist() == ["Amir Khan", "Carla Rossi", "Hana Novak", "Lena Nguyen", "Rosa Müller"]
    table = next(df for df in at.dataframe if "peak_utilisation_pct" in df.value.columns)
    assert [label for label, _ in column_labels(table).values()] == [
        "Person", "Peak load", "Peak month", "Months over capacity", "Projects loading them (hours)"]
    at.segmented_control(key="capacity_group").set_value("role").run()
    assert not at.exception


def test_what_is_coming_counts_what_falls_due_in_30_60_and_90_days(demo_copy):
    """Status date 31 Oct 2026. By 30 Nov: 18 items, of them 4 gates (PRJ-010's closure on 4 Nov,
    PRJ-017's go-live gate 7 Nov, PRJ-003's 16 Nov, PRJ-016's closure 25 Nov); by 30 Dec 11 more
    (5 gates); by 29 Jan 2027 15 more (7 gates)."""
    at = open_page("pages/outlook.py")
    assert at.title[0].value == "What is coming · after 31 Oct 2026"
    assert at.subheader[0].value == "Due by 30 Nov 2026 (18)"
    due = frame_with(at, "days_until")
    assert due.iloc[0][["forecast_date", "project_name", "name", "slip_days", "days_until"]].tolist() == [
        pd.Timestamp(2026, 11, 2), "Shared Services Consolidation", "Build complete", 6, 2]
    assert at.caption[1].value.startswith("14 milestones and 4 gates")
    gates_due = next(df.value for df in at.dataframe if "state" in df.value.columns)
    assert gates_due["project_name"].tolist() == ["Fleet Telematics", "Demand Forecasting ML",
                                                  "Chatbot for Customer Service", "Data Governance Programme"]
    assert "**Slipped, still to hold (26, 26 of them moved since last month)**" in [m.value for m in at.markdown]
    at.segmented_control(key="window").set_value(60).run()
    assert at.subheader[0].value == "Due by 30 Dec 2026 (29)"
    at.segmented_control(key="window").set_value(90).run()
    assert at.subheader[0].value == "Due by 29 Jan 2027 (44)"
    assert at.caption[1].value.startswith("28 milestones and 16 gates")
    at.segmented_control(key="due_kinds").set_value(["gate"]).run()
    assert at.subheader[0].value == "Due by 29 Jan 2027 (16)"


def test_what_is_coming_keeps_its_window_in_the_link_and_opens_a_project(demo_copy):
    at = open_page("pages/outlook.py", {"window": "90", "program": "Digital Channels"})
    # Digital Channels by 29 Jan 2027: PRJ-003's gate, PRJ-004, PRJ-002, PRJ-006 (milestone and gate),
    # PRJ-005, PRJ-001 (milestone and gate), PRJ-002's gate, PRJ-003's closure and UAT
    assert at.subheader[0].value == "Due by 29 Jan 2027 (11)"
    at.session_state["coming_due_table"] = {"selection": {"rows": [], "columns": [], "cells": [[1, "project_name"]]}}
    at.run()
    assert at.title[0].value == "Loyalty Programme Launch"
    assert (at.query_params["project"], at.query_params["program"]) == ("PRJ-004", "Digital Channels")


def test_project_page_tells_one_projects_story(demo_copy):
    at = open_page("pages/project.py")
    assert at.selectbox(key="project").value == "PRJ-007"
    assert at.title[0].value == "Customer Portal Replatform"
    assert "Watermelon" in at.warning[0].value
    assert [(m.label, m.value) for m in at.metric][:3] == [("SPI", "0.72"), ("CPI", "0.74"), ("EAC", "$1.78 M")]
    at.selectbox(key="project").set_value("PRJ-001").run()
    assert at.title[0].value == "Mobile App 3\\.0"


def test_project_page_opens_from_a_link(demo_copy):
    at = open_page("pages/project.py", {"project": "PRJ-002"})
    assert at.title[0].value == "Online Checkout Redesign"


def test_data_page_previews_then_imports_an_upload(demo_copy, tmp_path, monkeypatch):
    from pmo_data import importer

    reads = []
    monkeypatch.setattr(importer, "read_workbook", lambda path, read=importer.read_workbook: reads.append(path) or read(path))
    at = open_page("pages/data.py")
    content = (SAMPLE_DATA / "2026-10" / "tasks.csv").read_bytes().replace(b"PRJ-001,", b"NEW-001,", 3)
    at.file_uploader(key="uploads").set_value(("november tasks.csv", content, "text/csv")).run()
    assert not at.exception
    assert any("will load 375 tasks" in m.value for m in at.markdown)
    months = frame_with(at, "imports")
    assert len(months) == 3  # nothing written yet
    assert len(reads) == 1
    at.button(key="import_files").click().run()
    assert not at.exception
    assert any("november tasks.csv: loaded 375 tasks" in s.value.replace("\\", "") for s in at.success)
    # read once for the preview, not again to import it; once more for the page shown after the import
    assert len(reads) == 2
    store = open_store(demo_copy)
    assert store.scalar("select count(*) from tasks where project_id = 'NEW-001'") == 3


def test_data_page_says_whom_to_chase_with_a_csv_and_the_reminder_emails(demo_copy):
    at = open_page("pages/data.py")
    assert at.subheader[0].value == "Whom to chase for October 2026"
    chased = frame_with(at, "reasons")
    # PRJ-012 and PRJ-019 sent no October report; PRJ-007 and PRJ-017 reported one health for 3 months
    assert chased[["project_id", "manager"]].values.tolist() == [
        ["PRJ-017", "Alice Martin"], ["PRJ-019", "Chloé Dubois"], ["PRJ-012", "Dev Patel"], ["PRJ-007", "Grace Okafor"]]
    assert chased.iloc[2]["reasons"] == "no status report this month (last report: September 2026)"
    emails = [c.value for c in at.code]
    assert len(emails) == 4 and emails[1] == (
        "Dear Chloé Dubois,\n\nplease send your October 2026 update for:\n"
        "- PRJ-019 Legacy DWH Decommission: no status report this month (last report: September 2026)\n\nThank you.")
    assert at.expander[0].label == "Reminder e-mails to copy (4, one per project manager)"
    at.multiselect(key="manager").set_value(["Dev Patel"]).run()  # the sidebar filters apply
    assert frame_with(at, "reasons")["project_id"].tolist() == ["PRJ-012"] and len(at.code) == 1


def test_data_page_reports_an_unreadable_upload(db_path):
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value(("broken.xlsx", b"not a workbook", "application/octet-stream")).run()
    assert any("broken.xlsx: not a valid Excel workbook" in e.value.replace("\\", "") for e in at.error)
    assert not at.button or all("Import" not in b.label for b in at.button)


def test_data_page_maps_an_unknown_layout_once(db_path):
    at = open_page("pages/data.py")
    content = "Proj No;Title;Budget €\nF-1;Data centre exit;250.000,00\n".encode()
    at.file_uploader(key="uploads").set_value(("finance.csv", content, "text/csv")).run()
    assert any("layout not recognised" in e.value.replace("\\", "") for e in at.error)
    key = next(t.key for t in at.text_input if t.key.startswith("map-name-"))[len("map-name-"):]
    at.selectbox(key=f"map-{key}-projects-project_id").set_value("Proj No")
    at.selectbox(key=f"map-{key}-projects-project_name").set_value("Title")
    at.selectbox(key=f"map-{key}-projects-budget").set_value("Budget €")
    at.button(key=f"map-use-{key}").click().run()
    assert any("will load 1 projects" in m.value for m in at.markdown)
    at.button(key="import_files").click().run()
    assert any("finance.csv: loaded 1 projects" in s.value.replace("\\", "") for s in at.success), [e.value for e in at.error]
    store = open_store(db_path)
    assert store.query("select name, target_table from column_mappings").values.tolist() == [["finance", "projects"]]
    assert store.query("select project_id, project_name, budget from projects").values.tolist() == [
        ["F-1", "Data centre exit", 250000.0]]


def test_data_page_mapping_editor_reads_a_wide_plan_under_a_title(db_path, tmp_path):
    """The editor's every part at once: the header row (under a title and a sign-off block whose
    words look more like a header than the month row does), the person's column with no header
    (named by its letter), months across the columns, one project for all."""
    import io

    from tests.files import write_xlsx

    book = write_xlsx(tmp_path / "plan.xlsx", {"Plan": [
        ["Team plan FY27"], ["Owner", "Status", "Start", "Finish"], ["Anna", "Draft", "Jan", "Dec"],
        [None, "Jan 2027", "Feb 2027"], ["Ann Lee", 80, 40], ["Bo Chen", None, 16]]})
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value(("plan.xlsx", io.BytesIO(book.read_bytes()).getvalue(),
                                              "application/octet-stream")).run()
    key = next(t.key for t in at.text_input if t.key.startswith("map-name-"))[len("map-name-"):]
    assert at.number_input(key=f"map-header-{key}").value == 2  # the sign-off block won the scoring
    at.number_input(key=f"map-header-{key}").set_value(4)
    at.selectbox(key=f"map-table-{key}").set_value("allocations").run()
    assert at.checkbox(key=f"map-months-{key}-allocations").value  # 2 month columns found in row 4
    at.selectbox(key=f"map-{key}-allocations-resource_name").set_value("column A")
    at.selectbox(key=f"map-{key}-allocations-project_id").set_value("The same for every row…").run()
    at.text_input(key=f"map-{key}-allocations-project_id-fixed").input("PRJ-009")
    at.selectbox(key=f"map-unit-{key}-allocations").set_value("days")  # the plan counts person-days (issue 24)
    at.button(key=f"map-use-{key}").click().run()
    assert not at.exception
    assert any("will load 3 allocations" in m.value for m in at.markdown), [m.value for m in at.markdown]
    at.button(key="import_files").click().run()
    store = open_store(db_path)
    assert store.query("select resource_name, project_id, strftime(month, '%Y-%m'), planned_hours from allocations "
                       "order by 1, 3").values.tolist() == [["Ann Lee", "PRJ-009", "2027-01", 640.0],  # 80 days × 8 h
                                                          ["Ann Lee", "PRJ-009", "2027-02", 320.0],
                                                          ["Bo Chen", "PRJ-009", "2027-02", 128.0]]
    saved = store.query("select mapping from column_mappings")["mapping"].iloc[0]
    assert '"header_row": 4' in saved and '"months_across": true' in saved and '"unit": "days"' in saved


def test_data_page_maps_unknown_status_words_and_saves_them(db_path):
    at = open_page("pages/data.py")
    content = b"Task Name,Status,Start Date,End Date\nA,Parked,2026-01-01,2026-01-02\nB,Parked,2026-01-01,2026-01-02\n" \
              b"C,Zu erledigen,2026-01-01,2026-01-02\n"
    at.file_uploader(key="uploads").set_value(("plan.csv", content, "text/csv")).run()
    assert any("2 tasks have a status word the dashboard does not know" in w.value and "Parked" in w.value
               for w in at.warning), [w.value for w in at.warning]
    key = next(s.key for s in at.selectbox if (s.key or "").startswith("status-"))[len("status-"):].rsplit("-", 1)[0]
    at.selectbox(key=f"status-{key}-Parked").set_value("todo").run()
    at.button(key=f"status-use-{key}").click().run()
    assert not any("does not know" in w.value for w in at.warning)
    assert any("“Parked” → todo" in c.value for c in at.caption)
    at.button(key="import_files").click().run()
    store = open_store(db_path)
    assert store.query("select word, status_category from status_word_mappings").values.tolist() == [["parked", "todo"]]
    assert store.query("select count(*) from tasks where status_category = 'todo'").iloc[0, 0] == 3


@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_every_page_renders_with_only_a_tracker_export_loaded(db_path, page):
    """No register, no risks, no plan: pages must still work and say what is missing."""
    import_file(open_store(db_path), SAMPLE_DATA / "trackers" / "jira_mobile_app.csv", "2026-10")
    open_page(page)  # asserts no exception


AUTH = {"mode": "password", "viewer_password": hash_password("look", iterations=1000),
        "editor_password": hash_password("change", iterations=1000)}


def test_with_sign_in_on_a_stranger_sees_only_the_sign_in(demo_copy):
    at = app_test(AUTH)
    at.switch_page("pages/portfolio.py")
    at.run()
    assert [t.value for t in at.title] == ["PMO Dashboard"]
    assert not at.dataframe and not at.metric and not at.text_input and not at.sidebar.text
    assert at.markdown[0].value == "Sign in to see the portfolio."
    # the password form is the server's (pages/common/server.py): only its response can set the cookie
    link = at.get("html")[0].proto.body
    assert link.startswith('<a href="/sign-in?next=%2F"') and link.endswith(">Sign in</a>")


def test_a_viewer_sees_the_data_but_cannot_upload_or_remove(demo_copy, monkeypatch):
    at = signed_in_app_test(monkeypatch, AUTH, "Vic", "viewer", "pages/data.py")
    assert at.title[0].value == "Data" and len(at.dataframe) == 4
    assert at.subheader[0].value == "Whom to chase for October 2026" and len(at.code) == 4  # the chase list, to viewers too
    assert [t.value for t in at.sidebar.text] == ["Signed in as Vic (viewer)"]
    assert not at.get("file_uploader")
    assert "only editors can import" in at.info[0].value
    assert all(b.label != "Remove import" for b in at.button)
    assert "Undo and audit log" not in [h.value for h in at.subheader]
    assert all(m.key != "audit_actions" for m in at.multiselect) and all(b.key != "undo_last" for b in at.button)


def test_an_editor_imports_and_is_recorded(demo_copy, monkeypatch):
    at = signed_in_app_test(monkeypatch, AUTH, "Eve", "editor", "pages/data.py")
    content = (SAMPLE_DATA / "2026-10" / "tasks.csv").read_bytes()
    at.file_uploader(key="uploads").set_value(("tasks.csv", content, "text/csv")).run()
    # the file states no month: the page offers last month by the clock, and the analyst picks October
    assert "October 2026" in at.selectbox(key="upload_month").options  # a loaded month is offered on any day
    at.selectbox(key="upload_month").set_value("2026-10").run()
    at.button(key="import_files").click().run()
    store = open_store(demo_copy)
    assert store.scalar("select imported_by from imports order by import_id desc limit 1") == "Eve"
    newest = store.query("select user_name, role, action from audit_log order by audit_id desc limit 1")
    assert newest.values.tolist() == [["Eve", "editor", "re-import"]]  # the demo loaded this very file for October


def test_hostile_names_show_as_plain_text(db_path, tmp_path):
    hostile = "**Bold** <img src=x onerror=alert(1)> [click](http://evil)"
    path = tmp_path / "projects.csv"
    path.write_text(f'project_id,project_name,baseline_start,baseline_finish\nP1,"{hostile}",2026-01-01,2026-12-31\n',
                    encoding="utf-8")
    import_file(open_store(db_path), path, "2026-10")
    at = open_page("pages/project.py", {"project": "P1"})
    title = at.title[0].value
    assert "\\*\\*Bold\\*\\*" in title and "\\<img" in title and "\\[click\\]\\(http" in title  # escaped Markdown


def test_no_page_renders_raw_html():
    for page in (ROOT / "pages").rglob("*.py"):
        assert "unsafe_allow_html=True" not in page.read_text(encoding="utf-8"), page


def test_an_editor_backs_up_from_the_data_page(demo_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("PMO_BACKUP_DIR", str(tmp_path / "backups"))
    at = open_page("pages/data.py")
    at.button(key="backup_now").click().run()
    written = list((tmp_path / "backups").iterdir())
    assert len(written) == 1 and (written[0] / "projects.parquet").is_file()
    assert "Backup written" in at.success[0].value


@pytest.mark.parametrize("path", [page[0] for page in PAGES])
def test_tables_show_a_dash_for_missing_values(demo_copy, path):
    """A KPI a project does not have yet (SPI before it starts) reads "—" in a meeting, not "None"."""
    at = open_page(path)
    # the tables that show values (an editor's form grid to type into is none of them)
    shown = [table for table in at.dataframe if not (table.key or "").startswith("steps-")]
    assert shown and {table.proto.placeholder for table in shown} == {"—"}


def test_data_page_loads_a_tracker_export_under_the_project_chosen(demo_copy):
    """Jira's project key (MOB) is not the register's id: the editor picks PRJ-001 for the file."""
    at = open_page("pages/data.py")
    content = (SAMPLE_DATA / "trackers" / "jira_mobile_app.csv").read_bytes()
    at.file_uploader(key="uploads").set_value(("jira_mobile_app.csv", content, "text/csv")).run()
    project_choice = next(box for box in at.selectbox if box.key and box.key.startswith("project-"))
    assert project_choice.value is None and "PRJ-001 · Mobile App 3.0" in project_choice.options
    project_choice.set_value("PRJ-001").run()
    assert not at.exception
    at.button(key="import_files").click().run()
    assert not at.exception
    store = open_store(demo_copy)
    jira_rows = store.query("select project_id, count(*) as n from tasks join imports using (import_id) "
                            "where source = 'jira' group by project_id")
    assert jira_rows.values.tolist() == [["PRJ-001", 16]]
    assert store.scalar("select count(*) from projects where project_id = 'MOB'") == 0


def test_project_page_says_where_earned_value_comes_from_and_what_to_check(db_path, tmp_path):
    from tests.test_kpis import evm_month, register_row

    october = evm_month(tmp_path / "oct.xlsx", [register_row("P", 83.2418, 80000)], [
        ["P", "W1", "Work package 1", "Done", dt.date(2026, 1, 1), dt.date(2026, 4, 30), dt.date(2026, 4, 30), 100, 100]])
    import_file(open_store(db_path), october, "2026-10")
    at = open_page("pages/project.py", {"project": "P"})
    assert any("Check the data: register 83 %, tasks 100 %" in w.value for w in at.warning), [w.value for w in at.warning]
    assert any("tasks cover 01 Jan 2026 to 30 Apr 2026" in w.value for w in at.warning)
    assert any("Earned and planned value both from the register" in c.value for c in at.caption)


def test_every_canonical_table_has_a_label_in_the_mapping_editor():
    """A table without one made the 'The rows are' picker fail for every upload (a None option)."""
    from pages.common.mapping_editor import TABLE_LABELS
    from pmo_data.sources.canonical import CANONICAL_COLUMNS

    assert set(TABLE_LABELS) == set(CANONICAL_COLUMNS)


def test_an_editor_sees_the_audit_log_filters_it_and_undoes_the_last_change(db_path, tmp_path):
    store = open_store(db_path)
    head = "project_id,project_name\n"
    register = tmp_path / "register.csv"
    register.write_text(head + "".join(f"P{i:02d},Project {i}\n" for i in range(1, 26)), encoding="utf-8")
    corrected = tmp_path / "register-v2.csv"
    corrected.write_text(head + "".join(f"P{i:02d},Project {i}\n" for i in range(1, 25)), encoding="utf-8")
    import_file(store, register, "2026-10", user="Ann", role="editor")
    import_file(store, corrected, "2026-10", user="Bob", role="editor")
    at = open_page("pages/data.py")
    assert "Undo and audit log" in [h.value for h in at.subheader]
    log = frame_with(at, "action")
    assert log[["user_name", "role", "action"]].values.tolist() == [["Bob", "editor", "replace"], ["Ann", "editor", "import"]]
    assert any("Newest change that can be undone: **replace** #2 register-v2.csv for 2026-10; replaces #1 register.csv "
               "(" in m.value.replace("\\", "") and "by Bob)" in m.value for m in at.markdown), [m.value for m in at.markdown]
    at.multiselect(key="audit_actions").set_value(["import"]).run()
    assert frame_with(at, "action")["action"].tolist() == ["import"]
    at.button(key="undo_last").click().run()
    assert not at.exception
    assert store.scalar("select count(*) from projects") == 25
    at.multiselect(key="audit_actions").set_value([]).run()
    log = frame_with(at, "action")
    newest = log.iloc[0]
    assert (newest.role, newest.action) == ("editor", "undo") and pd.isna(newest.user_name)  # open access: no name


def test_the_removal_of_the_last_import_can_be_undone_on_the_data_page(db_path, tmp_path):
    store = open_store(db_path)
    path = tmp_path / "projects.csv"
    path.write_text("project_id,project_name\nP1,Alpha\n", encoding="utf-8")
    remove_import(store, import_file(store, path, "2026-10").import_id, user="Ann", role="editor")
    at = open_page("pages/data.py")
    assert "No data loaded yet" in at.info[0].value
    at.button(key="undo_last").click().run()
    assert store.scalar("select project_name from projects") == "Alpha"
    assert frame_with(at, "imports")["projects"].tolist() == [1]


def test_an_editor_writes_the_status_report_and_override_and_a_viewer_reads_them(demo_copy, monkeypatch):
    """PRJ-007 (the worst project: the page opens on it) in October: its imported report, then an
    editor's, shown with where it came from; the override applied beside the computed red."""
    key = "PRJ-007-2026-10-01"
    at = signed_in_app_test(monkeypatch, AUTH, "Eve", "editor", "pages/project.py")
    assert not at.exception, [e.value for e in at.exception]
    texts = " ".join(m.value for m in at.markdown)
    assert "Build complete \\(due 15 Sep\\) is still open" in texts
    assert any(c.value.startswith("From the imported file pmo\\_portfolio\\.xlsx, reported by Grace Okafor on 26 Oct 2026")
               for c in at.caption)
    assert at.text_area(key=f"summary-{key}").value.startswith("Build complete (due 15 Sep) is still open")
    at.text_area(key=f"summary-{key}").set_value("Re-plan agreed at the steering committee.")
    next(b for b in at.button if b.label == "Save the status report").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.segmented_control(key=f"override_health-{key}").set_value("amber")
    at.text_area(key=f"override_reason-{key}").set_value("Recovery plan approved on 30 Oct")
    next(b for b in at.button if b.label == "Set for October 2026").click().run()
    assert not at.exception, [e.value for e in at.exception]

    viewer = signed_in_app_test(monkeypatch, AUTH, "Vic", "viewer", "pages/project.py")
    assert not viewer.exception, [e.value for e in viewer.exception]
    # amber now, PRJ-007 is no longer the first of the worst-first list
    assert viewer.selectbox(key="project").value == "PRJ-022"
    viewer.selectbox(key="project").set_value("PRJ-007").run()
    shown = " ".join(m.value for m in viewer.markdown)
    assert "Re\\-plan agreed at the steering committee\\." in shown  # escaped: shown as typed
    captions = [c.value.replace("\\", "") for c in viewer.caption]  # as read: Markdown escapes removed
    # the imported report is kept, said, and one click away
    assert any(c.startswith("Written on this page by Eve on ") and c.endswith("1 earlier version of this month kept (below)")
               for c in captions), captions
    assert any(c.startswith("PMO override for October 2026: Recovery plan approved on 30 Oct (set by Eve on ") for c in captions)
    assert ":orange-badge[AMBER] :red-badge[:material/calculate: computed red]" in shown
    assert "computed red" in viewer.warning[0].value  # the watermelon still reads the computed health
    # a viewer has no form at all
    assert not viewer.text_area and not viewer.get("data_editor") and not viewer.date_input
    assert all("Save" not in b.label and "Set for" not in b.label and "Add" not in b.label for b in viewer.button)


def test_the_mapping_editor_starts_from_what_the_import_read(db_path):
    # issue 24: "the editor starts from what detection read … Today it opens on the first sheet with guesses"
    from pages.common.mapping_editor import NOT_IN_FILE

    content = (b"Notes,Task Name,Status,Start Date,End Date,Strategy Rate\n"
               b"x,Design,Done,2026-01-05,2026-01-20,1\ny,Build,In Progress,2026-01-21,2026-03-01,2\n")
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value(("plan.csv", content, "text/csv")).run()
    key = next(t.key for t in at.text_input if t.key.startswith("map-name-"))[len("map-name-"):]
    assert at.selectbox(key=f"map-table-{key}").value == "tasks"
    picked = {column: at.selectbox(key=f"map-{key}-tasks-{column}").value
              for column in ("name", "status", "start_date", "finish_date", "assignee", "task_id")}
    assert picked == {"name": "Task Name", "status": "Status", "start_date": "Start Date", "finish_date": "End Date",
                      "assignee": NOT_IN_FILE, "task_id": NOT_IN_FILE}  # as read: nothing guessed beside it


def test_one_recipe_reads_a_workbook_s_load_sheet_and_its_cost_sheet(db_path, tmp_path):
    # issue 24: "one workbook, several sheets, one recipe: the Resource sheet as load, and the cost sheets as
    # costs. Mapping one sheet today drops the others." Next month's file with the same headers needs no question.
    from tests.files import write_xlsx

    def workbook(path, hours, money):
        return write_xlsx(path, {"Resource": [["Person", "Grade", "Sep-26", "Oct-26"], ["Ann Lee", "B3", *hours]],
                                 "Spend": [["Line", "Sep-26", "Oct-26"], ["Licences", *money]]})

    october = workbook(tmp_path / "team.xlsx", (120, 100), (5000, 2500))
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value(("team.xlsx", october.read_bytes(), "application/octet-stream")).run()
    key = next(t.key for t in at.text_input if t.key.startswith("map-name-"))[len("map-name-"):]

    def map_sheet(sheet: str, table: str, columns: dict[str, str], fixed: dict[str, str], button: str) -> None:
        at.selectbox(key=f"map-sheet-{key}").set_value(sheet).run()
        at.selectbox(key=f"map-table-{key}").set_value(table).run()
        for column, header in columns.items():
            at.selectbox(key=f"map-{key}-{table}-{column}").set_value(header)
        for column, value in fixed.items():
            at.selectbox(key=f"map-{key}-{table}-{column}").set_value("The same for every row…").run()
            at.text_input(key=f"map-{key}-{table}-{column}-fixed").input(value)
        at.button(key=f"map-{button}-{key}").click().run()

    map_sheet("Resource", "allocations", {"resource_name": "Person"}, {"project_id": "PRJ-001"}, "add")
    assert any("Also in this recipe: sheet Resource as planned hours per person and month" in c.value for c in at.caption)
    map_sheet("Spend", "costs", {}, {"cost_type": "forecast", "project_id": "PRJ-001"}, "use")
    assert not at.exception
    assert any("will load 2 costs, 2 allocations" in m.value or "will load 2 allocations, 2 costs" in m.value
               for m in at.markdown), [m.value for m in at.markdown]
    at.button(key="import_files").click().run()
    store = open_store(db_path)
    assert store.query("select resource_name, strftime(month, '%Y-%m'), planned_hours from allocations order by 2"
                       ).values.tolist() == [["Ann Lee", "2026-09", 120.0], ["Ann Lee", "2026-10", 100.0]]
    assert store.query("select cost_type, strftime(month, '%Y-%m'), amount, extra->>'Line' from costs order by 2"
                       ).values.tolist() == [["forecast", "2026-09", 5000.0, "Licences"], ["forecast", "2026-10", 2500.0, "Licences"]]
    # next month: the same headers, new numbers: the saved recipe reads both sheets, nothing asked
    november = workbook(tmp_path / "team-nov.xlsx", (90, 80), (1000, 1500))
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value(("team-nov.xlsx", november.read_bytes(), "application/octet-stream")).run()
    at.selectbox(key="upload_month").set_value("2026-11").run()
    assert any("Saved column mapping" in m.value and "2 allocations" in m.value and "2 costs" in m.value
               for m in at.markdown), [m.value for m in at.markdown]


def tasks_mapped_in_the_editor(file_name: str, content: bytes, columns: dict[str, str]):
    """The Data page with a CSV uploaded and its columns mapped as tasks in the editor (not yet used):
    the page, and the editor's key."""
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value((file_name, content, "text/csv")).run()
    key = next(t.key for t in at.text_input if t.key.startswith("map-name-"))[len("map-name-"):]
    at.selectbox(key=f"map-table-{key}").set_value("tasks").run()
    for column, header in columns.items():
        at.selectbox(key=f"map-{key}-tasks-{column}").set_value(header)
    return at.run(), key


def test_the_mapping_editor_sets_a_fallback_column(db_path):
    # issue 24: finish = 'Timeline end', else 'Date', chosen in the editor
    content = (b"Item ID,Item,Status,Timeline end,Date\n1,Design,Done,2026-01-20,\n2,Go-live,Stuck,,2026-03-31\n")
    at, key = tasks_mapped_in_the_editor("board.csv", content, {"task_id": "Item ID", "name": "Item", "status": "Status",
                                                                 "finish_date": "Timeline end"})
    at.selectbox(key=f"map-fallback-{key}-tasks").set_value("finish_date").run()
    at.selectbox(key=f"map-fallback-to-{key}-tasks-finish_date").set_value("Date")
    at.button(key=f"map-use-{key}").click().run()
    at.selectbox(key="upload_month").set_value("2026-10").run()
    at.button(key="import_files").click().run()
    assert open_store(db_path).query("select name, strftime(finish_date, '%Y-%m-%d') from tasks order by 1").values.tolist() \
        == [["Design", "2026-01-20"], ["Go-live", "2026-03-31"]]


def test_the_mapping_editor_reads_parents_from_an_outline_level(db_path):
    # issue 24: MS Project's 'Save As Excel' puts the hierarchy in an Outline Level column; a user mapping it by
    # hand keeps every parent by choosing "Parents and children: from the outline level" (German headers here)
    content = (b"Nr,Gliederungsebene,Vorgang,Anfang,Ende\n1,1,Entwurf,,\n2,2,Spezifikation,2026-01-05,2026-01-09\n"
               b"3,1,Bau,,\n4,2,Programmierung,2026-02-02,2026-02-27\n")
    at, key = tasks_mapped_in_the_editor("plan.csv", content, {"task_id": "Nr", "name": "Vorgang", "start_date": "Anfang",
                                                                "finish_date": "Ende"})
    at.selectbox(key=f"map-hierarchy-{key}").set_value("outline").run()
    at.selectbox(key=f"map-hierarchy-column-{key}").set_value("Gliederungsebene")
    at.button(key=f"map-use-{key}").click().run()
    at.selectbox(key="upload_month").set_value("2026-01").run()
    at.button(key="import_files").click().run()
    assert not at.exception
    assert open_store(db_path).query("select name, coalesce(parent_task_id, '-'), is_summary from tasks "
                                     "order by task_id::int").values.tolist() == [
        ["Entwurf", "-", True], ["Spezifikation", "1", False], ["Bau", "-", True], ["Programmierung", "3", False]]


def test_the_mapping_editor_reads_a_column_from_the_group_heading_rows(db_path):
    # issue 24: a monday.com-style list with its groups' titles on rows of their own; the editor offers
    # "the group heading above" wherever a sheet has such rows, and the recipe carries it down
    content = (b"Item ID,Item,Status,Owner\n,Q4 launch,,\n11,Pricing page,Done,Ann\n12,Onboarding,Working on it,Bob\n"
               b",Backlog,,\n13,Referral scheme,,Ann\n")
    at, key = tasks_mapped_in_the_editor("board.csv", content, {"task_id": "Item ID", "name": "Item", "status": "Status",
                                                                 "assignee": "Owner", "project_id": "the group heading above"})
    at.button(key=f"map-use-{key}").click().run()
    at.selectbox(key="upload_month").set_value("2026-10").run()
    at.button(key="import_files").click().run()
    assert not at.exception
    assert open_store(db_path).query("select project_id, name from tasks order by name").values.tolist() == [
        ["Q4 launch", "Onboarding"], ["Q4 launch", "Pricing page"], ["Backlog", "Referral scheme"]]


def test_the_mapping_editor_reads_a_board_s_subitems_under_their_items(db_path):
    # issue 24: a board's subitem blocks, each under its item with a 'Subitems' header of its own, read
    # in the editor: the "Subitems under their items" choice appears for such a sheet and starts ticked
    content = ("Tarea,Responsable,Estado\nLanzamiento Q4,,\nTarea,Responsable,Estado\nPágina de precios,Ana,Listo\n"
               "Subitems,Tarea,Estado\n,Textos,Listo\n,Imágenes,Detenido\nOnboarding,Bruno,En curso\n").encode()
    at, key = tasks_mapped_in_the_editor("tablero.csv", content, {"name": "Tarea", "assignee": "Responsable",
                                                                   "status": "Estado",
                                                                   "project_id": "the group heading above"})
    assert at.checkbox(key=f"map-subitems-{key}").value is True
    at.button(key=f"map-use-{key}").click().run()
    at.selectbox(key="upload_month").set_value("2026-10").run()
    at.button(key="import_files").click().run()
    assert not at.exception
    assert sorted(open_store(db_path).query(
        "select t.project_id, t.name, coalesce(p.name, '-') from tasks t left join tasks p on p.task_id = t.parent_task_id"
    ).values.tolist()) == [["Lanzamiento Q4", "Imágenes", "Página de precios"], ["Lanzamiento Q4", "Onboarding", "-"],
                           ["Lanzamiento Q4", "Página de precios", "-"], ["Lanzamiento Q4", "Textos", "Página de precios"]]
