"""Shared fixtures: the spaCy pipeline and the extractor load once per test session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tidings.pipeline import Extractor, extract_articles, load_extractor
from tidings.records import Article, ArticleResult

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return load_extractor()


@pytest.fixture(scope="session")
def run(extractor: Extractor):
    """Extract events from one text: run(text, published=None) -> ArticleResult."""

    def _run(text: str, published: date | None = None, article_id: str = "t") -> ArticleResult:
        article = Article(id=article_id, text=text, published=published)
        return next(extract_articles([article], extractor))

    return _run


def shared_file(relative: str) -> Path:
    """A file of ../shared, or skip the test with a clear message when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"gold data not available: {path} (the shared data folder sits beside the repo)")
    return path


def ingested(db: Path, *inputs: Path, published: str = "2025-12-13") -> str:
    """`tidings ingest --quiet` of `inputs` into `db`, run in this process (with the session's pipeline
    when a test asked for `extractor` first); fails the test unless it exits 0; returns what it wrote to
    stderr."""
    from click.testing import CliRunner

    from tidings.cli import cli

    done = CliRunner().invoke(
        cli, ["ingest", "--quiet", "--db", str(db), "--published", published, *map(str, inputs)]
    )
    assert done.exit_code == 0, done.stderr
    return str(done.stderr)
