"""Numbers as people read them on a screen or a slide (one definition for pages and deck)."""

from __future__ import annotations

import pandas as pd


def money(value) -> str:
    """1,234,567 → '1.23 M'; missing → '–'."""
    if value is None or pd.isna(value):
        return "–"
    for size, suffix in ((1e9, " B"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:,.2f}{suffix}"
    return f"{value:,.0f}"


def ratio(value) -> str:
    """An index such as SPI: two decimals; missing → '–'."""
    return "–" if value is None or pd.isna(value) else f"{value:.2f}"
