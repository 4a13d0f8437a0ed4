"""Money in one currency (issue 25, defect 2): a register with "Budget (EUR)" imported into a USD
portfolio relabelled every figure in euros and summed both ("€22.6 M" = 20.645 M USD + 2 M EUR).
Now the portfolio's currency stays the one it was established in, and a file in another currency
is converted at its month's rate, or refused naming the rate to set."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_data import queries
from pmo_data.cli import main
from pmo_data.importer import ImportFailed, import_file
from tests.files import write_xlsx

D = dt.date
OCTOBER = queries.Filters(period=D(2026, 10, 1))


def register(folder, name, code, rows):
    return write_xlsx(folder / name, {"Projects": [
        ["Project ID", "Project Name", "Program", "Project Manager", f"Budget ({code})", f"Actual Cost ({code})",
         "Baseline Start", "Baseline Finish", "% Complete", "RAG"], *rows]})


def usd_register(folder):
    return register(folder, "register_usd.xlsx", "USD", [
        ["PRJ-001", "Portal", "Digital", "Ann", 1000000, 400000, D(2026, 1, 1), D(2026, 12, 31), 50, "Green"],
        ["PRJ-002", "Lake", "Data", "Bo", 500000, 200000, D(2026, 1, 1), D(2026, 12, 31), 40, "Amber"]])


def eur_register(folder):
    return register(folder, "register_eur.xlsx", "EUR", [
        ["PRJ-101", "Berlin office", "Ops", "Cem", 2000000, 900000, D(2026, 1, 1), D(2026, 12, 31), 45, "Green"]])


def totals(store):
    cards = queries.portfolio_cards(store, OCTOBER)
    return cards[cards["is_current"]].iloc[0]


def test_a_file_in_another_currency_is_refused_naming_the_rate_then_converted(store, tmp_path):
    import_file(store, usd_register(tmp_path), "2026-10")
    with pytest.raises(ImportFailed) as refused:
        import_file(store, eur_register(tmp_path), "2026-10")
    assert "its amounts are in EUR and the portfolio reports in USD" in str(refused.value)
    assert "--rate EUR=RATE" in str(refused.value) and refused.value.asks == {"currency_rate"}
    assert totals(store).budget == 1500000  # nothing was added

    result = import_file(store, eur_register(tmp_path), "2026-10", rates={"EUR": 1.1})
    # 1,000,000 + 500,000 USD + 2,000,000 EUR × 1.1 = 3,700,000 USD; actuals 400,000 + 200,000 + 990,000
    now = totals(store)
    assert (now.budget, now.actual_cost) == (pytest.approx(3700000), pytest.approx(1590000))
    assert queries.number_format(store).currency == "USD"  # the later file never relabels the portfolio
    assert "money: amounts in EUR converted at 1 EUR = 1.1 USD (given at import, October 2026)" in result.report["notes"]
    assert store.query("select currency, reporting, rate from currency_rates").values.tolist() == [["EUR", "USD", 1.1]]


def test_the_month_s_rate_serves_its_later_files_and_the_command_line_sets_it(store, db_path, tmp_path, capsys):
    import_file(store, usd_register(tmp_path), "2026-10")
    store.close()
    assert main(["import", "--db", str(db_path), "--period", "2026-10", "--rate", "EUR=1.25",
                 str(eur_register(tmp_path))]) == 0
    from pmo_data.store import open_store
    store = open_store(db_path)
    assert totals(store).budget == pytest.approx(1500000 + 2000000 * 1.25)
    # the same file again (a correction) takes the month's rate without being told
    import_file(store, eur_register(tmp_path), "2026-10")
    assert totals(store).budget == pytest.approx(1500000 + 2000000 * 1.25)
    assert main(["import", "--db", str(db_path), "--period", "2026-10", "--rate", "EUR=-1",
                 str(eur_register(tmp_path))]) == 1
    assert "--rate 'EUR=-1': write CODE=RATE" in capsys.readouterr().err


def test_the_data_page_asks_the_rate_and_imports_with_it(db_path, tmp_path):
    from pmo_data.store import open_store
    from tests.test_app_pages import data_page_with_upload, imported
    imported(db_path, "2026-10", usd_register(tmp_path))
    at = data_page_with_upload(eur_register(tmp_path), "2026-10")
    rate = next(n for n in at.number_input if (n.key or "").startswith("rate-"))
    assert rate.label == "Its amounts are in EUR: 1 EUR = how many USD in October 2026?"
    assert not any(b.key == "import_files" for b in at.button)  # nothing to import until the rate is given
    rate.set_value(1.1).run()
    at.button(key="import_files").click().run()
    store = open_store(db_path)
    assert totals(store).budget == pytest.approx(1500000 + 2000000 * 1.1)
    assert store.query("select currency, rate from currency_rates").values.tolist() == [["EUR", 1.1]]
