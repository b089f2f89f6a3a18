"""Asking the store for stories: each with its articles (every input id they were read under) and facts.

A story record (`tidings stories --format jsonl`, the API):
`{"id", "documents", "title", "first_published", "last_published", "date", "place", "country", "state",
"city_or_county", "killed", "injured", "main_event", "articles", "events"}`; `documents` are the input
ids of its articles (what the identity benchmarks score), `articles` the stored articles with their
titles and sources, and `events` its real-world event records in time order (tidings.store.records),
each summarised; `date`, `killed` and `injured` are its main assault record's (`story_facts`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb

from tidings.knowledge.gazetteer import load_gazetteer
from tidings.knowledge.us_towns import post_office_of, us_states
from tidings.link.setting import in_county, is_county, namesake_in
from tidings.store.record_query import best_value, record_details, records_of_stories

__all__ = ["StoryQuery", "anchored_places", "story_facts", "story_place", "story_records"]

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
    records_of = records_of_stories(con, story_ids)
    details = {r["id"]: r for r in record_details(con, [r for rs in records_of.values() for r in rs])}
    places = _places(con, story_ids)
    harm = _harm(con, story_ids)
    days = _lead_dates(con, story_ids)
    out = []
    for story_id in story_ids:
        members = articles[story_id]
        dates = [a["published"] for a in members if a["published"]]
        records = [details[r] for r in records_of.get(story_id, []) if r in details]
        out.append(
            {
                "id": story_id,
                "documents": documents[story_id],
                "title": next((a["title"] for a in members if a["title"]), None),
                "first_published": min(dates) if dates else None,
                "last_published": max(dates) if dates else None,
                **story_facts(
                    records,
                    places.get(story_id),
                    harm.get(story_id, []),
                    days.get(story_id),
                    first_published=min(dates) if dates else None,
                ),
                "articles": members,
                "events": [_summary(r) for r in records],
            }
        )
    return out


def _main(records: list[dict[str, Any]], kind: str | None = None) -> dict[str, Any] | None:
    """The record most reports tell of (of this type), then the one of most mentions, then the earliest."""
    chosen = [r for r in records if kind is None or r["event_type"] == kind]
    if not chosen:
        return None
    return min(chosen, key=lambda r: (-r["report_count"], -r["mention_count"], r["date"] or "9999", r["id"]))


def story_facts(
    records: list[dict[str, Any]],
    place: tuple[str, str | None, str | None] | None,
    harm: list[tuple[int | None, int | None]],
    lead_day: str | None = None,
    *,
    first_published: str | None = None,
) -> dict[str, Any]:
    """A story's date, place and toll: the day its reports' leads name (the most reports; on a tie, the
    first published report's, then the earliest), else its main assault's (or main record's) date; the
    dead and wounded its reports' leads give (tidings.link.casualties: the most reports' count), else its
    main assault record's; the town its reports name most."""
    assault = _main(records, "ASSAULT")
    main = assault or _main(records)
    killed, injured = _toll(harm) if harm else (None, None)
    if killed is None and injured is None and assault:
        killed, injured = assault["killed"], assault["injured"]
    name, region, country = place or (None, None, None)
    return {
        "date": lead_day or _undated_day(main["date"] if main else None, first_published),
        "place": _place_text(name, region, country),
        "country": country,
        "state": _state_name(region) if country == "USA" and region else None,
        "city_or_county": _city_or_county(name, region) if country == "USA" and name else None,
        "killed": killed,
        "injured": injured,
        "main_event": main["id"] if main else None,
    }


def _place_text(name: str | None, region: str | None, country: str | None) -> str | None:
    """A story's town as a reader writes it: town, region, country, the region left out where it is the
    town's own name ("Washington, D.C., USA", not "Washington, Washington, D.C., USA"; "Mexico City, MEX")."""
    if name and region and region.startswith(name + ","):
        name, region = region, None  # the region's name holds the town's: "Washington, D.C."
    elif name and region == name:
        region = None
    return ", ".join(x for x in (name, region, country) if x) or None


@cache
def _state_name(region: str) -> str:
    """A US state as the post office names it: the gazetteer's region, or the one state whose name the
    gazetteer knows as another name (not its own) of a place of that region ("Washington, D.C." is the
    District of Columbia; the state of Washington is no other name of the city)."""
    states = us_states()
    if region in states:
        return region
    gazetteer = load_gazetteer()
    named = [
        s for s in sorted(states) if any(p.region == region and not own for p, own in gazetteer.named(s))
    ]
    return named[0] if len(named) == 1 else region


def _city_or_county(name: str, state: str | None) -> str:
    """A US town as the Gun Violence Archive writes it: the town whose post office serves it, the place in
    parentheses where that post office bears another name ("Fort Worth (Benbrook)"); a county as the
    archive writes one where no town is given, "Polk (county)"; a town with a post office of its own, or a
    place several post offices serve, by its own name."""
    if name.endswith(" County"):
        return f"{name.removesuffix(' County')} (county)"
    office = post_office_of(name, state) if state else None
    if office and name == f"{office} City":
        return office  # the town's formal name: "New York City" is New York's post office, no place in it
    return f"{office} ({name})" if office else name


def _undated_day(record_day: str | None, first_published: str | None) -> str | None:
    """The day of a story none of whose reports' leads names one: its main record's, else the day of its
    first report (news tells of the day's happenings); never after that day (a record's day after it is of
    a later report, and what it tells of followed the happening)."""
    first = first_published[:10] if first_published else None
    if record_day and first and record_day[:10] > first:
        return first
    return record_day or first


def _toll(harm: list[tuple[int | None, int | None]]) -> tuple[int | None, int | None]:
    """The dead (most reports' count among those who give some) and the wounded (most reports' count among
    those reports that give some, else none)."""
    dead: dict[Any, list[str]] = {}
    for n, (killed, _) in enumerate(harm):
        if killed:
            dead.setdefault(killed, []).append(str(n))
    killed = best_value(dead) if dead else (0 if any(k is not None for k, _ in harm) else None)
    # a report that counts the dead and says nothing of the wounded is stored with none wounded: a count
    # another report gives of them is news it lacks, not a disagreement
    wounded: dict[Any, list[str]] = {}
    for n, (k, injured) in enumerate(harm):
        if injured and (k or 0) == (killed or 0):
            wounded.setdefault(injured, []).append(str(n))
    return killed, (best_value(wounded) if wounded else (0 if killed is not None else None))


def _places(
    con: duckdb.DuckDBPyConnection, story_ids: list[str]
) -> dict[str, tuple[str, str | None, str | None]]:
    """The town each story's reports name most (the votes of every town each report's dateline, title and
    lead name, summed: "BROOKLYN, Ind. ... a Plainfield teen ... hunting in Brooklyn" beside "(BROOKLYN) -"
    is Brooklyn, though the first report alone leans to Plainfield), in the state a report that names it
    anchors (`anchored_places`); a county gives way to a town of its state another report names, as within
    a report (tidings.link.setting). A report stored without its towns' votes gives its own town's."""
    rows = con.execute(
        "WITH votes AS (SELECT m.story_id, unnest(coalesce(f.places, [{'place': f.place, 'region': f.region,"
        " 'country': f.country, 'score': f.place_score, 'named': f.region_named}])) AS v"
        " FROM story_members m JOIN article_facts f ON f.article_id = m.article_id"
        " WHERE m.story_id IN (SELECT unnest(?::VARCHAR[])) AND f.place IS NOT NULL)"
        " SELECT story_id, v.place AS place, v.region AS region, v.country, sum(v.score) AS score,"
        " coalesce(bool_or(v.named), false) FROM votes"
        " GROUP BY ALL ORDER BY story_id, score DESC, place, region NULLS LAST",
        [story_ids],
    ).fetchall()
    voted: dict[str, list[tuple[str, str | None, str | None, float, bool]]] = {}
    for story_id, place, region, country, score, named in rows:
        voted.setdefault(story_id, []).append((place, region, country, score or 0.0, named))
    return {story_id: story_place(anchored_places(places)) for story_id, places in voted.items()}


def anchored_places(
    voted: list[tuple[str, str | None, str | None, float, bool]],
) -> list[tuple[str, str | None, str | None]]:
    """A story's places (name, region, country), the best-supported first, from its reports' (name, region,
    country, summed score, whether a report names that region). Reports of one story tell of one place:
    where the reports that name their place's region all name one, a town another report read in a
    region it does not name is that town's namesake in the named region, where the gazetteer or the post
    offices know one ("Cleveland" of a report naming no state, beside "Cleveland, Tenn." of another, is
    Cleveland, Tennessee, not Ohio; "outside Dallas" beside "Paulding County, Georgia" is Dallas,
    Georgia). A town with no namesake there, or a story whose reports name two regions, keeps its own."""
    anchors = {(region, country) for _, region, country, _, named in voted if named and region and country}
    scores: dict[tuple[str, str | None, str | None], float] = defaultdict(float)
    if len(anchors) == 1:
        ((region, country),) = anchors
        gazetteer = load_gazetteer()
        for place, own_region, own_country, score, _ in voted:
            moved = (own_region, own_country) != (region, country) and namesake_in(
                place, region, country, gazetteer
            )
            scores[(place, region, country) if moved else (place, own_region, own_country)] += score
    else:
        for place, own_region, own_country, score, _ in voted:
            scores[(place, own_region, own_country)] += score
    return sorted(scores, key=lambda k: (-scores[k], k[0], k[1] is None, k[1] or ""))


def story_place(ranked: list[tuple[str, str | None, str | None]]) -> tuple[str, str | None, str | None]:
    """A story's place from its reports' (name, region, country), the best-supported first: the first,
    unless it is a county and a town of the same state follows ("St. Johns County", "St. Augustine"), or a
    town that lies in a county of its name (tidings.link.setting.in_county)."""
    best = ranked[0]
    if is_county(best):
        return next(
            (p for p in ranked if not is_county(p) and (p[1:] == best[1:] or in_county(p, best[0]))),
            best,
        )
    return best


def _lead_dates(con: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, str]:
    """The day most of each story's reports say their happening happened; on a tie, the day of the first
    report published that names one of the tied days (the report nearest the happening knows its day
    best; a follow-up's lead also names what followed), then the earliest. A store none of whose reports
    has an `event_day` was written before it: there, the earliest day of each lead. Elsewhere a report
    without one names no day of its happening (its lead's days are bounds, plans or what followed), and
    its `lead_date` is not taken in its place.

    A day after the story's first report was published is not its happening's: that report told of the
    happening already, so a later report's day is of what followed (a coroner's ruling, a charge) that its
    lead names alone. Such days are left out (a story with no other day then takes its first report's)."""
    (written,) = con.execute("SELECT count(event_day) > 0 FROM article_facts").fetchone() or (False,)
    column = "f.event_day" if written else "f.lead_date"
    rows = con.execute(
        "WITH members AS (SELECT m.story_id, m.article_id, a.published,"
        " min(a.published) OVER (PARTITION BY m.story_id) AS story_first"
        " FROM story_members m JOIN articles a ON a.id = m.article_id"
        " WHERE m.story_id IN (SELECT unnest(?::VARCHAR[])))"
        f" SELECT m.story_id, {column} AS day, count(*) AS reports,"
        " min(coalesce(m.published, '9999-12-31'::DATE)) AS first"
        " FROM members m JOIN article_facts f ON f.article_id = m.article_id"
        " WHERE day IS NOT NULL AND (m.story_first IS NULL OR day <= m.story_first)"
        " GROUP BY ALL ORDER BY m.story_id, reports DESC, first, day",
        [story_ids],
    ).fetchall()
    out: dict[str, str] = {}
    for story_id, day, _, _ in rows:
        out.setdefault(story_id, day.isoformat())
    return out


def _harm(
    con: duckdb.DuckDBPyConnection, story_ids: list[str]
) -> dict[str, list[tuple[int | None, int | None]]]:
    rows = con.execute(
        "SELECT m.story_id, f.killed, f.injured FROM story_members m JOIN article_facts f"
        " ON f.article_id = m.article_id WHERE m.story_id IN (SELECT unnest(?::VARCHAR[]))"
        " ORDER BY m.story_id, m.article_id",
        [story_ids],
    ).fetchall()
    out: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
    for story_id, killed, injured in rows:
        out[story_id].append((killed, injured))
    return out


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    """A record in a story's list: what it is, when, where, and how many reports tell of it."""
    keys = (
        "id",
        "event_type",
        "mode",
        "certainty",
        "date",
        "place",
        "killed",
        "injured",
        "arrested",
        "released",
    )
    return {
        **{k: record[k] for k in keys},
        "actors": [a["name"] for a in record["actors"] if a["name"]][:3],
        "recipients": [a["name"] for a in record["recipients"] if a["name"]][:3],
        "report_count": record["report_count"],
        "conflicts": record["conflicts"],
    }
