"""Full-text search: folding, query safety, ranking, the edition filter, snippets, and filling the
index from the page store; the fixture site's articles are the corpus."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.demo.catalog import SITE_ROOT, stories
from reader.models import Article, Block, BlockType, Edition, Tag
from reader.serialize import PARSER_VERSION, page_to_json
from reader.site.parse_article import parse_article
from reader.site.urls import DEFAULT_BASE_URL
from reader.store import paths
from reader.store.cache import PageStore
from reader.store.fold import FoldedText, fold
from reader.store.search import (
    FILE_NAME,
    SearchIndex,
    index_path_for,
    query_words,
    snippet,
)


def _fixture_pages() -> list[tuple[str, bytes]]:
    pages = []
    for story in stories():
        for path in story.editions.values():
            file = SITE_ROOT / path.strip("/") / "index.html"
            pages.append((DEFAULT_BASE_URL + path, file.read_bytes()))
    return pages


PAGES = _fixture_pages()
ARTICLES = [parse_article(data, url) for url, data in PAGES]


def _article(url: str, title: str, *paragraphs: str, tags: tuple[str, ...] = ()) -> Article:
    return Article(
        url=f"{DEFAULT_BASE_URL}{url}",
        edition=Edition.EN if url.startswith("/eng/") else Edition.UK,
        id=None,
        title=title,
        blocks=tuple(Block(BlockType.PARAGRAPH, text) for text in paragraphs),
        tags=tuple(Tag(name, "") for name in tags),
    )


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.CACHE_DIR_ENV, paths.DATA_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    with SearchIndex(tmp_path / "search.sqlite3") as opened:
        yield opened


@pytest.fixture
def fixtures(index: SearchIndex) -> SearchIndex:
    assert index.add_many(ARTICLES) == len(ARTICLES) == 45
    return index


# --------------------------------------------------------------------------------- folding


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Ґрунт", "грунт"),
        ("ГРУНТ", "ґрунт"),
        ("п’ять", "п'ять"),
        ("пʼять", "п'ять"),
        ("п‘ять", "пять"),
        ("Ёлка", "елка"),
        ("Їжак", "іжак"),
        ("Zelenskyy's", "zelenskyy s"),
        ("Café", "cafe"),
    ],
)
def test_folding_makes_spellings_equal(written: str, searched: str) -> None:
    assert fold(written) == fold(searched)


@pytest.mark.parametrize(("one", "other"), [("й", "и"), ("і", "и"), ("є", "е"), ("ї", "й")])
def test_folding_keeps_different_letters_apart(one: str, other: str) -> None:
    assert fold(one) != fold(other)


_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъАБҐЄЇІЁЙ" + "abcxyzÉéßİ" + "'’ʼ‘` -,.!?\n«»"


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_folded_offsets_lead_back_to_the_words_as_written(text: str) -> None:
    folded = FoldedText(text)
    assert folded.text == fold(text)
    for word in query_words(folded.text):
        for token in word:
            start = folded.text.find(token)
            s, e = folded.span(start, start + len(token))
            assert 0 <= s < e <= len(folded.source)
            assert token in fold(folded.source[s:e]).replace(" ", "")


def test_query_words_never_hold_syntax() -> None:
    assert query_words('NATO- "quoted" (a OR b) п’ять don\'t * : ^') == [
        ("nato",),
        ("quoted",),
        ("a",),
        ("or",),
        ("b",),
        ("пять",),
        ("don", "t"),
    ]


# ---------------------------------------------------------------------------------- search


def test_finds_fixture_articles_across_editions(fixtures: SearchIndex) -> None:
    hits = fixtures.search("НАТО")
    assert {hit.edition for hit in hits} == {Edition.UK, Edition.RU}
    assert {hit.edition for hit in fixtures.search("NATO")} == {Edition.EN}
    [hit] = fixtures.search("Зеленський")
    assert hit.url.endswith("/news/2025/08/21/7527300/")
    assert hit.title.startswith("Зеленський зустрівся")
    assert hit.published is not None and hit.published.year == 2025


def test_edition_filter(fixtures: SearchIndex) -> None:
    everything = fixtures.search("НАТО")
    russian = fixtures.search("НАТО", Edition.RU)
    assert russian and all(hit.edition is Edition.RU for hit in russian)
    assert {hit.url for hit in russian} < {hit.url for hit in everything}
    assert fixtures.search("НАТО", Edition.EN) == []


def test_every_word_is_required(fixtures: SearchIndex) -> None:
    both = fixtures.search("нато генсек")
    assert both and len(both) < len(fixtures.search("нато"))
    assert fixtures.search("нато абракадабра") == []


def test_the_last_word_matches_as_a_prefix(fixtures: SearchIndex) -> None:
    whole = {hit.url for hit in fixtures.search("Укренерго")}
    assert whole and {hit.url for hit in fixtures.search("укрен")} == whole
    assert fixtures.search("енергетика укрен")
    assert fixtures.search("укрен енергетика") == []  # only the last word is a prefix
    assert fixtures.search("що") and fixtures.search("щ") == []  # one letter: whole words


def test_limit(fixtures: SearchIndex) -> None:
    assert len(fixtures.search("війна", limit=2)) == 2
    assert fixtures.search("війна", limit=0) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "NATO-",
        '"NATO',
        "NATO AND",
        "OR",
        "NOT NATO",
        "(",
        "NATO)",
        "*",
        "NATO*",
        "title:NATO",
        "{title body}: NATO",
        "NEAR(NATO war, 2)",
        "^NATO",
        "'",
        "--",
        "NATO + war",
        "\x00NATO",
        "a" * 2000,
        "п’ять\"'ʼ",
        "",
        "   ",
    ],
)
def test_fts_syntax_in_a_query_never_raises(fixtures: SearchIndex, query: str) -> None:
    hits = fixtures.search(query)
    assert isinstance(hits, list)
    assert fixtures.warnings == []  # no SQLite error was met and swallowed


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """For property tests, which cannot take function-scoped fixtures; searched only."""
    with SearchIndex(tmp_path_factory.mktemp("small") / "search.sqlite3") as index:
        index.add_many(ARTICLES[:6])
        yield index


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=30))
def test_no_query_at_all_meets_an_sqlite_error(small_index: SearchIndex, query: str) -> None:
    assert isinstance(small_index.search(query), list)
    assert small_index.warnings == []


def test_query_syntax_is_searched_as_words(fixtures: SearchIndex) -> None:
    assert fixtures.search('"NATO" AND (war)') == fixtures.search("nato and war")
    assert fixtures.search("NATO-") == fixtures.search("nato")


def test_folded_spellings_find_each_other(index: SearchIndex) -> None:
    index.add(_article("/news/2025/01/01/1/", "Ґрунт і п’ять", "Ёлка у Їжака."))
    index.add(_article("/news/2025/01/01/2/", "Пʼять років", "Нічого"))
    index.add(_article("/news/2025/01/01/3/", "П'ятниця", "ГРУНТОВНО"))
    for query, expected in [
        ("грунт", {"1", "3"}),  # the last word is also a prefix: "грунтовно"
        ("ґрунт і", {"1"}),
        ("п'ять", {"2", "1"}),
        ("ПʼЯТЬ", {"1", "2"}),
        ("п’ять", {"1", "2"}),
        ("пять", {"1", "2"}),
        ("елка", {"1"}),
        ("іжака", {"1"}),
        ("пʼятниця", {"3"}),
    ]:
        found = {hit.url.rstrip("/").rsplit("/", 1)[1] for hit in index.search(query)}
        assert found == expected, query


def test_a_title_match_ranks_above_body_matches(index: SearchIndex) -> None:
    index.add(_article("/news/2025/01/01/1/", "Погода", "Дрони, дрони, дрони і знову дрони."))
    index.add(_article("/news/2025/01/01/2/", "Тег", "Нічого", tags=("дрони",)))
    index.add(_article("/news/2025/01/01/3/", "Дрони над містом", "Про погоду."))
    order = [hit.url.rstrip("/").rsplit("/", 1)[1] for hit in index.search("дрони")]
    assert order == ["3", "2", "1"]


def test_snippets_mark_the_matched_words(fixtures: SearchIndex) -> None:
    for query in ("енергетики", "п'ять", "обʼєкт", "Rutte", "ЗСУ", "зима"):
        hits = fixtures.search(query)
        assert hits, query
        for hit in hits:
            for start, end in hit.highlights:
                assert fold(hit.snippet[start:end]).startswith(fold(query))
            for start, end in hit.title_highlights:
                assert fold(hit.title[start:end]).startswith(fold(query))
            assert (
                hit.highlights
                or hit.title_highlights
                or fold(query)
                in fold(" ".join(t.name for a in ARTICLES if a.url == hit.url for t in a.tags))
            )
            assert "<" not in hit.snippet and "\n" not in hit.snippet


def test_snippet_window_and_ellipses() -> None:
    words = [f"w{n:03d}" for n in range(100)]
    text = " ".join(words)
    start = text.index("w050")
    shown, marks = snippet(text, [(start, start + 4)], width=80)
    assert shown.startswith("…w") and shown.endswith("…")
    assert len(shown) <= 82
    [(s, e)] = marks
    assert shown[s:e] == "w050"
    assert " w0" not in shown[:2] and not shown[1:].startswith(" ")

    head, no_marks = snippet(text, [], width=80)
    assert head.startswith("w000") and head.endswith("…") and no_marks == ()
    short, _ = snippet("Одне речення.", [])
    assert short == "Одне речення."


def test_snippet_prefers_the_densest_run() -> None:
    text = "alpha " + "filler " * 60 + "beta alpha alpha beta"
    spans = [(m, m + 5) for m in (0, text.index("alpha alpha"), text.index("alpha beta"))]
    shown, marks = snippet(text, spans, width=80)
    assert len(marks) == 2 and shown.startswith("…")


def test_adding_an_article_again_replaces_it(index: SearchIndex) -> None:
    index.add(_article("/news/2025/01/01/1/", "Перша версія", "Старий текст"))
    index.add(_article("/news/2025/01/01/1/", "Друга версія", "Новий текст"))
    assert index.count() == 1
    assert index.search("старий") == []
    [hit] = index.search("новий")
    assert hit.title == "Друга версія"


def test_an_article_without_a_title_is_not_indexed(index: SearchIndex) -> None:
    assert index.add(_article("/news/2025/01/01/1/", "  ", "Текст")) is False
    assert index.count() == 0


# -------------------------------------------------------------------- filling from the store


def _store_fixture_pages(store: PageStore) -> None:
    for url, data in PAGES:
        store.put(url, data, "text/html", None, None)
    tag_page = SITE_ROOT / "tags" / "nato" / "index.html"
    if tag_page.exists():
        store.put(f"{DEFAULT_BASE_URL}/tags/nato/", tag_page.read_bytes(), "text/html", None, None)
    store.put(f"{DEFAULT_BASE_URL}/news/", b"<html>a list</html>", "text/html", None, None)


def test_sync_indexes_the_stored_articles_only(tmp_path: Path, index: SearchIndex) -> None:
    with PageStore(tmp_path / "pages.sqlite3") as store:
        _store_fixture_pages(store)
        broken = f"{DEFAULT_BASE_URL}/news/2025/01/01/999/"
        store.put(broken, b"\xff\xfe not a page", None, None, None)
        calls: list[tuple[int, int]] = []
        report = index.sync_from(store, lambda done, total: calls.append((done, total)))
        assert (report.added, report.removed, report.skipped) == (45, 0, 1)
        assert calls[0] == (0, 46) and calls[-1] == (46, 46)
        assert index.count() == 45
        by_edition = [index.count(edition) for edition in Edition]
        assert sum(by_edition) == 45 and all(by_edition), by_edition
        assert index.search("Зеленський")

        again = index.sync_from(store)  # nothing new: the broken page is not parsed again
        assert (again.added, again.removed, again.skipped) == (0, 0, 0)

        store.clear()
        gone = index.sync_from(store)
        assert (gone.added, gone.removed) == (0, 46)
        assert index.count() == 0
    assert index.warnings == []


def test_sync_uses_the_stored_parsed_copy(tmp_path: Path, index: SearchIndex) -> None:
    url, data = PAGES[0]
    article = replace(ARTICLES[0], title="Заголовок із збереженого розбору")
    parsed = json.dumps(page_to_json(article, full=True))
    with PageStore(tmp_path / "pages.sqlite3") as store:
        store.put(url, data, "text/html", None, None)
        store.put_parsed(url, "article", parsed, PARSER_VERSION)
        index.sync_from(store)
    [hit] = index.search("збереженого розбору")
    assert hit.url == url


def test_sync_leaves_the_store_order_alone(tmp_path: Path, index: SearchIndex) -> None:
    path = tmp_path / "pages.sqlite3"
    with PageStore(path, clock=lambda: 1000.0) as store:
        _store_fixture_pages(store)
        index.sync_from(store)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT DISTINCT accessed_at FROM pages").fetchall() == [(1000.0,)]
    conn.close()


def test_rebuild_starts_from_scratch(tmp_path: Path, index: SearchIndex) -> None:
    index.add(_article("/news/2025/01/01/1/", "Не зі сховища", "Текст"))
    with PageStore(tmp_path / "pages.sqlite3") as store:
        store.put(*PAGES[0], "text/html", None, None)
        report = index.rebuild_from(store)
    assert (report.added, index.count()) == (1, 1)
    assert index.search("сховища") == []


def test_an_unreadable_page_store_changes_nothing(tmp_path: Path, index: SearchIndex) -> None:
    index.add(ARTICLES[0])
    with PageStore(tmp_path / "pages.sqlite3") as store:
        store.close()  # a store that can no longer answer
        assert index.sync_from(store).removed == 0
    assert index.count() == 1
    assert "cannot read the page store" in index.warnings[0]


# ---------------------------------------------------------------------------------- the file


def test_a_damaged_index_starts_anew(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    with SearchIndex(path) as index:
        assert "started anew" in index.warnings[0]
        index.add(ARTICLES[0])
        assert index.count() == 1


def test_the_index_has_a_file_per_page_store(tmp_path: Path) -> None:
    assert index_path_for(tmp_path / "pages.sqlite3") == tmp_path / FILE_NAME
    assert index_path_for(tmp_path / "demo-pages.sqlite3") == tmp_path / "search-demo-pages.sqlite3"
    with SearchIndex() as index:
        assert index.path == tmp_path / paths.CACHE_DIR_ENV.lower() / FILE_NAME
