"""Where start-up time goes (`pravda-reader --profile-start`): marks taken on the way to the
first painted list, printed as a table once it is on screen. No Textual here: the marks start
before the interface is imported."""

from __future__ import annotations

import os
import time
from pathlib import Path

_marks: list[tuple[str, float]] = []


def _process_age() -> float | None:
    """Seconds since this process started (Linux), None where that cannot be known."""
    try:
        fields = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def start() -> None:
    """Begin: the first mark is how long the interpreter and the command took to get here."""
    now = time.perf_counter()
    age = _process_age()
    _marks.clear()
    _marks.append(("process started", now - age if age is not None else now))
    _marks.append(("python and the command line ready", now))


def mark(what: str) -> None:
    """A step done, if profiling (marks after `report` are dropped)."""
    if _marks:
        _marks.append((what, time.perf_counter()))


def active() -> bool:
    return bool(_marks)


def report() -> str:
    """The marks as a table: time since the step before, time since the process started."""
    if not _marks:
        return ""
    first = _marks[0][1]
    lines = [f"{'step':52} {'took':>9} {'at':>9}"]
    previous = first
    for what, at in _marks[1:]:
        lines.append(f"{what:52} {(at - previous) * 1000:7.1f}ms {(at - first) * 1000:7.1f}ms")
        previous = at
    _marks.clear()
    return "\n".join(lines)
