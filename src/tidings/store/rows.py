"""Records -> the rows of the store's tables, as Arrow tables: one `Shard` per batch of articles.

A shard is what a batch hands to the store, in-process (local engine) or as Parquet bytes from a Dask
worker. Stored ids are content ids: an article is named by its text (`sha256:` + 16 hex digits, the
input's own id kept as `input_id`), and an event by its article's content id and its extracted id, so
the same text read from two inputs, or twice, is stored once.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from tidings.event_schema import EVENT
from tidings.ingest.articles import content_id
from tidings.ingest.checks import clean_text
from tidings.records import Article, ArticleResult, Event, Failure

from .tables import BITS, arrow_schema, child_fields, flat_row

__all__ = ["TABLE_NAMES", "Shard", "shard_of", "stored_article_id", "stored_event_id"]

_DATE = pa.date32()
# What each integer column holds (`tidings.store.tables.BITS`); a value outside is stored as NULL, so one
# odd record never costs its batch (extraction bounds sizes and texts far inside these: defence in depth).
POSITION_BITS = BITS["SMALLINT"]

# One schema per table, in the store's column order (see `tidings.store.schema`); the tables of events
# as `tidings.event_schema` declares them (`tidings.store.tables`).
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("input_id", pa.string()),
            ("origin", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", _DATE),
            ("text", pa.string()),
        ]
    ),
    **{table: arrow_schema(table) for table in ("events", "actors", "links", "flags")},  # the declaration's
    "failures": pa.schema(
        [
            ("record_id", pa.string()),
            ("stage", pa.string()),
            ("reason", pa.string()),
        ]
    ),
}
TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)
_CHILDREN = child_fields()
_POSITIONS = (1 << (POSITION_BITS - 1)) - 1  # actors, links and flags kept per event (a SMALLINT position)


def stored_article_id(article: Article) -> str:
    """The store's id of an article: its content id, whatever id the input gave it."""
    return content_id(article.text)


def stored_event_id(article_key: str, event_id: str) -> str:
    """The store's id of an event: unique per stored article, the same on every run."""
    digest = hashlib.sha256(f"{article_key}\x1f{event_id}".encode()).hexdigest()
    return f"ev_{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Shard:
    """The rows of one batch, one Arrow table per store table (`TABLE_NAMES`), plus its counts."""

    tables: dict[str, pa.Table]
    articles_read: int = 0  # articles the batch was given, stored or not

    def to_parquet(self) -> dict[str, bytes]:
        """Each table as Parquet bytes: what a Dask worker sends back."""
        out = {}
        for name, table in self.tables.items():
            buffer = io.BytesIO()
            pq.write_table(table, buffer, compression="zstd")
            out[name] = buffer.getvalue()
        return out

    @classmethod
    def from_parquet(cls, parts: dict[str, bytes], articles_read: int) -> Shard:
        tables = {name: pq.read_table(pa.BufferReader(data)) for name, data in parts.items()}
        return cls(tables=tables, articles_read=articles_read)


def shard_of(
    results: Iterable[ArticleResult], failures: Sequence[Failure] = (), articles_read: int = 0
) -> Shard:
    """The rows of extracted articles and of failures, ready for `tidings.store.write_shard`.

    An article whose text came earlier in `results` is left out, as is a repeated event id.
    """
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLE_NAMES}
    keys: set[str] = set()
    for result in results:
        key = stored_article_id(result.article)
        if key in keys:  # the same text twice in a batch: the first is stored
            continue
        keys.add(key)
        rows["articles"].append(_article_row(result.article, key))
        event_ids: set[str] = set()
        for event in result.events:
            if event.id not in event_ids:
                event_ids.add(event.id)
                _add_event(rows, key, event)
    for failure in failures:
        rows["failures"].append(
            {"record_id": _text(failure.record_id), "stage": failure.stage, "reason": _text(failure.reason)}
        )
    tables = {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLE_NAMES}
    return Shard(tables=tables, articles_read=articles_read)


def _article_row(article: Article, key: str) -> dict[str, object]:
    return {
        "id": key,
        "input_id": _text(article.id),
        "origin": _text(article.origin),
        "source": _text(article.source),
        "url": _text(article.url),
        "title": _text(article.title),
        "published": article.published,
        "text": _text(article.text),
    }


def _text(value: str | None) -> str | None:
    """A string as the store can hold it: valid Unicode (a lone surrogate becomes U+FFFD)."""
    return clean_text(value) if value is not None else None


def _add_event(rows: dict[str, list[dict[str, object]]], article_key: str, event: Event) -> None:
    """The rows of an event (`tidings.store.tables.flat_row`), named by the store's ids."""
    event_id = stored_event_id(article_key, event.id)
    row = flat_row(EVENT, event, clean_text)
    row.update(id=event_id, article_id=article_key, extract_id=event.id)
    rows["events"].append(row)
    for table, fields in _CHILDREN.items():
        for field in fields:
            assert field.part is not None and field.attr is not None
            keys: dict[str, object] = {"event_id": event_id}
            if field.role:
                keys["role"] = field.role
            for position, item in enumerate(getattr(event, field.attr)[:_POSITIONS]):
                child = keys | {"position": position} | flat_row(field.part, item, clean_text)
                if table == "links":  # the other event of the same article, by its stored id
                    child["target_id"] = stored_event_id(article_key, item.event)
                rows[table].append(child)
