"""Fetching pages: one shared httpx client, polite to the site and careful with the store.

Per request: browser-like headers, a per-host limit on requests at once, retries with backoff
on transient failures, conditional requests when the store holds the page (a 304 serves the
stored copy), identical requests in flight made once, and a cap on the decompressed size.
Policy beyond a single URL (falling back to AMP, offering the offline copy) is the caller's:
every `FetchError` carries the stored copy, when there is one, in `.stored`.
"""

from __future__ import annotations

import asyncio
import random
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from reader import __version__
from reader.lazy import lazy_module
from reader.models import Edition
from reader.net.errors import (
    FetchError,
    InvalidUrl,
    NetworkError,
    NotFound,
    RateLimited,
    Refused,
    ServerError,
    Timeout,
    TooLarge,
    UnexpectedStatus,
)
from reader.net.retry import backoff_delay, retry_after_seconds
from reader.site.urls import DEFAULT_BASE_URL, SITE_HOSTS, edition_of
from reader.store.cache import PageStore, StoredPage

if TYPE_CHECKING:
    import httpx
else:
    httpx = lazy_module("httpx")  # ~45 ms to import; a start-up from the store needs none

ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_LANGUAGE = {
    Edition.UK: "uk,ru;q=0.8,en;q=0.6",
    Edition.RU: "ru,uk;q=0.8,en;q=0.6",
    Edition.EN: "en,uk;q=0.8,ru;q=0.6",
}
MAX_REDIRECTS = 10


@dataclass(frozen=True, slots=True)
class ClientSettings:
    base_url: str = DEFAULT_BASE_URL  # relative URLs given to `Fetcher.get` resolve against it
    max_per_host: int = 4
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    retries: int = 3
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    max_bytes: int = 10_000_000
    user_agent: str = f"pravda-reader/{__version__} (+terminal news reader)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A page's bytes and what came with them.

    `url` is the final URL after redirects (for a stored copy: the URL it was stored under).
    `status` is the status the content was served with, so a stored copy says 200;
    `not_modified` tells that the site just confirmed it with a 304.
    """

    url: str
    status: int
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    from_store: bool = False
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    url: str
    headers: httpx.Headers
    content: bytes


def _from_stored(page: StoredPage) -> Fetched:
    return Fetched(
        url=page.url,
        status=200,
        content=page.content,
        content_type=page.content_type,
        etag=page.etag,
        last_modified=page.last_modified,
        from_store=True,
    )


def _inflater(url: str, encoding: str) -> Callable[[bytes, int], bytes]:
    """A function giving the next piece of the decoded body for a raw chunk; it never makes
    more than `room` + 1 bytes, so going over the cap is seen without inflating the rest."""
    coding = encoding.strip().lower()
    if coding in ("", "identity"):
        return lambda raw, room: raw
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise NetworkError(
            url, f"the page came in an unknown compression ({coding})", retryable=False
        )
    # gzip: a gzip header; deflate: a zlib header as the standard says, or raw as some send.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in coding else zlib.MAX_WBITS)
    started = False

    def inflate(raw: bytes, room: int) -> bytes:
        nonlocal inflater, started
        try:
            piece = inflater.decompress(raw, max(room, 0) + 1)
        except zlib.error:
            if coding == "deflate" and not started:  # no zlib header: raw deflate
                started = True
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                return inflate(raw, room)
            raise NetworkError(
                url, "the page arrived damaged (its compression is broken)", retryable=False
            ) from None
        started = True
        return piece

    return inflate


def _status_error(url: str, status: int) -> FetchError:
    if status == 403:
        return Refused(url)
    if status in (404, 410):
        return NotFound(url, status)
    if status == 429:
        return RateLimited(url)
    if status >= 500:
        return ServerError(url, status)
    return UnexpectedStatus(url, status)


class Fetcher:
    """Fetches pages for one event loop; use as an async context manager or call `aclose`."""

    def __init__(
        self,
        settings: ClientSettings,
        store: PageStore | None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.settings = settings
        self.store = store
        self.stats: dict[str, int] = dict.fromkeys(
            ("requests", "retries", "not_modified", "store_hits", "shared"), 0
        )
        self._sleep = sleep
        self._rng = rng
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._inflight: dict[tuple[str, bool], asyncio.Task[Fetched]] = {}
        self._transport = transport
        self._http: httpx.AsyncClient | None = None

    @cached_property
    def _base(self) -> httpx.URL:
        return httpx.URL(self.settings.base_url)

    @cached_property
    def _site(self) -> httpx.URL:
        return httpx.URL(DEFAULT_BASE_URL)

    @property
    def _client(self) -> httpx.AsyncClient:
        """Made at the first request: building it (TLS context, CA bundle) costs tens of
        milliseconds that a start-up painting from the store does not need to wait for."""
        if self._http is None:
            self._http = self._new_client()
        return self._http

    def _new_client(self) -> httpx.AsyncClient:
        settings = self.settings
        return httpx.AsyncClient(
            transport=self._transport,
            # Only what _read can inflate within the size cap.
            headers={
                "User-Agent": settings.user_agent,
                "Accept": ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            # The semaphores bound requests per host; a global bound would let one slow host
            # starve the others. Keep-alive matches the per-host limit.
            limits=httpx.Limits(
                max_connections=None, max_keepalive_connections=settings.max_per_host
            ),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        tasks = list(self._inflight.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._http is not None:
            await self._http.aclose()

    async def stored(self, url: str) -> Fetched | None:
        """The store's copy of a page, without any network."""
        if self.store is None:
            return None
        page = await asyncio.to_thread(self.store.get, self._absolute(url))
        return None if page is None else _from_stored(page)

    async def get(
        self,
        url: str,
        *,
        edition: Edition | None = None,
        revalidate: bool = True,
        keep: bool = True,
    ) -> Fetched:
        """The page at `url`. With `revalidate=False` a stored copy is returned as it is;
        otherwise the site is asked (conditionally when a copy is stored). With `keep=False`
        a fresh page is not stored: the caller checks it first and calls `keep`.

        Raises a `FetchError` subclass, with the stored copy (if any) in `.stored`.
        """
        url = self._absolute(url)
        if not revalidate:
            copy = await self.stored(url)
            if copy is not None:
                self.stats["store_hits"] += 1
                return copy
        key = (url, keep)
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.create_task(self._fetch(url, edition or edition_of(url), keep))
            self._inflight[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        else:
            self.stats["shared"] += 1
        # One caller giving up must not cancel the request the others wait for.
        return await asyncio.shield(task)

    async def keep(self, url: str, fetched: Fetched) -> None:
        """Store a page fetched with `keep=False` once the caller has found it good."""
        if self.store is not None and fetched.status == 200:
            await asyncio.to_thread(
                self.store.put,
                self._absolute(url),
                fetched.content,
                fetched.content_type,
                fetched.etag,
                fetched.last_modified,
            )

    def _absolute(self, url: str) -> str:
        """The URL a page is known by: relative ones resolve against the base URL, and pages of
        the site are named by their www.pravda.com.ua address whatever the base URL, so stored
        copies and parsed links do not depend on where the site is served from."""
        try:
            absolute = self._base.join(url)
        except httpx.InvalidURL as exc:
            raise InvalidUrl(url) from exc
        if absolute.scheme not in ("http", "https") or not absolute.host:
            raise InvalidUrl(url)
        if absolute.host in SITE_HOSTS or self._is_base(absolute):
            absolute = self._site.join(absolute.raw_path.decode("ascii"))
        return str(absolute)

    def _is_base(self, url: httpx.URL) -> bool:
        return (url.scheme, url.netloc) == (self._base.scheme, self._base.netloc)

    def _wire(self, url: str) -> str:
        """Where a page is fetched from: the site's pages from the base URL."""
        parsed = httpx.URL(url)
        if parsed.host in SITE_HOSTS:
            return str(self._base.join(parsed.raw_path.decode("ascii")))
        return url

    def _forget(self, key: tuple[str, bool], task: asyncio.Task[Fetched]) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if not task.cancelled():
            task.exception()  # retrieved here, so a result nobody awaits is not reported

    async def _fetch(self, url: str, edition: Edition, keep: bool) -> Fetched:
        copy = await self.stored(url)
        headers = {"Accept-Language": ACCEPT_LANGUAGE[edition]}
        if copy is not None and copy.etag:
            headers["If-None-Match"] = copy.etag
        if copy is not None and copy.last_modified:
            headers["If-Modified-Since"] = copy.last_modified
        try:
            return await self._fetch_with_retries(url, headers, copy, keep)
        except FetchError as error:
            error.stored = copy
            raise

    async def _fetch_with_retries(
        self, url: str, headers: dict[str, str], copy: Fetched | None, keep: bool
    ) -> Fetched:
        retry = 0
        while True:
            retry_after: float | None = None
            try:
                answer = await self._attempt(url, headers)
            except FetchError as exc:
                error = exc
            else:
                if answer.status == 304 and copy is not None:
                    return await self._not_modified(url, answer, copy)
                if 200 <= answer.status < 300:
                    fetched = self._fresh(answer)
                    if keep:
                        await self.keep(url, fetched)
                    return fetched
                error = _status_error(url, answer.status)
                retry_after = retry_after_seconds(answer.headers.get("Retry-After"), time.time())
            if not error.retryable or retry >= self.settings.retries:
                raise error
            retry += 1
            self.stats["retries"] += 1
            await self._sleep(
                backoff_delay(
                    retry,
                    base=self.settings.backoff_base,
                    cap=self.settings.backoff_cap,
                    rng=self._rng,
                    retry_after=retry_after,
                )
            )

    async def _not_modified(self, url: str, answer: _Answer, copy: Fetched) -> Fetched:
        self.stats["not_modified"] += 1
        etag, last_modified = answer.headers.get("ETag"), answer.headers.get("Last-Modified")
        if self.store is not None:
            await asyncio.to_thread(self.store.revalidated, url, etag, last_modified)
        return replace(
            copy,
            etag=etag or copy.etag,
            last_modified=last_modified or copy.last_modified,
            not_modified=True,
        )

    def _fresh(self, answer: _Answer) -> Fetched:
        return Fetched(
            url=self._absolute(answer.url),
            status=answer.status,
            content=answer.content,
            content_type=answer.headers.get("Content-Type"),
            etag=answer.headers.get("ETag"),
            last_modified=answer.headers.get("Last-Modified"),
        )

    async def _attempt(self, url: str, headers: dict[str, str]) -> _Answer:
        """One request, redirects included; transport failures become `FetchError`s."""
        wire = self._wire(url)
        host = httpx.URL(wire).netloc.decode("ascii")
        limit = self._hosts.setdefault(host, asyncio.Semaphore(self.settings.max_per_host))
        answered = False
        async with limit:
            self.stats["requests"] += 1
            try:
                async with self._client.stream("GET", wire, headers=headers) as response:
                    answered = True
                    content = await self._read(url, response)
                    return _Answer(
                        response.status_code, str(response.url), response.headers, content
                    )
            except httpx.TimeoutException as exc:
                raise Timeout(url) from exc
            except httpx.TooManyRedirects as exc:
                message = f"more than {MAX_REDIRECTS} redirects (a redirect loop)"
                raise NetworkError(url, message, retryable=False) from exc
            except httpx.RemoteProtocolError as exc:
                # Among others, a body shorter than its Content-Length.
                message = (
                    "the page arrived incomplete"
                    if answered
                    else "the site closed the connection without answering"
                )
                raise NetworkError(url, message) from exc
            except httpx.ConnectError as exc:
                raise NetworkError(url, f"could not connect to {host}") from exc
            except httpx.ReadError as exc:
                raise NetworkError(url, "the connection broke (reset by the other side)") from exc
            except httpx.UnsupportedProtocol as exc:
                raise InvalidUrl(url) from exc
            except httpx.DecodingError as exc:
                message = "the page arrived damaged (its compression is broken)"
                raise NetworkError(url, message, retryable=False) from exc
            except httpx.TransportError as exc:
                raise NetworkError(url, f"network error ({type(exc).__name__})") from exc

    async def _read(self, url: str, response: httpx.Response) -> bytes:
        # The body is inflated here, not by httpx: httpx inflates each network chunk whole,
        # and a compression bomb's 64 KB chunk can be tens of MB. Here no more than the cap
        # plus one byte is ever inflated.
        cap = self.settings.max_bytes
        inflate = _inflater(url, response.headers.get("Content-Encoding", ""))
        body = bytearray()
        async for raw in response.aiter_raw():
            body += inflate(raw, cap - len(body))
            if len(body) > cap:
                raise TooLarge(url, cap)
        return bytes(body)
