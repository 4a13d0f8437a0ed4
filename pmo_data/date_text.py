"""Dates written as text, in any language and any order, read column by column.

A value is split into its parts (numbers, a month name, a time of day, words around them); the
words come from CLDR (pmo_data/cldr.py): month names of every locale, weekday names, day-period
markers (`AM`, `SA`, `午後`) and the words date patterns put between the parts (`de`, `年`). Which
of day and month comes first is decided once for the column, from all its values: a value whose
first number is above 12 settles day-first, one whose second is above 12 month-first. When no
value settles it, the file's other date columns decide (`FILE_DATE_ORDER`, set by the importer
from the file's profile), then the separator (`31.12.26` is day-first wherever it is written),
then the default, month-first; the decision is reported with its reason.

Work is done once per distinct value. A value that cannot be read is returned as None, and the
caller reports it; it never becomes a date by guesswork.
"""

from __future__ import annotations

import datetime as dt
import re
from contextvars import ContextVar
from dataclasses import dataclass

from pmo_data import cldr

DAY_FIRST, MONTH_FIRST, YEAR_FIRST = "day-first", "month-first", "year-first"
DEFAULT_ORDER = MONTH_FIRST
# The order the file's other date columns settled (None: nothing settled it in the file)
FILE_DATE_ORDER: ContextVar[str | None] = ContextVar("file_date_order", default=None)

TWO_DIGIT_YEAR_PIVOT = 69  # POSIX: 00-68 are 2000-2068, 69-99 are 1969-1999
EXCEL_SERIAL = (20_000, 80_000)  # a bare whole number in this range, in a date column, is an Excel day (1954-2119)
EXCEL_EPOCH = dt.date(1899, 12, 30)

_TIME = re.compile(r"(?<!\d)(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?!\d)")
_DOT_TIME = re.compile(r"\s\d{1,2}\.\d{2}(?:\.\d{2})?$")
_ISO_WEEK = re.compile(r"^(\d{4})-?w(\d{1,2})(?:-?([1-7]))?$")
_ISO_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[t ]")
# a word starts with a letter and runs to a space, digit or separator: the marks of Devanagari
# or Thai letters belong to their word
_TOKEN = re.compile(r"\d+|[^\W\d_][^\s\d/\-,:'.]*|[^\w\s]")
_TIME_ZONE = re.compile(r"(?:[+-]\d{2}:?\d{2}|z)$")
_ENGLISH_MONTHS = {name: number for number, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"], start=1) for name in names.split()}
_IGNORED_WORDS = {"t", "z", "utc", "gmt", "at", "of", "the", "am", "pm", "a", "p", "m"}


@dataclass(frozen=True)
class Parts:
    """What a value says: a full date, or numbers whose day/month order the column decides."""

    date: dt.date | None = None
    first: int = 0  # for an order to decide: the two small numbers in the order written, and the year
    second: int = 0
    year: int = 0
    separator: str = ""

    @property
    def needs_order(self) -> bool:
        return self.date is None

    def under(self, order: str) -> dt.date | None:
        if self.date is not None:
            return self.date
        day, month = (self.first, self.second) if order == DAY_FIRST else (self.second, self.first)
        return _date(self.year, month, day)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def full_year(text: str) -> int:
    """'26' → 2026, '75' → 1975 (TWO_DIGIT_YEAR_PIVOT), '2026' → 2026."""
    value = int(text)
    if len(text) <= 2:
        return value + (2000 if value < TWO_DIGIT_YEAR_PIVOT else 1900)
    return value


def month_named(word: str) -> int | None:
    """The month a word names in any locale ('Sep', 'okt', 'janv.', 'июл'), else None."""
    folded = cldr.fold(word)
    return _ENGLISH_MONTHS.get(folded) or cldr.month_word(folded)


def _ignorable(word: str) -> bool:
    if word in _IGNORED_WORDS:
        return True
    words = cldr.calendar_words()
    return word in words.weekdays or word in words.am or word in words.pm or word in words.literals


def parts_of(text: str) -> Parts | None:
    """The parts of one date written as text, or None when it is not a date."""
    folded = cldr.fold(text)
    if not folded:
        return None
    if not folded.isascii():  # '15日水曜日': a weekday written without a space before it
        folded = cldr.without_glued_weekdays(folded)
    week = _ISO_WEEK.match(folded)
    if week:
        try:
            return Parts(dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), int(week.group(3) or 1)))
        except ValueError:
            return None
    stamp = _ISO_STAMP.match(folded)
    if stamp:  # 2026-03-04T09:30:00Z: the date part decides
        found = _date(*(int(g) for g in stamp.groups()))
        return Parts(found) if found else None
    without_time = _TIME.sub(" ", folded, count=1)
    if without_time == folded and _DOT_TIME.search(folded) and len(re.findall(r"\d+", _DOT_TIME.sub("", folded))) >= 2:
        without_time = _DOT_TIME.sub(" ", folded)  # '1.1.2000 0.00.00' (Finnish, Danish, Indonesian): after a date
    if without_time != folded:  # a time zone follows a time of day ('10:17 +0200'); '-2025' alone is a year
        without_time = _TIME_ZONE.sub("", without_time.rstrip())
    folded = without_time.strip()
    tokens = _TOKEN.findall(folded)
    numbers: list[str] = []
    month: int | None = None
    month_at = -1
    month_word = ""  # the word that named the month, if a word did
    pending_prefix = False
    for token in tokens:
        if token.isdecimal():
            if pending_prefix:  # 'tháng 10': the number after a month prefix is the month
                month, month_at, pending_prefix = int(token), len(numbers), False
                continue
            numbers.append(token)
        elif token.isalpha():
            if token in cldr.calendar_words().month_suffixes and numbers:
                month, month_at = int(numbers.pop()), len(numbers)  # '10月'
                continue
            named = month_named(token)
            if named is not None and month is None:
                month, month_at, month_word = named, len(numbers), token
            elif token in cldr.calendar_words().month_prefixes:
                pending_prefix = True
            elif not _ignorable(token):
                return None
        elif token not in "/-.,:'":
            return None
    if month_word and len(numbers) == 3 and _ignorable(month_word):
        month = None  # 'mar 15/03/26': with three numbers the word is a weekday (Spanish 'mar' = Tuesday)
    separator = next((c for c in folded if c in "/-."), " ")
    if month is not None:
        return _with_month_name(numbers, month, month_at)
    if len(numbers) == 1:
        return _one_number(numbers[0])
    if len(numbers) == 2:
        return _month_and_year(numbers)
    if len(numbers) != 3:
        return None
    a, b, c = numbers
    if len(a) == 4:
        found = _date(int(a), int(b), int(c))
        return Parts(found) if found else None
    if len(a) > 2 or len(b) > 2 or len(c) not in (2, 4):
        return None
    return Parts(None, int(a), int(b), full_year(c), separator)


def _with_month_name(numbers: list[str], month: int, month_at: int) -> Parts | None:
    """'25/Feb/26', 'January 15, 2026', '3 févr. 2026', 'Oct-26' (month and year), '2026年10月31日'."""
    if len(numbers) == 1:
        if month_at == 0 and len(numbers[0]) in (2, 4):  # 'Oct-26', 'October 2026': the first of the month
            found = _date(full_year(numbers[0]), month, 1)
            return Parts(found) if found else None
        return None
    if len(numbers) != 2:
        return None
    first, second = numbers
    # '2026年10月31日' has the year first; '25/Feb/26', '15 janvier 2026', 'Jan 15, 26' the day
    year, day = (first, second) if len(first) == 4 else (second, first)
    if len(day) > 2:
        return None
    found = _date(full_year(year), month, int(day))
    return Parts(found) if found else None


def _one_number(number: str) -> Parts | None:
    if len(number) == 8:  # 20261031
        found = _date(int(number[:4]), int(number[4:6]), int(number[6:]))
        return Parts(found) if found else None
    value = int(number)
    if EXCEL_SERIAL[0] <= value < EXCEL_SERIAL[1]:
        return Parts(EXCEL_EPOCH + dt.timedelta(days=value))
    return None


def _month_and_year(numbers: list[str]) -> Parts | None:
    """'2026-10' or '10/2026': the first of the month."""
    first, second = numbers
    if len(first) == 4 and len(second) <= 2:
        found = _date(int(first), int(second), 1)
    elif len(second) == 4 and len(first) <= 2:
        found = _date(int(second), int(first), 1)
    else:
        return None
    return Parts(found) if found else None


@dataclass(frozen=True)
class ColumnReading:
    """A column's dates, its order decision and the texts it could not read."""

    dates: dict[str, dt.date]
    order: str | None  # None when no value needed one
    reason: str  # 'settled by the values', 'as the file's other date columns', …
    unread: list[str]


def order_evidence(parts: list[Parts]) -> tuple[int, int]:
    """How many values only day-first reads, and how many only month-first reads."""
    day_only = month_only = 0
    for p in parts:
        if p.needs_order:
            as_day, as_month = p.under(DAY_FIRST), p.under(MONTH_FIRST)
            day_only += as_day is not None and as_month is None
            month_only += as_month is not None and as_day is None
    return day_only, month_only


def settled_order(parts: list[Parts]) -> str | None:
    """The order the values themselves settle, or None."""
    day_only, month_only = order_evidence(parts)
    if day_only == month_only:
        return None
    return DAY_FIRST if day_only > month_only else MONTH_FIRST


def read_column(texts: list[str], order: str | None = None) -> ColumnReading:
    """Reads distinct texts of one column; `order` forces day-first or month-first."""
    parsed = {text: parts_of(text) for text in texts}
    known = [p for p in parsed.values() if p is not None]
    reason = "as chosen"
    if order is None and any(p.needs_order for p in known):
        order = settled_order(known)
        reason = "settled by the values"
        if order is None and FILE_DATE_ORDER.get():
            order, reason = FILE_DATE_ORDER.get(), "as the file's other date columns"
        if order is None and any(p.separator == "." for p in known if p.needs_order):
            order, reason = DAY_FIRST, "assumed: dots separate day, month and year"
        if order is None:
            order, reason = DEFAULT_ORDER, "assumed: no value settles it"
    elif not any(p.needs_order for p in known):
        order, reason = None, ""
    dates, unread = {}, []
    for text, p in parsed.items():
        found = p.under(order or DEFAULT_ORDER) if p is not None else None
        if found is None:
            unread.append(text)
        else:
            dates[text] = found
    return ColumnReading(dates, order, reason, unread)
