"""Normalisers: exact values for the formats trackers export, and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_data import normalize
from pmo_data.columns import TEXT
from pmo_data.normalize import Problems


def series(*values):
    return pd.Series(list(values), dtype=object)


def as_dates(values) -> list:
    return [None if pd.isna(v) else v.date() for v in values]


def test_dates_in_many_tracker_formats():
    problems = Problems()
    parsed = normalize.dates(series(
        "25/Feb/26 10:17 PM",          # Jira
        "January 15, 2026 8:00 AM",    # MS Project
        "2026-03-04",                  # ISO
        "2026-03-04T09:30:00",
        "NA",                          # MS Project's unset baseline
        None,
        dt.datetime(2026, 5, 6, 14, 0),
        46000.0,                       # an Excel serial number
        "not a date",
    ), "col", problems)
    assert as_dates(parsed) == [
        dt.date(2026, 2, 25), dt.date(2026, 1, 15), dt.date(2026, 3, 4), dt.date(2026, 3, 4), None, None,
        dt.date(2026, 5, 6), dt.date(2025, 12, 9), None,
    ]
    assert problems.unparsed == {"col": {"count": 1, "examples": ["not a date"], "kind": "date", "texts": ["not a date"], "rows": [8]}}  # row 8: the ninth cell


def test_day_first_is_decided_for_the_whole_column():
    problems = Problems()
    parsed = normalize.dates(series("03/04/2026", "25/04/2026"), "due", problems)
    assert as_dates(parsed) == [dt.date(2026, 4, 3), dt.date(2026, 4, 25)]
    assert problems.decisions == {"due": "day-first (settled by the values)"}


def test_ambiguous_column_assumes_month_first_and_says_so():
    problems = Problems()
    parsed = normalize.dates(series("03/04/2026", "08/28/2026"), "due", problems)
    assert as_dates(parsed) == [dt.date(2026, 3, 4), dt.date(2026, 8, 28)]
    problems = Problems()
    normalize.dates(series("03/04/2026", "05/06/2026"), "due", problems)
    assert problems.decisions == {"due": "month-first (assumed: no value settles it)"}


def test_german_dates():
    assert as_dates(normalize.dates(series("31.12.2026", "01.02.2027"))) == [dt.date(2026, 12, 31), dt.date(2027, 2, 1)]


@pytest.mark.parametrize(
    "raw, expected",
    [("$1,200.00", 1200.0), ("1.234,50 €", 1234.5), ("(300)", -300.0), ("-45", -45.0), ("1 234", 1234.0),
     ("1,5", 1.5), ("1.234.567", 1234567.0), (2500, 2500.0), ("3.2E+05", 320000.0), ("€ 99", 99.0)],
)
def test_money(raw, expected):
    assert normalize.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "", "$", True])
def test_money_rejects_non_numbers(raw):
    with pytest.raises(ValueError):
        normalize.parse_number(raw)


def test_percent_decides_fractions_per_column():
    assert normalize.percent(series("45%", 0.5, 0.25)).tolist() == [45.0, 50.0, 25.0]
    assert normalize.percent(series(45, 100, 0)).tolist() == [45.0, 100.0, 0.0]
    assert normalize.percent_fraction(series(1, 0.3)).tolist() == [100.0, 30.0]


@pytest.mark.parametrize(
    "raw, hours",
    [("5 days", 40.0), ("1 day?", 8.0), ("2 wks", 80.0), ("40 hrs", 40.0), ("5h", 5.0), ("4h 30m", 4.5),
     ("5d", 40.0), ("2w", 80.0), ("PT8H", 8.0), ("0.5 days", 4.0), ("3", 3.0), (7.5, 7.5)],
)
def test_durations_to_hours(raw, hours):
    assert normalize.parse_hours(raw) == hours


def test_seconds_and_days_as_default_units():
    assert normalize.seconds_to_hours(series(28800, "3600")).tolist() == [8.0, 1.0]
    assert normalize.days_to_hours(series(2, "1.5")).tolist() == [16.0, 12.0]


@pytest.mark.parametrize(
    "raw, point", [("Very Low", 1), ("low", 2), ("M", 3), ("High", 4), ("very high", 5), (3, 3), (4.0, 4),
                   ("4 - High", 4), ("5%", 1), ("45%", 3), ("90%", 5), (0.25, 2)],
)
def test_probability_and_impact_scale(raw, point):
    assert normalize.parse_scale(raw) == point


def test_booleans_and_health_words():
    assert normalize.boolean(series("Yes", "no", "TRUE", 0, None)).tolist() == [True, False, True, False, pd.NA]
    health = normalize.reported_health(series("Green", "Y", "RED", "purple"), "rag", problems := Problems())
    assert health.tolist()[:3] == ["green", "amber", "red"] and pd.isna(health.iloc[3])
    assert problems.unparsed["rag"]["examples"] == ["purple"]


def test_status_category_through_the_default_map():
    got = normalize.status_category(series("To Do", "Working on it", "Closed", "Weird"), "any")
    assert got.tolist()[:3] == ["todo", "in_progress", "done"] and pd.isna(got.iloc[3])


def test_text_drops_float_tails_of_ids():
    assert normalize.text(series(12.0, "  a   b ", 3.5)).tolist() == ["12", "a b", "3.5"]


# -- properties ------------------------------------------------------------------------

@given(st.lists(st.one_of(st.none(), st.text(max_size=30), st.floats(allow_nan=True), st.integers(), st.booleans()), max_size=20))
@settings(max_examples=150, deadline=None)
def test_no_normaliser_crashes_on_any_cell(values):
    raw = series(*values)
    for parse in (normalize.dates, normalize.number, normalize.percent, normalize.hours, normalize.boolean,
                  normalize.scale_1_5, normalize.text, normalize.reported_health):
        result = parse(raw, "c", Problems())
        assert len(result) == len(values)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%d/%b/%y %I:%M %p", "%B %d, %Y", "%d.%m.%Y", "%m/%d/%Y"]))
@settings(max_examples=200, deadline=None)
def test_dates_round_trip_through_their_text(day, fmt):
    text = dt.datetime(day.year, day.month, day.day, 10, 0).strftime(fmt)
    if fmt == "%d/%b/%y %I:%M %p" and not 1969 <= day.year <= 2068:
        return  # two-digit years only cover a century
    assert as_dates(normalize.dates(series(text))) == [day]


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
@settings(max_examples=200, deadline=None)
def test_money_round_trips_in_us_and_european_notation(amount):
    us = f"${amount:,.2f}".replace("$-", "-$")
    european = f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " €"
    assert normalize.parse_number(us) == pytest.approx(float(amount))
    assert normalize.parse_number(european) == pytest.approx(float(amount))


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([("h", 1), (" hrs", 1), ("d", 8), (" days", 8), ("w", 40)]))
@settings(max_examples=200, deadline=None)
def test_hours_round_trip(amount, unit):
    suffix, factor = unit
    assert normalize.parse_hours(f"{amount}{suffix}") == amount * factor


def test_decimal_comma_is_decided_per_column_and_per_file():
    assert normalize.number(series("1.234", "12,5")).tolist() == [1234.0, 12.5]  # "12,5" settles the column
    assert normalize.number(series("1.234", "12.5")).tolist() == [1.234, 12.5]
    token = normalize.DECIMAL_COMMA.set(True)  # a ;-separated CSV
    try:
        assert normalize.number(series("90.000", "1,5")).tolist() == [90000.0, 1.5]
    finally:
        normalize.DECIMAL_COMMA.reset(token)


@given(st.lists(st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["  N/A ", "tbd", "\u00a0x\u2003 y\n", "Zoë  Müller"])),
                min_size=1, max_size=30))
@settings(max_examples=300, deadline=None)
def test_text_over_arrow_equals_text_cell_by_cell(values):
    """CSV columns (Arrow text) are cleaned in Arrow; the result must be what the per-cell rule gives:
    whitespace runs (any Unicode space) become one space, ends trimmed, missing words empty."""
    expected = [None if normalize.is_missing(v) else " ".join(v.split()) for v in values]
    column = pd.Series(values, dtype=TEXT)
    assert [None if pd.isna(v) else v for v in normalize.text(column)] == expected
