"""The monthly review deck: a .pptx whose charts are native, editable PowerPoint charts (the
numbers are inside, restyled by the PMO in its own template), built from the query API for the
current filters. Pictures are used only where PowerPoint has no such chart (none here: the
risk matrix is a native table coloured by band).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.chart.data import BubbleChartData, CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from pmo_data import queries
from pmo_data.charts import BAND_COLOURS, HEALTH_COLOURS, HEALTH_ORDER
from pmo_data.formatting import ratio
from pmo_data.queries import Filters
from pmo_data.store import Store

SECTIONS = ("summary", "attention", "risks", "resources", "changes")
WIDE = (Inches(13.333), Inches(7.5))
ROWS_PER_TABLE_SLIDE = 8
INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x66, 0x66, 0x66)


@dataclass
class DeckRequest:
    filters: Filters
    sections: tuple[str, ...] = SECTIONS
    projects: tuple[str, ...] = ()  # one slide each
    template: Path | bytes | None = None
    produced: dt.date = field(default_factory=dt.date.today)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _clean(value):
    """python-pptx cannot write NaN or pd.NA into chart data: they become empty points."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value) if isinstance(value, (int, float)) else value


class DeckBuilder:
    def __init__(self, store: Store, request: DeckRequest):
        self.store = store
        self.request = request
        self.filters = request.filters
        self.numbers = queries.number_format(store)
        source = request.template
        self.prs = Presentation(io.BytesIO(source) if isinstance(source, bytes) else source)
        self.default_template = source is None
        if self.default_template:
            self.prs.slide_width, self.prs.slide_height = WIDE
        self._drop_template_slides()
        self.width, self.height = self.prs.slide_width, self.prs.slide_height

    # -- layout helpers ----------------------------------------------------------------------
    def _drop_template_slides(self) -> None:
        """A corporate template may carry example slides: only its masters and layouts are used."""
        slide_ids = self.prs.slides._sldIdLst
        for slide_id in list(slide_ids):
            self.prs.part.drop_rel(slide_id.rId)
            slide_ids.remove(slide_id)

    def _layout(self, *names: str):
        layouts = {layout.name.casefold(): layout for layout in self.prs.slide_layouts}
        for name in names:
            if name.casefold() in layouts:
                return layouts[name.casefold()]
        return self.prs.slide_layouts[5 if len(self.prs.slide_layouts) > 5 else -1]

    def _slide(self, title: str):
        slide = self.prs.slides.add_slide(self._layout("Title Only", "Title only"))
        if slide.shapes.title is not None:
            slide.shapes.title.text = title
            if self.default_template:  # python-pptx's own template is 4:3: fit its title to the wide slide
                self._place(slide.shapes.title, Inches(0.5), Inches(0.25), self.width - Inches(1), Inches(0.85), 30)
        else:
            self._text(slide, title, Inches(0.5), Inches(0.3), self.width - Inches(1), Inches(0.8), 28, bold=True)
        self._footer(slide)
        return slide

    @staticmethod
    def _place(shape, left, top, width, height, size: int) -> None:
        shape.left, shape.top, shape.width, shape.height = left, top, width, height
        for paragraph in shape.text_frame.paragraphs:
            paragraph.font.size = Pt(size)
            paragraph.alignment = PP_ALIGN.LEFT

    def _footer(self, slide) -> None:
        scope = self.filters.describe()
        text = f"{scope} · produced {self.request.produced:%d %b %Y} · PMO Dashboard"
        self._text(slide, text, Inches(0.5), self.height - Inches(0.45), self.width - Inches(1), Inches(0.3), 10, colour=MUTED)

    def _text(self, slide, text: str, left, top, width, height, size: int, bold: bool = False, colour: RGBColor = INK,
              align=PP_ALIGN.LEFT):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        paragraph.text = str(text)
        paragraph.alignment = align
        paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(size), bold, colour
        return box

    def _card(self, slide, left, top, label: str, value: str, note: str = "") -> None:
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, Inches(2.9), Inches(1.25))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(0xF4, 0xF6, 0xF8)
        shape.line.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
        frame = shape.text_frame
        frame.clear()
        for index, (text, size, bold, colour) in enumerate(((label, 12, False, MUTED), (value, 28, True, INK), (note, 11, False, MUTED))):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(size), bold, colour
            paragraph.alignment = PP_ALIGN.LEFT

    def _chart(self, slide, chart_type, data, left, top, width, height, title: str, colours: list[str] | None = None,
               legend: bool = True):
        graphic = slide.shapes.add_chart(chart_type, left, top, width, height, data)
        chart = graphic.chart
        chart.has_title = True
        chart.chart_title.text_frame.text = title
        chart.chart_title.text_frame.paragraphs[0].font.size = Pt(14)
        chart.has_legend = legend
        if legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        for series, colour in zip(chart.series, colours or []):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(colour)
            if chart_type in (XL_CHART_TYPE.LINE_MARKERS,):
                series.format.line.color.rgb = _rgb(colour)
        return chart

    def _table(self, slide, frame: pd.DataFrame, headers: list[str], left, top, width, widths: list[float] | None = None,
               fills: dict[tuple[int, int], str] | None = None, size: int = 11):
        rows, columns = len(frame) + 1, len(headers)
        shape = slide.shapes.add_table(rows, columns, left, top, width, Inches(0.4) * rows)
        table = shape.table
        for column, header in enumerate(headers):
            table.cell(0, column).text = header
            table.cell(0, column).text_frame.paragraphs[0].font.size = Pt(size + 1)
        for row_index, row in enumerate(frame.itertuples(index=False), start=1):
            for column, value in enumerate(row):
                cell = table.cell(row_index, column)
                cell.text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
                cell.text_frame.paragraphs[0].font.size = Pt(size)
        for (row_index, column), colour in (fills or {}).items():
            cell = table.cell(row_index, column)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(colour)
        if widths:
            total = sum(widths)
            for column, share in enumerate(widths):
                table.columns[column].width = Emu(int(width * share / total))
        return table

    # -- slides ----------------------------------------------------------------------------------
    def title_slide(self) -> None:
        slide = self.prs.slides.add_slide(self._layout("Title Slide"))
        period = self.filters.period
        if slide.shapes.title is not None:
            slide.shapes.title.text = f"Portfolio review · {period:%B %Y}"
            if self.default_template:
                self._place(slide.shapes.title, Inches(0.8), Inches(2.2), self.width - Inches(1.6), Inches(1.4), 44)
        subtitle = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
        scope = self.filters.describe().split(" · ", 1)[-1]
        text = f"{scope}\nProduced {self.request.produced:%d %B %Y} from the PMO Dashboard"
        if subtitle is not None:
            subtitle.text = text
            if self.default_template:
                self._place(subtitle, Inches(0.8), Inches(3.8), self.width - Inches(1.6), Inches(1.2), 20)
        else:
            self._text(slide, text, Inches(0.8), Inches(4.2), self.width - Inches(1.6), Inches(1), 18, colour=MUTED)

    def summary(self) -> None:
        cards = queries.portfolio_cards(self.store, self.filters)
        slide = self._slide(f"Portfolio summary · {self.filters.period:%B %Y}")
        if not cards["is_current"].any():
            self._text(slide, "No project matches these filters in this month.", Inches(0.8), Inches(2), self.width - Inches(1.6),
                       Inches(1), 18, colour=MUTED)
            return
        now = cards[cards["is_current"]].iloc[0]

        def change(column: str) -> str:
            value = now[f"{column}_delta"]
            return "" if pd.isna(value) else f"{int(value):+d} since last month"

        figures = [
            ("Projects red", f"{now.red} of {now.projects}", change("red")),
            ("Watermelons", f"{now.watermelons}", "reported green, computed worse"),
            ("Portfolio SPI / CPI", f"{ratio(now.spi)} / {ratio(now.cpi)}", "ΣEV / ΣPV and ΣEV / ΣAC"),
            ("Forecast cost (EAC)", self.numbers.money(now.eac), f"budget {self.numbers.money(now.budget)}"),
        ]
        for index, (label, value, note) in enumerate(figures):
            self._card(slide, Inches(0.5) + index * Inches(3.1), Inches(1.3), label, value, note)
        mix = CategoryChartData()
        mix.categories = [h for h in HEALTH_ORDER]
        mix.add_series("Projects", [_clean(now[h]) for h in HEALTH_ORDER])
        chart = self._chart(slide, XL_CHART_TYPE.DOUGHNUT, mix, Inches(0.5), Inches(2.8), Inches(5.2), Inches(4.1),
                            "Projects by computed health")
        for point, health in zip(chart.plots[0].series[0].points, HEALTH_ORDER):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(HEALTH_COLOURS[health])
        trend = queries.health_trend(self.store, self.filters)
        months = sorted(trend["period"].unique())
        data = CategoryChartData()
        data.categories = [pd.Timestamp(m).strftime("%b %Y") for m in months]
        for health in HEALTH_ORDER:
            rows = trend[trend["health"] == health].set_index("period").reindex(months)
            data.add_series(health, [_clean(v) if not pd.isna(v) else 0.0 for v in rows["projects"]])
        self._chart(slide, XL_CHART_TYPE.COLUMN_STACKED, data, Inches(6), Inches(2.8), Inches(6.8), Inches(4.1),
                    "Project health by month", [HEALTH_COLOURS[h] for h in HEALTH_ORDER])

        health = queries.project_health(self.store, self.filters).dropna(subset=["spi", "cpi"])
        slide = self._slide("Schedule vs cost performance, and strategic alignment")
        bubbles = BubbleChartData()
        series = bubbles.add_series("Projects")
        for row in health.itertuples():
            series.add_data_point(_clean(row.spi), _clean(row.cpi), _clean(row.bac) or 0.0)
        if len(health):
            # one series, each bubble coloured by its project's health (renders alike in PowerPoint and LibreOffice)
            chart = self._chart(slide, XL_CHART_TYPE.BUBBLE, bubbles, Inches(0.5), Inches(1.2), Inches(6.2), Inches(5.6),
                                "SPI (x) against CPI (y); bubble = budget, colour = health", legend=False)
            for point, level in zip(chart.plots[0].series[0].points, health["health"]):
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(HEALTH_COLOURS.get(level, HEALTH_COLOURS["grey"]))
        alignment = queries.strategic_alignment(self.store, self.filters)
        data = CategoryChartData()
        data.categories = list(alignment["strategic_objective"])
        data.add_series("Budget", [_clean(v) for v in alignment["budget"]])
        chart = self._chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, Inches(7), Inches(1.2), Inches(5.8), Inches(5.6),
                            "Budget by strategic objective", [HEALTH_COLOURS["grey"]], legend=False)
        chart.value_axis.tick_labels.number_format = '#,##0.0,," M"'
        chart.value_axis.tick_labels.number_format_is_linked = False

    def attention(self) -> None:
        health = queries.project_health(self.store, self.filters)
        needing = health[health["health"].isin(["red", "amber"]) | health["watermelon"]]
        table = pd.DataFrame({
            "project": needing["project_name"],
            "health": needing["health"],
            "reported": needing["reported_health"].fillna("–"),
            "watermelon": needing["watermelon"].map({True: "yes", False: ""}),
            "reasons": needing["health_reason_text"],
        })
        pages = max(1, math.ceil(len(table) / ROWS_PER_TABLE_SLIDE))
        for page in range(pages):
            chunk = table.iloc[page * ROWS_PER_TABLE_SLIDE:(page + 1) * ROWS_PER_TABLE_SLIDE]
            suffix = f" ({page + 1}/{pages})" if pages > 1 else ""
            slide = self._slide(f"Projects needing attention{suffix}")
            if chunk.empty:
                self._text(slide, "No project is red, amber or a watermelon.", Inches(0.5), Inches(1.5), Inches(10), Inches(1), 20)
                continue
            fills = {(i + 1, 1): HEALTH_COLOURS[h] for i, h in enumerate(chunk["health"])}
            fills.update({(i + 1, 2): HEALTH_COLOURS[h] for i, h in enumerate(chunk["reported"]) if h in HEALTH_COLOURS})
            self._table(slide, chunk, ["Project", "Health", "Reported", "Watermelon", "Why"], Inches(0.5), Inches(1.3),
                        self.width - Inches(1), [2.4, 0.9, 1.0, 1.2, 6.5], fills, size=11)

    def risks(self) -> None:
        matrix = queries.risk_matrix(self.store, self.filters)
        slide = self._slide("Risk matrix and top risks")
        grid = pd.DataFrame(index=range(5, 0, -1), columns=range(1, 6))
        fills = {}
        for cell in matrix.itertuples():
            row, column = 6 - cell.probability, cell.impact
            grid.loc[cell.probability, cell.impact] = str(cell.risk_count) if cell.risk_count else ""
            fills[(row, column)] = BAND_COLOURS.get(cell.band, "#CCCCCC")
        grid.insert(0, "probability", [f"P{p}" for p in range(5, 0, -1)])
        for row in range(1, 6):
            fills[(row, 0)] = "#FFFFFF"
        self._table(slide, grid, ["Probability \\ impact", "I1", "I2", "I3", "I4", "I5"], Inches(0.5), Inches(1.3),
                    Inches(5.6), [1.6, 1, 1, 1, 1, 1], fills, size=16)
        top = queries.top_risks(self.store, self.filters)
        rows = pd.DataFrame({"risk": top["title"], "project": top["project_name"], "score": top["score"],
                             "exposure": [self.numbers.money(v) for v in top["exposure"]]})
        self._table(slide, rows, ["Top open risks", "Project", "Score", "Exposure"], Inches(6.5), Inches(1.3),
                    Inches(6.3), [3, 2.4, 0.8, 1.2], size=11)
        trend = queries.risk_trend(self.store, self.filters)
        if not trend.empty:
            slide = self._slide("Risks and issues over time")
            months = sorted(trend["period"].unique())
            data = CategoryChartData()
            data.categories = [pd.Timestamp(m).strftime("%b %Y") for m in months]
            for kind in ("risk", "issue"):
                rows = trend[trend["kind"] == kind].set_index("period").reindex(months)
                data.add_series(f"open {kind}s", [_clean(v) if not pd.isna(v) else 0.0 for v in rows["open"]])
            self._chart(slide, XL_CHART_TYPE.LINE_MARKERS, data, Inches(0.5), Inches(1.2), self.width - Inches(1),
                        Inches(5.6), "Open risks and issues at each month end", ["#0072B2", "#CC79A7"])

    def resources(self) -> None:
        demand = queries.capacity_demand(self.store, self.filters, "team")
        slide = self._slide("Resource load")
        if not demand.empty:
            totals = queries.capacity_demand(self.store, self.filters, "all")
            data = CategoryChartData()
            data.categories = [pd.Timestamp(m).strftime("%b %y") for m in totals["month"]]
            data.add_series("Over-allocated people", [_clean(v) for v in totals["over_allocated_people"]])
            self._chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, Inches(0.5), Inches(1.2), Inches(6.2), Inches(5.6),
                        "People over 100 % of capacity, by plan month", [HEALTH_COLOURS["red"]], legend=False)
        over = queries.over_allocated_people(self.store, self.filters)
        rows = pd.DataFrame({"person": over["resource_name"], "peak": [f"{v:.0f}%" for v in over["peak_utilisation_pct"]],
                             "months": over["months_over"], "projects": over["projects"]}).head(10)
        if rows.empty:
            self._text(slide, "No one is planned above capacity in the coming months.", Inches(7), Inches(1.5), Inches(5.8), Inches(1), 16)
        else:
            self._table(slide, rows, ["Over-allocated", "Peak", "Months", "Projects"], Inches(7), Inches(1.3),
                        Inches(5.8), [1.6, 0.8, 1.6, 2.8], size=10)
        if not demand.empty:
            slide = self._slide("Capacity vs demand by team")
            data = CategoryChartData()
            teams = sorted(demand["group_name"].unique())
            months = sorted(demand["month"].unique())
            data.categories = [pd.Timestamp(m).strftime("%b %y") for m in months]
            for team in teams:
                rows = demand[demand["group_name"] == team].set_index("month").reindex(months)
                data.add_series(str(team), [_clean(v) if not pd.isna(v) else 0.0 for v in rows["demand_hours"]])
            self._chart(slide, XL_CHART_TYPE.COLUMN_STACKED, data, Inches(0.5), Inches(1.2), self.width - Inches(1),
                        Inches(5.6), "Planned hours by team (capacity in the dashboard's Resources page)")

    def changes(self) -> None:
        changes = queries.changes(self.store, self.filters)
        important = changes[changes["change_type"] != "milestone moved"]
        moved = changes[changes["change_type"] == "milestone moved"]
        rows = pd.concat([important, moved]).head(ROWS_PER_TABLE_SLIDE + 4)
        slide = self._slide("What changed since last month")
        if rows.empty:
            self._text(slide, "Nothing changed for these projects.", Inches(0.5), Inches(1.5), Inches(10), Inches(1), 20)
            return
        note = f"{len(moved)} milestones moved; {len(changes)} changes in all (the dashboard lists every one)."
        self._table(slide, rows[["change_type", "subject", "description"]], ["Change", "What", "Detail"], Inches(0.5),
                    Inches(1.3), self.width - Inches(1), [1.6, 2.6, 7.8], size=10)
        self._text(slide, note, Inches(0.5), self.height - Inches(0.9), self.width - Inches(1), Inches(0.4), 11, colour=MUTED)

    def project(self, project_id: str) -> None:
        history = queries.project_history(self.store, project_id)
        now = history[history["period"].dt.date == self.filters.period]
        if now.empty:
            return
        now = now.iloc[0]
        slide = self._slide(f"{now.project_name} · {now.health}")
        reasons = list(now.health_reasons) or ["no rule fired: on plan"]
        self._text(slide, "\n".join(f"• {r}" for r in reasons), Inches(0.5), Inches(1.2), Inches(6), Inches(2.5), 14)
        figures = [("SPI", ratio(now.spi)), ("CPI", ratio(now.cpi)), ("EAC", self.numbers.money(now.eac)),
                   ("Finish slip", "–" if pd.isna(now.finish_variance_days) else f"{now.finish_variance_days:.0f} d")]
        for index, (label, value) in enumerate(figures):
            self._card(slide, Inches(0.5) + index * Inches(3.1), Inches(3.9), label, value)
        trend = queries.milestone_trend(self.store, project_id)
        milestones = trend[trend["period"].dt.date == self.filters.period]
        if not milestones.empty:
            rows = pd.DataFrame({"milestone": milestones["name"],
                                 "baseline": [_day(v) for v in milestones["baseline_finish"]],
                                 "forecast": [_day(v) for v in milestones["forecast_finish"]],
                                 "state": milestones["milestone_state"]}).head(8)
            self._table(slide, rows, ["Milestone", "Baseline", "Forecast", "State"], Inches(6.8), Inches(1.2), Inches(6),
                        [2.4, 1.2, 1.2, 1.2], size=10)

    def build(self) -> Presentation:
        self.title_slide()
        for section in SECTIONS:
            if section in self.request.sections:
                getattr(self, section)()
        for project_id in self.request.projects:
            self.project(project_id)
        return self.prs


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d %b %Y")


def build_deck(store: Store, request: DeckRequest) -> bytes:
    """The deck as .pptx bytes."""
    if request.filters.period is None:
        raise ValueError("no reporting month loaded")
    buffer = io.BytesIO()
    DeckBuilder(store, request).build().save(buffer)
    return buffer.getvalue()
