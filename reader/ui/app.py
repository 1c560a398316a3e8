"""The reader app: holds what is shown, loads pages in workers, routes keys and links.

Everything it needs comes in through `ReaderApp.__init__` (settings, where the site is, the
store, a clock), so tests run it against the demo server with a store in a temporary folder.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import AsyncExitStack
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reader import startup_profile
from reader.config import Config
from reader.links import LinkRefused, browser_target
from reader.models import Article, Edition, Headline, NewsList
from reader.net.client import ClientSettings
from reader.net.errors import FetchError
from reader.service import Loaded, NotStored, Service, Source, open_service
from reader.site.urls import (
    DEFAULT_BASE_URL,
    day_of_list_url,
    edition_of,
    news_list_url,
    tag_slug,
)
from reader.store.cache import PageStore, StoreError
from reader.store.state import StateStore
from reader.ui.commands import PaletteCommand, ReaderCommands
from reader.ui.i18n import (
    error_reason,
    format_day,
    key_text,
    label,
    language_words,
    next_step_key,
    tr,
)
from reader.ui.keys import binding
from reader.ui.known import KnownEditions
from reader.ui.navigation import History, Target, target_of
from reader.ui.reading import Reading
from reader.ui.render import RowMarks, page_text
from reader.ui.screens.main import MainScreen
from reader.ui.toast import say
from reader.ui.views import HISTORY_URL, SAVED_URL, is_view
from reader.ui.widgets.article import ArticlePane
from reader.ui.widgets.news import HeadlineList, NewsPane
from reader.ui.widgets.related import RelatedPane
from reader.ui.widgets.topbar import EditionLabel, TopBar
from reader.ui.widgets.url_list import UrlList

if TYPE_CHECKING:  # the screens and the export are imported when first used: not at start-up
    from reader.ui.screens.compare import CompareScreen

EDITION = Binding.Group("edition")  # shown as one footer entry, "1 2 3 Edition"
_EDITION_KEYS = {Edition.UK: "1", Edition.RU: "2", Edition.EN: "3"}
_FRESH = (Source.NETWORK, Source.REVALIDATED, Source.AMP)


def _now() -> datetime:
    return datetime.now().astimezone()


def _settle_heap() -> None:
    """The start-up work is done, and what it built (tens of thousands of objects) lives as
    long as the app: moved out of the collector's sight, so that its full collections stop
    costing 40-70 ms in the middle of a key press. (Collecting less often as well saved a
    little more time but held ~6 MB more memory.)"""
    gc.collect()
    gc.freeze()


class ReaderApp(App[int]):
    """Pravda Reader: the recent news, an article, its related links."""

    CSS_PATH = "app.tcss"
    TITLE = "Pravda Reader"
    # Textual declares this one without ClassVar, so annotating it here upsets mypy.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-single"),
        (60, "-narrow"),
        (100, "-wide"),
    ]
    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            binding(key, f"edition('{edition.value}')", f"edition-{edition.value}", group=EDITION)
            for edition, key in _EDITION_KEYS.items()
        ),
        binding("slash", "filter", "filter"),
        binding("r", "refresh", "refresh"),
        binding("o", "open_browser", "open-browser"),
        binding("equals_sign", "compare", "compare", show=False),
        binding("e", "export", "export", show=False),
        binding("c", "copy_link", "copy-link", show=False),
        binding("m", "toggle_read", "toggle-read", show=False),
        binding("M", "mark_all_read", "mark-all-read", show=False),
        binding("s", "bookmark", "bookmark", show=False),
        binding("S", "saved", "saved", show=False),
        binding("h", "history", "history", show=False),
        binding("ctrl+f,F", "search", "search", show=False),
        binding("d", "jump_day", "jump-day", show=False),
        binding("t", "article_tags", "article-tags", show=False),
        binding("backspace,alt+left", "go_back", "back"),
        binding("alt+right", "go_forward", "forward", show=False),
        binding("space", "page_down", "page-down", show=False),
        binding("b", "page_up", "page-up", show=False),
        binding("f", "follow_link", "follow-link", show=False),
        # While a link number is typed (after f, or a digit in the article or related pane),
        # these come first, whichever pane has the focus; otherwise they stand aside.
        *(
            binding(
                str(digit), f"link_digit({digit})", f"link-digit-{digit}", show=False, priority=True
            )
            for digit in range(10)
        ),
        binding("enter", "link_follow", "link-follow", priority=True),
        binding("escape", "link_cancel", "link-cancel", priority=True),
        binding("question_mark,f1", "help", "help"),
        binding("q", "quit", "quit"),
        binding("ctrl+p", "command_palette", "palette", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        config: Config | None = None,
        base_url: str | None = None,
        offline: bool = False,
        store: PageStore | Path | None = None,
        state: StateStore | Path | None = None,
        start_url: str | None = None,
        clock: Callable[[], datetime] = _now,
        client_settings: ClientSettings | None = None,
        config_problems: Sequence[str] = (),
        store_problem: str | None = None,
        export_folder: Path | None = None,
    ) -> None:
        """`store` is an open store (the caller closes it) or a path (the app opens and closes
        it); `state` (read marks, Saved, History) likewise, or None to keep none; `clock`
        gives the time shown as the last refresh; exports go to `export_folder` (default: the
        user's downloads or documents folder)."""
        super().__init__()
        self.config = config or Config()
        self.base_url = (base_url or self.config.base_url).rstrip("/")
        self.offline = offline
        self.clock = clock
        self.start_url = start_url
        self.client_settings = client_settings
        self._export_folder = export_folder
        self.edition = edition_of(start_url) if start_url else self.config.edition
        self.service: Service | None = None
        self.history = History()
        self.news: NewsList | None = None
        self.article: Article | None = None
        self.last_refresh: datetime | None = None
        self.new_count = 0
        self.list_stale = False
        self._store_arg = store
        self.reading = Reading(self, state)
        self._config_problems = list(config_problems)
        self._store_problem = store_problem
        self._stack = AsyncExitStack()
        self._list_url = news_list_url(DEFAULT_BASE_URL, self.edition)
        self._article_url: str | None = None
        self._known = KnownEditions()
        self._meta_prefix = False
        self.link_number: str | None = None  # digits typed so far, while a number is typed
        self._store_warnings_said = 0
        # The screen is still in the previous interface language because another list is on
        # its way (an edition switch): relabelling it in between would draw a frame of new
        # labels over the old list, only to be replaced a moment later. Whoever paints next
        # (the new list, or load_list when none came) says it all again, in one frame.
        self._list_relabel_due = False
        self._started = False  # the first list is painted
        self._panes_waiting = False  # the panes exist, the service did not yet
        self._first_frame: asyncio.Future[None] | None = None  # ... and on screen

    # -- set-up and tear-down -------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.describe_key, self._start)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def lang(self) -> Edition:
        """The interface language: the one the settings fix, else the edition's."""
        return self.config.ui_language or self.edition

    async def on_mount(self) -> None:
        self._first_frame = asyncio.get_running_loop().create_future()
        store = self._open_store()
        self.reading.open(self._stack, store)
        settings = self.client_settings or ClientSettings(
            base_url=self.base_url, max_per_host=self.config.max_per_host
        )
        self.service = await self._stack.enter_async_context(
            open_service(
                base_url=self.base_url, offline=self.offline, store=store, settings=settings
            )
        )
        startup_profile.mark("app mounted, stores and service open")
        if self._panes_waiting:
            self._start()

    def _start(self) -> None:
        """Fill the panes: the stored list at once, then the site's; the start page if any.
        Called by the main screen as soon as its panes exist, which may be before the app
        has its service (then once it has)."""
        startup_profile.mark("panes mounted")
        service = self.service
        self._panes_waiting = service is None
        if service is None:
            return
        self.set_keymap(dict(self.config.keymap))
        problems = list(self._config_problems)
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            problems.append(f"theme {self.config.theme!r} does not exist")
        self._paint_chrome()
        self.main.query_one(ArticlePane).view.show_message(tr(self.lang, "no_article"))
        for problem in problems:
            self._notify(tr(self.lang, "config_problem", problem=problem), "warning")
        if self._store_problem:
            self._notify(tr(self.lang, "no_store", reason=self._store_problem), "warning")
        self.history.push(self._list_url)
        # Painted before the screen's first frame, so that frame already has the list.
        stored = service.stored_now(self._list_url, NewsList)
        if stored is not None:
            self._paint_list(stored)
            self._expect_first_list()
        self.load_list(self._list_url)
        if self.start_url:
            self.follow(self.start_url)
        if self.config.refresh_minutes and not self.offline:
            self.set_interval(self.config.refresh_minutes * 60, self.live_refresh)
        self.main.show_pane("article" if self.start_url else "news")

    def _open_store(self) -> PageStore | None:
        if not isinstance(self._store_arg, Path):
            return self._store_arg
        try:
            store = PageStore(self._store_arg, max_bytes=self.config.cache_max_mb * 1_000_000)
        except StoreError as error:
            self._store_problem = str(error)
            return None
        self._stack.callback(store.close)
        return store

    async def on_unmount(self) -> None:
        await self._stack.aclose()

    async def on_event(self, event: events.Event) -> None:
        if (
            isinstance(event, events.Key)
            and self.link_number is not None
            and not (event.key.isdigit() or event.key in ("enter", "escape"))
        ):
            self._end_link_number()  # any other key means the reader changed their mind
        # Most terminals send Alt+Left as ESC [1;3D, which Textual reads as Escape then Left;
        # that Escape carries no character (the Escape key's does), so it marks the pair.
        if isinstance(event, events.Key):
            if self._meta_prefix and event.key in ("left", "right"):
                self._meta_prefix = False
                self.simulate_key(f"alt+{event.key}")
                return
            self._meta_prefix = event.key == "escape" and event.character is None
        await super().on_event(event)

    # -- words and chrome -------------------------------------------------------------------

    def describe_key(self, binding_id: str | None, fallback: str) -> tuple[str, str]:
        """(description, tooltip) of a binding in the interface language."""
        if binding_id is not None and binding_id.startswith(("link-number-", "link-digit-")):
            binding_id = "link-number"
        return key_text(self.lang, binding_id, fallback)

    def key_for(self, binding_id: str) -> str:
        """How the first key of a binding shows, after the user's keymap."""
        override = self.config.keymap.get(binding_id)
        key = override.split(",")[0].strip() if override else ""
        if not key:
            for binding in Binding.make_bindings(self.BINDINGS):
                if binding.id == binding_id:
                    key = binding.key
                    break
        return self.get_key_display(Binding(key, "")) if key else binding_id

    def _status(self) -> Text:
        lang = self.lang
        parts: list[Text] = []
        if self.link_number is not None:
            prompt = tr(lang, "link_prompt", number=self.link_number)
            parts.append(Text(prompt, style="bold reverse"))
        if self.new_count:
            parts.append(Text(tr(lang, "new_items", count=self.new_count), style="bold"))
        if self.offline or self.list_stale:
            parts.append(Text(tr(lang, "offline"), style="bold reverse"))
        if self.last_refresh is not None:
            parts.append(Text(tr(lang, "updated", time=f"{self.last_refresh:%H:%M}")))
        return Text("  ·  ").join(parts)

    def _paint_chrome(self) -> None:
        main = self.main
        lang = self.lang
        main.query_one(TopBar).show(
            tr(lang, "app_name"), self.edition, self._status(), self.reading.unread
        )
        main.query_one(ArticlePane).border_title = tr(lang, "pane_article")
        main.query_one(RelatedPane).border_title = label(lang, "related")
        if self.news is not None:
            main.query_one(NewsPane).border_title = page_text(self._list_title(self.news))

    def _loading_words(self) -> str:
        return f"↻ {tr(self.lang, 'loading')}"

    def _notify(self, message: str, severity: SeverityLevel = "information") -> None:
        """A toast; page text in `message` stays text (no markup, no control characters)."""
        say(self, message, severity)

    def _set_edition(
        self, edition: Edition, *, load_list: bool = True, list_follows: bool = False
    ) -> None:
        """Make `edition` the active one: the switcher, the language, the news list.
        `list_follows`: the caller loads another list next, which repaints the list pane."""
        if edition is not self.edition:
            old_lang = self.lang
            self.edition = edition
            self.new_count = 0
            if self.lang is not old_lang:
                self._relabel(list_follows=list_follows)
        if not self._list_relabel_due:
            self._paint_chrome()
        wanted = news_list_url(DEFAULT_BASE_URL, edition)
        if load_list and not is_view(self._list_url) and edition_of(self._list_url) is not edition:
            self._list_url = wanted
            self.load_list(wanted)

    def _relabel(self, *, list_follows: bool = False) -> None:
        """Say everything again in the new interface language; when `list_follows`, all of
        it together with the list that comes next (see _list_relabel_due)."""
        if list_follows and self.news is not None:
            self._list_relabel_due = True
            return
        self.refresh_bindings()  # the footer's words
        main = self.main
        self.show_news()
        if self.article is not None:
            main.query_one(ArticlePane).view.show_article(self.article, self.lang, keep_scroll=True)
            main.query_one(RelatedPane).list.show_article(self.article, self.lang)
        elif self._article_url is None:
            main.query_one(ArticlePane).view.show_message(tr(self.lang, "no_article"))

    # -- the list ---------------------------------------------------------------------------

    def show_list(self, url: str, *, push: bool = True) -> None:
        """Show a list (news, a day, a tag, a feed) in the left pane."""
        if push:
            self.history.push(url)
        self._list_url = url
        edition = self.edition if is_view(url) else edition_of(url)
        self._set_edition(edition, load_list=False, list_follows=True)
        self.load_list(url)

    def refresh_list(self) -> None:
        self.load_list(self._list_url)

    def live_refresh(self) -> None:
        """Every few minutes (as the settings say): the list again, unless it is the reader's
        own (Saved, History), which would change under the cursor."""
        if not is_view(self._list_url):
            self.refresh_list()

    @work(exclusive=True, group="list", exit_on_error=False)
    async def load_list(self, url: str) -> None:
        """The stored copy at once, then the site's; a repaint keeps the selection."""
        service = self.service
        if service is None:
            return
        if is_view(url):
            self._paint_list(Loaded(self.reading.view(url), Source.STORE))
            self._relabel_list()
            return
        if self._started and self._first_frame is not None:
            await self._first_frame  # a list painted at start is on screen before any other work
        pane = self.main.query_one(NewsPane)

        def asking() -> None:
            """No stored copy: the old list is said in the new language while the site is
            asked."""
            self._relabel_list()
            pane.show_busy(self._loading_words())

        shown = False
        try:
            async for loaded in service.stale_then_fresh(url, NewsList, missing=asking):
                if url != self._list_url:
                    return
                self._paint_list(loaded)
                if not shown and not service.offline:
                    # Only now, with the stored copy drawn: busy in the same frame, not one
                    # of its own before it.
                    pane.show_busy(self._loading_words())
                shown = True
                self._expect_first_list()
                if self._first_frame is not None:
                    await self._first_frame  # the site's copy after the stored one is shown
            if not shown:
                raise NotStored(url)
        except FetchError as error:
            if url == self._list_url:
                self._report_error(error, shown=shown)
        finally:
            self._say_store_warnings()
            if url == self._list_url:
                self._relabel_list()  # no list came (an error): the old one, relabelled
                pane.show_busy(None)
                self._paint_chrome()
            self._expect_first_list()

    def _expect_first_list(self) -> None:
        """The first list is painted (or could not be had): once it is on screen, the work
        that the first frame need not wait for, which would compete with it for the one
        interpreter: the stored lists of the other editions, the search index check, the
        site's copy."""
        if self._started:
            return
        self._started = True
        self.call_after_refresh(self._first_list_shown)

    def _first_list_shown(self) -> None:
        startup_profile.mark("first list on screen")
        gc.enable()  # off for the start-up (see reader/cli.py)
        if self._first_frame is not None:
            self._first_frame.set_result(None)
        if startup_profile.active():
            self.exit()
            return
        self.learn_other_editions()
        self.reading.start()

    def _relabel_list(self) -> None:
        """The screen in the interface language, when a relabel was put off."""
        if self._list_relabel_due:
            self._relabel()

    def _paint_list(self, loaded: Loaded[NewsList]) -> None:
        news = loaded.page
        previous = self.news if self.news is not None and self.news.url == news.url else None
        self.reading.follow_list(news.url)
        if loaded.error is not None:
            self.list_stale = True
            self._report_error(loaded.error, shown=True)
        elif loaded.source in _FRESH:
            self.list_stale = False
            self.last_refresh = self.clock()
            if previous is not None:
                self.reading.arrived(previous, news)
        self._learn_list(news)
        if previous is not None and news == previous and not self._list_relabel_due:
            return
        self.news = news
        if self._list_relabel_due:
            self._relabel()  # the new list with it
        else:
            self.show_news()

    def show_news(self, select: str | None = None) -> None:
        """The list with the days added under it, its marks, and the counts."""
        news = self.news
        if news is None:
            return
        self._list_relabel_due = False
        shown = self.reading.archive.merged(news)
        pane = self.main.query_one(NewsPane)
        pane.earlier = self.reading.earlier_entry(shown)
        empty = self.reading.view_title(news.url)[1] if is_view(news.url) else None
        self.reading.load_marks(shown.items)
        title = self._list_title(news)
        pane.show(shown, self.lang, title, self._marks, empty=empty, select=select)
        self._paint_counts()

    def reading_changed(self) -> None:
        """Read marks, bookmarks or new headlines changed: the marks and counts again."""
        pane = self.main.query_one(NewsPane)
        if pane.news is not None:
            self.reading.load_marks(pane.news.items)
        pane.repaint()
        self._paint_counts()

    def _paint_counts(self) -> None:
        self.reading.update_counts()
        self.new_count = len(self.reading.new_urls)
        self._paint_chrome()

    def _list_title(self, news: NewsList) -> str:
        lang = self.lang
        if is_view(news.url):
            return self.reading.view_title(news.url)[0]
        if tag_slug(news.url) is not None:
            name = news.title.split(" | ")[0].strip() or tag_slug(news.url) or ""
            return tr(lang, "tag_list", name=name)
        day = day_of_list_url(news.url)
        if day is not None:
            return tr(lang, "day_list", day=format_day(lang, day))
        if "/rss" in news.url:
            return news.title.split(" | ")[0].strip() or "RSS"
        return label(lang, "recent_news")

    def _marks(self, item: Headline) -> RowMarks:
        unread, saved, new = self.reading.row(item)
        return RowMarks(
            important=item.important,
            unread=unread,
            bookmarked=saved,
            new=new,
            external=target_of(item.url) is Target.BROWSER,
            other_editions=self._known.others(item.url),
        )

    # -- what is known of the other editions ------------------------------------------------

    @work(exclusive=True, group="known", exit_on_error=False)
    async def learn_other_editions(self) -> None:
        """Read the stored lists of every edition, and which stories the store holds in which
        edition (from its index alone), to mark stories that exist in several."""
        service = self.service
        if service is None:
            return
        for edition in Edition:
            stored = await service.stored(news_list_url(DEFAULT_BASE_URL, edition), NewsList)
            if stored is not None:
                self._learn_list(stored.page)
        store = service.fetcher.store
        if store is not None:
            # Thousands of stored URLs: read and sorted out in a thread, so the first paint and
            # the keys are not held up; only the merge runs on the event loop.
            await asyncio.to_thread(lambda: self._known.learn_all(store.urls() or ()))
        self.reading_changed()
        _settle_heap()

    def _learn_list(self, news: NewsList) -> None:
        self.reading.saw_list(news)
        for item in news.items:
            self._known.learn(item.url)

    # -- the article ------------------------------------------------------------------------

    def open_article(self, url: str, *, push: bool = True) -> None:
        if push:
            self.history.push(url)
        self._article_url = url
        self.load_article(url)
        if self.main.single:
            self.main.show_pane("article")

    @work(exclusive=True, group="article", exit_on_error=False)
    async def load_article(self, url: str, refresh: bool = False) -> None:
        """The stored copy at once (unless refreshing), then the site's; a refresh keeps the
        reading position."""
        service = self.service
        if service is None:
            return
        pane = self.main.query_one(ArticlePane)
        shown = refresh and self.article is not None and self.article.url == url
        try:
            if not shown:
                stored = await service.stored(url, Article)
                if url != self._article_url:
                    return
                if stored is not None:
                    self._paint_article(stored.page, refresh=False)
                    shown = True
                else:
                    pane.view.show_message(tr(self.lang, "loading"))
            if shown and not refresh and service.offline:
                # Offline, service.article() would only read and decode the same stored copy
                # again (a repaint that changes nothing, competing with this one).
                return
            # Only now, when the site is asked: a stored copy paints without a busy frame.
            pane.show_busy(self._loading_words())
            loaded = await service.article(url)
            if url != self._article_url:
                return
            self._paint_article(loaded.page, refresh=shown)
            if loaded.error is not None:
                self._report_error(loaded.error, shown=True)
        except FetchError as error:
            if url == self._article_url:
                if not shown:
                    self.article = None
                    pane.view.show_message(self._failure(error))
                    self.main.query_one(RelatedPane).list.show_article(None, self.lang)
                self._report_error(error, shown=shown)
        finally:
            self._say_store_warnings()
            if url == self._article_url:
                pane.show_busy(None)

    def _say_store_warnings(self) -> None:
        """What the page store met since (a full disk...): said once, the page is shown anyway."""
        store = self.service.fetcher.store if self.service is not None else None
        if store is None:
            return
        for warning in store.warnings[self._store_warnings_said :]:
            self._notify(tr(self.lang, "no_store", reason=warning), "warning")
        self._store_warnings_said = len(store.warnings)

    def _paint_article(self, article: Article, *, refresh: bool) -> None:
        """Show an article; a refresh that brings nothing new changes nothing on screen."""
        if refresh and article == self.article:
            return
        self.article = article
        # The page's hreflang links name its other editions: the list marks them at once.
        urls = [article.url, *(url for _edition, url in article.translations)]
        if any([self._known.learn(url) for url in urls]):
            self.main.query_one(NewsPane).repaint()
        if not refresh:
            self._set_edition(article.edition)
        self.reading.shown(article, opened=not refresh)
        self.main.query_one(ArticlePane).view.show_article(article, self.lang, keep_scroll=refresh)
        # The related pane in the frame after the article's: the article is what was asked
        # for, and drawing the side pane in the same frame held it back by ~5 ms.
        self.call_after_refresh(self._paint_related, article)

    def _paint_related(self, article: Article) -> None:
        if article is self.article:  # else the article shown since has its own turn
            self.main.query_one(RelatedPane).list.show_article(article, self.lang)

    # -- editions ---------------------------------------------------------------------------

    def action_edition(self, code: str) -> None:
        """Switch edition: the same story when one is open and it exists, else the list."""
        edition = Edition(code)
        article = self.article
        if article is not None and article.edition is not edition:
            self.switch_story(article, edition)
            return
        self.show_list(news_list_url(DEFAULT_BASE_URL, edition))
        if self.main.single:
            self.main.show_pane("news")

    @work(exclusive=True, group="switch", exit_on_error=False)
    async def switch_story(self, article: Article, edition: Edition) -> None:
        service = self.service
        if service is None:
            return
        translations = await service.translations(article)
        if self.article is not article:
            return  # the reader has moved on
        for url in translations.values():
            self._known.learn(url)
        translated = translations.get(edition)
        if translated is not None:
            self._set_edition(edition)
            self.open_article(translated)
            return
        self._set_edition(edition)
        lang = self.lang
        self._notify(tr(lang, "no_translation", **language_words(lang, edition)), "warning")
        self.main.query_one(NewsPane).repaint()
        if self.main.single:
            self.main.show_pane("news")

    # -- going places -----------------------------------------------------------------------

    def follow(self, url: str) -> None:
        """Site stories open in the article pane, site lists in the list pane, the rest in the
        browser."""
        target = target_of(url)
        if target is Target.ARTICLE:
            self.open_article(url)
        elif target is Target.LIST:
            self.show_list(url)
            self.main.show_pane("news")
        else:
            self.open_in_browser(url)

    def open_in_browser(self, url: str) -> None:
        """Only http(s) links go to the browser, and a link off the site says so."""
        page = self.article.url if self.article is not None else DEFAULT_BASE_URL
        try:
            target = browser_target(url, page)
        except LinkRefused:
            self._notify(tr(self.lang, "not_web", url=url), "warning")
            return
        self.open_url(target.url)
        words = "opened_external" if target.external else "opened_browser"
        self._notify(tr(self.lang, words, url=target.url))

    def _go(self, url: str) -> None:
        """Show a page of the history without adding to it."""
        if target_of(url) is Target.ARTICLE:
            self.open_article(url, push=False)
        else:
            self.show_list(url, push=False)
            self.main.show_pane("news")

    def action_go_back(self) -> None:
        url = self.history.back()
        if url is not None:
            self._go(url)
        elif self.main.single and self.main.current != "news":
            self.main.show_pane("news")
        else:
            self._notify(tr(self.lang, "nothing_back"))

    def action_go_forward(self) -> None:
        url = self.history.forward()
        if url is None:
            self._notify(tr(self.lang, "nothing_forward"))
        else:
            self._go(url)

    def target_url(self) -> str | None:
        """The page `o` and `c` act on: the selected row, else the open article."""
        main = self.main
        selected: str | None = None
        if main.current == "news":
            selected = main.query_one(NewsPane).list.highlighted_url
        elif main.current == "related":
            selected = main.query_one(RelatedPane).list.highlighted_url
        if selected is None and self.article is not None:
            selected = self.article.url
        return selected

    def action_open_browser(self) -> None:
        url = self.target_url()
        if url is None:
            self._notify(tr(self.lang, "nothing_selected"))
        else:
            self.open_in_browser(url)

    def action_copy_link(self) -> None:
        url = self.target_url()
        if url is None:
            self._notify(tr(self.lang, "nothing_selected"))
            return
        self.copy_to_clipboard(url)
        self._notify(tr(self.lang, "copied", url=url))

    def action_refresh(self) -> None:
        self.refresh_list()
        if self._article_url is not None:
            self.load_article(self._article_url, refresh=True)

    def action_filter(self) -> None:
        main = self.main
        main.show_pane("news")
        main.query_one(NewsPane).start_filter()

    def action_page_down(self) -> None:
        self.main.query_one(ArticlePane).view.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.main.query_one(ArticlePane).view.scroll_page_up(animate=False)

    def action_previous_day(self) -> None:
        news = self.news
        day = news.day if news is not None else None
        if news is not None and news.previous_day:
            self.show_list(news.previous_day)
        elif day is not None:
            self.show_list(news_list_url(DEFAULT_BASE_URL, self.edition, day - timedelta(days=1)))

    # -- read marks, Saved, History, search, days, tags -------------------------------------

    def action_toggle_read(self) -> None:
        self.reading.toggle_read()

    def action_mark_all_read(self) -> None:
        self.reading.mark_all_read()

    def action_bookmark(self) -> None:
        self.reading.toggle_bookmark()

    def action_saved(self) -> None:
        self.show_list(SAVED_URL)
        self.main.show_pane("news")

    def action_history(self) -> None:
        self.show_list(HISTORY_URL)
        self.main.show_pane("news")

    def action_search(self) -> None:
        self.reading.open_search()

    def action_jump_day(self) -> None:
        self.reading.jump_day()

    def action_article_tags(self) -> None:
        self.reading.choose_tag()

    @on(HeadlineList.EarlierWanted)
    def _earlier_wanted(self, event: HeadlineList.EarlierWanted) -> None:
        self.reading.want_earlier(event.url, chosen=event.chosen)

    # -- compare and export -----------------------------------------------------------------

    @property
    def export_folder(self) -> Path:
        if self._export_folder is None:
            from reader.export import default_export_folder

            self._export_folder = default_export_folder()
        return self._export_folder

    def comparison(self) -> CompareScreen | None:
        """The compare view, when it is open (under the help or the palette, maybe)."""
        from reader.ui.screens.compare import CompareScreen

        return next((s for s in self.screen_stack if isinstance(s, CompareScreen)), None)

    def action_compare(self) -> None:
        if self.comparison() is None:
            self.open_comparison()

    @work(exclusive=True, group="compare", exit_on_error=False)
    async def open_comparison(self) -> None:
        from reader.ui.screens.compare import comparison_for

        article = self.article
        found = await comparison_for(self)
        if self.article is not article or self.comparison() is not None:
            return  # the reader has moved on
        if isinstance(found, str):
            self._notify(found, "warning")
        else:
            await self.push_screen(found)

    def action_export(self) -> None:
        """The open article to a Markdown file; in the compare view, both sides."""
        comparison = self.comparison()
        if comparison is not None:
            comparison.action_export()
        elif self.article is None:
            self._notify(tr(self.lang, "nothing_to_export"))
        else:
            from reader.export import export_article
            from reader.ui.exporting import export_in_background

            write = partial(export_article, self.article, self.export_folder)
            export_in_background(self, write, self.lang)

    # -- links by number --------------------------------------------------------------------

    # A link number is typed straight into the app, not into a dialog: keys typed quickly
    # (or pasted) then always land in the number, whichever pane has the focus.

    def action_follow_link(self) -> None:
        self._start_link_number("")

    def action_start_link_number(self, digit: int) -> None:
        self._start_link_number(str(digit))

    def _start_link_number(self, digits: str) -> None:
        self.link_number = digits
        self._paint_chrome()
        self.refresh_bindings()  # Enter and Esc now act on the number

    def action_link_digit(self, digit: int) -> None:
        self.link_number = (self.link_number or "") + str(digit)
        self._paint_chrome()

    def action_link_follow(self) -> None:
        number = self.link_number
        self._end_link_number()
        if number:
            self.follow_link(int(number))

    def action_link_cancel(self) -> None:
        self._end_link_number()

    def _end_link_number(self) -> None:
        self.link_number = None
        self._paint_chrome()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("link_digit", "link_follow", "link_cancel"):
            return self.link_number is not None
        return True

    def follow_link(self, number: int) -> None:
        links = self.article.links if self.article is not None else ()
        link = next((link for link in links if link.number == number), None)
        if link is None:
            self._notify(tr(self.lang, "no_such_link", number=number), "warning")
        else:
            self.follow(link.url)

    # -- messages from the panes ------------------------------------------------------------

    @on(UrlList.Opened)
    def _entry_opened(self, event: UrlList.Opened) -> None:
        self.follow(event.url)

    @on(EditionLabel.Chosen)
    def _edition_clicked(self, event: EditionLabel.Chosen) -> None:
        self.action_edition(event.edition.value)

    # -- errors -----------------------------------------------------------------------------

    def _failure(self, error: FetchError) -> str:
        lang = self.lang
        step = tr(
            lang,
            next_step_key(error, self.offline),
            refresh=self.key_for("refresh"),
            browser=self.key_for("open-browser"),
            back=self.key_for("back"),
        )
        return tr(lang, "load_failed", reason=error_reason(lang, error), next=step)

    def _report_error(self, error: FetchError, *, shown: bool) -> None:
        """A toast in the interface language saying what went wrong and what to do next."""
        if shown:
            reason = error_reason(self.lang, error)
            message = tr(self.lang, "offline_copy", reason=reason, refresh=self.key_for("refresh"))
            self._notify(message, "warning")
        else:
            self._notify(self._failure(error), "error")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker is a toast, never the end of the app."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        reason = f"{type(error).__name__}: {error}" if error is not None else "?"
        self._notify(tr(self.lang, "unexpected", reason=reason), "error")
        main = self.main
        main.query_one(NewsPane).show_busy(None)
        main.query_one(ArticlePane).show_busy(None)

    # -- help and the command palette -------------------------------------------------------

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen, HelpText, help_lines

        lang = self.lang
        pane, everywhere = help_lines(self.screen.active_bindings, self, self.describe_key)
        pane_name = tr(lang, f"pane_{'list' if self.main.current == 'news' else self.main.current}")
        if self.comparison() is not None:
            pane_name = tr(lang, "pane_compare")
        text = HelpText(
            title=tr(lang, "help_title"),
            intro=tr(lang, "help_intro"),
            pane_title=f"{tr(lang, 'help_pane')}: {pane_name}",
            pane=pane,
            app_title=tr(lang, "help_app"),
            everywhere=everywhere,
            closing=tr(lang, "help_close"),
        )
        self.push_screen(HelpScreen(text))

    def palette_commands(self) -> Iterator[PaletteCommand]:
        comparison = self.comparison()
        if comparison is not None:
            yield from comparison.palette_commands()
            return
        lang = self.lang
        main = self.main

        def command(group: str, binding_id: str, run: Callable[[], object]) -> PaletteCommand:
            description, tooltip = key_text(lang, binding_id)
            return PaletteCommand(f"{tr(lang, group)}: {description}", tooltip, run)

        navigate = "commands_group_nav"
        yield command(navigate, "back", self.action_go_back)
        yield command(navigate, "forward", self.action_go_forward)
        yield command(navigate, "next-pane", main.action_next_pane)
        yield command(navigate, "previous-pane", main.action_previous_pane)
        yield command(navigate, "toggle-related", main.action_toggle_related)
        yield command(navigate, "follow-link", self.action_follow_link)
        yield command(navigate, "previous-day", self.action_previous_day)
        for edition in Edition:
            run = partial(self.action_edition, edition.value)
            yield command("commands_group_edition", f"edition-{edition.value}", run)
        page = "commands_group_page"
        yield command(page, "refresh", self.action_refresh)
        yield command(page, "open-browser", self.action_open_browser)
        yield command(page, "copy-link", self.action_copy_link)
        yield command(page, "compare", self.action_compare)
        yield command(page, "export", self.action_export)
        yield command(page, "filter", self.action_filter)
        yield command(page, "page-down", self.action_page_down)
        yield command(page, "page-up", self.action_page_up)
        reading = "commands_group_reading"
        yield command(reading, "toggle-read", self.action_toggle_read)
        yield command(reading, "mark-all-read", self.action_mark_all_read)
        yield command(reading, "bookmark", self.action_bookmark)
        yield command(reading, "saved", self.action_saved)
        yield command(reading, "history", self.action_history)
        yield command(reading, "search", self.action_search)
        yield command(reading, "jump-day", self.action_jump_day)
        yield command(reading, "article-tags", self.action_article_tags)
        yield command("commands_group_app", "help", self.action_help)
        yield command("commands_group_app", "quit", self.exit)
