"""Visible dates of both designs in three languages, ISO and RFC 2822 dates, all in Kyiv time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.site.dates import (
    KYIV,
    at_kyiv_time,
    find_hhmm,
    parse_iso_datetime,
    parse_rfc2822,
    parse_visible_datetime,
    today_in_kyiv,
)


def kyiv(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KYIV)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saturday, 23 August 2025, 11:07", kyiv(2025, 8, 23, 11, 7)),
        ("Oleh Pavliuk, Roman PetrenkoSaturday, 23 August 2025, 11:07", kyiv(2025, 8, 23, 11, 7)),
        ("П'ятниця, 29 серпня 2025, 13:04", kyiv(2025, 8, 29, 13, 4)),
        ("П\u2019ятниця, 29 серпня 2025, 13:04", kyiv(2025, 8, 29, 13, 4)),
        ("П\u02bcятниця, 29 серпня 2025, 13:04", kyiv(2025, 8, 29, 13, 4)),
        ("Пятница, 29 августа 2025, 13:04", kyiv(2025, 8, 29, 13, 4)),
        ("СУББОТА, 1 МАЯ 2021, 09:00", kyiv(2021, 5, 1, 9, 0)),
        ("Monday, 5 january 2026, 0:05", kyiv(2026, 1, 5, 0, 5)),
    ],
)
def test_old_design_dates_carry_their_year(text: str, expected: datetime) -> None:
    assert parse_visible_datetime(text) == expected
    assert parse_visible_datetime(text, year=1999) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24 жовтня, 15:26", kyiv(2025, 10, 24, 15, 26)),
        ("Автор —  24 жовтня, 15:26", kyiv(2025, 10, 24, 15, 26)),
        ("8 января, 17:46", kyiv(2025, 1, 8, 17, 46)),
        ("Автор, 8 января, 17:46", kyiv(2025, 1, 8, 17, 46)),
        ("16 July, 14:30", kyiv(2025, 7, 16, 14, 30)),
        ("1 листопада,\u00a009:15", kyiv(2025, 11, 1, 9, 15)),
    ],
)
def test_new_design_dates_take_the_given_year(text: str, expected: datetime) -> None:
    assert parse_visible_datetime(text, year=2025) == expected


def test_no_year_anywhere_gives_none() -> None:
    assert parse_visible_datetime("24 жовтня, 15:26") is None


def test_kyiv_offsets_follow_daylight_saving() -> None:
    summer = parse_visible_datetime("23 August 2025, 11:07")
    winter = parse_visible_datetime("28 листопада 2025, 11:07")
    assert summer is not None and winter is not None
    assert summer.utcoffset() == timedelta(hours=3)
    assert winter.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no date here",
        "30 лютого 2025, 10:00",  # no such day
        "5 May 2025, 25:00",
        "5 May 2025, 10:75",
        "123 May 2025, 10:00",
        "5 Mayday 2025, 10:00",
        "5 mayo, 10:00",
        "11:07",
    ],
)
def test_bad_visible_dates(text: str) -> None:
    assert parse_visible_datetime(text, year=2025) is None


def test_first_valid_date_wins() -> None:
    text = "31 лютого 2025, 10:00 then 1 березня 2025, 11:00 and 2 березня 2025, 12:00"
    assert parse_visible_datetime(text) == kyiv(2025, 3, 1, 11, 0)


def test_parse_iso_datetime() -> None:
    aware = parse_iso_datetime("2026-01-08T17:46:00+02:00")
    assert aware == kyiv(2026, 1, 8, 17, 46)
    assert aware is not None and aware.tzinfo is KYIV
    assert parse_iso_datetime(" 2025-08-23T11:07:00 ") == kyiv(2025, 8, 23, 11, 7)
    assert parse_iso_datetime("2025-08-23T08:07:00Z") == kyiv(2025, 8, 23, 11, 7)
    assert parse_iso_datetime("2025-08-23") == kyiv(2025, 8, 23, 0, 0)
    assert parse_iso_datetime("yesterday") is None
    assert parse_iso_datetime("") is None


def test_parse_rfc2822() -> None:
    value = parse_rfc2822("Sat, 23 Aug 2025 11:07:00 +0300")
    assert value == kyiv(2025, 8, 23, 11, 7)
    assert value is not None and value.tzinfo is KYIV
    assert parse_rfc2822("Thu, 08 Jan 2026 17:46:00 +0200") == kyiv(2026, 1, 8, 17, 46)
    assert parse_rfc2822("Sat, 23 Aug 2025 08:07:00 GMT") == kyiv(2025, 8, 23, 11, 7)
    assert parse_rfc2822("Sat, 23 Aug 2025 08:07:00 -0000") == datetime(
        2025, 8, 23, 8, 7, tzinfo=UTC
    )
    assert parse_rfc2822("not a date") is None
    assert parse_rfc2822("") is None


def test_at_kyiv_time() -> None:
    assert at_kyiv_time(date(2025, 11, 28), "09:05") == kyiv(2025, 11, 28, 9, 5)
    assert at_kyiv_time(date(2025, 11, 28), "9:05") == kyiv(2025, 11, 28, 9, 5)
    assert at_kyiv_time(date(2025, 11, 28), "24:00") is None
    assert at_kyiv_time(date(2025, 11, 28), "noon") is None


def test_find_hhmm() -> None:
    assert find_hhmm("  9:05 ") == "09:05"
    assert find_hhmm("Saturday, 23 August 2025, 11:07") == "11:07"
    assert find_hhmm("score 124:567 then 23:59") == "23:59"
    assert find_hhmm("no time") is None


def test_today_in_kyiv_is_a_date_near_now() -> None:
    today = today_in_kyiv()
    utc_today = datetime.now(UTC).date()
    assert abs((today - utc_today).days) <= 1


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=80), st.one_of(st.none(), st.integers(min_value=-5, max_value=20000)))
def test_visible_parser_never_raises(text: str, year: int | None) -> None:
    value = parse_visible_datetime(text, year=year)
    assert value is None or value.tzinfo is KYIV


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_other_parsers_never_raise(text: str) -> None:
    for value in (parse_iso_datetime(text), parse_rfc2822(text)):
        assert value is None or value.utcoffset() is not None
    find_hhmm(text)
    at_kyiv_time(date(2025, 1, 1), text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)))
def test_iso_round_trip(moment: datetime) -> None:
    aware = moment.replace(tzinfo=KYIV)
    parsed = parse_iso_datetime(aware.isoformat())
    # Compared as instants: a wall time skipped by the spring change reads back an hour later.
    assert parsed is not None and parsed.astimezone(UTC) == aware.astimezone(UTC)
