"""Input paths -> `Article`s or `Failure`s: dispatch on the file type, gzip, standard input.

`.txt` (one article per file), `.html`/`.htm` (main text by trafilatura), `.jsonl`/`.ndjson` (one
article per line, streamed), `.csv` (one article per row, streamed), `.rss`/`.atom`/`.xml` feeds (one
article per entry), `.warc`/`.arc` web archives (one article per HTML response), any of them gzipped
(`.txt.gz`, `.jsonl.gz`, ...), and `-` for standard input. Any other name is read as one text article
(or as HTML if it starts like an HTML page).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
import zlib
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import PurePath
from typing import BinaryIO, Protocol

from tidings.errors import InputError
from tidings.ingest.articles import content_id, file_article_id, read_text_input
from tidings.ingest.checks import MAX_TEXT_BYTES, decode_text
from tidings.ingest.csv_rows import CSV_SUFFIXES, read_csv
from tidings.ingest.feeds import FEED_SUFFIXES, read_feed
from tidings.ingest.html import extract_page
from tidings.ingest.jsonl import read_jsonl, split_lines
from tidings.ingest.warc import WARC_SUFFIXES, read_warc
from tidings.records import Article, Failure

__all__ = ["MAX_HTML_BYTES", "STDIN_NAME", "read_inputs", "read_path", "read_stdin"]

MAX_HTML_BYTES = 4 * MAX_TEXT_BYTES  # a page carries markup and scripts besides its text
MAX_FEED_BYTES = 4 * MAX_HTML_BYTES  # a feed carries many entries
STDIN_NAME = "<stdin>"  # the origin of articles read from standard input
CHUNK_BYTES = 1 << 16
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
# Errors of reading a file or a gzip stream: missing, a directory, no permission, corrupt, truncated.
READ_ERRORS = (OSError, EOFError, zlib.error)


def read_inputs(
    paths: Sequence[str], *, published: dt.date | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article | Failure]:
    """The articles of every input in order, each bad input or record as a `Failure` (stage "ingest").

    A path is a file (see the module docstring) or `-` for `stdin` (default: the process's standard
    input). `published` is the date of articles whose input gives none. Never raises for bad input.
    """
    for path in paths:
        if path == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer, published=published)
        else:
            yield from read_path(path, published=published)


def read_path(path: str, *, published: dt.date | None = None) -> Iterator[Article | Failure]:
    """The articles of one file, by its type; a `Failure` naming `path` when it cannot be read."""
    name = PurePath(path).name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[:-3]
    try:
        if name.endswith(WARC_SUFFIXES):  # warcio reads gzipped records itself
            with open(path, "rb") as raw:
                yield from read_warc(raw, path, published=published)
            return
        with gzip.open(path, "rb") if compressed else open(path, "rb") as stream:
            if name.endswith(JSONL_SUFFIXES):
                yield from _jsonl_or_failure(_chunks(stream), path, published)
                return
            if name.endswith(CSV_SUFFIXES):
                yield from read_csv(stream, path, published=published)  # type: ignore[arg-type]
                return
            limit = MAX_TEXT_BYTES if name.endswith(".txt") else MAX_HTML_BYTES
            limit = MAX_FEED_BYTES if name.endswith(FEED_SUFFIXES) else limit
            data = stream.read(limit + 1)
    except READ_ERRORS as error:
        yield _failure(path, _read_error_reason(error))
        return
    if len(data) > limit:
        yield _failure(path, f"file too large (over {limit} bytes)")
        return
    if name.endswith(FEED_SUFFIXES):
        yield from read_feed(data, path, published=published)
        return
    as_html = name.endswith(HTML_SUFFIXES) or (not name.endswith(".txt") and _looks_like_html(data))
    yield _document(data, path, as_html=as_html, named_by_file=True, published=published)


def read_stdin(stream: BinaryIO, *, published: dt.date | None = None) -> Iterator[Article | Failure]:
    """The articles of standard input: JSONL when its first line is a JSON object, one HTML page when
    it starts like one, else one text article (id by content)."""
    try:
        head = stream.read(MAX_HTML_BYTES + 1)
    except READ_ERRORS as error:
        yield _failure(STDIN_NAME, _read_error_reason(error))
        return
    if _looks_like_jsonl(head):
        yield from _jsonl_or_failure(chain([head], _chunks(stream)), STDIN_NAME, published)
        return
    as_html = _looks_like_html(head)
    limit = MAX_HTML_BYTES if as_html else MAX_TEXT_BYTES
    if len(head) > limit:
        yield _failure(STDIN_NAME, f"input too large (over {limit} bytes)")
        return
    yield _document(head, STDIN_NAME, as_html=as_html, named_by_file=False, published=published)


def _document(
    data: bytes, origin: str, *, as_html: bool, named_by_file: bool, published: dt.date | None
) -> Article | Failure:
    """One article from a whole input, named by its file name (see `file_article_id`) or its content."""
    try:
        if as_html:
            page = extract_page(data, origin)
            text, title, date = page.text, page.title, page.published or published
        else:
            text, title, date = decode_text(data, origin), None, published
        article_id = file_article_id(origin, text) if named_by_file else content_id(text)
        return read_text_input(text, origin=origin, article_id=article_id, title=title, published=date)
    except InputError as error:
        return _failure(origin, error.reason)


def _jsonl_or_failure(
    chunks: Iterator[bytes], name: str, published: dt.date | None
) -> Iterator[Article | Failure]:
    """The records of a JSONL stream; a read error part-way ends it with a `Failure` naming `name`."""
    count = 0
    try:
        for record in read_jsonl(split_lines(chunks), name, published=published):
            count += 1
            yield record
    except READ_ERRORS as error:
        yield _failure(name, f"{_read_error_reason(error)} (after {count} records)")


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _chunks(stream: _Readable) -> Iterator[bytes]:
    return iter(lambda: stream.read(CHUNK_BYTES), b"")


def _looks_like_jsonl(head: bytes) -> bool:
    """True when the input starts with `{` and its first line is a JSON object (or too long to tell)."""
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"{"):
        return False
    end = head.find(b"\n")
    if end < 0 and len(head) > MAX_TEXT_BYTES:
        return True
    first = head if end < 0 else head[:end]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _looks_like_html(head: bytes) -> bool:
    start = head[:512].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _read_error_reason(error: BaseException) -> str:
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, gzip.BadGzipFile | EOFError | zlib.error):
        return f"not a valid gzip file ({error or type(error).__name__})"
    return f"cannot read ({getattr(error, 'strerror', None) or error})"


def _failure(origin: str, reason: str) -> Failure:
    return Failure(record_id=origin, stage="ingest", reason=reason)
