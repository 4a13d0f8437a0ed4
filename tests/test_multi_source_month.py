"""Issue 25's test month: one October built from four files that disagree, as a PMO's month does — a
USD register, a register in euros, a RAID log with a mistyped project ID and a risk entered twice,
and a team's Planner export dated 15 October. Every expected value below was worked out by hand
from the rows written here, before the first import (docs/kpis.md has the formulas):

Status date of the registers' projects: 31 Oct 2026 (they state none). Baselines 1 Jan → 31 Dec
2026: 364 days, 303 of them elapsed, so PV = BAC × 303/364.

| project | BAC (USD) | % | EV | PV | AC | SPI | CPI | EAC = BAC ÷ CPI | health |
|---|---|---|---|---|---|---|---|---|---|
| PRJ-001 | 1,000,000 | 50 | 500,000 | 832,417.58 | 400,000 | 0.601 | 1.25 | 800,000 | red: SPI < 0.85; R1 scores 4 × 5 = 20 ≥ 17 |
| PRJ-002 | 500,000 | 80 | 400,000 | 416,208.79 | 400,000 | 0.961 | 1.00 | 500,000 | green |
| PRJ-101 | 2,000,000 EUR × 1.10 = 2,200,000 | 80 | 1,760,000 | 1,831,318.68 | 900,000 EUR = 990,000 | 0.961 | 1.778 | 1,237,500 | green |
| Chatbot (Planner) | — | | | | | | | | grey: no baseline |

Portfolio: 4 projects, 1 red, 0 amber, 2 green, 1 not assessed; 1 watermelon (PRJ-001 reports
Green; PRJ-002 reports Amber, worse than it computes, which is no watermelon); budget 3,700,000;
actual cost 1,790,000; EAC 2,537,500 over the 3 projects with one, against their budget 3,700,000
(−31.4 %); SPI = 2,660,000 ÷ 3,079,945.05 = 0.864; CPI = 2,660,000 ÷ 1,790,000 = 1.486; open
critical risks 1 (R1; its repeat R2 counts once; R3 on `PRJ-01` counts nowhere and is said).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation

from pmo_data import queries, story
from pmo_data.deck import DeckRequest, build_deck
from pmo_data.importer import import_file
from tests.files import write_xlsx
from tests.test_currency_rates import register
from tests.test_kpis import RISK_HEADERS
from tests.test_status_dates import planner_export

D = dt.date
OCTOBER = D(2026, 10, 1)
FILTERS = queries.Filters(period=OCTOBER)


@pytest.fixture
def month(store, tmp_path):
    files = [
        (register(tmp_path, "register_usd.xlsx", "USD", [
            ["PRJ-001", "Portal", "Digital", "Ann", 1000000, 400000, D(2026, 1, 1), D(2026, 12, 31), 50, "Green"],
            ["PRJ-002", "Lake", "Data", "Bo", 500000, 400000, D(2026, 1, 1), D(2026, 12, 31), 80, "Amber"]]), None),
        (register(tmp_path, "register_eur.xlsx", "EUR", [
            ["PRJ-101", "Berlin office", "Ops", "Cem", 2000000, 900000, D(2026, 1, 1), D(2026, 12, 31), 80, "Green"]]),
         {"EUR": 1.10}),
        (write_xlsx(tmp_path / "raid.xlsx", {"risks": [
            RISK_HEADERS,
            ["PRJ-001", "R1", "risk", "Vendor late", 4, 5, 100000, "open", D(2026, 10, 2), None],
            ["PRJ-001", "R2", "risk", "vendor  LATE", 4, 5, 100000, "open", D(2026, 10, 9), None],
            ["PRJ-01", "R3", "risk", "Key engineer leaves", 5, 4, 470588.24, "open", D(2026, 10, 6), None],
            ["PRJ-002", "R4", "risk", "Scope creep", 2, 3, 10000, "open", D(2026, 9, 1), None]]}), None),
        (planner_export(tmp_path / "chatbot.xlsx", "Chatbot"), None),
    ]
    for path, rates in files:
        import_file(store, path, "2026-10", rates=rates)
    return store


def test_every_card_as_worked_out_by_hand(month):
    cards = queries.portfolio_cards(month, FILTERS)
    now = cards[cards["is_current"]].iloc[0]
    assert (now.projects, now.red, now.amber, now.green, now.grey, now.watermelons) == (4, 1, 0, 2, 1, 1)
    assert now.budget == pytest.approx(3700000) and now.actual_cost == pytest.approx(1790000)
    assert now.eac == pytest.approx(2537500) and now.projects_with_eac == 3 and now.budget_with_eac == pytest.approx(3700000)
    assert now.eac_overrun_pct == pytest.approx(-31.4189, abs=1e-3)
    assert now.spi == pytest.approx(2660000 / (3700000 * 303 / 364)) and round(now.spi, 3) == 0.864
    assert now.cpi == pytest.approx(2660000 / 1790000)
    assert now.open_critical_risks == 1 and now.over_allocated_people == 0
    health = queries.project_health(month, FILTERS).set_index("project_id")
    assert health["health"].to_dict() == {"PRJ-001": "red", "PRJ-002": "green", "PRJ-101": "green", "Chatbot": "grey"}
    assert health.loc["PRJ-101", "bac"] == pytest.approx(2200000) and health.loc["PRJ-101", "ac"] == pytest.approx(990000)


def test_the_s_curve_s_last_point_is_the_project_s_figures(month):
    curve = queries.cost_curve(month, FILTERS, "PRJ-001")
    last = curve.iloc[-1]
    assert last.status_date.date() == D(2026, 10, 31)
    assert (last.pv, last.ev, last.ac) == (pytest.approx(1000000 * 303 / 364), pytest.approx(500000), pytest.approx(400000))
    portfolio = queries.cost_curve(month, FILTERS).iloc[-1]
    assert (portfolio.ev, portfolio.ac) == (pytest.approx(2660000), pytest.approx(1790000))


def test_the_summary_and_the_deck_say_the_hand_figures_and_what_they_leave_out(month):
    sentences = story.executive_summary(month, FILTERS)
    assert sentences[0].startswith("1 of 4 projects red"), sentences
    assert "2 green, 1 not assessed" in sentences[0]
    assert any(s.startswith("1 open risk (1 critical) on a project not in the register (PRJ-01): ") for s in sentences), sentences
    assert "1 critical risk open, on Portal." in sentences  # R1 entered twice is one risk, as on the card
    deck = Presentation(io.BytesIO(build_deck(month, DeckRequest(FILTERS, ("summary",)))))
    doughnut = next(shape.chart for slide in deck.slides for shape in slide.shapes
                    if shape.has_chart and shape.chart.has_title
                    and shape.chart.chart_title.text_frame.text.startswith("Projects by health"))
    assert dict(zip(doughnut.plots[0].categories, doughnut.plots[0].series[0].values)) == {
        "red": 1.0, "amber": 0.0, "green": 2.0, "grey": 1.0}
    footer = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes
              if shape.has_text_frame and "status date" in shape.text_frame.text]
    assert footer and all("status dates 15 Oct 2026 and 31 Oct 2026" in text for text in footer), footer[:2]


def test_the_reconciliation_panel_lists_each_disagreement(month):
    lines = queries.month_reconciliation(month, OCTOBER)
    assert sorted(map(tuple, lines[["kind", "subject"]].values.tolist())) == [
        ("project not registered", "PRJ-01"),
        ("project with no register figures", "Chatbot"),
        ("risk entered twice", "PRJ-001"),
        ("status dates differ", "the month")]
    said = lines.set_index("kind")["what"]
    assert said["status dates differ"] == "the projects are measured at 15 Oct 2026 and 31 Oct 2026"
    assert said["risk entered twice"] == '"Vendor late" is entered 2 times (R1, R2); it counts once'


def test_a_risk_entered_twice_is_one_risk_in_every_count(month):
    # found by an analyst's independent hand check: the summary said "2 critical risks open, both on Portal"
    # beside a card of 1, and the matrix cell 4 × 5 held 2 risks and twice the exposure
    matrix = queries.risk_matrix(month, FILTERS).set_index(["probability", "impact"])
    assert matrix.loc[(4, 5), "risk_count"] == 1 and matrix.loc[(4, 5), "exposure"] == pytest.approx(0.60 * 100000)
    assert queries.top_risks(month, FILTERS)["risk_id"].tolist() == ["R1", "R4"]
    trend = queries.risk_trend(month, FILTERS)
    assert trend[trend["kind"] == "risk"]["open"].tolist() == [2]  # R1 and R4 (R3 is on no registered project)
    register = queries.risks(month, FILTERS).set_index("risk_id")
    assert register.loc["R2", "repeat_of"] == "R1" and register["repeat_of"].drop("R2").isna().all()
