"""What did not happen is kept apart: planned, hypothetical and negated events are stored (and marked by
`tidings extract`), but `tidings events`, `tidings export` and the queries under them leave them out
unless asked (`--certainty all`, or the certainties wanted)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tidings.codes import CERTAINTIES, OCCURRED
from tidings.engines.ingest import ingest
from tidings.pipeline import Extractor
from tidings.store.query import EventQuery, certainty_filter, event_records
from tidings.store.schema import open_store

from .test_commands import tidings
from .test_store import FIXTURE

# which events get which certainty: the fixture's extraction marks none of them planned, hypothetical or
# negated, so the test store is given some by hand (by evidence words, whatever extraction finds)
MARKED = {"negated": "%tear gas%", "planned": "%Putin%", "hypothetical": "%parliament%"}


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    path = tmp_path_factory.mktemp("certainty") / "marked.duckdb"
    with open_store(path) as con:
        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=4)
        for certainty, words in MARKED.items():
            con.execute(
                "UPDATE events SET certainty = ? WHERE evidence_sentence ILIKE ?"
                " AND certainty IN ('asserted', 'reported')",
                [certainty, words],
            )
            con.execute(
                "UPDATE actors SET certainty = e.certainty FROM events e WHERE e.id = actors.event_id"
            )
        found = dict(con.execute("SELECT certainty, count(*) FROM events GROUP BY ALL").fetchall())
    assert all(found.get(c, 0) > 0 for c in MARKED), found
    return path


@pytest.mark.parametrize(
    ("given", "wanted"),
    [
        (None, OCCURRED),
        ("", OCCURRED),
        ("occurred", OCCURRED),
        ("all", None),
        ("ALL", None),
        ("negated", ("negated",)),
        ("planned, negated", ("planned", "negated")),
        ("negated,asserted", ("asserted", "negated")),
    ],
)
def test_certainty_filter(given: str | None, wanted: tuple[str, ...] | None) -> None:
    assert certainty_filter(given) == wanted


def test_an_unknown_certainty_is_named() -> None:
    with pytest.raises(ValueError, match="possible: not a certainty; use occurred"):
        certainty_filter("negated,possible")


def test_occurred_leaves_out_planned_hypothetical_and_negated() -> None:
    assert set(CERTAINTIES) - set(OCCURRED) == {"planned", "hypothetical", "negated"}


def test_queries_leave_out_what_did_not_happen(marked: Path) -> None:
    with open_store(marked, read_only=True) as con:
        default = list(event_records(con, EventQuery()))
        every = list(event_records(con, EventQuery(certainty=None)))
        negated = list(event_records(con, EventQuery(certainty=("negated",))))
        total = con.execute("SELECT count(*) FROM events").fetchone()
    assert total == (len(every),)
    assert {e["certainty"] for e in default} <= set(OCCURRED)
    assert len(default) == len(every) - sum(e["certainty"] in MARKED for e in every) < len(every)
    assert negated and {e["certainty"] for e in negated} == {"negated"}


@pytest.mark.slow  # the tidings command in another process
def test_events_command_by_certainty(marked: Path) -> None:
    def ids(*args: str) -> list[str]:
        done = tidings(
            "events", "--db", str(marked), "--mentions", "--format", "jsonl", "--limit", "1000", *args
        )
        assert done.returncode == 0, done.stderr
        return [json.loads(line)["certainty"] for line in done.stdout.splitlines()]

    default, every = ids(), ids("--certainty", "all")
    assert set(default) <= set(OCCURRED) and set(MARKED) <= set(every)
    assert len(every) == len(default) + sum(c in MARKED for c in every)
    assert set(ids("--certainty", "planned,hypothetical")) == {"planned", "hypothetical"}
    done = tidings("events", "--db", str(marked), "--certainty", "maybe")
    assert done.returncode == 2 and "maybe: not a certainty" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow  # the tidings command in another process
def test_export_by_certainty(marked: Path) -> None:
    def certainties(*args: str) -> list[str]:
        done = tidings("export", "--db", str(marked), "--format", "csv", "--out", "-", *args)
        assert done.returncode == 0, done.stderr
        return [row["certainty"] for row in csv.DictReader(io.StringIO(done.stdout))]

    default, every = certainties(), certainties("--certainty", "all")
    assert set(default) <= set(OCCURRED) and set(MARKED) <= set(every)
    assert certainties("--certainty", "negated") == ["negated"] * every.count("negated")


@pytest.mark.slow  # the tidings command in another process
def test_a_huge_limit_is_a_usage_error(marked: Path) -> None:
    done = tidings("events", "--db", str(marked), "--limit", "99999999999999999999")
    assert done.returncode == 2 and "--limit" in done.stderr and "Traceback" not in done.stderr
