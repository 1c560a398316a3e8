"""Exports: contents, file names, never overwriting, staying in the folder, clear errors."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import replace
from pathlib import Path

import platformdirs
import pytest

from reader import export
from reader.compare import align
from reader.demo.catalog import SITE_ROOT
from reader.export import (
    ExportError,
    default_export_folder,
    export_article,
    export_comparison,
    file_stem,
    slugify,
)
from reader.models import Article, Block, BlockType, Edition, Link, RelatedGroup, RelatedItem
from reader.site.parse_article import parse_article
from reader.textformat import ATTRIBUTION, article_to_markdown, article_to_text

SITE = "https://www.pravda.com.ua"
SEED_PATHS = {
    Edition.UK: "/news/2025/08/23/7527766/",
    Edition.RU: "/rus/news/2025/08/23/7527766/",
    Edition.EN: "/eng/news/2025/08/23/7527766/",
}
NAME = re.compile(r"pravda-[a-z]{2}(-[a-z]{2})?-\d+(-[a-z0-9]+)*(-\d+)?\.(md|txt)")


def seed(edition: Edition = Edition.EN) -> Article:
    path = SEED_PATHS[edition]
    return parse_article((SITE_ROOT / path.strip("/") / "index.html").read_bytes(), SITE + path)


def files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_default_folder_is_downloads_then_documents_then_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads, documents, home = tmp_path / "Downloads", tmp_path / "Documents", tmp_path / "home"
    monkeypatch.setattr(platformdirs, "user_downloads_path", lambda: downloads)
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    assert default_export_folder() == home
    documents.mkdir()
    assert default_export_folder() == documents
    downloads.mkdir()
    assert default_export_folder() == downloads


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_article_export_has_the_story_its_source_and_the_attribution(
    tmp_path: Path, fmt: export.Format
) -> None:
    article = seed()
    path = export_article(article, tmp_path, fmt)
    assert path.parent == tmp_path
    assert path.name == (
        f"pravda-en-7527766-nato-top-general-too-early-to-discuss-deployment-of-foreign.{fmt}"
    )
    text = path.read_text(encoding="utf-8")
    assert text == (article_to_markdown(article) if fmt == "md" else article_to_text(article))
    assert "NATO top general" in text.splitlines()[0]
    assert "Oleh Pavliuk, Roman Petrenko — Saturday, 23 August 2025, 11:07" in text
    url = f"{SITE}/eng/news/2025/08/23/7527766/"
    assert text.rstrip().endswith(
        f"{ATTRIBUTION[Edition.EN]}: {f'<{url}>' if fmt == 'md' else url}"
    )
    assert files(tmp_path) == [path.name]  # no temporary file left behind


@pytest.mark.parametrize(
    ("edition", "stem"),
    [
        (Edition.UK, "pravda-uk-7527766-holovnyy-heneral-nato-obhovoryuvaty-rozmishchennya"),
        (Edition.RU, "pravda-ru-7527766-glavnyy-general-nato-obsuzhdat-razmeshchenie"),
    ],
)
def test_cyrillic_titles_are_transliterated(edition: Edition, stem: str) -> None:
    assert file_stem(seed(edition)).startswith(stem)


def test_slugs() -> None:
    assert slugify("П'ятниця: «Ґанок» і їжак") == "pyatnytsya-ganok-i-yizhak"
    assert slugify("Nicușor Dan — Türkiye, 1,5 млрд") == "nicusor-dan-turkiye-1-5-mlrd"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("漢字 ☃ \x1b[31m") == "31m"
    assert len(slugify("word " * 40)) <= 60 and not slugify("word " * 40).endswith("-")


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    article = seed()
    first = export_article(article, tmp_path)
    first.write_text("the user's notes", encoding="utf-8")
    second = export_article(article, tmp_path)
    third = export_article(article, tmp_path)
    assert second.name == first.name.replace(".md", "-2.md")
    assert third.name == first.name.replace(".md", "-3.md")
    assert first.read_text(encoding="utf-8") == "the user's notes"
    assert second.read_text(encoding="utf-8") == article_to_markdown(article)
    assert all(NAME.fullmatch(name) for name in files(tmp_path))


def test_a_link_under_the_export_name_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep", encoding="utf-8")
    folder = tmp_path / "exports"
    folder.mkdir()
    article = seed()
    (folder / f"{file_stem(article)}.md").symlink_to(outside)
    path = export_article(article, folder)
    assert path.name == f"{file_stem(article)}-2.md"
    assert outside.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize(
    "title", ["../../etc/passwd", "/etc/passwd", "..\\..\\boot.ini", "..", "", "\x00\x1b[2J"]
)
def test_titles_cannot_lead_out_of_the_folder(tmp_path: Path, title: str) -> None:
    folder = tmp_path / "exports"
    path = export_article(replace(seed(), title=title), folder)
    assert path.parent == folder.resolve()
    assert NAME.fullmatch(path.name)
    assert files(tmp_path) == ["exports"]


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    path = export_article(seed(), tmp_path / "a" / "b")
    assert path.parent == tmp_path / "a" / "b" and path.is_file()


def test_a_file_in_place_of_the_folder_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="not a folder"):
        export_article(seed(), not_a_folder)


def test_a_folder_without_write_permission_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated: tests may run as root, who writes anywhere.
    real_open = os.open

    def denied(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError) as caught:
        export_article(seed(), tmp_path)
    message = str(caught.value)
    assert "\n" not in message and str(tmp_path) in message and "ermission" in message
    assert files(tmp_path) == []


def test_a_full_disk_is_a_clear_error_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportError) as caught:
        export_article(seed(), tmp_path)
    assert str(caught.value) == f"cannot export to {tmp_path}: {os.strerror(errno.ENOSPC)}"
    assert files(tmp_path) == []


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_article(seed(), tmp_path, "html")  # type: ignore[arg-type]


def hostile_article() -> Article:
    evil = "[x](javascript:alert(1))"
    text = "# not a heading \x1b]8;;http://evil\x1b\\ click \x1b[31mred\x9b2J\x07 here, now"
    end = text.index("here") + 4  # offsets count the control characters too
    paragraph = Block(
        BlockType.PARAGRAPH,
        text,
        links=(Link(1, "here", "javascript:alert(2)", internal=False, start=end - 4, end=end),),
    )
    related = RelatedGroup(
        "## Related", (RelatedItem("<script>x</script>", "javascript:alert(3)", "11:00"),)
    )
    return replace(
        seed(),
        title=evil,
        authors=("Name\x1b[2J", "*bold*"),
        blocks=(paragraph, Block(BlockType.LIST_ITEM, "1. two\nlines")),
        related=(related,),
    )


def test_markdown_export_escapes_page_text_and_strips_control_characters(
    tmp_path: Path,
) -> None:
    text = export_article(hostile_article(), tmp_path, "md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == r"# \[x\]\(javascript:alert\(1\)\)"
    assert "](javascript" not in text and "<script>" not in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "\n\\# not a heading click red here [1], now\n" in text
    assert r"- 1\. two lines" in text
    assert r"\*bold\*" in text and "Name, " in text
    assert r"- 11:00  \<script\>x\</script\>" in text
    assert "- \\[1\\] javascript:alert\\(2\\)" in text  # shown, but not as a link


def test_text_export_strips_control_characters(tmp_path: Path) -> None:
    text = export_article(hostile_article(), tmp_path, "txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "[x](javascript:alert(1))"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "\n# not a heading click red here [1], now\n" in text
    assert "  • 1. two lines" in text


def comparison() -> tuple[Article, Article]:
    uk, en = seed(Edition.UK), seed(Edition.EN)
    # One paragraph the English edition lacks, to show the one-sided mark.
    return uk, replace(en, blocks=en.blocks[:2] + en.blocks[3:])


def test_markdown_comparison_is_a_table_with_both_sources(tmp_path: Path) -> None:
    left, right = comparison()
    rows = align(left, right)
    path = export_comparison(left, right, rows, tmp_path, "md")
    assert path.name.startswith("pravda-uk-en-7527766-holovnyy-heneral-nato")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# {left.title}"
    assert f"# {right.title}" in lines
    assert "*Олег Павлюк, Роман Петренко — Субота, 23 серпня 2025, 11:07*" in lines
    table = [line for line in lines if line.startswith("| ")]
    assert table[:2] == ["| Українська | English |", "| --- | --- |"]
    assert len(table) == 2 + len(rows)
    assert [line.endswith("| — |") for line in table[2:]] == [row.right is None for row in rows]
    assert "| Джерело: Драгоне в інтерв'ю" in text and "| Source: Dragone in" in text
    for article in (left, right):
        assert f"{ATTRIBUTION[article.edition]}: <{article.url}>" in lines
        assert f"- \\[1\\] <{article.links[0].url}>" in lines


def test_text_comparison_is_two_columns(tmp_path: Path) -> None:
    left, right = comparison()
    rows = align(left, right)
    text = export_comparison(left, right, rows, tmp_path, "txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == left.title
    assert max(map(len, lines)) <= 100
    table = [line for line in lines if " │ " in line or line.endswith(" │")]
    assert table[0].startswith("Українська") and table[0].endswith("│ English")
    assert any(line.startswith("Деталі: Драгоне заявив") and line.endswith("│ —") for line in table)
    assert any(line.startswith("ДЖЕРЕЛО") or line.startswith("Джерело:") for line in table)
    assert any("│ Source: Dragone in" in line for line in table)
    for article in (left, right):
        assert f"{ATTRIBUTION[article.edition]}: {article.url}" in lines
