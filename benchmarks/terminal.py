"""A program in a pseudo-terminal, its screen kept by a terminal emulator (pyte), for timing
key press to paint the way a user sees it: the key's bytes are written to the terminal and the
clock stops when the bytes that put the awaited text on screen have been read.

Reading is done in bursts: everything the program has written is read before any of it is fed
to the emulator, and a burst's time is that of its last read, so the emulator's own speed does
not count in a figure (a frame is written in one go; its last byte is when it is complete).
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence

import pyte

KEYS = {
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "enter": b"\r",
    "tab": b"\t",
    "escape": b"\x1b",
    "backspace": b"\x7f",
}


class Terminal:
    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        size: tuple[int, int] = (120, 40),
    ) -> None:
        cols, rows = size
        self.started = time.perf_counter()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLORTERM": "truecolor"},
            start_new_session=True,
        )
        os.close(slave)
        self.fd = master
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def _burst(self, wait: float) -> float | None:
        """Read all that is written within `wait` seconds and then without a pause; feed it to
        the screen; the time of the last read, or None when nothing came (or can come)."""
        if not select.select([self.fd], [], [], wait)[0]:
            return None
        chunks = []
        last = time.perf_counter()
        while select.select([self.fd], [], [], 0.002)[0]:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:  # the program ended
                break
            if not chunk:
                break
            chunks.append(chunk)
            last = time.perf_counter()
        if not chunks:  # the program has ended: nothing more will come
            return None
        self.stream.feed(b"".join(chunks))
        return last

    def wait_for(self, done: Callable[[str], bool], since: float, timeout: float = 20.0) -> float:
        """Seconds from `since` until the screen satisfies `done`."""
        deadline = since + timeout
        if done(self.text()):
            return 0.0
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError("the awaited text never reached the screen:\n" + self.text())
            last = self._burst(remaining)
            if last is not None and done(self.text()):
                return last - since

    def settle(self, quiet: float = 0.15) -> None:
        """Read until the program has written nothing for `quiet` seconds."""
        while self._burst(quiet) is not None:
            pass

    def press(self, key: str, done: Callable[[str], bool], timeout: float = 20.0) -> float:
        """Settle, write the key, and time it until the screen satisfies `done`."""
        self.settle()
        data = KEYS.get(key, key.encode())
        start = time.perf_counter()
        os.write(self.fd, data)
        return self.wait_for(done, start, timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
