"""The cities agencies write alone in a dateline (knowledge/dateline_cities.json) are gazetteer towns."""

from __future__ import annotations

import json
from importlib import resources

from tidings.knowledge.gazetteer import load_gazetteer
from tidings.knowledge.us_towns import dateline_city


def test_every_dateline_city_is_a_town_of_the_gazetteer_in_its_region() -> None:
    path = resources.files("tidings") / "knowledge" / "dateline_cities.json"
    cities = json.loads(path.read_text(encoding="utf-8"))["cities"]
    gazetteer = load_gazetteer()
    missing = [
        name
        for name, (country, region) in cities.items()
        if not any(
            p.kind == "city" and (p.country, p.region) == (country, region) for p, _ in gazetteer.named(name)
        )
    ]
    assert missing == []
    assert len(cities) == 80


def test_dateline_city() -> None:
    assert dateline_city("Washington") == ("USA", "Washington, D.C.")
    assert dateline_city("London") == ("GBR", "England")
    assert dateline_city("Springfield") is None  # every other town's dateline carries its state
