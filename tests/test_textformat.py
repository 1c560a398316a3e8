"""Plain text and Markdown of an article (`read --format text|md`), on the seed article."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.demo.catalog import SITE_ROOT
from reader.models import Article, BlockType, Edition, Headline, NewsList, PageKind, RelatedItem
from reader.site.parse_article import parse_article
from reader.textformat import (
    ATTRIBUTION,
    article_to_markdown,
    article_to_text,
    block_text,
    escape_markdown,
    news_to_text,
)

SITE = "https://www.pravda.com.ua"
PATHS = {
    Edition.UK: "/news/2025/08/23/7527766/",
    Edition.RU: "/rus/news/2025/08/23/7527766/",
    Edition.EN: "/eng/news/2025/08/23/7527766/",
}


@pytest.fixture(scope="module", params=list(PATHS))
def seed(request: pytest.FixtureRequest) -> Article:
    path = PATHS[request.param]
    article = parse_article((SITE_ROOT / path.strip("/") / "index.html").read_bytes(), SITE + path)
    assert article.blocks and article.links and article.related
    return article


def test_text_has_every_paragraph_with_its_link_numbers(seed: Article) -> None:
    text = article_to_text(seed)
    lines = text.splitlines()
    assert lines[0] == seed.title and lines[1] == "=" * min(len(seed.title), 78)
    assert lines[2].startswith(", ".join(seed.authors) + " — ")
    body = [line.strip().removeprefix("• ") for line in lines]
    for block in seed.blocks:
        assert block_text(block) in body
        for link in block.links:
            assert f"{block.text[link.start : link.end]} [{link.number}]" in text
    numbered = [line for line in lines if line.startswith("[") and "] http" in line]
    assert numbered == [f"[{link.number}] {link.url}" for link in seed.links]
    assert lines[-1] == f"{ATTRIBUTION[seed.edition]}: {seed.url}"


def test_text_lists_the_related_groups(seed: Article) -> None:
    text = article_to_text(seed)
    for group in seed.related:
        assert f"\n{group.title}:\n" in text
        for item in group.items:
            time = f"{item.time}  " if item.time else ""
            assert f"\n  {time}{item.title}\n" in text


def test_markdown_has_every_paragraph_escaped_and_the_links_as_links(seed: Article) -> None:
    markdown = article_to_markdown(seed)
    lines = markdown.splitlines()
    assert lines[0] == f"# {escape_markdown(seed.title)}"
    assert lines[1].startswith("*") and lines[1].endswith("*")
    for block in seed.blocks:
        text = block_text(block, markdown=True)
        prefix = {BlockType.LIST_ITEM: "- ", BlockType.HEADING: "## ", BlockType.QUOTE: "> "}
        assert prefix.get(block.type, "") + text in lines
    for link in seed.links:
        assert f"- \\[{link.number}\\] <{link.url}>" in lines
    for group in seed.related:
        assert f"## {escape_markdown(group.title)}" in lines
        for item in group.items:
            assert f"[{escape_markdown(item.title)}]({item.url})" in markdown
    assert lines[-1] == f"{escape_markdown(ATTRIBUTION[seed.edition])}: <{seed.url}>"


def test_the_dates_are_printed_as_each_edition_prints_them(seed: Article) -> None:
    expected = {
        Edition.UK: "Субота, 23 серпня 2025, 11:07",
        Edition.RU: "Суббота, 23 августа 2025, 11:07",
        Edition.EN: "Saturday, 23 August 2025, 11:07",
    }
    assert article_to_text(seed).splitlines()[2].endswith(f" — {expected[seed.edition]}")


def test_markdown_syntax_in_page_text_stays_text(seed: Article) -> None:
    hostile = replace(
        seed,
        title="[x](javascript:alert(1)) # <b>",
        related=(replace(seed.related[0], items=(RelatedItem("t", "javascript:alert(1)"),)),),
        blocks=(replace(seed.blocks[0], text="- 1. *a* | b", links=(), spans=()),),
    )
    markdown = article_to_markdown(hostile)
    assert markdown.startswith(r"# \[x\]\(javascript:alert\(1\)\) \# \<b\>" + "\n")
    assert "\n\\- 1\\. \\*a\\* \\| b\n" in markdown
    assert "](javascript" not in markdown and "\n- t\n" in markdown


def test_news_list_text_has_no_control_characters() -> None:
    news = NewsList(
        PageKind.LIST,
        f"{SITE}/news/",
        Edition.UK,
        None,
        (Headline("Title\x1b[2J\x07 here", f"{SITE}/news/2025/08/23/1/", "11:07", important=True),),
    )
    assert news_to_text(news) == "11:07 ! Title here\n"
