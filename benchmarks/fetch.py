"""Fetching from the local demo server over real sockets: cold fetches, revalidations, store
hits, and many articles at once under the per-host limit.

    python benchmarks/fetch.py [--rounds N] [--fetches N] [--concurrency N] [--max-per-host N]

Everything runs in this one process: the demo server answers from a background thread, the
real `Fetcher` (and `Service`, for the lines that include parsing) from one asyncio loop. The
store is a SQLite file in a temporary folder, never the user's cache. See README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reader.demo.catalog import FIXTURE_TODAY, SITE_ROOT, feeds, lists, stories
from reader.demo.server import DemoServer
from reader.net.client import ClientSettings, Fetched, Fetcher
from reader.service import Loaded, Service, Source
from reader.site.urls import DEFAULT_BASE_URL
from reader.store.cache import PageStore
from reader.store.paths import CACHE_DIR_ENV


@dataclass(frozen=True, slots=True)
class Row:
    phase: str
    requests: int
    seconds: float  # wall time the timed calls took
    latencies_ns: list[int]
    check: str  # what was verified, or what went wrong


@dataclass(frozen=True, slots=True)
class ServicePage:
    path: str
    load: Callable[[Service], Awaitable[Loaded[Any]]]


def fixture_paths() -> list[str]:
    """Every page the demo site serves from a file, as a URL path."""
    paths = []
    for file in sorted(SITE_ROOT.rglob("index.*")):
        folder = "/" + file.parent.relative_to(SITE_ROOT).as_posix()
        if file.name in ("index.html", "index.xml"):
            paths.append(folder + "/")
        elif file.name == "index.amp":
            paths.append(f"{folder}/index.amp")
    return paths


def service_pages() -> list[ServicePage]:
    """Every article, list, tag page and feed, each through the Service call that asks for it."""
    pages: list[ServicePage] = []
    for story in stories():
        for path in story.editions.values():
            pages.append(ServicePage(path, partial(Service.article, url=DEFAULT_BASE_URL + path)))
    for listing in lists():
        edition = listing.edition
        if listing.tag is not None:
            load = partial(Service.tag, edition=edition, slug=listing.tag)
            pages.append(ServicePage(listing.path, load))
        elif listing.path == f"{edition.prefix}/news/":
            pages.append(ServicePage(listing.path, partial(Service.news, edition=edition)))
        elif listing.day is not None:
            load = partial(Service.news_for_day, edition=edition, day=listing.day)
            pages.append(ServicePage(listing.path, load))
    for feed in feeds():
        load = partial(Service.feed, edition=feed.edition, name=feed.name)
        pages.append(ServicePage(feed.path, load))
    return pages


# -- phases ------------------------------------------------------------------------------------


async def timed(calls: Sequence[Callable[[], Awaitable[object]]]) -> tuple[list[int], list[object]]:
    """Run the calls one after another; their latencies and results."""
    latencies: list[int] = []
    results: list[object] = []
    for call in calls:
        start = time.perf_counter_ns()
        results.append(await call())
        latencies.append(time.perf_counter_ns() - start)
    return latencies, results


def fetch_calls(
    fetcher: Fetcher, paths: list[str], *, revalidate: bool = True
) -> list[Callable[[], Awaitable[Fetched]]]:
    return [partial(fetcher.get, DEFAULT_BASE_URL + path, revalidate=revalidate) for path in paths]


async def fetcher_phases(
    server: DemoServer,
    store: PageStore,
    paths: list[str],
    rounds: int,
    settings: ClientSettings,
) -> list[Row]:
    rows: list[Row] = []
    async with Fetcher(settings, store) as fetcher:
        await timed(fetch_calls(fetcher, paths))  # warm-up: connections, the server's cache

        def fresh(result: object) -> bool:
            return isinstance(result, Fetched) and result.status == 200 and not result.from_store

        latencies: list[int] = []
        good = 0
        before = len(server.requests)
        for _ in range(rounds):
            store.clear()
            took, results = await timed(fetch_calls(fetcher, paths))
            latencies += took
            good += sum(map(fresh, results))
        answered = [record.status for record in list(server.requests)[before:]]
        check = _expect(good, len(latencies), "200 from the network", answered.count(200))
        rows.append(_row("Fetcher: cold (empty store)", latencies, check))

        latencies, good = [], 0
        before = len(server.requests)
        for _ in range(rounds):
            took, results = await timed(fetch_calls(fetcher, paths))
            latencies += took
            good += sum(isinstance(r, Fetched) and r.not_modified for r in results)
        answered = [record.status for record in list(server.requests)[before:]]
        check = _expect(good, len(latencies), "304 Not Modified", answered.count(304))
        rows.append(_row("Fetcher: revalidation (304)", latencies, check))

        latencies, good = [], 0
        before = len(server.requests)
        for _ in range(rounds * 4):
            took, results = await timed(fetch_calls(fetcher, paths, revalidate=False))
            latencies += took
            good += sum(isinstance(r, Fetched) and r.from_store for r in results)
        check = _expect(good, len(latencies), "from the store")
        if len(server.requests) != before:
            check += f"; {len(server.requests) - before} reached the server  <-- UNEXPECTED"
        rows.append(_row("Fetcher: store hit", latencies, check))
    return rows


async def service_phases(
    server: DemoServer,
    store: PageStore,
    pages: list[ServicePage],
    rounds: int,
    settings: ClientSettings,
) -> list[Row]:
    rows: list[Row] = []
    async with Fetcher(settings, store) as fetcher:
        online = Service(fetcher, base_url=settings.base_url)
        offline = Service(fetcher, base_url=settings.base_url, offline=True)
        phases = (
            ("Service: cold, fetch+parse+store", online, Source.NETWORK, True),
            ("Service: revalidated (304)+parse", online, Source.REVALIDATED, False),
            ("Service: offline (store only)", offline, Source.STORE, False),
        )
        await timed([partial(page.load, online) for page in pages])  # warm-up
        for name, service, source, clear in phases:
            latencies: list[int] = []
            good = 0
            for _ in range(rounds):
                if clear:
                    store.clear()
                calls = [partial(page.load, service) for page in pages]
                took, results = await timed(calls)
                latencies += took
                good += sum(isinstance(r, Loaded) and r.source is source for r in results)
            check = _expect(good, len(latencies), f"source {source}")
            if clear:  # each Service call asked for its own page
                unasked = [page.path for page in pages if server.count(page.path) < rounds]
                check += f"; not requested: {unasked}  <-- UNEXPECTED" if unasked else ""
            rows.append(_row(name, latencies, check))
    return rows


async def concurrent_phase(
    server: DemoServer,
    articles: list[str],
    fetches: int,
    concurrency: int,
    settings: ClientSettings,
) -> Row:
    # No store: every one of the fetches is a full 200 over the network.
    async with Fetcher(settings, None) as fetcher:
        await timed(fetch_calls(fetcher, articles[:1]))  # warm-up
        await _settle(server, fetcher_connections=1)
        server.reset_gauges()
        gate = asyncio.Semaphore(concurrency)
        latencies: list[int] = []

        async def one(path: str) -> bool:
            async with gate:
                start = time.perf_counter_ns()
                result = await fetcher.get(DEFAULT_BASE_URL + path)
                latencies.append(time.perf_counter_ns() - start)
                return result.status == 200 and not result.from_store

        start = time.perf_counter()
        results = await asyncio.gather(*(one(articles[n % len(articles)]) for n in range(fetches)))
        seconds = time.perf_counter() - start
        limit = settings.max_per_host
        check = _expect(sum(results), fetches, "200")
        verdict = "ok" if server.peak_connections <= limit else "EXCEEDED"
        check += (
            f"; server-side peak: {server.peak_connections} connections open, "
            f"{server.peak_in_progress} requests in progress (max_per_host {limit}: {verdict})"
        )
        name = f"Fetcher: {fetches} articles, {concurrency} at once"
        return Row(name, fetches, seconds, latencies, check)


async def _settle(server: DemoServer, fetcher_connections: int) -> None:
    """Wait (briefly) until the connections of earlier clients have been closed server-side."""
    deadline = time.monotonic() + 2.0
    while server.open_connections > fetcher_connections and time.monotonic() < deadline:
        await asyncio.sleep(0.01)


def _expect(good: int, total: int, what: str, server_count: int | None = None) -> str:
    """`good` of `total` calls gave `what`; `server_count`: how many the server answered so."""
    text = f"{good}/{total} {what}"
    if server_count is not None and server_count != total:
        text += f" (the server answered {server_count} so)"
    elif good == total:
        return text
    return text + "  <-- UNEXPECTED"


def _row(phase: str, latencies: list[int], check: str) -> Row:
    return Row(phase, len(latencies), sum(latencies) / 1e9, latencies, check)


def _p90(samples: list[int]) -> int:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def print_table(rows: list[Row]) -> None:
    header = f"{'phase':40} {'requests':>8} {'req/s':>8} {'median ms':>10} {'p90 ms':>8}  check"
    print(header)
    print("-" * len(header))
    for row in rows:
        rate = row.requests / row.seconds if row.seconds else float("inf")
        median = statistics.median(row.latencies_ns) / 1e6
        print(
            f"{row.phase:40} {row.requests:8} {rate:8.0f} {median:10.3f} "
            f"{_p90(row.latencies_ns) / 1e6:8.3f}  {row.check}"
        )


async def run(args: argparse.Namespace, folder: Path) -> list[Row]:
    paths = fixture_paths()
    pages = service_pages()
    articles = [path for story in stories() for path in story.editions.values()]
    rows: list[Row] = []
    server = DemoServer(today=FIXTURE_TODAY)  # fixture paths are then the URLs
    with server, PageStore(folder / "pages.sqlite3") as store:
        settings = ClientSettings(base_url=server.base_url, max_per_host=args.max_per_host)
        rows += await fetcher_phases(server, store, paths, args.rounds, settings)
        rows += await service_phases(server, store, pages, args.rounds, settings)
        rows.append(
            await concurrent_phase(server, articles, args.fetches, args.concurrency, settings)
        )
    print(
        f"{len(paths)} fixture pages ({len(pages)} through the Service, "
        f"{len(articles)} articles for the concurrent run); {args.rounds} rounds each "
        f"(store hits: {args.rounds * 4}); python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs"
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=10, help="passes over all pages (10)")
    parser.add_argument("--fetches", type=int, default=200, help="concurrent-run fetches (200)")
    parser.add_argument("--concurrency", type=int, default=16, help="fetches at once (16)")
    parser.add_argument("--max-per-host", type=int, default=4, help="client limit (4)")
    args = parser.parse_args(argv)
    args.rounds = max(1, args.rounds)
    with tempfile.TemporaryDirectory(prefix="pravda-reader-bench-") as folder:
        # Anything that asks for the cache folder gets the temporary one, not the user's.
        os.environ[CACHE_DIR_ENV] = folder
        started = time.perf_counter()
        rows = asyncio.run(run(args, Path(folder)))
        print_table(rows)
        print(f"total {time.perf_counter() - started:.1f} s")
    return 1 if any("UNEXPECTED" in row.check or "EXCEEDED" in row.check for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
