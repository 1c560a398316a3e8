"""RSS 2.0 feeds of the site, read from the raw bytes into a NewsList.

The XML parser (expat) decodes the bytes itself and so honours the encoding declaration:
the Ukrainian and Russian feeds were windows-1251 for years, so the text is never decoded as
UTF-8 first. A feed with a DOCTYPE is refused before parsing (no entity expansion), and a
broken or truncated feed still gives the items that were complete before the damage.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime

from reader.models import Edition, Headline, NewsList, PageKind
from reader.site.dates import KYIV, parse_rfc2822
from reader.site.guard import MAX_DEPTH
from reader.site.text import normalize_space
from reader.site.urls import absolutize, edition_of, is_site_url, parse_story

_CHUNK = 64 * 1024
_DECLARATION = re.compile(rb"\s*<\?xml\b[^>]*\?>")
_ENCODING_ATTR = re.compile(rb"""\bencoding\s*=\s*["']([^"']*)["']""")
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)
# Byte-order marks expat reads by itself.
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF_FAMILY = ("utf-8", "utf-16", "utf-32")
_LANGUAGES = {"uk": Edition.UK, "ua": Edition.UK, "ru": Edition.RU, "en": Edition.EN}


def parse_feed(data: bytes, url: str, *, content_type: str | None = None) -> NewsList:
    """Read an RSS 2.0 feed. Never raises: what could not be read is listed in `problems`."""
    try:
        return _parse(data, url, content_type)
    except Exception as exc:  # a bug must not take the reader down with the page
        return _empty(url, f"The feed could not be read (internal error: {type(exc).__name__}).")


def _parse(data: bytes, url: str, content_type: str | None) -> NewsList:
    if not data.strip():
        return _empty(url, "The feed is empty.")
    refused = _refusal(data)
    if refused is not None:
        return _empty(url, refused)
    prepared, problems = _with_trusted_encoding(data, content_type)
    reader = _FeedReader(url)
    error = reader.read(prepared)
    if reader.root not in (None, "rss"):
        problems.append(f"The document is not RSS 2.0: its root element is <{reader.root}>.")
    if error is not None:
        problems.append(f"{error} Complete items before it were kept: {len(reader.items)}.")
    if reader.without_link:
        problems.append(f"Items without a title or a link were skipped: {reader.without_link}.")
    if reader.without_date:
        problems.append(f"Items without a readable pubDate: {reader.without_date}.")
    if not reader.items and error is None:
        problems.append("The feed has no items.")
    dates = [item.published for item in reader.items if item.published is not None]
    return NewsList(
        kind=PageKind.FEED,
        url=url,
        edition=_edition(url, reader.language),
        # A feed spans days: its date is the day of its newest item.
        day=max(dates).date() if dates else None,
        items=tuple(reader.items),
        title=reader.title,
        problems=tuple(problems),
    )


class _TooDeep(Exception):
    """Stops reading a feed nested far deeper than RSS ever is."""


class _FeedReader:
    """Collects channel facts and items from expat's events, stopping at the first error."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.root: str | None = None
        self.title = ""
        self.language = ""
        self.items: list[Headline] = []
        self.without_link = 0
        self.without_date = 0
        self._open: list[str] = []

    def read(self, data: bytes) -> str | None:
        """Parse the bytes; returns a description of the error that stopped it, if any."""
        parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
        try:
            for start in range(0, len(data), _CHUNK):
                # Errors found while feeding are queued and raised by read_events, in order.
                parser.feed(data[start : start + _CHUNK])
                self._take(parser.read_events())
            parser.close()
            self._take(parser.read_events())
        except ET.ParseError as exc:
            return _describe(exc)
        except _TooDeep:
            return f"The feed nests elements over {MAX_DEPTH:,} levels deep; reading stopped."
        except (LookupError, ValueError) as exc:  # an encoding expat cannot read
            return f"The feed cannot be decoded ({exc})."
        return None

    def _take(self, events: Iterable[tuple[object, ...]]) -> None:
        for event in events:
            element = event[-1]
            if not isinstance(element, ET.Element):
                continue
            name = _local(element.tag)
            if event[0] == "start":
                if self.root is None:
                    self.root = name
                self._open.append(name)
                if len(self._open) > MAX_DEPTH:  # RSS nests 4 deep: the rest would be a tree
                    raise _TooDeep  # built for nothing, in time and memory without bound
                continue
            self._open.pop()
            parent = self._open[-1] if self._open else None
            if name == "item":
                self._add(element)
                element.clear()  # items are done with: keep memory flat on long feeds
            elif parent == "channel" and name == "title":
                self.title = _text(element)
            elif parent == "channel" and name == "language":
                self.language = _text(element)

    def _add(self, item: ET.Element) -> None:
        fields: dict[str, str] = {}
        for child in item:
            # Namespaced children ("{...}link" of atom:link) never shadow the RSS fields.
            if child.tag not in fields:
                fields[child.tag] = _text(child)
        guid = fields.get("guid", "")
        permalink = guid if guid.startswith(("http://", "https://")) else None
        link = absolutize(fields.get("link") or permalink, self.url)
        title = fields.get("title", "")
        if link is None or not title:
            self.without_link += 1
            return
        published = parse_rfc2822(fields.get("pubDate", ""))
        if published is None:
            self.without_date += 1
        external = not is_site_url(link, self.url)
        story = None if external else parse_story(link)
        self.items.append(
            Headline(
                title=title,
                url=link,
                time=_hhmm(published),
                published=published,
                external=external,
                edition=story.edition if story else None,
                id=story.id if story else None,
            )
        )


def _refusal(data: bytes) -> str | None:
    """Why the bytes are refused before parsing: a DOCTYPE (or other declaration) before the root.

    A DOCTYPE's internal subset could declare entities that expand without bound; RSS needs none.
    """
    head = data.replace(b"\x00", b"") if b"\x00" in data[:4] else data  # UTF-16/32 text
    position = 0
    while True:
        start = head.find(b"<", position)
        if start < 0:
            return None
        if head.startswith(b"<?", start):
            end, width = head.find(b"?>", start + 2), 2
        elif head.startswith(b"<!--", start):
            end, width = head.find(b"-->", start + 4), 3
        elif head.startswith(b"<!", start):
            if head[start : start + 14].upper().startswith(b"<!DOCTYPE HTML"):
                return "Not an RSS feed: the document is an HTML page."
            return "The feed has a DOCTYPE or ENTITY declaration; refused (entity expansion)."
        else:
            return None  # the root element: the prolog was clean
        if end < 0:
            return None  # an unfinished prolog: expat reports it
        position = end + width


def _with_trusted_encoding(data: bytes, content_type: str | None) -> tuple[bytes, list[str]]:
    """The bytes with an XML declaration expat can trust, and what was wrong with the original.

    The document's own declaration wins. Without one, the HTTP charset, then a sniff (UTF-8
    when the bytes are valid UTF-8, else windows-1251, which the old feeds used).
    """
    if data.startswith(_BOMS):
        return data, []
    declaration = _DECLARATION.match(data)
    declared = None
    if declaration is not None:
        attr = _ENCODING_ATTR.search(declaration.group())
        declared = attr.group(1).decode("ascii", "replace") if attr else None
    problems: list[str] = []
    codec = _codec(declared) if declared else None
    if declared and codec is None:
        problems.append(f"The feed declares an unknown encoding {declared[:40]!r}; ignored.")
    if codec is None:
        charset = _http_charset(content_type)
        codec = charset or ("utf-8" if _is_utf8(data) else "cp1251")
        if declared is None and charset is None and codec == "cp1251":
            problems.append("The feed declares no encoding and is not UTF-8; read as windows-1251.")
    elif codec == "utf-8" and not _is_utf8(data):
        problems.append("The feed declares UTF-8 but is not; read as windows-1251.")
        codec = "cp1251"
    elif not codec.startswith(_UTF_FAMILY) and not data.isascii() and _is_utf8(data):
        problems.append(f"The feed declares {declared} but its bytes are UTF-8; read as UTF-8.")
        codec = "utf-8"
    # White space before the declaration is an XML error: rewriting it away fixes that too.
    if declared is not None and codec == _codec(declared) and data.startswith(b"<?xml"):
        return data, problems
    rest = data[declaration.end() :] if declaration else data
    return b'<?xml version="1.0" encoding="' + codec.encode() + b'"?>' + rest, problems


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip()).name
    except (LookupError, ValueError):  # ValueError: a label with a NUL in it
        return None


def _http_charset(content_type: str | None) -> str | None:
    match = _HTTP_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8, allowing a character cut off at the end of a truncated body."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _describe(error: ET.ParseError) -> str:
    line, column = error.position
    reason = str(error).split(":", 1)[0]
    if reason == "no element found":
        return f"The feed is truncated at line {line}."
    return f"The feed is broken at line {line}, column {column} ({reason})."


def _edition(url: str, language: str) -> Edition:
    """The URL's prefix when it has one; else the feed's <language>; else Ukrainian."""
    from_url = edition_of(url)
    if from_url is not Edition.UK:
        return from_url
    return _LANGUAGES.get(language.strip().lower()[:2], Edition.UK)


def _hhmm(moment: datetime | None) -> str:
    return moment.astimezone(KYIV).strftime("%H:%M") if moment else ""


def _local(tag: str) -> str:
    """An element name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _text(element: ET.Element) -> str:
    return normalize_space("".join(element.itertext()))


def _empty(url: str, problem: str) -> NewsList:
    return NewsList(
        kind=PageKind.FEED, url=url, edition=edition_of(url), day=None, problems=(problem,)
    )
