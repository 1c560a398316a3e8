"""Article pages: every fixture of the demo site, targeted markup cases, and hostile bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.models import Article, BlockType, Edition, PageKind
from reader.site.parse_article import parse_article
from reader.site.urls import kind_of_url

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "reader/demo/site"
REALPAGE = Path(__file__).parent / "data/realpages/epravda_uk_news_2025-10-24_sister-site.html"
BASE = "https://www.pravda.com.ua"
NEW_URL = f"{BASE}/news/2025/11/28/8020001/"
# Problems a fixture may carry on purpose (an English page whose body is only in JSON-LD).
EXPECTED_PROBLEMS = frozenset({"body taken from JSON-LD"})


def _fixture_articles() -> list[tuple[str, Path]]:
    """(URL, file) of every article page under the demo site, found by walking it."""
    found: list[tuple[str, Path]] = []
    for path in sorted(SITE.rglob("index.*")):
        folder = path.parent.relative_to(SITE).as_posix()
        url = f"{BASE}/{folder}/" + ("" if path.name == "index.html" else path.name)
        if kind_of_url(url) is PageKind.ARTICLE:
            found.append((url, path))
    return found


FIXTURES = _fixture_articles()


def _page(
    body: str = "<p>Text.</p>",
    *,
    head: str = "",
    header: str = '<h1 class="post_news_title">Title</h1>'
    '<div class="post_news_date"><span class="post_news_author"><a href="/authors/1/">'
    "Author One</a></span> — 28 листопада, 10:15</div>",
) -> bytes:
    """A minimal new-design article page around the given body markup."""
    return (
        f'<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8">{head}</head><body>'
        f'<article class="post_news"><header class="post_news_header">{header}</header>'
        f'<div class="post_news_body"><div class="post_news_text">{body}</div></div>'
        "</article></body></html>"
    ).encode()


def _ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


# -- every fixture -------------------------------------------------------------------------


def test_the_demo_site_has_article_fixtures() -> None:
    assert len(FIXTURES) >= 3
    assert {path.relative_to(SITE).parts[0] for _, path in FIXTURES} >= {"eng", "news", "rus"}


@pytest.mark.parametrize(("url", "path"), FIXTURES, ids=[url[len(BASE) :] for url, _ in FIXTURES])
def test_fixture_parses(url: str, path: Path) -> None:
    article = parse_article(path.read_bytes(), url)
    assert set(article.problems) <= EXPECTED_PROBLEMS
    assert article.title
    assert article.published is not None
    assert article.id is not None and str(article.id) in url
    assert article.published.date().isoformat().replace("-", "/") in _padded(url)
    assert article.blocks
    assert all(block.text or block.type is BlockType.IMAGE for block in article.blocks)
    assert [link.number for link in article.links] == list(range(1, len(article.links) + 1))
    for block in article.blocks:
        assert "  " not in block.text and block.text == block.text.strip()
        assert block.text not in ("Advertisement:", "Реклама:")
        for link in block.links:
            assert block.text[link.start : link.end] == link.text
    assert all(edition is not article.edition for edition, _ in article.translations)
    assert all(url.startswith("https://") for _, url in article.translations)
    assert all(tag.name and tag.url.startswith("https://") for tag in article.tags)
    assert all(group.items for group in article.related)


def test_amp_page_reads_like_the_full_page() -> None:
    amp = [(url, path) for url, path in FIXTURES if path.name == "index.amp"]
    assert amp
    for url, path in amp:
        full = parse_article((path.parent / "index.html").read_bytes(), url[: -len("index.amp")])
        article = parse_article(path.read_bytes(), url)
        assert article.title == full.title
        assert article.authors == full.authors and article.published == full.published
        assert article.image == full.image
        assert [b.text for b in article.blocks] == [b.text for b in full.blocks]
        assert article.links == full.links


def _padded(url: str) -> str:
    """The URL with its date path zero-padded (old pages use /2025/09/1/)."""
    parts = url.split("/")
    return "/".join(part.zfill(2) if part.isdigit() and len(part) == 1 else part for part in parts)


# -- targeted cases ------------------------------------------------------------------------


def test_words_in_adjacent_spans_stay_apart() -> None:
    article = parse_article(
        _page("<p><span>столько </span><span>за</span> <b>день</b></p>"), NEW_URL
    )
    assert article.blocks[0].text == "столько за день"
    assert article.blocks[0].spans[0].style == "strong"


def test_new_design_header_fields() -> None:
    article = parse_article(_page(), NEW_URL)
    assert article.problems == ()
    assert article.title == "Title"
    assert article.authors == ("Author One",)
    assert article.published is not None
    assert article.published.isoformat() == "2025-11-28T10:15:00+02:00"  # year from the URL
    assert article.id == 8020001 and article.edition is Edition.UK


def test_no_author_is_no_problem() -> None:
    header = (
        '<h1 class="post_news_title">T</h1><div class="post_news_date">28 листопада, 10:15</div>'
    )
    article = parse_article(_page(header=header), NEW_URL)
    assert article.authors == ()
    assert article.problems == ()


def test_unpadded_url_gives_id_and_year() -> None:
    header = '<h1 class="post_news_title">T</h1><div class="post_news_date">9 May, 10:00</div>'
    url = f"{BASE}/eng/news/2023/5/9/7401427/"
    article = parse_article(_page(header=header), url)
    assert article.id == 7401427
    assert article.edition is Edition.EN
    assert article.published is not None
    assert article.published.isoformat() == "2023-05-09T10:00:00+03:00"


def test_heading_quote_list_and_image_box_blocks() -> None:
    body = (
        "<p>Intro <a href='/news/2025/11/27/8019990/'>one</a>.</p>"
        "<h2>Sub<em>title</em></h2>"
        "<blockquote><p>Quoted</p><p>words</p></blockquote>"
        "<ul><li>First <a href='https://example.org/x'>two</a><ul><li>Nested</li></ul></li>"
        "<li>Second</li></ul>"
        '<div class="image-box"><picture><source srcset="/i/a.webp 1x">'
        '<img src="https://uimg.pravda.com.ua/a.jpg" alt="x"></picture>'
        '<div class="image-box__caption">A bridge.</div>'
        '<div class="image-box__author">Source: Reuters</div></div>'
        "<ol><li>Third <a href='https://life.pravda.com.ua/x/'>three</a></li></ol>"
    )
    article = parse_article(_page(body), NEW_URL)
    assert [(b.type, b.text) for b in article.blocks] == [
        (BlockType.PARAGRAPH, "Intro one."),
        (BlockType.HEADING, "Subtitle"),
        (BlockType.QUOTE, "Quoted words"),
        (BlockType.LIST_ITEM, "First two"),
        (BlockType.LIST_ITEM, "Nested"),
        (BlockType.LIST_ITEM, "Second"),
        (BlockType.IMAGE, "A bridge."),
        (BlockType.LIST_ITEM, "Third three"),
    ]
    image = article.blocks[6]
    assert image.image_url == "https://uimg.pravda.com.ua/a.jpg"
    assert image.credit == "Source: Reuters"
    assert [(link.number, link.text, link.url, link.internal) for link in article.links] == [
        (1, "one", f"{BASE}/news/2025/11/27/8019990/", True),
        (2, "two", "https://example.org/x", False),
        (3, "three", "https://life.pravda.com.ua/x/", False),
    ]
    assert article.blocks[1].spans[0].style == "em"
    assert article.blocks[1].text[3:8] == "title"


def test_figure_caption_with_credit_inside() -> None:
    body = '<figure><img src="/p.jpg"><figcaption>Kyiv at night. Photo: AP</figcaption></figure>'
    article = parse_article(_page(body), NEW_URL)
    (image,) = article.blocks
    assert (image.type, image.text, image.credit) == (
        BlockType.IMAGE,
        "Kyiv at night.",
        "Photo: AP",
    )
    assert image.image_url == f"{BASE}/p.jpg"


def test_ads_widgets_and_boilerplate_are_stripped() -> None:
    body = (
        "<p>Keep one.</p>"
        '<div class="advtext_mob">Реклама:</div><div class="nts-ad nts-ad-h250">ad</div>'
        "<p>Реклама:</p>"
        '<div class="unit_side_banner"><div class="banner">Buy</div></div>'
        '<aside class="post_news_service"><div class="hint_box">Посилання скопійовано</div></aside>'
        '<div class="post_views" id="articleCountView">123</div>'
        "<script>var x = 'script text';</script><style>p{}</style>"
        "<iframe src='https://youtube.com/x'></iframe><form><input value='f'></form>"
        "<p><strong>Читайте також:</strong></p>"
        "<p>Читайте також на цю тему: <a href='/news/2025/11/01/8000001/'>Інша новина</a></p>"
        "<p><a href='https://www.patreon.com/ukrainskapravda'>"
        "Support UP or become our patron!</a></p>"
        "<p>Keep two.</p>"
    )
    article = parse_article(_page(body), NEW_URL)
    assert [block.text for block in article.blocks] == ["Keep one.", "Keep two."]
    assert article.links == ()


def test_json_ld_only_body_and_fields() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "BreadcrumbList", "itemListElement": []},
            {
                "@type": ["NewsArticle"],
                "headline": "From JSON-LD",
                "author": [{"@type": "Person", "name": "A. Writer"}, "B. Writer"],
                "datePublished": "2025-11-28T09:30:00+02:00",
                "articleBody": "First paragraph.\tSecond paragraph.\nAdvertisement:\nThird.",
                "keywords": ["war", "NATO"],
                "image": [{"@type": "ImageObject", "url": "/img/1.jpg", "caption": "Cap"}],
            },
        ],
    }
    page = (
        '<html lang="en"><head><meta charset="utf-8">'
        f"{_ld(ld)}</head><body><article class='post_news'><div class='post_news_text'>"
        "</div></article></body></html>"
    ).encode()
    article = parse_article(page, f"{BASE}/eng/news/2025/11/28/8020001/")
    assert article.title == "From JSON-LD"
    assert article.authors == ("A. Writer", "B. Writer")
    assert article.published is not None
    assert article.published.isoformat() == "2025-11-28T09:30:00+02:00"
    assert [b.text for b in article.blocks] == ["First paragraph.", "Second paragraph.", "Third."]
    assert [tag.name for tag in article.tags] == ["war", "NATO"]
    assert article.image is not None
    assert (article.image.url, article.image.caption) == (f"{BASE}/img/1.jpg", "Cap")
    assert article.problems == ("body taken from JSON-LD",)


def test_json_ld_list_string_author_and_keywords() -> None:
    ld = [
        {"@type": "WebSite", "name": "x"},
        {
            "@type": "Article",
            "headline": "H &quot;quoted&quot;",
            "author": {"@type": "Organization", "name": "Українська правда"},
            "datePublished": "2025-11-28 12:00:00",
            "keywords": "economy, energy",
            "image": "https://uimg.pravda.com.ua/x.jpg",
        },
    ]
    page = f'<html><head><meta charset="utf-8">{_ld(ld)}</head><body></body></html>'.encode()
    article = parse_article(page, f"{BASE}/articles/2025/11/28/8020100/")
    assert article.title == 'H "quoted"'
    assert article.authors == ()  # the publisher is no byline
    assert article.published is not None
    assert article.published.isoformat() == "2025-11-28T12:00:00+02:00"  # naive means Kyiv
    assert [tag.name for tag in article.tags] == ["economy", "energy"]
    assert article.image is not None and article.image.url == "https://uimg.pravda.com.ua/x.jpg"
    assert "no body found" in article.problems


def test_unreadable_json_ld_is_reported_and_the_markup_still_read() -> None:
    article = parse_article(
        _page(head='<script type="application/ld+json">{"@type": </script>'), NEW_URL
    )
    assert article.title == "Title"
    assert article.problems == ("unreadable JSON-LD block",)


def test_open_graph_only_page() -> None:
    head = (
        '<meta property="og:type" content="article">'
        '<meta property="og:title" content="OG title">'
        '<meta property="og:description" content="OG summary.">'
        '<meta property="og:image" content="/og.jpg">'
        '<meta property="article:published_time" content="2025-11-28T08:00:00+02:00">'
    )
    page = f'<html><head><meta charset="utf-8">{head}</head><body><p>x</p></body></html>'
    article = parse_article(page.encode(), NEW_URL)
    assert article.title == "OG title"
    assert [b.text for b in article.blocks] == ["OG summary."]
    assert article.image is not None and article.image.url == f"{BASE}/og.jpg"
    assert article.published is not None and article.published.hour == 8
    assert article.problems == ("body taken from the OpenGraph description",)


def test_cp1251_page_with_entities() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        '</head><body><article class="post"><h1 class="post_title">Заголовок &laquo;УП&raquo;</h1>'
        '<div class="post_time"><span class="post_author"><a href="/a/">Олег Павлюк</a></span>'
        "П'ятниця, 29 серпня 2025, 13:04</div>"
        '<div class="post_text"><p>Андре&nbsp;В&uuml;стнер &#8212; &euro;5</p></div>'
        "</article></body></html>"
    ).encode("cp1251")
    article = parse_article(page, f"{BASE}/news/2025/08/29/7528000/")
    assert article.title == "Заголовок «УП»"
    assert article.authors == ("Олег Павлюк",)
    assert article.published is not None
    assert article.published.isoformat() == "2025-08-29T13:04:00+03:00"
    assert article.blocks[0].text == "Андре Вüстнер — €5"
    assert article.problems == ()


def test_undeclared_cp1251_bytes_are_sniffed() -> None:
    page = _page("<p>Текст</p>").decode().replace('charset="utf-8"', "").encode("cp1251")
    article = parse_article(page, NEW_URL, content_type="text/html")
    assert article.blocks[0].text == "Текст"


def test_translations_from_hreflang_then_menu() -> None:
    head = (
        f'<link rel="alternate" hreflang="uk" href="{BASE}/news/2025/11/28/8020001/">'
        '<link rel="alternate" hreflang="ru" href="/rus/news/2025/11/28/8020001/">'
        f'<link rel="alternate" hreflang="x-default" href="{BASE}/news/2025/11/28/8020001/">'
    )
    menu = (
        '<header class="header"><div class="lang_menu">'
        '<a class="lang_menu_item" href="/eng/news/2025/11/28/8020001/"><span>Eng</span></a>'
        '<a class="lang_menu_item" href="/rus/"><span>Рос</span></a></div></header>'
    )
    page = _page(head=head).replace(b"<body>", f"<body>{menu}".encode())
    article = parse_article(page, NEW_URL)
    assert article.translations == (
        (Edition.RU, f"{BASE}/rus/news/2025/11/28/8020001/"),
        (Edition.EN, f"{BASE}/eng/news/2025/11/28/8020001/"),
    )


def test_switcher_found_by_its_labels() -> None:
    header = (
        '<header><nav><a href="/news/2025/11/28/8020001/">Укр</a>'
        '<a href="/eng/news/2025/11/28/8020001/">Eng</a>'
        '<a href="/about/">About us</a></nav></header>'
    )
    page = _page().replace(b"<body>", f"<body>{header}".encode())
    article = parse_article(page, f"{BASE}/rus/news/2025/11/28/8020001/")
    assert [edition for edition, _ in article.translations] == [Edition.UK, Edition.EN]


def test_publication_design() -> None:
    page = (
        '<html><head><meta charset="utf-8"></head><body><div class="section_article">'
        '<article class="post_article"><header class="post_article_header">'
        '<h1 class="post_article_title"><span class="article_label">Колонка</span> Назва</h1>'
        '<div class="post_article_author"><a class="post_article_author_item" href="/authors/x/">'
        '<span class="post_author_name">Автор Один</span></a>'
        '<span class="post_author_date">8 січня, 17:46</span></div>'
        '<div class="post_article_header_media"><picture><img src="/m.jpg"></picture>'
        '<div class="post_article_header_media_source">колаж: УП</div></div></header>'
        '<div class="post_article_body"><div class="post_article_text"><p>Текст.</p></div></div>'
        '<div class="post_news_tags"><a href="/tags/x/">тег</a></div>'
        '</article><aside class="section_other_news"><div class="section_title">'
        "<span>Все публікації</span></div>"
        '<div class="article article_story_grid"><div class="article_body">'
        '<div class="article_content"><div class="article_title">'
        '<a href="/articles/2026/01/07/8015000/">'
        'Інша</a></div><div class="article_date">Автор, 7 січня, 10:00</div></div></div></div>'
        '<a class="button button_more" href="/articles/">Всі</a></aside></div></body></html>'
    ).encode()
    article = parse_article(page, f"{BASE}/articles/2026/01/08/8015225/")
    assert article.title == "Назва"
    assert article.authors == ("Автор Один",)
    assert article.published is not None
    assert article.published.isoformat() == "2026-01-08T17:46:00+02:00"
    assert article.image is not None
    assert (article.image.url, article.image.credit) == (f"{BASE}/m.jpg", "колаж: УП")
    assert [tag.name for tag in article.tags] == ["тег"]
    (group,) = article.related
    assert group.title == "Все публікації" and group.url == f"{BASE}/articles/"
    assert [(i.title, i.time) for i in group.items] == [("Інша", "Автор, 7 січня, 10:00")]


def test_deeply_nested_body_does_not_recurse() -> None:
    body = "<p>" + "<span>" * 20_000 + "deep" + "</span>" * 20_000 + "</p>"
    body += "<ul>" + "<li>x<ul>" * 3_000 + "</ul></li>" * 3_000 + "</ul>"
    article = parse_article(_page(body), NEW_URL)
    assert article.blocks[0].text == "deep"
    assert sum(b.type is BlockType.LIST_ITEM for b in article.blocks) == 3_000


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (
            b"<html><head><title>Just a moment...</title></head><body>"
            b'<div id="challenge-error-text">Enable JavaScript</div></body></html>',
            "Cloudflare",
        ),
        (
            b"<html><head><title>Attention Required! | Cloudflare</title></head>"
            b"<body><h1>Sorry, you have been blocked</h1></body></html>",
            "Cloudflare",
        ),
        (
            b"<html><head><title>404</title></head><body><h1>Error 404: page not found</h1>"
            b"</body></html>",
            "404",
        ),
        (
            "<html><head><title>Помилка 404</title></head><body><h1>Сторінку не знайдено</h1>"
            "</body></html>".encode(),
            "404",
        ),
        (b"<html><body><h1>Weather</h1><p>Sunny.</p></body></html>", "not an article"),
        (b"", "empty"),
        (b"   \n ", "empty"),
    ],
)
def test_error_and_unrelated_pages_give_an_empty_article(page: bytes, reason: str) -> None:
    article = parse_article(page, NEW_URL)
    assert article.title == ""
    assert article.blocks == () and article.related == ()
    assert len(article.problems) == 1 and reason in article.problems[0]
    assert article.url == NEW_URL and article.id == 8020001


def test_random_bytes_and_odd_urls_do_not_raise() -> None:
    for data, url in [
        (bytes(range(256)) * 8, NEW_URL),
        (b"\xff\xfe<\x00h\x001\x00>\x00", "not a url"),
        (b"<article class=post_news><h1 class=post_news_title>x", "http://[::1"),
        (b"\x00" * 100, ""),
    ]:
        article = parse_article(data, url)
        assert isinstance(article, Article)


# -- hostile bytes -------------------------------------------------------------------------

_SAMPLES = [path.read_bytes() for _, path in FIXTURES[::4]] + [REALPAGE.read_bytes()]
_FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.sampled_from(_SAMPLES), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_pages_never_raise(page: bytes, fraction: float) -> None:
    article = parse_article(page[: int(len(page) * fraction)], NEW_URL)
    assert not any(problem.startswith("parser error") for problem in article.problems)


@_FUZZ
@given(
    st.sampled_from(_SAMPLES),
    st.lists(st.tuples(st.floats(0.0, 1.0), st.binary(min_size=0, max_size=8)), max_size=12),
)
def test_mutated_pages_never_raise(page: bytes, edits: list[tuple[float, bytes]]) -> None:
    data = bytearray(page)
    for where, replacement in edits:
        at = int(len(data) * where)
        data[at : at + len(replacement)] = replacement
    article = parse_article(bytes(data), NEW_URL)
    assert not any(problem.startswith("parser error") for problem in article.problems)


@_FUZZ
@given(st.binary(max_size=2_000), st.sampled_from([NEW_URL, f"{BASE}/eng/news/", "", "::"]))
def test_random_bytes_never_raise(data: bytes, url: str) -> None:
    article = parse_article(data, url)
    assert not any(problem.startswith("parser error") for problem in article.problems)
