"""The review's story: the health dimensions by program, the executive summary's sentences, the
risks of several matrix cells and bands, and the work that loads a person. Values worked out by
hand from the demo's October rows (the reasons each project's rules fired)."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data import queries, story
from pmo_data.store import open_store

OCTOBER = dt.date(2026, 10, 1)


@pytest.fixture(scope="module")
def demo(demo_db):
    return open_store(demo_db)


def test_each_dimension_takes_the_worst_rule_it_fired(demo):
    """PRJ-004 fired 'BEI 0.90 < 0.95' (schedule, amber), 'CPI 0.80 < 0.85' and 'cost overrun 25%'
    (cost, red); PRJ-007 fired SPI, BEI, finish slip (schedule red), a milestone 46 days overdue
    (milestones red) and CPI (cost red); neither has an open risk scoring 17 or more."""
    rows = demo.query("select project_id, health_reason_text, schedule_health, milestones_health, cost_health, risk_health "
                      "from kpi_project_health where period = ? and project_id in ('PRJ-004', 'PRJ-007') order by 1",
                      [OCTOBER])
    assert "BEI 0.90 < 0.95" in rows["health_reason_text"][0] and "CPI 0.80 < 0.85" in rows["health_reason_text"][0]
    assert list(rows.iloc[0, 2:]) == ["amber", "green", "red", "green"]
    assert list(rows.iloc[1, 2:]) == ["red", "red", "red", "green"]
    grey = demo.query("select schedule_health, cost_health from kpi_project_health where period = ? and project_id = 'PRJ-025'",
                      [OCTOBER])
    assert list(grey.iloc[0]) == ["grey", "grey"]  # not assessed: no dimension is either


def test_rag_by_program_counts_the_projects_red_or_amber_in_each_dimension(demo):
    """Digital Channels in October (7 projects): schedule red PRJ-002, PRJ-007, amber PRJ-004, PRJ-006;
    milestones red PRJ-007; cost red PRJ-004, PRJ-007, amber PRJ-006; no risk rule fired."""
    rag = queries.program_rag(demo, queries.Filters(period=OCTOBER)).set_index("program")
    digital = rag.loc["Digital Channels"]
    assert (digital.projects, digital.red, digital.amber, digital.green, digital.grey) == (7, 3, 1, 3, 0)
    assert (digital.schedule, digital.schedule_red, digital.schedule_amber) == ("red", 2, 2)
    assert (digital.milestones, digital.milestones_red, digital.milestones_amber) == ("red", 1, 0)
    assert (digital.cost, digital.cost_red, digital.cost_amber) == ("red", 2, 1)
    assert (digital.risk, digital.risk_red, digital.risk_amber) == ("green", 0, 0)
    assert rag["projects"].sum() == 25
    only = queries.program_rag(demo, queries.Filters(period=OCTOBER, programs=("Digital Channels",)))
    assert list(only["program"]) == ["Digital Channels"]


def test_the_executive_summary_tells_the_month_in_sentences(demo):
    sentences = story.executive_summary(demo, queries.Filters(period=OCTOBER))
    assert sentences[0] == "9 of 25 projects red (+4 since September), 4 amber, 11 green, 1 not assessed."
    assert sentences[1].startswith("Customer Portal Replatform reports green but computes red: cost overrun 35%")
    assert "milestone 'Build complete' 46 days overdue" in sentences[1]
    assert sentences[2].startswith("4 projects got worse since September: AML Transaction Monitoring (amber → red)")
    assert "2 critical risks open, both on IFRS 17 Reporting." in sentences
    # from the reporting month on (issue 25, defect 8): nobody in October, 4 in November, 5 in December
    assert "Nobody is over 100 % of capacity in October, 5 people at the peak in December 2026." in sentences
    assert sentences[-1] == "Forecast cost $22.2 M against a budget of $20.6 M (7.5 % over); portfolio SPI 0.93, CPI 0.93."
    first_month = story.executive_summary(demo, queries.Filters(period=dt.date(2026, 8, 1)))
    assert first_month[0] == "1 of 25 projects red, 11 amber, 12 green, 1 not assessed."  # nothing to compare with
    assert story.executive_summary(demo, queries.Filters(period=OCTOBER, programs=("No such program",))) == []


def test_cells_and_bands_picked_together_list_the_risks_in_any_of_them(demo):
    filters = queries.Filters(period=OCTOBER)
    matrix = queries.risk_matrix(demo, filters).set_index(["probability", "impact"])
    one_cell = queries.risks(demo, filters, cells=((3, 4),), open_only=True, kind="risk")
    assert len(one_cell) == matrix.loc[(3, 4), "risk_count"] == 6
    two_cells = queries.risks(demo, filters, cells=((3, 4), (2, 3)), open_only=True, kind="risk")
    assert len(two_cells) == 6 + matrix.loc[(2, 3), "risk_count"]
    critical = queries.risks(demo, filters, bands=("Critical",), open_only=True, kind="risk")
    assert set(critical["risk_id"]) == {"R-023", "R-047"} and set(critical["band"]) == {"Critical"}
    both = queries.risks(demo, filters, cells=((3, 4),), bands=("Critical",), open_only=True, kind="risk")
    assert len(both) == 6 + 2


def test_the_work_that_loads_a_person(demo):
    """Carla Rossi in November 2026: 68 h on PRJ-005 and 68 h on PRJ-006 in the October plan."""
    rows = queries.person_allocations(demo, OCTOBER, ("Carla Rossi",))
    november = rows[rows["month"] == "2026-11-01"].set_index("project_id")["planned_hours"]
    raw = demo.query("select project_id, sum(planned_hours) h from allocations where period = ? and "
                     "resource_name = 'Carla Rossi' and month = '2026-11-01' group by all", [OCTOBER])
    assert november.to_dict() == dict(zip(raw["project_id"], raw["h"])) and november["PRJ-005"] == 68
    assert rows["month"].min().date() == OCTOBER  # from the reporting month on
    assert set(rows["resource_name"]) == {"Carla Rossi"}


def test_the_people_sentence_starts_at_the_reporting_month():
    # issue 25, defect 8: one person at 125 % in April (the reporting month), nobody in May; the summary
    # said "0 people over 100 % of capacity in May"
    import datetime as dt

    import pandas as pd

    from pmo_data.story import _people_sentence
    load = pd.DataFrame({"month": pd.to_datetime(["2026-03-01", "2026-04-01", "2026-05-01"]),
                         "over_allocated_people": [2, 1, 0]})
    assert _people_sentence(load, dt.date(2026, 4, 1)) == "1 person is over 100 % of capacity in April."
    later = load.assign(over_allocated_people=[0, 0, 3])
    assert _people_sentence(later, dt.date(2026, 4, 1)) == \
        "Nobody is over 100 % of capacity in April, 3 people at the peak in May 2026."


def test_a_month_without_risks_says_none_were_loaded_not_that_none_is_critical(store, tmp_path):
    # issue 25, "never reassuring by absence": no RAID log loaded is not "no critical risk"
    import datetime as dt

    from pmo_data import queries, story
    from pmo_data.importer import import_file
    from tests.files import write_xlsx
    from tests.test_kpis import PROJECT_HEADERS
    import_file(store, write_xlsx(tmp_path / "register.xlsx", {"projects": [
        PROJECT_HEADERS, ["A", "Alpha", "Ops", dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 31),
                          100000, 80000, 72, "Green", None]]}), "2026-10")
    sentences = story.executive_summary(store, queries.Filters(period=dt.date(2026, 10, 1)))
    assert "Risks: none loaded for this month, so nothing can be said about them." in sentences
    assert "No critical risk is open." not in sentences
