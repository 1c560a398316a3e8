"""The reader app driven by Pilot against the demo server: editions, links, filter, help,
refresh, errors, offline mode, literal page text, narrow terminals, mouse, settings."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_ui_support import (
    EN_ONLY_NEW,
    EN_ONLY_OLD,
    SEED_EN,
    SITE,
    article_text,
    make_app,
    screen_text,
    settle,
    site_file,
    toasts,
    tricky_article,
)
from textual.pilot import Pilot

from reader.config import Config
from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import Body, Delay, DemoServer, Status
from reader.models import Edition
from reader.ui.app import ReaderApp
from reader.ui.run import add_arguments
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article import ArticlePane
from reader.ui.widgets.news import NewsPane
from reader.ui.widgets.related import RelatedPane

EN_NEWS = f"{SITE}/eng/news/"
HTML = "text/html; charset=utf-8"


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as demo:
        yield demo


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "pages.sqlite3"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app asked the browser to open (never a real browser)."""
    urls: list[str] = []
    monkeypatch.setattr(ReaderApp, "open_url", lambda _app, url, new_tab=True: urls.append(url))
    return urls


def news_pane(app: ReaderApp) -> NewsPane:
    return app.main.query_one(NewsPane)


async def open_url(pilot: Pilot[Any], url: str) -> None:
    """Open a page as the start URL would (not every story is in the fixture lists)."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    app.follow(url)
    await settle(pilot)


# -- editions ------------------------------------------------------------------------------


async def test_switching_to_an_edition_without_the_story_says_so_and_shows_its_list(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await open_url(pilot, EN_ONLY_NEW)  # new design: the app asks the site which exist
        await pilot.press("2")
        await settle(pilot)
        assert app.edition is Edition.RU
        assert app.news is not None and app.news.url == f"{SITE}/rus/news/"
        assert app.article is not None and app.article.url == EN_ONLY_NEW  # still open
        assert "Этой новости нет на русском" in toasts(app)[-1]
        assert "Последние новости" in screen_text(app)


async def test_an_old_design_story_in_one_edition_offers_no_translation(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await open_url(pilot, EN_ONLY_OLD)
        await pilot.press("1")
        await settle(pilot)
        assert "Цієї новини немає українською" in toasts(app)[-1]
        assert app.news is not None and app.news.url == f"{SITE}/news/"
        # The page names no other edition, so the app asked the site: 404 for both.
        assert server.count("/news/2025/08/23/7527790/") == 1
        assert server.count("/rus/news/2025/08/23/7527790/") == 1


async def test_the_list_marks_stories_known_in_other_editions(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1")  # the Ukrainian list, then back to English
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        shown = screen_text(app)
        assert "also in Укр" in shown  # e.g. "Russians shell Kherson" is in both lists


# -- links ---------------------------------------------------------------------------------


async def test_links_are_followed_by_number(
    server: DemoServer, store: Path, opened: list[str]
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
        await pilot.press("tab")  # to the article
        assert app.main.current == "article"
        await pilot.press("3", "enter")  # link 3: a story of the site, opens here
        await settle(pilot)
        assert app.article is not None
        assert app.article.url == f"{SITE}/eng/news/2025/08/22/7527500/"
        await pilot.press("backspace")
        await settle(pilot)
        await pilot.press("f", "1", "enter")  # link 1: another site, to the browser
        await settle(pilot)
        corriere = "https://www.corriere.it/esteri/25_agosto_23/dragone-nato-truppe-ucraina.shtml"
        assert opened == [corriere]
        assert toasts(app)[-1] == f"Leaving the site: opened {corriere} in the browser"
        await pilot.press("tab", "9", "9", "enter")  # the related pane takes numbers too
        await settle(pilot)
        assert toasts(app)[-1] == "There is no link 99."


async def test_the_related_pane_lists_groups_tags_and_numbered_links(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
        top = screen_text(app)
        assert "Related" in top and "NATO" in top
        app.main.show_pane("related")
        await pilot.press("G")
        bottom = screen_text(app)
        for words in ("More on NATO", "More on war", "Links", "Other languages"):
            assert words in bottom, words
        assert "[1] Corriere della Sera" in bottom
        pane = app.main.query_one(RelatedPane).list
        assert f"{SITE}/eng/tags/nato/" in [pane.url_at(i) for i in range(pane.option_count)]


async def test_the_related_pane_follows_the_article_a_frame_later_and_only_the_last(
    server: DemoServer, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The related pane is drawn in the frame after its article's; two articles shown before
    that frame draw the pane once, for the second."""
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
        first = app.article
        await open_url(pilot, f"{SITE}/eng/news/2025/08/22/7527500/")
        second = app.article
        assert first is not None and second is not None and first != second
        related = app.main.query_one(RelatedPane).list
        drawn: list[str] = []
        show = related.show_article
        monkeypatch.setattr(
            related,
            "show_article",
            lambda article, lang: (drawn.append(article.url), show(article, lang)),
        )
        app._paint_article(first, refresh=False)
        app._paint_article(second, refresh=False)
        assert drawn == []  # not in the article's frame
        await settle(pilot)
        assert drawn == [second.url]
        assert related.article == second


async def test_a_tag_page_opens_in_the_list_pane(server: DemoServer, store: Path) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
        related = app.main.query_one(RelatedPane).list
        index = next(
            i for i in range(related.option_count) if related.url_at(i) == f"{SITE}/eng/tags/nato/"
        )
        app.main.show_pane("related")
        related.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert app.news is not None and app.news.url == f"{SITE}/eng/tags/nato/"
        assert "Tag: NATO" in screen_text(app)
        assert app.main.current == "news"


async def test_every_headline_of_the_demo_opens(server: DemoServer, store: Path) -> None:
    """The first headline of the demo's list has no page in the fixture site: the demo answers
    with its stand-in, so the reader gets an article, not "no such page"."""
    from reader.demo.listed import NOTICE

    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = news_pane(app).news.items[0] if news_pane(app).news else None
        assert row is not None and row.url == f"{SITE}/eng/news/2025/11/28/8020187/"
        await pilot.press("enter")
        await settle(pilot)
        assert app.article is not None and app.article.title == row.title
        assert [block.text for block in app.article.blocks] == [NOTICE[Edition.EN]]
        assert "The Pravda Reader demo" in screen_text(app)


async def test_open_in_browser_and_copy_link_act_on_the_selection(
    server: DemoServer, store: Path, opened: list[str]
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        first = news_pane(app).list.highlighted_url
        assert first == f"{SITE}/eng/news/2025/11/28/8020187/"
        await pilot.press("o", "c")
        assert opened == [first]
        assert app.clipboard == first
        assert toasts(app)[-2] == f"Opened in the browser: {first}"  # a page of the site


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "java\tscript:alert(1)", "file:///etc/passwd", "data:,x"]
)
async def test_only_web_links_go_to_the_browser(
    server: DemoServer, store: Path, opened: list[str], link: str
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.open_in_browser(link)
        await pilot.pause()
        assert opened == []
        assert toasts(app)[-1].startswith("Only web addresses (http, https) open in the browser")


# -- the list ------------------------------------------------------------------------------


async def test_the_filter_keeps_matching_headlines(server: DemoServer, store: Path) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nato", "enter")
        pane = news_pane(app)
        urls = [pane.list.url_at(i) for i in range(pane.list.option_count)]
        titles = [item.title for item in app.news.items if item.url in urls] if app.news else []
        assert 2 < len(titles) < 10 and all("nato" in title.lower() for title in titles)
        assert app.focused is pane.list  # Enter keeps the filter and goes back to the list
        await pilot.press("escape")
        assert pane.list.option_count > 20


async def test_the_stored_list_shows_while_the_refresh_runs(
    server: DemoServer, store: Path
) -> None:
    first = make_app(server, store, edition=Edition.EN)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    server.inject("/eng/news/", Delay(30))  # the next refresh hangs until the server stops
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert news_pane(app).border_subtitle == "↻ loading…"
        assert "↻ loading…" in screen_text(app)
        assert "Russians shell Kherson" in screen_text(app)


async def test_a_stored_list_draws_without_a_busy_frame_of_its_own(
    server: DemoServer, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching to a stored list: offline nothing says "loading" (nothing is asked); online
    it is said only once the stored list is drawn, in that frame, while the site is asked."""
    first = make_app(server, store, edition=Edition.EN)
    async with first.run_test(size=(120, 40)) as pilot:
        for key in ("1", "2", "3"):
            await pilot.press(key)
            await settle(pilot)
    said: list[tuple[bool, str | None]] = []  # (online, the list's URL when busy was said)
    show_busy = NewsPane.show_busy

    def spy(pane: NewsPane, words: str | None) -> None:
        if words is not None:
            said.append((not app.offline, pane.news.url if pane.news else None))
        show_busy(pane, words)

    monkeypatch.setattr(NewsPane, "show_busy", spy)
    for offline in (True, False):
        app = make_app(server, store, edition=Edition.EN, offline=offline)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            said.clear()
            await pilot.press("1")
            await settle(pilot)
            assert app.news is not None and app.news.url == f"{SITE}/news/"
            assert said == ([] if offline else [(True, f"{SITE}/news/")])


async def test_a_refresh_keeps_the_selection_and_the_reading_position(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")
        selected = news_pane(app).list.highlighted_url
        await open_url(pilot, SEED_EN)
        view = app.main.query_one(ArticlePane).view
        await pilot.press("space", "space")
        await pilot.pause()
        position = view.scroll_y
        assert position > 0
        # The site has one story more at the top of the list.
        page = site_file(EN_NEWS).read_bytes()
        extra = page.replace(b'<div class="article_news_list">', NEW_ROW, 1)
        server.inject("/eng/news/", Body(extra, HTML), times=1)
        await pilot.press("r")
        await settle(pilot)
        assert app.news is not None and app.news.items[0].title == "A story just published"
        assert news_pane(app).list.highlighted_url == selected
        assert view.scroll_y == position
        assert "+1 new" in screen_text(app)


NEW_ROW = (
    b'<div class="article_news_list"><div class="article_time">14:59</div>'
    b'<div class="article_title"><a href="https://www.pravda.com.ua/eng/news/2025/11/28/8020199/">'
    b'A story just published</a></div></div>\n<div class="article_news_list">'
)


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (500, "the site is having trouble (HTTP 500). Press r to try again."),
        (403, "(HTTP 403). Press r to try again or o to open it in the browser."),
    ],
)
async def test_a_failed_page_is_a_toast_and_the_app_goes_on(
    server: DemoServer, store: Path, status: int, words: str
) -> None:
    server.inject("/eng/news/2025/08/23/7527766/*", Status(status))  # the page and its AMP
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
        assert words in toasts(app)[-1]
        assert f"(HTTP {status})" in article_text(app)  # also where the article would be
        server.clear_faults()
        await pilot.press("r")
        await settle(pilot)
        assert app.article is not None and app.article.url == SEED_EN


async def test_a_failed_refresh_keeps_the_page_and_says_offline_copy(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        server.inject("/eng/news/", Status(503))
        await pilot.press("r")
        await settle(pilot)
        assert toasts(app)[-1].startswith("Showing the offline copy: the site is having trouble")
        assert "offline" in screen_text(app).splitlines()[0]
        assert "Russians shell Kherson" in screen_text(app)


# -- offline -------------------------------------------------------------------------------


async def test_offline_mode_reads_the_store_only(server: DemoServer, store: Path) -> None:
    online = make_app(server, store, edition=Edition.EN)
    async with online.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
    requests = len(server.requests)
    app = make_app(server, store, edition=Edition.EN, offline=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "offline" in screen_text(app).splitlines()[0]
        assert "Russians shell Kherson" in screen_text(app)
        await open_url(pilot, SEED_EN)
        assert "NATO top general" in screen_text(app)
        await open_url(pilot, EN_ONLY_OLD)
        assert "it is not in the offline copy" in toasts(app)[-1]
        assert "without --offline" in toasts(app)[-1]
    assert len(server.requests) == requests


# -- page text is data ---------------------------------------------------------------------


async def test_markup_in_page_text_is_shown_literally(server: DemoServer, store: Path) -> None:
    server.inject("/eng/news/2025/11/28/8020165/", Body(tricky_article(), HTML))
    page = site_file(EN_NEWS).read_bytes()
    listed = page.replace(b"Russians shell Kherson", b"[reverse]Russians[/] shell Kherson")
    server.inject("/eng/news/", Body(listed, HTML))
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        await open_url(pilot, EN_ONLY_NEW)
        assert "[bold red]Alarm[/bold red] \\x1b[31m title" in article_text(app)
        assert "Source: [link=https://evil.example]click[/link] of" in article_text(app)
        shown = screen_text(app)
        assert "[bold red]Alarm[/bold red]" in shown
        assert "[reverse]Russians[/] shell" in shown


# -- layout --------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "expected"), [(40, "-single"), (80, "-narrow"), (140, "-wide")])
def test_the_main_screen_is_born_with_the_class_of_the_terminals_width(
    width: int, expected: str
) -> None:
    """Before the first layout (Textual would set it only at the first resize)."""
    from types import SimpleNamespace

    from textual.geometry import Size

    from reader.ui.screens.main import _width_class

    app = SimpleNamespace(
        size=Size(width, 30), HORIZONTAL_BREAKPOINTS=ReaderApp.HORIZONTAL_BREAKPOINTS
    )
    assert _width_class(app) == expected  # type: ignore[arg-type]


async def test_under_100_columns_the_related_pane_folds_away(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
        await pilot.press("tab", "tab")
        assert app.main.current == "related"
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        related = app.main.query_one(RelatedPane)
        assert related.region.width == 0 and app.main.current == "article"
        assert "Related" not in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert related.region.width > 0 and app.main.current == "related"
        await pilot.press("l")
        await pilot.pause()
        assert related.region.width == 0 and app.main.current == "article"


async def test_under_60_columns_one_pane_shows_at_a_time(server: DemoServer, store: Path) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot)

        def widths() -> dict[str, int]:
            return {
                name: app.main.query_one(f"#{name}-pane").region.width
                for name in ("news", "article", "related")
            }

        assert widths() == {"news": 50, "article": 0, "related": 0}
        await pilot.press("G", "k", "k", "k", "enter")
        await settle(pilot)
        assert app.article is not None and app.article.url == SEED_EN
        assert widths() == {"news": 0, "article": 50, "related": 0}
        await pilot.press("tab")
        await pilot.pause()
        assert widths() == {"news": 0, "article": 0, "related": 50}
        await pilot.press("backspace")  # nothing behind the first article: the list again
        await settle(pilot)
        assert widths() == {"news": 50, "article": 0, "related": 0}


# -- mouse ---------------------------------------------------------------------------------


async def test_clicks_open_rows_links_and_editions(server: DemoServer, store: Path) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#news-list", offset=(12, 5))  # the row under "14:05"
        await settle(pilot)
        assert app.article is not None
        assert app.article.url == f"{SITE}/eng/news/2025/11/28/8020176/"
        await pilot.click("#related-list", offset=(6, 1))  # the first related story
        await settle(pilot)
        assert app.article.url != f"{SITE}/eng/news/2025/11/28/8020176/"
        await pilot.click("#edition-uk")
        await settle(pilot)
        assert app.edition is Edition.UK


# -- help, palette, settings ---------------------------------------------------------------


async def test_help_lists_the_keys_of_the_pane_and_of_the_app(
    server: DemoServer, store: Path
) -> None:
    app = make_app(server, store, edition=Edition.UK)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Ця панель: Стаття" in shown and "Усюди" in shown
        for words in ("0-9", "Посилання №", "Оновити", "Вийти", "alt+←"):
            assert words in shown, words
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_palette_offers_every_action(server: DemoServer, store: Path) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        names = [command.name for command in app.palette_commands()]
        assert "Navigate: Back" in names and "Edition: Eng" in names
        assert "Page: Refresh" in names and "App: Quit" in names
        await pilot.press("ctrl+p", *"Previous day", "enter")
        await settle(pilot)
        assert app.news is not None and app.news.url == f"{SITE}/eng/news/date_27112025/"


async def test_settings_fix_the_language_and_rebind_keys(server: DemoServer, store: Path) -> None:
    config = Config(
        edition=Edition.RU,
        ui_language=Edition.EN,
        refresh_minutes=0,
        keymap={"quit": "x", "refresh": "R"},
    )
    app = make_app(server, store, config=config, config_problems=("config: unknown key 'z'",))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "Recent news" in shown and " R  Refresh " in shown and " x  Quit " in shown
        assert "Россияне обстреляли" in shown
        assert toasts(app) == ["Settings: config: unknown key 'z'"]
        await pilot.press("q")
        assert app.is_running
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


def test_the_command_line_flags() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["--demo", "--offline", "--lang", "ru", "--theme", "nord", SEED_EN])
    assert (args.demo, args.offline, args.lang, args.theme, args.url) == (
        True,
        True,
        "ru",
        "nord",
        SEED_EN,
    )
    with pytest.raises(SystemExit):
        parser.parse_args(["--lang", "de"])


async def test_profile_start_marks_each_step_and_quits_with_the_list_on_screen(
    server: DemoServer, store: Path
) -> None:
    """`--profile-start`: the app stops by itself once the first list is on screen, and the
    table says how long each step took, the list's paint last."""
    from reader import startup_profile

    first = make_app(server, store, edition=Edition.EN)
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # a stored list, so the next start paints from the store
    startup_profile.start()
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if not app.is_running:
                break
            await pilot.pause(0.01)
        assert not app.is_running
        assert "Russians shell Kherson" in screen_text(app)
    steps = [line.split("  ")[0] for line in startup_profile.report().splitlines()[1:]]
    assert steps == [
        "python and the command line ready",
        "app mounted, stores and service open",
        "panes mounted",
        "first list on screen",
    ]
    assert startup_profile.report() == ""  # reported once, and profiling is over


async def test_what_start_up_built_is_put_out_of_the_collectors_way(
    server: DemoServer, store: Path
) -> None:
    """After the start-up work, the long-lived objects are frozen, so a full collection in the
    middle of a key press does not walk them (it cost 40-70 ms on a 20,000-page store)."""
    import gc

    gc.unfreeze()
    app = make_app(server, store, edition=Edition.EN)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            for _ in range(100):
                if gc.get_freeze_count():
                    break
                await pilot.pause(0.02)
            assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


async def test_panes_that_exist_before_the_service_are_filled_once_it_opens(
    server: DemoServer, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main screen asks for its panes to be filled as soon as they exist; a service that
    opens later (a slow disk) fills them then."""
    import contextlib

    from reader.ui import app as app_module

    real_open = app_module.open_service
    waiting: list[bool] = []  # whether the panes waited, when the service opened

    @contextlib.asynccontextmanager
    async def slow_open(**kwargs: Any) -> AsyncIterator[Any]:
        await asyncio.sleep(0.2)  # the screen mounts meanwhile
        waiting.append(app._panes_waiting)
        async with real_open(**kwargs) as service:
            yield service

    monkeypatch.setattr(app_module, "open_service", slow_open)
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert waiting == [True]
        assert app.service is not None and not app._panes_waiting
        assert news_pane(app).news is not None
        assert "Russians shell Kherson" in screen_text(app)


async def test_the_collector_paused_for_the_start_up_runs_again_once_the_list_is_shown(
    server: DemoServer, store: Path
) -> None:
    """The command line turns the garbage collector off for the start-up; the app turns it
    back on with the first list on screen (a reader that never collected would grow)."""
    import gc

    gc.disable()
    app = make_app(server, store, edition=Edition.EN)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(100):
                if gc.isenabled():
                    break
                await pilot.pause(0.02)
            assert gc.isenabled()
            assert news_pane(app).news is not None
    finally:
        gc.enable()


async def test_a_list_met_before_comes_back_with_the_rows_already_drawn(
    server: DemoServer, store: Path
) -> None:
    """Switching to another edition and back reuses the drawn rows (and their counted
    heights) of the list shown before."""
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = news_pane(app).list
        before = {
            shown.url_at(i): shown.get_option_at_index(i).prompt for i in range(shown.option_count)
        }
        await pilot.press("1")
        await settle(pilot)
        assert news_pane(app).news is not None and "/eng/" not in news_pane(app).news.url
        await pilot.press("3")
        await settle(pilot)
        after = {
            shown.url_at(i): shown.get_option_at_index(i).prompt for i in range(shown.option_count)
        }
        from reader.ui.visuals import RowVisual

        rows = [url for url in after if url in before and isinstance(after[url], RowVisual)]
        same = [url for url in rows if after[url] is before[url]]
        assert len(same) > 10
        for url in set(rows) - set(same):  # drawn anew only when what it shows changed
            assert after[url].__rich__().text.plain != before[url].__rich__().text.plain
