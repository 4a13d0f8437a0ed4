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
from tests.files import write_csv, write_xlsx
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


@pytest.mark.parametrize("unit, hours", [
    ("hours", [10.0, 8.0]),
    ("days", [80.0, 64.0]),  # × 8 hours a day
    ("fte", [0.5 * 22 * 8, 0.25 * 21 * 8]),  # October 2026 has 22 working days, November 21: 88 h and 42 h
])
def test_a_recipe_says_what_a_plan_s_numbers_count(store, tmp_path, unit, hours):
    # issue 24: "the mapping editor has a 'values are hours / days / FTE / headcount / money' choice"
    values = {"hours": ("10", "8"), "days": ("10", "8"), "fte": ("0.5", "0.25")}[unit]
    plan = write_csv(tmp_path / "plan.csv", f"Person,Project,Oct 2026,Nov 2026\nAnn,P1,{values[0]},{values[1]}\n")
    recipe = from_toml_text(f'name = "Plan"\ntable = "allocations"\nmonths_across = true\nunit = "{unit}"\n'
                            '[columns]\nresource_name = "Person"\nproject_id = "Project"\n', "plan")
    assert recipe.unit == unit and from_toml_text(recipe.to_toml(), "x") == recipe
    result = import_file(store, plan, "2026-10", mapping=recipe)
    assert store.query("select planned_hours from allocations order by month")["planned_hours"].tolist() == hours
    assert (unit == "hours") != any(note.startswith(f"allocations: values read as {unit}") for note in result.report["notes"])


def test_a_unit_fits_only_what_counts_hours():
    with pytest.raises(Exception, match="a unit fits only allocations or actual_hours"):
        from_toml_text('name = "x"\ntable = "projects"\nunit = "days"\n[columns]\nproject_id = "ID"\n', "x")
    with pytest.raises(Exception, match="fte needs a month per row"):
        from_toml_text('name = "x"\ntable = "actual_hours"\nunit = "fte"\n[columns]\nresource_name = "Who"\n'
                       'work_date = "Day"\nhours = "H"\n', "x")


def test_a_recipe_of_several_sheets_reads_back_as_its_toml():
    load = ColumnMapping("Team", "allocations", {"resource_name": "Person"}, "Resource",
                         constants={"project_id": "PRJ-001"}, months_across=True, unit="days")
    recipe = ColumnMapping("Team", "costs", {"project_id": "Project"}, "Spend", months_across=True,
                           constants={"cost_type": "forecast"}, also=(load,))
    text = recipe.to_toml()
    assert "[[also]]" in text and 'sheet = "Resource"' in text and 'unit = "days"' in text
    assert from_toml_text(text, "x") == recipe and ColumnMapping.from_json(recipe.to_json()) == recipe
    with pytest.raises(Exception, match="each sheet of a recipe of several sheets is named, once"):
        from_toml_text(text.replace('sheet = "Resource"', 'sheet = "Spend"'), "x")


def test_a_field_falls_back_to_a_second_column(store, tmp_path):
    # issue 24: "a field can fall back to a second column (finish = Timeline end, else Date)" — a monday board's
    # milestones have a Date, its tasks a Timeline
    board = write_csv(tmp_path / "board.csv", "Item ID,Item,Status,Timeline start,Timeline end,Date\n"
                                              "1,Design,Done,2026-01-05,2026-01-20,\n2,Go-live,Stuck,,,2026-03-31\n"
                                              "3,Build,Working on it,2026-01-21,2026-03-01,2026-02-15\n")
    recipe = from_toml_text('name = "Board"\ntable = "tasks"\n[columns]\ntask_id = "Item ID"\nname = "Item"\nstatus = "Status"\n'
                            'start_date = "Timeline start"\nfinish_date = "Timeline end"\n'
                            '[fallbacks]\nfinish_date = "Date"\n[constants]\nproject_id = "P1"\n', "board")
    assert from_toml_text(recipe.to_toml(), "x") == recipe
    result = import_file(store, board, "2026-10", mapping=recipe)
    # the Timeline decides where it is given (Build ends 1 Mar, not at its Date); Go-live has only a Date
    assert store.query("select name, strftime(finish_date, '%Y-%m-%d') from tasks order by name").values.tolist() == [
        ["Build", "2026-03-01"], ["Design", "2026-01-20"], ["Go-live", "2026-03-31"]]
    assert "tasks: 1 empty 'Timeline end' read from 'Date', as the mapping says" in result.report["notes"]
    with pytest.raises(Exception, match="a fallback needs the column it stands in for"):
        from_toml_text('name = "x"\ntable = "tasks"\n[columns]\nname = "Item"\n[fallbacks]\nfinish_date = "Date"\n', "x")


def test_a_recipe_skips_the_header_said_again_and_the_rows_its_rules_name(store, tmp_path):
    # issue 24: "row filters skip repeated header rows, ID-only rows and rows matching a rule"
    sheet = write_csv(tmp_path / "list.csv", "ID,Task,Type,Status\n1,Design,Task,Done\n,Phase 2,Group,\n"
                                             "ID,Task,Type,Status\n2,Build,Task,Open\n")
    recipe = from_toml_text('name = "List"\ntable = "tasks"\n[columns]\ntask_id = "ID"\nname = "Task"\nstatus = "Status"\n'
                            '[skip_when]\nType = "group"\n[constants]\nproject_id = "P1"\n', "list")
    assert from_toml_text(recipe.to_toml(), "x") == recipe
    result = import_file(store, sheet, "2026-10", mapping=recipe)
    assert store.query("select task_id, name from tasks order by 1").values.tolist() == [["1", "Design"], ["2", "Build"]]
    assert {(t["rows"], t["why"]) for t in result.report["template_rows"]} == {
        (1, "rows repeating the header"), (1, "rows the mapping skips (Type = group)")}


@pytest.mark.parametrize("hierarchy, column, codes", [
    ("outline", "Ebene", [1, 2, 2, 1, 2]),
    ("wbs", "PSP", ["1", "1.1", "1.2", "2", "2.1"]),
    ("headings", None, None),
])
def test_a_recipe_reads_a_task_list_s_hierarchy(store, tmp_path, hierarchy, column, codes):
    # issue 24: "hierarchy from outline level, indentation, WBS number or a parent column", said in a recipe;
    # the same five tasks: two summaries (Design over Specs and Review, Build over Code)
    names = ["Design", "Specs", "Review", "Build", "Code"]
    dates = [("", ""), ("2026-01-05", "2026-01-09"), ("2026-01-12", "2026-01-16"), ("", ""), ("2026-02-02", "2026-02-27")]
    lines = ["Nr," + (f"{column}," if column else "") + "Vorgang,Anfang,Ende"]
    for number, (name, (start, end)) in enumerate(zip(names, dates), start=1):
        lines.append(f"{number}," + (f"{codes[number - 1]}," if column else "") + f"{name},{start},{end}")
    path = write_csv(tmp_path / "plan.csv", "\n".join(lines) + "\n")
    recipe = from_toml_text('name = "Plan"\ntable = "tasks"\n' f'hierarchy = "{hierarchy}"\n'
                            + (f'hierarchy_column = "{column}"\n' if column else "")
                            + '[columns]\ntask_id = "Nr"\nname = "Vorgang"\nstart_date = "Anfang"\nfinish_date = "Ende"\n'
                            '[constants]\nproject_id = "P1"\n', "plan")
    assert from_toml_text(recipe.to_toml(), "x") == recipe
    result = import_file(store, path, "2026-01", mapping=recipe)
    assert store.query("select task_id, coalesce(parent_task_id, '-'), is_summary from tasks order by task_id::int"
                       ).values.tolist() == [["1", "-", True], ["2", "1", False], ["3", "1", False], ["4", "-", True],
                                             ["5", "4", False]]
    assert any("hierarchy from the" in note and "2 summary tasks" in note for note in result.report["notes"])


def test_a_recipe_reads_a_column_from_the_group_heading_rows(store, tmp_path):
    # issue 24: "carry group rows down as a column (monday groups, programme headings)", said in a recipe:
    # a programme's name on a row of its own over its projects becomes each project's programme
    sheet = write_csv(tmp_path / "portfolio.csv", "ID,Project,Status,Manager\n,Digital Channels,,\nP1,Web shop,Green,Ann\n"
                                                  "P2,App relaunch,Amber,Bob\n,Operations,,\nP3,ERP upgrade,Red,Cy\n")
    recipe = from_toml_text('name = "Portfolio"\ntable = "tasks"\n[columns]\ntask_id = "ID"\nname = "Project"\n'
                            'status = "Status"\nassignee = "Manager"\nproject_id = "the group heading above"\n', "portfolio")
    assert from_toml_text(recipe.to_toml(), "x") == recipe
    result = import_file(store, sheet, "2026-10", mapping=recipe)
    assert store.query("select project_id, name from tasks order by name").values.tolist() == [
        ["Digital Channels", "App relaunch"], ["Operations", "ERP upgrade"], ["Digital Channels", "Web shop"]]
    assert any("2 group heading rows" in note and "give the project of the rows under them" in note
               for note in result.report["notes"]), result.report["notes"]


def test_a_recipe_reads_a_board_s_groups_and_subitems(store, tmp_path):
    # issue 24: "split subitem blocks under their items" and "carry group rows down", said in a recipe: a
    # monday.com-style board whose headers the monday reader does not know (a board renamed in Spanish)
    path = write_xlsx(tmp_path / "tablero.xlsx", {"Tablero": [
        ["Tarea", "Responsable", "Estado", "Fecha"],
        ["Lanzamiento Q4"],
        ["Tarea", "Responsable", "Estado", "Fecha"],
        ["Página de precios", "Ana", "Listo", dt.date(2026, 10, 20)],
        ["Subitems", "Tarea", "Estado"],
        [None, "Textos", "Listo"],
        [None, "Imágenes", "Detenido"],
        ["Onboarding", "Bruno", "En curso", dt.date(2026, 11, 5)],
        [None, None, None, None],
        ["Pendientes"],
        ["Tarea", "Responsable", "Estado", "Fecha"],
        ["Programa de referidos", "Ana", None, None]]})
    recipe = from_toml_text('name = "Tablero"\ntable = "tasks"\nsubitems = true\n[columns]\nname = "Tarea"\n'
                            'assignee = "Responsable"\nstatus = "Estado"\nfinish_date = "Fecha"\n'
                            'project_id = "the group heading above"\n', "tablero")
    assert from_toml_text(recipe.to_toml(), "x") == recipe
    result = import_file(store, path, "2026-10", mapping=recipe)
    tasks = store.query("select t.project_id, t.name, coalesce(p.name, '-'), t.is_summary from tasks t "
                        "left join tasks p on p.task_id = t.parent_task_id order by t.task_id").values.tolist()
    assert sorted(tasks) == sorted([
        ["Lanzamiento Q4", "Página de precios", "-", True], ["Lanzamiento Q4", "Textos", "Página de precios", False],
        ["Lanzamiento Q4", "Imágenes", "Página de precios", False], ["Lanzamiento Q4", "Onboarding", "-", False],
        ["Pendientes", "Programa de referidos", "-", False]])
    assert any("2 subitems read under their items" in note for note in result.report["notes"])
    with pytest.raises(Exception, match="subitems fit only tasks"):
        from_toml_text('name = "x"\ntable = "risks"\nsubitems = true\n[columns]\ntitle = "Risk"\n', "x")


def test_a_recipe_s_hierarchy_is_checked():
    with pytest.raises(Exception, match="name the column holding the outline level"):
        from_toml_text('name = "P"\ntable = "tasks"\nhierarchy = "outline"\n[columns]\nname = "Task"\n', "p")
    with pytest.raises(Exception, match="a hierarchy fits only tasks"):
        from_toml_text('name = "P"\ntable = "risks"\nhierarchy = "headings"\n[columns]\ntitle = "Risk"\n', "p")
    with pytest.raises(Exception, match="hierarchy is one of outline, wbs, headings"):
        from_toml_text('name = "P"\ntable = "tasks"\nhierarchy = "indent"\n[columns]\nname = "Task"\n', "p")
