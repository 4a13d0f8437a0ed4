"""What every page shares: page config, the database, the sidebar.

Streamlit runs a `pages/` page directly (without app.py) on the first deep link of a fresh
server, so every page calls `setup()` itself; nothing here relies on app.py having run.
"""

from __future__ import annotations

import streamlit as st

from pmo_data.store import Store, open_store

# (script, title, icon, url path) of every page, in navigation order.
PAGES = [
    ("pages/data.py", "Data", ":material/database:", "data"),
]


def _leave_legacy_navigation() -> None:
    """On a fresh server Streamlit runs a deep-linked `pages/` script by its legacy multipage
    mode, without app.py, until some session runs app.py. Switch the process to app.py's
    navigation and rerun, so this session gets the real navigation and sidebar."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def setup(title: str) -> Store:
    """Page config and the database every page reads from."""
    _leave_legacy_navigation()
    st.set_page_config(page_title=f"{title} · PMO Dashboard", page_icon=":material/dashboard:", layout="wide")
    return open_store()
