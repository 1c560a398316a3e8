"""The reader's state: read marks, bookmarks and history, in one SQLite file in the user's data
folder (never the cache folder, which may be cleared).

Read marks are kept per story id, so reading one edition of a story marks its translations
read; a page without an id is kept by its URL. Bookmarks and history are kept per URL.

The state is precious, unlike the page cache. Every write is a transaction synced to disk
(`synchronous = FULL`) and either commits or raises StateError, so a caller that saw a write
return knows it survives a crash. A file that cannot be used is never just moved away: it is
copied beside itself first, what can still be read from it is carried into the new file, and
a warning says where the copy is. A file written by a newer version is left alone
(StateError). Reads never raise: on failure they give the "nothing known" answer and warn.

Threads share one connection under a lock; processes share the file through WAL and a busy
timeout, as the page store does.
"""

from __future__ import annotations

import ipaddress
import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from reader.models import Article, Edition, Headline
from reader.site.urls import SITE_HOSTS, parse_story
from reader.store import db
from reader.store.db import (
    SIDE_FILES,
    FileState,
    aside_path,
    connect,
    file_id,
    is_damage,
    prepare,
    transaction,
)
from reader.store.paths import data_dir
from reader.store.state_file import (
    ReadMark,
    SavedBookmark,
    SavedVisit,
    StateData,
    canonical_url,
    from_millis,
    parse_state,
    state_to_json,
    story_key,
    url_key,
)

log = logging.getLogger(__name__)

FILE_NAME = "state.sqlite3"
DEMO_FILE_NAME = "demo-state.sqlite3"
SCHEMA_VERSION = 1
APPLICATION_ID = 0x50524453  # "PRDS"
HISTORY_LIMIT = 5000

_SCHEMA = (
    "CREATE TABLE read(key TEXT PRIMARY KEY, read_at INTEGER NOT NULL) WITHOUT ROWID",
    """CREATE TABLE bookmarks(
        url TEXT PRIMARY KEY, title TEXT NOT NULL, edition TEXT, saved_at INTEGER NOT NULL)""",
    "CREATE INDEX bookmarks_newest ON bookmarks(saved_at)",
    # AUTOINCREMENT: sequence numbers are never reused, so they order visits even after trims.
    """CREATE TABLE history(
        seq INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL, title TEXT NOT NULL,
        edition TEXT, opened_at INTEGER NOT NULL)""",
)
# Statements to read each table whole, one way and the other, when recovering a damaged file:
# a scan that stops at a damaged page from the front may still get past it from the back.
_SALVAGE = {
    "read": "SELECT key, read_at FROM read ORDER BY key {}",
    "bookmarks": "SELECT url, title, edition, saved_at FROM bookmarks ORDER BY url {}",
    "history": "SELECT seq, url, title, edition, opened_at FROM history ORDER BY seq {}",
}
_BATCH = 500  # keys per IN (...) query

T = TypeVar("T")
Ref = Headline | Article | str | int
"""What a read mark can be asked about: a headline, an article, a URL or a story id."""


class StateError(Exception):
    """The state could not be opened, or a write did not commit."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    url: str
    title: str
    edition: Edition | None
    saved_at: datetime  # UTC


@dataclass(frozen=True, slots=True)
class Visit:
    url: str
    title: str
    edition: Edition | None
    opened_at: datetime  # UTC


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import changed; `*_in_file` count distinct entries of the file."""

    read_in_file: int
    read_added: int
    read_earlier: int  # marks already here that the file had an earlier time for
    bookmarks_in_file: int
    bookmarks_added: int
    bookmarks_updated: int  # bookmarks already here that the file had saved later
    history_in_file: int
    history_added: int  # visits (a URL at a time) not here before

    def summary(self) -> str:
        return (
            f"read marks: {self.read_in_file} in the file, {self.read_added} new, "
            f"{self.read_earlier} given an earlier time; bookmarks: {self.bookmarks_in_file} "
            f"in the file, {self.bookmarks_added} new, {self.bookmarks_updated} updated; "
            f"history: {self.history_in_file} in the file, {self.history_added} new"
        )


@dataclass(slots=True)
class _Salvage:
    read: list[tuple[Any, ...]] = field(default_factory=list)
    bookmarks: list[tuple[Any, ...]] = field(default_factory=list)
    history: list[tuple[Any, ...]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"recovered from it: read marks {len(self.read)}, bookmarks {len(self.bookmarks)},"
            f" history entries {len(self.history)}"
        )


def default_path(*, demo: bool = False) -> Path:
    """The state file; the demo site's stories get their own, so trying the demo leaves the
    real read marks alone."""
    return data_dir() / (DEMO_FILE_NAME if demo else FILE_NAME)


def read_key(ref: Ref) -> str:
    """The key a read mark is kept under: the story id when there is one, else the URL."""
    if isinstance(ref, int):
        return story_key(ref)
    if isinstance(ref, Headline | Article):
        if ref.id is not None and not (isinstance(ref, Headline) and ref.external):
            return story_key(ref.id)
        ref = ref.url
    story = parse_story(ref) if _is_this_site(ref) else None
    return story_key(story.id) if story else url_key(ref)


def _is_this_site(url: str) -> bool:
    """Whether story ids in the URL are this site's: sister sites number their own stories.
    The demo server (a local address) serves this site's stories."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return False
    if not host or host in SITE_HOSTS or host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _edition_code(edition: Edition | None, url: str) -> str | None:
    """The edition to keep with a page: as given, else as its URL tells when it is a story."""
    if edition is None and (story := parse_story(url)) is not None:
        edition = story.edition
    return edition.value if edition else None


def _edition(value: str | None) -> Edition | None:
    return Edition(value) if value in {e.value for e in Edition} else None


class StateStore(db.SqliteFile):
    """Read marks, bookmarks and history. `clock` gives epoch seconds (tests set it)."""

    label = "reader state"

    def __init__(
        self,
        path: Path | None = None,
        *,
        clock: Callable[[], float] = time.time,
        history_limit: int = HISTORY_LIMIT,
    ) -> None:
        self.path = path if path is not None else default_path()
        self.history_limit = history_limit
        self.warnings: list[str] = []
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._opened_id: tuple[int, int] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open()
            self._opened_id = file_id(self.path)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"cannot open the reader state {self.path}: {exc}") from exc

    # -- opening and recovery -------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        # FULL: a commit is on disk before the call returns, power cut or not.
        return connect(self.path, synchronous="FULL")

    def _open(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            conn = self._connect()
            state = prepare(conn, APPLICATION_ID, SCHEMA_VERSION, _SCHEMA)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if not is_damage(exc):
                raise
            problem = f"it is damaged ({exc})"
        else:
            if state in (FileState.OURS, FileState.EMPTY):
                return conn
            conn.close()
            if state is FileState.NEWER:
                raise StateError(
                    f"{self.path} was written by a newer version of pravda-reader; "
                    "it is left as it is (use that version, or move the file away)"
                )
            problem = (
                "it is not a pravda-reader state file"
                if state is FileState.FOREIGN
                else "it has an unknown schema version"
            )
        return self._replace_file(problem)

    def _replace_file(self, problem: str) -> sqlite3.Connection:
        """Keep a copy of the unusable file, start a new one with what could be read from it."""
        copy = aside_path(self.path, "corrupt")
        # A copy, not a move: if copying fails (disk full) the file stays where it is.
        for suffix in ("", "-wal"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                shutil.copy2(side, copy.with_name(copy.name + suffix))
        salvage = _salvage(self.path)
        for suffix in ("", *SIDE_FILES):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        conn = self._connect()
        if prepare(conn, APPLICATION_ID, SCHEMA_VERSION, _SCHEMA) not in (
            FileState.OURS,
            FileState.EMPTY,
        ):  # only a race with another instance can get here
            conn.close()
            raise StateError(f"{self.path} was replaced while opening it")
        _restore(conn, salvage)
        self._warn(
            f"the reader state {self.path} could not be used ({problem}); a copy of it is kept "
            f"at {copy}; started a new one, {salvage.summary()}"
        )
        return conn

    def _recover(self, exc: sqlite3.Error) -> None:
        assert self._conn is not None
        self._conn.close()
        self._conn = None
        try:
            if file_id(self.path) == self._opened_id:
                self._conn = self._replace_file(f"it is damaged ({exc})")
            else:  # another instance met the damage first and replaced the file
                self._conn = self._open()
            self._opened_id = file_id(self.path)
        except (OSError, sqlite3.Error, StateError) as err:
            self._warn(f"reader state disabled: {err}")

    def _attempt(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """Run `op`; a damaged file is recovered once and `op` run again. Lock held."""
        if self._conn is None:
            raise StateError(f"the reader state {self.path} is not available")
        try:
            return op(self._conn)
        except sqlite3.Error as exc:
            if not is_damage(exc):
                raise
            self._recover(exc)
        if self._conn is None:
            raise StateError(f"the reader state {self.path} is not available")
        return op(self._conn)

    def _or_default(self, what: str, default: T, op: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return self._attempt(op)
            except (sqlite3.Error, StateError) as exc:
                self._warn(f"reader state: {what} failed: {exc}")
                return default

    def _or_raise(self, what: str, op: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return self._attempt(op)
            except sqlite3.Error as exc:
                raise StateError(f"reader state: {what} failed: {exc}") from exc

    def _now(self) -> int:
        return round(self._clock() * 1000)

    # -- read marks -----------------------------------------------------------------------

    def is_read(self, ref: Ref) -> bool:
        key = read_key(ref)
        return self._or_default(
            "reading a read mark",
            False,
            lambda conn: (
                conn.execute("SELECT 1 FROM read WHERE key = ?", (key,)).fetchone() is not None
            ),
        )

    def read_urls(self, items: Iterable[Headline | str]) -> set[str]:
        """The URLs of those items that are read (one query per few hundred items)."""
        by_key: dict[str, list[str]] = {}
        for item in items:
            url = item if isinstance(item, str) else item.url
            by_key.setdefault(read_key(item), []).append(url)
        keys = list(by_key)

        def op(conn: sqlite3.Connection) -> set[str]:
            found: set[str] = set()
            for chunk in _chunks(keys):
                marks = ",".join("?" * len(chunk))
                for (key,) in conn.execute(f"SELECT key FROM read WHERE key IN ({marks})", chunk):
                    found.update(by_key[key])
            return found

        return self._or_default("reading read marks", set(), op)

    def unread_count(self, items: Iterable[Headline | str]) -> int:
        """How many of the items are not read (an item listed twice counts twice)."""
        listed = list(items)
        read = self.read_urls(listed)
        urls = (item if isinstance(item, str) else item.url for item in listed)
        return sum(1 for url in urls if url not in read)

    def mark_read(self, ref: Ref) -> bool:
        """Mark a story read (all its editions); True when it was not read before (a story
        read before keeps its first read time)."""
        key = read_key(ref)
        when = self._now()
        return self._or_raise(
            "marking read",
            lambda conn: (
                conn.execute(
                    "INSERT OR IGNORE INTO read(key, read_at) VALUES (?, ?)", (key, when)
                ).rowcount
                == 1
            ),
        )

    def mark_unread(self, ref: Ref) -> bool:
        """True when the story was read before."""
        key = read_key(ref)
        return self._or_raise(
            "marking unread",
            lambda conn: conn.execute("DELETE FROM read WHERE key = ?", (key,)).rowcount == 1,
        )

    def mark_all_read(self, items: Iterable[Ref]) -> int:
        """Mark every item read, in one transaction; the number newly marked."""
        now = self._now()
        rows = [(key, now) for key in dict.fromkeys(read_key(item) for item in items)]

        def op(conn: sqlite3.Connection) -> int:
            with transaction(conn):
                before = conn.total_changes
                conn.executemany("INSERT OR IGNORE INTO read(key, read_at) VALUES (?, ?)", rows)
                return conn.total_changes - before

        return self._or_raise("marking all read", op)

    def read_at(self, ref: Ref) -> datetime | None:
        key = read_key(ref)
        row = self._or_default(
            "reading a read mark",
            None,
            lambda conn: conn.execute("SELECT read_at FROM read WHERE key = ?", (key,)).fetchone(),
        )
        return None if row is None else from_millis(row[0])

    # -- bookmarks ------------------------------------------------------------------------

    def is_bookmarked(self, url: str) -> bool:
        url = canonical_url(url)
        return self._or_default(
            "reading a bookmark",
            False,
            lambda conn: (
                conn.execute("SELECT 1 FROM bookmarks WHERE url = ?", (url,)).fetchone() is not None
            ),
        )

    def bookmarked_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` that are bookmarked (as given)."""
        by_url: dict[str, list[str]] = {}
        for url in urls:
            by_url.setdefault(canonical_url(url), []).append(url)
        wanted = list(by_url)

        def op(conn: sqlite3.Connection) -> set[str]:
            found: set[str] = set()
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT url FROM bookmarks WHERE url IN ({marks})"
                for (url,) in conn.execute(sql, chunk):
                    found.update(by_url[url])
            return found

        return self._or_default("reading bookmarks", set(), op)

    def set_bookmark(
        self, url: str, title: str, edition: Edition | None = None, *, on: bool = True
    ) -> bool:
        """Bookmark a page (`on`) or drop its bookmark; True when that changed anything.
        Bookmarking again keeps the first time saved but takes the new title."""
        url = canonical_url(url)
        if not on:
            return self._or_raise(
                "removing a bookmark",
                lambda conn: (
                    conn.execute("DELETE FROM bookmarks WHERE url = ?", (url,)).rowcount == 1
                ),
            )
        row = (url, title, _edition_code(edition, url), self._now())

        def op(conn: sqlite3.Connection) -> bool:
            with transaction(conn):
                known = conn.execute("SELECT 1 FROM bookmarks WHERE url = ?", (url,)).fetchone()
                conn.execute(
                    """INSERT INTO bookmarks(url, title, edition, saved_at) VALUES (?, ?, ?, ?)
                       ON CONFLICT(url) DO UPDATE SET title = excluded.title""",
                    row,
                )
            return known is None

        return self._or_raise("saving a bookmark", op)

    def toggle_bookmark(self, url: str, title: str, edition: Edition | None = None) -> bool:
        """Bookmark the page, or drop its bookmark; whether it is bookmarked now."""
        url = canonical_url(url)
        row = (url, title, _edition_code(edition, url), self._now())

        def op(conn: sqlite3.Connection) -> bool:
            with transaction(conn):
                if conn.execute("DELETE FROM bookmarks WHERE url = ?", (url,)).rowcount:
                    return False
                conn.execute(
                    "INSERT INTO bookmarks(url, title, edition, saved_at) VALUES (?, ?, ?, ?)",
                    row,
                )
                return True

        return self._or_raise("toggling a bookmark", op)

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, newest first."""
        rows: list[tuple[str, str, str | None, int]] = self._or_default(
            "reading bookmarks",
            [],
            lambda conn: conn.execute(
                "SELECT url, title, edition, saved_at FROM bookmarks"
                " ORDER BY saved_at DESC, rowid DESC"
            ).fetchall(),
        )
        return [Bookmark(url, title, _edition(ed), from_millis(at)) for url, title, ed, at in rows]

    # -- history --------------------------------------------------------------------------

    def opened(self, url: str, title: str, edition: Edition | None = None) -> None:
        """An article was opened: it goes on top of the history and its story is marked read,
        in one transaction. Opening the article that is already on top only updates its time."""
        now = self._now()
        url = canonical_url(url)
        key = read_key(url)
        code = _edition_code(edition, url)

        def op(conn: sqlite3.Connection) -> None:
            with transaction(conn):
                conn.execute("INSERT OR IGNORE INTO read(key, read_at) VALUES (?, ?)", (key, now))
                top = conn.execute("SELECT seq, url FROM history ORDER BY seq DESC LIMIT 1")
                last = top.fetchone()
                if last is not None and last[1] == url:
                    conn.execute(
                        "UPDATE history SET title = ?, edition = ?, opened_at = ? WHERE seq = ?",
                        (title, code, now, last[0]),
                    )
                    return
                seq = conn.execute(
                    "INSERT INTO history(url, title, edition, opened_at) VALUES (?, ?, ?, ?)",
                    (url, title, code, now),
                ).lastrowid
                conn.execute(
                    "DELETE FROM history WHERE seq <= ?", ((seq or 0) - self.history_limit,)
                )

        self._or_raise("recording a visit", op)

    def history(self, limit: int | None = None) -> list[Visit]:
        """Opened articles, most recent first."""
        rows: list[tuple[str, str, str | None, int]] = self._or_default(
            "reading the history",
            [],
            lambda conn: conn.execute(
                "SELECT url, title, edition, opened_at FROM history ORDER BY seq DESC LIMIT ?",
                (-1 if limit is None else limit,),
            ).fetchall(),
        )
        return [Visit(url, title, _edition(ed), from_millis(at)) for url, title, ed, at in rows]

    def clear_history(self) -> int:
        return self._or_raise(
            "clearing the history",
            lambda conn: int(conn.execute("DELETE FROM history").rowcount),
        )

    # -- moving state between machines ----------------------------------------------------

    def export_json(self) -> dict[str, Any]:
        """Read marks, bookmarks and history as the state file's JSON data (see state_file)."""

        def op(conn: sqlite3.Connection) -> StateData:
            # One read transaction: a consistent picture even while another process writes.
            conn.execute("BEGIN")
            try:
                read = conn.execute("SELECT key, read_at FROM read ORDER BY key").fetchall()
                saved = conn.execute(
                    "SELECT url, title, edition, saved_at FROM bookmarks"
                    " ORDER BY saved_at DESC, rowid DESC"
                ).fetchall()
                visits = conn.execute(
                    "SELECT url, title, edition, opened_at FROM history ORDER BY seq DESC"
                ).fetchall()
            finally:
                conn.execute("COMMIT")
            return StateData(
                tuple(ReadMark(key, at) for key, at in read),
                tuple(SavedBookmark(url, t, _edition(ed), at) for url, t, ed, at in saved),
                tuple(SavedVisit(url, t, _edition(ed), at) for url, t, ed, at in visits),
            )

        data = self._or_raise("exporting the state", op)
        return state_to_json(data, self._now())

    def import_json(self, data: object) -> ImportReport:
        """Merge a state file's data: the union of read marks (the earlier time kept), of
        bookmarks (the later one kept) and of visits (in the order they were made, the most
        recent `history_limit` kept). The whole file is checked first: StateFileError (a
        ValueError) names what is wrong, and then nothing has been written."""
        state = parse_state(data)

        def op(conn: sqlite3.Connection) -> ImportReport:
            read_added = read_earlier = saved_added = saved_updated = 0
            with transaction(conn):
                for mark in state.read:
                    row = conn.execute(
                        "SELECT read_at FROM read WHERE key = ?", (mark.key,)
                    ).fetchone()
                    if row is None:
                        read_added += 1
                    elif mark.read_at < row[0]:
                        read_earlier += 1
                    else:
                        continue
                    conn.execute(
                        "INSERT OR REPLACE INTO read(key, read_at) VALUES (?, ?)",
                        (mark.key, mark.read_at),
                    )
                for saved in state.bookmarks:
                    row = conn.execute(
                        "SELECT saved_at FROM bookmarks WHERE url = ?", (saved.url,)
                    ).fetchone()
                    if row is None:
                        saved_added += 1
                    elif saved.saved_at > row[0]:
                        saved_updated += 1
                    else:
                        continue
                    conn.execute(
                        "INSERT OR REPLACE INTO bookmarks(url, title, edition, saved_at)"
                        " VALUES (?, ?, ?, ?)",
                        (
                            saved.url,
                            saved.title,
                            saved.edition.value if saved.edition else None,
                            saved.saved_at,
                        ),
                    )
                visits_added = self._merge_history(conn, state.history)
            return ImportReport(
                len(state.read),
                read_added,
                read_earlier,
                len(state.bookmarks),
                saved_added,
                saved_updated,
                len(state.history),
                visits_added,
            )

        return self._or_raise("importing state", op)

    def _merge_history(self, conn: sqlite3.Connection, visits: tuple[SavedVisit, ...]) -> int:
        """Add the visits not here yet, and write the history again in the order the visits
        were made (the sequence numbers order it); the number added."""
        rows = conn.execute(
            "SELECT url, title, edition, opened_at FROM history ORDER BY seq"
        ).fetchall()
        here = {(url, at) for url, _title, _edition, at in rows}
        new = [
            (
                visit.url,
                visit.title,
                visit.edition.value if visit.edition else None,
                visit.opened_at,
            )
            for visit in reversed(visits)  # oldest first, as the rows
            if (visit.url, visit.opened_at) not in here
        ]
        if not new:
            return 0
        merged = sorted(rows + new, key=lambda row: row[3])[-self.history_limit :]
        conn.execute("DELETE FROM history")
        conn.executemany(
            "INSERT INTO history(url, title, edition, opened_at) VALUES (?, ?, ?, ?)", merged
        )
        return len(new)

    # -- the file -------------------------------------------------------------------------


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def _salvage(path: Path) -> _Salvage:
    """Whatever rows of our tables can still be read from a damaged or unusable file."""
    salvage = _Salvage()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return salvage
    try:
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return salvage  # another program's file: its tables are not ours to copy
        except sqlite3.Error:
            pass  # the header is damaged: try the tables all the same
        for table, sql in _SALVAGE.items():
            rows: dict[Any, tuple[Any, ...]] = {}
            for direction in ("ASC", "DESC"):
                try:
                    for row in conn.execute(sql.format(direction)):
                        rows[row[0]] = row
                except sqlite3.Error:
                    continue
            getattr(salvage, table).extend(row for row in rows.values() if _fits(table, row))
    finally:
        conn.close()
    return salvage


_ROW_TYPES: dict[str, tuple[tuple[type, ...], ...]] = {
    "read": ((str,), (int,)),
    "bookmarks": ((str,), (str,), (str, type(None)), (int,)),
    "history": ((int,), (str,), (str,), (str, type(None)), (int,)),
}


def _fits(table: str, row: tuple[Any, ...]) -> bool:
    """Whether a row read from a damaged file is one the new file can take."""
    types = _ROW_TYPES[table]
    return len(row) == len(types) and all(
        isinstance(value, kinds) for value, kinds in zip(row, types, strict=True)
    )


def _restore(conn: sqlite3.Connection, salvage: _Salvage) -> None:
    with transaction(conn):
        conn.executemany("INSERT OR IGNORE INTO read(key, read_at) VALUES (?, ?)", salvage.read)
        conn.executemany(
            "INSERT OR IGNORE INTO bookmarks(url, title, edition, saved_at) VALUES (?, ?, ?, ?)",
            salvage.bookmarks,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO history(seq, url, title, edition, opened_at)"
            " VALUES (?, ?, ?, ?, ?)",
            salvage.history,
        )
