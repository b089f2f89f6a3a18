"""Writing results: JSON Lines, one JSON document, or a table for people."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from .event_schema import ARTICLE, to_record
from .records import Article, ArticleResult, Event

__all__ = ["article_dict", "result_dict", "write_json", "write_jsonl", "write_table"]


def article_dict(article: Article) -> dict[str, object]:
    """The article as `tidings extract` writes it (the JSON fields of `tidings.event_schema.ARTICLE`)."""
    return to_record(ARTICLE, article)


def result_dict(result: ArticleResult) -> dict[str, object]:
    return {"article": article_dict(result.article), "events": [e.to_dict() for e in result.events]}


def write_jsonl(results: Iterable[ArticleResult], out: IO[str]) -> None:
    for result in results:
        out.write(json.dumps(result_dict(result), ensure_ascii=False) + "\n")
        out.flush()


def write_json(results: Iterable[ArticleResult], out: IO[str]) -> None:
    json.dump([result_dict(r) for r in results], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _actors(refs: Iterable[object]) -> str:
    parts = []
    for ref in refs:
        name = getattr(ref, "name", None) or getattr(ref, "text", "")
        code = "/".join(x for x in (getattr(ref, "country", None), getattr(ref, "sector", None)) if x)
        parts.append(f"{name} ({code})" if code else str(name))
    return "; ".join(parts) or "-"


def _row(event: Event) -> list[str]:
    size = f"{event.size.count} {event.size.unit}" if event.size else "-"
    source = f"{event.attribution.name} [{event.attribution.kind}]" if event.attribution else "-"
    kind = event.event_type + (f"/{event.mode}" if event.mode else "") + f" ({event.cameo})"
    notes = [f"{link.relation} {link.event}" for link in event.links] + [f.kind for f in event.flags]
    return [
        event.date.isoformat() if event.date else "-",
        _actors(event.actors),
        kind,
        _actors(event.recipients),
        size,
        source,
        event.certainty,
        "; ".join([event.id, *notes]),
    ]


def write_table(results: Iterable[ArticleResult], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=200, soft_wrap=False)
    for result in results:
        title = result.article.title or result.article.id
        table = Table(title=f"{title} — {len(result.events)} events", show_lines=True)
        for col in (
            "date",
            "actor",
            "type/mode (CAMEO)",
            "recipient",
            "size",
            "according to",
            "certainty",
            "id, links, flags",
        ):
            table.add_column(col, overflow="fold")
        for event in result.events:
            table.add_row(*_row(event))
        console.print(table)
