"""Entries naming a project the month does not hold (issue 25, defect 3): two open critical risks on
PRJ-999 and on a mistyped PRJ-07 loaded with 0 warnings and showed on no page. Now the import and the
Data page say so, with the nearest known ID, and every figure they miss says what it leaves out.
Values worked out by hand below."""

from __future__ import annotations

import datetime as dt

from pmo_data import queries, reconcile, story
from pmo_data.importer import import_file, prepare
from tests.files import write_xlsx
from tests.test_app_pages import data_page_with_upload, imported, open_page
from tests.test_kpis import PROJECT_HEADERS, RISK_HEADERS

D = dt.date
OCTOBER = D(2026, 10, 1)


def register(folder):
    return write_xlsx(folder / "register.xlsx", {"projects": [
        PROJECT_HEADERS,
        ["PRJ-007", "Customer Portal", "Digital", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31), 100000, 80000, 80,
         "Green", None],
        ["PRJ-009", "Data Lake", "Data", D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31), 50000, 40000, 80, "Green", None]]})


def raid_log(folder):
    # 5 × 5 = 25 and 5 × 4 = 20: both Critical; exposure = 85 % (probability 5) of the cost impact
    return write_xlsx(folder / "raid.xlsx", {"risks": [
        RISK_HEADERS,
        ["PRJ-999", "R1", "risk", "Vendor insolvency", 5, 5, 2000000, "open", D(2026, 10, 5), None],
        ["PRJ-07", "R2", "risk", "Key engineer leaves", 5, 4, 470588.24, "open", D(2026, 10, 6), None],
        ["PRJ-007", "R3", "risk", "Scope creep", 2, 3, 10000, "open", D(2026, 8, 1), None]]})


def test_the_import_names_each_unknown_project_with_the_nearest_known_one(store, tmp_path):
    import_file(store, register(tmp_path), "2026-10")
    result = import_file(store, raid_log(tmp_path), "2026-10")
    warning = next(w for w in result.report["warnings"] if "not in October 2026's projects" in w)
    assert "PRJ-07 (1 RAID entry; did you mean PRJ-007?)" in warning and "PRJ-999 (1 RAID entry)" in warning
    assert [(u["project_id"], u["nearest"]) for u in result.report["unregistered_projects"]] == [
        ("PRJ-07", "PRJ-007"), ("PRJ-999", None)]
    # the entries are kept, and said beside the figures they are missing from
    left_out = queries.unregistered_entries(store, OCTOBER)
    assert left_out[["project_id", "open_risks", "open_critical_risks"]].values.tolist() == [
        ["PRJ-07", 1, 1], ["PRJ-999", 1, 1]]
    assert left_out["open_risk_exposure"].sum() == 0.85 * 2000000 + 0.85 * 470588.24  # 2.1 M
    sentences = story.executive_summary(store, queries.Filters(period=OCTOBER))
    assert any(s.startswith("2 open risks (2 critical) on projects not in the register (PRJ-07, PRJ-999): ")
               and "not counted in these figures" in s for s in sentences), sentences


def test_a_register_in_the_same_upload_registers_the_projects(store, tmp_path):
    prepared = prepare(raid_log(tmp_path), "2026-10", store=store)
    arriving = reconcile.projects_of(prepare(register(tmp_path), "2026-10", store=store).tables)
    found = reconcile.unregistered_projects(store, prepared.tables, OCTOBER, arriving)
    assert [u.project_id for u in found] == ["PRJ-07", "PRJ-999"]  # PRJ-007 arrives with the register
    assert [u.project_id for u in reconcile.unregistered_projects(store, prepared.tables, OCTOBER)] == [
        "PRJ-007", "PRJ-07", "PRJ-999"]


def test_the_risks_page_says_what_its_figures_leave_out(db_path, tmp_path):
    imported(db_path, "2026-10", register(tmp_path), raid_log(tmp_path))
    at = open_page("pages/risks.py")
    shown = [w.value.replace("\\", "") for w in at.warning]  # markdown escapes taken off
    assert "2 open risks (2 critical) on projects not in the register (PRJ-07, PRJ-999): 2.10 M exposure, not counted " \
           "in these figures." in shown, shown


def test_the_data_page_preview_says_a_file_names_projects_the_month_does_not_hold(db_path, tmp_path):
    imported(db_path, "2026-10", register(tmp_path))
    at = data_page_with_upload(raid_log(tmp_path), "2026-10")
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert any("2 projects not in October 2026's projects: PRJ-07 (1 RAID entry; did you mean PRJ-007?); "
               "PRJ-999 (1 RAID entry)" in w for w in shown), shown


def test_the_month_s_reconciliation_lists_what_does_not_add_up(store, tmp_path):
    import_file(store, register(tmp_path), "2026-10")
    # the RAID log again, with the same risk twice on PRJ-007 (its title in another case and spacing)
    with_repeat = write_xlsx(tmp_path / "raid2.xlsx", {"risks": [
        RISK_HEADERS,
        ["PRJ-999", "R1", "risk", "Vendor insolvency", 5, 5, 2000000, "open", D(2026, 10, 5), None],
        ["PRJ-07", "R2", "risk", "Key engineer leaves", 5, 4, 470588.24, "open", D(2026, 10, 6), None],
        ["PRJ-007", "R3", "risk", "Scope creep", 2, 3, 10000, "open", D(2026, 8, 1), None],
        ["PRJ-007", "R8", "risk", "scope  CREEP", 2, 3, 10000, "open", D(2026, 10, 9), None]]})
    import_file(store, with_repeat, "2026-10")
    # and a 2018 resource plan loaded for October 2026
    import_file(store, write_xlsx(tmp_path / "plan 2018.xlsx", {"Resources": [
        ["Name", "Role", "Sep-18", "Oct-18"], ["Ann", "Analyst", 120, 100]]}), "2026-10")
    lines = queries.month_reconciliation(store, OCTOBER)
    assert lines[["kind", "subject"]].values.tolist() == [
        ["plan far from the month", "plan 2018.xlsx"],
        ["project not registered", "PRJ-07"],
        ["project not registered", "PRJ-999"],
        ["risk entered twice", "PRJ-007"]]
    assert lines.set_index("subject").loc["plan 2018.xlsx", "what"] == "its months run Sep 2018 to Oct 2018"
    assert lines.set_index("subject").loc["PRJ-007", "what"].endswith("is entered 2 times (R3, R8); it counts once")


def test_the_data_page_shows_whether_the_month_adds_up(db_path, tmp_path):
    imported(db_path, "2026-10", register(tmp_path), raid_log(tmp_path))
    at = open_page("pages/data.py")
    assert "Does October 2026 add up?" in [h.value for h in at.subheader]
    assert any("2 things to look at before the review" in c.value for c in at.caption), [c.value for c in at.caption]


def test_two_files_giving_one_project_s_figure_differently_are_shown_not_merged(store, tmp_path):
    import_file(store, register(tmp_path), "2026-10")
    # the finance team's list gives PRJ-007 another budget: the latest import's is used, and the panel says so
    import_file(store, write_xlsx(tmp_path / "finance.xlsx", {"Budgets": [
        ["Project ID", "Project Name", "Budget", "Sponsor", "Program"],
        ["PRJ-007", "Customer Portal", 95000, "Karin", "Digital"], ["PRJ-009", "Data Lake", 50000, "Karin", "Data"]]}),
        "2026-10")
    lines = queries.month_reconciliation(store, OCTOBER)
    disagree = lines[lines["kind"] == "sources disagree"]
    assert disagree[["subject", "what"]].values.tolist() == [
        ["PRJ-007", "budget: 100000.0 (register.xlsx) vs 95000.0 (finance.xlsx); the latest file's is used"]]
