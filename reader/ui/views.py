"""The reader's own lists, Saved and History, made as news lists: the list pane shows them like
any list of the site, and back and forward go through them as through any other page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from reader.models import Edition, Headline, NewsList, PageKind
from reader.site.urls import parse_story
from reader.store.state import Bookmark, Visit
from reader.ui.navigation import Target, target_of

SAVED_URL = "reader:saved"
HISTORY_URL = "reader:history"
HISTORY_SHOWN = 500  # the most recent visits listed; the store keeps more


def is_view(url: str) -> bool:
    return url in (SAVED_URL, HISTORY_URL)


def saved_list(bookmarks: Sequence[Bookmark], zone: tzinfo | None) -> NewsList:
    """The bookmarks, newest first, under the day they were saved."""
    items = tuple(
        _headline(saved.url, saved.title, saved.edition, saved.saved_at, zone)
        for saved in bookmarks
    )
    return NewsList(PageKind.LIST, SAVED_URL, None, None, items)


def history_list(visits: Sequence[Visit], zone: tzinfo | None) -> NewsList:
    """The articles opened, the last first, with the time each was opened."""
    items = tuple(
        _headline(visit.url, visit.title, visit.edition, visit.opened_at, zone)
        for visit in visits[:HISTORY_SHOWN]
    )
    return NewsList(PageKind.LIST, HISTORY_URL, None, None, items)


def _headline(
    url: str, title: str, edition: Edition | None, when: datetime, zone: tzinfo | None
) -> Headline:
    local = when.astimezone(zone)
    external = target_of(url) is Target.BROWSER  # a sister site numbers its own stories
    story = None if external else parse_story(url)
    return Headline(
        title=title or url,
        url=url,
        time=f"{local:%H:%M}",
        published=local,
        external=external,
        edition=edition,
        id=story.id if story is not None else None,
    )
