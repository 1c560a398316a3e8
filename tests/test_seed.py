"""The seed article's fixture parses to exactly what the seed text shows, in order.

Expectations are read from the seed text (seeds/000_…txt, the page as a reader saw it), so
the test is tied to the seed rather than to copies of its sentences.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reader.models import Article, BlockType, Edition
from reader.site.parse_article import parse_article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ddd4dc3b0cfabc26.txt"
PAGE = ROOT / "reader/demo/site/eng/news/2025/08/23/7527766/index.html"
URL = "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/"
BYLINE = re.compile(r"^(?P<authors>.+?)(?P<date>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, .+)$")
NOT_STORY_TEXT = ("Advertisement:", "Support Ukrainska Pravda on Patreon!")


@pytest.fixture(scope="module")
def article() -> Article:
    return parse_article(PAGE.read_bytes(), URL)


@pytest.fixture(scope="module")
def seed() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]


def _byline_index(seed: list[str]) -> int:
    return next(i for i, line in enumerate(seed) if BYLINE.match(line))


def _body_lines(seed: list[str]) -> list[str]:
    """Seed lines from the first paragraph after the caption to the tag line."""
    start = _byline_index(seed) + 3  # byline, repeated title, caption
    end = seed.index("NATOnegotiationswar")
    return [line for line in seed[start:end] if line]


def _run(seed: list[str], first: str, stop: str) -> list[str]:
    """Lines after `first` (its first occurrence) up to `stop`."""
    start = seed.index(first) + 1
    return seed[start : seed.index(stop, start)]


def test_no_problems(article: Article) -> None:
    assert article.problems == ()
    assert article.id == 7527766
    assert article.edition is Edition.EN


def test_title_and_authors(article: Article, seed: list[str]) -> None:
    byline = BYLINE.match(seed[_byline_index(seed)])
    assert byline is not None
    title = seed[_byline_index(seed) + 1]
    assert (
        article.title
        == title
        == "NATO top general: too early to discuss deployment of foreign troops in Ukraine"
    )
    assert (
        list(article.authors) == byline["authors"].split(", ") == ["Oleh Pavliuk", "Roman Petrenko"]
    )


def test_published(article: Article, seed: list[str]) -> None:
    assert article.published is not None
    assert article.published.utcoffset() == timedelta(hours=3)
    assert article.published.isoformat() == "2025-08-23T11:07:00+03:00"
    byline = BYLINE.match(seed[_byline_index(seed)])
    assert byline is not None
    shown = datetime.strptime(byline["date"], "%A, %d %B %Y, %H:%M")
    assert article.published.replace(tzinfo=None) == shown


def test_lead_image(article: Article, seed: list[str]) -> None:
    assert article.image is not None
    assert article.image.url.startswith("https://")
    assert article.image.caption == "Admiral Giuseppe Cavo Dragone."
    assert article.image.credit == "Stock photo: Cavo Dragone on Twitter (X)"
    assert f"{article.image.caption} {article.image.credit}" == seed[_byline_index(seed) + 2]


def test_body_is_the_seed_text_in_order(article: Article, seed: list[str]) -> None:
    expected = [line for line in _body_lines(seed) if line not in NOT_STORY_TEXT]
    assert [block.text for block in article.blocks] == [line.lstrip("• ") for line in expected]
    for block, line in zip(article.blocks, expected, strict=True):
        bullet = line.startswith("•")
        assert block.type is (BlockType.LIST_ITEM if bullet else BlockType.PARAGRAPH)
    assert [line.split(":")[0] for line in expected if ":" in line[:12]] == [
        "Source",
        "Details",
        "Quote",
        "Details",
        "Quote",
        "Background",
    ]
    texts = " ".join(block.text for block in article.blocks)
    assert "Advertisement" not in texts and "Patreon" not in texts


def test_body_links_and_spans(article: Article) -> None:
    links = article.links
    assert [link.number for link in links] == list(range(1, len(links) + 1))
    assert [link.text for link in links] == [
        "Corriere della Sera",
        "European Pravda",
        "discussing a plan",
        "believes",
    ]
    assert [link.internal for link in links] == [False, False, True, True]
    for block in article.blocks:
        for link in block.links:
            assert block.text[link.start : link.end] == link.text
    source = article.blocks[1]
    assert source.text.startswith("Source:")
    assert source.text[source.spans[0].start : source.spans[0].end] == "Source:"
    assert source.spans[0].style == "strong"
    assert all(span.style == "em" for b in article.blocks[-2:] for span in b.spans)


def test_tags(article: Article, seed: list[str]) -> None:
    assert [tag.name for tag in article.tags] == ["NATO", "negotiations", "war"]
    assert "".join(tag.name for tag in article.tags) == "NATOnegotiationswar"
    assert seed.count("NATOnegotiationswar") == 1
    assert all(tag.url.startswith("https://www.pravda.com.ua/eng/tags/") for tag in article.tags)


def test_related_groups(article: Article, seed: list[str]) -> None:
    related, tag_block, recent = article.related
    headlines = [line for line in _run(seed, "NATOnegotiationswar", "All News") if line]
    headlines = [line for line in headlines if line != "Advertisement:"]
    assert len(headlines) == 6
    assert [item.title for item in related.items] == headlines
    assert related.url == "https://www.pravda.com.ua/eng/news/"

    assert tag_block.title == "NATO"
    assert tag_block.url == "https://www.pravda.com.ua/eng/tags/nato/"
    nato = _run(seed, "All News", "RECENT NEWS")
    assert nato[0] == "NATO"
    assert [item.title for item in tag_block.items] == nato[1:]
    assert len(tag_block.items) == 3

    assert recent.title == "RECENT NEWS"
    rows = _run(seed, "RECENT NEWS", "All News")
    pairs = list(zip(rows[0::2], rows[1::2], strict=True))
    assert len(pairs) == 10
    assert [(item.time, item.title) for item in recent.items] == pairs
    assert recent.url == "https://www.pravda.com.ua/eng/news/"
    assert all(not item.external for group in article.related for item in group.items)


def test_translations(article: Article, seed: list[str]) -> None:
    assert "Укр Рус Eng" in seed[1]
    assert article.translations == (
        (Edition.UK, "https://www.pravda.com.ua/news/2025/08/23/7527766/"),
        (Edition.RU, "https://www.pravda.com.ua/rus/news/2025/08/23/7527766/"),
    )
    assert article.translation(Edition.EN) is None
