"""WARC (and ARC) web archives -> one `Article` per HTML response, its main text by trafilatura.

Records that are not HTTP responses with an HTML body (requests, metadata, images, scripts) are passed
over silently; an HTML page without main text, or whose record is truncated (shorter than its
Content-Length, or marked WARC-Truncated by the crawler), becomes a `Failure` naming `archive#URI` and is
not stored. An unreadable record ends the archive with a `Failure`, and so does an archive that holds no
HTML page at all. A page whose bytes are not those its WARC-Block-Digest was computed on is corrupt and
not stored (a payload digest alone proves nothing: crawlers compute it differently). What warcio itself
writes to stderr while it reads a record (a decompression error, a record not followed by its blank
lines) is not printed: the record becomes a failure that says it.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, TextIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from tidings.errors import InputError
from tidings.ingest.articles import read_text_input
from tidings.ingest.html import extract_page
from tidings.records import Article, Failure

__all__ = ["WARC_SUFFIXES", "read_warc"]

WARC_SUFFIXES = (".warc", ".arc")
MAX_PAGE_BYTES = 20 * 1024 * 1024
CHUNK_BYTES = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAGIC = (b"WARC/", b"filedesc://")  # how a WARC and an ARC record begin


def read_warc(
    stream: BinaryIO, origin: str, *, published: dt.date | None = None
) -> Iterator[Article | Failure]:
    """The HTML pages archived in `stream` (gzipped per record or not) as articles, in archive order."""
    head = _head(stream)
    if not head.startswith(_MAGIC):
        yield _failure(origin, "not a WARC or ARC file")
        return
    records = pages = 0
    # check_digests=True: each record's WARC-Block-Digest, where the crawler wrote one, is checked as the
    # record is read, and a mismatch noted on the record (not printed, not raised)
    iterator = iter(ArchiveIterator(stream, arc2warc=True, check_digests=True))
    pending: Article | Failure | None = None  # the last record's outcome, given once the next is found
    while True:
        # warcio's own messages are held while it reads, never while this yields: what it says while
        # finding a record is of the one before (its length ends before its blank lines), what it says
        # while a record is read is of that record (a decompression error)
        with _warcio_messages() as heard:
            try:
                record, stop = next(iterator, None), None
            except Exception as error:  # warcio raises many kinds on hostile bytes: bad input, not a bug here
                record, stop = None, _invalid(origin, records, error)
        if heard.getvalue():
            pending = _told(pending, heard.getvalue(), origin, records)
        if pending is not None:
            yield pending
        if stop is not None:
            yield stop
            return
        if record is None:
            break
        records += 1
        with _warcio_messages() as heard:
            try:
                pending, is_page, then = _outcome(record, origin, records, published)
            except Exception as error:  # as above
                pending, is_page, then = _invalid(origin, records, error), False, "stop"
        pages += is_page
        if heard.getvalue():
            pending = _told(pending, heard.getvalue(), origin, records)
        if then == "stop":
            if pending is not None:
                yield pending
            return
    if not _gzip_complete(stream):
        pages += 1
        yield _failure(
            origin, f"truncated or corrupt: its last gzip member cannot be read, after {records} records"
        )
    if not records:
        yield _failure(origin, "no complete WARC record (truncated or corrupt)")
    elif not pages:
        yield _failure(origin, f"no HTML page among its {records} records")


def _outcome(
    record: ArcWarcRecord, origin: str, number: int, published: dt.date | None
) -> tuple[Article | Failure | None, bool, str]:
    """What one record gives (an article, a failure, or nothing: not an HTML response), whether it is a
    page, and what then: "more" records, or "stop" (the archive cannot be read further)."""
    if record.rec_type is None or record.length is None:
        return (
            _failure(origin, f"record {number} is unreadable (no WARC-Type or Content-Length)"),
            False,
            "stop",
        )
    if record.rec_type != "response":
        return None, False, "more"
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{origin}#{uri}" if uri else f"{origin}#{number}"
    if record.http_headers is None:
        if (record.rec_headers.get_header("Content-Type") or "").startswith("application/http"):
            # an HTTP response whose headers cannot be read: cut off, or corrupt
            return _failure(where, "truncated or unreadable HTTP response (no headers)"), True, "more"
        return None, False, "more"
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        if missing := _missing_bytes(record):  # cut off, perhaps in the headers of a page
            return (
                _failure(where, f"truncated record ({missing} of its {record.length} bytes missing)"),
                True,
                "more",
            )
        return None, False, "more"
    page = _page(record, where, uri, published)
    if isinstance(page, Article) and (problems := _digest_problems(record)):
        # bytes changed after the crawler wrote them: the page is not what was served
        return _failure(where, f"corrupt record ({'; '.join(problems)[:200]})"), True, "more"
    return page, True, "more"


def _digest_problems(record: ArcWarcRecord) -> list[str]:
    """Whether the record's bytes, read to its end, are those whose WARC-Block-Digest the crawler wrote
    (none where there is none). Only the block's: crawlers disagree on what a payload digest covers
    when the response is chunked (warcio issue 74), so a payload digest that differs is no proof."""
    checker = getattr(record, "digest_checker", None)
    return [
        str(p) for p in getattr(checker, "problems", None) or [] if str(p).startswith("block digest failed")
    ]


def _told(outcome: Article | Failure | None, said: str, origin: str, number: int) -> Failure:
    """A record warcio complained of while reading it (its data is not what its headers say): a failure
    with warcio's words, whatever it would have been."""
    said = " ".join(said.split())[:200]
    if isinstance(outcome, Failure):
        return _failure(outcome.record_id, f"{outcome.reason} (warcio: {said})")
    where = (
        f"{origin}#{outcome.url}" if isinstance(outcome, Article) and outcome.url else f"{origin}#{number}"
    )
    return _failure(where, f"unreadable record (warcio: {said})")


@contextmanager
def _warcio_messages() -> Iterator[io.StringIO]:
    """What warcio writes to stderr in this thread meanwhile (it prints decompression errors and invalid
    lengths instead of raising them); other threads' writes go through."""
    heard = io.StringIO()
    through = sys.stderr
    sys.stderr = _ThreadFilter(through, heard, threading.get_ident())
    try:
        yield heard
    finally:
        sys.stderr = through


class _ThreadFilter(io.TextIOBase):
    def __init__(self, through: TextIO, heard: io.StringIO, thread: int) -> None:
        self._through, self._heard, self._thread = through, heard, thread

    def write(self, text: str) -> int:
        if threading.get_ident() == self._thread:
            return self._heard.write(text)
        return self._through.write(text)

    def flush(self) -> None:
        self._through.flush()


def _page(record: ArcWarcRecord, origin: str, uri: str, published: dt.date | None) -> Article | Failure:
    """The article of one HTML response record, or why it is none."""
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        return _failure(origin, f"record truncated by the crawler (WARC-Truncated: {truncated})")
    body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(body) > MAX_PAGE_BYTES:
        return _failure(origin, f"page over {MAX_PAGE_BYTES} bytes")
    if missing := _missing_bytes(record):  # the archive ends before the record does: half a page is none
        return _failure(origin, f"truncated record ({missing} of its {record.length} bytes missing)")
    try:
        page = extract_page(body, origin)
        return read_text_input(
            page.text,
            origin=origin,
            article_id=uri or None,
            title=page.title,
            published=page.published or published,
            url=uri or None,
        )
    except InputError as error:
        return _failure(origin, error.reason)


def _missing_bytes(record: ArcWarcRecord) -> int:
    """How many bytes of the record the archive lacks, once the rest of the record is read."""
    while record.raw_stream.read(CHUNK_BYTES):
        pass
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _gzip_complete(stream: BinaryIO) -> bool:
    """False when `stream` is gzip whose last member is cut off (warcio ends such an archive silently,
    without its last record); True otherwise. Reads the archive again from the start."""
    stream.seek(0)
    if stream.read(2) != b"\x1f\x8b":
        return True
    stream.seek(0)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed = False
    try:
        while chunk := stream.read(CHUNK_BYTES):
            while chunk:
                member.decompress(chunk, CHUNK_BYTES)
                # bounded output: a gzip bomb is read, not held. A member that ends in one of these calls
                # keeps its rest both as unconsumed_tail and as unused_data (CPython's zlib), and a
                # finished member takes no more input: it must not be fed its tail again
                while member.unconsumed_tail and not member.eof:
                    member.decompress(member.unconsumed_tail, CHUNK_BYTES)
                fed = True
                if not member.eof:
                    break
                chunk = member.unused_data
                member = zlib.decompressobj(16 + zlib.MAX_WBITS)
                fed = False
    except zlib.error:
        return False
    return not fed


def _invalid(origin: str, records: int, error: Exception) -> Failure:
    """The archive cannot be read past its record `records`: what warcio raised."""
    reason = " ".join(str(error).split())[:200] or type(error).__name__
    return _failure(origin, f"not a valid WARC file after {records} records ({reason})")


def _failure(origin: str, reason: str) -> Failure:
    return Failure(record_id=origin, stage="ingest", reason=reason)


def _head(stream: BinaryIO) -> bytes:
    """The first bytes of the archive (decompressed when it is gzipped); the stream is rewound."""
    start = stream.read(512)
    stream.seek(0)
    if start.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(start, 64)
        except zlib.error:
            return b""
    return start.lstrip()
