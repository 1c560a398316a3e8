"""Decoding page bytes: declared charsets, BOMs, XML declarations, sniffing, bad labels."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.site.decode import decode_html, html_source

WORDS = "Привіт, світе! Сьогодні п\u2019ятниця."


def test_utf8_meta() -> None:
    data = f'<html><head><meta charset="utf-8"></head><p>{WORDS}</p>'.encode()
    text, charset, problems = decode_html(data)
    assert WORDS in text
    assert charset == "utf-8"
    assert problems == ()


def test_windows_1251_http_equiv() -> None:
    page = (
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<p>Привет, мир</p>"
    )
    text, charset, problems = decode_html(page.encode("cp1251"))
    assert "Привет, мир" in text
    assert charset == "windows-1251"
    assert problems == ()


def test_http_charset_wins_over_meta() -> None:
    data = '<meta charset="utf-8"><p>Привет</p>'.encode("cp1251")
    text, charset, _ = decode_html(data, "text/html; charset=windows-1251")
    assert "Привет" in text
    assert charset == "windows-1251"


def test_http_charset_is_quoted_or_cased() -> None:
    data = "<p>Привет</p>".encode("cp1251")
    text, charset, problems = decode_html(data, 'text/html; Charset="CP1251"')
    assert "Привет" in text
    assert (charset, problems) == ("windows-1251", ())


def test_xml_declaration() -> None:
    data = '<?xml version="1.0" encoding="windows-1251"?><rss><title>Новини</title></rss>'
    text, charset, _ = decode_html(data.encode("cp1251"))
    assert "<title>Новини</title>" in text
    assert charset == "windows-1251"


def test_sniff_utf8_then_windows_1251() -> None:
    assert decode_html("<p>Новини</p>".encode())[:2] == ("<p>Новини</p>", "utf-8")
    assert decode_html("<p>Новини</p>".encode("cp1251"))[:2] == ("<p>Новини</p>", "windows-1251")


def test_declared_single_byte_on_utf8_bytes_is_not_believed() -> None:
    data = '<meta charset="windows-1251"><p>Привет</p>'.encode()
    text, charset, problems = decode_html(data)
    assert "Привет" in text
    assert charset == "utf-8"
    assert len(problems) == 1
    assert "windows-1251" in problems[0]


def test_ascii_only_page_keeps_its_declared_charset() -> None:
    _, charset, problems = decode_html(b'<meta charset="windows-1251"><p>plain</p>')
    assert (charset, problems) == ("windows-1251", ())


def test_utf8_bom_is_removed() -> None:
    text, charset, problems = decode_html(codecs.BOM_UTF8 + "<p>Слава</p>".encode())
    assert (text, charset, problems) == ("<p>Слава</p>", "utf-8", ())


def test_utf16_bom() -> None:
    text, charset, _ = decode_html("<p>Слава</p>".encode("utf-16"))
    assert text == "<p>Слава</p>"
    assert charset.startswith("utf-16")


def test_meta_utf16_on_a_byte_page_means_utf8() -> None:
    text, charset, _ = decode_html('<meta charset="utf-16"><p>Слава</p>'.encode())
    assert "Слава" in text
    assert charset == "utf-8"


@pytest.mark.parametrize("label", ["bogus", "base64", "rot13", "utf-7", "x" * 500, ""])
def test_unknown_meta_charset_falls_back(label: str) -> None:
    text, charset, problems = decode_html(f'<meta charset="{label}"><p>Новини</p>'.encode())
    assert "Новини" in text
    assert charset == "utf-8"
    assert label == "" or any("charset" in p for p in problems)


def test_unknown_http_charset_falls_back_to_meta() -> None:
    data = '<meta charset="windows-1251"><p>Новини</p>'.encode("cp1251")
    text, charset, problems = decode_html(data, "text/html; charset=nonsense")
    assert "Новини" in text
    assert charset == "windows-1251"
    assert any("nonsense" in p for p in problems)


def test_invalid_bytes_are_replaced_and_reported() -> None:
    text, charset, problems = decode_html(b"<p>ok \xff\xfe</p>", "text/html; charset=utf-8")
    assert text == "<p>ok \ufffd\ufffd</p>"
    assert charset == "utf-8"
    assert problems and "replaced" in problems[0]


def test_meta_beyond_4kb_is_not_read() -> None:
    data = b"<p>" + b" " * 5000 + '<meta charset="koi8-r"><p>Новини'.encode("cp1251")
    _, charset, _ = decode_html(data)
    assert charset == "windows-1251"


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=2000), st.one_of(st.none(), st.text(max_size=60)))
def test_never_raises(data: bytes, content_type: str | None) -> None:
    text, charset, problems = decode_html(data, content_type)
    assert isinstance(text, str)
    assert charset
    assert all(isinstance(p, str) and p for p in problems)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=40), st.binary(max_size=200))
def test_never_raises_on_any_declared_label(label: str, body: bytes) -> None:
    data = b'<meta charset="' + label.encode("utf-8", "replace") + b'">' + body
    text, _, _ = decode_html(data, f"text/html; charset={label}")
    assert isinstance(text, str)


# html_source: what lexbor is handed. The page's own bytes when they are valid UTF-8 read as
# UTF-8 as they are, else the text; the charset and problems are decode_html's.


def test_html_source_hands_valid_utf8_bytes_over_as_they_are() -> None:
    data = f'<meta charset="utf-8"><p>{WORDS}</p>'.encode()
    assert html_source(data) == (data, "utf-8", ())
    assert html_source(data, "text/html; charset=utf-8")[0] is data


def test_html_source_checks_utf8_across_its_slices() -> None:
    # A two-byte character straddles every 16 KB boundary; a bad byte sits far from the start.
    page = "<p>" + "ї" * 40_000 + "</p>"
    data = page.encode()
    assert html_source(data)[0] is data
    broken = data[:30_001] + b"\xff" + data[30_001:]
    source, charset, problems = html_source(broken, "text/html; charset=utf-8")
    assert isinstance(source, str) and "\ufffd" in source
    assert charset == "utf-8" and "replaced" in problems[0]


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (codecs.BOM_UTF8 + "<p>Слава</p>".encode(), None),  # the mark is cut off
        (b"<p>ok \xff\xfe</p>", "text/html; charset=utf-8"),  # bytes replaced
        ("<p>Новини</p>".encode("cp1251"), None),
        ('<meta charset="windows-1251"><p>Новини</p>'.encode("cp1251"), None),
        ("<p>Слава</p>".encode("utf-16"), None),
    ],
)
def test_html_source_gives_the_text_otherwise(data: bytes, content_type: str | None) -> None:
    assert html_source(data, content_type) == decode_html(data, content_type)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)),
    st.sampled_from([None, "text/html; charset=utf-8", "text/html; charset=windows-1251"]),
)
def test_html_source_agrees_with_decode_html(data: bytes, content_type: str | None) -> None:
    text, charset, problems = decode_html(data, content_type)
    source, source_charset, source_problems = html_source(data, content_type)
    assert (source_charset, source_problems) == (charset, problems)
    if isinstance(source, bytes):
        assert source is data and data.decode("utf-8") == text
    else:
        assert source == text
