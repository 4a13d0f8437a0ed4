"""The dashboard works from the server alone: no request leaves it, every page's URL works on
any visit, and the first deep link of a fresh server paints its page in one run."""

from __future__ import annotations

from urllib.parse import urlsplit

from benchmarks.browser_pages import wait_rendered
from pages.common import layout
from tests.e2e.conftest import BROWSER_TESTS, wait_for_app

pytestmark = BROWSER_TESTS

# every page at its own URL, and the title it shows on the demo data
PAGES = [
    ("/", "Portfolio health · October 2026"),
    ("/portfolio", "Portfolio health · October 2026"),
    ("/risks", "Risks · October 2026"),
    ("/resources", "Resources · plan of October 2026"),
    ("/outlook", "What is coming · after 31 Oct 2026"),
    ("/project?project=PRJ-007", "Customer Portal Replatform"),
    ("/data", "Data"),
]


def title(page) -> str:
    return page.locator("[data-testid=stMain] h1").first.inner_text()


def streamlit_messages(page) -> list[str]:
    """The kind of every message the server sends this page (new_session starts a script run)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    kinds = []

    def on_websocket(ws):
        ws.on("framereceived", lambda payload: kinds.append(ForwardMsg.FromString(payload).WhichOneof("type"))
              if isinstance(payload, bytes) else None)

    page.on("websocket", on_websocket)
    return kinds


def requested_urls(page) -> list[str]:
    """Every URL the page requests from now on."""
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_every_page_url_works_and_no_request_leaves_the_server(server, browser):
    """Each page by its own URL, in a new session: its title, no "page not found" (once a session has
    run app.py, Streamlit resolves URLs by app.py's navigation only), no forwarding, and not one
    request to another host (fonts, icons, telemetry): the favicon is the server's own."""
    host = urlsplit(server).netloc
    for path, expected in [PAGES[0], *PAGES]:  # "/" first: the server's first visit
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        urls = requested_urls(page)
        kinds = streamlit_messages(page)
        page.goto(server + path)
        wait_rendered(page)
        page.wait_for_timeout(500)  # the favicon is set after the run; give its request time to go out
        assert title(page) == expected, path
        assert "page_not_found" not in kinds and page.get_by_text("Page not found").count() == 0, path
        assert urlsplit(page.url).path == urlsplit(server + path).path  # no forwarding to another URL
        assert [url for url in urls if urlsplit(url).netloc != host] == [], path
        assert sum(urlsplit(url).netloc == host for url in urls) > 20  # the app itself, its scripts, media
        favicon = page.evaluate("() => document.querySelector(\"link[rel='shortcut icon']\").href")
        assert urlsplit(favicon).netloc == host and favicon.endswith(".png"), favicon
        context.close()


def test_the_menu_links_to_each_page_by_its_own_url(server, page):
    page.goto(f"{server}/?period=Oct+2026")
    wait_for_app(page, "Portfolio health · October 2026")
    # the menu is drawn after the title: wait for its six links, not the first few
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSidebar] a').length === 6", timeout=30_000)
    hrefs = [link.evaluate("a => a.href") for link in page.locator("[data-testid=stSidebar] a").all()]
    assert [urlsplit(href).path for href in hrefs] == ["/portfolio", "/risks", "/resources", "/outlook", "/project",
                                                          "/data"]
    assert all(urlsplit(href).query == "period=Oct+2026" for href in hrefs)


def test_a_fresh_server_paints_the_first_deep_link_in_one_run(fresh_server, page):
    # what the page ever showed before it was rendered: Streamlit's own menu, the not-found dialog
    page.add_init_script("""
        window.__seen = {menu: false, notFound: false};
        new MutationObserver(() => {
            if (document.querySelector('[data-testid=stSidebarNav]')) window.__seen.menu = true;
            if (document.body && document.body.innerText.includes('Page not found')) window.__seen.notFound = true;
        }).observe(document, {childList: true, subtree: true, characterData: true});
    """)
    kinds = streamlit_messages(page)
    page.goto(f"{fresh_server}/risks?period=Oct+2026")
    wait_rendered(page)
    assert title(page) == "Risks · October 2026"
    assert page.evaluate("() => window.__seen") == {"menu": False, "notFound": False}
    assert kinds.count("new_session") == 1  # one script run: no rerun to leave the legacy `pages/` mode
    assert "page_not_found" not in kinds
    assert page.locator("[data-testid=stSidebar] a").count() == len(layout.PAGES) and "period=Oct+2026" in page.url


def test_the_first_pick_after_a_fresh_servers_deep_link_holds(fresh_server, page):
    # a bookmark opened right after a restart: the page's first run once was Streamlit's legacy
    # `pages/` run, whose next run dropped the widgets' state, so this first pick snapped back
    page.goto(f"{fresh_server}/project?project=PRJ-007")
    wait_for_app(page, "Decisions and actions")
    page.locator("[data-testid=stSelectbox]").filter(has_text="Project").first.click()
    page.get_by_role("option").filter(has_text="PRJ-012").first.click()
    page.wait_for_url("**project=PRJ-012**", timeout=30_000)
    wait_for_app(page, "Decisions and actions")
    assert title(page) == "Lean Office Rollout"
