"""Writing an article, or two editions side by side, to a Markdown or text file.

File names are made from the story (edition, id, a transliterated slug of the title), never
from a path in page text, and always land inside the chosen folder. An existing file is never
replaced: a free name gets "-2", "-3"...; the content is written to a temporary file and moved
into place, so a half-written export never appears under the final name.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import platformdirs

from reader.compare import AlignedRow
from reader.models import Article, Edition
from reader.site.urls import parse_story
from reader.textformat import (
    article_to_markdown,
    article_to_text,
    comparison_to_markdown,
    comparison_to_text,
)

Format = Literal["md", "txt"]
FORMATS: tuple[Format, ...] = ("md", "txt")

_SLUG_LENGTH = 60
_MAX_TRIES = 1000
# Ukrainian transliteration (the word-initial forms of є, ї, й, ю, я everywhere, as slugs need
# no more), and the Russian letters it lacks; "г" and "и" read differently in Russian.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "yu",
    "я": "ya", "ы": "y", "э": "e", "ъ": "", "ё": "yo",
}  # fmt: skip
_RUSSIAN = {**_CYRILLIC, "г": "g", "и": "i"}
_APOSTROPHES = re.compile(r"['’ʼ`]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class ExportError(Exception):
    """An export could not be written; the message is one line, fit for a status bar."""


def default_export_folder() -> Path:
    """The user's downloads folder, else the documents folder, else the home folder."""
    for folder in (platformdirs.user_downloads_path(), platformdirs.user_documents_path()):
        if folder.is_dir():
            return folder
    return Path.home()


def export_article(article: Article, folder: Path, fmt: Format = "md") -> Path:
    """Write the article to a new file in `folder`; returns the file's path."""
    _check(fmt)
    content = article_to_markdown(article) if fmt == "md" else article_to_text(article)
    return write_new_file(folder, file_stem(article), fmt, content)


def export_comparison(
    left: Article, right: Article, rows: Sequence[AlignedRow], folder: Path, fmt: Format = "md"
) -> Path:
    """Write two editions of a story side by side (rows from reader.compare.align)."""
    _check(fmt)
    if fmt == "md":
        content = comparison_to_markdown(left, right, rows)
    else:
        content = comparison_to_text(left, right, rows)
    return write_new_file(folder, file_stem(left, right.edition), fmt, content)


def file_stem(article: Article, *others: Edition) -> str:
    """The file name without its suffix, only [a-z0-9-]: pravda-<edition>[-<other edition>]-
    <id>-<slug>, the id and slug left out when there are none."""
    story = parse_story(article.url)
    story_id = article.id if article.id is not None else story.id if story else None
    parts = ["pravda", article.edition.value, *(edition.value for edition in others)]
    if story_id is not None:
        parts.append(str(story_id))
    if slug := slugify(article.title, article.edition):
        parts.append(slug)
    return "-".join(parts)


def slugify(text: str, edition: Edition = Edition.UK) -> str:
    """Lower-case Latin letters, digits and hyphens, at most about 60 characters."""
    table = _RUSSIAN if edition is Edition.RU else _CYRILLIC
    text = _APOSTROPHES.sub("", text.casefold())
    text = "".join(table.get(char, char) for char in text)
    # Accented Latin letters lose their accents; anything else left is not a slug character.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = _NOT_SLUG.sub("-", text).strip("-")
    if len(slug) > _SLUG_LENGTH:
        cut = slug[: _SLUG_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:_SLUG_LENGTH]
    return slug


def write_new_file(folder: Path, stem: str, suffix: str, content: str) -> Path:
    """Write `content` to `<stem>.<suffix>` in `folder`, or to `<stem>-2.<suffix>` and so on
    when that exists; the folder is created when missing. Raises ExportError."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem) or not suffix.isalnum():
        raise ExportError(f"not a safe file name: {stem!r}.{suffix!r}")
    try:
        if folder.exists() and not folder.is_dir():
            raise ExportError(f"cannot export to {folder}: not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        base = folder.resolve(strict=True)
        target = _reserve(base, stem, suffix)
        try:
            _replace_with(target, content.encode("utf-8"))
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ExportError(_one_line(folder, error)) from error
    return target


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {FORMATS}")


def _reserve(base: Path, stem: str, suffix: str) -> Path:
    """Create an empty file under the first free name: O_EXCL never opens an existing file
    (nor follows a link), so nothing of the user's is overwritten, even in a race."""
    for number in range(1, _MAX_TRIES + 1):
        name = f"{stem}.{suffix}" if number == 1 else f"{stem}-{number}.{suffix}"
        target = base / name
        if Path(os.path.normpath(target)).parent != base:
            raise ExportError(f"refusing to write outside {base}: {name}")
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return target
    raise ExportError(f"no free file name for {stem}.{suffix} in {base}")


def _replace_with(target: Path, data: bytes) -> None:
    handle, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private; give it the mode the reserved file got (umask applied).
        os.chmod(temp, target.stat().st_mode & 0o777)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _one_line(folder: Path, error: OSError) -> str:
    reason = error.strerror or str(error) or type(error).__name__
    return " ".join(f"cannot export to {folder}: {reason}".split())
