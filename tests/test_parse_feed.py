"""RSS 2.0 feeds from raw bytes: encodings, items, Kyiv times, refusal and recovery."""

from __future__ import annotations

import html
import re
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader
from reader.models import Edition, Headline, NewsList, PageKind
from reader.site.dates import KYIV
from reader.site.pages import parse_page
from reader.site.parse_feed import parse_feed
from reader.site.urls import edition_of, parse_story

SITE = Path(reader.__file__).parent / "demo" / "site"
ORIGIN = "https://www.pravda.com.ua"
FEED_URL = f"{ORIGIN}/rss/view_news/"
XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding=["']([^"']+)""")
FIRST_ITEM_TITLE = re.compile(r"<item\b.*?<title>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</title>", re.S)


def feed_fixtures() -> list[tuple[str, Path]]:
    """(URL, file) of every RSS feed of the demo site."""
    found = []
    for path in sorted(SITE.rglob("index.xml")):
        folder = path.parent.relative_to(SITE).as_posix()
        if re.fullmatch(r"(?:(?:rus|eng)/)?rss(?:/[\w-]+)*", folder):
            found.append((f"{ORIGIN}/{folder}/", path))
    return found


FIXTURES = feed_fixtures()
FIXTURE_IDS = [url.removeprefix(ORIGIN) for url, _ in FIXTURES]


def item(title: str, link: str, pub_date: str = "Fri, 28 Nov 2025 12:31:00 +0200") -> str:
    return f"<item><title>{title}</title><link>{link}</link><pubDate>{pub_date}</pubDate></item>"


def feed(items: str, *, encoding: str | None = "utf-8", title: str = "УП - Новини") -> str:
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n' if encoding else ""
    return (
        f'{declaration}<rss version="2.0"><channel><title>{title}</title>'
        f"<language>uk</language><ttl>60</ttl>{items}</channel></rss>"
    )


THREE_ITEMS = (
    item("Перша новина", f"{ORIGIN}/news/2025/11/28/8020003/")
    + item("Друга &quot;новина&quot;", "/news/2025/11/28/8020002/", "Fri, 28 Nov 2025 08:15:00 GMT")
    + item("Сестринський сайт", "https://www.epravda.com.ua/news/2025/11/27/815903/")
)


# ------------------------------------------------------------------------- fixtures


def test_the_demo_site_has_feeds_in_every_edition() -> None:
    assert {edition_of(url) for url, _ in FIXTURES} == set(Edition)


@pytest.mark.parametrize(("url", "path"), FIXTURES, ids=FIXTURE_IDS)
def test_every_feed_fixture_parses(url: str, path: Path) -> None:
    result = parse_feed(path.read_bytes(), url)
    assert result.kind is PageKind.FEED
    assert result.problems == ()
    assert result.edition is edition_of(url)
    assert result.title
    assert len(result.items) >= 5
    for entry in result.items:
        assert entry.title and entry.title == " ".join(entry.title.split())
        assert entry.url.startswith(("https://", "http://"))
        assert entry.published is not None and entry.published.tzinfo is KYIV
        assert entry.time == entry.published.strftime("%H:%M")
        ref = None if entry.external else parse_story(entry.url)
        if ref is not None:
            assert (entry.edition, entry.id) == (ref.edition, ref.id)
    moments = [entry.published for entry in result.items if entry.published]
    assert result.day == max(moments).date()


@pytest.mark.parametrize(("url", "path"), FIXTURES, ids=FIXTURE_IDS)
def test_feed_fixture_titles_match_the_bytes(url: str, path: Path) -> None:
    """The first item's title as an independent decode of the file reads it."""
    data = path.read_bytes()
    declared = XML_ENCODING.match(data)
    text = data.decode(declared.group(1).decode() if declared else "utf-8")
    expected = FIRST_ITEM_TITLE.search(text)
    assert expected is not None
    title = " ".join(html.unescape(expected.group(1)).split())
    assert parse_feed(data, url).items[0].title == title


def test_windows_1251_fixtures_read_cyrillic() -> None:
    cp1251 = [
        (url, path)
        for url, path in FIXTURES
        if (match := XML_ENCODING.match(path.read_bytes()))
        and match.group(1).lower() in (b"windows-1251", b"cp1251")
    ]
    assert cp1251, "the demo site has a windows-1251 feed"
    for url, path in cp1251:
        result = parse_feed(path.read_bytes(), url)
        assert re.search("[а-яіїєґ]", result.title + result.items[0].title, re.I)
        assert "\ufffd" not in "".join(entry.title for entry in result.items)


@pytest.mark.parametrize(
    ("folder", "channel", "first"),
    [
        ("rss/view_news", "Українська правда", "Росіяни обстріляли Херсон: поранено двох людей"),
        (
            "rus/rss/view_news",
            "Украинская правда",
            "Россияне обстреляли Херсон: ранены два человека",
        ),
    ],
)
def test_known_windows_1251_titles(folder: str, channel: str, first: str) -> None:
    data = (SITE / folder / "index.xml").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="windows-1251"?>')
    result = parse_feed(data, f"{ORIGIN}/{folder}/")
    assert (result.title, result.items[0].title) == (channel, first)


# ------------------------------------------------------------------------- synthetic feeds


def test_windows_1251_feed_from_raw_bytes() -> None:
    data = feed(THREE_ITEMS, encoding="windows-1251").encode("cp1251")
    result = parse_feed(data, FEED_URL)
    assert result.title == "УП - Новини"
    assert [entry.title for entry in result.items] == [
        "Перша новина",
        'Друга "новина"',
        "Сестринський сайт",
    ]
    assert result.problems == ()


def test_items() -> None:
    result = parse_feed(feed(THREE_ITEMS).encode(), FEED_URL)
    first, second, third = result.items
    assert first == Headline(
        title="Перша новина",
        url=f"{ORIGIN}/news/2025/11/28/8020003/",
        time="12:31",
        published=datetime(2025, 11, 28, 12, 31, tzinfo=KYIV),
        edition=Edition.UK,
        id=8020003,
    )
    # Relative links resolve against the feed; GMT becomes Kyiv time.
    assert second.url == f"{ORIGIN}/news/2025/11/28/8020002/"
    assert (second.time, second.published) == ("10:15", datetime(2025, 11, 28, 10, 15, tzinfo=KYIV))
    assert (third.external, third.id, third.edition) == (True, None, None)
    assert result.day == date(2025, 11, 28)
    assert result.previous_day is None


def test_summer_offset() -> None:
    data = feed(item("Літо", "/news/1/", "Sat, 23 Aug 2025 08:07:00 +0000")).encode()
    [entry] = parse_feed(data, FEED_URL).items
    assert entry.time == "11:07"
    assert entry.published is not None and entry.published.utcoffset() is not None
    assert entry.published.isoformat() == "2025-08-23T11:07:00+03:00"


@pytest.mark.parametrize(
    ("url", "language", "edition"),
    [
        (f"{ORIGIN}/eng/rss/", "en", Edition.EN),
        (f"{ORIGIN}/rus/rss/", "uk", Edition.RU),  # the URL's prefix wins
        (f"{ORIGIN}/rss/", "ru-RU", Edition.RU),  # no prefix: the feed's language tells
        ("https://example.org/feed.xml", "en", Edition.EN),
        (f"{ORIGIN}/rss/", "", Edition.UK),
    ],
)
def test_edition_from_url_or_language(url: str, language: str, edition: Edition) -> None:
    data = feed(item("X", "/news/1/")).replace("<language>uk", f"<language>{language}").encode()
    assert parse_feed(data, url).edition is edition


def test_undeclared_windows_1251_is_sniffed() -> None:
    result = parse_feed(feed(THREE_ITEMS, encoding=None).encode("cp1251"), FEED_URL)
    assert result.items[0].title == "Перша новина"
    assert result.problems == (
        "The feed declares no encoding and is not UTF-8; read as windows-1251.",
    )


def test_undeclared_encoding_from_the_http_header() -> None:
    data = feed(THREE_ITEMS, encoding=None).encode("cp1251")
    result = parse_feed(data, FEED_URL, content_type="application/rss+xml; charset=windows-1251")
    assert (result.items[0].title, result.problems) == ("Перша новина", ())


def test_the_declaration_wins_over_the_http_header() -> None:
    data = feed(THREE_ITEMS, encoding="windows-1251").encode("cp1251")
    result = parse_feed(data, FEED_URL, content_type="application/rss+xml; charset=utf-8")
    assert result.items[0].title == "Перша новина"


def test_a_wrong_declaration_is_not_believed() -> None:
    says_utf8 = parse_feed(feed(THREE_ITEMS, encoding="utf-8").encode("cp1251"), FEED_URL)
    assert says_utf8.items[0].title == "Перша новина"
    assert says_utf8.problems == ("The feed declares UTF-8 but is not; read as windows-1251.",)
    says_1251 = parse_feed(feed(THREE_ITEMS, encoding="windows-1251").encode(), FEED_URL)
    assert says_1251.items[0].title == "Перша новина"
    assert says_1251.problems == (
        "The feed declares windows-1251 but its bytes are UTF-8; read as UTF-8.",
    )


def test_utf16_with_a_byte_order_mark() -> None:
    result = parse_feed(feed(THREE_ITEMS, encoding="utf-16").encode("utf-16"), FEED_URL)
    assert [entry.title for entry in result.items][:1] == ["Перша новина"]


def test_leading_white_space_before_the_declaration_is_tolerated() -> None:
    result = parse_feed(b"\n  " + feed(THREE_ITEMS).encode(), FEED_URL)
    assert len(result.items) == 3


def test_truncated_feed_keeps_complete_items() -> None:
    data = feed(THREE_ITEMS).encode()
    cut = data.index(b"<item>", data.index(b"<item>") + 1) + 30
    result = parse_feed(data[:cut], FEED_URL)
    assert [entry.title for entry in result.items] == ["Перша новина"]
    assert result.problems == (
        "The feed is truncated at line 2. Complete items before it were kept: 1.",
    )


def test_broken_feed_keeps_items_before_the_damage() -> None:
    broken = THREE_ITEMS.replace("Сестринський сайт", "Сестринський&nbsp;сайт")
    result = parse_feed(feed(broken).encode(), FEED_URL)
    assert [entry.title for entry in result.items] == ["Перша новина", 'Друга "новина"']
    [problem] = result.problems
    assert problem.startswith("The feed is broken at line 2, column ")
    assert "(undefined entity)" in problem


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]><rss/>',
        b'<!DOCTYPE rss SYSTEM "http://example.org/rss.dtd"><rss/>',
        b"<!-- a comment --><!ENTITY x 'y'><rss/>",
        '<!DOCTYPE rss [<!ENTITY a "b">]><rss/>'.encode("utf-16"),
    ],
)
def test_doctype_and_entity_declarations_are_refused(data: bytes) -> None:
    result = parse_feed(data, FEED_URL)
    assert result.items == ()
    assert result.problems == (
        "The feed has a DOCTYPE or ENTITY declaration; refused (entity expansion).",
    )


def test_billion_laughs_is_refused_at_once() -> None:
    entities = "".join(
        f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' if n else '<!ENTITY l0 "lol">' for n in range(10)
    )
    data = f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss><channel><title>&l9;</title>'
    started = time.perf_counter()
    result = parse_feed((data + "</channel></rss>").encode(), FEED_URL)
    assert time.perf_counter() - started < 5  # generous: a refused feed is never expanded
    assert result.title == ""
    assert "refused" in result.problems[0]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "The feed is empty."),
        (b"  \n", "The feed is empty."),
        (b"<!DOCTYPE html><html><body>Error 503</body></html>", "an HTML page"),
        (b"<html><body>403 Forbidden</body></html>", "root element is <html>"),
        (b'<?xml version="1.0"?><rss><channel></channel></rss>', "The feed has no items."),
        (b'<?xml version="1.0" encoding="bogus-8"?><rss/>', "unknown encoding 'bogus-8'"),
        (b'<?xml version="1.0" encoding="shift_jis"?><rss/>', "cannot be decoded"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "broken"),
    ],
)
def test_what_is_not_a_feed_gives_no_items(data: bytes, problem: str) -> None:
    result = parse_feed(data, FEED_URL)
    assert result.items == ()
    assert any(problem in text for text in result.problems), result.problems


def test_items_without_link_title_or_date() -> None:
    items = (
        item("Good", "/news/1/")
        + "<item><title>No link</title></item>"
        + "<item><link>/news/2/</link></item>"
        + "<item><title>Guid only</title><guid>https://www.pravda.com.ua/news/3/</guid></item>"
        + '<item><title>Opaque guid</title><guid isPermaLink="false">abc</guid></item>'
    )
    result = parse_feed(feed(items).encode(), FEED_URL)
    assert [entry.title for entry in result.items] == ["Good", "Guid only"]
    assert result.items[1].url == f"{ORIGIN}/news/3/"
    assert result.items[1].published is None and result.items[1].time == ""
    assert result.problems == (
        "Items without a title or a link were skipped: 3.",
        "Items without a readable pubDate: 1.",
    )


def test_namespaced_children_do_not_shadow_rss_fields() -> None:
    entry = (
        '<item xmlns:atom="http://www.w3.org/2005/Atom">'
        '<atom:link href="https://elsewhere/"/><title>T</title><link>/news/1/</link></item>'
    )
    [result] = parse_feed(feed(entry).encode(), FEED_URL).items
    assert result.url == f"{ORIGIN}/news/1/"


def test_parse_page_sends_feeds_here() -> None:
    data = feed(THREE_ITEMS).encode()
    assert parse_page(data, FEED_URL).kind is PageKind.FEED
    assert parse_page(data, "https://example.org/saved").kind is PageKind.FEED


# ---------------------------------------------------------------------------- robustness

SAMPLES = [
    *(path.read_bytes() for _, path in FIXTURES[:4]),
    feed(THREE_ITEMS, encoding="windows-1251").encode("cp1251"),
]
ROBUST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def check(result: NewsList) -> None:
    assert isinstance(result, NewsList)
    assert not any("internal error" in problem for problem in result.problems), result.problems


@ROBUST
@given(sample=st.sampled_from(SAMPLES), data=st.data())
def test_truncated_feeds_never_raise(sample: bytes, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(sample)))
    result = parse_feed(sample[:cut], FEED_URL)
    check(result)
    assert len(result.items) <= len(parse_feed(sample, FEED_URL).items)


@ROBUST
@given(
    sample=st.sampled_from(SAMPLES),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=8)), max_size=8),
)
def test_mutated_feeds_never_raise(sample: bytes, edits: list[tuple[float, bytes]]) -> None:
    mutated = bytearray(sample)
    for where, replacement in edits:
        at = int(where * len(mutated))
        mutated[at : at + len(replacement)] = replacement
    check(parse_feed(bytes(mutated), FEED_URL))


@ROBUST
@given(data=st.binary(max_size=2000), content_type=st.one_of(st.none(), st.text(max_size=40)))
def test_random_bytes_never_raise(data: bytes, content_type: str | None) -> None:
    check(parse_feed(data, FEED_URL, content_type=content_type))
    page = parse_page(data, "https://example.org/x", content_type=content_type)
    assert not any("internal error" in problem for problem in page.problems)
