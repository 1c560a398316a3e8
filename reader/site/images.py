"""Pictures in article pages: the image URL of a box, its caption and its credit."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from reader.site.markup import text_of
from reader.site.text import node_text, normalize_space
from reader.site.urls import absolutize

_CAPTION_SELECTOR = (
    ".image-box__caption, figcaption, .post_news_photo_captain, .post_photo_news_text, "
    "[class*=caption]"
)
_CREDIT_SELECTOR = (
    ".image-box__author, .post_news_photo_source, .post_photo_news_source, "
    ".post_article_header_media_source, [class*=source], [class*=credit]"
)
# A credit printed at the end of a caption: "… Dragone. Stock photo: Cavo Dragone on X".
_CREDIT_IN_CAPTION = re.compile(
    r"(?:^|(?<=\s))("
    r"(?:[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]*\s+)?"  # a qualifier: "Stock", "Archive", "Ілюстративне"
    r"(?:[Pp]hotos?|[Фф]ото|[Cc]ollage|[Кк]олаж|[Кк]оллаж|[Ii]llustration|[Іі]люстрація"
    r"|[Ии]ллюстрация|[Ss]creenshot|[Сс]криншот|[Сс]кріншот|[Ss]ource|[Дд]жерело|[Ии]сточник)"
    r"(?:\s+[\w'’ʼ-]+){0,2}\s*:\s*\S.*)$",  # "Фото з архіву:", "Photo by AP:"
    re.DOTALL,
)


def split_credit(caption: str) -> tuple[str, str]:
    """(caption, credit) with a trailing "Photo: …"-style credit cut off the caption text."""
    match = _CREDIT_IN_CAPTION.search(caption)
    if match is None or not match.group(1)[0].isupper():
        return caption, ""
    return caption[: match.start(1)].strip(), match.group(1).strip()


def image_parts(box: LexborNode, page_url: str, *, whole_text: bool) -> tuple[str, str, str]:
    """(image URL, caption, credit) of an image box; the caption may hold the credit.

    With `whole_text` the box's own text stands in for a missing caption element.
    """
    url = _image_url(box, page_url)
    caption_node = box.css_first(_CAPTION_SELECTOR)
    credit_node = box.css_first(_CREDIT_SELECTOR)
    credit = text_of(credit_node) if credit_node is not None else ""
    if caption_node is not None:
        caption = text_of(caption_node)
    elif whole_text:
        caption = node_text(box)
    else:
        caption = ""
    if credit and credit in caption:
        # The credit sits inside the caption element: "Caption. <span>Photo: …</span>".
        caption = normalize_space(caption.replace(credit, " ", 1))
    if not credit:
        caption, credit = split_credit(caption)
    return url, caption, credit


def _image_url(box: LexborNode, page_url: str) -> str:
    """The picture of a box: a lazy-load attribute, src, or the first srcset candidate."""
    # <img> first: a <picture>'s <source> candidates are often WebP variants.
    for selector in ("img, amp-img", "source"):
        url = _first_url(box.css(selector), page_url)
        if url:
            return url
    return ""


def _first_url(images: list[LexborNode], page_url: str) -> str:
    for img in images:
        attrs = img.attributes  # a dict: the lazy-load names are mostly missing (see is_skipped)
        for name in ("data-src", "data-lazy-src", "data-original", "src"):
            url = absolutize(attrs.get(name), page_url)
            if url:
                return url
        srcset = attrs.get("srcset") or attrs.get("data-srcset")
        if srcset and srcset.split():
            url = absolutize(srcset.split()[0], page_url)
            if url:
                return url
    return ""
