"""The default command, `pravda-reader [--demo] [--offline] [--lang uk|ru|en] [URL]`: the app."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from dataclasses import replace

from reader import startup_profile
from reader.config import Config, base_url_from, load_config
from reader.models import Edition
from reader.service import store_path_for
from reader.site.urls import DEFAULT_BASE_URL
from reader.store.cache import PageStore, StoreError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=[edition.value for edition in Edition], help="the edition to open"
    )
    parser.add_argument("--theme", help="a Textual theme, e.g. textual-light")
    parser.add_argument("--base-url", help=f"where the site is (default {DEFAULT_BASE_URL})")
    parser.add_argument(
        "--offline", action="store_true", help="read only what the offline store holds"
    )
    parser.add_argument(
        "--demo", action="store_true", help="read the embedded demo site (no network needed)"
    )
    parser.add_argument(
        "--profile-start",
        action="store_true",
        help="print where start-up time goes once the list is on screen, then quit",
    )
    parser.add_argument("url", nargs="?", metavar="URL", help="an article or list to open")


def run(args: argparse.Namespace) -> int:
    """Run the reader until the user quits; returns the exit code."""
    startup_profile.mark("reader's modules imported")
    config, problems = load_config()
    config = _with_flags(config, args)
    startup_profile.mark("settings read")
    try:
        base_url = config.base_url if args.demo else base_url_from(args.base_url, config)
    except ValueError as exc:
        print(f"pravda-reader: error: {exc}", file=sys.stderr)
        return 2
    with _site(base_url, demo=args.demo) as (where, demo):
        store, store_problem = _open_store(where, demo, config)
        startup_profile.mark("page store opened")
        try:
            return _run_app(config, where, args, store, tuple(problems), store_problem)
        finally:
            if store is not None:
                store.close()


def _with_flags(config: Config, args: argparse.Namespace) -> Config:
    if args.lang:
        config = replace(config, edition=Edition(args.lang))
    if args.theme:
        config = replace(config, theme=args.theme)
    return config


@contextlib.contextmanager
def _site(base_url: str, *, demo: bool) -> Iterator[tuple[str, bool]]:
    """Where to read from; with --demo the demo server runs in its thread meanwhile."""
    if not demo:
        yield base_url, False
        return
    from reader.demo.server import DemoServer

    with DemoServer() as server:
        yield server.base_url, True


def _open_store(base_url: str, demo: bool, config: Config) -> tuple[PageStore | None, str | None]:
    try:
        store = PageStore(
            store_path_for(base_url, demo=demo), max_bytes=config.cache_max_mb * 1_000_000
        )
    except StoreError as exc:
        return None, str(exc)
    return store, None


def _site_url(url: str | None) -> str | None:
    """A path such as /eng/news/... names a page of the site."""
    if url is not None and url.startswith("/"):
        return DEFAULT_BASE_URL + url
    return url


def _run_app(
    config: Config,
    base_url: str,
    args: argparse.Namespace,
    store: PageStore | None,
    problems: tuple[str, ...],
    store_problem: str | None,
) -> int:
    from reader.store.state import default_path
    from reader.ui.app import ReaderApp

    startup_profile.mark("interface imported (Textual and the app)")
    app = ReaderApp(
        config=config,
        base_url=base_url,
        offline=args.offline,
        store=store,
        state=default_path(demo=args.demo),
        start_url=_site_url(args.url),
        config_problems=problems,
        store_problem=store_problem,
    )
    startup_profile.mark("app built")
    app.run()
    if startup_profile.active():
        print(startup_profile.report(), file=sys.stderr)
    return app.return_code or 0
