"""`tidings ingest`, `tidings events` and `tidings export` through the real entry point."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .test_store import FIXTURE

ROOT = Path(__file__).resolve().parents[2]


def tidings(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tidings.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "news.duckdb"
    done = tidings("ingest", "--db", str(path), str(FIXTURE.parent))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "13 articles read, 12 stored, 1 skipped as already stored, 1 failed" in done.stderr
    assert "1 failed: not valid JSON (Expecting value at column 26) (first: " in done.stderr
    return path


@pytest.mark.slow
def test_ingest_again_stores_nothing(db: Path) -> None:
    done = tidings("ingest", "--quiet", "--db", str(db), str(FIXTURE))
    assert done.returncode == 0, done.stderr
    assert (
        "13 articles read, 0 stored, 13 skipped as already stored, 1 failed; 0 events stored" in done.stderr
    )


@pytest.mark.slow
def test_events_table_shows_the_evidence(db: Path) -> None:
    done = tidings("events", "--db", str(db), "--type", "PROTEST", "--country", "KEN")
    assert done.returncode == 0, done.stderr
    assert "PROTEST" in done.stdout and "stormed" in done.stdout


@pytest.mark.slow
def test_events_jsonl_and_csv(db: Path) -> None:
    done = tidings("events", "--db", str(db), "--actor", "EU", "--format", "jsonl", "--limit", "100")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records and all("European Union" in json.dumps(r["actors"]) for r in records)
    done = tidings("events", "--db", str(db), "--since", "2023-01-01", "--format", "csv", "--limit", "5")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert 0 < len(rows) <= 5 and all(row["date"] >= "2023-01-01" for row in rows)


@pytest.mark.slow
def test_events_are_real_world_events_and_mentions_on_demand(db: Path) -> None:
    def jsonl(*args: str) -> list[dict[str, object]]:
        done = tidings("events", "--db", str(db), "--format", "jsonl", "--limit", "1000", *args)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    records, mentions = jsonl(), jsonl("--mentions")
    assert records and len(records) <= len(mentions)
    # every mention is in one listed record, which counts its reports and keeps them
    reports = {r["event_id"]: record["id"] for record in records for r in record["reports"]}  # type: ignore
    assert {m["id"]: m["record_id"] for m in mentions} == reports
    assert all(record["report_count"] >= 1 and record["story_id"] for record in records)
    done = tidings("events", "--db", str(db), "--format", "csv", "--limit", "3")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 3 and all(row["id"].startswith("rec_") and row["report_count"] for row in rows)


@pytest.mark.slow
def test_stories_list_every_article_once(db: Path) -> None:
    done = tidings("stories", "--db", str(db), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    stories = [json.loads(line) for line in done.stdout.splitlines()]
    documents = [d for story in stories for d in story["documents"]]
    assert len(documents) == len(set(documents)) == 13  # 12 texts, one read under two ids
    keys = {"id", "documents", "date", "place", "state", "city_or_county", "killed", "injured", "events"}
    assert all(keys <= set(story) for story in stories)
    table = tidings("stories", "--db", str(db), "--limit", "2")
    assert table.returncode == 0 and "2 stories, newest first" in table.stdout


@pytest.mark.slow
def test_export_parquet(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    done = tidings("export", "--db", str(db), "--format", "parquet", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0 and "events written to" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("events", "--db", "absent.duckdb"), "absent.duckdb: no such store"),
        (("export", "--db", "absent.duckdb", "--format", "jsonl", "--out", "-"), "no such store"),
        (("events", "--since", "yesterday"), "is not a date"),
    ],
)
def test_user_errors_are_one_line(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    done = tidings(*args)
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr


def test_new_commands_have_examples() -> None:
    from tidings.cli import cli

    for name in ("ingest", "events", "export"):
        assert f"Example: tidings {name}" in (cli.commands[name].help or "")
