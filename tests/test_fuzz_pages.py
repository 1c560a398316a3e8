"""Every parser against pages built by hypothesis in both designs and three languages.

Built pages must come back exactly as they were built (title, authors, date, body, tags, link
groups, translations; list and feed rows); damaged pages must still give a model of the right
type, with problems as strings and no control characters in any text. Inputs that once broke
a parser are kept under tests/regressions/ and parsed on every run.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from pathlib import Path
from types import UnionType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.models import Article, BlockType, NewsList, PageKind
from reader.site.dates import KYIV, at_kyiv_time
from reader.site.editions import LABELS
from reader.site.pages import parse_page
from reader.site.parse_article import parse_article
from reader.site.parse_feed import parse_feed
from reader.site.parse_list import parse_list
from reader.site.urls import DEFAULT_BASE_URL as SITE
from reader.site.urls import news_list_url, parse_story
from tests.strategies import (
    FUZZ,
    ArticleSpec,
    FeedSpec,
    ListSpec,
    article_specs,
    feed_specs,
    list_specs,
    mutated,
    render_article,
    render_feed,
    render_list,
)

REGRESSIONS = Path(__file__).parent / "regressions"
# C0 and C1 control characters, DEL and ESC: none may reach a terminal from a parsed page.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BROKEN = ("parser error", "internal error")


def strings_of(value: object) -> list[str]:
    """Every string inside a model, recursively (fields, tuples, pairs)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings_of(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in strings_of(item)]
    return []


def check_model(page: Article | NewsList, kind: type | UnionType) -> None:
    """What holds for any input: the right type, problems as strings, no parser crash hidden
    by the last guard, and no control character in any text or URL."""
    assert isinstance(page, kind)
    assert isinstance(page.problems, tuple)
    assert all(isinstance(problem, str) for problem in page.problems)
    assert not any(word in problem for problem in page.problems for word in BROKEN)
    assert [text for text in strings_of(page) if CONTROLS.search(text)] == []


# -- what a built page must give back ----------------------------------------------------------


def expected_blocks(spec: ArticleSpec) -> list[tuple[BlockType, str]]:
    kinds = {"p": BlockType.PARAGRAPH, "h2": BlockType.HEADING, "li": BlockType.LIST_ITEM}
    return [(kinds[para.kind], para.text) for para in spec.paragraphs]


def expected_links(spec: ArticleSpec) -> list[tuple[str, str, bool]]:
    return [
        (seg.text, seg.url, seg.internal)
        for para in spec.paragraphs
        if para.kind != "h2"
        for seg in para.segments
        if seg.url is not None
    ]


Group = tuple[str, str | None, list[tuple[str, str, str]]]  # title, link, (title, url, time)


def expected_groups(spec: ArticleSpec) -> list[Group]:
    groups: list[Group] = []
    all_news = SITE + news_list_url("", spec.edition)
    for index, group in enumerate(spec.groups):
        if spec.design == "new":
            groups.append((group.title, None, [(t, u, "") for t, u, _ in group.items]))
        elif index == 0:  # the old related block: untitled, its items without times
            title = LABELS[spec.edition]["related"]
            groups.append((title, all_news, [(t, u, "") for t, u, _ in group.items]))
        else:
            groups.append((group.title, all_news, list(group.items)))
    return groups


def check_article(article: Article, spec: ArticleSpec) -> None:
    assert article.title == spec.title
    assert article.authors == spec.authors
    assert article.published is not None
    assert article.published.astimezone(KYIV).timetuple()[:5] == spec.published.timetuple()[:5]
    assert (article.edition, article.id) == (spec.edition, spec.ref.id)
    assert [(block.type, block.text) for block in article.blocks] == expected_blocks(spec)
    assert [(link.text, link.url, link.internal) for link in article.links] == expected_links(spec)
    assert [link.number for link in article.links] == list(range(1, len(article.links) + 1))
    for block in article.blocks:
        for link in block.links:
            assert block.text[link.start : link.end] == link.text
    assert [(tag.name, tag.url) for tag in article.tags] == [
        (name, spec.tag_url(slug)) for name, slug in spec.tags
    ]
    groups = [
        (group.title, group.url, [(i.title, i.url, i.time) for i in group.items])
        for group in article.related
    ]
    assert groups == expected_groups(spec)
    assert dict(article.translations) == {e: spec.translation_url(e) for e in spec.translations}
    if spec.image is None:
        assert article.image is None
    else:
        assert article.image is not None
        assert (article.image.url, article.image.caption, article.image.credit) == spec.image


def check_list(news: NewsList, spec: ListSpec) -> None:
    assert news.kind is PageKind.LIST and news.edition is spec.edition
    assert news.day == (None if spec.design == "tag" else spec.day)
    assert news.title == spec.title
    assert news.previous_day == spec.previous_day
    rows = [(item.time, item.title, item.url, item.important, item.external) for item in news.items]
    assert rows == [(r.time, r.title, r.url, r.important, r.external) for r in spec.rows]
    for item, row in zip(news.items, spec.rows, strict=True):
        assert item.published == at_kyiv_time(row.day, row.time)
        story = None if row.external else parse_story(row.url)
        assert (item.edition, item.id) == ((story.edition, story.id) if story else (None, None))


def check_feed(feed: NewsList, spec: FeedSpec) -> None:
    assert feed.kind is PageKind.FEED and feed.edition is spec.edition
    assert feed.title == spec.title
    assert feed.problems == ()
    assert feed.day == max(item.published for item in spec.items).date()
    got = [(item.title, item.url, item.published, item.time) for item in feed.items]
    assert got == [
        (item.title, item.url, item.published, f"{item.published:%H:%M}") for item in spec.items
    ]
    for item, built in zip(feed.items, spec.items, strict=True):
        assert item.external is not built.url.startswith(SITE)


# -- round trips -----------------------------------------------------------------------------


@FUZZ
@given(article_specs(design="old"))
def test_old_design_articles_come_back_as_built(spec: ArticleSpec) -> None:
    article = parse_article(render_article(spec), spec.url)
    check_model(article, Article)
    check_article(article, spec)


@FUZZ
@given(article_specs(design="new"))
def test_new_design_articles_come_back_as_built(spec: ArticleSpec) -> None:
    article = parse_article(render_article(spec), spec.url)
    check_model(article, Article)
    check_article(article, spec)
    assert article.problems == ()


@FUZZ
@given(list_specs())
def test_news_lists_come_back_as_built(spec: ListSpec) -> None:
    today = spec.day + timedelta(days=3)  # the day comes from the page, not from "today"
    news = parse_list(render_list(spec), spec.url, today=today)
    check_model(news, NewsList)
    check_list(news, spec)


@FUZZ
@given(feed_specs())
def test_feeds_come_back_as_built(spec: FeedSpec) -> None:
    feed = parse_feed(render_feed(spec), spec.url)
    check_model(feed, NewsList)
    check_feed(feed, spec)


@FUZZ
@given(st.one_of(article_specs(), list_specs(), feed_specs()))
def test_the_dispatcher_picks_the_parser_by_url(spec: ArticleSpec | ListSpec | FeedSpec) -> None:
    if isinstance(spec, ArticleSpec):
        page = parse_page(render_article(spec), spec.url)
        assert isinstance(page, Article) and page.title == spec.title
    elif isinstance(spec, ListSpec):
        page = parse_page(render_list(spec), spec.url)
        assert isinstance(page, NewsList) and page.kind is PageKind.LIST
        assert [item.url for item in page.items] == [row.url for row in spec.rows]
    else:
        page = parse_page(render_feed(spec), spec.url)
        assert isinstance(page, NewsList) and page.kind is PageKind.FEED
        assert [item.url for item in page.items] == [item.url for item in spec.items]


# -- damaged pages ---------------------------------------------------------------------------


@FUZZ
@given(
    article_specs().flatmap(lambda s: st.tuples(st.just(s), mutated(st.just(render_article(s)))))
)
def test_damaged_articles_never_break_the_parser(case: tuple[ArticleSpec, bytes]) -> None:
    spec, data = case
    check_model(parse_article(data, spec.url), Article)
    check_model(parse_page(data, spec.url), Article)


@FUZZ
@given(list_specs().flatmap(lambda s: st.tuples(st.just(s), mutated(st.just(render_list(s))))))
def test_damaged_lists_never_break_the_parser(case: tuple[ListSpec, bytes]) -> None:
    spec, data = case
    check_model(parse_list(data, spec.url, today=spec.day), NewsList)
    check_model(parse_page(data, spec.url), NewsList)


@FUZZ
@given(feed_specs().flatmap(lambda s: st.tuples(st.just(s), mutated(st.just(render_feed(s))))))
def test_damaged_feeds_never_break_the_parser(case: tuple[FeedSpec, bytes]) -> None:
    spec, data = case
    feed = parse_feed(data, spec.url)
    check_model(feed, NewsList)
    assert feed.kind is PageKind.FEED
    assert len(feed.items) <= len(spec.items)
    check_model(parse_page(data, spec.url), NewsList)


@FUZZ
@given(
    st.one_of(
        article_specs().map(render_article),
        list_specs().map(render_list),
        feed_specs().map(render_feed),
    ).flatmap(lambda page: mutated(st.just(page))),
    st.sampled_from(
        [
            f"{SITE}/eng/news/2025/08/23/7527766/",
            f"{SITE}/rus/news/",
            f"{SITE}/tags/nato/",
            f"{SITE}/eng/rss/",
            "https://example.org/unknown",
        ]
    ),
    st.sampled_from(
        [None, "text/html", "application/rss+xml; charset=utf-8", "text/html; charset=koi8-r"]
    ),
)
def test_any_damaged_page_under_any_address(
    data: bytes, url: str, content_type: str | None
) -> None:
    page = parse_page(data, url, content_type=content_type)
    check_model(page, Article | NewsList)


# -- inputs found by fuzzing -----------------------------------------------------------------


def _regressions() -> list[Path]:
    return sorted(path for path in REGRESSIONS.glob("*.bin"))


@pytest.mark.parametrize("path", _regressions(), ids=lambda path: path.stem)
def test_regression_inputs(path: Path) -> None:
    # The URL the input was found under is in the file name: <parser>-<what>.bin.
    data = path.read_bytes()
    parser = path.stem.split("-", 1)[0]
    url = {
        "article": f"{SITE}/news/2025/11/28/8020106/",
        "list": f"{SITE}/news/",
        "feed": f"{SITE}/rss/view_news/",
    }[parser]
    check_model(parse_page(data, url), Article | NewsList)
