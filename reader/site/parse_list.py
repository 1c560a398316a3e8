"""Recent-news list pages (today's list, day lists, tag pages) of both designs, to a NewsList.

Rows print only "HH:MM": the day comes from the `date_DDMMYYYY` URL, else a day header on the
page, else today in Kyiv. A list runs newest first, so where the times go up while walking
down, the rows from there on belong to the day before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.models import Edition, Headline, NewsList, PageKind
from reader.site.dates import at_kyiv_time, find_hhmm, today_in_kyiv
from reader.site.decode import html_source
from reader.site.editions import MONTHS_GENITIVE
from reader.site.guard import refusal
from reader.site.text import node_text, normalize_space
from reader.site.urls import (
    absolutize,
    day_of_list_url,
    edition_of,
    is_site_url,
    parse_story,
    tag_slug,
)

# Row selectors by design, most specific first. `mode1` is the full list; `mode2` repeats the
# important rows, so it is never read on its own.
_ROW_SELECTORS = (
    ".section_news_list_wrapper .article_news_list",  # new design (October 2025 -)
    ".container_sub_news_list_wrapper.mode1 .article_news_list",  # old design
    ".article_news_list",  # tag pages and wrappers renamed since
)
_ROW_LINK = ".article_title a[href], .article_header a[href]"
_ROW_TIME = ".article_time, .article_date"
_IMPORTANT_CLASSES = frozenset({"article_news_bold", "article_news_red"})
_BOLD_TITLE = ".article_title b, .article_title strong, .article_header b, .article_header strong"
_DAY_HEADERS = (
    ".section_header_date, .section_page_date, .section_news_list_date, .news_list_date, h1"
)
# The generic finder climbs at most this far from a story link to find the row's time.
_GENERIC_DEPTH = 3
_MONTHS = {
    name.casefold(): number
    for names in MONTHS_GENITIVE.values()
    for number, name in enumerate(names, start=1)
}
_MONTH_ALTERNATION = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_VISIBLE_DAY = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_ALTERNATION})(?![^\W\d_])(?:\s+(\d{{4}})(?!\d))?",
    re.IGNORECASE,
)
_NUMERIC_DAY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_ERROR_PAGE = re.compile(
    r"(?<!\d)(?:40[0-9]|50[0-9])(?!\d)|not found|access denied|attention required|just a moment"
    r"|forbidden|сторінку не знайдено|страница не найдена|помилка|ошибка",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Row:
    title: str
    url: str
    time: str
    day: date | None  # the date printed in the row (tag pages span many days)
    important: bool


def parse_list(
    data: bytes, url: str, *, content_type: str | None = None, today: date | None = None
) -> NewsList:
    """Read a news list page. Never raises: what could not be read is listed in `problems`."""
    try:
        return _parse(data, url, content_type, today)
    except Exception as exc:  # a bug must not take the reader down with the page
        return NewsList(
            kind=PageKind.LIST,
            url=url,
            edition=edition_of(url),
            day=None,
            problems=(f"The list could not be read (internal error: {type(exc).__name__}).",),
        )


def _parse(data: bytes, url: str, content_type: str | None, today: date | None) -> NewsList:
    source, _charset, decode_problems = html_source(data, content_type)
    problems = list(decode_problems)
    edition = edition_of(url)
    if (nesting := refusal(source)) is not None:
        return _result(url, edition, day_of_list_url(url), (), None, "", [*problems, nesting])
    tree = LexborHTMLParser(source)
    page_title = _first_text(tree, "title")

    fallback_today = today or today_in_kyiv()
    day = day_of_list_url(url) or _visible_day(tree, fallback_today) or fallback_today
    listed_day = None if tag_slug(url) is not None else day  # a tag page spans many days

    rows, skipped = _known_rows(tree, url, day)
    generic = not rows and not skipped
    if generic:
        heading = page_title or _first_text(tree, "h1")
        if _ERROR_PAGE.search(heading):
            problems.append(f"The page is an error page: {heading[:80]!r}.")
            return _result(url, edition, listed_day, (), None, page_title, problems)
        rows = _generic_rows(tree, url)
        if rows:
            problems.append("No known list layout; rows were found by their links and times.")
    if skipped:
        problems.append(f"Rows without a link or a title were skipped: {skipped}.")
    if not rows:
        problems.append("No news rows found.")
    untimed = sum(1 for row in rows if not row.time)
    if untimed:
        problems.append(f"Rows without a time: {untimed}.")

    items = tuple(_headlines(rows, url, day))
    previous_day = _previous_day(tree, url, day)
    return _result(url, edition, listed_day, items, previous_day, page_title, problems)


def _known_rows(tree: LexborHTMLParser, url: str, day: date) -> tuple[list[_Row], int]:
    """Rows of the first design selector that matches, and the count of rows without a link."""
    for selector in _ROW_SELECTORS:
        nodes = tree.css(selector)
        if not nodes:
            continue
        rows: list[_Row] = []
        skipped = 0
        for node in nodes:
            row = _read_row(node, url, day)
            if row is None:
                skipped += 1
            else:
                rows.append(row)
        return _unique(rows), skipped
    return [], 0


def _read_row(node: LexborNode, url: str, day: date) -> _Row | None:
    link = node.css_first(_ROW_LINK) or node.css_first("a[href]")
    href = absolutize(link.attributes.get("href"), url) if link is not None else None
    if link is None or href is None:
        return None
    title = node_text(link) or normalize_space(link.attributes.get("title") or "")
    if not title:
        return None
    # Tag pages print the date apart from the time: "09:10" ... "28 листопада 2025".
    stamp = " ".join(node_text(part) for part in node.css(_ROW_TIME))
    return _Row(title, href, find_hhmm(stamp) or "", _day_in(stamp, day), _is_important(node, link))


def _is_important(row: LexborNode, link: LexborNode) -> bool:
    """A bold or red row class, or a title set in bold."""
    if set((row.attributes.get("class") or "").split()) & _IMPORTANT_CLASSES:
        return True
    if row.css_first(_BOLD_TITLE) is not None or link.css_first("b, strong") is not None:
        return True
    parent = link.parent
    return parent is not None and parent.tag in ("b", "strong")


def _generic_rows(tree: LexborHTMLParser, url: str) -> list[_Row]:
    """Last resort: every story link with a time of day printed next to it, in page order."""
    rows: list[_Row] = []
    for link in tree.css("a[href]"):
        href = absolutize(link.attributes.get("href"), url)
        if href is None or parse_story(href) is None:
            continue
        title = node_text(link)
        row = _row_around(link, title) if title else None
        if row is not None:
            stamp, node = row
            rows.append(_Row(title, href, stamp, None, _is_important(node, link)))
    return _unique(rows)


def _row_around(link: LexborNode, title: str) -> tuple[str, LexborNode] | None:
    """The nearest ancestor of a link that prints an HH:MM outside the link, and that time."""
    node = link.parent
    for _ in range(_GENERIC_DEPTH):
        if node is None or node.tag in ("body", "html"):
            return None
        if len(node.css("a[href]")) > 1:
            return None  # the ancestor holds other rows too: the time would be theirs
        stamp = find_hhmm(node_text(node).replace(title, " ", 1))
        if stamp:
            return stamp, node
        node = node.parent
    return None


def _headlines(rows: list[_Row], page_url: str, day: date) -> Iterator[Headline]:
    """Rows to headlines, the day stepping back wherever the times go up."""
    previous_time = ""
    for row in rows:
        if row.day is not None:
            published = at_kyiv_time(row.day, row.time) if row.time else None
        elif row.time:
            if previous_time and row.time > previous_time:
                day -= timedelta(days=1)
            previous_time = row.time
            published = at_kyiv_time(day, row.time)
        else:
            published = None
        external = not is_site_url(row.url, page_url)
        story = None if external else parse_story(row.url)
        yield Headline(
            title=row.title,
            url=row.url,
            time=row.time,
            published=published,
            important=row.important,
            external=external,
            edition=story.edition if story else None,
            id=story.id if story else None,
        )


def _previous_day(tree: LexborHTMLParser, page_url: str, day: date) -> str | None:
    """The first link to a day list earlier than the page's day."""
    for link in tree.css("a[href]"):
        href = absolutize(link.attributes.get("href"), page_url)
        linked_day = day_of_list_url(href) if href else None
        if href and linked_day is not None and linked_day < day:
            return href
    return None


def _visible_day(tree: LexborHTMLParser, today: date) -> date | None:
    """The day a day header prints ("Пʼятниця, 28 листопада 2025")."""
    for node in tree.css(_DAY_HEADERS):
        day = _day_in(node_text(node), today)
        if day is not None:
            return day
    return None


def _day_in(text: str, near: date) -> date | None:
    """The first date in the text: "28 листопада[ 2025]" (uk/ru/en) or "28.11.2025".

    Without a printed year it is the latest such date not after the day after `near`.
    """
    try:
        match = _VISIBLE_DAY.search(text)
        if match is not None:
            month, day = _MONTHS[match[2].casefold()], int(match[1])
            if match[3]:
                return date(int(match[3]), month, day)
            found = date(near.year, month, day)
            return found if found <= near + timedelta(days=1) else date(near.year - 1, month, day)
        match = _NUMERIC_DAY.search(text)
        if match is not None:
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:  # 30 February, year 0, ...
        return None
    return None


def _unique(rows: list[_Row]) -> list[_Row]:
    """Rows in order, each URL once (a story can appear twice, e.g. in a pinned block)."""
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row.url not in seen:
            seen.add(row.url)
            unique.append(row)
    return unique


def _first_text(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return node_text(node) if node is not None else ""


def _result(
    url: str,
    edition: Edition,
    day: date | None,
    items: tuple[Headline, ...],
    previous_day: str | None,
    title: str,
    problems: list[str],
) -> NewsList:
    return NewsList(
        kind=PageKind.LIST,
        url=url,
        edition=edition,
        day=day,
        items=items,
        previous_day=previous_day,
        title=title,
        problems=tuple(problems),
    )
