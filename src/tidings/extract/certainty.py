"""How sure the text is that an event happened: asserted, reported, alleged, denied, promised, ..."""

from __future__ import annotations

from ..records import Token
from ..syntax import Tree
from .lexicon import Cues

__all__ = ["certainty_of", "speech_head", "tense_of"]

CLAUSE_UP_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "pcomp", "relcl", "acl"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FAILING_VERBS = frozenset({"fail", "neglect"})
PHASE_VERBS = frozenset({"proceed", "continue", "begin", "start", "resume"})
# modals of possibility and of obligation: "a deal can be reached", "the department should investigate"
# tell of an act that may or ought to happen, not one that did
MODAL_HYPOTHETICAL = frozenset({"could", "might", "may", "would", "can", "should", "must", "ought"})


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


def tense_of(tree: Tree, tok: Token) -> str:
    head = tree.head(tok.i)
    if tok.dep == "xcomp" and head is not None and head.pos in ("VERB", "AUX"):
        return tense_of(tree, head)  # "continued to send": the tense of "continued"
    if tok.dep == "advcl" and head is not None and head.pos == "VERB" and _phase(tree, head):
        return tense_of(tree, head)  # "went on to attack": an act done next, not a purpose
    auxes = [k for k in tree.kids(tok.i, "aux", "auxpass")]
    if any(a.lemma in FUTURE_AUX or a.text.lower() in FUTURE_AUX or a.lemma == "would" for a in auxes):
        return "future"
    if tok.tag in ("VBD", "VBN") or any(a.tag == "VBD" for a in auxes):
        return "past"
    if any(a.lemma == "to" for a in auxes):
        return "future"
    return "present" if tok.tag in ("VBZ", "VBP", "VBG") else "past"


def tense_around(tree: Tree, i: int) -> str:
    """The tense of the clause that token i (say, a time expression) belongs to: its nearest governing
    verb's ("said on Friday" past, "will meet on Friday" future); past when no verb governs it."""
    cur: Token | None = tree.tokens[i]
    for _ in range(12):
        if cur is None:
            break
        if cur.pos in ("VERB", "AUX") and cur.dep not in ("aux", "auxpass"):
            return tense_of(tree, cur)
        cur = tree.head(cur.i)
    return "past"


def certainty_of(
    tree: Tree, tok: Token, cues: Cues, speech: Token | None, intent_words: dict[str, str] | None = None
) -> str:
    """The certainty of the event triggered by `tok` (see docs/schema.md for the values)."""
    chain = [tok]
    cur = tok
    while cur.dep in ("xcomp", "conj") and tree.head(cur.i) is not None:
        nxt = tree.head(cur.i)
        assert nxt is not None
        cur = nxt
        chain.append(cur)
    if any(node.lemma in FAILING_VERBS for node in chain[1:]):
        return "negated"  # "failed to reach an agreement"
    for node in chain:
        kids = tree.kids(node.i)
        if any(k.dep == "neg" or k.lemma in cues.negation for k in kids if k.dep in ("neg", "advmod")):
            return "negated"
        if any(k.dep == "mark" and k.lemma in cues.hypothetical for k in kids):
            return "hypothetical"
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
    auxes = tree.kids(tok.i, "aux")
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
