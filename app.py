"""Entrypoint: the navigation. Each page sets up its own sidebar (pages/common/layout.py),
so a deep link works the same whether or not this script ran first."""

import streamlit as st

from pages.common.layout import PAGES

# the menu itself is drawn by each page (pages/common/layout.py), with links that keep the filters
pages = [st.Page(path, title=title, icon=icon, url_path=url) for path, title, icon, url in PAGES]
st.navigation(pages, position="hidden").run()
