"""A store built by a real `tidings ingest` of the store tests' fixture corpus and the flagship example
(whose events are linked and flagged), shared by the API and browser tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "store" / "fixtures"
EXAMPLE = ROOT / "examples" / "belarus-pardon.txt"


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "news.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "tidings.cli", "ingest", "--quiet", "--db", str(path)]
        + ["--published", "2025-12-13", str(FIXTURES), str(EXAMPLE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "13 stored" in done.stderr
    return path
