"""Roles: who an event's recipients are, where it took place, and the country of actors named without one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..codes import OFFICIAL_SECTORS as STATE_SECTORS
from ..codes import PLACE_LABELS as PLACE_ENTS
from ..knowledge.base import KnowledgeBase
from ..records import ActorRef, Location, Resolution, Token
from ..resolve.actors import ActorResolver
from ..syntax import Tree
from .coreference import PERSON_PRONOUN_SEX, person_antecedent
from .draft import Draft, Scene

__all__ = [
    "COLLECTIVES",
    "country_context",
    "event_location",
    "implicit_actor",
    "person_pronoun",
    "recipients_of",
]

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
# who does an act the text tells without its doer ("two men were arrested"): the state's
# authorities of the place, by the kind of act; harm with no doer named is by unidentified attackers
IMPLICIT_DOERS = {
    "COERCE": ("authorities", "COP"),
    "SANCTION": ("authorities", "JUD"),
    "ACCUSE": ("authorities", "JUD"),
    "ASSAULT": ("unidentified attackers", None),
}
ACCUSE_MODES = frozenset({"allege", "investigate"})  # charges and inquiries, not someone's criticism

COLLECTIVES = frozenset(
    {"country", "nation", "state", "government", "ally", "partner", "neighbour", "neighbor"}
)


def recipients_of(resolver: ActorResolver, tree: Tree, candidates: Sequence[Token]) -> tuple[ActorRef, ...]:
    """The first candidate that resolves to an actor; else the first noun that names people or belongs
    to a country ("123 foreigners", "Syria's weapons"), not a thing ("the streets", "an alert")."""
    fallback: tuple[ActorRef, ...] = ()
    for cand in candidates:
        refs = resolver.resolve(tree, cand.i)
        if any(resolver.is_actor(r) for r in refs):
            return refs
        # a name the knowledge base lacks, said to be a company or body ("Belaruskali, the state potash
        # producer"), is an actor of that sector
        sector = _apposed_sector(resolver, tree, cand)
        if sector is not None and refs:
            return tuple(replace(r, sector=sector) for r in refs)
        # a person named by the parser the knowledge base lacks ("attacked Cruz") is someone too
        named = (
            cand.lemma in resolver.persons | COLLECTIVES
            or any(r.country for r in refs)
            or cand.ent_type == "PERSON"
        )
        if not fallback and cand.pos in ("NOUN", "PROPN") and named:
            fallback = refs
    return fallback


def _apposed_sector(resolver: ActorResolver, tree: Tree, cand: Token) -> str | None:
    if cand.pos != "PROPN":
        return None
    for appos in tree.kids(cand.i, "appos"):
        sector = resolver.kb.sector_of(appos.lemma)
        if sector is not None:
            return sector
    return None


def event_location(kb: KnowledgeBase, tree: Tree, heads: list[Token]) -> Location | None:
    """Where the act took place: the first place named under a preposition of place of the trigger or
    of its recipients ("arrested in Caracas")."""
    for head in heads:
        for prep, obj in tree.prep_objects(head.i):
            if prep not in PLACE_PREPS or obj.ent_type not in PLACE_ENTS:
                continue
            lo, hi = tree.phrase(obj.i, keep_of=False)
            text = tree.text(lo, hi)
            entries = kb.lookup(text)
            country = entries[0].country if entries else None
            name = entries[0].name if entries else text
            if entries and entries[0].kind == "capital":
                name = text
            return Location(text=text, name=name, country=country, span=tree.char_span(lo, hi))
    return None


def _takes_focus(ref: ActorRef, other_lands: frozenset[str]) -> bool:
    """An actor of no known country that is a state body, a force or a named person or group, and not
    said to be of other lands ("Western governments", "foreign diplomats")."""
    if ref.country is not None or set(ref.text.lower().split()) & other_lands:
        return False
    return ref.sector is not None or ref.entity_id is not None or _named(ref)


def _named(ref: ActorRef) -> bool:
    if ref.resolution is not None and ref.resolution.method == "coreference":
        return True  # "he", for the person named before him
    return bool(ref.text) and ref.text[:1].isupper() and ref.text.lower() not in ("he", "she", "they", "it")


def person_pronoun(draft: Draft, scene: Scene) -> Draft | None:
    """An actor or recipient told by a pronoun for one person ("he said", "attacked her") is the person
    a reader takes it for (`coreference.person_antecedent`, which attributions use too). Who that person
    is (a leader of the knowledge base, with country and sector) comes from the name; else the name
    alone, whose country the article's focus may give. "They", "it", "we" and "I" are not resolved: a
    group or a speaker's own voice is not one named person."""

    def resolved(ref: ActorRef) -> ActorRef:
        if ref.text.lower() not in PERSON_PRONOUN_SEX or ref.country is not None or ref.entity_id is not None:
            return ref
        token = next((t for t in scene.tree.tokens if t.start == ref.span[0]), None)
        name = (
            person_antecedent(scene.tree.sentence, token, scene.context, scene.resolver.kb) if token else None
        )
        if name is None:
            return ref
        how = Resolution(method="coreference", score=0.6, reason=f"'{ref.text}' stands for {name}")
        entry = next((e for e in scene.resolver.kb.lookup(name) if e.kind == "person"), None)
        if entry is None:
            return replace(ref, name=name, resolution=how)
        return scene.resolver.as_person(ref, entry, how)

    actors = tuple(resolved(r) for r in draft.actors)
    recipients = tuple(resolved(r) for r in draft.recipients)
    if (actors, recipients) == (draft.actors, draft.recipients):
        return draft
    return replace(draft, actors=actors, recipients=recipients)


def country_context(draft: Draft, scene: Scene) -> Draft | None:
    """An actor or recipient named without a country ("the army", "Sen. Reid", "the IGP") belongs to
    the country of the place the act happened, else to the country the article is about."""
    where = event_location(scene.resolver.kb, scene.tree, [draft.trigger, *draft.size_heads])
    country = where.country if where is not None and where.country else scene.focus
    if country is None:
        return draft
    how = Resolution(
        method="place_country" if where is not None and where.country else "article_country",
        score=0.6,
        reason=f"no country named; the act is in {country}" if where else f"the article is about {country}",
    )

    def placed(refs: tuple[ActorRef, ...], who: Callable[[ActorRef], bool]) -> tuple[ActorRef, ...]:
        return tuple(replace(r, country=country, resolution=how) if who(r) else r for r in refs)

    # people acted on may be of any nationality ("123 prisoners" freed in Belarus): a recipient takes
    # the country only when it is a state body or is named ("Belaruskali")
    other_lands = scene.word_class("other_lands")  # "Western governments", "foreign diplomats"
    actors = placed(draft.actors, lambda r: _takes_focus(r, other_lands))
    recipients = placed(
        draft.recipients, lambda r: _takes_focus(r, other_lands) and (r.sector in STATE_SECTORS or _named(r))
    )
    if (actors, recipients) == (draft.actors, draft.recipients):
        return draft
    return replace(draft, actors=actors, recipients=recipients)


def implicit_actor(draft: Draft, scene: Scene) -> Draft | None:
    """An arrest, conviction, charge or attack told without its doer ("two men were arrested in
    Caracas") in an article about a country is done by the authorities (or unidentified attackers) of
    the place, else of that country; the actor is marked implicit (no text, `resolved_by`
    implicit_actor)."""
    doer = IMPLICIT_DOERS.get(draft.event_type)
    if doer is None or draft.actors or draft.args.actor is not None:
        return draft
    if draft.event_type == "ACCUSE" and draft.mode not in ACCUSE_MODES:
        return draft
    if draft.event_type == "SANCTION" and draft.match.pattern.pos == "NOUN":
        return draft  # "the sanctions will take effect": a measure named, imposed by whoever imposed it,
        # often a foreign body, not the authorities of the country the article is about
    if scene.focus is None:
        return draft  # a lone sentence, or an article about no one country: whose authorities is unclear
    where = event_location(scene.resolver.kb, scene.tree, [draft.trigger, *draft.size_heads])
    country = where.country if where is not None and where.country else scene.focus
    name, sector = doer
    at = draft.trigger.start
    actor = ActorRef(
        text="",
        span=(at, at),
        name=name,
        country=country,
        sector=sector,
        resolution=Resolution(
            method="implicit_actor", score=0.5, reason=f"told without its doer, in {country}"
        ),
    )
    return replace(draft, actors=(actor,))
