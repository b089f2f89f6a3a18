"""Stories in the store: every article in exactly one story, decided at ingest, whatever the order.

Each batch, in its transaction, adds the profiles of its new articles (`tidings.link.profile`) and finds
their candidates by blocking: stored articles that share at least `MIN_SHARED_KEYS` of their heaviest
names and words and were published within `WINDOW_DAYS` days (or are undated). The pairs are scored
(`tidings.link.similarity`) and those likely enough kept in `story_pairs`. Articles joined by a pair at
least as likely as the model's `same_story` threshold are in one connected part (`story_parts`); each
part touched by the batch is clustered again by average link (`tidings.link.clustering`), and its stories
written to `story_members`. Every step is a function of the set of stored articles, so ingesting the
same articles in another order, in other batches or on other engines gives the same stories; a story's
id is a hash of its smallest article id, the same on every run.

Tables:
- `article_inputs`: every input id a stored text was read under (the same text twice is stored once);
- `article_profiles`, `article_terms`: what identity compares (publication date, years; weighted terms);
- `article_facts`: what each report says of its happening: the dead and wounded, the town and state;
- `story_pairs`: scored pairs of articles (`first` < `second`), the probability of one story;
- `story_parts`: the connected part of each article; `story_members`: the story of each article;
- `record_members`: the real-world event record (and story) of each stored event (tidings.store.records).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from tidings.link.casualties import casualties_of
from tidings.link.clustering import average_link, connected_parts
from tidings.link.profile import Profile, load_word_frequencies, profile_of
from tidings.link.setting import place_of
from tidings.link.similarity import DEFAULT_MODEL, IdentityModel, pair_features
from tidings.link.when import lead_date
from tidings.resolve.places import load_gazetteer
from tidings.store.records import RECORDS_DDL, group_records

__all__ = [
    "STORIES_DDL",
    "IdentityCounts",
    "add_inputs",
    "link_articles",
    "link_pending",
    "story_id_of",
]

MIN_SHARED_KEYS = 2
WINDOW_DAYS = 400  # a trial a year after the shooting is still its story
_CHUNK = 500  # articles profiled and linked at a time when a whole store is linked

STORIES_DDL = (
    """
CREATE TABLE IF NOT EXISTS article_inputs (
    article_id VARCHAR NOT NULL,  -- the stored article (content id)
    input_id VARCHAR NOT NULL,    -- an id the input gave that text
    origin VARCHAR                -- where it was read
);
CREATE TABLE IF NOT EXISTS article_profiles (
    article_id VARCHAR NOT NULL,
    published DATE,
    years SMALLINT[],             -- the years the text names
    leads SMALLINT                -- how many lead people (article_terms.lead)
);
CREATE TABLE IF NOT EXISTS article_terms (
    article_id VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,     -- w (word), n (name), d (number)
    term VARCHAR NOT NULL,        -- channel:text
    weight FLOAT NOT NULL,        -- in the article's unit vector of that channel
    key BOOLEAN NOT NULL,         -- among its heaviest names and words: used to find candidates
    lead BOOLEAN NOT NULL         -- among the heaviest names of the people it is about
);
CREATE TABLE IF NOT EXISTS article_facts (
    article_id VARCHAR NOT NULL,  -- what the report says of its happening (tidings.link.casualties, setting)
    killed INTEGER,               -- the dead of the attack it tells of (null: it tells of none)
    injured INTEGER,
    place VARCHAR,                -- the town or county it tells of
    region VARCHAR,               -- its first-level region (a US state)
    country VARCHAR,
    place_score DOUBLE,           -- how strongly (dateline, title, mentions)
    lead_date DATE                -- the earliest day its title or lead names (tidings.link.when)
);
CREATE TABLE IF NOT EXISTS story_pairs (
    first VARCHAR NOT NULL,       -- article ids, first < second
    second VARCHAR NOT NULL,
    score DOUBLE NOT NULL         -- probability that both are in one story
);
CREATE TABLE IF NOT EXISTS story_parts (
    article_id VARCHAR NOT NULL,
    part VARCHAR NOT NULL         -- the smallest article id of its connected part
);
CREATE TABLE IF NOT EXISTS story_members (
    article_id VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS article_inputs_article ON article_inputs (article_id);
CREATE INDEX IF NOT EXISTS article_profiles_article ON article_profiles (article_id);
CREATE INDEX IF NOT EXISTS article_terms_article ON article_terms (article_id);
CREATE INDEX IF NOT EXISTS article_facts_article ON article_facts (article_id);
CREATE INDEX IF NOT EXISTS story_pairs_first ON story_pairs (first);
CREATE INDEX IF NOT EXISTS story_pairs_second ON story_pairs (second);
CREATE INDEX IF NOT EXISTS story_parts_article ON story_parts (article_id);
CREATE INDEX IF NOT EXISTS story_parts_part ON story_parts (part);
CREATE INDEX IF NOT EXISTS story_members_article ON story_members (article_id);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members (story_id);
"""
    + RECORDS_DDL
)

_TERMS_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("channel", pa.string()),
        ("term", pa.string()),
        ("weight", pa.float32()),
        ("key", pa.bool_()),
        ("lead", pa.bool_()),
    ]
)


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityCounts:
    """What one linking step did: articles profiled, pairs kept, parts clustered again."""

    articles: int = 0
    pairs: int = 0
    parts: int = 0


def story_id_of(article_ids: Iterable[str]) -> str:
    """A story's id: a hash of its smallest article id (stable across runs and orders of ingest)."""
    digest = hashlib.sha256(min(article_ids).encode()).hexdigest()
    return f"st_{digest[:16]}"


def add_inputs(con: duckdb.DuckDBPyConnection, inputs: Sequence[tuple[str, str, str]]) -> None:
    """Note under which input ids (and origins) these texts were read: (article id, input id, origin).
    A pair already noted is not noted again."""
    if not inputs:
        return
    table = pa.table(
        {
            "article_id": [a for a, _, _ in inputs],
            "input_id": [i for _, i, _ in inputs],
            "origin": [o for _, _, o in inputs],
        }
    )
    con.register("new_inputs", table)
    try:
        con.execute(
            "INSERT INTO article_inputs SELECT DISTINCT ON (n.article_id, n.input_id) n.*"
            " FROM new_inputs n ANTI JOIN article_inputs o"
            " ON o.article_id = n.article_id AND o.input_id = n.input_id"
        )
    finally:
        con.unregister("new_inputs")


def link_articles(
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], model: IdentityModel = DEFAULT_MODEL
) -> IdentityCounts:
    """Put these stored articles (not linked yet) into stories, re-clustering the parts they touch.

    Runs inside the caller's transaction (`tidings.store.write.write_shard`)."""
    ids = sorted(set(article_ids))
    if not ids:
        return IdentityCounts()
    _add_profiles(con, ids)
    pairs = _scored_pairs(con, ids, model)
    _store_pairs(con, pairs)
    parts = _update_parts(con, ids, [(a, b) for (a, b), p in pairs.items() if p >= model.same_story])
    _cluster_parts(con, parts, model)
    return IdentityCounts(articles=len(ids), pairs=len(pairs), parts=len(parts))


def link_pending(con: duckdb.DuckDBPyConnection, model: IdentityModel = DEFAULT_MODEL) -> int:
    """Link the stored articles that have no story yet (a store written before stories); returns how
    many. Each chunk in its own transaction unless the caller holds one."""
    pending = [
        row[0]
        for row in con.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_profiles) ORDER BY id"
        ).fetchall()
    ]
    for start in range(0, len(pending), _CHUNK):
        link_articles(con, pending[start : start + _CHUNK], model)
    return len(pending)


def _add_profiles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    rows = con.execute(
        "SELECT id, title, text, published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()
    frequencies = load_word_frequencies()
    profiles = [
        profile_of(ident, text, title=title, published=published, frequencies=frequencies)
        for ident, title, text, published in rows
    ]
    for table in ("article_profiles", "article_terms", "article_facts", "story_parts", "story_members"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM story_pairs WHERE first IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM story_pairs WHERE second IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.executemany(
        "INSERT INTO article_profiles VALUES (?, ?, ?, ?)",
        [[p.article_id, p.published, list(p.years), sum(t.lead for t in p.terms)] for p in profiles],
    )
    con.executemany("INSERT INTO article_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _fact_rows(rows))
    terms = pa.Table.from_pylist(_term_rows(profiles), schema=_TERMS_SCHEMA)
    con.register("new_terms", terms)
    try:
        con.execute("INSERT INTO article_terms BY NAME SELECT * FROM new_terms")
    finally:
        con.unregister("new_terms")


def _fact_rows(articles: list[tuple[str, str | None, str, dt.date | None]]) -> list[list[object]]:
    gazetteer = load_gazetteer()
    out: list[list[object]] = []
    for ident, title, text, published in articles:
        harm = casualties_of(text, title)
        place = place_of(text, gazetteer, title)
        out.append(
            [
                ident,
                harm.killed,
                harm.injured,
                place.name if place else None,
                place.region if place else None,
                place.country if place else None,
                place.score if place else None,
                lead_date(text, published, title),
            ]
        )
    return out


def _term_rows(profiles: Iterable[Profile]) -> list[dict[str, object]]:
    return [
        {
            "article_id": p.article_id,
            "channel": t.channel,
            "term": t.term,
            "weight": t.weight,
            "key": t.key,
            "lead": t.lead,
        }
        for p in profiles
        for t in p.terms
    ]


def _scored_pairs(
    con: duckdb.DuckDBPyConnection, ids: list[str], model: IdentityModel
) -> dict[tuple[str, str], float]:
    """The candidates of the new articles (blocking) and their scores, those at least `model.kept`."""
    rows = con.execute(
        """
        WITH new_keys AS (
            SELECT article_id, term FROM article_terms
            WHERE key AND article_id IN (SELECT unnest($ids::VARCHAR[]))
        ), shared AS (
            SELECT n.article_id AS a, o.article_id AS b
            FROM new_keys n JOIN article_terms o ON o.term = n.term AND o.key AND o.article_id <> n.article_id
            GROUP BY ALL HAVING count(*) >= $shared
        ), candidates AS (
            SELECT DISTINCT least(s.a, s.b) AS a, greatest(s.a, s.b) AS b
            FROM shared s
            JOIN article_profiles pa ON pa.article_id = s.a
            JOIN article_profiles pb ON pb.article_id = s.b
            WHERE pa.published IS NULL OR pb.published IS NULL
               OR abs(date_diff('day', pa.published, pb.published)) <= $window
        )
        SELECT c.a, c.b, ta.channel, sum(ta.weight * tb.weight)::DOUBLE,
               count(*) FILTER (WHERE ta.lead), count(*) FILTER (WHERE tb.lead)
        FROM candidates c
        JOIN article_terms ta ON ta.article_id = c.a
        JOIN article_terms tb ON tb.article_id = c.b AND tb.term = ta.term
        GROUP BY ALL
        """,
        {"ids": ids, "shared": MIN_SHARED_KEYS, "window": WINDOW_DAYS},
    ).fetchall()
    cosines: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    named: dict[tuple[str, str], tuple[int, int]] = {}  # lead people of each named by the other
    for a, b, channel, cosine, leads_a, leads_b in rows:
        cosines[(a, b)][channel] = cosine
        if channel == "n":
            named[(a, b)] = (leads_a, leads_b)
    if not cosines:
        return {}
    involved = sorted({x for pair in cosines for x in pair})
    facts = {
        ident: (tuple(years or ()), published, leads or 0)
        for ident, published, years, leads in con.execute(
            "SELECT article_id, published, years, leads FROM article_profiles"
            " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [involved],
        ).fetchall()
    }
    out = {}
    for (a, b), channels in sorted(cosines.items()):
        features = pair_features(channels, (facts[a][0], facts[b][0]), (facts[a][1], facts[b][1]))
        # rounded: a sum of products in another order must not change a decision
        score = round(model.probability(features), 6)
        if score >= model.kept:
            out[(a, b)] = score
    return out


def _share(found: int, leads: int) -> float:
    """The share of an article's lead people the other names (0.5 when it has none)."""
    return found / leads if leads else 0.5


def _store_pairs(con: duckdb.DuckDBPyConnection, pairs: dict[tuple[str, str], float]) -> None:
    if not pairs:
        return
    table = pa.table(
        {
            "first": [a for a, _ in pairs],
            "second": [b for _, b in pairs],
            "score": list(pairs.values()),
        }
    )
    con.register("new_pairs", table)
    try:
        con.execute("INSERT INTO story_pairs BY NAME SELECT * FROM new_pairs")
    finally:
        con.unregister("new_pairs")


def _update_parts(con: duckdb.DuckDBPyConnection, ids: list[str], strong: list[tuple[str, str]]) -> list[str]:
    """Join the new articles to the parts of their strong pairs; returns the parts to cluster again."""
    new = set(ids)
    neighbours = sorted({x for pair in strong for x in pair} - new)
    part_of = dict(
        con.execute(
            "SELECT article_id, part FROM story_parts WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [neighbours],
        ).fetchall()
    )
    # nodes: the new articles and the old parts they reach
    edges = [(part_of.get(a, a), part_of.get(b, b)) for a, b in strong]
    nodes = new | set(part_of.values())
    groups = connected_parts(nodes, edges)
    old_parts = set(part_of.values())
    renames = []
    rows = []
    for group in groups:
        part = group[0]  # parts are named by their smallest article id, and so is the group
        renames += [(old, part) for old in group if old in old_parts and old != part]
        rows += [(a, part) for a in group if a in new]
    for old, part in renames:
        con.execute("UPDATE story_parts SET part = ? WHERE part = ?", [part, old])
    con.executemany("INSERT INTO story_parts VALUES (?, ?)", rows)
    return [group[0] for group in groups]


def _cluster_parts(con: duckdb.DuckDBPyConnection, parts: list[str], model: IdentityModel) -> None:
    members: dict[str, list[str]] = defaultdict(list)
    for article_id, part in con.execute(
        "SELECT article_id, part FROM story_parts WHERE part IN (SELECT unnest(?::VARCHAR[]))"
        " ORDER BY article_id",
        [parts],
    ).fetchall():
        members[part].append(article_id)
    articles = [a for part in parts for a in members[part]]
    scores: dict[tuple[str, str], float] = {}
    for first, second, score in con.execute(
        "SELECT first, second, score FROM story_pairs"
        " WHERE first IN (SELECT unnest($ids::VARCHAR[])) AND second IN (SELECT unnest($ids::VARCHAR[]))",
        {"ids": articles},
    ).fetchall():
        scores[(first, second)] = score
    rows = []
    for part in parts:
        for story in average_link(members[part], scores, model.same_story):
            story_id = story_id_of(story)
            rows += [(a, story_id) for a in story]
    con.execute("DELETE FROM story_members WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [articles])
    table = pa.table({"article_id": [a for a, _ in rows], "story_id": [s for _, s in rows]})
    con.register("new_members", table)
    try:
        con.execute("INSERT INTO story_members BY NAME SELECT * FROM new_members")
    finally:
        con.unregister("new_members")
    group_records(con, articles)  # the records of the stories that changed
