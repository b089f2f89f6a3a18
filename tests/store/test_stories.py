"""Stories and records in the store: decided at ingest, the same whatever the order, batches or re-runs."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import duckdb
import pytest

from tidings.engines import ingest as ingest_module
from tidings.engines.ingest import ingest
from tidings.pipeline import Extractor
from tidings.records import Article, ArticleResult
from tidings.store import stories
from tidings.store.check import check_store
from tidings.store.rows import shard_of
from tidings.store.schema import open_store
from tidings.store.stories import IDENTITY_VERSION, story_id_of
from tidings.store.story_query import StoryQuery, story_records
from tidings.store.write import settle, write_shard

STORIES = Path(__file__).parent.parent / "link" / "fixtures" / "stories.jsonl"
FIXTURE = Path(__file__).parent / "fixtures" / "articles.jsonl"
IDENTITY_TABLES = ("story_pairs", "story_parts", "story_members", "record_members")


def articles() -> list[Article]:
    out = []
    for line in STORIES.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        published = dt.date.fromisoformat(item["published"])
        out.append(Article(id=item["id"], text=item["text"], title=item["title"], published=published))
    return out


def stored(path: Path, items: list[Article], batch: int) -> None:
    with open_store(path) as con:
        for start in range(0, len(items), batch):
            write_shard(con, shard_of([ArticleResult(article=a) for a in items[start : start + batch]]))


def partition(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    rows = con.execute(
        "SELECT list(a.input_id ORDER BY a.input_id) FROM story_members m"
        " JOIN articles a ON a.id = m.article_id GROUP BY m.story_id ORDER BY 1"
    ).fetchall()
    return [row[0] for row in rows]


def by_input_id(con: duckdb.DuckDBPyConnection, table: str, column: str) -> dict[str, object]:
    """A column of an identity table by the input id of each article."""
    rows = con.execute(
        f"SELECT a.input_id, t.{column} FROM {table} t JOIN articles a ON a.id = t.article_id"
    ).fetchall()
    return dict(rows)


def identity_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_store(path, read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in IDENTITY_TABLES}


@pytest.fixture(scope="module")
def forward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stories") / "forward.duckdb"
    stored(path, articles(), batch=4)
    return path


def test_articles_of_one_happening_are_one_story(forward: Path) -> None:
    with open_store(forward, read_only=True) as con:
        stories = partition(con)
    assert ["quake-2005-a", "quake-2005-b", "quake-2005-c"] in stories
    assert ["quake-2008-a", "quake-2008-b"] in stories  # the same island, three years before: apart
    assert ["belarus-a", "belarus-b"] in stories
    assert ["chess"] in stories  # every article is in a story, event or not
    assert sum(len(s) for s in stories) == len(articles())


def test_two_arrests_of_two_players_are_two_stories(forward: Path) -> None:
    # teammates, the same charge, the same highway patrol, a month apart: the people, the towns and the
    # days their leads name keep them apart
    with open_store(forward, read_only=True) as con:
        stories = partition(con)
    assert ["dui-jackson-a", "dui-jackson-b"] in stories
    assert ["dui-williams-a", "dui-williams-b"] in stories


@pytest.mark.parametrize(("seed", "batch"), [(1, 1), (2, 3), (3, 5), (4, 12)])
def test_any_order_and_batches_give_the_same_stories(
    forward: Path, tmp_path: Path, seed: int, batch: int
) -> None:
    items = articles()
    random.Random(seed).shuffle(items)
    path = tmp_path / "shuffled.duckdb"
    stored(path, items, batch)
    assert identity_rows(path) == identity_rows(forward)


def test_story_ids_are_stable_and_name_the_smallest_article(forward: Path, tmp_path: Path) -> None:
    with open_store(forward, read_only=True) as con:
        rows = con.execute("SELECT story_id, list(article_id) FROM story_members GROUP BY 1").fetchall()
    assert all(story == story_id_of(members) for story, members in rows)
    again = tmp_path / "again.duckdb"
    again.write_bytes(forward.read_bytes())
    stored(again, articles(), batch=6)  # the same articles again: nothing changes
    assert identity_rows(again) == identity_rows(forward)


def test_a_store_written_before_stories_gets_them_when_opened(forward: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes(forward.read_bytes())
    con = duckdb.connect(str(old))
    for table in ("article_inputs", "article_profiles", "article_keys", "article_facts", *IDENTITY_TABLES):
        con.execute(f"DROP TABLE {table}")  # as written before stories: none of their tables
    con.close()
    assert identity_rows(old) == identity_rows(forward)


def test_a_store_written_before_lead_weekdays_gets_the_column_and_links_on(
    forward: Path, tmp_path: Path
) -> None:
    """A store whose facts lack `lead_weekdays` (written before identity compared weekdays) gains the
    column when opened for writing, its reports counted as naming none, and takes new articles."""
    old = tmp_path / "old.duckdb"
    old.write_bytes(forward.read_bytes())
    con = duckdb.connect(str(old))
    con.execute("DROP INDEX article_facts_article")  # DuckDB drops no column of a table with an index
    con.execute("ALTER TABLE article_facts DROP COLUMN lead_weekdays")
    con.execute("CREATE INDEX article_facts_article ON article_facts (article_id)")
    con.close()
    extra = Article(id="undated", text="A quake struck the island on Sunday, killing two.", title=None)
    stored(old, [extra], batch=1)
    with open_store(old, read_only=True) as con:
        weekdays = by_input_id(con, "article_facts", "lead_weekdays")
    assert weekdays["undated"] == 1 << 6
    assert weekdays["chess"] is None  # stored before: no weekdays read


def test_story_records_list_every_input_id(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "fixture.duckdb"
    with open_store(path) as con:
        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=4)
        stories = list(story_records(con))
        events = con.execute("SELECT count(*) FROM events").fetchone()
        grouped = con.execute("SELECT count(*) FROM record_members").fetchone()
    assert len(stories) == 12  # twelve happenings, one of them read twice under two ids
    kenya = [s for s in stories if "kenya-protest" in s["documents"]]
    assert kenya[0]["documents"] == ["kenya-protest", "kenya-protest-copy"]
    assert events == grouped  # every event is in a record
    assert stories == sorted(stories, key=lambda s: s["last_published"], reverse=True)


@pytest.mark.slow
def test_records_do_not_depend_on_the_order_of_ingest(tmp_path: Path, extractor: Extractor) -> None:
    # without the copy of a text under another id: the first id read names its events (docs/scaling.md)
    lines = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if "-copy" not in line]
    forward, reverse = tmp_path / "forward.jsonl", tmp_path / "reverse.jsonl"
    forward.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reverse.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    with open_store(first) as con:
        ingest([str(forward)], con, extractor=extractor, batch_size=4)
    with open_store(second) as con:
        ingest([str(reverse)], con, extractor=extractor, batch_size=3)
    assert identity_rows(first) == identity_rows(second)


def test_story_query_by_id(forward: Path) -> None:
    with open_store(forward, read_only=True) as con:
        first = next(story_records(con, StoryQuery(limit=1)))
        again = list(story_records(con, StoryQuery(story_ids=(first["id"],))))
    assert again == [first]


REPORTS = [
    Article(
        id="release-belta",
        published=dt.date(2025, 12, 13),
        title="Lukashenko pardons prisoners",
        text="Belarusian President Alexander Lukashenko released 123 prisoners in Minsk on Saturday,"
        " including Maria Kolesnikova and Ales Bialiatski, the state news agency Belta said. The American"
        " envoy John Coale welcomed the release of Kolesnikova and Bialiatski.",
    ),
    Article(
        id="release-wire",
        published=dt.date(2025, 12, 13),
        title="Belarus frees Kolesnikova and Bialiatski",
        text="Alexander Lukashenko released 114 prisoners in Minsk on Saturday, among them Maria Kolesnikova"
        " and Ales Bialiatski, the American envoy John Coale said. Coale said Washington welcomed the release"
        " of Kolesnikova and Bialiatski by Lukashenko.",
    ),
]


def test_a_record_keeps_every_report_and_their_disagreement(tmp_path: Path, extractor: Extractor) -> None:
    from tidings.pipeline import extract_articles
    from tidings.store.query import EventQuery
    from tidings.store.record_query import matching_records

    with open_store(tmp_path / "release.duckdb") as con:
        write_shard(con, shard_of(list(extract_articles(REPORTS, extractor))))
        assert len(partition(con)) == 1
        releases = [r for r in matching_records(con, EventQuery(event_type="RETREAT")) if r["released"]]
    assert len(releases) == 1
    release = releases[0]
    assert release["report_count"] == 2 and "released" in release["conflicts"]
    values = {v["value"]: v["articles"] for v in release["values"]["released"]}
    assert set(values) == {123, 114} and all(len(a) == 1 for a in values.values())
    assert release["released"] == 123  # a tie between two reports: the larger count


def test_a_store_keeps_the_acts_of_two_people_named_as_targets_apart(
    tmp_path: Path, extractor: Extractor
) -> None:
    """Two praises by one actor of two people by name are two records (the store reads the recipients'
    surnames); two praises of one person, by name and by surname, one."""
    from tidings.pipeline import extract_articles

    text = (
        "Russian President Vladimir Putin praised Donald Trump on Thursday at his annual news conference."
        " Putin also praised Secretary of State John Kerry on Thursday for his efforts in Syria."
        " Putin praised Trump again in the evening, calling him talented."
    )
    report = Article(id="praise", text=text, published=dt.date(2015, 12, 17))
    with open_store(tmp_path / "praise.duckdb") as con:
        write_shard(con, shard_of(list(extract_articles([report], extractor))))
        rows = con.execute(
            "SELECT r.record_id, list(x.text) FROM record_members r JOIN events e ON e.id = r.event_id"
            " JOIN actors x ON x.event_id = e.id AND x.role = 'recipient'"
            " WHERE e.event_type = 'SUPPORT' GROUP BY e.id, r.record_id"
        ).fetchall()
    records: dict[str, set[str]] = {}
    for record, recipients in rows:
        records.setdefault(record, set()).update(recipients)
    assert sorted(map(sorted, records.values())) == [
        ["Donald Trump", "Trump"],
        ["Secretary of State John Kerry"],
    ]


def test_an_undated_report_is_profiled_as_of_its_dateline(tmp_path: Path) -> None:
    items = [
        Article(id="dated", text="Updated: July 7, 2012, 10:04 PM ET Klitschko stopped Thompson."),
        Article(id="undated", text="A publicist said Friday that the actress checked into rehab."),
    ]
    path = tmp_path / "datelines.duckdb"
    stored(path, items, batch=2)
    with open_store(path, read_only=True) as con:
        profiled = by_input_id(con, "article_profiles", "published")
        stored_dates = {row[0] for row in con.execute("SELECT published FROM articles").fetchall()}
    assert profiled == {"dated": dt.date(2012, 7, 7), "undated": None}
    assert stored_dates == {None}  # the article keeps the date its input gave (none)


def member_rows(con: duckdb.DuckDBPyConnection) -> dict[str, set[tuple[object, ...]]]:
    """Each member table's rows with their rowid: a row deleted and written again gets a new one."""
    return {
        t: set(con.execute(f"SELECT rowid, * FROM {t}").fetchall())
        for t in ("story_members", "record_members")
    }


def test_linking_unchanged_stories_again_writes_no_member_rows(tmp_path: Path, extractor: Extractor) -> None:
    # every part clustered and every story's records grouped again, as a batch that touches them all
    # would: the same stories and records, so not one member row is deleted or written again
    # (docs/identity.md, "Cost")
    from tidings.link.similarity import load_identity_model
    from tidings.store.records import group_records
    from tidings.store.stories import _cluster_parts, _stored_prior

    with open_store(tmp_path / "relink.duckdb") as con:
        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=4)
        before = member_rows(con)
        parts = [row[0] for row in con.execute("SELECT DISTINCT part FROM story_parts ORDER BY 1").fetchall()]
        con.execute("BEGIN TRANSACTION")
        _cluster_parts(con, parts, load_identity_model(), _stored_prior(con) or 0.0)
        group_records(con, [row[0] for row in con.execute("SELECT id FROM articles").fetchall()])
        con.execute("COMMIT")
        after = member_rows(con)
    assert len(before["story_members"]) == 12 and len(before["record_members"]) > 20
    assert after == before


def content_id(article: Article) -> str:
    return str(shard_of([ArticleResult(article=article)]).tables["articles"].column("id")[0])


def test_a_new_report_writes_only_the_members_that_change(tmp_path: Path) -> None:
    # the report of the 2005 quake with the largest content id comes last: its story keeps its id (the
    # smallest article's), so only the new report's member row is written
    items = articles()
    late = max((a for a in items if a.id.startswith("quake-2005")), key=content_id)
    path = tmp_path / "late.duckdb"
    stored(path, [a for a in items if a is not late], batch=4)
    with open_store(path) as con:
        before = member_rows(con)["story_members"]
        write_shard(con, shard_of([ArticleResult(article=late)]))
        after = member_rows(con)["story_members"]
        stories = partition(con)
    assert ["quake-2005-a", "quake-2005-b", "quake-2005-c"] in stories
    assert {row[1] for row in after - before} == {content_id(late)}
    assert before <= after and len(after) == len(before) + 1


def test_a_write_leaves_the_memory_limit_as_it_was(tmp_path: Path) -> None:
    # each batch lowers DuckDB's limit for a moment to drop the blocks it cached (store.write)
    with open_store(tmp_path / "limit.duckdb") as con:
        default = con.execute("SELECT current_setting('memory_limit')").fetchall()
        stored_items = articles()[:4]
        write_shard(con, shard_of([ArticleResult(article=a) for a in stored_items[:2]]))
        assert con.execute("SELECT current_setting('memory_limit')").fetchall() == default
        con.execute("SET memory_limit = '3GB'")
        chosen = con.execute("SELECT current_setting('memory_limit')").fetchall()
        write_shard(con, shard_of([ArticleResult(article=a) for a in stored_items[2:]]))
        assert con.execute("SELECT current_setting('memory_limit')").fetchall() == chosen
        assert con.execute("SELECT count(*) FROM story_members").fetchall() == [(4,)]


def test_a_table_whose_file_holds_twice_its_rows_is_written_again_and_no_other(tmp_path: Path) -> None:
    # a writer's checkpoints do not vacuum (schema.WRITER_SETTINGS): the rows linking deletes stay in the
    # file until store.write._compact writes the table again; its rows, their order and indexes are kept
    from tidings.store.check import stored_rows
    from tidings.store.write import _compact

    with open_store(tmp_path / "compact.duckdb") as con:
        con.execute("INSERT INTO story_members SELECT 'a' || range, 's' || (range % 7) FROM range(40000)")
        con.execute("INSERT INTO story_parts SELECT 'a' || range, 'p' || (range % 5) FROM range(40000)")
        con.execute("CHECKPOINT")
        con.execute("DELETE FROM story_members WHERE hash(article_id) % 4 <> 0")  # about 3 in 4
        con.execute("DELETE FROM story_parts WHERE hash(article_id) % 4 = 0")  # about 1 in 4: kept
        con.execute("CHECKPOINT")
        members = con.execute("SELECT * FROM story_members").fetchall()
        parts = con.execute("SELECT rowid, * FROM story_parts").fetchall()
        live = len(members)
        assert stored_rows(con, ("story_members",))["story_members"] == [live, 40000]
        _compact(con)  # and checkpoints: the emptied row groups are gone at once
        assert con.execute("SELECT * FROM story_members").fetchall() == members
        assert stored_rows(con, ("story_members",))["story_members"] == [live, live]
        written = con.execute("SELECT rowid, * FROM story_members").fetchall()
        _compact(con)  # the next batch's: nothing to write again
        assert con.execute("SELECT rowid, * FROM story_members").fetchall() == written
        assert con.execute("SELECT rowid, * FROM story_parts").fetchall() == parts  # not written again
        indexes = con.execute(
            "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'story_members' ORDER BY 1"
        ).fetchall()
        assert indexes == [("story_members_article",), ("story_members_story",)]
        found = con.execute(
            "SELECT story_id FROM story_members WHERE article_id = ?", [members[0][0]]
        ).fetchall()
        assert found == [(members[0][1],)]


def test_an_article_is_compared_with_the_candidates_that_share_most_of_its_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # blocking keeps, of a new article's candidates, the MAX_CANDIDATES sharing the most keys (then the
    # nearest in time, then the smallest id), so that linking costs the same however dense the store
    from tidings.store import stories

    day = dt.date(2016, 5, 1)
    keys = [("new", f"k{i}", day) for i in range(6)]
    shared = {"a": 6, "b": 2, "c": 4, "d": 3, "e": 3}  # keys each stored article shares with "new"
    keys += [
        (old, f"k{i}", day + dt.timedelta(days=n))
        for n, (old, count) in enumerate(shared.items())
        for i in range(count)
    ]
    keys += [("f", "k0", day)]  # one key: no candidate at all
    with open_store(tmp_path / "blocking.duckdb") as con:
        con.executemany("INSERT INTO article_keys (article_id, term, published) VALUES (?, ?, ?)", keys)
        found, days = stories._candidates(con, ["new"])
        assert found == [(old, "new") for old in "abcde"]  # below the cap: every candidate
        assert days == {"new": day} | {old: day + dt.timedelta(days=n) for n, old in enumerate("abcde")}
        monkeypatch.setattr(stories, "MAX_CANDIDATES", 3)
        # a: 6 keys, c: 4, then d and e with 3 each: d, published nearer "new"
        assert stories._candidates(con, ["new"])[0] == [("a", "new"), ("c", "new"), ("d", "new")]


def row_groups_read(profile: Path) -> tuple[int, int]:
    """Of the last query profiled to `profile`, the row groups scanned and those it could have."""
    found = json.loads(profile.read_text(encoding="utf-8"))["query"]
    return found["total_row_groups_scanned"], found["total_row_groups_to_scan"]


def test_profiles_are_read_from_the_row_groups_of_their_days_only(tmp_path: Path) -> None:
    # the profiles compared at a batch are read by their ids and days, so that DuckDB skips the row
    # groups of other days (written before, at other checkpoints) instead of reading the store's whole
    # table into its buffer each batch; an undated article or a day the store holds otherwise is still
    # read
    profile = tmp_path / "profile.json"
    with open_store(tmp_path / "profiles.duckdb") as con:
        for year in (2014, 2015, 2016):  # each year's articles written and checkpointed apart
            rows = [(f"{year}-{n}", dt.date(year, 3, 1 + n)) for n in range(5)]
            if year == 2016:
                rows.append(("undated", None))
            con.executemany("INSERT INTO article_profiles VALUES (?, ?, [2016], ['word:x'], [1.0], [])", rows)
            con.execute("CHECKPOINT")
        con.execute("PRAGMA enable_profiling = 'json'")
        con.execute(f"PRAGMA profiling_output = '{profile}'")
        wanted = {"2016-1": dt.date(2016, 3, 2), "2016-3": dt.date(2016, 3, 4)}
        found = stories._stored_profiles(con, wanted)
        assert sorted(found.column("article_id").to_pylist()) == ["2016-1", "2016-3"]
        scanned, groups = row_groups_read(profile)
        assert (scanned, groups) == (1, 3)
        wanted |= {"undated": None, "2015-4": dt.date(2015, 3, 5)}
        found = stories._stored_profiles(con, wanted)
        assert sorted(found.column("article_id").to_pylist()) == ["2015-4", "2016-1", "2016-3", "undated"]
        assert row_groups_read(profile) == (2, 3)
        # counter-examples: days that span the store read all of it, and a day other than the one
        # stored (never written so) reads again by the ids alone, leaving no profile out
        wanted = {f"{year}-0": dt.date(year, 3, 1) for year in (2014, 2015, 2016)}
        assert stories._stored_profiles(con, wanted).num_rows == 3
        assert row_groups_read(profile) == (3, 3)
        found = stories._stored_profiles(con, {"2014-0": dt.date(2016, 3, 1)})
        assert found.column("article_id").to_pylist() == ["2014-0"]


def unsettled(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM story_unsettled").fetchall()[0][0])


def hold_the_share(monkeypatch: pytest.MonkeyPatch, store: Path) -> None:
    """Make every store estimate the share of same-story pairs this one ended at, from its first batch: a
    store of a few articles moves its share, and each move clusters every part again (settling them), as
    a large store's rarely does."""
    with open_store(store, read_only=True) as con:
        share = stories._stored_prior(con)
    assert share is not None
    monkeypatch.setattr(stories, "estimate_prior", lambda bins, reference: share)


def test_large_parts_join_stories_provisionally_and_settle_to_the_same_stories(
    forward: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stories, "LARGE_PART", 1)  # every part of two articles or more is large
    hold_the_share(monkeypatch, forward)
    items = articles()
    random.Random(7).shuffle(items)
    path = tmp_path / "provisional.duckdb"
    with open_store(path) as con:
        for start in range(0, len(items), 3):
            write_shard(con, shard_of([ArticleResult(article=a) for a in items[start : start + 3]]))
            # every article is in one story at every moment, provisional or not
            members = con.execute("SELECT article_id, count(*) FROM story_members GROUP BY 1").fetchall()
            assert len(members) == start + len(items[start : start + 3])
            assert all(count == 1 for _, count in members)
        assert unsettled(con) > 0
        provisional = partition(con)
        assert settle(con) > 0
        assert unsettled(con) == 0
        assert settle(con) == 0  # nothing left to settle
    assert provisional != identity_rows(forward)["story_members"]
    assert identity_rows(path) == identity_rows(forward)


def test_a_run_killed_before_settling_is_settled_when_the_store_is_next_opened(
    forward: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stories, "LARGE_PART", 1)
    hold_the_share(monkeypatch, forward)
    path = tmp_path / "killed.duckdb"
    stored(path, articles(), batch=4)  # written without settling, as a run killed between batches leaves it
    with open_store(path, read_only=True) as con:
        assert unsettled(con) > 0  # a reader sees the provisional stories and leaves them
    report = check_store(path)
    assert report.sound
    assert any("not settled yet" in note for note in report.notes)
    with open_store(path) as con:
        assert unsettled(con) == 0
    assert identity_rows(path) == identity_rows(forward)


def test_an_ingest_settles_its_large_parts(
    tmp_path: Path, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact, provisional = tmp_path / "exact.duckdb", tmp_path / "provisional.duckdb"
    with open_store(exact) as con:
        ingest([str(STORIES)], con, extractor=extractor, batch_size=3)
    monkeypatch.setattr(stories, "LARGE_PART", 1)
    monkeypatch.setattr(ingest_module, "SETTLE_BATCHES", 2)
    with open_store(provisional) as con:
        ingest([str(STORIES)], con, extractor=extractor, batch_size=3)
        assert unsettled(con) == 0
    assert identity_rows(provisional) == identity_rows(exact)


def _tampered(forward: Path, path: Path, version: int | None) -> None:
    """A copy of `forward` whose identity tables say something else than linking would (as tables written
    by another version would), noted as written by identity version `version` (None: by a Tidings that
    noted none)."""
    path.write_bytes(forward.read_bytes())
    con = duckdb.connect(str(path))
    con.execute("UPDATE story_members SET story_id = 'st_0000000000000000'")
    con.execute("UPDATE record_members SET story_id = 'st_0000000000000000'")
    con.execute("UPDATE article_facts SET place = 'St. Nowhere'")
    if version is None:
        con.execute("DROP TABLE identity_layout")
    else:
        con.execute("UPDATE identity_layout SET version = ?", [version])
    con.close()


def facts_places(path: Path) -> dict[str, object]:
    with open_store(path, read_only=True) as con:
        return by_input_id(con, "article_facts", "place")


@pytest.mark.parametrize("version", [IDENTITY_VERSION - 1, None])
def test_a_store_of_another_identity_version_is_linked_again_when_opened(
    forward: Path, tmp_path: Path, version: int | None
) -> None:
    """What identity stored by another version (profiles, facts, pairs, stories, records) is computed
    again, whole, the first time the store is opened (here to read): the same as a fresh ingest."""
    old = tmp_path / "old.duckdb"
    _tampered(forward, old, version)
    assert identity_rows(old) == identity_rows(forward)
    assert facts_places(old) == facts_places(forward)
    with open_store(old, read_only=True) as con:
        assert con.execute("SELECT list(version) FROM identity_layout").fetchall() == [([IDENTITY_VERSION],)]


def test_a_store_of_this_identity_version_is_not_linked_again(forward: Path, tmp_path: Path) -> None:
    """Counter-example: opening a store of this version computes nothing again (its tables stay as they
    are, here tampered with)."""
    same = tmp_path / "same.duckdb"
    _tampered(forward, same, IDENTITY_VERSION)
    open_store(same).close()
    assert set(facts_places(same).values()) == {"St. Nowhere"}
    assert identity_rows(same) != identity_rows(forward)


def test_check_notes_a_store_of_another_identity_version(forward: Path, tmp_path: Path) -> None:
    """`tidings check` (read-only) says a store will be linked again; counter-example: not of this version."""
    old = tmp_path / "old.duckdb"
    _tampered(forward, old, IDENTITY_VERSION - 1)
    assert any("identity version" in note for note in check_store(old).notes)
    assert not any("identity version" in note for note in check_store(forward).notes)


def test_the_store_keeps_its_candidates_histogram_and_the_share_its_stories_were_clustered_at(
    forward: Path,
) -> None:
    """Every candidate pair is counted once in the histogram, whatever its probability; the share the
    stories were clustered at is the one the histogram gives; the pairs kept are those that could count
    in a store of the highest share, and none below (tidings.link.prior)."""
    from tidings.link.prior import estimate_prior
    from tidings.link.similarity import load_identity_model

    model = load_identity_model()
    with open_store(forward, read_only=True) as con:
        ids = [row[0] for row in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        candidates = stories.candidate_features(con, ids)  # every pair, as if all came in one batch
        bins = stories._bins(con)
        assert sum(bins.values()) == len(candidates) > 0
        assert stories._stored_prior(con) == estimate_prior(bins, model.prior)
        kept = {(a, b) for a, b in con.execute("SELECT first, second FROM story_pairs").fetchall()}
    floor = stories.stored_floor(model)
    assert floor < model.kept
    expected = {pair for pair, f in candidates.items() if round(model.probability(f), 6) >= floor}
    assert kept == expected


def test_pairs_blocking_missed_within_a_part_are_scored_when_it_is_clustered(
    forward: Path, tmp_path: Path
) -> None:
    """Class: two reports of one part that share a key term but were not candidates of each other (too
    few keys in common) are compared by the model when their part is clustered, so that average link
    weighs their probability instead of counting the pair as nothing; counter-examples: a pair of two
    parts, and a pair of one part that shares no key term, are not scored."""
    copy = tmp_path / "missed.duckdb"
    copy.write_bytes(forward.read_bytes())
    with open_store(copy) as con:
        model = stories.load_identity_model()
        (prior,) = con.execute("SELECT prior FROM story_prior").fetchone() or (model.prior,)
        members: dict[str, list[str]] = {}
        for article, part in con.execute(
            "SELECT article_id, part FROM story_parts ORDER BY article_id"
        ).fetchall():
            members.setdefault(part, []).append(article)
        part, found = max(members.items(), key=lambda item: (len(item[1]), item[0]))
        assert len(found) >= 3
        stored = {
            (a, b): stories.adjusted(score, prior, model.prior)
            for a, b, score in con.execute("SELECT first, second, score FROM story_pairs").fetchall()
            if a in found and b in found
        }
        shared = {
            (a, b)
            for a, b in con.execute(
                "SELECT DISTINCT x.article_id, y.article_id FROM article_keys x JOIN article_keys y"
                " ON x.term = y.term AND x.article_id < y.article_id"
            ).fetchall()
        }
        forgotten = max(pair for pair in stored if pair in shared)
        # as if blocking had not found it
        con.execute("DELETE FROM story_pairs WHERE first = ? AND second = ?", list(forgotten))
        scores = {part: {pair: s for pair, s in stored.items() if pair != forgotten}}
        other = next(p for p, f in members.items() if p != part and len(f) >= 1)
        stories._score_within_parts(con, {part: found, other: members[other]}, scores, model, prior)
    assert scores[part][forgotten] == pytest.approx(stored[forgotten], abs=1e-6)
    assert all(a in found and b in found for a, b in scores[part])
    assert not any(pair not in shared for pair in scores[part] if pair not in stored)
