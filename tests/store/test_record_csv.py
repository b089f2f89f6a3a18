"""The CSV of real-world event records is laid out by the declaration (tidings.store.record_schema)."""

from __future__ import annotations

from tidings.event_schema import Part
from tidings.store.record_export import RECORD_CSV_COLUMNS, record_row
from tidings.store.record_schema import RECORD, RECORD_CSV


def _declared(path: str) -> bool:
    part: Part | None = RECORD
    for name in path.split("."):
        if part is None:
            return False
        part = part.field(name).part
    return True


def test_the_columns_are_declared() -> None:
    assert tuple(c.name for c in RECORD_CSV) == RECORD_CSV_COLUMNS
    assert all(_declared(p) for c in RECORD_CSV for p in c.paths)


def test_a_record_as_a_row() -> None:
    party = {"entity_id": None, "name": None, "country": "BLR", "sector": "GOV", "mentions": 2}
    named = {
        "entity_id": "Q1",
        "name": "Alexander Lukashenko",
        "country": "BLR",
        "sector": "GOV",
        "mentions": 1,
    }

    def report(article: str, outlet: str | None, source: str | None) -> dict[str, object]:
        return {"outlet": outlet, "article": {"id": article, "source": source}}

    record = {
        "id": "rec_1",
        "story_id": "st_1",
        "event_type": "RETREAT",
        "mode": "release",
        "certainty": "reported",
        "date": "2025-12-13",
        "place": None,
        "killed": None,
        "injured": None,
        "arrested": None,
        "released": 123,
        "actors": [party, named],
        "recipients": [],
        "report_count": 2,
        "mention_count": 3,
        "values": {},
        "conflicts": ["released", "date"],
        "reports": [report("a2", "BelTA", None), report("a1", None, "Reuters"), report("a2", None, None)],
    }
    row = dict(zip(RECORD_CSV_COLUMNS, record_row(record), strict=True))
    assert row["actors"] == "Alexander Lukashenko"  # names; an unnamed party is left out
    assert row["actor_countries"] == "BLR; BLR"
    assert (row["recipients"], row["place"], row["released"]) == ("", None, 123)
    assert row["conflicts"] == "released; date"
    assert row["sources"] == "BelTA; Reuters"  # the outlet, else the article's source; once each, sorted
    assert row["articles"] == "a2; a1"  # once each, in the reports' order
