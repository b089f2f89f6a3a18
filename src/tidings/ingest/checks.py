"""Checks that turn raw bytes into article text, or say in one line why they cannot be one."""

from __future__ import annotations

import codecs
import re

from tidings.errors import InputError
from tidings.ingest.language import english_verdict

__all__ = ["MAX_TEXT_BYTES", "check_article_text", "clean_text", "decode_text"]

MAX_TEXT_BYTES = 5 * 1024 * 1024  # 5 MiB of UTF-8 text per article
# Above this share of control characters (other than tab, newlines, form feed) the text is binary.
MAX_CONTROL_SHARE = 0.05
# cp1252 is tried only for mostly-ASCII bytes: Western text with a few curly quotes or accents. Legacy
# encodings of other scripts (cp1251, GBK, ...) have far more high bytes and are refused, not misread.
MAX_CP1252_HIGH_SHARE = 0.1
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc less \t \n \v \f \r
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # in a str, every surrogate is alone: pairs are decoded
# UTF-16 without a byte order mark is told from binary data by its NUL bytes: in English text every
# other byte is NUL (the high byte of ASCII), at the same parity throughout a sample of this size.
UTF16_SAMPLE_BYTES = 4096
MIN_UTF16_NUL_SHARE = 0.9


def decode_text(data: bytes, origin: str) -> str:
    """The text of `data`: UTF-8 (BOM optional), UTF-16 (with a BOM, or without one when every other
    byte is NUL, as in English text), or mostly-ASCII cp1252.

    Raises `InputError` for binary data (other NUL bytes) and for bytes in any other encoding ("not
    valid UTF-8 text").
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(origin, "not valid UTF-16 text (despite its byte order mark)") from None
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise InputError(origin, "binary data (contains NUL bytes), not text")
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(origin, "binary data (contains NUL bytes), not text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    high = sum(byte >= 0x80 for byte in data)
    if not data.startswith(codecs.BOM_UTF8) and high <= MAX_CP1252_HIGH_SHARE * len(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise InputError(origin, "not valid UTF-8 text (nor UTF-16 with a byte order mark)")


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when `data` looks like UTF-16 text without a byte order mark."""
    sample = data[: UTF16_SAMPLE_BYTES - UTF16_SAMPLE_BYTES % 2]
    if len(data) % 2 or len(sample) < 2:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= MIN_UTF16_NUL_SHARE * half and even < (1 - MIN_UTF16_NUL_SHARE) * half:
        return "utf-16-le"
    if even >= MIN_UTF16_NUL_SHARE * half and odd < (1 - MIN_UTF16_NUL_SHARE) * half:
        return "utf-16-be"
    return None


def clean_text(text: str) -> str:
    """`text` with each lone surrogate (invalid Unicode: JSON's "\\ud800", half an emoji cut off) replaced
    by U+FFFD, as a UTF-8 decoder replaces invalid bytes; the length, and so every offset, is kept."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def check_article_text(text: str, origin: str) -> None:
    """Raise `InputError` naming `origin` unless `text` can be an article.

    Refused: empty or whitespace-only text; binary-looking text (NUL or many control characters);
    more than `MAX_TEXT_BYTES` of UTF-8; text that is clearly not English (see `language.py`).
    """
    if not text.strip():
        raise InputError(origin, "empty text")
    if "\x00" in text:
        raise InputError(origin, "binary data (contains NUL characters), not text")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(origin, f"binary data ({controls} of {len(text)} characters are control characters)")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise InputError(origin, f"text too large ({size} bytes; the limit is {MAX_TEXT_BYTES})")
    verdict = english_verdict(text)
    if verdict is not None:
        raise InputError(origin, verdict)
