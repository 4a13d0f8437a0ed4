"""A ChartSpec drawn as a native, editable PowerPoint chart (the numbers travel inside it, and a
PMO restyles it in its own template), or as a coloured table where PowerPoint has no such chart
(a matrix). A series with no colour of its own takes the template's accent colours.

`add_chart` first makes every text of the spec inert for a slide (pmo_data/text_safety.py): the
categories and series names are cells of the workbook inside the chart, where text starting with
"=" would be a formula.
"""

from __future__ import annotations

import copy
import math
from dataclasses import replace

from lxml import etree
from pptx.chart.data import BubbleChartData, CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from pmo_data.chart_spec import ChartSpec
from pmo_data.text_safety import NAME, TEXT, TITLE, cell_text, clean_text

LABEL_POSITIONS = {"right": XL_LABEL_POSITION.RIGHT, "left": XL_LABEL_POSITION.LEFT, "above": XL_LABEL_POSITION.ABOVE,
                   "below": XL_LABEL_POSITION.BELOW}
ACCENTS = [MSO_THEME_COLOR.ACCENT_1, MSO_THEME_COLOR.ACCENT_2, MSO_THEME_COLOR.ACCENT_3, MSO_THEME_COLOR.ACCENT_4,
           MSO_THEME_COLOR.ACCENT_5, MSO_THEME_COLOR.ACCENT_6]
CATEGORY_TYPES = {("column", False): XL_CHART_TYPE.COLUMN_CLUSTERED, ("column", True): XL_CHART_TYPE.COLUMN_STACKED,
                  ("bar", False): XL_CHART_TYPE.BAR_CLUSTERED, ("bar", True): XL_CHART_TYPE.BAR_STACKED,
                  ("line", False): XL_CHART_TYPE.LINE_MARKERS, ("line", True): XL_CHART_TYPE.LINE_MARKERS}
# Excel number formats of a value axis, by the spec's value format (money: see _money_format)
AXIS_FORMATS = {"number": "#,##0", "percent": '0"%"', "ratio": "0.00", "date": "dd mmm yyyy"}


class NoSlideChart(ValueError):
    """The spec's kind has no PowerPoint form (a Gantt timeline): the page shows it."""


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _faint(hex_colour: str, share: float = 0.6) -> str:
    """The colour mixed with white: a background series without transparency (which python-pptx lacks)."""
    channels = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02X}" for c in channels)


def _clean(value):
    """python-pptx cannot write NaN into chart data: it becomes an empty point."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _fill(format_, colour: str | None, index: int) -> None:
    format_.fill.solid()
    if colour:
        format_.fill.fore_color.rgb = _rgb(colour)
    else:
        format_.fill.fore_color.theme_color = ACCENTS[index % len(ACCENTS)]


def _line(format_, colour: str | None, index: int, dash: bool = False) -> None:
    if colour:
        format_.line.color.rgb = _rgb(colour)
    else:
        format_.line.color.theme_color = ACCENTS[index % len(ACCENTS)]
    format_.line.width = Pt(2.5)
    if dash:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        format_.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _money_format(spec: ChartSpec, values) -> str:
    """An axis of money in the unit its values read best in: '"$"#,##0.0,," M"'."""
    size, suffix = spec.numbers.money_unit(values)
    commas = {1e9: ",,,", 1e6: ",,", 1e3: ","}.get(size, "")
    symbol = spec.numbers.symbol
    number = f'#,##0.0{commas}' + (f'" {suffix}"' if suffix else "")
    if not symbol:
        return number
    return f'{number}" {symbol}"' if symbol[-1].isalpha() else f'"{symbol}"{number}'


def _axis_format(spec: ChartSpec, values) -> str:
    return _money_format(spec, values) if spec.value_format == "money" else AXIS_FORMATS[spec.value_format]


def _title(chart, spec: ChartSpec) -> None:
    chart.has_title = True
    frame = chart.chart_title.text_frame
    frame.text = spec.title
    frame.paragraphs[0].font.size = Pt(14)
    frame.paragraphs[0].font.bold = True


def _legend(chart, spec: ChartSpec) -> None:
    chart.has_legend = spec.legend
    if spec.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(11)


def _as_line_series(chart, index: int) -> None:
    """Moves series `index` of a bar chart into a line chart on the same axes: the one way to draw
    a capacity line over stacked demand, as python-pptx writes only one chart type per chart."""
    plot_area = chart._chartSpace.chart.plotArea
    bar_chart = plot_area.find(qn("c:barChart"))
    series = bar_chart.findall(qn("c:ser"))[index]
    line_chart = plot_area.find(qn("c:lineChart"))
    if line_chart is None:
        line_chart = etree.SubElement(plot_area, qn("c:lineChart"))
        etree.SubElement(line_chart, qn("c:grouping")).set("val", "standard")
        etree.SubElement(line_chart, qn("c:varyColors")).set("val", "0")
        etree.SubElement(line_chart, qn("c:marker")).set("val", "1")
        for axis in bar_chart.findall(qn("c:axId")):
            line_chart.append(copy.deepcopy(axis))
        bar_chart.addnext(line_chart)
    for invalid in series.findall(qn("c:invertIfNegative")):
        series.remove(invalid)
    marker_or_axis = line_chart.find(qn("c:marker"))
    marker_or_axis.addprevious(series)
    etree.SubElement(series, qn("c:smooth")).set("val", "0")


def _category_chart(slide, spec: ChartSpec, box):
    values = [v for s in spec.series for v in s.values if _clean(v) is not None]
    number_format = _axis_format(spec, values) if values else "General"
    data = CategoryChartData(number_format=number_format)
    data.categories = spec.categories
    if spec.totals and spec.kind == "bar":  # no native total label on a stacked bar: the category names carry it
        data.categories = [f"{c} · {t}" for c, t in zip(spec.categories, spec.totals)]
    bars = [s for s in spec.series if not s.as_line]
    lines = [s for s in spec.series if s.as_line]
    ordered = bars + lines if spec.kind != "line" else spec.series
    for series in ordered:
        data.add_series(series.name, [_clean(v) for v in series.values])
    chart_type = CATEGORY_TYPES[(spec.kind, spec.stacked)]
    chart = slide.shapes.add_chart(chart_type, *box, data).chart
    plot = chart.plots[0]
    if spec.kind != "line":
        plot.gap_width = 60
        if spec.stacked:
            plot.overlap = 100
    for index, (series, drawn) in enumerate(zip(ordered, chart.series)):
        if spec.kind == "line":
            _line(drawn.format, series.colour, index, series.dash)
        else:
            _fill(drawn.format, _faint(series.colour) if series.faint and series.colour else series.colour, index)
        if series.labels and any(series.labels) and not series.as_line:
            drawn.data_labels.show_value = True
            drawn.data_labels.number_format = "#,##0;-#,##0;;"  # zeros unlabelled
            drawn.data_labels.number_format_is_linked = False
            drawn.data_labels.font.size = Pt(10)
    for offset, series in enumerate(lines if spec.kind != "line" else []):
        index = len(bars) + offset
        _as_line_series(chart, len(bars))
        drawn = chart.plots[1].series[offset]
        _line(drawn.format, series.colour, index, series.dash)
    axis = chart.value_axis
    axis.tick_labels.number_format = number_format
    axis.tick_labels.number_format_is_linked = False
    axis.tick_labels.font.size = Pt(11)
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb("#E6E6E6")
    if spec.value_range:
        axis.minimum_scale, axis.maximum_scale = spec.value_range
    chart.category_axis.tick_labels.font.size = Pt(11)
    if spec.kind == "bar":
        chart.category_axis.reverse_order = True  # the first category on top, as on the page
    _title(chart, spec)
    _legend(chart, spec)
    return chart


def _bubble_chart(slide, spec: ChartSpec, box):
    series = spec.series[0]
    data = BubbleChartData()
    drawn_series = data.add_series(series.name)
    for x, y, size in zip(series.x, series.values, series.sizes):
        drawn_series.add_data_point(_clean(x), _clean(y), _clean(size) or 0.0)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BUBBLE, *box, data).chart
    chart.plots[0].bubble_scale = 20
    sides = series.label_positions or ["right"] * len(series.labels)
    for point, colour, label, side in zip(chart.plots[0].series[0].points, series.point_colours, series.labels, sides):
        _fill(point.format, colour, 0)
        point.format.line.color.rgb = _rgb("#FFFFFF")
        if not label:  # one of a crowd named by another point's label: an empty label would show the value
            continue
        frame = point.data_label.text_frame
        frame.text = label
        frame.paragraphs[0].font.size = Pt(9)
        point.data_label.position = LABEL_POSITIONS[side]
    x_axis, y_axis = chart.category_axis, chart.value_axis
    for axis, value_range, title in ((x_axis, spec.x_range, spec.x_title), (y_axis, spec.value_range, spec.y_title)):
        if value_range:
            axis.minimum_scale, axis.maximum_scale = value_range
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0.00", False
        axis.tick_labels.font.size = Pt(11)
        axis.has_title = True
        axis.axis_title.text_frame.text = title
        axis.axis_title.text_frame.paragraphs[0].font.size = Pt(11)
        axis.has_major_gridlines = False
    # the axes cross at 1.0 (on plan), which splits the plot into the four quadrants of the page
    for axis, reference in ((x_axis, "y"), (y_axis, "x")):
        value = next((v for a, v in spec.reference_lines if a == reference), None)
        if value is not None:
            axis.crosses_at = value
    for axis in (x_axis, y_axis):  # the numbers stay at the plot's edge, not on the crossing lines
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    _title(chart, spec)
    _legend(chart, spec)
    if spec.corner_note:
        left, top, width, height = box
        note = slide.shapes.add_textbox(left, top + height - Pt(18), width, Pt(16)).text_frame
        note.text = spec.corner_note
        note.paragraphs[0].font.size = Pt(10)
        note.paragraphs[0].font.color.rgb = _rgb("#777777")
    return chart


def _doughnut_chart(slide, spec: ChartSpec, box):
    series = spec.series[0]
    data = CategoryChartData()
    data.categories = spec.categories
    data.add_series(series.name, [_clean(v) for v in series.values])
    chart = slide.shapes.add_chart(XL_CHART_TYPE.DOUGHNUT, *box, data).chart
    for point, colour in zip(chart.plots[0].series[0].points, series.point_colours):
        _fill(point.format, colour, 0)
    labels = chart.plots[0].data_labels
    labels.show_value, labels.font.size = True, Pt(12)
    labels.number_format, labels.number_format_is_linked = "0;;;", False
    _title(chart, spec)
    _legend(chart, spec)
    return chart


def _matrix_table(slide, spec: ChartSpec, box):
    """A matrix as a table: a row label column, then one coloured cell per column."""
    left, top, width, height = box
    matrix = spec.matrix
    rows, columns = len(matrix.rows) + 1, len(matrix.columns) + 1
    table = slide.shapes.add_table(rows, columns, left, top, width, height).table
    label_share = 0.26
    table.columns[0].width = Emu(int(width * label_share))
    for column in range(1, columns):
        table.columns[column].width = Emu(int(width * (1 - label_share) / (columns - 1)))
    size = 14 if len(matrix.rows) <= 6 else 9

    def write(cell, text: str, bold: bool = False, colour: str | None = None, font_size: int = size) -> None:
        cell.text = text
        paragraph = cell.text_frame.paragraphs[0]
        paragraph.font.size, paragraph.font.bold = Pt(font_size), bold
        cell.text_frame.word_wrap = True
        if colour:
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(colour)

    header_size = min(size, 10)
    write(table.cell(0, 0), f"{spec.y_title} ↓  {spec.x_title} →" if spec.x_title else "", font_size=header_size)
    for column, label in enumerate(matrix.columns, start=1):
        # "3 medium" on two lines: a narrow column would break the word itself
        write(table.cell(0, column), label.replace(" ", "\n", 1), bold=True, font_size=header_size)
    table.first_row = True
    for row, label in enumerate(matrix.rows, start=1):
        write(table.cell(row, 0), label, bold=True, colour="#FFFFFF", font_size=min(size, 11))
        for column in range(1, columns):
            dimmed = bool(matrix.dimmed and matrix.dimmed[row - 1][column - 1])
            colour = matrix.colours[row - 1][column - 1]
            write(table.cell(row, column), matrix.text[row - 1][column - 1], bold=True,
                  colour=_faint(colour, 0.55) if dimmed else colour)
    return table


def _inert_spec(spec: ChartSpec) -> ChartSpec:
    """The spec's texts as a slide holds them: no control or direction characters, long names cut,
    nothing a spreadsheet would run. Ids and tooltips are not drawn on a slide."""
    def cells(texts):
        return texts and [cell_text(t, NAME) for t in texts]

    series = [replace(s, name=cell_text(s.name, NAME), labels=cells(s.labels)) for s in spec.series]
    matrix = spec.matrix and replace(spec.matrix, rows=cells(spec.matrix.rows), columns=cells(spec.matrix.columns),
                                     text=[cells(row) for row in spec.matrix.text])
    return replace(spec, title=clean_text(spec.title, TITLE), x_title=clean_text(spec.x_title, NAME),
                   y_title=clean_text(spec.y_title, NAME), corner_note=clean_text(spec.corner_note, NAME),
                   empty_message=clean_text(spec.empty_message, TEXT), categories=cells(spec.categories),
                   totals=cells(spec.totals), series=series, matrix=matrix)


def add_chart(slide, spec: ChartSpec, left, top, width, height):
    """Draws the spec on the slide in the box; returns the chart (or the table of a matrix)."""
    spec = _inert_spec(spec)
    box = (left, top, width, height)
    if spec.is_empty:
        frame = slide.shapes.add_textbox(*box).text_frame
        frame.word_wrap = True
        frame.text = f"{spec.title}: {spec.empty_message}"
        frame.paragraphs[0].font.size = Pt(16)
        return None
    if spec.kind in ("column", "bar", "line") and spec.value_format != "date":
        return _category_chart(slide, spec, box)
    draw = {"bubble": _bubble_chart, "doughnut": _doughnut_chart, "matrix": _matrix_table}.get(spec.kind)
    if draw is None:
        raise NoSlideChart(f"{spec.title}: PowerPoint has no chart of this kind; the dashboard page shows it")
    return draw(slide, spec, box)

