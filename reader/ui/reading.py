"""The reader's own state in the app: read marks, Saved, History, search, the days added under a
list and the headlines a refresh brought.

The stores do the work (reader.store.state, .keep, .search); this is where the app meets them.
Writes run off the event loop and end in a repaint of the marks and counts; a write that fails
is a toast, never the end of the app. Without a state store (none given, or it would not open)
the reader works as before, and the keys that need it say why they do nothing.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack, suppress
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from reader.models import Article, Edition, Headline, NewsList
from reader.net.errors import FetchError
from reader.site.dates import KYIV
from reader.site.urls import (
    DEFAULT_BASE_URL,
    day_of_list_url,
    edition_of,
    news_list_url,
    tag_slug,
    tag_url,
)
from reader.store.cache import PageStore
from reader.store.keep import pin_bookmarks, toggle_bookmark
from reader.store.search import SearchError, SearchHit, SearchIndex, index_path_for
from reader.store.state import StateError, StateStore
from reader.ui.archive import DayArchive, EarlierState
from reader.ui.i18n import error_reason, format_day, tr
from reader.ui.navigation import Target, target_of
from reader.ui.screens.tags import TagsScreen
from reader.ui.toast import say
from reader.ui.views import SAVED_URL, history_list, saved_list
from reader.ui.widgets.news import NewsPane
from reader.ui.widgets.url_list import Entry

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

IMPORTANT_TOASTS = 3  # at most this many toasts for the important headlines of one refresh
Marked = Headline | Article  # what `m` and `s` act on
R = TypeVar("R")


class _Stopped(Exception):
    """The app is closing: the search sync stops between batches."""


class Reading:
    def __init__(self, app: ReaderApp, state: StateStore | Path | None) -> None:
        """`state` is an open store (the caller closes it), a path (opened and closed here)
        or None (no reading state)."""
        self.app = app
        self._state_arg = state
        self.state: StateStore | None = None
        self.index: SearchIndex | None = None
        self.pages: PageStore | None = None
        self.problems: list[str] = []
        self.state_problem = "no state file"
        self.archive = DayArchive()
        self.new_urls: set[str] = set()  # headlines a refresh brought, not read yet
        self.unread: dict[Edition, int] = {}  # of each edition's recent news known
        self.indexing = False
        self.last_query = ""
        self.last_search_edition: Edition | None = None  # None: every edition
        self._recent: dict[Edition, NewsList] = {}
        self._read: set[str] = set()
        self._saved: set[str] = set()
        self._stop = threading.Event()

    # -- opening and closing ------------------------------------------------------------

    def open(self, stack: AsyncExitStack, pages: PageStore | None) -> None:
        """Open what was given as paths; `stack` closes them with the app."""
        lang = self.app.lang
        self.pages = pages
        if isinstance(self._state_arg, Path):
            try:
                self.state = StateStore(self._state_arg)
            except StateError as error:
                self.state_problem = str(error)
                self.problems.append(tr(lang, "no_state", reason=error))
            else:
                stack.callback(self.state.close)
        else:
            self.state = self._state_arg
        if self.state is not None:
            self.problems.extend(self.state.warnings)
        if pages is not None:
            try:
                self.index = SearchIndex(index_path_for(pages.path))
            except SearchError as error:
                self.problems.append(tr(lang, "search_off", reason=error))
            else:
                stack.callback(self.index.close)
                self.problems.extend(self.index.warnings)
        stack.callback(self._stop.set)  # first of these on closing: a sync stops first

    def start(self) -> None:
        """Say what does not work; bring the index up to the store, pin saved pages."""
        for problem in self.problems:
            say(self.app, problem, "warning")
        if self.pages is not None and (self.index is not None or self.state is not None):
            self.app.run_worker(self._sync(self.pages), group="reading", exit_on_error=False)

    async def _sync(self, pages: PageStore) -> None:
        self.indexing = True
        try:
            await asyncio.to_thread(self._sync_now, pages)
        finally:
            self.indexing = False

    def _sync_now(self, pages: PageStore) -> None:
        if self.state is not None:
            pin_bookmarks(self.state, pages)
        if self.index is not None:
            with suppress(_Stopped):
                self.index.sync_from(pages, self._progress)

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise _Stopped

    # -- marks and counts -----------------------------------------------------------------

    def load_marks(self, items: Sequence[Headline]) -> None:
        """Read the marks of these headlines (before painting them)."""
        if self.state is None:
            return
        self._read = self.state.read_urls(items)
        self._saved = self.state.bookmarked_urls(item.url for item in items)
        self.new_urls -= self._read

    def row(self, item: Headline) -> tuple[bool, bool, bool]:
        """(unread, bookmarked, new) of a headline whose marks were loaded."""
        if self.state is None:
            return False, False, False
        unread = item.url not in self._read
        return unread, item.url in self._saved, unread and item.url in self.new_urls

    def saw_list(self, news: NewsList) -> None:
        """A list was shown or read from the store: an edition's recent news gives its count."""
        edition = edition_of(news.url)
        if news.url == news_list_url(DEFAULT_BASE_URL, edition):
            self._recent[edition] = news

    def update_counts(self) -> None:
        state = self.state
        if state is not None:
            self.unread = {
                edition: state.unread_count(news.items) for edition, news in self._recent.items()
            }

    def follow_list(self, url: str) -> None:
        """The list at `url` is shown: added days and new marks of another list go."""
        if url != self.archive.base:
            self.new_urls.clear()
        self.archive.follow(url)

    def arrived(self, previous: NewsList, news: NewsList) -> None:
        """A refresh of the shown list: its new headlines are marked; important ones toast."""
        before = {item.url for item in previous.items}
        new = [item for item in news.items if item.url not in before]
        self.new_urls.update(item.url for item in new)
        lang = self.app.lang
        for item in [item for item in new if item.important][:IMPORTANT_TOASTS]:
            say(self.app, tr(lang, "important_new", title=item.title), "warning")

    # -- what the reader does -------------------------------------------------------------

    def shown(self, article: Article, *, opened: bool) -> None:
        """An article is on screen: it goes into the search index, and when it was just
        opened (not refreshed) into the history, its story marked read; after the frame that
        shows it, so that this work does not compete with drawing it."""
        self.app.call_after_refresh(self._record, article, opened)

    def _record(self, article: Article, opened: bool) -> None:
        if self.index is not None:
            self.app.run_worker(
                asyncio.to_thread(self.index.add, article), group="index", exit_on_error=False
            )
        if opened:
            self.new_urls.discard(article.url)
            state = self.state
            if state is not None:
                self._write(partial(state.opened, article.url, article.title, article.edition))

    def target(self) -> Marked | None:
        """What `m` and `s` act on: the highlighted headline in the list pane, else the
        open article."""
        app = self.app
        if app.main.current == "news":
            pane = app.main.query_one(NewsPane)
            url = pane.list.highlighted_url
            if pane.news is not None and url is not None:
                found = next((item for item in pane.news.items if item.url == url), None)
                if found is not None:
                    return found
        return app.article

    def toggle_read(self) -> None:
        state, target = self._state_and_target()
        if state is None or target is None:
            return

        def toggle() -> str:
            if state.is_read(target):
                state.mark_unread(target)
                return "marked_unread"
            state.mark_read(target)
            return "marked_read"

        self._write(toggle, lambda key: tr(self.app.lang, key))

    def mark_all_read(self) -> None:
        state = self._need_state()
        pane = self.app.main.query_one(NewsPane)
        if state is None or pane.news is None:
            return
        items = pane.news.items
        self._write(
            partial(state.mark_all_read, items),
            lambda count: tr(self.app.lang, "all_read", count=count),
        )

    def toggle_bookmark(self) -> None:
        state, target = self._state_and_target()
        if state is None or target is None:
            return
        edition = target.edition if isinstance(target, Article) else None
        url, title = target.url, target.title
        self.app.run_worker(
            self._bookmark(state, url, title, edition), group="state", exit_on_error=False
        )

    async def _bookmark(
        self, state: StateStore, url: str, title: str, edition: Edition | None
    ) -> None:
        app = self.app
        pages = self.pages
        try:
            saved = await asyncio.to_thread(toggle_bookmark, state, pages, url, title, edition)
        except StateError as error:
            say(app, tr(app.lang, "state_failed", reason=error), "error")
            return
        key = "bookmarked" if saved else "unbookmarked"
        say(app, tr(app.lang, key, title=title))
        app.reading_changed()
        service = app.service
        opened = app.article is not None and app.article.url == url
        fetch = saved and not opened and target_of(url) is Target.ARTICLE
        if fetch and pages is not None and service is not None:
            # Saved from the list: fetch it now, so that it can be read offline.
            try:
                await service.article(url)
            except FetchError:
                return  # pinned at the next start, if it is stored by then
            await asyncio.to_thread(pages.pin, url)

    def _state_and_target(self) -> tuple[StateStore | None, Marked | None]:
        state = self._need_state()
        if state is None:
            return None, None
        target = self.target()
        if target is None:
            say(self.app, tr(self.app.lang, "nothing_selected"))
        return state, target

    def _need_state(self) -> StateStore | None:
        if self.state is None:
            say(self.app, tr(self.app.lang, "no_state", reason=self.state_problem), "warning")
        return self.state

    def _write(self, write: Callable[[], R], done: Callable[[R], str] | None = None) -> None:
        """Write to the state off the event loop, then repaint; a failure is a toast."""
        self.app.run_worker(self._written(write, done), group="state", exit_on_error=False)

    async def _written(self, write: Callable[[], R], done: Callable[[R], str] | None) -> None:
        app = self.app
        try:
            result = await asyncio.to_thread(write)
        except StateError as error:
            say(app, tr(app.lang, "state_failed", reason=error), "error")
            return
        if done is not None:
            say(app, done(result))
        app.reading_changed()

    # -- the reader's own lists -----------------------------------------------------------

    def view(self, url: str) -> NewsList:
        """Saved or History, as a list."""
        zone = self.app.clock().tzinfo
        state = self.state
        if url == SAVED_URL:
            return saved_list(state.bookmarks() if state is not None else [], zone)
        return history_list(state.history() if state is not None else [], zone)

    def view_title(self, url: str) -> tuple[str, str]:
        """(title, what an empty list means) of Saved or History."""
        lang = self.app.lang
        if url == SAVED_URL:
            key = self.app.key_for("bookmark")
            return tr(lang, "saved_title"), tr(lang, "saved_empty", press=key)
        return tr(lang, "history_title"), tr(lang, "history_empty")

    # -- the day archive ------------------------------------------------------------------

    def earlier_entry(self, news: NewsList) -> Entry | None:
        """The entry at the end of the (merged) list for the day before, if any."""
        earlier = self.archive.earlier(news)
        if earlier is None:
            return None
        lang = self.app.lang
        day = format_day(lang, earlier.day)
        if earlier.state is EarlierState.LOADING:
            return Text(tr(lang, "earlier_loading", day=day), style="italic"), earlier.url
        if earlier.state is EarlierState.FAILED:
            words = tr(lang, "earlier_failed", day=day, reason=earlier.reason)
            return Text(words, style="dim"), earlier.url
        return Text(tr(lang, "earlier", day=day), style="bold"), earlier.url

    def want_earlier(self, url: str, *, chosen: bool) -> None:
        """The reader reached (or chose) the entry for the day before: load it."""
        app = self.app
        base = app.news.url if app.news is not None else None
        if base != self.archive.base or not self.archive.wants(url, retry=chosen):
            return
        self.archive.loading = url
        app.show_news()
        app.run_worker(self._earlier(base, url), group="earlier", exit_on_error=False)

    async def _earlier(self, base: str | None, url: str) -> None:
        app = self.app
        service = app.service
        day = day_of_list_url(url)
        archive = self.archive
        if service is None or day is None:
            return
        try:
            loaded = await service.news_for_day(edition_of(url), day)
        except FetchError as error:
            if archive.base == base and archive.loading == url:
                archive.loading = None
                archive.failed[url] = error_reason(app.lang, error)
                app.show_news()
            return
        if archive.base != base or archive.loading != url or app.news is None:
            return  # the reader has moved on
        archive.loading = None
        shown = {item.url for item in archive.merged(app.news).items}
        archive.add(loaded.page)
        if app.main.query_one(NewsPane).list.highlighted_url != url:
            app.show_news()  # the cursor went elsewhere meanwhile: it stays there
            return
        # The cursor goes on into the day: its first headline not shown above, else the
        # entry for the day before that.
        first = next((item.url for item in loaded.page.items if item.url not in shown), None)
        app.show_news(select=first or archive.merged(app.news).previous_day)

    # -- search, days, tags ---------------------------------------------------------------

    def open_search(self) -> None:
        app = self.app
        lang = app.lang
        if self.index is None:
            say(app, tr(lang, "search_off", reason="no page store"), "warning")
            return
        from reader.ui.screens.search import SearchScreen  # at its first use: not at start-up

        screen = SearchScreen(
            self._search, lang, self.last_query, lambda: self.indexing, self.last_search_edition
        )
        app.push_screen(screen, self._searched)

    def _search(self, query: str, edition: Edition | None) -> tuple[list[SearchHit], int]:
        """The hits and the number of articles searched (called in a thread)."""
        index = self.index
        if index is None:
            return [], 0
        return index.search(query, edition), index.count(edition)

    def _searched(self, result: tuple[str, Edition | None, str | None] | None) -> None:
        if result is None:
            return
        self.last_query, self.last_search_edition, url = result
        if url is not None:
            self.app.open_article(url)

    def jump_day(self) -> None:
        app = self.app
        today = app.clock().astimezone(KYIV).date()
        shown = app.news.day if app.news is not None else None
        from reader.ui.screens.day import DayScreen  # at its first use: not at start-up

        app.push_screen(DayScreen(app.lang, shown or today, today), self._day_chosen)

    def _day_chosen(self, day: date | None) -> None:
        if day is None:
            return
        app = self.app
        today = app.clock().astimezone(KYIV).date()
        app.show_list(news_list_url(DEFAULT_BASE_URL, app.edition, None if day == today else day))
        app.main.show_pane("news")

    def choose_tag(self) -> None:
        app = self.app
        article = app.article
        if article is None:
            say(app, tr(app.lang, "open_article_first"))
        elif not article.tags:
            say(app, tr(app.lang, "no_tags"))
        else:
            app.push_screen(TagsScreen(article.tags, app.lang), self._tag_chosen)

    def _tag_chosen(self, url: str | None) -> None:
        """The tag's list in the edition being read (the same tag keeps its slug in each)."""
        slug = tag_slug(url) if url is not None else None
        if slug is None:
            return
        app = self.app
        app.show_list(tag_url(DEFAULT_BASE_URL, app.edition, slug))
        app.main.show_pane("news")
