"""Articles, comparisons and news lists as plain text or Markdown, for the headless commands
and exports.

Page text is cleaned of control characters again here (a stored or hand-made Article may not
have passed a parser), and Markdown output escapes what Markdown would read as syntax, so a
title can't turn into a link or a heading; URLs become links only when they are web URLs.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from reader.compare import AlignedRow
from reader.models import Article, Block, BlockType, Edition, Link, NewsList
from reader.site.editions import LABELS, MONTHS_GENITIVE, WEEKDAYS
from reader.site.text import normalize_space

ATTRIBUTION = {
    Edition.UK: "Джерело: «Українська правда»",
    Edition.RU: "Источник: «Украинская правда»",
    Edition.EN: "Source: Ukrainska Pravda",
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
# Characters a URL may not carry into output: white space and control characters anywhere,
# and in a Markdown link also what would end or break the link.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_URL_UNSAFE_MD = re.compile(r"[\x00-\x20\x7f-\x9f()<>\[\]\\]")
_NO_PARTNER = "—"


def escape_markdown(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def visible_date(article: Article) -> str:
    """The publication time as the edition prints it: "Saturday, 23 August 2025, 11:07"."""
    moment = article.published
    if moment is None:
        return ""
    weekday = WEEKDAYS[article.edition][moment.weekday()]
    month = MONTHS_GENITIVE[article.edition][moment.month - 1]
    return f"{weekday.capitalize()}, {moment.day} {month} {moment.year}, {moment:%H:%M}"


def byline(article: Article) -> str:
    authors = ", ".join(name for name in map(normalize_space, article.authors) if name)
    return " — ".join(part for part in (authors, visible_date(article)) if part)


def attribution_line(article: Article, *, markdown: bool = False) -> str:
    """The line the site asks for: its name and a link to the story."""
    if markdown:
        return f"{escape_markdown(ATTRIBUTION[article.edition])}: {_url(article.url, True)}"
    return f"{ATTRIBUTION[article.edition]}: {_url(article.url, False)}"


def block_text(block: Block, *, markdown: bool = False) -> str:
    """A block's text with "[n]" after each link's words (escaped for Markdown)."""
    out: list[str] = []
    text = block.text
    position = 0
    for link in sorted(block.links, key=lambda link: link.end):
        end = max(position, min(link.end, len(text)))
        out.append(_segment(text[position:end], markdown))
        out.append(f" [{link.number}]")
        position = end
    out.append(_segment(text[position:], markdown))
    return "".join(out).strip()


def article_to_text(article: Article) -> str:
    return "\n".join(_article_lines(article, markdown=False)).rstrip() + "\n"


def article_to_markdown(article: Article) -> str:
    return "\n".join(_article_lines(article, markdown=True)).rstrip() + "\n"


def _article_lines(article: Article, *, markdown: bool) -> Iterator[str]:
    labels = LABELS[article.edition]

    def esc(text: str) -> str:
        text = normalize_space(text)
        return escape_markdown(text) if markdown else text

    yield from _heading_lines(article, markdown=markdown)
    yield ""
    if article.image is not None:
        caption = " ".join(p for p in (article.image.caption, article.image.credit) if p)
        yield _picture(labels["photo"], caption, article.image.url, markdown)
        yield ""
    for index, block in enumerate(article.blocks):
        text = block_text(block, markdown=markdown)
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
            yield _picture(labels["photo"], caption, block.image_url, markdown)
        else:
            yield text
        yield ""
    if article.tags:
        names = ", ".join(esc(tag.name) for tag in article.tags)
        yield f"{labels['tags']}: {names}"
        yield ""
    if article.links:
        yield f"## {labels['links']}" if markdown else f"{labels['links']}:"
        yield from _link_lines(article.links, markdown)
        yield ""
    for group in article.related:
        if not group.items:
            continue
        title = group.title or labels["related"]
        yield f"## {esc(title)}" if markdown else f"{esc(title)}:"
        for item in group.items:
            time = f"{esc(item.time)}  " if item.time else ""
            yield (
                f"- {time}{_linked(item.title, item.url)}"
                if markdown
                else f"  {time}{esc(item.title)}"
            )
        yield ""
    yield attribution_line(article, markdown=markdown)


def _heading_lines(article: Article, *, markdown: bool) -> Iterator[str]:
    title = normalize_space(article.title)
    if markdown:
        yield f"# {escape_markdown(title)}"
    else:
        yield title
        yield "=" * min(len(title), 78)
    if line := byline(article):
        yield f"*{escape_markdown(line)}*" if markdown else line


def _picture(label: str, caption: str, url: str | None, markdown: bool) -> str:
    caption = normalize_space(caption)
    if not markdown:
        return f"[{label}] {caption}".rstrip()
    target = _markdown_url(url) if url else None
    if target is None:
        return f"\\[{label}\\] {escape_markdown(caption)}".rstrip()
    return f"![{escape_markdown(caption)}]({target})"


def _link_lines(links: Sequence[Link], markdown: bool) -> Iterator[str]:
    for link in links:
        # A Markdown list, so the lines do not run together into one paragraph.
        number = f"\\[{link.number}\\]" if markdown else f"[{link.number}]"
        # In Markdown a list, so the lines do not run together into one paragraph.
        yield (
            f"- {number} {_url(link.url, True)}"
            if markdown
            else f"{number} {_url(link.url, False)}"
        )


def _linked(title: str, url: str) -> str:
    """A Markdown link, or the escaped title alone when the URL is not a web URL."""
    title = escape_markdown(normalize_space(title))
    target = _markdown_url(url)
    return title if target is None else f"[{title}]({target})"


def _segment(text: str, markdown: bool) -> str:
    # The sentinels keep one space at either end, where the words of two segments meet.
    text = normalize_space(f".{text}.")[1:-1]
    return escape_markdown(text) if markdown else text


def _url(url: str, markdown: bool) -> str:
    """A URL shown as text: safe for a terminal; in Markdown an autolink when it is a web URL."""
    if markdown:
        target = _markdown_url(url)
        return f"<{target}>" if target else escape_markdown(_percent(_URL_UNSAFE, url))
    return _percent(_URL_UNSAFE, url)


def _markdown_url(url: str) -> str | None:
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return _percent(_URL_UNSAFE_MD, url) if scheme in ("http", "https") else None


def _percent(unsafe: re.Pattern[str], url: str) -> str:
    return unsafe.sub(lambda m: "".join(f"%{byte:02X}" for byte in m[0].encode()), url)


# -- comparisons ----------------------------------------------------------------------------


def comparison_to_markdown(left: Article, right: Article, rows: Sequence[AlignedRow]) -> str:
    """Two editions as a table, one aligned row per table row, "—" where a side has none."""
    lines = [*_heading_lines(left, markdown=True), "", *_heading_lines(right, markdown=True), ""]
    names = [escape_markdown(LABELS[article.edition]["edition"]) for article in (left, right)]
    lines += [f"| {names[0]} | {names[1]} |", "| --- | --- |"]
    for row in rows:
        cells = [_cell(block, article.edition) for block, article in _sides(row, left, right)]
        lines.append(f"| {cells[0]} | {cells[1]} |")
    lines.append("")
    for article, name in zip((left, right), names, strict=True):
        if article.links:
            lines += [f"## {escape_markdown(LABELS[article.edition]['links'])} ({name})"]
            lines += [*_link_lines(article.links, True), ""]
    for article in (left, right):
        lines += [attribution_line(article, markdown=True), ""]
    return "\n".join(lines).rstrip() + "\n"


def comparison_to_text(
    left: Article, right: Article, rows: Sequence[AlignedRow], *, width: int = 100
) -> str:
    """Two editions in two columns of `width` in all, wrapped side by side."""
    column = max(10, (width - 3) // 2)
    lines: list[str] = []
    for article in (left, right):
        title = normalize_space(article.title)
        lines += textwrap.wrap(title, width) or [""]
        lines += textwrap.wrap(byline(article), width)
        lines.append("")
    names = [LABELS[article.edition]["edition"] for article in (left, right)]
    lines.append(_columns(names[0], names[1], column))
    lines.append("─" * column + "─┼─" + "─" * column)
    for index, row in enumerate(rows):
        if index:
            lines.append(_columns("", "", column))
        texts = [_plain(block, article.edition) for block, article in _sides(row, left, right)]
        wrapped = [textwrap.wrap(text, column) or [""] for text in texts]
        for number in range(max(map(len, wrapped))):
            parts = [part[number] if number < len(part) else "" for part in wrapped]
            lines.append(_columns(parts[0], parts[1], column))
    lines.append("")
    for article, name in zip((left, right), names, strict=True):
        if article.links:
            lines.append(f"{LABELS[article.edition]['links']} ({name}):")
            lines += [*_link_lines(article.links, False), ""]
    lines += [attribution_line(article) for article in (left, right)]
    return "\n".join(lines).rstrip() + "\n"


def _sides(
    row: AlignedRow, left: Article, right: Article
) -> tuple[tuple[Block | None, Article], tuple[Block | None, Article]]:
    return (row.left, left), (row.right, right)


def _cell(block: Block | None, edition: Edition) -> str:
    """A block inside a Markdown table cell: one line, its kind shown by a mark."""
    if block is None:
        return _NO_PARTNER
    if block.type is BlockType.IMAGE:
        caption = normalize_space(" ".join(p for p in (block.text, block.credit or "") if p))
        return f"\\[{escape_markdown(LABELS[edition]['photo'])}\\] {escape_markdown(caption)}"
    text = block_text(block, markdown=True)
    if block.type is BlockType.HEADING:
        return f"**{text}**"
    if block.type is BlockType.QUOTE:
        return f"*{text}*"
    if block.type is BlockType.LIST_ITEM:
        return f"• {text}"
    return text


def _plain(block: Block | None, edition: Edition) -> str:
    if block is None:
        return _NO_PARTNER
    if block.type is BlockType.IMAGE:
        caption = " ".join(p for p in (block.text, block.credit or "") if p)
        return f"[{LABELS[edition]['photo']}] {normalize_space(caption)}".rstrip()
    text = block_text(block)
    if block.type is BlockType.HEADING:
        return text.upper()
    if block.type is BlockType.QUOTE:
        return f"» {text}"
    if block.type is BlockType.LIST_ITEM:
        return f"• {text}"
    return text


def _columns(left: str, right: str, column: int) -> str:
    return f"{left.ljust(column)} │ {right}".rstrip()


# -- news lists -----------------------------------------------------------------------------


def news_to_text(news: NewsList) -> str:
    lines: list[str] = []
    if news.day is not None:
        lines.append(f"{news.day:%Y-%m-%d}")
    for item in news.items:
        mark = "!" if item.important else " "
        away = "  ↗" if item.external else ""
        title = normalize_space(item.title)
        lines.append(f"{normalize_space(item.time) or '     '} {mark} {title}{away}")
    return "\n".join(lines) + "\n"
