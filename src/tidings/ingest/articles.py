"""Building `Article`s: deterministic ids, dates, and articles from text already in memory.

Id policy: an article read from a file is named by the file's stem ("belarus-pardon" for
`news/belarus-pardon.txt.gz`) when the stem is a sane name (ASCII letters, digits, `.`, `_`, `-`;
starting with a letter or digit; at most 100 characters); otherwise, and for standard input, by its
content: "sha256:" and the first 16 hex digits of the SHA-256 of its UTF-8 text. A JSONL record keeps
its own `id` and falls back to the content id. Re-reading the same input gives the same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import PurePath

from tidings.ingest.checks import check_article_text, clean_text
from tidings.records import Article

__all__ = ["content_id", "file_article_id", "parse_published", "read_text_input"]

_SANE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def content_id(text: str) -> str:
    """The id of an article named by its text: "sha256:" and 16 hex digits."""
    digest = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    return f"sha256:{digest[:16]}"


def file_article_id(path: str, text: str) -> str:
    """The file's stem (without `.gz` and its type suffix) if it is a sane name, else `content_id`."""
    name = PurePath(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = PurePath(name).stem if "." in name else name
    return stem if _SANE_STEM.fullmatch(stem) else content_id(text)


def parse_published(value: str) -> dt.date:
    """An ISO 8601 date or date-time ("2016-03-10", "2016-03-10T08:00:00Z") as a date; else ValueError."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.datetime.fromisoformat(value).date()


def read_text_input(
    text: str,
    *,
    origin: str = "<text>",
    article_id: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """An `Article` from text already in memory (an API call, a test), checked like any input.

    The id is `article_id` or else the content id. Lone surrogates in any field are replaced by U+FFFD
    (see `clean_text`). Raises `InputError` naming `origin` when the text cannot be an article (see
    `check_article_text`).
    """
    text = clean_text(text)
    check_article_text(text, origin)
    return Article(
        id=clean_text(article_id) if article_id else content_id(text),
        text=text,
        title=_clean(title),
        published=published,
        url=_clean(url),
        source=_clean(source),
        origin=clean_text(origin),
    )


def _clean(value: str | None) -> str | None:
    return clean_text(value) if value is not None else None
