"""Node-level helpers shared by the article parsers: what to leave out, and short texts."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from reader.site.text import node_text, normalize_space

# Never shown to a reader, or interactive widgets.
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "template",
        "iframe",
        "noscript",
        "noembed",
        "noframes",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "svg",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "map",
        "head",
        "link",
        "meta",
    ]
)
# Class names of ads, share/view widgets and comment boxes (whole tokens).
_SKIP_CLASSES = frozenset(
    [
        "banner",
        "post_news_service",
        "post_views",
        "post_article_social",
        "post_article_statistic",
        "post_statistic",
        "hint_box",
        "fb-comments",
        "copy_button",
    ]
)
_SKIP_CLASS_PREFIXES = ("advtext", "nts-ad", "nts-video", "adsbygoogle", "social", "share")


def is_skipped(node: LexborNode) -> bool:
    """Whether an element is an ad, a widget, an embed or invisible."""
    tag = node.tag or ""
    if tag in _SKIP_TAGS or "-" in tag:  # custom elements are script widgets (ads, comments)
        return True
    # `attributes` (a dict) rather than `attrs.get`: lexbor's lookup raises and catches a
    # KeyError for a missing attribute, several times slower for the common bare element.
    classes = node.attributes.get("class")
    if not classes:
        return False
    for token in classes.split():
        if token in _SKIP_CLASSES or token.startswith(_SKIP_CLASS_PREFIXES):
            return True
        if token.startswith("unit_") and token.endswith("_banner"):
            return True
    return False


def text_of(node: LexborNode) -> str:
    """`node_text`, with a shortcut for the common element that holds one text node."""
    child = node.first_child
    if child is not None and child.is_text_node and child.next is None:
        return normalize_space(child.text_content or "")
    return node_text(node)
