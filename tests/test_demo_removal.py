"""Starting with your own data (issue 27): the demo is taken out in one audited action, on the Data
page or with `python -m pmo_data demo --remove`, and the Data page says what to upload first."""

from __future__ import annotations

from pmo_data import catalog, demo
from pmo_data.importer import import_file
from pmo_data.store import open_store
from tests.conftest import SAMPLE_DATA, run_cli, signed_in_app_test
from tests.files import write_csv
from tests.test_app_pages import AUTH


def test_removing_the_demo_keeps_the_pmo_s_own_imports(demo_copy, tmp_path):
    store = open_store(demo_copy)
    demo_count = len(demo.demo_files())
    assert len(demo.demo_imports(store)) == demo_count == len(catalog.imports(store))
    # the PMO's own register, imported beside the demo, under a name the demo also uses
    own = write_csv(tmp_path / "projects.csv", "project_id,project_name,budget\nOWN-1,Our ERP,100000\n")
    import_file(store, own, "2026-11", user="Eve")
    said = demo.remove_demo(store, user="Eve", role="editor")
    assert said.startswith(f"{demo_count} imports of the demo removed")
    left = catalog.imports(store)
    assert left["file_name"].tolist() == ["projects.csv"] and demo.demo_imports(store) == []
    assert store.query("select project_id from stg_projects").values.tolist() == [["OWN-1"]]
    entry = store.query("select user_name, role, action from audit_log order by audit_id desc limit 1").values.tolist()
    assert entry == [["Eve", "editor", demo.REMOVED]]
    assert demo.remove_demo(store) == "the database holds no import of the demo"  # twice: nothing written


def test_the_command_removes_the_demo(demo_copy):
    done = run_cli(demo_copy, "demo", "--remove")
    assert done.returncode == 0 and "imports of the demo removed" in done.stdout
    assert catalog.is_empty(open_store(demo_copy))


def test_the_data_page_starts_a_pmo_with_its_own_data(demo_copy, monkeypatch):
    at = signed_in_app_test(monkeypatch, AUTH, "Eve", "editor", "pages/data.py")
    assert any("Start with your own data" in m.value and f"({len(demo.demo_files())} imports)" in m.value
               for m in at.markdown)
    assert any("1. **The project register**" in m.value for m in at.markdown)
    assert at.button(key="remove_demo").disabled  # not before the box is ticked
    at.checkbox(key="remove_demo_confirm").check().run()
    at.button(key="remove_demo").click().run()
    assert not at.exception
    assert catalog.is_empty(open_store(demo_copy))
    assert (SAMPLE_DATA / "pmo_portfolio_template.xlsx").exists()


def test_a_viewer_sees_the_guide_but_no_removal(demo_copy, monkeypatch):
    at = signed_in_app_test(monkeypatch, AUTH, "Vic", "viewer", "pages/data.py")
    assert any("Start with your own data" in m.value for m in at.markdown)
    assert not [b for b in at.button if b.key == "remove_demo"]
