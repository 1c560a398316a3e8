"""The day archive under a news list: reaching the end of the list loads the day before (the
list's own "previous day" link) and adds its headlines below, and so on further back."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from reader.models import NewsList
from reader.site.urls import day_of_list_url


class EarlierState(StrEnum):
    READY = "ready"  # reaching it loads the day
    LOADING = "loading"
    FAILED = "failed"  # reaching it again does not retry; choosing it (Enter, a click) does


@dataclass(frozen=True, slots=True)
class Earlier:
    """The entry at the end of a list that stands for the day before."""

    url: str
    day: date
    state: EarlierState = EarlierState.READY
    reason: str = ""


@dataclass(slots=True)
class DayArchive:
    """The days added under the list at `base` (a day's URL may come only once)."""

    base: str | None = None
    days: list[NewsList] = field(default_factory=list)
    loading: str | None = None
    failed: dict[str, str] = field(default_factory=dict)  # a day's URL -> why it failed

    def follow(self, url: str) -> None:
        """The list at `url` is the one shown: the days of another list are dropped."""
        if url != self.base:
            self.base = url
            self.days.clear()
            self.loading = None
            self.failed.clear()

    def add(self, day: NewsList) -> None:
        self.days.append(day)
        self.failed.pop(day.url, None)

    def merged(self, news: NewsList) -> NewsList:
        """`news` with the days added so far below it; a headline already shown is left out
        of the days below."""
        if news.url != self.base or not self.days:
            return news
        seen = {item.url for item in news.items}
        items = list(news.items)
        for day in self.days:
            for item in day.items:
                if item.url not in seen:
                    seen.add(item.url)
                    items.append(item)
        return replace(news, items=tuple(items), previous_day=self.days[-1].previous_day)

    def earlier(self, news: NewsList) -> Earlier | None:
        """The entry for the day before what `news` shows (merged), when the site names one."""
        url = news.previous_day
        day = day_of_list_url(url) if url else None
        if url is None or day is None:
            return None
        if url == self.loading:
            return Earlier(url, day, EarlierState.LOADING)
        if url in self.failed:
            return Earlier(url, day, EarlierState.FAILED, self.failed[url])
        return Earlier(url, day)

    def wants(self, url: str, *, retry: bool) -> bool:
        """Whether reaching (or, with `retry`, choosing) the entry for `url` should load it."""
        if url == self.loading or any(day.url == url for day in self.days):
            return False
        return retry or url not in self.failed
