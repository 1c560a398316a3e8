"""Faults the demo server can inject, so tests can meet what the real site and network do.

Each fault replaces the normal answer to one request; `DemoServer.inject` says which requests.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from http import HTTPStatus


@dataclass(frozen=True, slots=True)
class Delay:
    """Wait this long before answering normally (for timeouts and slow-site tests)."""

    seconds: float


@dataclass(frozen=True, slots=True)
class Status:
    """Answer with this status; 403 carries a Cloudflare block page, 404 the site's 404 page."""

    code: int
    retry_after: int | None = None


@dataclass(frozen=True, slots=True)
class Reset:
    """Send the headers and `after_bytes` bytes of the body, then reset the connection (RST)."""

    after_bytes: int = 0


@dataclass(frozen=True, slots=True)
class Truncate:
    """Declare the full Content-Length, send `keep_fraction` of the body, then close."""

    keep_fraction: float = 0.5


@dataclass(frozen=True, slots=True)
class WrongCharset:
    """Name this charset in the Content-Type header; the body is left as it is."""

    charset: str


@dataclass(frozen=True, slots=True)
class Redirect:
    """Answer 302 to `location` (the site origin in it is rewritten like page links)."""

    location: str


@dataclass(frozen=True, slots=True)
class Body:
    """Serve these bytes, with this Content-Type, instead of the file (or where none exists)."""

    data: bytes
    content_type: str


@dataclass(frozen=True, slots=True)
class Stall:
    """Send the headers and `after_bytes` bytes of the body, then nothing for `seconds` (a read
    timeout in the middle of the body); the connection closes after the wait."""

    after_bytes: int = 100
    seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class Large:
    """Serve an HTML page of `size` bytes, made while it is sent, never compressed."""

    size: int


@dataclass(frozen=True, slots=True)
class GzipBomb:
    """Serve a small gzip body that expands to `size` bytes, with Content-Encoding: gzip
    whatever the request accepts (as a hostile server would)."""

    size: int


Fault = (
    Delay | Status | Reset | Truncate | WrongCharset | Redirect | Body | Stall | Large | GzipBomb
)

# Cloudflare answers a blocked or challenged client with a page like this one; the reader has to
# recognise it, so both of Cloudflare's usual titles are in it.
CLOUDFLARE_PAGE = b"""<!DOCTYPE html>
<html lang="en-US">
<head>
<title>Attention Required! | Cloudflare</title>
<meta charset="UTF-8">
<meta name="robots" content="noindex, nofollow">
</head>
<body>
<div id="cf-wrapper">
<div id="challenge-running"><h1>Just a moment...</h1></div>
<h2 class="cf-subheadline">Sorry, you have been blocked</h2>
<p>This website is using a security service to protect itself from online attacks.</p>
<p>Cloudflare Ray ID: <strong>8f0c0ffee0dd1e00</strong></p>
</div>
</body>
</html>
"""


def status_page(code: int) -> bytes:
    """A small HTML body for an error status that has no page of its own."""
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = "Error"
    title = f"{code} {phrase}"
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title></head>\n'
        f"<body><h1>{title}</h1></body></html>\n"
    ).encode()


LARGE_CHUNK = 64 * 1024
_LARGE_HEAD = b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Large</title></head>\n'
_FILLER = b"<p>lorem ipsum dolor sit amet</p>\n"


def large_chunks(size: int) -> Iterator[bytes]:
    """The body of a `Large` fault: `size` bytes in pieces of at most LARGE_CHUNK."""
    filler = _FILLER * (LARGE_CHUNK // len(_FILLER) + 1)
    first, rest = (_LARGE_HEAD + filler)[:LARGE_CHUNK], filler[:LARGE_CHUNK]
    for start in range(0, size, LARGE_CHUNK):
        yield (first if start == 0 else rest)[: size - start]


@lru_cache(maxsize=4)
def gzip_bomb(size: int) -> bytes:
    """A gzip stream of `size` zero bytes (about 1,000 times smaller), made once per size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(min(size, 1_000_000))
    parts = []
    left = size
    while left > 0:
        parts.append(compressor.compress(block[:left]))
        left -= len(block)
    parts.append(compressor.flush())
    return b"".join(parts)
