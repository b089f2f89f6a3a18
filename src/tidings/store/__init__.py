"""The event store: DuckDB schema (`schema`), rows of records (`rows`), transactional writes (`write`),
queries (`query`), exports (`export`) and the `events` and `export` commands (`commands`).

Nothing is imported here, so that the CLI starts without loading DuckDB or Arrow.
"""

__all__: list[str] = []
