"""An option list whose entries each open a URL: the headlines and the related links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import RenderableType
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.render import Row
from reader.ui.visuals import RowVisual

# (what to show, the URL it opens); no URL: a heading, which the cursor skips.
Entry = tuple[RenderableType, str | None]

MOVE_BINDINGS: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="down", tooltip="Move down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="up", tooltip="Move up"),
    Binding("g,home", "first", "Top", show=False, id="top", tooltip="Go to the top"),
    Binding("G,end", "last", "Bottom", show=False, id="bottom", tooltip="Go to the bottom"),
    Binding("enter", "select", "Open", id="open", tooltip="Open the selected item"),
]


class UrlList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = MOVE_BINDINGS

    class Opened(Message):
        """The reader chose an entry (Enter or a click)."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._urls: list[str | None] = []

    @property
    def highlighted_url(self) -> str | None:
        return None if self.highlighted is None else self.url_at(self.highlighted)

    def url_at(self, index: int) -> str | None:
        return self._urls[index] if 0 <= index < len(self._urls) else None

    def show_entries(
        self, entries: Sequence[Entry], *, keep: bool, select: str | None = None
    ) -> None:
        """Show `entries`; with `keep` (the same page again) the highlighted entry and the
        scroll position stay where they were; `select` moves the highlight to that entry
        instead, the scroll position staying as far as it can."""
        keep_url = select or (self.highlighted_url if keep else None)
        keep_scroll = self.scroll_y
        self._urls = [url for _, url in entries]
        self.set_options(
            Option(self._visual(shown), disabled=url is None) for shown, url in entries
        )
        if keep_url is not None and keep_url in self._urls:
            self.scroll_y = keep_scroll
            self.highlighted = self._urls.index(keep_url)
        else:
            self.action_first()

    def replace_entry(self, index: int, shown: RenderableType | RowVisual) -> None:
        """Draw one entry anew (its URL stays). OptionList's own replace drops the rendered
        lines of every entry, and drawing the rows on screen again cost more than the change:
        only this entry's go, and the heights are counted again (cheap, see RowVisual)."""
        option = self.get_option_at_index(index)
        option._set_prompt(self._visual(shown))
        cache = self._option_render_cache
        rendered = cache.keys()  # a cache, not a dict: its keys are (option, style, padding)
        for key in [key for key in rendered if key[0] is option]:
            cache.discard(key)
        self._line_cache.clear()
        self.refresh()

    def _visual(self, shown: RenderableType | RowVisual) -> RenderableType | RowVisual:
        return RowVisual(self, shown) if isinstance(shown, Row) else shown

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        url = self.url_at(event.option_index)
        if url is not None:
            self.post_message(self.Opened(url))
