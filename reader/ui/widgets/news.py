"""The left pane: a list of headlines (recent news, a day, a tag page, a feed) with a filter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input

from reader.models import Edition, Headline, NewsList
from reader.ui.i18n import format_day, tr
from reader.ui.render import RowMarks, day_header, headline_row, page_text
from reader.ui.widgets.url_list import Entry, UrlList


class HeadlineList(UrlList):
    """The headlines under day headers."""

    def paint(
        self, rows: list[tuple[Headline, RowMarks]], news: NewsList, lang: Edition, empty: str
    ) -> None:
        entries: list[Entry] = []
        current_day: date | None = None
        for item, marks in rows:
            day = item.published.date() if item.published is not None else news.day
            if day is not None and (not entries or day != current_day):
                entries.append((day_header(format_day(lang, day)), None))
                current_day = day
            entries.append((headline_row(item, marks, lang), item.url))
        if not rows:
            entries.append((Text(empty, style="dim"), None))
        self.show_entries(entries, keep=True)


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
        """Say on the pane's border that it is being loaded (None: it is not)."""
        self.set_class(words is not None, "-loading")
        self.border_subtitle = words

    def show(
        self,
        news: NewsList,
        lang: Edition,
        title: str,
        marks: Callable[[Headline], RowMarks],
    ) -> None:
        if self.news is not None and news.url != self.news.url and self._filter:
            self._end_filter()  # a filter is for one list
        self.news, self.lang, self._marks = news, lang, marks
        self.border_title = page_text(title)
        self.filter_box.placeholder = tr(lang, "filter_placeholder")
        self.repaint()

    def repaint(self) -> None:
        if self.news is None:
            return
        words = self._filter.casefold().split()
        rows = [
            (item, self._marks(item))
            for item in self.news.items
            if all(word in item.title.casefold() for word in words)
        ]
        empty = tr(self.lang, "no_matches" if words else "empty_list")
        self.list.paint(rows, self.news, self.lang, empty)

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
