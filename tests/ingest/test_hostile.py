"""Hostile and clumsy inputs to the readers: invalid Unicode, UTF-16 without a byte order mark, markup
built to make the parser quadratic, and truncated or unreadable web archives."""

from __future__ import annotations

import codecs
import io
import json
import random
import re
import sys
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputError
from tidings.ingest import read_inputs, read_text_input
from tidings.ingest.checks import clean_text, decode_text
from tidings.ingest.html import MAX_TAG_ATTRIBUTES, defuse_markup, extract_page
from tidings.ingest.warc import _warcio_messages
from tidings.records import Article, Failure

SENTENCE = "The army said on Monday that it had withdrawn its troops from the border town. " * 8
PAGE = f"<html><head><title>Withdrawal</title></head><body><article><p>{SENTENCE}</p></article></body></html>"


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Kyiv \ud800talks", "Kyiv \ufffdtalks"),
        ("\udfff", "\ufffd"),
        ("a \U0001f600 smile", "a \U0001f600 smile"),  # a real pair, decoded: kept
        ("plain", "plain"),
    ],
)
def test_clean_text_replaces_lone_surrogates_and_keeps_offsets(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned and len(clean_text(text)) == len(text)


def test_every_field_of_an_article_is_valid_unicode() -> None:
    article = read_text_input(
        SENTENCE + "\ud83d",
        origin="in\udcff.jsonl:1",
        article_id="id-\ud800",
        title="T\udc00",
        url="https://x.example/\ud800",
        source="S\ud800",
    )
    for value in (article.text, article.id, article.title, article.url, article.source, article.origin):
        assert value is not None
        value.encode("utf-8")  # no lone surrogate left
    assert article.text.endswith("\ufffd")


def test_a_jsonl_line_with_a_lone_surrogate_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "s", "text": SENTENCE + "\ud800", "title": "\udc00"}) + "\n")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert article.text == SENTENCE + "\ufffd" and article.title == "\ufffd"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(encoding: str) -> None:
    assert decode_text(SENTENCE.encode(encoding), "a.txt") == SENTENCE


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(256)) * 4,
        b"\x00" * 64,
        SENTENCE.encode("utf-16-le")[:-1],  # odd length
        codecs.BOM_UTF8 + b"abc\x00def",
    ],
)
def test_other_bytes_with_nul_are_binary(data: bytes) -> None:
    with pytest.raises(InputError, match="binary data"):
        decode_text(data, "a.bin")


def _crowded(count: int, quote: str = '"') -> bytes:
    attributes = " ".join(f"a{i}={quote}x>y{quote}" for i in range(count))
    return PAGE.replace("<article>", f"<article {attributes}>").encode()


@pytest.mark.parametrize("count", [MAX_TAG_ATTRIBUTES, 20_000])
def test_an_element_with_too_many_attributes_loses_them(count: int) -> None:
    defused = defuse_markup(_crowded(count))
    assert b"<article><p>" in defused and b"a1=" not in defused
    assert extract_page(_crowded(count), "crowded.html").text.startswith("The army said")


@pytest.mark.parametrize(
    "markup",
    [
        PAGE.encode(),
        _crowded(MAX_TAG_ATTRIBUTES - 1),
        _crowded(MAX_TAG_ATTRIBUTES - 1, "'"),
        b"<p>a < b and c > d</p><img src='data:image/png;base64," + b"A" * 100_000 + b"'>",
    ],
)
def test_other_markup_is_left_as_it_is(markup: bytes) -> None:
    assert defuse_markup(markup) == markup


def _warc(pages: list[tuple[str, str, bytes]], *, gzip: bool = False, truncated: str | None = None) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for uri, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        warc_headers = {"WARC-Truncated": truncated} if truncated else None
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=headers,
            warc_headers_dict=warc_headers,
        )
        writer.write_record(record)
    return out.getvalue()


FIRST = ("https://news.example.org/a", "text/html", PAGE.encode())
SECOND = ("https://news.example.org/b", "text/html", PAGE.replace("Monday", "Tuesday").encode())


@pytest.mark.parametrize("gzip", [False, True])
def test_a_truncated_warc_record_is_reported_not_stored(tmp_path: Path, gzip: bool) -> None:
    whole = _warc([FIRST], gzip=gzip)
    cut = _warc([FIRST, SECOND], gzip=gzip)[: len(whole) + (len(whole) // 2)]
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(cut)
    article, failure = read_inputs([str(path)])
    assert isinstance(article, Article) and article.url == FIRST[0]
    assert isinstance(failure, Failure) and failure.record_id.startswith(str(path))
    assert "truncated" in failure.reason


def test_a_record_whose_length_is_wrong_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """warcio prints "Record not followed by newline" when it finds the next record: the record whose
    Content-Length ends early is refused with those words, the next one is stored, stderr stays clean."""
    data = _warc([FIRST, SECOND])
    stated = re.search(rb"Content-Length: (\d+)", data)
    assert stated is not None
    short = str(int(stated.group(1)) - 40).encode()
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[: stated.start(1)] + short + data[stated.end(1) :])
    failure, article = read_inputs([str(path)])
    assert isinstance(failure, Failure) and failure.record_id == f"{path}#{FIRST[0]}"
    assert "warcio: WARNING: Record not followed by newline" in failure.reason
    assert isinstance(article, Article) and article.url == SECOND[0]
    assert capsys.readouterr().err == ""


def test_a_record_that_does_not_decompress_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """warcio prints a decompression error in the middle of a gzipped record and reads no further: the
    record is refused with its words (not stored as half a page), and stderr stays clean."""
    draw = random.Random(1)  # words in no pattern: the record spans several of warcio's gzip blocks
    words = " ".join(
        draw.choice(["police", "said", "Monday", "the", "protest", "minister"]) for _ in range(40000)
    )
    big = ("https://news.example.org/big", "text/html", f"<html><body><p>{words}</p></body></html>".encode())
    data = bytearray(_warc([FIRST, big, SECOND], gzip=True))
    end = len(_warc([FIRST, big], gzip=True))
    for k in range(end - 400, end - 380):
        data[k] ^= 0x55
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bytes(data))
    article, failure, *rest = read_inputs([str(path)])
    assert isinstance(article, Article) and article.url == FIRST[0]
    assert isinstance(failure, Failure) and failure.record_id == f"{path}#{big[0]}"
    assert "truncated record" in failure.reason and "warcio: Error -3 while decompressing" in failure.reason
    assert all(isinstance(r, Failure) for r in rest)
    assert capsys.readouterr().err == ""


def test_a_page_whose_bytes_changed_after_the_crawl_is_refused(tmp_path: Path) -> None:
    """A byte of the page changed since the crawler wrote its WARC-Block-Digest: corrupt, not stored; the
    next record is read as before."""
    data = _warc([FIRST, SECOND])
    at = data.index(b"Withdrawal")
    path = tmp_path / "crawl.warc"
    path.write_bytes(data[:at] + b"W1thdrawal" + data[at + len(b"Withdrawal") :])
    failure, article = read_inputs([str(path)])
    assert isinstance(failure, Failure) and failure.record_id == f"{path}#{FIRST[0]}"
    assert failure.reason.startswith("corrupt record (block digest failed: sha1:")
    assert isinstance(article, Article) and article.url == SECOND[0]


@pytest.mark.parametrize("header", [b"WARC-Payload-Digest", b"WARC-Block-Digest"])
def test_a_page_is_read_without_digests_or_with_a_payload_digest_of_another_reckoning(
    tmp_path: Path, header: bytes
) -> None:
    """Counter-examples: crawlers compute a payload digest differently for chunked responses, so one that
    differs is no proof of corruption; and an archive without digests is read as it is."""
    data = re.sub(header + rb": sha1:[A-Z2-7]+", header + b": sha1:" + b"A" * 32, _warc([FIRST]))
    if header == b"WARC-Block-Digest":
        data = re.sub(rb"WARC-(?:Block|Payload)-Digest: [^\r]+\r\n", b"", _warc([FIRST]))
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and article.url == FIRST[0]


def test_a_gzipped_archive_of_large_pages_is_read_to_its_end(tmp_path: Path) -> None:
    """Pages of 165-350 KB gzipped record by record (as crawlers write them): the check that the last
    gzip member is whole fed a finished member its rest again, forever, where a member ended inside a
    call whose output was bounded (this archive), growing its memory until killed."""
    draw = random.Random(0)
    vocabulary = [
        "police",
        "said",
        "Monday",
        "the",
        "protest",
        "minister",
        "capital",
        "army",
        "border",
        "town",
    ]
    pages = []
    for k in range(3):
        words = " ".join(draw.choice(vocabulary) for _ in range(draw.randint(5000, 60000)))
        pages.append(
            (
                f"https://news.example.org/{k}",
                "text/html",
                f"<html><body><p>{words}</p></body></html>".encode(),
            )
        )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(pages, gzip=True))
    found: list[Article | Failure] = []
    reader = threading.Thread(target=lambda: found.extend(read_inputs([str(path)])), daemon=True)
    reader.start()
    reader.join(timeout=120)
    assert not reader.is_alive(), "the archive was not read to its end in two minutes"
    assert [getattr(r, "url", None) for r in found] == [url for url, _, _ in pages]


def test_what_other_threads_write_to_stderr_goes_through(capsys: pytest.CaptureFixture[str]) -> None:
    with _warcio_messages() as heard:
        sys.stderr.write("warcio: this thread\n")
        other = threading.Thread(target=lambda: sys.stderr.write("progress: another thread\n"))
        other.start()
        other.join()
    assert heard.getvalue() == "warcio: this thread\n"
    assert capsys.readouterr().err == "progress: another thread\n"


def test_a_record_the_crawler_truncated_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc([FIRST], truncated="length"))
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, Failure)
    assert failure.reason == "record truncated by the crawler (WARC-Truncated: length)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"WARC/1.0\r\n" + bytes(range(256)) * 50, "unreadable"),
        (
            _warc([("https://x.example/logo.png", "image/png", b"\x89PNG")]),
            "no HTML page among its 1 records",
        ),
        (_warc([FIRST])[:300], "no complete WARC record (truncated or corrupt)"),
    ],
)
def test_an_archive_without_pages_says_why(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    assert items and all(isinstance(i, Failure) for i in items)
    assert any(reason in i.reason for i in items if isinstance(i, Failure))
