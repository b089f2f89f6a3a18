"""Score place resolution on GeoWebNews (Gritta et al. 2019): toponyms resolved within 161 km (100 miles).

Usage: .venv/bin/python bench/score_places.py ../shared/eval/places/GWN.xml [--errors N]

Prints, over the gold toponyms that have coordinates:
- resolution: the share resolved within 161 km when Tidings is given the gold toponym (its text and the
  article as context, as `find_places` resolves an entity: a name the gazetteer lacks is placed at the
  article's focus), the measure of toponym resolution papers (Mordecai3 reports 90.1% exact);
- end to end: the share that Tidings' own finder (`find_places`, spaCy entities) finds (overlapping
  span) and resolves within 161 km, and how many it found.
The data file is read in place, never copied.
"""

from __future__ import annotations

import argparse
import math
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tidings.knowledge.base import load_knowledge
from tidings.knowledge.gazetteer import load_gazetteer
from tidings.nlp import load_pipeline, parse_articles
from tidings.records import Article
from tidings.resolve.places import article_context, find_places, resolve_in_context

KM = 161.0


@dataclass(frozen=True, slots=True)
class Gold:
    name: str
    kind: str
    span: tuple[int, int]
    lat: float
    lon: float


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def read_gwn(path: Path) -> list[tuple[Article, list[Gold]]]:
    out: list[tuple[Article, list[Gold]]] = []
    for node in ET.parse(path).getroot():
        text = node.findtext("text") or ""
        golds = []
        for top in node.find("toponyms") or ():
            lat, lon = top.findtext("latitude"), top.findtext("longitude")
            if not lat or not lon:
                continue
            span = (int(top.findtext("start") or 0), int(top.findtext("end") or 0))
            name = top.findtext("extractedName") or text[span[0] : span[1]]
            golds.append(Gold(name, top.findtext("type") or "", span, float(lat), float(lon)))
        out.append((Article(id=node.get("file") or str(len(out)), text=text), golds))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Score place resolution on GeoWebNews.")
    parser.add_argument("gwn", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="print N wrongly resolved gold toponyms")
    args = parser.parse_args()
    data = read_gwn(args.gwn)
    kb, gaz = load_knowledge(), load_gazetteer()
    total = resolved = found = found_right = 0
    by_kind: Counter[str] = Counter()
    right_by_kind: Counter[str] = Counter()
    errors: list[str] = []
    golds_of = {a.id: g for a, g in data}
    for parsed in parse_articles((a for a, _ in data), load_pipeline()):
        golds = golds_of[parsed.article.id]
        context = article_context(parsed, kb, gaz)
        mentions = find_places(
            parsed, kb, gaz, include_metonyms=True, labels=frozenset({"GPE", "LOC", "FAC", "NORP"})
        )
        for gold in golds:
            total += 1
            by_kind[gold.kind] += 1
            resolution = resolve_in_context(gold.name, context, gazetteer=gaz, kb=kb)
            place = resolution[0] if resolution else None
            ok = place is not None and distance_km(place.lat, place.lon, gold.lat, gold.lon) <= KM
            resolved += ok
            right_by_kind[gold.kind] += ok
            if not ok and len(errors) < args.errors:
                got = f"{place.name} {place.country} ({place.lat}, {place.lon})" if place else "nothing"
                errors.append(f"{gold.name!r} [{gold.kind}] gold ({gold.lat}, {gold.lon}) got {got}")
            hit = next((m for m in mentions if m.span[0] < gold.span[1] and gold.span[0] < m.span[1]), None)
            if hit is not None:
                found += 1
                p = hit.place
                found_right += distance_km(p.lat, p.lon, gold.lat, gold.lon) <= KM
    print(f"gold toponyms with coordinates: {total} in {len(data)} articles")
    print(f"resolution (gold toponyms) within {KM:.0f} km: {resolved}/{total} = {resolved / total:.3f}")
    print(
        f"end to end: found {found}/{total} = {found / total:.3f}; found and within {KM:.0f} km: "
        f"{found_right}/{total} = {found_right / total:.3f}"
    )
    print(
        "resolution by gold type: "
        + ", ".join(f"{k} {right_by_kind[k]}/{n}" for k, n in by_kind.most_common())
    )
    for line in errors:
        print("  " + line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
