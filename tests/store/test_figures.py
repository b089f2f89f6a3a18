"""Actors' figures kept by the store (`tidings.store.figures`): what the batches added up is what a count
of the whole store gives, and a re-run adds nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tidings.engines.ingest import ingest
from tidings.pipeline import Extractor
from tidings.store.figures import add_figures
from tidings.store.schema import open_store

from .test_certainty import marked  # noqa: F401  (the module's store, reused)
from .test_store import FIXTURE

TABLES = ("actor_figures", "actor_names", "actor_pairs")


def _figures(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    return {table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in TABLES}


def test_batches_add_up_to_the_whole(tmp_path: Path, extractor: Extractor) -> None:
    with open_store(tmp_path / "s.duckdb") as con:
        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=3)
        added = _figures(con)
        add_figures(con)  # the whole store counted again
        assert _figures(con) == added
        assert all(added.values())
        ingest([str(FIXTURE)], con, extractor=extractor, batch_size=5)  # stores nothing: adds nothing
        assert _figures(con) == added


def test_an_actors_figures(marked: Path) -> None:  # noqa: F811
    with open_store(marked, read_only=True) as con:
        eu = con.execute(
            "SELECT role, sum(events), sum(rows) FROM actor_figures WHERE entity_id = 'Q458' GROUP BY role"
        ).fetchall()
        rows = con.execute(
            "SELECT role, count(DISTINCT event_id), count(*) FROM actors"
            " WHERE entity_id = 'Q458' GROUP BY role"
        ).fetchall()
        name = con.execute(
            "SELECT value FROM actor_names WHERE entity_id = 'Q458' AND field = 'name' ORDER BY rows DESC"
        ).fetchall()
    assert sorted(eu) == sorted(rows) and eu
    assert name[0] == ("European Union",)
