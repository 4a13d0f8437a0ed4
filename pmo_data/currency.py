"""Which currency the money is in: the ISO codes and symbols we know, the code a file's column
headers name ("Budget (USD)", "monthly_capex_usd", "Cost (€)"), and a month's rate of another
currency in the reporting one, at which a file's money is converted when it is imported."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from pmo_data.config import settings

# ISO code → the symbol written before an amount; codes without one are written as the code
SYMBOLS = {
    "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹", "KRW": "₩", "BRL": "R$",
    "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "MXN": "MX$", "CHF": "", "SEK": "", "NOK": "", "DKK": "",
    "PLN": "", "ZAR": "", "SGD": "S$", "HKD": "HK$", "AED": "", "SAR": "", "CZK": "", "HUF": "", "RUB": "₽",
}
_SYMBOL_CODES = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY", "₽": "RUB"}
# a code as a word of a header ("Budget (USD)", "Cost USD", "capex_usd"), or a symbol in brackets ("Cost (€)")
_CODE_IN_HEADER = re.compile(r"(?:^|[\s(_\[/-])(" + "|".join(SYMBOLS) + r")(?:$|[\s)_\]/-])", re.IGNORECASE)
_SYMBOL_IN_HEADER = re.compile(r"[(\[]\s*([$€£₹¥₽])\s*[)\]]")


def named_in(headers: Iterable) -> str | None:
    """The currency most headers name, or None when none names one."""
    found: Counter[str] = Counter()
    for header in headers:
        if not isinstance(header, str) or len(header) > 80:
            continue
        for code in _CODE_IN_HEADER.findall(header):
            found[code.upper()] += 1
        for symbol in _SYMBOL_IN_HEADER.findall(header):
            found[_SYMBOL_CODES[symbol]] += 1
    return found.most_common(1)[0][0] if found else None


def symbol_of(code: str | None) -> str:
    """'$' for USD; '' for no currency; the code itself for one with no common symbol ('CHF')."""
    if not code:
        return ""
    return SYMBOLS.get(code.upper()) or code.upper()


# -- money in one currency ------------------------------------------------------------------

# The canonical columns that hold money (every other amount is hours, counts or ratings)
MONEY_COLUMNS = {"projects": ("budget", "actual_cost", "forecast_cost"), "costs": ("amount",), "risks": ("cost_impact",)}


@dataclass(frozen=True)
class Rate:
    """1 `currency` = `rate` × `reporting`, for a month, and where the rate came from."""

    currency: str
    reporting: str
    rate: float
    source: str  # GIVEN_AT_IMPORT, "set by Ann on 6 Dec 2026", "pmo.toml"


GIVEN_AT_IMPORT = "given at import"  # a rate typed for the file being imported: kept as the month's


def reporting(store) -> str:
    """The currency money is reported in: the settings' `[display] currency`, else the one the first
    import that named one established (query reporting_currency), else '' (none yet)."""
    configured = settings()["display"]["currency"]
    return store.query_named("reporting_currency", {"configured": configured})["currency"].iloc[0]


def month_rate(store, period: dt.date, currency_code: str, reporting: str) -> Rate | None:
    """The month's rate as last set in the database, else in pmo.toml ([currency_rates."YYYY-MM"])."""
    row = store.query_named("currency_rate", {"period": period, "currency": currency_code, "reporting": reporting})
    if len(row):
        found = row.iloc[0]
        who = f" by {found.set_by}" if isinstance(found.set_by, str) and found.set_by else ""
        return Rate(currency_code, reporting, float(found.rate), f"set{who} on {found.set_at:%d %b %Y}")
    configured = settings().get("currency_rates", {}).get(f"{period:%Y-%m}", {})
    rate = configured.get(currency_code) or configured.get(currency_code.lower())
    return Rate(currency_code, reporting, float(rate), "pmo.toml") if rate else None


def converted(tables: dict[str, pd.DataFrame], rate: float) -> dict[str, pd.DataFrame]:
    """The tables with every money column multiplied by `rate` (new frames: the prepared ones stay)."""
    out = dict(tables)
    for table, columns in MONEY_COLUMNS.items():
        if table in out:
            out[table] = out[table].assign(**{c: out[table][c] * rate for c in columns if c in out[table]})
    return out


def holds_money(tables: dict[str, pd.DataFrame]) -> bool:
    return any(table in tables and tables[table][list(columns)].notna().any().any()
               for table, columns in MONEY_COLUMNS.items() if table in tables and set(columns) <= set(tables[table]))
