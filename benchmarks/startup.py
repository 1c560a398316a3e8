"""Start-up to the first painted list rows in a real terminal, and peak memory, for the reader,
a minimal Textual app (the floor) and newsboat, on the corpus of benchmarks/corpus.py.

    python benchmarks/startup.py [--corpus FOLDER] [--runs N] [--hour N] [--no-newsboat]

Each program runs in a detached tmux session of 120x40; `tmux capture-pane -p` is polled every
10 ms from the moment the session is asked for until a row of the corpus is on screen: for the
reader and the floor a line with an HH:MM time and one of the newest titles, for newsboat the
same titles in its article list. newsboat opens on its feed list, so it is timed to the feed
line (its item count shown means every item is loaded), then Enter is sent and it is timed on
to the article list: its figure is the sum. The corpus folder is made (benchmarks/corpus.py)
when it does not exist.

Memory is read from /proc/<pid>/status of the program (VmRSS, VmHWM = peak RSS) after the
first paint and, for the reader, after `--hour` rounds of use typed into it through tmux
(down, Enter to open the article, 3 and 1 to switch edition, with a pause each).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build, compile_reader, env

from reader.models import Edition
from reader.serialize import PARSER_VERSION
from reader.site.urls import DEFAULT_BASE_URL, news_list_url
from reader.store.cache import FILE_NAME, PageStore

SESSION = "pravda-bench"
POLL = 0.010
TIMEOUT = 30.0
_HHMM = re.compile(r"\b\d\d:\d\d\b")

FLOOR_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Static

ROWS = {rows!r}


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("\\n".join(ROWS))


Floor().run()
"""


def newest_titles(folder: Path) -> dict[Edition, list[str]]:
    """The first rows of each edition's stored recent-news list."""
    found = {}
    with PageStore(folder / "cache" / FILE_NAME) as store:
        for edition in Edition:
            text = store.get_parsed(news_list_url(DEFAULT_BASE_URL, edition), PARSER_VERSION)
            items = json.loads(text or "{}").get("items", [])
            found[edition] = [(item.get("time") or "", item["title"]) for item in items[:10]]
    return {edition: [title for _, title in rows] for edition, rows in found.items()}


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def _start(command: str, environ: dict[str, str]) -> None:
    _tmux("kill-session", "-t", SESSION)
    flags = [f"-e{key}={value}" for key, value in environ.items()]
    _tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", *flags, f"exec {command}")


def _pid() -> int:
    return int(_tmux("list-panes", "-t", SESSION, "-F", "#{pane_pid}").split()[0])


def _wait(seen: Callable[[str], bool], since: float) -> float:
    """Seconds from `since` until the screen satisfies `seen`."""
    while time.perf_counter() - since < TIMEOUT:
        screen = _tmux("capture-pane", "-p", "-t", SESSION)
        if seen(screen):
            return time.perf_counter() - since
        time.sleep(POLL)
    raise TimeoutError(_tmux("capture-pane", "-p", "-t", SESSION))


def _row_of(titles: list[str], *, timed: bool) -> Callable[[str], bool]:
    prefixes = [t[:20] for t in titles]

    def seen(screen: str) -> bool:
        return any(
            p in line and (not timed or _HHMM.search(line))
            for line in screen.splitlines()
            for p in prefixes
        )

    return seen


def _memory(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def _settle(pid: int, seconds: float = 1.5) -> tuple[float, float]:
    time.sleep(seconds)  # background work after the first paint (index sync, stored lists)
    return _memory(pid)


def time_reader(folder: Path, environ: dict[str, str], titles: list[str], runs: int) -> dict:
    reader = shutil.which("pravda-reader") or str(Path(sys.executable).with_name("pravda-reader"))
    times, peaks = [], []
    for _ in range(runs):
        since = time.perf_counter()
        _start(f"{reader} --offline", environ)
        times.append(_wait(_row_of(titles, timed=True), since))
        peaks.append(_settle(_pid())[1])
        _tmux("kill-session", "-t", SESSION)
    return {"times": times, "peak_mb": peaks}


def hour_of_use(environ: dict[str, str], titles: list[str], rounds: int) -> dict:
    reader = shutil.which("pravda-reader") or str(Path(sys.executable).with_name("pravda-reader"))
    _start(f"{reader} --offline", environ)
    _wait(_row_of(titles, timed=True), time.perf_counter())
    pid = _pid()
    start = _settle(pid)
    path: list[float] = []  # RSS every 100 rounds
    for n in range(rounds):
        for keys in ("Down", "Enter", "3", "1"):
            _tmux("send-keys", "-t", SESSION, keys)
            time.sleep(0.05)
        if n % 50 == 49:  # now and then back to the list pane and further down it
            _tmux("send-keys", "-t", SESSION, "BSpace")
        if n % 100 == 99:
            path.append(_memory(pid)[0])
    end = _settle(pid)
    alive = Path(f"/proc/{pid}").exists()
    _tmux("kill-session", "-t", SESSION)
    return {"rounds": rounds, "start": start, "end": end, "alive": alive, "path": path}


def time_floor(environ: dict[str, str], titles: list[str], runs: int, work: Path) -> dict:
    script = work / "floor.py"
    script.write_text(FLOOR_APP.format(rows=[f"23:59  {t}" for t in titles]))
    times, peaks = [], []
    for _ in range(runs):
        since = time.perf_counter()
        _start(f"{sys.executable} {script}", environ)
        times.append(_wait(_row_of(titles, timed=True), since))
        peaks.append(_settle(_pid(), 0.3)[1])
        _tmux("kill-session", "-t", SESSION)
    return {"times": times, "peak_mb": peaks}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def time_newsboat(folder: Path, environ: dict[str, str], titles: list[str], runs: int) -> dict:
    newsboat = shutil.which("newsboat")
    if newsboat is None:
        return {"error": "newsboat is not installed (apt-get install newsboat)"}
    work = folder / "newsboat"
    work.mkdir(exist_ok=True)
    handler = partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls, cache, config = work / "urls", work / "cache.db", work / "config"
    config.write_text("auto-reload no\nshow-read-feeds yes\n")
    base = f"{newsboat} -u {urls} -c {cache} -C {config}"
    try:
        # The timed starts do not fetch (auto-reload is off), but the cache is keyed by the
        # feed's URL: it is filled once, from this run's port, and that URL is kept.
        if not cache.exists():
            urls.write_text(f"http://127.0.0.1:{server.server_address[1]}/feed.xml\n")
            subprocess.run(f"{base} -x reload", shell=True, check=True, env=os.environ | environ)
        feed_line = re.compile(r"\(\d+/\d+")  # "(unread/total)", cut short in narrow columns
        to_feed, to_items, peaks = [], [], []
        for _ in range(runs):
            since = time.perf_counter()
            _start(base, environ)
            first = _wait(lambda s: "Pravda corpus" in s and bool(feed_line.search(s)), since)
            opened = time.perf_counter()
            _tmux("send-keys", "-t", SESSION, "Enter")
            to_items.append(_wait(_row_of(titles, timed=False), opened))
            to_feed.append(first)
            peaks.append(_settle(_pid(), 0.3)[1])
            _tmux("kill-session", "-t", SESSION)
    finally:
        server.shutdown()
    totals = [a + b for a, b in zip(to_feed, to_items, strict=True)]
    return {"times": totals, "to_feed": to_feed, "to_items": to_items, "peak_mb": peaks}


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms (min {min(values) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "corpus")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--hour", type=int, default=600, help="rounds of use (0: skip)")
    parser.add_argument("--no-newsboat", action="store_true")
    args = parser.parse_args()
    compile_reader()
    folder = args.corpus.resolve()
    if not (folder / "corpus.json").exists():
        print(f"making the corpus in {folder} ...", flush=True)
        build(folder)
    environ = env(folder) | {"LANG": "C.UTF-8", "TERM": "xterm-256color"}
    titles = newest_titles(folder)
    every = [t for ts in titles.values() for t in ts]
    results = {
        "pravda-reader --offline": time_reader(folder, environ, titles[Edition.UK], args.runs)
    }
    with tempfile.TemporaryDirectory() as work:
        results["minimal Textual app"] = time_floor(environ, every[:30], args.runs, Path(work))
    if not args.no_newsboat:
        results["newsboat"] = time_newsboat(folder, environ, every, args.runs)
    print(f"\nstart to first painted list rows, tmux 120x40, median of {args.runs}")
    print(f"{'program':28} {'median':>25} {'peak RSS (VmHWM)':>18}")
    for name, result in results.items():
        if "error" in result:
            print(f"{name:28} {result['error']}")
            continue
        print(f"{name:28} {_ms(result['times']):>25} {max(result['peak_mb']):15.1f} MB")
        if "to_feed" in result:
            print(f"{'  of which: to feed list':28} {_ms(result['to_feed']):>25}")
            print(f"{'  of which: Enter to items':28} {_ms(result['to_items']):>25}")
    if args.hour:
        hour = hour_of_use(environ, titles[Edition.UK], args.hour)
        (rss0, hwm0), (rss1, hwm1) = hour["start"], hour["end"]
        print(f"\npravda-reader, {hour['rounds']} rounds of Down, Enter, 3, 1 typed in tmux:")
        print(f"  after first paint: RSS {rss0:.1f} MB, peak {hwm0:.1f} MB")
        print(
            f"  after the rounds:  RSS {rss1:.1f} MB, peak {hwm1:.1f} MB (alive: {hour['alive']})"
        )
        if hour["path"]:
            print("  RSS every 100 rounds: " + ", ".join(f"{mb:.1f}" for mb in hour["path"]))


if __name__ == "__main__":
    main()
