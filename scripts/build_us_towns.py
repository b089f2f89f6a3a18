"""Rebuild src/tidings/knowledge/us_towns.tsv: the towns of the United States by their post offices, each with
its state and county, from the zipcodes package (the US Postal Service's ZIP code list; MIT); and
us_localities.tsv: the places with no post office of their own that one post office alone serves (Benbrook,
Texas is served as Fort Worth; the ZIP code list names them as the names it accepts on mail and those it
does not), `name<TAB>state<TAB>post office`, sorted.

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
LOCALITIES = ROOT / "src" / "tidings" / "knowledge" / "us_localities.tsv"
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


ABBREVIATED = {"st": "saint", "ft": "fort", "mt": "mount"}


def _spelled_out(name: str) -> str:
    """A name with its abbreviated words written in full: "St. Augustine" is Saint Augustine's post office."""
    return " ".join(ABBREVIATED.get(w, w) for w in name.lower().replace(".", "").split())


def _abbreviates(name: str, office: str) -> bool:
    """Whether a name is the office's own, abbreviated: as many words, each the office's word's first
    letter and some of the rest in order ("St. Augustine", "Alex Bay", "Airway Hgts", "Atl")."""
    short, full = name.lower().replace(".", "").split(), office.lower().split()
    return len(short) == len(full) and all(
        s[0] == f[0] and _in_order(s, f) for s, f in zip(short, full, strict=True)
    )


def _in_order(letters: str, word: str) -> bool:
    rest = iter(word)
    return all(letter in rest for letter in letters)


def main() -> None:
    rows = set()
    served: dict[tuple[str, str], set[str]] = {}
    for code in zipcodes.list_all():
        state = STATES.get(code["state"])
        if state is None or code["zip_code_type"] not in KINDS or not code["city"]:
            continue  # a territory, an armed forces code, a firm's own code
        rows.add((code["city"], state, code["county"] or ""))
        # the places a code's area holds, whether the Postal Service accepts their names on mail or not
        # (Euharlee, Georgia on Cartersville's; Hanley Hills, Missouri, not accepted, on Saint Louis's): the
        # post office of that code serves them
        for name in (*(code["acceptable_cities"] or ()), *(code["unacceptable_cities"] or ())):
            served.setdefault((name, state), set()).add(code["city"])
    lines = ["# US towns by their post offices (zipcodes 3.0.0, MIT): name, state, county"]
    lines += ["\t".join(row) for row in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"build_us_towns: {len(rows)} towns -> {OUT}")
    # a name a post office of its own bears is a town's, and an abbreviation of its office's name is that
    # office's; a name several post offices accept says nothing of which serves the place (Killingly,
    # Connecticut: Danielson, Dayville and three more)
    own = {(_spelled_out(name), state) for name, state, _ in rows}
    localities = sorted(
        (name, state, office)
        for (name, state), offices in served.items()
        if (_spelled_out(name), state) not in own and len(offices) == 1
        for office in offices
        if not _abbreviates(name, office) and not _abbreviates(office, name)
    )
    lines = ["# US places one post office of another name serves (zipcodes 3.0.0, MIT): name, state, office"]
    lines += ["\t".join(row) for row in localities]
    LOCALITIES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"build_us_towns: {len(localities)} localities -> {LOCALITIES}")


if __name__ == "__main__":
    main()
