"""A story's storyline: the other stories that tell of the same act by the same party, in time order.

Identity keeps two acts weeks apart in two stories (a release in June, another in September), which is
right for counting; a reader still wants the chain. A story's storyline is the stories of the store whose
records include an act that one of this story's records is too: the same PLOVER type and mode by an actor
of the same country and sector ("RETREAT/release by the government of Belarus", whoever speaks for it:
"Lukashenko", "Minsk", "Belarusian authorities"), an act that happened (not one planned, hypothetical or
denied as done), and whose articles are about at least SHARED_NAMES of the same names (of the heaviest
names of their articles, the keys identity's blocking uses, `article_keys`: "Lukashenko", "Minsk"): two
arrests by FBI agents in two states share the act and the party, and are no chain. Acts few stories share
weigh most (each shared act weighs ln(stories in the store /
stories with that act)), so that a chain of prisoner releases by one government is found before the many
stories in which the same government accused someone; the STORYLINE_STORIES heaviest are listed, with the
story itself, by their first article's day. A storyline is for reading, not counting: it never merges
stories, and it is computed when asked (the API and the story page), from what the store holds then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from tidings.codes import NOT_OCCURRED

__all__ = ["STORYLINE_STORIES", "storyline"]

STORYLINE_STORIES = 10  # other stories a storyline lists at most
SHARED_NAMES = 2  # of the names its articles are most about (`article_keys`), a story of the chain shares


def storyline(
    con: duckdb.DuckDBPyConnection, story_id: str, limit: int = STORYLINE_STORIES
) -> list[dict[str, Any]]:
    """The story and the stories that share an act with it, by their first article's day (undated last):
    each `{"id", "title", "first_published", "last_published", "this", "weight", "shared"}`, `shared` the
    acts in common (`{"event_type", "mode", "country", "sector"}`), `this` true for the story itself.
    Empty for a story the store does not hold."""
    rows = con.execute(
        """
        WITH acts AS (
            SELECT DISTINCT m.story_id, e.event_type, coalesce(e.mode, '') AS mode, a.country,
                   coalesce(a.sector, '') AS sector
            FROM record_members m
            JOIN events e ON e.id = m.event_id
            JOIN actors a ON a.event_id = e.id AND a.role = 'actor'
            WHERE a.country IS NOT NULL AND coalesce(e.certainty, '') NOT IN (SELECT unnest($not_occurred))
        ),
        mine AS (SELECT DISTINCT event_type, mode, country, sector FROM acts WHERE story_id = $story),
        shared AS (
            SELECT acts.*, count(*) OVER (PARTITION BY event_type, mode, country, sector) AS stories
            FROM acts SEMI JOIN mine USING (event_type, mode, country, sector)
        ),
        total AS (SELECT count(DISTINCT story_id) AS n FROM story_members),
        my_names AS (
            SELECT DISTINCT k.term FROM story_members m JOIN article_keys k ON k.article_id = m.article_id
            WHERE m.story_id = $story AND k.term LIKE 'n:%'
        ),
        named AS (
            SELECT m.story_id FROM article_keys k SEMI JOIN my_names USING (term)
            JOIN story_members m ON m.article_id = k.article_id
            GROUP BY m.story_id HAVING count(DISTINCT k.term) >= $names
        )
        SELECT story_id, sum(ln(total.n / stories)) AS weight,
               list({'event_type': event_type, 'mode': nullif(mode, ''), 'country': country,
                     'sector': nullif(sector, '')} ORDER BY stories, event_type, mode, country, sector)
        FROM shared, total
        WHERE story_id <> $story AND story_id IN (SELECT story_id FROM named)
        GROUP BY story_id, total.n
        HAVING weight > 0
        """,
        {"story": story_id, "not_occurred": sorted(NOT_OCCURRED), "names": SHARED_NAMES},
    ).fetchall()
    spans = _spans(con, [story_id, *(row[0] for row in rows)])
    if story_id not in spans:
        return []
    mine = spans[story_id]
    near = sorted(
        rows,
        key=lambda row: (-round(row[1], 9), _days_apart(spans.get(row[0]), mine), row[0]),
    )[:limit]
    chain = [{**mine, "this": True, "weight": None, "shared": []}]
    for other, weight, shared in near:
        if other in spans:
            chain.append({**spans[other], "this": False, "weight": round(weight, 4), "shared": shared})
    return sorted(chain, key=lambda s: (s["first_published"] is None, s["first_published"] or "", s["id"]))


def _spans(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Each story's title (its first article's that has one) and the days of its first and last
    articles."""
    rows = con.execute(
        "SELECT m.story_id, min(a.published), max(a.published),"
        " arg_min(a.title, coalesce(a.published, DATE '9999-12-31')) FILTER (WHERE a.title IS NOT NULL)"
        " FROM story_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.story_id IN (SELECT unnest($ids)) GROUP BY m.story_id",
        {"ids": story_ids},
    ).fetchall()
    return {
        story: {
            "id": story,
            "title": title,
            "first_published": first.isoformat() if first else None,
            "last_published": last.isoformat() if last else None,
        }
        for story, first, last, title in rows
    }


def _days_apart(other: dict[str, Any] | None, mine: dict[str, Any]) -> int:
    """Days between two stories' first articles; undated ones after every dated one."""
    if other is None or other["first_published"] is None or mine["first_published"] is None:
        return 1 << 30
    return abs(
        (date.fromisoformat(other["first_published"]) - date.fromisoformat(mine["first_published"])).days
    )
