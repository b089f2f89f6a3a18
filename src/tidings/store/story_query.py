"""Asking the store for stories: each with its articles (every input id they were read under) and facts.

A story record (`tidings stories --format jsonl`, the API):
`{"id", "documents", "articles", "title", "first_published", "last_published", "date", "place", "state",
"city_or_county", "country", "killed", "injured", "events"}`; `documents` are the input ids of its
articles (what the identity benchmarks score), `articles` the stored articles with their titles and
sources, and `events` its real-world event records (tidings.store.records).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

__all__ = ["StoryQuery", "story_records"]

_FETCH = 500  # stories put together at a time


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuery:
    """Which stories: all, those with an article of this id, or of these ids; newest first."""

    story_ids: tuple[str, ...] | None = None
    limit: int | None = None


def story_records(
    con: duckdb.DuckDBPyConnection, query: StoryQuery = StoryQuery()
) -> Iterator[dict[str, Any]]:
    """The stories that match, newest first (by their last article), each as a story record."""
    where = ""
    params: list[Any] = []
    if query.story_ids is not None:
        where = "WHERE m.story_id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(query.story_ids))
    limit = f" LIMIT {int(query.limit)}" if query.limit is not None else ""
    ids = [
        row[0]
        for row in con.execute(
            "SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id "
            f"{where} GROUP BY m.story_id"
            " ORDER BY max(a.published) DESC NULLS LAST, m.story_id" + limit,
            params,
        ).fetchall()
    ]
    for start in range(0, len(ids), _FETCH):
        yield from _assembled(con, ids[start : start + _FETCH])


def _assembled(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> list[dict[str, Any]]:
    rows = con.execute(
        """
        SELECT m.story_id, a.id, a.input_id, a.title, a.source, a.url, a.published,
               list(DISTINCT i.input_id ORDER BY i.input_id) FILTER (WHERE i.input_id IS NOT NULL)
        FROM story_members m
        JOIN articles a ON a.id = m.article_id
        LEFT JOIN article_inputs i ON i.article_id = a.id
        WHERE m.story_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY ALL
        ORDER BY m.story_id, a.published NULLS LAST, a.id
        """,
        [story_ids],
    ).fetchall()
    articles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    documents: dict[str, list[str]] = defaultdict(list)
    for story_id, ident, input_id, title, source, url, published, inputs in rows:
        articles[story_id].append(
            {
                "id": ident,
                "input_id": input_id,
                "title": title,
                "source": source,
                "url": url,
                "published": published.isoformat() if published else None,
            }
        )
        for name in [input_id, *(inputs or [])]:
            if name not in documents[story_id]:
                documents[story_id].append(name)
    out = []
    for story_id in story_ids:
        members = articles[story_id]
        dates = [a["published"] for a in members if a["published"]]
        out.append(
            {
                "id": story_id,
                "documents": documents[story_id],
                "title": next((a["title"] for a in members if a["title"]), None),
                "first_published": min(dates) if dates else None,
                "last_published": max(dates) if dates else None,
                "articles": members,
            }
        )
    return out
