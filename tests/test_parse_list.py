"""News list pages of both designs, day lists and tag pages: rows, days, flags, robustness."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader
from reader.models import Edition, NewsList, Page, PageKind
from reader.site.dates import KYIV
from reader.site.pages import parse_page
from reader.site.parse_list import parse_list
from reader.site.urls import day_of_list_url, edition_of, parse_story, tag_slug

SITE = Path(reader.__file__).parent / "demo" / "site"
ORIGIN = "https://www.pravda.com.ua"
FIXTURE_TODAY = date(2025, 11, 28)
LIST_PATH = re.compile(r"(?:(?:rus|eng)/)?(?:news(?:/date_\d{8})?|tags/[^/]+)")
PREFIXES = {Edition.UK: "", Edition.RU: "/rus", Edition.EN: "/eng"}


def list_fixtures() -> list[tuple[str, Path]]:
    """(URL, file) of every list page of the demo site: today's lists, day lists, tag pages."""
    found = []
    for path in sorted(SITE.rglob("index.html")):
        folder = path.parent.relative_to(SITE).as_posix()
        if LIST_PATH.fullmatch(folder):
            found.append((f"{ORIGIN}/{folder}/", path))
    return found


FIXTURES = list_fixtures()
FIXTURE_IDS = [url.removeprefix(ORIGIN) for url, _ in FIXTURES]


def page(rows: str, *, head: str = "", wrapper: str = "section_news_list_wrapper") -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Новини</title>{head}</head>'
        f'<body><div class="{wrapper}">{rows}</div></body></html>'
    ).encode()


def row(time: str, href: str, title: str, classes: str = "") -> str:
    return (
        f'<div class="article_news_list {classes}"><div class="article_time">{time}</div>'
        f'<div class="article_title"><a href="{href}">{title}</a></div></div>'
    )


def story(day: str, story_id: int, prefix: str = "") -> str:
    return f"{ORIGIN}{prefix}/news/{day}/{story_id}/"


# ------------------------------------------------------------------------- fixtures


def test_the_demo_site_has_list_fixtures_in_every_edition() -> None:
    # Each edition has at least its day list of the day before (old design).
    for prefix in ("", "/rus", "/eng"):
        assert f"{prefix}/news/date_27112025/" in FIXTURE_IDS


@pytest.mark.parametrize(("url", "path"), FIXTURES, ids=FIXTURE_IDS)
def test_every_list_fixture_parses(url: str, path: Path) -> None:
    result = parse_list(path.read_bytes(), url, today=FIXTURE_TODAY)
    assert result.kind is PageKind.LIST
    assert result.problems == ()
    assert result.edition is edition_of(url)
    assert len(result.items) >= 5
    for item in result.items:
        assert re.fullmatch(r"\d\d:\d\d", item.time), item
        assert item.published is not None and item.published.tzinfo is KYIV
        assert item.published.strftime("%H:%M") == item.time
        assert item.url.startswith(("https://", "http://")), item.url
        assert item.title and item.title == " ".join(item.title.split())
        if not item.external:
            assert item.url.startswith(ORIGIN + "/")
            ref = parse_story(item.url)
            if ref is not None:
                assert (item.edition, item.id) == (ref.edition, ref.id)
    # Newest first: the published times never go up.
    moments = [item.published for item in result.items if item.published]
    assert moments == sorted(moments, reverse=True)
    assert len({item.url for item in result.items}) == len(result.items)


@pytest.mark.parametrize(("url", "path"), FIXTURES, ids=FIXTURE_IDS)
def test_list_fixture_days_and_previous_day(url: str, path: Path) -> None:
    result = parse_list(path.read_bytes(), url, today=FIXTURE_TODAY)
    prefix = PREFIXES[edition_of(url)]
    listed_day = day_of_list_url(url)
    if tag_slug(url) is not None:
        assert result.day is None
        return
    if listed_day is None:  # today's list
        assert result.day == FIXTURE_TODAY
        assert result.previous_day == f"{ORIGIN}{prefix}/news/date_27112025/"
        assert result.items[0].published is not None
        assert result.items[0].published.date() == FIXTURE_TODAY
        return
    assert result.day == listed_day
    assert all(item.published and item.published.date() == listed_day for item in result.items)
    if result.previous_day is not None:
        previous = day_of_list_url(result.previous_day)
        assert previous == listed_day - timedelta(days=1)
        assert result.previous_day.startswith(f"{ORIGIN}{prefix}/news/date_")


def test_old_design_day_list_reads_rows_flags_and_relative_links() -> None:
    url = f"{ORIGIN}/news/date_27112025/"
    result = parse_list((SITE / "news/date_27112025/index.html").read_bytes(), url)
    first = result.items[0]
    assert first.time == "23:41"
    assert first.published == datetime(2025, 11, 27, 23, 41, tzinfo=KYIV)
    assert first.url == f"{ORIGIN}/news/2025/11/27/8019985/"  # written relative in the page
    assert first.title.startswith("У Харкові лунають вибухи")  # windows-1251 page
    assert any(item.important for item in result.items)
    assert any(item.external for item in result.items)
    assert result.previous_day == f"{ORIGIN}/news/date_26112025/"


def test_todays_list_continues_into_the_day_before() -> None:
    result = parse_list(
        (SITE / "news/index.html").read_bytes(), f"{ORIGIN}/news/", today=FIXTURE_TODAY
    )
    days = [item.published.date() for item in result.items if item.published]
    assert days[0] == FIXTURE_TODAY
    assert date(2025, 11, 27) in days  # the rows after the times go up


@pytest.mark.parametrize(
    ("url", "path"),
    [(url, path) for url, path in FIXTURES if tag_slug(url)],
    ids=[url.removeprefix(ORIGIN) for url, _ in FIXTURES if tag_slug(url)],
)
def test_tag_page_rows_carry_their_own_dates(url: str, path: Path) -> None:
    result = parse_list(path.read_bytes(), url, today=FIXTURE_TODAY)
    for item in result.items:
        ref = parse_story(item.url)
        assert ref is not None and item.published is not None
        assert item.published.date() == ref.day


# ------------------------------------------------------------------------- synthetic pages


def test_new_design_row() -> None:
    data = page(row("14:30", "/eng/news/2025/11/28/8020001/", "<span>Big</span> <span>news</span>"))
    result = parse_list(data, f"{ORIGIN}/eng/news/", today=FIXTURE_TODAY)
    [item] = result.items
    assert item.title == "Big news"
    assert item.url == story("2025/11/28", 8020001, "/eng")
    assert item.published == datetime(2025, 11, 28, 14, 30, tzinfo=KYIV)
    assert (item.edition, item.id, item.important, item.external) == (
        Edition.EN,
        8020001,
        False,
        False,
    )
    assert result.edition is Edition.EN
    assert result.day == FIXTURE_TODAY
    assert result.problems == ()


def test_words_in_titles_stay_apart() -> None:
    title = "<span>Зеленський</span>\n<span>зустрівся</span><br><span>з</span>&nbsp;генсеком"
    data = page(row("10:00", "/news/2025/11/28/1/", title))
    [item] = parse_list(data, f"{ORIGIN}/news/", today=FIXTURE_TODAY).items
    assert item.title == "Зеленський зустрівся з генсеком"


def test_times_going_up_move_the_rest_to_the_day_before() -> None:
    rows = "".join(
        row(time, f"/news/2025/11/2{n}/{n}/", f"Row {n}")
        for n, time in enumerate(["00:40", "00:05", "23:55", "12:00", "23:10", "22:00"])
    )
    result = parse_list(page(rows), f"{ORIGIN}/news/", today=date(2025, 11, 28))
    days = [item.published.date() if item.published else None for item in result.items]
    assert days == [date(2025, 11, d) for d in (28, 28, 27, 27, 26, 26)]
    assert [item.time for item in result.items] == [
        "00:40",
        "00:05",
        "23:55",
        "12:00",
        "23:10",
        "22:00",
    ]


def test_equal_times_stay_on_the_same_day() -> None:
    rows = row("10:00", "/news/a/", "A") + row("10:00", "/news/b/", "B")
    result = parse_list(page(rows), f"{ORIGIN}/news/", today=FIXTURE_TODAY)
    assert {item.published for item in result.items} == {datetime(2025, 11, 28, 10, 0, tzinfo=KYIV)}


def test_the_day_comes_from_the_url_then_a_header_then_today() -> None:
    rows = row("10:00", "/news/2025/11/20/1/", "A")
    header = '<div class="section_header_date"><span>П’ятниця, 21 листопада 2025</span></div>'
    body = page(header + rows)
    assert parse_list(body, f"{ORIGIN}/news/date_20112025/", today=FIXTURE_TODAY).day == date(
        2025, 11, 20
    )
    assert parse_list(body, f"{ORIGIN}/news/", today=FIXTURE_TODAY).day == date(2025, 11, 21)
    assert parse_list(page(rows), f"{ORIGIN}/news/", today=FIXTURE_TODAY).day == FIXTURE_TODAY
    english = page('<div class="section_header_date">Thursday, 20 November</div>' + rows)
    assert parse_list(english, f"{ORIGIN}/eng/news/", today=FIXTURE_TODAY).day == date(2025, 11, 20)


def test_without_today_the_day_is_today_in_kyiv() -> None:
    result = parse_list(page(row("10:00", "/news/2025/11/28/1/", "A")), f"{ORIGIN}/news/")
    assert result.day == datetime.now(KYIV).date() or result.day == (
        datetime.now(KYIV).date() - timedelta(days=1)  # the test ran across midnight
    )


def test_important_flags() -> None:
    rows = (
        row("12:00", "/news/1/", "Bold row", "article_news_bold")
        + row("11:00", "/news/2/", "Red row", "article_news_red")
        + row("10:00", "/news/3/", "<b>Bold title</b>")
        + row("09:00", "/news/4/", "<strong>Strong</strong> title")
        + row("08:00", "/news/5/", "Plain", "article_news_img")
    )
    result = parse_list(page(rows), f"{ORIGIN}/news/", today=FIXTURE_TODAY)
    assert [item.important for item in result.items] == [True, True, True, True, False]


def test_external_links_and_ids() -> None:
    rows = (
        row("12:00", "https://www.epravda.com.ua/news/2025/11/28/815903/", "Sister")
        + row("11:00", "https://life.pravda.com.ua/society/x-312455/", "Life")
        + row("10:00", "http://127.0.0.1:8123/rus/news/2025/11/28/8020002/", "Demo host")
    )
    result = parse_list(page(rows), "http://127.0.0.1:8123/rus/news/", today=FIXTURE_TODAY)
    assert [item.external for item in result.items] == [True, True, False]
    assert [item.id for item in result.items] == [None, None, 8020002]
    assert result.items[2].edition is Edition.RU


def test_old_design_reads_mode1_only() -> None:
    old_row = (
        '<div class="article_news_list article_news_bold"><div class="article_time">09:15</div>'
        '<div class="article_content"><div class="article_header">'
        '<a href="/rus/news/2025/11/27/8019985/"><span>Заголовок</span></a></div>'
        '<div class="article_subheader">Подзаголовок</div></div></div>'
    )
    body = (
        '<div class="container_sub_news_list_wrapper mode1">' + old_row + "</div>"
        '<div class="container_sub_news_list_wrapper mode2">' + old_row + "</div>"
    ).encode()
    result = parse_list(body, f"{ORIGIN}/rus/news/date_27112025/")
    [item] = result.items
    assert (item.title, item.important, item.edition) == ("Заголовок", True, Edition.RU)
    assert item.published == datetime(2025, 11, 27, 9, 15, tzinfo=KYIV)


def test_previous_day_is_the_first_earlier_day_link() -> None:
    links = (
        '<a href="/news/date_29112025/">next</a> <a href="/news/2025/11/27/1/">story</a>'
        '<a href="/news/date_27112025/">previous</a> <a href="/news/date_26112025/">older</a>'
    )
    result = parse_list(
        page(links + row("10:00", "/news/1/", "A")), f"{ORIGIN}/news/", today=FIXTURE_TODAY
    )
    assert result.previous_day == f"{ORIGIN}/news/date_27112025/"
    no_link = parse_list(page(row("10:00", "/news/1/", "A")), f"{ORIGIN}/news/")
    assert no_link.previous_day is None


def test_tag_page_rows_with_dates() -> None:
    rows = (
        '<div class="article_news_list"><div class="article_date">28 листопада, 14:30</div>'
        '<div class="article_title"><a href="/news/2025/11/28/8020001/">A</a></div></div>'
        '<div class="article_news_list"><div class="article_date">3 грудня 2024, 09:05</div>'
        '<div class="article_title"><a href="/news/2024/12/3/7400001/">B</a></div></div>'
    )
    result = parse_list(
        page(rows, wrapper="section_tags"), f"{ORIGIN}/tags/nato/", today=FIXTURE_TODAY
    )
    assert result.day is None
    assert [item.published for item in result.items] == [
        datetime(2025, 11, 28, 14, 30, tzinfo=KYIV),
        datetime(2024, 12, 3, 9, 5, tzinfo=KYIV),
    ]
    assert [item.time for item in result.items] == ["14:30", "09:05"]


def test_rows_without_a_link_or_a_time_are_reported() -> None:
    rows = (
        row("12:00", "/news/1/", "Good")
        + '<div class="article_news_list"><div class="article_time">11:00</div>No link</div>'
        + row("10:00", "javascript:void(0)", "Script link")
        + '<div class="article_news_list"><div class="article_title">'
        '<a href="/news/2/">No time</a></div></div>'
    )
    result = parse_list(page(rows), f"{ORIGIN}/news/", today=FIXTURE_TODAY)
    assert [item.title for item in result.items] == ["Good", "No time"]
    assert result.items[1].published is None
    assert result.problems == (
        "Rows without a link or a title were skipped: 2.",
        "Rows without a time: 1.",
    )


def test_generic_finder_reads_an_unknown_layout() -> None:
    body = (
        b"<html><body><ul class='feed'>"
        b"<li><time>15:40</time> <a href='/news/2025/11/28/8020009/'>Unknown layout</a></li>"
        b"<li><time>15:10</time> <a href='/news/2025/11/28/8020008/'><b>Second</b></a></li>"
        b"<li><a href='/about/'>About 10:00</a></li>"
        b"</ul></body></html>"
    )
    result = parse_list(body, f"{ORIGIN}/news/", today=FIXTURE_TODAY)
    assert [(item.time, item.title, item.important) for item in result.items] == [
        ("15:40", "Unknown layout", False),
        ("15:10", "Second", True),
    ]
    assert result.problems == ("No known list layout; rows were found by their links and times.",)


def test_the_seed_article_is_not_mistaken_for_a_list_by_parse_page() -> None:
    url = f"{ORIGIN}/eng/news/2025/08/23/7527766/"
    data = (SITE / "eng/news/2025/08/23/7527766/index.html").read_bytes()
    assert parse_page(data, url).kind is PageKind.ARTICLE
    # Read as a list anyway, its RECENT NEWS column is what the generic finder sees.
    rows = parse_list(data, url, today=FIXTURE_TODAY).items
    assert [item.time for item in rows][:3] == ["11:43", "11:28", "11:07"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<html><head><title>404 Not Found</title></head><body>nothing</body></html>", "error"),
        (b"<html><head><title>Just a moment...</title></head></html>", "error"),
        (
            b"<html><head><title>Recipes</title></head><body><a href='/x/'>x</a></body></html>",
            "No news rows found.",
        ),
        (b"", "No news rows found."),
        (b"\x00\xff\xfe garbage", "No news rows found."),
    ],
)
def test_error_and_unrelated_pages_give_no_items(body: bytes, problem: str) -> None:
    result = parse_list(body, f"{ORIGIN}/news/", today=FIXTURE_TODAY)
    assert result.items == ()
    assert any(problem in text for text in result.problems), result.problems


def test_windows_1251_page_without_a_declared_charset() -> None:
    html = '<div class="section_news_list_wrapper">' + row("10:00", "/news/1/", "Новина") + "</div>"
    result = parse_list(html.encode("cp1251"), f"{ORIGIN}/news/", today=FIXTURE_TODAY)
    assert result.items[0].title == "Новина"


def test_deeply_nested_input_does_not_break_the_parser() -> None:
    data = b"<div>" * 9_000 + row("10:00", "/news/1/", "Deep").encode() + b"</div>" * 9_000
    result = parse_list(data, f"{ORIGIN}/news/", today=FIXTURE_TODAY)
    assert [item.title for item in result.items] == ["Deep"]


# ---------------------------------------------------------------------------- robustness

SAMPLES = [
    *(path.read_bytes() for _, path in FIXTURES[:4]),
    page(row("10:00", "/news/1/", "A", "article_news_bold")),
]
ROBUST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def check(result: NewsList) -> None:
    assert isinstance(result, NewsList)
    assert not any("internal error" in problem for problem in result.problems), result.problems


@ROBUST
@given(sample=st.sampled_from(SAMPLES), data=st.data())
def test_truncated_pages_never_raise(sample: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(sample)))
    check(parse_list(sample[:cut], f"{ORIGIN}/news/", today=FIXTURE_TODAY))


@ROBUST
@given(
    sample=st.sampled_from(SAMPLES),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=8)), max_size=8),
)
def test_mutated_pages_never_raise(sample: bytes, edits: list[tuple[float, bytes]]) -> None:
    mutated = bytearray(sample)
    for where, replacement in edits:
        at = int(where * len(mutated))
        mutated[at : at + len(replacement)] = replacement
    check(parse_list(bytes(mutated), f"{ORIGIN}/news/date_27112025/"))


@ROBUST
@given(data=st.binary(max_size=2000), url=st.text(max_size=60))
def test_random_bytes_never_raise(data: bytes, url: str) -> None:
    check(parse_list(data, url, content_type="text/html; charset=windows-1251"))


@ROBUST
@given(
    parts=st.lists(
        st.sampled_from(
            [
                '<div class="section_news_list_wrapper">',
                '<div class="article_news_list article_news_bold">',
                '<div class="article_time">',
                '<div class="article_title">',
                '<a href="/news/2025/11/28/8020001/">',
                '<a href="/news/date_27112025/">',
                "<a href=''>",
                "</a>",
                "</div>",
                "<b>",
                "23:59",
                "00:00",
                "99:99",
                "Новина ",
            ]
        ),
        max_size=40,
    )
)
def test_random_list_markup_never_raises(parts: list[str]) -> None:
    check(parse_list("".join(parts).encode(), f"{ORIGIN}/news/", today=FIXTURE_TODAY))


# ------------------------------------------------------------------------- parse_page


def demo_pages() -> list[tuple[str, Path]]:
    """(URL, file) of every page of the demo site, the URL from the file's path."""
    pages = []
    for path in sorted(SITE.rglob("index.*")):
        folder = path.parent.relative_to(SITE).as_posix()
        suffix = "index.amp" if path.name == "index.amp" else ""
        pages.append((f"{ORIGIN}/{folder}/{suffix}", path))
    return pages


DEMO_PAGES = demo_pages()


def expected_kind(url: str) -> PageKind:
    if "/rss/" in url:
        return PageKind.FEED
    return PageKind.ARTICLE if parse_story(url) else PageKind.LIST


@pytest.mark.parametrize(
    ("url", "path"), DEMO_PAGES, ids=[url.removeprefix(ORIGIN) for url, _ in DEMO_PAGES]
)
def test_parse_page_dispatches_every_demo_page(url: str, path: Path) -> None:
    data = path.read_bytes()
    kind = expected_kind(url)
    assert parse_page(data, url).kind is kind
    # A URL that says nothing leaves it to the content.
    assert parse_page(data, "https://example.org/saved-page").kind is kind


def test_parse_page_of_an_unknown_page_says_so() -> None:
    result = parse_page(b"<html><body><p>Hello</p></body></html>", "https://example.org/")
    assert isinstance(result, NewsList)
    assert result.items == ()
    assert result.problems[-1] == (
        "Not a page of a known kind: no article, news list or feed was found."
    )


PAGE_SAMPLES = [
    (url, path.read_bytes())
    for url, path in DEMO_PAGES
    if path.parent.name in ("news", "nato", "7527766", "view_news")
]


def check_page(result: Page) -> None:
    assert result.kind in tuple(PageKind)
    assert not any("internal error" in problem for problem in result.problems), result.problems


@ROBUST
@given(sample=st.sampled_from(PAGE_SAMPLES), data=st.data())
def test_parse_page_of_truncated_pages_never_raises(
    sample: tuple[str, bytes], data: st.DataObject
) -> None:
    url, body = sample
    cut = data.draw(st.integers(0, len(body)))
    check_page(parse_page(body[:cut], url))
    check_page(parse_page(body[:cut], "https://example.org/x"))


@ROBUST
@given(
    sample=st.sampled_from(PAGE_SAMPLES),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=8)), max_size=8),
)
def test_parse_page_of_mutated_pages_never_raises(
    sample: tuple[str, bytes], edits: list[tuple[float, bytes]]
) -> None:
    url, body = sample
    mutated = bytearray(body)
    for where, replacement in edits:
        at = int(where * len(mutated))
        mutated[at : at + len(replacement)] = replacement
    check_page(parse_page(bytes(mutated), url))


@ROBUST
@given(data=st.binary(max_size=2000), url=st.sampled_from([url for url, _ in PAGE_SAMPLES]))
def test_parse_page_of_random_bytes_never_raises(data: bytes, url: str) -> None:
    check_page(parse_page(data, url))
