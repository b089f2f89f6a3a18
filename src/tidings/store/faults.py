"""What goes wrong with the store's file, in one line: `StoreError` names the file and the reason.

DuckDB reports a damaged, truncated, foreign, locked or unwritable file in many ways (an `IOException` at
open, a checksum `Error` in the middle of a query, a `TransactionException` whose cause is a full disk,
a `FatalException` that hides the first error); `reason_of` turns each into words a user can act on, and
`store_faults` turns them into a `StoreError` wherever they surface while a command uses a store.
Errors of Tidings' own SQL (binder, parser) still raise.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tidings.errors import TidingsError

__all__ = ["StoreError", "describe", "is_store_fault", "reason_of", "store_faults"]


class StoreError(TidingsError):
    """A store that cannot be opened, read or written: names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


# DuckDB's errors about the file and its contents, not about the SQL that Tidings sends
_FAULTS = (
    duckdb.OperationalError,  # IOException, TransactionException, SerializationException, OutOfMemory...
    duckdb.InternalError,
    duckdb.FatalException,
    duckdb.PermissionException,
)
_MISSING_TABLE = re.compile(r"Table with name (\w+) does not exist")
_LOCK_PID = re.compile(r"\(PID (\d+)\)")
_AT_BYTE = re.compile(r"(?:block at location|from location) (\d+)")
_ORIGINAL = re.compile(r'Original error: "?(.*?)"?$', re.S)


def is_store_fault(error: BaseException) -> bool:
    """Whether `error` is about the store's file (damaged, truncated, locked, unwritable, foreign)."""
    if isinstance(error, OSError):
        return True
    if not isinstance(error, duckdb.Error):
        return False
    if isinstance(error, _FAULTS) or type(error) in (duckdb.Error, duckdb.DatabaseError):
        return True
    return isinstance(error, duckdb.CatalogException) and bool(_MISSING_TABLE.search(str(error)))


def _first_fault(error: BaseException) -> BaseException:
    """The first store fault in `error`'s chain: a failed ROLLBACK or close after a full disk is raised
    last, but the full disk is the reason."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    faults = [e for e in chain if is_store_fault(e)]
    return faults[-1] if faults else error


def reason_of(error: BaseException) -> str:
    """The reason for a store fault, in one line, without DuckDB's prefixes and hints."""
    error = _first_fault(error)
    if isinstance(error, StoreError):
        return error.reason
    if isinstance(error, OSError):
        return error.strerror or str(error)
    text = str(error)
    original = _ORIGINAL.search(text)
    if original:  # "database has been invalidated ... Original error: ..."
        text = original.group(1)
    lowered = text.lower()
    at = _AT_BYTE.search(text)
    where = f" at byte {int(at.group(1)):,}" if at else ""
    if "no space left" in lowered or f"errno {errno.ENOSPC}" in lowered:
        return "cannot write: no space left on device"
    if "file too large" in lowered:
        return "cannot write: file too large (a file size limit)"
    if "checksum" in lowered and "corrupt" in lowered:
        return f"damaged: a block of the file fails its checksum{where}"
    if "could not read enough bytes" in lowered:
        return f"truncated: the file ends before its data{where}"
    if "sqlite" in lowered and "extension" in lowered:
        return "not a DuckDB database (a SQLite database)"
    if "not a valid duckdb database file" in lowered or "not a valid database file" in lowered:
        return "not a DuckDB database"
    if "lock" in lowered and ("conflicting" in lowered or "could not set lock" in lowered):
        pid = _LOCK_PID.search(text)
        return "in use by another process" + (f" (PID {pid.group(1)})" if pid else "")
    if "read-only file system" in lowered:
        return "cannot write: read-only file system"
    if "permission denied" in lowered:
        return "permission denied (the file or its directory cannot be written or read)"
    missing = _MISSING_TABLE.search(text)
    if missing:
        return f"not a Tidings store (it has no table {missing.group(1)})"
    line = next((line for line in text.splitlines() if line.strip()), type(error).__name__)
    return re.sub(r"^[A-Za-z ]*(Error|Exception): ", "", line.strip())


def describe(path: str | Path, error: BaseException, *, writing: bool = False) -> StoreError:
    """The `StoreError` for `error` on the store at `path`; `writing` adds what happened to the write."""
    reason = reason_of(error)
    if writing and reason.startswith("cannot write"):
        reason += (
            "; what was stored before is intact and the write under way was rolled back: run the same"
            " command again once the store can be written"
        )
    elif reason.startswith(("damaged", "truncated")):
        reason += f" (see `tidings check --db {path}`)"
    return StoreError(path, reason)


@contextmanager
def store_faults(path: str | Path, *, writing: bool = False) -> Iterator[None]:
    """Turn a store fault raised inside the block into a one-line `StoreError` naming `path`."""
    try:
        yield
    except StoreError as error:
        if writing and error.reason.startswith("cannot write") and ";" not in error.reason:
            raise describe(path, error, writing=True) from None  # at open: say what it means for the run
        raise
    except (duckdb.Error, OSError) as error:
        if not is_store_fault(error) or (isinstance(error, OSError) and not _about(error, path)):
            raise
        raise describe(path, error, writing=writing) from None


def _about(error: OSError, path: str | Path) -> bool:
    """Whether an OSError is about the store's files (the store, its WAL, its folder), not another file
    the command reads or writes (an input, --out)."""
    name = getattr(error, "filename", None)
    if name is None:
        return False
    store = Path(path).resolve()
    target = Path(str(name)).resolve()
    return target == store.parent or target.name.startswith(store.name)
