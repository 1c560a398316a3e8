"""What the app and the headless commands ask for: lists, articles, feeds, tags, translations.

Fetch -> parse -> typed model, with the store in between. Every call gives a `Loaded` page or
raises a `FetchError`; when the network fails and the store has a copy, the copy comes back with
the error attached, so the caller can say "offline copy" instead of showing nothing. A page that
arrives but does not parse as what was asked for (a Cloudflare challenge served with 200, an
unrelated page) never replaces a good stored copy.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from reader.models import Article, Edition, NewsList, Page, PageKind
from reader.net.client import ClientSettings, Fetched, Fetcher
from reader.net.errors import FetchError, NotFound
from reader.serialize import PARSER_VERSION, page_from_json, page_to_json
from reader.site.urls import (
    DEFAULT_BASE_URL,
    amp_url,
    feed_url,
    news_list_url,
    parse_story,
    tag_url,
    translation_url,
)
from reader.store.cache import FILE_NAME, PageStore
from reader.store.paths import cache_dir

P = TypeVar("P", Article, NewsList)


class Source(StrEnum):
    NETWORK = "network"  # fetched just now
    REVALIDATED = "revalidated"  # the site confirmed the stored copy (304)
    STORE = "store"  # the stored copy, without asking the site
    AMP = "amp"  # the site refused the page; its AMP version was read instead


@dataclass(frozen=True, slots=True)
class Loaded(Generic[P]):
    page: P
    source: Source
    # Why the page is not fresh from the network, when it is not (offline copy after an error).
    error: FetchError | None = None

    @property
    def stale(self) -> bool:
        return self.error is not None or self.source is Source.STORE


class NotStored(FetchError):
    def __init__(self, url: str) -> None:
        super().__init__(url, "not in the offline store")


class Unreadable(FetchError):
    """The site answered with a page that is not what was asked for."""

    def __init__(self, url: str, problems: tuple[str, ...]) -> None:
        reason = problems[0] if problems else "nothing could be read from it"
        super().__init__(url, f"the page could not be read ({reason})")
        self.problems = problems


def _usable(page: Page) -> bool:
    if isinstance(page, Article):
        return bool(page.title)
    return bool(page.items)


class Service:
    """One per event loop. `offline=True` answers from the store only."""

    def __init__(
        self, fetcher: Fetcher, *, base_url: str = DEFAULT_BASE_URL, offline: bool = False
    ) -> None:
        self.fetcher = fetcher
        self.base_url = base_url.rstrip("/")
        self.offline = offline

    # -- what callers ask for -----------------------------------------------------------

    async def news(self, edition: Edition) -> Loaded[NewsList]:
        return await self._load(news_list_url(DEFAULT_BASE_URL, edition), NewsList)

    async def news_for_day(self, edition: Edition, day: date) -> Loaded[NewsList]:
        return await self._load(news_list_url(DEFAULT_BASE_URL, edition, day), NewsList)

    async def feed(self, edition: Edition, name: str) -> Loaded[NewsList]:
        return await self._load(feed_url(DEFAULT_BASE_URL, edition, name), NewsList)

    async def tag(self, edition: Edition, slug: str) -> Loaded[NewsList]:
        return await self._load(tag_url(DEFAULT_BASE_URL, edition, slug), NewsList)

    async def article(self, url: str) -> Loaded[Article]:
        try:
            return await self._load(url, Article)
        except FetchError as error:
            if error.status != 403 or self.offline:
                raise
            # Cloudflare often lets the lighter AMP page through when it blocks the article.
            try:
                amp = await self._load(amp_url(url), Article, keep_as=url)
            except FetchError:
                raise error from None
            return Loaded(amp.page, Source.AMP, error)

    async def translations(self, article: Article) -> dict[Edition, str]:
        """The other editions of a story: as the page lists them, else by probing the same-ID
        URLs (a 404 means there is no such translation)."""
        if article.translations:
            return dict(article.translations)
        if parse_story(article.url) is None or self.offline:
            return {}
        others = [edition for edition in Edition if edition is not article.edition]
        candidates = [translation_url(article.url, edition) for edition in others]
        answers = await asyncio.gather(
            *(self._load(url, Article) for url in candidates), return_exceptions=True
        )
        found: dict[Edition, str] = {}
        failures: list[FetchError] = []
        for edition, url, answer in zip(others, candidates, answers, strict=True):
            if isinstance(answer, Loaded):
                found[edition] = url
            elif isinstance(answer, NotFound):
                continue  # no such translation
            elif isinstance(answer, FetchError):
                failures.append(answer)
            else:
                raise answer
        if failures and not found:
            # Not knowing is not "there is none": say why the other editions are unknown.
            raise failures[0]
        return found

    async def stored(self, url: str, kind: type[P]) -> Loaded[P] | None:
        """The stored copy of a page, parsed, without the network (for the first paint)."""
        copy = await self.fetcher.stored(url)
        if copy is None:
            return None
        page = await self._parsed(copy, url, kind)
        return None if page is None else Loaded(page, Source.STORE)

    async def stale_then_fresh(
        self, url: str, kind: type[P], *, missing: Callable[[], None] | None = None
    ) -> AsyncIterator[Loaded[P]]:
        """The stored copy first (when there is one), then the fresh page; `missing` is
        called when there is no stored copy, before the site is asked.

        When the refresh fails after a stored copy was given, the error is raised; callers
        that already painted the copy show it as a message.
        """
        first = await self.stored(url, kind)
        if first is not None:
            yield first
        elif missing is not None:
            missing()
        if not self.offline:
            yield await self._load(url, kind)

    # -- fetch, parse, keep ---------------------------------------------------------------

    async def _load(self, url: str, kind: type[P], *, keep_as: str | None = None) -> Loaded[P]:
        if self.offline:
            found = await self.stored(url, kind)
            if found is None:
                raise NotStored(url)
            return found
        try:
            fetched = await self.fetcher.get(url, keep=False)
        except FetchError as error:
            if error.stored is None:
                raise
            page = await self._parsed(error.stored, url, kind)
            if page is None:
                raise
            return Loaded(page, Source.STORE, error)
        page = await self._parsed(fetched, url, kind)
        if page is None:
            fresh = await asyncio.to_thread(_parse, fetched, url)
            unreadable = Unreadable(url, fresh.problems)
            unreadable.stored = await self.fetcher.stored(url)
            if unreadable.stored is not None:
                old = await self._parsed(unreadable.stored, url, kind)
                if old is not None:
                    return Loaded(old, Source.STORE, unreadable)
            raise unreadable
        if not fetched.from_store:
            await self.fetcher.keep(keep_as or url, fetched)
        source = Source.REVALIDATED if fetched.not_modified else Source.NETWORK
        return Loaded(page, source)

    def stored_now(self, url: str, kind: type[P]) -> Loaded[P] | None:
        """The store's parsed copy of a page, read at once on this thread (a millisecond or
        two: for the very first frame); None when there is no usable one."""
        cached = self._parsed_copy(url, kind)
        return None if cached is None else Loaded(cached, Source.STORE)

    def _parsed_copy(self, url: str, kind: type[P]) -> P | None:
        store = self.fetcher.store
        text = None if store is None else store.get_parsed(url, PARSER_VERSION)
        cached = None if text is None else _from_json_text(text)
        return cached if isinstance(cached, kind) and _usable(cached) else None

    async def _parsed(self, fetched: Fetched, url: str, kind: type[P]) -> P | None:
        """The page as `kind`, from the store's parsed copy when the bytes are the stored ones."""
        store = self.fetcher.store
        if fetched.from_store and store is not None:
            cached = await asyncio.to_thread(self._parsed_copy, url, kind)
            if cached is not None:
                return cached
        page = await asyncio.to_thread(_parse, fetched, url)
        if not isinstance(page, kind) or not _usable(page):
            return None
        if fetched.from_store and store is not None:
            await asyncio.to_thread(_keep_parsed, store.put_parsed, url, page)
        return page


def _parse(fetched: Fetched, url: str) -> Page:
    # Imported at the first page parsed: a start-up that paints stored pages never needs
    # the parsers (tens of milliseconds of imports).
    from reader.site.pages import parse_page

    return parse_page(fetched.content, url, content_type=fetched.content_type)


def _from_json_text(text: str) -> Page | None:
    try:
        return page_from_json(json.loads(text))
    except (ValueError, TypeError, KeyError):
        return None


def _keep_parsed(put: Callable[[str, str, str, int], None], url: str, page: Page) -> None:
    kind = PageKind.ARTICLE if isinstance(page, Article) else page.kind
    put(
        url,
        str(kind),
        json.dumps(page_to_json(page, full=True), ensure_ascii=False),
        PARSER_VERSION,
    )


@asynccontextmanager
async def open_service(
    *,
    base_url: str = DEFAULT_BASE_URL,
    offline: bool = False,
    store: PageStore | None = None,
    settings: ClientSettings | None = None,
) -> AsyncIterator[Service]:
    """A service for the running event loop; closes its HTTP client on exit (not the store)."""
    settings = settings or ClientSettings(base_url=base_url)
    async with Fetcher(replace(settings, base_url=base_url), store) as fetcher:
        yield Service(fetcher, base_url=base_url, offline=offline)


def store_path_for(base_url: str, *, demo: bool = False) -> Path:
    """The store file for a site: the real site, the demo and any other base URL never share
    one, since they are all known by www.pravda.com.ua addresses."""
    if demo:
        return cache_dir() / "demo-pages.sqlite3"
    origin = urlsplit(base_url)
    if base_url.rstrip("/") == DEFAULT_BASE_URL or not origin.netloc:
        return cache_dir() / FILE_NAME
    safe = "".join(ch if ch.isalnum() else "-" for ch in origin.netloc)
    return cache_dir() / f"pages-{safe}.sqlite3"
