"""The commands that fetch: `news`, `read`, `cache`, `serve-demo`.

Each resolves where the site is (`--demo`, `--base-url`, PRAVDA_READER_BASE_URL, the config
file, the real site), opens the store, runs one request through the service and prints.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from reader.config import Config, base_url_from, load_config
from reader.models import Article, Edition, NewsList
from reader.net.client import ClientSettings
from reader.net.errors import FetchError
from reader.serialize import page_to_json
from reader.service import Loaded, Service, open_service, store_path_for
from reader.site.urls import DEFAULT_BASE_URL, kind_of_url
from reader.store.cache import PageStore, StoreError
from reader.textformat import article_to_markdown, article_to_text, news_to_text

T = TypeVar("T")
P = TypeVar("P", Article, NewsList)


class CommandError(Exception):
    """A failure the user can act on: one line on stderr, exit code 1."""


@dataclass(frozen=True, slots=True)
class Site:
    base_url: str
    demo: bool
    offline: bool
    config: Config


def warn(message: str) -> None:
    print(f"pravda-reader: {message}", file=sys.stderr)


def resolve_base_url(flag: str | None, config: Config) -> str:
    """--base-url, then the environment, then the config file, then the real site."""
    try:
        return base_url_from(flag, config)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


@contextmanager
def site_for(args: argparse.Namespace) -> Iterator[Site]:
    """The site the arguments name; with --demo, the demo server runs for the duration."""
    config, problems = load_config()
    for problem in problems:
        warn(problem)
    if args.demo:
        from reader.demo.server import DemoServer

        with DemoServer() as server:
            yield Site(server.base_url, True, args.offline, config)
        return
    yield Site(resolve_base_url(args.base_url, config), False, args.offline, config)


def open_store(site: Site) -> PageStore | None:
    try:
        store = PageStore(
            store_path_for(site.base_url, demo=site.demo),
            max_bytes=site.config.cache_max_mb * 1_000_000,
        )
    except StoreError as exc:
        warn(f"{exc}; going on without the offline store")
        return None
    for warning in store.warnings:
        warn(warning)
    return store


def run_with_service(args: argparse.Namespace, work: Callable[[Service], Awaitable[T]]) -> T:
    with site_for(args) as site:
        store = open_store(site)
        settings = ClientSettings(base_url=site.base_url, max_per_host=site.config.max_per_host)

        async def main() -> T:
            async with open_service(
                base_url=site.base_url, offline=site.offline, store=store, settings=settings
            ) as service:
                return await work(service)

        try:
            return asyncio.run(main())
        finally:
            if store is not None:
                store.close()


def report(loaded: Loaded[P]) -> P:
    """The page of a result, telling on stderr when it is an offline copy."""
    if loaded.error is not None:
        warn(f"{loaded.error}; showing the offline copy")
    return loaded.page


@contextmanager
def progress(what: str) -> Iterator[None]:
    """A line on stderr while a fetch runs, when stderr is a terminal."""
    shown = sys.stderr.isatty()
    if shown:
        print(f"fetching {what}…", end="\r", file=sys.stderr, flush=True)
    try:
        yield
    finally:
        if shown:
            print(" " * (len(what) + 12), end="\r", file=sys.stderr, flush=True)


def fetch_or_fail(
    args: argparse.Namespace, what: str, work: Callable[[Service], Awaitable[T]]
) -> T:
    try:
        with progress(what):
            return run_with_service(args, work)
    except FetchError as exc:
        raise CommandError(str(exc)) from None


# ---------------------------------------------------------------------------- news


def run_news(args: argparse.Namespace) -> int:
    edition = Edition(args.lang) if args.lang else load_config()[0].edition
    day: date | None = args.day

    async def work(service: Service) -> Loaded[NewsList]:
        if day is None:
            return await service.news(edition)
        return await service.news_for_day(edition, day)

    news = report(fetch_or_fail(args, f"the {edition.value} news list", work))
    if args.json:
        print(json.dumps(page_to_json(news), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(news_to_text(news))
    return 0


# ---------------------------------------------------------------------------- read


def run_read(args: argparse.Namespace) -> int:
    url: str = args.url
    if kind_of_url(url) is None or not url.startswith(("http://", "https://", "/")):
        raise CommandError(f"not an article address of the site: {url!r}")

    async def work(service: Service) -> Loaded[Article]:
        return await service.article(url)

    article = report(fetch_or_fail(args, url, work))
    if args.format == "json":
        print(json.dumps(page_to_json(article), ensure_ascii=False, indent=2))
    elif args.format == "md":
        sys.stdout.write(article_to_markdown(article))
    else:
        sys.stdout.write(article_to_text(article))
    return 0


# ---------------------------------------------------------------------------- cache


def run_cache(args: argparse.Namespace) -> int:
    config, _ = load_config()
    base_url = DEFAULT_BASE_URL if args.demo else resolve_base_url(args.base_url, config)
    store = open_store(Site(base_url, args.demo, True, config))
    if store is None:
        return 1
    with store:
        if args.action == "clear":
            removed = store.clear()
            print(f"removed {removed} stored pages from {store.path}")
        else:
            info = store.info()
            print(f"store:  {info.path}")
            print(f"pages:  {info.pages}")
            print(
                f"size:   {info.bytes / 1_000_000:.1f} MB of {store.max_bytes / 1_000_000:.0f} MB"
            )
    return 0


# ---------------------------------------------------------------------------- serve-demo


def run_serve_demo(args: argparse.Namespace) -> int:
    from reader.demo.server import serve_forever

    try:
        serve_forever(args.port)
    except OSError as exc:
        raise CommandError(f"cannot serve on port {args.port}: {exc.strerror or exc}") from None
    return 0
