"""What every page shares: the navigation, page config, the database, the sidebar filters, cached queries.

Streamlit runs a `pages/` page directly (without app.py) on the first deep link of a fresh
server, so every page calls `setup()` itself; nothing here relies on app.py having run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from pages.common.access import User, require_user
from pmo_data import queries, story
from pmo_data.formatting import NumberFormat
from pmo_data.queries import Filters
from pmo_data.store import DatabaseFolderMissing, DatabaseUnavailable, Snapshot, Store, open_store
from pmo_data.text_safety import display_text

# (script, title, icon, url path) of every page, in navigation order; the first is also shown at "/".
# Each url path is its script's file name, as in Streamlit's legacy `pages/` mode (see serve_app_navigation_only).
# The icons are drawn from the Material Symbols font Streamlit serves itself; as a browser tab's icon
# the same names would be fetched from Google, so the pages' favicon is our own file.
PAGES = [
    ("pages/portfolio.py", "Portfolio health", ":material/monitor_heart:", "portfolio"),
    ("pages/risks.py", "Risks", ":material/warning:", "risks"),
    ("pages/resources.py", "Resources", ":material/groups:", "resources"),
    ("pages/outlook.py", "What is coming", ":material/event_upcoming:", "outlook"),
    ("pages/project.py", "Project", ":material/folder_open:", "project"),
    ("pages/data.py", "Data", ":material/database:", "data"),
]
HEALTH_LEVELS = ("red", "amber", "green", "grey")
FAVICON = Path(__file__).resolve().parents[2] / "static" / "favicon.png"


@dataclass(frozen=True)
class PageContext:
    store: Snapshot  # one published version of the database for the whole run (pmo_data/store.py)
    filters: Filters
    version: str  # changes with every import: part of every cache key
    query: dict = field(default_factory=dict)  # the filters as URL parameters, for links between pages
    user: User = field(default_factory=lambda: User(None, "editor"))
    numbers: NumberFormat = field(default_factory=NumberFormat)  # money in the reporting currency
    page: str = PAGES[0][0]  # this page's script, for links back to it

    def open_project(self, project_id: str) -> None:
        """Goes to the Project page for this project, keeping the filters."""
        st.switch_page("pages/project.py", query_params={**self.query, "project": project_id})

    def refilter(self, **filters: list[str]) -> None:
        """Shows this page again with these sidebar filters replaced (a click on a chart that
        narrows what is shown), through the URL, the filters' home."""
        st.switch_page(self.page, query_params={**self.query, **filters})

    @property
    def period(self) -> dt.date | None:
        return self.filters.period

    def load(self, query: str, *args) -> pd.DataFrame:
        """A named function of pmo_data.queries, cached per database, data version and arguments."""
        return _load(self.store, self.version, query, *args)

    def summary(self) -> list[str]:
        """The month's executive summary in sentences (pmo_data/story.py), cached like a query."""
        return _cached_summary(str(self.store.path), self.version, self.filters, self.store.version)

    def scope(self) -> str:
        """The filters in words, for chart subtitles."""
        return self.filters.describe()


def _load(store: Snapshot, version: str, query: str, *args):
    """A named function of pmo_data.queries on this run's snapshot, cached per database, data version
    and arguments."""
    return _cached_query(str(store.path), version, query, args, store.version)


# `_published` (not part of the cache key) is the published version the page run reads: a result
# cached for a data version is computed from that version's copy, never from a newer one
@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_query(db_path: str, version: str, query: str, args: tuple, _published: int):
    return getattr(queries, query)(open_store(db_path).snapshot(_published), *args)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_summary(db_path: str, version: str, filters: Filters, _published: int) -> list[str]:
    return story.executive_summary(open_store(db_path).snapshot(_published), filters)


def navigation() -> st.Page:
    """The app's pages, registered with Streamlit; app.py runs the one the URL asks for.

    The home page lives at "/", so the portfolio page is listed twice: at /portfolio (first, so
    links and st.switch_page go there) and as the hidden default at "/". Without its own entry,
    /portfolio would be a page Streamlit does not know once app.py's navigation is in force.
    A page's `icon` would become the browser tab's icon, fetched from Google for a Material
    Symbol: none here, the tab shows FAVICON (set_page_config in setup)."""
    pages = [st.Page(path, title=title, icon="", url_path=url) for path, title, _, url in PAGES]
    home = st.Page(PAGES[0][0], title=PAGES[0][1], icon="", url_path="", default=True, visibility="hidden")
    return st.navigation([*pages, home], position="hidden")


def serve_app_navigation_only() -> None:
    """Called by the server (app.py) before its first session. A `pages/` folder beside the
    entrypoint puts Streamlit in its legacy multipage mode until some session calls st.navigation:
    the first deep link of a fresh server (/project?project=PRJ-007, a bookmark after a restart)
    would run pages/project.py without app.py, and that page's next run dropped its widgets'
    state (the user's first pick or form submit did nothing). Telling Streamlit up front that the
    app has its own navigation makes every run go through app.py's, from the first one on."""
    from streamlit.runtime.pages_manager import PagesManager

    # private: Streamlit has no public switch for it; st.navigation sets this same flag on its first call
    PagesManager.uses_pages_directory = False


def _filter_query(filters: Filters, month_label: str | None) -> dict[str, list[str]]:
    """The filters as query parameters, for the URL and for links that keep them."""
    params = {
        "period": [month_label] if month_label else [],
        "portfolio": list(filters.portfolios),
        "program": list(filters.programs),
        "department": list(filters.departments),
        "manager": list(filters.managers),
        "health": list(filters.health),
    }
    return {key: values for key, values in params.items() if values}


def _navigation(query: dict[str, list[str]]) -> None:
    """The page menu. Streamlit's own menu drops the query string when moving between pages;
    these links carry the filters, so every page shows the same selection."""
    for path, title, icon, _ in PAGES:
        st.page_link(path, label=title, icon=icon, query_params=query, width="stretch")


URL_FILTER_KEYS = ("period", "portfolio", "program", "department", "manager", "health")


def _seed_filters_from_url() -> None:
    """The URL is the filters' home. A link (pasted, or a menu link) that brings other filters
    than the ones this session last wrote into the URL sets the widgets; otherwise the widgets,
    which the user may just have changed, stand."""
    url = {key: st.query_params.get_all(key) for key in URL_FILTER_KEYS if st.query_params.get_all(key)}
    written = st.session_state.get("_filters_in_url")
    for key in URL_FILTER_KEYS:
        if url != written or key not in st.session_state:
            values = url.get(key, [])
            st.session_state[key] = (values[0] if values else None) if key == "period" else values


def _write_filters_to_url(query: dict[str, list[str]]) -> None:
    for key in URL_FILTER_KEYS:
        if key in query:
            st.query_params[key] = query[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state["_filters_in_url"] = query


def _sidebar_filters(store: Snapshot, version: str) -> Filters:
    # options are their own labels, so the URL reads ?period=Oct+2026&program=Digital+Channels
    months = {f"{p:%b %Y}": p for p in _load(store, version, "periods")}
    with st.sidebar:
        if not months:
            st.caption("No data yet: load files on the **Data** page.")
            return Filters()
        st.markdown("### Filters")
        _seed_filters_from_url()
        if st.session_state.get("period") not in months:
            st.session_state["period"] = next(iter(months))
        chosen = st.selectbox("Reporting month", list(months), key="period",
                              help="Every page shows this month; changes are against the month before.")
        period = months[chosen]
        options = _load(store, version, "filter_options", period)
        selected = {}
        for key, label, option_key in (("portfolio", "Portfolio", "portfolios"), ("program", "Program", "programs"),
                                       ("department", "Department", "departments"), ("manager", "Project manager", "managers")):
            valid = [v for v in st.session_state.get(key, []) if v in options[option_key]]
            st.session_state[key] = valid
            if options[option_key]:
                # the options are the data's own values (the URL and the queries use them); shown plain
                selected[key] = tuple(st.multiselect(label, options[option_key], key=key, placeholder="All",
                                                     format_func=display_text))
        st.session_state["health"] = [v for v in st.session_state.get("health", []) if v in HEALTH_LEVELS]
        health = st.multiselect("Health", list(HEALTH_LEVELS), key="health", placeholder="All",
                                help="Computed health, or the PMO's override where one is set for the month. "
                                     "grey: no baseline, not assessed")
        if any(selected.values()) or health:
            st.caption("Links copied from the address bar keep these filters.")
    return Filters(
        period=period,
        portfolios=selected.get("portfolio", ()),
        programs=selected.get("program", ()),
        departments=selected.get("department", ()),
        managers=selected.get("manager", ()),
        health=tuple(health),
    )


def _open_database() -> Store:
    """The database, or a page that says why it cannot be opened and what to do (never
    Streamlit's redacted error, never a new empty database at a mistyped path)."""
    try:
        return open_store()
    except DatabaseFolderMissing as error:
        st.title("PMO Dashboard")
        st.error(f"No database: {error}.\n\nCheck `PMO_DB` (a typo?) in the service's environment, or create "
                 "the folder for a new database (`make run` does, and `python -m pmo_data import … --create`); "
                 "then reload this page.", icon=":material/database_off:")
    except DatabaseUnavailable as error:
        st.title("PMO Dashboard")
        st.error(f"The database cannot be opened: {error}.\n\nReload this page when the other process is "
                 "done, or stop it (docs/deploy.md).", icon=":material/database_off:")
    st.stop()


def setup(title: str) -> PageContext:
    """Page config, database, sidebar filters: the first call of every page."""
    st.set_page_config(page_title=f"{title} · PMO Dashboard", page_icon=FAVICON, layout="wide")
    user = require_user()
    store = _open_database().snapshot()  # every read of this run sees this one version
    version = queries.data_version(store)
    menu = st.sidebar.container()
    filters = _sidebar_filters(store, version)
    query = _filter_query(filters, st.session_state.get("period") if filters.period else None)
    _write_filters_to_url(query)
    with menu:
        _navigation(query)
        st.divider()
    numbers = _load(store, version, "number_format")
    page = next((path for path, page_title, _, _ in PAGES if page_title == title), PAGES[0][0])
    return PageContext(store, filters, version, query, user, numbers, page)


def require_data(context: PageContext) -> None:
    """Stops the page with what to do when no month is loaded."""
    if context.period is None:
        st.info("No data loaded yet. Upload your exports on the **Data** page, or run `make run` on a fresh "
                "database to load the demo portfolio.", icon=":material/upload_file:")
        st.page_link("pages/data.py", label="Go to the Data page", icon=":material/database:")
        st.stop()
