"""Pairing the blocks of two editions of one story, for the side-by-side view and its export.

Translations on the site keep the story's structure: the same headings, quotes, list items and
pictures in the same order, and paragraphs that open with the same lead word ("Source:",
"Джерело:"). So the structural blocks (anchors) are paired first, then the paragraphs between
two paired anchors, each time by a Needleman-Wunsch alignment whose pair score uses only cues
that survive translation: type, length, numbers, month names, link targets and lead words.
A block the other edition lacks gets a row with None on the other side.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.models import Article, Block, BlockType
from reader.site.editions import MONTHS_GENITIVE
from reader.site.urls import parse_story

ANCHOR_TYPES = frozenset({BlockType.HEADING, BlockType.QUOTE, BlockType.LIST_ITEM, BlockType.IMAGE})

# The lead words of reader.site.editions.LEAD_WORDS by meaning: the editions do not list them in
# the same order.
LEAD_CONCEPTS: dict[str, tuple[str, ...]] = {
    "source": ("Джерело:", "Источник:", "Source:"),
    "details": ("Деталі:", "Детали:", "Подробности:", "Details:"),
    "quote": ("Дослівно:", "Цитата:", "Дословно:", "Quote:"),
    "background": (
        "Передісторія:",
        "Що передувало:",
        "Предыстория:",
        "Что предшествовало:",
        "Background:",
    ),
    "reminder": ("Нагадаємо:", "Напомним:", "Reminder:"),
    "reference": ("Довідково:", "Справочно:", "For reference:"),
    "update": ("Оновлено:", "Обновлено:", "Update:", "Updated:"),
}

# What leaving one block without a partner costs; a pair scoring below twice this is worse
# than two one-sided rows.
_GAP = -1.0

_LEADS = sorted(
    ((word.casefold(), concept) for concept, words in LEAD_CONCEPTS.items() for word in words),
    key=lambda pair: -len(pair[0]),
)
_MONTHS = {
    name.casefold(): f"month{index}"
    for names in MONTHS_GENITIVE.values()
    for index, name in enumerate(names, 1)
}
_NUMBER = re.compile(r"[0-9]+")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class AlignedRow:
    """One row of a comparison: a block of each edition, or of one edition only.

    `anchor` is set when the row pairs two structural blocks (heading, quote, list item,
    picture) in the first pass; the paragraphs between anchors are paired by order and cues.
    """

    left: Block | None
    right: Block | None
    anchor: bool = False

    @property
    def one_sided(self) -> bool:
        return self.left is None or self.right is None


@dataclass(frozen=True, slots=True)
class _Cues:
    """What can be compared of a block without reading its language."""

    type: BlockType
    size: int
    numbers: frozenset[str]  # digit runs and month names ("month8")
    targets: frozenset[str]  # link targets and the picture
    lead: str | None  # the meaning of its lead word, see LEAD_CONCEPTS
    position: float  # where in the article it stands, 0..1


def align(left: Article, right: Article) -> tuple[AlignedRow, ...]:
    """The blocks of two editions of a story side by side, in reading order on both sides."""
    left_cues = _article_cues(left.blocks)
    right_cues = _article_cues(right.blocks)
    left_anchors = [i for i, cues in enumerate(left_cues) if cues.type in ANCHOR_TYPES]
    right_anchors = [j for j, cues in enumerate(right_cues) if cues.type in ANCHOR_TYPES]

    def anchor_score(i: int, j: int) -> float | None:
        score = _anchor_score(left_cues[i], right_cues[j])
        if score is not None and left_cues[i].type is BlockType.HEADING:
            # A heading is short and says little alone; the text under it tells more.
            score += 0.5 * _below_score(left_cues, i, right_cues, j)
        return score

    def paragraph_score(i: int, j: int) -> float | None:
        return _paragraph_score(left_cues[i], right_cues[j])

    anchor_pairs = [
        (i, j)
        for i, j in _needleman_wunsch(left_anchors, right_anchors, anchor_score)
        if i is not None and j is not None
    ]
    rows: list[AlignedRow] = []
    start_left = start_right = 0
    ends = (len(left.blocks), len(right.blocks))
    for end_left, end_right in [*anchor_pairs, ends]:
        between = _needleman_wunsch(
            range(start_left, end_left), range(start_right, end_right), paragraph_score
        )
        for i, j in between:
            rows.append(
                AlignedRow(
                    None if i is None else left.blocks[i], None if j is None else right.blocks[j]
                )
            )
        if (end_left, end_right) != ends:
            rows.append(AlignedRow(left.blocks[end_left], right.blocks[end_right], anchor=True))
        start_left, start_right = end_left + 1, end_right + 1
    return tuple(rows)


# -- scoring ------------------------------------------------------------------------------


def _anchor_score(a: _Cues, b: _Cues) -> float | None:
    if a.type is not b.type:
        return None
    # Anchors are few and far apart: where they stand in the article tells them apart too.
    return _pair_score(a, b) - 2.0 * abs(a.position - b.position)


def _below_score(left: list[_Cues], i: int, right: list[_Cues], j: int) -> float:
    """How alike the blocks after two blocks are; 0 when there are none to compare."""
    if i + 1 >= len(left) or j + 1 >= len(right) or left[i + 1].type is not right[j + 1].type:
        return 0.0
    return _pair_score(left[i + 1], right[j + 1])


def _paragraph_score(a: _Cues, b: _Cues) -> float | None:
    # Anchors left unpaired in the first pass stay one-sided.
    if a.type is not BlockType.PARAGRAPH or b.type is not BlockType.PARAGRAPH:
        return None
    return _pair_score(a, b)


def _pair_score(a: _Cues, b: _Cues) -> float:
    """How likely two blocks are translations of each other: from about -7 to 9."""
    # The same kind of block is itself a cue: a lone paragraph facing a lone paragraph pairs.
    score = 1.0 + _length_likeness(a.size, b.size)
    score += _overlap(a.numbers, b.numbers)
    # Translations link to the same stories (each to its own edition of it) and sites: links
    # to different places mark different text, a missing link matters less.
    score += 3.0 * _overlap(a.targets, b.targets, missing=-0.2)
    if a.lead is not None or b.lead is not None:
        score += 3.0 if a.lead == b.lead else -3.0
    return score


def _length_likeness(a: int, b: int) -> float:
    """1 for equal lengths, 0 at a ratio of about 1:2, towards -1 beyond; short texts vary
    more between languages, hence the added constant."""
    ratio = (min(a, b) + 20) / (max(a, b) + 20)
    return 2.0 * ratio - 1.0


def _overlap(a: frozenset[str], b: frozenset[str], *, missing: float = -0.5) -> float:
    """Agreement of two sets of cues: 1 when equal, -1 when disjoint, 0 when neither has any,
    `missing` when only one has some."""
    if not a and not b:
        return 0.0
    if not a or not b:
        return missing
    return 2.0 * len(a & b) / len(a | b) - 1.0


def _article_cues(blocks: Sequence[Block]) -> list[_Cues]:
    count = len(blocks)
    return [_cues(block, (index + 0.5) / count) for index, block in enumerate(blocks)]


def _cues(block: Block, position: float) -> _Cues:
    text = block.text
    numbers = {run.lstrip("0") or "0" for run in _NUMBER.findall(text)}
    numbers.update(_MONTHS[word] for word in _WORD.findall(text.casefold()) if word in _MONTHS)
    targets = {_target(link.url) for link in block.links}
    if block.image_url:
        targets.add("image:" + _url_path(block.image_url))
    folded = text.casefold()
    lead = next((concept for word, concept in _LEADS if folded.startswith(word)), None)
    return _Cues(block.type, len(text), frozenset(numbers), frozenset(targets), lead, position)


def _target(url: str) -> str:
    """A link target as the editions share it: a story by its id (each edition links to its
    own translation of it), anything else by its site (an edition may link to the page of a
    source in its own language)."""
    story = parse_story(url)
    if story is not None:
        return f"story:{story.id}"
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return "site:" + host.removeprefix("www.")


def _url_path(url: str) -> str:
    try:
        return urlsplit(url).path.rstrip("/")
    except ValueError:
        return url


# -- alignment ----------------------------------------------------------------------------

_PAIR, _LEFT_ONLY, _RIGHT_ONLY = 0, 1, 2
_BAND = 50


def _needleman_wunsch(
    left: Sequence[int], right: Sequence[int], score: Callable[[int, int], float | None]
) -> list[tuple[int | None, int | None]]:
    """The best order-keeping pairing of two sequences of block indices, as (left, right)
    pairs with None for a block without a partner; `score` None forbids a pair.

    Only pairings that drift at most _BAND places from the diagonal (beyond the difference in
    length) are tried, which keeps very long pages linear. Ties prefer a pair, then leave the
    left block alone, so runs of one-sided rows list the left side's first.
    """
    n, m = len(left), len(right)
    low, high = min(0, m - n) - _BAND, max(0, m - n) + _BAND
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    move = [[_PAIR] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        row, above = best[i], best[i - 1]
        for j in range(max(0, i + low), min(m, i + high) + 1):
            # Tracing back runs from the end, so the step chosen here lands later in the rows.
            value, step = (row[j - 1] + _GAP, _RIGHT_ONLY) if j else (-math.inf, _PAIR)
            if i and above[j] + _GAP > value:
                value, step = above[j] + _GAP, _LEFT_ONLY
            if i and j:
                pair = score(left[i - 1], right[j - 1])
                if pair is not None and above[j - 1] + pair >= value:
                    value, step = above[j - 1] + pair, _PAIR
            if i or j:
                row[j], move[i][j] = value, step
    path: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == _PAIR:
            i, j = i - 1, j - 1
            path.append((left[i], right[j]))
        elif step == _LEFT_ONLY:
            i -= 1
            path.append((left[i], None))
        else:
            j -= 1
            path.append((None, right[j]))
    path.reverse()
    return path
