"""Dates and times as the site prints them, read into aware datetimes in Kyiv time.

Old pages print "Saturday, 23 August 2025, 11:07"; new ones "24 жовтня, 15:26" without a
year, which then comes from the URL or JSON-LD. None of these functions raises on bad input.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from reader.site.editions import MONTHS_GENITIVE

KYIV = ZoneInfo("Europe/Kyiv")

_MONTH_NUMBERS = {
    name.casefold(): number
    for names in MONTHS_GENITIVE.values()
    for number, name in enumerate(names, start=1)
}
# Longest first, so that no month name stops at a shorter one that begins it.
_MONTH_ALTERNATION = "|".join(sorted(map(re.escape, _MONTH_NUMBERS), key=len, reverse=True))
# "[Weekday, ]D month[ YYYY], HH:MM"; the weekday is not needed, so it is not matched, and
# author names glued in front ("Roman PetrenkoSaturday, 23 August") do not matter.
_VISIBLE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_ALTERNATION})(?![^\W\d_])"
    r"(?:\s+(\d{4})(?!\d)(?:\s*р\.)?)?\s*,?\s*(?:о\s+|в\s+|at\s+)?(\d{1,2}):(\d{2})(?!\d)",
    re.IGNORECASE,
)
_HHMM = re.compile(r"(?<!\d)([01]?\d|2[0-3]):([0-5]\d)(?!\d)")


def parse_visible_datetime(text: str, *, year: int | None = None) -> datetime | None:
    """The first "[Weekday, ]D month[ YYYY], HH:MM" in the text (uk, ru or en), in Kyiv time.

    The year printed in the text wins over `year`; with neither the result is None.
    """
    for match in _VISIBLE.finditer(text):
        day, month, printed_year, hour, minute = match.groups()
        chosen = int(printed_year) if printed_year else year
        if chosen is None:
            continue
        try:
            return datetime(
                chosen,
                _MONTH_NUMBERS[month.casefold()],
                int(day),
                int(hour),
                int(minute),
                tzinfo=KYIV,
            )
        except (ValueError, OverflowError):
            continue
    return None


def parse_iso_datetime(text: str) -> datetime | None:
    """An ISO 8601 date-time (JSON-LD `datePublished`), in Kyiv time; naive values are Kyiv."""
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, TypeError, AttributeError):
        return None
    return _in_kyiv(value)


def parse_rfc2822(text: str) -> datetime | None:
    """An RFC 2822 date (RSS `pubDate`: "Sat, 23 Aug 2025 11:07:00 +0300"), in Kyiv time."""
    try:
        value = parsedate_to_datetime(text.strip())
    except (ValueError, TypeError, IndexError, OverflowError, AttributeError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # "-0000": UTC, no local zone known
    return _in_kyiv(value)


def at_kyiv_time(day: date, hhmm: str) -> datetime | None:
    """The given day at "HH:MM" (or "H:MM") Kyiv time, or None when the time is not valid."""
    match = _HHMM.fullmatch(hhmm.strip())
    if match is None:
        return None
    return datetime(day.year, day.month, day.day, int(match[1]), int(match[2]), tzinfo=KYIV)


def find_hhmm(text: str) -> str | None:
    """The first time of day in the text, as zero-padded "HH:MM"."""
    match = _HHMM.search(text)
    return f"{int(match[1]):02d}:{match[2]}" if match else None


def today_in_kyiv() -> date:
    return datetime.now(KYIV).date()


def _in_kyiv(value: datetime) -> datetime | None:
    if value.tzinfo is None:
        return value.replace(tzinfo=KYIV)
    try:
        return value.astimezone(KYIV)
    except (ValueError, OverflowError):
        return None
