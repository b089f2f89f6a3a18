"""A surname alone stands for the person the article named in full with it.

News names a person in full once ("Hillary Clinton", "Jeb Bush") and by the surname after ("Clinton
said"). The knowledge base gives a bare surname to one holder of an office ("Clinton" is an alias of
Bill Clinton, "Bush" of George W. Bush), which is right only when the article means that person. So an
actor or recipient written as a bare surname and resolved to a person of the knowledge base is given to
the person the article named in full with that surname, at or before the sentence of the event (the
nearest such naming before it when there are several); when the article names no one in full with it,
or the nearest naming is the knowledge base's person, the knowledge base's reading stands.

Counter-examples: "President Barack Obama ... Obama said" keeps Obama; "Trump said" in an article that
never names another Trump keeps Donald Trump; a title ("President Clinton", "Sen. Sanders") is not a
first name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..codes import ResolutionMethod
from ..knowledge.base import Entry, KnowledgeBase, load_titles
from ..records import ActorRef, Event, ParsedArticle, Resolution, Token
from ..resolve.actors import ActorResolver
from .coreference import HONORIFICS as SEXED_HONORIFICS

__all__ = ["surnames_named_in_full"]

# a word before a surname that is an honorific or a short title, not a first name (the knowledge base's
# titles and role words are the others)
HONORIFICS = frozenset(h.rstrip(".") for h in SEXED_HONORIFICS) | {
    "miss", "dr", "sir", "dame", "lord", "lady", "rep", "sen", "gov"
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Naming:
    at: int  # character offset of the naming
    name: str  # as written: "Henry Rangel"
    person: Entry | None  # the knowledge base's person of that name, if it has one
    sector: str | None  # of a person it lacks: the role of the title before the name


def _is_title(word: str, titles: frozenset[str], kb: KnowledgeBase) -> bool:
    """A title, an honorific or a word for a role ("Secretary", "Sen.", "General"): no first name."""
    key = word.lower().rstrip(".")
    return key in HONORIFICS or key in titles or kb.sector_of(key) is not None


def _namings(parsed: ParsedArticle, kb: KnowledgeBase, surname: str, titles: frozenset[str]) -> list[_Naming]:
    """Every place the article writes a first name (or two) before `surname`, in text order."""
    out: list[_Naming] = []
    for sentence in parsed.sentences:
        tokens = sentence.tokens
        for k, tok in enumerate(tokens):
            if tok.text != surname or k == 0:
                continue
            run: list[Token] = []
            j = k - 1
            while j >= 0 and len(run) < 2 and tokens[j].pos == "PROPN" and tokens[j].text[:1].isupper():
                if _is_title(tokens[j].text, titles, kb):
                    break
                run.insert(0, tokens[j])
                j -= 1
            if not run:
                continue
            forms = [" ".join(t.text for t in [*run[i:], tok]) for i in range(len(run))]
            entry = next((e for f in forms for e in kb.lookup(f) if e.kind == "person"), None)
            if entry is None and any(e.kind != "person" for f in forms for e in kb.lookup(f)):
                continue  # a place or body, not a person's name
            # "Defense Minister Henry Rangel": the role the title before the name names
            sector = kb.sector_of(tokens[j].text.rstrip(".")) if entry is None and j >= 0 else None
            out.append(_Naming(at=run[0].start, name=forms[-1], person=entry, sector=sector))
    return out


def _bare_surname(ref: ActorRef) -> str | None:
    """The surname a reference is written as, when it is one capitalised word resolved to a person."""
    if ref.entity_id is None:
        return None
    word = ref.text.removesuffix("'s").removesuffix("’s")
    if " " in word or not word[:1].isupper() or not word.isalpha():
        return None
    return word


def surnames_named_in_full(
    parsed: ParsedArticle, resolver: ActorResolver, events: list[Event], focus: str | None
) -> list[Event]:
    """The events with every bare surname given to the person the article named in full with it."""
    kb = resolver.kb
    titles = frozenset(load_titles())
    cache: dict[str, list[_Naming]] = {}

    def person(ref: ActorRef, at: int) -> ActorRef:
        surname = _bare_surname(ref)
        if surname is None or not any(
            e.kind == "person" and e.entity_id == ref.entity_id for e in kb.lookup(surname)
        ):
            return ref  # not a surname the knowledge base gave to one of its people
        if surname not in cache:
            cache[surname] = _namings(parsed, kb, surname, titles)
        before = [n for n in cache[surname] if n.at <= at]
        if not before or (before[-1].person is not None and before[-1].person.entity_id == ref.entity_id):
            return ref  # no one named in full so, or the knowledge base's person named last
        named = before[-1]
        how = Resolution(
            method=ResolutionMethod.SURNAME, score=0.7, reason=f"'{ref.text}' is {named.name}, named before"
        )
        if named.person is not None:
            return resolver.as_person(ref, named.person, how)
        return replace(
            ref, name=named.name, country=focus, sector=named.sector, entity_id=None, resolution=how
        )

    out: list[Event] = []
    for event in events:
        at = event.evidence.span[0]
        actors = tuple(person(r, at) for r in event.actors)
        recipients = tuple(person(r, at) for r in event.recipients)
        if (actors, recipients) != (event.actors, event.recipients):
            event = replace(event, actors=actors, recipients=recipients)
        out.append(event)
    return out
