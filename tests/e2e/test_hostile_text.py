"""End-to-end: names from the data that try to be links, markup, direction tricks or a page
150,000 px tall, shown in a real browser on the Portfolio and Project pages."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.browser_pages import serve
from pmo_data.importer import import_file
from pmo_data.store import open_store
from tests.e2e.conftest import BROWSER_TESTS, wait_for_app
from tests.files import write_xlsx
from tests.test_text_safety import LINK, RTL_OVERRIDE, write_hostile_projects

pytestmark = BROWSER_TESTS

# every link of the document, HTML or SVG (plotly draws an <a> of SVG, whose href is xlink's)
LINKS_JS = """() => [...document.querySelectorAll('a')].map(
    a => a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')"""
MAIN_HEIGHT_JS = "() => document.querySelector('[data-testid=stMain]').scrollHeight"


@pytest.fixture(scope="module")
def hostile_server(demo_db, tmp_path_factory):
    """The demo, plus a month's projects named to attack the page, built with the library."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "pmo.duckdb"
    shutil.copy(demo_db, db)
    path = write_hostile_projects(folder / "projects.csv")
    with path.open("a", encoding="utf-8") as file:  # a link as an objective: a category of a chart
        file.write(f'P4,See http://x.example,Ops,"{LINK.replace(chr(34), chr(34) * 2)}",Pat,1000,2026-01-01,2026-12-31,red\n')
    store = open_store(db)
    import_file(store, path, "2026-10")
    # P4's status report, every section with a link in its text (issue 26, item 6)
    import_file(store, write_xlsx(folder / "status.xlsx", {"Projects": [["Project ID", "Project Name"], ["P4", "See http://x.example"]], "Status": [
        ["Project ID", "Summary", "Achievements", "Next Steps", "Decisions / Help Needed", "Reported By", "Report Date"],
        ["P4", "See https://evil.example/summary", "Done: www.evil.example/done", "Next: http://evil.example/next",
         "Ask: mailto:boss@evil.example", "Pat http://evil.example/pat", "28/10/2026"]]}), "2026-10")
    store.close()
    with serve("app.py", db) as url:
        yield url


def test_the_portfolio_page_draws_no_link_and_no_trick_from_the_data(hostile_server, page):
    page.goto(f"{hostile_server}/")
    wait_for_app(page, "Projects and why")
    chart = page.locator(".js-plotly-plot").filter(has_text="Budget by strategic objective")
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    links = page.evaluate(LINKS_JS)
    assert not [href for href in links if "evil" in href or "x.example" in href], links
    assert page.locator('a[href^="http://evil"]').count() == 0
    assert LINK in chart.inner_text()  # the objective's name, drawn as the text it is
    assert RTL_OVERRIDE not in page.evaluate("() => document.body.innerText")
    assert page.evaluate(MAIN_HEIGHT_JS) < 5000


def test_a_100000_character_name_keeps_the_project_page_short(hostile_server, page):
    page.goto(f"{hostile_server}/project?project=P3")
    wait_for_app(page, "Health by month")
    page.wait_for_timeout(1500)
    title = page.locator("h1").first.inner_text()
    assert title == "L" * 79 + "…"
    assert page.evaluate(MAIN_HEIGHT_JS) < 5000


def test_the_status_report_of_a_project_shows_its_links_as_text(hostile_server, page):
    page.goto(f"{hostile_server}/project?project=P4")
    wait_for_app(page, "Health by month")
    page.wait_for_timeout(1500)
    text = page.evaluate("() => document.body.innerText").replace("\u2060", "")  # the invisible joiner that breaks a link
    assert "Next: http://evil.example/next" in text and "Ask: mailto:boss@evil.example" in text  # shown, as typed
    links = page.evaluate(LINKS_JS)
    assert not [href for href in links if "evil" in href or "x.example" in href], links
