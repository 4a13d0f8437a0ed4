"""A plan whose months are numbered from its start (M1 … M9, issue 24): refused on a plain import,
naming what is missing, and read right once the user gives the month of M1 (CLI or Data page).
Its total row ('HR Costs', the sums of the rows above) and the blocks under it are not costs."""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmo_data.importer import ImportFailed, import_file
from pmo_data.readers import Table
from pmo_data.sources.base import FIRST_MONTH, month_columns, yearless_month_columns
from pmo_data.store import open_store
from tests.files import write_xlsx
from tests.test_app_pages import open_page


def cash_flow_plan(folder):
    # JRafaelSoares/GPI "CashFlow.xlsx": the table at G6, M1 … M5 across, a total row labelled like a cost
    # line, then two blank rows and a profit block, and a milestones / invoices block further down
    blank = [None] * 6
    return write_xlsx(folder / "CashFlow.xlsx", {"Sheet1": [
        [], [],
        blank + ["Resource Name", "M1", "M2", "M3", "M4", "M5"],
        blank + ["Project Manager", 3500, 1750, 1400, 1050, None],
        blank + ["Technical Coordinator", 2500, 5250, 5000, 3750, 4500],
        blank + ["PHR Framework License", None, None, 40000, None, None],
        blank + ["HR Costs", 6000, 7000, 46400, 4800, 4500],
        [], [],
        blank + ["Profits", "Total", 150000],
        blank + ["Milestones", "Plan approved", None, "Tests approved"],
        blank + ["Invoices", 30000, 0, 75000]]})


def test_refused_naming_the_first_month_then_read_with_it(store, tmp_path):
    path = cash_flow_plan(tmp_path)
    with pytest.raises(ImportFailed) as refused:
        import_file(store, path, "2026-10")
    assert "numbers its months from the plan's start (M1, M2 …); say which month M1 is" in str(refused.value)
    assert refused.value.asks == {FIRST_MONTH}
    result = import_file(store, path, "2026-10", first_month="2026-03")
    # M1 = March 2026: 3500 + 2500 = 6000; M2 April 7000; M3 May 1400 + 5000 + 40000 = 46400; M4 June 4800; M5 July 4500
    assert store.query("select strftime(month, '%Y-%m'), cost_type, amount from costs order by month").values.tolist() == [
        ["2026-03", "forecast", 6000.0], ["2026-04", "forecast", 7000.0], ["2026-05", "forecast", 46400.0],
        ["2026-06", "forecast", 4800.0], ["2026-07", "forecast", 4500.0]]
    assert [(r["row"], r["reason"]) for r in result.report["rejected_rows"]] == [
        (7, "total row (its amounts are the sums of the rows above)")]


def test_the_data_page_asks_for_the_month_of_m1(db_path, tmp_path):
    path = cash_flow_plan(tmp_path)
    at = open_page("pages/data.py")
    at.file_uploader(key="uploads").set_value(("CashFlow.xlsx", path.read_bytes(), "application/octet-stream")).run()
    assert any("say which month M1 is" in e.value for e in at.error)
    next(d for d in at.date_input if (d.key or "").startswith("first-month-")).set_value(dt.date(2026, 3, 14)).run()
    assert not at.error, [e.value for e in at.error]
    assert any("will load 5 costs" in m.value for m in at.markdown), [m.value for m in at.markdown]
    at.button(key="import_files").click().run()
    assert open_store(db_path).scalar("select sum(amount) from costs") == 68700.0


def fiscal_year_plan(folder):
    # the shape of a budget whose months are named without a year, across a year end (a July–June
    # fiscal year), as in the Spanish monthly cost plan of docs/real-corpus.toml (Enero … Octubre)
    return write_xlsx(folder / "FY budget.xlsx", {"Costs": [
        ["Cost line", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb"],
        ["Contractors", 1000, 1000, 1000, 1000, 1000, 1000, 1500, 1500],
        ["Licences", None, None, 2400, None, None, None, None, 600]]})


def test_months_named_without_a_year_take_the_year_given_and_roll_over(store, tmp_path):
    path = fiscal_year_plan(tmp_path)
    with pytest.raises(ImportFailed) as refused:
        import_file(store, path, "2026-10")
    assert "names its months without a year (Jul …); say the first month of the plan with its year" in str(refused.value)
    assert refused.value.asks == {FIRST_MONTH}
    import_file(store, path, "2026-10", first_month="2025-07")
    # Jul 2025 … Dec 2025, then Jan and Feb 2026: the run crosses the year end
    assert store.query("select strftime(month, '%Y-%m'), amount from costs order by month").values.tolist() == [
        ["2025-07", 1000.0], ["2025-08", 1000.0], ["2025-09", 3400.0], ["2025-10", 1000.0], ["2025-11", 1000.0],
        ["2025-12", 1000.0], ["2026-01", 1500.0], ["2026-02", 2100.0]]


@given(start=st.integers(1, 12), length=st.integers(3, 12), abbreviated=st.booleans())
def test_any_run_of_month_names_in_calendar_order_is_read_from_its_first(start, length, abbreviated):
    names = [calendar.month_abbr[(start - 1 + i) % 12 + 1] if abbreviated else calendar.month_name[(start - 1 + i) % 12 + 1]
             for i in range(length)]
    table = Table("Plan", ["Role", *names], 1, pd.DataFrame([["PM", *range(length)]], columns=["Role", *names]))
    assert list(yearless_month_columns(table).values()) == [(start - 1 + i) % 12 + 1 for i in range(length)]
    months = month_columns(table, dt.date(2030, start, 1))
    assert [f"{m:%Y-%m}" for m in months.values()] == [
        f"{2030 + (start - 1 + i) // 12}-{(start - 1 + i) % 12 + 1:02d}" for i in range(length)]


def test_month_names_out_of_order_are_not_a_plan():
    headers = ["Task", "May", "Jan", "Mar"]  # 'May' the verb, or a list of names: not three months in order
    table = Table("Plan", headers, 1, pd.DataFrame([["x", 1, 2, 3]], columns=headers))
    assert yearless_month_columns(table) == {}
