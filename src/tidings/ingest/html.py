"""HTML pages -> main text, title and date, with trafilatura."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import trafilatura

from tidings.errors import InputError

__all__ = ["ExtractedPage", "defuse_markup", "extract_page"]

# A start tag with more attributes than this loses them before parsing: libxml2 and trafilatura take
# time quadratic in the attributes of one element (an element with 300,000 attributes held the reader for
# minutes), and no page needs this many to show its text.
MAX_TAG_ATTRIBUTES = 100
# An attribute: a name, and a value quoted (which may hold "<" and ">") or not. Possessive quantifiers,
# so that the search never backtracks and takes time linear in the page.
_ATTRIBUTE = rb"""[^\s<>"'=/]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s<>"']++))?+"""
_CROWDED_TAG = re.compile(
    rb"<([A-Za-z][^\s/<>]*+)(?:[\s/]*+%s){%d,}(?:[^<>\"']++|\"[^\"]*+\"|'[^']*+')*+"
    % (_ATTRIBUTE, MAX_TAG_ATTRIBUTES)
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractedPage:
    """What trafilatura found in a page: the main text (boilerplate removed), its title and date."""

    text: str
    title: str | None = None
    published: dt.date | None = None


def extract_page(html: bytes, origin: str) -> ExtractedPage:
    """The main text of `html` (comments and tables left out, precision over recall), title and date.

    Raises `InputError` when the page cannot be parsed or holds no main text.
    """
    if b"\x00" in html:
        raise InputError(origin, "binary data (contains NUL bytes), not HTML")
    html = defuse_markup(html)
    # trafilatura and lxml may raise almost anything on hostile markup: that is bad input, not a bug here.
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise InputError(origin, "malformed HTML (no document could be parsed)")
        # extract() works on a copy of the tree, so the metadata is read from the same parse
        text = trafilatura.extract(tree, include_comments=False, include_tables=False, favor_precision=True)
        metadata = trafilatura.extract_metadata(tree)
    except InputError:
        raise
    except Exception as error:
        raise InputError(origin, f"malformed HTML ({type(error).__name__}: {error})") from None
    if not text or not text.strip():
        raise InputError(origin, "no main text found in the HTML")
    return ExtractedPage(text=text, title=metadata.title or None, published=_iso_date(metadata.date))


def defuse_markup(html: bytes) -> bytes:
    """`html` with the attributes taken out of each start tag that has over `MAX_TAG_ATTRIBUTES`, so
    that parsing it takes time linear in its length; other markup is left as it is."""
    return _CROWDED_TAG.sub(lambda m: b"<" + m.group(1), html)


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
