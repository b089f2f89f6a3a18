"""What Tidings sees in an article, mention by mention: actors, times, places, quantities, attributions.

`tidings annotate` prints this for users checking a result and for scoring each part apart. Every
mention says how it was resolved: actors carry the rule (`resolved_by`), times their TIMEX3 value, places
their gazetteer entry. The stages used are the same ones `extract` uses, called on every phrase instead of
only on the arguments of events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING

from ..budget import Stopwatch, article_time_limit, configured_time_limit
from ..budget import time_limit as run_within
from ..extract.attribution import attribution_of
from ..extract.certainty import tense_around
from ..extract.lexicon import Lexicon, load_lexicon
from ..extract.size import size_of
from ..extract.syntax import Tree
from ..failures import failure_of
from ..nlp import load_pipeline, parse_articles, parse_each
from ..records import Article, Failure, ParsedArticle, ParsedSentence, Token
from ..resolve.actors import ActorResolver
from ..resolve.claims import check_claims
from ..resolve.dates import TimeMention, find_time_expressions
from ..resolve.knowledge_base import KnowledgeBase, load_knowledge
from ..resolve.places import Gazetteer, find_places, load_gazetteer

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "Annotated",
    "Annotator",
    "Mention",
    "annotate_article",
    "annotate_articles",
    "annotate_each",
    "load_annotator",
]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# A noun inside a larger noun phrase is annotated with that phrase ("Belarusian" in "Belarusian President").
INNER_DEPS = frozenset({"compound", "amod", "nmod", "flat"})
NOT_QUANTITIES = frozenset({"DATE", "TIME", "ORDINAL"})
KINDS = ("actor", "time", "place", "quantity", "attribution")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One thing found in the text: its kind, the characters, and what it was resolved to."""

    kind: str  # actor | time | place | quantity | attribution
    text: str
    span: tuple[int, int]
    details: tuple[tuple[str, object], ...] = ()  # the kind's fields, in output order

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "span": list(self.span), **dict(self.details)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotated:
    article: Article
    mentions: tuple[Mention, ...]
    flags: tuple[Mention, ...] = ()  # claims the knowledge base contradicts (kind "flag")


@dataclass(frozen=True, slots=True)
class Annotator:
    """What annotation needs, loaded once and passed in."""

    nlp: Language
    lexicon: Lexicon
    kb: KnowledgeBase
    gazetteer: Gazetteer


def load_annotator() -> Annotator:
    return Annotator(
        nlp=load_pipeline(), lexicon=load_lexicon(), kb=load_knowledge(), gazetteer=load_gazetteer()
    )


def _span_dict(tree: Tree, lo: int, hi: int) -> dict[str, object]:
    return {"text": tree.text(lo, hi), "span": list(tree.char_span(lo, hi))}


def _candidate_heads(tree: Tree, kb: KnowledgeBase) -> list[int]:
    """Heads of noun phrases that may name an actor: named entities and sector nouns ("troops")."""
    heads: list[int] = []
    for tok in tree.tokens:
        if tok.pos not in ("NOUN", "PROPN"):
            continue
        named = tok.ent_type in ENTITY_LABELS
        if not named and not kb.sector_of(tok.lemma):
            continue
        head = tree.head(tok.i)
        if tok.dep in INNER_DEPS and head is not None and head.pos in ("NOUN", "PROPN"):
            continue
        heads.append(tok.i)
    return heads


def _actors(tree: Tree, resolver: ActorResolver, places: set[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    heads = _candidate_heads(tree, resolver.kb)
    # larger phrases first, so that a nameless phrase inside one is known to be covered
    heads.sort(key=lambda h: tree.phrase(h)[0] - tree.phrase(h)[1])
    for head in heads:
        for ref in resolver.resolve(tree, head):
            if ref.span in seen or ref.span in places or not resolver.is_actor(ref):
                continue
            seen.add(ref.span)
            if ref.name is None and any(a <= ref.span[0] and ref.span[1] <= b for a, b in seen - {ref.span}):
                continue  # "state" in "state-controlled Belta": the larger phrase says it
            details: tuple[tuple[str, object], ...] = (
                ("name", ref.name),
                ("entity_id", ref.entity_id),
                ("country", ref.country),
                ("sector", ref.sector),
                ("resolved_by", ref.resolution.method if ref.resolution else None),
            )
            out.append(Mention(kind="actor", text=ref.text, span=ref.span, details=details))
    return out


def _times(sentence: ParsedSentence, tree: Tree, article: Article) -> list[Mention]:
    out = []
    for m in time_expressions(sentence, tree, article.published):
        start = sentence.span[0] + m.span[0]
        details = (("type", m.kind), ("value", m.value))
        out.append(Mention(kind="time", text=m.text, span=(start, start + len(m.text)), details=details))
    return out


def time_expressions(sentence: ParsedSentence, tree: Tree, anchor: date | None) -> list[TimeMention]:
    """The sentence's time expressions, each normalised in the tense of the clause it modifies ("said on
    Friday" is the Friday before the anchor, "will meet on Friday" the one after)."""
    found: dict[str, tuple[TimeMention, ...]] = {}

    def in_tense(tense: str) -> tuple[TimeMention, ...]:
        if tense not in found:
            found[tense] = tuple(find_time_expressions(sentence.text, anchor, tense))
        return found[tense]

    out = []
    for mention in in_tense("past"):
        start = sentence.span[0] + mention.span[0]
        token = next((t for t in tree.tokens if t.start >= start), tree.tokens[-1])
        tense = tense_around(tree, token.i)
        same = next((m for m in in_tense(tense) if m.span == mention.span), mention)
        out.append(same)
    return out


def _quantities(tree: Tree, persons: frozenset[str]) -> list[Mention]:
    out = []
    for tok in tree.tokens:
        nums = [k for k in tree.kids(tok.i, "nummod") if k.pos == "NUM" and k.ent_type not in NOT_QUANTITIES]
        if not nums:
            continue
        size = size_of(tree, [tok], persons)
        if size is None or size.span is None:
            continue
        details = (("count", size.count), ("unit", size.unit))
        out.append(Mention(kind="quantity", text=size.text, span=size.span, details=details))
    return out


def _content(tree: Tree, cue: Token, source: tuple[int, int]) -> tuple[int, int] | None:
    """The reported content: the clause the speech verb governs, or the clause it comments on."""
    clause = next(iter(tree.kids(cue.i, "ccomp")), None)
    if clause is not None:
        sub = tree.subtree(clause.i)
        return min(sub), max(sub) + 1
    owner = tree.head(cue.i)
    if owner is None:
        return None
    skip = set(tree.subtree(cue.i)) | set(range(*source))
    kept = [i for i in tree.subtree(owner.i) if i not in skip and tree.tokens[i].pos != "PUNCT"]
    if not kept:
        return None
    return min(kept), max(kept) + 1


def _speaker(tok: Token | None, resolver: ActorResolver, lexicon: Lexicon) -> bool:
    if tok is None:
        return False
    persons = lexicon.classes.get("persons", frozenset())
    return (
        tok.ent_type in ENTITY_LABELS
        or tok.lemma in persons
        or resolver.kb.sector_of(tok.lemma) is not None
        or (tok.pos == "PRON" and tok.lemma in ("he", "she", "they", "we", "i"))
    )


def _attributions(tree: Tree, lexicon: Lexicon, resolver: ActorResolver) -> list[Mention]:
    out = []
    cues = [t for t in tree.tokens if t.lemma in lexicon.cues.speech_verbs and t.pos == "VERB"]
    according = [t for t in tree.tokens if t.text.lower() == "according" and tree.kids(t.i, "prep")]
    for cue in according + cues:
        speech = None if cue in according else cue
        subject = tree.subject(cue.i) if speech is not None else None
        if speech is not None and not _speaker(subject, resolver, lexicon):
            continue  # "the pardon, added to ...", "considering ...": not someone speaking
        found = attribution_of(tree, speech, lexicon.cues, resolver)
        if found is None or found.span is None:
            continue
        if speech is None and found.cue != "according to":
            continue
        lo = next(i for i, t in enumerate(tree.tokens) if t.start >= found.span[0])
        hi = next(i for i, t in enumerate(tree.tokens) if t.end >= found.span[1]) + 1
        cue_hi = cue.i + 2 if speech is None else cue.i + 1
        content = _content(tree, cue, (lo, hi))
        details: tuple[tuple[str, object], ...] = (
            ("name", found.name),
            ("source_kind", found.kind),
            ("country", found.country),
            ("source", _span_dict(tree, lo, hi)),
            ("cue", _span_dict(tree, cue.i, cue_hi)),
            ("content", _span_dict(tree, *content) if content else None),
        )
        start, end = tree.char_span(min(lo, cue.i), max(hi, cue_hi))
        out.append(
            Mention(
                kind="attribution",
                text=tree.text(min(lo, cue.i), max(hi, cue_hi)),
                span=(start, end),
                details=details,
            )
        )
    return out


def annotate_article(parsed: ParsedArticle, annotator: Annotator) -> Annotated:
    """Every mention of one parsed article, in text order (ties: actor, time, place, quantity, ...)."""
    article = parsed.article
    resolver = ActorResolver.of(annotator.kb, article.published, annotator.lexicon.classes)
    places = find_places(parsed, annotator.kb, annotator.gazetteer)
    mentions: list[Mention] = [
        Mention(
            kind="place",
            text=p.text,
            span=p.span,
            details=(
                ("name", p.place.name),
                ("lat", p.place.lat),
                ("lon", p.place.lon),
                ("country", p.place.country),
                ("gazetteer_id", p.place.gazetteer_id),
                ("place_kind", p.place.kind),
            ),
        )
        for p in places
    ]
    place_spans = {p.span for p in places}
    for sentence in parsed.sentences:
        tree = Tree.of(sentence)
        mentions += _actors(tree, resolver, place_spans)
        mentions += _times(sentence, tree, article)
        mentions += _quantities(tree, resolver.persons)
        mentions += _attributions(tree, annotator.lexicon, resolver)
    mentions.sort(key=lambda m: (m.span[0], KINDS.index(m.kind), -m.span[1]))
    flags = tuple(
        Mention(
            kind="flag",
            text=article.text[c.span[0] : c.span[1]],
            span=c.span,
            details=(("flag", c.flag.kind), ("message", c.flag.message)),
        )
        for c in check_claims(parsed, annotator.kb)
    )
    return Annotated(article=article, mentions=tuple(mentions), flags=flags)


def annotate_articles(articles: Iterable[Article], annotator: Annotator | None = None) -> Iterator[Annotated]:
    """Annotations of each article, in input order (parsed in batches); an error raises."""
    tools = annotator or load_annotator()
    for parsed in parse_articles(articles, tools.nlp):
        yield annotate_article(parsed, tools)


def annotate_each(
    articles: Iterable[Article], annotator: Annotator | None = None, time_limit: float | None = None
) -> Iterator[Annotated | Failure]:
    """As `annotate_articles`, but an article that fails (or takes longer than its time limit, see
    `tidings.budget`) becomes a `Failure` naming its input, and the others go on. The annotator is
    loaded when the first article comes."""
    items = iter(articles)
    first = next(items, None)
    if first is None:
        return
    tools = annotator or load_annotator()
    for parsed in parse_each(chain([first], items), tools.nlp):
        if isinstance(parsed, Failure):
            yield parsed
            continue
        base = time_limit if time_limit is not None else configured_time_limit()
        limit = None if base is None else article_time_limit(len(parsed.article.text), base)
        watch = Stopwatch(limit=limit, stage="annotate")
        try:
            with run_within(watch):
                annotated = annotate_article(parsed, tools)
        except Exception as error:
            yield failure_of(parsed.article, watch.stage, error)
        else:
            yield annotated
