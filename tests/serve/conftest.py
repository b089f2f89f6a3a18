"""A store built by a real `tidings ingest` of the store tests' fixture corpus and the flagship example
(whose events are linked and flagged), shared by the API and browser tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ingested
from tidings.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "store" / "fixtures"
EXAMPLE = ROOT / "examples" / "belarus-pardon.txt"


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """`tidings ingest` run in this process, with the session's pipeline (`extractor` loads it once)."""
    path = tmp_path_factory.mktemp("serve") / "news.duckdb"
    assert "13 stored" in ingested(path, FIXTURES, EXAMPLE)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: Path, *args: str) -> Iterator[str]:
    """A real `tidings serve` of `db` (with `args`) on a free loopback port, until its health answers:
    yields its base URL, and stops it after."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tidings.cli", "serve", "--db", str(db), "--port", str(port), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(url + "/api/v1/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(
                        process.stderr.read().decode() if process.stderr else "serve exited"
                    ) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()
