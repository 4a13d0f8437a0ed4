"""Normalisers shared by every adapter: raw cell values in, canonical values out.

Each takes a pandas Series of raw cells (text, numbers, dates, None) and returns a
Series of canonical values plus, through a `Problems` collector, what it could not parse.
Work is done once per distinct value: exports repeat the same strings thousands of times.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pmo_data.columns import arrow_text, distinct, is_text, take, text_column
from pmo_data import date_text, vocabulary
from pmo_data.config import settings

MISSING_WORDS = {"", "na", "n/a", "none", "null", "-", "--", "—", "nan", "nat", "tbd", "tbc"}
EXCEL_EPOCH = dt.datetime.combine(date_text.EXCEL_EPOCH, dt.time())  # one epoch: date_text's


KEPT_TEXTS = 50  # distinct unreadable texts the quality report keeps per column, as the file has them
KEPT_ROWS = 500  # the file rows of a column's unreadable cells are kept up to this many: a few rows can be
# a legend or a subtotal under the table (steps.rows_outside_the_records); more are the column itself


@dataclass
class Problems:
    """Values that could not be parsed, per column: how many cells, a few examples, the kind of
    value expected ('date', 'number' …), up to KEPT_TEXTS of the cells' texts as written and, where
    the column's rows are the file's (0-based row positions), up to KEPT_ROWS of those rows (None
    past that, or when they are not known)."""

    unparsed: dict[str, dict[str, Any]] = field(default_factory=dict)
    decisions: dict[str, str] = field(default_factory=dict)

    def add(self, column: str, values: list[Any], count: int, kind: str = "value", rows: list[int] | None = None) -> None:
        if not count:
            return
        entry = self.unparsed.setdefault(column, {"count": 0, "examples": [], "kind": kind, "texts": [], "rows": []})
        entry["count"] += count
        if entry["rows"] is not None:
            entry["rows"] = None if rows is None or len(entry["rows"]) + len(rows) > KEPT_ROWS else entry["rows"] + rows
        for value in values:
            if len(entry["examples"]) < 3 and str(value) not in entry["examples"]:
                entry["examples"].append(str(value))
            if len(entry["texts"]) < KEPT_TEXTS and str(value) not in entry["texts"]:
                entry["texts"].append(str(value))

    @property
    def unparsed_cells(self) -> int:
        return sum(entry["count"] for entry in self.unparsed.values())

    def decide(self, column: str, decision: str) -> None:
        self.decisions[column] = decision


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, str) and value.strip().casefold() in MISSING_WORDS


def _map_distinct(series: pd.Series, parse: Callable[[Any], Any], column: str, problems: Problems | None,
                  kind: str = "value") -> np.ndarray:
    """Applies `parse` once per distinct raw value; values it rejects (ValueError) become None."""
    codes, values = distinct(series)
    parsed: list[Any] = []
    failed: list[int] = []
    for position, value in enumerate(values):
        if is_missing(value):
            parsed.append(None)
            continue
        try:
            parsed.append(parse(value))
        except (ValueError, TypeError, OverflowError):
            parsed.append(None)
            failed.append(position)
    if problems is not None and failed:
        problems.add(column, [values[i] for i in failed], _rows_with(codes, failed), kind, _file_rows(series, codes, failed))
    return take(parsed, codes)


def _rows_with(codes: np.ndarray, positions: list[int]) -> int:
    """How many rows hold one of the distinct values at `positions`."""
    return int(np.bincount(codes[codes >= 0], minlength=max(positions) + 1)[positions].sum())


def _file_rows(series: pd.Series, codes: np.ndarray, positions: list[int]) -> list[int] | None:
    """The index labels (a sheet's 0-based row positions) of the rows holding one of the distinct
    values at `positions` (see _rows_where)."""
    return _rows_where(series, np.isin(codes, positions))


def _rows_where(series: pd.Series, rows: np.ndarray | pd.Series) -> list[int] | None:
    """The index labels of the rows marked; None when there are more than KEPT_ROWS or the index is not numbers."""
    if not pd.api.types.is_integer_dtype(series.index) or int(np.sum(rows)) > KEPT_ROWS:
        return None
    return [int(i) for i in series.index[np.asarray(rows, dtype=bool)]]


# -- text ------------------------------------------------------------------------------


# what str.split() splits on: ASCII and Unicode spaces, line and paragraph separators
_OTHER_WHITESPACE = r"\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_WHITESPACE_RUN = rf"[ {_OTHER_WHITESPACE}]+"
_NEEDS_COLLAPSING = rf"  |[{_OTHER_WHITESPACE}]"  # most cells have single spaces only: a cheap test first
_MISSING_WORD_SET = pa.array(sorted(MISSING_WORDS))


def _clean_text(series: pd.Series) -> pd.Series:
    """`text` for columns of strings, in Arrow: whitespace runs become one space, ends are
    trimmed, missing words become null."""
    values = arrow_text(series)
    if pc.any(pc.match_substring_regex(values, _NEEDS_COLLAPSING)).as_py():
        values = pc.replace_substring_regex(values, _WHITESPACE_RUN, " ")
    values = pc.utf8_trim(values, " ")
    missing = pc.is_in(pc.utf8_lower(values), value_set=_MISSING_WORD_SET)
    return text_column(pc.if_else(pc.fill_null(missing, True), pa.scalar(None, values.type), values), series.index)


def text(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    """Trimmed text; whole floats (ids read from Excel as 12.0) lose their '.0'."""
    if is_text(series):
        return _clean_text(series)

    def parse(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d")
        return " ".join(str(value).split())

    return pd.Series(_map_distinct(series, parse, column, None), index=series.index, dtype="str")


def multi_value(values: list[Any], separator: str = "; ") -> str | None:
    """Joins the non-empty values of repeated columns (Jira's Sprint, Labels …), keeping order, no duplicates."""
    seen: list[str] = []
    for value in values:
        if is_missing(value):
            continue
        for part in re.split(r"\s*[;,]\s*", str(value)) if separator == "; " else [str(value)]:
            if part and part not in seen:
                seen.append(part)
    return separator.join(seen) or None


# -- numbers, money, percentages -------------------------------------------------------

_CURRENCY = re.compile(r"[^\d,.\-()+eE]")


# Whether "1.234" means one thousand two hundred and thirty-four: set per file (a ;-separated CSV
# comes from a decimal-comma locale) and per column (a value like "12,5" settles it).
DECIMAL_COMMA: ContextVar[bool] = ContextVar("decimal_comma", default=False)
_COMMA_DECIMAL_VALUE = re.compile(r"\d,\d{1,2}(?!\d)|\d\.\d{3},\d")


def parse_number(value: Any, decimal_comma: bool | None = None) -> float:
    """A number from 1234.5, '1,234.50', '1.234,50 €', '$1,200', '(300)' (negative), '1 234'.
    With `decimal_comma` (default: DECIMAL_COMMA), '1.234' is 1234 and '1,5' is 1.5."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            raise ValueError(value)
        return float(value)
    comma_locale = DECIMAL_COMMA.get() if decimal_comma is None else decimal_comma
    raw = str(value).strip()
    negative = raw.startswith("(") and raw.endswith(")") or raw.startswith("-") or raw.endswith("-")
    cleaned = _CURRENCY.sub("", raw).strip("()+-")
    if not cleaned or not any(c.isdigit() for c in cleaned):
        raise ValueError(value)
    if "e" in cleaned.lower() and re.fullmatch(r"\d+([.,]\d+)?[eE][+-]?\d+", cleaned):
        number = float(cleaned.replace(",", "."))
    else:
        last_dot, last_comma = cleaned.rfind("."), cleaned.rfind(",")
        if last_dot >= 0 and last_comma >= 0:
            decimal = "." if last_dot > last_comma else ","
        elif last_comma >= 0:
            # one comma followed by exactly three digits is a thousands separator (1,200) unless the locale says not
            decimal = "," if comma_locale or (cleaned.count(",") == 1 and len(cleaned) - last_comma - 1 != 3) else ""
        elif cleaned.count(".") > 1 or (comma_locale and len(cleaned) - last_dot - 1 == 3):
            decimal = ""  # 1.234.567, or 1.234 in a decimal-comma locale: dots group thousands
        else:
            decimal = "."
        thousands = {".": ",", ",": ".", "": ",."}[decimal]
        for sep in thousands:
            cleaned = cleaned.replace(sep, "")
        number = float(cleaned.replace(",", ".") if decimal == "," else cleaned)
    return -number if negative else number


def number(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    texts = [v for v in distinct(series)[1] if isinstance(v, str)]
    comma = DECIMAL_COMMA.get() or any(_COMMA_DECIMAL_VALUE.search(t) for t in texts)
    parsed = _map_distinct(series, lambda v: parse_number(v, comma), column, problems, "number")
    return pd.Series(parsed, index=series.index, dtype="Float64")


money = number


def percent(series: pd.Series, column: str = "", problems: Problems | None = None, fraction: bool | None = None) -> pd.Series:
    """Percent on 0..100 from '45%', 45, or 0.45. Whether bare numbers are fractions is decided
    per column: when no bare value is above 1 (and `fraction` is not given), they are fractions."""
    codes, raw = distinct(series)
    has_sign = pd.Series(take([isinstance(v, str) and "%" in v for v in raw], codes), index=series.index).fillna(False)
    values = number(series, column, problems)
    bare = values[~has_sign.astype(bool)].dropna()
    if fraction is None:
        fraction = bool(len(bare)) and bool((bare.abs() <= 1).all())
    if fraction:
        values = values.where(has_sign.astype(bool), values * 100)
        if problems is not None:
            problems.decide(column, "bare numbers read as fractions of 1")
    return values


def percent_fraction(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    return percent(series, column, problems, fraction=True)


# -- durations and work ----------------------------------------------------------------

_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ew|ed|eh|em|[^\W\d_]+\.?)?\??", re.IGNORECASE)
_UNIT_HOURS = {
    "m": 1 / 60, "min": 1 / 60, "mins": 1 / 60, "minute": 1 / 60, "minutes": 1 / 60, "em": 1 / 60,
    "h": 1, "hr": 1, "hrs": 1, "hour": 1, "hours": 1, "eh": 1, "std": 1, "stunden": 1,
    "d": "day", "day": "day", "days": "day", "dy": "day", "dys": "day", "ed": "day", "t": "day", "tage": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week", "ew": "week",
    "mo": "month", "mon": "month", "mons": "month", "month": "month", "months": "month",
    # German, French, Spanish, Portuguese, Dutch, Vietnamese
    "tag": "day", "tg": "day", "woche": "week", "wochen": "week", "wo": "week", "std.": 1, "h.": 1,
    "j": "day", "jour": "day", "jours": "day", "heure": 1, "heures": 1, "sem": "week", "semaine": "week", "semaines": "week",
    "día": "day", "días": "day", "dia": "day", "dias": "day", "hora": 1, "horas": 1, "semana": "week", "semanas": "week",
    "dag": "day", "dagen": "day", "uur": 1, "uren": 1, "weken": "week",
    "ngày": "day", "giờ": 1, "tuần": "week",
}


_DURATION_JOINER = re.compile(r"\s*(?:&|\+|\band\b)\s*")
_NUMBER_HYPHEN_UNIT = re.compile(r"(\d)\s*-\s*(?=[^\W\d_])")
_CLOCK_DURATION = re.compile(r"(\d{1,4}):(\d{2})(?::(\d{2}))?")


def parse_hours(value: Any, default_unit: str = "hours") -> float:
    """Hours from '5 days', '1 day?', '2 wks', '40 hrs', '5h', '4h 30m', '5d', 'PT8H', '1:30',
    a duration cell, or a bare number."""
    units = settings()["units"]
    per = {"hours": 1.0, "day": units["hours_per_day"], "week": units["hours_per_day"] * units["days_per_week"],
           "month": units["hours_per_day"] * units["days_per_week"] * 4, "seconds": 1 / 3600, "days": units["hours_per_day"]}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) * per[default_unit]
    if isinstance(value, (dt.timedelta, pd.Timedelta)):  # a duration cell ('1:30' formatted [h]:mm)
        return value.total_seconds() / 3600
    if isinstance(value, dt.time):  # a duration typed as a time of day ('1:30' under 24 h)
        return value.hour + value.minute / 60 + value.second / 3600
    raw = str(value).strip().lower()
    clock = _CLOCK_DURATION.fullmatch(raw)
    if clock:  # '1:30', '11:00:00': hours and minutes as on a stopwatch
        h, m, s = (int(g) if g else 0 for g in clock.groups())
        if m < 60 and s < 60:
            return h + m / 60 + s / 3600
    if raw.startswith("pt") or raw.startswith("p"):
        iso = re.fullmatch(r"p(?:(\d+)d)?t?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?", raw)
        if iso and any(iso.groups()):
            d, h, m, s = (float(g) if g else 0.0 for g in iso.groups())
            return d * per["day"] + h + m / 60 + s / 3600
    raw = _DURATION_JOINER.sub(" ", raw)  # '1 week & 4 days', '2 days and 4 hours'
    raw = _NUMBER_HYPHEN_UNIT.sub(r"\1 ", raw)  # '15-Mins', '2-Hours' (a range '1-2 days' keeps its hyphen)
    parts = _DURATION_PART.findall(raw.replace(",", "."))
    if not parts or _DURATION_PART.sub("", raw.replace(",", ".")).strip(" ?"):
        raise ValueError(value)
    total = 0.0
    for amount, unit in parts:
        factor = _UNIT_HOURS.get(unit.lower(), None) if unit else None
        if unit and factor is None:
            raise ValueError(value)
        if factor is None:
            factor = per[default_unit]
        elif isinstance(factor, str):
            factor = per[factor]
        total += float(amount) * factor
    return total


def hours(series: pd.Series, column: str = "", problems: Problems | None = None, default_unit: str = "hours") -> pd.Series:
    parsed = _map_distinct(series, lambda v: parse_hours(v, default_unit), column, problems, "duration")
    return pd.Series(parsed, index=series.index, dtype="Float64")


def seconds_to_hours(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    return hours(series, column, problems, default_unit="seconds")


def days_to_hours(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    return hours(series, column, problems, default_unit="days")


# -- booleans --------------------------------------------------------------------------

_TRUE = {"yes", "y", "true", "t", "1", "x", "✓", "✔", "ja", "oui", "sí", "si"}
_FALSE = {"no", "n", "false", "f", "0", "nein", "non"}


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    word = str(value).strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(value)


def boolean(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    return pd.Series(_map_distinct(series, parse_bool, column, problems), index=series.index, dtype="boolean")


# -- dates -----------------------------------------------------------------------------

def _as_datetime(value: Any) -> dt.datetime | None:
    """Values the file already typed: datetime/date objects and Excel serial numbers."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=float(value))
    return None


# Excel's 1900 date system shows an empty cell under a date format, or a formula on one, as a day of 1900
# (0 → 1900-01-00, 1899-12-30; an app's own zero date 1900-12-30): no plan's date is before 1902
PLACEHOLDER_DATES_BEFORE = pd.Timestamp(1902, 1, 1)
PLACEHOLDER_DATE = "placeholder date (no date)"
PLACEHOLDER_DATE_KEY = "(placeholder dates)"
STATUS_IN_A_DATE = "status instead of a date"
STATUS_IN_A_DATE_KEY = "(status words)"


# The order a user chose for a column on the Data page or with --date-order ('sheet: header' → order)
CHOSEN_DATE_ORDERS: ContextVar[Mapping[str, str]] = ContextVar("chosen_date_orders", default=MappingProxyType({}))


def dates(series: pd.Series, column: str = "", problems: Problems | None = None, day_first: bool | None = None) -> pd.Series:
    """Dates (no time of day) from typed cells and from text in any language and order
    (pmo_data/date_text.py): the day-first/month-first decision is made once for the column, from
    all its values, and recorded with its reason; a text that is not a date is a problem, never a
    date by guesswork."""
    codes, raw = distinct(series)
    texts = sorted({v for v in raw if isinstance(v, str) and not is_missing(v)})
    chosen: dict[str, dt.date] = {}
    if texts:
        forced = {True: date_text.DAY_FIRST, False: date_text.MONTH_FIRST}.get(day_first) if day_first is not None \
            else CHOSEN_DATE_ORDERS.get().get(column)
        reading = date_text.read_column(texts, forced)
        chosen = reading.dates
        if problems is not None:
            if reading.order and not forced:
                problems.decide(column, f"{reading.order} ({reading.reason})")
            status_words = vocabulary.status_words("task") if reading.unread else {}
            said = [t for t in reading.unread if vocabulary.word_key(t) in status_words]
            # 'En cours' where the finish would be: no date yet, said in words (reported under its own key, not refused)
            for key, kind, texts in ((f"{column} {STATUS_IN_A_DATE_KEY}", STATUS_IN_A_DATE, said),
                                     (column, "date", [t for t in reading.unread if t not in said])):
                if texts:
                    wanted = set(texts)
                    failed = [i for i, v in enumerate(raw) if isinstance(v, str) and v in wanted]
                    problems.add(key, texts, _rows_with(codes, failed), kind, _file_rows(series, codes, failed))
    per_value = [None if is_missing(v) else chosen.get(v) if isinstance(v, str) else _as_datetime(v) for v in raw]
    result = pd.to_datetime(pd.Series(take(per_value, codes), index=series.index, dtype=object), errors="coerce")
    placeholder = _placeholder_dates(result)
    if placeholder.any():  # an empty cell a formula or a format shows as a date of 1900: no date (reported, not refused)
        if problems is not None:
            shown = sorted({f"{d:%Y-%m-%d}" for d in result[placeholder]})
            problems.add(f"{column} {PLACEHOLDER_DATE_KEY}", shown, int(placeholder.sum()), PLACEHOLDER_DATE,
                         _rows_where(series, placeholder))
        result = result.where(~placeholder)
    return result.dt.normalize()


PLACEHOLDER_REPEATS = 3  # rows holding the same early date: a constant standing for "none", not a typo


def _placeholder_dates(days: pd.Series) -> pd.Series:
    """The cells holding a placeholder for no date: a date before 1902 written on several rows of a
    column whose other dates are real ones. A column of such dates alone (clock times Excel keeps as
    1899-12-30 08:00) and a one-off typo (1900-01-13 for 2026-01-13) are left as they are."""
    early = days < PLACEHOLDER_DATES_BEFORE
    if not early.any() or (~early & days.notna()).sum() < early.sum():
        return pd.Series(False, index=days.index)
    counts = days[early].value_counts()
    return days.isin(counts[counts >= PLACEHOLDER_REPEATS].index) & early


# -- month headers (wide plans) --------------------------------------------------------

_NUMERIC_MONTH = [(re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$"), ("year", "month")),
                  (re.compile(r"^(\d{1,2})[-/.](\d{4})$"), ("month", "year"))]
_NAMED_MONTH = [re.compile(r"^(?P<name>[^\W\d_]{3,10})\.?[\s\-/']*'?(?P<year>\d{4}|\d{2})$"),
                re.compile(r"^(?P<year>\d{4}|\d{2})[\s\-/]+(?P<name>[^\W\d_]{3,10})\.?$")]


def month_of_header(value: Any) -> pd.Timestamp | None:
    """The month a column header names: a date cell, 'Sep-18', "Jul '16", 'Oct 2026', 'Sept 2026',
    'Sep2019', '2026-10', '10/2026', '2026-10-01', 'Okt 2026', 'janv. 2026'; None for anything else."""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value.year, value.month, 1)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).casefold()
    for pattern, order in _NUMERIC_MONTH:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()[:2])))
            if 1 <= parts["month"] <= 12 and 1900 <= parts["year"] <= 2200:
                return pd.Timestamp(parts["year"], parts["month"], 1)
            return None
    for pattern in _NAMED_MONTH:
        match = pattern.match(text)
        month = date_text.month_named(match.group("name")) if match else None
        if month is not None:
            return pd.Timestamp(date_text.full_year(match.group("year")), month, 1)
    return None


# 'M1', 'Month 3', 'Mes 2', 'Monat 4', 'Mois 5': a plan's months counted from its start, not named
_RELATIVE_MONTH = re.compile(r"^(?:m|mo|month|mes|monat|mois|maand|mese|mês)\.?\s*(\d{1,3})$")


def relative_month_of_header(value: Any) -> int | None:
    """The number of a relative month header ('M1' → 1, 'Month 12' → 12), else None."""
    if not isinstance(value, str):
        return None
    match = _RELATIVE_MONTH.match(" ".join(value.split()).casefold())
    return int(match.group(1)) if match and int(match.group(1)) >= 1 else None


def month_of_year_of_header(value: Any) -> int | None:
    """The month a header names without a year ('Jan', 'February', 'févr.', 'Okt') → 1..12, else None."""
    if not isinstance(value, str) or not value.strip() or any(c.isdigit() for c in value):
        return None
    return date_text.month_named(" ".join(value.split()))


# What a plan's or a timesheet's numbers can be counted in; each becomes hours (docs/sources.md)
HOUR_UNITS = ("hours", "days", "fte", "headcount")


def in_hours(amounts: pd.Series, unit: str, months: pd.Series | pd.Timestamp | None = None,
             days: float | None = None) -> pd.Series:
    """Amounts in `unit` as hours: days × `units.hours_per_day`; FTE and headcount (a head is one
    full-time person) × the month's working days × hours per day, per row's month (or × `days`, the
    working days the file itself states for the one month given)."""
    if unit not in HOUR_UNITS:
        raise ValueError(f"unknown unit {unit!r} (one of {', '.join(HOUR_UNITS)})")
    hours_per_day = settings()["units"]["hours_per_day"]
    if unit == "hours":
        return amounts
    if unit == "days":
        return amounts * hours_per_day
    if isinstance(months, pd.Timestamp):
        return amounts * (working_days(months) if days is None else days) * hours_per_day
    days = pd.Series([working_days(m) if pd.notna(m) else np.nan for m in pd.to_datetime(months)], index=amounts.index)
    return amounts * days * hours_per_day


def working_days(month: pd.Timestamp) -> int:
    """Monday-to-Friday days of a month (FTE and headcount become hours through them)."""
    return int(np.busday_count(month.strftime("%Y-%m-01"), (month + pd.offsets.MonthBegin(1)).strftime("%Y-%m-%d")))


# -- words mapped through tables ------------------------------------------------------


def words(series: pd.Series, table: dict[str, Any], column: str = "", problems: Problems | None = None,
          notes: list[str] | None = None) -> pd.Series:
    """Maps raw words through a lookup table (compared case-insensitively); unknown words are
    problems. An inflection or a typo of a known word is read as that word, and said in `notes`."""
    lookup = vocabulary.with_near_words({vocabulary.word_key(k): v for k, v in table.items()},
                                        {vocabulary.word_key(v) for v in series.dropna().unique()}, column or "words", notes)

    def parse(value: Any) -> Any:
        key = vocabulary.word_key(value)
        if key not in lookup:
            raise ValueError(value)
        return lookup[key]

    return pd.Series(_map_distinct(series, parse, column, problems, "word"), index=series.index, dtype=object)


def status_table(source: str, user_words: dict[str, str] | None = None) -> dict[str, str]:
    """Status word -> category: the shared vocabulary, the source's own words, a PMO's pmo.toml
    ([status_categories.default] / [status_categories.<source>]), then words mapped at import."""
    own = settings().get("status_categories", {})
    table = vocabulary.status_words("task", source)
    for layer in (own.get("default", {}), own.get(source, {}), user_words or {}):
        table.update({vocabulary.word_key(k): v for k, v in layer.items()})
    return table


def status_category(series: pd.Series, source: str, column: str = "", problems: Problems | None = None) -> pd.Series:
    return words(series, status_table(source), column, problems).astype("str")


def reported_health(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    return words(series, settings()["health_words"], column, problems).astype("str")


def parse_scale(value: Any) -> int:
    """1..5 from one value, read as a column of that value alone (`scale_column`)."""
    point = scale_column(pd.Series([value], dtype=object))[0].iloc[0]
    if pd.isna(point):
        raise ValueError(value)
    return int(point)


def _percent_to_scale(share: float, scale: dict) -> int:
    for point, upper in sorted(((int(k), v) for k, v in scale["percent_upper_bounds"].items())):
        if share <= upper:
            return point
    raise ValueError(share)


_SCALE_WORD_WITH_POINT = re.compile(r"^(?:(\d)\s*[-–:.)]?\s*\D.*|\D*?\s*\(?(\d)\)?)$")

# How a column of numbers is read as 1..5, by the range its values span (first rule that fits).
NUMBER_SCALES = [
    ("fractions of 1 (0.2 = 20 %), banded to 1–5", lambda n: n.min() >= 0 and n.max() <= 1 and (n < 1).any(),
     lambda v: v * 100, "percent"),
    ("points 1–5", lambda n: n.min() >= 1 and n.max() <= 5 and (n == n.round()).all(), lambda v: v, "points"),
    ("points 1–10, halved to 1–5", lambda n: n.min() >= 1 and n.max() <= 10 and (n == n.round()).all(),
     lambda v: math.ceil(v / 2), "points"),
    ("percentages, banded to 1–5", lambda n: n.min() >= 0 and n.max() <= 100, lambda v: v, "percent"),
]


def scale_column(series: pd.Series, column: str = "", problems: Problems | None = None) -> tuple[pd.Series, str | None]:
    """Probability or impact on 1..5, with the scale the column was read on: words (Very Low … Very
    High, H/M/L, Critical/Moderate/Minor, five languages), '4 - High' / 'High 4', percentages, or
    bare numbers read by the range the whole column spans (NUMBER_SCALES: a column of fractions
    reads 1 as 100 %, a column of points reads it as 1)."""
    scale = settings()["scales"]
    codes, raw = distinct(series)
    numbers = [float(v) for v in raw if isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isnan(v)]
    numbers += [n for v in raw if isinstance(v, str) and (n := _bare_number(v)) is not None]
    rule = None
    if numbers:
        spread = pd.Series(numbers)
        rule = next((r for r in NUMBER_SCALES if r[1](spread)), None)
    used: set[str] = set()

    def parse(value: Any) -> int:
        number_value = _bare_number(value) if isinstance(value, str) else value
        if isinstance(number_value, (int, float)) and not isinstance(number_value, bool):
            if rule is None:
                raise ValueError(value)
            used.add(rule[0])
            converted = rule[2](float(number_value))
            return _percent_to_scale(converted, scale) if rule[3] == "percent" else int(converted)
        key = " ".join(str(value).split()).casefold()
        band = _PERCENT_BAND.match(key)
        if band:  # '75% to 100%': a band label, read at its middle
            used.add("percentage bands at their middle ('75% to 100%' = 87.5 %), banded to 1–5")
            low, high = (parse_number(g) for g in band.groups())
            return _percent_to_scale((low + high) / 2, scale)
        if key.endswith("%"):
            used.add("percentages, banded to 1–5")
            return _percent_to_scale(parse_number(key), scale)
        if key in scale["words"]:
            used.add("words (Very Low 1 … Very High 5)")
            return int(scale["words"][key])
        pointed = _SCALE_WORD_WITH_POINT.match(key)
        point = next((g for g in pointed.groups() if g), None) if pointed else None
        if point and 1 <= int(point) <= 5:
            used.add("words with their point ('4 - High')")
            return int(point)
        word = re.split(r"\s*[-–(/]", key)[0].strip()
        if word in scale["words"]:
            used.add("words (Very Low 1 … Very High 5)")
            return int(scale["words"][word])
        raise ValueError(value)

    values = pd.Series(_map_distinct(series, parse, column, problems), index=series.index, dtype="Int64")
    return values, "; ".join(sorted(used)) or None


_PERCENT_BAND = re.compile(r"^(\d+(?:[.,]\d+)?)\s*%?\s*(?:to|-|–|bis|à|a)\s*(\d+(?:[.,]\d+)?)\s*%$")


def _bare_number(text: Any) -> float | None:
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError:
        return None


# A rating (Priority, RPN, risk value) as the score of the matrix cell it stands for, when
# probability and impact are free text: a word's point on the diagonal (High 4 -> 16), a number
# by the range of the column (a 1-25 value as it is, an RPN of three 1-5 factors / 5, of 1-10 / 40).
RATING_NUMBER_SCALES = [(25, 1.0, "a 1–25 value"), (125, 1 / 5, "an RPN of three 1–5 factors, / 5"),
                        (1000, 1 / 40, "an RPN of three 1–10 factors, / 40")]


def rating_score(series: pd.Series, column: str = "", problems: Problems | None = None) -> tuple[pd.Series, str | None]:
    points, described = scale_column(series, column, None)
    numeric = pd.to_numeric(series.map(lambda v: _bare_number(v) if isinstance(v, str) else v), errors="coerce")
    largest = numeric.max()
    if pd.notna(largest) and largest > 5:
        bound, factor, text = next((r for r in RATING_NUMBER_SCALES if largest <= r[0]), RATING_NUMBER_SCALES[-1])
        score = (numeric * factor).round().clip(1, 25).astype("Int64")
        return score, f"score from {text}"
    return (points * points).astype("Int64"), (f"score from {described}: the point squared (High 4 → 16)" if described else None)


def scale_1_5(series: pd.Series, column: str = "", problems: Problems | None = None) -> pd.Series:
    """`scale_column` without the scale's description (a Field's parser)."""
    return scale_column(series, column, problems)[0]
