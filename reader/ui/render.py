"""Models to Rich renderables: page text always goes in as data (`Text`), never as markup.

Pure functions with no Textual import, so they are easy to test and reuse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from reader.models import Article, Block, BlockType, Edition, Headline, LeadImage, Link
from reader.site.editions import LEAD_WORDS, SWITCHER_LABELS
from reader.ui.i18n import format_datetime, label, tr

# Theme-neutral styles: they read on dark and light themes alike.
IMPORTANT = "bold red"
NEW = "bold green"
TITLE = "bold"
HEADING = "bold underline"
LEAD_WORD = "bold"
LINK_TEXT = "underline"
LINK_NUMBER = "bold magenta"
QUOTE_BAR = "magenta"
DIM = "dim"
_SPAN_STYLES = {"strong": "bold", "em": "italic"}
# Longest first, so "Що передувало:" wins over a shorter word it starts with.
_ALL_LEAD_WORDS = tuple(
    sorted({word for words in LEAD_WORDS.values() for word in words}, key=len, reverse=True)
)


# Control characters in page text would reach the terminal and be obeyed (ESC starts a
# sequence): each is shown as a visible stand-in of the same length, so offsets still hold.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n"}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """`text` with its control characters made visible ("␛" for ESC)."""
    return text.translate(_VISIBLE)


def page_text(text: str, style: str = "") -> Text:
    """Text from a page: never markup, never a control character."""
    return Text(visible(text), style=style)


@dataclass(frozen=True, slots=True)
class RowMarks:
    """What the list shows beside a headline: `unread` and `bookmarked` are the reader's
    state, `new` a headline that a refresh brought and that is not read yet."""

    important: bool = False
    unread: bool = False
    bookmarked: bool = False
    new: bool = False
    external: bool = False
    other_editions: tuple[Edition, ...] = ()


class Bar:
    """A renderable with a bar down its left side on every line (block quotes)."""

    def __init__(self, inner: RenderableType, style: str) -> None:
        self.inner = inner
        self.style = Style.parse(style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - 2)
        lines = console.render_lines(self.inner, options.update_width(width), pad=False)
        bar = Segment("▌ ", self.style)
        for line in lines:
            yield bar
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options, self.inner)
        return Measurement(inner.minimum + 2, inner.maximum + 2)


class Row:
    """A list row that looks exactly like a `Table.grid(padding=(0, 1, 0, 0))` of no-wrap
    cells and then one wrapped text column, without the Table's cost: the list measures
    every row's height by rendering it. `cells` are (text, width) pairs, a width of None
    meaning the text's own; `table` builds the equivalent grid, used for measuring and for
    the rare widths where the grid would squeeze its fixed columns."""

    __slots__ = ("cells", "table", "text")

    def __init__(
        self, cells: tuple[tuple[Text, int | None], ...], text: Text, table: Callable[[], Table]
    ) -> None:
        self.cells = cells
        self.text = text
        self.table = table

    def _layout(self, max_width: int) -> tuple[list[int], int, bool] | None:
        """The cells' widths (each with its gap), the text's width, and whether the text goes
        under the cells rather than beside them (when beside them it would get less than half
        the width: a long date would leave a title a few letters a line); None where the
        grid itself must render the row."""
        widths: list[int] = []
        for cell, width in self.cells:
            if width is None:
                width = cell_len(cell.plain)
            if "\n" in cell.plain or not width:
                return None
            widths.append(width + 1)
        plain = self.text.plain
        if max_width < 1 or not plain:
            return None
        room = max_width - sum(widths)
        stacked = room * 2 < max_width
        longest = max(cell_len(line) for line in plain.splitlines())
        return widths, min(longest, max_width if stacked else room) or 1, stacked

    def height(self, console: Console, options: ConsoleOptions) -> int:
        """The lines the row takes, counted by wrapping the text's words the way Rich does,
        without rendering (a list asks every row's height each time it is painted)."""
        layout = self._layout(options.max_width)
        plain = self.text.plain
        if layout is None or "\n" in plain or "\t" in plain:
            return len(console.render_lines(self, options, pad=False))
        _widths, text_width, stacked = layout
        lines = len(divide_line(plain, text_width, fold=self.text.overflow == "fold")) + 1
        return lines + stacked

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self._layout(options.max_width)
        if layout is None:
            yield self.table()
            return
        widths, text_width, stacked = layout
        cell_options = options.update(
            justify="left", overflow="ellipsis", height=None, highlight=False
        )
        text_lines = console.render_lines(
            Padding(self.text, 0), cell_options.update(width=text_width, no_wrap=False)
        )
        new_line = Segment.line()
        if stacked:
            cells = Text(" ").join(cell for cell, _ in self.cells)
            yield from console.render_lines(cells, cell_options.update(no_wrap=True))[0]
            yield new_line
            for text_line in text_lines:
                yield from text_line
                yield new_line
            return
        columns: list[list[list[Segment]]] = []
        for (cell, _), width in zip(self.cells, widths, strict=True):
            padded = Padding(cell, (0, 1, 0, 0))
            columns.append(
                console.render_lines(padded, cell_options.update(width=width, no_wrap=True))
            )
        blank = Style.null()
        for line_no, text_line in enumerate(text_lines):
            for column, width in zip(columns, widths, strict=True):
                if line_no < len(column):
                    yield from column[line_no]
                else:
                    yield Segment(" " * width, blank)
            yield from text_line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


# -- the news list -----------------------------------------------------------------------------


def headline_row(item: Headline, marks: RowMarks, lang: Edition) -> Row:
    """One row of the news list: time, marks, and the title wrapped under itself."""
    mark = Text("★" if marks.bookmarked else "•" if marks.unread else " ")
    if marks.new and not marks.bookmarked:
        mark = Text("+", style=NEW)
    mark.append("!" if marks.important else " ", style=IMPORTANT)
    title = page_text(item.title, TITLE if marks.important else "")
    if marks.external:
        title.append(" ↗", style=DIM)
    if marks.other_editions:
        others = " ".join(SWITCHER_LABELS[edition] for edition in marks.other_editions)
        title.append(f"  {tr(lang, 'other_editions')} {others}", style=DIM)
    time = page_text(item.time, DIM)

    def table() -> Table:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=5, no_wrap=True)
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(time, mark, title)
        return grid

    return Row(((time, 5), (mark, 2)), title, table)


def day_header(text: str) -> Text:
    return Text(text, style="bold")


# -- the article -------------------------------------------------------------------------------


def article_body(article: Article, lang: Edition) -> RenderableType:
    """The whole article: title, authors and date, lead image, body blocks, tags."""
    parts: list[RenderableType] = [page_text(article.title, TITLE)]
    meta = article_meta(article, lang)
    if meta:
        parts.append(meta)
    if article.image is not None:
        parts.append(image_line(article.image, lang))
    parts.extend(block_renderable(block, lang) for block in article.blocks)
    if article.tags:
        parts.append(tags_line(article, lang))
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text())
        spaced.append(part)
    return Group(*spaced)


def article_meta(article: Article, lang: Edition) -> Text:
    """Authors and the publication date."""
    meta = Text()
    if article.authors:
        meta.append(visible(", ".join(article.authors)), style="italic")
    if article.published is not None:
        if meta:
            meta.append("  ·  ", style=DIM)
        meta.append(format_datetime(lang, article.published), style=DIM)
    return meta


def image_line(image: LeadImage | Block, lang: Edition) -> Text:
    """A picture as one placeholder line with its caption and credit."""
    if isinstance(image, Block):
        caption, credit = image.text, image.credit or ""
    else:
        caption, credit = image.caption, image.credit
    line = Text("▣ ", style=DIM)
    line.append(tr(lang, "image"), style="bold")
    if caption:
        line.append(": ")
        line.append(visible(caption), style="italic")
    if credit:
        line.append("  ")
        line.append(visible(credit), style=DIM)
    return line


def block_renderable(block: Block, lang: Edition) -> RenderableType:
    if block.type is BlockType.IMAGE:
        return image_line(block, lang)
    text = block_text(block)
    if block.type is BlockType.HEADING:
        text.stylize(HEADING)
        return text
    if block.type is BlockType.QUOTE:
        return Bar(text, QUOTE_BAR)
    if block.type is BlockType.LIST_ITEM:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text("•"), text)
        return grid
    return text


def block_text(block: Block) -> Text:
    """A body block with its lead word, bold and italic runs, and numbered links."""
    text = page_text(block.text)
    for span in block.spans:
        style = _SPAN_STYLES.get(span.style)
        if style and 0 <= span.start < span.end <= len(block.text):
            text.stylize(style, span.start, span.end)
    lead = lead_word(block.text)
    if lead:
        text.stylize(LEAD_WORD, 0, len(lead))
    return _numbered_links(text, block.links)


def lead_word(text: str) -> str | None:
    """The lead word ("Source:", "Джерело:", ...) a paragraph opens with, with what precedes
    it, if any."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    for word in _ALL_LEAD_WORDS:
        if stripped.startswith(word):
            return text[: offset + len(word)]
    return None


def _numbered_links(text: Text, links: Iterable[Link]) -> Text:
    """Underline each link's words and put its number after them: "words [3]"."""
    plain = text.plain
    placed: list[tuple[int, Link]] = []
    for link in links:
        start, end = link.start, link.end
        if not 0 <= start < end <= len(plain):
            # Offsets missing or wrong: find the words, else number the block's end.
            found = plain.find(link.text) if link.text else -1
            start, end = (found, found + len(link.text)) if found >= 0 else (0, len(plain))
            if found < 0:
                start = end
        if start < end:
            text.stylize(LINK_TEXT, start, end)
        placed.append((end, link))
    if not placed:
        return text
    result = Text()
    position = 0
    for end, link in sorted(placed, key=lambda pair: (pair[0], pair[1].number)):
        result.append_text(text[position:end])
        result.append(f" [{link.number}]", style=LINK_NUMBER)
        position = end
    result.append_text(text[position:])
    return result


def tags_line(article: Article, lang: Edition) -> Text:
    line = Text(f"{tr(lang, 'tags')}: ", style="bold")
    for index, tag in enumerate(article.tags):
        if index:
            line.append(" · ", style=DIM)
        line.append(visible(tag.name), style=LINK_TEXT)
    return line


# -- the related pane --------------------------------------------------------------------------


def group_header(title: str) -> Text:
    return page_text(title, "bold underline")


def related_item(title: str, time: str = "", external: bool = False) -> RenderableType:
    """A link of the related pane: its time (or a bullet) beside the wrapped title."""
    words = page_text(title)
    if external:
        words.append(" ↗", style=DIM)
    return _two_columns(page_text(time or "›", DIM), words)


def link_entry(link: Link) -> RenderableType:
    words = page_text(link.text or link.url)
    host = urlsplit(link.url).hostname or ""
    if host and not link.internal:
        words.append(f"  {host.removeprefix('www.')} ↗", style=DIM)
    return _two_columns(Text(f"[{link.number}]", style=LINK_NUMBER), words)


def _two_columns(first: Text, words: Text) -> Row:
    """`first` at its own width beside `words` wrapped under themselves."""

    def table() -> Table:
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(first, words)
        return grid

    return Row(((first, None),), words, table)


def edition_entry(edition: Edition) -> Text:
    return Text(f"{SWITCHER_LABELS[edition]}  {label(edition, 'edition')}")
