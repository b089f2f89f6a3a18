"""The small command-line faults: huge limits, unknown event types, and a single article that fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.store.schema import open_store

from .cli import ROOT, finished, tidings

EXAMPLE = ROOT / "examples" / "belarus-pardon.txt"
# Each stage takes far longer than this, so extraction of the example fails on its time limit.
NO_TIME = {"TIDINGS_TIME_LIMIT": "1e-9"}

# each runs the tidings command in other processes
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "empty.duckdb"
    open_store(path).close()
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--limit", "99999999999999999999"),
        ("export", "--format", "jsonl", "--out", "-", "--limit", "99999999999999999999"),
    ],
)
def test_a_limit_beyond_64_bits_is_a_usage_error(store: Path, args: tuple[str, ...]) -> None:
    code, out, err = finished(tidings(*args, "--db", str(store)))
    assert code == 2 and out == "" and "Traceback" not in err
    assert any("--limit" in line and "99999999999999999999" in line for line in err.splitlines()), err


@pytest.mark.parametrize(
    "args", [("events", "--limit", str(2**62)), ("events", "--type", "assault", "--format", "jsonl")]
)
def test_a_large_limit_and_a_type_in_any_case_are_fine(store: Path, args: tuple[str, ...]) -> None:
    code, out, err = finished(tidings(*args, "--db", str(store)))
    assert code == 0 and err == "", err


def test_an_unknown_event_type_is_refused_with_the_known_ones(store: Path) -> None:
    code, out, err = finished(tidings("events", "--db", str(store), "--type", "NOPE"))
    assert code == 2 and out == "" and "Traceback" not in err
    (line,) = [line for line in err.splitlines() if "NOPE" in line]
    assert "'NOPE' is not a PLOVER event type" in line
    assert "ASSAULT" in line and "THREATEN" in line and "RETREAT" in line


@pytest.mark.parametrize("command", ["extract", "annotate", "ingest"])
def test_a_single_article_that_fails_exits_1(tmp_path: Path, command: str) -> None:
    args = ("--quiet", "--db", str(tmp_path / "t.duckdb")) if command == "ingest" else ()
    code, out, err = finished(tidings(command, *args, str(EXAMPLE), env=NO_TIME))
    assert code == 1, err
    assert "Traceback" not in err and "over the article's time limit" in err
    assert str(EXAMPLE) in err or "belarus-pardon" in err
    if command != "ingest":  # ingest adds its summary
        (line,) = err.splitlines()
        assert line.startswith(f"tidings: error: {EXAMPLE}: ")


def test_the_same_article_with_time_enough_exits_0(tmp_path: Path) -> None:
    code, out, err = finished(
        tidings("extract", "--format", "jsonl", str(EXAMPLE), env={"TIDINGS_TIME_LIMIT": "off"})
    )
    assert code == 0 and out and err == ""
