"""The Dask engine writes exactly the store the local engine writes, on a local cluster of 2 workers."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import duckdb
import pytest

from tidings.engines.batch import batches
from tidings.engines.ingest import ingest
from tidings.ingest import read_inputs
from tidings.pipeline import Extractor
from tidings.records import Article, Failure
from tidings.store.schema import open_store

from ..store.test_store import FIXTURE, table_rows

IDENTITY = ("article_inputs", "story_pairs", "story_members", "record_members")  # tidings.store.stories

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
ARTICLES = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first articles of the shared corpus (a few hundred, real news), else the fixture's."""
    if not CORPUS.exists():
        return FIXTURE
    out = tmp_path_factory.mktemp("dask") / "corpus.jsonl"
    with CORPUS.open(encoding="utf-8") as stream:
        out.write_text("".join(islice(stream, ARTICLES)), encoding="utf-8")
    return out


def identity_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """The stories and records: the same partition on every engine."""
    return {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in IDENTITY}


@pytest.mark.slow
def test_dask_store_is_the_local_store(corpus: Path, tmp_path: Path, extractor: Extractor) -> None:
    with open_store(tmp_path / "local.duckdb") as con:
        local = ingest([str(corpus)], con, extractor=extractor, batch_size=16)
        local_rows = table_rows(con) | identity_rows(con)
    with open_store(tmp_path / "dask.duckdb") as con:
        on_dask = ingest([str(corpus)], con, engine="dask", workers=2, batch_size=16)
        dask_rows = table_rows(con) | identity_rows(con)
    assert (on_dask.read, on_dask.stored, on_dask.events) == (local.read, local.stored, local.events)
    assert local_rows["events"] and local_rows["story_members"]
    for name in local_rows:
        assert dask_rows[name] == local_rows[name], name


@pytest.mark.parametrize("size", [1, 3, 32])
def test_batches_keep_input_order_and_bound_size(size: int) -> None:
    items = list(read_inputs([str(FIXTURE)]))
    got = list(batches(items, size))
    assert all(len(b.articles) + len(b.failures) <= size for b in got)
    assert [b.number for b in got] == list(range(len(got)))
    assert [a for b in got for a in b.articles] == [i for i in items if isinstance(i, Article)]
    assert [f for b in got for f in b.failures] == [i for i in items if isinstance(i, Failure)]
