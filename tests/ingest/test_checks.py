"""Decoding and the checks on article text: each bad kind of input names itself in the reason."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.ingest import MAX_TEXT_BYTES, check_article_text
from tidings.ingest.checks import decode_text

FIXTURES = Path(__file__).parent / "fixtures"
FOREIGN = json.loads((FIXTURES / "foreign.json").read_text(encoding="utf-8"))
ENGLISH = (FIXTURES / "english_sentences.txt").read_text(encoding="utf-8").splitlines()
PARAGRAPH = "The army said on Monday that it had withdrawn its troops from the border town."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PARAGRAPH.encode("utf-8"), PARAGRAPH),
        (codecs.BOM_UTF8 + "Café talks".encode(), "Café talks"),
        (codecs.BOM_UTF16_LE + "Kyiv talks".encode("utf-16-le"), "Kyiv talks"),
        (codecs.BOM_UTF16_BE + "Kyiv talks".encode("utf-16-be"), "Kyiv talks"),
        (
            "The minister’s “final” offer was rejected.".encode("cp1252"),
            "The minister’s “final” offer was rejected.",
        ),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252-quotes"],
)
def test_decode_text_accepts(data: bytes, expected: str) -> None:
    assert decode_text(data, "a.txt") == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("Министр заявил, что выплаты будут произведены".encode("cp1251"), "not valid UTF-8 text"),
        ("外交部长周一在北京会见了代表团".encode("gbk"), "not valid UTF-8 text"),
        (codecs.BOM_UTF8 + b"caf\xe9", "not valid UTF-8 text"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16 text"),
    ],
    ids=["nul-bytes", "cp1251", "gbk", "bad-after-utf8-bom", "lone-surrogate-utf16"],
)
def test_decode_text_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        decode_text(data, "in/a.txt")
    assert caught.value.origin == "in/a.txt"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty text"),
        (" \n\t \r\n", "empty text"),
        ("Troops\x00 withdrew", "binary data"),
        ("\x01\x02\x03\x04 abc", "control characters"),
        ("a" * (MAX_TEXT_BYTES + 1), "text too large"),
        ("é" * (MAX_TEXT_BYTES // 2 + 1), "text too large"),  # the limit is on UTF-8 bytes, not characters
        (FOREIGN["french"], "not English"),
        (FOREIGN["russian"], "cyrillic script"),
    ],
    ids=["empty", "whitespace", "nul", "controls", "too-large", "too-large-utf8", "french", "russian"],
)
def test_check_article_text_refuses(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        check_article_text(text, "feed.jsonl:3")
    assert str(caught.value).startswith("feed.jsonl:3: ")


def test_check_article_text_accepts_text_at_the_size_limit() -> None:
    text = (PARAGRAPH + " ") * (MAX_TEXT_BYTES // (len(PARAGRAPH) + 1))
    check_article_text(text, "big.txt")


@pytest.mark.parametrize("sentence", ENGLISH)
def test_language_check_accepts_short_english_news(sentence: str) -> None:
    check_article_text(sentence, "s.txt")


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_language_check_refuses_other_languages(language: str) -> None:
    with pytest.raises(InputError, match="not English text"):
        check_article_text(FOREIGN[language], language)


@pytest.mark.parametrize(
    "text",
    [
        "Merci beaucoup.",  # too short to judge
        "Putin met Xi in Beijing.",
        "Наш ответ",  # under 10 letters
        "The mayor of Paris, Anne Hidalgo, said « la ville est prête » before the Games began in July.",
        "Russian state television quoted the slogan «Слава России» at the rally in Moscow on Sunday night.",
    ],
    ids=["short-french", "short-english", "short-russian", "french-quote", "russian-quote"],
)
def test_language_check_leaves_short_or_mostly_english_text(text: str) -> None:
    check_article_text(text, "s.txt")
