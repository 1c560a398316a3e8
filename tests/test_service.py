"""The service over real sockets: fetch -> parse -> model, with the store in between."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import Body, DemoServer, Status
from reader.models import Article, Edition, NewsList
from reader.net.client import ClientSettings
from reader.net.errors import NotFound, Refused, ServerError
from reader.service import NotStored, Service, Source, Unreadable, open_service
from reader.site.urls import DEFAULT_BASE_URL as SITE
from reader.store.cache import PageStore

SEED_PATH = "/eng/news/2025/08/23/7527766/"
SEED = SITE + SEED_PATH
SEED_TITLE = "NATO top general: too early to discuss deployment of foreign troops in Ukraine"
AMP_STORY_PATH = "/eng/news/2025/11/28/8020106/"
ONLY_ENGLISH_PATH = "/eng/news/2025/08/23/7527790/"  # exists in one edition only

CLOUDFLARE_200 = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
    b"<body><h1>Checking your browser before accessing www.pravda.com.ua</h1></body></html>"
)


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PageStore]:
    with PageStore(tmp_path / "pages.sqlite3") as opened:
        yield opened


async def _no_sleep(_: float) -> None:
    return None


@pytest.fixture
async def service(server: DemoServer, store: PageStore) -> AsyncIterator[Service]:
    settings = ClientSettings(base_url=server.base_url, retries=2, read_timeout=2.0)
    async with open_service(base_url=server.base_url, store=store, settings=settings) as made:
        made.fetcher._sleep = _no_sleep  # backoff waits are not what these tests are about
        yield made


async def test_article_is_fetched_parsed_and_named_by_its_site_address(
    service: Service, server: DemoServer
) -> None:
    loaded = await service.article(SEED)
    assert loaded.source is Source.NETWORK and not loaded.stale
    assert loaded.page.title == SEED_TITLE
    assert loaded.page.url == SEED
    # Links inside the page are the site's, not the demo server's.
    assert all(not link.url.startswith(server.base_url) for link in loaded.page.links)
    assert server.count(SEED_PATH) == 1


async def test_second_load_revalidates_and_reuses_the_parsed_copy(
    service: Service, server: DemoServer, store: PageStore
) -> None:
    first = await service.article(SEED)
    second = await service.article(SEED)
    assert second.source is Source.REVALIDATED
    assert second.page == first.page
    assert server.requests[-1].status == 304
    assert store.get_parsed(SEED, parser_version=1) is not None


async def test_news_list_of_each_edition(service: Service) -> None:
    for edition in Edition:
        loaded = await service.news(edition)
        assert isinstance(loaded.page, NewsList)
        assert loaded.page.edition is edition
        assert len(loaded.page.items) >= 10


async def test_403_falls_back_to_the_amp_version(service: Service, server: DemoServer) -> None:
    server.inject(AMP_STORY_PATH, Status(403))
    loaded = await service.article(SITE + AMP_STORY_PATH)
    assert loaded.source is Source.AMP
    assert isinstance(loaded.error, Refused)
    assert loaded.page.title
    assert server.count(AMP_STORY_PATH + "index.amp") == 1


async def test_403_without_amp_offers_the_stored_copy(service: Service, server: DemoServer) -> None:
    await service.article(SEED)
    server.inject(SEED_PATH, Status(403))
    loaded = await service.article(SEED)
    assert loaded.source is Source.STORE and loaded.stale
    assert isinstance(loaded.error, Refused)
    assert loaded.page.title == SEED_TITLE


async def test_403_with_nothing_stored_raises_refused(service: Service, server: DemoServer) -> None:
    server.inject(SEED_PATH, Status(403))
    with pytest.raises(Refused):
        await service.article(SEED)


async def test_server_errors_after_retries_offer_the_stored_copy(
    service: Service, server: DemoServer
) -> None:
    await service.article(SEED)
    server.inject(SEED_PATH, Status(503))
    loaded = await service.article(SEED)
    assert isinstance(loaded.error, ServerError)
    assert loaded.page.title == SEED_TITLE
    assert server.count(SEED_PATH) == 1 + 3  # the first fetch, then one try and two retries


async def test_a_challenge_page_served_with_200_never_replaces_the_stored_copy(
    service: Service, server: DemoServer, store: PageStore
) -> None:
    await service.article(SEED)
    before = store.get(SEED)
    assert before is not None
    server.inject(SEED_PATH, Body(CLOUDFLARE_200, "text/html; charset=utf-8"))
    loaded = await service.article(SEED)
    assert isinstance(loaded.error, Unreadable)
    assert loaded.page.title == SEED_TITLE
    after = store.get(SEED)
    assert after is not None and after.content == before.content


async def test_a_challenge_page_with_nothing_stored_is_unreadable(
    service: Service, server: DemoServer, store: PageStore
) -> None:
    server.inject(SEED_PATH, Body(CLOUDFLARE_200, "text/html; charset=utf-8"))
    with pytest.raises(Unreadable):
        await service.article(SEED)
    assert store.get(SEED) is None


async def test_offline_answers_from_the_store_only(server: DemoServer, store: PageStore) -> None:
    settings = ClientSettings(base_url=server.base_url)
    async with open_service(base_url=server.base_url, store=store, settings=settings) as online:
        await online.article(SEED)
    seen = len(server.requests)
    async with open_service(
        base_url=server.base_url, store=store, settings=settings, offline=True
    ) as offline:
        loaded = await offline.article(SEED)
        assert loaded.source is Source.STORE and loaded.page.title == SEED_TITLE
        with pytest.raises(NotStored):
            await offline.news(Edition.UK)
    assert len(server.requests) == seen


async def test_translations_from_the_page(service: Service) -> None:
    article = (await service.article(SEED)).page
    found = await service.translations(article)
    assert found == {
        Edition.UK: SITE + "/news/2025/08/23/7527766/",
        Edition.RU: SITE + "/rus/news/2025/08/23/7527766/",
    }


async def test_translations_probed_when_the_page_lists_none(
    service: Service, server: DemoServer
) -> None:
    article = (await service.article(SITE + ONLY_ENGLISH_PATH)).page
    bare = Article(url=article.url, edition=article.edition, id=article.id, title=article.title)
    assert await service.translations(bare) == {}
    probed = {record.path for record in server.requests}
    assert "/news/2025/08/23/7527790/" in probed
    assert "/rus/news/2025/08/23/7527790/" in probed

    seed = (await service.article(SEED)).page
    bare_seed = Article(url=seed.url, edition=seed.edition, id=seed.id, title=seed.title)
    assert set(await service.translations(bare_seed)) == {Edition.UK, Edition.RU}


async def test_missing_article_is_not_found(service: Service) -> None:
    with pytest.raises(NotFound):
        await service.article(SITE + "/eng/news/2025/08/23/1/")


async def test_stale_then_fresh_gives_the_stored_copy_first(
    service: Service, server: DemoServer
) -> None:
    url = SITE + "/eng/news/"
    first_run = [loaded.source async for loaded in service.stale_then_fresh(url, NewsList)]
    assert first_run == [Source.NETWORK]
    second_run = [loaded.source async for loaded in service.stale_then_fresh(url, NewsList)]
    assert second_run == [Source.STORE, Source.REVALIDATED]


async def test_concurrent_loads_of_one_page_make_one_request(
    service: Service, server: DemoServer
) -> None:
    results = await asyncio.gather(*(service.article(SEED) for _ in range(5)))
    assert {loaded.page.title for loaded in results} == {SEED_TITLE}
    assert server.count(SEED_PATH) == 1


async def test_list_rows_on_the_site_are_internal(service: Service) -> None:
    news = (await service.news(Edition.EN)).page
    by_url = {item.url: item for item in news.items}
    assert SEED in by_url and not by_url[SEED].external
    assert any(item.external for item in news.items)  # the rows that lead to sister sites
    assert all(item.url.startswith(SITE) for item in news.items if not item.external)


async def test_feeds_and_tag_pages(service: Service) -> None:
    feed = (await service.feed(Edition.UK, "news")).page
    assert feed.kind == "feed" and len(feed.items) == 20
    assert all(item.published is not None for item in feed.items)
    assert any("а" in item.title for item in feed.items)  # windows-1251 read as Cyrillic
    tag = (await service.tag(Edition.EN, "nato")).page
    assert tag.kind == "list" and tag.items
    assert tag.url == SITE + "/eng/tags/nato/"


async def test_day_list_of_the_previous_day(service: Service) -> None:
    day = (await service.news_for_day(Edition.EN, FIXTURE_TODAY.replace(day=27))).page
    assert day.day == FIXTURE_TODAY.replace(day=27)
    assert day.items and day.previous_day == SITE + "/eng/news/date_26112025/"


async def test_probing_that_fails_says_why_instead_of_no_translation(
    service: Service, server: DemoServer
) -> None:
    article = (await service.article(SITE + ONLY_ENGLISH_PATH)).page
    bare = Article(url=article.url, edition=article.edition, id=article.id, title=article.title)
    server.inject("/news/2025/08/23/7527790/", Status(503))
    with pytest.raises(ServerError):
        await service.translations(bare)
