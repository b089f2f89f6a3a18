"""Who did it and to whom: the actor and recipient phrases of a trigger, from the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass

from ..codes import ACTOR_LABELS, TIME_LABELS
from ..records import Token
from ..syntax import Tree
from .lexicon import Pattern
from .triggers import TriggerMatch, obliged_clause

__all__ = ["Arguments", "find_arguments"]

RECIPIENT_PREPS = (
    "against",
    "between",
    "on",
    "upon",
    "with",
    "to",
    "at",
    "toward",
    "towards",
    "into",
    "from",
    "for",
    "over",
)
NOUN_ACTOR_PREPS = ("by", "from")
# "aid to Mozambique", "ties with Iran"
THING_TARGET_PREPS = ("to", "for", "on", "against", "with", "between")
ATTACHED_TO_ACTOR = ("against", "on", "upon")
PRONOUN_POS = frozenset({"PRON"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Arguments:
    actor: Token | None
    recipients: tuple[Token, ...]
    object: Token | None  # the thing acted on when it is not an actor ("sanctions", "aid")


def _speaker_of(tree: Tree, tok: Token) -> Token | None:
    """For a pronoun subject inside reported speech, the speaker ("X said it would withdraw")."""
    for anc in tree.ancestors(tok.i):
        if anc.pos in ("VERB", "AUX"):
            # "X was quoted as saying he would ...": the passive subject speaks too
            subj = tree.subject(anc.i) or next(iter(tree.kids(anc.i, "nsubjpass")), None)
            if subj is not None and subj.pos not in PRONOUN_POS and subj.i != tok.i:
                return subj
    return None


def _verb_actor(tree: Tree, tok: Token) -> Token | None:
    if tok.dep == "relcl" and not tree.is_passive(tok.i):
        head = tree.head(tok.i)
        subjects = tree.kids(tok.i, "nsubj")
        if head is not None and (not subjects or subjects[0].tag in ("WDT", "WP")):
            return head
    if tree.is_passive(tok.i) or (tok.dep == "acl" and tok.tag == "VBN"):
        return tree.agent(tok.i)
    subject = tree.subject(tok.i)
    if subject is not None and subject.pos in PRONOUN_POS and subject.lemma not in ("who",):
        return _speaker_of(tree, subject) or subject
    return subject


def _verb_candidates(tree: Tree, tok: Token, pattern: Pattern) -> list[Token]:
    out: list[Token] = []
    if tree.is_passive(tok.i):
        out += tree.kids(tok.i, "nsubjpass")
    elif tok.dep == "acl" and tok.tag == "VBN" or tok.dep == "relcl" and tree.is_passive(tok.i):
        head = tree.head(tok.i)
        if head is not None:
            out.append(head)
    # a dative that is a preposition ("gave equipment to Nicaragua") comes in with the prepositions
    out += [k for k in tree.kids(tok.i, "dobj", "obj", "dative") if k.pos != "ADP"]
    for clause in tree.kids(tok.i, "ccomp"):  # "demanded [that the US cancel ...]": the US is asked
        out += [s for s in tree.kids(clause.i, "nsubj", "nsubjpass") if s.pos in ("NOUN", "PROPN")]
    for prep, obj in tree.prep_objects(tok.i):
        if prep in RECIPIENT_PREPS or prep in pattern.preps:
            out.append(obj)
    for xcomp in tree.kids(tok.i, "xcomp"):
        out += tree.kids(xcomp.i, "dobj")
        out += [obj for prep, obj in tree.prep_objects(xcomp.i) if prep in RECIPIENT_PREPS]
    # the place it happens in comes last: "refused to meet [the king] in Tel Aviv"
    out += _places_in(tree, tok.i)
    for xcomp in tree.kids(tok.i, "xcomp"):
        out += _places_in(tree, xcomp.i)
    # then whom the act is for, from its purpose: "send material [to help defend Saudi Arabia]"
    for clause in tree.kids(tok.i, "advcl"):
        if any(k.lemma == "to" for k in tree.kids(clause.i, "aux")):
            for verb in (clause, *tree.kids(clause.i, "xcomp", "ccomp")):
                out += [k for k in tree.kids(verb.i, "dobj") if k.ent_type in ACTOR_LABELS]
    return out


PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "district", "state", "capital", "area"}
)


def _places_in(tree: Tree, i: int, preps: tuple[str, ...] = ("in",)) -> list[Token]:
    """A named place the act happens in: its target when nothing else is ("lifted a curfew in Montenegro",
    "in the town of Cizre")."""
    out = []
    for prep, obj in tree.prep_objects(i):
        if prep not in preps:
            continue
        if obj.ent_type == "GPE":
            out.append(obj)
        elif obj.lemma in PLACE_NOUNS:
            out += [o for p, o in tree.prep_objects(obj.i) if p == "of" and o.ent_type == "GPE"]
    return out


def _noun_actor(tree: Tree, tok: Token, match: TriggerMatch) -> Token | None:
    for kid in tree.kids(tok.i, "poss"):
        if kid.pos not in PRONOUN_POS and kid.ent_type not in TIME_LABELS:  # not "Monday's attack"
            return kid
    for prep, obj in tree.prep_objects(tok.i):
        if prep in NOUN_ACTOR_PREPS and obj.ent_type not in TIME_LABELS:  # not "a visit extended by 72 hours"
            return obj
    for kid in tree.kids(tok.i, "amod", "compound", "nmod"):
        if kid.ent_type in ("NORP", "GPE", "ORG"):
            return kid
    governing = match.governor
    if governing is None and tok.dep in ("dobj", "obj") and (verb := tree.head(tok.i)) is not None:
        governing = verb.i  # "the activist began a hunger strike": whoever does the verb does the act
    if governing is not None:
        governor = tree.tokens[governing]
        if governor.dep == "acl" or tree.is_passive(governor.i):
            return tree.agent(governor.i)
        subject = tree.subject(governor.i)
        if subject is not None and subject.pos in PRONOUN_POS and subject.lemma not in ("who",):
            return _speaker_of(tree, subject) or subject  # "NATO said it would tighten the blockade"
        return subject
    return None


def _noun_candidates(tree: Tree, tok: Token, match: TriggerMatch) -> list[Token]:
    out: list[Token] = []
    for prep, obj in tree.prep_objects(tok.i):
        if prep in RECIPIENT_PREPS or prep == "of":
            out.append(obj)
    if match.governor is not None:
        for prep, obj in tree.prep_objects(match.governor):
            if prep in RECIPIENT_PREPS:
                out.append(obj)
        out += _places_in(tree, match.governor)
    return out + _places_in(tree, tok.i)


def _transferred(tree: Tree, tok: Token, transfers: frozenset[str]) -> set[int]:
    """What a verb or noun of giving hands over ("sent *troops* to Liberia", "delivery *of aid*"): a thing
    moved, not the one it is for."""
    out: set[int] = set()
    verbs = [tok, *tree.kids(tok.i, "xcomp")] if tok.pos in ("VERB", "AUX") else []
    for verb in verbs:
        if verb.lemma in transfers:
            out.update(k.i for k in tree.kids(verb.i, "dobj", "obj"))
    if tok.pos in ("NOUN", "PROPN") and tok.lemma in transfers:
        out.update(obj.i for prep, obj in tree.prep_objects(tok.i) if prep == "of")
    return {j for i in out for j in tree.conjuncts(i)}


def _giver(tree: Tree, tok: Token, receiving: Token) -> Token | None:
    """Who gives what a receiving verb receives: "received aid *from the United States*" (on the verb or
    the noun), "won the backing *of the NRA*" (a name), "US aid" (a named modifier)."""
    for node in (tok, receiving):
        for prep, obj in tree.prep_objects(node.i):
            if prep in NOUN_ACTOR_PREPS:
                return obj
    for prep, obj in tree.prep_objects(tok.i):
        if prep == "of" and obj.ent_type in ("ORG", "GPE", "NORP", "PERSON"):
            return obj
    for kid in tree.kids(tok.i, "poss", "amod", "compound", "nmod"):
        if kid.ent_type in ("NORP", "GPE", "ORG", "PERSON") and kid.pos not in PRONOUN_POS:
            return kid
    return None


def _received(
    tree: Tree, tok: Token, match: TriggerMatch, receiving: frozenset[str]
) -> tuple[Token | None, list[Token]] | None:
    """A noun act whose governing verb receives it ("Ukraine *received* military aid from the United
    States", "the mayor *received* threats from the cartel", "*won* the backing of the NRA"): the giver is
    its actor and the verb's subject its recipient, not the other way round. None when the governor gives
    or does the act ("the US *sent* aid", "*expressed* support")."""
    if match.governor is None or tok.pos not in ("NOUN", "PROPN"):
        return None
    verb = tree.tokens[match.governor]
    if verb.lemma not in receiving or tree.is_passive(verb.i):
        return None
    receiver = tree.subject(verb.i)
    return _giver(tree, tok, verb), [receiver] if receiver is not None else []


# the types whose act always has someone it is done to: a verb of them in a headline's past form with a
# subject and no object tells what was done to the subject, unless it is a verb news also uses without an
# object of forces that act ("Rebels attacked at dawn": `active_without_object` in classes.json)
PATIENT_TYPES = frozenset({"COERCE", "ASSAULT"})
_SENTENCE_END = frozenset({".", "!", "?", '"', "\u201d", "'", "\u2019", ")"})


def reduced_passive(tree: Tree, tok: Token, event_type: str, intransitive: frozenset[str]) -> bool:
    """Whether a verb is a headline's passive without "was": "Jackson arrested on DUI charge", "Protesters
    detained after rally", "Police officer shot in Dallas". It is of a type whose act is done to someone, in
    the past form (the parser's VBD or VBN), with a subject, and no auxiliary, object or clause of its own, in
    a sentence without a closing full stop (a headline, a heading, a caption's first line). Not "Police
    arrested two men" (an object), "He was arrested." (a passive already), "Rebels attacked at dawn" (a verb
    news uses without an object), nor any sentence that ends like one."""
    if event_type not in PATIENT_TYPES or tok.tag not in ("VBD", "VBN") or tok.lemma in intransitive:
        return False
    if not tree.kids(tok.i, "nsubj"):
        return False
    if tree.kids(tok.i, "aux", "auxpass", "nsubjpass", "dobj", "obj", "dative", "ccomp", "xcomp", "attr"):
        return False
    last = next((t for t in reversed(tree.tokens) if t.text.strip()), None)
    return last is not None and last.text not in _SENTENCE_END


def find_arguments(
    tree: Tree,
    match: TriggerMatch,
    persons: frozenset[str],
    transfers: frozenset[str] = frozenset(),
    receiving: frozenset[str] = frozenset(),
    intransitive: frozenset[str] = frozenset(),
) -> Arguments:
    """Actor and recipient candidates of a trigger; `persons` are nouns naming people, `transfers` words
    of giving whose object is the thing given, `receiving` verbs whose subject receives a noun act,
    `intransitive` verbs of harm that news uses without an object (no headline passive: `reduced_passive`)."""
    tok = tree.tokens[match.token]
    pattern = match.pattern
    given = _transferred(tree, tok, transfers)
    received = _received(tree, tok, match, receiving) if pattern.pos == "NOUN" else None
    if received is not None:
        actor, receivers = received
        candidates = receivers + [
            c for c in _noun_candidates(tree, tok, match) if actor is None or c.i != actor.i
        ]
    elif pattern.pos == "NOUN":
        actor = _noun_actor(tree, tok, match)
        candidates = _noun_candidates(tree, tok, match)
    elif reduced_passive(
        tree, tok, pattern.event_type, intransitive
    ):  # "Jackson arrested on DUI charge": Jackson is held
        actor = tree.agent(tok.i)
        candidates = tree.kids(tok.i, "nsubj") + _verb_candidates(tree, tok, pattern)
    else:
        actor = _verb_actor(tree, tok)
        candidates = _verb_candidates(tree, tok, pattern)
        clause = obliged_clause(tree, tok, pattern.complement_aux) if pattern.complement_aux else None
        if clause is not None:  # "Russia said [Sudan must return ...]": Sudan is asked
            candidates = tree.kids(clause.i, "nsubj", "nsubjpass") + candidates
    if actor is not None:  # a parser slip: "imposed by the administration against X"
        candidates += [obj for prep, obj in tree.prep_objects(actor.i) if prep in ATTACHED_TO_ACTOR]
    sent_to = {
        obj.i
        for prep, obj in tree.prep_objects(tok.i)
        if prep in ("to", "for", "toward", "towards") and prep not in pattern.preps  # not "call *for*"
    }
    recipients: list[Token] = []
    fallbacks: list[Token] = []
    owned: list[Token] = []
    thing: Token | None = None
    for cand in candidates:
        if actor is not None and cand.i == actor.i:
            continue
        if cand.ent_type in TIME_LABELS or cand.tag in ("WDT", "WP"):
            continue
        if cand.tag == "VBG" and cand.dep == "pcomp":
            continue  # "agreed to [holding talks]": a clause of what is done, not a party
        # the pattern's object words name the thing acted on when it is what the verb acts on, not the
        # one it goes to ("contributed troops [to a peacekeeping force]")
        to_someone = tok.pos in ("VERB", "AUX") and (cand.i in sent_to)
        is_thing = cand.i in given or (
            cand.lemma in pattern.objects and cand.lemma not in persons and not to_someone
        )
        if is_thing or cand.pos in PRONOUN_POS and cand.lemma in ("it", "this", "that"):
            thing = thing or cand
            recipients.extend(_owners(tree, cand))
            if cand.pos in ("NOUN", "PROPN"):
                fallbacks.append(cand)
            continue
        recipients.append(cand)
        if cand.pos == "NOUN" and cand.lemma not in persons and not cand.ent_type:
            # "rejected an offer from Afghanistan", "boycott contact with the United States": a thing's
            # owner or counterpart, when no one is named before it
            owned.extend(_owners(tree, cand))
    return Arguments(actor=actor, recipients=tuple(recipients + owned + fallbacks), object=thing)


def _owners(tree: Tree, thing: Token) -> list[Token]:
    """Whose thing it is, or whom it is for: "Netanyahu's suggestion", "a request from the Times",
    "a Japanese-drafted text", "aid to Mozambique"."""
    out = [k for k in tree.kids(thing.i, "poss") if k.pos != "PRON"]
    out += [obj for prep, obj in tree.prep_objects(thing.i) if prep in ("from", "by", *THING_TARGET_PREPS)]
    # "$2 million in assistance to Fiji", "a shipment of aid for the refugees": one level down
    for prep, inner in tree.prep_objects(thing.i):
        if prep in ("in", "of"):
            out += [obj for p, obj in tree.prep_objects(inner.i) if p in ("to", "for")]
    out += [k for k in tree.kids(thing.i, "amod", "compound", "nmod") if k.ent_type in ("NORP", "GPE", "ORG")]
    return out
