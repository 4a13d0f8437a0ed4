"""How numbers, health and tables look on every page (formatting only, no data access)."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from pmo_data import glossary
from pmo_data.charts import HEALTH_COLOURS

HEALTH_TEXT_COLOUR = {"amber": "#222", "green": "white", "red": "white", "grey": "white"}


def money(value) -> str:
    """1,234,567 → '1.23 M'; readable on a projector, exact value in tooltips and tables."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    for size, suffix in ((1e9, " B"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= size:
            return f"{value / size:,.2f}{suffix}"
    return f"{value:,.0f}"


def ratio(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:.2f}"


def help_text(column: str, table: str = "kpi_project_health") -> str:
    return glossary.help_for(table, column)


def style_health(frame: pd.DataFrame, columns: tuple[str, ...] = ("health", "reported_health")):
    """A Styler colouring health cells in the dashboard's palette."""

    def colour(value):
        if value in HEALTH_COLOURS:
            return f"background-color: {HEALTH_COLOURS[value]}; color: {HEALTH_TEXT_COLOUR[value]}; font-weight: 600"
        return ""

    present = [c for c in columns if c in frame.columns]
    styler = frame.style.format(na_rep="–", precision=2)
    return styler.map(colour, subset=present) if present else styler


def plotly(figure, key: str | None = None, **kwargs):
    """A chart with the dashboard's chart settings (no plotly logo, PNG at slide size)."""
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "width": 1600, "height": 900, "scale": 2}}
    return st.plotly_chart(figure, key=key, config=config, **kwargs)


_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:")


def md(text) -> str:
    """Text from the data, escaped so Markdown shows it as typed (no links, no formatting)."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in str(text))


HEALTH_BADGE_COLOURS = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}


def health_badge(health: str) -> None:
    st.badge(health.upper(), color=HEALTH_BADGE_COLOURS.get(health, "gray"))
