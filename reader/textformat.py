"""Articles and news lists as plain text or Markdown, for the headless commands and exports.

Page text reaches here already cleaned of control characters by the parsers; Markdown output
escapes what Markdown would read as syntax, so a title can't turn into a link or a heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reader.models import Article, BlockType, Edition, Link, NewsList
from reader.site.editions import LABELS, MONTHS_GENITIVE, WEEKDAYS

ATTRIBUTION = {
    Edition.UK: "Джерело: «Українська правда»",
    Edition.RU: "Источник: «Украинская правда»",
    Edition.EN: "Source: Ukrainska Pravda",
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def visible_date(article: Article) -> str:
    """The publication time as the edition prints it: "Saturday, 23 August 2025, 11:07"."""
    moment = article.published
    if moment is None:
        return ""
    weekday = WEEKDAYS[article.edition][moment.weekday()]
    month = MONTHS_GENITIVE[article.edition][moment.month - 1]
    return f"{weekday.capitalize()}, {moment.day} {month} {moment.year}, {moment:%H:%M}"


def byline(article: Article) -> str:
    return " — ".join(part for part in (", ".join(article.authors), visible_date(article)) if part)


def article_to_text(article: Article) -> str:
    return "\n".join(_article_lines(article, markdown=False)).rstrip() + "\n"


def article_to_markdown(article: Article) -> str:
    return "\n".join(_article_lines(article, markdown=True)).rstrip() + "\n"


def _article_lines(article: Article, *, markdown: bool) -> Iterator[str]:
    labels = LABELS[article.edition]

    def esc(text: str) -> str:
        return _MD_SPECIAL.sub(r"\\\1", text) if markdown else text

    yield f"# {esc(article.title)}" if markdown else article.title
    if not markdown:
        yield "=" * min(len(article.title), 78)
    if line := byline(article):
        yield f"*{esc(line)}*" if markdown else line
    yield ""
    if article.image is not None:
        caption = " ".join(p for p in (article.image.caption, article.image.credit) if p)
        if markdown:
            yield f"![{esc(caption)}]({article.image.url})"
        else:
            yield f"[{labels['photo']}] {caption}".rstrip()
        yield ""
    for index, block in enumerate(article.blocks):
        text = _with_link_numbers(block.text, block.links, esc)
        if block.type is BlockType.HEADING:
            yield f"## {text}" if markdown else text.upper()
        elif block.type is BlockType.LIST_ITEM:
            yield f"- {text}" if markdown else f"  • {text}"
            following = article.blocks[index + 1 : index + 2]
            if following and following[0].type is BlockType.LIST_ITEM:
                continue  # the items of a list stay together
        elif block.type is BlockType.QUOTE:
            yield f"> {text}" if markdown else f"    {text}"
        elif block.type is BlockType.IMAGE:
            caption = " ".join(p for p in (block.text, block.credit or "") if p)
            if markdown and block.image_url:
                yield f"![{esc(caption)}]({block.image_url})"
            else:
                yield f"[{labels['photo']}] {esc(caption)}".rstrip()
        else:
            yield text
        yield ""
    if article.tags:
        names = ", ".join(esc(tag.name) for tag in article.tags)
        yield f"{labels['tags']}: {names}"
        yield ""
    if article.links:
        yield f"## {labels['links']}" if markdown else f"{labels['links']}:"
        for link in article.links:
            yield f"[{link.number}] {link.url}"
        yield ""
    for group in article.related:
        if not group.items:
            continue
        title = group.title or labels["related"]
        yield f"## {esc(title)}" if markdown else f"{title}:"
        for item in group.items:
            time = f"{item.time}  " if item.time else ""
            if markdown:
                yield f"- {esc(time)}[{esc(item.title)}]({item.url})"
            else:
                yield f"  {time}{item.title}"
        yield ""
    yield f"{esc(ATTRIBUTION[article.edition])}: {article.url}"


def _with_link_numbers(text: str, links: tuple[Link, ...], esc: Callable[[str], str]) -> str:
    """The block text with "[n]" after each link's words."""
    out: list[str] = []
    position = 0
    for link in sorted(links, key=lambda link: link.end):
        end = max(position, min(link.end, len(text)))
        out.append(esc(text[position:end]))
        out.append(f" [{link.number}]")
        position = end
    out.append(esc(text[position:]))
    return "".join(out)


def news_to_text(news: NewsList) -> str:
    lines: list[str] = []
    if news.day is not None:
        lines.append(f"{news.day:%Y-%m-%d}")
    for item in news.items:
        mark = "!" if item.important else " "
        away = "  ↗" if item.external else ""
        lines.append(f"{item.time or '     '} {mark} {item.title}{away}")
    return "\n".join(lines) + "\n"
