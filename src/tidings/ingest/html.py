"""HTML pages -> main text, title and date, with trafilatura."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import trafilatura

from tidings.errors import InputError

__all__ = ["ExtractedPage", "extract_page"]


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


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
