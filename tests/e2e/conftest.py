"""What the browser tests share: a server on a copy of the demo database, Debian's headless
Chromium driven by Playwright, and waiting for the app."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.browser_pages import CHROMIUM, CHROMIUM_ARGS, serve

# every browser test module's marks (`pytestmark = BROWSER_TESTS`): skipped, not failed, without Chromium
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium): browser tests skipped"),
]


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    """A freshly started server on a copy of the demo database, shared by a module's tests."""
    db = tmp_path_factory.mktemp("server") / "pmo.duckdb"
    shutil.copy(demo_db, db)
    with serve("app.py", db) as url:
        yield url


@pytest.fixture
def fresh_server(demo_db, tmp_path):
    """A server of its own, started for one test: its first request is the test's."""
    db = tmp_path / "pmo.duckdb"
    shutil.copy(demo_db, db)
    with serve("app.py", db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


def wait_for_app(page, text: str):
    """Waits until `text` is on screen and the app has stopped running."""
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    for _ in range(2):  # a run can start right after another (a click's rerun, a switch_page)
        page.wait_for_timeout(700)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
