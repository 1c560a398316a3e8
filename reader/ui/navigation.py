"""Where a link goes (a page the app shows, or the browser) and the back/forward history."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from urllib.parse import urlsplit

from reader.models import PageKind
from reader.site.urls import SITE_HOSTS, kind_of_url


class Target(StrEnum):
    ARTICLE = "article"  # the centre pane
    LIST = "list"  # the left pane (news lists, day lists, tag pages, feeds)
    BROWSER = "browser"  # anything else: sister sites, other sites, site pages we cannot show


@lru_cache(maxsize=4096)  # asked for every row of a list, on each of its paints
def target_of(url: str) -> Target:
    """Site stories open in the article pane, site lists in the list pane, the rest outside."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return Target.BROWSER
    if parts.scheme not in ("http", "https") or parts.hostname not in SITE_HOSTS:
        return Target.BROWSER
    kind = kind_of_url(url)
    if kind is PageKind.ARTICLE:
        return Target.ARTICLE
    if kind in (PageKind.LIST, PageKind.FEED):
        return Target.LIST
    return Target.BROWSER


@dataclass(slots=True)
class History:
    """Pages opened, in order; going somewhere new drops what was ahead."""

    entries: list[str] = field(default_factory=list)
    index: int = -1

    @property
    def current(self) -> str | None:
        return self.entries[self.index] if self.entries else None

    def push(self, url: str) -> None:
        if url == self.current:
            return
        del self.entries[self.index + 1 :]
        self.entries.append(url)
        self.index = len(self.entries) - 1

    def back(self) -> str | None:
        if self.index <= 0:
            return None
        self.index -= 1
        return self.entries[self.index]

    def forward(self) -> str | None:
        if self.index >= len(self.entries) - 1:
            return None
        self.index += 1
        return self.entries[self.index]
