"""Issue 25, "one definition per figure, for real": every portfolio figure read from where a user
meets it (the Portfolio page in AppTest, the deck with python-pptx, chart XML values included, and
the Excel export read back with openpyxl) is the same figure. The month is the demo's October with
a second RAID log that disagrees: a risk on a project nobody registered (PRJ-999), one on a
mistyped ID (PRJ-07), and a risk entered twice. A few values are also checked against the hand
count, so that three equal wrong figures cannot pass."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from pptx import Presentation

from pmo_data import exports, queries, tabular
from pmo_data.deck import DeckRequest, build_deck
from pmo_data.importer import import_file
from pmo_data.store import open_store
from tests.files import write_xlsx
from tests.test_app_pages import open_page
from tests.test_kpis import RISK_HEADERS

OCTOBER = dt.date(2026, 10, 1)
D = dt.date


@pytest.fixture
def disagreeing_month(demo_copy, tmp_path):
    store = open_store(demo_copy)
    import_file(store, write_xlsx(tmp_path / "pmo raid log.xlsx", {"risks": [
        RISK_HEADERS,
        ["PRJ-999", "X1", "risk", "Vendor insolvency", 5, 5, 2000000, "open", D(2026, 10, 5), None],
        ["PRJ-07", "X2", "risk", "Key engineer leaves", 5, 4, 470588.24, "open", D(2026, 10, 6), None],
        ["PRJ-010", "X3", "risk", "Data centre move slips", 4, 5, 300000, "open", D(2026, 10, 7), None],
        ["PRJ-010", "X4", "risk", "data centre  move slips", 4, 5, 300000, "open", D(2026, 10, 8), None]]}), "2026-10")
    store.close()
    return demo_copy


def page_figures() -> tuple[dict[str, str], list[str]]:
    at = open_page("pages/portfolio.py")
    brief = next(e for e in at.expander if e.label.startswith("**In brief:**"))
    shown = [brief.label.removeprefix("**In brief:** "),
             *[line.removeprefix("- ") for md in brief.markdown for line in md.value.split("\n")]]
    return {m.label: m.value for m in at.metric}, [re.sub(r"\\(.)", r"\1", line) for line in shown]  # markdown escapes off


def deck_figures(store) -> tuple[dict[str, str], dict[str, dict], list[str]]:
    deck = Presentation(io.BytesIO(build_deck(store, DeckRequest(queries.Filters(period=OCTOBER), ("summary",)))))
    cards, charts, summary = {}, {}, []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.chart.has_title:
                plot = shape.chart.plots[0]
                charts[shape.chart.chart_title.text_frame.text] = {
                    series.name: dict(zip(plot.categories, series.values)) for series in plot.series}
            elif shape.has_text_frame and slide.shapes.title.text.startswith("Portfolio summary"):
                lines = shape.text_frame.text.split("\n")
                if len(lines) == 3:
                    cards[lines[0]] = lines[1]
            elif shape.has_text_frame and slide.shapes.title.text.startswith("Executive summary") \
                    and shape.text_frame.text.startswith("•"):
                summary = [line.removeprefix("• ") for line in shape.text_frame.text.split("\n")]
    return cards, charts, summary


def excel_figures(store) -> dict[str, object]:
    filters = queries.Filters(period=OCTOBER)
    book = openpyxl.load_workbook(io.BytesIO(tabular.to_xlsx(
        {"portfolio_summary": exports.TABLES["portfolio_summary"](store, filters)}, queries.number_format(store))))
    rows = list(book.active.iter_rows(values_only=True))
    current = next(row for row in rows[1:] if row[rows[0].index("This month")])
    return dict(zip(rows[0], current))


def test_every_portfolio_figure_is_the_same_on_the_page_in_the_deck_and_in_the_excel_export(disagreeing_month):
    store = open_store(disagreeing_month)
    numbers = queries.number_format(store)
    excel = excel_figures(store)
    page, page_summary = page_figures()
    cards, charts, deck_summary = deck_figures(store)

    # by hand: the demo's October has 9 of 25 red (docs/kpi-hand-check.md); PRJ-010, green there, gets an
    # open risk scoring 4 × 5 = 20 (≥ 17: critical), which makes it red by the health rules: 10. Critical
    # risks: the demo's 2, and PRJ-010's once, though entered twice; PRJ-07's and PRJ-999's count nowhere
    assert (excel["Red"], excel["Projects"]) == (10, 25)
    assert excel["Open critical risks"] == 3

    red = f"{excel['Red']} of {excel['Projects']}"
    assert page["Red projects"] == cards["Projects red"] == red
    assert page["Watermelons"] == cards["Watermelons"] == str(excel["Watermelons"])
    spi, cpi = f"{excel['Portfolio SPI']:.2f}", f"{excel['Portfolio CPI']:.2f}"
    assert (page["Portfolio SPI"], page["Portfolio CPI"]) == (spi, cpi)
    assert cards["Portfolio SPI / CPI"] == f"{spi} / {cpi}"
    assert page["Forecast cost (EAC)"] == cards["Forecast cost (EAC)"] == numbers.money(excel["EAC (USD)"])
    assert page["Budget (BAC)"] == numbers.money(excel["Budget (USD)"])
    assert page["Open critical risks"] == str(excel["Open critical risks"])
    assert page["People over-allocated"] == str(excel["People over-allocated"])
    # the deck's charts carry the same counts as numbers
    mix = charts["Projects by health (PMO overrides applied)"]["projects"]
    assert mix == {"red": excel["Red"], "amber": excel["Amber"], "green": excel["Green"], "grey": excel["Grey (not assessed)"]}
    trend = charts["Project health by month (PMO overrides applied)"]
    assert trend["red"]["Oct 2026"] == excel["Red"] and trend["amber"]["Oct 2026"] == excel["Amber"]
    # the story is one story: the page's brief and the deck's summary, word for word; both say what is left out
    assert page_summary == deck_summary
    assert any(line.startswith("2 open risks (2 critical) on projects not in the register (PRJ-07, PRJ-999): ")
               for line in deck_summary), deck_summary
