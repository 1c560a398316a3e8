"""Snapshots of the main states: the list and an article in each edition, wide and narrow.

Deterministic: the demo server at the fixture day, an empty store per test, a fixed clock for
the status line; each snapshot is taken once the workers are done. Update them with
`pytest tests/test_ui_snapshots.py --snapshot-update` and look at the report before keeping.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_ui_support import SEEDS, make_app, settle
from textual.pilot import Pilot

from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import DemoServer
from reader.models import Edition
from reader.ui.app import ReaderApp

Compare = Callable[..., bool]
WIDE = (120, 40)
NARROW = (50, 30)


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as demo:
        yield demo


def opening(url: str) -> Callable[[Pilot[Any]], Coroutine[Any, Any, None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, ReaderApp)
        app.follow(url)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("edition", list(Edition), ids=lambda edition: edition.value)
def test_the_news_list(
    snap_compare: Compare, server: DemoServer, tmp_path: Path, edition: Edition
) -> None:
    app = make_app(server, tmp_path / "pages.sqlite3", edition=edition)
    assert snap_compare(app, terminal_size=WIDE, run_before=settle)


@pytest.mark.parametrize("edition", list(Edition), ids=lambda edition: edition.value)
def test_the_seed_article(
    snap_compare: Compare, server: DemoServer, tmp_path: Path, edition: Edition
) -> None:
    app = make_app(server, tmp_path / "pages.sqlite3", edition=edition)
    assert snap_compare(app, terminal_size=WIDE, run_before=opening(SEEDS[edition]))


def test_a_narrow_terminal_shows_the_list(
    snap_compare: Compare, server: DemoServer, tmp_path: Path
) -> None:
    app = make_app(server, tmp_path / "pages.sqlite3", edition=Edition.UK)
    assert snap_compare(app, terminal_size=NARROW, run_before=settle)


def test_a_narrow_terminal_shows_the_article_alone(
    snap_compare: Compare, server: DemoServer, tmp_path: Path
) -> None:
    app = make_app(server, tmp_path / "pages.sqlite3", edition=Edition.UK)
    assert snap_compare(app, terminal_size=NARROW, run_before=opening(SEEDS[Edition.UK]))
