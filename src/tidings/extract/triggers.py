"""Find event triggers in a parsed sentence by applying the lexicon's patterns to the parse."""

from __future__ import annotations

from dataclasses import dataclass

from ..codes import ACTOR_LABELS, TIME_LABELS
from ..knowledge.time_words import load_time_words
from ..records import Token
from ..syntax import Tree
from .lexicon import Lexicon, Pattern

__all__ = ["TriggerMatch", "find_triggers", "obliged_clause", "object_heads"]

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN"})
NOUN_OBJECT_PREPS = frozenset({"of", "on", "against", "to", "for", "with", "in", "about"})
# Where a bare event noun names an event that happened (rather than a topic someone talks about).
EVENT_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "ROOT"})
PERSON_ENTS = frozenset({"PERSON", "NORP"})
TEMPORAL_PREPS = frozenset({"on", "in", "at", "by", "during", "until", "since", "before", "after"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerMatch:
    token: int
    pattern: Pattern
    governor: int | None = None  # the light verb that carries a nominal trigger


# A pattern's prepositions: the parser takes some prepositional verbs for phrasal ones ("calling *on*
# countries to ...": prt), so a particle's label counts too.
PREP_DEPS = ("prep", "agent", "dative", "prt")
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
CIRCUMSTANCE_PREPS = frozenset(
    {"in", "at", "during", "amid", "amidst", "after", "before", "despite", "since", "within", "near", "as"}
)


def object_heads(
    tree: Tree, tok: Token, pattern: Pattern | None = None, *, direct_only: bool = False
) -> list[Token]:
    """The tokens that count as the object of a trigger (see docs/lexicon.md); `direct_only` leaves
    out prepositional objects and the insides of partitives."""
    heads: list[Token] = []
    if tok.pos in VERB_POS:
        heads += tree.kids(tok.i, "dobj", "obj", "nsubjpass", "dative", "attr")
        if tok.dep == "acl" and tok.tag == "VBN" and (head := tree.head(tok.i)) is not None:
            heads.append(head)  # "sanctions imposed by ..."
        if tok.dep == "relcl" and (head := tree.head(tok.i)) is not None:
            # "a bomb [that] inmates planted", "the prisoners [whom] the junta freed": the relative
            # pronoun stands for the noun the clause describes
            heads = [head if h.lemma.lower() in RELATIVE_PRONOUNS else h for h in heads]
        if direct_only:
            return [tree.tokens[i] for h in heads for i in tree.conjuncts(h.i)]
        # "captured part of a stronghold": the object is also what the partitive is part of
        heads += [obj for h in list(heads) for prep, obj in tree.prep_objects(h.i) if prep == "of"]
        preps = pattern.preps if pattern else frozenset()
        # a phrasal or prepositional verb acts on its own objects ("rounded up dozens", "called for a
        # truce"), not on those of other prepositions ("picked up on a tweet from a reporter"); with a
        # direct object, a phrase of place, time or manner is a circumstance ("halted aid in line
        # with ..."), not what is acted on, unless the pattern names its preposition
        phrasal = bool(preps or (pattern and pattern.particles))
        direct = bool(heads)
        # the agent of a passive is its doer, not what it acts on ("emails sent [by commanders]")
        doers = {o.i for a in tree.kids(tok.i, "agent") for o in tree.kids(a.i, "pobj", "pcomp")}
        acted_on = [
            obj
            for prep, obj in tree.prep_objects(tok.i)
            if prep in preps or not (phrasal or direct and prep in CIRCUMSTANCE_PREPS or obj.i in doers)
        ]
        # "agreed on [a round of talks]", "fought for [control of the ball]": the partitive's inside too
        heads += acted_on + [obj for h in acted_on for prep, obj in tree.prep_objects(h.i) if prep == "of"]
        for xcomp in tree.kids(tok.i, "xcomp"):
            heads += tree.kids(xcomp.i, "dobj")
        for clause in _infinitives(tree, tok):  # "allowed [the refugees] to return"
            heads += tree.kids(clause.i, "nsubj")
    else:
        heads += tree.kids(tok.i, "compound", "amod", "nmod")
        for prep, obj in tree.prep_objects(tok.i):
            if prep in NOUN_OBJECT_PREPS:
                heads.append(obj)
    out: list[Token] = []
    for head in heads:
        out.extend(tree.tokens[i] for i in tree.conjuncts(head.i))
    return out


def _object_matches(words: frozenset[str], heads: list[Token]) -> bool:
    for head in heads:
        if head.lemma in words or head.text.lower() in words:
            return True
        if head.ent_type in PERSON_ENTS and "person" in words:
            return True
        if head.ent_type in ACTOR_LABELS and "actor" in words:  # any named person, people, place or body
            return True
    return False


def _matches(tree: Tree, tok: Token, pattern: Pattern, light_verbs: frozenset[str]) -> int | None | bool:
    """False if the pattern does not apply; else the governing light verb index (or None)."""
    kids = tree.kids(tok.i)
    particles = {k.lemma for k in kids if _is_particle(tree, k)}
    # a prepositional verb's preposition follows it: not "[On] Twitter, Bush called Trump unhinged"
    preps = {k.lemma for k in kids if k.dep in PREP_DEPS and k.i > tok.i and _takes_a_participant(tree, k)}
    if pattern.particles and not pattern.particles & particles:
        return False
    hung = [] if pattern.preps & preps else _hung_on_object(tree, tok, pattern)
    if pattern.preps and not pattern.preps & preps and not hung:
        return False
    if pattern.preps and {"dobj", "oprd"} <= {k.dep for k in kids}:
        return False  # a verb that names its object is no prepositional verb: "called him a liar [for] ..."
    if pattern.not_particles & particles or pattern.not_preps & preps:
        return False
    if "*" in pattern.objects:  # any direct object: "returned *the sculpture* to Egypt"
        if not object_heads(tree, tok, pattern, direct_only=True):
            return False
    elif (
        pattern.objects
        and not hung
        and not _object_matches(pattern.objects, object_heads(tree, tok, pattern))
    ):
        return False
    if pattern.not_objects and _blocked_by_object(tree, tok, pattern):
        return False
    if pattern.xcomps and not any(
        "*" in pattern.xcomps or k.lemma in pattern.xcomps for k in _infinitives(tree, tok)
    ):
        return False
    if pattern.complement_aux and obliged_clause(tree, tok, pattern.complement_aux) is None:
        return False
    if pattern.subjects and not _subject_matches(tree, tok, pattern.subjects):
        return False
    if pattern.predicatives and not _says_of_its_object(tree, tok, pattern.predicatives):
        return False
    if pattern.pos == "NOUN":
        return _noun_governor(tree, tok, pattern, light_verbs)
    return None if _reports_an_act(tree, tok) else False


def _says_of_its_object(tree: Tree, tok: Token, adjectives: frozenset[str]) -> bool:
    """Whether the verb says one of these adjectives of its object, not negated: "the jury found [him
    guilty]", "was found guilty" (a clause, an object predicate or a complement of the passive, as the
    parser gives them). "Found him not guilty" says the opposite: an acquittal is no conviction."""
    return any(
        k.pos == "ADJ" and k.lemma.lower() in adjectives and not tree.kids(k.i, "neg")
        for k in tree.kids(tok.i, "ccomp", "oprd", "acomp", "xcomp")
    )


def _subject_matches(tree: Tree, tok: Token, words: frozenset[str]) -> bool:
    """Whether the verb's subject (or one of its conjuncts, or what a partitive subject is made of) is in
    `words`: "*protesters* gathered", "*demonstrators and students* marched", "a group of *protesters*
    gathered"; a passive's subject is what was acted on, never its doer."""
    if tree.kids(tok.i, "nsubjpass", "auxpass"):
        return False
    subject = tree.subject(tok.i)
    if subject is None:
        return False
    heads = [tree.tokens[i] for i in tree.conjuncts(subject.i)]
    heads += [obj for h in list(heads) for prep, obj in tree.prep_objects(h.i) if prep == "of"]
    return _object_matches(words, heads)


def _hung_on_object(tree: Tree, tok: Token, pattern: Pattern) -> list[Token]:
    """The objects of the pattern's own preposition where the parser hung it on the verb's direct object
    rather than on the verb: "will try [the mayor for corruption]", "arrested [two men on charges of
    fraud]". Only a preposition whose object is of the pattern's object class counts, so that a phrase
    that does describe the object stays its own ("tried the dish for lunch", "met the minister with a
    smile" are no trial or meeting of that kind)."""
    if not pattern.preps or not pattern.objects or "*" in pattern.objects or tok.pos not in VERB_POS:
        return []
    hung = [
        obj
        for direct in tree.kids(tok.i, "dobj")
        for prep, obj in tree.prep_objects(direct.i)
        if prep in pattern.preps
    ]
    return [obj for obj in hung if _object_matches(pattern.objects, [obj])]


def _blocked_by_object(tree: Tree, tok: Token, pattern: Pattern) -> bool:
    """Whether an object in `not_object` blocks the pattern: for a verb its direct objects and the objects
    of the pattern's own prepositions ("met *with* opposition"); "*" blocks any direct object or clausal
    complement ("demonstrated *the cost*", "demonstrated *that* ...")."""
    if tok.pos not in VERB_POS:
        return _object_matches(pattern.not_objects, object_heads(tree, tok, pattern))
    heads = object_heads(tree, tok, pattern, direct_only=True)
    if "*" in pattern.not_objects and (heads or tree.kids(tok.i, "ccomp", "xcomp")):
        return True
    heads += [obj for prep, obj in tree.prep_objects(tok.i) if prep in pattern.preps]
    heads += [
        obj for h in list(heads) for prep, obj in tree.prep_objects(h.i) if prep == "of"
    ]  # "two of the teeth"
    return _object_matches(pattern.not_objects, heads)


def _takes_a_participant(tree: Tree, prep: Token) -> bool:
    """A preposition of a prepositional verb names a participant, not a date: "fired *on* the crowd",
    not "was fired *on* June 20", "called his counterpart *on* Tuesday"."""
    objects = tree.kids(prep.i, "pobj", "pcomp")
    dated = prep.lemma in TEMPORAL_PREPS and objects and all(o.ent_type in TIME_LABELS for o in objects)
    return not dated


def _is_particle(tree: Tree, kid: Token) -> bool:
    """A particle completes its verb and has no object of its own: "gave *in*", "cracked *down* on",
    "forced them *out* of the country"; never a preposition with its object ("the speech he gave *in*
    Cairo")."""
    if kid.dep == "advmod" and kid.lemma == "back" and kid.i == kid.head + 1:
        return True  # "shot back", "handed back": the parser's adverb right after its verb
    return kid.dep == "prt" or kid.dep == "prep" and not tree.kids(kid.i, "pobj", "pcomp")


def _infinitives(tree: Tree, tok: Token) -> list[Token]:
    """The to-infinitive complements of a verb: "agreed [to talk]", "allowed him [to run]" (which the
    parser may attach as a clause with its own subject)."""
    clauses = [k for k in tree.kids(tok.i, "ccomp") if any(a.lemma == "to" for a in tree.kids(k.i, "aux"))]
    # "appealed to the rebels [to free] the hostages": parsed as a purpose, it is what the one addressed
    # is asked to do
    addressed = bool(tree.kids(tok.i, "dobj")) or any(
        k.lemma in ("to", "on", "upon") and tree.kids(k.i, "pobj") for k in tree.kids(tok.i, "prep")
    )
    if addressed:
        clauses += [
            k
            for k in tree.kids(tok.i, "advcl")
            if any(a.lemma == "to" for a in tree.kids(k.i, "aux")) and not tree.kids(k.i, "nsubj", "mark")
        ]
    # "committed [to passing] the bill", "agreed [to holding] talks": "to" with a gerund is the same
    gerunds = [o for p, o in tree.prep_objects(tok.i) if p == "to" and o.tag == "VBG" and o.dep == "pcomp"]
    return tree.kids(tok.i, "xcomp") + clauses + gerunds


def obliged_clause(tree: Tree, tok: Token, auxes: frozenset[str]) -> Token | None:
    """The complement clause that states an obligation: "said [China must drop barriers]"."""
    for clause in tree.kids(tok.i, "ccomp"):
        if any(a.lemma in auxes or a.text.lower() in auxes for a in tree.kids(clause.i, "aux")):
            return None if _no_one_obliged(tree, clause) else clause
    return None


def _no_one_obliged(tree: Tree, clause: Token) -> bool:
    """An obligation of no one in particular is a maxim, not a demand: "there must be dialogue", "a
    president must be ready", "anyone should be able to vote"; nor is a state or an outcome wished for
    ("should be in prison", "should win the nomination"); "China must drop the barriers" asks China, and
    "the killers must be brought to justice" asks it of whoever is to do it."""
    ready = any(tree.kids(a.i, "xcomp") for a in tree.kids(clause.i, "acomp"))  # "must be ready to mediate"
    if clause.lemma in STATE_VERBS and not tree.kids(clause.i, "auxpass") and not ready:
        return True  # "the killer should be in prison", "Trump should win": a state or an outcome wished
        # for, no act asked of anyone ("must be brought to justice" asks it of someone)
    subjects = tree.kids(clause.i, "nsubj", "nsubjpass", "expl")
    if not subjects:
        return False
    subject = subjects[0]
    if subject.dep == "expl" or subject.lemma.lower() in GENERIC_SUBJECTS:
        return True
    return subject.pos == "NOUN" and any(
        d.lemma.lower() in ("a", "an", "any", "every") for d in tree.kids(subject.i, "det")
    )


# verbs of a state or an outcome, not of an act one can be asked to do
STATE_VERBS = frozenset(
    {"be", "win", "lose", "have", "know", "understand", "realize", "realise", "become", "remain", "feel",
     "look", "seem", "deserve", "get"}
)  # fmt: skip
GENERIC_SUBJECTS = frozenset({"anyone", "anybody", "everyone", "everybody", "nobody", "one", "someone"})
DEICTIC_DAYS = frozenset({"yesterday", "today", "tonight", "weekend"})  # days named from the story's own


def names_a_day(tree: Tree, tok: Token) -> bool:
    """Whether a time expression names one day ("Friday", "March 3", "yesterday"), as news tells the
    acts of its own story; "last month", "in 2001" tell of a time, often of what came before. Weekdays
    and months are the calendar words of `knowledge/time_words.json`."""
    if tok.ent_type not in TIME_LABELS:
        return False
    calendar = load_time_words()
    words = [tree.tokens[k] for k in tree.subtree(tok.i)]
    if any(w.text.lower() in DEICTIC_DAYS or w.text.capitalize() in calendar.weekdays for w in words):
        return True
    month = any(calendar.month(w.text) is not None for w in words)
    return month and any(w.text.isdigit() and 1 <= int(w.text) <= 31 for w in words)


def _recent(tree: Tree, tok: Token) -> bool:
    """Whether a time expression names the recent week or month ("last month", "earlier this week"),
    as news dates the acts that led to its story; a year ("last year", "in 2001") tells of the past."""
    if tok.ent_type not in TIME_LABELS:
        return False
    words = {tree.tokens[k].text.lower() for k in tree.subtree(tok.i)}
    return bool(words & RECENT_MARKS) and bool(words & RECENT_PERIODS)


RECENT_MARKS = frozenset({"last", "this", "past"})
RECENT_PERIODS = frozenset({"week", "month", "weekend"})


def _dated(tree: Tree, tok: Token) -> bool:
    """Whether a predicate has a time of its own: "detained [on Friday]", "arrested [March 3]", "the 18
    men arrested [last month]"."""
    for kid in tree.kids(tok.i, "npadvmod", "prep"):
        words = [kid, *(tree.kids(kid.i, "pobj") if kid.dep == "prep" else [])]
        if any(names_a_day(tree, w) or _recent(tree, w) for w in words):
            return True
    return False


def _reports_an_act(tree: Tree, tok: Token) -> bool:
    """False for verbs that describe rather than report: "a nation isolated", "its role in facilitating"."""
    if tok.dep in ("acl", "amod") and tok.tag == "VBN" or tok.dep == "amod" and tok.tag == "VBD":
        # (an attributive participle the tagger took for a past tense, "one [alleged] top leader", too)
        # "sanctions imposed by Washington", "the 18 men arrested last month": a doer or a date makes a
        # participle report one act; "the arrested men", "an isolated nation" describe
        return tree.agent(tok.i) is not None or tok.dep == "acl" and _dated(tree, tok)
    if tok.dep == "amod" and tok.tag == "VBG":  # "Jordan's visiting king": a description
        return False
    if tok.dep == "pcomp" and tok.tag == "VBG" and not tree.kids(tok.i, "nsubj"):
        # "its role in facilitating", "accused of smuggling": a gerund names a kind of act, unless a
        # preposition of time ties it to its clause ("watched them for months [before arresting them]")
        return tree.time_clause(tok.i) is not None
    return True


# nouns that count acts of one kind as a whole ("a package of sanctions"), not a statistic of them
PARTITIVES = frozenset(
    {"package", "round", "set", "series", "raft", "batch", "slew", "tranche", "bundle", "barrage", "volley"}
)


def _held_responsible(tree: Tree, node: Token) -> int | None:
    """The copula of "X was responsible for [the attack]" or "X was behind [the bombing]": the act is
    told with who did it (the copula's subject), as "claimed responsibility for" tells it."""
    prep = tree.head(node.i)
    if node.dep != "pobj" or prep is None:
        return None
    holder = tree.head(prep.i)
    if prep.lemma == "for" and holder is not None and holder.lemma in ("responsible", "culpable"):
        copula = tree.head(holder.i) if holder.dep == "acomp" else None
    elif prep.lemma == "behind" and prep.dep == "prep" and holder is not None and holder.lemma == "be":
        copula = holder
    else:
        return None
    return copula.i if copula is not None and tree.subject(copula.i) is not None else None


IN_STATE_VERBS = frozenset({"be", "remain", "stay", "engage", "participate", "involve"})  # "been [in] talks"


def _noun_governor(
    tree: Tree, tok: Token, pattern: Pattern, light_verbs: frozenset[str]
) -> int | None | bool:
    """A nominal trigger counts when a light verb carries it, or it is the subject of a clause."""
    node = tok
    while node.dep == "conj":
        head = tree.head(node.i)
        if head is None:
            break
        node = head
    head = tree.head(node.i)
    # "adopted a package of [sanctions]", "held a round of [talks]": the partitive stands for the act
    if node.dep == "pobj" and head is not None and head.lemma == "of":
        whole = tree.head(head.i)
        if whole is not None and whole.lemma in PARTITIVES:
            node, head = whole, tree.head(whole.i)
    if head is not None and node.dep in ("dobj", "nsubjpass", "attr") and head.pos in ("VERB", "AUX"):
        allowed = pattern.governors or light_verbs
        if head.lemma in allowed:
            return head.i
    # "responded [to] the accusations", "defended himself [against] claims", "have been [in] talks": a
    # governor through its preposition, for a pattern that names its governors
    if (
        pattern.governors
        and node.dep == "pobj"
        and head is not None
        and head.lemma in ("to", "against", "in")
    ):
        verb = tree.head(head.i)
        if verb is not None and verb.lemma in pattern.governors:
            # "in" only after a verb of being in a state ("have been in talks"), not a phrasal verb's
            # particle read as a preposition ("handed in his resignation")
            state = head.lemma != "in" or verb.lemma in IN_STATE_VERBS
            # the governor, or its own noun before "to": "in [response] to Matiangi's allegation", "her
            # [reply] to the criticism" are the answer "responded to the allegation" tells
            named = verb.pos in ("VERB", "AUX") or verb.pos == "NOUN" and head.lemma == "to"
            if state and named:
                return verb.i
    responsible = _held_responsible(tree, node)
    if responsible is not None:  # "the group was responsible for [the attack]", "was behind [the bombing]"
        return responsible
    for kid in tree.kids(tok.i, "acl"):  # "sanctions imposed by the administration"
        if kid.tag == "VBN" and kid.lemma in (pattern.governors or light_verbs):
            return kid.i
    if pattern.governors:
        return False
    if pattern.objects or node.dep in EVENT_NOUN_DEPS:
        return None
    if any(k.dep == "poss" for k in tree.kids(tok.i)):
        return None
    return False


def find_triggers(tree: Tree, lexicon: Lexicon) -> list[TriggerMatch]:
    """Every token that one of the lexicon's patterns applies to, with the best pattern for it."""
    found: list[TriggerMatch] = []
    light = lexicon.cues.light_verbs
    for tok in tree.tokens:
        pos = "VERB" if tok.pos in VERB_POS else "NOUN" if tok.pos in NOUN_POS else None
        if pos is None:
            continue
        best: tuple[tuple[int, int], TriggerMatch] | None = None
        for pattern in lexicon.candidates(pos, tok.lemma):
            result = _matches(tree, tok, pattern, light)
            if result is False:
                continue
            rank = (pattern.priority, pattern.specificity)
            if best is None or rank > best[0]:
                governor = result if isinstance(result, int) and not isinstance(result, bool) else None
                best = (rank, TriggerMatch(token=tok.i, pattern=pattern, governor=governor))
        if best is not None:
            found.append(best[1])
    return found
