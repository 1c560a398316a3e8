"""Related groups: each row's first link and first time, nested row wrappers, unknown rows."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from reader.models import Edition
from reader.site.related import read_related

PAGE = "https://www.pravda.com.ua/news/2025/11/28/8020106/"
SITE = "https://www.pravda.com.ua"


def related(body: str) -> list[tuple[str, list[tuple[str, str, str, bool]]]]:
    groups = read_related(LexborHTMLParser(f"<body>{body}</body>"), PAGE, Edition.UK)
    return [
        (group.title, [(i.title, i.url, i.time, i.external) for i in group.items])
        for group in groups
    ]


def row(title: str, href: str, time: str = "") -> str:
    stamp = f'<div class="article_time">{time}</div>' if time else ""
    link = f'<div class="article_title"><a href="{href}">{title}</a></div>'
    return f'<div class="article_news">{stamp}{link}</div>'


def test_rows_in_order_with_their_own_time() -> None:
    body = (
        '<div class="post_side_news"><div class="section_title">Останні новини</div>'
        + row("Перша", "/news/2025/11/28/1/", "12:30")
        + row("Друга", "https://epravda.com.ua/x/")
        + row("Третя", "/news/2025/11/28/3/", "11:05")
        + "</div>"
    )
    assert related(body) == [
        (
            "Останні новини",
            [
                ("Перша", f"{SITE}/news/2025/11/28/1/", "12:30", False),
                ("Друга", "https://epravda.com.ua/x/", "", True),
                ("Третя", f"{SITE}/news/2025/11/28/3/", "11:05", False),
            ],
        )
    ]


def test_a_row_takes_the_first_link_and_time_inside_it() -> None:
    body = (
        '<aside class="section_other_news"><div class="article">'
        '<div class="article_date">28 листопада, 10:00</div><div class="article_time">9:00</div>'
        '<div class="article_title"><a href="/a/">A</a></div>'
        '<div class="article_title"><a href="/b/">B</a></div></div></aside>'
    )
    assert related(body) == [("", [("A", f"{SITE}/a/", "28 листопада, 10:00", False)])]


def test_nested_row_wrappers_give_one_item() -> None:
    # The outer wrapper finds the inner row's link and time too.
    body = (
        '<div class="block_tag_news"><div class="block_tag_news_title">'
        '<a href="/tags/nato/">НАТО</a></div>'
        '<div class="article article_news_list"><div class="article_news">'
        '<div class="article_time">08:00</div>'
        '<div class="article_title"><a href="/n/1/">Одна</a></div></div></div>'
        + row("Друга", "/n/2/", "07:00")
        + "</div>"
    )
    assert related(body) == [
        (
            "НАТО",
            [("Одна", f"{SITE}/n/1/", "08:00", False), ("Друга", f"{SITE}/n/2/", "07:00", False)],
        )
    ]


def test_rows_without_links_fall_back_to_every_titled_link() -> None:
    body = (
        '<div class="block_related"><div class="article_news">no link here</div>'
        '<ul><li class="article_title"><a href="/x/">Ікс</a></li></ul></div>'
    )
    assert related(body) == [("Матеріали за темою", [("Ікс", f"{SITE}/x/", "", False)])]


def test_groups_left_empty_by_the_page_are_dropped() -> None:
    body = (
        '<div class="post_side_news"><div class="news_grid_wrapper"></div></div>'
        '<div class="post_side_topic"><div class="article_news">'
        '<div class="article_title"><a href="#">no target</a></div></div></div>'
    )
    assert related(body) == []
