"""The centre pane: one article with numbered links, and a loading indicator for refreshes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from reader.models import Article, Edition
from reader.ui.render import article_body, page_text
from reader.ui.visuals import RenderedOnce


def link_digit_bindings() -> list[BindingType]:
    """0-9 start a link number (Enter follows it); one entry stands for all ten in the footer."""
    return [
        Binding(
            str(digit),
            f"app.start_link_number({digit})",
            "Link №",
            show=digit == 1,
            key_display="0-9",
            id=f"link-number-{digit}",
            tooltip="Type the number of a link, then Enter, to follow it",
        )
        for digit in (1, 2, 3, 4, 5, 6, 7, 8, 9, 0)
    ]


class ArticleView(VerticalScroll):
    """The scrolling article text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="down", tooltip="Scroll down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="up", tooltip="Scroll up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top", tooltip="Go to the top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom", tooltip="Go to the end"),
        *link_digit_bindings(),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=True)
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="article-body")

    @property
    def body(self) -> Static:
        return self.query_one("#article-body", Static)

    def show_article(self, article: Article, lang: Edition, *, keep_scroll: bool) -> None:
        """Show `article`; with `keep_scroll` (a refresh) the reading position stays."""
        self.article = article
        self.body.update(RenderedOnce(self.body, article_body(article, lang)))
        if not keep_scroll:
            self.scroll_home(animate=False, immediate=True)

    def show_message(self, text: str) -> None:
        self.article = None
        self.body.update(page_text(text, "dim"))
        self.scroll_home(animate=False, immediate=True)


class ArticlePane(Vertical):
    def compose(self) -> ComposeResult:
        yield ArticleView(id="article-view")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def show_busy(self, words: str | None) -> None:
        """Say on the pane's border that it is being loaded (None: it is not). Only the
        border changes: a class would restyle the pane and its hundreds of rows."""
        self.border_subtitle = words
