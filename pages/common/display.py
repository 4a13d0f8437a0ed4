"""How numbers, health and tables look on every page (formatting only, no data access)."""

from __future__ import annotations

import hashlib
import pickle

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pmo_data import advice, glossary, images, render_plotly, table_columns, tabular
from pmo_data.chart_spec import ChartSpec
from pmo_data.formatting import NumberFormat, ratio  # noqa: F401  (pages use display.ratio)
from pmo_data.charts import HEALTH_COLOURS
from pmo_data.text_safety import MESSAGE, NAME, TEXT, display_text, markdown_text

def clicked_ids(event) -> list[str]:
    """The ids of the points a chart's selection holds (render_plotly puts each point's id first
    in its customdata)."""
    points = (event.selection.points if event and event.selection else None) or []
    return [point["customdata"][0] for point in points if point.get("customdata")]


def help_text(column: str, table: str = "kpi_project_health") -> str:
    return glossary.help_for(table, column)


def as_pills(frame: pd.DataFrame, columns: tuple[str, ...] = ("health", "reported_health")) -> pd.DataFrame:
    """Columns of words as one-item lists, which `pill_column` shows as coloured labels."""
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = [[value] if isinstance(value, str) else [] for value in frame[column]]
    return frame


def pill_column(label: str, colours: dict[str, str] = HEALTH_COLOURS, help: str = "", width: int | str = "small"):
    """A column of coloured labels (health by default) in the dashboard's colours."""
    return st.column_config.MultiselectColumn(label, options=list(colours), color=list(colours.values()),
                                              help=help or None, width=width)


# the kinds of change in "what changed since last month", in the order the filter shows them
CHANGE_KINDS = {"health": "Health", "milestones": "Milestones", "risks": "Risks & issues", "actions": "Overdue actions",
                "people": "People"}
PEOPLE_GROUP = "People"  # the group of the changes that concern a person, not a project


def change_groups(changes: pd.DataFrame) -> pd.Series:
    """The group each line of `queries.changes` is shown under: "PRJ-002 · Online Checkout", or People."""
    return pd.Series([PEOPLE_GROUP if pd.isna(project_id) else f"{project_id} · {name}"
                      for project_id, name in zip(changes["project_id"], changes["project_name"])],
                     index=changes.index, dtype=object)


MISSING = "—"  # what a table shows for a value that is not there (a KPI of a project not started)


def dataframe(data, **kwargs):
    """st.dataframe with the dashboard's defaults: missing values shown as a dash, not "None";
    text cells as `shown_text` (the full text is in the Excel and CSV downloads)."""
    kwargs.setdefault("placeholder", MISSING)
    return st.dataframe(shown_cells(data) if isinstance(data, pd.DataFrame) else data, **kwargs)


def shown_cells(frame: pd.DataFrame, limit: int = TEXT) -> pd.DataFrame:
    """The frame with each text cell one line without control or direction characters, cut at
    `limit` (a cell opened in the grid shows all of its text)."""
    shown = frame.copy(deep=False)
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            shown.isetitem(position, _shown_column(column, limit))
    return shown


def _shown_column(column: pd.Series, limit: int) -> pd.Series:
    def show(value):
        return display_text(value, limit) if isinstance(value, str) else value

    try:  # each distinct value once: a long list (rejected rows) repeats its words
        codes, distinct = pd.factorize(column)
    except TypeError:  # lists (pills) cannot be told apart by hashing
        return column.map(show)
    values = pd.Series([show(v) for v in distinct] + [None], dtype=object)
    return pd.Series(values.to_numpy()[codes], index=column.index, dtype=object)


# Glide's grid wraps text only in rows taller than 4rem (64 px); 88 px holds four whole lines
WRAPPING_ROW_HEIGHT = 88
HEADER_HEIGHT, ROW_HEIGHT = 38, 35


def table_height(rows: int, row_height: int = ROW_HEIGHT, most: int = 560) -> int:
    """Tall enough for every row up to `most` px, then the table scrolls inside itself."""
    return min(HEADER_HEIGHT + row_height * rows + 2, most)


def screen_table(frame: pd.DataFrame, numbers: NumberFormat, glossary_table: str = "kpi_project_health",
                 widths: dict[str, int] | None = None, **overrides) -> tuple[pd.DataFrame, dict]:
    """A query's rows as a table shows them, and the column_config of every column: the label of
    pmo_data/table_columns.py (the exports' headers too), a format by kind, the glossary's help.
    Money is divided into the unit its column reads best in and printed like the cards ("$1.78 M").
    `widths` in px (the narrow columns, so a table fits a 1280-px projector); `overrides` replace a
    column's config (pills)."""
    shown, config = frame.copy(), {}
    for name in frame.columns:
        spec = table_columns.column(name)
        settings = {"label": spec.label, "help": help_text(name, glossary_table) or None, "width": (widths or {}).get(name)}
        if spec.kind == "money":
            # the unit of the largest amount: no cell reads "$1777.00 k" beside a card's "$1.78 M"
            largest = frame[name].abs().max()
            unit, suffix = numbers.money_unit([largest])
            shown[name] = frame[name] / unit
            config[name] = st.column_config.NumberColumn(format=numbers.money_column_format(suffix, largest / unit),
                                                         **settings)
        elif spec.kind == "index":
            config[name] = st.column_config.NumberColumn(format="%.2f", **settings)
        elif spec.kind == "percent":
            config[name] = st.column_config.NumberColumn(format="%.0f%%", **settings)
        elif spec.kind in {"days", "hours", "count", "score"}:
            config[name] = st.column_config.NumberColumn(format="%d", **settings)
        elif spec.kind in {"date", "month"}:
            config[name] = st.column_config.DateColumn(format="MMM YYYY" if spec.kind == "month" else "DD MMM YYYY", **settings)
        elif spec.kind == "flag":
            config[name] = st.column_config.CheckboxColumn(**settings)
        else:
            config[name] = st.column_config.TextColumn(**settings)
    config.update(overrides)
    return shown, config


def clicked_row(event) -> int | None:
    """The row position a click selected in a table shown with `selection_mode="single-cell"`
    (a click anywhere on a row, its name included, selects a cell of it), else None."""
    cells = event.selection.cells if event and event.selection else []
    return cells[0][0] if cells else None


# A figure takes 60-70 ms to draw from its spec, more than the rest of a cached page run: drawn once
# per distinct spec (its pickle is the key), shared by every session, and never changed once drawn.
@st.cache_resource(show_spinner=False, max_entries=256)
def _drawn(spec_key: str, _spec: ChartSpec) -> go.Figure:
    return render_plotly.figure(_spec)


def plotly(spec: ChartSpec, key: str | None = None, name: str = "chart", **kwargs):
    """A chart drawn from its spec, with the dashboard's settings, and PNG / SVG downloads sized
    for a 16:9 slide."""
    figure = _drawn(hashlib.blake2b(pickle.dumps(spec), digest_size=16).hexdigest(), spec)
    config = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d"]}
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


def md(text, limit: int = MESSAGE) -> str:
    """Text from the data for anything that renders Markdown (titles, captions, messages, widget
    labels): one line cut at `limit` (NAME for a name), escaped so it shows as typed: no
    formatting, no links, no direction tricks. A message's advice is in the page's words, not the
    command line's (pmo_data/advice.py)."""
    return markdown_text(advice.for_page(text), limit)


def plain(text, limit: int = NAME) -> str:
    """Text from the data for what shows plain text (the options of a select box): one line, cut
    at `limit`, no control or direction characters."""
    return display_text(text, limit)


HEALTH_BADGE_COLOURS = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}


def health_badge(health: str) -> None:
    st.badge(health.upper(), color=HEALTH_BADGE_COLOURS.get(health, "gray"))
