"""Folding text for search, so that the same word written differently compares equal.

Applied alike to indexed text and to queries: Unicode NFC, case folded, ґ -> г, ё -> е,
ї -> і, Latin diacritics dropped (é -> e), and apostrophes (' ’ ʼ ‘ `) unified. An apostrophe
between two Cyrillic letters is part of the word and is dropped ("п’ять" -> "пять"), so the
word stays one token; any other apostrophe becomes a space, so "Ukraine's" still holds the word
"ukraine".

`FoldedText` keeps the way back from folded offsets to the text's own, so that matches found in
folded text can be shown in the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

APOSTROPHES = "'’ʼ‘`"  # U+0027, U+2019, U+02BC, U+2018, U+0060

# After case folding every Cyrillic letter is in this block (and its supplement).
_INNER_APOSTROPHE = re.compile(f"(?<=[\u0400-\u052f])[{APOSTROPHES}](?=[\u0400-\u052f])")


def _latin_without_diacritics() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base.casefold()
    return table


# One character for one, so that folded offsets stay those of the case-folded text.
_TABLE: dict[int, str] = {
    **_latin_without_diacritics(),
    ord("ґ"): "г",
    ord("ё"): "е",
    ord("ї"): "і",
    **{ord(mark): " " for mark in APOSTROPHES},
}


def fold(text: str) -> str:
    """The folded form of `text`."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return _INNER_APOSTROPHE.sub("", folded).translate(_TABLE)


class FoldedText:
    """`text` folded, with offsets back into the NFC form of `text` (`source`).

    The folded text differs in length from the source only where case folding gave more than
    one character (ß -> ss) and where an apostrophe was dropped; both are kept track of.
    """

    __slots__ = ("_dropped", "_to_source", "source", "text")

    def __init__(self, text: str) -> None:
        self.source = unicodedata.normalize("NFC", text)
        folded = self.source.casefold()
        # _to_source[i]: the source offset of case-folded character i (None: one for one).
        self._to_source: list[int] | None = None
        if len(folded) != len(self.source):
            self._to_source = [
                i for i, char in enumerate(self.source) for _ in range(len(char.casefold()))
            ]
        # A dropped apostrophe at folded offset d shifts every later offset by one; kept as
        # the folded offset it would have had, so that a bisection counts those before.
        self._dropped = [
            match.start() - n for n, match in enumerate(_INNER_APOSTROPHE.finditer(folded))
        ]
        self.text = _INNER_APOSTROPHE.sub("", folded).translate(_TABLE)

    def _source_offset(self, index: int) -> int:
        index += bisect_right(self._dropped, index)
        if self._to_source is None:
            return index
        return self._to_source[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the folded span [start, end); `end > start`."""
        return self._source_offset(start), self._source_offset(end - 1) + 1
