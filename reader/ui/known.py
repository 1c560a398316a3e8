"""Which stories are known in which editions (from lists, stored pages, hreflang links), for
the "also in" marks. Thousands of stories are known: each set of editions is one shared
object (there are seven), and the day of a key is shared too."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from reader.models import Edition
from reader.site.urls import StoryRef, parse_story
from reader.ui.navigation import Target, target_of

StoryKey = tuple[str, date, int]  # section, day, id: what the editions of a story share
Editions = frozenset[Edition]

_SHARED: dict[Editions, Editions] = {}
_EDITIONS = tuple(Edition)  # iterating the enum itself costs more than the rest of `others`


def _joined(editions: Editions, more: Iterable[Edition]) -> Editions:
    joined = editions.union(more)
    return _SHARED.setdefault(joined, joined)


def _story(url: str) -> StoryRef | None:
    story = parse_story(url)
    return None if story is None or target_of(url) is Target.BROWSER else story


class KnownEditions:
    def __init__(self) -> None:
        self._known: dict[StoryKey, Editions] = {}
        self._days: dict[date, date] = {}

    def _key(self, story: StoryRef) -> StoryKey:
        return story.section, self._days.setdefault(story.day, story.day), story.id

    def learn(self, url: str) -> bool:
        """Note that the story of `url` exists in its edition; True when that is news."""
        story = _story(url)
        return story is not None and self._add(story)

    def learn_all(self, urls: Iterable[str]) -> None:
        """Many URLs at once (the store's thousands: run it off the event loop). The
        parse of each is not kept in parse_story's cache, which is for the lists shown."""
        for url in urls:
            story = parse_story.__wrapped__(url)
            if story is not None and target_of.__wrapped__(url) is not Target.BROWSER:
                self._add(story)

    def _add(self, story: StoryRef) -> bool:
        key = self._key(story)
        known = self._known.get(key, frozenset())
        if story.edition in known:
            return False
        self._known[key] = _joined(known, (story.edition,))
        return True

    def others(self, url: str) -> tuple[Edition, ...]:
        """The editions other than its own that the story of `url` is known in."""
        story = parse_story(url)
        if story is None:
            return ()
        known = self._known.get(self._key(story))
        if known is None:
            return ()
        return tuple(
            edition for edition in _EDITIONS if edition in known and edition != story.edition
        )
