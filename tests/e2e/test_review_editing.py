"""The review loop in a real browser (issue 16): an editor signs in on the password form, writes
PRJ-007's October status report on the Project page, and a viewer, signed in in another browser,
reads it there and has no form to edit it with. The password server and its passwords are the
session tests' (tests/e2e/test_sessions.py)."""

from __future__ import annotations

from urllib.parse import quote

from tests.e2e.conftest import BROWSER_TESTS, wait_for_app
from tests.e2e.test_sessions import PASSWORDS, password_server  # noqa: F401 (the fixture, asked for by name below)

pytestmark = BROWSER_TESTS

PROJECT_PAGE = "/project?project=PRJ-007"
WRITTEN = "Recovery plan agreed with the sponsor on 30 October."


def signed_in(browser, url: str, name: str, role: str):
    """A browser of its own, signed in on the form and back on PRJ-007's page."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(f"{url}/sign-in?next={quote(PROJECT_PAGE, safe='')}")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[role])
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page, "Decisions and actions")
    return context, page


def test_an_editor_writes_the_commentary_and_a_viewer_reads_it_without_a_form(browser, request):
    url = request.getfixturevalue("password_server")
    editor_context, editor = signed_in(browser, url, "Eve", "editor")
    assert editor.get_by_text("From the imported file pmo_portfolio.xlsx, reported by Grace Okafor").is_visible()
    editor.get_by_text("Write the status report of October 2026").click()
    summary = editor.get_by_label("Summary: where the project stands and why (required)")
    summary.fill(WRITTEN)
    # on a busy machine the page may still be running when the form is filled: the save is clicked on
    # an idle page, so that the click is not lost to a rerun in flight
    editor.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    editor.get_by_role("button", name="Save the status report").click()
    # the save rebuilds the KPI tables and publishes a new version: seconds on a busy machine
    try:
        editor.get_by_text("Written on this page by Eve on").wait_for(timeout=120_000)
    except Exception as timeout:  # say what the page showed instead (an error, a refusal), not only that it timed out
        alerts = editor.locator("[data-testid=stAlert], [data-testid=stException]").all_inner_texts()
        raise AssertionError(f"the saved report did not show; the page said: {alerts}") from timeout
    wait_for_app(editor, "Written on this page by Eve on")
    assert editor.get_by_text(WRITTEN).first.is_visible()
    editor_context.close()

    viewer_context, viewer = signed_in(browser, url, "Vic", "viewer")
    assert viewer.get_by_text("Signed in as Vic (viewer)").is_visible()
    assert viewer.get_by_text(WRITTEN).first.is_visible()
    assert viewer.get_by_text("Written on this page by Eve on").is_visible()
    assert viewer.get_by_text("1 earlier version of this month kept").is_visible()  # the imported one
    # no form at all: no expander to write, no text box, no save button
    assert viewer.get_by_text("Write the status report").count() == 0
    assert viewer.get_by_text("PMO health override").count() == 0
    assert viewer.locator("textarea").count() == 0
    assert viewer.get_by_role("button", name="Save the status report").count() == 0
    viewer_context.close()
