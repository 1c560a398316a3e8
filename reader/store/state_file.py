"""The JSON file that moves bookmarks, read marks and history between machines: its shape,
checked in full before anything is written, and the keys read marks are stored under.

    {"format": "pravda-reader state", "version": 1, "exported_at": "2025-11-28T10:00:00.000+00:00",
     "read": [{"story": 7527766, "read_at": "…"}, {"url": "https://…", "read_at": "…"}],
     "bookmarks": [{"url": "https://…", "title": "…", "edition": "en", "saved_at": "…"}],
     "history": [{"url": "https://…", "title": "…", "edition": "en", "opened_at": "…"}]}

"history" came later in version 1: files without it are read, and readers before it ignore it.

A story's read mark is shared by its editions, so it is kept by the story's numeric id; a page
without one is kept by its URL. Times are ISO 8601 (a time without an offset is UTC) and are
kept to the millisecond.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from reader.models import Edition

FORMAT = "pravda-reader state"
VERSION = 1

_STORY = "story:"
_URL = "url:"


class StateFileError(ValueError):
    """The data is not a state file this version can read; the message says where."""


@dataclass(frozen=True, slots=True)
class ReadMark:
    key: str  # see story_key and url_key
    read_at: int  # milliseconds since the epoch


@dataclass(frozen=True, slots=True)
class SavedBookmark:
    url: str
    title: str
    edition: Edition | None
    saved_at: int  # milliseconds since the epoch


@dataclass(frozen=True, slots=True)
class SavedVisit:
    url: str
    title: str
    edition: Edition | None
    opened_at: int  # milliseconds since the epoch


@dataclass(frozen=True, slots=True)
class StateData:
    read: tuple[ReadMark, ...] = ()
    bookmarks: tuple[SavedBookmark, ...] = ()
    history: tuple[SavedVisit, ...] = ()  # the most recent first


def story_key(story_id: int) -> str:
    return f"{_STORY}{story_id}"


def url_key(url: str) -> str:
    return f"{_URL}{canonical_url(url)}"


def canonical_url(url: str) -> str:
    """The URL a page's marks are kept under: without surrounding space and #fragment."""
    url = url.strip()
    try:
        return urlunsplit(urlsplit(url)._replace(fragment=""))
    except ValueError:
        return url


def to_millis(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return round(moment.timestamp() * 1000)


def from_millis(millis: int) -> datetime:
    return datetime.fromtimestamp(millis / 1000, UTC)


def _iso(millis: int) -> str:
    return from_millis(millis).isoformat(timespec="milliseconds")


def state_to_json(data: StateData, exported_at: int) -> dict[str, Any]:
    read: list[dict[str, Any]] = []
    for mark in data.read:
        if mark.key.startswith(_STORY):
            read.append({"story": int(mark.key[len(_STORY) :]), "read_at": _iso(mark.read_at)})
        else:
            read.append({"url": mark.key.removeprefix(_URL), "read_at": _iso(mark.read_at)})
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(exported_at),
        "read": read,
        "bookmarks": [
            _page_json(saved.url, saved.title, saved.edition, saved_at=saved.saved_at)
            for saved in data.bookmarks
        ],
        "history": [
            _page_json(visit.url, visit.title, visit.edition, opened_at=visit.opened_at)
            for visit in data.history
        ],
    }


def _page_json(url: str, title: str, edition: Edition | None, **when: int) -> dict[str, Any]:
    """A bookmark or a visit: the page, and its one time (saved_at, opened_at)."""
    times = {name: _iso(at) for name, at in when.items()}
    return {"url": url, "title": title, "edition": edition.value if edition else None} | times


def parse_state(data: object) -> StateData:
    """The state in `data` (the parsed JSON), duplicates merged (earliest read time, latest
    bookmark, one visit per URL and time). Raises StateFileError naming the first thing that
    is wrong."""
    if not isinstance(data, Mapping):
        raise StateFileError(f"not a pravda-reader state file: the top level is {_kind(data)}")
    if data.get("format") != FORMAT:
        raise StateFileError(f'not a pravda-reader state file: "format" is not "{FORMAT}"')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StateFileError('"version" is not a positive whole number')
    if version > VERSION:
        raise StateFileError(
            f"the file is of version {version}, made by a newer pravda-reader;"
            f" this one reads version {VERSION}"
        )
    read: dict[str, int] = {}
    for where, entry in _entries(data, "read"):
        mark = _read_mark(entry, where)
        read[mark.key] = min(mark.read_at, read.get(mark.key, mark.read_at))
    bookmarks: dict[str, SavedBookmark] = {}
    for where, entry in _entries(data, "bookmarks"):
        saved = _bookmark(entry, where)
        known = bookmarks.get(saved.url)
        if known is None or saved.saved_at > known.saved_at:
            bookmarks[saved.url] = saved
    visits: dict[tuple[str, int], SavedVisit] = {}
    for where, entry in _entries(data, "history"):
        visit = _visit(entry, where)
        visits.setdefault((visit.url, visit.opened_at), visit)
    history = sorted(visits.values(), key=lambda visit: visit.opened_at, reverse=True)
    return StateData(
        tuple(ReadMark(key, at) for key, at in read.items()),
        tuple(bookmarks.values()),
        tuple(history),
    )


def _entries(data: Mapping[str, Any], name: str) -> list[tuple[str, Mapping[str, Any]]]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise StateFileError(f'"{name}" is {_kind(value)}, not a list')
    for n, entry in enumerate(value):
        if not isinstance(entry, Mapping):
            raise StateFileError(f"{name}[{n}] is {_kind(entry)}, not an object")
    return [(f"{name}[{n}]", entry) for n, entry in enumerate(value)]


def _read_mark(entry: Mapping[str, Any], where: str) -> ReadMark:
    story, url = entry.get("story"), entry.get("url")
    if (story is None) == (url is None):
        raise StateFileError(f'{where} needs exactly one of "story" and "url"')
    if story is not None:
        if not isinstance(story, int) or isinstance(story, bool) or story <= 0:
            raise StateFileError(f"{where}.story is not a positive whole number: {story!r}")
        key = story_key(story)
    else:
        key = url_key(_text(entry, "url", where, required=True))
    return ReadMark(key, _time(entry, "read_at", where))


def _bookmark(entry: Mapping[str, Any], where: str) -> SavedBookmark:
    return SavedBookmark(*_page(entry, where), _time(entry, "saved_at", where))


def _visit(entry: Mapping[str, Any], where: str) -> SavedVisit:
    return SavedVisit(*_page(entry, where), _time(entry, "opened_at", where))


def _page(entry: Mapping[str, Any], where: str) -> tuple[str, str, Edition | None]:
    """(url, title, edition) of a bookmark or a visit."""
    url = canonical_url(_text(entry, "url", where, required=True))
    edition = entry.get("edition")
    if edition is not None and edition not in {e.value for e in Edition}:
        raise StateFileError(f"{where}.edition is not uk, ru, en or null: {edition!r}")
    title = _text(entry, "title", where, required=False)
    return url, title, Edition(edition) if edition is not None else None


def _text(entry: Mapping[str, Any], key: str, where: str, *, required: bool) -> str:
    value = entry.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise StateFileError(f"{where}.{key} is {_kind(value)}, not a non-empty string")
    return value.strip() if required else value


def _time(entry: Mapping[str, Any], key: str, where: str) -> int:
    value = entry.get(key)
    if not isinstance(value, str):
        raise StateFileError(f"{where}.{key} is {_kind(value)}, not an ISO 8601 date and time")
    try:
        moment = datetime.fromisoformat(value)
        return to_millis(moment)
    except (ValueError, OverflowError, OSError):
        raise StateFileError(f"{where}.{key} is not an ISO 8601 date and time: {value!r}") from None


def _kind(value: object) -> str:
    if value is None:
        return "missing or null"
    if value == "":
        return "an empty string"
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    names |= {list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)
