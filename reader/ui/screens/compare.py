"""The compare view: the open article on the left, another edition of it on the right, their
blocks paired by reader.compare.align; 1/2/3 choose the right side's edition, e exports both."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import ClassVar, Protocol

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.compare import AlignedRow, align
from reader.export import export_comparison
from reader.models import Article, Edition
from reader.net.errors import FetchError
from reader.service import Service
from reader.site.editions import SWITCHER_LABELS
from reader.ui.commands import PaletteCommand
from reader.ui.exporting import export_in_background
from reader.ui.i18n import error_reason, key_text, label, language_words, tr
from reader.ui.keys import binding
from reader.ui.toast import say
from reader.ui.widgets.compare import CompareView
from reader.ui.widgets.footer import Describe, ReaderFooter

CHOOSE = Binding.Group("compare-edition")  # one footer entry, "1 2 3 Second edition"
_KEYS = {Edition.UK: "1", Edition.RU: "2", Edition.EN: "3"}


class CompareHost(Protocol):
    """What the compare view needs of the app."""

    @property
    def service(self) -> Service | None: ...
    @property
    def article(self) -> Article | None: ...
    @property
    def lang(self) -> Edition: ...
    @property
    def export_folder(self) -> Path: ...
    def describe_key(self, binding_id: str | None, fallback: str) -> tuple[str, str]: ...


async def comparison_for(host: CompareHost) -> CompareScreen | str:
    """The compare view of the open article, or why there is none (a message to show)."""
    article, service, lang = host.article, host.service, host.lang
    if article is None or service is None:
        return tr(lang, "compare_no_article")
    try:
        translations = await service.translations(article)
    except FetchError as error:
        return tr(lang, "compare_failed", reason=error_reason(lang, error))
    others = {
        edition: url for edition, url in translations.items() if edition is not article.edition
    }
    if not others:
        return tr(lang, "compare_none")
    # The first other edition in switcher order: the Ukrainian original when there is one.
    edition = next(edition for edition in Edition if edition in others)
    return CompareScreen(
        service=service,
        left=article,
        translations=others,
        edition=edition,
        lang=lang,
        describe=host.describe_key,
        export_folder=host.export_folder,
    )


class CompareScreen(ModalScreen[None]):
    """Modal, so the reader's own keys (1/2/3 switch edition, q quits) stand aside."""

    AUTO_FOCUS = "#compare-view"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            binding(key, f"choose('{edition.value}')", f"compare-{edition.value}", group=CHOOSE)
            for edition, key in _KEYS.items()
        ),
        binding("e", "export", "export"),
        binding("escape,backspace,q", "close", "compare-close"),
        binding("question_mark,f1", "app.help", "help"),
    ]

    def __init__(
        self,
        *,
        service: Service,
        left: Article,
        translations: dict[Edition, str],
        edition: Edition,
        lang: Edition,
        describe: Describe,
        export_folder: Path,
    ) -> None:
        super().__init__()
        self.service = service
        self.left = left
        self.translations = translations
        self.edition = edition  # the right side's, chosen or being loaded
        self.lang = lang
        self.export_folder = export_folder
        self.right: Article | None = None
        self.rows: tuple[AlignedRow, ...] = ()
        self._describe = describe
        self._loaded: dict[Edition, Article] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-top"):
            yield Static(id="compare-name")
            yield Static(id="compare-status")
        with Horizontal(id="compare-heads"):
            yield Static(id="compare-head-left", classes="compare-head -left")
            yield Static(id="compare-head-right", classes="compare-head -right")
        yield CompareView(id="compare-view")
        yield ReaderFooter(self._describe, id="footer")

    @property
    def view(self) -> CompareView:
        return self.query_one(CompareView)

    def on_mount(self) -> None:
        lang = self.lang
        name = Text(tr(lang, "app_name"), style="bold")
        name.append(f"  ·  {tr(lang, 'pane_compare')}")
        self.query_one("#compare-name", Static).update(name)
        self.query_one("#compare-head-left", Static).update(_edition_head(self.left.edition))
        self.load_right(self.edition)

    def _paint_heads(self, busy: bool) -> None:
        switcher = Text()
        for edition in Edition:
            if switcher:
                switcher.append(" | ", style="dim")
            if edition is self.edition:
                style = "bold reverse"
            elif edition in self.translations:
                style = ""
            else:
                style = "dim strike"
            switcher.append(SWITCHER_LABELS[edition], style=style)
        switcher.append(f"  {label(self.edition, 'edition')}", style="dim")
        self.query_one("#compare-head-right", Static).update(switcher)
        status = f"↻ {tr(self.lang, 'loading')}" if busy else ""
        self.query_one("#compare-status", Static).update(Text(status))

    @work(exclusive=True, group="compare-side", exit_on_error=False)
    async def load_right(self, edition: Edition) -> None:
        """Load the right side in `edition`, pair its blocks with the left's, show the rows.

        A newer choice cancels this one and paints the heads itself."""
        self.edition = edition
        self._paint_heads(busy=True)
        if self.right is None:
            await self.view.show_message(tr(self.lang, "loading"))
        try:
            right = self._loaded.get(edition)
            if right is None:
                right = (await self.service.article(self.translations[edition])).page
                self._loaded[edition] = right
            rows = await asyncio.to_thread(align, self.left, right)
        except FetchError as error:
            message = tr(self.lang, "compare_failed", reason=error_reason(self.lang, error))
            say(self, message, "error")
            if self.right is None:
                await self.view.show_message(message)
            else:
                self.edition = self.right.edition  # the comparison shown stays
            self._paint_heads(busy=False)
            return
        self.right, self.rows = right, rows
        self._paint_heads(busy=False)
        await self.view.show_comparison(self.left, right, rows, self.lang)

    def action_choose(self, code: str) -> None:
        """Compare with another edition (1/2/3); the left side is the open article's."""
        edition = Edition(code)
        lang = self.lang
        if edition is self.left.edition:
            say(self, tr(lang, "compare_same", edition=SWITCHER_LABELS[edition]), "warning")
        elif edition not in self.translations:
            say(self, tr(lang, "compare_missing", **language_words(lang, edition)), "warning")
        elif edition is not self.edition or self.right is None:
            self.load_right(edition)

    def action_export(self) -> None:
        """Write both sides, row by row, to a Markdown file."""
        if self.right is None:
            say(self, tr(self.lang, "loading"))
            return
        write = partial(export_comparison, self.left, self.right, self.rows, self.export_folder)
        export_in_background(self, write, self.lang)

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> Iterator[PaletteCommand]:
        """The command palette's entries while the compare view is open."""
        lang = self.lang
        group = tr(lang, "commands_group_compare")

        def command(binding_id: str, run: Callable[[], object]) -> PaletteCommand:
            description, tooltip = key_text(lang, binding_id)
            return PaletteCommand(f"{group}: {description}", tooltip, run)

        for edition in Edition:
            yield command(f"compare-{edition.value}", partial(self.action_choose, edition.value))
        yield command("export", self.action_export)
        yield command("compare-close", self.action_close)


def _edition_head(edition: Edition) -> Text:
    head = Text(SWITCHER_LABELS[edition], style="bold")
    head.append(f"  {label(edition, 'edition')}", style="dim")
    return head
