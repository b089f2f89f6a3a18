"""Every field of a record fits its column: one odd record never costs its batch (defence in depth;
extraction already bounds sizes and cleans text)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from tidings.engines.batch import Batch, code_batch
from tidings.pipeline import Extractor, extract_articles
from tidings.records import ActorRef, Article, Failure, Flag, Size
from tidings.store.rows import shard_of
from tidings.store.schema import open_store
from tidings.store.write import write_shard

TEXT = "Rebels killed 40 soldiers near Donetsk on Monday, the army said."


def test_values_outside_their_columns_are_stored_as_null(tmp_path: Path, extractor: Extractor) -> None:
    clean = Article(id="a", text=TEXT, published=dt.date(2024, 3, 6))
    (result,) = extract_articles([clean], extractor)
    article = dataclasses.replace(clean, id="a\ud800", title="T\udc00", origin="odd\udcff.jsonl:1")
    result = dataclasses.replace(result, article=article)
    event = result.events[0]
    odd = dataclasses.replace(
        event,
        size=Size(count=10**20, unit="people", text="40 soldiers", span=(14, 25)),
        actors=(*event.actors, ActorRef(text="x\ud800", span=(2**40, 2**40 + 1))),
        flags=tuple(Flag(kind="k", message=f"m{i}") for i in range(40_000)),
    )
    shard = shard_of(
        [dataclasses.replace(result, events=(odd,))],
        [Failure(record_id="f\ud800", stage="ingest", reason="r")],
    )
    with open_store(tmp_path / "t.duckdb") as con:
        counts = write_shard(con, shard)
        assert (counts.articles, counts.events) == (1, 1)
        assert con.execute("SELECT size_count, size_unit FROM events").fetchall() == [(None, None)]
        assert con.execute("SELECT title, input_id, origin FROM articles").fetchall() == [
            ("T\ufffd", "a\ufffd", "odd\ufffd.jsonl:1")
        ]
        last = con.execute(
            "SELECT text, span_start, span_end FROM actors ORDER BY position DESC LIMIT 1"
        ).fetchone()
        assert last == ("x\ufffd", None, None)
        assert con.execute("SELECT count(*), max(position) FROM flags").fetchone() == (32_767, 32_766)
        assert con.execute("SELECT record_id FROM failures").fetchall() == [("f\ufffd",)]


def test_a_batch_whose_rows_fail_loses_only_that_article(extractor: Extractor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tidings.engines.batch as batch_module

    real = batch_module.shard_of

    def picky(results, failures=(), articles_read=0):  # type: ignore[no-untyped-def]
        results = list(results)
        if any(r.article.id == "b" for r in results):
            raise OverflowError("Python int too large to convert to C long")
        return real(results, failures, articles_read)

    monkeypatch.setattr(batch_module, "shard_of", picky)
    articles = tuple(
        Article(id=k, text=f"{k.upper()}: {TEXT}", origin=f"in.jsonl:{n}") for n, k in enumerate("abc", 1)
    )
    shard = code_batch(Batch(number=0, articles=articles, articles_read=3), extractor)
    assert shard.tables["articles"].column("input_id").to_pylist() == ["a", "c"]
    assert shard.tables["failures"].to_pylist() == [
        {
            "record_id": "in.jsonl:2",
            "stage": "store",
            "reason": "store failed (OverflowError: Python int too large to convert to C long)",
        }
    ]
