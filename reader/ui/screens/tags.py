"""The tags window: the open article's tags; choosing one shows that tag's list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.models import Edition, Tag
from reader.ui.i18n import tr
from reader.ui.render import page_text
from reader.ui.widgets.url_list import UrlList


class TagsScreen(ModalScreen[str | None]):
    """Dismissed with the chosen tag's URL, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="close", tooltip="Close this window"),
    ]

    def __init__(self, tags: Sequence[Tag], lang: Edition) -> None:
        super().__init__()
        self.tags = tuple(tags)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-box", classes="reading-box") as box:
            box.border_title = Text(tr(self.lang, "tags_title"))
            yield Static(Text(tr(self.lang, "tags_hint"), style="dim"))
            yield UrlList(id="tags-list")

    def on_mount(self) -> None:
        tags = self.query_one(UrlList)
        tags.show_entries([(page_text(tag.name), tag.url) for tag in self.tags], keep=False)
        self.set_focus(tags)

    @on(UrlList.Opened)
    def _opened(self, event: UrlList.Opened) -> None:
        event.stop()
        self.dismiss(event.url)
