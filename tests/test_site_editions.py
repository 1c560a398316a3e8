"""Edition words: switcher labels, month and weekday names, lead words, boilerplate, UI labels."""

from __future__ import annotations

import pytest

from reader.models import Edition
from reader.site.editions import (
    AD_MARKERS,
    BOILERPLATE,
    LABELS,
    LEAD_WORDS,
    MONTHS_GENITIVE,
    SWITCHER_LABELS,
    WEEKDAYS,
    edition_from_label,
)


def test_every_edition_has_every_table() -> None:
    for table in (SWITCHER_LABELS, MONTHS_GENITIVE, WEEKDAYS, LEAD_WORDS, LABELS):
        assert set(table) == set(Edition)


def test_month_and_weekday_names() -> None:
    assert all(len(names) == 12 for names in MONTHS_GENITIVE.values())
    assert all(len(names) == 7 for names in WEEKDAYS.values())
    assert MONTHS_GENITIVE[Edition.UK][7] == "серпня"
    assert MONTHS_GENITIVE[Edition.RU][0] == "января"
    assert MONTHS_GENITIVE[Edition.EN][7] == "August"
    assert WEEKDAYS[Edition.EN][5] == "Saturday"
    assert WEEKDAYS[Edition.UK][4] == "п'ятниця"
    assert WEEKDAYS[Edition.RU][0] == "понедельник"


def test_switcher_labels_read_back() -> None:
    for edition, label in SWITCHER_LABELS.items():
        assert edition_from_label(label) is edition


@pytest.mark.parametrize(
    ("label", "edition"),
    [
        ("Укр", Edition.UK),
        (" укр ", Edition.UK),
        ("Українською", Edition.UK),
        ("Українська", Edition.UK),
        ("UA", Edition.UK),
        ("uk", Edition.UK),
        ("Рус", Edition.RU),
        ("Рос", Edition.RU),
        ("Русский", Edition.RU),
        ("Російською", Edition.RU),
        ("По-русски", Edition.RU),
        ("ru", Edition.RU),
        ("Eng", Edition.EN),
        ("EN", Edition.EN),
        ("English", Edition.EN),
        ("Англійською", Edition.EN),
    ],
)
def test_edition_from_label(label: str, edition: Edition) -> None:
    assert edition_from_label(label) is edition


@pytest.mark.parametrize("label", ["", "  ", "Deutsch", "Новини", "123", "Fr"])
def test_edition_from_label_unknown(label: str) -> None:
    assert edition_from_label(label) is None


def test_lead_words_and_ad_markers() -> None:
    assert LEAD_WORDS[Edition.EN][:4] == ("Source:", "Details:", "Quote:", "Background:")
    assert {"Джерело:", "Деталі:", "Цитата:", "Передісторія:"} <= set(LEAD_WORDS[Edition.UK])
    assert all(word.endswith(":") for words in LEAD_WORDS.values() for word in words)
    assert AD_MARKERS == ("Advertisement:", "Реклама:")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Support UP or become our patron!",
        "Support Ukrainska Pravda on Patreon!",
        "Journalists fight on their own frontline. Support Ukrainska Pravda or become our patron!",
        "Читайте також на цю тему:",
        "Читайте также по теме:",
        "Advertisement:",
        "Реклама:",
        "Поддержите УП!",
        "Підтримати УП",
    ],
)
def test_boilerplate_matches_whole_paragraphs(paragraph: str) -> None:
    assert any(pattern.search(paragraph) for pattern in BOILERPLATE)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Source: Reuters",
        "Details: NATO leaders will support Ukraine.",
        'Quote: "Support UP or become our patron!" is what the banner said, he noted.',
        "Реклама: тут текст новини",
        "",
    ],
)
def test_boilerplate_leaves_story_text(paragraph: str) -> None:
    assert not any(pattern.search(paragraph) for pattern in BOILERPLATE)


def test_labels_share_their_keys() -> None:
    keys = set(LABELS[Edition.EN])
    required = {"recent_news", "all_news", "related", "more_on", "tags", "links", "translations"}
    assert required | {"important"} <= keys
    assert all(set(labels) == keys for labels in LABELS.values())
    assert all(value for labels in LABELS.values() for value in labels.values())
