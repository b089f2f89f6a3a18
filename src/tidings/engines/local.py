"""The local engine: batches coded one after another in this process, the model loaded once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tidings.engines.batch import Batch, code_batch
from tidings.pipeline import Extractor, load_extractor
from tidings.store.rows import Shard, shard_of

__all__ = ["run_local"]


def run_local(batches: Iterable[Batch], extractor: Extractor | None = None) -> Iterator[Shard]:
    """The shard of each batch, in batch order; batches are pulled one at a time. The extractor is
    loaded when a batch first has articles to code (a re-run over stored input never needs it)."""
    ex = extractor
    for batch in batches:
        if ex is None and batch.articles:
            ex = load_extractor()
        yield code_batch(batch, ex) if ex is not None else shard_of((), batch.failures, batch.articles_read)
