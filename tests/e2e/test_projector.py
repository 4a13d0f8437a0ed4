"""Every page on a meeting-room projector (1280 × 720) and a full-HD screen (1920 × 1080): no
sideways scrolling of the page or of its tables, no metric card cut short. Screenshots at each
size go to test-artifacts/screenshots/ (and docs/screenshots/ with UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.e2e.conftest import BROWSER_TESTS, wait_for_app
from tests.e2e.test_browser import ARTIFACTS, DOC_SCREENSHOTS

pytestmark = BROWSER_TESTS

PROJECTOR, FULL_HD = (1280, 720), (1920, 1080)
PAGES = [
    ("/", "portfolio", "Projects and why"),
    ("/risks", "risks", "All risks and issues"),
    ("/resources", "resources", "Capacity vs demand"),
    ("/outlook", "outlook", "Stage gates"),
    ("/project?project=PRJ-007", "project", "Risks and issues"),
    ("/data", "data", "Import history"),
]
# the pictures kept in docs/: every page as the projector shows it, the portfolio at both sizes
DOC_PICTURES = {f"{name}-1280x720" for _, name, _ in PAGES} | {"portfolio-1920x1080"}

# How far each thing reaches past its box, in px. Streamlit's tables are glide grids: a grid
# scrolls sideways when its scroller's content is wider than the scroller (a table in a collapsed
# expander has no scroller yet: not measured). A metric's label or value cut short with "…" is
# wider than its box.
OVERFLOWS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const tables = [...document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller')].map((scroller, i) => ({
    table: i, columns: [...scroller.closest('[data-testid=stDataFrame]').querySelectorAll('[role=columnheader]')]
      .map(h => h.innerText.trim()).filter(Boolean).join(', '),
    over: scroller.scrollWidth - scroller.clientWidth}));
  const cards = [...document.querySelectorAll('[data-testid=stMetric]')].flatMap(card =>
    [...card.querySelectorAll('[data-testid=stMetricLabel], [data-testid=stMetricLabel] *, '
                            + '[data-testid=stMetricValue], [data-testid=stMetricValue] *')]
      .filter(el => el.clientWidth > 0)
      .map(el => ({text: el.innerText, over: el.scrollWidth - el.clientWidth})));
  return {page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          main: main.scrollWidth - main.clientWidth, tables, cards};
}"""


def overflows(page) -> dict:
    return page.evaluate(OVERFLOWS)


def full_height_screenshot(page, name: str, width: int) -> None:
    """The whole page at this width (the viewport made as tall as the page, as a reader scrolls it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(height + 40, 6000)})
    page.wait_for_timeout(1000)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("UPDATE_SCREENSHOTS") and name in DOC_PICTURES:
        DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOC_SCREENSHOTS / path.name)


@pytest.mark.parametrize("size", [PROJECTOR, FULL_HD], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("path, name, marker", PAGES, ids=[p[1] for p in PAGES])
def test_page_fits_the_screen_without_sideways_scrolling(server, browser, path, name, marker, size):  # noqa: F811
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(server + path)
        wait_for_app(page, marker)
        if name != "data":
            page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        page.wait_for_timeout(1000)
        assert page.locator("[data-testid=stException]").count() == 0
        full_height_screenshot(page, f"{name}-{width}x{height}", width)
        # measured with the whole page in view: a grid below the fold is drawn only when scrolled to
        measured = overflows(page)
        assert measured["page"] <= 0 and measured["main"] <= 0, measured
        if name != "data":  # the Data page's tables are the files as uploaded: as wide as they are
            assert measured["tables"], "no table measured"
        too_wide = {"tables": [t for t in measured["tables"] if t["over"] > 1 and name != "data"],
                    "cards": [c for c in measured["cards"] if c["over"] > 1]}
        assert too_wide == {"tables": [], "cards": []}
    finally:
        context.close()


def test_more_columns_are_one_click_away(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(server + "/")
        wait_for_app(page, "Projects and why")
        page.locator("[data-testid=stDataFrame]").first.scroll_into_view_if_needed()
        page.wait_for_selector("[data-testid=stDataFrame] .dvn-scroller", timeout=10_000)
        content_width = "() => document.querySelector('[data-testid=stDataFrame] .dvn-scroller').scrollWidth"
        meeting_width = page.evaluate(content_width)
        page.get_by_text("More columns").first.click()
        wait_for_app(page, "Projects and why")
        # program, PM, reported health, budget… join the table to the right of the meeting's columns
        page.wait_for_function(f"() => ({content_width})() > {meeting_width} + 500", timeout=10_000)
    finally:
        context.close()


def test_a_project_s_status_report_sits_under_the_table_on_a_projector(server, browser):  # noqa: F811
    """The worst project's report (PRJ-007's October) under the projects table, its path to green
    whole and nothing past the panel's edge at 1280 × 720; another project is one pick away."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(server + "/")
        wait_for_app(page, "Projects and why")
        panel = page.locator(".st-key-status_report_panel")
        panel.scroll_into_view_if_needed()
        panel.get_by_text("Grace Okafor, 26 Oct 2026 · reported green · computed red").wait_for(timeout=30_000)
        steps = panel.locator("li").all_inner_texts()
        assert steps == ["Two more integration developers on the rework — Grace Okafor, by 09 Nov 2026",
                         "Go-live re-baselined with the sponsor at the steering committee — Grace Okafor, by 18 Nov 2026",
                         "Security fixes to the vendor API re-tested and signed off — Omar Larsen, by 20 Nov 2026"]
        over = panel.evaluate("el => [...el.querySelectorAll('*')].filter(e => e.clientWidth > 0)"
                              ".map(e => e.scrollWidth - e.clientWidth).reduce((a, b) => Math.max(a, b), 0)")
        assert over <= 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        panel.screenshot(path=str(ARTIFACTS / "portfolio-status-report-1280x720.png"))
        panel.locator("[data-testid=stSelectbox]").click()
        page.keyboard.type("Lean Office")
        page.keyboard.press("Enter")
        wait_for_app(page, "Projects and why")
        panel.get_by_text("No status report this month from Dev Patel.").wait_for(timeout=30_000)
    finally:
        context.close()
