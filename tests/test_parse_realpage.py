"""A real page of the new template (sister site epravda.com.ua) parses completely."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reader.models import Article, BlockType, Edition
from reader.site.parse_article import parse_article

PAGE = Path(__file__).parent / "data/realpages/epravda_uk_news_2025-10-24_sister-site.html"
SHA256 = "156d2cb1606f786f9d2f9b9024844e30c4cd8338f817db97dcc3328968c5047a"
URL = (
    "https://epravda.com.ua/tehnologiji/"
    "yak-v-ukrajini-diyatimut-limiti-dlya-gravciv-azartnih-igor-813313/"
)


@pytest.fixture(scope="module")
def article() -> Article:
    return parse_article(PAGE.read_bytes(), URL)


def test_page_is_the_saved_bytes() -> None:
    assert hashlib.sha256(PAGE.read_bytes()).hexdigest() == SHA256


def test_header_fields(article: Article) -> None:
    assert article.problems == ()
    assert article.title == "В Україні вперше встановлять ліміти для гравців азартних ігор"
    assert article.authors == ("Віктор Волокіта",)
    assert article.published is not None
    assert article.published.isoformat() == "2025-10-24T15:26:00+03:00"
    assert article.edition is Edition.UK
    assert article.id is None  # a sister-site slug URL carries no story id of ours


def test_date_year_comes_from_json_ld_when_the_page_prints_none() -> None:
    # The visible date is "24 жовтня, 15:26"; without JSON-LD and a dated URL the year is unknown.
    data = PAGE.read_bytes().replace(b'"datePublished"', b'"dateUnknown"')
    no_ld = parse_article(data, URL)
    assert no_ld.published is None
    assert "no publication date" in no_ld.problems
    dated = parse_article(data, "https://www.pravda.com.ua/news/2025/10/24/8001234/")
    assert dated.published is not None
    assert dated.published.isoformat() == "2025-10-24T15:26:00+03:00"


def test_lead_image(article: Article) -> None:
    assert article.image is not None
    assert article.image.url == (
        "https://img.epravda.com.ua/epravda/images/doc/5/d/55591/"
        "5d18acbb68727241452978d033c3e528.jpeg?w=770&q=90"
    )
    assert (article.image.caption, article.image.credit) == ("", "")


def test_body_without_ads_or_widgets(article: Article) -> None:
    texts = [block.text for block in article.blocks]
    assert texts[0].startswith("Міністерство цифрової трансформації України та державне")
    assert texts[1] == "Про це повідомляє пресслужба Мінцифри."  # <span> runs stay apart
    assert [b.type for b in article.blocks].count(BlockType.LIST_ITEM) == 3
    assert texts[-2] == "Нагадаємо:"
    assert texts[-1].endswith("Реєстру осіб, яким обмежено участь в азартних іграх.")
    joined = " ".join(texts)
    for junk in ("Реклама", "Посилання скопійовано", "fb_share", "Головне сьогодні"):
        assert junk not in joined
    assert [(link.number, link.text, link.internal) for link in article.links] == [
        (1, "повідомляє", False),
        (2, "сайті", False),
        (3, "оголосило", True),
    ]
    for block in article.blocks:
        for link in block.links:
            assert block.text[link.start : link.end] == link.text


def test_tags(article: Article) -> None:
    assert [(tag.name, tag.url) for tag in article.tags] == [
        ("гральний бізнес", "https://epravda.com.ua/tags/gralnij-biznes/"),
        ("Мінцифри", "https://epravda.com.ua/tags/5e3a8cd168ded/"),
    ]


def test_related_groups_skip_the_empty_script_filled_ones(article: Article) -> None:
    assert [group.title for group in article.related] == ["Матеріали за темою", "Мінцифри"]
    topic, tag_block = article.related
    assert [item.time for item in topic.items] == [
        "21 жовтня, 12:05",
        "19 жовтня, 15:41",
        "12 жовтня, 13:01",
    ]
    assert topic.items[0].title.startswith("В Україні запрацює Реєстр залежних")
    assert tag_block.url == "https://epravda.com.ua/tags/5e3a8cd168ded/"
    assert len(tag_block.items) == 3
    assert all(
        item.url.startswith("https://epravda.com.ua/") for g in article.related for item in g.items
    )


def test_translation_from_the_language_menu(article: Article) -> None:
    assert article.translations == (
        (
            Edition.RU,
            "https://epravda.com.ua/rus/tehnologiji/"
            "kak-v-ukraine-budut-deystvovat-limity-dlya-igrokov-azartnyh-igr-813313/",
        ),
    )
