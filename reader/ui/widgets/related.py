"""The right pane: the article's related groups, its tags' pages, its numbered links and its
other editions; every entry opens with Enter or a click."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical

from reader.models import Article, Edition
from reader.ui.i18n import label, tr
from reader.ui.render import edition_entry, group_header, link_entry, related_item
from reader.ui.widgets.article import link_digit_bindings
from reader.ui.widgets.url_list import Entry, UrlList


class RelatedList(UrlList):
    """Group titles, then their links; digits start a link number as in the article."""

    BINDINGS: ClassVar[list[BindingType]] = link_digit_bindings()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None

    def show_article(self, article: Article | None, lang: Edition) -> None:
        """List what the article links to; the same article again keeps the selection."""
        keep = article is not None and article == self.article
        self.article = article
        self.show_entries(_entries(article, lang) if article is not None else [], keep=keep)


def _entries(article: Article, lang: Edition) -> list[Entry]:
    groups: list[tuple[str, list[Entry]]] = []
    for group in article.related:
        items: list[Entry] = [
            (related_item(item.title, item.time, item.external), item.url) for item in group.items
        ]
        groups.append((group.title, items))
    more: list[Entry] = [
        (related_item(tr(lang, "more_on", name=tag.name)), tag.url) for tag in article.tags
    ]
    links: list[Entry] = [(link_entry(link), link.url) for link in article.links]
    other: list[Entry] = [(edition_entry(edition), url) for edition, url in article.translations]
    groups += [(tr(lang, "tags"), more), (label(lang, "links"), links)]
    groups.append((label(lang, "translations"), other))
    entries: list[Entry] = []
    for title, items in groups:
        if not items:
            continue
        if entries:
            entries.append((Text(), None))
        entries.append((group_header(title), None))
        entries.extend(items)
    return entries


class RelatedPane(Vertical):
    def compose(self) -> ComposeResult:
        yield RelatedList(id="related-list")

    @property
    def list(self) -> RelatedList:
        return self.query_one(RelatedList)
