"""A real-world event record as the store tells it: every report, every value each gives, the best-supported.

A record (tidings.store.records) is the mentions of one act in one story. Put together here, when asked:

- `reports`: one per mention, with its article (outlet, title, date), evidence sentence, certainty,
  attribution, date, place and size (`status`: who the count is of: killed, injured, arrested, released);
- `values`: per field (`date`, `place`, `killed`, `injured`, `arrested`, `released`, `size`), every value
  the reports give, with the articles and outlets that give it, the best-supported first (most articles;
  each article counts once, for the value most of its mentions give);
- the record's own fields (`date`, `place`, `killed`, ...): the best-supported values;
- `conflicts`: the fields whose reports disagree (123 released vs 114; 3 killed vs 4).

For an assault, `killed` and `injured` also take what each report's lead says of the dead and wounded
(`article_facts`, tidings.link.casualties), where its mentions give no count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from tidings.event_schema import Part
from tidings.link.casualties import size_status
from tidings.link.records import names_a_day
from tidings.store.query import EventQuery, events_by_ids, matching_sql
from tidings.store.record_schema import COUNT_FIELDS, RECORD, REPORT

__all__ = ["best_value", "matching_records", "record_details", "records_of_stories"]

_FIELDS = ("date", "place", *COUNT_FIELDS, "size")


def best_value(votes: dict[Any, list[str]], *, earliest: bool = False) -> Any:
    """The value most articles give; ties go to the larger count (reports update a toll), or with
    `earliest` to the smaller value (the first day reports name)."""
    if not votes:
        return None
    if earliest:
        return min(votes, key=lambda v: (-len(votes[v]), v))
    return max(votes, key=lambda v: (len(votes[v]), v))


def record_details(con: duckdb.DuckDBPyConnection, record_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The records with these ids (see the module), in the order given, leaving out unknown ids."""
    unique = list(dict.fromkeys(record_ids))
    if not unique:
        return []
    members = con.execute(
        "SELECT record_id, story_id, event_id FROM record_members"
        " WHERE record_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY record_id, event_id",
        [unique],
    ).fetchall()
    events = {e["id"]: e for e in events_by_ids(con, [m[2] for m in members])}
    articles = sorted({str(e["article"]["id"]) for e in events.values()})  # type: ignore[index]
    facts = _facts(con, articles)
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    story_of: dict[str, str] = {}
    for record_id, story_id, event_id in members:
        if event_id in events:
            grouped[record_id].append(events[event_id])
            story_of[record_id] = story_id
    return [_record(r, story_of[r], grouped[r], facts) for r in unique if r in grouped]


def matching_records(con: duckdb.DuckDBPyConnection, query: EventQuery) -> list[dict[str, Any]]:
    """The records with a mention that matches `query`, newest first (by their newest matching mention),
    at most `query.limit` of them."""
    sql, params = matching_sql(query, "e.id, e.rank_newest, e.rank_within")
    limit = f" LIMIT {int(query.limit)}" if query.limit is not None else ""
    ids = [
        row[0]
        for row in con.execute(
            f"SELECT m.record_id, min((q.rank_newest, q.rank_within)) AS rank FROM ({sql}) q"
            " JOIN record_members m ON m.event_id = q.id GROUP BY m.record_id ORDER BY rank, m.record_id"
            + limit,
            params,
        ).fetchall()
    ]
    return record_details(con, ids)


def matching_record_count(con: duckdb.DuckDBPyConnection, query: EventQuery) -> int:
    """How many records have a mention that matches `query`, its limit aside."""
    sql, params = matching_sql(query, "e.id")
    row = con.execute(
        f"SELECT count(DISTINCT m.record_id) FROM ({sql}) q JOIN record_members m ON m.event_id = q.id",
        params,
    ).fetchone()
    return int(row[0]) if row else 0


def records_of_stories(con: duckdb.DuckDBPyConnection, story_ids: Iterable[str]) -> dict[str, list[str]]:
    """The record ids of each story, in time order (the record's earliest date, then id)."""
    rows = con.execute(
        "SELECT m.story_id, m.record_id, min(e.date) AS day, count(DISTINCT e.article_id) AS reports"
        " FROM record_members m JOIN events e ON e.id = m.event_id"
        " WHERE m.story_id IN (SELECT unnest(?::VARCHAR[]))"
        " GROUP BY ALL ORDER BY m.story_id, day NULLS LAST, m.record_id",
        [list(story_ids)],
    ).fetchall()
    out: dict[str, list[str]] = defaultdict(list)
    for story_id, record_id, _, _ in rows:
        out[story_id].append(record_id)
    return out


def _facts(con: duckdb.DuckDBPyConnection, articles: list[str]) -> dict[str, tuple[Any, ...]]:
    rows = con.execute(
        "SELECT article_id, killed, injured FROM article_facts"
        " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [articles],
    ).fetchall()
    return {row[0]: row[1:] for row in rows}


def _report(event: dict[str, Any]) -> dict[str, Any]:
    size = event.get("size")
    status = size_status(event["event_type"], event.get("mode"), event["evidence"].get("trigger"))
    article = event["article"]
    return _declared(
        REPORT,
        {
            "event_id": event["id"],
            "article": article,
            "outlet": event["attribution"]["name"] if event.get("attribution") else article.get("source"),
            "certainty": event["certainty"],
            "date": event["date"],
            "date_text": event.get("date_text"),
            "location": event.get("location"),
            "size": {**size, "status": status} if size else None,
            "attribution": event.get("attribution"),
            "evidence": event["evidence"],
            "trigger": event["evidence"].get("trigger"),
        },
    )


def _article_values(reports: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per article, the value of each field most of its mentions give (a date only when its day is named)."""
    by_article: dict[str, dict[str, Counter[Any]]] = defaultdict(lambda: defaultdict(Counter))
    for report in reports:
        values = by_article[report["article"]["id"]]
        # a day the text names: not a clock time alone (tidings.link.records)
        if report["date"] and names_a_day(report["date_text"]):
            values["date"][report["date"]] += 1
        location = report["location"]
        if location and (location.get("name") or location.get("text")):
            values["place"][location.get("name") or location.get("text")] += 1
        size = report["size"]
        if size:
            values[size["status"] or "size"][size["count"]] += 1
    return {
        article: {field: max(counter, key=lambda v: (counter[v], v)) for field, counter in values.items()}
        for article, values in by_article.items()
    }


def _record(
    record_id: str, story_id: str, events: list[dict[str, Any]], facts: dict[str, tuple[Any, ...]]
) -> dict[str, Any]:
    reports = sorted(
        (_report(e) for e in events), key=lambda r: (r["article"].get("published") or "", r["event_id"])
    )
    per_article = _article_values(reports)
    kind = Counter(e["event_type"] for e in events).most_common(1)[0][0]
    if kind == "ASSAULT":  # the dead and wounded each report's lead gives, where its mentions count none
        for article, (killed, injured) in facts.items():
            if article in per_article:
                if killed is not None:
                    per_article[article].setdefault("killed", killed)
                if injured is not None:
                    per_article[article].setdefault("injured", injured)
    sources = {r["article"]["id"]: r["article"].get("source") or r["outlet"] for r in reports}
    values: dict[str, list[dict[str, Any]]] = {}
    best: dict[str, Any] = {}
    for field in _FIELDS:
        votes: dict[Any, list[str]] = defaultdict(list)
        for article, fields in sorted(per_article.items()):
            if field in fields:
                votes[fields[field]].append(article)
        if not votes:
            continue
        best[field] = best_value(votes, earliest=field == "date")
        values[field] = [
            {
                "value": v,
                "articles": votes[v],
                "sources": sorted({str(sources[a]) for a in votes[v] if sources[a]}),
            }
            for v in sorted(votes, key=lambda v: (-len(votes[v]), v != best[field], str(v)))
        ]
    dates = sorted(r["date"] for r in reports if r["date"])
    modes = Counter(e["mode"] for e in events if e.get("mode"))
    certainty = Counter(e["certainty"] for e in events).most_common(1)[0][0]
    return _declared(
        RECORD,
        {
            "id": record_id,
            "story_id": story_id,
            "event_type": kind,
            "mode": modes.most_common(1)[0][0] if modes else None,
            "certainty": certainty,
            "date": best.get("date") or (dates[0] if dates else None),
            "place": best.get("place"),
            **{field: best.get(field) for field in COUNT_FIELDS},
            "actors": _parties(events, "actors"),
            "recipients": _parties(events, "recipients"),
            "report_count": len(per_article),
            "mention_count": len(events),
            "values": values,
            "conflicts": [field for field, found in values.items() if len(found) > 1],
            "reports": reports,
        },
    )


def _declared(part: Part, values: dict[str, Any]) -> dict[str, Any]:
    """`values` in the order `part` declares (tidings.store.record_schema), every declared field given."""
    out = {field.name: values.pop(field.name) for field in part.fields}
    assert not values, f"{part.name}: not declared: {sorted(values)}"
    return out


def _parties(events: list[dict[str, Any]], role: str) -> list[dict[str, Any]]:
    """The record's actors (or recipients), each once, the most often named first."""
    seen: Counter[tuple[Any, ...]] = Counter()
    for event in events:
        for ref in {
            (r.get("entity_id"), r.get("name") or r.get("text"), r.get("country"), r.get("sector"))
            for r in event[role]
        }:
            seen[ref] += 1
    return [
        {"entity_id": e, "name": n, "country": c, "sector": s, "mentions": k}
        for (e, n, c, s), k in sorted(seen.items(), key=lambda x: (-x[1], str(x[0])))
    ]
