"""What can go wrong fetching a page, each with a one-line message a reader can act on.

`stored` carries the offline copy when the store has one, so the UI can offer it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.net.client import Fetched


class FetchError(Exception):
    """A page could not be fetched. `str(error)` is `message` followed by the URL."""

    retryable = False

    def __init__(self, url: str, message: str, *, status: int | None = None) -> None:
        super().__init__(f"{message}: {url}")
        self.url = url
        self.message = message
        self.status = status
        self.stored: Fetched | None = None


class Refused(FetchError):
    """403: on the real site this is Cloudflare blocking the client."""

    def __init__(self, url: str) -> None:
        super().__init__(url, "the site refused the request (HTTP 403)", status=403)


class NotFound(FetchError):
    def __init__(self, url: str, status: int = 404) -> None:
        super().__init__(url, f"no such page (HTTP {status})", status=status)


class RateLimited(FetchError):
    retryable = True

    def __init__(self, url: str) -> None:
        super().__init__(url, "the site asks to slow down (HTTP 429); try again later", status=429)


class ServerError(FetchError):
    retryable = True

    def __init__(self, url: str, status: int) -> None:
        super().__init__(url, f"the site is having trouble (HTTP {status})", status=status)


class UnexpectedStatus(FetchError):
    """Any other status that carries no page (401, 451, a 3xx without a Location...)."""

    def __init__(self, url: str, status: int) -> None:
        super().__init__(url, f"the site answered HTTP {status} instead of a page", status=status)


class Timeout(FetchError):
    retryable = True

    def __init__(self, url: str) -> None:
        super().__init__(url, "the site took too long to answer")


class NetworkError(FetchError):
    """The connection failed: refused, reset, closed early, a redirect loop."""

    def __init__(self, url: str, message: str, *, retryable: bool = True) -> None:
        super().__init__(url, message)
        self.retryable = retryable  # per instance: a redirect loop is not transient


class TooLarge(FetchError):
    def __init__(self, url: str, limit: int) -> None:
        super().__init__(url, f"the page is larger than the {limit:,} byte limit")


class InvalidUrl(FetchError):
    def __init__(self, url: str) -> None:
        super().__init__(url, "not a web address the reader can fetch")
