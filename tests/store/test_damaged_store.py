"""A store that cannot be opened or read is one line naming the file and the reason, from every command
that opens a store and from `tidings serve` at start-up; `tidings check` says what is wrong."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from tidings.cli import main
from tidings.engines.ingest import ingest
from tidings.pipeline import Extractor
from tidings.store.check import check_store, format_report, verify_readable
from tidings.store.faults import StoreError, reason_of
from tidings.store.schema import open_store

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = FIXTURES / "articles.jsonl"
HEADER_BYTES = 3 * 4096
ONE_ARTICLE = json.dumps({"id": "new", "text": "Police arrested 40 protesters in Minsk on Friday."}) + "\n"


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.duckdb"
    with open_store(path) as con:
        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=4)
    return path


def block_of(path: Path, table: str) -> int:
    """The byte offset of the first block holding `table`'s data."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        block, size = con.execute(
            f"SELECT min(block_id), (SELECT block_size FROM pragma_database_size())"
            f" FROM pragma_storage_info('{table}') WHERE block_id >= 0"
        ).fetchall()[0]
    finally:
        con.close()
    return HEADER_BYTES + int(block) * int(size)


def flip(path: Path, offset: int, length: int = 64) -> None:
    with path.open("r+b") as stream:
        stream.seek(offset)
        data = stream.read(length)
        stream.seek(offset)
        stream.write(bytes(b ^ 0xFF for b in data))


def _truncated_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _truncated_header(path: Path) -> None:
    os.truncate(path, 100)


def _empty(path: Path) -> None:
    os.truncate(path, 0)


def _corrupt_data(path: Path) -> None:
    # the first block of articles and of events: every command reads one or the other
    offsets = [block_of(path, "articles"), block_of(path, "events")]
    for offset in offsets:
        flip(path, offset + 100)


def _corrupt_header(path: Path) -> None:
    flip(path, 8192 + 8)  # the second database header: its checksum no longer matches


def _text(path: Path) -> None:
    path.write_text("id,title\n1,not a database\n", encoding="utf-8")


def _missing(path: Path) -> None:
    path.unlink()


def _sqlite(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(4080))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated-half": (_truncated_half, "truncated"),
    "truncated-header": (_truncated_header, "truncated"),
    "empty": (_empty, "not a DuckDB database"),
    "corrupt-data": (_corrupt_data, "fails its checksum"),
    "corrupt-header": (_corrupt_header, "fails its checksum"),
    "text": (_text, "not a DuckDB database"),
    "sqlite": (_sqlite, "not a DuckDB database"),
    "missing": (_missing, "no such store"),
}


def damaged(good: Path, folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.duckdb"
    shutil.copyfile(good, path)
    DAMAGE[kind][0](path)
    return path


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`tidings ARGV` in this process, through the real entry point: (status, stdout, stderr)."""
    old = sys.argv
    sys.argv = ["tidings", *argv]
    status = 0
    try:
        main()
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    return status, out, err


def commands(db: Path, folder: Path) -> dict[str, list[str]]:
    article = folder / "one.jsonl"
    article.write_text(ONE_ARTICLE, encoding="utf-8")
    return {
        "check": ["check", "--db", str(db)],
        "events": ["events", "--db", str(db), "--limit", "5"],
        "export": ["export", "--db", str(db), "--format", "jsonl", "--out", str(folder / "out.jsonl")],
        "ingest": ["ingest", "--quiet", "--db", str(db), str(article)],
        "serve": ["serve", "--db", str(db), "--port", "0"],
    }


def assert_one_line(err: str, db: Path, reason: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith(f"tidings: error: {db}: "), lines[0]
    assert reason in lines[0], lines[0]


@pytest.mark.parametrize("kind", sorted(DAMAGE))
@pytest.mark.parametrize("command", ["check", "events", "export", "ingest", "serve"])
def test_damaged_store_is_one_line(
    good: Path, tmp_path: Path, kind: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = damaged(good, tmp_path, kind)
    argv = commands(db, tmp_path)[command]
    if command == "ingest" and kind == "missing":
        pytest.skip("ingest creates a missing store")
    status, out, err = run_main(argv, capsys)
    assert status == 1
    if command == "check" and not err:  # opened, but part of it unreadable: the report says which
        assert f"problem: {DAMAGE[kind][1].split()[0]}" in out or DAMAGE[kind][1] in out, out
        assert out.splitlines()[-1].startswith("not sound")
    else:
        assert_one_line(err, db, DAMAGE[kind][1])


def test_check_of_a_sound_store(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_main(["check", "--db", str(good)], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"{good}: ") and "layout" in lines[0]
    assert any(line.split()[:2] == ["articles", "12"] for line in lines)
    assert lines[-1] == "sound"
    status, out, _ = run_main(["check", "--db", str(good), "--json"], capsys)
    report = json.loads(out)
    assert status == 0 and report["sound"] and report["problems"] == []
    assert {t["name"]: t["rows"] for t in report["tables"]}["articles"] == 12


def test_check_finds_orphans(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "orphans.duckdb"
    shutil.copyfile(good, db)
    con = duckdb.connect(str(db))
    article = con.execute("SELECT article_id FROM events LIMIT 1").fetchall()[0][0]
    con.execute("DELETE FROM articles WHERE id = ?", [article])
    con.execute("INSERT INTO flags VALUES ('ev_nowhere', 0, 'x', 'y')")
    con.close()
    status, out, _ = run_main(["check", "--db", str(db)], capsys)
    assert status == 1
    assert "events without their article" in out
    assert "problem: 1 flags without their event" in out
    assert out.splitlines()[-1] == "not sound: 2 problems"


def test_check_names_the_damaged_table(good: Path, tmp_path: Path) -> None:
    db = tmp_path / "one.duckdb"
    shutil.copyfile(good, db)
    flip(db, block_of(db, "events") + 100)
    report = check_store(db)
    assert not report.sound
    assert [t.name for t in report.tables if t.damage] == ["events"]
    assert report.unreadable and report.unreadable.startswith("table events: damaged")
    assert "problem: table events: damaged: a block of the file fails its checksum at byte" in "\n".join(
        format_report(report)
    )
    with pytest.raises(StoreError, match="table events: damaged"):
        verify_readable(db)


def test_check_reports_a_truncated_file(good: Path, tmp_path: Path) -> None:
    db = damaged(good, tmp_path, "truncated-half")
    report = check_store(db)
    assert report.truncated and not report.sound
    assert report.problems[0].startswith("truncated: the file has")


def test_not_a_tidings_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).close()
    status, _, err = run_main(["events", "--db", str(db)], capsys)
    assert status == 1
    assert_one_line(err, db, "not a Tidings store (it has no table events)")
    status, out, _ = run_main(["check", "--db", str(db)], capsys)
    assert status == 1 and "problem: not a Tidings store: no table articles" in out


@pytest.fixture
def locked(good: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the store that another process holds open for writing."""
    db = tmp_path / "locked.duckdb"
    shutil.copyfile(good, db)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print(1, flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline()
    try:
        yield db
    finally:
        holder.kill()
        holder.communicate()


@pytest.mark.parametrize("command", ["check", "events", "export", "ingest", "serve"])
def test_store_locked_by_another_writer(
    locked: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run_main(commands(locked, tmp_path)[command], capsys)
    assert status == 1
    assert_one_line(err, locked, "in use by another process (PID")


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (
            'TransactionContext Error: Failed to commit: Could not write file "w": No space left on device',
            "cannot write: no space left on device",
        ),
        (
            "FATAL Error: Failed: database has been invalidated because of a previous fatal error. The"
            ' database must be restarted prior to being used again.\nOriginal error: "Could not write file:'
            ' File too large"',
            "cannot write: file too large",
        ),
        ('IO Error: Cannot open file "/ro/x.duckdb": Read-only file system', "read-only file system"),
        ('IO Error: Cannot open file "/ro/x.duckdb": Permission denied', "permission denied"),
        ("Catalog Error: Table with name events does not exist!", "not a Tidings store"),
    ],
)
def test_reasons(message: str, reason: str) -> None:
    assert reason in reason_of(duckdb.IOException(message))


def test_the_first_fault_of_a_chain_is_the_reason() -> None:
    # a ROLLBACK after a failed COMMIT raises last; the full disk is the reason
    last = duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")
    last.__context__ = duckdb.TransactionException(
        "Failed to commit: Could not write file: No space left on device"
    )
    assert reason_of(last) == "cannot write: no space left on device"


@pytest.mark.slow
def test_serve_refuses_to_start_on_a_damaged_store(good: Path, tmp_path: Path) -> None:
    db = damaged(good, tmp_path, "corrupt-data")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tidings.cli", "serve", "--db", str(db), "--port", "0", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert_one_line(done.stderr, db, "fails its checksum")
    assert time.monotonic() - started < 60
