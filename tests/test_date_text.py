"""Dates written as text (pmo_data/date_text.py): exact values for what real exports write, the
column's order decision with its reason, and properties over CLDR's own date patterns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from babel.dates import format_date, format_datetime
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_data import date_text, normalize
from pmo_data.normalize import Problems

D = dt.date


@pytest.mark.parametrize("text, expected", [
    ("25/Feb/26 10:17 PM", D(2026, 2, 25)),          # Jira (English)
    ("04/ago/26 11:30 PM", D(2026, 8, 4)),           # Jira in Spanish / Portuguese
    ("19/févr./26", D(2026, 2, 19)),                 # Jira in French
    ("12/lut/21", D(2021, 2, 12)),                   # Jira in Polish
    ("29/июл/26 09:59", D(2026, 7, 29)),             # Jira in Russian
    ("08 September 2025 8:00 SA", D(2025, 9, 8)),    # MS Project in Vietnamese (SA = before noon)
    ("September 1, 2025 5:00 CH", D(2025, 9, 1)),
    ("January 15, 2026 8:00 AM", D(2026, 1, 15)),    # MS Project in English
    ("5 tháng 1, 2026", D(2026, 1, 5)),              # Vietnamese month words
    ("15 de enero de 2026", D(2026, 1, 15)),         # Spanish long form
    ("2026年10月31日", D(2026, 10, 31)),              # Japanese / Chinese
    ("2026-03-04T09:30:00Z", D(2026, 3, 4)),
    ("2026-10-05T10:00:00-05:00", D(2026, 10, 5)),
    ("2026-W05-3", D(2026, 1, 28)),                  # ISO week date
    ("2026-W05", D(2026, 1, 26)),                    # its Monday
    ("45678", D(2025, 1, 21)),                       # an Excel serial number typed as text
    ("20261031", D(2026, 10, 31)),
    ("Oct-26", D(2026, 10, 1)),                      # a month: its first day
    ("10/2026", D(2026, 10, 1)),
])
def test_one_value(text, expected):
    parts = date_text.parts_of(text)
    assert parts is not None and parts.date == expected


@pytest.mark.parametrize("text", ["not a date", "2 days", "1.5", "12", "31/31/2026", "2026-02-30", "High", "Feb 30, 2026"])
def test_not_a_date(text):
    parts = date_text.parts_of(text)
    assert parts is None or (parts.date is None and parts.under("day-first") is None and parts.under("month-first") is None)


def test_the_values_settle_the_order_of_the_column():
    reading = date_text.read_column(["16-12-2025", "03-01-2026"])
    assert (reading.order, reading.reason) == ("day-first", "settled by the values")
    assert reading.dates == {"16-12-2025": D(2025, 12, 16), "03-01-2026": D(2026, 1, 3)}
    assert date_text.read_column(["12/16/2025", "03/01/2026"]).dates["03/01/2026"] == D(2026, 3, 1)


def test_then_the_files_other_columns_then_dots_then_month_first():
    token = date_text.FILE_DATE_ORDER.set("day-first")
    try:
        reading = date_text.read_column(["03/04/2026"])
    finally:
        date_text.FILE_DATE_ORDER.reset(token)
    assert (reading.order, reading.reason, reading.dates["03/04/2026"]) == (
        "day-first", "as the file's other date columns", D(2026, 4, 3))
    assert date_text.read_column(["03.04.2026"]).order == "day-first"
    reading = date_text.read_column(["03/04/2026"])
    assert (reading.order, reading.reason) == ("month-first", "assumed: no value settles it")


def test_a_column_mixing_both_orders_keeps_the_majority_and_reports_the_rest():
    reading = date_text.read_column(["25/12/2025", "26/12/2025", "12/27/2025"])
    assert reading.order == "day-first" and reading.unread == ["12/27/2025"]


def test_unreadable_cells_are_counted_with_their_text_and_never_guessed():
    problems = Problems()
    parsed = normalize.dates(pd.Series(["16-12-2025", "soon", "soon", "Q3", None], dtype=object), "Risks: Due", problems)
    assert [None if pd.isna(v) else v.date() for v in parsed] == [D(2025, 12, 16), None, None, None, None]
    assert problems.unparsed["Risks: Due"] == {"count": 3, "examples": ["Q3", "soon"], "kind": "date", "texts": ["Q3", "soon"], "rows": [1, 2, 3]}


def test_a_chosen_order_wins_over_the_values():
    token = normalize.CHOSEN_DATE_ORDERS.set({"Plan: Start": "month-first"})
    try:
        parsed = normalize.dates(pd.Series(["03/04/2026", "05/06/2026"], dtype=object), "Plan: Start", Problems())
    finally:
        normalize.CHOSEN_DATE_ORDERS.reset(token)
    assert [v.date() for v in parsed] == [D(2026, 3, 4), D(2026, 5, 6)]


# Locales whose CLDR date patterns are read (he, hi, th, el and ar's long forms are not yet: docs/sources.md)
LOCALES = ["en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "vi", "ja", "zh", "sv", "tr", "cs", "da", "fi", "nb",
           "hu", "uk", "ro", "id"]


@settings(max_examples=300, deadline=None)
@given(day=st.dates(D(1980, 1, 1), D(2060, 12, 31)), locale=st.sampled_from(LOCALES),
       width=st.sampled_from(["short", "medium", "long", "full"]))
def test_every_cldr_date_pattern_reads_back(day, locale, width):
    """A date as each locale writes it reads back to the same day; numbers-only forms need the
    column's order, which a second value with a day above 12 settles."""
    settles = D(day.year, day.month if day.day > 12 else 1, 25)
    texts = [format_date(day, width, locale=locale), format_date(settles, width, locale=locale)]
    reading = date_text.read_column(texts)
    assert reading.dates.get(texts[0]) == day, (texts, reading)


@settings(max_examples=150, deadline=None)
@given(moment=st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2050, 1, 1)), locale=st.sampled_from(LOCALES))
def test_a_time_of_day_in_either_clock_does_not_change_the_date(moment, locale):
    text = format_datetime(moment, "medium", locale=locale)
    settles = format_datetime(moment.replace(day=25), "medium", locale=locale)
    assert date_text.read_column([text, settles]).dates.get(text) == moment.date(), text
