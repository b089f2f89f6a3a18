"""The coding passes: rewrites of a draft event that the codebook asks for, in the order they apply.

Each pass is a function from a draft to a draft (changed or not) or nothing (not an event). They are
listed, with the judging passes, in `passes.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..codes import ACTOR_LABELS as NAMED_ACTOR_ENTS
from ..codes import AUTHORITY_SECTORS as AUTHORITIES
from ..codes import HARM_TYPES, POLITICAL_SECTORS, EntryKind, ResolutionMethod, Sector
from ..records import ActorRef, ParsedArticle, Token
from ..syntax import Tree
from .certainty import speech_head, tense_of
from .criticism import DENIAL, SAID, judged_party
from .draft import Draft, Scene
from .lexicon import Pattern, recode_applies
from .orders import to_own_forces
from .roles import COLLECTIVES, recipients_of
from .triggers import TriggerMatch, object_heads

__all__ = [
    "prison_sentence",
    "alleged_plot",
    "alleged_content",
    "answered_accusation",
    "criticised_party",
    "trip_to_meet",
    "authority_order",
    "coercive_promise",
    "condition",
    "disaster_emergency",
    "disaster_story",
    "intent",
    "names_disaster",
    "natural_harm",
    "recode",
    "refusal",
    "threat_recipient",
    "verbal_attack",
    "wanted",
    "weapon_owner",
]

CAUSE_PREPS = frozenset({"in", "by", "during", "from", "after"})
WANT_VERBS = frozenset({"want", "wish", "need"})
LEGAL_AUTHORITIES = frozenset({"JUD", "COP"})
ANAPHORIC = frozenset({"the", "this", "these", "that", "those"})  # "rejected the accusation" refers back
ORDERED_TYPES = frozenset({"COERCE", "SANCTION", "MOBILIZE"})  # measures an authority's order puts in force
PROMISE_PATTERNS = frozenset({"promise.xcomp"})
THREAT_INNER_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "THREATEN"})
SCHEME_WORDS = frozenset(
    {"plot", "plan", "scheme", "conspiracy", "conspire"}
)  # "a plot to kill", "planned to"


def _is_natural(tok: Token, natural: frozenset[str]) -> bool:
    return tok.lemma.lower() in natural or tok.text.lower() in natural


def _armed(tree: Tree, cause: Token, armed: frozenset[str]) -> bool:
    modifiers = tree.kids(cause.i, "compound", "amod", "nmod", "poss")
    modifiers += [k for m in modifiers for k in tree.kids(m.i, "compound", "amod")]
    return any(m.lemma in armed or m.ent_type == "NORP" for m in modifiers)


def _natural_cause(tree: Tree, match: TriggerMatch, natural: frozenset[str], armed: frozenset[str]) -> bool:
    """Whether harm is caused by nature, disease or accident: its subject, agent or cause is one (also
    by its kind: "Cyclone Larry", "Hurricane Katrina"), and no weapon, force or named party fires it
    ("Russian artillery fire", "tank fire" are attacks)."""
    node = tree.tokens[match.governor if match.governor is not None else match.token]
    causes: list[Token | None] = []
    for verb in tree.conjuncts(node.i):  # "displaced or affected by flooding"
        causes += [tree.subject(verb), tree.agent(verb)]
        causes += [obj for prep, obj in tree.prep_objects(verb) if prep in CAUSE_PREPS]
    # "flood waters", but not "water cannon": the compound of a weapon names the weapon, and that of the
    # trigger ("[water] cannons" sprayed at protesters) the kind of act
    causes += [
        k for c in causes if c is not None and not _armed(tree, c, armed) for k in tree.kids(c.i, "compound")
    ]
    if match.pattern.pos == "NOUN":
        causes.append(tree.tokens[match.token])
    return any(
        c is not None and _is_natural(c, natural) and not _armed(tree, c, armed) and not _an_act(tree, c)
        for c in causes
    )


def _an_act(tree: Tree, tok: Token) -> bool:
    """A verb with an object of its own is something done, not a cause of nature: "attacked the town by
    *firing* rockets" (fire, the verb), not "displaced by *flooding*"."""
    return tok.pos in ("VERB", "AUX") and bool(tree.kids(tok.i, "dobj", "obj"))


def _harms_animals(tree: Tree, trigger: Token, animals: frozenset[str]) -> bool:
    heads = object_heads(tree, trigger, direct_only=True)
    for verb in tree.conjuncts(trigger.i)[1:]:  # "slaughtering and burning 6,500 hogs": a shared object
        heads = heads or object_heads(tree, tree.tokens[verb], direct_only=True)
    return bool(heads) and all(h.lemma in animals for h in heads)


def names_disaster(tree: Tree, natural: frozenset[str], fighting: frozenset[str], story: bool) -> bool:
    """Whether the sentence speaks of a natural disaster, or belongs to a story of one, and names no
    weapon, armed force or fighting."""
    nouns = [t for t in tree.tokens if t.pos in ("NOUN", "PROPN")]
    if any(t.lemma.lower() in fighting for t in nouns):
        return False
    return story or any(_is_natural(t, natural) for t in nouns)


def disaster_story(parsed: ParsedArticle, disasters: frozenset[str]) -> bool:
    """Whether the title or the first two sentences name a natural disaster ("Cyclone Larry hits ...")."""
    words = (parsed.article.title or "").lower().replace("-", " ").split()
    lemmas = [t.lemma.lower() for s in parsed.sentences[:2] for t in s.tokens if t.pos in ("NOUN", "PROPN")]
    return any(w.strip(".,:;!?'\"") in disasters for w in words) or any(w in disasters for w in lemmas)


def natural_harm(draft: Draft, scene: Scene) -> Draft | None:
    """Harm done by nature, disease or accident, or to animals, is no political event ("the earthquake
    killed 300", "culled 6,500 hogs"); nor is an act done because of one ("cancelled the trip because
    of the storm", "postponed the match due to flooding")."""
    if draft.event_type not in HARM_TYPES:
        return None if _for_natural_cause(scene, draft.predicate) else draft
    harm = scene.harm
    if _natural_cause(scene.tree, draft.match, harm.natural, harm.armed) or _harms_animals(
        scene.tree, draft.trigger, harm.animals
    ):
        return None
    return draft


def _for_natural_cause(scene: Scene, predicate: Token) -> bool:
    """Whether the act's stated reason ("because of", "due to", "owing to") is nature or an accident."""
    tree, harm, reasons = scene.tree, scene.harm, scene.word_class("reason_words")
    for prep in tree.kids(predicate.i, "prep"):
        if prep.lemma in reasons:
            reason = [tree.tokens[k] for k in tree.subtree(prep.i) if k != prep.i]
            if any(_is_natural(t, harm.natural) and not _armed(tree, t, harm.armed) for t in reason):
                return True
    return False


def disaster_emergency(draft: Draft, scene: Scene) -> Draft | None:
    """A state of emergency over a cyclone is disaster relief, not coercion (PLOVER, COERCE)."""
    return None if scene.disaster and draft.match.pattern.mode == "martial-law" else draft


def weapon_owner(draft: Draft, scene: Scene) -> Draft | None:
    """Harm with no subject is done by the named owner of the weapon ("killed in Russian artillery
    fire"); in a disaster story, harm that nobody is said to have done is no event."""
    if draft.actors or draft.event_type not in HARM_TYPES:
        return draft
    tree, resolver = scene.tree, scene.resolver
    node = tree.tokens[draft.match.governor if draft.match.governor is not None else draft.match.token]
    weapon = None
    for prep, obj in tree.prep_objects(node.i):
        if prep in ("in", "by") and (obj.lemma in scene.harm.armed or _armed(tree, obj, scene.harm.armed)):
            owners = tree.kids(obj.i, "compound", "amod", "poss")
            weapon = obj if any(m.ent_type in ("NORP", "GPE", "ORG") for m in owners) else None
            break
    actors = resolver.resolve(tree, weapon.i) if weapon is not None else ()
    actors = actors if any(a.country for a in actors) else ()
    if scene.disaster and not any(resolver.is_actor(a) for a in actors):
        return None  # "bridges have been destroyed" in a story of floods: nobody did it
    return replace(draft, actors=actors) if actors else draft


def _sectors(draft: Draft) -> set[str]:
    return {a.sector for a in draft.actors if a.sector}


def recode(draft: Draft, scene: Scene) -> Draft | None:
    """An act recoded by what the sentence says it is for (lexicon/recode.json)."""
    sectors = _sectors(draft)
    event_type, cameo, mode, context = draft.event_type, draft.cameo, draft.mode, draft.context
    for rule in scene.lexicon.recodes:
        if recode_applies(rule, event_type, cameo, scene.words, sectors, draft.match.pattern.id):
            event_type, cameo, mode, context = rule.event_type, rule.cameo, rule.mode, rule.context
    if (event_type, cameo, mode, context) == (draft.event_type, draft.cameo, draft.mode, draft.context):
        return draft
    return replace(draft, event_type=event_type, cameo=cameo, mode=mode, context=context)


def _measure(pattern: Pattern, sectors: set[str]) -> bool:
    """An act an authority puts in force by ordering it: coercion, a sanction, a mobilisation; and, when
    a court, prosecutor or police orders it, an investigation or a trial ("the judge ordered an inquiry",
    "ordered that the trial begin"). A government's order of an inquiry stays its demand of whoever is to
    hold it."""
    if pattern.event_type in ORDERED_TYPES:
        return True
    legal = pattern.mode == "investigate" or "legal" in pattern.context
    return pattern.event_type == "ACCUSE" and legal and bool(sectors & LEGAL_AUTHORITIES)


def authority_order(draft: Draft, scene: Scene) -> Draft | None:
    """An authority's order of a measure is the measure: "the government ordered the paper to suspend
    publication" (COERCE), "ordered patrols" (MOBILIZE), "the judge ordered an inquiry" (ACCUSE); and
    its order to its own forces is what they are to do: "the president ordered the army to withdraw"
    (RETREAT)."""
    commands = scene.lexicon.classes.get("command_verbs", frozenset())
    if draft.event_type != "REQUEST" or draft.predicate.lemma not in commands:
        return draft
    if not _sectors(draft) & AUTHORITIES:
        return draft
    tree = scene.tree
    # what was ordered: the triggers reported under the order, and those of its clause ("ordered that a
    # trial [of the accused] begin")
    clause = {k for c in tree.kids(draft.predicate.i, "ccomp") for k in tree.subtree(c.i)}
    inner = [*scene.inner(draft.trigger.i), *sorted(j for j in scene.matches if j in clause)]
    sectors = _sectors(draft)
    own = to_own_forces(draft)
    ordered = [p for p in (scene.matches[j].pattern for j in inner) if own or _measure(p, sectors)]
    if not ordered:
        return draft
    p = ordered[0]
    recipients = () if own else draft.recipients  # the forces are the orderer's hands, not its counterpart
    return replace(
        draft, event_type=p.event_type, cameo=p.cameo, mode=p.mode, context=p.context, recipients=recipients
    )


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


def wanted(draft: Draft, scene: Scene) -> Draft | None:
    """ "Washington wants Israel to halt the strikes": a request by the one who wants it."""
    asked = _wanted_of(scene.tree, draft.predicate)
    if asked is None:
        return draft
    wanter, addressee = asked
    return replace(
        draft,
        actors=scene.resolver.resolve(scene.tree, wanter.i),
        recipients=scene.resolver.resolve(scene.tree, addressee.i),
        event_type="REQUEST",
        cameo="020",
        mode=None,
        context=(),
        certainty="reported" if draft.attribution is not None else "asserted",
    )


def intent(draft: Draft, scene: Scene) -> Draft | None:
    """A promised or planned act is the promise: AGREE, CONCEDE or THREATEN (lexicon/intent.json)."""
    if "wanted" in draft.trail or draft.certainty not in ("promised", "planned"):
        return draft
    recoded = scene.lexicon.intent.recode(draft.event_type, draft.cameo)
    if recoded is None:
        return draft
    return replace(draft, event_type=recoded[0], cameo=recoded[1])


def _has_modal(tree: Tree, trigger: Token) -> bool:
    return any(a.lemma in ("would", "will", "shall", "can", "could") for a in tree.kids(trigger.i, "aux"))


def refusal(draft: Draft, scene: Scene) -> Draft | None:
    """A negated promise is a rejection: "would not release the prisoners" (REJECT). Without anyone who
    refuses it stays a denial ("without guaranteeing that farmers will not be jailed")."""
    if draft.certainty != "negated" or not draft.actors:
        return draft
    if draft.tense != "future" and not _has_modal(scene.tree, draft.predicate):
        return draft
    recoded = scene.lexicon.intent.refusal(draft.event_type, draft.cameo)
    if recoded is None:
        return draft
    certainty = "reported" if draft.speech is not None else "asserted"
    return replace(draft, event_type=recoded[0], cameo=recoded[1], certainty=certainty)


def _unless_clause(tree: Tree, predicate: Token) -> bool:
    return any(
        k.lemma == "unless" for clause in tree.kids(predicate.i, "advcl") for k in tree.kids(clause.i, "mark")
    )


def condition(draft: Draft, scene: Scene) -> Draft | None:
    """ "Will withdraw its force unless ...": an act promised on a condition the recipient must meet is
    a threat."""
    if draft.event_type == "THREATEN" or draft.tense != "future":
        return draft
    if not _unless_clause(scene.tree, draft.predicate):
        return draft
    recoded = scene.lexicon.intent.recode(draft.event_type, draft.cameo) or (draft.event_type, draft.cameo)
    if recoded[0] != "THREATEN":
        recoded = ("THREATEN", "130")
    return replace(draft, event_type=recoded[0], cameo=recoded[1])


def _condition_subjects(tree: Tree, predicate: Token) -> list[Token]:
    """Who must meet a threat's condition: "threatened to stop the talks [if the United States goes
    ahead]", "[unless Baghdad accepted]"; the condition may hang from the threatened act."""
    out: list[Token] = []
    for verb in (predicate, *tree.kids(predicate.i, "xcomp")):
        for clause in tree.kids(verb.i, "advcl"):
            if any(k.lemma in ("if", "unless") for k in tree.kids(clause.i, "mark")):
                out += [s for s in tree.kids(clause.i, "nsubj", "nsubjpass") if s.pos in ("NOUN", "PROPN")]
    return out


def threat_recipient(draft: Draft, scene: Scene) -> Draft | None:
    """A threat's recipient is who must meet its condition ("unless Togo hands over ...") when the
    threatened act names no one."""
    if draft.event_type != "THREATEN":
        return draft
    people = scene.persons | COLLECTIVES
    if any(c.lemma in people or c.ent_type in NAMED_ACTOR_ENTS for c in draft.recipient_candidates):
        return draft
    subjects = tuple(_condition_subjects(scene.tree, draft.predicate))
    if not subjects:
        return draft
    recipients = recipients_of(scene.resolver, scene.tree, subjects + draft.recipient_candidates)
    return replace(draft, recipients=recipients) if recipients != draft.recipients else draft


def verbal_attack(draft: Draft, scene: Scene) -> Draft | None:
    """An attack made of words is criticism (ACCUSE, CAMEO 111): the attack is told with what its doer
    said ("went on to attack Trump, saying he ..."), where ("attacked the minister in a speech") or as
    what ("attacked Clinton as being too cozy with Wall Street")."""
    if draft.event_type != "ASSAULT":
        return draft
    if draft.match.pattern.pos == "NOUN":
        return _critic_attack(draft, scene)
    tree, trigger = scene.tree, draft.trigger
    if trigger.lemma not in scene.word_class("word_attack_verbs"):
        return draft  # "said they attempted to assassinate the prime minister, in a statement": a claim
    speech_verbs = scene.lexicon.cues.speech_verbs
    clause = [trigger]
    head = tree.head(trigger.i)
    if trigger.dep in ("xcomp", "advcl") and head is not None:
        clause.append(head)  # "went on to attack Trump, saying ...": the participle hangs from "went"
    said = (
        any(  # "attacked Trump, saying ...", not "are being targeted by rackets, revealing that ..."
            k.lemma in speech_verbs and k.tag == "VBG"
            for node in clause
            for k in tree.kids(node.i, "advcl", "xcomp")
        )
        and not tree.is_passive(trigger.i)
        or _for_words(scene, trigger)
        or any(  # "attacked Fiorina by reminding voters that ...": words
            p == "by"
            and o.tag == "VBG"
            and (o.lemma in speech_verbs or o.lemma in scene.word_class("reminding_verbs"))
            for p, o in tree.prep_objects(trigger.i)
        )
    )
    # where words are the weapon: "in a speech", "in a tweet"
    media = scene.word_class("speech_media")
    where = any(p == "in" and o.lemma in media for p, o in tree.prep_objects(trigger.i))
    # what the one attacked is called: "attacked Clinton as being too cozy with Wall Street"
    called = any(k.lemma == "as" and tree.kids(k.i, "pcomp", "pobj") for k in tree.kids(trigger.i, "prep"))
    if not (said or where or called or _rival_people(draft, scene)):
        return draft
    return replace(draft, event_type="ACCUSE", cameo="111", mode=None, context=())


def _for_words(scene: Scene, trigger: Token) -> bool:
    """Whether an attack is told as being for what its target said or stands for: "was attacked by
    Clinton *for suggesting* that he would remain neutral", "attacked Trump *for his support* of the war"
    (a verb of saying or of taking a side, or a noun for words, a policy or a stance); an attack "for
    refusing to pay" or "for money" stays an assault."""
    tree = scene.tree
    stances = scene.word_class("stance_verbs")
    said = scene.lexicon.cues.speech_verbs
    words = scene.word_class("attack_verbal") | scene.word_class("policies")
    for prep, obj in tree.prep_objects(trigger.i):
        if prep != "for":
            continue
        if obj.tag == "VBG" and (obj.lemma in said or obj.lemma in stances):
            return True
        if obj.pos == "NOUN" and (obj.lemma in words or obj.lemma in stances):
            return True
    return False


PERSON_METHODS = frozenset(
    {
        ResolutionMethod.PERSON_IN_OFFICE.value,
        ResolutionMethod.PERSON_FORMER_OFFICE.value,
        f"{ResolutionMethod.KNOWLEDGE_BASE.value}:{EntryKind.PERSON.value}",
    }
)  # the resolutions that name a known person


def known_person(actor: ActorRef) -> bool:
    """A person the knowledge base knows (its people are politicians and leaders)."""
    return actor.resolution is not None and actor.resolution.method in PERSON_METHODS


def _political(actor: ActorRef) -> bool:
    """A person the knowledge base knows or an actor of politics."""
    return known_person(actor) or actor.sector in POLITICAL_SECTORS


def _critic_attack(draft: Draft, scene: Scene) -> Draft | None:
    """A politician's "attacks" on people of politics, with no sign of violence, are criticism (ACCUSE
    111): "Trump's attacks on a federal judge", "Mr. Sanders's attack on her qualifications"; "Trump's
    attack on Syria" (a country), "the gunman's attack on the officers" (no politician) and attacks that
    killed or wounded stay assaults, as do attacks on a government ("Putin's attack on Ukraine")."""
    if draft.trigger.lemma not in scene.word_class("word_attack_nouns") or not draft.actors:
        return draft
    if not all(_political(a) and a.sector not in (Sector.GOV, Sector.MIL) for a in draft.actors):
        return draft  # a government's attack may be its forces'; a candidate's or a senator's is words
    if not all(
        (_political(r) or _named(scene, r) or r.sector == Sector.JUD) and r.sector != Sector.GOV
        for r in draft.recipients
    ):
        return draft  # a country or its government, a force, a place, people not in politics or named
    words = {t.lemma.lower() for t in scene.tree.tokens}
    if words & (scene.word_class("harm_results") | scene.word_class("weapons")):
        return draft
    return replace(draft, event_type="ACCUSE", cameo="111", mode=None, context=())


def _named(scene: Scene, ref: ActorRef) -> bool:
    """A person named: one the knowledge base knows, or a name the parser marks as a person's."""
    if known_person(ref):
        return True
    lo, hi = ref.span
    return any(t.ent_type == "PERSON" for t in scene.tree.tokens if lo <= t.start and t.end <= hi)


def _rival_people(draft: Draft, scene: Scene) -> bool:
    """Named people "attacking" one another, one of them a politician the knowledge base knows, with no
    sign of violence (no injury or death, no instrument) attack with words: "when Biden tried to attack
    Trump", "Trump began attacking Heidi Cruz", "Jeb Bush fired at Trump"; "a gunman attacked the mayor
    with a knife", "attacked and wounded the senator", "John Smith attacked Mary Jones" (no politician)
    and "Obama targeted bin Laden" (a head of state, a verb that forces do too) stay assaults."""
    if not draft.actors or not draft.recipients:
        return False
    people = [*draft.actors, *draft.recipients]
    if not all(_named(scene, p) for p in people) or not any(map(known_person, people)):
        return False
    armed = any(a.sector in (Sector.GOV, Sector.MIL) for a in draft.actors)
    if armed and draft.trigger.lemma in scene.word_class("armed_attack_verbs"):
        return False  # "Obama targeted bin Laden": a head of state's forces strike and target too
    tree, trigger = scene.tree, draft.trigger
    violence = scene.word_class("harm_results")
    around = {tree.tokens[k].lemma.lower() for k in tree.subtree(trigger.i)}
    head = tree.head(trigger.i)
    if head is not None:  # "attacked and wounded the senator": the coordinated verb hangs from the head
        around |= {k.lemma.lower() for k in tree.kids(head.i)}
    return not (around & violence or any(p == "with" for p, _ in tree.prep_objects(trigger.i)))


def coercive_promise(draft: Draft, scene: Scene) -> Draft | None:
    """A promise to do harm, coerce, sanction or protest is a threat (CAMEO 13x): "vowed to boycott the
    product", "pledged to impose tariffs"; a promise of a cooperative act stays an AGREE."""
    if draft.event_type != "AGREE" or draft.pattern_id not in PROMISE_PATTERNS:
        return draft
    for j in scene.inner(draft.trigger.i):
        inner = scene.matches[j].pattern
        if inner.event_type not in THREAT_INNER_TYPES:
            continue
        recoded = scene.lexicon.intent.recode(inner.event_type, inner.cameo)
        event_type, cameo = recoded if recoded is not None else ("THREATEN", "130")
        if event_type == "THREATEN":
            return replace(draft, event_type=event_type, cameo=cameo, mode=None, context=())
    return draft


def _scheme(tree: Tree, trigger: Token) -> tuple[Token | None, Token, Token | None] | None:
    """Who schemed an act, the clause that tells of the scheme and the scheme's noun, if a noun tells
    it: the subject of "planned [to kill]" or "plotted [to kill]"; of the verb that carries "a plot [to
    kill]" ("the capo hatched a plot"); the owner of the plot ("the gang's plot ... was foiled", "a plot
    by the gang")."""
    cur = trigger
    for _ in range(3):
        head = tree.head(cur.i)
        if cur.dep not in ("xcomp", "acl", "advcl") or head is None:
            return None
        if head.lemma in SCHEME_WORDS:
            if head.pos in ("VERB", "AUX"):
                return tree.subject(head.i), head, None
            carrier = tree.head(head.i)
            if carrier is None:
                return None
            owner = next(iter(tree.kids(head.i, "poss")), None)
            if owner is None:
                owner = next((o for p, o in tree.prep_objects(head.i) if p == "by"), None)
            if owner is None and head.dep == "dobj":
                owner = tree.subject(carrier.i)
            return owner, carrier, head
        cur = head
    return None


def alleged_plot(draft: Draft, scene: Scene) -> Draft | None:
    """A speaker's word that someone else plotted harm is an allegation (ACCUSE 112) by the speaker
    against the plotter: "officials said the capo hatched a plot to kill the president", "he said the
    gang was planning to attack the prison". The plotter's own word is a threat ("the rebels said they
    planned to attack"), and a plot told with no speaker stays a plan."""
    if draft.match.pattern.event_type not in HARM_TYPES or draft.certainty != "planned":
        return draft
    tree = scene.tree
    scheme = _scheme(tree, draft.trigger)
    if scheme is None:
        return draft
    schemer, clause, noun = scheme
    speech = draft.speech or speech_head(tree, clause, scene.lexicon.cues)
    speaker = tree.subject(speech.i) if speech is not None else None
    if speaker is None or (schemer is not None and (schemer.pos == "PRON" or schemer.i == speaker.i)):
        return draft
    if schemer is None and (noun is None or not _alleged(tree, noun, scene.lexicon.cues.hedges)):
        return draft
    accused = scene.resolver.resolve(tree, schemer.i) if schemer is not None else ()
    return replace(_allegation(draft, scene.resolver.resolve(tree, speaker.i), accused), certainty="reported")


def _alleged(tree: Tree, noun: Token, hedges: Mapping[str, str]) -> bool:
    """The noun is modified as an allegation ("the alleged plot", "a suspected scheme"): a plot whose
    plotter is not named is then still someone's allegation, voiced by the speaker who tells it."""
    return any(
        "alleged" in (hedges.get(k.text.lower()), hedges.get(k.lemma.lower()))
        for k in tree.kids(noun.i, "amod")
    )


def _allegation_noun(tree: Tree, trigger: Token, nouns: frozenset[str]) -> Token | None:
    """The allegation noun whose "of" complement tells the act: "allegations of [police torturing]
    detainees", "the allegations of Pavao [ordering] a hit", "accusations of [torture]"."""
    head = tree.head(trigger.i)
    if head is None:
        return None
    if trigger.dep in ("pcomp", "pobj") and head.lemma == "of" and head.dep == "prep":
        head = tree.head(head.i)
    elif trigger.dep != "acl" or not any(p == "of" for p, _ in tree.prep_objects(head.i)):
        return None
    return head if head is not None and head.pos == "NOUN" and head.lemma.lower() in nouns else None


def alleged_content(draft: Draft, scene: Scene) -> Draft | None:
    """An act told as the content of an allegation is the allegation (ACCUSE 112), not the act: "the
    allegations of Pavao ordering a hit on the president", "accusations of torture by the security
    forces", "claims of police beating protesters". Who alleges is the noun's owner ("the
    opposition's accusations"), else no one named; the accused is who is said to have done it. An act
    in a "that" clause of the noun is reported under it already ("denied allegations that ...")."""
    if draft.event_type == "ACCUSE":
        return draft
    tree = scene.tree
    noun = _allegation_noun(tree, draft.trigger, scene.word_class("allegation_nouns"))
    if noun is None:
        return draft
    makers = [k for k in tree.kids(noun.i, "poss") if k.pos != "PRON"]
    accused = draft.actors
    if not accused:
        doers = [o for p, o in tree.prep_objects(noun.i) if p == "by" or p == "of" and o.i != draft.trigger.i]
        accused = scene.resolver.resolve(tree, doers[0].i) if doers else ()
    alleging = scene.resolver.resolve(tree, makers[0].i) if makers else ()
    return replace(_allegation(draft, alleging, accused), size_heads=())


def _allegation(draft: Draft, alleging: tuple[ActorRef, ...], accused: tuple[ActorRef, ...]) -> Draft:
    """The draft recoded as an allegation (ACCUSE 112) by `alleging` against `accused`."""
    return replace(
        draft,
        event_type="ACCUSE",
        cameo="112",
        mode="allege",
        context=(),
        actors=alleging,
        recipients=accused,
    )


def trip_to_meet(draft: Draft, scene: Scene) -> Draft | None:
    """A trip made to meet someone is a visit that happened (CONSULT 042): "left for Washington to meet
    her counterparts", "flew to Kabul to hold talks"; a trip still to come stays a plan ("will fly to
    Kabul to meet"), and so does one that was not made."""
    if draft.event_type != "CONSULT" or draft.certainty != "planned" or draft.predicate.dep != "advcl":
        return draft
    tree = scene.tree
    trip = tree.head(draft.predicate.i)
    if trip is None or trip.lemma not in scene.word_class("travel_verbs") or tense_of(tree, trip) != "past":
        return draft
    if any(k.dep == "neg" for k in tree.kids(trip.i)):
        return draft
    certainty = "reported" if draft.speech is not None else "asserted"
    return replace(draft, cameo="042", mode="visit", context=(), certainty=certainty)


def criticised_party(draft: Draft, scene: Scene) -> Draft | None:
    """Criticism, praise or blame told as what someone said (extract/criticism.py) is aimed at the party
    it judges."""
    if draft.match.pattern not in SAID:
        return draft
    party = judged_party(scene.tree, draft.trigger, draft.match.pattern, scene.lexicon)
    if party is None:  # a denial whose claim names no one who made it is aimed at no one known
        return replace(draft, recipients=()) if draft.match.pattern is DENIAL else None
    return replace(draft, recipients=scene.resolver.resolve(scene.tree, party.i))


def answered_accusation(draft: Draft, scene: Scene) -> Draft | None:
    """An accusation someone answers was made (ACCUSE 112): "the minister denied allegations by the
    opposition that ..." is the opposition's accusation against the minister. Its maker is who the
    noun names ("by the opposition", "the opposition's allegations"), else no one known; the one who
    answers it is the accused."""
    if draft.pattern_id != "accusation.answered":
        return draft
    tree, noun = scene.tree, draft.trigger
    makers = [k for k in tree.kids(noun.i, "poss") if k.pos != "PRON"]
    makers += [obj for prep, obj in tree.prep_objects(noun.i) if prep in ("by", "from")]
    makers += [k for k in tree.kids(noun.i, "amod", "compound") if k.ent_type in ("NORP", "GPE", "ORG")]
    said = tree.kids(noun.i, "acl", "ccomp", "relcl") or [
        o for p, o in tree.prep_objects(noun.i) if p == "of"
    ]
    if not makers and not said and any(d.lemma in ANAPHORIC for d in tree.kids(noun.i, "det")):
        return None  # "Venezuela rejected the accusation": the one told before, already an event
    # who is accused: who answers, or whom they defend ("defended Iraq against Western criticism")
    defended = [k for k in tree.kids(draft.predicate.i, "dobj") if k.tag != "PRP" and k.i != noun.i]
    answerer = defended[0] if defended else tree.subject(draft.predicate.i)
    actors = scene.resolver.resolve(tree, makers[0].i) if makers else ()
    recipients = scene.resolver.resolve(tree, answerer.i) if answerer is not None else draft.recipients
    return replace(draft, actors=actors, recipients=recipients)


def prison_sentence(draft: Draft, scene: Scene) -> Draft | None:
    """The imprisonment a sentence to prison imposes, as its own event: the PLOVER codebook codes a
    conviction that results in imprisonment as COERCE 'arrest' too ("was sentenced to 19 years in
    prison", "handed a life sentence", "jailed for six years"). A fine, a sentence to death, probation
    or a suspended sentence, and a conviction with no term named impose no imprisonment; None for those."""
    if draft.match.pattern.mode != "convict":
        return None
    tree, trigger = scene.tree, draft.trigger
    terms = scene.word_class("prison_terms")
    near = [tree.tokens[k] for k in tree.subtree(trigger.i)]
    head = tree.head(trigger.i)
    if trigger.pos == "NOUN" and head is not None:  # "handed [a life sentence]": the verb's own phrase
        near += [tree.tokens[k] for k in tree.subtree(head.i)]
    words = {t.lemma.lower() for t in near}
    if words & scene.word_class("death_penalties"):
        return None  # "sentenced to death": no prison term
    if words & scene.word_class("noncustodial_sentences"):
        return None  # "sentenced to two years of probation", "a suspended sentence": no one is held
    prison = bool(words & terms)
    term = trigger.lemma == "sentence" and any(
        o.lemma in ("year", "month", "life") for p, o in tree.prep_objects(trigger.i) if p == "to"
    )
    life = trigger.lemma == "sentence" and trigger.pos == "NOUN" and "life" in words
    if not (prison or term or life):
        return None
    return replace(
        draft,
        event_type="COERCE",
        mode="arrest",
        cameo="173",
        trail=(*draft.trail, "prison_sentence"),
    )
