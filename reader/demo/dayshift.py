"""Moving the printed days of the demo's list pages, so that the demo always has a "today".

Day-list URLs (`date_DDMMYYYY`) are shifted by the server on bytes; this module moves the
visible day headers ("Пʼятниця, 28 листопада 2025", "27 November 2025") in the three
languages, keeping each one's language, weekday and capitalisation. Only days printed with
their year move: a headline's "by 1 December" is news text, not a date of the page.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from reader.models import Edition
from reader.site.editions import MONTHS_GENITIVE, WEEKDAYS

_MONTHS = {
    name.casefold(): (edition, number)
    for edition, names in MONTHS_GENITIVE.items()
    for number, name in enumerate(names, start=1)
}
_WEEKDAY_NAMES = sorted(
    (name for names in WEEKDAYS.values() for name in names), key=len, reverse=True
)
_APOSTROPHES = "['’ʼ]"
_WEEKDAY = "|".join(re.escape(name).replace("'", _APOSTROPHES) for name in _WEEKDAY_NAMES)
_MONTH = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_VISIBLE_DAY = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY}),\s*)?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\b\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)


def shift_visible_days(text: str, offset: timedelta) -> str:
    """`text` with every day printed with its year moved by `offset`."""
    if not offset:
        return text

    def move(match: re.Match[str]) -> str:
        edition, month = _MONTHS[match["month"].casefold()]
        try:
            day = date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            return match[0]
        return _printed(day + offset, edition, match)

    return _VISIBLE_DAY.sub(move, text)


def _printed(day: date, edition: Edition, match: re.Match[str]) -> str:
    month = _same_case(MONTHS_GENITIVE[edition][day.month - 1], match["month"])
    text = f"{day.day} {month} {day.year}"
    if match["weekday"]:
        weekday = _same_case(WEEKDAYS[edition][day.weekday()], match["weekday"])
        text = f"{weekday}, {text}"
    return text


def _same_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word.lower()
