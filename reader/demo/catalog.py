"""What the fixture site holds, derived from its file paths and markup (there is no manifest).

Paths given out are URL paths ("/eng/news/2025/08/23/7527766/"), to be joined to a base URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from reader.models import Edition
from reader.site.urls import FEEDS, STORY_SECTIONS

SITE_ROOT = Path(__file__).resolve().parent / "site"
# The day the fixture site was "captured": its recent-news lists show this day.
FIXTURE_TODAY = date(2025, 11, 28)

Design = Literal["old", "new"]

_EDITION_OF_PREFIX = {"rus": Edition.RU, "eng": Edition.EN}
_STORY_PATH = re.compile(
    r"(?:(rus|eng)/)?(" + "|".join(STORY_SECTIONS) + r")/(\d{4})/(\d{1,2})/(\d{1,2})/(\d+)"
)
_NEWS_LIST_PATH = re.compile(r"(?:(rus|eng)/)?news(?:/date_(\d{2})(\d{2})(\d{4}))?")
_TAG_PATH = re.compile(r"(?:(rus|eng)/)?tags/([^/]+)")
_FEED_PATH = re.compile(r"(?:(rus|eng)/)?(rss(?:/[^/]+)?)")
_FEED_NAMES = {path: name for name, path in FEEDS.items()}

_CLASS_ATTR = re.compile(rb"""\bclass\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_NEW_CLASSES = frozenset({b"post_news", b"post_article", b"section_news_list_wrapper"})
_OLD_CLASSES = frozenset({b"post", b"container_sub_news_list", b"container_sub_news_list_wrapper"})
_UTF8_DECLARED = re.compile(rb"""charset\s*=\s*["']?\s*utf-?8""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Story:
    """One story (one article id) and the editions the fixture site has it in."""

    id: int
    section: str
    day: date
    design: Design
    editions: dict[Edition, str] = field(hash=False)


@dataclass(frozen=True, slots=True)
class ListPage:
    """A recent-news list (`day` = FIXTURE_TODAY), a day list, or a tag page (`tag` set)."""

    edition: Edition
    path: str
    design: Design
    day: date | None = None
    tag: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    edition: Edition
    name: str  # a key of reader.site.urls.FEEDS ("all", "news", ...), else the path's last part
    path: str


def stories(root: Path = SITE_ROOT) -> list[Story]:
    """Every story with an `index.html`, oldest first; translations share id and date path."""
    found: dict[tuple[str, date, int], dict[Edition, tuple[str, Path]]] = {}
    for file, rel in _pages(root, "index.html"):
        match = _STORY_PATH.fullmatch(rel)
        day = _date(match.group(3), match.group(4), match.group(5)) if match else None
        if match is None or day is None:
            continue
        key = (match.group(2), day, int(match.group(6)))
        found.setdefault(key, {})[_edition(match.group(1))] = (f"/{rel}/", file)
    result = []
    for (section, day, story_id), editions in sorted(found.items(), key=lambda kv: kv[0][1:]):
        first_file = next(iter(editions.values()))[1]
        paths = {edition: editions[edition][0] for edition in Edition if edition in editions}
        result.append(Story(story_id, section, day, _design(first_file), paths))
    return result


def lists(root: Path = SITE_ROOT) -> list[ListPage]:
    """Every news list and tag page, in path order."""
    result = []
    for file, rel in _pages(root, "index.html"):
        if news := _NEWS_LIST_PATH.fullmatch(rel):
            token = news.group(2)
            day = _date(news.group(4), news.group(3), token) if token else FIXTURE_TODAY
            if day is not None:
                edition = _edition(news.group(1))
                result.append(ListPage(edition, f"/{rel}/", _design(file), day=day))
        elif tag := _TAG_PATH.fullmatch(rel):
            edition = _edition(tag.group(1))
            result.append(ListPage(edition, f"/{rel}/", _design(file), tag=tag.group(2)))
    return result


def feeds(root: Path = SITE_ROOT) -> list[Feed]:
    """Every RSS feed, in path order."""
    result = []
    for _file, rel in _pages(root, "index.xml"):
        if match := _FEED_PATH.fullmatch(rel):
            unprefixed = match.group(2)
            name = _FEED_NAMES.get(f"/{unprefixed}/", unprefixed.rpartition("/")[2])
            result.append(Feed(_edition(match.group(1)), name, f"/{rel}/"))
    return result


def _pages(root: Path, name: str) -> list[tuple[Path, str]]:
    """(file, its folder relative to root as a URL path without slashes) for each `name` file."""
    found = [(file, file.parent.relative_to(root).as_posix()) for file in root.rglob(name)]
    return sorted(found, key=lambda pair: pair[1])


def _edition(prefix: str | None) -> Edition:
    return _EDITION_OF_PREFIX.get(prefix or "", Edition.UK)


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _design(file: Path) -> Design:
    """Which template a page uses, by its class names; by its charset when they say nothing."""
    try:
        data = file.read_bytes()
    except OSError:
        return "new"
    classes = {token for value in _CLASS_ATTR.findall(data) for token in value.split()}
    if classes & _NEW_CLASSES:
        return "new"
    if classes & _OLD_CLASSES:
        return "old"
    # The old template was windows-1251, the new one is UTF-8.
    return "new" if _UTF8_DECLARED.search(data[:4096]) else "old"
