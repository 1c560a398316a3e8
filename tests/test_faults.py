"""What the site and the network do wrong, met over real sockets through the Service.

For every fault and every kind of page (a news list, an article, a feed, a translation): with
nothing stored, one FetchError with a one-line message and nothing stored; with a stored copy,
that copy (the page as it was) with the error attached, and the stored bytes and the parsed copy
unchanged, and the next load after the fault reads on. Backoff waits are recorded, not slept,
and the timeout faults meet timeouts of 50 ms, so nothing waits long. The headless commands meet
a few faults too: one line on stderr, exit code 1, no traceback.
"""

from __future__ import annotations

import dataclasses
import functools
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from reader import headless
from reader.cli import main
from reader.config import BASE_URL_ENV
from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import (
    Body,
    Delay,
    DemoServer,
    Fault,
    GzipBomb,
    Large,
    Redirect,
    Reset,
    Stall,
    Status,
    Truncate,
    WrongCharset,
)
from reader.models import Article, Edition
from reader.net.client import ClientSettings, Fetcher
from reader.net.errors import (
    FetchError,
    NetworkError,
    NotFound,
    RateLimited,
    Refused,
    ServerError,
    Timeout,
    TooLarge,
)
from reader.serialize import PARSER_VERSION
from reader.service import Loaded, Service, Source, Unreadable
from reader.site.decode import decode_html
from reader.site.urls import DEFAULT_BASE_URL as SITE
from reader.store import paths
from reader.store.cache import PageStore

UK_STORY = "/news/2025/08/23/7527766/"  # old design, windows-1251
RU_STORY = "/rus/news/2025/08/23/7527766/"  # its Russian translation
TINY = 0.05  # seconds: the timeouts of the timeout faults
MB = 1_000_000
DEEP_HTML = b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000 + b"</body></html>"
DEEP_RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
    + b"<x>" * 100_000
    + b"</x>" * 100_000
    + b"</channel></rss>"
)

Load = Callable[[Service], Awaitable[Loaded[Any]]]


async def _translation(service: Service) -> Loaded[Article]:
    """The Russian edition of a story, reached as a reader reaches it: from the story."""
    story = (await service.article(SITE + UK_STORY)).page
    url = story.translation(Edition.RU)
    assert url == SITE + RU_STORY
    return await service.article(url)


@dataclass(frozen=True)
class Kind:
    name: str
    path: str
    load: Load
    html: bool = True  # an HTML page (else an RSS feed)
    charset: str = "windows-1251"


KINDS = (
    Kind("list", "/news/", lambda service: service.news(Edition.UK), charset="utf-8"),
    Kind("article", UK_STORY, lambda service: service.article(SITE + UK_STORY)),
    Kind("feed", "/rss/view_news/", lambda service: service.feed(Edition.UK, "news"), html=False),
    Kind("translation", RU_STORY, _translation),
)


@dataclass(frozen=True, kw_only=True)
class Case:
    """A fault, the error it must give, a piece of that error's one-line message, and what
    it costs: the requests made for the page and whether one retry was waited for."""

    name: str
    error: type[FetchError]
    message: str
    fault: Callable[[Kind], Fault] | None = None  # None: a redirect loop
    site: str = "demo"  # "demo", "closed" (connection refused) or "silent" (never accepts)
    requests: int | None = None
    retried: bool = False
    settings: dict[str, float] = field(default_factory=dict)


def _same(fault: Fault) -> Callable[[Kind], Fault]:
    return lambda _kind: fault


def _deep(kind: Kind) -> Fault:
    return Body(DEEP_HTML, "text/html") if kind.html else Body(DEEP_RSS, "application/rss+xml")


def _empty(kind: Kind) -> Fault:
    return Body(b"", "text/html; charset=utf-8" if kind.html else "application/rss+xml")


SLOW = {"read": TINY}
TOO_LARGE = "the page is larger than the 10,000,000 byte limit"
CASES = (
    Case(name="refused", error=NetworkError, message="could not connect", site="closed",
         retried=True),
    Case(name="connect-timeout", error=Timeout, message="took too long", site="silent",
         retried=True, settings={"connect": TINY}),
    Case(name="read-timeout-mid-body", error=Timeout, message="took too long",
         fault=_same(Stall(after_bytes=100, seconds=2)), requests=2, retried=True, settings=SLOW),
    Case(name="no-answer", error=Timeout, message="took too long", fault=_same(Delay(2)),
         requests=2, retried=True, settings=SLOW),
    Case(name="reset", error=NetworkError, message="the connection broke (reset by the other side)",
         fault=_same(Reset(100)), requests=2, retried=True),
    Case(name="truncated", error=NetworkError, message="the page arrived incomplete",
         fault=_same(Truncate(0.5)), requests=2, retried=True),
    Case(name="403-cloudflare", error=Refused, message="the site refused the request (HTTP 403)",
         fault=_same(Status(403))),
    Case(name="404", error=NotFound, message="no such page (HTTP 404)", fault=_same(Status(404)),
         requests=1),
    Case(name="429-retry-after", error=RateLimited, message="slow down (HTTP 429)",
         fault=_same(Status(429, retry_after=120)), requests=2, retried=True),
    Case(name="500", error=ServerError, message="the site is having trouble (HTTP 500)",
         fault=_same(Status(500)), requests=2, retried=True),
    Case(name="503", error=ServerError, message="the site is having trouble (HTTP 503)",
         fault=_same(Status(503)), requests=2, retried=True),
    Case(name="redirect-loop", error=NetworkError,
         message="more than 10 redirects (a redirect loop)", requests=11),
    Case(name="50MB-page", error=TooLarge, message=TOO_LARGE, fault=_same(Large(50 * MB)),
         requests=1),
    Case(name="gzip-bomb", error=TooLarge, message=TOO_LARGE, fault=_same(GzipBomb(50 * MB)),
         requests=1),
    Case(name="nested-100000-deep", error=Unreadable, message="over 10,000 levels deep",
         fault=_deep, requests=1),
    Case(name="empty-200", error=Unreadable, message="the page could not be read", fault=_empty,
         requests=1),
)  # fmt: skip


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as running:
        yield running


@pytest.fixture
def server(demo: DemoServer) -> Iterator[DemoServer]:
    """The module's demo server, its faults cleared after each test."""
    yield demo
    demo.clear_faults()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PageStore]:
    with PageStore(tmp_path / "pages.sqlite3") as opened:
        yield opened


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
async def make_service(
    store: PageStore, sleeps: list[float]
) -> AsyncIterator[Callable[..., Service]]:
    """Services on the shared store whose backoff waits are recorded, not slept."""
    fetchers: list[Fetcher] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    def make(
        base_url: str, *, retries: int = 1, read: float = 5.0, connect: float = 5.0
    ) -> Service:
        settings = ClientSettings(
            base_url=base_url, retries=retries, read_timeout=read, connect_timeout=connect
        )
        fetcher = Fetcher(settings, store, sleep=record, rng=lambda: 0.5)
        fetchers.append(fetcher)
        return Service(fetcher, base_url=base_url)

    yield make
    for fetcher in fetchers:
        await fetcher.aclose()


@contextmanager
def closed_port() -> Iterator[str]:
    """The base URL of a port nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield f"http://127.0.0.1:{port}"


@contextmanager
def silent_port() -> Iterator[str]:
    """The base URL of a port that listens but never accepts: its accept queue is filled, so
    a new connection is never completed (a connect timeout)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        address = listener.getsockname()
        fillers = []
        try:
            for _ in range(3):
                filler = socket.socket()
                filler.setblocking(False)
                filler.connect_ex(address)
                fillers.append(filler)
            yield f"http://127.0.0.1:{address[1]}"
        finally:
            for filler in fillers:
                filler.close()


@contextmanager
def site_for(case: Case, kind: Kind, server: DemoServer) -> Iterator[str]:
    """The base URL to meet the fault at, with the fault injected."""
    if case.site == "closed":
        with closed_port() as base:
            yield base
        return
    if case.site == "silent":
        with silent_port() as base:
            yield base
        return
    if case.fault is not None:
        server.inject(kind.path, case.fault(kind))
    else:  # a redirect loop: the page redirects to itself
        server.inject(kind.path, Redirect(kind.path))
    yield server.base_url


def snapshot(store: PageStore, url: str) -> tuple[tuple[Any, ...] | None, str | None]:
    """What the store holds for a page: its bytes and validators, and its parsed copy."""
    page = store.get(url)
    held = None
    if page is not None:
        held = (page.content, page.content_type, page.etag, page.last_modified, page.fetched_at)
    return held, store.get_parsed(url, PARSER_VERSION)


def check_one_line(error: FetchError, case: Case, url: str) -> None:
    assert isinstance(error, case.error), f"{type(error).__name__}: {error}"
    assert case.message in error.message
    assert str(error) == f"{error.message}: {url}"
    assert "\n" not in str(error) and str(error).isprintable()


def expected_sleeps(case: Case) -> list[float]:
    """The recorded backoff of the one retry: 0.5 s times the jitter factor 0.75, or for a
    429 the Retry-After of 120 s cut to the cap."""
    if not case.retried:
        return []
    return [ClientSettings().backoff_cap] if case.error is RateLimited else [0.375]


# -- the matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_a_fault_with_nothing_stored_is_one_clear_error(
    case: Case,
    kind: Kind,
    server: DemoServer,
    store: PageStore,
    make_service: Callable[..., Service],
    sleeps: list[float],
) -> None:
    url = SITE + kind.path
    if kind.name == "translation":  # the story itself is read first, from the demo
        await make_service(server.base_url).article(SITE + UK_STORY)
        sleeps.clear()
    pages_before = store.info().pages
    seen = server.count(kind.path)
    with site_for(case, kind, server) as base:
        service = make_service(base, **case.settings)
        with pytest.raises(FetchError) as caught:
            await kind.load(service)
    check_one_line(caught.value, case, url)
    assert caught.value.stored is None
    assert snapshot(store, url) == (None, None)
    assert store.info().pages == pages_before
    # At a dead address the story before the translation is an offline copy: a retry more.
    twice = kind.name == "translation" and case.site != "demo"
    assert sleeps == expected_sleeps(case) * (2 if twice else 1)
    if case.requests is not None:
        assert server.count(kind.path) - seen == case.requests


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_a_fault_with_a_stored_copy_gives_it_untouched(
    case: Case,
    kind: Kind,
    server: DemoServer,
    store: PageStore,
    make_service: Callable[..., Service],
) -> None:
    url = SITE + kind.path
    online = make_service(server.base_url)
    first = await kind.load(online)
    again = await kind.load(online)  # a 304: the parsed copy is stored too
    assert again.source is Source.REVALIDATED and again.page == first.page
    before = snapshot(store, url)
    assert before[0] is not None and before[1] is not None

    with site_for(case, kind, server) as base:
        # The same service meets the fault, unless it needs another address or timeouts.
        faulty = online if base == server.base_url and not case.settings else None
        loaded = await kind.load(faulty or make_service(base, **case.settings))
    assert loaded.source is Source.STORE and loaded.stale
    assert loaded.error is not None
    check_one_line(loaded.error, case, url)
    assert loaded.page == first.page
    assert snapshot(store, url) == before

    server.clear_faults()
    after = await kind.load(online)  # the fault gone, the same service reads on
    assert after.source is Source.REVALIDATED and after.error is None


# -- a wrong charset in the header -----------------------------------------------------------


def _other_charset(kind: Kind) -> str:
    return "windows-1251" if kind.charset == "utf-8" else "utf-8"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
async def test_a_wrong_charset_header_still_reads_right_and_says_so(
    kind: Kind,
    server: DemoServer,
    tmp_path: Path,
    store: PageStore,
    make_service: Callable[..., Service],
) -> None:
    with PageStore(tmp_path / "reference.sqlite3") as other:
        async with Fetcher(ClientSettings(base_url=server.base_url), other) as fetcher:
            reference = (await kind.load(Service(fetcher, base_url=server.base_url))).page
    wrong = _other_charset(kind)
    server.inject(kind.path, WrongCharset(wrong))
    loaded = await kind.load(make_service(server.base_url))
    assert loaded.source is Source.NETWORK
    assert dataclasses.replace(loaded.page, problems=()) == dataclasses.replace(
        reference, problems=()
    )
    if kind.html:  # a feed's own XML declaration wins silently, as XML says it must
        assert any(wrong in problem for problem in loaded.page.problems)


async def test_a_wrong_charset_on_a_stored_page_is_a_304_and_changes_nothing(
    server: DemoServer, store: PageStore, make_service: Callable[..., Service]
) -> None:
    url = SITE + UK_STORY
    service = make_service(server.base_url)
    first = await service.article(url)
    await service.article(url)  # the parsed copy is stored on the 304
    before, parsed = store.get(url), store.get_parsed(url, PARSER_VERSION)
    server.inject(UK_STORY, WrongCharset("utf-8"))
    again = await service.article(url)
    assert again.source is Source.REVALIDATED and again.page == first.page
    after = store.get(url)
    assert before is not None and after is not None and parsed is not None
    assert (after.content, after.content_type, after.etag) == (
        before.content,
        before.content_type,
        before.etag,
    )
    assert store.get_parsed(url, PARSER_VERSION) == parsed


def test_an_http_charset_the_bytes_are_not_in_gives_way_to_the_page() -> None:
    page = '<meta charset="windows-1251"><h1>Новини</h1>'.encode("cp1251")
    text, charset, problems = decode_html(page, "text/html; charset=utf-8")
    assert "Новини" in text and charset == "windows-1251"
    assert problems == (
        "The HTTP header declares utf-8 but the bytes are not; read as windows-1251,"
        " as the page declares.",
    )


# -- translations probed under faults --------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [Status(503), Status(403), Reset(0), Body(DEEP_HTML, "text/html"), GzipBomb(50 * MB)],
    ids=["503", "403", "reset", "deep", "bomb"],
)
async def test_probing_translations_under_a_fault_finds_the_others_and_stores_nothing(
    fault: Fault, server: DemoServer, store: PageStore, make_service: Callable[..., Service]
) -> None:
    service = make_service(server.base_url)
    story = (await service.article(SITE + UK_STORY)).page
    bare = Article(url=story.url, edition=story.edition, id=story.id, title=story.title)
    server.inject(RU_STORY, fault)
    found = await service.translations(bare)
    # A page that cannot be had is no translation the reader can open.
    assert found == {Edition.EN: SITE + "/eng/news/2025/08/23/7527766/"}
    assert snapshot(store, SITE + RU_STORY) == (None, None)


# -- the headless commands -------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Private folders, and settings with one retry at once and a tiny connect timeout."""
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    quick = functools.partial(ClientSettings, retries=1, backoff_base=0.0, connect_timeout=TINY)
    monkeypatch.setattr(headless, "ClientSettings", quick)


COMMAND_CASES = [
    ("read", "503", Status(503), "the site is having trouble (HTTP 503)"),
    ("read", "403", Status(403), "the site refused the request (HTTP 403)"),
    ("read", "loop", None, "more than 10 redirects (a redirect loop)"),
    ("read", "bomb", GzipBomb(50 * MB), "the page is larger than the 10,000,000 byte limit"),
    ("read", "deep", Body(DEEP_HTML, "text/html"), "levels deep; not read"),
    ("news", "empty", Body(b"", "text/html"), "the page could not be read"),
    ("news", "reset", Reset(0), "the connection broke (reset by the other side)"),
    ("news", "50MB", Large(50 * MB), "the page is larger than the 10,000,000 byte limit"),
]


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(
    ("command", "name", "fault", "message"), COMMAND_CASES, ids=[c[1] for c in COMMAND_CASES]
)
def test_headless_commands_under_a_fault_print_one_line_and_exit_1(
    command: str,
    name: str,
    fault: Fault | None,
    message: str,
    server: DemoServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = UK_STORY if command == "read" else "/eng/news/"
    server.inject(path, fault if fault is not None else Redirect(path))
    argv = ["read", SITE + path] if command == "read" else ["news", "--lang", "en"]
    assert main([*argv, "--base-url", server.base_url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pravda-reader: error: ")
    assert message in lines[0] and "Traceback" not in captured.err


@pytest.mark.usefixtures("cli_env")
def test_headless_commands_at_a_dead_address(capsys: pytest.CaptureFixture[str]) -> None:
    for address in (closed_port(), silent_port()):
        with address as base:
            assert main(["news", "--lang", "en", "--base-url", base]) == 1
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and err[0].startswith("pravda-reader: error: ")
        assert "could not connect" in err[0] or "took too long" in err[0]


@pytest.mark.usefixtures("cli_env")
def test_headless_read_under_a_fault_shows_the_offline_copy_with_one_warning(
    server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--base-url", server.base_url]
    assert main(["read", SITE + UK_STORY, *base]) == 0
    page = capsys.readouterr().out
    for fault in (Status(503), GzipBomb(50 * MB), Body(DEEP_HTML, "text/html"), Reset(0)):
        server.inject(UK_STORY, fault)
        assert main(["read", SITE + UK_STORY, *base]) == 0
        captured = capsys.readouterr()
        assert captured.out == page
        lines = captured.err.splitlines()
        assert len(lines) == 1 and lines[0].endswith("; showing the offline copy")
        server.clear_faults()
