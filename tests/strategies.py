"""Hypothesis strategies that build pages of the site, and mutate them.

A spec (ArticleSpec, ListSpec, FeedSpec) is what a page says; `render_*` writes it in the
markup of either design (reader/demo/site/MARKUP.md) in the edition's language, so a test can
parse the bytes and compare with the spec. `mutated` then damages such bytes the ways pages and
networks do. Texts are drawn from each language's letters and punctuation, already in the form
the parsers give back (single spaces, no controls), so a round trip can be compared exactly.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from email.utils import format_datetime

from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

from reader.models import Edition
from reader.site.body import is_boilerplate
from reader.site.dates import KYIV
from reader.site.editions import LABELS, LEAD_WORDS, MONTHS_GENITIVE, WEEKDAYS
from reader.site.urls import DEFAULT_BASE_URL as SITE
from reader.site.urls import StoryRef, feed_url, news_list_url, story_url, tag_url

# "fuzz", the default, is deterministic and bounded, so CI runs the same examples in the same
# time every time; PRAVDA_FUZZ_PROFILE=fuzz-long runs a longer search with fresh examples.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "fuzz", max_examples=60, deadline=None, derandomize=True, suppress_health_check=_QUIET
)
settings.register_profile(
    "fuzz-long", max_examples=3000, deadline=None, database=None, suppress_health_check=_QUIET
)
FUZZ = settings.get_profile(os.environ.get("PRAVDA_FUZZ_PROFILE", "fuzz"))

EDITIONS = tuple(Edition)
_LETTERS = {
    Edition.UK: "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ",
    Edition.RU: "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ",
    # ă, ș, ü, é: letters windows-1251 lacks, written as entities in the old design.
    Edition.EN: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZășüé",
}
# Inside words: apostrophes of every kind the site uses, hyphens; around them: punctuation
# that HTML and XML must escape, quotes, dashes. No colon: "Photo: ..." is a credit to the
# parsers, and "Read more:" boilerplate.
_INSIDE = "'’ʼ-"
_PUNCT = ('"', "«", "»", "&", "<", ">", "(", ")", ",", ".", "!", "?", "–", "—", "%", "№", "1", "7")
_SISTER_SITES = (
    "https://www.eurointegration.com.ua",
    "https://www.epravda.com.ua",
    "https://life.pravda.com.ua",
)
BACKGROUND = {Edition.UK: "Передісторія:", Edition.RU: "Предыстория:", Edition.EN: "Background:"}
FIRST_DAY = date(2025, 8, 1)
LAST_DAY = date(2025, 11, 28)


# -- texts -------------------------------------------------------------------------------------


@st.composite
def word(draw: st.DrawFn, edition: Edition, *, punctuation: bool = True) -> str:
    core = draw(st.text(st.sampled_from(_LETTERS[edition]), min_size=1, max_size=9))
    decoration = draw(st.integers(0, 11))
    if decoration < len(_INSIDE) and len(core) > 1:  # an apostrophe or hyphen inside: об’їзд
        middle = len(core) // 2
        core = core[:middle] + _INSIDE[decoration] + core[middle:]
    elif decoration == len(_INSIDE) and punctuation:
        mark = draw(st.sampled_from(_PUNCT))
        core = mark + core if mark in '"«(' else core + mark
    return core


def sentence(edition: Edition, min_words: int = 1, max_words: int = 8) -> st.SearchStrategy[str]:
    return st.lists(word(edition), min_size=min_words, max_size=max_words).map(" ".join)


@st.composite
def person(draw: st.DrawFn, edition: Edition) -> str:
    parts = draw(st.lists(word(edition, punctuation=False), min_size=2, max_size=3))
    return " ".join(part[0].upper() + part[1:] for part in parts)


# -- URLs ------------------------------------------------------------------------------------


@st.composite
def story(draw: st.DrawFn, edition: Edition, *, section: str = "news") -> StoryRef:
    day = draw(st.dates(FIRST_DAY, LAST_DAY))
    return StoryRef(edition, section, day, draw(st.integers(7_000_000, 8_099_999)))


@st.composite
def sister_url(draw: st.DrawFn, edition: Edition) -> str:
    ref = draw(story(edition))
    return story_url(draw(st.sampled_from(_SISTER_SITES)), ref)


# -- articles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph: plain text, a styled run, or a link (internal or not)."""

    text: str
    url: str | None = None
    style: str | None = None  # "strong" or "em"

    @property
    def internal(self) -> bool:
        return self.url is not None and self.url.startswith(SITE)


@dataclass(frozen=True)
class Paragraph:
    lead: str | None  # "Source:", "Джерело:"...
    segments: tuple[Segment, ...]
    kind: str = "p"  # "p", "h2" or "li" (an item of the background list)
    # How each gap between runs is written in the new design (see _join_new).
    gaps: tuple[int, ...] = (2,)

    @property
    def text(self) -> str:
        return " ".join([*([self.lead] if self.lead else []), *(s.text for s in self.segments)])


@dataclass(frozen=True)
class Group:
    """A block of related links: (title, url, time) items."""

    title: str
    items: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class ArticleSpec:
    edition: Edition
    design: str  # "old" or "new"
    ref: StoryRef
    hour: int
    minute: int
    title: str
    authors: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    tags: tuple[tuple[str, str], ...]  # (name, slug)
    groups: tuple[Group, ...]
    translations: tuple[Edition, ...]
    image: tuple[str, str, str] | None  # (url, caption, credit)
    ads: tuple[int, ...] = ()  # paragraph positions an ad slot comes before
    publication: bool = False  # new design: /articles/ with a rubric label in the h1
    label: str = ""
    json_ld: bool = False
    patreon: bool = False

    @property
    def url(self) -> str:
        return story_url(SITE, self.ref)

    @property
    def published(self) -> datetime:
        day = self.ref.day
        return datetime(day.year, day.month, day.day, self.hour, self.minute, tzinfo=KYIV)

    def translation_url(self, edition: Edition) -> str:
        return story_url(SITE, StoryRef(edition, self.ref.section, self.ref.day, self.ref.id))

    def tag_url(self, slug: str) -> str:
        return tag_url(SITE, self.edition, slug)


@st.composite
def segment(draw: st.DrawFn, edition: Edition) -> Segment:
    text = draw(sentence(edition, 1, 6))
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return Segment(text, story_url(SITE, draw(story(draw(st.sampled_from(EDITIONS))))))
    if kind == 1:
        return Segment(text, draw(sister_url(edition)))
    if kind == 2:
        return Segment(text, style=draw(st.sampled_from(("strong", "em"))))
    return Segment(text)


@st.composite
def paragraph(draw: st.DrawFn, edition: Edition, kind: str = "p") -> Paragraph:
    lead = draw(st.none() | st.sampled_from(LEAD_WORDS[edition])) if kind == "p" else None
    segments = tuple(draw(st.lists(segment(edition), min_size=1, max_size=4)))
    if kind == "h2":
        segments = tuple(Segment(s.text) for s in segments)  # headings carry no links here
    gaps = tuple(draw(st.lists(st.integers(0, 3), min_size=6, max_size=6)))
    made = Paragraph(lead, segments, kind, gaps)
    assume(not is_boilerplate(made.text))
    return made


@st.composite
def group(draw: st.DrawFn, edition: Edition, *, timed: bool) -> Group:
    count = draw(st.integers(1, 5))
    urls = draw(
        st.lists(
            st.builds(story_url, st.just(SITE), story(edition)) | sister_url(edition),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    items = []
    for url in urls:
        title = draw(sentence(edition, 1, 8))
        time = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}" if timed else ""
        items.append((title, url, time))
    return Group(draw(sentence(edition, 1, 4)), tuple(items))


@st.composite
def article_specs(
    draw: st.DrawFn, design: str | None = None, edition: Edition | None = None
) -> ArticleSpec:
    edition = edition or draw(st.sampled_from(EDITIONS))
    design = design or draw(st.sampled_from(("old", "new")))
    publication = design == "new" and draw(st.booleans())
    ref = draw(story(edition, section="articles" if publication else "news"))
    body: list[Paragraph] = list(draw(st.lists(paragraph(edition), min_size=1, max_size=5)))
    if draw(st.booleans()):
        body.insert(draw(st.integers(0, len(body))), draw(paragraph(edition, "h2")))
    if draw(st.booleans()):  # "Background:" and a list of notes
        body.append(Paragraph(BACKGROUND[edition], (), "p"))
        body += draw(st.lists(paragraph(edition, "li"), min_size=1, max_size=3))
    tags = tuple(
        draw(
            st.lists(
                st.tuples(
                    sentence(edition, 1, 2), st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
                ),
                max_size=4,
                unique_by=lambda tag: tag[1],
            )
        )
    )
    groups = tuple(draw(st.lists(group(edition, timed=design == "old"), max_size=2)))
    others = [other for other in EDITIONS if other is not edition]
    image = None
    if draw(st.booleans()):
        image_url = f"https://uimg.pravda.com.ua/images/doc/{draw(st.integers(0, 10**6))}.jpg"
        photo = "Photo" if edition is Edition.EN else "Фото"
        credit = f"{photo}: {draw(sentence(edition, 1, 3))}"
        image = (image_url, draw(sentence(edition, 1, 8)), credit)
    return ArticleSpec(
        edition=edition,
        design=design,
        ref=ref,
        hour=draw(st.integers(0, 23)),
        minute=draw(st.integers(0, 59)),
        title=draw(sentence(edition, 1, 12)),
        authors=tuple(draw(st.lists(person(edition), max_size=3, unique=True))),
        paragraphs=tuple(body),
        tags=tags,
        groups=groups,
        translations=tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True))),
        image=image,
        ads=tuple(draw(st.lists(st.integers(0, len(body)), max_size=2))),
        publication=publication,
        label=draw(sentence(edition, 1, 2)) if publication else "",
        json_ld=design == "new" and draw(st.booleans()),
        patreon=edition is Edition.EN and draw(st.booleans()),
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def visible_date(edition: Edition, moment: datetime, *, weekday: bool, year: bool) -> str:
    """ "Saturday, 23 August 2025, 11:07" or "28 листопада, 09:10", as the site prints them."""
    month = MONTHS_GENITIVE[edition][moment.month - 1]
    text = f"{moment.day} {month}" + (f" {moment.year}" if year else "")
    if weekday:
        text = f"{WEEKDAYS[edition][moment.weekday()].capitalize()}, {text}"
    return f"{text}, {moment:%H:%M}"


def _href(url: str, *, relative: bool) -> str:
    return url.removeprefix(SITE) if relative and url.startswith(SITE + "/") else url


_OLD_AD = '<div class="advtext_mob">{}</div><div class="nts-ad nts-ad-h250"><div></div></div>\n'
_SWITCHER_OLD = {Edition.UK: "Укр", Edition.RU: "Рус", Edition.EN: "Eng"}
_SWITCHER_NEW = {Edition.UK: "Укр", Edition.RU: "Рос", Edition.EN: "Eng"}
_PATREON = (
    '<p><a href="https://www.patreon.com/ukrainskapravda" target="_blank">'
    "<strong>Support Ukrainska Pravda on Patreon!</strong></a></p>\n"
)


def _run_old(seg: Segment) -> str:
    if seg.url is not None:
        return f'<a href="{_esc(_href(seg.url, relative=True))}">{_esc(seg.text)}</a>'
    if seg.style is not None:
        return f"<{seg.style}>{_esc(seg.text)}</{seg.style}>"
    return _esc(seg.text)


def _run_new(seg: Segment, before: str, after: str) -> str:
    """A run of the new design; `before`/`after` are spaces that go inside a span."""
    text = _esc(seg.text)
    if seg.url is not None:
        if seg.internal:
            return f'{before}<a href="{_esc(seg.url)}">{text}</a>{after}'
        return f'{before}<a target="_blank" href="{_esc(seg.url)}"><span>{text}</span></a>{after}'
    if seg.style is not None:
        return f"{before}<{seg.style}>{text}</{seg.style}>{after}"
    return f"<span>{before}{text}{after}</span>"


def _join_new(para: Paragraph) -> str:
    """Runs with the word gap written in every way the site writes it: a trailing space in
    the run before, a leading space in the run after, a bare space, or a span of &nbsp;."""
    out = []
    runs = list(para.segments)
    for index, seg in enumerate(runs):
        gap = para.gaps[index % len(para.gaps)] if index + 1 < len(runs) else -1
        before = ""
        if index and para.gaps[(index - 1) % len(para.gaps)] == 1:
            before = " "
        after = " " if gap == 0 else ""
        out.append(_run_new(seg, before, after))
        if gap == 2:
            out.append(" ")
        elif gap == 3:
            out.append("<span>&nbsp;</span>")
    return "".join(out)


def _paragraph_html(spec: ArticleSpec, para: Paragraph) -> str:
    new = spec.design == "new"
    if not para.segments:  # "Background:" alone
        return f"<p><strong>{_esc(para.lead or '')}</strong></p>\n"
    if new:
        runs = _join_new(para)
        lead = f"<strong>{_esc(para.lead)}</strong> " if para.lead else ""
        inner = f"\n\t{lead}{runs}\n"
    else:
        runs = " ".join(_run_old(seg) for seg in para.segments)
        inner = (f"<strong>{_esc(para.lead)}</strong> " if para.lead else "") + runs
    if para.kind == "h2":
        return f"<h2>{inner}</h2>\n"
    if para.kind == "li":
        return f"<li><em>{inner}</em></li>\n" if not new else f"<li>\n\t<em>{inner}</em>\n</li>\n"
    return f"<p>{inner}</p>\n"


def _body_html(spec: ArticleSpec) -> str:
    ad = _OLD_AD.format("Advertisement:" if spec.edition is Edition.EN else "Реклама:")
    out: list[str] = []
    in_list = False
    for index, para in enumerate(spec.paragraphs):
        if para.kind == "li" and not in_list:
            out.append("<ul>\n")
            in_list = True
        elif para.kind != "li" and in_list:
            out.append("</ul>\n")
            in_list = False
        if not in_list:
            out.extend(ad for position in spec.ads if position == index)
        out.append(_paragraph_html(spec, para))
    if in_list:
        out.append("</ul>\n")
    if spec.patreon:
        out.append(_PATREON)
    return "".join(out)


def render_article(spec: ArticleSpec) -> bytes:
    page = _old_article(spec) if spec.design == "old" else _new_article(spec)
    if spec.design == "old":
        return page.encode("cp1251", errors="xmlcharrefreplace")
    return page.encode("utf-8")


def _old_article(spec: ArticleSpec) -> str:
    editions = [e for e in EDITIONS if e is spec.edition or e in spec.translations]
    switcher = " ".join(
        f'<a href="{_href(spec.translation_url(e), relative=True)}" class="header_lang_item'
        f'{" header_lang_item_active" if e is spec.edition else ""}">{_SWITCHER_OLD[e]}</a>'
        for e in editions
    )
    authors = ", ".join(
        f'<a href="/authors/{n}/">{_esc(name)}</a>' for n, name in enumerate(spec.authors)
    )
    byline = f'<span class="post_author">{authors}</span>' if spec.authors else ""
    moment = visible_date(spec.edition, spec.published, weekday=True, year=True)
    photo = ""
    if spec.image is not None:
        url, caption, credit = spec.image
        photo = (
            f'<div class="post_photo_news"><img class="post_photo_news_img" src="{_esc(url)}">'
            f'<div class="post_photo_news_title">{_esc(spec.title)}</div>'
            f'<div class="post_photo_news_text">{_esc(caption)} '
            f'<span class="post_photo_news_source">{_esc(credit)}</span></div></div>\n'
        )
    tags = "".join(
        f'<span class="post_tags_item"><a href="{_href(spec.tag_url(slug), relative=True)}">'
        f"{_esc(name)}</a></span>"
        for name, slug in spec.tags
    )
    related = ""
    sidebar = ""
    for index, grp in enumerate(spec.groups):
        rows = "".join(
            '<div class="article_news">'
            + (f'<div class="article_time">{time}</div>' if index else "")
            + f'<div class="article_header"><a href="{_esc(_href(url, relative=True))}">'
            f"{_esc(title)}</a></div></div>\n"
            for title, url, time in grp.items
        )
        all_news = news_list_url("", spec.edition)
        if index == 0:  # the untitled related block under the story
            more = f'<a href="{all_news}" class="button_more">All News</a>'
            related = f'<div class="block_related">\n{rows}{more}</div>\n'
        else:  # the recent-news column
            sidebar = (
                f'<div class="container_sub_news"><div class="section_header"><a href="{all_news}">'
                f'{_esc(grp.title)}</a></div><div class="container_sub_news_wrapper">\n{rows}</div>'
                f'<a href="{all_news}" class="button_more">All News</a></div>\n'
            )
    return (
        f'<!DOCTYPE html>\n<html lang="{spec.edition.value}">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\n'
        f"<title>{_esc(spec.title)} | Ukrainska Pravda</title>\n"
        f'<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{_esc(spec.title)}">\n'
        f'<link rel="canonical" href="{spec.url}">\n</head>\n<body>\n<div class="main_content">\n'
        '<header class="header"><div class="header_top"><div class="header_lang">'
        f"{switcher}</div></div></header>\n"
        '<div class="container_main"><div class="container_sub_post_news">\n'
        '<article class="post">\n'
        f'<header class="post_header"><h1 class="post_title">{_esc(spec.title)}</h1>\n'
        f'<div class="post_time">{byline}{moment}</div></header>\n'
        f'<div class="block_post">\n{photo}<div class="post_text">\n{_body_html(spec)}</div>\n'
        f'<div class="post_tags">{tags}</div>\n</div>\n{related}</article>\n</div>\n'
        f'<div class="sidebar">\n{sidebar}</div>\n</div>\n'
        '<footer class="footer"><div class="footer_info_text">© 2000-2025 "Ukrainska Pravda"'
        "</div></footer>\n</div>\n</body>\n</html>\n"
    )


def _new_article(spec: ArticleSpec) -> str:
    editions = [e for e in EDITIONS if e is spec.edition or e in spec.translations]
    hreflang = "".join(
        f'<link rel="alternate" hreflang="{e.value}" href="{spec.translation_url(e)}" />\n'
        for e in editions
    )
    menu = "".join(
        f'<a href="{spec.translation_url(e)}"\n class="lang_menu_item '
        f'{" lang_menu_item_active " if e is spec.edition else ""}">\n'
        f'<span class="options_text">{_SWITCHER_NEW[e]}</span></a>\n'
        for e in editions
    )
    moment = visible_date(spec.edition, spec.published, weekday=False, year=False)
    ld = ""
    if spec.json_ld:
        data = {
            "@context": "https://schema.org",
            "@type": "Article" if spec.publication else "NewsArticle",
            "headline": spec.title,
            "datePublished": spec.published.isoformat(),
            "author": [{"@type": "Person", "name": name} for name in spec.authors]
            or {"@type": "Organization", "name": "Українська правда"},
            "keywords": ", ".join(name for name, _ in spec.tags),
        }
        ld = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>\n'
    photo = ""
    if spec.image is not None:
        url, caption, credit = spec.image
        photo = (
            f'<div class="post_news_photo"><picture><source srcset="{_esc(url)}?f=webp"></source>'
            f'<img src="{_esc(url)}" alt="{_esc(spec.title)}"></img></picture>\n'
            f'<div class="post_news_photo_captain">\n{_esc(caption)}\n</div>\n'
            f'<div class="post_news_photo_source">\n{_esc(credit)}\n</div></div>\n'
        )
    service = (
        '<aside class="post_news_service"><div class="hint_box">Посилання скопійовано</div>'
        '<div class="post_views" id="articleCountView"></div></aside>\n'
    )
    tags = "".join(f'<a href="{spec.tag_url(slug)}">{_esc(name)}</a>\n' for name, slug in spec.tags)
    groups = "".join(
        '<aside class="section_other_news"><div class="section_title section_title_sm">'
        f'<h3><span>{_esc(grp.title)}</span></h3></div><div class="news_grid_wrapper">\n'
        + "".join(
            f'<div class="article_news"><div class="article_title"><a href="{_esc(url)}"\n>\n'
            f"{_esc(title)}\n</a></div></div>\n"
            for title, url, _ in grp.items
        )
        + "</div></aside>\n"
        for grp in spec.groups
    )
    if spec.publication:
        authors = "".join(
            '<a class="post_article_author_item" href="/authors/x/">'
            '<span class="post_author_media">'
            f'<img src="/a.jpg"></span><span class="post_author_name">{_esc(name)}</span></a>\n'
            for name in spec.authors
        )
        header = (
            f'<h1 class="post_article_title"><span class="article_label">{_esc(spec.label)}</span> '
            f"{_esc(spec.title)}</h1>\n"
            f'<div class="post_article_author">{authors}'
            f'<span class="post_author_date">{moment}</span></div>\n'
        )
        body = (
            '<div class="post_article_body">'
            f'<div class="post_article_text" data-io-article-url="{spec.url}">\n'
        )
        root, close = '<article class="post_article">', "</div>"
    else:
        authors = ",\n".join(
            f'<span class="post_news_author">\n<a href="{SITE}/authors/{n}/">\n'
            f"{_esc(name)} </a>\n</span>"
            for n, name in enumerate(spec.authors)
        )
        dash = "\n —\n" if spec.authors else "\n"
        header = (
            f'<h1 class="post_news_title">\n{_esc(spec.title)}\n</h1>\n'
            f'<div class="post_news_date">{authors}{dash}{moment}\n</div>\n'
        )
        body = f'<div class="post_news_text" data-io-article-url="{spec.url}">\n'
        root, close = '<article class="post_news">', ""
    return (
        f'<!DOCTYPE html>\n<html lang="{spec.edition.value}">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>{_esc(spec.title)} | Українська правда</title>\n"
        f'<link rel="canonical" href="{spec.url}" />\n{hreflang}{ld}'
        f'<meta property="og:title" content="{_esc(spec.title)}" />\n'
        '<meta property="og:type" content="article" />\n</head>\n<body class="">\n'
        '<header class="header"><div class="header_main"><div class="header_logo"><a href="/">'
        "<svg><title>Українська правда</title></svg></a></div>\n"
        f'<div class="lang_menu">\n{menu}</div></div></header>\n'
        f'<div class="main"><div class="section_news"><div class="section_news_wrapper">\n{root}\n'
        f'<header class="post_news_header">\n{header}</header>\n<div class="post_news_body">\n'
        f"{photo}{service}{body}{_body_html(spec)}</div>{close}\n"
        f'<div class="post_news_tags">\n{tags}</div>\n'
        '<div class="unit_bottom_banner"><div class="advtext">Реклама:</div></div>\n'
        f"</div>\n{groups}</article>\n</div></div></div>\n"
        '<footer class="footer"><div class="footer_copy">© Українська правда</div></footer>\n'
        "</body>\n</html>\n"
    )


# -- news lists ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    time: str
    title: str
    url: str
    important: bool
    day: date  # the row's own day (tag pages print it)

    @property
    def external(self) -> bool:
        return not self.url.startswith(SITE)


@dataclass(frozen=True)
class ListSpec:
    edition: Edition
    design: str  # "new" (today's list), "old" (a day list) or "tag" (a tag page)
    day: date
    title: str
    rows: tuple[Row, ...]
    slug: str = "nato"
    ads: tuple[int, ...] = ()
    subheaders: tuple[int, ...] = ()

    @property
    def url(self) -> str:
        if self.design == "tag":
            return tag_url(SITE, self.edition, self.slug)
        return news_list_url(SITE, self.edition, self.day if self.design == "old" else None)

    @property
    def previous_day(self) -> str | None:
        if self.design == "tag":
            return None
        return news_list_url(SITE, self.edition, self.day - timedelta(days=1))


@st.composite
def list_specs(draw: st.DrawFn, design: str | None = None) -> ListSpec:
    edition = draw(st.sampled_from(EDITIONS))
    design = design or draw(st.sampled_from(("new", "old", "tag")))
    day = draw(st.dates(FIRST_DAY, LAST_DAY))
    count = draw(st.integers(1, 12))
    minutes = sorted(
        draw(st.lists(st.integers(0, 24 * 60 - 1), min_size=count, max_size=count, unique=True)),
        reverse=True,  # newest first, so no row rolls over to the day before
    )
    urls = draw(
        st.lists(
            st.builds(story_url, st.just(SITE), story(edition)) | sister_url(edition),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    rows = []
    for minute, url in zip(minutes, urls, strict=True):
        row_day = draw(st.dates(FIRST_DAY, LAST_DAY)) if design == "tag" else day
        title = draw(sentence(edition, 1, 12))
        rows.append(
            Row(f"{minute // 60:02d}:{minute % 60:02d}", title, url, draw(st.booleans()), row_day)
        )
    return ListSpec(
        edition=edition,
        design=design,
        day=day,
        title=draw(sentence(edition, 1, 4)),
        rows=tuple(rows),
        ads=tuple(draw(st.lists(st.integers(0, count), max_size=2))) if design == "old" else (),
        subheaders=tuple(draw(st.lists(st.integers(0, count - 1), max_size=2))),
    )


def _day_header(edition: Edition, day: date, *, weekday: bool) -> str:
    text = f"{day.day} {MONTHS_GENITIVE[edition][day.month - 1]} {day.year}"
    return f"{WEEKDAYS[edition][day.weekday()].capitalize()}, {text}" if weekday else text


def render_list(spec: ListSpec) -> bytes:
    if spec.design == "old":
        return _old_list(spec).encode("cp1251", errors="xmlcharrefreplace")
    return _new_list(spec).encode("utf-8")


def _old_list(spec: ListSpec) -> str:
    ad = _OLD_AD.format("Advertisement:" if spec.edition is Edition.EN else "Реклама:")
    rows: list[str] = []
    for index, row in enumerate(spec.rows):
        rows.extend(ad for position in spec.ads if position == index)
        bold = " article_news_bold" if row.important else ""
        sub = '<div class="article_subheader">Video</div>' if index in spec.subheaders else ""
        rows.append(
            f'<div class="article_news_list{bold}"><div class="article_time">{row.time}</div>'
            '<div class="article_content"><div class="article_header">'
            f'<a href="{_esc(_href(row.url, relative=True))}"><span>{_esc(row.title)}</span></a>'
            f"</div>{sub}</div></div>\n"
        )
    previous = _href(spec.previous_day or "", relative=True)
    return (
        '<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=windows-1251">\n'
        f"<title>{_esc(spec.title)}</title></head>\n<body>\n"
        '<div class="container_sub_news_list">\n<div class="section_header section_header_news">\n'
        f'<h1 class="section_header_title">{_esc(spec.title)}</h1>\n'
        f'<div class="section_header_date"><a href="{previous}" class="section_header_date_prev">'
        f"&larr;</a> <span>{_day_header(spec.edition, spec.day, weekday=False)}</span> "
        f'<a href="{news_list_url("", spec.edition)}" class="section_header_date_next">&rarr;</a>'
        "</div>\n</div>\n"
        '<div class="news_list_mode"><a href="#" id="mode1">All</a> '
        '<a href="#" id="mode2">!</a></div>\n'
        f'<div class="container_sub_news_list_wrapper mode1">\n{"".join(rows)}</div>\n'
        "</div>\n</body></html>\n"
    )


def _new_list(spec: ListSpec) -> str:
    rows = []
    for row in spec.rows:
        bold = " article_news_bold" if row.important else ""
        blank = ' target="_blank"' if row.external else ""
        date_line = (
            f'<div class="article_date">{_day_header(spec.edition, row.day, weekday=False)}</div>'
            if spec.design == "tag"
            else ""
        )
        rows.append(
            f'<div class="article_news_list{bold}">\n<div class="article_time">{row.time}</div>\n'
            f'<div class="article_title">\n<a href="{_esc(row.url)}"{blank}>{_esc(row.title)}</a>\n'
            f"</div>\n{date_line}</div>\n"
        )
    if spec.design == "tag":
        header = (
            '<div class="section_header section_header_tag"><div class="section_label">Tag</div>'
            f'<h1 class="section_title"><span>{_esc(spec.title)}</span></h1></div>\n'
        )
        section = "section_news_list section_tag"
    else:
        header = (
            '<div class="section_header section_header_news">'
            f'<h1 class="section_title"><span>{_esc(spec.title)}</span></h1>\n'
            f'<div class="section_header_date"><a href="{spec.previous_day}" '
            'class="section_header_date_prev"><span class="icon_arrow"></span></a>\n'
            f"<span>{_day_header(spec.edition, spec.day, weekday=True)}</span>\n"
            f'<a href="{SITE}/archives/calendar/" class="section_header_calendar"></a>'
            "</div></div>\n"
        )
        section = "section_news_list"
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>\n'
        f"<title>{_esc(spec.title)}</title></head>\n<body>\n"
        f'<div class="main"><div class="{section}"><div class="layout_wrapper">\n{header}'
        f'<div class="section_news_list_wrapper">\n{"".join(rows)}</div>\n'
        "</div></div></div>\n</body></html>\n"
    )


# -- feeds -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str
    published: datetime
    description: str
    with_image: bool


@dataclass(frozen=True)
class FeedSpec:
    edition: Edition
    encoding: str  # "utf-8" or "windows-1251"
    title: str
    items: tuple[FeedItem, ...]
    cdata: bool = False

    @property
    def url(self) -> str:
        return feed_url(SITE, self.edition, "news")


@st.composite
def feed_specs(draw: st.DrawFn) -> FeedSpec:
    edition = draw(st.sampled_from(EDITIONS))
    encoding = draw(st.sampled_from(("utf-8", "windows-1251")))
    count = draw(st.integers(1, 10))
    urls = draw(
        st.lists(
            st.builds(story_url, st.just(SITE), story(edition)) | sister_url(edition),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    items = []
    for url in urls:
        day = draw(st.dates(FIRST_DAY, LAST_DAY))
        moment = datetime(
            day.year,
            day.month,
            day.day,
            draw(st.integers(0, 23)),
            draw(st.integers(0, 59)),
            tzinfo=KYIV,
        )
        items.append(
            FeedItem(
                draw(sentence(edition, 1, 12)),
                url,
                moment,
                draw(sentence(edition, 1, 20)),
                draw(st.booleans()),
            )
        )
    return FeedSpec(
        edition=edition,
        encoding=encoding,
        title=draw(sentence(edition, 1, 4)),
        items=tuple(items),
        cdata=encoding == "utf-8" and draw(st.booleans()),
    )


def _xml(text: str) -> str:
    return html.escape(text, quote=False)


def render_feed(spec: FeedSpec) -> bytes:
    items = []
    for item in spec.items:
        if spec.cdata:
            picture = '<img src="https://uimg.pravda.com.ua/x.jpg" />'
            description = f"<![CDATA[{picture}<p>{_xml(item.description)}</p>]]>"
        else:
            description = _xml(item.description)
        enclosure = (
            '<enclosure url="https://uimg.pravda.com.ua/x.jpg?w=1200&amp;q=85" length="1"'
            ' type="image/jpeg"/>\n'
            if item.with_image
            else ""
        )
        items.append(
            f"<item>\n<title>{_xml(item.title)}</title>\n<link>{_xml(item.url)}</link>\n"
            f'<guid isPermaLink="true">{_xml(item.url)}</guid>\n'
            f"<description>{description}</description>\n"
            f"<pubDate>{format_datetime(item.published)}</pubDate>\n"
            f"<category>{LABELS[spec.edition]['news']}</category>\n{enclosure}</item>\n"
        )
    link = SITE + spec.edition.prefix + "/"
    page = (
        f'<?xml version="1.0" encoding="{spec.encoding}"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{_xml(spec.title)}</title>\n<link>{link}</link>\n"
        f"<description>{_xml(spec.title)}</description>\n<language>{spec.edition.value}</language>\n"
        f'<ttl>60</ttl>\n<atom:link href="{spec.url}" rel="self" type="application/rss+xml"/>\n'
        f"{''.join(items)}</channel>\n</rss>\n"
    )
    codec = "cp1251" if spec.encoding == "windows-1251" else "utf-8"
    return page.encode(codec, errors="xmlcharrefreplace")


# -- mutations -------------------------------------------------------------------------------

# Terminal control sequences and markup a hostile page may carry, as bytes in a page.
HOSTILE_BYTES = (
    b"\x1b[31m",  # CSI: colour
    b"\x1b[2J\x1b[H",  # CSI: clear the screen
    b"\x1b]0;pwned\x07",  # OSC: window title
    b"\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",  # OSC 8: a hidden hyperlink
    b"\x1bP+q\x1b\\",  # DCS
    b"\xc2\x9b31m",  # 8-bit CSI, UTF-8 coded
    b"\x9b2J",  # 8-bit CSI as a raw byte
    b"\xc2\x9d0;t\xc2\x9c",  # 8-bit OSC ... ST
    b"&#27;[31m",  # ESC as a character reference
    b"&#x9b;2J",
    b"\x00\x01\x07\x08\x0b\x0c\x7f",
    b"[bold red]x[/]",  # Rich markup
    b"[link=file:///etc/passwd]y[/link]",
    b"\xe2\x80\xae",  # RIGHT-TO-LEFT OVERRIDE
)
ODD_CHARSETS = (
    b"utf-16",
    b"utf-32-be",
    b"utf-7",
    b"x-unknown",
    b"iso-2022-jp",
    b"shift_jis",
    b"koi8-r",
    b"base64",
    b"rot13",
    b"",
    b"\x00",
    b"windows-1251\x1b[31m",
)
_TAG = re.compile(rb"<[^<>]{0,300}>")
_CHARSET = re.compile(rb"""(charset=["']?|encoding=["'])([^"'>;\s/]*)""", re.IGNORECASE)
_CLOSERS = (
    b"</div>",
    b"</p>",
    b"</a>",
    b"</span>",
    b"</item>",
    b"</title>",
    b"</article>",
    b"</ul>",
)

Mutation = Callable[[bytes], bytes]


def _tags(data: bytes) -> list[re.Match[bytes]]:
    return list(_TAG.finditer(data))


@st.composite
def mutation(draw: st.DrawFn) -> Mutation:
    kind = draw(st.integers(0, 9))
    where = draw(st.floats(0, 1, exclude_max=True))
    other = draw(st.floats(0, 1, exclude_max=True))

    def pick(data: bytes, at: float) -> re.Match[bytes] | None:
        tags = _tags(data)
        return tags[int(at * len(tags))] if tags else None

    if kind == 0:  # truncated
        return lambda data: data[: int(len(data) * where)]
    if kind in (1, 2):  # a tag dropped, or doubled

        def drop_or_double(data: bytes) -> bytes:
            tag = pick(data, where)
            if tag is None:
                return data
            middle = b"" if kind == 1 else tag[0] * 2
            return data[: tag.start()] + middle + data[tag.end() :]

        return drop_or_double
    if kind == 3:  # two tags swapped

        def swap(data: bytes) -> bytes:
            first, second = pick(data, where), pick(data, other)
            if first is None or second is None or first.start() >= second.start():
                return data
            return (
                data[: first.start()]
                + second[0]
                + data[first.end() : second.start()]
                + first[0]
                + data[second.end() :]
            )

        return swap
    if kind in (4, 5):  # control sequences or markup, inside text or anywhere
        hostile = draw(st.sampled_from(HOSTILE_BYTES))

        def inject(data: bytes) -> bytes:
            tag = pick(data, where) if kind == 4 else None
            at = tag.end() if tag is not None else int(len(data) * where)
            return data[:at] + hostile + data[at:]

        return inject
    if kind == 6:  # an odd charset declared
        charset = draw(st.sampled_from(ODD_CHARSETS))
        return lambda data: _CHARSET.sub(lambda m: m[1] + charset, data, count=1)
    if kind == 7:  # a huge attribute
        size = draw(st.sampled_from((1_000, 100_000)))

        def huge(data: bytes) -> bytes:
            tag = pick(data, where)
            if tag is None or tag[0].startswith((b"</", b"<!", b"<?")):
                return data
            at = tag.end() - 1 - tag[0].endswith(b"/>")
            return data[:at] + b' data-x="' + b"A" * size + b'"' + data[at:]

        return huge
    if kind == 8:  # closing tags of one kind left out
        closer = draw(st.sampled_from(_CLOSERS))
        return lambda data: data.replace(closer, b"")
    splice = draw(st.binary(max_size=12))  # random bytes over what was there
    return lambda data: (
        data[: int(len(data) * where)] + splice + data[int(len(data) * where) + len(splice) :]
    )


def mutated(pages: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Pages with one to four mutations applied in turn."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = draw(pages)
        for change in draw(st.lists(mutation(), min_size=1, max_size=4)):
            data = change(data)
        return data

    return build()


# -- hostile texts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """A piece of page text with terminal controls or markup, and what a reader must see."""

    raw: str
    shown: str


HOSTILE_TEXTS = (
    Hostile("\x1b[1;31mred\x1b[0m", "red"),
    Hostile("\x1b[2J\x1b[Hwiped", "wiped"),
    Hostile("\x1b]0;pwned\x07title", "title"),
    Hostile("\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"),
    Hostile("\x9b31mx", "x"),
    Hostile("be\x07ll", "bell"),
    Hostile("back\x08space", "backspace"),
    Hostile("[bold red]x[/]", "[bold red]x[/]"),
    Hostile("[link=file:///etc/passwd]y[/link]", "[link=file:///etc/passwd]y[/link]"),
    Hostile("[/]", "[/]"),
)


@dataclass(frozen=True)
class HostileSpec:
    """An article whose title, first author and tag names carry hostile pieces, and what a
    reader must see of each."""

    spec: ArticleSpec
    title_shown: str
    author_shown: str | None
    tag_suffix_shown: str


@st.composite
def hostile_articles(draw: st.DrawFn) -> HostileSpec:
    base = draw(article_specs(design="new"))
    pieces = draw(st.lists(st.sampled_from(HOSTILE_TEXTS), min_size=1, max_size=3))
    words = base.title.split(" ")
    for piece in pieces:
        words.insert(draw(st.integers(0, len(words))), piece.raw)
    shown = " ".join(next((p.shown for p in pieces if p.raw == w), w) for w in words)
    authors = base.authors
    author_shown = None
    if authors:
        piece = draw(st.sampled_from(HOSTILE_TEXTS))
        authors = (f"{authors[0]} {piece.raw}", *authors[1:])
        author_shown = f"{base.authors[0]} {piece.shown}"
    tags = tuple((f"{name} {pieces[0].raw}", slug) for name, slug in base.tags)
    spec = replace(base, title=" ".join(words), authors=authors, tags=tags)
    return HostileSpec(spec, shown, author_shown, pieces[0].shown)
