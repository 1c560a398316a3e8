"""The `pravda-reader` command: argument parsing and one function per sub-command.

Each command imports what it needs when it runs, so `parse` never loads Textual or httpx.
Errors end in one line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from reader import __version__

PROG = "pravda-reader"
_SITE = "https://www.pravda.com.ua"
EXIT_OK = 0
EXIT_FAILURE = 1  # something unexpected went wrong
EXIT_USAGE = 2  # bad arguments or an unreadable input file


class UsageError(Exception):
    """Bad arguments or input: reported as one line on stderr with exit code 2."""


@dataclass(frozen=True, slots=True)
class Command:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not usage plus message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# ------------------------------------------------------------------------------- parse


def _parse_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the saved page (HTML or RSS bytes)")
    parser.add_argument("--url", required=True, help="the URL the page was fetched from")
    parser.add_argument("--content-type", help="the HTTP Content-Type it was served with")


def _run_parse(args: argparse.Namespace) -> int:
    from reader.serialize import page_to_json
    from reader.site.pages import parse_page

    url: str = args.url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--url must be an absolute http(s) URL, not {url!r}")
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
    page = parse_page(data, url, content_type=args.content_type)
    _print_json(page_to_json(page))
    return EXIT_OK


def _print_json(data: dict[str, object]) -> None:
    try:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    except UnicodeEncodeError:  # a terminal that cannot show Cyrillic: escaped JSON is still JSON
        print(json.dumps(data, ensure_ascii=True, indent=2))


# ---------------------------------------------------------------------------- commands


def _headless(name: str, module: str = "reader.headless") -> Callable[[argparse.Namespace], int]:
    """A command's runner, imported when it runs (the site commands load httpx)."""

    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        from reader import headless

        try:
            result: int = getattr(import_module(module), f"run_{name}")(args)
        except headless.CommandError as exc:
            _error(str(exc))
            return EXIT_FAILURE
        return result

    return run


# ------------------------------------------------------------------ site commands


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", help=f"where the site is (default {_SITE})")
    parser.add_argument(
        "--demo", action="store_true", help="start the embedded demo site and read from it"
    )
    parser.add_argument("--offline", action="store_true", help="answer from the offline store only")


def add_news_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=["uk", "ru", "en"], default=None, help="edition (uk, ru, en)"
    )
    parser.add_argument("--day", type=_day, help="a past day's list, YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    add_site_arguments(parser)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def add_read_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL", help="an article's address on www.pravda.com.ua")
    parser.add_argument(
        "--format", choices=("text", "md", "json"), default="text", help="output format"
    )
    add_site_arguments(parser)


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("info", "clear"), help="show or empty the store")
    parser.add_argument("--base-url", help="the store of this site address")
    parser.add_argument("--demo", action="store_true", help="the demo site's store")


def add_serve_demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: free)")


# ------------------------------------------------------------ search and state

SEARCH_LIMIT = 20


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def _add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", help="the stored pages of this site address")
    parser.add_argument("--demo", action="store_true", help="the demo site's stored pages")


def add_search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query", metavar="QUERY", nargs="+", help="words to find (the last may be cut short)"
    )
    parser.add_argument("--lang", choices=["uk", "ru", "en"], help="only this edition")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--limit",
        type=_positive,
        default=SEARCH_LIMIT,
        help=f"at most this many results (default {SEARCH_LIMIT})",
    )
    _add_store_arguments(parser)


def add_state_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write bookmarks, read marks and history to a JSON file ('-': standard output)",
    )
    export.add_argument("file", metavar="FILE")
    merge = actions.add_parser(
        "import", help="merge bookmarks, read marks and history from a JSON file made by export"
    )
    merge.add_argument("file", metavar="FILE")
    for sub in (export, merge):
        sub.add_argument("--demo", action="store_true", help="the demo site's state")


COMMANDS: dict[str, Command] = {
    "parse": Command(
        help="parse a saved page and print it as JSON",
        add_arguments=_parse_arguments,
        run=_run_parse,
    ),
    "news": Command(
        help="print an edition's recent-news list",
        add_arguments=add_news_arguments,
        run=_headless("news"),
    ),
    "read": Command(
        help="print an article as text, Markdown or JSON",
        add_arguments=add_read_arguments,
        run=_headless("read"),
    ),
    "cache": Command(
        help="show or empty the offline store",
        add_arguments=add_cache_arguments,
        run=_headless("cache"),
    ),
    "search": Command(
        help="search every stored article",
        add_arguments=add_search_arguments,
        run=_headless("search", "reader.state_commands"),
    ),
    "state": Command(
        help="export or import bookmarks, read marks and history",
        add_arguments=add_state_arguments,
        run=_headless("state", "reader.state_commands"),
    ),
    "serve-demo": Command(
        help="serve the embedded demo site on 127.0.0.1",
        add_arguments=add_serve_demo_arguments,
        run=_headless("serve_demo"),
    ),
}


APP_USAGE = f"{PROG} [--demo] [--offline] [--lang uk|ru|en] [--theme T] [--base-url URL] [URL]"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="A terminal reader for Ukrainska Pravda (www.pravda.com.ua).",
        epilog=f"Without a command it opens the reader: {APP_USAGE}. "
        f"'{PROG} --demo' reads the embedded demo site, with no network.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = subparsers.add_parser(name, help=command.help, description=command.help)
        command.add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        if _opens_the_app(argv):
            return _run_app(argv)
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        return COMMANDS[args.command].run(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version end argparse this way
        return exc.code if isinstance(exc.code, int) else EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): silence the flush at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as exc:  # the promise is one line and an exit code, never a traceback
        _error(f"unexpected error: {type(exc).__name__}: {exc}")
        return EXIT_FAILURE


def _opens_the_app(argv: list[str]) -> bool:
    """No command named: the reader itself (the app's flags and an optional URL)."""
    return not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"))


def _run_app(argv: list[str]) -> int:
    # Start-up builds objects that live as long as the app; the collector would walk them
    # again and again (a full pass alone cost ~20 ms) and free nothing. The app turns it
    # back on once the first list is on screen (ReaderApp._first_list_shown).
    gc.disable()
    if "--profile-start" in argv:
        from reader import startup_profile

        startup_profile.start()  # before the interface is imported: that counts too
    from reader.ui.run import add_arguments, run

    parser = _Parser(prog=PROG, usage=APP_USAGE, description="The terminal reader.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.url is not None and not _is_site_address(args.url):
        known = ", ".join(COMMANDS)
        raise UsageError(f"{args.url!r} is neither a command ({known}) nor an address of the site")
    return run(args)


def _is_site_address(url: str) -> bool:
    from reader.site.urls import kind_of_url

    return url.startswith(("http://", "https://")) and kind_of_url(url) is not None


def _error(message: str) -> None:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
