"""The reader headless (`ReaderApp.run_test()`, 120x40) on the corpus of benchmarks/corpus.py:
key press to article painted (from the store; from the local demo server), edition switch with
the list stored, full-text search per query, and memory over many rounds of use.

    python benchmarks/app.py [--corpus FOLDER] [--opens N] [--rounds N]

"Painted" is: the app holds the page asked for, then `pilot.pause()` has let the screen
process what that queued (the repaint). newsboat's search is measured as the SQL query its
search runs (title or content LIKE the words, in its cache.db from startup.py), not through its
screen. 200 fetches from the local server: see benchmarks/fetch.py (last line of its table).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build, env

from reader.config import Config
from reader.demo.server import DemoServer
from reader.models import Edition
from reader.site.urls import DEFAULT_BASE_URL, news_list_url, parse_story
from reader.store.cache import FILE_NAME, PageStore
from reader.store.search import SearchIndex, index_path_for
from reader.ui.app import ReaderApp
from reader.ui.widgets.news import NewsPane

SIZE = (120, 40)
QUERIES = ("НАТО", "Зеленський", "ППО", "енерго", "air defence", "Rutte", "россия", "Київ")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _until(pilot: object, done: Callable[[], bool], timeout: float = 20.0) -> None:
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("not painted")
        await asyncio.sleep(0.001)
    await pilot.pause()  # type: ignore[attr-defined]


def _list_ready(app: ReaderApp, url: str) -> Callable[[], bool]:
    return lambda: app.news is not None and app.news.url == url


async def open_articles(app: ReaderApp, opens: int, wanted: Callable[[str], bool]) -> list[float]:
    """Down then Enter on list rows; seconds from Enter to the article painted."""
    pilot_times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, _list_ready(app, news_list_url(DEFAULT_BASE_URL, app.edition)))
        headlines = app.main.query_one(NewsPane).list
        tried = 0
        while len(pilot_times) < opens and tried < opens * 20:
            tried += 1
            app.main.show_pane("news")
            await pilot.press("down")
            url = headlines.highlighted_url
            if url is None or not wanted(url):
                continue
            start = time.perf_counter()
            await pilot.press("enter")
            await _until(pilot, lambda u=url: app.article is not None and app.article.url == u)
            pilot_times.append(time.perf_counter() - start)
    return pilot_times


async def switch_editions(app: ReaderApp, switches: int) -> list[float]:
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, _list_ready(app, news_list_url(DEFAULT_BASE_URL, app.edition)))
        await pilot.pause(1.0)  # let the start-up index sync settle
        order = [Edition.RU, Edition.EN, Edition.UK]
        for n in range(switches):
            edition = order[n % 3]
            url = news_list_url(DEFAULT_BASE_URL, edition)
            start = time.perf_counter()
            await pilot.press({Edition.UK: "1", Edition.RU: "2", Edition.EN: "3"}[edition])
            await _until(pilot, _list_ready(app, url))
            times.append(time.perf_counter() - start)
    return times


async def hour_of_use(app: ReaderApp, rounds: int) -> tuple[float, float, float]:
    """RSS after the first paint, after half the rounds, after all of them (MB)."""
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, _list_ready(app, news_list_url(DEFAULT_BASE_URL, app.edition)))
        await pilot.pause(1.0)
        first = _rss_mb()
        half = first
        for n in range(rounds):
            app.main.show_pane("news")
            await pilot.press("down", "enter")
            await pilot.pause()
            await pilot.press("3")
            await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            if n == rounds // 2:
                half = _rss_mb()
        return first, half, _rss_mb()


def search_times(folder: Path, repeat: int = 20) -> dict[str, tuple[float, int]]:
    found = {}
    with SearchIndex(index_path_for(folder / "cache" / FILE_NAME)) as index:
        for query in QUERIES:
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                hits = index.search(query, limit=50)
                times.append(time.perf_counter() - start)
            found[query] = (statistics.median(times), len(hits))
    return found


def newsboat_search_times(folder: Path, repeat: int = 5) -> dict[str, tuple[float, int]] | None:
    cache = folder / "newsboat" / "cache.db"
    if not cache.exists():
        return None
    conn = sqlite3.connect(cache)
    feed = conn.execute("SELECT rssurl FROM rss_feed").fetchone()[0]
    found = {}
    for query in QUERIES:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            rows = conn.execute(
                "SELECT guid, title, author, url, pubDate, length(content), unread, feedurl"
                " FROM rss_item WHERE (title LIKE ?1 OR content LIKE ?1) AND feedurl = ?2"
                " ORDER BY pubDate DESC, id DESC",
                (f"%{query}%", feed),
            ).fetchall()
            times.append(time.perf_counter() - start)
        found[query] = (statistics.median(times), len(rows))
    conn.close()
    return found


def _ms(values: list[float]) -> str:
    median = statistics.median(values) * 1000
    return f"median {median:6.1f} ms  (n={len(values)}, max {max(values) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "corpus")
    parser.add_argument("--opens", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=300, help="rounds of use for memory")
    args = parser.parse_args()
    folder = args.corpus.resolve()
    if not (folder / "corpus.json").exists():
        print(f"making the corpus in {folder} ...", flush=True)
        build(folder)
    os.environ.update(env(folder))
    config = Config(cache_max_mb=2000, refresh_minutes=0)
    pages = folder / "cache" / FILE_NAME

    def corpus_app() -> ReaderApp:
        return ReaderApp(config=config, offline=True, store=pages, state=None)

    rows: list[tuple[str, str]] = []
    times = asyncio.run(open_articles(corpus_app(), args.opens, lambda url: True))
    rows.append(("key press to article painted, from the store (offline)", _ms(times)))

    with tempfile.TemporaryDirectory() as empty, DemoServer() as server:
        from reader.demo.catalog import stories

        served = {DEFAULT_BASE_URL + p for s in stories() for p in s.editions.values()}

        def demo_app() -> ReaderApp:
            store = PageStore(Path(empty) / "demo.sqlite3")
            return ReaderApp(config=config, base_url=server.base_url, store=store, state=None)

        times = asyncio.run(
            open_articles(
                demo_app(), args.opens, lambda u: u in served and parse_story(u) is not None
            )
        )
        rows.append(("key press to article painted, demo server (not stored)", _ms(times)))

    times = asyncio.run(switch_editions(corpus_app(), 30))
    rows.append(("edition switch with the list stored (offline)", _ms(times)))

    ours = search_times(folder)
    medians = [t for t, _ in ours.values()]
    rows.append(("full-text search, SearchIndex.search, per query", _ms(medians)))
    theirs = newsboat_search_times(folder)
    if theirs is not None:
        rows.append(
            (
                "newsboat's search query (SQL LIKE on its cache)",
                _ms([t for t, _ in theirs.values()]),
            )
        )

    first, half, last = asyncio.run(hour_of_use(corpus_app(), args.rounds))
    rows.append(
        (
            f"RSS of this process over {args.rounds} rounds of use",
            f"{first:.1f} MB -> {half:.1f} MB (half way) -> {last:.1f} MB",
        )
    )
    print(f"\nReaderApp headless {SIZE[0]}x{SIZE[1]} on {folder}")
    for what, figure in rows:
        print(f"{what:56} {figure}")
    print("\nsearch per query (median of 20; hits, at most 50):")
    for query, (seconds, hits) in ours.items():
        other = ""
        if theirs is not None:
            other = f"   newsboat {theirs[query][0] * 1000:7.1f} ms, {theirs[query][1]} items"
        print(f"  {query:14} {seconds * 1000:6.1f} ms, {hits:3} hits{other}")


if __name__ == "__main__":
    main()
