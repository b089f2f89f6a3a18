"""How sure the text is that an event happened: asserted, reported, alleged, denied, promised, ..."""

from __future__ import annotations

from ..records import Token
from ..syntax import Tree
from .lexicon import Cues

__all__ = ["certainty_of", "noun_certainty", "speech_head", "tense_of"]

CLAUSE_UP_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "pcomp", "relcl", "acl"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FAILING_VERBS = frozenset({"fail", "neglect"})
PHASE_VERBS = frozenset({"proceed", "continue", "begin", "start", "resume"})
# modals of possibility and of obligation: "a deal can be reached", "the department should investigate"
# tell of an act that may or ought to happen, not one that did
MODAL_HYPOTHETICAL = frozenset({"could", "might", "may", "would", "can", "should", "must", "ought"})
ORDINALS = frozenset({"first", "second", "third", "last", "only", "latest", "next"})
# verbs whose "that" clause in the bare (subjunctive) form tells what is wanted, not what happened:
# "recommended that Clinton be prosecuted", "demanded that he resign"
MANDATIVE_VERBS = frozenset(
    {
        "recommend",
        "demand",
        "propose",
        "suggest",
        "urge",
        "insist",
        "ask",
        "request",
        "require",
        "order",
        "move",
    }
)
# nouns of a scheme not yet carried out: "a plot to kill the president", "plans to attack the base"
SCHEME_NOUNS = frozenset({"plot", "plan", "scheme", "conspiracy", "intention", "proposal", "idea"})


def speech_head(tree: Tree, tok: Token, cues: Cues) -> Token | None:
    """The speech verb that reports the clause of `tok` ("X said [it would withdraw]")."""
    cur = tok
    for _ in range(6):
        if cur.dep == "parataxis" or cur.dep == "ccomp":
            head = tree.head(cur.i)
            if head is not None and head.lemma in cues.speech_verbs:
                return head
        if cur.dep not in CLAUSE_UP_DEPS:
            break
        head = tree.head(cur.i)
        if head is None:
            break
        cur = head
    # "..., officials said": the speech verb is a parataxis child of the trigger's clause root
    root = tok
    while root.dep in ("conj", "xcomp", "advcl") and tree.head(root.i) is not None:
        nxt = tree.head(root.i)
        assert nxt is not None
        root = nxt
    for kid in tree.kids(root.i, "parataxis"):
        if kid.lemma in cues.speech_verbs:
            return kid
    return None


def _phase(tree: Tree, verb: Token) -> bool:
    """A verb that tells an act's place in a sequence, not an aim: "went on to attack", "proceeded to"."""
    if verb.lemma == "go":
        return any(k.lemma == "on" for k in tree.kids(verb.i, "prt"))
    return verb.lemma in PHASE_VERBS


def _ranked(tree: Tree, tok: Token) -> bool:
    """An infinitive that says who did an act in a rank: "the first country [to recognise] it", "the
    only one [to vote] against" (a fact, told in the infinitive)."""
    head = tree.head(tok.i)
    if tok.dep not in ("acl", "relcl") or head is None:
        return False
    mods = tree.kids(head.i, "amod", "nummod", "advmod")
    return head.lemma in ORDINALS or any(m.lemma in ORDINALS for m in mods)  # not "the best person to"


def _continues(tree: Tree, node: Token) -> bool:
    """Whether a clause shares the certainty of the one it hangs from: a complement ("promised [to
    bomb]"), a conjunct ("[and deport] refugees"), and a bare participle with no subject or marker of its
    own ("bring back [waterboarding] interrogations", "fired on the crowd, [killing] three")."""
    if node.dep in ("xcomp", "conj") or node.dep == "dobj" and node.tag == "VBG":
        return True  # a gerund object too: "bring back [waterboarding]", "resumed [shelling]"
    return (
        node.dep == "advcl"
        and node.tag == "VBG"
        and not tree.kids(node.i, "nsubj", "nsubjpass", "mark", "aux")
    )


def _clause_chain(tree: Tree, tok: Token) -> list[Token]:
    """The trigger and the clauses whose certainty it shares (see `_continues`)."""
    chain = [tok]
    cur = tok
    while _continues(tree, cur) and tree.head(cur.i) is not None:
        nxt = tree.head(cur.i)
        assert nxt is not None
        cur = nxt
        chain.append(cur)
    return chain


def _negated_or_conditional(tree: Tree, chain: list[Token], cues: Cues) -> str | None:
    """ "negated" or "hypothetical" for the first clause of the chain that is negated ("did not
    arrest") or conditional ("if they arrest"), else None."""
    for node in chain:
        kids = tree.kids(node.i)
        if any(k.dep == "neg" or k.lemma in cues.negation for k in kids if k.dep in ("neg", "advmod")):
            return "negated"
        if any(k.dep == "mark" and k.lemma in cues.hypothetical for k in kids):
            return "hypothetical"
    return None


def _mandated(tree: Tree, node: Token) -> bool:
    """A "that" clause in the bare form under a verb of demanding: "recommended that Clinton be
    prosecuted", "demanded that he resign" tell what is wanted; "said that he resigned" does not."""
    head = tree.head(node.i)
    if node.dep != "ccomp" or head is None or head.lemma not in MANDATIVE_VERBS:
        return False
    if any(k.lemma in FUTURE_AUX or k.lemma in MODAL_HYPOTHETICAL for k in tree.kids(node.i, "aux")):
        return False  # "insisted that he would resign": reported speech, judged as such
    bare = node.tag == "VB" or any(a.tag == "VB" and a.lemma == "be" for a in tree.kids(node.i, "auxpass"))
    return bare


def _aim(tree: Tree, node: Token) -> bool:
    """An infinitive that tells an aim, not an act: a purpose ("left for Washington [to meet] her
    counterparts", "foiled a plot [to assassinate] the president") or a scheme ("a plot [to kill]");
    "went on [to attack]" is a next step and "the first country [to recognise]" a fact."""
    if not any(a.lemma == "to" for a in tree.kids(node.i, "aux")):
        return False
    head = tree.head(node.i)
    if head is None:
        return False
    if node.dep == "advcl":
        return head.pos in ("VERB", "AUX") and not _phase(tree, head)
    return node.dep == "acl" and head.lemma in SCHEME_NOUNS


def _shares_auxiliaries(tree: Tree, tok: Token) -> bool:
    """Whether a verb takes its first conjunct's auxiliaries: a conjunct in the bare form or a participle
    with none of its own ("would attack and [destroy] the town", "would be killed or [handed] over"); a
    finite verb has its own tense ("will speak today and [spoke] on Nov. 8")."""
    head = tree.head(tok.i)
    return (
        tok.dep == "conj"
        and tok.tag in ("VB", "VBN")
        and head is not None
        and head.pos == "VERB"
        and not tree.kids(tok.i, "aux", "auxpass")
    )


def _auxiliaries(tree: Tree, tok: Token) -> list[Token]:
    """A verb's auxiliaries, or its first conjunct's when it shares them (`_shares_auxiliaries`)."""
    head = tree.head(tok.i)
    if head is not None and _shares_auxiliaries(tree, tok):
        return _auxiliaries(tree, head)
    return tree.kids(tok.i, "aux")


def tense_of(tree: Tree, tok: Token) -> str:
    head = tree.head(tok.i)
    if tok.dep == "xcomp" and head is not None and head.pos in ("VERB", "AUX"):
        return tense_of(tree, head)  # "continued to send": the tense of "continued"
    if tok.dep == "advcl" and head is not None and head.pos == "VERB" and _phase(tree, head):
        return tense_of(tree, head)  # "went on to attack": an act done next, not a purpose
    if head is not None and _shares_auxiliaries(tree, tok):
        # a conjoined verb in the bare form or a participle, with no auxiliary of its own, shares its first
        # conjunct's: "will tackle smuggling and [close] crossings" (to come), "was arrested and [charged]"
        # (done); "will speak today and [spoke] on Nov. 8" keeps its own past
        return tense_of(tree, head)
    auxes = [k for k in tree.kids(tok.i, "aux", "auxpass")]
    if any(a.lemma in FUTURE_AUX or a.text.lower() in FUTURE_AUX or a.lemma == "would" for a in auxes):
        return "future"
    if tok.tag in ("VBD", "VBN") or any(a.tag == "VBD" for a in auxes):
        return "past"
    if any(a.lemma == "to" for a in auxes):
        return "past" if _ranked(tree, tok) else "future"
    return "present" if tok.tag in ("VBZ", "VBP", "VBG") else "past"


def tense_around(tree: Tree, i: int) -> str:
    """The tense of the clause that token i (say, a time expression) belongs to: its nearest governing
    verb's ("said on Friday" past, "will meet on Friday" future); past when no verb governs it."""
    cur: Token | None = tree.tokens[i]
    for _ in range(12):
        if cur is None:
            break
        if cur.pos in ("VERB", "AUX") and cur.dep not in ("aux", "auxpass") and not _untensed(tree, cur):
            return tense_of(tree, cur)
        cur = tree.head(cur.i)
    return "past"


def _untensed(tree: Tree, tok: Token) -> bool:
    """A gerund after a preposition, or an "-ing" word used as one, with no auxiliary and no subject of its
    own ("accused of fatally shooting ... on Sunday", "following an argument on Friday afternoon"): it has
    no tense, and a time under it is read in the tense of the clause it hangs from (past when none governs
    it). "Is shooting", "they are meeting Friday" keep theirs, and so does a participle that modifies a
    noun ("pointed to Obama endorsing Clinton on Thursday": the coming Thursday)."""
    return (
        tok.tag == "VBG"
        and tok.dep in ("pcomp", "prep", "pobj")
        and not tree.kids(tok.i, "aux", "auxpass", "nsubj")
    )


NOBODY = frozenset({"nobody", "none", "nothing", "no-one", "noone"})


def _none_of_it(tree: Tree, tok: Token) -> bool:
    """An act told with "no" on itself or on who was acted on or acted: "no arrests were made", "no formal
    charges have been brought", "no one was killed", "killed no civilians"; "no fewer than 20" is a
    number, not a denial."""
    nouns = [tok] if tok.pos in ("NOUN", "PROPN") else tree.kids(tok.i, "nsubj", "nsubjpass", "dobj")
    return any(
        n.text.lower() in NOBODY or any(k.dep == "det" and k.text.lower() == "no" for k in tree.kids(n.i))
        for n in nouns
    )


def noun_certainty(tree: Tree, noun: Token, cues: Cues, ahead: frozenset[str]) -> str | None:
    """The certainty an adjective gives an act named by a noun, whatever the verb carrying it says:
    "planned" for one ahead (`ahead`, the word class `ahead_modifiers`: "Blanco's impending surrender",
    "the upcoming talks were announced"), "hypothetical" for one only possible ("a possible attack",
    "potential sanctions"); else None."""
    if noun.pos != "NOUN":
        return None
    modifiers = {k.lemma.lower() for k in tree.kids(noun.i, "amod")}
    if modifiers & ahead:
        return "planned"
    if modifiers & cues.hypothetical:
        return "hypothetical"
    return None


def certainty_of(
    tree: Tree, tok: Token, cues: Cues, speech: Token | None, intent_words: dict[str, str] | None = None
) -> str:
    """The certainty of the event triggered by `tok` (see docs/schema.md for the values)."""
    if _none_of_it(tree, tok):
        return "negated"  # "no arrests were made", "police made no arrests", "no one was killed"
    chain = _clause_chain(tree, tok)
    if any(node.lemma in FAILING_VERBS for node in chain[1:]):
        return "negated"  # "failed to reach an agreement"
    clause = tree.time_clause(tok.i)
    prep = tree.head(tok.i)
    if clause is not None and prep is not None and prep.lemma == "before":
        # "will watch them before [arresting] them": what is done next is as planned, hypothetical or
        # reported as its clause, but not as negated ("did not wait long before arresting him"); what
        # was done first is told as done ("was reluctant to report it after [receiving] threats")
        if _negated_or_conditional(tree, chain, cues):
            return "negated"
        tok = clause
        chain = _clause_chain(tree, tok)
        if _negated_or_conditional(tree, chain, cues) == "hypothetical":
            return "hypothetical"
    else:
        found = _negated_or_conditional(tree, chain, cues)
        if found:
            return found
    head = tree.head(chain[-1].i)
    if chain[-1].dep == "xcomp" and head is not None:
        chain.append(head)  # "is ready [to withdraw]": the adjective that governs the complement
    for node in chain[1:]:
        if intent_words and node.lemma in intent_words:
            return intent_words[node.lemma]
        if node.lemma in cues.speech_verbs and cues.speech_verbs[node.lemma] in ("promised", "planned"):
            return cues.speech_verbs[node.lemma]
        if node.lemma in cues.future:
            return "planned"
    if _mandated(tree, chain[-1]):
        return "hypothetical"
    if _aim(tree, chain[-1]):
        return "planned"
    auxes = _auxiliaries(tree, tok)
    modals = {a.lemma for a in auxes if a.lemma in MODAL_HYPOTHETICAL and a.lemma in cues.hypothetical}
    if speech is not None:
        modals.discard("would")  # "said they would meet": the future of reported speech, not a condition
    if modals:
        return "hypothetical"
    for kid in tree.kids(tok.i, "advmod"):
        hedge = cues.hedges.get(kid.text.lower())
        if hedge:
            return hedge
    if speech is not None:
        told = cues.speech_verbs.get(speech.lemma, "reported")
        if any(k.dep == "neg" for k in tree.kids(speech.i)):
            return "denied" if told == "reported" else told
        if tense_of(tree, tok) == "future":
            return "promised" if told in ("reported", "promised") else told
        return told or "reported"
    if tense_of(tree, tok) == "future":
        return "planned"
    return "asserted"
