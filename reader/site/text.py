"""Plain text out of page markup: white space normalised, control characters removed.

Page text ends up on a terminal, so escape sequences and other control characters are
removed here, once, for every parser.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

# ESC/CSI sequences (7-bit and the 8-bit CSI/OSC/DCS introducers), then any other C0/C1
# control character or DEL, and the bidirectional embeddings, overrides and isolates that can
# make text read differently from what it holds. Tab, LF and CR are white space and collapse.
_CONTROLS = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI ... final byte
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,512}(?:\x07|\x1b\\|\x9c)"  # OSC..
    r"|\x1b[ -/]*[0-~]?"  # other escape sequences
    r"|[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# Every match of _CONTROLS starts with one of these characters. Searching for the class alone
# is several times faster than trying every alternative at every position, and almost all
# page text holds none of them.
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Elements whose edges separate words: the browser lays them out as blocks or breaks lines.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Elements whose text is never shown.
_SKIP_TAGS = frozenset(["script", "style", "template", "iframe", "noembed", "noframes"])
_WALK_TAGS = BLOCK_TAGS | _SKIP_TAGS


def normalize_space(text: str) -> str:
    """Collapse every run of white space (NBSP included) to one space and strip the ends.

    Control characters and terminal escape sequences are dropped first.
    """
    # The common cases, checked without a regex. White space other than " " and every control
    # character are unprintable, so a printable stripped text without "  " is already normal
    # (a control that str.strip() took for white space is dropped either way).
    stripped = text.strip()
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    joined = " ".join(stripped.split())
    # Controls that str.split() takes for white space (\x1c-\x1f, \x85) vanish from `joined`.
    if joined.isprintable() and not (
        "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text or "\x85" in text
    ):
        return joined
    if _CONTROL_CHAR.search(text) is None:
        return joined
    return " ".join(_CONTROLS.sub("", text).split())


def node_text(node: LexborNode) -> str:
    """The text of a subtree, with words kept apart where the markup separates them.

    Inline runs join as written ("<b>Sou</b>rce" is "Source"); block-level elements and
    <br> separate words. Script and style text is left out.
    """
    if node.tag in _SKIP_TAGS:
        return ""
    if not _has_block_or_skip_inside(node):
        # Lexbor joins the text nodes in C: the common case (a paragraph) stays fast.
        return normalize_space(node.text(deep=True, strip=False))
    return normalize_space(_walk_text(node))


def _has_block_or_skip_inside(node: LexborNode) -> bool:
    """Whether an element below `node` (not `node` itself) is a block or has skipped text."""
    # A walk that stops at the first such element: for the small nodes texts are read from it
    # is far cheaper than a CSS query, as lexbor parses the long selector list on every call.
    descendants = node.traverse()
    next(descendants, None)  # the node itself comes first
    return any(child.tag in _WALK_TAGS for child in descendants)


def _walk_text(root: LexborNode) -> str:
    """Concatenate text nodes in document order, a space at block edges, without recursion."""
    parts: list[str] = []
    # Elements whose following siblings are still to be read, and whether each is a block.
    stack: list[tuple[LexborNode, bool]] = []
    node = root
    while True:
        if node.is_text_node:
            parts.append(node.text_content or "")
        elif node.is_element_node:
            tag = node.tag
            if tag not in _SKIP_TAGS:
                block = tag in BLOCK_TAGS
                if block:
                    parts.append(" ")
                child = node.first_child
                if child is not None:
                    stack.append((node, block))
                    node = child
                    continue
                if block:
                    parts.append(" ")
        # Next in document order, closing the elements left behind; never past `root`.
        while True:
            if not stack:
                return "".join(parts)
            following = node.next
            if following is not None:
                node = following
                break
            node, block = stack.pop()
            if block:
                parts.append(" ")
