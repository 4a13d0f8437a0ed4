"""Which currency the money is in: the ISO codes and symbols we know, and the code a file's
column headers name ("Budget (USD)", "monthly_capex_usd", "Cost (€)")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

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
