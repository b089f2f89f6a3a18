"""One batch holding the inputs that used to cost their batch (an absurd number, a text over spaCy's
limit, a lone surrogate, a 30 KB sentence) among ordinary articles: every article is extracted and
stored, the ordinary ones exactly as when they are coded alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tidings.pipeline import Extractor, extract_articles
from tidings.records import Article

from .cli import ABSURD, LONG, RUN_ON, SURROGATE, finished, jsonl, tidings

ORDINARY = {
    "kyiv": "Russian forces shelled Kharkiv on Sunday, Ukrainian officials said.",
    "minsk": "Belarus released 52 prisoners on Saturday after talks with the United States.",
    "gaza": "The United Nations sent aid to Gaza on Tuesday, the agency said in a statement.",
}
HOSTILE = {"absurd": ABSURD, "long": LONG, "surrogate": SURROGATE, "run-on": RUN_ON}

# each runs the tidings command in other processes
pytestmark = pytest.mark.slow


def test_one_batch_of_hostile_and_ordinary_articles_is_stored_whole(
    tmp_path: Path, extractor: Extractor
) -> None:
    records = [{"id": key, "text": text, "published": "2024-03-06"} for key, text in ORDINARY.items()]
    records[1:1] = [{"id": key, "text": text, "published": "2024-03-06"} for key, text in HOSTILE.items()]
    feed = tmp_path / "batch.jsonl"
    feed.write_text(jsonl(*records), encoding="utf-8")
    db = tmp_path / "batch.duckdb"
    code, _, err = finished(tidings("ingest", "--quiet", "--db", str(db), str(feed)))
    assert code == 0 and "Traceback" not in err, err
    assert f"{len(records)} articles read, {len(records)} stored" in err and "0 failed" in err

    with duckdb.connect(str(db), read_only=True) as con:
        stored = dict(con.execute("SELECT input_id, id FROM articles").fetchall())
        events = con.execute(
            "SELECT a.input_id, e.extract_id, e.size_count"
            " FROM events e JOIN articles a ON a.id = e.article_id"
        ).fetchall()
    assert set(stored) == {*ORDINARY, *HOSTILE}
    by_article: dict[str, set[str]] = {}
    for input_id, extract_id, _ in events:
        by_article.setdefault(input_id, set()).add(extract_id)
    assert all(size is None for input_id, _, size in events if input_id == "absurd")
    assert by_article.get("absurd") and by_article.get("run-on") and by_article.get("surrogate")

    published = dt.date(2024, 3, 6)
    alone = extract_articles(
        [Article(id=k, text=t, published=published) for k, t in ORDINARY.items()], extractor
    )
    for result in alone:
        assert result.events, result.article.id
        assert by_article[result.article.id] == {e.id for e in result.events}
