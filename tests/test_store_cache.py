"""The offline page store: round trips, parsed results, LRU eviction, damaged files, concurrency,
and the folder overrides."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Iterator
from multiprocessing.synchronize import Barrier
from pathlib import Path

import platformdirs
import pytest

from reader.store import paths
from reader.store.cache import FILE_NAME, PageStore, StoreError


class Clock:
    """A settable clock, so LRU order does not depend on the wall clock's resolution."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def tick(self) -> float:
        self.now += 1
        return self.now


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[PageStore]:
    with PageStore(tmp_path / "store.sqlite3", clock=clock) as opened:
        yield opened


def test_put_then_get_round_trips_content_and_validators(store: PageStore, clock: Clock) -> None:
    store.put("https://x/a", b"\xff\x00body", "text/html; charset=windows-1251", '"e1"', "Mon")
    page = store.get("https://x/a")
    assert page is not None
    assert page.content == b"\xff\x00body"
    assert (page.content_type, page.etag, page.last_modified) == (
        "text/html; charset=windows-1251",
        '"e1"',
        "Mon",
    )
    assert page.fetched_at == clock.now
    assert not page.pinned
    assert store.get("https://x/missing") is None
    assert store.warnings == []


def test_get_marks_the_page_used(store: PageStore, clock: Clock) -> None:
    store.put("u", b"x", None, None, None)
    clock.tick()
    page = store.get("u")
    assert page is not None and page.accessed_at == clock.now and page.fetched_at < clock.now


def test_revalidated_refreshes_time_and_validators(store: PageStore, clock: Clock) -> None:
    store.put("u", b"x", None, '"old"', "Mon")
    store.put_parsed("u", "article", "{}", 1)
    clock.tick()
    store.revalidated("u", '"new"', None)
    page = store.get("u")
    assert page is not None
    assert (page.fetched_at, page.etag, page.last_modified) == (clock.now, '"new"', "Mon")
    assert store.get_parsed("u", 1) == "{}"


def test_parsed_result_follows_its_page(store: PageStore) -> None:
    store.put_parsed("u", "article", '{"orphan": true}', 1)
    assert store.get_parsed("u", 1) is None  # no page, nothing kept

    store.put("u", b"v1", None, None, None)
    store.put_parsed("u", "article", '{"title": "A"}', 3)
    assert store.get_parsed("u", 3) == '{"title": "A"}'
    assert store.get_parsed("u", 4) is None  # another parser version

    store.put("u", b"v1", None, '"e"', None)  # same bytes: still valid
    assert store.get_parsed("u", 3) == '{"title": "A"}'
    store.put("u", b"v2", None, None, None)  # new bytes: stale
    assert store.get_parsed("u", 3) is None


def test_eviction_drops_least_recently_used_and_keeps_pinned(tmp_path: Path, clock: Clock) -> None:
    with PageStore(tmp_path / "s.sqlite3", max_bytes=300, clock=clock) as store:
        for url in ("a", "b", "c"):
            clock.tick()
            store.put(url, b"x" * 100, None, None, None)
        store.pin("a")  # the oldest, but pinned
        clock.tick()
        assert store.get("b") is not None  # b is now more recent than c
        clock.tick()
        store.put("d", b"x" * 100, None, None, None)

        assert store.get("c") is None
        assert [u for u in ("a", "b", "d") if store.get(u) is not None] == ["a", "b", "d"]
        assert store.info().bytes == 300

        clock.tick()
        store.put("e", b"x" * 150, None, None, None)  # needs room for 150: b and d go
        assert [u for u in "abcde" if store.get(u) is not None] == ["a", "e"]


def test_info_and_clear(store: PageStore, clock: Clock) -> None:
    assert store.info().pages == 0
    store.put("a", b"12345", None, None, None)
    clock.tick()
    store.put("b", b"123", None, None, None)
    store.pin("b")
    store.put_parsed("a", "list", "{}", 1)
    info = store.info()
    assert (info.pages, info.bytes, info.oldest, info.newest) == (2, 8, 1000.0, 1001.0)
    assert info.path == store.path

    assert store.clear() == 2
    assert store.info().pages == 0
    assert store.get_parsed("a", 1) is None


def _moved_aside(path: Path) -> list[Path]:
    """The database files moved aside (not their -wal and -shm companions)."""
    found = path.parent.glob(path.name + ".corrupt-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def test_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    garbage = b"this is not sqlite at all" * 200
    path.write_bytes(garbage)
    with PageStore(path) as store:
        assert len(store.warnings) == 1 and "moved it to" in store.warnings[0]
        store.put("u", b"x", None, None, None)
        assert store.get("u") is not None
    [aside] = _moved_aside(path)
    assert aside.read_bytes() == garbage


def test_foreign_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE pages(url, html)")
    conn.close()
    with PageStore(path) as store:
        assert "not a pravda-reader store" in store.warnings[0]
        store.put("u", b"x", None, None, None)
        assert store.get("u") is not None
    assert len(_moved_aside(path)) == 1


def _scribble_over_pages_table(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        root, page_size = conn.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
            " FROM sqlite_master WHERE name = 'pages'"
        ).fetchone()
    conn.close()
    with path.open("r+b") as f:  # scribble over the table's root page
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)


def test_damage_found_later_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with PageStore(path) as store:
        store.put("u", b"x" * 10_000, None, None, None)
    _scribble_over_pages_table(path)

    with PageStore(path) as store:
        assert store.warnings == []  # the header is fine; the damage shows on first read
        assert store.get("u") is None
        assert "damaged" in store.warnings[0]
        store.put("u", b"fresh", None, None, None)
        page = store.get("u")
        assert page is not None and page.content == b"fresh"
    assert len(_moved_aside(path)) == 1


def test_damage_met_by_two_instances_moves_the_file_aside_once(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    with PageStore(path) as store:
        store.put("u", b"x" * 10_000, None, None, None)
    _scribble_over_pages_table(path)

    with PageStore(path) as first, PageStore(path) as second:
        assert first.get("u") is None  # moves the file aside, starts a new one
        first.put("new", b"kept", None, None, None)
        # Meets the damage in the old file it still has open, and moves to the new file
        # without moving that one aside too.
        assert second.get("u") is None
        page = second.get("new")
        assert page is not None and page.content == b"kept"
    assert len(_moved_aside(path)) == 1


def test_unusable_folder_raises_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError):
        PageStore(blocker / "sub" / "store.sqlite3")


def _write_pages(path: str, worker: int, count: int, start: Barrier) -> None:
    start.wait(30)  # open and write at the same moment
    with PageStore(Path(path)) as store:
        for i in range(count):
            store.put(f"w{worker}/{i}", b"x" * 1000, None, None, None)
            store.put("shared", f"{worker}:{i}".encode(), None, None, None)
            store.put_parsed("shared", "article", "{}", 1)
            assert store.get(f"w{worker}/{i}") is not None
        if store.warnings:
            raise RuntimeError(store.warnings)


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(2)
    workers = [ctx.Process(target=_write_pages, args=(str(path), n, 150, start)) for n in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(30)
    assert [p.exitcode for p in workers] == [0, 0]
    with PageStore(path) as store:
        assert store.info().pages == 2 * 150 + 1
        assert store.warnings == []


def test_threads_share_one_store(store: PageStore) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                store.put(f"t{n}/{i}", b"y" * 100, None, None, None)
                assert store.get(f"t{n}/{i}") is not None
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.info().pages == 200
    assert store.warnings == []


def test_folders_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path / "c"))
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "d"))
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "k"))
    assert (paths.cache_dir(), paths.data_dir(), paths.config_dir()) == (
        tmp_path / "c",
        tmp_path / "d",
        tmp_path / "k",
    )
    with PageStore() as store:
        assert store.path == tmp_path / "c" / FILE_NAME
        assert store.path.exists()


def test_folders_default_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.CACHE_DIR_ENV, "")  # empty counts as unset
    monkeypatch.delenv(paths.CONFIG_DIR_ENV)
    assert paths.cache_dir() == Path(platformdirs.user_cache_dir("pravda-reader"))
    assert paths.config_dir() == Path(platformdirs.user_config_dir("pravda-reader"))


def test_reads_without_touch_leave_the_eviction_order_alone(tmp_path: Path) -> None:
    now = [1000.0]
    with PageStore(tmp_path / "pages.sqlite3", clock=lambda: now[0]) as store:
        store.put("https://www.pravda.com.ua/a/", b"a", "text/html", None, None)
        store.put_parsed("https://www.pravda.com.ua/a/", "article", "{}", 1)
        now[0] = 2000.0
        page = store.get("https://www.pravda.com.ua/a/", touch=False)
        assert page is not None and page.accessed_at == 1000.0
        assert store.get_parsed("https://www.pravda.com.ua/a/", 1, touch=False) == "{}"
        assert store.get("https://www.pravda.com.ua/a/", touch=False).accessed_at == 1000.0  # type: ignore[union-attr]
        assert store.urls() == ["https://www.pravda.com.ua/a/"]
        assert store.get("https://www.pravda.com.ua/a/").accessed_at == 2000.0  # type: ignore[union-attr]


def test_the_page_cache_is_kept_small(store: PageStore) -> None:
    """Pages are read once per opening: SQLite's own cache stays at 512 KB, so the reader's
    memory does not creep up over an hour of reading."""
    size = store._run("read", 0, lambda conn: conn.execute("PRAGMA cache_size").fetchone()[0])
    assert size == -512
