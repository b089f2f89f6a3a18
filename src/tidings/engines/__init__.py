"""Engines: the same per-batch function run in this process or on Dask workers.

`batch` (the per-batch function), `local`, `dask`, `ingest` (paths -> batches -> engine -> store) and
`commands` (`tidings ingest`). Nothing is imported here, so that the CLI starts without loading spaCy.
"""

__all__: list[str] = []
