"""Real `tidings ingest` runs that go wrong: killed (-9) at seeded random moments, or out of disk space;
run again, the store is the one a clean run writes (articles, events, ids), with no orphans."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tidings.store.check import check_store
from tidings.store.schema import open_store

from .test_store import FIXTURE, table_rows

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl"
ARTICLES = 48
BATCH = "2"
SEED = 13
KILLS = 4


def corpus(folder: Path) -> Path:
    """The first articles of the shared corpus when it is there, else the fixture's articles under a few
    datelines (distinct texts)."""
    out = folder / "corpus.jsonl"
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as stream:
            out.write_text("".join(next(stream) for _ in range(ARTICLES)), encoding="utf-8")
        return out
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()[:12]]
    lines = [
        json.dumps({**record, "id": f"{town}-{record['id']}", "text": f"{town} - {record['text']}"})
        for town in ("NAIROBI", "CAIRO", "LIMA", "OSLO")
        for record in records
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def ingest_command(db: Path, source: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tidings.cli",
        "ingest",
        "--quiet",
        "--batch-size",
        BATCH,
        "--db",
        str(db),
        str(source),
    ]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, float]:
    """The corpus, the store of an uninterrupted ingest of it, and how long that ingest took."""
    folder = tmp_path_factory.mktemp("clean")
    source = corpus(folder)
    db = folder / "clean.duckdb"
    started = time.monotonic()
    done = subprocess.run(ingest_command(db, source), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return source, db, time.monotonic() - started


def assert_same_store(expected: Path, got: Path) -> None:
    with open_store(expected, read_only=True) as a, open_store(got, read_only=True) as b:
        want, have = table_rows(a), table_rows(b)
    assert want["articles"] and want["events"]
    for name in want:
        assert have[name] == want[name], name


def assert_sound(db: Path) -> int:
    """The store reads whole and has no orphans; returns its number of articles."""
    report = check_store(db)
    assert report.sound, report.problems
    return next(t.rows or 0 for t in report.tables if t.name == "articles")


@pytest.mark.slow
def test_kill_9_at_random_moments_then_rerun(clean: tuple[Path, Path, float], tmp_path: Path) -> None:
    source, whole, seconds = clean
    rng = random.Random(SEED)
    db = tmp_path / "killed.duckdb"
    stored = []
    for _ in range(KILLS):
        # anywhere from start-up (the model loading) to the end of what a clean run takes
        delay = rng.uniform(0.0, seconds)
        process = subprocess.Popen(ingest_command(db, source), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        stored.append(assert_sound(db) if db.exists() else 0)
    assert stored == sorted(stored), stored  # a kill never loses what was stored
    again = subprocess.run(ingest_command(db, source), capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    assert "skipped as already stored" in again.stderr
    assert_sound(db)
    assert_same_store(whole, db)


# In a user and mount namespace (no root needed): a small tmpfs as the store's disk, filled by a ballast
# file so that an ingest runs out of space, three times; then the ballast is removed and the ingest run
# once more. Every step's status and stderr, and the store after each, are copied to OUT.
DISK_FULL = textwrap.dedent(
    """
    import os, shutil, subprocess, sys
    volume, out, source = sys.argv[1:4]
    command = [sys.executable, "-m", "tidings.cli", "ingest", "--quiet", "--batch-size", "2"]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", volume], check=True)
    db = os.path.join(volume, "full.duckdb")
    ballast = os.path.join(volume, "ballast")

    def step(name, free):
        if free is not None:
            left = os.statvfs(volume).f_bavail * os.statvfs(volume).f_frsize
            with open(ballast, "wb") as stream:
                stream.truncate(0)
                stream.write(b"\\0" * max(left - free, 0))
        done = subprocess.run([*command, "--db", db, source], capture_output=True, text=True)
        with open(os.path.join(out, name + ".txt"), "w") as stream:
            stream.write(f"{done.returncode}\\n{done.stderr}")
        for suffix in ("", ".wal"):
            if os.path.exists(db + suffix):
                shutil.copyfile(db + suffix, os.path.join(out, name + ".duckdb" + suffix))
        if os.path.exists(ballast):
            os.unlink(ballast)

    # a write's checkpoint takes new blocks for every table it wrote to (about 8 MB for the first ten
    # batches of this corpus), its log a few hundred KB: the first run stores some, the next can fail
    # before storing more
    for number, free in enumerate((9_000_000, 4_000_000, 2_000_000)):
        step(f"full-{number}", free)
    step("freed", None)
    """
)


def namespace_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.slow
def test_disk_full_rolls_back_and_rerun_completes(clean: tuple[Path, Path, float], tmp_path: Path) -> None:
    if not namespace_works():
        pytest.skip("no user namespaces here (unshare -rm) to mount a small tmpfs as a full disk")
    source, whole, _ = clean
    volume, out = tmp_path / "volume", tmp_path / "out"
    volume.mkdir()
    out.mkdir()
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", DISK_FULL, str(volume), str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    db = volume / "full.duckdb"
    stored = []
    for number in range(3):
        status, _, err = (out / f"full-{number}.txt").read_text(encoding="utf-8").partition("\n")
        assert status == "1", err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        assert lines[0].startswith(f"tidings: error: {db}: cannot write: no space left on device; "), err
        assert "what was stored before is intact" in lines[0]
        snapshot = out / f"full-{number}.duckdb"
        if snapshot.exists():
            stored.append(assert_sound(snapshot))
    total = assert_sound(whole)
    assert stored == sorted(stored) and 0 < max(stored) < total, stored
    status, _, err = (out / "freed.txt").read_text(encoding="utf-8").partition("\n")
    assert status == "0", err
    assert assert_sound(out / "freed.duckdb") == total
    assert_same_store(whole, out / "freed.duckdb")


# A store on a file system mounted read-only (a read-only folder that root cannot write either)
READ_ONLY = textwrap.dedent(
    """
    import shutil, subprocess, sys
    volume, store, source = sys.argv[1:4]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", volume], check=True)
    shutil.copyfile(store, volume + "/ro.duckdb")
    subprocess.run(["mount", "-o", "remount,ro", volume], check=True)
    for args in (["ingest", "--quiet", source], ["events", "--limit", "1", "--format", "jsonl"]):
        done = subprocess.run([sys.executable, "-m", "tidings.cli", args[0], "--db", volume + "/ro.duckdb",
                               *args[1:]], capture_output=True, text=True)
        print(done.returncode, done.stderr.strip().replace("\\n", " | "), sep="\\t")
    """
)


@pytest.mark.slow
def test_store_in_a_read_only_folder(clean: tuple[Path, Path, float], tmp_path: Path) -> None:
    if not namespace_works():
        pytest.skip("no user namespaces here (unshare -rm) to mount a read-only file system")
    source, whole, _ = clean
    volume = tmp_path / "volume"
    volume.mkdir()
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", READ_ONLY, str(volume), str(whole), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    (ingest_status, ingest_err), (events_status, events_err) = (
        line.split("\t") for line in done.stdout.splitlines()
    )
    assert ingest_status == "1"
    assert ingest_err.startswith(f"tidings: error: {volume}/ro.duckdb: ") and " | " not in ingest_err
    assert "read-only file system" in ingest_err
    # reading works: no error, only the note that more events matched than the one shown
    assert events_status == "0" and events_err.startswith("tidings: showing 1 of "), events_err
