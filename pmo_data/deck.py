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
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from pmo_data import archives, charts, queries, render_pptx, story
from pmo_data.chart_spec import ChartSpec
from pmo_data.charts import BAND_COLOURS, HEALTH_COLOURS, HEALTH_ORDER
from pmo_data.formatting import ratio
from pmo_data.text_safety import TEXT, TITLE, clean_text, cut
from pmo_data.queries import Filters
from pmo_data.store import Store

SECTIONS = ("summary", "attention", "decisions", "risks", "resources", "changes", "coming")
WIDE = (Inches(13.333), Inches(7.5))
ROWS_PER_TABLE_SLIDE = 8
CHANGE_ROWS_PER_SLIDE = 12
COMING_ROWS_PER_SLIDE = 12
COMING_DAYS = 30  # "what is coming": the month after the status date
SUMMARY_TEXT = 380  # characters of a PM's summary on a project slide (11 pt, six lines in its box)
STEP_TEXT = 90  # characters of one path-to-green step's action
ITEM_TEXT = 120  # characters of a decision or an action in a table: three lines at most in its column
STEPS_SHOWN = 3  # path-to-green steps on a project slide (two lines each); more are counted
LONG_TEXT = 220  # characters of a reason or a detail on a slide; longer text ends in an ellipsis
DIMENSIONS = ("schedule", "milestones", "cost", "risk")
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



class DeckBuilder:
    def __init__(self, store: Store, request: DeckRequest):
        self.store = store
        self.request = request
        self.filters = request.filters
        self.numbers = queries.number_format(store)
        dates = queries.status_dates(store, self.filters)  # every slide's footer says them
        self.as_of = (f"status date{'s' if len(dates) > 1 else ''} {' and '.join(f'{d:%d %b %Y}' for d in dates)}"
                      if dates else "no status date")
        source = request.template
        if source is not None:  # a template is an upload: bounded before python-pptx unpacks it
            archives.check_package(source if isinstance(source, bytes) else Path(source), archives.DECK_TEMPLATE)
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
        title = clean_text(title, TITLE)
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
        """What every slide says it holds: the filters, the status date its figures are as of, when
        it was made, and its number."""
        scope = clean_text(self.filters.describe(), TITLE)  # the filters' values come from the data
        text = f"{scope} · {self.as_of} · produced {self.request.produced:%d %b %Y} · PMO Dashboard"
        self._text(slide, text, Inches(0.5), self.height - Inches(0.45), self.width - Inches(1.6), Inches(0.3), 10,
                   colour=MUTED)
        self._text(slide, str(len(self.prs.slides)), self.width - Inches(1.0), self.height - Inches(0.45), Inches(0.5),
                   Inches(0.3), 10, colour=MUTED, align=PP_ALIGN.RIGHT)

    def _text(self, slide, text: str, left, top, width, height, size: int, bold: bool = False, colour: RGBColor = INK,
              align=PP_ALIGN.LEFT):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        paragraph.text = clean_text(text)
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

    def _table(self, slide, frame: pd.DataFrame, headers: list[str], left, top, width, widths: list[float] | None = None,
               fills: dict[tuple[int, int], str] | None = None, size: int = 11):
        rows, columns = len(frame) + 1, len(headers)
        shape = slide.shapes.add_table(rows, columns, left, top, width, Inches(0.4) * rows)
        table = shape.table
        for column, header in enumerate(headers):
            table.cell(0, column).text = header
            table.cell(0, column).text_frame.paragraphs[0].font.size = Pt(size)
        for row_index, row in enumerate(frame.itertuples(index=False), start=1):
            for column, value in enumerate(row):
                cell = table.cell(row_index, column)
                cell.text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else clean_text(value, TEXT)
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
        scope = clean_text(self.filters.describe().split(" · ", 1)[-1], TITLE)
        text = f"{scope}\nProduced {self.request.produced:%d %B %Y} from the PMO Dashboard"
        if subtitle is not None:
            subtitle.text = text
            if self.default_template:
                self._place(subtitle, Inches(0.8), Inches(3.8), self.width - Inches(1.6), Inches(1.2), 20)
        else:
            self._text(slide, text, Inches(0.8), Inches(4.2), self.width - Inches(1.6), Inches(1), 18, colour=MUTED)

    def _add_chart(self, slide, spec: ChartSpec, left, top, width, height):
        return render_pptx.add_chart(slide, spec, left, top, width, height)

    def _full_chart(self, title: str, spec: ChartSpec) -> None:
        """A slide holding one chart across its width."""
        slide = self._slide(title)
        chart = self._add_chart(slide, spec, Inches(0.5), Inches(1.2), self.width - Inches(1), self.height - Inches(1.8))
        if chart is not None:
            chart.has_title = False  # the slide's title says it

    def _bullets(self, slide, lines: list[str], left, top, width, height, size: int) -> None:
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = f"• {clean_text(line, LONG_TEXT)}"
            paragraph.font.size, paragraph.font.color.rgb = Pt(size), INK
            paragraph.space_after = Pt(10)

    def _table_slides(self, title: str, table: pd.DataFrame, rows_per_slide: int, when_empty: str):
        """Slides for a long table, `rows_per_slide` rows each and numbered "(2/3)": yields each
        slide with its rows; an empty table gets one slide saying `when_empty`."""
        pages = max(1, math.ceil(len(table) / rows_per_slide))
        for page in range(pages):
            chunk = table.iloc[page * rows_per_slide:(page + 1) * rows_per_slide]
            slide = self._slide(title + (f" ({page + 1}/{pages})" if pages > 1 else ""))
            if chunk.empty:
                self._text(slide, when_empty, Inches(0.5), Inches(1.5), Inches(10), Inches(1), 20)
                continue
            yield slide, chunk

    def summary(self) -> None:
        """The story first (sentences from the data), then the figures, the RAG by program, the
        bubble chart and the objectives."""
        period = self.filters.period
        sentences = story.executive_summary(self.store, self.filters)
        slide = self._slide(f"Executive summary · {period:%B %Y}")
        if not sentences:
            self._text(slide, "No project matches these filters in this month.", Inches(0.8), Inches(2), self.width - Inches(1.6),
                       Inches(1), 18, colour=MUTED)
            return
        self._bullets(slide, sentences, Inches(0.6), Inches(1.3), self.width - Inches(1.2), self.height - Inches(2), 18)

        cards = queries.portfolio_cards(self.store, self.filters)
        now = cards[cards["is_current"]].iloc[0]

        def change(column: str) -> str:
            value = now[f"{column}_delta"]
            return "" if pd.isna(value) else f"{int(value):+d} since last month"

        slide = self._slide(f"Portfolio summary · {period:%B %Y}")
        figures = [
            ("Projects red", f"{now.red} of {now.projects}", change("red")),
            ("Watermelons", f"{now.watermelons}", "report better health than they compute"),
            ("Portfolio SPI / CPI", f"{ratio(now.spi)} / {ratio(now.cpi)}", "ΣEV / ΣPV and ΣEV / ΣAC"),
            ("Forecast cost (EAC)", self.numbers.money(now.eac),
             f"budget {self.numbers.money(now.budget_with_eac)}" + ("" if now.projects_with_eac == now.projects else
                                                                    f" ({now.projects_with_eac} of {now.projects} projects)")),
        ]
        for index, (label, value, note) in enumerate(figures):
            self._card(slide, Inches(0.5) + index * Inches(3.1), Inches(1.3), label, value, note)
        mix = pd.DataFrame({"health": HEALTH_ORDER, "projects": [float(now[h]) for h in HEALTH_ORDER]})
        self._add_chart(slide, charts.health_mix(mix), Inches(0.5), Inches(2.8), Inches(5.2), Inches(4.1))
        self._add_chart(slide, charts.health_trend(queries.health_trend(self.store, self.filters)), Inches(6), Inches(2.8),
                        Inches(6.8), Inches(4.1))

        self.program_rag()
        self._full_chart("Schedule vs cost performance (labels are project IDs)",
                         charts.performance_bubble(queries.project_health(self.store, self.filters), numbers=self.numbers))
        self._full_chart("Budget by strategic objective, by the health of its projects",
                         charts.strategic_alignment(queries.strategic_alignment(self.store, self.filters), numbers=self.numbers))

    def program_rag(self) -> None:
        """Programs × health dimensions: each cell the dimension's worst level, with how many
        projects are red or amber in it."""
        rag = queries.program_rag(self.store, self.filters)
        slide = self._slide("RAG by program")
        if rag.empty:
            return

        def cell(row, dimension: str) -> str:
            red, amber = row[f"{dimension}_red"], row[f"{dimension}_amber"]
            parts = [f"{red} red"] * bool(red) + [f"{amber} amber"] * bool(amber)
            return ", ".join(parts) or ("not assessed" if row[dimension] == "grey" else "on plan")

        table = pd.DataFrame({
            "program": [clean_text(p, 40) for p in rag["program"]],
            "projects": [f"{r.projects}: {r.red} red, {r.amber} amber, {r.green} green" + (f", {r.grey} grey" if r.grey else "")
                         for r in rag.itertuples()],
            **{dimension: [cell(row, dimension) for _, row in rag.iterrows()] for dimension in DIMENSIONS},
        })
        overall = ["red" if r.red else "amber" if r.amber else "green" if r.green else "grey" for r in rag.itertuples()]
        fills = {(i + 1, 1): HEALTH_COLOURS[level] for i, level in enumerate(overall)}
        for column, dimension in enumerate(DIMENSIONS, start=2):
            fills.update({(i + 1, column): HEALTH_COLOURS.get(level, HEALTH_COLOURS["grey"])
                          for i, level in enumerate(rag[dimension])})
        self._table(slide, table, ["Program", "Projects", "Schedule", "Milestones", "Cost", "Risk"], Inches(0.5), Inches(1.3),
                    self.width - Inches(1), [2.4, 3.0, 1.6, 1.6, 1.6, 1.6], fills, size=13)
        self._text(slide, "Each cell: the worst level of that dimension among the program's projects, and how many are red "
                   "or amber in it.", Inches(0.5), self.height - Inches(1.0),
                   self.width - Inches(1), Inches(0.4), 11, colour=MUTED)

    def attention(self) -> None:
        health = queries.project_health(self.store, self.filters)
        needing = health[health["health"].isin(["red", "amber"]) | health["watermelon"]]
        table = pd.DataFrame({
            "project": [clean_text(f"{n} ({i})", 60) for n, i in zip(needing["project_name"], needing["project_id"])],
            "health": needing["health"],
            "reported": needing["reported_health"].fillna("–"),
            "watermelon": needing["watermelon"].map({True: "yes", False: ""}),
            "reasons": [clean_text(r, LONG_TEXT) for r in needing["health_reason_text"]],
        })
        for slide, chunk in self._table_slides("Projects needing attention", table, ROWS_PER_TABLE_SLIDE,
                                               "No project is red, amber or a watermelon."):
            fills = {(i + 1, 1): HEALTH_COLOURS[h] for i, h in enumerate(chunk["health"])}
            fills.update({(i + 1, 2): HEALTH_COLOURS[h] for i, h in enumerate(chunk["reported"]) if h in HEALTH_COLOURS})
            self._table(slide, chunk, ["Project", "Health", "Reported", "Watermelon", "Why"], Inches(0.5), Inches(1.3),
                        self.width - Inches(1), [2.6, 0.9, 1.0, 1.2, 6.3], fills, size=11)

    def decisions(self) -> None:
        """What the sponsors must decide (the decision log's open decisions and the status reports'
        asks), then the actions still open after their due date."""
        needed = queries.decisions_needed(self.store, self.filters)
        table = pd.DataFrame({
            "project": [clean_text(f"{n} ({i})", 60) for n, i in zip(needed["project_name"], needed["project_id"])],
            "decision": [_item(d, i) for d, i in zip(needed["decision"], needed["item_id"])],
            "owner": [clean_text(o, 40) if isinstance(o, str) else clean_text(s, 40) if isinstance(s, str) else "–"
                      for o, s in zip(needed["owner"], needed["sponsor"])],
            "needed_by": [_day(v) or "–" for v in needed["needed_by"]],
            "source": needed["source"],
        })
        for slide, chunk in self._table_slides("Decisions needed", table, ROWS_PER_TABLE_SLIDE,
                                               "No decision or help is asked of the sponsors this month."):
            late = needed["overdue"].iloc[chunk.index]
            fills = {(i + 1, 3): HEALTH_COLOURS["red"] for i, overdue in enumerate(late) if overdue}
            self._table(slide, chunk, ["Project", "Decision or ask", "Owner (else sponsor)", "Needed by", "From"],
                        Inches(0.5), Inches(1.3), self.width - Inches(1), [2.6, 5.4, 2.0, 1.3, 1.3], fills, size=12)
            self._note(slide, "Open decisions of the RAID log's decision log, and what the status reports ask of the "
                       "sponsors; a needed-by date already passed is red.")

        overdue = queries.overdue_actions(self.store, self.filters)
        table = pd.DataFrame({
            "action": [_item(a, i) for a, i in zip(overdue["action"], overdue["action_id"])],
            "project": [clean_text(f"{n} ({i})", 60) for n, i in zip(overdue["project_name"], overdue["project_id"])],
            "owner": [clean_text(o, 40) if isinstance(o, str) else "–" for o in overdue["owner"]],
            "due": [_day(v) for v in overdue["due_date"]],
            "days_overdue": [f"{v:.0f}" for v in overdue["days_overdue"]],
            "raised_in": [f"{pd.Timestamp(v):%b %Y} review" for v in overdue["first_period"]],
        })
        for slide, chunk in self._table_slides("Overdue actions", table, ROWS_PER_TABLE_SLIDE,
                                               "No action is past its due date."):
            self._table(slide, chunk, ["Action", "Project", "Owner", "Due", "Days overdue", "Raised in"], Inches(0.5),
                        Inches(1.3), self.width - Inches(1), [4.4, 2.8, 1.7, 1.3, 1.1, 1.3], size=12)
            self._note(slide, "Actions of the RAID log still open after their due date at the status date, most "
                       "overdue first; an action a month's log left out stays open until a row closes it.")

    def coming(self) -> None:
        """Milestones and gates falling due in the month after the status date, soonest first."""
        due = queries.coming_due(self.store, self.filters, days=COMING_DAYS)
        table = pd.DataFrame({
            "date": [_day(v) for v in due["forecast_date"]],
            "in": [f"{v:.0f} d" for v in due["days_until"]],
            "kind": due["kind"],
            "item": [clean_text(n, 60) for n in due["name"]],
            "project": [clean_text(f"{n} ({i})", 60) for n, i in zip(due["project_name"], due["project_id"])],
            "slip": ["–" if pd.isna(v) or v == 0 else f"{v:+.0f} d" for v in due["slip_days"]],
        })
        for slide, chunk in self._table_slides(f"What is coming: the next {COMING_DAYS} days", table,
                                               COMING_ROWS_PER_SLIDE, "No milestone or gate falls due."):
            self._table(slide, chunk, ["Due", "In", "Kind", "Milestone or gate", "Project", "vs baseline"],
                        Inches(0.5), Inches(1.3), self.width - Inches(1), [1.4, 0.8, 1.1, 3.2, 4.2, 1.3], size=11)
            self._note(slide, "Open milestones and stage gates not yet held, by their forecast date (a gate without "
                       "one by its planned date); 'vs baseline' is the forecast's slip.")

    def _note(self, slide, text: str) -> None:
        """A muted line above the footer saying what a slide's table holds."""
        self._text(slide, text, Inches(0.5), self.height - Inches(0.85), self.width - Inches(1), Inches(0.35), 11,
                   colour=MUTED)

    def risks(self) -> None:
        slide = self._slide("Risk matrix and top risks")
        matrix = charts.risk_heatmap(queries.risk_matrix(self.store, self.filters), numbers=self.numbers)
        self._add_chart(slide, matrix, Inches(0.4), Inches(1.3), Inches(5.4), Inches(4.6))
        top = queries.top_risks(self.store, self.filters)
        rows = pd.DataFrame({
            "risk": [clean_text(f"{t} ({i})", 70) for t, i in zip(top["title"], top["risk_id"])],
            "project": [clean_text(p, 40) for p in top["project_name"]],
            "score": top["score"].map(lambda v: "" if pd.isna(v) else f"{v:.0f}"),
            "exposure": [self.numbers.money(v) for v in top["exposure"]],
            "owner": [clean_text(o, 30) if isinstance(o, str) else "–" for o in top["owner"]],
            "due": [_day(v) or "–" for v in top["due_date"]],
        })
        if rows.empty:
            nothing = "No open risk." if not queries.risks(self.store, self.filters).empty else \
                "No risks loaded for this month: the matrix is empty because nothing was imported, not because nothing is at risk."
            self._text(slide, nothing, Inches(6.1), Inches(1.5), Inches(6.7), Inches(1), 16)
        else:
            fills = {(i + 1, 2): BAND_COLOURS.get(b, "#FFFFFF") for i, b in enumerate(top["band"])}
            self._table(slide, rows, ["Top open risks", "Project", "Score", "Exposure", "Owner", "Due"], Inches(6.1),
                        Inches(1.3), Inches(6.9), [2.9, 1.9, 0.9, 1.2, 1.4, 1.3], fills, size=10)
        trend = queries.risk_trend(self.store, self.filters)
        if not trend.empty:
            self._full_chart("Risks and issues over time", charts.risk_trend(trend))

    def resources(self) -> None:
        demand = queries.capacity_demand(self.store, self.filters, "team")
        slide = self._slide("Resource load")
        if not demand.empty:
            totals = queries.capacity_demand(self.store, self.filters, "all")
            self._add_chart(slide, charts.over_allocated_by_month(totals), Inches(0.5), Inches(1.2), Inches(6.2), Inches(5.6))
        over = queries.over_allocated_people(self.store, self.filters)
        rows = pd.DataFrame({"person": [clean_text(p, 40) for p in over["resource_name"]],
                             "peak": [f"{v:.0f}%" for v in over["peak_utilisation_pct"]],
                             "months": over["months_over"], "projects": over["projects"]}).head(10)
        if rows.empty:
            self._text(slide, "No one is planned above capacity in the coming months.", Inches(7), Inches(1.5), Inches(5.8), Inches(1), 16)
        else:
            self._table(slide, rows, ["Over-allocated", "Peak", "Months", "Projects"], Inches(7), Inches(1.3),
                        Inches(5.8), [1.6, 0.8, 1.6, 2.8], size=10)
        if not demand.empty:
            self._full_chart("Capacity vs demand by team", charts.capacity_demand(demand))

    def changes(self) -> None:
        """Every change, grouped by project, most important first, over as many slides as it takes."""
        changes = queries.changes(self.store, self.filters)
        table = pd.DataFrame({
            "project": [clean_text(f"{name} ({pid})", 50) if isinstance(pid, str) else "People"
                        for name, pid in zip(changes["project_name"], changes["project_id"])],
            "change": changes["change_type"],
            "what": [clean_text(s, 50) for s in changes["subject"]],
            "detail": [clean_text(d, LONG_TEXT) for d in changes["description"]],
        })
        for slide, chunk in self._table_slides("What changed since last month", table, CHANGE_ROWS_PER_SLIDE,
                                               "Nothing changed for these projects."):
            self._table(slide, chunk, ["Project", "Change", "What", "Detail"], Inches(0.5), Inches(1.3),
                        self.width - Inches(1), [2.2, 1.6, 2.4, 5.8], size=10)

    def project(self, project_id: str) -> None:
        history = queries.project_history(self.store, project_id, self.filters.period)
        now = history[history["period"].dt.date == self.filters.period]
        if now.empty:
            return
        now = now.iloc[0]
        # a PMO override is the health shown, with the computed one and the justification beside it
        override = f" (PMO override; computed {now.assessed_health})" if now.overridden else ""
        slide = self._slide(f"{clean_text(now.project_name, 60)} · {now.health}{override}")
        reasons = list(now.health_reasons) or ["no rule fired: on plan"]
        if now.overridden:
            reasons = [f"PMO override: {now.override_justification}", *reasons]
        self._text(slide, "\n".join(f"• {clean_text(r, LONG_TEXT)}" for r in reasons), Inches(0.5), Inches(1.2), Inches(6),
                   Inches(2.5), 14)
        figures = [("SPI", ratio(now.spi)), ("CPI", ratio(now.cpi)), ("EAC", self.numbers.money(now.eac)),
                   ("Finish slip", "–" if pd.isna(now.finish_variance_days) else f"{now.finish_variance_days:.0f} d")]
        for index, (label, value) in enumerate(figures):
            self._card(slide, Inches(0.5) + index * Inches(3.1), Inches(3.9), label, value)
        trend = queries.milestone_trend(self.store, project_id, self.filters.period)
        milestones = trend[trend["period"].dt.date == self.filters.period]
        if not milestones.empty:
            rows = pd.DataFrame({"milestone": milestones["name"],
                                 "baseline": [_day(v) for v in milestones["baseline_finish"]],
                                 "forecast": [_day(v) for v in milestones["forecast_finish"]],
                                 "state": milestones["milestone_state"]}).head(8)
            table = self._table(slide, rows, ["Milestone", "Baseline", "Forecast", "State"], Inches(6.8), Inches(1.2),
                                Inches(6), [2.4, 1.2, 1.2, 1.2], size=10)
            for row in table.rows:  # nine rows of 0.3" end above the cards (at 3.9")
                row.height = Inches(0.3)
        self._commentary(slide, project_id, now.health)

    def _commentary(self, slide, project_id: str, health: str) -> None:
        """The PM's words under the figures: this month's summary on the left, the path to green
        (action, owner, target date) on the right, each cut to fit its box."""
        reports = queries.status_commentary(self.store, self.filters, project_id=project_id)
        report = reports[reports["period"].dt.date == self.filters.period]
        top, height = Inches(5.35), self.height - Inches(5.35) - Inches(0.5)
        if report.empty or not report.iloc[0]["reported"]:
            self._text(slide, "No status report from the PM this month.", Inches(0.5), top, Inches(6), Inches(0.4), 12,
                       colour=MUTED)
            return
        report = report.iloc[0]
        by = f" · {clean_text(report.reported_by, 40)}" if isinstance(report.reported_by, str) else ""
        self._lines(slide, [(f"PM's summary{by}", True), (cut(clean_text(report.summary or "–"), SUMMARY_TEXT), False)],
                    Inches(0.5), top, Inches(6.1), height)
        steps = list(report.path_to_green)
        if not steps and health not in ("red", "amber"):
            return
        lines = [(f"• {cut(clean_text(s['action']), STEP_TEXT)} — {clean_text(s['owner'] or 'no owner', 40)}, by "
                  f"{_day(s['target_date']) or 'no date'}", False) for s in steps[:STEPS_SHOWN]]
        heading = "Path to green" + (f" (the first {STEPS_SHOWN} of {len(steps)} steps)" if len(steps) > STEPS_SHOWN else "")
        self._lines(slide, [(heading, True), *(lines or [("No path to green given.", False)])], Inches(6.8), top,
                    Inches(6), height)

    def _lines(self, slide, lines: list[tuple[str, bool]], left, top, width, height, size: int = 11) -> None:
        """A text box of lines, each (text, bold): a heading and its text."""
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for index, (text, bold) in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = clean_text(text)
            paragraph.font.size, paragraph.font.bold = Pt(size), bold
            paragraph.font.color.rgb = INK if not bold else MUTED
            paragraph.space_after = Pt(3)

    def build(self) -> Presentation:
        self.title_slide()
        for section in SECTIONS:
            if section in self.request.sections:
                getattr(self, section)()
        for project_id in self.request.projects:
            self.project(project_id)
        return self.prs


def _item(text, item_id) -> str:
    """A decision or an action cut to ITEM_TEXT, then its id in the log."""
    text = cut(clean_text(text), ITEM_TEXT)
    return f"{text} ({clean_text(item_id, 20)})" if isinstance(item_id, str) else text


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d %b %Y")


def build_deck(store: Store, request: DeckRequest) -> bytes:
    """The deck as .pptx bytes."""
    if request.filters.period is None:
        raise ValueError("no reporting month loaded")
    buffer = io.BytesIO()
    DeckBuilder(store, request).build().save(buffer)
    return buffer.getvalue()
