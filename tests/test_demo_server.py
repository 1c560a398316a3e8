"""The demo site over real sockets: serving, validators, gzip, date shift, faults, the catalog."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from reader.demo import catalog, server
from reader.demo.catalog import FIXTURE_TODAY, Feed, ListPage
from reader.demo.server import (
    Body,
    Delay,
    DemoServer,
    Redirect,
    Reset,
    Status,
    Truncate,
    WrongCharset,
)
from reader.models import Article, Edition

SEED = "/eng/news/2025/08/23/7527766/"
SEED_TITLE = "NATO top general: too early to discuss deployment of foreign troops in Ukraine"
NEW_TODAY = date(2025, 12, 2)  # FIXTURE_TODAY + 4 days


@pytest.fixture
def demo() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as running:
        yield running


@pytest.fixture
def client(demo: DemoServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=demo.base_url, timeout=5) as http:
        yield http


def write(root: Path, rel: str, text: str, encoding: str = "utf-8") -> None:
    file = root / rel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(text.encode(encoding))


def new_page(body: str, *, classes: str = "post_news") -> str:
    head = '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
    return f'{head}<body><article class="{classes}">{body}</article></body></html>'


@pytest.fixture
def mini_site(tmp_path: Path) -> Path:
    """A small site: today's list linking the previous day, a story in 3/2/1 editions, a feed."""
    root = tmp_path / "site"
    write(
        root,
        "news/index.html",
        '<html><head><meta charset="utf-8"></head><body><div class="section_news_list_wrapper">'
        '<a href="https://www.pravda.com.ua/news/date_27112025/">Попередній день</a>'
        '<a href="//www.pravda.com.ua/news/2025/11/28/8020001/">Новина</a>'
        '<a href="https://www.epravda.com.ua/news/2025/11/28/1/">Сестринський сайт</a>'
        '<script type="application/ld+json">'
        '{"url":"https:\\/\\/www.pravda.com.ua\\/news\\/"}</script>'
        "</div></body></html>",
    )
    write(
        root,
        "news/date_27112025/index.html",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        '</head><body><div class="container_sub_news_list">Новини за 27 листопада'
        '<a href="/news/date_26112025/">26</a></div></body></html>',
        "cp1251",
    )
    write(
        root,
        "rss/view_news/index.xml",
        '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
        "<title>Новини</title><link>https://www.pravda.com.ua/</link></channel></rss>",
        "cp1251",
    )
    write(root, "eng/rss/index.xml", '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"/>')
    write(root, "eng/tags/nato/index.html", new_page("NATO", classes="x"))
    for prefix in ("", "rus/", "eng/"):
        write(root, f"{prefix}news/2025/11/28/8020001/index.html", new_page("три"))
    write(root, "news/2025/11/28/8020001/index.amp", new_page("amp"))
    for prefix in ("", "rus/"):
        write(root, f"{prefix}news/2025/11/27/8019900/index.html", new_page("дві"))
    write(
        root,
        "eng/news/2025/09/01/7528000/index.html",
        '<html><head><meta charset="windows-1251"></head><body><article class="post">one'
        "</article></body></html>",
    )
    return root


def raw_status(demo: DemoServer, target: str) -> int:
    """The status for a request target sent verbatim (clients would normalise `..` away)."""
    with socket.create_connection((demo.host, demo.port), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        head = sock.recv(64)
    return int(head.split()[1])


# -- serving -----------------------------------------------------------------------------------


def test_seed_page_is_served_with_the_charset_it_declares(client: httpx.Client) -> None:
    response = client.get(SEED)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=windows-1251"
    assert SEED_TITLE in response.content.decode("cp1251")
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"] == "Fri, 22 Aug 2025 21:00:00 GMT"  # 00:00 Kyiv


def test_pages_keep_the_site_origin_unless_asked(client: httpx.Client) -> None:
    seed = client.get(SEED).content
    assert f'<link rel="canonical" href="https://www.pravda.com.ua{SEED}">'.encode() in seed


def test_the_site_origin_becomes_the_server_in_every_form(mini_site: Path) -> None:
    with DemoServer(today=FIXTURE_TODAY, rewrite_origin=True) as rewriting:
        seed = httpx.get(rewriting.base_url + SEED).content
        assert f'<link rel="canonical" href="{rewriting.base_url}{SEED}">'.encode() in seed
        assert b"www.pravda.com.ua" not in seed
    with DemoServer(mini_site, today=FIXTURE_TODAY, rewrite_origin=True) as mini:
        base = mini.base_url
        body = httpx.get(f"{base}/news/").text
        feed = httpx.get(f"{base}/rss/view_news/")
    assert f'href="{base}/news/date_27112025/"' in body
    assert f'href="{base}/news/2025/11/28/8020001/"' in body
    assert base.replace("/", "\\/") + "\\/news\\/" in body
    assert "https://www.epravda.com.ua/news/2025/11/28/1/" in body
    assert feed.headers["content-type"] == "application/rss+xml; charset=windows-1251"
    assert f"<link>{base}/</link>" in feed.content.decode("cp1251")


def test_day_lists_move_with_today_both_ways(mini_site: Path) -> None:
    with DemoServer(mini_site, today=NEW_TODAY) as shifted, httpx.Client() as http:
        today_list = http.get(f"{shifted.base_url}/news/").text
        previous = http.get(f"{shifted.base_url}/news/date_01122025/")
        unshifted = http.get(f"{shifted.base_url}/news/date_27112025/")
    assert "/news/date_01122025/" in today_list
    assert "date_27112025" not in today_list
    assert previous.status_code == 200
    assert "Новини за 27 листопада" in previous.content.decode("cp1251")  # no year: news text
    assert "/news/date_30112025/" in previous.content.decode("cp1251")
    assert previous.headers["last-modified"] == "Sun, 30 Nov 2025 22:00:00 GMT"
    assert unshifted.status_code == 404
    with DemoServer(mini_site, today=FIXTURE_TODAY) as fixed:
        assert httpx.get(f"{fixed.base_url}/news/date_27112025/").status_code == 200


def test_amp_tags_and_folder_without_slash(mini_site: Path) -> None:
    with DemoServer(mini_site, today=FIXTURE_TODAY) as demo, httpx.Client() as http:
        amp = http.get(f"{demo.base_url}/news/2025/11/28/8020001/index.amp")
        tag = http.get(f"{demo.base_url}/eng/tags/nato/")
        bare = http.get(f"{demo.base_url}/eng/tags/nato")
    assert amp.status_code == 200
    assert "amp" in amp.text
    assert amp.headers["content-type"] == "text/html; charset=utf-8"
    assert tag.status_code == 200
    assert bare.status_code == 301
    assert bare.headers["location"] == "/eng/tags/nato/"


def test_etag_revalidation_gives_304(client: httpx.Client) -> None:
    first = client.get(SEED)
    again = client.get(SEED, headers={"If-None-Match": first.headers["etag"]})
    other = client.get(SEED, headers={"If-None-Match": '"0123"'})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert other.status_code == 200


def test_last_modified_revalidation_gives_304(client: httpx.Client) -> None:
    first = client.get(SEED)
    same = client.get(SEED, headers={"If-Modified-Since": first.headers["last-modified"]})
    older = client.get(SEED, headers={"If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT"})
    assert same.status_code == 304
    assert older.status_code == 200


def test_missing_pages_are_404_html(client: httpx.Client) -> None:
    for path in ("/eng/news/2025/08/23/1/", "/nothing", "/MARKUP.md", f"{SEED}index.html"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "<h1>404</h1>" in response.text


def test_nothing_outside_the_root_is_served(mini_site: Path, tmp_path: Path) -> None:
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "index.html").write_text("secret")
    (mini_site / "escape").symlink_to(tmp_path / "secret")
    with DemoServer(mini_site, today=FIXTURE_TODAY) as demo:
        for target in (
            "/../secret/",
            "/news/../../secret/",
            "/%2e%2e/secret/",
            "/news/..%2f..%2fsecret/",
            "/escape/",
            "/news\\..\\..\\secret/",
        ):
            assert raw_status(demo, target) == 404, target
        assert raw_status(demo, "/news/") == 200


def test_gzip_only_when_accepted_and_worth_it(mini_site: Path, client: httpx.Client) -> None:
    packed = client.get(SEED)
    plain = client.get(SEED, headers={"Accept-Encoding": "identity"})
    assert packed.headers["content-encoding"] == "gzip"
    assert int(packed.headers["content-length"]) < len(packed.content)
    assert packed.content == plain.content
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) == len(plain.content)
    with DemoServer(mini_site, today=FIXTURE_TODAY) as demo:
        small = httpx.get(f"{demo.base_url}/eng/tags/nato/")
    assert "content-encoding" not in small.headers


def test_head_sends_headers_only(client: httpx.Client) -> None:
    head = client.head(SEED, headers={"Accept-Encoding": "identity"})
    assert head.status_code == 200
    assert head.content == b""
    assert int(head.headers["content-length"]) == len(client.get(SEED).content)


# -- faults ------------------------------------------------------------------------------------


def test_delay(demo: DemoServer, client: httpx.Client) -> None:
    demo.inject(SEED, Delay(0.2))
    started = time.monotonic()
    response = client.get(SEED)
    assert time.monotonic() - started >= 0.2
    assert response.status_code == 200


def test_reset_mid_body_is_a_transport_error(demo: DemoServer, client: httpx.Client) -> None:
    demo.inject(SEED, Reset(after_bytes=500), times=1)
    with pytest.raises(httpx.ReadError):  # ECONNRESET, not the clean close of a truncation
        client.get(SEED)
    assert client.get(SEED).status_code == 200


def test_truncated_body(demo: DemoServer, client: httpx.Client) -> None:
    demo.inject(SEED, Truncate(0.5), times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        client.get(SEED)
    assert client.get(SEED).status_code == 200


def test_status_429_with_retry_after(demo: DemoServer, client: httpx.Client) -> None:
    demo.inject("/eng/*", Status(429, retry_after=7))
    response = client.get(SEED)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"


def test_403_is_a_cloudflare_page(demo: DemoServer, client: httpx.Client) -> None:
    demo.inject("*", Status(403))
    response = client.get(SEED)
    assert response.status_code == 403
    assert "Attention Required! | Cloudflare" in response.text
    assert "Just a moment..." in response.text


def test_wrong_charset_header_keeps_the_body(demo: DemoServer, client: httpx.Client) -> None:
    normal = client.get(SEED).content
    demo.inject(SEED, WrongCharset("utf-8"))
    response = client.get(SEED)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content == normal


def test_redirect_and_body(demo: DemoServer, client: httpx.Client) -> None:
    demo.inject("/old/", Redirect(f"https://www.pravda.com.ua{SEED}"))
    demo.inject("/custom/", Body(b"<p>hello</p>", "text/html; charset=utf-8"))
    moved = client.get("/old/")
    assert moved.status_code == 302
    assert moved.headers["location"] == f"{demo.base_url}{SEED}"
    custom = client.get("/custom/")
    assert custom.content == b"<p>hello</p>"
    assert custom.headers["content-type"] == "text/html; charset=utf-8"


def test_times_counts_down_and_rules_apply_in_order(demo: DemoServer, client: httpx.Client) -> None:
    demo.inject(SEED, Status(503), times=2)
    demo.inject(SEED, Status(500), times=1)
    statuses = [client.get(SEED).status_code for _ in range(4)]
    assert statuses == [503, 503, 500, 200]
    demo.inject(SEED, Status(500))
    demo.clear_faults()
    assert client.get(SEED).status_code == 200


def test_request_log(demo: DemoServer, client: httpx.Client) -> None:
    client.get(SEED)
    client.get(f"{SEED}?utm=1")
    client.head(SEED)
    client.get("/missing/")
    assert demo.count(SEED) == 3
    assert demo.count(f"{demo.base_url}{SEED}") == 3
    assert [(r.method, r.status) for r in demo.requests] == [
        ("GET", 200),
        ("GET", 200),
        ("HEAD", 200),
        ("GET", 404),
    ]
    assert demo.requests[0].headers["user-agent"].startswith("python-httpx/")


def test_stop_closes_kept_alive_connections(demo: DemoServer, client: httpx.Client) -> None:
    assert client.get(SEED).status_code == 200
    demo.stop()
    with pytest.raises(httpx.TransportError):
        client.get(SEED)
    with pytest.raises(RuntimeError):
        _ = demo.base_url


def test_serve_forever_prints_its_address_and_stops_on_ctrl_c(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(_seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", interrupt)
    server.serve_forever()
    line = capsys.readouterr().out
    assert line.startswith("Demo site at http://127.0.0.1:")
    assert line.endswith("/ (Ctrl+C to stop)\n")


# -- catalog -----------------------------------------------------------------------------------


def test_catalog_finds_the_seed_story() -> None:
    seed = next(story for story in catalog.stories() if story.id == 7527766)
    assert (seed.section, seed.day, seed.design) == ("news", date(2025, 8, 23), "old")
    assert seed.editions == {
        Edition.UK: "/news/2025/08/23/7527766/",
        Edition.RU: "/rus/news/2025/08/23/7527766/",
        Edition.EN: SEED,
    }
    counts = {len(story.editions) for story in catalog.stories()}
    assert counts == {1, 2, 3}


def test_every_catalogued_page_of_the_fixture_site_is_served() -> None:
    pages = [story.editions[edition] for story in catalog.stories() for edition in story.editions]
    pages += [page.path for page in catalog.lists()] + [feed.path for feed in catalog.feeds()]
    with DemoServer(today=FIXTURE_TODAY) as demo, httpx.Client(base_url=demo.base_url) as http:
        statuses = {path: http.head(path).status_code for path in pages}
    assert set(statuses.values()) == {200}


def test_catalog_of_a_site(mini_site: Path) -> None:
    stories = {story.id: story for story in catalog.stories(mini_site)}
    assert stories[8020001].editions == {
        Edition.UK: "/news/2025/11/28/8020001/",
        Edition.RU: "/rus/news/2025/11/28/8020001/",
        Edition.EN: "/eng/news/2025/11/28/8020001/",
    }
    assert set(stories[8019900].editions) == {Edition.UK, Edition.RU}
    assert set(stories[7528000].editions) == {Edition.EN}
    assert stories[8020001].design == "new"
    assert stories[7528000].design == "old"
    assert catalog.lists(mini_site) == [
        ListPage(Edition.EN, "/eng/tags/nato/", "new", tag="nato"),
        ListPage(Edition.UK, "/news/", "new", day=FIXTURE_TODAY),
        ListPage(Edition.UK, "/news/date_27112025/", "old", day=date(2025, 11, 27)),
    ]
    assert catalog.feeds(mini_site) == [
        Feed(Edition.EN, "all", "/eng/rss/"),
        Feed(Edition.UK, "news", "/rss/view_news/"),
    ]


def test_printed_days_with_a_year_move_and_news_text_stays() -> None:
    from datetime import timedelta

    from reader.demo.dayshift import shift_visible_days

    text = "Пʼятниця, 28 листопада 2025 | 27 November 2025 | boilers ready by 1 December"
    moved = shift_visible_days(text, timedelta(days=4))
    assert moved == "Вівторок, 2 грудня 2025 | 1 December 2025 | boilers ready by 1 December"


def test_a_listed_story_without_its_page_gets_a_stand_in_article(client: httpx.Client) -> None:
    """Most headlines of the fixture lists have no page in the fixture site: each is answered
    with a short article in its edition (the list's title and time, a line saying the demo
    holds no text for it), with validators like any page; a story no list names stays 404."""
    from reader.demo.listed import NOTICE, listed_stories
    from reader.site.pages import parse_page
    from reader.site.urls import DEFAULT_BASE_URL

    listed = listed_stories()
    assert len(listed) > 50
    assert not any((catalog.SITE_ROOT / path.strip("/")).exists() for path in listed)
    for path in ("/news/2025/11/28/8020187/", "/eng/news/2025/11/28/8020160/"):
        headline = listed[path]
        response = client.get(path)
        assert response.status_code == 200
        article = parse_page(response.content, DEFAULT_BASE_URL + path)
        edition = Edition.EN if path.startswith("/eng/") else Edition.UK
        assert isinstance(article, Article) and article.edition is edition
        assert (article.title, article.published) == (headline.title, headline.published)
        assert [block.text for block in article.blocks] == [NOTICE[edition]]
        again = client.get(path, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304
    assert client.get("/news/2025/11/28/8020999/").status_code == 404
