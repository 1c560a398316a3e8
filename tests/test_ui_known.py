"""Which stories are known in which editions."""

from __future__ import annotations

from reader.models import Edition
from reader.ui.known import KnownEditions

SITE = "https://www.pravda.com.ua"
UK = f"{SITE}/news/2025/11/28/8020106/"
RU = f"{SITE}/rus/news/2025/11/28/8020106/"
EN = f"{SITE}/eng/news/2025/11/28/8020106/"
OTHER = f"{SITE}/eng/news/2025/11/28/8020107/"


def test_a_story_is_learned_once_per_edition_and_its_others_are_named() -> None:
    known = KnownEditions()
    assert known.learn(UK) is True
    assert known.learn(UK) is False
    assert known.others(EN) == (Edition.UK,)
    assert known.learn(RU) is True
    assert known.others(EN) == (Edition.UK, Edition.RU)
    assert known.others(UK) == (Edition.RU,)
    assert known.others(OTHER) == ()
    assert known.learn("https://example.com/news/2025/11/28/8020106/") is False
    assert known.learn(f"{SITE}/eng/news/") is False


def test_many_urls_at_once_share_their_sets_of_editions() -> None:
    known = KnownEditions()
    urls = [
        f"{SITE}{prefix}/news/2025/11/{day}/{8000000 + n}/"
        for n in range(50)
        for day in (27, 28)
        for prefix in ("", "/eng")
    ]
    known.learn_all(urls)
    assert known.others(f"{SITE}/rus/news/2025/11/27/8000007/") == (Edition.UK, Edition.EN)
    assert len({id(editions) for editions in known._known.values()}) == 1
    assert known.learn(f"{SITE}/eng/news/2025/11/27/8000007/") is False
