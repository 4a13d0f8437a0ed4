"""What is coming, in the browser: the window of days is a choice on the page and in its link."""

from __future__ import annotations

from tests.e2e.conftest import BROWSER_TESTS, wait_for_app

pytestmark = BROWSER_TESTS


def test_switching_from_30_to_90_days_lists_more_and_keeps_the_window_in_the_link(server, page):
    page.goto(f"{server}/outlook")
    wait_for_app(page, "Stage gates")
    # status date 31 Oct 2026: 18 items by 30 Nov, 44 by 29 Jan 2027 (tests/test_app_pages.py works them out)
    page.get_by_text("Due by 30 Nov 2026 (18)").wait_for(timeout=30_000)
    page.locator("[data-testid=stButtonGroup]").first.get_by_text("90", exact=True).click()
    page.get_by_text("Due by 29 Jan 2027 (44)").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('window=90')", timeout=30_000)
    # the link, opened afresh, shows the same window
    page.goto(page.url)
    wait_for_app(page, "Stage gates")
    page.get_by_text("Due by 29 Jan 2027 (44)").wait_for(timeout=30_000)


def test_the_roadmap_draws_every_project_and_the_status_date(server, page):
    page.goto(f"{server}/outlook")
    wait_for_app(page, "Stage gates")
    roadmap = page.locator(".js-plotly-plot").first
    roadmap.wait_for(timeout=30_000)
    # plotly lays the axis out after the chart appears: wait for its last label, not just its first
    roadmap.locator(".yaxislayer-above .ytick text").filter(has_text="(PRJ-025)").wait_for(timeout=30_000)
    ticks = [t.text_content() for t in roadmap.locator(".yaxislayer-above .ytick text").all()]
    assert len(ticks) == 29 and ticks[0] == "DATA & ANALYTICS"  # 25 projects under 4 programs' headings
    assert "Customer Portal Replatform (PRJ-007)" in ticks
    assert roadmap.get_by_text("status date 31 Oct 2026").count() == 1
