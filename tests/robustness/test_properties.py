"""Property tests over extraction, annotation and ingest: whatever the text (random Unicode, long and
nested text, odd numbers and dates), no exception, and every output keeps the schema's invariants.

The default run is short; `make fuzz` runs the same checks for ten minutes (test_fuzz.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.annotate import Annotator, annotate_articles, load_annotator
from tidings.engines.batch import batches, code_batch
from tidings.errors import InputError
from tidings.ingest import read_inputs, read_text_input
from tidings.pipeline import Extractor, extract_articles
from tidings.records import Article
from tidings.store.schema import DDL
from tidings.store.write import write_shard

from .invariants import check_annotated, check_result, check_stored
from .strategies import ANY_CHAR, NUMBERS, TEXTS

SHORT = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DATES = st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return load_annotator()


def _article(text: str, published: dt.date | None) -> Article | None:
    try:
        return read_text_input(text, origin="fuzz", published=published)
    except InputError:
        return None


@SHORT
@given(text=TEXTS, published=DATES)
def test_extraction_keeps_the_schema(extractor: Extractor, text: str, published: dt.date | None) -> None:
    article = _article(text, published)
    if article is not None:
        (result,) = extract_articles([article], extractor)
        check_result(result)


@SHORT
@given(text=TEXTS, published=DATES)
def test_annotation_keeps_the_schema(annotator: Annotator, text: str, published: dt.date | None) -> None:
    article = _article(text, published)
    if article is not None:
        (annotated,) = annotate_articles([article], annotator)
        check_annotated(annotated)


RECORDS = st.fixed_dictionaries(
    {"text": TEXTS},
    optional={
        "id": st.text(max_size=20) | NUMBERS,
        "title": st.text(ANY_CHAR, max_size=30),
        "published": st.dates().map(str) | st.text(max_size=12),
        "url": st.text(ANY_CHAR, max_size=30),
    },
)


@SHORT
@given(records=st.lists(RECORDS, min_size=1, max_size=4))
def test_ingest_stores_whatever_it_reads(
    extractor: Extractor, tmp_path: Path, records: list[dict[str, object]]
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with duckdb.connect(":memory:") as con:
        con.execute(DDL)
        for batch in batches(read_inputs([str(feed)]), 3):
            shard = code_batch(batch, extractor)
            assert not [f for f in shard.tables["failures"].to_pylist() if f["stage"] != "ingest"]
            write_shard(con, shard)
        check_stored(con)
