"""Numbers as people read them on a screen, a slide or in a spreadsheet: one definition for the
pages, the charts, the deck and the exports, in the reporting currency."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pmo_data.currency import symbol_of

MISSING = "–"
# (size, suffix) from the largest: 1,780,000 → 1.78 M
_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


def _is_missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _three_figures(value: float) -> str:
    """3 significant figures, trailing zeros kept so a column lines up: 1.78, 85.0, 648."""
    size = abs(value)
    decimals = 2 if size < 10 else 1 if size < 100 else 0
    return f"{value:,.{decimals}f}"


@dataclass(frozen=True)
class NumberFormat:
    """How money and indices are written. `currency` is an ISO code ("USD") or "" for none."""

    currency: str = ""

    @property
    def symbol(self) -> str:
        return symbol_of(self.currency)

    def _with_symbol(self, number: str) -> str:
        symbol = self.symbol
        if not symbol:
            return number
        sign, number = ("-", number[1:]) if number.startswith("-") else ("", number)
        # a letter code is set apart by a narrow no-break space; a sign symbol sits on the number
        return f"{sign}{symbol}\u202f{number}" if symbol[-1].isalpha() else f"{sign}{symbol}{number}"

    def money(self, value) -> str:
        """1,780,000 → '$1.78 M'; 85,000 → '$85.0 k'; missing → '–'."""
        if _is_missing(value):
            return MISSING
        for size, suffix in _UNITS:
            if abs(value) >= size:
                return self._with_symbol(f"{_three_figures(value / size)} {suffix}")
        return self._with_symbol(f"{value:,.0f}")

    def money_exact(self, value) -> str:
        """648,294.9999 → '$648,295': tooltips and detail where the whole amount matters."""
        return MISSING if _is_missing(value) else self._with_symbol(f"{value:,.0f}")

    def money_unit(self, values) -> tuple[float, str]:
        """The one unit a column or an axis of these amounts reads best in, by the largest:
        (1e6, 'M') for millions."""
        numbers = pd.Series(values, dtype="float64").abs().dropna()
        typical = float(numbers.max()) if len(numbers) else 0.0
        return next(((size, suffix) for size, suffix in _UNITS if typical >= size), (1.0, ""))

    def money_column_format(self, suffix: str, largest: float | None = None) -> str:
        """A printf format for a table column of amounts already divided by the unit: '$%.2f M';
        as many decimals as the largest amount needs for three figures, like the cards ('$85.0 k')."""
        if not suffix:
            return self._with_symbol("%.0f")
        size = abs(largest) if largest is not None and not pd.isna(largest) else 0.0
        decimals = 2 if size < 10 else 1 if size < 100 else 0
        return self._with_symbol(f"%.{decimals}f {suffix}")

    def money_label(self, what: str) -> str:
        """An axis or column title naming the currency: 'budget (USD)'."""
        return f"{what} ({self.currency})" if self.currency else what

    @property
    def excel_money(self) -> str:
        """An Excel number format for whole amounts in this currency: '"$"#,##0'."""
        symbol = self.symbol
        if not symbol:
            return "#,##0"
        return f'#,##0 "{symbol}"' if symbol[-1].isalpha() else f'"{symbol}"#,##0'

    @property
    def plotly_money_prefix(self) -> str:
        """Put before a hover template's number: '$'."""
        symbol = self.symbol
        return f"{symbol} " if symbol and symbol[-1].isalpha() else symbol


def ratio(value) -> str:
    """An index such as SPI: two decimals; missing → '–'."""
    return MISSING if _is_missing(value) else f"{value:.2f}"

