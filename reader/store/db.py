"""What the reader's own SQLite files share: how a connection is opened, how a write transaction
is taken, how a file is told to be ours, and how damage is recognised.

Each store decides for itself what to do with a file that is not usable: the state store keeps a
copy and recovers what it can, the search index (rebuildable) just starts over.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import ClassVar, Self, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT = 10.0
SIDE_FILES = ("-wal", "-shm")

# SQLite primary result codes.
SQLITE_BUSY = 5
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26


class FileState(Enum):
    OURS = "ours"
    EMPTY = "empty"
    NEWER = "newer"  # ours, written by a later schema version
    OLDER = "older"
    FOREIGN = "foreign"


def error_code(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code (extended codes carry it in the low byte)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_damage(exc: sqlite3.Error) -> bool:
    return error_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def connect(path: Path, *, synchronous: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from any thread
    (callers serialise use with a lock), with a busy timeout. `prepare` comes next."""
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA synchronous = {synchronous}")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _enable_wal(conn: sqlite3.Connection) -> None:
    # Switching a new file to WAL while another process does the same fails at once with
    # SQLITE_BUSY: the busy handler is not consulted for it, so wait here instead.
    deadline = time.monotonic() + BUSY_TIMEOUT
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if error_code(exc) != SQLITE_BUSY or time.monotonic() > deadline:
                raise
        time.sleep(0.01)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so the busy timeout covers it; a deferred
    # transaction that upgrades from read to write can fail at once with SQLITE_BUSY.
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def file_state(conn: sqlite3.Connection, application_id: int, version: int) -> FileState:
    found_id = conn.execute("PRAGMA application_id").fetchone()[0]
    found_version = conn.execute("PRAGMA user_version").fetchone()[0]
    if found_id == application_id:
        if found_version == version:
            return FileState.OURS
        return FileState.NEWER if found_version > version else FileState.OLDER
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        return FileState.FOREIGN
    return FileState.EMPTY


def prepare(
    conn: sqlite3.Connection, application_id: int, version: int, schema: Sequence[str]
) -> FileState:
    """Switch a file of ours to WAL mode and create the schema in an empty one; the state the
    file was found in (EMPTY when the schema was created just now). Any other file is left
    as it is. A file that is no database fails here, with SQLITE_NOTADB."""
    state = file_state(conn, application_id, version)
    if state not in (FileState.OURS, FileState.EMPTY):
        return state
    _enable_wal(conn)
    if state is FileState.OURS:
        return state
    with transaction(conn):
        state = file_state(conn, application_id, version)  # another process may have won
        if state is FileState.EMPTY:
            for statement in schema:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {application_id}")
            conn.execute(f"PRAGMA user_version = {version}")
    return state


def file_id(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` now, to tell whether another process replaced it."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino)


def aside_path(path: Path, tag: str) -> Path:
    """A free name beside `path` for a copy of it: `<name>.<tag>-<time>[-n]`."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while any(target.with_name(target.name + s).exists() for s in ("", *SIDE_FILES)):
        n += 1
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
    return target


class SqliteFile:
    """A store owning one connection, used under a lock from any thread; closed on exit.

    `_run` is for stores that never raise once open: damage found by an operation is handed to
    the store's `_recover` and the operation tried once more; other failures become a warning
    (named with `label`) and the default.
    """

    label: ClassVar[str]
    warnings: list[str]
    _lock: threading.Lock
    _conn: sqlite3.Connection | None

    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        if message not in self.warnings:
            self.warnings.append(message)

    def _recover(self, exc: sqlite3.Error) -> None:
        raise NotImplementedError

    def _run(self, what: str, default: T, op: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            for attempt in (1, 2):
                if self._conn is None:
                    return default
                try:
                    return op(self._conn)
                except sqlite3.Error as exc:
                    if attempt == 1 and is_damage(exc):
                        self._recover(exc)
                        continue
                    self._warn(f"{self.label}: {what} failed: {exc}")
                    return default
            return default

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
