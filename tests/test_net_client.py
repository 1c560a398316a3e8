"""The fetcher against the demo server over real sockets: caching, retries, failures, limits."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from reader.demo.server import Body, Delay, DemoServer, Redirect, Reset, Status, Truncate
from reader.models import Edition
from reader.net.client import ClientSettings, Fetcher
from reader.net.errors import (
    InvalidUrl,
    NetworkError,
    NotFound,
    RateLimited,
    Refused,
    ServerError,
    Timeout,
    TooLarge,
)
from reader.net.retry import backoff_delay, retry_after_seconds
from reader.site.urls import DEFAULT_BASE_URL as SITE
from reader.store import paths
from reader.store.cache import PageStore

SEED = "/eng/news/2025/08/23/7527766/"
SEED_TITLE = b"NATO top general: too early to discuss deployment of foreign troops in Ukraine"

MakeFetcher = Callable[..., Fetcher]


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PageStore]:
    with PageStore(tmp_path / "pages.sqlite3") as opened:
        yield opened


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
async def make(
    server: DemoServer, store: PageStore, sleeps: list[float]
) -> AsyncIterator[MakeFetcher]:
    """Fetchers on the demo server whose backoff waits are recorded, not slept."""
    made: list[Fetcher] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    def build(
        *,
        use_store: bool = True,
        transport: httpx.AsyncBaseTransport | None = None,
        **settings: object,
    ) -> Fetcher:
        fetcher = Fetcher(
            ClientSettings(base_url=server.base_url, **settings),  # type: ignore[arg-type]
            store if use_store else None,
            transport=transport,
            sleep=record,
            rng=lambda: 0.5,
        )
        made.append(fetcher)
        return fetcher

    yield build
    for fetcher in made:
        await fetcher.aclose()


async def test_cold_fetch_sends_browser_headers_and_stores_the_page(
    server: DemoServer, store: PageStore, make: MakeFetcher
) -> None:
    fetcher = make()
    page = await fetcher.get(SEED)

    assert (page.status, page.from_store, page.not_modified) == (200, False, False)
    assert page.url == SITE + SEED
    assert SEED_TITLE in page.content
    assert page.content_type == "text/html; charset=windows-1251"
    assert page.etag and page.last_modified
    stored = store.get(SITE + SEED)
    assert stored is not None and stored.content == page.content and stored.etag == page.etag

    sent = server.requests[-1].headers
    assert sent["user-agent"].startswith("pravda-reader/0.")
    assert "text/html" in sent["accept"]
    assert sent["accept-language"].startswith("en,")  # the edition of an /eng/ URL
    assert "if-none-match" not in sent
    assert fetcher.stats["requests"] == 1


async def test_accept_language_follows_the_edition(server: DemoServer, make: MakeFetcher) -> None:
    await make(use_store=False).get(SEED, edition=Edition.UK)
    assert server.requests[-1].headers["accept-language"] == "uk,ru;q=0.8,en;q=0.6"


async def test_revalidation_304_serves_the_stored_copy(
    server: DemoServer, make: MakeFetcher
) -> None:
    fetcher = make()
    first = await fetcher.get(SEED)
    again = await fetcher.get(SEED)

    assert server.requests[-1].headers["if-none-match"] == first.etag
    assert server.requests[-1].status == 304
    assert (again.from_store, again.not_modified, again.status) == (True, True, 200)
    assert again.content == first.content
    assert fetcher.stats["not_modified"] == 1
    assert fetcher.stats["requests"] == 2


async def test_without_revalidation_a_stored_page_needs_no_request(
    server: DemoServer, make: MakeFetcher
) -> None:
    fetcher = make()
    await fetcher.get(SEED)
    page = await fetcher.get(SEED, revalidate=False)
    assert page.from_store and not page.not_modified
    assert server.count(SEED) == 1
    assert fetcher.stats["store_hits"] == 1


async def test_retries_on_500_503_429_then_success(
    server: DemoServer, make: MakeFetcher, sleeps: list[float]
) -> None:
    server.inject(SEED, Status(500), times=1)
    server.inject(SEED, Status(503), times=1)
    server.inject(SEED, Status(429, retry_after=100), times=1)
    fetcher = make()
    page = await fetcher.get(SEED)

    assert SEED_TITLE in page.content
    assert server.count(SEED) == 4
    assert fetcher.stats["retries"] == 3
    # 0.5 s then 1 s of backoff (times the jitter factor 0.75 from rng=0.5), then
    # Retry-After: 100 capped at 8 s.
    assert sleeps == [0.375, 0.75, 8.0]


async def test_retries_give_up_with_the_stored_copy_attached(
    server: DemoServer, make: MakeFetcher
) -> None:
    fetcher = make(retries=2)
    first = await fetcher.get(SEED)
    server.inject(SEED, Status(503))
    with pytest.raises(ServerError) as caught:
        await fetcher.get(SEED)
    assert caught.value.status == 503
    assert caught.value.stored is not None and caught.value.stored.content == first.content
    assert server.count(SEED) == 1 + 3

    server.inject("/rate/", Status(429))
    with pytest.raises(RateLimited) as limited:
        await fetcher.get("/rate/")
    assert limited.value.stored is None


async def test_no_retry_on_404(server: DemoServer, make: MakeFetcher) -> None:
    fetcher = make()
    with pytest.raises(NotFound) as caught:
        await fetcher.get("/eng/news/2025/08/23/1/")
    assert "no such page" in str(caught.value)
    assert server.count("/eng/news/2025/08/23/1/") == 1
    assert fetcher.stats["retries"] == 0


async def test_403_is_refused_with_the_stored_copy(server: DemoServer, make: MakeFetcher) -> None:
    fetcher = make()
    first = await fetcher.get(SEED)
    server.inject(SEED, Status(403))
    with pytest.raises(Refused) as caught:
        await fetcher.get(SEED)
    error = caught.value
    assert error.message == "the site refused the request (HTTP 403)"
    assert error.url == SITE + SEED
    assert error.stored is not None
    assert error.stored.from_store and error.stored.content == first.content
    assert server.count(SEED) == 2  # a refusal is not retried


async def test_read_timeout(server: DemoServer, make: MakeFetcher) -> None:
    server.inject(SEED, Delay(5))
    fetcher = make(read_timeout=0.1, retries=1)
    with pytest.raises(Timeout):
        await fetcher.get(SEED)
    assert server.count(SEED) == 2  # a timeout is retried


async def test_connection_reset(server: DemoServer, make: MakeFetcher) -> None:
    server.inject(SEED, Reset(after_bytes=100))
    fetcher = make(retries=1)
    with pytest.raises(NetworkError, match="reset"):
        await fetcher.get(SEED)
    assert server.count(SEED) == 2


async def test_truncated_page_is_retried(server: DemoServer, make: MakeFetcher) -> None:
    server.inject(SEED, Truncate(0.5), times=1)
    fetcher = make()
    page = await fetcher.get(SEED)
    assert page.content.rstrip().endswith(b"</html>")
    assert fetcher.stats["retries"] == 1

    server.inject("/cut/", Truncate(0.5))
    with pytest.raises(NetworkError) as caught:
        await make(retries=0).get("/cut/")
    assert caught.value.message == "the page arrived incomplete"


async def test_size_cap_counts_decompressed_bytes(server: DemoServer, make: MakeFetcher) -> None:
    # 200 kB of one letter travels gzipped as a few hundred bytes.
    server.inject("/big/", Body(b"a" * 200_000, "text/plain"))
    fetcher = make(max_bytes=100_000)
    with pytest.raises(TooLarge):
        await fetcher.get("/big/")
    assert server.count("/big/") == 1
    assert len((await make(use_store=False).get("/big/")).content) == 200_000


async def test_redirects_are_followed_and_a_loop_stops(
    server: DemoServer, make: MakeFetcher
) -> None:
    server.inject("/moved/", Redirect(SEED))
    server.inject("/loop/", Redirect("/loop/"))
    fetcher = make()
    page = await fetcher.get("/moved/")
    assert page.url == SITE + SEED and SEED_TITLE in page.content

    with pytest.raises(NetworkError, match="redirect loop"):
        await fetcher.get("/loop/")
    assert server.count("/loop/") == 11  # the request and 10 redirects, not retried


async def test_concurrent_gets_of_one_url_make_one_request(
    server: DemoServer, make: MakeFetcher
) -> None:
    fetcher = make()
    first, second = await asyncio.gather(fetcher.get(SEED), fetcher.get(SEED))
    assert first == second
    assert server.count(SEED) == 1
    assert fetcher.stats["shared"] == 1


async def test_a_cancelled_caller_leaves_the_shared_request_running(
    server: DemoServer, make: MakeFetcher
) -> None:
    server.inject(SEED, Delay(0.2))
    fetcher = make()
    impatient = asyncio.create_task(fetcher.get(SEED))
    patient = asyncio.create_task(fetcher.get(SEED))
    await asyncio.sleep(0)  # both are now waiting on the one request
    impatient.cancel()
    page = await patient
    assert SEED_TITLE in page.content
    assert impatient.cancelled()
    assert server.count(SEED) == 1


class CountingTransport(httpx.AsyncBaseTransport):
    """A real socket transport that records the most requests waiting for an answer at once."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.waiting = 0
        self.peak = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.waiting += 1
        self.peak = max(self.peak, self.waiting)
        try:
            return await self.inner.handle_async_request(request)
        finally:
            self.waiting -= 1

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_requests_per_host_are_limited(server: DemoServer, make: MakeFetcher) -> None:
    # Each answer waits, so without the limit all ten would be waiting together.
    server.inject("/slow/*", Delay(0.05))
    transport = CountingTransport()
    fetcher = make(max_per_host=2, transport=transport)
    results = await asyncio.gather(
        *(fetcher.get(f"/slow/{n}/") for n in range(10)), return_exceptions=True
    )
    assert all(isinstance(result, NotFound) for result in results)
    assert sum(server.count(f"/slow/{n}/") for n in range(10)) == 10
    assert transport.peak == 2


async def test_urls_that_cannot_be_fetched(make: MakeFetcher) -> None:
    fetcher = make()
    for url in ("ftp://example.com/x", "http://a\x00b/", "mailto:someone@example.com"):
        with pytest.raises(InvalidUrl):
            await fetcher.get(url)
    assert fetcher.stats["requests"] == 0


async def test_connection_refused_is_a_network_error(make: MakeFetcher) -> None:
    stopped = DemoServer()
    stopped.start()
    url = stopped.base_url + SEED
    stopped.stop()
    with pytest.raises(NetworkError, match="could not connect"):
        await make(retries=1).get(url)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2025, 11, 28, 12, 0, tzinfo=UTC).timestamp()
    in_90s = format_datetime(datetime(2025, 11, 28, 12, 1, 30, tzinfo=UTC), usegmt=True)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds(in_90s, now) == 90
    assert retry_after_seconds("Fri, 28 Nov 2025 11:00:00 GMT", now) == 0  # past
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    low, high = (lambda: 0.0), (lambda: 0.999)
    assert backoff_delay(1, base=0.5, cap=8, rng=low) == 0.25
    assert backoff_delay(3, base=0.5, cap=8, rng=low) == 1.0
    assert 1.99 < backoff_delay(3, base=0.5, cap=8, rng=high) < 2.0
    assert backoff_delay(10, base=0.5, cap=8, rng=high) < 8.0
    assert backoff_delay(1, base=0.5, cap=8, rng=low, retry_after=30) == 8.0


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
def test_inflating_stops_past_the_cap_and_reads_every_deflate_form(coding: str) -> None:
    from reader.net.client import _inflater

    page = b"<p>word</p>" * 10_000
    if coding == "gzip":
        packed = gzip.compress(page)
    elif coding == "deflate":
        packed = zlib.compress(page)
    else:
        squeezer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        packed = squeezer.compress(page) + squeezer.flush()
    name = "gzip" if coding == "gzip" else "deflate"
    assert _inflater("u", name)(packed, len(page)) == page
    assert len(_inflater("u", name)(packed, 100)) == 101  # one byte past the room, no more
    with pytest.raises(NetworkError, match="compression is broken"):
        _inflater("u", name)(b"not compressed at all", 100)
    with pytest.raises(NetworkError, match="unknown compression"):
        _inflater("u", "br")
