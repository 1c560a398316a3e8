"""Text extraction: words kept apart where markup separates them, glued where it does not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from reader.site.text import node_text, normalize_space


def first(html: str, selector: str = "p") -> str:
    node = LexborHTMLParser(html).css_first(selector)
    assert node is not None
    return node_text(node)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p><b>Sou</b>rce: text</p>", "Source: text"),
        ("<p><span>столько </span><span>за</span></p>", "столько за"),
        ("<p><span>один</span> <span>два</span></p>", "один два"),
        ("<p>a<br>b</p>", "a b"),
        ("<p>a<br/>b<br>c</p>", "a b c"),
        ("<p>  lots\n\tof \u00a0 space  </p>", "lots of space"),
        ("<p>Quote: <em>\u201cYes\u201d</em>, he said.</p>", "Quote: \u201cYes\u201d, he said."),
        ("<p>x<script>alert(1)</script>y</p>", "xy"),
        ("<p>x<!-- comment -->y</p>", "xy"),
    ],
)
def test_paragraph_text(html: str, expected: str) -> None:
    assert first(html) == expected


def test_block_children_are_separated() -> None:
    html = "<div id=r>one<div>two</div>three<ul><li>four</li><li>five</li></ul><h2>six</h2></div>"
    assert first(html, "#r") == "one two three four five six"


def test_table_cells_are_separated() -> None:
    html = "<table id=t><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
    assert first(html, "#t") == "a b c"


def test_style_and_template_text_is_left_out() -> None:
    html = "<div id=r><style>p{}</style><p>seen</p><template>hidden</template></div>"
    assert first(html, "#r") == "seen"


def test_control_characters_and_escape_sequences_never_survive() -> None:
    html = "<p>a\x1b[31mred\x1b[0m b\x00c\x07 d\u009be</p>"
    text = first(html)
    assert text.startswith("ared b")
    assert all(ord(ch) >= 0x20 and not 0x7F <= ord(ch) <= 0x9F for ch in text)


def test_deep_nesting_does_not_recurse() -> None:
    depth = 100_000
    # Inline nesting parses quickly; a block at the bottom forces the walk over every level.
    html = "<div id=r>" + "<span>" * depth + "deep<p>end</p>" + "</span>" * depth + "</div>"
    assert first(html, "#r") == "deep end"


def test_deep_nesting_of_blocks() -> None:
    depth = 5_000  # lexbor's own parse time grows fast with nested blocks; the walk does not
    html = "<div id=r>" + "<div>x" * depth + "</div>" * depth + "</div>"
    assert first(html, "#r") == " ".join(["x"] * depth)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a \u00a0\u2009 b\n\n c ", "a b c"),
        ("\x1b]0;title\x07text", "text"),
        ("tab\tand\rcr", "tab and cr"),
        ("nul\x00byte", "nulbyte"),
        ("", ""),
    ],
)
def test_normalize_space(raw: str, expected: str) -> None:
    assert normalize_space(raw) == expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text())
def test_normalize_space_output_is_clean(raw: str) -> None:
    text = normalize_space(raw)
    assert text == text.strip()
    assert "  " not in text
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text())
def test_node_text_never_raises(html: str) -> None:
    tree = LexborHTMLParser(html)
    if tree.body is not None:
        text = node_text(tree.body)
        assert "\x1b" not in text


def test_bidirectional_overrides_are_dropped() -> None:
    assert normalize_space("abc\u202edcba\u202c \u2066x\u2069") == "abcdcba x"
