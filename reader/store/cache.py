"""The offline store: fetched pages with their validators, and parsed results, in one SQLite file.

Threads: one connection opened with `check_same_thread=False` and every use serialised by a
`threading.Lock`, so the store can be called from worker threads (`asyncio.to_thread`).
Processes: WAL mode, a busy timeout and `BEGIN IMMEDIATE` for multi-statement writes let two
reader instances share the file.

The store is a cache, so after it has opened it never raises: a damaged file found by any
operation is moved aside and rebuilt, and other failures (disk full, locked past the busy
timeout) are logged, recorded in `warnings`, and treated as a miss or a skipped write.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.store import db
from reader.store.paths import cache_dir

FILE_NAME = "pages.sqlite3"
SCHEMA_VERSION = 1
# Tells our file from any other SQLite database that happens to sit at the path.
APPLICATION_ID = 0x50524452  # "PRDR"
DEFAULT_MAX_BYTES = 200_000_000

_SCHEMA = (
    """CREATE TABLE pages(
        url TEXT PRIMARY KEY,
        content BLOB NOT NULL,
        content_type TEXT,
        etag TEXT,
        last_modified TEXT,
        fetched_at REAL NOT NULL,
        accessed_at REAL NOT NULL,
        size INTEGER NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0)""",
    "CREATE INDEX pages_lru ON pages(pinned, accessed_at, size)",
    """CREATE TABLE parsed(
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        json TEXT NOT NULL,
        parser_version INTEGER NOT NULL)""",
    # A parsed result is only as good as the bytes it came from.
    """CREATE TRIGGER parsed_gone AFTER DELETE ON pages BEGIN
        DELETE FROM parsed WHERE url = old.url; END""",
    """CREATE TRIGGER parsed_stale AFTER UPDATE OF content ON pages
        WHEN old.content IS NOT new.content BEGIN
        DELETE FROM parsed WHERE url = old.url; END""",
)

_PAGE_COLUMNS = "url, content, content_type, etag, last_modified, fetched_at, accessed_at, pinned"


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A page as last fetched; times are epoch seconds."""

    url: str
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: float
    accessed_at: float
    pinned: bool


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """What `pravda-reader cache info` shows; `bytes` counts page content, times are epoch
    seconds of the oldest and newest fetch (None when empty)."""

    path: Path
    pages: int
    bytes: int
    oldest: float | None
    newest: float | None


class StoreError(Exception):
    """The store file could not be opened or created (the reader can run without a store)."""


class PageStore(db.SqliteFile):
    """Pages and parsed results keyed by URL, bounded to `max_bytes` of page content by evicting
    the least recently used unpinned pages."""

    label = "page store"

    def __init__(
        self,
        path: Path | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path if path is not None else cache_dir() / FILE_NAME
        self.max_bytes = max_bytes
        self.warnings: list[str] = []
        self._clock = clock
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._opened_id: tuple[int, int] | None = None  # the file the connection has open
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open()
            self._opened_id = self._file_id()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the page store {self.path}: {exc}") from exc

    # -- opening and recovery -------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        # A cache can lose its last commits in a power cut; it must not lose speed to fsync.
        conn = db.connect(self.path, synchronous="NORMAL")
        # Pages are read once per opening, mostly as large blobs the OS caches anyway: a small
        # page cache (512 KB, not SQLite's 2 MB) keeps the reader's memory from creeping up.
        conn.execute("PRAGMA cache_size = -512")
        return conn

    def _open(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            conn = self._connect()
            problem = self._prepare(conn)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if not db.is_damage(exc):
                raise
            problem = f"it is damaged ({exc})"
        else:
            if problem is None:
                return conn
            conn.close()
        self._move_aside(problem)
        conn = self._connect()
        if self._prepare(conn) is not None:  # only a race with another instance can get here
            conn.close()
            raise StoreError(f"{self.path} was replaced while opening it")
        return conn

    @staticmethod
    def _prepare(conn: sqlite3.Connection) -> str | None:
        """Create the schema in an empty file; say why the file is not ours, or None.
        A file that is no database fails here (SQLITE_NOTADB)."""
        state = db.prepare(conn, APPLICATION_ID, SCHEMA_VERSION, _SCHEMA)
        if state in (db.FileState.OURS, db.FileState.EMPTY):
            return None
        if state is db.FileState.FOREIGN:
            return "it is not a pravda-reader store"
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        return f"it has schema version {version}, not {SCHEMA_VERSION}"

    def _file_id(self) -> tuple[int, int] | None:
        return db.file_id(self.path)

    def _move_aside(self, problem: str) -> None:
        target = db.aside_path(self.path, "corrupt")
        if self.path.exists():
            self.path.replace(target)
        # A stale WAL next to a new file would be replayed into it.
        for suffix in db.SIDE_FILES:
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        self._warn(
            f"the page store {self.path} could not be used ({problem}); "
            f"moved it to {target.name} and started a new one"
        )

    def _recover(self, exc: sqlite3.Error) -> None:
        assert self._conn is not None
        self._conn.close()
        self._conn = None
        try:
            # Another instance that met the damage first may have replaced the file already.
            if self._file_id() == self._opened_id:
                self._move_aside(f"it is damaged ({exc})")
            self._conn = self._open()
            self._opened_id = self._file_id()
        except (OSError, sqlite3.Error, StoreError) as err:
            self._warn(f"page store disabled: {err}")

    # -- pages --------------------------------------------------------------------------

    def get(self, url: str, *, touch: bool = True) -> StoredPage | None:
        """The stored page, marked as just used (for LRU eviction) unless `touch` is False:
        background readers such as the search index must not keep pages alive."""

        def op(conn: sqlite3.Connection) -> StoredPage | None:
            row = conn.execute(
                f"SELECT {_PAGE_COLUMNS} FROM pages WHERE url = ?", (url,)
            ).fetchone()
            if row is None:
                return None
            now = self._clock() if touch else row[6]
            if touch:
                self._mark_used(conn, url, now)
            return StoredPage(
                url=row[0],
                content=row[1],
                content_type=row[2],
                etag=row[3],
                last_modified=row[4],
                fetched_at=row[5],
                accessed_at=now,
                pinned=bool(row[7]),
            )

        return self._run("reading a page", None, op)

    def _mark_used(self, conn: sqlite3.Connection, url: str, now: float) -> None:
        """Record a read for LRU eviction when the file can take it: on a full disk (or a lock
        held past the timeout) the page is served all the same, as the offline copy is most
        needed then. Damage still raises, for `_run` to recover from."""
        try:
            conn.execute("UPDATE pages SET accessed_at = ? WHERE url = ?", (now, url))
        except sqlite3.OperationalError as exc:
            self._warn(f"page store: marking a page as used failed: {exc}")

    def put(
        self,
        url: str,
        content: bytes,
        content_type: str | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """Store a freshly fetched page (its pin survives), then evict down to `max_bytes`.
        A parsed result of the page is dropped when the content changed."""

        def op(conn: sqlite3.Connection) -> None:
            now = self._clock()
            with db.transaction(conn):
                conn.execute(
                    """INSERT INTO pages(url, content, content_type, etag, last_modified,
                                         fetched_at, accessed_at, size)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT(url) DO UPDATE SET
                         content = excluded.content, content_type = excluded.content_type,
                         etag = excluded.etag, last_modified = excluded.last_modified,
                         fetched_at = excluded.fetched_at, accessed_at = excluded.accessed_at,
                         size = excluded.size""",
                    (url, content, content_type, etag, last_modified, now, now, len(content)),
                )
                self._evict(conn)

        self._run("storing a page", None, op)

    def _evict(self, conn: sqlite3.Connection) -> None:
        # The LRU index covers size too, so the total and the oldest rows come from the index
        # alone, and only as many rows are read as must go.
        excess = conn.execute("SELECT total(size) FROM pages").fetchone()[0] - self.max_bytes
        if excess <= 0:
            return
        victims: list[tuple[str]] = []
        for url, size in conn.execute(
            "SELECT url, size FROM pages WHERE pinned = 0 ORDER BY accessed_at"
        ):
            victims.append((url,))
            excess -= size
            if excess <= 0:
                break
        conn.executemany("DELETE FROM pages WHERE url = ?", victims)

    def revalidated(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """The site answered 304: the stored page is fresh as of now. New validators sent with
        the 304 replace the stored ones."""
        now = self._clock()
        self._run(
            "updating a page",
            None,
            lambda conn: conn.execute(
                """UPDATE pages SET fetched_at = ?, accessed_at = ?,
                     etag = coalesce(?, etag), last_modified = coalesce(?, last_modified)
                   WHERE url = ?""",
                (now, now, etag, last_modified, url),
            ),
        )

    def touch(self, url: str) -> None:
        """Mark the page as just used."""
        now = self._clock()
        self._run(
            "updating a page",
            None,
            lambda conn: conn.execute("UPDATE pages SET accessed_at = ? WHERE url = ?", (now, url)),
        )

    def pin(self, url: str, pinned: bool = True) -> None:
        """A pinned page is never evicted (it still goes on `clear`)."""
        self._run(
            "pinning a page",
            None,
            lambda conn: conn.execute(
                "UPDATE pages SET pinned = ? WHERE url = ?", (int(pinned), url)
            ),
        )

    # -- parsed results -----------------------------------------------------------------

    def get_parsed(self, url: str, parser_version: int, *, touch: bool = True) -> str | None:
        """The JSON text stored by `put_parsed` with the same parser version, or None."""

        def op(conn: sqlite3.Connection) -> str | None:
            row = conn.execute(
                "SELECT json FROM parsed WHERE url = ? AND parser_version = ?",
                (url, parser_version),
            ).fetchone()
            if row is None:
                return None
            if touch:
                self._mark_used(conn, url, self._clock())
            return str(row[0])

        return self._run("reading a parsed page", None, op)

    def urls(self) -> list[str] | None:
        """Every stored page's URL (from the index alone), or None when the store fails."""
        return self._run(
            "listing pages",
            None,
            lambda conn: [str(url) for (url,) in conn.execute("SELECT url FROM pages")],
        )

    def put_parsed(self, url: str, kind: str, json_text: str, parser_version: int) -> None:
        """Keep a parsed result of a stored page; it goes when the page goes or changes, so
        nothing is kept for a URL whose page is not stored."""
        self._run(
            "storing a parsed page",
            None,
            lambda conn: conn.execute(
                """INSERT INTO parsed(url, kind, json, parser_version)
                   SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM pages WHERE url = ?)
                   ON CONFLICT(url) DO UPDATE SET
                     kind = excluded.kind, json = excluded.json,
                     parser_version = excluded.parser_version""",
                (url, kind, json_text, parser_version, url),
            ),
        )

    # -- the whole store ----------------------------------------------------------------

    def info(self) -> StoreInfo:
        def op(conn: sqlite3.Connection) -> StoreInfo:
            pages, size, oldest, newest = conn.execute(
                "SELECT count(*), coalesce(sum(size), 0), min(fetched_at), max(fetched_at)"
                " FROM pages"
            ).fetchone()
            return StoreInfo(self.path, pages, size, oldest, newest)

        return self._run("reading the store", StoreInfo(self.path, 0, 0, None, None), op)

    def clear(self) -> int:
        """Remove every page (pinned ones too) and parsed result; give back the disk space.
        Returns the number of pages removed."""

        def op(conn: sqlite3.Connection) -> int:
            with db.transaction(conn):
                removed = conn.execute("DELETE FROM pages").rowcount
                conn.execute("DELETE FROM parsed")
            return int(removed)

        removed = self._run("clearing the store", 0, op)
        self._run("compacting the store", None, lambda conn: conn.execute("VACUUM"))
        return removed
