"""Issue 5 in the app, driven by Pilot against the demo server: read marks shared across
editions, unread counts, Saved, History, search, the day archive, tags, live refresh; and the
small pure pieces under them (days typed, the archive, the reader's own lists)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_ui_support import (
    EN_ONLY_OLD,
    FIXED_NOW,
    SEED_EN,
    SEED_RU,
    SEED_UK,
    SITE,
    make_app,
    screen_text,
    settle,
    site_file,
    toasts,
)
from textual.binding import Binding
from textual.pilot import Pilot

from reader.config import Config
from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import Body, DemoServer
from reader.models import Edition, Headline, NewsList, PageKind
from reader.site.dates import KYIV
from reader.site.editions import SWITCHER_LABELS
from reader.store.cache import PageStore
from reader.store.search import index_path_for
from reader.store.state import Bookmark, StateStore, Visit
from reader.ui.app import ReaderApp
from reader.ui.archive import DayArchive, EarlierState
from reader.ui.days import parse_day
from reader.ui.i18n import KEYS
from reader.ui.screens.day import DayScreen
from reader.ui.screens.search import SearchScreen
from reader.ui.screens.tags import TagsScreen
from reader.ui.views import HISTORY_URL, SAVED_URL, history_list, saved_list
from reader.ui.widgets.article import ArticlePane
from reader.ui.widgets.news import NewsPane

EN_NEWS = f"{SITE}/eng/news/"
EN_DAY_BEFORE = f"{SITE}/eng/news/date_27112025/"
FIRST_OF_27 = f"{SITE}/eng/news/2025/11/27/8019985/"  # the day list's first, not in the list
NEW_QUIET = f"{SITE}/eng/news/2025/08/23/7527740/"  # stored, not in the list
SECOND_ROW = f"{SITE}/eng/news/2025/11/28/8020176/"  # Zaporizhzhia, important
HTML = "text/html; charset=utf-8"


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as demo:
        yield demo


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "pages.sqlite3"


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateStore]:
    with StateStore(tmp_path / "state.sqlite3", clock=FIXED_NOW.timestamp) as opened:
        yield opened


def reader_app(server: DemoServer, store: Path, state: StateStore, **kwargs: Any) -> ReaderApp:
    return make_app(server, store, state=state, **kwargs)


def news_pane(app: ReaderApp) -> NewsPane:
    return app.main.query_one(NewsPane)


def headline(app: ReaderApp, url: str) -> Headline:
    pane = news_pane(app)
    assert pane.news is not None
    return next(item for item in pane.news.items if item.url == url)


def list_urls(app: ReaderApp) -> list[str | None]:
    shown = news_pane(app).list
    return [shown.url_at(i) for i in range(shown.option_count)]


def top_line(app: ReaderApp) -> str:
    return screen_text(app).splitlines()[0]


async def open_url(pilot: Pilot[Any], url: str) -> None:
    app = pilot.app
    assert isinstance(app, ReaderApp)
    app.follow(url)
    await settle(pilot)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def pinned(store: Path) -> set[str]:
    with sqlite3.connect(store) as conn:
        return {url for (url,) in conn.execute("SELECT url FROM pages WHERE pinned = 1")}


# -- read marks and counts -----------------------------------------------------------------


async def test_reading_one_edition_marks_the_story_read_in_the_others(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app._marks(headline(app, SEED_EN)).unread
        assert "14:50 •  Russians shell Kherson" in screen_text(app)
        assert top_line(app).split("updated")[0].split() == [
            "Pravda",
            "Reader",
            *["Укр", "|", "Рус", "|", "Eng", "27"],
        ]
        await open_url(pilot, SEED_UK)  # the Ukrainian list comes with it
        assert "Укр 28 | Рус | Eng 26" in top_line(app)
        await open_url(pilot, EN_NEWS)
        assert not app._marks(headline(app, SEED_EN)).unread
        assert app._marks(headline(app, SECOND_ROW)).unread
    assert state.is_read(SEED_EN) and state.history()[0].url == SEED_UK


async def test_m_toggles_a_read_mark_and_shift_m_marks_the_whole_list(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        first = news_pane(app).list.highlighted_url
        assert first is not None
        await press(pilot, "m")
        assert toasts(app)[-1] == "Marked as read."
        assert not app._marks(headline(app, first)).unread
        assert "Eng 26" in top_line(app)
        await press(pilot, "m")
        assert toasts(app)[-1] == "Marked as unread."
        assert "Eng 27" in top_line(app)
        await press(pilot, "M")
        assert toasts(app)[-1] == "Marked as read: 27."
        assert top_line(app).split("updated")[0].rstrip().endswith("Eng")  # no count left
        assert "•" not in screen_text(app)
        assert news_pane(app).list.highlighted_url == first  # the marks moved nothing


async def test_a_read_mark_redraws_its_row_alone(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    """A list of 250 rows is not drawn again for one changed mark: only that row's entry
    is new, the others are the very objects they were."""
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = news_pane(app).list
        first = shown.highlighted_url
        assert first is not None and shown.highlighted is not None
        before = [shown.get_option_at_index(i).prompt for i in range(shown.option_count)]
        await press(pilot, "m")
        after = [shown.get_option_at_index(i).prompt for i in range(shown.option_count)]
        changed = [i for i, prompt in enumerate(after) if prompt is not before[i]]
        assert changed == [shown.highlighted]
        assert "•" not in screen_text(app).splitlines()[shown.highlighted + 2]


# -- Saved ---------------------------------------------------------------------------------


async def test_saved_stories_are_marked_listed_and_readable_offline(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_EN)
        app.main.show_pane("article")
        await press(pilot, "s")  # the open article
        assert toasts(app)[-1].startswith("Saved, and readable offline: NATO top general")
        app.main.show_pane("news")
        await press(pilot, "j", "s")  # a headline not read yet: fetched now, to keep
        assert app._marks(headline(app, SECOND_ROW)).bookmarked
        assert "14:05 ★! Russians attack" in screen_text(app)
        assert pinned(store) == {SEED_EN, SECOND_ROW}
        await press(pilot, "S")
        assert news_pane(app).border_title is not None
        assert "Saved" in str(news_pane(app).border_title)
        assert [url for url in list_urls(app) if url] == [SECOND_ROW, SEED_EN]
        await press(pilot, "s")  # in Saved too: the highlighted one goes
        assert toasts(app)[-1].startswith("Taken out of Saved: Russians attack")
        assert pinned(store) == {SEED_EN}
    requests = len(server.requests)
    offline = reader_app(server, store, state, edition=Edition.EN, offline=True)
    async with offline.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        assert [url for url in list_urls(offline) if url] == [SEED_EN]
        await press(pilot, "enter")
        assert offline.article is not None and offline.article.url == SEED_EN
    assert len(server.requests) == requests


async def test_an_empty_saved_view_says_how_to_save(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.UK)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        shown = screen_text(app)
        assert "Збережені" in shown and "Ще нічого не збережено:" in shown
        assert "натисніть s на заголовку" in shown
        assert app.edition is Edition.UK


# -- History -------------------------------------------------------------------------------


async def test_history_lists_visits_with_their_time_and_back_and_forward_cross_it(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_url(pilot, EN_ONLY_OLD)
        await open_url(pilot, SEED_EN)
        await press(pilot, "h")
        shown = screen_text(app)
        assert "History" in shown and "28 November 2025" in shown
        assert "15:00    NATO top general" in shown and "15:00    Majority of Finnish" in shown
        assert [url for url in list_urls(app) if url] == [SEED_EN, EN_ONLY_OLD]
        await press(pilot, "j", "enter")  # the older visit
        assert app.article is not None and app.article.url == EN_ONLY_OLD
        assert app.news is not None and app.news.url == HISTORY_URL  # the list stays
        await press(pilot, "backspace")
        assert app.history.current == HISTORY_URL
        await press(pilot, "backspace")
        assert app.article.url == SEED_EN
        await press(pilot, "alt+right", "alt+right")
        assert app.article.url == EN_ONLY_OLD
        await press(pilot, "h")  # shown again: the visit just made is on top
        assert [url for url in list_urls(app) if url][:2] == [EN_ONLY_OLD, SEED_EN]


# -- search --------------------------------------------------------------------------------


async def test_search_finds_articles_as_read_folding_letters_and_opens_them(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_url(pilot, SEED_UK)
        await open_url(pilot, SEED_EN)
        await press(pilot, "ctrl+f", *"украіні")  # і for ї, lower case for "Україні"
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.results.highlighted_url == SEED_UK
        assert "Found: 1" in screen_text(app) and "Головний генерал НАТО" in screen_text(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, SearchScreen)
        assert app.article is not None and app.article.url == SEED_UK
        await press(pilot, "F")  # the last words again
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.input.value == "украіні"
        await press(pilot, "escape")
        assert not isinstance(app.screen, SearchScreen)
    assert index_path_for(store).exists()


async def test_search_in_one_edition_and_the_choice_kept_for_the_next_search(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    """ctrl+t goes through every edition, then Укр, Рус, Eng alone: the same words are
    searched again in that edition; the next search window starts in it."""
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for url in (SEED_UK, SEED_RU, SEED_EN):
            await open_url(pilot, url)
        await press(pilot, "ctrl+f", *"Corriere")  # the source all three cite
        screen = app.screen
        assert isinstance(screen, SearchScreen)

        def found() -> set[str]:
            results = screen.results
            return {results.url_at(i) or "" for i in range(results.option_count)} - {""}

        assert found() == {SEED_UK, SEED_RU, SEED_EN} and "In every edition" in screen_text(app)
        for edition, seed in ((Edition.UK, SEED_UK), (Edition.RU, SEED_RU), (Edition.EN, SEED_EN)):
            await press(pilot, "ctrl+t")
            assert screen.edition is edition
            assert found() == {seed}, edition
            assert f"In {SWITCHER_LABELS[edition]} only" in screen_text(app)
        await press(pilot, "ctrl+t")
        assert screen.edition is None and len(found()) == 3
        await press(pilot, "ctrl+t", "ctrl+t", "escape")  # Рус, then closed
        await press(pilot, "F")
        again = app.screen
        assert isinstance(again, SearchScreen) and again.edition is Edition.RU
        await settle(pilot)
        assert {again.results.url_at(i) for i in range(again.results.option_count)} == {SEED_RU}


async def test_the_search_index_is_made_from_the_stored_pages_at_start(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    with PageStore(store) as pages:  # pages stored before, by another run or version
        for url in (SEED_UK, SEED_EN):
            pages.put(url, site_file(url).read_bytes(), HTML, None, None)
    again = reader_app(server, store, state, edition=Edition.EN)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+f", *"ІНТЕРВ’Ю")  # the page writes інтерв'ю
        screen = again.screen
        assert isinstance(screen, SearchScreen)
        assert screen.results.highlighted_url == SEED_UK
        await press(pilot, "ctrl+u", *"zzq")
        assert "Nothing found. Stored articles: 2" in screen_text(again)
        await press(pilot, "enter")  # nothing to open: the window stays
        assert isinstance(again.screen, SearchScreen)


# -- the day archive -----------------------------------------------------------------------


async def test_moving_past_the_end_of_the_list_adds_the_day_before(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert list_urls(app)[-1] == EN_DAY_BEFORE
        await press(pilot, "G")  # the last headline: nothing loads yet
        assert news_pane(app).list.highlighted_url != EN_DAY_BEFORE
        assert "▾ 27 November 2025: earlier news" in screen_text(app)
        assert server.count("/eng/news/date_27112025/") == 0
        await press(pilot, "j")
        assert server.count("/eng/news/date_27112025/") == 1
        assert news_pane(app).list.highlighted_url == FIRST_OF_27
        assert app.news is not None and app.news.url == EN_NEWS  # the same list, longer
        urls = list_urls(app)
        assert urls.count(SEED_EN) == 1  # in both lists, shown once
        assert urls[-1] == f"{SITE}/eng/news/date_26112025/"
        await press(pilot, "G", "j")  # the demo has no earlier day
        failed = news_pane(app).earlier
        assert failed is not None
        assert str(failed[0]) == "✗ 26 November 2025: no such page (HTTP 404). Enter: try again"
        await press(pilot, "k", "j")  # reaching it again does not ask again
        assert server.count("/eng/news/date_26112025/") == 1
        await press(pilot, "enter")  # choosing it does
        assert server.count("/eng/news/date_26112025/") == 2


async def test_d_jumps_to_a_day_typed_or_stepped_to(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.input.value == "28.11.2025"
        await press(pilot, "ctrl+u", *"32.13", "enter")
        assert "Not a day: 32.13" in screen_text(app)
        await press(pilot, "ctrl+u", *"29.11.2025", "enter")
        assert "29 November 2025 has not come yet." in screen_text(app)
        await press(pilot, "ctrl+u", *"-1", "up", "down", "enter")  # 27, 26, 27
        assert not isinstance(app.screen, DayScreen)
        assert app.news is not None and app.news.url == EN_DAY_BEFORE
        assert "News of 27 November 2025" in screen_text(app)
        await press(pilot, "backspace")
        assert app.news.url == EN_NEWS


# -- tags ----------------------------------------------------------------------------------


async def test_t_opens_a_tag_of_the_article_in_the_current_edition(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        assert toasts(app)[-1] == "Open an article first."
        await open_url(pilot, SEED_EN)
        await press(pilot, "t")
        assert isinstance(app.screen, TagsScreen)
        assert "NATO" in screen_text(app) and "negotiations" in screen_text(app)
        await press(pilot, "enter")
        assert app.news is not None and app.news.url == f"{SITE}/eng/tags/nato/"
        assert "Tag: NATO" in screen_text(app) and app.main.current == "news"
        await open_url(pilot, EN_ONLY_OLD)  # English only: "2" keeps it open in Russian
        await press(pilot, "2", "t", "enter")
        assert app.edition is Edition.RU
        assert app.history.current == f"{SITE}/rus/tags/finljandija/"


# -- live refresh --------------------------------------------------------------------------

NEW_ROWS = (
    b'<div class="article_news_list article_news_bold"><div class="article_time">14:59</div>'
    b'<div class="article_title"><a href="https://www.pravda.com.ua/eng/news/2025/08/22/7527700/">'
    b"Air raid alert across Ukraine</a></div></div>\n"
    b'<div class="article_news_list"><div class="article_time">14:55</div>'
    b'<div class="article_title"><a href="https://www.pravda.com.ua/eng/news/2025/08/23/7527740/">'
    b'A quieter story</a></div></div>\n<div class="article_news_list">'
)


async def test_live_refresh_marks_and_counts_new_items_in_place(
    server: DemoServer, store: Path, state: StateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    timers: list[tuple[float, Callable[[], object]]] = []
    monkeypatch.setattr(
        ReaderApp,
        "set_interval",
        lambda _app, every, callback, **_: timers.append((every, callback)),
    )
    config = Config(edition=Edition.EN, refresh_minutes=5)
    app = reader_app(server, store, state, config=config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert [every for every, _ in timers] == [300]
        await press(pilot, "j", "j", "j")
        selected = news_pane(app).list.highlighted_url
        scroll = news_pane(app).list.scroll_y
        await open_url(pilot, SEED_EN)
        view = app.main.query_one(ArticlePane).view
        await press(pilot, "space")
        reading_at = view.scroll_y
        page = site_file(EN_NEWS).read_bytes()
        extra = page.replace(b'<div class="article_news_list">', NEW_ROWS, 1)
        server.inject("/eng/news/", Body(extra, HTML), times=1)
        timers[0][1]()  # the timer fires
        await settle(pilot)
        assert news_pane(app).list.highlighted_url == selected
        assert news_pane(app).list.scroll_y == scroll and view.scroll_y == reading_at
        assert "+2 new" in top_line(app)
        assert toasts(app)[-1] == "Important: Air raid alert across Ukraine"
        assert "14:59 +! Air raid alert" in screen_text(app)
        assert app._marks(headline(app, NEW_QUIET)).new
        await open_url(pilot, NEW_QUIET)  # read: no longer new
        assert "+1 new" in top_line(app)
        timers[0][1]()  # nothing new this time: the one not read stays marked
        await settle(pilot)
        assert "+1 new" in top_line(app)


# -- without a working state ---------------------------------------------------------------


async def test_a_write_that_fails_is_a_toast_and_the_reader_goes_on(
    server: DemoServer, store: Path, tmp_path: Path
) -> None:
    state = StateStore(tmp_path / "state.sqlite3")
    app = reader_app(server, store, state, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        state.close()
        for key in ("s", "m", "M"):
            await press(pilot, key)
            assert toasts(app)[-1].startswith("The reading state was not written:"), key
        await open_url(pilot, SEED_EN)
        assert app.article is not None and app.is_running


async def test_without_a_state_store_the_keys_say_why(server: DemoServer, store: Path) -> None:
    app = make_app(server, store, edition=Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "•" not in screen_text(app)  # no unread marks without knowing
        await press(pilot, "s")
        assert toasts(app)[-1].startswith("Read marks, Saved and History are off")


async def test_an_unusable_state_file_is_a_warning_at_start(
    server: DemoServer, store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    app = make_app(server, store, edition=Edition.EN, state=folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert any(
            toast.startswith("Read marks, Saved and History are off") for toast in toasts(app)
        )
        assert app.news is not None


# -- keys, words, palette ------------------------------------------------------------------


def test_every_new_key_has_an_id_a_tooltip_and_words_in_every_language() -> None:
    ids: set[str] = set()
    for owner in (ReaderApp, SearchScreen, DayScreen, TagsScreen):
        for binding in Binding.make_bindings(owner.BINDINGS):
            assert binding.id and binding.tooltip and binding.description, binding.key
            ids.add(binding.id)
    ours = {"toggle-read", "mark-all-read", "bookmark", "saved", "history", "search"}
    ours |= {"jump-day", "article-tags", "day-before", "day-after", "search-results", "close"}
    ours |= {"search-edition"}
    assert ours <= ids
    for lang in Edition:
        assert ours <= set(KEYS[lang]), lang


async def test_the_palette_and_help_offer_the_reading_keys(
    server: DemoServer, store: Path, state: StateStore
) -> None:
    app = reader_app(server, store, state, edition=Edition.RU)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        names = [command.name for command in app.palette_commands()]
        for name in ("Чтение: Поиск", "Чтение: Сохранённые", "Чтение: История", "Чтение: День"):
            assert name in names
        await press(pilot, "question_mark")
        shown = screen_text(app)
        for words in ("^f / F", "Сохранить", "Всё прочитано", "Сохранённые"):
            assert words in shown, words


# -- the pieces ----------------------------------------------------------------------------

TODAY = date(2025, 11, 28)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("27.11.2025", date(2025, 11, 27)),
        (" 27/11/25 ", date(2025, 11, 27)),
        ("2025-11-27", date(2025, 11, 27)),
        ("27.11", date(2025, 11, 27)),
        ("27.11.", date(2025, 11, 27)),
        ("29.11", date(2024, 11, 29)),  # no year: the last one that has come
        ("-1", date(2025, 11, 27)),
        ("−30", date(2025, 10, 29)),
        ("31.02.2025", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_days_typed(text: str, day: date | None) -> None:
    assert parse_day(text, TODAY) == day


def _list(url: str, previous: str | None, *urls: str) -> NewsList:
    items = tuple(Headline(title=u, url=u) for u in urls)
    return NewsList(PageKind.LIST, url, Edition.EN, None, items, previous_day=previous)


def test_the_archive_adds_days_once_and_names_the_next_one() -> None:
    top = _list(EN_NEWS, EN_DAY_BEFORE, "a", "b")
    day = _list(EN_DAY_BEFORE, f"{SITE}/eng/news/date_26112025/", "b", "c")
    archive = DayArchive()
    archive.follow(EN_NEWS)
    assert archive.merged(top) is top
    earlier = archive.earlier(top)
    assert earlier is not None and earlier.day == date(2025, 11, 27)
    assert archive.wants(EN_DAY_BEFORE, retry=False)
    archive.loading = EN_DAY_BEFORE
    assert not archive.wants(EN_DAY_BEFORE, retry=True)
    archive.loading = None
    archive.add(day)
    merged = archive.merged(top)
    assert [item.url for item in merged.items] == ["a", "b", "c"]
    assert not archive.wants(EN_DAY_BEFORE, retry=True)
    older = f"{SITE}/eng/news/date_26112025/"
    archive.failed[older] = "no such page"
    failed = archive.earlier(merged)
    assert failed is not None and failed.state is EarlierState.FAILED
    assert not archive.wants(older, retry=False) and archive.wants(older, retry=True)
    archive.follow(f"{SITE}/news/")  # another list: its own days
    assert archive.merged(top) is top and not archive.failed


def test_saved_and_history_lists_show_local_times_and_know_stories() -> None:
    at = datetime(2025, 11, 28, 21, 30, tzinfo=KYIV)
    saved = saved_list(
        [
            Bookmark(SEED_EN, "NATO", Edition.EN, at),
            Bookmark(
                "https://www.eurointegration.com.ua/eng/news/2025/11/28/7226460/", "", None, at
            ),
        ],
        KYIV,
    )
    assert saved.url == SAVED_URL
    first, sister = saved.items
    assert (first.time, first.id, first.external) == ("21:30", 7527766, False)
    assert sister.external and sister.id is None and sister.title == sister.url
    visits = [Visit(SEED_EN, "NATO", Edition.EN, at - timedelta(days=n)) for n in range(600)]
    history = history_list(visits, KYIV)
    assert history.url == HISTORY_URL and len(history.items) == 500
