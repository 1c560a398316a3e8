"""The `search` and `state export|import` commands, run in-process with parsed arguments and the
reader's folders in tmp_path."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.cli import add_search_arguments, add_state_arguments
from reader.demo.catalog import SITE_ROOT, stories
from reader.headless import CommandError
from reader.models import Edition
from reader.service import store_path_for
from reader.site.urls import DEFAULT_BASE_URL
from reader.state_commands import run_search, run_state
from reader.store import paths
from reader.store.cache import PageStore
from reader.store.search import SearchIndex, index_path_for
from reader.store.state import StateStore, default_path

UK = f"{DEFAULT_BASE_URL}/news/2025/08/23/7527766/"
EN = f"{DEFAULT_BASE_URL}/eng/news/2025/08/23/7527766/"


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("PRAVDA_READER_BASE_URL", raising=False)


def _run(
    add_arguments: Callable[[argparse.ArgumentParser], None],
    run: Callable[[argparse.Namespace], int],
    *argv: str,
) -> int:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run(parser.parse_args(argv))


def search(*argv: str) -> int:
    return _run(add_search_arguments, run_search, *argv)


def state(*argv: str) -> int:
    return _run(add_state_arguments, run_state, *argv)


def _store_fixture_site(*, demo: bool) -> Path:
    path = store_path_for(DEFAULT_BASE_URL, demo=demo)
    path.parent.mkdir(parents=True, exist_ok=True)
    with PageStore(path) as store:
        for story in stories():
            for url_path in story.editions.values():
                data = (SITE_ROOT / url_path.strip("/") / "index.html").read_bytes()
                store.put(DEFAULT_BASE_URL + url_path, data, "text/html", None, None)
    return path


# ---------------------------------------------------------------------------------- search


def test_search_builds_the_index_from_the_stored_pages_then_answers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pages = _store_fixture_site(demo=True)
    assert search("Зеленський", "--demo", "--json") == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert list(hit) == [
        "url",
        "title",
        "edition",
        "published",
        "snippet",
        "highlights",
        "title_highlights",
    ]
    assert hit["url"].endswith("/news/2025/08/21/7527300/")
    assert hit["edition"] == "uk" and hit["published"].startswith("2025-08-21T16:20")
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "Зеленський"
    with SearchIndex(index_path_for(pages)) as index:
        assert index.count() == 45


def test_search_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    _store_fixture_site(demo=False)
    assert search("NATO", "top", "general", "--lang", "en") == 0
    out = capsys.readouterr().out
    first = out.splitlines()[:3]
    assert first[0].startswith("2025-08-23 11:07  en  NATO top general")
    assert first[1].strip() == EN
    assert "NATO" in first[2]


def test_search_edition_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    _store_fixture_site(demo=True)
    assert search("НАТО", "--demo", "--json", "--lang", "ru", "--limit", "2") == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2 and {hit["edition"] for hit in hits} == {"ru"}


def test_search_without_stored_pages_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert search("NATO") == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "searched 0 stored articles" in captured.err
    assert not store_path_for(DEFAULT_BASE_URL).exists()  # no empty page store made


def test_search_json_with_no_hits_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert search("абракадабра", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_query_without_words_is_an_error() -> None:
    with pytest.raises(CommandError, match="nothing to search for"):
        search('"*"', "(", ")")


# ----------------------------------------------------------------------------------- state


def _state(demo: bool = False) -> StateStore:
    return StateStore(default_path(demo=demo))


def test_export_then_import_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with _state() as store:
        store.opened(UK, "Головний генерал НАТО", Edition.UK)  # read, and in the history
        store.toggle_bookmark(EN, "NATO top general", Edition.EN)
    file = tmp_path / "state.json"
    assert state("export", str(file)) == 0
    assert "exported 1 read marks, 1 bookmarks and 1 history entries" in capsys.readouterr().out
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["bookmarks"][0]["url"] == EN

    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "other-machine"))
    monkeypatch.setenv(paths.CACHE_DIR_ENV, str(tmp_path / "other-cache"))
    pages = _store_fixture_site(demo=False)
    assert state("import", str(file)) == 0
    out = capsys.readouterr().out
    assert "1 new" in out and str(file) in out
    with _state() as store:
        assert store.is_read(EN) and store.is_bookmarked(EN)
        assert [(visit.url, visit.title) for visit in store.history()] == [
            (UK, "Головний генерал НАТО")
        ]
    with PageStore(pages) as store:
        page = store.get(EN)
        assert page is not None and page.pinned  # an imported bookmark stays offline too


def test_export_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    with _state(demo=True) as store:
        store.mark_read(UK)
    assert state("export", "-", "--demo") == 0
    data = json.loads(capsys.readouterr().out)
    assert [entry["story"] for entry in data["read"]] == [7527766]
    assert state("export", "-") == 0
    assert json.loads(capsys.readouterr().out)["read"] == []  # the real state is apart


def _snapshot() -> dict[str, Any]:
    with _state() as store:
        data = store.export_json()
    data.pop("exported_at")
    return data


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "pravda-reader state", "version": 1, "read": [{"story": "x"}]}', "read[0]"),
        (b"[1, 2]", "not a pravda-reader state file"),
        (b"{not json", "is not JSON"),
        (b"\xff\xfe\x00garbage", "cannot read"),
    ],
)
def test_a_bad_file_is_one_error_and_nothing_is_written(
    tmp_path: Path, content: bytes, message: str
) -> None:
    with _state() as store:
        store.toggle_bookmark(UK, "t")
    before = _snapshot()
    file = tmp_path / "bad.json"
    file.write_bytes(content)
    with pytest.raises(CommandError) as raised:
        state("import", str(file))
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert _snapshot() == before


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        state("import", str(tmp_path / "missing.json"))


def test_export_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot write"):
        state("export", str(tmp_path / "no" / "such" / "state.json"))


def test_search_and_state_are_commands_of_the_entry_point(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.cli import main

    assert main(["search", "--help"]) == 0
    assert "QUERY" in capsys.readouterr().out
    assert main(["search", "!!!"]) == 1
    assert "nothing to search for" in capsys.readouterr().err
    assert main(["state", "export", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["bookmarks"] == []
