"""Saved column mappings (recipes, issue 24) are listed, shown as TOML, edited and deleted, on the
Data page and with `mappings`: a bad recipe never applies itself every month with no way out."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data import audit
from pmo_data.cli import main
from pmo_data.importer import ImportFailed, import_file
from pmo_data.mapping import ColumnMapping, from_toml_text, load_toml, saved_mappings
from pmo_data.store import open_store
from tests.files import write_csv
from tests.test_app_pages import open_page

TS = dt.datetime


def finance_files(folder):
    october = write_csv(folder / "finance.csv", "Proj No;Title;Budget €;Spent\nF-1;Data centre exit;250.000,00;90.000\n")
    mapping_file = folder / "finance.toml"
    mapping_file.write_text('name = "Finance list"\ntable = "projects"\n[columns]\nproject_id = "Proj No"\n'
                            'project_name = "Title"\nbudget = "Budget €"\nactual_cost = "Spent"\n', encoding="utf-8")
    november = write_csv(folder / "finance-nov.csv", "Title;Proj No;Spent;Budget €\nData centre exit;F-1;120.000;250.000,00\n")
    return october, load_toml(mapping_file), november


def test_a_recipe_reads_back_as_the_toml_it_came_from():
    recipe = ColumnMapping("Finance list", "projects", {"project_id": "Proj No", "budget": "Budget €"}, header_row=3)
    assert recipe.to_toml() == ('name = "Finance list"\ntable = "projects"\nheader_row = 3\n\n'
                                '[columns]\nproject_id = "Proj No"\nbudget = "Budget €"\n')
    assert from_toml_text(recipe.to_toml(), "x") == recipe


def test_the_command_line_shows_and_deletes_a_recipe(db_path, tmp_path, capsys):
    store = open_store(db_path)
    october, mapping, november = finance_files(tmp_path)
    import_file(store, october, "2026-10", mapping=mapping)
    store.close()
    assert main(["mappings", "--db", str(db_path), "--toml"]) == 0
    assert 'project_id = "Proj No"' in capsys.readouterr().out
    assert main(["mappings", "--db", str(db_path), "--delete", "Finance list"]) == 0
    assert "deleted the mapping 'Finance list'" in capsys.readouterr().out
    store = open_store(db_path)
    assert saved_mappings(store).empty
    assert audit.entries(store, limit=1).iloc[0].action == "mapping deleted"
    with pytest.raises(ImportFailed, match="layout not recognised"):  # detected afresh: no mapping applies
        import_file(store, november, "2026-11")


def test_the_data_page_edits_and_deletes_a_recipe(db_path, tmp_path):
    store = open_store(db_path)
    october, mapping, november = finance_files(tmp_path)
    import_file(store, october, "2026-10", mapping=mapping)
    store.close()
    at = open_page("pages/data.py")
    editor = next(t for t in at.text_area if (t.key or "").startswith("recipe-"))
    # the recipe mapped 'Spent' as the actual cost by mistake: the editor takes it out
    editor.set_value(editor.value.replace('actual_cost = "Spent"\n', "")).run()
    next(b for b in at.button if (b.key or "").startswith("recipe-save-")).click().run()
    store = open_store(db_path)
    saved = ColumnMapping.from_json(saved_mappings(store)["mapping"].iloc[0])
    assert saved.columns == {"project_id": "Proj No", "project_name": "Title", "budget": "Budget €"}
    store.close()
    at = open_page("pages/data.py")
    next(b for b in at.button if (b.key or "").startswith("recipe-delete-")).click().run()
    assert saved_mappings(open_store(db_path)).empty
