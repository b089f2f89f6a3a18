"""Criticism told as what someone said: a speaker's words that judge a party badly are an ACCUSE
(disapprove, CAMEO 111) by the speaker against that party, though no verb of criticising is used.

    "Donald Trump is a dictator in the making," said Beck.         Beck -> Trump
    The senator said the administration had mishandled the crisis.  the senator -> the administration
    Beck called Bannon "a horrible, despicable human being."        Beck -> Bannon

The class: a speech verb with a speaker, and in what it reports a word of disapproval
(`lexicon/classes.json`: `disapproval_adjectives`, `disapproval_nouns`, `disapproval_verbs`) that is
said of a party: a named person, body or country, a pronoun for one, a word for people or a body
("the government", "Republicans"), or what a party said or did ("those statements were false").
Not criticism: the speaker on himself ("I was wrong" is an admission), a judgement denied ("he is not
a dictator") or only supposed ("it would be a disaster if ..."), words about things that are no party
("the weather was terrible", "the economy is weak"), and a sentence with a rule event already in what
was said (the act reported is coded, not the speaking).

An allegation called untrue is a denial (REJECT, CAMEO 016), not criticism: "the claims are
ridiculous", "called the report false", "Rubio's claim ... is simply not true" (`falsity_words`,
`truth_words` denied, said of `deniable_claims`), aimed at whoever made the claim when the sentence
names them ("Rubio's claim"). "The allegations are serious" and "the claims would be false if ..."
deny nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..codes import ACTOR_LABELS as ACTOR_ENTS
from ..codes import HARM_TYPES
from ..records import Token
from ..syntax import QUOTE_MARKS, Tree
from .lexicon import Lexicon, Pattern
from .triggers import TriggerMatch

__all__ = ["BLAME", "CRITICISM", "DENIAL", "PRAISE", "SAID", "judged_party", "judgements", "may_judge"]


def _said(
    pattern_id: str, event_type: str, mode: str | None, cameo: str, example: str, *counter: str
) -> Pattern:
    """The pattern of a judgement told as what someone said: no lexicon entry, its trigger a speech verb."""
    return Pattern(
        id=pattern_id,
        event_type=event_type,
        mode=mode,
        context=(),
        cameo=cameo,
        pos="VERB",
        lemmas=frozenset(),
        example=example,
        counter=counter,
    )


CRITICISM = _said(
    "criticism.said",
    "ACCUSE",
    "disapprove",
    "111",
    '"The minister is a liar," the opposition leader said.',
    '"I was wrong," the minister said.',
    '"The weather was terrible," the mayor said.',
)
BLAME = _said(
    "blame.said",
    "ACCUSE",
    "allege",
    "112",
    "Officials said the rebel group was responsible for the bombing.",
    "The minister said the agency was responsible for the reforms.",
)
PRAISE = _said(
    "praise.said",
    "SUPPORT",
    None,
    "051",
    '"I like him a lot," the senator said of the governor.',
    '"I like the idea," the senator said.',
    "The senator said voters like the governor.",
)
DENIAL = _said(
    "denial.said",
    "REJECT",
    None,
    "016",
    '"The allegations are baseless," the ministry said.',
    "The court said the allegations were serious.",
    "The minister said the claims would be false if the law changed.",
)
RESPONSIBLE = frozenset({"responsible", "culpable", "complicit", "accountable"})  # "X was responsible for"
NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "term", "deem", "describe"})  # "called him a liar"
LINK_VERBS = frozenset({"pose", "represent", "constitute"})  # "poses a threat to democracy"
SELF = frozenset({"i", "we", "me", "us", "you", "myself", "ourselves", "it", "this", "that", "there"})
PARTY_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})
COPULA_ARGS = ("attr", "acomp", "oprd")
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
GUESS_MODALS = frozenset({"would", "could", "might", "may", "will", "'ll", "wo"})


def _words(lexicon: Lexicon, name: str) -> frozenset[str]:
    return lexicon.classes[name]


def _negated(tree: Tree, tok: Token) -> bool:
    return any(k.dep == "neg" for k in tree.kids(tok.i))


def _supposed(tree: Tree, verb: Token) -> bool:
    """A judgement only supposed: under a condition or a modal of guessing ("would be a disaster")."""
    if any(a.lemma in GUESS_MODALS or a.text.lower() in GUESS_MODALS for a in tree.kids(verb.i, "aux")):
        return True
    return any(k.lemma in CONDITION_MARKS for k in tree.kids(verb.i, "mark"))


def _judged(tree: Tree, word: Token, lexicon: Lexicon) -> Token | None:
    """The party a word of disapproval is said of, if it is said of one in the plain affirmative."""
    adjectives = _words(lexicon, "disapproval_adjectives")
    nouns = _words(lexicon, "disapproval_nouns") | _words(lexicon, "disapproval_failings")
    verbs = _words(lexicon, "disapproval_verbs")
    lemma = word.lemma.lower()
    node = word
    if word.pos == "ADJ" and lemma in _words(lexicon, "merit_adjectives") and word.dep in ("acomp", "attr"):
        # a merit denied is a fault: "he isn't even fit to be governor", "she is not qualified"
        head = tree.head(word.i)
        if head is None or not (_negated(tree, word) or _negated(tree, head)) or _supposed(tree, head):
            return None
        return tree.subject(head.i)
    if word.pos == "ADJ" and lemma in adjectives and word.dep in ("amod", "conj"):
        head = tree.head(word.i)  # "a horrible, despicable human being": the noun judged
        while head is not None and node.dep == "conj":
            node, head = head, tree.head(head.i)
        if head is None or node.dep != "amod" or head.dep not in COPULA_ARGS:
            return None
        node = head
    elif not (
        word.pos == "ADJ"
        and lemma in adjectives
        or word.pos in ("NOUN", "PROPN")
        and lemma in nouns
        or word.pos == "VERB"
        and lemma in verbs
    ):
        return None
    if _negated(tree, node):
        return None
    if node.pos == "VERB":  # "Republicans are squandering taxpayer dollars"
        return None if _supposed(tree, node) else tree.subject(node.i)
    if node.pos in ("NOUN", "PROPN") and lemma in _words(lexicon, "disapproval_failings"):
        owner = next(iter(tree.kids(node.i, "poss")), None)
        if owner is not None:  # "the government's shortcomings", not "the administration's threats"
            return owner
    head = tree.head(node.i)
    if head is None or _negated(tree, head) or _supposed(tree, head):
        return None
    if node.dep in ("attr", "acomp"):  # "Trump is a dictator", "those statements were false"
        return tree.subject(head.i) or next(iter(tree.kids(head.i, "nsubjpass")), None)
    if node.dep == "oprd":  # "called Bannon a liar", "deemed the statements false"
        named = tree.kids(head.i, "dobj", "nsubjpass") + [
            k for k in tree.kids(head.i, "oprd") if k.i < node.i
        ]
        return named[0] if named else None
    if node.dep == "dobj" and head.lemma in LINK_VERBS:  # "poses a threat to democracy"
        return tree.subject(head.i)
    return None


def _dismissed(tree: Tree, word: Token, lexicon: Lexicon) -> Token | None:
    """The allegation a word calls untrue, in the plain affirmative: "the claims are [ridiculous]",
    "called the report [false]", "a [lie]", "Rubio's claim ... is simply not [true]"."""
    lemma = word.lemma.lower()
    head = tree.head(word.i)
    if head is None or word.dep not in COPULA_ARGS or _supposed(tree, head):
        return None
    denied = _negated(tree, word) or _negated(tree, head)
    if lemma in _words(lexicon, "falsity_words"):
        if denied:
            return None  # "the claims are not baseless"
    elif not (lemma in _words(lexicon, "truth_words") and denied):
        return None
    if word.dep == "oprd":  # "called the allegations baseless"
        claims = tree.kids(head.i, "dobj", "nsubjpass")
    else:
        claims = tree.kids(head.i, "nsubj", "nsubjpass")
    claim = claims[0] if claims else None
    return claim if claim is not None and claim.lemma.lower() in _words(lexicon, "deniable_claims") else None


def _claimant(tree: Tree, claim: Token) -> Token | None:
    """Who made a claim, when the noun names them: "Rubio's claim", "the allegations by the opposition"."""
    owners = [k for k in tree.kids(claim.i, "poss") if k.pos != "PRON"]
    owners += [obj for prep, obj in tree.prep_objects(claim.i) if prep in ("by", "from")]
    return owners[0] if owners else None


def _quoted(tree: Tree, tok: Token) -> bool:
    """Whether a token stands inside quotation marks of its sentence."""
    marks = sum(1 for t in tree.tokens[: tok.i] if t.text in QUOTE_MARKS)
    return marks % 2 == 1


def _is_party(tree: Tree, tok: Token, lexicon: Lexicon, *, speaker: bool = False) -> bool:
    """A party, or what a party said or did ("those statements", "his handling of the crisis"). A
    pronoun judged is one only inside a quotation: "X said he was wasting time" is most often X on
    himself."""
    lemma, text = tok.lemma.lower(), tok.text.lower()
    if text in SELF or lemma in SELF:
        return False
    if tok.pos == "PRON":
        return text in PARTY_PRONOUNS and (speaker or _quoted(tree, tok))
    if tok.ent_type in ACTOR_ENTS:
        return True
    parties = ("persons", "officials", "parties", "party_nouns")
    return any(lemma in _words(lexicon, name) for name in parties)


def _reported(tree: Tree, speech: Token) -> list[int]:
    """The tokens of what a speech verb reports: its clausal complement, or, for '"...," said X', the
    clause it is set in (all but the speech verb's own phrase)."""
    out: list[int] = []
    for clause in tree.kids(speech.i, "ccomp"):
        out += tree.subtree(clause.i)
    head = tree.head(speech.i)
    bare = not tree.kids(speech.i, "dobj", "ccomp", "xcomp")  # '"...," he said', not "he stated his aim"
    if speech.dep == "parataxis" and head is not None and bare:
        own = set(tree.subtree(speech.i))
        out += [k for k in tree.subtree(head.i) if k not in own]
    if speech.dep == "ROOT" and not out:  # '"...," Beck said.' parsed with the quote as the object
        out += [k for c in tree.kids(speech.i, "dobj") for k in tree.subtree(c.i)]
    return out


def _speaks(speaker: Token, lexicon: Lexicon) -> bool:
    """Whether the subject of a speech verb is someone, not a text or a speech ("the report shows")."""
    things = (_words(lexicon, "publications") | _words(lexicon, "speech_media")) - _words(lexicon, "persons")
    return speaker.lemma.lower() not in things and speaker.text.lower() not in SELF - {"i", "we"}


def _said_by(tree: Tree, k: int, verb: Token, speech_verbs: Mapping[str, str]) -> bool:
    """Whether token k is reported by `verb` itself, not by a speech verb within what it reports
    ("Green said that getting Republicans to [say] Trump is unfit ...": Republicans say it), nor under a
    denial on the way ("said he did not see evidence that China [was behind] it")."""
    for up in tree.ancestors(k):
        if up.i == verb.i:
            return True
        denied = _negated(tree, up) or any(d.lemma == "no" for d in tree.kids(up.i, "det"))
        if up.lemma in speech_verbs and up.pos in ("VERB", "AUX") or denied:
            return False
    return True  # the quote a parenthetical "he said" is set in


def _harmful(lexicon: Lexicon, tok: Token) -> bool:
    """A noun the lexicon knows as an act of harm ("attack", "bombing", "killing")."""
    pos = "NOUN" if tok.pos in ("NOUN", "PROPN") else "VERB"
    return any(p.event_type in HARM_TYPES for p in lexicon.candidates(pos, tok.lemma.lower()))


def _blamed(tree: Tree, word: Token, lexicon: Lexicon) -> Token | None:
    """The party a word says was behind an act of harm: "the group was [responsible] for the attack",
    "said Hamas was [behind] the bombing"; not "responsible for the reforms" (no act of harm)."""
    head = tree.head(word.i)
    if head is None or _negated(tree, head) or _supposed(tree, head):
        return None
    if word.lemma.lower() in RESPONSIBLE and word.dep == "acomp":
        done = [obj for prep, obj in tree.prep_objects(word.i) if prep == "for"]
    elif word.lemma.lower() == "behind" and word.dep == "prep" and head.lemma == "be":
        done = tree.kids(word.i, "pobj")
    else:
        return None
    if any(_harmful(lexicon, tree.tokens[c]) for d in done for c in tree.conjuncts(d.i)):
        return tree.subject(head.i)
    return None


def _approved(tree: Tree, word: Token, speaker: Token, lexicon: Lexicon) -> Token | None:
    """The party a speaker's words approve of: "I like him", "he admires Putin" (the one who likes is the
    speaker: "I", or "he" for a speaker told of), or "she is a great leader" (an approving word said of
    a party)."""
    lemma = word.lemma.lower()
    if word.pos == "VERB" and lemma in _words(lexicon, "approval_verbs"):
        if _negated(tree, word) or _supposed(tree, word):
            return None
        who = tree.subject(word.i)
        if who is None or not (who.i == speaker.i or who.text.lower() in ("i", "we", "he", "she")):
            return None  # "voters like the governor": not the speaker's own word
        liked = tree.kids(word.i, "dobj")
        return liked[0] if liked else None
    if word.pos == "ADJ" and lemma in _words(lexicon, "approval_adjectives") and word.dep == "amod":
        node = tree.head(word.i)  # "a great leader", said of its copula's subject
        if (
            node is None
            or node.dep != "attr"
            or node.lemma.lower() not in _words(lexicon, "approval_heads") | _words(lexicon, "approval_nouns")
        ):
            return None
        word = node
    else:
        noun = word.pos in ("NOUN", "PROPN") and lemma in _words(lexicon, "approval_nouns")
        adjective = word.pos == "ADJ" and lemma in _words(lexicon, "approval_adjectives")
        if not (noun and word.dep == "attr" or adjective and word.dep == "acomp"):
            return None
    head = tree.head(word.i)
    if head is None or _negated(tree, head) or _supposed(tree, head):
        return None
    return tree.subject(head.i)


SAID = (DENIAL, BLAME, CRITICISM, PRAISE)  # in the order a speech verb is tried for them


def _speakers(tree: Tree, lexicon: Lexicon) -> Iterator[tuple[Token, Token]]:
    """(verb, speaker) for each verb of speaking or naming whose subject is someone who speaks, not a
    text ("the report shows"), and that is not denied ("did not say")."""
    speech_verbs = lexicon.cues.speech_verbs
    for verb in tree.tokens:
        if verb.pos not in ("VERB", "AUX") or not (verb.lemma in speech_verbs or verb.lemma in NAMING_VERBS):
            continue
        speaker = tree.subject(verb.i) or tree.agent(verb.i)
        if speaker is None or speaker.text.lower() in SELF or _negated(tree, verb):
            continue
        if _speaks(speaker, lexicon):
            yield verb, speaker


def _region(tree: Tree, verb: Token) -> list[int]:
    """What a verb says: for "called him a liar" its object and predicate, else what it reports."""
    if verb.lemma in NAMING_VERBS:
        return [k for c in tree.kids(verb.i, "oprd", "xcomp", "dobj") for k in tree.subtree(c.i)]
    return _reported(tree, verb)


def _judgement(tree: Tree, verb: Token, speaker: Token, pattern: Pattern, lexicon: Lexicon) -> Token | None:
    """The party that what `verb` says judges as `pattern` tells (criticism, blame or praise), if any:
    a word of the kind said of a party other than the speaker, by the verb itself (not by a speech verb
    or under a denial within what it says)."""
    naming = verb.lemma in NAMING_VERBS
    speech_verbs = lexicon.cues.speech_verbs
    merits = _words(lexicon, "merit_adjectives")
    for k in _region(tree, verb):
        word = tree.tokens[k]
        # a denial's own "not" is what it says ("the claim is simply [not] true", "he is [not] fit"),
        # no denial on the way
        own_not = pattern is DENIAL or pattern is CRITICISM and word.lemma.lower() in merits
        head = tree.head(k) if own_not else None
        if not naming and not _said_by(tree, head.i if head is not None else k, verb, speech_verbs):
            continue
        if pattern is DENIAL:
            claim = _dismissed(tree, word, lexicon)
            if claim is not None:
                return claim  # the claim itself: who made it is `judged_party`'s to say
            continue
        if pattern is CRITICISM:
            party = _judged(tree, word, lexicon)
            if party is not None and not _is_party(tree, party, lexicon):
                # what a party did, named by its owner: "calls Trump's idea stupid" judges Trump
                owners = [k for k in tree.kids(party.i, "poss") if k.pos != "PRON"]
                party = owners[0] if owners else party
        elif pattern is PRAISE:
            party = _approved(tree, word, speaker, lexicon)
        else:
            party = _blamed(tree, word, lexicon)
        if party is not None and party.i != speaker.i and _is_party(tree, party, lexicon):
            return party
    return None


def judgements(
    tree: Tree, lexicon: Lexicon, taken: frozenset[int], background: frozenset[int] = frozenset()
) -> dict[int, TriggerMatch]:
    """Verbs of speaking or naming whose words judge a party, as triggers of `BLAME`, `CRITICISM` or
    `PRAISE`: none on a trigger of the rules (`taken`), and criticism and praise none where what was
    said holds one (the act reported is coded, not the saying), unless only as background ("Colom
    betrayed the group by handing over a trafficker [who was captured] in Belize"); blame stands beside
    the act it names."""
    found: dict[int, TriggerMatch] = {}
    told = taken - background
    for verb, speaker in _speakers(tree, lexicon):
        region = _region(tree, verb)
        if verb.i in taken or not region:
            continue
        free = told.isdisjoint(region)
        kinds = (DENIAL, CRITICISM) if verb.lemma in NAMING_VERBS else SAID  # one names a fault, not a doer
        for pattern in kinds:
            if (pattern is BLAME or free) and _judgement(tree, verb, speaker, pattern, lexicon) is not None:
                found[verb.i] = TriggerMatch(token=verb.i, pattern=pattern)
                break
    return found


def judged_party(tree: Tree, verb: Token, pattern: Pattern, lexicon: Lexicon) -> Token | None:
    """The party the judgement `verb` was found to tell (see `judgements`) is aimed at."""
    speaker = tree.subject(verb.i) or tree.agent(verb.i)
    found = None if speaker is None else _judgement(tree, verb, speaker, pattern, lexicon)
    if pattern is DENIAL and found is not None:
        return _claimant(tree, found)  # a denial is aimed at whoever made the claim, if named
    return found


JUDGING_CLASSES = (
    "merit_adjectives",
    "falsity_words",
    "truth_words",
    "disapproval_adjectives",
    "disapproval_nouns",
    "disapproval_failings",
    "disapproval_verbs",
    "approval_verbs",
    "approval_adjectives",
    "approval_nouns",
)


_CUES: dict[int, tuple[Lexicon, frozenset[str], frozenset[str]]] = {}


def _cue_words(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(speech and naming verbs, words of judgement), put together once per lexicon."""
    cached = _CUES.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        speaking = frozenset(lexicon.cues.speech_verbs) | NAMING_VERBS
        judging = frozenset().union(*(_words(lexicon, name) for name in JUDGING_CLASSES))
        cached = (lexicon, speaking, judging | RESPONSIBLE | {"behind"})
        _CUES[id(lexicon)] = cached
    return cached[1], cached[2]


def may_judge(lemmas: set[str] | frozenset[str], lexicon: Lexicon) -> bool:
    """Whether a sentence may tell a judgement as what someone said: a speech or naming verb and a word
    of (dis)approval or blame among its lemmas. Such sentences need the parser's entities, as those
    with a trigger do, so that the party judged can be told from a thing."""
    speaking, judging = _cue_words(lexicon)
    return not lemmas.isdisjoint(speaking) and not lemmas.isdisjoint(judging)
