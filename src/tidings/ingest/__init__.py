"""Bytes -> `Article`: text, HTML (trafilatura) and JSONL files, gzipped or not, and standard input.

Bad inputs are values, not exceptions: `read_inputs` yields a `Failure` for each input or record that
cannot be an article, and goes on.
"""

from tidings.ingest.articles import read_text_input
from tidings.ingest.checks import MAX_TEXT_BYTES, check_article_text
from tidings.ingest.readers import read_inputs

__all__ = ["MAX_TEXT_BYTES", "check_article_text", "read_inputs", "read_text_input"]
