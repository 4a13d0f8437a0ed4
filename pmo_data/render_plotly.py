"""A ChartSpec drawn as a plotly Figure: for the pages (interactive: a click returns the point's
id in `customdata[0]`) and for PNG/SVG images.

Every text of the spec is plain text (a line break is "\n"). Plotly reads its text as a subset of
HTML, links included, so `figure` first makes each text of the spec plotly's inert form
(pmo_data/text_safety.py): the tags added here are the only ones drawn.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from pmo_data.chart_spec import ChartSpec, Series
from pmo_data.charts import PALETTE
from pmo_data.text_safety import NAME, TEXT, TITLE, ZERO_WIDTH_SPACE, plotly_text

FONT = "Source Sans Pro, Arial, sans-serif"
INK = "#222"
REFERENCE = "#999999"
# d3 formats of a value axis and its tooltips, by the spec's value format
LABEL_POSITIONS = {"right": "middle right", "left": "middle left", "above": "top center", "below": "bottom center"}
AXIS_FORMATS = {"number": ",~r", "money": "~s", "percent": ".0f", "ratio": ".2f", "date": ""}
# (characters a line, lines) of each text of a spec, series and matrix as a chart shows it
SPEC_TEXT = {"title": (TITLE, 1), "subtitle": (TITLE, 1), "x_title": (NAME, 1), "y_title": (NAME, 1),
             "corner_note": (NAME, 1), "empty_message": (TEXT, 1)}
SERIES_TEXT = {"labels": (NAME, 8), "hover": (TEXT, 6)}  # a crowd's label lists its projects on lines
MATRIX_TEXT = {"rows": (NAME, 1), "columns": (NAME, 1), "text": (NAME, 1), "hover": (TEXT, 6)}


def _inert_spec(spec: ChartSpec) -> ChartSpec:
    """The spec with every text as plotly shows it, tags and entities inert. Categories (and a
    timeline's rows, placed by their labels) stay distinct when cutting makes two alike: plotly
    would draw them as one."""
    shown = _distinct_labels(spec.categories)
    series = [replace(s, name=plotly_text(s.name, NAME),
                      ids=[shown.get(i, i) for i in s.ids] if s.ids and spec.kind == "timeline" else s.ids,
                      **{f: [plotly_text(t, *size) for t in getattr(s, f)] for f, size in SERIES_TEXT.items()
                         if getattr(s, f) is not None})
              for s in spec.series]
    matrix = spec.matrix and replace(spec.matrix, **{f: _texts(getattr(spec.matrix, f), size) for f, size in MATRIX_TEXT.items()})
    return replace(spec, categories=[shown[c] for c in spec.categories], series=series, matrix=matrix,
                   totals=spec.totals and [plotly_text(t, NAME) for t in spec.totals],
                   **{f: plotly_text(getattr(spec, f), *size) for f, size in SPEC_TEXT.items()})


def _texts(values: list, size: tuple[int, int]) -> list:
    """Texts, or rows of texts (a matrix's cells), made inert."""
    return [_texts(v, size) if isinstance(v, list) else plotly_text(v, *size) for v in values]


def _distinct_labels(categories: list) -> dict:
    """Each category's inert label; two that read alike once cut get invisible marks apart."""
    shown, used = {}, set()
    for category in dict.fromkeys(categories):
        label = plotly_text(category, NAME)
        while label in used:
            label += ZERO_WIDTH_SPACE
        used.add(label)
        shown[category] = label
    return shown


def _title(spec: ChartSpec) -> dict:
    text = f"<b>{spec.title}</b>"
    if spec.subtitle:
        text += f"<br><span style='font-size:13px;color:#555'>{spec.subtitle}</span>"
    # pinned to the top, so the legend under it never covers it
    return {"text": text, "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container",
            "pad": {"t": 14}, "font": {"size": 18}}


def _layout(figure: go.Figure, spec: ChartSpec) -> go.Figure:
    """Shared look: a title saying what is shown, the filter scope under it, readable on a
    projector; the legend in a band of its own between the title and the plot, so it covers
    neither the title nor the axis titles."""
    legend_band = 30 if spec.legend and len(spec.series) > 1 else 0
    figure.update_layout(
        title=_title(spec),
        font={"family": FONT, "size": 14, "color": INK},
        height=spec.height,
        margin={"l": 10, "r": 10, "t": (80 if spec.subtitle else 56) + legend_band, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=spec.legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "xanchor": "left", "x": 0},
        hoverlabel={"font_size": 14},
    )
    figure.update_xaxes(showgrid=False, linecolor="#ccc", automargin=True, title=spec.x_title or None)
    figure.update_yaxes(gridcolor="#eee", linecolor="#ccc", automargin=True, title=spec.y_title or None)
    return figure


def _value_axis(spec: ChartSpec) -> dict:
    axis = {"tickformat": AXIS_FORMATS[spec.value_format]}
    if spec.value_format == "money":
        axis["tickprefix"] = spec.numbers.plotly_money_prefix
    if spec.value_format == "percent":
        axis["ticksuffix"] = "%"
    if spec.value_range:
        axis["range"] = list(spec.value_range)
    return axis


def _tooltip(text: str) -> str:
    """A tooltip of several lines: its first line names the point, in bold."""
    head, line_break, rest = text.partition("<br>")
    return f"<b>{head}</b><br>{rest}" if line_break else text


def _hover(series: Series) -> dict:
    if series.hover:
        return {"hovertext": [_tooltip(h) for h in series.hover], "hovertemplate": "%{hovertext}<extra></extra>"}
    # the name as data, not in the template: a "%{…}" in it stays text
    return {"hovertemplate": "%{fullData.name}: %{y}<extra></extra>"}


def _ids(series: Series) -> dict:
    return {"customdata": [[i] for i in series.ids]} if series.ids else {}


def _colour(series: Series, index: int) -> str:
    return series.colour or PALETTE[index % len(PALETTE)]


def _category_chart(spec: ChartSpec) -> go.Figure:
    figure = go.Figure()
    horizontal = spec.kind == "bar"
    categories = spec.categories[::-1] if horizontal else spec.categories  # first category on top
    for index, series in enumerate(spec.series):
        colour = _colour(series, index)
        values = series.values[::-1] if horizontal else series.values
        if series.as_line or spec.kind == "line":
            figure.add_scatter(
                x=categories, y=values, name=series.name, mode="lines+markers+text" if series.labels else "lines+markers",
                line={"color": colour, "width": 3, "dash": "dash" if series.dash else "solid"},
                marker={"size": 10, "color": series.point_colours or colour},
                text=series.labels, textposition="top center", **_hover(series), **_ids(series))
            continue
        labels = series.labels[::-1] if horizontal and series.labels else series.labels
        bar = {"y": categories, "x": values, "orientation": "h"} if horizontal else {"x": categories, "y": values}
        hover = _hover(series)
        if horizontal and series.hover:
            hover["hovertext"] = series.hover[::-1]
        figure.add_bar(name=series.name, marker_color=colour, opacity=0.35 if series.faint else 1.0,
                       text=labels, textposition="inside" if labels else None, textangle=0, **bar, **hover,
                       **({"customdata": [[i] for i in (series.ids[::-1] if horizontal else series.ids)]} if series.ids else {}))
    if spec.totals:
        totals = [sum(max(s.values[i] or 0, 0) for s in spec.series if not s.as_line) for i in range(len(spec.categories))]
        position = {"y": categories, "x": totals[::-1]} if horizontal else {"x": categories, "y": totals}
        figure.add_scatter(mode="text", text=spec.totals[::-1] if horizontal else spec.totals, showlegend=False,
                           textposition="middle right" if horizontal else "top center", hoverinfo="skip", **position)
    figure.update_layout(barmode="relative" if spec.stacked else "group")
    if horizontal:
        figure.update_xaxes(**_value_axis(spec))
        figure.update_yaxes(categoryorder="array", categoryarray=categories, showgrid=False)
    else:
        figure.update_yaxes(**_value_axis(spec))
    if spec.band:
        figure.add_hrect(y0=spec.band[0], y1=spec.band[1], fillcolor=spec.band[2], opacity=0.08, line_width=0)
    for axis, value in spec.reference_lines:
        (figure.add_vline if axis == "x" else figure.add_hline)(value, line={"color": REFERENCE, "dash": "dot"})
    return figure


# A moved label's anchor, on the side of its ring facing away from the points it names
SIDE_ANCHORS = {"right": ("left", "middle"), "left": ("right", "middle"), "above": ("center", "bottom"),
                "below": ("center", "top")}


def _bubble_chart(spec: ChartSpec) -> go.Figure:
    figure = go.Figure()
    for series in spec.series:
        largest = max((s or 0 for s in series.sizes), default=0) or 1
        positions = [LABEL_POSITIONS[p] for p in series.label_positions] if series.label_positions else "middle right"
        moved = series.label_at or [None] * len(series.values)
        figure.add_scatter(
            x=series.x, y=series.values, mode="markers+text", name=series.name, cliponaxis=False,
            text=[label if at is None else "" for label, at in zip(series.labels, moved)],
            textposition=positions, textfont={"size": 11, "color": "#333"},
            marker={"size": [s or 0 for s in series.sizes], "sizemode": "area", "sizeref": 2.0 * largest / (30**2),
                    "sizemin": 6, "color": series.point_colours, "line": {"color": "white", "width": 1}, "opacity": 0.85},
            **_hover(series), **_ids(series))
        sides = series.label_positions or ["right"] * len(moved)
        for x, y, label, at, side in zip(series.x, series.values, series.labels, moved, sides):
            if at is not None and label:  # a label spread off its point, with a line back to the true value
                figure.add_annotation(x=x, y=y, ax=at[0], ay=at[1], axref="x", ayref="y", text=label,
                                      showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor="#999", standoff=4,
                                      xanchor=SIDE_ANCHORS[side][0], yanchor=SIDE_ANCHORS[side][1],
                                      font={"size": 11, "color": "#333"}, bgcolor="rgba(255,255,255,0.7)")
    for axis, value in spec.reference_lines:
        (figure.add_vline if axis == "x" else figure.add_hline)(value, line={"color": REFERENCE, "dash": "dot"})
    if spec.corner_note:
        figure.add_annotation(text=spec.corner_note, x=0, y=0, xref="paper", yref="paper", showarrow=False,
                              xanchor="left", yanchor="bottom", font={"color": "#888", "size": 12})
    figure.update_xaxes(range=list(spec.x_range) if spec.x_range else None, tickformat=".2f", showgrid=True, gridcolor="#f2f2f2")
    figure.update_yaxes(**_value_axis(spec))
    return figure


def _doughnut_chart(spec: ChartSpec) -> go.Figure:
    series = spec.series[0]
    return go.Figure(go.Pie(labels=spec.categories, values=series.values, hole=0.55, sort=False, direction="clockwise",
                            marker={"colors": series.point_colours}, text=series.labels, textinfo="text",
                            hovertemplate="%{label}: %{value}<extra></extra>", **_ids(series)))


def _matrix_chart(spec: ChartSpec) -> go.Figure:
    """Cells drawn in data units (they scale with the chart), with an invisible point on each
    cell's centre that carries its tooltip and id, so a click or a box selects cells."""
    matrix = spec.matrix
    figure = go.Figure()
    rows, columns = len(matrix.rows), len(matrix.columns)
    if matrix.values is not None:
        figure.add_heatmap(z=matrix.values[::-1], x=list(range(columns)), y=list(range(rows)), zmin=matrix.value_range[0],
                           zmax=matrix.value_range[1], colorscale=[list(stop) for stop in matrix.colour_scale],
                           xgap=2, ygap=2, hoverinfo="skip", colorbar={"title": "%", "ticksuffix": "%"})
    else:
        for r in range(rows):
            for c in range(columns):
                y = rows - 1 - r
                outlined = bool(matrix.outlined and matrix.outlined[r][c])
                figure.add_shape(type="rect", x0=c - 0.48, x1=c + 0.48, y0=y - 0.48, y1=y + 0.48, layer="below",
                                 fillcolor=matrix.colours[r][c],
                                 opacity=0.35 if matrix.dimmed and matrix.dimmed[r][c] else 1.0,
                                 line={"color": INK if outlined else "white", "width": 4 if outlined else 1})
    centres = [(c, rows - 1 - r) for r in range(rows) for c in range(columns)]
    flat = [(matrix.text[r][c], matrix.hover[r][c], matrix.ids[r][c]) for r in range(rows) for c in range(columns)]
    figure.add_scatter(
        x=[c for c, _ in centres], y=[y for _, y in centres], mode="markers+text", showlegend=False,
        text=[t for t, _, _ in flat], textfont={"size": 20 if matrix.values is None else 11, "color": "#111"},
        marker={"symbol": "square", "size": 30, "color": "rgba(0,0,0,0)"},
        # a selected cell is shown by its outline (the spec's), so selection changes nothing else
        selected={"marker": {"opacity": 0}}, unselected={"marker": {"opacity": 0}, "textfont": {"color": "#111"}},
        hovertext=[_tooltip(h) for _, h, _ in flat], hovertemplate="%{hovertext}<extra></extra>",
        customdata=[[i] for _, _, i in flat])
    for series in spec.series:  # a legend of the cell colours (bands)
        figure.add_scatter(x=[None], y=[None], mode="markers", name=series.name,
                           marker={"symbol": "square", "size": 14, "color": series.colour})
    figure.update_xaxes(tickmode="array", tickvals=list(range(columns)), ticktext=matrix.columns, range=[-0.5, columns - 0.5],
                        showgrid=False, zeroline=False, fixedrange=True)
    figure.update_yaxes(tickmode="array", tickvals=list(range(rows)), ticktext=matrix.rows[::-1], range=[-0.5, rows - 0.5],
                        showgrid=False, zeroline=False, fixedrange=True)
    # a drag would start a box selection, which swallows the click on a cell: clicks (shift-click
    # for more cells) select
    figure.update_layout(clickmode="event+select", dragmode=False)
    return figure


def _timeline_chart(spec: ChartSpec) -> go.Figure:
    figure = go.Figure()
    # a faint series (a baseline) is a wide pale bar behind the others, which are drawn narrower on it
    behind = any(s.faint and s.x is not None for s in spec.series)
    for series in spec.series:
        if series.x is not None:  # a bar from start to finish
            starts, finishes = pd.to_datetime(series.x), pd.to_datetime(series.values)
            figure.add_bar(y=series.ids, base=starts, x=(finishes - starts).total_seconds() * 1000, orientation="h",
                           name=series.name, marker_color=series.colour, opacity=0.55 if series.faint else 1.0,
                           width=0.8 if series.faint else (0.45 if behind else None), **_hover(series))
        elif series.name.startswith("milestone"):
            figure.add_scatter(y=series.ids, x=pd.to_datetime(series.values), mode="markers", name=series.name,
                               marker={"symbol": "diamond", "size": 16, "color": series.point_colours,
                                       "line": {"color": INK, "width": 1}}, **_hover(series))
        else:
            figure.add_scatter(y=series.ids, x=pd.to_datetime(series.values), mode="markers", name=series.name,
                               marker={"symbol": "line-ns-open", "size": 18, "color": series.colour, "line": {"width": 3}},
                               **_hover(series))
    if spec.status_line:
        # named in the legend: words on the plot would lie over a bar
        status = {"color": "#D55E00", "dash": "dash"}
        figure.add_vline(x=pd.Timestamp(spec.status_line).timestamp() * 1000, line=status)
        figure.add_scatter(x=[None], y=[None], mode="lines", line=status,
                           name=f"status date {pd.Timestamp(spec.status_line):%d %b %Y}")
    drawn = {i for s in spec.series for i in (s.ids or [])}
    empty_rows = [c for c in spec.categories if c not in drawn]
    if empty_rows:
        # a row with nothing on it (a group's heading) still takes its place on the axis
        figure.add_scatter(y=empty_rows, x=[pd.Timestamp(spec.status_line or spec.series[0].values[0])] * len(empty_rows),
                           mode="markers", marker={"opacity": 0}, showlegend=False, hoverinfo="skip")
    figure.update_layout(barmode="overlay")
    figure.update_xaxes(type="date")
    figure.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=spec.categories, tickmode="array",
                        tickvals=spec.categories,
                        ticktext=[f"<b>{c}</b>" if c in empty_rows else c for c in spec.categories])  # headings bold
    return figure


def _date_line_chart(spec: ChartSpec) -> go.Figure:
    figure = go.Figure()
    for index, series in enumerate(spec.series):
        figure.add_scatter(x=spec.categories, y=pd.to_datetime(pd.Series(series.values)), name=series.name,
                           mode="lines+markers", line={"color": _colour(series, index), "width": 3}, marker={"size": 10},
                           **_hover(series))
    figure.update_yaxes(type="date")
    return figure


RENDERERS = {"column": _category_chart, "bar": _category_chart, "line": _category_chart, "bubble": _bubble_chart,
             "doughnut": _doughnut_chart, "matrix": _matrix_chart, "timeline": _timeline_chart}


def figure(spec: ChartSpec) -> go.Figure:
    """The spec as a plotly Figure."""
    spec = _inert_spec(spec)
    if spec.is_empty:
        empty = go.Figure()
        empty.add_annotation(text=spec.empty_message, showarrow=False, font={"size": 16, "color": "#666"}, x=0.5, y=0.5,
                             xref="paper", yref="paper")
        empty.update_xaxes(visible=False)
        empty.update_yaxes(visible=False)
        return _layout(empty, spec)
    draw = _date_line_chart if spec.kind == "line" and spec.value_format == "date" else RENDERERS[spec.kind]
    figure = _layout(draw(spec), spec)
    if spec.kind == "bubble":  # labels of the rightmost bubbles reach past the plot
        figure.update_layout(margin={"r": 70})
    return figure
