"""Reading a day typed by the reader: "27.11.2025", "27.11", "27/11/25", "2025-11-27", or a
number of days back ("-1" is yesterday)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\.?")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAYS_BACK = re.compile(r"[-−–]\s*(\d{1,4})")


def parse_day(text: str, today: date) -> date | None:
    """The day meant by `text`, or None. Without a year, the last such day up to `today`."""
    text = text.strip()
    if match := _DAYS_BACK.fullmatch(text):
        return today - timedelta(days=int(match.group(1)))
    if match := _YEAR_FIRST.fullmatch(text):
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _DAY_FIRST.fullmatch(text)
    if match is None:
        return None
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if year is not None:
        return _day(int(year) + (2000 if len(year) == 2 else 0), month, day)
    found = _day(today.year, month, day)
    if found is not None and found > today:
        found = _day(today.year - 1, month, day)
    return found


def format_numeric(day: date) -> str:
    """The way `parse_day` reads it back: "27.11.2025"."""
    return f"{day.day:02}.{day.month:02}.{day.year}"


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
