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
_ROW_LINK_SELECTOR = ":is(.article_title, .article_header) a"
_ROW_TIME_SELECTOR = ".article_time, .article_date"


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
    links = group.css(_ROW_LINK_SELECTOR)
    if not links:
        return ()
    # By (title, url, time): ordered, and nested row wrappers match twice.
    items: dict[tuple[str, str, str], RelatedItem] = {}
    seen_rows = False
    row_ids = [row.mem_id for row in group.css(_ROW_SELECTOR)]
    if row_ids:
        # Three queries per group, rather than two per row (a CSS query has a fixed cost that
        # dominates on rows this small): each row gets the first link and time inside it.
        row_links = _first_inside(row_ids, links, group)
        row_times = _first_inside(row_ids, group.css(_ROW_TIME_SELECTOR), group)
        for row_id in row_ids:
            link = row_links.get(row_id)
            if link is None:
                continue  # an outer row wrapper: its inner row is matched on its own
            seen_rows = True
            time_node = row_times.get(row_id)
            _add(items, link, "" if time_node is None else text_of(time_node), page_url)
    if not seen_rows:
        # Unknown row markup: every titled link that is not the group's heading or button.
        for link in links:
            _add(items, link, "", page_url)
    return tuple(items.values())


def _first_inside(
    row_ids: list[int], nodes: list[LexborNode], group: LexborNode
) -> dict[int, LexborNode]:
    """For each row (by `mem_id`), the first of `nodes` that is the row or lies inside it.

    `nodes` are matches in `group`, in document order, so walking up from each one reaches
    the group; every row on the way that has no node yet gets this one. A row that has one
    ends the walk: the node that reached it first went on to every row around it.
    """
    rows = set(row_ids)
    group_id = group.mem_id
    first: dict[int, LexborNode] = {}
    for node in nodes:
        ancestor: LexborNode | None = node
        while ancestor is not None:
            key = ancestor.mem_id
            if key in rows:
                if key in first:
                    break
                first[key] = node
            if key == group_id:
                break
            ancestor = ancestor.parent
    return first


def _add(
    items: dict[tuple[str, str, str], RelatedItem], link: LexborNode, time: str, page_url: str
) -> None:
    url = absolutize(link.attrs.get("href"), page_url)
    if not url:
        return
    title = text_of(link)
    if title and (title, url, time) not in items:
        items[title, url, time] = RelatedItem(title, url, time, not is_site_url(url, page_url))
