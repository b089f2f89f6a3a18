"""CSV files -> one `Article` per row, streamed; a bad row becomes a `Failure` naming `file:LINE`.

The first row names the columns: `text`, and optionally `id`, `title`, `published` (or `pub_date`,
`date`), `url`, `source`, as in a JSONL file (other columns are ignored). A file without a `text`
column is one `Failure`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from tidings.errors import InputError
from tidings.ingest.jsonl import article_from_record
from tidings.records import Article, Failure

__all__ = ["CSV_SUFFIXES", "read_csv"]

CSV_SUFFIXES = (".csv",)
_Reader = Any  # csv.reader's type is private


def read_csv(stream: BinaryIO, name: str, *, published: dt.date | None = None) -> Iterator[Article | Failure]:
    """One `Article` or `Failure` per row of a UTF-8 CSV file with a header row; `published` applies
    where a row has no date. Read errors of `stream` (OSError, gzip errors) propagate."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    try:
        yield from _rows(csv.reader(text), name, published)
    finally:
        text.detach()  # the caller opened `stream` and closes it


def _rows(rows: _Reader, name: str, published: dt.date | None) -> Iterator[Article | Failure]:
    try:
        header = [column.strip().lower() for column in next(rows, [])]
    except (UnicodeDecodeError, csv.Error) as error:
        yield _failure(name, _reason(error))
        return
    if "text" not in header:
        yield _failure(name, "no 'text' column in the CSV header")
        return
    records = 0
    while True:
        start = rows.line_num + 1  # a row's values may span lines: it is named by its first
        try:
            row = next(rows)
        except StopIteration:
            break
        except (UnicodeDecodeError, csv.Error) as error:  # the rest of the file is no longer CSV rows
            yield _failure(f"{name}:{start}", _reason(error))
            return
        if not any(value.strip() for value in row):
            continue
        records += 1
        origin = f"{name}:{start}"
        try:
            yield article_from_record(dict(zip(header, row, strict=False)), origin, published=published)
        except InputError as error:
            yield _failure(origin, error.reason)
    if not records:
        yield _failure(name, "no CSV rows after the header")


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "not valid UTF-8 text"
    return f"not valid CSV ({error})"


def _failure(origin: str, reason: str) -> Failure:
    return Failure(record_id=origin, stage="ingest", reason=reason)
