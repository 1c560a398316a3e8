"""How long to wait before trying again: exponential backoff with jitter, or what the site's
Retry-After header asks for, never longer than the cap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from email.utils import parsedate_to_datetime


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None when
    absent or unreadable. A date in the past means no wait."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": UTC
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


def backoff_delay(
    retry: int,
    *,
    base: float,
    cap: float,
    rng: Callable[[], float],
    retry_after: float | None = None,
) -> float:
    """The wait before retry number `retry` (1 for the first retry).

    Without Retry-After: base * 2**(retry-1), capped, then scaled by a random factor in
    [0.5, 1) so clients that failed together do not come back together.
    """
    if retry_after is not None:
        return min(retry_after, cap)
    return min(cap, base * 2.0 ** (retry - 1)) * (0.5 + rng() / 2)
