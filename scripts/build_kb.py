"""Rebuild the knowledge files in src/tidings/knowledge/ from the fact tables in scripts/kb_facts/.

Usage: .venv/bin/python scripts/build_kb.py [--out DIR]   (or `make kb`, which also rebuilds the gazetteer)

The fact tables are hand-written TSV files (sources named in docs/knowledge.md). pycountry is used here only,
as the source of ISO 3166 codes and official names; the runtime reads the JSON output and needs neither.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from tidings.codes import Sector

ROOT = Path(__file__).resolve().parents[1]
FACTS = ROOT / "scripts" / "kb_facts"
OUT = ROOT / "src" / "tidings" / "knowledge"

OFFICES = {
    "hos": ("head_of_state",),
    "hog": ("head_of_government",),
    "hos+hog": ("head_of_state", "head_of_government"),
    "fm": ("foreign_minister",),
    "vp": ("vice_president",),
}
SECTORS = frozenset(s.value for s in Sector)  # the PLOVER manual's sector codes
NONSTATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
MEDIA_KINDS = {"state_media", "public_media", "media"}
NO_PLURAL = ("sh", "ch", "ese", "ss", "s", "x", "z")


def rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV fact table as dicts; lines starting with '#' are comments."""
    with (FACTS / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items()}


def split(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]


def aliases(field: str, *extra: str) -> dict[str, list[str]]:
    """Split aliases into case-insensitive ones and case-exact ones (written "=US")."""
    plain = [a for a in [*extra, *split(field)] if not a.startswith("=")]
    cased = [a[1:] for a in split(field) if a.startswith("=")]
    out: dict[str, list[str]] = {"aliases": list(dict.fromkeys(plain))}
    if cased:
        out["cased"] = cased
    return out


def plural(word: str) -> str | None:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.lower().endswith(NO_PLURAL) or " " in word and not word.endswith(("n", "i")):
        return None
    return word + "s"


def compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "", [], {})}


def check(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"build_kb: {message}")


def build_countries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows("countries.tsv"):
        code = row["code"]
        iso = pycountry.countries.get(alpha_3=code)
        check(iso is not None or code == "KOS", f"unknown ISO code {code}")
        iso_names = [
            getattr(iso, "name", ""),
            getattr(iso, "official_name", ""),
            getattr(iso, "common_name", ""),
        ]
        capitals = split(row["capitals"])
        names = aliases(row["aliases"], *[n for n in iso_names if n and n != row["name"]])
        if iso is not None:
            names.setdefault("cased", []).extend([iso.alpha_3])
        entries.append(
            compact(
                {
                    "id": row["qid"] or f"tidings:country:{code}",
                    "name": row["name"],
                    "kind": row["kind"] or "country",
                    "country": code,
                    "code": code,
                    "capital": capitals[0] if capitals else None,
                    **names,
                }
            )
        )
        seen.add(code)
        if capitals:
            entries.append(
                compact(
                    {
                        "id": f"tidings:capital:{code}",
                        "name": capitals[0],
                        "kind": "capital",
                        "country": code,
                        "sector": "GOV",
                        "aliases": capitals[1:],
                    }
                )
            )
        forms = split(row["demonyms"])
        if forms:
            plurals = [p for p in (plural(f) for f in forms) if p]
            entries.append(
                {
                    "id": f"tidings:demonym:{code}",
                    "name": forms[0],
                    "kind": "demonym",
                    "country": code,
                    "aliases": list(dict.fromkeys(forms[1:] + plurals)),
                }
            )
    for row in rows("territories.tsv"):
        code = row["code"]
        check(row["fold"] in seen, f"territory {row['name']} folds into unknown {row['fold']}")
        sector = row["sector"] or None
        check(sector is None or sector in SECTORS, f"bad sector {sector}")
        extra = [code] if code != "-" else []
        entries.append(
            compact(
                {
                    "id": row["qid"],
                    "name": row["name"],
                    "kind": "territory",
                    "country": row["fold"],
                    "code": code if code != "-" else None,
                    "sector": sector,
                    **aliases(row["aliases"]),
                    "cased": extra,
                }
            )
        )
        if code != "-":
            seen.add(code)
    missing = {c.alpha_3 for c in pycountry.countries} - seen
    check(not missing, f"ISO codes with no row: {sorted(missing)}")
    return entries


def build_simple(name: str, kind: str | None = None) -> list[dict[str, Any]]:
    entries = []
    for row in rows(name):
        sector = row.get("sector") or None
        check(sector is None or sector in SECTORS, f"{name}: bad sector {sector} for {row['name']}")
        media_kind = row.get("media_kind") or None
        check(media_kind is None or media_kind in MEDIA_KINDS, f"{name}: bad media kind {media_kind}")
        entries.append(
            compact(
                {
                    "id": row["id"],
                    "name": row["name"],
                    "kind": row.get("kind") or kind,
                    "country": row["country"],
                    "sector": "JRN" if media_kind else sector,
                    "media_kind": media_kind,
                    **aliases(row["aliases"]),
                    "seat": row.get("seat") or None,
                }
            )
        )
    return entries


def iso_date(text: str) -> str | None:
    return date.fromisoformat(text).isoformat() if text else None


def build_leaders(known: set[str]) -> list[dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for row in rows("leaders.tsv"):
        pid = "tidings:person:" + row["id"][1:] if row["id"].startswith("@") else row["id"]
        person = people.setdefault(pid, {"id": pid, "name": row["name"], "kind": "person", "aliases": []})
        check(bool(person["name"]), f"{pid}: first row must give the name")
        found = aliases(row["aliases"])
        person["aliases"] = list(dict.fromkeys(person["aliases"] + found["aliases"]))
        if "cased" in found:
            person.setdefault("cased", []).extend(found["cased"])
        check(row["country"] in known, f"{pid}: unknown country {row['country']}")
        sector = row["sector"] or "GOV"
        check(sector in SECTORS, f"{pid}: bad sector {sector}")
        start, end = iso_date(row["start"]), iso_date(row["end"])
        check(not (start and end) or start < end, f"{pid}: term ends before it starts")
        for office in OFFICES.get(row["office"], (row["office"],)):
            term = {"country": row["country"], "office": office, "title": row["title"], "start": start}
            person.setdefault("offices", []).append(compact({**term, "end": end, "sector": sector}))
    for person in people.values():
        first = person["offices"][0]
        person["country"], person["sector"] = first["country"], first.get("sector", "GOV")
    check_overlaps(people.values())
    return [compact(p) for p in people.values()]


def check_overlaps(people: Any) -> None:
    """Two holders of one head-of-state/government office on the same day is a typo in the dates."""
    terms: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for person in people:
        for o in person["offices"]:
            if o["office"] in ("head_of_state", "head_of_government", "foreign_minister") and "start" in o:
                terms.setdefault((o["country"], o["office"]), []).append(
                    (o["start"], o.get("end", "9999-12-31"), person["name"])
                )
    for key, spans in terms.items():
        spans.sort()
        for (_, end, who), (start, _, nxt) in zip(spans, spans[1:], strict=False):
            check(end <= start, f"overlapping terms for {key}: {who} until {end}, {nxt} from {start}")


def build_sectors() -> dict[str, str]:
    table: dict[str, str] = {}
    with (FACTS / "sectors.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                word, code = line.rstrip("\n").split("\t")
                check(code in SECTORS, f"sectors.tsv: bad code {code} for {word}")
                table[word.strip().lower()] = code
    return table


def write(out: Path, name: str, data: Any) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    return len(data)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write (default {OUT})")
    out: Path = parser.parse_args(argv).out
    countries = build_countries()
    known = {e["code"] for e in countries if "code" in e} | NONSTATE
    igos = build_simple("igos.tsv")
    institutions = build_simple("institutions.tsv", "institution")
    groups = build_simple("groups.tsv", "group")
    media = build_simple("media.tsv", "media")
    peoples = build_simple("peoples.tsv", "people")
    for entry in [*institutions, *groups, *media, *peoples]:
        check(entry["country"] in known, f"{entry['name']}: unknown country {entry['country']}")
    leaders = build_leaders(known)
    ids = [e["id"] for e in [*countries, *igos, *institutions, *groups, *media, *peoples, *leaders]]
    check(len(ids) == len(set(ids)), f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    out.mkdir(parents=True, exist_ok=True)
    counts = {
        "countries": write(out, "countries", countries),
        "igos": write(out, "igos", igos),
        "institutions": write(out, "institutions", institutions),
        "groups": write(out, "groups", groups),
        "media": write(out, "media", media),
        "peoples": write(out, "peoples", peoples),
        "leaders": write(out, "leaders", leaders),
        "sectors": write(out, "sectors", build_sectors()),
    }
    offices = sum(len(p.get("offices", ())) for p in leaders)
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"offices={offices}")


if __name__ == "__main__":
    main()
