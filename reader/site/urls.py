"""The site's URLs: recognising stories, lists, tags and feeds, and building them.

Recognition goes by path only, so the same code works for www.pravda.com.ua and for the demo
server on 127.0.0.1. Old-CMS paths may leave day and month unpadded (/eng/news/2023/05/9/…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from reader.models import Edition, PageKind

DEFAULT_BASE_URL = "https://www.pravda.com.ua"
SITE_HOSTS = frozenset({"pravda.com.ua", "www.pravda.com.ua"})
STORY_SECTIONS = ("news", "articles", "columns", "interview", "projects")
FEEDS: dict[str, str] = {
    "all": "/rss/",
    "news": "/rss/view_news/",
    "main": "/rss/view_mainnews/",
    "pubs": "/rss/view_pubs/",
}

_PREFIX = r"(?:/(?P<prefix>rus|eng)(?=/|$))?"
_STORY_PATH = re.compile(
    _PREFIX + r"/(?P<section>" + "|".join(STORY_SECTIONS) + r")"
    r"/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<id>\d{1,12})(?:/(?:index\.amp)?)?"
)
_DAY_LIST_PATH = re.compile(
    _PREFIX + r"/(?:news|archives)/date_(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})/?"
)
_TAG_PATH = re.compile(_PREFIX + r"/tags/(?P<slug>[^/]+)/?")
_FEED_PATH = re.compile(_PREFIX + r"/rss(?:/[\w-]+)*/?")
# Section front pages that list headlines (the news list and the publication lists).
_LIST_PATH = re.compile(
    _PREFIX + r"/(?:news|articles|columns|interview|projects|main-articles|authors/[^/]+)/?"
)
_PREFIX_ONLY = re.compile(_PREFIX)
_EDITIONS = {None: Edition.UK, "rus": Edition.RU, "eng": Edition.EN}
_NOT_LINKS = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:")
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_URL_DROPPED = re.compile(r"[\t\n\r]")
_URL_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
# An absolute http(s) URL taken as it is: no control character to clean, no space or bracket
# for urljoin to deal with. One match, rather than a check per character.
_PLAIN_ABSOLUTE = re.compile(r"https?://[^\x00-\x20\x7f-\x9f\[\]\\]*")
# A path from the root that urljoin would only append to the page's origin: no dot segment,
# parameters, query or fragment for it to resolve or tidy, nothing to clean. urljoin costs
# several microseconds a call, and an old-design page has dozens of such links.
_PLAIN_ROOT_PATH = re.compile(r"/(?!/)[^\x00-\x20\x7f-\x9f\[\]\\.;?#]*")


@dataclass(frozen=True, slots=True)
class StoryRef:
    """What identifies a story: its edition, section, publication day and numeric id."""

    edition: Edition
    section: str
    day: date
    id: int


@lru_cache(maxsize=4096)  # asked for every row of a list, on each of its paints
def parse_story(url: str) -> StoryRef | None:
    """The story a URL points at, by path only (any host), or None."""
    match = _STORY_PATH.fullmatch(_path(url))
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return StoryRef(_EDITIONS[match["prefix"]], match["section"], day, int(match["id"]))


def edition_of(url: str) -> Edition:
    """The edition a URL belongs to, from its path prefix; Ukrainian when it has none."""
    match = _PREFIX_ONLY.match(_path(url))
    return _EDITIONS[match["prefix"] if match else None]


def is_site_url(url: str, page_url: str) -> bool:
    """Whether a link stays on this site: the page's own origin or (www.)pravda.com.ua.

    Sister sites (life.pravda.com.ua, epravda.com.ua, ...) are other sites.
    """
    link, page = _origin(url), _origin(page_url)
    if link is None or page is None:
        return False
    scheme, host, port = link
    if scheme not in ("http", "https", ""):
        return False
    if not host:
        return not scheme  # relative: resolves against the page
    return host in SITE_HOSTS or (host, port) == page[1:]


@lru_cache(maxsize=1024)
def _origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port with the scheme's default filled in), or None for a broken URL."""
    try:
        parts = urlsplit(url)
        return parts.scheme, parts.hostname or "", parts.port or _default_port(parts.scheme)
    except ValueError:
        return None


def story_url(base: str, ref: StoryRef) -> str:
    """The canonical (zero-padded) URL of a story."""
    day = ref.day
    return (
        f"{_base(base)}{ref.edition.prefix}/{ref.section}/"
        f"{day.year:04d}/{day.month:02d}/{day.day:02d}/{ref.id}/"
    )


def translation_url(url: str, edition: Edition) -> str:
    """The same page in another edition: host, section, date path and id kept, prefix swapped."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path or "/"
    match = _PREFIX_ONLY.match(path)
    rest = path[match.end() :] if match else path
    if not rest.startswith("/"):
        rest = "/" + rest
    return urlunsplit((parts.scheme, parts.netloc, edition.prefix + rest, parts.query, ""))


def news_list_url(base: str, edition: Edition, day: date | None = None) -> str:
    """The recent-news list, or the list of one day (/news/date_DDMMYYYY/)."""
    tail = "" if day is None else f"date_{day.day:02d}{day.month:02d}{day.year:04d}/"
    return f"{_base(base)}{edition.prefix}/news/{tail}"


def day_of_list_url(url: str) -> date | None:
    """The day of a day-list URL (/news/date_DDMMYYYY/), or None."""
    match = _DAY_LIST_PATH.fullmatch(_path(url))
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def tag_url(base: str, edition: Edition, slug: str) -> str:
    return f"{_base(base)}{edition.prefix}/tags/{quote(slug, safe='')}/"


def tag_slug(url: str) -> str | None:
    """The slug of a tag page URL (/tags/<slug>/), or None."""
    match = _TAG_PATH.fullmatch(_path(url))
    return unquote(match["slug"]) if match else None


def feed_url(base: str, edition: Edition, name: str) -> str:
    """The URL of one of the FEEDS ("all", "news", "main", "pubs") of an edition."""
    return f"{_base(base)}{edition.prefix}{FEEDS[name]}"


def kind_of_url(url: str) -> PageKind | None:
    """What a URL shows by its path: a story, a headline list or a feed; None when unknown."""
    if parse_story(url) is not None:
        return PageKind.ARTICLE
    path = _path(url)
    if _FEED_PATH.fullmatch(path):
        return PageKind.FEED
    if _DAY_LIST_PATH.fullmatch(path) or _TAG_PATH.fullmatch(path) or _LIST_PATH.fullmatch(path):
        return PageKind.LIST
    return None


def absolutize(href: str | None, page_url: str) -> str | None:
    """An href resolved against the page URL; None for empty, in-page and non-web links.

    Control characters are dealt with as browsers do, so none reaches a terminal and a
    scheme cannot hide behind them (a tab inside "javascript:").
    """
    if href is None:
        return None
    href = href.strip()
    if _PLAIN_ABSOLUTE.fullmatch(href):
        return href  # already absolute, nothing to clean: the common case, and hot
    if _PLAIN_ROOT_PATH.fullmatch(href) and (origin := _http_origin(page_url)) is not None:
        return origin + href  # "/eng/news/…", as the old design writes its links
    if _URL_CONTROL.search(href) is not None:
        href = _clean_href(href)
    if href.startswith(("https://", "http://")) and not any(c in href for c in " []\\"):
        return href  # absolute once cleaned
    if not href or href.startswith("#") or href.lower().startswith(_NOT_LINKS):
        return None
    try:
        return urljoin(page_url, href)
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _http_origin(page_url: str) -> str | None:
    """The "scheme://host[:port]" of an http(s) page URL, as urljoin joins a path to it."""
    try:
        parts = urlsplit(page_url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def _clean_href(href: str) -> str:
    """Tabs and new lines dropped, C0 controls and spaces trimmed from the ends, and the
    control characters left percent-encoded (the WHATWG URL parser's steps)."""
    href = _URL_EDGES.sub("", _URL_DROPPED.sub("", href))
    return _URL_CONTROL.sub(lambda match: quote(match[0]), href)


def amp_url(article_url: str) -> str:
    """The AMP page of an article: .../ID/index.amp."""
    try:
        parts = urlsplit(article_url)
    except ValueError:
        return article_url
    path = parts.path
    if not path.endswith("/index.amp"):
        path = path.rstrip("/") + "/index.amp"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _path(url: str) -> str:
    try:
        return urlsplit(url.strip()).path
    except ValueError:
        return ""


def _base(base: str) -> str:
    return base.rstrip("/")


def _default_port(scheme: str) -> int | None:
    return {"http": 80, "https": 443}.get(scheme)
