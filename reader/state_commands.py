"""The commands on the reader's own data: `search` over stored articles, and `state export` /
`state import` that move bookmarks, read marks and history between machines.

User errors raise reader.headless.CommandError (one line on stderr, exit code 1).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from reader.config import load_config
from reader.headless import CommandError, resolve_base_url, warn
from reader.models import Edition
from reader.service import store_path_for
from reader.site.dates import KYIV
from reader.site.urls import DEFAULT_BASE_URL
from reader.store.cache import PageStore, StoreError
from reader.store.keep import pin_bookmarks
from reader.store.search import SearchError, SearchHit, SearchIndex, index_path_for, query_words
from reader.store.state import StateError, StateStore, default_path
from reader.store.state_file import StateFileError

_ANNOUNCE_AT = 50  # tell on stderr when a sync has this many pages to parse


def _pages_path(args: argparse.Namespace) -> Path:
    if args.demo:
        return store_path_for(DEFAULT_BASE_URL, demo=True)
    config, _ = load_config()
    return store_path_for(resolve_base_url(args.base_url, config))


def _open_pages(path: Path) -> PageStore | None:
    """The page store at `path` when there is one (never creates it)."""
    if not path.exists():
        return None
    try:
        pages = PageStore(path)
    except StoreError as exc:
        warn(str(exc))
        return None
    for warning in pages.warnings:
        warn(warning)
    return pages


# --------------------------------------------------------------------------- search


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    if not query_words(query):
        raise CommandError(f"nothing to search for in {query!r}: it has no letters or digits")
    pages_path = _pages_path(args)
    try:
        index = SearchIndex(index_path_for(pages_path))
    except SearchError as exc:
        raise CommandError(str(exc)) from None
    with index:
        pages = _open_pages(pages_path)
        if pages is not None:
            with pages:
                index.sync_from(pages, _announce)
        for warning in index.warnings:
            warn(warning)
        hits = index.search(query, Edition(args.lang) if args.lang else None, args.limit)
        if not hits and not args.json:
            stored = index.count()
            warn(
                f"no stored article has all of {query!r} (searched {stored} stored articles;"
                " articles are stored as they are read)"
            )
    if args.json:
        print(json.dumps([hit_to_json(hit) for hit in hits], ensure_ascii=False, indent=2))
    else:
        sys.stdout.write("".join(hit_to_text(hit) for hit in hits))
    return 0


def _announce(done: int, total: int) -> None:
    if done == 0 and total >= _ANNOUNCE_AT:
        warn(f"indexing {total} stored articles for search…")


def hit_to_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "url": hit.url,
        "title": hit.title,
        "edition": hit.edition.value,
        "published": hit.published.isoformat() if hit.published else None,
        "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.highlights],
        "title_highlights": [list(span) for span in hit.title_highlights],
    }


def hit_to_text(hit: SearchHit) -> str:
    when = hit.published.astimezone(KYIV).strftime("%Y-%m-%d %H:%M") if hit.published else ""
    return f"{when:16}  {hit.edition.value}  {hit.title}\n    {hit.url}\n    {hit.snippet}\n\n"


# ---------------------------------------------------------------------------- state


def run_state(args: argparse.Namespace) -> int:
    try:
        state = StateStore(default_path(demo=args.demo))
    except StateError as exc:
        raise CommandError(str(exc)) from None
    with state:
        for warning in state.warnings:
            warn(warning)
        if args.action == "export":
            return _export(state, args.file)
        return _import(state, args.file, args.demo)


def _export(state: StateStore, file: str) -> int:
    try:
        data = state.export_json()
    except StateError as exc:
        raise CommandError(str(exc)) from None
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if file == "-":
        sys.stdout.write(text)
        return 0
    try:
        _write_atomically(Path(file), text)
    except OSError as exc:
        raise CommandError(f"cannot write {file}: {exc.strerror or exc}") from None
    counts = f"{len(data['read'])} read marks, {len(data['bookmarks'])} bookmarks"
    print(f"exported {counts} and {len(data['history'])} history entries to {file}")
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Write the whole file or leave what was there: a temporary file renamed over it."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def _import(state: StateStore, file: str, demo: bool) -> int:
    try:
        raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise CommandError(f"cannot read {file}: {reason}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{file} is not JSON ({exc}); nothing was imported") from None
    try:
        report = state.import_json(data)
    except StateFileError as exc:
        raise CommandError(f"{file}: {exc}; nothing was imported") from None
    except StateError as exc:
        raise CommandError(f"{exc}; nothing was imported") from None
    print(f"imported from {file}: {report.summary()}")
    # Imported bookmarks stay offline like the others, in the store of the site they are from.
    pages = _open_pages(store_path_for(DEFAULT_BASE_URL, demo=demo))
    if pages is not None:
        with pages:
            pin_bookmarks(state, pages)
    return 0
