"""Screenshots of the reader for the README: `python scripts/screenshots.py [FOLDER]`.

Drives the app headless against the demo site (at its fixture day, with an empty store in a
temporary folder and a fixed clock, so every run draws the same pictures) and writes SVG files
to screenshots/, and PNG files too where `rsvg-convert` is installed.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.config import Config  # noqa: E402
from reader.demo.catalog import FIXTURE_TODAY  # noqa: E402
from reader.demo.server import DemoServer, Status  # noqa: E402
from reader.models import Edition  # noqa: E402
from reader.net.client import ClientSettings  # noqa: E402
from reader.site.dates import KYIV  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402

SITE = "https://www.pravda.com.ua"
SEED_PATH = "/news/2025/08/23/7527766/"
CLOCK = datetime(2025, 11, 28, 15, 0, tzinfo=KYIV)
Steps = Callable[[Pilot[Any], DemoServer], Awaitable[None]]


@dataclass(frozen=True)
class Shot:
    name: str
    edition: Edition
    steps: Steps
    size: tuple[int, int] = (120, 40)
    faults: dict[str, int] = field(default_factory=dict)  # path glob -> HTTP status


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def opening(url: str, *keys: str) -> Steps:
    async def steps(pilot: Pilot[Any], server: DemoServer) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, ReaderApp)
        app.follow(url)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return steps


def seed(edition: Edition) -> str:
    return SITE + edition.prefix + SEED_PATH


SHOTS = [
    *(Shot(f"reader-{edition.value}", edition, opening(seed(edition))) for edition in Edition),
    Shot("help", Edition.EN, opening(seed(Edition.EN), "question_mark")),
    Shot("narrow", Edition.UK, opening(seed(Edition.UK)), size=(50, 30)),
    Shot(
        "error-toast",
        Edition.EN,
        opening(f"{SITE}/eng/news/2025/11/28/8020176/"),
        faults={"/eng/news/2025/11/28/8020176/*": 500},
    ),
]


async def take(shot: Shot, folder: Path) -> Path:
    with DemoServer(today=FIXTURE_TODAY) as server, tempfile.TemporaryDirectory() as tmp:
        for glob, status in shot.faults.items():
            server.inject(glob, Status(status))
        app = ReaderApp(
            config=Config(edition=shot.edition, refresh_minutes=0),
            base_url=server.base_url,
            store=Path(tmp) / "pages.sqlite3",
            clock=lambda: CLOCK,
            client_settings=ClientSettings(base_url=server.base_url, retries=0),
        )
        async with app.run_test(size=shot.size, notifications=True) as pilot:
            await shot.steps(pilot, server)
            return Path(app.save_screenshot(f"{shot.name}.svg", str(folder)))


_TEXT = re.compile(r'(<text [^>]*?)x="([\d.]+)"([^>]*)>((?:&#160;)+)')
_LENGTH = re.compile(r'textLength="([\d.]+)"')
_CELL = 12.2  # the width of a cell in Textual's SVG


def to_png(svg: Path) -> Path:
    """rsvg-convert drops the non-breaking spaces that open a run of text, which shifts the
    words after them; moving the run right by as many cells keeps the grid."""

    def shift(match: re.Match[str]) -> str:
        cells = match.group(4).count("&#160;")
        x = float(match.group(2)) + cells * _CELL
        rest = _LENGTH.sub(
            lambda length: f'textLength="{float(length.group(1)) - cells * _CELL:g}"',
            match.group(3),
        )
        return f'{match.group(1)}x="{x:g}"{rest}>'

    fixed = _TEXT.sub(shift, svg.read_text(encoding="utf-8"))
    png = svg.with_suffix(".png")
    subprocess.run(["rsvg-convert", "-o", str(png)], input=fixed.encode(), check=True)
    return png


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    png = shutil.which("rsvg-convert") is not None
    for shot in SHOTS:
        svg = asyncio.run(take(shot, folder))
        print(svg)
        if png:
            print(to_png(svg))
    if not png:
        print("rsvg-convert not found: SVG only (Debian: apt install librsvg2-bin)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
