"""The compare view: two editions of a story, each aligned pair of blocks one row of two cells.

All rows live in one scroll container, so the two sides always scroll together; a narrow
terminal stacks the cells of a row (left above right) with the style sheet alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from reader.compare import AlignedRow
from reader.models import Article, Block, Edition
from reader.site.editions import SWITCHER_LABELS
from reader.ui.i18n import tr
from reader.ui.render import TITLE, article_meta, block_renderable, page_text

PLACEHOLDER = "dim italic"


def placeholder(lang: Edition, present: Edition) -> Text:
    """What stands in the cell of the side that lacks a block: "— only in Укр —"."""
    return Text(f"— {tr(lang, 'only_in', edition=SWITCHER_LABELS[present])} —", style=PLACEHOLDER)


def title_cell(article: Article) -> RenderableType:
    """The title, authors and date, as the article's edition prints them."""
    parts: list[RenderableType] = [page_text(article.title, TITLE)]
    meta = article_meta(article, article.edition)
    if meta:
        parts.append(meta)
    return Group(*parts)


class CompareCell(Static):
    """One side of a row; `block` is None in the placeholder of a one-sided row."""

    def __init__(self, content: RenderableType, block: Block | None, *, side: str) -> None:
        super().__init__(content, classes=f"compare-cell -{side}")
        self.block = block


class CompareRow(Horizontal):
    """A pair of blocks (or one block and a placeholder). Classes: `-anchor` for a heading,
    quote, list item or picture paired first; `-one-sided` for a block without a partner."""

    def __init__(self, row: AlignedRow, left: Article, right: Article, lang: Edition) -> None:
        classes = "compare-row"
        if row.anchor:
            classes += " -anchor"
        if row.one_sided:
            classes += " -one-sided"
        super().__init__(classes=classes)
        self.row = row
        self._cells = (
            _cell(row.left, "left", left.edition, right.edition, lang),
            _cell(row.right, "right", right.edition, left.edition, lang),
        )

    def compose(self) -> ComposeResult:
        yield from self._cells

    @property
    def left(self) -> CompareCell:
        return self._cells[0]

    @property
    def right(self) -> CompareCell:
        return self._cells[1]


def _cell(
    block: Block | None, side: str, edition: Edition, other: Edition, lang: Edition
) -> CompareCell:
    """A block in its edition's words (dates, "Image"), a placeholder in the interface's."""
    if block is None:
        return CompareCell(placeholder(lang, other), None, side=side)
    return CompareCell(block_renderable(block, edition), block, side=side)


class CompareView(VerticalScroll):
    """The scrolling rows: the two titles first, then one row per AlignedRow."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="down", tooltip="Scroll down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="up", tooltip="Scroll up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top", tooltip="Go to the top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom", tooltip="Go to the end"),
        Binding("space", "page_down", "Page down", show=False, id="page-down", tooltip="Page down"),
        Binding("b", "page_up", "Page up", show=False, id="page-up", tooltip="Page up"),
    ]

    @property
    def rows(self) -> list[CompareRow]:
        return list(self.query_children(CompareRow))

    async def show_comparison(
        self, left: Article, right: Article, rows: Sequence[AlignedRow], lang: Edition
    ) -> None:
        titles = Horizontal(
            CompareCell(title_cell(left), None, side="left"),
            CompareCell(title_cell(right), None, side="right"),
            classes="compare-titles",
        )
        with self.app.batch_update():
            await self.remove_children()
            await self.mount_all([titles, *(CompareRow(row, left, right, lang) for row in rows)])
        self.scroll_home(animate=False, immediate=True)

    async def show_message(self, text: str) -> None:
        await self.remove_children()
        await self.mount(Static(page_text(text, "dim"), classes="compare-message"))
        self.scroll_home(animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
