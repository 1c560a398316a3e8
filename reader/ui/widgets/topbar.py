"""The top line: the app's name, the edition switcher and the status."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from reader.models import Edition
from reader.site.editions import SWITCHER_LABELS


class EditionLabel(Static):
    """One of Укр | Рус | Eng; a click switches to it."""

    class Chosen(Message):
        def __init__(self, edition: Edition) -> None:
            super().__init__()
            self.edition = edition

    def __init__(self, edition: Edition) -> None:
        super().__init__(Text(SWITCHER_LABELS[edition]), id=f"edition-{edition.value}")
        self.edition = edition

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self.edition))


class TopBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="app-name")
        for index, edition in enumerate((Edition.UK, Edition.RU, Edition.EN)):
            if index:
                yield Static(Text("|"), classes="edition-separator")
            yield EditionLabel(edition)
        yield Static(id="status")

    def show(
        self,
        name: str,
        edition: Edition,
        status: Text,
        unread: Mapping[Edition, int] | None = None,
    ) -> None:
        """`unread`: the unread count of each edition's recent news, where it is known."""
        self.query_one("#app-name", Static).update(Text(name))
        for item in self.query(EditionLabel):
            item.set_class(item.edition is edition, "-active")
            count = unread.get(item.edition) if unread else None
            label = SWITCHER_LABELS[item.edition]
            item.update(Text(f"{label} {count}" if count else label))
        self.query_one("#status", Static).update(status)
