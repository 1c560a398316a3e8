"""An article body as typed blocks: paragraphs, headings, list items, quotes and images.

The body container is walked once, iteratively (a hostile page may nest elements very
deeply). Inline links and strong/em runs are recorded as character offsets into the text
of their block while it is being built, so no text is searched afterwards. Ads, share and
view widgets, embeds and site boilerplate are left out; links are numbered last, over the
blocks that remain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from reader.models import Block, BlockType, Link, Span
from reader.site.editions import AD_MARKERS, BOILERPLATE
from reader.site.images import image_parts
from reader.site.markup import is_skipped
from reader.site.text import BLOCK_TAGS, normalize_space
from reader.site.urls import absolutize, is_site_url

_CONTAINER_TAGS = frozenset(
    ["div", "section", "article", "main", "aside", "header", "footer", "center", "dl"]
)
_PARAGRAPH_TAGS = frozenset(["p", "pre", "dt", "dd", "address", "figcaption"])
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_LIST_TAGS = frozenset({"ul", "ol"})
_STYLES = {"strong": "strong", "b": "strong", "em": "em", "i": "em"}
_IMAGE_BOX_CLASSES = frozenset({"image-box", "post_news_photo", "post_photo_news"})

# BOILERPLATE as one alternation (its patterns are all case-insensitive): a single match per
# block rather than one per pattern.
_BOILERPLATE = re.compile(
    "|".join(f"(?:{pattern.pattern})" for pattern in BOILERPLATE), re.IGNORECASE
)
# A cross-promotion line with its link: "Читайте також: <a>…</a>", "Read more: <a>…</a>".
_READ_ALSO = re.compile(
    r"(?:читайте (?:також|также|більше|больше)|read (?:also|more))\b[^:]{0,30}:", re.IGNORECASE
)


@dataclass(slots=True)
class _Open:
    """An inline element being read: a link or a strong/em run."""

    style: str  # "a", "strong" or "em"
    url: str | None = None
    start: int | None = None


@dataclass(slots=True)
class _Raw:
    """A block before filtering and link numbering."""

    type: BlockType
    text: str
    links: list[tuple[int, int, str]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    image_url: str | None = None
    credit: str | None = None


class _Inline:
    """Builds one block's text from text nodes, with spaces where the markup separates words."""

    __slots__ = (
        "_length",
        "_links",
        "_open",
        "_page_url",
        "_parts",
        "_pending",
        "_spans",
        "_unstarted",
    )

    def __init__(self, page_url: str) -> None:
        self._page_url = page_url
        self._parts: list[str] = []
        self._length = 0
        self._pending = False
        self._open: list[_Open] = []
        self._unstarted = 0
        self._links: list[tuple[int, int, str]] = []
        self._spans: list[Span] = []

    @property
    def empty(self) -> bool:
        return not self._parts

    def walk(
        self, root: LexborNode, *, include_root: bool, defer: frozenset[str] = frozenset()
    ) -> list[LexborNode]:
        """Read a subtree; returns the elements named in `defer`, left unread, in order."""
        deferred: list[LexborNode] = []
        stack: list[LexborNode] = []
        node: LexborNode | None = root if include_root else root.first_child
        while node is not None:
            if node.is_text_node:
                self._text(node.text_content or "")
            elif node.is_element_node:
                tag = node.tag or ""
                if tag in defer:
                    deferred.append(node)
                elif not is_skipped(node):
                    self._enter(node, tag)
                    child = node.first_child
                    if child is not None:
                        stack.append(node)
                        node = child
                        continue
                    self._exit(tag)
            # Next in document order, closing the elements left behind.
            while True:
                if include_root and node is root:
                    return deferred
                following = node.next
                if following is not None:
                    node = following
                    break
                if not stack:
                    return deferred
                node = stack.pop()
                self._exit(node.tag or "")
        return deferred

    def take(self, block_type: BlockType) -> _Raw:
        """The block read so far; the builder starts afresh."""
        raw = _Raw(block_type, "".join(self._parts), self._links, self._spans)
        self._parts = []
        self._length = 0
        self._pending = False
        self._open = []
        self._unstarted = 0
        self._links = []
        self._spans = []
        return raw

    def _text(self, raw: str) -> None:
        if not raw:
            return
        text = "" if raw.isspace() else normalize_space(raw)  # most nodes are indentation
        if not text:
            self._pending = True
            return
        if self._parts and (self._pending or raw[0].isspace()):
            self._parts.append(" ")
            self._length += 1
        if self._unstarted:
            for record in self._open:
                if record.start is None:
                    record.start = self._length
            self._unstarted = 0
        self._parts.append(text)
        self._length += len(text)
        self._pending = raw[-1].isspace()

    def _enter(self, node: LexborNode, tag: str) -> None:
        if tag == "a":
            self._push(_Open("a", absolutize(node.attrs.get("href"), self._page_url)))
        elif tag in _STYLES:
            self._push(_Open(_STYLES[tag]))
        elif tag in BLOCK_TAGS:
            self._pending = True

    def _push(self, record: _Open) -> None:
        self._open.append(record)
        self._unstarted += 1

    def _exit(self, tag: str) -> None:
        if tag == "a" or tag in _STYLES:
            if not self._open:
                return
            record = self._open.pop()
            if record.start is None:
                self._unstarted -= 1
                return
            end = self._length
            if record.style == "a":
                if record.url:
                    self._links.append((record.start, end, record.url))
            else:
                self._spans.append(Span(record.start, end, record.style))
        elif tag in BLOCK_TAGS:
            self._pending = True


class _BodyReader:
    """Turns body containers into raw blocks, in reading order."""

    def __init__(self, page_url: str) -> None:
        self._page_url = page_url
        self._blocks: list[_Raw] = []
        self._loose = _Inline(page_url)  # inline content directly inside a container

    def read(self, containers: Iterable[LexborNode]) -> list[_Raw]:
        for container in containers:
            self._container(container)
        return self._blocks

    def _container(self, root: LexborNode) -> None:
        stack: list[LexborNode] = []
        node: LexborNode | None = root.first_child
        while True:
            while node is None:
                self._flush()
                if not stack:
                    return
                node = stack.pop().next
            if node.is_text_node:
                self._loose.walk(node, include_root=True)
            elif node.is_element_node and not is_skipped(node):
                tag = node.tag or ""
                if _is_image_box(node, tag):
                    self._flush()
                    self._image(node)
                elif tag in _CONTAINER_TAGS:
                    self._flush()
                    child = node.first_child
                    if child is not None:
                        stack.append(node)
                        node = child
                        continue
                elif tag in _PARAGRAPH_TAGS:
                    self._flush()
                    self._inline_block(node, BlockType.PARAGRAPH)
                elif tag in _HEADING_TAGS:
                    self._flush()
                    self._inline_block(node, BlockType.HEADING)
                elif tag == "blockquote":
                    self._flush()
                    self._inline_block(node, BlockType.QUOTE)
                elif tag in _LIST_TAGS:
                    self._flush()
                    self._list(node)
                elif tag == "table":
                    self._flush()
                    for row in node.css("tr"):
                        self._inline_block(row, BlockType.PARAGRAPH)
                elif tag in ("br", "hr"):
                    self._flush()
                elif tag == "img":
                    self._flush()
                    self._image(node)
                else:
                    self._loose.walk(node, include_root=True)
            node = node.next

    def _flush(self) -> None:
        if not self._loose.empty:
            self._blocks.append(self._loose.take(BlockType.PARAGRAPH))

    def _inline_block(self, node: LexborNode, block_type: BlockType) -> None:
        builder = _Inline(self._page_url)
        builder.walk(node, include_root=False)
        if builder.empty:
            if node.css_first("img") is not None:  # a paragraph that only holds a picture
                self._image(node)
            return
        self._blocks.append(builder.take(block_type))

    def _list(self, list_node: LexborNode) -> None:
        # Items in order, each nested list right after the item that holds it.
        pending: list[LexborNode | None] = [list_node.first_child]
        while pending:
            node = pending.pop()
            if node is None:
                continue
            pending.append(node.next)
            if not node.is_element_node or is_skipped(node):
                continue
            if node.tag in _LIST_TAGS:
                pending.append(node.first_child)
                continue
            builder = _Inline(self._page_url)
            nested = builder.walk(node, include_root=False, defer=_LIST_TAGS)
            if not builder.empty:
                self._blocks.append(builder.take(BlockType.LIST_ITEM))
            pending.extend(child.first_child for child in reversed(nested))

    def _image(self, box: LexborNode) -> None:
        url, caption, credit = image_parts(box, self._page_url, whole_text=box.tag != "img")
        if url or caption:
            raw = _Raw(BlockType.IMAGE, caption, image_url=url or None, credit=credit or None)
            self._blocks.append(raw)


def _is_image_box(node: LexborNode, tag: str) -> bool:
    if tag == "figure":
        return True
    classes = node.attributes.get("class")  # see is_skipped: cheaper than attrs.get
    return classes is not None and not _IMAGE_BOX_CLASSES.isdisjoint(classes.split())


def read_blocks(containers: Sequence[LexborNode], page_url: str) -> tuple[Block, ...]:
    """The blocks of the body containers with ads and boilerplate left out, links numbered."""
    raws = _BodyReader(page_url).read(containers)
    return _finish((raw for raw in raws if not is_boilerplate(raw.text)), page_url)


def paragraph_blocks(paragraphs: Iterable[str]) -> tuple[Block, ...]:
    """Plain paragraphs (a JSON-LD articleBody, a description) as blocks, boilerplate left out."""
    raws = (_Raw(BlockType.PARAGRAPH, text) for text in paragraphs if not is_boilerplate(text))
    return _finish(raws, "")


def is_boilerplate(text: str) -> bool:
    """Ad markers and site boilerplate ("Support UP…", "Читайте також:") that are no story text."""
    if text in AD_MARKERS or _READ_ALSO.match(text):
        return True
    return _BOILERPLATE.match(text) is not None


def _finish(raws: Iterable[_Raw], page_url: str) -> tuple[Block, ...]:
    """Frozen blocks with links numbered from 1 over the whole body, in order of appearance."""
    blocks: list[Block] = []
    number = 0
    for raw in raws:
        if not raw.text and raw.type is not BlockType.IMAGE:
            continue
        links: list[Link] = []
        for start, end, url in raw.links:
            number += 1
            internal = is_site_url(url, page_url)
            links.append(Link(number, raw.text[start:end], url, internal, start, end))
        blocks.append(
            Block(raw.type, raw.text, tuple(links), tuple(raw.spans), raw.image_url, raw.credit)
        )
    return tuple(blocks)
