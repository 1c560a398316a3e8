"""Stand-in pages for the stories the demo's lists name but the fixture site has no page for.

The fixture lists are whole pages of the site, about 25 headlines each, while the fixture site
holds the full page of a third of them. A reader trying the demo would meet "no such page" on
most headlines; instead the demo server answers those with a short article page in the new
design: the headline, its time, and a paragraph saying that the demo site does not hold the
story's text. Stories no list names stay 404.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from reader.demo.catalog import SITE_ROOT, lists
from reader.models import Edition, Headline, PageKind
from reader.site.dates import KYIV
from reader.site.editions import MONTHS_GENITIVE
from reader.site.urls import DEFAULT_BASE_URL, edition_of, kind_of_url

NOTICE = {
    Edition.UK: "Демо-сайт Pravda Reader має повний текст лише частини новин, цієї немає.",
    Edition.RU: "Демо-сайт Pravda Reader содержит полный текст лишь части новостей, этой нет.",
    Edition.EN: "The Pravda Reader demo site holds the full text of some stories only.",
}
_LANG = {Edition.UK: "uk", Edition.RU: "ru", Edition.EN: "en"}


def listed_stories(root: Path = SITE_ROOT) -> dict[str, Headline]:
    """The headlines of every fixture list whose story has no page there, by URL path."""
    from reader.site.parse_list import parse_list  # the demo server needs it only on a miss

    found: dict[str, Headline] = {}
    for page in lists(root):
        folder = root / page.path.strip("/")
        data = (folder / "index.html").read_bytes()
        for item in parse_list(data, DEFAULT_BASE_URL + page.path).items:
            path = urlsplit(item.url).path
            if (
                item.url.startswith(DEFAULT_BASE_URL)
                and kind_of_url(item.url) is PageKind.ARTICLE
                and not (root / path.strip("/") / "index.html").is_file()
            ):
                found.setdefault(path, item)
    return found


def stand_in_page(headline: Headline) -> bytes:
    """The article page for a listed story without one (UTF-8, the new design's markup)."""
    edition = edition_of(headline.url)
    title = html.escape(headline.title)
    url = html.escape(DEFAULT_BASE_URL + urlsplit(headline.url).path)
    printed = _printed_time(headline.published, edition) or html.escape(headline.time)
    iso = headline.published.isoformat() if headline.published else ""
    return f"""<!DOCTYPE html>
<html lang="{_LANG[edition]}">
<head>
<meta charset="utf-8">
<title>{title} | Українська правда</title>
<link rel="canonical" href="{url}" />
<meta property="og:title" content="{title}" />
<meta property="og:type" content="article" />
<meta property="og:url" content="{url}" />
<meta property="article:published_time" content="{iso}" />
</head>
<body>
<div class="main">
    <div class="section_news">
        <div class="section_news_wrapper">
            <article class="post_news">
                <header class="post_news_header">
                    <h1 class="post_news_title">{title}</h1>
                    <div class="post_news_date">{printed}</div>
                </header>
                <div class="post_news_text">
<p>{html.escape(NOTICE[edition])}</p>
                </div>
            </article>
        </div>
    </div>
</div>
</body>
</html>
""".encode()


def _printed_time(published: datetime | None, edition: Edition) -> str:
    """ "28 листопада, 14:50" as the site prints an article's time."""
    if published is None:
        return ""
    moment = published.astimezone(KYIV)
    return f"{moment.day} {MONTHS_GENITIVE[edition][moment.month - 1]}, {moment:%H:%M}"
