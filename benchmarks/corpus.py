"""The benchmark corpus: 20,000 stored articles across the three editions, made from the demo
fixture pages, in a page store with their parsed results, a list page per edition and day, a
search index over them, and the same items as one RSS 2.0 feed for newsboat.

    python benchmarks/corpus.py [FOLDER] [--articles N] [--days N]

FOLDER (default: a new temporary folder) gets `cache/` (pages.sqlite3, search.sqlite3),
`data/`, `config/config.toml` and `feed.xml`, plus `corpus.json` (what was made, sample URLs).
Point PRAVDA_READER_CACHE_DIR, _DATA_DIR and _CONFIG_DIR at the three folders (`env()` below)
and `pravda-reader --offline` reads the corpus.

Each article is a fixture page with a new id and date path (in every URL of the page, so the
translations of a story stay linked), a new title and new paragraphs: sentences drawn at random
(seeded) from the fixture articles of the same edition. Every page is parsed with the app's
parser and the parse kept, as the app would after reading it.
"""

from __future__ import annotations

import argparse
import compileall
import html
import json
import random
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import reader
from reader.demo.catalog import FIXTURE_TODAY, SITE_ROOT, Story, stories
from reader.models import Article, Edition, NewsList, PageKind
from reader.serialize import PARSER_VERSION, page_to_json
from reader.site.dates import KYIV
from reader.site.decode import decode_html
from reader.site.editions import MONTHS_GENITIVE
from reader.site.pages import parse_page
from reader.site.text import normalize_space
from reader.site.urls import DEFAULT_BASE_URL, news_list_url
from reader.store.cache import FILE_NAME, PageStore
from reader.store.paths import CACHE_DIR_ENV, CONFIG_DIR_ENV, DATA_DIR_ENV
from reader.store.search import SearchIndex, index_path_for

ARTICLES = 20_000
DAYS = 30
FIRST_ID = 8_100_000
CACHE_MB = 2_000  # the corpus is ~500 MB of pages: above the default 200 MB store limit
_SEED = 8
_P = re.compile(r"(<p\b[^>]*>)(.*?)(</p>)", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_ROW = re.compile(r'^\s*<div class="article_news_list.*$\n?', re.MULTILINE)
# The old-design day list, the template of every generated list page.
_LIST_TEMPLATE = "news/date_27112025/index.html"


@dataclass(frozen=True, slots=True)
class Template:
    edition: Edition
    path: str  # URL path of the fixture page
    text: str  # decoded page
    charset: str
    title: str
    blocks: frozenset[str]  # the body paragraphs' text, as parsed


@dataclass(frozen=True, slots=True)
class Row:
    url: str
    title: str
    at: datetime
    important: bool
    body: tuple[str, ...]


def env(folder: Path) -> dict[str, str]:
    """The environment variables that point the reader at the corpus."""
    return {
        CACHE_DIR_ENV: str(folder / "cache"),
        DATA_DIR_ENV: str(folder / "data"),
        CONFIG_DIR_ENV: str(folder / "config"),
    }


def compile_reader() -> None:
    """The reader's modules compiled to bytecode, as an installed program has them (pip
    compiles at install; Python writes them at the first run). Where PYTHONDONTWRITEBYTECODE
    is set, as on the machine of BENCHMARKS.md, an editable install has none and every start
    would compile all of reader/ from source: ~50 ms that no user pays."""
    compileall.compile_dir(Path(reader.__file__).parent, quiet=1)


def _templates() -> tuple[list[tuple[Story, dict[Edition, Template]]], dict[Edition, list[str]]]:
    """Every fixture story with its pages, and the fixture sentences per edition."""
    found = []
    sentences: dict[Edition, list[str]] = {edition: [] for edition in Edition}
    for story in stories():
        pages = {}
        for edition, path in story.editions.items():
            data = (SITE_ROOT / path.strip("/") / "index.html").read_bytes()
            page = parse_page(data, DEFAULT_BASE_URL + path)
            if not isinstance(page, Article) or not page.title:
                continue
            text, charset, _ = decode_html(data)
            blocks = frozenset(b.text for b in page.blocks if len(b.text) > 40)
            for block in blocks:
                sentences[edition].extend(s for s in _SENTENCE.split(block) if len(s) > 20)
            pages[edition] = Template(edition, path, text, charset, page.title, blocks)
        if pages:
            found.append((story, pages))
    return found, sentences


def _new_title(rng: random.Random, words: list[str]) -> str:
    title = " ".join(rng.sample(words, rng.randint(6, 12)))
    return title[:1].upper() + title[1:]


def _new_paragraph(rng: random.Random, sentences: list[str]) -> str:
    return " ".join(rng.sample(sentences, rng.randint(2, 4)))


def _article_page(
    template: Template, story: Story, new_path: str, title: str, rng: random.Random, pool: list[str]
) -> tuple[bytes, list[str]]:
    old_seg = re.compile(
        rf"/{story.day.year}/0?{story.day.month}/0?{story.day.day}/{story.id}(?=[/\"'])"
    )
    text = old_seg.sub(new_path, template.text)
    for old in {template.title, html.escape(template.title), html.escape(template.title, False)}:
        text = text.replace(old, html.escape(title, False))
    body: list[str] = []

    def paragraph(match: re.Match[str]) -> str:
        if normalize_space(html.unescape(_TAG.sub("", match.group(2)))) not in template.blocks:
            return match.group(0)
        new = _new_paragraph(rng, pool)
        body.append(new)
        return match.group(1) + html.escape(new, False) + match.group(3)

    text = _P.sub(paragraph, text)
    return text.encode(template.charset, errors="xmlcharrefreplace"), body


def _days(days: int) -> list[date]:
    return [FIXTURE_TODAY - timedelta(days=n) for n in range(days)]


def generate(
    store: PageStore, articles: int, days: int
) -> tuple[dict[Edition, dict[date, list[Row]]], int]:
    """Store the articles; the rows of each edition's day lists, and how many pages parsed
    differently than generated (title or paragraph count)."""
    found, sentences = _templates()
    words = {
        edition: sorted({w for s in sentences[edition] for w in s.split() if w.isalpha()})
        for edition in Edition
    }
    rng = random.Random(_SEED)
    day_list = _days(days)
    per_day = max(1, articles // days)
    rows: dict[Edition, dict[date, list[Row]]] = {e: {d: [] for d in day_list} for e in Edition}
    made = odd = n = 0
    while made < articles:
        story, pages = found[n % len(found)]
        day = day_list[min(made // per_day, days - 1)]
        new_id = FIRST_ID + n
        n += 1
        # Stories go back in time from the fixture day, evenly spread over the 24 hours.
        minute = (made % per_day) * (24 * 60) // per_day
        at = datetime(day.year, day.month, day.day, tzinfo=KYIV) + timedelta(
            minutes=24 * 60 - 1 - minute
        )
        new_path = f"/{day.year}/{day.month:02d}/{day.day:02d}/{new_id}"
        important = rng.random() < 0.15
        for edition, template in pages.items():
            if made >= articles:
                break
            title = _new_title(rng, words[edition])
            data, body = _article_page(template, story, new_path, title, rng, sentences[edition])
            url = f"{DEFAULT_BASE_URL}{edition.prefix}/{story.section}{new_path}/"
            page = parse_page(data, url)
            if not isinstance(page, Article) or page.title != title:
                odd += 1
            store.put(url, data, None, None, None)
            text = json.dumps(page_to_json(page, full=True), ensure_ascii=False)
            store.put_parsed(url, str(PageKind.ARTICLE), text, PARSER_VERSION)
            rows[edition][day].append(Row(url, title, at, important, tuple(body)))
            made += 1
    return rows, odd


def _list_page(edition: Edition, day: date, rows: list[Row], today: date) -> tuple[str, bytes]:
    """An old-design day list (or today's /news/) holding `rows`, from the fixture template."""
    template = SITE_ROOT / edition.prefix.strip("/") / _LIST_TEMPLATE
    text, charset, _ = decode_html(template.read_bytes())
    months = MONTHS_GENITIVE[edition]
    old_day = FIXTURE_TODAY - timedelta(days=1)

    def words(d: date) -> str:
        return f"{d.day} {months[d.month - 1]} {d.year}"

    def token(d: date) -> str:
        return f"date_{d:%d%m%Y}"

    before = day - timedelta(days=1)
    text = text.replace(token(old_day - timedelta(days=1)), token(before))
    text = text.replace(words(old_day - timedelta(days=1)), words(before))
    url = news_list_url(DEFAULT_BASE_URL, edition, None if day == today else day)
    here = url.removeprefix(DEFAULT_BASE_URL)
    text = text.replace(f"{edition.prefix}/news/{token(old_day)}/", here)
    text = text.replace(words(old_day), words(day))
    markup = "".join(
        f'  <div class="article_news_list{" article_news_bold" if row.important else ""}">'
        f'<div class="article_time">{row.at:%H:%M}</div><div class="article_content">'
        f'<div class="article_header"><a href="{row.url.removeprefix(DEFAULT_BASE_URL)}">'
        f"<span>{html.escape(row.title, False)}</span></a></div></div></div>\n"
        for row in sorted(rows, key=lambda r: r.at, reverse=True)
    )
    first = _ROW.search(text)
    assert first is not None, "the list template has no rows"
    text = _ROW.sub("", text[: first.start()]) + markup + _ROW.sub("", text[first.start() :])
    return url, text.encode(charset, errors="xmlcharrefreplace")


def store_lists(store: PageStore, rows: dict[Edition, dict[date, list[Row]]]) -> dict[str, int]:
    """Store and parse every list page; the number of rows each parsed to."""
    counts = {}
    today = max(next(iter(rows.values())))
    for edition, days in rows.items():
        for day, day_rows in days.items():
            url, data = _list_page(edition, day, day_rows, today)
            page = parse_page(data, url)
            store.put(url, data, None, None, None)
            text = json.dumps(page_to_json(page, full=True), ensure_ascii=False)
            kind = page.kind if isinstance(page, NewsList) else PageKind.ARTICLE
            store.put_parsed(url, str(kind), text, PARSER_VERSION)
            counts[url] = len(page.items) if isinstance(page, NewsList) else -1
    return counts


def _feed_items(rows: dict[Edition, dict[date, list[Row]]]) -> Iterator[str]:
    everything = [row for days in rows.values() for day_rows in days.values() for row in day_rows]
    for row in sorted(everything, key=lambda r: r.at, reverse=True):
        description = "".join(f"<p>{html.escape(p, False)}</p>" for p in row.body)
        yield (
            f"<item><title>{html.escape(row.title)}</title><link>{row.url}</link>"
            f'<guid isPermaLink="true">{row.url}</guid>'
            f"<pubDate>{format_datetime(row.at)}</pubDate>"
            f"<description>{html.escape(description)}</description></item>\n"
        )


def write_feed(path: Path, rows: dict[Edition, dict[date, list[Row]]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n')
        out.write(f"<title>Pravda corpus</title><link>{DEFAULT_BASE_URL}/</link>\n")
        out.write("<description>benchmark corpus</description>\n")
        out.writelines(_feed_items(rows))
        out.write("</channel></rss>\n")


def build(folder: Path, articles: int = ARTICLES, days: int = DAYS) -> dict[str, object]:
    """Make the corpus in `folder` (emptied of an earlier corpus); what was made."""
    cache = folder / "cache"
    for name in ("cache", "data", "config"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    for old in cache.glob("*.sqlite3*"):
        old.unlink()
    (folder / "config" / "config.toml").write_text(
        f"cache_max_mb = {CACHE_MB}\nrefresh_minutes = 0\n", encoding="utf-8"
    )
    started = time.perf_counter()
    with PageStore(cache / FILE_NAME, max_bytes=CACHE_MB * 1_000_000) as store:
        rows, odd = generate(store, articles, days)
        lists = store_lists(store, rows)
        stored = time.perf_counter()
        with SearchIndex(index_path_for(store.path)) as index:
            report = index.sync_from(store)
            indexed = index.count()
        info = store.info()
    write_feed(folder / "feed.xml", rows)
    summary: dict[str, object] = {
        "folder": str(folder),
        "articles": sum(len(r) for days_ in rows.values() for r in days_.values()),
        "per_edition": {e.value: sum(len(r) for r in rows[e].values()) for e in Edition},
        "list_pages": len(lists),
        "rows_in_todays_lists": {
            url: n for url, n in lists.items() if "date_" not in url and n >= 0
        },
        "pages_parsed_differently": odd,
        "store_bytes": info.bytes,
        "indexed": indexed,
        "index_skipped": report.skipped,
        "seconds_store": round(stored - started, 1),
        "seconds_index": round(time.perf_counter() - stored, 1),
        # For startup.py: the newest titles, one of which the first paint shows.
        "newest_titles": {
            e.value: [
                r.title for r in sorted(rows[e][max(rows[e])], key=lambda r: -r.at.timestamp())
            ][:10]
            for e in Edition
        },
        # For app.py: today's articles per edition, newest first.
        "samples": {
            e.value: [r.url for r in sorted(rows[e][max(rows[e])], key=lambda r: -r.at.timestamp())]
            for e in Edition
        },
    }
    (folder / "corpus.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="where (default: a temp folder)")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--days", type=int, default=DAYS)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="pravda-corpus-"))
    summary = build(folder.resolve(), args.articles, args.days)
    summary.pop("samples")
    summary.pop("newest_titles")
    for key, value in summary.items():
        print(f"{key:28} {value}")
    print("\nenvironment:")
    for key, value in env(folder.resolve()).items():
        print(f"  export {key}={value}")


if __name__ == "__main__":
    main()
