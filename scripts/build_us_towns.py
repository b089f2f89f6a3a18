"""Rebuild src/tidings/knowledge/us_towns.tsv: the towns of the United States by their post offices, each with
its state and county, from the zipcodes package (the US Postal Service's ZIP code list; MIT).

Usage: .venv/bin/python scripts/build_us_towns.py

Build-time only (the runtime reads the TSV and needs none of it): pip install zipcodes==3.0.0

The gazetteer (scripts/build_places.py) holds the places of 1,000 inhabitants or more that GeoNames
lists; news of a shooting or a fire is often of a smaller town ("Glen Flora, Wis.", "Parrottsville,
Tenn.", "White Plains, Ky."). Every town with a post office has a ZIP code of its own name: the list of
these names (standard and post-office-box codes; not a firm's or a base's) is what tells a town from
another word where a report names the state it is in (tidings.link.setting). One line per town, state and
county: `name<TAB>state<TAB>county`, sorted.
"""

from __future__ import annotations

from pathlib import Path

import zipcodes

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tidings" / "knowledge" / "us_towns.tsv"
KINDS = frozenset({"STANDARD", "PO BOX"})
STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip


def main() -> None:
    rows = set()
    for code in zipcodes.list_all():
        state = STATES.get(code["state"])
        if state is None or code["zip_code_type"] not in KINDS or not code["city"]:
            continue  # a territory, an armed forces code, a firm's own code
        rows.add((code["city"], state, code["county"] or ""))
    lines = ["# US towns by their post offices (zipcodes 3.0.0, MIT): name, state, county"]
    lines += ["\t".join(row) for row in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"build_us_towns: {len(rows)} towns -> {OUT}")


if __name__ == "__main__":
    main()
