"""JSON Lines -> one `Article` per line, streamed; a bad line becomes a `Failure` naming `file:LINE`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from tidings.errors import InputError
from tidings.ingest.articles import content_id, parse_published, read_text_input
from tidings.ingest.checks import MAX_TEXT_BYTES, clean_text
from tidings.records import Article, Failure

__all__ = ["MAX_LINE_BYTES", "article_from_json_line", "read_jsonl", "split_lines"]

# A line holds one article's text, JSON-escaped (up to 3 bytes per UTF-8 byte as \uXXXX), and its fields.
MAX_LINE_BYTES = 4 * MAX_TEXT_BYTES
# The keys that may hold the publication date, in order of preference.
PUBLISHED_KEYS = ("published", "pub_date", "date")


def split_lines(chunks: Iterable[bytes], max_bytes: int | None = None) -> Iterator[bytes | None]:
    """The lines of a byte stream given in chunks, without their newline; None for a line over
    `max_bytes` (default `MAX_LINE_BYTES`), whose rest is skipped, so one line at most is in memory."""
    max_bytes = MAX_LINE_BYTES if max_bytes is None else max_bytes
    line = bytearray()
    skipping = False  # inside a line already reported as too long
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) >= 0:
            if skipping:
                skipping = False
            else:
                line += chunk[start:end]
                yield None if len(line) > max_bytes else bytes(line)
            line.clear()
            start = end + 1
        if not skipping:
            line += chunk[start:]
            if len(line) > max_bytes:
                yield None
                line.clear()
                skipping = True
    if line and not skipping:
        yield bytes(line)


def read_jsonl(
    lines: Iterable[bytes | None], name: str, *, published: dt.date | None = None
) -> Iterator[Article | Failure]:
    """One `Article` or `Failure` per non-blank line, or one `Failure` naming `name` if there is none;
    `published` applies where a line has no date."""
    records = 0
    for number, line in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if line is not None and number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if line is not None and not line.strip():
            continue
        records += 1
        if line is None:
            yield Failure(record_id=origin, stage="ingest", reason=f"line longer than {MAX_LINE_BYTES} bytes")
            continue
        try:
            yield article_from_json_line(line, origin, published=published)
        except InputError as error:
            yield Failure(record_id=origin, stage="ingest", reason=error.reason)
    if not records:
        yield Failure(record_id=name, stage="ingest", reason="no JSONL records (empty or blank)")


def article_from_json_line(line: bytes, origin: str, *, published: dt.date | None = None) -> Article:
    """The `Article` of one JSON object with `text` and optional `id`, `title`, `published` (or
    `pub_date`, `date`: an ISO date), `url`, `source`; other keys are ignored. Raises `InputError`."""
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(origin, "not valid UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError(origin, f"not valid JSON ({error.msg} at column {error.colno})") from None
    except (ValueError, RecursionError) as error:  # e.g. an integer of 5,000 digits, or [[[[...]]]]
        raise InputError(origin, f"not valid JSON ({type(error).__name__})") from None
    if not isinstance(record, dict):
        raise InputError(origin, f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(origin, "no 'text' string" if text is None else "'text' is not a string")
    text = clean_text(text)  # before the content id is taken: the article's text is the cleaned one
    return read_text_input(
        text,
        origin=origin,
        article_id=_record_id(record.get("id"), origin) or content_id(text),
        title=_optional_string(record, "title", origin),
        published=_record_date(record, origin) or published,
        url=_optional_string(record, "url", origin),
        source=_optional_string(record, "source", origin),
    )


def _record_id(value: object, origin: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | None):
        raise InputError(origin, f"'id' is not a string but {type(value).__name__}")
    if value is None:
        return None
    return str(value).strip() or None


def _optional_string(record: dict[str, object], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(origin, f"'{key}' is not a string but {type(value).__name__}")
    return (value.strip() or None) if value else None


def _record_date(record: dict[str, object], origin: str) -> dt.date | None:
    for key in PUBLISHED_KEYS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            try:
                return parse_published(value)
            except ValueError:
                pass
        raise InputError(origin, f"'{key}' is not an ISO date like 2016-03-10: {str(value)[:40]!r}")
    return None
