"""End-to-end: a real `streamlit run` server on a free localhost port, driven by Playwright in
Debian's headless Chromium. Screenshots of every page go to test-artifacts/screenshots/
(and to docs/screenshots/ with UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import ROOT, SAMPLE_DATA
from tests.e2e.conftest import BROWSER_TESTS, wait_for_app

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
DOC_SCREENSHOTS = ROOT / "docs" / "screenshots"

pytestmark = BROWSER_TESTS


def sidebar_links(page):
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSidebar] a').length === 6", timeout=30_000)
    return page.locator("[data-testid=stSidebar] a").all()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => (document.querySelector('[data-testid=stMain]') || document.body).scrollHeight")
    page.set_viewport_size({"width": 1600, "height": min(max(height + 40, 1000), 5000)})
    page.wait_for_timeout(800)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1600, "height": 1000})
    if os.environ.get("UPDATE_SCREENSHOTS"):
        DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOC_SCREENSHOTS / path.name)


def sidebar_selection(page, label: str) -> list[str]:
    widget = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(has_text=label)
    return [tag.get_attribute("aria-label") for tag in widget.locator("[data-tag]").all()]


def test_deep_link_with_filters_on_a_fresh_server(server, page):
    # the first request this server gets is a deep link into a page, with filters in the URL
    page.goto(f"{server}/risks?program=Digital+Channels")
    wait_for_app(page, "Risks · October 2026")
    links = sidebar_links(page)
    assert [a.inner_text().split("\n")[-1] for a in links] == ["Portfolio health", "Risks", "Resources", "What is coming",
                                                                     "Project", "Data"]
    assert all("program=Digital+Channels" in a.get_attribute("href") for a in links)
    assert sidebar_selection(page, "Program") == ["Digital Channels"]
    assert "Digital Channels" in page.get_by_text("Scope:").first.inner_text()


def test_navigating_keeps_the_filters(server, page):
    page.goto(f"{server}/?program=Regulatory+Compliance")
    wait_for_app(page, "Portfolio health · October 2026")
    page.locator("[data-testid=stSidebar]").get_by_role("link", name="Resources").click()
    wait_for_app(page, "Resources · plan of October 2026")
    assert "program=Regulatory+Compliance" in page.url
    assert sidebar_selection(page, "Program") == ["Regulatory Compliance"]


def test_clicking_a_heatmap_cell_filters_the_risk_list(server, page):
    page.goto(f"{server}/risks")
    wait_for_app(page, "All risks and issues")
    # the matrix is a scatter of 25 squares, ordered probability 5→1, impact 1→5: (3, 4) is the 14th
    page.wait_for_function(
        "() => { const t = document.querySelector('.js-plotly-plot .scatterlayer .trace');"
        " return t && t.querySelectorAll('.points path').length === 25; }", timeout=30_000)
    cells = page.locator(".js-plotly-plot .scatterlayer .trace").first.locator(".points path")
    cells.nth(13).click(force=True)
    wait_for_app(page, "Open risks in probability 3 × impact 4")
    page.get_by_text("6 open risks selected.").wait_for(timeout=10_000)
    page.locator(".js-plotly-plot .scatterlayer .trace").first.locator(".points path").nth(19).click(force=True)
    wait_for_app(page, "Open risks in probability 2 × impact 5, probability 3 × impact 4")  # a second cell adds up
    page.get_by_text("8 open risks selected.").wait_for(timeout=10_000)
    page.get_by_role("button", name="Show all risks and issues").click()
    wait_for_app(page, "All risks and issues")
    # a whole band at once: the Critical band holds
    # "show all" draws the band picker anew (a new key): click it once it has settled
    pill = page.get_by_role("button", name="Critical: 2")
    pill.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    pill.click()
    wait_for_app(page, "Open risks in Critical band")
    page.get_by_text("2 open risks selected.").wait_for(timeout=10_000)


def test_clicking_a_health_segment_filters_by_that_health(server, page):
    page.goto(f"{server}/")
    wait_for_app(page, "Projects and why")
    chart = page.locator(".js-plotly-plot").filter(has_text="Project health by month")
    chart.wait_for(timeout=30_000)
    red_bars = chart.locator(".barlayer .trace").first.locator(".point path")  # the first series is red
    red_bars.last.click(force=True)  # October's red segment
    page.wait_for_function("() => location.search.includes('health=red')", timeout=30_000)
    wait_for_app(page, "Projects and why")
    page.get_by_text("9 of 9").first.wait_for(timeout=30_000)  # the cards now count the red projects only


def test_clicking_a_bubble_opens_its_project(server, page):
    page.goto(f"{server}/?program=Digital+Channels")
    wait_for_app(page, "Projects and why")
    chart = page.locator(".js-plotly-plot").filter(has_text="Schedule vs cost performance")
    chart.wait_for(timeout=30_000)
    labels = chart.locator(".scatterlayer .trace").first.locator(".textpoint text")
    ids = [labels.nth(i).text_content() for i in range(labels.count())]
    assert "PRJ-007" in ids  # every bubble carries its project's id
    chart.locator(".scatterlayer .trace").first.locator(".points path").nth(ids.index("PRJ-007")).click(force=True)
    page.wait_for_function("() => location.search.includes('project=PRJ-007')", timeout=30_000)
    page.get_by_role("heading", name="Health by month", exact=True).wait_for(timeout=30_000)


@pytest.mark.parametrize("path, name, marker", [
    ("/", "portfolio", "Projects and why"),
    ("/risks", "risks", "All risks and issues"),
    ("/resources", "resources", "Capacity vs demand"),
    ("/outlook", "outlook", "Roadmap"),
    ("/project?project=PRJ-007", "project", "Health by month"),
    ("/data", "data", "Import history"),
])
def test_screenshot_of_every_page(server, page, path, name, marker):
    page.goto(server + path)
    wait_for_app(page, marker)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000) if name not in {"data"} else None
    page.wait_for_timeout(1500)
    errors = page.locator("[data-testid=stException]")
    assert errors.count() == 0, errors.first.inner_text()
    screenshot(page, name)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 20_000


def test_clicking_a_project_name_opens_its_story(server, page):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(f"{server}/?program=Digital+Channels")
    wait_for_app(page, "Projects and why")
    grid = page.locator("[data-testid=stDataFrame]").first
    box = grid.bounding_box()
    for _ in range(3):  # on a busy machine the grid can take a moment to take clicks after it is drawn
        # the first row's name (worst project first): past the 68-px health column, under the header
        page.mouse.click(box["x"] + 68 + 60, box["y"] + 38 + 88 // 2)
        try:
            page.wait_for_function("() => location.search.includes('project=')", timeout=10_000)
            break
        except PlaywrightTimeout:
            continue
    # "Health by month" alone would also match the portfolio's "Project health by month" chart
    page.get_by_role("heading", name="Health by month", exact=True).wait_for(timeout=30_000)
    assert "project=PRJ-007" in page.url and "program=Digital+Channels" in page.url
    assert page.locator("h1").filter(has_text="Customer Portal Replatform").count() == 1


def test_deck_download_respects_the_filters(server, page, tmp_path):
    from pptx import Presentation

    page.goto(f"{server}/?program=Data+%26+Analytics")
    wait_for_app(page, "Projects and why")
    page.get_by_role("button", name="Download the review deck").click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Download deck (.pptx)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "portfolio-review-2026-10.pptx"
    deck = Presentation(path)
    footer = next(shape.text_frame.text for shape in deck.slides[1].shapes
                  if shape.has_text_frame and "produced" in shape.text_frame.text)
    assert footer.startswith("Oct 2026 · Data & Analytics · status date 31 Oct 2026 · produced")
    assert sum(1 for slide in deck.slides for shape in slide.shapes if shape.has_chart) >= 6


def test_uploading_a_file_on_the_data_page(server, page, tmp_path):
    upload = tmp_path / "resource plan.csv"
    upload.write_text((SAMPLE_DATA / "2026-10" / "tasks.csv").read_text(encoding="utf-8").replace("PRJ-001,", "PRJ-901,"),
                      encoding="utf-8")
    page.goto(f"{server}/data")
    wait_for_app(page, "Import history")
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
    wait_for_app(page, "will load 375 tasks")
    page.get_by_role("button", name="Import 1 file for").click()
    wait_for_app(page, "loaded 375 tasks for")
    page.get_by_text("Quality report: 375 rows read, 0 rejected").wait_for(timeout=10_000)


def test_mapping_an_unknown_layout_on_a_projector(server, browser, tmp_path):
    """At 1280×720 the mapping editor of an unrecognised file fits the page's width; its screenshot
    is saved to look at."""
    from tests.files import write_xlsx

    upload = write_xlsx(tmp_path / "team plan.xlsx", {"Plan": [
        ["Team plan FY27"], ["Owner", "Status", "Start", "Finish"], ["Anna", "Draft", "Jan", "Dec"],
        [None, "Jan 2027", "Feb 2027"], ["Ann Lee", 80, 40], ["Bo Chen", None, 16]]})
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{server}/data")
    wait_for_app(page, "Import history")
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(upload))
    wait_for_app(page, "Header row (the row holding the column names)")
    page.get_by_text("layout not recognised").first.wait_for(timeout=10_000)
    sideways = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth - m.clientWidth; }")
    assert sideways <= 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(height + 40, 5000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "data-mapping-1280.png"), full_page=True)
    context.close()
