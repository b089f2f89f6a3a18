"""CSV cells a spreadsheet would run as formulas are written as text: a leading single quote."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tidings.store.export import CSV_COLUMNS, csv_cell, write_csv
from tidings.store.query import EventQuery, event_records
from tidings.store.schema import open_store

from .test_certainty import marked  # noqa: F401  (the module's store, reused)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Rebels attacked = a base", "Rebels attacked = a base"),
        ("", ""),
        (-3, -3),
        (None, None),
    ],
)
def test_csv_cell(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_hostile_text_is_escaped_in_the_export(marked: Path, tmp_path: Path) -> None:  # noqa: F811
    hostile = tmp_path / "hostile.duckdb"
    hostile.write_bytes(marked.read_bytes())
    with open_store(hostile) as con:
        con.execute("UPDATE articles SET title = '=cmd|'' /C calc''!A0', url = '@evil'")
        con.execute("UPDATE events SET evidence_sentence = '+' || evidence_sentence")
        out = io.StringIO()
        count = write_csv(event_records(con, EventQuery(certainty=None)), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == count > 0 and tuple(rows[0]) == CSV_COLUMNS
    for row in rows:
        assert row["article_title"] == "'=cmd|' /C calc'!A0"
        assert row["article_url"] == "'@evil"
        assert row["evidence"].startswith("'+") and not row["evidence"].startswith("''")
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row.values())
