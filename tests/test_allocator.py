"""The allocator's headroom between parses (reader/allocator.py)."""

from __future__ import annotations

import platform
import subprocess
import sys

from reader.allocator import keep_parse_headroom


def test_glibc_takes_the_headroom_once_and_other_c_libraries_are_left_alone() -> None:
    # In a process of its own: the setting and the cache are per process.
    probe = (
        "from reader.allocator import keep_parse_headroom as k\n"
        "print(k(), k(), k.cache_info().misses)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    glibc = platform.libc_ver()[0] == "glibc"
    assert shown == [str(glibc), str(glibc), "1"]


async def test_the_service_asks_for_it_before_its_first_parse() -> None:
    from reader.demo.server import DemoServer
    from reader.models import Article
    from reader.service import open_service

    keep_parse_headroom.cache_clear()
    with DemoServer() as server:
        async with open_service(base_url=server.base_url) as service:
            loaded = await service.article(f"{server.base_url}/eng/news/2025/08/23/7527766/")
    assert isinstance(loaded.page, Article)
    assert keep_parse_headroom.cache_info().misses == 1
