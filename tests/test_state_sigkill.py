"""A process killed with SIGKILL while it writes state loses nothing it saw committed, and leaves
a file that passes SQLite's integrity check."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reader
from reader.store.state import StateStore

BATCH = 20  # read marks per mark_all_read: one transaction, so all or none of them
KILL_AFTER = 200  # rounds the child reports before it is killed
DEADLINE = 4.0  # seconds, for the child to report them

# Each round: a batch of read marks in one transaction, then a bookmark; then the round number
# is printed, so every printed round is committed.
CHILD = f"""
import sys
from pathlib import Path
from reader.store.state import StateStore

store = StateStore(Path(sys.argv[1]))
n = 0
while True:
    store.mark_all_read(range(n * {BATCH} + 1, (n + 1) * {BATCH} + 1))
    store.toggle_bookmark(f"https://www.pravda.com.ua/news/2025/01/01/{{n}}/", f"round {{n}}")
    print(n, flush=True)
    n += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_reported_write_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(Path(reader.__file__).parent.parent)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
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
    # Rounds printed after the kill was decided but before it landed count too.
    reported += [int(line) for line in rest.split()]
    assert reported == list(range(len(reported)))
    assert len(reported) >= 1, errors

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    last = reported[-1]
    with StateStore(path) as store:
        assert store.warnings == []
        for n in range(last + 1):
            batch = range(n * BATCH + 1, (n + 1) * BATCH + 1)
            assert all(store.is_read(story) for story in batch), n
            assert store.is_bookmarked(f"https://www.pravda.com.ua/news/2025/01/01/{n}/"), n
        # The round the kill interrupted is all or nothing.
        cut = range((last + 1) * BATCH + 1, (last + 2) * BATCH + 1)
        assert len({store.is_read(story) for story in cut}) == 1
        assert not store.is_read((last + 2) * BATCH + 1)
