"""Money reads the same everywhere, in the reporting currency: the settings' choice, else the one
the imported files' column headers name."""

from __future__ import annotations

import pytest

from pmo_data import currency, queries
from pmo_data.formatting import NumberFormat
from pmo_data.store import open_store


@pytest.mark.parametrize(("headers", "expected"), [
    (["Project ID", "Budget (USD)", "Actual Cost (USD)", "Forecast at Completion (USD)"], "USD"),
    (["project_id", "monthly_capex_usd", "monthly_opex_usd"], "USD"),
    (["Projekt", "Kosten (€)", "Budget (€)"], "EUR"),
    (["Budget GBP", "Spend GBP", "Cost (USD)"], "GBP"),
    (["Name", "Status", "Used hours", "Busd"], None),  # "Used" and "Busd" name no currency
    ([None, 3.5, "Risk"], None),
])
def test_the_currency_headers_name(headers, expected):
    assert currency.named_in(headers) == expected


@pytest.mark.parametrize(("code", "value", "text"), [
    ("USD", 1_780_000, "$1.78 M"),
    ("USD", 85_000, "$85.0 k"),
    ("USD", 648_294.9999999999, "$648 k"),
    ("USD", 22_190_000, "$22.2 M"),
    ("USD", -1_234, "-$1.23 k"),
    ("EUR", 950, "€950"),
    ("CHF", 1_780_000, "CHF\u202f1.78 M"),
    ("", 1_780_000, "1.78 M"),
    ("USD", None, "–"),
    ("USD", float("nan"), "–"),
])
def test_money_reads_the_same_in_every_place(code, value, text):
    assert NumberFormat(code).money(value) == text


def test_exact_money_and_the_formats_of_tables_and_spreadsheets():
    usd = NumberFormat("USD")
    assert usd.money_exact(648_294.9999999999) == "$648,295"
    assert usd.money_unit([1_200_000, 3_400_000, 450_000]) == (1e6, "M")
    assert usd.money_unit([900_000, 2_000]) == (1e3, "k")
    assert usd.money_unit([12_000, 85_000]) == (1e3, "k")
    assert usd.money_column_format("M") == "$%.2f M"
    assert usd.money_column_format("M", 1.78) == "$%.2f M" and usd.money_column_format("k", 85.0) == "$%.1f k"
    assert usd.money_column_format("k", 648.3) == "$%.0f k"  # three figures, as the cards write them
    assert usd.excel_money == '"$"#,##0'
    assert NumberFormat("CHF").excel_money == '#,##0 "CHF"'
    assert NumberFormat("").money_column_format("") == "%.0f"


def test_the_demo_reports_in_the_dollars_its_template_names(demo_db):
    """The PMO template's headers say "Budget (USD)": with no setting, the demo reads in dollars."""
    store = open_store(demo_db)
    assert queries.number_format(store) == NumberFormat("USD")
    assert store.scalar("select count(*) from imports where currency = 'USD'") >= 1


def test_the_setting_wins_over_the_headers(demo_db, tmp_path, monkeypatch):
    from pmo_data import config

    (tmp_path / "pmo.toml").write_text('[display]\ncurrency = "EUR"\n', encoding="utf-8")
    monkeypatch.setenv("PMO_CONFIG", str(tmp_path / "pmo.toml"))
    config.settings.cache_clear()
    try:
        assert queries.number_format(open_store(demo_db)) == NumberFormat("EUR")
    finally:
        config.settings.cache_clear()
