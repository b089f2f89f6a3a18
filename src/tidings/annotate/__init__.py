"""What Tidings sees in an article, mention by mention: actors, times, places, quantities, attributions.

`tidings annotate` prints this for users checking a result and for scoring each part apart. Every
mention says how it was resolved: actors carry the rule (`resolved_by`), times their TIMEX3 value, places
their gazetteer entry. The stages used are the same ones `extract` uses, called on every phrase instead of
only on the arguments of events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from ..budget import Stopwatch, article_time_limit, configured_time_limit
from ..budget import time_limit as run_within
from ..check.claims import check_claims
from ..codes import NAME_LABELS
from ..extract.attribution import find_attributions
from ..extract.lexicon import Lexicon, load_lexicon
from ..extract.size import size_of
from ..extract.times import story_times
from ..failures import failure_of
from ..knowledge.base import KnowledgeBase, load_knowledge
from ..knowledge.gazetteer import Gazetteer, load_gazetteer
from ..nlp import load_pipeline, parse_articles, parse_each
from ..records import Article, Failure, ParsedArticle, ParsedSentence
from ..resolve.actors import ActorResolver
from ..resolve.dates import TimeMention
from ..resolve.places import find_places
from ..syntax import Tree

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

# A noun inside a larger noun phrase is annotated with that phrase ("Belarusian" in "Belarusian President").
INNER_DEPS = frozenset({"compound", "amod", "nmod", "flat"})
NOT_QUANTITIES = frozenset({"DATE", "TIME", "ORDINAL"})
# sentences before an attribution in which a pronoun source ("he said") finds its name
ATTRIBUTION_CONTEXT = 3
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


def _char_dict(text: str, span: tuple[int, int] | None) -> dict[str, object] | None:
    return None if span is None else {"text": text, "span": list(span)}


def _candidate_heads(tree: Tree, kb: KnowledgeBase) -> list[int]:
    """Heads of noun phrases that may name an actor: named entities and sector nouns ("troops")."""
    heads: list[int] = []
    for tok in tree.tokens:
        if tok.pos not in ("NOUN", "PROPN"):
            continue
        named = tok.ent_type in NAME_LABELS
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


def _times(sentence: ParsedSentence, found: tuple[TimeMention, ...]) -> list[Mention]:
    out = []
    for m in found:
        start = sentence.span[0] + m.span[0]
        details = (("type", m.kind), ("value", m.value))
        out.append(Mention(kind="time", text=m.text, span=(start, start + len(m.text)), details=details))
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


def _attributions(
    tree: Tree, lexicon: Lexicon, resolver: ActorResolver, context: Sequence[ParsedSentence]
) -> list[Mention]:
    """The sentence's attributions, as `find_attributions` (the one attribution finder) gives them."""
    out = []
    for found in find_attributions(tree, lexicon.cues, resolver, context=context):
        parts = [found.cue, *(span for span in (found.source,) if span is not None)]
        start, end = min(a for a, _ in parts), max(b for _, b in parts)
        described = found.attribution
        details: tuple[tuple[str, object], ...] = (
            ("name", described.name if described else None),
            ("source_kind", described.kind if described else None),
            ("country", described.country if described else None),
            ("source", _char_dict(found.source_text, found.source)),
            ("cue", _char_dict(found.cue_text, found.cue)),
            ("content", _char_dict(found.content_text, found.content)),
            ("rule", found.rule),
            ("nested", found.nested),
        )
        text = tree.sentence.text[start - tree.sentence.span[0] : end - tree.sentence.span[0]]
        out.append(Mention(kind="attribution", text=text, span=(start, end), details=details))
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
    trees = [Tree.of(sentence) for sentence in parsed.sentences]
    times = story_times(parsed.sentences, article.published, trees)
    for k, (sentence, tree) in enumerate(zip(parsed.sentences, trees, strict=True)):
        mentions += _actors(tree, resolver, place_spans)
        mentions += _times(sentence, times[k])
        mentions += _quantities(tree, resolver.persons)
        context = parsed.sentences[max(0, k - ATTRIBUTION_CONTEXT) : k]
        mentions += _attributions(tree, annotator.lexicon, resolver, context)
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
