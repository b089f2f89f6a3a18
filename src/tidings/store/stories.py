"""Stories in the store: every article in exactly one story, decided at ingest, whatever the order.

Each batch, in its transaction, adds the profiles of its new articles (`tidings.link.profile`) and finds
their candidates by blocking: stored articles that share at least `MIN_SHARED_KEYS` of their heaviest
names and words and were published within `NEAR_DAYS` days (or are undated), or `FAR_SHARED_KEYS` of them
within `WINDOW_DAYS`, at most `MAX_CANDIDATES` for an article (those that share the most). The pairs are
scored (`tidings.link.similarity`), counted in the store's histogram of candidate probabilities
(`story_prior_bins`), and those that could matter kept in `story_pairs`. From the histogram comes the
store's share of same-story pairs (`tidings.link.prior`), to which every probability is adjusted: a store
of many reports of each happening makes two reports likelier one story than real news at large does.
Articles joined by a pair whose adjusted probability reaches the model's `same_story` threshold are in one
connected part (`story_parts`); each part touched by the batch is clustered again by average link
(`tidings.link.clustering`), and its stories written to `story_members`. When the store's share moves
by a step, every part is found and clustered again (`story_prior` holds the share they were found at).
Every step is a function of the set of stored articles, so ingesting the same articles in another order,
in other batches or on other engines gives the same stories, as long as no article has more than
`MAX_CANDIDATES` candidates (beyond that, which are compared depends on which were stored first); a
story's id is a hash of its smallest article id, the same on every run.

Tables:
- `article_inputs`: every input id a stored text was read under (the same text twice is stored once);
- `article_profiles`, `article_keys`: what identity compares (publication date, years, weighted terms, lead
  people) and the heaviest terms candidates must share, one row per article and per key;
- `article_facts`: what each report says of its happening: the dead and wounded, the town and state;
- `story_pairs`: scored pairs of articles (`first` < `second`), the model's probability of one story;
- `story_prior_bins`, `story_prior`: the histogram of all candidates' probabilities, and the share of
  same-story pairs estimated from it at which the stories were clustered;
- `story_parts`: the connected part of each article; `story_members`: the story of each article;
- `record_members`: the real-world event record (and story) of each stored event (tidings.store.records).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import pyarrow as pa

from tidings.knowledge.gazetteer import load_gazetteer, name_key
from tidings.link.casualties import casualties_of
from tidings.link.clustering import average_link, connected_parts
from tidings.link.prior import PRIOR_MAX, adjusted, estimate_prior, histogram, unadjusted
from tidings.link.profile import Profile, load_word_frequencies, profile_of
from tidings.link.setting import one_in_the_other, place_of
from tidings.link.shared_terms import shared_terms
from tidings.link.similarity import IdentityModel, PairFeatures, load_identity_model, pair_features
from tidings.link.when import dateline_date, event_date, lead_date, lead_weekdays
from tidings.store.blocks import drop_table_blocks
from tidings.store.ids import among_ids
from tidings.store.records import RECORDS_DDL, group_records, write_changed

__all__ = [
    "CHANNELS",
    "IDENTITY_TABLES",
    "IDENTITY_VERSION",
    "PLACE_VOTES",
    "STORIES_DDL",
    "IdentityCounts",
    "add_inputs",
    "add_profiles",
    "candidate_features",
    "identity_outdated",
    "link_articles",
    "link_pending",
    "relink_outdated",
    "settle_stories",
    "stored_floor",
    "stored_identity_version",
    "story_id_of",
    "unsettled_parts",
]

MIN_SHARED_KEYS = 2
NEAR_DAYS = 30  # published closer than this (or undated): MIN_SHARED_KEYS keys in common make a candidate
FAR_SHARED_KEYS = 4  # further apart, up to WINDOW_DAYS: a follow-up names more of the same
WINDOW_DAYS = 400  # a trial a year after the shooting is still its story
# a new article is compared with at most this many candidates, so that linking an article costs the same
# however dense the store: in 20,000 articles varied from the corpus (bench/scale.py), dated within 16
# months, the median article had 240 candidates at 12,000 and linking grew 2.7 times slower per article
# (bench/write_cost.py). Of the pairs the model kept there, those at 0.5 or more rank near the top by keys
# shared (12 of 5,749 past 100). In the identity benchmarks no article has more than 97 (ECB+) and 63 (GVC)
MAX_CANDIDATES = 100
# A connected part of more articles than this is not clustered again at every batch that adds to it: its
# new articles join, for the time being, the story of their likeliest pair, and the part is noted as
# unsettled (`story_unsettled`) until `settle_stories` clusters it again exactly, which an ingest does
# every `SETTLE_BATCHES` batches and at its end. Average link over a part of 11,000 articles cost 0.5 CPU s
# a batch in 20,000 articles varied from the corpus (bench/write_cost.py); no part of the identity
# benchmarks or of the corpus itself comes near (36 and 6 articles at most)
LARGE_PART = 1000
# the pairs within a part of at most this many articles that blocking missed are scored when it is
# clustered (`_score_within_parts`): every part that is clustered exactly (ECB+'s largest, 642 articles,
# chains most of its topics; every part of GVC and of the corpus has 9 and 27 at most)
IN_PART_ARTICLES = LARGE_PART
# the parts scored at a time hold about this many articles, taken in order of their days, so that what is
# read of the store for them (their keys, their profiles) is bounded by their days, not the whole store;
# and a relink drops DuckDB's blocks after each few parts (`_relink_parts`). Without both, a relink read
# the profiles of every day into DuckDB's cache and identity's peak memory at 20,000 articles was
# 1.27-1.32 times its peak at 2,000; with the order alone 1.28; with both 1.17 (docs/identity.md, "Stop 43")
IN_PART_ARTICLES_AT_A_TIME = 500
IN_PART_CHUNK = 20_000  # such pairs scored at a time (their features, then the few the model keeps)
SETTLE_BATCHES = 32
CHANNELS = ("w", "n", "d", "lw", "ln", "ld")  # of a profile (tidings.link.profile), each compared by cosine
# The version of what identity stores (profiles, keys, facts, pairs, stories, records): bump it when
# `profile_of`, the readers of `article_facts` (tidings.link), blocking or the identity model change what
# they would store. Pairs of a new article with one profiled by another version would be compared on
# unlike profiles or facts ("St. Paul" beside "Saint Paul": two towns), so a store of another version is
# linked again, whole, when next opened for writing (`relink_outdated`). What each version changed:
# docs/identity.md (2 and 3: stop 37; 4 to 11: stop 38's readers of towns and days; 12: stop 39's share
# of same-story pairs per store; 13: stop 40's short months with their day and year, "Jun 13, 2013"; 14: a
# record's named periods and clock times; 15: stop 41's dateline cities written alone, "WASHINGTON (AP)";
# 16: a record's actors named as two people; 17: two modes of a type other than ASSAULT, two acts; 18: the
# model retrained on the corpus's facts as stop 41 reads them; 19: a possessive before a common noun, no
# town, and the model trained again; 20: an actor's surname folded as look-up keys are, "Łukasz" kept; 21:
# stop 42's birthplaces, "the Valley", "Washington state", and every town a report votes for, stored; 22:
# a town named as a bearing, "14 miles north of Adrian", no place of the happening; 23: a body's seat,
# "headquartered in New York City", no place; the wire agencies' datelines without a dash; 24: the pairs
# within a part that blocking missed, scored at clustering, withdrawn for its memory; 25: as 23; 26: stop
# 43's town named without its state, read near the town of the outlet a masthead or dateline names; 27:
# a place without a post office of its own, in the county of the office that serves it; 28: the pairs
# within a part that blocking missed, scored at clustering again, a few parts at a time in order of their
# days, DuckDB's blocks dropped after each few of a relink; 29: a town beside a county several states
# hold it in, the county's state as read, and that county's votes counted once; 30: a town whose listed
# namesake's county and state the report names, even beside a large town of the name elsewhere; 31: stop
# 44's town in the region of the outlet's town, as if its region were named; 32: a name in a list of
# counties, "in Orange and Seminole counties", no town; 33: one wounded whose own sentence says he died is
# no wounded; 34: the surname of a person the knowledge base or a full name knows, even one that reads as
# a plural, "Morales"; 35: targets who are two people by name, of an act other than an attack, are two
# acts; 36: the full name a description ends with, "former Massachusetts congressman Barney Frank"; 37: a
# surname that reads as a plural after a given name, "Jamal Williams").
IDENTITY_VERSION = 37
# the tables of what identity computes from the stored articles (not `article_inputs`: what input named
# each article is read, not computed)
IDENTITY_TABLES = (
    "article_profiles",
    "article_keys",
    "article_facts",
    "story_pairs",
    "story_parts",
    "story_members",
    "story_unsettled",
    "story_prior_bins",
    "story_prior",
    "record_members",
)
_CHUNK = 500  # articles profiled and linked at a time when a whole store is linked

# every town a report votes for (`article_facts.places`; tidings.link.setting.ReportPlace.votes)
PLACE_VOTES = "STRUCT(place VARCHAR, region VARCHAR, country VARCHAR, score DOUBLE, named BOOLEAN)[]"

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
    terms VARCHAR[],              -- its weighted terms (channel:text), each channel a unit vector
    weights FLOAT[],
    leads VARCHAR[]               -- the terms of the people it is about
);
CREATE TABLE IF NOT EXISTS article_keys (
    term VARCHAR NOT NULL,        -- one of the article's heaviest names and words
    article_id VARCHAR NOT NULL,
    published DATE
);
CREATE TABLE IF NOT EXISTS article_facts (
    article_id VARCHAR NOT NULL,  -- what the report says of its happening (tidings.link.casualties, setting)
    killed INTEGER,               -- the dead of the attack it tells of (null: it tells of none)
    injured INTEGER,
    place VARCHAR,                -- the town or county it tells of
    region VARCHAR,               -- its first-level region (a US state)
    country VARCHAR,
    place_score DOUBLE,           -- how strongly (dateline, title, mentions)
    lead_date DATE,               -- the earliest day its title or lead names (tidings.link.when)
    event_day DATE,               -- the day it says its happening happened (tidings.link.when.event_date)
    region_named BOOLEAN,         -- the report names its place's region (tidings.link.setting)
    lead_weekdays UTINYINT,       -- the weekdays its title or lead names, as bits (Monday 1 .. Sunday 64)
    places """
    + PLACE_VOTES
    + """          -- every town it names as its place, with its votes (its story weighs all)
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
CREATE TABLE IF NOT EXISTS story_unsettled (
    part VARCHAR NOT NULL         -- a large part whose newest articles' stories are provisional
);
CREATE TABLE IF NOT EXISTS story_prior_bins (
    bin INTEGER NOT NULL,         -- a bin of candidate probabilities (tidings.link.prior.bin_of)
    pairs BIGINT NOT NULL         -- how many of the store's candidates fall in it
);
CREATE TABLE IF NOT EXISTS story_prior (
    prior DOUBLE NOT NULL         -- the share of same-story pairs the stories were clustered at
);
CREATE TABLE IF NOT EXISTS identity_layout (
    version INTEGER NOT NULL      -- the IDENTITY_VERSION the identity tables were written by
);
CREATE INDEX IF NOT EXISTS article_inputs_article ON article_inputs (article_id);
CREATE INDEX IF NOT EXISTS article_profiles_article ON article_profiles (article_id);
CREATE INDEX IF NOT EXISTS article_keys_article ON article_keys (article_id);
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

_PLACE_VOTE = pa.struct(
    [
        ("place", pa.string()),
        ("region", pa.string()),
        ("country", pa.string()),
        ("score", pa.float64()),
        ("named", pa.bool_()),
    ]
)
_FACTS_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("killed", pa.int32()),
        ("injured", pa.int32()),
        ("place", pa.string()),
        ("region", pa.string()),
        ("country", pa.string()),
        ("place_score", pa.float64()),
        ("lead_date", pa.date32()),
        ("event_day", pa.date32()),
        ("region_named", pa.bool_()),
        ("lead_weekdays", pa.uint8()),
        ("places", pa.list_(_PLACE_VOTE)),
    ]
)
_PROFILES_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("published", pa.date32()),
        ("years", pa.list_(pa.int16())),
        ("terms", pa.list_(pa.string())),
        ("weights", pa.list_(pa.float32())),
        ("leads", pa.list_(pa.string())),
    ]
)
_KEYS_SCHEMA = pa.schema([("term", pa.string()), ("article_id", pa.string()), ("published", pa.date32())])


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
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], model: IdentityModel | None = None
) -> IdentityCounts:
    """Put these stored articles (not linked yet) into stories, re-clustering the parts they touch
    (with the package's identity model unless `model` is given).

    Runs inside the caller's transaction (`tidings.store.write.write_shard`)."""
    ids = sorted(set(article_ids))
    if not ids:
        return IdentityCounts()
    model = model or load_identity_model()
    add_profiles(con, ids)
    scored = _scored_pairs(con, ids, model)
    _add_bins(con, histogram(scored.values()))
    floor = stored_floor(model)
    pairs = {pair: p for pair, p in scored.items() if p >= floor}
    _store_pairs(con, pairs)
    prior = estimate_prior(_bins(con), model.prior)
    if prior != _stored_prior(con):
        # the store's share moved a step: every probability is adjusted anew, so every part
        parts_found = _relink_parts(con, model, prior)
        return IdentityCounts(articles=len(ids), pairs=len(pairs), parts=parts_found)
    strong_floor = unadjusted(model.same_story, prior, model.prior)
    strong = {pair: p for pair, p in pairs.items() if p >= strong_floor}
    parts = _update_parts(con, ids, list(strong))
    sizes = _part_sizes(con, parts)
    large = [part for part in parts if sizes.get(part, 0) > LARGE_PART]
    regroup = _cluster_parts(con, [part for part in parts if sizes.get(part, 0) <= LARGE_PART], model, prior)
    if large:
        regroup += _join_provisionally(con, ids, large, strong)
    group_records(con, regroup)  # once for both: each call reads events, actors and links
    return IdentityCounts(articles=len(ids), pairs=len(pairs), parts=len(parts))


def settle_stories(con: duckdb.DuckDBPyConnection, model: IdentityModel | None = None) -> int:
    """Cluster again, exactly, every large part whose newest articles joined stories provisionally
    (`LARGE_PART`); returns how many parts. Runs in the caller's transaction. After it, the stories are
    those of clustering every part at once, whatever the order and batches of ingest."""
    parts = [
        row[0] for row in con.execute("SELECT DISTINCT part FROM story_unsettled ORDER BY part").fetchall()
    ]
    if parts:
        model = model or load_identity_model()
        prior = _stored_prior(con) or model.prior
        group_records(con, _cluster_parts(con, parts, model, prior))
        con.execute("DELETE FROM story_unsettled")
    return len(parts)


def unsettled_parts(con: duckdb.DuckDBPyConnection) -> int:
    """How many large parts hold provisional stories (0 for a store written before there were any)."""
    try:
        return int(con.execute("SELECT count(DISTINCT part) FROM story_unsettled").fetchall()[0][0])
    except duckdb.CatalogException:
        return 0


def link_pending(con: duckdb.DuckDBPyConnection, model: IdentityModel | None = None) -> int:
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
    settle_stories(con, model)
    return len(pending)


def stored_identity_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The `IDENTITY_VERSION` the store's identity tables were written by; None where a Tidings that noted
    none wrote them."""
    try:
        version = con.execute("SELECT max(version) FROM identity_layout").fetchall()[0][0]
    except duckdb.CatalogException:
        return None
    return None if version is None else int(version)


def identity_outdated(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's identity tables were written by another `IDENTITY_VERSION` (or by a Tidings
    that noted none)."""
    return stored_identity_version(con) != IDENTITY_VERSION


def relink_outdated(con: duckdb.DuckDBPyConnection, model: IdentityModel | None = None) -> int:
    """Link every stored article again when the identity tables are of another version: all they hold is
    forgotten and computed anew (story and record ids are those of their articles and events, so they
    stay where the stories do). Returns how many articles; runs in the caller's transaction."""
    if not identity_outdated(con):
        return 0
    for table in IDENTITY_TABLES:
        con.execute(f"DELETE FROM {table}")
    linked = link_pending(con, model)
    _set_identity_version(con)
    return linked


def stored_floor(model: IdentityModel) -> float:
    """The least probability of a pair kept in `story_pairs`: one whose probability adjusted to the
    highest share of same-story pairs a store can have (`tidings.link.prior.PRIOR_MAX`) reaches
    `model.kept`. The same in every store, whatever share it comes to; a pair not stored counts 0 in
    averages, one stored counts its adjusted probability."""
    return unadjusted(model.kept, PRIOR_MAX, model.prior)


def _add_bins(con: duckdb.DuckDBPyConnection, bins: dict[int, int]) -> None:
    """Add candidates to the store's histogram of their probabilities."""
    if not bins:
        return
    con.register("new_bins", pa.table({"bin": list(bins), "pairs": list(bins.values())}))
    try:
        con.execute(
            "INSERT INTO story_prior_bins SELECT n.bin, 0 FROM new_bins n"
            " ANTI JOIN story_prior_bins o ON o.bin = n.bin"
        )
        con.execute(
            "UPDATE story_prior_bins o SET pairs = o.pairs + n.pairs FROM new_bins n WHERE o.bin = n.bin"
        )
    finally:
        con.unregister("new_bins")


def _bins(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    return {int(b): int(n) for b, n in con.execute("SELECT bin, pairs FROM story_prior_bins").fetchall()}


def _stored_prior(con: duckdb.DuckDBPyConnection) -> float | None:
    """The share of same-story pairs the store's stories were clustered at (None: none yet)."""
    row = con.execute("SELECT max(prior) FROM story_prior").fetchall()
    return None if not row or row[0][0] is None else float(row[0][0])


def _relink_parts(con: duckdb.DuckDBPyConnection, model: IdentityModel, prior: float) -> int:
    """Find every connected part again at this share of same-story pairs, cluster each exactly and note
    the share; returns how many parts. Provisional stories of large parts are settled on the way."""
    con.execute("DELETE FROM story_prior")
    con.execute("INSERT INTO story_prior VALUES (?)", [prior])
    articles = [row[0] for row in con.execute("SELECT article_id FROM article_profiles").fetchall()]
    strong = con.execute(
        "SELECT first, second FROM story_pairs WHERE score >= ?",
        [unadjusted(model.same_story, prior, model.prior)],
    ).fetchall()
    groups = connected_parts(articles, [(a, b) for a, b in strong])
    stored = con.execute("SELECT article_id, part FROM story_parts").fetchall()
    write_changed(con, "story_parts", stored, [(a, group[0]) for group in groups for a in group])
    con.execute("DELETE FROM story_unsettled")
    # a few parts at a time (each is clustered on its own pairs, its records grouped on its own stories, so
    # the result is the same): clustering every part of the store at once held all its members, pairs and
    # records in memory, a peak that grew with the store at every step of the share (docs/identity.md,
    # "Stop 40"). The parts are taken in order of their first day, so that what is read for a few of them
    # (the profiles of their pairs that blocking missed, `_score_within_parts`) is bounded by their days:
    # in the order of their ids each few spanned every day of the store (docs/identity.md, "Stop 43")
    days = dict(con.execute("SELECT article_id, published FROM article_profiles").fetchall())
    groups = sorted(groups, key=lambda group: (_first_day(group, days), group[0]))
    chunk: list[str] = []
    held = 0
    for group in groups:
        chunk.append(group[0])
        held += len(group)
        if held >= _CHUNK or group is groups[-1]:
            group_records(con, _cluster_parts(con, chunk, model, prior))
            # the blocks read for these few parts (their days' profiles and keys) are not needed for
            # the next: kept, DuckDB's memory grew through a relink to hold every day of the store
            drop_table_blocks(con)
            chunk, held = [], 0
    return len(groups)


def _set_identity_version(con: duckdb.DuckDBPyConnection) -> None:
    """Note that the identity tables are of this `IDENTITY_VERSION`."""
    con.execute("DELETE FROM identity_layout")
    con.execute("INSERT INTO identity_layout VALUES (?)", [IDENTITY_VERSION])


def add_profiles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Profile these stored articles (`articles`: id, title, text, published) for identity: their
    profiles, keys and facts, replacing any they had. An article stored without a publication date is
    profiled as of the full date its dateline gives, if any (`tidings.link.when.dateline_date`)."""
    rows = [
        # a report read without its date is dated by its dateline, when it has one (tidings.link.when)
        (ident, title, text, published or dateline_date(text, title))
        for ident, title, text, published in con.execute(
            f"SELECT id, title, text, published FROM articles WHERE {among_ids('id')}", [ids]
        ).fetchall()
    ]
    frequencies = load_word_frequencies()
    profiles = [
        profile_of(ident, text, title=title, published=published, frequencies=frequencies)
        for ident, title, text, published in rows
    ]
    for table in ("article_profiles", "article_keys", "article_facts", "story_parts", "story_members"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM story_pairs WHERE first IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM story_pairs WHERE second IN (SELECT unnest(?::VARCHAR[]))", [ids])
    _insert(con, "article_profiles", pa.Table.from_pylist(_profile_rows(profiles), schema=_PROFILES_SCHEMA))
    keys = [
        {"term": t.term, "article_id": p.article_id, "published": p.published}
        for p in profiles
        for t in p.terms
        if t.key
    ]
    _insert(con, "article_keys", pa.Table.from_pylist(keys, schema=_KEYS_SCHEMA))
    _insert(con, "article_facts", pa.Table.from_pylist(_fact_rows(rows), schema=_FACTS_SCHEMA))


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    con.register("identity_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM identity_rows")
    finally:
        con.unregister("identity_rows")


def _fact_rows(articles: list[tuple[str, str | None, str, dt.date | None]]) -> list[dict[str, object]]:
    gazetteer = load_gazetteer()
    out: list[dict[str, object]] = []
    for ident, title, text, published in articles:
        harm = casualties_of(text, title)
        place = place_of(text, gazetteer, title)
        out.append(
            {
                "article_id": ident,
                "killed": harm.killed,
                "injured": harm.injured,
                "place": place.name if place else None,
                "region": place.region if place else None,
                "country": place.country if place else None,
                "place_score": place.score if place else None,
                "lead_date": lead_date(text, published, title),
                "event_day": event_date(text, published, title),
                "region_named": place.region_named if place else None,
                "lead_weekdays": lead_weekdays(text, title),
                "places": [
                    {"place": name, "region": region, "country": country, "score": score, "named": named}
                    for name, region, country, score, named in place.votes
                ]
                if place
                else None,
            }
        )
    return out


def _profile_rows(profiles: Iterable[Profile]) -> list[dict[str, object]]:
    return [
        {
            "article_id": p.article_id,
            "published": p.published,
            "years": list(p.years),
            "terms": [t.term for t in p.terms],
            "weights": [t.weight for t in p.terms],
            "leads": [t.term for t in p.terms if t.lead],
        }
        for p in profiles
    ]


def _candidates(
    con: duckdb.DuckDBPyConnection, ids: list[str]
) -> tuple[list[tuple[str, str]], dict[str, dt.date | None]]:
    """Pairs (first < second) of a new article and an article that shares at least MIN_SHARED_KEYS of
    its keys and was published within WINDOW_DAYS of it (or is undated): blocking, in DuckDB. Of a new
    article's candidates, the `MAX_CANDIDATES` that share the most keys (then the nearest in time, then
    the smallest id) are kept. Returns the pairs and the publication day of each of their articles."""
    rows = con.execute(
        """
        WITH new_keys AS (
            SELECT term, article_id, published FROM article_keys
            WHERE article_id IN (SELECT unnest($ids::VARCHAR[]))
        ), shared AS (
            SELECT n.article_id AS new, o.article_id AS old, count(*) AS keys,
                   any_value(n.published) AS new_day, any_value(o.published) AS old_day,
                   abs(date_diff('day', any_value(n.published), any_value(o.published))) AS days
            FROM new_keys n JOIN article_keys o ON o.term = n.term AND o.article_id <> n.article_id
            WHERE n.published IS NULL OR o.published IS NULL
               OR abs(date_diff('day', n.published, o.published)) <= $window
            GROUP BY n.article_id, o.article_id
            HAVING count(*) >= CASE WHEN any_value(n.published) IS NULL OR any_value(o.published) IS NULL
                                      OR abs(date_diff('day', any_value(n.published), any_value(o.published)))
                                         <= $near THEN $shared ELSE $far END
        )
        SELECT new, old, new_day, old_day FROM shared
        QUALIFY row_number() OVER (PARTITION BY new ORDER BY keys DESC, days NULLS LAST, old) <= $most
        """,
        {
            "ids": ids,
            "shared": MIN_SHARED_KEYS,
            "far": FAR_SHARED_KEYS,
            "near": NEAR_DAYS,
            "window": WINDOW_DAYS,
            "most": MAX_CANDIDATES,
        },
    ).fetchall()
    days = {}
    for new_id, old_id, new_day, old_day in rows:
        days[new_id], days[old_id] = new_day, old_day
    return sorted({(min(a, b), max(a, b)) for a, b, _, _ in rows}), days


def _stored_profiles(con: duckdb.DuckDBPyConnection, days: dict[str, dt.date | None]) -> pa.Table:
    """The stored profiles of these articles (id: publication day) as Arrow columns (no term becomes a
    Python string).

    The read is bounded by the days as well as by the ids: DuckDB then skips the row groups whose days
    all fall outside (their zone maps), which an ingest in rough order of publication (a feed, an archive
    read by date) leaves nearly all the old ones. By the ids alone it reads the whole table into its
    buffer each batch, a table of long lists that grows with the store: identity alone over 20,000
    articles (`bench/identity_cost.py --memory-only`) then held 30 MiB of its blocks after a batch at
    8,000 articles, 17 at 2,000 (docs/identity.md, "Cost"). The bound is the days the store holds for
    these articles (`article_keys`, written with the profiles), so that it leaves none out; if one is
    missing all the same, the read is made again by the ids alone.

    `= ANY(ids)`, not `among_ids`: with a batch's ~2,000 candidates, `list_contains` over the rows of this
    table of long lists cost 0.92 CPU s a batch in a store of 7,000 articles being written, `ANY` 0.105,
    a join with the ids 0.097 (in a store of 20,000 written at once all three 0.23-0.24). The join reads
    the whole table and its memory grows with it: identity alone over 20,000 articles
    (`bench/identity_cost.py --memory-only`) peaked 1.25 times its peak at 2,000 with the join, 1.17 with
    `ANY`, 1.12 with `list_contains`."""
    ids = sorted(days)
    dated = [day for day in days.values() if day is not None]
    query = (
        "SELECT article_id, published, years, terms, weights, leads FROM article_profiles"
        " WHERE article_id = ANY($ids::VARCHAR[])"
    )
    if dated:
        undated = " OR published IS NULL" if len(dated) < len(days) else ""
        bounded = con.sql(
            f"{query} AND (published BETWEEN $first AND $last{undated})",
            params={"ids": ids, "first": min(dated), "last": max(dated)},
        ).to_arrow_table()
        if bounded.num_rows == len(ids):
            return bounded
    return con.sql(query, params={"ids": ids}).to_arrow_table()


def _stored_facts(
    con: duckdb.DuckDBPyConnection, ids: list[str]
) -> dict[str, tuple[dt.date | None, str | None, int]]:
    """The day each article's lead names, the town it tells of and the weekdays its lead names
    (`article_facts`; a store written before the weekdays has none: 0)."""
    return {
        ident: (lead_day, town, weekdays or 0)
        for ident, lead_day, town, weekdays in con.execute(
            "SELECT article_id, lead_date,"
            " CASE WHEN place IS NOT NULL THEN concat_ws('|', place, region, country,"
            " CASE WHEN region_named THEN 'named' ELSE 'guessed' END) END, lead_weekdays"
            f" FROM article_facts WHERE {among_ids('article_id')}",
            [ids],
        ).fetchall()
    }


def candidate_features(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[tuple[str, str], PairFeatures]:
    """The candidates of these profiled articles (blocking) and their features: what the model scores
    at ingest, and what `scripts/training/train_identity.py` trains it on. What each pair shares is
    computed over the columns of all their profiles at once (`tidings.link.shared_terms`)."""
    pairs, days = _candidates(con, ids)
    return _features_of(con, pairs, days, frozenset(ids))


def _features_of(
    con: duckdb.DuckDBPyConnection,
    pairs: list[tuple[str, str]],
    days: dict[str, dt.date | None],
    new: frozenset[str],
) -> dict[tuple[str, str], PairFeatures]:
    """The features of these pairs (first < second) of stored articles (id: publication day), each pair
    holding an article of `new`."""
    if not pairs:
        return {}
    needed = sorted(days)
    profiles = _stored_profiles(con, days)
    shared = shared_terms(profiles, pairs, new, CHANNELS)
    published = dict(
        zip(profiles.column("article_id").to_pylist(), profiles.column("published").to_pylist(), strict=True)
    )
    years = {
        ident: tuple(found or ())
        for ident, found in zip(
            profiles.column("article_id").to_pylist(), profiles.column("years").to_pylist(), strict=True
        )
    }
    facts = _stored_facts(con, needed)
    out = {}
    for a, b in pairs:
        fact_a, fact_b = facts.get(a, (None, None, 0)), facts.get(b, (None, None, 0))
        town_a, town_b = fact_a[1], fact_b[1]
        if town_a and town_b and town_a != town_b:
            if _one_town(town_a, town_b):
                fact_b = (fact_b[0], town_a, fact_b[2])
            elif _one_in_the_other(town_a, town_b):
                fact_a, fact_b = (fact_a[0], None, fact_a[2]), (fact_b[0], None, fact_b[2])
        out[(a, b)] = pair_features(
            shared[(a, b)].cosines,
            (years[a], years[b]),
            (published[a], published[b]),
            shared[(a, b)].leads,  # lead people are names: the other's terms hold them where its names do
            (fact_a[0], fact_b[0]),
            (fact_a[1], fact_b[1]),
            (fact_a[2], fact_b[2]),
        )
    return out


def _one_town(first: str, second: str) -> bool:
    """Whether two reports' towns ("name|region|country|named") are one: the same name (in any of its forms:
    "Rosario" and the gazetteer's Brazilian "Rosário"), where at least one report does not name the region
    its town was read in (the gazetteer's guess: "Naples" read as Naples, Italy beside "Naples, Florida")."""
    a, b = first.split("|"), second.split("|")
    return name_key(a[0]) == name_key(b[0]) and "guessed" in (a[-1], b[-1])


@lru_cache(maxsize=1 << 16)  # towns repeat across a batch's pairs; a look-up in the gazetteer does not
def _one_in_the_other(first: str, second: str) -> bool:
    """Whether of two reports' towns ("name|region|country|named") one lies in the other, a county and a
    town of it, a large town and a borough (tidings.link.setting.one_in_the_other): neither the same town
    nor two."""
    a, b = first.split("|"), second.split("|")
    return len(a) == len(b) == 4 and one_in_the_other((a[0], a[1], a[2]), (b[0], b[1], b[2]))


def _scored_pairs(
    con: duckdb.DuckDBPyConnection, ids: list[str], model: IdentityModel
) -> dict[tuple[str, str], float]:
    """The candidates of the new articles (blocking) and their scores (the model's probabilities)."""
    # rounded: a sum of products in another order must not change a decision
    return {
        pair: round(model.probability(features), 6) for pair, features in candidate_features(con, ids).items()
    }


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
        con.execute("UPDATE story_unsettled SET part = ? WHERE part = ?", [part, old])
    _insert(con, "story_parts", pa.table({"article_id": [a for a, _ in rows], "part": [p for _, p in rows]}))
    return [group[0] for group in groups]


def _cluster_parts(
    con: duckdb.DuckDBPyConnection, parts: list[str], model: IdentityModel, prior: float
) -> list[str]:
    """Cluster these parts again, their pairs' probabilities adjusted to the store's share of same-story
    pairs (`prior`), and write the stories that changed; returns the articles of those stories, whose
    records are to be grouped again."""
    members: dict[str, list[str]] = defaultdict(list)
    for article_id, part in con.execute(
        "SELECT article_id, part FROM story_parts WHERE part IN (SELECT unnest(?::VARCHAR[]))"
        " ORDER BY article_id",
        [parts],
    ).fetchall():
        members[part].append(article_id)
    articles = [a for part in parts for a in members[part]]
    # the pairs within each part of two articles or more, by part (average link reads only its own)
    part_of = {a: part for part in parts if len(members[part]) > 1 for a in members[part]}
    scores: dict[str, dict[tuple[str, str], float]] = defaultdict(dict)
    for first, second, score in con.execute(
        "SELECT first, second, score FROM story_pairs"
        " WHERE first IN (SELECT unnest($ids::VARCHAR[])) AND second IN (SELECT unnest($ids::VARCHAR[]))",
        {"ids": sorted(part_of)},
    ).fetchall():
        if part_of[first] == part_of[second]:
            scores[part_of[first]][(first, second)] = adjusted(score, prior, model.prior)
    _score_within_parts(con, members, scores, model, prior)
    rows = []
    for part in parts:
        if len(members[part]) == 1:
            rows.append((members[part][0], story_id_of(members[part])))
            continue
        for story in average_link(members[part], scores[part], model.same_story):
            story_id = story_id_of(story)
            rows += [(a, story_id) for a in story]
    stored = con.execute(
        "SELECT article_id, story_id FROM story_members WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [articles],
    ).fetchall()
    return _write_stories(con, stored, rows)


def _score_within_parts(
    con: duckdb.DuckDBPyConnection,
    members: dict[str, list[str]],
    scores: dict[str, dict[tuple[str, str], float]],
    model: IdentityModel,
    prior: float,
) -> None:
    """Score the pairs within each part of three to IN_PART_ARTICLES articles that share a key term but
    that blocking did not find (too few keys in common, or too far apart in time) or found below the
    stored floor, so that average link weighs what the model says of them rather than nothing: a report
    that shares too few key terms with another report of its story is still compared with it once both
    are in one part (on ECB+, B3 87.01 -> 87.98; GVC unchanged). A pair below the floor counts nothing, as
    before, and so does a pair that shares no key term (two shootings of one day in two towns, joined in a
    part by a third report, stay apart), nor does a term more than MAX_CANDIDATES articles of the part
    hold (blocking's own bound: in a part of near-duplicates the pairs blocking left out are those past its
    limit). The parts are a function of the stored articles, and so are these scores: the stories stay
    independent of the order of ingest. Parts are scored a few at a time in order of their first day
    (IN_PART_ARTICLES_AT_A_TIME), each few's reads bounded by their days."""
    chosen = [part for part, found in members.items() if 3 <= len(found) <= IN_PART_ARTICLES]
    if not chosen:
        return
    days: dict[str, dt.date | None] = dict(
        con.execute(
            "SELECT article_id, published FROM article_profiles WHERE article_id = ANY($ids::VARCHAR[])",
            {"ids": sorted(a for part in chosen for a in members[part])},
        ).fetchall()
    )
    stored = {pair for part_scores in scores.values() for pair in part_scores}
    few: list[str] = []
    held = 0
    ordered = sorted(chosen, key=lambda part: (_first_day(members[part], days), part))
    for part in ordered:
        few.append(part)
        held += len(members[part])
        if held >= IN_PART_ARTICLES_AT_A_TIME or part == ordered[-1]:
            part_of = {a: p for p in few for a in members[p] if a in days}
            for pair, probability in _missed_pairs(con, part_of, days, stored, model):
                scores[part_of[pair[0]]][pair] = adjusted(probability, prior, model.prior)
            few, held = [], 0


def _first_day(articles: Iterable[str], days: dict[str, dt.date | None]) -> dt.date:
    """The first publication day of these articles (the latest possible date when none is dated): the
    order in which parts are read a few at a time, so that each few's reads are bounded by their days."""
    return min((day for a in articles if (day := days.get(a)) is not None), default=dt.date.max)


def _missed_pairs(
    con: duckdb.DuckDBPyConnection,
    part_of: dict[str, str],
    days: dict[str, dt.date | None],
    stored: AbstractSet[tuple[str, str]],
    model: IdentityModel,
) -> Iterator[tuple[tuple[str, str], float]]:
    """The pairs of articles of one part (`part_of`: article -> part) that share a key term held by at most
    MAX_CANDIDATES articles of their part, are not `stored`, and that the model puts at the stored floor
    or above, with their probabilities. The keys are read by the articles' ids and days (DuckDB then
    skips the row groups of other days), the stored pairs are the caller's: a join with either whole
    table would read it into DuckDB's buffer at every batch."""
    dated = [day for a in part_of if (day := days[a]) is not None]
    bound = ""
    params: dict[str, object] = {"ids": sorted(part_of), "most": MAX_CANDIDATES}
    if dated:
        undated = " OR published IS NULL" if len(dated) < len(part_of) else ""
        bound = f" AND (published BETWEEN $first AND $last{undated})"
        params |= {"first": min(dated), "last": max(dated)}
    con.register("part_rows", pa.table({"article_id": list(part_of), "part": list(part_of.values())}))
    try:
        found = con.sql(
            "WITH held AS (SELECT k.term, k.article_id, p.part FROM"
            f" (SELECT term, article_id FROM article_keys WHERE article_id = ANY($ids::VARCHAR[]){bound}) k"
            " JOIN part_rows p ON p.article_id = k.article_id),"
            " rare AS (SELECT * FROM held QUALIFY count(*) OVER (PARTITION BY part, term) <= $most)"
            " SELECT DISTINCT a.article_id AS first, b.article_id AS second FROM rare a JOIN rare b"
            " ON b.part = a.part AND b.term = a.term AND a.article_id < b.article_id"
            " ORDER BY first, second",
            params=params,
        ).to_arrow_table()
    finally:
        con.unregister("part_rows")
    firsts, seconds = found.column("first").to_pylist(), found.column("second").to_pylist()
    missing = [pair for pair in zip(firsts, seconds, strict=True) if pair not in stored]
    floor = stored_floor(model)
    for start in range(0, len(missing), IN_PART_CHUNK):
        pairs = missing[start : start + IN_PART_CHUNK]
        needed = {a: days[a] for pair in pairs for a in pair}
        for pair, features in _features_of(con, pairs, needed, frozenset(needed)).items():
            probability = round(model.probability(features), 6)
            if probability >= floor:
                yield pair, probability


def _write_stories(
    con: duckdb.DuckDBPyConnection, stored: list[tuple[str, str]], rows: list[tuple[str, str]]
) -> list[str]:
    """Write the stories `rows` (article, story) over `stored` (their rows as they are), only the articles
    whose story changed; returns the articles of the stories that changed, before or after, whose
    records are to be grouped again. A story whose articles are the same has the same records (its
    articles' events never change), so the rest of a large part is not read again."""
    changed = write_changed(con, "story_members", stored, rows)
    before, after = dict(stored), dict(rows)
    touched = {before[a] for a in changed if a in before} | {after[a] for a in changed if a in after}
    return [a for a, story in rows if story in touched]


def _part_sizes(con: duckdb.DuckDBPyConnection, parts: list[str]) -> dict[str, int]:
    return dict(
        con.execute(
            "SELECT part, count(*) FROM story_parts WHERE part IN (SELECT unnest(?::VARCHAR[]))"
            " GROUP BY part",
            [parts],
        ).fetchall()
    )


def _join_provisionally(
    con: duckdb.DuckDBPyConnection,
    ids: list[str],
    parts: list[str],
    strong: dict[tuple[str, str], float],
) -> list[str]:
    """Put the new articles of these large parts into the story of their likeliest strong pair with an
    article that has one (a chain of new articles follows its likeliest member that reaches one; ties
    by ids), and note the parts as unsettled; returns the articles of the stories that changed. Every
    article is always in a story; `settle_stories` decides them exactly."""
    placed = set(
        row[0]
        for row in con.execute(
            "SELECT article_id FROM story_parts WHERE part IN (SELECT unnest(?::VARCHAR[]))"
            " AND article_id IN (SELECT unnest(?::VARCHAR[]))",
            [parts, ids],
        ).fetchall()
    )
    neighbours = sorted(
        {x for pair in strong for x in pair if pair[0] in placed or pair[1] in placed} - placed
    )
    story_of = dict(
        con.execute(
            "SELECT article_id, story_id FROM story_members"
            " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [neighbours],
        ).fetchall()
    )
    ranked = sorted(strong.items(), key=lambda item: (-item[1], item[0]))
    joins = dict(story_of)  # article -> the story it is in, or joins for now
    progress = True
    while progress:  # a new article joins the story of its likeliest pair that has one
        progress = False
        for (a, b), _ in ranked:
            for new, other in ((a, b), (b, a)):
                if new in placed and new not in joins and other in joins:
                    joins[new] = joins[other]
                    progress = True
    groups: dict[str, set[str]] = defaultdict(set)
    for article in placed:
        groups[joins.get(article, article)].add(article)  # none reached: a story of its own
    old_stories = sorted(set(groups) & set(story_of.values()))
    members: dict[str, list[str]] = defaultdict(list)
    for story, article in con.execute(
        "SELECT story_id, article_id FROM story_members WHERE story_id IN (SELECT unnest(?::VARCHAR[]))",
        [old_stories],
    ).fetchall():
        members[story].append(article)
    stored, rows = [], []
    for key, new_articles in groups.items():
        story = sorted(set(members.get(key, [])) | new_articles)
        story_id = story_id_of(story)
        rows += [(a, story_id) for a in story]
        stored += [(a, key) for a in members.get(key, [])]
    touched = _write_stories(con, stored, rows)
    con.execute(
        "INSERT INTO story_unsettled SELECT part FROM (SELECT unnest(?::VARCHAR[]) AS part)"
        " WHERE part NOT IN (SELECT part FROM story_unsettled)",
        [sorted(parts)],
    )
    return touched
