"""The fixture site over real HTTP on 127.0.0.1, for the demo and the tests.

Serves reader/demo/site/ under the real URL paths with the headers a site sends (charset,
validators, gzip, keep-alive), moves the fixture day to "today", and injects faults on request.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from fnmatch import fnmatchcase
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import TCPServer
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

from reader.demo.catalog import FIXTURE_TODAY, SITE_ROOT
from reader.demo.dayshift import shift_visible_days
from reader.demo.faults import (
    CLOUDFLARE_PAGE,
    Body,
    Delay,
    Fault,
    GzipBomb,
    Large,
    Redirect,
    Reset,
    Stall,
    Status,
    Truncate,
    WrongCharset,
    gzip_bomb,
    large_chunks,
    status_page,
)
from reader.demo.listed import listed_stories, stand_in_page
from reader.models import Headline
from reader.site.dates import KYIV, today_in_kyiv

__all__ = [
    "FIXTURE_TODAY",
    "SITE_ROOT",
    "Body",
    "Delay",
    "DemoServer",
    "Fault",
    "GzipBomb",
    "Large",
    "Redirect",
    "RequestRecord",
    "Reset",
    "Stall",
    "Status",
    "Truncate",
    "WrongCharset",
    "serve_forever",
]

_GZIP_MIN = 1024
_REQUEST_LOG = 100_000
_IDLE_TIMEOUT = 30.0  # seconds a kept-alive connection may sit idle

# The site's origin in any form a page writes it, also JSON-escaped ("https:\/\/www...").
_ORIGIN = re.compile(rb"(?:https?:)?(//|\\/\\/)www\.pravda\.com\.ua(?![\w-]|\.\w)")
_DATE_TOKEN = re.compile(rb"\bdate_(\d{2})(\d{2})(\d{4})(?!\d)")
_DATE_SEGMENT = re.compile(r"date_(\d{2})(\d{2})(\d{4})")
_STORY_DAY = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})/\d+/")
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_QVALUE = re.compile(r"\bq\s*=\s*([0-9.]+)")

_NOT_FOUND_PAGE = """<!DOCTYPE html>
<html lang="uk">
<head><meta charset="utf-8"><title>404 | Українська правда</title></head>
<body><div class="main_content"><h1>404</h1>
<p>Сторінку не знайдено. Page not found.</p><p><a href="/">Українська правда</a></p>
</div></body>
</html>
""".encode()


@dataclass(frozen=True, slots=True)
class RequestRecord:
    method: str
    path: str  # the request path as sent, without the query string
    headers: dict[str, str] = field(hash=False)  # names lower-cased
    status: int


@dataclass(slots=True)
class _Rule:
    glob: str
    fault: Fault
    times: int | None


@dataclass(frozen=True, slots=True)
class _Entity:
    """One representation of a resource, ready to send identity- or gzip-coded."""

    body: bytes
    content_type: str
    etag: str  # strong, of the identity body; the gzip form gets "-gzip" inside the quotes
    last_modified: datetime | None
    gzipped: bytes | None  # None when the body is too small to be worth compressing


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""


class DemoServer:
    """The demo site on a free port of 127.0.0.1, served from a daemon thread."""

    def __init__(
        self,
        root: Path = SITE_ROOT,
        *,
        today: date | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
        rewrite_origin: bool = False,
    ) -> None:
        self.root = root.resolve()
        self.offset: timedelta = (today if today is not None else today_in_kyiv()) - FIXTURE_TODAY
        self.host = host
        self.port = port
        self.verbose = verbose
        # The app knows pages by their www.pravda.com.ua address and maps it to the base URL
        # itself, so it wants the pages as the site writes them; a browser wants links here.
        self.rewrite_origin = rewrite_origin
        # Bounded, so a long `serve-demo` run does not grow without end.
        self.requests: deque[RequestRecord] = deque(maxlen=_REQUEST_LOG)
        # Gauges for politeness checks: the most connections open and requests answered at once.
        self.peak_connections = 0
        self.peak_in_progress = 0
        self._in_progress = 0
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self._cache: dict[tuple[Path, int, int], _Entity] = {}
        self._stand_ins: dict[str, Headline] | None = None  # see reader/demo/listed.py
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the demo server is not started")
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        if self._httpd is not None:
            raise RuntimeError("the demo server is already started")
        self._stopping.clear()
        self._httpd = _HTTPServer((self.host, self.port), self)
        self.port = int(self._httpd.server_address[1])
        with self._lock:
            self._cache.clear()  # rendered bodies hold the base URL, which may have changed
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},  # stop() waits for one poll
            name=f"demo-server:{self.port}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        self._stopping.set()  # ends injected delays
        httpd.shutdown()
        httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:  # kept-alive connections would otherwise linger
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def inject(self, path_glob: str, fault: Fault, times: int | None = None) -> None:
        """Answer requests whose path matches `path_glob` with `fault`, `times` times (or always).

        Rules apply in the order they were injected: the first live rule that matches wins, so
        `inject(p, Status(503), times=2); inject(p, Status(429))` gives 503, 503, 429, 429...
        """
        with self._lock:
            self._rules.append(_Rule(path_glob, fault, times))

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._connections)

    def reset_gauges(self) -> None:
        """Start the peaks again from what is open and in progress now."""
        with self._lock:
            self.peak_connections = len(self._connections)
            self.peak_in_progress = self._in_progress

    def clear_faults(self) -> None:
        with self._lock:
            self._rules.clear()

    def count(self, path: str) -> int:
        """How many requests were made for `path` (a path, or a full URL on this server)."""
        path = urlsplit(path).path
        with self._lock:
            return sum(1 for record in self.requests if record.path == path)

    # -- one request ---------------------------------------------------------------------------

    def _handle(self, handler: _Handler, method: str) -> None:
        with self._lock:
            self._in_progress += 1
            self.peak_in_progress = max(self.peak_in_progress, self._in_progress)
        try:
            self._answer(handler, method)
        finally:
            with self._lock:
                self._in_progress -= 1

    def _answer(self, handler: _Handler, method: str) -> None:
        path = urlsplit(handler.path).path or "/"
        headers = {name.lower(): value for name, value in handler.headers.items()}
        fault = self._take_fault(path)
        reply = self._reply(path, headers, fault)
        with self._lock:
            self.requests.append(RequestRecord(method, path, headers, reply.status))
        if isinstance(fault, Delay) and self._stopping.wait(fault.seconds):
            handler.close_connection = True
            return
        handler.send_response(reply.status)
        for name, value in reply.headers:
            handler.send_header(name, value)
        handler.end_headers()
        body = b"" if method == "HEAD" else reply.body
        if isinstance(fault, Reset):
            handler.wfile.write(body[: fault.after_bytes])
            handler.wfile.flush()
            # A zero linger time makes close() send RST instead of FIN.
            handler.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            handler.connection.close()
            handler.close_connection = True
        elif isinstance(fault, Truncate):
            handler.wfile.write(body[: int(len(body) * fault.keep_fraction)])
            handler.close_connection = True
        elif isinstance(fault, Stall):
            handler.wfile.write(body[: fault.after_bytes])
            handler.wfile.flush()
            self._stopping.wait(fault.seconds)
            handler.close_connection = True
        elif isinstance(fault, Large) and method != "HEAD":
            handler.close_connection = True
            with contextlib.suppress(OSError):  # the client hangs up once it has enough
                for chunk in large_chunks(fault.size):
                    handler.wfile.write(chunk)
        else:
            handler.wfile.write(body)

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for rule in self._rules:
                if fnmatchcase(path, rule.glob):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self._rules.remove(rule)
                    return rule.fault
        return None

    def _reply(self, path: str, headers: dict[str, str], fault: Fault | None) -> _Reply:
        if isinstance(fault, Status):
            return _error(fault.code, fault.retry_after)
        if isinstance(fault, Redirect):
            location = self._rewrite_origin(fault.location.encode()).decode()
            return _html_reply(302, status_page(302), [("Location", location)])
        if isinstance(fault, Large):  # the body is made while it is sent
            length = ("Content-Length", str(fault.size))
            return _Reply(200, [("Content-Type", "text/html; charset=utf-8"), length])
        if isinstance(fault, GzipBomb):
            return _html_reply(200, gzip_bomb(fault.size), [("Content-Encoding", "gzip")])
        if isinstance(fault, Body):
            entity = _make_entity(fault.data, fault.content_type, None)
        else:
            found = self._resolve(path) or self._stand_in(path)
            if found is None:
                return _error(404)
            if isinstance(found, _Entity):
                entity = found
            elif isinstance(found, str):
                return _html_reply(301, status_page(301), [("Location", found)])
            else:
                try:
                    entity = self._entity(found)
                except OSError:  # removed since it was found
                    return _error(404)
        if isinstance(fault, WrongCharset):
            media_type = entity.content_type.partition(";")[0]
            entity = replace(entity, content_type=f"{media_type}; charset={fault.charset}")
        # A broken transfer is about the body, so it always sends one, plainly coded.
        broken = isinstance(fault, Reset | Truncate | Stall)
        use_gzip = not broken and entity.gzipped is not None and _accepts_gzip(headers)
        etag = entity.etag[:-1] + '-gzip"' if use_gzip else entity.etag
        validators = [("ETag", etag), ("Vary", "Accept-Encoding")]
        if entity.last_modified is not None:
            validators.append(("Last-Modified", format_datetime(entity.last_modified, usegmt=True)))
        if not broken and _not_modified(entity, headers):
            return _Reply(304, validators)
        body = entity.gzipped if use_gzip and entity.gzipped is not None else entity.body
        reply_headers = [("Content-Type", entity.content_type), ("Content-Length", str(len(body)))]
        if use_gzip:
            reply_headers.append(("Content-Encoding", "gzip"))
        return _Reply(200, reply_headers + validators, body)

    def _resolve(self, path: str) -> Path | str | None:
        """The file for a URL path; a str is where to redirect; None means 404."""
        segments = unquote(path).split("/")
        if any(part in (".", "..") or "\\" in part or "\0" in part for part in segments):
            return None
        parts = [self._unshift_segment(part) for part in segments if part]
        folder = self.root.joinpath(*parts)
        if path.endswith("/"):
            candidates = [folder / "index.html", folder / "index.xml"]
        elif parts and parts[-1].endswith(".amp"):
            candidates = [folder]
        elif (folder / "index.html").is_file() or (folder / "index.xml").is_file():
            return path + "/"
        else:
            return None
        for candidate in candidates:
            if candidate.is_file() and candidate.resolve().is_relative_to(self.root):
                return candidate
        return None

    def _stand_in(self, path: str) -> _Entity | None:
        """The stand-in page of a story a list names without its page (reader/demo/listed.py)."""
        with self._lock:
            if self._stand_ins is None:
                self._stand_ins = listed_stories(self.root)
            headline = self._stand_ins.get(unquote(path))
        if headline is None:
            return None
        data = stand_in_page(headline)
        if self.rewrite_origin:
            data = self._rewrite_origin(data)
        modified = self._last_modified(path.strip("/"))
        return _make_entity(data, "text/html; charset=utf-8", modified)

    def _unshift_segment(self, segment: str) -> str:
        """Map a day-list segment of a request back to the fixture day it shows."""
        match = _DATE_SEGMENT.fullmatch(segment)
        day = _token_date(*match.groups()) if match and self.offset else None
        moved = _moved(day, -self.offset) if day else None
        return moved.strftime("date_%d%m%Y") if moved else segment

    def _entity(self, file: Path) -> _Entity:
        stat = file.stat()
        key = (file, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        data = file.read_bytes()
        if file.name.endswith(".xml"):
            declared = _XML_ENCODING.search(data)
            media_type = "application/rss+xml" if b"<rss" in data[:4096] else "application/xml"
        else:
            declared = _META_CHARSET.search(data[:4096])
            media_type = "text/html"
        charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        if self.rewrite_origin:
            data = self._rewrite_origin(data)
        body = self._shift_dates(data, charset, listing=_STORY_DAY.search(file.as_posix()) is None)
        rel = file.relative_to(self.root).as_posix()
        entity = _make_entity(body, f"{media_type}; charset={charset}", self._last_modified(rel))
        with self._lock:
            self._cache[key] = entity
        return entity

    def _rewrite_origin(self, data: bytes) -> bytes:
        base = self.base_url.encode("ascii")
        escaped = base.replace(b"/", b"\\/")
        return _ORIGIN.sub(lambda m: base if m.group(1) == b"//" else escaped, data)

    def _shift_dates(self, data: bytes, charset: str, *, listing: bool) -> bytes:
        """Day-list links everywhere, and the printed days of lists, tag pages and feeds."""
        if not self.offset:
            return data
        if listing:
            try:
                text = data.decode(charset)
                data = shift_visible_days(text, self.offset).encode(charset)
            except (LookupError, UnicodeError):
                pass  # a page in a charset of its own stays as it is

        def shift(match: re.Match[bytes]) -> bytes:
            day = _token_date(*(group.decode("ascii") for group in match.groups()))
            moved = _moved(day, self.offset) if day else None
            return moved.strftime("date_%d%m%Y").encode("ascii") if moved else match.group(0)

        return _DATE_TOKEN.sub(shift, data)

    def _last_modified(self, rel: str) -> datetime:
        """Fixed per file, so every run and clone agrees: the start (Kyiv) of the page's day."""
        day = FIXTURE_TODAY + self.offset  # lists, tags and feeds are "today's"
        if story := _STORY_DAY.search("/" + rel):
            day = _token_date(story.group(3), story.group(2), story.group(1)) or day
        elif listed := _DATE_SEGMENT.search(rel):
            fixture_day = _token_date(*listed.groups())
            day = (_moved(fixture_day, self.offset) if fixture_day else None) or day
        return datetime(day.year, day.month, day.day, tzinfo=KYIV).astimezone(UTC)

    def _track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            if open_:
                self._connections.add(connection)
                self.peak_connections = max(self.peak_connections, len(self._connections))
            else:
                self._connections.discard(connection)


class _HTTPServer(ThreadingHTTPServer):
    block_on_close = False  # idle kept-alive connections must not hold up stop()

    def __init__(self, address: tuple[str, int], demo: DemoServer) -> None:
        self.demo = demo
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (getfqdn), which can stall offline.
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up mid-answer are routine in fault tests: no tracebacks by default.
        if self.demo.verbose:
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pravda-reader-demo"
    timeout = _IDLE_TIMEOUT
    # Headers and body leave in one write, and TCP_NODELAY stops Nagle's algorithm from holding
    # back a second one: either would otherwise stall each kept-alive request by ~40 ms.
    wbufsize = 64 * 1024

    def version_string(self) -> str:
        return self.server_version

    def _demo(self) -> DemoServer:
        assert isinstance(self.server, _HTTPServer)
        return self.server.demo

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._demo()._track(self.connection, True)

    def finish(self) -> None:
        self._demo()._track(self.connection, False)
        super().finish()

    def do_GET(self) -> None:
        self._demo()._handle(self, "GET")

    def do_HEAD(self) -> None:
        self._demo()._handle(self, "HEAD")

    def log_message(self, format: str, *args: Any) -> None:
        if self._demo().verbose:
            super().log_message(format, *args)


def _make_entity(body: bytes, content_type: str, last_modified: datetime | None) -> _Entity:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    # mtime=0 keeps the compressed bytes the same on every run.
    gzipped = gzip.compress(body, mtime=0) if len(body) > _GZIP_MIN else None
    return _Entity(body, content_type, etag, last_modified, gzipped)


def _html_reply(status: int, body: bytes, extra: list[tuple[str, str]]) -> _Reply:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    return _Reply(status, headers + extra, body)


def _error(code: int, retry_after: int | None = None) -> _Reply:
    extra = [] if retry_after is None else [("Retry-After", str(retry_after))]
    if code == 403:
        extra += [("CF-RAY", "8f0c0ffee0dd1e00-KBP"), ("cf-mitigated", "challenge")]
        return _html_reply(code, CLOUDFLARE_PAGE, extra)
    return _html_reply(code, _NOT_FOUND_PAGE if code == 404 else status_page(code), extra)


def _accepts_gzip(headers: dict[str, str]) -> bool:
    for item in headers.get("accept-encoding", "").split(","):
        coding, _, params = item.partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip", "*"):
            q = _QVALUE.search(params)
            try:
                return q is None or float(q.group(1)) > 0
            except ValueError:
                return False
    return False


def _not_modified(entity: _Entity, headers: dict[str, str]) -> bool:
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:  # it overrides If-Modified-Since (RFC 9110 13.2.2)
        tags = {
            tag.strip().removeprefix("W/").replace('-gzip"', '"')
            for tag in if_none_match.split(",")
        }
        return "*" in tags or entity.etag in tags
    if_modified_since = headers.get("if-modified-since")
    if if_modified_since is None or entity.last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return entity.last_modified <= since


def _token_date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _moved(day: date, by: timedelta) -> date | None:
    try:
        return day + by
    except OverflowError:
        return None


def serve_forever(port: int = 0, *, host: str = "127.0.0.1") -> None:
    """Run the demo site until Ctrl+C (the `serve-demo` command)."""
    with DemoServer(host=host, port=port, rewrite_origin=True) as server:
        print(f"Demo site at {server.base_url}/ (Ctrl+C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
