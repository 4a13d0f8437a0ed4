"""How numbers, health and tables look on every page (formatting only, no data access)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pmo_data import glossary, images, tabular
from pmo_data.formatting import NumberFormat, ratio  # noqa: F401  (pages use display.ratio)
from pmo_data.charts import HEALTH_COLOURS

def help_text(column: str, table: str = "kpi_project_health") -> str:
    return glossary.help_for(table, column)


def as_pills(frame: pd.DataFrame, columns: tuple[str, ...] = ("health", "reported_health")) -> pd.DataFrame:
    """Columns of words as one-item lists, which `pill_column` shows as coloured labels."""
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = [[value] if isinstance(value, str) else [] for value in frame[column]]
    return frame


def pill_column(label: str, colours: dict[str, str] = HEALTH_COLOURS, help: str = ""):
    """A column of coloured labels (health by default) in the dashboard's colours."""
    return st.column_config.MultiselectColumn(label, options=list(colours), color=list(colours.values()),
                                              help=help or None, width="small")


MISSING = "—"  # what a table shows for a value that is not there (a KPI of a project not started)


def dataframe(data, **kwargs):
    """st.dataframe with the dashboard's defaults: missing values shown as a dash, not "None"."""
    kwargs.setdefault("placeholder", MISSING)
    return st.dataframe(data, **kwargs)


def plotly(figure, key: str | None = None, name: str = "chart", **kwargs):
    """A chart with the dashboard's settings, and PNG / SVG downloads sized for a 16:9 slide."""
    config = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}
    event = st.plotly_chart(figure, key=key, config=config, **kwargs)
    if images.browser_path() is None:
        return event
    with st.container(horizontal=True, horizontal_alignment="right"):
        for fmt in ("png", "svg"):
            st.download_button(fmt.upper(), data=lambda fmt=fmt: images.figure_bytes(figure, fmt), file_name=f"{name}.{fmt}",
                               mime="image/png" if fmt == "png" else "image/svg+xml", icon=":material/download:",
                               type="tertiary", key=f"download-{key or name}-{fmt}", on_click="ignore")
    return event


def table_downloads(frame: pd.DataFrame, name: str, numbers: NumberFormat) -> None:
    """Excel and CSV of the whole table (every column, not only those shown): headers in words,
    rounded numbers, money in the reporting currency, cells that cannot run as formulas."""
    with st.container(horizontal=True, horizontal_alignment="right"):
        st.download_button("Excel", data=lambda: tabular.to_xlsx({name: frame}, numbers), file_name=f"{name}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:", type="tertiary", key=f"xlsx-{name}", on_click="ignore")
        st.download_button("CSV", data=lambda: tabular.to_csv(frame, numbers, name), file_name=f"{name}.csv", mime="text/csv",
                           icon=":material/download:", type="tertiary", key=f"csv-{name}", on_click="ignore")


_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:")


def md(text) -> str:
    """Text from the data, escaped so Markdown shows it as typed (no links, no formatting)."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in str(text))


HEALTH_BADGE_COLOURS = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}


def health_badge(health: str) -> None:
    st.badge(health.upper(), color=HEALTH_BADGE_COLOURS.get(health, "gray"))
