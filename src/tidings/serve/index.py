"""The events' filter columns, held in memory by each server process: a page of events and its total,
stats, an event's other reports and links, an actor's page and latest events, actor searches and an
article's events are found in arrays of a few bytes an event, instead of a scan of the store for each
request; only the records shown are then read from the store.

`EventIndex` reads them from the store in one read transaction (about a second for 175,000 events, and
the words of the evidence sentences, `read_words`, about four more; some 90 MB in all). The events are
held in the list's order (`events.rank_newest`, `rank_within`: newest first), so that an event's
position is its place in the list and the first matching positions after a cursor are a page. Nothing
of it is stored: a store opened read-only cannot change while it is served, and
`tidings.serve.reader.StoreReader` reads the index again after each write.

Filters it does not hold (an actor by name or entity id, a text other than one word of ASCII letters
and digits) are answered by SQL as before: `EventIndex.matching` returns None for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt

from tidings.store.query import EventQuery, actor_codes

__all__ = ["EventIndex", "ListKey"]

_EPOCH = dt.date(1970, 1, 1)
_ROLES = {False: "actor", True: "recipient"}
_WORD = re.compile(r"[0-9a-z]+")  # a word as the index keeps them: a text of these is found within one
_U64 = 2**64
_CERTAIN_SETS = 16  # masks of the events of a set of certainties kept (175 KB each on 175,000 events)
_HALVES = "({0} >> 64)::UBIGINT AS {1}_high, ({0} & 18446744073709551615::HUGEINT)::UBIGINT AS {1}_low"

# (rank, within) of an event: its place in the list, as `events.rank_newest` (or `rank_oldest`) and
# `rank_within` hold it (tidings.store.derived)
ListKey = tuple[int, int]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class _Order:
    """The events in one order of the list: `positions` (their newest-first positions, in this order)
    and the four 64-bit halves of each one's (rank, within), which sort as the list does."""

    positions: Ints
    halves: tuple[npt.NDArray[np.uint64], ...]

    def after(self, key: ListKey) -> int:
        """The first place in this order whose key is greater than `key`."""
        rank, within = key
        wanted = (rank >> 64, rank % _U64, within >> 64, within % _U64)
        low, high = 0, len(self.positions)
        for column, value in zip(self.halves, wanted, strict=True):
            if value >= _U64:  # beyond every stored key
                return high
            part = column[low:high]
            low, high = (
                low + int(np.searchsorted(part, np.uint64(value), "left")),
                low + int(np.searchsorted(part, np.uint64(value), "right")),
            )
        return high

    def key(self, place: int) -> ListKey:
        a, b, c, d = (int(column[place]) for column in self.halves)
        return (a << 64) | b, (c << 64) | d


class EventIndex:
    """The filter columns of every event and actor row of a store, in memory (see the module)."""

    size: int  # events
    article_ids: list[str]  # by article code
    _words: _Postings | None  # the words of the evidence sentences, once read (`read_words`)
    _titles: _Texts | None

    def __init__(self, con: duckdb.DuckDBPyConnection):
        """Read the index through `con` (a cursor of its own), in one read transaction."""
        # the events of each set of certainties asked (the default `occurred` in nearly every request)
        self._certain: dict[frozenset[int], Bools] = {}
        con.execute("BEGIN TRANSACTION")
        try:
            self._read(con)
        finally:
            con.execute("COMMIT")

    def read_words(self, con: duckdb.DuckDBPyConnection) -> None:
        """Read the words of the events' evidence sentences and of their articles' titles, which text
        filters then use (until then `matching` leaves them to SQL): several seconds for 175,000 events,
        so `StoreReader` reads them in the background for a large store."""
        con.execute("BEGIN TRANSACTION")
        try:
            self._read_words(con)
        finally:
            con.execute("COMMIT")

    def _read_words(self, con: duckdb.DuckDBPyConnection) -> None:
        positions = (
            "positions AS (SELECT id, (row_number() OVER (ORDER BY rank_newest, rank_within) - 1)::BIGINT"
            " AS position FROM events)"
        )
        count = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        if count != self.size:  # the store changed since the index was read: the next index reads them
            return
        # the words of each event's evidence sentence (lower-cased), and its article's title
        words = con.sql(
            f"WITH {positions}, w AS (SELECT DISTINCT p.position, unnest(regexp_extract_all("
            f"lower(e.evidence_sentence), '{_WORD.pattern}')) AS word"
            " FROM events e JOIN positions p ON p.id = e.id)"
            " SELECT word, list(position ORDER BY position) AS positions FROM w GROUP BY word ORDER BY word"
        ).to_arrow_table()
        words_found = _Postings(
            words.column("word").to_pylist(), words.column("positions").combine_chunks(), size=self.size
        )
        titles = con.execute(
            "WITH a AS (SELECT unnest($articles::VARCHAR[]) AS id,"
            " generate_subscripts($articles::VARCHAR[], 1) AS k)"
            " SELECT lower(t.title) FROM a LEFT JOIN articles t ON t.id = a.id ORDER BY a.k",
            {"articles": self.article_ids},
        ).fetchall()
        titles_found = _Texts([row[0] for row in titles])
        self._titles = titles_found
        self._words = words_found  # last: `matching` uses the words once they are here

    def _read(self, con: duckdb.DuckDBPyConnection) -> None:
        self._words = None
        self._titles = None
        vocabularies = {
            "types": "SELECT event_type FROM events",
            "certainties": "SELECT certainty FROM events",
            "countries": "SELECT location_country FROM events UNION ALL SELECT country FROM actors",
            "sectors": "SELECT sector FROM actors",
            "entities": "SELECT entity_id FROM actors",
            "articles": "SELECT article_id FROM events",
            "labels": "SELECT coalesce(name, text) FROM actors WHERE entity_id IS NOT NULL",
            "months": "SELECT strftime(date, '%Y-%m') FROM events",  # as `tidings.store.figures`
        }
        # each vocabulary's distinct values in order, their codes from 0 (-1: NULL)
        tables = {
            name: f"SELECT v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS code"
            f" FROM (SELECT DISTINCT v FROM ({values}) t(v) WHERE v IS NOT NULL)"
            for name, values in vocabularies.items()
        }
        found_values = {
            name: [row[0] for row in con.execute(f"SELECT v FROM ({sql}) ORDER BY code").fetchall()]
            for name, sql in tables.items()
        }
        self.types = _codes(found_values["types"])
        self.certainties = _codes(found_values["certainties"])
        self.countries = _codes(found_values["countries"])
        self.sectors = _codes(found_values["sectors"])
        self.entities = _codes(found_values["entities"])
        self.article_ids = found_values["articles"]
        self.article_code = _codes(self.article_ids)
        self.labels = found_values["labels"]
        self.type_names = found_values["types"]
        self.month_names = found_values["months"]
        self.entity_ids = found_values["entities"]
        self.country_names = found_values["countries"]
        self.sector_names = found_values["sectors"]
        with_codes = "WITH " + ", ".join(f"codes_{name} AS ({sql})" for name, sql in tables.items())
        positions = (
            "positions AS (SELECT id, (row_number() OVER (ORDER BY rank_newest, rank_within) - 1)::BIGINT"
            " AS position FROM events)"
        )

        def code(vocabulary: str, alias: str) -> str:
            return f"coalesce({alias}.code, -1)::INTEGER"

        def join(vocabulary: str, alias: str, column: str) -> str:
            return f" LEFT JOIN codes_{vocabulary} {alias} ON {alias}.v = {column}"

        # newest first: an event's position is its place in the list
        found = con.execute(
            f"{with_codes}, {positions}"
            f" SELECT p.position, {code('types', 't')} AS type, {code('certainties', 'c')} AS certainty,"
            " coalesce(date_diff('day', DATE '1970-01-01', e.date), 0)::INTEGER AS day,"
            f" e.date IS NOT NULL AS dated, {code('countries', 'l')} AS place,"
            f" {code('articles', 'a')} AS article, {code('months', 'mo')} AS month,"
            f" {_HALVES.format('e.rank_newest', 'newest')}, {_HALVES.format('e.rank_within', 'within')},"
            " e.rowid AS row, e.id, m.record_id, m.story_id FROM events e JOIN positions p ON p.id = e.id"
            + join("types", "t", "e.event_type")
            + join("certainties", "c", "e.certainty")
            + join("countries", "l", "e.location_country")
            + join("articles", "a", "e.article_id")
            + join("months", "mo", "strftime(e.date, '%Y-%m')")
            + " LEFT JOIN (SELECT event_id, min(record_id) AS record_id,"
            " arg_min(story_id, record_id) AS story_id FROM record_members GROUP BY event_id) m"
            " ON m.event_id = e.id ORDER BY p.position"
        ).fetchnumpy()
        self.size = len(found["id"])
        self.type = np.asarray(found["type"], dtype=np.int32)
        self.certainty = np.asarray(found["certainty"], dtype=np.int32)
        self.day = np.asarray(found["day"], dtype=np.int32)
        self.dated = np.asarray(found["dated"], dtype=np.bool_)
        self.place = np.asarray(found["place"], dtype=np.int32)
        self.article = np.asarray(found["article"], dtype=np.int32)
        self.month = np.asarray(found["month"], dtype=np.int64)
        self.ids: list[str] = found["id"].tolist()
        self.position = {event_id: position for position, event_id in enumerate(self.ids)}
        # where each event's row is (DuckDB's rowid: a few rows by rowid are found without a scan, by id
        # only up to 50)
        self.rows = np.asarray(found["row"], dtype=np.int64)
        self.record_ids: list[str | None] = _strings(found["record_id"])
        self.story_ids: list[str | None] = _strings(found["story_id"])
        self.newest = _Order(
            np.arange(self.size, dtype=np.int64),
            tuple(
                np.asarray(found[c], dtype=np.uint64)
                for c in ("newest_high", "newest_low", "within_high", "within_low")
            ),
        )
        oldest = con.execute(
            f"WITH {positions} SELECT p.position, {_HALVES.format('e.rank_oldest', 'oldest')},"
            f" {_HALVES.format('e.rank_within', 'within')} FROM events e JOIN positions p ON p.id = e.id"
            " ORDER BY e.rank_oldest, e.rank_within"
        ).fetchnumpy()
        self.oldest = _Order(
            np.asarray(oldest["position"], dtype=np.int64),
            tuple(
                np.asarray(oldest[c], dtype=np.uint64)
                for c in ("oldest_high", "oldest_low", "within_high", "within_low")
            ),
        )
        # actor rows, by their event's position
        rows = con.execute(
            f"{with_codes}, {positions}"
            " SELECT p.position, x.role = 'recipient' AS recipient,"
            f" {code('countries', 'k')} AS country, {code('sectors', 's')} AS sector,"
            f" {code('entities', 'n')} AS entity FROM actors x JOIN positions p ON p.id = x.event_id"
            + join("countries", "k", "x.country")
            + join("sectors", "s", "x.sector")
            + join("entities", "n", "x.entity_id")
            + " ORDER BY p.position, x.role, x.position"
        ).fetchnumpy()
        self.row_event = np.asarray(rows["position"], dtype=np.int64)
        self.row_recipient = np.asarray(rows["recipient"], dtype=np.bool_)
        self.row_country = np.asarray(rows["country"], dtype=np.int32)
        self.row_sector = np.asarray(rows["sector"], dtype=np.int32)
        self.row_entity = np.asarray(rows["entity"], dtype=np.int32)
        # each event's actor and recipient countries, each once
        pairs = np.unique(
            self.row_event[self.row_country >= 0] * len(self.countries)
            + self.row_country[self.row_country >= 0]
        )
        self.pair_event = pairs // max(len(self.countries), 1)
        self.pair_country = (pairs % max(len(self.countries), 1)).astype(np.int32)
        # the same by role (by event, then country): the dyads
        self.role_pairs: dict[bool, tuple[Ints, Ints]] = {}
        for recipient in (False, True):
            known = (self.row_country >= 0) & (self.row_recipient == recipient)
            coded = np.unique(self.row_event[known] * len(self.countries) + self.row_country[known])
            self.role_pairs[recipient] = (
                coded // max(len(self.countries), 1),
                coded % max(len(self.countries), 1),
            )
        # each event's actor rows: `row_event` is in order, so they run from event_rows[p] to [p + 1]
        self.event_rows = np.searchsorted(self.row_event, np.arange(self.size + 1), "left")
        # each entity's rows, newest event first
        self.entity_rows = np.argsort(self.row_entity, kind="stable")
        self.entity_starts = np.searchsorted(
            self.row_entity[self.entity_rows], np.arange(len(self.entities) + 1), "left"
        )
        # links by the event linked to (few: a dict), in the order of `Session.event`
        self.links_to: dict[str, list[dict[str, str]]] = {}
        for event_id, relation, target in con.execute(
            "SELECT event_id, relation, target_id FROM links ORDER BY target_id, event_id, position"
        ).fetchall():
            self.links_to.setdefault(target, []).append({"event": event_id, "relation": relation})
        # the articles of the events: their rows and publication dates, and their events
        articles = con.execute(
            f"{with_codes} SELECT a.code, t.rowid AS row, t.published IS NULL AS undated,"
            " coalesce(date_diff('day', DATE '1970-01-01', t.published), 0)::INTEGER AS day"
            " FROM codes_articles a JOIN articles t ON t.id = a.v ORDER BY a.code"
        ).fetchnumpy()
        self.article_rows = np.full(len(self.article_ids), -1, dtype=np.int64)
        self.article_rows[articles["code"]] = articles["row"]
        # publication order: undated last, then by date, then by id (codes are in id order)
        self.article_order = np.zeros(len(self.article_ids), dtype=np.int64)
        order = np.lexsort((articles["code"], articles["day"], articles["undated"]))
        self.article_order[articles["code"][order]] = np.arange(len(order))
        self.article_events = np.argsort(self.article, kind="stable")
        self.article_starts = np.searchsorted(
            self.article[self.article_events], np.arange(len(self.article_ids) + 1), "left"
        )
        # resolved actors' rows grouped by what a search compares and shows, with their number
        kinds = con.execute(
            f"{with_codes} SELECT {code('entities', 'n')} AS entity, x.role = 'recipient' AS recipient,"
            f" {code('labels', 'b')} AS label, {code('countries', 'k')} AS country,"
            f" {code('sectors', 's')} AS sector, {code('certainties', 'c')} AS certainty,"
            " lower(x.name) AS name, lower(x.text) AS text, count(*) AS rows FROM actors x"
            + join("entities", "n", "x.entity_id")
            + join("labels", "b", "coalesce(x.name, x.text)")
            + join("countries", "k", "x.country")
            + join("sectors", "s", "x.sector")
            + join("certainties", "c", "x.certainty")
            + " WHERE x.entity_id IS NOT NULL GROUP BY ALL ORDER BY ALL"
        ).fetchnumpy()
        self.kinds: dict[str, Any] = {
            field: np.asarray(kinds[field], dtype=np.bool_ if field == "recipient" else np.int64)
            for field in ("entity", "recipient", "label", "country", "sector", "certainty", "rows")
        }
        self._entity_names = self._read_names()
        # each lower-cased name and text, with the kinds of rows that hold it (as name or text)
        self.folded: dict[str, list[int]] = {}
        for field in ("name", "text"):
            for kind, value in enumerate(_strings(kinds[field])):
                if value is not None:
                    self.folded.setdefault(value, []).append(kind)

    # -- filters -------------------------------------------------------------------------------------

    def matching(self, query: EventQuery, *, folded: str | None = None) -> Bools | None:
        """Which events (by position) match `query` (its text lower-cased by DuckDB as `folded`), or
        None when it filters on what the index does not hold (an actor by name or entity id, a text of
        other characters than ASCII letters and digits)."""
        mask = np.ones(self.size, dtype=np.bool_)
        if query.text:
            if folded is None or not _WORD.fullmatch(folded) or self._words is None:
                return None
            mask = self._words.holding(folded)
            assert self._titles is not None
            titled = np.flatnonzero(self._titles.holds(folded))
            mask |= _among(self.article, titled, len(self.article_ids))
        for recipient, value in ((False, query.actor), (True, query.recipient)):
            if value:
                codes = actor_codes(value)
                if codes is None:
                    return None
                rows = self.row_recipient == recipient
                country, sector, both = codes
                if both:
                    rows &= (self.row_country == _code(self.countries, country)) & (
                        self.row_sector == _code(self.sectors, sector)
                    )
                else:
                    rows &= (self.row_country == _code(self.countries, country)) | (
                        self.row_sector == _code(self.sectors, sector)
                    )
                mask &= self._events_of(rows)
        if query.event_type:
            mask &= self.type == _code(self.types, query.event_type.upper())
        for bound, day in ((np.greater_equal, query.since), (np.less_equal, query.until)):
            if day:
                within = self.dated & bound(self.day, day.toordinal() - _EPOCH.toordinal())
                mask &= within | ~self.dated if query.undated else within
        if query.country:
            place = _code(self.countries, query.country.upper())
            events = np.zeros(self.size, dtype=np.bool_)
            events[self.pair_event[self.pair_country == place]] = True
            mask &= (self.place == place) | events
        if query.certainty is not None:
            mask &= self.of_certainty(query.certainty)
        return mask

    def of_certainty(self, certainties: Iterable[str]) -> Bools:
        """Which events (by position) are of these certainties: a mask kept for each set (a handful
        are asked), read-only."""
        kept = frozenset(_code(self.certainties, c) for c in certainties)
        mask = self._certain.get(kept)
        if mask is None:
            mask = _among(self.certainty, list(kept), len(self.certainties))
            mask.flags.writeable = False
            if len(self._certain) < _CERTAIN_SETS:
                self._certain[kept] = mask
        return mask

    def _events_of(self, rows: Bools) -> Bools:
        """The events (by position) that have one of these actor rows."""
        events = np.zeros(self.size, dtype=np.bool_)
        events[self.row_event[rows]] = True
        return events

    # -- pages ---------------------------------------------------------------------------------------

    def page(
        self, mask: Bools, *, after: ListKey | None, limit: int, oldest_first: bool
    ) -> tuple[list[int], ListKey | None]:
        """The positions of the first `limit` matching events after the event whose key is `after`,
        and the key of the last of them when more follow."""
        order = self.oldest if oldest_first else self.newest
        start = order.after(after) if after is not None else 0
        kept = mask[order.positions[start:]] if oldest_first else mask[start:]
        places = np.flatnonzero(kept)[: limit + 1] + start
        shown = places[:limit]
        last = order.key(int(shown[-1])) if len(places) > limit else None
        return [int(p) for p in order.positions[shown]], last

    # -- figures -------------------------------------------------------------------------------------

    def by_day(self, mask: Bools) -> dict[dt.date, int]:
        """Matching events by date (those with one)."""
        days, counts = np.unique(self.day[mask & self.dated], return_counts=True)
        return {_EPOCH + dt.timedelta(days=int(d)): int(n) for d, n in zip(days, counts, strict=True)}

    def by_type(self, mask: Bools) -> dict[str, int]:
        counts = np.bincount(self.type[mask & (self.type >= 0)], minlength=len(self.types))
        return {t: int(n) for t, n in zip(self.types, counts, strict=True) if n}

    def by_country(self, mask: Bools) -> dict[str, int]:
        """Matching events by the country of an actor or a recipient (each event once a country)."""
        counts = np.bincount(self.pair_country[mask[self.pair_event]], minlength=len(self.countries))
        return {c: int(n) for c, n in zip(self.countries, counts, strict=True) if n}

    def reported_with(
        self, event_type: str, day: dt.date, certainties: tuple[str, ...], countries: dict[bool, set[str]]
    ) -> list[int]:
        """The events (by position) of this type and day, of these certainties, with an actor of one of
        `countries[False]` (when any) and a recipient of one of `countries[True]` (when any)."""
        mask = (self.type == _code(self.types, event_type)) & self.dated
        mask &= self.day == day.toordinal() - _EPOCH.toordinal()
        mask &= self.of_certainty(certainties)
        for recipient, wanted in countries.items():
            if wanted:
                codes = [_code(self.countries, c) for c in wanted]
                rows = mask[self.row_event] & (self.row_recipient == recipient)
                rows &= _among(self.row_country, codes, len(self.countries))
                mask &= self._events_of(rows)
        return [int(p) for p in np.flatnonzero(mask)]

    def latest(self, entity_id: str, certainties: tuple[str, ...] | None, n: int) -> dict[str, list[int]]:
        """An actor's latest `n` events (by position, newest first) of these certainties, as actor and
        as recipient."""
        entity = _code(self.entities, entity_id)
        rows = (
            self.entity_rows[self.entity_starts[entity] : self.entity_starts[entity + 1]]
            if entity >= 0
            else np.zeros(0, dtype=np.int64)
        )
        if certainties is not None:
            rows = rows[self.of_certainty(certainties)[self.row_event[rows]]]
        return {
            role: _distinct(self.row_event[rows[self.row_recipient[rows] == recipient]])[:n].tolist()
            for role, recipient in (("actor", False), ("recipient", True))
        }

    def actor(
        self, entity_id: str, certainties: tuple[str, ...] | None, cooperative: Sequence[str]
    ) -> dict[str, Any] | None:
        """An actor's page by month (None for an entity without rows): its most frequent name, country
        and sector, its rows (of these certainties) as actor and as recipient, its events by month, role
        and type, and its 15 main counterparts (events with them, as `tidings.store.figures` counts them:
        by the actor's role), each named as the actor is."""
        entity = _code(self.entities, entity_id)
        if entity < 0:
            return None
        rows = self.entity_rows[self.entity_starts[entity] : self.entity_starts[entity + 1]]
        rows = rows[self.certainty[self.row_event[rows]] >= 0]  # as the figures count them
        if not len(rows):
            return None
        names = self._names([entity])[entity]
        if certainties is not None:
            rows = rows[self.of_certainty(certainties)[self.row_event[rows]]]
        recipient = self.row_recipient[rows]
        # distinct (event, role) of its rows (in order: by event, then actor before recipient)
        pairs = _distinct(self.row_event[rows] * 2 + recipient)
        events, roles = pairs // 2, (pairs % 2).astype(np.bool_)
        # the timeline by month, role and type: counted over the few (month, role, type) there are,
        # in their codes' order
        span = max(len(self.types), 1)
        months, types = self.month[events], self.type[events]
        dated = (months >= 0) & (types >= 0)
        if np.all(dated | (months < 0)):
            groups = (months[dated] * 2 + roles[dated]) * span + types[dated]
            counts = np.bincount(groups, minlength=1)
            found = np.flatnonzero(counts)
            tally = zip(found.tolist(), counts[found].tolist(), strict=True)
        else:  # an event without a type (none are stored so): as before, by `np.unique`
            dated = months >= 0
            groups, counts = np.unique(
                (months[dated] * 2 + roles[dated]) * span + types[dated], return_counts=True
            )
            tally = zip(groups.tolist(), counts.tolist(), strict=True)
        timeline = {
            (self.month_names[g // span // 2], _ROLES[bool(g // span % 2)], self.type_names[g % span]): n
            for g, n in tally
        }
        # counterparts: the rows of the same events in the other role, of another resolved actor
        starts = self.event_rows[events]
        sizes = self.event_rows[events + 1] - starts
        owner = np.repeat(np.arange(len(events)), sizes)
        other = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))
        other_entity = self.row_entity[other]
        keep = (self.row_recipient[other] != roles[owner]) & (other_entity >= 0) & (other_entity != entity)
        triples = np.unique(
            (other_entity[keep].astype(np.int64) * len(events) + owner[keep]) * 2 + roles[owner[keep]]
        )
        ones, by_role = triples // 2 // len(events), triples % 2
        their = events[(triples // 2) % len(events)]
        friendly = _among(self.type[their], [_code(self.types, t) for t in cooperative], len(self.types))
        size = len(self.entities)
        total = np.bincount(ones, minlength=size)
        chosen = np.flatnonzero(total)
        chosen = chosen[np.lexsort((chosen, -total[chosen]))][:15]
        as_its_recipient = np.bincount(ones[by_role == 0], minlength=size)
        as_its_actor = np.bincount(ones[by_role == 1], minlength=size)
        kind = np.bincount(ones, weights=friendly, minlength=size)
        others = self._names([int(c) for c in chosen])
        return {
            "id": entity_id,
            **names,
            "as_actor": int(np.count_nonzero(~recipient)),
            "as_recipient": int(np.count_nonzero(recipient)),
            "timeline": [
                {"period": k[0], "role": k[1], "event_type": k[2], "events": n}
                for k, n in sorted(timeline.items())
            ],
            "counterparts": [
                {
                    "id": self.entity_ids[c],
                    **others[c],
                    "events": int(total[c]),
                    "as_its_recipient": int(as_its_recipient[c]),
                    "as_its_actor": int(as_its_actor[c]),
                    "cooperative": int(kind[c]),
                }
                for c in (int(c) for c in chosen)
            ],
        }

    def _names(self, entities: list[int]) -> dict[int, dict[str, str | None]]:
        """Each entity's most frequent name, country and sector (`_read_names`)."""
        return {e: dict(self._entity_names[e]) for e in entities}

    def _read_names(self) -> list[dict[str, str | None]]:
        """Each entity's most frequent name, country and sector over all its rows whose event has a
        certainty (as `tidings.store.figures` keeps them), ties broken by the first value in order."""
        k = self.kinds
        rows = k["certainty"] >= 0
        everyone = np.arange(len(self.entities))
        best = {
            field: _most_frequent(k["entity"][rows], k[field][rows], k["rows"][rows], everyone)
            for field in ("label", "country", "sector")
        }
        return [
            {
                "name": _value(self.labels, best["label"].get(e)),
                "country": _value(self.country_names, best["country"].get(e)),
                "sector": _value(self.sector_names, best["sector"].get(e)),
            }
            for e in range(len(self.entities))
        ]

    def dyads(self, mask: Bools, cooperative: Sequence[str], *, limit: int) -> list[dict[str, Any]]:
        """Matching events by dyad: an actor's country and a recipient's (another), each event once a
        dyad, with how many are of the `cooperative` types; most events first, then by the countries."""
        a_event, a_country = (values[mask[self.role_pairs[False][0]]] for values in self.role_pairs[False])
        r_event, r_country = (values[mask[self.role_pairs[True][0]]] for values in self.role_pairs[True])
        # events with both: every actor country with every recipient country of the same event
        per_actor = np.bincount(a_event, minlength=self.size)
        per_recipient = np.bincount(r_event, minlength=self.size)
        a_start = np.concatenate([[0], np.cumsum(per_actor)])
        r_start = np.concatenate([[0], np.cumsum(per_recipient)])
        both = np.flatnonzero(per_actor * per_recipient)
        sizes = per_actor[both] * per_recipient[both]
        event = np.repeat(both, sizes)
        k = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        actor = a_country[a_start[event] + k // per_recipient[event]]
        recipient = r_country[r_start[event] + k % per_recipient[event]]
        keep = actor != recipient
        span = max(len(self.countries), 1)
        keys = actor[keep] * span + recipient[keep]
        friendly = _among(
            self.type[event[keep]], [_code(self.types, t) for t in cooperative], len(self.types)
        )
        found, inverse = np.unique(keys, return_inverse=True)
        events = np.bincount(inverse, minlength=len(found))
        kind = np.bincount(inverse, weights=friendly, minlength=len(found))
        order = np.lexsort((found, -events))[:limit]
        return [
            {
                "actor": self.country_names[int(found[i] // span)],
                "recipient": self.country_names[int(found[i] % span)],
                "events": int(events[i]),
                "cooperative": int(kind[i]),
            }
            for i in order
        ]

    def actors(
        self,
        *,
        entity_id: str | None,
        folded: str | None,
        country: str | None,
        sector: str | None,
        certainties: tuple[str, ...] | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        """Resolved actors whose rows match (an entity id equal to `entity_id`, or a name or text that
        holds `folded`, lower-cased as DuckDB's `lower`; of this country, sector and certainty), most
        rows first, then by id; each with its most frequent name, country and sector over those rows
        (ties: the first value in order) and its rows as actor and as recipient."""
        k = self.kinds
        rows = np.ones(len(k["rows"]), dtype=np.bool_)
        if folded is not None:
            named = [kind for value, holders in self.folded.items() if folded in value for kind in holders]
            by_text = np.zeros(len(rows), dtype=np.bool_)
            by_text[named] = True
            rows = by_text | (k["entity"] == _code(self.entities, entity_id))
        if country:
            rows &= k["country"] == _code(self.countries, country)
        if sector:
            rows &= k["sector"] == _code(self.sectors, sector)
        if certainties is not None:
            rows &= _among(
                k["certainty"], [_code(self.certainties, c) for c in certainties], len(self.certainties)
            )
        entity, weight, recipient = k["entity"][rows], k["rows"][rows], k["recipient"][rows]
        size = len(self.entities)
        as_actor = np.bincount(entity[~recipient], weights=weight[~recipient], minlength=size)
        as_recipient = np.bincount(entity[recipient], weights=weight[recipient], minlength=size)
        total = as_actor + as_recipient
        found = np.flatnonzero(total)
        chosen = found[np.lexsort((found, -total[found]))][:limit]
        best = {
            field: _most_frequent(entity, k[field][rows], weight, chosen)
            for field in ("label", "country", "sector")
        }
        return [
            {
                "id": self.entity_ids[e],
                "name": _value(self.labels, best["label"].get(e)),
                "country": _value(self.country_names, best["country"].get(e)),
                "sector": _value(self.sector_names, best["sector"].get(e)),
                "as_actor": int(as_actor[e]),
                "as_recipient": int(as_recipient[e]),
            }
            for e in (int(e) for e in chosen)
        ]

    def events_of(self, article_id: str) -> list[int]:
        """The events (by position) of an article."""
        article = self.article_code.get(article_id, -1)
        if article < 0:
            return []
        return [
            int(p)
            for p in self.article_events[self.article_starts[article] : self.article_starts[article + 1]]
        ]

    def identity(self, position: int) -> tuple[str | None, str | None]:
        """The event's record and story ids."""
        return self.record_ids[position], self.story_ids[position]


def _codes(values: list[str]) -> dict[str, int]:
    """Values in order with their codes."""
    return {value: code for code, value in enumerate(values)}


def _code(vocabulary: dict[str, int], value: str | None) -> int:
    """The code of a value; -2 for one not in the store (it matches nothing, not even NULL's -1)."""
    return vocabulary.get(value, -2) if value is not None else -2


class _Texts:
    """Texts joined in one string, to find those that hold a word at the speed of `str.find`."""

    def __init__(self, texts: Sequence[str | None]):
        self._joined = "\n".join(text or "" for text in texts)
        self._starts = np.cumsum([0] + [len(text or "") + 1 for text in texts[:-1]], dtype=np.int64)
        self._size = len(texts)

    def holds(self, word: str) -> Bools:
        """Which texts hold `word` (of `_WORD`'s characters: never across two texts)."""
        found = np.zeros(self._size, dtype=np.bool_)
        # each match runs to its text's end: one match a text that holds the word
        hits = [m.start() for m in re.finditer(re.escape(word) + "[^\n]*", self._joined)]
        if hits:
            found[np.searchsorted(self._starts, np.asarray(hits, dtype=np.int64), "right") - 1] = True
        return found


class _Postings:
    """The events (by position) holding each word."""

    def __init__(self, words: list[str], positions: Any, *, size: int):
        self._words = _Texts(words)
        self._offsets = np.asarray(positions.offsets, dtype=np.int64)
        self._positions = np.asarray(positions.values, dtype=np.int32)
        self._size = size

    def holding(self, piece: str) -> Bools:
        """Which of the `size` events have a word holding `piece`: a mask by position."""
        words = np.flatnonzero(self._words.holds(piece))
        starts = self._offsets[words]
        lengths = self._offsets[words + 1] - starts
        # the positions of every such word, one after another
        taken = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(lengths.sum())
        found = np.zeros(self._size, dtype=np.bool_)
        found[self._positions[taken]] = True
        return found


def _distinct(values: Ints) -> Ints:
    """The distinct values, in order: of values in order already by a comparison of neighbours (no
    sort), else by `np.unique`."""
    if len(values) < 2:
        return values
    step = values[1:] != values[:-1]
    if not np.all(values[1:] >= values[:-1]):
        return np.unique(values)
    return values[np.concatenate(([True], step))]


def _among(values: npt.NDArray[Any], codes: Any, size: int) -> Bools:
    """Which `values` (codes from -2, not in the store, and -1, NULL, to `size` - 1) are among `codes`:
    by a table of the codes, not by a search (`np.isin` sorts)."""
    table = np.zeros(size + 2, dtype=np.bool_)
    wanted = np.asarray(codes, dtype=np.int64)
    table[wanted[(wanted >= -2) & (wanted < size)] + 2] = True
    return table[values + 2]


def _most_frequent(entity: Ints, values: Ints, weight: Ints, chosen: Ints) -> dict[int, int]:
    """For each entity of `chosen`, the value (a code, -1 for none) of most weight among its rows,
    ties broken by the smaller code (the first value in order); entities with only -1 are left out."""
    size = int(max(entity.max(initial=0), np.max(chosen, initial=0))) + 1
    keep = _among(entity, chosen, size) & (values >= 0)
    span = int(values.max(initial=0)) + 1
    pairs, inverse = np.unique(entity[keep] * span + values[keep], return_inverse=True)
    sums = np.bincount(inverse, weights=weight[keep])
    owners, codes = pairs // span, pairs % span
    order = np.lexsort((codes, -sums, owners))  # by entity, most weight first, then the smaller code
    first = np.ones(len(order), dtype=np.bool_)
    first[1:] = owners[order][1:] != owners[order][:-1]
    return {int(o): int(c) for o, c in zip(owners[order][first], codes[order][first], strict=True)}


def _value(values: list[str], code: int | None) -> str | None:
    return values[code] if code is not None and code >= 0 else None


def _strings(values: Any) -> list[str | None]:
    """A column of strings fetched by `fetchnumpy` (a masked array when it holds NULLs) as a list."""
    if isinstance(values, np.ma.MaskedArray):
        return [
            None if masked else value
            for value, masked in zip(values.data, np.ma.getmaskarray(values), strict=True)
        ]
    return list(values.tolist())
