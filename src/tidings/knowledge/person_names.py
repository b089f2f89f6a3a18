"""Given names and surnames that end in "s" (`person_names.tsv`, from the US Census Bureau's 1990 lists;
rebuilt by `scripts/build_person_names.py`): what tells "Jamal Williams" (a person) from "Hedge Funds" (a
plural) where the word before the last is a given name and the last a surname."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["PersonNames", "load_person_names"]


@dataclass(frozen=True, slots=True)
class PersonNames:
    given: frozenset[str]  # first names, lower case
    surnames: frozenset[str]  # surnames that end in "s", lower case

    def full_name(self, first: str, last: str) -> bool:
        """Whether two words, in any case, are a given name and a surname of the lists."""
        return first.lower() in self.given and last.lower() in self.surnames


@cache
def load_person_names() -> PersonNames:
    path = resources.files("tidings") / "knowledge" / "person_names.tsv"
    given: set[str] = set()
    surnames: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, kind = line.split("\t")
            (given if kind == "given" else surnames).add(name)
    return PersonNames(frozenset(given), frozenset(surnames))
