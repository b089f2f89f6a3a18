"""Store faults as one line from every command that takes `--db`, wherever in the command they surface.

Kept apart from `faults` so that the CLI starts without importing DuckDB.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

__all__ = ["guard_store_commands"]


def guard_store_commands(group: click.Group) -> None:
    """Make every command of `group` that takes `--db` report a damaged, truncated, foreign, locked or
    unwritable store as a one-line `StoreError` (ingest adds that the batch was rolled back)."""
    for command in group.commands.values():
        if command.callback is None or not any(p.name == "db" for p in command.params):
            continue
        command.callback = _guarded(command.callback, writing=command.name == "ingest")


def _guarded(callback: Callable[..., Any], *, writing: bool) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from tidings.store.faults import store_faults

        with store_faults(kwargs.get("db") or "tidings.duckdb", writing=writing):
            return callback(*args, **kwargs)

    return run
