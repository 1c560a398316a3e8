"""Two reader processes on one page store and one state store, and a process killed while it
writes pages: nothing committed is lost and the files stay sound.

(tests/test_state_sigkill.py kills a process writing the state store.)
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reader
from reader.store.cache import PageStore
from reader.store.state import StateStore

ROUNDS = 60  # per process in the two-process test
KILL_AFTER = 150  # pages the killed child reports before the kill
DEADLINE = 10.0  # seconds for a child to get that far
ENV = {**os.environ, "PYTHONPATH": str(Path(reader.__file__).parent.parent)}

# One of two instances: after both have opened the files (it prints "ready" and waits for a
# line on stdin), each round writes its own page, the shared page, a parsed copy, a read mark,
# a bookmark and a visit, and reads back its page of the round before. Any failure, or any
# warning from the page store (which does not raise), is an exit code other than 0.
TWIN = """
import sys
from pathlib import Path
from reader.store.cache import PageStore
from reader.store.state import StateStore

me, rounds = sys.argv[1], int(sys.argv[4])
pages_path, state_path = Path(sys.argv[2]), Path(sys.argv[3])
site = "https://www.pravda.com.ua"
with PageStore(pages_path) as pages, StateStore(state_path) as state:
    print("ready", flush=True)
    sys.stdin.readline()
    for n in range(rounds):
        url = f"{site}/news/2025/01/0{int(me) + 1}/{n}/"
        pages.put(url, f"{me}:{n}".encode() * 200, "text/html", f'"{me}-{n}"', None)
        pages.put(site + "/news/", f"{me}:{n}".encode() * 300, "text/html", None, None)
        pages.put_parsed(url, "article", f'{{"round": {n}}}', 1)
        if n:
            before = pages.get(f"{site}/news/2025/01/0{int(me) + 1}/{n - 1}/")
            assert before is not None and before.content == f"{me}:{n - 1}".encode() * 200, n
        state.mark_read(int(me) * 1_000_000 + n)
        state.toggle_bookmark(url, f"{me} {n}")
        state.opened(url, f"{me} {n}")
    assert pages.warnings == [] and state.warnings == [], (pages.warnings, state.warnings)
print("done", flush=True)
"""

# Writes pages until killed; after each page and its parsed copy are stored, prints the round.
WRITER = """
import sys
from pathlib import Path
from reader.store.cache import PageStore

store = PageStore(Path(sys.argv[1]))
n = 0
while True:
    url = f"https://www.pravda.com.ua/news/2025/01/01/{n}/"
    store.put(url, f"page {n} ".encode() * (50 + n % 400), "text/html", f'"{n}"', None)
    store.put_parsed(url, "article", f'{{"n": {n}}}', 1)
    assert store.warnings == [], store.warnings
    print(n, flush=True)
    n += 1
"""


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_two_processes_share_both_stores_without_loss_or_damage(tmp_path: Path) -> None:
    pages_path, state_path = tmp_path / "pages.sqlite3", tmp_path / "state.sqlite3"
    twins = [
        subprocess.Popen(
            [sys.executable, "-c", TWIN, str(me), str(pages_path), str(state_path), str(ROUNDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for me in (0, 1)
    ]
    try:
        for twin in twins:  # both have the files open before either writes
            assert twin.stdout is not None and twin.stdout.readline() == "ready\n"
        for twin in twins:
            assert twin.stdin is not None
            twin.stdin.write("go\n")
            twin.stdin.flush()
        results = [twin.communicate(timeout=60) for twin in twins]
    finally:
        for twin in twins:
            if twin.poll() is None:
                twin.kill()
    for twin, (out, err) in zip(twins, results, strict=True):
        assert twin.returncode == 0 and out == "done\n", err

    assert _integrity(pages_path) == "ok" and _integrity(state_path) == "ok"
    site = "https://www.pravda.com.ua"
    with PageStore(pages_path) as pages, StateStore(state_path) as state:
        assert pages.warnings == [] and state.warnings == []
        for me in (0, 1):
            for n in range(ROUNDS):
                url = f"{site}/news/2025/01/0{me + 1}/{n}/"
                page = pages.get(url)
                assert page is not None and page.content == f"{me}:{n}".encode() * 200
                assert page.etag == f'"{me}-{n}"'
                assert json.loads(pages.get_parsed(url, 1) or "null") == {"round": n}
                assert state.is_read(me * 1_000_000 + n)
                assert state.is_bookmarked(url)
        shared = pages.get(site + "/news/")
        last = {f"{me}:{ROUNDS - 1}".encode() * 300 for me in (0, 1)}
        assert shared is not None and shared.content in last
        assert len(state.history()) == 2 * ROUNDS


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_page_store_writer_killed_mid_write_loses_nothing_it_committed(tmp_path: Path) -> None:
    path = tmp_path / "pages.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    reported: list[int] = []
    deadline = time.monotonic() + DEADLINE
    try:
        assert child.stdout is not None
        while len(reported) < KILL_AFTER and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break  # the child died on its own
            reported.append(int(line))
    finally:
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate(timeout=5)
    assert child.returncode == -signal.SIGKILL, errors
    reported += [int(line) for line in rest.split()]
    assert reported == list(range(len(reported))) and reported, errors

    assert _integrity(path) == "ok"
    with PageStore(path) as store:
        assert store.warnings == []  # not moved aside as damaged
        for n in reported:
            url = f"https://www.pravda.com.ua/news/2025/01/01/{n}/"
            page = store.get(url)
            assert page is not None and page.etag == f'"{n}"', n
            assert page.content == f"page {n} ".encode() * (50 + n % 400), n
            assert store.get_parsed(url, 1) == f'{{"n": {n}}}', n
        # The page being written when the kill landed is there whole, or not at all.
        cut = store.get(f"https://www.pravda.com.ua/news/2025/01/01/{reported[-1] + 1}/")
        assert cut is None or cut.content == f"page {reported[-1] + 1} ".encode() * (
            50 + (reported[-1] + 1) % 400
        )
