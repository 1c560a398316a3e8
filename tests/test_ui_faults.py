"""The UI half of the fault matrix: the app driven by Pilot against the demo server while the
site and the network misbehave, for the news list, an article, a translation switch and a tag
page.

For every fault: with nothing stored, one toast in the interface language saying what went
wrong and what to do next; the app goes on (a key still works, the page loads once the fault is
gone, another article opens); with a stored copy, that copy is shown with a message and the
store keeps exactly what it held. Page text is never interpreted in any pane, and a full disk
under the store is a message. No retries and timeouts of a fraction of a second: nothing waits.
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_ui_support import (
    EN_ONLY_NEW,
    FIXED_NOW,
    SEED_EN,
    SEED_UK,
    SITE,
    screen_text,
    settle,
    toasts,
)
from textual.pilot import Pilot

from reader.config import Config
from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import (
    Body,
    DemoServer,
    Fault,
    GzipBomb,
    Large,
    Redirect,
    Reset,
    Stall,
    Status,
    WrongCharset,
)
from reader.models import Edition
from reader.net.client import ClientSettings
from reader.site.urls import StoryRef
from reader.store.cache import PageStore
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.news import NewsPane
from tests.strategies import (
    ArticleSpec,
    Group,
    ListSpec,
    Paragraph,
    Row,
    Segment,
    render_article,
    render_list,
)

MB = 1_000_000
MAX_BYTES = 2 * MB  # above every fixture page and the deep page, far below the 50 MB faults
EN_NEWS = f"{SITE}/eng/news/"
TAG = f"{SITE}/eng/tags/nato/"
OTHER = f"{SITE}/eng/news/2025/11/28/8020176/"  # a story of the list, never faulted
HTML = "text/html; charset=utf-8"
DEEP_HTML = b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000 + b"</body></html>"


# -- the page kinds ----------------------------------------------------------------------------


Step = Callable[[Pilot[Any]], Awaitable[None]]


async def _nothing(pilot: Pilot[Any]) -> None:
    pass


async def _open_seed(pilot: Pilot[Any]) -> None:
    await _follow(pilot, SEED_EN)


async def _follow(pilot: Pilot[Any], url: str) -> None:
    app = pilot.app
    assert isinstance(app, ReaderApp)
    app.follow(url)
    await settle(pilot)


async def _press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def _open_tag(pilot: Pilot[Any]) -> None:
    await _follow(pilot, TAG)


async def _to_uk(pilot: Pilot[Any]) -> None:
    await _press(pilot, "1")


async def _refresh(pilot: Pilot[Any]) -> None:
    await _press(pilot, "r")


async def _away_and_back_to_uk(pilot: Pilot[Any]) -> None:
    """The English story again (stored), then the switch to Ukrainian (stored too)."""
    await _press(pilot, "3")
    await _press(pilot, "1")


@dataclass(frozen=True)
class Kind:
    """A kind of page: where faults go, the page's URL, and how the reader gets there."""

    name: str
    glob: str  # the request paths a fault is injected on (an article's AMP copy too)
    url: str
    before: Step  # what comes before the page is asked for (with no fault)
    ask: Step  # asking for the page (nothing stored)
    ask_again: Step  # asking for it when a copy is stored
    at_start: bool = False  # the page is asked for as the app starts

    def shown(self, app: ReaderApp) -> bool:
        if self.url in (EN_NEWS, TAG):
            return app.news is not None and app.news.url == self.url and bool(app.news.items)
        return app.article is not None and app.article.url == self.url


KINDS = (
    Kind("list", "/eng/news/", EN_NEWS, _nothing, _nothing, _refresh, at_start=True),
    Kind("article", "/eng/news/2025/08/23/7527766/*", SEED_EN, _nothing, _open_seed, _refresh),
    Kind("translation", "/news/2025/08/23/7527766/*", SEED_UK, _open_seed, _to_uk,
         _away_and_back_to_uk),
    Kind("tag", "/eng/tags/nato/", TAG, _nothing, _open_tag, _refresh),
)  # fmt: skip


# -- the faults ----------------------------------------------------------------------------------


RETRY = "Press r to try again."
BROWSER = "Press r to try again or o to open it in the browser."
BACK = "Press ⌫ to go back."
# The Ukrainian story speaks Ukrainian: the interface follows the edition.
UK_NEXT = {
    RETRY: "Натисніть r, щоб спробувати ще.",
    BROWSER: "Натисніть r, щоб спробувати ще, або o, щоб відкрити у браузері.",
    BACK: "Натисніть ⌫, щоб повернутися.",
}


@dataclass(frozen=True, kw_only=True)
class Case:
    """A fault and what the reader is told: why (in English and Ukrainian), and the next step."""

    name: str
    fault: Callable[[Kind], Fault]
    reason: str
    uk_reason: str
    step: str
    settings: dict[str, Any] = field(default_factory=dict)

    def failed(self, kind: Kind) -> str:
        if kind.url == SEED_UK:
            return f"Не вдалося завантажити сторінку: {self.uk_reason}. {UK_NEXT[self.step]}"
        return f"Could not load the page: {self.reason}. {self.step}"

    def offline_copy(self, kind: Kind) -> str:
        if kind.url == SEED_UK:
            return f"Показано збережену копію: {self.uk_reason}. {UK_NEXT[RETRY]}"
        return f"Showing the offline copy: {self.reason}. {RETRY}"


def _same(fault: Fault) -> Callable[[Kind], Fault]:
    return lambda _kind: fault


def _loop(kind: Kind) -> Fault:
    return Redirect(kind.glob.rstrip("*"))  # the page sends the reader to itself


NO_LINK = ("no connection to the site", "немає зв'язку з сайтом")
TROUBLE = ("the site is having trouble (HTTP {})", "у сайту проблеми (HTTP {})")
TOO_LARGE = ("the page is too large", "сторінка завелика")
NOT_THE_PAGE = ("the site sent something that is not the page",
                "сайт надіслав щось інше, ніж сторінку")  # fmt: skip
CASES = (
    Case(name="read-timeout-mid-body", fault=_same(Stall(after_bytes=100, seconds=1)),
         reason="the site took too long to answer", uk_reason="сайт надто довго не відповідав",
         step=RETRY, settings={"read_timeout": 0.3}),
    Case(name="reset", fault=_same(Reset(100)), reason=NO_LINK[0], uk_reason=NO_LINK[1],
         step=RETRY),
    Case(name="403-cloudflare", fault=_same(Status(403)),
         reason="the site refused the request (HTTP 403)",
         uk_reason="сайт відхилив запит (HTTP 403)", step=BROWSER),
    Case(name="404", fault=_same(Status(404)), reason="no such page (HTTP 404)",
         uk_reason="такої сторінки немає (HTTP 404)", step=BACK),
    Case(name="429", fault=_same(Status(429, retry_after=120)),
         reason="the site asks to slow down (HTTP 429)",
         uk_reason="сайт просить не поспішати (HTTP 429)", step=RETRY),
    Case(name="500", fault=_same(Status(500)), reason=TROUBLE[0].format(500),
         uk_reason=TROUBLE[1].format(500), step=RETRY),
    Case(name="503", fault=_same(Status(503)), reason=TROUBLE[0].format(503),
         uk_reason=TROUBLE[1].format(503), step=RETRY),
    Case(name="redirect-loop", fault=_loop,
         reason="the site's answer was broken (a redirect loop or damaged data)",
         uk_reason="відповідь сайту зіпсована (переадресація по колу або пошкоджені дані)",
         step=BROWSER),
    Case(name="50MB-page", fault=_same(Large(50 * MB)), reason=TOO_LARGE[0],
         uk_reason=TOO_LARGE[1], step=BROWSER),
    Case(name="gzip-bomb", fault=_same(GzipBomb(50 * MB)), reason=TOO_LARGE[0],
         uk_reason=TOO_LARGE[1], step=BROWSER),
    Case(name="nested-100000-deep", fault=_same(Body(DEEP_HTML, "text/html")),
         reason=NOT_THE_PAGE[0], uk_reason=NOT_THE_PAGE[1], step=BROWSER),
    Case(name="empty-200", fault=_same(Body(b"", HTML)), reason=NOT_THE_PAGE[0],
         uk_reason=NOT_THE_PAGE[1], step=BROWSER),
)  # fmt: skip


# -- fixtures and helpers --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as running:
        yield running


@pytest.fixture
def server(demo: DemoServer) -> Iterator[DemoServer]:
    """The module's demo server, its faults cleared after each test."""
    demo.clear_faults()
    yield demo
    demo.clear_faults()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PageStore]:
    with PageStore(tmp_path / "pages.sqlite3") as opened:
        yield opened


def make_app(
    base_url: str, store: PageStore, *, lang: Edition | None = None, **settings: Any
) -> ReaderApp:
    """The app at `base_url` on an open store: no retries, a small size cap, a fixed clock."""
    return ReaderApp(
        config=Config(edition=Edition.EN, ui_language=lang, refresh_minutes=0),
        base_url=base_url,
        store=store,
        clock=lambda: FIXED_NOW,
        client_settings=ClientSettings(
            base_url=base_url, retries=0, max_bytes=MAX_BYTES, **settings
        ),
    )


REFUSED = Case(name="refused", fault=_loop, reason=NO_LINK[0], uk_reason=NO_LINK[1], step=RETRY)


@pytest.fixture
def closed_port() -> str:
    """The base URL of a port nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def snapshot(store: PageStore, url: str) -> tuple[Any, ...]:
    """What the store holds of a page as fetched: its bytes and validators."""
    page = store.get(url, touch=False)
    assert page is not None
    return page.content, page.content_type, page.etag, page.last_modified, page.fetched_at


def errors(app: ReaderApp) -> list[str]:
    return [note.message for note in app._notifications if note.severity == "error"]


async def still_responsive(pilot: Pilot[Any]) -> None:
    """Keys still work: the help opens and closes."""
    app = pilot.app
    assert isinstance(app, ReaderApp) and app.is_running
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    await pilot.press("escape")
    await pilot.pause()
    assert not isinstance(app.screen, HelpScreen)


# -- the matrix --------------------------------------------------------------------------------


# Every fault on an article; on the other kinds one fault of each way of failing (a transport
# error, a refusal, a server error, a page that is not the page). The service-level matrix in
# test_faults.py tries every fault on every kind; this keeps the UI suite quick.
_BY_KIND = {
    "article": {case.name for case in CASES},
    "list": {"reset", "403-cloudflare", "503", "empty-200"},
    "translation": {"403-cloudflare", "503"},
    "tag": {"reset", "empty-200"},
}
MATRIX = [
    pytest.param(case, kind, id=f"{case.name}-{kind.name}")
    for kind in KINDS
    for case in CASES
    if case.name in _BY_KIND[kind.name]
]


@pytest.mark.parametrize(("case", "kind"), MATRIX)
async def test_a_fault_is_a_toast_with_the_next_step_and_a_stored_copy_stays(
    case: Case, kind: Kind, server: DemoServer, store: PageStore
) -> None:
    if kind.at_start:
        server.inject(kind.glob, case.fault(kind))
    app = make_app(server.base_url, store, **case.settings)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await kind.before(pilot)
        server.inject(kind.glob, case.fault(kind))
        await kind.ask(pilot)
        # Nothing stored: an error toast that says why and what next, nothing kept.
        assert errors(app) == [case.failed(kind)]
        assert not kind.shown(app)
        assert store.get(kind.url, touch=False) is None
        assert app.is_running

        # The fault gone, the same key brings the page (and stores it).
        server.clear_faults()
        await _refresh(pilot)
        assert kind.shown(app)
        before = snapshot(store, kind.url)

        # A stored copy: shown, with a message, and kept as it was.
        server.inject(kind.glob, case.fault(kind))
        await kind.ask_again(pilot)
        assert kind.shown(app)
        assert toasts(app)[-1] == case.offline_copy(kind)
        assert snapshot(store, kind.url) == before
        assert len(errors(app)) == 1
        await pilot.press("j")  # and keys still work
        assert app.is_running


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
async def test_connection_refused_shows_the_stored_copy_or_says_so(
    kind: Kind, server: DemoServer, store: PageStore, closed_port: str
) -> None:
    online = make_app(server.base_url, store)
    async with online.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await kind.before(pilot)
        await kind.ask(pilot)
        assert kind.shown(online)
    before = snapshot(store, kind.url)

    app = make_app(closed_port, store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await kind.before(pilot)
        await kind.ask(pilot)
        assert kind.shown(app)
        assert toasts(app)[-1] == REFUSED.offline_copy(kind)
        assert errors(app) == []
        assert snapshot(store, kind.url) == before
        await _press(pilot, "3")  # back to English, for the words below
        await _follow(pilot, OTHER)  # never stored: the error, and the app goes on
        assert errors(app) == [REFUSED.failed(KINDS[0])]
        await still_responsive(pilot)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
async def test_a_wrong_charset_header_still_shows_the_page(
    kind: Kind, server: DemoServer, store: PageStore
) -> None:
    # The list and the tag page are UTF-8, the stories windows-1251: name the other one.
    charset = "windows-1251" if kind.url in (EN_NEWS, TAG) else "utf-8"
    if kind.at_start:
        server.inject(kind.glob, WrongCharset(charset))
    app = make_app(server.base_url, store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await kind.before(pilot)
        server.inject(kind.glob, WrongCharset(charset))
        await kind.ask(pilot)
        assert kind.shown(app)
        assert errors(app) == []
        shown = screen_text(app)
        words = {
            "list": "Russians shell Kherson",
            "article": "NATO top general",
            "translation": "НАТО",
            "tag": "Tag: NATO",
        }[kind.name]
        assert words in shown
        assert "Ð" not in shown and "Р°" not in shown  # no mojibake either way


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (Edition.UK, "Не вдалося завантажити сторінку: у сайту проблеми (HTTP 503)."),
        (Edition.RU, "Не удалось загрузить страницу: у сайта проблемы (HTTP 503)."),
    ],
)
async def test_the_toast_speaks_the_interface_language(
    server: DemoServer, store: PageStore, lang: Edition, words: str
) -> None:
    server.inject("/eng/news/2025/08/23/7527766/*", Status(503))
    app = make_app(server.base_url, store, lang=lang)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await _open_seed(pilot)
        assert len(errors(app)) == 1 and errors(app)[0].startswith(words)
        assert app.is_running


# -- page text is data, in every pane ----------------------------------------------------------


EVIL = "[bold red]x[/] \x1b[31mred\x1b]0;pwned\x07 \x9b2J \x9d0;t\x9c [link=file:///x]y[/link]"
HOSTILE_REF = StoryRef(Edition.EN, "news", date(2025, 11, 28), 8020165)
HOSTILE_ARTICLE = ArticleSpec(
    edition=Edition.EN,
    design="new",
    ref=HOSTILE_REF,
    hour=9,
    minute=10,
    title=f"Title {EVIL}",
    authors=(f"Anna {EVIL}",),
    paragraphs=(
        Paragraph("Source:", (Segment(f"body {EVIL}"), Segment(f"link {EVIL}", url=OTHER))),
    ),
    tags=((f"tag {EVIL}", "nato"),),
    groups=(Group(f"Group {EVIL}", ((f"related {EVIL}", OTHER, "10:00"),)),),
    translations=(),
    image=None,
)
HOSTILE_LIST = ListSpec(
    edition=Edition.EN,
    design="new",
    day=FIXTURE_TODAY,
    title=f"News {EVIL}",
    rows=(
        Row("14:50", f"Row {EVIL}", EN_ONLY_NEW, True, FIXTURE_TODAY),
        Row("14:05", "A quiet row", OTHER, False, FIXTURE_TODAY),
    ),
)
LITERAL = "[bold red]x[/]"


def check_literal(app: ReaderApp, *expected: str) -> str:
    shown = screen_text(app)
    raw = app.export_screenshot()
    for text in (shown, raw):
        assert not any(ch == "\x1b" or "\x80" <= ch <= "\x9f" or ch == "\x07" for ch in text)
    for words in expected:
        assert words in shown, words
    return shown


async def test_page_text_is_never_interpreted_in_any_pane(
    server: DemoServer, store: PageStore
) -> None:
    server.inject("/eng/news/", Body(render_list(HOSTILE_LIST), HTML))
    server.inject("/eng/news/2025/11/28/8020165/", Body(render_article(HOSTILE_ARTICLE), HTML))
    app = make_app(server.base_url, store)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        check_literal(app, f"Row {LITERAL} red", "[link=file:///x]y[/link]")  # the list
        await _press(pilot, "enter")  # the first row: the hostile article
        assert app.article is not None and app.article.url == EN_ONLY_NEW
        check_literal(app, f"Title {LITERAL}", f"body {LITERAL}", f"tag {LITERAL}")
        app.main.show_pane("related")
        await pilot.press("G")
        await pilot.pause()
        check_literal(app, f"related {LITERAL}")
        await _press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        check_literal(app)
        await _press(pilot, "escape")
        app.main.query_one(NewsPane).list.focus()
        await _press(pilot, "t")  # the article's tags, to choose from
        check_literal(app, f"tag {LITERAL}")
        assert errors(app) == []


# -- a full disk -------------------------------------------------------------------------------


async def test_a_full_disk_during_a_fetch_is_a_message_not_a_crash(
    server: DemoServer, store: PageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    def put(self: PageStore, url: str, *_args: object) -> None:
        self._run("storing a page", None, full)  # as the store meets it: a warning

    monkeypatch.setattr(PageStore, "put", put)
    app = make_app(server.base_url, store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await _open_seed(pilot)
        assert app.article is not None and app.article.url == SEED_EN  # shown all the same
        assert store.get(SEED_EN) is None
        full_disk = [text for text in toasts(app) if "disk is full" in text]
        assert len(full_disk) == 1  # said once, not on every page
        await _follow(pilot, OTHER)
        assert app.article.url == OTHER and app.is_running
        assert len([text for text in toasts(app) if "disk is full" in text]) == 1
