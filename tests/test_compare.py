"""Paragraph alignment of two editions, on the demo stories in three, two and one editions."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest

from reader.compare import ANCHOR_TYPES, LEAD_CONCEPTS, AlignedRow, align
from reader.demo.catalog import SITE_ROOT, stories
from reader.models import Article, Block, BlockType, Edition
from reader.site.editions import LEAD_WORDS
from reader.site.parse_article import parse_article

UK, RU, EN = Edition.UK, Edition.RU, Edition.EN
SITE = "https://www.pravda.com.ua"
EDITIONS = {story.id: story.editions for story in stories()}
THREE = (7527766, 8020106, 8020156, 8020176)
TWO = {7527500: (UK, EN), 8020093: (UK, EN), 7527200: (RU, EN), 8020051: (UK, RU)}


def load(story_id: int, edition: Edition) -> Article:
    path = EDITIONS[story_id][edition]
    file = SITE_ROOT / path.strip("/") / "index.html"
    article = parse_article(file.read_bytes(), SITE + path)
    assert article.blocks
    return article


def check_order(rows: tuple[AlignedRow, ...], left: Article, right: Article) -> None:
    """Every block of both sides appears once, in reading order."""
    assert [row.left for row in rows if row.left is not None] == list(left.blocks)
    assert [row.right for row in rows if row.right is not None] == list(right.blocks)
    assert not any(row.left is None and row.right is None for row in rows)


def lead(block: Block | None) -> str | None:
    text = block.text.casefold() if block else ""
    for concept, words in LEAD_CONCEPTS.items():
        if any(text.startswith(word.casefold()) for word in words):
            return concept
    return None


def test_every_lead_word_of_the_site_has_a_meaning() -> None:
    known = {word for words in LEAD_CONCEPTS.values() for word in words}
    assert {word for words in LEAD_WORDS.values() for word in words} <= known
    assert len(known) == sum(map(len, LEAD_CONCEPTS.values()))  # no word means two things


def test_the_fixture_editions_are_what_the_tests_expect() -> None:
    for story_id in THREE:
        assert set(EDITIONS[story_id]) == {UK, RU, EN}
    for story_id, editions in TWO.items():
        assert set(EDITIONS[story_id]) == set(editions)
    assert set(EDITIONS[7527790]) == {EN}


@pytest.mark.parametrize("story_id", THREE)
@pytest.mark.parametrize(("first", "second"), list(combinations((UK, RU, EN), 2)))
def test_three_edition_stories_pair_structure_and_lead_words(
    story_id: int, first: Edition, second: Edition
) -> None:
    left, right = load(story_id, first), load(story_id, second)
    rows = align(left, right)
    check_order(rows, left, right)
    paired = [row for row in rows if not row.one_sided]
    # Headings, pictures and every lead word pair up, each with its own kind.
    for kind in (BlockType.HEADING, BlockType.IMAGE, BlockType.QUOTE):
        count = sum(block.type is kind for block in left.blocks)
        assert sum(row.left is not None and row.left.type is kind for row in paired) == count
    for row in paired:
        assert row.left is not None and row.right is not None
        assert row.left.type is row.right.type
        assert row.anchor == (row.left.type in ANCHOR_TYPES)
        assert lead(row.left) == lead(row.right)
    leads = [lead(block) for block in left.blocks if lead(block)]
    assert [lead(row.left) for row in paired if lead(row.left)] == leads
    assert "source" in leads and "details" in leads
    assert len(rows) <= len(left.blocks) + 2


@pytest.mark.parametrize("story_id", [7527766, 8020156, 8020176])
@pytest.mark.parametrize(("first", "second"), list(combinations((UK, RU, EN), 2)))
def test_faithful_translations_pair_every_block(
    story_id: int, first: Edition, second: Edition
) -> None:
    left, right = load(story_id, first), load(story_id, second)
    rows = align(left, right)
    assert [(row.left, row.right) for row in rows] == list(
        zip(left.blocks, right.blocks, strict=True)
    )


@pytest.mark.parametrize(("story_id", "editions"), TWO.items())
def test_two_edition_stories_pair_every_block(
    story_id: int, editions: tuple[Edition, Edition]
) -> None:
    left, right = (load(story_id, edition) for edition in editions)
    rows = align(left, right)
    assert len(rows) == len(left.blocks) == len(right.blocks)
    assert not any(row.one_sided for row in rows)
    for row in rows:
        assert row.left is not None and row.right is not None
        assert row.left.type is row.right.type and lead(row.left) == lead(row.right)


def test_a_background_item_only_one_edition_has_gets_a_row_of_its_own() -> None:
    # The Ukrainian edition links one more earlier story under "Передісторія:".
    left, right = load(7527763, UK), load(7527763, RU)
    rows = align(left, right)
    check_order(rows, left, right)
    assert [index for index, row in enumerate(rows) if row.one_sided] == [len(rows) - 1]
    assert rows[-1] == AlignedRow(left.blocks[-1], None)
    assert rows[-2] == AlignedRow(left.blocks[-2], right.blocks[-1], anchor=True)


def test_background_items_about_different_stories_are_not_paired() -> None:
    # The English edition swapped the first background item for another story.
    left, right = load(8020106, UK), load(8020106, EN)
    rows = align(left, right)
    check_order(rows, left, right)
    assert rows[-3:] == (
        AlignedRow(left.blocks[-2], None),
        AlignedRow(None, right.blocks[-2]),
        AlignedRow(left.blocks[-1], right.blocks[-1], anchor=True),
    )
    assert sum(row.one_sided for row in rows) == 2


REMOVALS = [
    (7527766, UK, EN, 0),  # the opening paragraph
    (7527766, UK, EN, 2),  # the first "Details:"
    (7527766, RU, UK, 5),  # the second "Quote:"
    (8020051, UK, RU, 1),  # a paragraph without any cue
    (8020156, RU, EN, 3),  # a heading
    (8020156, UK, EN, 5),  # another heading, between two others
    (8020176, EN, UK, 3),  # a picture
    (7527740, UK, EN, 7),  # a list item with a link
]


@pytest.mark.parametrize(("story_id", "first", "second", "index"), REMOVALS)
@pytest.mark.parametrize("side", ["left", "right"])
def test_a_block_removed_from_one_side_leaves_one_one_sided_row_in_its_place(
    story_id: int, first: Edition, second: Edition, index: int, side: str
) -> None:
    left, right = load(story_id, first), load(story_id, second)
    assert len(left.blocks) == len(right.blocks)
    if side == "left":
        left = replace(left, blocks=left.blocks[:index] + left.blocks[index + 1 :])
    else:
        right = replace(right, blocks=right.blocks[:index] + right.blocks[index + 1 :])
    rows = align(left, right)
    check_order(rows, left, right)
    assert [position for position, row in enumerate(rows) if row.one_sided] == [index]
    kept = right if side == "left" else left
    assert rows[index].left is (None if side == "left" else kept.blocks[index])
    assert rows[index].right is (kept.blocks[index] if side == "left" else None)


@pytest.mark.parametrize(
    ("story_id", "edition"), [(s, e) for s, editions in EDITIONS.items() for e in editions]
)
def test_an_article_aligned_with_itself_pairs_every_block_with_itself(
    story_id: int, edition: Edition
) -> None:
    article = load(story_id, edition)
    rows = align(article, article)
    assert [row.left for row in rows] == [row.right for row in rows] == list(article.blocks)
    assert [row.anchor for row in rows] == [b.type in ANCHOR_TYPES for b in article.blocks]


def test_where_an_anchor_stands_tells_alike_anchors_apart() -> None:
    heading, paragraph = Block(BlockType.HEADING, "Title"), Block(BlockType.PARAGRAPH, "x" * 99)
    left = Article(f"{SITE}/news/2025/01/01/1/", UK, 1, "t", blocks=(heading, *[paragraph] * 5))
    left = replace(left, blocks=(*left.blocks, heading, paragraph))
    for index in (0, 6):
        right = replace(left, blocks=left.blocks[:index] + left.blocks[index + 1 :])
        rows = align(left, right)
        check_order(rows, left, right)
        assert [position for position, row in enumerate(rows) if row.one_sided] == [index]


def test_empty_articles() -> None:
    article = load(7527766, EN)
    empty = replace(article, blocks=())
    assert align(empty, empty) == ()
    assert align(article, empty) == tuple(AlignedRow(block, None) for block in article.blocks)
    assert align(empty, article) == tuple(AlignedRow(None, block) for block in article.blocks)


def test_hostile_and_long_input() -> None:
    digits = Block(BlockType.PARAGRAPH, "9" * 10_000)  # beyond int()'s digit limit
    odd = Block(BlockType.PARAGRAPH, "Source:", links=(), image_url="::not a url")
    article = Article(f"{SITE}/news/2025/01/01/1/", UK, 1, "t", blocks=(digits, odd))
    assert align(article, article) == (AlignedRow(digits, digits), AlignedRow(odd, odd))

    # A page of a thousand paragraphs: the alignment stays near the diagonal and correct.
    blocks = tuple(
        Block(BlockType.PARAGRAPH, f"{n} " + "word " * (n % 37 + 3)) for n in range(1000)
    )
    long = replace(article, blocks=blocks)
    shorter = replace(article, blocks=blocks[:400] + blocks[401:])
    rows = align(long, shorter)
    check_order(rows, long, shorter)
    assert [position for position, row in enumerate(rows) if row.one_sided] == [400]


def test_single_edition_story_has_nothing_to_compare_with() -> None:
    # The UI offers no second edition; aligning the article with nothing keeps it whole.
    article = load(7527790, EN)
    rows = align(article, replace(article, blocks=()))
    assert all(row.right is None for row in rows) and len(rows) == len(article.blocks)
