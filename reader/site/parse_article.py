"""Article pages of both designs (news and publications) into an `Article`.

Each field is read from the design's markup first (new design, then old), then from the
page's JSON-LD, then from OpenGraph meta. What could not be read is named in `problems`;
the parser never raises. Error pages (Cloudflare challenges, 404s) and pages that are no
article give an Article with an empty title and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.models import Article, Block, Edition, LeadImage, Tag
from reader.site.body import paragraph_blocks, read_blocks
from reader.site.dates import parse_iso_datetime, parse_visible_datetime
from reader.site.decode import html_source
from reader.site.editions import edition_from_label
from reader.site.guard import refusal
from reader.site.images import image_parts
from reader.site.jsonld import LdArticle, find_article
from reader.site.markup import is_skipped, text_of
from reader.site.related import read_related
from reader.site.text import node_text, normalize_space
from reader.site.urls import absolutize, edition_of, parse_story

# Written `tag:is(.a, .b)` rather than `tag.a, tag.b`: lexbor tests each selector of a list on
# every node, so one selector that fails on the tag name walks a big tree in about half the time.
_ROOT = "article:is(.post_news, .post_article, .post)"
_TITLE = "h1:is(.post_news_title, .post_article_title, .post_title)"
_AUTHOR_LINKS = ".post_news_author a, .post_author_name, .post_time .post_author a"
_AUTHOR_SPANS = ".post_news_author, .post_author"
_DATE = ".post_news_date, .post_author_date, .post_time"
_LEAD_IMAGE = "div:is(.post_news_photo, .post_article_header_media, .post_photo_news)"
_BODY = ("div.post_news_text", "div.post_article_text", "div.post_text")
_TAGS = "div:is(.post_news_tags, .post_tags) a"
# Everything read from <head> (and JSON-LD anywhere) in one pass.
_META = 'script[type="application/ld+json"], meta:is([property], [name]), link[hreflang], title'
_SWITCHERS = "div.lang_menu a.lang_menu_item, div.header_lang a"
# Every switcher link lies inside one of these: finding them first and then the links in each
# walks the whole tree with one cheap selector rather than checking the ancestors of every link.
_SWITCHER_BOXES = "div:is(.lang_menu, .header_lang)"
_MAX_LABEL = 4  # "Укр", "Рус", "Рос", "Eng", "EN": longer link texts are no switcher
_ARTICLE_TYPES = frozenset({"article", "news", "newsarticle"})
_CLOUDFLARE_TITLES = ("just a moment", "attention required", "access denied", "one more step")
_CLOUDFLARE_MARKS = "#challenge-form, #cf-wrapper, #challenge-error-text, .cf-error-details"
_NOT_FOUND_WORDS = (
    "not found",
    "error 404",
    "404 error",
    "помилка 404",
    "ошибка 404",
    "не знайдено",
    "не найдена",
    "не найдено",
    "сторінку не",
    "страница не",
)


def parse_article(data: bytes, url: str, *, content_type: str | None = None) -> Article:
    """Parse the bytes of an article page fetched from `url` (no network)."""
    try:
        return _Parser(data, url, content_type).parse()
    except Exception as error:  # a last guard: a parser bug must not take the reader down
        return Article(
            url=url,
            edition=_safe(lambda: edition_of(url), Edition.UK),
            id=None,
            title="",
            problems=(f"parser error: {type(error).__name__}",),
        )


class _Parser:
    def __init__(self, data: bytes, url: str, content_type: str | None) -> None:
        self.url = url
        self.edition = edition_of(url)
        story = parse_story(url)
        self.id = story.id if story else None
        self.url_year = story.day.year if story else None
        self.problems: list[str] = []
        self.data = data
        self.content_type = content_type
        # Filled from <head> by _read_head.
        self.ld: LdArticle | None = None
        self.hreflang: list[tuple[str, str]] = []
        self.page_title = ""

    def parse(self) -> Article:
        if not self.data or self.data.isspace():
            return self._empty("empty page")
        source, _charset, decode_problems = html_source(self.data, self.content_type)
        self.problems.extend(decode_problems)
        if (nesting := refusal(source)) is not None:
            return self._empty(nesting)
        tree = LexborHTMLParser(source)
        meta = self._read_head(tree)
        root = tree.css_first(_ROOT)
        scope: LexborHTMLParser | LexborNode = root if root is not None else tree

        error = None if root is not None else self._error_page(tree)
        if error is not None:
            return self._empty(error)
        title_node = scope.css_first(_TITLE)
        if (
            root is None
            and title_node is None
            and self.ld is None
            and meta.get("og:type", "").lower() not in _ARTICLE_TYPES
        ):
            return self._empty("not an article page")

        title = self._title(title_node, meta)
        blocks = self._body(scope, meta)
        return Article(
            url=self.url,
            edition=self.edition,
            id=self.id,
            title=title,
            authors=self._authors(scope),
            published=self._published(scope, meta),
            image=self._lead_image(scope, meta),
            blocks=blocks,
            tags=self._tags(scope),
            related=read_related(tree, self.url, self.edition),
            translations=self._translations(tree),
            problems=tuple(dict.fromkeys(self.problems)),
        )

    def _empty(self, reason: str) -> Article:
        self.problems.append(reason)
        return Article(
            url=self.url,
            edition=self.edition,
            id=self.id,
            title="",
            problems=tuple(dict.fromkeys(self.problems)),
        )

    # -- <head> ------------------------------------------------------------------------

    def _read_head(self, tree: LexborHTMLParser) -> dict[str, str]:
        """OpenGraph/meta values by name; also collects JSON-LD, hreflang links and <title>."""
        meta: dict[str, str] = {}
        scripts: list[str] = []
        for node in tree.css(_META):
            tag = node.tag
            attrs = node.attributes  # a dict: a missing name costs no KeyError inside lexbor
            if tag == "script":
                scripts.append(node.text(deep=True, strip=False))
            elif tag == "meta":
                key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
                content = attrs.get("content")
                if key and content and key not in meta:
                    meta[key] = content.strip()
            elif tag == "link":
                if (attrs.get("rel") or "").strip().lower() == "alternate":
                    self.hreflang.append((attrs.get("hreflang") or "", attrs.get("href") or ""))
            elif tag == "title" and not self.page_title:
                self.page_title = text_of(node)
        self.ld, ld_problems = find_article(scripts)
        self.problems.extend(ld_problems)
        return meta

    def _error_page(self, tree: LexborHTMLParser) -> str | None:
        """Why a page without an article root is an error page, or None."""
        title = self.page_title.casefold()
        if title.startswith(_CLOUDFLARE_TITLES) or tree.css_first(_CLOUDFLARE_MARKS) is not None:
            return "blocked: a Cloudflare challenge or error page, not the article"
        if self.ld is not None:
            return None  # a story whose headline mentions "404" still has its JSON-LD
        h1 = tree.css_first("h1")
        heading = node_text(h1).casefold() if h1 is not None else ""
        for text in (title, heading):
            if "404" in text or any(word in text for word in _NOT_FOUND_WORDS):
                return "error page (404 not found), not an article"
        return None

    # -- fields ---------------------------------------------------------------------------

    def _title(self, node: LexborNode | None, meta: dict[str, str]) -> str:
        if node is not None:
            title = text_of(node)
            label = node.css_first(".article_label")
            if label is not None:  # a publication's rubric label printed inside the h1
                title = title.removeprefix(node_text(label)).strip()
            if title:
                return title
        if self.ld is not None and self.ld.headline:
            return self.ld.headline
        og_title = normalize_space(meta.get("og:title", ""))
        if og_title:
            return og_title
        self.problems.append("no title found")
        return ""

    def _authors(self, scope: LexborHTMLParser | LexborNode) -> tuple[str, ...]:
        nodes = scope.css(_AUTHOR_LINKS) or scope.css(_AUTHOR_SPANS)
        names: list[str] = []
        for node in nodes:
            for name in node_text(node).split(", ") if node.tag != "a" else [text_of(node)]:
                name = name.strip(" ,—-")
                if name and name not in names:
                    names.append(name)
        if not names and self.ld is not None:
            return self.ld.authors
        return tuple(names)

    def _published(
        self, scope: LexborHTMLParser | LexborNode, meta: dict[str, str]
    ) -> datetime | None:
        if self.ld is not None and self.ld.published is not None:
            return self.ld.published
        node = scope.css_first(_DATE)
        if node is not None:
            # The date node also holds the byline; its own text nodes hold the date.
            own = " ".join(
                child.text_content or ""
                for child in node.iter(include_text=True)
                if child.is_text_node
            )
            value = parse_visible_datetime(own, year=self.url_year) or parse_visible_datetime(
                node_text(node), year=self.url_year
            )
            if value is not None:
                return value
        published = meta.get("article:published_time")
        if published:
            value = parse_iso_datetime(published)
            if value is not None:
                return value
        self.problems.append("no publication date")
        return None

    def _lead_image(
        self, scope: LexborHTMLParser | LexborNode, meta: dict[str, str]
    ) -> LeadImage | None:
        box = scope.css_first(_LEAD_IMAGE)
        if box is not None:
            url, caption, credit = image_parts(box, self.url, whole_text=False)
            if url:
                return LeadImage(url, caption, credit)
        if self.ld is not None and self.ld.image_url:
            ld_url = absolutize(self.ld.image_url, self.url)
            if ld_url:
                return LeadImage(ld_url, self.ld.image_caption)
        og_url = absolutize(meta.get("og:image"), self.url)
        return LeadImage(og_url) if og_url else None

    def _body(
        self, scope: LexborHTMLParser | LexborNode, meta: dict[str, str]
    ) -> tuple[Block, ...]:
        for selector in _BODY:
            containers = [node for node in scope.css(selector) if not is_skipped(node)]
            if containers:
                blocks = read_blocks(containers, self.url)
                if blocks:
                    return blocks
                break
        if self.ld is not None and self.ld.body:
            blocks = paragraph_blocks(self.ld.body)
            if blocks:
                self.problems.append("body taken from JSON-LD")
                return blocks
        description = normalize_space(meta.get("og:description", ""))
        if description:
            self.problems.append("body taken from the OpenGraph description")
            return paragraph_blocks([description])
        self.problems.append("no body found")
        return ()

    def _tags(self, scope: LexborHTMLParser | LexborNode) -> tuple[Tag, ...]:
        tags: list[Tag] = []
        for node in scope.css(_TAGS):
            name = text_of(node)
            url = absolutize(node.attrs.get("href"), self.url)
            if name and url and all(tag.url != url for tag in tags):
                tags.append(Tag(name, url))
        if not tags and self.ld is not None:
            # JSON-LD keywords carry no links; the tag is kept by name.
            tags = [Tag(name, "") for name in self.ld.keywords]
        return tuple(tags)

    def _translations(self, tree: LexborHTMLParser) -> tuple[tuple[Edition, str], ...]:
        found: dict[Edition, str] = {}
        for code, href in self.hreflang:
            edition = _edition_code(code)
            self._add_translation(found, edition, href)
        if len(found) < len(Edition) - 1:  # else hreflang named every other edition
            for node in _links_in_boxes(tree, _SWITCHER_BOXES, _SWITCHERS):
                edition = edition_from_label(text_of(node))
                self._add_translation(found, edition, node.attrs.get("href"))
        if not found:
            # A switcher whose classes we do not know: header links labelled Укр / Рус / Eng.
            for node in _links_in_boxes(tree, "header", "header a[href]"):
                label = text_of(node)
                if len(label) <= _MAX_LABEL:
                    self._add_translation(found, edition_from_label(label), node.attrs.get("href"))
        return tuple((edition, found[edition]) for edition in Edition if edition in found)

    def _add_translation(
        self, found: dict[Edition, str], edition: Edition | None, href: str | None
    ) -> None:
        if edition is None or edition is self.edition or edition in found:
            return
        url = absolutize(href, self.url)
        if url is None or _is_home(url):
            return  # an edition's front page is no translation of the story
        found[edition] = url


def _links_in_boxes(tree: LexborHTMLParser, boxes: str, links: str) -> list[LexborNode]:
    """`tree.css(links)`, box by box (`boxes` match the elements that `links` starts from):
    lexbor would check the ancestors of every link of the page. Boxes come in document order
    and a box nested in an earlier one only repeats links already found, so the links stay in
    document order."""
    found: dict[int, LexborNode] = {}
    for box in tree.css(boxes):
        for node in box.css(links):
            found.setdefault(node.mem_id, node)
    return list(found.values())


def _edition_code(code: str) -> Edition | None:
    code = code.strip().lower().split("-")[0]
    try:
        return Edition(code)
    except ValueError:
        return None


def _is_home(url: str) -> bool:
    try:
        path = urlsplit(url).path
    except ValueError:
        return True
    return path.strip("/") in ("", "rus", "eng")


def _safe(get: Callable[[], Edition], default: Edition) -> Edition:
    try:
        return get()
    except Exception:
        return default
