"""A chart as data plus a small spec: what kind, which series in which colours, which labels and
number formats. Each chart is defined once (pmo_data/charts.py) and drawn by two renderers: plotly
for the pages and PNG/SVG (render_plotly.py), native PowerPoint charts for the deck (render_pptx.py).
Everything a reader sees (labels, hover text, money in the reporting currency) is worked out in the
definition, so both renderers show the same words and numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pmo_data.formatting import NumberFormat

Kind = Literal["column", "bar", "line", "bubble", "doughnut", "matrix", "timeline", "date_line"]
ValueFormat = Literal["number", "money", "percent", "ratio", "date"]


@dataclass(frozen=True)
class Series:
    """One series. `values` are the y values (x for a horizontal bar) by category; a bubble series
    also has `x` and `sizes`. Per point: `point_colours`, `labels` (text on the point), `hover`
    (the tooltip) and `ids` (what a click on the point selects: a project id, a person)."""

    name: str
    values: list
    colour: str | None = None
    point_colours: list[str] | None = None
    x: list | None = None
    sizes: list | None = None
    labels: list[str] | None = None
    label_positions: list[str] | None = None  # right, left, above or below each point
    # where a label is drawn when it is moved off its point (axis units), else None: points that
    # would hide each other keep their true values, their labels spread apart
    label_at: list[tuple[float, float] | None] | None = None
    hover: list[str] | None = None
    ids: list[str] | None = None
    as_line: bool = False  # a line over the bars (capacity over demand)
    dash: bool = False
    faint: bool = False  # a background series (raised / closed under the open counts)


@dataclass(frozen=True)
class Matrix:
    """A grid of cells: row and column labels, each cell's text, colour, tooltip and id; rows
    listed top to bottom. `values` and `colour_scale` (0..1 stops over `value_range`) when the
    colour is a continuous measure (utilisation); otherwise the colours are given per cell."""

    rows: list[str]
    columns: list[str]
    text: list[list[str]]
    colours: list[list[str]]
    hover: list[list[str]]
    ids: list[list[str]]
    values: list[list] | None = None
    colour_scale: list[tuple[float, str]] | None = None
    value_range: tuple[float, float] | None = None
    dimmed: list[list[bool]] | None = None  # an empty cell drawn faint
    outlined: list[list[bool]] | None = None  # selected cells


@dataclass(frozen=True)
class ChartSpec:
    kind: Kind
    title: str
    subtitle: str = ""
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    matrix: Matrix | None = None
    x_title: str = ""
    y_title: str = ""
    value_format: ValueFormat = "number"
    stacked: bool = False
    value_range: tuple[float, float] | None = None  # the value axis (bubble: the y axis)
    x_range: tuple[float, float] | None = None  # a bubble chart's x axis
    reference_lines: tuple[tuple[str, float], ...] = ()  # ("x" | "y", value): 1.0 = on plan
    band: tuple[float, float, str] | None = None  # a shaded range of the value axis (amber zone)
    totals: list[str] | None = None  # a label at the end of each category's bar
    corner_note: str = ""  # a word in a corner ("behind & over budget")
    status_line: str | None = None  # a vertical line on a date axis (the status date), as ISO date
    numbers: NumberFormat = field(default_factory=NumberFormat)
    height: int = 420
    legend: bool = True
    empty_message: str = ""  # set when there is nothing to draw: the chart says why
    clickable: bool = False  # a click on a point / cell selects its id (pages)

    @property
    def is_empty(self) -> bool:
        return bool(self.empty_message)


def empty(title: str, message: str, subtitle: str = "") -> ChartSpec:
    """A titled chart that says why it has nothing to show."""
    return ChartSpec("column", title, subtitle, empty_message=message, height=260)
