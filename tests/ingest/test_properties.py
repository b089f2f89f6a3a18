"""Property tests: whatever the bytes, the readers give only Articles with text, or Failures."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.ingest import check_article_text, read_inputs
from tidings.ingest.jsonl import split_lines
from tidings.records import Article, Failure

SUFFIXES = [".txt", ".html", ".jsonl", ".jsonl.gz", ".txt.gz", ".bin", ""]
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Bytes that look a little like the inputs, so that the parsers get past their first checks.
TEXTS = st.text(st.characters(blacklist_categories=["Cs"]), max_size=300)
RECORDS = st.dictionaries(
    st.sampled_from(["text", "id", "title", "published", "pub_date", "date", "url", "source"]),
    st.none() | st.booleans() | st.integers() | TEXTS,
)
LINES = st.one_of(RECORDS.map(json.dumps), TEXTS, st.just(""))
INPUTS = st.one_of(
    st.binary(max_size=2000),
    TEXTS.map(lambda text: text.encode("utf-8")),
    st.lists(LINES, max_size=8).map(lambda lines: "\n".join(lines).encode("utf-8")),
    TEXTS.map(lambda text: f"<html><body><p>{text}</p></body></html>".encode()),
)


def assert_articles_or_failures(records: list[Article | Failure]) -> None:
    assert records, "every input gives at least one record"
    for record in records:
        assert isinstance(record, Article | Failure)
        if isinstance(record, Article):
            assert record.text.strip()
            check_article_text(record.text, record.origin)  # an Article passed the checks
        else:
            assert record.stage == "ingest" and record.reason


@SETTINGS
@given(data=INPUTS, suffix=st.sampled_from(SUFFIXES), gzipped=st.booleans())
def test_any_file_gives_articles_or_failures(tmp_path: Path, data: bytes, suffix: str, gzipped: bool) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(gzip.compress(data) if gzipped else data)
    assert_articles_or_failures(list(read_inputs([str(path)])))


@SETTINGS
@given(data=INPUTS)
def test_any_stdin_gives_articles_or_failures(data: bytes) -> None:
    assert_articles_or_failures(list(read_inputs(["-"], stdin=io.BytesIO(data))))


@given(
    lines=st.lists(st.binary().filter(lambda line: b"\n" not in line), max_size=10),
    cuts=st.lists(st.integers(0, 200)),
)
def test_split_lines_is_independent_of_chunking(lines: list[bytes], cuts: list[int]) -> None:
    data = b"\n".join(lines)
    positions = sorted({min(cut, len(data)) for cut in cuts} | {0, len(data)})
    chunks = [data[start:end] for start, end in zip(positions, positions[1:], strict=False)]
    expected = [line for line in data.split(b"\n")]
    if expected and expected[-1] == b"":
        expected.pop()  # a final newline ends the last line; it does not start another
    assert list(split_lines(chunks)) == expected


@given(lines=st.lists(st.binary(max_size=30).filter(lambda line: b"\n" not in line), max_size=10))
def test_split_lines_reports_each_long_line_once(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    chunks = [data[i : i + 7] for i in range(0, len(data), 7)]
    expected = [line if len(line) <= 10 else None for line in data.split(b"\n")]
    if expected and expected[-1] == b"":
        expected.pop()
    assert list(split_lines(chunks, max_bytes=10)) == expected
