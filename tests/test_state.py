"""The reader state: read marks shared across editions, bookmarks, history, export and import,
and what happens to a damaged or foreign state file."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reader.models import Edition, Headline
from reader.store import paths
from reader.store.cache import PageStore
from reader.store.keep import pin_bookmarks, toggle_bookmark
from reader.store.state import (
    APPLICATION_ID,
    FILE_NAME,
    SCHEMA_VERSION,
    StateError,
    StateStore,
    default_path,
)
from reader.store.state_file import StateFileError

SITE = "https://www.pravda.com.ua"
UK = f"{SITE}/news/2025/08/23/7527766/"
EN = f"{SITE}/eng/news/2025/08/23/7527766/"
RU = f"{SITE}/rus/news/2025/08/23/7527766/"
OTHER_UK = f"{SITE}/news/2025/08/23/7527750/"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now

    def tick(self) -> None:
        self.now += 60


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[StateStore]:
    with StateStore(tmp_path / "state.sqlite3", clock=clock) as opened:
        yield opened


def _at(clock: Clock) -> datetime:
    return datetime.fromtimestamp(clock.now, UTC)


# ------------------------------------------------------------------------------ read marks


def test_reading_one_edition_marks_the_story_read_in_all(store: StateStore) -> None:
    assert not store.is_read(EN)
    assert store.mark_read(UK) is True
    assert store.is_read(EN) and store.is_read(RU) and store.is_read(7527766)
    assert store.is_read(Headline("t", EN + "index.amp", id=7527766, edition=Edition.EN))
    assert not store.is_read(OTHER_UK)
    assert store.mark_read(RU) is False  # already read, by its Ukrainian edition


def test_read_marks_of_pages_without_an_id_go_by_url(store: StateStore) -> None:
    tag_page = f"{SITE}/tags/nato/"
    store.mark_read(tag_page + "#top")
    assert store.is_read(tag_page)
    assert not store.is_read(f"{SITE}/eng/tags/nato/")


def test_a_sister_sites_story_does_not_share_ids_with_this_site(store: StateStore) -> None:
    sister = "https://www.epravda.com.ua/news/2025/08/23/7527766/"
    store.mark_read(UK)
    assert not store.is_read(sister)
    assert not store.is_read(Headline("t", sister, external=True))
    store.mark_read(sister)
    assert store.is_read(sister)


def test_the_demo_server_address_shares_ids_with_the_site(store: StateStore) -> None:
    store.mark_read("http://127.0.0.1:8123/eng/news/2025/08/23/7527766/")
    assert store.is_read(UK)


def test_list_marks_counts_and_mark_all_read(store: StateStore) -> None:
    headlines = [
        Headline("a", UK, id=7527766),
        Headline("b", OTHER_UK, id=7527750),
        Headline("c", f"{SITE}/news/2025/08/23/7527740/", id=7527740),
    ]
    store.mark_read(EN)
    assert store.read_urls(headlines) == {UK}
    assert store.unread_count(headlines) == 2
    assert store.mark_all_read(headlines) == 2
    assert store.unread_count(headlines) == 0
    assert store.mark_all_read(headlines) == 0
    assert store.mark_unread(OTHER_UK) is True
    assert store.read_urls(headlines) == {UK, headlines[2].url}
    assert store.mark_unread(OTHER_UK) is False


def test_the_first_read_time_is_kept(store: StateStore, clock: Clock) -> None:
    store.mark_read(UK)
    first = _at(clock)
    clock.tick()
    store.mark_read(EN)
    store.opened(RU, "title")
    assert store.read_at(7527766) == first
    assert store.read_at(OTHER_UK) is None


def test_many_items_are_asked_about_in_batches(store: StateStore) -> None:
    urls = [f"{SITE}/news/2025/08/23/{7000000 + n}/" for n in range(1200)]
    assert store.mark_all_read(urls[::2]) == 600
    assert store.read_urls(urls) == set(urls[::2])
    assert store.unread_count(urls) == 600


# ------------------------------------------------------------------------------- bookmarks


def test_bookmarks_toggle_and_list_newest_first(store: StateStore, clock: Clock) -> None:
    assert store.toggle_bookmark(UK, "Головний генерал НАТО") is True
    first = _at(clock)
    clock.tick()
    assert store.toggle_bookmark(OTHER_UK, "Пожежу загасили", Edition.UK) is True
    assert store.is_bookmarked(UK) and not store.is_bookmarked(EN)  # per URL, not per story
    assert store.bookmarked_urls([UK, EN, OTHER_UK + "#x"]) == {UK, OTHER_UK + "#x"}

    listed = store.bookmarks()
    assert [b.url for b in listed] == [OTHER_UK, UK]
    assert (listed[1].title, listed[1].edition, listed[1].saved_at) == (
        "Головний генерал НАТО",
        Edition.UK,  # from the URL
        first,
    )

    assert store.toggle_bookmark(UK, "ignored") is False
    assert [b.url for b in store.bookmarks()] == [OTHER_UK]


def test_set_bookmark_keeps_the_first_time_and_takes_the_new_title(
    store: StateStore, clock: Clock
) -> None:
    assert store.set_bookmark(EN, "Old title") is True
    saved = _at(clock)
    clock.tick()
    assert store.set_bookmark(EN, "New title") is False
    [bookmark] = store.bookmarks()
    assert (bookmark.title, bookmark.saved_at, bookmark.edition) == ("New title", saved, Edition.EN)
    assert store.set_bookmark(EN, "", on=False) is True
    assert store.set_bookmark(EN, "", on=False) is False
    assert store.bookmarks() == []


def test_bookmarking_pins_the_page_so_it_stays_offline(tmp_path: Path, store: StateStore) -> None:
    with PageStore(tmp_path / "pages.sqlite3", max_bytes=250) as pages:
        pages.put(UK, b"x" * 100, None, None, None)
        assert toggle_bookmark(store, pages, UK, "t") is True
        for n in range(5):  # enough new pages to evict everything unpinned
            pages.put(f"{SITE}/news/2025/08/23/{n}/", b"y" * 100, None, None, None)
        assert pages.get(UK) is not None

        assert toggle_bookmark(store, pages, UK, "t") is False
        pages.put(f"{SITE}/news/2025/08/23/9/", b"y" * 100, None, None, None)
        pages.put(f"{SITE}/news/2025/08/23/10/", b"y" * 100, None, None, None)
        assert pages.get(UK) is None  # unpinned: evicted like any other


def test_pin_bookmarks_pins_pages_stored_after_bookmarking(
    tmp_path: Path, store: StateStore
) -> None:
    store.toggle_bookmark(EN, "t")
    with PageStore(tmp_path / "pages.sqlite3", max_bytes=250) as pages:
        pages.put(EN, b"x" * 100, None, None, None)  # stored after it was bookmarked
        assert pin_bookmarks(store, pages) == 1
        pages.put(OTHER_UK, b"y" * 100, None, None, None)
        assert pages.get(EN) is not None and pages.get(OTHER_UK) is not None
        pages.put(UK, b"z" * 100, None, None, None)
        assert pages.get(EN) is not None and pages.get(OTHER_UK) is None


# --------------------------------------------------------------------------------- history


def test_history_lists_opened_articles_newest_first(store: StateStore, clock: Clock) -> None:
    store.opened(UK, "Перша")
    clock.tick()
    store.opened(EN, "Second", Edition.EN)
    clock.tick()
    store.opened(EN, "Second, renamed")  # opened again at once: one entry, new time
    visits = store.history()
    assert [(v.url, v.title, v.edition) for v in visits] == [
        (EN, "Second, renamed", Edition.EN),
        (UK, "Перша", Edition.UK),
    ]
    assert visits[0].opened_at == _at(clock)
    clock.tick()
    store.opened(UK, "Перша")  # not on top: a new entry
    assert [v.url for v in store.history()] == [UK, EN, UK]
    assert [v.url for v in store.history(limit=1)] == [UK]
    assert store.is_read(RU)  # opening marks read


def test_history_is_bounded(tmp_path: Path) -> None:
    with StateStore(tmp_path / "s.sqlite3", history_limit=3) as store:
        for n in range(7):
            store.opened(f"{SITE}/news/2025/08/23/{n}/", str(n))
        assert [v.title for v in store.history()] == ["6", "5", "4"]
        assert store.clear_history() == 3
        assert store.history() == []


# -------------------------------------------------------------------------- export, import


def test_export_import_round_trip(tmp_path: Path, store: StateStore, clock: Clock) -> None:
    store.mark_read(UK)
    store.mark_read(f"{SITE}/tags/nato/")
    store.toggle_bookmark(EN, "NATO top general")
    clock.tick()
    store.toggle_bookmark(OTHER_UK, "Пожежу загасили")
    data = store.export_json()
    assert data["format"] == "pravda-reader state" and data["version"] == 1
    assert {json.dumps(entry, sort_keys=True) for entry in data["read"]} == {
        json.dumps({"story": 7527766, "read_at": "2023-11-14T22:13:20.000+00:00"}, sort_keys=True),
        json.dumps(
            {"url": f"{SITE}/tags/nato/", "read_at": "2023-11-14T22:13:20.000+00:00"},
            sort_keys=True,
        ),
    }
    text = json.dumps(data)  # survives a trip through a file

    with StateStore(tmp_path / "other.sqlite3") as other:
        report = other.import_json(json.loads(text))
        assert (report.read_in_file, report.read_added, report.read_earlier) == (2, 2, 0)
        assert (report.bookmarks_in_file, report.bookmarks_added) == (2, 2)
        assert other.is_read(RU) and other.is_read(f"{SITE}/tags/nato/")
        assert other.bookmarks() == store.bookmarks()
        assert other.export_json() | {"exported_at": None} == data | {"exported_at": None}

        again = other.import_json(json.loads(text))  # importing twice changes nothing
        assert (again.read_added, again.read_earlier, again.bookmarks_added) == (0, 0, 0)
        assert again.bookmarks_updated == 0


def test_import_merges_keeping_earliest_read_and_latest_bookmark(
    store: StateStore, clock: Clock
) -> None:
    store.mark_read(UK)  # at t0
    store.mark_read(OTHER_UK)
    store.toggle_bookmark(EN, "Old title")
    clock.tick()
    store.toggle_bookmark(UK, "Kept")
    data = {
        "format": "pravda-reader state",
        "version": 1,
        "read": [
            {"story": 7527766, "read_at": "2020-01-01T00:00:00Z"},  # earlier: taken
            {"story": 7527750, "read_at": "2030-01-01T00:00:00+02:00"},  # later: ignored
            {"url": f"{SITE}/tags/war/", "read_at": "2024-05-05T10:00:00"},  # new (naive: UTC)
            {"story": 7527750, "read_at": "2031-01-01T00:00:00Z"},  # a duplicate
        ],
        "bookmarks": [
            {"url": EN, "title": "New title", "edition": "en", "saved_at": "2030-01-01T00:00Z"},
            {"url": UK, "title": "Older", "edition": "uk", "saved_at": "2000-01-01T00:00Z"},
            {"url": RU, "title": "Новая", "edition": None, "saved_at": "2024-01-01T00:00Z"},
        ],
    }
    report = store.import_json(data)
    assert (report.read_in_file, report.read_added, report.read_earlier) == (3, 1, 1)
    assert (report.bookmarks_in_file, report.bookmarks_added, report.bookmarks_updated) == (3, 1, 1)
    assert "1 new" in report.summary()
    assert store.read_at(EN) == datetime(2020, 1, 1, tzinfo=UTC)
    assert store.read_at(OTHER_UK) == datetime.fromtimestamp(1_700_000_000, UTC)
    assert store.read_at(f"{SITE}/tags/war/") == datetime(2024, 5, 5, 10, tzinfo=UTC)
    titles = {b.url: (b.title, b.edition) for b in store.bookmarks()}
    assert titles == {EN: ("New title", Edition.EN), UK: ("Kept", Edition.UK), RU: ("Новая", None)}
    assert [b.url for b in store.bookmarks()] == [EN, RU, UK]  # newest first


def test_history_moves_with_the_state_file_merged_in_the_order_of_the_visits(
    tmp_path: Path, store: StateStore, clock: Clock
) -> None:
    store.opened(UK, "Перша", Edition.UK)  # t0
    clock.tick()
    store.opened(EN, "Second")  # t0 + 60 s
    data = store.export_json()
    assert [(v["url"], v["title"], v["edition"]) for v in data["history"]] == [
        (EN, "Second", "en"),
        (UK, "Перша", "uk"),
    ]
    with StateStore(tmp_path / "other.sqlite3", clock=clock, history_limit=3) as other:
        other.opened(OTHER_UK, "Local, before")  # t0 + 60 s on this machine's clock
        file_visits = [
            {"url": RU, "title": "Раньше всех", "edition": "ru", "opened_at": "2020-01-01T00:00Z"},
            {"url": RU, "title": "Раньше всех", "edition": "ru", "opened_at": "2020-01-01T00:00Z"},
        ]
        report = other.import_json(data | {"history": [*data["history"], *file_visits]})
        assert (report.history_in_file, report.history_added) == (3, 3)
        assert "history: 3 in the file, 3 new" in report.summary()
        # Four visits in the order they were made, and the oldest goes past the limit of 3.
        assert [visit.url for visit in other.history()] == [EN, OTHER_UK, UK]
        assert other.history()[2].opened_at == _at(clock) - timedelta(seconds=60)
        again = other.import_json(data)
        assert again.history_added == 0 and len(other.history()) == 3
        other.opened(RU, "Now")  # new visits go on top, after the imported ones
        assert other.history()[0].url == RU


_GOOD_READ = {"story": 1, "read_at": "2025-01-01T00:00:00Z"}
_GOOD_BOOKMARK = {"url": UK, "title": "t", "edition": "uk", "saved_at": "2025-01-01T00:00:00Z"}


def _file(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"format": "pravda-reader state", "version": 1}
    data["read"] = [_GOOD_READ]
    data["bookmarks"] = [_GOOD_BOOKMARK]
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "the top level is a list"),
        ({"read": []}, '"format" is not'),
        (_file(version="1"), '"version" is not a positive whole number'),
        (_file(version=2), "newer pravda-reader"),
        (_file(read={"story": 1}), '"read" is an object, not a list'),
        (_file(read=[_GOOD_READ, "x"]), "read[1] is a string, not an object"),
        (_file(read=[{"read_at": "2025-01-01"}]), 'read[0] needs exactly one of "story" and "url"'),
        (_file(read=[{"story": 1, "url": UK, "read_at": "2025-01-01"}]), "exactly one of"),
        (_file(read=[{"story": -5, "read_at": "2025-01-01"}]), "read[0].story is not a positive"),
        (_file(read=[{"story": True, "read_at": "2025-01-01"}]), "read[0].story"),
        (_file(read=[{"url": "", "read_at": "2025-01-01"}]), "read[0].url is an empty string"),
        (_file(read=[{"story": 1, "read_at": "yesterday"}]), "read[0].read_at is not an ISO 8601"),
        (_file(read=[{"story": 1, "read_at": 1700000000}]), "read[0].read_at is a number"),
        (_file(read=[{"story": 1}]), "read[0].read_at is missing or null"),
        (_file(bookmarks=[_GOOD_BOOKMARK, {}]), "bookmarks[1].url is missing or null"),
        (_file(bookmarks=[{**_GOOD_BOOKMARK, "edition": "de"}]), "bookmarks[0].edition is not"),
        (_file(bookmarks=[{**_GOOD_BOOKMARK, "title": 5}]), "bookmarks[0].title is a number"),
        (_file(bookmarks=[{**_GOOD_BOOKMARK, "saved_at": None}]), "bookmarks[0].saved_at"),
        (_file(history={}), '"history" is an object, not a list'),
        (_file(history=[{"url": UK, "title": "t"}]), "history[0].opened_at is missing or null"),
        (_file(history=[{"url": UK, "edition": "xx", "opened_at": "2025-01-01"}]), "edition"),
    ],
)
def test_a_malformed_file_is_refused_and_nothing_is_written(
    store: StateStore, data: Any, message: str
) -> None:
    store.mark_read(EN)
    store.toggle_bookmark(OTHER_UK, "t")
    before = store.export_json()
    with pytest.raises(StateFileError) as raised:
        store.import_json(data)
    assert message in str(raised.value)
    assert store.export_json() == before


# ---------------------------------------------------------------- damaged and foreign files


def _copies(path: Path) -> list[Path]:
    found = path.parent.glob(path.name + ".corrupt-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def test_a_file_that_is_not_a_database_is_copied_before_starting_anew(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    garbage = b"not sqlite at all " * 300
    path.write_bytes(garbage)
    with StateStore(path) as store:
        [copy] = _copies(path)
        assert copy.read_bytes() == garbage
        [warning] = store.warnings
        assert str(copy) in warning and "could not be used" in warning
        store.mark_read(UK)
        assert store.is_read(EN)


def test_another_programs_database_is_copied_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE read(key, read_at)")
        conn.execute("INSERT INTO read VALUES ('story:7527766', 1)")
    conn.close()
    with StateStore(path) as store:
        assert "not a pravda-reader state file" in store.warnings[0]
        assert not store.is_read(UK)  # nothing carried over from a file that is not ours
    [copy] = _copies(path)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT key FROM read").fetchall() == [("story:7527766",)]
    conn.close()


def test_a_file_of_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future(x)")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StateError, match="newer version"):
        StateStore(path)
    assert path.read_bytes() == before
    assert _copies(path) == []


def _scribble_over(path: Path, table: str) -> None:
    with sqlite3.connect(path) as conn:
        root, page_size = conn.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
            " FROM sqlite_master WHERE name = ?",
            (table,),
        ).fetchone()
    conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)


def test_damage_found_later_keeps_a_copy_and_recovers_what_can_be_read(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "state.sqlite3"
    with StateStore(path, clock=clock) as store:
        store.mark_all_read([7527766, 7527750])
        store.toggle_bookmark(EN, "Kept")
        store.opened(UK, "Lost")
    _scribble_over(path, "history")
    damaged = path.read_bytes()

    with StateStore(path, clock=clock) as store:
        assert store.warnings == []  # the header is fine; the damage shows on first use
        assert store.history() == []
        [warning] = store.warnings
        [copy] = _copies(path)
        assert str(copy) in warning
        assert "read marks 2, bookmarks 1, history entries 0" in warning
        assert copy.read_bytes() == damaged
        assert store.is_read(RU) and store.is_read(OTHER_UK)
        assert [b.title for b in store.bookmarks()] == ["Kept"]
        store.opened(EN, "After")  # and it works again
        assert [v.title for v in store.history()] == ["After"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_write_meeting_damage_recovers_and_is_done(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with StateStore(path) as store:
        store.toggle_bookmark(EN, "Kept")
        store.mark_read(UK)
    _scribble_over(path, "read")
    with StateStore(path) as store:
        store.mark_all_read([OTHER_UK])
        assert store.is_read(OTHER_UK)
        assert [b.title for b in store.bookmarks()] == ["Kept"]
        assert len(_copies(path)) == 1


def test_an_unusable_folder_raises_state_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StateError):
        StateStore(blocker / "sub" / "state.sqlite3")


# ------------------------------------------------------------------------- the whole store


def test_the_state_lives_in_the_data_folder(tmp_path: Path) -> None:
    assert default_path() == tmp_path / paths.DATA_DIR_ENV.lower() / FILE_NAME
    assert default_path(demo=True) != default_path()
    with StateStore() as store:
        assert store.path == default_path() and store.path.exists()


def test_threads_share_one_store(store: StateStore) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(40):
                url = f"{SITE}/news/2025/08/23/{n * 1000 + i}/"
                store.mark_read(url)
                store.toggle_bookmark(url, str(i))
                assert store.is_read(url)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.bookmarks()) == 160
    assert store.warnings == []


def test_two_stores_on_one_file_see_each_others_writes(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with StateStore(path) as first, StateStore(path) as second:
        first.mark_read(UK)
        second.toggle_bookmark(EN, "t")
        assert second.is_read(EN) and first.is_bookmarked(EN)
