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


def setup(title: str) -> Store:
    """Page config and the database every page reads from."""
    st.set_page_config(page_title=f"{title} · PMO Dashboard", page_icon=":material/dashboard:", layout="wide")
    return open_store()
