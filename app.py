"""Entrypoint: the navigation. Each page sets up its own sidebar (pages/common/layout.py),
so a deep link works the same whether or not this script ran first."""

from pages.common.layout import navigation

# the menu itself is drawn by each page (pages/common/layout.py), with links that keep the filters
navigation().run()
