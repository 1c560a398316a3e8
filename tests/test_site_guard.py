"""A page nested 100,000 deep is refused before lexbor (quadratic in depth) builds its tree."""

from __future__ import annotations

from reader.site.guard import MAX_DEPTH, refusal
from reader.site.pages import parse_page
from reader.site.parse_article import parse_article
from reader.site.parse_list import parse_list

DEEP = ("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>").encode()
ARTICLE = "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/"
LIST = "https://www.pravda.com.ua/eng/news/"


def test_a_deeply_nested_page_is_refused_by_every_html_parser() -> None:
    article = parse_article(DEEP, ARTICLE)
    news = parse_list(DEEP, LIST)
    page = parse_page(DEEP, ARTICLE)
    assert article.title == "" and "levels deep" in article.problems[-1]
    assert news.items == () and "levels deep" in news.problems[-1]
    assert "levels deep" in page.problems[-1]


def test_many_flat_or_unclosed_inline_tags_are_not_refused() -> None:
    flat = "<div>x</div>" * 50_000
    spans = "<span>" * 50_000
    assert refusal(flat) is None
    assert refusal(spans) is None
    assert refusal("<div>" * (MAX_DEPTH + 1) + "<i>" * 20_000) is not None


def test_the_utf8_bytes_handed_to_lexbor_are_measured_like_the_text() -> None:
    deep = "<div>" * (MAX_DEPTH + 1) + "<i>" * 20_000
    assert refusal(deep.encode()) == refusal(deep) is not None
    assert refusal(("<div>x</div>" * 50_000).encode()) is None


def test_a_page_of_a_million_tags_is_refused() -> None:
    from reader.site.guard import MAX_TAGS

    page = "<b>x</b>" * (MAX_TAGS // 2 + 1)
    assert refusal(page) == f"the page has over {MAX_TAGS:,} tags; not read"
    assert "tags; not read" in parse_article(page.encode(), ARTICLE).problems[-1]
