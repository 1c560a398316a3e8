"""Bytes of a page to text: the declared charset when it is believable, else a sniff.

Old pages of the site were windows-1251, new ones are UTF-8, and feeds declare their
encoding in the XML declaration. Decoding never fails: what went wrong is reported.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)
# Both `<meta charset=...>` and `<meta http-equiv="Content-Type" content="...; charset=...">`.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([^"'>;\s/]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([^"'>\s]+)["']""", re.IGNORECASE
)
_PRESCAN_LIMIT = 4096
_UTF8_DECODER = codecs.getincrementaldecoder("utf-8")
_CHECK_SLICE = 16_384
# Labels browsers treat as something else, or that Python spells differently.
_ALIASES = {
    "x-cp1251": "cp1251",
    "win-1251": "cp1251",
    "windows1251": "cp1251",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-user-defined": "cp1252",
}
# Codecs Python knows that are not charsets of web pages (transforms, escapes, UTF-7).
_NOT_WEB = frozenset(
    [
        "idna",
        "punycode",
        "raw-unicode-escape",
        "unicode-escape",
        "utf-7",
        "undefined",
        "palmos",
        "mbcs",
        "oem",
        "charmap",
    ]
)
_OUTPUT_NAMES = {f"cp{n}": f"windows-{n}" for n in range(1250, 1259)}


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Decode page bytes: returns (text, charset used, problems).

    Order: the HTTP charset, a byte-order mark, `<meta>` in the first 4 KB, the XML
    declaration, then a sniff (valid UTF-8, else windows-1251). A declared single-byte
    charset on bytes that are valid UTF-8 with non-ASCII characters is not believed, nor an
    HTTP charset the bytes are not valid in when the page declares one they are.
    """
    problems: list[str] = []
    charset, body, from_http = _choose_charset(data, content_type, problems)
    text, charset = _decode(body, charset, problems, header=from_http)
    return text, _display(charset), tuple(problems)


def html_source(
    data: bytes, content_type: str | None = None
) -> tuple[str | bytes, str, tuple[str, ...]]:
    """`decode_html` for building a lexbor tree: the page's own bytes rather than the text
    when they are read as UTF-8 unchanged (valid, no byte-order mark).

    lexbor parses UTF-8 bytes, so decoded text would be encoded again on its way in, and the
    decoded copy is the largest allocation of a parse; checking the bytes costs far less.
    """
    problems: list[str] = []
    charset, body, from_http = _choose_charset(data, content_type, problems)
    unchanged = len(body) == len(data)  # no byte-order mark cut off
    if charset == "utf-8" and unchanged and _is_utf8(data):
        return data, "utf-8", tuple(problems)
    text, charset = _decode(body, charset, problems, header=from_http)
    return text, _display(charset), tuple(problems)


def _choose_charset(
    data: bytes, content_type: str | None, problems: list[str]
) -> tuple[str, bytes, bool]:
    """(charset to read in, the bytes without a byte-order mark, whether HTTP named it)."""
    bom_codec = _bom_codec(data)
    charset: str | None = None
    if content_type:
        match = _HTTP_CHARSET.search(content_type)
        if match:
            charset = _resolve(match.group(1), "the HTTP header", problems)
    from_http = charset is not None
    if charset is None and bom_codec is not None:
        charset = bom_codec
    if charset is None:
        charset = _declared_in_document(data[:_PRESCAN_LIMIT], problems)
    if charset is None:
        charset = "utf-8" if _is_utf8(data) else "cp1251"
    elif charset != "utf-8" and _is_single_byte(charset) and _is_multibyte_utf8(data):
        problems.append(f"The page declares {_display(charset)} but its bytes are UTF-8.")
        charset = "utf-8"

    if bom_codec is not None and bom_codec == charset:
        data = data[len(_bom_of(bom_codec)) :]
    return charset, data, from_http


def _decode(data: bytes, charset: str, problems: list[str], *, header: bool) -> tuple[str, str]:
    """The text and the charset it was read in; bytes the charset cannot read are replaced."""
    try:
        return data.decode(charset), charset
    except UnicodeDecodeError:
        pass
    # A wrong HTTP header ("utf-8" on a windows-1251 page): the page's own declaration.
    declared = _declared_in_document(data[:_PRESCAN_LIMIT], []) if header else None
    if declared is not None and declared != charset:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            problems.append(
                f"The HTTP header declares {_display(charset)} but the bytes are not;"
                f" read as {_display(declared)}, as the page declares."
            )
            return text, declared
    problems.append(f"Some bytes are not valid {_display(charset)} and were replaced.")
    return data.decode(charset, errors="replace"), charset


def _declared_in_document(head: bytes, problems: list[str]) -> str | None:
    charset = None
    match = _META_CHARSET.search(head)
    if match:
        charset = _resolve(_ascii(match.group(1)), "the page's <meta>", problems)
    if charset is None:
        match = _XML_ENCODING.search(head)
        if match:
            charset = _resolve(_ascii(match.group(1)), "the XML declaration", problems)
    # A declaration readable as ASCII means the bytes are not UTF-16/32 (no BOM was found):
    # browsers read such pages as UTF-8.
    if charset is not None and charset.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return charset


def _resolve(label: str, where: str, problems: list[str]) -> str | None:
    """The Python codec name for a declared charset label, or None with a problem noted."""
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    codec = _codec_name(name)
    if codec is None:
        problems.append(f"Unknown charset {label[:40]!r} in {where} was ignored.")
    return codec


@lru_cache(maxsize=64)
def _codec_name(name: str) -> str | None:
    try:
        info = codecs.lookup(name)
        # Rejects bytes-to-bytes codecs such as base64 and rot13, which are no charsets.
        bytes(range(256)).decode(info.name, errors="replace")
    except (LookupError, ValueError, TypeError):
        return None
    if info.name in _NOT_WEB:
        return None
    return info.name


@lru_cache(maxsize=64)
def _is_single_byte(codec: str) -> bool:
    return len(bytes(range(256)).decode(codec, errors="replace")) == 256


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _bom_of(codec: str) -> bytes:
    return next(bom for bom, name in _BOMS if name == codec)


def _is_utf8(data: bytes) -> bool:
    # Checked in slices: decoding a large page whole allocates a text up to twice its size,
    # fresh memory each time, which costs more than the check itself.
    decoder = _UTF8_DECODER()
    view = memoryview(data)
    try:
        for start in range(0, len(view), _CHECK_SLICE):
            decoder.decode(view[start : start + _CHECK_SLICE])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _is_multibyte_utf8(data: bytes) -> bool:
    return not data.isascii() and _is_utf8(data)


def _ascii(raw: bytes) -> str:
    return raw.decode("ascii", errors="replace")


def _display(codec: str) -> str:
    return _OUTPUT_NAMES.get(codec, codec)
