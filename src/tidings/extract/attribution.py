"""Who says so: the source of a reported event ("according to Belta", "officials said")."""

from __future__ import annotations

from ..records import Attribution, Token
from ..resolve.actors import ActorResolver
from .lexicon import Cues
from .syntax import Tree

__all__ = ["attribution_of"]

WITNESS_WORDS = frozenset({"witness", "resident", "eyewitness", "villager", "local"})
ANONYMOUS_WORDS = frozenset({"source", "insider"})
GOVERNMENT_BODIES = frozenset({"government", "ministry", "administration", "cabinet", "presidency", "office"})
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _according_to(tree: Tree) -> tuple[Token, str] | None:
    """The object of an attribution marker in the sentence ("according to X", "citing X")."""
    for tok in tree.tokens:
        if tok.lemma == "accord" or tok.text.lower() == "according":
            for prep in tree.kids(tok.i, "prep"):
                objs = tree.kids(prep.i, "pobj")
                if objs:
                    return objs[0], "according to"
        if tok.lemma == "cite" and tok.dep in ("advcl", "xcomp", "acl", "prep"):
            objs = tree.kids(tok.i, "dobj")
            if objs:
                return objs[0], "citing"
    return None


def _kind(tree: Tree, head: Token, resolver: ActorResolver, country: str | None, sector: str | None) -> str:
    if head.lemma in WITNESS_WORDS:
        return "witness"
    if head.lemma in ANONYMOUS_WORDS:
        return "anonymous"
    lo, hi = tree.phrase(head.i)
    for i in range(lo, hi):
        for size in (4, 3, 2, 1):
            if i + size > hi:
                continue
            medium = resolver.kb.medium(tree.text(i, i + size))
            if medium is not None:
                return medium.media_kind or "media"
    if head.lemma in ("agency", "newspaper", "television", "tv", "radio", "broadcaster", "daily", "channel"):
        return "media"
    if sector in OFFICIAL_SECTORS:
        # a named government ("Minsk", "the Kremlin", "the ministry") speaks as government;
        # officials, police, soldiers and spokespeople as officials
        return "government" if head.pos == "PROPN" or head.lemma in GOVERNMENT_BODIES else "official"
    if head.ent_type == "PERSON":
        return "person"
    return "organization" if head.ent_type in ("ORG", "NORP", "GPE") else "person"


def attribution_of(
    tree: Tree, speech: Token | None, cues: Cues, resolver: ActorResolver
) -> Attribution | None:
    """The attribution of an event in this sentence, or None when the article asserts it itself."""
    found = _according_to(tree)
    cue = ""
    head: Token | None = None
    if found is not None:
        head, cue = found
    elif speech is not None:
        head = tree.subject(speech.i)
        cue = speech.text
    if head is None:
        return None
    lo, hi = tree.phrase(head.i)
    refs = resolver.resolve(tree, head.i)
    ref = refs[0] if refs else None
    country = ref.country if ref else None
    sector = ref.sector if ref else None
    kind = _kind(tree, head, resolver, country, sector)
    name = tree.text(lo, hi)
    medium = None
    for i in range(lo, hi):
        medium = medium or resolver.kb.medium(tree.tokens[i].text)
    if medium is not None:
        name, country = medium.name, medium.country
    elif ref is not None and ref.name:
        name = ref.name
    if head.pos == "PRON":
        return None
    return Attribution(
        text=tree.text(lo, hi), name=name, kind=kind, cue=cue, span=tree.char_span(lo, hi), country=country
    )
