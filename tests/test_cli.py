"""The CLI through its real entry point, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "belarus-pardon.txt"


def tidings(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tidings.cli", *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.slow
def test_info_json_names_a_loadable_model() -> None:
    done = tidings("info", "--json")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["version"]
    import spacy

    assert spacy.load(facts["spacy_model"]).pipe_names


@pytest.mark.slow
def test_extract_jsonl_writes_one_line_per_article(tmp_path: Path) -> None:
    feed = tmp_path / "two.jsonl"
    feed.write_text(
        json.dumps(
            {
                "id": "a1",
                "text": "Rebels attacked an army base in the north on Monday.",
                "published": "2024-03-06",
            }
        )
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "text": "The government released 40 political prisoners."})
        + "\n",
        encoding="utf-8",
    )
    done = tidings("extract", "--format", "jsonl", str(feed))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["article"]["id"] for line in lines] == ["a1", "a2"]
    assert "1 failed" in done.stderr and "two.jsonl:2" in done.stderr
    assert lines[0]["events"][0]["event_type"] == "ASSAULT"
    assert lines[0]["events"][0]["date"] == "2024-03-04"
    assert lines[1]["events"][0]["event_type"] == "RETREAT"
    assert lines[1]["events"][0]["size"] == {"count": 40, "unit": "people", "text": "40 political prisoners"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02\x03" * 100, "binary")],
)
def test_bad_single_input_is_one_line_and_nonzero(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    done = tidings("extract", str(bad))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert str(bad) in done.stderr and reason in done.stderr.lower()


@pytest.mark.slow
def test_bad_date_option_is_a_usage_error() -> None:
    done = tidings("extract", "--published", "yesterday", str(EXAMPLE))
    assert done.returncode == 2
    assert "not a date" in done.stderr


@pytest.mark.slow
def test_table_output_of_the_example() -> None:
    done = tidings("extract", "--published", "2025-12-13", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert "RETREAT/release" in done.stdout
    assert "belta" in done.stdout.lower()


def test_every_command_is_documented_in_the_readme() -> None:
    from tidings.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"tidings {name}" in readme, f"README does not document `tidings {name}`"
