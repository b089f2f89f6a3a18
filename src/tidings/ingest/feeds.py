"""RSS and Atom feeds -> one `Article` per entry (feedparser): entry text, title, link, published date.

An entry's text is its full content when the feed carries it, else its summary; HTML in either is
reduced to text with paragraph breaks kept. An entry without usable text becomes a `Failure` naming
`feed#N`, and the other entries go on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html

from tidings.errors import InputError
from tidings.ingest.articles import content_id, read_text_input
from tidings.ingest.published import parse_published
from tidings.records import Article, Failure

__all__ = ["FEED_SUFFIXES", "html_fragment_text", "read_feed"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_BLOCKS = ("p", "div", "br", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WHITESPACE = re.compile(r"\s+")
# the control characters XML 1.0 does not allow (lxml refuses them as an element's text); unlike
# tidings.ingest.checks, which counts controls to tell binary data, \v and \f are among them
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def read_feed(data: bytes, origin: str, *, published: dt.date | None = None) -> Iterator[Article | Failure]:
    """The entries of the feed in `data` as articles; a `Failure` naming `origin` when it is no feed."""
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as error:  # feedparser raises many kinds on hostile bytes: bad input, not a bug here
        reason = " ".join(str(error).split())[:200] or type(error).__name__
        yield Failure(record_id=origin, stage="ingest", reason=f"not a readable feed ({reason})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        reason = "not an RSS or Atom feed" if parsed.get("bozo") else "a feed without entries"
        yield Failure(record_id=origin, stage="ingest", reason=reason)
        return
    source = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{number}"
        try:
            yield _entry_article(entry, entry_origin, source, published)
        except InputError as error:
            yield Failure(record_id=entry_origin, stage="ingest", reason=error.reason)


def _entry_article(entry: Any, origin: str, source: str | None, published: dt.date | None) -> Article:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    text = html_fragment_text(html or "")
    if not text:
        raise InputError(origin, "entry has no text (neither content nor summary)")
    date, notes = _entry_date(entry)
    link = entry.get("link") or None
    return read_text_input(
        text,
        origin=origin,
        article_id=entry.get("id") or link or content_id(text),
        title=(entry.get("title") or "").strip() or None,
        published=date or published,
        url=link,
        source=source,
        notes=notes,
    )


def _entry_date(entry: Any) -> tuple[dt.date | None, tuple[str, ...]]:
    """The entry's date as feedparser read it (in UTC), else as `parse_published` reads its text, else
    none and a note naming the text."""
    fields = dict(entry)  # as written: feedparser's `get` maps a missing `updated` to `published`, warning
    for key in ("published", "updated"):
        value = fields.get(f"{key}_parsed")
        if value:
            return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC).date(), ()
    for key in ("published", "updated"):
        text = fields.get(key)
        if text:
            try:
                return parse_published(str(text)), ()
            except ValueError:
                return None, (f"'{key}' is not a date: {str(text)[:40]!r}",)
    return None, ()


def html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs separated by a blank line; plain text stays as it is."""
    fragment = _NOT_XML.sub(" ", fragment)  # control characters are never text
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in root.iter():  # line breaks in the markup are spaces, as a browser shows them
        element.text = _WHITESPACE.sub(" ", element.text) if element.text else element.text
        element.tail = _WHITESPACE.sub(" ", element.tail) if element.tail else element.tail
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
