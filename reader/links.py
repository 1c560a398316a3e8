"""Which links may go to a web browser, and whether they leave the site.

A link comes from page text, so it is data from the network: only http and https addresses
are handed to a browser, read the way browsers read them (tabs and new lines dropped, a
backslash taken for a slash), so "java<TAB>script:" or "https:\\\\evil.example" cannot pass for
something else. Links off the site are marked `external` so the UI can say so before it opens
them. Nothing here opens anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from reader.site.urls import is_site_url

WEB_SCHEMES = ("http", "https")

_DROPPED = re.compile(r"[\t\n\r]")
_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
# What a URL may not carry to a browser's command line: controls and white space.
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\s]")
_SCRIPT = "it would run a script"
_WHY_NOT = {
    "javascript": _SCRIPT,
    "vbscript": _SCRIPT,
    "livescript": _SCRIPT,
    "file": "it would open a file on this computer",
    "data": "it holds a document of its own",
    "blob": "it holds a document of its own",
    "filesystem": "it would open a file on this computer",
    "mailto": "it is an e-mail address",
    "tel": "it is a phone number",
}
_SCHEME_SHOWN = 20  # a scheme is letters and digits, but a page can make it long


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """An address a browser may open; `external` when it leaves the site."""

    url: str
    external: bool


class LinkRefused(ValueError):
    """A link that is not opened; `message` is one line to show, naming the reason."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(message)
        self.url = url
        self.message = message


def browser_target(url: str, page_url: str) -> LinkTarget:
    """The address to give a browser for a link of the page at `page_url` (relative links
    resolve against it). Raises LinkRefused for anything but an http(s) address with a host.
    """
    cleaned = _EDGES.sub("", _DROPPED.sub("", url)).replace("\\", "/")
    if not cleaned:
        raise LinkRefused(url, "the link is empty; nothing to open")
    try:
        absolute = urljoin(page_url, cleaned)
        parts = urlsplit(absolute)
    except ValueError:
        raise LinkRefused(url, "the link is not a valid web address; not opened") from None
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        if not scheme:
            raise LinkRefused(url, "the link is not a web address; not opened")
        shown = scheme[:_SCHEME_SHOWN]
        why = _WHY_NOT.get(scheme, "only http and https links go to the browser")
        raise LinkRefused(url, f"{shown}: links are not opened: {why}")
    if not parts.hostname:
        raise LinkRefused(url, "the link names no web site; not opened")
    safe = _UNSAFE.sub(lambda match: quote(match[0]), absolute)
    return LinkTarget(safe, external=not is_site_url(safe, page_url))
