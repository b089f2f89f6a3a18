"""WARC (and ARC) web archives -> one `Article` per HTML response, its main text by trafilatura.

Records that are not HTTP responses with an HTML body (requests, metadata, images, scripts) are passed
over silently; an HTML page without main text becomes a `Failure` naming `archive#URI`.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tidings.errors import InputError
from tidings.ingest.articles import read_text_input
from tidings.ingest.html import extract_page
from tidings.records import Article, Failure

__all__ = ["WARC_SUFFIXES", "read_warc"]

WARC_SUFFIXES = (".warc", ".arc")
MAX_PAGE_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAGIC = (b"WARC/", b"filedesc://")  # how a WARC and an ARC record begin


def read_warc(
    stream: BinaryIO, origin: str, *, published: dt.date | None = None
) -> Iterator[Article | Failure]:
    """The HTML pages archived in `stream` (gzipped per record or not) as articles, in archive order."""
    head = _head(stream)
    if not head.startswith(_MAGIC):
        yield Failure(record_id=origin, stage="ingest", reason="not a WARC or ARC file")
        return
    records = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if not content_type.startswith(_HTML_TYPES):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            page_origin = f"{origin}#{uri}"
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if len(body) > MAX_PAGE_BYTES:
                yield Failure(
                    record_id=page_origin, stage="ingest", reason=f"page over {MAX_PAGE_BYTES} bytes"
                )
                continue
            try:
                page = extract_page(body, page_origin)
                yield read_text_input(
                    page.text,
                    origin=page_origin,
                    article_id=uri or None,
                    title=page.title,
                    published=page.published or published,
                    url=uri or None,
                )
            except InputError as error:
                yield Failure(record_id=page_origin, stage="ingest", reason=error.reason)
    except ArchiveLoadFailed as error:
        yield Failure(record_id=origin, stage="ingest", reason=f"not a valid WARC file ({error})")
        return
    if not records:
        yield Failure(record_id=origin, stage="ingest", reason="a WARC file without records")


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
