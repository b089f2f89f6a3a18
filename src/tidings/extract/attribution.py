"""Who says so: the sources of reported speech and thought ("according to Belta", "officials said").

`find_attributions` finds every attribution of a sentence as source, cue and content spans (the shape
of PolNeAR's annotations); `attribution_of` picks the one that reports a given event. The words that
cue an attribution are data: `knowledge/lexicon/attribution.json` plus the speech verbs of `cues.json`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from ..codes import OFFICIAL_SECTORS, TIME_LABELS
from ..knowledge.base import Entry, KnowledgeBase
from ..records import ActorRef, Attribution, ParsedSentence, Token
from ..resolve.actors import ActorResolver
from ..syntax import Tree
from .coreference import PERSON_PRONOUN_SEX, person_antecedent
from .lexicon import Cues

__all__ = [
    "AttributionMention",
    "AttributionWords",
    "attribution_of",
    "find_attributions",
    "load_attribution_words",
]

Span = tuple[int, int]

WITNESS_WORDS = frozenset({"witness", "resident", "eyewitness", "villager", "local"})
ANONYMOUS_WORDS = frozenset({"source", "insider"})
MAX_COLON_SOURCE = 3
COLON_NOUNS = frozenset({"poll", "survey", "report", "study"})
OPENING_QUOTES = frozenset({'"', "\u201c", "'", "\u2018", "("})
# knowledge-base entries of bodies that are no state's: they speak as organizations
NONSTATE_ENTRY_KINDS = frozenset({"igo", "ngo", "group"})
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "obj", "attr", "oprd", "dative")
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# A cue verb without a subject of its own borrows the subject of the verb it hangs from ("..., adding").
BORROWING_DEPS = frozenset({"conj", "advcl", "xcomp", "acl"})
# Pronouns PolNeAR keeps as the source span; `name` then says whom they most likely refer to.
SPEAKER_PRONOUNS = frozenset({"i", "you", "we"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we", "you"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributionWords:
    """The words that cue an attribution (knowledge/lexicon/attribution.json)."""

    speech_verbs: frozenset[str]  # attribute whenever they have a subject: "say", "warn", "deny"
    cognition_verbs: frozenset[str]  # attribute only with a clause: "believe (that ...)", "want (to ...)"
    markers: frozenset[str]  # prepositional: "according to", "citing", "quoted by"
    nouns: frozenset[str]  # with a possessive source: "X's statement", "X's claim that ..."
    # what a source is by its form (`source_forms`): table ("media_heads", "platforms", ...) -> its words
    forms: dict[str, frozenset[str]] = field(default_factory=dict)


@cache
def load_attribution_words() -> AttributionWords:
    """Load the attribution lexicon shipped in the package (once per process)."""
    path = resources.files("tidings") / "knowledge" / "lexicon" / "attribution.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return AttributionWords(
        speech_verbs=frozenset(w.lower() for w in raw["speech_verbs"]),
        cognition_verbs=frozenset(w.lower() for w in raw["cognition_verbs"]),
        markers=frozenset(w.lower() for w in raw["markers"]),
        nouns=frozenset(w.lower() for w in raw["nouns"]),
        forms={k: frozenset(t["words"]) for k, t in raw["source_forms"].items() if isinstance(t, dict)},
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributionMention:
    """One attribution in a sentence: who (source), by which words (cue), says what (content).

    Spans are character offsets into the article. `source` is None when the sentence does not name
    the source ("..., adding that ..." after another attribution). `rule` says how it was found.
    """

    source: Span | None
    source_text: str
    cue: Span
    cue_text: str
    content: Span | None
    content_text: str
    rule: str  # subject, inverted_subject, borrowed_subject, according_to, citing, possessive
    attribution: Attribution | None = None  # the source described: name and kind
    nested: bool = False  # inside the content of another attribution ("X said [Y believes ...]")

    def to_dict(self) -> dict[str, object]:
        return {
            "source": list(self.source) if self.source else None,
            "source_text": self.source_text,
            "cue": list(self.cue),
            "cue_text": self.cue_text,
            "content": list(self.content) if self.content else None,
            "content_text": self.content_text,
            "rule": self.rule,
            "nested": self.nested,
            "attribution": self.attribution.to_dict() if self.attribution else None,
        }


@dataclass(frozen=True, slots=True)
class _Found:
    cue: Token
    source: Token | None
    rule: str
    cue_hi: int  # end of the cue's token range ("according to" spans two tokens)


def _trimmed(tree: Tree, ids: Sequence[int]) -> tuple[int, int] | None:
    """[lo, hi) of the tokens, without punctuation at either end."""
    if not ids:
        return None
    lo, hi = min(ids), max(ids) + 1
    while lo < hi and tree.tokens[lo].pos == "PUNCT":
        lo += 1
    while hi > lo and tree.tokens[hi - 1].pos == "PUNCT":
        hi -= 1
    return (lo, hi) if lo < hi else None


def _source_ids(tree: Tree, head: Token, cue_ids: set[int]) -> list[int]:
    """The tokens of the phrase that names a source, without its dates and without relative clauses
    that hold attributions of their own ("Borges, [who predicted ...]")."""
    drop: set[int] = set()
    for kid in tree.kids(head.i):
        sub = tree.subtree(kid.i)
        has_cue = kid.dep in ("relcl", "acl") and any(i in cue_ids for i in sub)
        if has_cue or _is_date(tree, kid):
            drop.update(sub)
    keep = set(tree.subtree(head.i)) - drop
    lo = hi = head.i  # the unbroken run of kept tokens around the head
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return list(range(lo, hi + 1))


def _is_date(tree: Tree, kid: Token) -> bool:
    """A date said of the source's phrase by a misparse ("Trump [on Thursday] said")."""
    if kid.dep == "npadvmod":
        return kid.ent_type in TIME_LABELS
    return kid.dep == "prep" and any(o.ent_type in TIME_LABELS for o in tree.kids(kid.i, "pobj"))


def _has_clause(tree: Tree, tok: Token) -> bool:
    if any(k.dep in CLAUSE_DEPS for k in tree.kids(tok.i)):
        return True
    head = tree.head(tok.i)
    return tok.dep == "parataxis" and head is not None and head.pos in ("VERB", "AUX")


def _verb_cues(tree: Tree, cues: Cues, words: AttributionWords) -> list[_Found]:
    found: list[_Found] = []
    for tok in tree.tokens:
        if tok.pos not in ("VERB", "AUX"):
            continue
        speech = tok.lemma in words.speech_verbs or cues.speech_verbs.get(tok.lemma) in (
            "reported",
            "claimed",
            "alleged",
            "denied",
        )
        if not speech and not (tok.lemma in words.cognition_verbs and _has_clause(tree, tok)):
            continue
        subjects = tree.kids(tok.i, "nsubj")
        if not speech and subjects and subjects[0].text.lower() in SPEAKER_PRONOUNS:
            continue  # "I think", "you know", "we believe": a speaker's hedge, not a source
        if subjects:
            rule = "inverted_subject" if subjects[0].i > tok.i else "subject"
            found.append(_Found(tok, subjects[0], rule, tok.i + 1))
        elif tok.dep in BORROWING_DEPS and not tree.kids(tok.i, "nsubjpass", "csubj"):
            found.append(_Found(tok, tree.subject(tok.i), "borrowed_subject", tok.i + 1))
    return found


def _marker_cues(tree: Tree, words: AttributionWords) -> list[_Found]:
    found: list[_Found] = []
    for tok in tree.tokens:
        low = tok.text.lower()
        if low == "according" and "according to" in words.markers:
            for prep in tree.kids(tok.i, "prep"):
                for obj in tree.kids(prep.i, "pobj"):
                    found.append(_Found(tok, obj, "according_to", prep.i + 1))
        elif low == "citing" and "citing" in words.markers:
            for obj in tree.kids(tok.i, "dobj"):
                found.append(_Found(tok, obj, "citing", tok.i + 1))
        elif low == "quoted" and "quoted by" in words.markers:
            for agent in tree.kids(tok.i, "agent"):
                for obj in tree.kids(agent.i, "pobj"):
                    found.append(_Found(tok, obj, "quoted_by", agent.i + 1))
    return found


def _colon_cue(tree: Tree) -> list[_Found]:
    """A speaker or a poll named before a colon at the start of a line ("FALLIN: Well, ...", "Poll: ..."),
    also when the parser put the line's start at the end of the sentence before."""
    for tok in tree.tokens:
        if tok.text != ":":
            continue
        first = tok.i
        while first > 0 and tok.i - first < MAX_COLON_SOURCE + 1:
            prev = tree.tokens[first - 1]
            line_break = prev.pos == "SPACE" and "\n" in prev.text
            if line_break or prev.pos == "PUNCT" and prev.text in OPENING_QUOTES:
                break
            first -= 1
        at_line_start = first == 0 or tree.tokens[first - 1].pos in ("SPACE", "PUNCT")
        before = [t for t in tree.tokens[first : tok.i] if t.pos != "SPACE"]
        if not at_line_start or not before or len(before) > MAX_COLON_SOURCE:
            continue
        if (
            all(t.pos in ("PROPN", "NOUN") for t in before)
            and before[-1].pos == "PROPN"
            or (len(before) == 1 and before[0].lemma in COLON_NOUNS)
        ):
            return [_Found(tok, before[-1], "colon", tok.i + 1)]
    return []


def _noun_cues(tree: Tree, words: AttributionWords) -> list[_Found]:
    found: list[_Found] = []
    for tok in tree.tokens:
        if tok.pos == "NOUN" and tok.lemma in words.nouns and tree.kids(tok.i, "acl", "ccomp"):
            for poss in tree.kids(tok.i, "poss"):
                found.append(_Found(tok, poss, "possessive", tok.i + 1))
    return found


def _content(tree: Tree, found: _Found, source_ids: set[int]) -> tuple[int, int] | None:
    """The token range of what is attributed: the cue's complement, or the clause it comments on."""
    cue = found.cue
    if found.rule in ("according_to", "citing", "quoted_by") or cue.dep in ("parataxis", "advcl"):
        head = tree.head(cue.i)
        while head is not None and head.dep in ("prep", "pobj", "agent"):
            head = tree.head(head.i)
        if head is None:
            return None
        skip = set(tree.subtree(cue.i))
        return _trimmed(tree, [i for i in tree.subtree(head.i) if i not in skip])
    for kid in tree.kids(cue.i):
        if kid.dep in CONTENT_DEPS or kid.dep == "acl" or (kid.dep == "prep" and cue.pos == "NOUN"):
            ids = [i for i in tree.subtree(kid.i) if i not in source_ids]
            return _trimmed(tree, ids)
    return None


def _pronoun_referent(
    tree: Tree, head: Token, context: Sequence[ParsedSentence], kb: KnowledgeBase
) -> str | None:
    """The person a pronoun for one person stands for (`coreference.person_antecedent`, as for event
    actors); for another pronoun, the nearest preceding named person (I, we, you) or group (they, it)."""
    low = head.text.lower()
    if low in PERSON_PRONOUN_SEX:
        return person_antecedent(tree.sentence, head, context, kb)
    if low in PERSON_PRONOUNS:
        labels: tuple[str, ...] = ("PERSON",)
    elif low in GROUP_PRONOUNS:
        labels = ("ORG", "NORP", "GPE", "PERSON") if low != "it" else ("ORG", "GPE")
    else:
        return None
    for ent in reversed(tree.sentence.entities):
        if ent.end <= head.i and ent.label in labels:
            return ent.text
    for sentence in reversed(context):
        for ent in reversed(sentence.entities):
            if ent.label in labels:
                return ent.text
    return None


def find_attributions(
    tree: Tree,
    cues: Cues,
    resolver: ActorResolver,
    *,
    words: AttributionWords | None = None,
    context: Sequence[ParsedSentence] = (),
) -> tuple[AttributionMention, ...]:
    """Every attribution of the sentence, in the order of their cues.

    A source is the whole phrase that names it, appositions and relative clauses included
    ("Dan McAdams, a professor at Northwestern, writes"); a pronoun stays the pronoun, and its
    `attribution.name` is the nearest preceding name (in the sentence, then in `context`, the
    article's earlier sentences). A span of the sentence is the source of one attribution at most.
    """
    lexicon = words or load_attribution_words()
    direct = (
        _colon_cue(tree)
        + _marker_cues(tree, lexicon)
        + _noun_cues(tree, lexicon)
        + _verb_cues(tree, cues, lexicon)
    )
    direct.sort(key=lambda f: (f.rule == "borrowed_subject", f.cue.i))
    used: set[int] = set()
    cue_used: set[int] = set()
    cue_ids = {f.cue.i for f in direct}
    mentions: list[tuple[int, AttributionMention]] = []
    for found in direct:
        if found.cue.i in cue_used:
            continue
        source_ids: list[int] = []
        if found.source is not None:
            source_ids = _source_ids(tree, found.source, cue_ids - {found.cue.i})
            if found.rule == "colon":  # the name before the colon, whatever the parser hung on it
                source_ids = [i for i in source_ids if i < found.cue.i]
            if found.rule == "borrowed_subject" and found.source.i in used:
                source_ids = []  # "X said ..., adding ...": the second cue has no source of its own
            elif found.cue.i in source_ids:
                continue
        rng = _trimmed(tree, source_ids)
        if rng is not None and any(i in used for i in range(*rng)):
            continue
        if rng is not None:
            used.update(range(*rng))
        cue_used.add(found.cue.i)
        content = _content(tree, found, set(source_ids))
        attribution = None
        if rng is not None and found.source is not None:
            cue_text = tree.text(found.cue.i, found.cue_hi)
            attribution = _describe(tree, found.source, rng, cue_text, resolver, context)
        mentions.append(
            (
                found.cue.i,
                AttributionMention(
                    source=tree.char_span(*rng) if rng else None,
                    source_text=tree.text(*rng) if rng else "",
                    cue=tree.char_span(found.cue.i, found.cue_hi),
                    cue_text=tree.text(found.cue.i, found.cue_hi),
                    content=tree.char_span(*content) if content else None,
                    content_text=tree.text(*content) if content else "",
                    rule=found.rule,
                    attribution=attribution,
                ),
            )
        )
    mentions.sort(key=lambda m: m[0])
    cue_ids = {i for i, _ in mentions}
    out = []
    for i, mention in mentions:
        governed = any(a.i in cue_ids for a in _clause_ancestors(tree, i))
        if governed:
            mention = replace(mention, nested=True)
        out.append(mention)
    return tuple(out)


def _clause_ancestors(tree: Tree, i: int) -> list[Token]:
    """The words whose clause holds token i's clause ("X said [Y believes ...]": said for believes)."""
    out: list[Token] = []
    cur = tree.tokens[i]
    while cur.dep in ("ccomp", "xcomp", "conj", "advcl", "relcl", "pcomp", "pobj", "prep", "acl", "dobj"):
        head = tree.head(cur.i)
        if head is None:
            break
        if cur.dep in ("ccomp", "xcomp"):
            out.append(head)
        cur = head
    return out


def _kind(tree: Tree, head: Token, resolver: ActorResolver, ref: ActorRef | None) -> str:
    """What the source headed by `head` is: from the knowledge base (a medium, an institution, a
    group, a person) and else from its form (`source_forms` of the attribution lexicon): a channel
    ("a Telegram channel", "the group's website"), an outlet ("Belarusian media", "state media"), a
    document ("the report"), a body ("the committee"; government when a state's: "the ministry"),
    an official, a witness, an anonymous source, or a person."""
    if head.lemma in WITNESS_WORDS:
        return "witness"
    if head.lemma in ANONYMOUS_WORDS:
        return "anonymous"
    forms = load_attribution_words().forms
    lo, hi = tree.phrase(head.i)
    words = [t.lemma.lower() for t in tree.tokens[lo:hi]]
    if head.lemma.lower() in forms["channel_heads"] or forms["platforms"].intersection(words):
        return "channel"
    medium = _medium(tree, lo, hi, resolver)
    if medium is not None:
        return medium.media_kind or "media"
    lemma = head.lemma.lower()
    modifiers = {t.lemma.lower() for t in tree.tokens[lo : head.i]}
    if lemma in forms["media_heads"] or head.text.lower() in forms["media_heads"]:  # "media", lemma "medium"
        if modifiers & forms["state_media_modifiers"]:
            return "state_media"
        return "public_media" if modifiers & forms["public_media_modifiers"] else "media"
    if lemma in forms["document_heads"]:
        return "document"
    sector = ref.sector if ref is not None else None
    entry_kind = _entry_kind(ref, resolver)
    if entry_kind == "person":
        return "official" if sector in OFFICIAL_SECTORS else "person"
    if entry_kind in NONSTATE_ENTRY_KINDS:  # "the UN", "Human Rights Watch", "Viasna, a rights group"
        return "organization"
    body = lemma in forms["body_heads"] or entry_kind == "institution"
    if sector in OFFICIAL_SECTORS:
        # a named government ("Minsk", "the Kremlin") or a state's body ("the ministry", "the army")
        # speaks as government; officials, spokespeople and soldiers as officials
        return "government" if head.pos == "PROPN" or body else "official"
    if body or head.ent_type in ("ORG", "NORP", "GPE"):
        return "organization"
    return "person"


def _entry_kind(ref: ActorRef | None, resolver: ActorResolver) -> str | None:
    """The kind of the knowledge-base entry that resolved `ref` ("person", "institution", "ngo"), if one
    did."""
    if ref is None or ref.entity_id is None or ref.name is None:
        return None
    return next((e.kind for e in resolver.kb.lookup(ref.name) if e.entity_id == ref.entity_id), None)


def _medium(tree: Tree, lo: int, hi: int, resolver: ActorResolver) -> Entry | None:
    """The first medium of the knowledge base named by words [lo, hi), longest first; a name must hold
    a proper noun ("The Independent said", not "independent outlets said")."""
    for i in range(lo, hi):
        for size in (4, 3, 2, 1):
            if i + size > hi or not any(t.pos == "PROPN" for t in tree.tokens[i : i + size]):
                continue
            medium = resolver.kb.medium(tree.text(i, i + size))
            if medium is not None:
                return medium
    return None


def _describe(
    tree: Tree,
    head: Token,
    span: tuple[int, int],
    cue: str,
    resolver: ActorResolver,
    context: Sequence[ParsedSentence] = (),
) -> Attribution:
    """The source headed by `head`, written as tokens [lo, hi), named and classified."""
    lo, hi = tree.phrase(head.i)
    refs = resolver.resolve(tree, head.i)
    ref = refs[0] if refs else None
    country = ref.country if ref else None
    kind = _kind(tree, head, resolver, ref)
    name = tree.text(lo, hi)
    medium = _medium(tree, lo, hi, resolver)
    if medium is not None:
        name, country = medium.name, medium.country
    elif ref is not None and ref.name:
        name = ref.name
    elif head.pos == "PRON":
        name = _pronoun_referent(tree, head, context, resolver.kb) or name
    return Attribution(
        text=tree.text(*span), name=name, kind=kind, cue=cue, span=tree.char_span(*span), country=country
    )


MARKER_RULES = frozenset({"according_to", "citing", "quoted_by"})


def attribution_of(
    tree: Tree, speech: Token | None, cues: Cues, resolver: ActorResolver
) -> Attribution | None:
    """The attribution of an event in this sentence, or None when the article asserts it itself.

    It is one of the sentence's `find_attributions`: a marker's ("according to X", "citing X") wins,
    else the one whose cue is `speech`, the verb that reports the event's clause
    (`certainty.speech_head`). A pronoun source gives None: the event's actor is usually the better
    guide then.
    """
    found = [m for m in find_attributions(tree, cues, resolver) if m.attribution is not None]
    chosen = next((m for m in found if m.rule in MARKER_RULES), None)
    if chosen is None and speech is not None:
        chosen = next((m for m in found if m.cue[0] == speech.start), None)
    if chosen is None or chosen.source is None or _is_pronoun(tree, chosen.source):
        return None
    return chosen.attribution


def _is_pronoun(tree: Tree, span: Span) -> bool:
    words = [t for t in tree.tokens if span[0] <= t.start < span[1] and t.pos != "PUNCT"]
    return len(words) == 1 and words[0].pos == "PRON"
