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
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.models import Edition
from reader.site.dates import KYIV
from reader.site.editions import SWITCHER_LABELS
from reader.store.search import SearchHit
from reader.ui.i18n import format_datetime, tr
from reader.ui.render import DIM, page_text
from reader.ui.widgets.url_list import Entry, UrlList

MATCH = "bold underline"
# The query and the hits with the number of articles searched; called in a thread.
Search = Callable[[str], tuple[list[SearchHit], int]]


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


class SearchScreen(ModalScreen[tuple[str, str | None]]):
    """Dismissed with (the query, the URL chosen or None), so the next search starts from the
    same words."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="close", tooltip="Close this window"),
        Binding(
            "down", "results", "Results", show=False, id="search-results", tooltip="The results"
        ),
    ]

    def __init__(
        self, search: Search, lang: Edition, query: str, indexing: Callable[[], bool]
    ) -> None:
        super().__init__()
        self._search = search
        self.lang = lang
        self._first_query = query
        self._indexing = indexing

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
        if self._indexing():
            words = f"{words}  ·  {tr(self.lang, 'search_indexing')}"
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
        hits, stored = await asyncio.to_thread(self._search, query)
        if query != self.input.value:
            return  # more was typed meanwhile
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
            self.dismiss((self.input.value, url))

    @on(UrlList.Opened)
    def _opened(self, event: UrlList.Opened) -> None:
        event.stop()
        self.dismiss((self.input.value, event.url))

    def action_results(self) -> None:
        if self.results.option_count:
            self.set_focus(self.results)

    def action_close(self) -> None:
        self.dismiss((self.input.value, None))
