"""The Dask engine: batches coded on Dask distributed workers, their rows sent back as Parquet shards.

Each worker process loads the extractor once (a worker plugin warms it at start; `worker_extractor` is
cached per process). Batches are submitted a few at a time and their shards taken back in batch order,
so the store receives exactly what the local engine would write, and memory stays bounded. Shards travel
through Dask itself, so workers need no shared file system: only Tidings and its model installed.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from tidings.engines.batch import Batch, code_batch
from tidings.errors import TidingsError
from tidings.pipeline import Extractor, load_extractor
from tidings.store.rows import Shard

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["code_batch_on_worker", "run_dask", "worker_extractor"]

CONNECT_TIMEOUT = "20s"


@cache
def worker_extractor() -> Extractor:
    """The extractor of this process, loaded on first use (once per Dask worker)."""
    return load_extractor()


def code_batch_on_worker(batch: Batch) -> tuple[dict[str, bytes], int]:
    """What a worker returns for a batch: each table of its shard as Parquet bytes, and articles read."""
    shard = code_batch(batch, worker_extractor())
    return shard.to_parquet(), shard.articles_read


def run_dask(
    batches: Iterable[Batch], *, scheduler: str | None = None, workers: int = 2, in_flight: int | None = None
) -> Iterator[Shard]:
    """The shard of each batch, in batch order, coded on the cluster at `scheduler` (an address such as
    tcp://10.0.0.5:8786) or, without one, on a `LocalCluster` of `workers` processes on loopback."""
    with _client(scheduler, workers) as client:
        client.register_plugin(_extractor_plugin(), name="tidings-extractor")
        threads = sum(client.nthreads().values()) or 1
        window = in_flight or 2 * threads
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(client.submit(code_batch_on_worker, batch, pure=False))
            while len(pending) >= window:
                yield _shard(pending.popleft())
        while pending:
            yield _shard(pending.popleft())


def _shard(future: Any) -> Shard:
    from distributed import KilledWorker

    try:
        parts, articles_read = future.result()
    except KilledWorker as error:  # out of memory, or the worker's machine went away
        raise TidingsError(
            f"a Dask worker died while coding a batch ({error}); the batches before it are stored, "
            "run the same command again to go on (give workers more memory or use a smaller --batch-size)"
        ) from None
    future.release()
    return Shard.from_parquet(parts, articles_read)


def _extractor_plugin() -> Any:
    from distributed import WorkerPlugin

    class LoadExtractor(WorkerPlugin):
        """Loads the spaCy pipeline, lexicon and knowledge base when a worker starts."""

        idempotent = True

        def setup(self, worker: Any) -> None:
            worker_extractor()

    return LoadExtractor()


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise TidingsError("--engine dask needs Dask distributed: pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise TidingsError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    with cluster, Client(cluster) as client:
        yield client
