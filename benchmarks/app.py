"""Key press to screen, through the real app in a real (pseudo-)terminal, on the corpus of
benchmarks/corpus.py; and full-text search per query beside newsboat's search.

    python benchmarks/app.py [--corpus FOLDER] [--opens N] [--switches N]

`pravda-reader` runs in a pseudo-terminal of 120x40 (benchmarks/terminal.py): a key's bytes
are written to the terminal and the figure is the time until the bytes that put the awaited
text on screen have been read back, as a terminal would show them. Awaited:

- article from the store (`--offline`): Down, then Enter timed until the article pane shows
  the first words of that row's stored article;
- article from the local demo server (an empty store; every article fetched, parsed, stored
  and painted): the same on the rows that are fixture stories;
- edition switch, no article open: 2, 3, 1 timed until the list pane shows that edition's
  newest stored headlines.

newsboat's search is measured as the SQL query its search runs (title or content LIKE the
words, in its cache.db from startup.py), not through its screen. Start-up and memory:
benchmarks/startup.py. 200 fetches from the local server: benchmarks/fetch.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build, compile_reader, env
from terminal import Terminal

from reader.demo.catalog import stories
from reader.demo.server import DemoServer
from reader.models import Edition
from reader.serialize import PARSER_VERSION
from reader.site.urls import DEFAULT_BASE_URL, news_list_url
from reader.store.cache import FILE_NAME, PageStore
from reader.store.search import SearchIndex, index_path_for

QUERIES = ("НАТО", "Зеленський", "ППО", "енерго", "air defence", "Rutte", "россия", "Київ")
SWITCH_KEYS = {Edition.UK: "1", Edition.RU: "2", Edition.EN: "3"}


def reader_command() -> str:
    found = shutil.which("pravda-reader")
    return found or str(Path(sys.executable).with_name("pravda-reader"))


def stored_lists(folder: Path) -> dict[Edition, list[dict[str, object]]]:
    """Each edition's stored recent-news list, newest first, as its JSON items."""
    with PageStore(folder / "cache" / FILE_NAME) as store:
        return {
            edition: json.loads(
                store.get_parsed(
                    news_list_url(DEFAULT_BASE_URL, edition), PARSER_VERSION, touch=False
                )
                or "{}"
            ).get("items", [])
            for edition in Edition
        }


def first_words(folder: Path, urls: list[str]) -> dict[str, str]:
    """The opening words of each stored article's first paragraph."""
    found = {}
    with PageStore(folder / "cache" / FILE_NAME) as store:
        for url in urls:
            text = store.get_parsed(url, PARSER_VERSION, touch=False)
            blocks = json.loads(text).get("blocks", []) if text else []
            paragraphs = [b["text"] for b in blocks if b.get("type") == "paragraph" and b["text"]]
            if paragraphs:
                found[url] = " ".join(paragraphs[0].split()[:3])
    return found


def article_pane(screen: str) -> Callable[[str], str]:
    """A function that cuts the article pane's columns out of a screen (between the list
    pane's right border and the related pane's left one, as first painted)."""
    top = screen.splitlines()[1]
    left = top.index("╮") + 1
    right = top.index("╭", top.index("╭", left) + 1)

    def cut(text: str) -> str:
        return "\n".join(line[left:right] for line in text.splitlines())

    return cut


def has_list(titles: list[str]) -> Callable[[str], bool]:
    prefixes = [title[:18] for title in titles]
    return lambda screen: any(prefix in screen for prefix in prefixes)


def wait_for_list(term: Terminal, items: list[dict[str, object]], settle: float) -> None:
    """Until the list's first rows are on screen, then until the start-up work is done."""
    term.wait_for(has_list([str(item["title"]) for item in items[:6]]), term.started)
    term.settle(settle)


def open_rows(
    term: Terminal,
    items: list[dict[str, object]],
    words: dict[str, str],
    opens: int,
) -> list[float]:
    """Down then Enter row by row (the first row is highlighted at start), timing Enter on the
    rows whose words are known."""
    cut = article_pane(term.text())
    times: list[float] = []
    for index, item in enumerate(items):
        if len(times) >= opens:
            break
        if index:
            term.press("down", lambda screen: True)
        awaited = words.get(str(item["url"]))
        if awaited is None or awaited in cut(term.text()):
            continue  # unknown, or already on screen (so its arrival could not be seen)
        times.append(term.press("enter", lambda screen, w=awaited: w in cut(screen)))
    return times


def store_figures(folder: Path, opens: int, switches: int) -> dict[str, list[float]]:
    lists = stored_lists(folder)
    edition = Edition.UK  # the corpus config's default
    items = lists[edition]
    words = first_words(folder, [str(item["url"]) for item in items[: opens * 2]])
    environ = os.environ | env(folder)
    figures = {}
    with Terminal([reader_command(), "--offline"], environ) as term:
        wait_for_list(term, items, 1.5)  # 1.5 s: the start-up index check
        figures["article from the store"] = open_rows(term, items, words, opens)
    with Terminal([reader_command(), "--offline"], environ) as term:
        wait_for_list(term, items, 1.5)
        order = [Edition.RU, Edition.EN, Edition.UK]
        times = []
        for n in range(switches):
            wanted = order[n % 3]
            titles = [str(i["title"]) for i in lists[wanted][:6]]
            times.append(term.press(SWITCH_KEYS[wanted], has_list(titles)))
        figures["edition switch"] = times
    return figures


def demo_figures(opens: int) -> list[float]:
    """Articles fetched from the local demo server into an empty store, edition by edition
    (each from a fresh store) until `opens` are timed."""
    served = {DEFAULT_BASE_URL + path for s in stories() for path in s.editions.values()}
    times: list[float] = []
    for edition in Edition:
        if len(times) >= opens:
            break
        with tempfile.TemporaryDirectory() as empty, DemoServer() as server:
            environ = os.environ | env(Path(empty))
            base = ["--base-url", server.base_url, "--lang", edition.value]
            listed = subprocess.run(
                [reader_command(), "news", "--json", *base],
                env=environ,
                capture_output=True,
                text=True,
                check=True,
            )
            items = json.loads(listed.stdout)["items"]
            with Terminal([reader_command(), *base], environ) as term:
                wait_for_list(term, items, 1.0)
                # The article pane opens with the title: the list's title, the same words.
                words = {
                    str(i["url"]): " ".join(str(i["title"]).split()[:4])
                    for i in items
                    if i["url"] in served
                }
                times += open_rows(term, items, words, opens - len(times))
    return times


def search_times(folder: Path, repeat: int = 20) -> dict[str, tuple[float, int]]:
    found = {}
    with SearchIndex(index_path_for(folder / "cache" / FILE_NAME)) as index:
        for query in QUERIES:
            times = []
            for _ in range(repeat):
                start = perf_counter()
                hits = index.search(query, limit=50)
                times.append(perf_counter() - start)
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
            start = perf_counter()
            rows = conn.execute(
                "SELECT guid, title, author, url, pubDate, length(content), unread, feedurl"
                " FROM rss_item WHERE (title LIKE ?1 OR content LIKE ?1) AND feedurl = ?2"
                " ORDER BY pubDate DESC, id DESC",
                (f"%{query}%", feed),
            ).fetchall()
            times.append(perf_counter() - start)
        found[query] = (statistics.median(times), len(rows))
    conn.close()
    return found


def _ms(values: list[float]) -> str:
    median = statistics.median(values) * 1000
    return (
        f"median {median:6.1f} ms  (n={len(values)}, min {min(values) * 1000:.0f},"
        f" max {max(values) * 1000:.0f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "corpus")
    parser.add_argument("--opens", type=int, default=30)
    parser.add_argument("--switches", type=int, default=30)
    args = parser.parse_args()
    compile_reader()
    folder = args.corpus.resolve()
    if not (folder / "corpus.json").exists():
        print(f"making the corpus in {folder} ...", flush=True)
        build(folder)

    rows: list[tuple[str, str]] = []
    figures = store_figures(folder, args.opens, args.switches)
    rows.append(
        ("key press to article painted, from the store", _ms(figures["article from the store"]))
    )
    rows.append(("key press to article painted, demo server", _ms(demo_figures(args.opens))))
    rows.append(("edition switch, list stored", _ms(figures["edition switch"])))
    ours = search_times(folder)
    rows.append(("full-text search per query (SearchIndex)", _ms([t for t, _ in ours.values()])))
    theirs = newsboat_search_times(folder)
    if theirs is not None:
        rows.append(("newsboat's search query (its SQL)", _ms([t for t, _ in theirs.values()])))

    print(f"\npravda-reader in a 120x40 pseudo-terminal, corpus {folder}")
    for what, figure in rows:
        print(f"{what:48} {figure}")
    print("\nsearch per query (median of 20; hits, at most 50):")
    for query, (seconds, hits) in ours.items():
        other = ""
        if theirs is not None:
            other = f"   newsboat {theirs[query][0] * 1000:7.1f} ms, {theirs[query][1]} items"
        print(f"  {query:14} {seconds * 1000:6.1f} ms, {hits:3} hits{other}")


if __name__ == "__main__":
    main()
