"""The README's bad-input matrix through the real command line: each bad input gets one line on stderr
naming it, with no traceback; the other inputs of the same run are extracted, annotated and stored; a
single bad input exits 1, a run where some input got through exits 0."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from .cli import finished, tidings, write_matrix

COUNT = re.compile(r"tidings: \d+ articles processed, \d+ failed")

# each runs the tidings command in other processes
pytestmark = pytest.mark.slow


def _error_lines(stderr: str, origins: list[str]) -> dict[str, str]:
    """{input: reason} of the error lines; every other line of stderr must be the count of failures."""
    errors = {}
    for line in stderr.splitlines():
        named = [o for o in origins if line.startswith(f"tidings: error: {o}: ")]
        if named:
            origin = max(named, key=len)
            errors[origin] = line.removeprefix(f"tidings: error: {origin}: ")
        else:
            assert COUNT.fullmatch(line), line
    return errors


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    folder = tmp_path_factory.mktemp("matrix")
    refused, articles = write_matrix(folder)
    return folder, refused, articles


def _inputs(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))


def test_extract_answers_every_input_and_keeps_the_good_ones(matrix) -> None:  # type: ignore[no-untyped-def]
    folder, refused, articles = matrix
    code, out, err = finished(
        tidings("extract", "--published", "2024-03-06", "--format", "jsonl", *_inputs(folder))
    )
    assert "Traceback" not in err
    assert code == 0, err
    errors = _error_lines(err, [*refused, *articles])
    assert set(errors) == set(refused), err
    for origin, reason in refused.items():
        assert reason in errors[origin], (origin, errors[origin])
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(articles)
    by_id = {line["article"]["id"]: line["events"] for line in lines}
    assert by_id["absurd"] and all(e["size"] is None for e in by_id["absurd"])
    assert by_id["surrogate"] and by_id["good"] and by_id["long"]
    assert f"{len(articles)} articles processed, {len(refused)} failed" in err


def test_annotate_answers_every_input(matrix) -> None:  # type: ignore[no-untyped-def]
    folder, refused, articles = matrix
    code, out, err = finished(
        tidings("annotate", "--published", "2024-03-06", "--format", "json", *_inputs(folder))
    )
    assert "Traceback" not in err
    assert code == 0, err
    assert set(_error_lines(err, [*refused, *articles])) == set(refused)
    assert len(out.splitlines()) == len(articles)


def test_ingest_stores_every_good_input(matrix, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, refused, articles = matrix
    db = tmp_path / "matrix.duckdb"
    code, _, err = finished(tidings("ingest", "--quiet", "--db", str(db), *_inputs(folder)))
    assert "Traceback" not in err
    assert code == 0, err
    assert f"{len(articles)} stored" in err and f"{len(refused)} failed" in err
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {row[0]: row[1] for row in con.execute("SELECT origin, text FROM articles").fetchall()}
        failed = {row[0] for row in con.execute("SELECT record_id FROM failures").fetchall()}
    assert stored == articles
    assert failed == set(refused)


def test_a_single_bad_input_is_one_line_and_exit_1(matrix) -> None:  # type: ignore[no-untyped-def]
    folder, refused, _ = matrix
    alone = {origin.split(":")[0] if origin.endswith(":1") else origin for origin in refused}
    alone.discard(str(folder / "lines.jsonl"))  # a JSONL file with good lines is no single bad input
    running = {path: tidings("extract", path) for path in sorted(alone)}
    for path, process in running.items():
        code, out, err = finished(process)
        assert code == 1, (path, err)
        assert out == "" and "Traceback" not in err
        (line,) = err.splitlines()
        assert line.startswith(f"tidings: error: {path}: ") and refused[path] in line
