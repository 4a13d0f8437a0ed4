"""End-to-end, at 1280×720: a board export no reader knows (groups as title rows, subitem blocks under
their items, Spanish headers) mapped in the Data page's editor in a few choices, then next month's
file with the same headers loaded by the saved recipe with no question (issue 24)."""

from __future__ import annotations

from pmo_data.store import open_store
from tests.e2e.conftest import BROWSER_TESTS, wait_for_app
from tests.files import write_xlsx

pytestmark = BROWSER_TESTS

HEADER = ["Tarea", "Responsable", "Estado", "Fecha"]


def board(path, launch_subitems: list[str], late: str):
    return write_xlsx(path, {"Tablero": [
        HEADER, ["Lanzamiento Q4"], HEADER,
        ["Página de precios", "Ana", "Listo", None],
        ["Subitems", "Tarea", "Estado"], *[[None, name, "Listo"] for name in launch_subitems],
        ["Onboarding", "Bruno", "En curso", None],
        [None, None, None, None],
        ["Pendientes"], HEADER, [late, "Ana", None, None]]})


def choose(page, label: str, option: str) -> None:
    """Picks `option` in the selectbox labelled `label` (Streamlit draws it as a combobox)."""
    open_list(page, label)
    page.get_by_role("option", name=option, exact=True).first.click()
    settle(page)


def open_list(page, label: str) -> None:
    """Opens the list of the main area's selectbox labelled `label` (the sidebar has a 'Reporting month' too)."""
    main = page.locator("[data-testid=stMain]")
    box = main.locator("[data-testid=stSelectbox]").filter(has=page.get_by_role("combobox", name=label, exact=True)).first
    box.scroll_into_view_if_needed()
    box.locator("button[aria-label=Open]").click()


def settle(page) -> None:
    for _ in range(2):  # a pick reruns the page: wait for the run to end
        page.wait_for_timeout(500)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)


def month_options(page) -> list[str]:
    open_list(page, "Reporting month")
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return options


def upload(page, path) -> None:
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(path))
    wait_for_app(page, "Reporting month")


def test_a_board_mapped_in_the_editor_then_next_month_by_its_recipe(fresh_server, browser, tmp_path):
    db = tmp_path / "pmo.duckdb"  # the copy fresh_server serves
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{fresh_server}/data")
    wait_for_app(page, "Import history")
    upload(page, board(tmp_path / "tablero-octubre.xlsx", ["Textos", "Imágenes"], "Programa de referidos"))
    months = month_options(page)
    first, second = months[0], months[1]
    choose(page, "Reporting month", first)
    # the editor starts from what detection read (the sheet, its header, Tarea as the name, Estado as the
    # status, Responsable as the assignee); the choices left to make are these
    collapsed = page.get_by_text("Not read right? Map its columns yourself")
    if collapsed.count():  # read as some layout: the editor waits under the file, closed
        collapsed.first.click()                                                                      # 1
    wait_for_app(page, "Name of this layout")
    choose(page, "The rows are", "Tasks and milestones")                                             # 2
    assert page.get_by_role("combobox", name="Task name", exact=True).first.input_value() == "Tarea"
    assert page.get_by_role("combobox", name="Status", exact=True).first.input_value() == "Estado"
    choose(page, "Project", "the group heading above")                                               # 3
    assert page.get_by_role("checkbox", name="Subitems under their items", exact=False).first.is_checked()
    page.get_by_role("button", name="Use this mapping").click()                                      # 4
    wait_for_app(page, "Import 1 file")
    page.get_by_role("button", name="Import 1 file").click()
    wait_for_app(page, "Import history")
    store = open_store(db)
    rows = store.query("select t.project_id, t.name, coalesce(p.name, '-') from tasks t left join tasks p "
                       "on p.task_id = t.parent_task_id and p.import_id = t.import_id "
                       "where t.project_id in ('Lanzamiento Q4', 'Pendientes') order by 2").values.tolist()
    store.close()
    assert sorted(rows) == [["Lanzamiento Q4", "Imágenes", "Página de precios"], ["Lanzamiento Q4", "Onboarding", "-"],
                            ["Lanzamiento Q4", "Página de precios", "-"], ["Lanzamiento Q4", "Textos", "Página de precios"],
                            ["Pendientes", "Programa de referidos", "-"]]
    # next month's file, the same headers: the saved recipe reads it, no editor needed
    page.get_by_role("button", name="Remove tablero-octubre.xlsx").click()  # October's file, imported
    settle(page)
    upload(page, board(tmp_path / "tablero-noviembre.xlsx", ["Textos", "Imágenes", "Vídeo"], "Encuesta"))
    choose(page, "Reporting month", second)
    assert page.get_by_text("Saved column mapping", exact=False).first.is_visible()
    page.get_by_role("button", name="Import 1 file").click()
    wait_for_app(page, "Import history")
    page.screenshot(path=str(tmp_path / "after.png"))
    store = open_store(db)
    subitems = store.query("select count(*) from tasks where parent_task_id is not null "
                           "and project_id = 'Lanzamiento Q4' group by period")
    store.close()
    context.close()
    assert sorted(subitems.iloc[:, 0].tolist()) == [2, 3]
