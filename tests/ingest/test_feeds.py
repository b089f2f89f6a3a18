"""RSS/Atom feeds and WARC archives -> articles, and directories read recursively."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.engines.ingest import expand_paths
from tidings.ingest import read_inputs
from tidings.ingest.feeds import html_fragment_text
from tidings.records import Article, Failure

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Protesters storm parliament</title><link>https://wire.example.org/kenya</link>
<guid>wire-1</guid><pubDate>Tue, 25 Jun 2024 14:00:00 GMT</pubDate>
<description>&lt;p&gt;Thousands of protesters stormed the parliament in Nairobi on Tuesday.&lt;/p&gt;
&lt;p&gt;Police fired tear gas at the crowd.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://wire.example.org/empty</link><description></description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id>
<updated>2023-08-10T09:00:00Z</updated>
<entry><title>Prisoner exchange</title><id>urn:desk:1</id><link href="https://desk.example.org/swap"/>
<updated>2023-08-10T09:00:00Z</updated>
<content type="html">&lt;p&gt;Iran released five American prisoners in exchange for five
Iranians.&lt;/p&gt;</content>
</entry></feed>"""

PAGE = b"""<!DOCTYPE html><html><head><title>Ambassador expelled</title>
<meta property="article:published_time" content="2019-11-04"></head><body><nav>Home | World</nav>
<article><h1>Ambassador expelled</h1><p>Ecuador expelled the Venezuelan ambassador on Monday and accused
Caracas of interfering in its internal affairs, the foreign ministry said in a statement.</p>
<p>Venezuela rejected the accusation and said it would respond in kind.</p></article></body></html>"""


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for uri, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            payload = io.BytesIO(body)
            record = writer.create_warc_record(
                uri, "response", payload=payload, length=len(body), http_headers=headers
            )
            writer.write_record(record)
    return path


@pytest.mark.parametrize("name", ["wire.rss", "wire.xml", "wire.rss.gz"])
def test_rss_entries_are_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(RSS) if name.endswith(".gz") else RSS)
    items = list(read_inputs([str(path)]))
    article, failure = items
    assert isinstance(article, Article) and isinstance(failure, Failure)
    assert article.id == "wire-1"
    assert article.title == "Protesters storm parliament"
    assert article.url == "https://wire.example.org/kenya"
    assert article.source == "Example Wire"
    assert article.published == dt.date(2024, 6, 25)
    assert article.text.startswith("Thousands of protesters stormed") and "\n\nPolice fired" in article.text
    assert failure.record_id == f"{path}#2" and "no text" in failure.reason


def test_atom_content_and_updated_date(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_bytes(ATOM)
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert (article.id, article.published, article.source) == (
        "urn:desk:1",
        dt.date(2023, 8, 10),
        "Atom Desk",
    )
    assert article.text == "Iran released five American prisoners in exchange for five Iranians."


@pytest.mark.parametrize("content", [b"not a feed at all", b"<rss><channel></channel></rss>"])
def test_a_file_that_is_no_feed_is_one_failure(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(content)
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, Failure) and failure.record_id == str(path)


def test_a_feed_whose_encoding_cannot_be_read_is_one_failure(tmp_path: Path) -> None:
    """feedparser raised UnicodeDecodeError on a declared encoding of bytes that are no UTF-8, and the
    whole run ended in a traceback."""
    path = tmp_path / "broken.rss"
    path.write_bytes(RSS.replace(b'encoding="UTF-8"', b'encoding="\xfaUTF-8"'))
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, Failure) and failure.record_id == str(path)
    assert failure.reason.startswith("not a readable feed (")


def test_a_control_character_in_an_entry_is_no_text(tmp_path: Path) -> None:
    """lxml refused to set an element's text holding a control character (ValueError, the run ended);
    such characters are never text: the entry is read without them."""
    path = tmp_path / "wire.rss"
    path.write_bytes(RSS.replace(b"stormed the parliament", b"stormed\x01 the parliament"))
    article, failure = read_inputs([str(path)])
    assert isinstance(article, Article) and "\x01" not in article.text
    assert article.text.startswith("Thousands of protesters stormed the parliament")
    assert isinstance(failure, Failure)  # the second entry has no text, as before


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_are_articles(tmp_path: Path, name: str) -> None:
    path = _warc(
        tmp_path / name,
        [
            ("https://news.example.org/expelled", "text/html; charset=utf-8", PAGE),
            ("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n"),
            ("https://news.example.org/blank", "text/html", b"<html><body></body></html>"),
        ],
    )
    article, failure = read_inputs([str(path)])
    assert isinstance(article, Article) and isinstance(failure, Failure)
    assert article.id == article.url == "https://news.example.org/expelled"
    assert article.title == "Ambassador expelled"
    assert article.published == dt.date(2019, 11, 4)
    assert "Ecuador expelled the Venezuelan ambassador" in article.text and "Home | World" not in article.text
    assert failure.record_id == f"{path}#https://news.example.org/blank"


def test_not_a_warc_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not an archive\n" * 3)
    (failure,) = read_inputs([str(path)])
    assert isinstance(failure, Failure) and "WARC" in failure.reason


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("plain words", "plain words"),
        ("<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."),
        ("line<br>break", "line\n\nbreak"),
        ("<p>one\nparagraph</p>", "one paragraph"),
        ("<p></p>", ""),
    ],
)
def test_html_fragment_text(fragment: str, text: str) -> None:
    assert html_fragment_text(fragment) == text


def test_directories_are_read_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    for relative in ("a.txt", "b/deep/c.jsonl.gz", "b/feed.rss", "b/page.htm", "notes.md", ".hidden.txt"):
        (tmp_path / relative).write_bytes(b"x")
    files = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert files == ["a.txt", "b/deep/c.jsonl.gz", "b/feed.rss", "b/page.htm"]
    assert list(expand_paths(["-", "notes.md"])) == ["-", "notes.md"]
