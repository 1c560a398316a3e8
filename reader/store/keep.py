"""Bookmarked articles stay readable offline: bookmarking pins the page in the page store, so its
eviction passes it by. The state store and the page store know nothing of each other; this is
where they meet."""

from __future__ import annotations

from reader.models import Edition
from reader.store.cache import PageStore
from reader.store.state import StateStore
from reader.store.state_file import canonical_url


def toggle_bookmark(
    state: StateStore,
    pages: PageStore | None,
    url: str,
    title: str,
    edition: Edition | None = None,
) -> bool:
    """Bookmark the page and pin it, or drop the bookmark and unpin it; whether it is
    bookmarked now. Raises StateError when the bookmark could not be written."""
    bookmarked = state.toggle_bookmark(url, title, edition)
    if pages is not None:
        pages.pin(canonical_url(url), bookmarked)
    return bookmarked


def pin_bookmarks(state: StateStore, pages: PageStore) -> int:
    """Pin every bookmarked page the store holds: after an import, and at start-up for pages
    stored only after they were bookmarked. The number of bookmarks."""
    saved = state.bookmarks()
    for bookmark in saved:
        pages.pin(bookmark.url)
    return len(saved)
