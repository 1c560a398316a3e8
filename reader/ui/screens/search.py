"""The search window: words in, the stored articles of every edition that hold them out, best
first; Enter opens the chosen one in the reader."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.models import Edition
from reader.site.dates import KYIV
from reader.site.editions import SWITCHER_LABELS
from reader.store.search import SearchHit
from reader.ui.i18n import format_datetime, tr
from reader.ui.keys import binding
from reader.ui.render import DIM, page_text
from reader.ui.widgets.url_list import Entry, UrlList

MATCH = "bold underline"
# The query and the edition searched (None: all) to the hits with the number of articles
# searched; called in a thread.
Search = Callable[[str, Edition | None], tuple[list[SearchHit], int]]
# What ctrl+t goes through: every edition, then each one.
EDITION_CHOICES: tuple[Edition | None, ...] = (None, *Edition)


def hit_entry(hit: SearchHit, lang: Edition) -> RenderableType:
    """A found article: its title, edition and date, and the words around the match."""
    title = page_text(hit.title, "bold")
    for start, end in hit.title_highlights:
        title.stylize(MATCH, start, end)
    meta = Text(SWITCHER_LABELS[hit.edition], style="bold")
    if hit.published is not None:
        meta.append(f"  {format_datetime(lang, hit.published.astimezone(KYIV))}", style=DIM)
    snippet = page_text(hit.snippet, DIM)
    for start, end in hit.highlights:
        snippet.stylize(f"not dim {MATCH}", start, end)
    return Group(title, meta, snippet)


class SearchScreen(ModalScreen[tuple[str, Edition | None, str | None]]):
    """Dismissed with (the query, the edition searched, the URL chosen or None), so the next
    search starts from the same words in the same edition."""

    BINDINGS: ClassVar[list[BindingType]] = [
        binding("escape,q", "close", "close"),
        binding("down", "results", "search-results", show=False),
        # Not ctrl+e: that is the box's own key for the end of the line.
        binding("ctrl+t", "next_edition", "search-edition"),
    ]

    def __init__(
        self,
        search: Search,
        lang: Edition,
        query: str,
        indexing: Callable[[], bool],
        edition: Edition | None = None,
    ) -> None:
        super().__init__()
        self._search = search
        self.lang = lang
        self._first_query = query
        self._indexing = indexing
        self.edition = edition

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="search-box", classes="reading-box") as box:
            box.border_title = Text(tr(lang, "search_title"))
            yield Input(self._first_query, placeholder=tr(lang, "search_placeholder"))
            yield Static(id="search-status")
            yield UrlList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def results(self) -> UrlList:
        return self.query_one("#search-results", UrlList)

    def on_mount(self) -> None:
        self.set_focus(self.input)
        self._show_status(tr(self.lang, "search_hint"))
        if self._first_query.strip():
            self.find(self._first_query)

    def _show_status(self, words: str) -> None:
        lang = self.lang
        where = (
            tr(lang, "search_all_editions")
            if self.edition is None
            else tr(lang, "search_one_edition", edition=SWITCHER_LABELS[self.edition])
        )
        words = f"{where}  ·  {words}"
        if self._indexing():
            words = f"{words}  ·  {tr(lang, 'search_indexing')}"
        self.query_one("#search-status", Static).update(Text(words, style="dim"))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.find(event.value)

    @work(exclusive=True, group="search", exit_on_error=False)
    async def find(self, query: str) -> None:
        if not query.strip():
            self.results.show_entries([], keep=False)
            self._show_status(tr(self.lang, "search_hint"))
            return
        edition = self.edition
        hits, stored = await asyncio.to_thread(self._search, query, edition)
        if query != self.input.value or edition is not self.edition:
            return  # more was typed, or another edition chosen, meanwhile
        entries: list[Entry] = [(hit_entry(hit, self.lang), hit.url) for hit in hits]
        self.results.show_entries(entries, keep=False)
        if hits:
            found = tr(self.lang, "search_found", count=len(hits))
            self._show_status(f"{found}  ·  {tr(self.lang, 'search_hint')}")
        else:
            self._show_status(tr(self.lang, "search_none", stored=stored))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        """Enter in the box opens the best hit (or the one chosen before)."""
        url = self.results.highlighted_url
        if url is not None:
            self.dismiss((self.input.value, self.edition, url))

    @on(UrlList.Opened)
    def _opened(self, event: UrlList.Opened) -> None:
        event.stop()
        self.dismiss((self.input.value, self.edition, event.url))

    def action_results(self) -> None:
        if self.results.option_count:
            self.set_focus(self.results)

    def action_next_edition(self) -> None:
        """Every edition, then Укр, Рус, Eng alone, and round again; the same words searched."""
        index = EDITION_CHOICES.index(self.edition)
        self.edition = EDITION_CHOICES[(index + 1) % len(EDITION_CHOICES)]
        self.find(self.input.value)

    def action_close(self) -> None:
        self.dismiss((self.input.value, self.edition, None))
