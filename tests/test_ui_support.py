"""Shared pieces of the UI tests (no tests here): the app against a demo server, a fixed clock,
a way to read what the screen shows, and pages with tricky text."""

from __future__ import annotations

import html
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from reader.config import Config
from reader.demo.catalog import SITE_ROOT
from reader.demo.server import DemoServer
from reader.models import Edition
from reader.net.client import ClientSettings
from reader.site.dates import KYIV
from reader.ui.app import ReaderApp

FIXED_NOW = datetime(2025, 11, 28, 15, 0, tzinfo=KYIV)
SITE = "https://www.pravda.com.ua"
SEED_EN = f"{SITE}/eng/news/2025/08/23/7527766/"
SEED_UK = f"{SITE}/news/2025/08/23/7527766/"
SEED_RU = f"{SITE}/rus/news/2025/08/23/7527766/"
SEEDS = {Edition.UK: SEED_UK, Edition.RU: SEED_RU, Edition.EN: SEED_EN}
EN_ONLY_NEW = f"{SITE}/eng/news/2025/11/28/8020165/"  # new design, no translation anywhere
EN_ONLY_OLD = f"{SITE}/eng/news/2025/08/23/7527790/"  # old design, English only


def make_app(
    server: DemoServer,
    store: Path,
    *,
    edition: Edition = Edition.EN,
    offline: bool = False,
    config: Config | None = None,
    **kwargs: Any,
) -> ReaderApp:
    """The app against the demo server, with a store in a test folder and a fixed clock; no
    retries, so injected faults answer at once."""
    return ReaderApp(
        config=config or Config(edition=edition, refresh_minutes=0),
        base_url=server.base_url,
        offline=offline,
        store=store,
        clock=lambda: FIXED_NOW,
        client_settings=ClientSettings(base_url=server.base_url, retries=0),
        **kwargs,
    )


async def settle(pilot: Pilot[Any]) -> None:
    """Until the workers started by the last keys (and those they started) are done."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>'
)
_CELL = 12.2  # the width of a cell in Textual's SVG export


def screen_text(app: ReaderApp) -> str:
    """What the terminal shows, as plain lines of text."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for match in _TEXT.finditer(app.export_screenshot()):
        column = round(float(match.group(1)) / _CELL)
        text = html.unescape(match.group(3)).replace("\xa0", " ")
        rows.setdefault(int(match.group(2)), []).append((column, text))
    lines = []
    for row in sorted(rows):
        line = ""
        for column, text in sorted(rows[row]):
            line = line.ljust(column) + text
        lines.append(line)
    return "\n".join(lines)


def article_text(app: ReaderApp) -> str:
    """The article pane's text laid out on lines long enough not to wrap a paragraph."""
    console = Console(width=400, record=True, file=io.StringIO())
    console.print(app.main.query_one("#article-body", Static).content)
    return console.export_text()


def toasts(app: ReaderApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def site_file(url: str) -> Path:
    """The fixture file of a page of the site."""
    return SITE_ROOT / url.removeprefix(SITE).strip("/") / "index.html"


def tricky_article() -> bytes:
    """The English-only new-design story with a title and a paragraph that look like markup
    and an escape sequence written out."""
    data = site_file(EN_ONLY_NEW).read_bytes()
    title = "EU Council approves €4.1 billion tranche for Ukraine under Ukraine Facility"
    tricky = rb"[bold red]Alarm[/bold red] \x1b[31m title"
    json_title = tricky.replace(b"\\", b"\\\\")  # a backslash is escaped in JSON-LD
    data = data.replace(b'"headline":"' + title.encode(), b'"headline":"' + json_title)
    data = data.replace(title.encode(), tricky)
    return data.replace(b"a press release", b"[link=https://evil.example]click[/link]")
