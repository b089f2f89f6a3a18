"""The per-batch function every engine runs: articles (and the input's failures) -> a `Shard` of rows.

It is pure given the knowledge files and the model, so a batch gives the same rows in-process and on a
Dask worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tidings.pipeline import Extractor, extract_articles
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
    """The rows of a batch: its articles' events, and a `Failure` (stage "extract") for each article
    that extraction could not handle; the other articles go on."""
    failures = list(batch.failures)
    try:
        results = list(extract_articles(batch.articles, extractor))
    except Exception:  # one bad article must not lose the batch: find it by coding them one by one
        results = []
        for article in batch.articles:
            result = _code_one(article, extractor)
            if isinstance(result, Failure):
                failures.append(result)
            else:
                results.append(result)
    return shard_of(results, failures, articles_read=batch.articles_read)


def _code_one(article: Article, extractor: Extractor) -> ArticleResult | Failure:
    try:
        return next(extract_articles([article], extractor))
    except Exception as error:
        reason = f"extraction failed ({type(error).__name__}: {error})"
        return Failure(
            record_id=article.origin if article.origin != "-" else article.id, stage="extract", reason=reason
        )
