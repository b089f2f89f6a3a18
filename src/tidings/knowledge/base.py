"""The knowledge base: countries, capitals, demonyms, IGOs, institutions, groups, media, sector words and
leaders with their terms, loaded once from `knowledge/*.json` (rebuilt by `scripts/build_kb.py`)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from ..codes import EntryKind

__all__ = [
    "KIND_RANK",
    "Entry",
    "KnowledgeBase",
    "Office",
    "load_knowledge",
    "load_titles",
    "normalize_alias",
]

# Best first when one phrase names several entries: "Washington" is the capital before anything else.
KIND_RANK = {kind.value: rank for rank, kind in enumerate(EntryKind)}
_PLACES = ("country", "territory")
ENTRY_FILES = ("countries", "igos", "institutions", "groups", "media", "peoples", "leaders")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Office:
    """One office one person held: `end` is exclusive (the successor's first day); None means open."""

    country: str
    office: str  # head_of_state | head_of_government | foreign_minister | vice_president | ...
    title: str
    sector: str
    start: date | None
    end: date | None

    def held_on(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A named thing a mention can resolve to; `country` is a PLOVER country code (BLR, UNO, EUR, IGO...)."""

    entity_id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    media_kind: str | None = None
    capital: str | None = None
    seat: str | None = None  # an institution's town, "Town|Region" ("Washington|Washington, D.C.")
    code: str | None = None  # ISO 3166 alpha-3 (or PLOVER code) of a country or territory
    offices: tuple[Office, ...] = ()


def normalize_alias(phrase: str) -> str:
    """Lower-case, straighten quotes, collapse spaces, strip a leading "the " and a trailing "'s"."""
    text = _SPACES.sub(" ", phrase.translate(_QUOTES)).strip().lower()
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return text.strip()


def _loose(key: str) -> str:
    """A forgiving second key: no dots, accents or hyphens ("U.S." = "US", "Elysée" = "elysee")."""
    text = unicodedata.normalize("NFKD", key.replace(".", "").replace("-", " "))
    return _SPACES.sub(" ", "".join(c for c in text if not unicodedata.combining(c))).strip()


class KnowledgeBase:
    """Look-ups over the loaded entries; build it with `load_knowledge()`."""

    def __init__(self, entries: Iterable[Entry], cased: dict[str, list[Entry]], sectors: dict[str, str]):
        self.entries = tuple(entries)
        self._sectors = sectors
        self._cased = {k: self._ranked(v) for k, v in cased.items()}
        # A lower-case "us" or "is" must not reach USA or ISIS through the forgiving key of "U.S." or "I.S.".
        self._guarded = {k.lower() for k in cased}
        skip = {(alias, e.entity_id) for alias, found in cased.items() for e in found}
        strict: dict[str, list[Entry]] = defaultdict(list)
        loose: dict[str, list[Entry]] = defaultdict(list)
        self._codes: dict[str, Entry] = {}
        self._place_names: dict[str, list[tuple[str, Entry]]] | None = None  # built at first use
        self._holders: dict[tuple[str, str], list[tuple[Office, Entry]]] = defaultdict(list)
        for entry in self.entries:
            for alias in {entry.name, *entry.aliases} - {
                a for a in entry.aliases if (a, entry.entity_id) in skip
            }:
                key = normalize_alias(alias)
                strict[key].append(entry)
                loose[_loose(key)].append(entry)
            if entry.kind in _PLACES and entry.code:
                self._codes.setdefault(entry.code, entry)
            for office in entry.offices:
                self._holders[(office.country, office.office)].append((office, entry))
        self._strict = {k: self._ranked(v) for k, v in strict.items()}
        self._loose = {k: self._ranked(v) for k, v in loose.items()}

    @staticmethod
    def _ranked(found: list[Entry]) -> tuple[Entry, ...]:
        unique = list(dict.fromkeys(found))
        return tuple(sorted(unique, key=lambda e: KIND_RANK.get(e.kind, 99)))

    def lookup(self, phrase: str) -> tuple[Entry, ...]:
        """Every entry one of whose aliases matches the phrase, best first (see `KIND_RANK`).

        Short upper-case acronyms that are also English words ("US", "IS", "AP") only match in that case.
        """
        cased = self._cased.get(_SPACES.sub(" ", phrase.translate(_QUOTES)).strip().removesuffix("'s"), ())
        key = normalize_alias(phrase)
        found = self._strict.get(key, ())
        if not found and key not in self._guarded:
            found = self._loose.get(_loose(key), ())
        return self._ranked([*cased, *found]) if cased else found

    def misspelled_country(self, word: str) -> Entry | None:
        """The country or territory a proper noun names with one slip of the keyboard ("Ethopia",
        "Afganistan", "Quatar"): a letter missing, extra, changed or two swapped. Words under six letters
        and words that are any entry's exact alias are never read this way."""
        key = normalize_alias(word)
        if len(key) < 6 or " " in key or key in self._strict:
            return None
        if self._place_names is None:
            index: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
            for alias, entries in self._strict.items():
                for e in entries:
                    if e.kind in _PLACES and " " not in alias:
                        index[alias[:1]].append((alias, e))
            self._place_names = dict(index)
        near = {
            e.entity_id: e
            for alias, e in self._place_names.get(key[:1], ())
            if abs(len(alias) - len(key)) <= 1 and _one_slip(alias, key)
        }
        return next(iter(near.values())) if len(near) == 1 else None

    def country(self, code: str) -> Entry | None:
        """The country or territory with this ISO alpha-3 (or PLOVER) code, e.g. "BLR", "KOS"."""
        found = self._codes.get(code.upper())
        if found is None:  # alternative codes such as XKX for Kosovo are case-exact aliases
            found = next((e for e in self._cased.get(code.upper(), ()) if e.kind in _PLACES), None)
        return found

    def sector_of(self, word: str) -> str | None:
        """The PLOVER sector code of a lower-case lemma or multiword title ("troops" -> "MIL")."""
        key = _SPACES.sub(" ", word.translate(_QUOTES)).strip().lower()
        if key in self._sectors:
            return self._sectors[key]
        for suffix, repl in (("ies", "y"), ("men", "man"), ("s", "")):
            if key.endswith(suffix) and key[: -len(suffix)] + repl in self._sectors:
                return self._sectors[key[: -len(suffix)] + repl]
        return None

    def offices(self, person: Entry, on: date | None = None) -> tuple[Office, ...]:
        """The offices the person held on that date (all of them when `on` is None)."""
        return tuple(o for o in person.offices if on is None or o.held_on(on))

    def holder(self, country: str, office: str, on: date) -> Entry | None:
        """Who held the office on that date, e.g. ("BLR", "head_of_state", 2025-12-13) -> Lukashenko."""
        held = [(o, e) for o, e in self._holders.get((country.upper(), office), ()) if o.held_on(on)]
        if not held:
            return None
        return max(held, key=lambda pair: pair[0].start or date.min)[1]

    def medium(self, name: str) -> Entry | None:
        """The news outlet or agency with this name or alias."""
        return next((e for e in self.lookup(name) if e.kind == "media"), None)


def _read(name: str) -> Any:
    path = resources.files("tidings") / "knowledge" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _date(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def _entry(raw: dict[str, Any]) -> Entry:
    offices = tuple(
        Office(
            country=o["country"],
            office=o["office"],
            title=o["title"],
            sector=o.get("sector", "GOV"),
            start=_date(o.get("start")),
            end=_date(o.get("end")),
        )
        for o in raw.get("offices", ())
    )
    return Entry(
        entity_id=raw["id"],
        name=raw["name"],
        kind=raw["kind"],
        country=raw.get("country"),
        sector=raw.get("sector"),
        aliases=tuple(raw.get("aliases", ())) + tuple(raw.get("cased", ())),
        media_kind=raw.get("media_kind"),
        capital=raw.get("capital"),
        seat=raw.get("seat"),
        code=raw.get("code"),
        offices=offices,
    )


@cache
def load_knowledge() -> KnowledgeBase:
    """Load every knowledge file shipped in the package (once per process)."""
    entries: list[Entry] = []
    cased: dict[str, list[Entry]] = defaultdict(list)
    for name in ENTRY_FILES:
        for raw in _read(name):
            entry = _entry(raw)
            entries.append(entry)
            for alias in raw.get("cased", ()):
                cased[alias].append(entry)
    return KnowledgeBase(entries, cased, dict(_read("sectors")))


@cache
def load_titles() -> dict[str, str]:
    """Titles that name an office ("president" -> head_of_state), from knowledge/titles.json."""
    path = resources.files("tidings") / "knowledge" / "titles.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["titles"]
    return data


def _one_slip(a: str, b: str) -> bool:
    """Whether b is a with one letter deleted, inserted or replaced, or two neighbours swapped."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]
