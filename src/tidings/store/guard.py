"""Store faults as one line from every command that takes `--db`, wherever in the command they surface.

`ingest` and `serve` first read every block of an existing store (`check.verify_readable`: 2 s for a
store of 20,000 articles): an ingest would otherwise add to a damaged store, whose damage it may not
read, and a server would start and answer 500s. Kept apart from `faults` so that the CLI starts without
importing DuckDB.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

__all__ = ["guard_store_commands"]


def guard_store_commands(group: click.Group) -> None:
    """Make every command of `group` that takes `--db` report a damaged, truncated, foreign, locked or
    unwritable store as a one-line `StoreError` (ingest adds that the batch was rolled back)."""
    for command in group.commands.values():
        if command.callback is None or not any(p.name == "db" for p in command.params):
            continue
        command.callback = _guarded(
            command.callback,
            writing=command.name == "ingest",
            verify=command.name in VERIFIED_FIRST,
        )


VERIFIED_FIRST = ("ingest", "serve")


def _guarded(callback: Callable[..., Any], *, writing: bool, verify: bool) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from tidings.store.check import verify_readable
        from tidings.store.faults import store_faults

        db = kwargs.get("db") or "tidings.duckdb"
        with store_faults(db, writing=writing):
            if verify and Path(db).exists():
                verify_readable(db)
            return callback(*args, **kwargs)

    return run
