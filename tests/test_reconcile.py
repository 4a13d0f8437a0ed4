"""Entries naming a project the month does not hold (issue 25, defect 3): two open critical risks on
PRJ-999 and on a mistyped PRJ-07 loaded with 0 warnings and showed on no page. Now the import and the
Data page say so, with the nearest known ID, and every figure they miss says what it leaves out.
Values worked out by hand below."""

from __future__ import annotations

import datetime as dt

from pmo_data import queries, reconcile, story
from pmo_data.importer import ImportFailed, import_file, prepare, register_project
from tests.files import write_xlsx
from tests.test_app_pages import data_page_with_upload, frame_with, imported, open_page
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


def test_an_id_mapped_to_its_project_counts_there_this_month_and_the_next(store, tmp_path):
    import_file(store, register(tmp_path), "2026-10")
    import_file(store, raid_log(tmp_path), "2026-10")
    reconcile.map_project_id(store, OCTOBER, "PRJ-07", "PRJ-007", user="ann", at=dt.datetime(2026, 11, 2, 9, 0))
    # R2 now counts in PRJ-007's risks beside R3; PRJ-999 is still said to be left out
    assert store.query("select risk_id from kpi_risks where period = $p and project_id = 'PRJ-007' order by 1",
                       {"p": OCTOBER})["risk_id"].tolist() == ["R2", "R3"]
    assert queries.unregistered_entries(store, OCTOBER)["project_id"].tolist() == ["PRJ-999"]
    # the row keeps what its file said (provenance); the mapping is recorded and audited
    assert store.scalar("select project_id from risks where risk_id = 'R2'") == "PRJ-07"
    assert queries.project_aliases(store)[["alias", "project_id", "set_by"]].values.tolist() == [["PRJ-07", "PRJ-007", "ann"]]
    assert store.scalar("select detail from audit_log where action = 'project mapped'") == "PRJ-07 → PRJ-007, from 2026-10 on"
    # November's files: the register, and a RAID log still saying PRJ-07: read as PRJ-007, and said
    import_file(store, register(tmp_path), "2026-11")
    november = import_file(store, write_xlsx(tmp_path / "raid-nov.xlsx", {"risks": [
        RISK_HEADERS, ["PRJ-07", "R2", "risk", "Key engineer leaves", 5, 4, 470588.24, "open", D(2026, 10, 6), None]]}),
        "2026-11")
    assert "projects: PRJ-07 read as PRJ-007, as mapped on 02 Nov 2026" in november.report["notes"]
    assert not november.report["unregistered_projects"]
    assert store.query("select project_id from kpi_risks where period = '2026-11-01'")["project_id"].tolist() == ["PRJ-007"]
    # forgotten, the entries are left out again, and said to be
    reconcile.forget_project_mapping(store, "PRJ-07", user="ann")
    assert queries.unregistered_entries(store, OCTOBER)["project_id"].tolist() == ["PRJ-07", "PRJ-999"]


def test_a_mapping_never_merges_two_projects_nor_points_at_no_project(store, tmp_path):
    import_file(store, register(tmp_path), "2026-10")
    for alias, target, why in (("PRJ-009", "PRJ-007", "PRJ-009 is a project in October 2026 itself"),
                               ("PRJ-07", "PRJ-123", "PRJ-123 is not a project in October 2026"),
                               ("PRJ-007", "PRJ-007", "choose a project other than the ID itself")):
        try:
            reconcile.map_project_id(store, OCTOBER, alias, target)
            raise AssertionError(f"{alias} → {target} was accepted")
        except reconcile.MappingRefused as refused:
            assert why in str(refused)
    assert queries.project_aliases(store).empty


def test_an_editor_maps_an_id_on_the_data_page(db_path, tmp_path):
    imported(db_path, "2026-10", register(tmp_path), raid_log(tmp_path))
    at = open_page("pages/data.py")
    at.selectbox(key="alias_id").set_value("PRJ-07").run()
    assert at.selectbox(key="alias_target_PRJ-07").value == "PRJ-007"  # the nearest known ID is offered first
    at.button(key="alias_map").click().run()
    assert not at.exception
    assert any("1 thing to look at before the review" in c.value for c in at.caption), [c.value for c in at.caption]
    assert any(m.value.replace("\\", "").startswith("PRJ-07 → PRJ-007, mapped by") for m in at.markdown)


def test_a_project_the_register_lacks_is_added_by_hand_as_an_import_of_its_own(store, tmp_path):
    import_file(store, register(tmp_path), "2026-10")
    import_file(store, raid_log(tmp_path), "2026-10")
    import_id = register_project(store, OCTOBER, "PRJ-999", "Vendor programme", user="ann")
    # its risk R1 (5 × 5, critical) now counts; PRJ-07 is still left out
    assert queries.unregistered_entries(store, OCTOBER)["project_id"].tolist() == ["PRJ-07"]
    assert store.query("select project_id, project_name, health from kpi_project_health where period = $p "
                       "and project_id = 'PRJ-999'", {"p": OCTOBER}).values.tolist() == [["PRJ-999", "Vendor programme", "grey"]]
    cards = queries.portfolio_cards(store, queries.Filters(period=OCTOBER))
    assert int(cards[cards["is_current"]]["open_critical_risks"].iloc[0]) == 1  # R1; R3 (2 × 3) is not critical
    assert store.query("select file_name, source, imported_by from imports where import_id = $i", {"i": import_id}).values.tolist() == [
        ["PRJ-999 added on the Data page", "data page", "ann"]]
    try:
        register_project(store, OCTOBER, "PRJ-007", "again")
        raise AssertionError("a registered project was registered twice")
    except ImportFailed as refused:
        assert "PRJ-007 is a project in October 2026 already" in str(refused)


def test_an_editor_adds_a_missing_project_on_the_data_page(db_path, tmp_path):
    imported(db_path, "2026-10", register(tmp_path), raid_log(tmp_path))
    at = open_page("pages/data.py")
    at.selectbox(key="new_project_id").set_value("PRJ-999").run()
    at.text_input(key="new_project_name").input("Vendor programme").run()
    at.button(key="new_project_add").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    # PRJ-999 is a project now: the panel asks for its figures instead; PRJ-07 still names no project
    assert frame_with(at, "kind")[["kind", "subject"]].values.tolist() == [
        ["project not registered", "PRJ-07"], ["project with no register figures", "PRJ-999"]]
    history = frame_with(at, "file_name")
    assert "PRJ-999 added on the Data page" in history["file_name"].tolist()


def test_the_chase_list_counts_its_project_managers_in_words(db_path, tmp_path):
    # issue 27: "3 projects of 0 project managers" when no register names a manager
    imported(db_path, "2026-10", register(tmp_path), raid_log(tmp_path))
    at = open_page("pages/data.py")
    assert any(c.value.startswith("2 projects, none with a project manager named, with why:") for c in at.caption), \
        [c.value[:60] for c in at.caption]


def test_the_reporting_months_count_the_people_a_plan_names(store, tmp_path):
    # issue 27: "People: 0 after 31 allocations were loaded" (a plan with no roster sheet)
    import_file(store, write_xlsx(tmp_path / "plan.xlsx", {"Resources": [
        ["Name", "Role", "Oct 2026", "Nov 2026"], ["Ann", "Analyst", 120, 100], ["Bo", "Dev", 80, 80]]}), "2026-10")
    months = store.query_named("periods")
    assert months[["people"]].values.tolist() == [[2]]
