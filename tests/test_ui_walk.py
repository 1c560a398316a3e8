"""Issue 4's "Done when": open the seed article in English from the English list, switch to its
Ukrainian version with one key, follow a related link, go back, quit. One test per step, each
walking the steps before it; keyboard only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_ui_support import SEED_EN, SEED_UK, SITE, make_app, screen_text, settle
from textual.pilot import Pilot

from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import DemoServer
from reader.models import Edition
from reader.ui.app import ReaderApp
from reader.ui.widgets.news import NewsPane
from reader.ui.widgets.related import RelatedPane

RELATED_FIRST_UK = f"{SITE}/news/2025/08/23/7527750/"


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as demo:
        yield demo


@pytest.fixture
def app(server: DemoServer, tmp_path: Path) -> ReaderApp:
    return make_app(server, tmp_path / "pages.sqlite3", edition=Edition.EN)


async def open_seed_in_english(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await settle(pilot)
    headlines = app.main.query_one(NewsPane).list
    await pilot.press("G")  # the seed is near the end of the list
    for _ in range(6):
        if headlines.highlighted_url == SEED_EN:
            break
        await pilot.press("k")
    assert headlines.highlighted_url == SEED_EN
    await pilot.press("enter")
    await settle(pilot)


async def switch_to_ukrainian(pilot: Pilot[Any]) -> None:
    await open_seed_in_english(pilot)
    await pilot.press("1")
    await settle(pilot)


async def follow_first_related_link(pilot: Pilot[Any]) -> None:
    await switch_to_ukrainian(pilot)
    await pilot.press("tab", "tab")  # list -> article -> related
    app = pilot.app
    assert isinstance(app, ReaderApp)
    assert app.main.current == "related"
    assert app.main.query_one(RelatedPane).list.highlighted_url == RELATED_FIRST_UK
    await pilot.press("enter")
    await settle(pilot)


async def test_the_english_list_opens_the_seed_article(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed_in_english(pilot)
        assert app.article is not None and app.article.url == SEED_EN
        shown = screen_text(app)
        assert "NATO top general: too early to discuss" in shown
        assert "Source:" in shown and "Corriere della Sera [1]" in shown
        assert "Oleh Pavliuk, Roman Petrenko" in shown
        assert "Recent news" in shown and "Related" in shown


async def test_one_key_switches_to_the_ukrainian_version(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await switch_to_ukrainian(pilot)
        assert app.article is not None and app.article.url == SEED_UK
        assert app.edition is Edition.UK
        shown = screen_text(app)
        assert "Головний генерал НАТО" in shown
        # The interface follows the edition: Ukrainian labels, the Ukrainian list.
        assert "Останні новини" in shown and "Стаття" in shown
        assert app.news is not None and app.news.url == f"{SITE}/news/"


async def test_a_related_link_opens_in_the_app(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await follow_first_related_link(pilot)
        assert app.article is not None and app.article.url == RELATED_FIRST_UK
        assert "Пожежу в Мукачеві" in screen_text(app)


async def test_back_returns_to_the_ukrainian_seed(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await follow_first_related_link(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert app.article is not None and app.article.url == SEED_UK
        assert "Головний генерал НАТО" in screen_text(app)
        await pilot.press("alt+right")  # and forward again
        await settle(pilot)
        assert app.article is not None and app.article.url == RELATED_FIRST_UK


async def test_q_quits(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await follow_first_related_link(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
