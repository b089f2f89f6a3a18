"""Resolve an actor phrase to country, sector and entity, as of the article's date.

Every result carries a `Resolution` naming the rule that made it, so users can see why
"Minsk" became the government of Belarus (`capital_metonym`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from ..codes import COUNTRY_KINDS
from ..knowledge.base import Entry, KnowledgeBase, load_titles
from ..knowledge.gazetteer import load_gazetteer
from ..records import ActorRef, Resolution, Token
from ..syntax import Tree

__all__ = ["ActorResolver", "sector_id"]

MAX_NGRAM = 6
SKIP_FIRST = frozenset({"the", "a", "an", "its", "their", "his", "her", "these", "those", "this", "that"})
# The UN and EU bodies carry PLOVER's UNO/EUR in the knowledge base (entity ids keep them);
# events report them as IGO, the code event datasets use for every intergovernmental body.
OUTPUT_COUNTRY = {"UNO": "IGO", "EUR": "IGO"}
# Entities whose country a phrase takes when they modify its head ("Iraqi troops", "APEC forum").
MODIFIER_KINDS = (
    "country",
    "territory",
    "capital",
    "demonym",
    "people",
    "person",
    "institution",
    "igo",
    "ngo",
    "group",
)
LOCATED_PREPS = frozenset({"in", "from", "throughout", "across", "inside", "within"})
PLACE_KINDS = frozenset({"country", "territory", "capital", "region", "city", "place"})
ACTOR_KINDS = frozenset({"country", "territory", "capital", "igo", "ngo", "institution", "group", "person"})


def sector_id(country: str, sector: str) -> str:
    """The stable id of a country's sector as an actor ("tidings:BLR-GOV"), for actors no entry names."""
    return f"tidings:{country}-{sector}"


def _in_country(ref: ActorRef, country: str, resolution: Resolution) -> ActorRef:
    """The actor `ref` names, as the sector of another country (its name and entity no longer apply)."""
    entity_id = sector_id(country, ref.sector) if ref.sector else None
    return replace(ref, country=country, name=None, entity_id=entity_id, resolution=resolution)


@dataclass(frozen=True, slots=True)
class _Match:
    lo: int
    hi: int
    entry: Entry


LONG_NAME_ENTS = frozenset({"ORG", "FAC", "EVENT", "LAW"})  # names that hold "of", "for", "'s"
# entries whose name is also a surname ("Johnson", "Washington", "Jordan"): after another first name, it is
SURNAME_KINDS = frozenset({"person", "capital", "country", "territory"})
# words before a surname that are no first name ("Mr. Johnson", "Sen. Rice"); titles and sector words are
# the knowledge base's
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "sen", "rep", "gov"})
_INITIAL = re.compile(r"[A-Z]\.")


@dataclass(frozen=True, slots=True)
class ActorResolver:
    kb: KnowledgeBase
    on: date | None
    persons: frozenset[str]
    holdings: frozenset[str] = frozenset()  # places and things a body holds ("a military base")

    @classmethod
    def of(cls, kb: KnowledgeBase, on: date | None, classes: Mapping[str, frozenset[str]]) -> ActorResolver:
        """A resolver with the lexicon's word classes: people nouns, and targets and buildings as holdings."""
        holdings = classes.get("targets", frozenset()) | classes.get("buildings", frozenset())
        return cls(kb=kb, on=on, persons=classes.get("persons", frozenset()), holdings=holdings)

    def standing(
        self, person: Entry, default: str = "knowledge_base:person"
    ) -> tuple[str | None, str | None, str]:
        """(country, sector, resolution method) of a person of the knowledge base on the resolver's day:
        the office held then; else the country of a former office, with no sector; else its own."""
        offices = self.kb.offices(person, self.on)
        if offices:
            return offices[0].country, offices[0].sector, "person_in_office"
        if person.offices:
            return person.offices[0].country, None, "person_former_office"
        return person.country, None, default

    def as_person(self, ref: ActorRef, person: Entry, how: Resolution) -> ActorRef:
        """`ref` given to a person of the knowledge base another rule found it stands for ("he", a bare
        surname), with the country and sector that person had on the resolver's day."""
        country, sector, _ = self.standing(person)
        return replace(
            ref, name=person.name, country=country, sector=sector, entity_id=person.entity_id, resolution=how
        )

    def resolve(self, tree: Tree, head: int) -> tuple[ActorRef, ...]:
        """The actors named by the phrase headed by token `head`, coordinated ones included."""
        group = self.nationality_group(tree, head)
        if group:
            return group
        out: list[ActorRef] = []
        generic: set[int] = set()  # the refs that name a body by its generic name, with no country word
        for h in tree.conjuncts(head):
            ref = self._resolve_one(tree, h)
            if ref is not None:
                if h != head and not self._country_word(tree, *tree.phrase(h)):
                    generic.add(len(out))
                out.extend(self._split_coordinated_modifiers(tree, h, ref))
        return tuple(self._shared_owner(out, generic))

    def _country_word(self, tree: Tree, lo: int, hi: int) -> bool:
        """Whether a word of the phrase names a country or nationality by itself ("the *US* Congress")."""
        return any(
            e.kind in COUNTRY_KINDS
            for t in tree.tokens[lo:hi]
            if t.pos == "PROPN"
            for e in self.kb.lookup(t.text)
        )

    @staticmethod
    def _shared_owner(refs: list[ActorRef], generic: set[int]) -> list[ActorRef]:
        """Bodies coordinated under one owner are the owner's: "Colombia's Senate and House of
        Representatives" are both Colombia's, though the knowledge base knows a bare "House of
        Representatives" as the US House. Only a body's generic name takes the first one's owner; a body
        named with its own country ("Colombia's Senate and the US Congress") keeps it."""
        if len(refs) < 2 or not refs[0].resolution or not refs[0].resolution.method.startswith("modifier:"):
            return refs
        owner = refs[0].country
        out = [refs[0]]
        for n, ref in enumerate(refs[1:], start=1):
            body = ref.resolution is not None and ref.resolution.method == "knowledge_base:institution"
            if n in generic and body and owner and ref.country != owner:
                shared = Resolution(method="modifier:shared", reason=f"owned with '{refs[0].text}'")
                ref = _in_country(ref, owner, shared)
            out.append(ref)
        return out

    def _split_coordinated_modifiers(self, tree: Tree, head: int, ref: ActorRef) -> list[ActorRef]:
        """'Hungarian and Romanian officials' -> one actor per country, with the phrase's sector."""
        lo, hi = tree.phrase(head)
        for i in range(lo, hi):
            tok = tree.tokens[i]
            if i == head or tok.dep not in ("amod", "compound", "nmod") or not tree.kids(i, "conj"):
                continue
            countries: list[str] = []
            for j in tree.conjuncts(i):
                entries = [e for e in self.kb.lookup(tree.tokens[j].text) if e.kind in COUNTRY_KINDS]
                code = entries[0].country if entries else None
                if code and code not in countries:
                    countries.append(code)
            if len(countries) >= 2:
                method = Resolution(method="coordinated_modifiers", reason=f"{len(countries)} countries")
                return [_in_country(ref, c, method) for c in countries]
        return [ref]

    def is_actor(self, ref: ActorRef) -> bool:
        return bool(ref.country or ref.sector or ref.entity_id)

    def _matches(self, tree: Tree, lo: int, hi: int) -> list[_Match]:
        found: list[_Match] = []
        taken: set[int] = set()
        for size in range(min(MAX_NGRAM, hi - lo), 0, -1):
            for start in range(lo, hi - size + 1):
                span = range(start, start + size)
                if taken.intersection(span):
                    continue
                first = tree.tokens[start]
                if first.text.lower() in SKIP_FIRST:
                    continue
                if not any(t.text[:1].isupper() for t in tree.tokens[start : start + size]):
                    continue  # "nation" is not the newspaper Nation: names are capitalised
                text = tree.text(start, start + size)
                entries = self.kb.lookup(text)
                if entries:
                    found.append(_Match(start, start + size, entries[0]))
                    taken.update(span)
        return sorted(found, key=lambda m: m.lo)

    def _sector(self, tree: Tree, lo: int, hi: int, head: int) -> tuple[str | None, str | None]:
        """The sector named by the phrase's nouns (multiword titles first), and the word that named it."""
        for size in (3, 2):
            for start in range(lo, hi - size + 1):
                words = " ".join(t.lemma for t in tree.tokens[start : start + size])
                sector = self.kb.sector_of(words)
                if sector:
                    return sector, words
        order = [head] + [i for i in range(hi - 1, lo - 1, -1) if i != head]
        # an adjective names the sector of people, a named body or what it holds ("military officers", "a
        # military base"), not of an act or a thing ("a military offensive", "official contact")
        head_tok = tree.tokens[head]
        adjectives = (
            head_tok.lemma in self.persons or head_tok.lemma in self.holdings or head_tok.pos == "PROPN"
        )
        for i in order:
            tok = tree.tokens[i]
            if tok.pos in ("NOUN", "PROPN") or tok.pos == "ADJ" and (adjectives or i == head):
                sector = self.kb.sector_of(tok.lemma) or self.kb.sector_of(tok.text.lower())
                if sector:
                    return sector, tok.lemma
        return None, None

    def _office_holder(self, tree: Tree, lo: int, hi: int, country: str | None) -> Entry | None:
        if country is None or self.on is None:
            return None
        titles = load_titles()
        for i in range(lo, hi):
            for size in (2, 1):
                words = " ".join(t.lemma for t in tree.tokens[i : i + size])
                office = titles.get(words)
                if office:
                    return self.kb.holder(country, office, self.on)
        return None

    @staticmethod
    def _other_country(primary: _Match, matches: list[_Match]) -> _Match | None:
        """A country or nationality named in the phrase outside its main name, other than the name's own."""
        for m in matches:
            outside = m.hi <= primary.lo or m.lo >= primary.hi
            if (
                outside
                and m.entry.kind in COUNTRY_KINDS
                and m.entry.country not in (None, primary.entry.country)
            ):
                return m
        return None

    def _resolve_one(self, tree: Tree, head: int) -> ActorRef | None:
        lo, hi = tree.phrase(head)
        tok = tree.tokens[head]
        named = tree.entity_span(head) if tok.ent_type in LONG_NAME_ENTS else None
        if named is not None:  # "National Union for the Total Independence of Angola": the whole name
            lo, hi = min(lo, named[0]), max(hi, named[1])
        for appos in tree.kids(head, "appos"):  # "its closest ally the UK", "its neighbour Kyrgyzstan"
            a_lo, a_hi = tree.phrase(appos.i)
            if a_lo == hi and appos.ent_type in ("GPE", "ORG", "NORP", "PERSON"):
                hi = a_hi
        text = tree.text(lo, hi)
        span = tree.char_span(lo, hi)
        matches = [
            m
            for m in self._matches(tree, lo, hi)
            if m.entry.kind in ACTOR_KINDS | {"demonym", "people", "media"}
        ]
        primary = next((m for m in matches if m.lo <= head < m.hi), None)
        if primary is not None and primary.entry.kind == "demonym" and _surname(tree, lo, hi, head, matches):
            # "Mark Cuban", "Cuban said": a nationality word after a first name, or alone, singular and
            # with no article, heading its phrase, is a person's surname; the people are "Cubans", "the
            # French", "a Cuban"
            matches = [m for m in matches if m is not primary]
            primary = None
        if primary is not None and self._another_first_name(tree, lo, primary):
            # "Carl Johnson", "Jane Rice", "Clarence Washington": a known surname, a capital's or a
            # country's name after a first name that is not the known one's is someone else's surname
            matches = [m for m in matches if m is not primary]
            primary = None
        sector, sector_word = self._sector(tree, lo, hi, head)
        country: str | None = None
        entity_id: str | None = None
        name: str | None = None
        method = "unresolved"
        if primary is not None:
            entry = primary.entry
            name, entity_id, country = entry.name, entry.entity_id, entry.country
            method = f"knowledge_base:{entry.kind}"
            if entry.kind == "person":
                country, held, method = self.standing(entry, default=method)
                sector = sector or held
            elif entry.kind == "capital":
                sector = "GOV"
                method = "capital_metonym"
            elif entry.kind in ("country", "territory") and sector is None:
                sector = "GOV"
                method = "country_as_state"
            elif entry.kind in ("demonym", "people"):  # a people's own id is no actor's id
                entity_id, name = None, None
                method = "demonym" + ("+sector" if sector else "")
            elif entry.sector and (sector is None or entry.kind in ("institution", "group", "igo", "ngo")):
                sector = entry.sector
            other = self._other_country(primary, matches)
            if entry.kind == "institution" and other is not None:
                # "Colombia's Senate", "the Colombian Congress": a body's generic name that the knowledge
                # base knows as one country's ("Senate" is the US Senate) names the modifier's body
                country, entity_id, name = other.entry.country, None, None
                method = "modifier:" + other.entry.kind + "+sector"
        if country is None:
            for m in matches:
                if m.entry.kind in MODIFIER_KINDS:
                    country = m.entry.country
                    method = "modifier:" + m.entry.kind + ("+sector" if sector else "")
                    break
        if primary is None and country is not None and sector == "GOV":
            holder = self._office_holder(tree, lo, hi, country)
            if holder is not None and tok.ent_type != "PERSON":
                name, entity_id, method = holder.name, holder.entity_id, "title_holder"
        if primary is None and sector is not None and country is None and method == "unresolved":
            method = "sector_noun"
        ethnic = any(tree.tokens[i].lemma == "ethnic" for i in range(lo, hi))
        from_people = method.startswith("modifier:people")  # "ethnic Uighurs" keep their country
        if (
            country is not None
            and ethnic
            and (primary is None and not from_people or primary and primary.entry.kind == "demonym")
        ):
            country, method = None, "ethnic_group"  # ethnic Albanians in Serbia are not Albania
        if country is None and (primary is None or primary.entry.kind == "person"):
            for appos in tree.kids(head, "appos"):  # "Salaheddine Sidhoum, Algeria's leading activist"
                a_lo, a_hi = tree.phrase(appos.i)
                found = [m.entry for m in self._matches(tree, a_lo, a_hi) if m.entry.kind in COUNTRY_KINDS]
                if found and found[0].country:
                    country, method = found[0].country, "apposition"
                    sector = sector or self._sector(tree, a_lo, a_hi, appos.i)[0]
                    break
        if country is None and primary is None:
            located = self._located_in(tree, head)
            if located is not None:  # "demonstrators in Baghdad", "rebels in the Ivory Coast"
                country, method = located[0], "located_in"
                if located[1] > hi and tree.tokens[hi].dep == "prep" and tree.tokens[hi].head == head:
                    hi = located[1]
                    text, span = tree.text(lo, hi), tree.char_span(lo, hi)
        if country is None and primary is None:
            for i in range(lo, hi):  # "Ethopia", "Quatar's emir": a country name with a typo
                word = tree.tokens[i]
                # never a word of a person's name ("Angela Hernandez", "David Greene": not Angola, Greece)
                # nor a place's own name ("the District of Columbia": not Colombia); the gazetteer is
                # asked only of a word that resembles a country
                if word.pos != "PROPN" or word.ent_type == "PERSON":
                    continue
                slip = self.kb.misspelled_country(word.text)
                if slip is not None and not any(own for _, own in load_gazetteer().named(word.text)):
                    country, method = slip.country, "misspelled_country"
                    sector = sector or ("GOV" if i == head else None)
                    break
        country = OUTPUT_COUNTRY.get(country, country) if country else None
        if entity_id is None and country and sector:
            entity_id = sector_id(country, sector)
        resolution = Resolution(method=method, reason=f"sector word '{sector_word}'" if sector_word else "")
        return ActorRef(
            text=text,
            span=span,
            name=name,
            country=country,
            sector=sector,
            entity_id=entity_id,
            resolution=resolution,
        )

    def _another_first_name(self, tree: Tree, lo: int, primary: _Match) -> bool:
        """Whether a person's first name other than the entry's own stands right before the name the
        phrase matched (initials skipped: "George W. Bush"): a word spaCy tags as part of a person's name,
        neither a title, an honorific nor a sector word ("Prime Minister Johnson", "Mr. Johnson",
        "Magistrate Rice"), and not a word of the entry's names."""
        if primary.entry.kind not in SURNAME_KINDS:
            return False
        i = primary.lo - 1
        while i >= lo and _INITIAL.fullmatch(tree.tokens[i].text):
            i -= 1
        if i < lo:
            return False
        tok = tree.tokens[i]
        word = tok.text.lower().rstrip(".")
        if tok.pos != "PROPN" or tok.ent_type != "PERSON" or not tok.text[:1].isupper() or len(word) < 2:
            return False
        if word in HONORIFICS or word in load_titles() or self.kb.sector_of(word) or self.kb.lookup(tok.text):
            return False
        own = {w.lower().rstrip(".") for n in (primary.entry.name, *primary.entry.aliases) for w in n.split()}
        return word not in own

    def _located_in(self, tree: Tree, head: int) -> tuple[str, int] | None:
        """The country of a named place the phrase's people are in or from, and where that place ends."""
        preps = list(tree.kids(head, "prep"))
        for acl in tree.kids(head, "acl"):  # "a group based in Trinidad"
            if acl.lemma in ("base", "headquarter", "station", "locate"):
                preps += tree.kids(acl.i, "prep")
        for prep in preps:
            if prep.lemma not in LOCATED_PREPS:
                continue
            for obj in tree.kids(prep.i, "pobj"):
                lo, hi = tree.phrase(obj.i, keep_of=False)
                if obj.ent_type in ("GPE", "LOC"):
                    named = tree.entity_span(obj.i) or (lo, hi)
                    entries = self.kb.lookup(tree.text(*named))
                    entries = tuple(e for e in entries if e.kind in PLACE_KINDS and e.country)
                else:  # "doctors from two American aid groups": the country its modifier names
                    found = [m.entry for m in self._matches(tree, lo, hi) if m.entry.kind in COUNTRY_KINDS]
                    entries = tuple(e for e in found if e.country)
                country = entries[0].country if entries else None
                if country:
                    return country, hi
        return None

    def nationality_group(self, tree: Tree, head: int) -> tuple[ActorRef, ...]:
        """'citizens of the UK, the US and Japan' -> one CVL actor per named country."""
        tok = tree.tokens[head]
        if tok.lemma not in self.persons:
            return ()
        countries: list[tuple[Token, Entry, str]] = []
        for i in tree.subtree(head):
            t = tree.tokens[i]
            if t.ent_type != "GPE" or t.ent_iob != "B":
                continue
            end = i + 1
            while end < len(tree.tokens) and tree.tokens[end].ent_iob == "I":
                end += 1
            entries = [e for e in self.kb.lookup(tree.text(i, end)) if e.kind in ("country", "territory")]
            if entries and entries[0].country:
                countries.append((t, entries[0], entries[0].country))
        if len(countries) < 2:
            return ()
        sector = self.kb.sector_of(tok.lemma) or "CVL"
        return tuple(
            ActorRef(
                text=tree.text(entry_tok.i, _ent_end(tree, entry_tok.i)),
                span=tree.char_span(entry_tok.i, _ent_end(tree, entry_tok.i)),
                name=entry.name,
                country=country,
                sector=sector,
                entity_id=sector_id(country, sector),
                resolution=Resolution(method="nationality_group", reason=f"{tok.text} of {entry.name}"),
            )
            for entry_tok, entry, country in countries
        )


def _ent_end(tree: Tree, i: int) -> int:
    end = i + 1
    while end < len(tree.tokens) and tree.tokens[end].ent_iob == "I":
        end += 1
    return end


def _surname(tree: Tree, lo: int, hi: int, head: int, matches: list[_Match]) -> bool:
    """Whether a nationality word heading its phrase is a surname: after a first name the knowledge base
    does not know ("Mark Cuban"), or alone as one singular proper noun with no determiner ("Cuban said")."""
    tok = tree.tokens[head]
    if tok.tag != "NNP":
        return False
    known = {i for m in matches for i in range(m.lo, m.hi)}
    first = [k for k in tree.kids(head, "compound") if k.pos == "PROPN" and k.i < head and k.i not in known]
    if first and not any(k.text.lower() in ("north", "south", "east", "west") for k in first):
        return True
    alone = hi - lo == 1 and tok.dep in ("nsubj", "nsubjpass", "dobj", "pobj")
    return alone and not tree.kids(head, "det")
