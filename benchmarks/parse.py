"""Parse time per page kind: our parsers (selectolax lexbor) against BeautifulSoup with lxml.

    python benchmarks/parse.py [--repeat N] [--warmup N]

Each page is parsed N times by each side, every call timed on its own with
`time.perf_counter_ns`; the table shows the median and p90. Each side times each page in a
fresh process of its own, with the garbage collector on as in any program: so each pays for
freeing what it built (lexbor's tree by reference counting, BeautifulSoup's cyclic tree by the
collector), and neither works in a heap the other has left behind.
The BeautifulSoup column parses the same bytes and pulls out the same fields with the same
selectors (title, authors, date text, body paragraphs with `get_text` and their links, tags,
related groups, JSON-LD, hreflang; rows of a list; items of a feed). See README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from reader.allocator import keep_parse_headroom
from reader.demo.catalog import SITE_ROOT
from reader.models import Article
from reader.site.pages import parse_page
from reader.site.parse_list import parse_list

try:  # the bench extra; without it only our figures are printed
    from bs4 import BeautifulSoup

    # BeautifulSoup names lxml as a feature; without it that fails at the first page.
    if find_spec("lxml") is None:
        raise ImportError("No module named 'lxml'")
    BS_IMPORT_ERROR: str | None = None
except ImportError as error:
    BS_IMPORT_ERROR = str(error)

REPO = Path(__file__).resolve().parent.parent
REAL_PAGE = REPO / "tests/data/realpages/epravda_uk_news_2025-10-24_sister-site.html"
REAL_URL = (
    "https://epravda.com.ua/tehnologiji/"
    "yak-v-ukrajini-diyatimut-limiti-dlya-gravciv-azartnih-igor-813313/"
)
SITE = "https://www.pravda.com.ua"
LARGE_TARGET = 180_000  # bytes: the issue-8 size of a heavy article page

# Counts of what a parse found: (blocks, body links, tags, related items) for an article,
# (rows, 0, 0, 0) for a list or feed. Printed so the two sides can be seen to do the same work.
Found = tuple[int, int, int, int]
# What one extraction gives: the whole result (a model, or plain Python data) and its counts.
Extracted = tuple[object, Found]


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    kind: str  # "article", "list" or "feed"
    url: str
    data: bytes


# -- the pages -----------------------------------------------------------------------------


def fixture(path: str) -> bytes:
    folder = SITE_ROOT / path.strip("/")
    for name in ("index.html", "index.xml"):
        if (folder / name).is_file():
            return (folder / name).read_bytes()
    raise FileNotFoundError(folder)


def cases() -> list[Case]:
    def page(name: str, kind: str, path: str) -> Case:
        return Case(name, kind, SITE + path, fixture(path))

    real = REAL_PAGE.read_bytes()
    return [
        page("article, old design (seed, en)", "article", "/eng/news/2025/08/23/7527766/"),
        page("article, new design (uk)", "article", "/news/2025/11/28/8020106/"),
        Case("article, real sister-site page", "article", REAL_URL, real),
        Case("article, 180 KB (real + bulk)", "article", REAL_URL, large_article(real)),
        page("list, old design (cp1251)", "list", "/news/date_27112025/"),
        page("list, new design", "list", "/news/"),
        page("RSS feed, windows-1251", "feed", "/rss/view_news/"),
        page("RSS feed, UTF-8", "feed", "/eng/rss/view_news/"),
    ]


# -- the 180 KB page: the real new-template page with the bulk a heavy page of the site has ---


@dataclass(frozen=True, slots=True)
class _Headline:
    title: str
    url: str
    time: str


def _headlines() -> list[_Headline]:
    """Real-looking rows: the Ukrainian fixture lists (today, the day before, a tag page)."""
    found: dict[str, _Headline] = {}
    for path in ("/news/", "/news/date_27112025/", "/news/date_28112025/", "/tags/nato/"):
        for item in parse_list(fixture(path), SITE + path).items:
            found.setdefault(item.url, _Headline(item.title, item.url, item.time))
    return list(found.values())


def _story_item(row: _Headline, n: int) -> str:
    """A story-grid item, as the publication page's related block writes it."""
    image = f"https://img.pravda.com/images/doc/{n % 10}/{n % 7}/{8020000 + n:x}-story.jpg"
    return f"""
        <div class="article article_story_grid">
            <div class="article_body">
                <div class="article_media">
                    <a href="{row.url}">
                        <picture>
                            <source srcset="{image}.webp" type="image/webp">
                            <img src="{image}" alt="{row.title}" loading="lazy"
                                 width="360" height="200">
                        </picture>
                    </a>
                </div>
                <div class="article_content">
                    <div class="article_title"><a href="{row.url}">{row.title}</a></div>
                    <div class="article_description">
                        <p>{row.title}. Подробиці та контекст.</p>
                    </div>
                    <div class="article_date">Українська правда, 28 листопада, {row.time}</div>
                </div>
            </div>
        </div>"""


def _news_row(row: _Headline, bold: bool) -> str:
    classes = "article_news article_news_bold" if bold else "article_news"
    return f"""
                <div class="{classes}">
                    <div class="article_time">{row.time}</div>
                    <div class="article_title">
                        <a href="{row.url}">
                            {row.title}
                        </a>
                    </div>
                </div>"""


def _topic_block(tag: str, slug: str, rows: list[_Headline]) -> str:
    items = "".join(
        f"""
                    <div class="article_news">
                        <div class="article_title">
                            <a href="{row.url}">
                                {row.title}
                            </a>
                        </div>
                    </div>"""
        for row in rows
    )
    return f"""
        <div class="post_side_topic">
            <div class="side_sm_title">
                <h4><a href="{SITE}/tags/{slug}/">{tag}</a></h4>
            </div>
            <div class="news_grid_wrapper">{items}
            </div>
        </div>
"""


_TOPICS = (
    "Війна",
    "НАТО",
    "Енергетика",
    "Мобілізація",
    "Переговори",
    "Санкції",
    "Економіка",
    "Освіта",
    "Медицина",
    "Культура",
    "Спорт",
    "Технології",
    "Корупція",
    "Суди",
    "Вибори",
    "Європейський Союз",
    "США",
    "Польща",
    "Білорусь",
    "Крим",
)


def _menu(rng: random.Random) -> str:
    """The pop-up menu's long "Теми" list of the main site."""
    links = "".join(
        f'\n                        <li><a href="{SITE}/tags/{rng.getrandbits(48):012x}/">'
        f"{_TOPICS[n % len(_TOPICS)]}{'' if n < len(_TOPICS) else f' {n}'}</a></li>"
        for n in range(60)
    )
    return f"""
                <nav class="top_menu_item">
                    <div class="top_menu_title"><span>Теми</span></div>
                    <ul class="top_menu top_menu_tags">{links}
                    </ul>
                </nav>"""


def _svg_sprite(rng: random.Random) -> str:
    """Inline icon symbols, as the page carries its logos and icons inline."""

    def path() -> str:
        points = " ".join(f"{rng.uniform(0, 50):.3f},{rng.uniform(0, 50):.3f}" for _ in range(24))
        return f"M{points}Z"

    symbols = "".join(
        f'\n    <symbol id="icon-{n}" viewBox="0 0 50 50"><path d="{path()}"/></symbol>'
        for n in range(20)
    )
    return f'\n<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{symbols}\n</svg>'


def _scripts(rows: list[_Headline], rng: random.Random) -> str:
    """Ad-slot configuration and a page-state JSON blob, both inline."""
    slots = [
        {
            "id": f"UP_{kind}_{n}",
            "path": f"/21804848220/pravda.com.ua/{kind.lower()}_{n}",
            "sizes": [[300, 250], [336, 280], [728, 90], [970, 250]],
            "targeting": {"section": "news", "lang": "uk", "pos": n, "ab": rng.getrandbits(32)},
            "lazy": {"fetchMarginPercent": 200, "renderMarginPercent": 100},
        }
        for kind in ("SBL", "INREAD", "BOTTOM", "SIDE")
        for n in range(4)
    ]
    state = {
        "page": {"type": "news", "id": 813313, "lang": "uk", "section": "tehnologiji"},
        "lastNews": [
            {"id": 8020000 + n, "title": row.title, "url": row.url, "time": row.time}
            for n, row in enumerate(rows[:40])
        ],
    }
    return (
        "\n<script>\n    window.upAdSlots = "
        + json.dumps(slots, indent=2)
        + ";\n    window.googletag = window.googletag || {cmd: []};\n</script>"
        + '\n<script type="application/json" id="up-state">'
        + json.dumps(state, ensure_ascii=False)
        + "</script>\n"
    )


def _insert(page: str, marker: str, text: str, *, after: bool = True) -> str:
    at = page.index(marker) + (len(marker) if after else 0)
    return page[:at] + text + page[at:]


def large_article(real: bytes) -> bytes:
    """The real page grown to LARGE_TARGET bytes with what the main site's heavy pages carry:
    filled "Головне сьогодні" and "Останні новини" blocks (the sister site loads them by
    script), a second related aside, more side topics, the long topics menu, an inline SVG
    sprite, inline ad configuration and page-state JSON. The article itself is unchanged."""
    rng = random.Random(813313)
    rows = _headlines()
    page = real.decode("utf-8")
    story = "".join(_story_item(row, n) for n, row in enumerate(rows[:10]))
    page = _insert(
        page, '<div class="section_other_news_wrapper" id="important_today_block">', story
    )
    publications = "".join(_story_item(row, n) for n, row in enumerate(rows[10:18], start=10))
    aside = f"""
        <aside class="section_other_news">
            <div class="section_title section_title_sm"><h3><span>Публікації</span></h3></div>
            <div class="section_other_news_wrapper">{publications}
            </div>
            <a class="button button_more" href="{SITE}/articles/">Всі публікації</a>
        </aside>"""
    page = _insert(page, "</article>", aside, after=False)
    topics = "".join(
        _topic_block(_TOPICS[n], f"topic-{n}", rows[20 + 5 * n : 25 + 5 * n]) for n in range(3)
    )
    page = _insert(page, '<div class="post_side_news">', topics, after=False)
    page = _insert(page, '<div class="top_menu_wrapper">', _menu(rng))
    body_open = page[page.index("<body") :].split(">", 1)[0] + ">"
    page = _insert(page, body_open, _svg_sprite(rng))
    page = _insert(page, "</body>", _scripts(rows, rng), after=False)
    # Fill the recent-news column up to the target size, as the endpoint would return it.
    marker = '<div class="news_grid_wrapper" id="last_news_block">'
    room = LARGE_TARGET - len(page.encode("utf-8"))
    news: list[str] = []
    n = 0
    while room > 0:
        row = _news_row(rows[n % len(rows)], bold=n % 7 == 0)
        news.append(row)
        room -= len(row.encode("utf-8"))
        n += 1
    return _insert(page, marker, "".join(news)).encode("utf-8")


# -- ours -----------------------------------------------------------------------------------


def ours(case: Case) -> Extracted:
    page = parse_page(case.data, case.url)
    if isinstance(page, Article):
        links = sum(len(block.links) for block in page.blocks)
        related = sum(len(group.items) for group in page.related)
        return page, (len(page.blocks), links, len(page.tags), related)
    return page, (len(page.items), 0, 0, 0)


# -- BeautifulSoup with lxml: the same fields with the same selectors -------------------------

_ROOT = "article.post_news, article.post_article, article.post"
_TITLE = "h1.post_news_title, h1.post_article_title, h1.post_title"
_AUTHORS = ".post_news_author a, .post_author_name, .post_time .post_author a"
_DATE = ".post_news_date, .post_author_date, .post_time"
_LEAD_IMAGE = "div.post_news_photo img, div.post_article_header_media img, div.post_photo_news img"
_BODY = "div.post_news_text, div.post_article_text, div.post_text"
_SKIP = (
    "script, style, noscript, iframe, form, button, svg, .banner, .post_news_service, "
    ".post_views, .post_article_social, .post_article_statistic, .copy_button, "
    "[class^=advtext], [class*=' advtext'], [class^=nts-ad], [class*=' nts-ad']"
)
_BLOCKS = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption"]
_TAGS = "div.post_news_tags a, div.post_tags a"
_GROUPS = (
    "div.block_related, div.block_tag_news, div.container_sub_news, "
    "aside.section_other_news, div.post_side_topic, div.post_side_news"
)
_GROUP_TITLE = ".block_tag_news_title, .section_title, .section_header, .side_sm_title"
_ROW = "div.article_news, div.article_news_list, div.article"
_ROW_LINK = ".article_title a, .article_header a"
_ROW_TIME = ".article_time, .article_date"
_LIST_ROWS = (
    ".section_news_list_wrapper .article_news_list",
    ".container_sub_news_list_wrapper.mode1 .article_news_list",
    ".article_news_list",
)
_PREVIOUS_DAY = re.compile(r"/news/date_\d{8}/")


def _bs_text(node: Any) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def _bs_href(node: Any, url: str) -> str:
    href = node.get("href")
    return urljoin(url, href) if isinstance(href, str) else ""


def bs_article(case: Case) -> Extracted:
    soup = BeautifulSoup(case.data, "lxml")
    json_ld = []
    for script in soup.select('script[type="application/ld+json"]'):
        with contextlib.suppress(ValueError):
            json_ld.append(json.loads(script.get_text()))
    meta = {
        str(node.get("property") or node.get("name")): node.get("content")
        for node in soup.select("meta[property], meta[name]")
    }
    root = soup.select_one(_ROOT) or soup
    image = root.select_one(_LEAD_IMAGE)
    blocks: list[tuple[str, list[tuple[str, str]]]] = []
    for container in root.select(_BODY):
        for node in container.select(_SKIP):
            node.decompose()
        for block in container.find_all(_BLOCKS):
            text = _bs_text(block)
            if text:
                links = [
                    (_bs_text(a), _bs_href(a, case.url)) for a in block.find_all("a", href=True)
                ]
                blocks.append((text, links))
    related: list[tuple[str, list[tuple[str, str, str]]]] = []
    for group in soup.select(_GROUPS):
        items = []
        for row in group.select(_ROW):
            link = row.select_one(_ROW_LINK)
            if link is not None:
                when = _bs_text(row.select_one(_ROW_TIME))
                items.append((_bs_text(link), _bs_href(link, case.url), when))
        if items:
            related.append((_bs_text(group.select_one(_GROUP_TITLE)), list(dict.fromkeys(items))))
    tags = [(_bs_text(node), _bs_href(node, case.url)) for node in root.select(_TAGS)]
    article = {
        "title": _bs_text(root.select_one(_TITLE)) or meta.get("og:title"),
        "authors": [_bs_text(node) for node in root.select(_AUTHORS)],
        "date": _bs_text(root.select_one(_DATE)),
        "image": image.get("src") if image is not None else meta.get("og:image"),
        "blocks": blocks,
        "tags": tags,
        "related": related,
        "translations": [
            (node.get("hreflang"), _bs_href(node, case.url))
            for node in soup.select("link[hreflang]")
        ],
        "json_ld": json_ld,
    }
    body_links = sum(len(links) for _, links in blocks)
    return article, (len(blocks), body_links, len(tags), sum(len(items) for _, items in related))


def bs_list(case: Case) -> Extracted:
    soup = BeautifulSoup(case.data, "lxml")
    rows: list[Any] = []
    for selector in _LIST_ROWS:
        rows = soup.select(selector)
        if rows:
            break
    items = []
    for row in rows:
        link = row.select_one(_ROW_LINK)
        if link is None:
            continue
        classes = row.get("class") or []
        important = "article_news_bold" in classes or "article_news_red" in classes
        when = _bs_text(row.select_one(_ROW_TIME))
        items.append((_bs_text(link), _bs_href(link, case.url), when, important))
    previous_day = next(
        (
            _bs_href(a, case.url)
            for a in soup.find_all("a", href=True)
            if _PREVIOUS_DAY.search(str(a["href"]))
        ),
        None,
    )
    return {"items": items, "previous_day": previous_day}, (len(items), 0, 0, 0)


def bs_feed(case: Case) -> Extracted:
    # The HTML parser would read <link> as a void element; a feed is read as XML (lxml too).
    soup = BeautifulSoup(case.data, "xml")
    channel = soup.find("channel")
    items = []
    for item in soup.find_all("item"):
        link = item.find("link")
        items.append(
            (
                _bs_text(item.find("title")),
                urljoin(case.url, _bs_text(link)) if link is not None else "",
                _bs_text(item.find("pubDate")),
            )
        )
    feed = {
        "title": _bs_text(channel.find("title", recursive=False)) if channel else "",
        "language": _bs_text(channel.find("language", recursive=False)) if channel else "",
        "items": items,
    }
    return feed, (len(items), 0, 0, 0)


BS_EXTRACTORS: dict[str, Callable[[Case], Extracted]] = {
    "article": bs_article,
    "list": bs_list,
    "feed": bs_feed,
}


# -- timing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timing:
    samples: list[int]  # nanoseconds
    found: Found

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) / 1e6

    @property
    def p90_ms(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)] / 1e6


def measure(run: Callable[[Case], Extracted], case: Case, repeat: int, warmup: int) -> Timing:
    """Timings in this process; see `measure_apart` for how the table's figures are taken."""
    found = run(case)[1]
    for _ in range(warmup):
        run(case)
    gc.collect()  # the warm-up's garbage is not the timed runs' to pay
    samples: list[int] = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        run(case)
        samples.append(time.perf_counter_ns() - start)
    return Timing(samples, found)


def measure_apart(side: str, index: int, repeat: int, warmup: int, processes: int) -> Timing:
    """`repeat` timed runs shared among `processes` fresh processes (see the docstring), each
    with an environment of another size. Where a process's memory happens to lie moves these
    figures by up to 15% (a page was parsed 0.52 or 0.61 ms depending only on the length of
    the command line), so one process's figure is luck; the pooled runs' median is not."""
    samples: list[int] = []
    found: Found = (0, 0, 0, 0)
    each = max(1, math.ceil(repeat / processes))
    for n in range(processes):
        command = [sys.executable, __file__, "--worker", side, str(index)]
        command += ["--repeat", str(each), "--warmup", str(warmup)]
        env = {**os.environ, "PARSE_BENCH_PADDING": "." * (97 * n)}
        out = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        timing = Timing(*json.loads(out.stdout))
        samples += timing.samples
        found = tuple(timing.found)  # type: ignore[assignment]
    return Timing(samples, found)


def _worker(side: str, index: int, repeat: int, warmup: int) -> None:
    keep_parse_headroom()  # as parse_page does at its first call: here for both sides alike
    case = cases()[index]
    run = ours if side == "ours" else BS_EXTRACTORS[case.kind]
    timing = measure(run, case, repeat, warmup)
    print(json.dumps([timing.samples, timing.found]))


def _found(found: Found, kind: str) -> str:
    if kind == "article":
        return "{}b {}l {}t {}r".format(*found)
    return f"{found[0]} rows"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=200, help="timed runs per page (200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed runs first (20)")
    parser.add_argument(
        "--processes", type=int, default=5, help="fresh processes per page and side (5)"
    )
    parser.add_argument("--worker", nargs=2, metavar=("SIDE", "PAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeat, warmup = max(1, args.repeat), max(0, args.warmup)
    processes = max(1, args.processes)
    if args.worker:
        _worker(args.worker[0], int(args.worker[1]), repeat, warmup)
        return 0

    with_bs = BS_IMPORT_ERROR is None
    print(
        f"python {sys.version.split()[0]}, {repeat} timed runs per page and side, in"
        f" {processes} fresh processes (each after {warmup} warm-up runs), collector on;"
        " times in ms (median / p90)"
    )
    header = f"{'page':32} {'KB':>6} {'ours med':>9} {'ours p90':>9}"
    if with_bs:
        header += f" {'bs4 med':>9} {'bs4 p90':>9} {'bs4/ours':>9}  found (ours | bs4)"
    else:
        header += "  found"
    print(header)
    print("-" * len(header))
    problems: list[str] = []
    for index, case in enumerate(cases()):
        mine = measure_apart("ours", index, repeat, warmup, processes)
        page = ours(case)[0]
        problems += [f"{case.name}: {problem}" for problem in getattr(page, "problems", ())]
        line = (
            f"{case.name:32} {len(case.data) / 1000:6.1f} {mine.median_ms:9.3f} {mine.p90_ms:9.3f}"
        )
        if with_bs:
            theirs = measure_apart("bs4", index, repeat, warmup, processes)
            ratio = theirs.median_ms / mine.median_ms
            line += (
                f" {theirs.median_ms:9.3f} {theirs.p90_ms:9.3f} {ratio:8.1f}x"
                f"  {_found(mine.found, case.kind)} | {_found(theirs.found, case.kind)}"
            )
        else:
            line += f"  {_found(mine.found, case.kind)}"
        print(line, flush=True)
    legend = "found: b = body blocks, l = links in the body, t = tags, r = related items"
    print(legend + ("; bs4 reads feeds with BeautifulSoup(data, 'xml')" if with_bs else ""))
    for problem in problems:  # our parsers found something amiss: the figures may mislead
        print(f"problem reported by our parser: {problem}")
    if not with_bs:
        print(
            f"\nBeautifulSoup/lxml are not installed ({BS_IMPORT_ERROR}), so there is no "
            "comparison. Install the bench extra:  pip install -e '.[bench]'"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
