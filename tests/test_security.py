"""Page text is data: nothing a page says is interpreted, opened, or made into a path.

- Terminal control sequences (C0 and C1 controls, CSI, OSC, DCS, as bytes or as character
  references) never reach a model field, the headless commands' output or an export; Rich
  markup stays literal text (escaped in Markdown).
- Only http(s) links go to a browser (`reader.links.browser_target`), marked when they leave
  the site.
- File names come from sanitised story facts and stay in the chosen folder.
- The config file is checked key by key; a full disk gives a message and loses nothing.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given

from reader import export
from reader.cli import main
from reader.config import BASE_URL_ENV, Config, load_config
from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import Body, DemoServer
from reader.export import ExportError, export_article, file_stem
from reader.links import LinkRefused, browser_target
from reader.models import Article, Block, BlockType, Edition, LeadImage, Link, Tag
from reader.net.client import ClientSettings
from reader.service import open_service, store_path_for
from reader.site.dates import KYIV
from reader.site.parse_article import parse_article
from reader.site.parse_feed import parse_feed
from reader.site.parse_list import parse_list
from reader.site.urls import DEFAULT_BASE_URL as SITE
from reader.site.urls import StoryRef, absolutize
from reader.store import paths
from reader.store.cache import PageStore
from reader.store.state import StateError, StateStore
from tests.strategies import (
    FUZZ,
    HOSTILE_TEXTS,
    ArticleSpec,
    FeedItem,
    FeedSpec,
    Group,
    HostileSpec,
    ListSpec,
    Paragraph,
    Row,
    Segment,
    hostile_articles,
    render_article,
    render_feed,
    render_list,
)
from tests.test_fuzz_pages import CONTROLS, check_model, strings_of

# What a terminal may receive from us: text and new lines, nothing else below U+0020.
UNSAFE_OUTPUT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
STORY = StoryRef(Edition.UK, "news", date(2025, 11, 28), 8020106)
STORY_URL = f"{SITE}/news/2025/11/28/8020106/"
RICH = "[bold red]x[/]"


def _all_hostile(extra: str = "") -> str:
    return " ".join(piece.raw for piece in HOSTILE_TEXTS) + extra


def _all_shown() -> str:
    return " ".join(piece.shown for piece in HOSTILE_TEXTS)


def hostile_spec(design: str = "new") -> ArticleSpec:
    """An article with terminal controls and markup in every text it has."""
    evil = _all_hostile()
    return ArticleSpec(
        edition=Edition.UK,
        design=design,
        ref=STORY,
        hour=9,
        minute=10,
        title=f"Заголовок {evil}",
        authors=(f"Анна {evil}",),
        paragraphs=(
            Paragraph(
                "Джерело:",
                (
                    Segment(f"текст {evil}"),
                    Segment(f"посилання {evil}", url=f"{SITE}/news/2025/11/27/8020053/\x1b[2J"),
                    Segment(f"вихід {evil}", url="https://evil.example/\x9b2J\x1b]0;x\x07"),
                ),
            ),
            Paragraph(None, (Segment(f"пункт {evil}"),), "li"),
        ),
        tags=((f"тег {evil}", "nato"),),
        groups=(Group(f"Група {evil}", ((f"новина {evil}", f"{SITE}/news/2025/11/28/1/", ""),)),),
        translations=(Edition.EN,),
        image=("https://uimg.pravda.com.ua/x.jpg", f"підпис {evil}", f"Фото: {evil}"),
    )


HOSTILE_LIST = ListSpec(
    edition=Edition.UK,
    design="new",
    day=FIXTURE_TODAY,
    title=f"Новини {_all_hostile()}",
    rows=(
        Row(
            "14:50",
            f"Рядок {_all_hostile()}",
            f"{SITE}/news/2025/11/28/8020187/",
            True,
            FIXTURE_TODAY,
        ),
        Row(
            "14:05",
            f"Інший {RICH}",
            f"{SITE}/news/2025/11/28/8020176/\x1b[31m",
            False,
            FIXTURE_TODAY,
        ),
    ),
)
# XML 1.0 forbids C0 controls even as references: a feed carries C1 controls, markup, RLO.
FEED_HOSTILE = "\x9b31mx \x85 \x9d0;t\x9c [link=file:///etc/passwd]y[/link] \u202e"
HOSTILE_FEED = FeedSpec(
    edition=Edition.EN,
    encoding="utf-8",
    title=f"UP {FEED_HOSTILE}",
    items=(
        FeedItem(
            f"Item {FEED_HOSTILE} {RICH}",
            f"{SITE}/eng/news/2025/11/28/8020187/",
            datetime(2025, 11, 28, 14, 50, tzinfo=KYIV),
            f"lead {FEED_HOSTILE}",
            True,
        ),
    ),
)


# -- parsers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("design", ["old", "new"])
def test_every_article_field_is_free_of_controls_and_keeps_markup_literal(design: str) -> None:
    spec = hostile_spec(design)
    article = parse_article(render_article(spec), spec.url)
    check_model(article, Article)
    shown = _all_shown()
    if design == "old":
        # windows-1251 has no U+009B: the page writes &#155;, which HTML reads as "›".
        shown = shown.replace(" x ", " ›31mx ", 1)
    assert article.title == f"Заголовок {shown}"
    assert article.authors == (f"Анна {shown}",)
    assert [tag.name for tag in article.tags] == [f"тег {shown}"]
    assert article.blocks[0].text.startswith(f"Джерело: текст {shown}")
    assert article.image is not None and article.image.caption == f"підпис {shown}"
    assert RICH in article.title  # data, not interpreted
    if design == "new":
        assert [link.url for link in article.links] == [
            f"{SITE}/news/2025/11/27/8020053/%1B[2J",
            "https://evil.example/%C2%9B2J%1B]0;x",  # a control at the end is trimmed
        ]


@FUZZ
@given(hostile_articles())
def test_hostile_texts_anywhere_come_out_as_a_reader_must_see_them(case: HostileSpec) -> None:
    article = parse_article(render_article(case.spec), case.spec.url)
    check_model(article, Article)
    assert article.title == case.title_shown
    if case.author_shown is not None:
        assert article.authors[0] == case.author_shown
    assert all(tag.name.endswith(" " + case.tag_suffix_shown) for tag in article.tags)


def test_list_and_feed_fields_are_free_of_controls() -> None:
    news = parse_list(render_list(HOSTILE_LIST), HOSTILE_LIST.url)
    check_model(news, type(news))
    assert news.items[0].title == f"Рядок {_all_shown()}"
    assert news.items[1].url.endswith("/8020176/%1B[31m")
    feed = parse_feed(render_feed(HOSTILE_FEED), HOSTILE_FEED.url)
    check_model(feed, type(feed))
    assert (
        feed.items[0].title == f"Item x [link=file:///etc/passwd]y[/link] {RICH}"
    )  # U+202E dropped


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("java\tscript:alert(1)", None),  # browsers drop the tab: it is a javascript: link
        ("\x01 javascript:alert(1)", None),
        ("jav\nascript:alert(1)", None),
        ("/news/\x1b[2J/", f"{SITE}/news/%1B[2J/"),
        ("https://x.example/\x9b2J", "https://x.example/%C2%9B2J"),
        ("ht\rtps://x.example/", "https://x.example/"),
    ],
)
def test_hrefs_are_read_as_a_browser_reads_them(href: str, expected: str | None) -> None:
    assert absolutize(href, STORY_URL) == expected


# -- links to the browser --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected", "external"),
    [
        ("/news/2025/11/27/8020053/", f"{SITE}/news/2025/11/27/8020053/", False),
        (f"{SITE}/eng/news/", f"{SITE}/eng/news/", False),
        ("https://pravda.com.ua/news/", "https://pravda.com.ua/news/", False),
        (
            "https://www.eurointegration.com.ua/news/1/",
            "https://www.eurointegration.com.ua/news/1/",
            True,
        ),
        ("https://life.pravda.com.ua/x/", "https://life.pravda.com.ua/x/", True),
        ("//evil.example/x", "https://evil.example/x", True),
        ("https:\\\\evil.example\\x", "https://evil.example/x", True),  # a browser reads it so
        ("/\\evil.example/x", "https://evil.example/x", True),
        (
            "https://www.pravda.com.ua@evil.example/",
            "https://www.pravda.com.ua@evil.example/",
            True,
        ),
        ("https://www.prаvda.com.ua/", "https://www.prаvda.com.ua/", True),  # a Cyrillic "а"
        ("http://x.example/a b\x1b[31m", "http://x.example/a%20b%1B[31m", True),
    ],
)
def test_web_links_go_to_the_browser_marked_when_they_leave_the_site(
    url: str, expected: str, external: bool
) -> None:
    target = browser_target(url, STORY_URL)
    assert (target.url, target.external) == (expected, external)
    assert not UNSAFE_OUTPUT.search(target.url) and " " not in target.url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "javascript: links are not opened: it would run a script"),
        ("JavaScript:alert(1)", "javascript: links are not opened"),
        ("java\tscript:alert(1)", "javascript: links are not opened"),
        ("\x00 javascript:alert(1)", "javascript: links are not opened"),
        ("vbscript:msgbox(1)", "it would run a script"),
        ("file:///etc/passwd", "file: links are not opened: it would open a file on this computer"),
        ("FILE://c:/windows/", "file: links are not opened"),
        ("data:text/html,<script>alert(1)</script>", "data: links are not opened"),
        ("blob:https://x/1", "blob: links are not opened"),
        ("mailto:editor@pravda.com.ua", "mailto: links are not opened: it is an e-mail address"),
        ("tel:+380", "tel: links are not opened"),
        ("ftp://x.example/", "ftp: links are not opened: only http and https links go to the"),
        ("chrome://settings", "chrome: links are not opened"),
        ("ms-settings:display", "ms-settings: links are not opened"),
        ("x" * 300 + ":y", "x" * 20 + ": links are not opened"),
        ("", "the link is empty"),
        (" \t\n", "the link is empty"),
        ("http://", "the link names no web site"),
        ("http://[::1", "not a valid web address"),
    ],
)
def test_other_links_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(LinkRefused) as caught:
        browser_target(url, STORY_URL)
    assert caught.value.message.startswith(reason) or reason in caught.value.message
    assert str(caught.value) == caught.value.message
    assert caught.value.message.isprintable() and len(caught.value.message) < 120
    assert caught.value.url == url


def test_every_link_a_hostile_page_gives_is_opened_safely_or_refused() -> None:
    article = parse_article(render_article(hostile_spec()), STORY_URL)
    for link in article.links:
        target = browser_target(link.url, article.url)
        assert target.external is not link.internal
        assert not UNSAFE_OUTPUT.search(target.url)


# -- the headless commands and exports -------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv(BASE_URL_ENV, raising=False)


@pytest.fixture
def hostile_site() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as server:
        server.inject(
            STORY.day.strftime("/news/%Y/%m/%d/8020106/"),
            Body(render_article(hostile_spec()), "text/html"),
        )
        server.inject("/news/", Body(render_list(HOSTILE_LIST), "text/html; charset=utf-8"))
        yield server


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_read_prints_no_control_characters(
    fmt: str, hostile_site: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["read", STORY_URL, "--format", fmt, "--base-url", hostile_site.base_url]) == 0
    out = capsys.readouterr().out
    assert not UNSAFE_OUTPUT.search(out)
    if fmt == "json":
        assert json.loads(out)["title"] == f"Заголовок {_all_shown()}"
    elif fmt == "md":
        assert r"\[bold red\]x\[/\]" in out  # Markdown would read the brackets
    else:
        assert RICH in out


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize("as_json", [False, True])
def test_news_prints_no_control_characters(
    as_json: bool, hostile_site: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["news", "--lang", "uk", "--base-url", hostile_site.base_url]
    assert main(argv + (["--json"] if as_json else [])) == 0
    out = capsys.readouterr().out
    assert not UNSAFE_OUTPUT.search(out)
    assert f"Рядок {_all_shown()}" in (json.loads(out)["items"][0]["title"] if as_json else out)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_exports_of_a_hostile_page_are_clean_and_stay_in_the_folder(
    fmt: export.Format, tmp_path: Path
) -> None:
    article = parse_article(render_article(hostile_spec()), STORY_URL)
    folder = tmp_path / "exports"
    written = export_article(article, folder, fmt)
    assert written.parent == folder.resolve()
    assert re.fullmatch(r"pravda-uk-8020106-[a-z0-9-]+\.(md|txt)", written.name)
    assert not UNSAFE_OUTPUT.search(written.read_text(encoding="utf-8"))


def test_an_article_made_by_hand_is_cleaned_again_on_export(tmp_path: Path) -> None:
    evil = _all_hostile(" \x1b[?1049h\x1bc")  # the alternate screen, a full terminal reset
    article = Article(
        url=f"{SITE}/news/2025/11/28/8020106/\x1b[2J",
        edition=Edition.UK,
        id=8020106,
        title=evil,
        authors=(evil,),
        image=LeadImage(f"https://x.example/\x1b[2J{evil}", evil, evil),
        blocks=(
            Block(BlockType.PARAGRAPH, evil, (Link(1, evil, f"javascript:{evil}", False, 0, 3),)),
            Block(BlockType.IMAGE, evil, image_url=f"file:///{evil}", credit=evil),
        ),
        tags=(Tag(evil, f"{SITE}/tags/{evil}/"),),
    )
    for fmt in export.FORMATS:
        written = export_article(article, tmp_path, fmt)
        text = written.read_text(encoding="utf-8")
        assert not UNSAFE_OUTPUT.search(text), fmt
        assert "](javascript:" not in text and "](file:" not in text


@pytest.mark.parametrize(
    ("title", "url", "story_id"),
    [
        ("../../../../etc/passwd", f"{SITE}/news/2025/11/28/8020106/", None),
        ("..", f"{SITE}/../../news/2025/11/28/8020106/", None),
        ("/abs/path\\win\\..\\x", "file:///etc/passwd", None),
        ("\x00\x1b[31mCON", f"{SITE}/news/2025/11/28/8020106/%2e%2e/%2e%2e/", None),
        ("NUL.txt:stream", "javascript:alert(1)", None),
        ("x" * 5000, f"{SITE}/news/2025/11/28/{'9' * 12}/", None),
        ("", "", -1),
        ("‮txt.exe", "https://evil.example/", 2**63),
    ],
)
def test_file_names_from_hostile_titles_urls_and_ids(
    title: str, url: str, story_id: int | None, tmp_path: Path
) -> None:
    article = Article(url=url, edition=Edition.RU, id=story_id, title=title)
    stem = file_stem(article)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem) and len(stem) < 120
    outside = set(tmp_path.iterdir())
    folder = tmp_path / "chosen"
    written = export_article(article, folder)
    assert written.parent == folder.resolve()
    assert set(tmp_path.iterdir()) == outside | {folder}


def test_a_store_file_for_a_hostile_base_url_stays_in_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path))
    for base in ("http://../../etc:80", "http://a/b/../../..", "http://x\\..\\y.example"):
        path = store_path_for(base)
        assert path.parent == tmp_path and re.fullmatch(r"pages-[A-Za-z0-9-]+\.sqlite3", path.name)


# -- the config file -------------------------------------------------------------------------


def _config(tmp_path: Path, text: str | bytes) -> tuple[Config, tuple[str, ...]]:
    file = tmp_path / "config.toml"
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")
    return load_config(file)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('colour = "red"', "'colour'"),
        ('"\\u001b[31m" = 1', "'\\x1b[31m'"),
        ("edition = 5", "edition"),
        ('edition = "de"', "edition"),
        ("ui_language = true", "ui_language"),
        ('theme = ""', "theme"),
        ('refresh_minutes = "10"', "refresh_minutes"),
        ("refresh_minutes = -1", "refresh_minutes"),
        ("refresh_minutes = 1.5", "refresh_minutes"),
        ("max_per_host = true", "max_per_host"),
        ("max_per_host = 1000", "max_per_host"),
        ("cache_max_mb = 1", "cache_max_mb"),
        ("keymap = [1, 2]", "keymap"),
        ('keymap = { quit = "" }', "keymap"),
        ('base_url = "javascript:alert(1)"', "base_url"),
        ('base_url = "file:///etc/passwd"', "base_url"),
        ('base_url = "ftp://www.pravda.com.ua"', "base_url"),
        ('base_url = "https://"', "base_url"),
        ('base_url = "https://:443"', "base_url"),
        ('base_url = "http://exa mple.com"', "base_url"),
        ('base_url = "https://www.pravda.com.ua\\u001b[31m"', "base_url"),
        ('base_url = "http://host:port"', "base_url"),
        ('base_url = "http://host:99999"', "base_url"),
        ('base_url = "http://[::1"', "base_url"),
        ('base_url = "https://host/?q=1"', "base_url"),
        ('base_url = "https://host/#top"', "base_url"),
        ("base_url = 443", "base_url"),
    ],
)
def test_a_bad_value_is_named_and_the_rest_of_the_file_applies(
    line: str, key: str, tmp_path: Path
) -> None:
    good = {"theme": ("nord", 'theme = "nord"'), "edition": (Edition.EN, 'edition = "en"')}
    named = line.partition("=")[0].strip()
    kept = {name: value for name, value in good.items() if name != named}
    text = "".join(f"{toml}\n" for _, toml in kept.values()) + line + "\n"
    config, problems = _config(tmp_path, text)
    assert config == Config(**{name: value for name, (value, _) in kept.items()})  # type: ignore[arg-type]
    assert len(problems) == 1 and key in problems[0]
    assert problems[0].isprintable() and "\n" not in problems[0]


@pytest.mark.parametrize(
    "content",
    [b'edition = "en', b"\xff\xfe\x00", b"edition = 'en'\nedition = 'ru'\n", b"= 1"],
    ids=["unclosed", "not-utf8", "duplicate-key", "no-key"],
)
def test_an_unreadable_file_gives_the_defaults_and_one_message(
    content: bytes, tmp_path: Path
) -> None:
    config, problems = _config(tmp_path, content)
    assert config == Config()
    assert len(problems) == 1 and "using the defaults" in problems[0]
    assert problems[0].isprintable()


def test_a_folder_where_the_file_should_be_gives_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()
    config, problems = load_config(tmp_path / "config.toml")
    assert config == Config() and len(problems) == 1


@pytest.mark.usefixtures("cli_env")
def test_the_commands_run_with_a_bad_config_and_say_what_was_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(
        'base_url = "javascript:alert(1)"\nedition = 5\nmax_per_host = "many"\n', encoding="utf-8"
    )
    assert main(["news", "--demo", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) > 10
    warnings = captured.err.splitlines()
    assert len(warnings) == 3
    for key in ("base_url", "edition", "max_per_host"):
        assert any(key in line and "using the default" in line for line in warnings), key


# -- a full disk -----------------------------------------------------------------------------


def _fill(conn: sqlite3.Connection) -> None:
    """SQLite's own "database or disk is full": the file may not grow by a page more."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_under_the_page_store_is_a_warning_and_keeps_what_was_stored(
    tmp_path: Path,
) -> None:
    with PageStore(tmp_path / "pages.sqlite3") as store:
        store.put(f"{SITE}/a/", b"kept" * 1000, "text/html", '"1"', None)
        store.put_parsed(f"{SITE}/a/", "article", "{}", 1)
        assert store._conn is not None
        _fill(store._conn)
        store.put(f"{SITE}/b/", b"lost" * 100_000, "text/html", None, None)
        store.put(f"{SITE}/a/", b"changed" * 100_000, "text/html", '"2"', None)
        assert store.warnings == ["page store: storing a page failed: database or disk is full"]
        kept = store.get(f"{SITE}/a/")
        assert kept is not None and kept.content == b"kept" * 1000 and kept.etag == '"1"'
        assert store.get_parsed(f"{SITE}/a/", 1) == "{}"
        assert store.get(f"{SITE}/b/") is None
    with PageStore(tmp_path / "pages.sqlite3") as again:  # nothing committed was lost
        assert again.warnings == [] and again.info().pages == 1


async def test_a_full_disk_under_the_page_store_still_shows_the_page(
    tmp_path: Path,
) -> None:
    with DemoServer(today=FIXTURE_TODAY) as server, PageStore(tmp_path / "p.sqlite3") as store:
        assert store._conn is not None
        _fill(store._conn)
        settings = ClientSettings(base_url=server.base_url)
        async with open_service(
            base_url=server.base_url, store=store, settings=settings
        ) as service:
            loaded = await service.article(f"{SITE}/eng/news/2025/08/23/7527766/")
        assert loaded.page.title.startswith("NATO top general")
        assert any("disk is full" in warning for warning in store.warnings)


class FullDisk:
    """A connection on a disk with no room left at all, not even for the write-ahead log:
    every write fails as SQLite reports it, reads go through."""

    _WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "VACUUM")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(self._WRITES):
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, *args)  # type: ignore[arg-type]

    def executemany(self, sql: str, *args: object) -> sqlite3.Cursor:
        raise sqlite3.OperationalError("database or disk is full")

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


async def test_with_no_room_at_all_the_offline_copy_is_still_served(tmp_path: Path) -> None:
    url = f"{SITE}/eng/news/2025/08/23/7527766/"
    with DemoServer(today=FIXTURE_TODAY) as server, PageStore(tmp_path / "p.sqlite3") as store:
        settings = ClientSettings(base_url=server.base_url, retries=0)
        async with open_service(
            base_url=server.base_url, store=store, settings=settings
        ) as service:
            first = await service.article(url)
            await service.article(url)  # the parsed copy too
            assert store._conn is not None
            store._conn = FullDisk(store._conn)  # type: ignore[assignment]
            server.inject("/eng/news/*", Body(b"", "text/html"))
            loaded = await service.article(url)
            assert loaded.page == first.page and loaded.error is not None
            fresh = await service.article(f"{SITE}/news/2025/08/23/7527766/")  # not stored
            assert fresh.page.title and not fresh.stale
        assert store.warnings == [
            "page store: marking a page as used failed: database or disk is full",
            "page store: storing a page failed: database or disk is full",
        ]


def test_a_full_disk_under_the_state_store_is_a_message_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with StateStore(path) as state:
        state.mark_read(7527766)
        state.set_bookmark(STORY_URL, "kept")
        assert state._conn is not None
        _fill(state._conn)
        with pytest.raises(StateError, match="marking all read failed: database or disk is full"):
            state.mark_all_read(range(1, 5000))
        with pytest.raises(StateError, match="disk is full"):
            state.opened(f"{SITE}/news/2025/11/28/1/", "x" * 100_000)
        assert state.is_read(7527766) and not state.is_read(1)
    with StateStore(path) as again:
        assert again.warnings == []
        assert again.is_read(7527766) and again.is_bookmarked(STORY_URL)
        assert not again.is_read(4999) and again.history() == []


def test_a_full_disk_under_an_export_is_a_message_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = parse_article(render_article(hostile_spec()), STORY_URL)
    earlier = export_article(article, tmp_path)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("reader.export.os.fsync", full)
    with pytest.raises(ExportError) as caught:
        export_article(article, tmp_path)
    assert str(caught.value) == f"cannot export to {tmp_path}: No space left on device"
    assert sorted(tmp_path.iterdir()) == [earlier]  # no half file, no temporary file
    assert earlier.read_text(encoding="utf-8").startswith("# Заголовок")


def test_every_string_of_a_model_is_seen_by_the_checks() -> None:
    # The control check walks nested models: a control deep inside must be found.
    article = Article(url="u", edition=Edition.UK, id=1, title="t", tags=(Tag("a\x1b", "u"),))
    assert any(CONTROLS.search(text) for text in strings_of(article))
