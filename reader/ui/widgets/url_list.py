"""An option list whose entries each open a URL: the headlines and the related links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import RenderableType
from textual import on
from textual.binding import Binding, BindingType
from textual.css.styles import RulesMap
from textual.message import Message
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.render import Row

# (what to show, the URL it opens); no URL: a heading, which the cursor skips.
Entry = tuple[RenderableType, str | None]

MOVE_BINDINGS: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="down", tooltip="Move down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="up", tooltip="Move up"),
    Binding("g,home", "first", "Top", show=False, id="top", tooltip="Go to the top"),
    Binding("G,end", "last", "Bottom", show=False, id="bottom", tooltip="Go to the bottom"),
    Binding("enter", "select", "Open", id="open", tooltip="Open the selected item"),
]


class RowVisual(RichVisual):
    """A row the list renders only when it is on screen: OptionList asks every option's
    height on each paint, and rendering 250 rows to count their lines took ~100 ms."""

    def __init__(self, widget: Widget, row: Row) -> None:
        super().__init__(widget, row)
        self._row = row
        self._heights: dict[int, int] = {}

    def __rich__(self) -> Row:
        """The row itself, for printing it with Rich."""
        return self._row

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            app = self._widget.app
            options = app.console_options.update_width(width).update(highlight=False)
            height = self._heights[width] = self._row.height(app.console, options)
        return height


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
            Option(
                RowVisual(self, shown) if isinstance(shown, Row) else shown, disabled=url is None
            )
            for shown, url in entries
        )
        if keep_url is not None and keep_url in self._urls:
            self.scroll_y = keep_scroll
            self.highlighted = self._urls.index(keep_url)
        else:
            self.action_first()

    def replace_entry(self, index: int, shown: RenderableType) -> None:
        """Draw one entry anew (its URL stays)."""
        self.replace_option_prompt_at_index(index, self._visual(shown))

    def _visual(self, shown: RenderableType) -> RenderableType | RowVisual:
        return RowVisual(self, shown) if isinstance(shown, Row) else shown

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        url = self.url_at(event.option_index)
        if url is not None:
            self.post_message(self.Opened(url))
