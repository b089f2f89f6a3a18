"""Bytes -> `Article`: text, HTML (trafilatura) and JSONL files, gzipped or not, and standard input.

Bad inputs are values, not exceptions: `read_inputs` yields a `Failure` for each input or record that
cannot be an article, and goes on.
"""

from tidings.ingest.articles import date_warning, read_text_input
from tidings.ingest.checks import MAX_TEXT_BYTES, check_article_text
from tidings.ingest.published import parse_published
from tidings.ingest.readers import read_inputs

__all__ = [
    "MAX_TEXT_BYTES",
    "check_article_text",
    "date_warning",
    "parse_published",
    "read_inputs",
    "read_text_input",
]
