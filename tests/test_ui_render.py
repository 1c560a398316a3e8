"""Models to renderables and the interface's words, without running the app."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console, RenderableType
from textual.binding import Binding

from reader.models import Article, Block, BlockType, Edition, Headline, Link, Span
from reader.net.errors import NotFound, Refused, ServerError
from reader.service import NotStored
from reader.ui.app import ReaderApp
from reader.ui.i18n import KEYS, TEXTS, error_reason, format_day, next_step_key, tr
from reader.ui.navigation import History, Target, target_of
from reader.ui.render import RowMarks, article_body, block_text, headline_row, lead_word, visible
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article import ArticleView
from reader.ui.widgets.news import NewsPane
from reader.ui.widgets.related import RelatedList
from reader.ui.widgets.url_list import UrlList

SITE = "https://www.pravda.com.ua"


def plain(renderable: RenderableType, width: int = 100) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_links_are_numbered_after_their_words() -> None:
    words = "Source: Dragone told Corriere della Sera, as European Pravda reports"
    first, second = words.index("Corriere della Sera"), words.index("European Pravda")
    block = Block(
        BlockType.PARAGRAPH,
        words,
        links=(
            Link(1, "Corriere della Sera", "https://www.corriere.it/", False, first, first + 19),
            Link(
                2,
                "European Pravda",
                "https://www.eurointegration.com.ua/",
                False,
                second,
                second + 15,
            ),
        ),
        spans=(Span(0, 7, "strong"),),
    )
    text = block_text(block)
    assert text.plain == (
        "Source: Dragone told Corriere della Sera [1], as European Pravda [2] reports"
    )
    styles = {(span.start, span.end): str(span.style) for span in text.spans}
    assert styles[(0, 7)] == "bold"
    assert styles[(first, first + 19)] == "underline"  # the link's words


def test_a_link_without_offsets_is_found_by_its_words() -> None:
    block = Block(BlockType.LIST_ITEM, "See the report here", links=(Link(4, "report", "u", True),))
    assert block_text(block).plain == "See the report [4] here"


def test_lead_words_of_every_edition() -> None:
    assert lead_word("Джерело: ТАСС") == "Джерело:"
    assert lead_word("Що передувало: x") == "Що передувало:"
    assert lead_word("Источник: x") == "Источник:"
    assert lead_word("Background:") == "Background:"
    assert lead_word("Sources say") is None


def test_control_characters_never_reach_the_terminal() -> None:
    assert visible("a\x1b[31mb\x07c\x9bd\x7f") == "a␛[31mb␇c\ufffdd␡"
    article = Article(
        url=f"{SITE}/eng/news/2025/01/01/1/",
        edition=Edition.EN,
        id=1,
        title="[bold]x\x1b[2J",
        blocks=(Block(BlockType.QUOTE, "[red]quoted\x1b]8;;http://x\x07"),),
    )
    shown = plain(article_body(article, Edition.EN))
    assert "[bold]x␛[2J" in shown
    assert "▌ [red]quoted␛]8;;http://x␇" in shown
    assert "\x1b" not in shown


def test_a_headline_row_shows_time_marks_and_other_editions() -> None:
    item = Headline("Title [b]", f"{SITE}/eng/news/2025/01/01/1/", time="09:05", important=True)
    marks = RowMarks(important=True, other_editions=(Edition.UK, Edition.RU))
    assert plain(headline_row(item, marks, Edition.EN)).rstrip() == (
        "09:05  ! Title [b]  also in Укр Рус"
    )


def test_where_links_go() -> None:
    assert target_of(f"{SITE}/news/2025/08/23/7527766/") is Target.ARTICLE
    assert target_of(f"{SITE}/eng/tags/nato/") is Target.LIST
    assert target_of(f"{SITE}/rus/news/date_27112025/") is Target.LIST
    assert target_of("https://www.epravda.com.ua/news/2025/08/23/1/") is Target.BROWSER
    assert target_of(f"{SITE}/eng/about/") is Target.BROWSER
    assert target_of("javascript:alert(1)") is Target.BROWSER


def test_history_drops_what_was_ahead() -> None:
    history = History()
    for url in ("a", "b", "c"):
        history.push(url)
    assert (history.back(), history.back(), history.back()) == ("b", "a", None)
    assert history.forward() == "b"
    history.push("d")
    assert history.entries == ["a", "b", "d"] and history.forward() is None


_ANY_VALUES: dict[str, object] = dict.fromkeys(
    [
        "count",
        "time",
        "name",
        "day",
        "number",
        "url",
        "reason",
        "problem",
        "refresh",
        "browser",
        "back",
        "next",
        "status",
        "message",
        "language",
        "language_in",
        "language_of",
        "edition",
        "path",
        "press",
        "title",
        "stored",
        "text",
    ],
    "x",
)


def test_every_language_has_every_word() -> None:
    for lang in Edition:
        assert TEXTS[lang].keys() == TEXTS[Edition.EN].keys(), lang
        assert KEYS[lang].keys() == KEYS[Edition.EN].keys(), lang
        for key in TEXTS[lang]:
            tr(lang, key, **_ANY_VALUES)


def test_every_binding_has_an_id_words_in_each_language_and_a_tooltip() -> None:
    classes = (ReaderApp, MainScreen, HelpScreen, NewsPane, UrlList, ArticleView, RelatedList)
    for owner in classes:
        for binding in Binding.make_bindings(owner.BINDINGS):
            assert binding.id, (owner.__name__, binding.key)
            assert binding.tooltip and binding.description, binding.id
            name = "link-number" if binding.id.startswith("link-number-") else binding.id
            name = "link-number" if name.startswith("link-digit-") else name
            for lang in Edition:
                assert name in KEYS[lang], (lang, name)


def test_errors_say_what_happened_and_what_to_do() -> None:
    url = f"{SITE}/news/"
    assert error_reason(Edition.UK, ServerError(url, 502)) == "у сайту проблеми (HTTP 502)"
    assert error_reason(Edition.RU, NotFound(url)) == "такой страницы нет (HTTP 404)"
    assert next_step_key(Refused(url), offline=False) == "next_browser"
    assert next_step_key(NotStored(url), offline=True) == "next_online"
    assert format_day(Edition.UK, date(2025, 8, 23)) == "23 серпня 2025"


def test_a_rows_counted_height_is_the_height_it_renders_at() -> None:
    """The list counts a row's lines without rendering it: the count must be what a render
    gives, at every width, for long words, wide characters, marks and "also in" notes."""
    from reader.ui.render import related_item

    console = Console(width=200, file=io.StringIO())
    titles = [
        "Зеленський зустрівся з генсеком НАТО у Києві",
        "A",
        "Supercalifragilisticexpialidocious-and-then-some words that go on",
        "公式に 発表された 長い 見出し が ここに あります",
        "  leading and  double  spaces  ",
        "Україна здобула бронзу в чоловічій байдарці-четвірці на чемпіонаті світу " * 3,
    ]
    marks = [RowMarks(), RowMarks(important=True, unread=True, other_editions=(Edition.RU,))]
    rows = [
        headline_row(Headline(url=f"{SITE}/eng/news/1/", title=title, time="12:05"), mark, lang)
        for title in titles
        for mark in marks
        for lang in (Edition.UK, Edition.EN)
    ] + [related_item(title, "28 листопада, 14:05") for title in titles]
    for row in rows:
        for width in (3, 8, 9, 12, 20, 33, 47, 80):
            options = console.options.update_width(width)
            rendered = len(console.render_lines(row, options, pad=False))
            assert row.height(console, options) == rendered, (width, plain(row, width))


def test_a_long_date_puts_the_title_under_it_rather_than_squeezed_beside_it() -> None:
    from reader.ui.render import related_item

    row = related_item("Росіяни вдарили ракетами по Мукачеву", "28 листопада, 14:05")
    lines = plain(row, 24).splitlines()
    assert lines[0].rstrip() == "28 листопада, 14:05"
    assert lines[1].rstrip() == "Росіяни вдарили ракетами"
    assert plain(row, 60).splitlines()[0].startswith("28 листопада, 14:05 Росіяни вдарили")


async def test_an_article_is_rendered_once_for_its_height_and_its_lines() -> None:
    """Textual asks a long text for its height, then for its lines: one render serves both,
    and the lines are those Rich gives, under the widget's style."""
    from rich.text import Text
    from textual.app import App
    from textual.style import Style
    from textual.visual import RenderOptions
    from textual.widgets import Static

    from reader.ui.visuals import RenderedOnce

    renders = []

    class Counted:
        def __rich_console__(self, console: Console, options: object) -> object:
            renders.append(options)
            yield Text("Перший абзац статті, досить довгий, щоб загорнутися.\n\nДругий.")

    class Host(App[None]):
        def compose(self) -> object:
            yield Static()

    app = Host()
    async with app.run_test(size=(40, 10)):
        widget = app.query_one(Static)
        visual = RenderedOnce(widget, Counted())
        height = visual.get_height(widget.styles, 20)
        strips = visual.render_strips(
            20, None, Style(), RenderOptions(widget._get_style, widget.styles)
        )
        assert len(renders) == 1
        assert height == len(strips) == 5
        assert strips[0].text.rstrip() == "Перший абзац статті,"
        visual.get_height(widget.styles, 30)
        assert len(renders) == 2  # another width, another render
