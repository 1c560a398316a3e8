"""Pages to JSON and back: the `parse` command's output contract, and the store's format.

`page_to_json(page)` gives exactly the keys of the contract, in its order. With `full=True`
each object also carries, after the contract's keys, what the contract leaves out (inline
link offsets, styled spans, image blocks' picture and credit, group links, list title), so
that `page_from_json` rebuilds the page unchanged; the store keeps that form.
`page_from_json` accepts both forms and fills what is missing with defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from reader.models import (
    Article,
    Block,
    BlockType,
    Edition,
    Headline,
    LeadImage,
    Link,
    NewsList,
    Page,
    PageKind,
    RelatedGroup,
    RelatedItem,
    Span,
    Tag,
)
from reader.site.dates import parse_iso_datetime
from reader.site.urls import is_site_url, parse_story

# Bump whenever a parser's output changes: the store keys parsed results on it.
PARSER_VERSION: int = 1

JsonObject = dict[str, Any]
_EDITION_CODES = frozenset(edition.value for edition in Edition)
_BLOCK_TYPES = frozenset(block_type.value for block_type in BlockType)


def page_to_json(page: Page, *, full: bool = False) -> JsonObject:
    """The page as plain JSON data; `full` adds the fields the contract leaves out."""
    if isinstance(page, Article):
        return _article_to_json(page, full)
    return _list_to_json(page, full)


def page_from_json(data: Mapping[str, Any]) -> Page:
    """The page that `page_to_json` gave `data`; missing keys get defaults.

    Raises ValueError when `data` is not a page object at all.
    """
    if not isinstance(data, Mapping):
        raise ValueError("a page is a JSON object")
    kind = data.get("kind")
    if kind == PageKind.ARTICLE:
        return _article_from_json(data)
    if kind in (PageKind.LIST, PageKind.FEED):
        return _list_from_json(data, PageKind(kind))
    raise ValueError(f"unknown page kind {kind!r}")


# ----------------------------------------------------------------------------- to JSON


def _article_to_json(article: Article, full: bool) -> JsonObject:
    image = article.image
    return {
        "kind": article.kind.value,
        "url": article.url,
        "edition": article.edition.value,
        "id": article.id,
        "title": article.title,
        "authors": list(article.authors),
        "published": _iso(article.published),
        "image": (
            None
            if image is None
            else {"url": image.url, "caption": image.caption, "credit": image.credit}
        ),
        "blocks": [_block_to_json(block, full) for block in article.blocks],
        "tags": [{"name": tag.name, "url": tag.url} for tag in article.tags],
        "related": [_group_to_json(group, full) for group in article.related],
        "translations": {edition.value: url for edition, url in article.translations},
        "problems": list(article.problems),
    }


def _block_to_json(block: Block, full: bool) -> JsonObject:
    out: JsonObject = {
        "type": block.type.value,
        "text": block.text,
        "links": [_link_to_json(link, full) for link in block.links],
    }
    if full:
        out["spans"] = [
            {"start": span.start, "end": span.end, "style": span.style} for span in block.spans
        ]
        out["image_url"] = block.image_url
        out["credit"] = block.credit
    return out


def _link_to_json(link: Link, full: bool) -> JsonObject:
    out: JsonObject = {"n": link.number, "text": link.text, "url": link.url}
    if full:
        out.update(internal=link.internal, start=link.start, end=link.end)
    return out


def _group_to_json(group: RelatedGroup, full: bool) -> JsonObject:
    items = []
    for item in group.items:
        entry: JsonObject = {"title": item.title, "url": item.url, "time": item.time}
        if full:
            entry["external"] = item.external
        items.append(entry)
    out: JsonObject = {"group": group.title, "items": items}
    if full:
        out["url"] = group.url
    return out


def _list_to_json(news: NewsList, full: bool) -> JsonObject:
    items = []
    for item in news.items:
        entry: JsonObject = {
            "time": item.time,
            "published": _iso(item.published),
            "title": item.title,
            "url": item.url,
            "important": item.important,
            "external": item.external,
        }
        if full:
            entry["edition"] = item.edition.value if item.edition else None
            entry["id"] = item.id
        items.append(entry)
    out: JsonObject = {
        "kind": news.kind.value,
        "url": news.url,
        "edition": news.edition.value if news.edition else None,
        "date": news.day.isoformat() if news.day else None,
        "items": items,
        "previous_day": news.previous_day,
        "problems": list(news.problems),
    }
    if full:
        out["title"] = news.title
    return out


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


# --------------------------------------------------------------------------- from JSON


def _article_from_json(data: Mapping[str, Any]) -> Article:
    url = _str(data, "url")
    image = data.get("image")
    translations = data.get("translations")
    return Article(
        url=url,
        edition=_edition(data, "edition") or Edition.UK,
        id=_int(data, "id"),
        title=_str(data, "title"),
        authors=tuple(name for name in _list(data, "authors") if isinstance(name, str)),
        published=_datetime(data, "published"),
        image=(
            LeadImage(_str(image, "url"), _str(image, "caption"), _str(image, "credit"))
            if isinstance(image, Mapping)
            else None
        ),
        blocks=tuple(_block_from_json(block, url) for block in _objects(data, "blocks")),
        tags=tuple(Tag(_str(tag, "name"), _str(tag, "url")) for tag in _objects(data, "tags")),
        related=tuple(_group_from_json(group, url) for group in _objects(data, "related")),
        translations=tuple(
            (Edition(code), link)
            for code, link in (translations.items() if isinstance(translations, Mapping) else ())
            if code in _EDITION_CODES and isinstance(link, str)
        ),
        problems=_problems(data),
    )


def _block_from_json(data: Mapping[str, Any], page_url: str) -> Block:
    kind = _str(data, "type")
    return Block(
        type=BlockType(kind) if kind in _BLOCK_TYPES else BlockType.PARAGRAPH,
        text=_str(data, "text"),
        links=tuple(_link_from_json(link, page_url) for link in _objects(data, "links")),
        spans=tuple(
            Span(_int(span, "start") or 0, _int(span, "end") or 0, _str(span, "style"))
            for span in _objects(data, "spans")
        ),
        image_url=_optional_str(data, "image_url"),
        credit=_optional_str(data, "credit"),
    )


def _link_from_json(data: Mapping[str, Any], page_url: str) -> Link:
    url = _str(data, "url")
    internal = data.get("internal")
    return Link(
        number=_int(data, "n") or 0,
        text=_str(data, "text"),
        url=url,
        # The contract form has no flag: the URL tells.
        internal=internal if isinstance(internal, bool) else is_site_url(url, page_url),
        start=_int(data, "start") or 0,
        end=_int(data, "end") or 0,
    )


def _group_from_json(data: Mapping[str, Any], page_url: str) -> RelatedGroup:
    items = []
    for item in _objects(data, "items"):
        url = _str(item, "url")
        external = item.get("external")
        items.append(
            RelatedItem(
                title=_str(item, "title"),
                url=url,
                time=_str(item, "time"),
                external=external if isinstance(external, bool) else not is_site_url(url, page_url),
            )
        )
    return RelatedGroup(_str(data, "group"), tuple(items), _optional_str(data, "url"))


def _list_from_json(data: Mapping[str, Any], kind: PageKind) -> NewsList:
    url = _str(data, "url")
    items = []
    for item in _objects(data, "items"):
        item_url = _str(item, "url")
        external = _bool(item, "external")
        # The contract form has no edition or id: the story URL tells.
        story = None if external or "id" in item else parse_story(item_url)
        items.append(
            Headline(
                title=_str(item, "title"),
                url=item_url,
                time=_str(item, "time"),
                published=_datetime(item, "published"),
                important=_bool(item, "important"),
                external=external,
                edition=story.edition if story else _edition(item, "edition"),
                id=story.id if story else _int(item, "id"),
            )
        )
    day = data.get("date")
    try:
        listed_day = date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        listed_day = None
    return NewsList(
        kind=kind,
        url=url,
        edition=_edition(data, "edition"),
        day=listed_day,
        items=tuple(items),
        previous_day=_optional_str(data, "previous_day"),
        title=_str(data, "title"),
        problems=_problems(data),
    )


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _optional_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def _int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _bool(data: Mapping[str, Any], key: str) -> bool:
    return data.get(key) is True


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _objects(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    return [value for value in _list(data, key) if isinstance(value, Mapping)]


def _edition(data: Mapping[str, Any], key: str) -> Edition | None:
    value = data.get(key)
    return Edition(value) if isinstance(value, str) and value in _EDITION_CODES else None


def _datetime(data: Mapping[str, Any], key: str) -> datetime | None:
    value = data.get(key)
    return parse_iso_datetime(value) if isinstance(value, str) else None


def _problems(data: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(problem for problem in _list(data, "problems") if isinstance(problem, str))
