"""The left pane: a list of headlines (recent news, a day, a tag page, a feed) with a filter."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import ClassVar, cast

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList

from reader.models import Edition, Headline, NewsList
from reader.ui.i18n import format_day, tr
from reader.ui.render import RowMarks, day_header, headline_row, page_text
from reader.ui.visuals import RowVisual
from reader.ui.widgets.url_list import Entry, UrlList

ROWS_KEPT = 1000  # about four lists of every edition


class HeadlineList(UrlList):
    """The headlines under day headers; at the end, maybe an entry for the day before, which
    asks for that day when the cursor reaches it (or it is chosen)."""

    class EarlierWanted(Message):
        def __init__(self, url: str, *, chosen: bool) -> None:
            super().__init__()
            self.url = url
            self.chosen = chosen  # Enter or a click, not only the cursor passing

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.earlier_url: str | None = None
        self._shown: list[object] = []
        # Rows drawn lately, with their counted heights, by what they show: switching between
        # editions and back draws the lists met before at no cost.
        self._rows: OrderedDict[tuple[Headline, RowMarks, Edition], RowVisual] = OrderedDict()

    def paint(
        self,
        rows: list[tuple[Headline, RowMarks]],
        news: NewsList,
        lang: Edition,
        empty: str,
        earlier: Entry | None = None,
        select: str | None = None,
    ) -> None:
        # Each entry as the value it is drawn from: a repaint of the same entries (new marks,
        # a refresh that changed a row or two) draws only the rows whose value changed.
        shown: list[tuple[object, str | None]] = []
        current_day: date | None = None
        for item, marks in rows:
            day = item.published.date() if item.published is not None else news.day
            if day is not None and (not shown or day != current_day):
                shown.append((format_day(lang, day), None))
                current_day = day
            shown.append(((item, marks, lang), item.url))
        if not rows:
            shown.append((Text(empty, style="dim"), None))
        if earlier is not None:
            shown.append(earlier)
        self.earlier_url = earlier[1] if earlier is not None else None
        previous, self._shown = self._shown, [value for value, _ in shown]
        if [url for _, url in shown] == self._urls and len(previous) == len(shown):
            for index, (value, _url) in enumerate(shown):
                if value != previous[index]:
                    self.replace_entry(index, self._entry(value))
            if select is not None and select in self._urls:
                self.highlighted = self._urls.index(select)
            return
        self.show_entries(
            [(self._entry(value), url) for value, url in shown], keep=True, select=select
        )

    def _entry(self, value: object) -> RenderableType | RowVisual:
        """An entry of the list from what it shows: a headline with its marks, a day, a text."""
        if isinstance(value, str):
            return day_header(value)
        if not isinstance(value, tuple):
            return cast(RenderableType, value)
        row = self._rows.get(value)
        if row is None:
            row = self._rows[value] = RowVisual(self, headline_row(*value))
            if len(self._rows) > ROWS_KEPT:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(value)
        return row

    def action_last(self) -> None:
        """The last headline: the entry for the day before is reached by moving past it."""
        if self.earlier_url is None:
            super().action_last()
            return
        enabled = self._enabled()
        if len(enabled) > 1:
            self.highlighted = enabled[-2]
            self.scroll_end(animate=False, immediate=True)  # the entry shows below it

    def action_cursor_up(self) -> None:
        """Up from the top goes round to the last headline, not to the day before."""
        enabled = self._enabled()
        if self.earlier_url is not None and enabled and self.highlighted in (None, enabled[0]):
            self.action_last()
        else:
            super().action_cursor_up()

    def _enabled(self) -> list[int]:
        return [i for i in range(self.option_count) if not self.get_option_at_index(i).disabled]

    @on(OptionList.OptionHighlighted)
    def _reached(self, event: OptionList.OptionHighlighted) -> None:
        url = self.url_at(event.option_index)
        if url is not None and url == self.earlier_url:
            self.post_message(self.EarlierWanted(url, chosen=False))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        url = self.url_at(event.option_index)
        if url is not None and url == self.earlier_url:
            event.prevent_default()  # not a page to open: UrlList's handler stands aside
            event.stop()
            self.post_message(self.EarlierWanted(url, chosen=True))


class NewsPane(Vertical):
    """The list and its filter box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "clear_filter",
            "Clear",
            show=False,
            id="clear-filter",
            tooltip="Clear the filter and show every headline",
        ),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.news: NewsList | None = None
        self.lang = Edition.UK
        self._marks: Callable[[Headline], RowMarks] = lambda item: RowMarks(item.important)
        self._filter = ""
        self.earlier: Entry | None = None  # the entry for the day before, at the end
        self._empty: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(id="news-filter")
        yield HeadlineList(id="news-list")

    @property
    def list(self) -> HeadlineList:
        return self.query_one("#news-list", HeadlineList)

    @property
    def filter_box(self) -> Input:
        return self.query_one("#news-filter", Input)

    def show_busy(self, words: str | None) -> None:
        """Say on the pane's border that it is being loaded (None: it is not). Only the
        border changes: a class would restyle the pane and its hundreds of rows."""
        self.border_subtitle = words

    def show(
        self,
        news: NewsList,
        lang: Edition,
        title: str,
        marks: Callable[[Headline], RowMarks],
        *,
        empty: str | None = None,
        select: str | None = None,
    ) -> None:
        """Show `news`; `empty` says what an empty list means, `select` is the entry to
        highlight (else the highlight stays where it was)."""
        if self.news is not None and news.url != self.news.url and self._filter:
            self._end_filter()  # a filter is for one list
        self.news, self.lang, self._marks = news, lang, marks
        self._empty = empty
        self.border_title = page_text(title)
        self.filter_box.placeholder = tr(lang, "filter_placeholder")
        self.repaint(select)

    def repaint(self, select: str | None = None) -> None:
        """Paint the list again (the highlight stays, or goes to `select`)."""
        if self.news is None:
            return
        words = self._filter.casefold().split()
        rows = [
            (item, self._marks(item))
            for item in self.news.items
            if all(word in item.title.casefold() for word in words)
        ]
        empty = tr(self.lang, "no_matches") if words else self._empty or tr(self.lang, "empty_list")
        self.list.paint(rows, self.news, self.lang, empty, self.earlier, select)

    def start_filter(self) -> None:
        self.add_class("-filtering")
        # At once (see MainScreen.show_pane): the next keys typed are the filter's.
        self.screen.set_focus(self.filter_box)

    def action_clear_filter(self) -> None:
        self._end_filter()
        self.repaint()
        self.screen.set_focus(self.list)

    def _end_filter(self) -> None:
        self._filter = ""
        with self.filter_box.prevent(Input.Changed):
            self.filter_box.value = ""
        self.remove_class("-filtering")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.has_class("-filtering")
        return True

    @on(Input.Changed, "#news-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter = event.value
        self.repaint()

    @on(Input.Submitted, "#news-filter")
    def _filter_kept(self) -> None:
        if not self._filter.strip():
            self.remove_class("-filtering")
        self.screen.set_focus(self.list)
