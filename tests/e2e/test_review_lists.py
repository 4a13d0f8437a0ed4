"""The monthly review's lists in a real browser: whom to chase on the Data page (the reminder
e-mails to copy) and who depends on whom on the Risks page (the "which projects depend on"
answer and the matrix), on the demo: PRJ-012 and PRJ-019 sent no October report; PRJ-016, PRJ-022
and PRJ-023 depend on IFRS 17 Reporting (PRJ-020)."""

from __future__ import annotations

from tests.e2e.conftest import BROWSER_TESTS, wait_for_app

pytestmark = BROWSER_TESTS


def test_the_data_page_says_whom_to_chase_and_gives_the_emails(server, page):
    page.goto(f"{server}/data")
    wait_for_app(page, "Whom to chase for October 2026")
    page.get_by_text("Reminder e-mails to copy (4, one per project manager)").click()
    # one e-mail per project manager: Alice Martin, Chloé Dubois, Dev Patel, Grace Okafor
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stCode]').length === 4", timeout=30_000)
    texts = [e.inner_text() for e in page.locator("[data-testid=stCode]").all()]
    assert any("Dear Dev Patel," in t and "PRJ-012 Lean Office Rollout: no status report this month" in t for t in texts)
    assert any("Dear Chloé Dubois," in t and "PRJ-019 Legacy DWH Decommission: no status report this month" in t
               for t in texts)
    assert page.get_by_role("button", name="CSV for a mail merge").is_visible()


def test_the_risks_page_says_which_projects_depend_on_ifrs_17(server, page):
    page.goto(f"{server}/risks")
    wait_for_app(page, "RAID log: dependencies, assumptions, decisions, actions")
    page.get_by_role("tab", name="Dependencies (5, 2 overdue)").wait_for(timeout=10_000)
    box = page.locator("[data-testid=stSelectbox]").filter(has_text="Which projects depend on")
    assert box.get_by_role("combobox").input_value() == "IFRS 17 Reporting (3)"  # the most depended on first
    answer = page.locator("[data-testid=stMarkdown]")
    for project in ("PRJ-016 Data Governance Programme", "PRJ-022 AML Transaction Monitoring",
                    "PRJ-023 ESG Disclosure Reporting"):
        answer.filter(has_text=project).first.wait_for(timeout=10_000)
    assert "15 days overdue" in answer.filter(has_text="PRJ-022").first.inner_text()
    matrix = page.locator(".js-plotly-plot").filter(has_text="Cross-project dependencies")
    matrix.wait_for(timeout=30_000)
    rows = [t.text_content() for t in matrix.locator(".yaxislayer-above text, .yaxislayer-below text").all()]
    columns = [t.text_content() for t in matrix.locator(".xaxislayer-above text, .xaxislayer-below text").all()]
    assert set(rows) >= {"Data Governance Programme", "AML Transaction Monitoring", "ESG Disclosure Reporting"}
    assert "IFRS 17 Reporting" in columns
    # another project depended on: its dependents (the first pick after a fresh server's deep link holds)
    combo = box.get_by_role("combobox")
    combo.focus()
    combo.press("ArrowDown")  # opens the list (a click on the focused box toggled it shut again)
    page.get_by_role("option").filter(has_text="Enterprise Data Platform (1)").click()
    answer.filter(has_text="PRJ-019 Legacy DWH Decommission").first.wait_for(timeout=30_000)
    assert combo.input_value() == "Enterprise Data Platform (1)"
    assert "Enterprise Data Platform live before the DWH is switched off" in answer.filter(
        has_text="PRJ-019 Legacy DWH Decommission").first.inner_text()
