"""Typed, immutable data between the layers: parsers make it, the store keeps it, the UI shows it.

Nothing here imports Textual or does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Edition(StrEnum):
    """One of the site's three editions; the value is the ISO language code."""

    UK = "uk"
    RU = "ru"
    EN = "en"

    @property
    def prefix(self) -> str:
        """The URL path prefix: "" for Ukrainian, "/rus" and "/eng" for the others."""
        return _PREFIXES[self]


_PREFIXES = {Edition.UK: "", Edition.RU: "/rus", Edition.EN: "/eng"}


class BlockType(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    IMAGE = "image"


class PageKind(StrEnum):
    ARTICLE = "article"
    LIST = "list"
    FEED = "feed"


@dataclass(frozen=True, slots=True)
class Link:
    """An inline link of an article body, numbered in order of appearance from 1.

    `start` and `end` are character offsets of the link text inside its block's text, so a
    view can style the words and put the number after them.
    """

    number: int
    text: str
    url: str
    internal: bool
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Span:
    """A styled run inside a block's text (`strong` or `em` in the page)."""

    start: int
    end: int
    style: str  # "strong" | "em"


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of an article body, in reading order.

    For an image block `text` is the caption, `image_url` the picture and `credit` its source.
    """

    type: BlockType
    text: str
    links: tuple[Link, ...] = ()
    spans: tuple[Span, ...] = ()
    image_url: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class LeadImage:
    url: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True, slots=True)
class Tag:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class RelatedItem:
    title: str
    url: str
    time: str = ""  # "HH:MM" or the visible date as the page prints it; "" when absent
    external: bool = False


@dataclass(frozen=True, slots=True)
class RelatedGroup:
    """A block of links around an article: related news, a tag's block, the recent-news column.

    `url` is the group's "All News"/tag link when the page has one.
    """

    title: str
    items: tuple[RelatedItem, ...]
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    url: str
    edition: Edition
    id: int | None
    title: str
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    image: LeadImage | None = None
    blocks: tuple[Block, ...] = ()
    tags: tuple[Tag, ...] = ()
    related: tuple[RelatedGroup, ...] = ()
    # Other editions of the same story, as (edition, url) pairs; never includes this edition.
    translations: tuple[tuple[Edition, str], ...] = ()
    problems: tuple[str, ...] = ()
    kind: PageKind = field(default=PageKind.ARTICLE, init=False)

    @property
    def links(self) -> tuple[Link, ...]:
        """Every inline link of the body, in number order."""
        return tuple(link for block in self.blocks for link in block.links)

    def translation(self, edition: Edition) -> str | None:
        return dict(self.translations).get(edition)


@dataclass(frozen=True, slots=True)
class Headline:
    """One row of a recent-news list or an item of an RSS feed."""

    title: str
    url: str
    time: str = ""  # "HH:MM" as printed, Kyiv time
    published: datetime | None = None
    important: bool = False
    external: bool = False
    edition: Edition | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class NewsList:
    """A recent-news list page, a day list, a tag page or an RSS feed."""

    kind: PageKind
    url: str
    edition: Edition | None
    day: date | None
    items: tuple[Headline, ...] = ()
    previous_day: str | None = None
    title: str = ""
    problems: tuple[str, ...] = ()


Page = Article | NewsList
