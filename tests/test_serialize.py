"""The JSON contract of pages (issue 2 §6) and the round trip the store relies on."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import reader
from reader.models import (
    Article,
    Block,
    BlockType,
    Edition,
    Headline,
    LeadImage,
    Link,
    NewsList,
    PageKind,
    RelatedGroup,
    RelatedItem,
    Span,
    Tag,
)
from reader.serialize import PARSER_VERSION, page_from_json, page_to_json
from reader.site.dates import KYIV
from reader.site.parse_article import parse_article

SEED_FILE = Path(reader.__file__).parent / "demo/site/eng/news/2025/08/23/7527766/index.html"
SEED_URL = "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/"
ARTICLE_KEYS = [
    "kind",
    "url",
    "edition",
    "id",
    "title",
    "authors",
    "published",
    "image",
    "blocks",
    "tags",
    "related",
    "translations",
    "problems",
]
LIST_KEYS = ["kind", "url", "edition", "date", "items", "previous_day", "problems"]
ITEM_KEYS = ["time", "published", "title", "url", "important", "external"]

URL = "https://www.pravda.com.ua/news/2025/11/28/8020001/"
ARTICLE = Article(
    url=URL,
    edition=Edition.UK,
    id=8020001,
    title="Заголовок",
    authors=("Олег Павлюк", "Роман Петренко"),
    published=datetime(2025, 11, 28, 14, 30, tzinfo=KYIV),
    image=LeadImage("https://uimg.pravda.com.ua/a.jpg", "Підпис", "Фото: УП"),
    blocks=(
        Block(
            BlockType.PARAGRAPH,
            "Джерело: сайт УП і Reuters",
            links=(
                Link(1, "сайт УП", "https://www.pravda.com.ua/news/", True, 9, 16),
                Link(2, "Reuters", "https://www.reuters.com/x", False, 19, 26),
            ),
            spans=(Span(0, 8, "strong"),),
        ),
        Block(BlockType.IMAGE, "Підпис фото", image_url="https://uimg/b.jpg", credit="УП"),
        Block(BlockType.LIST_ITEM, "Пункт"),
    ),
    tags=(Tag("НАТО", "https://www.pravda.com.ua/tags/nato/"),),
    related=(
        RelatedGroup(
            "Матеріали за темою",
            (
                RelatedItem("Інша", "https://www.pravda.com.ua/news/2025/11/27/8019999/", "14:00"),
                RelatedItem("Сестра", "https://www.epravda.com.ua/news/1/", "", external=True),
            ),
            url="https://www.pravda.com.ua/news/",
        ),
    ),
    translations=((Edition.RU, "https://www.pravda.com.ua/rus/news/2025/11/28/8020001/"),),
    problems=("Щось не так.",),
)
NEWS = NewsList(
    kind=PageKind.LIST,
    url="https://www.pravda.com.ua/news/",
    edition=Edition.UK,
    day=date(2025, 11, 28),
    items=(
        Headline(
            "Перша",
            URL,
            "14:30",
            datetime(2025, 11, 28, 14, 30, tzinfo=KYIV),
            important=True,
            edition=Edition.UK,
            id=8020001,
        ),
        Headline("Сестра", "https://www.epravda.com.ua/news/2025/11/28/1/", "", external=True),
    ),
    previous_day="https://www.pravda.com.ua/news/date_27112025/",
    title="Новини",
    problems=("Rows without a time: 1.",),
)


def through_text(data: dict[str, Any]) -> dict[str, Any]:
    """What a script or the store gets back after writing the JSON out."""
    loaded: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False))
    return loaded


def test_parser_version_is_a_positive_int() -> None:
    assert isinstance(PARSER_VERSION, int)
    assert PARSER_VERSION >= 1


def test_article_contract() -> None:
    data = page_to_json(ARTICLE)
    assert list(data) == ARTICLE_KEYS
    assert data["kind"] == "article"
    assert data["edition"] == "uk"
    assert data["published"] == "2025-11-28T14:30:00+02:00"
    assert data["image"] == {
        "url": "https://uimg.pravda.com.ua/a.jpg",
        "caption": "Підпис",
        "credit": "Фото: УП",
    }
    assert data["blocks"][0] == {
        "type": "paragraph",
        "text": "Джерело: сайт УП і Reuters",
        "links": [
            {"n": 1, "text": "сайт УП", "url": "https://www.pravda.com.ua/news/"},
            {"n": 2, "text": "Reuters", "url": "https://www.reuters.com/x"},
        ],
    }
    assert [block["type"] for block in data["blocks"]] == ["paragraph", "image", "list_item"]
    assert data["tags"] == [{"name": "НАТО", "url": "https://www.pravda.com.ua/tags/nato/"}]
    assert data["related"][0]["group"] == "Матеріали за темою"
    assert list(data["related"][0]) == ["group", "items"]
    assert data["related"][0]["items"][0] == {
        "title": "Інша",
        "url": "https://www.pravda.com.ua/news/2025/11/27/8019999/",
        "time": "14:00",
    }
    assert data["translations"] == {"ru": "https://www.pravda.com.ua/rus/news/2025/11/28/8020001/"}
    assert data["problems"] == ["Щось не так."]


def test_article_without_image_or_date() -> None:
    data = page_to_json(Article(url=URL, edition=Edition.EN, id=None, title="T"))
    assert data["image"] is None
    assert data["published"] is None
    assert data["id"] is None
    assert data["translations"] == {}


def test_list_contract() -> None:
    data = page_to_json(NEWS)
    assert list(data) == LIST_KEYS
    assert data["date"] == "2025-11-28"
    assert data["previous_day"] == "https://www.pravda.com.ua/news/date_27112025/"
    assert [list(item) for item in data["items"]] == [ITEM_KEYS, ITEM_KEYS]
    assert data["items"][0] == {
        "time": "14:30",
        "published": "2025-11-28T14:30:00+02:00",
        "title": "Перша",
        "url": URL,
        "important": True,
        "external": False,
    }
    assert data["items"][1]["published"] is None
    assert data["items"][1]["external"] is True


def test_feed_kind_and_missing_day() -> None:
    feed = NewsList(
        kind=PageKind.FEED, url="https://www.pravda.com.ua/rss/", edition=None, day=None
    )
    data = page_to_json(feed)
    assert list(data) == LIST_KEYS
    assert (data["kind"], data["edition"], data["date"]) == ("feed", None, None)
    assert page_from_json(through_text(data)) == feed


def test_full_form_puts_the_contract_keys_first() -> None:
    article = page_to_json(ARTICLE, full=True)
    assert list(article) == ARTICLE_KEYS
    assert list(article["blocks"][0])[:3] == ["type", "text", "links"]
    assert list(article["blocks"][0]["links"][0])[:3] == ["n", "text", "url"]
    news = page_to_json(NEWS, full=True)
    assert list(news)[: len(LIST_KEYS)] == LIST_KEYS
    assert list(news["items"][0])[: len(ITEM_KEYS)] == ITEM_KEYS


@pytest.mark.parametrize("page", [ARTICLE, NEWS], ids=["article", "list"])
def test_full_round_trip_is_lossless(page: Article | NewsList) -> None:
    assert page_from_json(through_text(page_to_json(page, full=True))) == page


def test_contract_round_trip_keeps_what_the_contract_carries() -> None:
    article = page_from_json(through_text(page_to_json(ARTICLE)))
    assert isinstance(article, Article)
    assert page_to_json(article) == page_to_json(ARTICLE)
    # What the contract has no key for is derived from the URLs where it can be.
    assert [link.internal for link in article.links] == [True, False]
    assert [item.external for item in article.related[0].items] == [False, True]
    news = page_from_json(through_text(page_to_json(NEWS)))
    assert isinstance(news, NewsList)
    assert (news.items[0].edition, news.items[0].id) == (Edition.UK, 8020001)
    assert (news.items[1].edition, news.items[1].id) == (None, None)
    assert news.items == NEWS.items


def test_published_comes_back_in_kyiv_time() -> None:
    data = page_to_json(ARTICLE)
    data["published"] = "2025-11-28T12:30:00+00:00"
    article = page_from_json(data)
    assert isinstance(article, Article)
    assert article.published == datetime(2025, 11, 28, 14, 30, tzinfo=KYIV)
    assert article.published is not None and article.published.tzinfo == KYIV


def test_the_seed_article_round_trips() -> None:
    seed = parse_article(SEED_FILE.read_bytes(), SEED_URL)
    assert page_from_json(through_text(page_to_json(seed, full=True))) == seed
    assert list(page_to_json(seed)) == ARTICLE_KEYS


@pytest.mark.parametrize("kind", ["article", "list", "feed"])
def test_missing_keys_get_defaults(kind: str) -> None:
    page = page_from_json({"kind": kind})
    assert page.kind == kind
    assert page.url == ""
    assert page.problems == ()


def test_wrong_types_are_tolerated() -> None:
    page = page_from_json(
        {
            "kind": "article",
            "edition": "xx",
            "id": "7",
            "authors": ["A", 3],
            "published": "yesterday",
            "image": "pic.jpg",
            "blocks": [{"type": "poem", "text": 5, "links": [{"n": True}]}, "junk"],
            "translations": {"en": "https://x/", "zz": "https://y/", "ru": 1},
            "problems": "not a list",
        }
    )
    assert isinstance(page, Article)
    assert page.edition is Edition.UK
    assert page.id is None
    assert page.authors == ("A",)
    assert page.published is None
    assert page.image is None
    [block] = page.blocks
    assert (block.type, block.text) == (BlockType.PARAGRAPH, "")
    assert [(link.number, link.text, link.url) for link in block.links] == [(0, "", "")]
    assert page.translations == ((Edition.EN, "https://x/"),)
    assert page.problems == ()
    news = page_from_json({"kind": "list", "date": "28.11.2025", "items": [{"important": 1}]})
    assert isinstance(news, NewsList)
    assert news.day is None
    assert news.items[0].important is False


@pytest.mark.parametrize("data", [{}, {"kind": "video"}, {"kind": ["list"]}, ["kind"], None])
def test_what_is_not_a_page_is_refused(data: Any) -> None:
    with pytest.raises(ValueError):
        page_from_json(data)
