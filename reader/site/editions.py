"""The words of each edition: switcher labels, month and weekday names, lead words, UI labels.

The site prints dates with genitive month names and Ukrainian weekdays with an apostrophe
that may be ', ’ or ʼ; callers match case-insensitively.
"""

from __future__ import annotations

import re

from reader.models import Edition

UK, RU, EN = Edition.UK, Edition.RU, Edition.EN

SWITCHER_LABELS: dict[Edition, str] = {UK: "Укр", RU: "Рус", EN: "Eng"}

MONTHS_GENITIVE: dict[Edition, tuple[str, ...]] = {
    UK: (
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ),
    RU: (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    EN: (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

WEEKDAYS: dict[Edition, tuple[str, ...]] = {
    UK: ("понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя"),
    RU: ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    EN: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

# Words that open the paragraphs of a news story ("Source: ...", "Details: ...").
LEAD_WORDS: dict[Edition, tuple[str, ...]] = {
    UK: (
        "Джерело:",
        "Деталі:",
        "Дослівно:",
        "Цитата:",
        "Передісторія:",
        "Нагадаємо:",
        "Довідково:",
        "Оновлено:",
        "Що передувало:",
    ),
    RU: (
        "Источник:",
        "Подробности:",
        "Детали:",
        "Дословно:",
        "Цитата:",
        "Предыстория:",
        "Напомним:",
        "Справочно:",
        "Обновлено:",
        "Что предшествовало:",
    ),
    EN: (
        "Source:",
        "Details:",
        "Quote:",
        "Background:",
        "Reminder:",
        "For reference:",
        "Update:",
        "Updated:",
    ),
}

# Text of the markers that precede an ad slot inside the body.
AD_MARKERS: tuple[str, ...] = ("Advertisement:", "Реклама:")

# Paragraphs that are site boilerplate, not story text. Anchored at both ends, so `search`,
# `match` and `fullmatch` agree; apply them to white-space-normalised paragraph text.
BOILERPLATE: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^(?:journalists fight on their own frontline[.!]?\s*)?support (?:up|ukrainska pravda)"
        r"(?: or become our patron| on patreon)?[.!]?$",
        r"^(?:become (?:our|a) patron|support us on patreon)[.!]?$",
        r"^(?:advertisement|реклама):?$",
        r"^(?:читайте також|читайте также|read also|read more)(?: на цю тему| на эту тему"
        r"| по теме| on this topic)?:?$",
        r"^(?:підтримайте|підтримати|поддержите|поддержать)"
        r" (?:уп|українську правду|украинскую правду)[.!]?$",
        r"^(?:посилання скопійовано|ссылка скопирована|link copied)[.!]?$",
    )
)

# Words of the interface in each edition. Keys are stable; add keys as the UI needs them.
LABELS: dict[Edition, dict[str, str]] = {
    UK: {
        "edition": "Українська",
        "news": "Новини",
        "articles": "Публікації",
        "recent_news": "Останні новини",
        "all_news": "Всі новини",
        "all_articles": "Всі публікації",
        "important": "Головне",
        "top_today": "Головне сьогодні",
        "related": "Матеріали за темою",
        "more_on": "Більше на тему",
        "tags": "Теги",
        "links": "Посилання",
        "translations": "Іншими мовами",
        "authors": "Автори",
        "published": "Опубліковано",
        "previous_day": "Попередній день",
        "today": "Сьогодні",
        "photo": "Фото",
        "source": "Джерело",
        "advertisement": "Реклама:",
        "support": "Підтримати УП",
    },
    RU: {
        "edition": "Русский",
        "news": "Новости",
        "articles": "Публикации",
        "recent_news": "Последние новости",
        "all_news": "Все новости",
        "all_articles": "Все публикации",
        "important": "Главное",
        "top_today": "Главное сегодня",
        "related": "Материалы по теме",
        "more_on": "Больше по теме",
        "tags": "Теги",
        "links": "Ссылки",
        "translations": "На других языках",
        "authors": "Авторы",
        "published": "Опубликовано",
        "previous_day": "Предыдущий день",
        "today": "Сегодня",
        "photo": "Фото",
        "source": "Источник",
        "advertisement": "Реклама:",
        "support": "Поддержать УП",
    },
    EN: {
        "edition": "English",
        "news": "News",
        "articles": "Publications",
        "recent_news": "Recent news",
        "all_news": "All News",
        "all_articles": "All publications",
        "important": "Important",
        "top_today": "Top news of today",
        "related": "Related",
        "more_on": "More on",
        "tags": "Tags",
        "links": "Links",
        "translations": "Other languages",
        "authors": "Authors",
        "published": "Published",
        "previous_day": "Previous day",
        "today": "Today",
        "photo": "Photo",
        "source": "Source",
        "advertisement": "Advertisement:",
        "support": "Support Us",
    },
}

_CODES = {
    "uk": UK,
    "ua": UK,
    "ukr": UK,
    "укр": UK,
    "ru": RU,
    "rus": RU,
    "рус": RU,
    "рос": RU,
    "en": EN,
    "eng": EN,
    "англ": EN,
}
_STEMS = (
    ("україн", UK),
    ("украин", UK),
    ("ukrain", UK),
    ("русск", RU),
    ("російськ", RU),
    ("росiйськ", RU),  # with a Latin i, as some pages type it
    ("russian", RU),
    ("англ", EN),
    ("english", EN),
)
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def edition_from_label(text: str) -> Edition | None:
    """The edition a language-switcher label or language name means ("Укр", "Рос", "Eng",
    "Українською", "English", "ru"...), or None."""
    words = [word for word in _NOT_LETTERS.split(text.casefold()) if word]
    if not words:
        return None
    for word in words:
        if word in _CODES:
            return _CODES[word]
    joined = "".join(words)
    for stem, edition in _STEMS:
        if stem in joined:
            return edition
    return None
