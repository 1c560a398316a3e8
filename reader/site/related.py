"""Blocks of links around an article: related news, a tag's block, the recent-news column.

Old design: `div.block_related` (untitled, "All News" button), `div.block_tag_news` (the
tag's name links to the tag), `div.container_sub_news` ("RECENT NEWS" with times). New
design: `aside.section_other_news`, `div.post_side_topic`, `div.post_side_news`; some of
these are filled by JavaScript and are empty in the page, so empty groups are left out.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from reader.models import Edition, RelatedGroup, RelatedItem
from reader.site.editions import LABELS
from reader.site.markup import text_of
from reader.site.urls import absolutize, is_site_url

# `div:is(.a, .b)` rather than `div.a, div.b`: lexbor tests each selector of a list on every
# node, and one that fails on the tag name is about as cheap as one plain class selector.
GROUP_SELECTOR = (
    "div:is(.block_related, .block_tag_news, .container_sub_news, .post_side_topic, "
    ".post_side_news), aside.section_other_news"
)
_TITLE_SELECTOR = ".block_tag_news_title, .section_title, .section_header, .side_sm_title"
_ROW_SELECTOR = "div:is(.article_news, .article_news_list, .article)"
# Rows come back with their links, and with their times, in one query each and in document
# order. Rows are <div>s and row links <a>s, so the tag tells them apart; a node matching both
# selectors of a list comes back twice in a row, row first, so each selector is one compound.
_ROWS_AND_LINKS = f"{_ROW_SELECTOR}, :is(.article_title, .article_header) a"
_ROWS_AND_TIMES = f"{_ROW_SELECTOR}, :is(.article_time, .article_date)"


def read_related(
    tree: LexborHTMLParser, page_url: str, edition: Edition
) -> tuple[RelatedGroup, ...]:
    """The page's non-empty link groups, in page order."""
    groups: list[RelatedGroup] = []
    for node in tree.css(GROUP_SELECTOR):
        items = _items(node, page_url)
        if not items:
            continue
        title, url = _heading(node, page_url)
        if not title and "block_related" in (node.attrs.get("class") or ""):
            title = LABELS.get(edition, {}).get("related", "Related news")
        groups.append(RelatedGroup(title, items, url))
    return tuple(groups)


def _heading(group: LexborNode, page_url: str) -> tuple[str, str | None]:
    """(title, link) of a group: its heading, and its "All News" button or heading link."""
    title = ""
    url: str | None = None
    heading = group.css_first(_TITLE_SELECTOR)
    if heading is not None:
        title = text_of(heading)
        link = heading.css_first("a[href]")
        if link is not None:
            url = absolutize(link.attrs.get("href"), page_url)
    button = group.css_first("a.button_more")
    if button is not None:
        url = absolutize(button.attrs.get("href"), page_url) or url
    return title, url


def _items(group: LexborNode, page_url: str) -> tuple[RelatedItem, ...]:
    rows: list[LexborNode] = []
    links: list[LexborNode] = []
    row_links: dict[int, LexborNode] = {}
    waiting: dict[int, LexborNode] = {}  # rows met since the last link, by `mem_id`
    group_id = group.mem_id
    for node in group.css(_ROWS_AND_LINKS):
        if node.tag != "a":
            rows.append(node)
            waiting[node.mem_id] = node
        else:
            links.append(node)
            if waiting:
                _claim(node, waiting, row_links, group_id)
    if not links:
        return ()
    # By (title, url, time): ordered, and nested row wrappers match twice.
    items: dict[tuple[str, str, str], RelatedItem] = {}
    if row_links:
        row_times = _row_times(group, {row.mem_id for row in rows})
        for row in rows:
            key = row.mem_id
            link = row_links.get(key)
            if link is None:
                continue  # an outer row wrapper: its inner row is matched on its own
            time_node = row_times.get(key)
            _add(items, link, "" if time_node is None else text_of(time_node), page_url)
    else:
        # Unknown row markup: every titled link that is not the group's heading or button.
        for link in links:
            _add(items, link, "", page_url)
    return tuple(items.values())


def _row_times(group: LexborNode, row_ids: set[int]) -> dict[int, LexborNode]:
    """The first time node inside each row (the row itself may be one), by `mem_id`."""
    times: dict[int, LexborNode] = {}
    waiting: dict[int, LexborNode] = {}
    group_id = group.mem_id
    previous = -1
    for node in group.css(_ROWS_AND_TIMES):
        key = node.mem_id
        if key in row_ids and key != previous:  # a repeat is the row matched as a time
            waiting[key] = node
        elif waiting:
            _claim(node, waiting, times, group_id)
        previous = key
    return times


def _claim(
    node: LexborNode, waiting: dict[int, LexborNode], found: dict[int, LexborNode], stop: int
) -> None:
    """Give `node` to the waiting rows that hold it (or are it); all stop waiting.

    Matches come in document order, so `node` is the first match after each waiting row:
    if a row does not hold it, the row holds no match at all, as a row's descendants
    directly follow it. The walk up ends when every waiting row is found, or at `stop`.
    """
    ancestor: LexborNode | None = node
    left = len(waiting)
    while ancestor is not None:
        key = ancestor.mem_id
        if key in waiting:
            found[key] = node
            left -= 1
            if not left:
                break
        if key == stop:
            break
        ancestor = ancestor.parent
    waiting.clear()


def _add(
    items: dict[tuple[str, str, str], RelatedItem], link: LexborNode, time: str, page_url: str
) -> None:
    url = absolutize(link.attrs.get("href"), page_url)
    if not url:
        return
    title = text_of(link)
    if title and (title, url, time) not in items:
        items[title, url, time] = RelatedItem(title, url, time, not is_site_url(url, page_url))
