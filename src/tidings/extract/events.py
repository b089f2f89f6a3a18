"""Parsed sentences -> coded events: trigger, actors, recipients, size, date, place, certainty, source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date

from ..records import ActorRef, Event, Evidence, Location, ParsedArticle, ParsedSentence, Resolution, Token
from ..resolve.actors import ActorResolver
from ..resolve.dates import find_time_expressions, to_date
from ..resolve.knowledge_base import KnowledgeBase
from .arguments import NAMED_ACTOR_ENTS, find_arguments
from .attribution import attribution_of
from .certainty import certainty_of, speech_head, tense_of
from .lexicon import Lexicon, recode_applies
from .size import size_of
from .syntax import Tree
from .triggers import TriggerMatch, find_triggers, object_heads

__all__ = ["extract_events"]

NESTING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
CAUSE_PREPS = frozenset({"in", "by", "during", "from", "after"})
HARM_TYPES = frozenset({"ASSAULT", "COERCE"})
SUBORDINATE_MARKS = frozenset(
    {"after", "before", "since", "as", "when", "while", "because", "until", "once", "if", "unless"}
)
WANT_VERBS = frozenset({"want", "wish", "need"})
COLLECTIVES = frozenset(
    {"country", "nation", "state", "government", "ally", "partner", "neighbour", "neighbor"}
)
AUTHORITIES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
ORDERED_TYPES = frozenset({"COERCE", "SANCTION", "MOBILIZE"})  # measures an authority's order puts in force
DEMONSTRATIVES = frozenset({"these", "those", "this", "that"})
REFER_BACK_SENTENCES = 3
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_KINDS = frozenset({"country", "territory", "capital", "place", "region", "city"})


@dataclass(frozen=True, slots=True)
class _HarmWords:
    """The lexicon's word classes that tell an attack from a disaster, put together once per article."""

    natural: frozenset[str]  # natural causes: "flood", "cyclone", "outbreak"
    armed: frozenset[str]  # weapons and forces: "artillery", "tank", "troops"
    fighting: frozenset[str]  # those, fighters, police and hostilities, but no natural cause ("fire")
    animals: frozenset[str]

    @classmethod
    def of(cls, lexicon: Lexicon) -> _HarmWords:
        def union(*names: str) -> frozenset[str]:
            return frozenset().union(*(lexicon.classes.get(name, frozenset()) for name in names))

        natural = union("natural_causes")
        armed = union("weapons", "missiles", "explosives", "troops")
        fighting = (armed | union("combatants", "police", "hostilities")) - natural
        return cls(natural=natural, armed=armed, fighting=fighting, animals=union("animals"))


@dataclass(frozen=True, slots=True)
class _Context:
    article_id: str
    published: date | None
    lexicon: Lexicon
    resolver: ActorResolver
    harm: _HarmWords
    disaster_story: bool = False  # the title or lead names a natural disaster


def _governing_trigger(tree: Tree, match: TriggerMatch, triggers: dict[int, TriggerMatch]) -> int | None:
    """The trigger this one is reported under ("threatened [to attack]", "condemned [the attack]")."""
    cur = tree.tokens[match.token]
    for _ in range(4):
        purpose = cur.dep == "advcl" and any(k.lemma == "to" for k in tree.kids(cur.i, "aux"))
        if cur.dep not in NESTING_DEPS and not purpose:
            return None
        head = tree.head(cur.i)
        if head is None:
            return None
        if head.i in triggers and triggers[head.i].pattern.pos == "VERB":
            return head.i
        cur = head
    return None


def _protest_demand(tree: Tree, match: TriggerMatch, triggers: dict[int, TriggerMatch]) -> int | None:
    """The protest a demand is voiced in: "demonstrated [calling for independence]", "staged rallies
    [saying he must resign]", "a strike [to demand] better pay". The demand is what the protest is for,
    not a separate request (PLOVER codes the protest)."""
    if match.pattern.event_type != "REQUEST":
        return None
    cur = tree.tokens[match.token]
    if cur.dep not in ("advcl", "xcomp", "acl", "conj") or (head := tree.head(cur.i)) is None:
        return None
    protests = {
        (m.governor if m.governor is not None else i): i
        for i, m in triggers.items()
        if m.pattern.event_type == "PROTEST"
    }
    protests.update({i: i for i, m in triggers.items() if m.pattern.event_type == "PROTEST"})
    return protests.get(head.i)


def _wanted_of(tree: Tree, predicate: Token) -> tuple[Token, Token] | None:
    """(who wants, who is to act) when the act is wanted of another: "X wants Y to attack"."""
    head = tree.head(predicate.i)
    if predicate.dep not in ("ccomp", "xcomp") or head is None or head.lemma not in WANT_VERBS:
        return None
    wanter = tree.subject(head.i)
    doer = next(iter(tree.kids(predicate.i, "nsubj")), None) or next(iter(tree.kids(head.i, "dobj")), None)
    if wanter is None or doer is None or doer.pos == "PRON" or doer.i == wanter.i:
        return None
    return wanter, doer


def _natural_cause(
    tree: Tree, match: TriggerMatch, natural: frozenset[str], armed: frozenset[str] = frozenset()
) -> bool:
    """Whether harm is caused by nature, disease or accident: its subject, agent or cause is one (also
    by its kind: "Cyclone Larry", "Hurricane Katrina"), and no weapon, force or named party fires it
    ("Russian artillery fire", "tank fire" are attacks)."""
    node = tree.tokens[match.governor if match.governor is not None else match.token]
    causes: list[Token | None] = []
    for verb in tree.conjuncts(node.i):  # "displaced or affected by flooding"
        causes += [tree.subject(verb), tree.agent(verb)]
        causes += [obj for prep, obj in tree.prep_objects(verb) if prep in CAUSE_PREPS]
    if match.pattern.pos == "NOUN":
        causes.append(tree.tokens[match.token])
    causes += [k for c in causes if c is not None for k in tree.kids(c.i, "compound")]
    return any(c is not None and _is_natural(c, natural) and not _armed(tree, c, armed) for c in causes)


def _is_natural(tok: Token, natural: frozenset[str]) -> bool:
    return tok.lemma.lower() in natural or tok.text.lower() in natural


def _names_disaster(tree: Tree, natural: frozenset[str], fighting: frozenset[str], story: bool) -> bool:
    """Whether the sentence speaks of a natural disaster, or belongs to a story of one, and names no
    weapon, armed force or fighting."""
    nouns = [t for t in tree.tokens if t.pos in ("NOUN", "PROPN")]
    if any(t.lemma.lower() in fighting for t in nouns):
        return False
    return story or any(_is_natural(t, natural) for t in nouns)


def _disaster_story(parsed: ParsedArticle, disasters: frozenset[str]) -> bool:
    """Whether the title or the first two sentences name a natural disaster ("Cyclone Larry hits ...")."""
    words = (parsed.article.title or "").lower().replace("-", " ").split()
    lemmas = [t.lemma.lower() for s in parsed.sentences[:2] for t in s.tokens if t.pos in ("NOUN", "PROPN")]
    return any(w.strip(".,:;!?'\"") in disasters for w in words) or any(w in disasters for w in lemmas)


def _armed_cause(tree: Tree, match: TriggerMatch, armed: frozenset[str]) -> Token | None:
    """The weapon a harm is done with, when a party is named on it: "killed in [Israeli tank fire]"."""
    node = tree.tokens[match.governor if match.governor is not None else match.token]
    for prep, obj in tree.prep_objects(node.i):
        if prep in ("in", "by") and (obj.lemma in armed or _armed(tree, obj, armed)):
            owners = tree.kids(obj.i, "compound", "amod", "poss")
            return obj if any(m.ent_type in ("NORP", "GPE", "ORG") for m in owners) else None
    return None


def _armed(tree: Tree, cause: Token, armed: frozenset[str]) -> bool:
    modifiers = tree.kids(cause.i, "compound", "amod", "nmod", "poss")
    modifiers += [k for m in modifiers for k in tree.kids(m.i, "compound", "amod")]
    return any(m.lemma in armed or m.ent_type == "NORP" for m in modifiers)


def _harms_animals(tree: Tree, trigger: Token, animals: frozenset[str]) -> bool:
    heads = object_heads(tree, trigger, direct_only=True)
    for verb in tree.conjuncts(trigger.i)[1:]:  # "slaughtering and burning 6,500 hogs": a shared object
        heads = heads or object_heads(tree, tree.tokens[verb], direct_only=True)
    return bool(heads) and all(h.lemma in animals for h in heads)


def _unless_clause(tree: Tree, predicate: Token) -> bool:
    return any(
        k.lemma == "unless" for clause in tree.kids(predicate.i, "advcl") for k in tree.kids(clause.i, "mark")
    )


def _condition_subjects(tree: Tree, predicate: Token) -> list[Token]:
    """Who must meet a threat's condition: "threatened to stop the talks [if the United States goes
    ahead]", "[unless Baghdad accepted]"; the condition may hang from the threatened act."""
    out: list[Token] = []
    for verb in (predicate, *tree.kids(predicate.i, "xcomp")):
        for clause in tree.kids(verb.i, "advcl"):
            if any(k.lemma in ("if", "unless") for k in tree.kids(clause.i, "mark")):
                out += [s for s in tree.kids(clause.i, "nsubj", "nsubjpass") if s.pos in ("NOUN", "PROPN")]
    return out


def _has_modal(tree: Tree, trigger: Token) -> bool:
    return any(a.lemma in ("would", "will", "shall", "can", "could") for a in tree.kids(trigger.i, "aux"))


def _is_background(tree: Tree, match: TriggerMatch) -> bool:
    """An event mentioned as background of the sentence's main event: in a relative or adverbial
    clause ("after rebels attacked", "refugees who fled"), a purpose clause ("to protest"), or a bare
    nominal ("at the talks"). Background events are kept only when the sentence has no main event."""
    if match.pattern.pos == "NOUN" and match.governor is None:
        return True
    node = tree.tokens[match.governor if match.governor is not None else match.token]
    for _ in range(8):
        if node.dep in ("relcl", "csubj", "csubjpass") or (node.dep == "acl" and node.tag != "VBN"):
            return True
        if node.dep in ("advcl", "ccomp"):  # a "said ... after X attacked" parse is still an adverbial
            marks = {k.lemma for k in tree.kids(node.i, "mark")}
            if marks & SUBORDINATE_MARKS or any(k.lemma == "to" for k in tree.kids(node.i, "aux")):
                return True
        head = tree.head(node.i)
        if head is None:
            return False
        node = head
    return False


def _recipients(ctx: _Context, tree: Tree, candidates: tuple[Token, ...]) -> tuple[ActorRef, ...]:
    fallback: tuple[ActorRef, ...] = ()
    for cand in candidates:
        refs = ctx.resolver.resolve(tree, cand.i)
        if any(ctx.resolver.is_actor(r) for r in refs):
            return refs
        # else the first noun that names people or belongs to a country ("123 foreigners", "Syria's
        # weapons"), not a thing ("the streets", "an alert")
        named = cand.lemma in ctx.resolver.persons | COLLECTIVES or any(r.country for r in refs)
        if not fallback and cand.pos in ("NOUN", "PROPN") and named:
            fallback = refs
    return fallback


def _location(ctx: _Context, tree: Tree, heads: list[Token]) -> Location | None:
    kb: KnowledgeBase = ctx.resolver.kb
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


def _clause_verbs(tree: Tree, match: TriggerMatch) -> frozenset[int]:
    """The trigger (or its light verb) and the verbs its clause hangs from ("attacked ..., killing")."""
    node = tree.tokens[match.governor if match.governor is not None else match.token]
    out = {node.i}
    while node.dep in ("advcl", "xcomp", "conj") and (head := tree.head(node.i)) is not None:
        node = head
        out.add(node.i)
    return frozenset(out)


def _modifies(tree: Tree, sentence: ParsedSentence, span: tuple[int, int], verbs: frozenset[int]) -> bool:
    """Whether the time expression at `span` (sentence offsets) is an adverbial of one of `verbs`."""
    lo, hi = sentence.span[0] + span[0], sentence.span[0] + span[1]
    inside = [t for t in tree.tokens if lo <= t.start < hi]
    for tok in inside:
        head = tree.head(tok.i)
        if head is None or lo <= head.start < hi:
            continue
        if head.i in verbs:
            return True
        return head.dep == "prep" and head.head in verbs
    return False


def _date(
    ctx: _Context,
    sentence: ParsedSentence,
    tree: Tree,
    trigger: Token,
    tense: str,
    verbs: frozenset[int],
) -> tuple[date | None, str | None, str | None]:
    """(day, expression, TIMEX3 value) of the event: the nearest expression naming a day, else a
    coarser one in the trigger's own clause ("last week" -> no day, value 2025-W49), else the
    publication date for events that are not in the future."""
    anchor = ctx.published
    best: tuple[int, date | None, str, str] | None = None
    for mention in find_time_expressions(sentence.text, anchor, tense):
        if mention.kind != "DATE" or not mention.value:
            continue
        start = sentence.span[0] + mention.span[0]
        day = to_date(mention.value)
        if day is None and not _modifies(tree, sentence, mention.span, verbs):
            continue
        rank = abs(start - trigger.start) + (0 if day is not None else 10_000)
        if best is None or rank < best[0]:
            best = (rank, day, mention.text, mention.value)
    if best is not None:
        return best[1], best[2], best[3]
    if anchor is not None and tense != "future":
        return anchor, None, None
    return None, None, None


def _event_id(article_id: str, trigger: Token, event_type: str, actors: tuple[ActorRef, ...]) -> str:
    key = "|".join([article_id, str(trigger.start), event_type, *(a.text for a in actors)])
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _sentence_events(ctx: _Context, sentence: ParsedSentence) -> list[Event]:
    tree = Tree.of(sentence)
    lexicon = ctx.lexicon
    persons = lexicon.classes.get("persons", frozenset())
    transfers = lexicon.classes.get("transfer_words", frozenset())
    commands = lexicon.classes.get("command_verbs", frozenset())
    matches = {m.token: m for m in find_triggers(tree, lexicon)}
    nested: dict[int, int] = {}
    for i, match in matches.items():
        gov = _governing_trigger(tree, match, matches)
        gov = _protest_demand(tree, match, matches) if gov is None else gov
        if gov is not None:
            nested[i] = gov
    events: list[Event] = []
    chosen = [i for i in sorted(matches) if i not in nested]
    main = [i for i in chosen if not _is_background(tree, matches[i])]
    harm = ctx.harm
    disaster = _names_disaster(tree, harm.natural, harm.fighting, ctx.disaster_story)
    people = persons | COLLECTIVES
    for i in main or chosen:
        match = matches[i]
        trigger = tree.tokens[i]
        if match.pattern.event_type in HARM_TYPES and (
            _natural_cause(tree, match, harm.natural, harm.armed)
            or _harms_animals(tree, trigger, harm.animals)
        ):
            continue  # "the earthquake killed 300", "culled 6,500 hogs": no political event
        if disaster and match.pattern.mode == "martial-law":
            continue  # a state of emergency over a cyclone is disaster relief, not coercion
        args = find_arguments(tree, match, persons, transfers)
        actors = ctx.resolver.resolve(tree, args.actor.i) if args.actor is not None else ()
        if not actors and match.pattern.event_type in HARM_TYPES:
            # "killed in Russian artillery fire": whose weapon it was
            weapon = _armed_cause(tree, match, harm.armed)
            actors = ctx.resolver.resolve(tree, weapon.i) if weapon is not None else ()
            actors = actors if any(a.country for a in actors) else ()
            if disaster and not any(ctx.resolver.is_actor(a) for a in actors):
                continue  # "bridges have been destroyed" in a story of floods: nobody did it
        recipient_candidates = args.recipients
        inner = [j for j, g in nested.items() if g == i]
        for j in inner:
            inner_args = find_arguments(tree, matches[j], persons, transfers)
            recipient_candidates += inner_args.recipients
        recipients = _recipients(ctx, tree, recipient_candidates)
        # a nominal event takes tense and certainty from the verb carrying it ("will extend the curfew")
        predicate = tree.tokens[match.governor] if match.governor is not None else trigger
        speech = speech_head(tree, predicate, lexicon.cues)
        tense = tense_of(tree, predicate)
        size_heads = list(args.recipients) + ([args.object] if args.object else [])
        for j in inner:
            size_heads += list(find_arguments(tree, matches[j], persons, transfers).recipients)
        when, when_text, when_value = _date(ctx, sentence, tree, trigger, tense, _clause_verbs(tree, match))
        pattern = match.pattern
        attribution = attribution_of(tree, speech, lexicon.cues, ctx.resolver)
        certainty = certainty_of(tree, predicate, lexicon.cues, speech, lexicon.intent.words)
        if certainty == "asserted" and attribution is not None:
            certainty = "reported"
        event_type, cameo = pattern.event_type, pattern.cameo
        mode, context = pattern.mode, pattern.context
        sentence_words = {t.lemma for t in tree.tokens} | {t.text.lower() for t in tree.tokens}
        sectors = {a.sector for a in actors if a.sector}
        for recode in lexicon.recodes:
            if recode_applies(recode, event_type, cameo, sentence_words, sectors):
                event_type, cameo = recode.event_type, recode.cameo
                mode, context = recode.mode, recode.context
        if event_type == "REQUEST" and sectors & AUTHORITIES and predicate.lemma in commands:
            # an authority's order of a measure is the measure: "the government ordered the paper to
            # suspend publication" (COERCE), "ordered patrols" (MOBILIZE)
            ordered = [matches[j].pattern for j in inner if matches[j].pattern.event_type in ORDERED_TYPES]
            if ordered:
                event_type, cameo = ordered[0].event_type, ordered[0].cameo
                mode, context = ordered[0].mode, ordered[0].context
        asked = _wanted_of(tree, predicate)
        if asked is not None:
            # "Washington wants Israel to halt the strikes": a request by the one who wants it
            wanter, addressee = asked
            actors = ctx.resolver.resolve(tree, wanter.i)
            recipients = ctx.resolver.resolve(tree, addressee.i)
            event_type, cameo, mode, context = "REQUEST", "020", None, ()
            certainty = "reported" if attribution is not None else "asserted"
        recoded = None
        if asked is None and certainty in ("promised", "planned"):
            recoded = lexicon.intent.recode(event_type, cameo)
        elif certainty == "negated" and (tense == "future" or _has_modal(tree, predicate)):
            recoded = lexicon.intent.refusal(event_type, cameo)
            certainty = ("reported" if speech is not None else "asserted") if recoded else certainty
        if _unless_clause(tree, predicate) and tense == "future" and event_type != "THREATEN":
            # "will withdraw its force unless ...": an act promised on a condition the recipient must meet
            recoded = lexicon.intent.recode(event_type, cameo) or (event_type, cameo)
            if recoded[0] != "THREATEN":
                recoded = ("THREATEN", "130")
        if recoded is not None:
            event_type, cameo = recoded
        if event_type == "THREATEN" and not any(
            c.lemma in people or c.ent_type in NAMED_ACTOR_ENTS for c in recipient_candidates
        ):
            condition = tuple(_condition_subjects(tree, predicate))
            if condition:
                recipients = _recipients(ctx, tree, condition + recipient_candidates)
        events.append(
            Event(
                id=_event_id(ctx.article_id, trigger, event_type, actors),
                article_id=ctx.article_id,
                event_type=event_type,
                mode=mode if event_type == pattern.event_type or mode != pattern.mode else None,
                context=context,
                cameo=cameo,
                actors=actors,
                recipients=recipients,
                date=when,
                date_text=when_text,
                date_value=when_value,
                location=_location(ctx, tree, [trigger, *size_heads]),
                size=size_of(tree, size_heads, persons),
                attribution=attribution,
                certainty=certainty,
                evidence=Evidence(
                    sentence=sentence.text,
                    span=sentence.span,
                    trigger=trigger.text,
                    trigger_span=(trigger.start, trigger.end),
                ),
                rule=pattern.id,
                tense=tense,
            )
        )
    return _merge_same(events)


def _actor_key(event: Event) -> frozenset[str]:
    return frozenset(a.entity_id or a.text for a in event.actors)


def _merge_same(events: list[Event]) -> list[Event]:
    """One event per type and actor within a sentence ("enacted a pardon, releasing 123 ...")."""
    kept: list[Event] = []
    for event in events:
        twin = next(
            (
                k
                for k in kept
                if k.event_type == event.event_type
                and (_actor_key(k) == _actor_key(event) or not (k.actors and event.actors))
            ),
            None,
        )
        if twin is None:
            kept.append(event)
            continue
        # the first mention is the act ("bombarded ..., killing eight": the bombardment, 194); the
        # other adds what it names: recipients, size, place
        richer, other = (
            (event, twin)
            if (len(event.recipients), event.size is not None) > (len(twin.recipients), twin.size is not None)
            else (twin, event)
        )
        texts = {r.text for r in richer.recipients}
        recipients = richer.recipients + tuple(r for r in other.recipients if r.text not in texts)
        kept[kept.index(twin)] = replace(
            twin,
            actors=twin.actors or event.actors,
            recipients=recipients,
            size=twin.size or event.size,
            location=twin.location or event.location,
        )
    return kept


def extract_events(parsed: ParsedArticle, lexicon: Lexicon, kb: KnowledgeBase) -> tuple[Event, ...]:
    """All events of one parsed article, in text order."""
    article = parsed.article
    ctx = _Context(
        article_id=article.id,
        published=article.published,
        lexicon=lexicon,
        resolver=ActorResolver.of(kb, article.published, lexicon.classes),
        harm=_HarmWords.of(lexicon),
        disaster_story=_disaster_story(parsed, lexicon.classes.get("disasters", frozenset())),
    )
    events: list[Event] = []
    for k, sentence in enumerate(parsed.sentences):
        window_start = parsed.sentences[max(0, k - REFER_BACK_SENTENCES)].span[0]
        _refer_back(ctx, sentence, events, window_start)
        events.extend(_sentence_events(ctx, sentence))
    return tuple(events)


def _refer_back(ctx: _Context, sentence: ParsedSentence, earlier: list[Event], window_start: int) -> None:
    """Give earlier events the nationalities that a later sentence states for their recipients.

    "... releasing 123 foreign nationals. These individuals, citizens of the UK, ..., were ..." -> the
    release's recipients become the named countries. Only a demonstrative group ("these", "those")
    refers back, to the events of the three sentences before whose recipients are of unknown country.
    """
    tree = Tree.of(sentence)
    persons = ctx.lexicon.classes.get("persons", frozenset())
    for tok in tree.tokens:
        if tok.lemma not in persons or not any(k.lemma in DEMONSTRATIVES for k in tree.kids(tok.i, "det")):
            continue
        group: tuple[ActorRef, ...] = ()
        for head in [tok, *tree.kids(tok.i, "appos")]:
            group = group or ctx.resolver.nationality_group(tree, head.i)
        if not group:
            continue
        for n, event in enumerate(earlier):
            if event.evidence.span[0] < window_start:
                continue
            if event.recipients and all(r.country is None for r in event.recipients):
                reason = f"'{tok.text}' refers back to '{event.recipients[0].text}'"
                refs = tuple(
                    replace(r, resolution=Resolution(method="coreference+nationality_group", reason=reason))
                    for r in group
                )
                earlier[n] = replace(event, recipients=refs)
        return
