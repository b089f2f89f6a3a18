"""Killing a real `tidings ingest` at any moment and running it again gives the uninterrupted store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.store.schema import open_store

from .test_store import FIXTURE, table_rows

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
ARTICLES = 120


def _corpus(tmp_path: Path) -> Path:
    """The first articles of the shared corpus when it is there, else the fixture's articles, each
    under a few datelines (distinct texts), so that the run lasts long enough to be killed mid-way."""
    out = tmp_path / "corpus.jsonl"
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as stream:
            out.write_text("".join(next(stream) for _ in range(ARTICLES)), encoding="utf-8")
        return out
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()[:12]]
    lines = []
    for town in ("NAIROBI", "CAIRO", "LIMA", "OSLO", "HANOI"):
        for record in records:
            lines.append(
                json.dumps({**record, "id": f"{town}-{record['id']}", "text": f"{town} - {record['text']}"})
            )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tidings.cli", "ingest", "--quiet", "--batch-size", "2", "--db", str(db)]
    return subprocess.Popen([*command, str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_writes(db: Path, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Until the first batches are stored: the ingest checkpoints after each write (ten batches), and
    the store's file grows past its size when created."""
    deadline = time.monotonic() + timeout
    first = None
    while time.monotonic() < deadline and process.poll() is None:
        size = db.stat().st_size if db.exists() else 0
        if size and first is None:
            first = size
        elif first is not None and size > first:
            return
        time.sleep(0.05)
    if process.poll() is None:
        pytest.fail("ingest wrote no batch before the timeout")


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_same_store(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    total = sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())

    whole = tmp_path / "whole.duckdb"
    done = _ingest(whole, corpus)
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err.decode()

    # kill a real ingest mid-run; how far it got depends on the machine's speed, so try a few moments
    for attempt, delay in enumerate((0.5, 0.1, 1.5, 0.0, 3.0)):
        resumed = tmp_path / f"resumed-{attempt}.duckdb"
        killed = _ingest(resumed, corpus)
        _wait_for_writes(resumed, killed)
        time.sleep(delay)
        if killed.poll() is not None:
            continue  # it finished first: try an earlier moment
        os.kill(killed.pid, signal.SIGKILL)
        killed.communicate(timeout=60)
        assert killed.returncode == -signal.SIGKILL
        with open_store(resumed, read_only=True) as con:
            stored = con.execute("SELECT count(*) FROM articles").fetchone()
        if stored is not None and 0 < stored[0] < total:
            break
    assert stored is not None and 0 < stored[0] < total, f"killed after {stored} of {total} articles"

    again = _ingest(resumed, corpus)
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()
    assert f"{total} articles read" in err.decode()
    assert f"{stored[0]} skipped as already stored" in err.decode()

    with open_store(whole, read_only=True) as a, open_store(resumed, read_only=True) as b:
        expected, got = table_rows(a), table_rows(b)
    assert expected["articles"]
    for name in expected:
        assert got[name] == expected[name], name
