"""The headless commands that fetch: news, read, cache, against the embedded demo site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.demo.catalog import FIXTURE_TODAY
from reader.demo.server import DemoServer, Status
from reader.site.dates import today_in_kyiv
from reader.store import paths

SEED = "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/"
SEED_TITLE = "NATO top general: too early to discuss deployment of foreign troops in Ukraine"
SEED_TEXT = Path(__file__).parent.parent / "seeds" / "000_ddd4dc3b0cfabc26.txt"


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("PRAVDA_READER_BASE_URL", raising=False)


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(today=FIXTURE_TODAY) as running:
        yield running


def test_news_demo_prints_todays_ukrainian_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["news", "--demo", "--lang", "uk"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == today_in_kyiv().isoformat()  # the demo always has a "today"
    assert len(out) > 15
    assert out[1].startswith("14:50 ") and "Херсон" in out[1]


def test_news_json_follows_the_contract(
    server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["news", "--lang", "en", "--json", "--base-url", server.base_url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["kind", "url", "edition", "date", "items", "previous_day", "problems"]
    assert data["kind"] == "list" and data["edition"] == "en"
    assert data["url"] == "https://www.pravda.com.ua/eng/news/"
    assert data["previous_day"] == "https://www.pravda.com.ua/eng/news/date_27112025/"
    item = data["items"][0]
    assert list(item) == ["time", "published", "title", "url", "important", "external"]
    assert any(row["url"] == SEED for row in data["items"])


def test_news_for_a_day(server: DemoServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["news", "--lang", "ru", "--day", "2025-11-27", "--base-url", server.base_url])
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2025-11-27"
    assert server.count("/rus/news/date_27112025/") == 1


def test_read_the_seed_article_as_text_shows_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", SEED, "--demo"]) == 0
    out = capsys.readouterr().out
    seed_lines = [line.strip(" •") for line in SEED_TEXT.read_text().splitlines()]
    for expected in (
        SEED_TITLE,
        "Admiral Giuseppe Cavo Dragone. Stock photo: Cavo Dragone on Twitter (X)",
        "Fire in Mukachevo extinguished on third day after Russian strike",
        "Over 20 people injured and 2 killed in Donetsk and Kherson oblasts in one day",
    ):
        assert expected in seed_lines and expected in out
    assert "Oleh Pavliuk, Roman Petrenko — Saturday, 23 August 2025, 11:07" in out
    assert "Advertisement:" not in out and "Patreon" not in out


def test_read_json_and_markdown(server: DemoServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", SEED, "--format", "json", "--base-url", server.base_url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "article" and data["title"] == SEED_TITLE
    assert data["published"] == "2025-08-23T11:07:00+03:00"
    assert data["translations"] == {
        "uk": "https://www.pravda.com.ua/news/2025/08/23/7527766/",
        "ru": "https://www.pravda.com.ua/rus/news/2025/08/23/7527766/",
    }
    assert main(["read", SEED, "--format", "md", "--base-url", server.base_url]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# NATO top general: too early")
    assert "- *European officials" not in markdown  # page text is escaped, not Markdown
    assert "\n- European officials are discussing a plan [3]" in markdown


def test_read_offline_after_a_fetch_and_refusal_with_the_stored_copy(
    server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--base-url", server.base_url]
    assert main(["read", SEED, *base]) == 0
    capsys.readouterr()
    requests = len(server.requests)
    assert main(["read", SEED, "--offline", *base]) == 0
    assert SEED_TITLE in capsys.readouterr().out
    assert len(server.requests) == requests

    server.inject("/eng/news/2025/08/23/7527766/*", Status(403))
    assert main(["read", SEED, *base]) == 0
    captured = capsys.readouterr()
    assert SEED_TITLE in captured.out
    assert "the site refused the request" in captured.err and "offline copy" in captured.err


def test_errors_are_one_line_and_a_nonzero_exit(
    server: DemoServer, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = "https://www.pravda.com.ua/eng/news/2025/08/23/1/"
    assert main(["read", missing, "--base-url", server.base_url]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"pravda-reader: error: no such page (HTTP 404): {missing}"]

    assert main(["read", "not a url", "--base-url", server.base_url]) == 1
    assert "not an article address" in capsys.readouterr().err

    assert main(["news", "--offline", "--lang", "en"]) == 1
    assert "not in the offline store" in capsys.readouterr().err

    assert main(["news", "--base-url", "ftp://example.org"]) == 1
    assert "--base-url must be an http(s) address" in capsys.readouterr().err


def test_dead_network_is_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    stopped = DemoServer()
    stopped.start()
    base = stopped.base_url
    stopped.stop()
    assert main(["news", "--lang", "en", "--base-url", base]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pravda-reader: error: could not connect") and err.count("\n") == 1


def test_cache_info_and_clear(server: DemoServer, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--base-url", server.base_url]
    assert main(["read", SEED, *base]) == 0
    capsys.readouterr()
    assert main(["cache", "info", *base]) == 0
    assert "pages:  1" in capsys.readouterr().out
    assert main(["cache", "clear", *base]) == 0
    assert "removed 1 stored pages" in capsys.readouterr().out
    assert main(["cache", "info", *base]) == 0
    assert "pages:  0" in capsys.readouterr().out


def test_the_command_line_entry_point_runs_the_demo(tmp_path: Path) -> None:
    env = {**os.environ, paths.CACHE_DIR_ENV: str(tmp_path), paths.CONFIG_DIR_ENV: str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "read", SEED, "--demo", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["title"] == SEED_TITLE
    assert done.stderr == ""
