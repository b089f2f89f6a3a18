"""Who an event's recipients are, from the candidate phrases its trigger points at."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import ActorRef, Token
from ..resolve.actors import ActorResolver
from .syntax import Tree

__all__ = ["COLLECTIVES", "recipients_of"]

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
        named = cand.lemma in resolver.persons | COLLECTIVES or any(r.country for r in refs)
        if not fallback and cand.pos in ("NOUN", "PROPN") and named:
            fallback = refs
    return fallback
