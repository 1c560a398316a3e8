"""Article facts from a page's JSON-LD (schema.org NewsArticle/Article).

The article parser falls back on these when the markup lacks a field; some English pages of
the new design carry their whole body only here. Values of unexpected types are ignored.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reader.site.dates import parse_iso_datetime
from reader.site.text import normalize_space

_ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BlogPosting",
        "Report",
    }
)
_NOT_PEOPLE = frozenset({"Organization", "NewsMediaOrganization", "Corporation"})
# articleBody joins paragraphs with tabs (new design) or newlines; stray tags become breaks.
_PARAGRAPH_BREAK = re.compile(r"[\t\r\n\f\v\u2028\u2029]+|<[^<>]{0,200}>")
# How many nested objects to look through for the article (lists and @graph).
_MAX_OBJECTS = 200


@dataclass(frozen=True, slots=True)
class LdArticle:
    headline: str = ""
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    body: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    image_url: str = ""
    image_caption: str = ""


def find_article(scripts: Iterable[str]) -> tuple[LdArticle | None, tuple[str, ...]]:
    """The first NewsArticle/Article among the JSON-LD script texts, and what went wrong."""
    problems: list[str] = []
    for text in scripts:
        try:
            data = json.loads(text, strict=False)  # raw tabs/newlines inside strings are common
        except (ValueError, RecursionError):
            problems.append("unreadable JSON-LD block")
            continue
        for obj in _objects(data):
            if _is_article(obj):
                return _read(obj), tuple(problems)
    return None, tuple(problems)


def _objects(data: Any) -> Iterable[dict[str, Any]]:
    """Top-level objects, items of top-level lists and of @graph, in document order."""
    pending: list[Any] = [data]
    seen = 0
    while pending and seen < _MAX_OBJECTS:
        item = pending.pop(0)
        seen += 1
        if isinstance(item, list):
            pending[0:0] = item[:_MAX_OBJECTS]
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                pending[0:0] = graph[:_MAX_OBJECTS]


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds)


def _read(obj: dict[str, Any]) -> LdArticle:
    published = obj.get("datePublished")
    image_url, caption = _image(obj.get("image"))
    return LdArticle(
        headline=_clean(obj.get("headline")) or _clean(obj.get("name")),
        authors=_authors(obj.get("author")),
        published=parse_iso_datetime(published) if isinstance(published, str) else None,
        body=_paragraphs(obj.get("articleBody")),
        keywords=_keywords(obj.get("keywords")),
        image_url=image_url,
        image_caption=caption,
    )


def _clean(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    # Some CMSs leave entities in JSON-LD strings ("&quot;", "&#039;").
    return normalize_space(html.unescape(value) if "&" in value else value)


def _authors(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if item.get("@type") in _NOT_PEOPLE:
                continue  # the publisher named as author is no byline
            name = _clean(item.get("name"))
        else:
            name = _clean(item)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _paragraphs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, str):
        return ()
    text = html.unescape(value) if "&" in value else value
    return tuple(p for p in (normalize_space(part) for part in _PARAGRAPH_BREAK.split(text)) if p)


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        parts: list[Any] = value.split(",")
    elif isinstance(value, list):
        parts = value
    else:
        return ()
    names: list[str] = []
    for part in parts:
        name = _clean(part)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _image(value: Any) -> tuple[str, str]:
    """(url, caption) of the first usable image: a URL string, an ImageObject or a list."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str) and item.strip():
            return item.strip(), ""
        if isinstance(item, dict):
            url = item.get("url") or item.get("contentUrl")
            if isinstance(url, str) and url.strip():
                return url.strip(), _clean(item.get("caption"))
    return "", ""
