"""The compare view and export, driven by Pilot against the demo server: stories in three,
two and one editions; alignment, one-side marks, scrolling together, choosing the second
edition, narrow stacking, export contents and failures; the list's "also in" marks."""

from __future__ import annotations

import io
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from test_ui_support import SEED_EN, SITE, make_app, screen_text, settle, site_file, toasts
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Static

from reader.compare import AlignedRow, align
from reader.config import Config
from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import DemoServer
from reader.models import Article, Edition
from reader.site.parse_article import parse_article
from reader.store.cache import PageStore
from reader.ui.app import ReaderApp
from reader.ui.i18n import KEYS
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.compare import CompareRow, CompareView

THREE = f"{SITE}/eng/news/2025/11/28/8020106/"  # uk, ru, en; en and uk differ at the end
TWO_UK = f"{SITE}/news/2025/08/22/7527500/"  # uk and en
RU_EN = f"{SITE}/rus/news/2025/08/20/7527200/"  # ru and en
EN_ONLY = f"{SITE}/eng/news/2025/08/23/7527790/"  # old design: no hreflang, the site is asked
UK_ONLY = f"{SITE}/news/2025/11/28/8020121/"  # new design
UK_EN_NEW = f"{SITE}/news/2025/11/28/8020093/"  # uk and en, new design

Compare = Callable[..., bool]


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as demo:
        yield demo


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    return tmp_path / "exports"


def app_for(server: DemoServer, tmp_path: Path, edition: Edition, **kwargs: Any) -> ReaderApp:
    kwargs.setdefault("export_folder", tmp_path / "exports")
    return make_app(server, tmp_path / "pages.sqlite3", edition=edition, **kwargs)


def fixture_article(url: str) -> Article:
    return parse_article(site_file(url).read_bytes(), url)


def translated(url: str, edition: Edition) -> str:
    prefix = {Edition.UK: "", Edition.RU: "/rus", Edition.EN: "/eng"}[edition]
    path = url.removeprefix(SITE).removeprefix("/rus").removeprefix("/eng")
    return f"{SITE}{prefix}{path}"


async def compare(pilot: Pilot[Any], url: str) -> CompareScreen:
    """Open `url`, press `=`, wait for both sides."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await settle(pilot)
    app.follow(url)
    await settle(pilot)
    await pilot.press("equals_sign")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def rows_of(screen: CompareScreen) -> list[CompareRow]:
    return screen.query_one(CompareView).rows


def text_of(cell: Static) -> str:
    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(cell.content)
    return " ".join(console.export_text().split())


def assert_rows_match(screen: CompareScreen, expected: tuple[AlignedRow, ...]) -> None:
    rows = rows_of(screen)
    assert [row.row for row in rows] == list(expected)
    for row, aligned in zip(rows, expected, strict=True):
        assert row.has_class("-one-sided") == aligned.one_sided
        assert row.has_class("-anchor") == aligned.anchor


# -- alignment -----------------------------------------------------------------------------


async def test_a_three_edition_story_shows_its_aligned_rows(
    server: DemoServer, tmp_path: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await compare(pilot, SEED_EN)
        assert screen.left.url == SEED_EN
        assert screen.right is not None and screen.right.edition is Edition.UK  # the first other
        left, right = fixture_article(SEED_EN), fixture_article(translated(SEED_EN, Edition.UK))
        expected = align(left, right)
        assert_rows_match(screen, expected)
        assert len(rows_of(screen)) == len(expected) > 8
        # The lead words pair up, on one row: "Source:" beside "Джерело:".
        source = next(row for row in rows_of(screen) if text_of(row.left).startswith("Source:"))
        assert text_of(source.right).startswith("Джерело: Драгоне в інтерв'ю")
        assert source.left.region.y == source.right.region.y  # side by side
        shown = screen_text(app)
        assert "NATO top general" in shown and "Головний генерал НАТО" in shown
        assert "Compare editions" in shown and "Second edition" in shown


async def test_blocks_of_one_side_only_are_marked(server: DemoServer, tmp_path: Path) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await compare(pilot, THREE)
        left, right = fixture_article(THREE), fixture_article(translated(THREE, Edition.UK))
        expected = align(left, right)
        assert_rows_match(screen, expected)
        one_sided = [row for row in rows_of(screen) if row.has_class("-one-sided")]
        assert len(one_sided) == 2  # the background items each edition has alone
        for row in one_sided:
            present, missing = (row.left, row.right) if row.row.left else (row.right, row.left)
            assert missing.block is None and present.block is not None
        placeholders = {
            text_of(row.left if row.row.left is None else row.right) for row in one_sided
        }
        assert placeholders == {"— only in Eng —", "— only in Укр —"}
        await pilot.press("G")
        await pilot.pause()
        shown = screen_text(app)
        assert "— only in Eng —" in shown and "— only in Укр —" in shown


async def test_a_two_edition_story_pairs_every_block(server: DemoServer, tmp_path: Path) -> None:
    app = app_for(server, tmp_path, Edition.UK)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await compare(pilot, TWO_UK)
        assert screen.right is not None and screen.right.edition is Edition.EN
        expected = align(fixture_article(TWO_UK), fixture_article(translated(TWO_UK, Edition.EN)))
        assert_rows_match(screen, expected)
        assert not any(row.has_class("-one-sided") for row in rows_of(screen))
        assert "Порівняння версій" in screen_text(app)  # the interface speaks Ukrainian


# -- scrolling -------------------------------------------------------------------------------


async def test_both_sides_scroll_together(server: DemoServer, tmp_path: Path) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await compare(pilot, SEED_EN)
        view = screen.query_one(CompareView)
        assert view.has_focus and view.max_scroll_y > 0
        row = rows_of(screen)[3]
        before = (row.left.region.y, row.right.region.y)
        assert before[0] == before[1] > 0
        await pilot.press("j", "j", "down")
        await pilot.pause()
        assert view.scroll_y == 3
        assert (row.left.region.y, row.right.region.y) == (before[0] - 3, before[1] - 3)
        await pilot.press("space")
        await pilot.pause()
        last = rows_of(screen)[-1]
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y
        assert last.left.region.y == last.right.region.y > 0  # the last row, both sides shown
        assert last.left.region.bottom <= view.region.bottom


# -- choosing the second edition -------------------------------------------------------------


async def test_1_2_3_choose_the_second_edition(server: DemoServer, tmp_path: Path) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await compare(pilot, SEED_EN)
        await pilot.press("2")
        await settle(pilot)
        assert screen.left.edition is Edition.EN
        assert screen.right is not None and screen.right.edition is Edition.RU
        expected = align(fixture_article(SEED_EN), fixture_article(translated(SEED_EN, Edition.RU)))
        assert_rows_match(screen, expected)
        assert "Главный генерал НАТО" in screen_text(app)
        await pilot.press("3")  # the left side's own edition
        await settle(pilot)
        assert toasts(app)[-1] == "Eng is already on the left: choose another edition."
        assert screen.right.edition is Edition.RU
        assert app.edition is Edition.EN  # the reader's edition did not change


async def test_an_edition_the_story_lacks_gives_a_toast(server: DemoServer, tmp_path: Path) -> None:
    app = app_for(server, tmp_path, Edition.RU)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await compare(pilot, RU_EN)
        assert screen.right is not None and screen.right.edition is Edition.EN
        await pilot.press("1")
        await settle(pilot)
        assert toasts(app)[-1] == "Этой новости нет на украинском."
        assert screen.right.edition is Edition.EN and app.screen is screen


@pytest.mark.parametrize(
    ("url", "edition", "message"),
    [
        (EN_ONLY, Edition.EN, "This story has no other edition to compare with."),
        (UK_ONLY, Edition.UK, "Цієї новини немає іншими мовами: порівнювати нема з чим."),
    ],
    ids=["en-only", "uk-only"],
)
async def test_a_one_edition_story_has_nothing_to_compare(
    server: DemoServer, tmp_path: Path, url: str, edition: Edition, message: str
) -> None:
    app = app_for(server, tmp_path, edition)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.follow(url)
        await settle(pilot)
        await pilot.press("equals_sign")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert toasts(app)[-1] == message


async def test_compare_needs_an_open_article_and_its_keys_can_be_rebound(
    server: DemoServer, tmp_path: Path
) -> None:
    keymap = {"compare": "v", "export": "x"}
    config = Config(edition=Edition.EN, refresh_minutes=0, keymap=keymap)
    app = app_for(server, tmp_path, Edition.EN, config=config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("equals_sign", "e")  # no longer bound
        await pilot.press("v", "x")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert toasts(app) == [
            "Open an article first to compare its editions.",
            "Open an article first to export it.",
        ]


async def test_escape_backspace_and_q_go_back_to_the_reader(
    server: DemoServer, tmp_path: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await compare(pilot, SEED_EN)
        for key in ("escape", "backspace", "q"):
            assert isinstance(app.screen, CompareScreen)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen) and app.is_running, key
            assert app.article is not None and app.article.url == SEED_EN
            assert app.history.current == SEED_EN  # Backspace did not go back in the reader
            await pilot.press("equals_sign")
            await settle(pilot)


async def test_the_palette_opens_the_compare_view_and_then_offers_its_commands(
    server: DemoServer, tmp_path: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.follow(SEED_EN)
        await settle(pilot)
        names = [command.name for command in app.palette_commands()]
        assert "Page: Compare" in names and "Page: Export" in names
        await pilot.press("ctrl+p", *"Compare", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        commands = {command.name: command for command in app.palette_commands()}
        assert set(commands) == {
            "Compare: Укр",
            "Compare: Рус",
            "Compare: Eng",
            "Compare: Export",
            "Compare: Close",
        }
        commands["Compare: Рус"].run()
        await settle(pilot)
        assert screen.right is not None and screen.right.edition is Edition.RU


def test_the_compare_keys_have_ids_and_words_in_each_language() -> None:
    for owner in (CompareScreen, CompareView):
        for binding in Binding.make_bindings(owner.BINDINGS):
            assert binding.id and binding.tooltip and binding.description, binding.key
            for lang in Edition:
                assert binding.id in KEYS[lang], (lang, binding.id)
    group = next(b.group for b in Binding.make_bindings(CompareScreen.BINDINGS) if b.group)
    assert all(group.description in KEYS[lang] for lang in Edition)  # the footer's words
    ids = {b.id for b in Binding.make_bindings(ReaderApp.BINDINGS)}
    assert {"compare", "export"} <= ids


async def test_help_in_the_compare_view_lists_its_keys(server: DemoServer, tmp_path: Path) -> None:
    app = app_for(server, tmp_path, Edition.UK)
    async with app.run_test(size=(120, 40)) as pilot:
        await compare(pilot, TWO_UK)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Ця панель: Порівняння версій" in shown
        for words in ("Порівняти з російською версією", "Експорт", "esc / ⌫ / q", "Закрити"):
            assert words in shown, words
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)


# -- narrow terminals ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(50, 30), (80, 30)], ids=["single", "narrow"])
async def test_a_narrow_terminal_stacks_left_above_right(
    server: DemoServer, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=size) as pilot:
        screen = await compare(pilot, SEED_EN)
        expected = align(fixture_article(SEED_EN), fixture_article(translated(SEED_EN, Edition.UK)))
        assert_rows_match(screen, expected)
        row = rows_of(screen)[0]
        left, right = row.left.region, row.right.region
        assert right.y == left.bottom  # below
        assert row.right.content_region.x > row.left.content_region.x  # set in
        assert left.right > size[0] * 2 // 3  # each side has the whole width
        await pilot.press("space")
        await pilot.pause()
        assert row.right.region.y - row.left.region.y == left.height  # still together


# -- export ----------------------------------------------------------------------------------


async def test_e_exports_the_open_article(
    server: DemoServer, tmp_path: Path, exports: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.follow(SEED_EN)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        files = list(exports.iterdir())
        assert [file.name for file in files] == [
            "pravda-en-7527766-nato-top-general-too-early-to-discuss-deployment-of-foreign.md"
        ]
        assert toasts(app)[-1] == f"Exported to {files[0]}"
        text = files[0].read_text(encoding="utf-8")
        assert text.startswith(
            "# NATO top general: too early to discuss deployment of foreign troops in Ukraine\n"
        )
        assert "*Oleh Pavliuk, Roman Petrenko — Saturday, 23 August 2025, 11:07*" in text
        assert "Source: Dragone in an interview" in text
        assert text.rstrip().endswith(f"Source: Ukrainska Pravda: <{SEED_EN}>")


async def test_e_in_the_compare_view_exports_both_sides(
    server: DemoServer, tmp_path: Path, exports: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await compare(pilot, SEED_EN)
        await pilot.press("e")
        await settle(pilot)
        (file,) = exports.iterdir()
        assert file.name.startswith("pravda-en-uk-7527766-")
        assert toasts(app)[-1] == f"Exported to {file}"
        text = file.read_text(encoding="utf-8")
        assert "# NATO top general" in text and "# Головний генерал НАТО" in text
        assert "Oleh Pavliuk" in text and "Олег Павлюк" in text
        assert "| English | Українська |" in text
        # One table row holds the pair the view shows on one row.
        assert any(
            line.startswith("| Source: Dragone") and "| Джерело: Драгоне" in line
            for line in text.splitlines()
        )
        assert f"Source: Ukrainska Pravda: <{SEED_EN}>" in text
        uk_url = translated(SEED_EN, Edition.UK)
        assert f"Джерело: «Українська правда»: <{uk_url}>" in text


async def test_an_export_that_fails_says_why(server: DemoServer, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "exports.md"
    not_a_folder.write_text("mine")
    app = app_for(server, tmp_path, Edition.EN, export_folder=not_a_folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.follow(SEED_EN)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert toasts(app)[-1] == f"Could not export: cannot export to {not_a_folder}: not a folder"
        assert [toast.severity for toast in app._notifications][-1] == "error"
        assert not_a_folder.read_text() == "mine" and app.is_running


# -- the list's "also in" marks --------------------------------------------------------------


def headline_text(app: ReaderApp, url: str) -> str:
    from reader.ui.widgets.news import NewsPane

    listing = app.main.query_one(NewsPane).list
    index = next(i for i in range(listing.option_count) if listing.url_at(i) == url)
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(listing.get_option_at_index(index).prompt)
    return " ".join(console.export_text().split())


async def test_an_opened_article_marks_its_headline_with_its_other_editions(
    server: DemoServer, tmp_path: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "also in" not in headline_text(app, THREE)  # nothing known yet
        app.follow(THREE)
        await settle(pilot)
        assert headline_text(app, THREE).endswith("also in Укр Рус")  # from hreflang


async def test_stored_pages_mark_headlines_before_their_lists_are_read(
    server: DemoServer, tmp_path: Path
) -> None:
    with PageStore(tmp_path / "pages.sqlite3") as store:
        data = site_file(UK_EN_NEW).read_bytes()
        store.put(UK_EN_NEW, data, "text/html; charset=utf-8", None, None)
    app = app_for(server, tmp_path, Edition.EN)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert headline_text(app, translated(UK_EN_NEW, Edition.EN)).endswith("also in Укр")
        assert "also in" not in headline_text(app, THREE)


# -- snapshots -------------------------------------------------------------------------------


def comparing(url: str, *keys: str) -> Callable[[Pilot[Any]], Coroutine[Any, Any, None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await compare(pilot, url)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_snapshot_of_the_compare_view(
    snap_compare: Compare, server: DemoServer, tmp_path: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    # The end of the story: list items as anchors, two blocks one side has alone.
    assert snap_compare(app, terminal_size=(120, 40), run_before=comparing(THREE, "G"))


def test_snapshot_of_the_compare_view_in_a_narrow_terminal(
    snap_compare: Compare, server: DemoServer, tmp_path: Path
) -> None:
    app = app_for(server, tmp_path, Edition.EN)
    assert snap_compare(app, terminal_size=(50, 30), run_before=comparing(SEED_EN))
