"""The per-batch function every engine runs: articles (and the input's failures) -> a `Shard` of rows.

It is pure given the knowledge files and the model, so a batch gives the same rows in-process and on a
Dask worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tidings.failures import failure_of
from tidings.pipeline import Extractor, extract_each
from tidings.records import Article, ArticleResult, Failure
from tidings.store.rows import Shard, shard_of

__all__ = ["Batch", "batches", "code_batch"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Batch:
    """Consecutive inputs: the articles to code and the inputs that could not be read, in input order."""

    number: int
    articles: tuple[Article, ...] = ()
    failures: tuple[Failure, ...] = ()
    articles_read: int = 0  # articles read for this batch, before those already stored were left out


def batches(items: Iterable[Article | Failure], size: int) -> Iterator[Batch]:
    """`items` in batches of at most `size` (articles and failures alike), so memory stays bounded."""
    articles: list[Article] = []
    failures: list[Failure] = []
    number = 0
    for item in items:
        (failures if isinstance(item, Failure) else articles).append(item)  # type: ignore[arg-type]
        if len(articles) + len(failures) >= size:
            yield Batch(
                number=number, articles=tuple(articles), failures=tuple(failures), articles_read=len(articles)
            )
            number += 1
            articles, failures = [], []
    if articles or failures:
        yield Batch(
            number=number, articles=tuple(articles), failures=tuple(failures), articles_read=len(articles)
        )


def code_batch(batch: Batch, extractor: Extractor) -> Shard:
    """The rows of a batch: its articles' events, and a `Failure` for each article that extraction could
    not handle (at any stage, or in its time limit) or whose rows could not be made; the others go on."""
    failures = list(batch.failures)
    results: list[ArticleResult] = []
    for item in extract_each(batch.articles, extractor):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            results.append(item)
    try:
        return shard_of(results, failures, articles_read=batch.articles_read)
    except Exception:  # one article's rows must not cost the batch: find it and record it
        kept = []
        for result in results:
            try:
                shard_of([result])
            except Exception as error:
                failures.append(failure_of(result.article, "store", error))
            else:
                kept.append(result)
        return shard_of(kept, failures, articles_read=batch.articles_read)
