"""URL recognition and building for all editions, both paddings and any host."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.models import Edition, PageKind
from reader.site.urls import (
    DEFAULT_BASE_URL,
    FEEDS,
    StoryRef,
    absolutize,
    amp_url,
    day_of_list_url,
    edition_of,
    feed_url,
    is_site_url,
    kind_of_url,
    news_list_url,
    parse_story,
    story_url,
    tag_slug,
    tag_url,
    translation_url,
)

SEED = "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/"
DEMO = "http://127.0.0.1:8765"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (SEED, StoryRef(Edition.EN, "news", date(2025, 8, 23), 7527766)),
        (
            "https://www.pravda.com.ua/eng/news/2023/05/9/7401427/",
            StoryRef(Edition.EN, "news", date(2023, 5, 9), 7401427),
        ),
        (
            "http://pravda.com.ua/news/2023/9/1/7418042",
            StoryRef(Edition.UK, "news", date(2023, 9, 1), 7418042),
        ),
        (
            "https://www.pravda.com.ua/rus/articles/2026/01/08/8015225/?utm_source=x#top",
            StoryRef(Edition.RU, "articles", date(2026, 1, 8), 8015225),
        ),
        (
            f"{DEMO}/news/2025/11/28/8020001/index.amp",
            StoryRef(Edition.UK, "news", date(2025, 11, 28), 8020001),
        ),
        (
            "/eng/columns/2025/10/2/8000001/",
            StoryRef(Edition.EN, "columns", date(2025, 10, 2), 8000001),
        ),
        (
            "/interview/2025/10/02/8000002/",
            StoryRef(Edition.UK, "interview", date(2025, 10, 2), 8000002),
        ),
    ],
)
def test_parse_story(url: str, expected: StoryRef) -> None:
    assert parse_story(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.pravda.com.ua/eng/news/",
        "https://www.pravda.com.ua/eng/news/2025/02/30/7500000/",  # no such day
        "https://www.pravda.com.ua/english/news/2025/08/23/7527766/",
        "https://www.pravda.com.ua/eng/news/2025/08/23/",
        "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/extra/",
        "https://www.pravda.com.ua/eng/tags/nato/",
        "",
        "http://[::1",
    ],
)
def test_parse_story_rejects(url: str) -> None:
    assert parse_story(url) is None


@pytest.mark.parametrize(
    ("url", "edition"),
    [
        (SEED, Edition.EN),
        ("https://www.pravda.com.ua/rus/news/", Edition.RU),
        ("https://www.pravda.com.ua/news/", Edition.UK),
        ("https://www.pravda.com.ua/", Edition.UK),
        ("https://www.pravda.com.ua/eng", Edition.EN),
        ("/english/", Edition.UK),
        (f"{DEMO}/rus/rss/", Edition.RU),
    ],
)
def test_edition_of(url: str, edition: Edition) -> None:
    assert edition_of(url) == edition


@pytest.mark.parametrize(
    ("url", "internal"),
    [
        ("https://www.pravda.com.ua/eng/news/", True),
        ("http://pravda.com.ua/news/", True),
        ("https://WWW.PRAVDA.COM.UA/news/", True),
        (f"{DEMO}/news/", True),
        ("/eng/news/2025/08/23/7527766/", True),
        ("http://127.0.0.1:9999/news/", False),
        ("https://life.pravda.com.ua/society/", False),
        ("https://tabloid.pravda.com.ua/news/", False),
        ("https://www.epravda.com.ua/news/2025/10/24/800000/", False),
        ("https://www.eurointegration.com.ua/news/", False),
        ("https://champion.com.ua/football/", False),
        ("https://pravda.com.ua.evil.example/", False),
        ("mailto:info@pravda.com.ua", False),
    ],
)
def test_is_site_url(url: str, internal: bool) -> None:
    assert is_site_url(url, f"{DEMO}/eng/news/") is internal


def test_story_url_pads() -> None:
    ref = StoryRef(Edition.EN, "news", date(2023, 5, 9), 7401427)
    assert story_url(DEFAULT_BASE_URL, ref) == (
        "https://www.pravda.com.ua/eng/news/2023/05/09/7401427/"
    )
    assert story_url(DEMO + "/", ref) == f"{DEMO}/eng/news/2023/05/09/7401427/"


@pytest.mark.parametrize(
    ("edition", "expected"),
    [
        (Edition.UK, "https://www.pravda.com.ua/news/2025/08/23/7527766/"),
        (Edition.RU, "https://www.pravda.com.ua/rus/news/2025/08/23/7527766/"),
        (Edition.EN, SEED),
    ],
)
def test_translation_url(edition: Edition, expected: str) -> None:
    assert translation_url(SEED, edition) == expected


def test_translation_url_keeps_host_and_unpadded_path() -> None:
    url = f"{DEMO}/news/2023/5/9/7401427/"
    assert translation_url(url, Edition.EN) == f"{DEMO}/eng/news/2023/5/9/7401427/"
    assert translation_url(f"{DEMO}/rus", Edition.UK) == f"{DEMO}/"
    assert translation_url(f"{DEMO}/", Edition.RU) == f"{DEMO}/rus/"


def test_news_list_urls_and_days() -> None:
    assert news_list_url(DEFAULT_BASE_URL, Edition.UK) == "https://www.pravda.com.ua/news/"
    day_url = news_list_url(DEFAULT_BASE_URL, Edition.EN, date(2025, 11, 27))
    assert day_url == "https://www.pravda.com.ua/eng/news/date_27112025/"
    assert day_of_list_url(day_url) == date(2025, 11, 27)
    assert day_of_list_url(f"{DEMO}/rus/news/date_01022025") == date(2025, 2, 1)
    assert day_of_list_url(f"{DEMO}/news/") is None
    assert day_of_list_url(f"{DEMO}/news/date_32012025/") is None


def test_tags() -> None:
    assert (
        tag_url(DEFAULT_BASE_URL, Edition.EN, "nato") == "https://www.pravda.com.ua/eng/tags/nato/"
    )
    assert tag_slug("https://www.pravda.com.ua/rus/tags/67850e07ed31c/") == "67850e07ed31c"
    assert tag_slug(tag_url(DEMO, Edition.UK, "війна")) == "війна"
    assert tag_slug("https://www.pravda.com.ua/tags/") is None


def test_feeds() -> None:
    assert set(FEEDS) == {"all", "news", "main", "pubs"}
    assert feed_url(DEFAULT_BASE_URL, Edition.UK, "all") == "https://www.pravda.com.ua/rss/"
    assert feed_url(DEMO, Edition.EN, "news") == f"{DEMO}/eng/rss/view_news/"
    assert feed_url(DEMO, Edition.RU, "pubs") == f"{DEMO}/rus/rss/view_pubs/"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        (SEED, PageKind.ARTICLE),
        (f"{DEMO}/news/2025/11/28/8020001/index.amp", PageKind.ARTICLE),
        (f"{DEMO}/news/", PageKind.LIST),
        (f"{DEMO}/eng/news/date_27112025/", PageKind.LIST),
        (f"{DEMO}/rus/tags/67850e07ed31c/", PageKind.LIST),
        (f"{DEMO}/eng/articles/", PageKind.LIST),
        (f"{DEMO}/rss/", PageKind.FEED),
        (f"{DEMO}/eng/rss/view_mainnews/", PageKind.FEED),
        (f"{DEMO}/rss-info/", None),
        (f"{DEMO}/", None),
        (f"{DEMO}/eng/news/2025/02/30/7500000/", None),
    ],
)
def test_kind_of_url(url: str, kind: PageKind | None) -> None:
    assert kind_of_url(url) == kind


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/eng/news/2025/08/23/7527766/", SEED),
        ("  7527766/ ", "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/"),
        ("//life.pravda.com.ua/x/", "https://life.pravda.com.ua/x/"),
        ("https://www.epravda.com.ua/", "https://www.epravda.com.ua/"),
        (None, None),
        ("", None),
        ("   ", None),
        ("#comments", None),
        ("javascript:void(0)", None),
        ("JavaScript:void(0)", None),
        ("mailto:a@b.c", None),
        ("tel:+380", None),
        ("data:text/html,x", None),
        ("http://[::1", None),
    ],
)
def test_absolutize(href: str | None, expected: str | None) -> None:
    assert absolutize(href, "https://www.pravda.com.ua/eng/news/2025/08/23/") == expected


def test_amp_url() -> None:
    assert amp_url(SEED) == SEED + "index.amp"
    assert amp_url(SEED + "?x=1#y") == SEED + "index.amp"
    assert amp_url(SEED + "index.amp") == SEED + "index.amp"
    assert amp_url("/news/2025/11/28/8020001") == "/news/2025/11/28/8020001/index.amp"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=120))
def test_recognisers_never_raise(url: str) -> None:
    parse_story(url)
    edition_of(url)
    kind_of_url(url)
    day_of_list_url(url)
    tag_slug(url)
    is_site_url(url, SEED)
    absolutize(url, SEED)
    translation_url(url, Edition.RU)
