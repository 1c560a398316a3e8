"""One entry point for any page of the site: the URL says what it is, else the content does."""

from __future__ import annotations

import dataclasses
import re

from reader.allocator import keep_parse_headroom
from reader.models import Page, PageKind
from reader.site.parse_article import parse_article
from reader.site.parse_feed import parse_feed
from reader.site.parse_list import parse_list
from reader.site.urls import kind_of_url

_SNIFF_BYTES = 2048
_RSS_ROOT = re.compile(rb"<rss[\s>]")
# Markers of an article page in either design; the bounded runs keep the search linear.
_ARTICLE = re.compile(
    rb"""<article\b[^>]{0,300}?\bclass\s*=\s*["']?[^"'>]{0,200}?\bpost(?:_news|_article)?\b"""
    rb"""|<h1\b[^>]{0,300}?\bclass\s*=\s*["']?[^"'>]{0,200}?\bpost(?:_news|_article)?_title\b"""
    rb'|"@type"\s*:\s*"(?:News)?Article"',
    re.IGNORECASE,
)
_LIST = re.compile(rb"\barticle_news_list\b|\barticle_time\b")
_NOT_A_PAGE = "Not a page of a known kind: no article, news list or feed was found."


def parse_page(data: bytes, url: str, *, content_type: str | None = None) -> Page:
    """Parse a page by what its URL shows, else by its content. Never raises."""
    keep_parse_headroom()  # once per process: see reader/allocator.py
    kind = kind_of_url(url) or _kind_of_content(data, content_type)
    if kind is PageKind.ARTICLE:
        return parse_article(data, url, content_type=content_type)
    if kind is PageKind.FEED:
        return parse_feed(data, url, content_type=content_type)
    result = parse_list(data, url, content_type=content_type)
    if kind is None and not result.items:
        return dataclasses.replace(result, problems=(*result.problems, _NOT_A_PAGE))
    return result


def _kind_of_content(data: bytes, content_type: str | None) -> PageKind | None:
    head = data[:_SNIFF_BYTES].replace(b"\x00", b"")  # UTF-16 text reads as ASCII here
    declared = (content_type or "").lower()
    if _RSS_ROOT.search(head) or ("xml" in declared and "html" not in declared):
        return PageKind.FEED
    if _ARTICLE.search(data):
        return PageKind.ARTICLE
    if _LIST.search(data):
        return PageKind.LIST
    return None
