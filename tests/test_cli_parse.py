"""`pravda-reader parse FILE --url URL`: JSON on stdout, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import reader
from reader.cli import main

SITE = Path(reader.__file__).parent / "demo" / "site"
SEED_FILE = SITE / "eng/news/2025/08/23/7527766/index.html"
SEED_URL = "https://www.pravda.com.ua/eng/news/2025/08/23/7527766/"
SEED_TITLE = "NATO top general: too early to discuss deployment of foreign troops in Ukraine"
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>UP - News</title><language>en</language>
<item><title>A headline</title><link>https://www.pravda.com.ua/eng/news/2025/11/28/8020001/</link>
<pubDate>Fri, 28 Nov 2025 12:31:00 +0200</pubDate></item></channel></rss>"""
LIST = b"""<html><head><meta charset="utf-8"><title>News</title></head><body>
<div class="section_news_list_wrapper"><div class="article_news_list">
<div class="article_time">12:31</div>
<div class="article_title">
<a href="https://www.pravda.com.ua/eng/news/2025/11/28/8020001/">A headline</a></div>
</div></div></body></html>"""


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(list(argv)) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    result: dict[str, object] = json.loads(captured.out)
    return result


def test_parse_the_seed_article(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "parse", str(SEED_FILE), "--url", SEED_URL)
    assert result["kind"] == "article"
    assert result["title"] == SEED_TITLE
    assert result["edition"] == "en"
    assert result["id"] == 7527766
    assert list(result) == [
        "kind",
        "url",
        "edition",
        "id",
        "title",
        "authors",
        "published",
        "image",
        "blocks",
        "tags",
        "related",
        "translations",
        "problems",
    ]


def test_output_keeps_cyrillic_unescaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "feed.xml"
    page.write_bytes(FEED.replace(b"A headline", "Заголовок".encode()))
    assert main(["parse", str(page), "--url", "https://www.pravda.com.ua/eng/rss/"]) == 0
    assert '"title": "Заголовок"' in capsys.readouterr().out


def test_a_list_page_gives_kind_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "list.html"
    page.write_bytes(LIST)
    result = run_json(capsys, "parse", str(page), "--url", "https://www.pravda.com.ua/eng/news/")
    assert result["kind"] == "list"
    assert list(result) == [
        "kind",
        "url",
        "edition",
        "date",
        "items",
        "previous_day",
        "problems",
    ]
    items = result["items"]
    assert isinstance(items, list)
    [item] = items
    published = item.pop("published")
    assert item == {
        "time": "12:31",
        "title": "A headline",
        "url": "https://www.pravda.com.ua/eng/news/2025/11/28/8020001/",
        "important": False,
        "external": False,
    }
    # The list prints no date: today's in Kyiv, whatever the day the test runs.
    assert published.startswith(f"{result['date']}T12:31:00+0")


def test_a_feed_gives_kind_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "feed.xml"
    page.write_bytes(FEED)
    result = run_json(
        capsys, "parse", str(page), "--url", "https://www.pravda.com.ua/eng/rss/view_news/"
    )
    assert result["kind"] == "feed"
    assert result["edition"] == "en"
    assert result["date"] == "2025-11-28"


def test_the_kind_comes_from_the_content_when_the_url_does_not_tell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "feed.xml"
    page.write_bytes(FEED)
    assert run_json(capsys, "parse", str(page), "--url", "https://example.org/x")["kind"] == "feed"
    result = run_json(capsys, "parse", str(SEED_FILE), "--url", "https://example.org/saved")
    assert result["kind"] == "article"
    assert result["title"] == SEED_TITLE


def test_problems_do_not_fail_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "empty.html"
    page.write_bytes(b"<html><title>Hello</title></html>")
    result = run_json(capsys, "parse", str(page), "--url", "https://www.pravda.com.ua/news/")
    assert result["items"] == []
    assert result["problems"]


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("pravda-reader: error: ")
    return lines[0]


def test_a_missing_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.html"
    assert main(["parse", str(missing), "--url", SEED_URL]) == 2
    assert str(missing) in one_error_line(capsys)


def test_a_directory_is_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path), "--url", SEED_URL]) == 2
    one_error_line(capsys)


@pytest.mark.parametrize(
    "argv",
    [
        ["parse"],
        ["parse", "page.html"],
        ["parse", "page.html", "--url", "not a url"],
        ["parse", "page.html", "--url", "ftp://www.pravda.com.ua/"],
        ["bogus"],
        ["--no-such-flag"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    one_error_line(capsys)


def test_help_names_the_commands_and_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    captured = capsys.readouterr()
    for command in ("parse", "news", "read", "search", "state", "cache", "serve-demo"):
        assert command in captured.out
    assert "pravda-reader --demo" in captured.out
    assert captured.err == ""


def test_app_flags_are_checked_before_anything_starts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "de"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"pravda-reader {reader.__version__}"


def test_an_unexpected_error_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr("reader.site.pages.parse_page", explode)
    assert main(["parse", str(SEED_FILE), "--url", SEED_URL]) == 1
    assert one_error_line(capsys).endswith("RuntimeError: boom second line")


def run_module(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=SITE.parents[2],
        timeout=60,
    )


def test_python_dash_m_reader_parse() -> None:
    result = run_module("parse", str(SEED_FILE), "--url", SEED_URL)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == SEED_TITLE


def test_python_dash_m_reader_missing_file() -> None:
    result = run_module("parse", "no/such/file.html", "--url", SEED_URL)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_the_parse_path_loads_neither_textual_nor_httpx() -> None:
    script = (
        "import sys\n"
        "from reader.cli import main\n"
        f"code = main(['parse', {str(SEED_FILE)!r}, '--url', {SEED_URL!r}])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('textual', 'httpx')]\n"
        "sys.exit(code or (3 if heavy else 0))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        cwd=SITE.parents[2],
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
