"""Full-text search over stored articles of every edition: an SQLite FTS5 index in its own file in
the cache folder, rebuildable at any time from the page store.

Titles, body text and tag names are indexed folded (reader.store.fold) with the unicode61
tokenizer; the text as written is kept beside the index for showing results. A query is the
user's words, each quoted, so that no input is FTS syntax; a word with an apostrophe or a
hyphen inside is a phrase; the last word matches as a prefix too. Results are ranked by bm25
with titles weighing most, and each comes with a plain-text snippet and the offsets of the
matched words in it (never markup).

Like the page store this is a cache: after it has opened it never raises. A damaged file is
deleted and started again empty (`sync_from` fills it), other failures are logged, recorded in
`warnings` and answered with nothing.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from reader.models import Article, Edition, PageKind
from reader.serialize import PARSER_VERSION, page_from_json
from reader.site.urls import kind_of_url
from reader.store import cache, db
from reader.store.cache import PageStore
from reader.store.db import (
    SIDE_FILES,
    FileState,
    connect,
    file_id,
    is_damage,
    prepare,
    transaction,
)
from reader.store.fold import FoldedText, fold
from reader.store.paths import cache_dir

FILE_NAME = "search.sqlite3"
SCHEMA_VERSION = 1  # bump when folding or the schema changes: the file is then rebuilt
APPLICATION_ID = 0x50524458  # "PRDX"
# bm25 weights of the indexed columns, in their order.
TITLE_WEIGHT, BODY_WEIGHT, TAGS_WEIGHT = 10.0, 1.0, 4.0
SNIPPET_WIDTH = 200
_CONTEXT = 60  # characters of the snippet before its first match
_MIN_PREFIX = 2  # a shorter last word matches whole words only: one letter matches too much
_BATCH = 200  # articles per write transaction, so other writers are not kept waiting

_SCHEMA = (
    # The body is last: filtering on the other columns then never reads its overflow pages.
    """CREATE TABLE docs(
        id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, edition TEXT NOT NULL,
        published TEXT, title TEXT NOT NULL, tags TEXT NOT NULL, body TEXT NOT NULL)""",
    """CREATE VIRTUAL TABLE fts USING fts5(
        title, body, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    # Stored article pages that gave no article, so that a sync does not parse them again.
    "CREATE TABLE skipped(url TEXT PRIMARY KEY) WITHOUT ROWID",
)
_WORD = re.compile(r"[^\W_]+")

Span = tuple[int, int]
_Row = tuple[str, str, str, str | None, str]  # url, title, edition, published, body


class SearchError(Exception):
    """The index file could not be opened or created (the reader can run without search)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A found article. `highlights` are [start, end) offsets of matched words in `snippet`,
    `title_highlights` in `title`."""

    url: str
    title: str
    edition: Edition
    published: datetime | None
    snippet: str
    highlights: tuple[Span, ...] = ()
    title_highlights: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class SyncReport:
    added: int = 0  # articles indexed
    removed: int = 0  # entries whose page is no longer stored
    skipped: int = 0  # stored article pages that gave no article


@dataclass(frozen=True, slots=True)
class _Doc:
    url: str
    edition: str
    published: str | None
    title: str
    tags: str
    body: str


def index_path_for(pages_path: Path) -> Path:
    """The index of a page store file: each store (real site, demo, other base URLs) has its
    own, since they know their pages by the same addresses."""
    if pages_path.name == cache.FILE_NAME:
        return pages_path.with_name(FILE_NAME)
    return pages_path.with_name(f"search-{pages_path.name}")


def query_words(query: str) -> list[tuple[str, ...]]:
    """The folded words of a query, each as the tokens it is made of ("NATO-" is ("nato",),
    "don't" is ("don", "t")); words without letters or digits are left out."""
    words = (tuple(_WORD.findall(fold(word))) for word in query.split())
    return [tokens for tokens in words if tokens]


def _prefix_last(words: Sequence[tuple[str, ...]]) -> bool:
    return len(words[-1][-1]) >= _MIN_PREFIX


def match_expression(words: Sequence[tuple[str, ...]]) -> str:
    """The FTS5 query for the words: each a quoted phrase (tokens are letters and digits only,
    so nothing in them is syntax), all required, the last one also as a prefix."""
    phrases = ['"' + " ".join(tokens) + '"' for tokens in words]
    if _prefix_last(words):
        phrases[-1] += " *"
    return " ".join(phrases)


def highlight_pattern(words: Sequence[tuple[str, ...]]) -> re.Pattern[str]:
    """Finds the words in folded text as the index matches them."""
    parts = []
    prefix = _prefix_last(words)
    for n, tokens in enumerate(words):
        body = r"[\W_]+".join(re.escape(token) for token in tokens)
        end = "" if prefix and n == len(words) - 1 else r"(?![^\W_])"
        parts.append(r"(?<![^\W_])" + body + end)
    parts.sort(key=len, reverse=True)  # the longest first, so a phrase wins over its part
    return re.compile("|".join(parts))


def find_spans(text: str, pattern: re.Pattern[str]) -> list[Span]:
    """Where the pattern matches the folded text, as offsets in `text` (NFC)."""
    folded = FoldedText(text)
    return [folded.span(m.start(), m.end()) for m in pattern.finditer(folded.text)]


def snippet(
    text: str, spans: Sequence[Span], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[Span, ...]]:
    """About `width` characters of `text` around the densest run of matches (`spans`, sorted),
    cut at spaces, with "…" where text was left out, and the matches' offsets in it. Line
    breaks become spaces."""
    text = text.replace("\n", " ")
    start, first_end = 0, 0
    if spans:
        # The first match with the most others within reach of a snippet that starts before
        # it; matches do not overlap, so their ends are in order too.
        best = most = reach = 0
        for n, (first, _) in enumerate(spans):
            reach = max(reach, n)
            while reach < len(spans) and spans[reach][1] <= first + width - _CONTEXT:
                reach += 1
            if reach - n > most:
                best, most = n, reach - n
        first, first_end = spans[best]
        start = max(0, first - _CONTEXT)
        if start > 0:  # begin at a word
            space = text.find(" ", start, first)
            start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):  # end at a word
        space = text.rfind(" ", max(first_end, start + width // 2), end + 1)
        end = space if space >= 0 else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    shift = len(lead) - start
    marks = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return lead + text[start:end] + tail, marks


def _document(article: Article) -> _Doc | None:
    if not article.title.strip():
        return None
    body = "\n".join(block.text for block in article.blocks if block.text.strip())
    return _Doc(
        url=article.url,
        edition=article.edition.value,
        published=article.published.isoformat() if article.published else None,
        title=_nfc(article.title),
        tags=_nfc("\n".join(tag.name for tag in article.tags)),
        body=_nfc(body),
    )


def _nfc(text: str) -> str:
    # Stored text and the offsets of its folded form must agree (see FoldedText).
    return unicodedata.normalize("NFC", text)


class SearchIndex(db.SqliteFile):
    label = "search index"

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else cache_dir() / FILE_NAME
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._opened_id: tuple[int, int] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open()
            self._opened_id = file_id(self.path)
        except (OSError, sqlite3.Error) as exc:
            raise SearchError(f"cannot open the search index {self.path}: {exc}") from exc

    # -- opening and recovery -------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(self.path, synchronous="NORMAL")
            state = prepare(conn, APPLICATION_ID, SCHEMA_VERSION, _SCHEMA)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if not is_damage(exc):
                raise
            problem = f"it is damaged ({exc})"
        else:
            if state in (FileState.OURS, FileState.EMPTY):
                return conn
            conn.close()
            problem = (
                "it is not a pravda-reader search index"
                if state is FileState.FOREIGN
                else "it is of another version"
            )
        self._start_over(problem)
        conn = connect(self.path, synchronous="NORMAL")
        prepare(conn, APPLICATION_ID, SCHEMA_VERSION, _SCHEMA)
        return conn

    def _start_over(self, problem: str) -> None:
        # Nothing is lost: the index is made again from the stored pages.
        for suffix in ("", *SIDE_FILES):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        self._warn(f"the search index {self.path} could not be used ({problem}); started anew")

    def _recover(self, exc: sqlite3.Error) -> None:
        assert self._conn is not None
        self._conn.close()
        self._conn = None
        try:
            if file_id(self.path) == self._opened_id:  # else another instance did it already
                self._start_over(f"it is damaged ({exc})")
            self._conn = self._open()
            self._opened_id = file_id(self.path)
        except (OSError, sqlite3.Error) as err:
            self._warn(f"search disabled: {err}")

    # -- adding ---------------------------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Index an article (again, if its URL is indexed); False when it has no title."""
        return self.add_many([article]) == 1

    def add_many(self, articles: Iterable[Article]) -> int:
        """Index articles; the number indexed."""
        docs = [doc for article in articles if (doc := _document(article)) is not None]
        added = 0
        for start in range(0, len(docs), _BATCH):
            batch = docs[start : start + _BATCH]
            added += self._run("indexing articles", 0, partial(_put_all, docs=batch))
        return added

    def sync_from(
        self, pages: PageStore, progress: Callable[[int, int], None] | None = None
    ) -> SyncReport:
        """Bring the index in line with the article pages the store holds: index those it
        lacks, drop those the store no longer has. An article whose stored page changed is
        indexed again when the app calls `add` with it. `progress(done, total)` is called
        before the first and after each batch of pages parsed."""
        urls = pages.urls()
        if urls is None:
            self._warn(f"search index: cannot read the page store {pages.path}")
            return SyncReport()
        stored = {url for url in urls if kind_of_url(url) is PageKind.ARTICLE}
        known = self._run(
            "reading the index",
            None,
            lambda conn: {
                url
                for (url,) in conn.execute("SELECT url FROM docs UNION ALL SELECT url FROM skipped")
            },
        )
        if known is None:
            return SyncReport()
        gone = sorted(known - stored)
        self._run("removing articles", None, lambda conn: _delete_all(conn, gone))
        new = sorted(stored - known)
        added = skipped = 0
        if progress is not None:
            progress(0, len(new))
        for start in range(0, len(new), _BATCH):
            batch = new[start : start + _BATCH]
            docs: list[_Doc] = []
            misses: list[str] = []
            for url in batch:
                article = _stored_article(pages, url)
                doc = _document(article) if article is not None else None
                if doc is None:
                    misses.append(url)
                else:
                    docs.append(doc)
            added += self._run("indexing articles", 0, partial(_put_all, docs=docs, misses=misses))
            skipped += len(misses)
            if progress is not None:
                progress(start + len(batch), len(new))
        if len(new) > _BATCH:  # many new segments: merge them, queries get faster
            self._run("optimising the index", None, _optimize)
        return SyncReport(added, len(gone), skipped)

    def rebuild_from(
        self, pages: PageStore, progress: Callable[[int, int], None] | None = None
    ) -> SyncReport:
        """Empty the index and index every article page of the store again."""
        self.clear()
        return self.sync_from(pages, progress)

    def clear(self) -> None:
        def op(conn: sqlite3.Connection) -> None:
            with transaction(conn):
                conn.execute("DELETE FROM docs")
                conn.execute("DELETE FROM skipped")
                conn.execute("INSERT INTO fts(fts) VALUES ('delete-all')")

        self._run("clearing the index", None, op)

    # -- searching ------------------------------------------------------------------------

    def count(self, edition: Edition | None = None) -> int:
        """The articles indexed, of one edition or (None) of all."""
        code = edition.value if edition else None
        return self._run(
            "counting articles",
            0,
            lambda conn: int(
                conn.execute(
                    "SELECT count(*) FROM docs WHERE ?1 IS NULL OR edition = ?1", (code,)
                ).fetchone()[0]
            ),
        )

    def search(
        self, query: str, edition: Edition | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Stored articles holding every word of the query, best first."""
        words = query_words(query)
        if not words or limit <= 0:
            return []
        expression = match_expression(words)
        code = edition.value if edition else None

        def op(conn: sqlite3.Connection) -> list[_Row]:
            # Rank first, on ids only; then read the few rows shown.
            ids = [
                row[0]
                for row in conn.execute(
                    f"""SELECT m.id FROM (
                          SELECT rowid AS id,
                                 bm25(fts, {TITLE_WEIGHT}, {BODY_WEIGHT}, {TAGS_WEIGHT}) AS score
                          FROM fts WHERE fts MATCH ?1) AS m
                        JOIN docs AS d ON d.id = m.id
                        WHERE ?2 IS NULL OR d.edition = ?2
                        ORDER BY m.score LIMIT ?3""",
                    (expression, code, limit),
                )
            ]
            marks = ",".join("?" * len(ids))
            rows = {
                row[0]: row[1:]
                for row in conn.execute(
                    f"SELECT id, url, title, edition, published, body FROM docs"
                    f" WHERE id IN ({marks})",
                    ids,
                )
            }
            return [rows[i] for i in ids if i in rows]

        found: list[_Row] = self._run("searching", [], op)
        pattern = highlight_pattern(words)
        return [_hit(row, pattern) for row in found]

    # -- the file -------------------------------------------------------------------------


def _hit(row: _Row, pattern: re.Pattern[str]) -> SearchHit:
    url, title, edition, published, body = row
    text, highlights = snippet(body, find_spans(body, pattern))
    return SearchHit(
        url=url,
        title=title,
        edition=Edition(edition),
        published=_datetime(published),
        snippet=text,
        highlights=highlights,
        title_highlights=tuple(find_spans(title, pattern)),
    )


def _datetime(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _put_all(conn: sqlite3.Connection, docs: Sequence[_Doc], misses: Sequence[str] = ()) -> int:
    with transaction(conn):
        for doc in docs:
            row = conn.execute("SELECT id FROM docs WHERE url = ?", (doc.url,)).fetchone()
            values = (doc.edition, doc.published, doc.title, doc.tags, doc.body, doc.url)
            if row is None:
                doc_id = conn.execute(
                    "INSERT INTO docs(edition, published, title, tags, body, url)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    values,
                ).lastrowid
            else:
                doc_id = row[0]
                conn.execute("DELETE FROM fts WHERE rowid = ?", (doc_id,))
                conn.execute(
                    "UPDATE docs SET edition = ?, published = ?, title = ?, tags = ?, body = ?"
                    " WHERE url = ?",
                    values,
                )
            conn.execute(
                "INSERT INTO fts(rowid, title, body, tags) VALUES (?, ?, ?, ?)",
                (doc_id, fold(doc.title), fold(doc.body), fold(doc.tags)),
            )
            conn.execute("DELETE FROM skipped WHERE url = ?", (doc.url,))
        conn.executemany(
            "INSERT OR IGNORE INTO skipped(url) VALUES (?)", [(url,) for url in misses]
        )
    return len(docs)


def _delete_all(conn: sqlite3.Connection, urls: Sequence[str]) -> None:
    with transaction(conn):
        for url in urls:
            row = conn.execute("SELECT id FROM docs WHERE url = ?", (url,)).fetchone()
            if row is not None:
                conn.execute("DELETE FROM fts WHERE rowid = ?", (row[0],))
                conn.execute("DELETE FROM docs WHERE id = ?", (row[0],))
            conn.execute("DELETE FROM skipped WHERE url = ?", (url,))


def _optimize(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")


# -- reading the page store -----------------------------------------------------------------


def _stored_article(pages: PageStore, url: str) -> Article | None:
    """A stored article, from the parsed copy the store keeps when it is current, else parsed
    from the page; read without marking it used, so indexing does not upset eviction."""
    text = pages.get_parsed(url, PARSER_VERSION, touch=False)
    if text is not None:
        try:
            page = page_from_json(json.loads(text))
        except (ValueError, TypeError, KeyError):
            page = None
        if isinstance(page, Article):
            return page
    stored = pages.get(url, touch=False)
    if stored is None:
        return None
    from reader.site.pages import parse_page  # rarely needed: not imported at start-up

    page = parse_page(stored.content, url, content_type=stored.content_type)
    return page if isinstance(page, Article) else None
